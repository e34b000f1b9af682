"""Graphviz: DOT source, and SVG/PNG/PDF drawn by the ``dot`` program when it is installed.

Claims are boxes pointing at the claim they bear on, parents above children (``rankdir=BT``).
Edges are styled by stance (pro: solid green, con: dashed red, part: bold teal) and thickened
by weight; see-also links are thin dotted grey lines that do not affect the layout. A box's
fill darkens with its strength, so strong claims stand out even in greyscale print.

Labels are DOT quoted strings: backslashes and double quotes are escaped (so ``\\N`` or ``"]``
in a claim stays text), control characters are shown as ``\\xNN``, and lines are wrapped with
``\\n``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import textwrap

from debate.display import visible
from debate.formats import ExportError, ExportOptions, Scores
from debate.formats.view import Row, View, strength_text
from debate.model import ArgumentMap

WRAP = 42
FONT = '"Helvetica,Arial,sans-serif"'
EDGE_STYLES = {
    "pro": 'color="#2e7d32", style=solid',
    "con": 'color="#c62828", style=dashed',
    "part": 'color="#00838f", style=bold',
}
_CREATION_DATE = re.compile(rb"(/CreationDate \(D:)\d{14}")
_LOW = (0xFF, 0xFF, 0xFF)
_HIGH = (0x3F, 0x5F, 0x9F)


MAX_QUOTED = 4_000
"""Characters per DOT quoted string. Graphviz's scanner rejects a quoted string over 16,384
bytes ("syntax error ... scanning a quoted string"), which the path number of a claim 8,000
levels deep or a very long text reaches; longer labels are written as ``"..." + "..."``,
DOT's own concatenation, in pieces of at most this many characters (4 bytes each at most)."""


def _escaped(text: str) -> str:
    return visible(text).replace("\\", "\\\\").replace('"', '\\"')


def _quoted(escaped: str) -> str:
    """Escaped text as one DOT string, concatenated from pieces Graphviz can scan."""
    if len(escaped) <= MAX_QUOTED:
        return f'"{escaped}"'
    pieces: list[str] = []
    start = 0
    while start < len(escaped):
        end = min(start + MAX_QUOTED, len(escaped))
        piece = escaped[start:end]
        if end < len(escaped) and (len(piece) - len(piece.rstrip("\\"))) % 2:
            end -= 1  # never split a backslash escape between two pieces
        pieces.append(escaped[start:end])
        start = end
    return " +\n    ".join(f'"{piece}"' for piece in pieces)


def quote(text: str) -> str:
    """A DOT double-quoted string whose characters all stay literal."""
    return _quoted(_escaped(text))


def label(lines: list[str]) -> str:
    """A quoted multi-line label: each line escaped, joined by DOT's centred line break."""
    return _quoted("\\n".join(_escaped(line) for line in lines))


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Claim text wrapped for a box; the user's own line breaks are kept.

    Only newlines break a line: other controls and Unicode line separators are shown as
    stand-ins (``\\x0c``, ``\\u2028``), as everywhere else.
    """
    lines: list[str] = []
    for paragraph in visible(text.replace("\r\n", "\n")).split("\n"):
        lines += textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    return lines


def fill(strength: float) -> tuple[str, str]:
    """Fill and font colour for a strength: white at 0, slate blue at 1, text kept readable."""
    mix = [round(low + (high - low) * strength) for low, high in zip(_LOW, _HIGH, strict=True)]
    luminance = 0.2126 * mix[0] + 0.7152 * mix[1] + 0.0722 * mix[2]
    return "#" + "".join(f"{part:02x}" for part in mix), "#000000" if luminance > 140 else "#ffffff"


def export_dot(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    view = View(argmap, options, scores)
    perspective = view.perspective or "base map"
    title = [*wrap(argmap.map.title, 80), f"{view.semantics} · {perspective}"]
    out = [
        "digraph debate {",
        f"  graph [fontname={FONT}, rankdir=BT, labelloc=t, fontsize=16, nodesep=0.3, "
        f"ranksep=0.5, label={label(title)}];",
        f'  node [fontname={FONT}, shape=box, style="rounded,filled", fontsize=11, '
        'margin="0.12,0.06", penwidth=1.2, color="#5f6368"];',
        f'  edge [fontname={FONT}, arrowsize=0.7, fontsize=9, fontcolor="#5f6368"];',
    ]
    for row in view.each():
        out.append(_node(row))
    for row in view.rows:
        if row.parent is not None and row.stance is not None:
            width = 0.6 + row.weight * 0.6
            out.append(
                f"  {quote(row.id)} -> {quote(row.parent)} [{EDGE_STYLES[row.stance]}, "
                f'penwidth={width:.1f}, label="{row.stance} w{row.weight}"];'
            )
    for row in view.rows:
        for target in view.links(row):
            out.append(
                f"  {quote(row.id)} -> {quote(target)} "
                '[style=dotted, color="#9e9e9e", arrowhead=none, constraint=false];'
            )
    out.append("}")
    return "\n".join(out) + "\n"


def _node(row: Row) -> str:
    background, foreground = fill(row.strength)
    head = row.number + ("" if row.stance is None else f" · {row.stance}")
    lines = [head, *wrap(row.text), f"strength {strength_text(row.strength)}"]
    extra = ', penwidth=2.4, color="#3b4cca"' if row.parent is None else ""
    return (
        f'  {quote(row.id)} [label={label(lines)}, fillcolor="{background}", '
        f'fontcolor="{foreground}"{extra}];'
    )


def render(dot_source: str, output: str) -> bytes:
    """Run ``dot -T<output>``; a clear one-line error when Graphviz is missing or fails."""
    program = shutil.which("dot")
    if program is None:
        raise ExportError(
            f"-f {output} needs Graphviz's dot program, which is not installed "
            "(apt install graphviz, brew install graphviz); -f dot writes the source instead"
        )
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    result = subprocess.run(
        [program, f"-T{output}"],
        input=dot_source.encode("utf-8"),
        capture_output=True,
        env=environment,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"dot failed: {message[0] if message else f'exit {result.returncode}'}")
    return result.stdout


def export_svg(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> str:
    return render(export_dot(argmap, options, scores), "svg").decode("utf-8")


def export_png(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> bytes:
    return render(export_dot(argmap, options, scores), "png")


def export_pdf(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> bytes:
    return fixed_creation_date(render(export_dot(argmap, options, scores), "pdf"))


def fixed_creation_date(pdf: bytes) -> bytes:
    """Cairo stamps PDFs with the wall clock (ignoring SOURCE_DATE_EPOCH); pin it to 1970.

    The replacement has the same length, so the PDF's cross-reference offsets stay right.
    """
    return _CREATION_DATE.sub(rb"\g<1>19700101000000", pdf)
