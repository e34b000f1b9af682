"""Mermaid: a flowchart that GitHub, GitLab and many Markdown viewers draw in place.

Nodes are ``c1``, ``c2``... in tree order (claim ids could collide with Mermaid keywords such
as ``end``); a comment line maps each back to its claim id. Edges point from a claim to the
claim it bears on, parents on top: pro ``-->`` green, con ``--x`` red, part ``==>`` teal,
see-also links ``-.-`` grey. Node fill follows strength in five steps.

Labels are double-quoted and every character that Mermaid or its HTML labels could read as
syntax (quotes, ``#``, ``:``, ``<``, ``&``, brackets, pipes, backticks, ``%``, backslashes...)
is written as a Mermaid entity code (``#35;``); line breaks stay line breaks inside the quotes.
Control characters, bidi overrides and Unicode line separators are shown as visible stand-ins
(``\\x1b``, ``\\u202e``: :func:`debate.display.visible`), never drawn.
"""

from __future__ import annotations

import json
import re

from debate.display import visible
from debate.formats import ExportOptions, Scores
from debate.formats.view import Row, View, strength_text
from debate.model import ArgumentMap

# Everything but these is written as an entity code. A colon is not kept: before parsing,
# Mermaid deletes the last ``;`` of any line matching ``style.*:\S*#.*;`` or
# ``classDef.*:\S*#.*;`` (its style-directive fix-up), which would mangle the entity codes of
# a label line such as ``style A fill:#f00;``; with no raw colon no label line can match.
_UNSAFE = re.compile(r"[^A-Za-z0-9 .,?!'()/+=@_\-\u00a0-\u2027\u202a-\U0010ffff]")
_ARROWS = {"pro": "-->", "con": "--x", "part": "==>"}
_EDGE_COLOURS = {"pro": "#2e7d32", "con": "#c62828", "part": "#00838f", "link": "#9e9e9e"}
_SHADES = ("#ffffff", "#e3e8f2", "#c5d0e6", "#a3b4d6", "#7f95c2")


def escape(text: str) -> str:
    """Label text with every syntax character as an entity code; line breaks kept.

    Line breaks stay real line breaks inside the quoted label: Mermaid draws them as breaks,
    whereas ``<br/>`` would make it read a literal backslash-n in the text as a break too.
    """
    lines = visible(text).replace("\r\n", "\n").split("\n")
    return "\n".join(_UNSAFE.sub(lambda match: f"#{ord(match.group())};", line) for line in lines)


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    node = {row.id: f"c{index}" for index, row in enumerate(view.rows, 1)}
    title = json.dumps(visible(argmap.map.title), ensure_ascii=True).replace("-", "\\u002d")
    out = ["---", f"title: {title}", "---", "flowchart BT"]
    for row in view.each():
        out.append(f"  %% {node[row.id]}: {row.id}")
        out.append(f'  {node[row.id]}["{_label(row)}"]')
    kinds: list[str] = []
    for row in view.rows:
        if row.parent is not None and row.stance is not None:
            arrow = _ARROWS[row.stance]
            out.append(f'  {node[row.id]} {arrow}|"{row.stance} w{row.weight}"| {node[row.parent]}')
            kinds.append(row.stance)
    for row in view.rows:
        for target in view.links(row):
            out.append(f"  {node[row.id]} -.- {node[target]}")
            kinds.append("link")
    for kind, colour in _EDGE_COLOURS.items():
        indexes = [str(index) for index, edge in enumerate(kinds) if edge == kind]
        if indexes:
            width = "1px" if kind == "link" else "2px"
            out.append(f"  linkStyle {','.join(indexes)} stroke:{colour},stroke-width:{width}")
    for level, shade in enumerate(_SHADES):
        colour = "#000000"
        out.append(f"  classDef s{level} fill:{shade},stroke:#5f6368,color:{colour}")
    out.append("  classDef root stroke:#3b4cca,stroke-width:3px")
    for level in range(len(_SHADES)):
        members = [node[row.id] for row in view.rows if _shade(row.strength) == level]
        if members:
            out.append(f"  class {','.join(members)} s{level}")
    if view.roots:
        out.append(f"  class {','.join(node[root] for root in view.roots)} root")
    return "\n".join(out) + "\n"


def _label(row: Row) -> str:
    head = row.number + ("" if row.stance is None else f" · {row.stance}")
    return f"{escape(head)}\n{escape(row.text)}\nstrength {strength_text(row.strength)}"


def _shade(strength: float) -> int:
    return min(int(strength * len(_SHADES)), len(_SHADES) - 1)
