"""One root's tree as numpy arrays, and the gradual semantics written over whole arrays.

Why arrays: the crux ranking asks, for every claim of a tree, "what would the root be if this
claim alone were different?" Asked one claim at a time in Python, that is one walk up the tree
per claim and question: seconds on a 100,000-claim map. Here every pending what-if moves one
level up per numpy step, all at once, so the whole ranking costs about as many numpy calls as
the tree is deep.

The arithmetic is the engine's (``debate.scoring.engine``, docs/SCORING.md): a child enters its
parent's aggregation as ``(weight / 4) * strength``; ``part`` children make the base score a
weighted mean; DF-QuAD aggregates by ``1 - prod(1 - x)``, the others by sums. One claim's change
alters one term of its parent's aggregate, so each node keeps, per child, the aggregate of its
*other* same-stance siblings ("others"): the parent's new value then costs O(1), exactly.

Local index 0 is the root; nodes are in breadth-first order, so depth never decreases and
every parent comes before its children.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from debate.model import MAX_WEIGHT
from debate.scoring.engine import CON, PART, PRO, Flat, Scorer
from debate.scoring.semantics import BY_NAME, EXP_LIMIT

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]

VectorInfluence = Callable[[Floats, Floats, Floats], Floats]
Partials = Callable[[Floats, Floats, Floats], tuple[Floats, Floats, Floats]]
"""``(base, support, attack) -> (d/dbase, d/dsupport, d/dattack)`` of the strength."""


# ---------------------------------------------------------------- the semantics over arrays


def _dfquad(base: Floats, support: Floats, attack: Floats) -> Floats:
    attacked = attack >= support
    return np.where(
        attacked, base - base * (attack - support), base + (1.0 - base) * (support - attack)
    )


def _dfquad_partials(
    base: Floats, support: Floats, attack: Floats
) -> tuple[Floats, Floats, Floats]:
    # DF-QuAD has a kink where attack == support: there the slope of an *increase* is given
    # (more support enters the support branch, more attack the attack branch).
    attacked = attack >= support
    d_base = np.where(attacked, 1.0 - (attack - support), 1.0 - (support - attack))
    d_support = np.where(attack > support, base, 1.0 - base)
    d_attack = np.where(attacked, -base, -(1.0 - base))
    return d_base, d_support, d_attack


def _quadratic(base: Floats, support: Floats, attack: Floats) -> Floats:
    energy = support - attack
    squared = energy * energy
    h = squared / (1.0 + squared)
    return np.where(energy >= 0.0, base + (1.0 - base) * h, base - base * h)


def _quadratic_partials(
    base: Floats, support: Floats, attack: Floats
) -> tuple[Floats, Floats, Floats]:
    energy = support - attack
    squared = energy * energy
    h = squared / (1.0 + squared)
    slope = 2.0 * energy / ((1.0 + squared) * (1.0 + squared))  # h'(E)
    d_energy = np.where(energy >= 0.0, (1.0 - base) * slope, -base * slope)
    return 1.0 - h, d_energy, -d_energy


def _euler(base: Floats, support: Floats, attack: Floats) -> Floats:
    energy = support - attack
    with np.errstate(over="ignore"):
        grown = np.exp(np.minimum(energy, EXP_LIMIT))
    value = 1.0 - (1.0 - base * base) / (1.0 + base * grown)
    return np.where(energy == 0.0, base, value)


def _euler_partials(base: Floats, support: Floats, attack: Floats) -> tuple[Floats, Floats, Floats]:
    energy = support - attack
    grown = np.exp(np.minimum(energy, EXP_LIMIT))
    denominator = 1.0 + base * grown
    share = grown / denominator  # e^E / D, finite even where e^E is huge
    d_base = 2.0 * base / denominator + (1.0 - base * base) * share / denominator
    d_energy = np.where(energy > EXP_LIMIT, 0.0, (1.0 - base * base) * base * share / denominator)
    return d_base, d_energy, -d_energy


def _h_categorizer(base: Floats, support: Floats, attack: Floats) -> Floats:
    attacked = base / (1.0 + attack)
    return np.where(support == 0.0, attacked, 1.0 - (1.0 - attacked) / (1.0 + support))


def _h_categorizer_partials(
    base: Floats, support: Floats, attack: Floats
) -> tuple[Floats, Floats, Floats]:
    attacked = base / (1.0 + attack)
    lifted = 1.0 + support
    d_base = 1.0 / ((1.0 + attack) * lifted)
    d_attack = -base / ((1.0 + attack) * (1.0 + attack) * lifted)
    d_support = (1.0 - attacked) / (lifted * lifted)
    return d_base, d_support, d_attack


VECTOR: dict[str, tuple[VectorInfluence, Partials]] = {
    "df-quad": (_dfquad, _dfquad_partials),
    "quadratic-energy": (_quadratic, _quadratic_partials),
    "euler": (_euler, _euler_partials),
    "h-categorizer": (_h_categorizer, _h_categorizer_partials),
}
"""Each semantics' influence function and its partial derivatives, over arrays."""


