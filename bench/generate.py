"""Generated maps for benchmarks: realistic shape (bushy trees, tags, notes, citations)."""

from __future__ import annotations

import random
from pathlib import Path


def map_text(claims: int, seed: int = 7, branching: int = 6) -> str:
    """A valid map of ``claims`` claims in a few trees, written as a user would write it."""
    rng = random.Random(seed)
    out = [
        "# generated benchmark map\n",
        '[map]\ntitle = "Benchmark map"\n\n',
        '[sources.src]\ntitle = "A source"\n\n',
    ]
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
        if index % 3 == 0:
            out.append(f'tags = ["evidence", "t{index % 17}"]\n')
        if index % 4 == 0:
            out.append('cite = { source = "src", quote = "a short quotation" }\n')
        if index % 10 == 0:
            out.append(
                f'\n[[claims.c{index}.notes]]\ntext = "A note."\nat = 2026-11-29T09:00:00Z\n'
            )
        out.append("\n")
    out.append("[perspectives.other]\nweight = { c3 = 4, c4 = 0 }\n")
    return "".join(out)


def write_map(folder: Path, claims: int) -> Path:
    path = folder / f"map-{claims}.toml"
    if not path.exists():
        path.write_text(map_text(claims), encoding="utf-8")
    return path
