"""The Scorer: every claim's strength under one semantics and one perspective.

Why arrays: a 100,000-claim map must score in well under half a second and re-score after one
edit in under a millisecond. So the map is flattened once into plain lists indexed by
position (children split by stance, weights already divided by 4, a children-first order),
and the loops touch only those lists — never a pydantic attribute. After an edit only the
claim and its ancestors are recomputed, stopping as soon as a strength no longer changes.

Everything is iterative: a 10,000-deep chain scores without recursion.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from debate.model import DEFAULT_CREDENCE, DEFAULT_WEIGHT, MAX_WEIGHT, ArgumentMap, Perspective
from debate.perf import collector_paused
from debate.scoring.errors import UnknownClaim, UnknownPerspective, UnknownSemantics
from debate.scoring.semantics import BY_NAME, Semantics

DEFAULT_SEMANTICS = "df-quad"
SEMANTICS: dict[str, str] = {name: semantics.description for name, semantics in BY_NAME.items()}
"""Every semantics name with a one-line description; the first is the default."""

PRO, CON, PART = 0, 1, 2
_STANCE_CODES = {"pro": PRO, "con": CON, "part": PART, None: PRO}
_STANCE_NAMES = ("pro", "con", "part")


@dataclass(frozen=True)
class Contribution:
    """What one child does to its parent: the parent's strength with and without it."""

    child: str
    stance: str
    weight: int
    strength: float
    """The child's own strength."""
    without: float
    """The parent's strength if this child (and its subtree) were absent."""
    delta: float
    """Parent strength minus ``without``: positive means the child helps the parent."""


@dataclass(frozen=True)
class Explanation:
    """Why a claim has its strength: its base and each child's contribution."""

    claim: str
    strength: float
    base: float
    credence: float
    contributions: list[Contribution]
    """Sorted by ``abs(delta)``, largest first (ties keep file order)."""
    semantics: str = DEFAULT_SEMANTICS
    perspective: str | None = None
    parts: int = 0
    """How many ``part`` children make up the base (0: the base is the credence)."""

    @property
    def base_source(self) -> str:
        """Where the base comes from, in words: ``its credence``, ``weighted mean of 2 parts``.

        The one wording, for the summary, ``debate score --explain`` and the app's Why.
        """
        if not self.parts:
            return "its credence"
        return f"weighted mean of {self.parts} part{'s' * (self.parts != 1)}"

    def base_line(self) -> str:
        """``base 0.65: weighted mean of 2 parts``."""
        return f"base {self.base:.2f}: {self.base_source}"

    def summary(self, limit: int = 3) -> str:
        """One plain-English line: ``0.62 from base 0.50 (its credence): pro 'x' +0.20, ...``."""
        base = f"base {self.base:.2f} ({self.base_source})"
        if not self.contributions:
            return f"{self.strength:.2f} = {base}: no children"
        shown = [
            f"{item.stance} {item.child!r} {item.delta:+.2f}" for item in self.contributions[:limit]
        ]
        more = len(self.contributions) - limit
        if more > 0:
            shown.append(f"{more} more")
        return f"{self.strength:.2f} from {base}: " + ", ".join(shown)


@dataclass(frozen=True)
class Flat:
    """The scorer's flattened map and current values, read-only, for the crux code.

    Position ``i`` is claim ``ids[i]``; ``stance`` holds 0 (pro), 1 (con), 2 (part);
    ``scale`` is weight / 4. The lists are the scorer's own (not copies): read, never write,
    and ask again after ``refresh``/``rebuild``.
    """

    ids: list[str]
    position: dict[str, int]
    parent: list[int]
    stance: list[int]
    pro: list[Sequence[int]]
    con: list[Sequence[int]]
    part: list[Sequence[int]]
    reached: list[bool]
    roots: list[int]
    weight: list[int]
    scale: list[float]
    credence: list[float]
    base: list[float]
    strength: list[float]
    semantics: Semantics
    perspective: str | None


@dataclass
class _Index:
    """The map flattened into lists (position ``i`` is claim ``ids[i]``)."""

    ids: list[str]
    position: dict[str, int]
    parent: list[int]  # -1 for roots
    stance: list[int]
    pro: list[Sequence[int]]  # child positions by stance
    con: list[Sequence[int]]
    part: list[Sequence[int]]
    order: list[int]  # claims with children, children first; leaves and cycles left out
    reached: list[bool]
    roots: list[int] = field(default_factory=list)


