"""OPML outlines (OmniOutliner, Logseq, Workflowy, Dynalist, debate's own OPML export).

Each ``<outline>`` is a claim (its ``text``), nested outlines are its children. Stance comes
from a ``stance`` attribute (debate's export), else from a ``Pro:``/``Con:``/``Part:`` or
``+``/``-`` prefix on the text; an outline with no marker is read as ``pro``, with one warning
for the file. ``_note`` becomes a note on the claim. debate's own export also carries
``claimId``, ``weight`` and ``credence``, which come back as they were; its ``_note`` holds
facts the other attributes repeat, and only the holder, tags, notes and see-also links are
taken from it.

Parsing uses expat directly so every outline keeps its line number, and a document that
declares entities is refused (no entity-expansion tricks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from xml.parsers import expat

from debate.formats.readers.common import (
    ImportResult,
    NoteData,
    Report,
    SourceText,
    exported_note,
    exported_weight,
)
from debate.formats.readers.graph import Graph, Node
from debate.rules import Stance, is_credence

_PREFIX = re.compile(r"^\s*(?:(pro|con|part)\s*:|([+-])(?=\s))\s*", re.I)
_SIGNS: dict[str, Stance] = {"+": "pro", "-": "con"}
_TRUNCATED = {expat.errors.XML_ERROR_NO_ELEMENTS, expat.errors.XML_ERROR_UNCLOSED_TOKEN}
_NOTE_LINE = re.compile(r"^Note(?: \((?P<stamp>[^)]*)\))?: (?P<text>.*)$", re.S)
# Numbers as debate's export writes them, in ASCII digits: ``int`` and ``float`` would also take
# "²"-like digits, other scripts' digits, "1_0", "nan" or 5,000-digit integers.
_CREDENCE = re.compile(r"\s*(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,4})?\s*")


@dataclass
class _Outline:
    attributes: dict[str, str]
    line: int
    col: int
    children: list[_Outline] = field(default_factory=list)


class _EntityRefused(Exception):
    pass


def read(source: SourceText) -> ImportResult:
    report = Report(source.name)
    title, author, body = _parse(source, report)
    graph = Graph(report)
    counter = [0]
    stack: list[tuple[_Outline, str | None, int]] = [
        (outline, None, 0) for outline in reversed(body)
    ]
    numbers: dict[str, str] = {}  # debate's "number" attribute -> node key, for See also
    pending_links: list[tuple[str, list[str], int]] = []
    while stack:
        outline, parent, depth = stack.pop()
        ours = "claimId" in outline.attributes  # debate's export: text exactly as written
        if not outline.children and not ours and not _text(outline).strip():
            report.warn("an empty outline; skipped", outline.line, outline.col)
            continue
        key = _claim(graph, outline, parent, counter, numbers, pending_links, report)
        stack.extend((child, key, depth + 1) for child in reversed(outline.children))
    for key, targets, line in pending_links:
        for number in targets:
            target = numbers.get(number)
            if target is None:
                report.warn(f"'See also: {number}' names no outline in this file", line)
            else:
                graph.link(key, target)
    return graph.build("opml", title or source.stem, author=author)


def _parse(source: SourceText, report: Report) -> tuple[str, str | None, list[_Outline]]:
    parser = expat.ParserCreate("UTF-8")
    root: list[_Outline] = []
    open_outlines: list[_Outline] = []
    head: dict[str, str] = {}
    path: list[str] = []
    text_parts: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        path.append(name)
        text_parts.clear()
        if name != "outline":
            return
        outline = _Outline(attributes, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if open_outlines:
            open_outlines[-1].children.append(outline)
        elif "body" in path:
            root.append(outline)
        open_outlines.append(outline)

    def end(name: str) -> None:
        if name == "outline" and open_outlines:
            open_outlines.pop()
        elif len(path) >= 2 and path[-2] == "head":
            head[name] = "".join(text_parts)
        path.pop()

    def characters(data: str) -> None:
        text_parts.append(data)

    def refuse(*_: object) -> None:
        raise _EntityRefused

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(source.text.encode("utf-8"), True)
    except _EntityRefused:
        raise report.error(
            "the document declares XML entities; refused (OPML never needs them)",
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
        ) from None
    except expat.ExpatError as error:
        reason = expat.errors.messages[error.code]
        if reason in _TRUNCATED:
            reason += " (the file ends too early: truncated?)"
        raise report.error(
            f"not well-formed XML: {reason}", error.lineno, error.offset + 1
        ) from None
    if not root:
        raise report.error("no <outline> elements in the OPML <body>", 1, 1)
    owner = head.get("ownerName", "").strip()
    return head.get("title", ""), owner or None, root


def _claim(
    graph: Graph,
    outline: _Outline,
    parent: str | None,
    counter: list[int],
    numbers: dict[str, str],
    pending_links: list[tuple[str, list[str], int]],
    report: Report,
) -> str:
    attributes = outline.attributes
    counter[0] += 1
    key = f"outline-{counter[0]}"
    text = _text(outline)
    stance: Stance | None = None
    claim_id = attributes.get("claimId")
    # debate's own export states the stance in an attribute and writes text exactly as it is
    # (a claim may well start with "Pro:"); other outliners mark stance in the text.
    prefix = _PREFIX.match(text) if claim_id is None else None
    if prefix:
        stance = (prefix.group(1) or "").lower() or _SIGNS[prefix.group(2)]  # type: ignore[assignment]
        text = text[prefix.end() :]
    declared = attributes.get("stance", "").strip().lower()
    if declared in ("pro", "con", "part"):
        stance = declared  # type: ignore[assignment]
    if not text or (claim_id is None and not text.strip()):
        report.warn("an outline without text", outline.line, outline.col)
        text = "(no text)"
    node = graph.add(
        Node(
            key,
            text,
            outline.line,
            outline.col,
            hint=claim_id,
            keep_id=claim_id is not None,
            origin=f"line {outline.line}",
        )
    )
    if "number" in attributes:
        numbers[attributes["number"]] = key
    _facts(node, attributes, outline, pending_links, report, ours=claim_id is not None)
    if parent is not None:
        if stance is None:
            report.warn_grouped(
                "no-stance",
                "an outline without a stance (Pro:/Con: or +/-); read as pro",
                outline.line,
                outline.col,
            )
            stance = "pro"
        graph.relate(key, parent, stance, outline.line, outline.col)
    return key


def _text(outline: _Outline) -> str:
    return outline.attributes.get("text") or outline.attributes.get("title") or ""


def _facts(
    node: Node,
    attributes: dict[str, str],
    outline: _Outline,
    pending_links: list[tuple[str, list[str], int]],
    report: Report,
    ours: bool,
) -> None:
    weight = attributes.get("weight")
    if weight is not None:
        node.weight = exported_weight(weight, report, outline.line, outline.col)
    credence = attributes.get("credence")
    if credence is not None:
        value = float(credence) if _CREDENCE.fullmatch(credence) else -1.0
        if is_credence(value):
            node.credence = value
        else:
            report.warn(
                f"credence {_short(credence)} is not 0-1; ignored", outline.line, outline.col
            )
            report.dropped("credences that are not 0-1")
    note = attributes.get("_note", "")
    if not note.strip():
        return
    if not ours:
        node.notes.append(NoteData(note.strip()))
        return
    # debate's own export: line 1 repeats stance/weight/strength; then facts, sources, notes.
    for index, line in enumerate(note.split("\n")[1:]):
        if line.startswith("See also: "):
            targets = [part.strip() for part in line[len("See also: ") :].split(",")]
            pending_links.append((str(node.key), targets, outline.line))
        elif match := _NOTE_LINE.match(line):
            node.notes.append(exported_note(match.group("text"), match.group("stamp")))
        elif index == 0 and not line.startswith("Source: "):
            for fact in line.split(" · "):
                if fact.startswith("by "):
                    node.by = fact[3:]
                elif fact.startswith("#") and len(fact) > 1:
                    node.tags.append(fact[1:])
        elif node.notes and not line.startswith("Source: "):
            last = node.notes[-1]  # a note of several lines: its text goes on, the stamp stays
            node.notes[-1] = replace(last, text=f"{last.text}\n{line}")


def _short(value: str) -> str:
    """An attribute value for a message, cut short (a corrupt file may hold anything)."""
    return repr(value if len(value) <= 40 else value[:39] + "…")
