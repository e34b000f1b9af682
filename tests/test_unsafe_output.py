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
