"""A trial: the map read as if you changed your mind the way a flip search suggests.

"What would flip this?" answers with a few claims and new values for them. A trial shows the
map with those values without making them part of it: the scorer reads them as an overlay on
top of the active perspective (:meth:`debate.scoring.Scorer.set_trial`), while the map, its
undo history and its journal hold no trace of them. So a save writes exactly what it would
have written without the trial, a crash forgets it, and only an explicit "keep it as a
perspective" (:func:`keep_as_perspective`, an ordinary edit) puts it in the file.

It still sits in the undo order: undo takes it away when it is the latest thing done, redo
brings it back (:class:`debate.session.MapSession` keeps that order). While it is shown, a
weight or credence edit to a claim it sets is refused: the trial would hide the new value.

Pure: no Textual, no files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from debate.edits import AddPerspective, Batch, Edit, EditError, SetField, SetOverlay
from debate.model import ArgumentMap, Perspective

if TYPE_CHECKING:
    from debate.scoring.flip import Change


Mark = tuple[int, object]
"""Where in the undo order a trial was tried: how many edits were applied then, and the last
of them (compared by identity)."""


@dataclass(frozen=True)
class Trial:
    """New values for a few claims, tried over the perspective ``under`` (``None``: the map)."""

    root: str
    """The claim whose verdict the values flip."""
    changes: tuple[Change, ...]
    under: str | None

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(change.claim for change in self.changes)

    def describe(self) -> str:
        return f"trial: what would flip {self.root}"


@dataclass
class Trials:
    """The trials shown, in the order they were tried (each on top of the ones before, as
    the flip search ran with them shown), and the ones undone, for redo."""

    shown: list[tuple[Trial, Mark]] = field(default_factory=list)
    undone: list[tuple[Trial, Mark]] = field(default_factory=list)

    @property
    def latest(self) -> Trial | None:
        return self.shown[-1][0] if self.shown else None

    def overlay(self) -> Perspective | None:
        """The values the shown trials set (a later trial wins), or ``None`` when none is."""
        if not self.shown:
            return None
        weights: dict[str, int] = {}
        credences: dict[str, float] = {}
        for trial, _mark in self.shown:
            for change in trial.changes:
                if change.weight != change.weight_before:
                    weights[change.claim] = change.weight
                if change.credence != change.credence_before:
                    credences[change.claim] = change.credence
        return Perspective(weight=weights, credence=credences)

    def conflict(self, edit: Edit) -> str | None:
        """Why ``edit`` cannot be made while the trials are shown, or ``None`` if it can."""
        overlay = self.overlay()
        if overlay is None:
            return None
        for step in _steps(edit):
            table = _value_table(step)
            claim = getattr(step, "claim", None)
            if table is not None and claim in getattr(overlay, table):
                return (
                    f"the trial sets the {table} of {claim}: undo the trial, or keep it as a "
                    "perspective, to change it"
                )
        return None


@dataclass
class TrialStep(Edit):
    """Stands for a trial in the undo order (what an undo or redo of it reports).

    Never applied to a map, never in the history or the journal: the session shows and
    hides the trial through the scorer. ``kind`` is empty, so it cannot be read back from a
    journal either.
    """

    kind: ClassVar[str] = ""
    trial: Trial

    def apply(self, argmap: ArgumentMap) -> None:
        raise EditError("a trial is shown by the session, not applied to the map")

    undo = apply

    @property
    def claims(self) -> tuple[str, ...]:
        return self.trial.claims

    def focus(self, undone: bool = False) -> str | None:
        return self.trial.root

    def describe(self) -> str:
        return self.trial.describe()


def keep_as_perspective(argmap: ArgumentMap, trials: Trials, name: str) -> Edit:
    """The edit that saves what the trials show as a new named perspective: the overlay of
    the perspective they were tried over (if any), with the trials' values on top."""
    overlay = trials.overlay()
    latest = trials.latest
    if overlay is None or latest is None:
        raise EditError("no trial is shown")
    weights: dict[str, int] = {}
    credences: dict[str, float] = {}
    if latest.under is not None and latest.under in argmap.perspectives:
        under = argmap.perspectives[latest.under]
        weights, credences = dict(under.weight), dict(under.credence)
    weights.update(overlay.weight)
    credences.update(overlay.credence)
    edits: list[Edit] = [AddPerspective(name, f"what would flip {latest.root} (a kept trial)")]
    edits += [SetOverlay(name, "weight", claim, value) for claim, value in weights.items()]
    edits += [SetOverlay(name, "credence", claim, value) for claim, value in credences.items()]
    return Batch(f"perspective {name}", edits)


def _steps(edit: Edit) -> Iterator[Edit]:
    if isinstance(edit, Batch):
        for inner in edit.edits:
            yield from _steps(inner)
    else:
        yield edit


def _value_table(edit: Edit) -> str | None:
    """``"weight"`` or ``"credence"`` when ``edit`` sets one of a claim's values."""
    if isinstance(edit, SetField) and edit.field in ("weight", "credence"):
        return edit.field
    if isinstance(edit, SetOverlay):
        return edit.table
    return None
