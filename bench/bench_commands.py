"""Big maps at the speed of reading the file: saving, and the commands that read a whole map.

Goals (issue 13):
- a save after one weight change on a 10,000-claim map (in process, through the session, as
  the app saves) costs at most 1.0x a ``tomli.load`` of the same file: a save costs what the
  change costs, not what the file costs;
- on a 100,000-claim map, against ``debate validate`` of the same file as a whole process:
  ``debate lint`` <= 1.5x, ``debate score`` and ``debate show`` (every row printed) <= 2x,
  ``debate diff`` of two versions (one claim changed) <= 2.5x the CPU time; each at most
  1.5x validate's peak memory;
- loading, changing and saving a 2,000-claim map written as top-level dotted keys (a layout
  the text patch cannot slice) costs at most 3x loading it: tomlkit, which read such files
  in quadratic time, is not given them.

Run: ``python bench/bench_commands.py [--quick]`` (--quick: 20,000 claims instead of 100,000).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Figure, cpu_best, debate, quick, report, run_process
from generate import write_map

from debate.edits import SetField
from debate.session import MapSession
from debate.store import load_map

COMMAND_GOALS = {"lint": 1.5, "score": 2.0, "show": 2.0, "diff": 2.5}
MEMORY_GOAL = 1.5
DOTTED_GOAL = 3.0
"""A save of a layout the text patch cannot slice writes the whole map: a few loads' worth,
never tomlkit's quadratic reading of dotted keys (15 s for 2,000 claims)."""


def save_after_one_change(folder: Path, claims: int = 10_000) -> Figure:
    path = folder / "saved.toml"
    shutil.copy(write_map(folder, claims), path)
    session = MapSession(load_map(path), journal=False)
    weights = iter(range(10**6))

    def save() -> None:
        session.do(SetField("c5000", "weight", next(weights) % 5))
        session.save()

    def read() -> None:
        with path.open("rb") as handle:
            tomli.load(handle)

    baseline = cpu_best(read, 5)
    ours = cpu_best(save, 5)
    return Figure(
        f"save after one weight change, {claims:,} claims, vs tomli.load",
        ours / baseline,
        1.0,
        detail=f"{ours * 1000:.0f} ms vs {baseline * 1000:.0f} ms CPU",
    )


def dotted_map_text(claims: int) -> str:
    """A map written as top-level dotted keys (``claims.c1.text = ...``): a layout the text
    patch cannot slice, which once went to tomlkit whole (quadratic in the dotted keys)."""
    lines = []
    for index in range(claims):
        lines.append(f'claims.c{index}.text = "Claim {index}: a sentence of ordinary length."')
        if index:
            lines.append(f'claims.c{index}.parent = "c{(index - 1) // 4}"')
            lines.append(f'claims.c{index}.stance = "{("pro", "con")[index % 2]}"')
    return "\n".join(lines) + "\n"


def save_dotted_map(folder: Path, claims: int = 2_000) -> Figure:
    path = folder / "dotted.toml"
    text = dotted_map_text(claims)
    weights = iter(range(10**6))

    def save() -> None:
        path.write_text(text, encoding="utf-8")
        session = MapSession(load_map(path), journal=False)
        session.do(SetField("c500", "weight", next(weights) % 5))
        session.save()

    def read() -> None:
        path.write_text(text, encoding="utf-8")
        load_map(path)

    baseline = cpu_best(read, 3)
    ours = cpu_best(save, 3)
    return Figure(
        f"load, change and save a {claims:,}-claim map of dotted keys, vs load",
        ours / baseline,
        DOTTED_GOAL,
        detail=f"{ours * 1000:.0f} ms vs {baseline * 1000:.0f} ms CPU",
    )


def commands(folder: Path, claims: int, repeat: int) -> list[Figure]:
    path = write_map(folder, claims)
    other = folder / "other.toml"
    other.write_text(
        path.read_text(encoding="utf-8").replace(
            'text = "Claim number 77: ', 'text = "Claim number 77, reworded: ', 1
        ),
        encoding="utf-8",
    )
    validate = run_process(debate("validate", "-q", str(path)), repeat)
    runs = {
        "lint": run_process(debate("lint", "-q", str(path)), repeat, ok=(0, 1)),
        "score": run_process(debate("score", str(path)), repeat),
        "show": run_process(debate("show", str(path)), repeat),
        "diff": run_process(debate("diff", str(path), str(other)), repeat),
    }
    figures = []
    for name, run in runs.items():
        figures.append(
            Figure(
                f"debate {name}, {claims:,} claims: CPU vs validate",
                run.cpu / validate.cpu,
                COMMAND_GOALS[name],
                detail=f"{run.cpu:.2f} s vs {validate.cpu:.2f} s",
            )
        )
        figures.append(
            Figure(
                f"debate {name}, {claims:,} claims: peak memory vs validate",
                run.peak / validate.peak,
                MEMORY_GOAL,
                detail=f"{run.peak:.0f} MiB vs {validate.peak:.0f} MiB",
            )
        )
    return figures


def figures(fast: bool = False) -> list[Figure]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        return [
            save_after_one_change(folder),
            save_dotted_map(folder),
            *commands(folder, 20_000 if fast else 100_000, 1 if fast else 2),
        ]


if __name__ == "__main__":
    raise SystemExit(report(figures(quick()), __doc__.splitlines()[0]))