def _fields(argmap: ArgumentMap) -> tuple[Sequence[Any], ...]:
    """Every claim's ``(parents, stances, weights, credences)`` as four columns.

    One C-level ``attrgetter`` pass: reading pydantic attributes one comprehension at a time
    costs about four times as much on a 100,000-claim map.
    """
    if not argmap.claims:
        return ((), (), (), ())
    rows = map(attrgetter("parent", "stance", "weight", "credence"), argmap.claims.values())
    return tuple(zip(*rows, strict=True))


def _index(argmap: ArgumentMap, parents: Sequence[str | None], stances: Sequence[Any]) -> _Index:
    """Flatten the map. Claims without children of a stance share one empty tuple, so a
    100,000-claim map allocates lists only where there are children; ``order`` holds only
    claims with children (a leaf's strength is its credence and needs no pass)."""
    ids = list(argmap.claims)
    position = dict(zip(ids, range(len(ids)), strict=True))
    count = len(ids)
    get = position.get
    parent = [-1 if up is None else get(up, -1) for up in parents]
    stance = list(map(_STANCE_CODES.__getitem__, stances))
    empty: tuple[int, ...] = ()
    pro: list[Sequence[int]] = [empty] * count
    con: list[Sequence[int]] = [empty] * count
    part: list[Sequence[int]] = [empty] * count
    by_stance = (pro, con, part)
    roots: list[int] = []
    for i, j in enumerate(parent):
        if j < 0:
            roots.append(i)
            continue
        siblings = by_stance[stance[i]]
        children = siblings[j]
        if children:
            children.append(i)  # type: ignore[attr-defined]
        else:
            siblings[j] = [i]
    if all(map(int.__lt__, parent, range(count))):
        # Every parent comes before its children in the file (how maps are usually written):
        # file order reversed is already children-first, and nothing can be on a cycle.
        reached = [True] * count
        inner = [i for i in range(count - 1, -1, -1) if pro[i] or con[i] or part[i]]
    else:
        reached, inner = _walk_from_roots(roots, pro, con, part)
    return _Index(ids, position, parent, stance, pro, con, part, inner, reached, roots)


def _walk_from_roots(
    roots: list[int],
    pro: list[Sequence[int]],
    con: list[Sequence[int]],
    part: list[Sequence[int]],
) -> tuple[list[bool], list[int]]:
    """Which claims hang from a root, and the ones with children in children-first order."""
    reached = [False] * len(pro)
    inner: list[int] = []
    stack = roots[::-1]
    push, pop, visit = stack.extend, stack.pop, inner.append
    while stack:
        i = pop()
        reached[i] = True
        has_children = False
        if pro[i]:
            push(pro[i])
            has_children = True
        if con[i]:
            push(con[i])
            has_children = True
        if part[i]:
            push(part[i])
            has_children = True
        if has_children:
            visit(i)
    inner.reverse()
    return reached, inner


