"""`debate serve` without a browser: bad input, who may connect, hostile file names, each
tab's own app, and a Ctrl+C that leaves no process behind (checked in /proc).

Tabs are opened with a websocket client and read back through a terminal emulator; the
real-browser tests are in test_serve_browser.py.
"""

from __future__ import annotations

import asyncio
import shlex
import signal
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from debate.cli import main
from debate.opener import open_map
from debate.serve.access import Access, host_name, is_loopback_only
from debate.serve.page import index_page
from debate.serve.server import app_command
from debate.serve.tabs import TabApp, terminal_size

from .conftest import DEFAULT_MAP
from .serving import (
    Screen,
    Served,
    alive,
    descendants,
    processes_mentioning,
    read_tab,
    wait_until,
    websocket_url,
)

TITLE = "Will Chinese AI models catch up"  # the default map's title, first on every screen


@pytest.fixture
def served_env(tmp_path: Path) -> dict[str, str]:
    """The apps' settings stay in the test's folder."""
    return {"DEBATE_CONFIG_DIR": str(tmp_path / "config"), "NO_COLOR": ""}


@pytest.fixture
def map_copy(tmp_path: Path) -> Path:
    path = tmp_path / "map.toml"
    path.write_bytes(DEFAULT_MAP.read_bytes())
    return path


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


# ---------------------------------------------------------------------- bad input


def test_bad_input_gets_one_line_and_the_usual_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[claims.a]\ntext = "A"\nweight = 9\n')
    monkeypatch.chdir(tmp_path)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = str(taken.getsockname()[1])
    try:
        cases = {
            "missing": (["nope.toml"], 1, "nope.toml: no such file"),
            "broken": ([str(broken)], 1, f"{broken}:3:"),
            "port in use": (
                ["--port", port, str(DEFAULT_MAP)],
                1,
                f"port {port} on 127.0.0.1 is in use",
            ),
            "unknown host": (
                ["--host", "no-such-host.invalid", str(DEFAULT_MAP)],
                1,
                "cannot serve on host 'no-such-host.invalid'",
            ),
            "foreign address": (
                ["--host", "192.0.2.1", str(DEFAULT_MAP)],
                1,
                "192.0.2.1 is not an address of this machine",
            ),
            "bad port": (
                ["--port", "http", str(DEFAULT_MAP)],
                2,
                "argument --port: expected a port number, got 'http'",
            ),
            "port too big": (["--port", "70000", str(DEFAULT_MAP)], 2, "must be from 0 to 65535"),
            "empty host": (
                ["--host", " ", str(DEFAULT_MAP)],
                2,
                "argument --host: expected an address",
            ),
        }
        for name, (args, status, message) in cases.items():
            try:
                code = main(["serve", *args])
            except SystemExit as exit:  # argparse's usage errors
                code = int(exit.code or 0)
            out, err = capsys.readouterr()
            assert code == status, (name, err)
            assert message in err, (name, err)
            assert "Traceback" not in err and out == "", name
            if status == 1:
                assert len(err.strip().splitlines()) == 1, (name, err)
    finally:
        taken.close()


# ---------------------------------------------------------------------- pieces


HOSTILE_NAMES = [
    "-x",
    "--help",
    "$(touch pwned).toml",
    "a b 'c\" d;touch pwned2 `touch pwned3`.toml",
]


def test_the_app_command_is_an_argument_list_a_shell_reads_back_unchanged() -> None:
    for name in HOSTILE_NAMES:
        argv = app_command(Path(name))
        assert argv[-2:] == ["--", name]
        assert shlex.split(TabApp(argv, **_tab_callbacks()).command) == argv


def _tab_callbacks() -> dict[str, object]:
    async def ignore(*_args: object) -> None:
        return None

    from textual_serve.download_manager import DownloadManager

    return {
        "write_bytes": ignore,
        "write_str": ignore,
        "close": ignore,
        "download_manager": DownloadManager(),
    }


