"""The web server: one page, one websocket per tab, and a shutdown that leaves nothing behind.

Built on textual-serve's :class:`~textual_serve.server.Server` for what it does well (the
terminal's wire protocol, downloads, its bundled scripts), with our own parts where the
project needs more:

- the socket is bound before anything starts, so a port in use or an unknown host is one
  clear line and exit status 1, and ``--port 0`` picks a free port;
- every request passes :class:`~debate.serve.access.Access` first;
- the page (:mod:`debate.serve.page`) builds its websocket address from the address the
  browser used, so a server on 0.0.0.0 works from other machines;
- each tab's app is a :class:`~debate.serve.tabs.TabApp`; Ctrl+C (SIGINT), SIGTERM and
  SIGHUP stop the server, which asks every app to quit and reaps them all before it exits.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import shlex
import signal
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from debate.display import visible
from debate.errors import DebateError
from debate.serve.access import Access
from debate.serve.page import font_size, index_page
from debate.serve.tabs import TabApp, terminal_size

log = logging.getLogger("debate.serve")

GRACE_SECONDS = 3.0
"""How long an app gets to quit, then to end on SIGTERM, before the next step."""

HEARTBEAT_SECONDS = 15.0


def app_command(path: Path) -> list[str]:
    """The command one tab runs: this Python, this debate, the terminal app on ``path``.

    ``--`` ends the options, so a file named ``-x`` or ``--help`` is a file.
    """
    return [sys.executable, "-m", "debate", "open", "--", str(path)]


class DebateServer(Server):
    """textual-serve's server with our page, our tab processes and our access rules."""

    def __init__(
        self, argv: Sequence[str], *, title: str, access: Access, grace: float = GRACE_SECONDS
    ) -> None:
        super().__init__(shlex.join(argv), title=title)
        self.argv = tuple(argv)
        self.access = access
        self.grace = grace
        self.tabs: set[TabApp] = set()
        self.closing = False
        self._opened = 0

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.access.middleware])
        app.add_routes(
            [
                web.get("/", self.index),
                web.get("/ws", self.open_tab),
                web.get("/download/{key}", self.handle_download),
                web.static("/static", self.statics_path),
            ]
        )
        return app

    async def index(self, request: web.Request) -> web.Response:
        scheme = "wss" if request.secure else "ws"
        page = index_page(
            self.title, f"{scheme}://{request.host}/ws", font_size(request.query.get("fontsize"))
        )
        return web.Response(text=page, content_type="text/html")

    async def open_tab(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: start its app, relay keys and screen, stop the app at the end."""
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        await websocket.prepare(request)
        tab = TabApp(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self._opened += 1
        number = self._opened
        self.tabs.add(tab)
        log.info("tab %d opened from %s", number, request.remote)
        try:
            await tab.start(*terminal_size(request.query.get("width"), request.query.get("height")))
            if not self.closing:
                await self._process_messages(websocket, tab)
        except Exception as error:  # a malformed message from the browser, a failed start
            log.warning("tab %d: %s", number, visible(f"{type(error).__name__}: {error}"))
        finally:
            await tab.shut(self.grace)
            self.tabs.discard(tab)
            await websocket.close()
            log.info("tab %d closed", number)
        return websocket

    async def close_tabs(self) -> None:
        """Stop every tab's app (in parallel) and wait until each process has gone."""
        self.closing = True
        if self.tabs:
            log.info("stopping %d tab(s)", len(self.tabs))
        await asyncio.gather(*(tab.shut(self.grace) for tab in list(self.tabs)))


# ---------------------------------------------------------------------- listening


def listen(host: str, port: int) -> socket.socket:
    """A socket bound and listening on ``host:port``, or a one-line :class:`DebateError`."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise DebateError(f"debate serve: cannot serve on host {host!r}: {reason}") from None
    family, kind, protocol, _, address = infos[0]
    sock = socket.socket(family, kind, protocol)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise DebateError(_bind_problem(error, host, port)) from None
    return sock


def _bind_problem(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"debate serve: port {port} on {host} is in use; choose another with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"debate serve: {host} is not an address of this machine"
    if error.errno == errno.EACCES:
        return f"debate serve: not allowed to listen on port {port} (below 1024 needs privileges)"
    return f"debate serve: cannot listen on {host} port {port}: {error.strerror or error}"


@dataclass(frozen=True)
class Address:
    """Where a bound socket can be reached, as URLs a browser takes."""

    address: str
    port: int
    access: Access

    @property
    def wildcard(self) -> bool:
        return ipaddress.ip_address(self.address).is_unspecified

    def url(self, host: str | None = None) -> str:
        name = host or (socket.gethostname() if self.wildcard else self.address)
        if ":" in name:
            name = f"[{name}]"
        return f"http://{name}:{self.port}/{self.access.query()}"

    def urls(self) -> list[str]:
        """The URL to share; on every address (0.0.0.0, ::) also the one for this machine."""
        if not self.wildcard:
            return [self.url()]
        local = "::1" if ipaddress.ip_address(self.address).version == 6 else "127.0.0.1"
        return [self.url(), self.url(local)]


def announce(path: Path, where: Address) -> None:
    """Say once, on standard output, what is served where (with the token, if any)."""
    lines = [f"debate serve: {visible(str(path))}"]
    if where.access.token is None:
        lines.append(f"  open {where.url()}   (this machine only)")
    else:
        reach = "every address of this machine" if where.wildcard else where.address
        lines.append(f"  on {reach}, port {where.port}: anyone who can reach it and has the")
        lines.append("  link below (it carries a secret token) can open and edit this map.")
        lines.extend(f"  open {url}" for url in where.urls())
    lines.append("Each browser tab runs its own app on this file. Ctrl+C stops the server.")
    print("\n".join(lines), flush=True)


# ---------------------------------------------------------------------- running


def serve(path: Path, host: str, port: int, open_browser: bool = False) -> int:
    """Serve the app on ``path`` until Ctrl+C (or SIGTERM/SIGHUP); 0 once all is stopped."""
    sock = listen(host, port)
    address, bound_port = sock.getsockname()[:2]
    access = Access.for_address(address, bound_port)
    where = Address(address, bound_port, access)
    server = DebateServer(app_command(path), title=f"debate — {path.name}", access=access)
    _log_to_stderr()
    browse = where.url() if open_browser else None
    asyncio.run(_run(server, sock, lambda: announce(path, where), browse))
    return 0


async def _run(
    server: DebateServer, sock: socket.socket, say: Callable[[], None], browse: str | None
) -> None:
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(number, stopping.set)
    runner = web.AppRunner(server.make_app(), access_log=None, shutdown_timeout=server.grace)
    await runner.setup()
    try:
        await web.SockSite(runner, sock).start()
        say()
        if browse is not None:  # a console browser may block: never in the server's way
            threading.Thread(target=webbrowser.open, args=(browse,), daemon=True).start()
        await stopping.wait()
        log.info("stopping")
    finally:
        await server.close_tabs()
        await runner.cleanup()


def _log_to_stderr() -> None:
    """Our log lines and textual-serve's (an app that failed to start) go to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("debate serve: %(message)s"))
    for name in ("debate.serve", "textual-serve"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
