"""What decides a verdict, in the app: the crux view (X), the detail pane's part in the
verdict, the header's fragile mark, and "what would flip this?" tried as a trial."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, ProgressBar, Static

from debate.model import MAX_NUMBER_PARTS, ArgumentMap, MapTree
from debate.scoring.verdict import verdict_number, verdict_word
from debate.store import LoadedMap, load_map
from debate.tui.app import DebateApp
from debate.tui.crux_cache import SYNC_CLAIMS, weigh_root
from debate.tui.crux_search import Limits
from debate.tui.screens.crux import CruxScreen
from debate.tui.screens.help import HelpScreen
from debate.tui.widgets.detail import DetailPane
from tests.conftest import DEFAULT_MAP
from tests.tui.conftest import bushy_map, detail, settle

pytestmark = pytest.mark.anyio


@pytest.fixture
def default_copy(tmp_path: Path) -> Path:
    path = tmp_path / "arguments.toml"
    shutil.copyfile(DEFAULT_MAP, path)
    return path


def open_app(path: Path) -> DebateApp:
    return DebateApp(load_map(path), watch=False, journal=False)


def header(app: DebateApp) -> str:
    assert app.map_screen is not None
    return str(app.map_screen.query_one("#header").render())


def fragile_marks(app: DebateApp) -> dict[int, bool]:
    """Each root's number in the header -> whether its verdict is marked fragile (in a word,
    or with ``?`` where the word does not fit)."""
    verdicts = header(app).splitlines()[-1].split(" │ ")[-2]  # whose view may be left out
    shown = re.split(r"  (?=\d+ )", verdicts)
    return {int(part.split()[0]): part.endswith((" fragile", "?")) for part in shown}


def command_line_report(path: Path) -> dict[str, Any]:
    """What ``debate crux FILE --json --limit 0`` prints, run as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "debate", "crux", str(path), "--json", "--limit", "0"],
        capture_output=True,
        text=True,
        check=True,
        cwd=path.parent,
        env={**os.environ, "NO_COLOR": "1"},
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def option_texts(view: CruxScreen) -> dict[str, str]:
    options = view.query_one(OptionList)
    texts = {}
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        if option.id is not None:
            texts[option.id] = str(option.prompt)
    return texts


