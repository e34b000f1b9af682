"""The part of a map an export shows, prepared once so every writer reads it the same way.

A :class:`View` applies the export options (root, depth, notes, perspective) to a map: it walks
the tree without recursion (a 10,000-deep chain is fine), numbers the claims Kialo-style from
the exported root(s) by the map's own rule (:func:`~debate.model.child_place` and
:func:`~debate.model.short_number`: shortened past :data:`~debate.model.MAX_NUMBER_PARTS`
levels, so a deep chain's numbers stay short; Kialo's writer, whose numbers are its structure,
counts its own),
and attaches each claim's effective weight, credence and strength. Writers then only format
rows, so options mean the same thing in every format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from debate.formats import ExportError, ExportOptions, Scores
from debate.model import (
    ArgumentMap,
    Citation,
    Claim,
    Note,
    Place,
    Source,
    child_place,
    did_you_mean,
    root_place,
    short_number,
)
from debate.scoring import label, score


@dataclass(frozen=True, slots=True)
class Row:
    """One exported claim. ``parent``/``stance`` are None for the export's roots."""

    id: str
    claim: Claim
    number: str
    depth: int
    parent: str | None
    stance: str | None
    weight: int
    credence: float
    base: float
    strength: float
    children: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.claim.text


@dataclass(frozen=True, slots=True)
class Cited:
    """A citation together with the source it names (None if the map lacks it)."""

    citation: Citation
    source: Source | None


