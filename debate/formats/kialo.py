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
outside the export are left out, and so are links to a claim's own parent or child (they add
nothing to the tree, and in Kialo they would say the parent bears on the claim or the child
sits twice under it). A map with several trees numbers them 1., 2., 3.

Text is kept as written, spaces and all; control characters are shown as ``\\xNN``. A claim
runs over as many lines as its text has (the title is one line). Kialo's text is Markdown and
Kialo writes parentheses as ``\\(`` ``\\)``, so this export does too; a backslash before
punctuation is doubled (``\\*`` is written ``\\\\*``, which a Markdown reader turns back into
``\\*``). Where a line of text could pass for Kialo's own syntax it gets one escape, which a
Markdown reader drops again: a claim starting with ``->`` (``-> See`` would be a link), a line
starting like a claim number (``1\\.``), a root's text starting like a stance (``Pro\\:``), a
line ``Sources\\:``.

A claim whose parent bears back on it (``mutual``) gets a ``-> See`` line to its parent, with
the stance of that relation. Parts of a root whose children are all parts are the answers of
a multi-thesis discussion, ``Thesis:``. The map description's ``Sources:`` section (what Kialo
writes at the end, and debate reads into the description) is written back at the end.
"""

from __future__ import annotations

import re

from debate.display import visible
from debate.formats import ExportOptions, Scores
from debate.formats.view import View
from debate.model import ArgumentMap

STANCES = {"pro": "Pro", "con": "Con", "part": "Pro"}
_BACKSLASH_BEFORE_PUNCTUATION = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_PARENTHESES = re.compile(r"[()]")
_LOOKS_NUMBERED = re.compile(r"^(\s*\d+(?:\.\d+)*)\.(?=\s|$)")
_LOOKS_LIKE_STANCE = re.compile(r"^(\s*(?:pro|con|thesis)\s*):", re.I)
_SOURCES = re.compile(r"^(\s*sources\s*):(\s*)$", re.I)


def line_text(text: str) -> str:
    """Text as one Kialo line (the title's): line breaks become spaces, other spaces stay."""
    return _escaped(" ".join(line.strip() for line in visible(text).split("\n") if line.strip()))


def claim_text(text: str, root: bool = False) -> str:
    """Claim text as Kialo lines, kept as written: only what could pass for syntax escaped."""
    lines = _escaped(visible(text)).split("\n")
    for index, line in enumerate(lines):
        line = _LOOKS_NUMBERED.sub(r"\1\\.", line) if index else line
        lines[index] = _SOURCES.sub(r"\1\\:\2", line)
    if root:
        lines[0] = _LOOKS_LIKE_STANCE.sub(r"\1\\:", lines[0])
    return "\n".join(lines)


def _escaped(text: str) -> str:
    text = _BACKSLASH_BEFORE_PUNCTUATION.sub(r"\\\\", text)
    text = _PARENTHESES.sub(r"\\\g<0>", text)
    return "\\" + text if text.startswith("->") else text


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    out = [f"Discussion Title: {line_text(argmap.map.title)}", ""]
    theses = {
        row.id
        for row in view.rows
        if row.parent is None
        and row.children
        and all(view.argmap.claims[child].stance == "part" for child in row.children)
    }
    numbers = view.full_numbers()  # Kialo's numbers are its structure: never shortened
    for row in view.each():
        stance = ""
        if row.stance:
            stance = "Thesis: " if row.parent in theses else f"{STANCES[row.stance]}: "
        out.append(f"{numbers[row.id]}. {stance}{claim_text(row.text, root=row.parent is None)}")
        if not row.children:
            out += _links(view, numbers, row.id, 1)
            out += _closing_links(view, numbers, row.id)
    sources = _sources_section(argmap.map.description)
    if sources:
        out.append(sources)
    return "\n".join(out) + "\n"


def _sources_section(description: str | None) -> str | None:
    """The description from its ``Sources:`` line on: Kialo's footnotes, read in on import."""
    lines = (description or "").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip().lower() == "sources:"), None)
    return None if start is None else "\n".join(lines[start:])


def _links(view: View, numbers: dict[str, str], claim_id: str, first: int) -> list[str]:
    """``-> See`` lines: the claim's parent when it bears back (mutual), then its links."""
    row = view.by_id[claim_id]
    slots = [(STANCES[row.claim.mutual], row.parent)] if row.claim.mutual and row.parent else []
    slots += [
        ("Pro", target)
        for target in view.links(row)
        if target != row.parent and view.by_id[target].parent != row.id
    ]
    number = numbers[claim_id]
    return [
        f"{number}.{index}. {stance}: -> See {numbers[target]}."
        for index, (stance, target) in enumerate(slots, first)
    ]


def _closing_links(view: View, numbers: dict[str, str], leaf: str) -> list[str]:
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
        out += _links(view, numbers, parent.id, len(parent.children) + 1)
        current = parent
    return out
