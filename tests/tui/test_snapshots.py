"""What the screens look like, at 80×24 and 120×40 (review the SVGs when they change:
``pytest tests/tui/test_snapshots.py --snapshot-update``, then look at them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from debate.errors import MapError
from debate.paths import packaged_map_path
from debate.store import load_map
from debate.tui.app import DebateApp
from tests.tui.conftest import settle

SIZES = [(80, 24), (120, 40)]
BROKEN = '[claims.a]\ntext = "A"\n\n[claims.b]\nparent = "a"\nstance = "sideways"\ntext = "B"\nweight = 9\nlinks = ["nowhere"]\n'


@pytest.fixture
def fixed_places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Paths that show on screen must not depend on the temporary folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DEBATE_CONFIG_DIR", "/nonexistent/debate-config")
    return tmp_path


def sample_app(sample: Path) -> DebateApp:
    return DebateApp(load_map(sample.name), watch=False, journal=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(("j", "l", "j", "4"), id="main"),
        pytest.param(("question_mark",), id="help"),
        pytest.param(("j", "m", *"Check the [b]figures[/b]", "enter", "again"), id="note"),
        pytest.param(("W",), id="compare"),
        pytest.param(("M", "j", "h", "4"), id="map"),
        pytest.param(("j", "d"), id="question"),
        pytest.param(("X",), id="crux"),
        pytest.param(("X", "t"), id="trial"),
    ],
)
def test_screens(snap_compare, sample: Path, fixed_places: Path, keys, size) -> None:
    async def press_and_settle(pilot: Pilot) -> None:
        await settle(pilot)  # the crux facts on screen (they are worked out in workers)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()  # they expire by the clock: not the same in every run
        await pilot.pause()

    assert snap_compare(sample_app(sample), run_before=press_and_settle, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_error_screen(snap_compare, fixed_places: Path, size) -> None:
    path = Path("broken.toml")
    path.write_text(BROKEN)
    with pytest.raises(MapError) as caught:
        load_map(path)
    app = DebateApp(None, path=path, problems=caught.value.problems, watch=False)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_verdict_header(snap_compare, fixed_places: Path, size) -> None:
    """The shipped map: three roots, each verdict in words, the scale once."""
    app = DebateApp(load_map(packaged_map_path()), watch=False, journal=False)
    assert snap_compare(app, terminal_size=size, run_before=settle)  # with its fragile marks


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_light_theme(
    snap_compare, sample: Path, fixed_places: Path, monkeypatch: pytest.MonkeyPatch, size
) -> None:
    """A light theme: numbers, guides and markers readable, a cut claim marked. (The theme
    picked is saved in the settings: a folder of this test's own, not the shared one.)"""
    monkeypatch.setenv("DEBATE_CONFIG_DIR", str(fixed_places / "config"))

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("j", "x", "j")
        await settle(pilot)
        pilot.app.clear_notifications()  # their coming and going would depend on timing
        await pilot.pause()

    assert snap_compare(sample_app(sample), terminal_size=size, run_before=light)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_perspective_header(snap_compare, sample: Path, fixed_places: Path, size) -> None:
    """Weighing as a perspective: a header line says where weights and credences go.
    (Switched directly, not with w: the switch's notice would come and go with timing.)"""

    async def as_thrifty(pilot) -> None:
        screen = pilot.app.map_screen
        screen.session.set_perspective("thrifty")
        screen.repaint_values()
        await settle(pilot)

    assert snap_compare(sample_app(sample), terminal_size=size, run_before=as_thrifty)
