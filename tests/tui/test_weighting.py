"""Weighing: weights, credence and stance by key; perspectives and their overlays; compare."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from debate.scoring import Scorer
from debate.scoring.verdict import verdict_number, verdict_word
from tests.tui.conftest import rows

pytestmark = pytest.mark.anyio


def header(app) -> str:
    return str(app.screen.query_one("#header").render())


async def test_weight_credence_and_stance_keys_rescore_at_once(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = app.screen.session
        claims = session.argmap.claims
        rebuilds: list[int] = []
        original = session.scorer.rebuild
        session.scorer.rebuild = lambda: (rebuilds.append(1), original())[1]  # type: ignore[method-assign]
        before = session.scorer.strength("tram")
        await pilot.press("j", "0")  # cheaper: weight 3 -> 0, its parent loses its support
        assert claims["cheaper"].weight == 0
        after = session.scorer.strength("tram")
        assert after < before
        assert f"1 {verdict_word(after)} {verdict_number(after)}" in header(app)
        assert "unsaved (1)" in header(app)
        assert rebuilds == []  # only the claim's ancestors were recomputed
        row = next(r for r in rows(app) if "A tram costs less" in r)
        assert "+0" in row
        await pilot.press("4", "plus", "plus", "equals_sign")
        assert claims["cheaper"].weight == 4
        assert claims["cheaper"].credence == pytest.approx(0.85)
        await pilot.press("minus", "underscore")
        assert claims["cheaper"].credence == pytest.approx(0.75)
        # the app's strengths match a fresh scorer of the edited map
        assert session.scorer.strengths == pytest.approx(Scorer(session.argmap).strengths)
        await pilot.press("s")
        assert claims["cheaper"].stance == "con"
        assert session.scorer.strength("tram") == pytest.approx(
            Scorer(session.argmap).strength("tram")
        )
        await pilot.press("s", "s")
        assert claims["cheaper"].stance == "pro"
        # roots bear on nothing: no weight, no stance
        await pilot.press("k", "3", "s")
        assert claims["tram"].weight is None and claims["tram"].stance is None


async def test_a_perspectives_weights_and_credences_go_to_its_overlay(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = app.screen.session
        argmap = session.argmap
        await pilot.press("w", *"thrif", "enter")
        assert session.perspective == "thrifty"
        assert "thrifty" in header(app)
        assert "weights and credences go to its overlay" in header(app)
        assert session.scorer.weight("cheaper") == 4  # the overlay's weight shows
        await pilot.press("j", "j", "3", "plus")  # disruption, under thrifty
        assert argmap.perspectives["thrifty"].weight["disruption"] == 3
        assert argmap.perspectives["thrifty"].credence["disruption"] == pytest.approx(0.55)
        assert argmap.claims["disruption"].weight == 2  # the base map is untouched
        assert argmap.claims["disruption"].credence == 0.5
        # a stance is the argument's, not a perspective's: the key refuses and says why
        app.clear_notifications()
        await pilot.press("s")
        assert argmap.claims["disruption"].stance == "con"
        shown = [str(n.message) for n in app._notifications]
        assert any("not stances" in line and "base map (w)" in line for line in shown)
        assert session.history.unsaved == 2  # the weight and the credence, nothing more


async def test_a_new_perspective_from_the_picker_then_back_to_the_base_map(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = app.screen.session
        await pilot.press("w", *"new", "enter", *"sceptic", "enter")
        assert session.perspective == "sceptic" and "sceptic" in session.argmap.perspectives
        await pilot.press("w", "enter")  # first entry: the base map
        assert session.perspective is None and "base map" in header(app)


async def test_compare_shows_each_roots_verdict_under_every_perspective(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("W")
        await pilot.pause()
        table = app.screen.query_one("#verdicts", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[:2] == ["claim", "base ◂"] and "thrifty" in labels[2:]
        assert table.row_count == 2  # one row per root
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "MapScreen"


async def test_another_semantics_from_the_palette_rescores_the_map(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session = app.screen.session
        await pilot.press("ctrl+p", *"semantics euler")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert session.scorer.semantics == "euler" and "euler" in header(app)
        assert session.scorer.strengths == pytest.approx(Scorer(session.argmap, "euler").strengths)
