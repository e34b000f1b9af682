"""Import readers: maps from Argdown, Kialo text, AIF JSON, OPML and Markdown outlines.

One module per input format, each with ``read(source: SourceText) -> ImportResult``. The
registry below knows every format's name, extensions and description without importing its
module, so ``debate import --help`` and format detection stay cheap. Front ends call::

    from debate.formats.readers import read_file
    result = read_file("debate.argdown")          # format from extension, then content
    result.argmap, result.warnings, result.format

Front ends open maps of any kind through :mod:`debate.opener`, which calls these.

How graphs become trees, and everything else each format maps to, is in docs/IMPORT.md.
Pure: imports neither Textual nor rich.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from debate.formats.readers.common import (
    ImportResult,
    ReadError,
    SourceText,
    decode,
)


@dataclass(frozen=True)
class ReaderInfo:
    """A registry entry: ``module`` is the reader's module name inside this package."""

    name: str
    module: str
    extensions: tuple[str, ...]
    description: str


READERS: dict[str, ReaderInfo] = {
    info.name: info
    for info in (
        ReaderInfo(
            "argdown",
            "argdown",
            (".argdown", ".ad"),
            "Argdown: statements, arguments, relations, premise-conclusion structures",
        ),
        ReaderInfo(
            "kialo",
            "kialo",
            (".kialo.txt", ".kialo"),
            "Kialo's plain-text export (Discussion Title:, 1.1. Pro:, -> See)",
        ),
        ReaderInfo(
            "aif",
            "aif",
            (".aif.json", ".aif", ".json"),
            "AIF JSON (AIFdb/OVA): I-nodes, RA/CA/MA relations",
        ),
        ReaderInfo("opml", "opml", (".opml",), "OPML outlines from outliners"),
        ReaderInfo(
            "markdown",
            "markdown",
            (".md", ".markdown"),
            "Markdown outlines (nested bullets, Pro:/Con: or +/- markers)",
        ),
    )
}

IMPORTABLE_EXTENSIONS: tuple[str, ...] = (
    *(extension for info in READERS.values() for extension in info.extensions),
    ".txt",
)


def reader_names() -> list[str]:
    return list(READERS)


def format_for_name(name: str) -> str | None:
    """The format a file name implies by its extension (longest match wins), or None.

    ``.txt`` and ``.json`` are ambiguous; :func:`detect_format` settles them by content.
    """
    lowered = name.lower()
    best: tuple[int, str] | None = None
    for info in READERS.values():
        for extension in info.extensions:
            if lowered.endswith(extension) and (best is None or len(extension) > best[0]):
                best = (len(extension), info.name)
    return best[1] if best else None


_KIALO = re.compile(r"\A\s*(?:Discussion Title:|1\.\s)|^1\.1\.\s+(?:Pro|Con):", re.MULTILINE)
_ARGDOWN = re.compile(
    r"\A\s*===|^\s*[\[<][^\]\n>]+[\]>]:|^\s*(?:<?[+-]|[+-]>|><|<?_)\s*[\[<]|^\s*\(1\)\s",
    re.MULTILINE,
)
_OUTLINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S", re.MULTILINE)


def detect_format(name: str, text: str) -> str:
    """The format of a file, from its extension and, where that says too little, its content."""
    head = text[:4096].lstrip("\ufeff \t\n")
    by_name = format_for_name(name)
    if name.lower().endswith(".toml"):
        raise ReadError.single(name, "this is already a debate map (TOML); nothing to import")
    if by_name in ("argdown", "opml", "markdown") or name.lower().endswith(".kialo.txt"):
        return by_name or "kialo"
    if head.startswith("{"):
        return "aif"
    if head.startswith("<") and re.search(r"<opml\b", text[:4096]):
        return "opml"
    if by_name is not None and by_name != "aif":
        return by_name
    if _KIALO.search(head):
        return "kialo"
    if _ARGDOWN.search(head):
        return "argdown"
    if _OUTLINE.search(head) or name.lower().endswith(".txt"):
        return "markdown"
    if by_name == "aif":
        return "aif"
    known = ", ".join(READERS)
    raise ReadError.single(name, f"cannot tell this file's format; use --from ({known})")


def read_text(source: SourceText, format_name: str | None = None) -> ImportResult:
    """Read decoded text in ``format_name`` (detected when None)."""
    name = format_name or detect_format(source.name, source.text)
    info = READERS.get(name)
    if info is None:
        from debate.model import did_you_mean

        raise ReadError.single(
            source.name,
            f"unknown import format {name!r}{did_you_mean(name, READERS)}; "
            f"known: {', '.join(READERS)}",
        )
    module = importlib.import_module(f"{__name__}.{info.module}")
    try:
        result: ImportResult = module.read(source)
    except ReadError:
        raise
    except (RecursionError, MemoryError):
        raise ReadError.single(source.name, "the file is nested too deeply to read") from None
    except Exception as error:  # a reader bug must still not end in a traceback
        raise ReadError.single(
            source.name,
            f"internal error in the {name} reader ({type(error).__name__}: {error}); "
            "please report it with the file",
        ) from error
    return result


def read_bytes(data: bytes, name: str, format_name: str | None = None) -> ImportResult:
    return read_text(decode(data, name), format_name)


def read_file(path: str | os.PathLike[str], format_name: str | None = None) -> ImportResult:
    """Import a file; raises :class:`ReadError` (one located line per problem) on bad input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError.single(str(path), f"cannot read: {error.strerror or error}") from None
    result = read_bytes(data, str(path), format_name)
    result.path = path
    return result


def is_importable(path: str | os.PathLike[str]) -> bool:
    """Whether a file name says another tool's format (anything else is read as TOML)."""
    lowered = str(path).lower()
    return not lowered.endswith(".toml") and lowered.endswith(IMPORTABLE_EXTENSIONS)


__all__ = [
    "IMPORTABLE_EXTENSIONS",
    "READERS",
    "ImportResult",
    "ReadError",
    "ReaderInfo",
    "SourceText",
    "decode",
    "detect_format",
    "format_for_name",
    "is_importable",
    "read_bytes",
    "read_file",
    "read_text",
    "reader_names",
]
