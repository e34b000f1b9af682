"""Maps and helpers shared by the export tests: the default map and a map of hostile text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debate.display import stand_in
from debate.formats import ExportOptions, export_map
from debate.model import ArgumentMap, Citation, Claim, MapInfo, Note, Perspective, Source
from debate.store import dump_map, load_map
from tests.conftest import DEFAULT_MAP

ARGDOWN = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / ".bin" / "argdown"
MERMAID = ARGDOWN.parents[1] / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = "/usr/bin/chromium"

# Text that breaks exporters which paste user text into markup: each line targets a format.
HOSTILE = [
    "<script>alert('x')</script> & </details></li>",
    "He said \"yes\" and 'no'",
    "back\\slash \\N \\n \\\\ \\l end\\",
    "line one\nline two\n\nline four",
    '"]; evil [label="pwned" ] //',
    "--> <!-- open comment -.- ==> --x",
    'A["x"] --> B; click A call alert(1) %%{init: {}}%% #quot; #35; end',
    'digraph { a -> b } "; node [shape=none] /* c */',
    "# Heading\n- item\n1. ordered\n> quote\n---\n| a | b |\n*em* _em_ `code` [l](http://x) "
    "![i](y) <b>b</b> &amp; $x$ ~~s~~",
    "[bold]rich[/bold] [/] [link=x]y[/link]",
    "\x1b[31mred\x1b[0m bell\x07 nul\x00",
    "-> See 1.2.",
    "=SUM(A1:A9)",
    "@[mention] <arg> {data: 1} #tag .special. :+1: === \\# ",
    "tab\there  spaces   and trailing ",
    "unicode — ☃ 😀 \u2028 separator",
]
STANCES = ("pro", "con", "part")


def hostile_map() -> ArgumentMap:
    """Every hostile string as claim text, and again in holders, tags, quotes and notes."""
    claims: dict[str, Claim] = {
        "root": Claim(
            text=HOSTILE[0],
            by=HOSTILE[1],
            tags=["plain", "two words", "a)b", "[x]"],
            cite=Citation(source="src", quote=HOSTILE[4], locator=HOSTILE[3]),
            notes=[Note(text=HOSTILE[8], by=HOSTILE[9])],
            links=["h3", "h7"],
        )
    }
    for index, text in enumerate(HOSTILE):
        parent = "root" if index < 6 else f"h{index % 6}"
        claims[f"h{index}"] = Claim(
            parent=parent,
            stance=STANCES[index % 3],
            text=text,
            weight=index % 5,
            credence=round((index % 10) / 10, 1),
            by=HOSTILE[(index + 1) % len(HOSTILE)],
            tags=[HOSTILE[(index + 2) % len(HOSTILE)]] if index % 2 else [],
            cite=Citation(source="src", quote=HOSTILE[(index + 3) % len(HOSTILE)]),
            notes=[Note(text=HOSTILE[(index + 4) % len(HOSTILE)])] if index % 3 == 0 else [],
            links=["root"] if index % 4 == 0 else [],
        )
    return ArgumentMap(
        map=MapInfo(title=HOSTILE[5] + " " + HOSTILE[0], description=HOSTILE[8], author=HOSTILE[2]),
        sources={"src": Source(title=HOSTILE[7], url='https://example.invalid/a?b=1&c="2"')},
        claims=claims,
        perspectives={"odd": Perspective(description=HOSTILE[1], weight={"h1": 4})},
    )


@pytest.fixture(scope="session")
def default_map() -> ArgumentMap:
    return load_map(DEFAULT_MAP).argmap


@pytest.fixture(scope="session")
def hostile() -> ArgumentMap:
    return hostile_map()


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(dump_map(hostile_map()), encoding="utf-8")
    return path


def xml_text(text: str) -> str:
    """What an XML export holds of ``text``: all of it, but the characters XML 1.0 cannot hold
    at all (C0 controls other than tab, newline and CR; U+FFFE, U+FFFF) shown as stand-ins."""
    return re.sub(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", lambda match: stand_in(match.group()), text
    )


def export(argmap: ArgumentMap, name: str, **options: object) -> str | bytes:
    return export_map(argmap, name, ExportOptions(**options))  # type: ignore[arg-type]


def export_text(argmap: ArgumentMap, name: str, **options: object) -> str:
    data = export(argmap, name, **options)
    assert isinstance(data, str)
    return data
