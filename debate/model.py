"""The argument map: pydantic models of the file format, the tree index, structural checks.

The models mirror the TOML file one to one (``[map]``, ``[sources.ID]``, ``[claims.ID]``,
``[perspectives.NAME]``) so that validation errors point at keys the user actually wrote.
Optional fields default to ``None`` rather than to their effective value: the store then
writes back only what the user (or an edit) set, and lint can tell "unset" from "set to the
default". Use the ``effective_*`` helpers to read values with defaults applied.

Pure: imports neither Textual nor rich nor the store.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import get_close_matches
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, TypeAdapter
from pydantic.dataclasses import dataclass as pydantic_dataclass

from debate.rules import (  # the value rules, kept where pydantic is not needed
    DEFAULT_CREDENCE,
    DEFAULT_WEIGHT,
    ID_PATTERN,
    MAX_WEIGHT,
    MIN_WEIGHT,
    STANCES,  # noqa: F401 (re-exported: debate.model has always offered it)
    WEIGHT_RANGE,  # noqa: F401 (re-exported)
    Stance,
    is_credence,  # noqa: F401 (re-exported)
    is_weight,  # noqa: F401 (re-exported)
)

Weight = Annotated[int, Field(ge=MIN_WEIGHT, le=MAX_WEIGHT, strict=True)]
Credence = Annotated[float, Field(ge=0.0, le=1.0)]
NonEmptyText = Annotated[str, Field(min_length=1)]


_STRICT = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


class _Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean from the store), never silently dropped."""

    model_config = _STRICT


class _Record:
    """A model kept light for big maps: a pydantic dataclass with slots.

    A 100,000-claim map holds a claim, and often a citation and a note, per claim; as
    pydantic models each carried a ``__dict__`` and a set of the fields given (about 1.5 KB a
    claim), as slotted dataclasses about a tenth of that, built faster. Validation is the same
    (strict fields, unknown keys refused, assignments checked). These methods keep the
    models' usual spelling.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        # Read from a table: the fields stay strict, but the value need not be an instance
        # already (pydantic's strict dataclass schema would want one).
        schema: dict[str, Any] = dict(handler(source))
        schema["strict"] = False
        return schema

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        return _adapter(cls).validate_python(data)

    def model_dump(self, **options: Any) -> dict[str, Any]:
        dumped: dict[str, Any] = _adapter(type(self)).dump_python(self, **options)
        return dumped

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        """A copy (``deep``: nothing shared), with ``update``'s values set and checked."""
        copied = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            setattr(copied, name, value)
        return copied


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(cls: type) -> TypeAdapter[Any]:
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


@pydantic_dataclass(slots=True, kw_only=True, config=_STRICT)
class Note(_Record):
    """A dated annotation on a claim."""

    text: NonEmptyText
    at: datetime | date | None = None
    by: str | None = None


@pydantic_dataclass(slots=True, kw_only=True, config=_STRICT)
class Citation(_Record):
    """A claim's source, optionally with the exact words it rests on."""

    source: NonEmptyText
    quote: str | None = None
    locator: str | None = Field(default=None, description="page, section or timestamp")


CalendarDate = date
"""``date`` under another name: inside :class:`Source` the field ``date`` hides the type."""


class Source(_Strict):
    """A document claims cite; ``path`` is relative to the map file's folder."""

    title: NonEmptyText
    author: str | None = None
    publisher: str | None = None
    date: str | CalendarDate | None = None
    url: str | None = None
    path: str | None = None
    note: str | None = None


class Conflict(_Strict):
    """A merge conflict left for the user: the claim keeps ``ours``, this records the rest.

    Values are written as TOML would write them (``3``, ``"some text"``) so any field fits.
    ``debate merge`` adds these; the app flags claims that have any.
    """

    field: NonEmptyText
    ours: str | None = None
    theirs: str | None = None
    base: str | None = None
    note: str | None = None


class Origin(_Strict):
    """Where an imported claim came from, kept so an export back to that format reuses it.

    AIF import records each I-node's ``nodeID`` and ``timestamp`` here, and the AIF export
    writes them back, so export -> import -> export gives the same file.
    """

    id: NonEmptyText | None = Field(default=None, description="the claim's id in that file")
    at: str | None = Field(default=None, description="its timestamp there, as written")


