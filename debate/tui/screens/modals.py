"""Small dialogs every edit flow is built from: choose, type text, fill a form, pick from a list.

Each returns its answer through ``dismiss`` (``None`` when cancelled with escape), so flows
read top to bottom with ``await app.push_screen_wait(...)``. Labels and user text are
:class:`rich.text.Text`, never markup strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.fuzzy import FuzzySearch
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from debate.display import edited, visible

MAX_PICKER_ROWS = 200
FUZZY_LIMIT = 5000
"""Above this many items the picker matches words as substrings (fuzzy scoring is slow)."""


def _text(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text(value)


T = TypeVar("T")


class Dialog(ModalScreen[T | None], Generic[T]):
    """A centred box with a title; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True)]

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > #dialog {
        width: 90%;
        max-width: 90;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    Dialog #dialog-title { text-style: bold; width: 1fr; margin-bottom: 1; }
    Dialog .hint { color: $text-muted; margin-top: 1; }
    Dialog Horizontal { height: auto; }
    Dialog Button { margin-right: 1; min-width: 8; }
    """

    def __init__(self, title: str | Text) -> None:
        super().__init__()
        self.dialog_title = _text(title)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Choice:
    value: str
    key: str
    label: str


class ChoiceModal(Dialog[str]):
    """A question with a few answers, each on its own key (and a button)."""

    def __init__(self, title: str | Text, message: str | Text, choices: Sequence[Choice]) -> None:
        super().__init__(title)
        self.message = _text(message)
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="dialog-title")
            yield Static(self.message, id="dialog-message")
            with Horizontal():
                for choice in self.choices:
                    label = Text.assemble((choice.key, "bold underline"), " ", choice.label)
                    yield Button(label, name=choice.value)

    def on_key(self, event: Key) -> None:
        for choice in self.choices:
            if event.character == choice.key or event.key == choice.key:
                event.stop()
                event.prevent_default()
                self.dismiss(choice.value)
                return

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
    ) -> None:
        super().__init__(title)
        self.initial = initial
        self.multiline = multiline
        self.placeholder = placeholder
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
            yield Label(Text(self.hint), classes="hint")

    def on_mount(self) -> None:
        widget = self.query_one("#text")
        widget.focus()
        if isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)

    def value(self) -> str:
        widget = self.query_one("#text")
        if isinstance(widget, TextArea):
            return edited(widget.text, self.initial)
        assert isinstance(widget, Input)
        return edited(widget.value, self.initial)

    def action_submit(self) -> None:
        self.dismiss(self.value())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    initial: str = ""
    placeholder: str = ""


class FormModal(Dialog[dict[str, str]]):
    """A few labelled one-line fields; enter moves on, enter on the last (or ctrl+s) saves."""

    BINDINGS = [Binding("ctrl+s", "submit", "Save", priority=True)]

    def __init__(self, title: str | Text, fields: Sequence[Field], hint: str = "") -> None:
        super().__init__(title)
        self.fields = list(fields)
        self.hint = hint or "enter: next field · ctrl+s saves · escape cancels"

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
            yield Label(Text(self.hint), classes="hint")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        return {
            form_field.name: edited(
                self.query_one(f"#field-{form_field.name}", Input).value, form_field.initial
            )
            for form_field in self.fields
        }

    def action_submit(self) -> None:
        self.dismiss(self.values())

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_submit()


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

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="dialog-title")
            yield Input(placeholder=self.placeholder, id="filter")
            yield OptionList(id="choices")
            yield Label(Text("enter picks · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#filter", Input).focus()

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
        self.shown = self.matches(query)
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        options.add_options([Option(item.label) for item in self.shown])
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one("#choices", OptionList)
        if not self.shown:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    @on(Input.Submitted, "#filter")
    def _pick(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#choices", OptionList).highlighted
        if highlighted is not None and highlighted < len(self.shown):
            self.dismiss(self.shown[highlighted].value)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index].value)
