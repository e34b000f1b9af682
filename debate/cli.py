"""The ``debate`` command line.

Start-up time matters (``debate validate`` runs in editors and git hooks), so this module
imports only argparse: each subcommand lives in ``debate.commands.<name>``, whose module top
stays light and whose ``run`` imports what it needs. Textual is imported only when the TUI
is launched.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Protocol

from debate import __version__


class Command(Protocol):
    """What every ``debate.commands.<name>`` module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


# (name, module, one-line help). Order is the order ``debate --help`` lists them in.
COMMANDS: list[tuple[str, str, str]] = [
    ("open", "debate.commands.open", "open a map in the terminal app (the default command)"),
    ("serve", "debate.commands.serve", "serve the app in a web browser, one app per tab"),
    ("show", "debate.commands.show", "print a map as a coloured tree"),
    ("validate", "debate.commands.validate", "check maps for syntax, schema and structure errors"),
    ("lint", "debate.commands.lint", "validate, then flag weak spots: missing sources, bad quotes"),
    ("new", "debate.commands.new", "write a commented starter map"),
    ("schema", "debate.commands.schema", "print the JSON Schema of the map format"),
    (
        "export",
        "debate.commands.export",
        "export a map: Markdown, HTML, JSON, Graphviz, Argdown...",
    ),
    (
        "import",
        "debate.commands.import_",
        "import a map: Argdown, Kialo, AIF, OPML, Markdown, JSON",
    ),
    ("score", "debate.commands.score", "score claims with a gradual semantics; explain one claim"),
    ("compare", "debate.commands.compare", "compare root verdicts under every perspective"),
    ("crux", "debate.commands.crux", "find the crux: which claims decide a verdict, what flips it"),
    ("diff", "debate.commands.diff", "show what changed between two maps, claim by claim"),
    ("merge", "debate.commands.merge", "three-way merge of maps claim by claim (git merge driver)"),
    ("git-setup", "debate.commands.git_setup", "make git diff and merge maps semantically"),
]

EPILOG = """\
With no command, debate opens FILE (default: ./arguments.toml, else the map that ships with
debate) in the terminal app: `debate`, `debate my-map.toml`.
Run `debate COMMAND --help` for a command's options. Exit status: 0 ok, 1 problems found,
2 usage error.
"""


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``selected``'s module is imported (the others just list their help)."""
    parser = argparse.ArgumentParser(
        prog="debate",
        description="Map a contested question as a tree of claims: navigate, weight, "
        "annotate and export it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"debate {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in COMMANDS:
        if name != selected:
            subparsers.add_parser(name, help=help_text, add_help=False)
            continue
        module: Command = importlib.import_module(module_name)
        sub = subparsers.add_parser(
            name,
            help=help_text,
            description=(module.__doc__ or help_text).strip(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run, subparser=sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of raising."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    names = {name for name, _, _ in COMMANDS}
    if not arguments or (arguments[0] not in names and not arguments[0].startswith("-")):
        arguments.insert(0, "open")
    selected = arguments[0] if arguments[0] in names else None
    parser = build_parser(selected)
    args, unknown = parser.parse_known_args(arguments)
    if unknown:  # report it with the command's own usage line, not the top-level one
        (getattr(args, "subparser", None) or parser).error(
            f"unrecognized arguments: {' '.join(unknown)}"
        )
    # here, not at the top: the parser and --help skip their ~11 ms
    from debate.display import visible
    from debate.errors import DebateError

    _never_fail_to_encode()
    try:
        return int(args.handler(args))
    except DebateError as error:
        print(visible(str(error)), file=sys.stderr)  # file names and values come from maps
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `debate show big.toml | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        # here, not at the top: the parser imports only what it needs
        from debate.perf import release

        release()  # what the command froze (its maps) is the collector's again


def _never_fail_to_encode() -> None:
    """Let stdout and stderr show what they cannot encode as ``\\udcff`` escapes.

    A file name of bytes that are not UTF-8 reaches Python as lone surrogates; printing it
    in a message must not end the command with a traceback. (Standard error already does
    this; a C locale's standard output writes the original bytes back and is left alone.)
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
