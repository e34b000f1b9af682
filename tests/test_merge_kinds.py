"""Every pair of edit kinds, one on each side of a merge: what survives and what conflicts.

The table of edit kinds here is shared with the real-git tests (tests/test_git.py), which
run the same pairs through ``git merge`` and the merge driver.

Each kind edits one "group" of claims: a target ``t`` (a leaf under ``p``, tagged ``t0``)
and two spare claims ``s1``/``s2`` to move it under or link it to. The two sides make
different edits of the same kind (ours reweights to 1, theirs to 4), so a same-field pair is
a true conflict, while edits to different fields must both survive untouched.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from debate.merge import merge_maps, toml_value
from debate.model import ArgumentMap, Citation, Claim, Conflict, Note, Perspective, Source

SIDES = ("ours", "theirs")


@dataclass(frozen=True)
class Group:
    """The claim ids one pair of edits works on."""

    t: str
    p: str
    s1: str
    s2: str

    @classmethod
    def numbered(cls, index: int) -> Group:
        return cls(f"t{index}", f"p{index}", f"s{index}a", f"s{index}b")

    def spare(self, side: str) -> str:
        return self.s1 if side == "ours" else self.s2

    def child(self, side: str) -> str:
        return f"{self.t}-{side}-child"


def base_map(groups: list[Group]) -> ArgumentMap:
    claims: dict[str, Claim] = {"root": Claim(text="The root claim.")}
    for group in groups:
        claims[group.p] = Claim(parent="root", stance="pro", text=f"Parent {group.p}.")
        claims[group.t] = Claim(
            parent=group.p,
            stance="pro",
            text=f"Target {group.t} as first written.",
            weight=2,
            credence=0.5,
            tags=["t0"],
        )
        claims[group.s1] = Claim(parent="root", stance="con", text=f"Spare {group.s1}.")
        claims[group.s2] = Claim(parent="root", stance="con", text=f"Spare {group.s2}.")
    return ArgumentMap(
        sources={"src": Source(title="A source")},
        claims=claims,
        perspectives={"view": Perspective(weight={"root": 3})},
    )


# -------------------------------------------------------------------------- edit kinds


@dataclass(frozen=True)
class Kind:
    """One kind of edit: how to make it, which field it touches, how to see that it survived."""

    name: str
    field: str | None  # the scalar field it sets (conflicts with itself), None if it merges
    edit: Callable[[ArgumentMap, Group, str], None]
    value: Callable[[Group, str], object] | None = None  # the value it sets, for scalar kinds
    check: Callable[[ArgumentMap, Group, str], bool] | None = None


def _set(field: str, values: dict[str, object]) -> Callable[[ArgumentMap, Group, str], None]:
    def edit(argmap: ArgumentMap, group: Group, side: str) -> None:
        setattr(argmap.claims[group.t], field, values[side])

    return edit


def _note(argmap: ArgumentMap, group: Group, side: str) -> None:
    argmap.claims[group.t].notes = [*argmap.claims[group.t].notes, Note(text=f"{side} note")]


def _tag(argmap: ArgumentMap, group: Group, side: str) -> None:
    argmap.claims[group.t].tags = [*argmap.claims[group.t].tags, side]


def _untag(argmap: ArgumentMap, group: Group, side: str) -> None:
    argmap.claims[group.t].tags = [tag for tag in argmap.claims[group.t].tags if tag != "t0"]


def _link(argmap: ArgumentMap, group: Group, side: str) -> None:
    argmap.claims[group.t].links = [*argmap.claims[group.t].links, group.spare(side)]


def _move(argmap: ArgumentMap, group: Group, side: str) -> None:
    argmap.claims[group.t].parent = group.spare(side)


def _child(argmap: ArgumentMap, group: Group, side: str) -> None:
    argmap.claims[group.child(side)] = Claim(
        parent=group.t, stance="con", text=f"A reply {side} added."
    )


def _overlay(argmap: ArgumentMap, group: Group, side: str) -> None:
    view = argmap.perspectives["view"]
    view.weight = {**view.weight, group.t: 0 if side == "ours" else 4}


def _delete(argmap: ArgumentMap, group: Group, side: str) -> None:
    del argmap.claims[group.t]


TEXTS = {side: f"Reworded by {side}." for side in SIDES}
CITES = {side: Citation(source="src", quote=f"{side} quote") for side in SIDES}

KINDS: list[Kind] = [
    Kind("reword", "text", _set("text", TEXTS), lambda g, s: TEXTS[s]),
    Kind("reweight", "weight", _set("weight", {"ours": 1, "theirs": 4}), None),
    Kind("restance", "stance", _set("stance", {"ours": "con", "theirs": "part"}), None),
    Kind("credence", "credence", _set("credence", {"ours": 0.1, "theirs": 0.9}), None),
    Kind("holder", "by", _set("by", {"ours": "Ours Person", "theirs": "Their Camp"}), None),
    Kind("cite", "cite", _set("cite", CITES), None),
    Kind("move", "parent", _move, lambda g, s: g.spare(s)),
    Kind("overlay", "perspectives.view.weight", _overlay, lambda g, s: 0 if s == "ours" else 4),
    Kind(
        "note",
        None,
        _note,
        check=lambda m, g, s: any(n.text == f"{s} note" for n in _t(m, g).notes),
    ),
    Kind("tag", None, _tag, check=lambda m, g, s: s in _t(m, g).tags),
    Kind("untag", None, _untag, check=lambda m, g, s: "t0" not in _t(m, g).tags),
    Kind("link", None, _link, check=lambda m, g, s: g.spare(s) in _t(m, g).links),
    Kind(
        "child",
        None,
        _child,
        check=lambda m, g, s: m.claims.get(g.child(s), Claim(text="-")).parent == g.t,
    ),
    Kind("delete", None, _delete),
]
BY_NAME = {kind.name: kind for kind in KINDS}
PAIRS = list(itertools.product(KINDS, KINDS))


def _t(argmap: ArgumentMap, group: Group) -> Claim:
    return argmap.claims[group.t]


def scalar_value(kind: Kind, group: Group, side: str) -> object:
    """The value a scalar kind sets on ``side``."""
    if kind.value is not None:
        return kind.value(group, side)
    probe = base_map([group])
    kind.edit(probe, group, side)
    return getattr(probe.claims[group.t], kind.field or "")


def current(argmap: ArgumentMap, kind: Kind, group: Group) -> object:
    if kind.name == "overlay":
        return argmap.perspectives["view"].weight.get(group.t)
    return getattr(argmap.claims[group.t], kind.field or "")


def conflicts_on(argmap: ArgumentMap, group: Group) -> list[Conflict]:
    claim = argmap.claims.get(group.t)
    return list(claim.conflicts) if claim is not None else []


def expect_conflict(ours: Kind, theirs: Kind) -> bool:
    """A true conflict: one field set both ways, or a deletion against any edit."""
    if "delete" in (ours.name, theirs.name):
        return ours.name != theirs.name
    return ours.field is not None and ours.field == theirs.field


def survived(argmap: ArgumentMap, kind: Kind, group: Group, side: str) -> bool:
    """Whether ``side``'s edit of this kind is in the merged map, applied or as a conflict."""
    if kind.name == "delete":
        return group.t not in argmap.claims or any(
            c.field == "claim" for c in conflicts_on(argmap, group)
        )
    if group.t not in argmap.claims:
        return False
    if kind.check is not None:
        return kind.check(argmap, group, side)
    wanted = scalar_value(kind, group, side)
    if current(argmap, kind, group) == wanted:
        return True
    rendered = toml_value(
        wanted.model_dump(exclude_none=True) if isinstance(wanted, Citation) else wanted
    )
    return any(
        c.field == kind.field and rendered in (c.ours, c.theirs)
        for c in conflicts_on(argmap, group)
    )


