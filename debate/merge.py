"""Three-way merge of argument maps: claim by claim, field by field.

Git's line merge sees two people who edited neighbouring lines of one TOML file as a
conflict, and two people who moved the same claim differently as no conflict at all. Here
the unit is the claim and, inside it, the field:

- an edit on one side only wins; the same edit on both sides is taken once;
- edits to different claims, or to different fields of one claim, never conflict;
- ``tags``, ``links``, ``notes`` and recorded ``conflicts`` merge as collections: what either
  side added is kept (once, matched by content), what either side removed is removed;
- a true conflict (one field changed both ways, a claim deleted on one side and edited on the
  other, moves that together would make a cycle) keeps a valid map: ours' value stays, and a
  :class:`~debate.model.Conflict` on the claim records ours, theirs and base, so the user
  sees it in the file and in the app. Conflicts about things that are not claims (the
  ``[map]`` table, sources, perspective descriptions) are recorded on the first root claim,
  their ``field`` naming what they are about (``map.title``, ``sources.ai-gap.title``).

Nothing either side wrote is lost: a claim one side deleted but the other still needs (it
edited the claim, or added a child, link or overlay pointing at it) is kept, with a conflict;
so are the claims each side kept when the other deleted them all (a map needs a claim).

Pure: works on models and returns a model; the command line does the reading and writing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from debate.display import visible_name
from debate.errors import DebateError
from debate.model import ArgumentMap, Conflict, check_structure, parent_cycles
from debate.store import toml_item

Side = Literal["ours", "theirs"]
Data = dict[str, Any]

CLAIM_LISTS = ("tags", "links", "notes", "conflicts")
"""Claim fields merged as collections (union of additions, minus removals), never conflicting."""


class MergeError(DebateError):
    """The maps could not be merged into a valid map (a bug, or a case not handled yet)."""


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """A conflict the merge recorded, and the claim it was recorded on."""

    claim: str
    conflict: Conflict

    def describe(self) -> str:
        """One line for the terminal: ``claims.x: weight: ours 3, theirs 4 (base 2) — note``."""
        text = f"claims.{self.claim}: {describe_conflict(self.conflict)}"
        return f"{text} — {self.conflict.note}" if self.conflict.note else text


def describe_conflict(conflict: Conflict) -> str:
    """A recorded conflict in one line: ``weight: ours 3, theirs 4 (base 2)``.

    The one wording of a conflict: the merge's report, ``debate diff`` and the app's detail
    pane all show it this way (each adds the claim or the note where it needs them).
    """
    text = f"{conflict.field}: ours {_or_unset(conflict.ours)}, "
    text += f"theirs {_or_unset(conflict.theirs)}"
    if conflict.base is not None:
        text += f" (base {conflict.base})"
    return text


def _or_unset(value: str | None) -> str:
    return "unset" if value is None else value


@dataclass(slots=True)
class MergeResult:
    argmap: ArgumentMap
    conflicts: list[MergeConflict]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_maps(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> MergeResult:
    """Merge ``theirs``' changes since ``base`` into ``ours``.

    ``base`` may be an empty map (two branches that added the same file independently).
    Raises :class:`MergeError` only if the result would not be a valid map, which the
    repairs below are there to prevent.
    """
    b, o, t = _data(base), _data(ours), _data(theirs)
    if o == t or t == b:
        return MergeResult(ours.model_copy(deep=True), [])
    if o == b:
        return MergeResult(theirs.model_copy(deep=True), [])
    merger = _Merger(b, o, t)
    data = merger.run()
    try:
        merged = ArgumentMap.model_validate(data)
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise MergeError(f"merge produced an invalid map: {error}") from None
    errors = [issue for issue in check_structure(merged) if issue.severity == "error"]
    if errors:
        details = "; ".join(issue.message for issue in errors[:3])
        raise MergeError(f"merge produced an invalid map: {details}")
    return MergeResult(merged, merger.recorded)


def conflict_markers(ours: bytes, base: bytes, theirs: bytes, name: str) -> bytes:
    """Three versions of a file, each whole, between git's diff3 conflict markers.

    What the merge driver leaves when it cannot merge: nothing either side wrote is lost,
    and the file cannot pass for a merged map (``<<<<<<<`` is not TOML), so neither git
    nor ``debate validate`` lets it through unresolved.
    """
    label = " ".join(visible_name(name).split()).encode("utf-8")  # a name from git: any bytes
    parts = [b"<<<<<<< ours: " + label, ours, b"||||||| base", base, b"=======", theirs]
    text = b"".join(part if part.endswith(b"\n") or not part else part + b"\n" for part in parts)
    return text + b">>>>>>> theirs\n"


def _data(argmap: ArgumentMap) -> Data:
    """Plain data with unset values left out; dates stay dates (they go back into the model)."""
    return argmap.model_dump(mode="python", exclude_none=True, exclude_defaults=True)


def toml_value(value: Any) -> str | None:
    """A value as TOML would write it (``3``, ``"text"``, ``{ source = "x" }``); None if unset."""
    if value is None:
        return None

    return str(toml_item(value).as_string())


def three_way(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value and whether it is a conflict (then ours' value is kept)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def merge_items(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Collections: ours' items minus what theirs removed, plus what theirs added, no repeats."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    removed = [item for item in base if item not in theirs]
    merged: list[Any] = []
    for item in [*ours, *(item for item in theirs if item not in base)]:
        if item not in removed and item not in merged:
            merged.append(item)
    return merged


class _Merger:
    """One merge: the three maps as plain data and the conflicts recorded so far."""

    def __init__(self, base: Data, ours: Data, theirs: Data) -> None:
        self.base, self.ours, self.theirs = base, ours, theirs
        self.pending: list[tuple[str | None, Conflict]] = []
        self.recorded: list[MergeConflict] = []

    def section(self, name: str) -> tuple[Data, Data, Data]:
        return self.base.get(name, {}), self.ours.get(name, {}), self.theirs.get(name, {})

    def conflict(
        self,
        claim: str | None,
        field: str,
        ours: Any,
        theirs: Any,
        base: Any = None,
        note: str | None = None,
        *,
        rendered: bool = False,
    ) -> None:
        """Note a conflict; ``claim`` None means "about the map": recorded on the first root."""
        if not rendered:
            ours, theirs, base = toml_value(ours), toml_value(theirs), toml_value(base)
        self.pending.append(
            (claim, Conflict(field=field, ours=ours, theirs=theirs, base=base, note=note))
        )

    # ------------------------------------------------------------------------ the merge

    def run(self) -> Data:
        result: Data = {}
        map_info = self.fields(*self.section("map"), claim=None, prefix="map.")
        if map_info:
            result["map"] = map_info
        claims = self.tables("claims")
        self.keep_some_claims(claims)
        sources = self.tables("sources")
        perspectives = self.perspectives()
        self.keep_needed(claims, sources, perspectives)
        self.break_cycles(claims)
        self.give_stances(claims)
        claims = {claim_id: claims[claim_id] for claim_id in self.order(claims)}
        self.attach(claims)
        for name, value in (("sources", sources), ("claims", claims)):
            if value:
                result[name] = value
        if perspectives:
            result["perspectives"] = perspectives
        return result

    def fields(
        self,
        base: Data,
        ours: Data,
        theirs: Data,
        *,
        claim: str | None,
        prefix: str = "",
        lists: Iterable[str] = (),
        claims_field: str | None = None,
    ) -> Data:
        """Merge one table key by key. A clash is recorded on ``claim`` (None: the first
        root) as ``prefix + key``; in a table keyed by claim ids (a perspective's overlay,
        ``claims_field`` naming it) it is recorded on the claim its key names."""
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        merged: Data = {}
        for key in _union(ours, theirs):
            b, o, t = base.get(key), ours.get(key), theirs.get(key)
            if key in lists:
                value = merge_items(b or [], o or [], t or [])
            else:
                value, clash = three_way(b, o, t)
                if clash and claims_field is not None:
                    self.conflict(key, claims_field, o, t, b)
                elif clash:
                    self.conflict(claim, prefix + key, o, t, b)
            if value is not None and value != []:
                merged[key] = value
        return merged

    def tables(self, section: str) -> Data:
        """Claims or sources, table by table: one on both sides merged field by field, one
        added on one side taken, one deleted on one side dropped unless the other edited it.

        A claim's conflicts are recorded on the claim itself, a source's on the first root.
        Each table is a fresh dict: later steps (stances, parents) change claims in place.
        """
        base, ours, theirs = self.section(section)
        on_claims = section == "claims"
        what = section.rstrip("s")
        merged: Data = {}
        for key in _union(ours, theirs):
            b, o, t = base.get(key), ours.get(key), theirs.get(key)
            claim = key if on_claims else None
            kept: Data | None
            if o is not None and t is not None:
                prefix = "" if on_claims else f"{section}.{key}."
                lists = CLAIM_LISTS if on_claims else ()
                kept = self.fields(b or {}, o, t, claim=claim, prefix=prefix, lists=lists)
            elif b is None:
                kept = o if o is not None else t  # added on one side
            else:
                field = what if on_claims else f"{section}.{key}"
                kept = self.deleted_on_one_side(field, what, b, o, t, claim=claim)
            if kept is not None:
                merged[key] = dict(kept)
        return merged

    def deleted_on_one_side(
        self,
        field: str,
        what: str,
        base: Data,
        ours: Data | None,
        theirs: Data | None,
        *,
        claim: str | None,
    ) -> Data | None:
        """A table one side deleted: gone if the other left it alone, else kept with a conflict."""
        kept = ours if ours is not None else theirs
        assert kept is not None
        if kept == base:
            return None
        editor: Side = "ours" if ours is not None else "theirs"
        deleter: Side = "theirs" if editor == "ours" else "ours"
        edited = ", ".join(
            field for field in _union(base, kept) if base.get(field) != kept.get(field)
        )
        status = {deleter: "(deleted)", editor: f"(edited: {edited})"}
        self.conflict(
            claim,
            field,
            status["ours"],
            status["theirs"],
            note=f"{deleter} deleted this {what} and {editor} edited it; kept {editor}' version "
            "— delete it again to accept the deletion",
            rendered=True,
        )
        return kept

    def perspectives(self) -> Data:
        """Overlays merge value by value; a clash is recorded on the claim it is about."""
        base, ours, theirs = self.section("perspectives")
        merged: Data = {}
        for name in _union(ours, theirs):
            b, o, t = base.get(name), ours.get(name), theirs.get(name)
            if o is None or t is None:
                if b is None:
                    merged[name] = o if o is not None else t
                else:
                    kept = self.deleted_on_one_side(
                        f"perspectives.{name}", "perspective", b, o, t, claim=None
                    )
                    if kept is not None:
                        merged[name] = kept
                continue
            b = b or {}
            entry: Data = {}
            description, clash = three_way(
                b.get("description"), o.get("description"), t.get("description")
            )
            if clash:
                self.conflict(
                    None,
                    f"perspectives.{name}.description",
                    o.get("description"),
                    t.get("description"),
                    b.get("description"),
                )
            if description is not None:
                entry["description"] = description
            for overlay in ("weight", "credence"):
                values = self.fields(
                    b.get(overlay, {}),
                    o.get(overlay, {}),
                    t.get(overlay, {}),
                    claim=None,
                    claims_field=f"perspectives.{name}.{overlay}",
                )
                if values:
                    entry[overlay] = values
            merged[name] = entry
        return merged

    # ------------------------------------------------------------------------ repairs

    def keep_needed(self, claims: Data, sources: Data, perspectives: Data) -> None:
        """Bring back claims and sources one side deleted but the merged map still points at."""
        while True:
            wanted = list(self.dangling(claims, perspectives))
            if not wanted:
                break
            for claim_id, user, reason in wanted:
                if claim_id in claims:
                    continue
                claims[claim_id] = self.restore(claim_id, user, reason, "claims")
        for claim_id, claim in claims.items():
            for citation in _citations(claim):
                source = str(citation.get("source"))
                if source in sources:
                    continue
                sources[source] = self.restore(source, claim_id, "cites it", "sources")

    def keep_some_claims(self, claims: Data) -> None:
        """Each side deleted every claim the other kept: keep those rather than lose them all.

        A map needs a claim (and the conflicts need one to be recorded on), and deleting
        everything is more likely two people tidying up than a wish for an empty map.
        """
        if claims:
            return
        _, ours, theirs = self.section("claims")
        for claim_id in _union(ours, theirs):
            keeper: Side = "ours" if claim_id in ours else "theirs"
            deleter: Side = "theirs" if keeper == "ours" else "ours"
            claims[claim_id] = dict(ours.get(claim_id) or theirs[claim_id])
            status = {deleter: "(deleted)", keeper: "(kept)"}
            self.conflict(
                claim_id,
                "claim",
                status["ours"],
                status["theirs"],
                note=f"{deleter} deleted this claim and {keeper} deleted every other one, "
                f"which would leave no claim at all; kept {keeper}' version",
                rendered=True,
            )

    def dangling(self, claims: Data, perspectives: Data) -> Iterator[tuple[str, str, str]]:
        """``(missing claim, claim or perspective that needs it, how)``."""
        for claim_id, claim in claims.items():
            parent = claim.get("parent")
            if parent is not None and parent not in claims:
                yield parent, claim_id, "is placed under it"
            for target in claim.get("links", []):
                if target not in claims:
                    yield target, claim_id, "links to it"
        for name, perspective in perspectives.items():
            for overlay in ("weight", "credence"):
                for claim_id in perspective.get(overlay, {}):
                    if claim_id not in claims:
                        yield claim_id, f"perspective {name}", f"sets its {overlay}"

    def restore(self, key: str, user: str, reason: str, section: str) -> Data:
        base, ours, theirs = self.section(section)
        if key in ours:
            entry, deleter = ours[key], "theirs"
        elif key in theirs:
            entry, deleter = theirs[key], "ours"
        else:
            entry, deleter = base[key], "both sides"
        what = "claim" if section == "claims" else "source"
        note = f"{deleter} deleted this {what}, but {user!r} {reason}; kept it"
        if section == "claims":
            self.conflict(key, "claim", None, None, note=note)
        else:
            self.conflict(user, f"sources.{key}", None, None, note=note)
        return dict(entry)

    def break_cycles(self, claims: Data) -> None:
        """Moves from both sides that together make a cycle: undo theirs, record a conflict."""
        ours = self.ours.get("claims", {})
        theirs = self.theirs.get("claims", {})
        base = self.base.get("claims", {})
        while cycle := next(parent_cycles(_parents(claims)), None):
            claim_id = next(
                (
                    node
                    for node in cycle
                    if node in ours and claims[node].get("parent") != ours[node].get("parent")
                ),
                None,
            )
            claim = claims[claim_id or cycle[0]]
            moved_to = claim.get("parent")
            shown = " -> ".join([*cycle, cycle[0]])
            if claim_id is None:
                claim_id = cycle[0]
                claim.pop("parent", None)
                note = f"the merged moves made a cycle ({shown}); made this claim a root"
                self.conflict(
                    claim_id,
                    "parent",
                    None,
                    moved_to,
                    base.get(claim_id, {}).get("parent"),
                    note=note,
                )
                continue
            mine = ours[claim_id]
            other = theirs.get(claim_id, {})
            note = (
                f"theirs moved this claim under {moved_to!r}, which together with ours' moves "
                f"makes a cycle ({shown}); kept ours' place"
            )
            self.conflict(
                claim_id,
                "parent",
                mine.get("parent"),
                moved_to,
                base.get(claim_id, {}).get("parent"),
                note=note,
            )
            for key in ("parent", "stance"):
                if key in mine:
                    claim[key] = mine[key]
                else:
                    claim.pop(key, None)
            if other.get("stance") != mine.get("stance"):
                self.conflict(
                    claim_id,
                    "stance",
                    mine.get("stance"),
                    other.get("stance"),
                    base.get(claim_id, {}).get("stance"),
                    note="goes with theirs' move, which was undone",
                )

    def give_stances(self, claims: Data) -> None:
        """A claim with a parent needs a stance; borrow one from whichever side had it."""
        for claim_id, claim in claims.items():
            if claim.get("parent") is None or claim.get("stance") is not None:
                continue
            for side in (self.ours, self.theirs, self.base):
                stance = side.get("claims", {}).get(claim_id, {}).get("stance")
                if stance is not None:
                    break
            else:
                stance = "pro"
            claim["stance"] = stance
            self.conflict(
                claim_id,
                "stance",
                None,
                stance,
                note="the merged claim had a parent but no stance; please check",
            )

    # ------------------------------------------------------------------------ layout

    def order(self, claims: Data) -> list[str]:
        """Ours' file order; claims only theirs has go after the claim they follow there
        (and after ours' own new claims in that place: ours first, as in the file layout)."""
        ours_order = [claim_id for claim_id in self.ours.get("claims", {}) if claim_id in claims]
        placed = set(ours_order)
        in_ours = set(ours_order)
        following: dict[str | None, list[str]] = {}
        anchor: str | None = None
        for claim_id in [*self.theirs.get("claims", {}), *self.base.get("claims", {}), *claims]:
            if claim_id in placed:
                if claim_id in in_ours:
                    anchor = claim_id
                continue
            if claim_id in claims:
                following.setdefault(anchor, []).append(claim_id)
                placed.add(claim_id)
        theirs = self.theirs.get("claims", {})
        order = list(following.get(None, []))
        pending: list[str] = []
        for claim_id in ours_order:
            if claim_id in theirs:  # ours' own new claims stay next to their anchor
                order.extend(pending)
                pending = []
            order.append(claim_id)
            pending.extend(following.get(claim_id, []))
        return order + pending

    def attach(self, claims: Data) -> None:
        """Write the pending conflicts into their claims (map-level ones on the first root)."""
        if not self.pending:
            return
        first_root = next(
            (claim_id for claim_id, claim in claims.items() if claim.get("parent") is None),
            next(iter(claims), None),
        )
        if first_root is None:  # only when neither side has a claim: not valid maps
            raise MergeError("no claim is left to record the conflicts on")
        for where, conflict in self.pending:
            claim_id = where if where in claims else first_root
            entry = conflict.model_dump(exclude_none=True)
            existing = list(claims[claim_id].get("conflicts", []))
            if entry not in existing:
                existing.append(entry)
            claims[claim_id]["conflicts"] = existing
            self.recorded.append(MergeConflict(claim_id, conflict))


def _union(first: Data, second: Data) -> list[str]:
    return [*first, *(key for key in second if key not in first)]


def _parents(claims: Data) -> dict[str, str | None]:
    return {claim_id: claim.get("parent") for claim_id, claim in claims.items()}


def _citations(claim: Data) -> list[Data]:
    cite = claim.get("cite")
    if cite is None:
        return []
    return [cite] if isinstance(cite, dict) else list(cite)
