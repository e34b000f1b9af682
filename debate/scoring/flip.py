"""The smallest change of mind that flips a root's verdict across a threshold.

A *flip* moves the root's strength from one side of the threshold to the other (a verdict at or
above it "holds"). A change is measured claim by claim as ``|credence change| + |weight
change| / 4`` (both scales then run 0 to 1), and flips are ranked by the number of claims
changed first, then by the total change.

- **One claim** (exact, every map within the budget): for each claim whose swing reaches the
  other side, and each weight 0-4, the credence nearest its current value that crosses is
  found by bisection (the root is monotone in a claim's credence), rounded outwards to two
  decimals (what a person would type) and checked.
- **Several claims**: the fewest claims is found exactly by trying every set of 2, then 3
  claims at their extremes (:data:`MAX_CLAIMS`), when the candidate sets are few
  (:data:`EXACT_SETS` evaluations); beyond that, greedily: claims are added in order of how far
  each alone moves the root towards the other side until the verdict flips, then any claim not
  needed is dropped, which bounds the fewest claims from above. Each claim's extreme is the
  corner (credence 0 or 1, weight 0 or 4) that alone moves the root furthest towards the other
  side (for pro and con claims provably the extreme; for parts, whose pull depends on the
  other parts, the best alone). The changes of the set found are then shrunk towards the
  current values one claim at a time while the flip holds: a small change, not a proven
  smallest total.
- When every claim at its extreme still does not flip the verdict, no change of mind about
  the claims can: that is the answer.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np

from debate.model import MAX_WEIGHT
from debate.scoring.contributions import Contributions
from debate.scoring.shapley import Budget
from debate.scoring.subtree import Bools, Floats, Ints, evaluate, what_if
from debate.scoring.verdict import DEFAULT_THRESHOLD
from debate.scoring.verdict import holds as verdict_holds

MAX_CLAIMS = 3
EXACT_SETS = 5_000
BISECTIONS = 40
CHUNK = 512
"""Claims searched per numpy batch (the time limit is checked between batches)."""


@dataclass(frozen=True)
class Change:
    """One claim's new credence and weight (``before`` values as they are now)."""

    claim: str
    credence_before: float
    credence: float
    weight_before: int
    weight: int

    @property
    def size(self) -> float:
        return (
            abs(self.credence - self.credence_before)
            + abs(self.weight - self.weight_before) / MAX_WEIGHT
        )

    def describe(self, arrow: str = "->") -> str:
        """``credence 0.40 -> 0.42, weight 3 -> 4``: what changes, in words."""
        parts = []
        if self.credence != self.credence_before:
            parts.append(f"credence {self.credence_before:.2f} {arrow} {self.credence:.2f}")
        if self.weight != self.weight_before:
            parts.append(f"weight {self.weight_before} {arrow} {self.weight}")
        return ", ".join(parts) or "no change"


@dataclass(frozen=True)
class Flip:
    """The smallest flip found, or why there is none."""

    threshold: float
    strength: float
    """The root's strength now."""
    changes: tuple[Change, ...]
    """Empty when nothing flips the verdict."""
    flipped: float | None
    """The root's strength after the changes."""
    fewest_exact: bool
    """True when no flip with fewer claims exists (proven by exhaustive search)."""
    possible: bool
    """False when even every claim at its extreme does not flip it."""
    note: str

    @property
    def holds(self) -> bool:
        return verdict_holds(self.strength, self.threshold)


def smallest_flip(
    found: Contributions, threshold: float = DEFAULT_THRESHOLD, budget: Budget | None = None
) -> Flip:
    """The smallest flip of ``found``'s root across ``threshold`` (see the module doc)."""
    return _Search(found, threshold, budget or Budget()).run()