def sides_for(ours: Kind, theirs: Kind, groups: list[Group]) -> tuple[ArgumentMap, ...]:
    base = base_map(groups)
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    for group in groups:
        ours.edit(mine, group, "ours")
        theirs.edit(other, group, "theirs")
    return base, mine, other


# -------------------------------------------------------------------------- the tests


@pytest.mark.parametrize(("ours", "theirs"), PAIRS, ids=[f"{a.name}-{b.name}" for a, b in PAIRS])
def test_every_pair_of_edit_kinds(ours: Kind, theirs: Kind) -> None:
    group = Group.numbered(1)
    base, mine, other = sides_for(ours, theirs, [group])
    result = merge_maps(base, mine, other)
    merged = result.argmap
    assert survived(merged, ours, group, "ours"), "ours' edit was lost"
    assert survived(merged, theirs, group, "theirs"), "theirs' edit was lost"
    expected = expect_conflict(ours, theirs)
    assert result.clean is not expected, [c.describe() for c in result.conflicts]
    if expected:
        assert conflicts_on(merged, group), "the conflict is not recorded on the claim"
        assert {c.claim for c in result.conflicts} == {group.t}
    # Nothing else moved: the other groups' claims and the spare claims are as in base.
    for claim_id in ("root", group.p):
        assert merged.claims[claim_id] == base.claims[claim_id]


