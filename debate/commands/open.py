"""Open a map in the terminal app.

FILE defaults to ./arguments.toml when it exists, else the map that ships with debate.
A map with errors opens to a screen listing them (file:line:col), from which $EDITOR can be
opened at the first one; the app carries on once the file loads.
"""

from __future__ import annotations

import argparse

from debate.commands import add_map_argument


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
        if not path.is_file():
            raise  # nothing to edit: the command line reports it in one line
        from debate.tui.app import DebateApp

        result = DebateApp(None, path=path, problems=error.problems).run()
        return int(result or 0)
    from debate.tui.app import DebateApp  # Textual is imported only here

    result = DebateApp(loaded).run()
    return int(result or 0)
