"""What every benchmark shares: one timing helper, one way to measure a whole process, and
one report of figures against their goals.

Every goal is a ratio to a baseline measured in the same run, so it holds on any machine.
Two clocks: wall time for what a person waits for (a first paint, a keypress), CPU time
(user + system) for work, because on a busy machine (CI, other jobs) the wall time of a
process is mostly time spent waiting for a core, which neither side of a ratio controls.
Whole processes are measured from a fresh wrapper process per run, so the CPU time and peak
memory (``resource.getrusage(RUSAGE_CHILDREN)``: the largest resident set of the children)
belong to one command and its own children only.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / ".tools" / "node_modules" / ".bin" / "argdown"


def best(
    action: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The shortest of ``repeat`` runs of ``action``, in seconds of ``clock``."""
    times = []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return min(times)


def cpu_best(action: Callable[[], object], repeat: int) -> float:
    """:func:`best` in CPU seconds of this process (user + system), for work done in process."""
    return best(action, repeat, time.process_time)


@dataclass(frozen=True, slots=True)
class Run:
    """One command as a whole process: best wall and CPU seconds, largest peak memory (MiB)."""

    wall: float
    cpu: float
    peak: float


_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, result.returncode)
sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
"""


def run_process(
    command: Sequence[str], repeat: int, cwd: Path | None = None, ok: Sequence[int] = (0,)
) -> Run:
    """Run ``command`` ``repeat`` times, each in a fresh wrapper; raises if it exits with a
    status not in ``ok`` (``debate lint`` exits 1 when it has findings)."""
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *command],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env=quiet_env(),
        )
        wall, cpu, peak, status = result.stdout.split()
        if int(status) not in ok:
            raise RuntimeError(f"{' '.join(command)} exited {status}:\n{result.stderr}")
        walls.append(float(wall))
        cpus.append(float(cpu))
        peaks.append(int(peak) / 1024)
    return Run(min(walls), min(cpus), max(peaks))


def python(*args: str) -> list[str]:
    """A command line running this Python (the venv's, so ``debate`` is this tree's)."""
    return [sys.executable, *args]


def debate(*args: str) -> list[str]:
    return python("-m", "debate", *args)


def peak_rss_mib() -> float:
    """This process's own peak resident set so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure beside its goal: ``value <= goal`` (or ``>=`` when ``at_least``)."""

    name: str
    value: float
    goal: float
    unit: str = "x"
    detail: str = ""
    at_least: bool = False

    @property
    def passed(self) -> bool:
        return self.value >= self.goal if self.at_least else self.value <= self.goal

    def line(self) -> str:
        sign = ">=" if self.at_least else "<="
        value = _number(self.value, self.unit)
        goal = _number(self.goal, self.unit)
        verdict = "PASS" if self.passed else "FAIL"
        detail = f"  ({self.detail})" if self.detail else ""
        return f"{verdict}  {self.name:<58} {value:>9}  goal {sign} {goal:<8}{detail}"


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:g}{unit}"


def report(figures: Sequence[Figure], title: str = "") -> int:
    """Print each figure beside its goal; 0 when every goal is met, else 1."""
    if title:
        print(title)
    for figure in figures:
        print(figure.line(), flush=True)
    failed = [figure for figure in figures if not figure.passed]
    print("all goals met" if not failed else f"{len(failed)} goal(s) missed", flush=True)
    return 1 if failed else 0


def quick() -> bool:
    return "--quick" in sys.argv


def argdown_cli() -> str | None:
    """The Argdown CLI scripts/test.sh installs under .tools, else one on the PATH."""
    if ARGDOWN.exists():
        return str(ARGDOWN)
    from shutil import which

    return which("argdown")


PYCACHE = Path(tempfile.gettempdir()) / "debate-bench-pycache"


def quiet_env() -> dict[str, str]:
    """The environment for measured children: no colour, and debate's modules run from
    compiled bytecode as an installed package's are (``PYTHONDONTWRITEBYTECODE`` in the
    caller's environment would make every child compile them again; the bytecode goes to a
    folder of its own, never into the source tree)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
