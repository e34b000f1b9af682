"""Ids (claims, sources, perspectives) are 1-100 letters, digits, '-' and '_', starting with a
letter or digit: exactly, with nothing after them. A regular expression ending in ``$`` also
matches before a final newline, so ``"a\\n"`` used to pass every check."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.edits import AddClaim, AddPerspective, AddSource, EditError
from debate.errors import MapError
from debate.model import ArgumentMap, Claim
from debate.slugs import SlugAllocator, is_valid_id
from debate.store import load_map

ID_CHARACTERS = string.ascii_letters + string.digits + "-_"


def reference_is_id(text: str) -> bool:
    return (
        0 < len(text) <= 100
        and text[0] in string.ascii_letters + string.digits
        and all(char in ID_CHARACTERS for char in text)
    )


@settings(max_examples=300, derandomize=True)
@given(
    st.text(alphabet=st.sampled_from([*"aZ09-_", "\n", "\r", " ", "\x00", "é"]), max_size=8)
    | st.text(alphabet=ID_CHARACTERS, min_size=99, max_size=102).map(lambda t: t + "\n")
)
def test_an_id_is_the_whole_text(text: str) -> None:
    assert is_valid_id(text) == reference_is_id(text)


@pytest.mark.parametrize("trailer", ["\n", "\r\n"])
def test_a_map_with_a_trailing_newline_in_an_id_is_invalid(tmp_path: Path, trailer: str) -> None:
    escaped = trailer.replace("\r", "\\r").replace("\n", "\\n")
    path = tmp_path / "m.toml"
    path.write_text(
        f'[claims."a{escaped}"]\ntext = "x"\n'
        f'[sources."s{escaped}"]\ntitle = "t"\n'
        f'[perspectives."p{escaped}"]\n'
    )
    with pytest.raises(MapError) as raised:
        load_map(path)
    assert [problem.where for problem in raised.value.problems] == [
        f"claims.'a{escaped}'",
        f"sources.'s{escaped}'",
        f"perspectives.'p{escaped}'",
    ]


def test_edits_refuse_an_id_with_a_trailing_newline() -> None:
    argmap = ArgumentMap(claims={"root": Claim(text="Root")})
    for edit in (
        AddClaim(claim="new\n", parent="root", stance="pro", text="x"),
        AddSource(source="src\n", title="t"),
        AddPerspective(name="view\n"),
    ):
        with pytest.raises(EditError, match="invalid"):
            edit.apply(argmap)
    assert list(argmap.claims) == ["root"] and not argmap.sources and not argmap.perspectives


def test_an_importer_does_not_keep_such_an_id() -> None:
    assert SlugAllocator().allocate("trams\n", keep_id=True) == "trams"
