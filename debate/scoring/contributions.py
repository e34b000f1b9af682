"""How much each claim of a root's tree contributes to the root's strength, and how far it
could move it: removal and gradient contributions, and each claim's swing.

Definitions (Kampik, Potyka, Yin, Čyras, Toni: *Contribution Functions for Quantitative
Bipolar Argumentation Graphs: A Principle-based Analysis*, IJAR 2024, arXiv:2401.08879; the
removal and Shapley forms also in Yin, Potyka, Toni: *Argument Attribution Explanations in
Quantitative Bipolar Argumentation Frameworks*, ECAI 2023), with the root as the *topic*:

- **removal**: root strength minus the root's strength with the claim (and so its subtree)
  removed. On a tree this equals setting the claim's weight to 0. Counterfactual by definition:
  it says exactly what leaving the claim out does. Generalises ``Scorer.explain``'s "without"
  from children to every descendant.
- **gradient**: the partial derivative of the root's strength with respect to the claim's
  credence (its base score in the papers) and, here also, its weight. Exact on a tree by the
  chain rule (each claim reaches the root along one path); locally faithful: a small change
  ``h`` of the credence moves the root by ``gradient * h`` to first order. DF-QuAD has a kink
  where a claim's attack equals its support; there the slope of an *increase* is given.
- **swing**: the lowest and highest root strength reachable by changing this claim alone,
  credence anywhere in [0, 1] and weight anywhere in 0-4. Every semantics here is monotone in
  each claim's credence and weight (supporters never lower, attackers never raise, a part moves
  its parent's base towards its own strength), so the extremes are at the four corners
  (credence 0 or 1, weight 0 or 4); weight 0 is the removal.

Shapley contributions are in :mod:`debate.scoring.shapley`.

Cost: one numpy pass per tree level for the gradient; removal and swings climb the tree for all
claims at once (:mod:`debate.scoring.subtree`), so the work is claims x depth in numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from debate.model import MAX_WEIGHT
from debate.scoring.engine import CON, PART, PRO, Scorer
from debate.scoring.subtree import Floats, Ints, Subtree, subtree, what_if

STANCE_NAMES = {PRO: "pro", CON: "con", PART: "part", -1: ""}


@dataclass
class Contributions:
    """Per claim of one root's tree (local order: breadth-first, the root first), as arrays.

    ``sign`` is +1 for a claim that pushes the root up when believed more, -1 for one that
    pushes it down (an odd number of ``con`` links on its path). The root's own row has
    removal 0 and swing over its credence only.
    """

    tree: Subtree
    perspective: str | None
    removal: Floats
    without: Floats
    gradient_credence: Floats
    gradient_weight: Floats
    sign: Ints
    low: Floats
    """Lowest root strength reachable by changing this claim alone."""
    high: Floats
    credence_low: Floats
    """Root strength with this claim's credence at 0 (weight as it is)."""
    credence_high: Floats
    """... at 1."""

    @property
    def root(self) -> str:
        return self.tree.ids[0]

    @property
    def strength(self) -> float:
        return self.tree.root_strength

    @property
    def swing(self) -> Floats:
        return self.high - self.low

    def index(self, claim_id: str) -> int:
        return self.tree.ids.index(claim_id)


def contributions(scorer: Scorer, root: str) -> Contributions:
    """Removal, gradient and swing of every claim in ``root``'s tree (the scorer's semantics
    and perspective). Raises :class:`~debate.scoring.UnknownClaim` for an unknown root."""
    scorer.strength(root)  # the one-line error for an unknown id
    return of_tree(subtree(scorer, root), scorer.perspective)


