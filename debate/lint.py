"""Weak spots in a valid map: what ``debate lint`` reports beyond hard errors.

Each finding has a rule name so users can tell them apart (and, later, silence one). Quote
checks read the cited source's file relative to the map's folder and compare with whitespace
and typographic quotes normalised, so a re-wrapped line still matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from debate.model import ArgumentMap, Issue, KeyPath


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    path: KeyPath
    message: str


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace collapsed and typographic quotes and dashes made plain, for comparisons."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def lint_map(argmap: ArgumentMap, base: Path | None) -> list[Finding]:
    """Every finding for one map; ``base`` is the map file's folder (for source paths)."""
    return [
        *_unsourced(argmap),
        *_quotes(argmap, base),
        *_root_weights(argmap),
        *_links(argmap),
        *_unused_sources(argmap),
    ]


def findings_as_issues(findings: list[Finding]) -> list[Issue]:
    return [
        Issue(finding.path, f"{finding.message} [{finding.rule}]", "warning")
        for finding in findings
    ]


def _unsourced(argmap: ArgumentMap) -> Iterator[Finding]:
    for claim_id, claim in argmap.claims.items():
        if not claim.citations:
            yield Finding("no-source", ("claims", claim_id), f"claim {claim_id!r} cites no source")


def _quotes(argmap: ArgumentMap, base: Path | None) -> Iterator[Finding]:
    texts: dict[str, str | None] = {}
    for claim_id, claim in argmap.claims.items():
        for index, citation in enumerate(claim.citations):
            if not citation.quote:
                continue
            source = argmap.sources.get(citation.source)
            if source is None:
                continue
            path: KeyPath = ("claims", claim_id, "cite", "quote")
            if isinstance(claim.cite, list):
                path = ("claims", claim_id, "cite", index, "quote")
            if citation.source not in texts:
                texts[citation.source] = _read_source(source.path, base)
            document = texts[citation.source]
            if source.path is None:
                yield Finding(
                    "quote-unchecked",
                    path,
                    f"source {citation.source!r} has no path, so the quote cannot be checked",
                )
            elif document is None:
                yield Finding(
                    "source-missing",
                    path,
                    f"cannot read {source.path!r} (source {citation.source!r}) to check the quote",
                )
            elif normalise(citation.quote) not in document:
                yield Finding(
                    "quote-not-found",
                    path,
                    f"quote not found in {source.path}: {_short(citation.quote)!r}",
                )


def _read_source(relative: str | None, base: Path | None) -> str | None:
    if relative is None:
        return None
    path = Path(relative)
    if not path.is_absolute() and base is not None:
        path = base / path
    try:
        return normalise(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _root_weights(argmap: ArgumentMap) -> Iterator[Finding]:
    for claim_id, claim in argmap.claims.items():
        if claim.parent is None and claim.weight is not None:
            yield Finding(
                "root-weight",
                ("claims", claim_id, "weight"),
                "a root has no parent to bear on, so its weight has no effect",
            )
        if claim.parent is None and claim.stance is not None:
            yield Finding(
                "root-stance",
                ("claims", claim_id, "stance"),
                "a root has no parent, so its stance has no effect",
            )


def _links(argmap: ArgumentMap) -> Iterator[Finding]:
    for claim_id, claim in argmap.claims.items():
        seen: set[str] = set()
        for index, target in enumerate(claim.links):
            path = ("claims", claim_id, "links", index)
            if target == claim_id:
                yield Finding("self-link", path, "the claim links to itself")
            elif target in seen:
                yield Finding("duplicate-link", path, f"{target!r} is linked twice")
            elif target == claim.parent or argmap.claims.get(target, claim).parent == claim_id:
                yield Finding(
                    "tree-link",
                    path,
                    f"{target!r} is already its parent or child; the link adds nothing",
                )
            seen.add(target)


def _unused_sources(argmap: ArgumentMap) -> Iterator[Finding]:
    cited = {c.source for claim in argmap.claims.values() for c in claim.citations}
    for source_id in argmap.sources:
        if source_id not in cited:
            yield Finding(
                "orphan-source", ("sources", source_id), f"source {source_id!r} is never cited"
            )


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
