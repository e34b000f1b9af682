"""A big map parsed in pieces (so the app's loading screen stays live) gives exactly what
one parse of the whole text gives, in the same order, or declines and leaves it to that."""

from __future__ import annotations

import pytest
import tomli
from hypothesis import HealthCheck, given, settings

from debate.model import ArgumentMap
from debate.store import dump_map, parse_map
from debate.toml_pieces import loads_in_pieces

from .strategies import argument_maps


def whole(text: str) -> dict | None:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return None


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(argument_maps())
def test_pieces_of_a_written_map_read_as_the_whole(argmap: ArgumentMap) -> None:
    text = "# a comment first\n\n" + dump_map(argmap)
    shares: list[float] = []
    pieces = loads_in_pieces(text, piece=40, progress=shares.append)
    if '"""' in text or "'''" in text:
        assert pieces is None
        return
    assert pieces is not None  # a layout debate writes is always one it can cut
    assert repr(pieces) == repr(tomli.loads(text))  # the same values, in the same order
    assert shares == sorted(shares) and shares[-1] == 1.0


LAYOUTS = {
    # each would be read wrongly (a file tomli refuses, read as valid) without its guard
    "an inline table at the top, extended by a header": 'claims = { x = { text = "X" } }\n'
    '[claims.b]\ntext = "B"\n',
    "[claims] itself written twice": '[claims]\na.text = "A"\n[claims.c]\ntext = "C"\n'
    '[claims]\nb.text = "B"\n',
    "an entity's header twice": '[claims.a]\ntext = "A"\n[claims.b]\ntext = "B"\n'
    "[claims.a]\nweight = 1\n",
    "[map] twice": '[map]\ntitle = "T"\n[claims.a]\ntext = "A"\n[map]\nauthor = "x"\n',
    # and these it may read, or decline
    "an array of tables split by another entity": '[claims.a]\ntext = "A"\n'
    '[claims.b]\ntext = "B"\n[[claims.a.notes]]\ntext = "n"\n',
    "dotted keys at the top": 'claims.x.text = "X"\n[claims.b]\ntext = "B"\n',
    "a multi-line array with a line like a header": '[claims.a]\ntext = "A"\nlinks = [\n'
    '[1],\n]\n[claims.b]\ntext = "B"\n',
    "a multi-line string with a line like a header": '[claims.a]\ntext = """\n[claims.z]\n'
    'x = 1\n"""\n[claims.b]\ntext = "B"\n',
    "the same entity's tables in a run": '[claims.a]\ntext = "A"\n[claims.a.cite]\n'
    'source = "s"\n[[claims.a.notes]]\ntext = "n"\n[sources.s]\ntitle = "S"\n',
    "another table": '[claims.a]\ntext = "A"\n[other]\nx = 1\n[claims.b]\ntext = "B"\n',
}


@pytest.mark.parametrize("text", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_unusual_layouts_are_read_as_the_whole_or_left_to_it(text: str) -> None:
    expected = whole(text)
    pieces = loads_in_pieces(text, piece=1)  # a piece for every run of headers
    if expected is None:
        assert pieces is None
    else:
        assert pieces is None or repr(pieces) == repr(expected)


def test_a_small_or_broken_map_is_left_to_the_whole_parse() -> None:
    good = '[claims.a]\ntext = "A"\n\n[claims.b]\ntext = "B"\n'
    assert loads_in_pieces(good) is None  # smaller than a piece: nothing to gain
    assert repr(loads_in_pieces(good, piece=1)) == repr(tomli.loads(good))
    assert loads_in_pieces(good.replace('"B"', '"B'), piece=1) is None


def test_a_map_read_in_pieces_reports_problems_as_a_whole_read_does() -> None:
    """The error of a broken piece is the whole file's, at its line: the pieces only decline."""
    from debate.errors import MapError

    text = '[claims.a]\ntext = "A"\n\n[claims.b]\ntext = "B\n'
    errors = []
    for progress in (None, lambda share: None):
        with pytest.raises(MapError) as caught:
            parse_map(text, "m.toml", progress=progress)
        errors.append(str(caught.value))
    assert errors[0] == errors[1] and "m.toml:5:" in errors[0]
