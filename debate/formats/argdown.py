"""Argdown: statements and their pro/con relations, so the map opens in Argdown's tools.

Each claim becomes a statement titled by its claim id, defined where it sits in the tree::

    [catch-up-2027]: Chinese AI models will catch up to Claude by early 2027. #timing {...}
      + [sooner-than-that]: It will happen sooner than early 2027. {...}
        - [speaker-interest]: Tang Jie founded Zhipu... {...}

``+`` marks support and ``-`` attack. Argdown has no relation for debate's ``part`` (a
dimension of the parent, combined into its base score), so a part is written as support —
it raises its parent — and keeps ``"stance": "part"`` in its data. Weight, credence, strength,
holder, links, citations and notes go into each statement's data block (YAML flow, written
as JSON with braces escaped), tags become Argdown tags.

A claim is titled by its ``title`` (the name another tool gave it, kept on import) when it
has one that Argdown can spell and no other claim uses, else by its id (and the title goes
into its data); ``@[Title]`` mentions of those names in texts stay mentions, so they still
point at their statements.
A claim whose parent bears back on it (``mutual``) gets that relation as a line of its own
(``<- [parent]``). Only the weights and credences the map sets (or the exported perspective
changes) are written, so importing the export gives the map back unchanged.

Text is escaped with backslashes (Argdown's escaped characters) wherever a character could
start Argdown syntax. Argdown statements are one line, so line breaks become spaces; then the
exact text is also kept in the data as ``text``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from debate.display import has_unsafe, json_escape, safe_json, visible
from debate.formats import ExportOptions, Scores
from debate.formats.view import Row, View, citations, moment, rounded
from debate.model import ArgumentMap

RELATIONS = {"pro": "+", "con": "-", "part": "+"}

# Characters that can start an Argdown token in the middle of a line (statement and argument
# references, mentions, tags, emphasis, links, comments, data, front matter, escapes).
_SYNTAX = re.compile(r"[\\@#*_\[\]<>/{}=]")
# A dot or colon that could open a ``.shortcode.`` or ``:shortcode:`` special character.
_SPECIAL = re.compile(r"([.:])(?=\S+?\1)")
_PLAIN_TAG = re.compile(r"[a-zA-Z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+")
_BREAKS = re.compile(r"\r\n|[\n\r\u0085\u2028\u2029]")
_FLOW_SPECIAL = re.compile("[{}\ufeff]")
# A title Argdown reads back as written: one line, no brackets, backslashes or control
# characters, no blank at either end and no leading dash.
_NOT_IN_TITLE = r"\[\]\\\n\r\x00-\x1f\x7f-\x9f\u0085\u2028\u2029"
_TITLE = re.compile(rf"[^\s\-{_NOT_IN_TITLE}](?:[^{_NOT_IN_TITLE}]*[^\s{_NOT_IN_TITLE}])?")
_ESCAPED_MENTION = re.compile(r"\\@\\\[((?:\\.|[^\\\]\n]){1,200}?)\\\]")
_UNESCAPE = re.compile(r"\\(.)")


def escape(text: str) -> str:
    """One line of Argdown text that reads back as ``text`` (line breaks become spaces)."""
    line = _BREAKS.sub(" ", visible(text)).strip()
    line = _SYNTAX.sub(lambda match: "\\" + match.group(), line)
    return _SPECIAL.sub(lambda match: "\\" + match.group(1), line)


def tag(name: str) -> str | None:
    """An Argdown tag for ``name``, or None when Argdown cannot spell it (it stays in data).

    A tag holding a control character, bidi override or line separator is kept in the data
    (``\\u`` escaped) rather than written raw into the statement line.
    """
    if has_unsafe(name):
        return None
    if _PLAIN_TAG.fullmatch(name):
        return f"#{name}"
    if ")" not in name and name.strip() == name and name and not _BREAKS.search(name):
        return f"#({name})"
    return None


def flow(value: Any) -> str:
    """``value`` as a YAML flow node Argdown's data lexer cannot misread.

    JSON is valid YAML flow; braces, the byte-order mark and every unsafe character
    (:data:`debate.display.UNSAFE_CHARACTERS`: controls, bidi overrides, YAML's extra line
    breaks U+0085/U+2028/U+2029) inside strings are written as ``\\u`` escapes, so the data
    block's closing brace is always the real one and nothing raw reaches a terminal.
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(key)}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, str):
        encoded = safe_json(json.dumps(value, ensure_ascii=False))
        return _FLOW_SPECIAL.sub(lambda match: json_escape(match.group()), encoded)
    return json.dumps(value)


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    front: dict[str, Any] = {"title": argmap.map.title}
    if argmap.map.description:
        front["subTitle"] = argmap.map.description
    authors = [name for name in (argmap.map.author, *argmap.map.authors) if name]
    if authors:
        front["author"] = authors[0] if len(authors) == 1 and not argmap.map.authors else authors
    out = ["==="]
    out += [f"{key}: {_no_equals(flow(value))}" for key, value in front.items()]
    out += ["===", ""]
    names = _names(view)
    for row in view.each():
        if row.parent is None and row is not view.rows[0]:
            out.append("")
        out.append(_statement(view, row, names))
        mutual = row.claim.mutual
        if mutual and row.parent is not None:
            indent = "  " * (row.depth + 1)
            out.append(f"{indent}{'<+' if mutual == 'pro' else '<-'} [{names[row.parent]}]")
    return "\n".join(out) + "\n"


