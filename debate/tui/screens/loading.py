"""What shows while a map is read: a big file takes seconds to parse and check, and a blank
terminal looks like a hang. The app paints this at once and reads the file in a thread,
which tells it how much it has parsed (``Opening big.toml… 40%`` over a bar).

The screen is kept cheap on purpose: it shares the interpreter with the reading thread, so
every repaint is time taken from the reading. One label, repainted by a timer only when
there is something new to show (five times a second at most), in place (no layout unless
its width changed), instead of an animated indicator repainting at sixteen frames a second
whether anything moved or not. The repaints of a 100,000-claim map's reading cost ~50 ms of
the interpreter at ten a second with a layout each.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Label

from debate.display import visible

BAR_WIDTH = 30
TICK = 0.2
"""Seconds between two looks at how much has been read."""
DOTS = ("·  ", "·· ", "···", " ··", "  ·", "   ")
"""Shown under the title until the reader says how much it has read (small files, files of
other tools): it still moves, so the app does not look hung."""


class LoadingScreen(Screen[None]):
    """``Opening NAME…`` and how much has been read, until the map (or its problems)
    shows; ``q`` quits (a file opened by mistake need not be waited for)."""

    BINDINGS = [Binding("q", "app.quit", "Quit", show=True)]

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen Label { width: auto; text-align: center; }
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.file_name = name
        self.share_read: float | None = None
        """How much of the file has been parsed (0-1), set by the reading thread."""
        self._ticks = 0
        self._shown: float | None = -1.0
        self._width = 0

    def read(self, share: float) -> None:
        """Called from the reading thread after each piece: a plain attribute, which the
        screen's own timer shows (the reader never waits for the screen)."""
        self.share_read = share

    def compose(self) -> ComposeResult:
        yield Label(self._text(), id="loading-title")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK, self._show_progress)

    def _text(self) -> Text:
        share = self.share_read
        text = Text(f"Opening {visible(self.file_name)}…")
        if share is None:
            text.append(f"\n{DOTS[self._ticks % len(DOTS)]}", "dim")
            return text
        done = round(share * BAR_WIDTH)
        text.append(f" {share:4.0%}" + (", checking it" if share >= 1 else "") + "\n")
        text.append("━" * done, "bold")
        text.append("━" * (BAR_WIDTH - done), "dim")
        return text

    def _show_progress(self) -> None:
        shown = self.share_read
        self._ticks += 1
        if shown is None or shown != self._shown:
            self._shown = shown
            text = self._text()
            width = max(map(len, text.plain.split("\n")))
            self.query_one("#loading-title", Label).update(text, layout=width != self._width)
            self._width = width
