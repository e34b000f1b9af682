"""Command palette (ctrl+p): jump to any claim by its text, number or id; run any command.

Textual's ``Matcher.highlight`` parses the candidate as markup, so a claim reading ``[/]``
would break it: hits are highlighted here on plain :class:`~textual.content.Content`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import FuzzySearch
from textual.markup import escape

from debate.display import one_line, visible
from debate.queries import holder_counts, tag_counts
from debate.scoring import SEMANTICS
from debate.tui import filters
from debate.tui.flows import weigh
from debate.tui.keys import APP_BINDINGS, HELP, MAP_BINDINGS, PALETTE, TREE_BINDINGS

if TYPE_CHECKING:
    from debate.tui.screens.main import MapScreen

FUZZY_LIMIT = 5000
MAX_HITS = 100


def highlight(search: FuzzySearch, query: str, candidate: str) -> tuple[float, Content]:
    """Fuzzy score and a plain (never markup) Content with the matched letters marked."""
    score, offsets = search.match(query, candidate)
    content = Content(candidate)
    for offset in offsets:
        content = content.stylize("reverse", offset, offset + 1)
    return score, content


def _screen(provider: Provider) -> MapScreen | None:
    # import cycle: the main screen imports this module
    from debate.tui.screens.main import MapScreen

    screen = provider.screen
    return screen if isinstance(screen, MapScreen) else None


class ClaimProvider(Provider):
    """ "Jump to claim" over every claim's number, text and id."""

    async def search(self, query: str) -> Hits:
        screen = _screen(self)
        if screen is None:
            return
        session = screen.session
        tree = session.tree
        claims = session.argmap.claims
        query = query.strip()
        if not query:
            return
        big = len(claims) > FUZZY_LIMIT
        words = query.lower().split()
        search = FuzzySearch()
        found = 0
        for index, (claim_id, claim) in enumerate(claims.items()):
            if index % 2000 == 1999:
                await asyncio.sleep(0)
            candidate = f"{tree.number(claim_id)} {one_line(claim.text, 90)} · {claim_id}"
            if big:
                lowered = candidate.lower()
                if not all(word in lowered for word in words):
                    continue
                score, display = 0.5, Content(candidate)
            else:
                score, display = highlight(search, query, candidate)
                if score <= 0:
                    continue
            found += 1
            yield Hit(
                score,
                display,
                partial(screen.jump_to, claim_id),
                text=candidate,
                help=escape(f"jump to claim {claim_id}"),
            )
            if big and found >= MAX_HITS:
                return


class CommandProvider(Provider):
    """The key table's palette commands, plus one per level, semantics, perspective, tag
    and holder."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = _screen(self)
        if screen is None:
            return []
        commands: list[tuple[str, Callable[[], object], str]] = []
        for level in range(1, 10):
            expand = partial(screen.claim_tree.expand_to_level, level)
            commands.append((f"Expand to level {level}", expand, ""))
        commands += key_commands(screen)
        for semantics, description in SEMANTICS.items():
            switch = partial(weigh.switch_semantics, screen, semantics)
            commands.append((f"Semantics: {semantics}", switch, description))
        for name in [None, *screen.session.argmap.perspectives]:
            shown = name or "base map"
            switch = partial(weigh.switch_perspective, screen, name)
            commands.append((f"Perspective: {shown}", switch, ""))
        argmap = screen.session.argmap
        for tag, _count in tag_counts(argmap):
            command = partial(filters.filter_by_tag, screen, tag)
            commands.append((f"Filter by tag: {visible(tag)}", command, ""))
        for holder, _count in holder_counts(argmap):
            command = partial(filters.filter_by_holder, screen, holder)
            commands.append((f"Highlight holder: {visible(holder)}", command, ""))
        return commands

    async def discover(self) -> Hits:
        screen = _screen(self)
        if screen is None:
            return
        for name, callback, help_text in key_commands(screen):
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        search = FuzzySearch()
        for name, callback, help_text in self._commands():
            score, display = highlight(search, query, name)
            if score > 0:
                yield Hit(score, display, callback, text=name, help=escape(help_text) or None)


def key_commands(screen: MapScreen) -> list[tuple[str, Callable[[], object], str]]:
    """The bindings flagged ``palette`` in :mod:`debate.tui.keys`, each run on the part of
    the app its key belongs to (the tree, the screen or the app)."""
    targets: list[tuple[list[BindingType], DOMNode]] = [
        (TREE_BINDINGS, screen.claim_tree),
        (MAP_BINDINGS, screen),
        (APP_BINDINGS, screen.app),
    ]
    commands: list[tuple[str, Callable[[], object], str]] = []
    for bindings, target in targets:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id in PALETTE:
                run = partial(screen.app.run_action, binding.action, target)
                commands.append((HELP[binding.id], run, PALETTE[binding.id]))
    return commands
