"""The map view's geometry: one claim's neighbourhood as boxes and orthogonal edges, in cells.

The app's map view shows the claim at the centre with its parent above and its children
(and, space permitting, grandchildren) below. This module decides which claims are drawn,
how wide and tall their boxes are, where each box sits and which cells each edge passes
through; :func:`draw` turns that into a grid of characters with an owner per cell. It knows
nothing about Textual or colours: the app's widget styles each cell by its owner, and an
exporter can reuse :func:`layout_neighbourhood` and scale cells to points (one cell is about
0.6 x 1.2 em).

Why grandalf's Sugiyama layout and not Graphviz (measured in ``bench/bench_map.py``): a
neighbourhood has 5-60 boxes; ``dot`` costs ~50 ms per call just to start the process (the
whole budget of a keypress), grandalf ~3-20 ms in process, and Graphviz need not be
installed. Ranks are fixed to tree depth (a see-also link must not push a claim down a
level); the layered algorithm orders each row (fewest crossings, which for a tree keeps the
claims' own order) and places boxes by Brandes-Koepf; see-also links that span rows get
dummy vertices, so their vertical runs pass between boxes, never through one. Positions are
then rounded to cells and each row is swept left to right so no two boxes touch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from rich.cells import cell_len, chop_cells

from debate.display import one_line
from debate.model import MapTree

MIN_BOX = 14
"""Narrowest box (borders included): ten cells of text."""
MAX_BOX = 40
"""Widest box in a row of several."""
WIDE_BOX = 56
"""Widest box alone in its row (the parent, the centre)."""
GAP_X = 2
"""Cells between two boxes of a row."""
MAX_ROW = 16
"""Most children of the centre drawn at once: a window slides over the rest."""
MAX_PER_BOX = 6
"""Most children drawn under a box below the centre."""
MAX_BOXES = 60
"""Most boxes in one layout (a deeper level that would pass this is left out)."""
CENTRE_LINES = 5
OTHER_LINES = 3
"""Lines of text in the centre's box and in the others when the height is tight (more when
there is room, fewer when there is not)."""
_GENEROUS = [(8, 6), (6, 5), (CENTRE_LINES, OTHER_LINES + 1), (CENTRE_LINES, OTHER_LINES)]
_GENEROUS += [(CENTRE_LINES, 2), (3, 2)]
"""(centre, other) lines to try before a level is left out, then the last resorts."""
_TIGHT = [(3, 1), (2, 1)]

LINK_OFFSET = 2
"""A see-also link leaves a box this far right of the middle of its bottom border and
enters this far left of the middle (tree edges use the middle itself)."""

EdgeKind = Literal["tree", "link"]


@dataclass(frozen=True)
class Fit:
    """The space to fill and how many levels the user asked for (the zoom)."""

    width: int
    height: int
    below: int = 2
    above: int = 1


@dataclass
class Box:
    """One claim's box; ``x``, ``y`` are its top-left cell, borders included."""

    claim_id: str
    level: int
    """Rows from the centre: -1 the parent, 0 the centre, 1 its children."""
    x: int
    y: int
    width: int
    height: int
    lines: list[str]
    hidden_children: int = 0
    """Children of this claim that are not drawn (below the deepest level, or windowed)."""

    @property
    def right(self) -> int:
        """The column of the right border."""
        return self.x + self.width - 1

    @property
    def bottom(self) -> int:
        """The row of the bottom border."""
        return self.y + self.height - 1

    @property
    def centre_x(self) -> int:
        return self.x + self.width // 2


@dataclass
class Route:
    """An edge as corner points in cells (each step is horizontal or vertical).

    A tree edge runs from the parent's bottom border to the child's top border; a see-also
    link from its claim's box to the linked claim's box.
    """

    source: str
    target: str
    kind: EdgeKind
    points: list[tuple[int, int]]


@dataclass
class MapLayout:
    centre: str
    boxes: dict[str, Box]
    rows: list[list[str]]
    """Claim ids per row, top to bottom, each left to right."""
    routes: list[Route]
    width: int
    height: int

    def row_of(self, claim_id: str) -> int:
        return next(index for index, row in enumerate(self.rows) if claim_id in row)

    def beside(self, claim_id: str, step: int) -> str | None:
        """The box ``step`` places to the right (negative: left) in the same row, if any."""
        row = self.rows[self.row_of(claim_id)]
        index = row.index(claim_id) + step
        return row[index] if 0 <= index < len(row) else None

    def box_at(self, x: int, y: int) -> str | None:
        for box in self.boxes.values():
            if box.x <= x <= box.right and box.y <= y <= box.bottom:
                return box.claim_id
        return None


# ---------------------------------------------------------------------------- which claims


def _window(items: Sequence[str], keep: str | None, size: int) -> list[str]:
    """At most ``size`` of ``items``, a run that contains ``keep`` when it is one of them."""
    if len(items) <= size:
        return list(items)
    start = 0
    if keep is not None and keep in items:
        start = min(max(0, items.index(keep) - size // 2), len(items) - size)
    return list(items[start : start + size])


def _row_fits(count: int, width: int) -> bool:
    return count * MIN_BOX + (count - 1) * GAP_X <= width


def neighbourhood(
    tree: MapTree, centre: str, fit: Fit, selected: str | None = None
) -> list[list[str]]:
    """The claims to draw, row by row: ancestors, the centre, then levels below it.

    Children of the centre are always drawn (a window of :data:`MAX_ROW` around
    ``selected``); each deeper level only if it fits the width at :data:`MIN_BOX` and keeps
    the total within :data:`MAX_BOXES`. A claim is drawn once even on an in-memory cycle.
    """
    seen = {centre}
    above: list[str] = []
    for ancestor in tree.ancestors(centre):
        if len(above) >= fit.above:
            break
        above.append(ancestor)
        seen.add(ancestor)
    rows = [[ancestor] for ancestor in reversed(above)] + [[centre]]
    total = len(rows)
    for level in range(1, fit.below + 1):
        size = MAX_ROW if level == 1 else MAX_PER_BOX
        row: list[str] = []
        for parent in rows[-1]:
            children = [child for child in tree.children.get(parent, []) if child not in seen]
            row.extend(_window(children, selected, size))
        if not row:
            break
        if level > 1 and (not _row_fits(len(row), fit.width) or total + len(row) > MAX_BOXES):
            break
        seen.update(row)
        rows.append(row)
        total += len(row)
    return rows


# ---------------------------------------------------------------------------- box sizes


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """``text`` on at most ``max_lines`` lines of at most ``width`` cells, words kept whole
    when they fit, the last line ending in ``…`` when text was cut."""
    width = max(1, width)
    lines: list[str] = []
    current = ""
    for word in text.split():
        pieces = chop_cells(word, width) if cell_len(word) > width else [word]
        for piece in pieces:
            joined = f"{current} {piece}" if current else piece
            if cell_len(joined) <= width:
                current = joined
            else:
                lines.append(current)
                current = piece
    if current or not lines:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and cell_len(last) + 1 > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def _row_widths(rows: list[list[str]], centre_row: int, available: int) -> list[int]:
    """Box width per row: the ancestors and the centre, alone in their rows, get a wide
    box; the rows below share one width, the one that fits their widest row."""
    wide = max(MIN_BOX, min(WIDE_BOX, available - 2))
    below = [len(row) for row in rows[centre_row + 1 :]]
    count = max(below, default=1)
    share = (available - GAP_X * (count - 1)) // count if count > 1 else wide
    narrow = max(MIN_BOX, min(MAX_BOX, share))
    return [wide if index <= centre_row else narrow for index in range(len(rows))]


@dataclass
class _Sizes:
    widths: list[int]
    lines: list[list[list[str]]]

    def heights(self) -> list[int]:
        return [2 + max(len(lines) for lines in row) for row in self.lines]


def _size_rows(
    rows: list[list[str]], centre_row: int, fit: Fit, text_of: Callable[[str], str]
) -> tuple[list[list[str]], _Sizes]:
    """Box widths and wrapped text per row, shrinking text (then levels) to fit the height."""
    widths = _row_widths(rows, centre_row, fit.width)
    texts = [[one_line(text_of(claim_id)) for claim_id in row] for row in rows]

    def sized(plans: Sequence[tuple[int, int]], must: bool = False) -> _Sizes | None:
        """Sizes by the first plan that fits the height (``must``: else by the last)."""
        sizes = None
        for centre_lines, other_lines in plans:
            limits = [
                centre_lines if index == centre_row else other_lines for index in range(len(rows))
            ]
            wrapped = [
                [wrap(text, width - 4, limit) for text in row_texts]
                for row_texts, width, limit in zip(texts, widths, limits, strict=True)
            ]
            sizes = _Sizes(widths, wrapped)
            if sum(sizes.heights()) + len(rows) - 1 <= fit.height:
                return sizes
        return sizes if must else None

    while True:
        sizes = sized(_GENEROUS)
        if sizes is not None:
            return rows, sizes
        if len(rows) - centre_row <= 2:
            break
        rows = rows[:-1]
        widths, texts = _row_widths(rows, centre_row, fit.width), texts[:-1]
    # the centre and its children always show: a line or two each, and the pane scrolls
    sizes = sized(_TIGHT, must=True)
    assert sizes is not None
    return rows, sizes


# ---------------------------------------------------------------------------- placement


def _place(
    rows: list[list[str]],
    widths: list[int],
    tree_edges: list[tuple[str, str]],
    links: list[tuple[str, str]],
) -> tuple[dict[str, float], list[list[str]], dict[tuple[str, str], list[float]]]:
    """Centre x of every box, each row's order, and the x of each spanning link's dummies."""
    # here, not at the top: grandalf imports numpy (~0.1 s), which only a map view shown
    # pays, not the app's start
    from debate.map_placement import place

    return place(rows, widths, tree_edges, links, GAP_X)


def _sweep(items: list[tuple[float, int, str]]) -> dict[str, int]:
    """Round centres to left columns, then push right whatever would touch its left
    neighbour. Items are ``(centre, width, key)`` in left-to-right order."""
    lefts: dict[str, int] = {}
    edge = None
    for centre, width, key in items:
        left = round(centre - width / 2)
        if edge is not None:
            left = max(left, edge + GAP_X)
        lefts[key] = left
        edge = left + width
    return lefts


# ---------------------------------------------------------------------------- the layout


def layout_neighbourhood(
    tree: MapTree,
    text_of: Callable[[str], str],
    centre: str,
    fit: Fit,
    *,
    selected: str | None = None,
    links_of: Callable[[str], Iterable[str]] | None = None,
) -> MapLayout:
    """Boxes and edge routes for ``centre``'s neighbourhood in ``fit``'s space.

    ``text_of`` gives a claim's text (shown through :func:`~debate.display.one_line`, so
    control characters appear as escapes); ``links_of`` its see-also targets (drawn when
    both ends are in the layout); ``selected`` is kept in view when children are windowed.
    """
    rows = neighbourhood(tree, centre, fit, selected)
    centre_row = next(index for index, row in enumerate(rows) if centre in row)
    rows, sizes = _size_rows(rows, centre_row, fit, text_of)
    drawn = {claim_id for row in rows for claim_id in row}
    tree_edges = [
        (row_parent, child)
        for row in rows[1:]
        for child in row
        if (row_parent := tree.parent.get(child)) is not None and row_parent in drawn
    ]
    links: list[tuple[str, str]] = []
    if links_of is not None:
        tree_pairs = {frozenset(pair) for pair in tree_edges}
        for row in rows:
            for claim_id in row:
                for target in links_of(claim_id):
                    pair = frozenset((claim_id, target))
                    if target in drawn and target != claim_id and pair not in tree_pairs:
                        tree_pairs.add(pair)
                        links.append((claim_id, target))
    xs, order, dummies = _place(rows, sizes.widths, tree_edges, links)

    # columns: each row swept left to right, boxes and link dummies together
    width_of = {claim_id: sizes.widths[index] for index, row in enumerate(rows) for claim_id in row}
    ranks = {claim_id: index for index, row in enumerate(rows) for claim_id in row}
    lefts: dict[str, int] = {}
    dummy_x: dict[tuple[str, str, int], int] = {}
    for index, row in enumerate(order):
        items = [(xs[claim_id], width_of[claim_id], claim_id) for claim_id in row]
        for (a, b), dummy_points in dummies.items():
            low = min(ranks[a], ranks[b])
            if low < index < low + len(dummy_points) + 1:
                items.append((dummy_points[index - low - 1], 1, f"\0{a}\0{b}"))
        items.sort(key=lambda item: item[0])
        placed = _sweep(items)
        for key, left in placed.items():
            if key.startswith("\0"):
                _, a, b = key.split("\0")
                dummy_x[(a, b, index)] = left
            else:
                lefts[key] = left
    shift = -min([*lefts.values(), *dummy_x.values()])

    # rows: each as tall as its tallest box, one bus row between rows, and under a row one
    # more for each see-also link that runs across there
    link_gaps = _link_gaps(links, ranks)
    heights = sizes.heights()
    tops: list[int] = []
    buses: list[int] = []
    tracks: dict[tuple[int, int], int] = {}
    y = 0
    for index, height in enumerate(heights):
        tops.append(y)
        y += height
        for link in link_gaps.get(index, []):
            tracks[(index, link)] = y
            y += 1
        if index < len(rows) - 1:
            buses.append(y)
            y += 1
    boxes: dict[str, Box] = {}
    for index, row in enumerate(rows):
        for claim_id, lines in zip(row, sizes.lines[index], strict=True):
            hidden = sum(1 for child in tree.children.get(claim_id, []) if child not in drawn)
            boxes[claim_id] = Box(
                claim_id,
                index - centre_row,
                lefts[claim_id] + shift,
                tops[index],
                width_of[claim_id],
                heights[index],
                lines,
                hidden,
            )
    routes = [_tree_route(boxes[a], boxes[b], buses[ranks[a]]) for a, b in tree_edges]
    for link, (a, b) in enumerate(links):
        upper, lower = (a, b) if ranks[a] <= ranks[b] else (b, a)
        columns: list[int] = [
            dummy_x[(a, b, index)] + shift for index in range(ranks[upper] + 1, ranks[lower])
        ]
        rows_below = {row: y for (row, owner), y in tracks.items() if owner == link}
        points = _link_points(
            boxes[upper], boxes[lower], (ranks[upper], ranks[lower]), columns, rows_below
        )
        routes.append(Route(a, b, "link", points))
    width = max(x for route in routes for x, _ in route.points) + 1 if routes else 0
    width = max(width, *(box.right + 1 for box in boxes.values()))
    return MapLayout(centre, boxes, order, routes, width, y)


def _link_gaps(links: list[tuple[str, str]], ranks: Mapping[str, int]) -> dict[int, list[int]]:
    """Row index -> the links (by index) that run across under that row."""
    gaps: dict[int, list[int]] = {}
    for index, (a, b) in enumerate(links):
        low, high = sorted((ranks[a], ranks[b]))
        for row in range(low, high) if high > low else [low]:
            gaps.setdefault(row, []).append(index)
    return gaps


def _tree_route(parent: Box, child: Box, bus: int) -> Route:
    x0, x1 = parent.centre_x, child.centre_x
    points = [(x0, parent.bottom), (x0, bus), (x1, bus), (x1, child.y)]
    return Route(parent.claim_id, child.claim_id, "tree", points)


def _link_points(
    upper: Box,
    lower: Box,
    ranks: tuple[int, int],
    columns: list[int],
    tracks: Mapping[int, int],
) -> list[tuple[int, int]]:
    """Down from ``upper``'s bottom border through the link row under each row it crosses
    (over to the column its dummy vertex was given in the rows between), then into
    ``lower``'s top border; when both share a row, along the link row under it and up
    into ``lower``'s bottom border."""
    start = upper.centre_x + LINK_OFFSET
    end = lower.centre_x - LINK_OFFSET
    low, high = ranks
    points = [(start, upper.bottom)]
    if low == high:
        track = tracks[low]
        return [*points, (start, track), (end, track), (end, lower.bottom)]
    x = start
    for rank, column in zip(range(low, high), [*columns, end], strict=True):
        points.extend([(x, tracks[rank]), (column, tracks[rank])])
        x = column
    points.append((end, lower.y))
    return points


# ---------------------------------------------------------------------------- drawing

Owner = tuple[str, str]
"""What a cell belongs to: ``(kind, claim_id)`` with kind ``border``, ``title``, ``text``,
``footer``, ``edge`` (owned by the child) or ``link`` (owned by the linking claim)."""

_UP, _DOWN, _LEFT, _RIGHT = 1, 2, 4, 8
_LINES = {
    _UP | _DOWN: "│",
    _LEFT | _RIGHT: "─",
    _DOWN | _RIGHT: "╭",
    _DOWN | _LEFT: "╮",
    _UP | _RIGHT: "╰",
    _UP | _LEFT: "╯",
    _UP | _DOWN | _RIGHT: "├",
    _UP | _DOWN | _LEFT: "┤",
    _DOWN | _LEFT | _RIGHT: "┬",
    _UP | _LEFT | _RIGHT: "┴",
    _UP | _DOWN | _LEFT | _RIGHT: "┼",
    _UP: "│",
    _DOWN: "│",
    _LEFT: "─",
    _RIGHT: "─",
}
_DASHED = {"│": "┆", "─": "┄"}


@dataclass
class Canvas:
    """Characters and their owners, row by row (a wide character's second cell is ``""``)."""

    width: int
    height: int
    chars: list[list[str]] = field(default_factory=list)
    owners: list[list[Owner | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.owners = [[None] * self.width for _ in range(self.height)]

    def put(self, x: int, y: int, text: str, owner: Owner, limit: int | None = None) -> int:
        """Write ``text`` from ``(x, y)``, at most up to column ``limit``; returns the end."""
        stop = self.width if limit is None else min(limit, self.width)
        if cell_len(text) == len(text):  # one cell per character: write the run at once
            end = min(x + len(text), stop)
            if end > x:
                self.chars[y][x:end] = text[: end - x]
                self.owners[y][x:end] = [owner] * (end - x)
            return max(x, end)
        for char in text:
            size = cell_len(char)
            if x + size > stop:
                break
            self.chars[y][x] = char
            self.owners[y][x] = owner
            if size == 2:
                self.chars[y][x + 1] = ""
                self.owners[y][x + 1] = owner
            x += size
        return x

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.chars)


@dataclass(frozen=True)
class BoxLabels:
    """Short texts set into a box's borders, left and right of where its edges meet it
    (the middle of each border): each is cut to fit its half."""

    top_left: str = ""
    top_right: str = ""
    bottom_left: str = ""
    bottom_right: str = ""


def draw(
    layout: MapLayout,
    labels: Mapping[str, BoxLabels] | None = None,
    heavy: Iterable[str] = (),
) -> Canvas:
    """The layout as characters: edges first, then boxes over them, then the joints where
    links meet borders, the labels, and the joints where tree edges meet borders (labels
    stay clear of those, either side of the middle). A label's cells are owned by
    ``("top_left", claim_id)`` and so on; the blank inside a box by ``("fill", claim_id)``.
    Boxes of ``heavy`` claims (the centre) are drawn in heavy lines."""
    canvas = Canvas(layout.width, layout.height)
    for route in sorted(layout.routes, key=lambda r: (r.kind == "tree", -_span(r))):
        _draw_route(canvas, route)
    for box in layout.boxes.values():
        _draw_box(canvas, box)
    heavy_cells: set[tuple[int, int]] = set()
    for claim_id in heavy:
        heavy_box = layout.boxes.get(claim_id)
        if heavy_box is not None:
            box = heavy_box
            _heavy(canvas, box)
            heavy_cells.update(
                (x, y) for x in range(box.x, box.right + 1) for y in (box.y, box.bottom)
            )
    links = [route for route in layout.routes if route.kind == "link"]
    _draw_joints(canvas, links, heavy_cells)
    empty = BoxLabels()
    for box in layout.boxes.values():
        _draw_labels(canvas, box, (labels or {}).get(box.claim_id, empty))
    trees = [route for route in layout.routes if route.kind == "tree"]
    _draw_joints(canvas, trees, heavy_cells)
    return canvas


def _draw_joints(
    canvas: Canvas, routes: Iterable[Route], heavy_cells: set[tuple[int, int]]
) -> None:
    for route in routes:
        owner = ("edge", route.target) if route.kind == "tree" else ("link", route.source)
        ends = ((route.points[0], route.points[1]), (route.points[-1], route.points[-2]))
        for (x, y), (_, toward) in ends:
            joint = (
                ("┯" if toward > y else "┷")
                if (x, y) in heavy_cells
                else ("┬" if toward > y else "┴")
            )
            canvas.put(x, y, joint, owner)


_HEAVY = str.maketrans("┌┐└┘─│", "┏┓┗┛━┃")


def _heavy(canvas: Canvas, box: Box) -> None:
    for y in range(box.y, box.bottom + 1):
        row, owners = canvas.chars[y], canvas.owners[y]
        for x in range(box.x, box.right + 1):
            owner = owners[x]
            if owner is not None and owner[0] == "border":
                row[x] = row[x].translate(_HEAVY)


def _span(route: Route) -> int:
    return abs(route.points[-1][0] - route.points[0][0])


def _draw_route(canvas: Canvas, route: Route) -> None:
    """Lines along the route, joined with what is already there; a link never joins a tree
    edge (it passes under it)."""
    kind = "edge" if route.kind == "tree" else "link"
    owner = (kind, route.source if kind == "link" else route.target)
    bits: dict[tuple[int, int], int] = {}
    points = route.points
    for (x0, y0), (x1, y1) in pairwise(points):
        if x0 == x1:
            step = 1 if y1 > y0 else -1
            for y in range(y0, y1, step):
                bits[(x0, y)] = bits.get((x0, y), 0) | (_DOWN if step > 0 else _UP)
                bits[(x0, y + step)] = bits.get((x0, y + step), 0) | (_UP if step > 0 else _DOWN)
        else:
            step = 1 if x1 > x0 else -1
            for x in range(x0, x1, step):
                bits[(x, y0)] = bits.get((x, y0), 0) | (_RIGHT if step > 0 else _LEFT)
                bits[(x + step, y0)] = bits.get((x + step, y0), 0) | (_LEFT if step > 0 else _RIGHT)
    for (x, y), cell_bits in bits.items():
        if not (0 <= x < canvas.width and 0 <= y < canvas.height):
            continue
        previous = canvas.owners[y][x]
        if previous is not None and previous[0] == "edge" and kind == "edge":
            cell_bits |= _bits_of(canvas.chars[y][x])
        elif previous is not None and previous[0] == "edge":
            continue
        glyph = _LINES[cell_bits]
        canvas.put(x, y, _DASHED.get(glyph, glyph) if kind == "link" else glyph, owner)


def _bits_of(glyph: str) -> int:
    for cell_bits, known in _LINES.items():
        if known == glyph and cell_bits not in (_UP, _DOWN, _LEFT, _RIGHT):
            return cell_bits
    return 0


def _draw_box(canvas: Canvas, box: Box) -> None:
    claim_id = box.claim_id
    border = ("border", claim_id)
    inner = box.width - 2
    canvas.put(box.x, box.y, "┌" + "─" * inner + "┐", border)
    for row in range(box.y + 1, box.bottom):
        canvas.put(box.x, row, "│", border)
        canvas.put(box.x + 1, row, " " * inner, ("fill", claim_id))
        canvas.put(box.right, row, "│", border)
    canvas.put(box.x, box.bottom, "└" + "─" * inner + "┘", border)
    for index, line in enumerate(box.lines):
        canvas.put(box.x + 2, box.y + 1 + index, line, ("text", claim_id), limit=box.right - 1)


def _draw_labels(canvas: Canvas, box: Box, labels: BoxLabels) -> None:
    claim_id = box.claim_id
    middle = box.centre_x
    for y, left, right, names in (
        (box.y, labels.top_left, labels.top_right, ("top_left", "top_right")),
        (box.bottom, labels.bottom_left, labels.bottom_right, ("bottom_left", "bottom_right")),
    ):
        if left:
            canvas.put(box.x + 1, y, left, (names[0], claim_id), limit=middle)
        if right:
            start = max(middle + 1, box.right - 1 - cell_len(right))
            canvas.put(start, y, right, (names[1], claim_id), limit=box.right - 1)
