"""A map as terminal output: a coloured rich tree, or a plain outline for screen readers.

Used by ``debate show``; each claim's line is :class:`debate.render.ClaimLabel`, the label
the terminal-SVG export (with strengths) and ``score`` use too. Every piece of user text goes
through :func:`debate.display.visible` into :class:`rich.text.Text`, never into markup.

To a console without colour (a file or a pipe) the tree's lines are written directly
(:func:`tree_lines`): each claim's label as one string, laid out beside its guides by
:mod:`debate.plain_layout`, with no rich ``Tree`` node or styled ``Text`` per claim. The
lines are those rich prints for :func:`rich_tree`; tests compare both on random maps.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from debate.display import one_line, visible
from debate.model import ArgumentMap, MapTree, Place, child_place, root_place, short_number
from debate.plain_layout import label_lines, laid_out_label, tree_guides
from debate.render import MAX_NESTING, ClaimLabel, label_body, label_lead, plain_indent

Shown = tuple[str, int, str]
"""A claim as a walk shows it: its id, its level (a root: 0) and its path number."""


def numbered_walk(tree: MapTree, depth: int | None = None) -> Iterator[Shown]:
    """:meth:`MapTree.walk` (to ``depth`` levels below the roots), each claim with its
    :meth:`MapTree.number`, worked out on the way down by the map's one rule (a child's
    place is its parent's and its own: :func:`~debate.model.child_place`), not looked up
    claim by claim in the tree's dictionary of places: a third of a second less on a
    100,000-claim map."""
    children = tree.children
    stack: list[tuple[str, int, Place]] = [
        (root, 0, root_place(own)) for own, root in reversed(list(enumerate(tree.roots, 1)))
    ]
    pop, push = stack.pop, stack.extend
    while stack:
        claim_id, level, place = pop()
        yield claim_id, level, short_number(*place)
        kids = children[claim_id]
        if kids and (depth is None or level < depth):
            places = map(child_place, repeat(place), range(len(kids), 0, -1))
            push(zip(reversed(kids), repeat(level + 1), places))


def _drawn_depth(level: int) -> int:
    """Where a claim at ``level`` hangs in the tree (the title: 0): deeper claims hang at
    :data:`MAX_NESTING`, saying their level."""
    return min(level, MAX_NESTING) + 1


def _said_level(level: int) -> int | None:
    """The level a label says (1: a root), past :data:`MAX_NESTING` only."""
    return level + 1 if level > MAX_NESTING else None


def _label(argmap: ArgumentMap, claim_id: str, level: int, number: str) -> ClaimLabel:
    claim = argmap.claims[claim_id]
    return ClaimLabel(
        claim_id,
        claim,
        None if level == 0 else claim.stance,
        number=number,
        weight=claim.effective_weight,
        credence=claim.effective_credence,
        details=True,
        level=_said_level(level),
    )


def _plain_bodies(argmap: ArgumentMap, tree: MapTree) -> dict[str, str]:
    """Each claim's :func:`~debate.render.label_body` as :func:`_label` shows it, made in
    the map's order (where its claims lie in memory; in tree order, a sixth slower)."""
    parent = tree.parent
    return {
        claim_id: label_body(
            claim_id,
            claim,
            None if parent[claim_id] is None else claim.stance,
            weight=claim.effective_weight,
            credence=claim.effective_credence,
            details=True,
        )
        for claim_id, claim in argmap.claims.items()
    }


def _title(argmap: ArgumentMap) -> Text:
    return Text(visible(argmap.map.title), style="bold underline")


def rich_tree(argmap: ArgumentMap, depth: int | None = None) -> Tree:
    """All root trees under one title node; ``depth`` 0 shows only the roots."""
    top = Tree(_title(argmap), guide_style="dim")
    at_depth: list[Tree] = [top]  # the last node drawn at each depth of the tree
    for claim_id, level, number in numbered_walk(argmap.tree(), depth):
        drawn = _drawn_depth(level)
        del at_depth[drawn:]
        at_depth.append(at_depth[-1].add(_label(argmap, claim_id, level, number)))
    return top


def tree_lines(console: Console, argmap: ArgumentMap, depth: int | None = None) -> Iterator[str]:
    """The lines ``console.print(rich_tree(argmap, depth))`` writes to a console without
    colour; a claim's lines come as one string."""
    tree = argmap.tree()
    shown = list(numbered_walk(tree, depth))
    drawn = [min(level, MAX_NESTING) + 1 for _, level, _ in shown]  # as _drawn_depth says
    guides = tree_guides(drawn, console.options.ascii_only)
    bodies = _plain_bodies(argmap, tree)
    width = console.width
    yield from label_lines(console, _title(argmap), "", "", width)
    for (claim_id, level, number), (first, rest) in zip(shown, guides, strict=True):
        plain = label_lead(number, level=_said_level(level)) + bodies[claim_id]
        lines = laid_out_label(plain, first, rest, width)
        if lines is None:  # characters rich measures itself (wide ones, say)
            label = _label(argmap, claim_id, level, number)
            yield from label_lines(console, label, first, rest, width)
        else:
            yield lines


def plain_outline(argmap: ArgumentMap, depth: int | None = None) -> Iterator[str]:
    """An indented outline in words, no colour or box drawing: kind to screen readers."""
    tree = argmap.tree()
    yield visible(argmap.map.title)
    for claim_id, level, number in numbered_walk(tree, depth):
        claim = argmap.claims[claim_id]
        facts: list[str] = []
        if level:
            facts += [claim.stance or "pro", f"weight {claim.effective_weight}"]
        facts.append(f"credence {claim.effective_credence:.2f}")
        if claim.by:
            facts.append(f"by {one_line(claim.by)}")
        if claim.tags:
            facts.append("tags " + ", ".join(one_line(tag) for tag in claim.tags))
        if claim.notes:
            facts.append(f"{len(claim.notes)} note{'s' * (len(claim.notes) != 1)}")
        said = f"{number} ({'; '.join(facts)})"
        yield f"{plain_indent(level)}{said} {one_line(claim.text)} [{claim_id}]"
