"""How ``debate score`` and ``debate compare`` show their results: rich tables, plain
outlines for screen readers, JSON for scripts.

Kept apart from the command modules so their tops stay light (rich is imported here, and
this module only from inside ``run``). User text goes through ``one_line`` into ``Text``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from debate.display import one_line, safe_json, visible
from debate.formats import ExportOptions
from debate.formats.json_data import scores_document
from debate.formats.view import View, rounded
from debate.model import ArgumentMap, MapTree
from debate.perf import write_lines
from debate.plain_layout import cropped, lays_out
from debate.render import ClaimLabel, claim_heading, label_body, label_lead, plain_indent
from debate.scoring import Comparison, Explanation, Scorer, label
from debate.terminal_tree import Shown, numbered_walk

TEXT_LIMIT = 70
"""Claim text in tables is cut to this many characters (the full text is in the map)."""

TABLE_LIMIT = 2_000
"""Above this many claims ``debate score`` prints aligned lines instead of a rich Table."""


def write_json(data: object) -> None:
    """Indented UTF-8 JSON; control characters and bidi overrides as ``\\u`` escapes."""
    sys.stdout.write(safe_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def _heading(argmap: ArgumentMap, semantics: str, perspective: str | None) -> Text:
    heading = Text(visible(argmap.map.title), style="bold underline")
    heading.append(f"\nsemantics {semantics}, perspective {label(perspective)}", style="dim")
    return heading


def _claim_cell(argmap: ArgumentMap, tree: MapTree, claim_id: str, depth: int) -> ClaimLabel:
    stance = argmap.claims[claim_id].stance if tree.parent[claim_id] is not None else None
    return ClaimLabel(claim_id, argmap.claims[claim_id], stance, limit=TEXT_LIMIT, indent=depth)


# ------------------------------------------------------------------------ debate score


def scores_json(argmap: ArgumentMap, scorer: Scorer) -> dict[str, Any]:
    """The scores in the shape ``export -f json`` gives them (schema/debate-scores.schema.json)."""
    options = ExportOptions(perspective=scorer.perspective, semantics=scorer.semantics)
    return scores_document(View(argmap, options, scorer))


def scores_view(out: Console, argmap: ArgumentMap, scorer: Scorer, plain: bool) -> None:
    """A table for maps up to TABLE_LIMIT claims; beyond that, aligned coloured lines (a rich
    Table measures every cell first and would take minutes on 100,000 claims)."""
    tree = argmap.tree()
    if plain:
        _plain_scores(out, argmap, tree, scorer)
    elif len(argmap.claims) <= TABLE_LIMIT:
        _table_scores(out, argmap, tree, scorer)
    else:
        _line_scores(out, argmap, tree, scorer)


def _plain_scores(out: Console, argmap: ArgumentMap, tree: MapTree, scorer: Scorer) -> None:
    lines = [
        visible(argmap.map.title),
        f"semantics {scorer.semantics}, perspective {label(scorer.perspective)}",
    ]
    for claim_id, depth in tree.walk():
        facts = []
        if tree.parent[claim_id] is not None:
            stance = argmap.claims[claim_id].stance or "pro"
            facts += [stance, f"weight {scorer.weight(claim_id)}"]
        facts += [
            f"credence {scorer.credence(claim_id):.2f}",
            f"base {scorer.base(claim_id):.2f}",
            f"strength {scorer.strength(claim_id):.2f}",
        ]
        text = one_line(argmap.claims[claim_id].text)
        number = tree.number(claim_id)
        lines.append(f"{plain_indent(depth)}{number} ({'; '.join(facts)}) {text} [{claim_id}]")
    # Plain output is already free of colour and markup: write it straight through.
    out.file.write("\n".join(lines) + "\n")


def _table_scores(out: Console, argmap: ArgumentMap, tree: MapTree, scorer: Scorer) -> None:
    table = Table(title=_heading(argmap, scorer.semantics, scorer.perspective), expand=False)
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("claim", overflow="fold")
    table.add_column("w", justify="right", style="yellow")
    table.add_column("cred", justify="right", style="magenta")
    table.add_column("base", justify="right")
    table.add_column("strength", justify="right", style="bold")
    for claim_id, depth in tree.walk():
        is_root = tree.parent[claim_id] is None
        table.add_row(
            tree.number(claim_id),
            _claim_cell(argmap, tree, claim_id, depth),
            "" if is_root else str(scorer.weight(claim_id)),
            f"{scorer.credence(claim_id):.2f}",
            f"{scorer.base(claim_id):.2f}",
            Text(f"{scorer.strength(claim_id):.2f}", style="bold reverse" if is_root else ""),
        )
    out.print(table)


def _line_scores(out: Console, argmap: ArgumentMap, tree: MapTree, scorer: Scorer) -> None:
    """The table's columns as fixed-width lines: numbers first, so long text is what is cut.

    To a file or a pipe the lines are cut as rich would cut them and written directly
    (:mod:`debate.plain_layout`): no styled text of every row is built."""
    shown = list(numbered_walk(tree))
    width = min(max(len(number) for _, _, number in shown), 24)
    out.print(_heading(argmap, scorer.semantics, scorer.perspective))
    header = f"{'#':<{width}}  w  cred  base  strength  claim"
    if lays_out(out):
        cells = out.width  # a property that asks the environment each time
        lines = (header, *_plain_score_lines(argmap, scorer, shown, width))
        write_lines((cropped(line, cells) for line in lines), out.file)
        return
    body = Text(header + "\n", style="bold", no_wrap=True, overflow="ellipsis")
    for claim_id, depth, number in shown:
        for piece, style in _score_columns(scorer, claim_id, depth, number, width):
            body.append(piece, style=style or None)
        body.append_text(_claim_cell(argmap, tree, claim_id, depth).text())
        body.append("\n")
    out.print(body, no_wrap=True, overflow="ellipsis", end="")


def _score_columns(
    scorer: Scorer, claim_id: str, depth: int, number: str, width: int
) -> list[tuple[str, str]]:
    """One row's columns before the claim's label, each piece with its style."""
    return [
        (f"{number:<{width}}  ", "dim"),
        (" " if depth == 0 else str(scorer.weight(claim_id)), "yellow"),
        (f"  {scorer.credence(claim_id):.2f}", "magenta"),
        (f"  {scorer.base(claim_id):.2f}  ", ""),
        (f"{scorer.strength(claim_id):8.2f}", "bold"),
        ("  ", ""),
    ]


def _plain_score_lines(
    argmap: ArgumentMap, scorer: Scorer, shown: list[Shown], width: int
) -> Iterator[str]:
    """Each row's characters (:func:`_score_columns` and the claim's label), put together
    as one string. What does not depend on the claim's place in the tree (its values, the
    body of its label) is made first, in the map's order, from the scorer's own lists:
    made claim by claim in tree order, it costs a fifth more."""
    flat = scorer.flat()
    rows = [
        f"{' ' if up < 0 else weight}  {credence:.2f}  {base:.2f}  {strength:8.2f}  "
        for up, weight, credence, base, strength in zip(
            flat.parent, flat.weight, flat.credence, flat.base, flat.strength, strict=True
        )
    ]  # a parent of -1: a root (as the tree says), whose weight is not shown
    claims = argmap.claims
    labels = [
        label_body(
            claim_id,
            claims[claim_id],
            None if up < 0 else claims[claim_id].stance,
            limit=TEXT_LIMIT,
        )
        for up, claim_id in zip(flat.parent, flat.ids, strict=True)
    ]
    position = flat.position
    leads = [label_lead(indent=depth) for depth in range(max(depth for _, depth, _ in shown) + 1)]
    for claim_id, depth, number in shown:
        i = position[claim_id]
        yield number.ljust(width) + "  " + rows[i] + leads[depth] + labels[i]


# ------------------------------------------------------------------------ --explain


def explanation_json(argmap: ArgumentMap, explanation: Explanation) -> dict[str, Any]:
    """The explanation as data; numbers rounded as in every JSON output (six decimals)."""
    tree = argmap.tree()
    return {
        "claim": explanation.claim,
        "number": tree.number(explanation.claim),
        "semantics": explanation.semantics,
        "perspective": explanation.perspective,
        "strength": rounded(explanation.strength),
        "base": rounded(explanation.base),
        "credence": rounded(explanation.credence),
        "parts": explanation.parts,
        "summary": explanation.summary(),
        "contributions": [
            {
                "child": item.child,
                "number": tree.number(item.child),
                "stance": item.stance,
                "weight": item.weight,
                "strength": rounded(item.strength),
                "without": rounded(item.without),
                "delta": rounded(item.delta),
            }
            for item in explanation.contributions
        ],
    }


def _base_line(explanation: Explanation) -> str:
    if explanation.parts:
        unused = f" (its own credence {explanation.credence:.2f} is not used)"
        return explanation.base_line() + unused
    return explanation.base_line()


def explanation_view(
    out: Console, argmap: ArgumentMap, explanation: Explanation, plain: bool
) -> None:
    tree = argmap.tree()
    claim_id = explanation.claim
    heading = claim_heading(tree.number(claim_id), argmap.claims[claim_id].text, claim_id)
    context = f"semantics {explanation.semantics}, perspective {label(explanation.perspective)}"
    if plain:
        lines = [
            heading.plain,
            f"strength {explanation.strength:.2f} ({context})",
            _base_line(explanation),
        ]
        if not explanation.contributions:
            lines.append("no children: the strength is the base")
        for item in explanation.contributions:
            child_text = one_line(argmap.claims[item.child].text)
            lines.append(
                f"  {tree.number(item.child)} {item.stance} weight {item.weight}, "
                f"strength {item.strength:.2f}: without it {item.without:.2f}, "
                f"effect {item.delta:+.2f} {child_text} [{item.child}]"
            )
        for line in lines:
            out.print(line, overflow="ignore", crop=False)
        return
    out.print(heading)
    strength = Text(f"strength {explanation.strength:.2f}", style="bold")
    strength.append(f"  ({context})", style="dim")
    out.print(strength)
    out.print(Text(_base_line(explanation)))
    if not explanation.contributions:
        out.print(Text("no children: the strength is the base", style="dim"))
        return
    table = Table(caption="effect = strength with the child minus strength without it")
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("child", overflow="fold")
    table.add_column("w", justify="right", style="yellow")
    table.add_column("strength", justify="right")
    table.add_column("without", justify="right")
    table.add_column("effect", justify="right", style="bold")
    for item in explanation.contributions:
        effect_style = "green" if item.delta > 0 else "red" if item.delta < 0 else ""
        table.add_row(
            tree.number(item.child),
            _claim_cell(argmap, tree, item.child, 0),
            str(item.weight),
            f"{item.strength:.2f}",
            f"{item.without:.2f}",
            Text(f"{item.delta:+.2f}", style=effect_style),
        )
    out.print(table)


# ------------------------------------------------------------------------ debate compare


def comparison_json(argmap: ArgumentMap, comparison: Comparison, limit: int) -> dict[str, Any]:
    tree = argmap.tree()
    names = comparison.perspectives
    verdicts = comparison.verdicts

    def row(claim_id: str, values: list[float]) -> dict[str, Any]:
        return {
            "claim": claim_id,
            "number": tree.number(claim_id),
            "strengths": [rounded(value) for value in values],
            "spread": rounded(max(values) - min(values)),
        }

    return {
        "semantics": comparison.semantics,
        "perspectives": names,
        "verdicts": [
            row(root, [verdicts[name][root] for name in names]) for root in comparison.roots
        ],
        "divergent": [
            row(claim_id, [values[name] for name in names])
            for claim_id, values in comparison.divergent(limit)
        ],
    }


def comparison_view(
    out: Console, argmap: ArgumentMap, comparison: Comparison, limit: int, plain: bool
) -> None:
    tree = argmap.tree()
    names = comparison.perspectives
    labels = [label(name) for name in names]
    divergent = comparison.divergent(limit)
    if plain:
        lines = [visible(argmap.map.title), f"semantics {comparison.semantics}", "verdicts:"]
        for root in comparison.roots:
            values = ", ".join(
                f"{shown} {comparison.strengths[name][root]:.2f}"
                for name, shown in zip(names, labels, strict=True)
            )
            text = one_line(argmap.claims[root].text)
            lines.append(f"  {tree.number(root)} {text} [{root}]: {values}")
        lines += _perspective_lines(argmap)
        lines.append(_divergent_title(len(names), divergent) + (":" if divergent else ""))
        for claim_id, values_by_name in divergent:
            values = ", ".join(
                f"{shown} {values_by_name[name]:.2f}"
                for name, shown in zip(names, labels, strict=True)
            )
            spread = comparison.spread(claim_id)
            text = one_line(argmap.claims[claim_id].text)
            lines.append(
                f"  {tree.number(claim_id)} {text} [{claim_id}]: {values}; spread {spread:.2f}"
            )
        for line in lines:
            out.print(line, overflow="ignore", crop=False)
        return
    title = Text(visible(argmap.map.title), style="bold underline")
    title.append(
        f"\nverdicts under each perspective, semantics {comparison.semantics}", style="dim"
    )
    verdicts = Table(title=title)
    verdicts.add_column("#", style="dim", no_wrap=True)
    verdicts.add_column("root claim", overflow="fold")
    for shown in labels:
        verdicts.add_column(Text(shown), justify="right")
    for root in comparison.roots:
        verdicts.add_row(
            tree.number(root),
            _claim_cell(argmap, tree, root, 0),
            *(f"{comparison.strengths[name][root]:.2f}" for name in names),
        )
    out.print(verdicts)
    for line in _perspective_lines(argmap):
        out.print(Text(line, style="dim"))
    if not divergent:
        out.print(Text(_divergent_title(len(names), divergent), style="dim"))
        return
    table = Table(title=Text(_divergent_title(len(names), divergent), style="bold"))
    table.add_column("#", style="dim", no_wrap=True)
    table.add_column("claim", overflow="fold")
    for shown in labels:
        table.add_column(Text(shown), justify="right")
    table.add_column("spread", justify="right", style="bold")
    for claim_id, values_by_name in divergent:
        table.add_row(
            tree.number(claim_id),
            _claim_cell(argmap, tree, claim_id, 0),
            *(f"{values_by_name[name]:.2f}" for name in names),
            f"{comparison.spread(claim_id):.2f}",
        )
    out.print(table)


def _perspective_lines(argmap: ArgumentMap) -> list[str]:
    lines = []
    for name, perspective in argmap.perspectives.items():
        about = f": {one_line(perspective.description)}" if perspective.description else ""
        lines.append(f"  {visible(name)}{about}")
    return lines


def _divergent_title(count: int, divergent: list[Any]) -> str:
    if count < 2:
        return "the map defines no perspectives: nothing to compare"
    if not divergent:
        return "the perspectives agree on every claim"
    return "where the perspectives differ most"
