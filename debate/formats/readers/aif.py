"""AIF JSON (the AIFdb / OVA layout): ``nodes``, ``edges`` and ``locutions``.

The Argument Interchange Format keeps propositions (I-nodes) apart from the relations
between them (S-nodes), and every edge goes through an S-node: premise → RA → conclusion.

- I-node → a claim; I-nodes that take part in no relation become roots; the node's
  ``nodeID`` and ``timestamp`` are kept in the claim's ``origin``, and debate's AIF export
  writes them back, so export → import → export gives the same file;
- RA (inference) → each premise is a ``pro`` child of the conclusion; an RA with several
  premises is a linked argument (the premises hold together), read as ``part`` children,
  which is also how debate's AIF export writes ``part`` claims; as parts combine into the
  conclusion's own base score instead of supporting it, the import says so in a warning;
- CA (conflict) → the attacker is a ``con`` child of what it attacks; an attack on an RA
  (an undercut: the inference, not a claim) lands on that RA's first premise;
- MA (rephrase) → a see-also link from the rephrasing to the original: both claims stay,
  since merging them would drop one author's words;
- PA (preference) and the dialogue layer (L, YA, TA: who said what, when) have no place in a
  map; they are skipped and counted in one warning.

An edge naming a node that is not in the file is an error (the file is inconsistent, and
guessing would attach claims to the wrong place). Files from OVA wrap the graph in an
``"AIF"`` object; that is read too. Numbers are read as written (an id of 5,000 digits is
just an id), and a document nested too deeply to parse is an error at the place it gets too
deep.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from debate.formats.readers.common import (
    ImportResult,
    Report,
    SourceText,
    counted,
)
from debate.formats.readers.graph import Graph, Node
from debate.locate import LineIndex, line_col
from debate.rules import Stance

SCHEMES = {"RA", "CA", "MA"}
DIALOGUE = {"L", "YA", "TA"}


def read(source: SourceText) -> ImportResult:
    report = Report(source.name)
    document, offsets = _parse(source, report)
    raw_nodes, raw_edges = document.get("nodes"), document.get("edges", [])
    if not isinstance(raw_nodes, list):
        raise report.error('not AIF JSON: expected a "nodes" array (and "edges")', 1, 1)
    if not isinstance(raw_edges, list):
        raise report.error('not AIF JSON: "edges" must be an array', 1, 1)

    locate = LineIndex(source.text)

    def where(kind: str, index: int) -> tuple[int, int]:
        positions = offsets.get(kind, [])
        return locate(positions[index]) if index < len(positions) else (0, 0)

    nodes: dict[str, dict[str, Any]] = {}
    node_place: dict[str, tuple[int, int]] = {}
    for index, raw in enumerate(raw_nodes):
        line, col = where("nodes", index)
        if not isinstance(raw, dict) or raw.get("nodeID") is None:
            report.warn("a node without a nodeID; skipped", line, col)
            report.dropped("nodes without a nodeID")
            continue
        node_id = str(raw["nodeID"])
        if node_id in nodes:
            report.warn(f"node {_short(node_id)} appears twice; the first is kept", line, col)
            report.dropped("nodes whose id appears twice")
            continue
        nodes[node_id] = raw
        node_place[node_id] = (line, col)

    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for index, raw in enumerate(raw_edges):
        line, col = where("edges", index)
        if not isinstance(raw, dict):
            report.warn("an edge that is not an object; skipped", line, col)
            continue
        ends = []
        for end in ("fromID", "toID"):
            value = raw.get(end)
            if value is None:
                report.warn(f"an edge without {end}; skipped", line, col)
                break
            if str(value) not in nodes:
                edge = raw.get("edgeID")
                name = f"edge {_short(str(edge))}" if edge is not None else "an edge"
                raise report.error(
                    f"{name} goes {'from' if end == 'fromID' else 'to'} node {_short(str(value))}, "
                    "which is not in the file",
                    line,
                    col,
                )
            ends.append(str(value))
        if len(ends) == 2:
            outgoing.setdefault(ends[0], []).append(ends[1])
            incoming.setdefault(ends[1], []).append(ends[0])

    graph = Graph(report)
    _claims(graph, nodes, node_place, report)
    _relations(graph, nodes, node_place, incoming, outgoing, report)
    title = document.get("title")
    # AIF has no sibling order: children keep the order of their I-nodes in the file (the
    # tree order, in debate's own export), while a claim's parent is its first S-node's.
    return graph.build(
        "aif",
        title if isinstance(title, str) and title.strip() else source.stem,
        siblings_in_node_order=True,
    )


MAX_DEPTH = 500
"""How deeply a document may nest: AIF needs 4 levels; Python's parser gives up near 1,000."""


