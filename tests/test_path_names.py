"""A file name no system call takes (a NUL in it, or a character the file system's encoding
cannot carry) is one clear line from every command that takes a path, never a traceback.

No shell can pass a NUL in an argument, but a program calling ``debate.cli.main`` can, and a
map's source ``path`` can hold one (``"\\u0000"`` is legal TOML). Python raises ``ValueError``
rather than ``OSError`` for such names, which is what escaped before.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from debate.cli import main
from debate.display import UNSAFE

BAD_NAMES = {"nul": "bad\0name", "unencodable": "bad\ud800name"}

# Each command line with BAD where the bad name goes; MAP, IN are good files.
COMMANDS = [
    "open BAD",
    "serve BAD",
    "show BAD",
    "validate BAD",
    "validate MAP BAD",
    "lint BAD",
    "score BAD",
    "compare BAD",
    "crux BAD",
    "diff BAD MAP",
    "diff MAP BAD",
    "merge BAD MAP MAP",
    "merge MAP BAD MAP",
    "merge MAP MAP BAD",
    "merge MAP MAP MAP -o BAD",
    "new BAD",
    "new --force BAD",
    "schema -o BAD",
    "export MAP -o BAD.md",
    "export MAP -f svg -o BAD",
    "export MAP -f json -o BAD",
    "export BAD -f json",
    "import BAD",
    "import IN -o BAD.toml",
    "import IN --force -o BAD.toml",
]


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.toml").write_text('[claims.r]\ntext = "Root"\n')
    (tmp_path / "in.argdown").write_text("[Root]: The root.\n")
    return {"MAP": "map.toml", "IN": "in.argdown"}


@pytest.mark.parametrize("kind", BAD_NAMES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_name_no_system_call_takes_is_one_line(
    command: str, kind: str, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = BAD_NAMES[kind]
    argv = [
        word.replace("BAD", bad) if "BAD" in word else files.get(word, word)
        for word in command.split()
    ]
    code = main(argv)  # a traceback would raise here
    out, err = capsys.readouterr()
    assert code != 0
    assert UNSAFE.findall(out) == []  # the merge driver prints markers labelled with the name
    assert err.count("\n") == 1, err
    assert "not a valid file name" in err
    assert UNSAFE.findall(err) == []  # the NUL is shown as a stand-in, never sent raw
    assert list(Path().glob("bad*")) == []


def test_textconv_of_such_a_name_says_so_and_never_fails(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """git aborts the whole diff when a textconv fails: the fallback line instead."""
    assert main(["diff", "--textconv", "bad\0name"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# debate: not a valid map (bad\\x00name: is not a valid file name")
    assert err == ""


def test_a_source_path_with_a_nul_is_a_lint_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        '[sources.s]\ntitle = "S"\npath = "doc\\u0000.md"\n'
        '[claims.r]\ntext = "R"\ncite = { source = "s", quote = "words" }\n'
    )
    assert main(["lint", str(path)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        f"{path}:6:24: claims.r.cite.quote: cannot read 'doc\\x00.md' (source 's') to check "
        "the quote: is not a valid file name: it contains a NUL character [source-missing]\n"
    )


def test_names_of_bytes_that_are_not_utf8_are_written_as_escapes(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A shell passes a name of non-UTF-8 bytes as lone surrogates (``os.fsdecode``); the
    maps that mention their own name in a comment must still be valid UTF-8."""
    new_name = os.fsdecode(b"new-\xff.toml")
    imported = os.fsdecode(b"imported-\xfe.toml")
    Path(os.fsdecode(b"in-\xfe.argdown")).write_text("[Root]: The root.\n")
    assert main(["new", new_name]) == 0
    assert main(["import", os.fsdecode(b"in-\xfe.argdown"), "-o", imported]) == 0
    capsys.readouterr()
    assert "debate lint new-\\xff.toml" in Path(new_name).read_text(encoding="utf-8")
    assert "Imported from in-\\xfe.argdown" in Path(imported).read_text(encoding="utf-8")
    assert main(["validate", new_name, imported]) == 0