def test_access_rules_by_address() -> None:
    assert is_loopback_only("127.0.0.1") and is_loopback_only("::1")
    for address in ("127.0.0.2", "0.0.0.0", "::", "192.168.1.5", "localhost", "not an ip"):
        assert not is_loopback_only(address), address
    assert Access.for_address("127.0.0.1", 8000).token is None
    first, second = Access.for_address("0.0.0.0", 8000), Access.for_address("0.0.0.0", 8000)
    assert first.token and second.token and first.token != second.token
    assert len(first.token) >= 32 and first.query() == f"?token={first.token}"
    assert host_name("[::1]:8000") == "::1" and host_name("LocalHost:1") == "localhost"
    assert host_name("[bad") is None


def test_a_tab_cannot_ask_for_a_huge_or_broken_terminal() -> None:
    assert terminal_size("99999", "1e9") == (1000, 24)
    assert terminal_size(None, "-5") == (80, 1)
    assert terminal_size(132, 43) == (132, 43)


def test_the_page_shows_a_file_name_as_text() -> None:
    page = index_page('<script>alert(1)</script>\x1b[31m"', 'ws://h/ws"><script>')
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert "\x1b" not in page and "\\x1b[31m" in page
    assert "ws://h/ws&quot;&gt;&lt;script&gt;" in page
    assert "http" not in page.replace("http-equiv", "")  # nothing from other sites


def test_an_app_that_will_not_quit_is_killed_and_reaped() -> None:
    stubborn = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "sys.stdout.write('ready\\n'); sys.stdout.flush()\n"
        "time.sleep(120)\n"
    )

    async def scenario() -> tuple[int | None, float]:
        tab = TabApp([sys.executable, "-c", stubborn], **_tab_callbacks())
        await tab.start(80, 24)
        assert tab.process is not None
        started = time.monotonic()
        await tab.shut(grace=0.5)
        return tab.process.returncode, time.monotonic() - started

    returncode, seconds = asyncio.run(scenario())
    assert returncode == -signal.SIGKILL
    assert seconds < 5


# ---------------------------------------------------------------------- a running server


def test_tabs_run_their_own_apps_and_ctrl_c_stops_them_all(
    map_copy: Path, served_env: dict[str, str]
) -> None:
    with Served(map_copy, env=served_env) as server:
        assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/")
        assert "this machine only" in "".join(server.stdout)
        status, headers, page = get(server.url)
        assert status == 200 and "textual.js" in page
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"

        async def two_tabs() -> tuple[set[int], list[str], int]:
            import aiohttp

            async with aiohttp.ClientSession() as session:
                sockets = [await session.ws_connect(websocket_url(server.url)) for _ in range(2)]
                screens = [Screen(120, 36) for _ in sockets]
                async with asyncio.timeout(30):
                    for websocket, screen in zip(sockets, screens, strict=True):
                        while TITLE not in screen.text:
                            message = await websocket.receive()
                            assert message.type == aiohttp.WSMsgType.BINARY, message
                            screen.feed(message.data)
                apps = descendants(server.pid)
                commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in apps]
                code = await asyncio.to_thread(server.stop)  # Ctrl+C while both tabs are open
                closed = 0
                for websocket in sockets:
                    async with asyncio.timeout(10):
                        while (await websocket.receive()).type in (
                            aiohttp.WSMsgType.BINARY,
                            aiohttp.WSMsgType.TEXT,
                        ):
                            pass  # the app's last frames, then the close
                    closed += websocket.closed
                return apps, [c.decode() for c in commands], code * 100 + closed

        apps, commands, outcome = asyncio.run(two_tabs())
        expected = "\0".join(app_command(map_copy)) + "\0"
        assert commands.count(expected) == 2, commands
        assert outcome == 2  # exit status 0, and both tabs were told the session ended
        wait_until(lambda: not any(alive(pid) for pid in apps), 5, "the apps to be gone")
        assert processes_mentioning(str(map_copy)) == []
        assert "tab 1 opened" in server.log and "tab 2 closed" in server.log
        assert "Traceback" not in server.log


