"""A scorer made for another version of a map with the same tree (``for_values_of``, used by
``debate diff``) shares the index and gives every strength a fresh scorer gives."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.model import ArgumentMap
from debate.scoring import Scorer
from tests.strategies import argument_maps


@settings(max_examples=100, deadline=None, derandomize=True)
@given(argument_maps(max_claims=10), st.data())
def test_a_scorer_for_new_values_scores_as_a_fresh_one(argmap: ArgumentMap, data) -> None:
    new = copy.deepcopy(argmap)
    for claim in new.claims.values():
        if claim.parent is not None and data.draw(st.booleans()):
            claim.weight = data.draw(st.none() | st.integers(0, 4))
        if data.draw(st.booleans()):
            claim.credence = data.draw(st.none() | st.floats(0, 1, allow_nan=False))
    for perspective in new.perspectives.values():
        perspective.weight = {key: 4 - value for key, value in perspective.weight.items()}
    old_scorer = Scorer(argmap)
    before = dict(old_scorer.strengths)
    for view in [None, *new.perspectives]:
        reused = old_scorer.for_values_of(new, view)
        assert reused.strengths == Scorer(new, perspective=view).strengths
        assert reused.verdicts() == Scorer(new, perspective=view).verdicts()
    assert old_scorer.strengths == before  # the original is untouched
