"""What decides the verdict: open the crux view of the current claim's root, jump to a claim
from it, try its smallest flip as a trial, keep a trial as a named perspective.

A trial is shown, never saved (:mod:`debate.trial`): ``u`` takes it away, ``T`` keeps it as a
perspective, which is an ordinary edit the next save writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from debate.display import visible
from debate.errors import DebateError
from debate.tui.flows.checks import new_id
from debate.tui.screens.crux import CruxScreen
from debate.tui.screens.modals import TextModal
from debate.tui.widgets.crux_text import root_of

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen


async def open_crux(screen: MapScreen) -> None:
    """The crux view of the root above the cursor; enter jumps, ``t`` tries the flip."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    cache = screen.crux_cache
    root = root_of(screen.session, claim_id)
    stamp = cache.stamp()
    view = CruxScreen(screen.session, root, stamp, screen.claim_tree.number, cache.facts(root))
    choice = await screen.app.push_screen_wait(view)
    if view.facts is not None:
        cache.store(stamp, root, view.facts)  # its Shapley values and flip, for the pane
    if choice is None:
        screen.show_detail(keep_scroll=True)  # with what the view found; where it was
        return
    if choice.jump is not None:
        screen.jump_to(choice.jump)
    elif choice.trial is not None:
        if not cache.current(stamp):
            screen.notify("The map changed meanwhile: look again (X) for a fresh flip")
            return
        change = screen.session.show_trial(choice.trial)
        screen.after_change(
            change, "Trying the flip (not saved): u undoes it, T keeps it as a perspective"
        )


async def keep_trial(screen: MapScreen) -> None:
    """Save what the trial shows as a new named perspective (the next save writes it)."""
    session = screen.session
    if session.trial is None:
        screen.notify("No trial is shown: X lists what decides a verdict, t there tries a flip")
        return
    name = await screen.app.push_screen_wait(
        TextModal(
            "Keep the trial as the perspective named",
            placeholder="e.g. flipped",
            hint="enter keeps it (an edit: ctrl+s saves it) · escape cancels",
            check=new_id("perspective", session.argmap.perspectives),
        )
    )
    if not name:
        return
    try:
        change = session.keep_trial(name.strip())
    except DebateError as error:
        screen.notify(visible(str(error)), severity="error", markup=False)
        return
    screen.after_change(change, f"Kept the trial as the perspective {name.strip()}")
