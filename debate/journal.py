"""The journal of unsaved work: a hidden file beside the map, one JSON record per line.

Why a journal of steps rather than a copy of the map: writing one short line per edit costs
microseconds even for a 100,000-claim map, and replaying the steps onto the file (after a
crash, or when the file changed on disk under us) keeps both the user's work and whatever
changed on disk. Each line is flushed as it is written, so a killed process loses nothing.

The file holds, in order::

    {"journal": 2, "map": "map.toml", "sha256": "...", "started": "...", "pid": 123}
    {"base": "<the text of the file the log starts from>"}        (only after a save)
    {"do": {...}, "n": 1}  {"undo": 1}  {"redo": 1}  {"saved": "<sha256>"}  ...

The records are the :class:`~debate.history.History` log (see :mod:`debate.history`): undo
and redo name the edit they reverse. The log starts from the file as it was opened; once a
save changes the file, that text is written into the journal too, so that an undo past the
save can still be replayed after a crash.

Framing: every record is written as pure ASCII JSON (``ensure_ascii``), so no character a
user types (a newline, U+2028, U+0085, a NUL) can end a record early, and records are read
back by splitting on ``\\n`` alone. A torn last line (power cut mid-write) is skipped.

One journal per running app (``.map.toml.<pid>-<random>.debate-journal``): two windows on
one map never share or delete each other's journal. The running app holds an advisory lock
on its journal; a journal nobody holds is what a crashed session left behind.

Files are created with mode 0600, never through a symlink (``O_NOFOLLOW`` and ``O_EXCL``),
and a journal that is not a regular file is neither read nor written.

No Textual here: the journal is plain file handling, testable on its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from debate.history import Record, count_unsaved

try:  # advisory locks: POSIX only; elsewhere every journal counts as left behind
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".debate-journal"
VERSION = 2
MAX_BYTES = 512 * 1024 * 1024
"""A journal holds one copy of the map and a line per step; anything larger is not ours."""
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def new_session_id() -> str:
    """This process and a random part: unique among the apps running on one map."""
    return f"{os.getpid()}-{secrets.token_hex(3)}"


def journal_path(map_path: Path, session_id: str) -> Path:
    """``folder/.map.toml.<session>.debate-journal`` for ``folder/map.toml``."""
    return map_path.with_name(f".{map_path.name}.{session_id}{SUFFIX}")


def legacy_journal_path(map_path: Path) -> Path:
    """Where versions before per-session journals kept the one journal of a map."""
    return map_path.with_name(f".{map_path.name}{SUFFIX}")


def _encode(record: Record) -> bytes:
    """One record as one line of ASCII: user text cannot contain the line's end."""
    return (json.dumps(record, ensure_ascii=True, default=str) + "\n").encode("ascii")


# ---------------------------------------------------------------------------------- reading


@dataclass
class JournalContents:
    """What a journal left by an earlier session holds.

    While it is held (from :func:`find_journals` until :meth:`release`), this process owns
    the journal's lock, so no other window offers or restores the same one.
    """

    path: Path
    sha256: str | None
    started: str | None
    records: list[Record] = field(default_factory=list)
    base_text: str | None = None
    pid: int | None = None
    map: str | None = None
    _lock: int | None = field(default=None, repr=False)

    @property
    def edits(self) -> int:
        """How many edits separate the saved file from the map as the session left it."""
        return count_unsaved(self.records)

    @property
    def saved_sha(self) -> str | None:
        """The file the session last saved (or started from): restore is exact onto it."""
        for record in reversed(self.records):
            if "saved" in record:
                return record["saved"]
        return self.sha256

    def release(self) -> None:
        """Let go of the journal's lock (it stays on disk, to be offered again)."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
            self._lock = None

    def remove(self) -> None:
        """Delete the journal (restored into another, or discarded by the user)."""
        with contextlib.suppress(OSError):
            self.path.unlink()
        self.release()


def _open_existing(path: Path) -> int | None:
    """A descriptor on a journal that is a regular file of sane size, never through a link."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
            os.close(fd)
            return None
    except OSError:
        os.close(fd)
        return None
    return fd


def _lock(fd: int) -> bool:
    """Take the journal's lock without waiting; ``False`` when a running app holds it."""
    if fcntl is None:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def read_journal(path: Path, *, lock: bool = False) -> JournalContents | None:
    """The journal at ``path``, or ``None``: missing, not a regular file, no steps, or (with
    ``lock``) held by a running app. With ``lock`` the caller must :meth:`release` it.
    """
    fd = _open_existing(path)
    if fd is None:
        return None
    if lock and not _lock(fd):
        os.close(fd)
        return None
    try:
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read()
    except OSError:
        os.close(fd)
        return None
    contents = parse_journal(path, data)
    if contents is None or not lock:
        os.close(fd)
        return contents
    contents._lock = fd
    return contents


