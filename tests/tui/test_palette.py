"""The command palette's commands come from the key table, flagged per binding."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from debate.tui.keys import APP_BINDINGS, HELP, MAP_BINDINGS, PALETTE, TREE_BINDINGS
from debate.tui.providers import key_commands
from debate.tui.screens.compare import CompareScreen

pytestmark = pytest.mark.anyio


async def test_palette_lists_the_flagged_bindings_and_runs_them(open_sample, sample: Path) -> None:
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
        # run from the palette as a user would
        await pilot.press("j", "1", "ctrl+p", *"save")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert not screen.session.dirty and "weight = 1" in sample.read_text()
        await pilot.press("ctrl+p", *"expand all")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert "cost-overrun" in screen.claim_tree.ids  # a tree binding, run on the tree
        await pilot.press("ctrl+p", *"compare perspectives")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
