"""JSON export of a 10,000-claim map, side by side with the Argdown CLI exporting the same map.

Goal (issue 5): ``debate export big.toml -f json`` takes at most 0.5x the time and 0.5x the
peak memory of ``argdown json big.argdown`` (the official Argdown CLI, @argdown/cli 1.7.5,
reading the same map as our Argdown export wrote it). Both run as whole processes, measured
in the same run: wall time is the best of several runs, peak memory is the child's maximum
resident set size, read with ``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper
process per run (so each figure belongs to one command and its own children only).

Run: ``python bench/bench_export.py [--quick] [--claims N]``. Exit status 1 when a ratio
misses the goal, 2 when the Argdown CLI is not installed (scripts/test.sh installs it).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import Figure, argdown_cli, debate, quick, report, run_process
from generate import write_map

from debate.formats import export_map
from debate.store import load_map

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.5
ARGDOWN = ROOT / ".tools" / "node_modules" / ".bin" / "argdown"


def figures(fast: bool = False, claims: int = 10_000) -> list[Figure]:
    argdown = argdown_cli()
    if argdown is None:
        print("the Argdown CLI is not installed: run scripts/test.sh (npm i @argdown/cli@1.7.5)")
        return []
    repeat = 2 if fast else 5
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        toml_path = write_map(base, claims)
        argdown_path = base / "map.argdown"
        argdown_path.write_text(
            str(export_map(load_map(toml_path).argmap, "argdown")), encoding="utf-8"
        )
        ours_command = debate("export", str(toml_path), "-f", "json", "-o", str(base / "o.json"))
        theirs_command = [argdown, "json", str(argdown_path), str(base / "argdown-out")]
        ours = run_process(ours_command, repeat)
        theirs = run_process(theirs_command, repeat)
        statements = len(
            json.loads((base / "argdown-out" / "map.json").read_text(encoding="utf-8"))[
                "statements"
            ]
        )
    assert statements == claims, f"Argdown read {statements} statements, not {claims}"
    return [
        Figure(
            f"debate export -f json, {claims:,} claims, vs argdown json (wall)",
            ours.wall / theirs.wall,
            GOAL,
            detail=f"{ours.wall:.2f} s vs {theirs.wall:.2f} s",
        ),
        Figure(
            f"debate export -f json, {claims:,} claims: peak memory vs argdown json",
            ours.peak / theirs.peak,
            GOAL,
            detail=f"{ours.peak:.0f} MiB vs {theirs.peak:.0f} MiB",
        ),
    ]


if __name__ == "__main__":
    sys.exit(report(figures(quick()), __doc__.splitlines()[0]))
