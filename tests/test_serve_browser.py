"""`debate serve` in a real browser: headless Chromium driven by Playwright.

Keys typed in the page change the file exactly as the same keys do in the terminal app (a
Pilot run on another copy); two tabs on one map keep the disk-change protection; another
address needs the token; $EDITOR is never started from a tab; and stopping the server leaves
no process behind. The served app's screenshot (1280x800) is kept in tests/artefacts/.

A tab's screen is read back by feeding the bytes the app sends over the page's websocket to
a terminal emulator (pyte): the page draws on a canvas, which holds no text to query.
"""

from __future__ import annotations

import asyncio
import stat
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from debate.opener import open_map
from debate.store import load_map

from .conftest import DEFAULT_MAP, IN_CI, ROOT, require_tool
from .formats.conftest import CHROMIUM
from .serving import Screen, Served, alive, descendants, processes_mentioning, wait_until

ARTEFACTS = ROOT / "tests" / "artefacts"
SCREENSHOT = ARTEFACTS / "serve-1280x800.png"
VIEWPORT = {"width": 1280, "height": 800}
ROOT_CLAIM = "1 Chinese AI models will catch up to Claude"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser() -> Iterator[object]:
    chromium = require_tool("chromium", CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # like a missing tool: skipped here, a failure in CI
        if IN_CI:
            pytest.fail("playwright is not installed; scripts/test.sh should have installed it")
        pytest.skip("playwright is not installed")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def served_env(tmp_path: Path) -> dict[str, str]:
    """Apps keep their settings in the test's folder; $EDITOR would leave a mark if run."""
    editor = tmp_path / "editor.py"
    editor.write_text(f"import pathlib\npathlib.Path({str(tmp_path / 'EDITOR-RAN')!r}).touch()\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    command = f"{sys.executable} {editor}"
    return {"DEBATE_CONFIG_DIR": str(tmp_path / "config"), "EDITOR": command, "VISUAL": command}


def copy_of_default_map(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(DEFAULT_MAP.read_bytes())
    return path


class Tab:
    """One browser tab on the server, with what its app shows."""

    def __init__(self, context, url: str) -> None:  # type: ignore[no-untyped-def]
        self.page = context.new_page()
        self.problems: list[str] = []
        self.screen: Screen | None = None
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        self.page.on("websocket", self._attach)
        self.response = self.page.goto(url)

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error":
            self.problems.append(f"{message.type}: {message.text}")

    def _attach(self, websocket) -> None:  # type: ignore[no-untyped-def]
        screen = self.screen = Screen.for_url(websocket.url)
        websocket.on("framereceived", lambda data: isinstance(data, bytes) and screen.feed(data))
        websocket.on("framesent", screen.sent)

    @property
    def text(self) -> str:
        return self.screen.text if self.screen is not None else ""

    def pump(self) -> None:
        """Let the browser's events (the app's frames among them) arrive."""
        self.page.wait_for_timeout(50)

    def wait_for(self, text: str, seconds: float = 30) -> None:
        wait_until(lambda: text in self.text, seconds, f"{text!r} in the tab", pump=self.pump)

    def press(self, *keys: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        for key in keys:
            self.page.keyboard.press(key)


def pilot_press(path: Path, keys: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The same keys in the terminal app (Pilot), on another copy of the map."""
    from debate.tui.app import DebateApp

    monkeypatch.setenv("DEBATE_CONFIG_DIR", str(path.parent / "config"))

    async def press() -> None:
        app = DebateApp(open_map(path), watch=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()

    # Playwright's own event loop runs in this thread: the app gets a thread of its own
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, press()).result(timeout=120)


def wait_for_change(path: Path, before: bytes, tab: Tab) -> bytes:
    wait_until(lambda: path.read_bytes() != before, 20, f"{path.name} to change", pump=tab.pump)
    return path.read_bytes()


def stop_and_check_nothing_is_left(server: Served, path: Path) -> None:
    """Ctrl+C: exit status 0, and no app process left anywhere (checked in /proc)."""
    apps = descendants(server.pid)
    assert apps, "the tabs' apps should be running"
    assert server.stop() == 0, server.log
    wait_until(lambda: not any(alive(pid) for pid in apps), 5, "the apps to be gone")
    assert processes_mentioning(str(path)) == []
    assert "Traceback" not in server.log, server.log


def test_keys_in_the_browser_save_what_the_terminal_saves(
    browser, tmp_path: Path, served_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    served = copy_of_default_map(tmp_path / "served", "map.toml")
    terminal = copy_of_default_map(tmp_path / "terminal", "map.toml")
    original = served.read_bytes()
    pilot_press(terminal, ["j", "3", "ctrl+s"], monkeypatch)
    assert terminal.read_bytes() != original
    with Served(served, env=served_env) as server:
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
        tab = Tab(context, server.url)
        assert tab.response.status == 200
        tab.wait_for(ROOT_CLAIM)
        tab.press("j", "3", "Control+s")
        saved = wait_for_change(served, original, tab)
        tab.wait_for("Saved")
        assert saved == terminal.read_bytes()
        ARTEFACTS.mkdir(exist_ok=True)
        tab.page.screenshot(path=str(SCREENSHOT))
        print(f"screenshot of the served app: {SCREENSHOT}")
        # $EDITOR would read the tab's keystrokes raw: a tab never starts it
        tab.press("e")
        tab.wait_for("No $EDITOR in a browser tab")
        assert not (tmp_path / "EDITOR-RAN").exists()
        assert tab.problems == [], tab.problems
        stop_and_check_nothing_is_left(server, served)
        wait_until(
            lambda: "-closed" in (tab.page.get_attribute("body", "class") or ""),
            10,
            "the page to say the app stopped",
            pump=tab.pump,
        )
        context.close()


def test_two_tabs_on_one_map_never_clobber_each_other(
    browser, tmp_path: Path, served_env: dict[str, str]
) -> None:
    path = copy_of_default_map(tmp_path, "map.toml")
    original = load_map(path).argmap
    with Served(path, env=served_env) as server:
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
        first, second = Tab(context, server.url), Tab(context, server.url)
        first.wait_for(ROOT_CLAIM)
        second.wait_for(ROOT_CLAIM)
        second.press("j", "1")  # an unsaved edit in the second tab
        second.wait_for("unsaved")
        before = path.read_bytes()
        first.press("j", "3", "Control+s")  # the first tab saves another weight
        wait_for_change(path, before, first)
        changed = [
            claim_id
            for claim_id, claim in load_map(path).argmap.claims.items()
            if claim.weight != original.claims[claim_id].weight
        ]
        assert len(changed) == 1
        claim_id = changed[0]
        assert load_map(path).argmap.claims[claim_id].weight == 3
        # the second tab's app notices, and asks; keeping its edit, its save asks again
        second.wait_for("The file changed on disk")
        second.press("k")
        second.press("Control+s")
        second.wait_for("Not saved: the file changed on disk")
        second.press("c")
        second.page.wait_for_timeout(500)
        assert load_map(path).argmap.claims[claim_id].weight == 3  # never a silent clobber
        second.press("Control+s")
        second.wait_for("Not saved: the file changed on disk")
        second.press("o")  # overwrite, asked for explicitly
        wait_until(
            lambda: load_map(path).argmap.claims[claim_id].weight == 1,
            20,
            "the explicit overwrite",
            pump=second.pump,
        )
        assert first.problems == [] and second.problems == []
        stop_and_check_nothing_is_left(server, path)
        context.close()


def test_another_address_needs_the_token_in_the_browser_too(
    browser, tmp_path: Path, served_env: dict[str, str]
) -> None:
    path = copy_of_default_map(tmp_path, "map.toml")
    with Served(path, host="127.0.0.2", env=served_env) as server:
        bare = server.url.split("?", 1)[0]
        refused = Tab(browser.new_context(viewport=VIEWPORT), bare)  # type: ignore[attr-defined]
        assert refused.response.status == 403
        assert "open the address that `debate serve` printed" in refused.page.content()
        assert refused.screen is None  # no app was started for it
        assert "refused GET / from" in server.log and "no valid token" in server.log
        tab = Tab(browser.new_context(viewport=VIEWPORT), server.url)  # type: ignore[attr-defined]
        assert tab.response.status == 200
        tab.wait_for(ROOT_CLAIM)
        assert tab.problems == [], tab.problems
        stop_and_check_nothing_is_left(server, path)
