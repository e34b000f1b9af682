"""The map view's geometry (debate/map_layout.py): which claims are drawn, where, and how
the edges run, checked on the default map, on made-up trees and as properties."""

from __future__ import annotations

import os
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.map_layout import (
    MAX_ROW,
    MIN_BOX,
    BoxLabels,
    Fit,
    MapLayout,
    draw,
    layout_neighbourhood,
    wrap,
)
from debate.model import ArgumentMap, MapTree
from debate.store import load_map
from tests.conftest import DEFAULT_MAP


def build(claims: dict[str, dict[str, object]]) -> tuple[ArgumentMap, MapTree]:
    argmap = ArgumentMap.model_validate({"map": {"title": "t"}, "claims": claims})
    return argmap, MapTree.build(argmap)


def lay_out(argmap: ArgumentMap, tree: MapTree, centre: str, fit: Fit, **options) -> MapLayout:
    claims = argmap.claims
    return layout_neighbourhood(
        tree,
        lambda claim_id: claims[claim_id].text,
        centre,
        fit,
        links_of=lambda claim_id: claims[claim_id].links,
        **options,
    )


def star(children: int) -> dict[str, dict[str, object]]:
    claims: dict[str, dict[str, object]] = {"root": {"text": "The root claim"}}
    for index in range(children):
        claims[f"c{index}"] = {"text": f"child {index}", "parent": "root", "stance": "pro"}
    return claims


def interiors_overlap(layout: MapLayout) -> list[tuple[str, str]]:
    boxes = list(layout.boxes.values())
    return [
        (a.claim_id, b.claim_id)
        for index, a in enumerate(boxes)
        for b in boxes[index + 1 :]
        if a.x <= b.right and b.x <= a.right and a.y <= b.bottom and b.y <= a.bottom
    ]


def interiors(layout: MapLayout) -> set[tuple[int, int]]:
    """The cells inside the boxes (where no edge may pass)."""
    return {
        (x, y)
        for box in layout.boxes.values()
        for x in range(box.x + 1, box.right)
        for y in range(box.y + 1, box.bottom)
    }


def route_cells(points: list[tuple[int, int]]) -> set[tuple[int, int]]:
    cells = set()
    for (x0, y0), (x1, y1) in pairwise(points):
        for x in range(min(x0, x1), max(x0, x1) + 1):
            for y in range(min(y0, y1), max(y0, y1) + 1):
                cells.add((x, y))
    return cells


@pytest.fixture(scope="module")
def default_map() -> tuple[ArgumentMap, MapTree]:
    argmap = load_map(DEFAULT_MAP).argmap
    return argmap, MapTree.build(argmap)


def test_the_moat_tree_at_80x24(default_map) -> None:
    argmap, tree = default_map
    layout = lay_out(argmap, tree, "moat-shift", Fit(80, 21))
    assert layout.rows[0] == ["moat-shift"]
    assert layout.rows[1] == tree.children["moat-shift"]  # the claims' own order
    assert layout.rows[2] == [
        "next-idea-unpublished",
        "scale-needs-compute",
        "china-engineering-unsourced",
    ]
    assert layout.width <= 80 and layout.height <= 21
    assert not interiors_overlap(layout)
    for row in layout.rows[1:]:
        assert all(layout.boxes[claim_id].width >= MIN_BOX for claim_id in row)
    # each grandchild sits under its parent: the edge drops straight down
    for child in layout.rows[2]:
        parent = layout.boxes[tree.parent[child]]
        assert layout.boxes[child].x <= parent.centre_x <= layout.boxes[child].right
    text = draw(layout).text()
    assert "The technical moat in AI is shifting" in text
    assert "Published" in text


