"""The tree of claims: a line-API widget that only ever renders the rows on screen.

Why not Textual's ``Tree``: it keeps a node object per claim, rebuilds every visible line
on each expand and recurses once per depth level (a 1,000-deep chain raises
RecursionError). Here the visible rows are two flat lists (claim id, depth) spliced on
expand and collapse, every walk is iterative, and a row is turned into text only when it
is painted. A 100,000-claim map opens as fast as a small one and a 5,000-deep chain is
just 5,000 rows. Rows hold claim ids only: the model stays the one source of truth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line
from debate.model import Claim
from debate.session import MapSession
from debate.tui.keys import TREE_BINDINGS

BAR_CELLS = 4
_EIGHTHS = " ▏▎▍▌▋▊▉█"
MAX_NUMBER_PARTS = 5
"""Longer path numbers show their first part, an ellipsis and the last few parts."""


def strength_bar(value: float, cells: int = BAR_CELLS) -> str:
    """A bar of ``cells`` cells with eighth-block resolution."""
    eighths = round(max(0.0, min(1.0, value)) * cells * 8)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[rest] if rest and full < cells else "")
    return bar.ljust(cells)


def short_number(parts: list[int]) -> str:
    if len(parts) > MAX_NUMBER_PARTS:
        head, tail = parts[:1], parts[-(MAX_NUMBER_PARTS - 2) :]
        return ".".join(map(str, head)) + "…" + ".".join(map(str, tail))
    return ".".join(map(str, parts))


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims stand out: ``only`` hides the rest (ancestors stay, dimmed, for context)."""

    label: str
    ids: frozenset[str]
    only: bool


