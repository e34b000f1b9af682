"""What changed between two versions of a map, claim by claim rather than line by line.

A text diff of two TOML files says "line 214 changed"; a team reviewing a map wants to know
that claim ``moat-shift`` moved under ``catch-up-what``, lost a tag, got a note, and that the
first tree's verdict fell from 0.62 to 0.55 as a result. Claims are matched by id (ids are
the TOML keys, so they are stable across edits), and every result here is plain data that
is ready for JSON: the command line renders it as rich text, plain text or JSON.

Also here: :func:`outline`, a normalised line-per-fact listing of one map for git's
``textconv`` (so ``git log -p`` shows maps without layout noise).

Pure: imports neither rich nor Textual; the scoring engine is imported only to compute
verdicts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter, eq
from typing import Any, Literal

from debate.display import one_line, visible
from debate.model import ArgumentMap, Claim

Status = Literal["added", "removed", "changed"]

LIST_FIELDS = ("tags", "links", "notes", "conflicts")
"""Claim fields compared as collections: the diff lists items added and removed."""

CHANGE_NAMES = {
    "parent": "moved",
    "stance": "restanced",
    "text": "reworded",
    "weight": "reweighted",
    "credence": "credence",
    "by": "holder",
    "cite": "citation",
    "tags": "tags",
    "links": "links",
    "notes": "notes",
    "conflicts": "conflicts",
}
"""What each changed claim field is called in the output (the issue's vocabulary)."""

VERDICT_EPSILON = 5e-4
"""Verdict moves smaller than this (below the three decimals shown) count as unchanged."""


# ------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class ValueChange:
    """One value that changed; ``None`` means unset (or absent on that side)."""

    field: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class ItemsChange:
    """A collection field (tags, links, notes, conflicts): what was added and removed."""

    field: str
    added: list[Any]
    removed: list[Any]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "added": self.added, "removed": self.removed}


WordOp = tuple[Literal["=", "-", "+"], str]


@dataclass(slots=True)
class ClaimDiff:
    """One claim added, removed or changed.

    ``text``/``parent``/``stance`` are the claim's current ones (the old ones if removed).
    For added and removed claims ``values`` lists every field that is set, against ``None``.
    """

    id: str
    status: Status
    text: str
    parent: str | None
    stance: str | None
    values: list[ValueChange] = field(default_factory=list)
    items: list[ItemsChange] = field(default_factory=list)
    words: list[WordOp] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """The issue's names for what happened: ``moved``, ``reworded``, ``reweighted``..."""
        if self.status != "changed":
            return [self.status]
        return [CHANGE_NAMES.get(change.field, change.field) for change in self.values] + [
            CHANGE_NAMES.get(change.field, change.field) for change in self.items
        ]

    def value(self, name: str) -> ValueChange | None:
        return next((change for change in self.values if change.field == name), None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "kinds": self.kinds,
            "text": self.text,
            "parent": self.parent,
            "stance": self.stance,
            "values": [change.to_json() for change in self.values],
            "items": [change.to_json() for change in self.items],
        }
        if self.words:
            data["words"] = [list(op) for op in self.words]
        return data


@dataclass(slots=True)
class EntryDiff:
    """A source or perspective added, removed or changed (``values`` as for claims)."""

    id: str
    status: Status
    values: list[ValueChange] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "values": [change.to_json() for change in self.values],
        }


@dataclass(frozen=True, slots=True)
class VerdictMove:
    """A root claim's strength before and after (``None``: not a root on that side)."""

    root: str
    text: str
    perspective: str | None
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return self.new - self.old

    @property
    def moved(self) -> bool:
        delta = self.delta
        return delta is None or abs(delta) > VERDICT_EPSILON

    def to_json(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "text": self.text,
            "perspective": self.perspective,
            "old": self.old,
            "new": self.new,
            "delta": self.delta,
        }


