"""Formats: one table of codecs for import and export, and the export entry point.

:data:`CODECS` lists every format debate reads or writes once: its name and aliases
(``md``), the file extensions that say it, a description, and where its writer and reader
live, without importing either; the module is imported the first time its format is used,
so listing formats or choosing one from a file name stays cheap. One lookup finds a codec by
name (:func:`find_codec`, with one did-you-mean) or by file name (:func:`codec_for_path`);
``debate export``, ``debate import``, the opener and the app all use it.

Every writer is a function ``export(argmap, options, scores) -> str | bytes`` in its own module
under ``debate.formats``; every reader a module under ``debate.formats.readers`` with
``read(source) -> ImportResult``. Front ends export through :func:`export_map` (the
``debate export`` command does)::

    from debate.formats import ExportOptions, export_map
    data = export_map(argmap, "html", ExportOptions(perspective="sceptic"), scores=scorer)

and import through :mod:`debate.formats.readers` or, to open a map of any kind,
:mod:`debate.opener`.

Pure: imports neither Textual nor rich at module level (the terminal-SVG writer imports rich
when it runs).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from debate.display import visible
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

    def base(self, claim_id: str) -> float: ...


ProgressCallback = Callable[[int, int], None]
"""Called with (claims written so far, claims in the export) while a writer runs."""

NoticeCallback = Callable[[str], None]
"""Called with one line when a writer leaves something out but still writes the export."""


def notice_on_stderr(line: str) -> None:
    """The default :data:`NoticeCallback`: the line on standard error, as the command line
    reports everything; a front end with a screen of its own passes another."""
    print(visible(line), file=sys.stderr)


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how; the same options drive every format.

    ``depth`` limits how many levels below the root(s) are written (strengths still count the
    hidden claims); ``root`` exports one claim's subtree, numbered from 1; ``notes`` False
    leaves claims' notes out. ``progress`` and ``notice`` are for front ends and never change
    the output: ``notice`` hears what a writer left out (the HTML page's map picture when
    Graphviz is missing), one line at a time.
    """

    perspective: str | None = None
    semantics: str = "df-quad"
    depth: int | None = None
    root: str | None = None
    notes: bool = True
    progress: ProgressCallback | None = field(default=None, compare=False, repr=False)
    notice: NoticeCallback = field(default=notice_on_stderr, compare=False, repr=False)


ExportFunction = Callable[["ArgumentMap", ExportOptions, Scores], "str | bytes"]


