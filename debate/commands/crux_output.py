"""How ``debate crux`` and ``debate compare --explain`` show their results: plain outlines
for screen readers and pipes, rich tables on a terminal, JSON for scripts; and the progress
indicator long searches show on stderr.

Kept apart from the command modules so their tops stay light (rich and numpy are imported
here, and this module only from inside ``run``). User text goes through ``one_line`` into
``Text``; plain output is free of colour and markup by construction.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from debate.display import one_line, visible
from debate.formats.view import rounded
from debate.model import ArgumentMap, MapTree
from debate.render import ClaimLabel, claim_heading
from debate.scoring import label
from debate.scoring.crux import Crux, CruxReport
from debate.scoring.crux_words import (
    flip_words,
    robustness_words,
    shapley_words,
    swing_line,
    values_line,
    verdict_line,
)
from debate.scoring.disagreement import Disagreement
from debate.scoring.verdict import holds, threshold_text

SHOW_AFTER = 0.5
"""Seconds of work before a progress indicator appears."""
TEXT_LIMIT = 60


# ------------------------------------------------------------------------ progress


class StderrProgress:
    """A ``(done, total)`` callback that shows progress on stderr once work passes half a
    second: a rich bar on a terminal, else a plain line at most once a second."""

    def __init__(self, label: str = "working") -> None:
        self.label = label
        self.started = time.perf_counter()
        self._bar: Any = None
        self._task: Any = None
        self._printed = 0.0
        self.tty = sys.stderr.isatty()

    def phase(self, label: str) -> None:
        self.label = label
        if self._bar is not None:
            self._bar.update(self._task, description=label, completed=0)

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self.started < SHOW_AFTER:
            return
        if self.tty:
            if self._bar is None:
                self._bar = Progress(console=Console(stderr=True), transient=True)
                self._bar.start()
                self._task = self._bar.add_task(self.label, total=total)
            self._bar.update(self._task, completed=done, total=total, description=self.label)
        elif now - self._printed >= 1.0:
            self._printed = now
            print(f"debate: {self.label} {done}/{total}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


# ------------------------------------------------------------------------ JSON


def crux_json(argmap: ArgumentMap, reports: list[CruxReport], limit: int) -> dict[str, Any]:
    tree = argmap.tree()
    first = reports[0] if reports else None
    return _rounded_floats(
        {
            "semantics": first.semantics if first else None,
            "perspective": first.perspective if first else None,
            "threshold": first.threshold if first else None,
            "roots": [_report_json(tree, report, limit) for report in reports],
        }
    )


def _rounded_floats(data: Any) -> Any:
    """``data`` with every float rounded as in every JSON output (six decimals, by
    :func:`debate.formats.view.rounded`), so ``0.32499999999999996`` never shows."""
    if isinstance(data, float):
        return rounded(data)
    if isinstance(data, dict):
        return {key: _rounded_floats(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_rounded_floats(item) for item in data]
    return data


def _report_json(tree: MapTree, report: CruxReport, limit: int) -> dict[str, Any]:
    shown = report.cruxes if limit == 0 else report.cruxes[:limit]
    values = report.shapley
    flip = report.flip
    robust = report.robustness
    return {
        "root": report.root,
        "number": tree.number(report.root),
        "strength": report.strength,
        "base": report.base,
        "holds": report.holds,
        "claims": len(report.cruxes),
        "cruxes": [
            {
                "claim": crux.claim,
                "number": tree.number(crux.claim),
                "stance": crux.stance,
                "direction": crux.direction,
                "credence": crux.credence,
                "weight": crux.weight,
                "strength": crux.strength,
                "swing": {"low": crux.low, "high": crux.high, "size": crux.swing},
                "credence_range": {"low": crux.credence_low, "high": crux.credence_high},
                "flips": crux.flips,
                "removal": crux.removal,
                "without": crux.without,
                "gradient": {"credence": crux.gradient_credence, "weight": crux.gradient_weight},
                "shapley": crux.shapley,
                "shapley_error": crux.shapley_error,
            }
            for crux in shown
        ],
        "shapley": None
        if values is None
        else {"exact": values.exact, "samples": values.samples, "total": values.total},
        "smallest_flip": {
            "possible": flip.possible,
            "fewest_exact": flip.fewest_exact,
            "changes": [
                {
                    "claim": change.claim,
                    "number": tree.number(change.claim),
                    "credence_before": change.credence_before,
                    "credence": change.credence,
                    "weight_before": change.weight_before,
                    "weight": change.weight,
                }
                for change in flip.changes
            ],
            "strength_after": flip.flipped,
            "note": flip.note,
        },
        "robustness": {
            "fragile": robust.fragile,
            "verdicts": robust.verdicts,
            "holds": {
                name: holds(value, robust.threshold) for name, value in robust.verdicts.items()
            },
            "causes": list(robust.causes),
            "reconciling": robust.reconciling,
        },
    }


def disagreement_json(argmap: ArgumentMap, found: list[Disagreement]) -> dict[str, Any]:
    tree = argmap.tree()
    first = found[0] if found else None
    return _rounded_floats(
        {
            "semantics": first.semantics if first else None,
            "a": first.a if first else None,
            "b": first.b if first else None,
            "roots": [
                {
                    "root": item.root,
                    "number": tree.number(item.root),
                    "strength_a": item.strength_a,
                    "strength_b": item.strength_b,
                    "difference": item.difference,
                    "exact": item.exact,
                    "samples": item.samples,
                    "shares": [
                        {
                            "claim": share.claim,
                            "number": tree.number(share.claim),
                            "weight_a": share.weight_a,
                            "weight_b": share.weight_b,
                            "credence_a": share.credence_a,
                            "credence_b": share.credence_b,
                            "share": share.share,
                            "error": share.error,
                        }
                        for share in item.shares
                    ],
                }
                for item in found
            ],
        }
    )


# ------------------------------------------------------------------------ plain and rich


def crux_view(
    out: Console, argmap: ArgumentMap, reports: list[CruxReport], limit: int, plain: bool
) -> None:
    tree = argmap.tree()
    if not reports:
        out.print("the map has no claims")
        return
    first = reports[0]
    context = (
        f"semantics {first.semantics}, perspective {label(first.perspective)}, "
        f"threshold {threshold_text(first.threshold)}"
    )
    if plain:
        lines = [visible(argmap.map.title), context]
        for report in reports:
            lines += ["", *_plain_report(argmap, tree, report, limit)]
        out.file.write("\n".join(lines) + "\n")
        return
    heading = Text(visible(argmap.map.title), style="bold underline")
    heading.append(f"\n{context}", style="dim")
    out.print(heading)
    for report in reports:
        _rich_report(out, argmap, tree, report, limit)


def _claim_text(argmap: ArgumentMap, claim_id: str, limit: int | None = None) -> str:
    return one_line(argmap.claims[claim_id].text, limit)


def _more(count: int) -> str:
    return f"{count} more claim{'s' * (count != 1)}"


def _verdict_line(report: CruxReport) -> str:
    return verdict_line(report.strength, report.threshold, report.base)


def _plain_report(argmap: ArgumentMap, tree: MapTree, report: CruxReport, limit: int) -> list[str]:
    root = report.root
    lines = [
        claim_heading(tree.number(root), argmap.claims[root].text, root).plain,
        _verdict_line(report),
    ]
    shown = report.cruxes if limit == 0 else report.cruxes[:limit]
    if not shown:
        lines.append("no other claims: nothing to decide it but its own credence")
        return lines
    lines.append(
        "what decides it (largest swing first: the verdict's range if you changed your mind "
        "about that claim alone):"
    )
    for crux in shown:
        lines += [
            f"  {tree.number(crux.claim)} {crux.stance} {_claim_text(argmap, crux.claim)} "
            f"[{crux.claim}]",
            f"      {swing_line(crux)}",
            f"      {values_line(crux)}",
        ]
    hidden = len(report.cruxes) - len(shown)
    if hidden > 0:
        lines.append(f"  ... {_more(hidden)} (--limit 0 lists all)")
    words = shapley_words(report.shapley)
    if words:
        lines.append(words)
    lines.append("smallest flip: " + flip_words(report.flip, tree.number))
    lines.append(robustness_words(report.robustness))
    return lines


def _rich_report(
    out: Console, argmap: ArgumentMap, tree: MapTree, report: CruxReport, limit: int
) -> None:
    root = report.root
    out.print()
    out.print(claim_heading(tree.number(root), argmap.claims[root].text, root))
    verdict_style = "bold green" if report.holds else "bold red"
    out.print(Text(_verdict_line(report), style=verdict_style))
    shown = report.cruxes if limit == 0 else report.cruxes[:limit]
    if not shown:
        out.print(Text("no other claims: nothing to decide it but its own credence", style="dim"))
        return
    table = Table(
        title=Text("what decides it", style="bold"),
        caption="swing: the verdict's range if you changed your mind about that claim alone",
    )
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("claim", overflow="fold")
    table.add_column("dir", justify="center")
    table.add_column("swing", no_wrap=True)
    table.add_column("flips", justify="center")
    table.add_column("removal", justify="right")
    table.add_column("Shapley", justify="right")
    for crux in shown:
        claim = argmap.claims[crux.claim]
        cell = ClaimLabel(crux.claim, claim, crux.stance or None, limit=TEXT_LIMIT)
        arrow = Text("▲", style="green") if crux.direction > 0 else Text("▼", style="red")
        shapley = "" if crux.shapley is None else f"{crux.shapley:+.3f}"
        if crux.shapley_error:
            shapley += f"±{crux.shapley_error:.3f}"
        table.add_row(
            tree.number(crux.claim),
            cell,
            arrow,
            _range_bar(crux, report.threshold),
            "yes" if crux.flips else "",
            f"{crux.removal:+.3f}",
            shapley,
        )
    out.print(table)
    hidden = len(report.cruxes) - len(shown)
    if hidden > 0:
        out.print(Text(f"... {_more(hidden)} (--limit 0 lists all)", style="dim"))
    words = shapley_words(report.shapley)
    if words:
        out.print(Text(words, style="dim"))
    out.print(Text("smallest flip: ", style="bold") + Text(flip_words(report.flip, tree.number)))
    robust = Text(
        robustness_words(report.robustness), style="yellow" if report.robustness.fragile else ""
    )
    out.print(robust)


def _range_bar(crux: Crux, threshold: float, width: int = 12) -> Text:
    """``0.30 ───██│██──── 0.63``: the swing as a segment of [0, 1]; ``│`` is the threshold."""
    low, high = round(crux.low * width), round(crux.high * width)
    mark = min(round(threshold * width), width - 1)
    colour = "green" if crux.direction > 0 else "red"
    bar = Text(f"{crux.low:.2f} ")
    for k in range(width):
        if k == mark:
            bar.append("│", style="bold")
        elif low <= k < max(high, low + 1):
            bar.append("█", style=colour)
        else:
            bar.append("─", style="dim")
    bar.append(f" {crux.high:.2f}")
    return bar


def disagreement_view(
    out: Console, argmap: ArgumentMap, found: list[Disagreement], plain: bool
) -> None:
    tree = argmap.tree()
    if not found:
        out.print("the map has no claims")
        return
    a, b = label(found[0].a), label(found[0].b)
    lines = [
        visible(argmap.map.title),
        f"why {visible(a)} and {visible(b)} disagree (semantics {found[0].semantics}); "
        "each claim's share of the difference, the shares add up to it exactly",
    ]
    for item in found:
        lines.append("")
        lines.append(
            f"{tree.number(item.root)} {_claim_text(argmap, item.root)} [{item.root}]: "
            f"{visible(a)} {item.strength_a:.3f}, {visible(b)} {item.strength_b:.3f}, "
            f"difference {item.difference:+.3f}"
        )
        moving = [share for share in item.shares if abs(share.share) > 1e-12]
        if not moving:
            lines.append("  the two readings agree on every claim of this tree")
        for share in moving:
            changes = []
            if share.weight_a != share.weight_b:
                changes.append(f"weight {share.weight_a} -> {share.weight_b}")
            if share.credence_a != share.credence_b:
                changes.append(f"credence {share.credence_a:.2f} -> {share.credence_b:.2f}")
            error = f" ±{share.error:.3f}" if share.error else ""
            lines.append(
                f"  {share.share:+.3f}{error} {tree.number(share.claim)} "
                f"{_claim_text(argmap, share.claim)} [{share.claim}]: {', '.join(changes)}"
            )
        still = len(item.shares) - len(moving)
        if still:
            lines.append(f"  ({still} more differing claims do not reach the verdict)")
        if not item.exact:
            lines.append(f"  (sampled: {item.samples} orders, seed fixed; ± is a 95% bound)")
    if plain:
        out.file.write("\n".join(lines) + "\n")
        return
    for line in lines:
        style = "bold" if line and line[0].isdigit() else ""
        out.print(Text(line, style=style), overflow="fold")
