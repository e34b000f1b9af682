"""The command line as a user runs it: show, validate, lint, new, schema, help, version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from debate import __version__
from debate.cli import COMMANDS, main
from debate.commands.new import starter_text
from debate.store import load_map, parse_map

from .conftest import DEFAULT_MAP, ROOT


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "debate", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"debate {__version__}"
    help_text = run("--help").stdout
    for name, _, summary in COMMANDS:
        assert name in help_text and summary in help_text
    for name, _, _ in COMMANDS:
        result = run(name, "--help")
        assert result.returncode == 0 and "usage: debate " + name in result.stdout, name


def test_show_prints_numbers_stances_weights_tags_and_notes() -> None:
    result = run("show", str(DEFAULT_MAP), env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.returncode == 0
    out = result.stdout
    argmap = load_map(DEFAULT_MAP).argmap
    tree = argmap.tree()
    for claim_id in argmap.claims:
        assert f"{tree.number(claim_id)} " in out and f"[{claim_id}]" in out
    assert "+ pro w" in out and "- con w" in out and "◇ part w" in out
    assert "✎" in out and "#" in out
    assert "\x1b[" not in out  # NO_COLOR: no colour codes at all


def test_show_colours_stances_unless_plain(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        '[claims.r]\ntext = "R"\n[claims.a]\nparent = "r"\nstance = "con"\ntext = "A"\n'
    )
    coloured = run("show", str(path), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[31m" in coloured.stdout  # red for con
    plain = run("show", str(path), "--plain", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b" not in plain.stdout and "└" not in plain.stdout
    assert "1.1 (con; weight 2; credence 0.50) A [a]" in plain.stdout


def test_show_depth_limits_levels(capsys) -> None:
    assert main(["show", str(DEFAULT_MAP), "--depth", "0", "--plain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    roots = load_map(DEFAULT_MAP).argmap.tree().roots
    assert len(lines) == 1 + len(roots)
    for bad in ("x", "-1"):
        result = run("show", str(DEFAULT_MAP), "--depth", bad)
        assert result.returncode == 2 and "--depth" in result.stderr


def test_show_keeps_user_text_literal(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        '[claims.r]\ntext = "[bold]not bold[/] \\u001b[31mred"\nby = "[/]"\ntags = ["[link=x]"]\n'
    )
    result = run("show", str(path), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert result.returncode == 0, result.stderr
    assert "[bold]not bold[/] \\x1b[31mred" in result.stdout
    assert "\x1b[31mred" not in result.stdout
    assert "[/]" in result.stdout and "#[link=x]" in result.stdout


def test_new_writes_a_valid_commented_starter(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    result = run("new", str(target), "--title", 'Is "X" true?')
    assert result.returncode == 0, result.stderr
    text = target.read_text()
    assert text.count("#") > 10  # it explains itself
    argmap = load_map(target).argmap
    assert argmap.map.title == 'Is "X" true?'
    assert run("lint", str(target)).returncode == 0
    again = run("new", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert run("new", str(target), "--force").returncode == 0


def test_starter_text_parses() -> None:
    assert len(parse_map(starter_text("x.toml", "T")).argmap.claims) == 3


def test_schema_is_json_schema_of_the_format(tmp_path: Path) -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["properties"]) == {"map", "sources", "claims", "perspectives"}
    claim = schema["$defs"]["Claim"]
    assert claim["additionalProperties"] is False
    assert {
        "text",
        "parent",
        "stance",
        "weight",
        "credence",
        "tags",
        "cite",
        "links",
        "notes",
    } <= set(claim["properties"])
    out = tmp_path / "s.json"
    assert run("schema", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text()) == schema


def test_default_map_and_file_argument_route_to_open(tmp_path: Path, monkeypatch) -> None:
    """`debate` opens ./arguments.toml, else the packaged map; `debate FILE` opens FILE."""
    opened: list[str] = []
    import debate.tui.app as app_module

    class FakeApp:
        def __init__(self, loaded, **options) -> None:
            opened.append(str(loaded.path))

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "DebateApp", FakeApp)
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    assert opened[-1].endswith(os.path.join("debate", "data", "arguments.toml"))
    (tmp_path / "arguments.toml").write_text(DEFAULT_MAP.read_text())
    assert main([]) == 0
    assert opened[-1] == "arguments.toml"
    assert main([str(DEFAULT_MAP)]) == 0
    assert opened[-1] == str(DEFAULT_MAP)


def test_piping_into_a_closed_reader_is_quiet() -> None:
    result = subprocess.run(
        f'"{sys.executable}" -m debate show --plain "{DEFAULT_MAP}" | head -1',
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.stdout.strip() and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["validate"],
        ["lint"],
        ["schema"],
        ["--help"],
        ["serve", "--help"],
        ["serve", "--port", "x"],
        ["serve", "no-such-map.toml"],
    ],
)
def test_command_line_does_not_import_textual(command: list[str]) -> None:
    """The core and the non-TUI commands never pay for importing Textual (nor the server)."""
    args = [*command, str(DEFAULT_MAP)] if command[0] in ("show", "validate", "lint") else command
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['debate', *{args!r}]\n"
        "try:\n    runpy.run_module('debate', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('textual', 'textual_serve', 'aiohttp')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "sys.stderr.write('TEXTUAL:' + ','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.endswith("TEXTUAL:"), result.stderr[-500:]


def test_core_modules_import_without_textual_or_rich() -> None:
    core = [
        "debate.model",
        "debate.store",
        "debate.lint",
        "debate.locate",
        "debate.schema",
        "debate.errors",
        "debate.display",
        "debate.cli",
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_help_and_version_do_not_import_pydantic() -> None:
    code = (
        "import sys\nfrom debate.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().endswith("False")


def test_a_mistyped_option_shows_the_commands_own_usage() -> None:
    result = run("show", str(DEFAULT_MAP), "--root", "nope")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: debate show")
    assert "unrecognized arguments: --root nope" in result.stderr
