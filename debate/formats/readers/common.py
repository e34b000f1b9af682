"""What every reader shares: the input as text, the result type, errors and warnings.

Readers are tolerant: what they cannot read becomes a located warning and the rest of the
file still imports. Only input that cannot mean anything (bytes that are not text, a file cut
off mid-structure, a numbering or reference that contradicts itself) is an error, and then
nothing is written.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from debate.display import visible
from debate.errors import MapError, Problem
from debate.locate import byte_line_col, line_col
from debate.rules import WEIGHT_RANGE, is_weight

if TYPE_CHECKING:
    from debate.model import ArgumentMap


class ReadError(MapError):
    """An input file could not be imported; every problem is one located line."""

    @classmethod
    def single(cls, name: str, message: str, line: int = 0, col: int = 0) -> ReadError:
        return cls([Problem(name, message, line, col)])


@dataclass
class ImportSummary:
    """What an import did, counted per kind: the few lines a person reads after the warnings.

    Claims and relations are counted as the source held them and as the map holds them; every
    relation that did not become a parent link says what it became instead and why, and what
    the map has no place for is counted per kind.
    """

    claims_in: int = 0
    claims_out: int = 0
    relations_in: int = 0
    in_tree: int = 0
    as_link: Counter[str] = field(default_factory=Counter)
    mutual: int = 0
    relations_dropped: Counter[str] = field(default_factory=Counter)
    links_in: int = 0
    links_out: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """``summary: ...``, then ``dropped: ...`` and ``read differently: ...`` if any."""
        relations = (
            f"{self.relations_in} relation{_s(self.relations_in)} in: {self.in_tree} in the tree"
        )
        if self.as_link:
            relations += (
                f", {sum(self.as_link.values())} as see-also links ({_times(self.as_link)})"
            )
        if self.mutual:
            relations += f", {self.mutual} kept as mutual (the parent bears back on its child)"
        if self.relations_dropped:
            dropped = self.relations_dropped
            relations += f", {sum(dropped.values())} dropped ({_times(dropped)})"
        parts = [f"{self.claims_in} claim{_s(self.claims_in)} in, {self.claims_out} out", relations]
        if self.links_in or self.links_out:
            parts.append(
                f"{self.links_in} see-also link{_s(self.links_in)} in, {self.links_out} out"
            )
        out = ["summary: " + " · ".join(parts)]
        if self.dropped:
            out.append("dropped: " + _times(self.dropped))
        if self.changed:
            out.append("read differently: " + _times(self.changed))
        return out


def _earlier(line: int, col: int, other: Problem) -> bool:
    """Whether ``line:col`` is an earlier place in the file than ``other``'s (a place beats
    no place)."""
    return bool(line) and (not other.line or (line, col) < (other.line, other.col))


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _times(counter: Counter[str]) -> str:
    """``data key 'colour' ×2, L nodes ×5``: each kind with its count, most common first.

    A kind can carry the file's own text (an AIF node type): it is shown as data, not sent
    to the terminal as control characters.
    """
    return ", ".join(f"{visible(kind)} ×{count}" for kind, count in counter.most_common())


@dataclass
class ImportResult:
    """A map read from another tool's file.

    The map comes as its TOML data (:attr:`data`: what :func:`debate.store.map_to_data`
    gives, claims in tree order), which ``debate import`` writes as it is, and as the
    checked model (:attr:`argmap`), built from that data by the map's own validation the
    first time it is asked for: :func:`read_text` asks as soon as the reader is done, inside
    its error handling, so no unchecked map leaves it.

    ``origin`` maps each claim id to what the source called it (an Argdown title, a Kialo
    number, an AIF node id, an outline line), so a front end can show where a claim came from.
    ``summary`` counts what the conversion did (``summary.lines()`` says it in words).
    """

    warnings: list[Problem]
    format: str
    path: Path | None = None
    origin: dict[str, str] = field(default_factory=dict)
    summary: ImportSummary = field(default_factory=ImportSummary)
    map_data: dict[str, Any] | None = field(default=None, repr=False)
    model: ArgumentMap | None = field(default=None, repr=False)

    @property
    def argmap(self) -> ArgumentMap:
        """The map as the model, validated from :attr:`data` on first use."""
        if self.model is None:
            assert self.map_data is not None
            # here, not at the top: the readers need only the rules, never pydantic's import
            from debate.model import ArgumentMap

            self.model = ArgumentMap.model_validate(self.map_data)
        return self.model

    @property
    def data(self) -> dict[str, Any]:
        """The map as TOML-ready data, claims in tree order (parents before children)."""
        if self.map_data is None:
            assert self.model is not None
            # here, not at the top: the store (pydantic) only for maps that came as a model
            from debate.store import map_to_data

            data = map_to_data(self.model)
            claims = data.get("claims", {})
            data["claims"] = {key: claims[key] for key, _ in self.model.tree().walk()}
            self.map_data = data
        return self.map_data


@dataclass(frozen=True)
class SourceText:
    """An input file decoded to text: BOM removed, line ends made ``\\n``."""

    name: str
    text: str

    @property
    def stem(self) -> str:
        """The file name without folders and extensions: a fallback map title."""
        base = Path(self.name).name
        return base.split(".")[0] or base or "Imported map"


def refuse_lone_surrogates(value: Any, source: SourceText) -> None:
    """Refuse a lone surrogate (``"\\ud800"``) anywhere in ``value`` (a reader's map data,
    or a parsed document): a JSON or YAML escape can make one, but it is no character, and no
    UTF-8 file (the TOML map) or terminal can take it. Placed at the first such escape in the
    file. Iterative: a deep document is no risk."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)  # the keys
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and not item.isascii():
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as error:
                bad = f"\\u{ord(item[error.start]):04x}"
                found = re.search(re.escape(bad), source.text, re.IGNORECASE)
                line, col = line_col(source.text, found.start()) if found else (1, 1)
                raise ReadError.single(
                    source.name,
                    f"a lone surrogate {bad} in a string is not a character; not imported",
                    line,
                    col,
                ) from None