@dataclass(slots=True)
class MapDiff:
    """Everything that differs between two maps; empty lists mean "nothing of that kind"."""

    map: list[ValueChange] = field(default_factory=list)
    claims: list[ClaimDiff] = field(default_factory=list)
    sources: list[EntryDiff] = field(default_factory=list)
    perspectives: list[EntryDiff] = field(default_factory=list)
    verdicts: list[VerdictMove] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the maps differ in content (layout and comments do not count)."""
        return bool(self.map or self.claims or self.sources or self.perspectives)

    def claims_with(self, status: Status) -> list[ClaimDiff]:
        return [claim for claim in self.claims if claim.status == status]

    def counts(self) -> dict[str, int]:
        return {status: len(self.claims_with(status)) for status in ("added", "removed", "changed")}

    def to_json(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "counts": self.counts(),
            "map": [change.to_json() for change in self.map],
            "claims": [claim.to_json() for claim in self.claims],
            "sources": [entry.to_json() for entry in self.sources],
            "perspectives": [entry.to_json() for entry in self.perspectives],
            "verdicts": [move.to_json() for move in self.verdicts],
        }


# ------------------------------------------------------------------------------- diffing


def diff_maps(old: ArgumentMap, new: ArgumentMap, *, verdicts: bool = True) -> MapDiff:
    """Compare two maps by id. Claims come in the new map's tree order, removed ones last.

    A big map with few changes costs about one comparison per claim: a claim becomes data
    (to list what changed) only when it differs, the trees are walked only to put two or
    more changes in order, and scores are computed again only if something they depend on
    changed.
    """
    old_data, new_data = _data(old, claims=False), _data(new, claims=False)
    result = MapDiff()
    result.map = _value_changes(old_data.get("map", {}), new_data.get("map", {}))
    result.claims = list(_claim_diffs(old, new))
    result.sources = _entry_diffs(old_data.get("sources", {}), new_data.get("sources", {}))
    result.perspectives = _entry_diffs(_flat_perspectives(old_data), _flat_perspectives(new_data))
    if verdicts:
        result.verdicts = verdict_moves(old, new)
    return result


def _data(argmap: ArgumentMap, claims: bool = True) -> dict[str, Any]:
    """The map as JSON-ready data with unset values left out (what the user actually wrote)."""
    data = argmap.model_dump(
        mode="python",
        exclude_none=True,
        exclude_defaults=True,
        exclude=None if claims else {"claims"},
    )
    return jsonable(data)


def claim_data(claim: Claim) -> dict[str, Any]:
    """One claim as :func:`_data` gives it: JSON-ready, unset values left out."""
    data: dict[str, Any] = jsonable(
        claim.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    )
    return data


def same_claim(before: Claim, after: Claim) -> bool:
    """Whether two claims give the same :func:`claim_data`, without making it: the fields
    compared as they are, and the notes' times as written too (12:00+01:00 and 11:00Z are
    equal instants, written differently)."""
    return before == after and (
        not before.notes
        or [_written(note.at) for note in before.notes]
        == [_written(note.at) for note in after.notes]
    )


def _written(moment: Any) -> Any:
    return moment.isoformat() if isinstance(moment, datetime) else moment


def jsonable(value: Any) -> Any:
    """Dates become ISO strings; everything else is already JSON-ready."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat().replace("+00:00", "Z")
    return value


def _claim_diffs(old: ArgumentMap, new: ArgumentMap) -> Iterator[ClaimDiff]:
    old_claims, new_claims = old.claims, new.claims
    differ = [
        claim_id
        for claim_id, after in new_claims.items()
        if (before := old_claims.get(claim_id)) is None or not same_claim(before, after)
    ]
    for claim_id in _in_walk_order(new, differ):
        after = new_claims[claim_id]
        before = old_claims.get(claim_id)
        if before is None:
            yield _whole(claim_id, "added", claim_data(after))
        else:
            before_data, after_data = claim_data(before), claim_data(after)
            if before_data != after_data:
                yield _changed(claim_id, before_data, after_data)
    gone = [claim_id for claim_id in old_claims if claim_id not in new_claims]
    for claim_id in _in_walk_order(old, gone):
        yield _whole(claim_id, "removed", claim_data(old_claims[claim_id]))