def _parse(source: SourceText, report: Report) -> tuple[dict[str, Any], dict[str, list[int]]]:
    text = source.text
    try:
        document = json.loads(text, parse_int=str, parse_constant=str)
    except RecursionError:
        line, col = line_col(text, _too_deep(text))
        raise report.error(
            f"the JSON nests more than {MAX_DEPTH} levels deep here; AIF never does", line, col
        ) from None
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()):
            raise report.error(
                "the file ends in the middle of the JSON (truncated?)", error.lineno, error.colno
            ) from None
        raise report.error(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    if not isinstance(document, dict):
        raise report.error('not AIF JSON: expected an object with "nodes" and "edges"', 1, 1)
    offsets = _offsets(text)
    wrapped = document.get("AIF")
    if "nodes" not in document and isinstance(wrapped, dict):
        document = wrapped
        offsets = offsets.get("AIF", {})
    return document, offsets


def _offsets(text: str) -> dict[str, Any]:
    """Where each element of the ``nodes`` and ``edges`` arrays starts (also under ``AIF``).

    ``json`` gives no positions, so the top of the (already validated) document is walked by
    hand with ``raw_decode`` and only those arrays are measured; warnings and errors can then
    point at the node or edge they are about.
    """
    decoder = json.JSONDecoder(parse_int=str, parse_constant=str)
    found: dict[str, Any] = {}

    def skip(index: int) -> int:
        while index < len(text) and text[index] in " \t\n\r":
            index += 1
        return index

    def walk_object(index: int, into: dict[str, Any], depth: int) -> int:
        index = skip(index + 1)
        while index < len(text) and text[index] != "}":
            key, index = decoder.raw_decode(text, index)
            index = skip(skip(index) + 1)  # past the colon
            if key in ("nodes", "edges") and text[index] == "[":
                into[key], index = walk_array(index)
            elif key == "AIF" and depth == 0 and text[index] == "{":
                into["AIF"] = {}
                index = walk_object(index, into["AIF"], depth + 1)
            else:
                _, index = decoder.raw_decode(text, index)
            index = skip(index)
            if index < len(text) and text[index] == ",":
                index = skip(index + 1)
        return index + 1

    def walk_array(index: int) -> tuple[list[int], int]:
        starts: list[int] = []
        index = skip(index + 1)
        while index < len(text) and text[index] != "]":
            starts.append(index)
            _, index = decoder.raw_decode(text, index)
            index = skip(index)
            if index < len(text) and text[index] == ",":
                index = skip(index + 1)
        return starts, index + 1

    start = skip(0)
    if start < len(text) and text[start] == "{":
        walk_object(start, found, 0)
    return found


_JSON_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> int:
    """Where a JSON text first nests deeper than ``MAX_DEPTH`` (strings skipped)."""
    depth = 0
    for token in _JSON_NESTING.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif char in "]}":
            depth -= 1
    return 0


def _claims(
    graph: Graph,
    nodes: dict[str, dict[str, Any]],
    place: dict[str, tuple[int, int]],
    report: Report,
) -> None:
    skipped: Counter[str] = Counter()
    first_skipped: tuple[int, int] | None = None
    for node_id, raw in nodes.items():
        kind = str(raw.get("type", "")).upper()
        line, col = place[node_id]
        if kind == "I":
            text = raw.get("text")
            if not isinstance(text, str) or not text:
                report.warn(f"I-node {_short(node_id)} has no text", line, col)
                text = "(no text)"
            stamp = raw.get("timestamp")
            node = Node(node_id, text, line, col, origin=f"node {_short(node_id)}")
            # Validated with the claim (as a dict: cheaper than 10,000 Origin objects here).
            origin = {"id": node_id} if node_id else {}
            if isinstance(stamp, str):
                origin["at"] = stamp
            node.source_id = origin or None
            graph.add(node)
        elif kind not in SCHEMES:
            skipped[kind or "untyped"] += 1
            first_skipped = first_skipped or (line, col)
    if skipped:
        dialogue = sum(count for kind, count in skipped.items() if kind in DIALOGUE)
        what = "dialogue nodes" if dialogue == sum(skipped.values()) else "nodes"
        line, col = first_skipped or (0, 0)
        report.warn(
            f"skipped {sum(skipped.values())} {what} that have no place in a map "
            f"({counted(skipped)})",
            line,
            col,
        )
        for kind, count in skipped.items():
            report.dropped(f"{kind} nodes", count)


def _relations(
    graph: Graph,
    nodes: dict[str, dict[str, Any]],
    place: dict[str, tuple[int, int]],
    incoming: dict[str, list[str]],
    outgoing: dict[str, list[str]],
    report: Report,
) -> None:
    def kind(node_id: str) -> str:
        return str(nodes[node_id].get("type", "")).upper()

    def claim_for(node_id: str, line: int, col: int) -> str | None:
        """The claim standing for a node: itself, or an inference's first premise."""
        if node_id in graph.nodes:
            return node_id
        if kind(node_id) in SCHEMES:
            premises = [p for p in incoming.get(node_id, []) if p in graph.nodes]
            if premises:
                report.warn_grouped(
                    "on-inference",
                    f"a relation aimed at an inference ({kind(node_id)} node {_short(node_id)}) is "
                    "read as aimed at its premise",
                    line,
                    col,
                )
                return premises[0]
        return None

    for node_id in nodes:
        scheme = kind(node_id)
        if scheme not in SCHEMES:
            continue
        line, col = place[node_id]
        # Only I-nodes are premises: an S-node pointing at this one attacks or supports the
        # inference itself and is handled as that S-node's own relation.
        premises = [source for source in incoming.get(node_id, []) if source in graph.nodes]
        conclusions = [
            claim
            for target in outgoing.get(node_id, [])
            if kind(target) not in DIALOGUE and (claim := claim_for(target, line, col))
        ]
        if not premises or not conclusions:
            report.warn(
                f"{scheme} node {_short(node_id)} lacks a "
                f"{'premise' if not premises else 'conclusion'}; "
                "skipped",
                line,
                col,
            )
            continue
        linked = scheme == "RA" and len(premises) > 1
        if linked:
            report.warn_grouped(
                "linked",
                f"RA node {_short(node_id)} has {len(premises)} premises (a linked argument): "
                "they become `part` children, which combine into the conclusion's own base "
                "score (a weighted mean) instead of each supporting it",
                line,
                col,
            )
            report.changed("premises of linked arguments read as part", len(premises))
        for conclusion in conclusions:
            for premise in premises:
                if scheme == "MA":
                    graph.link(premise, conclusion)
                    continue
                stance: Stance = "con" if scheme == "CA" else "part" if linked else "pro"
                graph.relate(premise, conclusion, stance, line, col)
    direct = [
        (source, target)
        for source, targets in outgoing.items()
        for target in targets
        if source in graph.nodes and target in graph.nodes
    ]
    for source, target in direct:
        line, col = place[source]
        report.warn_grouped(
            "direct",
            "an edge from one I-node straight to another (no RA/CA node); read as support",
            line,
            col,
        )
        graph.relate(source, target, "pro", line, col)


def _short(node_id: str) -> str:
    """A node id for a message (ids are the file's own; some are thousands of digits long)."""
    return node_id if len(node_id) <= 40 else node_id[:39] + "…"
