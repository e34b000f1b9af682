"""The tree of claims: a line-API widget that only ever renders the rows on screen.

Why not Textual's ``Tree``: it keeps a node object per claim, rebuilds every visible line
on each expand and recurses once per depth level (a 1,000-deep chain raises
RecursionError). Here the rows are :class:`~debate.tui.widgets.tree_rows.TreeRows` (two
flat lists spliced on expand and collapse, iterative walks), and a row is turned into text
only when it is painted. A 100,000-claim map opens as fast as a small one and a 5,000-deep
chain is just 5,000 rows. This module is the widget: the cursor, keys, mouse and painting;
what a row says is :mod:`debate.tui.widgets.row_label`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from debate.session import MapSession
from debate.tui.keys import TREE_BINDINGS
from debate.tui.widgets.legible import AA, component_style
from debate.tui.widgets.row_label import row_label
from debate.tui.widgets.tree_rows import ClaimFilter, TreeRows

LEGIBLE = frozenset({"number", "guides", "marker"})
"""Components that carry meaning, never painted below WCAG AA contrast."""


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
        self.rows = TreeRows(session)
        self.cursor = 0
        self.search_text = ""
        self._cut_id: str | None = None
        self._pending: str | None = None
        self._version = 0
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._last_announced: str | None = None

    # ------------------------------------------------------------------ rows

    @property
    def ids(self) -> list[str]:
        """The claim on each visible row, top to bottom."""
        return self.rows.ids

    @property
    def depths(self) -> list[int]:
        return self.rows.depths

    @property
    def filter(self) -> ClaimFilter | None:
        return self.rows.filter

    @property
    def cut_id(self) -> str | None:
        """The claim cut with ``x``, marked on its row until pasted or cancelled."""
        return self._cut_id

    @cut_id.setter
    def cut_id(self, claim_id: str | None) -> None:
        if claim_id != self._cut_id:
            self._cut_id = claim_id
            self.refresh_data()

    @property
    def cursor_id(self) -> str | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def number(self, claim_id: str) -> str:
        """Kialo-style path number (1.2.3), shortened for very deep claims."""
        return self.rows.number(claim_id)

    def reset(self, keep: str | None = None) -> None:
        """Re-read the tree after a structural edit or a reload, keeping the cursor's claim."""
        keep = keep if keep is not None else self.cursor_id
        self.rows.reread()
        self._invalidate()
        if keep is not None and keep in self.session.argmap.claims:
            self.select(keep, announce=True)
        else:
            self._move(min(self.cursor, len(self.ids) - 1), announce=True)

    def load(self, expand_roots: bool = True) -> None:
        """First fill: every root expanded one level."""
        if expand_roots:
            self.rows.expanded = {root for root in self.session.tree.roots}
        self.rows.rebuild()
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

    def expand_row(self, row: int) -> bool:
        if not self.rows.expand(row):
            return False
        self._invalidate()
        return True

    def collapse_row(self, row: int) -> bool:
        end = self.rows.collapse(row)
        if end is None:
            return False
        if row < self.cursor < end:
            self.cursor = row
        elif self.cursor >= end:
            self.cursor -= end - row - 1
        self._invalidate()
        return True

    def _rows_changed(self, keep: str | None, fallback: int) -> None:
        """Repaint after the rows were rebuilt, keeping the cursor on ``keep`` if it still
        has a row, else moving it to row ``fallback``."""
        self._invalidate()
        if keep is not None and keep in self.ids:
            self._move(self.ids.index(keep), announce=False)
        else:
            self._move(fallback, announce=True)

    def expand_to_level(self, level: int | None) -> None:
        """Show every claim down to depth ``level`` (roots are 0; ``None``: everything)."""
        keep = self.cursor_id
        self.rows.expand_to_level(level)
        self._rows_changed(keep, min(self.cursor, len(self.ids) - 1))

    def collapse_all(self) -> None:
        keep = self.cursor_id
        self.rows.collapse_all()
        self._invalidate()
        root = self.rows.root_of(keep) if keep is not None else None
        self._move(self.ids.index(root) if root in self.ids else 0, announce=True)

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
        """Scroll so ``row`` is on screen, now and again once the layout has settled.

        ``force``: Textual ignores a scroll while the widget has no scrollbar yet, which is
        the case right after an expand made the rows outgrow the screen. The second pass
        covers sizes that change after this frame (a resize, the scrollbar appearing).
        """
        self._scroll_into_view(row, center)
        self.call_after_refresh(self._keep_cursor_on_screen)

    def _scroll_into_view(self, row: int, center: bool = False) -> None:
        height = self.scrollable_content_region.height or self.size.height or 1
        top = int(self.scroll_offset.y)
        if center and not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 2), animate=False, force=True)
        elif row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, force=True)

    def _keep_cursor_on_screen(self) -> None:
        if self.ids and self.is_mounted:
            self._scroll_into_view(min(self.cursor, len(self.ids) - 1))

    def reveal(self, claim_id: str) -> None:
        """Expand the claim's ancestors so it has a row (drops an 'only' filter hiding it)."""
        if self.rows.hides(claim_id):
            self.set_filter(None)
        if self.rows.open_ancestors(claim_id):
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
        self.rows.set_filter(claim_filter)
        self._rows_changed(keep, 0)

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

    def _say(self, why: str) -> None:
        """A key that can do nothing here says why (a short notice), rather than nothing."""
        self.notify(why, timeout=2)

    def _no_children(self) -> None:
        self._say("No children to open here (a adds one)")

    def action_toggle_claim(self) -> None:
        if not self.ids or self.collapse_row(self.cursor):
            return
        if not self.expand_row(self.cursor):
            self._no_children()

    def action_collapse_or_parent(self) -> None:
        if self.ids and not self.collapse_row(self.cursor):
            self.action_parent()

    def action_expand_or_child(self) -> None:
        if not self.ids or self.expand_row(self.cursor):
            return
        row = self.cursor + 1
        if row < len(self.ids) and self.depths[row] > self.depths[self.cursor]:
            self._move(row)
        else:
            self._no_children()

    def action_parent(self) -> None:
        claim_id = self.cursor_id
        parent = self.session.tree.parent.get(claim_id) if claim_id else None
        if parent is not None:
            self.select(parent)
        elif claim_id is not None:
            self._say("This is a root: it has no parent")

    def action_root(self) -> None:
        claim_id = self.cursor_id
        if claim_id is None:
            return
        root = self.rows.root_of(claim_id)
        if root == claim_id:
            self._say("This is the root of its tree already")
        else:
            self.select(root)

    def _sibling(self, step: int) -> None:
        row = self.rows.sibling_row(self.cursor, step) if self.ids else None
        if row is not None:
            self._move(row)
            return
        if not self.ids:
            return
        which = "last" if step > 0 else "first"
        kin = "tree" if self.depths[self.cursor] == 0 else "claim under its parent"
        self._say(f"No {'next' if step > 0 else 'previous'} sibling: this is the {which} {kin}")

    def action_next_sibling(self) -> None:
        self._sibling(1)

    def action_previous_sibling(self) -> None:
        self._sibling(-1)

    def action_expand_all(self) -> None:
        self.expand_to_level(None)

    def action_collapse_all(self) -> None:
        self.collapse_all()

    def action_level_prompt(self) -> None:
        self._pending = "level"
        self.notify("Expand to level: press 1-9", timeout=2)

    def take_chord_key(self, event: events.Key) -> bool:
        """The key after ``z``: a digit expands to that level; any other key does nothing
        (it never runs as a command) and says so; escape just cancels."""
        if self._pending != "level":
            return False
        self._pending = None
        character = event.character
        if character is not None and character in "123456789":
            self.expand_to_level(int(character))
        elif event.key != "escape":
            shown = character if character and character.isprintable() else event.key
            self.notify(
                f"z {shown}: nothing done. z then 1-9 opens every tree to that level",
                markup=False,
                timeout=3,
            )
        return True

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
        """A component's style, resolved for this theme (path numbers, guides and markers
        kept at WCAG AA contrast: see :mod:`debate.tui.widgets.legible`)."""
        style = self._styles.get(name)
        if style is None:
            minimum = AA if name in LEGIBLE else None
            style = component_style(self, f"claim-tree--{name}", minimum)
            self._styles[name] = style
        return style

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(0, len(self.ids))
        self.call_after_refresh(self._keep_cursor_on_screen)

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width  # the scrollbar never covers text
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

    def row_text(self, row: int, width: int) -> Text:
        """What row ``row`` says (see :func:`~debate.tui.widgets.row_label.row_label`)."""
        return row_label(self.rows, row, width, self._style, self.search_text, self.cut_id)
