"""What decides a root's verdict: the claims ranked by swing, robustness across semantics,
and "what would flip this?" with the smallest flip, ready to try as a trial.

The ranking comes at once (or from the map screen's cache); Shapley values and the flip
search run in a child process (:mod:`debate.tui.crux_search`, watched by a thread worker)
within the command line's default budget (2,000 sampled orders, 2 seconds each, seed 0: the
numbers ``debate crux`` prints), with a progress bar once they take longer than half a
second. Closing the view kills the search.

Dismisses with a :class:`CruxChoice`: a claim to jump to (enter on a row) or a trial to show
(``t``), or ``None``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Footer, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from debate.display import one_line
from debate.scoring.crux_words import (
    Numbering,
    flip_words,
    robustness_words,
    shapley_words,
    verdict_line,
)
from debate.session import MapSession
from debate.trial import Trial
from debate.tui.crux_cache import THRESHOLD, RootFacts, Stamp, weigh_root
from debate.tui.crux_search import Limits, SearchFailed, SearchStopped, search
from debate.tui.key_hold import StepScreen
from debate.tui.widgets.crux_text import crux_row

if TYPE_CHECKING:
    from debate.scoring.crux import Crux
    from debate.scoring.shapley import ShapleyResult

SHOW_PROGRESS_AFTER = 0.5
"""Seconds of work before the progress bar appears (as in the command line)."""
LISTED = 50
"""Cruxes listed; the command line lists every claim (``--limit 0``)."""
LIMITS = Limits()
"""``debate crux``'s default ``--samples``, ``--time-limit`` and ``--seed``."""


@dataclass(frozen=True)
class CruxChoice:
    jump: str | None = None
    trial: Trial | None = None


