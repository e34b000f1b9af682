"""Fast, layout-keeping saves: rewrite only the tables that changed, where a person would.

The format is flat (one ``[claims.ID]`` table per claim, its notes right after it), so a file
splits cleanly into one *piece* of text per entity (``[map]``, a source, a claim, a
perspective). A save rewrites the pieces whose data changed, drops deleted ones, and places
new or moved ones next to their nearest kin; every other byte of the file is copied as it
was. Nothing here reads the whole file as TOML: :class:`Layout` finds the table headers with
one regular-expression pass, and the boundaries of a piece are worked out only for the
pieces a save touches, so a save costs what the change costs, not what the file costs.

Each piece is its **core** (the comment lines directly above its first header, its tables,
and comment lines directly below its last key) and, before it, its **gap** (blank lines and
comment blocks set apart by a blank line: a banner such as ``# Tree 2: ...`` that introduces
what follows). A new table goes right after its kin's core, so above the next gap's banner;
a moved table takes its core along and leaves its gap's comments where they were.

Anything unusual (keys outside tables, an entity split across the file, a header we cannot
read) makes :meth:`Layout.of` return ``None`` and the caller falls back to the whole-document
path. The caller proves every piece it writes reads back as the intended entity.

Pure: no imports from debate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from debate.locate import escaped

SECTIONS_WITH_IDS = ("sources", "claims", "perspectives")
SECTION_ORDER = ("map", *SECTIONS_WITH_IDS)
Entity = tuple[str, ...]

_HEADER_LINE = re.compile(r"^[ \t]*\[[^\n]*", re.MULTILINE)
_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]#]+?)[ \t]*\]\]?[ \t]*(?:#.*)?\r?$")
_SIMPLE_HEADER = re.compile(
    r"\[(\[)?(claims|sources|perspectives)\.([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_-]+)*\](?(1)\])\r?"
)
_KEY_PART = re.compile(r"""[ \t]*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*(\.|$)""")
_TRIPLE = re.compile("\"\"\"|'''")
_TRIPLES = ('"""', "'''")


@dataclass(slots=True)
class Piece:
    """One entity's place in the file: where its first and last headers start."""

    entity: Entity
    header: int
    last_header: int


