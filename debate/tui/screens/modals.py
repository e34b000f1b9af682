"""Small dialogs every edit flow is built from: choose, type text, fill a form, pick from a list.

Each returns its answer through ``dismiss`` (``None`` when cancelled with escape), so flows
read top to bottom with ``await app.push_screen_wait(...)``. Labels and user text are
:class:`rich.text.Text`, never markup strings.

Nothing typed is lost: a field's :data:`Check` runs before the dialog closes (and when enter
leaves the field); a value it refuses keeps the dialog open with the reason under the field,
focus in it and the text as typed. The keys that close a dialog or move between its fields
(enter, escape, ctrl+s, a choice's letter) are priority bindings, handled before the next key
is read, so keys typed fast after them land where focus went (see :mod:`debate.tui.key_hold`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.fuzzy import FuzzySearch
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from debate.display import edited, visible
from debate.tui.key_hold import StepScreen, caught_up

MAX_PICKER_ROWS = 200
FUZZY_LIMIT = 5000
"""Above this many items the picker matches words as substrings (fuzzy scoring is slow)."""

Check = Callable[[str], str | None]
"""A field's rule: the text typed -> ``None`` if it will do, else one line saying what is
wrong (and, where one exists, a value that would do)."""


def _text(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text(value)


T = TypeVar("T")


class Dialog(StepScreen[T | None], Generic[T]):
    """A centred box with a title, as wide as its content needs; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > #dialog {
        width: auto;
        min-width: 50%;
        max-width: 96%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    Dialog #dialog-title { text-style: bold; width: auto; max-width: 90; margin-bottom: 1; }
    Dialog Input, Dialog TextArea, Dialog OptionList { width: 90; max-width: 100%; }
    Dialog .hint { color: $text-muted; margin-top: 1; }
    Dialog .field-error { color: $text-error; display: none; width: 90; max-width: 100%; }
    Dialog .field-error.-shown { display: block; }
    Dialog Horizontal { height: auto; width: auto; }
    Dialog Button { margin-right: 1; min-width: 8; }
    """

    def __init__(self, title: str | Text) -> None:
        super().__init__()
        self.dialog_title = _text(title)

    async def action_cancel(self) -> None:
        self.dismiss(None)

    async def action_enter(self) -> None:
        """Enter: what it means depends on the dialog (by default, the focused widget's own)."""
        raise SkipAction()


def show_error(label: Static, problem: str | None) -> None:
    """Show (or with ``None`` hide) the reason a field's value will not do."""
    label.update(Text("⚠ " + problem) if problem else Text(""))
    label.set_class(problem is not None, "-shown")


@dataclass(frozen=True)
class Choice:
    value: str
    key: str
    label: str


class ChoiceModal(Dialog[str]):
    """A question with a few answers, each on its own key (and a button).

    The buttons stand in a row when they fit the screen, else one under another, so no
    answer is ever cut off.
    """

    DEFAULT_CSS = """
    ChoiceModal #dialog-message { width: auto; max-width: 90; }
    ChoiceModal #choices.-stacked { layout: vertical; }
    ChoiceModal #choices.-stacked Button { width: auto; margin-right: 0; }
    """

    def __init__(self, title: str | Text, message: str | Text, choices: Sequence[Choice]) -> None:
        super().__init__(title)
        self.message = _text(message)
        self.choices = list(choices)
        for choice in self.choices:
            self._bindings.bind(choice.key, f"choose({choice.value!r})", show=False, priority=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="dialog-title")
            yield Static(self.message, id="dialog-message")
            with Horizontal(id="choices"):
                for choice in self.choices:
                    label = Text.assemble((choice.key, "bold underline"), " ", choice.label)
                    yield Button(label, name=choice.value)

    def on_mount(self) -> None:
        self._fit_buttons()

    def on_resize(self) -> None:
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        """Stack the buttons when their row would not fit in the dialog's widest box."""
        row = sum(len(choice.label) + 2 + 4 + 1 for choice in self.choices)  # key, pad, margin
        room = int(self.app.size.width * 0.96) - 2 * 3  # max-width, border and padding
        self.query_one("#choices").set_class(row > room, "-stacked")

    def first_focus(self) -> Widget | None:
        return self.query(Button).first()

    def action_choose(self, value: str) -> None:
        self.dismiss(value)

    async def action_enter(self) -> None:
        focused = self.focused
        if not isinstance(focused, Button) or focused.name is None:
            raise SkipAction()
        self.dismiss(focused.name)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.name)


