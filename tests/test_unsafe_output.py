"""What the command line prints never carries a raw control character, bidi override or line
separator from a map, only the stand-ins of :func:`debate.display.visible` (issue 10).

Every character of ``UNSAFE_CHARACTERS`` is put into every field of a map; each command that
shows user text runs on it with colour forced on, and once rich's own colour codes are taken
out, no unsafe character may be left.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from debate.cli import main
from debate.display import UNSAFE, visible
from debate.errors import Problem
from debate.store import dump_map
from tests.formats.test_unsafe_text import TEXT, every_field

_SGR = re.compile(r"\x1b\[[0-9;]*m")
"""rich's colour codes: the only escapes a command itself may write."""

COMMANDS = [
    ["show"],
    ["show", "--plain"],
    ["show", "--depth", "0"],
    ["score"],
    ["score", "--plain"],
    ["score", "--explain", "root"],
    ["score", "--explain", "root", "--plain"],
    ["score", "--json"],
    ["score", "--explain", "root", "--json"],
    ["compare"],
    ["compare", "--plain"],
    ["compare", "--json"],
    ["validate"],
    ["diff", "/dev/null"],
    ["diff", "/dev/null", "--plain"],
    ["diff", "/dev/null", "--json"],
    ["diff", "--textconv"],
    ["crux"],
    ["crux", "--json"],
]


