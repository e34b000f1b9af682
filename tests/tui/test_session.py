"""The parts of the app that need no terminal: journal files, the session, editor commands."""

from __future__ import annotations

from pathlib import Path

from debate.editor import editor_command
from debate.edits import SetField
from debate.journal import Journal, journal_path, read_journal
from debate.model import Conflict
from debate.session import MapSession
from debate.store import load_map
from debate.tui.widgets.detail import claim_details


def test_journal_skips_a_torn_line_and_counts_what_is_left_applied(tmp_path: Path) -> None:
    target = tmp_path / "map.toml"
    journal = Journal(target, "abc")
    assert not journal.path.exists()  # created only when there is something to keep
    journal.record({"do": {"kind": "set", "claim": "a", "field": "by", "value": "x"}})
    journal.record({"do": {"kind": "set", "claim": "a", "field": "by", "value": "y"}})
    journal.record({"undo": 1})
    journal.close()
    with journal.path.open("a") as stream:
        stream.write('{"do": {"kind": "se')  # the process died mid-write
    contents = read_journal(journal_path(target))
    assert contents is not None
    assert contents.sha256 == "abc" and len(contents.steps) == 3 and contents.edits == 1
    journal.discard()
    assert read_journal(journal.path) is None


def test_session_journals_edits_and_saves_keep_comments(sample: Path) -> None:
    session = MapSession(load_map(sample))
    before = dict(session.scorer.strengths)
    session.do(SetField("cheaper", "weight", 0))
    moved = {key for key, value in session.scorer.strengths.items() if before[key] != value}
    assert "tram" in moved and moved <= {"cheaper", "tram"}
    assert session.dirty and session.journal is not None and session.journal.path.exists()
    session.undo()
    assert not session.dirty
    session.redo()
    session.save()
    assert not session.journal.path.exists()
    assert "# A small map for the app's tests." in sample.read_text()
    assert load_map(sample).argmap.claims["cheaper"].weight == 0
    session.close()
    assert not session.journal.path.exists()


def test_details_show_merge_conflicts_and_literal_text(sample: Path) -> None:
    session = MapSession(load_map(sample), journal=False)
    claim = session.argmap.claims["disruption"]
    claim.conflicts = [Conflict(field="weight", ours="2", theirs="[red]4", base="1")]
    text = claim_details(session, "disruption", "1.2").plain
    assert "Merge conflicts" in text and "weight: ours 2 · theirs [red]4 · base 1" in text
    text = claim_details(session, "markup").plain
    assert "[bold]x[/] [link=https://e.org]y[/link] \\x1b[31mred" in text


def test_editor_command_puts_the_cursor_on_the_line() -> None:
    path = Path("m.toml")
    assert editor_command(path, 12, 3, {"EDITOR": "vim -u NONE"}) == [
        "vim",
        "-u",
        "NONE",
        "+12",
        "m.toml",
    ]
    assert editor_command(path, 12, 3, {"VISUAL": "code", "EDITOR": "vi"}) == [
        "code",
        "--wait",
        "--goto",
        "m.toml:12:3",
    ]
    assert editor_command(path, 5, 1, {"EDITOR": "hx"}) == ["hx", "m.toml:5:1"]
    assert editor_command(path, 5, 1, {}) == ["vi", "+5", "m.toml"]
