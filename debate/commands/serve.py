"""Serve the app in a web browser: the same keys, screens and saves as in the terminal.

Prints the address to open (--open also opens it in the default browser). Each browser tab
runs its own app on FILE; two tabs saving the same map get the same protection as two
terminals (a file changed on disk is never overwritten without asking). Ctrl+C stops the
server and every tab's app.

Serves on 127.0.0.1 (this machine only) unless --host names another address; then every
request needs the secret token in the printed link. See "Serving in a browser" in
docs/TUI.md for what this does and does not protect against.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from debate.commands import add_map_argument
from debate.paths import default_map_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def port_number(value: str) -> int:
    """argparse type for ``--port``: 0 (any free port) to 65535, or a clear message."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 0 to 65535, got {number}")
    return number


def host_name(value: str) -> str:
    """argparse type for ``--host``: anything but an empty name (which would mean 'all')."""
    if not value.strip():
        raise argparse.ArgumentTypeError("expected an address or a host name")
    return value.strip()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser, optional=True)
    parser.add_argument(
        "--host",
        type=host_name,
        default=DEFAULT_HOST,
        metavar="H",
        help=f"address to listen on (default {DEFAULT_HOST}, this machine only; any other "
        "address, such as 0.0.0.0 for every network, requires the printed secret link)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        metavar="P",
        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--open", action="store_true", help="open the address in the default web browser"
    )


def run(args: argparse.Namespace) -> int:
    # here, not at the top: the parser imports this module
    from debate.opener import open_map

    path = Path(args.file) if args.file is not None else default_map_path()
    open_map(path)  # a missing or broken map: its problems, one line each, exit 1
    from debate.serve.server import serve  # aiohttp and textual-serve only from here

    return serve(path, args.host, args.port, open_browser=args.open)
