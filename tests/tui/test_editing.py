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


# Annotating, one feature a test (a failure in one does not hide the others); each ends by
# undoing every step back to the map it opened.


async def test_a_note_is_added_as_literal_text_removed_from_the_list_and_undone(
    open_sample,
) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        claims = app.screen.session.argmap.claims
        await pilot.press("j", "m", *"one", "enter", *"[/]", "ctrl+s")
        assert claims["cheaper"].notes[-1].text == "one\n[/]"
        assert "one\n[/]" in detail(app)
        await pilot.press("r", *"note", "enter")
        assert [n.text for n in claims["cheaper"].notes] == ["one\n[/]"]
        await pilot.press("u", "u")
        assert state(app) == original


async def test_tags_are_added_and_removed_as_comma_separated_text(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        claims = app.screen.session.argmap.claims
        await pilot.press("j", "t", *", fresh", "enter")
        assert claims["cheaper"].tags == ["cost", "fresh"]
        await pilot.press("t", "ctrl+u", *"#fresh", "enter")  # removing "cost"
        assert claims["cheaper"].tags == ["fresh"]
        await pilot.press("u", "u")
        assert state(app) == original


async def test_a_citation_with_quote_and_locator_is_added_and_removed(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        claims = app.screen.session.argmap.claims
        await pilot.press("j", "c", *"report", "enter", *"q", "enter", *"p4", "enter")
        assert [c.quote for c in claims["cheaper"].citations] == ["lower lifetime cost", "q"]
        assert claims["cheaper"].citations[1].locator == "p4"
        await pilot.press("r", *"citation report", "enter")
        assert [c.quote for c in claims["cheaper"].citations] == ["q"]
        await pilot.press("u", "u")
        assert state(app) == original


async def test_a_new_source_and_its_citation_are_one_undo_step(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        claims = app.screen.session.argmap.claims
        argmap = app.screen.session.argmap
        await pilot.press("j", "j", "c", *"new", "enter", *"blog", "enter", *"Blog", "enter")
        await pilot.press("enter", *"so", "enter", "enter")
        assert argmap.sources["blog"].title == "Blog"
        assert claims["disruption"].citations[0].source == "blog"
        await pilot.press("u")
        assert "blog" not in argmap.sources and claims["disruption"].cite is None
        assert state(app) == original
        await pilot.press("ctrl+r")
        assert "blog" in argmap.sources and claims["disruption"].citations[0].source == "blog"


async def test_a_see_also_link_is_added_shown_and_removed(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        claims = app.screen.session.argmap.claims
        await pilot.press("j", "j", "L", *"rails", "enter")
        assert claims["disruption"].links == ["bus-cheap"]
        assert "Buses need no rails" in detail(app)
        assert "unsaved (1)" in str(app.screen.query_one("#header").render())
        await pilot.press("r", *"link", "enter")
        assert claims["disruption"].links == []
        await pilot.press("u", "u")
        assert state(app) == original
        await pilot.press("u")  # nothing left: a notice, no change
        assert state(app) == original


async def test_add_a_child_and_a_sibling_reorder_them_and_edit_the_text(open_sample) -> None:
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
        while session.history.done:
            await pilot.press("u")
        assert state(app) == original
        await pilot.press("ctrl+y", "ctrl+y")
        assert new in claims and sibling in claims


async def test_a_cut_claim_is_marked_until_pasted_under_another_or_cancelled(
    open_sample,
) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        claims = app.screen.session.argmap.claims
        tree = app.screen.claim_tree

        def cut_rows() -> list[str]:
            painted = "✂" in app.export_screenshot()
            marked = [row for row in rows(app) if "✂" in row]
            assert painted == bool(marked)
            return marked

        await pilot.press("E")  # every claim shown
        tree.select("cost-overrun")
        await pilot.press("x")
        tree.select("disruption")
        await pilot.pause()
        assert [row.split("✂ ")[1] for row in cut_rows()] == [claims["cost-overrun"].text]
        await pilot.press("v")
        assert claims["cost-overrun"].parent == "disruption"
        assert tree.cursor_id == "cost-overrun"
        assert cut_rows() == []
        await pilot.press("x", "k", "escape")  # cancelled: no longer marked
        assert cut_rows() == []
        await pilot.press("u")
        assert state(app) == original


async def test_delete_one_claim_or_its_whole_subtree_or_cancel(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        original = state(app)
        session = app.screen.session
        claims = session.argmap.claims
        tree = app.screen.claim_tree
        tree.select("cheaper")
        await pilot.press("d", "y")  # its children move up
        assert "cheaper" not in claims and claims["cost-overrun"].parent == "tram"
        await pilot.press("u")
        assert claims["cost-overrun"].parent == "cheaper"
        await pilot.press("d", "s")
        assert "cheaper" not in claims and "cost-overrun" not in claims
        await pilot.press("d", "n")  # cancelled: nothing happens
        assert tree.cursor_id in claims
        while session.history.done:
            await pilot.press("u")
        assert state(app) == original


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
