"""What shows while a map is read: a big file takes seconds to parse and check, and a blank
terminal looks like a hang. The app paints this at once and reads the file in a thread."""

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

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Opening {visible(self.file_name)}…"), id="loading-title")
            yield LoadingIndicator()
        yield Footer()
