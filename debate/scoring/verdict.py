"""A root's verdict in words and numbers: the one rule for which side of the threshold a
strength is on, and how a strength is written beside that side.

Every place that prints a verdict next to a word (the app's header, ``debate crux``, the
crux view, the reports' "What decides it") uses these, so a number never reads as the other
side of the word next to it. ``0.497`` rounded to two decimals is ``0.50``, which beside
"does not hold" (or, in the header, beside ``debate crux``'s "does not hold") reads as a
contradiction; :func:`verdict_number` writes it ``<0.50`` instead.

Why ``<0.50`` rather than more decimals: what the number next to the word has to get right
is the side, and ``<0.50`` says exactly that in the width of the other verdicts, however
close the strength is (``0.4999997`` would need seven decimals to leave the threshold, and
the header's verdicts would change width from one edit to the next). Every strength that is
not that close keeps its usual rounding, so it still matches the numbers shown elsewhere.
The exact value is in every ``--json`` output.
"""

from __future__ import annotations

DEFAULT_THRESHOLD = 0.5
"""A verdict holds at or above this (``debate crux --threshold``'s default, the app's)."""
TOSS_UP = 0.02
"""Strengths this close to the threshold are a toss-up."""
CLEAR_NO = 0.25
CLEAR_YES = 0.75
"""At or beyond these the map says plainly no / yes (on its side of the threshold)."""
MAX_DECIMALS = 17
"""Enough for any float's shortest exact form."""


def holds(strength: float, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Whether a verdict of ``strength`` holds: at or above ``threshold``."""
    return strength >= threshold


def side(strength: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``holds`` or ``does not hold``: the words ``debate crux`` and the reports use."""
    return "holds" if holds(strength, threshold) else "does not hold"


def verdict_word(strength: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """What a root's strength says about its claim in a word or two: ``toss-up`` within
    :data:`TOSS_UP` of the threshold; otherwise the side :func:`side` says, ``yes``/``no``
    at :data:`CLEAR_YES`/:data:`CLEAR_NO` or beyond, ``leans yes``/``leans no`` between."""
    if abs(strength - threshold) <= TOSS_UP:
        return "toss-up"
    if holds(strength, threshold):
        return "yes" if strength >= CLEAR_YES else "leans yes"
    return "no" if strength <= CLEAR_NO else "leans no"


def threshold_text(threshold: float, decimals: int = 2) -> str:
    """The threshold with ``decimals`` decimals, or as many more as it has (``0.333``), so
    the number a verdict is measured against is never shown rounded."""
    for places in range(decimals, MAX_DECIMALS + 1):
        shown = f"{threshold:.{places}f}"
        if float(shown) == threshold:
            return shown
    return repr(threshold)


def verdict_number(strength: float, threshold: float = DEFAULT_THRESHOLD, decimals: int = 2) -> str:
    """``strength`` with ``decimals`` decimals, unless rounding would carry it to the other
    side of ``threshold``: then ``<0.50`` (it does not hold) or ``≥0.333`` (it holds, and
    rounding down would have said it does not: a threshold with more decimals than shown)."""
    shown = f"{strength:.{decimals}f}"
    if holds(float(shown), threshold) == holds(strength, threshold):
        return shown
    mark = "≥" if holds(strength, threshold) else "<"
    return mark + threshold_text(threshold, decimals)