@dataclass(slots=True)
class Layout:
    """A file's pieces, found without parsing it; piece bounds are computed on demand."""

    text: str
    pieces: list[Piece]
    newline: str
    _strings: list[tuple[int, int]] = field(default_factory=list)
    _string_starts: list[int] = field(default_factory=list)
    _cores: dict[int, tuple[int, int]] = field(default_factory=dict)
    _index: dict[Entity, int] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Layout | None:
        """The layout of ``text``, or ``None`` when it is laid out in a way we do not patch."""
        strings = _multiline_strings(text)
        if strings is None:
            return None
        starts = [start for start, _ in strings]
        pieces: list[Piece] = []
        index: dict[Entity, int] = {}
        for match in _HEADER_LINE.finditer(text):
            offset = match.start()
            if strings and _inside(starts, strings, offset):
                continue
            line = match.group()
            simple = _SIMPLE_HEADER.fullmatch(line)
            if simple is not None:
                entity: Entity | None = (simple.group(2), simple.group(3))
            else:
                header = _HEADER.match(line)
                path = _key_path(header.group(1)) if header else None
                entity = _entity(path) if path is not None else None
                if entity is None:
                    return None  # [claims] alone, a header we cannot read, or a non-map table
            assert entity is not None
            if pieces and pieces[-1].entity == entity:
                pieces[-1].last_header = offset
                continue
            if entity in index:
                return None  # an entity written in two places: leave it to tomlkit
            index[entity] = len(pieces)
            pieces.append(Piece(entity, offset, offset))
        if not pieces or not _only_comments(text[: pieces[0].header]):
            return None  # no tables, or keys before the first table
        newline = "\r\n" if "\r\n" in text and text.count("\r\n") == text.count("\n") else "\n"
        return cls(text, pieces, newline, strings, starts, {}, index)

    def find(self, entity: Entity) -> int | None:
        return self._index.get(entity)

    def entities(self, section: str) -> list[str]:
        """The ids of one section's entities, in file order."""
        return [piece.entity[1] for piece in self.pieces if piece.entity[0] == section]

    def core(self, number: int) -> tuple[int, int]:
        """Start and end offsets of piece ``number``'s core (its own comments and tables)."""
        if number not in self._cores:
            piece = self.pieces[number]
            start = self._attached_start(number)
            if number + 1 < len(self.pieces):
                limit = self._attached_start(number + 1)
            else:
                limit = len(self.text)
            self._cores[number] = (start, self._core_end(piece, limit))
        return self._cores[number]

    def gap(self, number: int) -> tuple[int, int]:
        """Start and end offsets of the blank lines and set-apart comments before a piece."""
        start = 0 if number == 0 else self.core(number - 1)[1]
        return start, self.core(number)[0]

    def core_text(self, number: int) -> str:
        start, end = self.core(number)
        text = self.text[start:end]
        return text if text.endswith("\n") else text + self.newline

    # ------------------------------------------------------------------ boundaries

    def _attached_start(self, number: int) -> int:
        """Where the comment lines directly above a piece's first header begin."""
        text, header = self.text, self.pieces[number].header
        floor = _line_end(text, self.pieces[number - 1].last_header) if number else 0
        start = header
        while start > floor:
            previous = text.rfind("\n", 0, start - 1) + 1
            if previous < floor or not _is_comment(text[previous:start]):
                break
            if self._in_string(previous):
                break
            start = previous
        return start

    def _core_end(self, piece: Piece, limit: int) -> int:
        """Past the last content line (and comments right below it) before ``limit``."""
        text = self.text
        floor = _line_end(text, piece.last_header)
        end = limit
        # back over blank lines and comments to the last line of keys
        while end > floor:
            previous = text.rfind("\n", 0, end - 1) + 1
            line = text[previous:end]
            if self._in_string(previous) or not (_is_comment(line) or not line.strip()):
                break
            end = previous
        # then forward over comment lines written right under it (no blank line between)
        while end < limit:
            following = text.find("\n", end)
            following = limit if following < 0 or following >= limit else following + 1
            if not _is_comment(text[end:following]):
                break
            end = following
        return max(end, floor)

    def _in_string(self, offset: int) -> bool:
        return bool(self._strings) and _inside(self._string_starts, self._strings, offset)


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _only_comments(text: str) -> bool:
    return all(not line.strip() or _is_comment(line) for line in text.splitlines())