class Scorer:
    """Strengths for every claim of one map under one semantics and one perspective.

    Holds a reference to the ArgumentMap (not a copy): after editing a claim's weight,
    credence (or a perspective overlay entry for it) call ``refresh(claim_id)``; after
    structural edits (add/delete/move claims, change a stance) call ``rebuild()``
    (``refresh`` notices most structural edits and rebuilds by itself).

    ``strengths`` is updated in place by ``refresh`` and replaced by a new dict by
    ``rebuild``, ``set_perspective`` and ``set_semantics``: copy it to keep a "before".
    ``version`` goes up whenever any strength may have changed, so a front end can tell
    whether what it worked out from the strengths is still current.
    """

    def __init__(
        self,
        argmap: ArgumentMap,
        semantics: str = DEFAULT_SEMANTICS,
        perspective: str | None = None,
    ) -> None:
        if semantics not in BY_NAME:
            raise UnknownSemantics(semantics, BY_NAME)
        self.argmap = argmap
        self.semantics = semantics
        self._semantics: Semantics = BY_NAME[semantics]
        self.perspective: str | None = None
        self._check_perspective(perspective)
        self.perspective = perspective
        self.trial: Perspective | None = None
        self.version = 0
        self.strengths: dict[str, float] = {}
        self.rebuild()

    # ------------------------------------------------------------------ public reads

    def strength(self, claim_id: str) -> float:
        return self._strength[self._position(claim_id)]

    def weight(self, claim_id: str) -> int:
        """Effective weight (0-4) under the perspective: overlay, else the claim's, else 2."""
        return self._weight[self._position(claim_id)]

    def credence(self, claim_id: str) -> float:
        """Effective credence under the perspective: overlay, else the claim's, else 0.5."""
        return self._credence[self._position(claim_id)]

    def base(self, claim_id: str) -> float:
        """The base score: the credence, or the weighted mean of the ``part`` children."""
        return self._base[self._position(claim_id)]

    def verdicts(self) -> dict[str, float]:
        """Each root's strength, in file order."""
        ids, strength = self._ix.ids, self._strength
        return {ids[i]: strength[i] for i in self._ix.roots}

    # ------------------------------------------------------------------ updates

    def set_perspective(self, name: str | None) -> None:
        """Read the map through another perspective (``None``: the map's own values)."""
        self._check_perspective(name)
        self.perspective = name
        with collector_paused():
            _, _, weights, credences = _fields(self.argmap)
            self._load_values(weights, credences)
            self._compute_all()

    def set_trial(self, overlay: Perspective | None) -> None:
        """Read the map through a what-if on top of the perspective (``None``: none).

        The overlay's weights and credences win over the perspective's and the claims' own.
        It is not part of the map: the app shows "what would flip this" with it, and only an
        explicit save as a named perspective writes it to a file.
        """
        self.trial = overlay
        with collector_paused():
            _, _, weights, credences = _fields(self.argmap)
            self._load_values(weights, credences)
            self._compute_all()

    def for_values_of(self, argmap: ArgumentMap, perspective: str | None = None) -> Scorer:
        """A scorer of ``argmap``, another version of this map with the same claims in the
        same order, each with the same parent and stance (weights, credences or overlays
        may differ): this one's index is shared (it is never changed in place), only the
        values are read and the strengths computed. ``debate diff`` of two versions."""
        other = copy.copy(self)
        other.argmap = argmap
        other.perspective = None
        other.set_perspective(perspective)
        return other

    def set_semantics(self, name: str) -> None:
        if name not in BY_NAME:
            raise UnknownSemantics(name, BY_NAME)
        self.semantics = name
        self._semantics = BY_NAME[name]
        with collector_paused():
            self._compute_all()

    def rebuild(self) -> None:
        """Re-index the whole map and recompute every strength."""
        if self.perspective is not None and self.perspective not in self.argmap.perspectives:
            self.perspective = None  # the perspective was deleted: fall back to the map
        with collector_paused():
            parents, stances, weights, credences = _fields(self.argmap)
            self._ix = _index(self.argmap, parents, stances)
            self._load_values(weights, credences)
            self._compute_all()

    def refresh(self, claim_id: str) -> list[str]:
        """Re-read one claim's weight and credence; recompute it and its ancestors only.

        Returns the ids whose strength changed (the claim first, then upwards). Structural
        changes this notices (a new, deleted or moved claim, a changed stance) fall back to a
        full :meth:`rebuild` and return every id that changed.
        """
        self.version += 1
        ix = self._ix
        claims = self.argmap.claims
        i = ix.position.get(claim_id, -1)
        claim = claims.get(claim_id)
        if i < 0 or claim is None or len(claims) != len(ix.ids) or not self._same_place(i):
            return self._rebuild_and_diff()
        if self.perspective is not None and self.perspective not in self.argmap.perspectives:
            return self._rebuild_and_diff()
        self._read_values(i)
        changed: list[str] = []
        strength = self._strength
        if not ix.reached[i]:
            return changed
        before = strength[i]
        self._update(i)
        if strength[i] != before:
            changed.append(claim_id)
        # The parent always: a weight change moves it even when the claim itself did not move.
        must_continue = True
        j = ix.parent[i]
        while j >= 0 and must_continue:
            before = strength[j]
            self._update(j)
            must_continue = strength[j] != before
            if must_continue:
                changed.append(ix.ids[j])
            j = ix.parent[j]
        return changed

    def explain(self, claim_id: str) -> Explanation:
        """The claim's base and, for each child, its strength with and without that child."""
        i = self._position(claim_id)
        ix = self._ix
        strength = self._strength[i]
        contributions: list[Contribution] = []
        if ix.reached[i]:
            for children in (ix.pro[i], ix.con[i], ix.part[i]):
                for j in children:
                    without = self._node(i, skip=j)[1]
                    contributions.append(
                        Contribution(
                            child=ix.ids[j],
                            stance=_STANCE_NAMES[ix.stance[j]],
                            weight=self._weight[j],
                            strength=self._strength[j],
                            without=without,
                            delta=strength - without,
                        )
                    )
            contributions.sort(key=lambda item: -abs(item.delta))
        parts = sum(1 for j in ix.part[i] if self._weight[j] > 0) if ix.reached[i] else 0
        return Explanation(
            claim=claim_id,
            strength=strength,
            base=self._base[i],
            credence=self._credence[i],
            contributions=contributions,
            semantics=self.semantics,
            perspective=self.perspective,
            parts=parts,
        )

    def flat(self) -> Flat:
        """The flattened map and current values (see :class:`Flat`): what the contribution
        and crux code (``debate.scoring.contributions``, ``debate.scoring.crux``) reads."""
        ix = self._ix
        return Flat(
            ids=ix.ids,
            position=ix.position,
            parent=ix.parent,
            stance=ix.stance,
            pro=ix.pro,
            con=ix.con,
            part=ix.part,
            reached=ix.reached,
            roots=ix.roots,
            weight=self._weight,
            scale=self._scale,
            credence=self._credence,
            base=self._base,
            strength=self._strength,
            semantics=self._semantics,
            perspective=self.perspective,
        )

    # ------------------------------------------------------------------ internals

    def _position(self, claim_id: str) -> int:
        i = self._ix.position.get(claim_id)
        if i is None:
            raise UnknownClaim(claim_id, self._ix.ids)
        return i

    def _check_perspective(self, name: str | None) -> None:
        if name is not None and name not in self.argmap.perspectives:
            raise UnknownPerspective(name, self.argmap.perspectives)

    def _same_place(self, i: int) -> bool:
        """Whether claim ``i`` still hangs where the index says, with the same stance."""
        ix = self._ix
        claim = self.argmap.claims[ix.ids[i]]
        up = claim.parent
        j = ix.position.get(up, -1) if up is not None else -1
        if j != ix.parent[i]:
            return False
        return j < 0 or _STANCE_CODES[claim.stance] == ix.stance[i]

    def _rebuild_and_diff(self) -> list[str]:
        old = self.strengths
        self.rebuild()
        return [
            claim_id for claim_id, value in self.strengths.items() if old.get(claim_id) != value
        ]

    def _overlays(self) -> tuple[dict[str, int], dict[str, float]]:
        weights: dict[str, int] = {}
        credences: dict[str, float] = {}
        if self.perspective is not None:
            overlay = self.argmap.perspectives[self.perspective]
            weights, credences = overlay.weight, overlay.credence
        if self.trial is not None:
            weights = {**weights, **self.trial.weight}
            credences = {**credences, **self.trial.credence}
        return weights, credences

    def _load_values(
        self, weights: Sequence[int | None], credences: Sequence[float | None]
    ) -> None:
        """Effective weights and credences for every claim: overlay, else claim, else default."""
        weight_overlay, credence_overlay = self._overlays()
        weight = [DEFAULT_WEIGHT if value is None else value for value in weights]
        credence = [DEFAULT_CREDENCE if value is None else value for value in credences]
        position = self._ix.position
        for claim_id, value in weight_overlay.items():
            if claim_id in position:  # overlay entries for deleted claims change nothing
                weight[position[claim_id]] = value
        for claim_id, level in credence_overlay.items():
            if claim_id in position:
                credence[position[claim_id]] = level
        self._weight = weight
        self._scale = [value / MAX_WEIGHT for value in weight]
        self._credence = credence

    def _read_values(self, i: int) -> None:
        claim_id = self._ix.ids[i]
        claim = self.argmap.claims[claim_id]
        weights, credences = self._overlays()
        value = weights.get(claim_id, claim.weight)
        self._weight[i] = DEFAULT_WEIGHT if value is None else value
        self._scale[i] = self._weight[i] / MAX_WEIGHT
        level = credences.get(claim_id, claim.credence)
        self._credence[i] = DEFAULT_CREDENCE if level is None else float(level)

    def _node(self, i: int, skip: int = -1) -> tuple[float, float]:
        """``(base, strength)`` of claim ``i`` from its children's current strengths.

        ``skip`` leaves one child out (for explanations). This is the one place the rules
        live; :meth:`_compute_all` is the same arithmetic unrolled for speed, and a test
        checks they agree exactly.
        """
        ix = self._ix
        strength, scale = self._strength, self._scale
        base = self._credence[i]
        parts = ix.part[i]
        if parts:
            weight = self._weight
            total = 0
            mean = 0.0
            for j in parts:
                if j != skip:
                    total += weight[j]
                    mean += weight[j] * strength[j]
            if total > 0:
                base = mean / total
        if self._semantics.aggregation == "product":
            keep = 1.0
            for j in ix.pro[i]:
                if j != skip:
                    keep *= 1.0 - scale[j] * strength[j]
            support = 1.0 - keep
            keep = 1.0
            for j in ix.con[i]:
                if j != skip:
                    keep *= 1.0 - scale[j] * strength[j]
            attack = 1.0 - keep
        else:
            support = 0.0
            for j in ix.pro[i]:
                if j != skip:
                    support += scale[j] * strength[j]
            attack = 0.0
            for j in ix.con[i]:
                if j != skip:
                    attack += scale[j] * strength[j]
        return base, self._semantics.influence(base, support, attack)

    def _update(self, i: int) -> None:
        base, value = self._node(i)
        self._base[i] = base
        self._strength[i] = value
        self.strengths[self._ix.ids[i]] = value

    def _compute_all(self) -> None:
        """Every strength, children first: :meth:`_node`'s arithmetic, unrolled."""
        self.version += 1
        ix = self._ix
        count = len(ix.ids)
        credence = self._credence
        weight, scale = self._weight, self._scale
        base_of = list(credence)
        strength = list(credence)  # claims on a cycle (never scored) keep their credence
        pro, con, part = ix.pro, ix.con, ix.part
        influence = self._semantics.influence
        product = self._semantics.aggregation == "product"
        for i in ix.order:
            base = credence[i]
            parts = part[i]
            if parts:
                total = 0
                mean = 0.0
                for j in parts:
                    total += weight[j]
                    mean += weight[j] * strength[j]
                if total > 0:
                    base = mean / total
                    base_of[i] = base
            supporters, attackers = pro[i], con[i]
            if not supporters and not attackers:
                strength[i] = influence(base, 0.0, 0.0)
                continue
            if product:
                keep = 1.0
                for j in supporters:
                    keep *= 1.0 - scale[j] * strength[j]
                support = 1.0 - keep
                keep = 1.0
                for j in attackers:
                    keep *= 1.0 - scale[j] * strength[j]
                attack = 1.0 - keep
            else:
                support = 0.0
                for j in supporters:
                    support += scale[j] * strength[j]
                attack = 0.0
                for j in attackers:
                    attack += scale[j] * strength[j]
            strength[i] = influence(base, support, attack)
        assert len(strength) == count
        self._base = base_of
        self._strength = strength
        self.strengths = dict(zip(ix.ids, strength, strict=True))


def score(
    argmap: ArgumentMap, semantics: str = DEFAULT_SEMANTICS, perspective: str | None = None
) -> dict[str, float]:
    """Every claim's strength: a one-shot :class:`Scorer`."""
    return Scorer(argmap, semantics, perspective).strengths


def explain(
    argmap: ArgumentMap,
    claim_id: str,
    semantics: str = DEFAULT_SEMANTICS,
    perspective: str | None = None,
) -> Explanation:
    """One claim's explanation: a one-shot :meth:`Scorer.explain`."""
    return Scorer(argmap, semantics, perspective).explain(claim_id)
