"""Properties over generated maps: every format exports any valid map, and readers agree."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.display import visible
from debate.formats import FORMATS, ExportOptions, export_map
from debate.model import ArgumentMap
from tests.strategies import argument_maps

TEXT_FORMATS = [name for name, info in FORMATS.items() if name not in ("svg", "png", "pdf")]


class _Strict(HTMLParser):
    """Counts claims and checks every tag we open is closed in order."""

    VOID = {"meta", "input", "br", "hr", "img", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.claims = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li" and "claim" in (dict(attrs).get("class") or ""):
            self.claims += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, (tag, self.stack[-3:])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argmap=argument_maps(), depth=st.none() | st.integers(0, 2), data=st.data())
def test_every_format_exports_any_map_and_parses_back(
    argmap: ArgumentMap, depth: int | None, data: st.DataObject
) -> None:
    root = data.draw(st.none() | st.sampled_from(list(argmap.claims)))
    options = ExportOptions(depth=depth, root=root)
    outputs = {name: export_map(argmap, name, options) for name in TEXT_FORMATS}
    assert all(isinstance(output, str) and output for output in outputs.values())
    exported = json.loads(str(outputs["json"]))["claims"]
    count = len(exported)

    rows = list(csv.reader(io.StringIO(str(outputs["csv"]), newline="")))
    assert len(rows) == count + 1
    for row, claim in zip(rows[1:], exported, strict=True):
        text = row[5][1:] if row[5].startswith("'") else row[5]
        assert text in (visible(claim["text"]), visible(claim["text"])[1:])

    outline = ElementTree.fromstring(str(outputs["opml"]).encode())
    assert [node.get("claimId") for node in outline.iter("outline")] == [c["id"] for c in exported]

    aif = json.loads(str(outputs["aif"]))
    assert sum(node["type"] == "I" for node in aif["nodes"]) == count

    page = _Strict()
    page.feed(str(outputs["html"]))
    page.close()
    assert page.claims == count and page.stack == []

    ElementTree.fromstring(str(outputs["terminal-svg"]).encode())
    # Claims start with their number; a claim's further lines do not (escaped where they would).
    kialo = [line for line in str(outputs["kialo"]).split("\n") if re.match(r"\d[\d.]*\. ", line)]
    links = [line for line in kialo if re.fullmatch(r"[\d.]+\. Pro: -> See [\d.]+\.", line)]
    assert len(kialo) - len(links) == count


@settings(max_examples=10, deadline=None)
@given(argmap=argument_maps())
def test_progress_reporting_never_changes_the_output(argmap: ArgumentMap) -> None:
    seen: list[tuple[int, int]] = []
    for name in ("html", "json", "markdown"):
        plain = export_map(argmap, name, ExportOptions())
        reported = export_map(
            argmap, name, ExportOptions(progress=lambda done, total: seen.append((done, total)))
        )
        assert plain == reported
    assert seen and seen[-1][0] == seen[-1][1] == len(argmap.claims)


def test_a_deep_chain_exports_in_every_format_without_recursion() -> None:
    """1,500 levels (Python's recursion limit is 1,000): every writer walks iteratively."""
    from debate.model import Claim

    claims = {"c0": Claim(text="root")}
    for index in range(1, 1500):
        stance = ("pro", "con", "part")[index % 3]
        claims[f"c{index}"] = Claim(parent=f"c{index - 1}", stance=stance, text=f"claim {index}")
    argmap = ArgumentMap(claims=claims)
    outputs = {name: str(export_map(argmap, name)) for name in TEXT_FORMATS}
    assert len(json.loads(outputs["json"])["claims"]) == 1500
    assert outputs["kialo"].splitlines()[-1].startswith("1" + ".1" * 1499 + ". ")
    deepest = ElementTree.fromstring(outputs["opml"].encode())
    assert len(list(deepest.iter("outline"))) == 1500
    page = _Strict()
    page.feed(outputs["html"])
    assert page.claims == 1500 and page.stack == []
