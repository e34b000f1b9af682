"""What the map screen knows about each root's cruxes, kept current without blocking keys.

The detail pane shows a claim's part in its root's verdict and the header marks a fragile
verdict; both read :class:`RootFacts` from here. Facts belong to one state of the scorer
(the scorer object and its ``version``): any edit, undo, trial, perspective or semantics
switch makes them stale, and they are worked out again when next asked for.

Why a cache and workers: the crux code imports numpy (half a second, once) and costs about a
rescore of the root's tree, which is nothing on a small map and a noticeable pause on a
100,000-claim one. So the first computation, and every one on a map of more than
:data:`SYNC_CLAIMS` claims, runs in a thread worker once the map has been left alone for
:data:`QUIET` seconds (a key held down starts none), and repaints the screen when it is done;
later ones on small maps run at once (a few milliseconds), so the pane never flickers.
Exact Shapley values (when the tree is small enough for them, see
:mod:`debate.scoring.shapley`) always come from a child process
(:mod:`debate.tui.crux_search`); sampled ones only from the crux view, which shows its
progress.

Thread safety: a worker reads the scorer while the user may go on editing. Every result is
stamped with the scorer state it started from and dropped if that state has moved on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.timer import Timer
from textual.worker import get_current_worker

from debate.perf import collector_paused
from debate.scoring import Scorer
from debate.scoring.verdict import DEFAULT_THRESHOLD
from debate.tui.crux_search import Limits, SearchStopped, search
from debate.tui.widgets.crux_text import part_in_verdict, root_of

if TYPE_CHECKING:
    from debate.scoring.contributions import Contributions
    from debate.scoring.crux import Robustness
    from debate.scoring.flip import Flip
    from debate.scoring.shapley import ShapleyResult
    from debate.tui.screens.main import MapScreen

QUIET = 0.25
"""Seconds without a change before a worker starts."""
SYNC_CLAIMS = 2_000
"""Maps up to this many claims are weighed at once (a few milliseconds), bigger ones in a
worker."""
THRESHOLD = DEFAULT_THRESHOLD
"""A verdict holds at or above this: ``debate crux``'s default ``--threshold``."""


@dataclass
class RootFacts:
    """One root's contributions and robustness; Shapley values and the smallest flip once a
    worker (or the crux view) has found them."""

    found: Contributions
    robust: Robustness
    shapley: ShapleyResult | None = None
    flip: Flip | None = None
    shapley_cheap: bool = True
    """Whether there are Shapley values to share out (claims under the root) and they are
    exact, so cheap enough to work out without being asked."""


Stamp = tuple[Scorer, int]


def weigh_root(scorer: Scorer, root: str) -> RootFacts:
    """Contributions and robustness of ``root`` (imports numpy on first use).

    With the cyclic collector paused, as the scorer does: on a 100,000-claim map the work
    makes enough short-lived containers to set off a full collection of the app's heap,
    which holds every thread, the event loop's too, for about a second (measured: a 1 s
    freeze a moment after an edit). Nothing made here forms a cycle.
    """
    # here: the numpy crux code (~30 ms) loads in a worker, never on the app's start
    from debate.scoring.contributions import contributions
    from debate.scoring.crux import robustness
    from debate.scoring.shapley import EXACT_SUBTREES, EXACT_WORK, LocalTree, rooted_subtrees

    with collector_paused():
        found = contributions(scorer, root)
        count, work = rooted_subtrees(LocalTree.of(found.tree), limit=1e12)
        cheap = found.tree.size > 1 and count <= EXACT_SUBTREES and work <= EXACT_WORK
        return RootFacts(found, robustness(found, THRESHOLD), shapley_cheap=cheap)


