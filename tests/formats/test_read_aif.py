"""Reading AIF JSON: tests/fixtures/import/*.aif.json, dialogue nodes, graphs that are not
trees, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate.formats.readers import ReadError, SourceText, read_file, read_text
from debate.model import ArgumentMap

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
CORPUS = FIXTURES / "corpus.aif.json"


@pytest.fixture(scope="module")
def corpus() -> tuple[ArgumentMap, list[str]]:
    result = read_file(CORPUS)
    return result.argmap, [str(w) for w in result.warnings]


def by_text(argmap: ArgumentMap, start: str) -> str:
    return next(c for c, claim in argmap.claims.items() if claim.text.startswith(start))


def test_inodes_are_claims_and_schemes_are_relations(corpus: tuple[ArgumentMap, list[str]]) -> None:
    argmap, _ = corpus
    root = by_text(argmap, "Riverton should")
    claims = argmap.claims
    assert claims[root].parent is None
    assert (claims[by_text(argmap, "A tram")].parent, claims[by_text(argmap, "A tram")].stance) == (
        root,
        "pro",
    )  # RA
    assert claims[by_text(argmap, "Construction")].stance == "con"  # CA
    half = by_text(argmap, "Riverton pays")
    assert claims[half].parent == by_text(argmap, "Construction")
    # A linked RA (two premises) gives part children.
    assert [
        claims[c].stance
        for c in (by_text(argmap, "The national"), by_text(argmap, "Riverton qual"))
    ] == [
        "part",
        "part",
    ]
    assert all(
        claims[c].parent == half
        for c in (by_text(argmap, "The national"), by_text(argmap, "Riverton qual"))
    )


def test_undercut_rephrase_and_dialogue(corpus: tuple[ArgumentMap, list[str]]) -> None:
    argmap, warnings = corpus
    claims = argmap.claims
    # CA aimed at RA 3 (an undercut) lands on that inference's premise.
    rush = claims[by_text(argmap, "Only at rush")]
    assert (rush.parent, rush.stance) == (by_text(argmap, "A tram"), "con")
    # MA: a see-also link from the rephrasing to the original; both claims stay.
    assert claims[by_text(argmap, "Riverton ought")].links == [by_text(argmap, "Riverton should")]
    assert any(
        "skipped 5 nodes" in w and "L 2" in w and "YA 1" in w and "TA 1" in w and "PA 1" in w
        for w in warnings
    )
    assert all("Ana :" not in claim.text for claim in claims.values())
    assert claims[by_text(argmap, "Visitors")].parent is None  # only related through a PA


def test_second_parents_and_cycles_become_links(corpus: tuple[ArgumentMap, list[str]]) -> None:
    argmap, warnings = corpus
    popular = argmap.claims[by_text(argmap, "Trams are popular")]
    root = by_text(argmap, "Riverton should")
    assert popular.parent == by_text(argmap, "A tram")  # its first RA
    assert popular.links == [root]  # its second RA
    assert argmap.claims[root].links == [by_text(argmap, "Trams are popular")]  # the cycle
    assert any("corpus.aif.json:19:5:" in w and "also supports" in w for w in warnings)
    assert any("corpus.aif.json:25:5:" in w and "close a cycle" in w for w in warnings)


def test_ova_wrapper_and_numeric_ids() -> None:
    argmap = read_file(FIXTURES / "ova.aif.json").argmap
    assert [c.parent is None for c in argmap.claims.values()] == [True, False]
    text = json.dumps({"nodes": [{"nodeID": 1, "text": "a", "type": "I"}], "edges": []})
    assert read_text(SourceText("n.json", text), "aif").argmap.claims["a"].text == "a"


def test_an_edge_to_a_missing_node_is_one_clear_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_file(FIXTURES / "missing-node.aif.json")
    assert str(caught.value).endswith(
        "missing-node.aif.json:34:5: edge 99 goes to node 42, which is not in the file"
    )


def test_truncated_and_invalid_json() -> None:
    with pytest.raises(ReadError) as caught:
        read_file(FIXTURES / "truncated.aif.json")
    assert "truncated.aif.json:10:57: the file ends in the middle of the JSON (truncated?)" in str(
        caught.value
    )
    with pytest.raises(ReadError, match=r"x.json:1:11: not valid JSON"):
        read_text(SourceText("x.json", '{"nodes": ]}'), "aif")
    with pytest.raises(ReadError, match='expected a "nodes" array'):
        read_text(SourceText("x.json", '{"claims": {}}'), "aif")


def test_odd_nodes_are_warnings() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": "1", "text": "a", "type": "I"},
                {"nodeID": "1", "text": "dup", "type": "I"},
                {"text": "no id", "type": "I"},
                {"nodeID": "2", "text": "", "type": "I"},
                {"nodeID": "3", "type": "RA"},
            ],
            "edges": [{"fromID": "3", "toID": "1"}, {"edgeID": "e", "toID": "1"}],
        }
    )
    result = read_text(SourceText("w.json", text), "aif")
    messages = [w.message for w in result.warnings]
    assert "node 1 appears twice; the first is kept" in messages
    assert "a node without a nodeID; skipped" in messages
    assert "I-node 2 has no text" in messages
    assert "RA node 3 lacks a premise; skipped" in messages
    assert "an edge without fromID; skipped" in messages
    assert len(result.argmap.claims) == 2


# ------------------------------------------------ issue 15: AIF goes back out the same


def _export_aif(argmap: ArgumentMap) -> str:
    from debate.formats import export_map

    return str(export_map(argmap, "aif"))


def test_node_ids_and_timestamps_are_kept_and_written_back(
    corpus: tuple[ArgumentMap, list[str]],
) -> None:
    argmap, _ = corpus
    root = argmap.claims[by_text(argmap, "Riverton should")]
    assert root.origin is not None
    assert (root.origin.id, root.origin.at) == ("1", "2026-03-01 10:00:00")
    assert argmap.claims[by_text(argmap, "Riverton pays")].origin.id == "9"  # type: ignore[union-attr]
    exported = json.loads(_export_aif(argmap))
    inodes = {node["text"]: node for node in exported["nodes"] if node["type"] == "I"}
    assert inodes["Riverton should build a tram line."]["nodeID"] == "1"
    assert inodes["Riverton should build a tram line."]["timestamp"] == "2026-03-01 10:00:00"
    assert inodes["Trams are popular."]["nodeID"] == "15"
    ids = [node["nodeID"] for node in exported["nodes"]]
    assert len(ids) == len(set(ids))


def test_export_import_export_is_stable(corpus: tuple[ArgumentMap, list[str]]) -> None:
    argmap, _ = corpus
    first = _export_aif(argmap)
    again = read_text(SourceText("again.aif.json", first), "aif").argmap
    assert _export_aif(again) == first
    kept = {claim.text: claim.origin for claim in argmap.claims.values()}
    assert {claim.text: claim.origin for claim in again.claims.values()} == kept


def test_a_linked_argument_says_that_its_premises_become_parts(
    corpus: tuple[ArgumentMap, list[str]],
) -> None:
    _, warnings = corpus
    linked = [w for w in warnings if "linked argument" in w]
    assert len(linked) == 1 and linked[0].startswith(f"{CORPUS}:10:5: RA node 8 has 2 premises")
    assert "`part` children" in linked[0] and "base score" in linked[0]


def test_a_mutual_attack_is_kept_and_written_back() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": "a", "text": "A", "type": "I"},
                {"nodeID": "b", "text": "B", "type": "I"},
                {"nodeID": "c1", "text": "Default Conflict", "type": "CA"},
                {"nodeID": "c2", "text": "Default Conflict", "type": "CA"},
            ],
            "edges": [
                {"fromID": "b", "toID": "c1"},
                {"fromID": "c1", "toID": "a"},
                {"fromID": "a", "toID": "c2"},
                {"fromID": "c2", "toID": "b"},
            ],
        }
    )
    argmap = read_text(SourceText("m.json", text), "aif").argmap
    assert (argmap.claims["b"].parent, argmap.claims["b"].mutual) == ("a", "con")
    back = read_text(SourceText("m2.json", _export_aif(argmap)), "aif").argmap
    assert back.claims == argmap.claims


def test_an_id_of_thousands_of_digits_is_just_an_id() -> None:
    digits = "7" * 5000
    text = (
        '{"nodes": [{"nodeID": ' + digits + ', "text": "a", "type": "I"},'
        ' {"nodeID": 2, "text": "b", "type": "I"}, {"nodeID": 3, "type": "RA"}],'
        ' "edges": [{"fromID": 2, "toID": 3}, {"fromID": 3, "toID": ' + digits + "}]}"
    )
    argmap = read_text(SourceText("big.json", text), "aif").argmap
    assert argmap.claims["a"].origin.id == digits  # type: ignore[union-attr]
    assert argmap.claims["b"].parent == "a"


def test_json_nested_too_deeply_is_a_located_error() -> None:
    text = '{"nodes": [\n' + "[" * 5000 + "]" * 5000 + "]}"
    with pytest.raises(ReadError) as caught:
        read_text(SourceText("deep.json", text), "aif")
    assert str(caught.value) == (
        "deep.json:2:499: the JSON nests more than 500 levels deep here; AIF never does"
    )
