"""The gradual semantics: how a claim's base score and its children's strengths combine.

Every semantics here is *modular* (Mossakowski & Neuhaus 2018): it first aggregates the
children into one support value and one attack value, then an influence function turns
(base, support, attack) into the strength. The engine (``debate.scoring.engine``) folds the
children itself, so the only per-semantics code is two tiny pure functions, which keeps the
hot loop free of calls and lists.

Each child enters the aggregation as ``(weight / 4) * strength``: weight 4 is the plain
(unweighted) edge of the papers, weight 0 makes the child inert.

Aggregations:
  ``product``  1 - prod(1 - x_i)   (DF-QuAD's probabilistic sum; 0 with no children)
  ``sum``      sum(x_i)

Pure: no imports beyond the standard library.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Aggregation = Literal["product", "sum"]
Influence = Callable[[float, float, float], float]
"""``(base, support, attack) -> strength``; every value in [0, 1] except sums (>= 0)."""

EXP_LIMIT = 700.0
"""``math.exp`` overflows past ~709; beyond this the Euler formula is already at its limit."""


def dfquad_influence(base: float, support: float, attack: float) -> float:
    """DF-QuAD (Rago et al. 2016): move towards 0 or 1 by the net aggregated difference."""
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


def quadratic_energy_influence(base: float, support: float, attack: float) -> float:
    """Quadratic energy (Potyka 2018): energy E = support - attack, h(E) = E²/(1+E²)."""
    energy = support - attack
    if energy >= 0.0:
        squared = energy * energy
        return base + (1.0 - base) * squared / (1.0 + squared)
    squared = energy * energy
    return base - base * squared / (1.0 + squared)


def euler_influence(base: float, support: float, attack: float) -> float:
    """Euler-based (Amgoud & Ben-Naim 2018): 1 - (1 - b²) / (1 + b·e^E), E = support - attack."""
    energy = support - attack
    if energy == 0.0:
        return base  # the formula's value, without its rounding error
    if energy > EXP_LIMIT:
        energy = EXP_LIMIT
    return 1.0 - (1.0 - base * base) / (1.0 + base * math.exp(energy))


def h_categorizer_influence(base: float, support: float, attack: float) -> float:
    """Weighted h-categorizer (Amgoud et al. 2017) for attacks, its mirror image for supports.

    Attack-only: b / (1 + A), exactly the weighted h-categorizer. Supports then pull the
    result towards 1 the same way attacks pull towards 0: 1 - (1 - x) / (1 + S).
    """
    attacked = base / (1.0 + attack)
    if support == 0.0:
        return attacked
    return 1.0 - (1.0 - attacked) / (1.0 + support)


@dataclass(frozen=True, slots=True)
class Semantics:
    """One gradual semantics: how children aggregate and how the result moves the base."""

    name: str
    description: str
    aggregation: Aggregation
    influence: Influence
    reference: str


ALL: tuple[Semantics, ...] = (
    Semantics(
        "df-quad",
        "DF-QuAD: probabilistic sum of attackers and supporters; the difference moves the base",
        "product",
        dfquad_influence,
        "Rago, Toni, Aurisicchio, Baroni: Discontinuity-Free Decision Support with "
        "Quantitative Argumentation Debates, KR 2016",
    ),
    Semantics(
        "quadratic-energy",
        "quadratic energy: sum of supporters minus attackers, squashed by E²/(1+E²)",
        "sum",
        quadratic_energy_influence,
        "Potyka: Continuous Dynamical Systems for Weighted Bipolar Argumentation, KR 2018",
    ),
    Semantics(
        "euler",
        "Euler-based: 1 - (1 - b²)/(1 + b·e^E), E = sum of supporters minus attackers",
        "sum",
        euler_influence,
        "Amgoud, Ben-Naim: Weighted Bipolar Argumentation Graphs: Axioms and Semantics, IJCAI 2018",
    ),
    Semantics(
        "h-categorizer",
        "weighted h-categorizer: b/(1 + sum of attackers), mirrored for supporters",
        "sum",
        h_categorizer_influence,
        "Amgoud, Ben-Naim, Doder, Vesic: Acceptability Semantics for Weighted Argumentation "
        "Frameworks, IJCAI 2017",
    ),
)

BY_NAME: dict[str, Semantics] = {semantics.name: semantics for semantics in ALL}
