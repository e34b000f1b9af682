"""Golden files: the default map exported in every format, byte for byte, through the CLI.

Regenerate after an intended change with ``DEBATE_UPDATE_GOLDEN=1 python -m pytest
tests/formats/test_golden.py`` and review the diff in git: that diff is the change users see.

Graphviz drawings (SVG, PNG, PDF) depend on the installed Graphviz, cairo and fonts, so their
golden is the DOT source: the test checks that exporting them gives exactly what ``dot`` draws
from the golden DOT (the SVG sized for a screen, the PDF's date pinned, as the export does).
For the same reason the HTML page's golden holds its map picture's ``<svg>`` element emptied;
test_html_page.py checks that picture against the SVG export. The terminal SVG depends on rich's version, recorded next to it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from debate.cli import main
from debate.formats.graphviz import fit_to_screen, fixed_creation_date
from tests.conftest import DEFAULT_MAP, ROOT, require_tool

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("DEBATE_UPDATE_GOLDEN", "") not in ("", "0")
VERSIONS = GOLDEN / "versions.json"

TEXT_GOLDENS = {
    "markdown": "arguments.md",
    "html": "arguments.html",
    "json": "arguments.json",
    "dot": "arguments.dot",
    "mermaid": "arguments.mmd",
    "argdown": "arguments.argdown",
    "kialo": "arguments.kialo.txt",
    "aif": "arguments.aif.json",
    "opml": "arguments.opml",
    "csv": "arguments.csv",
    "terminal-svg": "arguments.terminal.svg",
}
VARIANTS = {
    "arguments.sceptic-catch-up-what-depth1-nonotes.md": [
        "--perspective",
        "sceptic",
        "--root",
        "catch-up-what",
        "--depth",
        "1",
        "--no-notes",
    ],
    "arguments.h-categorizer-optimist.json": [
        "--semantics",
        "h-categorizer",
        "--perspective",
        "optimist",
    ],
}


def _export(tmp_path: Path, name: str, *options: str) -> bytes:
    out = tmp_path / name
    assert main(["export", str(DEFAULT_MAP), "-o", str(out), *options]) == 0
    return out.read_bytes()


def _check(name: str, produced: bytes) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
        return
    assert golden.exists(), f"no golden file {name}; run with DEBATE_UPDATE_GOLDEN=1"
    expected = golden.read_bytes()
    if produced != expected:
        # Show a readable diff of the first differing line, not two blobs.
        got, want = produced.decode().splitlines(), expected.decode().splitlines()
        first = next(
            (
                index
                for index, pair in enumerate(zip(got, want, strict=False))
                if pair[0] != pair[1]
            ),
            min(len(got), len(want)),
        )
        pytest.fail(
            f"{name} differs from the golden file at line {first + 1}:\n"
            f"  golden: {want[first] if first < len(want) else '<end>'}\n"
            f"  now:    {got[first] if first < len(got) else '<end>'}\n"
            "if intended, regenerate with DEBATE_UPDATE_GOLDEN=1 and review the git diff"
        )


def _recorded_versions() -> dict[str, str]:
    return json.loads(VERSIONS.read_text()) if VERSIONS.exists() else {}


_PICTURE = re.compile(rb"<svg\b.*?</svg>", re.DOTALL)


def _without_picture(page: bytes) -> bytes:
    """The page with its map picture emptied (what Graphviz draws varies between versions)."""
    return _PICTURE.sub(rb"<svg><!-- drawn by Graphviz --></svg>", page)


@pytest.mark.parametrize("format_name", sorted(TEXT_GOLDENS))
def test_default_map_matches_its_golden_file(format_name: str, tmp_path: Path) -> None:
    name = TEXT_GOLDENS[format_name]
    if format_name == "html":
        require_tool("dot")  # without it the page has no picture section at all
        _check(name, _without_picture(_export(tmp_path, name)))
        return
    if format_name == "terminal-svg":
        recorded = _recorded_versions().get("rich")
        if UPDATE:
            VERSIONS.parent.mkdir(parents=True, exist_ok=True)
            VERSIONS.write_text(json.dumps({"rich": version("rich")}, indent=2) + "\n")
        elif recorded != version("rich"):
            pytest.skip(f"golden terminal SVG made with rich {recorded}, not {version('rich')}")
    _check(name, _export(tmp_path, name))


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_option_variants_match_their_golden_files(name: str, tmp_path: Path) -> None:
    _check(name, _export(tmp_path, name, *VARIANTS[name]))


@pytest.mark.parametrize("output", ["svg", "png", "pdf"])
def test_drawings_are_what_dot_draws_from_the_golden_dot(output: str, tmp_path: Path) -> None:
    dot = require_tool("dot")
    produced = _export(tmp_path, f"arguments.{output}")
    golden_dot = (GOLDEN / TEXT_GOLDENS["dot"]).read_bytes()
    drawn = subprocess.run(
        [dot, f"-T{output}"], input=golden_dot, capture_output=True, check=True
    ).stdout
    if output == "pdf":
        drawn = fixed_creation_date(drawn)
    if output == "svg":
        drawn = fit_to_screen(drawn.decode("utf-8")).encode("utf-8")
    assert produced == drawn
