"""No export writes a control character, bidi override or Unicode line separator raw.

Every character of :data:`debate.display.UNSAFE_CHARACTERS` is put into every field a user
can write (title, description, author, claim text, holder, tags, quotes, locators, notes,
sources, perspective descriptions), and each format's output must hold none of them raw: the
data formats carry them as escapes (JSON ``\\u``, XML character references) and read back
exactly, the rest show stand-ins (``\\x1b``, ``\\u202e``). The only exceptions are a format's
own structure: the newlines every text format has, and CSV's CRLF row ends.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.cli import main
from debate.display import UNSAFE, UNSAFE_CHARACTERS, visible
from debate.formats import ExportOptions, export_map, formats
from debate.model import ArgumentMap, Citation, Claim, MapInfo, Note, Perspective, Source
from debate.store import dump_map
from tests.conftest import require_tool
from tests.formats.conftest import xml_text
from tests.strategies import argument_maps

EVERY_UNSAFE = "".join(
    chr(code) for first, last, _ in UNSAFE_CHARACTERS for code in range(first, last + 1)
)
OSC_TITLE = "\x1b]0;owned title\x07\x1b[2J\x9b31m"
"""Sets the terminal's title, clears the screen, and a C1 CSI: what the break-in test used."""
TEXT = f"one {EVERY_UNSAFE} two {OSC_TITLE} \u202eevil\u202c three\u2028four\x85five"

TEXT_FORMATS = [codec.name for codec in formats() if not codec.binary and codec.name != "svg"]

unsafe_texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(EVERY_UNSAFE),
        st.sampled_from(list("ab :#[]{}()<>&\"'\\*-=\n\t")),
        st.characters(exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=24,
)


def every_field(text: str) -> ArgumentMap:
    """A map with ``text`` in every field a user writes (tags twice: alone and in words)."""
    source = Source(
        title=text,
        author=text,
        publisher=text,
        date=text,
        url="https://example.invalid/" + text,
        note=text,
    )
    claims = {
        "root": Claim(
            text=text,
            by=text,
            tags=[text, f"tag {text}", OSC_TITLE],
            cite=Citation(source="src", quote=text, locator=text),
            notes=[Note(text=text, by=text)],
            links=["child"],
        ),
        "child": Claim(
            parent="root",
            stance="con",
            text=text,
            by=text,
            tags=[text],
            cite=[Citation(source="src", quote=text), Citation(source="file", quote=text)],
            notes=[Note(text=text)],
        ),
        "part": Claim(parent="root", stance="part", text=text, tags=["plain"]),
    }
    return ArgumentMap(
        map=MapInfo(title=text, description=text, author=text),
        sources={"src": source, "file": Source(title=text, path=text)},
        claims=claims,
        perspectives={"odd": Perspective(description=text, weight={"child": 4})},
    )


def raw_unsafe(output: str, format_name: str) -> list[str]:
    """The unsafe characters ``output`` holds raw, beyond the format's own structure."""
    if format_name == "csv":
        output = output.replace("\r\n", "\n")  # RFC 4180 row ends
    return UNSAFE.findall(output)


@pytest.mark.parametrize("format_name", TEXT_FORMATS)
def test_no_text_format_writes_an_unsafe_character_raw(format_name: str) -> None:
    argmap = every_field(TEXT)
    for options in (ExportOptions(), ExportOptions(perspective="odd", root="root", depth=0)):
        output = export_map(argmap, format_name, options)
        assert isinstance(output, str)
        assert raw_unsafe(output, format_name) == [], format_name


def test_graphviz_drawing_shows_stand_ins() -> None:
    require_tool("dot")
    svg = export_map(every_field(TEXT), "svg")
    assert isinstance(svg, str)
    assert raw_unsafe(svg, "svg") == []
    assert "\\u202eevil" in svg


def test_data_formats_carry_every_unsafe_character_exactly() -> None:
    """JSON and AIF keep the text itself (as escapes); OPML all that XML 1.0 can hold."""
    argmap = every_field(TEXT)
    data = json.loads(str(export_map(argmap, "json")))
    assert data["map"]["title"] == TEXT
    assert {claim["text"] for claim in data["claims"]} == {TEXT}
    assert data["claims"][0]["tags"] == [TEXT, f"tag {TEXT}", OSC_TITLE]
    assert data["sources"]["src"]["url"] == "https://example.invalid/" + TEXT
    aif = json.loads(str(export_map(argmap, "aif")))
    assert {node["text"] for node in aif["nodes"] if node["type"] == "I"} == {TEXT}
    outline = ElementTree.fromstring(str(export_map(argmap, "opml")).encode())
    assert {node.get("text") for node in outline.iter("outline")} == {xml_text(TEXT)}
    assert "\u202e" in xml_text(TEXT) and "\x85" in xml_text(TEXT)  # carried, not shown


def test_reports_show_stand_ins() -> None:
    """What a person reads shows the characters visibly, as the app does."""
    argmap = every_field(TEXT)
    shown = visible(TEXT)
    assert "\\u202eevil\\u202c" in shown and "\\x1b]0;owned title\\x07" in shown
    html = str(export_map(argmap, "html"))
    assert "\\u202eevil\\u202c" in html and "\\x1b]0;owned title\\x07" in html
    kialo = str(export_map(argmap, "kialo"))
    assert "\\u202eevil\\u202c" in kialo


def test_argdown_tags_never_carry_terminal_escapes(tmp_path: Path, capfd) -> None:
    """The break-in test's case: a tag that sets the terminal title, printed to stdout."""
    path = tmp_path / "map.toml"
    argmap = ArgumentMap(
        map=MapInfo(title="t"), claims={"a": Claim(text="a claim", tags=[OSC_TITLE, "ok"])}
    )
    path.write_text(dump_map(argmap), encoding="utf-8")
    assert main(["export", str(path), "-f", "argdown"]) == 0
    out = capfd.readouterr().out
    assert UNSAFE.findall(out) == []
    assert "#ok" in out and '"tags": ["\\u001b]0;owned title\\u0007' in out


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(argmap=argument_maps(max_claims=6, text=unsafe_texts))
def test_generated_maps_never_export_an_unsafe_character_raw(argmap: ArgumentMap) -> None:
    for format_name in TEXT_FORMATS:
        output = export_map(argmap, format_name)
        assert isinstance(output, str)
        assert raw_unsafe(output, format_name) == [], format_name
    data = json.loads(str(export_map(argmap, "json")))
    assert [claim["text"] for claim in data["claims"]] == [
        argmap.claims[claim_id].text for claim_id, _ in argmap.tree().walk()
    ]
