"""One open map: the working model, its scorer, undo history, journal and the file on disk.

The screens call this for every change so that the rules live in one place and can be
tested without a terminal: apply an edit, journal it, refresh only the strengths that can
have moved, and save or reload without ever overwriting work silently.

No Textual here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from debate.edits import Edit, History, replay
from debate.errors import FileChangedError
from debate.journal import Journal, JournalContents, read_journal
from debate.model import ArgumentMap, MapTree
from debate.opener import open_loaded, save_path_for
from debate.scoring import Scorer
from debate.store import LoadedMap, parse_map, save_map


@dataclass
class Change:
    """What an edit (or its undo) changed, so the screen repaints just enough."""

    edit: Edit
    undone: bool = False
    structural: bool = False

    @property
    def focus(self) -> str | None:
        return self.edit.focus(self.undone)


class MapSession:
    """The map being edited and everything that keeps it safe."""

    def __init__(self, loaded: LoadedMap, *, journal: bool = True) -> None:
        self._base = loaded
        self.argmap: ArgumentMap = loaded.argmap
        self.history = History(self.argmap)
        self.scorer = Scorer(self.argmap)
        self.tree: MapTree = self.argmap.tree()
        self.save_path = save_path_for(loaded.path) if loaded.path is not None else None
        sha = loaded.fingerprint.sha256 if loaded.fingerprint else None
        self.journal: Journal | None = (
            Journal(self.save_path, sha) if journal and self.save_path is not None else None
        )

    # ------------------------------------------------------------------ state

    @property
    def loaded(self) -> LoadedMap:
        return self._base

    @property
    def path(self) -> Path | None:
        return self._base.path

    @property
    def dirty(self) -> bool:
        return self.history.dirty

    @property
    def perspective(self) -> str | None:
        return self.scorer.perspective

    def set_perspective(self, name: str | None) -> None:
        self.scorer.set_perspective(name)

    def disk_sha(self) -> str | None:
        """The sha256 of the file as it is on disk now (``None``: missing)."""
        if self.path is None:
            return None
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        known = self._base.fingerprint.sha256 if self._base.fingerprint else None
        current = self.disk_sha()
        return current is not None and current != known

    # ------------------------------------------------------------------ edits

    def do(self, edit: Edit) -> Change:
        """Apply ``edit`` (raises :class:`~debate.edits.EditError`, changing nothing)."""
        self.history.do(edit)
        self._record({"do": edit.to_dict()})
        return self._after(edit, undone=False)

    def undo(self) -> Change | None:
        edit = self.history.undo()
        if edit is None:
            return None
        self._record({"undo": 1})
        return self._after(edit, undone=True)

    def redo(self) -> Change | None:
        edit = self.history.redo()
        if edit is None:
            return None
        self._record({"redo": 1})
        return self._after(edit, undone=False)

    def _record(self, step: dict[str, object]) -> None:
        if self.journal is not None:
            self.journal.record(step)

    def _after(self, edit: Edit, undone: bool) -> Change:
        change = Change(edit, undone=undone, structural=edit.structural)
        if edit.structural:
            self.tree = self.argmap.tree()
            self.scorer.rebuild()
        else:
            for claim_id in edit.claims:
                if claim_id in self.argmap.claims:
                    self.scorer.refresh(claim_id)
        return change

    # ------------------------------------------------------------------ journal

    def pending_journal(self) -> JournalContents | None:
        """Unsaved edits an earlier session left behind (after a crash or kill)."""
        if self.journal is None:
            return None
        return read_journal(self.journal.path)

    def restore(self, contents: JournalContents) -> list[str]:
        """Replay a left-behind journal; returns the steps that could not be replayed."""
        failures = replay(self.history, contents.steps)
        self._rebuild()
        if self.journal is not None:
            self.journal.restart(self.journal.sha256, self._steps())
        return failures

    def discard_journal(self) -> None:
        if self.journal is not None:
            self.journal.discard()

    def _steps(self) -> list[dict[str, object]]:
        """The journal that reproduces the current history (applied edits only)."""
        return [{"do": edit.to_dict()} for edit in self.history.done]

    def close(self) -> None:
        """Leave the journal on disk only if there are unsaved edits."""
        if self.journal is None:
            return
        self.journal.close()
        if not self.dirty:
            self.journal.discard()

    # ------------------------------------------------------------------ disk

    def save(self, *, force: bool = False) -> Path:
        """Write the map through the store (comments kept, atomic).

        Raises :class:`FileChangedError` when the file changed on disk since it was read,
        unless ``force``. Returns the path written.
        """
        target = self.save_path
        if target is None:
            raise FileChangedError("this map has no file to save to")
        base = self._base
        if base.argmap is self.argmap and base.text:  # edited in place: re-read the pristine
            pristine = parse_map(base.text, name=base.name).argmap
            base = LoadedMap(pristine, base.path, base.text, base.fingerprint)
        elsewhere = target != base.path
        if elsewhere and target.exists() and not force:
            raise FileChangedError(f"{target} already exists; not saved over it")
        saved = save_map(base, self.argmap, None if not elsewhere else target, force=force)
        self._base = saved
        self.history.mark_saved()
        if self.journal is not None:
            self.journal.restart(saved.fingerprint.sha256 if saved.fingerprint else None)
        return target

    def reload(self, *, keep_edits: bool) -> list[str]:
        """Read the file again; with ``keep_edits`` replay the unsaved edits on top of it.

        Raises :class:`~debate.errors.MapError` when the file on disk is broken (nothing
        changes then). Returns the edits that no longer apply.
        """
        assert self.path is not None
        steps = self._steps() if keep_edits else []
        fresh = open_loaded(self.path)
        self._base = fresh
        self.argmap = fresh.argmap
        perspective = self.scorer.perspective
        self.history = History(self.argmap)
        failures = replay(self.history, steps)
        if perspective not in self.argmap.perspectives:
            perspective = None
        self.scorer = Scorer(self.argmap, self.scorer.semantics, perspective)
        self.tree = self.argmap.tree()
        if self.journal is not None:
            self.journal.restart(
                fresh.fingerprint.sha256 if fresh.fingerprint else None, self._steps()
            )
        return failures

    def _rebuild(self) -> None:
        self.tree = self.argmap.tree()
        self.scorer.rebuild()
