"""``debate import`` as a user runs it, and the opener as the TUI calls it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debate.cli import main
from debate.formats.readers import ReadError, detect_format, is_importable
from debate.opener import open_map
from debate.store import load_map

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
ALL = [
    ("features.argdown", "argdown"),
    ("discussion.kialo.txt", "kialo"),
    ("corpus.aif.json", "aif"),
    ("outline.opml", "opml"),
    ("outline.md", "markdown"),
]


@pytest.mark.parametrize(("name", "format_name"), ALL)
def test_import_writes_a_valid_map(
    name: str, format_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.toml"
    assert main(["import", str(FIXTURES / name), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{out}: " in err and f"claims from {format_name}" in err
    loaded = load_map(out)
    assert loaded.argmap == open_map(FIXTURES / name).loaded.argmap
    assert loaded.text.startswith(f"# Imported from {name} ({format_name}) by `debate import`.")
    assert main(["validate", str(out)]) == 0


def test_stdout_when_no_output_and_warnings_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(FIXTURES / "corpus.aif.json")]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Imported from corpus.aif.json (aif)")
    assert "[claims.riverton-should-build-a-tram-line]" in captured.out
    *lines, summary, dropped, changed = captured.err.splitlines()
    assert lines and all(": warning: " in line for line in lines)
    assert summary.startswith("summary: 10 claims in, 10 out · 9 relations in: 7 in the tree")
    assert dropped.startswith("dropped: L nodes ×2") and "PA nodes ×1" in dropped
    assert changed == "read differently: premises of linked arguments read as part ×2"
    assert any(
        line.startswith(f"{FIXTURES / 'corpus.aif.json'}:20:5: warning: skipped 5")
        for line in lines
    )
    assert main(["import", "-q", str(FIXTURES / "corpus.aif.json")]) == 0
    assert capsys.readouterr().err == ""


def test_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.toml"
    out.write_text("precious", encoding="utf-8")
    assert main(["import", str(FIXTURES / "outline.md"), "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"{out}: already exists; use --force to overwrite it"
    assert out.read_text(encoding="utf-8") == "precious"
    assert main(["import", str(FIXTURES / "outline.md"), "-o", str(out), "--force"]) == 0
    assert load_map(out).argmap.map.title == "Should Riverton build a tram line?"


def test_from_overrides_detection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "notes.data"
    shutil.copy(FIXTURES / "discussion.kialo.txt", odd)
    assert main(["import", str(odd), "--from", "kialo"]) == 0
    assert "(kialo)" in capsys.readouterr().out
    assert main(["import", str(odd), "--from", "markdown"]) == 0
    assert "(markdown)" in capsys.readouterr().out


def test_from_takes_aliases_and_suggests_a_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "notes.data"
    shutil.copy(FIXTURES / "outline.md", odd)
    assert main(["import", str(odd), "--from", "md"]) == 0
    assert "(markdown)" in capsys.readouterr().out
    for wrong, message in [
        ("argdwn", "unknown format 'argdwn' (did you mean 'argdown'?); known: markdown, "),
        (
            "csv",
            "debate cannot import csv; it can import: markdown, json, argdown, kialo, aif, opml",
        ),
    ]:
        assert main(["import", str(odd), "--from", wrong]) == 1
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err


def test_standard_input() -> None:
    data = (FIXTURES / "discussion.kialo.txt").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "debate", "import", "-", "--from", "kialo"],
        input=data,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"# Imported from standard input (kialo)" in done.stdout


BAD = [
    ("truncated.aif.json", ":10:57: the file ends in the middle of the JSON (truncated?)"),
    ("truncated.opml", ":14:1: not well-formed XML: no element found"),
    ("discussion-gap.kialo.txt", ":5:1: claim 1.3. where 1.2. was expected"),
    ("missing-node.aif.json", ":34:5: edge 99 goes to node 42, which is not in the file"),
]


@pytest.mark.parametrize(("name", "expected"), BAD)
def test_bad_input_is_one_line_exit_1_and_nothing_written(
    name: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.toml"
    assert main(["import", str(FIXTURES / name), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(str(FIXTURES / name) + expected)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_wrong_encoding_and_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("1. Stra\u00dfenbahn\n1.1. Pro: f\u00fcr Z\u00fcrich\n".encode("latin-1"))
    assert main(["import", str(latin), "-o", str(tmp_path / "x.toml")]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{latin}:1:8: not valid UTF-8 text (byte 0xdf); save the file as UTF-8, "
        "e.g. `iconv -f latin1 -t utf-8`\n"
    )
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["import", str(binary)]) == 1
    assert "binary file" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()


def test_missing_file_and_unknown_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "nope.argdown")]) == 1
    assert "cannot read" in capsys.readouterr().err
    mystery = tmp_path / "mystery"
    mystery.write_text("just some words\n", encoding="utf-8")
    assert main(["import", str(mystery)]) == 1
    assert "cannot tell this file's format; use --from" in capsys.readouterr().err


def test_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "such" / "folder" / "map.toml"
    assert main(["import", "-q", str(FIXTURES / "outline.md"), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"{out}: cannot write: No such file or directory\n"


def test_readers_stay_out_of_textual_and_rich() -> None:
    code = (
        "import sys\n"
        "from debate.formats.readers import read_file\n"
        f"for name in {[str(FIXTURES / name) for name, _ in ALL]!r}:\n"
        "    read_file(name)\n"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules, sorted(sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()


def test_detection_by_extension_and_content() -> None:
    assert detect_format("x.argdown", "") == "argdown"
    assert detect_format("x.opml", "") == "opml"
    assert detect_format("x.md", "- a") == "markdown"
    assert detect_format("x.json", '{"nodes": []}') == "aif"
    assert detect_format("x.txt", "Discussion Title: T\n\n1. a\n") == "kialo"
    assert detect_format("x.txt", "[A]: a\n  + [B]: b\n") == "argdown"
    assert detect_format("x.txt", "- a\n  - b\n") == "markdown"
    assert detect_format("export", '<?xml version="1.0"?>\n<opml version="2.0">') == "opml"
    with pytest.raises(ReadError):
        detect_format("x.bin", "nothing here")
    with pytest.raises(ReadError, match="already a debate map"):
        detect_format("map.toml", "[map]\n")


def test_the_opener_reads_any_format_for_the_tui(tmp_path: Path) -> None:
    result = open_map(FIXTURES / "features.argdown")
    assert (result.format, result.path) == ("argdown", FIXTURES / "features.argdown")
    assert result.warnings
    toml = open_map(Path(__file__).resolve().parents[2] / "arguments.toml")
    assert toml.format == "toml" and toml.warnings == [] and len(toml.loaded.argmap.claims) > 0
    assert is_importable("map.argdown") and is_importable("d.kialo.txt")
    assert not is_importable("map.toml")


def test_help_lists_import(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "import" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert "--from FORMAT" in out and "--force" in out


def test_the_summary_says_what_the_conversion_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Warnings end with a summary; --report gives it always, -q keeps quiet otherwise."""
    source = tmp_path / "m.argdown"
    source.write_text(
        "===\ncolor: red\n===\n[A]: a {colour: green}\n  - [B]: b\n    - [A]\n  + [A]\n"
        "  + [C]: c\n    +> [C]\n",
        encoding="utf-8",
    )
    assert main(["import", str(source), "-o", str(tmp_path / "m.toml")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-3:] == [
        f"{tmp_path / 'm.toml'}: 3 claims from argdown, 5 warnings",
        "summary: 3 claims in, 3 out · 5 relations in: 2 in the tree, 1 kept as mutual "
        "(the parent bears back on its child), 2 dropped (to itself ×2)",
        "dropped: data key 'colour' ×1, front matter key 'color' ×1",
    ]
    clean = tmp_path / "clean.argdown"
    clean.write_text("[A]: a\n  + [B]: b\n", encoding="utf-8")
    assert main(["import", "-q", str(clean)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["import", "--report", "-q", str(clean)]) == 0
    assert capsys.readouterr().err == "summary: 2 claims in, 2 out · 1 relation in: 1 in the tree\n"


@pytest.mark.parametrize(
    ("format_name", "text"),
    [
        ("argdown", "// only a comment\n"),
        ("kialo", "Discussion Title: nothing\n"),
        ("aif", '{"nodes": [], "edges": []}'),
        ("markdown", "# Just a title\n"),
    ],
)
def test_no_claims_found_is_located(format_name: str, text: str) -> None:
    from debate.formats.readers import SourceText, read_text

    with pytest.raises(ReadError) as caught:
        read_text(SourceText("empty.x", text), format_name)
    assert str(caught.value) == "empty.x:1:1: no claims found in this file"
