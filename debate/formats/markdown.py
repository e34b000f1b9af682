"""Markdown: an outline report people read on GitHub, in editors and in Markdown viewers.

The verdict per perspective comes first (a table), then every claim as a nested list item:
number, stance, weight, a strength bar and value, credence, the text, who holds it, tags, the
sources with their quotes, and the notes.

User text is escaped for CommonMark/GFM: every character that could start markup (emphasis,
links, HTML, tables, math) gets a backslash, and lines of a multi-line text that would start a
block (heading, list, quote) are escaped too, so a claim reads as written and never as markup.
"""

from __future__ import annotations

import re

from debate.display import has_unsafe, strength_bar, visible
from debate.formats import ExportOptions, Scores, crux_section
from debate.formats.view import Row, View, note_line, source_line, source_parts, strength_text
from debate.model import MAX_WEIGHT, ArgumentMap

_INLINE = re.compile(r"([\\`*_\[\]{}<>&|#~$!])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")
_TRAILING_BREAKS = re.compile(r"(?:\\\n)+\Z")
MAX_NESTING = 20
"""Deeper claims are listed at this level (their whole numbers still say where they sit), so
a 10,000-deep chain does not also become gigabytes of indentation."""
_STANCE_MARK = {"pro": "✚ pro", "con": "✖ con", "part": "◇ part"}


def escape(text: str) -> str:
    """``text`` as literal Markdown inline content; line breaks become hard breaks.

    Every line may start a Markdown line (the claim text opens a list item's continuation
    line), so block markers at line starts are escaped too; leading and trailing spaces go.
    """
    lines = visible(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = []
    for line in lines:
        line = _INLINE.sub(r"\\\1", line.strip())
        escaped.append(_BLOCK_START.sub(_escape_block_start, line))
    return escaped[0] if len(escaped) == 1 else "\\\n".join(escaped)


def _bar(strength: float) -> str:
    """Ten cells, the trough drawn (``████▋░░░░░``): the scale shows where there is no colour."""
    return strength_bar(strength, 10, "░")


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    return match.group(1) + ("\\" + marker if not marker.isdigit() else marker + "\\")


def export(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    out: list[str] = [f"# {escape(argmap.map.title)}", ""]
    if argmap.map.description:
        out += [_indent(escape(argmap.map.description), ""), ""]
    if argmap.map.author:
        out += [f"By {escape(argmap.map.author)}", ""]
    out += _verdicts(view)
    out += crux_section.markdown(view, escape)
    out += ["## Claims", ""]
    numbers = view.full_numbers()  # past MAX_NESTING the numbers are the outline: whole
    for row in view.each():
        out += _claim(view, row, numbers)
    out.append("")
    if argmap.sources:
        out += _sources(argmap)
    return "\n".join(out).rstrip("\n") + "\n"


def _verdicts(view: View) -> list[str]:
    perspective = view.perspective or "base map"
    lines = [
        "## Verdict",
        "",
        f"Strengths under {escape(view.semantics)} semantics, read from the {escape(perspective)}"
        f"{' perspective' if view.perspective else ''}; 0 is refuted, 1 fully accepted.",
        "",
    ]
    table = view.verdicts()
    header = ["Claim", *(escape(name) for name, _ in table)]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join([" --- "] + [" ---: "] * len(table)) + "|")
    for root in view.roots:
        row = view.by_id[root]
        cells = [f"{row.number}. {escape(_short(row.text))}"]
        cells += [
            f"{crux_section.verdict_shown(strengths[root], escape, 2)} `{_bar(strengths[root])}`"
            for _, strengths in table
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _claim(view: View, row: Row, numbers: dict[str, str]) -> list[str]:
    pad = "  " * min(row.depth, MAX_NESTING)
    inner = pad + "  "
    claim = row.claim
    head = f"**{numbers[row.id]}**"
    if row.stance:
        head += f" {_STANCE_MARK[row.stance]} · weight {row.weight}/{MAX_WEIGHT}"
    head += f" · strength **{strength_text(row.strength)}** `{_bar(row.strength)}`"
    head += f" · credence {row.credence:.2f}"
    details = [escape(claim.text)]
    facts = []
    # Blank lines at a holder's end would put its closing * at the start of a line (a new
    # bullet), and a blank tag's "# " a heading: neither has anything to show, so they go.
    holder = _TRAILING_BREAKS.sub("", escape(claim.by)) if claim.by else ""
    if holder:
        facts.append(f"*by {holder}*")
    tags = [shown for shown in map(escape, claim.tags) if shown]
    if tags:
        facts.append(" ".join(f"#{tag}" for tag in tags))
    facts.append(f"id `{row.id}`")
    links = view.links(row)
    if links:
        facts.append("see " + ", ".join(numbers[target] for target in links))
    details.append(" · ".join(facts))
    details += [source_line(cited, escape, emphasis="*") for cited in view.cited(row)]
    details += [note_line(note, escape) for note in view.notes(row)]
    body = "\\\n".join(details)
    return [f"{pad}- {head}\\", _indent(body, inner)]


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def _sources(argmap: ArgumentMap) -> list[str]:
    lines = ["## Sources", ""]
    for source_id, source in argmap.sources.items():
        parts = source_parts(
            source,
            escape,
            title=lambda text: f"*{escape(text)}*",
            link=lambda url: f"<{url}>" if _url(url) else escape(url),
            code=lambda path: f"`{_code(path)}`",
        )
        line = f"- `{source_id}`: " + ", ".join(parts)
        if source.note:
            line += "\\\n  " + _indent(escape(source.note), "  ").lstrip()
        lines.append(line)
    lines.append("")
    return lines


def _code(text: str) -> str:
    """Text for a one-line code span: no backticks, no line breaks, nothing unsafe."""
    return " ".join(visible(text).replace("`", "").splitlines())


def _url(url: str) -> str | None:
    """A URL safe inside ``<...>`` (an autolink), or None to show it as text."""
    if re.fullmatch(r"https?://[^\s<>`\\]+", url) and not has_unsafe(url):
        return url
    return None