def _in_walk_order(argmap: ArgumentMap, ids: list[str]) -> list[str]:
    """``ids`` in the order a walk of the map's tree meets them, without those no walk
    reaches (on a parent cycle). The tree is built and walked only to order two or more."""
    if len(ids) > 1:
        wanted = set(ids)
        return [claim_id for claim_id, _ in argmap.tree().walk() if claim_id in wanted]
    return [claim_id for claim_id in ids if _hangs_from_a_root(argmap, claim_id)]


def _hangs_from_a_root(argmap: ArgumentMap, claim_id: str) -> bool:
    """Whether following parents from ``claim_id`` ends at a root (as a walk would reach it)."""
    claims = argmap.claims
    seen = {claim_id}
    parent = claims[claim_id].parent
    while parent in claims:
        if parent in seen:
            return False
        seen.add(parent)
        parent = claims[parent].parent
    return True


def _whole(claim_id: str, status: Status, data: dict[str, Any]) -> ClaimDiff:
    values = [
        ValueChange(key, None, value) if status == "added" else ValueChange(key, value, None)
        for key, value in data.items()
    ]
    return ClaimDiff(claim_id, status, data["text"], data.get("parent"), data.get("stance"), values)


def _changed(claim_id: str, before: dict[str, Any], after: dict[str, Any]) -> ClaimDiff:
    result = ClaimDiff(claim_id, "changed", after["text"], after.get("parent"), after.get("stance"))
    for key in _keys(before, after):
        old_value, new_value = before.get(key), after.get(key)
        if old_value == new_value:
            continue
        if key in LIST_FIELDS:
            old_items, new_items = old_value or [], new_value or []
            added = [item for item in new_items if item not in old_items]
            removed = [item for item in old_items if item not in new_items]
            if added or removed:
                result.items.append(ItemsChange(key, added, removed))
            continue
        result.values.append(ValueChange(key, old_value, new_value))
        if key == "text":
            result.words = word_diff(str(old_value), str(new_value))
    return result


def _keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Field names in a stable, readable order: the model's order, then anything else."""
    order = ["parent", "stance", "text", "weight", "credence", "by", "cite", *LIST_FIELDS]
    present = set(before) | set(after)
    return [key for key in order if key in present] + sorted(present - set(order))


def _value_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[ValueChange]:
    return [
        ValueChange(key, before.get(key), after.get(key))
        for key in [*before, *(key for key in after if key not in before)]
        if before.get(key) != after.get(key)
    ]


