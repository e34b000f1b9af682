"""The map screen: layout and wiring. Each key's work lives in a module named for it.

- weighing (weight, credence, stance, perspectives): :mod:`debate.tui.flows.weigh`
- following see-also links: :mod:`debate.tui.flows.navigate`
- annotating (note, tags, cite, link, remove): :mod:`debate.tui.flows.annotate`
- structure (add, edit, delete, cut and paste, reorder): :mod:`debate.tui.flows.structure`
- search: :mod:`debate.tui.search`; tag and holder filters: :mod:`debate.tui.filters`
- save, reload, disk checks and ``$EDITOR``: :mod:`debate.tui.file_sync`
- what decides a verdict, trials of a flip: :mod:`debate.tui.flows.crux` (the facts the
  header and the detail pane show: :mod:`debate.tui.crux_cache`)

Every change goes through :class:`~debate.session.MapSession` (edit commands, journal,
scorer), then :meth:`MapScreen.after_change` repaints: after a structural edit the tree
re-reads its rows, otherwise it repaints the rows on screen (only the edited claim's
ancestors were rescored); the detail pane and the header are redrawn either way.
Multi-step flows (pick a source, then type the quote) are workers that await their
dialogs in order.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Input

from debate.display import one_line, visible
from debate.edits import Edit
from debate.errors import DebateError
from debate.session import Change, MapSession
from debate.tui import filters
from debate.tui.change_text import change_notice
from debate.tui.crux_cache import CruxCache
from debate.tui.file_sync import FileSync
from debate.tui.flows import annotate, crux, navigate, structure, weigh
from debate.tui.key_hold import caught_up, exclusive_flow, flow
from debate.tui.keys import MAP_BINDINGS
from debate.tui.providers import ClaimProvider, CommandProvider
from debate.tui.search import Search
from debate.tui.widgets.argument_map import ArgumentMapView
from debate.tui.widgets.claim_tree import ClaimTree
from debate.tui.widgets.detail import DetailPane
from debate.tui.widgets.header import MAX_VERDICTS, MapHeader


class MapScreen(Screen[None]):
    """One open map."""

    BINDINGS = [*MAP_BINDINGS, Binding("enter", "submit_search", show=False, priority=True)]
    COMMANDS = {ClaimProvider, CommandProvider}
    WHILE_SEARCHING = frozenset({"clear", "save", "submit_search"})
    """The map's keys that still work while the search bar has focus (the rest type)."""
    takes_keys = False
    """Keys typed while one of this screen's dialog flows runs wait for its dialogs."""

    def __init__(self, session: MapSession) -> None:
        super().__init__()
        self.session = session
        self.jumps: list[str] = []
        self.search = Search(self)
        self.file_sync = FileSync(self)
        self.crux_cache = CruxCache(self)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield MapHeader(id="header")
        with Container(id="body"):
            yield ClaimTree(self.session, id="tree", on_highlight=self._cursor_moved)
            yield ArgumentMapView(self.session, id="map", on_select=self._map_selected)
            yield DetailPane(id="detail")
        yield Input(placeholder="search claim text and ids", id="search", classes="hidden")
        yield Footer(compact=True)

    @property
    def claim_tree(self) -> ClaimTree:
        return self.query_one("#tree", ClaimTree)

    def on_mount(self) -> None:
        self.claim_tree.load()
        self.set_focus(self.claim_tree)
        self.show_detail()
        self.refresh_header()

    def on_screen_resume(self) -> None:
        self.refresh_header()

    def refresh_header(self) -> None:
        tree_filter = self.claim_tree.filter
        label = None
        if tree_filter is not None:
            label = tree_filter.label + (" (only)" if tree_filter.only else " (highlight)")
        searched = self.claim_tree.search_text
        if searched:
            label = (label + " · " if label else "") + f"search “{visible(searched)}”"
        fragile = self.crux_cache.fragile_roots(MAX_VERDICTS)
        self.query_one("#header", MapHeader).show(self.session, label, fragile)
        marker = " ●" if self.session.dirty else ""
        self.app.title = one_line(self.session.argmap.map.title, 60) + marker

    def show_detail(self, keep_scroll: bool = False) -> None:
        """The cursor's claim in the detail pane (``keep_scroll``: see ``DetailPane.show``)."""
        claim_id = self.claim_tree.cursor_id
        number = self.claim_tree.number(claim_id) if claim_id else ""
        decides = self.crux_cache.part_in_verdict(claim_id)
        pane = self.query_one("#detail", DetailPane)
        pane.show(self.session, claim_id, number, decides, keep_scroll=keep_scroll)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the search bar has focus, only escape, enter and save act on the map
        (``None``: shown in the footer, but the key goes to the bar)."""
        searching = isinstance(self.focused, Input)
        if action == "submit_search":
            return searching
        if searching and action not in self.WHILE_SEARCHING:
            return None
        return True

    def take_key(self, event: events.Key) -> bool:
        """Called by the app before any binding: the key that finishes a chord (``z 2``)."""
        return self.focused is self.claim_tree and self.claim_tree.take_chord_key(event)

    def _cursor_moved(self, claim_id: str | None) -> None:
        if self.is_mounted:
            self.show_detail()
            if self.map_shown:
                self.argument_map.show(claim_id)

    # ------------------------------------------------------------------ the map view

    @property
    def argument_map(self) -> ArgumentMapView:
        return self.query_one("#map", ArgumentMapView)

    @property
    def map_shown(self) -> bool:
        return self.has_class("-map")

    def action_toggle_map(self) -> None:
        """Switch the main pane between the outline and the map around the current claim."""
        self.toggle_class("-map")
        if self.map_shown:
            self.set_focus(self.argument_map)
            self.call_after_refresh(self.argument_map.recentre, self.claim_tree.cursor_id)
        else:
            self.set_focus(self.claim_tree)

    def _map_selected(self, claim_id: str) -> None:
        """The map's selection is the current claim: the outline's cursor follows it."""
        self.claim_tree.select(claim_id)

    @on(events.DescendantFocus, "#tree")
    def _tree_focused(self) -> None:
        if self.map_shown:  # flows focus the outline after their work; the map has the keys
            self.set_focus(self.argument_map)

    # ------------------------------------------------------------------ applying edits

    def apply(self, edit: Edit) -> Change | None:
        """Apply an edit and repaint; a refused edit is one error notice and no change."""
        try:
            change = self.session.do(edit)
        except DebateError as error:
            self.notify(visible(str(error)), severity="error", markup=False)
            return None
        self.after_change(change)
        return change

    def after_change(self, change: Change | None, message: str | None = None) -> None:
        """Repaint after an edit, an undo, a restore or a reload (``change`` is ``None``)."""
        tree = self.claim_tree
        focus = change.focus if change is not None else None
        if change is None or change.structural:
            tree.reset(keep=focus if focus in self.session.argmap.claims else None)
        else:
            tree.refresh_data()
            if focus is not None and focus != tree.cursor_id:
                tree.select(focus)
        if self.map_shown:
            self.argument_map.refresh_data()
        self.show_detail()
        self.refresh_header()
        if message:
            self.notify(message, markup=False, timeout=2)

    def repaint_values(self) -> None:
        """Every value may have changed (perspective, semantics): the rows stay the same."""
        self.claim_tree.refresh_data()
        if self.map_shown:
            self.argument_map.refresh_data()
        self.show_detail()
        self.refresh_header()

    def selected_claim(self) -> str | None:
        """The claim under the cursor; says so when there is none."""
        claim_id = self.claim_tree.cursor_id
        if claim_id is None:
            self.notify("No claim selected", severity="warning")
        return claim_id

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is None:
            self.notify("Nothing to undo", timeout=2)
            return
        self.after_change(change, change_notice("Undid", self.session.argmap, change.edit))

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is None:
            self.notify("Nothing to redo", timeout=2)
            return
        self.after_change(change, change_notice("Redid", self.session.argmap, change.edit))

    # ------------------------------------------------------------------ navigate

    def jump_to(self, claim_id: str) -> None:
        """Go to a claim, remembering where from (backspace returns)."""
        current = self.claim_tree.cursor_id
        if current is not None and current != claim_id:
            self.jumps.append(current)
        self.claim_tree.select(claim_id)
        self.set_focus(self.claim_tree)

    def action_back(self) -> None:
        claims = self.session.argmap.claims
        while self.jumps:
            claim_id = self.jumps.pop()
            if claim_id in claims:
                self.claim_tree.select(claim_id)
                return
        self.notify("Nowhere to go back to", timeout=2)

    @flow
    async def action_follow_link(self) -> None:
        await navigate.follow_link(self)

    def action_toggle_detail(self) -> None:
        self.toggle_class("-no-detail")

    def action_scroll_detail(self, step: int) -> None:
        pane = self.query_one("#detail", DetailPane)
        pane.scroll_relative(y=step * max(1, pane.size.height // 2), animate=False)

    def action_clear(self) -> None:
        """Escape: no search, no filter, nothing cut."""
        self.search.close()
        if self.claim_tree.filter is not None:
            self.claim_tree.set_filter(None)
        self.claim_tree.cut_id = None
        self.set_focus(self.claim_tree)
        self.refresh_header()

    # ------------------------------------------------------------------ search and filters

    def action_search(self) -> None:
        self.search.open()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search.typed(event.value)

    async def action_submit_search(self) -> None:
        """Enter in the search bar, handled before the next key is read: keys typed after
        it go to the tree, not into the bar."""
        bar = self.search.bar
        await caught_up(bar)
        self.search.submitted(bar.value)

    def action_next_match(self) -> None:
        self.search.step(1)

    def action_previous_match(self) -> None:
        self.search.step(-1)

    @flow
    async def action_tag_filter(self) -> None:
        await filters.pick_tag(self)

    @flow
    async def action_by_filter(self) -> None:
        await filters.pick_holder(self)

    def action_filter_mode(self) -> None:
        filters.toggle_mode(self)

    # ------------------------------------------------------------------ weigh

    def action_weight(self, value: int) -> None:
        weigh.set_claim_weight(self, value)

    def action_credence(self, direction: int) -> None:
        weigh.step_credence(self, direction)

    def action_cycle_stance(self) -> None:
        weigh.cycle_stance(self)

    @flow
    async def action_perspective(self) -> None:
        await weigh.pick_perspective(self)

    @flow
    async def action_compare(self) -> None:
        await weigh.compare(self)

    @flow
    async def action_crux(self) -> None:
        await crux.open_crux(self)

    @flow
    async def action_keep_trial(self) -> None:
        await crux.keep_trial(self)

    # ------------------------------------------------------------------ annotate

    @flow
    async def action_note(self) -> None:
        await annotate.add_note(self)

    @flow
    async def action_tags(self) -> None:
        await annotate.edit_tags(self)

    @flow
    async def action_cite(self) -> None:
        await annotate.cite(self)

    @flow
    async def action_link(self) -> None:
        await annotate.add_link(self)

    @flow
    async def action_remove(self) -> None:
        await annotate.remove(self)

    # ------------------------------------------------------------------ edit structure

    @flow
    async def action_add_child(self) -> None:
        await structure.add_child(self)

    @flow
    async def action_add_sibling(self) -> None:
        await structure.add_sibling(self)

    @flow
    async def action_edit_text(self) -> None:
        await structure.edit_text(self)

    @flow
    async def action_delete(self) -> None:
        await structure.delete(self)

    def action_cut(self) -> None:
        structure.cut(self)

    def action_paste(self) -> None:
        structure.paste(self)

    def action_move(self, offset: int) -> None:
        structure.move_among_siblings(self, offset)

    # ------------------------------------------------------------------ clipboard and file

    def action_copy_claim_text(self) -> None:
        claim_id = self.selected_claim()
        if claim_id is not None:
            self.app.copy_to_clipboard(self.session.argmap.claims[claim_id].text)
            self.notify("Copied the claim's text", timeout=2)

    def action_copy_claim_id(self) -> None:
        claim_id = self.selected_claim()
        if claim_id is not None:
            self.app.copy_to_clipboard(claim_id)
            self.notify(f"Copied {claim_id}", markup=False, timeout=2)

    @exclusive_flow
    async def action_save(self) -> None:
        await self.file_sync.save()

    @exclusive_flow
    async def action_save_as(self) -> None:
        await self.file_sync.save_as()

    @exclusive_flow
    async def action_editor(self) -> None:
        await self.file_sync.edit_in_editor()