def test_closing_a_tab_stops_its_app_and_sigterm_stops_the_server(
    map_copy: Path, served_env: dict[str, str]
) -> None:
    with Served(map_copy, env=served_env) as server:
        assert TITLE in read_tab(server.url, TITLE)  # the tab closes after reading
        wait_until(lambda: not descendants(server.pid), 10, "the closed tab's app to end")
        assert server.stop(signal.SIGTERM) == 0
    assert processes_mentioning(str(map_copy)) == []


def test_stopping_the_server_keeps_a_tabs_unsaved_edits_for_next_time(
    map_copy: Path, served_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C ends every app without saving, and loses nothing: the next app on the map
    offers the edits back."""
    original = map_copy.read_bytes()
    with Served(map_copy, env=served_env) as server:

        async def edit_then_stop() -> str:
            import aiohttp

            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(websocket_url(server.url)) as websocket,
            ):
                screen, typed = Screen(120, 36), False
                async with asyncio.timeout(30):
                    while "unsaved" not in screen.text:
                        message = await websocket.receive()
                        assert message.type == aiohttp.WSMsgType.BINARY, message
                        screen.feed(message.data)
                        if TITLE in screen.text and not typed:
                            typed = True
                            await websocket.send_json(["stdin", "j1"])  # down, weight 1
                await asyncio.to_thread(server.stop)
                return screen.text

        assert "unsaved" in asyncio.run(edit_then_stop())
    assert map_copy.read_bytes() == original
    from debate.tui.app import DebateApp
    from debate.tui.screens.modals import ChoiceModal

    monkeypatch.setenv("DEBATE_CONFIG_DIR", served_env["DEBATE_CONFIG_DIR"])

    async def reopen() -> str:
        app = DebateApp(open_map(map_copy), watch=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            return str(app.screen.query_one("#dialog-title").render())

    assert "Restore unsaved edits?" in asyncio.run(reopen())


def test_apps_end_even_when_the_server_is_killed_outright(
    map_copy: Path, served_env: dict[str, str]
) -> None:
    """SIGKILL gives the server no chance to stop its apps: each notices and ends itself."""
    with Served(map_copy, env=served_env) as server:

        async def open_then_kill() -> set[int]:
            import aiohttp

            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(websocket_url(server.url)) as websocket,
            ):
                screen = Screen(120, 36)
                async with asyncio.timeout(30):
                    while TITLE not in screen.text:
                        screen.feed((await websocket.receive()).data)
                apps = descendants(server.pid)
                server.stop(signal.SIGKILL)
                return apps

        apps = asyncio.run(open_then_kill())
    assert apps
    wait_until(lambda: not any(alive(pid) for pid in apps), 10, "orphaned apps to end")
    assert processes_mentioning(str(map_copy)) == []


def test_hostile_file_names_reach_the_app_as_one_argument(
    tmp_path: Path, served_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every tab's app opens the very file named, whatever its name; no name runs a
    command. Each name is opened by a tab's app directly (in parallel, for speed), and the
    nastiest also through a whole server."""
    folder = tmp_path / "maps"
    folder.mkdir()
    titles = {}
    for index, name in enumerate(HOSTILE_NAMES):
        titles[name] = f"Hostile name number {index}"
        (folder / name).write_text(f'[map]\ntitle = "{titles[name]}"\n[claims.r]\ntext = "R"\n')
    monkeypatch.chdir(folder)
    for variable, value in served_env.items():
        monkeypatch.setenv(variable, value)

    async def open_tab(name: str) -> str:
        screen = Screen(100, 30)

        async def show(data: bytes) -> None:
            screen.feed(data)

        tab = TabApp(app_command(Path(name)), **{**_tab_callbacks(), "write_bytes": show})
        await tab.start(100, 30)
        try:
            async with asyncio.timeout(60):
                while titles[name] not in screen.text:
                    await asyncio.sleep(0.05)
        finally:
            await tab.shut(grace=3)
        return screen.text

    async def open_all() -> list[str]:
        return await asyncio.gather(*(open_tab(name) for name in HOSTILE_NAMES))

    for name, screen in zip(HOSTILE_NAMES, asyncio.run(open_all()), strict=True):
        assert titles[name] in screen, name
    nastiest = HOSTILE_NAMES[-1]
    with Served(nastiest, env=served_env, cwd=folder) as server:
        assert titles[nastiest] in read_tab(server.url, titles[nastiest])
        assert server.stop() == 0
    assert not list(folder.glob("pwned*")) and not list(tmp_path.glob("pwned*"))


def test_a_map_broken_while_served_opens_to_its_problems(
    map_copy: Path, served_env: dict[str, str]
) -> None:
    with Served(map_copy, env=served_env) as server:
        map_copy.write_text('[claims.a]\ntext = "A"\nweight = 9\n')
        screen = read_tab(server.url, "map.toml:3:")
        assert "map.toml:3:" in screen and "weight" in screen, screen
        assert server.stop() == 0


def test_a_loopback_server_refuses_other_sites(map_copy: Path, served_env: dict[str, str]) -> None:
    with Served(map_copy, env=served_env) as server:
        port = server.url.rsplit(":", 1)[1].strip("/")
        status, _, body = get(server.url, {"Host": f"attacker.example:{port}"})
        assert status == 403 and "debate serve" in body
        # another site's page may not open a tab (and type into it)
        with pytest.raises(Exception, match="403"):
            read_tab(server.url, TITLE, headers={"Origin": "http://attacker.example"})
        own = server.url.rstrip("/")
        assert TITLE in read_tab(server.url, TITLE, headers={"Origin": own})
        assert server.stop() == 0
    assert "refused GET / from 127.0.0.1: Host 'attacker.example:" in server.log
    assert (
        "refused GET /ws from 127.0.0.1: a page from another site (http://attacker.example)"
        in server.log
    )


def test_another_address_needs_the_token(map_copy: Path, served_env: dict[str, str]) -> None:
    with Served(map_copy, host="127.0.0.2", env=served_env) as server:
        assert server.url.startswith("http://127.0.0.2:") and "/?token=" in server.url
        announcement = "".join(server.stdout)
        token = server.url.split("token=", 1)[1]
        assert announcement.count(token) == 1  # printed once
        bare = server.url.split("?", 1)[0]
        for url in (bare, bare + "?token=wrong", bare + "static/js/textual.js", bare + "ws"):
            status, _, _ = get(url)
            assert status == 403, url
        status, headers, page = get(server.url)
        assert status == 200 and "textual.js" in page
        cookie = headers["Set-Cookie"]
        assert token in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        with pytest.raises(Exception, match="403"):
            read_tab(bare, TITLE)  # a tab without the token (nor its cookie)
        assert TITLE in read_tab(server.url, TITLE)  # the page's cookie lets its tab in
        assert server.stop() == 0
    # (the client's own address is 127.0.0.1: Linux answers 127.0.0.2 from there)
    assert "refused GET / from 127.0.0.1: no valid token" in server.log
    assert "refused GET /ws from 127.0.0.1: no valid token" in server.log
    assert token not in server.log and "wrong" not in server.log


def test_open_starts_the_default_browser_on_the_address(
    map_copy: Path, served_env: dict[str, str], tmp_path: Path
) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(
        f"import sys, pathlib\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n"
    )
    env = {**served_env, "BROWSER": f"{sys.executable} {browser} %s"}
    with Served(map_copy, "--open", env=env) as server:
        wait_until(opened.exists, 20, "the browser to be started")
        assert opened.read_text() == server.url
        assert server.stop() == 0
