"""A claim on one line of a terminal: its label and its strength bar as rich renderables.

Written once, so ``debate show``, ``score``, ``compare``, ``crux``, the terminal-SVG export
and the app say a claim the same way: the stance glyph and colour, the weight, the strength
with its bar, the credence, the text on one line, who holds it, its tags, notes and
citation, and its id. Like rich's own ``Bar``, each is a small object with
``__rich_console__``: print it, put it in a table cell or a tree node, or take its
:meth:`~ClaimLabel.text` to add to a line.

The characters themselves (:func:`debate.display.strength_bar`, the stance glyphs, the
markers) live in :mod:`debate.display`, which needs no rich: the Markdown export draws the
same bar, and the app's tree paints its rows from the same pieces without building a
renderable per row (its rows put the measures first, in columns).

User text enters as :class:`rich.text.Text` through :func:`debate.display.one_line`,
never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import StyleType
from rich.text import Span, Text

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line, strength_bar
from debate.model import Claim

BAR_CELLS = 4
"""The app's bar: narrow, beside the value, in the theme's colour."""


@dataclass(frozen=True, slots=True)
class StrengthBar:
    """A strength 0-1 as a bar ``width`` cells wide, to an eighth of a cell (``███▋``).

    ``trough`` fills the rest: a space where the bar has a colour of its own, ``░`` where the
    scale should show without colour (the picture of ``debate show``, Markdown).
    """

    value: float
    width: int = BAR_CELLS
    style: StyleType = ""
    trough: str = " "

    @property
    def plain(self) -> str:
        return strength_bar(self.value, self.width, self.trough)

    def text(self) -> Text:
        return Text(self.plain, style=self.style, end="")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


MAX_NESTING = 12
"""Deeper claims are drawn at this level, with their own level written out: a line's indent
(or a tree's guides) grows with depth, and a 20,000-deep chain would print gigabytes."""


def plain_indent(level: int) -> str:
    """The indent of a plain outline's line for a claim at ``level`` (a root: 0): two spaces
    a level, capped at :data:`MAX_NESTING`, past which the line says its level in words."""
    indent = "  " * (min(level, MAX_NESTING) + 1)
    return indent + f"(level {level + 1}) " if level > MAX_NESTING else indent


@dataclass(frozen=True, slots=True)
class ClaimLabel:
    """One claim on one line: ``1.2 + pro w3 ███▋░ 0.73 c0.60 text — holder #tag ✎2 ❝  [id]``.

    Parts left out (``None``, ``False``) are not shown, so the same label serves a tree of
    the whole map (``debate show``), a picture of it with strengths, and the claim column
    of a table (glyph, text cut to ``limit``, id). ``stance`` is None for a root: its glyph
    is ``●`` and its text bold. ``weight`` brings the stance word with it.
    """

    claim_id: str
    claim: Claim
    stance: str | None
    number: str | None = None
    weight: int | None = None
    strength: float | None = None
    credence: float | None = None
    details: bool = False
    """Who holds it, its tags, how many notes, whether it cites a source."""
    notes: int | None = None
    """How many notes to count (an export without notes shows none); default: all."""
    limit: int | None = None
    indent: int = 0
    """Levels to indent by (a table's claim column); past :data:`MAX_NESTING` the label is
    indented that far and says its level (``⋯30``), so a deep chain's lines stay short."""
    level: int | None = None
    """The claim's level when a tree shows it at a capped nesting (``⋯30``); None: as shown."""

    def parts(self) -> list[tuple[str, str]]:
        """The label's pieces in order, each with its style (``""``: none)."""
        claim, stance = self.claim, self.stance
        parts = [("  " * min(self.indent, MAX_NESTING), "")]
        level = self.indent if self.indent > MAX_NESTING else self.level
        if level is not None:
            parts.append((f"⋯{level} ", "dim"))
        if self.number is not None:
            parts += [(self.number, "dim"), (" ", "")]
        parts.append((f"{STANCE_GLYPHS[stance]} ", STANCE_STYLES[stance]))
        if stance is not None and self.weight is not None:
            parts += [(f"{stance} ", STANCE_STYLES[stance]), (f"w{self.weight} ", "yellow")]
        if self.strength is not None:
            bar = StrengthBar(self.strength, 5, trough="░").plain
            parts.append((f"{bar} {self.strength:.2f} ", "bold blue"))
        if self.credence is not None:
            parts.append((f"c{self.credence:.2f} ", "magenta"))
        parts.append((one_line(claim.text, self.limit), "bold" if stance is None else ""))
        if not self.details:
            parts.append((f" [{self.claim_id}]", "dim"))
            return parts
        if claim.by:
            parts.append((f"  — {one_line(claim.by)}", "italic dim"))
        parts += [(f" #{one_line(tag)}", "blue") for tag in claim.tags]
        notes = len(claim.notes) if self.notes is None else self.notes
        if notes:
            parts.append((f" ✎{notes}", "yellow"))
        if claim.citations:
            parts.append((" ❝", "dim"))
        parts.append((f"  [{self.claim_id}]", "dim"))
        return parts

    @property
    def plain(self) -> str:
        """The label's characters, without building its :class:`~rich.text.Text` or its
        styled pieces (:meth:`parts` says the same in pieces; a property test holds them
        equal): :func:`label_lead`, where the claim stands, then :func:`label_body`, the
        claim itself. ``debate show`` and ``score``, writing a row per claim of a
        100,000-claim map to a file or a pipe, call those two without a label object: the
        bodies put together in the map's order, where the claims lie in memory, and each
        lead added as they walk the tree."""
        return label_lead(self.number, self.indent, self.level) + label_body(
            self.claim_id,
            self.claim,
            self.stance,
            weight=self.weight,
            strength=self.strength,
            credence=self.credence,
            details=self.details,
            notes=self.notes,
            limit=self.limit,
        )

    def text(self) -> Text:
        return styled(self.parts())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text())


