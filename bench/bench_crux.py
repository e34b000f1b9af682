"""Crux ranking speed, as a ratio to a full rescore measured in the same run.

Goals (issue 14): on a 10,000-claim map the crux ranking for a root (removal and gradient
contributions and every claim's swing: ``contributions`` + ``rank``) costs at most 3x a full
rescore (``Scorer.rebuild()``), and at most 1 s on 100,000 claims. The root measured is the one
with the biggest tree. Also shown, without goals (they are bounded by ``--time-limit`` and
``--samples`` in the command line): robustness across the four semantics, the smallest-flip
search, and 100 sampled Shapley orders.

Run: ``python bench/bench_crux.py [--quick]`` (--quick: 10,000 claims only). Exit status 1 when
a goal is missed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Figure, best, quick, report
from generate import write_map

from debate.scoring import Scorer
from debate.scoring.contributions import contributions
from debate.scoring.crux import rank, robustness
from debate.scoring.flip import smallest_flip
from debate.scoring.shapley import Budget, LocalTree, sampled
from debate.store import load_map

RATIO_GOAL = 3.0
SECONDS_GOAL_100K = 1.0


def measure(claims: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        argmap = load_map(write_map(Path(folder), claims)).argmap
    scorer = Scorer(argmap)
    tree = argmap.tree()
    sizes = {root: sum(1 for _ in tree.walk(root)) for root in tree.roots}
    root = max(sizes, key=lambda name: sizes[name])
    full = best(scorer.rebuild, 5)

    def ranking() -> None:
        rank(contributions(scorer, root), 0.5, limit=10)

    crux = best(ranking, 5)
    found = contributions(scorer, root)
    robust = best(lambda: robustness(found), 3)
    flip = best(lambda: smallest_flip(found, 0.5, Budget(seconds=None)), 1)
    local = LocalTree.of(found.tree)
    shapley = best(lambda: sampled(local, Budget(samples=100, seconds=None)), 1)
    print(
        f"  {claims:,} claims: robustness (4 semantics) {robust:.3f}s, smallest flip "
        f"{flip:.3f}s, Shapley 100 sampled orders {shapley:.3f}s (no goals)"
    )
    figures = [
        Figure(
            f"crux ranking, {claims:,} claims, vs a full rescore",
            crux / full,
            RATIO_GOAL,
            detail=f"{crux:.3f} s vs {full:.3f} s; root {root}, {sizes[root]:,} claims",
        )
    ]
    if claims >= 100_000:
        figures.append(Figure(f"crux ranking, {claims:,} claims", crux, SECONDS_GOAL_100K, "s"))
    return figures


def figures(fast: bool = False) -> list[Figure]:
    sizes = [10_000] if fast else [10_000, 100_000]
    return [figure for claims in sizes for figure in measure(claims)]


if __name__ == "__main__":
    raise SystemExit(report(figures(quick()), __doc__.splitlines()[0]))
