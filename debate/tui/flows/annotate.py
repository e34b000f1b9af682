"""Annotating the claim under the cursor: a note, its tags, a citation, a see-also link,
and removing any of those again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from debate.display import one_line
from debate.edits import (
    AddCitation,
    AddLink,
    AddNote,
    AddSource,
    Batch,
    Edit,
    EditNote,
    RemoveCitation,
    RemoveLink,
    SetField,
)
from debate.queries import parse_tags
from debate.tui.flows.checks import new_id, some_text
from debate.tui.flows.labels import NEW, claim_item, claim_title
from debate.tui.screens.modals import Field, FormModal, PickerModal, PickItem, TextModal

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen


async def add_note(screen: MapScreen) -> None:
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    text = await screen.app.push_screen_wait(
        TextModal(
            claim_title(screen, "Note on", claim_id), multiline=True, check=some_text("A note")
        )
    )
    if text is not None:
        screen.apply(AddNote(claim_id, text.rstrip()))


async def edit_tags(screen: MapScreen) -> None:
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    claim = screen.session.argmap.claims[claim_id]
    value = await screen.app.push_screen_wait(
        TextModal(
            claim_title(screen, "Tags of", claim_id),
            ", ".join(claim.tags),
            placeholder="comma-separated, e.g. timing, evidence",
            hint="comma-separated · delete one to remove it · enter saves",
        )
    )
    if value is None:
        return
    tags = parse_tags(value)
    if tags != claim.tags:
        screen.apply(SetField(claim_id, "tags", tags))


async def cite(screen: MapScreen) -> None:
    """Pick a source (or describe a new one), then the quote: one undo step either way."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    argmap = screen.session.argmap
    items = [
        PickItem(sid, Text.assemble((sid, "bold"), "  ", one_line(s.title, 60)), s.title + sid)
        for sid, s in argmap.sources.items()
    ]
    items.append(PickItem(NEW, Text("+ new source…", style="italic"), "new source"))
    source = await screen.app.push_screen_wait(PickerModal("Cite which source?", items))
    if source is None:
        return
    edits: list[Edit] = []
    if source == NEW:
        values = await screen.app.push_screen_wait(
            FormModal(
                "New source",
                [
                    Field(
                        "id",
                        "Id (letters, digits, - and _)",
                        placeholder="e.g. ft-2026",
                        check=new_id("source", argmap.sources),
                    ),
                    Field("title", "Title"),
                    Field("url", "URL (optional)"),
                ],
            )
        )
        if values is None:
            return
        source = values["id"].strip()
        edits.append(AddSource(source, values["title"].strip() or source, values["url"]))
    quote = await screen.app.push_screen_wait(
        FormModal(
            claim_title(screen, "Cite for", claim_id),
            [
                Field("quote", "Quote (the exact words the claim rests on; optional)"),
                Field("locator", "Page, section or timestamp (optional)"),
            ],
        )
    )
    if quote is None:
        return
    edits.append(AddCitation(claim_id, source, quote["quote"], quote["locator"]))
    screen.apply(edits[0] if len(edits) == 1 else Batch(f"cite new source {source}", edits))


async def add_link(screen: MapScreen) -> None:
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    existing = set(screen.session.argmap.claims[claim_id].links)
    items = [
        claim_item(screen, other)
        for other in screen.search.order()
        if other != claim_id and other not in existing
    ]
    target = await screen.app.push_screen_wait(
        PickerModal(claim_title(screen, "See also, from", claim_id), items)
    )
    if target:
        screen.apply(AddLink(claim_id, target))


async def remove(screen: MapScreen) -> None:
    """Pick one of the claim's notes, citations or links and remove it."""
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    argmap = screen.session.argmap
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
        screen.notify("This claim has no notes, citations or links to remove", timeout=2)
        return
    choice = await screen.app.push_screen_wait(
        PickerModal(claim_title(screen, "Remove from", claim_id), items)
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
    screen.apply(edit)
