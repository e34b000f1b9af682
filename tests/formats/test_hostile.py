"""Hostile claim text stays text in every format: proven by parsing each export back.

The map (tests/formats/conftest.py) puts script tags, quotes, backslashes, newlines, ``"]``,
``-->``, Mermaid/DOT/Markdown/rich syntax and terminal escapes into claim texts, holders,
tags, quotes, notes, the title and a source. For each format a parser reads the output and
we check that it finds exactly the claims we wrote, with their text as written (or as the
format documents it must be changed: control characters shown as ``\\xNN``, line breaks
flattened where the format has no line breaks).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from debate.display import one_line, visible
from debate.formats.csv_table import COLUMNS, FORMULA_STARTS
from debate.formats.graphviz import wrap
from debate.formats.kialo import claim_text, line_text
from debate.model import ArgumentMap, Claim
from tests.conftest import require_tool
from tests.formats.conftest import export, export_text, xml_text


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_json_keeps_every_text_exactly(hostile: ArgumentMap) -> None:
    data = json.loads(export_text(hostile, "json"))
    assert data["map"]["title"] == hostile.map.title
    texts = {claim["id"]: claim for claim in data["claims"]}
    for claim_id, claim in hostile.claims.items():
        assert texts[claim_id]["text"] == claim.text
        assert texts[claim_id]["by"] == claim.by
        assert texts[claim_id]["tags"] == claim.tags
        assert [note["text"] for note in texts[claim_id]["notes"]] == [n.text for n in claim.notes]


def test_csv_reads_back_one_row_per_claim_and_never_a_formula(hostile: ArgumentMap) -> None:
    rows = list(csv.reader(io.StringIO(export_text(hostile, "csv"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    by_id = {row[1]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert set(by_id) == set(hostile.claims)
    for claim_id, claim in hostile.claims.items():
        text = by_id[claim_id]["text"]
        for column in ("text", "by", "tags", "quotes", "notes"):
            assert not by_id[claim_id][column].startswith(FORMULA_STARTS)
        if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
            text = text[1:]
        assert text == visible(claim.text)
        assert "\x1b" not in by_id[claim_id]["by"]


def test_opml_attributes_parse_back_to_the_claim_texts(hostile: ArgumentMap) -> None:
    root = ElementTree.fromstring(export_text(hostile, "opml").encode())
    outlines = {node.get("claimId"): node for node in root.iter("outline")}
    assert set(outlines) == set(hostile.claims)
    assert root.findtext("head/title") == xml_text(hostile.map.title)
    for claim_id, claim in hostile.claims.items():
        assert outlines[claim_id].get("text") == xml_text(claim.text)
    # Nesting follows the tree.
    children = [node.get("claimId") for node in outlines["root"].findall("outline")]
    assert children == [f"h{index}" for index in range(6)]


def test_aif_has_one_i_node_per_claim_and_the_right_schemes(hostile: ArgumentMap) -> None:
    data = json.loads(export_text(hostile, "aif"))
    i_nodes = [node["text"] for node in data["nodes"] if node["type"] == "I"]
    assert sorted(i_nodes) == sorted(claim.text for claim in hostile.claims.values())
    kinds = [node["type"] for node in data["nodes"]]
    stances = [claim.stance for claim in hostile.claims.values()]
    assert kinds.count("CA") == stances.count("con")
    parents_with_parts = {c.parent for c in hostile.claims.values() if c.stance == "part"}
    assert kinds.count("RA") == stances.count("pro") + len(parents_with_parts)


class _TextCollector(HTMLParser):
    """Collects the text of every element with class ``text`` inside a claim's summary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: list[str] = []
        self.scripts = 0
        self.claims: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "li" and "claim" in (values.get("class") or "").split():
            self.claims.append(values.get("data-id") or "")
        self.stack.append((tag, values.get("class") or ""))
        if tag == "span" and values.get("class") == "text" and self._in("summary"):
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == ("span", "text") and self._in("summary"):
            self.texts[-1] += data

    def _in(self, tag: str) -> bool:
        return any(open_tag == tag for open_tag, _ in self.stack)


