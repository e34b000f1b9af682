"""The map screen: the claim tree, the detail pane and every action on the map.

Every change goes through :class:`~debate.session.MapSession` (edit commands, journal,
scorer), then :meth:`MapScreen.after_change` repaints just what moved. Multi-step flows
(pick a source, then type the quote) are workers that await their dialogs in order.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Input

from debate.display import one_line, visible
from debate.edits import (
    AddCitation,
    AddClaim,
    AddLink,
    AddNote,
    AddPerspective,
    AddSource,
    Batch,
    DeleteClaim,
    Edit,
    EditNote,
    MoveClaim,
    MoveSibling,
    RemoveCitation,
    RemoveLink,
    SetField,
    SetStance,
    new_claim_id,
    next_stance,
    set_credence,
    set_weight,
)
from debate.errors import DebateError, FileChangedError, MapError
from debate.session import Change, MapSession
from debate.tui.keys import MAP_BINDINGS
from debate.tui.providers import ClaimProvider, CommandProvider
from debate.tui.screens.compare import CompareScreen
from debate.tui.screens.modals import (
    Choice,
    ChoiceModal,
    Field,
    FormModal,
    PickerModal,
    PickItem,
    TextModal,
)
from debate.tui.widgets.claim_tree import ClaimFilter, ClaimTree
from debate.tui.widgets.detail import DetailPane
from debate.tui.widgets.header import MapHeader

CREDENCE_STEP = 0.05
STANCE_CHOICES = [
    Choice("pro", "p", "pro (supports it)"),
    Choice("con", "c", "con (attacks it)"),
    Choice("part", "a", "part (one dimension of it)"),
]


class MapScreen(Screen[None]):
    """One open map."""

    BINDINGS = MAP_BINDINGS
    COMMANDS = {ClaimProvider, CommandProvider}

    def __init__(self, session: MapSession) -> None:
        super().__init__()
        self.session = session
        self.jumps: list[str] = []
        self.matches: list[str] = []
        self._order: tuple[object, list[str]] | None = None
        self._declined_sha: str | None = None
        self._asking = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield MapHeader(id="header")
        with Container(id="body"):
            yield ClaimTree(self.session, id="tree", on_highlight=self._cursor_moved)
            yield DetailPane(id="detail")
        yield Input(placeholder="search claim text and ids", id="search", classes="hidden")
        yield Footer(compact=True)

    @property
    def claim_tree(self) -> ClaimTree:
        return self.query_one("#tree", ClaimTree)

    def on_mount(self) -> None:
        self.claim_tree.load()
        self.claim_tree.focus()
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
        self.query_one("#header", MapHeader).show(self.session, label)
        marker = " ●" if self.session.dirty else ""
        self.app.title = one_line(self.session.argmap.map.title, 60) + marker

    def show_detail(self) -> None:
        claim_id = self.claim_tree.cursor_id
        number = self.claim_tree.number(claim_id) if claim_id else ""
        self.query_one("#detail", DetailPane).show(self.session, claim_id, number)

    def _cursor_moved(self, claim_id: str | None) -> None:
        if self.is_mounted:
            self.show_detail()

    # ------------------------------------------------------------------ applying edits

    def apply(self, edit: Edit) -> Change | None:
        try:
            change = self.session.do(edit)
        except DebateError as error:
            self.notify(visible(str(error)), severity="error", markup=False)
            return None
        self.after_change(change)
        return change

    def after_change(self, change: Change | None, message: str | None = None) -> None:
        tree = self.claim_tree
        focus = change.focus if change is not None else None
        if change is None or change.structural:
            tree.reset(keep=focus if focus in self.session.argmap.claims else None)
        else:
            tree.refresh_data()
            if focus is not None and focus != tree.cursor_id:
                tree.select(focus)
        self.show_detail()
        self.refresh_header()
        self._order = None
        if message:
            self.notify(message, markup=False, timeout=2)

    def _claim(self) -> str | None:
        claim_id = self.claim_tree.cursor_id
        if claim_id is None:
            self.notify("No claim selected", severity="warning")
        return claim_id

    # ------------------------------------------------------------------ weigh

    def action_weight(self, value: int) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        if self.session.argmap.claims[claim_id].parent is None:
            self.notify("A root bears on nothing: weights apply to claims under a parent")
            return
        session = self.session
        if session.scorer.weight(claim_id) == value:
            return
        self.apply(set_weight(session.argmap, claim_id, value, session.perspective))

    def action_credence(self, direction: int) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        session = self.session
        value = session.scorer.credence(claim_id) + direction * CREDENCE_STEP
        edit = set_credence(session.argmap, claim_id, value, session.perspective)
        if getattr(edit, "value", None) == round(session.scorer.credence(claim_id), 2):
            return
        self.apply(edit)

    def action_cycle_stance(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        claim = self.session.argmap.claims[claim_id]
        self.apply(SetStance(claim_id, next_stance(claim.stance)))

    def switch_perspective(self, name: str | None) -> None:
        self.session.set_perspective(name)
        self.claim_tree.refresh_data()
        self.show_detail()
        self.refresh_header()
        shown = name or "the base map"
        self.notify(f"Now weighing as {shown}", markup=False, timeout=2)

    def switch_semantics(self, name: str) -> None:
        """Score with another gradual semantics (see docs/SCORING.md)."""
        self.session.scorer.set_semantics(name)
        self.claim_tree.refresh_data()
        self.show_detail()
        self.refresh_header()
        self.notify(f"Scoring with {name}", markup=False, timeout=2)

    @work(group="dialog")
    async def action_perspective(self) -> None:
        argmap = self.session.argmap
        items = [PickItem("", Text("base map (no perspective)", style="bold"), "base map")]
        for name, perspective in argmap.perspectives.items():
            label = Text(name, style="bold")
            if perspective.description:
                label.append("  " + one_line(perspective.description, 60), "dim")
            items.append(PickItem(name, label, name))
        items.append(PickItem("\0new", Text("+ new perspective…", style="italic"), "new"))
        choice = await self.app.push_screen_wait(PickerModal("Weigh as…", items))
        if choice is None:
            return
        if choice == "\0new":
            new_name = await self.app.push_screen_wait(
                TextModal("Name of the new perspective", placeholder="e.g. sceptic")
            )
            if not new_name:
                return
            if self.apply(AddPerspective(new_name.strip())) is None:
                return
            choice = new_name.strip()
        self.switch_perspective(choice or None)

    @work(group="dialog")
    async def action_compare(self) -> None:
        claim_id = await self.app.push_screen_wait(CompareScreen(self.session))
        if claim_id:
            self.jump_to(claim_id)

    # ------------------------------------------------------------------ navigate

    def jump_to(self, claim_id: str) -> None:
        current = self.claim_tree.cursor_id
        if current is not None and current != claim_id:
            self.jumps.append(current)
        self.claim_tree.select(claim_id)
        self.claim_tree.focus()

    def action_back(self) -> None:
        claims = self.session.argmap.claims
        while self.jumps:
            claim_id = self.jumps.pop()
            if claim_id in claims:
                self.claim_tree.select(claim_id)
                return
        self.notify("Nowhere to go back to", timeout=2)

    @work(group="dialog")
    async def action_follow_link(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        argmap = self.session.argmap
        links = [t for t in argmap.claims[claim_id].links if t in argmap.claims]
        if not links:
            self.notify("This claim has no see-also links (L adds one)", timeout=2)
            return
        target: str | None = links[0]
        if len(links) > 1:
            items = [self._claim_item(t) for t in links]
            target = await self.app.push_screen_wait(PickerModal("Follow which link?", items))
        if target:
            self.jump_to(target)

    def _claim_item(self, claim_id: str) -> PickItem:
        claim = self.session.argmap.claims[claim_id]
        number = self.session.tree.number(claim_id)
        label = Text(number + " ", style="dim")
        label.append(one_line(claim.text, 70))
        label.append(f"  {claim_id}", "dim")
        return PickItem(claim_id, label, f"{number} {claim.text} {claim_id}")

    def action_toggle_detail(self) -> None:
        self.toggle_class("-no-detail")

    def action_scroll_detail(self, step: int) -> None:
        pane = self.query_one("#detail", DetailPane)
        pane.scroll_relative(y=step * max(1, pane.size.height // 2), animate=False)

    # search

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.remove_class("hidden")
        search.value = self.claim_tree.search_text
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.claim_tree.set_query(event.value)
        self.matches = []

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        search = self.query_one("#search", Input)
        search.add_class("hidden")
        self.claim_tree.focus()
        self.claim_tree.set_query(event.value.strip())
        self.refresh_header()
        if self.claim_tree.search_text:
            self._step_match(1, include_current=True)

    def _preorder(self) -> list[str]:
        tree = self.session.tree
        if self._order is None or self._order[0] is not tree:
            self._order = (tree, [claim_id for claim_id, _ in tree.walk()])
        return self._order[1]

    def _find_matches(self) -> list[str]:
        query = self.claim_tree.search_text.lower()
        if not query:
            return []
        claims = self.session.argmap.claims
        return [
            claim_id
            for claim_id in self._preorder()
            if query in claims[claim_id].text.lower() or query in claim_id.lower()
        ]

    def _step_match(self, step: int, include_current: bool = False) -> None:
        if not self.claim_tree.search_text:
            self.notify("No search yet: press / to search", timeout=2)
            return
        self.matches = self._find_matches()
        if not self.matches:
            searched = self.claim_tree.search_text
            self.notify(f"No claim matches “{searched}”", markup=False, timeout=2)
            return
        order = self._preorder()
        position = {claim_id: i for i, claim_id in enumerate(order)}
        current = position.get(self.claim_tree.cursor_id or "", -1)
        match_positions = [position[m] for m in self.matches]
        if step > 0:
            after = [
                p for p in match_positions if p > current or (include_current and p == current)
            ]
            target = after[0] if after else match_positions[0]
        else:
            before = [p for p in match_positions if p < current]
            target = before[-1] if before else match_positions[-1]
        claim_id = order[target]
        index = self.matches.index(claim_id) + 1
        self.jump_to(claim_id)
        self.notify(f"match {index}/{len(self.matches)}", timeout=1.5)

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    # filters

    def all_tags(self) -> list[str]:
        counts: Counter[str] = Counter()
        for claim in self.session.argmap.claims.values():
            counts.update(claim.tags)
        return [tag for tag, _ in counts.most_common()]

    def all_holders(self) -> list[str]:
        counts: Counter[str] = Counter(
            claim.by for claim in self.session.argmap.claims.values() if claim.by
        )
        return [holder for holder, _ in counts.most_common()]

    def filter_by_tag(self, tag: str, only: bool = True) -> None:
        ids = frozenset(k for k, c in self.session.argmap.claims.items() if tag in c.tags)
        self.claim_tree.set_filter(ClaimFilter(f"#{visible(tag)}", ids, only))
        self.claim_tree.focus()
        self.refresh_header()

    def filter_by_holder(self, holder: str, only: bool = False) -> None:
        ids = frozenset(k for k, c in self.session.argmap.claims.items() if c.by == holder)
        self.claim_tree.set_filter(ClaimFilter(f"by {visible(holder)}", ids, only))
        self.claim_tree.focus()
        self.refresh_header()

    @work(group="dialog")
    async def action_tag_filter(self) -> None:
        argmap = self.session.argmap
        counts: Counter[str] = Counter()
        for claim in argmap.claims.values():
            counts.update(claim.tags)
        if not counts:
            self.notify("No claim has tags yet (t adds some)", timeout=2)
            return
        items = [
            PickItem(tag, Text.assemble(("#" + visible(tag), "bold"), (f"  {n}", "dim")), tag)
            for tag, n in counts.most_common()
        ]
        tag = await self.app.push_screen_wait(PickerModal("Show only claims tagged…", items))
        if tag is not None:
            self.filter_by_tag(tag)

    @work(group="dialog")
    async def action_by_filter(self) -> None:
        counts: Counter[str] = Counter(
            claim.by for claim in self.session.argmap.claims.values() if claim.by
        )
        if not counts:
            self.notify("No claim says who holds it (by = ...)", timeout=2)
            return
        items = [
            PickItem(h, Text.assemble((visible(h), "bold"), (f"  {n}", "dim")), h)
            for h, n in counts.most_common()
        ]
        holder = await self.app.push_screen_wait(PickerModal("Highlight the claims of…", items))
        if holder is not None:
            self.filter_by_holder(holder)

    def action_filter_mode(self) -> None:
        current = self.claim_tree.filter
        if current is None:
            self.notify("No filter (# filters by tag, b by holder)", timeout=2)
            return
        self.claim_tree.set_filter(ClaimFilter(current.label, current.ids, not current.only))
        self.refresh_header()

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("hidden")
        self.claim_tree.set_query("")
        if self.claim_tree.filter is not None:
            self.claim_tree.set_filter(None)
        self.claim_tree.cut_id = None
        self.claim_tree.focus()
        self.refresh_header()

    # ------------------------------------------------------------------ annotate

    @work(group="dialog")
    async def action_note(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        text = await self.app.push_screen_wait(
            TextModal(self._title("Note on", claim_id), multiline=True)
        )
        if text and text.strip():
            self.apply(AddNote(claim_id, text.rstrip()))

    def _title(self, verb: str, claim_id: str) -> Text:
        claim = self.session.argmap.claims[claim_id]
        title = Text(f"{verb} {self.claim_tree.number(claim_id)} ")
        title.append(one_line(claim.text, 60), "italic")
        return title

    @work(group="dialog")
    async def action_tags(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        claim = self.session.argmap.claims[claim_id]
        value = await self.app.push_screen_wait(
            TextModal(
                self._title("Tags of", claim_id),
                ", ".join(claim.tags),
                placeholder="comma-separated, e.g. timing, evidence",
                hint="comma-separated · delete one to remove it · enter saves",
            )
        )
        if value is None:
            return
        tags: list[str] = []
        for tag in value.split(","):
            tag = tag.strip().lstrip("#").strip()
            if tag and tag not in tags:
                tags.append(tag)
        if tags != claim.tags:
            self.apply(SetField(claim_id, "tags", tags))

    @work(group="dialog")
    async def action_cite(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        argmap = self.session.argmap
        items = [
            PickItem(sid, Text.assemble((sid, "bold"), "  ", one_line(s.title, 60)), s.title + sid)
            for sid, s in argmap.sources.items()
        ]
        items.append(PickItem("\0new", Text("+ new source…", style="italic"), "new source"))
        source = await self.app.push_screen_wait(PickerModal("Cite which source?", items))
        if source is None:
            return
        edits: list[Edit] = []
        if source == "\0new":
            values = await self.app.push_screen_wait(
                FormModal(
                    "New source",
                    [
                        Field("id", "Id (letters, digits, - and _)", placeholder="e.g. ft-2026"),
                        Field("title", "Title"),
                        Field("url", "URL (optional)"),
                    ],
                )
            )
            if not values or not values["id"].strip():
                return
            source = values["id"].strip()
            edits.append(AddSource(source, values["title"].strip() or source, values["url"]))
        quote = await self.app.push_screen_wait(
            FormModal(
                self._title("Cite for", claim_id),
                [
                    Field("quote", "Quote (the exact words the claim rests on; optional)"),
                    Field("locator", "Page, section or timestamp (optional)"),
                ],
            )
        )
        if quote is None:
            return
        edits.append(AddCitation(claim_id, source, quote["quote"], quote["locator"]))
        self.apply(edits[0] if len(edits) == 1 else Batch(f"cite new source {source}", edits))

    @work(group="dialog")
    async def action_link(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        claims = self.session.argmap.claims
        existing = set(claims[claim_id].links)
        items = [
            self._claim_item(other)
            for other in self._preorder()
            if other != claim_id and other not in existing
        ]
        target = await self.app.push_screen_wait(
            PickerModal(self._title("See also, from", claim_id), items)
        )
        if target:
            self.apply(AddLink(claim_id, target))

    @work(group="dialog")
    async def action_remove(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        argmap = self.session.argmap
        claim = argmap.claims[claim_id]
        items: list[PickItem] = []
        for index, note in enumerate(claim.notes):
            label = Text.assemble(("note ", "bold"), one_line(note.text, 70))
            items.append(PickItem(f"note:{index}", label, f"note {note.text}"))
        for index, citation in enumerate(claim.citations):
            source = argmap.sources.get(citation.source)
            label = Text.assemble(("citation ", "bold"), citation.source + " ")
            label.append(one_line(citation.quote or (source.title if source else ""), 60), "dim")
            items.append(PickItem(f"cite:{index}", label, f"citation {citation.source}"))
        for target in claim.links:
            label = Text.assemble(("link ", "bold"), target + " ")
            if target in argmap.claims:
                label.append(one_line(argmap.claims[target].text, 60), "dim")
            items.append(PickItem(f"link:{target}", label, f"link {target}"))
        if not items:
            self.notify("This claim has no notes, citations or links to remove", timeout=2)
            return
        choice = await self.app.push_screen_wait(
            PickerModal(self._title("Remove from", claim_id), items)
        )
        if choice is None:
            return
        kind, _, key = choice.partition(":")
        edit: Edit
        if kind == "note":
            edit = EditNote(claim_id, int(key), None)
        elif kind == "cite":
            edit = RemoveCitation(claim_id, int(key))
        else:
            edit = RemoveLink(claim_id, key)
        self.apply(edit)

    # ------------------------------------------------------------------ edit structure

    async def _new_claim(self, parent: str | None, after: str | None, what: str) -> None:
        stance: str | None = None
        if parent is not None:
            stance = await self.app.push_screen_wait(
                ChoiceModal(
                    self._title(f"New {what} of", parent), "How does it bear on it?", STANCE_CHOICES
                )
            )
            if stance is None:
                return
        title = f"Text of the new {stance or 'root'} claim"
        text = await self.app.push_screen_wait(TextModal(title, placeholder="one sentence"))
        if not text or not text.strip():
            return
        text = text.strip()
        claim_id = new_claim_id(self.session.argmap, text)
        self.apply(AddClaim(claim_id, parent, stance, text, after=after))

    @work(group="dialog")
    async def action_add_child(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        await self._new_claim(claim_id, None, "child")

    @work(group="dialog")
    async def action_add_sibling(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        parent = self.session.argmap.claims[claim_id].parent
        await self._new_claim(parent, claim_id, "sibling" if parent else "root")

    @work(group="dialog")
    async def action_edit_text(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        claim = self.session.argmap.claims[claim_id]
        text = await self.app.push_screen_wait(
            TextModal(self._title("Edit", claim_id), claim.text, multiline="\n" in claim.text)
        )
        if text is not None and text.strip() and text != claim.text:
            self.apply(SetField(claim_id, "text", text.strip()))

    @work(group="dialog")
    async def action_delete(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        below = len(self.session.tree.subtree(claim_id)) - 1
        choices = [Choice("claim", "y", "delete this claim")]
        message = Text("Its children move up to its parent.") if below else Text("")
        if below:
            choices.append(Choice("subtree", "s", f"delete it and all {below} below"))
        choices.append(Choice("cancel", "n", "cancel"))
        answer = await self.app.push_screen_wait(
            ChoiceModal(self._title("Delete", claim_id), message, choices)
        )
        if answer in ("claim", "subtree"):
            change = self.apply(DeleteClaim(claim_id, subtree=answer == "subtree"))
            if change is not None:
                self.notify(change.edit.describe() + " — u undoes it", markup=False, timeout=3)

    def action_cut(self) -> None:
        claim_id = self._claim()
        if claim_id is None:
            return
        self.claim_tree.cut_id = claim_id
        self.claim_tree.refresh_data()
        self.notify("Cut: go to the new parent and press v to paste (escape cancels)", timeout=3)

    def action_paste(self) -> None:
        cut = self.claim_tree.cut_id
        target = self.claim_tree.cursor_id
        if cut is None or cut not in self.session.argmap.claims:
            self.notify("Nothing cut: x cuts the claim under the cursor", timeout=2)
            return
        if target is None:
            return
        if self.apply(MoveClaim(cut, target)) is not None:
            self.claim_tree.cut_id = None
            self.claim_tree.select(cut)

    def action_move(self, offset: int) -> None:
        claim_id = self._claim()
        if claim_id is not None:
            self.apply(MoveSibling(claim_id, offset))

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is None:
            self.notify("Nothing to undo", timeout=2)
            return
        self.after_change(change, "Undid " + change.edit.describe())

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is None:
            self.notify("Nothing to redo", timeout=2)
            return
        self.after_change(change, "Redid " + change.edit.describe())

    # ------------------------------------------------------------------ clipboard

    def action_copy_claim_text(self) -> None:
        claim_id = self._claim()
        if claim_id is not None:
            self.app.copy_to_clipboard(self.session.argmap.claims[claim_id].text)
            self.notify("Copied the claim's text", timeout=2)

    def action_copy_claim_id(self) -> None:
        claim_id = self._claim()
        if claim_id is not None:
            self.app.copy_to_clipboard(claim_id)
            self.notify(f"Copied {claim_id}", markup=False, timeout=2)

    # ------------------------------------------------------------------ file

    @work(group="dialog", exclusive=True)
    async def action_save(self) -> None:
        await self.save()

    async def save(self) -> bool:
        session = self.session
        try:
            path = session.save()
        except FileChangedError as error:
            answer = await self.app.push_screen_wait(
                ChoiceModal(
                    "Not saved: the file changed on disk",
                    Text(str(error) + "\nSomeone (or your editor) wrote to it since it was read."),
                    [
                        Choice("replay", "r", "reload it and re-apply my edits"),
                        Choice("force", "o", "overwrite it with mine"),
                        Choice("cancel", "c", "cancel"),
                    ],
                )
            )
            if answer == "replay":
                self.reload(keep_edits=True)
                return False
            if answer != "force":
                return False
            try:
                path = session.save(force=True)
            except (DebateError, OSError) as error:
                self.notify(f"Not saved: {error}", severity="error", markup=False)
                return False
        except (DebateError, OSError) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return False
        self._declined_sha = None
        self.refresh_header()
        self.notify(f"Saved {path}", markup=False, timeout=2)
        return True

    def reload(self, keep_edits: bool) -> bool:
        """Read the file again, keeping the cursor on the same claim."""
        keep = self.claim_tree.cursor_id
        try:
            failures = self.session.reload(keep_edits=keep_edits)
        except MapError as error:
            first = error.problems[0]
            self.notify(
                f"The file on disk has errors; kept what you had.\n{first}",
                severity="error",
                markup=False,
                timeout=8,
            )
            return False
        self.claim_tree.reset(keep=keep)
        self.show_detail()
        self.refresh_header()
        self._order = None
        if failures:
            self.notify(
                f"Reloaded; {len(failures)} edit(s) no longer apply: {failures[0]}",
                severity="warning",
                markup=False,
                timeout=8,
            )
        elif keep_edits and self.session.dirty:
            self.notify("Reloaded and re-applied your edits (unsaved)", timeout=3)
        else:
            self.notify("Reloaded from disk", timeout=2)
        return True

    async def check_disk(self) -> None:
        """The file may have changed on disk: reload, asking first if we have unsaved edits."""
        session = self.session
        if self._asking or not session.changed_on_disk():
            return
        if not session.dirty:
            self.reload(keep_edits=False)
            return
        sha = session.disk_sha()
        if sha == self._declined_sha:
            return
        self._asking = True
        try:
            answer = await self.app.push_screen_wait(
                ChoiceModal(
                    "The file changed on disk",
                    Text(f"You have {session.history.unsaved} unsaved edit(s) here."),
                    [
                        Choice("replay", "r", "reload and re-apply my edits"),
                        Choice("drop", "d", "reload and drop my edits"),
                        Choice("keep", "k", "keep mine (saving will ask)"),
                    ],
                )
            )
        finally:
            self._asking = False
        if answer == "replay":
            self.reload(keep_edits=True)
        elif answer == "drop":
            self.reload(keep_edits=False)
        else:
            self._declined_sha = sha

    @work(group="dialog", exclusive=True)
    async def action_editor(self) -> None:
        session = self.session
        if session.path is None:
            return
        if session.dirty:
            answer = await self.app.push_screen_wait(
                ChoiceModal(
                    "You have unsaved edits",
                    "Save them before editing the file by hand?",
                    [
                        Choice("save", "s", "save, then edit"),
                        Choice("edit", "e", "edit anyway (I will be asked on return)"),
                        Choice("cancel", "c", "cancel"),
                    ],
                )
            )
            if answer == "save":
                if not await self.save():
                    return
            elif answer != "edit":
                return
        from debate.locate import KeyLocator

        claim_id = self.claim_tree.cursor_id
        line, col = 1, 1
        if claim_id is not None:
            line, col = KeyLocator(session.loaded.text).find(("claims", claim_id))
        self.app.run_editor(session.path, line, col)  # type: ignore[attr-defined]
        await self.check_disk()
