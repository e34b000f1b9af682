"""Bad input: every case gets clear one-line errors with a location, exit 1, no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from debate.cli import main
from debate.errors import MapError
from debate.store import load_map, parse_map

GOOD = """\
[map]
title = "T"

[sources.s]
title = "S"

[claims.root]
text = "Root"
cite = { source = "s" }

[claims.child]
parent = "root"
stance = "pro"
text = "Child"
weight = 3
"""

LOCATED = re.compile(r"^.+:\d+:\d+: .+$")


def errors_for(text: str | bytes) -> list[str]:
    with pytest.raises(MapError) as caught:
        parse_map(text, name="m.toml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        (
            "weight = 3",
            "weight = 7",
            "m.toml:15:1: claims.child.weight: must be a whole number from 0 to 4, got 7",
        ),
        (
            "weight = 3",
            "weight = -1",
            "m.toml:15:1: claims.child.weight: must be a whole number from 0 to 4, got -1",
        ),
        (
            "weight = 3",
            "weight = 2.5",
            "claims.child.weight: must be a whole number from 0 to 4, got 2.5",
        ),
        (
            "weight = 3",
            "weight = true",
            "claims.child.weight: must be a whole number from 0 to 4, got True",
        ),
        (
            "weight = 3",
            'weight = "3"',
            "claims.child.weight: must be a whole number from 0 to 4, got '3'",
        ),
        (
            "weight = 3",
            "credence = 1.5",
            "m.toml:15:1: claims.child.credence: must be a number from 0 to 1, got 1.5",
        ),
        (
            'text = "Child"',
            "text = 5",
            "m.toml:14:1: claims.child.text: must be a valid string, got an integer 5",
        ),
        ('text = "Child"', 'text = ""', "m.toml:14:1: claims.child.text: must not be empty"),
        ('text = "Child"\n', "", "m.toml:11:1: claims.child.text: missing required key 'text'"),
        (
            'stance = "pro"',
            'stance = "for"',
            "m.toml:13:1: claims.child.stance: must be one of 'pro', 'con', 'part', got 'for'",
        ),
        (
            'stance = "pro"',
            'stanse = "pro"',
            "m.toml:13:1: claims.child.stanse: unknown key 'stanse' (did you mean 'stance'?)",
        ),
        (
            'parent = "root"',
            'parent = "rot"',
            "m.toml:12:1: claims.child.parent: unknown parent 'rot' (did you mean 'root'?)",
        ),
        (
            'stance = "pro"\n',
            "",
            "m.toml:12:1: claims.child.parent: a claim with a parent needs a stance: pro, con or part",
        ),
        (
            "weight = 3",
            'links = ["nowhere"]',
            "m.toml:15:10: claims.child.links[0]: link to unknown claim 'nowhere'",
        ),
        (
            'cite = { source = "s" }',
            'cite = { source = "x" }',
            "m.toml:9:10: claims.root.cite.source: unknown source 'x'",
        ),
        (
            "[claims.child]",
            "[claims.bad!id]",
            "m.toml:11:12: invalid TOML: Expected ']' at the end of a table declaration",
        ),
        (
            "[claims.child]",
            "[claims.root]",
            "m.toml:11:13: invalid TOML: Cannot declare ('claims', 'root') twice (each claim id may appear only once)",
        ),
        (
            'title = "T"',
            'title = "T',
            "m.toml:2:11: invalid TOML: line break inside a string; is a closing quote missing?",
        ),
        (
            "weight = 3",
            "tags = 'x'",
            "m.toml:15:1: claims.child.tags: must be an array, got a string",
        ),
        (
            "weight = 3",
            "notes = [{ txt = 'x' }]",
            "claims.child.notes[0].txt: unknown key 'txt' (did you mean 'text'?)",
        ),
    ],
)
def test_one_located_line_per_problem(replace: str, by: str, expected: str) -> None:
    assert replace in GOOD
    problems = errors_for(GOOD.replace(replace, by, 1))
    assert any(expected in line for line in problems), problems
    assert all(LOCATED.match(line) and "\n" not in line for line in problems), problems


def test_several_problems_are_reported_together() -> None:
    text = GOOD.replace("weight = 3", "weight = 9\ncredence = 2.0\ncolour = 1")
    problems = errors_for(text)
    assert len(problems) == 3
    assert [p.split(":")[1] for p in problems] == ["15", "16", "17"]


def test_cycle_is_reported_with_its_path() -> None:
    text = (
        GOOD
        + '\n[claims.a]\nparent = "b"\nstance = "pro"\ntext = "A"\n\n[claims.b]\nparent = "a"\nstance = "con"\ntext = "B"\n'
    )
    (problem,) = errors_for(text)
    assert problem == "m.toml:18:1: claims.a.parent: parent cycle: a -> b -> a"


def test_empty_and_blank_files() -> None:
    for text in ("", "   \n\n", b""):
        (problem,) = errors_for(text)
        assert problem.startswith("m.toml:1:1: the file is empty")


def test_a_map_without_claims() -> None:
    (problem,) = errors_for('[map]\ntitle = "x"\n')
    assert "the map has no claims" in problem


def test_binary_file() -> None:
    (problem,) = errors_for(bytes(range(256)))
    assert re.match(r"m\.toml:2:118: not UTF-8 text \(byte 0x80\)", problem)
    (problem,) = errors_for(b"text = \x00\x01\x02")
    assert "binary data" in problem


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(MapError, match="no such file"):
        load_map(tmp_path / "nope.toml")
    with pytest.raises(MapError, match="is a directory"):
        load_map(tmp_path)


def test_ten_thousand_deep_chain(write_map) -> None:
    lines = ['[claims.c0]\ntext = "root"\n']
    lines += [
        f'[claims.c{i}]\nparent = "c{i - 1}"\nstance = "pro"\ntext = "c{i}"\n'
        for i in range(1, 10_000)
    ]
    path = write_map("\n".join(lines))
    loaded = load_map(path)
    tree = loaded.argmap.tree()
    assert tree.depth("c9999") == 9999
    assert tree.number("c9999").count(".") == 9999


def test_ten_thousand_deep_cycle_is_an_error(write_map) -> None:
    lines = [
        f'[claims.c{i}]\nparent = "c{(i - 1) % 10_000}"\nstance = "pro"\ntext = "c"\n'
        for i in range(10_000)
    ]
    with pytest.raises(MapError, match="parent cycle: 10000 claims"):
        load_map(write_map("\n".join(lines)))


def test_hundred_thousand_siblings(write_map) -> None:
    lines = ['[claims.root]\ntext = "root"\n']
    lines += [
        f'[claims.s{i}]\nparent = "root"\nstance = "con"\ntext = "s"\n' for i in range(100_000)
    ]
    loaded = load_map(write_map("\n".join(lines)))
    assert len(loaded.argmap.tree().children["root"]) == 100_000


def test_cli_exit_status_and_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(GOOD.replace("weight = 3", "weight = 7"))
    for command in (["validate"], ["lint"], ["show"], []):
        result = subprocess.run(
            [sys.executable, "-m", "debate", *command, str(broken)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1, (command, result)
        assert "Traceback" not in result.stderr
        assert (
            result.stderr.strip()
            == f"{broken}:15:1: claims.child.weight: must be a whole number from 0 to 4, got 7"
        )


def test_validate_reports_every_file(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    assert main(["validate", str(good), str(tmp_path / "missing.toml"), str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert f"{good}: ok (2 claims, 1 tree)" in captured.out
    assert f"{tmp_path / 'missing.toml'}: no such file" in captured.err
    assert f"{tmp_path}: is a directory, not a map file" in captured.err
