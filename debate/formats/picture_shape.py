"""Choosing how a map's picture is laid out so that it fits a screen: by the map's shape.

A tree drawn with parents above children is as wide as its leaves side by side; drawn with
parents on the left, as tall as its leaves stacked. Which fits a 16:9 screen better depends on
the map: a bushy, shallow map (the default map has 25 leaves in 41 claims, 4 levels deep)
fits left-to-right; a deep, narrow one fits top-to-bottom. A map of several trees can also put
them in columns (left-to-right) or rows (top-to-bottom), which Graphviz does with its ``array``
packing.

:func:`choose` estimates, before Graphviz runs, the size of each layout from the boxes'
label lines (Helvetica's average character width, Graphviz's line height and spacing), and
keeps the one that can be shown largest on a 1920x1080 screen. The estimate is rough (within
about 10% of what ``dot`` draws on the default map) but only has to rank layouts; it costs a
pass over the rows per direction and one over the trees per arrangement (about 0.2 s for
10,000 claims, a tenth of writing their DOT source). Nothing here runs Graphviz: ``-f dot``
writes the same source with or without it installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SCREEN_PT = (1440.0, 810.0)
"""A 1920x1080 px screen in points (CSS pixels are 3/4 pt), the unit Graphviz draws in."""

NODE_FONT_PT = 11.0
TITLE_FONT_PT = 16.0
NODE_MARGIN_IN = (0.08, 0.04)
NODE_SEP_IN = 0.12
RANK_SEP_IN = 0.35
PACK_MARGIN_PT = 16
_CHAR_EM = 0.52  # Helvetica's average advance on claim text, measured with dot -Tjson
_LINE_EM = 1.2  # Graphviz's line height
_MIN_BOX_PT = (54.0, 36.0)  # Graphviz's default minimum node width and height
_MAX_ARRANGEMENTS = 40


@dataclass(frozen=True, slots=True)
class Box:
    """One exported claim as the layout sees it: its tree, depth and label lines."""

    id: str
    depth: int
    children: tuple[str, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """How to draw: Graphviz's ``rankdir`` and, for several trees, its ``packmode``.

    ``rankdir`` is ``TB`` (parents above their children) or ``LR`` (parents on the left).
    Several trees go ``per_line`` to a row (``TB``) or a column (``LR``), in file order
    (reading order: rows top to bottom, or columns left to right); when they all fit one line
    there is no packing at all, which is Graphviz's own arrangement. ``scale`` is the
    estimated zoom that fits the picture on a 1920x1080 screen (above 1: it fits as drawn).
    """

    rankdir: str
    per_line: int
    trees: int
    scale: float

    @property
    def packmode(self) -> str | None:
        """Graphviz's array packing: ``u`` keeps the order :meth:`packing_order` gives, ``t``
        lines the trees up where their roots are (top, or left once turned)."""
        return None if self.per_line >= self.trees else f"array_ut{self.per_line}"

    def packing_order(self, roots: Sequence[str]) -> list[str | None]:
        """The roots in the order Graphviz must meet them, None for an invisible filler.

        Graphviz fills its array row by row in top-to-bottom coordinates and then turns the
        picture for ``LR``, so that each of its rows becomes a column read from the bottom
        (checked with Graphviz 2.43). For columns read from the top, each column's trees are
        given in reverse, and a last, shorter column is topped up with fillers at its bottom.
        """
        if self.packmode is None or self.rankdir == "TB":
            return list(roots)
        order: list[str | None] = []
        for start in range(0, len(roots), self.per_line):
            column: list[str | None] = list(roots[start : start + self.per_line])
            column += [None] * (self.per_line - len(column))
            order += reversed(column)
        return order


def box_size(lines: Sequence[str]) -> tuple[float, float]:
    """The estimated width and height of a box, in points."""
    chars = max((len(line) for line in lines), default=0)
    width = chars * _CHAR_EM * NODE_FONT_PT + 2 * NODE_MARGIN_IN[0] * 72
    height = len(lines) * _LINE_EM * NODE_FONT_PT + 2 * NODE_MARGIN_IN[1] * 72
    return max(width, _MIN_BOX_PT[0]), max(height, _MIN_BOX_PT[1])


def choose(boxes: Sequence[Box], title: Sequence[str]) -> Layout:
    """The layout (direction and arrangement of trees) that shows ``boxes`` largest.

    ``boxes`` are in tree order (each tree's root first, children after their parent), as
    :class:`debate.formats.view.View` lists its rows; ``title`` is the picture's title lines.
    Ties go to top-to-bottom, the usual look of an argument map.
    """
    title_width = max((len(line) for line in title), default=0) * _CHAR_EM * TITLE_FONT_PT
    title_height = len(title) * _LINE_EM * TITLE_FONT_PT
    best: Layout | None = None
    for rankdir in ("TB", "LR"):
        trees = _tree_sizes(boxes, across_is_width=rankdir == "TB")
        for per_line in _arrangements(len(trees)):
            width, height = _packed(trees, per_line, columns_first=rankdir == "LR")
            width = max(width, title_width)
            height += title_height
            scale = min(SCREEN_PT[0] / width, SCREEN_PT[1] / height)
            if best is None or scale > best.scale * 1.000001:
                best = Layout(rankdir, per_line, len(trees), scale)
    assert best is not None
    return best


def _tree_sizes(boxes: Sequence[Box], *, across_is_width: bool) -> list[tuple[float, float]]:
    """Each tree's (width, height): ranks along one axis, siblings side by side across it.

    Across the ranks a claim needs its own box or its children's extents side by side,
    whichever is more; along them, each level needs its widest (or tallest) box.
    """
    node_sep, rank_sep = NODE_SEP_IN * 72, RANK_SEP_IN * 72
    sizes = {box.id: box_size(box.lines) for box in boxes}
    across_of = {box_id: size[0 if across_is_width else 1] for box_id, size in sizes.items()}
    extent: dict[str, float] = {}
    for box in reversed(boxes):  # children before parents, without recursion
        kids = [extent[kid] for kid in box.children if kid in extent]
        spread = sum(kids) + node_sep * (len(kids) - 1) if kids else 0.0
        extent[box.id] = max(across_of[box.id], spread)
    roots: list[str] = []
    levels: list[list[float]] = []  # per tree, the size of each level along the ranks
    for box in boxes:
        if box.depth == 0:
            roots.append(box.id)
            levels.append([])
        size, along = sizes[box.id][1 if across_is_width else 0], levels[-1]
        if box.depth < len(along):
            along[box.depth] = max(along[box.depth], size)
        else:
            along.append(size)
    trees: list[tuple[float, float]] = []
    for root, along in zip(roots, levels, strict=True):
        length = sum(along) + rank_sep * (len(along) - 1)
        trees.append((extent[root], length) if across_is_width else (length, extent[root]))
    return trees


def _arrangements(trees: int) -> list[int]:
    """Candidate numbers of trees per column (or row): all of them for a few trees, else a
    spread of values, so that planning stays linear in the map's size."""
    if trees <= _MAX_ARRANGEMENTS:
        return list(range(1, trees + 1))
    step = trees ** (1 / _MAX_ARRANGEMENTS)
    values = {max(1, round(step**power)) for power in range(_MAX_ARRANGEMENTS + 1)}
    return sorted(values | {trees})


def _packed(
    trees: Sequence[tuple[float, float]], per_line: int, *, columns_first: bool
) -> tuple[float, float]:
    """The size of Graphviz's array packing: a grid whose columns are as wide as their widest
    tree and whose rows are as tall as their tallest."""
    widths: dict[int, float] = {}
    heights: dict[int, float] = {}
    for index, (width, height) in enumerate(trees):
        line, place = divmod(index, per_line)
        column, row = (line, place) if columns_first else (place, line)
        widths[column] = max(widths.get(column, 0.0), width)
        heights[row] = max(heights.get(row, 0.0), height)
    margin = PACK_MARGIN_PT if per_line < len(trees) else 0
    return (
        sum(widths.values()) + margin * (len(widths) - 1),
        sum(heights.values()) + margin * (len(heights) - 1),
    )
