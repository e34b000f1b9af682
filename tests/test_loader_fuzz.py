"""The loader never fails with anything but MapError, and every problem has a location.

In the suite the fuzzers run a fixed, derandomized budget. For a longer local run with fresh
random inputs: ``DEBATE_FUZZ_EXAMPLES=20000 python -m pytest tests/test_loader_fuzz.py``.
"""

from __future__ import annotations

import os
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.errors import MapError
from debate.store import dump_map, parse_map

from .conftest import DEFAULT_MAP
from .strategies import argument_maps

LONG_RUN = int(os.environ.get("DEBATE_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=LONG_RUN or 250,
    derandomize=not LONG_RUN,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
HUGE_INTEGER = "9" * 4301
SEED_TEXT = DEFAULT_MAP.read_text()

toml_fragments = st.sampled_from(
    [
        "[claims.x]\n",
        "[[claims.x.notes]]\n",
        "parent = ",
        "stance = ",
        "weight = ",
        "credence = ",
        '"pro"',
        '"con"',
        "7",
        "-1",
        "0.5",
        "true",
        "[]",
        "{}",
        '{ source = "ai-gap" }',
        "\n",
        "[perspectives.p]\n",
        "weight = { x = 9 }\n",
        "text = ",
        '"t"',
        "=",
        "[",
        "]",
        "#",
        "'''",
        '"""',
        "\\",
        "\x00",
        "\ufeff",
        "1979-05-27T07:32:00Z",
        "[map]\n",
        "tags = [1, 2]\n",
        'links = ["nowhere"]\n',
        "cite = [{ source = 1 }]\n",
        "[claims]\n",
        "claims = 3\n",
        # keys named like pydantic's union branches, ids with dots, numbers Python refuses
        "date = 1\n",
        "str = 1\n",
        "datetime = 1\n",
        "Citation = 1\n",
        '"list[Citation]" = 1\n',
        "[claims.date]\n",
        "[claims.str]\n",
        '[claims."a.b"]\n',
        "cite = { Citation = 1 }\n",
        'cite = "x"\n',
        'at = "2026-11-28"\n',
        "at = 2026-11-28\n",
        HUGE_INTEGER,
        f"weight = {HUGE_INTEGER}\n",
        "weight = 0x" + "f" * 2000 + "\n",
    ]
)


def assert_located(data: str | bytes) -> None:
    try:
        parse_map(data, name="f.toml")
    except MapError as error:
        for problem in error.problems:
            assert problem.file == "f.toml"
            assert problem.line >= 1 and problem.col >= 1, problem
            assert "\n" not in str(problem), problem


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    assert_located(text)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    assert_located(data)


@FUZZ
@given(st.lists(toml_fragments, max_size=25))
def test_toml_shaped_noise(fragments: list[str]) -> None:
    assert_located("".join(fragments))


@FUZZ
@given(st.data())
def test_mutated_default_map(data: st.DataObject) -> None:
    """Delete, duplicate or replace a slice of a real map: mostly still TOML, often invalid."""
    text = SEED_TEXT
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 80)))
        how = data.draw(st.sampled_from(["delete", "duplicate", "replace"]))
        if how == "delete":
            text = text[:start] + text[end:]
        elif how == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + data.draw(toml_fragments) + text[end:]
    assert_located(text)


@settings(
    max_examples=LONG_RUN or 60,
    derandomize=not LONG_RUN,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(argument_maps(), st.data())
def test_mutated_generated_maps(argmap, data: st.DataObject) -> None:
    lines = dump_map(argmap).splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(toml_fragments)
    assert_located("".join(lines))


# Keys anywhere in a map: every table's own keys, the names pydantic gives union branches, and
# quoted keys with dots and brackets. Whatever the key, the problem names it where it is.
odd_keys = st.sampled_from(
    [
        "date",
        "str",
        "datetime",
        "Citation",
        "list[Citation]",
        "a.b",
        "r",
        "map",
        "claims",
        "text",
        "cite",
        "notes",
        "source",
        "0",
        "",
    ]
) | st.text(alphabet=string.ascii_letters + ".[]-_ ", min_size=1, max_size=12)
scalars = st.sampled_from(
    ["1", '"x"', "true", "2026-11-28", "[]", "{}", HUGE_INTEGER, "0x" + "f" * 2000]
)
PLACES = (
    '{key} = {value}\n[claims.r]\ntext = "R"\n',
    '[map]\n{key} = {value}\n[claims.r]\ntext = "R"\n',
    '[claims.r]\ntext = "R"\n{key} = {value}\n',
    "[claims.{key}]\ntext = {value}\n",
    '[claims.r]\ntext = "R"\ncite = {{ {key} = {value} }}\n',
    '[claims.r]\ntext = "R"\n[[claims.r.notes]]\ntext = "n"\n{key} = {value}\n',
    '[sources.{key}]\ntitle = {value}\n[claims.r]\ntext = "R"\n',
    '[perspectives.p]\nweight = {{ {key} = {value} }}\n[claims.r]\ntext = "R"\n',
)


def toml_key(key: str) -> str:
    bare = key and all(char.isalnum() or char in "-_" for char in key)
    return key if bare else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


@FUZZ
@given(st.sampled_from(PLACES), odd_keys, scalars)
def test_odd_keys_and_values_in_every_place(place: str, key: str, value: str) -> None:
    text = place.format(key=toml_key(key), value=value)
    assert_located(text)
    try:
        parse_map(text, name="f.toml")
    except MapError as error:
        for problem in error.problems:
            if "unknown key" in problem.message:  # the key named is the key written
                assert problem.message.startswith(f"unknown key {key!r}"), (text, problem)
