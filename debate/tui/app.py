"""The terminal app: a tree of claims and a detail pane."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static, Tree

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line, visible
from debate.model import ArgumentMap, MapTree
from debate.store import LoadedMap


class ClaimTree(Tree[str]):
    """Tree nodes hold claim ids; children are added when a node is first expanded."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, argmap: ArgumentMap) -> None:
        super().__init__(Text(visible(argmap.map.title)), id="claims")
        self.argmap = argmap
        self.index: MapTree = argmap.tree()
        self.show_root = False

    def on_mount(self) -> None:
        for root in self.index.roots:
            self._add(self.root, root)
        self.root.expand()

    def _add(self, parent: object, claim_id: str) -> None:
        claim = self.argmap.claims[claim_id]
        label = Text(self.index.number(claim_id) + " ", style="dim")
        stance = claim.stance if claim.parent else None
        label.append(STANCE_GLYPHS[stance] + " ", style=STANCE_STYLES[stance])
        label.append(one_line(claim.text))
        node = parent.add(label, data=claim_id, allow_expand=bool(self.index.children[claim_id]))  # type: ignore[attr-defined]
        node.data = claim_id

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        node = event.node
        if node.data is not None and not node.children:
            for child in self.index.children[node.data]:
                self._add(node, child)


class DebateApp(App[None]):
    """Browse a map: the tree on the left, the highlighted claim's details on the right."""

    CSS = """
    #claims { width: 2fr; }
    #detail { width: 1fr; padding: 0 1; border-left: solid $primary; }
    Horizontal { height: 1fr; }
    """
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, loaded: LoadedMap) -> None:
        super().__init__()
        self.loaded = loaded
        self.title = visible(loaded.argmap.map.title)
        self.sub_title = loaded.name

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        yield Header()
        with Horizontal():
            yield ClaimTree(self.loaded.argmap)
            yield Static(id="detail")
        yield Footer()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        claim_id = event.node.data
        if claim_id is None:
            return
        claim = self.loaded.argmap.claims[claim_id]
        detail = Text()
        detail.append(visible(claim.text) + "\n\n", style="bold")
        detail.append(f"id: {claim_id}\n")
        if claim.stance:
            detail.append(f"stance: {claim.stance}  weight: {claim.effective_weight}\n")
        detail.append(f"credence: {claim.effective_credence:.2f}\n")
        if claim.by:
            detail.append(f"by: {visible(claim.by)}\n")
        self.query_one("#detail", Static).update(detail)
