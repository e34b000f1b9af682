"""Keeping the work and its file in step: save, reload, disk checks and ``$EDITOR``.

The map screen's keys (``ctrl+s``, ``e``) and the app (its file watcher, quit) all come
here, so every path that touches the file asks the same questions: a file that changed on
disk is never overwritten silently, and unsaved edits are never dropped without asking.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from debate.errors import DebateError, FileChangedError, MapError, Problem
from debate.locate import KeyLocator
from debate.opener import take_companions
from debate.paths import is_shipped
from debate.session import SaveError
from debate.tui.access import debate_app
from debate.tui.screens.errors import BrokenFileScreen
from debate.tui.screens.modals import Choice, ChoiceModal, TextModal

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen


class FileSync:
    """The file side of one map screen.

    Remembers a disk version the user chose to keep theirs over, so the watcher does not
    ask again about the same change, and whether it is already asking.
    """

    def __init__(self, screen: MapScreen) -> None:
        self.screen = screen
        self._declined_sha: str | None = None
        self._asking = False
        self._broken_sha: str | None = None  # a broken version of the file already reported
        self._list_problems = False  # back from $EDITOR: a broken file shows all its problems
        self._unshown: list[Problem] = []
        self._problems_screen: BrokenFileScreen | None = None

    async def save(self) -> bool:
        """Save; when the file changed on disk, ask: re-apply on theirs, overwrite, cancel."""
        screen = self.screen
        session = screen.session
        origin, text = session.path, session.loaded.text
        try:
            path = session.save()
        except FileChangedError as error:
            answer = await screen.app.push_screen_wait(
                ChoiceModal(
                    "Not saved: the file changed on disk",
                    Text(str(error) + "\nSomeone (or your editor) wrote to it since it was read."),
                    [
                        Choice("replay", "r", "reload it and re-apply my edits"),
                        Choice("force", "o", "overwrite it with mine"),
                        Choice("cancel", "c", "cancel"),
                    ],
                )
            )
            if answer == "replay":
                self.reload(keep_edits=True)
                return False
            if answer != "force":
                return False
            try:
                path = session.save(force=True)
            except SaveError as error:
                return await self.offer_save_as(str(error))
            except (DebateError, OSError) as error:
                screen.notify(f"Not saved: {error}", severity="error", markup=False)
                return False
        except SaveError as error:
            return await self.offer_save_as(str(error))
        except (DebateError, OSError) as error:
            screen.notify(f"Not saved: {error}", severity="error", markup=False)
            return False
        self._declined_sha = None
        screen.refresh_header()
        along = self._take_along(origin, text, path)
        screen.notify(f"Saved {path}{along}", markup=False, timeout=4 if along else 2)
        return True

    def _take_along(self, origin: Path | None, text: str, saved: Path) -> str:
        """A map saved into another folder takes the files it cites along (the shipped map
        saved to ``./arguments.toml``); returns what to add to the notice."""
        if origin is None:
            return ""
        taken = take_companions(origin, saved, text, self.screen.session.argmap.sources)
        return f", with the {len(taken)} file(s) it cites: {', '.join(taken)}" if taken else ""

    async def offer_save_as(self, why: str) -> bool:
        """The map's own file cannot be written: offer another place (nothing is lost)."""
        answer = await self.screen.app.push_screen_wait(
            ChoiceModal(
                "Not saved",
                Text(f"{why}\nYour edits are kept here, unsaved."),
                [
                    Choice("save-as", "a", "save as another file…"),
                    Choice("cancel", "c", "cancel"),
                ],
            )
        )
        return answer == "save-as" and await self.save_as()

    async def save_as(self) -> bool:
        """Ask for a path and save there; the app then edits and watches that file.

        A path that cannot be used (it exists, or cannot be written either) asks again,
        saying why, until the user saves or cancels.
        """
        screen = self.screen
        session = screen.session
        name = session.save_path.name if session.save_path is not None else "arguments.toml"
        origin, text = session.path, session.loaded.text
        value = str(Path.home() / name)
        title = "Save as"
        while True:
            typed = await screen.app.push_screen_wait(
                TextModal(title, value, hint="enter saves · escape cancels · ~ is your home")
            )
            if typed is None or not typed.strip():
                return False
            value = typed.strip()
            try:
                path = session.save_as(Path(value).expanduser())
            except DebateError as error:
                title = f"Save as — not saved: {error}"
                continue
            break
        debate_app(screen).follow_file(path)
        self._declined_sha = None
        screen.refresh_header()
        along = self._take_along(origin, text, path)
        screen.notify(f"Saved {path}{along}; editing that file now", markup=False, timeout=4)
        return True

    def reload(self, keep_edits: bool) -> bool:
        """Read the file again, keeping the cursor on the same claim."""
        screen = self.screen
        try:
            failures = screen.session.reload(keep_edits=keep_edits)
        except MapError as error:
            self._report_broken(error.problems)
            return False
        self._broken_sha = None
        screen.after_change(None)
        if failures:
            debate_app(screen).report_not_applied(failures, "unsaved change(s) no longer apply")
        elif keep_edits and screen.session.dirty:
            screen.notify("Reloaded and re-applied your edits (unsaved)", timeout=3)
        else:
            screen.notify("Reloaded from disk", timeout=2)
        return True

    def _report_broken(self, problems: list[Problem]) -> None:
        """The file on disk does not load. Back from ``$EDITOR`` the full list shows (as at
        launch); otherwise one notice per broken version of the file, however often the
        watcher sees it."""
        if self._problems_screen is not None:
            self._problems_screen.show_problems(problems)
            return
        if self._list_problems:
            self._unshown = problems
            return
        sha = self.screen.session.disk_sha()
        if sha is not None and sha == self._broken_sha:
            return
        self._broken_sha = sha
        self.screen.notify(
            f"The file on disk has errors; kept what you had.\n{problems[0]}",
            severity="error",
            markup=False,
            timeout=8,
        )

    async def check_disk(self) -> None:
        """The file may have changed on disk: reload, asking first if we have unsaved edits."""
        session = self.screen.session
        if self._problems_screen is not None:
            self.retry_broken_file(quiet=True)
            return
        if self._asking or not session.changed_on_disk():
            return
        if not session.dirty:
            self.reload(keep_edits=False)
            return
        sha = session.disk_sha()
        if sha == self._declined_sha:
            return
        self._asking = True
        try:
            answer = await self.screen.app.push_screen_wait(
                ChoiceModal(
                    "The file changed on disk",
                    Text(f"You have {session.history.unsaved} unsaved edit(s) here."),
                    [
                        Choice("replay", "r", "reload and re-apply my edits"),
                        Choice("drop", "d", "reload and drop my edits"),
                        Choice("keep", "k", "keep mine (saving will ask)"),
                    ],
                )
            )
        finally:
            self._asking = False
        if answer == "replay":
            self.reload(keep_edits=True)
        elif answer == "drop":
            self.reload(keep_edits=False)
        else:
            self._declined_sha = sha

    async def edit_in_editor(self) -> None:
        """Open ``$EDITOR`` at the claim under the cursor (offering to save first), then
        pick up what was written."""
        screen = self.screen
        session = screen.session
        if session.path is None:
            screen.notify("This map has no file to edit yet: ctrl+s saves it to one", timeout=3)
            return
        if is_shipped(session.path):
            if not await self._copy_shipped_map_first():
                return
        elif session.dirty:
            answer = await screen.app.push_screen_wait(
                ChoiceModal(
                    "You have unsaved edits",
                    "Save them before editing the file by hand?",
                    [
                        Choice("save", "s", "save, then edit"),
                        Choice("edit", "e", "edit anyway (I will be asked on return)"),
                        Choice("cancel", "c", "cancel"),
                    ],
                )
            )
            if answer == "save":
                if not await self.save():
                    return
            elif answer != "edit":
                return
        claim_id = screen.claim_tree.cursor_id
        line, col = 1, 1
        if claim_id is not None:
            line, col = KeyLocator(session.loaded.text).find(("claims", claim_id))
        debate_app(screen).run_editor(session.path, line, col)
        await self.after_editor()

    async def _copy_shipped_map_first(self) -> bool:
        """The shipped map is part of debate's installation: it is never edited in place.
        ``e`` saves it (with any unsaved edits) where ctrl+s would, then edits that copy."""
        session = self.screen.session
        answer = await self.screen.app.push_screen_wait(
            ChoiceModal(
                "This is the map shipped with debate",
                Text(
                    "It is part of debate's installation and is not edited in place.\n"
                    f"Save a copy as {session.save_path} and edit that?"
                ),
                [
                    Choice("save", "s", "save a copy, then edit it"),
                    Choice("cancel", "c", "cancel"),
                ],
            )
        )
        return answer == "save" and await self.save() and not is_shipped(session.path)

    async def after_editor(self) -> None:
        """Pick up what the editor wrote; a file that no longer loads lists its problems."""
        self._list_problems = True
        try:
            await self.check_disk()
        finally:
            self._list_problems = False
        problems, self._unshown = self._unshown, []
        if not problems or self.screen.session.path is None:
            return
        self._broken_sha = self.screen.session.disk_sha()
        self._problems_screen = BrokenFileScreen(self.screen.session.path.name, problems, self)
        try:
            await self.screen.app.push_screen_wait(self._problems_screen)
        finally:
            self._problems_screen = None

    def edit_broken_file(self, line: int, col: int) -> None:
        """``e`` on the problem list: the editor at the problem, then try again."""
        path = self.screen.session.path
        if path is not None:
            debate_app(self.screen).run_editor(path, line, col)
        self.retry_broken_file()

    def retry_broken_file(self, quiet: bool = False) -> None:
        """Read the file again; once it loads, the list closes and the map carries on (with
        any unsaved edits re-applied on top)."""
        problems_screen = self._problems_screen
        if problems_screen is None:
            return
        if self.reload(keep_edits=self.screen.session.dirty):
            problems_screen.dismiss("loaded")
        elif not quiet:
            self.screen.notify("Still not loadable", severity="error", timeout=2)
