"""Questions asked of a map: which tags and holders it has, which claims match some words.

The app's filters, search and dialogs ask these, and the command line can too: the answers
are facts about the model, so they live beside it rather than in a screen. Each is one pass
over the claims (no quadratic paths on big maps).

No Textual here.
"""

from __future__ import annotations

from collections import Counter

from debate.model import ArgumentMap, MapTree


def tag_counts(argmap: ArgumentMap) -> list[tuple[str, int]]:
    """Every tag with the number of claims carrying it, most used first (ties: first seen)."""
    counts: Counter[str] = Counter()
    for claim in argmap.claims.values():
        counts.update(dict.fromkeys(claim.tags, 1))  # a tag written twice counts once
    return counts.most_common()


def holder_counts(argmap: ArgumentMap) -> list[tuple[str, int]]:
    """Every holder (a claim's ``by``) with their number of claims, most first."""
    counts: Counter[str] = Counter(claim.by for claim in argmap.claims.values() if claim.by)
    return counts.most_common()


def claims_tagged(argmap: ArgumentMap, tag: str) -> frozenset[str]:
    """The ids of the claims carrying ``tag``."""
    return frozenset(claim_id for claim_id, claim in argmap.claims.items() if tag in claim.tags)


def claims_held_by(argmap: ArgumentMap, holder: str) -> frozenset[str]:
    """The ids of the claims whose ``by`` is ``holder``."""
    return frozenset(claim_id for claim_id, claim in argmap.claims.items() if claim.by == holder)


def parse_tags(typed: str) -> list[str]:
    """Tags as a person types them: ``"timing, #evidence, timing"`` -> ``["timing", "evidence"]``.

    Comma-separated; a leading ``#`` and surrounding spaces are dropped, and so are empty
    entries and repeats (the first one keeps its place).
    """
    tags: list[str] = []
    for part in typed.split(","):
        tag = part.strip().lstrip("#").strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def preorder(tree: MapTree) -> list[str]:
    """Every claim id in reading order: each root, then its subtree depth first."""
    return [claim_id for claim_id, _ in tree.walk()]


def matching_claims(argmap: ArgumentMap, order: list[str], query: str) -> list[str]:
    """The claims in ``order`` whose text or id contains ``query``, ignoring case.

    An empty query matches nothing (there is no search yet).
    """
    needle = query.lower()
    if not needle:
        return []
    claims = argmap.claims
    return [
        claim_id
        for claim_id in order
        if needle in claims[claim_id].text.lower() or needle in claim_id.lower()
    ]
