"""Perspectives side by side: the same map scored under each overlay, and where they part."""

from __future__ import annotations

from dataclasses import dataclass

from debate.model import ArgumentMap
from debate.scoring.engine import DEFAULT_SEMANTICS, Scorer

BASE_LABEL = "base"
"""How the map's own values (no perspective; key ``None``) are labelled in tables and JSON."""


@dataclass(frozen=True)
class Comparison:
    """Strengths of every claim under every perspective; the base map (key ``None``) first."""

    semantics: str
    perspectives: list[str | None]
    roots: list[str]
    strengths: dict[str | None, dict[str, float]]

    @property
    def verdicts(self) -> dict[str | None, dict[str, float]]:
        """Perspective (``None`` = base map) -> root id -> strength."""
        return {
            name: {root: values[root] for root in self.roots}
            for name, values in self.strengths.items()
        }

    def spread(self, claim_id: str) -> float:
        """Highest minus lowest strength of one claim across the perspectives."""
        values = [self.strengths[name][claim_id] for name in self.perspectives]
        return max(values) - min(values)

    def divergent(self, limit: int | None = 10) -> list[tuple[str, dict[str | None, float]]]:
        """The claims the perspectives disagree on most: largest spread first.

        Claims on which every perspective agrees (spread below 1e-9) are left out; ties keep
        file order.
        """
        if len(self.perspectives) < 2:
            return []
        first = self.strengths[self.perspectives[0]]
        tables = [self.strengths[name] for name in self.perspectives]
        spreads: list[tuple[float, str]] = []
        for claim_id in first:
            values = [table[claim_id] for table in tables]
            spread = max(values) - min(values)
            if spread > 1e-9:
                spreads.append((spread, claim_id))
        spreads.sort(key=lambda item: -item[0])
        chosen = spreads if limit is None else spreads[:limit]
        return [
            (claim_id, {name: self.strengths[name][claim_id] for name in self.perspectives})
            for _, claim_id in chosen
        ]


def label(name: str | None) -> str:
    """A perspective's display name: the base map shows as ``base``."""
    return BASE_LABEL if name is None else name


def compare(argmap: ArgumentMap, semantics: str = DEFAULT_SEMANTICS) -> Comparison:
    """Score the map once per perspective (plus the base map) and line the results up."""
    scorer = Scorer(argmap, semantics)
    names: list[str | None] = [None, *argmap.perspectives]
    strengths: dict[str | None, dict[str, float]] = {}
    for name in names:
        scorer.set_perspective(name)
        strengths[name] = scorer.strengths
    return Comparison(
        semantics=semantics,
        perspectives=names,
        roots=list(scorer.verdicts()),
        strengths=strengths,
    )
