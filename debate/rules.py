"""The value rules every layer shares: stances, the weight scale, the credence range, ids.

Kept apart from :mod:`debate.model` (which re-exports them) so that code needing only a rule
(the import readers, slugs) does not import pydantic (~130 ms with the models): a reader
builds plain data, and the model is built and checked once, after it
(:func:`debate.formats.readers.read_text`).

Pure: imports only the standard library.
"""

from __future__ import annotations

import re
from typing import Literal

Stance = Literal["pro", "con", "part"]
STANCES: tuple[Stance, ...] = ("pro", "con", "part")

MIN_WEIGHT, MAX_WEIGHT = 0, 4
DEFAULT_WEIGHT = 2
DEFAULT_CREDENCE = 0.5
WEIGHT_RANGE = f"{MIN_WEIGHT}-{MAX_WEIGHT}"
"""The weight scale in words (``0-4``), for messages and exports."""


def is_weight(value: object) -> bool:
    """Whether ``value`` is a weight the model takes: an int on the scale (a bool is not,
    though Python counts it as an int). The one range check for readers and edits."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and MIN_WEIGHT <= value <= MAX_WEIGHT
    )


def is_credence(value: float) -> bool:
    """Whether a number is a credence the model takes: 0 to 1 (NaN is not)."""
    return 0.0 <= value <= 1.0


ID_PATTERN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,99}\Z")
"""Claim, source and perspective ids: TOML bare keys, so they never need quoting. ``\\Z``,
not ``$``: ``$`` also matches before a final newline, which would let ``"a\\n"`` through."""
