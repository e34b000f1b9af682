"""Gradual semantics, perspectives and explanations: how weights become verdicts.

Pure (no Textual, no rich). The public API, which the TUI and the exports code against::

    from debate.scoring import Scorer, score, explain, compare, SEMANTICS, DEFAULT_SEMANTICS
    from debate.scoring import UnknownSemantics, UnknownPerspective, UnknownClaim

The rules (formulas, defaults, ranges, references) are in docs/SCORING.md.
"""

from __future__ import annotations

from debate.scoring.compare import BASE_LABEL, Comparison, compare, label
from debate.scoring.engine import (
    DEFAULT_SEMANTICS,
    SEMANTICS,
    Contribution,
    Explanation,
    Scorer,
    explain,
    score,
)
from debate.scoring.errors import UnknownClaim, UnknownPerspective, UnknownSemantics

__all__ = [
    "BASE_LABEL",
    "DEFAULT_SEMANTICS",
    "SEMANTICS",
    "Comparison",
    "Contribution",
    "Explanation",
    "Scorer",
    "UnknownClaim",
    "UnknownPerspective",
    "UnknownSemantics",
    "compare",
    "explain",
    "label",
    "score",
]
