"""The session's look at the file on disk never blocks: a map replaced by a FIFO is refused."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from debate.session import MapSession
from debate.store import load_map

from .conftest import DEFAULT_MAP


def test_a_map_replaced_by_a_fifo_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_bytes(DEFAULT_MAP.read_bytes())
    session = MapSession(load_map(path), journal=False)
    path.unlink()
    os.mkfifo(path)
    answers: list[object] = []
    worker = threading.Thread(
        target=lambda: answers.append((session.disk_sha(), session.changed_on_disk())),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(path, "wb"):
            pass
        raise AssertionError("checking the file on disk blocked on a FIFO")
    assert answers == [(None, False)]
