"""Export formats: one small module per format behind one common interface, and their registry.

Every writer is a function ``export(argmap, options, scores) -> str | bytes`` in its own module
under ``debate.formats``. The registry below knows each format's name, file extensions and
description without importing its module, so listing formats or inferring one from ``-o``'s
extension stays cheap; the module is imported the first time its format is used.

Front ends (the ``debate export`` command, the TUI) call :func:`export_map`::

    from debate.formats import ExportOptions, export_map
    data = export_map(argmap, "html", ExportOptions(perspective="sceptic"), scores=scorer)

Import readers live apart, in ``debate.formats.readers``, with a registry of their own.

Pure: imports neither Textual nor rich at module level (the terminal-SVG writer imports rich
when it runs).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from debate.errors import DebateError

if TYPE_CHECKING:
    from debate.model import ArgumentMap


class ExportError(DebateError):
    """An export could not be made: unknown format or root, missing tool, unwritable output."""


class Scores(Protocol):
    """What writers read from :class:`debate.scoring.Scorer` (any object with these will do)."""

    semantics: str
    perspective: str | None

    def strength(self, claim_id: str) -> float: ...

    def weight(self, claim_id: str) -> int: ...

    def credence(self, claim_id: str) -> float: ...


ProgressCallback = Callable[[int, int], None]
"""Called with (claims written so far, claims in the export) while a writer runs."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how; the same options drive every format.

    ``depth`` limits how many levels below the root(s) are written (strengths still count the
    hidden claims); ``root`` exports one claim's subtree, numbered from 1; ``notes`` False
    leaves claims' notes out. ``progress`` is for front ends and never changes the output.
    """

    perspective: str | None = None
    semantics: str = "df-quad"
    depth: int | None = None
    root: str | None = None
    notes: bool = True
    progress: ProgressCallback | None = field(default=None, compare=False, repr=False)


ExportFunction = Callable[["ArgumentMap", ExportOptions, Scores], "str | bytes"]


@dataclass(frozen=True)
class FormatInfo:
    """A registry entry: everything about a format except its code (``module:function``)."""

    name: str
    target: str
    extensions: tuple[str, ...]
    binary: bool
    description: str


@dataclass(frozen=True)
class Writer:
    """A loaded format: its registry entry plus the export function."""

    info: FormatInfo
    export: ExportFunction

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def extensions(self) -> tuple[str, ...]:
        return self.info.extensions

    @property
    def binary(self) -> bool:
        return self.info.binary

    @property
    def description(self) -> str:
        return self.info.description


_PACKAGE = "debate.formats"

FORMATS: dict[str, FormatInfo] = {
    info.name: info
    for info in (
        FormatInfo(
            "markdown",
            "markdown:export",
            (".md", ".markdown"),
            False,
            "outline report: verdicts, stances, weights, strength bars, notes, sources",
        ),
        FormatInfo(
            "html",
            "html_page:export",
            (".html", ".htm"),
            False,
            "one self-contained page: collapsible tree, search, light and dark",
        ),
        FormatInfo(
            "json",
            "json_data:export",
            (".json",),
            False,
            "the whole map plus computed strengths (schema/debate-export.schema.json)",
        ),
        FormatInfo(
            "dot",
            "graphviz:export_dot",
            (".dot", ".gv"),
            False,
            "Graphviz source: edge style by stance, node shading by strength",
        ),
        FormatInfo("svg", "graphviz:export_svg", (".svg",), False, "Graphviz drawing (needs dot)"),
        FormatInfo("png", "graphviz:export_png", (".png",), True, "Graphviz picture (needs dot)"),
        FormatInfo("pdf", "graphviz:export_pdf", (".pdf",), True, "Graphviz PDF (needs dot)"),
        FormatInfo(
            "mermaid",
            "mermaid:export",
            (".mmd", ".mermaid"),
            False,
            "Mermaid flowchart (renders on GitHub and in many Markdown viewers)",
        ),
        FormatInfo(
            "argdown",
            "argdown:export",
            (".argdown", ".ad"),
            False,
            "Argdown statements with pro/con relations, tags and data",
        ),
        FormatInfo(
            "kialo",
            "kialo:export",
            (".kialo.txt", ".txt"),
            False,
            "Kialo's plain-text discussion format (1., 1.1. Pro:, -> See)",
        ),
        FormatInfo(
            "aif",
            "aif:export",
            (".aif.json", ".aif"),
            False,
            "AIF JSON (AIFdb style) for argument-mining and research tools",
        ),
        FormatInfo("opml", "opml:export", (".opml",), False, "OPML outline for outliners"),
        FormatInfo(
            "csv", "csv_table:export", (".csv",), False, "one row per claim, for spreadsheets"
        ),
        FormatInfo(
            "terminal-svg",
            "terminal_svg:export",
            (".terminal.svg", ".term.svg"),
            False,
            "SVG picture of the coloured terminal tree (as `debate show` prints it)",
        ),
    )
}


def format_names() -> list[str]:
    return list(FORMATS)


def formats() -> Iterator[FormatInfo]:
    """Every registered format, without importing any writer."""
    return iter(FORMATS.values())


def get_writer(name: str) -> Writer:
    """The writer for ``name``; raises :class:`ExportError` with a did-you-mean when unknown."""
    info = FORMATS.get(name.lower())
    if info is None:
        from debate.model import did_you_mean

        known = ", ".join(FORMATS)
        raise ExportError(
            f"unknown format {name!r}{did_you_mean(name.lower(), FORMATS)}; known: {known}"
        )
    module_name, function_name = info.target.split(":")
    module = importlib.import_module(f"{_PACKAGE}.{module_name}")
    export: ExportFunction = getattr(module, function_name)
    return Writer(info, export)


def format_for_path(path: str) -> str | None:
    """The format a file name implies (the longest matching extension wins), or None."""
    lowered = path.lower()
    best: tuple[int, str] | None = None
    for info in FORMATS.values():
        for extension in info.extensions:
            if lowered.endswith(extension) and (best is None or len(extension) > best[0]):
                best = (len(extension), info.name)
    return best[1] if best else None


def export_map(
    argmap: ArgumentMap,
    format_name: str,
    options: ExportOptions | None = None,
    scores: Scores | None = None,
) -> str | bytes:
    """Export ``argmap`` in one format; the single entry point for every front end.

    ``scores`` defaults to a fresh :class:`debate.scoring.Scorer` for the options' semantics
    and perspective; a front end that already holds one (the TUI) may pass it instead, and
    then its semantics and perspective are the ones exported.
    """
    options = options or ExportOptions()
    writer = get_writer(format_name)
    if scores is None:
        from debate.scoring import Scorer

        scores = Scorer(argmap, options.semantics, options.perspective)
    return writer.export(argmap, options, scores)


__all__ = [
    "FORMATS",
    "ExportError",
    "ExportOptions",
    "FormatInfo",
    "Scores",
    "Writer",
    "export_map",
    "format_for_path",
    "format_names",
    "formats",
    "get_writer",
]