def _inside(starts: list[int], spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` begins a line that lies inside a multi-line string."""
    where = bisect_right(starts, offset) - 1
    return where >= 0 and spans[where][0] <= offset < spans[where][1]


def _multiline_strings(text: str) -> list[tuple[int, int]] | None:
    """Spans of lines inside multi-line strings: from the end of the line that opens one to the
    end of the line that closes it. ``None`` if a string is left open (tomli refuses that)."""
    if '"""' not in text and "'''" not in text:
        return []
    spans: list[tuple[int, int]] = []
    state: str | None = None
    opened = 0
    line_start = -1
    for match in _TRIPLE.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if start == line_start:
            continue  # this line was already read whole
        line_start = start
        end = _line_end(text, start)
        before = state
        state = _string_state(text[start:end], state)
        if before is None and state is not None:
            opened = end
        elif before is not None and state is None:
            spans.append((opened, end))
        elif before is not None and state is not None and end > opened:
            pass  # closed and reopened on one line: the span runs on
    return None if state is not None else spans


def _string_state(line: str, state: str | None) -> str | None:
    """Whether a multi-line string is open at the end of ``line``.

    One-line strings and comments are stepped over, so a triple quote inside an ordinary
    string opens nothing.
    """
    index = 0
    while index < len(line):
        if state is not None:
            end = line.find(state, index)
            while end > 0 and state == _TRIPLES[0] and escaped(line, end):
                end = line.find(state, end + 1)
            if end < 0:
                return state
            index, state = end + 3, None
            while index < len(line) and line[index] in "\"'" and line[index] == line[end]:
                index += 1  # up to two more quotes belong to the content: """a"""""
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


# ------------------------------------------------------------------------------- placing

Position = tuple[int, ...]


def place(
    file_order: Sequence[str],
    new_order: Sequence[str],
    group_of: Callable[[str], Hashable],
    touched: Iterable[str],
    first_anchor: Callable[[Any], str | None],
    last_of: Callable[[str], Iterable[str]] | None = None,
) -> tuple[dict[str, tuple[str, int]], list[str]] | None:
    """Where the entities of one section go: most stay, the rest go next to their kin.

    ``file_order`` lists the section's entities as the file has them (only those kept);
    ``new_order`` the wanted order (new ones included). Entities of one group (a claim's
    siblings; a whole section otherwise) must end up in ``new_order``'s order; the others'
    relative order does not matter. Entities not in ``touched`` are kept in place whenever
    they can be (only those the user moved, move). Each one that must be placed goes right
    after its previous sibling, or after the last entity ``last_of(sibling)`` names (the
    sibling's subtree), or, as the first of its group, after ``first_anchor(group)`` (the
    parent) or, when that is ``None``, right before the group's first kept entity.

    Returns ``{entity: (anchor, side)}`` (side 1: after the anchor's core, -1: before it)
    for every entity to place, and the final order of the section's entities; ``None`` if
    no placement keeps every group's order.
    """
    position: dict[str, Position] = {key: (index, 0) for index, key in enumerate(file_order)}
    touched = set(touched)
    groups: dict[Hashable, list[str]] = {}
    for key in new_order:
        groups.setdefault(group_of(key), []).append(key)
    stable: set[str] = set()
    for members in groups.values():
        stable.update(_stable(members, position, touched))
    unplaced = [key for key in new_order if key not in stable]
    if not unplaced:
        return {}, sorted(new_order, key=position.__getitem__)
    for key in unplaced:
        position.pop(key, None)
    sibling_before = {}
    for members in groups.values():
        for previous, key in zip([None, *members], members, strict=False):
            sibling_before[key] = previous
    placed: dict[str, tuple[str, int]] = {}
    count: dict[Position, int] = {}

    def after(anchor: str) -> Position:
        base = position[anchor]
        count[base] = count.get(base, 0) + 1
        return (*base, count[base])

    for key in _parents_first(unplaced, sibling_before, group_of):
        sibling = sibling_before[key]
        if sibling is not None and sibling in position:
            anchor = sibling
            if last_of is not None:
                kin = [k for k in last_of(sibling) if k in position]
                anchor = max(kin, key=position.__getitem__, default=sibling)
            position[key] = after(anchor)
            placed[key] = (anchor, 1)
            continue
        group = group_of(key)
        parent = first_anchor(group)
        if parent is not None and parent in position:
            position[key] = after(parent)
            placed[key] = (parent, 1)
            continue
        later = [k for k in groups[group] if k in position and k != key]
        if not later and parent is None:
            return None
        target = min(later, key=position.__getitem__) if later else None
        if target is None:
            return None
        base = position[target]
        count[(*base, -1)] = count.get((*base, -1), 0) + 1
        position[key] = (*base[:-1], base[-1] - 1, count[(*base, -1)])
        placed[key] = (target, -1)
    order = sorted(new_order, key=position.__getitem__)
    if not _groups_in_order(order, groups, group_of):
        return None
    return placed, order


def _stable(members: list[str], position: dict[str, Position], touched: set[str]) -> set[str]:
    """The siblings that keep their place: the longest run of untouched ones already in
    order, then each touched one that still fits between its kept neighbours."""
    present = [key for key in members if key in position]
    untouched = [key for key in present if key not in touched]
    kept = set(_longest_increasing(untouched, position))
    if len(kept) == len(present):
        return kept
    next_kept: dict[str, Position | None] = {}
    upcoming: Position | None = None
    for key in reversed(present):
        next_kept[key] = upcoming
        if key in kept:
            upcoming = position[key]
    last: Position | None = None
    for key in present:
        if key in kept:
            last = position[key]
            continue
        if key in touched:
            upper = next_kept[key]
            here = position[key]
            if (last is None or last < here) and (upper is None or here < upper):
                kept.add(key)
                last = here
    return kept


def _longest_increasing(keys: list[str], position: dict[str, Position]) -> list[str]:
    """The longest subsequence of ``keys`` whose file positions increase (patience sort)."""
    tails: list[Position] = []
    tail_keys: list[int] = []
    previous: list[int] = [-1] * len(keys)
    for index, key in enumerate(keys):
        where = bisect_right(tails, position[key])
        if where and tails[where - 1] == position[key]:
            where -= 1
        if where == len(tails):
            tails.append(position[key])
            tail_keys.append(index)
        else:
            tails[where] = position[key]
            tail_keys[where] = index
        previous[index] = tail_keys[where - 1] if where else -1
    out: list[str] = []
    index = tail_keys[-1] if tail_keys else -1
    while index >= 0:
        out.append(keys[index])
        index = previous[index]
    return out[::-1]


def _parents_first(
    keys: list[str], sibling_before: dict[str, str | None], group_of: Callable[[str], Hashable]
) -> list[str]:
    """``keys`` ordered so each comes after its previous sibling and its group's owner."""
    pending = set(keys)
    out: list[str] = []
    done: set[str] = set()

    def visit(key: str) -> None:
        stack = [key]
        while stack:
            current = stack[-1]
            needs = [
                other
                for other in (sibling_before[current], group_of(current))
                if isinstance(other, str) and other in pending and other not in done
            ]
            needs = [other for other in needs if other not in stack]
            if needs:
                stack.append(needs[0])
                continue
            stack.pop()
            if current not in done:
                done.add(current)
                out.append(current)

    for key in keys:
        if key not in done:
            visit(key)
    return out


def _groups_in_order(
    order: list[str], groups: dict[Hashable, list[str]], group_of: Callable[[str], Hashable]
) -> bool:
    seen: dict[Hashable, list[str]] = {}
    for key in order:
        seen.setdefault(group_of(key), []).append(key)
    return seen == groups


# ------------------------------------------------------------------------------- writing


@dataclass(slots=True)
class Patch:
    """What a save does to a layout: cores replaced, pieces removed, text inserted."""

    replaced: dict[int, str] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    after: dict[int, list[str]] = field(default_factory=dict)
    before: dict[int, list[str]] = field(default_factory=dict)

    def insert(self, anchor: int, side: int, text: str) -> None:
        (self.after if side > 0 else self.before).setdefault(anchor, []).append(text)


def apply(layout: Layout, patch: Patch) -> str:
    """The layout's text with ``patch`` applied; untouched stretches are copied whole."""
    text, newline = layout.text, layout.newline
    out: list[str] = []
    cursor = 0
    for number in sorted({*patch.replaced, *patch.removed, *patch.after, *patch.before}):
        gap_start, core_start = layout.gap(number)
        core_end = layout.core(number)[1]
        if number in patch.removed:
            out.append(text[cursor:gap_start])
            gap = text[gap_start:core_start]
            if not _only_blank(gap):  # keep its comments; the next gap spaces them
                out.append(_without_trailing_blank_lines(gap))
        else:
            out.append(text[cursor:core_start])
        for inserted in patch.before.get(number, ()):
            out.append(inserted + newline)
        if number in patch.replaced:
            out.append(patch.replaced[number])
        elif number not in patch.removed:
            out.append(text[core_start:core_end])
            if not text[core_start:core_end].endswith("\n") and number in patch.after:
                out.append(newline)
        for inserted in patch.after.get(number, ()):
            out.append(newline + inserted)
        cursor = core_end
    out.append(text[cursor:])
    return "".join(out)


def _only_blank(text: str) -> bool:
    return not text.strip()


def _without_trailing_blank_lines(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and not lines[-1].strip():
        lines.pop()
    return "".join(lines)
