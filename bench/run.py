"""Every benchmark in one run: each figure printed as a ratio beside its goal, PASS or FAIL.

Baselines are measured in the same run as the figures they divide; memory is the peak
resident set of a child process. Each module's ``figures(fast)`` does its own measuring
(see its docstring for what and why); a benchmark that only has a script of its own is run
as a subprocess and judged by its exit status.

Run: ``python bench/run.py [--quick] [NAME ...]`` (NAME: load, commands, import, export,
scoring, crux, crux-app, merge, tui, map). --quick uses smaller maps and fewer repeats (the
100,000-claim goals are then measured on 20,000 claims, where start-up weighs more); without it
the whole run takes several minutes. Exit status 1 when any goal is missed.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Figure, quick

HERE = Path(__file__).resolve().parent
MODULES = {
    "load": "bench_load",
    "commands": "bench_commands",
    "import": "bench_import",
    "export": "bench_export",
    "scoring": "bench_scoring",
    "crux": "bench_crux",
    "crux-app": "bench_crux_app",
    "merge": "bench_merge",
    "tui": "bench_tui",
    "map": "bench_map",
}


def run_one(name: str, fast: bool) -> list[Figure]:
    module = importlib.import_module(MODULES[name])
    if hasattr(module, "figures"):
        figures: list[Figure] = module.figures(fast)
        return figures
    command = [sys.executable, str(HERE / f"{MODULES[name]}.py"), *(["--quick"] * fast)]
    status = subprocess.run(command, check=False).returncode
    return [Figure(f"{MODULES[name]}.py: its own goals (exit status)", status, 0, unit="")]


def main() -> int:
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
        return 0
    flags = [argument for argument in sys.argv[1:] if argument.startswith("-")]
    if set(flags) - {"--quick"}:
        print(f"unknown option(s): {', '.join(flags)}; run with --help for usage")
        return 2
    fast = quick()
    chosen = [argument for argument in sys.argv[1:] if not argument.startswith("-")]
    unknown = [name for name in chosen if name not in MODULES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(MODULES)}")
        return 2
    results: list[tuple[str, list[Figure]]] = []
    for name in chosen or list(MODULES):
        started = time.perf_counter()
        print(f"== {name} ...", flush=True)
        figures = run_one(name, fast)
        for figure in figures:
            print(figure.line(), flush=True)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
        results.append((name, figures))
    print("\n== summary" + (" (--quick)" if fast else ""))
    missed = 0
    for name, figures in results:
        for figure in figures:
            print(f"{name:<9}{figure.line()}")
            missed += not figure.passed
    total = sum(len(figures) for _, figures in results)
    print(f"{total - missed} of {total} goals met" + (f"; {missed} missed" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
