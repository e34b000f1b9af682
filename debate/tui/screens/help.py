"""The help screen: every key, in sections, as the user has bound them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from debate.tui.config import config_path
from debate.tui.keys import key_table


def show_keys(keys: str) -> str:
    """``question_mark,f1`` → ``? / f1``."""
    shown = []
    for key in keys.split(","):
        *modifiers, name = key.strip().split("+")
        shown.append("+".join([*modifiers, format_key(name)]))
    return " / ".join(shown)


def help_table(keymap: dict[str, str]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)
    section = None
    for info in key_table(keymap):
        if info.section != section:
            if section is not None:
                table.add_row("", "", "")
            section = info.section
            table.add_row(Text(section.upper(), style="bold cyan"))
        keys = show_keys(info.keys) if info.binding_id else info.keys
        table.add_row(Text(keys), Text(info.description), Text(info.binding_id))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys in sections; the third column is the id to remap a key in the config file."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close", show=True),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 96%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap
        self.table = help_table(keymap)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("debate — keys", style="bold"))
            yield Static(self.table, id="keys")
            note = Text(
                f'\nRemap keys in {config_path()} under [keys], e.g.  weight-3 = "3,f3"',
                style="dim",
            )
            yield Static(note)
        yield Footer()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        scroller = self.query_one("#help", VerticalScroll)
        scroller.scroll_relative(y=step * 3, animate=False)
