"""Helpers for the `debate serve` tests: a server process, its process tree, and a tab's
screen read back through a terminal emulator (pyte) from the bytes the app sends."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

START_SECONDS = 30.0
URL = re.compile(r"open (http://\S+)")


def wait_until(condition: Callable[[], object], seconds: float, what: str, pump=None) -> None:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until it is true; ``pump`` (a short wait) lets events arrive."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        if pump is not None:
            pump()
        else:
            time.sleep(0.05)


class Served:
    """A `debate serve` process on a free port, in a process group of its own (so a signal
    to the group is what a terminal's Ctrl+C sends), with its output collected."""

    def __init__(
        self,
        path: Path | str,
        *options: str,
        host: str = "127.0.0.1",
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        command = [sys.executable, "-m", "debate", "serve", "--host", host, "--port", "0"]
        self.process = subprocess.Popen(
            [*command, *options, "--", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            start_new_session=True,
        )
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        lines: queue.Queue[str | None] = queue.Queue()
        self._readers = [
            threading.Thread(target=_collect, args=(self.process.stdout, self.stdout, lines)),
            threading.Thread(target=_collect, args=(self.process.stderr, self.stderr, None)),
        ]
        for reader in self._readers:
            reader.daemon = True
            reader.start()
        self.urls: list[str] = []
        deadline = time.monotonic() + START_SECONDS
        while not self.urls:
            try:
                line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                self.stop()
                raise AssertionError("debate serve did not print its address") from None
            if line is None:
                raise AssertionError("debate serve exited: " + "".join(self.stderr))
            if "Ctrl+C" in line:  # the last line of the announcement
                self.urls = URL.findall("".join(self.stdout))
        self.url = self.urls[0]

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def log(self) -> str:
        return "".join(self.stderr)

    def stop(self, signal_number: int = signal.SIGINT, seconds: float = 30.0) -> int:
        """Signal the server's process group (Ctrl+C by default) and wait for it to exit."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal_number)
        code = self.process.wait(timeout=seconds)
        for reader in self._readers:
            reader.join(timeout=5)
        return code

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """A test that failed half-way still stops the server in order (its apps too)."""
        if self.process.poll() is None:
            try:
                self.stop(signal.SIGINT, seconds=20)
            except subprocess.TimeoutExpired:
                self.stop(signal.SIGKILL)


def _collect(stream, into: list[str], lines: queue.Queue[str | None] | None) -> None:  # type: ignore[no-untyped-def]
    for line in stream:
        into.append(line)
        if lines is not None:
            lines.put(line)
    if lines is not None:
        lines.put(None)


# ---------------------------------------------------------------------- processes


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent_of(int(entry.name))
            if parent is not None:
                parents[int(entry.name)] = parent
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (say, a temporary map's path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in command and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ---------------------------------------------------------------------- screens


class Screen:
    """What a tab shows: the app's output bytes fed to a terminal emulator."""

    def __init__(self, columns: int, rows: int) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.lock = threading.Lock()

    @classmethod
    def for_url(cls, websocket_url: str) -> Screen:
        found = re.search(r"width=(\d+)&height=(\d+)", websocket_url)
        assert found, websocket_url
        return cls(int(found.group(1)), int(found.group(2)))

    def feed(self, data: bytes) -> None:
        with self.lock:
            self.stream.feed(data)

    def sent(self, message: str | bytes) -> None:
        """A message the browser sent: follow its resizes."""
        if isinstance(message, bytes):
            return
        envelope = json.loads(message)
        if envelope[0] == "resize":
            with self.lock:
                self.screen.resize(envelope[1]["height"], envelope[1]["width"])

    @property
    def text(self) -> str:
        with self.lock:
            return "\n".join(self.screen.display)


def websocket_url(page_url: str, width: int = 120, height: int = 36) -> str:
    base = page_url.split("?", 1)[0].rstrip("/")
    return base.replace("http://", "ws://", 1) + f"/ws?width={width}&height={height}"


async def _read_tab(
    page_url: str, until: str, seconds: float, headers: dict[str, str] | None
) -> str:
    import aiohttp

    url = websocket_url(page_url)
    screen = Screen.for_url(url)
    cookies = {}
    if "?token=" in page_url:
        async with aiohttp.ClientSession() as session, session.get(page_url) as response:
            assert response.status == 200
            cookies = {name: morsel.value for name, morsel in response.cookies.items()}
    async with (
        aiohttp.ClientSession(cookies=cookies) as session,
        session.ws_connect(url, headers=headers or {}) as websocket,
    ):
        try:
            async with asyncio.timeout(seconds):
                while until not in screen.text:
                    message = await websocket.receive()
                    if message.type == aiohttp.WSMsgType.BINARY:
                        screen.feed(message.data)
                    elif message.type != aiohttp.WSMsgType.TEXT:
                        break
        except TimeoutError:
            pass
    return screen.text


def read_tab(
    page_url: str, until: str, seconds: float = 30.0, headers: dict[str, str] | None = None
) -> str:
    """Open a tab without a browser (a websocket client) and return its screen once
    ``until`` shows on it (or when it closes or time runs out)."""
    return asyncio.run(_read_tab(page_url, until, seconds, headers))
