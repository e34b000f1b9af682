"""Nothing typed is thrown away: dialogs check before they close, and keys typed fast (or
pasted) land where focus went, never on the map screen as commands."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, OptionList, Static

from debate.store import map_to_data
from debate.tui.screens.modals import FormModal, TextModal
from tests.tui.conftest import burst, typed

pytestmark = pytest.mark.anyio


def state(app) -> str:
    argmap = app.map_screen.session.argmap
    return json.dumps([map_to_data(argmap), list(argmap.claims)], sort_keys=True, default=str)


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_bad_source_id_keeps_the_form_open_with_the_reason(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = state(app)
        await pilot.press("j", "c", *"new", "enter")  # "+ new source…"
        await burst(pilot, *typed("bad id:/x⏎T⏎⏎"))
        form = app.screen
        assert isinstance(form, FormModal)
        field = form.query_one("#field-id", Input)
        assert field.has_focus
        assert field.value == "bad id:/xT"  # enter did not leave the field: T landed in it
        error = str(form.query_one("#error-id", Static).render())
        assert "not an id" in error and "bad-id-xt" in error
        assert state(app) == before
        # fixed, the same typing goes through: id, title, url, then the quote's form
        await pilot.press("ctrl+u")
        await burst(pilot, *typed("blog⏎Blog⏎⏎so⏎p4⏎"))
        argmap = app.map_screen.session.argmap
        assert argmap.sources["blog"].title == "Blog"
        citation = argmap.claims["cheaper"].citations[-1]
        assert (citation.source, citation.quote, citation.locator) == ("blog", "so", "p4")


async def test_a_taken_source_id_suggests_a_free_one(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"new", "enter", *"report", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormModal)
        error = str(form.query_one("#error-id", Static).render())
        assert "already a source" in error and "report-2" in error
        await pilot.press("escape", "escape")


def picker_rows(app) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one("#choices", OptionList).options]


def form_values(app) -> list[str]:
    assert isinstance(app.screen, FormModal)
    return [field.value for field in app.screen.query(Input)]


async def test_escape_on_the_quote_keeps_the_new_source_typed_for_the_next_cite(
    open_sample,
) -> None:
    app = open_sample()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = state(app)
        await pilot.press("j", "c", *"new", "enter")
        await burst(pilot, *typed("blog⏎A blog post⏎https://blog.example⏎half a quote"))
        assert "Cite for" in str(app.screen.dialog_title)  # the quote's form hides the source's
        await pilot.press("escape")
        assert app.screen is app.map_screen and state(app) == before  # nothing cited or added
        assert any("blog is kept" in notice for notice in notices(app))
        # the next cite, on another claim, offers the source as typed
        await pilot.press("j", "c")
        assert picker_rows(app)[-1].startswith("+ new source blog  A blog post  as typed before")
        await pilot.press(*"new", "enter")
        assert form_values(app) == ["blog", "A blog post", "https://blog.example"]
        await burst(pilot, *typed("⏎⏎⏎so⏎p4⏎"))
        argmap = app.map_screen.session.argmap
        assert (argmap.sources["blog"].title, argmap.sources["blog"].url) == (
            "A blog post",
            "https://blog.example",
        )
        citation = argmap.claims["disruption"].citations[-1]
        assert (citation.source, citation.quote, citation.locator) == ("blog", "so", "p4")
        # cited: the draft is used up, the row is a plain "+ new source…" again
        await pilot.press("c")
        assert picker_rows(app)[-1] == "+ new source…"
        await pilot.press("escape")


async def test_escape_on_the_source_form_keeps_it_and_empty_fields_drop_it(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"new", "enter")
        await burst(pilot, *typed("ft⏎FT article"), "escape")  # escape right after the typing
        assert app.screen is app.map_screen
        await pilot.press("c", *"new", "enter")
        assert form_values(app) == ["ft", "FT article", ""]
        assert "as typed before" in str(app.screen.dialog_title)
        # a draft whose id is taken by now is refused when saved, like any typed id
        await pilot.press("ctrl+u", *"report", "ctrl+s")
        assert "already a source" in str(app.screen.query_one("#error-id", Static).render())
        await pilot.press("ctrl+u", "tab", "end", "ctrl+u")  # empty the id and the title
        assert form_values(app) == ["", "", ""]
        await pilot.press("escape", "c")  # escape on empty fields: the draft is dropped
        assert picker_rows(app)[-1] == "+ new source…"
        await pilot.press("escape")


async def test_a_bad_perspective_name_keeps_the_dialog_and_nothing_leaks(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = state(app)
        await pilot.press("w", *"new", "enter")  # "+ new perspective…"
        await burst(pilot, *typed("my view⏎mine⏎"))
        dialog = app.screen
        assert isinstance(dialog, TextModal)
        assert dialog.value() == "my viewmine"  # the keys after enter stayed in the field
        assert "my-viewmine" in str(dialog.query_one("#error", Static).render())
        assert state(app) == before and app.map_screen.session.perspective is None
        assert not any("search" in notice for notice in notices(app))  # no `n` on the map
        await pilot.press("ctrl+u")
        await burst(pilot, *typed("my-view⏎"))
        assert app.map_screen.session.perspective == "my-view"
        assert app.screen is app.map_screen


async def test_an_empty_claim_text_is_refused_not_dropped(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", "p", "enter")
        assert isinstance(app.screen, TextModal)
        assert "cannot be empty" in str(app.screen.query_one("#error", Static).render())
        await burst(pilot, *typed("Trams are quiet⏎"))
        assert app.map_screen.claim_tree.cursor_id == "trams-are-quiet"


async def test_keys_typed_ahead_go_where_focus_went(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.map_screen.claim_tree
        assert tree.cursor_id == "tram"
        # cite: pick a source, the quote, the locator, then move down: all in one burst
        await burst(pilot, "c", *typed("report⏎sooner⏎p. 3⏎"), "j")
        citation = app.map_screen.session.argmap.claims["tram"].citations[-1]
        assert (citation.quote, citation.locator) == ("sooner", "p. 3")
        assert tree.cursor_id == "cheaper"  # `j` ran after the dialogs, on the map
        # search, then a key for the claim found
        await burst(pilot, "/", *typed("rails⏎"), "t")
        assert tree.search_text == "rails"
        assert isinstance(app.screen, TextModal)
        assert "2.1" in str(app.screen.dialog_title)  # the tags of the claim found
        await pilot.press("escape")
        # delete a leaf and go up, typed ahead of the question
        await burst(pilot, "d", "y", "k")
        assert "bus-cheap" not in app.map_screen.session.argmap.claims
        assert tree.cursor_id == "markup"


async def test_a_chord_with_a_non_digit_does_nothing_and_says_so(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.map_screen.claim_tree
        await pilot.press("z", "x")
        assert tree.cut_id is None  # `x` did not cut
        assert any("z x: nothing done" in notice for notice in notices(app))
        await burst(pilot, "z", "2", "j")
        assert "cost-overrun" in tree.ids  # level 2 is open
        assert tree.cursor_id == "cheaper"


CHOICES = [
    [
        ("replay", "r", "reload and re-apply my edits"),
        ("drop", "d", "reload and drop my edits"),
        ("keep", "k", "keep mine (saving will ask)"),
    ],
    [
        ("replay", "r", "reload it and re-apply my edits"),
        ("force", "o", "overwrite it with mine"),
        ("cancel", "c", "cancel"),
    ],
    [("save", "s", "save and quit"), ("discard", "d", "quit without saving"), ("c", "c", "cancel")],
]


@pytest.mark.parametrize("choices", CHOICES, ids=["changed", "conflict", "quit"])
@pytest.mark.parametrize("width", [60, 80])
async def test_every_answer_of_a_question_shows_in_full(open_sample, choices, width) -> None:
    from rich.cells import cell_len
    from textual.widgets import Button

    from debate.tui.screens.modals import Choice, ChoiceModal

    app = open_sample()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        app.push_screen(
            ChoiceModal("A question", "Some words.", [Choice(*choice) for choice in choices])
        )
        await pilot.pause()
        screen = app.screen.region
        for button in app.screen.query(Button):
            label = str(button.label)
            assert cell_len(label) <= button.content_region.width, label
            assert screen.contains_region(button.region), label
        await pilot.press(choices[-1][1])
        assert app.screen is app.map_screen


async def test_the_answer_typed_right_after_q_answers_the_quit_question(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "1")
        journal = app.session.journal.path
        assert journal.exists()
        await burst(pilot, "q", "d")  # quit, discard: `d` must not delete a claim first
    assert app.return_value == 0
    assert "cheaper" in app.session.argmap.claims
    assert not journal.exists()
