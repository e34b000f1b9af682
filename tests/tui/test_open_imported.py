"""`debate map.argdown`: another tool's file opens converted, and saves as TOML beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from debate.errors import MapError
from debate.opener import open_map
from debate.store import load_map
from debate.tui.app import DebateApp
from debate.tui.screens.modals import ChoiceModal

from ..conftest import ROOT

pytestmark = pytest.mark.anyio
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "features.argdown"


def test_importable_files_load_with_a_notice(tmp_path: Path) -> None:
    source = tmp_path / "tram.argdown"
    shutil.copy(FIXTURE, source)
    opened = open_map(source)
    loaded, notice = opened.loaded, opened.notice
    assert loaded.path == source and loaded.text == ""
    assert "Three times as many people per driver".lower() in " ".join(
        claim.text.lower() for claim in loaded.argmap.claims.values()
    )
    assert notice is not None and notice.startswith("Imported from argdown")
    assert "ctrl+s saves it as tram.toml" in notice
    toml_opened = open_map(ROOT / "arguments.toml")
    toml_map, none = toml_opened.loaded, toml_opened.notice
    assert none is None and toml_map.text


def test_a_broken_import_is_a_located_error(tmp_path: Path) -> None:
    source = tmp_path / "broken.aif.json"
    source.write_text('{"nodes": [')
    with pytest.raises(MapError) as caught:
        open_map(source)
    assert all(problem.line >= 1 for problem in caught.value.problems)


async def test_ctrl_s_saves_the_import_as_toml_and_never_over_a_file(tmp_path: Path) -> None:
    source = tmp_path / "tram.argdown"
    shutil.copy(FIXTURE, source)
    app = DebateApp(open_map(source), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("Imported from argdown" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = tmp_path / "tram.toml"
        assert load_map(target).argmap == app.session.argmap
        assert source.read_text() == FIXTURE.read_text()  # the original is untouched

    (tmp_path / "tram.toml").write_text("# someone's own file\n")
    app = DebateApp(open_map(source), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal) or "already exists" in " ".join(
            str(n.message) for n in app._notifications
        )
        assert (tmp_path / "tram.toml").read_text() == "# someone's own file\n"


OPML = ROOT / "tests" / "fixtures" / "import" / "outline.opml"


async def test_retry_on_a_fixed_import_reads_it_as_its_own_format(tmp_path: Path) -> None:
    """A broken .opml opens to the error screen; fixed on disk, `r` must import it again
    (it used to be re-read as TOML: "Still not loadable ... invalid TOML")."""
    from debate.tui.screens.errors import ErrorScreen
    from debate.tui.screens.main import MapScreen

    source = tmp_path / "talk.opml"
    source.write_text(OPML.read_text()[:200])
    with pytest.raises(MapError) as caught:
        open_map(source)
    app = DebateApp(None, path=source, problems=caught.value.problems, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        shutil.copy(OPML, source)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert app.session is not None
        assert app.session.argmap == open_map(OPML).loaded.argmap
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "Still not loadable" not in messages and "Imported from opml" in messages


async def test_editing_an_import_in_the_editor_reimports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`e` on an imported .opml, a change saved in the editor: on return the map is the
    re-imported file (it used to say "The file on disk has errors ... invalid TOML")."""
    import stat
    import sys

    source = tmp_path / "talk.opml"
    shutil.copy(OPML, source)
    editor = tmp_path / "editor.py"
    editor.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\npath = pathlib.Path(sys.argv[-1])\n"
        "path.write_text(path.read_text().replace('Grants cover half', 'Grants cover most'))\n"
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    app = DebateApp(open_map(source), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert app.session is not None
        texts = [claim.text for claim in app.session.argmap.claims.values()]
        assert "Grants cover most." in texts or any("Grants cover most" in t for t in texts)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "has errors" not in messages and "invalid TOML" not in messages