class Report:
    """Collects a reader's warnings, folding repeats into one line with a count, and the
    counts of what was dropped or read differently, for the import's summary."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._problems: list[Problem] = []
        self._grouped: dict[str, tuple[int, int]] = {}  # key -> (index in _problems, count)
        self.summary = ImportSummary()

    def dropped(self, kind: str, count: int = 1) -> None:
        """Count something of the file the map has no place for (``data key 'colour'``)."""
        self.summary.dropped[kind] += count

    def changed(self, kind: str, count: int = 1) -> None:
        """Count something read as something else (``linked-argument premises as part``)."""
        self.summary.changed[kind] += count

    def warn(self, message: str, line: int = 0, col: int = 0) -> None:
        self._problems.append(Problem(self.name, message, line, col, severity="warning"))

    def warn_grouped(
        self, key: str, message: str, line: int = 0, col: int = 0, times: int = 1
    ) -> None:
        """One warning per ``key``: the first occurrence in the file (its place and words),
        and how often it happened (``times`` occurrences here, the first at ``line:col``).
        Readers may meet occurrences out of file order."""
        grouped = self._grouped.get(key)
        if grouped is not None:
            index, count = grouped
            if _earlier(line, col, self._problems[index]):
                self._problems[index] = Problem(self.name, message, line, col, severity="warning")
            self._grouped[key] = (index, count + times)
            return
        self._grouped[key] = (len(self._problems), times)
        self._problems.append(Problem(self.name, message, line, col, severity="warning"))

    def error(self, message: str, line: int = 0, col: int = 0) -> ReadError:
        """A :class:`ReadError` to raise: one located line."""
        return ReadError.single(self.name, message, line, col)

    @property
    def warnings(self) -> list[Problem]:
        """The warnings in file order (those without a line last)."""
        out = []
        counts = dict(self._grouped.values())
        for index, problem in enumerate(self._problems):
            count = counts.get(index, 1)
            if count > 1:
                problem = Problem(
                    problem.file,
                    f"{problem.message} ({count} times; first here)",
                    problem.line,
                    problem.col,
                    problem.where,
                    problem.severity,
                )
            out.append(problem)
        out.sort(key=lambda problem: (problem.line == 0, problem.line, problem.col))  # file order
        return out


# ------------------------------------------------------------------------------ decoding

_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def decode(data: bytes, name: str) -> SourceText:
    """Bytes to text, or a :class:`ReadError` saying where the first undecodable byte is.

    UTF-8 (with or without BOM) is the norm; UTF-16 and UTF-32 files are read when they
    start with a BOM (Windows tools write them), and an XML file's own encoding declaration
    is honoured. Anything else must be converted by the user: guessing an 8-bit encoding
    would silently change their text.
    """
    encoding = _bom_encoding(data)
    if encoding is None:
        encoding = "utf-8"
        declared = _XML_ENCODING.match(data)
        if declared:
            encoding = _known_codec(declared.group(1).decode("ascii")) or "utf-8"
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        line, col = byte_line_col(data, data.index(b"\x00"))
        raise ReadError(
            [Problem(name, "this is a binary file (it contains NUL bytes), not text", line, col)]
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line, col = byte_line_col(data, error.start)
        byte = data[error.start]
        raise ReadError(
            [
                Problem(
                    name,
                    f"not valid {encoding.upper().replace('-SIG', '')} text (byte 0x{byte:02x});"
                    " save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8`",
                    line,
                    col,
                )
            ]
        ) from None
    return SourceText(name, normalise_newlines(text.removeprefix("\ufeff")))


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return encoding
    return None


def _known_codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers match what editors show."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------- small helpers

_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_markdown(text: str) -> str:
    """Drop the backslash before escaped ASCII punctuation (``\\*`` → ``*``), as Markdown does."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


