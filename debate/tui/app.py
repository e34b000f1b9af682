"""The terminal app: opens a map (or the list of its problems) and keeps the file in sync.

The app itself is thin: settings (keys, theme), the file watcher, ``$EDITOR`` and the
quit/restore questions. The map screen does the rest; the session keeps the work safe.
"""

from __future__ import annotations

from debate.perf import collector_paused, keep_for_good

# Importing Textual and the app's modules makes a few hundred thousand objects that live as
# long as the app and no garbage: the cyclic collector's passes over them were an eighth of
# the import (~60 ms of every start).
with collector_paused():
    import asyncio
    import os
    import subprocess
    from pathlib import Path

    from rich.text import Text
    from textual import events, work
    from textual.app import App, SuspendNotSupported
    from textual.theme import Theme
    from textual.worker import get_current_worker
    from watchfiles import awatch

    from debate.display import visible
    from debate.editor import editor_command
    from debate.errors import MapError, Problem
    from debate.journal import JournalContents
    from debate.opener import OpenedMap, open_map
    from debate.session import MapSession
    from debate.store import LoadedMap
    from debate.tui import crux_search
    from debate.tui.config import Config, load_config, save_theme
    from debate.tui.key_hold import KeyHold
    from debate.tui.keys import APP_BINDINGS, KNOWN_IDS
    from debate.tui.screens.errors import ErrorScreen
    from debate.tui.screens.help import HelpScreen
    from debate.tui.screens.loading import LoadingScreen
    from debate.tui.screens.main import MapScreen
    from debate.tui.screens.modals import Choice, ChoiceModal

WATCH_DEBOUNCE_MS = 150
FAILURES_SHOWN = 12


class _Closed(Exception):
    """Raised in the reading thread, between two pieces, once the app is closing."""


