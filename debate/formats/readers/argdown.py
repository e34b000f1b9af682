"""Argdown as people write it: statements, arguments, relations and reconstructions.

The reader follows the official Argdown parser's rules (its lexer and model plugin) where
they decide what a document means, and is tolerant where the official parser would refuse:

- YAML front matter between ``===`` lines: ``title``, ``subTitle``/``description``, ``author``
  (one name, or a list of them) become the map's; ``model: {mode: strict}`` or ``loose``
  changes no stance (support and entailment are pro; attack, contrariness and contradiction
  are con). Other keys are Argdown's display settings: dropped, with one warning per key.
- ``//`` line comments, ``/* */`` and ``<!-- -->`` block comments (also mid-line; ``//`` in a
  bare URL starts a comment, as in Argdown, and says so in a warning: put URLs in
  ``[text](url)`` links).
- Statements ``[Title]: text`` (text may run over several lines), references ``[Title]``,
  untitled statements; statements with the same title are one claim (an equivalence class):
  the last text wins, as in Argdown, and other wordings are kept as notes. A title that is
  no valid id is kept in the claim's ``title``, so an export writes it back and
  ``@[Title]`` mentions still find it.
- Arguments ``<Title>: description`` and ``<Title>``; a claim whose text is the description
  (or the title).
- Relations under an element, by indentation: ``+``/``<+`` support, ``-``/``<-`` attack,
  ``_``/``<_`` undercut, and the outgoing forms ``+>``, ``->``, ``_>``; ``><`` contradiction.
  An undercut attacks the argument (or statement) it hangs under.
- Premise–conclusion structures ``(1) ... ---- (n) ...`` after an argument: the premises are
  pro children of the argument, the argument is a pro child of its main conclusion, and an
  intermediate conclusion gets the premises of its own inference. Relations an argument with
  a reconstruction makes to other claims are its conclusion's (Argdown's rule). A structure
  with no argument above it hangs its premises under the conclusion directly.
- ``#`` headings (which run on until a blank line or the next element) are groups: every
  claim defined under one gets the heading as a tag. ``#tag`` and ``#(tag with spaces)``
  become tags (and leave the text).
- Text as Argdown reads it: links ``[text](url)`` are single tokens (a ``#`` or ``//`` in
  their URL is neither a tag nor a comment), ``.->.`` and ``:heart:`` shortcodes become the
  characters Argdown shows (→, ❤), escapes ``\\#`` are the character itself, line breaks are
  spaces, and spaces are kept as written except where Argdown drops them (after punctuation
  and other syntax, one space is kept).
- ``{...}`` data (YAML): ``weight``, ``credence``, ``by``, ``tags``, ``links``, ``cite``,
  ``notes``, ``text``, ``stance``, ``title`` (debate's own export writes these); other keys, on
  statements, arguments and inference lines alike, are dropped with one warning per key.
- Lists ``* [A]: text`` and ``1. [A]: text`` are top-level statements.

What the reader cannot make sense of is skipped or kept as text with a warning; only a file
cut off inside its front matter, a block comment or a data block is an error. Every scan is
linear in the file's size: searches that could start again at each of many ``[`` or ``{``
remember their answer (see :class:`_Next`).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from debate.formats.readers.common import (
    CitationData,
    ImportResult,
    NoteData,
    Report,
    SourceText,
)
from debate.formats.readers.graph import Graph, Key, Node
from debate.locate import LineIndex, line_col
from debate.rules import WEIGHT_RANGE, Stance, is_credence, is_weight

# ------------------------------------------------------------------------------ patterns

_SPECIAL = re.compile(r"[\\\n/<\[#{\x00]")
_SHORTCODE_START = re.compile(r"[.:](?=\S)")
_BRACE_OR_QUOTE = re.compile(r"[{}\"']")
_DOUBLE_QUOTED = re.compile(r'(?:[^"\\]|\\.)*"', re.S)
_SINGLE_QUOTED = re.compile(r"(?:[^']|'')*'", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WHITESPACE = re.compile(r"\s")
_DATA_MARK = re.compile(r"\x00(\d*)\x00")
_ESCAPE = re.compile(r"\\(.)")
_HEADING = re.compile(r"^(#+)\s+(.*)$")
_PCS = re.compile(r"^(\s*)\((\d+)\)\s*(.*)$")
_INFERENCE = re.compile(r"^(\s*)--(.*)$")
_RELATION = re.compile(r"^(\s*)(\+>|->|_>|<\+|<-|<_|><|\+|-|_(?=\s))\s*(.*)$")
_LIST = re.compile(r"^(\s*)(?:\d+\.|\*)(?=\s)\s*(.*)$")
_LINK = re.compile(r"\[[^\]\n]+?\]\([^)\n]+?\)")
_STATEMENT_DEF = re.compile(r"^\[(.+?)\]:\s*(.*)$")
_STATEMENT_REF = re.compile(r"^\[([^-].*?)\](?!\()\s*(.*)$")
_ARGUMENT_DEF = re.compile(r"^<(.+?)>:\s*(.*)$")
_ARGUMENT_REF = re.compile(r"^<([^-].*?)>\s*(.*)$")
# A line that starts an element rather than continuing a heading's text.
_ELEMENT_START = re.compile(r"^\s*(?:\[(?![^\]\n]+\]\()|<|\(\d+\)|--|#+\s)")

# Argdown's free text: everything but its control characters (its lexer's Freestyle token).
_FREE = re.compile(r"[^\\@#*_\[\],.:;</>\-(){}\n\x00]+")
_TAG_CHARS = r"A-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"  # A-z: as Argdown, [\]^_` too
_TAG_CHAR = r"[^\x00-,./:-@{-\x9f\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\U0010ffff]"
"""``[_TAG_CHARS]`` written as what it leaves out (a test checks every code point): the
same class, compiled in a fifth of the time (a few ms of every import's start)."""
_TAG_WORD = re.compile(rf"{_TAG_CHAR}+")
_BLANKS = re.compile(r"[ \t]*")
_OPEN_BRACKETS = re.compile(r"\[+")
# Text with none of these is free text, control characters, #tags and data marks: the fast path.
# (Written as one character class, then what must follow it: three times faster to search
# than the alternatives side by side, ``[\\\[<@\n]|[.:]\S|\x00\x00|#(?![...])``.)
_NEEDS_TOKENS = re.compile(
    rf"[\\\[<@\n.:\x00#](?:(?<=[\\\[<@\n])|(?<=[.:])\S|(?<=\x00)\x00|(?<=#)(?!{_TAG_CHAR}))"
)
_MARK_OR_TAG = re.compile(rf"\x00(\d+)\x00|#({_TAG_CHAR}+)")
# After a control character Argdown keeps one blank: its token takes one, its lexer skips the rest.
_BLANKS_AFTER_CONTROL = re.compile(r"([@*_\],.:;/>\-(){}])([ \t])[ \t]+")

# Argdown's shortcodes (its documented "special characters"): ``.name.`` or ``:name:``.
_SHORTCODES: dict[str, str] = {
    name: char
    for names, char in (
        ("A", "∀"),
        ("E", "∃"),
        ("O", "𝗢"),
        ("P", "𝗣"),
        ("->", "→"),
        ("<->", "↔"),
        ("~", "¬"),
        ("^", "∧"),
        ("v", "∨"),
        ("v_", "⊻"),
        ("<>", "◇"),
        ("[]", "◻"),
        ("happy", "😀"),
        ("smiley", "☺"),
        ("laugh lol", "😆"),
        ("rofl", "🤣"),
        ("joy", "😂"),
        ("heart", "❤"),
        ("? question", "❓"),
        ("love", "😍"),
        ("wink", "😉"),
        ("shush", "🤫"),
        ("meh", "😐"),
        ("eye-roll", "🙄"),
        ("sad", "😢"),
        ("disappointed", "😞"),
        ("scream", "😱"),
        ("+1 up", "👍"),
        ("-1 down", "👎"),
        ("think", "🤔"),
        ("star", "⭐"),
        ("y agree", "✔"),
        ("n disagree", "❌"),
    )
    for word in names.split()
    for name in (f".{word}.", f":{word}:")
}
_SHORTCODES[".smile."] = "☺"
_SHORTCODES[":smile:"] = "☺\ufe0f"

# relation marker -> (stance of the edge, does the child bear on the parent?, label)
_RELATIONS: dict[str, tuple[Stance, bool, str]] = {
    "+": ("pro", True, "supports"),
    "<+": ("pro", True, "supports"),
    "-": ("con", True, "attacks"),
    "<-": ("con", True, "attacks"),
    "_": ("con", True, "undercuts"),
    "<_": ("con", True, "undercuts"),
    "+>": ("pro", False, "supports"),
    "->": ("con", False, "attacks"),
    "_>": ("con", False, "undercuts"),
    "><": ("con", True, "contradicts"),
}

_DATA_FIELDS = {
    *("weight", "credence", "by", "tags", "links", "cite", "notes", "text", "stance", "title")
}
_DATA_IGNORED = {"strength", "isCanonical"}
_DATA_KEPT = _DATA_FIELDS | _DATA_IGNORED
_FRONT_FIELDS = {"title", "subTitle", "description", "abstract", "author", "model"}
_MAX_DATA_DEPTH = 32
"""Data blocks nested deeper than this are refused (with a warning): debate's data is flat,
and deeper structures only cost recursion."""
_MAX_NUMBER_DIGITS = 18


# ------------------------------------------------------------------------------ stage 1: text

_UNPARSED: Any = object()


def _not_json(constant: str) -> Any:
    """``NaN`` and ``Infinity`` are Python's extension, not JSON: a block holding one is left
    to YAML, which reads it as Argdown does (the text ``NaN``), not as a float."""
    raise ValueError(f"{constant} is not JSON")


_JSON = json.JSONDecoder(parse_constant=_not_json)


@dataclass(slots=True)
class _Line:
    text: str
    number: int
    col_shift: int = 0


@dataclass(slots=True)
class _Data:
    raw: str
    line: int
    col: int
    parsed: Any = _UNPARSED
    """The block read as JSON while scanning (JSON is YAML 1.2), when it is JSON."""


class _Next:
    """Where the next occurrence of a string or pattern is, for scans that ask over and over.

    A scan that tries a token at each of many places (every ``[`` of ``[[[[...``) would look
    for the same closing ``]`` again each time, which is quadratic. An answer found from
    ``start`` holds for every later start up to the place found, so it is remembered and
    reused; every search then moves forward, and a whole scan stays linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[object, tuple[int, int]] = {}

    def __call__(self, what: str | re.Pattern[str], start: int) -> int:
        """The index of the next ``what`` at or after ``start``; ``len(text)`` when none."""
        known = self._found.get(what)
        if known is not None and known[0] <= start <= known[1]:
            return known[1]
        if isinstance(what, str):
            found = self.text.find(what, start)
        else:
            match = what.search(self.text, start)
            found = match.start() if match else -1
        found = len(self.text) if found < 0 else found
        self._found[what] = (start, found)
        return found


def _atom(text: str, index: int, find: _Next) -> int:
    """The end of an Argdown token at ``index`` whose inside is opaque (0 when none there).

    Links ``[text](url)``, statement and argument titles ``[T]`` ``<T>``, ``#(tags)`` and
    shortcodes ``.x.`` ``:x:`` are single tokens in Argdown: a ``//``, ``{`` or ``#`` inside
    them starts no comment, data block or tag. Each closing character is looked up with
    ``find``, so trying this at every character of a line stays linear.
    """
    char = text[index]
    line_end = find("\n", index)
    nxt = text[index + 1 : index + 2]
    if char == "[":
        close = find("]", index + 1)
        if index + 1 < close < line_end and text.startswith("(", close + 1):
            paren = find(")", close + 2)
            if paren < line_end and paren > close + 2:
                return paren + 1
        if nxt and nxt not in "-\n":
            close = find("]", index + 2)
            return close + 1 if close < line_end else 0
        return 0
    if char == "<":
        if nxt and nxt not in "-\n" and not text.startswith("<!--", index):
            close = find(">", index + 2)
            return close + 1 if close < line_end else 0
        return 0
    if char == "#":
        if nxt == "(":
            close = find(")", index + 2)
            return close + 1 if index + 2 < close < line_end else 0
        return 0
    if char in ".:":
        close = find(char, index + 2)
        if close < find(_WHITESPACE, index + 1):
            return close + 1
    return 0


_SHORT_ATOM = re.compile(
    r"\[[^\]\n]{1,60}?\]\([^)\n]{1,200}?\)|\[[^-\n][^\n]{0,60}?\]|<(?!!--)[^-\n][^\n]{0,60}?>"
    r"|#\([^)\n]{1,60}\)|\.[^\s]{1,60}?\.|:[^\s]{1,60}?:"
)
"""The tokens :func:`_atom` finds, when short (titles up to 60 characters, link addresses up
to 200): one quick match for the usual title or link, with a small bounded cost where there
is none; longer ones go to :func:`_atom`."""


def _shortcode_over(text: str, start: int, at: int, find: _Next) -> int:
    """The end of a ``.x.`` or ``:x:`` token that starts in ``text[start:at]`` and runs past
    ``at``, else 0. Only free text lies in between (every other token starts at a stop of
    ``_SPECIAL``), so the tokens are those Argdown's lexer finds there, left to right."""
    index = start
    while (found := _SHORTCODE_START.search(text, index, at + 1)) is not None:  # sees text[at]
        index = found.start()
        end = _short_atom(text, index) or _atom(text, index, find)
        if end > at:
            return end
        index = end or index + 1
    return 0


def _short_atom(text: str, index: int) -> int:
    match = _SHORT_ATOM.match(text, index)
    return match.end() if match else 0


def _front_matter(text: str, report: Report) -> tuple[dict[str, Any], str, int]:
    """The YAML between the opening ``===`` and the next ``===``; that part blanked out.

    Also returns the line the front matter starts on, for warnings about its keys.
    """
    stripped = text.lstrip()
    if not stripped.startswith("==="):
        return {}, text, 0
    start = len(text) - len(stripped)
    body_start = start + len(re.match(r"=+", stripped).group())  # type: ignore[union-attr]
    close = re.compile(r"===+").search(text, body_start)
    line, col = line_col(text, start)
    if close is None:
        raise report.error(
            "front matter opened here is never closed with === (truncated file?)", line, col
        )
    raw = text[body_start : close.start()]
    blanked = text[:start] + re.sub(r"[^\n]", " ", text[start : close.end()]) + text[close.end() :]
    loaded = _load_yaml(raw, "front matter", report, line, col) if raw.strip() else {}
    return loaded or {}, blanked, line


def _load_yaml(
    raw: str, what: str, report: Report, line: int, col: int, parsed: Any = _UNPARSED
) -> dict[str, Any] | None:
    """A YAML mapping, or None with one located warning saying why it was ignored
    (``parsed``: the value already read as JSON, if it was)."""
    try:
        loaded = _yaml(raw) if parsed is _UNPARSED else parsed
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = line + (mark.line if mark and what == "front matter" else 0)
        report.warn(f"{what} is not valid YAML ({_yaml_reason(error)}); ignored", at, col)
        return None
    except RecursionError:
        loaded = None
        report.warn(f"{what} is nested too deeply; ignored", line, col)
        return None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        report.warn(f"{what} holds a value that cannot be read ({error}); ignored", line, col)
        return None
    if not isinstance(loaded, dict):
        report.warn(f"{what} is not a YAML mapping; ignored", line, col)
        return None
    if raw.count("{") + raw.count("[") > _MAX_DATA_DEPTH and _depth(loaded) > _MAX_DATA_DEPTH:
        report.warn(f"{what} is nested too deeply; ignored", line, col)
        return None
    return loaded


def _depth(value: Any) -> int:
    """How deeply lists and mappings nest in ``value`` (without recursion)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            items: Any = item.values()
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth <= _MAX_DATA_DEPTH:
            stack.extend((child, depth + 1) for child in items)
    return deepest


def _scan(text: str, report: Report, fast: bool = True) -> tuple[list[_Line], list[_Data]]:
    """Logical lines with comments removed and data blocks replaced by ``\\x00N\\x00``.

    A data block or block comment may span lines; what follows it continues the same logical
    line, which keeps the physical number it started on. A line that held only comments
    disappears (it does not separate paragraphs, as in Argdown). A NUL the file itself holds
    is doubled, so it can never pass for a data mark.

    Most lines of most files are plain (:data:`_PLAIN`): those are taken whole, in a few
    C-speed steps, and only the rest token by token, where runs of ``[`` that cannot open a
    token and of unclosed ``{`` are taken at once too (``fast=False``: every line and every
    character one by one, which the tests compare against).
    """
    lines: list[_Line] = []
    datas: list[_Data] = []
    buffer: list[str] = []
    number = 1
    start_number = 1
    had_comment = False
    index = 0
    length = len(text)
    locate = LineIndex(text)
    find = _Next(text)
    closing: dict[int, int | None] = {}

    def emit() -> None:
        content = "".join(buffer)
        if content.strip() or not had_comment:
            lines.append(_Line(content, start_number))

    while index < length:
        if fast and (index == 0 or text[index - 1] == "\n"):  # at a line's start (see _PLAIN)
            end = text.find("\n", index)
            plain = _PLAIN.match(text, index, end).end() if end >= 0 else end  # type: ignore[union-attr]
            if end >= 0 and (block := _plain_block(text, plain, end)) is not None:
                if block is _NO_BLOCK:
                    lines.append(_Line(text[index:end], number))
                else:
                    value, close = block
                    datas.append(_Data(text[plain:close], number, plain - index + 1, value))
                    mark = f"\x00{len(datas) - 1}\x00"
                    lines.append(_Line(text[index:plain] + mark + text[close:end], number))
                number += 1
                start_number = number
                index = end + 1
                continue
        special = _SPECIAL.search(text, index)
        if special is None:
            buffer.append(text[index:])
            break
        shortcode = text[special.start()] != "\n" and _shortcode_over(
            text, index, special.start(), find
        )
        if shortcode:  # a .x. or :x: token (say, ://x.org:) is opaque: no comment or data in it
            buffer.append(text[index:shortcode].replace("\x00", "\x00\x00"))
            index = shortcode
            continue
        if special.start() > index:
            buffer.append(text[index : special.start()])
            index = special.start()
        char = text[index]
        if char == "\\" and index + 1 < length and text[index + 1] not in "\n\x00":
            buffer.append(text[index : index + 2])
            index += 2
        elif char == "\x00":
            buffer.append("\x00\x00")
            index += 1
        elif char == "\n":
            emit()
            buffer.clear()
            had_comment = False
            number += 1
            start_number = number
            index += 1
        elif text.startswith("//", index):
            end = find("\n", index)
            if text[index - 1 : index] == ":" and text[end - 1 : end].strip():
                line, col = locate(index)
                report.warn_grouped(
                    "url-comment",
                    "'//' after ':' starts a comment in Argdown, so the rest of this line "
                    "(a web address?) is dropped; write addresses as [text](url)",
                    line,
                    col,
                )
                report.dropped("line ends after '//' in a bare web address")
            index = end
            had_comment = True
        elif text.startswith("/*", index) or text.startswith("<!--", index):
            closer = "*/" if char == "/" else "-->"
            end = text.find(closer, index + 2)
            if end < 0:
                line, col = line_col(text, index)
                raise report.error(
                    f"comment opened here is never closed with {closer} (truncated file?)",
                    line,
                    col,
                )
            number += text.count("\n", index, end)
            index = end + len(closer)
            had_comment = True
        elif fast and char == "[" and find("]", index) >= find("\n", index):
            # No "]" on the rest of the line, so no "[" there starts a token (each would need
            # one): a run of them is text, taken at once ("[[[[..." stays cheap).
            run = _OPEN_BRACKETS.match(text, index).end()  # type: ignore[union-attr]
            buffer.append(text[index:run])
            index = run
        elif char in "[<#" and (end := _short_atom(text, index) or _atom(text, index, find)):
            # Links, titles, tags and shortcodes are single tokens in Argdown: a "//" or "{"
            # inside them starts no comment or data block.
            buffer.append(text[index:end].replace("\x00", "\x00\x00"))
            index = end
        elif char == "{":
            close = closing[index] if index in closing else _closing_brace(text, index, closing)
            line, col = locate(index)
            if close is None:
                if find(_BLANK_LINE, index) == length:
                    raise report.error(
                        "data block opened here is never closed with } (truncated file?)",
                        line,
                        col,
                    )
                run = index + 1  # the unclosed braces right after it: text too, one warning
                while fast and run < length and text[run] == "{" and closing.get(run, 0) is None:
                    run += 1
                report.warn_grouped(
                    "open-brace",
                    "a '{' that opens no data block; read as text",
                    line,
                    col,
                    times=run - index,
                )
                buffer.append(text[index:run])
                index = run
                continue
            datas.append(_Data(text[index : close + 1], line, col))
            buffer.append(f"\x00{len(datas) - 1}\x00")
            number += text.count("\n", index, close)
            index = close + 1
        else:
            buffer.append(char)
            index += 1
    emit()
    return lines, datas


_PLAIN = re.compile(r"(?:[^\\/<\[\]{}()\x00\n.:]+|[.:](?!\S)|\[[^\\/<\[\]{}()\x00\n.:]+\])*")
"""The start of a line the token-by-token scan would copy as it is: no escape, comment, NUL,
parenthesis (links, ``#(tags)``) or brace, ``[titles]`` closed on it, and no ``.`` or ``:``
that could start a ``.x.`` shortcode. None of its tokens can reach past it, so a ``{`` right
after it opens a data block."""
_NO_BLOCK: Any = object()


def _plain_block(text: str, at: int, end: int) -> Any:
    """For a plain line start running to ``at`` (the line ends at ``end``): ``_NO_BLOCK`` when
    that is the whole line, ``(value, end of block)`` when a JSON data block follows up to
    the line's end (blanks aside), else None (the line is read token by token).

    JSON (debate's export, many hand-written blocks) is read in one C-speed pass, and its
    object ends where :func:`_closing_brace` says it does: JSON strings are double quoted and
    always follow ``{ [ , :``, where the brace matcher reads quotes as YAML strings too, and
    JSON has no other quotes or braces outside its strings. Only the line is decoded: a
    failure then costs the line, not the file up to it (a JSON error counts the lines before
    its place).
    """
    if at == end:
        return _NO_BLOCK
    if text[at] != "{":
        return None
    block = text[at:end].rstrip(" \t")
    try:
        value, length = _JSON.raw_decode(block)
    except (ValueError, RecursionError):
        return None
    return (value, at + length) if length == len(block) else None


def _starts_scalar(text: str, start: int, at: int) -> bool:
    """Whether a quote at ``at`` opens a YAML string: only where a scalar may start."""
    before = at - 1
    while before > start and text[before] in " \t\n":
        before -= 1
    return text[before] in "{[,:"


def _closing_brace(text: str, start: int, closing: dict[int, int | None]) -> int | None:
    """Where the ``{`` at ``start`` closes (YAML quotes respected), or None.

    The common case, a block that closes, is one search. A ``{`` that never closes sends the
    search to the end of the file, so then it is searched again, recording every brace on the
    way in ``closing``: each brace is searched once, however many unclosed ones there are.
    """
    close = _match_braces(text, start, None)
    if close is None:
        _match_braces(text, start, closing)
    return close


def _match_braces(text: str, start: int, record: dict[int, int | None] | None) -> int | None:
    """The ``}`` closing the ``{`` at ``start``; with ``record``, also where each brace on the
    way closes (None for those that never do)."""
    open_braces: list[int] = []
    index = start
    while True:
        found = _BRACE_OR_QUOTE.search(text, index)
        if found is None:
            break
        char = found.group()
        index = found.end()
        if char == "{":
            open_braces.append(found.start())
        elif char == "}":
            brace = open_braces.pop()
            if record is not None:
                record[brace] = found.start()
            if not open_braces:
                return found.start()
        elif _starts_scalar(text, start, found.start()):
            # A quote opens a string only where a YAML scalar starts ("it's" is just text).
            end = (_DOUBLE_QUOTED if char == '"' else _SINGLE_QUOTED).match(text, index)
            if end is None:
                break
            index = end.end()
    if record is not None:
        record.update(dict.fromkeys(open_braces))
    return None


# ------------------------------------------------------------------------- stage 1b: inline


@dataclass(slots=True)
class _Inline:
    """A run of Argdown text as the model reads it: plain text, tags, data and stray titles."""

    text: str
    tags: list[str]
    data: list[int]
    strays: list[tuple[int, str]]  # (line offset within the text, the title as written)


def _inline(raw: str, links_as_text: bool = False) -> _Inline:
    """Read text the way Argdown's lexer and model plugin do, in one linear pass.

    Links, mentions and titles stay as written; tags and data marks leave the text;
    shortcodes become their characters; escapes the character itself; a line break with the
    blanks around it one space. Argdown keeps blanks inside free text as they are, but after
    a control character or token only the first (its token takes one, its lexer skips the
    rest), and so does this. With ``links_as_text`` a link is its text alone (as Argdown
    shows a heading).
    """
    if not links_as_text and not _NEEDS_TOKENS.search(raw):
        return _plain_inline(raw)
    return _token_inline(raw, links_as_text)


def _token_inline(raw: str, links_as_text: bool, runs: bool = True) -> _Inline:
    """:func:`_inline` token by token (any text); a run of ``[`` that cannot open a token is
    taken at once (``runs=False``: one by one, which the tests compare against)."""
    out: list[str] = []
    tags: list[str] = []
    data: list[int] = []
    strays: list[tuple[int, str]] = []
    find = _Next(raw)
    index, length = 0, len(raw)
    counted_to, lines_before = 0, 0  # line breaks before ``counted_to``: counted as it goes

    def one_blank(at: int) -> int:
        """After a token: keep the first blank that follows, skip the rest."""
        blanks = _BLANKS.match(raw, at)
        end = blanks.end() if blanks else at
        if end > at:
            out.append(raw[at])
        return end

    def removed(at: int) -> int:
        """A token that leaves the text (a tag, a data block) and the blanks after it."""
        blanks = _BLANKS.match(raw, at)
        end = blanks.end() if blanks else at
        if out and not out[-1][-1:].isspace() and end < length and raw[end] != "\n":
            out.append(" ")
        return end

    while index < length:
        free = _FREE.match(raw, index)
        if free is not None:
            out.append(free.group())
            index = free.end()
            continue
        char = raw[index]
        if char == "\n":  # a line break and the blanks around it: one space
            while out and out[-1].rstrip(" \t") != out[-1]:
                out[-1] = out[-1].rstrip(" \t")
                if not out[-1]:
                    out.pop()
            out.append(" ")
            blanks = _BLANKS.match(raw, index + 1)
            index = blanks.end() if blanks else index + 1
        elif char == "\x00":
            mark = _DATA_MARK.match(raw, index)
            if mark is None:  # a lone mark: cannot happen, as _scan pairs them
                index += 1
            elif mark.group(1):
                data.append(int(mark.group(1)))
                index = removed(mark.end())
            else:
                out.append("\x00")
                index = mark.end()
        elif char == "\\" and index + 1 < length and raw[index + 1] != "\n":
            escaped = _BLANKS.match(raw, index + 2)
            end = escaped.end() if escaped else index + 2
            out.append(raw[index + 1 : end])
            index = end
        elif char == "#" and (end := _tag_end(raw, index, find)):
            word = raw[index + 1 : end]
            tags.append(word[1:-1] if word.startswith("(") else word)
            index = removed(end)
        elif char in ".:" and (end := _atom(raw, index, find)):
            code = raw[index:end]
            shown = _SHORTCODES.get(code)
            if shown is None:
                out.append(code)
                index = one_blank(end)
            else:
                out.append(shown + (" " if raw.startswith(" ", end) else ""))
                blanks = _BLANKS.match(raw, end)
                index = blanks.end() if blanks else end
        elif char == "@" and raw[index + 1 : index + 2] in ("[", "<"):
            end = _atom(raw, index + 1, find)
            if end:
                out.append(raw[index:end])
                index = one_blank(end)
            else:
                out.append(char)
                index = one_blank(index + 1)
        elif runs and char == "[" and find("]", index) >= find("\n", index):
            run = _OPEN_BRACKETS.match(raw, index).end()  # type: ignore[union-attr]
            out.append(raw[index:run])  # text, as in _scan: no "]" for any to close with
            index = one_blank(run)
        elif char in "[<" and (end := _atom(raw, index, find)):
            token = raw[index:end]
            link = char == "[" and token.endswith(")")
            if not link:  # a link is fine here; a title is not
                lines_before += raw.count("\n", counted_to, index)
                counted_to = index
                strays.append((lines_before, token))
            out.append(token[1 : token.index("](")] if link and links_as_text else token)
            index = one_blank(end)
        else:
            out.append(char)
            index = one_blank(index + 1)
    text = "".join(out).strip(" \t")
    return _Inline(text, tags, data, strays)


def _plain_inline(raw: str) -> _Inline:
    """:func:`_inline` for text with no links, titles, escapes, shortcodes or line breaks (most
    statements): the same rules, done by splitting at tags and data marks instead of token by
    token. Both leave the text with the blanks around them, and one space joins what is left.
    """
    if _BLANKS_AFTER_CONTROL.search(raw):  # searching first: most texts have none
        raw = _BLANKS_AFTER_CONTROL.sub(r"\1\2", raw)
    pieces = _MARK_OR_TAG.split(raw)
    if len(pieces) == 1:
        return _Inline(raw.strip(" \t"), [], [], [])
    texts = [piece.strip(" \t") for piece in pieces[0::3]]
    data = [int(index) for index in pieces[1::3] if index is not None]
    tags = [tag for tag in pieces[2::3] if tag is not None]
    return _Inline(" ".join([text for text in texts if text]), tags, data, [])


def _tag_end(text: str, index: int, find: _Next) -> int:
    """The end of a ``#tag`` or ``#(tag words)`` at ``index``, else 0."""
    if text.startswith("#(", index):
        return _atom(text, index, find)
    word = _TAG_WORD.match(text, index + 1)
    return word.end() if word else 0


# --------------------------------------------------------------------------- stage 2: model


@dataclass(slots=True)
class _Member:
    """One occurrence of a statement or argument in the text (its lines, as written)."""

    parts: list[str]
    line: int
    col: int
    reference: bool
    section: str | None


@dataclass(slots=True)
class _Entity:
    """An equivalence class (statement) or an argument: one claim-to-be."""

    key: Key
    kind: str  # "statement" or "argument"
    title: str | None
    line: int
    col: int
    members: list[_Member] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    conclusion: Key | None = None
    inference_notes: list[str] = field(default_factory=list)

    def origin(self) -> str:
        if self.title is None:
            return f"line {self.line}"
        return f"[{self.title}]" if self.kind == "statement" else f"<{self.title}>"


@dataclass(slots=True)
class _Relation:
    child: Key
    parent: Key
    marker: str
    line: int
    col: int


@dataclass(slots=True)
class _Pcs:
    """A premise–conclusion structure being read."""

    argument: Key | None
    line: int
    last_number: int = 0
    statements: dict[int, Key] = field(default_factory=dict)
    pending: list[Key] = field(default_factory=list)
    after_inference: bool = False
    deferred: list[tuple[Key, str, int, int]] = field(default_factory=list)
    conclusion: Key | None = None
    steps: list[tuple[list[Key], Key, int]] = field(default_factory=list)


class _Reader:
    def __init__(self, report: Report, datas: list[_Data]) -> None:
        self.report = report
        self.datas = datas
        self.entities: dict[Key, _Entity] = {}
        self.relations: list[_Relation] = []
        self.pcs_edges: list[tuple[Key, Key, int, int]] = []  # premise -> target (pro)
        self.section: str | None = None
        self.untitled = 0
        self.last_top: _Entity | None = None
        self.pcs: _Pcs | None = None

    # -- elements ------------------------------------------------------------------------

    def element(self, content: str, line: int, col: int) -> _Entity:
        """Parse ``[T]: text``, ``[T]``, ``<T>: text``, ``<T>`` or plain text."""
        kind, title, rest, reference = "statement", None, content, False
        if _LINK.match(content):
            pass
        elif match := _STATEMENT_DEF.match(content):
            title, rest = match.group(1), match.group(2)
        elif match := _STATEMENT_REF.match(content):
            title, rest, reference = match.group(1), match.group(2), True
        elif match := _ARGUMENT_DEF.match(content):
            kind, title, rest = "argument", match.group(1), match.group(2)
        elif match := _ARGUMENT_REF.match(content):
            kind, title, rest, reference = "argument", match.group(1), match.group(2), True
        if title is not None:
            title = _unescape(title).strip()
            if "\x00" in title:
                title = title.replace("\x00\x00", "\x00")
        if title:
            key: Key = ("s" if kind == "statement" else "a", title)
        else:
            self.untitled += 1
            key, title = ("u", self.untitled), None
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = _Entity(key, kind, title, line, col)
        entity.members.append(_Member([rest], line, col, reference, self.section))
        return entity

    def continue_text(self, entity: _Entity | None, text: str, line: int) -> None:
        if entity is None or not entity.members:
            self.report.warn("text that belongs to no statement; skipped", line, 1)
            self.report.dropped("lines of text that belong to no statement")
            return
        member = entity.members[-1]
        if member.parts[-1].strip() or len(member.parts) > 1:
            member.parts.append(text)
        else:
            member.parts[-1] = text
        member.reference = False

    # -- blocks --------------------------------------------------------------------------

    def block(self, lines: list[_Line]) -> None:
        stack: list[tuple[int, Key | None]] = []  # (indent, relation target); None: inference
        current: _Entity | None = None
        first: _Entity | None = None
        index = 0
        if self.pcs is not None and not (_PCS.match(lines[0].text) and self._continues(lines)):
            self.end_pcs()
        while index < len(lines):
            line = lines[index]
            text, number = line.text, line.number
            if heading := _HEADING.match(text):
                parts = [heading.group(2)]
                # A heading's text runs on over the lines below it, up to the next element.
                while index + 1 < len(lines) and not _ELEMENT_START.match(lines[index + 1].text):
                    if _RELATION.match(lines[index + 1].text) or _LIST.match(lines[index + 1].text):
                        break
                    index += 1
                    parts.append(lines[index].text)
                read = self.read_text("\n".join(parts), number, "a heading", links_as_text=True)
                title = read.text
                if read.tags:
                    self.report.warn_grouped(
                        "heading-tags",
                        "tags on a heading are dropped (its claims get the heading as a tag)",
                        number,
                        1,
                    )
                    self.report.dropped("tags on headings", len(read.tags))
                self.end_pcs()
                self.section = title or None
                self.last_top = None
                current, first, stack = None, None, []
            elif pcs_line := _PCS.match(text):
                current = self.pcs_statement(pcs_line, number)
                stack = [(len(pcs_line.group(1)), current.key)]
            elif inference := _INFERENCE.match(text):
                index = self.inference(lines, index, inference)
                stack = [(len(inference.group(1)), None)]
                current = None
            elif relation := _RELATION.match(text):
                indent = len(relation.group(1))
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if stack:
                    target = stack[-1][1]
                elif first is not None:
                    target = first.key
                    self.report.warn(
                        f"a relation not indented under anything; read as one of {first.origin()}",
                        number,
                        indent + 1,
                    )
                else:
                    self.report.warn("a relation with nothing above it; skipped", number, 1)
                    self.report.dropped("relations with nothing above them")
                    index += 1
                    continue
                current = self.element(relation.group(3), number, indent + 1)
                self.relate(current.key, target, relation.group(2), number, indent + 1)
                stack.append((indent, current.key))
            elif (item := _LIST.match(text)) or current is None:
                indent = len(text) - len(text.lstrip())
                content = item.group(2) if item else text.strip()
                current = self.element(content, number, indent + 1)
                self.top(current)
                first = current
                stack = [(indent, current.key)]
            else:
                self.continue_text(current, text.strip(), number)
            index += 1

    def _continues(self, lines: list[_Line]) -> bool:
        """A blank line inside a premise–conclusion structure: numbering just goes on."""
        assert self.pcs is not None
        match = _PCS.match(lines[0].text)
        return match is not None and _count(match.group(2)) == self.pcs.last_number + 1

    def top(self, entity: _Entity) -> None:
        if self.pcs is not None:
            self.end_pcs()
        self.last_top = entity

    def relate(self, child: Key, parent: Key | None, marker: str, line: int, col: int) -> None:
        if parent is None:  # under an inference line: about the argument being reconstructed
            pcs = self.pcs
            if pcs is not None and pcs.argument is not None:
                parent = pcs.argument
            elif pcs is not None:
                pcs.deferred.append((child, marker, line, col))
                return
            else:
                return
        self.relations.append(_Relation(child, parent, marker, line, col))

    # -- premise–conclusion structures ----------------------------------------------------

    def pcs_statement(self, match: re.Match[str], line: int) -> _Entity:
        number = _count(match.group(2))
        if self.pcs is None:
            argument = None
            if self.last_top is not None and self.last_top.kind == "argument":
                argument = self.last_top.key
                if self.entities[argument].conclusion is not None:
                    self.report.warn(
                        f"{self.last_top.origin()} already has a reconstruction; this one is "
                        "read as a separate, untitled argument",
                        line,
                        1,
                    )
                    argument = None
            self.pcs = _Pcs(argument, line)
            self.last_top = None
        pcs = self.pcs
        if number != pcs.last_number + 1:
            self.report.warn(
                f"statement ({match.group(2)[:20]}) where ({pcs.last_number + 1}) was expected",
                line,
                len(match.group(1)) + 1,
            )
        pcs.last_number = number
        entity = self.element(match.group(3), line, len(match.group(1)) + 1)
        pcs.statements[number] = entity.key
        if pcs.after_inference:
            premises = pcs.pending
            pcs.conclusion = entity.key
            for child, marker, rline, rcol in pcs.deferred:
                self.relations.append(_Relation(child, entity.key, marker, rline, rcol))
            pcs.deferred.clear()
            # Premises of an intermediate step support that step; the last step is decided
            # when the structure ends (its premises may then belong to the argument).
            pcs.steps.append((premises, entity.key, line))
            pcs.pending = [entity.key]
            pcs.after_inference = False
        else:
            pcs.pending.append(entity.key)
        return entity

    def inference(self, lines: list[_Line], index: int, match: re.Match[str]) -> int:
        """Read ``----`` or ``-- rule, rule {uses: [1, 2]} --`` (possibly over lines)."""
        number = lines[index].number
        rest = match.group(2)
        parts = [rest]
        closed = "--" in rest
        while not closed and index + 1 < len(lines):
            index += 1
            parts.append(lines[index].text)
            closed = "--" in lines[index].text
        body = "\n".join(parts)
        body = body[: body.rfind("--")] if closed else body
        pcs = self.pcs
        if pcs is None:
            self.report.warn("an inference line outside a premise–conclusion structure", number, 1)
            return index
        if not pcs.pending:
            self.report.warn("an inference with no premises above it", number, 1)
        pcs.after_inference = True
        read = self.read_text(body.strip("-"), number, "an inference")
        for datum in read.data:
            loaded = self.load_data(self.datas[datum])
            if loaded:
                self.drop_unknown(loaded, set(), number, len(match.group(1)) + 1)
        rules = read.text.strip(" ,")
        if rules and pcs.argument is not None:
            self.entities[pcs.argument].inference_notes.append(f"Inference: {rules}")
        return index

    def end_pcs(self) -> None:
        pcs = self.pcs
        self.pcs = None
        if pcs is None:
            return
        steps = pcs.steps
        if not steps:
            self.report.warn(
                "a premise–conclusion structure without an inference line (----) and "
                "conclusion; its premises support the argument",
                pcs.line,
                1,
            )
            if pcs.argument is not None:
                for premise in pcs.pending:
                    self.pcs_edges.append((premise, pcs.argument, pcs.line, 1))
            return
        if pcs.pending and pcs.pending[-1] != steps[-1][1]:
            self.report.warn(
                "statements after the last conclusion of a premise–conclusion structure; "
                "read as premises of the argument",
                pcs.line,
                1,
            )
        *middle, (last_premises, conclusion, line) = steps
        for premises, step_conclusion, step_line in middle:
            for premise in premises:
                self.pcs_edges.append((premise, step_conclusion, step_line, 1))
        trailing = [key for key in pcs.pending if key != conclusion]
        if pcs.argument is None:
            for premise in last_premises + trailing:
                self.pcs_edges.append((premise, conclusion, line, 1))
            return
        argument = self.entities[pcs.argument]
        argument.conclusion = conclusion
        for premise in last_premises + trailing:
            self.pcs_edges.append((premise, pcs.argument, line, 1))
        self.pcs_edges.append((pcs.argument, conclusion, line, 1))

    # -- text ----------------------------------------------------------------------------

    def read_text(
        self, raw: str, line: int, where: _Entity | str, links_as_text: bool = False
    ) -> _Inline:
        """Text, tags and data of a run of Argdown text; titles written inside it are kept as
        text, with a warning (Argdown refuses them there: only ``@[mentions]`` are allowed)."""
        read = _inline(raw, links_as_text)
        if read.strays and isinstance(where, _Entity):
            where = where.origin() if where.title is not None else "a statement"
        for offset, token in read.strays:
            self.report.warn_grouped(
                "stray-title",
                f"{token[:40]!r} inside the text of {where}: Argdown reads no statement or "
                "argument here (a relation needs its own line; a mention is written @[Title]); "
                "kept as text",
                line + offset,
            )
        return read

    def load_data(self, datum: _Data) -> dict[str, Any] | None:
        return _load_yaml(datum.raw, "data block", self.report, datum.line, datum.col, datum.parsed)

    def drop_unknown(self, data: dict[str, Any], known: set[str], line: int, col: int) -> None:
        """One warning per key the map has no place for, wherever it is written."""
        if data.keys() <= known:
            return
        for key in data:
            if key not in known and key not in _DATA_IGNORED:
                name = str(key)[:40]
                self.report.warn_grouped(
                    f"data:{name}",
                    f"data key {name!r} has no place in a debate map; dropped",
                    line,
                    col,
                )
                self.report.dropped(f"data key {name!r}")


def _count(digits: str) -> int:
    """A statement number; absurdly long ones (no file has them) count as -1."""
    return int(digits) if len(digits) <= _MAX_NUMBER_DIGITS else -1


def _yaml(text: str) -> Any:
    """Safe YAML, read the way Argdown's JavaScript parser reads it (YAML 1.2 numbers such as
    ``1e-05``; raw control characters tolerated, which PyYAML otherwise refuses).

    Data written as JSON (debate's own export, and many hand-written blocks) takes the fast
    path: JSON is YAML 1.2, and ``json`` is far faster than PyYAML on 10,000 small blocks.
    """
    try:
        return _JSON.decode(text)
    except ValueError:
        pass

    return yaml.load(text, Loader=_loader())  # a SafeLoader subclass: no arbitrary objects


@functools.cache
def _loader() -> type:
    class Loader(yaml.SafeLoader):
        def check_printable(self, data: str) -> None:
            pass

    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
        list("-+0123456789."),
    )
    return Loader


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def _yaml_reason(error: Exception) -> str:
    problem = getattr(error, "problem", None)
    return str(problem) if problem else type(error).__name__


# ------------------------------------------------------------------------------- reading


def read(source: SourceText) -> ImportResult:
    report = Report(source.name)
    front, text, front_line = _front_matter(source.text, report)
    lines, datas = _scan(text, report)
    reader = _Reader(report, datas)
    block: list[_Line] = []
    for line in lines:
        if line.text.strip():
            block.append(line)
        elif block:
            reader.block(block)
            block = []
    if block:
        reader.block(block)
    reader.end_pcs()
    graph = Graph(report)
    _build(graph, reader, report)
    title = _front_text(front, "title")
    description = _front_text(front, "subTitle", "description", "abstract")
    author, authors = _front_authors(front)
    _check_front(front, report, front_line)
    return graph.build("argdown", title or source.stem, description, author, authors=authors)


def _front_text(front: dict[str, Any], *keys: str) -> str | None:
    """A front matter value as written (YAML already trimmed what is not part of it)."""
    for key in keys:
        value = front.get(key)
        if isinstance(value, str | int | float) and str(value) != "":
            return str(value)
    return None


def _front_authors(front: dict[str, Any]) -> tuple[str | None, list[str]]:
    """``author: Ann`` is one author; ``author: [Ann, Bob]`` (or a YAML list) several."""
    value = front.get("author")
    if isinstance(value, list):
        names = [str(name) for name in value if isinstance(name, str | int | float) and str(name)]
        return (names[0], []) if len(names) == 1 else (None, names)
    return _front_text(front, "author"), []


def _check_front(front: dict[str, Any], report: Report, line: int) -> None:
    """What the front matter holds that the map does not keep: one warning per key."""
    for key, value in front.items():
        name = str(key)[:40]
        kept = (
            (
                key in ("title", "subTitle", "description", "abstract")
                and isinstance(value, str | int | float)
            )
            or (key == "author" and isinstance(value, str | int | float | list))
            or key == "model"
        )
        if key == "author" and isinstance(value, list):
            kept = all(isinstance(name, str | int | float) for name in value)
        if not kept:
            reason = "has no place in a debate map" if key not in _FRONT_FIELDS else "is not text"
            report.warn(f"front matter key {name!r} {reason}; dropped", line, 1)
            report.dropped(f"front matter key {name!r}")


def _build(graph: Graph, reader: _Reader, report: Report) -> None:
    pending_links: list[tuple[Key, list[Any], int]] = []
    stances: dict[Key, str] = {}
    for key, entity in reader.entities.items():
        node = _node(graph, entity, reader, report, pending_links)
        if isinstance(entity.data.get("stance"), str):
            stances[key] = entity.data["stance"]
        graph.add(node)
    edges: list[tuple[int, int, Key, Key, Stance, str, int]] = []
    for order, relation in enumerate(reader.relations):
        stance, child_bears, label = _RELATIONS[relation.marker]
        child, parent = relation.child, relation.parent
        if not child_bears:
            child, parent = parent, child
        if stance == "pro" and stances.get(child) == "part":
            stance = "part"
        conclusion = reader.entities[child].conclusion
        if conclusion is not None:  # a reconstructed argument's relations are its conclusion's
            if conclusion == parent:
                continue
            child = conclusion
        edges.append((relation.line, order, child, parent, stance, label, relation.col))
    for order, (child, parent, line, col) in enumerate(reader.pcs_edges):
        stance = "part" if stances.get(child) == "part" else "pro"
        edges.append((line, len(reader.relations) + order, child, parent, stance, "supports", col))
    edges.sort()  # by line, then order: the orders differ, so nothing after them is compared
    for line, _, child, parent, stance, label, col in edges:
        graph.relate(child, parent, stance, line, col, label)
    for key, targets, line in pending_links:
        for target in targets:
            name = str(target)
            found = next(
                (k for k in (("s", name), ("a", name)) if k in graph.nodes),
                None,
            )
            if found is None:
                report.warn(f"link to {name!r}, which is no statement or argument here", line)
                report.dropped("links to titles that are not in the file")
            else:
                graph.link(key, found)


def _node(
    graph: Graph,
    entity: _Entity,
    reader: _Reader,
    report: Report,
    pending_links: list[tuple[Key, list[Any], int]],
) -> Node:
    texts: list[tuple[str, _Member]] = []
    canonical: tuple[str, _Member] | None = None
    for member in entity.members:
        parts = member.parts
        read = reader.read_text(
            parts[0] if len(parts) == 1 else "\n".join(parts), member.line, entity
        )
        entity.tags.extend(read.tags)
        marked_canonical = False  # by its data (the last block that says wins)
        for index in read.data:
            datum = reader.load_data(reader.datas[index])
            if datum is not None:
                if entity.data:
                    _merge(entity.data, datum)
                else:  # what merging into nothing comes to
                    entity.data.update(datum)
                if "isCanonical" in datum:
                    marked_canonical = datum["isCanonical"] is True
        if read.text and not member.reference:
            texts.append((read.text, member))
            if marked_canonical:
                canonical = (read.text, member)
    chosen = canonical or (texts[-1] if texts else None)
    exact = entity.data.get("text")
    if isinstance(exact, str) and exact:
        text = exact
    elif chosen is not None:
        text = chosen[0]
    else:
        text = entity.title or "(no text)"
    tags = list(entity.tags)
    section = _section(entity)
    if section:
        tags.insert(0, section)
    node = Node(
        entity.key,
        text,
        entity.line,
        entity.col,
        hint=entity.title,
        keep_id=entity.title is not None,
        origin=entity.origin(),
        title=entity.title,
        tags=tags,
    )
    if len(texts) > 1:  # other wordings (one text is the chosen one)
        others = dict.fromkeys(t for t, _ in texts if chosen is None or t != chosen[0])
        node.notes += [NoteData(f"Also stated as: {other}") for other in others]
    if entity.inference_notes:
        node.notes += [NoteData(note) for note in entity.inference_notes]
    _apply_data(graph, node, entity, reader, pending_links)
    return node


def _section(entity: _Entity) -> str | None:
    """The heading over the claim's first definition (else its first mention): its group."""
    members = entity.members
    if len(members) == 1:
        return members[0].section
    defining = next((m for m in members if not m.reference), members[0])
    return defining.section


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    """Deep merge, later wins (lodash.merge, as Argdown merges a statement's data).

    Data is at most ``_MAX_DATA_DEPTH`` deep (``_load_yaml`` refuses deeper), so the
    recursion is bounded.
    """
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _apply_data(
    graph: Graph,
    node: Node,
    entity: _Entity,
    reader: _Reader,
    pending_links: list[tuple[Key, list[Any], int]],
) -> None:
    data = entity.data
    if not data:
        return
    line, col = entity.line, entity.col
    report = reader.report
    reader.drop_unknown(data, _DATA_KEPT, line, col)

    def wrong(key: str, expected: str) -> None:
        report.warn(
            f"{node.origin}: data {key} {_short(data[key])} is not {expected}; ignored", line
        )
        report.dropped(f"data {key} of the wrong kind")

    weight = data.get("weight")
    if weight is not None:
        if is_weight(weight):
            node.weight = weight
        else:
            wrong("weight", WEIGHT_RANGE)
    credence = data.get("credence")
    if credence is not None:
        if isinstance(credence, (int, float)) and not isinstance(credence, bool):
            if is_credence(credence):
                node.credence = float(credence)
            else:
                wrong("credence", "0-1")
        else:
            wrong("credence", "a number")
    if "by" in data and data["by"] is not None:
        if isinstance(data["by"], str | int | float) and str(data["by"]):
            node.by = str(data["by"])
        else:
            wrong("by", "a name")
    if "text" in data and not (isinstance(data["text"], str) and data["text"]):
        wrong("text", "text")
    if "title" in data:
        if isinstance(data["title"], str) and data["title"]:
            node.title = data["title"]  # the name the claim had where no Argdown title fits
        else:
            wrong("title", "text")
    tags = _as_list(data.get("tags"))
    if tags is not None:
        # Data tags come first: debate's export lists every tag there, in order, when some
        # cannot be spelled as #tags; tags from the text that the data lacks follow.
        listed = [str(tag) for tag in tags if _scalar(tag) and str(tag)]
        if len(listed) < len(tags):
            wrong("tags", "a list of names")
        section = node.tags[:1] if entity.members and _section(entity) else []
        rest = [tag for tag in node.tags[len(section) :] if tag not in listed]
        node.tags = section + listed + rest
    links = _as_list(data.get("links"))
    if links is not None:
        pending_links.append((node.key, [link for link in links if _scalar(link)], line))
    cites = data.get("cite")
    for cite in cites if isinstance(cites, list) else [cites] if cites else []:
        if isinstance(cite, dict) and _scalar(cite.get("source")) and str(cite["source"]):
            node.cite.append(
                CitationData(
                    source=graph.add_source(str(cite["source"])),
                    quote=_optional_str(cite.get("quote")),
                    locator=_optional_str(cite.get("locator")),
                )
            )
        else:
            report.warn(f"{node.origin}: a citation without a source; ignored", line)
            report.dropped("citations without a source")
    notes = data.get("notes")
    for note in notes if isinstance(notes, list) else [notes] if notes else []:
        if isinstance(note, str) and note:
            node.notes.append(NoteData(note))
        elif isinstance(note, dict) and _scalar(note.get("text")) and str(note["text"]):
            node.notes.append(
                NoteData(
                    text=str(note["text"]),
                    at=_moment(note.get("at")),
                    by=_optional_str(note.get("by")),
                )
            )
        else:
            report.warn(f"{node.origin}: a note without text; ignored", line)
            report.dropped("notes without text")


def _as_list(value: Any) -> list[Any] | None:
    """A data list, a single value as a list of one; None when not given."""
    if value is None:
        return None
    return value if isinstance(value, list) else [value]


def _scalar(value: Any) -> bool:
    return type(value) is str or (
        isinstance(value, (str, int, float)) and not isinstance(value, bool)
    )


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _optional_str(value: Any) -> str | None:
    if type(value) is str:
        return value
    return None if value is None or not _scalar(value) else str(value)


def _moment(value: Any) -> datetime | date | None:
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            return None
    return None
