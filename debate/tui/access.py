"""Typed access from a screen to the app running it.

Screens call a few of the app's own methods (``$EDITOR``, retrying a load); going through
this keeps those calls checked by mypy instead of silenced with ``type: ignore``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from debate.tui.app import DebateApp


def debate_app(node: MessagePump) -> DebateApp:
    """The :class:`~debate.tui.app.DebateApp` that ``node`` (a screen or widget) runs in."""
    return cast("DebateApp", node.app)
