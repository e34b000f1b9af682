"""The direct TOML writer: whatever it writes, tomli reads back as exactly the value given."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from debate import tomlwriter
from debate.display import UNSAFE

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True)

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
scalars = st.one_of(
    any_text,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)


@PROPERTY
@given(any_text)
def test_any_string_reads_back(text: str) -> None:
    written = tomlwriter.string(text)
    assert tomli.loads(f"x = {written}")["x"] == text
    assert "\n" not in written and not UNSAFE.search(written)


@PROPERTY
@given(any_text, values, st.booleans())
def test_any_key_and_value_read_back(name: str, item: object, spaced: bool) -> None:
    style = tomlwriter.Style(spaced=spaced)
    written = f"{tomlwriter.key(name)} = {tomlwriter.value(item, style)}\n"
    assert tomli.loads(written) == {name: item}


@PROPERTY
@given(
    st.dictionaries(any_text, values, max_size=4),
    st.lists(st.dictionaries(any_text, scalars, min_size=1, max_size=3), max_size=3),
)
def test_tables_and_arrays_of_tables_read_back(values_: dict, notes: list) -> None:
    entry = {**{k: v for k, v in values_.items() if k != "notes"}, "notes": notes}
    if not notes:
        del entry["notes"]
    written = tomlwriter.entity("claims", "a b", entry)
    assert tomli.loads(written) == {"claims": {"a b": entry}}


def test_special_floats_and_offsets() -> None:
    for number in (float("inf"), float("-inf"), 1e300, 5e-324, -0.0, 0.1):
        assert tomli.loads(f"x = {tomlwriter.value(number)}")["x"] == number
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))
    assert tomli.loads(f"x = {tomlwriter.value(moment)}")["x"] == moment
    assert tomlwriter.value(datetime(2026, 1, 2, tzinfo=UTC)) == "2026-01-02T00:00:00Z"
    assert tomlwriter.value(date(2026, 1, 2)) == "2026-01-02"
    assert tomlwriter.value(time(9, 30)) == "09:30:00"


def test_inline_tables_follow_the_files_style() -> None:
    table = {"source": "s", "quote": "q"}
    assert tomlwriter.value(table) == '{ source = "s", quote = "q" }'
    tight = tomlwriter.style_of('[claims.a]\ncite = {source = "s"}\n')
    assert tomlwriter.value(table, tight) == '{source = "s", quote = "q"}'
    assert tomlwriter.style_of('[claims.a]\ncite = { source = "s" }\n').spaced
    assert tomlwriter.style_of("[claims.a]\n").spaced


def test_a_key_ending_in_a_newline_is_quoted() -> None:
    """``$`` matches before a final newline: a bare-key check with it wrote ``a\\n = 1``."""
    for name in ("a\n", "a-b_1\n", "\n"):
        assert tomli.loads(f"{tomlwriter.key(name)} = 1\n") == {name: 1}
    assert tomlwriter.key("a-b_1") == "a-b_1"


@PROPERTY
@given(any_text)
def test_any_header_is_a_comment_tomli_reads(header: str) -> None:
    """A header is a comment, and a TOML comment takes no control character but tab: one
    there (an ESC, a DEL) made the whole document unreadable."""
    document = tomlwriter.document({"map": {"title": "t"}}, header=header)
    assert tomli.loads(document) == {"map": {"title": "t"}}


def test_a_header_with_an_escape_is_shown_not_written_raw() -> None:
    document = tomlwriter.document({"map": {"title": "t"}}, header="from a\x1bb\x7f")
    assert "\x1b" not in document and "\x7f" not in document
    assert tomli.loads(document) == {"map": {"title": "t"}}
