"""The map view: which layered layout to use, and the cost of moving the focus on a big map.

1. Layout engines, on the same neighbourhoods (the default map's roots and a few busy
   claims of the 10,000-claim bench map, at 120x37 cells): grandalf's Sugiyama layout in
   process (what ``debate.map_layout`` uses) against Graphviz ``dot -Tplain`` run as a
   subprocess (when installed). Both feed the same rounding and sweep into cells, so the
   figures compare placement only: time per layout (median), the map's width in cells and
   the mean sideways jog of a tree edge (smaller reads better).
2. Keys in the map view on the 10k map, driven through Pilot at 120x40 and reported net
   of an unbound key pressed the same way: moving the selection to another drawn box, and
   re-centring (a new layout). Goal (issue 17): a focus move repaints within 50 ms.

Run: ``python bench/bench_map.py [--quick]``.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MAP = ROOT / "debate" / "data" / "arguments.toml"
GOAL_MS = 50.0

Place = Callable[..., tuple[dict[str, float], list[list[str]], dict[tuple[str, str], list[float]]]]


def place_with_dot(
    rows: list[list[str]],
    widths: list[int],
    tree_edges: list[tuple[str, str]],
    links: list[tuple[str, str]],
) -> tuple[dict[str, float], list[list[str]], dict[tuple[str, str], list[float]]]:
    """``debate.map_layout._place`` done by Graphviz: one cell is 0.1 inch wide."""
    ranks = {claim_id: index for index, row in enumerate(rows) for claim_id in row}
    names = {claim_id: f"n{index}" for index, claim_id in enumerate(ranks)}
    lines = ["digraph { nodesep=0.2; ranksep=0.3; node [shape=box, fixedsize=true, height=0.3];"]
    for index, row in enumerate(rows):
        members = " ".join(f"{names[c]} [width={widths[index] / 10:.2f}];" for c in row)
        lines.append(f"{{ rank=same; {members} }}")
        lines.append(" -> ".join(names[c] for c in row) + " [style=invis];" if len(row) > 1 else "")
    for a, b in tree_edges:
        lines.append(f"{names[a]} -> {names[b]};")
    spanning = [(a, b) for a, b in links if ranks[a] != ranks[b]]
    for a, b in spanning:
        upper, lower = (a, b) if ranks[a] < ranks[b] else (b, a)
        lines.append(f"{names[upper]} -> {names[lower]};")
    lines.append("}")
    out = subprocess.run(
        ["dot", "-Tplain"], input="\n".join(lines), capture_output=True, text=True, check=True
    ).stdout
    by_name = {name: claim_id for claim_id, name in names.items()}
    xs: dict[str, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            xs[by_name[parts[1]]] = float(parts[2]) * 10
    order = [sorted(row, key=lambda claim_id: xs[claim_id]) for row in rows]
    dummies = {
        (a, b): [
            xs[a] + (xs[b] - xs[a]) * (rank - ranks[a]) / (ranks[b] - ranks[a])
            for rank in range(min(ranks[a], ranks[b]) + 1, max(ranks[a], ranks[b]))
        ]
        for a, b in spanning
    }
    return xs, order, dummies


def neighbourhoods(path: Path, picks: int) -> tuple[object, list[str]]:
    """The map's tree and the centres to lay out: every root, then the claims with the
    most children (the busiest neighbourhoods)."""
    from debate.model import MapTree
    from debate.store import load_map

    argmap = load_map(path).argmap
    tree = MapTree.build(argmap)
    busiest = sorted(argmap.claims, key=lambda c: -len(tree.children[c]))[:picks]
    return argmap, list(dict.fromkeys([*tree.roots[:picks], *busiest]))


def compare_engines(path: Path, picks: int, repeat: int) -> dict[str, dict[str, float]]:
    import debate.map_layout as map_layout
    from debate.map_layout import Fit, layout_neighbourhood

    argmap, centres = neighbourhoods(path, picks)
    tree = __import__("debate.model", fromlist=["MapTree"]).MapTree.build(argmap)  # type: ignore[attr-defined]
    claims = argmap.claims  # type: ignore[attr-defined]
    fit = Fit(120, 37)
    engines: dict[str, Place] = {"grandalf": map_layout._place}
    if shutil.which("dot"):
        engines["dot"] = place_with_dot
    original = map_layout._place
    results: dict[str, dict[str, float]] = {}
    try:
        for name, place in engines.items():
            map_layout._place = place  # type: ignore[assignment]
            times, widths, jogs, boxes = [], [], [], []
            for centre in centres:
                for _ in range(repeat):
                    start = time.perf_counter()
                    layout = layout_neighbourhood(
                        tree,
                        lambda c: claims[c].text,
                        centre,
                        fit,
                        links_of=lambda c: claims[c].links,
                    )
                    times.append(time.perf_counter() - start)
                widths.append(layout.width)
                boxes.append(len(layout.boxes))
                tree_routes = [r for r in layout.routes if r.kind == "tree"]
                jogs.extend(abs(r.points[0][0] - r.points[-1][0]) for r in tree_routes)
            results[name] = {
                "ms per layout": statistics.median(times) * 1000,
                "boxes (mean)": statistics.mean(boxes),
                "width, cells (mean)": statistics.mean(widths),
                "edge jog, cells (mean)": statistics.mean(jogs) if jogs else 0.0,
            }
    finally:
        map_layout._place = original  # type: ignore[assignment]
    return results


async def keys(path: Path, repeat: int) -> dict[str, float]:
    """Median seconds per key in the map view: unbound, a move between drawn boxes, a
    re-centre (Enter), and a move that leaves the drawn boxes (a new layout)."""
    from debate.store import load_map
    from debate.tui.app import DebateApp

    app = DebateApp(load_map(path), watch=False, journal=False)
    results: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("M")
        await pilot.pause()
        view = screen.argument_map  # type: ignore[attr-defined]
        tree = screen.session.tree  # type: ignore[attr-defined]
        busy = max(tree.children, key=lambda c: len(tree.children[c]) if tree.parent[c] else 0)
        view.recentre(busy)
        await pilot.pause()

        async def timed(*pressed: str) -> float:
            start = time.perf_counter()
            await pilot.press(*pressed)
            return time.perf_counter() - start

        results["baseline (unbound key)"] = statistics.median(
            [await timed("f12") for _ in range(repeat)]
        )
        await pilot.press("j")  # down to a child: its siblings are drawn beside it
        moves = []
        for index in range(repeat):
            moves.append(await timed("l" if index % 2 == 0 else "h"))
        results["move between drawn boxes (h/l)"] = statistics.median(moves)
        centres = []
        for index in range(repeat):
            await pilot.press("j" if index % 2 == 0 else "k")
            centres.append(await timed("enter"))
        results["re-centre (enter, new layout)"] = statistics.median(centres)
        jumps = []
        for index in range(repeat):
            view.recentre(busy)
            await pilot.pause()
            jumps.append(await timed("k" if index % 2 == 0 else "j"))
        results["up past the top box (new layout)"] = statistics.median(jumps)
        direct = []
        for index in range(repeat):
            target = tree.children[busy][index % len(tree.children[busy])]
            start = time.perf_counter()
            view.recentre(target)
            direct.append(time.perf_counter() - start)
            await pilot.pause()
        results["re-centre, handler only"] = statistics.median(direct)
    return results


def main() -> int:
    quick = "--quick" in sys.argv
    repeat = 3 if quick else 7
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        ten_k = write_map(Path(folder), 10_000)
        print("layout engines, 120x37 cells, median per layout:")
        for label, path, picks in (("default map", DEFAULT_MAP, 3), ("10k map", ten_k, 4)):
            for engine, figures in compare_engines(path, picks, repeat).items():
                shown = "  ".join(f"{name} {value:6.1f}" for name, value in figures.items())
                print(f"  {label:<12} {engine:<9} {shown}")
        results = asyncio.run(keys(ten_k, 10 if quick else 25))
    base = results["baseline (unbound key)"]
    print("map view keys on the 10k map (Pilot press, median):")
    for name, seconds in results.items():
        net = (
            ""
            if "baseline" in name or "handler" in name
            else f"  net {(seconds - base) * 1000:5.1f} ms"
        )
        print(f"  {name:<34} {seconds * 1000:6.1f} ms{net}")
    for name in (
        "move between drawn boxes (h/l)",
        "re-centre (enter, new layout)",
        "up past the top box (new layout)",
    ):
        net_ms = (results[name] - base) * 1000
        print(f"{name}, net of Pilot: {net_ms:.1f} ms  (goal <= {GOAL_MS:.0f} ms)")
        if net_ms > GOAL_MS:
            failures += 1
    print("PASS" if not failures else f"FAIL ({failures} goal(s) missed)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
