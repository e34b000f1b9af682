"""``debate export`` as a user runs it: format choice, options, errors, determinism, progress."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from debate.cli import main
from debate.formats import FORMATS
from tests.conftest import DEFAULT_MAP, ROOT, require_tool


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["export", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_format_comes_from_the_output_extension(tmp_path: Path) -> None:
    for name in ("report.md", "map.aif.json", "map.json", "tree.terminal.svg", "rows.csv"):
        assert main(["export", str(DEFAULT_MAP), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "report.md").read_text().startswith("# Will Chinese AI")
    assert "nodeID" in (tmp_path / "map.aif.json").read_text()
    assert '"format": "debate-export"' in (tmp_path / "map.json").read_text()
    assert "rich-terminal" in (tmp_path / "tree.terminal.svg").read_text()


def test_every_extension_import_knows_is_one_export_knows(tmp_path: Path) -> None:
    """``x.kialo`` imported but could not be exported ("cannot tell the format")."""
    assert main(["export", str(DEFAULT_MAP), "-o", str(tmp_path / "x.kialo")]) == 0
    assert (tmp_path / "x.kialo").read_text().startswith("Discussion Title: ")
    assert main(["import", str(tmp_path / "x.kialo"), "-o", str(tmp_path / "back.toml")]) == 0
    assert main(["export", str(DEFAULT_MAP), "-f", "md", "-o", str(tmp_path / "x.txt")]) == 0
    assert (tmp_path / "x.txt").read_text().startswith("# Will Chinese AI")


def test_dash_and_no_output_write_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(DEFAULT_MAP), "-f", "kialo", "-o", "-")
    assert status == 0 and out.startswith("Discussion Title: ")
    status, again, _ = run(capsys, str(DEFAULT_MAP), "-f", "kialo")
    assert status == 0 and again == out


DRAWINGS = ["svg", "png", "pdf"]


@pytest.mark.parametrize("kind", ["text formats", "drawings"])
def test_output_is_byte_identical_across_runs(kind: str, tmp_path: Path) -> None:
    """Every format, twice, in fresh processes: no clocks, no hash-order, no randomness.

    Only the drawings need Graphviz: without ``dot`` they alone are skipped (locally).
    """
    if kind == "drawings":
        require_tool("dot")
        names = DRAWINGS
    else:
        names = [name for name in FORMATS if name not in DRAWINGS]
    script = (
        "import sys; from debate.cli import main; "
        "sys.exit(sum(main(['export', sys.argv[1], '-f', n, '-o', sys.argv[2] + '/' + n]) "
        "for n in sys.argv[3:]))"
    )
    for run_index, seed in enumerate(("1", "2")):
        folder = tmp_path / str(run_index)
        folder.mkdir()
        environment = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": str(60 + run_index)}
        subprocess.run(
            [sys.executable, "-c", script, str(DEFAULT_MAP), str(folder), *names],
            check=True,
            env=environment,
            cwd=ROOT,
        )
    for name in names:
        assert (tmp_path / "0" / name).read_bytes() == (tmp_path / "1" / name).read_bytes(), name


def test_options_reach_the_export(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        str(DEFAULT_MAP),
        "-f",
        "json",
        "--perspective",
        "optimist",
        "--semantics",
        "euler",
        "--root",
        "moat-shift",
        "--depth",
        "1",
        "--no-notes",
    )
    assert status == 0
    data = json.loads(out)
    assert data["export"] == {
        "semantics": "euler",
        "perspective": "optimist",
        "root": "moat-shift",
        "depth": 1,
        "notes": False,
    }
    assert [claim["number"] for claim in data["claims"]][:3] == ["1", "1.1", "1.2"]
    assert max(claim["depth"] for claim in data["claims"]) == 1
    assert all(claim["notes"] == [] for claim in data["claims"])
    _, base, _ = run(capsys, str(DEFAULT_MAP), "-f", "json", "--root", "moat-shift")
    assert json.loads(base)["verdicts"] != data["verdicts"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "mermiad"], "unknown format 'mermiad' (did you mean 'mermaid'?)"),
        (["-o", "OUT/x.docx"], "x.docx: cannot tell the format from the extension"),
        ([], "choose a format with -f FORMAT"),
        (["-f", "json", "--root", "moat-shfit"], "unknown root claim 'moat-shfit' (did you mean"),
        (["-f", "json", "--perspective", "sceptik"], "sceptik"),
        (["-f", "json", "--semantics", "df-qaud"], "df-qaud"),
        (["-o", "OUT/not-a-folder/x.md"], "cannot write"),
    ],
)
def test_errors_are_one_line_exit_1_and_leave_nothing(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "not-a-folder").write_text("a file, not a folder")
    args = [arg.replace("OUT", str(tmp_path)) for arg in args]
    status, out, err = run(capsys, str(DEFAULT_MAP), *args)
    assert status == 1 and out == ""
    assert message in err and err.count("\n") == 1, err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["not-a-folder"]


def test_a_failed_export_keeps_the_old_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "report.md"
    target.write_text("previous report\n")
    status, _, err = run(capsys, str(DEFAULT_MAP), "-o", str(target), "--root", "nope")
    assert status == 1 and "unknown root claim 'nope'" in err
    assert target.read_text() == "previous report\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.md"]


def test_missing_dot_is_a_clear_message(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    status, _, err = run(capsys, str(DEFAULT_MAP), "-o", str(tmp_path / "map.svg"))
    assert status == 1
    assert "needs Graphviz's dot program, which is not installed" in err and "-f dot" in err
    assert list(tmp_path.iterdir()) == []
    status, _, _ = run(capsys, str(DEFAULT_MAP), "-o", str(tmp_path / "map.dot"))
    assert status == 0


def test_bad_map_is_reported_like_every_command(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[claims.a]\ntext = "x"\nweight = 9\n')
    status, _, err = run(capsys, str(broken), "-f", "json")
    assert status == 1 and "broken.toml:3" in err and "Traceback" not in err


def test_list_formats_names_every_format(capsys) -> None:
    status, out, _ = run(capsys, "--list-formats")
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == list(FORMATS)


def _big_map(path: Path, claims: int) -> None:
    lines = ['[claims.c0]\ntext = "root"\n']
    for index in range(1, claims):
        stance = ("pro", "con")[index % 2]
        lines.append(
            f'[claims.c{index}]\nparent = "c{(index - 1) // 3}"\nstance = "{stance}"\n'
            f'text = "claim {index}"\n'
        )
    path.write_text("\n".join(lines))


def test_progress_bar_only_on_a_terminal_and_never_in_the_output(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    _big_map(big, 2500)
    command = [sys.executable, "-m", "debate", "export", str(big), "-f", "csv"]
    piped = subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
    assert piped.stderr == b""
    leader, follower = pty.openpty()
    try:
        on_tty = subprocess.run(
            [*command, "-o", str(tmp_path / "out.csv")],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            cwd=ROOT,
            check=True,
            env={**os.environ, "TERM": "xterm", "COLUMNS": "80"},
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert on_tty.stdout == b""
    assert b"writing csv" in shown
    assert (tmp_path / "out.csv").read_bytes() == piped.stdout


def test_export_never_imports_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from debate.cli import main; "
        f"main(['export', {str(DEFAULT_MAP)!r}, '-o', {str(tmp_path / 'x.html')!r}]); "
        "print([name for name in sys.modules if name.startswith('textual')])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
