"""The detail pane: everything about the claim under the cursor, and why it scores as it does.

Built as one :class:`rich.text.Text` so user text is never parsed as markup, and every
user string passes through :func:`debate.display.visible` first.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from debate.display import STANCE_STYLES, one_line, visible
from debate.merge import describe_conflict
from debate.scoring.verdict import verdict_number
from debate.session import MapSession

COUNTERFACTUAL = (
    "effects are counterfactual (the strength without that child): they need not add up"
)
MAX_EXPLAINED_CHILDREN = 300
"""Explaining a claim costs one re-score per child; beyond this, only the totals show."""
MAX_LISTED = 12


def signed(value: float) -> str:
    """``+0.28`` or ``−0.15`` (a true minus sign, as in print)."""
    return f"{value:+.2f}".replace("-", "−")


def claim_details(
    session: MapSession, claim_id: str, number: str = "", decides: Text | None = None
) -> Text:
    """Everything about one claim; ``decides`` (its part in its root's verdict) after Why."""
    argmap = session.argmap
    claim = argmap.claims[claim_id]
    scorer = session.scorer
    out = Text()
    heading = Text()
    if number:
        heading.append(number + "  ", "dim")
    if claim.parent is not None and claim.stance:
        heading.append(claim.stance, STANCE_STYLES[claim.stance] + " bold")
        heading.append(" · ")
        heading.append(f"strength {scorer.strength(claim_id):.2f}", "bold")
    else:  # a root's strength is its verdict: written as the header writes it
        heading.append("root", "bold")
        heading.append(" · ")
        heading.append(f"strength {verdict_number(scorer.strength(claim_id))}", "bold")
    out.append_text(heading)
    out.append("\n\n")
    out.append(visible(claim.text), "bold")
    out.append("\n\n")

    perspective = session.perspective
    values = Text()
    if claim.parent is not None:
        values.append(f"weight {scorer.weight(claim_id)}")
        if perspective is not None and claim_id in argmap.perspectives[perspective].weight:
            values.append(f" ({perspective}; map {claim.effective_weight})", "italic")
        values.append(" · ")
    values.append(f"credence {scorer.credence(claim_id):.2f}")
    if perspective is not None and claim_id in argmap.perspectives[perspective].credence:
        values.append(f" ({perspective}; map {claim.effective_credence:.2f})", "italic")
    out.append_text(values)
    out.append("\n")
    out.append("id ", "dim")
    out.append(claim_id)
    if claim.by:
        out.append("  by ", "dim")
        out.append(visible(claim.by), "italic")
    out.append("\n")

    children = session.tree.children.get(claim_id, [])
    out.append("\nWhy\n", "bold underline")
    if len(children) <= MAX_EXPLAINED_CHILDREN:
        explanation = scorer.explain(claim_id)
        out.append(f"{explanation.strength:.2f} from {explanation.base_line()}", "dim")
        out.append("; no children\n" if not explanation.contributions else "\n", "dim")
        if explanation.contributions:
            out.append(COUNTERFACTUAL + "\n", "dim italic")
        for item in explanation.contributions[:MAX_LISTED]:
            child = argmap.claims[item.child]
            out.append("  • ")
            out.append(one_line(child.text) + "\n")
            out.append("    ")
            out.append(item.stance, STANCE_STYLES.get(item.stance, ""))
            out.append(f" · weight {item.weight} · strength {item.strength:.2f} · ", "dim")
            out.append(signed(item.delta) + "\n", "bold")
        more = len(explanation.contributions) - MAX_LISTED
        if more > 0:
            out.append(f"  … {more} more\n", "dim")
    else:
        out.append(
            f"base {scorer.base(claim_id):.2f}; {len(children)} children "
            "(too many to weigh one by one)\n",
            "dim",
        )
    if decides is not None:
        out.append_text(decides)

    citations = claim.citations
    if citations:
        out.append("\nSources\n", "bold underline")
        for citation in citations:
            source = argmap.sources.get(citation.source)
            out.append("  § ", "dim")
            out.append(visible(source.title if source else citation.source))
            if source is not None:
                extra = [visible(part) for part in (source.publisher or "", str(source.date or ""))]
                shown = ", ".join(part for part in extra if part)
                if shown:
                    out.append(f" ({shown})", "dim")
                if source.url:
                    out.append("\n    " + visible(source.url), "underline")
            if citation.quote:
                out.append("\n    “" + visible(citation.quote) + "”", "italic")
            if citation.locator:
                out.append(" — " + visible(citation.locator), "dim")
            out.append("\n")

    if claim.notes:
        out.append("\nNotes\n", "bold underline")
        for index, note in enumerate(claim.notes, 1):
            out.append(f"  {index}. ", "dim")
            if note.at is not None:
                out.append(str(note.at)[:16].replace("T", " ") + " ", "dim")
            if note.by:
                out.append(visible(note.by) + ": ", "italic")
            out.append(visible(note.text) + "\n")

    if claim.tags:
        out.append("\nTags ", "bold underline")
        out.append(" ")
        out.append("  ".join("#" + visible(tag) for tag in claim.tags))
        out.append("\n")

    if claim.links:
        out.append("\nSee also\n", "bold underline")
        for target in claim.links:
            linked = argmap.claims.get(target)
            out.append("  ↗ ", "dim")
            out.append(target + " ", "dim")
            out.append((one_line(linked.text, 60) if linked else "(missing)") + "\n")

    if claim.conflicts:
        out.append("\nMerge conflicts\n", "bold red underline")
        for conflict in claim.conflicts:
            out.append(f"  {visible(describe_conflict(conflict))}")
            if conflict.note:
                out.append(f"\n    {visible(conflict.note)}", "dim")
            out.append("\n")
    return out


HANG = re.compile(r"^( *)(?:(?:[§↗•✎]|\d+\.) )?")
"""What a wrapped line's continuation lines sit under: the leading spaces and a list marker
(``  § ``, ``  1. ``, ``  • ``), so a long source title or note wraps as a block."""


def hanging_wrap(text: Text, width: int, console: Console) -> list[Text]:
    """``text`` wrapped to ``width`` cells, each line's continuation indented under the
    first line's text (a hanging indent), at most half the width."""
    wrapped: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        match = HANG.match(line.plain)
        indent = min(len(match.group(0)) if match else 0, width // 2)
        if line.cell_len <= width or indent == 0:
            wrapped.extend(line.wrap(console, width, no_wrap=False))
            continue
        head, body = line[:indent], line[indent:]
        for index, part in enumerate(body.wrap(console, width - indent, no_wrap=False)):
            prefix = head.copy() if index == 0 else Text(" " * indent)
            prefix.append_text(part)
            wrapped.append(prefix)
    return wrapped


class DetailPane(ScrollView, can_focus=False):
    """Scrollable details of one claim, drawn line by line.

    A line-API widget rather than a ``Static`` in a scroll container: replacing a Static's
    content asks for a layout of the whole screen (tens of milliseconds per cursor move on
    a busy screen); here only this pane repaints.
    """

    DEFAULT_CSS = """
    DetailPane { overflow-x: hidden; overflow-y: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text("No claim selected.", style="dim")
        self._strips: list[Strip] = []
        self._width = -1
        self._claim_id: str | None = None

    def show(
        self,
        session: MapSession,
        claim_id: str | None,
        number: str = "",
        decides: Text | None = None,
        keep_scroll: bool = False,
    ) -> None:
        """Show the claim from the top; with ``keep_scroll``, the same claim stays where the
        user scrolled it (a section that arrives later, like the crux facts, must not jump
        the pane back to the top)."""
        if claim_id is None or claim_id not in session.argmap.claims:
            self.text = Text("No claim selected.", style="dim")
        else:
            self.text = claim_details(session, claim_id, number, decides)
        same = claim_id == self._claim_id
        self._claim_id = claim_id
        self._width = -1
        if self.scrollable_content_region.width > 0:  # the scrollbar fits the text at once,
            self._wrap(self.scrollable_content_region.width)  # not one repaint late
        if not (keep_scroll and same):
            self.scroll_to(y=0, animate=False)
        elif self.scroll_y > self.max_scroll_y:  # the text got shorter
            self.scroll_to(y=self.max_scroll_y, animate=False)
        self.refresh()

    def _wrap(self, width: int) -> None:
        console = self.app.console
        lines = hanging_wrap(self.text, max(1, width), console)
        self._strips = [
            Strip(list(line.render(console, end="")), line.cell_len).extend_cell_length(width)
            for line in lines
        ]
        self._width = width
        size = Size(width, len(self._strips))
        if size != self.virtual_size:
            # set quietly: assigning virtual_size asks for a layout of the whole screen
            self.set_reactive(ScrollView.virtual_size, size)
            self.call_later(self._fit_scrollbar)

    def _fit_scrollbar(self) -> None:
        """Show or hide the scrollbar and size its thumb for the new text. A layout would
        size the thumb, but none follows a quiet change of size (above): without this the
        thumb kept the previous claim's length."""
        self._refresh_scrollbars()
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = self.virtual_size.height
            bar.window_size = self.scrollable_content_region.height

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._wrap(width)
        row = y + int(self.scroll_offset.y)
        style = self.rich_style
        if 0 <= row < len(self._strips):
            return self._strips[row].apply_style(style)
        return Strip.blank(width, style)