class TextModal(Dialog[str]):
    """Type some text: one line (enter saves) or several (ctrl+s saves)."""

    BINDINGS = [Binding("ctrl+s", "submit", "Save", priority=True)]

    def __init__(
        self,
        title: str | Text,
        initial: str = "",
        *,
        multiline: bool = False,
        placeholder: str = "",
        hint: str = "",
        check: Check | None = None,
    ) -> None:
        super().__init__(title)
        self.initial = initial
        self.multiline = multiline
        self.placeholder = placeholder
        self.check = check
        self.hint = hint or (
            "ctrl+s saves · escape cancels" if multiline else "enter saves · escape cancels"
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="dialog-title")
            shown = visible(self.initial)  # a raw ESC in the box would reach the terminal
            if self.multiline:
                area = TextArea(shown, id="text", soft_wrap=True, tab_behavior="focus")
                area.styles.height = 8
                yield area
            else:
                yield Input(shown, placeholder=self.placeholder, id="text", select_on_focus=False)
            yield Static(id="error", classes="field-error")
            yield Label(Text(self.hint), classes="hint")

    def first_focus(self) -> Widget | None:
        widget = self.query_one("#text")
        if isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)
        return widget

    def value(self) -> str:
        widget = self.query_one("#text")
        if isinstance(widget, TextArea):
            return edited(widget.text, self.initial)
        assert isinstance(widget, Input)
        return edited(widget.value, self.initial)

    def problem(self) -> str | None:
        """What the check says of the text as it is now (``None``: it will do)."""
        return self.check(self.value()) if self.check is not None else None

    async def action_submit(self) -> None:
        await caught_up(self.focused)
        problem = self.problem()
        show_error(self.query_one("#error", Static), problem)
        if problem is None:
            self.dismiss(self.value())

    async def action_enter(self) -> None:
        if self.multiline:
            raise SkipAction()  # a new line in the text
        await self.action_submit()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _recheck(self) -> None:
        """Once a problem shows, it goes away as soon as the text will do."""
        error = self.query_one("#error", Static)
        if error.has_class("-shown"):
            show_error(error, self.problem())


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    initial: str = ""
    placeholder: str = ""
    check: Check | None = None


