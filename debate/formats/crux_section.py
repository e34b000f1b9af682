"""The reports' "What decides it" section: for each exported root, the claims whose change
would move its verdict most, whether the four semantics agree on it, and the smallest change
of mind that flips it (``debate.scoring.crux``; the same numbers ``debate crux`` prints).

Prepared once from the export's :class:`~debate.formats.view.View` into plain rows, then
written by :func:`markdown` or :func:`html` with the writer's own escaping, so user text is
escaped exactly as in the rest of the report. Shapley values are left out (reports must be
reproducible and quick); the flip search runs without a time limit, so a report never depends
on the machine's speed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from debate.formats.view import View
from debate.model import WEIGHT_RANGE
from debate.scoring import Scorer
from debate.scoring.crux import crux_report
from debate.scoring.shapley import Budget
from debate.scoring.verdict import DEFAULT_THRESHOLD as THRESHOLD
from debate.scoring.verdict import side, threshold_text, verdict_number

CRUXES = 5
"""Claims listed per root."""


@dataclass(frozen=True)
class CruxRow:
    claim: str
    number: str | None
    """The claim's number in this export (None when the export's depth hides it)."""
    text: str
    low: float
    high: float
    raises: bool
    flips: bool


@dataclass(frozen=True)
class RootSection:
    root: str
    number: str
    text: str
    strength: float
    rows: list[CruxRow]
    verdicts: dict[str, float]
    fragile: bool
    causes: list[tuple[str, str | None]]
    """(claim id, number in this export) of the claims behind a fragile verdict."""
    reconciling: bool
    flip_changes: list[tuple[str, str | None, str]]
    """(claim id, number, what changes) of the smallest flip; empty when none."""
    flip_after: float | None
    flip_note: str


def prepare(view: View) -> list[RootSection]:
    scorer = Scorer(view.argmap, view.semantics, view.perspective)
    budget = Budget(seconds=None)
    sections = []
    for root in view.roots:
        report = crux_report(scorer, root, THRESHOLD, budget, with_shapley=False)
        claims = view.argmap.claims

        def number(claim_id: str) -> str | None:
            row = view.by_id.get(claim_id)
            return row.number if row is not None else None

        sections.append(
            RootSection(
                root=root,
                number=view.by_id[root].number,
                text=claims[root].text,
                strength=report.strength,
                rows=[
                    CruxRow(
                        crux.claim,
                        number(crux.claim),
                        claims[crux.claim].text,
                        crux.low,
                        crux.high,
                        crux.direction > 0,
                        crux.flips,
                    )
                    for crux in report.cruxes[:CRUXES]
                ],
                verdicts=report.robustness.verdicts,
                fragile=report.robustness.fragile,
                causes=[(claim, number(claim)) for claim in report.robustness.causes],
                reconciling=report.robustness.reconciling,
                flip_changes=[
                    (change.claim, number(change.claim), change.describe(arrow="→"))
                    for change in report.flip.changes
                ],
                flip_after=report.flip.flipped,
                flip_note=report.flip.note,
            )
        )
    return sections


def _intro(view: View, escape: Callable[[str], str]) -> str:
    reading = f"the {escape(view.perspective)} perspective" if view.perspective else "the base map"
    return (
        f"Under {escape(view.semantics)} semantics, read from {reading}; a verdict holds at "
        f"{threshold_text(THRESHOLD)} or above. *Swing*: the range the verdict could take if you "
        f"changed your mind about that one claim alone (credence 0-1, weight {WEIGHT_RANGE})."
    )


def verdict_shown(strength: float, escape: Callable[[str], str], decimals: int = 3) -> str:
    """A verdict's strength as written beside its side or in the reports' verdict table
    (``<0.500`` where ``decimals`` decimals would round it across the threshold:
    :func:`~debate.scoring.verdict.verdict_number`), its ``<`` escaped for the writer (the
    digits are not: Markdown's escape would take ``0.5`` at a line start for a list marker)."""
    shown = verdict_number(strength, THRESHOLD, decimals)
    return escape(shown[0]) + shown[1:] if shown[0] in "<≥" else shown


def _robustness(
    section: RootSection, name: Callable[[str, str | None], str], escape: Callable[[str], str]
) -> str:
    values = ", ".join(
        f"{semantics} {verdict_shown(value, escape)}"
        for semantics, value in section.verdicts.items()
    )
    if not section.fragile:
        return f"Robust: every semantics agrees ({values})."
    causes = ", ".join(name(claim, number) for claim, number in section.causes)
    if section.reconciling:
        why = f"without any one of {causes} they would agree"
    else:
        why = f"they weigh {causes} most differently"
    return f"Fragile: the semantics disagree ({values}); {why}."


def _flip(
    section: RootSection, name: Callable[[str, str | None], str], escape: Callable[[str], str]
) -> str:
    if not section.flip_changes or section.flip_after is None:
        return f"Smallest flip: none. {escape(section.flip_note.capitalize())}."
    changes = "; ".join(
        f"{name(claim, number)}: {escape(what)}" for claim, number, what in section.flip_changes
    )
    after = f"{verdict_shown(section.flip_after, escape)} ({side(section.flip_after, THRESHOLD)})"
    return f"Smallest flip: {changes} makes it {after}; {escape(section.flip_note)}."


def markdown(view: View, escape: Callable[[str], str]) -> list[str]:
    """The section as Markdown lines (``escape`` is the Markdown writer's)."""
    sections = prepare(view)
    if not sections:
        return []

    def name(claim: str, number: str | None) -> str:
        return number if number is not None else f"`{claim}`"

    out = ["## What decides it", "", _intro(view, escape), ""]
    for section in sections:
        out += [
            f"### {section.number}. {escape(_short(section.text))}",
            "",
            f"Verdict **{verdict_shown(section.strength, escape)}**: "
            f"{side(section.strength, THRESHOLD)}. " + _robustness(section, name, escape),
            "",
        ]
        if section.rows:
            out += [
                "| Claim | Swing | Believing it more | Alone flips it |",
                "| --- | ---: | --- | --- |",
            ]
            for row in section.rows:
                label = f"{name(row.claim, row.number)} {escape(_short(row.text, 70))}"
                direction = "raises the verdict" if row.raises else "lowers the verdict"
                flips = "yes" if row.flips else "no"
                out.append(f"| {label} | {row.low:.3f}–{row.high:.3f} | {direction} | {flips} |")
            out.append("")
        out += [_flip(section, name, escape), ""]
    return out


def html(view: View, escape: Callable[[str], str]) -> list[str]:
    """The section as HTML lines (``escape`` is the HTML writer's); claims link to the tree."""
    sections = prepare(view)
    if not sections:
        return []

    def name(claim: str, number: str | None) -> str:
        if number is None:  # below the export's depth: no anchor to link to
            return f"<code>{escape(claim)}</code>"
        return f'<a href="#claim-{escape(claim)}">{number}</a>'

    intro = _intro(view, escape).replace("*Swing*", "<em>Swing</em>")
    out = [
        '<section aria-labelledby="crux">',
        '<h2 id="crux">What decides it</h2>',
        f'<p class="muted">{intro}</p>',
    ]
    for section in sections:
        out += [
            f'<h3>{section.number}. <span class="text">{escape(section.text)}</span></h3>',
            f"<p>Verdict <strong>{verdict_shown(section.strength, escape)}</strong>: "
            f"{side(section.strength, THRESHOLD)}. {_robustness(section, name, escape)}</p>",
        ]
        if section.rows:
            out += [
                "<table>",
                '<thead><tr><th>Claim</th><th class="num">Swing</th>'
                "<th>Believing it more</th><th>Alone flips it</th></tr></thead>",
                "<tbody>",
            ]
            for row in section.rows:
                direction = "raises the verdict" if row.raises else "lowers the verdict"
                out.append(
                    f"<tr><td>{name(row.claim, row.number)} "
                    f'<span class="text">{escape(row.text)}</span></td>'
                    f'<td class="num">{row.low:.3f}–{row.high:.3f}</td>'
                    f"<td>{direction}</td><td>{'yes' if row.flips else 'no'}</td></tr>"
                )
            out += ["</tbody>", "</table>"]
        out.append(f"<p>{_flip(section, name, escape)}</p>")
    out.append("</section>")
    return out


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
