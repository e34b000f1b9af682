"""The format registry: every format listed, loaded lazily, found by name or file extension."""

from __future__ import annotations

import subprocess
import sys

import pytest

from debate.formats import (
    FORMATS,
    ExportError,
    ExportOptions,
    export_map,
    format_for_path,
    get_writer,
)
from debate.model import ArgumentMap
from debate.scoring import Scorer
from tests.conftest import require_tool

EXPECTED = {
    "markdown",
    "html",
    "json",
    "dot",
    "svg",
    "png",
    "pdf",
    "mermaid",
    "argdown",
    "kialo",
    "aif",
    "opml",
    "csv",
    "terminal-svg",
}


def test_every_issue_format_is_registered() -> None:
    assert set(FORMATS) == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_writer_returns_what_its_entry_promises(name: str, default_map: ArgumentMap) -> None:
    if name in ("svg", "png", "pdf"):
        require_tool("dot")
    writer = get_writer(name)
    assert writer.name == name and writer.extensions and writer.description
    data = writer.export(default_map, ExportOptions(depth=1), Scorer(default_map))
    assert isinstance(data, bytes) == writer.binary
    assert data


def test_importing_the_package_loads_no_writer_rich_or_textual() -> None:
    code = (
        "import sys, debate.formats as f; f.format_for_path('x.md'); "
        "print(sorted(m for m in sys.modules if m.startswith(('debate.formats.', 'rich', "
        "'textual'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("report.md", "markdown"),
        ("REPORT.MD", "markdown"),
        ("map.html", "html"),
        ("map.json", "json"),
        ("map.aif.json", "aif"),
        ("tree.terminal.svg", "terminal-svg"),
        ("graph.svg", "svg"),
        ("graph.gv", "dot"),
        ("map.kialo.txt", "kialo"),
        ("notes.txt", "kialo"),
        ("map.mmd", "mermaid"),
        ("map.argdown", "argdown"),
        ("out.opml", "opml"),
        ("rows.csv", "csv"),
        ("pic.png", "png"),
        ("doc.pdf", "pdf"),
        ("map.toml", None),
        ("noext", None),
    ],
)
def test_format_is_inferred_from_the_longest_matching_extension(
    path: str, expected: str | None
) -> None:
    assert format_for_path(path) == expected


def test_unknown_format_suggests_the_closest() -> None:
    with pytest.raises(ExportError, match=r"unknown format 'mermiad' \(did you mean 'mermaid'\?\)"):
        get_writer("mermiad")


def test_export_map_accepts_a_front_ends_scorer(default_map: ArgumentMap) -> None:
    """The TUI passes the Scorer it already holds; its perspective is the one exported."""
    scorer = Scorer(default_map, perspective="sceptic")
    data = export_map(default_map, "json", ExportOptions(), scores=scorer)
    assert '"perspective": "sceptic"' in str(data)
