"""Open a map in the terminal app.

FILE defaults to ./arguments.toml when it exists, else the map that ships with debate.
A map with errors opens to a screen listing them (file:line:col), from which $EDITOR can be
opened at the first one; the app carries on once the file loads. Without a terminal (piped,
in scripts) the errors are printed one per line instead, with exit status 1.
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument


def _interactive() -> bool:
    """Whether a person is at a terminal (else errors are printed, not shown in the app)."""
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from debate.commands import default_map_path, load
    from debate.errors import MapError

    path = Path(args.file) if args.file is not None else default_map_path()
    try:
        loaded = load(str(path))
    except MapError as error:
        if not path.is_file() or not _interactive():
            raise  # nothing to edit, or nobody to show it to: one line each, exit 1
        from debate.tui.app import DebateApp

        result = DebateApp(None, path=path, problems=error.problems).run()
        return int(result or 0)
    from debate.tui.app import DebateApp  # Textual is imported only here

    result = DebateApp(loaded).run()
    return int(result or 0)
