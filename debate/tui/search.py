"""The ``/`` search: type words, the tree highlights them, ``n``/``N`` step between matches.

Matching is a question for the model (:func:`debate.queries.matching_claims`: claim text or
id, ignoring case). Stepping goes in reading order (the tree's pre-order, collapsed claims
included: a match inside a closed branch opens it) and wraps at either end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

from debate.model import MapTree
from debate.queries import matching_claims, preorder

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen


def next_match(
    order: list[str],
    matches: list[str],
    current: str | None,
    step: int,
    include_current: bool = False,
) -> str:
    """The match after (``step`` > 0) or before ``current`` in ``order``, wrapping around.

    ``matches`` is non-empty and in ``order``; ``include_current`` lets the claim at the
    cursor count as the next one (the first step of a fresh search).
    """
    position = {claim_id: index for index, claim_id in enumerate(order)}
    here = position.get(current or "", -1)
    found = [position[claim_id] for claim_id in matches]
    if step > 0:
        after = [p for p in found if p > here or (include_current and p == here)]
        target = after[0] if after else found[0]
    else:
        before = [p for p in found if p < here]
        target = before[-1] if before else found[-1]
    return order[target]


class Search:
    """One map screen's search: the bar, the matches, and the steps between them."""

    def __init__(self, screen: MapScreen) -> None:
        self.screen = screen
        self.matches: list[str] = []
        self._order: tuple[MapTree, list[str]] | None = None

    @property
    def bar(self) -> Input:
        return self.screen.query_one("#search", Input)

    def order(self) -> list[str]:
        """Every claim in reading order, computed again only when the tree was rebuilt."""
        tree = self.screen.session.tree
        if self._order is None or self._order[0] is not tree:
            self._order = (tree, preorder(tree))
        return self._order[1]

    def open(self) -> None:
        bar = self.bar
        bar.remove_class("hidden")
        bar.value = self.screen.claim_tree.search_text
        self.screen.set_focus(bar)

    def typed(self, value: str) -> None:
        """Highlight as the user types; the matches are counted when they step."""
        self.screen.claim_tree.set_query(value)
        self.matches = []

    def submitted(self, value: str) -> None:
        """Enter: close the bar, keep the words, go to the first match from the cursor on."""
        tree = self.screen.claim_tree
        self.bar.add_class("hidden")
        self.screen.set_focus(tree)
        tree.set_query(value.strip())
        self.screen.refresh_header()
        if tree.search_text:
            self.step(1, include_current=True)

    def close(self) -> None:
        """Hide the bar and forget the words (the caller repaints the header)."""
        self.bar.add_class("hidden")
        self.screen.claim_tree.set_query("")

    def step(self, step: int, include_current: bool = False) -> None:
        screen = self.screen
        searched = screen.claim_tree.search_text
        if not searched:
            screen.notify("No search yet: press / to search", timeout=2)
            return
        order = self.order()
        self.matches = matching_claims(screen.session.argmap, order, searched)
        if not self.matches:
            screen.notify(f"No claim matches “{searched}”", markup=False, timeout=2)
            return
        current = screen.claim_tree.cursor_id
        claim_id = next_match(order, self.matches, current, step, include_current)
        index = self.matches.index(claim_id) + 1
        screen.jump_to(claim_id)
        screen.notify(f"match {index}/{len(self.matches)}", timeout=1.5)
