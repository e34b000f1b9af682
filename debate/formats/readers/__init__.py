"""Import readers: maps from Argdown, Kialo text, AIF JSON, OPML and Markdown outlines.

One module per input format, each with ``read(source: SourceText) -> ImportResult``. Which
formats exist, their names, aliases and extensions, is the one codec table in
:mod:`debate.formats` (:data:`READERS` here is its view of the formats that read); no reader
module is imported until its format is used, so ``debate import --help`` and format
detection stay cheap. Front ends call::

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
from pathlib import Path

from debate.display import visible_name
from debate.files import FileReadError, read_regular_file
from debate.formats import (
    READ_BY_CONTENT,
    Codec,
    FormatError,
    codec_for_path,
    codecs,
    find_codec,
    is_importable,
)
from debate.formats.readers.common import (
    ImportResult,
    ReadError,
    SourceText,
    decode,
    refuse_lone_surrogates,
)
from debate.perf import collector_paused

READERS: dict[str, Codec] = {codec.name: codec for codec in codecs(reads=True)}
"""The formats debate imports, by name (a view of the one codec table,
:data:`debate.formats.CODECS`)."""

_NAMED = [extension for codec in READERS.values() for extension in codec.extensions]
IMPORTABLE_EXTENSIONS: tuple[str, ...] = tuple(dict.fromkeys([*_NAMED, *READ_BY_CONTENT]))
"""Every file extension that opens as another tool's file (:func:`is_importable`)."""


def reader_names() -> list[str]:
    return list(READERS)


def format_for_name(name: str) -> str | None:
    """The import format a file name implies by its extension (longest match wins), or None.

    ``.txt`` and ``.json`` say too little (:data:`debate.formats.READ_BY_CONTENT`):
    :func:`detect_format` settles them by content.
    """
    codec = codec_for_path(name)
    if codec is None or not codec.reads:
        return None
    if name.lower().endswith(READ_BY_CONTENT) and not any(
        name.lower().endswith(extension)
        for extension in codec.extensions
        if extension not in READ_BY_CONTENT
    ):
        return None
    return codec.name


_KIALO = re.compile(r"\A\s*(?:Discussion Title:|1\.\s)|^1\.1\.\s+(?:Pro|Con):", re.MULTILINE)
_ARGDOWN = re.compile(
    r"\A\s*===|^\s*[\[<][^\]\n>]+[\]>]:|^\s*(?:<?[+-]|[+-]>|><|<?_)\s*[\[<]|^\s*\(1\)\s",
    re.MULTILINE,
)
_DEBATE_JSON = re.compile(r'"format"\s*:\s*"debate-(?:export|scores)"')
"""debate's own JSON (``export -f json``, ``score --json``): its format key comes early."""
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
        return "json" if _DEBATE_JSON.search(head) else "aif"
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
    if by_name == "aif" or name.lower().endswith(".json"):
        return "aif"
    known = ", ".join(READERS)
    raise ReadError.single(name, f"cannot tell this file's format; use --from ({known})")


def read_text(source: SourceText, format_name: str | None = None) -> ImportResult:
    """Read decoded text in ``format_name`` (detected when None).

    The map is checked by the model's own validation here, so a reader's mistake is one
    error line, never a broken map written or opened (``debate import`` then writes
    :attr:`ImportResult.data`, which the tests prove is the model's own dump).
    """
    try:
        codec = find_codec(format_name or detect_format(source.name, source.text), reads=True)
    except FormatError as error:
        raise ReadError.single(source.name, str(error)) from None
    name = codec.name
    module = importlib.import_module(f"{__name__}.{codec.reader}")
    try:
        with collector_paused():  # a big file's graph: many small objects, no cycles kept
            result: ImportResult = module.read(source)
            refuse_lone_surrogates(result.data, source)
            result.argmap  # noqa: B018 (built and checked now, inside this error handling)
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
    """Import a file; raises :class:`ReadError` (one located line per problem) on bad input.

    Read through :func:`debate.files.read_regular_file`: a FIFO or a device is refused, not
    read, and so is a file beyond the size cap.
    """
    path = Path(path)
    try:
        data, _ = read_regular_file(path)
    except FileReadError as error:
        raise ReadError.single(str(path), f"cannot read: {error.reason}") from None
    result = read_bytes(data, visible_name(str(path)), format_name)  # titles too
    result.path = path
    return result


__all__ = [
    "IMPORTABLE_EXTENSIONS",
    "READERS",
    "ImportResult",
    "ReadError",
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
