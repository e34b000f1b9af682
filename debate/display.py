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
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from difflib import SequenceMatcher

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

LONE_SURROGATES = (0xD800, 0xDFFF, "lone surrogates")
"""Code points no UTF-8 file, stream or terminal takes. No map holds one (TOML cannot, and
the import readers refuse them), but a JSON or YAML escape can make one in a file being
read, and a message may quote it: it is shown as a stand-in too."""

UNSAFE = re.compile(
    "["
    + "".join(
        f"\\u{first:04x}-\\u{last:04x}" for first, last, _ in (*UNSAFE_CHARACTERS, LONE_SURROGATES)
    )
    + "]"
)
"""Matches one character of :data:`UNSAFE_CHARACTERS`, or a lone surrogate."""

STANCE_GLYPHS = {"pro": "+", "con": "-", "part": "◇", None: "●"}
STANCE_STYLES = {"pro": "green", "con": "red", "part": "cyan", None: "bold"}

_EIGHTHS = " ▏▎▍▌▋▊▉"


def strength_bar(value: float, width: int, trough: str = " ") -> str:
    """A strength 0-1 as ``width`` cells of bar, to an eighth of a cell: ``███▋`` + trough.

    The one bar (the app's tree and map view, the terminal picture, Markdown); rich's
    renderable around it is :class:`debate.render.StrengthBar`.
    """
    eighths = round(max(0.0, min(1.0, value)) * width * 8)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[rest] if rest else "")
    return bar + trough * (width - len(bar))


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


EDIT_MATCH_LIMIT = 1_000_000
"""Past this product of lengths the changed middle of an edit is not aligned character by
character (a quadratic step): it is taken as typed."""


def edited(value: str, original: str) -> str:
    """The text a user meant, having edited :func:`visible` ``(original)`` into ``value``.

    Edit fields show the stand-ins too (a raw ESC in an input box would reach the terminal
    like anywhere else). Unchanged, the original comes back exactly. Changed, the parts the
    user left as they were come back as the original held them (a stand-in becomes its
    character again), and what the user typed is kept as typed: a literal ``\\x1b`` in the
    text, or typed anew, stays those four characters, never an escape.

    The kept parts are found as the common start and end, then, in the changed middle, by
    :class:`difflib.SequenceMatcher` (bounded by :data:`EDIT_MATCH_LIMIT`).
    """
    shown = visible(original)
    if value == shown:
        return original
    if UNSAFE.search(original) is None:
        return value
    spans = _stand_in_spans(original)
    start, end = _kept_ends(shown, value, spans)
    middle_shown, middle_value = shown[start : len(shown) - end], value[start : len(value) - end]
    out = [_original_of(shown, spans, 0, start)]
    if len(middle_shown) * len(middle_value) <= EDIT_MATCH_LIMIT:
        matcher = SequenceMatcher(None, middle_shown, middle_value, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.append(_original_of(shown, spans, start + i1, start + i2))
            else:
                out.append(middle_value[j1:j2])
    else:
        out.append(middle_value)
    out.append(_original_of(shown, spans, len(shown) - end, len(shown)))
    return "".join(out)


def _kept_ends(shown: str, value: str, spans: list[tuple[int, int, str]]) -> tuple[int, int]:
    """How much of the start and of the end of ``shown`` the user left as it was.

    When the edit is ambiguous (``\\`` next to the stand-in ``\\x1f``, one backslash deleted:
    which one?), the split that keeps the most stand-ins whole wins: the screen looked the
    same either way, and the user's characters stay as they were.
    """
    most = min(len(shown), len(value))
    prefix = _common_prefix(shown, value)
    suffix = _common_prefix(shown[::-1], value[::-1])
    if prefix + suffix <= most:
        return prefix, suffix
    starts = [first for first, _, _ in spans]
    ends = [last for _, last, _ in spans]
    best, best_kept = prefix, -1
    for start in range(max(most - suffix, 0), min(prefix, most) + 1):
        end = most - start
        kept = bisect_right(ends, start) + len(spans) - bisect_left(starts, len(shown) - end)
        if kept > best_kept:
            best, best_kept = start, kept
    return best, most - best


def _stand_in_spans(original: str) -> list[tuple[int, int, str]]:
    """Where each unsafe character's stand-in sits in ``visible(original)``: start, end, char."""
    spans = []
    shift = 0
    for match in UNSAFE.finditer(original):
        width = len(stand_in(match.group()))
        start = match.start() + shift
        spans.append((start, start + width, match.group()))
        shift += width - 1
    return spans


def _original_of(shown: str, spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """``shown[start:end]`` with each stand-in wholly inside it turned back into its character
    (a stand-in cut by an edit is the characters the user left, literally)."""
    out = []
    at = start
    index = bisect_right(spans, (start, -1, ""))
    if index and spans[index - 1][1] > start:
        index -= 1
    while index < len(spans) and spans[index][0] < end:
        first, last, char = spans[index]
        if first >= at and last <= end:
            out.append(shown[at:first])
            out.append(char)
            at = last
        index += 1
    out.append(shown[at:end])
    return "".join(out)


def _common_prefix(one: str, other: str) -> int:
    limit = min(len(one), len(other))
    index = 0
    while index < limit and one[index] == other[index]:
        index += 1
    return index


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
    if text.isascii() and text.isprintable() and "  " not in text:  # the common case, fast
        flat = text.strip(" ")  # printable ASCII: nothing unsafe, no blank but the space
    else:
        flat = " ".join(visible(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat
