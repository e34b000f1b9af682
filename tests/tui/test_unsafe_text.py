"""The app shows control characters, bidi overrides and line separators as stand-ins, in the
tree, the detail pane, the header and the palette, and never sends one to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate.display import UNSAFE
from debate.store import dump_map, load_map
from tests.formats.test_unsafe_text import TEXT, every_field
from tests.tui.conftest import detail, rows

pytestmark = pytest.mark.anyio


async def test_every_unsafe_character_is_shown_as_a_stand_in(tmp_path: Path) -> None:
    from debate.tui.app import DebateApp

    path = tmp_path / "map.toml"
    path.write_text(dump_map(every_field(TEXT)), encoding="utf-8")
    app = DebateApp(load_map(path), watch=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        app.screen.claim_tree.select("child")  # type: ignore[attr-defined]
        await pilot.pause()
        shown = rows(app)
        text = detail(app)
        assert all(UNSAFE.findall(row) == [] for row in shown)
        assert UNSAFE.findall(text) == []
        assert any("\\u202eevil\\u202c" in row for row in shown)
        assert "\\u202eevil\\u202c three\\u2028four\\x85five" in text  # text, holder, quotes...
        assert text.count("\\x1b]0;owned title\\x07") >= 4
        assert UNSAFE.findall(str(app.title)) == []
        screen = app.export_screenshot()
        assert UNSAFE.findall(screen) == []
        await pilot.press("ctrl+p")  # the palette lists tags and holders
        await pilot.pause()
        await pilot.press(*"owned")
        await pilot.pause()
        assert UNSAFE.findall(app.export_screenshot()) == []
