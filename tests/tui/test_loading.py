"""Opening a big map: the loading screen is painted first, then the file is parsed in pieces
in a thread, and the screen says how much has been read while the app stays live."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from textual.widgets import Label

from debate.tui.app import DebateApp
from tests.tui.conftest import until_map_shown

pytestmark = pytest.mark.anyio


async def test_the_loading_screen_shows_how_much_of_a_big_map_is_read(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.toml_pieces

    monkeypatch.setattr(debate.toml_pieces, "PIECE", 200)  # the sample map in several pieces
    release = threading.Event()
    parsed: list[str] = []
    real_loads = debate.toml_pieces.tomli.loads

    class Tomli:
        """tomli, holding the second piece until the test has looked at the screen."""

        TOMLDecodeError = debate.toml_pieces.tomli.TOMLDecodeError

        @staticmethod
        def loads(text: str) -> dict:
            parsed.append(text)
            if len(parsed) == 2:
                release.wait(10)
            return real_loads(text)

    monkeypatch.setattr(debate.toml_pieces, "tomli", Tomli)
    app = DebateApp(None, path=sample, watch=False, journal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.screen.query_one("#loading-title", Label)
        for _ in range(100):  # until the first piece is read and the screen has shown it
            await pilot.pause(0.05)
            shown = str(title.render())  # not the screenshot: its runs of text vary with load
            if "%" in shown:
                break
        assert "Opening tram.toml… " in shown and "%" in shown
        share = app.screen.share_read  # type: ignore[attr-defined]
        assert 0 < share < 1 and f"{share:.0%}" in shown
        release.set()
        await until_map_shown(pilot)
        assert len(parsed) > 2  # read in pieces, and only once
        # the map, read for as long as the app runs, is out of the collector's passes
        assert gc.get_freeze_count() > 0
