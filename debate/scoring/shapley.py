"""Shapley contributions of every claim in a root's tree to the root's strength.

Definition (Kampik, Potyka, Yin, Čyras, Toni, IJAR 2024; Yin, Potyka, Toni, ECAI 2023): the
players are the claims of the tree other than the root; a coalition ``X`` is worth the root's
strength when only the claims in ``X`` are kept (a claim whose parent is missing is cut off
with it); a claim's Shapley contribution is its marginal worth averaged over every order in
which the claims could be added. The contributions add up *exactly* to root strength minus the
root's strength with no children (its credence): the "quantitative contribution existence"
the paper proves for this function, which removal and gradient lack.

Exact when cheap. On a tree a coalition's worth depends only on its part connected to the root,
a *rooted subtree* ``U``; for claim ``j`` in ``U`` the orders that add ``j`` to ``U`` minus
``j``'s branch are those where the rest of ``U`` comes before ``j`` and ``U``'s ``b`` missing
children come after it, probability ``(u-1)! b! / (u+b)!``. So

    phi_j = sum over rooted subtrees U containing j of
            (u-1)! b! / (u+b)! * (v(U) - v(U without j's branch))

which enumerates rooted subtrees instead of all 2^n coalitions. Their number is the product,
over claims, of (1 + the count for each child): small unless one claim has many children or
several bushy claims stack. Exact up to :data:`EXACT_SUBTREES` rooted subtrees (and
:data:`EXACT_WORK` claim visits); beyond, a seeded permutation-sampling estimate (Castro, Gómez,
Tejada: *Polynomial calculation of the Shapley value based on sampling*, Computers & Operations
Research 2009): each sampled order adds the claims one by one, so each sample's marginals
still add up exactly to the total, and each claim gets a 95% error bound ``1.96 * sd / sqrt(m)``
(normal approximation over ``m`` sampled orders). The same seed and sample count always give
the same numbers; a time limit may stop sooner (the count actually drawn is reported).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from debate.model import MAX_WEIGHT
from debate.scoring.engine import CON, PRO
from debate.scoring.semantics import BY_NAME, Influence
from debate.scoring.subtree import Subtree

EXACT_SUBTREES = 20_000
"""Exact Shapley when the tree has at most this many rooted subtrees..."""
EXACT_WORK = 400_000
"""... and their sizes add up to at most this (claim visits)."""
DEFAULT_SAMPLES = 2_000
DEFAULT_SECONDS = 2.0
SEED = 0

Progress = Callable[[int, int], None]
"""Called with (done, total) while a long computation runs."""


@dataclass(frozen=True)
class Budget:
    """How long sampling and searching may run: at most ``samples`` draws and ``seconds``."""

    samples: int = DEFAULT_SAMPLES
    seconds: float | None = DEFAULT_SECONDS
    seed: int = SEED
    progress: Progress | None = field(default=None, compare=False, repr=False)

    def tell(self, drawn: int, started: float) -> None:
        """Report progress as per cent of the samples or of the time limit, whichever is
        further along (a time limit usually ends sampling long before the sample count)."""
        if self.progress is None:
            return
        share = drawn / self.samples if self.samples else 1.0
        if self.seconds:
            share = max(share, (time.perf_counter() - started) / self.seconds)
        self.progress(min(round(share * 100), 100), 100)


@dataclass
class LocalTree:
    """A tree as plain lists (local index 0 is the root), and its node arithmetic."""

    parent: list[int]
    children: list[list[int]]
    stance: list[int]
    weight: list[float]
    credence: list[float]
    influence: Influence
    product: bool

    @classmethod
    def of(cls, tree: Subtree) -> LocalTree:
        parent = tree.parent.tolist()
        children: list[list[int]] = [[] for _ in parent]
        for node, up in enumerate(parent):
            if up >= 0:
                children[up].append(node)
        return cls(
            parent=parent,
            children=children,
            stance=tree.stance.tolist(),
            weight=tree.weight.tolist(),
            credence=tree.credence.tolist(),
            influence=BY_NAME[tree.semantics].influence,
            product=tree.product,
        )

    def value(self, node: int, present: Sequence[tuple[int, float]]) -> float:
        """The node's strength from the given (child, strength) pairs only."""
        base = self.credence[node]
        total = 0.0
        mass = 0.0
        if self.product:
            keep_support = keep_attack = 1.0
            for child, strength in present:
                code = self.stance[child]
                term = self.weight[child] / MAX_WEIGHT * strength
                if code == PRO:
                    keep_support *= 1.0 - term
                elif code == CON:
                    keep_attack *= 1.0 - term
                else:
                    total += self.weight[child]
                    mass += self.weight[child] * strength
            support, attack = 1.0 - keep_support, 1.0 - keep_attack
        else:
            support = attack = 0.0
            for child, strength in present:
                code = self.stance[child]
                term = self.weight[child] / MAX_WEIGHT * strength
                if code == PRO:
                    support += term
                elif code == CON:
                    attack += term
                else:
                    total += self.weight[child]
                    mass += self.weight[child] * strength
        if total > 0:
            base = mass / total
        return self.influence(base, support, attack)


