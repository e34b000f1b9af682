"""OPML 2.0: the map as an outline for outliners (OmniOutliner, Logseq, Workflowy, Dynalist...).

Each claim is an ``<outline>`` whose ``text`` is the claim's own text; outliners that show
notes show ``_note``: stance, weight, strength and credence, holder and tags, sources with
quotes, and the claim's notes. The same facts are also plain attributes (``stance``,
``weight``, ``credence``, ``strength``, ``claimId``) for programs.

Attribute values escape ``& < > "`` and write line breaks, tabs, carriage returns, C1
controls, bidi overrides and Unicode line separators as character references, so they survive
XML's attribute-value normalisation and never reach a terminal raw; characters XML 1.0
forbids (C0 controls, U+FFFE, U+FFFF) are shown as ``\\xNN``/``\\uNNNN``. Indentation
stops growing after 20 levels so a 10,000-deep chain stays a file of reasonable size.
"""

from __future__ import annotations

import re

from debate.display import replace_unsafe, stand_in
from debate.formats import ExportOptions, Scores
from debate.formats.view import Row, View, note_line, source_line, strength_text
from debate.model import MAX_WEIGHT, ArgumentMap

MAX_INDENT = 20
_NOT_XML = re.compile("[\ufffe\uffff]")
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
)


def _reference(char: str) -> str:
    """An unsafe character as an XML character reference, or a stand-in where XML 1.0 has
    no such character (C0 controls other than tab, newline and carriage return)."""
    code = ord(char)
    return f"&#{code};" if code >= 0x7F or code == 0x0D else stand_in(char)


def attribute(text: str) -> str:
    """``text`` as the inside of a double-quoted XML attribute, exactly preserved on parsing.

    Unsafe characters (:data:`debate.display.UNSAFE_CHARACTERS`) are character references,
    so the file holds none raw yet an XML parser reads them back exactly; the C0 controls XML
    forbids are stand-ins (``\\x1b``), as are the non-characters U+FFFE and U+FFFF.
    """
    text = _NOT_XML.sub(lambda match: stand_in(match.group()), text)
    return replace_unsafe(text.translate(_ATTRIBUTE), _reference)


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{attribute(argmap.map.title)}</title>",
    ]
    if argmap.map.author:
        out.append(f"    <ownerName>{attribute(argmap.map.author)}</ownerName>")
    out += ["  </head>", "  <body>"]
    open_rows: list[Row] = []
    for row in view.each():
        while open_rows and open_rows[-1].depth >= row.depth:
            closed = open_rows.pop()
            if closed.children:
                out.append(_pad(closed.depth) + "</outline>")
        end = ">" if row.children else "/>"
        out.append(_pad(row.depth) + f"<outline {_attributes(view, row)}{end}")
        open_rows.append(row)
    while open_rows:
        closed = open_rows.pop()
        if closed.children:
            out.append(_pad(closed.depth) + "</outline>")
    out += ["  </body>", "</opml>"]
    return "\n".join(out) + "\n"


def _pad(depth: int) -> str:
    return "    " + "  " * min(depth, MAX_INDENT)


def _attributes(view: View, row: Row) -> str:
    values = {
        "text": row.text,
        "_note": "\n".join(_note_lines(view, row)),
        "claimId": row.id,
        "number": row.number,
    }
    if row.stance:
        values["stance"] = row.stance
        values["weight"] = str(row.weight)
    values["credence"] = f"{row.credence:.2f}"
    values["strength"] = strength_text(row.strength)
    return " ".join(f'{key}="{attribute(value)}"' for key, value in values.items())


def _note_lines(view: View, row: Row) -> list[str]:
    claim = row.claim
    head = [f"{row.stance}, weight {row.weight}/{MAX_WEIGHT}"] if row.stance else []
    head += [f"strength {strength_text(row.strength)}", f"credence {row.credence:.2f}"]
    lines = [" · ".join(head)]
    facts = []
    if claim.by:
        facts.append(f"by {claim.by}")
    facts += [f"#{name}" for name in claim.tags]
    if facts:
        lines.append(" · ".join(facts))
    lines += [source_line(cited) for cited in view.cited(row)]
    lines += [note_line(note) for note in view.notes(row)]
    links = view.links(row)
    if links:
        lines.append("See also: " + ", ".join(view.by_id[target].number for target in links))
    return lines
