"""The command palette's commands come from the key table, flagged per binding."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from debate.tui.keys import APP_BINDINGS, HELP, MAP_BINDINGS, PALETTE, TREE_BINDINGS
from debate.tui.providers import key_commands
from debate.tui.screens.compare import CompareScreen

pytestmark = pytest.mark.anyio


async def test_palette_lists_the_flagged_bindings(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        names = [name for name, _run, _help in key_commands(screen)]
        assert names == [HELP[binding_id] for binding_id in PALETTE]
        assert {"Save", "Undo", "Expand all", "Copy the claim's id"} <= set(names)
        # each flagged binding names an action its own part of the app has
        for bindings, target in (
            (TREE_BINDINGS, screen.claim_tree),
            (MAP_BINDINGS, screen),
            (APP_BINDINGS, app),
        ):
            for binding in bindings:
                assert isinstance(binding, Binding)
                if binding.id in PALETTE:
                    action = binding.action.split("(")[0]
                    assert hasattr(target, f"action_{action}"), binding.id


async def run_from_palette(pilot, words: str) -> None:
    """Type ``words`` into the palette and run the first command found, as a user would."""
    await pilot.press("ctrl+p", *words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_the_palette_runs_the_apps_save(open_sample, sample: Path) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "1")
        await run_from_palette(pilot, "save")
        assert not app.screen.session.dirty and "weight = 1" in sample.read_text()


async def test_the_palette_runs_a_tree_binding_on_the_tree(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "cost-overrun" not in app.screen.claim_tree.ids
        await run_from_palette(pilot, "expand all")
        assert "cost-overrun" in app.screen.claim_tree.ids


async def test_the_palette_runs_a_screens_binding(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "compare perspectives")
        assert isinstance(app.screen, CompareScreen)
