"""Problems are located by a regular-expression index of table headers where it is sure,
and by the key scanner otherwise: both give the same line and column."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.locate import KeyLocator
from debate.locate_fast import HeaderIndex, locate_paths
from debate.model import ArgumentMap
from debate.store import _dotted, _dotted_each, dump_map, load_map

from .conftest import DEFAULT_MAP
from .strategies import argument_maps

FIELDS = ("text", "parent", "stance", "weight", "cite", "links", "notes", "title", "weight")


DEEP = (
    ("cite", "source"),
    ("cite", "quote"),
    ("cite", 0, "source"),
    ("notes", 0),
    ("notes", 0, "text"),
    ("notes", 1, "at"),
    ("links", 0),
    ("links", 1),
    ("tags", 1),
    ("title", "x"),
)
"""Deeper key paths: inside inline tables, arrays and arrays of tables (some absent)."""


def paths_of(argmap: ArgumentMap) -> list[tuple[str | int, ...]]:
    paths: list[tuple[str | int, ...]] = []
    for section in ("sources", "claims", "perspectives"):
        for key in getattr(argmap, section):
            paths.append((section, key))
            paths.extend((section, key, field) for field in FIELDS)
            paths.extend((section, key, *rest) for rest in DEEP)
    for name, perspective in argmap.perspectives.items():
        paths.extend(("perspectives", name, "weight", key) for key in perspective.weight)
    return paths


def agree(text: str, paths: list[tuple[str | int, ...]]) -> int:
    """Every path the index answers, answered as the key scanner does; how many it did."""
    index = HeaderIndex.of(text)
    assert index is not None
    locator = KeyLocator(text)
    answered = 0
    for path, position in zip(paths, index.find_all(paths), strict=True):
        if position is not None:
            assert position == locator.find(path), path
            answered += 1
    assert locate_paths(text, paths) == [locator.find(path) for path in paths]
    return answered


def test_the_default_map_is_located_the_same_way() -> None:
    text = DEFAULT_MAP.read_text(encoding="utf-8")
    # the default map's quotes hold no triple quotes, so the index answers most paths
    paths = paths_of(load_map(DEFAULT_MAP).argmap)
    assert agree(text, paths) > 100
    deep = [path for path in paths if len(path) > 3]
    assert agree(text, deep) > 50  # inline tables, arrays and notes from the entity's lines


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(argument_maps())
def test_generated_maps_are_located_the_same_way(argmap: ArgumentMap) -> None:
    text = "# a comment\n" + dump_map(argmap).replace("\n[", "\n  [", 3)
    if HeaderIndex.of(text) is None:
        return
    agree(text, paths_of(argmap))


LAYOUTS = {
    # each of these would be located wrongly by an index without its guard
    "an entity's tables in two places": '[[claims.a.notes]]\ntext = "1"\n[claims.b]\n'
    'text = "B"\n[[claims.a.notes]]\ntext = "2"\n[claims.a]\ntext = "A"\n',
    "a header the index cannot read": '[[ claims.a.notes ]]\ntext = "1"\n[claims.a]\n'
    'text = "A"\n[[claims.a.notes]]\ntext = "2"\n',
    # and these it may answer
    "notes before the table": '[[claims.a.notes]]\ntext = "n"\n[claims.a]\ntext = "A"\n'
    'cite = { source = "s", quote = "q" }\n',
    "dotted keys under [claims]": '[claims]\nb.text = "B"\nb.notes = [{ text = "n" }]\n'
    '[claims.a]\ntext = "A"\ncite = { source = "s" }\n',
    "dotted keys at the top": 'claims.b.text = "B"\nclaims.b.links = ["a"]\n'
    'claims.b.cite.quote = "q"\n[claims.b.cite.more]\nx = 1\n[claims.a]\ntext = "A"\n'
    'links = ["b"]\n',
    "lines of arrays like headers": '[claims.a]\ntext = "A"\nlinks = [\n["b"],\n[1],\n]\n'
    'tags = ["x", "y"]\n[claims.b]\ntext = "B"\n',
    "keys inside strings of an inline table": '[claims.a]\ntext = "A"\n'
    'cite = { source = "s\\", quote = 1, x = \\"", locator = \'p, quote = 2\', quote = "q" }\n',
    "an inline table the fast reading declines": '[claims.a]\ntext = "A"\n'
    'cite = { "source" = "s", quote = "q" }\n[claims.b]\ntext = "B"\n'
    'cite = { source = "s", at = 1979-05-27 07:32:00Z, quote = "q" }\n',
    "indented and commented": '  [claims.a]  # first\n  text = "A"\n  tags = ["x", "y"]\n'
    '\n  [[claims.a.notes]]\n  text = "n"\n',
}


@pytest.mark.parametrize("text", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_unusual_layouts_are_located_as_the_key_scanner_does(text: str) -> None:
    """Layouts where an entity's lines do not hold all of it: the index declines, or agrees."""
    paths: list[tuple[str | int, ...]] = [
        ("claims", key, *rest)
        for key in ("a", "b")
        for rest in [(), *[(field,) for field in FIELDS], *DEEP]
    ]
    agree(text, paths)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 99),
            st.text(max_size=6),
            st.from_regex(r"[A-Za-z0-9_.-]{1,6}", fullmatch=True),
        ),
        max_size=5,
    )
)
def test_key_paths_are_named_as_one_part_at_a_time(path: list[str | int]) -> None:
    """The quick join of a plain key path names it as the part-by-part spelling does."""
    assert _dotted(tuple(path)) == _dotted_each(tuple(path))
