"""The crux core on small maps whose answers are known: published numbers, hand-derived
slopes, flips that need one, two or no claims, robustness across semantics."""

from __future__ import annotations

import math

import pytest

from debate.scoring import Scorer
from debate.scoring.contributions import contributions
from debate.scoring.crux import check_threshold, crux_of, crux_report, rank
from debate.scoring.disagreement import disagreements
from debate.scoring.engine import CON, PRO
from debate.scoring.errors import BadThreshold, UnknownClaim
from debate.scoring.flip import smallest_flip
from debate.scoring.shapley import Budget, LocalTree, exact, sampled, shapley
from debate.store import load_map
from tests.conftest import DEFAULT_MAP
from tests.scoring_maps import tree


def basic_model(base: float, support: float, attack: float) -> float:
    """QBAF-Py's ``basic_model``: the base plus supports minus attacks."""
    return base + support - attack


def test_shapley_and_removal_reproduce_qbaf_py_published_values() -> None:
    """QBAF-Py's own tests (``qbaf_ctrbs`` removal and Shapley tests): arguments a (base 2),
    b (base 1) attacking a, c (base 1) supporting b, under its basic model: removal of b to
    a is -2, of c is -1; Shapley of b to a is -1.5, of c is -0.5. Unweighted edges are our
    weight 4; the values are outside [0, 1] only because that model is unbounded."""
    local = LocalTree(
        parent=[-1, 0, 1],
        children=[[1], [2], []],
        stance=[-1, CON, PRO],
        weight=[4.0, 4.0, 4.0],
        credence=[2.0, 1.0, 1.0],
        influence=basic_model,
        product=False,
    )
    b = local.value(1, [(2, local.value(2, []))])
    a = local.value(0, [(1, b)])
    assert (a, b) == (0.0, 2.0)
    assert a - local.value(0, []) == -2  # removal of b
    assert a - local.value(0, [(1, local.value(1, []))]) == -1  # removal of c
    result = exact(local)
    assert result.values[1:] == [-1.5, -0.5]
    estimate = sampled(local, Budget(samples=200, seconds=None))
    assert abs(estimate.values[2] + 0.5) <= estimate.errors[2]  # c's marginal is -1 or 0


def test_gradient_of_one_supporter_by_hand() -> None:
    # DF-QuAD, root base 0.5, one pro child of strength 0.6 at weight 4:
    # sigma = 0.5 + 0.5 * 0.6 = 0.8; d/d credence(child) = (1 - 0.5) * 1 = 0.5;
    # d/d weight(child) = (1 - 0.5) * 0.6 / 4 = 0.075; d/d credence(root) = 1 - 0.6 = 0.4.
    argmap = tree(("r", None, None, None, 0.5), ("c", "r", "pro", 4, 0.6))
    found = contributions(Scorer(argmap), "r")
    assert math.isclose(found.strength, 0.8)
    assert math.isclose(found.gradient_credence[1], 0.5)
    assert math.isclose(found.gradient_weight[1], 0.075)
    assert math.isclose(found.gradient_credence[0], 0.4)
    assert math.isclose(found.removal[1], 0.3)


def test_a_flip_that_needs_two_claims_is_found_exactly() -> None:
    # h-categorizer, root base 1 with three inert attackers (weight 0): one attacker at its
    # strongest leaves 1 / (1 + 1) = 0.5, which still holds at 0.5; two make 1/3.
    rows = [("r", None, None, None, 1.0)]
    rows += [(f"a{k}", "r", "con", 0, 0.2) for k in range(3)]
    found = contributions(Scorer(tree(*rows), "h-categorizer"), "r")
    flip = smallest_flip(found, 0.5)
    assert flip.holds and flip.possible and flip.fewest_exact
    assert len(flip.changes) == 2
    assert flip.flipped is not None and flip.flipped < 0.5
    assert "no single claim can flip it" in flip.note


def test_no_change_of_mind_can_flip_a_fully_credited_root_with_only_supporters() -> None:
    argmap = tree(("r", None, None, None, 1.0), ("p", "r", "pro", 2, 0.3))
    flip = smallest_flip(contributions(Scorer(argmap), "r"), 0.5)
    assert not flip.possible and flip.changes == ()
    assert "no change of mind" in flip.note


def test_threshold_must_be_in_the_unit_interval() -> None:
    assert check_threshold(0.0) == 0.0 and check_threshold(1.0) == 1.0
    for bad in (1.5, -0.1, float("nan")):
        with pytest.raises(BadThreshold, match="threshold must be a number from 0 to 1"):
            check_threshold(bad)


