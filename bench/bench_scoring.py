"""Scoring speed on a generated 100,000-claim map: full recompute vs one incremental update.

Goals (issue 3): a full recompute <= 0.5 s; an incremental update after one weight or
credence change <= 1 ms, i.e. at least 300x cheaper than the full recompute measured in the
same run.

"Full" is ``Scorer.rebuild()``: flatten the map, read every effective weight and credence,
score every claim. "Scores only" is the scoring pass alone (what a perspective or semantics
switch costs). "Incremental" is one edit (alternately a weight and a credence, on claims
spread over the map) followed by ``Scorer.refresh(claim_id)``; the median and the worst of
many edits are shown. Run: ``python bench/bench_scoring.py [--quick]`` (--quick: 10,000
claims).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

from debate.scoring import SEMANTICS, Scorer
from debate.store import load_map


def best(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def incremental_times(scorer: Scorer, edits: int, seed: int = 3) -> list[float]:
    argmap = scorer.argmap
    rng = random.Random(seed)
    candidates = [claim_id for claim_id, claim in argmap.claims.items() if claim.parent]
    times = []
    for index in range(edits):
        claim_id = rng.choice(candidates)
        claim = argmap.claims[claim_id]
        start = time.perf_counter()
        if index % 2:
            claim.credence = rng.randrange(101) / 100
        else:
            claim.weight = rng.randrange(5)
        scorer.refresh(claim_id)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    claims = 10_000 if "--quick" in sys.argv else 100_000
    with tempfile.TemporaryDirectory() as folder:
        argmap = load_map(write_map(Path(folder), claims)).argmap
    depth = max(depth for _, depth in argmap.tree().walk())
    print(f"{claims:,} claims, {len(argmap.tree().roots)} roots, deepest level {depth}")
    print(
        f"{'semantics':<17} {'full':>8} {'scores only':>12} "
        f"{'incr. median':>13} {'incr. worst':>12} {'ratio':>7}"
    )
    failures = 0
    for name in SEMANTICS:
        scorer = Scorer(argmap, name)
        full = best(scorer.rebuild, 5)
        scores_only = best(lambda scorer=scorer, name=name: scorer.set_semantics(name), 5)
        times = incremental_times(scorer, 400)
        median, worst = statistics.median(times), max(times)
        ratio = full / median
        check = Scorer(argmap, name).strengths
        assert scorer.strengths == check, "incremental result differs from a full recompute"
        goals = full <= 0.5 and median <= 0.001 and ratio >= 300
        failures += not goals
        print(
            f"{name:<17} {full:>7.3f}s {scores_only:>11.3f}s "
            f"{median * 1e3:>11.3f}ms {worst * 1e3:>10.3f}ms {ratio:>6.0f}x"
            + ("" if goals else "  goal missed")
        )
    print("goals met" if not failures else f"{failures} semantics missed a goal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
