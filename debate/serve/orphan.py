"""A served app ends when its server is gone, even a server killed outright.

The server stops its apps itself on Ctrl+C, SIGTERM or SIGHUP. Killed outright (SIGKILL, a
crash), it cannot, and Textual's web driver keeps an app running when its input closes. So
each tab's app (``debate open`` under textual-serve's web driver) runs a watcher thread that
notices when the process gets a new parent and sends the app SIGTERM, which the web driver
turns into an orderly exit (unsaved edits stay in the crash journal, as on any exit).

Standard library only: the app's process never imports the web server.
"""

from __future__ import annotations

import os
import signal
import threading
import time

POLL_SECONDS = 0.5


def _end_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)


def end_with_the_server() -> None:
    """Start the watcher (a daemon thread: it never keeps the app alive)."""
    watcher = threading.Thread(
        target=_end_when_orphaned, args=(os.getppid(),), name="server-watch", daemon=True
    )
    watcher.start()
