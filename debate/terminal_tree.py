"""A map as terminal output: a coloured rich tree, or a plain outline for screen readers.

Used by ``debate show`` (the terminal-SVG export builds its own tree, with strengths, in
:mod:`debate.formats.terminal_svg`). Every piece of user text goes through
:func:`debate.display.visible` into :class:`rich.text.Text`, never into markup.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from rich.tree import Tree

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line, visible
from debate.model import ArgumentMap, Claim, MapTree


def claim_label(claim_id: str, claim: Claim, tree: MapTree, is_root: bool) -> Text:
    """One claim's line: number, stance, weight, credence, text, holder, tags, note count."""
    label = Text()
    label.append(tree.number(claim_id), style="dim")
    label.append(" ")
    stance = claim.stance if not is_root else None
    label.append(f"{STANCE_GLYPHS[stance]} ", style=STANCE_STYLES[stance])
    if stance is not None:
        label.append(f"{stance} ", style=STANCE_STYLES[stance])
        label.append(f"w{claim.effective_weight} ", style="yellow")
    label.append(f"c{claim.effective_credence:.2f} ", style="magenta")
    label.append(one_line(claim.text), style="bold" if is_root else "")
    if claim.by:
        label.append(f"  — {one_line(claim.by)}", style="italic dim")
    for tag in claim.tags:
        label.append(f" #{one_line(tag)}", style="blue")
    if claim.notes:
        label.append(f" ✎{len(claim.notes)}", style="yellow")
    if claim.citations:
        label.append(" ❝", style="dim")
    label.append(f"  [{claim_id}]", style="dim")
    return label


def rich_tree(argmap: ArgumentMap, depth: int | None = None) -> Tree:
    """All root trees under one title node; ``depth`` 0 shows only the roots."""
    tree = argmap.tree()
    top = Tree(Text(visible(argmap.map.title), style="bold underline"), guide_style="dim")
    nodes: dict[str, Tree] = {}
    for claim_id, level in tree.walk():
        if depth is not None and level > depth:
            continue
        claim = argmap.claims[claim_id]
        up = tree.parent[claim_id]
        holder = top if up is None else nodes[up]
        nodes[claim_id] = holder.add(claim_label(claim_id, claim, tree, up is None))
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
        indent = "  " * (level + 1)
        number = tree.number(claim_id)
        yield f"{indent}{number} ({'; '.join(facts)}) {one_line(claim.text)} [{claim_id}]"
