"""Problems are located by a regular-expression index of table headers where it is sure,
and by the key scanner otherwise: both give the same line and column."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from debate.locate import KeyLocator
from debate.model import ArgumentMap
from debate.store import _HeaderIndex, dump_map, load_map

from .conftest import DEFAULT_MAP
from .strategies import argument_maps

FIELDS = ("text", "parent", "stance", "weight", "cite", "links", "notes", "title", "weight")


def paths_of(argmap: ArgumentMap) -> list[tuple[str | int, ...]]:
    paths: list[tuple[str | int, ...]] = []
    for section in ("sources", "claims", "perspectives"):
        for key in getattr(argmap, section):
            paths.append((section, key))
            paths.extend((section, key, field) for field in FIELDS)
    return paths


def agree(text: str, paths: list[tuple[str | int, ...]]) -> int:
    index = _HeaderIndex.of(text)
    assert index is not None
    locator = KeyLocator(text)
    answered = 0
    for path in paths:
        position = index.find(path)
        if position is not None:
            assert position == locator.find(path), path
            answered += 1
    return answered


def test_the_default_map_is_located_the_same_way() -> None:
    text = DEFAULT_MAP.read_text(encoding="utf-8")
    # the default map's quotes hold no triple quotes, so the index answers most paths
    assert agree(text, paths_of(load_map(DEFAULT_MAP).argmap)) > 100


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(argument_maps())
def test_generated_maps_are_located_the_same_way(argmap: ArgumentMap) -> None:
    text = "# a comment\n" + dump_map(argmap).replace("\n[", "\n  [", 3)
    if _HeaderIndex.of(text) is None:
        return
    agree(text, paths_of(argmap))
