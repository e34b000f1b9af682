"""SVG of the coloured terminal tree: what ``debate show`` prints, as a picture for slides,
issues and READMEs, with each claim's strength added.

Rich records the console and writes the SVG; the console ignores the environment (width,
colour support, ``NO_COLOR``) so the same map always gives the same picture, and the web-font
URLs in rich's template are dropped so the file fetches nothing (it falls back to a local
Fira Code or any monospace font). User text enters as :class:`rich.text.Text` after
:func:`debate.display.visible`, never as markup, and rich escapes it for XML.
"""

from __future__ import annotations

import io
import re

from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from debate.display import one_line, visible
from debate.formats import ExportOptions, Scores
from debate.formats.view import Row, View
from debate.model import ArgumentMap
from debate.render import ClaimLabel

WIDTH = 110
_WEB_FONTS = re.compile(r",\s*url\([^)]*\)\s*format\([^)]*\)")


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    perspective = view.perspective or "base map"
    heading = Text(visible(argmap.map.title), style="bold underline")
    heading.append(f"  ({view.semantics}, {perspective})", style="dim")
    top = Tree(heading, guide_style="dim")
    nodes: dict[str, Tree] = {}
    for row in view.each():
        holder = top if row.parent is None else nodes[row.parent]
        nodes[row.id] = holder.add(_label(view, row))
    console = Console(
        record=True,
        file=io.StringIO(),
        width=WIDTH,
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
        _environ={},
    )
    console.print(top)
    template = _WEB_FONTS.sub("", CONSOLE_SVG_FORMAT)
    return console.export_svg(title=one_line(argmap.map.title, 80), code_format=template)


def _label(view: View, row: Row) -> ClaimLabel:
    return ClaimLabel(
        row.id,
        row.claim,
        row.stance,
        number=row.number,
        weight=row.weight,
        strength=row.strength,
        credence=row.credence,
        details=True,
        notes=len(view.notes(row)),
    )
