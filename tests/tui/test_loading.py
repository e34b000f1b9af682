"""Opening a big map: the loading screen is painted first, then the file is parsed in pieces
in a thread, and the screen says how much has been read while the app stays live."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import anyio
import pytest
from textual.widgets import Label

from debate.tui.app import DebateApp
from tests.tui.conftest import burst, typed, until_map_shown

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


def helped_map(claims: int) -> str:
    """A map with a comment to keep, notes with dates, and non-ASCII text."""
    out = ["# kept: a comment above the map\n", '[map]\ntitle = "Helped"\n\n']
    for index in range(claims):
        out.append(f'[claims.c{index}]\ntext = "Claim {index} — é"\n')
        if index:
            out.append(f'parent = "c{(index - 1) // 4}"\nstance = "pro"\nweight = 1\n')
        if index % 9 == 0:
            out.append(f'\n[[claims.c{index}.notes]]\ntext = "n"\nat = 2026-01-02T03:04:05Z\n')
        out.append("\n")
    return "".join(out)


async def test_a_map_read_from_both_ends_opens_and_takes_keys_like_any_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helped: list[dict]
) -> None:
    """A big map's pieces are parsed by this process and a helper process at once (here
    the thresholds are lowered, and this process parses slowly, so a small map takes that
    path): the app shows the map a whole read gives, and moving, weighing, searching and
    saving work on it, the save touching only what changed."""
    import debate.toml_pieces as pieces
    from debate.store import load_map, parse_map

    monkeypatch.setattr(pieces, "PIECE", 400)
    text = helped_map(120)
    path = tmp_path / "helped.toml"
    path.write_text(text, encoding="utf-8")
    app = DebateApp(None, path=path, watch=False, journal=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until_map_shown(pilot)
        assert helped  # the helper parsed some of the pieces
        session = app.screen.session  # type: ignore[attr-defined]
        whole = parse_map(text).argmap
        assert session.argmap == whole and list(session.argmap.claims) == list(whole.claims)
        tree = app.screen.claim_tree  # type: ignore[attr-defined]
        await pilot.press("j", "3")  # the first child of the first root: weight 3
        assert tree.cursor_id == "c1" and session.argmap.claims["c1"].weight == 3
        await burst(pilot, "/", *typed("Claim 117⏎"))
        assert tree.cursor_id == "c117"
        await pilot.press("escape", "0", "ctrl+s")
        await pilot.pause()
        assert not session.dirty
    saved = path.read_text(encoding="utf-8")
    changed = [
        (old, new)
        for old, new in zip(text.splitlines(), saved.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [("weight = 1", "weight = 3"), ("weight = 1", "weight = 0")]
    claims = load_map(path).argmap.claims
    assert (claims["c1"].weight, claims["c117"].weight, claims["c2"].weight) == (3, 0, 1)


async def test_quitting_while_a_map_is_read_stops_the_reading(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``q`` on the loading screen: the reading thread stops at the next piece, rather than
    read (and check, and score) the rest of the file before the process can end."""
    import debate.toml_pieces
    import debate.tui.app as app_module

    monkeypatch.setattr(debate.toml_pieces, "PIECE", 200)  # the sample map in several pieces
    release = threading.Event()
    parsed: list[str] = []
    real_parse = debate.toml_pieces._parse_one

    def parse(text: str) -> dict | None:
        parsed.append(text)
        if len(parsed) == 2:
            release.wait(10)
        return real_parse(text)

    monkeypatch.setattr(debate.toml_pieces, "_parse_one", parse)
    ended: list[BaseException | None] = []
    real_open = app_module.open_map

    def open_map(*args: object, **options: object) -> object:
        try:
            return real_open(*args, **options)  # type: ignore[arg-type]
        except BaseException as error:
            ended.append(error)
            raise

    monkeypatch.setattr(app_module, "open_map", open_map)
    app = DebateApp(None, path=sample, watch=False, journal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if len(parsed) == 2:
                break
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    release.set()
    for _ in range(100):
        if ended:
            break
        await anyio.sleep(0.02)
    assert type(ended[0]).__name__ == "_Closed"
    assert len(parsed) == 2  # no piece after the one being parsed
