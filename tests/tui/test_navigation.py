"""Moving around: keys, jumps, search, filters, the command palette and the mouse."""

from __future__ import annotations

import pytest

from tests.tui.conftest import rows

pytestmark = pytest.mark.anyio


async def test_cursor_keys_expand_collapse_and_jumps(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        at = lambda: tree.cursor_id  # noqa: E731
        assert at() == "tram"
        await pilot.press("j", "down")
        assert at() == "disruption"
        await pilot.press("k")
        assert at() == "cheaper"
        await pilot.press("l")  # expand
        assert "cost-overrun" in tree.ids
        await pilot.press("l")  # already open: first child
        assert at() == "cost-overrun"
        await pilot.press("h")  # leaf: go to parent
        assert at() == "cheaper"
        await pilot.press("h")  # collapse
        assert "cost-overrun" not in tree.ids and at() == "cheaper"
        await pilot.press("right_square_bracket")
        assert at() == "disruption"
        await pilot.press("left_square_bracket")
        assert at() == "cheaper"
        await pilot.press("G")
        assert at() == "bus-cheap"
        await pilot.press("P")
        assert at() == "second-root"
        await pilot.press("g", "g")
        assert at() == "tram"
        await pilot.press("end", "home", "pagedown")
        assert at() == tree.ids[-1]
        await pilot.press("pageup")
        assert at() == "tram"
        await pilot.press("C")
        assert tree.ids == ["tram", "second-root"]
        await pilot.press("E")
        assert len(tree.ids) == 7
        await pilot.press("z", "1")
        assert "cost-overrun" not in tree.ids and "cheaper" in tree.ids
        await pilot.press("enter")  # toggle the root closed
        assert tree.ids == ["tram", "second-root", "bus-cheap"]
        await pilot.press("space")
        assert "cheaper" in tree.ids
        # follow a see-also link and come back
        tree.select("cost-overrun")
        await pilot.press("f")
        assert at() == "disruption"
        await pilot.press("backspace")
        assert at() == "cost-overrun"
        await pilot.press("p")
        assert at() == "cheaper"
        # mouse: click a row to select it, click again to collapse it
        await pilot.click("#tree", offset=(30, 0))
        assert at() == "tram"
        await pilot.click("#tree", offset=(30, 0))
        assert tree.ids[:2] == ["tram", "second-root"]


async def test_search_steps_through_matches_and_takes_markup_as_text(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        await pilot.press("slash", *"tram", "enter")
        assert tree.search_text == "tram"
        assert tree.cursor_id == "tram"
        await pilot.press("n")
        assert tree.cursor_id == "cheaper"  # "A tram costs less" (inside a collapsed node too)
        await pilot.press("n")
        assert tree.cursor_id == "cost-overrun"  # "Tram projects"
        await pilot.press("N", "N")
        assert tree.cursor_id == "tram"
        await pilot.press("slash", *"[/]", "enter")  # markup-looking text is just text
        assert tree.cursor_id == "markup"
        await pilot.press("escape")
        assert tree.search_text == ""


async def test_a_tag_filter_shows_only_its_claims_or_highlights_them(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        # only claims tagged "cost", with their ancestors for context
        await pilot.press("number_sign", *"cost", "enter")
        assert set(tree.ids) == {"tram", "cheaper", "disruption"}
        assert "#cost (only)" in str(app.screen.query_one("#header").render())
        await pilot.press("F")  # switch to highlighting: everything back, the rest dimmed
        assert "second-root" in tree.ids and not tree.filter.only
        await pilot.press("escape")
        assert tree.filter is None


async def test_a_holder_filter_highlights_their_claims_or_shows_only_them(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        await pilot.press("b", *"Residents", "enter")
        assert tree.filter is not None and tree.filter.ids == {
            "cost-overrun",
            "disruption",
            "second-root",
        }
        await pilot.press("F")
        assert "cheaper" in tree.ids  # the ancestor of cost-overrun stays, for context
        assert "markup" not in tree.ids
        await pilot.press("escape")
        assert tree.filter is None


async def test_the_palette_jumps_to_a_claim_by_its_words_and_back(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        await pilot.press("ctrl+p", *"need no rails")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert tree.cursor_id == "bus-cheap"
        await pilot.press("backspace")
        assert tree.cursor_id == "tram"


async def test_the_palette_runs_a_command_expand_to_a_level(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        assert "cost-overrun" not in tree.ids
        await pilot.press("ctrl+p", *"expand to level 2")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert "cost-overrun" in tree.ids
        assert any("Tram projects" in row for row in rows(app))
