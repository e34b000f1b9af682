"""The map pictures (SVG, PNG, PDF drawn by Graphviz) fit a screen and say what the map says.

**Fits a screen**, the criterion: the default map's SVG, opened at 100% zoom, shows whole on
a 1920x1080 screen (its ``width``/``height`` are at most that many CSS pixels, 1 px = 0.75 pt),
its shape is a screen's or near it (width/height between 1.2 and 2.4), and the claims' text
is drawn at 10 CSS pixels or more at that size. (Before: 6214x522 pt, text at 3.4 px when
fitted to the screen.)
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from unittest import mock

import pytest

from debate.display import visible
from debate.formats import graphviz, picture_shape
from debate.formats.graphviz import READABLE_PX, fit_to_screen, wrap
from debate.model import ArgumentMap, Claim, MapInfo
from tests.conftest import require_tool
from tests.formats.conftest import export_text
from tests.formats.svg_boxes import SVG, svg_boxes

SCREEN = (1920, 1080)
SIDES = ("width", "height")


def _size(svg: str) -> tuple[float, float, float, float]:
    """Width and height in CSS pixels at 100% zoom, and the drawing's own units (viewBox)."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    width, height = (float(root.get(side, "").removesuffix("pt")) * 4 / 3 for side in SIDES)
    view_width, view_height = map(float, root.get("viewBox", "").split()[2:])
    return width, height, view_width, view_height


def test_the_default_map_fits_a_screen_with_readable_text(default_map: ArgumentMap) -> None:
    require_tool("dot")
    svg = export_text(default_map, "svg")
    width, height, view_width, view_height = _size(svg)
    zoom = width / view_width  # CSS pixels per drawing unit at 100%
    assert height / view_height == pytest.approx(zoom, rel=0.01)
    assert width <= SCREEN[0] and height <= SCREEN[1], (width, height)
    assert 1.2 <= view_width / view_height <= 2.4, view_width / view_height
    fonts = [
        float(node.get("font-size", "0"))
        for node in ElementTree.fromstring(svg.encode()).iter(f"{SVG}text")
    ]
    assert min(fonts) * zoom >= READABLE_PX, min(fonts) * zoom


def test_the_chosen_layout_draws_the_default_map_largest(default_map: ArgumentMap) -> None:
    """The layout picked from the map's shape, before Graphviz runs, is the one that Graphviz
    then draws largest on a screen among the others it could have picked."""
    require_tool("dot")
    chosen = _drawn_scale(export_text(default_map, "svg"))
    real = picture_shape.choose
    for rankdir in ("TB", "LR"):
        for per_line in (1, 2, 3):

            def forced(boxes, title, rankdir=rankdir, per_line=per_line):  # type: ignore[no-untyped-def]
                return picture_shape.Layout(rankdir, per_line, real(boxes, title).trees, 0.0)

            with mock.patch.object(graphviz, "choose", forced):
                other = _drawn_scale(export_text(default_map, "svg"))
            assert chosen >= other, (rankdir, per_line, chosen, other)


def _drawn_scale(svg: str) -> float:
    *_, view_width, view_height = _size(svg)
    return min(SCREEN[0] * 0.75 / view_width, SCREEN[1] * 0.75 / view_height)


def _chain(length: int) -> ArgumentMap:
    claims = {"c0": Claim(text="The first claim of a chain of reasons, each under the last.")}
    for index in range(1, length):
        claims[f"c{index}"] = Claim(
            parent=f"c{index - 1}", stance="pro", text=f"Reason {index}, of ordinary length."
        )
    return ArgumentMap(map=MapInfo(title="A chain"), claims=claims)


def _fan(width: int) -> ArgumentMap:
    claims = {"root": Claim(text="One claim with many reasons side by side.")}
    for index in range(width):
        claims[f"r{index}"] = Claim(parent="root", stance="con", text=f"Reason {index}.")
    return ArgumentMap(map=MapInfo(title="A fan"), claims=claims)


@pytest.mark.parametrize(
    ("name", "direction"),
    [("default", "LR"), ("chain", "TB"), ("fan", "LR"), ("moat-shift", "LR")],
)
def test_the_direction_follows_the_map_shape(
    name: str, direction: str, default_map: ArgumentMap
) -> None:
    """Deep and narrow maps go top to bottom, bushy ones left to right (no Graphviz needed)."""
    argmap, options = {
        "default": (default_map, {}),
        "chain": (_chain(8), {}),
        "fan": (_fan(12), {}),
        "moat-shift": (default_map, {"root": "moat-shift"}),
    }[name]
    source = export_text(argmap, "dot", **options)
    assert f"rankdir={direction}," in source


