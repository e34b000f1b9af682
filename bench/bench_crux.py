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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

from debate.scoring import Scorer
from debate.scoring.contributions import contributions
from debate.scoring.crux import rank, robustness
from debate.scoring.flip import smallest_flip
from debate.scoring.shapley import Budget, LocalTree, sampled
from debate.store import load_map

RATIO_GOAL = 3.0
SECONDS_GOAL_100K = 1.0


def best(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(claims: int) -> bool:
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
    ratio = crux / full
    goals = ratio <= RATIO_GOAL and (claims < 100_000 or crux <= SECONDS_GOAL_100K)
    print(
        f"{claims:>7,} claims, root {root} with {sizes[root]:,} claims: "
        f"full rescore {full:.3f}s, crux ranking {crux:.3f}s = {ratio:.2f}x "
        f"(goal <= {RATIO_GOAL:.0f}x"
        + (f", <= {SECONDS_GOAL_100K:.0f}s" if claims >= 100_000 else "")
        + ")"
        + ("" if goals else "  GOAL MISSED")
    )
    print(
        f"{'':>9}robustness (4 semantics) {robust:.3f}s, smallest flip {flip:.3f}s, "
        f"Shapley 100 sampled orders {shapley:.3f}s"
    )
    return goals


def main() -> int:
    sizes = [10_000] if "--quick" in sys.argv else [10_000, 100_000]
    met = [measure(claims) for claims in sizes]
    print("goals met" if all(met) else "a goal was missed")
    return 0 if all(met) else 1


if __name__ == "__main__":
    raise SystemExit(main())
