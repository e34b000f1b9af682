"""How long the app's event loop waits while the crux code works, as ratios measured in the
same run.

1. The crux view's searches (Shapley values, the smallest flip) are pure Python loops. Run in
   a thread they would hold the GIL and every turn of the event loop would wait for it; the
   app runs them in a child process (``debate.tui.crux_search``). Measured: the mean time of
   an event loop turn (``await asyncio.sleep(0.001)``) while idle, while a 2-second sampled
   Shapley search runs in a thread (shown for comparison) and while the same search runs
   through ``crux_search.search``, on the biggest tree of the generated 10,000-claim map.
   Goal (issue 14, "never blocking the event loop"): in a child process, at most 3x idle.
2. After each edit the map screen's crux cache weighs the roots the header shows again, in a
   thread (``debate.tui.crux_cache``). Measured on a 100,000-claim map (--quick: 20,000) in
   the app, driven by Pilot: the longest event loop turn in the 1.5 s after each of a few
   edits and undos, against the time the same weighing takes (every root the header shows,
   best of 3). Goal: at most 0.5x, the loop is never held for the weighing. Measured on a
   loaded 2-core machine: 0.03x (15 ms vs 535 ms); before the weighing paused the cyclic
   collector, a full collection of the app's heap that it set off held the loop for 0.9x
   the weighing (half a second), after every edit or two.

Run: ``python bench/bench_crux_app.py [--quick]`` or ``python bench/run.py crux-app``.
Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Figure, best, quick, report
from generate import write_map

from debate.scoring import Scorer
from debate.scoring.contributions import contributions
from debate.scoring.shapley import Budget, shapley
from debate.store import load_map
from debate.tui.crux_search import Limits, prepare, search

SEARCH_GOAL = 3.0
SECONDS = 2.0
EDIT_GOAL = 0.5
EDITS = [("j", "2"), ("j", "3"), ("+",), ("k", "1"), ("u",), ("u",)]
"""Weight and credence edits a few claims under the first root, then undos."""


async def mean_turn(work: Callable[[], object]) -> float:
    """The mean event loop turn, in seconds, while ``work`` runs in a thread."""
    runner = threading.Thread(target=work)
    runner.start()
    turns = []
    while runner.is_alive():
        start = time.perf_counter()
        await asyncio.sleep(0.001)
        turns.append(time.perf_counter() - start)
    runner.join()
    return sum(turns) / len(turns)


async def search_turns(folder: Path) -> list[Figure]:
    prepare()
    argmap = load_map(write_map(folder, 10_000)).argmap
    scorer = Scorer(argmap)
    tree = argmap.tree()
    root = max(tree.roots, key=lambda name: sum(1 for _ in tree.walk(name)))
    found = contributions(scorer, root)
    limits = Limits(seconds=SECONDS)
    search(found, 0.5, shapley=False, flip=True, limits=Limits(seconds=0.1))  # start-up paid
    idle = await mean_turn(lambda: time.sleep(SECONDS))
    threaded = await mean_turn(lambda: shapley(found.tree, Budget(seconds=SECONDS)))
    child = await mean_turn(lambda: search(found, 0.5, shapley=True, flip=False, limits=limits))
    print(
        f"  mean event loop turn, root {root} ({found.tree.size:,} claims): idle "
        f"{idle * 1000:.2f} ms, Shapley search in a thread {threaded * 1000:.2f} ms "
        f"({threaded / idle:.1f}x), in a child process {child * 1000:.2f} ms"
    )
    return [
        Figure(
            "crux search in a child: event loop turn vs idle",
            child / idle,
            SEARCH_GOAL,
            detail=f"{child * 1000:.2f} ms vs {idle * 1000:.2f} ms; a thread: {threaded / idle:.1f}x",
        )
    ]


async def longest_turn(seconds: float) -> float:
    longest = 0.0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        await asyncio.sleep(0.005)
        longest = max(longest, time.perf_counter() - start - 0.005)
    return longest


async def edit_turns(folder: Path, claims: int) -> list[Figure]:
    from debate.tui.app import DebateApp
    from debate.tui.crux_cache import weigh_root
    from debate.tui.widgets.header import MAX_VERDICTS

    loaded = load_map(write_map(folder, claims))
    app = DebateApp(loaded, watch=False, journal=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.map_screen
        assert screen is not None
        while not screen.crux_cache.warm or screen.crux_cache.busy:  # the first weighing
            await pilot.pause(0.05)
        longest = 0.0
        for keys in EDITS:
            await pilot.press(*keys)
            longest = max(longest, await longest_turn(1.5))
        scorer = screen.session.scorer
        roots = list(scorer.verdicts())[:MAX_VERDICTS]
        weighing = best(lambda: [weigh_root(scorer, root) for root in roots], 3)
    print(
        f"  {claims:,} claims: longest event loop turn after {len(EDITS)} edits and undos "
        f"{longest * 1000:.0f} ms; weighing {len(roots)} roots {weighing * 1000:.0f} ms"
    )
    return [
        Figure(
            f"crux cache, {claims:,} claims: longest turn vs weighing",
            longest / weighing,
            EDIT_GOAL,
            detail=f"{longest * 1000:.0f} ms vs {weighing * 1000:.0f} ms",
        )
    ]


def figures(fast: bool = False) -> list[Figure]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        out = asyncio.run(search_turns(folder))
        out += asyncio.run(edit_turns(folder, 20_000 if fast else 100_000))
    return out


if __name__ == "__main__":
    raise SystemExit(report(figures(quick()), __doc__.splitlines()[0]))
