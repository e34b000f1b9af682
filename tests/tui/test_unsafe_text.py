"""The app shows control characters, bidi overrides and line separators as stand-ins, in the
tree, the detail pane, the header and the palette, and never sends one to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.display import UNSAFE, edited, visible
from debate.store import dump_map, load_map
from tests.formats.test_unsafe_text import EVERY_UNSAFE, TEXT, every_field
from tests.tui.conftest import detail, rows

pytestmark = pytest.mark.anyio


def _app(folder: Path):  # type: ignore[no-untyped-def]
    """The app on a map with every unsafe character in every field."""
    from debate.tui.app import DebateApp

    path = folder / "map.toml"
    path.write_text(dump_map(every_field(TEXT)), encoding="utf-8")
    return DebateApp(load_map(path), watch=False)


async def test_every_unsafe_character_is_shown_as_a_stand_in(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        app.screen.claim_tree.select("child")  # type: ignore[attr-defined]
        await pilot.pause()
        shown = rows(app)
        text = detail(app)
        assert all(UNSAFE.findall(row) == [] for row in shown)
        assert UNSAFE.findall(text) == []
        assert any("\\u202eevil\\u202c" in row for row in shown)
        assert "\\u202eevil\\u202c three\\u2028four\\x85five" in text  # text, holder, quotes...
        assert text.count("\\x1b]0;owned title\\x07") >= 4
        assert UNSAFE.findall(str(app.title)) == []
        screen = app.export_screenshot()
        assert UNSAFE.findall(screen) == []
        await pilot.press("ctrl+p")  # the palette lists tags and holders
        await pilot.pause()
        await pilot.press(*"owned")
        await pilot.pause()
        assert UNSAFE.findall(app.export_screenshot()) == []


async def test_edit_fields_show_stand_ins_and_keep_the_characters(tmp_path: Path) -> None:
    """A raw ESC in an input box reaches the terminal like anywhere else; the box shows the
    stand-ins, and saving gives back the characters (edited or not)."""
    app = _app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        app.screen.claim_tree.select("child")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("i")  # edit the claim's text
        await pilot.pause()
        assert UNSAFE.findall(app.export_screenshot()) == []
        await pilot.press("end", *" more", "enter")
        await pilot.pause()
        session = app.screen.session  # type: ignore[attr-defined]
        assert session.argmap.claims["child"].text == TEXT + " more"


@given(st.text(alphabet=st.sampled_from([*EVERY_UNSAFE, "a", " ", "\\", "x", "1", "b"])))
@settings(max_examples=200, derandomize=True)
def test_an_unchanged_edit_gives_the_text_back_exactly(text: str) -> None:
    assert edited(visible(text), text) == text
    assert edited(visible(text) + " more", text) == text + " more" or "\\" in text


edit_alphabet = st.sampled_from([*EVERY_UNSAFE, "a", " ", "\\", "x", "1", "b", "u", "2"])


@given(
    before=st.text(alphabet=edit_alphabet, max_size=12),
    after=st.text(alphabet=edit_alphabet, max_size=12),
    typed=st.text(alphabet=st.sampled_from(["a", " ", "\\", "x", "1", "b"]), max_size=6),
    cut=st.integers(0, 3),
)
@settings(max_examples=300, derandomize=True)
def test_an_edit_keeps_what_was_left_and_what_was_typed(
    before: str, after: str, typed: str, cut: int
) -> None:
    """Typing (or deleting) in one place gives exactly that edit of the original: a raw
    character elsewhere comes back, and text that only looks like a stand-in stays text.
    Whatever was typed, the result shows exactly as the field did (typing ``\\x1b`` where
    an ESC's stand-in was looks the same as leaving it: either reading is what was seen)."""
    original = before + after
    value = visible(before) + typed + visible(after[cut:])
    result = edited(value, original)
    assert visible(result) == value
    if "\\" not in typed:
        assert result == before + typed + after[cut:]


def test_a_literal_escape_sequence_stays_text_after_an_edit() -> None:
    original = "Terminals read ESC (\x1b) but write it as \\x1b in C"
    value = visible(original).replace("Terminals", "Most terminals")
    assert edited(value, original) == "Most terminals read ESC (\x1b) but write it as \\x1b in C"
    assert edited(visible(original) + " \\x1b", original) == original + " \\x1b"
