"""What one row of the claim tree says: strength, stance, weight, markers, outline, text.

Plain rich :class:`~rich.text.Text` (user text is never markup), built from the pieces
:mod:`debate.render`'s claim label is built from (the value, the bar, glyphs and markers),
not from the label itself: the app's rows put the measures first, in columns, and are
appended as one Text per row, since the tree paints thousands a second. The widget passes its
theme's styles by component name (``bar``, ``guides``, ``number``...), so the label is the
same in every theme and can be read as plain text in tests.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line
from debate.model import Claim
from debate.render import BAR_CELLS, StrengthBar, compact_strength
from debate.render import markers as claim_markers
from debate.tui.widgets.tree_rows import TreeRows

StyleOf = Callable[[str], Style]
"""A component style by name: ``"bar"`` -> the theme's ``claim-tree--bar``."""


def markers(claim: Claim, style: StyleOf) -> Text:
    """The claim's markers (:func:`debate.render.markers`); a merge conflict stands out."""
    glyphs = claim_markers(claim)
    return Text.assemble((glyphs[:4], style("marker")), (glyphs[4], style("conflict")))


def row_label(
    rows: TreeRows,
    row: int,
    width: int,
    style: StyleOf,
    search_text: str = "",
    cut_id: str | None = None,
) -> Text:
    """One row: strength (number and bar), stance and weight, markers, then the outline
    (guides, toggle, path number) and the text. The measures come first so they line
    up in columns whatever the depth."""
    claim_id = rows.ids[row]
    depth = rows.depths[row]
    session = rows.session
    claim = session.argmap.claims[claim_id]
    scorer = session.scorer
    levels = max(2, (width - 40) // 4)
    strength = scorer.strength(claim_id)
    text = Text(no_wrap=True, end="")
    text.append(f" {compact_strength(strength)} ", "bold")
    text.append_text(StrengthBar(strength, BAR_CELLS, style("bar")).text())
    stance = claim.stance if claim.parent is not None else None
    text.append(" " + STANCE_GLYPHS[stance], STANCE_STYLES[stance])
    text.append(str(scorer.weight(claim_id)) if stance is not None else " ", "dim")
    text.append(" ")
    text.append_text(markers(claim, style))
    text.append(" ")
    text.append(rows.guides(claim_id, depth, levels), style("guides"))
    if rows.has_children(claim_id):
        text.append("▾ " if claim_id in rows.expanded else "▸ ", style("guides"))
    else:
        text.append("  ")
    text.append(rows.number(claim_id) + " ", style("number"))
    body = Text(one_line(claim.text))
    if search_text:
        body.highlight_words([search_text], style("match"), case_sensitive=False)
    if claim_id == cut_id:  # marked until pasted or cancelled (a glyph: not every
        body.stylize(style("cut"))  # terminal draws struck-through text)
        text.append("✂ ", style("marker"))
    text.append_text(body)
    claim_filter = rows.filter
    if claim_filter is not None and claim_id not in claim_filter.ids:
        text.stylize(style("dim"))
    return text
