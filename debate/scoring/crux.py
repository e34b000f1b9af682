"""Which claims decide a root's verdict, how robust the verdict is, what would flip it.

- **Cruxes**: every claim of the root's tree ranked by its *swing*, how far the root could move
  if the user changed their mind about that claim alone (credence over [0, 1], weight over 0-4;
  :mod:`debate.scoring.contributions`), with its direction (believing it more raises or lowers
  the root) and whether that alone flips the verdict across the threshold.
- **Smallest flip**: :mod:`debate.scoring.flip`.
- **Robustness across semantics**: the verdict under all four semantics; *fragile* when they
  disagree on its side of the threshold. The claims that cause it are those whose removal
  makes all four agree; when none does alone, the claims whose removal contribution differs
  most between the semantics.

For front ends (the command line, the reports, the app): :func:`crux_report` does it all for
one root; :func:`rank` alone is the cheap part (claims x depth in numpy, no search), what a
live view should refresh after each edit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from debate.scoring.contributions import STANCE_NAMES, Contributions, contributions
from debate.scoring.engine import Scorer
from debate.scoring.errors import BadThreshold, UnknownClaim
from debate.scoring.flip import Flip, smallest_flip
from debate.scoring.semantics import BY_NAME
from debate.scoring.shapley import Budget, ShapleyResult, shapley
from debate.scoring.subtree import rescored, what_if
from debate.scoring.verdict import DEFAULT_THRESHOLD
from debate.scoring.verdict import holds as verdict_holds

FRAGILE_CAUSES = 3
"""At most this many claims are named as the cause of a fragile verdict."""


@dataclass(frozen=True)
class Crux:
    """One claim's place in deciding the root."""

    claim: str
    depth: int
    stance: str
    """Its stance towards its parent (empty for the root itself)."""
    direction: int
    """+1: believing it more raises the root; -1: lowers it."""
    strength: float
    credence: float
    weight: int
    removal: float
    """Root strength minus the root's strength without this claim."""
    without: float
    gradient_credence: float
    gradient_weight: float
    low: float
    high: float
    credence_low: float
    credence_high: float
    flips: bool
    """Whether changing this claim alone can move the root across the threshold."""
    shapley: float | None = None
    shapley_error: float | None = None

    @property
    def swing(self) -> float:
        return self.high - self.low


@dataclass(frozen=True)
class Robustness:
    threshold: float
    verdicts: dict[str, float]
    """Semantics name -> the root's strength under it (current values and perspective)."""
    fragile: bool
    causes: tuple[str, ...]
    """Claims behind a fragile verdict (empty when robust)."""
    reconciling: bool
    """True when removing any one of ``causes`` makes all semantics agree."""


@dataclass(frozen=True)
class CruxReport:
    root: str
    semantics: str
    perspective: str | None
    threshold: float
    strength: float
    base: float
    cruxes: list[Crux]
    """Every claim of the tree but the root, largest swing first."""
    flip: Flip
    robustness: Robustness
    shapley: ShapleyResult | None

    @property
    def holds(self) -> bool:
        return verdict_holds(self.strength, self.threshold)


def check_threshold(threshold: float) -> float:
    """``threshold`` itself, or :class:`BadThreshold` when it is not in [0, 1]."""
    if not 0.0 <= threshold <= 1.0:  # also refuses NaN
        raise BadThreshold(threshold)
    return threshold


def rank(
    found: Contributions,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
    shapley_values: ShapleyResult | None = None,
) -> list[Crux]:
    """The claims (root excluded) by swing, largest first; ties by |removal|, then tree order."""
    check_threshold(threshold)
    tree = found.tree
    holds = verdict_holds(tree.root_strength, threshold)
    kids = np.arange(1, tree.size)
    swing = found.swing[kids]
    order = kids[np.lexsort((kids, -np.abs(found.removal[kids]), -swing))]
    if limit is not None:
        order = order[:limit]
    return [_crux(found, i, holds, threshold, shapley_values) for i in order.tolist()]


