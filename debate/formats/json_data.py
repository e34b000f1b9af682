"""JSON: the whole map plus computed strengths, for scripts and other programs.

The document validates against ``schema/debate-export.schema.json`` (published with the
project, ``$id`` below). ``debate score --json`` prints :func:`scores_document`, which
describes strengths with the very same per-claim record (:func:`scored`) and validates
against ``schema/debate-scores.schema.json``.

Claims are a flat list in tree order (depth-first, with their Kialo-style numbers) linked by
``parent``, so consumers never need to recurse and a 10,000-deep chain stays a plain list.
Keys appear in a fixed order and floats are rounded to six decimals, so the same map always
gives the same bytes. A claim's title, mutual relation and origin, and the map's authors,
are written only when set, so the export of a map without them is what it always was.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from debate.display import safe_json
from debate.formats import ExportOptions, Scores
from debate.formats.view import Row, View, citations, moment, rounded
from debate.model import ArgumentMap, Citation, Note

SCHEMA_ID = "https://debate.invalid/schema/debate-export.schema.json"
SCORES_SCHEMA_ID = "https://debate.invalid/schema/debate-scores.schema.json"
FORMAT_VERSION = 1


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    return dumps(document(View(argmap, options, scores)))


def dumps(data: dict[str, Any]) -> str:
    """Indented JSON with one claim per line.

    A claim per line diffs well (an edited claim is one changed line) and lets the C encoder
    write the bulk of a large map, which is most of the export's time. Text stays readable
    UTF-8, except the characters :data:`debate.display.UNSAFE_CHARACTERS` lists (controls,
    bidi overrides, U+2028), which are ``\\u`` escapes: the data is the same, and the file is
    safe to print.
    """
    head = {key: value for key, value in data.items() if key != "claims"}
    text = json.dumps(head, indent=2, ensure_ascii=False)
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
    claims = ",\n".join("    " + encoder.encode(claim) for claim in data["claims"])
    listed = f"[\n{claims}\n  ]" if claims else "[]"
    return safe_json(f'{text[:-2]},\n  "claims": {listed}\n}}\n')


def document(view: View) -> dict[str, Any]:
    """The export as plain data (also what the schema describes)."""
    argmap = view.argmap
    info = argmap.map
    return {
        "$schema": SCHEMA_ID,
        "format": "debate-export",
        "version": FORMAT_VERSION,
        "map": _compact(
            {
                "title": info.title,
                "description": info.description,
                "author": info.author,
                "authors": list(info.authors) or None,
            }
        ),
        "export": {
            "semantics": view.semantics,
            "perspective": view.perspective,
            "root": view.options.root,
            "depth": view.options.depth,
            "notes": view.options.notes,
        },
        "verdicts": _verdicts(view),
        "sources": {
            source_id: _compact(
                {
                    "title": source.title,
                    "author": source.author,
                    "publisher": source.publisher,
                    "date": _date(source.date),
                    "url": source.url,
                    "path": source.path,
                    "note": source.note,
                }
            )
            for source_id, source in argmap.sources.items()
        },
        "perspectives": {
            name: _compact(
                {
                    "description": perspective.description,
                    "weight": dict(perspective.weight),
                    "credence": dict(perspective.credence),
                }
            )
            for name, perspective in argmap.perspectives.items()
        },
        "claims": [_claim(view, row) for row in view.each()],
    }


def scores_document(view: View) -> dict[str, Any]:
    """What ``debate score --json`` prints (``schema/debate-scores.schema.json``): the
    verdicts and each claim's :func:`scored` record, exactly as the export writes them."""
    return {
        "$schema": SCORES_SCHEMA_ID,
        "format": "debate-scores",
        "version": FORMAT_VERSION,
        "semantics": view.semantics,
        "perspective": view.perspective,
        "verdicts": _verdicts(view),
        "claims": [scored(row) for row in view.each()],
    }


def scored(row: Row) -> dict[str, Any]:
    """A claim's place in the tree and its numbers: the record both JSON documents share
    (``$defs/scored`` in both schemas), every float rounded to six decimals."""
    return {
        "id": row.id,
        "number": row.number,
        "depth": row.depth,
        "parent": row.parent,
        "stance": row.stance,
        "weight": row.weight,
        "credence": rounded(row.credence),
        "base": rounded(row.base),
        "strength": rounded(row.strength),
    }


def _verdicts(view: View) -> dict[str, float]:
    return {root: rounded(view.by_id[root].strength) for root in view.roots}


def _claim(view: View, row: Row) -> dict[str, Any]:
    claim = row.claim
    cite = claim.cite
    notes = claim.notes if view.options.notes else ()
    record = {
        **scored(row),
        "text": claim.text,
        "by": claim.by,
        "tags": claim.tags,
        "links": claim.links,
        "cite": [_citation(item) for item in citations(claim)] if cite is not None else [],
        "notes": [_note(note) for note in notes] if notes else [],
    }
    # Newer fields, written only when set: exports of maps without them stay as they were.
    if claim.title is not None:
        record["title"] = claim.title
    if claim.mutual is not None:
        record["mutual"] = claim.mutual
    if claim.origin is not None:
        record["origin"] = _compact({"id": claim.origin.id, "at": claim.origin.at})
    return record


def _citation(citation: Citation) -> dict[str, str]:
    data = {"source": citation.source}
    if citation.quote is not None:
        data["quote"] = citation.quote
    if citation.locator is not None:
        data["locator"] = citation.locator
    return data


def _note(note: Note) -> dict[str, str]:
    data = {"text": note.text}
    if note.at is not None:
        data["at"] = moment(note.at)
    if note.by is not None:
        data["by"] = note.by
    return data


def _date(value: str | date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Drop unset (None) and empty optional fields so the output says only what the map says."""
    return {key: value for key, value in values.items() if value is not None and value != {}}
