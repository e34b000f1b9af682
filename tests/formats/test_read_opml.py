"""Reading OPML: tests/fixtures/import/outline.opml, debate's own export, and bad XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate.formats.readers import ReadError, SourceText, read_file, read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_outline_claims_stances_and_notes() -> None:
    result = read_file(FIXTURES / "outline.opml")
    argmap = result.argmap
    assert argmap.map.title == "Should Riverton build a tram line?"
    assert argmap.map.author == "debate test suite"
    rows = [(c.text, c.stance) for c in argmap.claims.values()]
    assert rows == [
        ("Riverton should build a tram line.", None),
        ("A tram carries more people per driver & per hour.", "pro"),
        ("Only at rush hour.", "con"),
        ("The 2019 count found 40,000 daily trips.", "pro"),
        ("Construction would cost <too> much.", "con"),
        ("Comparable cities paid twice their estimate.", "con"),
        ("Grants cover half.", "part"),
        ("National grants exist.", "pro"),
        ("Besucher mögen Straßenbahnen: 東京 kept its trams.", "pro"),
        ("A weight out of range.", "con"),
        ("A second, unrelated root.", None),
    ]
    capacity = argmap.claims["a-tram-carries-more-people-per"]
    assert capacity.notes[0].text == "Source: the 2019 count.\nChecked twice."
    visitors = argmap.claims["besucher-mogen-strassenbahnen-dongjing"]
    assert (visitors.weight, visitors.credence) == (3, 0.7)
    warnings = [str(w) for w in result.warnings]
    assert any("outline.opml:18:9:" in w and "read as pro" in w for w in warnings)
    assert any("outline.opml:21:7: an empty outline; skipped" in w for w in warnings)
    assert any("outline.opml:22:7:" in w and "weight '9'" in w for w in warnings)


def test_debate_export_keeps_ids_holders_tags_notes_and_links() -> None:
    from debate.formats import export_map
    from debate.store import load_map
    from tests.conftest import DEFAULT_MAP

    argmap = load_map(DEFAULT_MAP).argmap
    back = read_text(SourceText("m.opml", str(export_map(argmap, "opml"))), "opml").argmap
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
        assert [n.text for n in got.notes] == [n.text for n in claim.notes]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("truncated.opml", "truncated.opml:14:1: not well-formed XML: no element found"),
        ("entities.opml", "entities.opml:3:12: the document declares XML entities; refused"),
    ],
)
def test_bad_xml_is_one_clear_error(name: str, expected: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_file(FIXTURES / name)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_declared_encoding_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "latin.opml"
    path.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<opml><body>'
        '<outline text="Straßenbahn für Zürich"/></body></opml>\n'.encode("latin-1")
    )
    assert read_file(path).argmap.claims["strassenbahn-fur-zurich"].text == "Straßenbahn für Zürich"


def test_no_outlines_is_an_error() -> None:
    with pytest.raises(ReadError, match="no <outline> elements"):
        read_text(SourceText("e.opml", "<opml><body/></opml>"), "opml")


@pytest.mark.parametrize(
    ("attribute", "shown"),
    [
        ('weight="²"', "weight '²' is not 0-4"),
        ('weight="٣"', "weight '٣' is not 0-4"),
        ('weight="' + "1" * 5000 + '"', "weight '" + "1" * 39 + "…' is not 0-4"),
        ('credence="١"', "credence '١' is not 0-1"),
        ('credence="nan"', "credence 'nan' is not 0-1"),
        ('credence="1_0"', "credence '1_0' is not 0-1"),
    ],
    ids=["superscript", "arabic-indic", "5000-digits", "arabic-credence", "nan", "underscore"],
)
def test_numbers_are_ascii_and_anything_else_is_a_located_warning(
    attribute: str, shown: str
) -> None:
    text = f'<opml><body><outline text="a">\n<outline text="Pro: b" {attribute}/></outline></body></opml>'
    result = read_text(SourceText("n.opml", text), "opml")
    claim = result.argmap.claims["b"]
    assert (claim.weight, claim.credence) == (None, None)
    assert [str(w) for w in result.warnings] == [f"n.opml:2:1: {shown}; ignored"]


def test_plain_numbers_still_read() -> None:
    text = '<opml><body><outline text="a"><outline text="Pro: b" weight=" 3 " credence="0.25"/></outline></body></opml>'
    claim = read_text(SourceText("n.opml", text), "opml").argmap.claims["b"]
    assert (claim.weight, claim.credence) == (3, 0.25)


def test_a_note_of_several_lines_keeps_its_date_and_holder() -> None:
    """debate's OPML export writes a note's later lines on lines of their own; reading them
    back continues the note's text and keeps its stamp (the holder used to be dropped)."""
    from datetime import date

    from debate.formats import export_map
    from debate.model import ArgumentMap

    argmap = ArgumentMap.model_validate(
        {
            "claims": {
                "a": {
                    "text": "A claim.",
                    "notes": [
                        {
                            "text": "First line.\nSecond line.",
                            "at": date(2026, 11, 29),
                            "by": "Ann",
                        },
                        {"text": "One line.", "by": "Bo"},
                    ],
                }
            }
        }
    )
    back = read_text(SourceText("m.opml", str(export_map(argmap, "opml"))), "opml").argmap
    assert back.claims["a"].notes == argmap.claims["a"].notes
