"""Perspectives side by side: each root's verdict, and the claims they disagree on most."""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Label

from debate.display import one_line
from debate.scoring import compare, label
from debate.session import MapSession
from debate.tui.key_hold import StepScreen


def _cell(value: float, best: float, worst: float) -> Text:
    if best == worst:
        return Text(f"{value:.2f}", justify="right")
    style = "bold green" if value == best else "red" if value == worst else ""
    return Text(f"{value:.2f}", style=style, justify="right")


class CompareScreen(StepScreen[str | None]):
    """Dismisses with a claim id to jump to (enter on a row), or ``None``.

    Each row's key is its claim's id, so enter goes to the claim the row names.
    """

    BINDINGS = [
        Binding("escape,q,W", "close", "Close", show=True),
        Binding("enter", "jump", "Jump to the claim", show=True, priority=True),
        Binding("j", "cursor(1)", show=False, priority=True),
        Binding("k", "cursor(-1)", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    CompareScreen { align: center middle; background: $background 60%; }
    CompareScreen > Vertical {
        width: 96%; height: auto; max-height: 92%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CompareScreen DataTable { height: auto; max-height: 50%; margin-bottom: 1; }
    CompareScreen Label { text-style: bold; }
    CompareScreen .hint { text-style: none; color: $text-muted; }
    """

    def __init__(self, session: MapSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Verdicts by perspective"))
            yield DataTable(id="verdicts", cursor_type="row", zebra_stripes=True)
            yield Label(Text("Where they disagree most"))
            yield DataTable(id="divergent", cursor_type="row", zebra_stripes=True)
            yield Label(
                Text("◂ the view you are weighing as · enter jumps to the claim · tab switches"),
                classes="hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        argmap = session.argmap
        comparison = compare(argmap, session.scorer.semantics)
        names = comparison.perspectives
        verdicts = comparison.verdicts
        roots = [(root, {n: verdicts[n][root] for n in names}) for root in comparison.roots]
        for table_id, rows in (("verdicts", roots), ("divergent", comparison.divergent(20))):
            table = self.query_one(f"#{table_id}", DataTable)
            table.add_column(Text("claim"), key="claim")
            for name in names:
                shown = label(name) + (" ◂" if name == session.perspective else "")
                table.add_column(Text(shown, justify="right"), key=label(name))
            for claim_id, values in rows:
                numbers = list(values.values())
                best, worst = max(numbers), min(numbers)
                claim_text = Text(one_line(argmap.claims[claim_id].text, 50))
                table.add_row(
                    claim_text, *(_cell(values[name], best, worst) for name in names), key=claim_id
                )
            if not rows:
                table.add_row(Text("(only one perspective: nothing to compare)", style="dim"))

    def first_focus(self) -> Widget | None:
        return self.query_one("#verdicts", DataTable)

    def _jump(self, claim_id: str | None) -> bool:
        if claim_id is None or claim_id not in self.session.argmap.claims:
            return False
        self.dismiss(claim_id)
        return True

    def action_jump(self) -> None:
        """Enter, handled before the next key is read (keys typed after it go to the map)."""
        table = self.focused
        if not isinstance(table, DataTable) or not table.row_count:
            raise SkipAction()
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        if not self._jump(row_key.value):
            raise SkipAction()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._jump(event.row_key.value)  # a click on a row

    def action_cursor(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, DataTable):
            focused.move_cursor(row=focused.cursor_row + step)

    def action_close(self) -> None:
        self.dismiss(None)
