"""Every built-in theme keeps the tree's path numbers, guides and markers readable: WCAG AA
(4.5:1) between each painted character and the background it is painted on."""

from __future__ import annotations

import re

import pytest
from rich.color import Color

pytestmark = pytest.mark.anyio

AA = 4.5


def wcag_ratio(one: Color, other: Color) -> float:
    """The WCAG 2 contrast ratio (the test's own oracle, not the app's code)."""
    levels = []
    for color in (one, other):
        red, green, blue = color.get_truecolor()
        linear = [
            (v / 255) / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4
            for v in (red, green, blue)
        ]
        levels.append(0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2])
    return (max(levels) + 0.05) / (min(levels) + 0.05)


MARKERS = set("✎#§↗")
GUIDES = set("│├└╴▾▸")
NUMBER = re.compile(r"^\d+(\.\d+)*(…[\d.]+)? $")


def painted(app) -> list[tuple[str, str, float]]:
    """(what, text, contrast) for every number, guide and marker on the tree's rows."""
    tree = app.map_screen.claim_tree
    found = []
    for row in range(len(tree.ids)):
        if row == tree.cursor:
            continue
        for segment in tree._render_row(row, 100, tree.rich_style, False):
            text, style = segment.text, segment.style
            if style is None or not text.strip():
                continue
            if set(text) <= MARKERS | {" "}:
                what = "marker"
            elif set(text) <= GUIDES | {" "}:
                what = "guides"
            elif NUMBER.match(text):
                what = "number"
            else:
                continue
            assert style.color is not None and style.bgcolor is not None, (what, text)
            ratio = wcag_ratio(style.color, style.bgcolor)
            found.append((what, text, ratio))
    return found


async def test_numbers_guides_and_markers_meet_wcag_aa_in_every_theme(open_sample) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        themes = sorted(name for name in app.available_themes if not name.startswith("ansi"))
        assert {"textual-dark", "textual-light", "nord", "solarized-light"} <= set(themes)
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            found = painted(app)
            assert {what for what, _, _ in found} == {"marker", "guides", "number"}, theme
            low = [(what, text, round(ratio, 2)) for what, text, ratio in found if ratio < AA]
            assert not low, (theme, low)


def text_contrast(app, claim_id: str) -> float:
    """How strongly the claim's text stands out from the background on its row."""
    tree = app.map_screen.claim_tree
    row = tree.ids.index(claim_id)
    text = app.map_screen.session.argmap.claims[claim_id].text[:12]
    for segment in tree._render_row(row, 120, tree.rich_style, False):
        if text in segment.text and segment.style is not None:
            return wcag_ratio(segment.style.color, segment.style.bgcolor)
    raise AssertionError(f"no segment with {text!r}")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_highlight_dims_the_rows_that_do_not_match(open_sample, theme: str) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.theme = theme
        await pilot.press("G", "b", *"Residents", "enter")  # highlight: Residents' claims
        await pilot.pause()
        assert app.map_screen.claim_tree.filter.only is False
        matching = text_contrast(app, "disruption")
        other = text_contrast(app, "markup")  # nobody's
        assert matching >= AA
        assert other < matching / 1.5  # visibly dimmer
