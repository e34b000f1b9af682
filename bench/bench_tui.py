"""Terminal app speed: first paint by map size, and the cost of a keypress and a weight change.

Goals (issue 4): a 10,000-claim map's first paint within 2x the default map's; a weight
change on the 10k map within 50 ms end to end (key in, strengths recomputed, screen
repainted). Issue 12: the first screen of ``debate FILE`` ("Opening FILE…", painted before
the file is read) costs the same for a 100,000-claim map as for the default map (≤ 1.5x).

First paint is measured in a fresh process per run (imports, load, scoring, first frame),
from the start of the process to the first idle screen, best of a few runs. Keypresses are
driven through Textual's Pilot, whose own bookkeeping costs the same for every key: each key
is reported as its total and net of an unbound key pressed the same way (the baseline).

Run: ``python bench/bench_tui.py [--quick]``.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MAP = ROOT / "debate" / "data" / "arguments.toml"

CHILD = """
import time
start = time.perf_counter()
import asyncio, os, sys
os.environ["DEBATE_CONFIG_DIR"] = sys.argv[2]
from debate.store import load_map
from debate.tui.app import DebateApp

async def main():
    app = DebateApp(load_map(sys.argv[1]), watch=False, journal=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.claim_tree.ids
        print(time.perf_counter() - start)

asyncio.run(main())
"""


FIRST_SCREEN = """
import time
start = time.perf_counter()
import asyncio, os, sys
os.environ["DEBATE_CONFIG_DIR"] = sys.argv[2]
from debate.tui.app import DebateApp

async def main():
    app = DebateApp(None, path=sys.argv[1], watch=False, journal=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = time.perf_counter() - start
        assert app.screen.__class__.__name__ in ("LoadingScreen", "MapScreen")
        print(shown)
        app.exit()

asyncio.run(main())
"""


def first_paint(path: Path, config: Path, repeat: int, child: str = CHILD) -> float:
    times = []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, "-c", child, str(path), str(config)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        times.append(float(result.stdout.strip().splitlines()[-1]))
    return min(times)


async def keys(path: Path, repeat: int) -> dict[str, float]:
    """Median seconds per key: an unbound key, a cursor move, a weight change."""
    from debate.store import load_map
    from debate.tui.app import DebateApp

    app = DebateApp(load_map(path), watch=False, journal=False)
    results: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        tree = screen.claim_tree  # type: ignore[attr-defined]
        await pilot.press("E")  # everything expanded: the worst case for the tree
        tree.select("c4")
        await pilot.pause()

        async def timed(key: str) -> float:
            start = time.perf_counter()
            await pilot.press(key)
            return time.perf_counter() - start

        results["baseline (unbound key)"] = statistics.median(
            [await timed("f12") for _ in range(repeat)]
        )
        moves = []
        for index in range(repeat):
            moves.append(await timed("j" if index % 2 == 0 else "k"))
        results["cursor move (j/k)"] = statistics.median(moves)
        weights = []
        for index in range(repeat):
            weights.append(await timed("3" if index % 2 == 0 else "1"))
        results["weight change (1/3)"] = statistics.median(weights)
        # the synchronous part alone: edit, rescore ancestors, repaint bookkeeping
        direct = []
        for index in range(repeat):
            start = time.perf_counter()
            screen.action_weight(4 if index % 2 == 0 else 0)  # type: ignore[attr-defined]
            direct.append(time.perf_counter() - start)
            await pilot.pause()
        results["weight change, handler only"] = statistics.median(direct)
        assert screen.session.dirty  # type: ignore[attr-defined]
    return results


def main() -> int:
    quick = "--quick" in sys.argv
    repeat = 2 if quick else 3
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config"
        baseline = first_paint(DEFAULT_MAP, config, repeat)
        print(f"first paint, default map (41 claims): {baseline * 1000:7.0f} ms")
        paints: dict[int, float] = {}
        for size in sizes:
            path = write_map(Path(folder), size)
            paints[size] = first_paint(path, config, 1 if size >= 100_000 else repeat)
            ratio = paints[size] / baseline
            goal = "  (goal <= 2.0x)" if size == 10_000 else ""
            print(
                f"first paint, {size:>7,} claims:          {paints[size] * 1000:7.0f} ms"
                f"  {ratio:5.2f}x{goal}"
            )
            if size == 10_000 and ratio > 2.0:
                failures += 1
        # opened as `debate FILE` does: the app paints "Opening…" and reads in a thread
        screen_base = first_paint(DEFAULT_MAP, config, repeat, FIRST_SCREEN)
        biggest = max(sizes)
        screen_big = first_paint(write_map(Path(folder), biggest), config, repeat, FIRST_SCREEN)
        print(
            f"first screen (Opening…), default map: {screen_base * 1000:7.0f} ms; "
            f"{biggest:,} claims: {screen_big * 1000:7.0f} ms  "
            f"{screen_big / screen_base:5.2f}x  (goal <= 1.5x: the file is read after it)"
        )
        if screen_big / screen_base > 1.5:
            failures += 1
        ten_k = write_map(Path(folder), 10_000)
        results = asyncio.run(keys(ten_k, 10 if quick else 30))
    base = results["baseline (unbound key)"]
    print("keys on the 10k map, everything expanded (Pilot press, median):")
    for name, seconds in results.items():
        net = (
            ""
            if "baseline" in name or "handler" in name
            else f"  net {(seconds - base) * 1000:5.1f} ms"
        )
        print(f"  {name:<30} {seconds * 1000:6.1f} ms{net}")
    weight = results["weight change (1/3)"] - base
    print(f"weight change end to end (net of Pilot): {weight * 1000:.1f} ms  (goal <= 50 ms)")
    if weight > 0.050:
        failures += 1
    print("PASS" if not failures else f"FAIL ({failures} goal(s) missed)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