def test_html_shows_each_text_literally_and_runs_only_its_own_script(
    hostile: ArgumentMap,
) -> None:
    page = export_text(hostile, "html")
    parser = _TextCollector()
    parser.feed(page)
    parser.close()
    assert parser.scripts == 1
    assert parser.claims == _tree_order(hostile)
    ordered = [hostile.claims[claim_id].text for claim_id in parser.claims]
    assert parser.texts == [visible(text) for text in ordered]


def test_markdown_renders_every_text_as_text(hostile: ArgumentMap) -> None:
    source = export_text(hostile, "markdown")
    rendered = MarkdownIt("commonmark").enable("table").render(source)
    assert "<script" not in rendered and "<b>" not in rendered and "<h1>" in rendered
    assert rendered.count("<h1>") == 1  # the title only: no claim became a heading
    plain = _flat(re.sub(r"<[^>]+>", " ", rendered))
    from html import unescape

    plain = _flat(unescape(plain))
    for claim in hostile.claims.values():
        assert _flat(visible(claim.text)) in plain, claim.text
    # One list item per claim line: the claim texts made no list items of their own.
    items = re.findall(r"<li>\s*<strong>([\d.]+)</strong>", rendered)
    assert len(items) == len(hostile.claims)


def _dot_unescape(value: str) -> list[str]:
    """A DOT label's lines as Graphviz draws them: escapes undone, entities decoded."""
    return [html.unescape(line) for line in _dot_lines(value)]


def _dot_lines(value: str) -> list[str]:
    lines, current, index = [], "", 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            if following == "n":
                lines.append(current)
                current = ""
            else:
                current += following
            index += 2
            continue
        current += char
        index += 1
    return [*lines, current]


def test_dot_labels_read_back_through_graphviz(hostile: ArgumentMap) -> None:
    dot = require_tool("dot")
    result = subprocess.run(
        [dot, "-Tjson"], input=export_text(hostile, "dot"), capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == ""
    objects = {item["name"]: item for item in json.loads(result.stdout)["objects"]}
    assert set(objects) == set(hostile.claims)
    for claim_id, claim in hostile.claims.items():
        lines = _dot_unescape(objects[claim_id]["label"])
        text = [visible(line) for line in wrap(claim.text)]
        assert lines[1 : 1 + len(text)] == text
    edges = json.loads(result.stdout)["edges"]
    stance_edges = [edge for edge in edges if edge.get("style") != "dotted"]
    assert len(stance_edges) == len(hostile.claims) - 1


def test_dot_labels_longer_than_graphviz_can_scan_are_concatenated() -> None:
    """Graphviz rejects a quoted string over 16 KiB (a claim 8,000 levels deep has a path
    number that long): long labels are written as DOT concatenations and read back whole."""
    dot = require_tool("dot")
    text = 'é\\ "q" \\n ☃☃☃☃ ' * 1500
    argmap = ArgumentMap(claims={"long": Claim(text=text), "kid": Claim(parent="long", text="k")})
    source = export_text(argmap, "dot")
    assert max(map(len, source.encode("utf-8").split(b"\n"))) < 16_384
    result = subprocess.run([dot, "-Tjson"], input=source, capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr[:200]
    objects = {item["name"]: item for item in json.loads(result.stdout)["objects"]}
    assert _dot_unescape(objects["long"]["label"])[1:] == wrap(text)


@pytest.mark.parametrize("shift", [0, 1, 2, 3])
def test_dot_concatenation_never_splits_an_escape(shift: int) -> None:
    from debate.formats.graphviz import MAX_QUOTED, quote

    text = "a" * (MAX_QUOTED - 3 - shift) + '\\"\\' + "b" * MAX_QUOTED
    pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', quote(text))
    assert len(pieces) > 1 and all(len(piece) <= MAX_QUOTED for piece in pieces)
    assert "".join(_dot_lines("".join(pieces))) == text


def test_graphviz_svg_is_well_formed_xml_with_the_texts(hostile: ArgumentMap) -> None:
    require_tool("dot")
    svg = export_text(hostile, "svg")
    root = ElementTree.fromstring(svg.encode())
    text = " ".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<script>alert('x')</script>" in text
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))


