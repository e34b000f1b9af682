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
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import write_map

from debate.formats import export_map
from debate.store import load_map

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.5
ARGDOWN = ROOT / ".tools" / "node_modules" / ".bin" / "argdown"

# Runs one command and prints its wall time and its peak RSS (children of this wrapper only).
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
if result.returncode:
    sys.stderr.write(result.stderr.decode(errors="replace"))
    sys.exit(result.returncode)
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(command: list[str], repeat: int) -> tuple[float, int]:
    """Best wall time (s) and largest peak RSS (KiB) of ``command`` over ``repeat`` runs."""
    times, peaks = [], []
    for _ in range(repeat):
        output = subprocess.run(
            [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
        ).stdout.split()
        times.append(float(output[0]))
        peaks.append(int(output[1]))
    return min(times), max(peaks)


def main() -> int:
    quick = "--quick" in sys.argv
    claims = 10_000
    if "--claims" in sys.argv:
        claims = int(sys.argv[sys.argv.index("--claims") + 1])
    argdown = str(ARGDOWN) if ARGDOWN.exists() else shutil.which("argdown")
    if argdown is None:
        print("the Argdown CLI is not installed: run scripts/test.sh (npm i @argdown/cli@1.7.5)")
        return 2
    repeat = 2 if quick else 5
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        toml_path = write_map(base, claims)
        argdown_path = base / "map.argdown"
        argdown_path.write_text(
            str(export_map(load_map(toml_path).argmap, "argdown")), encoding="utf-8"
        )
        ours_command = [
            sys.executable,
            "-m",
            "debate",
            "export",
            str(toml_path),
            "-f",
            "json",
            "-o",
            str(base / "ours.json"),
        ]
        theirs_command = [argdown, "json", str(argdown_path), str(base / "argdown-out")]
        ours_time, ours_peak = measure(ours_command, repeat)
        theirs_time, theirs_peak = measure(theirs_command, repeat)
        ours_size = (base / "ours.json").stat().st_size
        statements = len(
            json.loads((base / "argdown-out" / "map.json").read_text(encoding="utf-8"))[
                "statements"
            ]
        )
    assert statements == claims, f"Argdown read {statements} statements, not {claims}"
    time_ratio = ours_time / theirs_time
    memory_ratio = ours_peak / theirs_peak
    print(f"JSON export of a {claims:,}-claim map (best of {repeat}; peak RSS of the process)")
    print(f"{'':22} {'time':>9} {'peak memory':>12}")
    print(f"{'debate export -f json':22} {ours_time:>8.3f}s {ours_peak / 1024:>9.1f} MiB")
    print(f"{'argdown json':22} {theirs_time:>8.3f}s {theirs_peak / 1024:>9.1f} MiB")
    print(
        f"{'ratio (goal <= 0.5)':22} {time_ratio:>8.2f}x {memory_ratio:>11.2f}x"
        f"   (our JSON: {ours_size / 1e6:.1f} MB; Argdown read {statements:,} statements)"
    )
    ok = time_ratio <= GOAL and memory_ratio <= GOAL
    print("goal met" if ok else "goal MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
