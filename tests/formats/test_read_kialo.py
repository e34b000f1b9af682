"""Reading Kialo's plain-text export: tests/fixtures/import/*.kialo.txt and bad numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate.formats.readers import ReadError, SourceText, read_file, read_text
from debate.model import ArgumentMap

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
DISCUSSION = FIXTURES / "discussion.kialo.txt"


def read(text: str) -> tuple[ArgumentMap, list[str]]:
    result = read_text(SourceText("k.txt", text), "kialo")
    return result.argmap, [str(problem) for problem in result.warnings]


@pytest.fixture(scope="module")
def discussion() -> ArgumentMap:
    return read_file(DISCUSSION).argmap


def test_title_tree_and_stances(discussion: ArgumentMap) -> None:
    assert discussion.map.title == "Should Riverton build a tram line?"
    tree = discussion.tree()
    outline = [
        (tree.number(claim_id), claim.stance, claim.text.split()[0])
        for claim_id, claim in discussion.claims.items()
    ]
    assert outline == [
        ("1", None, "Riverton"),
        ("1.1", "pro", "A"),
        ("1.1.1", "con", "Only"),
        ("1.1.2", "pro", "The"),
        ("1.2", "con", "Construction"),
        ("1.2.1", "pro", "Comparable"),
        ("1.2.2", "con", "National"),
        ("1.3", "pro", "Visitors"),
        ("1.4", "con", "->"),
    ]


def test_multi_line_claims_and_markdown_escapes(discussion: ArgumentMap) -> None:
    texts = [claim.text for claim in discussion.claims.values()]
    assert "Only at rush hour; the rest of the day\nthe trams would run half empty." in texts
    assert "The 2019 count found 40,000 daily trips *on the main road* (source: city)." in texts
    assert (
        'National grants pay half of the cost.\n\nThey cover "any tram project" – see the '
        "fund's rules." in texts
    )
    # An escaped "-> See" is text, not a link.
    assert "-> See what the buses did first." in texts


def test_see_lines_become_links_to_the_claim_already_there(discussion: ArgumentMap) -> None:
    by_number = {discussion.tree().number(c): c for c in discussion.claims}
    # 1.1.1.1 "-> See 1.2.1." (a forward reference) and 1.2.2.1 "-> See 1.1."
    assert discussion.claims[by_number["1.1.1"]].links == [by_number["1.2.1"]]
    assert discussion.claims[by_number["1.2.2"]].links == [by_number["1.1"]]
    assert len(discussion.claims) == 9


def test_ids_are_readable_and_stable(discussion: ArgumentMap) -> None:
    assert list(discussion.claims)[:2] == [
        "riverton-should-build-a-tram-line",
        "a-tram-carries-three-times-as",
    ]
    assert "visitors-like-trams-zyrichi-krakovia-and" in discussion.claims
    assert read_file(DISCUSSION).argmap == discussion


def test_crlf_and_bom(discussion: ArgumentMap, tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    text = DISCUSSION.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = read_file(path)
    assert result.format == "kialo"
    assert result.argmap == discussion


def test_multi_thesis_discussion_and_sources_footer() -> None:
    result = read_file(FIXTURES / "multi-thesis.kialo.txt")
    claims = list(result.argmap.claims.values())
    assert [c.stance for c in claims] == [None, "part", "pro", "part", "con"]
    assert result.argmap.map.description == "Sources:\n[1] Riverton transport survey, 2019."
    assert any("Thesis:" in str(w) and "2 times" in str(w) for w in result.warnings)


def test_missing_stance_and_dangling_see_are_warnings() -> None:
    argmap, warnings = read("1. Root\n1.1. No stance here\n1.2. Con: -> See 7.3.\n")
    assert argmap.claims["no-stance-here"].stance == "pro"
    assert any("k.txt:2:1:" in w and "without 'Pro:' or 'Con:'" in w for w in warnings)
    assert any("k.txt:3:1:" in w and "names no claim" in w for w in warnings)
    assert any("no 'Discussion Title:'" in w for w in warnings)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "discussion-gap.kialo.txt",
            "discussion-gap.kialo.txt:5:1: claim 1.3. where 1.2. was expected: a gap in the "
            "numbering (is a claim missing?)",
        ),
        (
            "discussion-orphan.kialo.txt",
            "discussion-orphan.kialo.txt:5:1: claim 1.2.1. has no parent 1.2. above it",
        ),
    ],
)
def test_a_gap_in_the_numbering_is_one_clear_error(name: str, expected: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_file(FIXTURES / name)
    message = str(caught.value)
    assert message.endswith(expected) or expected in message
    assert "\n" not in message


def test_duplicate_numbers_and_a_second_root_one() -> None:
    with pytest.raises(ReadError, match=r"claim 1\.1\. where 1\.2\. was expected"):
        read("1. Root\n1.1. Pro: a\n1.1. Pro: b\n")
    argmap, _ = read("1. First root\n2. Second root\n2.1. Con: c\n")
    assert [c.parent for c in argmap.claims.values()] == [None, None, "second-root"]


# ------------------------------------------------ issue 15: Kialo text goes back out the same


def export_kialo(argmap: ArgumentMap) -> str:
    from debate.formats import export_map

    return str(export_map(argmap, "kialo"))


def test_spaces_and_line_breaks_are_kept_both_ways() -> None:
    text = (
        "Discussion Title: Spaces\n\n1. Two  spaces,\u00a0\u00a0no-break spaces and\ttabs.\n"
        "1.1. Pro: A claim over\ntwo lines \\(with parentheses\\).\n"
        "1\\. not a number,\nSources\\:\nnot a footer either.\n"
    )
    argmap, _ = read(text)
    claims = list(argmap.claims.values())
    assert claims[0].text == "Two  spaces,\u00a0\u00a0no-break spaces and\ttabs."
    assert claims[1].text == (
        "A claim over\ntwo lines (with parentheses).\n1. not a number,\nSources:\nnot a footer either."
    )
    assert export_kialo(argmap) == text


def test_a_see_line_to_the_parent_is_a_mutual_relation() -> None:
    from debate.lint import lint_map

    text = "Discussion Title: M\n\n1. Root\n1.1. Con: Attacker\n1.1.1. Con: -> See 1.\n"
    argmap, warnings = read(text)
    attacker = argmap.claims["attacker"]
    assert (attacker.parent, attacker.stance, attacker.mutual) == ("root", "con", "con")
    assert attacker.links == []
    assert any("k.txt:5:1:" in w and "mutual" in w for w in warnings)
    assert [f.rule for f in lint_map(argmap, None) if f.rule != "no-source"] == []
    assert export_kialo(argmap) == text


def test_a_see_line_to_a_child_drops_the_second_place_with_a_warning() -> None:
    argmap, warnings = read("1. Root\n1.1. Pro: a\n1.2. Con: -> See 1.1.\n")
    assert argmap.claims["root"].links == [] and argmap.claims["a"].parent == "root"
    assert any("k.txt:3:1:" in w and "already its parent" in w for w in warnings)


def test_theses_and_sources_go_back_out_as_they_came() -> None:
    path = FIXTURES / "multi-thesis.kialo.txt"
    original = path.read_text(encoding="utf-8")
    assert export_kialo(read_file(path).argmap) == original


def test_a_claim_number_of_thousands_of_digits_is_a_located_error() -> None:
    with pytest.raises(ReadError) as caught:
        read("1. Root\n1." + "1" * 5000 + ". Pro: x\n")
    message = str(caught.value)
    assert message.startswith("k.txt:2:1: claim 1.111") and "internal" not in message
    assert len(message) < 300