def test_tree_edges_run_from_the_parents_bottom_to_the_childs_top(default_map) -> None:
    argmap, tree = default_map
    layout = lay_out(argmap, tree, "ideas-spread", Fit(120, 37))
    assert [row[0] for row in layout.rows] == [
        "moat-shift",
        "ideas-spread",
        "next-idea-unpublished",
    ]
    routes = {(route.source, route.target): route for route in layout.routes}
    assert set(routes) == {
        ("moat-shift", "ideas-spread"),
        ("ideas-spread", "next-idea-unpublished"),
    }
    for (parent, child), route in routes.items():
        assert route.points[0] == (layout.boxes[parent].centre_x, layout.boxes[parent].bottom)
        assert route.points[-1] == (layout.boxes[child].centre_x, layout.boxes[child].y)
    assert layout.boxes["moat-shift"].hidden_children == 3
    assert layout.boxes["ideas-spread"].level == 0


def test_a_short_screen_drops_the_grandchildren_and_text_first(default_map) -> None:
    argmap, tree = default_map
    tall = lay_out(argmap, tree, "moat-shift", Fit(80, 40))
    short = lay_out(argmap, tree, "moat-shift", Fit(80, 12))
    assert len(tall.rows) == 3 and len(short.rows) == 2
    assert max(len(box.lines) for box in short.boxes.values()) < max(
        len(box.lines) for box in tall.boxes.values()
    )
    one_level = lay_out(argmap, tree, "moat-shift", Fit(80, 40, below=1))
    assert len(one_level.rows) == 2


def test_wide_rows_of_grandchildren_are_left_out_when_they_do_not_fit() -> None:
    claims = star(4)
    for parent in range(4):
        for index in range(5):
            claims[f"g{parent}-{index}"] = {"text": "g", "parent": f"c{parent}", "stance": "con"}
    argmap, tree = build(claims)
    assert len(lay_out(argmap, tree, "root", Fit(80, 60)).rows) == 2  # 20 boxes of 14 cells
    assert len(lay_out(argmap, tree, "root", Fit(400, 60)).rows) == 3


def test_many_children_are_windowed_around_the_selection() -> None:
    argmap, tree = build(star(40))
    first = lay_out(argmap, tree, "root", Fit(200, 40))
    assert first.rows[1] == [f"c{index}" for index in range(MAX_ROW)]
    assert first.boxes["root"].hidden_children == 40 - MAX_ROW
    later = lay_out(argmap, tree, "root", Fit(200, 40), selected="c30")
    assert "c30" in later.rows[1] and len(later.rows[1]) == MAX_ROW
    assert later.beside("c30", 1) == "c31"


def test_see_also_links_are_dashed_and_only_between_drawn_boxes() -> None:
    claims = star(3)
    claims["c0"]["links"] = ["c2"]  # same row
    claims["g"] = {
        "text": "grandchild",
        "parent": "c1",
        "stance": "con",
        "links": ["root", "elsewhere"],
    }
    claims["elsewhere"] = {"text": "another root"}
    argmap, tree = build(claims)
    layout = lay_out(argmap, tree, "root", Fit(120, 40))
    links = {(route.source, route.target) for route in layout.routes if route.kind == "link"}
    assert links == {("c0", "c2"), ("g", "root")}
    canvas = draw(layout)
    assert "┄" in canvas.text() and "┆" in canvas.text()
    inner = interiors(layout)
    for route in layout.routes:
        assert not route_cells(route.points) & inner, route


def test_user_text_is_shown_as_typed_with_control_characters_escaped() -> None:
    claims = star(1)
    claims["c0"]["text"] = "Odd [bold]x[/] \x1b[31mred"
    argmap, tree = build(claims)
    text = draw(lay_out(argmap, tree, "root", Fit(120, 40))).text()
    assert "\x1b" not in text
    assert "[bold]x[/]" in text and "\\x1b[31mred" in text


