"""Showing user text safely: claim text is data, never markup or terminal control.

Rich and Textual interpret ``[bold]`` only in markup strings, so callers pass
:class:`rich.text.Text`; but a raw ``ESC`` byte would still reach the terminal and could
recolour it or move the cursor. :func:`visible` turns every control character except newline
and tab into a printable escape (``\\x1b``), so what the user typed is what they see.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

STANCE_GLYPHS = {"pro": "+", "con": "-", "part": "◇", None: "●"}
STANCE_STYLES = {"pro": "green", "con": "red", "part": "cyan", None: "bold"}


def visible(text: str) -> str:
    """``text`` with control characters (ANSI escapes included) shown as ``\\xNN``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def one_line(text: str, limit: int | None = None) -> str:
    """A claim's text on a single line (tree labels and tables), optionally shortened."""
    flat = " ".join(visible(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat
