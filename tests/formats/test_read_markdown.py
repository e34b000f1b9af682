"""Reading Markdown outlines: tests/fixtures/import/*.md and debate's own Markdown report."""

from __future__ import annotations

from pathlib import Path

from debate.formats.readers import SourceText, read_file, read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_outline_title_description_tree_and_prefixes() -> None:
    result = read_file(FIXTURES / "outline.md")
    argmap = result.argmap
    assert argmap.map.title == "Should Riverton build a tram line?"
    assert argmap.map.description is not None
    assert argmap.map.description.startswith("An outline written for debate's import tests")
    tree = argmap.tree()
    rows = [(tree.number(c), claim.stance, claim.text) for c, claim in argmap.claims.items()]
    assert rows == [
        ("1", None, "Riverton should build a tram line from the station to the harbour."),
        ("1.1", "pro", "A tram carries three times as many people per driver as a bus."),
        ("1.1.1", "con", "Only at rush hour."),
        ("1.1.2", "pro", "The 2019 count found 40,000 daily trips *on the main road*."),
        (
            "1.2",
            "con",
            "Construction would cost too much.\n\n"
            "The estimate is from the city's plan (https://example.org/plan).",
        ),
        ("1.2.1", "pro", "Comparable cities paid twice their estimate."),
        ("1.2.2", "con", "National grants pay half."),
        ("1.2.3", "part", "Grants cover half of the track."),
        ("1.3", "pro", "Visitors like trams: 東京 and Zürich kept theirs."),
        ("2", None, "A numbered root claim."),
        ("2.1", "con", "With a numbered objection."),
    ]
    assert argmap.claims["a-numbered-root-claim"].tags == ["Later additions"]
    warnings = [str(w) for w in result.warnings]
    assert any("outline.md:17:1:" in w and "read as pro" in w for w in warnings)
    assert any("outline.md:24:1: a code block in the outline; skipped" in w for w in warnings)
    assert any("outline.md:28:1: a quote in the outline; skipped" in w for w in warnings)


def test_plus_and_minus_bullets_as_stances() -> None:
    argmap = read_file(FIXTURES / "signs.md").argmap
    assert [(c.stance, c.text.split()[0]) for c in argmap.claims.values()] == [
        (None, "Riverton"),
        ("pro", "Trams"),
        ("con", "Only"),
        ("con", "Construction"),
        ("pro", "Comparable"),
        ("pro", "Trams"),
        ("con", "An"),
    ]


def test_plain_dashes_carry_no_stance() -> None:
    result = read_text(SourceText("d.md", "- Root\n  - Child\n  - Con: Other\n"), "markdown")
    assert [c.stance for c in result.argmap.claims.values()] == [None, "pro", "con"]


def test_debate_report_comes_back_with_ids_weights_and_notes() -> None:
    from debate.formats import export_map
    from debate.store import load_map
    from tests.conftest import DEFAULT_MAP

    argmap = load_map(DEFAULT_MAP).argmap
    result = read_text(SourceText("r.md", str(export_map(argmap, "markdown"))), "markdown")
    back = result.argmap
    assert back.map.title == argmap.map.title
    assert back.map.description == argmap.map.description
    assert list(back.claims) == list(argmap.claims)
    for claim_id, claim in argmap.claims.items():
        got = back.claims[claim_id]
        assert (got.parent, got.stance, got.text, got.by, got.tags, got.links) == (
            claim.parent,
            claim.stance,
            claim.text,
            claim.by,
            claim.tags,
            claim.links,
        )
        assert got.weight == (claim.effective_weight if claim.parent else None)
        assert [(n.text, n.by) for n in got.notes] == [(n.text, n.by) for n in claim.notes]


def test_items_nested_deeper_than_the_parser_goes_are_kept_as_text() -> None:
    text = "".join("  " * level + f"- item {level}\n" for level in range(55))
    result = read_text(SourceText("deep.md", text), "markdown")
    claims = list(result.argmap.claims.values())
    assert len(claims) == 50
    assert claims[-1].text == "item 49\n" + "\n".join(f"- item {n}" for n in range(50, 55))
    assert any(
        str(w).startswith("deep.md:50:1: lists nest more than 50 levels deep here")
        for w in result.warnings
    )


def test_a_report_with_a_weight_or_credence_off_the_scale_warns_and_keeps_the_claim() -> None:
    """An edited report saying ``weight 7/4`` or ``credence 5.0`` was an internal error."""
    from debate.formats import export_map
    from debate.model import ArgumentMap, Claim

    argmap = ArgumentMap(
        claims={
            "root": Claim(text="Root"),
            "kid": Claim(parent="root", stance="pro", text="Kid", weight=3, credence=0.6),
        }
    )
    report = str(export_map(argmap, "markdown"))
    assert "weight 3/4" in report and "credence 0.60" in report
    edited = report.replace("weight 3/4", "weight 7/4").replace("credence 0.60", "credence 5.0")
    result = read_text(SourceText("r.md", edited), "markdown")
    kid = result.argmap.claims["kid"]
    assert (kid.text, kid.weight, kid.credence) == ("Kid", None, None)
    warnings = [str(w) for w in result.warnings]
    assert any("weight '7' is not 0-4; ignored" in w for w in warnings), warnings
    assert any("credence 5.0 is not 0-1; ignored" in w for w in warnings), warnings
