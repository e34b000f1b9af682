"""Contributions, swings, flips and disagreement shares checked against brute force on random
trees, every semantics (hypothesis, fixed seeds and budgets):

- removal: by actually deleting the claim's subtree and re-scoring with the engine;
- Shapley: by enumerating every coalition (at most 7 players: maps of at most 8 claims);
- gradients: against finite differences of the engine's own scores (between the one-sided
  slopes, so DF-QuAD's kink is allowed either side);
- swings: the root over a grid of credences and every weight stays within them, and reaches
  the corners;
- smallest one-claim flip: applying it flips the verdict, and no grid change of one claim that
  is smaller does;
- disagreement shares: add up exactly to the difference, and equal enumerated Shapley values.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.model import ArgumentMap
from debate.scoring import SEMANTICS, Scorer
from debate.scoring.contributions import contributions
from debate.scoring.crux import rank
from debate.scoring.disagreement import disagreements
from debate.scoring.flip import smallest_flip
from debate.scoring.shapley import Budget, LocalTree, exact, sampled
from debate.scoring.subtree import VECTOR, subtree
from tests.test_scoring_properties import maps

semantics_names = st.sampled_from(sorted(SEMANTICS))
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)


def without(argmap: ArgumentMap, claim_id: str) -> ArgumentMap:
    """The map with ``claim_id`` and everything under it deleted."""
    tree = argmap.tree()
    gone = {claim_id}
    stack = [claim_id]
    while stack:
        for child in tree.children[stack.pop()]:
            gone.add(child)
            stack.append(child)
    return ArgumentMap(claims={k: v for k, v in argmap.claims.items() if k not in gone})


def changed(argmap: ArgumentMap, claim_id: str, **values: float) -> ArgumentMap:
    claims = dict(argmap.claims)
    claims[claim_id] = claims[claim_id].model_copy(update=values)
    return ArgumentMap(claims=claims)


def root_of(argmap: ArgumentMap, data: st.DataObject) -> str:
    return data.draw(st.sampled_from(argmap.tree().roots))


@SETTINGS
@given(maps(), semantics_names, st.data())
def test_removal_is_the_root_with_the_claim_actually_removed(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    root = root_of(argmap, data)
    found = contributions(Scorer(argmap, semantics), root)
    for i, claim_id in enumerate(found.tree.ids[1:], start=1):
        brute = Scorer(without(argmap, claim_id), semantics).strength(root)
        assert math.isclose(found.without[i], brute, abs_tol=1e-12)
        assert math.isclose(found.removal[i], found.strength - brute, abs_tol=1e-12)


def coalition_shapley(tree: LocalTree) -> list[float]:
    """Shapley values by the textbook formula over all coalitions of the non-root claims."""
    size = len(tree.parent)
    players = list(range(1, size))

    def worth(coalition: set[int]) -> float:
        strength: dict[int, float] = {}
        for node in range(size - 1, -1, -1):
            up, linked = node, True
            while up > 0:
                if up not in coalition:
                    linked = False
                    break
                up = tree.parent[up]
            if linked:
                present = [(c, strength[c]) for c in tree.children[node] if c in strength]
                strength[node] = tree.value(node, present)
        return strength[0]

    count = len(players)
    values = [0.0] * size
    for player in players:
        rest = [p for p in players if p != player]
        for size_of in range(count):
            share = math.factorial(size_of) * math.factorial(count - size_of - 1)
            share /= math.factorial(count)
            for group in itertools.combinations(rest, size_of):
                chosen = set(group)
                values[player] += share * (worth(chosen | {player}) - worth(chosen))
    return values


@SETTINGS
@given(maps(max_claims=8), semantics_names, st.data())
def test_exact_shapley_equals_enumerating_every_coalition(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    local = LocalTree.of(subtree(Scorer(argmap, semantics), root_of(argmap, data)))
    result = exact(local)
    assert np.allclose(result.values, coalition_shapley(local), atol=1e-12)
    # efficiency: the shares add up to the root's strength minus its strength alone
    assert math.isclose(sum(result.values), result.total, abs_tol=1e-12)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(maps(max_claims=8), semantics_names, st.data())
def test_sampled_shapley_adds_up_exactly_and_lands_within_its_bound(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    local = LocalTree.of(subtree(Scorer(argmap, semantics), root_of(argmap, data)))
    truth = exact(local)
    estimate = sampled(local, Budget(samples=400, seconds=None, seed=7))
    assert estimate.samples == 400
    assert math.isclose(sum(estimate.values), truth.total, abs_tol=1e-12)
    for value, bound, real in zip(estimate.values, estimate.errors, truth.values, strict=True):
        assert abs(value - real) <= 2 * bound + 1e-9  # 95% bound, doubled for a fixed seed
    again = sampled(local, Budget(samples=400, seconds=None, seed=7))
    assert again.values == estimate.values  # the same seed gives the same numbers


@SETTINGS
@given(maps(), semantics_names, st.data())
def test_gradients_match_finite_differences(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    root = root_of(argmap, data)
    scorer = Scorer(argmap, semantics)
    found = contributions(scorer, root)
    tree = found.tree
    step = 1e-6

    def root_at(claim_id: str, **values: float) -> float:
        return Scorer(changed(argmap, claim_id, **values), semantics).strength(root)

    def between(slope: float, left: float | None, right: float | None) -> bool:
        sides = [s for s in (left, right) if s is not None]
        tolerance = 1e-4 * max(1.0, *map(abs, sides))
        return min(sides) - tolerance <= slope <= max(sides) + tolerance

    for i, claim_id in enumerate(tree.ids):
        credence = scorer.credence(claim_id)
        now = found.strength
        right = (
            (root_at(claim_id, credence=credence + step) - now) / step
            if credence + step <= 1
            else None
        )
        left = (
            (now - root_at(claim_id, credence=credence - step)) / step
            if credence - step >= 0
            else None
        )
        assert between(found.gradient_credence[i], left, right), claim_id
    # Weights are whole numbers in a map, so the weight slope is checked on the engine's
    # arithmetic directly: d root / d weight through the scorer's scale of one claim.
    for i in range(1, tree.size):
        parent = tree.parent[i]
        if tree.stance[i] == 2 and tree.part_weight[parent] == 0:
            continue  # from a total part weight of 0 the base jumps: no slope (reported 0)
        position = scorer.flat().position[tree.ids[i]]
        slopes = []
        for sign in (1, -1):
            if not 0 <= tree.weight[i] + sign * step <= 4:
                continue
            probe = Scorer(argmap, semantics)
            probe._weight[position] = tree.weight[i] + sign * step  # type: ignore[attr-defined]
            probe._scale[position] = probe._weight[position] / 4  # type: ignore[attr-defined]
            probe._compute_all()  # type: ignore[attr-defined]
            slopes.append(sign * (probe.strength(root) - found.strength) / step)
        right = slopes[0] if tree.weight[i] + step <= 4 else None
        left = slopes[-1] if tree.weight[i] - step >= 0 else None
        assert between(found.gradient_weight[i], left, right), tree.ids[i]


@SETTINGS
@given(maps(max_claims=8), semantics_names, st.data())
def test_swings_hold_every_change_of_one_claim_and_reach_the_corners(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    root = root_of(argmap, data)
    found = contributions(Scorer(argmap, semantics), root)
    for i, claim_id in enumerate(found.tree.ids[1:], start=1):
        seen = [
            Scorer(changed(argmap, claim_id, credence=c, weight=w), semantics).strength(root)
            for c in (0.0, 0.3, 0.7, 1.0)
            for w in range(5)
        ]
        assert found.low[i] - 1e-12 <= min(seen) and max(seen) <= found.high[i] + 1e-12
        assert math.isclose(min(seen), found.low[i], abs_tol=1e-12)
        assert math.isclose(max(seen), found.high[i], abs_tol=1e-12)
    threshold = data.draw(st.sampled_from([0.3, 0.5, 0.7]))
    for crux in rank(found, threshold):
        holds = found.strength >= threshold
        assert crux.flips == (crux.low < threshold if holds else crux.high >= threshold)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(maps(max_claims=6), semantics_names, st.data())
def test_the_smallest_single_flip_flips_and_nothing_smaller_on_a_grid_does(
    argmap: ArgumentMap, semantics: str, data: st.DataObject
) -> None:
    root = root_of(argmap, data)
    scorer = Scorer(argmap, semantics)
    found = contributions(scorer, root)
    threshold = data.draw(st.sampled_from([0.4, 0.5, 0.6]))
    flip = smallest_flip(found, threshold)
    holds = found.strength >= threshold

    def crosses(value: float) -> bool:
        return value < threshold if holds else value >= threshold

    if flip.changes:
        applied = argmap
        for change in flip.changes:
            applied = changed(applied, change.claim, credence=change.credence, weight=change.weight)
        after = Scorer(applied, semantics).strength(root)
        assert crosses(after) and math.isclose(after, flip.flipped or 0, abs_tol=1e-12)
    if len(flip.changes) == 1:
        best = flip.changes[0].size
        for claim_id in found.tree.ids[1:]:
            for weight in range(5):
                for step in range(0, 101, 5):
                    credence = step / 100
                    size = (
                        abs(credence - scorer.credence(claim_id))
                        + abs(weight - scorer.weight(claim_id)) / 4
                    )
                    if size < best - 0.011:
                        moved = changed(argmap, claim_id, credence=credence, weight=weight)
                        assert not crosses(Scorer(moved, semantics).strength(root))
    if not flip.changes and not flip.possible:
        for claim_id in found.tree.ids[1:]:
            for credence, weight in ((0.0, 0), (0.0, 4), (1.0, 4)):
                moved = changed(argmap, claim_id, credence=credence, weight=weight)
                assert not crosses(Scorer(moved, semantics).strength(root))


@st.composite
def two_readings(draw: st.DrawFn) -> ArgumentMap:
    from debate.model import Perspective

    argmap = draw(maps(max_claims=9))
    ids = list(argmap.claims)
    chosen = draw(st.lists(st.sampled_from(ids), max_size=6, unique=True))
    weight = {claim_id: draw(st.integers(0, 4)) for claim_id in chosen if draw(st.booleans())}
    credence = {claim_id: draw(st.floats(0, 1)) for claim_id in chosen if draw(st.booleans())}
    return ArgumentMap(
        claims=argmap.claims, perspectives={"other": Perspective(weight=weight, credence=credence)}
    )


@SETTINGS
@given(two_readings(), semantics_names)
def test_disagreement_shares_add_up_exactly_and_are_shapley_values(
    argmap: ArgumentMap, semantics: str
) -> None:
    found = disagreements(argmap, None, "other", semantics)
    for item in found:
        assert math.isclose(sum(s.share for s in item.shares), item.difference, abs_tol=1e-12)
        players = [s.claim for s in item.shares]
        if not players:
            assert item.difference == 0
            continue
        other = argmap.perspectives["other"]

        def worth(group: tuple[str, ...], root: str = item.root, other=other) -> float:  # type: ignore[no-untyped-def]
            from debate.model import Perspective

            overlay = Perspective(
                weight={k: v for k, v in other.weight.items() if k in group},
                credence={k: v for k, v in other.credence.items() if k in group},
            )
            mixed = ArgumentMap(claims=argmap.claims, perspectives={"mix": overlay})
            return Scorer(mixed, semantics, "mix").strength(root)

        count = len(players)
        for share in item.shares:
            rest = [p for p in players if p != share.claim]
            value = 0.0
            for size in range(count):
                part = (
                    math.factorial(size) * math.factorial(count - size - 1) / math.factorial(count)
                )
                for group in itertools.combinations(rest, size):
                    value += part * (worth((*group, share.claim)) - worth(group))
            assert math.isclose(share.share, value, abs_tol=1e-12)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    semantics_names,
    st.lists(
        st.tuples(st.floats(0, 1), st.floats(0, 30), st.floats(0, 30)), min_size=1, max_size=20
    ),
)
def test_array_semantics_are_the_engine_formulas(
    semantics: str, rows: list[tuple[float, float, float]]
) -> None:
    from debate.scoring.semantics import BY_NAME

    base, support, attack = (np.array(column) for column in zip(*rows, strict=True))
    if semantics == "df-quad":
        support, attack = np.minimum(support, 1.0), np.minimum(attack, 1.0)
    vector = VECTOR[semantics][0](base, support, attack)
    scalar = [BY_NAME[semantics].influence(*row) for row in zip(base, support, attack, strict=True)]
    assert np.allclose(vector, scalar, rtol=0, atol=1e-15)
