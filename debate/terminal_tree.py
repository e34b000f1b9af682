"""A map as terminal output: a coloured rich tree, or a plain outline for screen readers.

Used by ``debate show``; each claim's line is :class:`debate.render.ClaimLabel`, the label
the terminal-SVG export (with strengths) and ``score`` use too. Every piece of user text goes
through :func:`debate.display.visible` into :class:`rich.text.Text`, never into markup.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from rich.tree import Tree

from debate.display import one_line, visible
from debate.model import ArgumentMap
from debate.render import MAX_NESTING, ClaimLabel, plain_indent


def rich_tree(argmap: ArgumentMap, depth: int | None = None) -> Tree:
    """All root trees under one title node; ``depth`` 0 shows only the roots."""
    tree = argmap.tree()
    top = Tree(Text(visible(argmap.map.title), style="bold underline"), guide_style="dim")
    at_level: list[Tree] = [top]  # the last node drawn at each level, under the title
    for claim_id, level in tree.walk():
        if depth is not None and level > depth:
            continue
        claim = argmap.claims[claim_id]
        up = tree.parent[claim_id]
        drawn = min(level, MAX_NESTING)  # deeper claims hang at the cap, saying their level
        holder = at_level[drawn]
        stance = None if up is None else claim.stance
        label = ClaimLabel(
            claim_id,
            claim,
            stance,
            number=tree.number(claim_id),
            weight=claim.effective_weight,
            credence=claim.effective_credence,
            details=True,
            level=level + 1 if level > MAX_NESTING else None,
        )
        del at_level[drawn + 1 :]
        at_level.append(holder.add(label))
    return top


def plain_outline(argmap: ArgumentMap, depth: int | None = None) -> Iterator[str]:
    """An indented outline in words, no colour or box drawing: kind to screen readers."""
    tree = argmap.tree()
    yield visible(argmap.map.title)
    for claim_id, level in tree.walk():
        if depth is not None and level > depth:
            continue
        claim = argmap.claims[claim_id]
        facts: list[str] = []
        if tree.parent[claim_id] is not None:
            facts += [claim.stance or "pro", f"weight {claim.effective_weight}"]
        facts.append(f"credence {claim.effective_credence:.2f}")
        if claim.by:
            facts.append(f"by {one_line(claim.by)}")
        if claim.tags:
            facts.append("tags " + ", ".join(one_line(tag) for tag in claim.tags))
        if claim.notes:
            facts.append(f"{len(claim.notes)} note{'s' * (len(claim.notes) != 1)}")
        said = f"{tree.number(claim_id)} ({'; '.join(facts)})"
        yield f"{plain_indent(level)}{said} {one_line(claim.text)} [{claim_id}]"
