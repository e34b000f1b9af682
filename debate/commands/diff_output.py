"""What ``debate diff`` prints: each fact of a map diff as one rich line.

Apart from :mod:`debate.commands.diff` because that module's top must stay light (the
parser imports it); this one is imported by its ``run`` only when there is a diff to print.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from debate.diff import (
    CHANGE_NAMES,
    ClaimDiff,
    EntryDiff,
    MapDiff,
    ValueChange,
    VerdictMove,
)
from debate.display import one_line, visible
from debate.merge import describe_conflict
from debate.model import Conflict


class Renderer:
    """A :class:`~debate.diff.MapDiff` as lines of rich text.

    With colour, removed words are red and struck through and added ones green; without
    (``--plain``, ``NO_COLOR``, a pipe) word changes are marked ``[-old-]{+new+}`` as in
    ``git diff --word-diff`` so nothing depends on colour. ``--plain`` also uses ASCII arrows.
    """

    def __init__(self, plain: bool = False, color: bool = True) -> None:
        self.plain = plain
        self.color = color and not plain
        self.arrow = " -> " if plain else " → "

    def lines(self, result: MapDiff, title: tuple[str, str]) -> list[Text]:
        old, new = (visible(name) for name in title)
        lines = [Text(f"debate diff {old}{self.arrow}{new}", style="bold")]
        if not result.changed:
            lines.append(Text("no changes to the map's content (layout or comments only)"))
        if result.verdicts:
            lines.append(Text("verdicts", style="bold underline"))
            width = max(len(_verdict_label(move)) for move in result.verdicts)
            lines += [self.verdict(move, width) for move in result.verdicts]
        if result.claims:
            counts = ", ".join(f"{n} {status}" for status, n in result.counts().items() if n)
            lines.append(Text(f"claims: {counts}", style="bold underline"))
            for claim in result.claims:
                lines += self.claim(claim)
        for heading, entries in (
            ("perspectives", result.perspectives),
            ("sources", result.sources),
        ):
            if entries:
                lines.append(Text(heading, style="bold underline"))
                for entry in entries:
                    lines += self.entry(entry)
        if result.map:
            lines.append(Text("map", style="bold underline"))
            lines += [self.value("  ", change) for change in result.map]
        return lines

    # ------------------------------------------------------------------ pieces

    def verdict(self, move: VerdictMove, width: int = 0) -> Text:
        label = _verdict_label(move)
        line = Text("  ")
        if move.perspective is not None:
            line.append(label[: label.index("]") + 1], style="magenta")
            line.append(label[label.index("]") + 1 :], style="bold")
        else:
            line.append(label, style="bold")
        line.append(" " * (width - len(label) + 2))
        delta = move.delta
        if move.old is None:
            line.append(f"new root: {move.new:.3f}", style="green")
        elif move.new is None:
            line.append(f"no longer a root (was {move.old:.3f})", style="red")
        elif delta is not None and not move.moved:
            line.append(f"{move.new:.3f} (unchanged)", style="dim")
        else:
            assert delta is not None
            line.append(f"{move.old:.3f}{self.arrow}{move.new:.3f} ")
            line.append(f"({delta:+.3f})", style="green" if delta > 0 else "red")
        line.append(f"  {one_line(move.text, 60)}", style="dim")
        return line

    def claim(self, claim: ClaimDiff) -> list[Text]:
        head = _status_head(claim.id, claim.status)
        if claim.status != "changed":
            where = f"{claim.stance or 'pro'} of {claim.parent}" if claim.parent else "root"
            facts = [where]
            weight = next((c for c in claim.values if c.field == "weight"), None)
            if weight is not None:
                facts.append(f"weight {weight.new if claim.status == 'added' else weight.old}")
            head.append(f" ({', '.join(facts)})", style="dim")
        head.append("  ")
        head.append(one_line(claim.text, None if claim.status != "changed" else 70))
        lines = [head]
        if claim.status != "changed":
            return lines
        for change in claim.values:
            if change.field == "text":
                lines.append(self.words(claim))
            else:
                lines.append(self.value("      ", change))
        for items in claim.items:
            name = _name(items.field)
            for prefix, values, item_style in (
                ("+", items.added, "green"),
                ("-", items.removed, "red"),
            ):
                for value in values:
                    line = Text(f"      {name}: ")
                    line.append(f"{prefix}{_show_item(items.field, value)}", style=item_style)
                    lines.append(line)
        return lines

    def words(self, claim: ClaimDiff) -> Text:
        line = Text("      reworded: ")
        for op, text in claim.words:
            shown = visible(text).replace("\n", "\\n")
            if op == "=":
                line.append(shown)
            elif self.color:
                line.append(shown, style="red strike" if op == "-" else "green")
            else:
                line.append(f"[-{shown}-]" if op == "-" else f"{{+{shown}+}}")
        return line

    def value(self, indent: str, change: ValueChange) -> Text:
        show = _show_id if change.field == "parent" else _show
        line = Text(f"{indent}{_name(change.field)}: ")
        line.append(show(change.old), style="red")
        line.append(self.arrow)
        line.append(show(change.new), style="green")
        return line

    def entry(self, entry: EntryDiff) -> list[Text]:
        head = _status_head(entry.id, entry.status)
        if entry.status != "changed":
            head.append(f" ({entry.status})", style="dim")
        return [head, *(self.value("      ", change) for change in entry.values)]


def _verdict_label(move: VerdictMove) -> str:
    if move.perspective is None:
        return move.root
    return f"[{one_line(move.perspective)}] {move.root}"


def _name(field: str) -> str:
    return CHANGE_NAMES.get(field, field)


def _show_item(field: str, value: Any) -> str:
    """A tag, link, note or recorded conflict, in words rather than as a table."""
    if field == "links":
        return _show_id(value)
    if field == "notes" and isinstance(value, dict):
        extra = [f"{key} {_show(value[key])}" for key in ("by", "at") if key in value]
        return _show(value.get("text")) + (f" ({', '.join(extra)})" if extra else "")
    if field == "conflicts" and isinstance(value, dict):
        return one_line(describe_conflict(Conflict.model_validate(value)))
    return _show(value)


def _show_id(value: Any) -> str:
    """Claim ids need no quotes: they are letters, digits, '-' and '_'."""

    return "none (a root)" if value is None else one_line(str(value))


def _show(value: Any) -> str:
    """A value for the terminal: unset, numbers bare, text quoted, tables as key=value."""

    if value is None:
        return "unset"
    if isinstance(value, str):
        return f'"{one_line(value)}"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}={_show(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_STATUS_MARKS = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}


def _status_head(key: str, status: str) -> Text:
    """``  + id`` in the status's colour: the first line of a claim's or an entry's change."""

    mark, style = _STATUS_MARKS[status]
    head = Text(f"  {mark} ", style=style)
    head.append(key, style=f"bold {style}")
    return head
