"""A map that does not load opens here: every problem with its file:line:col, and a way out.

The user can open their editor at a problem (the app suspends and resumes), then try again;
once the file loads, the app carries on to the map as if nothing had happened. The same list
shows when a map's file stops loading after ``$EDITOR`` returns.
"""

from __future__ import annotations

from typing import Protocol

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


def _title(name: str, count: int) -> Text:
    return Text(f"{visible(name)} cannot be opened: {count} problem{'s' if count != 1 else ''}")


class ProblemsScreen(Screen[str | None]):
    """Lists the problems; ``e`` edits at the highlighted one, ``r`` retries, ``q`` quits.

    What ``e`` and ``r`` do depends on where the file is being opened: at launch
    (:class:`ErrorScreen`, the app opens the map once it loads) or on return from
    ``$EDITOR`` with a map already open (:class:`BrokenFileScreen`).
    """

    BINDINGS = [
        Binding("e", "edit", "Edit at problem", show=True, id="error-edit"),
        Binding("r", "retry", "Reload", show=True, id="error-retry"),
        Binding("q", "app.quit", "Quit", show=True, id="error-quit"),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    DEFAULT_CSS = """
    ProblemsScreen > Vertical { padding: 1 2; }
    ProblemsScreen #error-title { color: $error; text-style: bold; margin-bottom: 1; }
    ProblemsScreen OptionList { height: 1fr; }
    ProblemsScreen .hint { color: $text-muted; margin-top: 1; }
    """

    HINT = "e: open $EDITOR at the highlighted problem · r: reload · q: quit"

    def __init__(self, name: str, problems: list[Problem]) -> None:
        super().__init__()
        self.file_name = name
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_title(self.file_name, len(self.problems)), id="error-title")
            yield OptionList(*(Option(problem_text(p)) for p in self.problems), id="problems")
            yield Label(Text(self.HINT), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#problems", OptionList)
        options.highlighted = 0
        self.set_focus(options)

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        options = self.query_one("#problems", OptionList)
        options.clear_options()
        options.add_options([Option(problem_text(p)) for p in problems])
        options.highlighted = 0
        self.query_one("#error-title", Label).update(_title(self.file_name, len(problems)))

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
        self.edit_at(problem.line or 1, problem.col or 1)

    def action_retry(self) -> None:
        self.retry()

    def edit_at(self, line: int, col: int) -> None:
        raise NotImplementedError

    def retry(self) -> None:
        raise NotImplementedError


class ErrorScreen(ProblemsScreen):
    """At launch: the map opens as soon as the file loads."""

    def edit_at(self, line: int, col: int) -> None:
        debate_app(self).edit_file_at(line, col)

    def retry(self) -> None:
        debate_app(self).retry_load()


class BrokenFileHandler(Protocol):
    """Who picks the map up again once the file on disk loads (the map screen's file sync)."""

    def edit_broken_file(self, line: int, col: int) -> None: ...

    def retry_broken_file(self, quiet: bool = False) -> None: ...


class BrokenFileScreen(ProblemsScreen):
    """The file of an open map stopped loading (after ``$EDITOR``): the same list as at
    launch, over the map. Escape goes back to the map as the app has it; it closes by
    itself once the file loads again."""

    BINDINGS = [Binding("escape", "keep", "Back to the map", show=True)]
    HINT = (
        "e: open $EDITOR at the highlighted problem · r: reload · "
        "escape: back to the map as it is in the app (the file stays broken)"
    )

    def __init__(self, name: str, problems: list[Problem], handler: BrokenFileHandler) -> None:
        super().__init__(name, problems)
        self.handler = handler

    def edit_at(self, line: int, col: int) -> None:
        self.handler.edit_broken_file(line, col)

    def retry(self) -> None:
        self.handler.retry_broken_file()

    def action_keep(self) -> None:
        self.dismiss(None)
