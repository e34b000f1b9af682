"""Fast, layout-keeping saves for big maps: rewrite only the tables that changed.

tomlkit keeps every comment and space, but parsing a whole 10,000-claim file with it takes
seconds. The format is flat (one ``[claims.ID]`` table per claim, its notes right after it),
so a file splits cleanly into one slice of text per entity (``[map]``, a source, a claim, a
perspective). A save re-parses with tomlkit only the slices whose data changed, drops deleted
ones, appends new ones and re-lays slices when claims are reordered.

Anything unusual (keys outside tables, an entity split across the file, a header we cannot
read) makes :func:`patch_text` return ``None`` and the caller falls back to the whole-document
path; and the caller checks the patched text parses back to exactly the intended map, so
this fast path can never write something different from the slow one's meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]#]+?)[ \t]*\]\]?[ \t]*(?:#.*)?\r?$")
_KEY_PART = re.compile(r"""[ \t]*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*(\.|$)""")
SECTIONS_WITH_IDS = ("sources", "claims", "perspectives")
Entity = tuple[str, ...]


@dataclass(slots=True)
class _Slice:
    entity: Entity
    core: str  # the entity's own text: leading comments, headers, keys
    gap: str = ""  # blank lines after it; they belong to the position, not the entity


@dataclass(slots=True)
class _Layout:
    preamble: str
    slices: list[_Slice] = field(default_factory=list)


def patch_text(
    text: str,
    old: dict[str, Any],
    new: dict[str, Any],
    render_entity: Any,
    merge_entity: Any,
) -> str | None:
    """The file text updated from ``old`` to ``new`` data, or ``None`` if we cannot do it here.

    ``render_entity(section, key, data) -> str`` writes a new entity's TOML;
    ``merge_entity(entity_text, section, key, before, after) -> str`` rewrites one entity's
    slice with tomlkit. Both come from the store so there is one writer.
    """
    if "\r\n" in text and text.count("\r\n") == text.count("\n"):
        patched = patch_text(text.replace("\r\n", "\n"), old, new, render_entity, merge_entity)
        return None if patched is None else patched.replace("\n", "\r\n")
    layout = _split(text)
    if layout is None:
        return None
    by_entity = {piece.entity: piece for piece in layout.slices}
    if len(by_entity) != len(layout.slices):
        return None  # an entity written in two places: leave it to tomlkit
    for section in ("map", *SECTIONS_WITH_IDS):
        before, after = old.get(section, {}), new.get(section, {})
        if section == "map":
            if before != after:
                piece = by_entity.get(("map",))
                if piece is None:
                    return None
                piece.core = merge_entity(piece.core, "map", None, before, after)
            continue
        for key, entry in after.items():
            piece = by_entity.get((section, key))
            if piece is None:
                continue
            if before.get(key) != entry:
                piece.core = merge_entity(piece.core, section, key, before.get(key, {}), entry)
    # deletions, additions and order, section by section: each section's existing slots are
    # refilled in the new order, and a new entity rides along right after the entity that
    # precedes it in the new order (or before the first one), so "add sibling" stays fast.
    positions: dict[str, list[int]] = {}
    for index, piece in enumerate(layout.slices):
        positions.setdefault(piece.entity[0], []).append(index)
    slots: dict[int, _Slice | None] = {}
    for section in SECTIONS_WITH_IDS:
        after = new.get(section, {})
        indexes = positions.get(section, [])
        ordered: list[_Slice] = []
        leading: list[str] = []
        for key, entry in after.items():
            piece = by_entity.get((section, key))
            if piece is not None:
                ordered.append(_Slice(piece.entity, piece.core))
                continue
            rendered = render_entity(section, key, entry).strip("\n")
            if ordered:
                ordered[-1].core += "\n\n" + rendered
            else:
                leading.append(rendered)
        if (leading or len(ordered) < len(after)) and not ordered:
            return None  # nothing of this section left in the file to anchor new entities to
        if leading:
            ordered[0].core = "\n\n".join(leading) + "\n\n" + ordered[0].core
        for slot_number, index in enumerate(indexes):
            slots[index] = ordered[slot_number] if slot_number < len(ordered) else None
    result: list[_Slice] = []
    for index, piece in enumerate(layout.slices):
        if piece.entity[0] == "map":
            result.append(piece)
            continue
        placed = slots.get(index)
        if placed is None:
            continue
        result.append(_Slice(placed.entity, placed.core, piece.gap))
    if result and not result[-1].gap.endswith("\n") and not result[-1].core.endswith("\n"):
        result[-1].gap += "\n"
    return layout.preamble + "".join(piece.core + piece.gap for piece in result)


def _split(text: str) -> _Layout | None:
    """Cut the text into a preamble and one slice per entity; ``None`` if unusual."""
    lines = text.splitlines(keepends=True)
    headers: list[tuple[int, Entity]] = []
    in_string: str | None = None
    for number, line in enumerate(lines):
        if in_string is None:
            match = _HEADER.match(line)
            if match:
                path = _key_path(match.group(1))
                if path is None:
                    return None
                entity = _entity(path)
                if entity is None:
                    return None
                headers.append((number, entity))
            elif line.strip() and not line.lstrip().startswith("#") and not headers:
                return None  # top-level keys before the first table
        in_string = _string_state(line, in_string)
    if in_string is not None or not headers:
        return None
    starts = [_with_leading_comments(lines, number) for number, _ in headers]
    layout = _Layout("".join(lines[: starts[0]]))
    groups: list[tuple[Entity, int, int]] = []
    for index, (_, entity) in enumerate(headers):
        end = starts[index + 1] if index + 1 < len(headers) else len(lines)
        if groups and groups[-1][0] == entity:
            groups[-1] = (entity, groups[-1][1], end)
        else:
            groups.append((entity, starts[index], end))
    for entity, start, end in groups:
        chunk = "".join(lines[start:end])
        core = chunk.rstrip("\n")
        gap = chunk[len(core) :]
        if not gap:
            core, gap = chunk, ""
        layout.slices.append(_Slice(entity, core, gap))
    return layout


def _with_leading_comments(lines: list[str], header: int) -> int:
    start = header
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return start


_TRIPLES = ('"""', "'''")


