"""The command line as a user runs it: show, validate, lint, new, schema, help, version."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from debate import __version__
from debate.cli import COMMANDS, main
from debate.commands.new import starter_text
from debate.store import load_map, parse_map

from .conftest import DEFAULT_MAP, ROOT

IMPORT_FIXTURE = ROOT / "tests" / "fixtures" / "import" / "outline.md"


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


# ------------------------------------------------- outputs: links, devices, FIFOs, no tracebacks


def in_time(seconds: float, *args: str) -> int:
    """``main(args)`` in a thread; fail rather than hang when a command blocks (a FIFO)."""
    from .test_files import within

    return int(within(seconds, lambda: main(list(args))))


def test_outputs_to_devices_and_fifos_are_streamed_never_replaced(tmp_path: Path, capsys) -> None:
    from .test_files import drain, private_null

    null = str(private_null(tmp_path))  # never the machine's own /dev/null: see private_null
    assert main(["export", str(DEFAULT_MAP), "-f", "json", "-o", null]) == 0
    assert main(["import", str(IMPORT_FIXTURE), "-q", "-o", null]) == 0  # no --force needed
    assert main(["import", str(IMPORT_FIXTURE), "-q", "-o", null, "--force"]) == 0
    assert main(["schema", "-o", null]) == 0
    assert main(["new", null]) == 0
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    os.unlink(null)
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    reader, received = drain(fifo)
    assert in_time(20, "export", str(DEFAULT_MAP), "-o", str(fifo)) == 0
    reader.join(5)
    assert received[0].startswith(b"# ") and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["out.md"]
    capsys.readouterr()


def test_outputs_through_a_symlink_keep_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("old report")
    (tmp_path / "report.md").symlink_to("real.md")
    assert main(["export", str(DEFAULT_MAP), "-o", str(tmp_path / "report.md")]) == 0
    assert (tmp_path / "report.md").is_symlink()
    assert (tmp_path / "real.md").read_text().startswith("# ")
    (tmp_path / "real.json").write_text("{}")
    (tmp_path / "schema.json").symlink_to("real.json")
    assert main(["schema", "-o", str(tmp_path / "schema.json")]) == 0
    assert (tmp_path / "schema.json").is_symlink()
    assert json.loads((tmp_path / "real.json").read_text())["$schema"]


@pytest.mark.parametrize("command", ["new", "schema", "export", "import"])
def test_unwritable_outputs_are_one_line(command: str, tmp_path: Path, capsys) -> None:
    (tmp_path / "file").write_text("x")
    read_only = tmp_path / "read-only.toml"
    read_only.write_text("keep me")
    read_only.chmod(0o444)
    expected = {
        tmp_path / "no" / "such" / "x.toml": "cannot write: No such file or directory",
        tmp_path / "file" / "x.toml": "cannot write: Not a directory",
        read_only: "is read-only (mode 0444); not written over it",
    }
    for target, reason in expected.items():
        arguments = {
            "new": ["new", str(target)],
            "schema": ["schema", "-o", str(target)],
            "export": ["export", str(DEFAULT_MAP), "-f", "json", "-o", str(target)],
            "import": ["import", "-q", str(IMPORT_FIXTURE), "-o", str(target)],
        }[command]
        status = main(arguments)
        err = capsys.readouterr().err
        if command in ("new", "import") and target == read_only:
            assert status == 1 and "already exists; use --force" in err
            assert main([*arguments, "--force"]) == 0  # forced: written, mode kept
            assert stat.S_IMODE(read_only.stat().st_mode) == 0o444
            capsys.readouterr()
            continue
        assert (status, err) == (1, f"{target}: {reason}\n"), (target, err)
    if command not in ("new", "import"):
        assert read_only.read_text() == "keep me"


def test_a_directory_output_is_one_line(tmp_path: Path, capsys) -> None:
    for arguments in (["new", str(tmp_path)], ["schema", "-o", str(tmp_path)]):
        assert main(arguments) == 1
        assert capsys.readouterr().err == f"{tmp_path}: is a directory; give a file name\n"


def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    for name, value in {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(name, value)
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    monkeypatch.chdir(repo)
    return repo


def test_git_setup_unwritable_attributes_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    repo = git_repo(tmp_path, monkeypatch)
    (repo / ".gitattributes").mkdir()
    assert main(["git-setup", "--command", "debate"]) == 1
    assert capsys.readouterr().err == (
        f"debate git-setup: {repo / '.gitattributes'}: is a directory\n"
    )
    (repo / ".gitattributes").rmdir()
    (repo / ".gitattributes").symlink_to(tmp_path / "elsewhere")  # shipped by a clone
    assert main(["git-setup", "--command", "debate"]) == 1
    assert "is a symbolic link, which git does not read" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere").exists()
    xdg = tmp_path / "home" / ".config"
    xdg.mkdir(parents=True)
    (xdg / "git").write_text("a file where git's folder should be")
    assert main(["git-setup", "--global", "--command", "debate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("debate git-setup: ") and err.count("\n") == 1, err
    assert "Not a directory" in err


def test_git_setup_writes_a_global_attributes_link_through_to_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    git_repo(tmp_path, monkeypatch)
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "attributes").write_text("*.png binary\n")
    folder = tmp_path / "home" / ".config" / "git"
    folder.mkdir(parents=True)
    (folder / "attributes").symlink_to(dotfiles / "attributes")
    assert main(["git-setup", "--global", "--command", "debate"]) == 0
    assert (folder / "attributes").is_symlink()
    assert (dotfiles / "attributes").read_text().startswith("*.png binary\narguments.toml diff=")
    capsys.readouterr()


# -------------------------------------------- inputs that are not regular files: refused at once


def test_commands_refuse_a_fifo_at_once(tmp_path: Path, capsys) -> None:
    source = tmp_path / "map.toml"
    os.mkfifo(source)
    described = "is a FIFO (named pipe), not a regular file"
    good = str(DEFAULT_MAP)
    for arguments in (
        ["validate", str(source)],
        ["show", str(source)],
        ["import", str(source), "--from", "kialo"],
        ["diff", str(source), good],
        ["merge", good, str(source), good],
        ["merge", str(source), good, good],
    ):
        status = in_time(10, *arguments)
        err = capsys.readouterr().err
        assert status in (1, 2) and described in err and err.count("\n") == 1, (arguments, err)
    assert in_time(10, "diff", "--textconv", str(source)) == 0  # git aborts on a failed textconv
    out = capsys.readouterr().out
    assert out == f"# debate: not a valid map ({source}: {described}); showing the raw text\n"


def bounded_run(*args: str) -> subprocess.CompletedProcess[str]:
    """``debate ARGS`` with 1 GB of memory and 30 s at most: code that reads an endless
    device to the end fails here instead of filling the machine's memory."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run(
        [sys.executable, "-m", "debate", *args],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=limit,
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_commands_refuse_endless_devices_at_once(device: str) -> None:
    described = "is a character device, not a regular file"
    for arguments, status in (
        (["validate", device], 1),
        (["import", device, "--from", "kialo"], 1),
    ):
        result = bounded_run(*arguments)
        assert result.returncode == status, (arguments, result)
        assert result.stderr.startswith(f"{device}: ") and described in result.stderr, result
        assert result.stderr.count("\n") == 1, result.stderr
    result = bounded_run("diff", "--textconv", device)
    assert result.returncode == 0
    assert (
        result.stdout
        == f"# debate: not a valid map ({device}: {described}); showing the raw text\n"
    )


def test_a_missing_map_suggests_debate_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "my map.toml"
    assert main([str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
    assert f"debate new '{missing}'" in err
    assert not missing.exists()


def test_new_writes_a_schema_line_that_resolves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from debate.schema import schema_text

    target = tmp_path / "question.toml"
    assert main(["new", str(target)]) == 0
    first = target.read_text().splitlines()[0]
    assert first.startswith("#:schema ")
    reference = first.removeprefix("#:schema ").strip()
    assert "://" not in reference  # a path, not an address that needs a network
    schema = (target.parent / reference).resolve()
    assert schema.read_text() == schema_text()
    assert "debate-map.schema.json" in capsys.readouterr().out
    # a second map in the same folder shares it and leaves it alone
    schema.write_text("{}")
    assert main(["new", str(tmp_path / "other.toml")]) == 0
    assert schema.read_text() == "{}"


def test_export_says_what_it_wrote_unless_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from debate.paths import default_map_path

    out = tmp_path / "report.html"
    assert main(["export", str(default_map_path()), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wrote {out}: html, ")
    assert lines[0].endswith("kB")
    assert main(["export", str(default_map_path()), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
