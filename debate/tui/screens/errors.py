"""A map that does not load opens here: every problem with its file:line:col, and a way out.

The user can open their editor at a problem (the app suspends and resumes), then try again;
once the file loads, the app carries on to the map as if nothing had happened.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from debate.display import visible
from debate.errors import Problem
from debate.tui.access import debate_app


def problem_text(problem: Problem) -> Text:
    text = Text()
    location = problem.file
    if problem.line:
        location += f":{problem.line}:{problem.col or 1}"
    text.append(visible(location), "bold")
    text.append(": ")
    if problem.where:
        text.append(visible(problem.where) + ": ", "cyan")
    text.append(visible(problem.message))
    return text


class ErrorScreen(Screen[None]):
    """Lists the problems; ``e`` edits at the highlighted one, ``r`` retries, ``q`` quits."""

    BINDINGS = [
        Binding("e", "edit", "Edit at problem", show=True, id="error-edit"),
        Binding("r", "retry", "Reload", show=True, id="error-retry"),
        Binding("q", "app.quit", "Quit", show=True, id="error-quit"),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    DEFAULT_CSS = """
    ErrorScreen > Vertical { padding: 1 2; }
    ErrorScreen #error-title { color: $error; text-style: bold; margin-bottom: 1; }
    ErrorScreen OptionList { height: 1fr; }
    ErrorScreen .hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, name: str, problems: list[Problem]) -> None:
        super().__init__()
        self.file_name = name
        self.problems = problems

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        title = Text(
            f"{visible(self.file_name)} cannot be opened: "
            f"{count} problem{'s' if count != 1 else ''}"
        )
        with Vertical():
            yield Label(title, id="error-title")
            yield OptionList(*(Option(problem_text(p)) for p in self.problems), id="problems")
            yield Label(
                Text("e: open $EDITOR at the highlighted problem · r: reload · q: quit"),
                classes="hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#problems", OptionList)
        options.highlighted = 0
        options.focus()

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        options = self.query_one("#problems", OptionList)
        options.clear_options()
        options.add_options([Option(problem_text(p)) for p in problems])
        options.highlighted = 0
        count = len(problems)
        self.query_one("#error-title", Label).update(
            Text(
                f"{visible(self.file_name)} cannot be opened: "
                f"{count} problem{'s' if count != 1 else ''}"
            )
        )

    def selected(self) -> Problem:
        index = self.query_one("#problems", OptionList).highlighted or 0
        return self.problems[min(index, len(self.problems) - 1)]

    def action_move(self, step: int) -> None:
        options = self.query_one("#problems", OptionList)
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.problems) - 1, current + step))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        problem = self.selected()
        debate_app(self).edit_file_at(problem.line or 1, problem.col or 1)

    def action_retry(self) -> None:
        debate_app(self).retry_load()