def test_a_scalar_conflict_keeps_ours_and_records_all_three_values() -> None:
    group = Group.numbered(1)
    base, mine, other = sides_for(BY_NAME["reweight"], BY_NAME["reweight"], [group])
    result = merge_maps(base, mine, other)
    assert result.argmap.claims[group.t].weight == 1
    [conflict] = result.argmap.claims[group.t].conflicts
    assert (conflict.field, conflict.ours, conflict.theirs, conflict.base) == (
        "weight",
        "1",
        "4",
        "2",
    )
    assert result.conflicts[0].describe() == "claims.t1: weight: ours 1, theirs 4 (base 2)"


def test_the_same_edit_on_both_sides_is_taken_once() -> None:
    group = Group.numbered(1)
    base = base_map([group])
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    for side in (mine, other):
        side.claims[group.t].weight = 3
        _note(side, group, "same")
        _tag(side, group, "same")
    side_note_count = 1
    result = merge_maps(base, mine, other)
    assert result.clean
    claim = result.argmap.claims[group.t]
    assert claim.weight == 3
    assert [n.text for n in claim.notes] == ["same note"] * side_note_count
    assert claim.tags == ["t0", "same"]


def test_moves_that_together_make_a_cycle_keep_ours_place() -> None:
    group = Group.numbered(1)
    base = base_map([group])
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    mine.claims[group.s1].parent = group.s2  # ours: s1 under s2
    other.claims[group.s2].parent = group.s1  # theirs: s2 under s1
    other.claims[group.s2].stance = "part"
    result = merge_maps(base, mine, other)
    merged = result.argmap
    assert merged.claims[group.s1].parent == group.s2
    assert merged.claims[group.s2].parent == "root"
    assert merged.claims[group.s2].stance == "con"
    fields = {c.field for c in merged.claims[group.s2].conflicts}
    assert fields == {"parent", "stance"}
    assert "cycle" in (merged.claims[group.s2].conflicts[0].note or "")


def test_a_deleted_subtree_keeps_what_the_other_side_still_needs() -> None:
    group = Group.numbered(1)
    base = base_map([group])
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    del mine.claims[group.t], mine.claims[group.p]  # ours deletes p and its child t
    other.claims[group.t].text = "Edited on the other side."
    result = merge_maps(base, mine, other)
    merged = result.argmap
    assert merged.claims[group.t].text == "Edited on the other side."
    assert merged.claims[group.p].parent == "root"  # brought back: t still sits under it
    assert {c.claim for c in result.conflicts} == {group.t, group.p}


def test_map_and_source_conflicts_are_recorded_on_the_first_root() -> None:
    base = base_map([Group.numbered(1)])
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    mine.map.title = "Our title"
    other.map.title = "Their title"
    mine.sources["src"].title = "Ours"
    other.sources["src"].title = "Theirs"
    other.perspectives["view"].description = "theirs only"
    result = merge_maps(base, mine, other)
    merged = result.argmap
    assert merged.map.title == "Our title"
    assert merged.perspectives["view"].description == "theirs only"
    fields = [c.field for c in merged.claims["root"].conflicts]
    assert fields == ["map.title", "sources.src.title"]


def test_a_source_deleted_on_one_side_but_cited_on_the_other_is_kept() -> None:
    group = Group.numbered(1)
    base = base_map([group])
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    del mine.sources["src"]
    other.claims[group.t].cite = Citation(source="src")
    result = merge_maps(base, mine, other)
    assert "src" in result.argmap.sources
    assert [c.field for c in result.argmap.claims[group.t].conflicts] == ["sources.src"]


def test_claims_added_by_theirs_land_where_theirs_put_them() -> None:
    group = Group.numbered(1)
    base = base_map([group])
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    mine.claims[group.s2].text = "ours edits s2"
    claims = list(other.claims.items())
    at = [key for key, _ in claims].index(group.t) + 1
    claims.insert(at, ("new", Claim(parent=group.p, stance="con", text="New.")))
    other.claims = dict(claims)
    merged = merge_maps(base, mine, other).argmap
    order = list(merged.claims)
    assert order.index("new") == order.index(group.t) + 1


def test_both_sides_adding_the_same_id_merge_field_by_field() -> None:
    base = base_map([Group.numbered(1)])
    mine, other = base.model_copy(deep=True), base.model_copy(deep=True)
    mine.claims["x"] = Claim(parent="root", stance="pro", text="Same text.", tags=["a"])
    other.claims["x"] = Claim(parent="root", stance="con", text="Same text.", tags=["b"])
    result = merge_maps(base, mine, other)
    claim = result.argmap.claims["x"]
    assert claim.tags == ["a", "b"]
    assert claim.stance == "pro"
    assert [c.field for c in claim.conflicts] == ["stance"]
