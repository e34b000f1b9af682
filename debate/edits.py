"""Edits as command objects: every change the app makes to a map, with its undo.

Why command objects: the TUI, the tests and any later front end change a map the same way,
undo/redo comes for free (each edit remembers what it replaced), and an edit can be written
down as a small dict, which is how the TUI journals unsaved work and replays it after a crash
or onto a file that changed on disk (:mod:`debate.history` keeps the undo stacks and that log).

An edit's constructor takes only what the user chose (JSON-friendly values); ``apply``
captures whatever it overwrites, ``undo`` puts it back. Edits mutate the map in place (the
claims dict and the models), so a 100,000-claim map is never copied. ``structural`` edits
change the tree's shape or sibling order: callers rebuild their tree index after them.

Pure: imports neither Textual nor rich.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import ValidationError

from debate.errors import DebateError
from debate.model import (
    ID_PATTERN,
    STANCES,
    WEIGHT_RANGE,
    ArgumentMap,
    Citation,
    Claim,
    Note,
    Perspective,
    Source,
    is_weight,
)


class EditError(DebateError):
    """An edit that cannot be made (unknown claim, bad value, a move into its own subtree)."""


# ---------------------------------------------------------------------------------- basics


class Edit:
    """One reversible change to a map.

    Subclasses are dataclasses whose fields are the edit's parameters (what ``to_dict``
    writes); state captured by ``apply`` lives in private fields excluded from ``to_dict``.
    """

    kind: ClassVar[str] = ""
    structural: ClassVar[bool] = False
    _registry: ClassVar[dict[str, type[Edit]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            Edit._registry[cls.kind] = cls

    def apply(self, argmap: ArgumentMap) -> None:
        raise NotImplementedError

    def undo(self, argmap: ArgumentMap) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        """A short line for notifications: ``weight of moat-shift → 3``."""
        return self.kind

    @property
    def claims(self) -> tuple[str, ...]:
        """The claims whose own values change (scorers refresh these)."""
        claim = getattr(self, "claim", None)
        return (claim,) if isinstance(claim, str) else ()

    @property
    def entities(self) -> tuple[tuple[str, ...], ...]:
        """Every table of the file this edit changes (or its undo changes back):
        ``("claims", ID)``, ``("sources", ID)``, ``("perspectives", NAME)``, ``("map",)``.

        A save rewrites only these (and places added, deleted and reordered ones), so an
        edit must name every entity whose values it sets; a property test checks each kind.
        """
        return tuple(("claims", claim) for claim in self.claims)

    def focus(self, undone: bool = False) -> str | None:
        """The claim a front end should show after applying (or undoing) this edit."""
        return self.claims[0] if self.claims else None

    def inverse(self) -> Edit | None:
        """A new edit that reverses this (applied) one, or ``None`` when there is no safe one.

        ``undo`` puts back exactly what ``apply`` captured, which is right only on the map
        the edit was applied to. An inverse is an edit of its own, checked when applied, so
        it can reverse a saved edit on a file that changed since (a crash restore or a reload).
        """
        return None

    def to_dict(self) -> dict[str, Any]:
        params = {
            name: _jsonable(value) for name, value in vars(self).items() if not name.startswith("_")
        }
        return {"kind": self.kind, **params}

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Edit:
        """Rebuild an edit written by :meth:`to_dict` (raises :class:`EditError` if unknown)."""
        values = dict(data)
        kind = values.pop("kind", None)
        cls = Edit._registry.get(str(kind))
        if cls is None:
            raise EditError(f"unknown edit kind {kind!r}")
        if cls is Batch:
            return Batch(
                label=str(values.get("label", "")),
                edits=[Edit.from_dict(item) for item in values.get("edits", [])],
            )
        try:
            return cls(**values)
        except TypeError as error:
            raise EditError(f"bad {kind} edit: {error}") from None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Edit):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _claim(argmap: ArgumentMap, claim_id: str) -> Claim:
    try:
        return argmap.claims[claim_id]
    except KeyError:
        raise EditError(f"no claim {claim_id!r}") from None


def _validation_message(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first.get("msg", "is invalid")).replace("Input should be", "must be")
    return f"{where}: {message}" if where else message


def _assign(model: Any, name: str, value: Any) -> None:
    try:
        setattr(model, name, value)
    except ValidationError as error:
        raise EditError(_validation_message(error)) from None


def reorder(claims: dict[str, Claim], order: Sequence[str]) -> None:
    """Lay the claims dict out in ``order`` in place (the dict's order is sibling order)."""
    items = {key: claims[key] for key in order}
    claims.clear()
    claims.update(items)


def _subtree(argmap: ArgumentMap, claim_id: str) -> list[str]:
    """``claim_id`` and its descendants in file order (a parent cycle is walked once)."""
    children = argmap.tree().children
    out: list[str] = []
    stack = [claim_id]
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        out.append(current)
        stack.extend(reversed(children[current]))
    return out


def _siblings(argmap: ArgumentMap, claim_id: str) -> list[str]:
    parent = _claim(argmap, claim_id).parent
    return [key for key, claim in argmap.claims.items() if claim.parent == parent]


# ---------------------------------------------------------------------------------- fields

EDITABLE_FIELDS = ("text", "stance", "weight", "credence", "by", "tags")


@dataclass
class SetField(Edit):
    """Set one of a claim's own values (``None`` unsets an optional one)."""

    kind: ClassVar[str] = "set"
    claim: str
    field: str
    value: Any
    _old: Any = None

    def apply(self, argmap: ArgumentMap) -> None:
        if self.field not in EDITABLE_FIELDS:
            raise EditError(f"cannot set {self.field!r}; settable: {', '.join(EDITABLE_FIELDS)}")
        claim = _claim(argmap, self.claim)
        old = getattr(claim, self.field)
        value = list(self.value) if isinstance(self.value, list | tuple) else self.value
        if self.field == "credence" and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        _assign(claim, self.field, value)
        self._old = old

    def undo(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        object.__setattr__(claim, self.field, self._old)  # the old value was valid already

    def inverse(self) -> Edit:
        return SetField(self.claim, self.field, self._old)

    def describe(self) -> str:
        shown = self.value if self.field != "text" else "edited"
        return f"{self.field} of {self.claim} → {shown}"


@dataclass
class SetOverlay(Edit):
    """Set (or with ``None`` remove) a perspective's weight or credence for one claim."""

    kind: ClassVar[str] = "overlay"
    perspective: str
    table: str
    claim: str
    value: int | float | None
    _old: int | float | None = None

    def _get(self, argmap: ArgumentMap) -> Perspective:
        if self.table not in ("weight", "credence"):
            raise EditError(f"a perspective overlays weight or credence, not {self.table!r}")
        try:
            return argmap.perspectives[self.perspective]
        except KeyError:
            raise EditError(f"no perspective {self.perspective!r}") from None

    def _write(self, argmap: ArgumentMap, value: int | float | None) -> None:
        perspective = self._get(argmap)
        values = dict(getattr(perspective, self.table))
        if value is None:
            values.pop(self.claim, None)
        else:
            values[self.claim] = float(value) if self.table == "credence" else value
        _assign(perspective, self.table, values)

    @property
    def entities(self) -> tuple[tuple[str, ...], ...]:
        return (("perspectives", self.perspective),)

    def apply(self, argmap: ArgumentMap) -> None:
        _claim(argmap, self.claim)
        self._old = getattr(self._get(argmap), self.table).get(self.claim)
        self._write(argmap, self.value)

    def undo(self, argmap: ArgumentMap) -> None:
        self._write(argmap, self._old)

    def inverse(self) -> Edit:
        return SetOverlay(self.perspective, self.table, self.claim, self._old)

    def describe(self) -> str:
        return f"{self.table} of {self.claim} in {self.perspective} → {self.value}"


def set_weight(argmap: ArgumentMap, claim_id: str, value: int, perspective: str | None) -> Edit:
    """The edit that sets a weight: into the perspective's overlay when one is active."""
    if not is_weight(value):
        raise EditError(f"weight must be {WEIGHT_RANGE}, got {value}")
    if perspective is not None:
        return SetOverlay(perspective, "weight", claim_id, value)
    return SetField(claim_id, "weight", value)


def set_credence(argmap: ArgumentMap, claim_id: str, value: float, perspective: str | None) -> Edit:
    value = round(min(1.0, max(0.0, value)), 2)
    if perspective is not None:
        return SetOverlay(perspective, "credence", claim_id, value)
    return SetField(claim_id, "credence", value)


def next_stance(stance: str | None) -> str:
    """pro → con → part → pro (a claim without a stance starts at pro)."""
    if stance not in STANCES:
        return STANCES[0]
    return STANCES[(STANCES.index(stance) + 1) % len(STANCES)]


@dataclass
class SetStance(Edit):
    """Changing a stance changes how the claim counts for its parent: scorers rebuild."""

    kind: ClassVar[str] = "stance"
    structural: ClassVar[bool] = True
    claim: str
    value: str
    _old: str | None = None

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        if claim.parent is None:
            raise EditError(f"{self.claim} is a root: it has no parent to be pro or con")
        old = claim.stance
        _assign(claim, "stance", self.value)
        self._old = old

    def undo(self, argmap: ArgumentMap) -> None:
        object.__setattr__(_claim(argmap, self.claim), "stance", self._old)

    def inverse(self) -> Edit | None:
        return SetStance(self.claim, self._old) if self._old is not None else None

    def describe(self) -> str:
        return f"stance of {self.claim} → {self.value}"


# ---------------------------------------------------------------------------------- notes


@dataclass
class AddNote(Edit):
    kind: ClassVar[str] = "note"
    claim: str
    text: str
    at: str | None = None
    by: str | None = None

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        if not self.text.strip():
            raise EditError("a note needs some text")
        if self.at is None:
            self.at = datetime.now(UTC).replace(microsecond=0).isoformat()
        try:
            note = Note(text=self.text, at=datetime.fromisoformat(self.at), by=self.by)
        except (ValidationError, ValueError) as error:
            raise EditError(f"bad note: {error}") from None
        _assign(claim, "notes", [*claim.notes, note])

    def undo(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        object.__setattr__(claim, "notes", claim.notes[:-1])

    def describe(self) -> str:
        return f"note on {self.claim}"


@dataclass
class EditNote(Edit):
    """Change a note's text (``text=None`` removes the note)."""

    kind: ClassVar[str] = "edit-note"
    claim: str
    index: int
    text: str | None
    _old: list[Note] = field(default_factory=list)

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        if not 0 <= self.index < len(claim.notes):
            raise EditError(f"{self.claim} has no note {self.index + 1}")
        self._old = list(claim.notes)
        notes = list(claim.notes)
        if self.text is None or not self.text.strip():
            del notes[self.index]
        else:
            notes[self.index] = dataclasses.replace(notes[self.index], text=self.text)
        _assign(claim, "notes", notes)

    def undo(self, argmap: ArgumentMap) -> None:
        object.__setattr__(_claim(argmap, self.claim), "notes", self._old)

    def describe(self) -> str:
        return f"note {self.index + 1} of {self.claim} " + (
            "removed" if self.text is None else "edited"
        )


# ---------------------------------------------------------------------------------- sources


@dataclass
class AddSource(Edit):
    kind: ClassVar[str] = "source"
    source: str
    title: str
    url: str | None = None

    @property
    def claims(self) -> tuple[str, ...]:
        return ()

    @property
    def entities(self) -> tuple[tuple[str, ...], ...]:
        return (("sources", self.source),)

    def apply(self, argmap: ArgumentMap) -> None:
        if not ID_PATTERN.match(self.source):
            raise EditError(f"invalid source id {self.source!r}: use letters, digits, - and _")
        if self.source in argmap.sources:
            raise EditError(f"there is already a source {self.source!r}")
        try:
            argmap.sources[self.source] = Source(title=self.title, url=self.url or None)
        except ValidationError as error:
            raise EditError(_validation_message(error)) from None

    def undo(self, argmap: ArgumentMap) -> None:
        argmap.sources.pop(self.source, None)

    def describe(self) -> str:
        return f"source {self.source}"


@dataclass
class AddCitation(Edit):
    kind: ClassVar[str] = "cite"
    claim: str
    source: str
    quote: str | None = None
    locator: str | None = None
    _old: Any = None

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        if self.source not in argmap.sources:
            raise EditError(f"no source {self.source!r}")
        citation = Citation(
            source=self.source, quote=self.quote or None, locator=self.locator or None
        )
        self._old = claim.cite
        new: Citation | list[Citation] = (
            citation if claim.cite is None else [*claim.citations, citation]
        )
        _assign(claim, "cite", new)

    def undo(self, argmap: ArgumentMap) -> None:
        object.__setattr__(_claim(argmap, self.claim), "cite", self._old)

    def describe(self) -> str:
        return f"citation of {self.source} on {self.claim}"


@dataclass
class RemoveCitation(Edit):
    kind: ClassVar[str] = "uncite"
    claim: str
    index: int
    _old: Any = None

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        citations = claim.citations
        if not 0 <= self.index < len(citations):
            raise EditError(f"{self.claim} has no citation {self.index + 1}")
        self._old = claim.cite
        rest = citations[: self.index] + citations[self.index + 1 :]
        _assign(claim, "cite", None if not rest else rest[0] if len(rest) == 1 else rest)

    def undo(self, argmap: ArgumentMap) -> None:
        object.__setattr__(_claim(argmap, self.claim), "cite", self._old)

    def describe(self) -> str:
        return f"citation {self.index + 1} removed from {self.claim}"


# ---------------------------------------------------------------------------------- links


@dataclass
class AddLink(Edit):
    kind: ClassVar[str] = "link"
    claim: str
    target: str

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        _claim(argmap, self.target)
        if self.target == self.claim:
            raise EditError("a claim cannot link to itself")
        if self.target in claim.links:
            raise EditError(f"{self.claim} already links to {self.target}")
        _assign(claim, "links", [*claim.links, self.target])

    def undo(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        object.__setattr__(claim, "links", [t for t in claim.links if t != self.target])

    def inverse(self) -> Edit:
        return RemoveLink(self.claim, self.target)

    def describe(self) -> str:
        return f"link {self.claim} → {self.target}"


@dataclass
class RemoveLink(Edit):
    kind: ClassVar[str] = "unlink"
    claim: str
    target: str
    _old: list[str] = field(default_factory=list)

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        if self.target not in claim.links:
            raise EditError(f"{self.claim} does not link to {self.target}")
        self._old = list(claim.links)
        _assign(claim, "links", [t for t in claim.links if t != self.target])

    def undo(self, argmap: ArgumentMap) -> None:
        object.__setattr__(_claim(argmap, self.claim), "links", self._old)

    def inverse(self) -> Edit:
        return AddLink(self.claim, self.target)

    def describe(self) -> str:
        return f"link {self.claim} → {self.target} removed"


# ---------------------------------------------------------------------------------- structure


@dataclass
class AddClaim(Edit):
    """A new claim under ``parent`` (``None``: a new root), placed after ``after`` if given."""

    kind: ClassVar[str] = "add"
    structural: ClassVar[bool] = True
    claim: str
    parent: str | None
    stance: str | None
    text: str
    after: str | None = None

    def apply(self, argmap: ArgumentMap) -> None:
        claims = argmap.claims
        if not ID_PATTERN.match(self.claim):
            raise EditError(f"invalid claim id {self.claim!r}: use letters, digits, - and _")
        if self.claim in claims:
            raise EditError(f"there is already a claim {self.claim!r}")
        if self.parent is not None:
            _claim(argmap, self.parent)
            if self.stance not in STANCES:
                raise EditError("a claim with a parent needs a stance: pro, con or part")
        try:
            claim = Claim(
                parent=self.parent,
                stance=self.stance if self.parent is not None else None,  # type: ignore[arg-type]
                text=self.text,
            )
        except ValidationError as error:
            raise EditError(_validation_message(error)) from None
        if self.after is None or self.after not in claims:
            claims[self.claim] = claim
            return
        order: list[str] = []
        for key in claims:
            order.append(key)
            if key == self.after:
                order.append(self.claim)
        claims[self.claim] = claim
        reorder(claims, order)

    def undo(self, argmap: ArgumentMap) -> None:
        argmap.claims.pop(self.claim, None)

    def focus(self, undone: bool = False) -> str | None:
        return (self.after or self.parent) if undone else self.claim

    def describe(self) -> str:
        return f"new claim {self.claim}"


@dataclass
class DeleteClaim(Edit):
    """Delete a claim, or its whole subtree.

    Without ``subtree`` the claim's children move up to its parent, keeping their stance.
    Links to deleted claims and perspective entries for them go too (the map stays valid);
    undo brings all of it back, in the original order.
    """

    kind: ClassVar[str] = "delete"
    structural: ClassVar[bool] = True
    claim: str
    subtree: bool = False
    _order: list[str] = field(default_factory=list)
    _removed: dict[str, Claim] = field(default_factory=dict)
    _parents: dict[str, str | None] = field(default_factory=dict)
    _links: dict[str, list[str]] = field(default_factory=dict)
    _overlays: dict[str, tuple[dict[str, int], dict[str, float]]] = field(default_factory=dict)
    _parent: str | None = None

    @property
    def entities(self) -> tuple[tuple[str, ...], ...]:
        claims = [*self._removed, *self._parents, *self._links] or [self.claim]
        return (
            *(("claims", key) for key in dict.fromkeys(claims)),
            *(("perspectives", name) for name in self._overlays),
        )

    def apply(self, argmap: ArgumentMap) -> None:
        claims = argmap.claims
        claim = _claim(argmap, self.claim)
        doomed = _subtree(argmap, self.claim) if self.subtree else [self.claim]
        gone = set(doomed)
        if len(gone) == len(claims):
            raise EditError("cannot delete every claim: a map needs at least one")
        self._parent = claim.parent
        self._order = list(claims)
        self._removed = {key: claims[key] for key in doomed}
        self._parents = {}
        if not self.subtree:
            for key, other in claims.items():
                if other.parent == self.claim:
                    self._parents[key] = other.parent
                    object.__setattr__(other, "parent", claim.parent)
        self._links = {}
        for key, other in claims.items():
            if key not in gone and other.links and any(t in gone for t in other.links):
                self._links[key] = list(other.links)
                object.__setattr__(other, "links", [t for t in other.links if t not in gone])
        self._overlays = {}
        for name, perspective in argmap.perspectives.items():
            if any(k in gone for k in perspective.weight) or any(
                k in gone for k in perspective.credence
            ):
                self._overlays[name] = (dict(perspective.weight), dict(perspective.credence))
                object.__setattr__(
                    perspective,
                    "weight",
                    {k: v for k, v in perspective.weight.items() if k not in gone},
                )
                object.__setattr__(
                    perspective,
                    "credence",
                    {k: v for k, v in perspective.credence.items() if k not in gone},
                )
        for key in doomed:
            del claims[key]

    def undo(self, argmap: ArgumentMap) -> None:
        claims = argmap.claims
        claims.update(self._removed)
        reorder(claims, [key for key in self._order if key in claims])
        for key, parent in self._parents.items():
            object.__setattr__(claims[key], "parent", parent)
        for key, links in self._links.items():
            object.__setattr__(claims[key], "links", links)
        for name, (weight, credence) in self._overlays.items():
            perspective = argmap.perspectives[name]
            object.__setattr__(perspective, "weight", weight)
            object.__setattr__(perspective, "credence", credence)

    def focus(self, undone: bool = False) -> str | None:
        return self.claim if undone else self._parent

    def describe(self) -> str:
        what = "subtree" if self.subtree else "claim"
        count = f" ({len(self._removed)} claims)" if len(self._removed) > 1 else ""
        return f"deleted {what} {self.claim}{count}"


@dataclass
class MoveClaim(Edit):
    """Hang a claim (with its subtree) under another parent, as its last child.

    ``parent=None`` makes it a root. ``stance`` is kept unless given (a former root moving
    under a parent needs one: pro by default). ``mutual`` (how the old parent bore back on
    the claim) is dropped on a move to another parent: it described the old relation.
    """

    kind: ClassVar[str] = "move"
    structural: ClassVar[bool] = True
    claim: str
    parent: str | None
    stance: str | None = None
    _order: list[str] = field(default_factory=list)
    _old_parent: str | None = None
    _old_stance: str | None = None
    _old_mutual: str | None = None

    def apply(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        if self.parent is not None:
            _claim(argmap, self.parent)
            if self.parent in _subtree(argmap, self.claim):
                raise EditError(f"cannot move {self.claim} under itself or its own subtree")
        stance = self.stance or claim.stance or "pro"
        if stance not in STANCES:
            raise EditError(f"stance must be pro, con or part, got {stance!r}")
        self._order = list(argmap.claims)
        self._old_parent, self._old_stance = claim.parent, claim.stance
        self._old_mutual = claim.mutual
        if self.parent != claim.parent:
            object.__setattr__(claim, "mutual", None)
        object.__setattr__(claim, "parent", self.parent)
        object.__setattr__(claim, "stance", stance if self.parent is not None else claim.stance)
        # last among its new siblings: after every other claim in file order
        reorder(argmap.claims, [key for key in self._order if key != self.claim] + [self.claim])

    def undo(self, argmap: ArgumentMap) -> None:
        claim = _claim(argmap, self.claim)
        object.__setattr__(claim, "parent", self._old_parent)
        object.__setattr__(claim, "stance", self._old_stance)
        object.__setattr__(claim, "mutual", self._old_mutual)
        reorder(argmap.claims, self._order)

    def describe(self) -> str:
        return f"moved {self.claim} under {self.parent or 'the top level'}"


@dataclass
class MoveSibling(Edit):
    """Move a claim up (``offset=-1``) or down (``+1``) among its siblings."""

    kind: ClassVar[str] = "reorder"
    structural: ClassVar[bool] = True
    claim: str
    offset: int
    _order: list[str] = field(default_factory=list)

    def apply(self, argmap: ArgumentMap) -> None:
        siblings = _siblings(argmap, self.claim)
        index = siblings.index(self.claim)
        target = index + self.offset
        if not 0 <= target < len(siblings) or self.offset == 0:
            raise EditError(f"{self.claim} is already the {'first' if target < 0 else 'last'}")
        other = siblings[target]
        self._order = list(argmap.claims)
        order = list(self._order)
        a, b = order.index(self.claim), order.index(other)
        order[a], order[b] = order[b], order[a]
        reorder(argmap.claims, order)

    def undo(self, argmap: ArgumentMap) -> None:
        reorder(argmap.claims, self._order)

    def describe(self) -> str:
        return f"moved {self.claim} {'up' if self.offset < 0 else 'down'}"


@dataclass
class AddPerspective(Edit):
    kind: ClassVar[str] = "perspective"
    name: str
    description: str | None = None

    @property
    def entities(self) -> tuple[tuple[str, ...], ...]:
        return (("perspectives", self.name),)

    def apply(self, argmap: ArgumentMap) -> None:
        if not ID_PATTERN.match(self.name):
            raise EditError(f"invalid perspective name {self.name!r}: letters, digits, - and _")
        if self.name in argmap.perspectives:
            raise EditError(f"there is already a perspective {self.name!r}")
        argmap.perspectives[self.name] = Perspective(description=self.description or None)

    def undo(self, argmap: ArgumentMap) -> None:
        argmap.perspectives.pop(self.name, None)

    def describe(self) -> str:
        return f"perspective {self.name}"


@dataclass
class Batch(Edit):
    """Several edits as one undo step (a new source and its citation; a paste)."""

    kind: ClassVar[str] = "batch"
    label: str
    edits: list[Edit]
    _applied: int = 0

    @property
    def structural(self) -> bool:  # type: ignore[override]
        return any(edit.structural for edit in self.edits)

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(claim for edit in self.edits for claim in edit.claims)

    @property
    def entities(self) -> tuple[tuple[str, ...], ...]:
        return tuple(entity for edit in self.edits for entity in edit.entities)

    def apply(self, argmap: ArgumentMap) -> None:
        self._applied = 0
        try:
            for edit in self.edits:
                edit.apply(argmap)
                self._applied += 1
        except DebateError:
            self.undo(argmap)
            raise

    def undo(self, argmap: ArgumentMap) -> None:
        for edit in reversed(self.edits[: self._applied]):
            edit.undo(argmap)
        self._applied = 0

    def focus(self, undone: bool = False) -> str | None:
        for edit in reversed(self.edits) if not undone else self.edits:
            target = edit.focus(undone)
            if target is not None:
                return target
        return None

    def inverse(self) -> Edit | None:
        inverses = [edit.inverse() for edit in reversed(self.edits)]
        if any(inverse is None for inverse in inverses):
            return None
        return Batch(f"undo {self.describe()}", [i for i in inverses if i is not None])

    def describe(self) -> str:
        return self.label or "; ".join(edit.describe() for edit in self.edits)
