"""Open a map in the terminal app.

FILE defaults to ./arguments.toml when it exists, else the map that ships with debate.
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)


def run(args: argparse.Namespace) -> int:
    from debate.commands import load

    loaded = load(args.file)  # errors are reported by the command line, one line each
    from debate.tui.app import DebateApp  # Textual is imported only here

    DebateApp(loaded).run()
    return 0