class FormModal(Dialog[dict[str, str]]):
    """A few labelled one-line fields; enter moves on, enter on the last (or ctrl+s) saves.

    Enter leaves a field only when its check accepts it; saving checks every field and goes
    to the first one that will not do.
    """

    BINDINGS = [Binding("ctrl+s", "submit", "Save", priority=True)]

    def __init__(self, title: str | Text, fields: Sequence[Field], hint: str = "") -> None:
        super().__init__(title)
        self.fields = list(fields)
        self.hint = hint or "enter: next field · ctrl+s saves · escape cancels"
        self.left_with: dict[str, str] | None = None
        """What the fields held when escape closed the form (``None`` until it has), for a
        flow that keeps what was typed (the cite flow's new source)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="dialog-title")
            for form_field in self.fields:
                yield Label(Text(form_field.label))
                yield Input(
                    visible(form_field.initial),
                    placeholder=form_field.placeholder,
                    id=f"field-{form_field.name}",
                    select_on_focus=False,
                )
                yield Static(id=f"error-{form_field.name}", classes="field-error")
            yield Label(Text(self.hint), classes="hint")

    def first_focus(self) -> Widget | None:
        return self.query(Input).first()

    def values(self) -> dict[str, str]:
        return {
            form_field.name: edited(
                self.query_one(f"#field-{form_field.name}", Input).value, form_field.initial
            )
            for form_field in self.fields
        }

    def check_field(self, form_field: Field) -> bool:
        """Run the field's check and show what it says; ``True`` if the value will do."""
        value = edited(self.query_one(f"#field-{form_field.name}", Input).value, form_field.initial)
        problem = form_field.check(value) if form_field.check is not None else None
        show_error(self.query_one(f"#error-{form_field.name}", Static), problem)
        return problem is None

    async def action_cancel(self) -> None:
        await caught_up(self.focused)  # the keys typed just before escape are in the fields
        self.left_with = self.values()
        self.dismiss(None)

    async def action_submit(self) -> None:
        await caught_up(self.focused)
        refused = [form_field for form_field in self.fields if not self.check_field(form_field)]
        if refused:
            self.set_focus(self.query_one(f"#field-{refused[0].name}", Input))
            return
        self.dismiss(self.values())

    async def action_enter(self) -> None:
        focused = self.focused
        if not isinstance(focused, Input):
            raise SkipAction()
        await caught_up(focused)
        index = [f"field-{form_field.name}" for form_field in self.fields].index(focused.id or "")
        if not self.check_field(self.fields[index]):
            return
        if index + 1 < len(self.fields):
            self.set_focus(self.query_one(f"#field-{self.fields[index + 1].name}", Input))
        else:
            await self.action_submit()

    @on(Input.Changed)
    def _recheck(self, event: Input.Changed) -> None:
        """Once a problem shows under a field, it goes away as soon as the value will do."""
        for form_field in self.fields:
            if event.input.id == f"field-{form_field.name}":
                error = self.query_one(f"#error-{form_field.name}", Static)
                if error.has_class("-shown"):
                    self.check_field(form_field)


@dataclass(frozen=True)
class PickItem:
    value: str
    label: Text
    search: str


class PickerModal(Dialog[str]):
    """Pick one item from a list filtered as you type (fuzzy for lists of normal size)."""

    BINDINGS = [
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("pagedown", "move(10)", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    PickerModal OptionList { height: auto; max-height: 16; }
    """

    def __init__(
        self, title: str | Text, items: Sequence[PickItem], placeholder: str = "type to filter"
    ) -> None:
        super().__init__(title)
        self.items = list(items)
        self.placeholder = placeholder
        self.shown: list[PickItem] = []
        self._filled_for = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="dialog-title")
            yield Input(placeholder=self.placeholder, id="filter")
            yield OptionList(id="choices")
            yield Label(Text("enter picks · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self._fill("")

    def first_focus(self) -> Widget | None:
        return self.query_one("#filter", Input)

    def matches(self, query: str) -> list[PickItem]:
        query = query.strip()
        if not query:
            return self.items[:MAX_PICKER_ROWS]
        if len(self.items) > FUZZY_LIMIT:
            words = query.lower().split()
            found = [
                item for item in self.items if all(word in item.search.lower() for word in words)
            ]
            return found[:MAX_PICKER_ROWS]
        search = FuzzySearch()
        scored = []
        for index, item in enumerate(self.items):
            score, _ = search.match(query, item.search)
            if score > 0:
                scored.append((-score, index, item))
        scored.sort(key=lambda entry: (entry[0], entry[1]))
        return [item for _, _, item in scored[:MAX_PICKER_ROWS]]

    def _fill(self, query: str) -> None:
        self._filled_for = query
        self.shown = self.matches(query)
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        options.add_options([Option(item.label) for item in self.shown])
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        if event.value != self._filled_for:
            self._fill(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one("#choices", OptionList)
        if not self.shown:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    async def action_enter(self) -> None:
        """Pick the highlighted item of what the filter says now; with nothing matching,
        say so and stay."""
        query = self.query_one("#filter", Input)
        await caught_up(query)
        if query.value != self._filled_for:
            self._fill(query.value)
        highlighted = self.query_one("#choices", OptionList).highlighted
        if highlighted is not None and highlighted < len(self.shown):
            self.dismiss(self.shown[highlighted].value)
        else:
            self.notify("Nothing matches: change the words, or escape", timeout=2)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index].value)
