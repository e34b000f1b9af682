"""A direct TOML writer for maps that have no file yet, and for tables new to a file.

Why not tomlkit here: tomlkit builds a document model to keep an existing file's comments
and spacing, which a brand-new map (``debate new``, ``debate import``) does not have; for
10,000 claims that model cost seconds. This writer produces the same readable layout from
plain data (what :func:`debate.store.map_to_data` returns) in one pass of string building.
Edits of an existing file still go through tomlkit (see :mod:`debate.store`).

Every value is written so that tomli reads back exactly the value given (a property test
checks it for any text): strings are basic strings with TOML's escapes, and characters that
would be invisible or reorder a line in a terminal (controls, bidi overrides, line
separators) are written as ``\\uXXXX`` escapes.

Pure: imports only :mod:`debate.display` (the one table of unsafe characters).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from debate.display import UNSAFE_CHARACTERS, visible

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
"""A key TOML reads without quotes (matched whole: ``$`` would let a final newline through)."""

_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_ESCAPED = re.compile(
    '["\\\\\n'
    + "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last, _ in UNSAFE_CHARACTERS)
    + "]"
)
"""What a basic string escapes: quote, backslash, newline, and every character of
:data:`debate.display.UNSAFE_CHARACTERS` (controls, bidi overrides, line separators)."""

ARRAY_TABLE_KEYS = ("notes", "conflicts")
"""Claim keys written as ``[[claims.ID.KEY]]`` blocks: one readable table per entry."""


@dataclass(frozen=True, slots=True)
class Style:
    """How inline tables look: ``{ source = "x" }`` (spaced, the default) or ``{source = "x"}``.

    A table added to an existing file takes that file's style (:func:`style_of`).
    """

    spaced: bool = True
    newline: str = "\n"


def style_of(text: str) -> Style:
    """The inline-table style and line ending a file already uses (spaced when it has none)."""
    spaced = len(re.findall(r"=[ \t]*\{[ \t]+\S", text))
    tight = len(re.findall(r"=[ \t]*\{[^ \t}\r\n]", text))
    newline = "\r\n" if "\r\n" in text and text.count("\r\n") == text.count("\n") else "\n"
    return Style(spaced=spaced >= tight, newline=newline)


def key(name: str) -> str:
    """A key as TOML writes it: bare when it can be, else a quoted string."""
    return name if _BARE_KEY.fullmatch(name) else string(name)


_FIELD_KEYS: dict[str, str] = {}
""":func:`key` of the names that come back in every table (a claim's fields), remembered."""


def _field_key(name: str) -> str:
    written = _FIELD_KEYS.get(name)
    if written is None:
        written = key(name)
        if len(_FIELD_KEYS) < 256:  # bounded, whatever keys the tables hold
            _FIELD_KEYS[name] = written
    return written


def string(text: str) -> str:
    """A basic string that reads back as ``text``."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if char in '"\\':
        return "\\" + char
    return f"\\u{ord(char):04x}"


_DEFAULT = Style()


def value(item: Any, style: Style = _DEFAULT) -> str:
    """One value, inline (arrays and tables on one line, except arrays of several tables)."""
    kind = type(item)  # the common kinds first, by exact type (a bool is no int here)
    if kind is str:
        return string(item)
    if kind is int:
        return str(item)
    if kind is float:
        return _float(item)
    if kind is dict:
        return inline_table(item, style)
    if kind is list:
        return _array(item, style)
    if kind is datetime:
        return _moment(item)
    return _any_value(item, style)


def _any_value(item: Any, style: Style) -> str:
    """:func:`value` of what is not one of the common exact types (subclasses included)."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, str):
        return string(item)
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        return _float(item)
    if isinstance(item, datetime):
        return _moment(item)
    if isinstance(item, date | time):
        return item.isoformat()
    if isinstance(item, Mapping):
        return inline_table(item, style)
    if isinstance(item, list | tuple):
        return _array(item, style)
    raise TypeError(f"cannot write {type(item).__name__} as TOML")


def _moment(item: datetime) -> str:
    text = item.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _array(items: list[Any] | tuple[Any, ...], style: Style) -> str:
    values = [value(element, style) for element in items]
    if len(values) > 1 and all(isinstance(element, Mapping) for element in items):
        inner = "".join([f"    {text},{style.newline}" for text in values])
        return f"[{style.newline}{inner}]"
    return "[" + ", ".join(values) + "]"


def _float(number: float) -> str:
    if math.isfinite(number):
        return repr(number)
    if math.isnan(number):
        return "nan"
    return "inf" if number > 0 else "-inf"


def inline_table(table: Mapping[str, Any], style: Style = _DEFAULT) -> str:
    if not table:
        return "{}"
    body = ", ".join([f"{_field_key(name)} = {value(item, style)}" for name, item in table.items()])
    return f"{{ {body} }}" if style.spaced else f"{{{body}}}"


def table(
    path: Iterable[str],
    values: Mapping[str, Any],
    style: Style = _DEFAULT,
    array_tables: Iterable[str] = (),
) -> str:
    """``[a.b]`` and its keys; keys named in ``array_tables`` become ``[[a.b.KEY]]`` blocks."""
    dotted = ".".join([key(part) for part in path])
    blocks = [name for name in array_tables if name in values and _is_tables(values[name])]
    lines = [f"[{dotted}]"]
    for name, item in values.items():
        if name not in blocks:
            written = string(item) if type(item) is str else value(item, style)
            lines.append(f"{_field_key(name)} = {written}")
    for name in blocks:
        for entry in values[name]:
            lines.append("")
            lines.append(f"[[{dotted}.{_field_key(name)}]]")
            lines.extend([f"{_field_key(k)} = {value(v, style)}" for k, v in entry.items()])
    nl = style.newline
    return nl.join(lines) + nl


def _is_tables(item: Any) -> bool:
    return isinstance(item, list) and bool(item) and all(isinstance(e, Mapping) for e in item)


def entity(
    section: str, name: str | None, values: Mapping[str, Any], style: Style = _DEFAULT
) -> str:
    """One map entity's tables: ``[map]``, ``[sources.ID]``, ``[claims.ID]`` (notes as
    ``[[claims.ID.notes]]``) or ``[perspectives.NAME]``."""
    if name is None:
        return table((section,), values, style)
    blocks = ARRAY_TABLE_KEYS if section == "claims" else ()
    return table((section, name), values, style, blocks)


def document(
    data: Mapping[str, Any], claim_order: Iterable[str] | None = None, header: str | None = None
) -> str:
    """A whole map: header comment, ``[map]``, sources, claims (in ``claim_order``), perspectives.

    Tables are separated by one blank line. The header's characters that a TOML comment
    cannot hold (controls, DEL) are shown as stand-ins.
    """
    parts: list[str] = []
    if header:
        lines = [
            f"# {visible(line)}".rstrip() if line.strip() else "" for line in header.splitlines()
        ]
        parts.append("\n".join(lines) + "\n")
    if data.get("map"):
        parts.append(entity("map", None, data["map"]))
    claims = data.get("claims", {})
    order = list(claim_order) if claim_order is not None else list(claims)
    for section in ("sources", "claims", "perspectives"):
        entries: Mapping[str, Any] = data.get(section) or {}
        names = order if section == "claims" else list(entries)
        parts.extend(entity(section, name, entries.get(name, {})) for name in names)
    return "\n".join(parts)
