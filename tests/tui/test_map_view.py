"""The map view (M): boxes and arrows around the current claim, walked and weighed by key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from debate.store import load_map
from debate.tui.app import DebateApp
from debate.tui.keys import HELP, PALETTE, key_table
from tests.conftest import DEFAULT_MAP
from tests.tui.conftest import detail

pytestmark = pytest.mark.anyio


def map_view(app):
    return app.screen.argument_map


def map_text(app) -> str:
    """The map's characters as a user reads them."""
    canvas = map_view(app)._canvas
    assert canvas is not None
    return canvas.text()


def top_border(app, claim_id: str) -> str:
    view = map_view(app)
    box = view.map_layout.boxes[claim_id]
    return "".join(view._canvas.chars[box.y][box.x : box.right + 1])


def shown_strength(value: float) -> str:
    text = f"{value:.2f}"
    return text[1:] if text[0] == "0" else text[:3]


def screen_lines(app) -> list[str]:
    """What the map widget paints, line by line (what reaches the terminal)."""
    view = map_view(app)
    return [view.render_line(y).text for y in range(view.size.height)]


async def open_map(pilot):
    """Press M once the app has settled; the map widget."""
    await pilot.pause()
    await pilot.press("M")
    await pilot.pause()
    return map_view(pilot.app)


@pytest.fixture
def default_app(tmp_path: Path) -> DebateApp:
    path = tmp_path / "arguments.toml"
    shutil.copyfile(DEFAULT_MAP, path)
    return DebateApp(load_map(path), watch=False, journal=False)


async def test_one_key_shows_the_moat_tree_then_walk_it_and_weigh_a_claim(default_app) -> None:
    app = default_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        session = screen.session
        await pilot.press(*"jjjjjj")  # the outline: root 1, its five children, root 2
        assert screen.claim_tree.cursor_id == "moat-shift"
        await pilot.press("M")
        await pilot.pause()
        view = map_view(app)
        assert screen.map_shown and view.has_focus
        assert not screen.claim_tree.display  # the map takes the outline's place
        assert view.centre == view.selected == "moat-shift"
        layout = view.map_layout
        assert layout.rows[1] == session.tree.children["moat-shift"]
        assert len(layout.rows) == 3  # grandchildren fit at 80x24
        assert "The technical moat in AI is shifting" in map_text(app)
        assert layout.width <= view.size.width and layout.height <= view.size.height

        # walk: down to a child, left to the first, right, up to the parent
        await pilot.press("j")
        assert view.selected in session.tree.children["moat-shift"]
        await pilot.press("h", "h", "h", "h")
        assert view.selected == "ideas-spread"
        assert screen.claim_tree.cursor_id == "ideas-spread"  # the current claim follows
        assert "Algorithmic breakthroughs" in detail(app)
        await pilot.press("l")
        assert view.selected == "engineering-not-secrets"
        await pilot.press("down")
        assert view.selected == "scale-needs-compute"
        await pilot.press("up", "up")
        assert view.selected == "moat-shift"
        await pilot.press("j", "left", "left", "left", "left")
        assert view.selected == "ideas-spread"

        # weigh it: the box, its parent's strength and the outline all change at once
        before = session.scorer.strength("moat-shift")
        assert top_border(app, "ideas-spread").startswith("┌+3 ")
        await pilot.press("1")
        assert session.argmap.claims["ideas-spread"].weight == 1
        after = session.scorer.strength("moat-shift")
        assert after < before
        assert top_border(app, "ideas-spread").startswith("┌+1 ")
        assert f"● {shown_strength(after)}" in top_border(app, "moat-shift")
        assert any(f"● {shown_strength(after)}" in line for line in screen_lines(app))
        await pilot.press("plus", "s")
        assert session.argmap.claims["ideas-spread"].credence == pytest.approx(0.85)
        assert session.argmap.claims["ideas-spread"].stance == "con"
        assert top_border(app, "ideas-spread").startswith("┌-1 ")
        await pilot.press("u", "u", "u")
        assert session.argmap.claims["ideas-spread"].weight == 3
        assert top_border(app, "ideas-spread").startswith("┌+3 ")

        # back to the outline, on the claim selected in the map
        await pilot.press("M")
        await pilot.pause()
        assert not screen.map_shown and screen.claim_tree.has_focus
        assert screen.claim_tree.cursor_id == "ideas-spread"


