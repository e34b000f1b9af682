"""Graphviz: DOT source, and SVG/PNG/PDF drawn by the ``dot`` program when it is installed.

Claims are boxes joined to the claim they bear on by an arrow pointing at it. Whether parents
sit above their children or on their left, and how several trees share the picture, is chosen
by the map's shape so that the picture fits a screen (:mod:`debate.formats.picture_shape`).
A box says its number, stance, weight and strength on its first line, then its text wrapped
to :data:`WRAP` characters. Edges are styled by stance (pro: solid green, con: dashed red,
part: bold teal) and thickened by weight; a see-also link inside a tree is a thin dotted grey
line that does not affect the layout, one to another tree is written in the box. A box's fill
darkens with its strength, so strong claims stand out even in greyscale print.

Labels are DOT quoted strings: backslashes and double quotes are escaped (so ``\\N`` or ``"]``
in a claim stays text), ``&`` is written ``&amp;`` (Graphviz reads entities in labels, so
``&lt;`` would otherwise be drawn as ``<``), control characters are shown as ``\\xNN``, and
lines are wrapped with ``\\n``. ``dot`` reads the source on standard input: no file name of
the user's reaches it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import textwrap

from debate.display import visible
from debate.formats import ExportError, ExportOptions, Scores
from debate.formats.picture_shape import (
    NODE_FONT_PT,
    NODE_MARGIN_IN,
    NODE_SEP_IN,
    PACK_MARGIN_PT,
    RANK_SEP_IN,
    TITLE_FONT_PT,
    Box,
    choose,
)
from debate.formats.view import Row, View, strength_text
from debate.model import ArgumentMap

WRAP = 40
FONT = '"Helvetica,Arial,sans-serif"'
EDGE_STYLES = {
    "pro": 'color="#2e7d32", style=solid',
    "con": 'color="#c62828", style=dashed',
    "part": 'color="#00838f", style=bold',
}
FILLER = 'style=invis, shape=point, width=0, height=0, label=""'
"""An empty cell of the array of trees (claim ids cannot start with ``~``)."""
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
    """A quoted multi-line label: each line escaped, joined by DOT's centred line break.

    ``&`` becomes ``&amp;``, which Graphviz draws as ``&``: a claim saying ``&lt;`` shows
    ``&lt;``, not ``<``.
    """
    return _quoted("\\n".join(_escaped(line).replace("&", "&amp;") for line in lines))


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
    return dot_source(View(argmap, options, scores))


def dot_source(view: View, *, claim_links: bool = False) -> str:
    """The DOT source for a view; ``claim_links`` makes each box a link to ``#claim-ID`` (the
    HTML page's outline, where the picture sits beside it)."""
    perspective = view.perspective or "base map"
    title = [*wrap(view.title, 80), f"{view.semantics} · {perspective}"]
    tree_of: dict[str, str] = {}  # each claim's exported root
    for row in view.rows:
        tree_of[row.id] = row.id if row.parent is None else tree_of[row.parent]
    boxes: list[Box] = []
    lines_of: dict[str, list[str]] = {}
    for row in view.each():
        far = [
            view.by_id[target].number
            for target in view.links(row)
            if tree_of[target] != tree_of[row.id]
        ]
        lines_of[row.id] = _lines(row, far)
        boxes.append(Box(row.id, row.depth, row.children, tuple(lines_of[row.id])))
    layout = choose(boxes, title)
    graph = [
        f"fontname={FONT}",
        f"rankdir={layout.rankdir}",
        "ordering=out",
        "labelloc=t",
        f"fontsize={TITLE_FONT_PT:g}",
        f"nodesep={NODE_SEP_IN:g}",
        f"ranksep={RANK_SEP_IN:g}",
    ]
    if layout.packmode is not None:
        graph += [f"pack={PACK_MARGIN_PT}", f'packmode="{layout.packmode}"']
    out = [
        "digraph debate {",
        f"  graph [{', '.join(graph)}, label={label(title)}];",
        f'  node [fontname={FONT}, shape=box, style="rounded,filled", '
        f'fontsize={NODE_FONT_PT:g}, margin="{NODE_MARGIN_IN[0]:g},{NODE_MARGIN_IN[1]:g}", '
        'penwidth=1.2, color="#5f6368"];',
        "  edge [dir=back, arrowsize=0.7];",
    ]
    if layout.packmode is not None:
        out.append(_packing(layout.packing_order(view.roots)))
    for row in view.rows:
        out.append(_node(row, lines_of[row.id], claim_links))
    for row in view.rows:
        if row.parent is not None and row.stance is not None:
            width = 0.6 + row.weight * 0.6
            out.append(
                f"  {quote(row.parent)} -> {quote(row.id)} "
                f"[{EDGE_STYLES[row.stance]}, penwidth={width:.1f}];"
            )
    for row in view.rows:
        for target in view.links(row):
            if tree_of[target] == tree_of[row.id]:
                out.append(
                    f"  {quote(row.id)} -> {quote(target)} "
                    '[style=dotted, color="#9e9e9e", dir=none, constraint=false];'
                )
    out.append("}")
    return "\n".join(out) + "\n"


