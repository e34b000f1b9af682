"""Every reader is linear: four times the input costs about four times the time (issue 10).

A scan that tries a token at each of many places and searches to the end of the line each
time is quadratic: 100 KB of ``[`` took 100 s in the Argdown reader. These tests read runs of
each format's syntax characters at two sizes and compare the CPU time: linear work gives a
ratio near 4, quadratic near 16, and the bound (8) leaves room for a loaded machine. Times are
the best of three runs of CPU time (not wall clock), with a floor so that tiny inputs cannot
make a ratio out of noise. The large cases themselves live in ``bench/bench_import.py``.
"""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.formats.readers import ReadError, SourceText, read_text

SMALL = 4_000
RATIO = 8.0
FLOOR = 0.005  # seconds: below this, a ratio says nothing

# The runs that used to be quadratic, and their neighbours: each is repeated to fill the size.
RUNS = {
    "argdown": ["[", "<", "{", "#(", "[a](", '{"', "{'", "{ \n", "![", "<a ", ".:", "\\", " "],
    "markdown": ["[", "![", "[a](", "*a", "<", "- ", "> ", "`"],
    "kialo": ["1.", "\\(", "-> See 1.\n", "1.1. Pro: x\n"],
    "opml": ["<outline text='x'>", "&amp;", "<"],
    "aif": ["[", '{"a": ', '"\\u00e9'],
}
WRAPS = {
    "argdown": "[A]: a {run}\n\n[B]: b\n",
    "markdown": "- a {run}\n",
    "kialo": "1. a {run}\n",
    "opml": "<opml><body><outline text='a {run}'/></body></opml>",
    "aif": '{{"nodes": [{{"nodeID": "1", "text": "a {run}", "type": "I"}}], "x": [{run}]}}',
}
SYNTAX = "[]<>(){}#:.!*_\\/-+`'\"=@ \n\t"


def _cost(text: str, format_name: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        with contextlib.suppress(ReadError):  # a refusal is fine; it must be quick too
            read_text(SourceText("scale", text), format_name)
        best = min(best, time.process_time() - start)
    return best


def _ratio(format_name: str, unit: str) -> float:
    def sized(length: int) -> str:
        run = unit * (length // len(unit))
        return WRAPS[format_name].replace("{run}", run).replace("{{", "{").replace("}}", "}")

    small, large = sized(SMALL), sized(4 * SMALL)
    return _cost(large, format_name) / max(_cost(small, format_name), FLOOR)


@pytest.mark.parametrize(
    ("format_name", "unit"),
    [(name, unit) for name, units in RUNS.items() for unit in units],
)
def test_runs_of_syntax_read_in_linear_time(format_name: str, unit: str) -> None:
    assert _ratio(format_name, unit) < RATIO


@pytest.mark.parametrize("format_name", list(RUNS))
@settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(unit=st.text(alphabet=SYNTAX + "a1", min_size=1, max_size=4))
def test_any_run_of_syntax_reads_in_linear_time(format_name: str, unit: str) -> None:
    assert _ratio(format_name, unit) < RATIO
