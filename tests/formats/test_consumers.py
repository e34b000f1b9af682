"""The real consumers read our exports: Graphviz's dot, the Argdown CLI, headless Chromium.

Each tool is found with ``require_tool`` (skipped locally when missing, a failure under CI),
and each test runs the tool once over several exports to stay fast.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from debate.display import visible
from debate.formats.argdown import tag
from debate.model import ArgumentMap
from tests.conftest import require_tool
from tests.formats.conftest import ARGDOWN, CHROMIUM, MERMAID, export_text, hostile_map
from tests.formats.test_unsafe_text import TEXT, every_field
from tests.strategies import argument_maps

VARIANTS: dict[str, dict[str, object]] = {
    "full": {},
    "sceptic-root-depth": {"perspective": "sceptic", "root": "catch-up-what", "depth": 1},
    "no-notes-euler": {"notes": False, "semantics": "euler"},
}


def _maps(default_map: ArgumentMap) -> dict[str, tuple[ArgumentMap, dict[str, object]]]:
    maps = {f"default-{name}": (default_map, options) for name, options in VARIANTS.items()}
    maps["hostile"] = (hostile_map(), {})
    maps["unsafe"] = (every_field(TEXT), {})
    maps["directives"] = (_directives(), {})
    return maps


def _directives() -> ArgumentMap:
    """Label lines that read like Mermaid statements (Mermaid once restyled a node for one)."""
    from debate.model import Claim, MapInfo

    lines = [
        "style c1 fill:#f00;",
        "classDef s3 fill:#f00,color:#0f0;",
        "my lifestyle: #1; ok;",
        "class c1 s0",
        "click c1 call alert(1)",
        "linkStyle 0 stroke:#f00",
        "end",
        "subgraph x",
    ]
    claims = {"root": Claim(text="\n".join(lines))}
    claims |= {
        f"c{index}": Claim(parent="root", stance="pro", text=f"x\n{line}\ny")
        for index, line in enumerate(lines)
    }
    return ArgumentMap(map=MapInfo(title="style x:#f00;"), claims=claims)


def _random_maps(count: int) -> list[ArgumentMap]:
    """A few generated maps (odd shapes, hostile text): fixed examples, so runs repeat."""
    from hypothesis import HealthCheck, given, settings

    found: list[ArgumentMap] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(argument_maps(max_claims=10))
    def collect(argmap: ArgumentMap) -> None:
        found.append(argmap)

    collect()
    return found


def test_dot_renders_every_dot_export_without_warnings(default_map: ArgumentMap) -> None:
    dot = require_tool("dot")
    cases = [(argmap, options) for argmap, options in _maps(default_map).values()]
    cases += [(argmap, {}) for argmap in _random_maps(15)]
    for argmap, options in cases:
        source = export_text(argmap, "dot", **options)
        result = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", result.stderr
        assert result.stdout.startswith("<?xml")


def _expected_relations(argmap: ArgumentMap, options: dict[str, object]) -> Counter[str]:
    data = json.loads(export_text(argmap, "json", **options))
    kinds = {"pro": "support", "part": "support", "con": "attack"}
    return Counter(kinds[claim["stance"]] for claim in data["claims"] if claim["stance"])


def test_argdown_cli_parses_every_argdown_export(default_map: ArgumentMap, tmp_path: Path) -> None:
    argdown = require_tool("argdown", str(ARGDOWN))
    cases = {name: pair for name, pair in _maps(default_map).items()}
    cases |= {f"random-{index}": (argmap, {}) for index, argmap in enumerate(_random_maps(15))}
    for name, (argmap, options) in cases.items():
        (tmp_path / f"{name}.argdown").write_text(
            export_text(argmap, "argdown", **options), encoding="utf-8"
        )
    result = subprocess.run(
        [argdown, "json", str(tmp_path / "*.argdown"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    for name, (argmap, options) in cases.items():
        parsed = json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8"))
        exported = json.loads(export_text(argmap, "json", **options))["claims"]
        assert set(parsed["statements"]) == {claim["id"] for claim in exported}, name
        relations = Counter(relation["relationType"] for relation in parsed["relations"])
        assert relations == _expected_relations(argmap, options), name
        for claim in exported:
            member = parsed["statements"][claim["id"]]["members"][0]
            assert member["data"].get("text", claim["text"]) == claim["text"]
            spelled = [name for name in claim["tags"] if tag(name)]
            assert member.get("tags", []) == list(dict.fromkeys(spelled)), claim["id"]


def _chromium_args() -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]


def test_html_export_opens_in_chromium_and_the_tree_folds(
    default_map: ArgumentMap, tmp_path: Path
) -> None:
    chromium = require_tool("chromium", CHROMIUM)
    playwright = pytest.importorskip("playwright.sync_api")
    pages = {
        "default": export_text(default_map, "html"),
        "hostile": export_text(hostile_map(), "html"),
    }
    for name, page in pages.items():
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=_chromium_args())
        try:
            for name in pages:
                url = (tmp_path / f"{name}.html").as_uri()
                tab, problems, requests = _open(browser, url)
                if name == "default":
                    _verdicts_fit_the_phone(tab)
                    _drive_tree(tab)
                    _follow_malformed_fragments(tab)
                    _follow_the_picture(tab)
                else:
                    assert tab.locator("li.claim").count() == len(hostile_map().claims)
                assert problems == [], f"{name}: {problems}"
                assert requests == [url], requests
                tab.close()
        finally:
            browser.close()


def _open(browser, url: str):  # type: ignore[no-untyped-def]
    """A phone-sized tab on ``url`` that records console errors, dialogs and every request."""
    problems: list[str] = []
    requests: list[str] = []
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.on("console", lambda message: problems.append(f"{message.type}: {message.text}"))
    tab.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    tab.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(url)
    return tab, problems, requests


def _drive_tree(tab) -> None:  # type: ignore[no-untyped-def]
    """Click to collapse and expand, search, follow a link, and check the dark theme."""
    branch = tab.locator("#claim-sooner-than-that > details")
    child = tab.locator("#claim-iteration-speed > details > summary")
    assert branch.evaluate("node => node.open") is True
    assert child.is_visible()
    tab.locator("#claim-sooner-than-that > details > summary").click()
    assert branch.evaluate("node => node.open") is False
    assert not child.is_visible()
    tab.locator("#claim-sooner-than-that > details > summary").click()
    assert branch.evaluate("node => node.open") is True
    assert child.is_visible()

    tab.locator("#collapse").click()
    assert tab.locator("li.claim > details[open]").count() == 0
    tab.fill("#search", "leaderboard")
    assert tab.locator("#count").text_content() == "2 matches"
    assert tab.locator("#claim-single-leaderboard").is_visible()
    assert not tab.locator("#claim-moat-shift").is_visible()
    tab.fill("#search", "")
    assert tab.locator("#claim-moat-shift").is_visible()

    # Following a see-also link opens the collapsed branches down to its target.
    tab.locator("#collapse").click()
    assert not tab.locator("#claim-china-style > details > summary").is_visible()
    tab.evaluate("location.hash = '#claim-china-style'")
    tab.wait_for_function("document.querySelector('#claim-stylistic-gap > details').open")
    assert tab.locator("#claim-china-style > details > summary").is_visible()

    light = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    tab.emulate_media(color_scheme="dark")
    dark = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light != dark
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _verdicts_fit_the_phone(tab) -> None:  # type: ignore[no-untyped-def]
    """At 390 px the verdict table shows every column: nothing scrolls, in the page or in
    the table (whose last column used to run off, to be scrolled to inside it)."""
    fit = tab.evaluate(
        """() => {
          const table = document.querySelector("table.verdicts");
          const cells = Array.from(table.querySelectorAll("th, td"));
          return {
            page: document.documentElement.scrollWidth,
            table: Math.max(
              table.scrollWidth - table.clientWidth,
              table.parentElement.scrollWidth - table.parentElement.clientWidth,
            ),
            right: Math.max(...cells.map((cell) => cell.getBoundingClientRect().right)),
            columns: table.querySelectorAll("thead th").length,
          };
        }"""
    )
    assert fit["page"] <= 390 and fit["table"] <= 0 and fit["right"] <= 390, fit
    assert fit["columns"] == 4  # base and the three perspectives, all shown


def _follow_the_picture(tab) -> None:  # type: ignore[no-untyped-def]
    """The map picture draws every claim; clicking a box opens the outline at its claim. The
    picture scrolls inside its own box: the page stays as wide as the phone."""
    assert tab.locator(".picture svg g.node a").count() == 41
    tab.locator("#collapse").click()
    assert not tab.locator("#claim-china-style > details > summary").is_visible()
    tab.locator('.picture a[*|href="#claim-china-style"]').click()
    tab.wait_for_function("location.hash === '#claim-china-style'")
    tab.wait_for_function("document.querySelector('#claim-stylistic-gap > details').open")
    assert tab.locator("#claim-china-style > details > summary").is_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390


def _follow_malformed_fragments(tab) -> None:  # type: ignore[no-untyped-def]
    """A fragment that is not valid percent-encoding is no error; a good one still works."""
    for fragment in ("#%E0", "#%", "#%zz%E0%A4%A", "#claim-%E0"):
        tab.evaluate(f"location.hash = {fragment!r}")
        tab.wait_for_function(f"location.hash === {fragment!r}")
    tab.locator("#collapse").click()
    tab.evaluate("location.hash = '#claim-%63hina-style'")  # percent-encoded 'c'
    tab.wait_for_function("document.querySelector('#claim-stylistic-gap > details').open")


RENDER_MERMAID = """async (source) => {
  const { svg } = await mermaid.render("graph" + (++window.graphs), source);
  const holder = document.createElement("div");
  holder.innerHTML = svg;
  const nodes = {};
  holder.querySelectorAll("g.node").forEach((node) => {
    nodes[node.id.match(/flowchart-(c[0-9]+)-/)[1]] = node.textContent;
  });
  return {
    nodes,
    edges: holder.querySelectorAll("path.flowchart-link").length,
    scripts: holder.querySelectorAll("script, foreignObject script").length,
    red: Array.from(holder.querySelectorAll("style, [style]"))
      .map((node) => (node.tagName === "style" ? node.textContent : node.getAttribute("style")))
      .filter((css) => /#f00|#0f0/i.test(css)).length,
  };
}"""


def test_mermaid_renders_every_export_with_the_texts_as_written(
    default_map: ArgumentMap, tmp_path: Path
) -> None:
    """Mermaid's own renderer (the npm package, in headless Chromium) draws each export."""
    chromium = require_tool("chromium", CHROMIUM)
    library = require_tool("mermaid", str(MERMAID))
    playwright = pytest.importorskip("playwright.sync_api")
    cases = [(argmap, options) for argmap, options in _maps(default_map).values()]
    cases += [(argmap, {}) for argmap in _random_maps(8)]
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=_chromium_args())
        try:
            tab, problems, _ = _open(browser, "about:blank")
            tab.add_script_tag(path=library)
            tab.evaluate(
                "window.graphs = 0; mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})"
            )
            for argmap, options in cases:
                source = export_text(argmap, "mermaid", **options)
                drawn = tab.evaluate(RENDER_MERMAID, source)
                exported = json.loads(export_text(argmap, "json", **options))["claims"]
                ids = dict(_node_ids(source))
                assert len(drawn["nodes"]) == len(exported)
                links = sum(
                    1
                    for claim in exported
                    for target in claim["links"]
                    if target in {other["id"] for other in exported}
                )
                assert (
                    drawn["edges"]
                    == len(exported) - sum(c["parent"] is None for c in exported) + links
                )
                assert drawn["scripts"] == 0
                assert drawn["red"] == 0, "a label line became a style directive"
                texts = {claim["id"]: claim["text"] for claim in exported}
                for node, shown in drawn["nodes"].items():
                    expected = "".join(visible(texts[ids[node]]).splitlines())
                    assert " ".join(expected.split()) in " ".join(shown.split()), (shown, expected)
            assert problems == [], problems
        finally:
            browser.close()


def _node_ids(source: str) -> list[tuple[str, str]]:
    import re

    return re.findall(r"^  %% (c[0-9]+): (\S+)$", source, flags=re.MULTILINE)
