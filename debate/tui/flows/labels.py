"""How dialogs name a claim: a title line (number and text) and a picker row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from debate.display import one_line
from debate.tui.screens.modals import PickItem

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen

NEW = "\0new"
"""The value of a picker's "+ new …" row (no id or name contains a NUL)."""


def claim_title(screen: MapScreen, verb: str, claim_id: str) -> Text:
    """``Note on 1.2 <the claim's text>``: which claim a dialog is about."""
    claim = screen.session.argmap.claims[claim_id]
    title = Text(f"{verb} {screen.claim_tree.number(claim_id)} ")
    title.append(one_line(claim.text, 60), "italic")
    return title


def claim_item(screen: MapScreen, claim_id: str) -> PickItem:
    """A claim as a picker row, found by its number, words or id."""
    claim = screen.session.argmap.claims[claim_id]
    number = screen.session.tree.number(claim_id)
    label = Text(number + " ", style="dim")
    label.append(one_line(claim.text, 70))
    label.append(f"  {claim_id}", "dim")
    return PickItem(claim_id, label, f"{number} {claim.text} {claim_id}")
