"""The crux results as rich text for the app: a claim's part in its root's verdict (the
detail pane), a crux row with its swing bar (the crux view), the trial's mark.

Every number comes from :mod:`debate.scoring.crux_words`, the sentences ``debate crux``
prints, so the app and the command line agree to the last digit. User text goes through
:func:`debate.display.one_line` into :class:`rich.text.Text`, never markup.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from rich.text import Text

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line
from debate.scoring.crux_words import (
    Numbering,
    flip_words,
    robustness_words,
    shapley_value,
    shapley_words,
    swing_line,
    values_line,
    verdict_line,
)
from debate.scoring.errors import UnknownClaim
from debate.session import MapSession

if TYPE_CHECKING:
    from debate.scoring.crux import Crux
    from debate.tui.crux_cache import RootFacts

CRUX_KEY = "X"
"""The crux view's default key, named in hints (remappable: the help screen has the real one)."""


def root_of(session: MapSession, claim_id: str) -> str:
    """The root of the tree the claim is in (itself for a root)."""
    *_, root = (claim_id, *session.tree.ancestors(claim_id))
    return root


def heading(title: str) -> Text:
    out = Text("\n")
    out.append(title, "bold underline")
    out.append("\n")
    return out


def part_in_verdict(
    session: MapSession,
    claim_id: str,
    facts: RootFacts | None,
    threshold: float,
    number: Numbering,
) -> Text:
    """The detail pane's "In the verdict of ..." section for any claim (``number``: the path
    numbers the tree shows)."""
    root = root_of(session, claim_id)
    if root == claim_id:
        out = heading("Its verdict")
    else:
        out = heading(f"In the verdict of {number(root)}")
    trial_line = trial_change(session, claim_id)
    if trial_line is not None:
        out.append_text(trial_line)
    if facts is None:
        out.append("  weighing…\n", "dim")
        return out
    found = facts.found
    if root == claim_id:
        base = session.scorer.base(root)
        out.append(f"  {verdict_line(found.strength, threshold, base)}\n")
        out.append(
            f"  {robustness_words(facts.robust)}\n", "yellow" if facts.robust.fragile else ""
        )
        if facts.flip is not None:
            out.append(f"  smallest flip: {flip_words(facts.flip, number)}\n")
        out.append(f"  {CRUX_KEY}: what decides it, and what would flip it\n", "dim")
        return out
    # here, past "weighing…": the numpy crux code (~30 ms) is loaded by the worker that weighed
    from debate.scoring.crux import crux_of

    try:
        crux = crux_of(found, claim_id, threshold, facts.shapley)
    except UnknownClaim:  # not scored (a claim on a cycle made in memory)
        out.append("  not part of its root's score\n", "dim")
        return out
    out.append(f"  {swing_line(crux)}\n")
    out.append(f"  {values_line(crux)}\n")
    if facts.shapley is not None and not facts.shapley.exact:
        out.append(f"  {shapley_words(facts.shapley)}\n", "dim")
    elif facts.shapley is None and not facts.shapley_cheap:
        out.append(f"  Shapley: sampled in the crux view ({CRUX_KEY})\n", "dim")
    return out


def trial_change(session: MapSession, claim_id: str) -> Text | None:
    """``trial  credence 0.40 -> 0.42`` for a claim a shown trial changes, else ``None``."""
    changes = [c for trial, _ in session.trials.shown for c in trial.changes if c.claim == claim_id]
    if not changes:
        return None
    line = Text("  ")
    line.append("trial", "bold reverse")
    line.append("  " + "; ".join(change.describe() for change in changes), "bold")
    line.append("  not in the map: u undoes it, T keeps it as a perspective\n", "dim")
    return line


def swing_bar(crux: Crux, threshold: float, width: int) -> Text:
    """``0.300 ───━━━━│━── 0.625``: the swing as a stretch of [0, 1]; ``│`` is the threshold."""
    low, high = round(crux.low * width), round(crux.high * width)
    mark = min(round(threshold * width), width - 1)
    colour = "green" if crux.direction > 0 else "red"

    def cell(k: int) -> tuple[str, str]:
        if k == mark:
            return "│", "bold"
        if low <= k < max(high, low + 1):
            return "━", colour
        return "─", "dim"

    bar = Text(f"{crux.low:.3f} ")
    for (char, style), run in groupby(map(cell, range(width))):  # a span per run, not per cell
        bar.append(char * len(list(run)), style)
    bar.append(f" {crux.high:.3f}")
    return bar


def crux_row(
    session: MapSession, crux: Crux, threshold: float, width: int, number: Numbering
) -> Text:
    """Two lines of at most ``width`` cells: the claim (number, stance, text), then its
    direction, swing bar, whether it alone flips the verdict, and its contributions."""
    stance = crux.stance or None
    path = number(crux.claim)
    head = Text()
    head.append(f"{path} ", "dim")
    head.append(f"{STANCE_GLYPHS[stance]} ", STANCE_STYLES[stance])
    head.append(one_line(session.argmap.claims[crux.claim].text))
    head.truncate(width, overflow="ellipsis")
    indent = min(len(path) + 1, 8)
    tail = Text()
    tail.append(" flips" if crux.flips else "      ", "bold yellow")
    tail.append(f"  removal {crux.removal:+.3f}")
    shapley = shapley_value(crux)
    if shapley:
        tail.append(f"  {shapley}")
    ends = len("0.000 ") * 2  # the numbers at the bar's two ends
    room = width - indent - 2 - ends - tail.cell_len
    line = Text(" " * indent)
    line.append("▲ " if crux.direction > 0 else "▼ ", "green" if crux.direction > 0 else "red")
    line.append_text(swing_bar(crux, threshold, max(6, min(room, 30))))
    line.append_text(tail)
    line.truncate(width)
    return Text("\n").join([head, line])