@pydantic_dataclass(slots=True, kw_only=True, config=_STRICT)
class Claim(_Record):
    """One claim: a node of an argument tree.

    A claim without ``parent`` is the root of a tree. ``stance`` says how it bears on its
    parent: ``pro`` supports it, ``con`` attacks it, ``part`` is one dimension of it, combined
    with its siblings by weight into the parent's own credence.
    """

    parent: str | None = None
    stance: Stance | None = None
    mutual: Literal["pro", "con"] | None = Field(
        default=None,
        description="the parent bears back on this claim (pro or con): a mutual relation, "
        "which a tree holds in one direction only",
    )
    text: NonEmptyText
    title: NonEmptyText | None = Field(
        default=None,
        description="the name another tool gave the claim when it is no valid id "
        "(an Argdown title); exports that name claims write it back",
    )
    weight: Weight | None = Field(
        default=None, description=f"0-{MAX_WEIGHT}: impact on the parent (default {DEFAULT_WEIGHT})"
    )
    credence: Credence | None = Field(
        default=None, description=f"0-1: acceptability on its own (default {DEFAULT_CREDENCE})"
    )
    by: str | None = Field(default=None, description="who holds the claim: a person or a camp")
    tags: list[NonEmptyText] = Field(default_factory=list)
    cite: Citation | list[Citation] | None = None
    links: list[str] = Field(default_factory=list, description="see-also claim ids")
    origin: Origin | None = None
    notes: list[Note] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(
        default_factory=list, description="unresolved merge conflicts (written by debate merge)"
    )

    @property
    def effective_weight(self) -> int:
        return DEFAULT_WEIGHT if self.weight is None else self.weight

    @property
    def effective_credence(self) -> float:
        return DEFAULT_CREDENCE if self.credence is None else self.credence

    @property
    def citations(self) -> list[Citation]:
        """``cite`` as a list, whether the file gave one table or an array of them."""
        if self.cite is None:
            return []
        return [self.cite] if isinstance(self.cite, Citation) else list(self.cite)


class Perspective(_Strict):
    """A named overlay of weights and credences: the same map read with other priorities."""

    description: str | None = None
    weight: dict[str, Weight] = Field(default_factory=dict)
    credence: dict[str, Credence] = Field(default_factory=dict)


class MapInfo(_Strict):
    """The ``[map]`` table: what the whole map is about."""

    title: str = "Untitled map"
    description: str | None = None
    author: str | None = None
    authors: list[NonEmptyText] = Field(
        default_factory=list, description="several authors, when the source lists them"
    )


class ArgumentMap(_Strict):
    """A whole file: metadata, sources, claims and perspectives.

    ``claims`` keeps file order, which is also sibling order in the tree.
    """

    map: MapInfo = Field(default_factory=MapInfo)
    sources: dict[str, Source] = Field(default_factory=dict)
    claims: dict[str, Claim] = Field(default_factory=dict)
    perspectives: dict[str, Perspective] = Field(default_factory=dict)

    def tree(self) -> MapTree:
        """A fresh index of the parent/child structure (call again after structural edits)."""
        return MapTree.build(self)


KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """A structural problem, located by key path; the store turns it into a located Problem."""

    path: KeyPath
    message: str
    severity: Literal["error", "warning"] = "error"


MAX_NUMBER_PARTS = 8
"""A path number deeper than this shows its first part, an ellipsis and the last parts
(``1…2.1.3.1.1.2``): every line that names a claim by number stays short, so a 20,000-deep
chain is not printed, exported or kept in memory as 20,000 numbers of 20,000 parts."""


Place = tuple[int, int, tuple[int, ...]]
"""Where a claim is, as much as its path number needs however deep: its root's place among
the roots, its depth (a root: 1) and its last path parts (at most :data:`MAX_NUMBER_PARTS`)."""


def root_place(own: int) -> Place:
    """The place of the ``own``-th root (1-based)."""
    return (own, 1, (own,))


def child_place(parent: Place, own: int) -> Place:
    """The place of the ``own``-th child (1-based) of the claim at ``parent``: the one rule for
    a path number's parts, used by :class:`MapTree` and the exports' view. Only the last
    :data:`MAX_NUMBER_PARTS` parts are kept, so a 20,000-deep chain's places stay small."""
    first, depth, tail = parent
    return (first, depth + 1, (*tail[1 - MAX_NUMBER_PARTS :], own))


