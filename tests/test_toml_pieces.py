"""A big map parsed in pieces (so the app's loading screen stays live) gives exactly what
one parse of the whole text gives, in the same order, or declines and leaves it to that."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

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


def test_pieces_are_cut_between_entities_never_inside_one() -> None:
    """A claim whose tables (here, 300 notes) are longer than a piece stays in one piece:
    the cut comes at the next entity's header, found in one scan past the run."""
    from debate.toml_pieces import _cuts

    notes = "".join(f'\n[[claims.a.notes]]\ntext = "n{i}"\n' for i in range(300))
    text = f'[map]\ntitle = "T"\n\n[claims.a]\ntext = "A"\n{notes}\n[claims.b]\ntext = "B"\n'
    text += '\n[claims.c]\nparent = "b"\nstance = "pro"\ntext = "C"\n'
    assert _cuts(text, 100) == [0, text.index("[claims.b]")]
    assert repr(loads_in_pieces(text, piece=100)) == repr(tomli.loads(text))


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


# ---------------------------------------------------------------------------------- helper
# A big map is parsed from both ends: a second process takes pieces from the last one down.
# Here the thresholds are lowered so a small map takes that path, and this process parses
# slowly (a sleep per piece) so the helper surely gets pieces to parse.


def helper_map(claims: int = 60) -> str:
    lines = ['[map]\ntitle = "Helped"\n\n[sources.s]\ntitle = "S"\n\n']
    for index in range(claims):
        lines.append(f'[claims.c{index}]\ntext = "Claim {index} é ✓"\n')
        if index:
            lines.append(f'parent = "c{index - 1}"\nstance = "pro"\n')
        if index % 7 == 0:
            lines.append(
                f'\n[[claims.c{index}.notes]]\ntext = "n"\nat = 2026-01-0{1 + index % 9}T10:00:00Z\n'
            )
        lines.append("\n")
    lines.append("[perspectives.p]\nweight = { c1 = 4 }\n")
    return "".join(lines)


def test_a_big_map_parsed_from_both_ends_reads_as_the_whole(helped: list[dict]) -> None:
    text = helper_map()
    shares: list[float] = []
    pieces = loads_in_pieces(text, piece=200, progress=shares.append)
    assert helped  # the helper parsed some of the pieces
    assert repr(pieces) == repr(tomli.loads(text))  # the same values, in the same order
    assert shares == sorted(shares) and shares[-1] == 1.0


def test_a_broken_piece_the_helper_parses_is_left_to_the_whole_parse(
    helped: list[dict],
) -> None:
    text = helper_map()
    broken = text.replace('text = "Claim 58 é ✓"', 'text = "Claim 58')
    assert loads_in_pieces(broken, piece=200) is None  # the whole parse then says where


HELPER_START = """
import sys, os, pickle, time
out = sys.stdout.buffer
last = len(sys.argv[4].split(",")) - 2
out.write(b"S" + last.to_bytes(4, "little"))  # takes the last piece
out.flush()


def until_the_app_has_started(index):
    while True:
        said = os.read(0, 4)
        if not said or int.from_bytes(said, "little") >= index:
            return
"""

HELPERS = {
    # an interpreter that cannot run it (no tomli there, say)
    "cannot start": "raise SystemExit(1)\n",
    # dies once the app waits for the last piece
    "dies": HELPER_START + "until_the_app_has_started(last - 1)\nos._exit(0)\n",
    # goes quiet
    "stays silent": HELPER_START + "time.sleep(60)\n",
    # answers with a pickle that holds something else than TOML values
    "answers with something else": HELPER_START
    + "blob = pickle.dumps({'x': pickle.loads})\n"
    + "os.pwrite(int(sys.argv[3]), blob, 0)\n"
    + "out.write(b'D' + last.to_bytes(4, 'little') + bytes(8) + len(blob).to_bytes(8, 'little'))\n"
    + "out.flush()\nuntil_the_app_has_started(last)\n",
}


@pytest.mark.parametrize("helper", HELPERS.values(), ids=HELPERS.keys())
def test_a_helper_that_fails_leaves_its_pieces_to_this_process(
    helper: str, helper_on: list[dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.toml_pieces as pieces

    script = tmp_path / "helper.py"
    script.write_text(helper)
    monkeypatch.setattr(pieces, "HELPER_SCRIPT", script)
    text = helper_map()
    assert repr(loads_in_pieces(text, piece=200)) == repr(tomli.loads(text))


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="POSIX priorities")
def test_the_helper_takes_only_what_a_busy_machine_leaves() -> None:
    """The helper is a spare core's work: it lowers its own priority to the least, so on a
    machine whose cores are all busy the app's process (and everyone else's) comes first."""
    import time

    from debate.toml_pieces import _Helper

    text = helper_map(3000)
    spans = [(start, start + 100) for start in range(0, len(text) - 100, 100)]
    helper = _Helper.start(text, spans)
    assert helper is not None
    try:
        seen = set()
        deadline = time.monotonic() + 10
        while 19 not in seen and helper.process.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(ProcessLookupError):
                seen.add(os.getpriority(os.PRIO_PROCESS, helper.process.pid))
        assert 19 in seen
    finally:
        helper.close()
