"""Following a claim's see-also links (``f``); ``backspace`` comes back (the screen's jumps)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from debate.tui.flows.labels import claim_item
from debate.tui.screens.modals import PickerModal

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen


async def follow_link(screen: MapScreen) -> None:
    """Jump to the linked claim; with several links, pick one first."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    argmap = screen.session.argmap
    links = [t for t in argmap.claims[claim_id].links if t in argmap.claims]
    if not links:
        screen.notify("This claim has no see-also links (L adds one)", timeout=2)
        return
    target: str | None = links[0]
    if len(links) > 1:
        items = [claim_item(screen, t) for t in links]
        target = await screen.app.push_screen_wait(PickerModal("Follow which link?", items))
    if target:
        screen.jump_to(target)
