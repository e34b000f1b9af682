"""The codec table: every format listed once, loaded lazily, found by name, alias or file
name, for import and export alike."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from debate.formats import (
    CODECS,
    FORMATS,
    ExportOptions,
    FormatError,
    codec_for_path,
    export_map,
    find_codec,
    format_for_path,
    get_writer,
    is_importable,
)
from debate.formats.readers import READERS, detect_format, format_for_name
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


def _modules_loaded_by(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with ``prefixes`` that running ``code`` in a fresh process loads."""
    script = (
        f"import sys; {code}; print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout)


def test_importing_the_package_loads_no_writer_rich_or_textual() -> None:
    code = "import debate.formats as f; f.format_for_path('x.md'); f.find_codec('md')"
    prefixes = ("debate.formats.", "rich", "textual", "pydantic")
    assert _modules_loaded_by(f"{code}; f.is_importable('x.opml')", prefixes) == []


def test_the_readers_registry_loads_no_reader() -> None:
    code = "import debate.formats.readers as r; r.detect_format('x.txt', '- a')"
    loaded = _modules_loaded_by(f"{code}; r.is_importable('x.kialo')", ("debate.formats.",))
    assert loaded == ["debate.formats.readers", "debate.formats.readers.common"]


def test_one_table_names_every_reader_and_writer_once() -> None:
    names = [codec.name for codec in CODECS]
    spellings = names + [alias for codec in CODECS for alias in codec.aliases]
    assert len(spellings) == len(set(spellings))
    assert set(READERS) == {"argdown", "kialo", "aif", "opml", "markdown", "json"}
    assert all(READERS[name] is find_codec(name) for name in READERS)
    assert all(FORMATS[name] is find_codec(name) for name in FORMATS)
    for codec in CODECS:  # every extension leads back to its codec, for import and export
        for extension in codec.extensions:
            assert codec_for_path("x" + extension) is codec, extension


def test_a_file_name_means_the_same_format_to_import_and_export() -> None:
    """They used to disagree: ``-o x.kialo`` could not be exported, AIF claimed ``.json``."""
    assert format_for_path("x.kialo") == format_for_name("x.kialo") == "kialo"
    assert format_for_path("x.json") == "json" and format_for_name("x.json") is None
    assert detect_format("x.json", '{"nodes": []}') == "aif"  # decided by content
    assert detect_format("x.json", '{"$schema": "x", "format": "debate-export"}') == "json"
    assert format_for_path("x.aif.json") == format_for_name("x.aif.json") == "aif"
    assert is_importable("x.kialo") and is_importable("x.json") and is_importable("x.txt")
    assert not is_importable("x.toml") and not is_importable("x.html")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("md", "markdown"), ("MD", "markdown"), ("gv", "dot"), ("graphviz", "dot"), ("ad", "argdown")],
)
def test_aliases_find_their_codec(name: str, expected: str) -> None:
    assert find_codec(name).name == expected


def test_a_format_that_cannot_do_what_is_asked_says_so() -> None:
    with pytest.raises(FormatError, match=r"cannot import html; it can import: markdown, "):
        find_codec("html", reads=True)
    with pytest.raises(FormatError, match=r"unknown format 'argdwn' \(did you mean 'argdown'"):
        find_codec("argdwn", reads=True)
    with pytest.raises(FormatError, match=r"unknown format 'mdd' \(did you mean 'md'\?\)"):
        find_codec("mdd", writes=True)


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
        ("map.kialo", "kialo"),
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
    with pytest.raises(FormatError, match=r"unknown format 'mermiad' \(did you mean 'mermaid'\?\)"):
        get_writer("mermiad")


def test_export_map_accepts_a_front_ends_scorer(default_map: ArgumentMap) -> None:
    """The TUI passes the Scorer it already holds; its perspective is the one exported."""
    scorer = Scorer(default_map, perspective="sceptic")
    data = export_map(default_map, "json", ExportOptions(), scores=scorer)
    assert '"perspective": "sceptic"' in str(data)
