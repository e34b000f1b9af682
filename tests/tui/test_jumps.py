"""Every jump lands where it says: compare rows, the cursor after big moves, and keys that
cannot do anything say why instead of doing nothing."""

from __future__ import annotations

import pytest

from debate.paths import default_map_path
from debate.scoring import compare
from debate.store import load_map
from debate.tui.app import DebateApp
from tests.tui.conftest import burst

pytestmark = pytest.mark.anyio


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


DOUBTER = """
[perspectives.doubter]
credence = { cheaper = 0.1, cost-overrun = 0.9, bus-cheap = 0.9 }
"""


async def test_compare_enter_jumps_to_the_claim_of_the_row(sample) -> None:
    sample.write_text(sample.read_text() + DOUBTER)
    app = DebateApp(load_map(sample), watch=False, journal=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.map_screen.claim_tree
        await pilot.press("W", "enter")
        assert tree.cursor_id == "tram"  # row 1 of the verdicts
        await pilot.press("W", "j", "enter")
        assert tree.cursor_id == "second-root"  # row 2
        session = app.map_screen.session
        divergent = [row[0] for row in compare(session.argmap, "df-quad").divergent(20)]
        assert len(divergent) >= 3
        for index, claim_id in enumerate(divergent[:3]):
            await pilot.press("W", "tab", *["j"] * index, "enter")  # where they disagree most
            assert tree.cursor_id == claim_id
        # enter then a key: the key runs on the map, after the jump
        await burst(pilot, "W", "j", "enter", "k")
        assert tree.cursor_id == tree.ids[tree.ids.index("second-root") - 1]


def on_screen(app) -> bool:
    tree = app.map_screen.claim_tree
    top = int(tree.scroll_offset.y)
    return top <= tree.cursor < top + tree.scrollable_content_region.height


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_cursor_stays_on_screen(size) -> None:
    app = DebateApp(load_map(default_map_path()), watch=False, journal=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for keys in (("E", "G"), ("C", "E", "G", "C"), ("E", "G", "z", "2"), ("E", "G")):
            await burst(pilot, *keys)
            assert on_screen(app), keys
        await pilot.resize_terminal(40, 12)
        for _ in range(3):
            await pilot.pause()
        assert on_screen(app)
        assert app.map_screen.claim_tree.scrollable_content_region.height >= 4


async def test_keys_that_cannot_act_say_why(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.map_screen.claim_tree
        expected = [
            (("backspace",), "Nowhere to go back to"),
            (("3",), "A root bears on nothing"),
            (("p",), "has no parent"),
            (("P",), "root of its tree already"),
            (("[",), "No previous sibling"),
            (("]", "]"), "No next sibling: this is the last tree"),
            (("l", "l"), "No children"),  # bus-cheap, a leaf
            (("enter",), "No children"),
            (("1",), "The weight is 1 already"),
            (("]",), "this is the last claim under its parent"),
        ]
        for keys, says in expected:
            app.clear_notifications()
            await pilot.press(*keys)
            assert any(says in notice for notice in notices(app)), (keys, notices(app))
        assert tree.cursor_id == "bus-cheap"


async def test_editor_on_a_map_without_a_file_says_why() -> None:
    from tests.tui.conftest import chain_map

    app = DebateApp(chain_map(3), watch=False, journal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert any("no file to edit yet" in notice for notice in notices(app))