@dataclass(frozen=True)
class Codec:
    """One format debate reads, writes or both: everything about it except its code.

    ``writer`` is ``module:function`` in :mod:`debate.formats`, ``reader`` a module in
    :mod:`debate.formats.readers` (with ``read(source)``); neither is imported until used.
    ``aliases`` are other names ``-f``/``--from`` accept; ``extensions`` are the file names
    that say this format (the longest match wins: ``map.aif.json`` is AIF).
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    writer: str | None = None
    reader: str | None = None
    aliases: tuple[str, ...] = ()
    binary: bool = False

    @property
    def writes(self) -> bool:
        return self.writer is not None

    @property
    def reads(self) -> bool:
        return self.reader is not None


@dataclass(frozen=True)
class Writer:
    """A loaded format: its codec plus the export function."""

    info: Codec
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

CODECS: tuple[Codec, ...] = (
    Codec(
        "markdown",
        "outline report: verdicts, stances, weights, strength bars, notes, sources",
        (".md", ".markdown"),
        writer="markdown:export",
        reader="markdown",
        aliases=("md",),
    ),
    Codec(
        "html",
        "one self-contained page: collapsible tree, search, light and dark",
        (".html", ".htm"),
        writer="html_page:export",
    ),
    Codec(
        "json",
        "the whole map plus computed strengths (schema/debate-export.schema.json)",
        (".json",),
        writer="json_data:export",
        reader="debate_json",
    ),
    Codec(
        "dot",
        "Graphviz source: edge style by stance, node shading by strength",
        (".dot", ".gv"),
        writer="graphviz:export_dot",
        aliases=("gv", "graphviz"),
    ),
    Codec("svg", "Graphviz drawing (needs dot)", (".svg",), writer="graphviz:export_svg"),
    Codec(
        "png", "Graphviz picture (needs dot)", (".png",), writer="graphviz:export_png", binary=True
    ),
    Codec("pdf", "Graphviz PDF (needs dot)", (".pdf",), writer="graphviz:export_pdf", binary=True),
    Codec(
        "mermaid",
        "Mermaid flowchart (renders on GitHub and in many Markdown viewers)",
        (".mmd", ".mermaid"),
        writer="mermaid:export",
        aliases=("mmd",),
    ),
    Codec(
        "argdown",
        "Argdown statements with pro/con relations, tags and data",
        (".argdown", ".ad"),
        writer="argdown:export",
        reader="argdown",
        aliases=("ad",),
    ),
    Codec(
        "kialo",
        "Kialo's plain-text discussion format (1., 1.1. Pro:, -> See)",
        (".kialo.txt", ".kialo", ".txt"),
        writer="kialo:export",
        reader="kialo",
    ),
    Codec(
        "aif",
        "AIF JSON (AIFdb/OVA style) for argument-mining and research tools",
        (".aif.json", ".aif"),
        writer="aif:export",
        reader="aif",
    ),
    Codec(
        "opml",
        "OPML outline for outliners",
        (".opml",),
        writer="opml:export",
        reader="opml",
    ),
    Codec("csv", "one row per claim, for spreadsheets", (".csv",), writer="csv_table:export"),
    Codec(
        "terminal-svg",
        "SVG picture of the coloured terminal tree (as `debate show` prints it)",
        (".terminal.svg", ".term.svg"),
        writer="terminal_svg:export",
    ),
)
"""Every format, in the order ``--list-formats`` shows them: the one table import, export,
the opener and the app all read."""

READ_BY_CONTENT: tuple[str, ...] = (".txt", ".json")
"""Names that say too little for an import: ``notes.txt`` may hold Kialo text, Argdown or an
outline, and ``corpus.json`` from AIFdb is AIF; the reader is chosen by the file's content.
(An export still writes the format the table gives: ``-o x.txt`` is Kialo, ``x.json`` JSON.)"""

_BY_NAME: dict[str, Codec] = {
    spelled: codec for codec in CODECS for spelled in (codec.name, *codec.aliases)
}

FORMATS: dict[str, Codec] = {codec.name: codec for codec in CODECS if codec.writes}
"""The formats debate writes, by name (a view of :data:`CODECS`)."""


class FormatError(DebateError):
    """A format name debate does not know, or a format that cannot do what was asked."""


def codecs(*, reads: bool = False, writes: bool = False) -> Iterator[Codec]:
    """Every codec (those that read, write, or both, when asked), without importing any."""
    return (
        codec for codec in CODECS if (codec.reads or not reads) and (codec.writes or not writes)
    )


def find_codec(name: str, *, reads: bool = False, writes: bool = False) -> Codec:
    """The codec called ``name`` (or one of its aliases), any case.

    Raises :class:`FormatError` with one did-you-mean when the name is unknown, or when the
    format cannot do what ``reads``/``writes`` ask for.
    """
    able = [codec.name for codec in codecs(reads=reads, writes=writes)]
    verb = "import" if reads else "export" if writes else "read or write"
    codec = _BY_NAME.get(name.lower())
    if codec is None:
        # here: the codec table stays pydantic-free (tests/formats/test_registry.py)
        from debate.model import did_you_mean

        spellings = [spelled for spelled, known in _BY_NAME.items() if known.name in able]
        raise FormatError(
            f"unknown format {name!r}{did_you_mean(name.lower(), spellings)}; "
            f"known: {', '.join(able)}"
        )
    if codec.name not in able:
        raise FormatError(f"debate cannot {verb} {codec.name}; it can {verb}: {', '.join(able)}")
    return codec


def codec_for_path(path: str | os.PathLike[str]) -> Codec | None:
    """The codec a file name implies (the longest matching extension wins), or None."""
    lowered = os.fspath(path).lower()
    best: tuple[int, Codec] | None = None
    for codec in CODECS:
        for extension in codec.extensions:
            if lowered.endswith(extension) and (best is None or len(extension) > best[0]):
                best = (len(extension), codec)
    return best[1] if best else None


def is_importable(path: str | os.PathLike[str]) -> bool:
    """Whether a file name says another tool's format (anything else is read as TOML)."""
    lowered = os.fspath(path).lower()
    if lowered.endswith(".toml"):
        return False
    codec = codec_for_path(lowered)
    return (codec is not None and codec.reads) or lowered.endswith(READ_BY_CONTENT)


def format_names() -> list[str]:
    return list(FORMATS)


def formats() -> Iterator[Codec]:
    """Every format debate writes, without importing any writer."""
    return codecs(writes=True)


def get_writer(name: str) -> Writer:
    """The writer for ``name``; raises :class:`FormatError` with a did-you-mean when unknown."""
    codec = find_codec(name, writes=True)
    assert codec.writer is not None
    module_name, function_name = codec.writer.split(":")
    module = importlib.import_module(f"{_PACKAGE}.{module_name}")
    export: ExportFunction = getattr(module, function_name)
    return Writer(codec, export)


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name implies (the longest matching extension wins), or None."""
    codec = codec_for_path(path)
    return codec.name if codec is not None and codec.writes else None


def export_map(
    argmap: ArgumentMap,
    format_name: str,
    options: ExportOptions | None = None,
    scores: Scores | None = None,
) -> str | bytes:
    """Export ``argmap`` in one format; the single entry point for every front end.

    ``format_name`` is a codec name or alias. ``scores`` defaults to a fresh
    :class:`debate.scoring.Scorer` for the options' semantics and perspective; a front end
    that already holds one (``debate export`` scores before it writes, to show progress) may
    pass it instead, and then its semantics and perspective are the ones exported.
    """
    options = options or ExportOptions()
    writer = get_writer(format_name)
    if scores is None:
        # ~10 ms off every open: the opener imports this table
        from debate.scoring import Scorer

        scores = Scorer(argmap, options.semantics, options.perspective)
    return writer.export(argmap, options, scores)


__all__ = [
    "CODECS",
    "FORMATS",
    "READ_BY_CONTENT",
    "Codec",
    "ExportError",
    "ExportOptions",
    "FormatError",
    "NoticeCallback",
    "Scores",
    "Writer",
    "codec_for_path",
    "codecs",
    "export_map",
    "find_codec",
    "format_for_path",
    "format_names",
    "formats",
    "get_writer",
    "is_importable",
]