class DebateApp(App[int]):
    """Navigate, weigh, annotate and edit one argument map."""

    CSS_PATH = "app.tcss"
    BINDINGS = APP_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        opened: OpenedMap | LoadedMap | None = None,
        *,
        path: str | Path | None = None,
        problems: list[Problem] | None = None,
        watch: bool = True,
        journal: bool = True,
    ) -> None:
        super().__init__()
        crux_search.prepare()  # before the app takes over sys.stderr (see there)
        if isinstance(opened, LoadedMap):
            opened = OpenedMap(opened)
        loaded = opened.loaded if opened is not None else None
        self.notice = opened.notice if opened is not None else None
        # another tool's file is not watched: it is not the file that will be saved
        watch = watch and not (opened is not None and opened.imported)
        self.loaded = loaded
        self.path: Path | None = loaded.path if loaded is not None else Path(path) if path else None
        self.problems = problems or []
        self.watch_file = watch
        self.use_journal = journal
        self.session: MapSession | None = None
        self.map_screen: MapScreen | None = None
        self.config = Config()
        self.user_keymap: dict[str, str] = {}
        self._watch_stop = asyncio.Event()
        self.key_hold = KeyHold()

    async def on_event(self, event: events.Event) -> None:
        """Keys typed while an edit is between two dialogs wait for the next one (key_hold)."""
        if not self.key_hold.keep(self, event):
            await super().on_event(event)

    # ------------------------------------------------------------------ start

    def on_mount(self) -> None:
        self.apply_config(load_config())
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.loaded is None and not self.problems and self.path is not None:
            loading = LoadingScreen(self.path.name)
            self.push_screen(loading)
            # painted before the file is read: the reading starts after the first frame
            self.call_after_refresh(self.load_in_background, self.path, loading)
            return
        if self.loaded is not None:
            self.open_map(self.loaded)
            if self.notice:
                self.notify(self.notice, timeout=12)
        else:
            name = str(self.path) if self.path is not None else "map"
            self.push_screen(ErrorScreen(name, self.problems))
        if self.watch_file and self.path is not None:
            self.watch_disk(self.path)

    @work(thread=True, group="load", exclusive=True, exit_on_error=False)
    def load_in_background(self, path: Path, loading: LoadingScreen | None = None) -> None:
        """Read the map in a thread, then show it. A big file is parsed in pieces, so the
        loading screen stays live between them and shows how much has been read; quitting
        meanwhile stops the reading at the next piece (the process would otherwise wait for
        the whole file before it could end)."""
        worker = get_current_worker()

        def read(share: float) -> None:
            if worker.is_cancelled:  # the app is closing: stop reading
                raise _Closed
            if loading is not None:
                loading.read(share)

        with collector_paused():
            try:
                opened = open_map(path, progress=read)
            except _Closed:
                return
            except MapError as error:
                self.call_from_thread(self._show_problems, str(path), error.problems)
                return
            session = MapSession(  # scoring a big map, off the event loop too
                opened.loaded, journal=self.use_journal, on_journal_problem=self._journal_failed
            )
            keep_for_good()  # the map lives as long as the app: out of the collector's passes
        self.call_from_thread(self._loaded, opened, session)

    def _show_problems(self, name: str, problems: list[Problem]) -> None:
        self.problems = problems
        self.switch_screen(ErrorScreen(name, problems))
        if self.watch_file and self.path is not None:
            self.watch_disk(self.path)

    def _loaded(self, opened: OpenedMap, session: MapSession) -> None:
        self.notice = opened.notice
        self.open_map(opened.loaded, session)
        if self.notice:
            self.notify(self.notice, timeout=12)
        if self.watch_file and not opened.imported and self.path is not None:
            self.watch_disk(self.path)

    def apply_config(self, config: Config) -> None:
        self.config = config
        unknown = sorted(set(config.keys) - KNOWN_IDS)
        keymap = {key: value for key, value in config.keys.items() if key in KNOWN_IDS}
        self.user_keymap = keymap
        if keymap:
            self.set_keymap(keymap)
        problems = list(config.problems)
        if unknown:
            problems.append("unknown key binding ids in the config: " + ", ".join(unknown))
        if config.theme:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                problems.append(f"unknown theme {config.theme!r} in the config")
        for problem in problems:
            self.notify(visible(problem), severity="warning", markup=False, timeout=6)

    def _remember_theme(self, theme: Theme) -> None:
        problem = save_theme(theme.name)
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def open_map(self, loaded: LoadedMap, session: MapSession | None = None) -> None:
        self.loaded = loaded
        self.session = session or MapSession(
            loaded, journal=self.use_journal, on_journal_problem=self._journal_failed
        )
        if loaded.path is not None:
            self.path = loaded.path
        screen = self.map_screen = MapScreen(self.session)
        if isinstance(self.screen, ErrorScreen | LoadingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        problem = self.session.journal_problem()
        if problem is not None:
            self._journal_failed(problem)
        self.key_hold.flows.add(self.offer_restore())  # keys typed meanwhile wait for it

    def _journal_failed(self, problem: str) -> None:
        """Crash protection is off: say so at once, and what to do about it."""
        self.notify(
            f"{problem}. Unsaved edits would be lost in a crash: save often "
            "(ctrl+s offers another place if this one cannot be written).",
            title="No crash protection",
            severity="error",
            markup=False,
            timeout=30,
        )

    @work(group="restore")
    async def offer_restore(self) -> None:
        """Offer back, one by one, the unsaved work each crashed session left."""
        session = self.session
        if session is None:
            return
        pending = session.pending_journals()
        disk = session.loaded.fingerprint.sha256 if session.loaded.fingerprint else None
        for number, contents in enumerate(pending, 1):
            if self.session is not session:  # another map was opened meanwhile
                contents.release()
                continue
            title = "Restore unsaved edits?"
            if len(pending) > 1:
                title += f" ({number} of {len(pending)})"
            message = Text(
                f"A session that ended without saving (started {contents.started or 'earlier'}) "
                f"left {contents.edits} unsaved edit(s)."
            )
            if contents.saved_sha != disk:
                message.append("\nThe file has changed since: they will be re-applied to it.")
            if number > 1 and session.dirty:
                message.append("\nThey will be added to the edits already restored.")
            answer = await self.push_screen_wait(
                ChoiceModal(
                    title,
                    message,
                    [
                        Choice("restore", "r", "restore them"),
                        Choice("later", "l", "keep them for later"),
                        Choice("discard", "d", "discard them"),
                    ],
                )
            )
            if answer == "restore":
                self._restore(session, contents)
            elif answer == "discard":
                contents.remove()
            else:
                contents.release()

    def _restore(self, session: MapSession, contents: JournalContents) -> None:
        failures = session.restore(contents)
        if self.map_screen is not None:
            self.map_screen.after_change(None)
        self.notify(f"Restored {contents.edits} unsaved edit(s)", timeout=4)
        self.report_not_applied(failures, "step(s) could not be re-applied")

    def report_not_applied(self, failures: list[str], what: str) -> None:
        """List the steps a restore or reload could not re-apply, each on its own line."""
        if not failures:
            return
        shown = failures[:FAILURES_SHOWN]
        lines = "\n".join(f"· {visible(failure)}" for failure in shown)
        if len(failures) > len(shown):
            lines += f"\n… and {len(failures) - len(shown)} more"
        self.notify(
            f"{len(failures)} {what}:\n{lines}", severity="warning", markup=False, timeout=30
        )

    # ------------------------------------------------------------------ errors screen

    def retry_load(self) -> None:
        if self.path is None:
            return
        try:
            opened = open_map(self.path)
        except MapError as error:
            screen = self.screen
            if isinstance(screen, ErrorScreen):
                screen.show_problems(error.problems)
            self.notify("Still not loadable", severity="error", timeout=2)
            return
        self.open_map(opened.loaded)
        self.notify("The map loads now", timeout=2)
        if opened.notice:
            self.notify(opened.notice, timeout=12)

    def edit_file_at(self, line: int, col: int = 1) -> None:
        if self.path is None:
            return
        self.run_editor(self.path, line, col)
        self.retry_load()

    # ------------------------------------------------------------------ editor and watcher

    def run_editor(self, path: Path, line: int, col: int = 1) -> bool:
        """Open ``$EDITOR`` at a line; the app suspends and resumes around it."""
        if self.is_web:  # no terminal to lend it: the tab's keystrokes would reach it raw
            self.notify("No $EDITOR in a browser tab; edits to the file show up here.")
            return False
        command = editor_command(path, line, col)
        try:
            try:
                with self.suspend():
                    result = subprocess.run(command, check=False)
            except SuspendNotSupported:  # headless (tests): just run it
                result = subprocess.run(command, check=False, capture_output=True)
        except (FileNotFoundError, PermissionError) as error:
            self.notify(
                f"Could not start the editor {command[0]!r}: {error}. Set $EDITOR.",
                severity="error",
                markup=False,
            )
            return False
        if result.returncode != 0:
            self.notify(f"The editor exited with status {result.returncode}", severity="warning")
        return True

    def follow_file(self, path: Path) -> None:
        """The map now lives in ``path`` (saved as): edit, reload and watch that file."""
        self.path = path
        if self.watch_file:
            self.watch_disk(path)

    @work(group="watch", exclusive=True, exit_on_error=False)
    async def watch_disk(self, path: Path) -> None:
        target = os.path.realpath(path)  # realpath: no RuntimeError on a link loop (3.11)

        def ours(_change: object, changed: str) -> bool:
            return os.path.realpath(changed) == target

        async for _changes in awatch(
            os.path.dirname(target),
            watch_filter=ours,
            debounce=WATCH_DEBOUNCE_MS,
            step=30,
            stop_event=self._watch_stop,
            recursive=False,
        ):
            try:
                await self._disk_changed()
            except Exception as error:  # one bad check must not stop the watching for good
                self.notify(
                    f"Could not check {path.name} after it changed: {error}",
                    severity="error",
                    markup=False,
                    timeout=8,
                )

    async def _disk_changed(self) -> None:
        if isinstance(self.screen, ErrorScreen):
            self.retry_load()
        elif self.map_screen is not None:
            await self.map_screen.file_sync.check_disk()

    # ------------------------------------------------------------------ app actions

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.user_keymap))

    async def action_quit(self) -> None:
        self.key_hold.flows.add(self.confirm_quit())  # keys typed after q answer its question

    @work(group="quit", exclusive=True)
    async def confirm_quit(self) -> None:
        session = self.session
        if session is not None and session.dirty:
            answer = await self.push_screen_wait(
                ChoiceModal(
                    "Quit with unsaved edits?",
                    Text(f"{session.history.unsaved} edit(s) are not saved."),
                    [
                        Choice("save", "s", "save and quit"),
                        Choice("discard", "d", "quit without saving"),
                        Choice("cancel", "c", "cancel"),
                    ],
                )
            )
            if answer == "save":
                screen = self.map_screen
                if screen is None or not await screen.file_sync.save():
                    return
            elif answer == "discard":
                session.discard_journal()
            else:
                return
        self.exit(0)

    async def on_unmount(self) -> None:
        self._watch_stop.set()
        if self.session is not None:
            self.session.close()