class CruxScreen(StepScreen[CruxChoice | None]):
    """The crux view of one root (a flow's step: keys typed ahead of it wait for it)."""

    BINDINGS = [
        Binding("escape,q,X", "close", "Close", show=True),
        Binding("enter", "jump", "Go to the claim", show=True, priority=True),
        Binding("t", "try_flip", "Try the flip", show=True),
        Binding("j", "cursor(1)", show=False),
        Binding("k", "cursor(-1)", show=False),
    ]

    DEFAULT_CSS = """
    CruxScreen { background: $surface; }
    CruxScreen > Vertical { width: 100%; height: 1fr; }
    CruxScreen #crux-title { height: 1; background: $primary; color: $text; padding: 0 1; }
    CruxScreen #crux-verdict { height: auto; padding: 0 1; }
    CruxScreen OptionList {
        height: 1fr; min-height: 4; border: none; padding: 0;
        border-top: solid $primary; border-bottom: solid $primary;
    }
    CruxScreen OptionList:focus {
        border: none; border-top: solid $accent; border-bottom: solid $accent;
    }
    CruxScreen #crux-flip { height: auto; padding: 0 1; }
    CruxScreen ProgressBar { height: 1; padding: 0 1; }
    CruxScreen ProgressBar.hidden { display: none; }
    """

    def __init__(
        self,
        session: MapSession,
        root: str,
        stamp: Stamp,
        number: Numbering,
        known: RootFacts | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.number = number
        """Path numbers as the tree shows them (the map's own would be worked out for every
        claim first: half a second on 100,000 claims after each structural edit)."""
        self.root = root
        self.stamp = stamp
        self.facts = known
        self.rows: list[Crux] = []
        self.finished = False
        """Whether the flip search is over (its answer shown)."""
        self._phase = ""
        self._started = 0.0

    def compose(self) -> ComposeResult:
        title = Text(f"What decides {self.number(self.root)} · ", no_wrap=True, overflow="ellipsis")
        title.append(one_line(self.session.argmap.claims[self.root].text), "bold")
        with Vertical():
            yield Static(title, id="crux-title")
            yield Static(Text("weighing…", style="dim"), id="crux-verdict")
            yield OptionList(id="crux-list", markup=False)
            yield Static(Text("What would flip this? searching…", style="dim"), id="crux-flip")
            yield ProgressBar(total=100, show_eta=False, id="crux-progress", classes="hidden")
        yield Footer()

    def first_focus(self) -> Widget | None:
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        super().on_mount()
        self._started = time.perf_counter()
        self.run_worker(self._weigh, thread=True, group="crux", exit_on_error=False)

    def on_unmount(self) -> None:
        self.workers.cancel_node(self)

    # ------------------------------------------------------------------ the worker

    def _weigh(self) -> None:
        """In a thread: the ranking at once, then Shapley values and the smallest flip from a
        child process (:mod:`debate.tui.crux_search`)."""
        # here: the numpy crux code (~30 ms) loads in a worker, never on the app's start
        from debate.scoring.crux import rank

        worker = get_current_worker()
        facts = self.facts or weigh_root(self.stamp[0], self.root)
        self._post(self._show_ranking, facts, rank(facts.found, THRESHOLD, LISTED, facts.shapley))
        ranked = facts

        def shapley_arrived(values: ShapleyResult) -> None:
            shown = replace(ranked, shapley=values)
            self._post(self._show_ranking, shown, rank(shown.found, THRESHOLD, LISTED, values))

        want_shapley = facts.shapley is None and facts.found.tree.size > 1
        if want_shapley or facts.flip is None:
            try:
                found = search(
                    facts.found,
                    THRESHOLD,
                    shapley=want_shapley,
                    flip=facts.flip is None,
                    limits=LIMITS,
                    progress=self._progress,
                    on_shapley=shapley_arrived,
                    stopped=lambda: worker.is_cancelled,
                )
            except SearchStopped:
                return
            except SearchFailed as error:
                self._post(self._show_failure, str(error))
                return
            facts = replace(
                facts, shapley=found.shapley or facts.shapley, flip=found.flip or facts.flip
            )
        self._post(self._show_flip, facts)

    def _post(self, callback: Callable[..., None], *args: object) -> None:
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(callback, *args)

    def _progress(self, what: str, done: int, total: int) -> None:
        """From the worker: the bar, once the work has taken half a second."""
        if time.perf_counter() - self._started >= SHOW_PROGRESS_AFTER:
            self._post(self._show_progress, what, done, total)

    # ------------------------------------------------------------------ showing

    def _show_progress(self, phase: str, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.remove_class("hidden")
        bar.update(total=max(total, 1), progress=done)
        if phase != self._phase:
            self._phase = phase
            self.query_one("#crux-flip", Static).update(
                Text(f"What would flip this? working out {phase}…", style="dim")
            )

    def _show_ranking(self, facts: RootFacts, rows: list[Crux]) -> None:
        self.facts = facts
        self.rows = rows
        scorer = self.session.scorer
        verdict = Text(verdict_line(facts.found.strength, THRESHOLD, scorer.base(self.root)))
        reading = scorer.perspective or "base map"
        verdict.append(f" · {scorer.semantics} · {reading}", "dim")
        if self.session.trial is not None:
            verdict.append(" · with the trial", "bold")
        verdict.append("\n")
        robust = facts.robust
        verdict.append(robustness_words(robust), "bold yellow" if robust.fragile else "")
        words = shapley_words(facts.shapley)
        if words:
            verdict.append("\n" + words, "dim")
        self.query_one("#crux-verdict", Static).update(verdict)
        self._fill_list()

    def on_resize(self) -> None:
        if self.facts is not None:
            self._fill_list()

    def _fill_list(self) -> None:
        """The ranked claims, two lines each, fitted to the list's width."""
        assert self.facts is not None
        rows = self.rows
        options = self.query_one(OptionList)
        if not options.size.width:  # not laid out yet
            self.call_after_refresh(self._fill_list)
            return
        highlighted = options.highlighted
        width = max(30, options.scrollable_content_region.width - 2)  # room for a scrollbar
        options.clear_options()
        options.add_options(
            [
                Option(crux_row(self.session, crux, THRESHOLD, width, self.number), id=crux.claim)
                for crux in rows
            ]
        )
        hidden = self.facts.found.tree.size - 1 - len(rows)
        if hidden > 0:
            more = Text(f"… {hidden} more (debate crux --limit 0 lists every claim)", style="dim")
            options.add_option(Option(more, disabled=True))
        if not rows:
            nothing = "no other claims: nothing to decide it but its own credence"
            options.add_option(Option(Text(nothing, style="dim"), disabled=True))
        options.highlighted = highlighted if highlighted is not None else 0 if rows else None

    def _show_failure(self, why: str) -> None:
        self.query_one(ProgressBar).add_class("hidden")
        text = Text("What would flip this? ", style="bold")
        text.append(f"the search failed: {why}", "red")
        self.query_one("#crux-flip", Static).update(text)
        self.finished = True

    def _show_flip(self, facts: RootFacts) -> None:
        self.facts = facts
        self.query_one(ProgressBar).add_class("hidden")
        flip = facts.flip
        assert flip is not None
        text = Text("What would flip this? ", style="bold")
        text.append(flip_words(flip, self.number))
        if flip.changes:
            text.append("\nt tries it as a trial: u undoes it, T keeps it as a perspective", "dim")
        self.query_one("#crux-flip", Static).update(text)
        self.finished = True

    # ------------------------------------------------------------------ keys

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(CruxChoice(jump=event.option.id))

    def action_jump(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            options.action_select()

    def action_try_flip(self) -> None:
        flip = self.facts.flip if self.facts is not None else None
        if flip is None:
            self.notify("Still searching for the smallest flip…", timeout=2)
        elif not flip.changes:
            self.notify(flip.note, markup=False, timeout=4)
        else:
            trial = Trial(self.root, flip.changes, self.session.perspective)
            self.dismiss(CruxChoice(trial=trial))

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