def short_number(first: int, depth: int, tail: Sequence[int], keep: int = MAX_NUMBER_PARTS) -> str:
    """The path number of a claim ``depth`` levels deep (roots: 1) from its root's place
    ``first`` and its last parts ``tail`` (at least ``min(depth, keep)`` of them).

    The one rule for shortening a path number, used by the command line, every export but
    Kialo's (whose numbers are its structure) and the app (whose tree column keeps fewer).
    """
    if depth <= keep:
        return ".".join(map(str, tail[len(tail) - depth :]))
    return f"{first}…" + ".".join(map(str, tail[len(tail) - (keep - 2) :]))


@dataclass(slots=True)
class MapTree:
    """Parent/child index over a map's claims, built without recursion.

    Deep chains (10,000 levels) are fine: every walk here is iterative.
    """

    roots: list[str]
    children: dict[str, list[str]]
    parent: dict[str, str | None]
    _numbers: dict[str, str] = field(default_factory=dict)
    _places: dict[str, Place] = field(default_factory=dict)
    _positions: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, argmap: ArgumentMap) -> MapTree:
        return cls.of({claim_id: claim.parent for claim_id, claim in argmap.claims.items()})

    @classmethod
    def of(cls, parents: Mapping[str, str | None]) -> MapTree:
        """The index of ``parents`` (each claim id -> its parent), in its order.

        The one children index: a parent that is None or not in ``parents`` makes a root.
        """
        children: dict[str, list[str]] = {claim_id: [] for claim_id in parents}
        parent: dict[str, str | None] = {}
        roots: list[str] = []
        for claim_id, up in parents.items():
            if up is None or up not in children:
                parent[claim_id] = None
                roots.append(claim_id)
            else:
                parent[claim_id] = up
                children[up].append(claim_id)
        return cls(roots=roots, children=children, parent=parent)

    def ancestors(self, claim_id: str) -> Iterator[str]:
        """The parent, grandparent, ... up to the root (guarded against cycles)."""
        seen = {claim_id}
        current = self.parent.get(claim_id)
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.parent.get(current)

    def depth(self, claim_id: str) -> int:
        return sum(1 for _ in self.ancestors(claim_id))

    def walk(self, start: str | None = None) -> Iterator[tuple[str, int]]:
        """Depth-first pre-order ``(claim_id, depth)``, from one claim or over every root."""
        stack = [(start, 0)] if start is not None else [(root, 0) for root in reversed(self.roots)]
        while stack:
            claim_id, depth = stack.pop()
            yield claim_id, depth
            stack.extend((child, depth + 1) for child in reversed(self.children[claim_id]))

    def subtree(self, claim_id: str) -> list[str]:
        return [node for node, _ in self.walk(claim_id)]

    def path(self, claim_id: str) -> list[int]:
        """The claim's place among its siblings at each level from its root, 1-based:
        ``[1, 2, 3]`` is the third child of the second child of the first root.

        The one rule for path numbers; :meth:`number` joins it, the app's tree shortens it.
        """
        parts: list[int] = []
        for node in (claim_id, *self.ancestors(claim_id)):
            parts.append(self._sibling_position(node) + 1)
        parts.reverse()
        return parts

    def number(self, claim_id: str, keep: int = MAX_NUMBER_PARTS) -> str:
        """Kialo-style path number: roots are ``1``, ``2``; children ``1.1``, ``1.2.3``;
        deeper than ``keep`` (at most :data:`MAX_NUMBER_PARTS`) parts, shortened by
        :func:`short_number`. :meth:`path` has every part.

        Each claim's place is its parent's plus its own, remembered as asked (its root's
        place, its depth and its last few parts: bounded, however deep): numbering every
        claim costs one step per claim, and a single claim only its ancestors.
        """
        if keep == MAX_NUMBER_PARTS:
            found = self._numbers.get(claim_id)
            if found is not None:
                return found
        first, depth, tail = self._place(claim_id)
        number = short_number(first, depth, tail, min(keep, MAX_NUMBER_PARTS))
        if keep == MAX_NUMBER_PARTS:
            self._numbers[claim_id] = number
        return number

    def _place(self, claim_id: str) -> Place:
        """The claim's root's place, its depth (a root: 1) and its last path parts."""
        places = self._places
        found = places.get(claim_id)
        if found is not None:
            return found
        unplaced: list[str] = []
        current: str | None = claim_id
        while (
            current is not None and current not in places and len(unplaced) <= len(self.parent)
        ):  # the length check stops on a parent cycle (a map that failed its checks)
            unplaced.append(current)
            current = self.parent[current]
        place = places.get(current) if current is not None else None
        for node in reversed(unplaced):
            own = self._sibling_position(node) + 1
            place = root_place(own) if place is None else child_place(place, own)
            places[node] = place
        assert place is not None
        return place

    def _sibling_position(self, claim_id: str) -> int:
        """The claim's 0-based place among its siblings (a root's among the roots).

        Found one sibling list at a time, the first time one of them is asked for: the app
        numbers the rows on its first screen without a pass over a 100,000-claim map.
        """
        positions = self._positions
        found = positions.get(claim_id)
        if found is None:
            parent = self.parent[claim_id]
            siblings = self.roots if parent is None else self.children[parent]
            positions.update(zip(siblings, range(len(siblings)), strict=True))
            found = positions[claim_id]
        return found