# ---------------------------------------------------------------- the tree


@dataclass
class Subtree:
    """One root's tree: structure, current values and each node's aggregates."""

    ids: list[str]
    """Local index -> claim id; 0 is the root."""
    parent: Ints
    stance: Ints
    depth: Ints
    levels: list[int]
    """``levels[d]`` is the first local index at depth ``d``; the last entry is the size."""
    weight: Floats
    credence: Floats
    base: Floats
    strength: Floats
    support: Floats
    attack: Floats
    part_mass: Floats
    """Sum of weight x strength over the ``part`` children."""
    part_weight: Floats
    others: Floats
    """Per node: its same-stance siblings' aggregate without it (product or sum)."""
    semantics: str
    product: bool

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def root_strength(self) -> float:
        return float(self.strength[0])

    def influence(self, base: Floats, support: Floats, attack: Floats) -> Floats:
        return VECTOR[self.semantics][0](base, support, attack)

    def partials(self, base: Floats, support: Floats, attack: Floats) -> tuple[Floats, ...]:
        return VECTOR[self.semantics][1](base, support, attack)


def subtree(scorer: Scorer, root: str) -> Subtree:
    """The tree hanging from ``root`` (any claim: its own subtree), read from the scorer."""
    flat = scorer.flat()
    return from_flat(flat, flat.position[root])


def from_flat(flat: Flat, root: int) -> Subtree:
    order = [root]
    parent_list = [-1]
    depth_list = [0]
    pro, con, part = flat.pro, flat.con, flat.part
    # A claim on (or under) a cycle made in memory is never scored by the engine: it keeps its
    # credence, so here it is a tree of one (and the walk cannot loop).
    at = 0 if flat.reached[root] else 1
    while at < len(order):
        node = order[at]
        level = depth_list[at] + 1
        for kids in (pro[node], con[node], part[node]):
            if kids:
                order.extend(kids)
                parent_list.extend([at] * len(kids))
                depth_list.extend([level] * len(kids))
        at += 1
    where = np.array(order, dtype=np.int64)

    def take(values: list[float] | list[int]) -> Floats:
        return np.asarray(values, dtype=np.float64)[where]

    size = len(order)
    parent = np.array(parent_list, dtype=np.int64)
    stance = np.asarray(flat.stance, dtype=np.int64)[where]
    stance[0] = -1
    depth = np.array(depth_list, dtype=np.int64)
    levels = [int(x) for x in np.searchsorted(depth, np.arange(depth[-1] + 2))]
    weight = take(flat.weight)
    strength = take(flat.strength)
    tree = Subtree(
        ids=[flat.ids[i] for i in order],
        parent=parent,
        stance=stance,
        depth=depth,
        levels=levels,
        weight=weight,
        credence=take(flat.credence),
        base=take(flat.base),
        strength=strength,
        support=np.zeros(size),
        attack=np.zeros(size),
        part_mass=np.zeros(size),
        part_weight=np.zeros(size),
        others=np.zeros(size),
        semantics=flat.semantics.name,
        product=flat.semantics.aggregation == "product",
    )
    aggregate(tree)
    return tree


