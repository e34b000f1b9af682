"""``diff_maps`` on big maps compares claims as models, walks trees only to order two or more
changes and scores the new side only when a score can differ: it says exactly what the
straightforward diff says (both maps as data, both trees walked, both sides scored)."""

from __future__ import annotations

import contextlib
import copy
from datetime import timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.diff import (
    MapDiff,
    VerdictMove,
    _changed,
    _data,
    _entry_diffs,
    _flat_perspectives,
    _in_walk_order,
    _value_changes,
    _whole,
    claim_data,
    diff_maps,
    same_claim,
)
from debate.display import one_line
from debate.errors import DebateError
from debate.model import ArgumentMap, Claim
from debate.scoring import score
from tests.strategies import argument_maps, edit_for


def straightforward_diff(old: ArgumentMap, new: ArgumentMap) -> MapDiff:
    """The diff as first written: every claim as data, both trees walked, every side scored."""
    old_data, new_data = _data(old), _data(new)
    result = MapDiff()
    result.map = _value_changes(old_data.get("map", {}), new_data.get("map", {}))
    old_claims, new_claims = old_data.get("claims", {}), new_data.get("claims", {})
    for claim_id, _ in new.tree().walk():
        after, before = new_claims[claim_id], old_claims.get(claim_id)
        if before is None:
            result.claims.append(_whole(claim_id, "added", after))
        elif before != after:
            result.claims.append(_changed(claim_id, before, after))
    for claim_id, _ in old.tree().walk():
        if claim_id not in new_claims:
            result.claims.append(_whole(claim_id, "removed", old_claims[claim_id]))
    result.sources = _entry_diffs(old_data.get("sources", {}), new_data.get("sources", {}))
    result.perspectives = _entry_diffs(_flat_perspectives(old_data), _flat_perspectives(new_data))
    old_tree, new_tree = old.tree(), new.tree()
    roots = [*new_tree.roots, *(root for root in old_tree.roots if root not in new.claims)]
    views: list[str | None] = [None, *(p for p in new.perspectives if p in old.perspectives)]
    for view in views:
        old_scores = score(old, perspective=view) if old.claims else {}
        new_scores = score(new, perspective=view) if new.claims else {}
        for root in roots:
            claim = new.claims.get(root) or old.claims[root]
            move = VerdictMove(
                root,
                one_line(claim.text),
                view,
                old_scores.get(root) if root in old_tree.roots else None,
                new_scores.get(root) if root in new_tree.roots else None,
            )
            if view is None or move.moved:
                result.verdicts.append(move)
    return result


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[ArgumentMap, ArgumentMap]:
    """A map and a copy of it after a few edits; a note's time sometimes written in another
    zone (the same instant, written differently)."""
    old = draw(argument_maps(max_claims=8))
    new = copy.deepcopy(old)
    for _ in range(draw(st.integers(0, 3))):
        if not new.claims:
            break
        with contextlib.suppress(DebateError, ValueError):  # refused, as a user's might be
            draw(edit_for(new)).apply(new)
    if draw(st.booleans()):
        for claim in new.claims.values():
            for note in claim.notes:
                if note.at is not None and hasattr(note.at, "astimezone"):
                    note.at = note.at.astimezone(timezone(timedelta(hours=2)))
                    break
    return old, new


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(edited_pairs())
def test_the_quick_diff_says_what_the_straightforward_one_says(
    pair: tuple[ArgumentMap, ArgumentMap],
) -> None:
    old, new = pair
    for before, after in ((old, new), (new, old), (old, old)):
        assert diff_maps(before, after).to_json() == straightforward_diff(before, after).to_json()


@settings(max_examples=100, deadline=None, derandomize=True)
@given(edited_pairs())
def test_claims_compare_as_their_data_does(pair: tuple[ArgumentMap, ArgumentMap]) -> None:
    old, new = pair
    data = _data(new)
    for claim_id, claim in new.claims.items():
        assert claim_data(claim) == data["claims"][claim_id]
        if claim_id in old.claims:
            before = old.claims[claim_id]
            assert same_claim(before, claim) == (claim_data(before) == claim_data(claim))


def test_one_change_is_placed_as_a_walk_would_place_it() -> None:
    """A claim on a parent cycle is met by no walk: not listed, as the walk would not."""
    claims = {
        "r": Claim(text="R"),
        "a": Claim(text="A", parent="r", stance="pro"),
        "x": Claim(text="X", parent="y", stance="pro"),
        "y": Claim(text="Y", parent="x", stance="con"),
    }
    argmap = ArgumentMap(claims=claims)
    walked = [claim_id for claim_id, _ in argmap.tree().walk()]
    for claim_id in claims:
        assert _in_walk_order(argmap, [claim_id]) == [c for c in walked if c == claim_id]
    assert _in_walk_order(argmap, ["a", "x", "r"]) == ["r", "a"]
