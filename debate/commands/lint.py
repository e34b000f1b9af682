"""Validate maps, then report weak spots: claims that cite no source, quotes that do not
appear in the cited source's file, weights or stances on a root, links to the claim itself
or to its own parent or child, duplicate links, and sources nothing cites.

Quotes are checked against the source's `path`, read only when it is a regular file inside
the map's folder (or --source-root DIR); any other path is a finding, and is not read.

Each finding is one line, FILE:LINE:COL: KEY: MESSAGE [rule]. Exit status is 1 when any
file has an error or a finding, else 0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from debate.commands import add_files_arguments, load_each


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_files_arguments(parser)
    parser.add_argument(
        "--source-root",
        metavar="DIR",
        help="let sources' paths reach anywhere inside DIR (default: only the map's own folder)",
    )


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.display import visible_name
    from debate.lint import findings_as_issues, lint_map
    from debate.perf import collector_paused, write_lines
    from debate.store import locate_issues

    root = Path(args.source_root) if args.source_root else None
    status = 0
    for file, loaded in load_each(args.files):
        if loaded is None:
            status = 1
            continue
        assert loaded.path is not None
        with collector_paused():  # a finding per claim of a big map: no cycles among them
            findings = lint_map(loaded.argmap, loaded.path.parent, root)
            problems = locate_issues(findings_as_issues(findings), loaded.text, file)
            problems.sort(key=lambda problem: (problem.line, problem.col))
            write_lines(map(str, problems))
        if findings:
            status = 1
        elif not args.quiet:
            print(f"{visible_name(file)}: ok, nothing to report")
    return status
