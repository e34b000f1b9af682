"""After a crash, restore gives exactly the map the user last saw, undo and redo included.

A property test drives random sessions (edits with hostile text, undos, redos, saves, files
changed on disk by someone else and reloaded) and then crashes; a fresh session restores the
journal and must show the same map, be as dirty as before, and step through the same undo
and redo history. Kill -9 tests do the same with a real process killed mid-session.

Longer local run (about 2,000 sessions, several minutes)::

    CRASH_EXAMPLES=2000 python -m pytest -q tests/test_crash_restore.py -k property
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.edits import (
    AddNote,
    Edit,
    EditError,
    SetField,
)
from debate.history import History
from debate.model import ArgumentMap
from debate.session import MapSession
from debate.store import dump_map, load_map, save_map
from tests.strategies import argument_maps, claim_texts, edit_for
from tests.tui.conftest import SAMPLE

EXAMPLES = int(os.environ.get("CRASH_EXAMPLES", "60"))
BREAKS = st.sampled_from(["\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x1c", "\x00"])
TEXTS = st.one_of(
    claim_texts, st.builds(lambda a, b, c: a + b + c, claim_texts, BREAKS, claim_texts)
)


def same(first: ArgumentMap, second: ArgumentMap) -> bool:
    """The same map, in the same order (dict equality ignores the order of siblings).

    For claims the order that shows is the tree's: each claim's children, and the roots, in
    order. The file may hold a new claim after its previous sibling's whole subtree where
    the session holds it right after that sibling: the same tree, on screen and on disk.
    """
    if first != second or any(
        list(getattr(first, section)) != list(getattr(second, section))
        for section in ("sources", "perspectives")
    ):
        return False
    one, other = first.tree(), second.tree()
    return one.roots == other.roots and one.children == other.children


def change_on_disk(path: Path, edit: Edit) -> None:
    """Someone else changes the file (their editor, a git pull)."""
    disk = load_map(path)
    theirs = disk.argmap.model_copy(deep=True)
    try:
        History(theirs).do(edit)
    except EditError:
        theirs.map.title = theirs.map.title + " (theirs)"
    save_map(disk, theirs, force=True)


def check_restore(path: Path, seen: MapSession) -> None:
    """A fresh session restores what ``seen`` showed, with the same undo and redo steps."""
    fresh = MapSession(load_map(path))
    pending = fresh.pending_journals()
    if not seen.dirty:
        assert pending == []  # nothing unsaved: nothing offered, the file is the map
        assert same(fresh.argmap, seen.argmap)
        return
    assert len(pending) == 1 and pending[0].edits == seen.history.unsaved
    assert fresh.restore(pending[0]) == []
    assert same(fresh.argmap, seen.argmap)
    assert fresh.dirty and fresh.history.unsaved == seen.history.unsaved
    assert len(fresh.history.done) == len(seen.history.done)
    assert len(fresh.history.undone) == len(seen.history.undone)
    while seen.undo() is not None:
        assert fresh.undo() is not None and same(fresh.argmap, seen.argmap)
        assert fresh.dirty == seen.dirty
    while seen.redo() is not None:
        assert fresh.redo() is not None and same(fresh.argmap, seen.argmap)
        assert fresh.dirty == seen.dirty
    fresh.close()


actions = st.lists(
    st.sampled_from(["edit", "edit", "edit", "undo", "redo", "save", "theirs"]),
    min_size=1,
    max_size=14,
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(argument_maps(max_claims=6), actions, st.data())
def test_property_restore_shows_what_the_user_last_saw(
    argmap: ArgumentMap, steps: list[str], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.toml"
        path.write_text(dump_map(argmap), encoding="utf-8")
        session = MapSession(load_map(path))
        for step in steps:
            if step == "edit":
                with contextlib.suppress(EditError):
                    session.do(data.draw(edit_for(session.argmap, TEXTS)))
            elif step == "undo":
                session.undo()
            elif step == "redo":
                session.redo()
            elif step == "save":
                session.save()
            else:  # the file changes on disk; the app reloads, re-applying unsaved work
                change_on_disk(path, data.draw(edit_for(load_map(path).argmap, TEXTS)))
                session.reload(keep_edits=session.dirty)
        assert session.journal is not None
        session.journal.close()  # the crash: nothing cleaned up
        session.journal = None
        check_restore(path, session)


# ---------------------------------------------------------------------------------- kill -9

SCRIPT = """
import sys, time
from pathlib import Path
from debate.edits import AddNote, SetField
from debate.session import MapSession
from debate.store import load_map

