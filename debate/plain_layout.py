"""The lines rich lays out for text without colour, computed on plain strings.

``debate show`` and ``debate score`` print a row per claim. Through rich, a row is a
:class:`rich.text.Text` of a dozen styled pieces, wrapped or cropped, then cut into segments
(and in a :class:`rich.tree.Tree`, one more segment per level of guide lines): tens of
microseconds a row, over a minute for 100,000 claims. When the console has no colour system
(output to a file or a pipe) all that styling writes nothing, and the layout is all that
matters; this module computes it directly, following rich's own steps (``Text.wrap``: words
placed greedily, words longer than a line folded, whitespace beyond the width dropped, then
each line cut to the width; ``no_wrap`` with ``overflow="ellipsis"``: cut to the width with
``…``), for text whose characters are each one cell wide. Anything else (wide or zero-width
characters, tabs, widths under one cell) is laid out by rich itself, row by row: the same
answer, slower. Tests compare both ways on random text, widths and trees.

A rich ``Tree`` printed here (:func:`print_tree`) is walked for its nodes' depths and
labels; ``debate show`` builds no ``Tree`` at all: it hands each claim's row as a string,
with the guides :func:`tree_guides` works out from the depths of its walk, to
:func:`laid_out_label` (see :mod:`debate.terminal_tree`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.segment import Segment
from rich.text import Text

from debate.perf import write_lines

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.tree import Tree

_WORD = re.compile(r"\s*\S+\s*")
"""rich's word: leading blanks (at the start only), the word, the blanks after it."""

# rich.tree.Tree's guides: space, continue, fork, end
TREE_GUIDES = ("    ", "│   ", "├── ", "└── ")
ASCII_GUIDES = ("    ", "|   ", "+-- ", "`-- ")


@lru_cache(maxsize=4096)
def _one_cell(character: str) -> bool:
    return get_character_cell_size(character) == 1


_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")

LIKELY_ONE_CELL = "●◇✎❝—…⋯│├└─░█▏▎▍▌▋▊▉" + "".join(map(chr, range(0xA0, 0x300)))
"""Characters beside printable ASCII that rows hold often (the labels' glyphs, the bars,
the tree's guides, accented Latin letters): checked with rich once, on first use."""


@lru_cache(maxsize=1)
def _other_than_known_one_cell() -> re.Pattern[str]:
    """A character that is neither printable ASCII nor one of :data:`LIKELY_ONE_CELL` rich
    takes as one cell wide."""
    known = "".join(character for character in LIKELY_ONE_CELL if _one_cell(character))
    return re.compile(f"[^\\x20-\\x7e{re.escape(known)}]")


def is_narrow(text: str) -> bool:
    """Whether every character takes exactly one cell (so cells can be counted as characters).

    One scan finds a row of common characters narrow; others are asked of rich one by one."""
    if _other_than_known_one_cell().search(text) is None:
        return True
    return all(map(_one_cell, _NOT_PRINTABLE_ASCII.findall(text)))


def wrapped(text: str, width: int) -> list[str] | None:
    """The lines rich renders ``Text(text)`` as at ``width`` (word wrap, overflow "fold"),
    or ``None`` when this module cannot be sure (see the module's docstring).

    Each line runs from one break to the next, cut to the width: rich first drops the
    blanks beyond the width at its end (``Text.rstrip_end``), then cuts it (``truncate``,
    overflow "fold"), and with one-cell characters the cut alone leaves the same."""
    if width < 1 or "\n" in text or "\t" in text or not is_narrow(text):
        return None
    if len(text) <= width:  # every word fits on the one line
        return [text]
    lines, start = [], 0
    for end in _breaks(text, width):
        lines.append(text[start:end][:width])
        start = end
    lines.append(text[start:][:width])
    return lines


def _breaks(text: str, width: int) -> list[int]:
    """rich's ``divide_line(text, width, fold=True)`` for one-cell characters."""
    if _OTHER_BLANK.search(text) is None:
        return _breaks_between_spaces(text, width)
    return _breaks_word_by_word(text, width)


_OTHER_BLANK = re.compile(r"[^\S ]")
_NON_BLANK = re.compile(r"\S")