def check_structure(argmap: ArgumentMap) -> list[Issue]:
    """Everything pydantic cannot see: ids, references between claims, cycles.

    Returns every issue at once so the user can fix a file in one pass. This runs on every
    load, so the common case (nothing wrong) is a few set lookups per claim; messages are
    only built for what is actually wrong.
    """
    issues: list[Issue] = []
    claims = argmap.claims
    for table, ids in (
        ("claims", claims),
        ("sources", argmap.sources),
        ("perspectives", argmap.perspectives),
    ):
        if all(map(ID_PATTERN.match, ids)):
            continue
        issues.extend(
            Issue((table, key), f"invalid id {key!r}: use letters, digits, '-' and '_'")
            for key in ids
            if not ID_PATTERN.match(key)
        )
    if not claims:
        issues.append(Issue(("claims",), "the map has no claims; add a [claims.ID] table"))
    sources = argmap.sources
    unknown = _UnknownNames()
    rooted: set[str] = set()  # claims known to hang from a root: no cycle above them
    hangs = rooted.add
    late = False
    for claim_id, claim in claims.items():
        parent = claim.parent
        if parent is None or (parent in rooted and claim.stance is not None):
            hangs(claim_id)
        else:
            late = True  # a parent further down the file, unknown, or a stance missing
            if parent not in claims or claim.stance is None:
                issues.extend(_parent_issues(argmap, claim_id, claim, unknown))
        links, cite = claim.links, claim.cite
        if links and not all(target in claims for target in links):
            _link_issues(argmap, claim_id, claim, unknown)
        if cite is not None and (
            cite.source not in sources
            if isinstance(cite, Citation)
            else not all(c.source in sources for c in cite)
        ):
            _citation_issues(argmap, claim_id, claim, unknown)
    if late:  # only then can a cycle hide: find them (parents first files never get here)
        issues.extend(_find_cycles(argmap))
    for name, perspective in argmap.perspectives.items():
        for overlay in ("weight", "credence"):
            values: dict[str, int] | dict[str, float] = getattr(perspective, overlay)
            for key in values:
                if key not in claims:
                    unknown.add("perspective", ("perspectives", name, overlay, key), key, name)
    issues.extend(unknown.issues(argmap))
    return issues


MAX_SIMILAR = 10
"""Unknown-name problems of one kind listed one by one, each with its did-you-mean.

The rest are counted in one more line: a renamed parent with 10,000 children, or 10,000
claims each naming a different missing parent, then take milliseconds, not minutes (every
did-you-mean compares against all known names), and the report stays readable.
"""

_UNKNOWN_KINDS = {
    # kind: (message for one, the names it is looked up in, what the rest are called)
    "parent": ("unknown parent {name!r}", "claims", "claims name an unknown parent"),
    "link": ("link to unknown claim {name!r}", "claims", "links name an unknown claim"),
    "source": ("unknown source {name!r}", "sources", "citations name an unknown source"),
    "perspective": (
        "perspective {owner!r} names claim {name!r}, which does not exist",
        "claims",
        "perspective entries name an unknown claim",
    ),
}


