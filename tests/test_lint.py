"""`debate lint`: each weak spot is found, located and named by its rule; exit 1 when any."""

from __future__ import annotations

from pathlib import Path

from debate.cli import main

SOURCE_TEXT = "The committee said: \u201cthe bridge is safe\u201d and\nthe budget is fine.\n"

MAP = """\
[sources.doc]
title = "Doc"
path = "doc.md"

[sources.unused]
title = "Never cited"

[sources.nopath]
title = "No path"

[claims.root]
text = "Root"
weight = 2
stance = "pro"
cite = { source = "doc", quote = "the bridge is safe" }

[claims.a]
parent = "root"
stance = "pro"
text = "A"
links = ["a", "root", "b", "b"]
cite = { source = "doc", quote = "the budget is   fine" }

[claims.b]
parent = "root"
stance = "con"
text = "B"
cite = [{ source = "doc", quote = "the bridge is unsafe" }, { source = "nopath", quote = "q" }]

[claims.c]
parent = "root"
stance = "con"
text = "No source"
"""


def test_lint_finds_each_weak_spot(tmp_path: Path, capsys) -> None:
    (tmp_path / "doc.md").write_text(SOURCE_TEXT)
    path = tmp_path / "m.toml"
    path.write_text(MAP)
    assert main(["lint", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    found = {line.rsplit("[", 1)[1].rstrip("]"): line for line in lines}
    assert set(found) == {
        "orphan-source",
        "root-weight",
        "root-stance",
        "self-link",
        "tree-link",
        "duplicate-link",
        "quote-not-found",
        "quote-unchecked",
        "no-source",
    }
    assert f"{path}:5:1: sources.unused: source 'unused' is never cited" in found["orphan-source"]
    assert f"{path}:13:1: claims.root.weight:" in found["root-weight"]
    assert f"{path}:30:1: claims.c: claim 'c' cites no source" in found["no-source"]
    assert (
        f"{path}:28:27: claims.b.cite[0].quote: quote not found in doc.md"
        in found["quote-not-found"]
    )
    assert "claims.a.links[0]: the claim links to itself" in found["self-link"]
    # typographic quotes and re-wrapped whitespace still match: no finding for those quotes
    assert not any("claims.root.cite" in line or "claims.a.cite" in line for line in lines)
    assert [line.split(":")[1] for line in lines] == sorted(
        (line.split(":")[1] for line in lines), key=int
    )


def test_lint_reports_an_unreadable_source(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        '[sources.s]\ntitle = "S"\npath = "gone.md"\n[claims.r]\ntext = "R"\ncite = { source = "s", quote = "x" }\n'
    )
    assert main(["lint", str(path)]) == 1
    assert (
        "cannot read 'gone.md' (source 's') to check the quote [source-missing]"
        in capsys.readouterr().out
    )


def test_lint_of_a_clean_map_exits_zero(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text('[sources.s]\ntitle = "S"\n[claims.r]\ntext = "R"\ncite = { source = "s" }\n')
    assert main(["lint", str(path)]) == 0
    assert "nothing to report" in capsys.readouterr().out


def test_lint_of_an_invalid_map_reports_errors(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[claims.r]\ntext = 1\n")
    assert main(["lint", str(path)]) == 1
    assert f"{path}:2:1: claims.r.text: must be a valid string" in capsys.readouterr().err
