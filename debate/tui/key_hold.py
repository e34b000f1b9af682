"""Keys typed during a multi-step edit wait for the dialog they were meant for.

A key like ``c`` (cite) starts a flow: a worker that opens dialogs one after another (pick a
source, then type the quote) and ends in an edit. Between the key and the first dialog, and
between one dialog closing and the next one opening, no dialog is there to take keys: a fast
typist's next keys would reach the map screen and run as commands (``n``, ``e``...), or land
in the field that just lost its turn. So while a flow runs, keys that arrive when no dialog is
ready are held, in order, and handed on as soon as the next dialog has focused its first field
or, once the flow has ended, to the map screen. Pasting and typing ahead then behave as if
each dialog had opened instantly.

A screen says whether it takes keys now with a ``takes_keys`` attribute: the map screen never
does during a flow; a dialog does from the moment its first field has focus until it closes;
any other screen (help, errors) always does.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, Generic, Protocol, TypeVar

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker

R = TypeVar("R")


class HoldsKeys(Protocol):
    """An app that routes its key events through a :class:`KeyHold`."""

    key_hold: KeyHold

    async def on_event(self, event: events.Event) -> None: ...


class KeyHold:
    """The keys waiting for a flow's next dialog, and the flows (workers) that run."""

    def __init__(self) -> None:
        self.flows: set[Worker[None]] = set()
        self.held: list[events.Key] = []

    @property
    def running(self) -> bool:
        """Whether a flow runs (asked of the workers themselves, so none can be forgotten)."""
        self.flows = {worker for worker in self.flows if not worker.is_finished}
        return bool(self.flows)

    def waiting(self, screen: Screen[Any]) -> bool:
        """Whether keys must wait: a flow runs and the screen on top cannot take them yet."""
        return not getattr(screen, "takes_keys", True) and self.running

    def keep(self, app: App[Any], event: events.Event) -> bool:
        """Take a key before Textual routes it: hold it while ``waiting`` (keys behind held
        ones queue after them), or let the screen's pending chord have it (``z`` then ``2``:
        the screen's ``take_key``), so it never runs as a command of its own."""
        if not isinstance(event, events.Key) or event.is_forwarded:
            return False
        screen = app.screen
        if self.held:
            self.held.append(event)
            if not self.waiting(screen):
                release_soon(app)
            return True
        if self.waiting(screen):
            self.held.append(event)
            return True
        take_key = getattr(screen, "take_key", None)
        return bool(take_key(event)) if callable(take_key) else False

    async def release(self, app: HoldsKeys, screen: Screen[Any]) -> None:
        """Hand the held keys on, in order (a key that closes a dialog holds the rest again)."""
        if self.waiting(screen):
            return
        held, self.held = self.held, []
        for event in held:
            await app.on_event(event)


CATCH_UP_SECONDS = 2.0
"""How long a key like enter waits for the field to take the keys typed before it."""


async def caught_up(widget: Widget | None) -> None:
    """Wait until ``widget`` has handled what was already sent to it.

    Textual hands a printable key to the focused field through the field's own queue, while
    a priority binding (enter, ctrl+s) runs at once: without this wait, enter right after
    ``blog`` would read the field before ``blog`` is in it. Awaited from a priority binding,
    it also keeps the app from routing the keys typed after enter until enter is done.
    """
    if widget is None or not widget.is_attached:
        return
    done = asyncio.Event()
    widget.call_later(done.set)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), CATCH_UP_SECONDS)


def _hold(app: App[Any]) -> KeyHold | None:
    hold = getattr(app, "key_hold", None)
    return hold if isinstance(hold, KeyHold) else None


def release_soon(app: App[Any]) -> None:
    """Deliver held keys once the app has handled what is already queued before them."""
    hold = _hold(app)
    if hold is not None and hold.held:

        async def release() -> None:
            await hold.release(app, app.screen)  # type: ignore[arg-type]

        app.call_later(release)


def flow(
    method: Callable[[Any], Awaitable[None]], *, exclusive: bool = False
) -> Callable[[Any], None]:
    """Run a screen's ``async`` action as a dialog flow (a worker in the ``dialog`` group):
    keys typed from the moment the key is pressed wait for the flow's dialogs."""

    @wraps(method)
    def start(screen: Any) -> None:
        app = screen.app
        hold = _hold(app)
        started: list[Worker[None]] = []

        async def run() -> None:
            try:
                await method(screen)
            finally:
                if hold is not None:
                    hold.flows.difference_update(started)
                release_soon(app)

        worker = screen.run_worker(run(), group="dialog", exclusive=exclusive, name=method.__name__)
        started.append(worker)
        if hold is not None:
            hold.flows.add(worker)

    return start


def exclusive_flow(method: Callable[[Any], Awaitable[None]]) -> Callable[[Any], None]:
    """A :func:`flow` that cancels any other flow still running (save, ``$EDITOR``)."""
    return flow(method, exclusive=True)


class StepScreen(ModalScreen[R], Generic[R]):
    """A screen a flow awaits (a dialog, the comparison): it takes keys from the moment its
    first field has focus until it closes, so keys typed ahead wait for it."""

    takes_keys = False

    def first_focus(self) -> Widget | None:
        """The widget that gets focus when the screen opens (``None``: Textual's choice)."""
        return None

    def on_mount(self) -> None:
        widget = self.first_focus()
        if widget is not None:
            self.set_focus(widget)
        self.takes_keys = True
        release_soon(self.app)

    def dismiss(self, result: R | None = None) -> AwaitComplete:
        self.takes_keys = False
        return super().dismiss(result)
