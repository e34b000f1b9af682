"""CSV: one row per claim, for spreadsheets and data tools.

RFC 4180 (comma-separated, ``"``-quoted where needed, CRLF line ends), UTF-8 with no byte
order mark. Columns: number, id, parent, depth, stance, text, weight, credence, strength, by,
tags, links, sources, quotes, notes. Cells that hold several values (tags, links, sources,
quotes, notes) put one per line inside the cell.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, so such a
user-written cell gets a leading ``'`` (the usual CSV-injection guard; spreadsheets hide it).
Control characters other than line breaks and tabs are shown as ``\\xNN``.
"""

from __future__ import annotations

import csv
import io

from debate.display import visible
from debate.formats import ExportOptions, Scores
from debate.formats.view import Cited, Row, View, moment, strength_text
from debate.model import ArgumentMap

COLUMNS = (
    "number",
    "id",
    "parent",
    "depth",
    "stance",
    "text",
    "weight",
    "credence",
    "strength",
    "by",
    "tags",
    "links",
    "sources",
    "quotes",
    "notes",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """User text as a cell a spreadsheet shows but never evaluates."""
    text = visible(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in view.each():
        writer.writerow(_cells(view, row))
    return buffer.getvalue()


def _quotes(cited: list[Cited]) -> str:
    """One line per citation (blank where it has no quote), empty when none has a quote."""
    quotes = [item.citation.quote or "" for item in cited]
    return "\n".join(quotes) if any(quotes) else ""


def _cells(view: View, row: Row) -> list[str]:
    claim = row.claim
    cited = view.cited(row)
    notes = [(f"[{moment(note.at)}] " if note.at else "") + note.text for note in view.notes(row)]
    return [
        row.number,
        row.id,
        row.parent or "",
        str(row.depth),
        row.stance or "",
        cell(claim.text),
        str(row.weight) if row.stance else "",
        f"{row.credence:.2f}",
        strength_text(row.strength),
        cell(claim.by or ""),
        cell("\n".join(claim.tags)),
        "\n".join(claim.links),
        "\n".join(item.citation.source for item in cited),
        cell(_quotes(cited)),
        cell("\n".join(notes)),
    ]
