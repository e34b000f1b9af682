"""Import a map from Argdown, Kialo's text export, AIF JSON, OPML, a Markdown outline, or
debate's own JSON export (`debate export -f json`).

The format comes from --from, else from IN's extension and content. The map is written as
TOML to OUT (atomically; an existing OUT, or a read-only one, is kept unless --force; a
device or FIFO is written into), or to standard output.
What the file holds that a debate map cannot (a second parent, dialogue nodes, unknown data)
is reported as warnings on standard error, each with its line; the import still succeeds.
The warnings end with a summary (with --report, always): claims and relations in and out,
which relations became see-also links and why, and what was dropped or read differently, per
kind, so you know what the conversion did without reading the TOML.
Input that cannot be read at all (not text, cut off, inconsistent numbering or references)
is one error line per problem, exit status 1, and nothing is written.

Ids are readable slugs of the claims' titles or text, the same every time the same file is
imported. How graphs become trees is described in docs/IMPORT.md.

Examples:
  debate import debate.argdown -o debate.toml
  debate import discussion.txt --from kialo > discussion.toml
  debate import corpus.json --from aif -o corpus.toml --force
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debate.errors import Problem

MAX_WARNINGS = 100
"""Warnings printed before the rest are summarised (messy files can have thousands)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # here, not at the top: the parser imports this module
    from debate.formats import codecs

    names = ", ".join(codec.name for codec in codecs(reads=True))
    parser.add_argument("input", metavar="IN", help="file to import (- for standard input)")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="TOML file to write (default: standard output)"
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help=f"input format: {names} (default: from the extension and content)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    parser.add_argument(
        "--report",
        action="store_true",
        help="end with a summary of what the conversion did, even without warnings",
    )


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.display import visible_name
    from debate.errors import DebateError
    from debate.files import read_stream, replaces_regular_file, write_file
    from debate.formats import find_codec
    from debate.formats.readers import read_bytes, read_file
    from debate.tomlwriter import document

    source_format = args.source_format and find_codec(args.source_format, reads=True).name
    output = Path(args.output) if args.output and args.output != "-" else None
    if output is not None and replaces_regular_file(output) and not args.force:
        raise DebateError(f"{output}: already exists; use --force to overwrite it")
    if args.input == "-":
        data = read_stream(sys.stdin.buffer, "<stdin>")
        result = read_bytes(data, "<stdin>", source_format)
    else:
        result = read_file(args.input, source_format)
    name = "standard input" if args.input == "-" else visible_name(Path(args.input).name)
    header = f"Imported from {name} ({result.format}) by `debate import`."
    text = document(result.data, header=header)  # claims already in tree order
    if not args.quiet:
        _print_warnings(result.warnings)
    if output is None:
        sys.stdout.write(text)
    else:
        write_file(output, text.encode("utf-8"), overwrite_readonly=args.force)
        claims = len(result.data["claims"])
        count = len(result.warnings)
        warned = f", {count} warning{'s' if count > 1 else ''}" if count else ""
        print(
            f"{visible_name(str(output))}: {claims} claim{'s' * (claims != 1)} from"
            f" {result.format}{warned}",
            file=sys.stderr,
        )
    if args.report or (result.warnings and not args.quiet):
        for line in result.summary.lines():
            print(line, file=sys.stderr)
    return 0


def _print_warnings(warnings: list[Problem]) -> None:
    for problem in warnings[:MAX_WARNINGS]:
        print(replace(problem, message=f"warning: {problem.message}"), file=sys.stderr)
    if len(warnings) > MAX_WARNINGS:
        print(f"... and {len(warnings) - MAX_WARNINGS} more warnings", file=sys.stderr)