def test_the_default_map_report_reads_as_the_article_does() -> None:
    argmap = load_map(DEFAULT_MAP).argmap
    scorer = Scorer(argmap)
    report = crux_report(scorer, "catch-up-2027")
    # Musk's thesis is a coin flip on this map: just under 0.5, and the semantics disagree.
    assert 0.49 < report.strength < 0.5 and not report.holds
    assert report.robustness.fragile
    top = [crux.claim for crux in report.cruxes[:3]]
    assert "six-to-twelve-months" in top and "sooner-than-that" in top
    assert report.shapley is not None and report.shapley.exact
    assert math.isclose(
        sum(crux.shapley or 0 for crux in report.cruxes), report.shapley.total, abs_tol=1e-12
    )
    # the flip, applied to a copy, flips
    (change,) = report.flip.changes
    claims = dict(argmap.claims)
    claims[change.claim] = claims[change.claim].model_copy(
        update={"credence": change.credence, "weight": change.weight}
    )
    moved = Scorer(argmap.model_copy(update={"claims": claims})).strength("catch-up-2027")
    assert moved >= 0.5
    # the article's explanation holds under every semantics
    moat = crux_report(scorer, "moat-shift")
    assert moat.holds and not moat.robustness.fragile and moat.robustness.causes == ()


def test_rank_orders_by_swing_and_limits() -> None:
    argmap = load_map(DEFAULT_MAP).argmap
    found = contributions(Scorer(argmap), "catch-up-what")
    rows = rank(found, 0.5)
    swings = [row.swing for row in rows]
    assert swings == sorted(swings, reverse=True)
    assert len(rows) == found.tree.size - 1
    assert [row.claim for row in rank(found, 0.5, limit=2)] == [row.claim for row in rows[:2]]


def test_shapley_switches_to_sampling_on_bushy_trees() -> None:
    rows = [("r", None, None, None, 0.5)]
    rows += [(f"c{k}", "r", "pro" if k % 2 else "con", 3, 0.1 * (k % 10)) for k in range(16)]
    found = contributions(Scorer(tree(*rows)), "r")
    result = shapley(found.tree, Budget(samples=50, seconds=None, seed=3))
    assert not result.exact and result.samples == 50
    assert math.isclose(sum(result.values), result.total, abs_tol=1e-12)
    assert all(error >= 0 for error in result.errors) and max(result.errors) > 0


def test_perspective_disagreement_against_the_base_map() -> None:
    argmap = load_map(DEFAULT_MAP).argmap
    (first, *_) = disagreements(argmap, None, "sceptic")
    assert first.root == "catch-up-2027"
    assert math.isclose(sum(s.share for s in first.shares), first.difference, abs_tol=1e-12)
    assert first.shares[0].claim == "six-to-twelve-months"  # the 6-12 month story decides it
    assert first.exact


def test_flat_is_the_scorers_own_state() -> None:
    argmap = tree(("r", None, None, None, 0.5), ("c", "r", "pro", 4, 0.6))
    scorer = Scorer(argmap)
    argmap.claims["c"].credence = 0.9
    scorer.refresh("c")
    flat = scorer.flat()
    assert flat.credence[flat.position["c"]] == 0.9
    assert flat.strength[flat.position["r"]] == scorer.strength("r")


def test_a_claim_on_a_cycle_made_in_memory_is_a_tree_of_one() -> None:
    argmap = tree(
        ("r", None, None, None, 0.5), ("a", "r", "pro", 4, 0.6), ("b", "a", "pro", 4, 0.7)
    )
    scorer = Scorer(argmap)
    argmap.claims["a"].parent = "b"  # a and b now hang from each other
    scorer.rebuild()
    found = contributions(scorer, "a")
    assert found.tree.ids == ["a"] and found.strength == 0.6
    assert crux_report(scorer, "a").cruxes == []


def test_one_claims_row_is_the_one_rank_gives() -> None:
    scorer = Scorer(load_map(DEFAULT_MAP).argmap)
    root = next(iter(scorer.verdicts()))
    found = contributions(scorer, root)
    values = shapley(found.tree)
    for crux in rank(found, 0.5, shapley_values=values):
        assert crux_of(found, crux.claim, 0.5, values) == crux
    own = crux_of(found, root)
    assert own.removal == 0.0 and own.low <= own.strength <= own.high
    with pytest.raises(UnknownClaim):
        crux_of(found, "not-in-this-tree")