@dataclass(frozen=True)
class ShapleyResult:
    """Shapley contribution per local node (the root's entry is 0)."""

    values: list[float]
    errors: list[float]
    """95% error bound per claim; all 0 when exact."""
    exact: bool
    samples: int
    """Sampled orders (0 when exact)."""
    total: float
    """What the values add up to: root strength minus root strength with no children."""


def rooted_subtrees(tree: LocalTree, limit: float = math.inf) -> tuple[float, float]:
    """How many rooted subtrees the tree has and their total size (stops growing past
    ``limit``): what exact enumeration would cost."""
    count = [1.0] * len(tree.parent)
    work = [1.0] * len(tree.parent)
    for node in range(len(tree.parent) - 1, -1, -1):
        kids = tree.children[node]
        if not kids:
            continue
        product = 1.0
        for child in kids:
            product = min(product * (1.0 + count[child]), limit)
        share = sum(work[child] / (1.0 + count[child]) for child in kids)
        count[node] = product
        work[node] = min(product * (1.0 + share), limit)
    return count[0], work[0]


def shapley(tree: Subtree | LocalTree, budget: Budget | None = None) -> ShapleyResult:
    """Exact when the tree is small enough, else sampled within ``budget``."""
    local = tree if isinstance(tree, LocalTree) else LocalTree.of(tree)
    count, work = rooted_subtrees(local, limit=1e12)
    if count <= EXACT_SUBTREES and work <= EXACT_WORK:
        return exact(local)
    return sampled(local, budget or Budget())


def exact(tree: LocalTree) -> ShapleyResult:
    """Exact Shapley contributions by enumerating rooted subtrees (see the module doc)."""
    size = len(tree.parent)
    branch = [1 << node for node in range(size)]
    # Per node: its rooted subtrees as (mask, strength of the node, size, missing children).
    options: list[list[tuple[int, float, int, int]] | None] = [None] * size
    for node in range(size - 1, -1, -1):
        combos: list[tuple[int, list[tuple[int, float]], int, int]] = [(0, [], 0, 0)]
        for child in tree.children[node]:
            branch[node] |= branch[child]
            child_options = options[child]
            assert child_options is not None
            grown = []
            for mask, present, count, missing in combos:
                grown.append((mask, present, count, missing + 1))
                for child_mask, strength, child_count, child_missing in child_options:
                    grown.append(
                        (
                            mask | child_mask,
                            [*present, (child, strength)],
                            count + child_count,
                            missing + child_missing,
                        )
                    )
            combos = grown
            options[child] = None
        own = 0 if node == 0 else 1 << node
        extra = 0 if node == 0 else 1
        options[node] = [
            (mask | own, tree.value(node, present), count + extra, missing)
            for mask, present, count, missing in combos
        ]
    root_options = options[0]
    assert root_options is not None
    worth = {mask: strength for mask, strength, _, _ in root_options}
    values = [0.0] * size
    for mask, strength, count, missing in root_options:
        if not count:
            continue
        chance = 1.0 / (count * math.comb(count + missing, count))
        rest = mask
        while rest:
            low = rest & -rest
            node = low.bit_length() - 1
            rest ^= low
            values[node] += chance * (strength - worth[mask & ~branch[node]])
    total = worth[(1 << size) - 2] - worth[0]
    return ShapleyResult(values, [0.0] * size, True, 0, total)


