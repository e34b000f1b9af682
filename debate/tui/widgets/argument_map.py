"""The map view: the current claim as a box, its parent above, its children below.

The geometry (which claims, box sizes, positions, edge routes, the characters) is
:mod:`debate.map_layout`, which knows nothing of Textual; this widget chooses the centre
and the selection, asks for a layout of the space it has, and paints the characters with
the outline's styles: stance colours (:data:`debate.display.STANCE_STYLES`), the strength
bar (:class:`~debate.render.StrengthBar`), edges dimmed or bold by the
child's strength. A line-API ``ScrollView``: only the rows on screen become strips, and a
map wider or taller than the pane scrolls to keep the selected box in view.

The selection is the screen's current claim: the widget reports its moves through
``on_select`` (the screen moves the outline's cursor, so every weigh and edit flow works
unchanged) and follows the screen's moves through :meth:`ArgumentMapView.show`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from debate.display import STANCE_GLYPHS, STANCE_STYLES
from debate.map_layout import BoxLabels, Canvas, Fit, MapLayout, Owner, draw, layout_neighbourhood
from debate.render import StrengthBar, compact_strength, markers
from debate.session import MapSession
from debate.tui.keys import ARGUMENT_MAP_BINDINGS

MIN_LEVELS = 1
MAX_LEVELS = 4
WEAK = 1 / 3
STRONG = 2 / 3


class ArgumentMapView(ScrollView, can_focus=True):
    """Boxes and arrows around the current claim; arrows and hjkl walk them."""

    BINDINGS = ARGUMENT_MAP_BINDINGS

    COMPONENT_CLASSES = {
        "argument-map--selected",
        "argument-map--bar",
        "argument-map--number",
        "argument-map--marker",
        "argument-map--link",
    }

    DEFAULT_CSS = """
    ArgumentMapView {
        background: $surface;
        & > .argument-map--selected { background: $block-cursor-blurred-background; }
        &:focus > .argument-map--selected {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .argument-map--bar { color: $accent; }
        & > .argument-map--number { color: $text-muted; }
        & > .argument-map--marker { color: $secondary; }
        & > .argument-map--link { color: $secondary-lighten-2; }
    }
    """

    def __init__(
        self,
        session: MapSession,
        *,
        id: str | None = None,
        on_select: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.session = session
        self.on_select = on_select
        self.centre: str | None = None
        self.selected: str | None = None
        self.levels = 2
        self.map_layout: MapLayout | None = None
        self._canvas: Canvas | None = None
        self._fit: Fit | None = None
        self._stale = False
        """The map changed since the layout was made (it is still there to compare with)."""
        self._strips: dict[tuple[int, int, int], Strip] = {}
        """Painted lines by (canvas row, horizontal scroll, width)."""
        self._cell_styles: dict[tuple[Owner | None, bool, bool], Style] = {}
        self._styles: dict[str, Style] = {}

    # ------------------------------------------------------------------ what is shown

    def show(self, claim_id: str | None) -> None:
        """The screen's current claim moved: select its box, or lay out around it."""
        if claim_id is None or claim_id not in self.session.argmap.claims:
            return
        if claim_id != self.selected or self.map_layout is None:
            self._select(claim_id)

    def recentre(self, claim_id: str | None = None) -> None:
        """Put ``claim_id`` (default: the selection) in the middle."""
        target = claim_id or self.selected
        if target is not None and target in self.session.argmap.claims:
            self._select(target, recentre=True)

    def refresh_data(self) -> None:
        """Text, values or the tree changed: lay out again around the same claims."""
        claims = self.session.argmap.claims
        selected = self.selected if self.selected in claims else None
        if self.centre not in claims:
            self.centre = selected
        self._stale = True
        if selected is not None and self.size.width:
            self._select(selected)
        else:
            self._drop_strips()

    def _fit_now(self) -> Fit:
        levels = self.levels
        return Fit(
            max(self.size.width, 20), max(self.size.height, 8), levels, 1 if levels <= 2 else 2
        )

    def _lay_out(self, centre: str, selected: str) -> MapLayout:
        argmap = self.session.argmap
        claims = argmap.claims
        return layout_neighbourhood(
            self.session.tree,
            lambda claim_id: claims[claim_id].text,
            centre,
            self._fit_now(),
            selected=selected,
            links_of=lambda claim_id: claims[claim_id].links,
        )

    def _select(self, claim_id: str, *, recentre: bool = False, announce: bool = False) -> None:
        """Select ``claim_id``: in the current layout when it is drawn there, else in a new
        layout around the same centre (a window of children slid over), else around it."""
        layout = self.map_layout
        fit = self._fit_now()
        if (
            recentre
            or self._stale
            or layout is None
            or fit != self._fit
            or claim_id not in layout.boxes
            or self.centre is None
        ):
            centre = claim_id
            if not recentre and self.centre is not None and self._below_centre(claim_id):
                centre = self.centre  # the window of its siblings slides to show it
            layout = self._lay_out(centre, claim_id)
            if claim_id not in layout.boxes:
                centre = claim_id
                layout = self._lay_out(centre, claim_id)
            self.centre = centre
            self.map_layout = layout
            self._stale = False
            self._fit = fit
            self._redraw()
            self.selected = claim_id
        else:
            previous = self.selected
            self.selected = claim_id
            self._drop_rows(previous)
            self._drop_rows(claim_id)
        self._scroll_to_selected()
        if announce and self.on_select is not None:
            self.on_select(claim_id)

    def _below_centre(self, claim_id: str) -> bool:
        """Whether the claim's parent is drawn at the centre or below it."""
        layout = self.map_layout
        parent = self.session.tree.parent.get(claim_id)
        box = layout.boxes.get(parent) if layout is not None and parent is not None else None
        return box is not None and box.level >= 0

    # ------------------------------------------------------------------ keys

    def _move_to(self, claim_id: str | None) -> None:
        if claim_id is not None:
            self._select(claim_id, announce=True)

    def action_up(self) -> None:
        if self.selected is not None:
            self._move_to(self.session.tree.parent.get(self.selected))

    def action_down(self) -> None:
        """To the drawn child nearest below; if none is drawn, centre here first."""
        selected, layout = self.selected, self.map_layout
        if selected is None or layout is None:
            return
        children = self.session.tree.children.get(selected, [])
        drawn = [child for child in children if child in layout.boxes]
        if not drawn and children:
            self.recentre(selected)
            layout = self.map_layout
            assert layout is not None
            drawn = [child for child in children if child in layout.boxes]
        if drawn:
            middle = layout.boxes[selected].centre_x
            self._move_to(min(drawn, key=lambda child: abs(layout.boxes[child].centre_x - middle)))

    def action_side(self, step: int) -> None:
        """To the next box in the row, else to the next sibling (the window slides)."""
        selected, layout = self.selected, self.map_layout
        if selected is None or layout is None:
            return
        target = layout.beside(selected, step)
        if target is None:
            tree = self.session.tree
            parent = tree.parent.get(selected)
            siblings = tree.children.get(parent, []) if parent is not None else tree.roots
            index = siblings.index(selected) + step
            target = siblings[index] if 0 <= index < len(siblings) else None
        self._move_to(target)

    def action_recentre(self) -> None:
        self.recentre()

    def action_zoom(self, step: int) -> None:
        """Show one level more (``1``) or fewer (``-1``) below the centre."""
        levels = max(MIN_LEVELS, min(MAX_LEVELS, self.levels + step))
        if levels == self.levels:
            return
        self.levels = levels
        self.notify(f"Map: {levels} level(s) below the centre (as space permits)", timeout=2)
        if self.selected is not None:
            self._select(self.selected, recentre=self.centre == self.selected)

    # ------------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        layout = self.map_layout
        offset = event.get_content_offset(self)
        if layout is None or offset is None:
            return
        x = offset.x + int(self.scroll_offset.x) - self._indent()
        y = offset.y + int(self.scroll_offset.y)
        claim_id = layout.box_at(x, y)
        if claim_id is None:
            return
        if event.chain >= 2:
            self._select(claim_id, recentre=True, announce=True)
        else:
            self._select(claim_id, announce=True)

    # ------------------------------------------------------------------ painting

    def _labels(self) -> dict[str, BoxLabels]:
        layout = self.map_layout
        assert layout is not None
        claims = self.session.argmap.claims
        scorer = self.session.scorer
        tree = self.session.tree
        labels = {}
        for claim_id, box in layout.boxes.items():
            claim = claims[claim_id]
            stance = claim.stance if claim.parent is not None else None
            strength = scorer.strength(claim_id)
            weight = str(scorer.weight(claim_id)) if stance is not None else ""
            marks = markers(claim).replace(" ", "")
            labels[claim_id] = BoxLabels(
                f"{STANCE_GLYPHS[stance]}{weight} {compact_strength(strength)}",
                StrengthBar(strength).plain.rstrip(),
                tree.number(claim_id) + (" " + marks if marks else ""),
                f"▾{box.hidden_children}" if box.hidden_children else "",
            )
        return labels

    def _redraw(self) -> None:
        layout = self.map_layout
        assert layout is not None
        self._canvas = draw(layout, self._labels(), heavy=[layout.centre])
        self._drop_strips()
        size = Size(layout.width, layout.height)
        if size != self.virtual_size:
            self.virtual_size = size

    def _drop_strips(self) -> None:
        self._strips.clear()
        self._cell_styles.clear()
        self.refresh()

    def _drop_rows(self, claim_id: str | None) -> None:
        layout = self.map_layout
        box = layout.boxes.get(claim_id) if layout is not None and claim_id else None
        if box is None:
            return
        top = int(self.scroll_offset.y)
        rows = range(box.y, box.bottom + 1)
        for key in [key for key in self._strips if key[0] in rows]:
            del self._strips[key]
        self.refresh(Region(0, box.y - top, self.size.width, box.height))

    def _indent(self) -> int:
        """Columns left blank before the map so a narrow map sits in the middle."""
        layout = self.map_layout
        if layout is None:
            return 0
        return max(0, (self.size.width - layout.width) // 2)

    def _scroll_to_selected(self) -> None:
        layout = self.map_layout
        box = layout.boxes.get(self.selected) if layout and self.selected else None
        if box is not None:
            self.scroll_to_region(
                Region(box.x, box.y, box.width, box.height), animate=False, immediate=True
            )

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._cell_styles = {}
        self._strips.clear()

    def on_focus(self) -> None:
        self._drop_strips()

    def on_blur(self) -> None:
        self._drop_strips()

    def on_resize(self, event: events.Resize) -> None:
        if self.selected is not None:
            self._select(self.selected)

    def _component(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(
                f"argument-map--{name}", partial=True
            )
        return style

    def _style_of(self, owner: Owner | None, in_selected: bool) -> Style:
        """The style of a cell (cached until the next layout, selection or theme change)."""
        key = (owner, in_selected, owner is not None and owner[1] == self.selected)
        style = self._cell_styles.get(key)
        if style is None:
            style = self._owner_style(owner)
            if in_selected:
                style += Style(bgcolor=self._component("selected").bgcolor)
            self._cell_styles[key] = style
        return style

    def _owner_style(self, owner: Owner | None) -> Style:
        if owner is None:
            return Style()
        kind, claim_id = owner
        claim = self.session.argmap.claims.get(claim_id)
        if claim is None:
            return Style()
        stance = claim.stance if claim.parent is not None else None
        stance_style = Style.parse(STANCE_STYLES[stance])
        if kind == "link":
            return self._component("link")
        if kind == "edge":
            return stance_style + _shade(self.session.scorer.strength(claim_id))
        style = {
            "border": stance_style,
            "top_left": stance_style + Style(bold=True),
            "top_right": self._component("bar"),
            "bottom_left": self._component("number"),
            "bottom_right": self._component("marker"),
            "text": Style(bold=claim_id == self.selected),
        }.get(kind, Style())
        if claim_id == self.selected and kind in ("text", "fill"):
            style += Style(color=self._component("selected").color)
        return style

    def _strip(self, row: int) -> Strip:
        canvas = self._canvas
        assert canvas is not None
        chars, owners = canvas.chars[row], canvas.owners[row]
        layout = self.map_layout
        box = layout.boxes.get(self.selected) if layout and self.selected else None
        left, right = (box.x, box.right) if box and box.y <= row <= box.bottom else (-1, -1)
        segments: list[Segment] = []
        start = 0
        width = canvas.width
        while start < width:
            owner = owners[start]
            inside = left <= start <= right
            end = start + 1
            while end < width and owners[end] == owner and (left <= end <= right) == inside:
                end += 1
            segments.append(Segment("".join(chars[start:end]), self._style_of(owner, inside)))
            start = end
        return Strip(segments, width)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        canvas = self._canvas
        row = y + int(self.scroll_offset.y)
        if canvas is None or not 0 <= row < canvas.height:
            return Strip.blank(width, base)
        scroll_x = int(self.scroll_offset.x)
        key = (row, scroll_x, width)
        line = self._strips.get(key)
        if line is None:
            strip = self._strip(row)
            indent = self._indent()
            if indent:
                strip = Strip([Segment(" " * indent), *strip])
            line = strip.crop(scroll_x, scroll_x + width).extend_cell_length(width)
            line = self._strips[key] = line.apply_style(base)
        return line


def _shade(strength: float) -> Style:
    """Edges of weak claims fade, edges of strong ones stand out (as the outline's bars)."""
    if strength < WEAK:
        return Style(dim=True)
    if strength >= STRONG:
        return Style(bold=True)
    return Style()
