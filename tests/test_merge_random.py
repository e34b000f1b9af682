"""Random merges through the real command: random base, random edits on both sides, random
TOML layouts. Nothing either side wrote may be lost without a word.

The invariant, for every merge of two valid maps:
- exit 0: the result is a valid map with every change of both sides in it, no conflicts;
- exit 1: a valid map, conflict records in it, and each change of each side either in the
  result or named by a conflict record;
- never a traceback, and never exit 2 ("not merged", markers): both sides are valid maps.

The suite runs a fixed, bounded set of examples. For a longer hunt with fresh random cases
each run (docs/GIT.md): ``DEBATE_MERGE_EXAMPLES=5000 python -m pytest tests/test_merge_random.py``.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import redirect_stderr
from io import StringIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from debate.cli import main
from debate.model import ArgumentMap, Citation, Claim, Note, Perspective, Source, check_structure
from debate.store import load_map
from tests.strategies import argument_maps, claim_texts
from tests.test_merge_layouts import LAYOUTS

Data = dict[str, Any]
LONG_RUN = int(os.environ.get("DEBATE_MERGE_EXAMPLES", "0"))
RANDOM_MERGES = settings(
    max_examples=LONG_RUN or 120,
    derandomize=not LONG_RUN,  # the suite: the same cases every run
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FAMILIES = [
    ("reword", "weight", "credence", "by", "stance", "delete"),
    ("note", "unnote", "delete"),
    ("tag", "untag", "reword"),
    ("link", "unlink", "delete"),
    ("add", "move", "delete", "stance"),
    ("cite", "uncite", "source", "add-source", "delete-source"),
    ("overlay", "unoverlay", "describe", "add-perspective", "delete-perspective", "delete"),
    ("title", "reword", "delete"),
]
"""Kinds of edit that meet each other in a merge; each merge draws its edits from one or two
families, so the two sides often change the same things (where merges go wrong)."""


def _edit(
    draw: st.DrawFn, argmap: ArgumentMap, kind: str, side: str, number: int, focus: list[str]
) -> None:
    """One random edit of ``kind``, in place; it may leave the map invalid (then undone)."""
    claims = argmap.claims
    claim_id = draw(st.sampled_from([c for c in focus if c in claims] or sorted(claims)))
    claim = claims[claim_id]
    pick_claim = st.sampled_from(sorted(claims))
    if kind == "reword":
        claim.text = draw(st.sampled_from([f"{side} {number}", "same words"]))
    elif kind == "weight":
        claim.weight = draw(st.none() | st.integers(0, 4))
    elif kind == "credence":
        claim.credence = draw(st.none() | st.sampled_from([0.0, 0.25, 1.0]))
    elif kind == "by":
        claim.by = draw(st.none() | st.sampled_from([side, "both"]))
    elif kind == "stance":
        claim.stance = draw(st.sampled_from(["pro", "con", "part"]))
    elif kind == "note":
        claim.notes = [*claim.notes, Note(text=draw(st.sampled_from([side, "same note"])))]
    elif kind == "unnote":
        claim.notes = claim.notes[1:]
    elif kind == "tag":
        claim.tags = [*claim.tags, draw(st.sampled_from([side, "same", *claim.tags[:1]]))]
    elif kind == "untag":
        claim.tags = claim.tags[1:]
    elif kind == "link":
        claim.links = [*claim.links, draw(pick_claim)]
    elif kind == "unlink":
        claim.links = claim.links[1:]
    elif kind == "cite" and argmap.sources:
        source = draw(st.sampled_from(sorted(argmap.sources)))
        cite = Citation(source=source, quote=draw(st.none() | st.just(side)))
        claim.cite = draw(st.sampled_from([cite, [cite]]))
    elif kind == "uncite":
        claim.cite = None
    elif kind == "add":
        new_id = draw(st.sampled_from([f"{side}-{number}", "new-a", "new-b"]))
        if new_id not in claims:
            parent = draw(st.none() | pick_claim)
            claims[new_id] = Claim(
                parent=parent,
                stance=draw(st.sampled_from(["pro", "con"])) if parent else None,
                text=draw(claim_texts),
            )
    elif kind == "move":
        below = set(argmap.tree().subtree(claim_id))
        places = sorted(set(claims) - below)
        claim.parent = draw(st.none() | st.sampled_from(places)) if places else None
        claim.stance = claim.stance or "pro" if claim.parent else None
    elif kind == "delete":
        _delete_subtree(argmap, claim_id)
    elif kind == "title":
        argmap.map.title = draw(st.sampled_from([f"{side}'s title", "same title"]))
    elif kind == "source" and argmap.sources:
        source = argmap.sources[draw(st.sampled_from(sorted(argmap.sources)))]
        source.title = draw(st.sampled_from([f"{side}'s source", "same source"]))
    elif kind == "add-source":
        argmap.sources[draw(st.sampled_from([f"{side}-src", "new-src"]))] = Source(title=side)
    elif kind == "delete-source" and argmap.sources:
        del argmap.sources[draw(st.sampled_from(sorted(argmap.sources)))]
    elif kind in ("overlay", "unoverlay", "describe", "delete-perspective") and argmap.perspectives:
        name = draw(st.sampled_from(sorted(argmap.perspectives)))
        perspective = argmap.perspectives[name]
        if kind == "overlay":
            perspective.weight = {**perspective.weight, claim_id: draw(st.integers(0, 4))}
        elif kind == "unoverlay":
            perspective.weight = {k: v for k, v in perspective.weight.items() if k != claim_id}
        elif kind == "describe":
            perspective.description = draw(st.none() | st.just(f"{side}'s view"))
        else:
            del argmap.perspectives[name]
    elif kind == "add-perspective":
        argmap.perspectives[draw(st.sampled_from([side, "new-view"]))] = Perspective(
            weight={claim_id: draw(st.integers(0, 4))}
        )


def _delete_subtree(argmap: ArgumentMap, claim_id: str) -> None:
    """A deletion as the app makes it: the subtree, and every link or overlay to it."""
    gone = set(argmap.tree().subtree(claim_id))
    if len(gone) == len(argmap.claims):
        return
    argmap.claims = {k: c for k, c in argmap.claims.items() if k not in gone}
    for claim in argmap.claims.values():
        claim.links = [target for target in claim.links if target not in gone]
    for perspective in argmap.perspectives.values():
        for overlay in ("weight", "credence"):
            values = getattr(perspective, overlay)
            setattr(perspective, overlay, {k: v for k, v in values.items() if k not in gone})


def _valid(argmap: ArgumentMap) -> bool:
    try:
        ArgumentMap.model_validate(argmap.model_dump())
    except ValueError:
        return False
    return not [issue for issue in check_structure(argmap) if issue.severity == "error"]


@st.composite
def edited(
    draw: st.DrawFn, base: ArgumentMap, side: str, kinds: list[str], focus: list[str]
) -> ArgumentMap:
    """``base`` after a few random edits, each kept only if the map stays valid."""
    argmap = base.model_copy(deep=True)
    for number in range(draw(st.integers(1, 6))):
        attempt = argmap.model_copy(deep=True)
        _edit(draw, attempt, draw(st.sampled_from(kinds)), side, number, focus)
        if _valid(attempt):
            argmap = attempt
    return argmap


@st.composite
def random_merges(draw: st.DrawFn) -> tuple[dict[str, ArgumentMap], dict[str, str]]:
    base = draw(argument_maps(max_claims=5))
    # A few kinds and claims per merge, shared by both sides.
    families = draw(st.lists(st.sampled_from(FAMILIES), min_size=1, max_size=2, unique=True))
    kinds = sorted({kind for family in families for kind in family})
    ids = sorted(base.claims)
    focus = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
    maps = {"base": base}
    for side in ("ours", "theirs"):
        maps[side] = draw(edited(base, side, kinds, focus))
    layouts = {side: draw(st.sampled_from(sorted(LAYOUTS))) for side in maps}
    return maps, layouts


# ------------------------------------------------------------------------ the invariant


def _data(argmap: ArgumentMap) -> Data:
    return argmap.model_dump(mode="python", exclude_none=True, exclude_defaults=True)


def _union(*tables: Data) -> list[str]:
    return list(dict.fromkeys(key for table in tables for key in table))


def lost_changes(base: ArgumentMap, side: ArgumentMap, merged: ArgumentMap, name: str) -> list[str]:
    """Each change ``side`` made to ``base`` that is neither in ``merged`` nor named by a
    conflict recorded there (on the claim it is about, or anywhere for map-level things)."""
    b, s, m = _data(base), _data(side), _data(merged)
    recorded = {
        claim_id: {c["field"] for c in claim.get("conflicts", [])}
        for claim_id, claim in m.get("claims", {}).items()
    }
    anywhere = set().union(*recorded.values())
    lost: list[str] = []
    for section in ("claims", "sources", "perspectives"):
        tables = [b.get(section, {}), s.get(section, {}), m.get(section, {})]
        for key in _union(tables[0], tables[1]):
            before, after, now = (table.get(key) for table in tables)
            if after == before:
                continue
            where = f"{section}.{key}"
            # A claim's conflicts sit on the claim, named by field; others' on the first root.
            fields = recorded.get(key, set()) if section == "claims" else anywhere
            deletion = "claim" if section == "claims" else where
            prefix = "" if section == "claims" else where + "."
            if after is None:
                if now is not None and deletion not in fields:
                    lost.append(f"{name} deleted {where}; it is back without a conflict")
            elif now is None:
                lost.append(f"{name}'s {where} is gone")
            else:
                lost += _lost_fields(where, prefix, (before or {}, after, now), fields, name)
    maps = (b.get("map", {}), s.get("map", {}), m.get("map", {}))
    return lost + _lost_fields("map", "map.", maps, anywhere, name)


def _lost_fields(
    where: str, prefix: str, versions: tuple[Data, Data, Data], recorded: set[str], name: str
) -> list[str]:
    """The fields of one table that ``name`` changed and the merge neither took nor recorded.

    Collections (tags, links, notes): each item added must be there, each removed gone.
    Perspective overlays: value by value. Anything else: the value, or a conflict naming
    ``prefix + field``.
    """
    before, after, now = versions
    lost = []
    for key in _union(before, after):
        old, new, merged = before.get(key), after.get(key), now.get(key)
        if new == old or key == "conflicts":
            continue
        if key in ("tags", "links", "notes"):
            missing = [item for item in new or [] if item not in (old or []) + (merged or [])]
            back = [
                item for item in old or [] if item not in (new or []) and item in (merged or [])
            ]
            if missing or back:
                lost.append(f"{name}'s {where}.{key}: lost {missing}, back {back}")
        elif key in ("weight", "credence") and where.startswith("perspectives."):
            old, new, merged = old or {}, new or {}, merged or {}
            for claim_id in _union(old, new):
                value = new.get(claim_id)
                changed = value != old.get(claim_id) and merged.get(claim_id) != value
                if changed and prefix + key not in recorded:
                    lost.append(f"{name}'s {where}.{key}.{claim_id} = {value} lost")
        elif merged != new and prefix + key not in recorded:
            lost.append(f"{name}'s {where}.{key} = {new!r} lost (merged: {merged!r})")
    return lost


@RANDOM_MERGES
@given(random_merges())
def test_random_merges_lose_nothing_without_a_word(
    case: tuple[dict[str, ArgumentMap], dict[str, str]],
) -> None:
    maps, layouts = case
    with tempfile.TemporaryDirectory() as folder:
        paths = {side: Path(folder) / f"{side}.toml" for side in maps}
        for side, path in paths.items():
            path.write_text(LAYOUTS[layouts[side]](maps[side]), encoding="utf-8")
        err = StringIO()
        with redirect_stderr(err):
            code = main(["merge", *map(str, paths.values()), "-o", str(paths["ours"])])
        assert code in (0, 1), err.getvalue()  # two valid maps always merge
        event(f"exit {code}, ours written {layouts['ours']}")
        merged = load_map(paths["ours"]).argmap
    conflicts = [c for claim in merged.claims.values() for c in claim.conflicts]
    assert bool(conflicts) is (code == 1), err.getvalue()
    lost = [
        *lost_changes(maps["base"], maps["ours"], merged, "ours"),
        *lost_changes(maps["base"], maps["theirs"], merged, "theirs"),
    ]
    assert not lost, (lost, err.getvalue())
