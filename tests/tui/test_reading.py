"""What the screen says reads at a glance: the verdicts in words, the reasons spelled out,
wrapped lines indented under their text, and no row's end hidden under the scrollbar."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from debate.paths import default_map_path
from debate.store import load_map
from debate.tui.app import DebateApp

pytestmark = pytest.mark.anyio


def default_app() -> DebateApp:
    return DebateApp(load_map(default_map_path()), watch=False, journal=False)


def header_lines(app) -> list[str]:
    return str(app.screen.query_one("#header").render()).splitlines()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_header_says_each_verdict_in_words_and_the_scale_once(size) -> None:
    app = default_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        verdicts = header_lines(app)[-1]
        assert "1 toss-up <0.50" in verdicts  # 0.497: does not hold, as debate crux says
        assert "2 leans yes 0.68" in verdicts and "3 leans yes 0.55" in verdicts
        assert verdicts.count("0 no … 1 yes") == 1
        room = app.screen.query_one("#header").content_region.width
        assert cell_len(verdicts) <= room  # nothing cut off at 80 columns


async def test_why_lines_are_spelled_out_with_the_counterfactual_note(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")  # cheaper: one con child
        shown = app.screen.query_one("#detail").text.plain
        assert "con · weight 2 · strength 0.60 · −0.2" in shown
        assert "Tram projects often run over budget." in shown
        assert "counterfactual" in shown and "need not add up" in shown


async def test_wrapped_detail_lines_hang_under_their_text(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        words = "the maintenance figures in the appendix differ from the summary table " * 2
        await pilot.press("j", "m", *words.strip(), "ctrl+s")
        pane = app.screen.query_one("#detail")
        pane._wrap(pane.scrollable_content_region.width)
        lines = [strip.text for strip in pane._strips]
        first = next(i for i, line in enumerate(lines) if line.startswith("  2. "))
        following = lines[first + 1]
        assert following.startswith("     ") and following[5] != " "  # under the note's text
        assert lines[first + 2].startswith("     ")


async def test_the_scrollbar_never_covers_the_end_of_a_row() -> None:
    app = default_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        tree = app.screen.claim_tree
        assert tree.show_vertical_scrollbar
        room = tree.scrollable_content_region.width
        for y in range(tree.scrollable_content_region.height):
            strip = tree.render_line(y)
            assert strip.cell_length <= room
        long_rows = [tree.render_line(y).text.rstrip() for y in range(3)]
        assert all(row.endswith("…") for row in long_rows if len(row) >= room - 1)
        assert any(row.endswith("…") for row in long_rows)