_piece = itemgetter(0)


def label_lead(number: str | None = None, indent: int = 0, level: int | None = None) -> str:
    """The start of a :attr:`ClaimLabel.plain`: its indent, its level (``⋯30``), its number."""
    lead = "  " * min(indent, MAX_NESTING) if indent else ""
    said_level = indent if indent > MAX_NESTING else level
    if said_level is not None:
        lead += f"⋯{said_level} "
    return lead if number is None else f"{lead}{number} "


def label_body(
    claim_id: str,
    claim: Claim,
    stance: str | None,
    *,
    weight: int | None = None,
    strength: float | None = None,
    credence: float | None = None,
    details: bool = False,
    notes: int | None = None,
    limit: int | None = None,
) -> str:
    """The rest of a :attr:`ClaimLabel.plain` (the arguments are its fields), from the
    stance glyph to the id."""
    body = STANCE_GLYPHS[stance] + " "
    if stance is not None and weight is not None:
        body += f"{stance} w{weight} "
    if strength is not None:
        body += f"{strength_bar(strength, 5, '░')} {strength:.2f} "
    if credence is not None:
        body += f"c{credence:.2f} "
    body += one_line(claim.text, limit)
    if not details:
        return f"{body} [{claim_id}]"
    if claim.by:
        body += "  — " + one_line(claim.by)
    for tag in claim.tags:
        body += " #" + one_line(tag)
    count = len(claim.notes) if notes is None else notes
    if count:
        body += f" ✎{count}"
    if claim.cite is not None and claim.citations:
        body += " ❝"
    return f"{body}  [{claim_id}]"


def styled(parts: list[tuple[str, str]]) -> Text:
    """Pieces and their styles as one :class:`~rich.text.Text`, as appending them one by one
    would make it, built in one go (a label per claim of a 100,000-claim map)."""
    plain = "".join(map(_piece, parts))
    spans, offset = [], 0
    for piece, style in parts:
        if style and piece:
            spans.append(Span(offset, offset + len(piece), style))
        offset += len(piece)
    text = Text(plain, spans=spans, end="")
    if len(text) == len(plain):
        return text
    text = Text(end="")  # control codes were dropped (as append drops them): append each
    for piece, style in parts:
        text.append(piece, style=style or None)
    return text


def claim_heading(number: str, text: str, claim_id: str) -> Text:
    """``1.2 text [id]`` above an explanation or a crux report (its ``plain`` in plain output)."""
    heading = Text(f"{number} ", style="dim")
    heading.append(one_line(text), style="bold")
    heading.append(f" [{claim_id}]", style="dim")
    return heading


def compact_strength(value: float) -> str:
    """A strength in three characters, ``.53`` (``1.0`` at the top), for the app's columns."""
    shown = f"{value:.2f}"
    return shown[1:] if shown[0] == "0" else shown[:3]


def markers(claim: Claim) -> str:
    """Five cells, a glyph or a space each: ✎ notes, # tags, § sources, ↗ see-also links,
    ! merge conflicts (the app's tree and map view)."""
    return "".join(
        (
            "✎" if claim.notes else " ",
            "#" if claim.tags else " ",
            "§" if claim.citations else " ",
            "↗" if claim.links else " ",
            "!" if claim.conflicts else " ",
        )
    )
