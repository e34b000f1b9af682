"""The HTML page holds the map picture beside the outline, and is still written without it.

The browser tests (the page opens with no request and no console message, boxes link to the
outline, the verdict table fits a phone) are in test_consumers.py, with the other consumers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debate.cli import main
from debate.display import visible
from debate.formats import ExportOptions, export_map, html_page
from debate.formats.graphviz import wrap
from debate.model import ArgumentMap
from tests.conftest import DEFAULT_MAP, require_tool
from tests.formats.conftest import export_text
from tests.formats.svg_boxes import svg_boxes

PICTURE = re.compile(r'<div class="picture"[^>]*>(<svg\b.*?</svg>)</div>', re.DOTALL)


def picture(page: str) -> str:
    """The SVG element a page holds (the test fails when it holds none)."""
    found = PICTURE.search(page)
    assert found is not None, "no map picture in the page"
    return found.group(1)


def test_the_page_holds_the_picture_the_svg_export_draws(default_map: ArgumentMap) -> None:
    """The same boxes with the same text as ``-f svg``, each a link to its claim below."""
    require_tool("dot")
    page = export_text(default_map, "html")
    svg = picture(page)
    assert svg_boxes(svg) == svg_boxes(export_text(default_map, "svg"))
    links = re.findall(r'<a xlink:href="#claim-([^"]+)"', svg)
    assert sorted(links) == sorted(default_map.claims)
    assert all(f'id="claim-{claim}"' in page for claim in links)
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page and "<!--" not in svg
    # Before the outline, after the verdict and "What decides it".
    assert page.index('id="crux"') < page.index('id="map"') < page.index('class="tree"')


def test_the_picture_honours_root_and_depth_like_the_outline(default_map: ArgumentMap) -> None:
    require_tool("dot")
    page = export_text(default_map, "html", root="catch-up-what", depth=1)
    outline = re.findall(r'<li class="claim [a-z]+" id="claim-([^"]+)"', page)
    assert set(svg_boxes(picture(page))) == set(outline) and len(outline) == 6


def test_hostile_text_in_the_picture_is_escaped_text(hostile: ArgumentMap) -> None:
    """Graphviz's own escaping: the page's picture parses as XML and shows each claim's text
    as written; nothing in it is markup (no element but Graphviz's own)."""
    require_tool("dot")
    page = export_text(hostile, "html")
    svg = picture(page)
    boxes = svg_boxes(svg)
    assert set(boxes) == set(hostile.claims)
    for claim_id, claim in hostile.claims.items():
        lines = [visible(line) for line in wrap(claim.text) if line]
        assert [line.replace("\xa0", " ") for line in boxes[claim_id][1 : 1 + len(lines)]] == lines
    elements = set(re.findall(r"<([a-zA-Z]+)\b", svg))
    assert elements <= {"svg", "g", "title", "polygon", "path", "text", "a", "polyline", "ellipse"}
    assert page.count("<script") == 1


def test_without_graphviz_the_page_is_written_and_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "page.html"
    assert main(["export", str(DEFAULT_MAP), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "without its map picture" in err and "Graphviz" in err
    page = out.read_text(encoding="utf-8")
    assert "<svg" not in page and 'id="map"' not in page
    assert 'id="crux"' in page and page.count('<li class="claim') == 41


def test_a_map_too_big_to_draw_in_a_page_has_no_picture(
    default_map: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(html_page, "PICTURE_LIMIT", 40)
    page = str(export_map(default_map, "html", ExportOptions(notice=heard.append)))
    assert "<svg" not in page
    assert heard == [
        "the HTML page is written without its map picture: 41 claims are more than it draws "
        "(40; -f svg draws any size)"
    ]
    require_tool("dot")
    page = str(export_map(default_map, "html", ExportOptions(notice=heard.append, depth=1)))
    assert "<svg" in page and len(heard) == 1  # 17 claims: drawn


def test_the_verdict_table_puts_each_claim_above_its_strengths(default_map: ArgumentMap) -> None:
    """One column per reading and the claim on its own row: the table is as narrow as its
    numbers (browser check at 390 px in test_consumers.py)."""
    page = export_text(default_map, "html")
    table = page[page.index('<table class="verdicts">') : page.index("</table>")]
    assert re.findall(r'<th scope="col" class="num">([^<]+)</th>', table) == [
        "base",
        "optimist",
        "sceptic",
        "benchmarks-only",
    ]
    groups = re.findall(r"<tbody>\n(.*?)\n(.*?)\n</tbody>", table)
    assert len(groups) == 3
    claim, numbers = groups[0]
    assert claim.startswith('<tr><th scope="rowgroup" colspan="4" class="claim"><a href="#claim-')
    assert re.fullmatch(r'<tr>(<td class="num">(&lt;)?[01]\.\d\d</td>){4}</tr>', numbers)
