"""The journal file: framing, identity of undo steps, one journal per app, no planted links."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from debate.edits import (
    AddCitation,
    AddClaim,
    AddNote,
    AddPerspective,
    AddSource,
    Edit,
    EditNote,
    SetField,
)
from debate.history import History, count_unsaved, replay
from debate.journal import (
    Journal,
    find_journals,
    journal_path,
    legacy_journal_path,
    parse_journal,
    read_journal,
)
from debate.session import MapSession, SaveError
from debate.store import load_map
from tests.tui.conftest import SAMPLE

# Every character str.splitlines() breaks a line on, every C0 and C1 control, DEL, and the
# invisible direction and joining marks: none of them may split or damage a journal record.
LINE_BREAKS = [chr(c) for c in range(0x3000) if len(f"a{chr(c)}b".splitlines()) > 1]
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
MARKS = ["\u061c", "\u200b", "\u200e", "\u200f", "\ufeff", "\u2028", "\u2029"]
MARKS += [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
HOSTILE = sorted(set(LINE_BREAKS + CONTROLS + MARKS))


@pytest.fixture
def tram(tmp_path: Path) -> Path:
    path = tmp_path / "tram.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def crash(session: MapSession) -> Path:
    """What a kill leaves: the journal as written so far, nothing cleaned up.

    The session stays usable as the record of what the user saw, journaling nowhere.
    """
    journal = session.journal
    assert journal is not None
    journal.close()
    session.journal = None
    return journal.path


def restored(path: Path) -> tuple[MapSession, list[str]]:
    """A new session on ``path`` that restores the one journal a crash left."""
    session = MapSession(load_map(path))
    pending = session.pending_journals()
    assert len(pending) == 1, pending
    return session, session.restore(pending[0])


def same(first: MapSession, second: MapSession) -> bool:
    a, b = first.argmap, second.argmap
    return a == b and list(a.claims) == list(b.claims) and list(a.sources) == list(b.sources)


def every_field(text: str) -> list[Edit]:
    """Edits that put ``text`` into every free-text field a user can fill in the app."""
    return [
        SetField("tram", "text", text),
        SetField("tram", "by", text),
        SetField("tram", "tags", [text, f"t{text}"]),
        AddNote("tram", text, by=text),
        EditNote("cheaper", 0, text),
        AddSource("s2", text, url=f"https://e.org/{text}"),
        AddCitation("disruption", "s2", quote=text, locator=text),
        AddClaim("new", "tram", "con", text),
        AddPerspective("p2", description=text),
    ]


def test_the_hostile_characters_include_every_line_break_python_knows() -> None:
    assert {"\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"} <= set(LINE_BREAKS)
    assert {"\u2028", "\u2029"} <= set(LINE_BREAKS) and len(HOSTILE) > 70


@pytest.mark.parametrize("char", HOSTILE, ids=lambda char: f"U+{ord(char):04X}")
def test_restore_keeps_any_character_in_any_field(tram: Path, char: str) -> None:
    session = MapSession(load_map(tram))
    text = f"a{char}b{char}"
    for edit in every_field(text):
        session.do(edit)
    session.undo()
    session.undo()
    session.redo()  # one undone edit stays on the redo stack
    assert session.journal is not None
    assert all(line.isascii() for line in session.journal.path.read_bytes().split(b"\n"))
    crash(session)
    back, failures = restored(tram)
    assert failures == []
    assert same(back, session) and back.argmap.claims["tram"].text == text
    assert back.redo() is not None and session.redo() is not None and same(back, session)


def test_a_torn_last_line_is_skipped_and_the_rest_restored(tram: Path) -> None:
    session = MapSession(load_map(tram))
    session.do(SetField("cheaper", "weight", 0))
    session.do(AddNote("tram", "kept\u2028too"))
    with crash(session).open("ab") as stream:
        stream.write(b'{"do": {"kind": "set", "claim": "tram", "fie')  # died mid-write
    back, failures = restored(tram)
    assert failures == [] and same(back, session)


def test_undo_names_the_edit_it_reverses(tram: Path) -> None:
    """An edit that no longer applies takes its own undo with it, not the edit before it."""
    argmap = load_map(tram).argmap
    history = History(argmap)
    history.do(SetField("cheaper", "weight", 0))
    history.do(SetField("disruption", "weight", 4))
    history.undo()
    history.do(AddNote("bus-cheap", "n"))
    history.undo()
    history.redo()
    records = json.loads(json.dumps(history.log))
    target = load_map(tram).argmap
    del target.claims["bus-cheap"]  # the file changed: the note's claim is gone
    failures = replay(History(target), records)
    assert target.claims["cheaper"].weight == 0  # not undone by the note's "undo"
    assert target.claims["disruption"].weight == 2
    assert len(failures) == 3 and "note on bus-cheap" in failures[0]
    assert failures[1].startswith("could not undo 'note on bus-cheap'")
    assert failures[2].startswith("could not redo 'note on bus-cheap'")


def test_a_version_1_journal_is_read_by_position_into_identities(tram: Path) -> None:
    lines = [
        {"journal": 1, "sha256": "x"},
        {"do": {"kind": "set", "claim": "cheaper", "field": "weight", "value": 0}},
        {"do": {"kind": "set", "claim": "cheaper", "field": "weight", "value": 1}},
        {"undo": 1},
        {"redo": 1},
        {"undo": 1},
    ]
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    contents = parse_journal(tram, data.encode())
    assert contents is not None and contents.edits == 1
    assert [r.get("undo", r.get("redo")) for r in contents.records[2:]] == [2, 2, 2]


def test_count_unsaved_agrees_with_the_history(tram: Path) -> None:
    history = History(load_map(tram).argmap)
    history.do(SetField("cheaper", "weight", 0))
    history.mark_saved("sha")
    history.undo()
    history.do(SetField("cheaper", "weight", 1))
    assert history.unsaved == count_unsaved(history.log) == 2
    history.undo()
    assert history.unsaved == count_unsaved(history.log) == 1


# ---------------------------------------------------------------------------------- undo over a save


def test_an_undo_after_a_save_survives_a_crash(tram: Path) -> None:
    """The issue's case: set a weight, save, undo, kill -> restore shows the undone weight."""
    session = MapSession(load_map(tram))
    session.do(SetField("cheaper", "weight", 0))
    session.save()
    assert session.journal is not None and not session.journal.path.exists()
    session.undo()
    crash(session)
    back, failures = restored(tram)
    assert failures == [] and back.argmap.claims["cheaper"].weight == 3
    assert back.dirty and back.history.unsaved == 1
    back.redo()  # the redo stack came back too: the saved state is one step away
    assert back.argmap.claims["cheaper"].weight == 0 and not back.dirty


