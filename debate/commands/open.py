"""Open a map in the terminal app.

FILE defaults to ./arguments.toml when it exists, else the map that ships with debate.
Files of other tools (Argdown, Kialo text, AIF JSON, OPML, Markdown outlines) open converted
on the fly; ctrl+s then saves the map as TOML beside them (never over an existing file).
A map with errors opens to a screen listing them (file:line:col), from which $EDITOR can be
opened at the first one; the app carries on once the file loads. Without a terminal (piped,
in scripts) the errors are printed one per line instead, with exit status 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from debate.commands import add_map_argument

if TYPE_CHECKING:
    from debate.store import LoadedMap


def _interactive() -> bool:
    """Whether a person is at a terminal (else errors are printed, not shown in the app)."""
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)


def load_for_app(path: Path) -> tuple[LoadedMap, str | None]:
    """The map to open, and a notice for the user when it was imported from another tool."""
    from debate.commands import load
    from debate.formats.readers import is_importable

    if not is_importable(path):
        return load(str(path)), None
    from debate.formats.readers import load_any
    from debate.store import LoadedMap

    result = load_any(path)  # ReadError is a MapError: one located line per problem
    loaded = LoadedMap(result.argmap, path, "", None)
    count = len(result.warnings)
    notice = (
        f"Imported from {result.format}"
        + (f" with {count} warning{'s' * (count != 1)} (see `debate import`)" if count else "")
        + f"; ctrl+s saves it as {path.with_suffix('.toml').name}"
    )
    return loaded, notice


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from debate.commands import default_map_path
    from debate.errors import MapError

    path = Path(args.file) if args.file is not None else default_map_path()
    try:
        loaded, notice = load_for_app(path)
    except MapError as error:
        if not path.is_file() or not _interactive():
            raise  # nothing to edit, or nobody to show it to: one line each, exit 1
        from debate.tui.app import DebateApp

        result = DebateApp(None, path=path, problems=error.problems).run()
        return int(result or 0)
    from debate.tui.app import DebateApp  # Textual is imported only here

    # an imported file is not watched: it is not the file that will be saved
    result = DebateApp(loaded, notice=notice, watch=notice is None).run()
    return int(result or 0)
