"""The parts of the app that need no terminal: journal files, the session, editor commands."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from debate.editor import editor_command
from debate.edits import SetField
from debate.journal import Journal, read_journal
from debate.model import Conflict
from debate.session import MapSession
from debate.store import load_map
from debate.tui.widgets.detail import claim_details


def test_journal_skips_a_torn_line_and_counts_what_is_left_applied(tmp_path: Path) -> None:
    target = tmp_path / "map.toml"
    journal = Journal(target, "abc")
    journal.sync([])
    assert not journal.path.exists()  # created only when there is something to keep
    journal.sync([{"do": {"kind": "set", "claim": "a", "field": "by", "value": "x"}, "n": 1}])
    journal.sync(
        [
            {"do": {"kind": "set", "claim": "a", "field": "by", "value": "x"}, "n": 1},
            {"do": {"kind": "set", "claim": "a", "field": "by", "value": "y"}, "n": 2},
            {"undo": 2},
        ]
    )
    journal.close()
    with journal.path.open("a") as stream:
        stream.write('{"do": {"kind": "se')  # the process died mid-write
    contents = read_journal(journal.path)
    assert contents is not None
    assert contents.sha256 == "abc" and len(contents.records) == 3 and contents.edits == 1
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
    assert not session.journal.path.exists()  # nothing unsaved: no journal
    assert "# A small map for the app's tests." in sample.read_text()
    assert load_map(sample).argmap.claims["cheaper"].weight == 0
    session.close()
    assert not session.journal.path.exists()


def test_details_show_merge_conflicts_and_literal_text(sample: Path) -> None:
    session = MapSession(load_map(sample), journal=False)
    claim = session.argmap.claims["disruption"]
    claim.conflicts = [Conflict(field="weight", ours="2", theirs="[red]4", base="1")]
    text = claim_details(session, "disruption", "1.2").plain
    assert "Merge conflicts" in text and "weight: ours 2, theirs [red]4 (base 1)" in text
    text = claim_details(session, "markup").plain
    assert "[bold]x[/] [link=https://e.org]y[/link] \\x1b[31mred" in text


def test_the_why_lines_base_reads_as_score_explain_says_it() -> None:
    """One wording of an explanation's base: the app said ``part(s)`` where score said parts."""
    from tests.conftest import DEFAULT_MAP

    session = MapSession(load_map(DEFAULT_MAP), journal=False)
    explanation = session.scorer.explain("catch-up-what")
    assert explanation.parts == 4
    line = f"base {explanation.base:.2f}: weighted mean of 4 parts"
    assert explanation.base_line() == line
    assert (
        f"{explanation.strength:.2f} from {line}" in claim_details(session, "catch-up-what").plain
    )
    assert f"from base {explanation.base:.2f} (weighted mean of 4 parts)" in explanation.summary()


def test_editor_command_puts_the_cursor_on_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("m.toml")
    file = str(tmp_path / "m.toml")
    assert editor_command(path, 12, 3, {"EDITOR": "vim -u NONE"}) == [
        "vim",
        "-u",
        "NONE",
        "+12",
        "--",
        file,
    ]
    assert editor_command(path, 12, 3, {"VISUAL": "code", "EDITOR": "vi"}) == [
        "code",
        "--wait",
        "--goto",
        f"{file}:12:3",
    ]
    assert editor_command(path, 5, 1, {"EDITOR": "hx"}) == ["hx", f"{file}:5:1"]
    assert editor_command(path, 5, 1, {}) == ["vi", "+5", "--", file]
    assert editor_command(path, 5, 1, {"EDITOR": "/usr/bin/my-editor"}) == [
        "/usr/bin/my-editor",
        "+5",
        file,
    ]


HOSTILE_NAMES = [
    "+:!touch PWNED.toml",
    "-c!touch PWNED.toml",
    "--cmd=!touch PWNED.toml",
    "-",
    "+",
    "with space.toml",
    'it\'s "quoted".toml',
    "$(touch PWNED).toml",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("editor", ["vim", "nano", "emacs", "code", "hx", "ed", "my-editor"])
def test_no_file_name_reaches_an_editor_as_an_option_or_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, editor: str
) -> None:
    monkeypatch.chdir(tmp_path)
    command = editor_command(Path(name), 3, 1, {"EDITOR": editor})
    file = str(tmp_path / name)
    assert command[-1] in (file, f"{file}:3:1")  # absolute: it starts with "/"
    assert set(command[1:-1]) <= {"+3", "--", "--wait", "--goto"}
    if editor in ("vim", "nano", "emacs"):
        assert command[-2:] == ["--", file]


@pytest.mark.parametrize("name", HOSTILE_NAMES[:3] + HOSTILE_NAMES[5:])
def test_real_vim_opens_a_hostile_name_as_a_file_at_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    vim = shutil.which("vim")
    if vim is None:
        pytest.skip("vim is not installed")
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("one\ntwo\nthree\n")
    command = editor_command(Path(name), 2, 1, {"EDITOR": f"{vim} -es -u NONE -i NONE"})
    result = subprocess.run(
        command, input=":.print\n:q!\n", capture_output=True, text=True, timeout=20
    )
    assert result.stdout.strip() == "two"  # the file, at line 2
    assert not (tmp_path / "PWNED.toml").exists() and not (tmp_path / "PWNED").exists()
