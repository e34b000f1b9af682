"""`debate validate` reports schema and structure problems in one run (issue 12, FORMAT.md):
structural checks run on the entities that passed the schema, every line located, sorted."""

from __future__ import annotations

from pathlib import Path

from debate.cli import main

BOTH = """\
[claims.r]
text = "R"
weight = 9

[claims.a]
parent = "gone"
stance = "pro"
text = "A"

[claims.b]
parent = "a"
stance = "sideways"
text = "B"

[claims.c]
parent = "b"
stance = "pro"
text = "C"
links = ["nowhere", "b"]
cite = { source = "missing" }

[claims.d]
parent = "e"
stance = "pro"
text = 7

[claims.e]
parent = "d"
stance = "con"
text = "E"
"""


def test_schema_and_structure_problems_come_together(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text(BOTH, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        f"{path}:3:1: claims.r.weight: must be a whole number from 0 to 4, got 9",
        f"{path}:6:1: claims.a.parent: unknown parent 'gone'",
        f"{path}:12:1: claims.b.stance: must be one of 'pro', 'con', 'part', got 'sideways'",
        f"{path}:19:10: claims.c.links[0]: link to unknown claim 'nowhere'",
        f"{path}:20:10: claims.c.cite.source: unknown source 'missing'",
        f"{path}:23:1: claims.d.parent: parent cycle: d -> e -> d",
        f"{path}:25:1: claims.d.text: must be a valid string, got an integer 7",
    ]


def test_a_claims_value_that_is_no_table_still_reports_the_rest(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text('[claims]\nr = 3\n\n[claims.a]\nparent = "gone"\nstance = "pro"\ntext = "A"\n')
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "claims.r: must be a table, got an integer",
        "claims.a.parent: unknown parent 'gone'",
    ]
