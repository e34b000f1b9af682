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

from debate.files import FileReadError, name_problem, path_inside, read_regular_file
from debate.model import ArgumentMap, Citation, Claim, Issue, KeyPath, Source

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
    """Every finding for one map, rule by rule (each rule's in file order).

    ``base`` is the map file's folder: source paths are relative to it, and must stay inside
    ``root`` (default: ``base``). Without ``base`` no source file is read.

    One pass over the claims feeds every rule (a 100,000-claim map is walked once, not five
    times); each claim asks only the rules its own fields concern.
    """
    unsourced: list[Finding] = []
    quotes = _Quotes(argmap, base, root or base)
    roots: list[Finding] = []
    links: list[Finding] = []
    cited: set[str] = set()
    for claim_id, claim in argmap.claims.items():
        cite = claim.cite
        if cite is None or cite == []:
            unsourced.append(
                Finding("no-source", ("claims", claim_id), f"claim {claim_id!r} cites no source")
            )
        else:
            citations = [cite] if isinstance(cite, Citation) else cite
            cited.update(citation.source for citation in citations)
            quotes.check(claim_id, citations, isinstance(cite, list))
        if claim.parent is None:
            roots.extend(_root_weights(claim_id, claim))
        if claim.links or claim.mutual is not None:
            links.extend(_links(argmap, claim_id, claim))
    return [*unsourced, *quotes.findings, *roots, *links, *_unused_sources(argmap, cited)]


def findings_as_issues(findings: list[Finding]) -> list[Issue]:
    return [
        Issue(finding.path, f"{finding.message} [{finding.rule}]", "warning")
        for finding in findings
    ]


class _Quotes:
    """The quote rule: each quote found in its source's file, each file read once."""

    def __init__(self, argmap: ArgumentMap, base: Path | None, root: Path | None) -> None:
        self.sources = argmap.sources
        self.base, self.root = base, root
        self.texts: dict[str, str | Finding] = {}
        self.findings: list[Finding] = []

    def check(self, claim_id: str, citations: list[Citation], listed: bool) -> None:
        for index, citation in enumerate(citations):
            if not citation.quote:
                continue
            source = self.sources.get(citation.source)
            if source is None:
                continue
            path: KeyPath = ("claims", claim_id, "cite", "quote")
            if listed:
                path = ("claims", claim_id, "cite", index, "quote")
            finding = self._finding(citation, source, path)
            if finding is not None:
                self.findings.append(finding)

    def _finding(self, citation: Citation, source: Source, path: KeyPath) -> Finding | None:
        assert citation.quote is not None
        if source.path is None:
            return Finding(
                "quote-unchecked",
                path,
                f"source {citation.source!r} has no path, so the quote cannot be checked",
            )
        if citation.source not in self.texts:
            self.texts[citation.source] = _read_source(
                citation.source, source.path, self.base, self.root
            )
        document = self.texts[citation.source]
        if isinstance(document, Finding):
            return Finding(document.rule, path, document.message)
        if normalise(citation.quote) not in document:
            return Finding(
                "quote-not-found",
                path,
                f"quote not found in {source.path}: {_short(citation.quote)!r}",
            )
        return None


def _read_source(
    source_id: str, relative: str, base: Path | None, root: Path | None
) -> str | Finding:
    """The source's text, normalised; or the finding that says why it was not read."""
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


def _root_weights(claim_id: str, claim: Claim) -> Iterator[Finding]:
    """A root's weight and stance have nothing to bear on."""
    if claim.weight is not None:
        yield Finding(
            "root-weight",
            ("claims", claim_id, "weight"),
            "a root has no parent to bear on, so its weight has no effect",
        )
    if claim.stance is not None:
        yield Finding(
            "root-stance",
            ("claims", claim_id, "stance"),
            "a root has no parent, so its stance has no effect",
        )


def _links(argmap: ArgumentMap, claim_id: str, claim: Claim) -> Iterator[Finding]:
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


def _unused_sources(argmap: ArgumentMap, cited: set[str]) -> Iterator[Finding]:
    for source_id in argmap.sources:
        if source_id not in cited:
            yield Finding(
                "orphan-source", ("sources", source_id), f"source {source_id!r} is never cited"
            )


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
