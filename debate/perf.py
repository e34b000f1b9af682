"""Small speed helpers shared by the store, the scorer and the exporters."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector while building or walking a big map.

    Parsing, validating, flattening and exporting allocate hundreds of thousands of small,
    acyclic objects; every few hundred allocations the collector walks the whole live heap,
    which cost more than the work itself on big maps (loads 2x, 100k-claim rebuilds 3-8x,
    exports a third of their time). Nothing built there forms reference cycles. Nested uses
    are fine: only the outermost one turns the collector back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_for_good() -> None:
    """Take every object alive now out of the collector's later passes (``gc.freeze``).

    Once a map is loaded, while the collector is still paused, by a one-shot command (the
    map lives until the command ends) or by the app (as long as it shows the map): the map
    forms no cycles, but the collector would otherwise walk its millions of objects again,
    first as new objects (all at once, as soon as it resumes), then as older ones, then in
    every full collection (on a 100,000-claim map that was a quarter of ``debate lint``'s
    time beyond the load, and 0.6 s of building the app's tree index). Objects that become
    garbage are still freed by their counts; only cycles among what was alive at the
    freeze stay (a few thousand small objects of the app's loading screen). :func:`release`
    (``gc.unfreeze``) gives them back to the collector when a command ends, so a process
    that runs commands in turn (the tests) keeps nothing frozen.
    """
    gc.freeze()


def release() -> None:
    """Undo :func:`keep_for_good`: frozen objects are the collector's again."""
    gc.unfreeze()


def write_lines(lines: Iterable[str], file: IO[str] | None = None, chunk: int = 1000) -> None:
    """Each line to ``file`` (standard output), as ``print`` would, a thousand at a time: a
    finding or a row for every claim of a 100,000-claim map costs one write per thousand."""
    out = file if file is not None else sys.stdout
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == chunk:
            out.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        out.write("\n".join(batch) + "\n")
