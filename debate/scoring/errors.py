"""What the scoring engine refuses: each is one clear line for the command line to print."""

from __future__ import annotations

from collections.abc import Iterable

from debate.errors import DebateError
from debate.model import did_you_mean


def _choices(known: Iterable[str]) -> str:
    names = list(known)
    return ", ".join(names) if names else "(none)"


class UnknownSemantics(DebateError, ValueError):
    """A semantics name that is not one of :data:`debate.scoring.SEMANTICS`."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        names = list(known)
        super().__init__(
            f"unknown semantics {name!r}{did_you_mean(name, names)}; choose one of: "
            + _choices(names)
        )
        self.name = name


class UnknownPerspective(DebateError, ValueError):
    """A perspective the map does not define."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        names = list(known)
        hint = did_you_mean(name, names)
        if not names:
            rest = "; the map defines no perspectives (add a [perspectives.NAME] table)"
        else:
            rest = f"; the map defines: {_choices(names)}"
        super().__init__(f"unknown perspective {name!r}{hint}{rest}")
        self.name = name


class UnknownClaim(DebateError, KeyError):
    """A claim id the map does not hold (``KeyError`` too, for dict-like callers)."""

    def __init__(self, claim_id: str, known: Iterable[str]) -> None:
        self.message = f"unknown claim {claim_id!r}{did_you_mean(claim_id, known)}"
        super().__init__(self.message)
        self.claim_id = claim_id

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class BadThreshold(DebateError, ValueError):
    """A verdict threshold outside [0, 1]."""

    def __init__(self, threshold: float) -> None:
        super().__init__(f"threshold must be a number from 0 to 1, got {threshold:g}")
        self.threshold = threshold
