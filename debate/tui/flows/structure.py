"""Changing the shape of the map: add, edit, delete, cut and paste, and reorder claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from debate.edits import AddClaim, DeleteClaim, MoveClaim, MoveSibling, SetField
from debate.slugs import new_claim_id
from debate.tui.flows.checks import some_text
from debate.tui.flows.labels import claim_title
from debate.tui.screens.modals import Choice, ChoiceModal, TextModal

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen

STANCE_CHOICES = [
    Choice("pro", "p", "pro (supports it)"),
    Choice("con", "c", "con (attacks it)"),
    Choice("part", "a", "part (one dimension of it)"),
]


async def _new_claim(screen: MapScreen, parent: str | None, after: str | None, what: str) -> None:
    """Ask how it bears on ``parent`` (roots have no stance), then its text."""
    stance: str | None = None
    if parent is not None:
        stance = await screen.app.push_screen_wait(
            ChoiceModal(
                claim_title(screen, f"New {what} of", parent),
                "How does it bear on it?",
                STANCE_CHOICES,
            )
        )
        if stance is None:
            return
    title = f"Text of the new {stance or 'root'} claim"
    text = await screen.app.push_screen_wait(
        TextModal(title, placeholder="one sentence", check=some_text("A claim"))
    )
    if text is None:
        return
    text = text.strip()
    claim_id = new_claim_id(text, screen.session.argmap.claims)
    screen.apply(AddClaim(claim_id, parent, stance, text, after=after))


async def add_child(screen: MapScreen) -> None:
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    await _new_claim(screen, claim_id, None, "child")


async def add_sibling(screen: MapScreen) -> None:
    """A claim right after this one under the same parent (a new root beside a root)."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    parent = screen.session.argmap.claims[claim_id].parent
    await _new_claim(screen, parent, claim_id, "sibling" if parent else "root")


async def edit_text(screen: MapScreen) -> None:
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    claim = screen.session.argmap.claims[claim_id]
    text = await screen.app.push_screen_wait(
        TextModal(
            claim_title(screen, "Edit", claim_id),
            claim.text,
            multiline="\n" in claim.text,
            check=some_text("A claim"),
        )
    )
    if text is not None and text.strip() != claim.text:
        screen.apply(SetField(claim_id, "text", text.strip()))


async def delete(screen: MapScreen) -> None:
    """Delete the claim (its children move up; a root's become roots) or its whole subtree;
    undo brings it back."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    tree = screen.session.tree
    below = len(tree.subtree(claim_id)) - 1
    children = len(tree.children.get(claim_id, []))
    choices = [Choice("claim", "y", "delete this claim")]
    message = Text("")
    if children and tree.parent.get(claim_id) is None:
        if children == 1:
            message = Text("Its child becomes a root: a tree of its own, scored on its own.")
        else:
            message = Text(
                f"Its {children} children become roots: trees of their own, scored on their own."
            )
    elif children:
        message = Text("Its children move up to its parent.")
    if below:
        choices.append(Choice("subtree", "s", f"delete it and all {below} below"))
    choices.append(Choice("cancel", "n", "cancel"))
    answer = await screen.app.push_screen_wait(
        ChoiceModal(claim_title(screen, "Delete", claim_id), message, choices)
    )
    if answer in ("claim", "subtree"):
        change = screen.apply(DeleteClaim(claim_id, subtree=answer == "subtree"))
        if change is not None:
            screen.notify(change.edit.describe() + " — u undoes it", markup=False, timeout=3)


def cut(screen: MapScreen) -> None:
    """Mark the claim to move; paste puts it under another one."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    screen.claim_tree.cut_id = claim_id
    screen.notify("Cut: go to the new parent and press v to paste (escape cancels)", timeout=3)


def paste(screen: MapScreen) -> None:
    """Move the cut claim under the claim at the cursor."""
    tree = screen.claim_tree
    cut_id = tree.cut_id
    target = tree.cursor_id
    if cut_id is None or cut_id not in screen.session.argmap.claims:
        screen.notify("Nothing cut: x cuts the claim under the cursor", timeout=2)
        return
    if target is None:
        return
    if screen.apply(MoveClaim(cut_id, target)) is not None:
        tree.cut_id = None
        tree.select(cut_id)


def move_among_siblings(screen: MapScreen, offset: int) -> None:
    claim_id = screen.selected_claim()
    if claim_id is not None:
        screen.apply(MoveSibling(claim_id, offset))
