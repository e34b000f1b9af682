"""A big map's TOML parsed a piece at a time, so other threads run between the pieces.

tomli is compiled (mypyc) and holds the interpreter's lock for a whole parse: reading a
100,000-claim map in the app's background thread froze its loading screen for seconds (no
animation, no ``q``). Parsed in pieces of a few hundred kilobytes, each at most tens of
milliseconds, the screen stays live and can show how far the reading got.

The pieces must give exactly what one parse of the whole text gives, or nothing: the text is
cut only before a header that starts a new entity (``[claims.b]`` after the lines of
``claims.a``), and only when that is sure to change nothing: no multi-line strings (a line
inside one can look like a header), every line that starts with ``[`` a header of bare keys
(so no line of an array is taken for one), no key before the first header, and no table but
the entities and ``[map]``. The pieces' entities must not overlap (an entity whose tables
are split between two pieces, an array of tables among them, is refused when they merge).
Anything else, or any piece tomli refuses, gives ``None``: the caller parses the whole text,
which then reports what is wrong where it is.

A big text (:data:`HELPER_FROM` characters and more) is parsed from both ends at once: a
second process (:mod:`debate.toml_pieces_helper`) takes the pieces from the last one down
while this one takes them from the first one up, each stopping at a piece the other has
started, and hands over each piece's tables as it parses them, pickled (unpickling a table
costs a fifth to a tenth of parsing its text). With a core to spare, the file is read in a
little more than half the time. The helper is only ever a shortcut, never waited for: once
the two meet, this process parses whatever the helper has not finished (the piece it is on,
or its whole share if it could not start, died or went quiet); the pieces merge in file order
either way, so the result is the same dict.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import tomli

from debate.locate_fast import SECTIONS

PIECE = 256 * 1024
"""About how much text one piece holds (a few tens of milliseconds of parsing)."""

HELPER_FROM = 4 * 1024 * 1024
"""From this many characters (about 20,000 claims), a second process helps (see above):
below it, starting one costs more than it saves."""

HELPER_SCRIPT = Path(__file__).with_name("toml_pieces_helper.py")

_KEY_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)
"""A line that holds something other than blanks and a comment."""

_NAME = r"[A-Za-z0-9_-]+"
_SECTIONS = "sources|claims|perspectives"
_TABLES = rf"(?:map|(?:{_SECTIONS})\.{_NAME}(?:\.{_NAME})*)"
_GOOD_HEADER_REST = rf"(?:{_TABLES}\]|\[{_TABLES}\]\])[ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)"
"""What follows the first ``[`` of a header the pieces can cut around: ``[map]`` or an
entity's tables (``[claims.a]``, ``[claims.a.cite]``, ``[[claims.a.notes]]``), bare keys."""

_ANY_HEADER = re.compile(r"(?:\A|\n)[ \t]*\[")
_BAD_HEADER = re.compile(rf"\n[ \t]*\[(?!{_GOOD_HEADER_REST})")
_BAD_FIRST_HEADER = re.compile(rf"[ \t]*\[(?!{_GOOD_HEADER_REST})")
_ENTITY_HEADER = re.compile(rf"\n[ \t]*\[\[?((?:{_SECTIONS})\.{_NAME})[.\]]")
_HEADER_NAME = re.compile(rf"\n[ \t]*\[\[?(map|(?:{_SECTIONS})\.{_NAME})[.\]]")


def loads_in_pieces(
    text: str, piece: int | None = None, progress: Callable[[float], None] | None = None
) -> dict[str, Any] | None:
    """``tomli.loads(text)``, parsed piece by piece (of about ``piece`` characters, default
    :data:`PIECE`); ``None`` when the text is small, cannot be cut where that is sure to
    give the same, or does not parse. ``progress`` is told the share read after each piece."""
    piece = piece or PIECE
    if len(text) <= piece or '"""' in text or "'''" in text:
        return None
    cuts = _cuts(text, piece)
    if cuts is None:
        return None
    spans = list(zip(cuts, [*cuts[1:], len(text)], strict=True))
    tables = _parse_spans(text, spans, progress)
    if tables is None:
        return None
    merged: dict[str, Any] = {}
    for data in tables:
        if not _merge(merged, data):
            return None
    return merged


def _parse_one(text: str) -> dict[str, Any] | None:
    try:
        return tomli.loads(text)
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return None


def _parse_spans(
    text: str, spans: list[tuple[int, int]], progress: Callable[[float], None] | None
) -> list[dict[str, Any]] | None:
    """Each span of ``text`` parsed, in order (with a helper for a big text); ``None`` as
    soon as one does not parse.

    This process never waits for the helper: once the two meet, it takes the pieces the
    helper has finished and parses the rest itself (at most the one the helper is on, or
    all of its share if it has gone). A helper starved of a core by a busy machine, or one
    that went quiet, costs a piece's parse at most, not the wait for it.
    """
    tables: list[dict[str, Any] | None] = [None] * len(spans)
    size = len(text)
    helper = _Helper.start(text, spans) if size >= HELPER_FROM else None
    done = 0  # characters parsed here

    def parse(index: int) -> bool:
        nonlocal done
        start, end = spans[index]
        tables[index] = _parse_one(text[start:end])
        done += end - start
        if progress is not None:
            progress(min(1.0, (done + (helper.done if helper else 0)) / size))
        return tables[index] is not None

    try:
        for index in range(len(spans)):
            if helper is not None and not helper.leaves(index):
                break
            if not parse(index):
                return None
        if helper is not None and not helper.finish(tables):
            return None
    finally:
        if helper is not None:
            helper.close()
    for index, table in enumerate(tables):
        if table is None and not parse(index):  # the helper's piece it had not finished
            return None
    if helper is not None and progress is not None:
        progress(1.0)  # the helper's pieces are in
    return [table for table in tables if table is not None]


class _HelperTables(pickle.Unpickler):
    """Unpickles the helper's tables: what tomli builds and nothing else."""

    ALLOWED = frozenset({"datetime", "date", "time", "timezone", "timedelta"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a TOML value")


class _Helper:
    """The second process, seen from here: which pieces it has started and finished."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        files: tuple[IO[bytes], IO[bytes]],
        sizes: list[int],
    ) -> None:
        self.process = process
        self.files = files
        self.sizes = sizes
        self.lowest_started = sys.maxsize
        self.done = 0
        """Characters the helper has parsed so far (for the progress shown)."""
        self.failed = False
        self._finished: dict[int, tuple[int, int]] = {}
        """Each piece the helper has parsed: where its pickle is in the results file."""
        self._frames = bytearray()
        assert process.stdout is not None and process.stdin is not None
        self._out = process.stdout.fileno()
        self._in = process.stdin
        os.set_blocking(self._out, False)

    @classmethod
    def start(cls, text: str, spans: list[tuple[int, int]]) -> _Helper | None:
        """The helper, given the pieces' text; ``None`` when it cannot be started here."""
        if os.name != "posix" or not sys.executable:
            return None
        files: list[IO[bytes]] = []
        try:
            source = _scratch_file()
            files.append(source)
            results = _scratch_file()
            files.append(results)
            offsets = [0]
            if text.isascii():  # one character, one byte: the text as it is
                source.write(text.encode())
                offsets.extend(end for _, end in spans)
            else:
                for start, end in spans:
                    offsets.append(offsets[-1] + source.write(text[start:end].encode()))
            source.flush()
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-I",
                    "-S",
                    str(HELPER_SCRIPT),
                    str(Path(tomli.__file__).parent.parent),
                    str(source.fileno()),
                    str(results.fileno()),
                    ",".join(map(str, offsets)),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                pass_fds=(source.fileno(), results.fileno()),
            )
        except (OSError, ValueError, subprocess.SubprocessError):
            for file in files:
                file.close()
            return None
        return cls(process, (source, results), [end - start for start, end in spans])

    def leaves(self, index: int) -> bool:
        """Whether piece ``index`` is still for this process to parse (the helper has not
        started it); if so, the helper is told this process starts it."""
        self._read()
        if index >= self.lowest_started or self.failed:
            return False
        try:
            self._in.write(index.to_bytes(4, "little"))
            self._in.flush()
        except OSError:  # it has gone: everything is ours
            self.lowest_started = sys.maxsize
        return True

    def finish(self, tables: list[dict[str, Any] | None]) -> bool:
        """Put the pieces the helper has finished in ``tables`` (the others stay ``None``,
        for this process to parse); ``False`` when one of its pieces does not parse."""
        results = self.files[1].fileno()
        for _ in range(2):  # unpickling the first lot gives the piece it is on time to arrive
            self._read()
            for index, (start, length) in self._finished.items():
                if tables[index] is not None:
                    continue
                try:
                    table = _HelperTables(io.BytesIO(os.pread(results, length, start))).load()
                except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
                    continue  # not what the helper writes: parsed here
                if isinstance(table, dict):
                    tables[index] = table
        return not self.failed

    def _read(self) -> None:
        """Take what the helper has said so far (never waiting for more)."""
        while True:
            try:
                chunk = os.read(self._out, 65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            self._frames.extend(chunk)
            self._take_frames()

    def _take_frames(self) -> None:
        """Take the complete frames read so far."""
        frames = self._frames
        while len(frames) >= 5:
            kind, index = frames[0:1], int.from_bytes(frames[1:5], "little")
            if kind == b"D":
                if len(frames) < 21:
                    break
                if index < len(self.sizes):
                    start = int.from_bytes(frames[5:13], "little")
                    self._finished[index] = (start, int.from_bytes(frames[13:21], "little"))
                    self.done += self.sizes[index]
                del frames[:21]
            else:
                del frames[:5]
                if kind == b"S":
                    self.lowest_started = min(self.lowest_started, index)
                elif kind == b"F":
                    self.failed = True

    def close(self) -> None:
        """End the helper (it has said all it will) and free its files."""
        with contextlib.suppress(OSError):
            self._in.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        for file in self.files:
            file.close()


def _scratch_file() -> IO[bytes]:
    """A file only this process and its helper can reach: in memory where the system
    offers that (``memfd``), else an unnamed temporary file."""
    if hasattr(os, "memfd_create"):
        return os.fdopen(os.memfd_create("debate-pieces"), "w+b")
    return tempfile.TemporaryFile()


def _cuts(text: str, piece: int) -> list[int] | None:
    """Where each piece starts: 0, then about every ``piece`` characters the header line of
    an entity whose tables start there (the header before it is another entity's or
    ``[map]``); ``None`` when the layout is not one the pieces can be sure of.

    A few scans in C, never a loop over the headers (on a 100,000-claim map that loop was
    0.2 s, before anything could be parsed): every line that starts with ``[`` must be a
    header of bare keys naming ``[map]`` or an entity's tables (:data:`_BAD_HEADER` finds
    one that is not), and nothing but comments may come before the first. An entity whose
    tables are not in one run, and so may land in two pieces, is caught when the pieces
    merge (:func:`_merge`).
    """
    first = _ANY_HEADER.search(text)
    if first is None or _KEY_LINE.search(text, 0, first.start()):
        return None  # keys before the first header could add to any table
    if _BAD_FIRST_HEADER.match(text) or _BAD_HEADER.search(text):
        return None  # [claims] itself, a table that is no entity, a line of an array
    cuts = [0]
    position = piece
    while (found := _ENTITY_HEADER.search(text, position - 1)) is not None:  # from its \n
        name = found.group(1)
        if _previous_header(text, found.start() + 1) == name:
            # inside the entity's run of tables: cut at the next header of another entity
            found = _other_entity_header(name).search(text, found.start())
            if found is None:
                break
        start = found.start() + 1
        cuts.append(start)
        position = start + piece
    return cuts


def _other_entity_header(name: str) -> re.Pattern[str]:
    """An entity's header line, not one of ``name``'s tables: one scan past a run of them
    (an entity with 100,000 notes is one run, not 100,000 looks back)."""
    return re.compile(rf"\n[ \t]*\[\[?(?!{re.escape(name)}[.\]])(?:{_SECTIONS})\.{_NAME}[.\]]")


def _previous_header(text: str, end: int) -> str | None:
    """The name (``claims.a``, ``map``) of the last header line before offset ``end``."""
    window = 4096
    while True:
        start = max(0, end - window)
        names = _HEADER_NAME.findall(text, start, end)
        if names or start == 0:
            return names[-1] if names else None
        window *= 8


def _merge(merged: dict[str, Any], data: dict[str, Any]) -> bool:
    """Add one piece's tables to what the earlier pieces gave; False when they overlap (an
    entity, or ``[map]``, written in two pieces: tomli may refuse that, or read it as one)."""
    for key, value in data.items():
        if key not in merged:
            merged[key] = value
        elif key in SECTIONS and merged[key].keys().isdisjoint(value):
            merged[key].update(value)
        else:
            return False
    return True
