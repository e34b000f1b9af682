"""A big map's TOML parsed a piece at a time, so other threads run between the pieces.

tomli is compiled (mypyc) and holds the interpreter's lock for a whole parse: reading a
100,000-claim map in the app's background thread froze its loading screen for seconds (no
animation, no ``q``). Parsed in pieces of a few hundred kilobytes, each at most tens of
milliseconds, the screen stays live and can show how far the reading got.

The pieces must give exactly what one parse of the whole text gives, or nothing: the text is
cut only before a header that starts a new entity (``[claims.b]`` after the lines of
``claims.a``), and only when that is sure to change nothing: no multi-line strings (a line
inside one can look like a header), every line that starts with ``[`` a header of bare keys
(so no line of an array is taken for one), each entity's headers in one run (an array of
tables is not split), no key before the first header, and no table but the entities and
``[map]``. The pieces' entities must not overlap. Anything else, or any piece tomli refuses,
gives ``None``: the caller parses the whole text, which then reports what is wrong where it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import tomli

from debate.locate_fast import SECTIONS, header_runs

PIECE = 256 * 1024
"""About how much text one piece holds (a few tens of milliseconds of parsing)."""

_KEY_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)
"""A line that holds something other than blanks and a comment."""


def loads_in_pieces(
    text: str, piece: int | None = None, progress: Callable[[float], None] | None = None
) -> dict[str, Any] | None:
    """``tomli.loads(text)``, parsed piece by piece (of about ``piece`` characters, default
    :data:`PIECE`); ``None`` when the text is small, cannot be cut where that is sure to
    give the same, or does not parse. ``progress`` is told the share read after each piece."""
    piece = piece or PIECE
    if len(text) <= piece or '"""' in text or "'''" in text:
        return None
    cuts = _cuts(text, piece)
    if cuts is None:
        return None
    merged: dict[str, Any] = {}
    for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
        try:
            data = tomli.loads(text[start:end])
        except (tomli.TOMLDecodeError, ValueError, RecursionError):
            return None
        if not _merge(merged, data):
            return None
        if progress is not None:
            progress(end / len(text))
    return merged


def _cuts(text: str, piece: int) -> list[int] | None:
    """Where each piece starts: 0, then the start of a run of headers about every
    ``piece`` characters; ``None`` when the layout is not one the pieces can be sure of."""
    runs = header_runs(text)
    if not runs or _KEY_LINE.search(text, 0, runs[0][1]):
        return None  # keys before the first header could add to any table
    cuts = [0]
    for name, start in runs:
        entity = len(name) == 2 and name[0] in SECTIONS
        if not (entity or name == ("map",)):
            return None  # [claims] itself, or a table that is no entity
        if entity and start - cuts[-1] >= piece:
            cuts.append(start)
    return cuts


def _merge(merged: dict[str, Any], data: dict[str, Any]) -> bool:
    """Add one piece's tables to what the earlier pieces gave; False when they overlap (an
    entity, or ``[map]``, written in two pieces: tomli may refuse that, or read it as one)."""
    for key, value in data.items():
        if key not in merged:
            merged[key] = value
        elif key in SECTIONS and merged[key].keys().isdisjoint(value):
            merged[key].update(value)
        else:
            return False
    return True
