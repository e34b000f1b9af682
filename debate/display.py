"""Showing and writing user text safely: claim text is data, never markup or terminal control.

Rich and Textual interpret ``[bold]`` only in markup strings, so callers pass
:class:`rich.text.Text`; but a raw ``ESC`` would still reach the terminal (recolour it, set its
title, clear the screen), a right-to-left override (U+202E) would reorder what the reader sees,
and U+2028 or NEL (U+0085) would break a line where a program does not expect one.

:data:`UNSAFE_CHARACTERS` is the one table of such characters. The app, ``debate show`` and
``score`` print them as visible stand-ins (:func:`visible`); every export format escapes
exactly the same set its own way (JSON ``\\u`` escapes, XML character references, or the
stand-ins where a format cannot carry them; docs/EXPORT.md lists each).
"""

from __future__ import annotations

import re
from collections.abc import Callable

UNSAFE_CHARACTERS: tuple[tuple[int, int, str], ...] = (
    (0x00, 0x08, "C0 control characters"),
    (0x0B, 0x1F, "C0 control characters (ESC starts terminal escapes; VT, FF and CR too)"),
    (0x7F, 0x9F, "DEL and the C1 controls (CSI, OSC, NEL U+0085)"),
    (0x2028, 0x2029, "line and paragraph separators"),
    (0x202A, 0x202E, "bidi embeddings and overrides (LRE RLE PDF LRO RLO)"),
    (0x2066, 0x2069, "bidi isolates (LRI RLI FSI PDI)"),
)
"""Every character user text may hold but no terminal, viewer or line-based file should get
raw, as inclusive ranges of code points. Tab and newline are not in it: they are ordinary
text. Bidi *marks* (LRM, RLM, ALM) are not either: right-to-left writing needs them and they
cannot reorder text beyond their neighbours."""

UNSAFE = re.compile(
    "[" + "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last, _ in UNSAFE_CHARACTERS) + "]"
)
"""Matches one character of :data:`UNSAFE_CHARACTERS`."""

STANCE_GLYPHS = {"pro": "+", "con": "-", "part": "◇", None: "●"}
STANCE_STYLES = {"pro": "green", "con": "red", "part": "cyan", None: "bold"}


def stand_in(char: str) -> str:
    """The visible form of one unsafe character: ``\\x1b`` below U+0100, else ``\\u202e``."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def replace_unsafe(text: str, replacement: Callable[[str], str]) -> str:
    """``text`` with each unsafe character replaced by ``replacement(character)``.

    The hook for formats with an escaping of their own (a JSON ``\\u`` escape, an XML
    character reference); everything else uses :func:`visible`.
    """
    if UNSAFE.search(text) is None:  # the common case: no work, no copy
        return text
    return UNSAFE.sub(lambda match: replacement(match.group()), text)


def visible(text: str) -> str:
    """``text`` with every unsafe character (ANSI escapes included) shown as a stand-in."""
    return replace_unsafe(text, stand_in)


def visible_name(name: str) -> str:
    """A file name as text any UTF-8 file or stream takes, for messages and comments.

    A name of bytes that are not UTF-8 reaches Python with those bytes as lone surrogates,
    which no UTF-8 encoder takes: they are shown as ``\\xff``; then :func:`visible` applies.
    """
    try:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file system gave (a Python caller's)
        text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return visible(text)


_STAND_IN = re.compile(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}")


def edited(value: str, original: str) -> str:
    """The text a user meant, having edited :func:`visible` ``(original)`` into ``value``.

    Edit fields show the stand-ins too (a raw ESC in an input box would reach the terminal
    like anywhere else). Unchanged, the original comes back exactly; changed, each stand-in
    of a character the original held becomes that character again, so editing one word of a
    text keeps its other characters as they were.
    """
    if value == visible(original):
        return original
    present = set(UNSAFE.findall(original))
    if not present:
        return value

    def back(match: re.Match[str]) -> str:
        char = chr(int(match.group()[2:], 16))
        return char if char in present else match.group()

    return _STAND_IN.sub(back, value)


def has_unsafe(text: str) -> bool:
    return UNSAFE.search(text) is not None


def json_escape(char: str) -> str:
    """The JSON (and YAML) escape of one character: ``\\u202e``."""
    return f"\\u{ord(char):04x}"


def safe_json(encoded: str) -> str:
    """JSON text written with ``ensure_ascii=False`` with every unsafe character escaped.

    The encoder escapes C0 controls itself but writes DEL, C1 controls, bidi overrides and
    U+2028 raw; they can only occur inside strings, so escaping them keeps the same data.
    """
    return replace_unsafe(encoded, json_escape)


def one_line(text: str, limit: int | None = None) -> str:
    """A claim's text on a single line (tree labels and tables), optionally shortened."""
    flat = " ".join(visible(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat
