"""Load + validate speed, as ratios to a bare ``tomli.load`` of the same file.

Goals (issue 2): in process <= 1.3x tomli.load; as whole processes (``debate validate``
against ``python -c 'import tomli; tomli.load(...)'``) <= 1.5x; command-line start-up
(``debate --version``) <= 1.3x ``python -c 'import tomli, pydantic'``.

Goal (issue 10): a broken map is reported about as fast as a good one loads: every claim of
10,000 naming its own unknown parent (each a did-you-mean over every id, once quadratic:
over 120 s) <= 3x loading the valid 10,000-claim map.

Run: ``python bench/bench_load.py [--quick]``. Times are the best of several runs, measured
in the same run as their baseline, so the ratios hold on any machine.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import map_text, write_map

from debate.errors import MapError
from debate.store import load_map, parse_map


def best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def process(args: list[str], repeat: int) -> float:
    return best(lambda: subprocess.run(args, check=True, capture_output=True), repeat)


def bare_tomli(path: Path) -> object:
    with path.open("rb") as handle:
        return tomli.load(handle)


def main() -> int:
    quick = "--quick" in sys.argv
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        print(
            f"{'claims':>8} {'tomli.load':>11} {'load_map':>10} {'ratio':>6}   "
            f"{'tomli proc':>10} {'validate':>9} {'ratio':>6}"
        )
        for size in sizes:
            path = write_map(Path(folder), size)
            repeat = 5 if size <= 10_000 else 2
            baseline = best(lambda path=path: bare_tomli(path), repeat)
            ours = best(lambda path=path: load_map(path), repeat)
            tomli_process = process(
                [sys.executable, "-c", f"import tomli; tomli.load(open({str(path)!r}, 'rb'))"],
                repeat,
            )
            validate = process(
                [sys.executable, "-m", "debate", "validate", "-q", str(path)], repeat
            )
            ratio, process_ratio = ours / baseline, validate / tomli_process
            failures += ratio > 1.3 or process_ratio > 1.5
            print(
                f"{size:>8} {baseline:>10.3f}s {ours:>9.3f}s {ratio:>5.2f}x   "
                f"{tomli_process:>9.3f}s {validate:>8.3f}s {process_ratio:>5.2f}x"
            )
    failures += unknown_parents()
    baseline = process([sys.executable, "-c", "import tomli, pydantic"], 10)
    version = process([sys.executable, "-m", "debate", "--version"], 10)
    help_time = process([sys.executable, "-m", "debate", "--help"], 10)
    print(
        f"start-up: import tomli, pydantic {baseline:.3f}s; debate --version {version:.3f}s "
        f"({version / baseline:.2f}x); debate --help {help_time:.3f}s ({help_time / baseline:.2f}x)"
    )
    failures += version / baseline > 1.3
    print("goals met" if not failures else f"{failures} goal(s) missed")
    return 0


def unknown_parents(claims: int = 10_000) -> int:
    """Time reporting ``claims`` unknown parents against loading the valid map; 1 if > 3x."""
    valid = map_text(claims)
    broken = valid.replace('parent = "c', 'parent = "gone-c')

    def report() -> None:
        try:
            parse_map(broken)
        except MapError:
            return
        raise AssertionError("the broken map loaded")

    baseline = best(lambda: parse_map(valid), 3)
    ours = best(report, 3)
    print(
        f"{claims} unknown parents: valid load {baseline:.3f}s, error report {ours:.3f}s "
        f"({ours / baseline:.2f}x)"
    )
    return int(ours / baseline > 3)


if __name__ == "__main__":
    raise SystemExit(main())