def _names(view: View) -> dict[str, str]:
    """Each exported claim's Argdown title: its ``title`` where Argdown can spell it and it is
    unique (among titles and ids alike), else its id."""
    names = {row.id: row.id for row in view.rows}
    taken = set(names)
    for row in view.rows:
        title = row.claim.title
        if (
            title is not None
            and title not in taken
            and _TITLE.fullmatch(title)
            and not has_unsafe(title)
        ):
            names[row.id] = title
            taken.add(title)
    return names


def _mentions(line: str, names: dict[str, str]) -> str:
    """Escaped ``\\@\\[Title\\]`` back to a mention wherever Title names an exported claim."""
    spelled = set(names.values())

    def mention(match: re.Match[str]) -> str:
        title = _UNESCAPE.sub(r"\1", match.group(1))
        return f"@[{title}]" if title in spelled else match.group()

    return _ESCAPED_MENTION.sub(mention, line)


def _no_equals(value: str) -> str:
    """Front matter ends at the next ``===``, so no ``=`` may appear inside it."""
    return value.replace("=", "\\u003d")


def _statement(view: View, row: Row, names: dict[str, str]) -> str:
    claim = row.claim
    indent = "  " * row.depth
    relation = f"{RELATIONS[row.stance]} " if row.stance else ""
    parts = [f"{indent}{relation}[{names[row.id]}]: {_mentions(escape(claim.text), names)}"]
    parts += [spelled for spelled in map(tag, claim.tags) if spelled]
    parts.append(flow(_data(view, row, names)))
    return " ".join(part for part in parts if part)


def _data(view: View, row: Row, names: dict[str, str]) -> dict[str, Any]:
    claim = row.claim
    data: dict[str, Any] = {}
    if row.stance:
        data["stance"] = row.stance
        if claim.weight is not None or row.weight != claim.effective_weight:
            data["weight"] = row.weight
    if claim.credence is not None or row.credence != claim.effective_credence:
        data["credence"] = row.credence
    data["strength"] = rounded(row.strength)
    if claim.by:
        data["by"] = claim.by
    if any(tag(name) is None for name in claim.tags):
        data["tags"] = list(claim.tags)
    if claim.links:
        data["links"] = [names.get(target, target) for target in claim.links]
    cited = citations(claim)
    if cited:
        data["cite"] = [
            {
                key: value
                for key, value in (
                    ("source", citation.source),
                    ("quote", citation.quote),
                    ("locator", citation.locator),
                )
                if value is not None
            }
            for citation in cited
        ]
    notes = view.notes(row)
    if notes:
        data["notes"] = [
            {
                key: value
                for key, value in (("text", note.text), ("at", moment(note.at)), ("by", note.by))
                if value
            }
            for note in notes
        ]
    if " ".join(claim.text.split()) != claim.text or visible(claim.text) != claim.text:
        data["text"] = claim.text
    if claim.title is not None and names[row.id] != claim.title:
        data["title"] = claim.title
    return data
