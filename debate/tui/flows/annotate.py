"""Annotating the claim under the cursor: a note, its tags, a citation, a see-also link,
and removing any of those again."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from rich.text import Text
from textual.app import App

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


SourceDraft = dict[str, str]
"""A new source's fields as typed: ``id``, ``title``, ``url``."""

_source_drafts: WeakKeyDictionary[App[Any], SourceDraft] = WeakKeyDictionary()
"""Per app, the new source typed in a cite that ended without a citation."""


async def cite(screen: MapScreen) -> None:
    """Pick a source (or describe a new one), then the quote: one undo step either way.

    A new source typed is never thrown away: when the cite ends without a citation (escape
    on the quote, whose form hides the source's, or on the source's form itself), the
    fields as typed are kept, and the next cite lists them as its ``+ new source …`` row and
    opens the form with them, until a citation uses them (or the user empties the fields).
    Escape still cancels, as in every dialog and flow; it just does not cost the typing.
    Kept per app, not in the map: a draft is not an edit, and it is checked again (a source
    with its id may exist by then) when the form is saved.
    """
    claim_id = screen.selected_claim()
    if claim_id is None:
        return
    argmap = screen.session.argmap
    draft = _source_drafts.get(screen.app)
    items = [
        PickItem(sid, Text.assemble((sid, "bold"), "  ", one_line(s.title, 60)), s.title + sid)
        for sid, s in argmap.sources.items()
    ]
    items.append(_new_source_item(draft))
    source = await screen.app.push_screen_wait(PickerModal("Cite which source?", items))
    if source is None:
        return
    edits: list[Edit] = []
    typed: SourceDraft | None = None
    if source == NEW:
        form = _source_form(draft, argmap.sources)
        typed = await screen.app.push_screen_wait(form)
        if typed is None:
            _keep_draft(screen, form.left_with)
            return
        source = typed["id"].strip()
        edits.append(AddSource(source, typed["title"].strip() or source, typed["url"]))
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
        _keep_draft(screen, typed)  # the source's fields are out of sight: keep them
        return
    edits.append(AddCitation(claim_id, source, quote["quote"], quote["locator"]))
    change = screen.apply(
        edits[0] if len(edits) == 1 else Batch(f"cite new source {source}", edits)
    )
    if typed is not None and change is not None:
        _source_drafts.pop(screen.app, None)  # cited: the map holds it now


def _new_source_item(draft: SourceDraft | None) -> PickItem:
    """The picker's last row: ``+ new source…``, or the draft kept from an earlier cite."""
    if draft is None:
        return PickItem(NEW, Text("+ new source…", style="italic"), "new source")
    label = Text("+ new source ", style="italic")
    label.append(one_line(draft["id"], 30) or "(no id)", "bold")
    label.append("  " + one_line(draft["title"], 50))
    label.append("  as typed before, not in the map yet…", "dim italic")
    return PickItem(NEW, label, f"new source {draft['id']} {draft['title']}")


def _source_form(draft: SourceDraft | None, taken: Collection[str]) -> FormModal:
    """The new source's form, its fields as the draft has them (empty without one)."""
    values = draft or {}
    return FormModal(
        "New source" if draft is None else "New source (as typed before)",
        [
            Field(
                "id",
                "Id (letters, digits, - and _)",
                initial=values.get("id", ""),
                placeholder="e.g. ft-2026",
                check=new_id("source", taken),
            ),
            Field("title", "Title", initial=values.get("title", "")),
            Field("url", "URL (optional)", initial=values.get("url", "")),
        ],
    )


def _keep_draft(screen: MapScreen, typed: SourceDraft | None) -> None:
    """Keep ``typed`` for the next cite and say so; empty fields drop the draft."""
    if typed is None or not any(value.strip() for value in typed.values()):
        _source_drafts.pop(screen.app, None)
        return
    _source_drafts[screen.app] = typed
    name = one_line(typed["id"].strip() or typed["title"].strip(), 40)
    screen.notify(
        f"Not cited. The new source {name} is kept as typed: c offers it again",
        markup=False,
        timeout=4,
    )


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
