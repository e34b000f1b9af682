"""The tree and detail panes: what each row shows, user text kept literal, big and deep maps."""

from __future__ import annotations

import time

import pytest

from debate.tui.app import DebateApp
from tests.tui.conftest import bushy_map, chain_map, detail, rows

pytestmark = pytest.mark.anyio


async def test_rows_show_stance_weight_strength_markers_and_numbers(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = rows(app)
        # roots expanded one level; both roots reachable
        assert shown[0].split()[3:6] == ["1", "The", "town"] or "1 The town" in shown[0]
        assert any("2 Buses are enough" in row for row in shown)
        cheaper = next(row for row in shown if "A tram costs less" in row)
        assert "+3" in cheaper  # stance glyph and weight
        assert "✎#§" in cheaper  # note, tag, source markers
        assert "1.1 " in cheaper
        assert "▸" in cheaper  # has children, collapsed
        disruption = next(row for row in shown if "disrupt" in row)
        assert "-2" in disruption
        strength = app.screen.session.scorer.strength("cheaper")
        assert f"{strength:.2f}"[1:] in cheaper
        # the detail pane explains the highlighted claim
        await pilot.press("j")
        text = detail(app)
        assert "A tram costs less to run than buses over 30 years." in text
        assert "weight 3" in text and "credence 0.70" in text
        assert "Council transport report" in text and "“lower lifetime cost”" in text
        assert "Check the maintenance figures." in text
        assert "#cost" in text
        assert "Why" in text and "from base" in text
        assert "cost-overrun" not in text or "Tram projects" in text


async def test_user_text_is_never_markup(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.claim_tree.select("markup")
        await pilot.pause()
        row = next(row for row in rows(app) if "Odd text" in row)
        literal = "[bold]x[/] [link=https://e.org]y[/link] \\x1b[31mred"
        assert literal in row
        assert literal in detail(app)
        screen_text = app.export_screenshot()
        assert "[bold]x[/]" in screen_text
        assert "\x1b[31m" not in screen_text


async def test_narrow_terminal_stacks_the_detail_pane(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("#tree")
        pane = app.screen.query_one("#detail")
        assert app.screen.has_class("-narrow")
        assert pane.region.y > tree.region.y and pane.region.width >= 78
        await pilot.press("D")  # the tree takes the whole screen
        assert not pane.display and tree.region.height >= 19
        await pilot.press("D", "shift+down")
        assert pane.display and pane.scroll_offset.y > 0
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert pane.region.x > tree.region.x and pane.region.height > 40


async def test_a_5000_deep_chain_opens_expands_and_scrolls() -> None:
    app = DebateApp(chain_map(5000), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("E", "G")
        tree = app.screen.claim_tree
        assert len(tree.ids) == 5000 and tree.cursor_id == "c4999"
        deepest = tree.row_text(len(tree.ids) - 1, 120).plain
        assert "⋯4999" in deepest and "claim 4999" in deepest
        await pilot.press("p", "P", "h", "z", "3")
        assert tree.cursor_id == "c0" and len(tree.ids) == 4
        await pilot.press("3")  # a weight change at the top of a deep chain
        await pilot.pause()


async def test_a_100000_claim_map_opens_and_moves() -> None:
    loaded = bushy_map(100_000)
    started = time.perf_counter()
    app = DebateApp(loaded, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        assert tree.ids[:1] == ["c0"]
        await pilot.press("j", "l", "G", "2")
        assert tree.cursor_id is not None
        assert app.screen.session.scorer.weight(tree.cursor_id) in (2, tree.cursor_id and 2)
    assert time.perf_counter() - started < 60
