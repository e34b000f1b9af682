"""Never losing work: saving, changed files, quitting, the journal, reloads and $EDITOR."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from debate.journal import SUFFIX, legacy_journal_path
from debate.store import load_map
from debate.tui.app import DebateApp
from debate.tui.screens.errors import ErrorScreen
from debate.tui.screens.loading import LoadingScreen
from debate.tui.screens.main import MapScreen
from debate.tui.screens.modals import ChoiceModal
from tests.tui.conftest import until_map_shown

pytestmark = pytest.mark.anyio


def header(app) -> str:
    return str(app.screen.query_one("#header").render())


def journals(map_path: Path) -> list[Path]:
    """The journals beside a map (each running app keeps its own)."""
    return sorted(map_path.parent.glob(f".{map_path.name}*{SUFFIX}"))


def fake_editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that records its arguments and runs ``body`` on the file (last argument)."""
    script = tmp_path / "editor.py"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"pathlib.Path({str(tmp_path / 'editor-args')!r}).write_text(' '.join(sys.argv[1:]))\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text()\n" + body + "\npath.write_text(text)\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


async def test_save_keeps_comments_and_refuses_to_clobber(open_sample, sample: Path) -> None:
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "1")
        journal = app.session.journal.path
        assert journal.exists() and "unsaved (1)" in header(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = sample.read_text()
        assert "# A small map for the app's tests." in text
        assert "weight = 1" in text and not journal.exists()
        assert "unsaved" not in header(app)
        # someone else writes the file; our next save must ask, not overwrite
        sample.write_text(text.replace('title = "Should', 'title = "Really, should'))
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("c")
        assert "Really, should" in sample.read_text() and "weight = 1" in sample.read_text()
        await pilot.press("ctrl+s", "r")  # reload theirs and re-apply ours
        await pilot.pause()
        argmap = app.screen.session.argmap
        assert argmap.map.title.startswith("Really") and argmap.claims["cheaper"].weight == 2
        assert app.screen.claim_tree.cursor_id == "cheaper"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = sample.read_text()
        assert "Really, should" in text and "weight = 2" in text
        sample.write_text(text.replace("Really, should", "Truly, should"))
        await pilot.press("3", "ctrl+s", "o")  # overwrite, asked for explicitly
        await pilot.pause()
        text = sample.read_text()
        assert "Really, should" in text and "weight = 3" in text


async def test_quit_asks_when_there_are_unsaved_edits(open_sample, sample: Path) -> None:
    app = open_sample()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("j", "0", "q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("c")
        assert isinstance(app.screen, MapScreen)
        await pilot.press("q", "s")
        await pilot.pause()
    assert app.return_value == 0 and "weight = 0" in sample.read_text()
    app = open_sample()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("j", "4", "q", "d")
        await pilot.pause()
    assert "weight = 0" in sample.read_text()
    assert not journals(sample)


async def test_journal_survives_a_crash_and_is_offered_back(open_sample, sample: Path) -> None:
    app = open_sample()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("j", "1", "m", *"crash", "ctrl+s", "u", "ctrl+r", "a", "p", *"N", "enter")
        await pilot.pause()
        crashed = app.screen.session.argmap.model_copy(deep=True)
        journal = app.screen.session.journal.path
        app.screen.session.journal.close()
        app.screen.session = None  # type: ignore[assignment]
        app.session = None  # a crash: nothing gets to clean up
    assert journal.exists()
    app = open_sample()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("r")
        await pilot.pause()
        session = app.screen.session
        assert session.dirty and session.argmap.claims == crashed.claims
        await pilot.press("u")  # the undo history came back too
        assert "n" not in session.argmap.claims
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert not journals(sample)
    assert 'text = "crash"' in sample.read_text()
    # a journal can also be discarded
    journal = legacy_journal_path(sample)
    journal.write_text(
        '{"journal": 1}\n{"do": {"kind": "set", "claim": "tram", "field": "by", "value": "x"}}\n'
    )
    app = open_sample()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert not app.screen.session.dirty and not journal.exists()


def crashed_session(sample: Path, started: str, *edits: object) -> Path:
    """A session that made ``edits`` and was killed; its journal says when it started."""
    import json

    from debate.session import MapSession

    session = MapSession(load_map(sample))
    for edit in edits:
        session.do(edit)  # type: ignore[arg-type]
    assert session.journal is not None
    session.journal.close()
    path = session.journal.path
    lines = path.read_text().split("\n")
    lines[0] = json.dumps({**json.loads(lines[0]), "started": started})
    path.write_text("\n".join(lines))
    return path


async def test_each_crashed_session_is_offered_and_what_failed_is_listed(
    open_sample, sample: Path
) -> None:
    from debate.edits import AddNote, SetField

    first = crashed_session(
        sample,
        "2026-01-01T09:00:00+00:00",
        SetField("cheaper", "weight", 0),
        AddNote("bus-cheap", "n"),
    )
    second = crashed_session(sample, "2026-01-01T10:00:00+00:00", SetField("disruption", "by", "X"))
    text = sample.read_text()
    start = text.index("[claims.bus-cheap]")
    sample.write_text(
        text[:start] + text[text.index("[perspectives", start) :]
    )  # someone removed it
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert "(1 of 2)" in str(app.screen.dialog_title)
        message = str(app.screen.query_one("#dialog-message").render())
        assert "2 unsaved edit(s)" in message and "changed since" in message
        await pilot.press("r")
        assert await wait_for(
            pilot, lambda: "(2 of 2)" in str(getattr(app.screen, "dialog_title", ""))
        )
        said = "\n".join(n.message for n in app._notifications)
        assert "1 step(s) could not be re-applied" in said and "note on bus-cheap" in said
        await pilot.press("l")  # keep the second for later
        await pilot.pause()
        session = app.screen.session
        assert session.argmap.claims["cheaper"].weight == 0 and session.dirty
        assert not first.exists() and second.exists()
        await pilot.press("q", "d")  # quit, dropping what was restored
        await pilot.pause()
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert "of" not in str(app.screen.dialog_title)  # only the one kept for later
        await pilot.press("d")
        await pilot.pause()
        assert not second.exists() and not app.screen.session.dirty


async def test_changes_on_disk_reload_keeping_the_cursor(open_sample, sample: Path) -> None:
    app = open_sample(watch=True)
    async with app.run_test() as pilot:
        await pilot.pause(0.3)
        tree = app.screen.claim_tree
        tree.select("disruption")
        sample.write_text(sample.read_text().replace("two years", "three years"))
        for _ in range(40):
            await pilot.pause(0.1)
            if "three years" in app.screen.session.argmap.claims["disruption"].text:
                break
        assert "three years" in app.screen.session.argmap.claims["disruption"].text
        assert tree.cursor_id == "disruption"
        # with unsaved edits it asks first
        await pilot.press("1")
        sample.write_text(sample.read_text().replace("three years", "four years"))
        for _ in range(40):
            await pilot.pause(0.1)
            if isinstance(app.screen, ChoiceModal):
                break
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("r")
        await pilot.pause()
        claim = app.screen.session.argmap.claims["disruption"]
        assert "four years" in claim.text and claim.weight == 1
        assert tree.cursor_id == "disruption"


async def wait_for(pilot, condition, tries: int = 50) -> bool:
    for _ in range(tries):
        await pilot.pause(0.1)
        if condition():
            return True
    return False


async def test_the_watcher_survives_reloading_a_broken_file(
    open_sample, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing "reload" on a file that became invalid says why and keeps watching."""
    import debate.session

    good = sample.read_text()
    app = open_sample(watch=True)
    async with app.run_test() as pilot:
        await pilot.pause(0.3)
        app.screen.claim_tree.select("disruption")
        await pilot.press("1")  # unsaved work: the app asks before reloading
        # a reader that fails in a way nobody planned for (not a located MapError)
        real = debate.session.open_loaded
        monkeypatch.setattr(
            debate.session, "open_loaded", lambda path: (_ for _ in ()).throw(ValueError("boom"))
        )
        sample.write_text(good.replace("two years", "three years"))
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("r")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MapScreen))
        messages = [n.message for n in app._notifications]
        assert any("boom" in m and "kept what you had" in m for m in messages), messages
        monkeypatch.setattr(debate.session, "open_loaded", real)
        # a broken file, really on disk
        sample.write_text(good.replace("weight = 2", "weight = 9", 1))
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("r")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MapScreen))
        # and a check that fails outright does not stop the watching either
        sync = app.map_screen.file_sync
        calls: list[int] = []

        async def broken_check() -> None:
            calls.append(1)
            raise RuntimeError("a bug in a check")

        monkeypatch.setattr(sync, "check_disk", broken_check)
        sample.write_text(good.replace("two years", "four years"))
        assert await wait_for(pilot, lambda: calls)
        monkeypatch.undo()
        # later changes are still noticed
        sample.write_text(good.replace("two years", "five years"))
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("r")
        await pilot.pause()
        claim = app.screen.session.argmap.claims["disruption"]
        assert "five years" in claim.text and claim.weight == 1


async def test_an_unwritable_folder_is_said_at_once_and_saving_offers_another_place(
    open_sample, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in a read-only folder (simulated: the tests may run as root, who writes anyway)."""
    import os
    import tempfile

    from textual.widgets import Input

    from debate.tui.screens.modals import TextModal

    folder = sample.parent
    real_access, real_mkstemp = os.access, tempfile.mkstemp

    def access(path: object, mode: int, **kwargs: object) -> bool:
        return Path(str(path)) != folder and real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    def mkstemp(*args: object, dir: object = None, **kwargs: object) -> tuple[int, str]:
        if Path(str(dir)) == folder:
            raise PermissionError(13, "Permission denied", f"{folder}/.tram.toml.k2j3.tmp")
        return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    elsewhere = tmp_path / "elsewhere" / "tram.toml"
    elsewhere.parent.mkdir()
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("crash protection is off" in m and str(folder) in m for m in said), said
        await pilot.press("j", "1", "ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        message = str(app.screen.query_one("#dialog-message").render())
        assert str(sample) in message and ".tmp" not in message
        await pilot.press("a")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextModal))
        app.screen.query_one(Input).value = str(sample)  # exists: asked again, saying why
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: "already exists" in str(app.screen.dialog_title))
        app.screen.query_one(Input).value = str(elsewhere)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MapScreen))
        assert load_map(elsewhere).argmap.claims["cheaper"].weight == 1
        assert "weight = 3" in sample.read_text()  # the original is untouched
        session = app.screen.session
        assert app.path == elsewhere and session.path == elsewhere and not session.dirty
        await pilot.press("2", "ctrl+s")  # the next save goes to the new file
        await pilot.pause()
        assert "weight = 2" in elsewhere.read_text() and not session.dirty
        assert session.journal is not None and session.journal.path.parent == elsewhere.parent


