"""`debate map.argdown`: another tool's file opens converted, and saves as TOML beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from debate.commands.open import load_for_app
from debate.errors import MapError
from debate.store import load_map
from debate.tui.app import DebateApp
from debate.tui.screens.modals import ChoiceModal

from ..conftest import ROOT

pytestmark = pytest.mark.anyio
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "features.argdown"


def test_importable_files_load_with_a_notice(tmp_path: Path) -> None:
    source = tmp_path / "tram.argdown"
    shutil.copy(FIXTURE, source)
    loaded, notice = load_for_app(source)
    assert loaded.path == source and loaded.text == ""
    assert "Three times as many people per driver".lower() in " ".join(
        claim.text.lower() for claim in loaded.argmap.claims.values()
    )
    assert notice is not None and notice.startswith("Imported from argdown")
    assert "ctrl+s saves it as tram.toml" in notice
    toml_map, none = load_for_app(ROOT / "arguments.toml")
    assert none is None and toml_map.text


def test_a_broken_import_is_a_located_error(tmp_path: Path) -> None:
    source = tmp_path / "broken.aif.json"
    source.write_text('{"nodes": [')
    with pytest.raises(MapError) as caught:
        load_for_app(source)
    assert all(problem.line >= 1 for problem in caught.value.problems)


async def test_ctrl_s_saves_the_import_as_toml_and_never_over_a_file(tmp_path: Path) -> None:
    source = tmp_path / "tram.argdown"
    shutil.copy(FIXTURE, source)
    loaded, notice = load_for_app(source)
    app = DebateApp(loaded, notice=notice, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("Imported from argdown" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = tmp_path / "tram.toml"
        assert load_map(target).argmap == app.session.argmap
        assert source.read_text() == FIXTURE.read_text()  # the original is untouched

    (tmp_path / "tram.toml").write_text("# someone's own file\n")
    loaded, notice = load_for_app(source)
    app = DebateApp(loaded, notice=notice, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal) or "already exists" in " ".join(
            str(n.message) for n in app._notifications
        )
        assert (tmp_path / "tram.toml").read_text() == "# someone's own file\n"
