"""One way to open a map: any path in; the map, what it was read as, and where it saves.

The command line, the app's first load, its retry after an error, the session's reload, the
file watcher and the return from ``$EDITOR`` all open maps here, so a file another tool
wrote (``map.argdown``, ``talk.opml``) behaves the same at every door: it is converted on the
fly, and saving writes debate's TOML beside it (``map.toml``), never over the original.

No Textual here: every front end (terminal, browser, scripts) uses the same opener.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from debate.errors import MapError, Problem
from debate.files import FileError, path_inside, read_regular_file, write_file
from debate.formats import is_importable
from debate.model import Source
from debate.paths import DEFAULT_MAP_NAME, default_map_path, is_shipped, packaged_map_path
from debate.store import Fingerprint, LoadedMap, load_map, read_map_bytes

TOML_SUFFIX = ".toml"


def is_toml(path: str | os.PathLike[str]) -> bool:
    """Whether a path is read as a debate map (TOML): any name no reader claims."""
    return not is_importable(path)


def save_path_for(path: Path) -> Path:
    """Where saves of the map opened from ``path`` go.

    The file itself, except the map shipped inside the package, which is saved as
    ``./arguments.toml`` rather than edited in place, and a file of another tool, which is
    saved as TOML beside it (``map.argdown`` -> ``map.toml``).
    """
    if not is_toml(path):
        return path.with_suffix(TOML_SUFFIX)
    if is_shipped(path):
        return Path.cwd() / DEFAULT_MAP_NAME
    return path


@dataclass
class OpenedMap:
    """A map as opened: the map itself, the format it was read from, and what to tell."""

    loaded: LoadedMap
    format: str = "toml"
    warnings: list[Problem] = field(default_factory=list)

    @property
    def path(self) -> Path:
        assert self.loaded.path is not None
        return self.loaded.path

    @property
    def imported(self) -> bool:
        return self.format != "toml"

    @property
    def save_path(self) -> Path:
        return save_path_for(self.path)

    @property
    def notice(self) -> str | None:
        """What the app says on opening another tool's file (``None`` for a TOML map)."""
        if not self.imported:
            return None
        count = len(self.warnings)
        warned = f" with {count} warning{'s' * (count != 1)} (see `debate import`)" if count else ""
        return f"Imported from {self.format}{warned}; ctrl+s saves it as {self.save_path.name}"


def open_map(
    path: str | os.PathLike[str],
    format_name: str | None = None,
    progress: Callable[[float], None] | None = None,
) -> OpenedMap:
    """Open a debate TOML map or any file a reader understands.

    Raises :class:`~debate.errors.MapError` (one located line per problem) when the file is
    missing, unreadable or broken, whatever its format. ``progress``: see
    :func:`debate.store.load_map` (TOML maps only).
    """
    file = Path(path)
    if format_name in (None, "toml") and is_toml(file):
        return OpenedMap(load_map(file, progress))
    # ~5 ms a TOML map never pays: the readers load only for other formats
    from debate.formats.readers import read_bytes

    data = read_map_bytes(file)
    result = read_bytes(data, str(file), format_name)
    loaded = LoadedMap(result.argmap, file, "", Fingerprint.of_bytes(data))
    return OpenedMap(loaded, result.format, list(result.warnings))


def open_loaded(path: str | os.PathLike[str]) -> LoadedMap:
    """:func:`open_map`, for callers that need only the map."""
    return open_map(path).loaded


__all__ = [
    "DEFAULT_MAP_NAME",
    "MapError",
    "OpenedMap",
    "default_map_path",
    "is_toml",
    "open_loaded",
    "open_map",
    "packaged_map_path",
    "save_path_for",
]


MAX_COMPANION_BYTES = 20 * 1024 * 1024
"""A cited document larger than this is not copied along (a map's sources are texts)."""


def companions(text: str, sources: Mapping[str, Source]) -> list[str]:
    """The files a map refers to by relative path: its sources' ``path`` and the schema of
    its ``#:schema`` line (an address with ``://`` is not a file)."""
    found = [source.path for source in sources.values() if source.path]
    first = text.split("\n", 1)[0] if text else ""
    if first.startswith("#:schema "):
        reference = first.removeprefix("#:schema ").strip()
        if reference and "://" not in reference:
            found.append(reference)
    return list(dict.fromkeys(found))


def take_companions(
    origin: Path, target: Path, text: str, sources: Mapping[str, Source]
) -> list[str]:
    """After a map read from ``origin`` was saved as ``target`` in another folder (the map
    that ships with debate, saved to ``./arguments.toml``): copy the files it cites there,
    at the same relative paths, so ``debate lint`` finds them and the schema line resolves.

    Only regular files inside the origin's folder are read (nothing above it, no link out of
    it: :func:`~debate.files.path_inside`; at most :data:`MAX_COMPANION_BYTES`), only into
    the target's folder, and never over a file that exists. Returns the relative paths copied.
    """
    source_folder = Path(os.path.realpath(origin)).parent  # realpath: no error on a link loop
    target_folder = Path(os.path.realpath(target)).parent
    if source_folder == target_folder:
        return []
    copied = []
    for relative in companions(text, sources):
        source = path_inside(relative, source_folder, source_folder)
        destination = target_folder / relative
        if source is None or path_inside(relative, target_folder, target_folder) is None:
            continue
        try:
            if destination.exists() or destination.is_symlink():
                continue
            data, _ = read_regular_file(source, MAX_COMPANION_BYTES, follow_symlinks=False)
            destination.parent.mkdir(parents=True, exist_ok=True)
            write_file(destination, data)
        except (FileError, OSError):
            continue
        copied.append(relative)
    return copied