def aggregate(tree: Subtree) -> None:
    """Fill each node's support, attack, part sums and each child's "others" from the
    current strengths (what :func:`parent_values` needs to replace one term exactly)."""
    size = tree.size
    parent, stance = tree.parent, tree.stance
    x = (tree.weight / MAX_WEIGHT) * tree.strength
    for code, target in ((PRO, tree.support), (CON, tree.attack)):
        members = np.flatnonzero(stance == code)
        if not members.size:
            target[:] = 0.0
            continue
        up = parent[members]
        if tree.product:
            factor = 1.0 - x[members]
            zero = factor == 0.0
            kept = np.ones(size)
            np.multiply.at(kept, up[~zero], factor[~zero])
            zeros = np.bincount(up[zero], minlength=size)
            target[:] = 1.0 - np.where(zeros > 0, 0.0, kept)
            safe = np.where(zero, 1.0, factor)
            tree.others[members] = np.where(
                zero,
                np.where(zeros[up] == 1, kept[up], 0.0),
                np.where(zeros[up] > 0, 0.0, kept[up] / safe),
            )
        else:
            target[:] = np.bincount(up, weights=x[members], minlength=size)
            tree.others[members] = target[up] - x[members]
    members = np.flatnonzero(stance == PART)
    up = parent[members]
    tree.part_mass[:] = np.bincount(
        up, weights=tree.weight[members] * tree.strength[members], minlength=size
    )
    tree.part_weight[:] = np.bincount(up, weights=tree.weight[members], minlength=size)


# ---------------------------------------------------------------- what-ifs


def own_values(tree: Subtree, nodes: Ints, credence: Floats) -> Floats:
    """The nodes' strengths with their credence set to ``credence`` (children unchanged).

    A claim whose weighted parts make its base ignores its credence; an unchanged base gives
    the current strength exactly.
    """
    uses_credence = tree.part_weight[nodes] <= 0.0
    base = np.where(uses_credence, credence, tree.base[nodes])
    value = tree.influence(base, tree.support[nodes], tree.attack[nodes])
    return np.where(base == tree.base[nodes], tree.strength[nodes], value)


def parent_values(
    tree: Subtree, nodes: Ints, values: Floats, weights: Floats
) -> tuple[Ints, Floats]:
    """The parents' strengths if each node had ``values`` as strength and ``weights`` as weight.

    One O(1) term replacement per node (no loop over siblings).
    """
    up = tree.parent[nodes]
    stance = tree.stance[nodes]
    term = (weights / MAX_WEIGHT) * values
    if tree.product:
        replaced = 1.0 - tree.others[nodes] * (1.0 - term)
    else:
        replaced = tree.others[nodes] + term
    support = np.where(stance == PRO, replaced, tree.support[up])
    attack = np.where(stance == CON, replaced, tree.attack[up])
    is_part = stance == PART
    mass = np.where(
        is_part,
        tree.part_mass[up] - tree.weight[nodes] * tree.strength[nodes] + weights * values,
        tree.part_mass[up],
    )
    total = np.where(
        is_part, tree.part_weight[up] - tree.weight[nodes] + weights, tree.part_weight[up]
    )
    positive = total > 0.0
    base = np.where(positive, mass / np.where(positive, total, 1.0), tree.credence[up])
    # A part's own term is exact only through the running sums; an unchanged node keeps the
    # parent exactly as it is.
    value = tree.influence(base, support, attack)
    same = (values == tree.strength[nodes]) & (weights == tree.weight[nodes])
    return up, np.where(same, tree.strength[up], value)