class ClaimTree(ScrollView, can_focus=True):
    """Claims as an outline: stance, weight, strength, markers, number and text per row."""

    BINDINGS = TREE_BINDINGS

    COMPONENT_CLASSES = {
        "claim-tree--cursor",
        "claim-tree--guides",
        "claim-tree--number",
        "claim-tree--bar",
        "claim-tree--dim",
        "claim-tree--match",
        "claim-tree--marker",
        "claim-tree--conflict",
        "claim-tree--cut",
    }

    DEFAULT_CSS = """
    ClaimTree {
        overflow-x: hidden;
        background: $surface;
        & > .claim-tree--cursor { background: $block-cursor-blurred-background; }
        &:focus > .claim-tree--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .claim-tree--guides { color: $surface-lighten-3; }
        & > .claim-tree--number { color: $text-muted; }
        & > .claim-tree--bar { color: $accent; }
        & > .claim-tree--dim { color: $text-disabled; }
        & > .claim-tree--match { background: $warning 40%; text-style: bold; }
        & > .claim-tree--marker { color: $secondary; }
        & > .claim-tree--conflict { color: $error; text-style: bold; }
        & > .claim-tree--cut { text-style: italic strike; }
    }
    """

    def __init__(
        self,
        session: MapSession,
        *,
        id: str | None = None,
        on_highlight: Callable[[str | None], None] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.session = session
        self.on_highlight = on_highlight
        self.expanded: set[str] = set()
        self.ids: list[str] = []
        self.depths: list[int] = []
        self.cursor = 0
        self.filter: ClaimFilter | None = None
        self.search_text = ""
        self.cut_id: str | None = None
        self._allowed: set[str] | None = None
        self._pending: str | None = None
        self._version = 0
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._sibling: dict[str, int] | None = None
        self._numbers: dict[str, str] = {}
        self._styles: dict[str, Style] = {}
        self._last_announced: str | None = None

    # ------------------------------------------------------------------ building rows

    @property
    def cursor_id(self) -> str | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def _children(self, claim_id: str) -> list[str]:
        children = self.session.tree.children.get(claim_id, [])
        allowed = self._allowed
        if allowed is None:
            return children
        return [child for child in children if child in allowed]

    def _roots(self) -> list[str]:
        roots = self.session.tree.roots
        if self._allowed is None:
            return roots
        return [root for root in roots if root in self._allowed]

    def _rows_below(self, claim_id: str, depth: int) -> tuple[list[str], list[int]]:
        """Visible rows under an expanded claim (iterative: deep chains are fine)."""
        ids: list[str] = []
        depths: list[int] = []
        expanded = self.expanded
        stack = [(child, depth + 1) for child in reversed(self._children(claim_id))]
        while stack:
            current, level = stack.pop()
            ids.append(current)
            depths.append(level)
            if current in expanded:
                stack.extend((child, level + 1) for child in reversed(self._children(current)))
        return ids, depths

    def _all_rows(self) -> None:
        ids: list[str] = []
        depths: list[int] = []
        for root in self._roots():
            ids.append(root)
            depths.append(0)
            if root in self.expanded:
                below, levels = self._rows_below(root, 0)
                ids.extend(below)
                depths.extend(levels)
        self.ids, self.depths = ids, depths

    def reset(self, keep: str | None = None) -> None:
        """Re-read the tree after a structural edit or a reload, keeping the cursor's claim."""
        keep = keep if keep is not None else self.cursor_id
        claims = self.session.argmap.claims
        self.expanded = {claim_id for claim_id in self.expanded if claim_id in claims}
        self._sibling = None
        self._numbers = {}
        if self.filter is not None:
            self._apply_filter(self.filter, reveal=False)
        self._all_rows()
        self._invalidate()
        if keep is not None and keep in claims:
            self.select(keep, announce=True)
        else:
            self._move(min(self.cursor, len(self.ids) - 1), announce=True)

    def load(self, expand_roots: bool = True) -> None:
        """First fill: every root expanded one level."""
        if expand_roots:
            self.expanded = {root for root in self.session.tree.roots}
        self._all_rows()
        self._invalidate()
        self._move(0, announce=True)

    def _invalidate(self) -> None:
        self._version += 1
        self._strips.clear()
        self.virtual_size = Size(0, len(self.ids))
        self.refresh()

    def refresh_data(self) -> None:
        """Values changed (weights, strengths, text): repaint what is on screen."""
        self._strips.clear()
        self._version += 1
        self.refresh()

    # ------------------------------------------------------------------ expand / collapse

    def has_children(self, claim_id: str) -> bool:
        return bool(self._children(claim_id))

    def expand_row(self, row: int) -> bool:
        claim_id = self.ids[row]
        if claim_id in self.expanded or not self.has_children(claim_id):
            return False
        self.expanded.add(claim_id)
        below, levels = self._rows_below(claim_id, self.depths[row])
        self.ids[row + 1 : row + 1] = below
        self.depths[row + 1 : row + 1] = levels
        self._invalidate()
        return True

    def collapse_row(self, row: int) -> bool:
        claim_id = self.ids[row]
        if claim_id not in self.expanded:
            return False
        self.expanded.discard(claim_id)
        end = self._subtree_end(row)
        del self.ids[row + 1 : end]
        del self.depths[row + 1 : end]
        if row < self.cursor < end:
            self.cursor = row
        elif self.cursor >= end:
            self.cursor -= end - row - 1
        self._invalidate()
        return True

    def _subtree_end(self, row: int) -> int:
        depth = self.depths[row]
        depths = self.depths
        end = row + 1
        count = len(depths)
        while end < count and depths[end] > depth:
            end += 1
        return end

    def expand_to_level(self, level: int | None) -> None:
        """Show every claim down to depth ``level`` (roots are 0; ``None``: everything)."""
        keep = self.cursor_id
        if level is None:
            self.expanded = {
                claim_id for claim_id, children in self.session.tree.children.items() if children
            }
        else:
            children = self.session.tree.children
            self.expanded = {
                claim_id
                for claim_id, depth in self.session.tree.walk()
                if depth < level and children[claim_id]
            }
        self._all_rows()
        self._invalidate()
        if keep is not None and keep in self.ids:
            self._move(self.ids.index(keep), announce=False)
        else:
            self._move(min(self.cursor, len(self.ids) - 1), announce=True)

    def collapse_all(self) -> None:
        keep = self.cursor_id
        self.expanded = set()
        self._all_rows()
        self._invalidate()
        root = self._root_of(keep) if keep is not None else None
        self._move(self.ids.index(root) if root in self.ids else 0, announce=True)

    def _root_of(self, claim_id: str) -> str:
        ancestors = list(self.session.tree.ancestors(claim_id))
        return ancestors[-1] if ancestors else claim_id

    # ------------------------------------------------------------------ cursor

    def _move(self, row: int, announce: bool = True, center: bool = False) -> None:
        if not self.ids:
            self.cursor = 0
            if announce:
                self._announce(None)
            return
        row = max(0, min(row, len(self.ids) - 1))
        previous = self.cursor
        self.cursor = row
        self._refresh_row(previous)
        self._refresh_row(row)
        self._scroll_to_row(row, center)
        if announce:
            self._announce(self.ids[row])

    def _announce(self, claim_id: str | None) -> None:
        """Tell the screen the cursor is on another claim (a callback, not a message: the
        detail pane repaints in the same frame as the cursor)."""
        if claim_id != self._last_announced:
            self._last_announced = claim_id
            if self.on_highlight is not None:
                self.on_highlight(claim_id)

    def _refresh_row(self, row: int) -> None:
        top = int(self.scroll_offset.y)
        if top <= row < top + self.size.height:
            self.refresh(Region(0, row - top, self.size.width, 1))

    def _scroll_to_row(self, row: int, center: bool = False) -> None:
        height = self.size.height or 1
        top = int(self.scroll_offset.y)
        if center and not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 2), animate=False)
        elif row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False)

    def reveal(self, claim_id: str) -> None:
        """Expand the claim's ancestors so it has a row (drops an 'only' filter hiding it)."""
        if self._allowed is not None and claim_id not in self._allowed:
            self.set_filter(None)
        ancestors = list(self.session.tree.ancestors(claim_id))
        missing = [a for a in ancestors if a not in self.expanded]
        if not missing:
            return
        self.expanded.update(missing)
        self._all_rows()
        self._invalidate()

    def select(self, claim_id: str, announce: bool = True) -> None:
        if claim_id not in self.session.argmap.claims:
            return
        self.reveal(claim_id)
        try:
            row = self.ids.index(claim_id)
        except ValueError:
            return
        self._move(row, announce=announce, center=True)

    # ------------------------------------------------------------------ filter and search

    def set_filter(self, claim_filter: ClaimFilter | None) -> None:
        keep = self.cursor_id
        self.filter = claim_filter
        if claim_filter is None:
            self._allowed = None
        else:
            self._apply_filter(claim_filter, reveal=True)
        self._all_rows()
        self._invalidate()
        if keep is not None and keep in self.ids:
            self._move(self.ids.index(keep), announce=False)
        else:
            self._move(0, announce=True)

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

    def set_query(self, query: str) -> None:
        self.search_text = query
        self.refresh_data()

    # ------------------------------------------------------------------ actions

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.size.height - 1))

    def action_top(self) -> None:
        self._move(0)

    def action_bottom(self) -> None:
        self._move(len(self.ids) - 1)

    def action_toggle_claim(self) -> None:
        if self.ids and not self.collapse_row(self.cursor):
            self.expand_row(self.cursor)

    def action_collapse_or_parent(self) -> None:
        if self.ids and not self.collapse_row(self.cursor):
            self.action_parent()

    def action_expand_or_child(self) -> None:
        if not self.ids:
            return
        if not self.expand_row(self.cursor):
            row = self.cursor + 1
            if row < len(self.ids) and self.depths[row] > self.depths[self.cursor]:
                self._move(row)

    def action_parent(self) -> None:
        claim_id = self.cursor_id
        parent = self.session.tree.parent.get(claim_id) if claim_id else None
        if parent is not None:
            self.select(parent)

    def action_root(self) -> None:
        if self.cursor_id is not None:
            self.select(self._root_of(self.cursor_id))

    def _sibling_row(self, step: int) -> int | None:
        if not self.ids:
            return None
        depth = self.depths[self.cursor]
        row = self.cursor + step
        while 0 <= row < len(self.ids):
            if self.depths[row] == depth:
                return row
            if self.depths[row] < depth:
                return None
            row += step
        return None

    def action_next_sibling(self) -> None:
        row = self._sibling_row(1)
        if row is not None:
            self._move(row)

    def action_previous_sibling(self) -> None:
        row = self._sibling_row(-1)
        if row is not None:
            self._move(row)

    def action_expand_all(self) -> None:
        self.expand_to_level(None)

    def action_collapse_all(self) -> None:
        self.collapse_all()

    def action_level_prompt(self) -> None:
        self._pending = "level"
        self.notify("Expand to level: press 1-9", timeout=2)

    def on_key(self, event: events.Key) -> None:
        if self._pending == "level":
            self._pending = None
            if event.character is not None and event.character in "123456789":
                event.stop()
                event.prevent_default()
                self.expand_to_level(int(event.character))

    # ------------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + int(self.scroll_offset.y)
        if not 0 <= row < len(self.ids):
            return
        if row == self.cursor or event.chain >= 2:
            self.action_toggle_claim()
        else:
            self._move(row)

    # ------------------------------------------------------------------ painting

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._strips.clear()

    def on_focus(self) -> None:
        self.refresh_data()

    def on_blur(self) -> None:
        self.refresh_data()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(
                f"claim-tree--{name}", partial=True
            )
        return style

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(0, len(self.ids))

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_offset.y)
        width = self.size.width
        base = self.rich_style
        if not 0 <= row < len(self.ids):
            return Strip.blank(width, base)
        is_cursor = row == self.cursor
        key = (self.ids[row], self.depths[row], width, is_cursor, self._version, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, width, base, is_cursor)
            self._strips[key] = strip
        return strip

    def _render_row(self, row: int, width: int, base: Style, is_cursor: bool) -> Strip:
        label = self.row_text(row, width)
        if is_cursor:
            label.stylize(self._style("cursor"))
        label.truncate(width, overflow="ellipsis", pad=True)
        segments = list(label.render(self.app.console))
        segments = [
            Segment(text, base + style if style else base, control)
            for text, style, control in segments
        ]
        return Strip(segments, width)

    def _guides(self, claim_id: str, depth: int, levels: int) -> str:
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
        siblings = self._children(parent) if parent is not None else self._roots()
        return bool(siblings) and siblings[-1] == claim_id

    def number(self, claim_id: str) -> str:
        """Kialo-style path number (1.2.3), shortened for very deep claims."""
        number = self._numbers.get(claim_id)
        if number is None:
            sibling = self._sibling_positions()
            parent_of = self.session.tree.parent
            parts: list[int] = []
            current: str | None = claim_id
            while current is not None:
                parts.append(sibling.get(current, 0) + 1)
                current = parent_of.get(current)
                if len(parts) > 100_000:
                    break
            parts.reverse()
            number = self._numbers[claim_id] = short_number(parts)
        return number

    def _sibling_positions(self) -> dict[str, int]:
        if self._sibling is None:
            tree = self.session.tree
            positions = {root: index for index, root in enumerate(tree.roots)}
            for children in tree.children.values():
                for index, child in enumerate(children):
                    positions[child] = index
            self._sibling = positions
        return self._sibling

    def row_text(self, row: int, width: int) -> Text:
        """One row: strength (number and bar), stance and weight, markers, then the outline
        (guides, toggle, path number) and the text. The measures come first so they line
        up in columns whatever the depth."""
        claim_id = self.ids[row]
        depth = self.depths[row]
        session = self.session
        claim = session.argmap.claims[claim_id]
        scorer = session.scorer
        levels = max(2, (width - 40) // 4)
        strength = scorer.strength(claim_id)
        shown = f"{strength:.2f}"
        text = Text(no_wrap=True, end="")
        text.append(" " + (shown[1:] if shown[0] == "0" else shown[:3]) + " ", "bold")
        text.append(strength_bar(strength), self._style("bar"))
        stance = claim.stance if claim.parent is not None else None
        text.append(" " + STANCE_GLYPHS[stance], STANCE_STYLES[stance])
        text.append(str(scorer.weight(claim_id)) if stance is not None else " ", "dim")
        text.append(" ")
        text.append_text(self._markers(claim))
        text.append(" ")
        text.append(self._guides(claim_id, depth, levels), self._style("guides"))
        if self.has_children(claim_id):
            text.append("▾ " if claim_id in self.expanded else "▸ ", self._style("guides"))
        else:
            text.append("  ")
        text.append(self.number(claim_id) + " ", self._style("number"))
        body = Text(one_line(claim.text))
        if self.search_text:
            body.highlight_words([self.search_text], self._style("match"), case_sensitive=False)
        if claim_id == self.cut_id:
            body.stylize(self._style("cut"))
        text.append_text(body)
        claim_filter = self.filter
        if claim_filter is not None and claim_id not in claim_filter.ids:
            text.stylize(self._style("dim"))
        return text

    def _markers(self, claim: Claim) -> Text:
        marker = self._style("marker")
        text = Text()
        text.append("✎" if claim.notes else " ", marker)
        text.append("#" if claim.tags else " ", marker)
        text.append("§" if claim.cite is not None else " ", marker)
        text.append("↗" if claim.links else " ", marker)
        text.append("!" if claim.conflicts else " ", self._style("conflict"))
        return text