def counted(counter: Counter[str]) -> str:
    """``L 5, YA 3`` from a Counter, most common first (ties in the order first counted)."""
    return ", ".join(f"{key} {count}" for key, count in counter.most_common())


_WEIGHT_DIGITS = re.compile(r"\s*[0-9]{1,3}\s*")


def exported_weight(text: str, report: Report, line: int, col: int) -> int | None:
    """A weight as debate's exports write it (ASCII digits on the model's scale), else None
    and one warning: ``int`` alone would also take "²"-like digits, "1_0" or 5,000 digits."""
    if _WEIGHT_DIGITS.fullmatch(text) and is_weight(int(text)):
        return int(text)
    shown = repr(text if len(text) <= 40 else text[:39] + "…")
    report.warn(f"weight {shown} is not {WEIGHT_RANGE}; ignored", line, col)
    report.dropped(f"weights that are not {WEIGHT_RANGE}")
    return None


@dataclass(slots=True)
class NoteData:
    """A note as a reader builds it; checked with the rest of the map (:class:`ImportResult`)."""

    text: str
    at: datetime | date | None = None
    by: str | None = None

    def data(self) -> dict[str, Any]:
        """The note as the map's data: what is unset left out."""
        return _given(text=self.text, at=self.at, by=self.by)


@dataclass(slots=True)
class CitationData:
    """A citation as a reader builds it; checked with the rest of the map."""

    source: str
    quote: str | None = None
    locator: str | None = None

    def data(self) -> dict[str, Any]:
        """The citation as the map's data: what is unset left out."""
        return _given(source=self.source, quote=self.quote, locator=self.locator)


def _given(**values: Any) -> dict[str, Any]:
    """``values`` without those that are None, in order: a record as the map's data."""
    return {name: value for name, value in values.items() if value is not None}


def exported_note(text: str, stamp: str | None) -> NoteData:
    """A note as debate's reports write it: ``Note (2026-11-29T09:00:00Z, mapper): text``.

    The stamp is a date or date-time, then the holder; either may be missing.
    """
    at: datetime | date | None = None
    by = None
    if stamp:
        first, _, rest = stamp.partition(", ")
        try:
            at = date.fromisoformat(first) if len(first) == 10 else datetime.fromisoformat(first)
        except ValueError:
            by = stamp
        else:
            by = rest or None
    return NoteData(text=text or "(empty note)", at=at, by=by)
