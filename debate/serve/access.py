"""Who may use the server, checked on every request before any handler runs.

On the loopback address (127.0.0.1 or ::1, the default) only programs on this machine can
connect, but so can any web page open in the user's browser. Two checks close that door:

- the ``Host`` header must name the loopback: a page from another site that re-resolves its
  own name to 127.0.0.1 (DNS rebinding) still sends its own name;
- a request that carries an ``Origin`` (every websocket does) must come from the server's own
  pages: another site cannot start an app and type into it.

On any other address every request must also carry the token, a random secret printed once
at start in the URL (``/?token=...``, the way Jupyter does it). The page answering that URL
sets a cookie holding the token, so its own later requests (scripts, the websocket) carry it
without it showing up again. A refused request gets 403 and one log line, which never shows
the token.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import hdrs, web

from debate.display import visible

log = logging.getLogger("debate.serve")

LOOPBACK_HOST_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
"""Names a browser uses for this machine's own loopback server."""

TOKEN_PARAMETER = "token"

REFUSED_TEXT = (
    "403 Forbidden: open the address that `debate serve` printed when it started "
    "(it carries the token).\n"
)

SECURITY_HEADERS = {
    # The page loads its scripts, styles and fonts from this server only and talks only to
    # it; no other site may frame it (and trick the user into typing into it).
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the token never leaves in a Referer header
    "Cache-Control": "no-store",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback_only(address: str) -> bool:
    """Whether a bound address is reachable from this machine alone *and* needs no token.

    Only 127.0.0.1 and ::1 qualify: any other address, even another loopback one such as
    127.0.0.2, is served as if it were reachable from elsewhere.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip in (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))


def host_name(host_header: str) -> str | None:
    """The name in a ``Host`` header without its port (``[::1]:80`` -> ``::1``)."""
    try:
        return urlsplit("//" + host_header).hostname
    except ValueError:
        return None


@dataclass(frozen=True)
class Access:
    """The rules for one server: a token (``None`` on loopback) and the cookie that keeps it."""

    token: str | None
    cookie: str

    @classmethod
    def for_address(cls, address: str, port: int) -> Access:
        """No token on 127.0.0.1 or ::1; a fresh random one on any other address."""
        token = None if is_loopback_only(address) else secrets.token_urlsafe(24)
        # one cookie name per port: two servers on one machine keep their own tokens
        return cls(token, f"debate-serve-{port}")

    def query(self) -> str:
        """What the printed URL carries after ``/``: ``?token=...``, or nothing."""
        return f"?{TOKEN_PARAMETER}={self.token}" if self.token else ""

    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused, or ``None`` to let it through."""
        if self.token is None:
            if host_name(request.host) not in LOOPBACK_HOST_NAMES:
                return f"Host {request.host!r} is not this machine's loopback"
        else:
            given = request.query.get(TOKEN_PARAMETER) or request.cookies.get(self.cookie) or ""
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return "no valid token"
        origin = request.headers.get(hdrs.ORIGIN)
        if origin is not None and origin not in (
            f"http://{request.host}",
            f"https://{request.host}",
        ):
            return f"a page from another site ({origin})"
        return None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse with 403 and a log line, or answer with the security headers (and the
        cookie, when the token came in the URL)."""
        reason = self.refusal(request)
        if reason is not None:
            # the path, never the query: a wrong guess at the token stays out of the log
            log.warning(
                "refused %s %s from %s: %s",
                request.method,
                visible(request.path),
                request.remote,
                visible(reason),
            )
            raise web.HTTPForbidden(text=REFUSED_TEXT)
        response = await handler(request)
        if not response.prepared:  # a websocket has sent its headers already
            response.headers.update(SECURITY_HEADERS)
            if self.token is not None and TOKEN_PARAMETER in request.query:
                response.set_cookie(
                    self.cookie, self.token, httponly=True, samesite="Strict", path="/"
                )
        return response
