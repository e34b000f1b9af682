"""One browser tab's app: a child process running ``debate open -- FILE``.

textual-serve runs its command through a shell; ours is an argument list run without one,
so no file name (``-x``, ``$(touch x).toml``, spaces, quotes) can become a command or an
option. The command string textual-serve keeps is the same list quoted with
:func:`shlex.join`, so even a shell would read it back as the same words.

Each app starts in a process session of its own: the terminal's Ctrl+C reaches the server
alone, which then asks every app to quit (they exit as on ``q``, the crash journal keeping
unsaved edits), and terminates, then kills, any that do not within a grace period. Nothing
is left behind.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
from asyncio.subprocess import PIPE, Process
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from textual_serve.app_service import AppService

MAX_COLUMNS, MAX_ROWS = 1000, 500


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The size a browser asks for, kept within reason (a huge one would cost the app
    memory; a bad one gets 80x24)."""
    return _bounded(width, 80, MAX_COLUMNS), _bounded(height, 24, MAX_ROWS)


def _bounded(value: object, default: int, most: int) -> int:
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), most)


class TabApp(AppService):
    """One tab's app process, started from an argument list and stopped in order."""

    def __init__(self, argv: Sequence[str], **options: Any) -> None:
        super().__init__(shlex.join(argv), **options)
        self.argv = tuple(argv)
        self._shutting: asyncio.Task[None] | None = None

    @property
    def process(self) -> Process | None:
        return self._process

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*terminal_size(width, height))

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """Start the app (textual-serve's hook), with no shell, in a session of its own."""
        environment = self._build_environment(width=width, height=height)
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=environment,
            start_new_session=True,
        )
        self._process = process
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def shut(self, grace: float) -> None:
        """Stop the app once, however many callers ask (its tab closing, the server
        stopping), and even when a caller is cancelled meanwhile."""
        if self._shutting is None:
            self._shutting = asyncio.create_task(self._shut(grace))
        await asyncio.shield(self._shutting)

    async def _shut(self, grace: float) -> None:
        """Ask the app to quit and give it ``grace`` seconds; then signal its process group
        (TERM, then KILL, ``grace`` seconds each) if it is still there; always reap it.

        Waits on the process itself: textual-serve's relay task swallows cancellation, so a
        timeout around :meth:`stop` would not fire.
        """
        process = self._process
        if process is not None:
            await self.send_meta({"type": "quit"})
            with suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), grace)
            for signal_number in (signal.SIGTERM, signal.SIGKILL):
                if process.returncode is not None:
                    break
                with suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal_number)
                with suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), grace)
            await process.wait()
        await self.stop()  # the process has gone: its relay ends, its downloads are dropped
