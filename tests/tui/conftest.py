"""Fixtures for the terminal app: small maps written on the fly, settings kept out of $HOME."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from debate.model import ArgumentMap
from debate.store import LoadedMap, load_map

SAMPLE = """\
# A small map for the app's tests.
[map]
title = "Should the town build a tram?"

[sources.report]
title = "Council transport report"
publisher = "Town council"
url = "https://example.org/report"

[claims.tram]
text = "The town should build a tram line."
by = "Council"
tags = ["transport"]

[claims.cheaper]
parent = "tram"
stance = "pro"
text = "A tram costs less to run than buses over 30 years."
by = "Council"
weight = 3
credence = 0.7
tags = ["cost"]
cite = { source = "report", quote = "lower lifetime cost" }

[[claims.cheaper.notes]]
text = "Check the maintenance figures."
at = 2026-01-05T10:00:00Z

[claims.cost-overrun]
parent = "cheaper"
stance = "con"
text = "Tram projects often run over budget."
by = "Residents"
weight = 2
credence = 0.6
links = ["disruption"]

[claims.disruption]
parent = "tram"
stance = "con"
text = "Building it would disrupt the high street for two years."
by = "Residents"
weight = 2
credence = 0.5
tags = ["cost", "local"]

[claims.markup]
parent = "tram"
stance = "part"
text = "Odd text: [bold]x[/] [link=https://e.org]y[/link] \\u001b[31mred"

[claims.second-root]
text = "Buses are enough for a town this size."
by = "Residents"

[claims.bus-cheap]
parent = "second-root"
stance = "pro"
text = "Buses need no rails."
weight = 1

[perspectives.thrifty]
description = "Only the money counts."
weight = { cheaper = 4, disruption = 1 }
"""


@pytest.fixture(autouse=True)
def _nothing_kept_frozen() -> Iterator[None]:
    """An app that read its map in the background froze it out of the collector's passes
    (for as long as the app runs); the next test starts with nothing frozen."""
    yield
    gc.unfreeze()


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio through anyio's plugin (anyio comes with watchfiles)."""
    return "asyncio"


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own config folder and a harmless editor."""
    folder = tmp_path / "config"
    monkeypatch.setenv("DEBATE_CONFIG_DIR", str(folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.delenv("VISUAL", raising=False)
    return folder


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "tram.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def open_sample(sample: Path) -> Callable[..., object]:
    from debate.tui.app import DebateApp

    def make(**options: object) -> DebateApp:
        options.setdefault("watch", False)
        return DebateApp(load_map(sample), **options)  # type: ignore[arg-type]

    return make


def chain_map(depth: int) -> LoadedMap:
    """A single chain ``depth`` claims deep, built without the TOML round trip."""
    claims: dict[str, dict[str, object]] = {"c0": {"text": "claim 0"}}
    for index in range(1, depth):
        claims[f"c{index}"] = {"text": f"claim {index}", "parent": f"c{index - 1}", "stance": "pro"}
    return _loaded(claims, "chain")


def bushy_map(count: int, branching: int = 8) -> LoadedMap:
    """``count`` claims, each parent with up to ``branching`` children, in three trees."""
    claims: dict[str, dict[str, object]] = {}
    for index in range(count):
        claim: dict[str, object] = {"text": f"Claim number {index}"}
        if index >= 3:
            claim["parent"] = f"c{(index - 3) // branching}"
            claim["stance"] = ("pro", "con", "pro", "part")[index % 4]
            claim["weight"] = index % 5
        claims[f"c{index}"] = claim
    return _loaded(claims, "big")


def _loaded(claims: dict[str, dict[str, object]], title: str) -> LoadedMap:
    argmap = ArgumentMap.model_validate({"map": {"title": title}, "claims": claims})
    return LoadedMap(argmap, None, "")


def rows(app: object) -> list[str]:
    """The tree's rows as plain text (what a user reads)."""
    tree = app.screen.claim_tree  # type: ignore[attr-defined]
    return [tree.row_text(row, 200).plain for row in range(len(tree.ids))]


def detail(app: object) -> str:
    """The detail pane's text."""
    return app.screen.query_one("#detail").text.plain  # type: ignore[attr-defined]


WriteMap = Callable[[str, str], Path]


async def burst(pilot: object, *keys: str) -> None:
    """Type ``keys`` as a fast typist or a paste does: every key is queued before the app
    handles the first (``pilot.press`` waits for the app between keys), then wait."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = pilot.app  # type: ignore[attr-defined]
    for key in keys:  # as Pilot.press makes its key events
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            name = _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
            char: str | None = unicodedata.lookup(name)
        except KeyError:
            char = key if len(key) == 1 else None
        app.post_message(events.Key(key, char))
    for _ in range(5):
        await pilot.pause()  # type: ignore[attr-defined]


async def until_map_shown(pilot: object) -> None:
    """Wait (up to 5 s) for the map screen a background load ends with; check it has rows."""
    from debate.tui.screens.main import MapScreen

    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(100):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if isinstance(app.screen, MapScreen) and app.screen.is_mounted:
            break
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, MapScreen) and app.screen.claim_tree.ids


def typed(text: str) -> list[str]:
    """The keys that type ``text`` (one per character; ``⏎`` is enter)."""
    return ["enter" if char == "⏎" else char for char in text]


CRUX_GROUPS = ("crux", "crux-cache")


async def settle(pilot: object, timeout: float = 20.0) -> None:
    """Wait until the map screen is up, the crux workers (the view's search, the map screen's
    cache) are done and their results are on screen.

    Under load the map screen can mount a while after the first pause: until it has, and
    until the facts of the cursor's root are known, nothing counts as quiet (else a
    snapshot could catch the header before its fragile marks)."""
    import time

    from textual.worker import WorkerState

    from debate.tui.widgets.crux_text import root_of

    app = pilot.app  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline:
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        running = [
            worker
            for worker in app.workers
            if worker.group in CRUX_GROUPS
            and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
        ]
        screen = app.map_screen
        busy = bool(running) or screen is None or not screen.is_mounted
        if not busy:
            cursor = screen.claim_tree.cursor_id
            busy = screen.crux_cache.busy or (
                cursor is not None
                and cursor in screen.session.argmap.claims
                and screen.crux_cache.facts(root_of(screen.session, cursor)) is None
            )
        quiet = 0 if busy else quiet + 1
        if quiet >= 3:  # a result's repaint may start the next worker: stay quiet a while
            return
    raise AssertionError("the crux workers did not finish")