def test_restoring_onto_a_changed_file_carries_the_unsaved_changes(tram: Path) -> None:
    session = MapSession(load_map(tram))
    session.do(SetField("cheaper", "weight", 0))
    session.do(AddNote("tram", "saved note"))
    session.save()
    session.undo()  # the note is saved; undoing it is unsaved work
    session.undo()  # the weight too
    session.do(SetField("disruption", "by", "Shops"))
    crash(session)
    tram.write_text(tram.read_text().replace("Should the town", "Must the town"))
    back, failures = restored(tram)
    claims = back.argmap.claims
    assert back.argmap.map.title.startswith("Must the town")  # theirs kept
    assert claims["cheaper"].weight == 3 and claims["disruption"].by == "Shops"  # ours carried
    assert failures == ["could not undo note on tram: it was saved, and the file changed since"]
    assert [note.text for note in claims["tram"].notes] == ["saved note"]


def test_reload_carries_only_what_is_unsaved(tram: Path) -> None:
    """Edits the file already holds are not made twice (a saved note is not doubled)."""
    session = MapSession(load_map(tram))
    session.do(AddNote("tram", "once"))
    session.save()
    session.do(SetField("cheaper", "weight", 1))
    tram.write_text(tram.read_text().replace("Should the town", "Must the town"))
    assert session.reload(keep_edits=True) == []
    claims = session.argmap.claims
    assert [note.text for note in claims["tram"].notes] == ["once"]
    assert claims["cheaper"].weight == 1 and session.argmap.map.title.startswith("Must")
    crash(session)
    back, failures = restored(tram)
    assert failures == [] and same(back, session)