def root_values(tree: Subtree, nodes: Ints, values: Floats, weights: Floats) -> Floats:
    """The root's strength if each node (alone) had ``values`` as strength and ``weights``
    as weight: all what-ifs climb one level per step, together."""
    nodes = np.asarray(nodes, dtype=np.int64)
    out = np.full(nodes.shape, tree.root_strength)
    at_root = nodes == 0
    out[at_root] = values[at_root]
    pending = np.flatnonzero(~at_root)
    node, value, weight = nodes[pending], values[pending], weights[pending]
    changed = (value != tree.strength[node]) | (weight != tree.weight[node])
    pending, node, value, weight = pending[changed], node[changed], value[changed], weight[changed]
    while pending.size:
        up, new = parent_values(tree, node, value, weight)
        done = up == 0
        out[pending[done]] = new[done]
        moving = ~done & (new != tree.strength[up])
        pending, node, value = pending[moving], up[moving], new[moving]
        weight = tree.weight[node]
    return out


def what_if(tree: Subtree, nodes: Ints, credence: Floats, weight: Floats) -> Floats:
    """The root's strength if each node alone had this credence and weight."""
    return root_values(tree, nodes, own_values(tree, nodes, credence), weight)


# ---------------------------------------------------------------- whole-tree evaluation


def evaluate(
    tree: Subtree,
    semantics: str | None = None,
    credence: Floats | None = None,
    weight: Floats | None = None,
    bases: Floats | None = None,
) -> Floats:
    """Every node's strength from scratch, deepest level first (one numpy pass per level).

    With another ``semantics``, ``credence`` or ``weight`` this is the tree re-scored under
    them; with none it reproduces the current strengths (to rounding). ``bases``, if given,
    receives every node's base score.
    """
    name = semantics or tree.semantics
    influence = VECTOR[name][0]
    product = BY_NAME[name].aggregation == "product"
    credence = tree.credence if credence is None else credence
    weight = tree.weight if weight is None else weight
    strength = credence.copy()
    levels = tree.levels
    parent, stance = tree.parent, tree.stance
    for d in range(len(levels) - 2, -1, -1):
        lo, hi = levels[d], levels[d + 1]
        count = hi - lo
        kids = slice(hi, levels[d + 2]) if d + 2 < len(levels) else slice(hi, hi)
        up = parent[kids] - lo
        kid_stance = stance[kids]
        x = (weight[kids] / MAX_WEIGHT) * strength[kids]
        aggregates: list[Floats] = []
        for code in (PRO, CON):
            members = kid_stance == code
            if product:
                kept = np.ones(count)
                np.multiply.at(kept, up[members], 1.0 - x[members])
                aggregates.append(1.0 - kept)
            else:
                aggregates.append(
                    np.bincount(up[members], weights=x[members], minlength=count).astype(float)
                )
        parts = kid_stance == PART
        mass = np.bincount(
            up[parts], weights=weight[kids][parts] * strength[kids][parts], minlength=count
        )
        total = np.bincount(up[parts], weights=weight[kids][parts], minlength=count)
        positive = total > 0.0
        base = np.where(positive, mass / np.where(positive, total, 1.0), credence[lo:hi])
        if bases is not None:
            bases[lo:hi] = base
        strength[lo:hi] = influence(base, aggregates[0], aggregates[1])
    return strength


def rescored(tree: Subtree, semantics: str) -> Subtree:
    """The same tree and values under another semantics (its own strengths and aggregates)."""
    bases = tree.credence.copy()
    strength = evaluate(tree, semantics, bases=bases)
    other = replace(
        tree,
        semantics=semantics,
        product=BY_NAME[semantics].aggregation == "product",
        base=bases,
        strength=strength,
        support=np.zeros(tree.size),
        attack=np.zeros(tree.size),
        part_mass=np.zeros(tree.size),
        part_weight=np.zeros(tree.size),
        others=np.zeros(tree.size),
    )
    aggregate(other)
    return other