def sampled(tree: LocalTree, budget: Budget) -> ShapleyResult:
    """Seeded permutation sampling (Castro et al. 2009) within ``budget``."""
    size = len(tree.parent)
    rng = random.Random(budget.seed)
    players = list(range(1, size))
    sums = [0.0] * size
    squares = [0.0] * size
    start = time.perf_counter()
    drawn = 0
    empty = tree.value(0, ())
    full = empty
    step = max(min(budget.samples // 100, 10), 1)
    for drawn in range(1, budget.samples + 1):
        order = players[:]
        rng.shuffle(order)
        full = _add_in_order(tree, order, sums, squares, empty)
        if drawn % step == 0:
            budget.tell(drawn, start)
        if budget.seconds is not None and time.perf_counter() - start > budget.seconds:
            break
    drawn = max(drawn, 1)
    values = [total / drawn for total in sums]
    errors = [0.0] * size
    if drawn > 1:
        for node in players:
            mean = values[node]
            variance = max(squares[node] / drawn - mean * mean, 0.0) * drawn / (drawn - 1)
            errors[node] = 1.96 * math.sqrt(variance / drawn)
    else:
        errors = [math.inf if node else 0.0 for node in range(size)]
    return ShapleyResult(values, errors, False, drawn, full - empty)


class _Aggregates:
    """Each node's support, attack and part sums over its *linked* children, kept up to date
    one term at a time, so a claim joining the tree re-scores each ancestor in O(1) instead of
    re-reading all its children (a root with hundreds of children would cost hundreds)."""

    def __init__(self, tree: LocalTree) -> None:
        size = len(tree.parent)
        self.tree = tree
        start = 1.0 if tree.product else 0.0
        self.support = [start] * size  # product: kept factors (1 - x); sum: the sum
        self.attack = [start] * size
        self.support_zeros = [0] * size  # product only: factors exactly 0
        self.attack_zeros = [0] * size
        self.mass = [0.0] * size
        self.total = [0.0] * size

    def value(self, node: int) -> float:
        tree = self.tree
        total = self.total[node]
        base = self.mass[node] / total if total > 0 else tree.credence[node]
        if tree.product:
            support = 1.0 if self.support_zeros[node] else 1.0 - self.support[node]
            attack = 1.0 if self.attack_zeros[node] else 1.0 - self.attack[node]
        else:
            support, attack = self.support[node], self.attack[node]
        return tree.influence(base, support, attack)

    def change(self, child: int, old: float | None, new: float) -> None:
        """The linked child's strength goes from ``old`` (None: it was not linked) to ``new``."""
        tree = self.tree
        up = tree.parent[child]
        code = tree.stance[child]
        weight = tree.weight[child]
        if code != PRO and code != CON:
            if old is not None:
                self.mass[up] -= weight * old
            else:
                self.total[up] += weight
            self.mass[up] += weight * new
            return
        scale = weight / MAX_WEIGHT
        values, zeros = (
            (self.support, self.support_zeros) if code == PRO else (self.attack, self.attack_zeros)
        )
        if not tree.product:
            values[up] += scale * new - (scale * old if old is not None else 0.0)
            return
        if old is not None:
            factor = 1.0 - scale * old
            if factor == 0.0:
                zeros[up] -= 1
            else:
                values[up] /= factor
        factor = 1.0 - scale * new
        if factor == 0.0:
            zeros[up] += 1
        else:
            values[up] *= factor


def _add_in_order(
    tree: LocalTree, order: list[int], sums: list[float], squares: list[float], empty: float
) -> float:
    """Add claims in ``order``; record each one's marginal change of the root."""
    parent, children = tree.parent, tree.children
    size = len(parent)
    sums_of = _Aggregates(tree)
    present = [False] * size
    linked = [False] * size
    present[0] = linked[0] = True
    strength = [0.0] * size
    strength[0] = before = empty
    for node in order:
        present[node] = True
        if linked[parent[node]]:
            # ``node`` joins, with every present claim below it that hangs from it through
            # present claims: their strengths deepest first, each passed to its parent.
            reached = [node]
            at = 0
            while at < len(reached):
                for child in children[reached[at]]:
                    if present[child]:
                        reached.append(child)
                at += 1
            for joining in reversed(reached):
                linked[joining] = True
                strength[joining] = sums_of.value(joining)
                sums_of.change(joining, None, strength[joining])
            up = parent[node]
            while up > 0:  # re-score the ancestors, one replaced term each
                new = sums_of.value(up)
                old = strength[up]
                if new == old:
                    break
                strength[up] = new
                sums_of.change(up, old, new)
                up = parent[up]
            else:
                strength[0] = sums_of.value(0)
            after = strength[0]
        else:
            after = before
        change = after - before
        sums[node] += change
        squares[node] += change * change
        before = after
    return before
