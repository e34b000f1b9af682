"""Edit commands: each one applies, undoes exactly, replays from its dict, keeps maps valid."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.edits import (
    AddCitation,
    AddClaim,
    AddLink,
    AddNote,
    AddPerspective,
    AddSource,
    Batch,
    DeleteClaim,
    Edit,
    EditError,
    EditNote,
    MoveClaim,
    MoveSibling,
    RemoveCitation,
    RemoveLink,
    SetField,
    SetOverlay,
    SetStance,
    next_stance,
    set_credence,
    set_weight,
)
from debate.history import History, replay
from debate.model import ArgumentMap, check_structure
from debate.slugs import new_claim_id
from debate.store import dump_map, map_to_data, parse_map
from tests.strategies import argument_maps, edit_for

MAP = """
[map]
title = "t"

[sources.s]
title = "A source"

[claims.root]
text = "Root"

[claims.a]
parent = "root"
stance = "pro"
text = "A"
weight = 3
links = ["c"]

[claims.a1]
parent = "a"
stance = "con"
text = "A1"

[claims.b]
parent = "root"
stance = "con"
text = "B"

[claims.c]
parent = "root"
stance = "part"
text = "C"

[perspectives.p]
weight = { a1 = 4, b = 1 }
"""


def snapshot(argmap: ArgumentMap) -> tuple[str, list[str]]:
    """Everything the map says, in order (dict equality alone ignores order)."""
    data = map_to_data(argmap)
    return json.dumps(data, sort_keys=True, default=str), list(argmap.claims)


@pytest.fixture
def argmap() -> ArgumentMap:
    return parse_map(MAP).argmap


EDITS: list[Edit] = [
    SetField("a", "text", "A, reworded"),
    SetField("a", "weight", 0),
    SetField("a", "weight", None),
    SetField("a", "credence", 1),
    SetField("a", "by", "someone"),
    SetField("a", "tags", ["x", "y"]),
    SetStance("a1", "part"),
    SetOverlay("p", "weight", "a", 2),
    SetOverlay("p", "weight", "b", None),
    SetOverlay("p", "credence", "c", 0.3),
    AddNote("a", "a note\nwith two lines", at="2026-01-02T03:04:05+00:00", by="me"),
    AddSource("new", "New source", "https://example.org"),
    AddCitation("a", "s", "quoted words", "p. 4"),
    AddLink("b", "a1"),
    RemoveLink("a", "c"),
    AddClaim("fresh", "a", "pro", "A new claim"),
    AddClaim("after-a", "root", "con", "Right after A", after="a"),
    AddClaim("other-root", None, None, "A second tree"),
    DeleteClaim("a", subtree=False),
    DeleteClaim("a", subtree=True),
    DeleteClaim("c"),
    MoveClaim("a1", "b"),
    MoveClaim("b", None),
    MoveClaim("c", "a1", "con"),
    MoveSibling("b", -1),
    MoveSibling("a", 1),
    AddPerspective("q", "another view"),
    Batch("two", [AddSource("t", "T"), AddCitation("b", "t", "q")]),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.kind)
def test_each_edit_applies_undoes_and_replays(argmap: ArgumentMap, edit: Edit) -> None:
    before = snapshot(argmap)
    history = History(argmap)
    history.do(edit)
    after = snapshot(argmap)
    assert after != before
    assert not [issue for issue in check_structure(argmap) if issue.severity == "error"]
    assert parse_map(dump_map(argmap)).argmap.claims.keys() == argmap.claims.keys()
    history.undo()
    assert snapshot(argmap) == before
    history.redo()
    assert snapshot(argmap) == after
    # written down and read back (the journal), it does the same to a fresh copy
    fresh = parse_map(MAP).argmap
    data = json.loads(json.dumps(edit.to_dict()))
    Edit.from_dict(data).apply(fresh)
    assert snapshot(fresh) == after


def test_delete_keeps_the_map_valid_and_undo_restores_everything(argmap: ArgumentMap) -> None:
    before = snapshot(argmap)
    edit = DeleteClaim("a")
    edit.apply(argmap)
    assert argmap.claims["a1"].parent == "root"  # the child moved up, stance kept
    assert argmap.claims["a1"].stance == "con"
    edit.undo(argmap)
    assert snapshot(argmap) == before
    DeleteClaim("c", subtree=True).apply(argmap)
    assert argmap.claims["a"].links == []  # links to deleted claims go with them
    subtree = DeleteClaim("a", subtree=True)
    subtree.apply(argmap)
    assert "a1" not in argmap.claims and "a1" not in argmap.perspectives["p"].weight
    assert subtree.describe() == "deleted subtree a (2 claims)"


def test_edits_refuse_what_would_break_the_map(argmap: ArgumentMap) -> None:
    before = snapshot(argmap)
    bad: list[Edit] = [
        SetField("nope", "text", "x"),
        SetField("a", "weight", 7),
        SetField("a", "text", ""),
        SetField("a", "parent", "b"),
        SetStance("root", "pro"),
        SetStance("a", "sideways"),
        SetOverlay("nope", "weight", "a", 1),
        SetOverlay("p", "weight", "a", 9),
        AddNote("a", "   "),
        AddSource("s", "dup"),
        AddSource("bad id", "x"),
        AddCitation("a", "unknown"),
        AddLink("a", "a"),
        AddLink("a", "c"),
        AddLink("a", "nope"),
        RemoveLink("b", "a"),
        RemoveCitation("a", 0),
        EditNote("a", 0, "x"),
        AddClaim("a", "root", "pro", "dup"),
        AddClaim("x", "root", None, "no stance"),
        AddClaim("y", "nope", "pro", "no parent"),
        DeleteClaim("nope"),
        DeleteClaim("root", subtree=True),
        MoveClaim("root", "a1"),
        MoveClaim("a", "a"),
        MoveSibling("a", -1),
        MoveSibling("c", 1),
        AddPerspective("p"),
        Batch("half", [AddSource("ok", "fine"), AddLink("a", "nope")]),
    ]
    for edit in bad:
        with pytest.raises(EditError):
            History(argmap).do(edit)
        assert snapshot(argmap) == before, edit


def test_helpers_route_weights_into_the_active_perspective(argmap: ArgumentMap) -> None:
    assert isinstance(set_weight(argmap, "a", 1, None), SetField)
    overlay = set_weight(argmap, "a", 1, "p")
    assert isinstance(overlay, SetOverlay) and overlay.perspective == "p"
    with pytest.raises(EditError):
        set_weight(argmap, "a", 5, None)
    assert set_credence(argmap, "a", 1.2, None).value == 1.0  # type: ignore[attr-defined]
    assert set_credence(argmap, "a", 0.333, "p").value == 0.33  # type: ignore[attr-defined]
    assert [next_stance(s) for s in (None, "pro", "con", "part")] == ["pro", "con", "part", "pro"]
    assert new_claim_id("A!", argmap.claims) == "a-2"
    assert new_claim_id("Tram lines cost less than buses over thirty years", argmap.claims) == (
        "tram-lines-cost-less-than-buses"
    )
    assert new_claim_id("   ", argmap.claims) == "claim"


def test_notes_and_citations_can_be_edited_and_removed(argmap: ArgumentMap) -> None:
    history = History(argmap)
    history.do(AddNote("a", "first"))
    history.do(AddNote("a", "second"))
    history.do(EditNote("a", 0, "first, better"))
    history.do(EditNote("a", 1, None))
    assert [note.text for note in argmap.claims["a"].notes] == ["first, better"]
    history.do(AddCitation("a", "s", "one"))
    history.do(AddCitation("a", "s", "two"))
    assert [c.quote for c in argmap.claims["a"].citations] == ["one", "two"]
    history.do(RemoveCitation("a", 0))
    assert argmap.claims["a"].cite is not None and not isinstance(argmap.claims["a"].cite, list)
    for _ in range(7):
        history.undo()
    assert argmap.claims["a"].notes == [] and argmap.claims["a"].cite is None


def test_history_knows_when_the_map_matches_the_file(argmap: ArgumentMap) -> None:
    history = History(argmap)
    assert not history.dirty
    history.do(SetField("a", "weight", 1))
    history.do(SetField("a", "weight", 2))
    assert history.dirty and history.unsaved == 2
    history.mark_saved()
    assert not history.dirty
    history.undo()
    assert history.dirty
    history.redo()
    assert not history.dirty
    history.undo()
    history.do(SetField("a", "weight", 4))  # the saved state is now out of reach
    assert history.dirty and history.saved_at is None
    history.undo()
    assert history.dirty
    assert history.undo() is not None and history.undo() is None


# ---------------------------------------------------------------------------------- property


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), argument_maps(max_claims=8))
def test_any_sequence_of_edits_undoes_to_the_original(data: st.DataObject, argmap) -> None:
    original = snapshot(argmap)
    history = History(argmap)
    steps: list[dict[str, Any]] = []
    for _ in range(data.draw(st.integers(1, 8))):
        edit = data.draw(edit_for(argmap))
        try:
            history.do(edit)
        except EditError:
            continue  # refused edits leave the map as it was (checked at the end)
        steps.append({"do": json.loads(json.dumps(edit.to_dict()))})
        assert not [i for i in check_structure(argmap) if i.severity == "error"]
    final = snapshot(argmap)
    # the file the store would write reads back as the same map
    assert snapshot(parse_map(dump_map(argmap)).argmap)[0] == final[0]
    while history.undo() is not None:
        pass
    assert snapshot(argmap) == original
    while history.redo() is not None:
        pass
    assert snapshot(argmap) == final
    # replaying the journal onto a copy of the original gives the same map
    while history.undo() is not None:
        pass
    fresh = argmap.model_copy(deep=True)
    assert replay(History(fresh), steps) == []
    assert snapshot(fresh) == final


def test_edits_and_the_app_session_never_import_textual() -> None:
    """Edits, the session, the journal and the settings are usable without the UI."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import debate.edits, debate.session, debate.journal, debate.tui.config\n"
        "import debate.editor\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_move_to_another_parent_drops_the_old_mutual_relation(argmap: ArgumentMap) -> None:
    """``mutual`` says how the parent bears back on a claim: after a move it would describe
    a relation with the new parent that nobody stated. Undo brings it back."""
    from dataclasses import replace

    argmap.claims["a1"] = replace(argmap.claims["a1"], mutual="con")
    before = snapshot(argmap)
    history = History(argmap)
    history.do(MoveClaim("a1", "b"))
    assert argmap.claims["a1"].mutual is None
    saved = parse_map(dump_map(argmap)).argmap
    assert saved.claims["a1"].mutual is None and saved.claims["a1"].parent == "b"
    history.undo()
    assert argmap.claims["a1"].mutual == "con" and snapshot(argmap) == before
    history.do(MoveClaim("a1", "a"))  # the same parent: the relation still holds
    assert argmap.claims["a1"].mutual == "con"
