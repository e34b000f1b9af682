"""The merge driver on every legal TOML layout of a map: each layout x each edit kind, both sides.

TOML lets one map be written many ways: tables per claim, dotted keys under ``[claims]``,
dotted keys at the top, a claim's tables split across the file, inline tables. The merge
writes over ours' text, so ours' layout is what the writer has to cope with; these tests
write the same maps in each layout and merge them through the real command.

The layout writers here are shared with the real-git tests (tests/test_git.py) and the
random-merge property test (tests/test_merge_random.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from debate.cli import main
from debate.merge import toml_value
from debate.model import ArgumentMap, Claim
from debate.store import dump_map, load_map
from tests.test_merge_kinds import (
    KINDS,
    Group,
    Kind,
    base_map,
    conflicts_on,
    expect_conflict,
    survived,
)

Data = dict[str, Any]
SECTIONS = ("map", "sources", "claims", "perspectives")
COMMENT = "# A comment ours wrote: kept wherever ours' layout can be kept."


def _data(argmap: ArgumentMap) -> Data:
    return argmap.model_dump(mode="python", exclude_none=True, exclude_defaults=True)


def _assign(keys: list[str], value: Any) -> str:
    return f"{'.'.join(keys)} = {toml_value(value)}"


def _tables(data: Data, sections: tuple[str, ...]) -> list[str]:
    """Sections as ordinary tables: ``[map]``, ``[sources.ID]``, ``[perspectives.NAME]``."""
    lines: list[str] = []
    for section in sections:
        entries = data.get(section, {})
        if section == "map" and entries:
            lines += ["[map]", *(_assign([key], value) for key, value in entries.items())]
        elif section != "map":
            for key, entry in entries.items():
                lines += [f"[{section}.{key}]", *(_assign([k], v) for k, v in entry.items())]
    return lines


def tables(argmap: ArgumentMap) -> str:
    """The layout ``debate`` writes itself: one ``[claims.ID]`` table per claim."""
    return dump_map(argmap, header=COMMENT[2:])


def dotted_claims(argmap: ArgumentMap) -> str:
    """``[claims]`` once, then ``ID.field = value`` dotted keys (notes as inline arrays)."""
    data = _data(argmap)
    lines = [COMMENT, *_tables(data, ("map", "sources")), "[claims]"]
    for claim_id, claim in data.get("claims", {}).items():
        lines += [_assign([claim_id, key], value) for key, value in claim.items()]
    return "\n".join([*lines, *_tables(data, ("perspectives",))]) + "\n"


def dotted_top(argmap: ArgumentMap) -> str:
    """No table headers at all: ``map.title = …``, ``claims.ID.text = …`` at the top level."""
    data = _data(argmap)
    lines = [COMMENT]
    for key, value in data.get("map", {}).items():
        lines.append(_assign(["map", key], value))
    for section in SECTIONS[1:]:
        for entry_id, entry in data.get(section, {}).items():
            if not entry:
                lines.append(_assign([section, entry_id], {}))
            lines += [_assign([section, entry_id, key], value) for key, value in entry.items()]
    return "\n".join(lines) + "\n"


def split(argmap: ArgumentMap) -> str:
    """Each claim's tables split across the file: ``[claims.ID]`` first, then the sources,
    then ``[claims.ID.cite]`` and ``[[claims.ID.notes]]`` far below, overlays last."""
    data = _data(argmap)
    claims: Data = data.get("claims", {})
    later = ("notes", "conflicts")
    lines = [COMMENT, *_tables(data, ("map",))]
    for claim_id, claim in claims.items():
        lines.append(f"[claims.{claim_id}]")
        for key, value in claim.items():
            if key not in later and not (key == "cite" and isinstance(value, dict)):
                lines.append(_assign([key], value))
    lines += _tables(data, ("sources",))
    for claim_id, claim in claims.items():
        if isinstance(claim.get("cite"), dict):
            lines.append(f"[claims.{claim_id}.cite]")
            lines += [_assign([key], value) for key, value in claim["cite"].items()]
    for claim_id, claim in claims.items():
        for key in later:
            for entry in claim.get(key, []):
                lines.append(f"[[claims.{claim_id}.{key}]]")
                lines += [_assign([k], v) for k, v in entry.items()]
    for name, perspective in data.get("perspectives", {}).items():
        lines.append(f"[perspectives.{name}]")
        for key, value in perspective.items():
            if key == "description":
                lines.append(_assign([key], value))
        for overlay in ("weight", "credence"):
            if overlay in perspective:
                lines.append(f"[perspectives.{name}.{overlay}]")
                lines += [_assign([k], v) for k, v in perspective[overlay].items()]
    return "\n".join(lines) + "\n"


def inline_sections(argmap: ArgumentMap) -> str:
    """Every section one inline table: ``claims = { a = { text = "…" }, … }``."""
    data = _data(argmap)
    lines = [COMMENT, *(_assign([s], data[s]) for s in SECTIONS if data.get(s))]
    return "\n".join(lines) + "\n"


def inline_claims(argmap: ArgumentMap) -> str:
    """``[claims]`` once, then one inline table per claim: ``a = { text = "…" }``."""
    data = _data(argmap)
    lines = [COMMENT, *_tables(data, ("map", "sources")), "[claims]"]
    lines += [_assign([c], claim) for c, claim in data.get("claims", {}).items()]
    return "\n".join([*lines, *_tables(data, ("perspectives",))]) + "\n"


LAYOUTS: dict[str, Callable[[ArgumentMap], str]] = {
    "tables": tables,
    "dotted-claims": dotted_claims,
    "dotted-top": dotted_top,
    "split": split,
    "inline-sections": inline_sections,
    "inline-claims": inline_claims,
}


def write_sides(folder: Path, layout: str, maps: dict[str, ArgumentMap]) -> dict[str, Path]:
    paths = {}
    for side, argmap in maps.items():
        paths[side] = folder / f"{side}.toml"
        paths[side].write_text(LAYOUTS[layout](argmap), encoding="utf-8")
    return paths


# -------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_reads_as_the_map_it_was_written_from(layout: str, tmp_path: Path) -> None:
    """The writers above really produce these layouts, and each one is the same map."""
    groups = [Group.numbered(index) for index in range(len(KINDS))]
    argmap = base_map(groups)
    for kind, group in zip(KINDS, groups, strict=True):
        kind.edit(argmap, group, "ours")  # notes, a citation, overlays: every kind of key
    path = write_sides(tmp_path, layout, {"map": argmap})["map"]
    assert load_map(path).argmap == argmap
    text = path.read_text()
    marks = {
        "tables": "\n[claims.root]\n",
        "dotted-claims": '\n[claims]\nroot.text = "',
        "dotted-top": '\nclaims.root.text = "',
        "split": "\n[[claims.t8.notes]]\n",
        "inline-sections": "\nclaims = {root = {",
        "inline-claims": '\n[claims]\nroot = {text = "',
    }
    assert marks[layout] in text


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("ours", KINDS, ids=[kind.name for kind in KINDS])
def test_every_layout_merges_every_pair_of_edit_kinds(
    layout: str, ours: Kind, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ours makes one kind of edit in every group; theirs makes a different kind in each.

    Every side's edit must survive (applied, or as a recorded conflict), conflicts only
    where the edits really clash, and the merge must exit 0 or 1 with a valid map: never
    a traceback, never "not merged".
    """
    groups = [Group.numbered(index) for index in range(len(KINDS))]
    base = base_map(groups)
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    for group, theirs in zip(groups, KINDS, strict=True):
        ours.edit(mine, group, "ours")
        theirs.edit(other, group, "theirs")
    paths = write_sides(tmp_path, layout, {"base": base, "ours": mine, "theirs": other})
    expected = [expect_conflict(ours, theirs) for theirs in KINDS]

    code = main(["merge", *map(str, paths.values()), "-o", str(paths["ours"])])
    err = capsys.readouterr().err
    assert code == (1 if any(expected) else 0), err
    merged = load_map(paths["ours"]).argmap
    for group, theirs, conflict in zip(groups, KINDS, expected, strict=True):
        pair = f"{ours.name} vs {theirs.name}"
        assert survived(merged, ours, group, "ours"), f"{pair}: ours' edit lost"
        assert survived(merged, theirs, group, "theirs"), f"{pair}: theirs' edit lost"
        assert bool(conflicts_on(merged, group)) is conflict, pair
    text = paths["ours"].read_text()
    if COMMENT in text:
        assert "could not keep ours' layout" not in err
    else:  # a layout the writer cannot edit in place: content complete, and it says so
        assert layout != "tables"
        assert f"debate merge: {paths['ours']}: could not keep ours' layout" in err