def of_tree(tree: Subtree, perspective: str | None = None) -> Contributions:
    size = tree.size
    kids = np.arange(1, size, dtype=np.int64)
    count = kids.size
    zeros, ones, fours = np.zeros(count), np.ones(count), np.full(count, float(MAX_WEIGHT))
    # Five what-ifs per claim, climbing together: removal, the two weight-4 corners, and the
    # credence extremes at the claim's own weight.
    nodes = np.concatenate([kids, kids, kids, kids, kids, [0, 0]]).astype(np.int64)
    credence = np.concatenate([tree.credence[kids], zeros, ones, zeros, ones, [0.0, 1.0]])
    weight = np.concatenate([zeros, fours, fours, tree.weight[kids], tree.weight[kids], [0.0, 0.0]])
    roots = what_if(tree, nodes, credence, weight)
    without, low4, high4, cred_low, cred_high = (
        roots[k * count : (k + 1) * count] for k in range(5)
    )
    root_low, root_high = roots[-2], roots[-1]
    current = tree.root_strength
    d_credence, d_weight = gradients(tree)
    removal = np.concatenate([[0.0], current - without])
    low = np.minimum(np.minimum(without, low4), np.minimum(high4, current))
    high = np.maximum(np.maximum(without, low4), np.maximum(high4, current))
    return Contributions(
        tree=tree,
        perspective=perspective,
        removal=removal,
        without=np.concatenate([[current], without]),
        gradient_credence=d_credence,
        gradient_weight=d_weight,
        sign=signs(tree),
        low=np.concatenate([[min(root_low, root_high, current)], low]),
        high=np.concatenate([[max(root_low, root_high, current)], high]),
        credence_low=np.concatenate([[root_low], cred_low]),
        credence_high=np.concatenate([[root_high], cred_high]),
    )


def signs(tree: Subtree) -> Ints:
    """+1 where believing a claim more raises the root, -1 where it lowers it."""
    sign = np.ones(tree.size, dtype=np.int64)
    flip = np.where(tree.stance == CON, -1, 1)
    levels = tree.levels
    for d in range(1, len(levels) - 1):
        lo, hi = levels[d], levels[d + 1]
        sign[lo:hi] = sign[tree.parent[lo:hi]] * flip[lo:hi]
    return sign


def gradients(tree: Subtree) -> tuple[Floats, Floats]:
    """d(root strength)/d(credence) and d(root strength)/d(weight) for every claim.

    The chain rule down the tree: ``chain[c] = chain[parent] * d sigma_parent / d sigma_c``,
    where a pro child's link is ``dS * dS/dx * weight/4`` (``dS/dx`` is the product of the
    other supporters' ``1 - x`` for DF-QuAD, 1 for sums), a con child's likewise with the
    attack, and a part's ``d base * weight / total part weight``. The credence slope is
    ``chain * d sigma / d base`` where the credence is the base (no weighted parts), else 0;
    the weight slope is ``chain[parent] * d sigma_parent / d x * strength / 4`` (pro, con) or
    ``... d base * (strength - parent base) / total part weight`` (part). A part's weight
    changed from a total part weight of 0 is a jump, not a slope: reported as 0.
    """
    size = tree.size
    d_base, d_support, d_attack = tree.partials(tree.base, tree.support, tree.attack)
    kids = np.arange(1, size)
    up = tree.parent[kids]
    stance = tree.stance[kids]
    slope = tree.others[kids] if tree.product else np.ones(kids.size)
    d_term = np.where(
        stance == PRO, d_support[up] * slope, np.where(stance == CON, d_attack[up] * slope, 0.0)
    )
    total = tree.part_weight[up]
    positive = total > 0.0
    part_slope = np.where(positive, d_base[up] / np.where(positive, total, 1.0), 0.0)
    link = np.where(
        stance == PART, part_slope * tree.weight[kids], d_term * tree.weight[kids] / MAX_WEIGHT
    )
    chain = np.zeros(size)
    chain[0] = 1.0
    levels = tree.levels
    for d in range(1, len(levels) - 1):
        lo, hi = levels[d], levels[d + 1]
        chain[lo:hi] = chain[tree.parent[lo:hi]] * link[lo - 1 : hi - 1]
    d_credence = chain * d_base * (tree.part_weight <= 0.0)
    strength = tree.strength[kids]
    d_weight = chain[up] * np.where(
        stance == PART,
        part_slope * (strength - tree.base[up]),
        d_term * strength / MAX_WEIGHT,
    )
    return d_credence, np.concatenate([[0.0], d_weight])
