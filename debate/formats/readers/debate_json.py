"""debate's own JSON export (``debate export -f json``), read back as a map.

The export (``schema/debate-export.schema.json``) holds the whole map: title, authors,
sources, perspectives, and every claim with its parent, stance, text, holder, tags, links,
citations, notes, and when set its title, mutual relation and origin. What it holds
besides is computed (numbers, depths, base scores, strengths, verdicts) and is not read.
What it cannot give back:

- whether a weight or credence was set: it writes the *effective* value, so every claim
  comes back with both set (as most maps, and the app, write them), except a root's weight
  when it is the default (a root's weight has no effect; ``debate lint`` flags one);
- credences beyond six decimals (claims' credences are rounded; perspectives' are exact);
- whether a claim cited one source as a table or as a list of one (one comes back a table);
- merge-conflict records (``[[claims.ID.conflicts]]``), which the export leaves out.

An export made with ``--perspective``, ``--root``, ``--depth`` or ``--no-notes`` holds less
than the map: it is read all the same, with a warning that says what is missing. (A partial
export's links, perspective entries and a root's mutual relation that name claims outside it
are dropped, counted in a warning, so the rest still makes a valid map.)

``debate score --json`` output is recognised too, and refused in one line: it has strengths,
not claims' text.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from typing import Any

from debate.errors import MapError, Problem
from debate.formats.readers.common import (
    ImportResult,
    ImportSummary,
    ReadError,
    Report,
    SourceText,
    refuse_lone_surrogates,
)
from debate.locate import LineIndex, line_col
from debate.model import DEFAULT_WEIGHT, ArgumentMap
from debate.store import validate_data

FORMAT = "debate-export"
VERSION = 1
COMPUTED = ("number", "depth", "base", "strength")
"""Per-claim fields the export computes; the map never holds them."""
CLAIM_FIELDS: tuple[str, ...] = (
    *("parent", "stance", "text", "weight", "credence"),
    *("by", "tags", "links", "cite", "notes", "title", "mutual", "origin"),
)
"""Per-claim fields the map holds (the reader passes them on to the map's own validation)."""

_CLAIM_ID = re.compile(r'\{\s*"id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def read(source: SourceText) -> ImportResult:
    report = Report(source.name)
    document = _parse(source, report)
    export = document.get("export")
    partial = _warn_what_is_missing(export if isinstance(export, dict) else {}, report)
    records = document.get("claims")
    if not isinstance(records, list):
        raise report.error('not a debate JSON export: "claims" must be a list', 1, 1)
    claims = _claims(records, report)
    data: dict[str, Any] = {
        "map": document.get("map", {}),
        "sources": _table(document, "sources", report),
        "claims": claims,
        "perspectives": _table(document, "perspectives", report),
    }
    if partial:
        _drop_references_outside(data, report)
    known = {"$schema", "format", "version", "export", "verdicts", *data}
    for key in (key for key in document if key not in known):
        report.warn(f"unknown key {key!r} at the top of the export; ignored", 1, 1)
    argmap = _validated(data, source)
    summary = _counted(report, records, argmap)
    return ImportResult(report.warnings, "json", summary=summary, model=argmap)


def _counted(report: Report, records: list[Any], argmap: ArgumentMap) -> ImportSummary:
    """What the import's summary says: claims and relations as the export held them and as
    the map holds them (an export is debate's own map, so they differ only for a partial one)."""
    summary = report.summary
    summary.claims_in = len(records)
    summary.claims_out = len(argmap.claims)
    dicts = [record for record in records if isinstance(record, dict)]
    summary.relations_in = sum(1 for record in dicts if record.get("parent") is not None)
    summary.in_tree = sum(1 for claim in argmap.claims.values() if claim.parent is not None)
    summary.links_in = sum(len(record.get("links") or []) for record in dicts)
    summary.links_out = sum(len(claim.links) for claim in argmap.claims.values())
    return summary


def _parse(source: SourceText, report: Report) -> dict[str, Any]:
    """The JSON document, checked to be a debate export of a version this debate reads."""
    text = source.text
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        cut = error.pos >= len(text.rstrip())
        message = "the file ends too soon (cut off?)" if cut else error.msg
        raise report.error(f"not valid JSON: {message}", error.lineno, error.colno) from None
    except ValueError:  # int() refused a huge integer (sys.get_int_max_str_digits)
        limit = sys.get_int_max_str_digits()
        raise report.error(
            f"an integer longer than {limit} digits", *_place(text, rf"\d{{{limit + 1}}}")
        ) from None
    if not isinstance(document, dict):
        raise report.error("not a debate JSON export: expected an object", 1, 1)
    refuse_lone_surrogates(document, source)
    kind, version = document.get("format"), document.get("version")
    if kind == "debate-scores":
        raise report.error(
            "this is `debate score --json` output: strengths only, no claims' text; "
            "import a `debate export -f json` file instead",
            1,
            1,
        )
    if kind != FORMAT:
        raise report.error(f'not a debate JSON export: "format" is {kind!r}, not {FORMAT!r}', 1, 1)
    if version != VERSION:
        raise report.error(
            f"a debate JSON export of version {version!r}; this debate reads version {VERSION}",
            1,
            1,
        )
    return document


def _place(text: str, pattern: str) -> tuple[int, int]:
    """Line and column of the first match of ``pattern`` (any case) in ``text``, else 1:1."""
    found = re.search(pattern, text, re.IGNORECASE)
    return line_col(text, found.start()) if found else (1, 1)


def _warn_what_is_missing(export: dict[str, Any], report: Report) -> bool:
    """Warn about each export option that left something of the map out; True when claims
    (or their references) may be missing."""
    perspective = export.get("perspective")
    if perspective is not None:
        report.warn(
            f"exported under perspective {perspective!r}: claims' weights and credences are "
            "that perspective's, not the map's own"
        )
    root, depth = export.get("root"), export.get("depth")
    if root is not None:
        report.warn(f"a partial export: only claim {root!r} and what is below it")
    if depth is not None:
        report.warn(f"a partial export: only {depth} level(s) below the root(s)")
    if export.get("notes") is False:
        report.warn("exported without notes (--no-notes): claims' notes are not in the file")
    return root is not None or depth is not None


def _table(document: dict[str, Any], key: str, report: Report) -> dict[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise report.error(f'not a debate JSON export: "{key}" must be an object', 1, 1)
    return value


def _claims(records: list[Any], report: Report) -> dict[str, Any]:
    """The claims table, keyed by id, from the export's flat list (tree order)."""
    claims: dict[str, Any] = {}
    for index, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise report.error(f"claims[{index}]: expected an object with a string id", 1, 1)
        claim_id = record["id"]
        if claim_id in claims:
            raise report.error(f"claims[{index}]: claim id {claim_id!r} appears twice", 1, 1)
        unknown = record.keys() - {"id", *COMPUTED, *CLAIM_FIELDS}
        for key in sorted(unknown):
            report.warn_grouped(f"key {key}", f"unknown claim key {key!r}; ignored")
        claims[claim_id] = _claim(record)
    return claims


def _claim(record: dict[str, Any]) -> dict[str, Any]:
    """One claim as the map holds it: unset values and empty lists left out."""
    claim = {
        key: record[key]
        for key in CLAIM_FIELDS
        if record.get(key) is not None and record[key] != []
    }
    if "parent" not in claim and claim.get("weight") == DEFAULT_WEIGHT:
        del claim["weight"]
    cite = claim.get("cite")
    if isinstance(cite, list) and len(cite) == 1:
        claim["cite"] = cite[0]
    notes = claim.get("notes")
    if isinstance(notes, list):
        claim["notes"] = [_note(note) if isinstance(note, dict) else note for note in notes]
    return claim


def _note(note: dict[str, Any]) -> dict[str, Any]:
    at = note.get("at")
    return {**note, "at": _moment(at)} if isinstance(at, str) else note


def _moment(text: str) -> datetime | date | str:
    """An ISO 8601 date or date-time as the export wrote it; the text itself when it is not
    one (validation then says what was expected)."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        return text


def _drop_references_outside(data: dict[str, Any], report: Report) -> None:
    """A partial export names claims it does not hold (links, perspective entries): drop
    those references, counted in one warning, so the claims that are there make a map."""
    claims = data["claims"]
    dropped = 0
    for claim in claims.values():
        links = claim.get("links")
        if isinstance(links, list):
            kept = [target for target in links if target in claims]
            dropped += len(links) - len(kept)
            claim["links"] = kept
        if "parent" not in claim and claim.pop("mutual", None) is not None:
            dropped += 1  # how a parent outside the export bore back on this claim
    for perspective in data["perspectives"].values():
        for overlay in ("weight", "credence"):
            values = perspective.get(overlay) if isinstance(perspective, dict) else None
            if isinstance(values, dict):
                kept_values = {key: value for key, value in values.items() if key in claims}
                dropped += len(values) - len(kept_values)
                perspective[overlay] = kept_values
    if dropped:
        report.warn(
            f"{dropped} link(s), perspective entries or mutual relations name claims outside "
            "the export"
        )


def _validated(data: dict[str, Any], source: SourceText) -> Any:
    """The checked map, or a :class:`ReadError`: the map's own validation, each problem
    placed at the line of the claim it is about when there is one."""
    try:
        return validate_data(data, "", source.name)
    except MapError as error:
        places = _claim_lines(source.text)
        placed = [_placed(problem, places, source.text) for problem in error.problems]
        raise ReadError(sorted(placed, key=lambda problem: (problem.line, problem.col))) from None


def _claim_lines(text: str) -> dict[str, tuple[int, int]]:
    """Line and column of each claim record (its ``{"id": ...``), found in one pass."""
    locate = LineIndex(text)
    places: dict[str, tuple[int, int]] = {}
    for match in _CLAIM_ID.finditer(text):
        try:
            claim_id = json.loads(f'"{match.group(1)}"')
        except ValueError:
            continue
        places.setdefault(claim_id, locate(match.start()))
    return places


def _placed(problem: Problem, places: dict[str, tuple[int, int]], text: str) -> Problem:
    """The problem at its claim's record; any other (a perspective's, a source's) at the
    first place its key path's most specific name is written, else at 1:1: never unplaced."""
    parts = [part.strip("'") for part in problem.where.split(".")]
    if len(parts) >= 2 and parts[0] == "claims" and parts[1] in places:
        line, col = places[parts[1]]
    elif problem.line:
        return problem
    else:
        line, col = 1, 1
        for name in reversed(parts):
            found = text.find(json.dumps(name)) if name else -1
            if found >= 0:
                line, col = line_col(text, found)
                break
    return Problem(problem.file, problem.message, line, col, problem.where, problem.severity)
