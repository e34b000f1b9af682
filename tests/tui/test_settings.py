"""Around the map: help, remappable keys, remembered themes, the clipboard, NO_COLOR."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from debate.tui.config import load_config
from debate.tui.keys import KNOWN_IDS
from debate.tui.screens.help import HelpScreen

pytestmark = pytest.mark.anyio


async def test_help_lists_every_key_with_the_users_remappings(
    open_sample, _private_settings: Path
) -> None:
    _private_settings.mkdir()
    (_private_settings / "config.toml").write_text(
        '# my settings\ntheme = "nord"\n\n[keys]\nweight-3 = "f3"\nnot-a-binding = "x"\n'
    )
    app = open_sample()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        claims = app.screen.session.argmap.claims
        await pilot.press("j", "3")
        assert claims["cheaper"].weight == 3  # was 3 already; now try the remapped key
        await pilot.press("1", "f3")
        assert claims["cheaper"].weight == 3
        await pilot.press("1", "3")
        assert claims["cheaper"].weight == 1  # "3" no longer sets a weight
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        assert app.screen.query_one("#keys", Static).display
        console.print(app.screen.table)
        text = console.export_text()
        for binding_id in KNOWN_IDS:
            assert binding_id in text
        assert re.search(r"f3\s+Weight 3\s+weight-3", text)
        assert "g g" in text and "z 1…9" in text
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)
        # a theme chosen in the app is remembered, comments in the file kept
        await pilot.press("ctrl+t", *"gruvbox")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "gruvbox"
    text = (_private_settings / "config.toml").read_text()
    assert "# my settings" in text and load_config(_private_settings / "config.toml").theme == (
        "gruvbox"
    )


async def test_copy_claim_text_and_id(open_sample) -> None:
    app = open_sample()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("j", "y")
        assert app.clipboard == "A tram costs less to run than buses over 30 years."
        await pilot.press("Y")
        assert app.clipboard == "cheaper"


async def test_no_color_is_respected(open_sample, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = open_sample()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    colours = set(re.findall(r"fill: #([0-9a-f]{6})", svg))
    assert colours
    for colour in colours:  # greys only (the export's own default text is c5c8c6)
        channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
        assert max(channels) - min(channels) <= 8, colour


def test_a_broken_config_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [\n")
    config = load_config(path)
    assert config.theme is None and "settings ignored" in config.problems[0]
    path.write_text('theme = 3\n[keys]\nsave = ""\nundo = ["u", "ctrl+z"]\n')
    config = load_config(path)
    assert config.keys == {"undo": "u,ctrl+z"} and len(config.problems) == 2