async def test_every_number_shown_is_the_one_the_command_line_prints(default_copy: Path) -> None:
    report = command_line_report(default_copy)
    app = open_app(default_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.map_screen
        assert screen is not None
        marks = fragile_marks(app)
        for index, root in enumerate(report["roots"], 1):
            strength = root["strength"]
            assert f"{index} {verdict_word(strength)} {verdict_number(strength)}" in header(app)
            assert marks[index] == root["robustness"]["fragile"], header(app)
            screen.claim_tree.select(root["root"])
            await settle(pilot)
            pane = detail(app)
            holds = "holds" if root["holds"] else "does not hold"
            assert f"verdict {verdict_number(strength, decimals=3)}: {holds} at 0.50" in pane
            for semantics, value in root["robustness"]["verdicts"].items():
                assert f"{semantics} {value:.3f}" in pane
            for crux in root["cruxes"]:
                screen.claim_tree.select(crux["claim"])
                await pilot.pause()
                pane = " ".join(detail(app).split())
                swing = crux["swing"]
                assert (
                    f"swing {swing['low']:.3f} to {swing['high']:.3f} ({swing['size']:.3f})" in pane
                )
                assert (
                    f"credence {crux['credence']:.2f}, weight {crux['weight']}: without it "
                    f"{crux['without']:.3f} (removal {crux['removal']:+.3f}), "
                    f"Shapley {crux['shapley']:+.3f}, "
                    f"slope {crux['gradient']['credence']:+.3f} per credence"
                ) in pane
            # the crux view of the same root: each row's numbers, the flip, robustness
            screen.claim_tree.select(root["root"])
            await pilot.press("X")
            await settle(pilot)
            view = app.screen
            assert isinstance(view, CruxScreen) and view.finished
            rows = option_texts(view)
            assert list(rows) == [crux["claim"] for crux in root["cruxes"]]  # the same order
            for crux in root["cruxes"]:
                row = rows[crux["claim"]]
                swing = crux["swing"]
                assert f"{swing['low']:.3f} " in row and f" {swing['high']:.3f}" in row
                assert f"removal {crux['removal']:+.3f}" in row
                assert f"Shapley {crux['shapley']:+.3f}" in row
                assert ("flips" in row) == crux["flips"]
            flip_text = flip_line(view)
            assert view.query_one(ProgressBar).has_class("hidden")
            flip = root["smallest_flip"]
            for change in flip["changes"]:
                assert f"[{change['claim']}]" in flip_text
                assert f"{change['credence_before']:.2f}" in flip_text
            if flip["strength_after"] is not None:
                assert f"makes the verdict {flip['strength_after']:.3f}" in flip_text
            verdict_text = " ".join(str(view.query_one("#crux-verdict", Static).render()).split())
            for semantics, value in root["robustness"]["verdicts"].items():
                assert f"{semantics} {value:.3f}" in verdict_text
            assert f"add up to {root['shapley']['total']:+.3f}" in verdict_text
            await pilot.press("escape")
            await settle(pilot)


async def test_enter_on_a_crux_lands_on_exactly_that_claim(default_copy: Path) -> None:
    app = open_app(default_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.map_screen
        assert screen is not None
        await pilot.press("X")  # on the first root
        await settle(pilot)
        view = app.screen
        assert isinstance(view, CruxScreen)
        # the deepest claim listed: its branch is collapsed in the tree
        target = max(view.rows, key=lambda crux: crux.depth)
        assert target.depth >= 3 and target.claim not in screen.claim_tree.ids
        for _ in range(view.rows.index(target)):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.claim_tree.cursor_id == target.claim
        assert screen.claim_tree.has_focus
        assert screen.session.argmap.claims[target.claim].text in detail(app)
        await pilot.press("backspace")  # back to where the jump started
        assert screen.claim_tree.cursor_id == "catch-up-2027"


async def test_trying_the_flip_shows_a_trial_undo_removes_and_save_ignores(
    default_copy: Path,
) -> None:
    text = default_copy.read_text()
    app = DebateApp(load_map(default_copy), watch=False, journal=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = app.session
        assert session is not None
        before = session.scorer.strength("catch-up-2027")
        assert before < 0.5
        await pilot.press("X")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert session.trial is not None and not session.dirty
        assert session.scorer.strength("catch-up-2027") >= 0.5  # flipped
        assert "trial" in header(app) and "unsaved" not in header(app)
        change = session.trial.changes[0]
        assert app.map_screen is not None
        app.map_screen.claim_tree.select(change.claim)
        await pilot.pause()
        assert f"trial  {change.describe()}" in detail(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert default_copy.read_text() == text  # nothing of the trial in the file
        assert session.journal is not None and not session.journal.path.exists()
        await pilot.press("u")
        await settle(pilot)
        assert session.trial is None and session.scorer.strength("catch-up-2027") == before
        assert "trial" not in header(app)
        await pilot.press("ctrl+r")  # redo brings it back
        await settle(pilot)
        assert session.trial is not None
        await pilot.press("T")
        await pilot.pause()
        await pilot.press(*"sceptic", "enter")  # a name the map has: refused, the dialog stays
        await pilot.pause()
        assert session.trial is not None and "flipped" not in session.argmap.perspectives
        assert "already a perspective" in str(app.screen.query_one("#error").render())
        await pilot.press(*["backspace"] * len("sceptic"), *"flipped", "enter")
        await settle(pilot)
        assert session.trial is None and session.perspective == "flipped" and session.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        kept = load_map(default_copy).argmap.perspectives["flipped"]
        flip_claims = set(kept.weight) | set(kept.credence)
        assert flip_claims and "# " in default_copy.read_text()  # comments kept


async def test_long_searches_show_progress_and_keys_keep_working(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("debate.tui.screens.crux.LIMITS", Limits(samples=10**9, seconds=60.0))
    app = DebateApp(bushy_map(1500), watch=False, journal=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("X")
        view = app.screen
        assert isinstance(view, CruxScreen)
        bar = view.query_one(ProgressBar)
        for _ in range(1000):  # sampled Shapley values, time-limited: the bar shows
            await pilot.pause(0.01)
            if not bar.has_class("hidden"):
                break
        assert not bar.has_class("hidden") and "working out Shapley values" in flip_line(view)
        options = view.query_one(OptionList)
        first = options.highlighted or 0
        await pilot.press("j", "j")  # the search runs in a child process: keys go on working
        assert options.highlighted == first + 2
        assert searches() and not view.finished
        progress = bar.progress
        for _ in range(200):
            await pilot.pause(0.02)
            if bar.progress != progress:
                break
        assert bar.progress > progress and not view.finished
        await pilot.press("escape")
        await settle(pilot)


def flip_line(view: CruxScreen) -> str:
    return str(view.query_one("#crux-flip", Static).render())


async def test_closing_the_view_stops_its_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("debate.tui.screens.crux.LIMITS", Limits(samples=10**9, seconds=60.0))
    app = DebateApp(bushy_map(1500), watch=False, journal=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("X")
        for _ in range(500):
            await pilot.pause(0.01)
            if searches():
                break
        assert searches()
        await pilot.press("escape")
        await settle(pilot, timeout=5.0)  # far less than the 60 s budget: it stopped
        assert app.screen is app.map_screen and searches() == []


def searches() -> list[multiprocessing.process.BaseProcess]:
    """The crux searches running in child processes."""
    return [c for c in multiprocessing.active_children() if c.name == "debate-crux-search"]


async def test_the_crux_view_is_in_help_and_in_the_palette(default_copy: Path) -> None:
    from debate.tui.keys import key_table

    rows = {info.binding_id: info for info in key_table({})}
    assert rows["crux"].keys == "X" and rows["keep-trial"].keys == "T"
    assert rows["crux"].section == rows["keep-trial"].section == "Weigh"
    app = open_app(default_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = [
            " ".join(str(cell) for cell in row)
            for row in zip(*(column.cells for column in app.screen.table.columns), strict=True)
        ]
        assert "X What decides this verdict (cruxes, what would flip it) crux" in listed
        assert "T Keep the trial as a named perspective keep-trial" in listed
        await pilot.press("escape")
        await pilot.press("j", "ctrl+p", *"what decides")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CruxScreen) and app.screen.root == "catch-up-2027"
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"keep the trial")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and "flipped" not in app.session.argmap.perspectives
        assert app.screen is app.map_screen  # no trial shown: said so, nothing asked


async def test_a_root_alone_has_nothing_to_rank_and_nothing_to_flip() -> None:
    argmap = ArgumentMap.model_validate({"claims": {"alone": {"text": "Alone", "credence": 1.0}}})
    app = DebateApp(LoadedMap(argmap, None, ""), watch=False, journal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # nothing to share out: no search is started, none loops
        assert "robust: every semantics agrees" in detail(app)
        await pilot.press("X")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, CruxScreen) and view.finished and view.rows == []
        assert "nothing to decide it but its own credence" in str(
            view.query_one(OptionList).get_option_at_index(0).prompt
        )
        assert "no change of mind about the claims flips it" in flip_line(view)
        await pilot.press("t")  # nothing to try: said so, the view stays
        await pilot.pause()
        assert app.screen is view and app.session is not None and app.session.trial is None


async def test_on_a_big_map_the_fragile_mark_stays_while_the_verdicts_are_weighed_again(
    default_copy: Path,
) -> None:
    filler = ['\n[claims.filler]\ntext = "A big tree beside the article"\n']
    for index in range(SYNC_CLAIMS):
        filler.append(f'[claims.f{index}]\nparent = "filler"\nstance = "pro"\ntext = "F{index}"\n')
    default_copy.write_text(default_copy.read_text() + "\n".join(filler))
    assert len(load_map(default_copy).argmap.claims) > SYNC_CLAIMS
    app = open_app(default_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert fragile_marks(app)[1]
        await pilot.press("j", "4")  # a weight under the first root: weighed in a worker
        assert app.map_screen is not None and app.map_screen.crux_cache.busy
        assert fragile_marks(app)[1]  # the last known mark, not a flicker
        await settle(pilot)
        session = app.map_screen.session
        fragile = weigh_root(session.scorer, "catch-up-2027").robust.fragile
        assert fragile_marks(app)[1] == fragile  # the new facts shown


async def test_the_fragile_mark_shrinks_to_fit_so_the_verdicts_and_the_scale_stay_whole(
    default_copy: Path,
) -> None:
    app = open_app(default_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        wide = header(app).splitlines()[-1]
        assert "1 toss-up <0.50 fragile" in wide and wide.endswith("│ 0 no … 1 yes")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = header(app).splitlines()[-1]
        assert len(narrow) <= 78 and "…" not in narrow.replace("0 no … 1 yes", "")
        assert narrow.startswith("1 toss-up <0.50?")  # whose view left out: the base map
        assert narrow.endswith("│ 0 no … 1 yes")
        assert fragile_marks(app) == {1: True, 2: False, 3: True}
        await pilot.resize_terminal(93, 30)  # no room for the words, room for the legend
        await settle(pilot)
        assert header(app).splitlines()[-1].endswith("│ 0 no … 1 yes · ? fragile")
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert header(app).splitlines()[-1] == wide


HOSTILE = "[bold]x[/] [/] \x1b[31mred \u202eevil\u2028next \x9b1m"
"""Rich markup (one closing tag would crash a markup parser), an ANSI escape, a bidi override,
a line separator and a C1 control."""


async def test_hostile_claim_text_shows_as_data_in_the_crux_view_and_header() -> None:
    argmap = ArgumentMap.model_validate(
        {
            "map": {"title": f"Title {HOSTILE}"},
            "claims": {
                "root": {"text": f"Root {HOSTILE}"},
                "pro": {"parent": "root", "stance": "pro", "text": f"Pro {HOSTILE}"},
                "con": {"parent": "root", "stance": "con", "text": f"Con {HOSTILE}", "weight": 3},
            },
        }
    )
    app = DebateApp(LoadedMap(argmap, None, ""), watch=False, journal=False)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await pilot.press("X")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, CruxScreen) and view.finished
        title = str(view.query_one("#crux-title", Static).render())
        rows = option_texts(view)
        shown = [title, rows["pro"], rows["con"], flip_line(view), header(app)]
        for text in shown:
            assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202e\u2028]", text.replace("\n", ""))
        seen = r"[bold]x[/] [/] \x1b[31mred \u202eevil\u2028next \x9b1m"
        assert title.endswith(f"Root {seen}")
        assert rows["pro"].splitlines()[0].endswith(f"Pro {seen}")
        assert f"Title {seen}" in header(app)
        await pilot.press("t")  # the flip's trial: the header's trial line, the pane's
        await settle(pilot)
        assert app.session is not None and app.session.trial is not None
        assert "trial" in header(app).splitlines()[1]
        await pilot.press("j")
        await pilot.pause()
        assert r"Pro [bold]x[/] [/] \x1b[31mred \u202eevil" in detail(app)


async def test_the_detail_panes_scrollbar_fits_its_text_once_the_crux_facts_arrive(
    default_copy: Path,
) -> None:
    """The part-in-the-verdict section arrives after the pane is drawn and makes it longer;
    the scrollbar's thumb follows (it used to keep the length of the text before)."""
    app = open_app(default_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in ((), ("j",), ("k",), ("j", "j", "j")):
            await pilot.press(*keys)
            await settle(pilot)
            pane = app.screen.query_one("#detail", DetailPane)
            assert "weighing…" not in detail(app)
            height = pane.scrollable_content_region.height
            assert pane.show_vertical_scrollbar == (pane.virtual_size.height > height), keys
            if pane.show_vertical_scrollbar:
                bar = pane.vertical_scrollbar
                assert (bar.window_virtual_size, bar.window_size) == (
                    pane.virtual_size.height,
                    height,
                ), keys


async def test_the_crux_view_and_pane_never_number_the_whole_map(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Path numbers come from the tree on screen, which numbers a claim when it is shown:
    the map's own numbering works every claim out first (half a second on the main thread
    on 100,000 claims, again after each structural edit)."""

    real_number = MapTree.number

    def whole_map(self: MapTree, claim_id: str, keep: int = MAX_NUMBER_PARTS) -> str:
        if keep == MAX_NUMBER_PARTS:  # the map's own numbering, not the tree column's
            raise AssertionError(f"the whole map numbered for {claim_id}")
        return real_number(self, claim_id, keep)

    monkeypatch.setattr(MapTree, "number", whole_map)
    app = open_app(default_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Its verdict" in detail(app)
        await pilot.press("j", "j")
        await settle(pilot)
        assert "In the verdict of 1" in detail(app)
        await pilot.press("X")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, CruxScreen) and view.finished
        assert str(view.query_one("#crux-title", Static).render()).startswith("What decides 1 ")
        assert "1.2 [sooner-than-that] credence" in flip_line(view)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("k", "k")
        await settle(pilot)
        assert "smallest flip: 1.2 [sooner-than-that]" in detail(app)


def test_weighing_a_root_pauses_the_cyclic_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full collection of a 100,000-claim app's heap holds every thread for about a second;
    the crux work's short-lived containers must not set one off (see weigh_root)."""
    import gc

    from debate.scoring import Scorer
    from debate.scoring import contributions as module

    seen: list[bool] = []
    real = module.contributions

    def watched(scorer: Scorer, root: str) -> Any:
        seen.append(gc.isenabled())
        return real(scorer, root)

    monkeypatch.setattr(module, "contributions", watched)
    assert gc.isenabled()
    weigh_root(Scorer(load_map(DEFAULT_MAP).argmap), "catch-up-2027")
    assert seen == [False] and gc.isenabled()


async def test_the_crux_facts_arriving_leave_the_pane_where_the_user_scrolled_it(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from debate.tui import crux_cache

    go = threading.Event()
    real = crux_cache.weigh_root

    def held(scorer: Any, root: str) -> Any:
        go.wait(timeout=20)  # until the user has scrolled
        return real(scorer, root)

    monkeypatch.setattr(crux_cache, "weigh_root", held)
    app = open_app(default_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("shift+down", "shift+down", "shift+down")
        pane = app.screen.query_one("#detail", DetailPane)
        scrolled = pane.scroll_offset.y
        assert scrolled > 0 and "weighing…" in detail(app)
        go.set()
        await settle(pilot)
        assert "Its verdict" in detail(app) and "weighing…" not in detail(app)
        assert pane.scroll_offset.y == scrolled
        await pilot.press("X")
        await settle(pilot)
        await pilot.press("escape")  # the view's Shapley values and flip come to the pane
        await settle(pilot)
        assert "smallest flip" in detail(app) and pane.scroll_offset.y == scrolled
        await pilot.press("j")  # another claim: from the top
        await pilot.pause()
        assert pane.scroll_offset.y == 0


async def test_an_edit_stops_the_panes_shapley_search_it_makes_stale(
    default_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map screen's exact Shapley search runs in a child process; one whose answer an
    edit has made stale is stopped at once (and one running when the app closes), instead of
    running to its end."""
    import threading
    import time

    from debate.tui import crux_cache
    from debate.tui.crux_search import SearchStopped

    started, stopped = threading.Event(), threading.Event()

    def endless(*args: Any, **kwargs: Any) -> Any:
        started.set()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if kwargs["stopped"]():
                stopped.set()
                raise SearchStopped
            time.sleep(0.01)
        raise AssertionError("never told to stop")

    monkeypatch.setattr(crux_cache, "search", endless)
    app = open_app(default_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            await pilot.pause(0.02)
            if started.is_set():
                break
        assert started.is_set() and not stopped.is_set()
        await pilot.press("j", "3")  # an edit under the root whose values are sought
        for _ in range(500):
            await pilot.pause(0.02)
            if stopped.is_set():
                break
        assert stopped.is_set()
        assert "Could not weigh" not in " ".join(str(n.message) for n in app._notifications)


WHO_IMPORTS_THE_CRUX_CODE = """
import asyncio, importlib.abc, json, sys, threading

seen = {}


class Spy(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in ("debate.scoring.crux", "debate.scoring.contributions"):
            seen.setdefault(name, threading.current_thread().name)


sys.meta_path.insert(0, Spy())
from debate.store import load_map
from debate.tui.app import DebateApp


async def main():
    app = DebateApp(load_map(sys.argv[1]), watch=False, journal=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):  # the pane's verdict (the root's) needs the crux code: wait
            await pilot.pause(0.05)
            if "  verdict " in app.map_screen.query_one("#detail").text.plain:
                break
    print(json.dumps(seen))


asyncio.run(main())
"""


def test_the_crux_code_loads_in_a_worker_never_on_the_event_loop(default_copy: Path) -> None:
    """The numpy-backed crux code (~30 ms to import) is imported by the first weighing, in a
    worker thread: not while the app starts, not by the detail pane's first paint."""
    result = subprocess.run(
        [sys.executable, "-c", WHO_IMPORTS_THE_CRUX_CODE, str(default_copy)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    threads = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(threads) == {"debate.scoring.crux", "debate.scoring.contributions"}, threads
    assert "MainThread" not in threads.values(), threads
