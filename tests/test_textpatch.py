"""The fast save path rewrites only changed tables, and falls back safely when unsure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.model import ArgumentMap, Claim, Note
from debate.store import _patched_text, dump_map, load_map, parse_map, save_map

from .conftest import DEFAULT_MAP
from .strategies import argument_maps


def same_tree(first: ArgumentMap, second: ArgumentMap) -> bool:
    """The same sibling order everywhere (the claims' order in the file beyond that is free)."""
    one, two = first.tree(), second.tree()
    return one.roots == two.roots and one.children == two.children


def reorder(argmap: ArgumentMap) -> None:
    items = list(argmap.claims.items())
    items[1], items[2] = items[2], items[1]
    argmap.claims = dict(items)


def delete_leaf(argmap: ArgumentMap) -> None:
    del argmap.claims["market-decides"]


def add_after_first_child(argmap: ArgumentMap) -> None:
    """The app's "add sibling": the new claim lands in the middle of the file."""
    items = list(argmap.claims.items())
    new = ("zz-sibling", Claim(text="sibling", parent="catch-up-2027", stance="con"))
    argmap.claims = dict([*items[:2], new, *items[2:]])


def add_before_everything(argmap: ArgumentMap) -> None:
    argmap.claims = {"aa-first": Claim(text="first"), **argmap.claims}


EDITS: dict[str, Callable[[ArgumentMap], None]] = {
    "weight": lambda m: setattr(m.claims["ideas-spread"], "weight", 4),
    "note": lambda m: m.claims["ideas-spread"].notes.append(Note(text="new note")),
    "add": lambda m: m.claims.__setitem__("zz", Claim(text="z", parent="moat-shift", stance="pro")),
    "delete": delete_leaf,
    "add-sibling": add_after_first_child,
    "add-first": add_before_everything,
    "reorder": reorder,
    "title": lambda m: setattr(m.map, "title", "Another title"),
    "perspective": lambda m: m.perspectives["optimist"].weight.__setitem__("ideas-spread", 1),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_common_edits_take_the_fast_path(name: str) -> None:
    loaded = load_map(DEFAULT_MAP)
    edited = loaded.argmap.model_copy(deep=True)
    EDITS[name](edited)
    text = _patched_text(loaded, edited, None)
    assert text is not None
    again = parse_map(text).argmap
    assert again == edited and same_tree(again, edited)
    # everything else is byte-for-byte the user's: at most a handful of lines differ
    before, after = DEFAULT_MAP.read_text().splitlines(), text.splitlines()
    assert len(set(after) ^ set(before)) <= 12


FALLBACKS = {
    "top-level dotted key": 'map.title = "x"\n[claims.r]\ntext = "R"\n',
    "claims as one table": '[claims]\nr.text = "R"\n',
    "entity in two places": '[claims.r]\ntext = "R"\n[claims.s]\nparent = "r"\nstance = "pro"\ntext = "S"\n[[claims.r.notes]]\ntext = "n"\n',
    "header-like line in a string": '[claims.r]\ntext = """\n[claims.q]\n"""\n',
}


@pytest.mark.parametrize("name", list(FALLBACKS))
def test_unusual_layouts_still_save_correctly(name: str, tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(FALLBACKS[name])
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["r"].weight = 3
    edited.claims["r"].notes.append(Note(text="added"))
    save_map(loaded, edited)
    assert load_map(path).argmap == edited


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps(), st.data())
def test_standard_layout_always_takes_the_fast_path(argmap: ArgumentMap, data) -> None:
    loaded = parse_map(dump_map(argmap))
    edited = loaded.argmap.model_copy(deep=True)
    claim = edited.claims[data.draw(st.sampled_from(list(edited.claims)))]
    claim.text = data.draw(st.text(min_size=1, max_size=10))
    claim.notes.append(Note(text="n"))
    assert _patched_text(loaded, edited, None) is not None


def test_crlf_files_take_the_fast_path_and_keep_their_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    path.write_bytes(DEFAULT_MAP.read_bytes().replace(b"\n", b"\r\n"))
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    add_after_first_child(edited)
    edited.claims["ideas-spread"].notes.append(Note(text="crlf note"))
    assert _patched_text(loaded, edited, None) is not None
    save_map(loaded, edited)
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert load_map(path).argmap == edited