class _UnknownNames:
    """References to names that do not exist, collected cheaply, reported in bounded time."""

    def __init__(self) -> None:
        self._found: dict[str, list[tuple[KeyPath, str, str]]] = {}

    def add(self, kind: str, path: KeyPath, name: str, owner: str = "") -> None:
        self._found.setdefault(kind, []).append((path, name, owner))

    def issues(self, argmap: ArgumentMap) -> Iterator[Issue]:
        """The first :data:`MAX_SIMILAR` of each kind, then one line counting the rest."""
        for kind, found in self._found.items():
            template, table, rest_name = _UNKNOWN_KINDS[kind]
            known: list[str] = list(getattr(argmap, table))
            hints: dict[str, str] = {}  # each distinct name is looked up once
            for path, name, owner in found[:MAX_SIMILAR]:
                if name not in hints:
                    hints[name] = did_you_mean(name, known)
                yield Issue(path, template.format(name=name, owner=owner) + hints[name])
            rest = len(found) - MAX_SIMILAR
            if rest > 0:
                yield Issue(
                    found[MAX_SIMILAR][0],
                    f"and {rest} more {rest_name} (only the first {MAX_SIMILAR} are listed)",
                )


def _parent_issues(
    argmap: ArgumentMap, claim_id: str, claim: Claim, unknown: _UnknownNames
) -> Iterator[Issue]:
    assert claim.parent is not None
    if claim.parent not in argmap.claims:
        unknown.add("parent", ("claims", claim_id, "parent"), claim.parent)
    if claim.stance is None:
        yield Issue(
            ("claims", claim_id, "parent"),
            "a claim with a parent needs a stance: pro, con or part",
        )


def _link_issues(argmap: ArgumentMap, claim_id: str, claim: Claim, unknown: _UnknownNames) -> None:
    for index, target in enumerate(claim.links):
        if target not in argmap.claims:
            unknown.add("link", ("claims", claim_id, "links", index), target)


def _citation_issues(
    argmap: ArgumentMap, claim_id: str, claim: Claim, unknown: _UnknownNames
) -> None:
    for index, citation in enumerate(claim.citations):
        if citation.source not in argmap.sources:
            path: KeyPath = ("claims", claim_id, "cite", "source")
            if isinstance(claim.cite, list):
                path = ("claims", claim_id, "cite", index, "source")
            unknown.add("source", path, citation.source)


def _find_cycles(argmap: ArgumentMap) -> Iterator[Issue]:
    """Report each parent cycle once, located at the first of its claims that was reached."""
    parents = {claim_id: claim.parent for claim_id, claim in argmap.claims.items()}
    for cycle in parent_cycles(parents):
        shown = " -> ".join([*cycle, cycle[0]]) if len(cycle) <= 6 else f"{len(cycle)} claims"
        yield Issue(("claims", cycle[0], "parent"), f"parent cycle: {shown}")


def parent_cycles(parents: Mapping[str, str | None]) -> Iterator[list[str]]:
    """Each parent cycle once, in file order, as its claim ids (each one's parent follows it).

    ``parents`` maps every claim id to its parent (None, or an id not in the map, is a root).
    The one cycle finder: the structural check reports what it yields, the merge breaks
    cycles that two sides' moves made together.

    One pass in file order: a claim whose parent already hangs from a root hangs from one too
    (one set lookup each, the common case when parents come first); otherwise its parents
    are followed until a root, a claim already settled, or the path itself (a cycle). Each
    claim is settled once, so the whole check is linear.
    """
    rooted: set[str] = set()
    doomed: set[str] = set()  # on a cycle or hanging under one
    for start, parent in parents.items():
        if parent is None or parent in rooted or parent not in parents:
            rooted.add(start)
            continue
        if start in rooted or start in doomed:
            continue
        path = [start]
        on_path = {start}
        current: str | None = parent
        while (
            current is not None
            and current in parents
            and current not in rooted
            and current not in doomed
            and current not in on_path
        ):
            path.append(current)
            on_path.add(current)
            current = parents[current]
        if current in on_path:
            yield path[path.index(current) :]
            doomed.update(path)
        elif current in doomed:
            doomed.update(path)
        else:
            rooted.update(path)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string: shared by every unknown-name message."""
    matches = get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""