AT = {at!r}
session = MapSession(load_map(Path(sys.argv[1])))
{steps}
print("ready", flush=True)
time.sleep(60)
"""


def kill_after(path: Path, steps: str) -> None:
    """Run ``steps`` on a session in another process, then kill it with SIGKILL."""
    kill_when_ready(SCRIPT.format(steps=textwrap.dedent(steps), at=NOTE_TIME), path)


def kill_when_ready(code: str, path: Path) -> None:
    """Run ``code`` on ``path`` in another process; SIGKILL it once it prints "ready"."""
    environment = {**os.environ, "DEBATE_CONFIG_DIR": str(path.parent / "config")}
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


NOTE_TIME = "2026-11-29T09:00:00+00:00"
"""Notes in the scripted sessions carry a fixed time, so the killed run and the run that
says what the user saw write the same file even when they straddle a second."""

KILLED_SESSIONS = {
    "undo after save": """
        session.do(SetField("cheaper", "weight", 0))
        session.save()
        session.undo()
    """,
    "redo after save": """
        session.do(SetField("cheaper", "weight", 0))
        session.undo()
        session.save()
        session.redo()
    """,
    "line separators in text": """
        session.do(AddNote("tram", "one\\u2028two\\u2029three\\x85four\\r\\nfive", at=AT))
        session.do(SetField("tram", "by", "A\\x1cB\\x0bC"))
        session.undo()
    """,
    "edits on both sides of two saves": """
        session.do(SetField("cheaper", "weight", 0))
        session.save()
        session.do(AddNote("tram", "saved", at=AT))
        session.save()
        session.undo()
        session.undo()
        session.do(SetField("disruption", "by", "Shops"))
    """,
}


@pytest.mark.parametrize("steps", KILLED_SESSIONS.values(), ids=KILLED_SESSIONS.keys())
def test_kill_9_then_restore_gives_the_map_the_user_saw(tmp_path: Path, steps: str) -> None:
    path = tmp_path / "tram.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    kill_after(path, steps)
    # the same steps in this process, journaling nowhere, say what the user saw
    expected_path = tmp_path / "expected" / "tram.toml"
    expected_path.parent.mkdir()
    expected_path.write_text(SAMPLE, encoding="utf-8")
    namespace: dict[str, Any] = {
        "session": MapSession(load_map(expected_path), journal=False),
        "SetField": SetField,
        "AddNote": AddNote,
        "AT": NOTE_TIME,
    }
    exec(textwrap.dedent(steps), namespace)
    seen: MapSession = namespace["session"]
    assert path.read_text() == expected_path.read_text()  # the saves landed the same
    check_restore(path, seen)


APP_SCRIPT = """
import asyncio, sys
from pathlib import Path
from debate.store import load_map
from debate.tui.app import DebateApp

async def main() -> None:
    app = DebateApp(load_map(Path(sys.argv[1])), watch=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.claim_tree.select("cheaper")
        await pilot.press("0", "ctrl+s")
        await pilot.pause()
        await pilot.press("u", "m", *"kept", "ctrl+s")
        await pilot.pause()
        print("ready", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


def test_kill_9_of_the_app_after_save_and_undo(tmp_path: Path) -> None:
    """The issue's steps in the real app: set a weight, ctrl+s, u (and a note), kill -9."""
    path = tmp_path / "tram.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    kill_when_ready(APP_SCRIPT, path)
    assert "weight = 0" in path.read_text()  # the save landed
    fresh = MapSession(load_map(path))
    pending = fresh.pending_journals()
    assert len(pending) == 1 and pending[0].edits == 2
    assert fresh.restore(pending[0]) == []
    claims = fresh.argmap.claims
    assert claims["cheaper"].weight == 3  # the undo after the save came back
    assert claims["cheaper"].notes[-1].text == "kept"
    assert fresh.undo() is not None and claims["cheaper"].notes[-1].text != "kept"
    assert fresh.undo() is None and fresh.dirty  # the new note cleared the weight's redo
    assert fresh.redo() is not None and claims["cheaper"].notes[-1].text == "kept"
