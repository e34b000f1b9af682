"""Plain output laid out directly (``debate show`` and ``score`` to a file or a pipe) is
byte for byte what rich prints: wrapped labels, trees with their guides, cropped rows."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from debate.plain_layout import cropped, is_narrow, print_tree, wrapped

# words and blanks a label can hold: plain and wide characters, a combining accent, blanks
pieces = st.sampled_from(
    [
        "a",
        "word",
        "longerword",
        "x" * 30,
        "é",
        "●",
        "✎",
        "—",
        "…",
        "漢字",
        "😀",
        "e\u0301",
        "\u00a0",
    ]
)
blanks = st.sampled_from([" ", "  ", "   "])
texts = st.lists(st.tuples(st.sampled_from(["", " ", "  "]), pieces, blanks), max_size=12).map(
    lambda parts: (
        "".join(lead + word + blank for lead, word, blank in parts).rstrip(" ")
        if parts and parts[0][0] == "" and len(parts) % 3
        else "".join(lead + word + blank for lead, word, blank in parts)
    )
)


class AsciiFile(io.StringIO):
    """A stream that says it takes ASCII only: rich then draws trees with ASCII guides."""

    encoding = "ascii"  # type: ignore[assignment]


def console(width: int, ascii_only: bool = False) -> Console:
    return Console(
        file=AsciiFile() if ascii_only else io.StringIO(),
        width=width,
        color_system=None,
        highlight=False,
        markup=False,
        emoji=False,
    )


def rich_lines(text: str, width: int) -> list[str]:
    out = console(width)
    lines = out.render_lines(Text(text), out.options.update(width=width), pad=False)
    return ["".join(segment.text for segment in line) for line in lines]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(texts, st.integers(1, 40))
def test_a_label_wraps_as_rich_wraps_it(text: str, width: int) -> None:
    lines = wrapped(text, width)
    if is_narrow(text):
        assert lines == rich_lines(text, width)
    else:
        assert lines is None  # wide or zero-width characters: left to rich


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    tree = Tree(Text(draw(texts), style="bold underline"), guide_style="dim")
    nodes = [tree]
    for _ in range(draw(st.integers(0, 25))):
        parent = nodes[draw(st.integers(0, len(nodes) - 1))]
        label = Text(draw(texts))
        label.append(f" [{len(nodes)}]", style="dim")
        nodes.append(parent.add(label))
    return tree


@settings(max_examples=150, deadline=None, derandomize=True)
@given(trees(), st.integers(8, 60), st.booleans())
def test_a_tree_prints_as_rich_prints_it(tree: Tree, width: int, ascii_only: bool) -> None:
    expected, ours = console(width, ascii_only), console(width, ascii_only)
    expected.print(tree)
    print_tree(ours, tree)
    assert ours.file.getvalue() == expected.file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(texts, min_size=1, max_size=6), st.integers(1, 50))
def test_cropped_rows_print_as_rich_prints_them(rows: list[str], width: int) -> None:
    body = Text("", no_wrap=True, overflow="ellipsis")
    for row in rows:
        body.append(row, style="bold")
        body.append("\n")
    expected = console(width)
    expected.print(body, no_wrap=True, overflow="ellipsis", end="")
    ours = "".join(cropped(row, width) + "\n" for row in rows)
    assert ours == expected.file.getvalue()  # type: ignore[attr-defined]


def test_a_coloured_console_prints_through_rich() -> None:
    tree = Tree(Text("title"), guide_style="dim")
    tree.add(Text("a child", style="green"))
    coloured = Console(file=io.StringIO(), width=40, force_terminal=True, color_system="standard")
    print_tree(coloured, tree)
    assert "\x1b[" in coloured.file.getvalue()  # type: ignore[attr-defined]


WIDE_MAP = """\
[map]
title = "A map whose title is long enough to wrap at a hundred cells wide, with 漢字 in it too"

[claims.r]
text = "The root: a claim of ordinary length that states the question at issue, with room for more."
by = "someone"
tags = ["one", "two"]
"""


def big_map(path: Path) -> Path:
    """Chains up to 12 deep beside each other (labels wrap), wide and plain texts."""
    parts = [WIDE_MAP]
    parent = "r"
    for index in range(30):
        text = "漢字の主張 " * (index % 3) + f"claim {index} " + "word " * (index % 7) + "x" * 40
        parts.append(f'[claims.c{index}]\nparent = "{parent}"\nstance = "pro"\ntext = "{text}"\n')
        parent = f"c{index}" if index % 12 else "r"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def test_show_and_score_to_a_pipe_print_what_rich_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.commands.score_output as score_output
    import debate.plain_layout
    from debate.cli import main

    path = big_map(tmp_path / "m.toml")
    monkeypatch.setattr(score_output, "TABLE_LIMIT", 2)  # the aligned lines, not a table
    ours = []
    for command in (["show", str(path)], ["score", str(path)]):
        assert main(command) == 0
        ours.append(capsys.readouterr().out)
    monkeypatch.setattr(debate.plain_layout, "ENABLED", False)  # rich lays it all out
    theirs = []
    for command in (["show", str(path)], ["score", str(path)]):
        assert main(command) == 0
        theirs.append(capsys.readouterr().out)
    assert ours == theirs
    assert "└── " in ours[0] and "…" in ours[1]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.text(alphabet="ab ", max_size=60), st.integers(1, 20))
def test_a_line_of_words_and_spaces_breaks_where_rich_breaks_it(text: str, width: int) -> None:
    """The line-at-a-time breaks (text whose only blank is the space) against rich's own."""
    from rich._wrap import divide_line

    from debate.plain_layout import _breaks

    assert _breaks(text, width) == divide_line(text, width, fold=True)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet=st.sampled_from(
            ["a", " ", "é", "●", "✎", "│", "░", "\xad", "\x7f", "\x1b", "漢", "\u0301", "\ufe0f"]
        ),
        max_size=8,
    )
)
def test_narrow_text_is_what_rich_measures_a_cell_a_character(text: str) -> None:
    """The one-scan answer for common characters is rich's own, character by character."""
    assert is_narrow(text) == all(get_character_cell_size(c) == 1 for c in text)