def _entry_diffs(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[EntryDiff]:
    entries: list[EntryDiff] = []
    for key, value in after.items():
        if key not in before:
            entries.append(EntryDiff(key, "added", _value_changes({}, value)))
        elif before[key] != value:
            entries.append(EntryDiff(key, "changed", _value_changes(before[key], value)))
    entries.extend(
        EntryDiff(key, "removed", _value_changes(value, {}))
        for key, value in before.items()
        if key not in after
    )
    return entries


def _flat_perspectives(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Perspective overlays as ``weight.CLAIM``/``credence.CLAIM`` keys, one value each."""
    flat: dict[str, dict[str, Any]] = {}
    for name, perspective in data.get("perspectives", {}).items():
        entry: dict[str, Any] = {}
        if "description" in perspective:
            entry["description"] = perspective["description"]
        for overlay in ("weight", "credence"):
            for claim_id, value in perspective.get(overlay, {}).items():
                entry[f"{overlay}.{claim_id}"] = value
        flat[name] = entry
    return flat


_TOKENS = re.compile(r"\s+|[^\s]+")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")

MAX_COMPARISONS = 1_000_000
"""Above this many token pairs (old tokens × new tokens, once the common start and end are
set aside) a word diff would take seconds to minutes (``difflib`` is quadratic or worse, and
git runs this as its diff driver); the diff then compares lines, and beyond that too it shows
the old text removed and the new one added."""


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level differences: ``=`` kept, ``-`` removed, ``+`` added runs of text.

    Bounded in time on any input: the unchanged start and end are found in linear time, and
    a middle too long to compare word by word (:data:`MAX_COMPARISONS`) is compared by line,
    or else replaced as a whole.
    """
    for tokens in (_TOKENS, _LINES):
        before, after = tokens.findall(old), tokens.findall(new)
        start, before, after, end = _common_ends(before, after)
        if len(before) * len(after) <= MAX_COMPARISONS:
            break
    ops: list[WordOp] = []
    _push(ops, "=", "".join(start))
    if len(before) * len(after) > MAX_COMPARISONS:
        _push(ops, "-", "".join(before))
        _push(ops, "+", "".join(after))
    else:
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                _push(ops, "=", "".join(before[i1:i2]))
                continue
            _push(ops, "-", "".join(before[i1:i2]))
            _push(ops, "+", "".join(after[j1:j2]))
    _push(ops, "=", "".join(end))
    return _fold_spaces(ops)


def _common_ends(
    before: list[str], after: list[str]
) -> tuple[list[str], list[str], list[str], list[str]]:
    """``before`` and ``after`` split into their shared start, two middles, shared end."""
    limit = min(len(before), len(after))
    head = 0
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return (
        before[:head],
        before[head : len(before) - tail],
        after[head : len(after) - tail],
        before[len(before) - tail :],
    )


def _fold_spaces(ops: list[WordOp]) -> list[WordOp]:
    """``[-a-]{+b+} [-c-]{+d+}`` reads better as ``[-a c-]{+b d+}``: one replaced phrase."""
    folded: list[WordOp] = []
    removed = added = ""
    for index, (op, text) in enumerate(ops):
        following = ops[index + 1][0] if index + 1 < len(ops) else "="
        if op == "=" and text.isspace() and removed and added and following != "=":
            removed, added = removed + text, added + text
        elif op == "-":
            removed += text
        elif op == "+":
            added += text
        else:
            folded += [("-", removed)] if removed else []
            folded += [("+", added)] if added else []
            removed = added = ""
            folded.append((op, text))
    folded += [("-", removed)] if removed else []
    folded += [("+", added)] if added else []
    return folded


def _push(ops: list[WordOp], op: Literal["=", "-", "+"], text: str) -> None:
    if not text:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + text)
    else:
        ops.append((op, text))


def verdict_moves(old: ArgumentMap, new: ArgumentMap) -> list[VerdictMove]:
    """Every root's strength before and after: in the base map, then per shared perspective.

    Base-map verdicts are listed for every root (moved or not, so the reader sees the whole
    picture); perspective verdicts only where they moved. Each side is scored by one
    scorer, which only reloads its values for each perspective; the new side is not scored
    at all when nothing a score depends on changed.
    """
    # ~10 ms that a diff or textconv without verdicts does not need
    from debate.scoring import Scorer

    moves: list[VerdictMove] = []
    views: list[str | None] = [None]
    views += [name for name in new.perspectives if name in old.perspectives]
    old_scorer = Scorer(old) if old.claims else None
    likeness = _likeness(old, new) if old_scorer is not None else "other"
    alike = likeness == "same"
    new_scorer = None
    if old_scorer is not None and likeness == "values":
        new_scorer = old_scorer.for_values_of(new)
    elif not alike and new.claims:
        new_scorer = Scorer(new)
    old_roots = list(old_scorer.verdicts()) if old_scorer is not None else []
    new_roots = old_roots if alike else list(new_scorer.verdicts()) if new_scorer else []
    old_root_set, new_root_set = set(old_roots), set(new_roots)
    roots = [*new_roots, *(root for root in old_roots if root not in new.claims)]
    for view in views:
        old_scores = _strengths(old_scorer, view)
        new_scores = old_scores if alike else _strengths(new_scorer, view)
        for root in roots:
            claim = new.claims.get(root) or old.claims[root]
            move = VerdictMove(
                root,
                one_line(claim.text),
                view,
                old_scores.get(root) if root in old_root_set else None,
                new_scores.get(root) if root in new_root_set else None,
            )
            if view is None or move.moved:
                moves.append(move)
    return moves


_TREE = attrgetter("parent", "stance")
_VALUES = attrgetter("weight", "credence")


def _likeness(old: ArgumentMap, new: ArgumentMap) -> Literal["same", "values", "other"]:
    """How far the scores of two versions of a map can differ, known without scoring.

    ``same``: every strength is the same under every perspective (the same claims in the
    same order, for siblings combine in file order, each with the same parent, stance,
    weight and credence, and the same perspectives). ``values``: the tree is the same,
    so one scorer's index serves both. ``other``: anything else.
    """
    if list(old.claims) != list(new.claims):
        return "other"
    before, after = old.claims.values(), new.claims.values()
    if not all(map(eq, map(_TREE, before), map(_TREE, after))):
        return "other"
    if old.perspectives != new.perspectives:
        return "values"
    return "same" if all(map(eq, map(_VALUES, before), map(_VALUES, after))) else "values"


def _strengths(scorer: Any, view: str | None) -> dict[str, float]:
    """Every strength under ``view`` (``{}`` for a map with no claims)."""
    if scorer is None:
        return {}
    if scorer.perspective != view:
        scorer.set_perspective(view)
    strengths: dict[str, float] = scorer.strengths
    return strengths


# ------------------------------------------------------------------------------- textconv


def outline(argmap: ArgumentMap, *, verdicts: bool = True) -> list[str]:
    """One line per fact, in tree order, for git's ``textconv``.

    Layout, comments and key order do not show; ids do, so a line diff of two outlines
    reads as a semantic diff: a moved claim changes one ``parent`` line, a reweight one
    ``weight`` line. Root verdicts come first so ``git log -p`` shows how they moved.
    """
    data = _data(argmap)
    lines = ["map", *(f"  {key}: {_show(value)}" for key, value in data.get("map", {}).items())]
    if verdicts and argmap.claims:
        # ~10 ms that a diff or textconv without verdicts does not need
        from debate.scoring import score

        strengths = score(argmap)
        tree = argmap.tree()
        lines += [f"verdict {root}: {strengths[root]:.3f}" for root in tree.roots]
    else:
        tree = argmap.tree()
    for source_id, source in data.get("sources", {}).items():
        lines += ["", f"source {source_id}"]
        lines += [f"  {key}: {_show(value)}" for key, value in source.items()]
    for claim_id, _ in tree.walk():
        lines += ["", f"claim {claim_id}", *_claim_lines(data["claims"][claim_id])]
    for name, perspective in _flat_perspectives(data).items():
        lines += ["", f"perspective {name}"]
        lines += [f"  {key}: {_show(value)}" for key, value in perspective.items()]
    return lines


def _claim_lines(claim: dict[str, Any]) -> Iterator[str]:
    if "parent" in claim:
        yield f"  parent: {claim['parent']} ({claim.get('stance', '?')})"
    elif "stance" in claim:
        yield f"  stance: {claim['stance']}"
    for key in ("text", "weight", "credence", "by", "cite"):
        if key in claim:
            yield f"  {key}: {_show(claim[key])}"
    for key in ("tags", "links"):
        if claim.get(key):
            yield f"  {key}: {', '.join(_show(item) for item in claim[key])}"
    for key in ("notes", "conflicts"):
        for item in claim.get(key, []):
            yield f"  {key[:-1]}: {_show(item)}"


def _show(value: Any) -> str:
    """A value on one line, control characters escaped, dicts as ``key=value`` pairs."""
    if isinstance(value, dict):
        return "; ".join(f"{key}={_show(item)}" for key, item in value.items())
    if isinstance(value, list):
        return " | ".join(_show(item) for item in value)
    if isinstance(value, str):
        return visible(value).replace("\n", "\\n")
    return str(value)


def empty_map() -> ArgumentMap:
    """What a file that does not exist (git's ``/dev/null``) is compared as."""
    return ArgumentMap()
