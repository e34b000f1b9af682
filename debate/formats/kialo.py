"""Kialo's plain-text discussion format, the one Kialo exports and imports::

    Discussion Title: Will Chinese AI models catch up to Claude by early 2027?

    1. Chinese AI models will catch up to Claude by early 2027.
    1.1. Pro: Musk said "catch up", not "narrow the gap"...
    1.1.1. Con: ...
    1.2. Pro: -> See 2.

The format carries structure and text only: no weights, strengths, tags, notes or sources.
Kialo has only pro and con, so a ``part`` claim (a dimension that raises its parent) is written
as ``Pro``. A see-also link becomes a ``-> See N.`` line under the claim that makes it (after
its real children); Kialo's links are pro/con claims, and ours have no stance, so they are
written as ``Pro`` and a reader should take ``-> See`` lines as see-also links. Links to claims
outside the export are left out. A map with several trees numbers them 1., 2., 3.

A claim is one line, so line breaks become spaces and control characters are shown as
``\\xNN``. Kialo's text is Markdown, so a backslash before punctuation is doubled (``\\*`` is
written ``\\\\*``, which a Markdown reader turns back into ``\\*``), and a claim whose own
text starts with ``-> See`` gets a backslash in front so it is not read as a link.
"""

from __future__ import annotations

import re

from debate.display import visible
from debate.formats import ExportOptions, Scores
from debate.formats.view import View
from debate.model import ArgumentMap

STANCES = {"pro": "Pro", "con": "Con", "part": "Pro"}
_BREAKS = re.compile(r"\s+")
_BACKSLASH_BEFORE_PUNCTUATION = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def line_text(text: str) -> str:
    """Claim text as one Kialo line."""
    flat = _BREAKS.sub(" ", visible(text)).strip()
    flat = _BACKSLASH_BEFORE_PUNCTUATION.sub(r"\\\\", flat)
    return "\\" + flat if flat.startswith("-> See") else flat


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    out = [f"Discussion Title: {line_text(argmap.map.title)}", ""]
    for row in view.each():
        stance = f"{STANCES[row.stance]}: " if row.stance else ""
        out.append(f"{row.number}. {stance}{line_text(row.text)}")
        if not row.children:
            out += _links(view, row.id, row.number, 1)
            out += _closing_links(view, row.id)
    return "\n".join(out) + "\n"


def _links(view: View, claim_id: str, number: str, first: int) -> list[str]:
    return [
        f"{number}.{index}. Pro: -> See {view.by_id[target].number}."
        for index, target in enumerate(view.links(view.by_id[claim_id]), first)
    ]


def _closing_links(view: View, leaf: str) -> list[str]:
    """Links of every ancestor whose subtree ends at ``leaf``, innermost first.

    A claim's ``-> See`` lines come after its real children (numbered on from them), so they
    are written once the last row of its subtree is out.
    """
    out: list[str] = []
    current = view.by_id[leaf]
    while current.parent is not None:
        parent = view.by_id[current.parent]
        if parent.children[-1] != current.id:
            break
        out += _links(view, parent.id, parent.number, len(parent.children) + 1)
        current = parent
    return out