def _string_state(line: str, state: str | None) -> str | None:
    """Whether a multi-line string is open at the end of ``line``.

    Only lines holding a triple quote can change it, so the character walk runs on those
    alone; one-line strings and comments are stepped over, so a triple quote inside an
    ordinary string opens nothing.
    """
    if _TRIPLES[0] not in line and _TRIPLES[1] not in line:
        return state
    index = 0
    while index < len(line):
        if state is not None:
            end = line.find(state, index)
            while end > 0 and state == _TRIPLES[0] and _escaped(line, end):
                end = line.find(state, end + 1)
            if end < 0:
                return state
            index, state = end + 3, None
            continue
        char = line[index]
        if char == "#":
            return None
        if line.startswith(_TRIPLES, index):
            state, index = line[index : index + 3], index + 3
        elif char in "\"'":
            end = index + 1
            while end < len(line) and line[end] != char:
                end += 2 if char == '"' and line[end] == "\\" else 1
            index = end + 1
        else:
            index += 1
    return state


def _escaped(text: str, index: int) -> bool:
    """True when the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _key_path(raw: str) -> tuple[str, ...] | None:
    parts: list[str] = []
    position = 0
    while position < len(raw):
        match = _KEY_PART.match(raw, position)
        if match is None:
            return None
        token = match.group(1)
        parts.append(token[1:-1] if token[0] in "\"'" else token)
        position = match.end()
        if not match.group(2):
            break
    return tuple(parts) if position >= len(raw.rstrip()) else None


def _entity(path: tuple[str, ...]) -> Entity | None:
    if path == ("map",):
        return ("map",)
    if len(path) >= 2 and path[0] in SECTIONS_WITH_IDS:
        return (path[0], path[1])
    return None
