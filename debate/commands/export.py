"""Export a map with its computed strengths: Markdown, HTML, JSON, Graphviz (DOT, SVG, PNG,
PDF), Mermaid, Argdown, Kialo text, AIF, OPML, CSV, or an SVG of the terminal tree.

The format comes from -f, or else from -o's extension (report.md, map.html, map.aif.json,
tree.terminal.svg). Without -o, or with -o -, the export goes to standard output. The same
map always gives the same bytes, so exports diff well in git. A file is written atomically:
on any error nothing (and nothing partial) is left behind; a symlink is written through to
its target; a device or FIFO (-o /dev/null) is written into, never replaced; a directory is
refused. An earlier export is written over like any compiler's output, but never the map
being exported (however -o names it: another spelling, a symlink, a hard link) unless
--force says so.

Examples:
  debate export arguments.toml -o report.html
  debate export arguments.toml -f mermaid --perspective sceptic
  debate export arguments.toml -o moat.svg --root moat-shift --depth 2
  debate export --list-formats
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from debate.commands import add_map_argument, console, load, non_negative_int

if TYPE_CHECKING:
    from debate.formats import Codec, ExportOptions
    from debate.model import ArgumentMap

LARGE_MAP = 2000
"""Claims from which a progress bar is shown (when standard error is a terminal)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)
    parser.add_argument(
        "-f", "--format", metavar="FORMAT", help="output format (see --list-formats)"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="output file (default, or -: standard output)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write OUT even when it is the map being exported (it is replaced by the export)",
    )
    parser.add_argument("--perspective", metavar="P", help="read the map from this perspective")
    parser.add_argument(
        "--semantics", metavar="S", help="how strengths are computed (default: df-quad)"
    )
    parser.add_argument(
        "--depth",
        type=non_negative_int,
        metavar="N",
        help="export N levels below the root(s) (0: roots)",
    )
    parser.add_argument("--root", metavar="ID", help="export only this claim and what is below it")
    parser.add_argument("--no-notes", action="store_true", help="leave claims' notes out")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="say nothing when the export is written"
    )
    parser.add_argument(
        "--list-formats",
        action="store_true",
        help="list the formats and their extensions, then exit",
    )


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.perf import collector_paused

    with collector_paused():  # a third of a big export's time otherwise (bench_export.py)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.display import visible_name
    from debate.formats import ExportError, ExportOptions, codecs, notice_on_stderr

    if args.list_formats:
        for codec in codecs(writes=True):
            print(f"{codec.name:<13} {' '.join(codec.extensions):<25} {codec.description}")
        return 0
    to_stdout = args.output in (None, "-")
    codec = _codec(args.format, None if to_stdout else args.output)
    if to_stdout and codec.binary and sys.stdout.isatty():
        raise ExportError(f"{codec.name} is binary; write it to a file with -o FILE.{codec.name}")
    loaded = load(args.file)
    if not to_stdout and not args.force and _same_file(args.output, loaded.path):
        raise ExportError(
            f"{visible_name(args.output)}: is the map being exported; "
            "use --force to replace it with the export"
        )
    argmap = loaded.argmap
    heard: list[str] = []  # what a writer left out: told with the "wrote" line, not apart
    options = ExportOptions(
        perspective=args.perspective,
        semantics=args.semantics or ExportOptions.semantics,
        depth=args.depth,
        root=args.root,
        notes=not args.no_notes,
        notice=notice_on_stderr if to_stdout else heard.append,
    )
    show_progress = len(argmap.claims) >= LARGE_MAP and sys.stderr.isatty()
    data = _export(codec, argmap, options, show_progress)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        _write(args.output, payload)
        said = f"wrote {visible_name(args.output)}: {codec.name}, {_size(len(payload))}"
        if heard:  # one line either way; a notice is said even with -q
            notice_on_stderr(("; ".join(heard)) if args.quiet else f"{said}; {'; '.join(heard)}")
        elif not args.quiet:  # on standard error: standard output stays the export's alone
            print(said, file=sys.stderr)
    return 0


def _size(count: int) -> str:
    """``830 bytes``, ``12.3 kB``, ``4.1 MB``."""
    if count < 1000:
        return f"{count} bytes"
    if count < 1_000_000:
        return f"{count / 1000:.1f} kB"
    return f"{count / 1_000_000:.1f} MB"


def _same_file(output: str, source: Path | None) -> bool:
    """Whether ``output`` is the file ``source`` names, however it is spelled: through
    symlinks, as a hard link, in another case on a case-insensitive file system (the
    same device and inode). An output that does not exist yet is not."""
    if source is None:
        return False
    try:
        return os.path.samefile(output, source)
    except (OSError, ValueError):  # not there (or a link loop); ValueError: a NUL in the name
        return False


def _codec(name: str | None, output: str | None) -> Codec:
    """The format ``-f`` names, else the one ``-o``'s file name says."""
    # here, not at the top: the parser imports this module
    from debate.formats import ExportError, codec_for_path, find_codec

    if name is not None:
        return find_codec(name, writes=True)
    if output is None:
        raise ExportError(
            "choose a format with -f FORMAT, or give -o a file name (see --list-formats)"
        )
    codec = codec_for_path(output)
    if codec is None or not codec.writes:
        raise ExportError(
            f"{output}: cannot tell the format from the extension; add -f FORMAT "
            "(see --list-formats)"
        )
    return codec


def _export(
    codec: Codec, argmap: ArgumentMap, options: ExportOptions, show_progress: bool
) -> str | bytes:
    """Score and write through :func:`debate.formats.export_map`, with a progress bar on
    standard error for large maps."""
    # here, not at the top: the parser imports this module
    from debate.formats import export_map
    from debate.scoring import Scorer

    if not show_progress:
        return export_map(argmap, codec.name, options)
    # here, not at the top: the parser imports this module
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("scoring", total=None)
        scores = Scorer(argmap, options.semantics, options.perspective)
        progress.update(task, description=f"writing {codec.name}", total=len(argmap.claims))

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return export_map(argmap, codec.name, replace(options, progress=advance), scores)


def _write(path: str, payload: bytes) -> None:
    """Atomically over a file (through a symlink to its target), as a stream into a device
    or FIFO; a failure is :class:`~debate.files.FileWriteError`, one line."""
    # here, not at the top: the parser imports this module
    from debate.files import write_file

    write_file(path, payload)