def test_trees_are_packed_in_reading_order(default_map: ArgumentMap) -> None:
    """Several trees share the picture in file order: down the first column, then the next."""
    dot = require_tool("dot")
    source = export_text(default_map, "dot")
    assert 'packmode="array_ut2"' in source
    plain = subprocess.run([dot, "-Tplain"], input=source, capture_output=True, text=True)
    at = {
        parts[1].strip('"'): (float(parts[2]), float(parts[3]))
        for parts in map(str.split, plain.stdout.splitlines())
        if parts[0] == "node"
    }
    first, second, third = at["catch-up-2027"], at["moat-shift"], at["catch-up-what"]
    assert first[0] == pytest.approx(second[0], abs=0.5)  # one column...
    assert third[0] > first[0] + 1  # ...then another
    assert first[1] > second[1]  # plain's y grows upwards: the first tree is above the second
    assert third[1] > second[1]


def test_see_also_links_inside_a_tree_are_lines_and_across_trees_words(
    default_map: ArgumentMap,
) -> None:
    source = export_text(default_map, "dot")
    claims = json.loads(export_text(default_map, "json"))["claims"]
    number = {claim["id"]: claim["number"] for claim in claims}
    tree = {claim["id"]: claim["number"].split(".")[0] for claim in claims}
    dotted = re.findall(r'^  "([^"]+)" -> "([^"]+)" \[style=dotted', source, flags=re.MULTILINE)
    inside = [(c["id"], t) for c in claims for t in c["links"] if tree[t] == tree[c["id"]]]
    assert dotted == inside and inside
    label = re.search(r'^  "catch-up-2027" \[label="([^"]*)"', source, flags=re.MULTILINE)
    assert label is not None
    across = [number[t] for t in default_map.claims["catch-up-2027"].links]
    assert label.group(1).endswith("\\nsee also " + ", ".join(across))


@pytest.mark.parametrize(
    "options",
    [{"root": "catch-up-what"}, {"depth": 1}, {"root": "moat-shift", "depth": 1}],
    ids=["root", "depth", "root-depth"],
)
def test_pictures_show_what_every_export_shows(
    options: dict[str, object], default_map: ArgumentMap
) -> None:
    """--root and --depth pick the same claims, numbered the same, as every other format."""
    require_tool("dot")
    claims = json.loads(export_text(default_map, "json", **options))["claims"]
    boxes = svg_boxes(export_text(default_map, "svg", **options))
    assert set(boxes) == {claim["id"] for claim in claims}
    for claim in claims:
        assert boxes[claim["id"]][0].startswith(f"{claim['number']} ")


def test_svg_draws_every_hostile_text_as_written(hostile: ArgumentMap) -> None:
    """Markup, entities and quotes in claims are drawn as text (Graphviz escapes the SVG)."""
    require_tool("dot")
    svg = export_text(hostile, "svg")
    boxes = svg_boxes(svg)
    assert set(boxes) == set(hostile.claims)
    for claim_id, claim in hostile.claims.items():
        lines = [visible(line) for line in wrap(claim.text) if line]
        drawn = [line.replace("\xa0", " ") for line in boxes[claim_id]]
        assert drawn[1 : 1 + len(lines)] == lines, claim_id
    assert not list(ElementTree.fromstring(svg.encode()).iter(f"{SVG}script"))


def _svg(width: float, height: float) -> str:
    return f'<svg width="{width:g}pt" height="{height:g}pt"\n viewBox="0.00 0.00 {width:.2f} {height:.2f}">'


@pytest.mark.parametrize(
    ("drawn", "shown"),
    [
        ((800, 400), (800, 400)),  # fits: as drawn, never enlarged
        ((1800, 900), (1440, 720)),  # too big: shrunk to fit, text at 11.7 px
        ((2880, 810), (1964, 552)),  # too wide to fit readably: shrunk to 10 px text only
        ((20_000, 9_000), (13_636, 6_136)),  # a huge map: text at 10 px, and it scrolls
    ],
)
def test_svg_is_sized_for_a_screen_but_never_below_readable(
    drawn: tuple[float, float], shown: tuple[float, float]
) -> None:
    sized = fit_to_screen(_svg(*drawn))
    assert sized.startswith(f'<svg width="{shown[0]:.0f}pt" height="{shown[1]:.0f}pt"')
    assert f'viewBox="0.00 0.00 {drawn[0]:.2f} {drawn[1]:.2f}"' in sized
