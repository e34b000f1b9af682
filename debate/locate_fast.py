"""Locating many key paths at once: a regular-expression index of the table headers, and the
key scanner run over a few lines instead of the whole file.

``debate lint`` on a 100,000-claim map locates a finding for nearly every claim; the key
scanner of :mod:`debate.locate` reads the text one character at a time in Python, about as
slow as reading the file ten times. The :class:`HeaderIndex` finds every header with one
regular-expression scan and answers each path it is sure of from the few lines that hold
it; :func:`locate_paths` leaves the rest to one whole-file scan. Both give the same line and
column (a property test checks it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from debate.locate import KeyLocator, KeyPath, Position


def locate_paths(text: str, paths: Sequence[KeyPath]) -> list[Position]:
    """The position of each key path, as :meth:`KeyLocator.find` gives it, in order."""
    index = HeaderIndex.of(text)
    found: list[Position | None] = (
        index.find_all(paths) if index is not None else [None] * len(paths)
    )
    rest = [path for path, position in zip(paths, found, strict=True) if position is None]
    if not rest:
        return [position for position in found if position is not None]
    locator = KeyLocator(text, wanted=rest)
    return [
        locator.find(path) if position is None else position
        for path, position in zip(paths, found, strict=True)
    ]


Entity = tuple[str, str]
SECTIONS = frozenset(("sources", "claims", "perspectives"))

_BRACKET = re.compile(r"[ \t]*\[")
"""A line that starts with ``[``: a header, or a line of a multi-line array."""

_TABLE = re.compile(
    r"[ \t]*(\[(sources|claims|perspectives)\.([A-Za-z0-9_-]+)\])[ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)"
)
"""An entity's own header, ``[claims.ID]``, with an optional comment."""

_HEADER_NAME = re.compile(
    r"[ \t]*(?:(\[\[?)([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?(?:\.[A-Za-z0-9_-]+)*(\]\]?)"
    r"[ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)|\[)"
)
"""A line that starts with ``[``: a header of bare keys, its brackets and first two keys
captured, or else anything (the groups left empty)."""


_NEXT_BRACKET = re.compile(r"\n[ \t]*\[")
"""The next line that starts with "[": where a table's own lines end."""


@lru_cache(maxsize=256)
def _key_line(key: str) -> re.Pattern[str]:
    """A line that sets ``key`` (``key =`` at its start)."""
    return re.compile(rf"^[ \t]*({re.escape(key)})[ \t]*=", re.MULTILINE)


def _lines_matching(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern`` matched at the start of every line: on the first line, then after each
    ``\n`` (a literal first character, which the regular expression engine finds much faster
    than a multi-line ``^``); a match after a line break starts at that ``\n``."""
    first = pattern.match(text)
    if first is not None:
        yield first
    yield from _after_newline(pattern).finditer(text)


@lru_cache(maxsize=8)
def _after_newline(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile("\n" + pattern.pattern)


def header_runs(text: str) -> list[tuple[tuple[str, ...], int]] | None:
    """The file's headers as runs: each run's name (a header's first two keys: ``("claims",
    "a")`` for ``[claims.a]``, ``[[claims.a.notes]]``; ``("map",)`` for ``[map]``) and the
    offset of the line it starts on; consecutive headers of one name make one run.

    ``None`` when a line that starts with ``[`` is not a header of bare keys (a quoted key,
    a line of a multi-line array): then a run of headers may not hold all of a table.
    """
    first = _HEADER_NAME.match(text)
    names = [first.groups("")] if first is not None else []
    names.extend(_after_newline(_HEADER_NAME).findall(text))  # one C pass for every line
    starts = [0] if first is not None else []
    starts.extend(match.start() + 1 for match in _after_newline(_BRACKET).finditer(text))
    runs: list[tuple[tuple[str, ...], int]] = []
    previous: tuple[str, ...] = ()
    for (opening, section, key, closing), start in zip(names, starts, strict=True):
        if not opening or len(opening) != len(closing):
            return None
        name = (section, key) if key else (section,)
        if name != previous:
            runs.append((name, start))
            previous = name
    return runs


class HeaderIndex:
    """Where each entity's tables and keys are, found from its header lines.

    It answers only what it is sure of and leaves the rest to the whole-file scan:

    - ``section.ID``: its header, written plainly (``[claims.ID]``) and only once;
    - ``section.ID.key``: a line ``key =`` between that header and the next line that starts
      with ``[``;
    - anything deeper (``claims.ID.cite.quote``, ``claims.ID.links[1]``): the key scanner,
      run from that ``key =`` line to the table's end; else (``claims.ID.notes[2].text``)
      over the entity's own lines, from its first header to the next header of another
      entity. The latter needs every line that starts with ``[`` to be a plain header and
      each entity's headers to be one run: then those lines hold every key path that can
      be written more than once (the items of an array of tables, counted by position).
      Any other key TOML lets be defined only once, so where the scanner finds it is
      where it is.

    A path the scanner does not find there is left to the whole-file scan, and so is every
    path of a file with multi-line strings (a line inside one can look like a header).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tables: dict[Entity, int] = {}
        """Where the "[" of each ``[section.ID]`` header is (one written twice is left out)."""
        tables = self.tables
        for match in _lines_matching(_TABLE, text):
            entity: Entity = match.group(2, 3)  # type: ignore[assignment]
            tables[entity] = -1 if entity in tables else match.start(1)
        self._spans: dict[Entity, tuple[int, int]] | None = None

    @classmethod
    def of(cls, text: str) -> HeaderIndex | None:
        if '"""' in text or "'''" in text:
            return None
        return cls(text)

    @property
    def spans(self) -> dict[Entity, tuple[int, int]]:
        """Each entity's lines, ``(start, end)``, when they hold all of it (see the class)."""
        if self._spans is None:
            self._spans = self._entity_spans()
        return self._spans

    def _entity_spans(self) -> dict[Entity, tuple[int, int]]:
        text = self.text
        runs = header_runs(text)
        if runs is None:
            return {}  # a header with quoted keys, or a line of a multi-line array
        spans: dict[Entity, tuple[int, int]] = {}
        split: set[Entity] = set()
        for number, (name, start) in enumerate(runs):
            if len(name) != 2 or name[0] not in SECTIONS:
                continue
            entity = (name[0], name[1])
            if entity in spans:
                split.add(entity)  # headers in two places: its array of tables counts on
            spans[entity] = (start, runs[number + 1][1] if number + 1 < len(runs) else len(text))
        for entity in split:
            del spans[entity]
        return spans

    def find_all(self, paths: Sequence[KeyPath]) -> list[Position | None]:
        """:meth:`find` for each path; the deepest paths of one entity share one scan, and
        every offset becomes a line and column in one pass over the text."""
        tables = self.tables
        offsets = [
            tables.get(path, -1) if len(path) == 2 else self._offset(path)  # type: ignore[arg-type]
            for path in paths
        ]
        deep: dict[Entity, list[int]] = {}
        for number, (path, offset) in enumerate(zip(paths, offsets, strict=True)):
            if offset < 0 and len(path) >= 3:
                section, key = path[0], path[1]
                if isinstance(section, str) and isinstance(key, str):
                    deep.setdefault((section, key), []).append(number)
        for entity, numbers in deep.items():
            span = self.spans.get(entity)
            if span is None:
                continue
            wanted = [paths[number] for number in numbers]
            found = self._scan(span, wanted)
            for number, path in zip(numbers, wanted, strict=True):
                offsets[number] = found.get(tuple(path), -1)
        return self._positions(offsets)

    def find(self, path: KeyPath) -> Position | None:
        """Where ``path`` is, from its table's header and key lines; ``None`` when unsure."""
        return self._positions([self._offset(path)])[0]

    def _offset(self, path: KeyPath) -> int:
        """:meth:`find` as an offset into the text, -1 when unsure."""
        if len(path) < 2 or not isinstance(path[0], str) or not isinstance(path[1], str):
            return -1
        start = self.tables.get((path[0], path[1]), -1)
        if start < 0 or len(path) == 2:
            return start
        if not isinstance(path[2], str):
            return -1
        after = _NEXT_BRACKET.search(self.text, start)
        end = after.start() + 1 if after is not None else len(self.text)
        match = _key_line(path[2]).search(self.text, start, end)
        if match is None:
            return -1
        if len(path) == 3:
            return match.start(1)
        if len(path) == 4 and isinstance(path[3], str):
            offset = _inline_key(self.text, match.end(), path[3])
            if offset is not None:
                return offset
        # The key's value, read from its own line to the table's end: an inline table or
        # an array (a line of a multi-line array that starts with "[" ends the piece early;
        # then the path is not found in it and is looked for further on).
        relative = path[2:]
        return self._scan((match.start(), end), [relative]).get(relative, -1)

    def _scan(self, span: tuple[int, int], wanted: list[KeyPath]) -> dict[KeyPath, int]:
        """The key scanner over ``text[start:end]`` (``start`` begins a line): the offsets
        in the whole text of the wanted paths it found there."""
        start, end = span
        locator = KeyLocator(self.text[start:end], wanted=wanted)
        found = {}
        for path in wanted:
            offset = locator.offsets.get(tuple(path))
            if offset is not None:
                found[tuple(path)] = start + offset
        return found

    def _positions(self, offsets: list[int]) -> list[Position | None]:
        """Each offset's line and column (``None`` for -1), counting line breaks in C from
        one offset to the next in the order they come in the text."""
        text = self.text
        positions: list[Position | None] = [None] * len(offsets)
        line, line_start, previous = 1, 0, 0
        for number in sorted(range(len(offsets)), key=offsets.__getitem__):
            offset = offsets[number]
            if offset < 0:
                continue
            breaks = text.count("\n", previous, offset)
            if breaks:
                line += breaks
                line_start = text.rindex("\n", previous, offset) + 1
            previous = offset
            positions[number] = (line, offset - line_start + 1)
        return positions


_INLINE_START = re.compile(r"[ \t]*\{")
_INLINE_PAIR = re.compile(
    r"""[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*"""
    r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_:+.-]+)[ \t]*([,}])"""
)
"""One ``key = value`` of an inline table whose values are strings, numbers or booleans."""


def _inline_key(text: str, offset: int, key: str) -> int | None:
    """Where ``key`` starts in the inline table that follows ``offset`` (``cite = { source =
    "s", quote = "q" }``), read a pair at a time in C; ``None`` when it is not there or the
    table holds anything else (quoted or dotted keys, nested values): the key scanner then
    reads it."""
    start = _INLINE_START.match(text, offset)
    if start is None:
        return None
    offset = start.end()
    while (pair := _INLINE_PAIR.match(text, offset)) is not None:
        if pair.group(1) == key:
            return pair.start(1)
        if pair.group(2) == "}":
            return None
        offset = pair.end()
    return None
