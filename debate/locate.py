"""Where things are written in a text: line and column of an offset, and of every TOML key.

The one line/column arithmetic (:func:`line_col` for one look-up, :class:`LineIndex` for
many, :func:`byte_line_col` for a byte that did not decode), used by the store and every
reader, so each says 1-based lines and columns counted in characters, as editors show them.

tomli and pydantic tell us *what* is wrong (``claims.x.weight``) but not *where*; this small
scanner walks the text once and records the position of every key, table header and array
element so errors read ``file:line:col``. It only runs after a failure, on text tomli has
already accepted, and it never raises: a position it cannot find falls back to the nearest
enclosing key, then to the top of the file.
"""

from __future__ import annotations

import contextlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

KeyPath = tuple[str | int, ...]
Position = tuple[int, int]

_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def line_col(text: str, offset: int) -> Position:
    """1-based line and column of a character offset in ``text`` (one look-up; for many,
    :class:`LineIndex` finds the line starts once)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def byte_line_col(data: bytes, offset: int) -> Position:
    """1-based line and column of a byte offset (one that did not decode): the column counts
    the characters before it on its line, as far as they decode, not bytes."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


class LineIndex:
    """Line and column of many offsets in one text: line starts found once, then bisected.

    Readers locate every node or data block they meet; counting newlines from the start each
    time would make a 10,000-claim file quadratic.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(match.end() for match in re.finditer("\n", text))

    def __call__(self, offset: int) -> Position:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


class _AllFound(Exception):
    """Every wanted key path has been seen: the rest of the text need not be scanned."""


class KeyLocator:
    """Maps key paths to 1-based ``(line, column)`` positions in one TOML text.

    Given ``wanted``, the scan stops as soon as each of those paths has been seen (a problem
    near the top of a 100,000-claim file is located without reading the rest); a path that
    is not in the text still costs one whole scan, to fall back to its nearest ancestor.
    """

    def __init__(self, text: str, wanted: Iterable[KeyPath] | None = None) -> None:
        self._text = text
        self.position_of = LineIndex(text)
        """The 1-based ``(line, column)`` of a character offset."""
        self.positions: dict[KeyPath, Position] = {}
        self.offsets: dict[KeyPath, int] = {}
        """Where each path starts, as an offset into the text."""
        self._wanted = set(wanted) if wanted is not None else None
        # partial positions are still useful: lookups fall back to enclosing keys
        with contextlib.suppress(IndexError, ValueError, _AllFound):
            _Scanner(text, self._record).scan()

    def _record(self, path: KeyPath, offset: int) -> None:
        if path in self.positions:
            return
        self.positions[path] = self.position_of(offset)
        self.offsets[path] = offset
        if self._wanted is not None:
            self._wanted.discard(path)
            if not self._wanted:
                raise _AllFound

    def find(self, path: Sequence[str | int]) -> Position:
        """Position of ``path``, else of its nearest recorded ancestor, else ``(1, 1)``."""
        key = tuple(path)
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return 1, 1


class _Scanner:
    """A forgiving TOML lexer that only tracks keys; values are skipped, not decoded."""

    def __init__(self, text: str, record: object) -> None:
        self.text = text
        self.i = 0
        self.record = record  # callable(path, offset)
        self.table: KeyPath = ()
        self.array_counts: dict[KeyPath, int] = {}

    def scan(self) -> None:
        text = self.text
        while True:
            self._skip_blank(newlines=True)
            if self.i >= len(text):
                return
            char = text[self.i]
            if char == "[":
                self._header()
            else:
                start = self.i
                keys = self._dotted_key()
                if not keys:
                    self._skip_line()
                    continue
                path = (*self.table, *keys)
                self._emit(path, start)
                self._skip_blank()
                if self.i < len(text) and text[self.i] == "=":
                    self.i += 1
                    self._value(path)
                self._skip_line()

    def _emit(self, path: KeyPath, offset: int) -> None:
        self.record(path, offset)  # type: ignore[operator]

    def _header(self) -> None:
        start = self.i
        is_array = self.text.startswith("[[", self.i)
        self.i += 2 if is_array else 1
        keys = self._dotted_key()
        path: KeyPath = tuple(keys)
        if is_array:
            index = self.array_counts.get(path, 0)
            self.array_counts[path] = index + 1
            self._emit(path, start)
            path = (*path, index)
        self._emit(path, start)
        self.table = path
        self._skip_line()

    def _dotted_key(self) -> list[str]:
        keys: list[str] = []
        text = self.text
        while self.i < len(text):
            self._skip_blank()
            char = text[self.i] if self.i < len(text) else ""
            if char in ('"', "'"):
                start = self.i
                self._string()
                keys.append(_unquote(text[start : self.i]))
            elif char in _BARE_KEY:
                start = self.i
                while self.i < len(text) and text[self.i] in _BARE_KEY:
                    self.i += 1
                keys.append(text[start : self.i])
            else:
                break
            self._skip_blank()
            if self.i < len(text) and text[self.i] == ".":
                self.i += 1
                continue
            break
        return keys

    def _value(self, path: KeyPath) -> None:
        self._skip_blank()
        text = self.text
        if self.i >= len(text):
            return
        char = text[self.i]
        if char in ('"', "'"):
            self._string()
        elif char == "{":
            self.i += 1
            while self.i < len(text):
                self._skip_blank()
                if text[self.i] == "}":
                    self.i += 1
                    return
                if text[self.i] == ",":
                    self.i += 1
                    continue
                start = self.i
                keys = self._dotted_key()
                if not keys:
                    raise ValueError("unreadable inline table")
                self._emit((*path, *keys), start)
                self._skip_blank()
                if text[self.i] == "=":
                    self.i += 1
                self._value((*path, *keys))
        elif char == "[":
            self.i += 1
            index = 0
            while self.i < len(text):
                self._skip_blank(newlines=True)
                if text[self.i] == "]":
                    self.i += 1
                    return
                if text[self.i] == ",":
                    self.i += 1
                    index += 1
                    continue
                self._emit((*path, index), self.i)
                self._value((*path, index))
        else:
            while self.i < len(text) and text[self.i] not in ",]}\n#":
                self.i += 1

    def _string(self) -> None:
        text = self.text
        quote = text[self.i]
        triple = quote * 3
        if text.startswith(triple, self.i):
            end = _closing(text, triple, self.i + 3) + 3
            # up to two extra quotes may belong to the content: """a""""" is valid TOML
            while end < len(text) and text[end] == quote and end - self.i < len(text):
                end += 1
            self.i = end
            return
        self.i = _closing(text, quote, self.i + 1) + 1

    def _skip_blank(self, newlines: bool = False) -> None:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in " \t\r" or (newlines and char == "\n"):
                self.i += 1
            elif char == "#" and newlines:
                self._skip_line()
            else:
                return

    def _skip_line(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end + 1


def _closing(text: str, delimiter: str, start: int) -> int:
    """Where ``delimiter`` (``"``, ``'``, or three of either) next closes a string, from
    ``start``: a backslash escapes it in a basic (``"``) string, never in a literal one.
    Raises ValueError on an unclosed string (the scan then stops)."""
    end = start
    while True:
        end = text.index(delimiter, end)
        if delimiter[0] == '"' and escaped(text, end):
            end += 1
            continue
        return end


def escaped(text: str, index: int) -> bool:
    """True when the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _unquote(token: str) -> str:
    if token.startswith('"'):
        try:
            return str(json.loads(token))
        except ValueError:
            return token[1:-1]
    return token[1:-1]
