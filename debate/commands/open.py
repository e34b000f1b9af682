"""Open a map in the terminal app.

FILE defaults to ./arguments.toml when it exists, else the map that ships with debate.
Files of other tools (Argdown, Kialo text, AIF JSON, OPML, Markdown outlines) open converted
on the fly; ctrl+s then saves the map as TOML beside them (never over an existing file).
The app shows at once and reads the file in the background ("Opening FILE…"), so a big map
never leaves a blank terminal. A map with errors opens to a screen listing them
(file:line:col), from which $EDITOR can be opened at the first one; the app carries on once
the file loads. Without a terminal (piped, in scripts) the errors are printed one per line
instead, with exit status 1. A FILE that does not exist is one line suggesting `debate new`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from debate.commands import add_map_argument
from debate.paths import default_map_path


def _served() -> bool:
    """Whether we are a browser tab's app (``debate serve`` runs us with textual-serve's
    web driver)."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def _interactive() -> bool:
    """Whether a person is at a terminal or a browser tab (else errors are printed, not
    shown in the app)."""
    return _served() or (sys.stdin.isatty() and sys.stdout.isatty())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.errors import DebateError
    from debate.files import name_problem
    from debate.opener import open_map

    if _served():
        # here, not at the top: the parser imports this module
        from debate.serve.orphan import end_with_the_server

        end_with_the_server()

    path = Path(args.file) if args.file is not None else default_map_path()
    if name_problem(path) is None and not path.exists() and not path.is_symlink():
        name = shlex.quote(str(path))
        raise DebateError(f"{path}: no such file; to start a new map there: debate new {name}")
    if path.is_file() and _interactive():
        from debate.tui.app import DebateApp  # Textual is imported only here

        # the app paints at once and reads the file in a thread (a big map takes seconds);
        # a map that does not load opens to its problems there
        result = DebateApp(None, path=path).run()
        return int(result or 0)
    opened = open_map(path)  # nobody to show problems to: printed, one line each, exit 1
    # here, not at the top: the parser imports this module
    from debate.tui.app import DebateApp

    result = DebateApp(opened).run()
    return int(result or 0)
