"""What shows while a map is read: a big file takes seconds to parse and check, and a blank
terminal looks like a hang. The app paints this at once and reads the file in a thread,
which tells it how much it has parsed (``Opening big.toml… 40%``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, LoadingIndicator

from debate.display import visible


class LoadingScreen(Screen[None]):
    """``Opening NAME…`` and an animated indicator, until the map (or its problems) shows;
    ``q`` quits (a file opened by mistake need not be waited for)."""

    BINDINGS = [Binding("q", "app.quit", "Quit", show=True)]

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen > Vertical { width: auto; height: auto; }
    LoadingScreen Label { width: auto; margin-bottom: 1; }
    LoadingScreen LoadingIndicator { height: 1; }
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.file_name = name
        self.share_read: float | None = None
        """How much of the file has been parsed (0-1), set by the reading thread."""
        self._shown: float | None = None

    def read(self, share: float) -> None:
        """Called from the reading thread after each piece: a plain attribute, which the
        screen's own timer shows (the reader never waits for the screen)."""
        self.share_read = share

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title(), id="loading-title")
            yield LoadingIndicator()
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(0.1, self._show_progress)

    def _title(self) -> Text:
        share = self.share_read
        done = f" {share:.0%}" if share is not None else ""
        return Text(f"Opening {visible(self.file_name)}…{done}")

    def _show_progress(self) -> None:
        if self.share_read != self._shown:
            self._shown = self.share_read
            self.query_one("#loading-title", Label).update(self._title())