class View:
    """The rows of an export in depth-first order, plus lookups writers share."""

    def __init__(self, argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> None:
        self.argmap = argmap
        self.options = options
        self.scores = scores
        self.rows: list[Row] = _rows(argmap, options, scores)
        self.by_id: dict[str, Row] = {row.id: row for row in self.rows}
        self.roots: list[str] = [row.id for row in self.rows if row.parent is None]

    def full_numbers(self) -> dict[str, str]:
        """Every row's whole path number (``1.2.1.3.1.1.1.2.1``), for the formats whose
        numbers are their structure (Kialo's; a Markdown report past its indentation cap):
        each row's own number is shortened past a few levels."""
        numbers: dict[str, str] = {}
        places: list[int] = []  # the current row's path, one counter per level
        for row in self.rows:  # depth-first: a row follows its previous sibling's subtree
            del places[row.depth + 1 :]
            if len(places) == row.depth + 1:
                places[row.depth] += 1
            else:
                places.append(1)
            numbers[row.id] = ".".join(map(str, places))
        return numbers

    @property
    def title(self) -> str:
        return self.argmap.map.title

    @property
    def semantics(self) -> str:
        return self.scores.semantics

    @property
    def perspective(self) -> str | None:
        return self.scores.perspective

    def each(self) -> Iterator[Row]:
        """The rows, reporting progress to the front end (if it asked) as they are written."""
        progress = self.options.progress
        if progress is None:
            yield from self.rows
            return
        total = len(self.rows)
        step = max(total // 100, 1)
        for index, row in enumerate(self.rows):
            if index % step == 0:
                progress(index, total)
            yield row
        progress(total, total)

    def links(self, row: Row) -> list[str]:
        """The claim's see-also links that point inside this export, in file order."""
        return [target for target in row.claim.links if target in self.by_id]

    def notes(self, row: Row) -> list[Note]:
        return row.claim.notes if self.options.notes else []

    def cited(self, row: Row) -> list[Cited]:
        return [
            Cited(citation, self.argmap.sources.get(citation.source))
            for citation in citations(row.claim)
        ]

    def verdicts(self) -> list[tuple[str, dict[str, float]]]:
        """Each exported root's strength in the base map and under every perspective.

        The first entry is the exported perspective (``base`` when none), then the rest in
        file order, so a report leads with the reading it was made for.
        """
        names: list[str | None] = [None, *self.argmap.perspectives]
        current = self.perspective
        names.remove(current)
        table: list[tuple[str, dict[str, float]]] = [
            (label(current), {root: self.by_id[root].strength for root in self.roots})
        ]
        for name in names:
            strengths = score(self.argmap, self.semantics, name)
            table.append((label(name), {root: strengths[root] for root in self.roots}))
        return table


def _rows(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> list[Row]:
    tree = argmap.tree()
    if options.root is not None:
        if options.root not in argmap.claims:
            raise ExportError(
                f"unknown root claim {options.root!r}" + did_you_mean(options.root, argmap.claims)
            )
        starts = [options.root]
    else:
        starts = tree.roots
    limit = options.depth
    claims, children_of = argmap.claims, tree.children
    weight, credence, base = scores.weight, scores.credence, scores.base
    strength = scores.strength
    rows: list[Row] = []
    append = rows.append
    # each entry: claim, depth, its place (numbered from the exported roots), parent
    stack: list[tuple[str, int, Place, str | None]] = [
        (start, 0, root_place(index), None) for index, start in reversed(list(enumerate(starts, 1)))
    ]
    push, pop = stack.append, stack.pop
    # A hot loop on big maps (the JSON export of 10,000 claims is benchmarked): locals,
    # positional Row fields and no per-child generator on purpose.
    while stack:
        claim_id, depth, place, parent = pop()
        number = short_number(*place)
        claim = claims[claim_id]
        kids = children_of[claim_id] if limit is None or depth < limit else ()
        stance = (claim.stance or "pro") if parent is not None else None
        append(
            Row(
                claim_id,
                claim,
                number,
                depth,
                parent,
                stance,
                weight(claim_id),
                credence(claim_id),
                base(claim_id),
                strength(claim_id),
                tuple(kids),
            )
        )
        for index in range(len(kids), 0, -1):
            push((kids[index - 1], depth + 1, child_place(place, index), claim_id))
    return rows


# ------------------------------------------------------------------ formatting shared by writers


def citations(claim: Claim) -> list[Citation]:
    """``claim.citations`` without its isinstance check on a pydantic class (slow in bulk)."""
    cite = claim.cite
    if cite is None:
        return []
    return cite if isinstance(cite, list) else [cite]


def strength_text(value: float) -> str:
    return f"{value:.2f}"


def moment(value: datetime | date | None) -> str:
    """A note's date as the map wrote it (ISO 8601, ``Z`` for UTC); empty when unset."""
    if value is None:
        return ""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def rounded(value: float) -> float:
    """Strengths in data formats and ``--json`` output: six decimals, so float noise
    (``0.8500000000000001``) never shows and never changes a diff."""
    return round(value, 6)


def _as_is(text: str) -> str:
    return text


def source_line(cited: Cited, escape: Callable[[str], str] = _as_is, emphasis: str = "") -> str:
    """``Source: Title, locator: “quote”``, as the text reports write a citation."""
    title = cited.source.title if cited.source else cited.citation.source
    line = f"Source: {emphasis}{escape(title)}{emphasis}"
    if cited.citation.locator:
        line += f", {escape(cited.citation.locator)}"
    if cited.citation.quote:
        line += f": “{escape(cited.citation.quote)}”"
    return line


def source_parts(
    source: Source,
    escape: Callable[[str], str],
    title: Callable[[str], str],
    link: Callable[[str], str],
    code: Callable[[str], str],
) -> list[str]:
    """What a report's list of sources says of one: its title, author, publisher and date,
    then its URL, else its file. Each report wraps the pieces its own way (``title``,
    ``link``, ``code`` get the raw text and escape it themselves)."""
    parts = [title(source.title)]
    parts += [
        escape(str(value)) for value in (source.author, source.publisher, source.date) if value
    ]
    if source.url:
        parts.append(link(source.url))
    elif source.path:
        parts.append(code(source.path))
    return parts


def note_line(note: Note, escape: Callable[[str], str] = _as_is) -> str:
    """``Note (when, who): text``, as the text reports write a note (importers read it back)."""
    stamp = ", ".join(part for part in (moment(note.at), note.by and escape(note.by)) if part)
    return f"Note{f' ({stamp})' if stamp else ''}: {escape(note.text)}"
