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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
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
_TRAILING_BLANKS = re.compile(r"\s+$")

# rich.tree.Tree's guides: space, continue, fork, end
TREE_GUIDES = ("    ", "│   ", "├── ", "└── ")
ASCII_GUIDES = ("    ", "|   ", "+-- ", "`-- ")


@lru_cache(maxsize=4096)
def _one_cell(character: str) -> bool:
    return get_character_cell_size(character) == 1


_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")


def is_narrow(text: str) -> bool:
    """Whether every character takes exactly one cell (so cells can be counted as characters)."""
    return all(map(_one_cell, _NOT_PRINTABLE_ASCII.findall(text)))


def wrapped(text: str, width: int) -> list[str] | None:
    """The lines rich renders ``Text(text)`` as at ``width`` (word wrap, overflow "fold"),
    or ``None`` when this module cannot be sure (see the module's docstring)."""
    if width < 1 or "\n" in text or "\t" in text or not is_narrow(text):
        return None
    bounds = [0, *_breaks(text, width), len(text)]
    lines = []
    for start, end in pairwise(bounds):
        line = text[start:end]
        if len(line) > width:  # Text.rstrip_end: blanks beyond the width go
            blanks = _TRAILING_BLANKS.search(line)
            if blanks is not None:
                line = line[: len(line) - min(len(blanks.group()), len(line) - width)]
        lines.append(line[:width])  # Text.truncate, overflow "fold"
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
    """rich's ``Tree.__rich_console__``, walked the same way, writing strings."""
    space, keep, fork, end = ASCII_GUIDES if console.options.ascii_only else TREE_GUIDES
    width = console.width
    yield from _label_lines(console, tree.label, "", "", width)
    levels: list[str] = []  # the guide each level draws on the lines below it
    stack: list[tuple[list[Tree], int]] = [(tree.children, 0)] if tree.expanded else []
    while stack:
        children, index = stack[-1]
        if index == len(children):
            stack.pop()
            continue
        stack[-1] = (children, index + 1)
        node, last, depth = children[index], index == len(children) - 1, len(stack)
        above = "".join(levels[: depth - 1])
        first, rest = above + (end if last else fork), above + (space if last else keep)
        yield from _label_lines(console, node.label, first, rest, width)
        if node.expanded and node.children:
            levels[depth - 1 :] = [space if last else keep]
            stack.append((node.children, 0))


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


def _label_lines(
    console: Console, label: RenderableType, first: str, rest: str, width: int
) -> list[str]:
    """One node's lines: its label laid out beside the guides (``first`` on its first line,
    ``rest`` on the others), as rich's tree does it."""
    plain = _plain(label)
    lines = wrapped(plain, width - len(first)) if plain is not None else None
    if lines is None:
        return _rich_label_lines(console, label, first, rest, width)
    return [(rest if number else first) + line for number, line in enumerate(lines)]


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
