"""One claim label and one strength bar (debate/render.py, debate/display.py), used by
``show``, ``score``, ``crux``, the terminal SVG and the app alike (issue 11, part 4)."""

from __future__ import annotations

import html
import io
import re

from rich.console import Console
from rich.table import Table

from debate.display import strength_bar
from debate.formats import ExportOptions, export_map
from debate.model import ArgumentMap, Citation, Claim, MapTree, Note, Source
from debate.render import ClaimLabel, StrengthBar, claim_heading, compact_strength, markers
from debate.scoring import Scorer
from debate.terminal_tree import rich_tree


def printed(renderable: object, width: int = 200) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, _environ={}).print(renderable)
    return out.getvalue()


def test_the_bar_fills_to_an_eighth_of_a_cell_and_keeps_its_width() -> None:
    assert strength_bar(0.0, 4) == "    "
    assert strength_bar(1.0, 4) == "████"
    assert strength_bar(0.5, 4) == "██  "
    assert strength_bar(0.53, 4) == "██▏ "
    assert strength_bar(0.74, 10, "░") == "███████▍░░"
    assert strength_bar(-3, 5, "░") == "░░░░░" and strength_bar(7, 5, "░") == "█████"
    assert all(len(strength_bar(v / 100, 5, "░")) == 5 for v in range(101))


def test_the_bar_is_a_renderable_of_its_own_width() -> None:
    bar = StrengthBar(0.74, 10, trough="░")
    assert bar.plain == strength_bar(0.74, 10, "░")
    table = Table("bar", "value")
    table.add_row(bar, "0.74")
    assert "███████▍░░ │ 0.74" in printed(table)


def labelled() -> tuple[ArgumentMap, MapTree]:
    argmap = ArgumentMap(
        sources={"s": Source(title="S")},
        claims={
            "root": Claim(text="The [bold]root[/] claim"),
            "kid": Claim(
                parent="root",
                stance="con",
                text="A\nchild",
                weight=3,
                credence=0.6,
                by="a camp",
                tags=["t"],
                notes=[Note(text="n1"), Note(text="n2")],
                cite=Citation(source="s"),
            ),
        },
    )
    return argmap, argmap.tree()


def test_one_label_with_every_part_and_user_text_as_data() -> None:
    argmap, _ = labelled()
    kid = argmap.claims["kid"]
    full = ClaimLabel(
        "kid", kid, "con", number="1.1", weight=3, strength=0.53, credence=0.6, details=True
    )
    assert full.text().plain == "1.1 - con w3 ██▋░░ 0.53 c0.60 A child  — a camp #t ✎2 ❝  [kid]"
    root = ClaimLabel("root", argmap.claims["root"], None, number="1", credence=0.5, details=True)
    assert printed(root).rstrip("\n") == "1 ● c0.50 The [bold]root[/] claim  [root]"
    cell = ClaimLabel("kid", kid, "con", limit=5, indent=2)
    assert cell.text().plain == "    - A ch… [kid]"
    assert claim_heading("1.1", "A\nchild", "kid").plain == "1.1 A child [kid]"


def test_show_and_the_terminal_picture_write_the_same_label() -> None:
    """The picture is show's tree plus strengths: same number, stance, text, marks and id."""
    argmap, _ = labelled()
    shown = printed(rich_tree(argmap))
    svg = export_map(argmap, "terminal-svg", ExportOptions())
    # the SVG places each styled run by its x, so the spaces between runs are not in its text
    picture = re.sub(r"\s", "", html.unescape(re.sub(r"<[^>]+>", "", svg)))
    assert "1.1 - con w3 c0.60 A child  — a camp #t ✎2 ❝  [kid]" in shown
    strength = Scorer(argmap).strength("kid")
    bar = strength_bar(strength, 5, "░")
    label = f"1.1 - con w3 {bar} {strength:.2f} c0.60 A child  — a camp #t ✎2 ❝  [kid]"
    assert label.replace(" ", "") in picture


def test_the_apps_pieces_are_the_labels_pieces() -> None:
    argmap, _ = labelled()
    assert compact_strength(0.534) == ".53" and compact_strength(1.0) == "1.0"
    assert markers(argmap.claims["kid"]) == "✎#§  "
    assert markers(argmap.claims["root"]) == "     "
    uncited = Claim(text="x", cite=[])
    assert markers(uncited) == "     "
    assert "❝" not in ClaimLabel("x", uncited, None, details=True).text().plain
