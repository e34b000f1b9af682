"""Where the map view's boxes go across their rows: grandalf's layered (Sugiyama) layout.

Its own module because grandalf imports numpy (~0.1 s): :mod:`debate.map_layout` imports it
when a map view is first laid out, so the app's start never pays for it. Pure: no Textual.
"""

from __future__ import annotations

from grandalf.graphs import Edge as GraphEdge
from grandalf.graphs import Graph, Vertex
from grandalf.layouts import DummyVertex, Layer, SugiyamaLayout


class _View:
    """What grandalf reads and writes for a vertex: its size and its centre."""

    def __init__(self, w: float, h: float) -> None:
        self.w = w
        self.h = h
        self.xy = (0.0, 0.0)


class _FixedRanks(SugiyamaLayout):
    """Sugiyama with each vertex's rank given (its row), not derived from the edges."""

    def __init__(self, graph: object, rows: list[list[str]]) -> None:
        super().__init__(graph)
        self.places = {
            claim_id: (rank, index)
            for rank, row in enumerate(rows)
            for index, claim_id in enumerate(row)
        }

    def rank_all(self, roots: object, optimize: bool = False) -> None:
        """Rows as given, each in the given order (the tree's own order of children)."""
        for vertex in sorted(self.g.sV, key=lambda v: self.places[v.data]):
            rank = self.places[vertex.data][0]
            self.grx[vertex].rank = rank
            while len(self.layers) <= rank:
                self.layers.append(Layer([]))
            self.layers[rank].append(vertex)


def place(
    rows: list[list[str]],
    widths: list[int],
    tree_edges: list[tuple[str, str]],
    links: list[tuple[str, str]],
    gap: int,
) -> tuple[dict[str, float], list[list[str]], dict[tuple[str, str], list[float]]]:
    """Centre x of every box, each row's order, and the x of each spanning link's dummies."""
    ranks = {claim_id: index for index, row in enumerate(rows) for claim_id in row}
    vertices = {claim_id: Vertex(claim_id) for row in rows for claim_id in row}
    for claim_id, vertex in vertices.items():
        vertex.view = _View(widths[ranks[claim_id]], 1)
    spanning = [(a, b) for a, b in links if ranks[a] != ranks[b]]
    oriented = [(a, b) if ranks[a] < ranks[b] else (b, a) for a, b in spanning]
    graph_edges = [GraphEdge(vertices[a], vertices[b]) for a, b in (*tree_edges, *oriented)]
    graph = Graph(list(vertices.values()), graph_edges)
    component = graph.C[0]
    layout = _FixedRanks(component, rows)
    layout.xspace = gap
    layout.yspace = 1
    layout.init_all(roots=[vertices[rows[0][0]]], inverted_edges=[])
    for layer in layout.layers:
        for vertex in layer:
            if isinstance(vertex, DummyVertex):  # a link passes here: one cell wide
                vertex.view.w = 1
    layout.draw(N=1.5)
    xs = {claim_id: vertex.view.xy[0] for claim_id, vertex in vertices.items()}
    order = [sorted(row, key=lambda claim_id: xs[claim_id]) for row in rows]
    dummies: dict[tuple[str, str], list[float]] = {}
    for (a, b), edge in zip(spanning, graph_edges[len(tree_edges) :], strict=True):
        controls = layout.ctrls.get(edge, {})
        low, high = sorted((ranks[a], ranks[b]))
        dummies[(a, b)] = [controls[rank].view.xy[0] for rank in range(low + 1, high)]
    return xs, order, dummies
