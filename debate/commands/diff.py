"""Show what changed between two versions of a map, claim by claim.

    debate diff OLD NEW                  claims added, removed, moved, reworded (word diff),
                                         restanced, reweighted; notes, tags, links, sources,
                                         perspectives; how each root's verdict moved
    debate diff --textconv FILE          one line per fact, for git's diff.debate.textconv
    debate diff PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX NEW-MODE
                                         git's external diff form (diff.debate.command)

OLD or NEW may be /dev/null (a map that does not exist yet). `debate git-setup` configures
git to use both forms; see docs/GIT.md. In git's forms a file that is not a valid map falls
back to a plain line diff instead of failing. Exit status is 0, or with --exit-code 1 when
the maps differ.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from typing import TYPE_CHECKING

from debate.commands import add_plain_argument, console, load

if TYPE_CHECKING:
    from rich.console import Console

    from debate.diff import MapDiff
    from debate.model import ArgumentMap

NULL = "/dev/null"
GIT_FORMS = (7, 9)
"""git calls an external diff with 7 arguments, or 9 when it detected a rename."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="FILE", help="OLD NEW, or git's 7 external-diff arguments"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the differences as JSON")
    output.add_argument(
        "--textconv",
        action="store_true",
        help="print one map (FILE) as a line-per-fact outline, for git's textconv",
    )
    add_plain_argument(parser)
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output (auto: on a terminal or in git's pager, unless NO_COLOR)",
    )
    parser.add_argument(
        "--no-verdicts", action="store_true", help="do not score the maps (faster on huge maps)"
    )
    parser.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when the maps differ, like diff(1)"
    )


def run(args: argparse.Namespace) -> int:
    paths: list[str] = args.paths
    if args.textconv:
        if len(paths) != 1:
            return _usage("--textconv takes exactly one FILE")
        return _textconv(paths[0], verdicts=not args.no_verdicts)
    if len(paths) in GIT_FORMS:
        return _git_diff(args, paths)
    if len(paths) == 1:
        if "GIT_DIFF_PATH_TOTAL" in os.environ:  # git's call for an unmerged path
            # here, not at the top: the parser imports this module
            from debate.display import visible

            print(f"* Unmerged path {visible(paths[0])}")
            return 0
        return _usage("expected OLD NEW (two files), or git's seven external-diff arguments")
    if len(paths) != 2:
        return _usage(f"expected OLD NEW (two files), got {len(paths)} arguments")
    # here, not at the top: the parser imports this module
    from debate.diff import diff_maps
    from debate.perf import collector_paused

    old, new = _load(paths[0]), _load(paths[1])
    with collector_paused():  # scores and comparisons of two big maps: no cycles among them
        result = diff_maps(old, new, verdicts=not args.no_verdicts)
    _print(args, result, (paths[0], paths[1]))
    return 1 if args.exit_code and result.changed else 0


def _usage(message: str) -> int:
    print(f"debate diff: {message}", file=sys.stderr)
    return 2


def _load(path: str) -> ArgumentMap:
    # here, not at the top: the parser imports this module
    from debate.diff import empty_map

    if path == NULL:
        return empty_map()
    return load(path).argmap


def _textconv(path: str, verdicts: bool) -> int:
    """Never fails: git aborts the whole diff if a textconv does, so bad maps show as text."""
    # here, not at the top: the parser imports this module
    from debate.diff import outline
    from debate.errors import MapError

    try:
        lines = outline(_load(path), verdicts=verdicts)
    except MapError as error:
        first = str(error).splitlines()[0]
        sys.stdout.write(f"# debate: not a valid map ({first}); showing the raw text\n")
        sys.stdout.writelines(_shown_lines(path))
        return 0
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _shown_lines(path: str) -> list[str]:
    """A file's text for the line-diff fallbacks, safe for a terminal: git shows it in a pager.

    The file is not a valid map, so nothing about it is trusted: every character that
    :func:`debate.display.visible` covers becomes a visible stand-in, and lines break at
    ``\n`` (or ``\r\n``) only. Empty when it is not a regular file (a FIFO or /dev/zero
    would hang or fill memory) or too large.
    """
    # here, not at the top: the parser imports this module
    from debate.display import visible
    from debate.files import FileReadError, read_regular_file

    try:
        data, _ = read_regular_file(path)
    except FileReadError:
        return []
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return visible(text).splitlines(keepends=True)  # after visible, only "\n" breaks a line


def _git_diff(args: argparse.Namespace, paths: list[str]) -> int:
    """git's external diff: PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX NEW-MODE [NEW-PATH INFO]."""
    # here, not at the top: the parser imports this module
    from debate.diff import diff_maps
    from debate.errors import MapError

    path, old_file, new_file = paths[0], paths[1], paths[4]
    new_path = paths[7] if len(paths) == 9 else path
    title = (f"a/{path}", f"b/{new_path}")
    try:
        old, new = _load(old_file), _load(new_file)
    except MapError as error:
        _text_fallback(args, title, old_file, new_file, str(error).splitlines()[0])
        return 0
    _print(args, diff_maps(old, new, verdicts=not args.no_verdicts), title, git=True)
    return 0


def _text_fallback(
    args: argparse.Namespace, title: tuple[str, str], old_file: str, new_file: str, why: str
) -> None:
    """A side is not a valid map (a half-edited file, a merge in progress): a line diff."""
    # here, not at the top: the parser imports this module
    from debate.display import visible

    def read(file: str) -> list[str]:
        return [] if file == NULL else _shown_lines(file)

    old, new = (visible(name) for name in title)
    sys.stdout.write(f"debate diff {old} {new}\n# not a valid map ({why}); line diff follows\n")
    sys.stdout.writelines(difflib.unified_diff(read(old_file), read(new_file), "a", "b", n=3))


def _print(
    args: argparse.Namespace, result: MapDiff, title: tuple[str, str], git: bool = False
) -> None:
    if args.json:
        # here, not at the top: the parser imports this module
        from debate.display import safe_json

        sys.stdout.write(safe_json(json.dumps(result.to_json(), indent=2, ensure_ascii=False)))
        sys.stdout.write("\n")
        return
    # here, not at the top: the parser imports this module
    from debate.commands.diff_output import Renderer

    out = _console(args, git)
    renderer = Renderer(plain=args.plain, color=out.color_system is not None)
    for line in renderer.lines(result, title):
        out.print(line, soft_wrap=True)  # one line per fact: grep-able, never re-wrapped


def _console(args: argparse.Namespace, git: bool) -> Console:
    """The shared console, except that colour follows --color and git's pager."""
    out = console(plain=args.plain)
    wants = args.color == "always" or (
        args.color == "auto" and git and os.environ.get("GIT_PAGER_IN_USE") == "true"
    )
    no_color = args.plain or args.color == "never" or os.environ.get("NO_COLOR", "") != ""
    if wants and not no_color:
        # here, not at the top: the parser imports this module
        from rich.console import Console

        out = Console(
            file=out.file,
            force_terminal=True,
            highlight=False,
            emoji=False,
            markup=False,
            width=out.width,
        )
    elif args.color == "never":
        # here, not at the top: the parser imports this module
        from rich.console import Console

        out = Console(
            file=out.file, no_color=True, color_system=None, highlight=False, markup=False
        )
    return out