def test_reload_reports_each_unsaved_change_that_no_longer_applies(tram: Path) -> None:
    session = MapSession(load_map(tram))
    session.do(SetField("bus-cheap", "weight", 0))
    session.do(AddNote("bus-cheap", "n"))
    session.do(SetField("cheaper", "weight", 1))
    text = tram.read_text()
    start = text.index("[claims.bus-cheap]")
    tram.write_text(text[:start] + text[text.index("[perspectives", start) :])
    failures = session.reload(keep_edits=True)
    assert len(failures) == 2 and all("bus-cheap" in failure for failure in failures)
    assert session.argmap.claims["cheaper"].weight == 1 and session.history.unsaved == 1


# ---------------------------------------------------------------------------------- one per app


def test_two_sessions_on_one_map_keep_separate_journals(tram: Path) -> None:
    first = MapSession(load_map(tram))
    second = MapSession(load_map(tram))
    first.do(SetField("cheaper", "weight", 0))
    second.do(SetField("disruption", "weight", 4))
    assert first.journal is not None and second.journal is not None
    assert first.journal.path != second.journal.path
    first.save()  # removes the first journal only
    assert not first.journal.path.exists() and second.journal.path.exists()
    third = MapSession(load_map(tram))
    assert third.pending_journals() == []  # the second app is running: its journal is not offered
    left = crash(second)
    pending = third.pending_journals()
    assert [p.path for p in pending] == [left]
    # a fourth window does not get the journal the third one is offering
    assert MapSession(load_map(tram)).pending_journals() == []
    assert third.restore(pending[0]) == []
    assert third.argmap.claims["disruption"].weight == 4 and not left.exists()


def test_several_crashed_journals_are_each_offered(tram: Path) -> None:
    sessions = [MapSession(load_map(tram)) for _ in range(3)]
    for value, session in enumerate(sessions):
        session.do(SetField("bus-cheap", "weight", value))
        crash(session)
    fresh = MapSession(load_map(tram))
    pending = fresh.pending_journals()
    assert len(pending) == 3 and all(p.edits == 1 for p in pending)
    pending[2].release()  # kept for later: offered again next time
    assert fresh.restore(pending[0]) == []
    assert fresh.restore(pending[1]) == []  # on top of the first: both changes apply
    last = pending[1].records[0]["do"]["value"]
    assert fresh.argmap.claims["bus-cheap"].weight == last and fresh.history.unsaved == 2
    assert len(MapSession(load_map(tram)).pending_journals()) == 1


def test_a_journal_with_nothing_unsaved_is_removed_not_offered(tram: Path) -> None:
    session = MapSession(load_map(tram))
    session.do(SetField("cheaper", "weight", 0))
    session.undo()
    left = crash(session)
    assert left.exists()
    assert MapSession(load_map(tram)).pending_journals() == []
    assert not left.exists()


def test_the_old_single_journal_is_still_offered(tram: Path) -> None:
    legacy = legacy_journal_path(tram)
    legacy.write_text(
        '{"journal": 1}\n{"do": {"kind": "set", "claim": "tram", "field": "by", "value": "x\u2028y"}}\n',
        encoding="utf-8",
    )
    back, failures = restored(tram)
    assert failures == [] and back.argmap.claims["tram"].by == "x\u2028y"


# ---------------------------------------------------------------------------------- planted files


