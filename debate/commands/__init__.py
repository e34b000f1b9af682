"""One module per subcommand: ``add_arguments(parser)`` and ``run(args) -> int``.

Module tops import only argparse and this package, so building the parser stays cheap; the
real work (and pydantic, rich, Textual) is imported inside ``run``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from debate.paths import DEFAULT_MAP_NAME, default_map_path

if TYPE_CHECKING:
    from rich.console import Console

    from debate.store import LoadedMap


def add_map_argument(parser: argparse.ArgumentParser, optional: bool = False) -> None:
    if optional:
        parser.add_argument(
            "file",
            nargs="?",
            help=f"map file (default: ./{DEFAULT_MAP_NAME}, else the map shipped with debate)",
        )
    else:
        parser.add_argument("file", help="map file (TOML)")


def add_plain_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain",
        action="store_true",
        help="no colour, no box drawing: an outline that reads well in a screen reader",
    )


def add_files_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE...`` and ``--quiet``, for the commands that check several maps at once."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="map files to check")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def load_each(files: list[str]) -> Iterator[tuple[str, LoadedMap | None]]:
    """Each file with its map, or with ``None`` after printing why it could not be read."""
    # here, not at the top: the parser imports this package
    from debate.errors import MapError

    for file in files:
        try:
            loaded = _open_for_good(file)
        except MapError as error:
            print(error, file=sys.stderr)
            yield file, None
            continue
        yield file, loaded


def non_negative_int(value: str) -> int:
    """argparse type for ``--depth N`` and the like: a clear message instead of a traceback."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def load(file: str | None) -> LoadedMap:
    """Open a map of any format, or raise :class:`~debate.errors.MapError` (reported by
    ``cli.main``)."""
    return _open_for_good(file if file is not None else default_map_path())


def _open_for_good(path: str | os.PathLike[str]) -> LoadedMap:
    """A map a command keeps until it ends: read with the collector paused, and frozen
    before it resumes (see :func:`debate.perf.keep_for_good`)."""
    # here, not at the top: the parser imports this package
    from debate.opener import open_loaded
    from debate.perf import collector_paused, keep_for_good

    with collector_paused():
        loaded = open_loaded(path)
        keep_for_good()
    return loaded


def console(plain: bool = False, stderr: bool = False) -> Console:
    """A rich console that honours ``--plain`` and ``NO_COLOR``; wide when piped."""
    # here, not at the top: the parser imports this package
    from rich.console import Console

    no_color = plain or ("NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "")
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 100
    return Console(
        file=stream,
        no_color=no_color,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        width=width,
        soft_wrap=plain,
    )