def _packing(order: list[str | None]) -> str:
    """The trees' roots in packing order, fillers between them, before anything else is
    drawn: Graphviz packs the trees in the order it first meets their claims."""
    spelled = [
        quote(root) if root is not None else f'"~filler{index}" [{FILLER}]'
        for index, root in enumerate(order)
    ]
    return "  " + "; ".join(spelled) + ";"


def _lines(row: Row, far: list[str]) -> list[str]:
    """A box's label: number, stance, weight and strength on one line, then the wrapped
    text, then the see-also links that go to another tree (drawn ones would cross the
    whole picture and keep the trees from being packed side by side)."""
    head = row.number
    if row.stance is not None:
        head += f" · {row.stance} w{row.weight}"
    lines = [f"{head} · strength {strength_text(row.strength)}", *wrap(row.text)]
    if far:
        lines += wrap("see also " + ", ".join(far))
    return lines


def _node(row: Row, lines: list[str], claim_links: bool) -> str:
    background, foreground = fill(row.strength)
    extra = ', penwidth=2.4, color="#3b4cca"' if row.parent is None else ""
    if claim_links:
        extra += f", href={quote('#claim-' + row.id)}, tooltip={quote(row.number)}"
    return (
        f'  {quote(row.id)} [label={label(lines)}, fillcolor="{background}", '
        f'fontcolor="{foreground}"{extra}];'
    )


class GraphvizMissing(ExportError):
    """``dot`` is not installed: the drawings cannot be made (the DOT source still can)."""


def render(dot_source: str, output: str) -> bytes:
    """Run ``dot -T<output>``; a clear one-line error when Graphviz is missing or fails."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(
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
    return fit_to_screen(render(export_dot(argmap, options, scores), "svg").decode("utf-8"))


def page_picture(view: View) -> str:
    """The picture for the HTML page: the SVG element alone, each box a link to ``#claim-ID``.

    Graphviz's XML declaration, DOCTYPE and comments are dropped (an HTML page holds the
    ``<svg>`` element itself); its text is already escaped, as in the SVG export. Raises
    :class:`ExportError` when ``dot`` is missing or fails.
    """
    svg = fit_to_screen(render(dot_source(view, claim_links=True), "svg").decode("utf-8"))
    return _COMMENT.sub("", svg[svg.index("<svg") :]).strip()


_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)

SCREEN_PX = (1920, 1080)
READABLE_PX = 10.0
"""The smallest text, in CSS pixels, a picture is shown with at 100% zoom."""
_SVG_SIZE = re.compile(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')


def fit_to_screen(svg: str) -> str:
    """Graphviz's SVG, sized to show whole on a 1920x1080 screen at 100% zoom.

    Only the ``width``/``height`` of the ``<svg>`` element change (the drawing, in its
    ``viewBox``, is Graphviz's): a picture larger than the screen is shrunk to fit it, but
    never so far that the claims' text (11 pt) drops below :data:`READABLE_PX`; a bigger map
    keeps that size and scrolls. A picture that already fits stays as drawn.
    """
    found = _SVG_SIZE.search(svg)
    if found is None:
        return svg
    width, height = float(found[1]), float(found[2])
    to_screen = min(SCREEN_PX[0] * 0.75 / width, SCREEN_PX[1] * 0.75 / height, 1.0)
    readable = min(READABLE_PX / (NODE_FONT_PT * 4 / 3), 1.0)
    scale = max(to_screen, readable)
    return (
        svg[: found.start()]
        + f'<svg width="{width * scale:.0f}pt" height="{height * scale:.0f}pt"'
        + svg[found.end() :]
    )


def export_png(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> bytes:
    return render(export_dot(argmap, options, scores), "png")


def export_pdf(argmap: ArgumentMap, options: ExportOptions, scores: Scores) -> bytes:
    return fixed_creation_date(render(export_dot(argmap, options, scores), "pdf"))


def fixed_creation_date(pdf: bytes) -> bytes:
    """Cairo stamps PDFs with the wall clock (ignoring SOURCE_DATE_EPOCH); pin it to 1970.

    The replacement has the same length, so the PDF's cross-reference offsets stay right.
    """
    return _CREATION_DATE.sub(rb"\g<1>19700101000000", pdf)
