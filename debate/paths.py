"""Where maps are found when none is named: ``./arguments.toml``, else the shipped map.

Kept apart from :mod:`debate.opener` because the command line's parser needs these names
without paying for pydantic (``debate --help`` stays instant).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MAP_NAME = "arguments.toml"


def packaged_map_path() -> Path:
    """The map that ships inside the package (so an installed ``debate`` always has one)."""
    return Path(__file__).resolve().parent / "data" / DEFAULT_MAP_NAME


def is_shipped(path: Path | None) -> bool:
    """Whether ``path`` is the packaged map, which is saved as a copy, never edited in place."""
    if path is None:
        return False
    try:
        # realpath, not resolve(): Python 3.11's resolve() raises RuntimeError on a link loop
        return Path(os.path.realpath(path)) == packaged_map_path()
    except (OSError, ValueError):
        return False


def default_map_path() -> Path:
    """``./arguments.toml`` when there is one, else the packaged map."""
    local = Path(DEFAULT_MAP_NAME)
    return local if local.is_file() else packaged_map_path()