def _breaks_between_spaces(text: str, width: int) -> list[int]:
    """:func:`_breaks_word_by_word` a line at a time, for text whose only blank is the space.

    rich places words greedily, a word counting up to its last visible character: a line
    from ``start`` takes every word that ends by ``start + width``, so it breaks before the
    word that holds the character at ``start + width`` (or, where that is a space, before
    the next word); a word longer than a line is folded into pieces ``width`` long, the
    last of which begins the next line.
    """
    breaks: list[int] = []
    visible_end = len(text.rstrip(" "))
    first = text.find(" ", len(text) - len(text.lstrip(" ")))
    first_end = visible_end if first < 0 or first > visible_end else first
    start = 0
    if first_end > width:  # the first word (with the blanks before it) does not fit
        start = _fold(text, 0, width, breaks)
    while start + width < visible_end:
        limit = start + width
        if text[limit] == " ":
            word = _NON_BLANK.search(text, limit).start()  # type: ignore[union-attr]
        else:
            word = text.rfind(" ", start, limit) + 1
        end = text.find(" ", word)
        end = visible_end if end < 0 else end
        if end - word <= width:
            breaks.append(word)
            start = word
        else:
            start = _fold(text, word, width, breaks)
    return breaks


def _fold(text: str, word: int, width: int, breaks: list[int]) -> int:
    """Fold the word at ``word`` (with the blanks around it: rich's first word keeps those
    before it) into pieces ``width`` long, each on a line of its own; returns where the last
    piece begins (its line goes on)."""
    visible = _NON_BLANK.search(text, word)
    space = text.find(" ", visible.start()) if visible is not None else -1
    after = _NON_BLANK.search(text, space) if space >= 0 else None
    end = after.start() if after is not None else len(text)
    pieces = range(word, end, width)
    breaks.extend(piece for piece in pieces if piece)
    return pieces[-1]


