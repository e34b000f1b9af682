"""Properties every semantics promises, checked with hypothesis on random trees.

Strength stays in [0, 1]; adding a supporter never lowers a claim and adding an attacker never
raises it (Amgoud & Ben-Naim's reinforcement / weakening principles); a claim without children
keeps its credence; an incremental refresh equals a full recompute; an explanation's
"without" equals scoring the map with that child (and its subtree) removed.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debate.model import ArgumentMap, Claim
from debate.scoring import SEMANTICS, Scorer
from tests.scoring_maps import Row, tree

semantics_names = st.sampled_from(sorted(SEMANTICS))
credences = st.floats(0.0, 1.0, allow_nan=False)
weights = st.integers(0, 4)
TOLERANCE = 1e-12  # rounding only; the formulas are monotone


@st.composite
def maps(draw: st.DrawFn, max_claims: int = 14) -> ArgumentMap:
    """A forest: each claim after the first hangs from an earlier one (or is a new root)."""
    count = draw(st.integers(1, max_claims))
    rows: list[Row] = [("c0", None, None, None, draw(credences))]
    for i in range(1, count):
        parent = draw(st.integers(-1, i - 1))
        if parent < 0:
            rows.append((f"c{i}", None, None, None, draw(credences)))
            continue
        stance = draw(st.sampled_from(["pro", "con", "part"]))
        rows.append((f"c{i}", f"c{parent}", stance, draw(weights), draw(credences)))
    return tree(*rows)


def with_child(argmap: ArgumentMap, parent: str, stance: str, weight: int, credence: float):
    claims = dict(argmap.claims)
    claims["new"] = Claim(
        text="new",
        parent=parent,
        stance=stance,
        weight=weight,
        credence=credence,  # type: ignore[arg-type]
    )
    return ArgumentMap(claims=claims)


@settings(max_examples=60, deadline=None)
@given(maps(), semantics_names)
def test_strength_stays_in_unit_interval(argmap: ArgumentMap, semantics: str) -> None:
    for value in Scorer(argmap, semantics).strengths.values():
        assert 0.0 <= value <= 1.0


@settings(max_examples=60, deadline=None)
@given(maps(), semantics_names, st.data())
def test_adding_a_supporter_never_lowers_and_an_attacker_never_raises(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from(list(argmap.claims)))
    weight, credence = data.draw(weights), data.draw(credences)
    before = Scorer(argmap, semantics).strength(target)
    supported = Scorer(with_child(argmap, target, "pro", weight, credence), semantics)
    attacked = Scorer(with_child(argmap, target, "con", weight, credence), semantics)
    assert supported.strength(target) >= before - TOLERANCE
    assert attacked.strength(target) <= before + TOLERANCE


@settings(max_examples=60, deadline=None)
@given(maps(), semantics_names)
def test_a_claim_without_children_keeps_its_credence(argmap: ArgumentMap, semantics: str) -> None:
    scorer = Scorer(argmap, semantics)
    tree_index = argmap.tree()
    for claim_id, children in tree_index.children.items():
        if not children:
            assert scorer.strength(claim_id) == scorer.credence(claim_id)


@settings(max_examples=60, deadline=None)
@given(maps(), semantics_names, st.data())
def test_refresh_after_edits_equals_a_full_recompute(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    scorer = Scorer(argmap, semantics)
    for _ in range(data.draw(st.integers(1, 4))):
        claim_id = data.draw(st.sampled_from(list(argmap.claims)))
        claim = argmap.claims[claim_id]
        if data.draw(st.booleans()):
            claim.credence = data.draw(credences)
        elif claim.parent is not None:
            claim.weight = data.draw(weights)
        before = dict(scorer.strengths)
        changed = scorer.refresh(claim_id)
        fresh = Scorer(argmap, semantics).strengths
        assert scorer.strengths == fresh
        assert set(changed) == {key for key in fresh if fresh[key] != before[key]}


@settings(max_examples=40, deadline=None)
@given(maps(), semantics_names, st.data())
def test_without_is_the_strength_with_the_child_removed(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    parents = [claim_id for claim_id, kids in argmap.tree().children.items() if kids]
    if not parents:
        return
    parent = data.draw(st.sampled_from(parents))
    explanation = Scorer(argmap, semantics).explain(parent)
    for contribution in explanation.contributions:
        removed = set(argmap.tree().subtree(contribution.child))
        pruned = ArgumentMap(
            claims={key: claim for key, claim in argmap.claims.items() if key not in removed}
        )
        assert Scorer(pruned, semantics).strength(parent) == contribution.without
        assert contribution.delta == explanation.strength - contribution.without


@settings(max_examples=60, deadline=None)
@given(maps(), semantics_names, st.data())
def test_file_order_does_not_change_the_scores(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    """Children listed before their parents take the walk-from-the-roots path instead of the
    file-order shortcut; both give the same strengths (sibling order only moves rounding)."""
    order = data.draw(st.permutations(list(argmap.claims)))
    shuffled = ArgumentMap(claims={key: argmap.claims[key] for key in order})
    expected = Scorer(argmap, semantics).strengths
    scorer = Scorer(shuffled, semantics)
    for key, value in expected.items():
        assert abs(scorer.strengths[key] - value) <= TOLERANCE
    claim_id = data.draw(st.sampled_from(order))
    shuffled.claims[claim_id].credence = data.draw(credences)
    scorer.refresh(claim_id)
    assert scorer.strengths == Scorer(shuffled, semantics).strengths
