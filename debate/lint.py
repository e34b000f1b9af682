"""Weak spots in a valid map: what ``debate lint`` reports beyond hard errors.

Each finding has a rule name so users can tell them apart (and, later, silence one). Quote
checks read the cited source's file relative to the map's folder and compare with whitespace
and typographic quotes normalised, so a re-wrapped line still matches.

A map is untrusted input (a CI job lints other people's pull requests), so a source's
``path`` is never a way to read the machine: it must stay inside the map's folder (or the
``--source-root`` folder), after following every link; it must be a regular file of at most
:data:`MAX_SOURCE_BYTES`. Anything else is a finding, and the file is not opened, so the
report says nothing about what lies outside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from debate.model import ArgumentMap, Issue, KeyPath

MAX_SOURCE_BYTES = 32 * 1024 * 1024
"""Largest source file a quote check reads."""


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


def lint_map(argmap: ArgumentMap, base: Path | None, root: Path | None = None) -> list[Finding]:
    """Every finding for one map.

    ``base`` is the map file's folder: source paths are relative to it, and must stay inside
    ``root`` (default: ``base``). Without ``base`` no source file is read.
    """
    return [
        *_unsourced(argmap),
        *_quotes(argmap, base, root or base),
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


def _quotes(argmap: ArgumentMap, base: Path | None, root: Path | None) -> Iterator[Finding]:
    texts: dict[str, str | Finding] = {}
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
            if source.path is None:
                yield Finding(
                    "quote-unchecked",
                    path,
                    f"source {citation.source!r} has no path, so the quote cannot be checked",
                )
                continue
            if citation.source not in texts:
                texts[citation.source] = _read_source(citation.source, source.path, base, root)
            document = texts[citation.source]
            if isinstance(document, Finding):
                yield Finding(document.rule, path, document.message)
            elif normalise(citation.quote) not in document:
                yield Finding(
                    "quote-not-found",
                    path,
                    f"quote not found in {source.path}: {_short(citation.quote)!r}",
                )


def _read_source(
    source_id: str, relative: str, base: Path | None, root: Path | None
) -> str | Finding:
    """The source's text, normalised; or the finding that says why it was not read."""
    from debate.files import FileReadError, name_problem, path_inside, read_regular_file

    where = f"{relative!r} (source {source_id!r})"
    problem = name_problem(relative)
    if problem is not None:  # a NUL: no system call would take it
        return Finding("source-missing", (), f"cannot read {where} to check the quote: {problem}")
    path = path_inside(relative, base, root)
    if path is None:
        place = "the map's folder" if root == base else f"the source root {root}"
        return Finding(
            "source-outside",
            (),
            f"{where} is not a relative path inside {place}; not read, so the quote is unchecked",
        )
    try:
        data, _ = read_regular_file(path, MAX_SOURCE_BYTES, follow_symlinks=False)
        return normalise(data.decode("utf-8"))
    except FileReadError as error:
        reason = error.reason
    except UnicodeDecodeError:
        reason = "not UTF-8 text"
    return Finding("source-missing", (), f"cannot read {where} to check the quote: {reason}")


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
                    f"{target!r} is already its parent or child; the link adds nothing"
                    + _mutual_hint(argmap, claim_id, target),
                )
            seen.add(target)
        if claim.mutual is not None and claim.parent is None:
            yield Finding(
                "root-mutual",
                ("claims", claim_id, "mutual"),
                "a root has no parent to bear back on it, so `mutual` has no effect",
            )


def _mutual_hint(argmap: ArgumentMap, claim_id: str, target: str) -> str:
    """For a link to a child: how to say that the claim bears back on it (a mutual relation)."""
    if argmap.claims[target].parent != claim_id:
        return ""
    return (
        f" (if {claim_id!r} attacks or supports {target!r} in turn, set "
        f'`mutual = "con"` or `"pro"` on {target!r} instead)'
    )


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
