"""What makes ``debate import`` fast changes nothing it writes (issue 13).

- The readers build the map as TOML data; ``debate import`` writes that data. The data is
  exactly what the model's own dump gives, and the text written from it reads back as the
  map the model validates (hypothesis over generated, default and hostile maps, through
  every format).
- ``debate import`` writes that data once the model has accepted it, importing nothing else
  heavy.
- The Argdown scan takes plain lines whole (JSON data blocks decoded at once) and runs of
  ``[`` and unclosed ``{`` at once; with those shortcuts off it reads every character one by
  one, and both ways give the same map and the same warnings on any text (hypothesis over
  lines made of Argdown's syntax).
- The faster spellings of two patterns match exactly what the plain ones did.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from debate import tomlwriter
from debate.cli import main
from debate.formats import export_map
from debate.formats.readers import ReadError, SourceText, argdown, read_text
from debate.formats.readers.common import Report, normalise_newlines
from debate.model import ArgumentMap
from debate.store import dump_map, map_to_data, parse_map
from tests.formats.conftest import hostile_map
from tests.strategies import argument_maps

PROPERTY = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
FORMATS = ("argdown", "kialo", "aif", "opml", "markdown", "json")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


# ------------------------------------------------------------------ data, model and text


def _read(argmap: ArgumentMap, format_name: str) -> Any:
    exported = export_map(argmap, format_name)
    assert isinstance(exported, str)
    source = SourceText(f"map.{format_name}", normalise_newlines(exported))
    return read_text(source, format_name)


def _same_map_every_way(result: Any) -> None:
    """The data is the model's dump (keys in the same order), the text written from it is
    the text written from the model, and that text loads back as the model."""
    data = result.data
    model = ArgumentMap.model_validate(data)
    dumped = map_to_data(model)
    assert data == dumped
    assert list(data) == list(dumped)
    for claim_id, claim in data["claims"].items():
        assert list(claim) == list(dumped["claims"][claim_id]), claim_id
    assert list(data["claims"]) == [claim_id for claim_id, _ in model.tree().walk()]
    text = tomlwriter.document(data, header="header")
    assert text == dump_map(model, header="header")
    assert parse_map(text).argmap == model == result.argmap


@pytest.mark.parametrize("format_name", FORMATS)
@PROPERTY
@given(argmap=argument_maps())
def test_the_data_written_is_the_models_data(format_name: str, argmap: ArgumentMap) -> None:
    _same_map_every_way(_read(argmap, format_name))


@pytest.mark.parametrize("format_name", FORMATS)
def test_default_and_hostile_maps_write_the_models_data(
    format_name: str, default_map: ArgumentMap
) -> None:
    for argmap in (default_map, hostile_map()):
        _same_map_every_way(_read(argmap, format_name))


def test_a_map_titled_like_the_models_default_leaves_the_title_out() -> None:
    """``Untitled map`` is MapInfo's default, which the model's dump leaves out."""
    result = read_text(SourceText("x.argdown", '===\ntitle: "Untitled map"\n===\n\n[A]: a\n'))
    assert "map" not in result.data
    _same_map_every_way(result)
    with_author = '===\ntitle: "Untitled map"\nauthor: Ann\n===\n\n[A]: a\n'
    result = read_text(SourceText("x.argdown", with_author))
    assert result.data["map"] == {"author": "Ann"}
    _same_map_every_way(result)


def test_a_readers_mistake_is_still_one_line_when_the_model_is_built() -> None:
    """read_text builds the model inside its error handling: a value the model refuses is
    an internal-error line, not a traceback."""
    original = argdown._node

    def broken(*args: Any) -> Any:
        node = original(*args)
        node.weight = 9
        return node

    source = SourceText("x.argdown", "[A]: a\n  + [B]: b\n")
    with mock.patch.object(argdown, "_node", broken), pytest.raises(ReadError) as caught:
        read_text(source)
    assert "internal error in the argdown reader" in str(caught.value)


# ------------------------------------------------------- debate import checks with the model


def test_debate_import_refuses_what_the_model_refuses_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The readers' data is written only once the model has accepted it: a reader's
    mistake (a weight off the scale) is one error line, exit 1, and no file."""
    source = tmp_path / "in.argdown"
    source.write_text("[A]: a\n  + [B]: b\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    original = argdown._node

    def broken(*args: Any) -> Any:
        node = original(*args)
        node.weight = 9
        return node

    with mock.patch.object(argdown, "_node", broken):
        status = main(["import", str(source), "-o", str(out)])
    assert status == 1
    err = capsys.readouterr().err
    assert "internal error in the argdown reader" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_debate_import_imports_no_more_than_it_needs(tmp_path: Path) -> None:
    """A new map is written by the direct writer: no tomlkit, tomli, rich or Textual
    (markdown-it only for Markdown); the models check it."""
    names = ["features.argdown", "discussion.kialo.txt", "corpus.aif.json", "outline.opml"]
    code = (
        "import sys\n"
        "from debate.cli import main\n"
        f"for name in {[str(FIXTURES / name) for name in names]!r}:\n"
        f"    assert main(['import', '-q', '--force', name, '-o', {str(tmp_path / 'o.toml')!r}]) == 0\n"
        "heavy = ('tomlkit', 'tomli', 'rich', 'textual', 'markdown_it')\n"
        "assert not [m for m in sys.modules if m.startswith(heavy)], sorted(sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()


# ------------------------------------------------------------- Argdown's shortcuts change nothing

_JSON_BLOCKS = st.dictionaries(
    st.sampled_from(["weight", "credence", "text", "tags", "x"]),
    st.one_of(st.integers(-2, 9), st.floats(0, 1), st.text("a}{\"' ", max_size=4)),
    max_size=3,
).map(json.dumps)
_PIECES = st.one_of(
    st.sampled_from(
        [
            "a",
            "b c",
            "e.g.",
            ": ",
            ". ",
            "x:",
            "#tag",
            "#(two words)",
            "[B]",
            "[B]: ",
            "[]",
            "[-x]",
            "[c1.2]",
            "<Arg>",
            "<Arg>: ",
            "[l](http://x.org)",
            "@[A]",
            ".->.",
            ":heart:",
            "\\#",
            "\\",
            "//c",
            "/* c */",
            "<!-- c -->",
            "{",
            "}",
            "[",
            "]",
            "[[[",
            "{{{",
            "(",
            ")",
            "\x00",
            "'",
            '"',
            "{'a': 1}",
            "{a: b}",
            '{"a": }',
            "{ \n }",
            '{"text": "x}"}',
            "\t",
            "  ",
            "é",
            "#é",
            "{\n",
            "[a](",
            "#(",
        ]
    ),
    _JSON_BLOCKS,
)
_STARTS = st.sampled_from(
    [
        "",
        "  ",
        "    ",
        "+ ",
        "  - ",
        "<+ ",
        "  _ ",
        "-> ",
        "* ",
        "1. ",
        "(1) ",
        "----",
        "# ",
        "  + ",
    ]
)
_LINES = st.tuples(_STARTS, st.lists(_PIECES, max_size=6)).map(lambda t: t[0] + "".join(t[1]))
_TEXTS = st.tuples(st.lists(_LINES, min_size=1, max_size=8), st.booleans()).map(
    lambda t: "\n".join(t[0]) + ("\n\n[Z]: z\n" if t[1] else "")  # unclosed '{' then read on
)


def _scanned(text: str, fast: bool) -> Any:
    report = Report("x")
    try:
        lines, datas = argdown._scan(text, report, fast)
    except ReadError as error:
        return ("error", error.problems)
    for datum in datas:
        if datum.parsed is not argdown._UNPARSED:  # decoded on the way: as the raw reads
            assert datum.parsed == argdown._yaml(datum.raw)
    return (
        [(line.text, line.number) for line in lines],
        [(datum.raw, datum.line, datum.col) for datum in datas],
        report.warnings,
    )


def _read_whole(text: str, fast: bool) -> Any:
    scan, token_inline = argdown._scan, argdown._token_inline
    with (
        mock.patch.object(argdown, "_scan", lambda text, report: scan(text, report, fast)),
        mock.patch.object(
            argdown, "_token_inline", lambda raw, links: token_inline(raw, links, fast)
        ),
    ):
        try:
            result = argdown.read(SourceText("x.argdown", text))
        except ReadError as error:
            return ("error", error.problems)
    return result.data, result.warnings


@settings(PROPERTY, max_examples=200)
@given(text=_TEXTS)
@example(text="[A]: a {{}\n\n[Z]: z\n")  # an unclosed '{' right before one that closes
@example(text="[A]: [[[a] {{{\n\n[Z]: z\n")
def test_argdown_scan_shortcuts_change_nothing(text: str) -> None:
    assert _scanned(text, fast=True) == _scanned(text, fast=False)


@settings(PROPERTY, max_examples=100)
@given(text=_TEXTS)
def test_argdown_read_with_shortcuts_is_the_same_map(text: str) -> None:
    assert _read_whole(text, fast=True) == _read_whole(text, fast=False)


def test_the_shortcuts_are_taken_on_ordinary_lines() -> None:
    """The plain-line path is what the speed rests on: debate's own export takes it."""
    text = '[c0]: Claim 0: a sentence. #evidence {"credence": 0.41, "cite": [{"source": "s"}]}\n'
    lines, datas = argdown._scan(text * 3, Report("x"))
    assert [line.text for line in lines][:3] == [
        "[c0]: Claim 0: a sentence. #evidence \x000\x00",
        "[c0]: Claim 0: a sentence. #evidence \x001\x00",
        "[c0]: Claim 0: a sentence. #evidence \x002\x00",
    ]
    assert datas[0].parsed == {"credence": 0.41, "cite": [{"source": "s"}]}


# ------------------------------------------------------------------- patterns spelt faster

_OLD_NEEDS_TOKENS = re.compile(rf"[\\\[<@\n]|[.:]\S|\x00\x00|#(?![{argdown._TAG_CHARS}])")


@settings(PROPERTY, max_examples=300)
@given(text=st.text(st.sampled_from("ab .:#\\[<@\n\x00é\U0001f600\ufdd0-_`{ \t"), max_size=12))
def test_the_token_check_decides_as_the_plain_pattern(text: str) -> None:
    assert bool(argdown._NEEDS_TOKENS.search(text)) == bool(_OLD_NEEDS_TOKENS.search(text))


def test_the_tag_character_class_is_the_listed_ranges() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    listed = re.findall(rf"[{argdown._TAG_CHARS}]", everything)
    assert re.findall(argdown._TAG_CHAR, everything) == listed
