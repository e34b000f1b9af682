"""A verdict's number never reads as the other side of the word beside it: the app's header,
``debate crux``, the crux view and the reports all write it by one rule."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.formats import ExportOptions, export_map
from debate.scoring.crux_words import verdict_line
from debate.scoring.verdict import (
    holds,
    side,
    threshold_text,
    verdict_number,
    verdict_word,
)
from tests.scoring_maps import tree

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def reads_as_holding(shown: str) -> bool:
    """What a reader takes from the number: ``<t`` below, ``≥t`` at or above, else its value
    against the threshold."""
    return not shown.startswith("<")


@settings(max_examples=500, derandomize=True)
@given(strength=unit, threshold=unit, decimals=st.integers(min_value=1, max_value=4))
def test_the_number_shown_is_always_on_the_side_the_word_says(
    strength: float, threshold: float, decimals: int
) -> None:
    shown = verdict_number(strength, threshold, decimals)
    if shown[0] in "<≥":
        assert reads_as_holding(shown) == holds(strength, threshold)
        assert float(shown[1:]) == threshold  # against the threshold itself, never rounded
    else:
        assert holds(float(shown), threshold) == holds(strength, threshold)
        assert shown == f"{strength:.{decimals}f}"  # away from the line: the usual rounding


def test_a_strength_rounding_up_onto_the_threshold_says_it_is_below() -> None:
    assert verdict_number(0.497) == "<0.50"
    assert verdict_number(0.497, decimals=3) == "0.497"
    assert verdict_number(0.4996, decimals=3) == "<0.500"
    assert verdict_number(0.5) == "0.50"  # holds: at the threshold
    assert verdict_number(0.503) == "0.50"  # holds, and 0.50 reads as holding
    assert verdict_number(0.47) == "0.47"
    assert verdict_number(0.3334, 0.333) == "≥0.333"  # two decimals would say 0.33 < 0.333
    assert threshold_text(0.5) == "0.50" and threshold_text(0.333) == "0.333"


def test_the_word_agrees_with_the_side() -> None:
    assert verdict_word(0.497) == "toss-up" and side(0.497) == "does not hold"
    assert [verdict_word(s) for s in (0.1, 0.3, 0.6, 0.9)] == ["no", "leans no", "leans yes", "yes"]
    # a high threshold: 0.77 is under it, so not "yes" however high it is on the scale
    assert verdict_word(0.77, 0.8) == "leans no" and side(0.77, 0.8) == "does not hold"
    for strength in (0.0, 0.2, 0.45, 0.55, 0.8, 1.0):
        word = verdict_word(strength)
        assert ("yes" in word) == holds(strength) and ("no" in word) != holds(strength)


def test_crux_words_and_the_reports_write_a_close_verdict_on_its_side() -> None:
    assert verdict_line(0.4996, 0.5, 0.5) == "verdict <0.500: does not hold at 0.50 (base 0.50)"
    assert verdict_line(0.3334, 0.333, 0.3) == "verdict 0.333: holds at 0.333 (base 0.30)"
    argmap = tree(("r", None, None, None, 0.4996))  # no children: the verdict is its credence
    markdown = export_map(argmap, "markdown", ExportOptions())
    assert isinstance(markdown, str)
    assert "Verdict **\\<0.500**: does not hold." in markdown
    html = export_map(argmap, "html", ExportOptions())
    assert isinstance(html, str)
    assert "Verdict <strong>&lt;0.500</strong>: does not hold." in html
