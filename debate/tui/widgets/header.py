"""The header: what map this is, whether it has unsaved edits, whose view, and the verdicts.

Each root's verdict is its number, a word and its strength (``1 leans no 0.47``), and the
scale is said once (``0 no … 1 yes``), so it reads at a glance without knowing the scorer.
The word and the number are :mod:`debate.scoring.verdict`'s, the rule ``debate crux`` uses: a
strength that two decimals would round up onto the threshold reads ``toss-up <0.50``, never a
``0.50`` beside the crux view's "does not hold".
A verdict the four semantics disagree on is marked ``fragile``; where the line has no room
for the word (80 columns and a few roots), the mark shrinks to ``?`` after the strength, and
last the line leaves out whose view it is (said on its own line, or the base map), so the
verdicts and the scale still fit instead of being cut off.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.widgets import Static

from debate.display import one_line, visible
from debate.scoring import DEFAULT_SEMANTICS
from debate.scoring.verdict import verdict_number, verdict_word
from debate.session import MapSession

MAX_VERDICTS = 6
SCALE = "0 no … 1 yes"
SHORT_MARK = "?"
"""A fragile verdict's mark when the word does not fit."""


def header_text(
    session: MapSession,
    filter_label: str | None = None,
    fragile: Collection[str] = (),
    width: int | None = None,
) -> Text:
    """Line 1: file, unsaved marker, filter or search, title. Under a perspective, a line
    saying where edits go; under a trial, one saying it is not saved. Last line: whose view
    and each root's verdict, marked when it is in ``fragile`` (the four semantics disagree on
    its side of the threshold), as fits in ``width`` cells (``None``: any width)."""
    argmap = session.argmap
    text = Text(no_wrap=True, overflow="ellipsis")
    name = session.save_path.name if session.save_path is not None else "(no file)"
    text.append(visible(name), "bold")
    if session.dirty:
        text.append(f" ● unsaved ({session.history.unsaved})", "bold yellow")
    text.append("  ")
    if filter_label:
        text.append(filter_label, "bold italic")
        text.append(" · ", "dim")
    text.append(one_line(argmap.map.title), "italic")
    text.append("\n")
    if session.trial is not None:
        text.append(" trial ", "bold reverse")
        text.append(" a flip tried, not saved", "italic")
        text.append(" · u undoes it · T keeps it as a perspective\n", "dim")
    if session.perspective is not None:
        text.append(" " + visible(session.perspective) + " ", "bold reverse")
        text.append(" weights and credences go to its overlay", "italic")
        text.append(" · w: another view\n", "dim")
    text.append_text(fitted_verdicts(session, fragile, width))
    return text


def fitted_verdicts(
    session: MapSession, fragile: Collection[str], width: int | None = None
) -> Text:
    """The first verdict line that fits in ``width``: with ``fragile`` spelled out; else
    with ``?`` marks and their legend; else with the marks alone; else, last, without saying
    whose view it is (the base map by default, and a perspective or a trial has its own line
    above), so the verdicts and the scale are what stays whole."""
    marked = any(root in fragile for root in list(session.scorer.verdicts())[:MAX_VERDICTS])
    line = verdict_line(session, fragile, short_marks=False)
    if width is None or line.cell_len <= width:
        return line
    if marked:
        for legend in (True, False):
            line = verdict_line(session, fragile, short_marks=True, legend=legend)
            if line.cell_len <= width:
                return line
    return verdict_line(session, fragile, short_marks=marked, whose=False)


def verdict_line(
    session: MapSession,
    fragile: Collection[str],
    short_marks: bool,
    legend: bool = False,
    whose: bool = True,
) -> Text:
    """Whose view (unless not ``whose``), each root's verdict (``1 leans no 0.47 fragile``,
    or ``0.47?`` with ``short_marks``) and the scale (with ``? fragile`` after it when
    ``legend``)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if whose:
        if session.perspective is not None:
            text.append(f"as {visible(session.perspective)}", "bold")
        else:
            text.append("base map", "dim")
        if session.trial is not None:
            text.append(" + trial", "bold")
    if session.scorer.semantics != DEFAULT_SEMANTICS:
        text.append(f"{' · ' if whose else ''}{session.scorer.semantics}", "italic")
    verdicts = session.scorer.verdicts()
    if text.plain:
        text.append(" │ ", "dim")
    for index, (root, value) in enumerate(list(verdicts.items())[:MAX_VERDICTS], 1):
        if index > 1:
            text.append("  ")
        text.append(f"{index} ", "dim")
        text.append(verdict_word(value))
        text.append(f" {verdict_number(value)}", "bold")
        if root in fragile:
            text.append(*((SHORT_MARK, "bold yellow") if short_marks else (" fragile", "yellow")))
    if len(verdicts) > MAX_VERDICTS:
        text.append(f" +{len(verdicts) - MAX_VERDICTS} more", "dim")
    text.append(f" │ {SCALE}", "dim")
    if legend:
        text.append(" · ", "dim")
        text.append(SHORT_MARK, "bold yellow")
        text.append(" fragile", "dim")
    return text


class MapHeader(Static):
    """Two lines at the top of the map screen (one more under a perspective, one under a
    trial)."""

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

    _shown: tuple[MapSession, str | None, tuple[str, ...]] | None = None
    """What was last shown, drawn again to the new width on a resize."""

    def show(
        self, session: MapSession, filter_label: str | None = None, fragile: Collection[str] = ()
    ) -> None:
        self._shown = (session, filter_label, tuple(fragile))
        width = self.content_size.width or None  # not laid out yet: the resize draws again
        text = header_text(session, filter_label, fragile, width)
        lines = text.plain.count("\n") + 1
        if self.styles.height is None or self.styles.height.value != lines:
            self.styles.height = lines  # a layout only when a perspective or trial comes or goes
        self.update(text, layout=False)

    def on_resize(self) -> None:
        """Fit the verdict line to the new width (the fragile marks may shrink or grow)."""
        if self._shown is not None:
            self.show(*self._shown)
