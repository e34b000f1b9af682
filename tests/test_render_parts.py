"""A claim label built from its parts in one go is the label appended piece by piece, span
for span; its ``plain`` is its text's, without building the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from debate.display import STANCE_GLYPHS, STANCE_STYLES, one_line
from debate.model import ArgumentMap
from debate.render import MAX_NESTING, ClaimLabel, StrengthBar, styled
from tests.strategies import argument_maps


def appended(label: ClaimLabel) -> Text:
    """The label as it was first written: a Text, appended one piece at a time."""
    claim, stance = label.claim, label.stance
    text = Text("  " * min(label.indent, MAX_NESTING), end="")
    level = label.indent if label.indent > MAX_NESTING else label.level
    if level is not None:
        text.append(f"⋯{level} ", style="dim")
    if label.number is not None:
        text.append(label.number, style="dim")
        text.append(" ")
    text.append(f"{STANCE_GLYPHS[stance]} ", style=STANCE_STYLES[stance])
    if stance is not None and label.weight is not None:
        text.append(f"{stance} ", style=STANCE_STYLES[stance])
        text.append(f"w{label.weight} ", style="yellow")
    if label.strength is not None:
        bar = StrengthBar(label.strength, 5, trough="░").plain
        text.append(f"{bar} {label.strength:.2f} ", style="bold blue")
    if label.credence is not None:
        text.append(f"c{label.credence:.2f} ", style="magenta")
    text.append(one_line(claim.text, label.limit), style="bold" if stance is None else "")
    if not label.details:
        text.append(f" [{label.claim_id}]", style="dim")
        return text
    if claim.by:
        text.append(f"  — {one_line(claim.by)}", style="italic dim")
    for tag in claim.tags:
        text.append(f" #{one_line(tag)}", style="blue")
    notes = len(claim.notes) if label.notes is None else label.notes
    if notes:
        text.append(f" ✎{notes}", style="yellow")
    if claim.citations:
        text.append(" ❝", style="dim")
    text.append(f"  [{label.claim_id}]", style="dim")
    return text


@settings(max_examples=150, deadline=None, derandomize=True)
@given(argument_maps(max_claims=4), st.data())
def test_a_label_from_its_parts_is_the_label_appended(argmap: ArgumentMap, data) -> None:
    for claim_id, claim in argmap.claims.items():
        label = ClaimLabel(
            claim_id,
            claim,
            data.draw(st.sampled_from([None, "pro", "con", "part"])),
            number=data.draw(st.none() | st.just("1.2")),
            weight=data.draw(st.none() | st.integers(0, 4)),
            strength=data.draw(st.none() | st.floats(0, 1)),
            credence=data.draw(st.none() | st.floats(0, 1)),
            details=data.draw(st.booleans()),
            notes=data.draw(st.none() | st.integers(0, 3)),
            limit=data.draw(st.none() | st.integers(1, 30)),
            indent=data.draw(st.integers(0, MAX_NESTING + 3)),
            level=data.draw(st.none() | st.integers(1, 40)),
        )
        expected = appended(label)
        assert label.text() == expected and label.text().end == expected.end
        assert label.plain == expected.plain


def test_pieces_with_control_codes_are_dropped_as_append_drops_them() -> None:
    parts = [("a\rb", "bold"), (" c", ""), ("\x07d", "dim")]
    expected = Text(end="")
    for piece, style in parts:
        expected.append(piece, style=style or None)
    assert styled(parts) == expected