def test_labels_sit_in_the_borders_either_side_of_the_edges() -> None:
    argmap, tree = build(star(1))
    layout = lay_out(argmap, tree, "root", Fit(60, 20))
    canvas = draw(layout, {"c0": BoxLabels("+3 .62", "██▌", "1.1", "▾2")}, heavy=["root"])
    child = layout.boxes["c0"]
    top = "".join(canvas.chars[child.y][child.x : child.right + 1])
    bottom = "".join(canvas.chars[child.bottom][child.x : child.right + 1])
    assert top.startswith("┌+3 .62") and top.endswith("██▌─┐") and "┴" in top
    assert bottom.startswith("└1.1") and bottom.endswith("▾2─┘")
    root = layout.boxes["root"]
    assert canvas.chars[root.y][root.x] == "┏" and canvas.chars[root.bottom][root.centre_x] == "┯"
    assert canvas.owners[child.y][child.x + 1] == ("top_left", "c0")


def test_wrap_cuts_long_words_and_marks_what_it_drops() -> None:
    assert wrap("a few short words here", 10, 3) == ["a few", "short", "words here"]
    assert wrap("a few short words here", 10, 2) == ["a few", "short…"]
    assert wrap("supercalifragilistic", 8, 5) == ["supercal", "ifragili", "stic"]
    assert wrap("宽字符宽字符", 6, 3) == ["宽字符", "宽字符"]  # two cells each
    assert wrap("", 8, 2) == [""]


def test_a_cycle_in_memory_draws_each_claim_once() -> None:
    argmap, _ = build({"a": {"text": "a"}, "b": {"text": "b", "parent": "a", "stance": "pro"}})
    argmap.claims["a"].parent = "b"
    argmap.claims["a"].stance = "pro"
    tree = MapTree.build(argmap)
    layout = lay_out(argmap, tree, "a", Fit(80, 24))
    assert sorted(layout.boxes) == ["a", "b"]


def test_works_without_graphviz(
    default_map, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert shutil.which("dot") is None and os.environ["PATH"] == str(tmp_path)
    argmap, tree = default_map
    layout = lay_out(argmap, tree, "catch-up-2027", Fit(80, 21))
    assert len(layout.rows[1]) == 5


@st.composite
def trees(draw_: st.DrawFn) -> dict[str, dict[str, object]]:
    count = draw_(st.integers(2, 40))
    claims: dict[str, dict[str, object]] = {"c0": {"text": "root claim"}}
    words = st.text(alphabet="abc de", min_size=0, max_size=60)
    for index in range(1, count):
        parent = draw_(st.integers(0, index - 1))
        claims[f"c{index}"] = {
            "text": draw_(words) or "x",
            "parent": f"c{parent}",
            "stance": draw_(st.sampled_from(["pro", "con", "part"])),
        }
    for index in range(count):
        if draw_(st.booleans()) and draw_(st.booleans()):
            claims[f"c{index}"]["links"] = [f"c{draw_(st.integers(0, count - 1))}"]
    return claims


@settings(max_examples=60, deadline=None, derandomize=True)
@given(trees(), st.integers(0, 39), st.integers(40, 220), st.integers(12, 60), st.integers(1, 4))
def test_boxes_never_overlap_and_edges_never_cross_a_box(
    claims, centre, width, height, below
) -> None:
    argmap, tree = build(claims)
    centre_id = f"c{centre % len(claims)}"
    layout = lay_out(argmap, tree, centre_id, Fit(width, height, below, 2 if below > 2 else 1))
    assert centre_id in layout.boxes
    assert not interiors_overlap(layout)
    assert all(
        box.x >= 0 and box.right < layout.width and box.bottom < layout.height
        for box in layout.boxes.values()
    )
    for box in layout.boxes.values():
        parent = tree.parent.get(box.claim_id)
        if parent in layout.boxes:
            assert layout.row_of(parent) == layout.row_of(box.claim_id) - 1
    inner = interiors(layout)
    for route in layout.routes:
        assert not route_cells(route.points) & inner
    draw(layout)  # every cell it writes is inside the canvas
