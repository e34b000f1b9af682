"""From a graph of statements and relations to debate's tree of claims.

Every reader describes what it found as nodes (claims, in document order) and edges (a child
bears on a parent: pro, con or part, in document order). Argdown and AIF are graphs, Kialo and
outlines are already trees; one builder turns them all into a map, so the rules for graphs
that are not trees live in one place (and in docs/IMPORT.md):

- a claim hangs under the **first** parent the document gives it;
- each further parent becomes a see-also link from the claim to that parent, with a warning
  (the stance of that relation cannot be kept);
- a relation that would close a cycle becomes a see-also link too, with a warning, except
  the shortest cycle, a claim bearing back on its own parent (a mutual attack): that is kept
  on the child as ``mutual``, which exports write back as the second relation;
- claims that relate to nothing become roots, so nothing the author wrote disappears;
- ids are slugs allocated in document order (the node's id hint, else its text); hints that
  already are valid ids are reserved first, so a title such as ``Tram`` keeps its id even when
  an earlier text would slug to the same.

Cycle checks use a union-find over the trees built so far, so a 100,000-claim file costs
near-linear time.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from debate.display import one_line
from debate.formats.readers.common import CitationData, ImportResult, NoteData, Report
from debate.rules import Stance
from debate.slugs import SlugAllocator, is_valid_id, slugify

Key = Hashable


@dataclass(slots=True)
class Node:
    """A claim-to-be. ``hint`` seeds its id; ``keep_id`` keeps a hint that already is one."""

    key: Key
    text: str
    line: int = 0
    col: int = 0
    hint: str | None = None
    keep_id: bool = False
    origin: str = ""
    title: str | None = None  # what the source calls it; kept when it differs from the id
    source_id: dict[str, str] | None = None  # the claim's origin: {"id": ..., "at": ...}
    mutual: Stance | None = None
    weight: int | None = None
    credence: float | None = None
    by: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: list[NoteData] = field(default_factory=list)
    cite: list[CitationData] = field(default_factory=list)
    links: list[Key] = field(default_factory=list)


class Edge(NamedTuple):
    """``child`` bears on ``parent`` with ``stance``; ``label`` names it in warnings."""

    child: Key
    parent: Key
    stance: Stance
    line: int = 0
    col: int = 0
    label: str = ""


class Graph:
    """Nodes and edges in document order, then :meth:`build` makes the map."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.nodes: dict[Key, Node] = {}
        self.edges: list[Edge] = []
        self.sources: dict[str, dict[str, Any]] = {}  # id -> the source's data
        self._source_keys: dict[str, str] = {}  # as the file names a source -> its id
        self.links_in = 0

    def add(self, node: Node) -> Node:
        """Add ``node`` (or return the one already there with its key)."""
        return self.nodes.setdefault(node.key, node)

    def relate(
        self,
        child: Key,
        parent: Key,
        stance: Stance,
        line: int = 0,
        col: int = 0,
        label: str = "",
    ) -> None:
        self.edges.append(Edge(child, parent, stance, line, col, label or _LABELS[stance]))

    def link(self, source: Key, target: Key) -> None:
        """A see-also link the source file makes from ``source`` to ``target`` (node keys)."""
        self.links_in += 1
        self._link(source, target)

    def _link(self, source: Key, target: Key) -> None:
        node = self.nodes[source]
        if target != source and target not in node.links:
            node.links.append(target)

    def build(
        self,
        format_name: str,
        title: str,
        description: str | None = None,
        author: str | None = None,
        *,
        authors: list[str] | None = None,
        siblings_in_node_order: bool = False,
    ) -> ImportResult:
        """The map. Siblings keep the order of the relations that placed them, or with
        ``siblings_in_node_order`` the order the claims appear in (for formats whose
        relations are unordered)."""
        if not self.nodes:
            raise self.report.error("no claims found in this file", 1, 1)
        parent_of, stance_of, children = self._tree()
        if siblings_in_node_order:
            position = {key: index for index, key in enumerate(self.nodes)}
            for siblings in children.values():
                siblings.sort(key=position.__getitem__)
        ids = self._ids()
        claims: dict[str, dict[str, Any]] = {}
        roots = [key for key in self.nodes if key not in parent_of]
        stack = list(reversed(roots))
        links_out = 0
        while stack:  # depth first: the claims come out in tree order
            key = stack.pop()
            claim_id = ids[key]
            parent = parent_of.get(key)
            claim = self._claim(self.nodes[key], claim_id, parent, stance_of.get(key), ids)
            claims[claim_id] = claim
            links_out += len(claim.get("links", ()))
            stack.extend(reversed(children.get(key, [])))
        about: dict[str, Any] = {"title": title or "Imported map"}
        about |= {"description": description, "author": author, "authors": authors}
        if about["title"] == _UNTITLED:  # the model's default, which its data leaves out
            del about["title"]
        info = {name: value for name, value in about.items() if value}  # unset, empty: left out
        data: dict[str, Any] = {}
        if info:
            data["map"] = info
        if self.sources:
            data["sources"] = self.sources
        data["claims"] = claims
        origin = {ids[key]: node.origin for key, node in self.nodes.items() if node.origin}
        summary = self.report.summary
        summary.claims_in = summary.claims_in or len(self.nodes)
        summary.claims_out = len(claims)
        summary.in_tree = len(parent_of)
        summary.links_in = self.links_in
        summary.links_out = links_out
        return ImportResult(
            self.report.warnings, format_name, origin=origin, summary=summary, map_data=data
        )

    @staticmethod
    def _claim(
        node: Node, claim_id: str, parent: Key | None, stance: Stance | None, ids: dict[Key, str]
    ) -> dict[str, Any]:
        """One claim's data as :func:`debate.store.map_to_data` gives it: keys in the model's
        order, unset values left out."""
        claim: dict[str, Any] = {}
        if parent is not None:
            claim["parent"] = ids[parent]
        if stance is not None:
            claim["stance"] = stance
        if node.mutual is not None:
            claim["mutual"] = "con" if node.mutual == "con" else "pro"
        claim["text"] = node.text
        if node.title is not None and node.title != claim_id:
            claim["title"] = node.title
        if node.weight is not None and parent is not None:
            claim["weight"] = node.weight
        if node.credence is not None:
            claim["credence"] = node.credence
        if node.by is not None:
            claim["by"] = node.by
        if node.tags:
            tags = _unique(tag for tag in node.tags if tag)
            if tags:
                claim["tags"] = tags
        if node.cite:
            cites = [citation.data() for citation in node.cite]
            claim["cite"] = cites[0] if len(cites) == 1 else cites
        if node.links:
            links = _unique(ids[target] for target in node.links if target in ids)
            if links:
                claim["links"] = links
        if node.source_id is not None:
            claim["origin"] = {
                name: value for name, value in node.source_id.items() if value is not None
            }
        if node.notes:
            claim["notes"] = [note.data() for note in node.notes]
        return claim

    def _tree(self) -> tuple[dict[Key, Key], dict[Key, Stance], dict[Key, list[Key]]]:
        """First parent wins; later parents and cycle-closing relations become links."""
        parent_of: dict[Key, Key] = {}
        stance_of: dict[Key, Stance] = {}
        children: dict[Key, list[Key]] = {}
        root_of: dict[Key, Key] = {}  # union-find: any node -> (towards) its tree's root

        def find(key: Key) -> Key:
            path = []
            while key in root_of:
                path.append(key)
                key = root_of[key]
            for step in path:
                root_of[step] = key
            return key

        summary = self.report.summary
        nodes, related = self.nodes, 0
        for edge in self.edges:
            child, parent = edge.child, edge.parent
            if child not in nodes or parent not in nodes:
                continue
            related += 1
            if child == parent:
                self.report.warn(
                    f"{self._name(child)} {edge.label} itself; relation ignored",
                    edge.line,
                    edge.col,
                )
                summary.relations_dropped["to itself"] += 1
                continue
            placed = parent_of.get(child)
            if placed == parent:
                summary.relations_dropped["written twice"] += 1
                continue  # the same relation written twice (or once per equivalent)
            if parent_of.get(parent) == child:
                self._as_mutual(edge)
                continue
            if placed is not None:
                self._as_link(
                    edge,
                    f"{self._name(child)} also {edge.label} {self._name(parent)}; a claim has one "
                    f"parent, so it stays under {self._name(placed)} and links here",
                    "a second parent",
                )
                continue
            if find(parent) == child:
                self._as_link(
                    edge,
                    f"{self._name(child)} {edge.label} {self._name(parent)}, which would close a "
                    "cycle; kept as a see-also link",
                    "would close a cycle",
                )
                continue
            parent_of[child] = parent
            stance_of[child] = edge.stance
            children.setdefault(parent, []).append(child)
            root_of[child] = find(parent)
        summary.relations_in += related
        return parent_of, stance_of, children

    def _as_link(self, edge: Edge, message: str, reason: str) -> None:
        self.report.warn(message, edge.line, edge.col)
        self.report.summary.as_link[reason] += 1
        self._link(edge.child, edge.parent)

    def _as_mutual(self, edge: Edge) -> None:
        """``edge`` runs from a parent to its own child: a mutual relation, kept on the child."""
        child = self.nodes[edge.parent]
        summary = self.report.summary
        if child.mutual is not None:
            summary.relations_dropped["written twice"] += 1
            return
        child.mutual = "pro" if edge.stance == "part" else edge.stance
        summary.mutual += 1
        self.report.warn_grouped(
            "mutual",
            f"{self._name(edge.child)} {edge.label} {self._name(edge.parent)}, which already "
            f'bears on it: kept as `mutual = "{child.mutual}"` on {self._name(edge.parent)} '
            "(a tree holds one direction, and scores count that one)",
            edge.line,
            edge.col,
        )

    def _ids(self) -> dict[Key, str]:
        """Ids in document order; hints that already are valid ids are reserved first."""
        allocator = SlugAllocator()
        ids: dict[Key, str] = {}
        for key, node in self.nodes.items():
            hint = node.hint
            if node.keep_id and hint and hint not in allocator and is_valid_id(hint):
                ids[key] = allocator.allocate(hint, keep_id=True)
        for key, node in self.nodes.items():
            if key not in ids:
                ids[key] = allocator.allocate(node.hint or node.text, keep_id=node.keep_id)
        return ids

    def _name(self, key: Key) -> str:
        node = self.nodes[key]
        if node.origin:
            return node.origin
        return repr(one_line(node.text, 40))

    def add_source(self, source_id: str) -> str:
        """A source named only by id (Argdown data): a bare entry so citations stay valid."""
        key = self._source_keys.get(source_id)
        if key is None:
            key = source_id if is_valid_id(source_id) else slugify(source_id, fallback="source")
            self._source_keys[source_id] = key
            self.sources.setdefault(key, {"title": source_id})
        return key


_LABELS: dict[str, str] = {"pro": "supports", "con": "attacks", "part": "is part of"}
_UNTITLED = "Untitled map"
"""The model's default map title (:class:`debate.model.MapInfo`)."""


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))
