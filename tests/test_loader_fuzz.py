"""The loader never fails with anything but MapError, and every problem has a location."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.errors import MapError
from debate.store import dump_map, parse_map

from .conftest import DEFAULT_MAP
from .strategies import argument_maps

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps(), st.data())
def test_mutated_generated_maps(argmap, data: st.DataObject) -> None:
    lines = dump_map(argmap).splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(toml_fragments)
    assert_located("".join(lines))
