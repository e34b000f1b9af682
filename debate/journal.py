"""The journal of unsaved edits: a hidden file beside the map, one JSON line per step.

Why a journal of edits rather than a copy of the map: writing one short line per edit costs
microseconds even for a 100,000-claim map, and replaying the edits onto the file (after a
crash, or when the file changed on disk under us) keeps both the user's work and whatever
changed on disk. Each line is flushed as it is written, so a killed process loses nothing;
a torn last line (power cut mid-write) is skipped on reading.

No Textual here: the journal is plain file handling, testable on its own.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

SUFFIX = ".debate-journal"


def journal_path(map_path: Path) -> Path:
    """``folder/.map.toml.debate-journal`` for ``folder/map.toml`` (git-ignored by pattern)."""
    return map_path.with_name(f".{map_path.name}{SUFFIX}")


@dataclass
class JournalContents:
    """What a journal left by an earlier session holds."""

    path: Path
    sha256: str | None
    started: str | None
    steps: list[dict[str, Any]] = field(default_factory=list)

    @property
    def edits(self) -> int:
        """How many edits the steps leave applied (undos cancel earlier edits)."""
        count = 0
        for step in self.steps:
            if "do" in step or "redo" in step:
                count += 1
            elif "undo" in step:
                count = max(0, count - 1)
        return count


def read_journal(path: Path) -> JournalContents | None:
    """The journal at ``path``, or ``None`` when there is none (or it holds no steps)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, IsADirectoryError, PermissionError, UnicodeDecodeError):
        return None
    header: dict[str, Any] = {}
    steps: list[dict[str, Any]] = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a torn line from a crash mid-write
        if not isinstance(entry, dict):
            continue
        if "journal" in entry:
            header = entry
        elif {"do", "undo", "redo"} & entry.keys():
            steps.append(entry)
    if not steps:
        return None
    return JournalContents(path, header.get("sha256"), header.get("started"), steps)


class Journal:
    """Appends steps for one map file; the file exists only while there are unsaved edits."""

    def __init__(self, map_path: Path, sha256: str | None) -> None:
        self.path = journal_path(map_path)
        self.sha256 = sha256
        self._stream: IO[str] | None = None
        self.error: str | None = None

    def _open(self) -> IO[str] | None:
        if self._stream is None and self.error is None:
            try:
                self._stream = self.path.open("a", encoding="utf-8")
            except OSError as error:
                self.error = f"cannot write the journal {self.path}: {error.strerror or error}"
                return None
            if self._stream.tell() == 0:
                started = datetime.now(UTC).replace(microsecond=0).isoformat()
                header = {"journal": 1, "sha256": self.sha256, "started": started}
                self._stream.write(json.dumps(header) + "\n")
        return self._stream

    def record(self, step: dict[str, Any]) -> None:
        """Append one step (``{"do": edit_dict}``, ``{"undo": 1}``, ``{"redo": 1}``)."""
        stream = self._open()
        if stream is None:
            return
        try:
            stream.write(json.dumps(step, ensure_ascii=False, default=str) + "\n")
            stream.flush()
        except OSError as error:
            self.error = f"cannot write the journal {self.path}: {error.strerror or error}"

    def restart(self, sha256: str | None, steps: list[dict[str, Any]] | None = None) -> None:
        """Start over after a save or reload: a fresh file (or none), based on ``sha256``."""
        self.close()
        with contextlib.suppress(FileNotFoundError, OSError):
            self.path.unlink()
        self.sha256 = sha256
        self.error = None
        for step in steps or ():
            self.record(step)

    def close(self) -> None:
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
            self._stream = None

    def discard(self) -> None:
        """Remove the journal (the user chose to drop the unsaved edits)."""
        self.restart(self.sha256)