def test_a_planted_link_is_never_followed(tram: Path, tmp_path: Path) -> None:
    victim = tmp_path / "bashrc"
    victim.write_text("# mine\n")
    for name in (legacy_journal_path(tram), journal_path(tram, "7-abcdef")):
        name.symlink_to(victim)
    journal = Journal(tram, "sha", session_id="7-abcdef")
    journal.sync([{"do": {"kind": "set", "claim": "tram", "field": "by", "value": "x"}}])
    assert journal.error is not None and "crash protection is off" in journal.error
    assert victim.read_text() == "# mine\n"
    # nor read: a link to a journal-looking file is not offered
    real = tmp_path / "elsewhere.debate-journal"
    real.write_text('{"journal": 2, "map": "tram.toml"}\n{"do": {"kind": "x"}, "n": 1}\n')
    journal_path(tram, "8-abcdef").symlink_to(real)
    assert read_journal(journal_path(tram, "8-abcdef")) is None
    assert MapSession(load_map(tram)).pending_journals() == []
    assert victim.read_text() == "# mine\n" and real.exists()


def test_a_fifo_or_folder_named_like_a_journal_is_skipped_at_once(tram: Path) -> None:
    os.mkfifo(journal_path(tram, "9-abcdef"))
    journal_path(tram, "10-abcdef").mkdir()
    assert MapSession(load_map(tram)).pending_journals() == []  # returns: no hang on the FIFO


def test_a_huge_file_named_like_a_journal_is_not_read(tram: Path) -> None:
    huge = journal_path(tram, "11-abcdef")
    with huge.open("wb") as stream:
        stream.truncate(600 * 1024 * 1024)  # sparse: no disk used, but never read into memory
    assert read_journal(huge) is None and find_journals(tram) == []


def test_journals_are_private(tram: Path) -> None:
    session = MapSession(load_map(tram))
    session.do(SetField("cheaper", "weight", 0))
    assert session.journal is not None
    assert stat.S_IMODE(session.journal.path.stat().st_mode) == 0o600


def test_another_maps_journal_with_a_similar_name_is_not_offered(tram: Path) -> None:
    other = tram.with_name("tram.toml.1-abcdef")
    other.write_text(SAMPLE)
    session = MapSession(load_map(other))
    session.do(SetField("cheaper", "weight", 0))
    crash(session)  # ".tram.toml.1-abcdef.<id>.debate-journal" starts like tram.toml's
    assert find_journals(tram) == []


# ---------------------------------------------------------------------------------- failures said


def test_an_unwritable_folder_is_said_before_the_first_edit(
    tram: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    session = MapSession(load_map(tram), on_journal_problem=heard.append)
    problem = session.journal_problem()
    assert problem is not None and problem.startswith("crash protection is off")
    assert str(tram.parent) in problem


def test_a_failed_journal_write_is_reported_once(
    tram: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    session = MapSession(load_map(tram), on_journal_problem=heard.append)
    real_open = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(".debate-journal"):
            raise OSError(28, "No space left on device")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    session.do(SetField("cheaper", "weight", 0))
    session.do(SetField("cheaper", "weight", 1))
    assert len(heard) == 1 and "No space left on device" in heard[0]
    assert heard[0].startswith("crash protection is off")


def test_a_save_error_names_the_map_not_the_temporary_file(
    tram: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, dir: str = ".", **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", f"{dir}/.tram.toml.x1y2.tmp")

    session = MapSession(load_map(tram))
    session.do(SetField("cheaper", "weight", 0))
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError) as caught:
        session.save()
    assert str(tram) in str(caught.value) and ".tmp" not in str(caught.value)
    monkeypatch.undo()
    elsewhere = tram.parent / "copy" / "tram.toml"
    elsewhere.parent.mkdir()
    assert session.save_as(elsewhere) == elsewhere
    assert load_map(elsewhere).argmap.claims["cheaper"].weight == 0 and not session.dirty
    assert "weight = 3" in tram.read_text()  # the original is untouched


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_really_turns_crash_protection_off(tram: Path) -> None:
    tram.parent.chmod(0o555)
    try:
        session = MapSession(load_map(tram))
        assert session.journal_problem() is not None
        session.do(SetField("cheaper", "weight", 0))
        with pytest.raises(SaveError, match=str(tram)):
            session.save()
    finally:
        tram.parent.chmod(0o755)