async def test_editor_opens_at_the_claim_and_the_map_reloads(
    open_sample, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = fake_editor(tmp_path, "text = text.replace('Tram projects', 'Big projects')")
    monkeypatch.setenv("EDITOR", editor)
    app = open_sample()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.claim_tree.select("cost-overrun")
        await pilot.press("e")
        await pilot.pause(0.5)
        line = sample.read_text().splitlines().index("[claims.cost-overrun]") + 1
        assert (tmp_path / "editor-args").read_text() == f"+{line} {sample}"
        claim = app.screen.session.argmap.claims["cost-overrun"]
        assert claim.text.startswith("Big projects")
        assert app.screen.claim_tree.cursor_id == "cost-overrun"


async def test_a_broken_file_opens_to_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from debate.errors import MapError

    broken = tmp_path / "broken.toml"
    broken.write_text(
        '[claims.a]\ntext = "A"\n\n[claims.b]\nparent = "a"\nstance = "pro"\ntext = "B"\nweight = 9\n'
    )
    with pytest.raises(MapError) as caught:
        load_map(broken)
    editor = fake_editor(tmp_path, "text = text.replace('weight = 9', 'weight = 4')")
    monkeypatch.setenv("EDITOR", editor)
    app = DebateApp(None, path=broken, problems=caught.value.problems, watch=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        shown = app.export_screenshot()
        assert f"{broken}:8:1" in shown.replace("&#160;", " ") or "broken.toml:8:1" in shown
        await pilot.press("e")
        await pilot.pause()
        assert (tmp_path / "editor-args").read_text() == f"+8 {broken}"
        assert isinstance(app.screen, MapScreen)
        assert app.screen.session.argmap.claims["b"].weight == 4


def test_the_command_line_sends_a_broken_map_to_the_error_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import debate.tui.app as app_module
    from debate.cli import main

    opened: list[tuple[object, object]] = []

    class FakeApp:
        def __init__(self, loaded, path=None, problems=None) -> None:
            opened.append((path, problems))

        def run(self) -> int:
            return 0

    monkeypatch.setattr(app_module, "DebateApp", FakeApp)
    broken = tmp_path / "broken.toml"
    broken.write_text("[claims.a]\ntext = 3\n")
    assert main([str(broken)]) == 1  # no terminal: the problems are printed, no app
    assert "broken.toml:2:1: claims.a.text: must be" in capsys.readouterr().err
    assert not opened
    monkeypatch.setattr("debate.commands.open._interactive", lambda: True)
    assert main([str(broken)]) == 0
    path, problems = opened[-1]
    assert path == broken and not problems  # the app reads it (and lists its problems)
    assert main([str(tmp_path / "missing.toml")]) == 1  # nothing to edit: one line, no app
    assert "no such file" in capsys.readouterr().err


async def test_the_shipped_map_is_saved_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from debate.paths import packaged_map_path

    monkeypatch.chdir(tmp_path)
    shipped = packaged_map_path()
    before = shipped.read_bytes()
    app = DebateApp(load_map(shipped), watch=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "arguments.toml" in header(app)
        await pilot.press("j", "0", "ctrl+s")
        await pilot.pause()
    assert shipped.read_bytes() == before
    saved = load_map(tmp_path / "arguments.toml").argmap
    assert saved.claims[next(iter(saved.claims))].text
    assert any(claim.weight == 0 for claim in saved.claims.values())
    # the documents it cites and its schema came along: lint finds every source
    from debate.cli import main

    assert main(["lint", str(tmp_path / "arguments.toml")]) == 0
    schema = (tmp_path / "arguments.toml").read_text().splitlines()[0].removeprefix("#:schema ")
    assert (tmp_path / schema).is_file()
    cited = {source.path for source in saved.sources.values() if source.path}
    assert cited and all((tmp_path / path).is_file() for path in cited)


def test_files_taken_along_stay_inside_both_folders(tmp_path: Path) -> None:
    """A saved-elsewhere map brings only regular files from inside its own folder, into the
    new folder only, and never over a file that is there (a map is untrusted input)."""
    from debate.model import Source
    from debate.opener import take_companions

    origin_folder, target_folder = tmp_path / "from", tmp_path / "to"
    (origin_folder / "docs").mkdir(parents=True)
    target_folder.mkdir()
    (origin_folder / "docs" / "a.md").write_text("A")
    (origin_folder / "docs" / "kept.md").write_text("new")
    (target_folder / "docs").mkdir()
    (target_folder / "docs" / "kept.md").write_text("mine")
    (tmp_path / "secret.txt").write_text("secret")
    (origin_folder / "docs" / "link.md").symlink_to(tmp_path / "secret.txt")
    (origin_folder / "out").mkdir()
    (origin_folder / "out" / "x.md").write_text("X")
    (tmp_path / "planted").mkdir()
    (target_folder / "out").symlink_to(tmp_path / "planted")  # a link out of the target
    os.mkfifo(origin_folder / "docs" / "fifo.md")  # would block a plain read
    paths = ["docs/a.md", "docs/kept.md", "../secret.txt", "docs/link.md", "/etc/hostname"]
    paths += ["docs/missing.md", "docs/../../to/../secret.txt", "out/x.md", "docs/fifo.md"]
    sources = {f"s{index}": Source(title="t", path=path) for index, path in enumerate(paths)}
    taken = take_companions(
        origin_folder / "map.toml",
        target_folder / "map.toml",
        "#:schema https://x/s.json\n",
        sources,
    )
    assert taken == ["docs/a.md"]
    assert (target_folder / "docs" / "a.md").read_text() == "A"
    assert (target_folder / "docs" / "kept.md").read_text() == "mine"
    assert not (target_folder / "docs" / "link.md").exists()
    assert not list((tmp_path / "planted").iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["from", "planted", "secret.txt", "to"]


async def test_back_from_the_editor_with_a_broken_file_lists_every_problem(
    open_sample, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    breaks = "text = text.replace('weight = 3', 'weight = 9').replace('\"con\"', '\"sideways\"')"
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, breaks))
    app = open_sample(watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        map_screen = app.screen
        await pilot.press("j", "e")
        for _ in range(20):  # the watcher sees the change too: still one list, no notices
            await pilot.pause(0.05)
        assert len(getattr(app.screen, "problems", [])) >= 3  # every problem, as at launch
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "tram.toml:" in shown and "weight" in shown and "sideways" in shown
        assert not [n for n in app._notifications if "has errors" in str(n.message)]
        # e: the editor at the first problem; once the file loads, back to the map
        fixes = "text = text.replace('weight = 9', 'weight = 4').replace('sideways', 'con')"
        monkeypatch.setenv("EDITOR", fake_editor(tmp_path, fixes))
        first = app.screen.problems[0]
        await pilot.press("e")
        await pilot.pause()
        assert (tmp_path / "editor-args").read_text() == f"+{first.line} {sample}"
        assert app.screen is map_screen
        assert map_screen.session.argmap.claims["cheaper"].weight == 4


async def test_a_map_being_read_shows_a_loading_screen_and_the_app_stays_live(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big map takes seconds to read: the app paints "Opening…" first and reads the file
    in a thread, so keys and repaints go on meanwhile (the file is held until released)."""
    import threading

    import debate.tui.app as app_module

    release = threading.Event()
    real_open = app_module.open_map

    def slow_open(path, **options):
        release.wait(10)
        return real_open(path, **options)

    monkeypatch.setattr(app_module, "open_map", slow_open)
    app = DebateApp(None, path=sample, watch=False, journal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Opening tram.toml…" in app.export_screenshot().replace("&#160;", " ")
        assert isinstance(app.screen, LoadingScreen)
        ticks: list[int] = []
        app.set_interval(0.01, lambda: ticks.append(1))
        await pilot.pause(0.2)
        assert len(ticks) >= 3  # the event loop runs while the file is read
        release.set()
        await until_map_shown(pilot)


async def test_editing_the_shipped_map_edits_a_saved_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``e`` never opens the map inside debate's installation: it offers to save a copy where
    ctrl+s would, and the editor gets the copy (with the unsaved edit in it)."""
    from debate.paths import packaged_map_path

    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, "text = text"))
    shipped = packaged_map_path()
    before = shipped.read_bytes()
    app = DebateApp(load_map(shipped), watch=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("j", "0", "e")
        await pilot.pause()
        assert "shipped with debate" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("c")  # cancel: nothing written, nothing edited
        await pilot.pause()
        assert not (work / "arguments.toml").exists()
        assert not (tmp_path / "editor-args").exists()
        await pilot.press("e", "s")
        await pilot.pause(0.5)
        copy = work / "arguments.toml"
        assert (tmp_path / "editor-args").read_text().endswith(str(copy))
        assert app.screen.session.path == copy and not app.screen.session.dirty
    assert shipped.read_bytes() == before
    assert any(claim.weight == 0 for claim in load_map(copy).argmap.claims.values())


async def test_save_as_is_a_key_and_a_palette_command(
    open_sample, sample: Path, tmp_path: Path
) -> None:
    """``S`` saves to another file at any time (not only when the map's own file fails), and
    the app then edits that file; the original stays as it was."""
    from textual.widgets import Input

    from debate.tui.keys import PALETTE
    from debate.tui.screens.modals import TextModal

    assert "save-as" in PALETTE
    copy = tmp_path / "copy" / "tram-mine.toml"
    copy.parent.mkdir()
    before = sample.read_text()
    app = open_sample()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "1", "S")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextModal))
        app.screen.query_one(Input).value = str(copy)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MapScreen))
        assert app.screen.session.path == copy and not app.screen.session.dirty
    assert load_map(copy).argmap.claims["cheaper"].weight == 1
    assert sample.read_text() == before
