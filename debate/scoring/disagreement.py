"""Why two perspectives disagree on a root: the difference in its strength, shared out among
the claims whose values the two perspectives set differently.

The players are the claims of the root's tree whose effective weight or credence differs
between reading A and reading B (the base map counts as a reading). A set ``S`` of them is
worth the root's strength when the claims in ``S`` take B's values and every other claim keeps
A's. Each claim's share is its Shapley value in that game (Shapley 1953; the same attribution
idea as Kampik & Čyras's strength-change explanations, *Explaining Change in Quantitative
Bipolar Argumentation*, COMMA 2022, which ask which arguments' changes explain a change in a
topic's strength). By the Shapley value's efficiency the shares add up *exactly* to
``strength under B - strength under A``; a claim whose change does not reach the root gets 0.

Exact (all 2^k coalitions, visited in Gray-code order so each step re-scores one claim's path
to the root) for at most :data:`EXACT_PLAYERS` differing claims; beyond that, seeded
permutation sampling within the budget, whose shares still add up exactly to the difference
(each sampled order telescopes), each with a 95% error bound.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from debate.model import ArgumentMap
from debate.scoring.engine import DEFAULT_SEMANTICS, Scorer
from debate.scoring.shapley import Budget, LocalTree
from debate.scoring.subtree import from_flat

EXACT_PLAYERS = 14


@dataclass(frozen=True)
class Share:
    claim: str
    weight_a: int
    weight_b: int
    credence_a: float
    credence_b: float
    share: float
    """This claim's part of ``strength_b - strength_a``."""
    error: float
    """95% error bound (0 when exact)."""


@dataclass(frozen=True)
class Disagreement:
    root: str
    semantics: str
    a: str | None
    b: str | None
    strength_a: float
    strength_b: float
    shares: list[Share]
    """Largest |share| first; claims whose change does not move the root come last."""
    exact: bool
    samples: int

    @property
    def difference(self) -> float:
        return self.strength_b - self.strength_a


def disagreements(
    argmap: ArgumentMap,
    a: str | None,
    b: str | None,
    semantics: str = DEFAULT_SEMANTICS,
    roots: list[str] | None = None,
    budget: Budget | None = None,
) -> list[Disagreement]:
    """One :class:`Disagreement` per root (default: every root, file order).

    Raises :class:`~debate.scoring.UnknownPerspective` / ``UnknownClaim`` for unknown names.
    """
    first = Scorer(argmap, semantics, a)
    second = Scorer(argmap, semantics, b)
    chosen = list(first.verdicts()) if roots is None else roots
    for root in chosen:
        first.strength(root)  # one-line error for an unknown id
    flat_a, flat_b = first.flat(), second.flat()
    results = []
    for root in chosen:
        tree = from_flat(flat_a, flat_a.position[root])
        local = LocalTree.of(tree)
        positions = [flat_a.position[claim] for claim in tree.ids]
        target_weight = [float(flat_b.weight[p]) for p in positions]
        target_credence = [flat_b.credence[p] for p in positions]
        players = [
            node
            for node in range(tree.size)
            if local.weight[node] != target_weight[node]
            or local.credence[node] != target_credence[node]
        ]
        game = _Game(local, tree.strength.tolist(), players, target_weight, target_credence)
        if len(players) <= EXACT_PLAYERS:
            values, errors, samples, exact = game.exact(), [0.0] * len(players), 0, True
        else:
            values, errors, samples = game.sampled(budget or Budget())
            exact = False
        shares = [
            Share(
                claim=tree.ids[node],
                weight_a=int(local.weight[node]),
                weight_b=int(target_weight[node]),
                credence_a=local.credence[node],
                credence_b=target_credence[node],
                share=value,
                error=error,
            )
            for node, value, error in zip(players, values, errors, strict=True)
        ]
        shares.sort(key=lambda item: -abs(item.share))
        results.append(
            Disagreement(
                root=root,
                semantics=semantics,
                a=a,
                b=b,
                strength_a=first.strength(root),
                strength_b=second.strength(root),
                shares=shares,
                exact=exact,
                samples=samples,
            )
        )
    return results


class _Game:
    """The root's strength as claims switch from reading A's values to reading B's."""

    def __init__(
        self,
        tree: LocalTree,
        strength: list[float],
        players: list[int],
        weight: list[float],
        credence: list[float],
    ) -> None:
        self.tree = tree
        self.start = strength
        self.players = players
        self.targets = [(weight[node], credence[node]) for node in players]
        self.origins = [(tree.weight[node], tree.credence[node]) for node in players]

    def _reset(self) -> list[float]:
        tree = self.tree
        for node, (weight, credence) in zip(self.players, self.origins, strict=True):
            tree.weight[node], tree.credence[node] = weight, credence
        return list(self.start)

    def _switch(self, strength: list[float], player: int, to_b: bool) -> float:
        """Give one player B's values (or A's back); re-score its path; the root's strength."""
        tree = self.tree
        node = self.players[player]
        tree.weight[node], tree.credence[node] = (
            self.targets[player] if to_b else self.origins[player]
        )
        while node >= 0:
            strength[node] = tree.value(
                node, [(child, strength[child]) for child in tree.children[node]]
            )
            node = tree.parent[node]
        return strength[0]

    def exact(self) -> list[float]:
        count = len(self.players)
        strength = self._reset()
        worth = [0.0] * (1 << count)
        worth[0] = strength[0]
        mask = 0
        for step in range(1, 1 << count):
            player = (step & -step).bit_length() - 1  # Gray code: one player changes
            mask ^= 1 << player
            worth[mask] = self._switch(strength, player, bool(mask >> player & 1))
        self._reset()
        weights = [
            math.factorial(size) * math.factorial(count - size - 1) / math.factorial(count)
            for size in range(count)
        ]
        values = [0.0] * count
        for mask in range(1 << count):
            size = mask.bit_count()
            for player in range(count):
                if not mask >> player & 1:
                    values[player] += weights[size] * (worth[mask | 1 << player] - worth[mask])
        return values

    def sampled(self, budget: Budget) -> tuple[list[float], list[float], int]:
        count = len(self.players)
        rng = random.Random(budget.seed)
        sums, squares = [0.0] * count, [0.0] * count
        start = time.perf_counter()
        drawn = 0
        order = list(range(count))
        for drawn in range(1, budget.samples + 1):
            rng.shuffle(order)
            strength = self._reset()
            before = strength[0]
            for player in order:
                after = self._switch(strength, player, True)
                sums[player] += after - before
                squares[player] += (after - before) ** 2
                before = after
            budget.tell(drawn, start)
            if budget.seconds is not None and time.perf_counter() - start > budget.seconds:
                break
        self._reset()
        values = [total / drawn for total in sums]
        errors = [
            1.96 * math.sqrt(max(square / drawn - mean * mean, 0.0) / max(drawn - 1, 1))
            for square, mean in zip(squares, values, strict=True)
        ]
        return values, errors, drawn
