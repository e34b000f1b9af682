"""Trials ("what would flip this?" shown as a perspective) leave no trace in the map, the
file or the journal; undo hides them in their place in the undo order; only an explicit
"keep as a perspective" writes them, as an ordinary edit."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.edits import AddNote, AddPerspective, Edit, EditError, SetField, SetOverlay
from debate.model import Perspective
from debate.scoring import Scorer
from debate.scoring.flip import Change
from debate.session import MapSession
from debate.store import dump_map, load_map
from debate.trial import Trial, TrialStep
from tests.tui.conftest import SAMPLE


@pytest.fixture
def tram(tmp_path: Path) -> Path:
    path = tmp_path / "tram.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


Opened = Callable[[], MapSession]


@pytest.fixture
def opened(tram: Path, request: pytest.FixtureRequest) -> Opened:
    """A session on the tram map, closed (its journal too) when the test ends."""

    def make() -> MapSession:
        session = MapSession(load_map(tram))
        request.addfinalizer(session.close)
        return session

    return make


def trial_of(
    session: MapSession, values: dict[str, tuple[float, int]], root: str = "tram"
) -> Trial:
    scorer = session.scorer
    changes = tuple(
        Change(claim, scorer.credence(claim), credence, scorer.weight(claim), weight)
        for claim, (credence, weight) in values.items()
    )
    return Trial(root, changes, session.perspective)


# ---------------------------------------------------------------------------------- scorer


def test_a_trial_scores_like_a_perspective_with_the_same_values_on_top(tram: Path) -> None:
    argmap = load_map(tram).argmap
    scorer = Scorer(argmap, perspective="thrifty")
    before = scorer.version
    scorer.set_trial(Perspective(weight={"disruption": 4}, credence={"cheaper": 0.1}))
    assert scorer.version > before
    assert scorer.weight("disruption") == 4 and scorer.credence("cheaper") == 0.1
    assert scorer.weight("cheaper") == 4  # the perspective's own value still shows
    argmap.perspectives["both"] = Perspective(
        weight={"cheaper": 4, "disruption": 4}, credence={"cheaper": 0.1}
    )
    assert scorer.strengths == Scorer(argmap, perspective="both").strengths
    # an edit under the trial is refreshed through it; the trial's values still win
    argmap.claims["disruption"].weight = 0
    scorer.refresh("disruption")
    assert scorer.weight("disruption") == 4
    scorer.set_trial(None)
    assert scorer.weight("disruption") == 1  # thrifty's value again
    assert scorer.strengths == Scorer(argmap, perspective="thrifty").strengths


def test_the_version_moves_with_every_change_of_values(tram: Path) -> None:
    scorer = Scorer(load_map(tram).argmap)
    seen = [scorer.version]
    for step in (
        lambda: scorer.refresh("cheaper"),
        scorer.rebuild,
        lambda: scorer.set_semantics("euler"),
        lambda: scorer.set_perspective("thrifty"),
        lambda: scorer.set_trial(None),
    ):
        step()
        seen.append(scorer.version)
    assert seen == sorted(set(seen))


# ---------------------------------------------------------------------------------- session


def test_a_trial_is_never_saved_and_undo_hides_it(tram: Path, opened: Opened) -> None:
    session = opened()
    text = tram.read_text()
    plain = dict(session.scorer.strengths)
    change = session.show_trial(trial_of(session, {"disruption": (1.0, 4)}))
    assert isinstance(change.edit, TrialStep) and change.focus == "tram"
    assert session.scorer.strength("tram") < plain["tram"]
    assert not session.dirty and session.argmap.claims["disruption"].weight == 2
    session.save()
    assert tram.read_text() == text  # the file is the map, without the trial
    assert session.journal is not None and not session.journal.path.exists()
    copy = session.save_as(tram.with_name("copy.toml"))  # nor does a save as another file
    assert load_map(copy).argmap == load_map(tram).argmap and session.trial is not None
    undone = session.undo()
    assert undone is not None and undone.undone and isinstance(undone.edit, TrialStep)
    assert session.trial is None and session.scorer.strengths == plain
    redone = session.redo()
    assert redone is not None and session.trial is not None
    assert session.undo() is not None and session.undo() is None  # nothing else to undo


def test_trials_tried_one_over_another_add_up_and_undo_one_at_a_time(opened: Opened) -> None:
    session = opened()
    session.show_trial(trial_of(session, {"disruption": (1.0, 4)}))
    session.show_trial(trial_of(session, {"cheaper": (1.0, 4), "disruption": (0.5, 4)}))
    assert session.scorer.trial == Perspective(
        weight={"disruption": 4, "cheaper": 4}, credence={"disruption": 0.5, "cheaper": 1.0}
    )
    session.undo()
    assert session.scorer.trial == Perspective(
        weight={"disruption": 4}, credence={"disruption": 1.0}
    )
    session.undo()
    assert session.scorer.trial is None and session.trial is None


def test_a_trial_takes_its_place_in_the_undo_order(tram: Path, opened: Opened) -> None:
    session = opened()
    first = SetField("tram", "by", "Mayor")
    session.do(first)
    session.show_trial(trial_of(session, {"disruption": (1.0, 4)}))
    session.do(AddNote("tram", "after the trial"))
    assert session.undo().edit.kind == "note"  # type: ignore[union-attr]
    assert session.trial is not None
    assert isinstance(session.undo().edit, TrialStep)  # type: ignore[union-attr]
    assert session.undo().edit is first  # type: ignore[union-attr]
    assert session.redo().edit is first  # type: ignore[union-attr]
    assert isinstance(session.redo().edit, TrialStep)  # type: ignore[union-attr]
    assert session.redo().edit.kind == "note"  # type: ignore[union-attr]
    assert session.redo() is None


def test_a_new_edit_after_undoing_a_trial_means_redo_cannot_bring_it_back(
    tram: Path, opened: Opened
) -> None:
    session = opened()
    session.show_trial(trial_of(session, {"disruption": (1.0, 4)}))
    session.undo()
    edit = AddNote("tram", "instead")
    session.do(edit)
    session.undo()
    assert session.redo().edit is edit  # type: ignore[union-attr]
    assert session.redo() is None and session.trial is None


def test_a_trial_refuses_edits_it_would_hide_and_lets_others_through(opened: Opened) -> None:
    session = opened()
    session.show_trial(trial_of(session, {"disruption": (1.0, 4)}))
    with pytest.raises(EditError, match="trial sets the weight of disruption"):
        session.do(SetField("disruption", "weight", 1))
    session.set_perspective(None)  # a switch ends the trial...
    assert session.trial is None
    session.show_trial(trial_of(session, {"cheaper": (0.2, 3)}))
    with pytest.raises(EditError, match="credence of cheaper"):
        session.do(SetOverlay("thrifty", "credence", "cheaper", 0.5))
    session.do(SetField("cheaper", "weight", 1))  # the trial leaves the weight alone
    session.do(SetField("disruption", "credence", 0.9))
    assert session.scorer.credence("cheaper") == 0.2 and session.scorer.weight("cheaper") == 1


def test_keeping_a_trial_is_an_edit_saved_undone_and_journaled_like_any(
    tram: Path, opened: Opened
) -> None:
    session = opened()
    session.set_perspective("thrifty")
    session.show_trial(trial_of(session, {"disruption": (0.9, 4)}))
    shown = dict(session.scorer.strengths)
    with pytest.raises(EditError, match="already a perspective"):
        session.keep_trial("thrifty")
    assert session.trial is not None  # a refused name keeps the trial
    session.keep_trial("flipped")
    assert session.trial is None and session.perspective == "flipped"
    assert session.scorer.strengths == shown and session.dirty
    kept = session.argmap.perspectives["flipped"]
    assert kept.weight == {"cheaper": 4, "disruption": 4} and kept.credence == {"disruption": 0.9}
    assert session.journal is not None and session.journal.path.exists()
    session.save()
    assert load_map(tram).argmap.perspectives["flipped"] == kept
    session.undo()
    assert "flipped" not in session.argmap.perspectives


def test_the_crash_journal_never_records_a_trial(tram: Path, opened: Opened) -> None:
    session = opened()
    session.do(AddNote("tram", "before the trial"))
    assert session.journal is not None
    journal = session.journal.path
    written = journal.read_bytes()
    session.show_trial(trial_of(session, {"disruption": (1.0, 4), "cheaper": (0.0, 0)}))
    assert journal.read_bytes() == written  # showing it writes nothing
    session.undo()
    session.redo()
    assert journal.read_bytes() == written  # nor do undoing and redoing it
    session.do(AddNote("tram", "after the trial"))
    assert b"disruption" not in journal.read_bytes()[len(written) :]
    # a crash: the journal brings back both notes over the file, and no trial
    session.journal.close()
    session.journal = None
    fresh = MapSession(load_map(tram))
    pending = fresh.pending_journals()
    assert len(pending) == 1 and fresh.restore(pending[0]) == []
    notes = [note.text for note in fresh.argmap.claims["tram"].notes]
    assert notes[-2:] == ["before the trial", "after the trial"]
    assert fresh.trial is None and fresh.scorer.trial is None
    assert fresh.scorer.strengths == Scorer(fresh.argmap).strengths
    assert fresh.argmap.claims["disruption"].weight == 2
    fresh.close()


def test_a_reload_ends_the_trial(opened: Opened) -> None:
    session = opened()
    session.show_trial(trial_of(session, {"disruption": (1.0, 4)}))
    session.reload(keep_edits=False)
    assert session.trial is None and session.scorer.trial is None
    assert session.undo() is None and session.redo() is None


# ---------------------------------------------------------------------------------- property


def expected_values(session: MapSession, trials: list[Trial]) -> dict[str, tuple[float, int]]:
    """The model's (credence, weight) of every claim: the latest trial that changed a value
    decides it, else the map read through the perspective."""
    plain = Scorer(session.argmap, perspective=session.perspective)
    values = {}
    for claim in session.argmap.claims:
        changes = [c for t in trials for c in t.changes if c.claim == claim]
        credences = [c.credence for c in changes if c.credence != c.credence_before]
        weights = [c.weight for c in changes if c.weight != c.weight_before]
        values[claim] = (
            credences[-1] if credences else plain.credence(claim),
            weights[-1] if weights else plain.weight(claim),
        )
    return values


CLAIMS = ["cheaper", "cost-overrun", "disruption", "markup", "bus-cheap"]
step_kinds = st.lists(
    st.sampled_from(["edit", "edit", "trial", "undo", "undo", "redo", "save", "keep"]),
    min_size=1,
    max_size=14,
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(step_kinds, st.data())
def test_property_trials_follow_the_undo_order_and_never_reach_the_file(
    kinds: list[str], data: st.DataObject
) -> None:
    """Against a model: one stack of steps (edits and trials), undo and redo moving between
    two stacks; a trial is shown exactly when it is on the done stack; the map is the
    edits alone; the file and the journal never hold a trial that was not kept."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.toml"
        path.write_text(SAMPLE, encoding="utf-8")
        session = MapSession(load_map(path))
        done: list[Edit | Trial] = []
        undone: list[Edit | Trial] = []
        kept = 0
        for kind in kinds:
            if kind == "edit":
                claim = data.draw(st.sampled_from(CLAIMS))
                field = data.draw(st.sampled_from(["weight", "credence"]))
                value = data.draw(st.integers(0, 4)) if field == "weight" else 0.3
                edit = SetField(claim, field, value)
                with contextlib.suppress(EditError):
                    session.do(edit)
                    done.append(edit)
                    undone.clear()
            elif kind == "trial":
                claim = data.draw(st.sampled_from(CLAIMS))
                trial = trial_of(session, {claim: (data.draw(st.sampled_from([0.0, 1.0])), 4)})
                session.show_trial(trial)
                done.append(trial)
                undone = [step for step in undone if not isinstance(step, Trial)]
            elif kind == "undo":
                change = session.undo()
                assert (change is None) == (not done)
                if done:
                    undone.append(done.pop())
            elif kind == "redo":
                change = session.redo()
                assert (change is None) == (not undone)
                if undone:
                    done.append(undone.pop())
            elif kind == "save":
                session.save()
                assert load_map(path).argmap == session.argmap
            elif session.trial is not None:  # keep
                kept += 1
                edit_count = len(session.history.done)
                session.keep_trial(f"kept-{kept}")
                done = [step for step in done if not isinstance(step, Trial)]
                done.append(session.history.done[edit_count])
                undone.clear()
            trials = [step for step in done if isinstance(step, Trial)]
            assert session.trial is (trials[-1] if trials else None)
            assert session.history.done == [step for step in done if isinstance(step, Edit)]
            scorer = session.scorer
            shown = {claim: (scorer.credence(claim), scorer.weight(claim)) for claim in CLAIMS}
            assert shown.items() <= expected_values(session, trials).items()
            expected = Scorer(session.argmap, perspective=session.perspective)
            expected.set_trial(scorer.trial)
            assert scorer.strengths == expected.strengths
        # a crash: the journal brings back the edits, and no trial
        assert session.journal is not None
        session.journal.close()
        session.journal = None
        fresh = MapSession(load_map(path))
        for contents in fresh.pending_journals():
            assert fresh.restore(contents) == []
        assert fresh.argmap == session.argmap and fresh.trial is None
        fresh.close()
        assert dump_map(load_map(path).argmap).count("[perspectives.") <= 1 + kept


def test_undoing_a_new_perspective_while_weighing_as_it_goes_back_to_the_map(
    opened: Opened,
) -> None:
    session = opened()
    session.do(AddPerspective("empty"))
    session.set_perspective("empty")
    session.undo()
    assert session.perspective is None
    assert session.scorer.strengths == Scorer(session.argmap).strengths
    assert Scorer(session.argmap, perspective=session.perspective)  # a name the map knows