def _mermaid_decode(label: str) -> list[str]:
    return [re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), part) for part in label.split("\n")]


def test_mermaid_labels_hold_no_syntax_and_decode_back(hostile: ArgumentMap) -> None:
    source = export_text(hostile, "mermaid")
    nodes = re.findall(r'^  (c\d+)\["([^"]*)"\]$', source, flags=re.MULTILINE)
    assert len(nodes) == len(hostile.claims)
    ids = dict(re.findall(r"^  %% (c\d+): (\S+)$", source, flags=re.MULTILINE))
    for node, label in nodes:
        assert not set(label) & set('"<>[]{}|`#&;') - {"#", ";", "<", ">"}
        assert "-->" not in label and "%%" not in label
        claim = hostile.claims[ids[node]]
        decoded = _mermaid_decode(label)
        assert decoded[1:-1] == visible(claim.text).split("\n")
    # With the node definitions (multi-line labels) taken out, every line is a known statement.
    rest = re.sub(r'^  c\d+\["[^"]*"\]$', "  NODE", source, flags=re.MULTILINE)
    body_lines = [line for line in rest.splitlines()[4:] if line.strip()]
    statement = re.compile(
        r'^  (%% c\d+: \S+|NODE|c\d+ (-->|--x|==>)\|"\w+ w\d"\| c\d+|c\d+ -\.- c\d+|'
        r"linkStyle [\d,]+ \S+|classDef \w+ \S+|class [c\d,]+ \w+)$"
    )
    assert all(statement.match(line) for line in body_lines), [
        line for line in body_lines if not statement.match(line)
    ]


def test_kialo_lines_parse_back_one_claim_per_line(hostile: ArgumentMap) -> None:
    lines = export_text(hostile, "kialo").removesuffix("\n").split("\n")  # \u2028 splits nothing
    assert lines[0] == f"Discussion Title: {line_text(hostile.map.title)}" and lines[1] == ""
    pattern = re.compile(r"^(\d+(?:\.\d+)*)\. (?:(Pro|Con): )?(.*)$", re.S)
    items: list[str] = []
    for line in lines[2:]:  # a claim's further lines start with no number (escaped if they would)
        if pattern.match(line) or not items:
            items.append(line)
        else:
            items[-1] += "\n" + line
    parsed = [pattern.match(item) for item in items]
    assert all(parsed)
    claims = [match for match in parsed if match and not match.group(3).startswith("-> See ")]
    links = [match for match in parsed if match and match.group(3).startswith("-> See ")]
    assert [match.group(3) for match in claims] == [
        claim_text(hostile.claims[claim_id].text) for claim_id in _tree_order(hostile)
    ]
    by_id = hostile.claims  # links to a claim's own parent or child add nothing: not written
    assert len(links) == sum(
        1
        for claim_id, claim in by_id.items()
        for target in claim.links
        if target != claim.parent and by_id[target].parent != claim_id
    )
    numbers = {match.group(1) for match in parsed if match}
    for link in links:
        assert re.fullmatch(r"-> See ([\d.]+)\.", link.group(3)).group(1) in numbers  # type: ignore[union-attr]


def _tree_order(argmap: ArgumentMap) -> list[str]:
    return [claim_id for claim_id, _ in argmap.tree().walk()]


def test_terminal_svg_is_well_formed_and_shows_markup_literally(hostile: ArgumentMap) -> None:
    svg = export_text(hostile, "terminal-svg")
    root = ElementTree.fromstring(svg.encode())
    assert "https://" not in re.sub(r"<!--.*?-->", "", svg)
    shown = "".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}text"))
    squashed = re.sub(r"[\s\u00a0│├└─┬]+", "", shown)
    for claim in hostile.claims.values():
        assert re.sub(r"\s+", "", one_line(claim.text)) in squashed
    assert "\x1b" not in svg


@pytest.mark.parametrize("name", ["png", "pdf"])
def test_binary_drawings_are_real_files(name: str, hostile: ArgumentMap) -> None:
    require_tool("dot")
    data = export(hostile, name)
    assert isinstance(data, bytes)
    assert data.startswith(b"\x89PNG\r\n\x1a\n" if name == "png" else b"%PDF-")
