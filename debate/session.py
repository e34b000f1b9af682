"""One open map: the working model, its scorer, undo history, journal and the file on disk.

The screens call this for every change so that the rules live in one place and can be
tested without a terminal: apply an edit, journal it, refresh only the strengths that can
have moved, and save or reload without ever overwriting work silently.

No Textual here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from debate.edits import Edit, EditError
from debate.errors import DebateError, FileChangedError, MapError, Problem
from debate.history import History, rebase, replay
from debate.journal import Journal, JournalContents, find_journals
from debate.model import ArgumentMap, MapTree
from debate.opener import open_loaded, save_path_for
from debate.scoring import Scorer
from debate.store import LoadedMap, dump_map, parse_map, read_map_bytes, save_map
from debate.trial import Mark, Trial, Trials, TrialStep, keep_as_perspective


class SaveError(DebateError):
    """The map could not be written; the message names the map (never a temporary file)."""


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

    def __init__(
        self,
        loaded: LoadedMap,
        *,
        journal: bool = True,
        on_journal_problem: Callable[[str], object] | None = None,
    ) -> None:
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
        self._on_journal_problem = on_journal_problem
        self._reported: str | None = None
        self._changed: set[tuple[str, ...]] | None = set()
        """The file's entities the edits since the last save changed (``None``: not known,
        after a reload that kept edits or a crash restore: the save then compares whole maps)."""
        self.trials = Trials()
        """Trials shown over the map (:mod:`debate.trial`): never in the map or journal."""

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
    def trial(self) -> Trial | None:
        """The latest trial shown (``None``: the map is shown as it is)."""
        return self.trials.latest

    @property
    def perspective(self) -> str | None:
        return self.scorer.perspective

    def set_perspective(self, name: str | None) -> None:
        """Read the map through ``name``; a trial shown over the old reading ends."""
        self.end_trial()
        self.scorer.set_perspective(name)

    def disk_sha(self) -> str | None:
        """The sha256 of the file as it is on disk now (``None``: missing or not a map file).

        Read through the store's one safe reader: a map replaced by a FIFO or a device is
        refused at once instead of blocking the check (or filling memory).
        """
        if self.path is None:
            return None
        try:
            return hashlib.sha256(read_map_bytes(self.path)).hexdigest()
        except MapError:
            return None

    def changed_on_disk(self) -> bool:
        known = self._base.fingerprint.sha256 if self._base.fingerprint else None
        current = self.disk_sha()
        return current is not None and current != known

    # ------------------------------------------------------------------ edits

    def do(self, edit: Edit) -> Change:
        """Apply ``edit`` (raises :class:`~debate.edits.EditError`, changing nothing).

        While a trial is shown, an edit of a weight or credence the trial sets is refused.
        """
        reason = self.trials.conflict(edit)
        if reason is not None:
            raise EditError(reason)
        self.history.do(edit)
        self.trials.undone.clear()
        self._record()
        return self._after(edit, undone=False)

    def undo(self) -> Change | None:
        """Undo the latest step: a trial when it is the latest, else the latest edit."""
        trials = self.trials
        if trials.shown and self._on_top(trials.shown[-1][1]):
            trials.undone.append(trials.shown.pop())
            self.scorer.set_trial(trials.overlay())
            return Change(TrialStep(trials.undone[-1][0]), undone=True)
        edit = self.history.undo()
        if edit is None:
            return None
        self._record()
        return self._after(edit, undone=True)

    def redo(self) -> Change | None:
        trials = self.trials
        if trials.undone and self._on_top(trials.undone[-1][1]):
            trials.shown.append(trials.undone.pop())
            self.scorer.set_trial(trials.overlay())
            return Change(TrialStep(trials.shown[-1][0]))
        edit = self.history.redo()
        if edit is None:
            return None
        self._record()
        return self._after(edit, undone=False)

    def _after(self, edit: Edit, undone: bool) -> Change:
        if self._changed is not None:
            self._changed.update(edit.entities)
        change = Change(edit, undone=undone, structural=edit.structural)
        if edit.structural:
            self.tree = self.argmap.tree()
            self.scorer.rebuild()
        elif self.scorer.perspective not in (None, *self.argmap.perspectives):
            self.scorer.rebuild()  # an undone "new perspective" it weighed as: the map's values
        else:
            for claim_id in edit.claims:
                if claim_id in self.argmap.claims:
                    self.scorer.refresh(claim_id)
        return change

    # ------------------------------------------------------------------ trial

    def show_trial(self, trial: Trial) -> Change:
        """Show the map with the trial's values, on top of any trial shown; undo hides it."""
        self.trials.shown.append((trial, self._mark()))
        self.trials.undone.clear()
        self.scorer.set_trial(self.trials.overlay())
        return Change(TrialStep(trial))

    def end_trial(self) -> None:
        """Stop showing every trial, for good (not an undo step)."""
        had = bool(self.trials.shown)
        self.trials = Trials()
        if had:
            self.scorer.set_trial(None)

    def keep_trial(self, name: str) -> Change:
        """Save what the trials show as a new perspective named ``name`` (an edit, so it is
        journaled, saved and undone like any other) and weigh as that perspective."""
        trials = self.trials
        edit = keep_as_perspective(self.argmap, trials, name)
        self.trials = Trials()  # the edit sets the trials' claims: no conflict with itself
        try:
            change = self.do(edit)
        except DebateError:
            self.trials = trials
            raise
        self.scorer.set_trial(None)
        self.scorer.set_perspective(name)
        return change

    def _mark(self) -> Mark:
        """Where the undo order stands now (see :data:`debate.trial.Mark`)."""
        done = self.history.done
        return len(done), (done[-1] if done else None)

    def _on_top(self, mark: Mark) -> bool:
        """Whether nothing has been done (or everything since undone) after ``mark``."""
        count, last = self._mark()
        return count == mark[0] and last is mark[1]

    # ------------------------------------------------------------------ journal

    def journal_problem(self) -> str | None:
        """Why crash protection is off (the journal cannot be written), or ``None``.

        Checked before the first edit, so a front end can say so at once rather than
        after the user has done work it cannot protect.
        """
        if self.journal is None:
            return None
        problem = self.journal.problem()
        if problem is not None:
            self._reported = problem
        return problem

    def _record(self) -> None:
        """Bring the journal up to date with the history's log (after every step)."""
        if self.journal is None:
            return
        self.journal.sync(self.history.log)
        self._report()

    def _report(self) -> None:
        error = self.journal.error if self.journal is not None else None
        if error is not None and error != self._reported:
            self._reported = error
            if self._on_journal_problem is not None:
                self._on_journal_problem(error)

    def pending_journals(self) -> list[JournalContents]:
        """Unsaved work crashed sessions left behind, each locked until released.

        Journals that hold nothing unsaved (the session had saved, or undid back to the
        file) are removed here: there is nothing to offer.
        """
        if self.journal is None or self.save_path is None:
            return []
        pending: list[JournalContents] = []
        for contents in find_journals(self.save_path, skip=self.journal.path):
            if contents.edits:
                pending.append(contents)
            else:
                contents.remove()
        return pending

    def restore(self, contents: JournalContents) -> list[str]:
        """Bring back what a crashed session left; returns the steps that did not apply.

        Onto the file that session last saved (or started from), the restore is exact: the
        map it showed, with its undo and redo history. Onto a file that changed since, the
        session's unsaved changes are re-applied on top of it, and each one that no longer
        applies is reported. The old journal is removed once this session's holds the work.
        """
        disk = self._base.fingerprint.sha256 if self._base.fingerprint else None
        fresh = not self.history.log
        if contents.base_text is None:
            # never saved: the log starts from the file as it was opened then
            failures = replay(self.history, contents.records)
        else:
            try:
                base = parse_map(contents.base_text, name=str(contents.path)).argmap
            except MapError as error:
                return [f"the journal's copy of the file cannot be read: {error}"]
            source = History(base)
            failures = replay(source, contents.records)
            exact = fresh and not failures and self.path is not None
            if exact and disk != contents.saved_sha and _same(source.argmap, self._base.argmap):
                source.mark_saved(disk)  # killed between writing the file and noting it
            if exact and (disk == contents.saved_sha or not source.dirty):
                self.argmap = source.argmap
                self.history = source
                if self.journal is not None:
                    self.journal.restart(contents.sha256, contents.base_text)
            else:
                failures += rebase(source, self.history)
        self._changed = None
        self._rebuild()
        self._record()
        if self.journal is not None and self.journal.error is None:
            contents.remove()
        else:
            contents.release()
        return failures

    def discard_journal(self) -> None:
        if self.journal is not None:
            self.journal.discard()

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
        unless ``force``, and :class:`SaveError` (naming the map) when it cannot be
        written. Returns the path written.
        """
        target = self.save_path
        if target is None:
            raise FileChangedError("this map has no file to save to")
        return self._save(target, force=force)

    def save_as(self, target: Path, *, force: bool = False) -> Path:
        """Save to another file and keep editing that one (its journal moves along)."""
        path = self._save(target, force=force, elsewhere=True)
        self.save_path = path
        old = self.journal
        if old is not None:
            self.journal = Journal(path, old.sha256)  # the log still starts where it did
            if old.base_text is not None:
                self.journal.keep_base(old.base_text)
        return path

    def _save(self, target: Path, *, force: bool, elsewhere: bool = False) -> Path:
        base = self._base
        changed = self._changed if base.text else None
        if changed is None and base.argmap is self.argmap and base.text:
            # edited in place, changes not known: re-read the pristine map to compare with
            pristine = parse_map(base.text, name=base.name).argmap
            base = LoadedMap(pristine, base.path, base.text, base.fingerprint)
        elsewhere = elsewhere or target != base.path
        if elsewhere and target.exists() and not force:
            raise FileChangedError(f"{target} already exists; not saved over it")
        if self.journal is not None and self.journal.base_text is None:
            # the file the log starts from is about to change: the journal keeps its text
            self.journal.keep_base(self._base_text())
            self._report()
        try:
            saved = save_map(
                base,
                self.argmap,
                None if not elsewhere else target,
                force=force,
                changed=None if changed is None else set(changed),
            )
        except OSError as error:
            raise SaveError(f"cannot write {target}: {_reason(error)}") from None
        self._base = saved
        self._changed = set()
        self.history.mark_saved(saved.fingerprint.sha256 if saved.fingerprint else None)
        if self.journal is not None:
            self.journal.clear()
        return target

    def _base_text(self) -> str:
        """The text of the file the history starts from (what the journal replays onto)."""
        if self._base.text or self._base.argmap is not self.argmap:
            return self._base.text or dump_map(self._base.argmap)
        # another tool's file, edited in place: take the edits back on a copy
        copy = self.argmap.model_copy(deep=True)
        for edit in reversed(self.history.done):
            edit.undo(copy)
        return dump_map(copy)

    def reload(self, *, keep_edits: bool) -> list[str]:
        """Read the file again; with ``keep_edits`` carry the unsaved changes over to it.

        What is carried over is what changed since the last save (or the last reload), so
        edits the file already holds are not made twice. Raises
        :class:`~debate.errors.MapError` when the file on disk is broken (nothing changes
        then). Returns one message per change that no longer applies.
        """
        assert self.path is not None
        fresh = _open_again(self.path)
        old = self.history
        self._base = fresh
        self.argmap = fresh.argmap
        self.history = History(self.argmap)
        failures = rebase(old, self.history) if keep_edits else []
        self._changed = None if keep_edits else set()
        if self.journal is not None:
            self.journal.restart(fresh.fingerprint.sha256 if fresh.fingerprint else None)
        self._rebuild()
        self._record()
        return failures

    def _rebuild(self) -> None:
        """A new history (reload, restore): trials placed in the old one's order end."""
        self.trials = Trials()
        perspective = self.scorer.perspective
        if perspective not in self.argmap.perspectives:
            perspective = None
        self.scorer = Scorer(self.argmap, self.scorer.semantics, perspective)
        self.tree = self.argmap.tree()


def _open_again(path: Path) -> LoadedMap:
    """The file as it is now; any failure to read it is a :class:`MapError` (one line)."""
    try:
        return open_loaded(path)
    except MapError:
        raise
    except Exception as error:  # a reader's bug must not take the app down with it
        why = f"cannot be read ({type(error).__name__}: {error})"
        raise MapError([Problem(str(path), why)]) from error


def _same(first: ArgumentMap, second: ArgumentMap) -> bool:
    """Equal maps, sibling order included (``==`` on dicts ignores their order)."""
    return first == second and all(
        list(getattr(first, section)) == list(getattr(second, section))
        for section in ("sources", "claims", "perspectives")
    )


def _reason(error: OSError) -> str:
    """Why a write failed, in words, without the temporary file's name."""
    reason = error.strerror or str(error)
    if error.filename is not None and isinstance(error, PermissionError):
        reason += " (is the folder writable?)"
    return reason
