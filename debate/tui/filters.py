"""Filters on the tree: the claims with one tag, or of one holder (``by``).

A filter either highlights its claims (the rest dimmed) or shows only them, with their
ancestors kept, dimmed, for context; ``F`` switches between the two and escape clears it.
Which claims qualify is a question for the model (:mod:`debate.queries`); this module
turns the answer into a :class:`~debate.tui.widgets.tree_rows.ClaimFilter`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from debate.display import visible
from debate.queries import claims_held_by, claims_tagged, holder_counts, tag_counts
from debate.tui.screens.modals import PickerModal, PickItem
from debate.tui.widgets.tree_rows import ClaimFilter

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen


def _set_filter(screen: MapScreen, claim_filter: ClaimFilter | None) -> None:
    screen.claim_tree.set_filter(claim_filter)
    screen.set_focus(screen.claim_tree)
    screen.refresh_header()


def filter_by_tag(screen: MapScreen, tag: str, only: bool = True) -> None:
    ids = claims_tagged(screen.session.argmap, tag)
    _set_filter(screen, ClaimFilter(f"#{visible(tag)}", ids, only))


def filter_by_holder(screen: MapScreen, holder: str, only: bool = False) -> None:
    ids = claims_held_by(screen.session.argmap, holder)
    _set_filter(screen, ClaimFilter(f"by {visible(holder)}", ids, only))


def _counted(name: str, count: int) -> Text:
    return Text.assemble((name, "bold"), (f"  {count}", "dim"))


async def pick_tag(screen: MapScreen) -> None:
    """Show only the claims with the tag picked (most used tags first)."""
    counts = tag_counts(screen.session.argmap)
    if not counts:
        screen.notify("No claim has tags yet (t adds some)", timeout=2)
        return
    items = [PickItem(tag, _counted("#" + visible(tag), n), tag) for tag, n in counts]
    tag = await screen.app.push_screen_wait(PickerModal("Show only claims tagged…", items))
    if tag is not None:
        filter_by_tag(screen, tag)


async def pick_holder(screen: MapScreen) -> None:
    """Highlight the claims of the holder picked (most claims first)."""
    counts = holder_counts(screen.session.argmap)
    if not counts:
        screen.notify("No claim says who holds it (by = ...)", timeout=2)
        return
    items = [PickItem(h, _counted(visible(h), n), h) for h, n in counts]
    holder = await screen.app.push_screen_wait(PickerModal("Highlight the claims of…", items))
    if holder is not None:
        filter_by_holder(screen, holder)


def toggle_mode(screen: MapScreen) -> None:
    """Highlight ↔ show only, keeping the same claims."""
    current = screen.claim_tree.filter
    if current is None:
        screen.notify("No filter (# filters by tag, b by holder)", timeout=2)
        return
    screen.claim_tree.set_filter(ClaimFilter(current.label, current.ids, not current.only))
    screen.refresh_header()
