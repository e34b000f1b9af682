"""Diff and merge speed, as ratios to loading the same map (``load_map``) in the same run.

Two sides edit a generated map: ours reweights 1% of the claims and adds a note to 1%,
theirs rewords another 1% and adds 1% new claims. Measured:

- ``diff_maps`` without and with verdicts (scoring both maps), against one ``load_map``;
- ``merge_maps`` (the pure merge), against one ``load_map``;
- ``debate merge`` as a whole process (what git runs: read three maps, merge, write over
  ours' layout with the writer ``save_map`` uses), against ``debate validate`` of the
  same three files.

Goals: in-process diff (no verdicts) <= 1x one ``load_map``; merge <= 3x (less than loading
the three sides it needs); for maps up to 1,000 claims, the merge process <= 4x validating
the three files. The 10,000-claim process row is shown but not held to a goal (about 2x
since the merge writes through the save's text patch rather than tomlkit over the whole
file, which took about 5 s there on its own).

Run: ``python bench/bench_merge.py [--quick]``.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Figure, best, quick, report
from generate import write_map

from debate.diff import diff_maps
from debate.merge import merge_maps
from debate.model import Claim, Note
from debate.store import load_map, save_map


def make_sides(folder: Path, size: int) -> tuple[Path, Path, Path]:
    base = write_map(folder, size)
    loaded = load_map(base)
    ids = list(loaded.argmap.claims)
    rng = random.Random(11)
    picked = rng.sample(ids, max(4, size // 25))
    quarter = len(picked) // 4
    ours_path, theirs_path = folder / f"ours-{size}.toml", folder / f"theirs-{size}.toml"
    ours = loaded.argmap.model_copy(deep=True)
    for claim_id in picked[:quarter]:
        claim = ours.claims[claim_id]
        claim.weight = (claim.effective_weight + 1) % 5 if claim.parent else None
    for claim_id in picked[quarter : 2 * quarter]:
        ours.claims[claim_id].notes = [*ours.claims[claim_id].notes, Note(text="ours")]
    theirs = loaded.argmap.model_copy(deep=True)
    for claim_id in picked[2 * quarter : 3 * quarter]:
        theirs.claims[claim_id].text = "Reworded by theirs."
    for number, claim_id in enumerate(picked[3 * quarter :]):
        theirs.claims[f"new{number}"] = Claim(parent=claim_id, stance="con", text="New.")
    ours_path.write_text(loaded.text)
    theirs_path.write_text(loaded.text)
    save_map(load_map(ours_path), ours)
    save_map(load_map(theirs_path), theirs)
    return base, ours_path, theirs_path


def measure(folder: Path, size: int) -> dict[str, float]:
    """Seconds for each measurement at one map size (best of a few runs)."""
    python = [sys.executable, "-m", "debate"]
    base, ours, theirs = make_sides(folder, size)
    repeat = 5 if size <= 1_000 else 2
    maps = [load_map(path).argmap for path in (base, ours, theirs)]
    files = [str(base), str(ours), str(theirs)]
    output = str(folder / "out.toml")
    return {
        "load": best(lambda: load_map(ours), repeat),
        "diff": best(lambda: diff_maps(maps[0], maps[1], verdicts=False), repeat),
        "verdicts": best(lambda: diff_maps(maps[0], maps[1]), repeat),
        "merge": best(lambda: merge_maps(*maps), repeat),
        "validate": best(
            lambda: subprocess.run([*python, "validate", *files], check=True, capture_output=True),
            repeat,
        ),
        "process": best(
            lambda: subprocess.run(
                [*python, "merge", *files, "-o", output], check=True, capture_output=True
            ),
            repeat,
        ),
    }


def figures(fast: bool = False) -> list[Figure]:
    sizes = (1_000,) if fast else (1_000, 10_000)
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            t = measure(Path(folder), size)
            load = t["load"]
            out.append(
                Figure(f"diff of two {size:,}-claim maps, vs load_map", t["diff"] / load, 1.0)
            )
            out.append(
                Figure(f"three-way merge, {size:,} claims, vs load_map", t["merge"] / load, 3.0)
            )
            print(f"  {size:,} claims: diff with verdicts {t['verdicts'] / load:.2f}x load_map")
            if size <= 1_000:
                out.append(
                    Figure(
                        f"debate merge process, {size:,} claims, vs validating the three",
                        t["process"] / t["validate"],
                        4.0,
                    )
                )
    return out


if __name__ == "__main__":
    raise SystemExit(report(figures(quick()), __doc__.splitlines()[0]))
