"""Readers never crash: any text, any cut or mangled file gives a valid map (with warnings)
or one clear ReadError, never a traceback and never an invalid map."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.formats.readers import READERS, ReadError, SourceText, read_bytes, read_text
from debate.model import check_structure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
SAMPLES = {
    "argdown": FIXTURES / "features.argdown",
    "kialo": FIXTURES / "discussion.kialo.txt",
    "aif": FIXTURES / "corpus.aif.json",
    "opml": FIXTURES / "outline.opml",
    "markdown": FIXTURES / "outline.md",
    "json": FIXTURES / "export.json",
}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text made of the characters each format gives meaning to, so the fuzzing hits syntax.
syntax = st.lists(
    st.sampled_from(
        [
            *"[]<>(){}:+-_#*/\\\"'=,.!?@&;`|~\n\n\n  \t\r",
            *["1.", "(1)", "----", "=== ", "<!--", "Pro: ", "Con: ", "-> See 1.", "é", "東"],
            *["\ufeff", "\x00", "\x85", "\u2028", "word", "[T]: ", "<A>: ", "{a: 1}"],
        ]
    ),
    max_size=120,
).map("".join)


def check(source: SourceText, format_name: str) -> None:
    try:
        result = read_text(source, format_name)
    except ReadError as error:
        assert "internal error" not in str(error)
        assert all(problem.message for problem in error.problems)
        assert all(problem.line >= 1 and problem.col >= 1 for problem in error.problems), error
        return
    errors = [issue for issue in check_structure(result.argmap) if issue.severity == "error"]
    assert errors == []
    assert all(p.severity == "warning" for p in result.warnings)


@pytest.mark.parametrize("format_name", list(READERS))
@SETTINGS
@given(text=st.one_of(syntax, st.text(max_size=200)))
def test_any_text(format_name: str, text: str) -> None:
    check(SourceText("fuzz", text), format_name)


@pytest.mark.parametrize("format_name", list(READERS))
@SETTINGS
@given(data=st.data())
def test_cut_and_mangled_files(format_name: str, data: st.DataObject) -> None:
    text = SAMPLES[format_name].read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    insert = data.draw(syntax)
    for mangled in (text[:start], text[:start] + text[end:], text[:start] + insert + text[start:]):
        check(SourceText("mangled", mangled), format_name)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_with_detection(data: bytes) -> None:
    try:
        result = read_bytes(data, "fuzz.bin")
    except ReadError as error:
        assert "internal error" not in str(error)
    else:
        assert result.argmap.claims


def test_a_very_deep_outline_is_read_or_refused_cleanly() -> None:
    deep = "".join("  " * level + "- level\n" for level in range(3000))
    check(SourceText("deep.md", deep), "markdown")
    deep_opml = (
        "<opml><body>" + "<outline text='x'>" * 3000 + "</outline>" * 3000 + "</body></opml>"
    )
    check(SourceText("deep.opml", deep_opml), "opml")
    kialo = "1. root\n" + "".join(
        ".".join(["1"] * (level + 1)) + ". Pro: x\n" for level in range(1, 2000)
    )
    assert len(read_text(SourceText("deep.txt", kialo), "kialo").argmap.claims) == 2000


LONE_SURROGATES = [
    ("argdown", '[A]: main {"by": "n\\ud800"}\n', "1:20"),
    ("argdown", '===\ntitle: "T\\ud800"\n===\n[A]: main\n', "2:10"),
    ("argdown", '[A]: main {"text": "x\\udc00"}\n', "1:22"),
    ("argdown", '[A]: main {tags: ["n\\ud800"]}\n', "1:21"),
    (
        "aif",
        '{"nodes":[{"nodeID":"1","text":"a","type":"I","timestamp":"2020\\ud800"}],"edges":[]}',
        "1:64",
    ),
    ("aif", '{"nodes":[{"nodeID":"1","text":"a\\udfff","type":"I"}],"edges":[]}', "1:34"),
]


@pytest.mark.parametrize(("format_name", "text", "place"), LONE_SURROGATES)
def test_a_lone_surrogate_escape_is_one_located_error(
    format_name: str, text: str, place: str
) -> None:
    """JSON and YAML can escape a lone surrogate, which no UTF-8 file or terminal takes:
    every reader refuses it where it is written, never an internal error or a traceback
    when the map is written or a warning printed."""
    with pytest.raises(ReadError) as caught:
        read_text(SourceText(f"x.{format_name}", text), format_name)
    (problem,) = caught.value.problems
    assert f"x.{format_name}:{place}: a lone surrogate" in str(problem)
    assert "internal error" not in str(problem)
