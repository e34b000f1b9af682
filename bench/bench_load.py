"""Load + validate speed and memory, as ratios to a bare ``tomli.load`` of the same file.

Goals:
- issue 2: in process, ``load_map`` <= 1.3x ``tomli.load`` (10,000 claims); command-line
  start-up (``debate --version``) <= 1.3x ``python -c 'import tomli, pydantic'``.
- issue 13: ``debate validate`` of a 100,000-claim map <= 1.3x the CPU time and <= 1.5x the
  peak memory of a bare ``python -c 'import tomli; tomli.load(...)'`` process, on both
  generated shapes (``bench``: tags, notes, citations; ``plain``: five keys per claim).
- issue 10: a broken map is reported about as fast as a good one loads: every claim of
  10,000 naming its own unknown parent <= 3x loading the valid 10,000-claim map.

Run: ``python bench/bench_load.py [--quick]`` (--quick: 20,000 claims instead of 100,000).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Figure, cpu_best, debate, python, quick, report, run_process
from generate import SHAPES, map_text, write_map

from debate.errors import MapError
from debate.store import load_map, parse_map


def bare_tomli(path: Path) -> object:
    with path.open("rb") as handle:
        return tomli.load(handle)


def tomli_process(path: Path) -> list[str]:
    return python("-c", f"import tomli; tomli.load(open({str(path)!r}, 'rb'))")


def in_process(folder: Path, claims: int = 10_000) -> Figure:
    path = write_map(folder, claims)
    baseline = cpu_best(lambda: bare_tomli(path), 5)
    ours = cpu_best(lambda: load_map(path), 5)
    return Figure(
        f"load_map, {claims:,} claims, vs tomli.load (in process)",
        ours / baseline,
        1.3,
        detail=f"{ours * 1000:.0f} ms vs {baseline * 1000:.0f} ms CPU",
    )


def validate_processes(folder: Path, claims: int, repeat: int) -> list[Figure]:
    figures = []
    for shape in SHAPES:
        path = write_map(folder, claims, shape)
        base = run_process(tomli_process(path), repeat)
        ours = run_process(debate("validate", "-q", str(path)), repeat)
        figures.append(
            Figure(
                f"debate validate, {claims:,} claims ({shape}): CPU vs tomli process",
                ours.cpu / base.cpu,
                1.3,
                detail=f"{ours.cpu:.2f} s vs {base.cpu:.2f} s; wall {ours.wall:.2f} vs {base.wall:.2f}",
            )
        )
        figures.append(
            Figure(
                f"debate validate, {claims:,} claims ({shape}): peak memory",
                ours.peak / base.peak,
                1.5,
                detail=f"{ours.peak:.0f} MiB vs {base.peak:.0f} MiB",
            )
        )
    return figures


def unknown_parents(claims: int = 10_000) -> Figure:
    """Reporting ``claims`` unknown parents against loading the valid map."""
    valid = map_text(claims)
    broken = valid.replace('parent = "c', 'parent = "gone-c')

    def reported() -> None:
        try:
            parse_map(broken)
        except MapError:
            return
        raise AssertionError("the broken map loaded")

    baseline = cpu_best(lambda: parse_map(valid), 3)
    ours = cpu_best(reported, 3)
    return Figure(
        f"{claims:,} unknown parents reported, vs loading the valid map",
        ours / baseline,
        3.0,
        detail=f"{ours:.3f} s vs {baseline:.3f} s",
    )


def start_up() -> Figure:
    baseline = run_process(python("-c", "import tomli, pydantic"), 7)
    version = run_process(debate("--version"), 7)
    return Figure(
        "debate --version, vs python -c 'import tomli, pydantic'",
        version.wall / baseline.wall,
        1.3,
        detail=f"{version.wall * 1000:.0f} ms vs {baseline.wall * 1000:.0f} ms wall",
    )


def figures(fast: bool = False) -> list[Figure]:
    claims = 20_000 if fast else 100_000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        return [
            in_process(folder),
            *validate_processes(folder, claims, 2 if fast else 3),
            unknown_parents(),
            start_up(),
        ]


if __name__ == "__main__":
    raise SystemExit(report(figures(quick()), __doc__.splitlines()[0]))
