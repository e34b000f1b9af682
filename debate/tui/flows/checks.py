"""What a dialog's field accepts: the rules a value must pass before the dialog may close.

Each returns a :data:`~debate.tui.screens.modals.Check`: the text typed -> ``None`` when it
will do, else one line saying why not, with a value that would do where there is one (an id
made from the words typed by :mod:`debate.slugs`, the same rule every importer uses).
"""

from __future__ import annotations

from collections.abc import Collection

from debate.display import one_line
from debate.slugs import SlugAllocator, is_valid_id
from debate.tui.screens.modals import Check


def new_id(kind: str, taken: Collection[str]) -> Check:
    """A fresh id for a new ``kind`` (source, perspective): a TOML bare key nobody uses."""

    def check(value: str) -> str | None:
        value = value.strip()
        if not value:
            return f"the {kind} needs an id: letters, digits, - and _"
        if is_valid_id(value) and value not in taken:
            return None
        suggestion = SlugAllocator(taken).allocate(value, keep_id=True)
        if not is_valid_id(value):
            shown = one_line(value, 40)
            return f"“{shown}” is not an id: use letters, digits, - and _ (e.g. {suggestion})"
        return f"there is already a {kind} “{value}” (e.g. {suggestion})"

    return check


def some_text(what: str) -> Check:
    """Text that is not only spaces (escape is the way to give up)."""

    def check(value: str) -> str | None:
        return None if value.strip() else f"{what} cannot be empty (escape cancels)"

    return check
