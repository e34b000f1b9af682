"""Annotating and editing through the dialogs, with undo and redo of every step."""

from __future__ import annotations

import json

import pytest

from debate.store import map_to_data
from tests.tui.conftest import detail, rows

pytestmark = pytest.mark.anyio


def state(app) -> str:
    argmap = app.screen.session.argmap
    return json.dumps([map_to_data(argmap), list(argmap.claims)], sort_keys=True, default=str)


async def test_annotate_note_tags_cite_and_link(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        claims = app.screen.session.argmap.claims
        argmap = app.screen.session.argmap
        await pilot.press("j", "m", *"one", "enter", *"[/]", "ctrl+s")
        assert claims["cheaper"].notes[-1].text == "one\n[/]"
        assert "one\n[/]" in detail(app)
        await pilot.press("t", *", fresh", "enter")
        assert claims["cheaper"].tags == ["cost", "fresh"]
        await pilot.press("t", "ctrl+u", *"#fresh", "enter")  # removing "cost"
        assert claims["cheaper"].tags == ["fresh"]
        await pilot.press("c", *"report", "enter", *"q", "enter", *"p4", "enter")
        assert [c.quote for c in claims["cheaper"].citations] == ["lower lifetime cost", "q"]
        assert claims["cheaper"].citations[1].locator == "p4"
        # a new source, then its citation: one undo step
        await pilot.press("j", "c", *"new", "enter", *"blog", "enter", *"Blog", "enter")
        await pilot.press("enter", *"so", "enter", "enter")
        assert argmap.sources["blog"].title == "Blog"
        assert claims["disruption"].citations[0].source == "blog"
        await pilot.press("u")
        assert "blog" not in argmap.sources and claims["disruption"].cite is None
        await pilot.press("ctrl+r")
        assert "blog" in argmap.sources
        await pilot.press("L", *"rails", "enter")
        assert claims["disruption"].links == ["bus-cheap"]
        assert "Buses need no rails" in detail(app)
        assert "unsaved (6)" in str(app.screen.query_one("#header").render())
        # remove a link, a citation and a note, each picked from the claim's list
        await pilot.press("r", *"link", "enter")
        assert claims["disruption"].links == []
        await pilot.press("k", "r", *"citation report", "enter")
        assert [c.quote for c in claims["cheaper"].citations] == ["q"]
        await pilot.press("r", *"note", "enter")
        assert [n.text for n in claims["cheaper"].notes] == ["one\n[/]"]
        for _ in range(3):
            await pilot.press("u")
        for _ in range(6):
            await pilot.press("u")
        assert state(app) == original
        await pilot.press("u")  # nothing left: a notice, no change
        assert state(app) == original


async def test_add_edit_delete_move_and_reorder(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        session = app.screen.session
        claims = session.argmap.claims
        tree = app.screen.claim_tree
        await pilot.press("j", "a", "c", *"Upkeep costs", "enter")
        new = tree.cursor_id
        assert new == "upkeep-costs"
        assert claims[new].parent == "cheaper" and claims[new].stance == "con"
        await pilot.press("A", "p", *"Parts last", "enter")
        sibling = tree.cursor_id
        assert claims[sibling].parent == "cheaper" and claims[sibling].stance == "pro"
        assert session.tree.children["cheaper"] == ["cost-overrun", new, sibling]
        await pilot.press("K")
        assert session.tree.children["cheaper"] == ["cost-overrun", sibling, new]
        await pilot.press("J")
        assert session.tree.children["cheaper"] == ["cost-overrun", new, sibling]
        await pilot.press("i", "ctrl+u", *"P [x]", "enter")
        assert claims[sibling].text == "P [x]"
        assert any("P [x]" in row for row in rows(app))

        # cut a claim and paste it under another: marked in the tree until pasted
        def cut_rows() -> list[str]:
            painted = "✂" in app.export_screenshot()
            marked = [row for row in rows(app) if "✂" in row]
            assert painted == bool(marked)
            return marked

        await pilot.press("x")
        tree.select("disruption")
        assert [row.split("✂ ")[1] for row in cut_rows()] == ["P [x]"]
        await pilot.press("v")
        assert claims[sibling].parent == "disruption" and tree.cursor_id == sibling
        assert cut_rows() == []
        await pilot.press("x", "k", "escape")  # cancelled: no longer marked
        assert cut_rows() == []
        # delete a claim whose children move up, then a whole subtree
        tree.select("cheaper")
        await pilot.press("d", "y")
        assert "cheaper" not in claims and claims["cost-overrun"].parent == "tram"
        await pilot.press("u")
        assert claims["cost-overrun"].parent == "cheaper"
        await pilot.press("d", "s")
        assert "cheaper" not in claims and "cost-overrun" not in claims and new not in claims
        await pilot.press("d", "n")  # cancelled: nothing happens
        assert tree.cursor_id in claims
        while session.history.done:
            await pilot.press("u")
        assert state(app) == original
        await pilot.press("ctrl+y", "ctrl+y")
        assert new in claims and sibling in claims


async def test_deleting_a_root_says_its_children_become_roots_and_undo_reopens_it(
    open_sample,
) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.claim_tree
        before = list(tree.ids)
        assert tree.cursor_id == "tram" and "cheaper" in tree.ids  # open, children shown
        await pilot.press("d")
        message = str(app.screen.query_one("#dialog-message").render())
        assert "Its 3 children become roots" in message
        await pilot.press("y")
        roots = app.screen.session.tree.roots
        assert "tram" not in roots and {"cheaper", "disruption", "markup"} <= set(roots)
        await pilot.press("u")
        assert tree.ids == before  # back, and open as it was
        assert tree.cursor_id == "tram"


async def test_undo_and_redo_notices_show_the_value_now(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def last_notice() -> str:
            return str(list(app._notifications)[-1].message)

        await pilot.press("j", "plus", "plus")  # cheaper: credence 0.70 → 0.80
        await pilot.press("u")
        assert last_notice() == "Undid: credence of cheaper → 0.75"
        await pilot.press("u")
        assert last_notice() == "Undid: credence of cheaper → 0.70"
        await pilot.press("ctrl+r")
        assert last_notice() == "Redid: credence of cheaper → 0.75"
        await pilot.press("1", "u")
        assert last_notice() == "Undid: weight of cheaper → 3"
        await pilot.press("j", "w", *"thrif", "enter", "4", "u")  # disruption, overlay
        assert last_notice() == "Undid: weight of disruption in thrifty → 1"
        await pilot.press("j", "0", "u")  # markup: not in the overlay, back to the map's
        assert last_notice() == "Undid: weight of markup in thrifty → 2 (the map's)"