def test_an_inline_claims_table_when_theirs_adds_a_claim(tmp_path: Path) -> None:
    """The case the break-in test found first: a crash, and git kept plain ours."""
    base = ArgumentMap(claims={"a": Claim(text="A")})
    mine = base.model_copy(deep=True)
    mine.claims["a"].weight = None
    mine.map.title = "Ours' title"
    other = base.model_copy(deep=True)
    other.claims["b"] = Claim(parent="a", stance="pro", text="B")
    paths = write_sides(tmp_path, "inline-sections", {"base": base, "ours": mine, "theirs": other})
    assert main(["merge", *map(str, paths.values()), "-o", str(paths["ours"])]) == 0
    merged = load_map(paths["ours"]).argmap
    assert (merged.map.title, list(merged.claims)) == ("Ours' title", ["a", "b"])


@pytest.mark.parametrize("title", [False, True], ids=["same-title", "both-retitle"])
def test_each_side_deleting_the_claim_the_other_kept(
    title: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Together the deletions would leave no claim: both are kept, with conflicts.

    Was: "the map has no claims" (not merged), or with both titles changed a
    ``StopIteration`` traceback.
    """
    base = ArgumentMap(claims={"a": Claim(text="A"), "b": Claim(text="B")})
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    del mine.claims["a"], other.claims["b"]
    if title:
        mine.map.title, other.map.title = "Ours", "Theirs"
    paths = write_sides(tmp_path, "tables", {"base": base, "ours": mine, "theirs": other})
    assert main(["merge", *map(str, paths.values()), "-o", str(paths["ours"])]) == 1
    err = capsys.readouterr().err
    assert "claims.b: claim: ours (kept), theirs (deleted) — theirs deleted this claim" in err
    merged = load_map(paths["ours"]).argmap
    assert list(merged.claims) == ["a", "b"]  # base's order
    fields = {claim_id: [c.field for c in merged.claims[claim_id].conflicts] for claim_id in "ab"}
    assert fields == {"a": ["map.title", "claim"] if title else ["claim"], "b": ["claim"]}
    assert merged.map.title == ("Ours" if title else "Untitled map")
