"""Stepping between search matches: reading order, wrapping at both ends."""

from __future__ import annotations

from debate.tui.search import next_match

ORDER = ["a", "b", "c", "d", "e"]


def test_next_and_previous_match_wrap_around() -> None:
    matches = ["b", "d"]
    assert next_match(ORDER, matches, "a", 1) == "b"
    assert next_match(ORDER, matches, "b", 1) == "d"
    assert next_match(ORDER, matches, "d", 1) == "b"  # past the last: back to the first
    assert next_match(ORDER, matches, "c", -1) == "b"
    assert next_match(ORDER, matches, "b", -1) == "d"  # before the first: the last
    assert next_match(ORDER, matches, None, 1) == "b"  # no cursor: from the top


def test_a_fresh_search_may_stay_on_the_claim_at_the_cursor() -> None:
    assert next_match(ORDER, ["b", "d"], "b", 1, include_current=True) == "b"
    assert next_match(ORDER, ["b", "d"], "c", 1, include_current=True) == "d"
