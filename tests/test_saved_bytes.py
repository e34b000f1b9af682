"""A file debate writes never holds a raw control character, bidi override or line separator,
whichever writer wrote it: a new map (the direct writer), a save of edits (tomlkit over the
user's file), or a merge. ``cat`` and ``git diff`` then show the file as it reads (no
"Trojan source" text), and it still reads back as what was saved."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from debate.cli import main
from debate.display import UNSAFE
from debate.edits import AddNote, SetField
from debate.session import MapSession
from debate.store import dump_map, load_map
from tests.formats.test_unsafe_text import TEXT, every_field, unsafe_texts

PLAIN = '[claims.a]\ntext = "A"  # kept\n\n[claims.b]\nparent = "a"\nstance = "pro"\ntext = "B"\n'


def raw_unsafe(path: Path) -> list[str]:
    """The unsafe characters in the file's bytes, the line breaks of TOML itself aside."""
    return UNSAFE.findall(path.read_text(encoding="utf-8").replace("\r\n", "\n"))


def test_a_new_map_with_every_unsafe_character_is_written_escaped(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(dump_map(every_field(TEXT)), encoding="utf-8")
    assert raw_unsafe(path) == []


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=unsafe_texts.filter(lambda text: text.strip()))
def test_a_save_of_edits_escapes_what_tomlkit_would_write_raw(tmp_path: Path, text: str) -> None:
    path = tmp_path / "m.toml"
    path.write_text(PLAIN, encoding="utf-8")
    session = MapSession(load_map(path), journal=False)
    session.do(SetField("b", "text", text))
    session.do(SetField("a", "tags", [text.strip() or "t"]))
    session.do(AddNote("b", text, at="2026-01-02T03:04:05+00:00", by=text))
    session.save()
    assert raw_unsafe(path) == []
    saved = load_map(path).argmap
    assert saved.claims["b"].text == text and saved.claims["b"].notes[0].by == text
    assert "# kept" in path.read_text(encoding="utf-8")  # still the user's file, edited


def test_a_merge_writes_values_and_conflicts_escaped(tmp_path: Path) -> None:
    base, ours, theirs, out = (tmp_path / f"{name}.toml" for name in ("b", "o", "t", "out"))
    base.write_text(PLAIN, encoding="utf-8")
    ours.write_text(PLAIN.replace('text = "B"', 'text = "B \\u009b2J \\u202e ours"'))
    theirs.write_text(
        PLAIN.replace('text = "B"', 'text = "B \\u0085 theirs"').replace(
            'text = "A"', 'text = "A"\ntags = ["\\u009b2J"]'
        )
    )
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out)]) != 0  # a conflict
    assert raw_unsafe(out) == []
    merged = load_map(out).argmap
    assert merged.claims["a"].tags == ["\x9b2J"]
    assert merged.claims["b"].conflicts and "\\u202e" in (
        merged.claims["b"].conflicts[0].ours or ""
    )
