"""Perspectives side by side: each root's verdict, and the claims they disagree on most."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label

from debate.display import one_line
from debate.scoring import compare, label
from debate.session import MapSession


def _cell(value: float, best: float, worst: float) -> Text:
    if best == worst:
        return Text(f"{value:.2f}", justify="right")
    style = "bold green" if value == best else "red" if value == worst else ""
    return Text(f"{value:.2f}", style=style, justify="right")


class CompareScreen(ModalScreen[str | None]):
    """Dismisses with a claim id to jump to (enter on a row), or ``None``."""

    BINDINGS = [
        Binding("escape,q,W", "close", "Close", show=True),
        Binding("j", "cursor(1)", show=False),
        Binding("k", "cursor(-1)", show=False),
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
        self.rows: dict[str, str] = {}

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
                row_key = table.add_row(
                    claim_text, *(_cell(values[name], best, worst) for name in names)
                )
                self.rows[f"{table_id}:{row_key.value}"] = claim_id
            if not rows:
                table.add_row(Text("(only one perspective: nothing to compare)", style="dim"))
        self.query_one("#verdicts", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        table_id = event.data_table.id or ""
        claim_id = self.rows.get(f"{table_id}:{event.row_key.value}")
        if claim_id is not None:
            self.dismiss(claim_id)

    def action_cursor(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, DataTable):
            focused.move_cursor(row=focused.cursor_row + step)

    def action_close(self) -> None:
        self.dismiss(None)
