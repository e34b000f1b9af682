"""Bad input: every case gets clear one-line errors with a location, exit 1, no traceback."""

from __future__ import annotations

import os
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
            "claims.child.weight: must be a whole number from 0 to 4, got true",
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
            "weight = 3\nweight = 2",
            "m.toml:16:1: invalid TOML: a key given twice (each key may appear once in a table)",
        ),
        (
            "weight = 3",
            "weight = 2026-01-02",
            "m.toml:15:1: claims.child.weight: must be a whole number from 0 to 4, got 2026-01-02",
        ),
        (
            "weight = 3",
            "weight = " + "[" * 3000 + "]" * 3000,
            "m.toml:15:10: values are nested too deeply",
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


def test_an_undecodable_byte_is_placed_in_characters_as_the_readers_place_it() -> None:
    """Column 14, as an editor counts: the map loader said 16, counting é's two bytes each."""
    from debate.formats.readers.common import ReadError, decode

    data = '[map]\ntitle = "été '.encode() + b'\xff"\n'
    (problem,) = errors_for(data)
    assert problem.startswith("m.toml:2:14: not UTF-8 text (byte 0xff)")
    with pytest.raises(ReadError) as raised:
        decode(data, "m.md")
    assert str(raised.value).startswith("m.md:2:14: ")


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
    assert tree.path("c9999") == [1] * 10_000
    assert tree.number("c9999") == "1…1.1.1.1.1.1"  # shown shortened (test_deep_maps.py)


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


# ------------------------------------------- odd keys, huge integers, unions: one line each


@pytest.mark.parametrize("key", ["date", "str", "datetime", "Citation", '"list[Citation]"'])
def test_keys_named_like_types_are_unknown_keys_not_crashes(key: str) -> None:
    text = f'{key} = 1\n[claims.r]\ntext = "R"\n'
    (problem,) = errors_for(text)
    shown = key.strip('"')
    assert problem.startswith("m.toml:1:1: ")
    assert f"unknown key {shown!r}; expected one of: map, sources, claims, perspectives" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[claims.r]\ntext = "R"\ndate = 1\n',
            "m.toml:3:1: claims.r.date: unknown key 'date'; expected one of: parent,",
        ),
        ('[map]\ndate = 1\n[claims.r]\ntext = "R"\n', "m.toml:2:1: map.date: unknown key 'date'"),
        ("[claims.str]\ntext = 1\n", "m.toml:2:1: claims.str.text: must be a valid string"),
        (
            '[claims.date]\ntext = "R"\ncite = { Citation = 1, source = "s" }\n',
            "m.toml:3:10: claims.date.cite.Citation: unknown key 'Citation'; expected one of: "
            "source, quote, locator",
        ),
        (
            '[claims.r]\ntext = "R"\n[[claims.r.notes]]\ntext = "n"\ndatetime = 1\n',
            "m.toml:5:1: claims.r.notes[0].datetime: unknown key 'datetime'",
        ),
        (
            '[claims.r]\ntext = "R"\n\n[claims."a.b"]\ntext = 1\n',
            "m.toml:5:1: claims.'a.b'.text: must be a valid string",
        ),
        (
            '[claims.r]\ntext = "R"\n\n[claims."x.y"]\nparent = "r"\ntext = "X"\n',
            "m.toml:5:1: claims.'x.y'.parent: a claim with a parent needs a stance",
        ),
    ],
)
def test_the_error_path_is_where_pydantic_says(text: str, expected: str) -> None:
    problems = errors_for(text)
    assert any(line.startswith(expected) for line in problems), problems


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('cite = "x"', "claims.r.cite: must be a table or an array of tables, got a string 'x'"),
        ("cite = 3", "claims.r.cite: must be a table or an array of tables, got an integer 3"),
        ("cite = { source = 1 }", "claims.r.cite.source: must be a valid string, got an integer 1"),
        ('cite = [{ source = "s" }, 3]', "claims.r.cite[1]: must be a table, got an integer"),
        (
            'notes = [{ text = "n", at = "2026-11-28" }]',
            "claims.r.notes[0].at: must be a date-time or a date, got a string '2026-11-28' "
            "(TOML dates are written without quotes: 2026-11-28)",
        ),
        (
            'notes = [{ text = "n", at = 3 }]',
            "claims.r.notes[0].at: must be a date-time or a date, got an integer 3",
        ),
    ],
)
def test_a_value_fitting_no_branch_of_a_union_is_one_line(value: str, expected: str) -> None:
    text = f'[sources.s]\ntitle = "S"\n[claims.r]\ntext = "R"\n{value}\n'
    problems = errors_for(text)
    assert len(problems) == 1, problems
    assert problems[0].split(": ", 1)[1] == expected