def _breaks_word_by_word(text: str, width: int) -> list[int]:
    """rich's ``divide_line(text, width, fold=True)`` for one-cell characters, a word at a
    time."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # folded across lines of ``width``
            pieces = [word[index : index + width] for index in range(0, len(word), width)]
            for number, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if number == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


ENABLED = True
"""Lay plain output out here (tests switch it off to compare with rich's own layout)."""


def lays_out(console: Console) -> bool:
    """Whether output to ``console`` is laid out here: it has no colour system (a file or a
    pipe), so rich's styling would write nothing but the characters."""
    return ENABLED and console.color_system is None


def cropped(line: str, width: int) -> str:
    """One line as rich prints it with ``no_wrap`` and ``overflow="ellipsis"``: cut to
    ``width`` cells, the last one ``…``."""
    if width > 1 and is_narrow(line):  # rich measures some of these a character at a time
        return line if len(line) <= width else line[: width - 1] + "…"
    if cell_len(line) > width:
        return set_cell_size(line, width - 1) + "…"
    return line


def print_tree(console: Console, tree: Tree) -> None:
    """``console.print(tree)``; to a console without colour, the same lines written directly
    (see :func:`tree_lines`)."""
    lines = tree_lines(console, tree) if lays_out(console) else None
    if lines is None:
        console.print(tree)
        return
    write_lines(lines, console.file)


def tree_lines(console: Console, tree: Tree) -> Iterator[str] | None:
    """The lines ``console.print(tree)`` writes without colour; ``None`` for a tree this does
    not lay out as rich would (a hidden root, bold or double-underlined guides, which rich
    draws with other characters)."""
    if tree.hide_root or not _plain_guides(console, tree):
        return None
    return _tree_lines(console, tree)


def _tree_lines(console: Console, tree: Tree) -> Iterator[str]:
    """rich's ``Tree.__rich_console__``, node by node, writing strings."""
    nodes = _shown_nodes(tree)
    guides = tree_guides([depth for depth, _ in nodes], console.options.ascii_only)
    width = console.width
    yield from label_lines(console, tree.label, "", "", width)
    for (_, node), (first, rest) in zip(nodes, guides, strict=True):
        yield from label_lines(console, node.label, first, rest, width)


def _shown_nodes(tree: Tree) -> list[tuple[int, Tree]]:
    """The nodes below ``tree``'s label that rich draws (children of expanded nodes), in
    the order it draws them, each with its depth (a child of the root: 1)."""
    nodes: list[tuple[int, Tree]] = []
    stack = [(1, child) for child in reversed(tree.children)] if tree.expanded else []
    while stack:
        depth, node = stack.pop()
        nodes.append((depth, node))
        if node.expanded:
            stack.extend((depth + 1, child) for child in reversed(node.children))
    return nodes


def tree_guides(depths: Sequence[int], ascii_only: bool = False) -> Iterator[tuple[str, str]]:
    """The guides rich's ``Tree`` draws beside each node of a tree given as its nodes'
    depths in the order it draws them (pre-order; a child of the root label: 1, each next
    node at most one deeper): for each node, the guides on its label's first line and
    those on the lines it wraps onto. A node's guides say, for each node above it, whether
    more of that node's siblings follow: the depths are read backwards once to know."""
    space, keep, fork, end = ASCII_GUIDES if ascii_only else TREE_GUIDES
    above = [""]  # the guides of the lines below each node on the way down, by depth
    for depth, last in zip(depths, _last_of_siblings(depths), strict=True):
        over = above[depth - 1]
        del above[depth:]
        below = over + (space if last else keep)
        above.append(below)
        yield over + (end if last else fork), below


def _last_of_siblings(depths: Sequence[int]) -> list[bool]:
    """For each node of a pre-order (see :func:`tree_guides`), whether it is the last child
    of its parent: no node at its depth follows before one nearer the root."""
    last = [True] * len(depths)
    follows: list[bool] = []  # at each depth: a node there follows, with none above between
    for index in range(len(depths) - 1, -1, -1):
        depth = depths[index]
        if depth < len(follows):
            last[index] = not follows[depth]
            del follows[depth + 1 :]
            follows[depth] = True
        else:
            follows.extend([False] * (depth - len(follows)))
            follows.append(True)
    return last


def _plain_guides(console: Console, tree: Tree) -> bool:
    """Whether every guide is drawn with the plain characters (no style makes them bold or
    double-underlined anywhere in the tree)."""
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if node.guide_style not in seen:
            guide = console.get_style(node.guide_style, default="")
            if guide.bold or guide.underline2:
                return False
            seen.add(node.guide_style)
        stack.extend(node.children)
    return True


def label_lines(
    console: Console, label: RenderableType, first: str, rest: str, width: int
) -> list[str]:
    """One node's lines: its label laid out beside the guides (``first`` on its first line,
    ``rest`` on the others), as rich's tree does it; to write, as :func:`write_lines`
    writes them (a string may hold several lines)."""
    plain = _plain(label)
    laid = laid_out_label(plain, first, rest, width) if plain is not None else None
    if laid is None:
        return _rich_label_lines(console, label, first, rest, width)
    return [laid]


def laid_out_label(plain: str, first: str, rest: str, width: int) -> str | None:
    """A tree node's lines (see :func:`label_lines`) for a label of plain ``Text``, as one
    string; ``None`` when rich must lay it out (see :func:`wrapped`)."""
    lines = wrapped(plain, width - len(first))
    if lines is None:
        return None
    return first + ("\n" + rest).join(lines)


def _plain(label: RenderableType) -> str | None:
    """The characters of a label rich lays out as plain text with the default wrapping: a
    :class:`~rich.text.Text` with no justify, overflow or no_wrap of its own, or a label
    object with a ``plain`` string (:class:`debate.render.ClaimLabel`, whose text is such a
    Text); ``None`` for anything else."""
    if isinstance(label, Text):
        return None if label.justify or label.overflow or label.no_wrap else label.plain
    plain = getattr(label, "plain", None)
    return plain if isinstance(plain, str) else None


def _rich_label_lines(
    console: Console, label: RenderableType, first: str, rest: str, width: int
) -> list[str]:
    """What rich's tree does for one node, done by rich: the label rendered at the width
    beside the guides, and each line with its guides cut to the console's width."""
    options = console.options.update(width=width - cell_len(first), highlight=False, height=None)
    lines = console.render_lines(label, options, pad=False)
    out = []
    for number, line in enumerate(lines):
        guide = Segment(rest if number else first)
        laid = [guide, *line, Segment.line()]
        for cropped_line in Segment.split_and_crop_lines(
            laid, width, include_new_lines=False, pad=False
        ):
            out.append("".join(segment.text for segment in cropped_line))
    return out
