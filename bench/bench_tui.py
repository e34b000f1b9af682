"""Terminal app speed: first paint by map size, and the cost of a keypress and a weight change.

Goals (issue 4): a 10,000-claim map's first paint within 2x the default map's; a weight
change on the 10k map within 50 ms end to end (key in, strengths recomputed, screen
repainted). Issue 12: the first screen of ``debate FILE`` ("Opening FILE…", painted before
the file is read) costs the same for a 100,000-claim map as for the default map (≤ 1.5x).

First paint is measured in a fresh process per run (imports, load, scoring, first frame),
from the start of the process to the first idle screen, best of a few runs. Keypresses are
driven through Textual's Pilot, whose own bookkeeping costs the same for every key: each key
is reported as its total and net of an unbound key pressed the same way (the baseline).

Issue 13, on a 100,000-claim map (--quick: 20,000): the loading screen shows at most 0.3 s
later than the default map's; the map is interactive within 1.2x the wall time of ``debate
validate``; the app's peak memory is at most 2x a bare ``tomli.load`` process's.

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
from common import Figure, debate, python, quick, report, run_process
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
        # the screen and its widgets have handled their first messages (not "the process is
        # idle": a big map is being read in the background by then, by design)
        await pilot.pause(0)
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


INTERACTIVE = """
import time
start = time.perf_counter()
import asyncio, os, sys
os.environ["DEBATE_CONFIG_DIR"] = sys.argv[2]
from debate.tui.app import DebateApp

async def main():
    app = DebateApp(None, path=sys.argv[1], watch=False, journal=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while not (app.map_screen is not None and app.screen is app.map_screen):
            await asyncio.sleep(0.01)
        await pilot.pause()
        assert app.screen.claim_tree.ids
        print(time.perf_counter() - start)

asyncio.run(main())
"""
"""``debate FILE`` as a person opens it: the loading screen, then the map, ready for keys."""


def app_at_size(folder: Path, config: Path, claims: int, repeat: int) -> list[Figure]:
    """Issue 13: on a big map, progress shows at once, the map is ready about when
    ``debate validate`` would have finished, and the app's memory stays near the file's."""
    path = write_map(folder, claims)
    screen_base = first_paint(DEFAULT_MAP, config, repeat, FIRST_SCREEN)
    screen_big = first_paint(path, config, repeat, FIRST_SCREEN)
    ready = first_paint(path, config, repeat, INTERACTIVE)
    validate = run_process(debate("validate", "-q", str(path)), repeat)
    app = run_process(python("-c", INTERACTIVE, str(path), str(config)), 1)
    tomli_run = run_process(
        python("-c", f"import tomli; tomli.load(open({str(path)!r}, 'rb'))"), repeat
    )
    return [
        Figure(
            f"first screen of debate FILE, {claims:,} claims, vs default map",
            screen_big / screen_base,
            1.5,
            detail=f"{screen_big * 1000:.0f} ms vs {screen_base * 1000:.0f} ms",
        ),
        Figure(
            f"progress shown, {claims:,} claims: later than for the default map by",
            (screen_big - screen_base) * 1000,
            300,
            unit="ms",
        ),
        Figure(
            f"app interactive, {claims:,} claims, vs debate validate (wall)",
            ready / validate.wall,
            1.2,
            detail=f"{ready:.2f} s vs {validate.wall:.2f} s",
        ),
        Figure(
            f"app peak memory, {claims:,} claims, vs tomli.load process",
            app.peak / tomli_run.peak,
            2.0,
            detail=f"{app.peak:.0f} MiB vs {tomli_run.peak:.0f} MiB",
        ),
    ]


def figures(fast: bool = False) -> list[Figure]:
    repeat = 2 if fast else 3
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        config = folder / "config"
        baseline = first_paint(DEFAULT_MAP, config, repeat)
        ten_k = write_map(folder, 10_000)
        paint = first_paint(ten_k, config, repeat)
        out = [
            Figure(
                "first paint, 10,000 claims, vs the default map",
                paint / baseline,
                2.0,
                detail=f"{paint * 1000:.0f} ms vs {baseline * 1000:.0f} ms",
            ),
            *app_at_size(folder, config, 20_000 if fast else 100_000, 1 if fast else 2),
        ]
        results = asyncio.run(keys(ten_k, 10 if fast else 30))
    base = results["baseline (unbound key)"]
    for name, seconds in results.items():
        print(f"  {name:<30} {seconds * 1000:6.1f} ms (Pilot press, median)")
    weight = results["weight change (1/3)"] - base
    out.append(
        Figure("weight change end to end on the 10k map, net of Pilot", weight * 1000, 50, "ms")
    )
    return out


if __name__ == "__main__":
    raise SystemExit(report(figures(quick()), __doc__.splitlines()[0]))