async def test_enter_recentres_and_the_edges_of_the_map_recentre_by_themselves(
    open_sample,
) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        assert view.centre == "tram"
        await pilot.press("j", "h", "h")
        assert view.selected == "cheaper"
        await pilot.press("enter")
        assert view.centre == "cheaper"
        assert view.map_layout.rows[0] == ["tram"]  # its parent above
        await pilot.press("j")
        assert view.selected == "cost-overrun"
        await pilot.press("enter", "k", "k")  # tram is not drawn above cost-overrun's parent
        assert view.selected == "tram" and view.centre == "tram"
        # siblings past the end of a row: the roots, one after the other
        await pilot.press("l")
        assert view.selected == "second-root" and view.centre == "second-root"
        await pilot.press("h")
        assert view.selected == "tram"


async def test_zoom_shows_levels_as_space_permits(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        assert [len(row) for row in view.map_layout.rows] == [1, 3, 1]
        await pilot.press("less_than_sign")
        assert view.levels == 1 and len(view.map_layout.rows) == 2
        await pilot.press("less_than_sign")
        assert view.levels == 1  # one level is the least
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert view.levels == 3 and len(view.map_layout.rows) == 3  # the tree is no deeper


async def test_see_also_links_and_user_text_in_the_map(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        # cost-overrun (a grandchild) links to disruption (a child): both drawn, so dashed
        links = [route for route in view.map_layout.routes if route.kind == "link"]
        assert [(route.source, route.target) for route in links] == [("cost-overrun", "disruption")]
        assert "┄" in map_text(app)
        painted = "\n".join(screen_lines(app))
        assert "[bold]x[/]" in painted and "\\x1b[31mred" in painted
        assert "\x1b" not in painted


async def test_the_current_claim_is_shared_with_search_and_edits(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        session = app.screen.session
        await pilot.press("slash", *"rails", "enter")
        await pilot.pause()
        assert view.selected == "bus-cheap" and view.has_focus
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Check [b]this[/b]", "ctrl+s")
        await pilot.pause()
        assert session.argmap.claims["bus-cheap"].notes[-1].text == "Check [b]this[/b]"
        assert "✎" in "".join(view._canvas.chars[view.map_layout.boxes["bus-cheap"].bottom])
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("p")  # pro
        await pilot.pause()
        await pilot.press(*"Rails last longer", "enter")
        await pilot.pause()
        new = app.screen.claim_tree.cursor_id
        assert new not in ("bus-cheap", None)
        assert session.argmap.claims[new].parent == "bus-cheap"
        assert view.selected == new and new in view.map_layout.boxes
        assert "Rails last longer" in map_text(app)


async def test_the_key_is_in_help_and_the_palette() -> None:
    assert "toggle-map" in PALETTE
    assert any(info.binding_id == "toggle-map" and info.keys == "M" for info in key_table({}))
    assert HELP["map-centre"].startswith("Map:")


async def test_a_click_selects_a_box_and_a_double_click_centres_it(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_map(pilot)
        box = view.map_layout.boxes["disruption"]
        offset = (box.x + view._indent() + 2, box.y + 1)
        await pilot.click("#map", offset=offset)
        await pilot.pause()
        assert view.selected == "disruption" and view.centre == "tram"
        assert app.screen.claim_tree.cursor_id == "disruption"
        await pilot.click("#map", offset=offset, times=2)
        await pilot.pause()
        assert view.centre == "disruption"