def parse_journal(path: Path, data: bytes) -> JournalContents | None:
    """Read a journal's bytes; lines are split on ``\\n`` only (see the module's notes)."""
    header: dict[str, Any] = {}
    base: str | None = None
    records: list[Record] = []
    for line in data.split(b"\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a torn line from a crash mid-write (or an empty one)
        if not isinstance(entry, dict):
            continue
        if "journal" in entry:
            header = entry
        elif isinstance(entry.get("base"), str):
            base = entry["base"]
        elif {"do", "undo", "redo", "saved"} & entry.keys():
            records.append(entry)
    if header.get("journal", 1) == 1:
        records = _numbered(records)
    if not any("do" in record for record in records):
        return None
    pid, sha, name = header.get("pid"), header.get("sha256"), header.get("map")
    return JournalContents(
        path,
        sha if isinstance(sha, str) else None,
        str(header["started"]) if "started" in header else None,
        records,
        base,
        pid if isinstance(pid, int) else None,
        name if isinstance(name, str) else None,
    )


def _numbered(records: list[Record]) -> list[Record]:
    """Version 1 journals undid "the last edit": name the edit each step meant instead."""
    done: list[int] = []
    undone: list[int] = []
    out: list[Record] = []
    for record in records:
        if "do" in record:
            number = len(out) + 1
            done.append(number)
            undone.clear()
            out.append({"do": record["do"], "n": number})
        elif "undo" in record and done:
            undone.append(done.pop())
            out.append({"undo": undone[-1]})
        elif "redo" in record and undone:
            done.append(undone.pop())
            out.append({"redo": done[-1]})
    return out


def find_journals(map_path: Path, *, skip: Path | None = None) -> list[JournalContents]:
    """The journals crashed sessions left beside ``map_path``, oldest first, each locked.

    Journals a running app holds are not listed (their owner is alive); nor is ``skip``
    (this session's own). Release or remove each one returned.
    """
    folder = map_path.parent
    prefix = f".{map_path.name}."
    legacy = legacy_journal_path(map_path).name
    found: list[JournalContents] = []
    for entry in _entries(folder):
        name = entry.name
        if not (name == legacy or (name.startswith(prefix) and name.endswith(SUFFIX))):
            continue
        path = folder / name
        if skip is not None and path == skip:
            continue
        contents = read_journal(path, lock=True)
        if contents is None:
            continue
        if name != legacy and contents.map != map_path.name:
            contents.release()  # another map's journal whose name happens to start alike
            continue
        found.append(contents)
    found.sort(key=lambda contents: contents.started or "")
    return found


def _entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            yield from entries
    except OSError:
        return


# ---------------------------------------------------------------------------------- writing


class Journal:
    """Keeps one session's log on disk: this running app's own journal file.

    The file exists only while there are steps since the last save: :meth:`sync` creates
    it on the first step after a save (header, base text, the whole log) and appends after
    that; :meth:`clear` removes it once a save caught the file up.
    """

    def __init__(self, map_path: Path, sha256: str | None, session_id: str | None = None) -> None:
        self.map_name = map_path.name
        self.path = journal_path(map_path, session_id or new_session_id())
        self.sha256 = sha256
        self.base_text: str | None = None
        self.error: str | None = None
        self._stream: IO[bytes] | None = None
        self._written = 0
        self._has_base = False

    def problem(self) -> str | None:
        """Why the journal cannot be written, found before the first edit (or ``None``)."""
        if self.error is not None:
            return self.error
        folder = self.path.parent
        if not os.access(folder, os.W_OK | os.X_OK):
            reason = "read-only" if os.access(folder, os.F_OK) else "missing"
            return self._fail(f"the folder {folder} is {reason} or not writable")
        return None

    def _fail(self, why: str) -> str:
        self.error = f"crash protection is off: cannot write the journal ({why})"
        return self.error

    def _open(self) -> IO[bytes] | None:
        if self._stream is not None or self.error is not None:
            return self._stream
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | _NOFOLLOW | _CLOEXEC
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as error:
            self._fail(f"{self.path}: {error.strerror or error}")
            return None
        _lock(fd)
        self._stream = os.fdopen(fd, "ab")
        self._written = 0
        self._has_base = False
        started = datetime.now(UTC).replace(microsecond=0).isoformat()
        header = {
            "journal": VERSION,
            "map": self.map_name,
            "sha256": self.sha256,
            "started": started,
            "pid": os.getpid(),
        }
        self._write(header)
        if self.base_text is not None:
            self._write({"base": self.base_text})
            self._has_base = True
        return self._stream

    def _write(self, record: Record) -> None:
        assert self._stream is not None
        self._stream.write(_encode(record))

    def sync(self, log: list[Record]) -> None:
        """Write the records of ``log`` the file does not hold yet (creating it if needed)."""
        if self._stream is None and not log:
            return
        stream = self._open()
        if stream is None:
            return
        try:
            for record in log[self._written :]:
                self._write(record)
            stream.flush()
        except OSError as error:
            self._fail(f"{self.path}: {error.strerror or error}")
            self.close()
            return
        self._written = len(log)

    def keep_base(self, text: str) -> None:
        """Keep the text the log starts from: the file on disk is about to change.

        Written into the journal now if it exists (before the save touches the file), and
        into every journal this session starts from here on.
        """
        self.base_text = text
        if self._stream is None or self._has_base:
            return
        try:
            self._write({"base": text})
            self._stream.flush()
            self._has_base = True
        except OSError as error:
            self._fail(f"{self.path}: {error.strerror or error}")

    def clear(self) -> None:
        """Remove the file (nothing unsaved); the next :meth:`sync` writes it anew."""
        self.close()
        with contextlib.suppress(FileNotFoundError, OSError):
            self.path.unlink()
        self._written = 0

    def restart(self, sha256: str | None, base_text: str | None = None) -> None:
        """Start over from another file (a reload): a fresh journal, written on next sync."""
        self.clear()
        self.sha256 = sha256
        self.base_text = base_text
        self.error = None  # a write that failed may work in the new journal: try again

    def close(self) -> None:
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
            self._stream = None

    def discard(self) -> None:
        """Remove the journal (the user chose to drop the unsaved edits)."""
        self.clear()