class CruxCache:
    """Facts per root for the scorer's current state (see the module doc).

    One worker at a time: asking again while one runs only notes that there is more to do,
    and the repaint its result triggers asks again (so holding a key down on a big map
    never piles up threads).
    """

    def __init__(self, screen: MapScreen) -> None:
        self.screen = screen
        self._stamp: Stamp | None = None
        self._facts: dict[str, RootFacts] = {}
        self._running = False
        self._timer: Timer | None = None
        self._wanted: dict[str, None] = {}
        """Roots asked for since the scorer last changed (an ordered set)."""
        self._wanted_shapley: str | None = None
        self._failed_at: Stamp | None = None
        self._fragile: dict[str, bool] = {}
        """The last known fragility of each root (kept across changes)."""
        self.warm = False
        """Whether the crux code has been imported (by the first worker)."""

    # ------------------------------------------------------------------ reading

    def stamp(self) -> Stamp:
        scorer = self.screen.session.scorer
        return scorer, scorer.version

    def current(self, stamp: Stamp | None) -> bool:
        if stamp is None:
            return False
        scorer, version = stamp
        return scorer is self.screen.session.scorer and version == scorer.version

    def facts(self, root: str) -> RootFacts | None:
        """The root's facts for the scorer as it is now, if known."""
        self._forget_stale()
        return self._facts.get(root)

    @property
    def busy(self) -> bool:
        """Whether a worker is weighing or about to (tests wait for this to end)."""
        return self._running or self._timer is not None

    def fragile_roots(self, first: int) -> set[str]:
        """Which of the ``first`` roots have a fragile verdict. Until a root is weighed
        again after a change, its mark stays as it was (no flicker on big maps); the screen
        repaints when the new facts arrive."""
        roots = list(self.screen.session.scorer.verdicts())[:first]
        self.want(roots)
        for root in roots:
            if (known := self._facts.get(root)) is not None:
                self._fragile[root] = known.robust.fragile
        return {root for root in roots if self._fragile.get(root, False)}

    def part_in_verdict(self, claim_id: str | None) -> Text | None:
        """The detail pane's section on the claim's part in its root's verdict."""
        session = self.screen.session
        if claim_id is None or claim_id not in session.argmap.claims:
            return None
        root = root_of(session, claim_id)
        self.want([root], shapley_for=root)
        number = self.screen.claim_tree.number
        return part_in_verdict(session, claim_id, self._facts.get(root), THRESHOLD, number)

    def store(self, stamp: Stamp, root: str, facts: RootFacts) -> None:
        """Keep facts found elsewhere (the crux view) if the scorer has not moved on."""
        if self.current(stamp):
            self._forget_stale()
            self._facts[root] = facts

    # ------------------------------------------------------------------ working out

    def want(self, roots: Iterable[str], shapley_for: str | None = None) -> None:
        """Make sure the roots' facts (and ``shapley_for``'s exact Shapley values, when cheap)
        are known or on their way; the screen repaints when they arrive."""
        self._forget_stale()
        if self.current(self._failed_at):
            return  # said so once; the next change of the map tries again
        missing = [root for root in dict.fromkeys(roots) if root not in self._facts]
        session = self.screen.session
        if missing and self.warm and len(session.argmap.claims) <= SYNC_CLAIMS:
            for root in missing:
                self._facts[root] = weigh_root(session.scorer, root)
            missing = []
        self._wanted.update(dict.fromkeys(missing))
        if shapley_for is not None:
            self._wanted_shapley = shapley_for
        if self._still_wanted():
            self._schedule()

    def _still_wanted(self) -> bool:
        if any(root not in self._facts for root in self._wanted):
            return True
        target = self._facts.get(self._wanted_shapley or "")
        if self._wanted_shapley is not None and target is None:
            return True
        return target is not None and target.shapley is None and target.shapley_cheap

    def _schedule(self) -> None:
        """Start a worker once the map has been left alone for :data:`QUIET` seconds (keys
        held down or typed fast start none), unless one runs: its end asks again."""
        if self._running:
            return
        if self._timer is not None:
            self._timer.reset()
        else:
            self._timer = self.screen.set_timer(QUIET, self._start)

    def _start(self) -> None:
        self._timer = None
        self._forget_stale()
        if self._running or not self.screen.is_attached or not self._still_wanted():
            return
        self._running = True
        stamp = self.stamp()
        roots = [root for root in self._wanted if root not in self._facts]
        shapley_for = self._wanted_shapley
        known = dict(self._facts)

        def work() -> None:
            self._work(stamp, roots, shapley_for, known)

        self.screen.run_worker(work, thread=True, group="crux-cache", exit_on_error=False)

    def _work(
        self,
        stamp: Stamp,
        roots: list[str],
        shapley_for: str | None,
        known: dict[str, RootFacts],
    ) -> None:
        """In a thread: weigh ``roots``, then ``shapley_for``'s exact Shapley values (in a
        child process: pure Python loops in a thread would slow the app's every key). The
        child is stopped as soon as the map moves on (its answer would be dropped) or the
        app closes (which would otherwise wait for it)."""
        worker = get_current_worker()
        found: dict[str, RootFacts] = {}
        try:
            for root in roots:
                found[root] = weigh_root(stamp[0], root)
            target = found.get(shapley_for or "") or known.get(shapley_for or "")
            if target is not None and target.shapley is None and target.shapley_cheap:
                values = search(
                    target.found,
                    THRESHOLD,
                    shapley=True,
                    flip=False,
                    limits=Limits(),
                    stopped=lambda: worker.is_cancelled or not self.current(stamp),
                )
                found[target.found.root] = replace(target, shapley=values.shapley)
        except SearchStopped:
            pass  # what was weighed arrives (dropped if the map moved on); no Shapley values
        except Exception as error:  # a state that moved on mid-read, or a real bug
            self._call(self._failed, stamp, error)
            return
        self._call(self._arrived, stamp, found)

    def _call(self, callback: Callable[..., None], *args: object) -> None:
        with suppress(RuntimeError):  # the app has closed meanwhile
            self.screen.app.call_from_thread(callback, *args)

    def _arrived(self, stamp: Stamp, found: dict[str, RootFacts]) -> None:
        self._running = False
        self.warm = True
        if self.current(stamp):
            self._forget_stale()
            self._facts.update(found)
        self._repaint()

    def _failed(self, stamp: Stamp, error: Exception) -> None:
        self._running = False
        self.warm = True
        if self.current(stamp):  # not a race with an edit: say so, once
            self._failed_at = stamp
            self.screen.notify(
                f"Could not weigh the cruxes: {type(error).__name__}: {error}",
                severity="error",
                markup=False,
            )
        self._repaint()

    def _repaint(self) -> None:
        """Show what arrived; asks for whatever is still missing (a new worker if needed)."""
        if self.screen.is_attached:
            self.screen.show_detail(keep_scroll=True)
            self.screen.refresh_header()

    def _forget_stale(self) -> None:
        if not self.current(self._stamp):
            self._stamp = self.stamp()
            self._facts = {}
            self._wanted = {}
            self._wanted_shapley = None
