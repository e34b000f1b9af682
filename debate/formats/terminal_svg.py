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
from typing import TYPE_CHECKING

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line, visible
from debate.formats import ExportOptions, Scores
from debate.formats.view import Row, View, bar, strength_text
from debate.model import ArgumentMap

if TYPE_CHECKING:
    from rich.text import Text

WIDTH = 110
_WEB_FONTS = re.compile(r",\s*url\([^)]*\)\s*format\([^)]*\)")


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

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


def _label(view: View, row: Row) -> Text:
    from rich.text import Text

    claim = row.claim
    label = Text()
    label.append(row.number, style="dim")
    label.append(" ")
    label.append(f"{STANCE_GLYPHS[row.stance]} ", style=STANCE_STYLES[row.stance])
    if row.stance is not None:
        label.append(f"{row.stance} ", style=STANCE_STYLES[row.stance])
        label.append(f"w{row.weight} ", style="yellow")
    label.append(f"{bar(row.strength, 5)} {strength_text(row.strength)} ", style="bold blue")
    label.append(f"c{row.credence:.2f} ", style="magenta")
    label.append(one_line(claim.text), style="bold" if row.parent is None else "")
    if claim.by:
        label.append(f"  — {one_line(claim.by)}", style="italic dim")
    for tag in claim.tags:
        label.append(f" #{one_line(tag)}", style="blue")
    notes = view.notes(row)
    if notes:
        label.append(f" ✎{len(notes)}", style="yellow")
    label.append(f"  [{row.id}]", style="dim")
    return label
