"""Shapley values and the smallest-flip search in a child process, with progress, stoppable.

Why a process and not a thread: both searches are pure Python loops. A thread running one
holds the GIL, and the app's event loop then waits for it at every step (measured: a key took
1 to 2 seconds to be handled while a 2-second sampled Shapley search ran in a thread). A child
process has its own interpreter, so the app stays as quick as when idle; and a search that is
no longer wanted is simply killed.

Children are forked from a fork server that has the crux code imported already (the first
search pays about half a second to start it, in the background); where there is no fork server
(Windows) they are spawned. The child gets the root's tree as arrays (:class:`Contributions`),
runs with the same :class:`~debate.scoring.shapley.Budget` as ``debate crux`` (so the numbers
are the ones it prints), and sends back progress (at most every :data:`PROGRESS_EVERY`
seconds), then each result.

No Textual here: :func:`search` is called from a thread worker and blocks until done.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from debate.scoring.contributions import Contributions
    from debate.scoring.flip import Flip
    from debate.scoring.shapley import ShapleyResult

PROGRESS_EVERY = 0.05
POLL = 0.05
"""Seconds between checks whether the search is still wanted."""

_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_CONTEXT: Any = multiprocessing.get_context(_METHOD)
if _METHOD == "forkserver":
    _CONTEXT.set_forkserver_preload(["debate.scoring.crux"])


class SearchStopped(Exception):
    """The search was no longer wanted (its child process was killed)."""


class SearchFailed(Exception):
    """The child process failed or died; the message says how."""


@dataclass(frozen=True)
class Limits:
    """The budget of each search (``debate crux``'s ``--samples``, ``--time-limit``,
    ``--seed``)."""

    samples: int = 2_000
    seconds: float | None = 2.0
    seed: int = 0


@dataclass(frozen=True)
class Found:
    shapley: ShapleyResult | None
    flip: Flip | None


Progress = Callable[[str, int, int], None]
"""Called with (what is being worked out, done, total)."""


def prepare() -> None:
    """Start multiprocessing's resource tracker now, while ``sys.stderr`` is the real one.

    Textual replaces ``sys.stderr`` while the app runs with an object whose ``fileno()`` is
    -1, and the tracker (which the fork server starts on first use) hands that to the
    process it launches: "bad value(s) in fds_to_keep". Started before the app runs, it is
    reused. A few milliseconds; the tracker idles until the app exits.
    """
    if _METHOD == "forkserver":
        from multiprocessing import resource_tracker  # only where the fork server is used

        resource_tracker.ensure_running()


def search(
    found: Contributions,
    threshold: float,
    *,
    shapley: bool,
    flip: bool,
    limits: Limits,
    progress: Progress | None = None,
    on_shapley: Callable[[ShapleyResult], None] | None = None,
    stopped: Callable[[], bool] = lambda: False,
) -> Found:
    """Shapley values (if ``shapley``), then the smallest flip (if ``flip``), of ``found``'s
    root, worked out in a child process. Raises :class:`SearchStopped` once ``stopped()``
    turns true (the child is killed) and :class:`SearchFailed` if the child fails."""
    reader, writer = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_run,
        args=(found, threshold, shapley, flip, limits, writer),
        daemon=True,
        name="debate-crux-search",
    )
    child.start()
    writer.close()  # the child holds the only writer: its end means end of file here
    values: ShapleyResult | None = None
    answer: Flip | None = None
    pending = {"shapley"} if shapley else set()
    if flip:
        pending.add("flip")
    try:
        while pending:
            if stopped():
                raise SearchStopped
            if not reader.poll(POLL):
                continue
            try:
                kind, *payload = reader.recv()
            except EOFError:
                child.join(timeout=5)
                raise SearchFailed(
                    f"the search ended early (exit status {child.exitcode})"
                ) from None
            if kind == "progress":
                if progress is not None:
                    progress(*payload)
            elif kind == "shapley":
                values = payload[0]
                pending.discard("shapley")
                if on_shapley is not None and values is not None:
                    on_shapley(values)
            elif kind == "flip":
                answer = payload[0]
                pending.discard("flip")
            else:
                raise SearchFailed(payload[0])
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        reader.close()
    return Found(values, answer)


def _run(
    found: Contributions,
    threshold: float,
    shapley: bool,
    flip: bool,
    limits: Limits,
    results: Connection,
) -> None:
    """In the child: the searches, each result sent down ``results`` as it is found."""
    # here: used in the child only; at the top they would cost the app's start ~15 ms
    from debate.scoring.flip import smallest_flip
    from debate.scoring.shapley import Budget
    from debate.scoring.shapley import shapley as shapley_values

    last = 0.0

    def budget(what: str) -> Budget:
        def tell(done: int, total: int) -> None:
            nonlocal last
            now = time.perf_counter()
            if now - last >= PROGRESS_EVERY:
                last = now
                results.send(("progress", what, done, total))

        return Budget(limits.samples, limits.seconds, limits.seed, tell)

    try:
        if shapley:
            tree = found.tree
            values = shapley_values(tree, budget("Shapley values")) if tree.size > 1 else None
            results.send(("shapley", values))
        if flip:
            results.send(("flip", smallest_flip(found, threshold, budget("the smallest flip"))))
    except Exception as error:  # reported to the app as one line, not a dead child
        results.send(("error", f"{type(error).__name__}: {error}"))
