"""The reports' "What decides it" section: the numbers ``debate crux`` prints, user text
escaped as in the rest of each report."""

from __future__ import annotations

from debate.formats import ExportOptions, export_map
from debate.scoring import Scorer
from debate.scoring.crux import crux_report
from debate.store import load_map
from tests.conftest import DEFAULT_MAP
from tests.scoring_maps import tree

HOSTILE = "<script>alert(1)</script> | [x](y) *z*"


def hostile_map():  # type: ignore[no-untyped-def]
    argmap = tree(
        ("r", None, None, None, 0.5),
        ("a", "r", "pro", 3, 0.6),
        ("b", "r", "con", 2, 0.7),
    )
    for claim in argmap.claims.values():
        claim.text = HOSTILE
    return argmap


def test_markdown_section_matches_the_command_line_numbers() -> None:
    argmap = load_map(DEFAULT_MAP).argmap
    text = export_map(argmap, "markdown", ExportOptions())
    assert isinstance(text, str)
    section = text.split("## What decides it", 1)[1].split("## Claims", 1)[0]
    report = crux_report(Scorer(argmap), "catch-up-2027", with_shapley=False)
    assert f"Verdict **{report.strength:.3f}**: does not hold. Fragile:" in section
    top = report.cruxes[0]
    assert f"| {top.low:.3f}–{top.high:.3f} | lowers the verdict | yes |" in section
    change = report.flip.changes[0]
    assert f"credence {change.credence_before:.2f} → {change.credence:.2f}" in section


def test_user_text_in_the_section_is_escaped_in_markdown_and_html() -> None:
    argmap = hostile_map()
    markdown = export_map(argmap, "markdown", ExportOptions())
    assert isinstance(markdown, str)
    section = markdown.split("## What decides it", 1)[1].split("## Claims", 1)[0]
    assert "<script>" not in section and "\\<script\\>" in section
    assert "\\| \\[x\\](y) \\*z\\*" in section
    for line in section.splitlines():
        if line.startswith("| 1."):
            assert line.count(" | ") == 3  # the claim's | did not open a column
    html = export_map(argmap, "html", ExportOptions())
    assert isinstance(html, str)
    section = html.split('<h2 id="crux">', 1)[1].split("</section>", 1)[0]
    assert "<script>" not in section and "&lt;script&gt;alert(1)&lt;/script&gt;" in section


def test_a_root_without_children_still_gets_a_section() -> None:
    argmap = tree(("r", None, None, None, 0.7))
    markdown = export_map(argmap, "markdown", ExportOptions())
    assert isinstance(markdown, str)
    assert "Verdict **0.700**: holds. Robust: every semantics agrees" in markdown
    assert "Smallest flip: none. No change of mind about the claims flips it" in markdown