class _Search:
    def __init__(self, found: Contributions, threshold: float, budget: Budget) -> None:
        self.found = found
        self.tree = found.tree
        self.threshold = threshold
        self.budget = budget
        self.now = self.tree.root_strength
        self.holds = verdict_holds(self.now, threshold)
        self.started = time.perf_counter()
        self.corner: dict[int, tuple[float, float]] = {}

    def crosses(self, values: Floats) -> Bools:
        return values < self.threshold if self.holds else values >= self.threshold

    def crosses_one(self, value: float) -> bool:
        return value < self.threshold if self.holds else value >= self.threshold

    def out_of_time(self) -> bool:
        seconds = self.budget.seconds
        return seconds is not None and time.perf_counter() - self.started > seconds

    def tell(self, done: int, total: int) -> None:
        if self.budget.progress is not None:
            self.budget.progress(done, total)

    def run(self) -> Flip:
        found, tree = self.found, self.tree
        kids = np.arange(1, tree.size)
        reach = found.low[kids] if self.holds else found.high[kids]
        single = kids[self.crosses(reach)]
        if single.size:
            change, after, complete = self.best_single(single)
            note = "one claim is enough"
            if not complete:
                note += " (search stopped by the time limit: a smaller change may exist)"
            return Flip(self.threshold, self.now, (change,), after, True, True, note)
        towards = (self.now - found.low) if self.holds else (found.high - self.now)
        order = kids[np.argsort(-towards[kids], kind="stable")]
        movers = [int(i) for i in order if towards[i] > 1e-12]
        self.corner = {i: self.best_corner(i) for i in movers}
        if not movers or not self.crosses_one(self.root_with(tuple(movers))):
            note = (
                "no change of mind about the claims flips it: even every claim at its "
                "extreme leaves the verdict where it is"
            )
            return Flip(self.threshold, self.now, (), None, True, False, note)
        chosen, exact = self.fewest(movers)
        changes = self.shrink(chosen)
        credence, weight = tree.credence.copy(), tree.weight.copy()
        for change in changes:
            i = found.index(change.claim)
            credence[i], weight[i] = change.credence, change.weight
        after = float(evaluate(tree, credence=credence, weight=weight)[0])
        note = f"{len(changes)} claims together; no single claim can flip it"
        if not exact:
            note += " (found greedily: fewer claims may do)"
        return Flip(self.threshold, self.now, tuple(changes), after, exact, True, note)

    def root_with(self, chosen: tuple[int, ...]) -> float:
        """The root's strength with the chosen claims at their corners."""
        tree = self.tree
        credence, weight = tree.credence.copy(), tree.weight.copy()
        for i in chosen:
            credence[i], weight[i] = self.corner[i]
        return float(evaluate(tree, credence=credence, weight=weight)[0])

    def best_single(self, nodes: Ints) -> tuple[Change, float, bool]:
        """The one-claim change of smallest size that crosses (see the module doc)."""
        tree = self.tree
        best: tuple[tuple[float, float], Change, float] | None = None
        complete = True
        for begin in range(0, nodes.size, CHUNK):
            if begin and self.out_of_time():
                complete = False
                break
            self.tell(begin, nodes.size)
            part = nodes[begin : begin + CHUNK]
            current = tree.credence[part]
            for weight_value in range(MAX_WEIGHT + 1):
                weights = np.full(part.size, float(weight_value))
                low = self.crosses(what_if(tree, part, np.zeros(part.size), weights))
                high = self.crosses(what_if(tree, part, np.ones(part.size), weights))
                already = self.crosses(what_if(tree, part, current, weights))
                inside, outside = current.copy(), np.where(high, 1.0, 0.0)
                for _ in range(BISECTIONS):
                    middle = (inside + outside) / 2
                    ok = self.crosses(what_if(tree, part, middle, weights))
                    outside = np.where(ok, middle, outside)
                    inside = np.where(ok, inside, middle)
                target = np.where(already, current, outside)
                target = self.typeable(part, target, current, weights)
                after = what_if(tree, part, target, weights)
                for k in np.flatnonzero((low | high) & self.crosses(after)):
                    node = int(part[k])
                    uses_credence = tree.part_weight[node] <= 0
                    change = Change(
                        tree.ids[node],
                        float(current[k]),
                        float(target[k]) if uses_credence else float(current[k]),
                        int(tree.weight[node]),
                        weight_value,
                    )
                    # smallest change first; then the one that moves the root least
                    key = (change.size, abs(float(after[k]) - self.now))
                    if best is None or key < best[0]:
                        best = (key, change, float(after[k]))
        assert best is not None
        return best[1], best[2], complete

    def typeable(self, part: Ints, target: Floats, current: Floats, weights: Floats) -> Floats:
        """Each crossing credence rounded outwards to two decimals (one more hundredth if the
        rounded value sits exactly on the threshold); the exact value if neither crosses."""
        rounded = outward(target, current)
        nudged = np.clip(rounded + np.sign(target - current) / 100, 0.0, 1.0)
        tree = self.tree
        first = self.crosses(what_if(tree, part, rounded, weights))
        second = self.crosses(what_if(tree, part, nudged, weights))
        return np.where(first, rounded, np.where(second, nudged, target))

    def best_corner(self, node: int) -> tuple[float, float]:
        """The (credence, weight) corner that alone moves the root furthest across."""
        tree = self.tree
        top = float(MAX_WEIGHT)
        options = [(float(tree.credence[node]), 0.0), (0.0, top), (1.0, top)]
        values = what_if(
            tree,
            np.full(3, node, dtype=np.int64),
            np.array([c for c, _ in options]),
            np.array([w for _, w in options]),
        )
        return options[int(np.argmin(values) if self.holds else np.argmax(values))]

    def fewest(self, movers: list[int]) -> tuple[tuple[int, ...], bool]:
        """The smallest set of claims that flips at its corners, and whether it is proven."""
        for size in range(2, MAX_CLAIMS + 1):
            total = math.comb(len(movers), size)
            if total > EXACT_SETS:
                break
            for done, group in enumerate(itertools.combinations(movers, size)):
                if self.out_of_time():
                    return self.greedy(movers), False
                if done % 64 == 0:
                    self.tell(done, total)
                if self.crosses_one(self.root_with(group)):
                    return group, True
        return self.greedy(movers), len(movers) <= MAX_CLAIMS

    def greedy(self, movers: list[int]) -> tuple[int, ...]:
        chosen: list[int] = []
        for node in movers:
            chosen.append(node)
            if self.crosses_one(self.root_with(tuple(chosen))):
                break
        for node in list(reversed(chosen)):
            trial = tuple(i for i in chosen if i != node)
            if trial and self.crosses_one(self.root_with(trial)):
                chosen = list(trial)
        return tuple(chosen)

    def shrink(self, chosen: tuple[int, ...]) -> list[Change]:
        """Move each chosen claim back towards its current values while the flip holds."""
        tree = self.tree
        credence, weight = tree.credence.copy(), tree.weight.copy()
        for i in chosen:
            credence[i], weight[i] = self.corner[i]

        def flips() -> bool:
            return self.crosses_one(float(evaluate(tree, credence=credence, weight=weight)[0]))

        for _ in range(2):
            for i in chosen:
                if self.out_of_time():
                    break
                while weight[i] != tree.weight[i]:  # weight: one step at a time
                    old = weight[i]
                    weight[i] += 1.0 if tree.weight[i] > old else -1.0
                    if not flips():
                        weight[i] = old
                        break
                inside, outside = float(tree.credence[i]), float(credence[i])
                for _ in range(BISECTIONS):  # credence: bisection towards the current one
                    credence[i] = (inside + outside) / 2
                    if flips():
                        outside = float(credence[i])
                    else:
                        inside = float(credence[i])
                rounded = float(outward(np.array([outside]), tree.credence[i : i + 1])[0])
                for candidate in (rounded, rounded + math.copysign(0.01, outside - inside)):
                    credence[i] = min(max(candidate, 0.0), 1.0)
                    if flips():
                        break
                else:
                    credence[i] = outside
        return [
            Change(
                tree.ids[i],
                float(tree.credence[i]),
                float(credence[i]) if tree.part_weight[i] <= 0 else float(tree.credence[i]),
                int(tree.weight[i]),
                int(weight[i]),
            )
            for i in chosen
        ]


def outward(target: Floats, current: Floats) -> Floats:
    """``target`` rounded to two decimals away from ``current`` (so a crossing value stays
    across), within [0, 1]."""
    up = np.ceil(target * 100 - 1e-9) / 100
    down = np.floor(target * 100 + 1e-9) / 100
    return np.clip(np.where(target > current, up, np.where(target < current, down, target)), 0, 1)
