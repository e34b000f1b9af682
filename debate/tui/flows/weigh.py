"""Weighing: weight and credence keys, the stance, whose perspective and which semantics.

Weight and credence edits go to the active perspective's overlay when there is one (see
:func:`debate.edits.set_weight`); the stance is the argument's, not a weighing, so under a
perspective ``s`` refuses. A key that would not change the value makes no edit (it says
so), so it leaves nothing to undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from debate.display import one_line
from debate.edits import AddPerspective, SetStance, next_stance, set_credence, set_weight
from debate.tui.flows.checks import new_id
from debate.tui.flows.labels import NEW
from debate.tui.screens.modals import PickerModal, PickItem, TextModal

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen

CREDENCE_STEP = 0.05


def _whose(screen: MapScreen) -> str:
    perspective = screen.session.perspective
    return f" in {perspective}" if perspective else ""


def set_claim_weight(screen: MapScreen, value: int) -> None:
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    session = screen.session
    if session.argmap.claims[claim_id].parent is None:
        screen.notify("A root bears on nothing: weights apply to claims under a parent")
        return
    if session.scorer.weight(claim_id) == value:
        screen.notify(f"The weight is {value} already{_whose(screen)}", timeout=2)
        return
    screen.apply(set_weight(session.argmap, claim_id, value, session.perspective))


def step_credence(screen: MapScreen, direction: int) -> None:
    """Credence up (``1``) or down (``-1``) by :data:`CREDENCE_STEP`, within 0-1."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    session = screen.session
    value = session.scorer.credence(claim_id) + direction * CREDENCE_STEP
    edit = set_credence(session.argmap, claim_id, value, session.perspective)
    current = round(session.scorer.credence(claim_id), 2)
    if getattr(edit, "value", None) == current:
        limit = "the most" if direction > 0 else "the least"
        screen.notify(f"The credence is {current:.2f} already ({limit}){_whose(screen)}")
        return
    screen.apply(edit)


def cycle_stance(screen: MapScreen) -> None:
    """Pro → con → part, on the base map only: a perspective overlays weights and
    credences, not how a claim bears on its parent, so under one the key refuses."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    perspective = screen.session.perspective
    if perspective is not None:
        screen.notify(
            f"Weighing as {perspective}: a perspective holds weights and credences, not "
            "stances. Switch to the base map (w) to change the stance.",
            severity="warning",
            markup=False,
            timeout=5,
        )
        return
    claim = screen.session.argmap.claims[claim_id]
    screen.apply(SetStance(claim_id, next_stance(claim.stance)))


def switch_perspective(screen: MapScreen, name: str | None) -> None:
    """Weigh as ``name`` (``None``: the base map); nothing in the map changes."""
    screen.session.set_perspective(name)
    screen.repaint_values()
    shown = name or "the base map"
    screen.notify(f"Now weighing as {shown}", markup=False, timeout=2)


def switch_semantics(screen: MapScreen, name: str) -> None:
    """Score with another gradual semantics (see docs/SCORING.md)."""
    screen.session.scorer.set_semantics(name)
    screen.repaint_values()
    screen.notify(f"Scoring with {name}", markup=False, timeout=2)


async def pick_perspective(screen: MapScreen) -> None:
    """Pick whose weights to use, or name a new perspective (an edit, so undo removes it)."""
    argmap = screen.session.argmap
    items = [PickItem("", Text("base map (no perspective)", style="bold"), "base map")]
    for name, perspective in argmap.perspectives.items():
        label = Text(name, style="bold")
        if perspective.description:
            label.append("  " + one_line(perspective.description, 60), "dim")
        items.append(PickItem(name, label, name))
    items.append(PickItem(NEW, Text("+ new perspective…", style="italic"), "new"))
    choice = await screen.app.push_screen_wait(PickerModal("Weigh as…", items))
    if choice is None:
        return
    if choice == NEW:
        new_name = await screen.app.push_screen_wait(
            TextModal(
                "Name of the new perspective",
                placeholder="e.g. sceptic",
                check=new_id("perspective", argmap.perspectives),
            )
        )
        if new_name is None:
            return
        if screen.apply(AddPerspective(new_name.strip())) is None:
            return
        choice = new_name.strip()
    switch_perspective(screen, choice or None)


async def compare(screen: MapScreen) -> None:
    """The verdicts of every perspective side by side; picking a claim jumps to it."""
    # here, not at the top: its table widget (Textual's DataTable) is ~25 ms of every start
    from debate.tui.screens.compare import CompareScreen

    claim_id = await screen.app.push_screen_wait(CompareScreen(screen.session))
    if claim_id:
        screen.jump_to(claim_id)
