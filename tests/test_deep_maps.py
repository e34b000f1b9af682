"""A deep chain costs what a flat list costs: every line that names a claim stays short.

A hostile (or just deep) map of N claims each under the one before made ``show``, ``score``
and the exports print O(N) characters per line (whole path numbers, indents, tree guides):
O(N²) output, time and memory. Numbers are shortened past ``MAX_NUMBER_PARTS`` levels, indents
and guides stop at ``MAX_NESTING`` (the line says its level); Kialo's and the Markdown report's
numbers stay whole, because there the numbers are the structure.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.cli import main
from debate.formats import ExportOptions
from debate.formats.view import View
from debate.model import MAX_NUMBER_PARTS, MapTree, short_number
from debate.render import MAX_NESTING
from debate.scoring import Scorer
from tests.scoring_maps import Row, tree

DEPTH = 4200  # twice and once past score's table limit (2,000): the same layout both times


def write_chain(path: Path, depth: int) -> Path:
    tables = ['[claims.c0]\ntext = "chain 0"\n']
    tables += [
        f'[claims.c{i}]\nparent = "c{i - 1}"\nstance = "pro"\ntext = "chain {i}"\n'
        for i in range(1, depth)
    ]
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_chain(tmp_path_factory.mktemp("deep") / "chain.toml", DEPTH)


@pytest.fixture(scope="module")
def half_chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_chain(tmp_path_factory.mktemp("deep") / "half.toml", DEPTH // 2)


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["show", "--plain"],
        ["score"],
        ["score", "--plain"],
        ["score", "--json"],
        ["export", "-f", "json"],
        ["export", "-f", "dot"],
        ["export", "-f", "html"],
        ["export", "-f", "opml"],
    ],
    ids=" ".join,
)
def test_output_grows_linearly_with_depth(
    command: list[str],
    chain: Path,
    half_chain: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Twice as deep is about twice the output (it was four times), every line short."""
    monkeypatch.setenv("COLUMNS", "120")
    sizes = []
    for path in (half_chain, chain):
        assert main([command[0], str(path), *command[1:]]) == 0
        out = capsys.readouterr().out
        sizes.append(len(out.encode()))
    assert f"c{DEPTH - 1}" in out  # every claim is there, the deepest too
    assert sizes[1] < 2.3 * sizes[0], sizes
    assert max(len(line) for line in out.splitlines()) < 600


def test_shortened_numbers_keep_the_root_and_the_last_parts() -> None:
    tree = MapTree.of({f"c{i}": (f"c{i - 1}" if i else None) for i in range(30)})
    assert tree.number("c7") == "1.1.1.1.1.1.1.1"  # MAX_NUMBER_PARTS levels: whole
    assert tree.number("c8") == "1…" + ".".join(["1"] * (MAX_NUMBER_PARTS - 2))
    assert tree.path("c29") == [1] * 30  # the whole path is still there when asked
    assert short_number(2, 12, [9, 8, 7, 6, 5, 4, 3, 2], keep=5) == "2…4.3.2"
    assert short_number(2, 3, [2, 4, 1]) == "2.4.1"


def test_formats_whose_numbers_are_their_structure_keep_them_whole(
    chain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(chain), "-f", "kialo", "--depth", "40"]) == 0
    out = capsys.readouterr().out
    assert ".".join(["1"] * 41) + ". Pro: chain 40" in out


def test_deep_claims_say_their_level(chain: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(chain), "--plain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    deep = next(line for line in lines if "[c2500]" in line)
    assert "(level 2501)" in deep and deep.startswith("  " * (MAX_NESTING + 1) + "(level")


@st.composite
def shapes(draw: st.DrawFn) -> list[int | None]:
    """Each claim's parent (an earlier claim's index) or ``None`` for a root; mostly the claim
    just before, so chains run past MAX_NUMBER_PARTS levels."""
    size = draw(st.integers(1, 40))
    return [
        None
        if index == 0 or draw(st.integers(0, 9)) == 0
        else index - 1
        if draw(st.integers(0, 3))
        else draw(st.integers(0, index - 1))
        for index in range(size)
    ]


@settings(max_examples=80, derandomize=True, deadline=None)
@given(shape=shapes(), data=st.data())
def test_every_export_numbers_its_claims_by_the_maps_one_rule(
    shape: list[int | None], data: st.DataObject
) -> None:
    """An export's numbers (from its root(s), to its depth) are the ones the map's own tree
    gives the same claims: one rule for the parts a number keeps (debate.model)."""
    rows: list[Row] = [
        (f"c{i}", None if up is None else f"c{up}", None if up is None else "pro", 2, 0.5)
        for i, up in enumerate(shape)
    ]
    argmap = tree(*rows)
    root = data.draw(st.none() | st.sampled_from(sorted(argmap.claims)))
    depth = data.draw(st.none() | st.integers(0, 12))
    view = View(argmap, ExportOptions(root=root, depth=depth), Scorer(argmap))
    whole = argmap.tree()
    exported = whole.subtree(root) if root is not None else list(argmap.claims)
    expected = MapTree.of({c: (whole.parent[c] if c != root else None) for c in exported})
    assert view.rows, "every export has its root(s)"
    for row in view.rows:
        assert row.number == expected.number(row.id), (row.id, row.depth)


def test_the_numbering_rule_is_the_models_alone() -> None:
    """No module but debate.model counts path parts against MAX_NUMBER_PARTS in code (the
    exports' view kept a copy of MapTree's rule): a number's parts have one rule."""
    package = Path(__file__).resolve().parent.parent / "debate"
    copies = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "model.py" and path.parent == package:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = {getattr(node, key, None) for key in ("id", "name", "attr")}
            if (
                isinstance(node, ast.Name | ast.alias | ast.Attribute)
                and "MAX_NUMBER_PARTS" in names
            ):
                copies.append(f"{path.relative_to(package.parent)}:{getattr(node, 'lineno', '?')}")
    assert not copies, "use debate.model's root_place/child_place/short_number:\n" + "\n".join(
        copies
    )


def test_numbering_a_claim_reads_only_the_sibling_lists_on_its_path() -> None:
    """The app numbers the rows of its first screen without a pass over every claim (on a
    100,000-claim map that pass cost ~0.1 s of the first paint)."""
    parents: dict[str, str | None] = {"r0": None, "r1": None}
    parents |= {f"a{i}": "r0" for i in range(500)} | {f"b{i}": "r1" for i in range(500)}
    parents |= {f"x{i}": "a3" for i in range(3)}
    tree = MapTree.of(parents)
    assert tree.number("x2") == "1.4.3"
    assert "b7" not in tree._positions  # r1's children were not read for it
    assert tree.number("b7") == "2.8" and tree.path("x1") == [1, 4, 2]
