"""The header: what map this is, whether it has unsaved edits, whose view, and the verdicts."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from debate.display import one_line, visible
from debate.scoring import DEFAULT_SEMANTICS
from debate.session import MapSession

MAX_VERDICTS = 6


def header_text(session: MapSession, filter_label: str | None = None) -> Text:
    """Line 1: file, unsaved marker, title. Line 2: whose view, the verdicts, the filter."""
    argmap = session.argmap
    text = Text(no_wrap=True, overflow="ellipsis")
    name = session.save_path.name if session.save_path is not None else "(no file)"
    text.append(visible(name), "bold")
    if session.dirty:
        text.append(f" ● unsaved ({session.history.unsaved})", "bold yellow")
    text.append("  ")
    text.append(one_line(argmap.map.title), "italic")
    text.append("\n")
    if session.perspective is None:
        text.append("base map", "dim")
    else:
        text.append(" " + session.perspective + " ", "bold reverse")
        text.append(" weights and credences go to its overlay", "italic")
    if session.scorer.semantics != DEFAULT_SEMANTICS:
        text.append(f"  {session.scorer.semantics}", "italic")
    verdicts = session.scorer.verdicts()
    text.append("  │ ", "dim")
    for index, value in enumerate(list(verdicts.values())[:MAX_VERDICTS], 1):
        text.append(f"{index}:", "dim")
        text.append(f"{value:.2f}", "bold")
        text.append(" ")
    if len(verdicts) > MAX_VERDICTS:
        text.append(f"+{len(verdicts) - MAX_VERDICTS} more", "dim")
    if filter_label:
        text.append("│ ", "dim")
        text.append(filter_label, "italic")
    return text


class MapHeader(Static):
    """Two lines at the top of the map screen."""

    DEFAULT_CSS = """
    MapHeader {
        dock: top;
        height: 2;
        background: $panel;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, session: MapSession, filter_label: str | None = None) -> None:
        self.update(header_text(session, filter_label), layout=False)  # fixed height
