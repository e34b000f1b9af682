"""AIF JSON, in the AIFdb/OVA layout (``nodes``, ``edges``, ``locutions``), for research tools.

The Argument Interchange Format separates propositions (I-nodes) from the relations between
them (S-nodes): every claim is an I-node; a ``pro`` claim reaches its parent through its own
RA node (``Default Inference``: one convergent argument per supporter); a ``con`` claim
through its own CA node (``Default Conflict``).

``part`` claims are the dimensions a claim is judged on, combined together into its base
score, so all the ``part`` children of one claim become premises of a single RA node: one
linked argument whose premises jointly support the parent, which is how AIF tells "these
together" from "each on its own".

A claim whose parent bears back on it (``mutual``) gets that relation as an S-node of its own,
from the parent to the claim.

AIF has no place for weights, strengths, tags, notes, sources or see-also links; use the JSON
export for those. A claim imported from AIF keeps its I-node's id and timestamp (its
``origin``), and they are written back; every other node gets a number as a string, the next
one not taken, in tree order, so the same map gives the same file, and export → import →
export gives it again.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from debate.display import safe_json
from debate.formats import ExportOptions, Scores
from debate.formats.view import View
from debate.model import ArgumentMap, Origin

INFERENCE = "Default Inference"
CONFLICT = "Default Conflict"


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    node_ids: dict[str, str] = {}
    linked: dict[str, str] = {}  # parent claim id -> its RA node for part children
    kept = {row.claim.origin.id for row in view.rows if row.claim.origin and row.claim.origin.id}
    used: set[str] = set()
    numbers = itertools.count(1)

    def add_node(text: str, kind: str, origin: Origin | None = None) -> str:
        """A node; an imported claim keeps its id (once), every other node gets the next
        number no imported claim holds."""
        node_id = origin.id if origin is not None and origin.id not in used else None
        while node_id is None:
            candidate = str(next(numbers))
            node_id = None if candidate in kept else candidate
        used.add(node_id)
        node: dict[str, Any] = {"nodeID": node_id, "text": text, "type": kind}
        if origin is not None and origin.at is not None:
            node["timestamp"] = origin.at
        nodes.append(node)
        return node_id

    def add_edge(source: str, target: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    for row in view.each():
        node_ids[row.id] = add_node(row.text, "I", row.claim.origin)
    for row in view.rows:
        if row.parent is None or row.stance is None:
            continue
        if row.stance == "part":
            scheme = linked.get(row.parent)
            if scheme is None:
                scheme = linked[row.parent] = add_node(INFERENCE, "RA")
                add_edge(scheme, node_ids[row.parent])
        else:
            scheme = add_node(
                INFERENCE if row.stance == "pro" else CONFLICT,
                "RA" if row.stance == "pro" else "CA",
            )
            add_edge(scheme, node_ids[row.parent])
        add_edge(node_ids[row.id], scheme)
        if row.claim.mutual:  # after the tree's relation, so a reader meets that one first
            back = add_node(
                INFERENCE if row.claim.mutual == "pro" else CONFLICT,
                "RA" if row.claim.mutual == "pro" else "CA",
            )
            add_edge(node_ids[row.parent], back)
            add_edge(back, node_ids[row.id])
    document = {"nodes": nodes, "edges": edges, "locutions": []}
    return safe_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
