"""What each tab's process runs: the terminal app (``debate open -- FILE``), which ends when
the server is gone.

The server stops its apps itself on Ctrl+C, SIGTERM or SIGHUP. Killed outright (SIGKILL, a
crash), it cannot, and Textual's web driver keeps an app running when its input closes; so a
watcher thread here notices the server has gone (this process gets a new parent) and sends
the app SIGTERM, which the web driver turns into an orderly exit (unsaved edits stay in the
crash journal, as on any exit).

Run as ``python -m debate.serve.child -- FILE``; kept apart from :mod:`debate.serve.server` so
a tab's process does not import the web server.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Sequence

POLL_SECONDS = 0.5


def _end_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)


def main(argv: Sequence[str] | None = None) -> int:
    """``debate open`` with ``argv`` (``-- FILE``), watched for the server's end."""
    watcher = threading.Thread(
        target=_end_when_orphaned, args=(os.getppid(),), name="server-watch", daemon=True
    )
    watcher.start()
    from debate.cli import main as debate_main

    return debate_main(["open", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