def test_an_integer_too_long_for_python_is_located() -> None:
    digits = "1" * 5000
    (problem,) = errors_for(f'[claims.r]\ntext = "{digits}"\nweight = {digits}\n')
    assert problem == "m.toml:3:10: invalid TOML: an integer longer than 4300 digits"
    (problem,) = errors_for(f'[claims.r]\ntext = "R"\ntags = [1, -{digits}]\n')
    assert problem == "m.toml:3:12: invalid TOML: an integer longer than 4300 digits"


def test_a_huge_hexadecimal_integer_is_shown_by_its_size() -> None:
    (problem,) = errors_for('[claims.r]\ntext = "R"\nweight = 0x' + "f" * 4000 + "\n")
    assert problem == (
        "m.toml:3:1: claims.r.weight: must be a whole number from 0 to 4, got a 16000-bit integer"
    )
    (problem,) = errors_for("[claims.r]\ntext = 0x" + "f" * 4000 + "\n")
    assert problem == "m.toml:2:1: claims.r.text: must be a valid string, got a 16000-bit integer"


def test_every_command_that_loads_says_one_line_for_a_huge_integer(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text('[claims.r]\ntext = "R"\nweight = ' + "9" * 5000 + "\n")
    expected = f"{path}:3:10: invalid TOML: an integer longer than 4300 digits"
    for command in (["validate"], ["lint"], ["show"], ["export", "-f", "json"]):
        assert main([*command, str(path)]) == 1, command
        assert capsys.readouterr().err == expected + "\n", command
    assert main(["diff", "--textconv", str(path)]) == 0  # what git runs: never fails
    assert capsys.readouterr().out.startswith(f"# debate: not a valid map ({expected})")
    assert main(["merge", str(path), str(path), str(path)]) == 2  # the merge driver
    assert "4300 digits" in capsys.readouterr().err


def test_the_settings_file_reports_a_huge_integer_and_a_fifo(tmp_path: Path) -> None:
    from debate.tui.config import load_config

    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\n[keys]\nsearch = ' + "1" * 5000 + "\n")
    (problem,) = load_config(config).problems
    assert problem == (
        f"{config}:3:10: invalid TOML: an integer longer than 4300 digits; settings ignored"
    )
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    (problem,) = load_config(fifo).problems  # refused at once, not waited on
    assert problem == f"{fifo}: is a FIFO (named pipe), not a regular file; settings ignored"


# ------------------------------------------------------------ bounded: many unknown names


def test_unknown_names_are_listed_up_to_a_limit_then_counted(monkeypatch) -> None:
    import debate.model as model

    calls: list[str] = []
    real = model.did_you_mean

    def counting(name: str, known) -> str:
        calls.append(name)
        return real(name, known)

    monkeypatch.setattr(model, "did_you_mean", counting)
    children = "".join(
        f'[claims.c{i}]\nparent = "rot"\nstance = "pro"\ntext = "C"\nlinks = ["nowhere{i}"]\n'
        for i in range(2000)
    )
    problems = errors_for('[claims.root]\ntext = "R"\n' + children)
    limit = model.MAX_SIMILAR
    assert len(problems) == 2 * (limit + 1)
    assert len(calls) <= 2 * limit  # not once per claim: each costs a pass over every id
    assert (
        problems[0] == "m.toml:4:1: claims.c0.parent: unknown parent 'rot' (did you mean 'root'?)"
    )
    assert sum("unknown parent 'rot'" in line for line in problems) == limit
    assert (
        f"claims.c{limit}.parent: and {2000 - limit} more claims name an unknown parent "
        f"(only the first {limit} are listed)"
    ) in "\n".join(problems)
    assert f"and {2000 - limit} more links name an unknown claim" in "\n".join(problems)


def test_locating_stops_once_every_wanted_key_is_found() -> None:
    from debate.locate import KeyLocator

    text = "[a]\nx = 1\n[b]\ny = 2\n"
    early = KeyLocator(text, wanted=[("a", "x")])
    assert early.find(("a", "x")) == (2, 1)
    assert ("b",) not in early.positions  # the rest of the file was not scanned
    missing = KeyLocator(text, wanted=[("a", "z")])  # not in the text: scan all, fall back
    assert missing.find(("a", "z")) == (1, 1) and missing.find(("b", "y")) == (4, 1)


def test_a_source_date_may_be_a_toml_date_or_text() -> None:
    """The field ``date`` once hid the ``date`` type inside the model: a TOML date failed."""
    import datetime

    for written, expected in (
        ("2025-03-14", datetime.date(2025, 3, 14)),
        ('"spring 2025"', "spring 2025"),
    ):
        text = GOOD.replace(
            '[sources.s]\ntitle = "S"\n', f'[sources.s]\ntitle = "S"\ndate = {written}\n'
        )
        assert parse_map(text, name="m.toml").argmap.sources["s"].date == expected