def crux_of(
    found: Contributions,
    claim_id: str,
    threshold: float = DEFAULT_THRESHOLD,
    shapley_values: ShapleyResult | None = None,
) -> Crux:
    """One claim's row, as :func:`rank` would give it (the root's own row too: removal 0,
    swing over its credence). Raises :class:`UnknownClaim` for a claim outside the tree."""
    check_threshold(threshold)
    try:
        i = found.index(claim_id)
    except ValueError:
        raise UnknownClaim(claim_id, found.tree.ids) from None
    holds = verdict_holds(found.tree.root_strength, threshold)
    return _crux(found, i, holds, threshold, shapley_values)


def _crux(
    found: Contributions, i: int, holds: bool, threshold: float, values: ShapleyResult | None
) -> Crux:
    tree = found.tree
    reach = float(found.low[i] if holds else found.high[i])
    return Crux(
        claim=tree.ids[i],
        depth=int(tree.depth[i]),
        stance=STANCE_NAMES[int(tree.stance[i])],
        direction=int(found.sign[i]),
        strength=float(tree.strength[i]),
        credence=float(tree.credence[i]),
        weight=int(tree.weight[i]),
        removal=float(found.removal[i]),
        without=float(found.without[i]),
        gradient_credence=float(found.gradient_credence[i]),
        gradient_weight=float(found.gradient_weight[i]),
        low=float(found.low[i]),
        high=float(found.high[i]),
        credence_low=float(found.credence_low[i]),
        credence_high=float(found.credence_high[i]),
        flips=verdict_holds(reach, threshold) != holds,
        shapley=None if values is None else values.values[i],
        shapley_error=None if values is None else values.errors[i],
    )


def robustness(found: Contributions, threshold: float = DEFAULT_THRESHOLD) -> Robustness:
    """The verdict under every semantics, and the claims behind a disagreement."""
    check_threshold(threshold)
    tree = found.tree
    trees = {name: tree if name == tree.semantics else rescored(tree, name) for name in BY_NAME}
    verdicts = {name: other.root_strength for name, other in trees.items()}
    sides = {verdict_holds(value, threshold) for value in verdicts.values()}
    if len(sides) == 1 or tree.size == 1:
        return Robustness(threshold, verdicts, len(sides) > 1, (), False)
    kids = np.arange(1, tree.size)
    without = np.array(
        [
            what_if(other, kids, other.credence[kids], np.zeros(kids.size))
            for other in trees.values()
        ]
    )
    removal = np.array([other.root_strength for other in trees.values()])[:, None] - without
    spread = removal.max(axis=0) - removal.min(axis=0)
    agree = np.all(without >= threshold, axis=0) | np.all(without < threshold, axis=0)
    reconciling = bool(agree.any())
    pool = np.flatnonzero(agree) if reconciling else np.arange(kids.size)
    chosen = pool[np.argsort(-spread[pool], kind="stable")][:FRAGILE_CAUSES]
    causes = tuple(tree.ids[int(kids[k])] for k in chosen if spread[k] > 1e-12 or reconciling)
    return Robustness(threshold, verdicts, True, causes, reconciling)


def crux_report(
    scorer: Scorer,
    root: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    budget: Budget | None = None,
    with_shapley: bool = True,
) -> CruxReport:
    """Everything for one root (default: the map's first root) under the scorer's semantics and
    perspective. Shapley and the flip search stay within ``budget``."""
    check_threshold(threshold)
    roots = list(scorer.verdicts())
    if root is None:
        if not roots:
            raise UnknownClaim("(no root)", [])
        root = roots[0]
    found = contributions(scorer, root)
    values = shapley(found.tree, budget) if with_shapley and found.tree.size > 1 else None
    return CruxReport(
        root=root,
        semantics=scorer.semantics,
        perspective=scorer.perspective,
        threshold=threshold,
        strength=found.strength,
        base=scorer.base(root),
        cruxes=rank(found, threshold, shapley_values=values),
        flip=smallest_flip(found, threshold, budget),
        robustness=robustness(found, threshold),
        shapley=values,
    )
