"""Command palette (ctrl+p): jump to any claim by its text, number or id; run any command.

Textual's ``Matcher.highlight`` parses the candidate as markup, so a claim reading ``[/]``
would break it: hits are highlighted here on plain :class:`~textual.content.Content`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.markup import escape

from debate.display import one_line, visible
from debate.scoring import SEMANTICS

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
    """Every screen command by name, plus one entry per perspective, tag, holder and level."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = _screen(self)
        if screen is None:
            return []
        commands: list[tuple[str, Callable[[], object], str]] = []
        for level in range(1, 10):
            commands.append(
                (f"Expand to level {level}", partial(screen.claim_tree.expand_to_level, level), "")
            )
        commands += [
            ("Expand all", screen.claim_tree.action_expand_all, "every claim visible"),
            ("Collapse all", screen.claim_tree.action_collapse_all, ""),
            ("Compare perspectives", screen.action_compare, "root verdicts side by side"),
            ("Save", screen.action_save, "write the map (comments kept)"),
            ("Undo", screen.action_undo, ""),
            ("Redo", screen.action_redo, ""),
            ("Clear search and filter", screen.action_clear, ""),
            ("Open $EDITOR at this claim", screen.action_editor, ""),
            ("Copy claim text", screen.action_copy_claim_text, "to the clipboard (OSC 52)"),
            ("Copy claim id", screen.action_copy_claim_id, "to the clipboard (OSC 52)"),
        ]
        session = screen.session
        for semantics, description in SEMANTICS.items():
            switch = partial(screen.switch_semantics, semantics)
            commands.append((f"Semantics: {semantics}", switch, description))
        for name in [None, *session.argmap.perspectives]:
            shown = name or "base map"
            commands.append((f"Perspective: {shown}", partial(screen.switch_perspective, name), ""))
        for tag in screen.all_tags():
            shown = visible(tag)
            commands.append((f"Filter by tag: {shown}", partial(screen.filter_by_tag, tag), ""))
        for holder in screen.all_holders():
            command = partial(screen.filter_by_holder, holder)
            commands.append((f"Highlight holder: {visible(holder)}", command, ""))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands()[9:19]:
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        search = FuzzySearch()
        for name, callback, help_text in self._commands():
            score, display = highlight(search, query, name)
            if score > 0:
                yield Hit(score, display, callback, text=name, help=escape(help_text) or None)