@pytest.fixture(scope="module")
def unsafe_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unsafe") / "map.toml"
    path.write_text(dump_map(every_field(TEXT)), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_commands_print_stand_ins_never_raw_characters(
    command: list[str],
    unsafe_map: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    assert main([command[0], str(unsafe_map), *command[1:]]) == 0
    out, err = capsys.readouterr()
    if command[0] in ("show", "score", "compare") and "--plain" not in command:
        assert "--json" in command or _SGR.search(out), "colour was not on: the test proves less"
    assert UNSAFE.findall(_SGR.sub("", out)) == []
    assert UNSAFE.findall(err) == []
    if "--json" not in command and command[0] != "validate":
        assert "\\u202eevil\\u202c" in out  # shown, not obeyed


def test_error_lines_show_stand_ins(tmp_path: Path) -> None:
    """A file name planted in a repository, printed in an error, must not drive the terminal."""
    name = "evil\x1b]0;owned\x07\u202e.toml"
    (tmp_path / name).write_text("[claims.a]\ntext = 1\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "debate", "validate", name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert UNSAFE.findall(result.stderr) == []
    assert visible(name) in result.stderr


def test_a_problem_is_always_one_line() -> None:
    problem = Problem("m.toml", "got 'a\nm.toml:1:1: forged\x85line\u2028'", 3, 4, "claims.x")
    shown = str(problem)
    assert "\n" not in shown and UNSAFE.findall(shown) == []
    assert shown.startswith("m.toml:3:4: claims.x: got 'a\\nm.toml:1:1: forged\\x85line\\u2028'")


@pytest.mark.parametrize("form", ["textconv", "git"])
def test_an_invalid_map_shown_as_text_shows_stand_ins(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git shows textconv output and the external diff in a pager: an invalid map's raw text
    (the fallback) must not drive the terminal either. Lines still break at newlines only."""
    broken = tmp_path / "broken.toml"
    broken.write_bytes(f'[claims.x\r\ntext = "{TEXT}"\nend\n'.encode())
    if form == "textconv":
        assert main(["diff", "--textconv", str(broken)]) == 0
    else:
        hexes = ("0" * 40, "100644")
        assert main(["diff", "a\x1b[2J.toml", "/dev/null", *hexes, str(broken), *hexes]) == 0
    out, err = capsys.readouterr()
    assert "not a valid map" in out
    assert UNSAFE.findall(out) == [] and err == ""
    assert visible(TEXT) in out
    shown = [line.lstrip("+") for line in out.splitlines()]
    assert "[claims.x" in shown and "end" in shown  # CRLF and LF both end a line


HOSTILE_NAME = "x\x1b]0;PWN\x07\x1b[2J\u202ey"
CLEAN_MAP = """[sources.s]
title = "S"
url = "https://example.org"

[claims.a]
text = "A"
cite = [{ source = "s" }]
"""


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{map}"],
        ["lint", "{map}"],
        ["export", "{map}", "-f", "md", "-o", "{name}.md"],
        ["new", "{name}.new.toml"],
        ["schema", "-o", "{name}.json"],
        ["import", "{name}.argdown", "-o", "{name}.imported.toml"],
    ],
    ids=lambda command: command[0],
)
def test_success_lines_show_file_names_as_stand_ins(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file name planted in a repository comes back in "ok" and "wrote" lines too, not
    only in errors: it is shown, never obeyed."""
    path = tmp_path / f"{HOSTILE_NAME}.toml"
    path.write_text(CLEAN_MAP, encoding="utf-8")
    (tmp_path / f"{HOSTILE_NAME}.argdown").write_text("[A]: a claim.\n", encoding="utf-8")
    base = str(tmp_path / HOSTILE_NAME)
    argv = [part.replace("{map}", str(path)).replace("{name}", base) for part in command]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert UNSAFE.findall(out + err) == []
    assert visible(HOSTILE_NAME) in out + err


def test_merge_messages_show_stand_ins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """git passes the merge driver a path from the repository (``%P``), and the conflicting
    values come from either side: the summary shows both as data."""
    base = tmp_path / "base.toml"
    ours = tmp_path / "ours.toml"
    theirs = tmp_path / "theirs.toml"
    base.write_text('[claims.a]\ntext = "A"\n', encoding="utf-8")
    ours.write_text('[claims.a]\ntext = "ours \\u001b]0;PWN\\u0007 \\u202e \\u0085"\n')
    theirs.write_text('[claims.a]\ntext = "theirs \\u001b[31m \\u2028"\n')
    status = main(["merge", str(base), str(ours), str(theirs), "--name", HOSTILE_NAME])
    assert status != 0
    err = capsys.readouterr().err
    assert "1 conflict" in err and visible(HOSTILE_NAME) in err
    assert UNSAFE.findall(err) == []


def test_the_import_report_shows_dropped_kinds_as_stand_ins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An AIF node of a type debate does not read is listed by its type, which is the file's
    own text."""
    import json

    kind = "T\x1b]0;PWN\x07\u202e\x85"
    nodes = [
        {"nodeID": "1", "type": "I", "text": "A claim"},
        {"nodeID": "2", "type": kind, "text": "odd"},
    ]
    source = tmp_path / "k.json"
    source.write_text(json.dumps({"nodes": nodes, "edges": []}), encoding="utf-8")
    assert (
        main(["import", str(source), "--from", "aif", "--report", "-o", str(tmp_path / "k.toml")])
        == 0
    )
    err = capsys.readouterr().err
    assert "dropped: " in err and visible(kind) in err
    assert UNSAFE.findall(err) == []


def test_a_link_loop_as_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python 3.11's ``Path.resolve`` raises RuntimeError on a link loop: no traceback."""
    source = tmp_path / "a.toml"
    source.write_text(CLEAN_MAP, encoding="utf-8")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    status = main(["export", str(source), "-f", "md", "-o", str(loop)])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "loop.md" in err


def test_a_lone_surrogate_is_shown_as_a_stand_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON escape can put a lone surrogate in a data key an import drops; the warning
    that names it shows a stand-in (raw, no UTF-8 stream could write it)."""
    assert visible("a\ud800b") == "a\\ud800b"
    visible("a\ud800b").encode("utf-8")
    source = tmp_path / "k.argdown"
    source.write_text('[A]: main {"\\udc00": 1}\n', encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "k.toml")]) == 0
    err = capsys.readouterr().err
    assert "data key '\\udc00' has no place in a debate map" in err
