"""Saving keeps what the user wrote: load -> save -> load is the identity, edits touch only
what changed, comments and layout survive, and writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.errors import FileChangedError
from debate.model import Claim, Note
from debate.store import atomic_write, dump_map, load_map, parse_map, save_map

from .conftest import DEFAULT_MAP
from .strategies import argument_maps

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(argument_maps())
def test_dump_then_load_is_the_identity(argmap) -> None:
    text = dump_map(argmap)
    assert parse_map(text).argmap == argmap


@PROPERTY
@given(argument_maps(), st.data())
def test_load_edit_save_load(tmp_path_factory, argmap, data) -> None:
    """Random edits saved through the comment-keeping writer read back exactly."""
    path = tmp_path_factory.mktemp("rt") / "map.toml"
    path.write_text("# a comment the user wrote\n" + dump_map(argmap))
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    claim_ids = list(edited.claims)
    target = edited.claims[data.draw(st.sampled_from(claim_ids))]
    edit = data.draw(
        st.sampled_from(["text", "note", "tag", "credence", "add", "delete-leaf", "order"])
    )
    if edit == "text":
        target.text = data.draw(st.text(min_size=1, max_size=20))
    elif edit == "note":
        target.notes.append(Note(text="added"))
    elif edit == "tag":
        target.tags = [*target.tags, "new-tag"]
    elif edit == "credence":
        target.credence = data.draw(st.none() | st.floats(0, 1, allow_nan=False))
    elif edit == "add":
        edited.claims["zz-new"] = Claim(text="new", parent=claim_ids[0], stance="con", weight=1)
    elif edit == "delete-leaf":
        tree = edited.tree()
        leaf = next(cid for cid in reversed(claim_ids) if not tree.children[cid])
        if len(claim_ids) > 1:
            del edited.claims[leaf]
            for claim in edited.claims.values():
                claim.links = [link for link in claim.links if link != leaf]
            for perspective in edited.perspectives.values():
                perspective.weight.pop(leaf, None)
                perspective.credence.pop(leaf, None)
    elif edit == "order":
        edited.claims = dict(reversed(list(edited.claims.items())))
    saved = save_map(loaded, edited)
    assert load_map(path).argmap == edited
    assert path.read_text().startswith("# a comment the user wrote\n")
    assert saved.argmap == edited


def test_unchanged_save_keeps_every_byte(tmp_path: Path) -> None:
    path = tmp_path / "arguments.toml"
    path.write_bytes(DEFAULT_MAP.read_bytes())
    loaded = load_map(path)
    save_map(loaded, loaded.argmap.model_copy(deep=True))
    assert path.read_bytes() == DEFAULT_MAP.read_bytes()


HAND_WRITTEN = """\
# My map -- notes to self
[map]
title = "Q"   # the question

[claims.root]
text = "Root"

# why I believe this
[claims.a]
parent = "root"
stance   =   "pro"     # spacing kept
text = 'literal string kept'
weight = 3
tags = [
    "one",  # first
    "two",
]

[[claims.a.notes]]
text = "first note"
"""


def test_an_edit_changes_only_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(HAND_WRITTEN)
    loaded = load_map(path)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["a"].weight = 4
    edited.claims["a"].notes.append(Note(text="second note"))
    edited.claims["root"].credence = 0.8
    save_map(loaded, edited)
    after = path.read_text()
    assert (
        after.replace("weight = 4", "weight = 3")
        .replace("credence = 0.8\n", "")
        .replace('[[claims.a.notes]]\ntext = "second note"\n', "")
        == HAND_WRITTEN
    )
    assert load_map(path).argmap == edited


def test_refuses_to_overwrite_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(HAND_WRITTEN)
    loaded = load_map(path)
    path.write_text(HAND_WRITTEN + "\n# someone else's edit\n")
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["a"].weight = 0
    with pytest.raises(FileChangedError, match="changed on disk"):
        save_map(loaded, edited)
    assert path.read_text().endswith("# someone else's edit\n")
    save_map(loaded, edited, force=True)
    assert load_map(path).argmap.claims["a"].weight == 0


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "m.toml"
    path.write_text("old")
    os.chmod(path, 0o640)

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, b"new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.toml"]
    monkeypatch.undo()
    atomic_write(path, b"new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_as_another_file_keeps_the_comments(tmp_path: Path) -> None:
    """The shipped map saved to ./arguments.toml keeps its comments and layout."""
    loaded = load_map(DEFAULT_MAP)
    edited = loaded.argmap.model_copy(deep=True)
    edited.claims["moat-shift"].notes.append(Note(text="mine"))
    target = tmp_path / "arguments.toml"
    save_map(loaded, edited, target)
    text = target.read_text()
    assert text.startswith(DEFAULT_MAP.read_text().splitlines()[0])
    assert text.count("\n#") == DEFAULT_MAP.read_text().count("\n#")
    assert load_map(target).argmap == edited
    assert DEFAULT_MAP.read_text() == loaded.text  # the original is untouched
