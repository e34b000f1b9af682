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
from common import Figure, best, quick, report
from generate import write_map

from debate.scoring import SEMANTICS, Scorer
from debate.store import load_map


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


def figures(fast: bool = False) -> list[Figure]:
    claims = 10_000 if fast else 100_000
    with tempfile.TemporaryDirectory() as folder:
        argmap = load_map(write_map(Path(folder), claims)).argmap
    out = []
    for name in SEMANTICS:
        scorer = Scorer(argmap, name)
        full = best(scorer.rebuild, 5)
        times = incremental_times(scorer, 400)
        median = statistics.median(times)
        check = Scorer(argmap, name).strengths
        assert scorer.strengths == check, "incremental result differs from a full recompute"
        out.append(Figure(f"{name}: full recompute, {claims:,} claims", full, 0.5, "s"))
        out.append(
            Figure(
                f"{name}: incremental update after one edit (median)",
                median * 1000,
                1.0,
                "ms",
                detail=f"worst {max(times) * 1000:.2f} ms",
            )
        )
        out.append(
            Figure(f"{name}: full recompute / incremental", full / median, 300, at_least=True)
        )
    return out


if __name__ == "__main__":
    raise SystemExit(report(figures(quick()), __doc__.splitlines()[0]))
