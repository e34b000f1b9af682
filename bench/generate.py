"""The one map generator every benchmark uses, in two shapes.

``bench``: a realistic shape (bushy trees, tags, notes, citations), as a user would write it.
``plain``: only ``parent``, ``stance``, ``text``, ``weight`` and ``credence``: the cheapest
file TOML can parse per claim, so the work done beyond parsing shows the most.
"""

from __future__ import annotations

import random
from pathlib import Path

SHAPES = ("bench", "plain")


def map_text(claims: int, seed: int = 7, branching: int = 6, shape: str = "bench") -> str:
    """A valid map of ``claims`` claims in a few trees."""
    rng = random.Random(seed)
    rich = shape == "bench"
    out = ["# generated benchmark map\n", f'[map]\ntitle = "Benchmark map ({shape})"\n\n']
    if rich:
        out.append('[sources.src]\ntitle = "A source"\n\n')
    for index in range(claims):
        out.append(f"[claims.c{index}]\n")
        if index >= 3:
            parent = rng.randrange(max(0, index // branching - 1), index)
            stance = rng.choice(("pro", "con", "pro", "con", "part"))
            out.append(f'parent = "c{parent}"\nstance = "{stance}"\n')
        out.append(
            f'text = "Claim number {index}: a sentence of ordinary length about the question."\n'
        )
        if index >= 3:
            out.append(f"weight = {rng.randrange(5)}\n")
        out.append(f"credence = {rng.randrange(101) / 100}\n")
        if rich and index % 3 == 0:
            out.append(f'tags = ["evidence", "t{index % 17}"]\n')
        if rich and index % 4 == 0:
            out.append('cite = { source = "src", quote = "a short quotation" }\n')
        if rich and index % 10 == 0:
            out.append(
                f'\n[[claims.c{index}.notes]]\ntext = "A note."\nat = 2026-11-29T09:00:00Z\n'
            )
        out.append("\n")
    if rich:
        out.append("[perspectives.other]\nweight = { c3 = 4, c4 = 0 }\n")
    return "".join(out)


def write_map(folder: Path, claims: int, shape: str = "bench") -> Path:
    """``map_text`` written once into ``folder`` (reused by later calls)."""
    name = f"map-{claims}.toml" if shape == "bench" else f"map-{claims}-{shape}.toml"
    path = folder / name
    if not path.exists():
        path.write_text(map_text(claims, shape=shape), encoding="utf-8")
    return path
