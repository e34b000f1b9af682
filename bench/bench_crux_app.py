"""How much the app's event loop slows while the crux view searches, as a ratio to idle.

The crux view's Shapley values and flip search are pure Python loops. Run in a thread they
hold the GIL and every turn of the app's event loop waits for it; the app runs them in a
child process instead (``debate.tui.crux_search``). This measures the mean time of an event
loop turn (``await asyncio.sleep(0.001)``) while idle, while a 2-second sampled Shapley search
runs in a thread, and while the same search runs through ``crux_search.search``, all in the
same run on the biggest tree of the generated 10,000-claim map.

Goal (issue 14, "never blocking the event loop"): with the search in a child process, the
mean turn is at most 3x the idle one. The thread figure is shown for comparison.

Run: ``python bench/bench_crux_app.py``. Exit status 1 when the goal is missed.
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
from generate import write_map

from debate.scoring import Scorer
from debate.scoring.contributions import contributions
from debate.scoring.shapley import Budget, shapley
from debate.store import load_map
from debate.tui.crux_search import Limits, prepare, search

GOAL = 3.0
SECONDS = 2.0


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


async def measure() -> bool:
    prepare()
    with tempfile.TemporaryDirectory() as folder:
        argmap = load_map(write_map(Path(folder), 10_000)).argmap
    scorer = Scorer(argmap)
    tree = argmap.tree()
    root = max(tree.roots, key=lambda name: sum(1 for _ in tree.walk(name)))
    found = contributions(scorer, root)
    limits = Limits(seconds=SECONDS)
    search(found, 0.5, shapley=False, flip=True, limits=Limits(seconds=0.1))  # start-up paid
    idle = await mean_turn(lambda: time.sleep(SECONDS))
    threaded = await mean_turn(lambda: shapley(found.tree, Budget(seconds=SECONDS)))
    child = await mean_turn(lambda: search(found, 0.5, shapley=True, flip=False, limits=limits))
    ratio = child / idle
    print(f"root {root} with {found.tree.size:,} claims; mean event loop turn:")
    print(f"  idle                               {idle * 1000:6.2f} ms")
    print(f"  Shapley search in a thread         {threaded * 1000:6.2f} ms  {threaded / idle:.1f}x")
    print(
        f"  Shapley search in a child process  {child * 1000:6.2f} ms  {ratio:.1f}x "
        f"(goal <= {GOAL:.0f}x)"
    )
    return ratio <= GOAL


def main() -> int:
    met = asyncio.run(measure())
    print("goal met" if met else "GOAL MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
