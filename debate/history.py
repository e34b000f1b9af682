"""Undo and redo over one map, the log of every step, and replaying that log.

Why a log of numbered steps: the journal writes this log beside the map so that a crash
loses nothing. Each edit gets a number when it is first made, and every undo and redo names
the number of the edit it reverses or re-applies. Replaying the log can then never undo the
wrong edit: when an edit could not be re-applied (the file changed under it), the steps that
name it are reported and skipped instead of hitting whatever edit happens to be last.

The log is a list of JSON-ready records, the very lines the journal writes::

    {"do": {"kind": "set", "claim": "a", "field": "weight", "value": 3}, "n": 1}
    {"undo": 1}
    {"redo": 1}
    {"saved": "<sha256 of the file written>"}

Pure: no Textual, no files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from debate.edits import Edit
from debate.errors import DebateError
from debate.model import ArgumentMap

Record = dict[str, Any]


@dataclass
class History:
    """Unlimited undo and redo over one map, and whether it matches the saved file.

    ``saved`` is the stack of applied edits the file on disk corresponds to: the map matches
    the file exactly when the applied edits are that same stack (compared by identity, so an
    undo past the save followed by a new edit is never mistaken for the saved state).
    """

    argmap: ArgumentMap
    done: list[Edit] = field(default_factory=list)
    undone: list[Edit] = field(default_factory=list)
    saved: list[Edit] = field(default_factory=list)
    log: list[Record] = field(default_factory=list)
    _numbers: dict[int, int] = field(default_factory=dict, repr=False)
    _common: int = 0  # how many of ``done`` and ``saved`` agree from the bottom

    # ------------------------------------------------------------------ state

    @property
    def dirty(self) -> bool:
        return not (self._common == len(self.saved) == len(self.done))

    @property
    def unsaved(self) -> int:
        """How many edits must be undone and (re)done to get from the saved file to the map."""
        return len(self.saved) + len(self.done) - 2 * self._common

    @property
    def saved_at(self) -> int | None:
        """How many applied edits the saved file holds; ``None`` once undo/redo cannot reach it."""
        line = [*self.done, *reversed(self.undone)]
        if len(line) < len(self.saved):
            return None
        if all(a is b for a, b in zip(self.saved, line, strict=False)):
            return len(self.saved)
        return None

    def number(self, edit: Edit) -> int:
        """The number this history gave ``edit`` (its identity in the log)."""
        return self._numbers[id(edit)]

    def unsaved_log(self) -> list[Record]:
        """The log since the last save (all of it if there was none)."""
        for index in range(len(self.log) - 1, -1, -1):
            if "saved" in self.log[index]:
                return self.log[index + 1 :]
        return list(self.log)

    # ------------------------------------------------------------------ steps

    def do(self, edit: Edit) -> Edit:
        edit.apply(self.argmap)  # raises EditError, leaving the map as it was
        number = len(self._numbers) + 1
        self._numbers[id(edit)] = number
        self._push(edit)
        self.undone.clear()
        self.log.append({"do": edit.to_dict(), "n": number})
        return edit

    def undo(self) -> Edit | None:
        if not self.done:
            return None
        edit = self.done[-1]
        edit.undo(self.argmap)
        self.done.pop()
        self._common = min(self._common, len(self.done))
        self.undone.append(edit)
        self.log.append({"undo": self.number(edit)})
        return edit

    def redo(self) -> Edit | None:
        if not self.undone:
            return None
        edit = self.undone[-1]
        edit.apply(self.argmap)  # on failure the edit stays on the redo stack
        self.undone.pop()
        self._push(edit)
        self.log.append({"redo": self.number(edit)})
        return edit

    def mark_saved(self, sha256: str | None = None) -> None:
        """The file on disk now holds the map as it is (``sha256``: the bytes written)."""
        self.saved = list(self.done)
        self._common = len(self.done)
        self.log.append({"saved": sha256})

    def _push(self, edit: Edit) -> None:
        at = len(self.done)
        if self._common == at and at < len(self.saved) and self.saved[at] is edit:
            self._common += 1
        self.done.append(edit)


# ---------------------------------------------------------------------------------- replay


def replay(history: History, records: Iterable[Record]) -> list[str]:
    """Re-run logged steps on ``history``; returns one message per step that did not apply.

    An undo or redo applies only to the very edit it names (by the number its ``do``
    record gave it), and only when that edit is the one on top of its stack; otherwise it is
    reported, never applied to another edit. A ``do`` without a number is applied but cannot
    be named later. ``saved`` records mark the history saved at that point.
    """
    made: dict[Any, Edit] = {}
    lost: dict[Any, str] = {}  # numbered edits that could not be re-applied: what they were
    failures: list[str] = []
    for record in records:
        if "do" in record:
            try:
                edit = Edit.from_dict(record["do"])
                history.do(edit)
            except DebateError as error:
                lost[record.get("n")] = what = _described(record["do"])
                failures.append(f"could not re-apply {what}: {error}")
                continue
            made[record.get("n")] = edit
        elif "undo" in record or "redo" in record:
            verb = "undo" if "undo" in record else "redo"
            number = record[verb]
            target = made.get(number) if isinstance(number, int) else None
            stack = history.done if verb == "undo" else history.undone
            if target is None or not stack or stack[-1] is not target:
                what = _describe(target) if target is not None else lost.get(number, "an edit")
                failures.append(f"could not {verb} {what}: it was not re-applied")
                continue
            try:
                if verb == "undo":
                    history.undo()
                else:
                    history.redo()
            except DebateError as error:
                failures.append(f"could not {verb} {_describe(target)}: {error}")
        elif "saved" in record:
            history.mark_saved(record["saved"])
    return failures


def count_unsaved(records: Iterable[Record]) -> int:
    """:attr:`History.unsaved` of the history ``records`` log, without a map to apply them to."""
    done: list[Any] = []
    undone: list[Any] = []
    saved: list[Any] = []
    for record in records:
        if "do" in record:
            done.append(record.get("n"))
            undone.clear()
        elif "undo" in record and done and done[-1] == record["undo"]:
            undone.append(done.pop())
        elif "redo" in record and undone and undone[-1] == record["redo"]:
            done.append(undone.pop())
        elif "saved" in record:
            saved = list(done)
    common = 0
    for ours, theirs in zip(done, saved, strict=False):
        if ours != theirs or ours is None:
            break
        common += 1
    return len(done) + len(saved) - 2 * common


def rebase(source: History, onto: History) -> list[str]:
    """Carry what ``source`` changed since its save onto ``onto`` (a changed file).

    The net change is exact and small: the edits the saved file holds but the map no longer
    does are reversed (newest first), then the edits applied since are made again, then the
    redo stack is rebuilt. Reversing an edit on a file that changed uses the edit's
    :meth:`~debate.edits.Edit.inverse`; edits without a safe one are reported. Returns one
    message per edit that could not be carried over.
    """
    common = source._common
    failures: list[str] = []
    for edit in reversed(source.saved[common:]):
        inverse = edit.inverse()
        if inverse is None:
            failures.append(
                f"could not undo {edit.describe()}: it was saved, and the file changed since"
            )
            continue
        _carry(onto, inverse, failures, f"could not undo {edit.describe()}")
    for edit in source.done[common:]:
        _carry(onto, _fresh(edit), failures, f"could not re-apply {edit.describe()}")
    redo: list[Edit] = []
    for edit in reversed(source.undone):
        copy = _fresh(edit)
        if _carry(onto, copy, failures, f"could not keep {edit.describe()} for redo"):
            redo.append(copy)
    for _ in redo:
        onto.undo()
    return failures


def _carry(history: History, edit: Edit, failures: list[str], what: str) -> bool:
    try:
        history.do(edit)
    except DebateError as error:
        failures.append(f"{what}: {error}")
        return False
    return True


def _fresh(edit: Edit) -> Edit:
    """A new, unapplied edit with the same parameters (its captured state left behind)."""
    return Edit.from_dict(edit.to_dict())


def _describe(edit: Edit) -> str:
    return repr(edit.describe())


def _described(data: Mapping[str, Any]) -> str:
    try:
        return _describe(Edit.from_dict(dict(data)))
    except DebateError:
        return f"a {data.get('kind', 'unknown')!r} edit"
