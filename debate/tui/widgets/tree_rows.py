"""The claim tree's rows: which claims have one, in what order, at what depth.

Two flat lists (claim id, depth) spliced on expand and collapse, rebuilt by iterative walks
(a 5,000-deep chain is just 5,000 rows, no recursion), filtered when a filter shows only
some claims, plus the outline around each row (tree guides, path numbers). No Textual and
no cursor here: :class:`~debate.tui.widgets.claim_tree.ClaimTree` moves a cursor over these
rows and paints them. Rows hold claim ids only; the map model stays the one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from debate.session import MapSession

TREE_NUMBER_PARTS = 5
"""The tree's number column is narrow: longer path numbers show their first part, an
ellipsis and the last few parts (:func:`debate.model.short_number`, the one rule)."""


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims stand out: ``only`` hides the rest (ancestors stay, dimmed, for context)."""

    label: str
    ids: frozenset[str]
    only: bool


class TreeRows:
    """The visible rows of one session's tree, and what is expanded."""

    def __init__(self, session: MapSession) -> None:
        self.session = session
        self.expanded: set[str] = set()
        self.ids: list[str] = []
        self.depths: list[int] = []
        self.filter: ClaimFilter | None = None
        self._allowed: set[str] | None = None
        self._numbers: dict[str, str] = {}

    # ------------------------------------------------------------------ building rows

    def children(self, claim_id: str) -> list[str]:
        """The claim's children that have rows (all of them unless a filter shows only some)."""
        children = self.session.tree.children.get(claim_id, [])
        allowed = self._allowed
        if allowed is None:
            return children
        return [child for child in children if child in allowed]

    def roots(self) -> list[str]:
        roots = self.session.tree.roots
        if self._allowed is None:
            return roots
        return [root for root in roots if root in self._allowed]

    def has_children(self, claim_id: str) -> bool:
        return bool(self.children(claim_id))

    def _rows_below(self, claim_id: str, depth: int) -> tuple[list[str], list[int]]:
        """Visible rows under an expanded claim (iterative: deep chains are fine)."""
        ids: list[str] = []
        depths: list[int] = []
        expanded = self.expanded
        stack = [(child, depth + 1) for child in reversed(self.children(claim_id))]
        while stack:
            current, level = stack.pop()
            ids.append(current)
            depths.append(level)
            if current in expanded:
                stack.extend((child, level + 1) for child in reversed(self.children(current)))
        return ids, depths

    def rebuild(self) -> None:
        """Every row again, from the roots down through what is expanded."""
        ids: list[str] = []
        depths: list[int] = []
        for root in self.roots():
            ids.append(root)
            depths.append(0)
            if root in self.expanded:
                below, levels = self._rows_below(root, 0)
                ids.extend(below)
                depths.extend(levels)
        self.ids, self.depths = ids, depths

    def reread(self) -> None:
        """After a structural edit or a reload: forget old numbers. What was expanded is
        kept, deleted claims included, so undoing a delete brings the claim back open."""
        self._numbers = {}
        if self.filter is not None:
            self._apply_filter(self.filter, reveal=False)
        self.rebuild()

    # ------------------------------------------------------------------ expand / collapse

    def expand(self, row: int) -> bool:
        """Open the claim at ``row``; ``False`` if it is open already or has no children."""
        claim_id = self.ids[row]
        if claim_id in self.expanded or not self.has_children(claim_id):
            return False
        self.expanded.add(claim_id)
        below, levels = self._rows_below(claim_id, self.depths[row])
        self.ids[row + 1 : row + 1] = below
        self.depths[row + 1 : row + 1] = levels
        return True

    def collapse(self, row: int) -> int | None:
        """Close the claim at ``row``; returns where its rows ended (``None``: not open)."""
        claim_id = self.ids[row]
        if claim_id not in self.expanded:
            return None
        self.expanded.discard(claim_id)
        end = self.subtree_end(row)
        del self.ids[row + 1 : end]
        del self.depths[row + 1 : end]
        return end

    def subtree_end(self, row: int) -> int:
        """The first row after ``row``'s visible subtree."""
        depth = self.depths[row]
        depths = self.depths
        end = row + 1
        count = len(depths)
        while end < count and depths[end] > depth:
            end += 1
        return end

    def expand_to_level(self, level: int | None) -> None:
        """Open every claim above depth ``level`` (roots are 0; ``None``: everything)."""
        tree = self.session.tree
        if level is None:
            self.expanded = {claim_id for claim_id, children in tree.children.items() if children}
        else:
            children = tree.children
            self.expanded = {
                claim_id for claim_id, depth in tree.walk() if depth < level and children[claim_id]
            }
        self.rebuild()

    def collapse_all(self) -> None:
        self.expanded = set()
        self.rebuild()

    def root_of(self, claim_id: str) -> str:
        ancestors = list(self.session.tree.ancestors(claim_id))
        return ancestors[-1] if ancestors else claim_id

    def hides(self, claim_id: str) -> bool:
        """Whether a filter showing only some claims leaves this one out."""
        return self._allowed is not None and claim_id not in self._allowed

    def open_ancestors(self, claim_id: str) -> bool:
        """Expand the claim's ancestors so it has a row; ``False`` if it had one already."""
        ancestors = list(self.session.tree.ancestors(claim_id))
        missing = [a for a in ancestors if a not in self.expanded]
        if not missing:
            return False
        self.expanded.update(missing)
        self.rebuild()
        return True

    def sibling_row(self, row: int, step: int) -> int | None:
        """The next (``step`` 1) or previous (-1) row at ``row``'s depth under one parent."""
        if not self.ids:
            return None
        depth = self.depths[row]
        row += step
        while 0 <= row < len(self.ids):
            if self.depths[row] == depth:
                return row
            if self.depths[row] < depth:
                return None
            row += step
        return None

    # ------------------------------------------------------------------ filter

    def set_filter(self, claim_filter: ClaimFilter | None) -> None:
        """Show only (or highlight) some claims; their ancestors are opened to show them."""
        self.filter = claim_filter
        if claim_filter is None:
            self._allowed = None
        else:
            self._apply_filter(claim_filter, reveal=True)
        self.rebuild()

    def _apply_filter(self, claim_filter: ClaimFilter, reveal: bool) -> None:
        tree = self.session.tree
        claims = self.session.argmap.claims
        ids = {claim_id for claim_id in claim_filter.ids if claim_id in claims}
        context: set[str] = set()
        for claim_id in ids:
            for ancestor in tree.ancestors(claim_id):
                if ancestor in context:
                    break
                context.add(ancestor)
        self._allowed = ids | context if claim_filter.only else None
        if reveal:
            self.expanded |= context

    # ------------------------------------------------------------------ the outline

    def guides(self, claim_id: str, depth: int, levels: int) -> str:
        """Tree guides for the last ``levels`` levels (deeper rows show their depth)."""
        if depth == 0:
            return ""
        parent_of = self.session.tree.parent
        lasts: list[bool] = []
        current: str | None = claim_id
        for _ in range(min(depth, levels)):
            if current is None:
                break
            lasts.append(self._is_last(current))
            current = parent_of.get(current)
        lasts.reverse()
        own = "└╴" if lasts[-1] else "├╴"
        guides = "".join("  " if last else "│ " for last in lasts[:-1]) + own
        if depth > levels:
            guides = f"⋯{depth} " + guides
        return guides

    def _is_last(self, claim_id: str) -> bool:
        parent = self.session.tree.parent.get(claim_id)
        siblings = self.children(parent) if parent is not None else self.roots()
        return bool(siblings) and siblings[-1] == claim_id

    def number(self, claim_id: str) -> str:
        """Kialo-style path number (1.2.3), shortened for very deep claims."""
        number = self._numbers.get(claim_id)
        if number is None:
            number = self._numbers[claim_id] = self.session.tree.number(claim_id, TREE_NUMBER_PARTS)
        return number
