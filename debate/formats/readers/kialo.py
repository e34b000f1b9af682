"""Kialo's plain-text export: ``Discussion Title:``, path numbers, ``Pro:``/``Con:``.

::

    Discussion Title: Should the city build a tram line?

    1. The city should build a tram line.
    1.1. Pro: Trams carry more people per driver than buses.
    1.1.1. Con: Only at rush hour;
    the rest of the day they run half empty.
    1.2. Con: -> See 1.1.1.

A numbered line starts a claim; every other line continues the claim above it (claims run
over several lines). Numbers must count up without gaps: ``1.3`` after ``1.1`` means a claim
was lost, and importing would silently hang the rest of the tree in the wrong place, so it
is an error. ``-> See N.`` reuses claim N in a second place; a debate claim has one place, so
it becomes a see-also link from the claim above it to claim N, except when N is that claim's
own parent: then the two bear on each other, kept as ``mutual`` (with the slot's stance) on
the claim. Kialo claims are Markdown:
``\\*`` and friends are unescaped. A ``Sources:`` section at the end (footnotes) goes into the
map's description. Multi-thesis discussions write ``Thesis:`` for the answers to the question;
debate reads them as ``part`` of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from debate.formats.readers.common import (
    ImportResult,
    Report,
    SourceText,
    unescape_markdown,
)
from debate.formats.readers.graph import Graph, Node
from debate.rules import Stance

_ITEM = re.compile(r"^\s*(\d+(?:\.\d+)*)\.(?:\s+|$)(?:(Pro|Con|Thesis)\s*:(?:\s+|$))?(.*)$", re.I)
_SEE = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.I)
_TITLE = re.compile(r"^\s*Discussion Title\s*:\s*(.*)$", re.I)
_STANCES: dict[str, Stance] = {"pro": "pro", "con": "con", "thesis": "part"}


@dataclass
class _Item:
    number: str
    stance: str | None
    line: int
    lines: list[str] = field(default_factory=list)


def read(source: SourceText) -> ImportResult:
    report = Report(source.name)
    lines = source.text.split("\n")
    title, start = _title(lines, report, source)
    description: list[str] = []
    footer: list[str] = []
    items: list[_Item] = []
    children: dict[str, int] = {}
    for index in range(start, len(lines)):
        line = lines[index]
        lineno = index + 1
        if footer or (items and line.strip().lower() == "sources:"):
            footer.append(line)
            continue
        match = _ITEM.match(line)
        if match is None:
            (items[-1].lines if items else description).append(line)
            continue
        number = match.group(1)
        _check_number(number, children, report, lineno)
        stance = match.group(2)
        items.append(_Item(number, stance.lower() if stance else None, lineno, [match.group(3)]))
    graph = Graph(report)
    _build(graph, items, report)
    text = "\n".join(description).strip()
    if footer:
        text = (text + "\n\n" if text else "") + "\n".join(footer).strip()
    return graph.build("kialo", title, description=unescape_markdown(text) or None)


def _title(lines: list[str], report: Report, source: SourceText) -> tuple[str, int]:
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = _TITLE.match(line)
        if match:
            return unescape_markdown(match.group(1).strip()), index + 1
        break
    report.warn("no 'Discussion Title:' line; the map is titled after the file", 1, 1)
    return source.stem, 0


def _check_number(number: str, children: dict[str, int], report: Report, lineno: int) -> None:
    """Numbers count 1, 2, 3 under each parent; anything else means a claim went missing."""
    parts = number.split(".")
    parent = ".".join(parts[:-1])
    if parent and parent not in children:
        raise report.error(
            f"claim {_short(number)}. has no parent {_short(parent)}. above it: a gap in the "
            "numbering (is a claim missing?)",
            lineno,
            1,
        )
    expected = children.get(parent, 0) + 1
    if len(parts[-1]) > 18 or int(parts[-1]) != expected:
        wanted = f"{_short(parent)}.{expected}" if parent else str(expected)
        raise report.error(
            f"claim {_short(number)}. where {wanted}. was expected: a gap in the numbering "
            "(is a claim missing?)",
            lineno,
            1,
        )
    children[parent] = expected
    children[number] = 0


def _short(number: str) -> str:
    """A claim number for a message (a corrupt file may hold thousands of digits)."""
    return number if len(number) <= 40 else number[:39] + "…"


def _build(graph: Graph, items: list[_Item], report: Report) -> None:
    alias: dict[str, str] = {}  # a "-> See" slot's number -> the claim it points to
    links: list[tuple[str, str, str | None, int]] = []
    parent_of: dict[str, str] = {}
    for item in items:
        parent = item.number.rpartition(".")[0]
        parent = alias.get(parent, parent)
        text = "\n".join(item.lines).strip()
        see = _SEE.match(text)
        if see:
            target = see.group(1)
            alias[item.number] = target
            if parent:
                links.append((parent, target, item.stance, item.line))
            else:
                report.warn(f"'-> See {target}.' outside any claim; ignored", item.line, 1)
                report.dropped("'-> See' lines outside any claim")
            continue
        if parent:
            parent_of[item.number] = parent
        if not text:
            report.warn(f"claim {item.number}. has no text", item.line, 1)
            text = "(no text)"
        graph.add(
            Node(
                item.number,
                unescape_markdown(text),
                line=item.line,
                col=1,
                origin=f"{item.number}.",
            )
        )
        if not parent:
            continue
        stance = _STANCES.get(item.stance or "")
        if stance is None:
            report.warn_grouped(
                "no-stance", "a claim without 'Pro:' or 'Con:'; read as pro", item.line, 1
            )
            stance = "pro"
        elif item.stance == "thesis":
            report.warn_grouped(
                "thesis", "a 'Thesis:' answer to the question; read as part of it", item.line, 1
            )
        graph.relate(item.number, parent, stance, item.line, 1)
    for source, target, slot, line in links:
        target = alias.get(target, target)
        if target not in graph.nodes:
            report.warn(f"'-> See {target}.' names no claim in this file; ignored", line, 1)
            report.dropped("'-> See' lines naming no claim")
        elif source not in graph.nodes:
            continue
        elif parent_of.get(source) == target and slot in ("pro", "con"):
            # The parent appears again under its own child: the two bear on each other.
            graph.relate(target, source, _STANCES[slot], line, 1)
        elif parent_of.get(target) == source:
            report.warn(
                f"'-> See {target}.' under claim {source}., which is already its parent; the "
                "second place is dropped",
                line,
                1,
            )
            report.dropped("'-> See' lines to a claim's own child")
        else:
            report.warn_grouped(
                "see",
                "'-> See N.' read as a see-also link to claim N (a claim has one place in "
                "debate, so a pro/con written on the link is not kept)",
                line,
                1,
            )
            graph.link(source, target)
