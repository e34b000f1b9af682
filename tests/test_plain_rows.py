"""``debate show`` and ``debate score`` to a file or a pipe build each claim's row as one
string (no rich ``Tree`` node, no styled ``Text``) and lay it out directly: the bytes are
those rich prints for the same map, on random maps deeper than the drawn nesting and the
whole path numbers go, with wide, zero-width and control characters among narrow words."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

import debate.commands.score_output as score_output
import debate.plain_layout
from debate.display import one_line, visible
from debate.model import MAX_NUMBER_PARTS, ArgumentMap, Citation, Claim, MapInfo, MapTree, Note
from debate.model import Source as MapSource
from debate.perf import write_lines
from debate.render import MAX_NESTING
from debate.scoring import Scorer
from debate.terminal_tree import numbered_walk, rich_tree, tree_lines
from tests.test_plain_layout import console

# Mostly narrow words (the rows laid out here), now and then a character rich must measure
# (wide, combining, a stand-in for a control character) or markup that must stay text.
words = st.sampled_from(
    ["a", "word", "claim", "longerword", "x" * 30, "é", "—", "…", "12.5%"] * 4
    + ["漢字", "e\u0301", "😀", "[bold]x[/]", "\x1b[31m", "two\nlines", "tab\there", "\u202e"]
)
texts = st.lists(st.tuples(words, st.sampled_from([" ", " ", "  "])), min_size=1, max_size=10).map(
    lambda pieces: "".join(word + blank for word, blank in pieces).strip() or "x"
)


@st.composite
def deep_parents(draw: st.DrawFn, max_claims: int = 40) -> dict[str, str | None]:
    """Claims that mostly hang from one of the last few claims: chains past
    :data:`MAX_NESTING` and :data:`MAX_NUMBER_PARTS` levels, with siblings along them, and
    now and then a new root."""
    parents: dict[str, str | None] = {}
    for index in range(draw(st.integers(1, max_claims))):
        root = index == 0 or draw(st.integers(0, 15)) == 0
        back = (0, 0, 0, 1, 2)[draw(st.integers(0, 4))]  # mostly the claim just before
        parents[f"c{index}"] = None if root else f"c{max(index - 1 - back, 0)}"
    return parents


@st.composite
def deep_maps(draw: st.DrawFn) -> ArgumentMap:
    """A map of :func:`deep_parents`, its claims with every part a label shows."""
    claims: dict[str, Claim] = {}
    for claim_id, parent in draw(deep_parents()).items():
        claims[claim_id] = Claim(
            text=draw(texts),
            parent=parent,
            stance=None if parent is None else draw(st.sampled_from(["pro", "con", "part"])),
            weight=None if parent is None else draw(st.none() | st.integers(0, 4)),
            credence=draw(st.none() | st.floats(0, 1, allow_nan=False)),
            by=draw(st.none() | texts),
            tags=draw(st.lists(texts, max_size=2)),
            notes=[Note(text="n") for _ in range(draw(st.integers(0, 2)))],
            cite=Citation(source="s") if draw(st.booleans()) else None,
        )
    title = draw(texts)
    return ArgumentMap(map=MapInfo(title=title), sources={"s": MapSource(title="S")}, claims=claims)


def written(out: Console) -> str:
    return out.file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(deep_parents(), st.none() | st.integers(0, 16))
def test_a_walk_numbers_each_claim_as_the_tree_does(
    parents: dict[str, str | None], depth: int | None
) -> None:
    tree = MapTree.of(parents)
    expected = [
        (claim_id, level, tree.number(claim_id))
        for claim_id, level in tree.walk()
        if depth is None or level <= depth
    ]
    assert list(numbered_walk(tree, depth)) == expected


def test_a_long_chain_is_numbered_with_its_root_and_last_places() -> None:
    parents: dict[str, str | None] = {"r1": None, "r2": None}
    parents |= {f"a{index}": f"a{index - 1}" if index else "r2" for index in range(30)}
    parents |= {f"b{index}": f"a{index}" for index in range(0, 30, 4)}  # siblings on the way
    tree = MapTree.of(parents)
    shown = list(numbered_walk(tree))
    assert shown == [(claim_id, level, tree.number(claim_id)) for claim_id, level in tree.walk()]
    assert max(level for _, level, _ in shown) > MAX_NUMBER_PARTS + MAX_NESTING
    assert ("a29", 30, "2…1.1.1.1.1.1") in shown


@settings(max_examples=60, deadline=None, derandomize=True)
@given(deep_maps(), st.integers(20, 140), st.none() | st.integers(0, 16), st.booleans())
def test_show_to_a_pipe_prints_what_rich_prints(
    argmap: ArgumentMap, width: int, depth: int | None, ascii_only: bool
) -> None:
    expected, ours = console(width, ascii_only), console(width, ascii_only)
    expected.print(rich_tree(argmap, depth))
    write_lines(tree_lines(ours, argmap, depth), ours.file)
    assert written(ours) == written(expected)


def branching_chain() -> ArgumentMap:
    """A chain 20 deep with two more claims beside each link from level 10 on: drawn at
    the capped nesting, claims of many levels are siblings there, and only the very last
    of them closes its guide."""
    claims = {"c0": Claim(text="The question at the root of it all")}
    for level in range(1, 20):
        claims[f"c{level}"] = Claim(
            text=f"Link {level} of the chain, long enough to wrap beside deep guides",
            parent=f"c{level - 1}",
            stance="pro",
            tags=["t"],
        )
        if level >= 10:
            for side in ("a", "b"):
                claims[f"s{level}{side}"] = Claim(
                    text=f"Beside link {level}", parent=f"c{level - 1}", stance="con"
                )
    return ArgumentMap(map=MapInfo(title="Deep"), claims=claims)


def test_a_deep_chain_with_branches_prints_what_rich_prints() -> None:
    argmap = branching_chain()
    for width, ascii_only in ((100, False), (70, True)):
        expected, ours = console(width, ascii_only), console(width, ascii_only)
        expected.print(rich_tree(argmap))
        write_lines(tree_lines(ours, argmap), ours.file)
        assert written(ours) == written(expected)
    assert "⋯20 " in written(ours) and "`-- " in written(ours)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(deep_maps(), st.integers(1, 140))
def test_score_lines_to_a_pipe_print_what_rich_prints(argmap: ArgumentMap, width: int) -> None:
    scorer = Scorer(argmap)
    outputs = []
    with mock.patch.object(score_output, "TABLE_LIMIT", 0):  # the aligned lines, not a table
        for enabled in (True, False):  # laid out here, then by rich
            with mock.patch.object(debate.plain_layout, "ENABLED", enabled):
                out = console(width)
                score_output.scores_view(out, argmap, scorer, plain=False)
                outputs.append(written(out))
    assert outputs[0] == outputs[1]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.text(alphabet="ab .", max_size=12)  # printable ASCII, runs of spaces
    | st.text(alphabet="ab .…é\t\n\r\x0b\x1b\x7f\x85\xa0\u2028\u202e", max_size=12),
    st.none() | st.integers(0, 8),
)
def test_one_line_of_printable_ascii_is_the_text_with_its_spaces_trimmed(
    text: str, limit: int | None
) -> None:
    """A row's text, tags and holder are usually printable ASCII with single spaces, which
    ``one_line`` passes through without splitting and joining; anything else goes the whole
    way (stand-ins for unsafe characters, every run of blanks one space)."""
    flat = " ".join(visible(text).split())
    expected = flat if limit is None or len(flat) <= limit else flat[: max(limit - 1, 0)] + "…"
    assert one_line(text, limit) == expected
