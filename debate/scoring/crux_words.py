"""The crux results in words: the sentences ``debate crux`` prints and the app shows.

One place for them, so every number the app shows is the one the command line prints, in the
same format (three decimals for strengths, signed ones for contributions and slopes, two for
credences). A verdict's strength beside its side is written by
:func:`~debate.scoring.verdict.verdict_number`, so its rounding never says the other side
(``<0.500``); the side itself is :func:`~debate.scoring.verdict.side`. Plain strings, no
markup: callers wrap them in ``rich.text.Text`` or print them.
Claim text never appears here (only ids and path numbers), so nothing needs escaping.

The results' classes are imported for type checking only: words need no numpy, so the app's
crux screens can import this at their top without the crux code's cost (~30 ms) at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from debate.scoring.verdict import holds, side, threshold_text, verdict_number

if TYPE_CHECKING:
    from debate.scoring.crux import Crux, Robustness
    from debate.scoring.flip import Flip
    from debate.scoring.shapley import ShapleyResult

STRENGTH_DECIMALS = 3


def verdict_text(strength: float, threshold: float) -> str:
    """``0.497`` (``<0.500`` when three decimals would round it across ``threshold``)."""
    return verdict_number(strength, threshold, STRENGTH_DECIMALS)


def verdict_line(strength: float, threshold: float, base: float) -> str:
    """``verdict 0.497: does not hold at 0.50 (base 0.50)``."""
    return (
        f"verdict {verdict_text(strength, threshold)}: {side(strength, threshold)} "
        f"at {threshold_text(threshold)} (base {base:.2f})"
    )


def direction_words(crux: Crux) -> str:
    if crux.direction > 0:
        return "believing it more raises the verdict"
    return "believing it more lowers the verdict"


def swing_line(crux: Crux) -> str:
    """``swing 0.300 to 0.625 (0.325); believing it more lowers the verdict; alone ...``."""
    flips = "; alone it can flip the verdict" if crux.flips else ""
    return (
        f"swing {crux.low:.3f} to {crux.high:.3f} ({crux.swing:.3f}); "
        f"{direction_words(crux)}{flips}"
    )


def shapley_value(crux: Crux) -> str:
    """``Shapley -0.158`` (with ``±0.012`` when sampled), or empty when not computed."""
    if crux.shapley is None:
        return ""
    error = f" ±{crux.shapley_error:.3f}" if crux.shapley_error else ""
    return f"Shapley {crux.shapley:+.3f}{error}"


def values_line(crux: Crux) -> str:
    """``credence 0.50, weight 3: without it 0.625 (removal -0.128), Shapley -0.158, slope
    -0.232 per credence``: the claim's contributions to its root."""
    shapley = shapley_value(crux)
    return (
        f"credence {crux.credence:.2f}, weight {crux.weight}: without it {crux.without:.3f} "
        f"(removal {crux.removal:+.3f}){', ' + shapley if shapley else ''}, "
        f"slope {crux.gradient_credence:+.3f} per credence"
    )


def shapley_words(values: ShapleyResult | None) -> str:
    """How the Shapley shares were found (exact or sampled) and what they add up to."""
    if values is None:
        return ""
    total = (
        f"add up to {values.total:+.3f}, the verdict minus what it would be with no claims under it"
    )
    if values.exact:
        return f"Shapley shares are exact and {total}"
    return (
        f"Shapley shares are sampled ({values.samples} orders, seed fixed; ± is a 95% bound) "
        f"and {total}"
    )


Numbering = Callable[[str], str]
"""A claim id -> its path number (``MapTree.number``; the app passes its tree's own, which
it has at hand on a big map)."""


def flip_words(flip: Flip, number: Numbering) -> str:
    """The smallest flip: each change, where it takes the verdict, and how it was found."""
    if not flip.possible:
        return flip.note
    changes = "; ".join(
        f"{number(change.claim)} [{change.claim}] {change.describe()}" for change in flip.changes
    )
    after = flip.flipped if flip.flipped is not None else flip.strength
    shown = verdict_text(after, flip.threshold)
    return f"{changes} makes the verdict {shown}, {side(after, flip.threshold)} ({flip.note})"


def robustness_words(robust: Robustness) -> str:
    """The verdict under every semantics; for a fragile one, the claims behind it."""
    values = ", ".join(
        f"{name} {verdict_text(value, robust.threshold)} "
        f"{'holds' if holds(value, robust.threshold) else 'no'}"
        for name, value in robust.verdicts.items()
    )
    if not robust.fragile:
        return f"robust: every semantics agrees ({values})"
    causes = ", ".join(robust.causes)
    if robust.reconciling:
        why = f"without any one of {causes} they would agree"
    else:
        why = f"the semantics weigh these most differently: {causes}"
    return f"fragile: the semantics disagree ({values}); {why}"
