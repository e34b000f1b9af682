"""Reading Argdown: every syntax feature of tests/fixtures/import/features.argdown, the
official parser as an oracle, and bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.formats.readers import ReadError, SourceText, read_file, read_text
from debate.model import ArgumentMap
from tests.conftest import require_tool
from tests.formats.conftest import ARGDOWN

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
FEATURES = FIXTURES / "features.argdown"


def read(text: str, name: str = "t.argdown") -> tuple[ArgumentMap, list[str]]:
    result = read_text(SourceText(name, text), "argdown")
    return result.argmap, [str(problem) for problem in result.warnings]


@pytest.fixture(scope="module")
def features() -> ArgumentMap:
    return read_file(FEATURES).argmap


def test_front_matter_gives_title_description_and_author(features: ArgumentMap) -> None:
    assert features.map.title == "Should Riverton build a tram line?"
    assert (
        features.map.description == "A worked example for the importer, written for debate's tests."
    )
    assert features.map.author == "debate test suite"


def test_titles_become_ids_and_untitled_statements_get_slugs(features: ArgumentMap) -> None:
    claims = features.claims
    assert {"Tram", "Cost", "Capacity", "Grants", "Half", "Fund", "car-lanes", "no-tram"} <= set(
        claims
    )
    assert "riverton-qualifies-for-the-fund" in claims
    assert "a-statement-that-relates-to-nothing" in claims


def test_relations_in_every_direction(features: ArgumentMap) -> None:
    claims = features.claims

    def edge(child: str) -> tuple[str | None, str | None]:
        return claims[child].parent, claims[child].stance

    assert edge("Capacity") == ("Tram", "pro")  # +
    assert edge("Cost") == ("Tram", "con")  # -
    assert edge("Noise") == ("Tram", "con")  # _ (undercut)
    assert edge("no-tram") == ("Tram", "con")  # ><
    assert edge("Tourism") == ("Tram", "pro")  # <+
    assert edge("Buses") == ("Tram", "con")  # <-
    assert edge("Detour") == ("Tram", "con")  # <_
    # +> : Tram supports Growth, so Tram hangs under Growth (its first parent) ...
    assert edge("Tram") == ("Growth", "pro")
    # ... and its later outgoing relations (->, _>) become see-also links, with warnings.
    assert claims["Tram"].links == ["car-lanes", "old-line"]
    assert claims["car-lanes"].parent is None and claims["old-line"].parent is None


def test_multi_line_statements_comments_and_equivalence_classes(features: ArgumentMap) -> None:
    tram = features.claims["Tram"]
    # The last definition wins (as in Argdown); the other wording is kept as a note.
    assert tram.text == "Riverton should build a tram."
    assert [note.text for note in tram.notes] == [
        "Also stated as: Riverton should build a tram line from the station to the harbour."
    ]
    capacity = features.claims["Capacity"]
    assert capacity.text == "A tram carries three times as many people per driver as a bus."
    assert not any("comment" in claim.text for claim in features.claims.values())


def test_tags_headings_and_data(features: ArgumentMap) -> None:
    tram = features.claims["Tram"]
    assert tram.tags == ["The proposal", "transport", "city plan"]
    assert "#" not in tram.text
    capacity = features.claims["Capacity"]
    assert (capacity.weight, capacity.credence, capacity.by) == (3, 0.8, "Transit office")
    assert features.claims["Fund"].tags == ["Money"]
    assert features.claims["Listed"].tags == ["Loose ends"]


def test_premise_conclusion_structure(features: ArgumentMap) -> None:
    claims = features.claims
    # <Grants> supports its main conclusion [Cost]; the premises of the last inference
    # support the argument; the intermediate conclusion [Half] gets its own premises.
    assert (claims["Grants"].parent, claims["Grants"].stance) == ("Cost", "pro")
    assert claims["Half"].parent == "Grants"
    assert claims["half-the-cost-is-affordable-for"].parent == "Grants"
    assert claims["Fund"].parent == "Half"
    assert claims["riverton-qualifies-for-the-fund"].parent == "Half"
    assert claims["riverton-qualifies-for-the-fund"].tags == ["Money", "checked"]
    assert (claims["Audit"].parent, claims["Audit"].stance) == ("Half", "pro")
    # An undercut under the inference line attacks the argument.
    assert (claims["Inflation"].parent, claims["Inflation"].stance) == ("Grants", "con")
    assert "Inference: Modus ponens" in [note.text for note in claims["Grants"].notes]


def test_unrelated_statements_are_roots_and_text_is_unescaped(features: ArgumentMap) -> None:
    loose = features.claims["a-statement-that-relates-to-nothing"]
    assert loose.parent is None
    assert loose.text == (
        "A statement that relates to nothing, with a [bracket] and a link "
        "[to the plan](https://example.org/plan//v2)."
    )
    assert features.claims["also-listed"].text == "Another one, in Greek: Τραμ."


def test_warnings_name_their_lines() -> None:
    warnings = [str(w) for w in read_file(FEATURES).warnings]
    assert any(":26:" in w and "'colour'" in w for w in warnings)
    assert any(":23:5:" in w and "[Tram] also attacks [Car lanes]" in w for w in warnings)


def test_strict_mode_gives_the_same_stances() -> None:
    loose = FEATURES.read_text(encoding="utf-8")
    strict = loose.replace("mode: loose", "mode: strict")
    assert read(loose)[0] == read(strict)[0]


def test_crlf_bom_and_utf16_read_the_same(features: ArgumentMap, tmp_path: Path) -> None:
    text = FEATURES.read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.argdown"
    crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    utf16 = tmp_path / "utf16.argdown"
    utf16.write_bytes(text.encode("utf-16"))
    assert read_file(crlf).argmap == features
    assert read_file(utf16).argmap == features


def test_outgoing_relations_and_reconstructed_argument_relations() -> None:
    argmap, warnings = read(
        "[A]: a\n  +> [B]: b\n\n<R>: r\n  +> [C]: c\n\n<R>\n\n(1) p\n----\n(2) [D]: d\n"
    )
    assert (argmap.claims["A"].parent, argmap.claims["A"].stance) == ("B", "pro")
    # <R> has a reconstruction, so what <R> supports, its conclusion [D] supports (Argdown).
    assert argmap.claims["D"].parent == "C"
    assert argmap.claims["R"].parent == "D"
    assert argmap.claims["p"].parent == "R"
    assert warnings == []


def test_tolerant_where_argdown_is_strict() -> None:
    # An argument right above its reconstruction (no blank line), a blank line inside the
    # structure, and a relation that is not indented: all read, none lost.
    argmap, warnings = read("<R>: r\n(1) p\n\n(2) q\n----\n(3) c\n\n[T]: t\n+ [U]: u\n")
    assert argmap.claims["p"].parent == "R" and argmap.claims["q"].parent == "R"
    assert argmap.claims["R"].parent == "c"
    assert argmap.claims["U"].parent == "T"
    assert any("not indented" in w for w in warnings)


def test_undercut_of_an_anonymous_inference_lands_on_its_conclusion() -> None:
    argmap, _ = read("(1) p\n----\n  <_ [U]: u\n(2) [C]: c\n")
    assert argmap.claims["p"].parent == "C"
    assert (argmap.claims["U"].parent, argmap.claims["U"].stance) == ("C", "con")


def test_debate_data_keys_come_back() -> None:
    text = (
        '[a]: Root {"credence": 0.25, "by": "Ann", "tags": ["x y"], "links": ["b"],'
        ' "cite": [{"source": "src", "quote": "q"}],'
        ' "notes": [{"text": "n", "at": "2026-01-02T03:04:05Z", "by": "me"}],'
        ' "text": "Root\\n with  spaces"}\n'
        '  + [b]: Part {"stance": "part", "weight": 4}\n'
    )
    argmap, warnings = read(text)
    root, part = argmap.claims["a"], argmap.claims["b"]
    assert root.text == "Root\n with  spaces"
    assert (root.credence, root.by, root.tags, root.links) == (0.25, "Ann", ["x y"], ["b"])
    assert root.citations[0].source == "src" and root.citations[0].quote == "q"
    assert argmap.sources["src"].title == "src"
    assert root.notes[0].by == "me" and root.notes[0].at is not None
    assert (part.stance, part.weight) == ("part", 4)
    assert warnings == []


def test_yaml_data_as_people_write_it() -> None:
    argmap, warnings = read(
        "[a]: A {by: Ann's camp, credence: 1e-1,\n  tags: [x, 'y}z']} and more text\n"
    )
    claim = argmap.claims["a"]
    assert (claim.by, claim.credence, claim.tags, claim.text) == (
        "Ann's camp",
        0.1,
        ["x", "y}z"],
        "A and more text",
    )
    assert warnings == []


def test_bad_data_is_a_warning_not_a_crash() -> None:
    argmap, warnings = read("[a]: A {weight: 9, credence: high}\n  + [b]: B {: [}\n")
    assert argmap.claims["a"].weight is None
    assert len(warnings) == 3
    assert any("weight 9 is not 0-4" in w for w in warnings)
    assert any(":2:" in w and "not valid YAML" in w for w in warnings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("===\ntitle: x\n\n[a]: b\n", "t.argdown:1:1: front matter opened here is never closed"),
        ("[a]: b\n/* open\n\n[c]: d\n", "t.argdown:2:1: comment opened here is never closed"),
        ("[a]: b {weight: 3,\n  credence", "t.argdown:1:8: data block opened here is never closed"),
    ],
)
def test_truncated_files_are_one_clear_error(text: str, expected: str) -> None:
    with pytest.raises(ReadError) as caught:
        read(text)
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_an_empty_file_has_no_claims() -> None:
    with pytest.raises(ReadError, match="no claims found"):
        read("// nothing but a comment\n")


# ------------------------------------------------------------------- the official parser


def _official(path: Path, tmp_path: Path) -> dict:
    argdown = require_tool("argdown", str(ARGDOWN))
    subprocess.run(
        [argdown, "json", str(path), str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return json.loads((tmp_path / f"{path.stem}.json").read_text(encoding="utf-8"))


def test_agrees_with_the_official_argdown_parser(tmp_path: Path) -> None:
    """Every statement, argument and relation Argdown's own parser finds is in the map."""
    official = _official(FEATURES, tmp_path)
    result = read_file(FEATURES)
    by_origin = {origin: claim_id for claim_id, origin in result.origin.items()}
    claims = result.argmap.claims

    def claim_for(title: str, kind: str) -> str:
        if kind == "argument":
            return by_origin[f"<{title}>"]
        if title.startswith("Untitled "):
            text = official["statements"][title]["members"][-1]["text"]
            words = text.split("#")[0].split()[:3]
            return next(c for c, claim in claims.items() if claim.text.split()[:3] == words)
        return by_origin[f"[{title}]"]

    for title in official["statements"]:
        assert claim_for(title, "statement") in claims
    for title in official["arguments"]:
        assert claim_for(title, "argument") in claims
    for relation in official["relations"]:
        source = claim_for(relation["from"], relation["fromType"])
        target_type = "argument" if relation["toType"] == "inference" else relation["toType"]
        target = claim_for(relation["to"], target_type)
        stance = "pro" if relation["relationType"] in ("support", "entails") else "con"
        pairs = [(source, target)]
        if relation["relationType"] == "contradictory":  # symmetric
            pairs.append((target, source))
        assert any(
            (claims[a].parent == b and claims[a].stance == stance) or b in claims[a].links
            for a, b in pairs
        ), relation
    for title, argument in official["arguments"].items():
        if argument.get("pcs"):
            conclusion = claim_for(argument["pcs"][-1]["title"], "statement")
            assert claims[claim_for(title, "argument")].parent == conclusion


def test_debate_export_opens_in_argdown_and_reads_back(tmp_path: Path) -> None:
    """Our reader and Argdown's parser agree on a file debate itself wrote."""
    from debate.formats import export_map
    from debate.store import load_map
    from tests.conftest import DEFAULT_MAP

    argmap = load_map(DEFAULT_MAP).argmap
    path = tmp_path / "map.argdown"
    path.write_text(str(export_map(argmap, "argdown")), encoding="utf-8")
    official = _official(path, tmp_path)
    assert set(official["statements"]) == set(argmap.claims)
    back = read_file(path).argmap
    assert [(c, x.parent, x.stance) for c, x in back.claims.items()] == [
        (c, x.parent, x.stance) for c, x in argmap.claims.items()
    ]


# ------------------------------------------------ issue 15: what used to be lost, one by one

ROUND_TRIP = FIXTURES / "round-trip.argdown"


def test_links_and_fragments_are_single_tokens() -> None:
    argmap, warnings = read(
        "[A]: see [x](https://x.org/p#frag) now.\n\n[B]: Go [back](#top) now.\n\n"
        "[C]: a #real tag and a[link](u#v).\n"
    )
    assert argmap.claims["A"].text == "see [x](https://x.org/p#frag) now."
    assert argmap.claims["B"].text == "Go [back](#top) now."
    assert (argmap.claims["A"].tags, argmap.claims["B"].tags) == ([], [])
    assert (argmap.claims["C"].text, argmap.claims["C"].tags) == (
        "a tag and a[link](u#v).",
        ["real"],
    )
    assert warnings == []


def test_a_bare_address_is_cut_by_its_comment_as_in_argdown_and_says_so() -> None:
    argmap, warnings = read("[C]: bare https://x.org/p#frag2 here.\n")
    assert (argmap.claims["C"].text, argmap.claims["C"].tags) == ("bare https:", [])
    assert [w.split(": ")[0] for w in warnings] == ["t.argdown:1:17"]
    assert "write addresses as [text](url)" in warnings[0]
    # With a port, Argdown reads ":...:" as one token and no comment starts: the address stays.
    argmap, warnings = read("[C]: see http://x.org:8080/p now.\n")
    assert argmap.claims["C"].text == "see http://x.org:8080/p now." and warnings == []


def test_a_heading_runs_on_to_the_next_element() -> None:
    argmap, _ = read("# Heading that goes\non to a second line\n\n[A]: a statement.\n")
    assert list(argmap.claims) == ["A"]
    assert argmap.claims["A"].tags == ["Heading that goes on to a second line"]
    argmap, _ = read("## Short\n[B]: directly under it.\n")
    assert argmap.claims["B"].tags == ["Short"]


def test_front_matter_authors_and_dropped_keys() -> None:
    argmap, warnings = read(
        "===\ntitle: T\nauthor:\n  - Ann\n  - Bob\ncolor: {tag: red}\nlogLevel: verbose\n===\n\n"
        "[A]: a\n"
    )
    assert (argmap.map.author, argmap.map.authors) == (None, ["Ann", "Bob"])
    assert sorted(w.split(": ", 1)[1] for w in warnings) == [
        "front matter key 'color' has no place in a debate map; dropped",
        "front matter key 'logLevel' has no place in a debate map; dropped",
    ]
    argmap, warnings = read("===\nauthor: [Ann]\ntitle: [not, text]\n===\n\n[A]: a\n")
    assert (argmap.map.author, argmap.map.authors) == ("Ann", [])
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "front matter key 'title' is not text; dropped"
    ]


def test_a_dropped_data_key_warns_once_wherever_it_is_written() -> None:
    _, warnings = read(
        "<R>: r {foo: 1}\n\n(1) p {foo: 2}\n--\nModus ponens {foo: [1,2], bar: x}\n--\n(2) c\n"
    )
    dropped = [w for w in warnings if "has no place" in w]
    assert len(dropped) == 2
    assert any("'foo'" in w and "(3 times; first here)" in w and ":1:1:" in w for w in dropped)
    assert dropped[0].startswith("t.argdown:1:1:")
    assert any("'bar'" in w and ":4:1:" in w for w in dropped)


def test_titles_that_are_no_ids_are_kept_and_written_back(tmp_path: Path) -> None:
    from debate.formats import export_map

    argmap, _ = read(
        "<Weltbevölkerungs-Argument>: W.\n  + [Statement 1]: s1.\n\n[Other]: see @[Statement 1].\n"
    )
    claims = argmap.claims
    assert claims["weltbevolkerungs-argument"].title == "Weltbevölkerungs-Argument"
    assert claims["statement-1"].title == "Statement 1"
    assert claims["Other"].title is None  # a title that is an id is the id
    exported = str(export_map(argmap, "argdown"))
    assert "[Statement 1]: s1." in exported and "see @[Statement 1]." in exported
    path = tmp_path / "titles.argdown"
    path.write_text(exported, encoding="utf-8")
    official = _official(path, tmp_path)
    assert {"Weltbevölkerungs-Argument", "Statement 1", "Other"} <= set(official["statements"])
    mention = official["statements"]["Other"]["members"][0]["ranges"]
    assert any(r["type"] == "statement-mention" and r["title"] == "Statement 1" for r in mention)
    assert read(exported)[0] == argmap


def test_a_title_used_twice_is_written_once_and_an_id_stands_in() -> None:
    from debate.formats import export_map

    argmap, _ = read("[X]: statement x\n\n<X>: argument x\n  + [Y y]: y\n")
    assert argmap.claims["X-2"].title == "X"
    exported = str(export_map(argmap, "argdown"))
    assert exported.count("[X]:") == 1 and "[X-2]:" in exported and '"title": "X"' in exported
    assert read(exported)[0] == argmap


def test_shortcodes_become_what_argdown_shows() -> None:
    argmap, _ = read("[A]: d .->. e :heart: x.y.z e.g. this \\.->. stays.\n")
    assert argmap.claims["A"].text == "d → e ❤ x✔z e.g. this .->. stays."


def test_spaces_are_kept_where_argdown_keeps_them() -> None:
    argmap, _ = read("[A]: a  b\u00a0\u00a0c\td #t1  e\n  f   g.  H,  i - j  k\\#  l (m)  n.\n")
    assert argmap.claims["A"].text == "a  b\u00a0\u00a0c\td e f   g. H, i - j  k#  l (m) n."


def test_a_title_inside_text_is_kept_and_warned_about() -> None:
    argmap, warnings = read("[C]: directly below.\n> [Remote]\n\n[D]: d <Arg> d\n")
    assert argmap.claims["C"].text == "directly below. > [Remote]"
    assert argmap.claims["D"].text == "d <Arg> d"
    assert len(warnings) == 1 and warnings[0].startswith("t.argdown:2:1: '[Remote]' inside the")
    assert "kept as text (2 times; first here)" in warnings[0]


def test_mutual_attacks_are_kept_and_lint_accepts_them() -> None:
    from debate.formats import export_map
    from debate.lint import lint_map

    argmap, warnings = read("[A]: a\n  - [B]: b\n    - [A]\n")
    assert (argmap.claims["B"].parent, argmap.claims["B"].mutual) == ("A", "con")
    assert argmap.claims["A"].links == [] and argmap.claims["B"].links == []
    assert 'kept as `mutual = "con"` on [B]' in warnings[0]
    assert [f.rule for f in lint_map(argmap, None) if f.rule != "no-source"] == []
    exported = str(export_map(argmap, "argdown"))
    assert "    <- [A]" in exported
    assert read(exported)[0] == argmap


def test_a_nul_in_the_text_never_passes_for_data() -> None:
    argmap, _ = read("[A]: x \x000\x00 y {by: Ann}\n")
    assert argmap.claims["A"].text == "x \x000\x00 y"
    assert argmap.claims["A"].by == "Ann"


@pytest.mark.parametrize(
    "text",
    [
        "(" + "9" * 5000 + ") p\n----\n(2) c\n",
        "[A]: a {weight: " + "1" * 5000 + "}\n",
        "[A]: a " + "{a: " * 200 + "1" + "}" * 200 + "\n",
        "===\nauthor: " + "[" * 200 + "]" * 200 + "\n===\n[A]: a\n",
    ],
)
def test_absurd_numbers_and_nesting_are_warnings(text: str) -> None:
    argmap, warnings = read(text)
    assert argmap.claims and warnings
    assert all("internal error" not in w for w in warnings)


def test_the_round_trip_fixture_agrees_with_argdown(tmp_path: Path) -> None:
    """Every statement the official parser finds has its text and section here, and the
    relations between them (the mutual attack as `mutual`)."""
    official = _official(ROUND_TRIP, tmp_path)
    result = read_file(ROUND_TRIP)
    claims = result.argmap.claims
    by_origin = {origin: claim_id for claim_id, origin in result.origin.items()}
    sections = {s["id"]: s["title"] for s in official["sections"]}
    for title, statement in official["statements"].items():
        if title.startswith("Untitled"):
            continue
        claim = claims[by_origin[f"[{title}]"]]
        member = next(m for m in statement["members"] if m.get("text"))
        plain = member["text"].replace(
            "survey and notes", "[survey](https://example.org/survey#piers) and [notes](#top)"
        )
        assert claim.text == plain
        assert claim.tags[0] == sections[member["section"]]
    repair, estimate = by_origin["[Repair]"], by_origin["[Estimate]"]
    assert (claims[estimate].parent, claims[estimate].mutual) == (repair, "con")
    assert result.argmap.map.authors == ["Ada Quay", "Ben Lock"]


@settings(max_examples=500, derandomize=True, database=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b c",
                " ",
                "  ",
                "\t",
                ".",
                ":",
                ",",
                "-",
                "(",
                ")",
                "*",
                "_",
                "@",
                "\x000\x00",
                "\x001\x00",
                "é",
                "#",
                "#t",
                "#a_b",
                "#(x y)",
            ]
        ),
        max_size=20,
    ).map("".join)
)
def test_plain_text_takes_a_fast_path_that_reads_the_same(raw: str) -> None:
    from debate.formats.readers.argdown import _NEEDS_TOKENS, _plain_inline, _token_inline

    if not _NEEDS_TOKENS.search(raw):
        assert _plain_inline(raw) == _token_inline(raw, links_as_text=False)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_in_a_data_block_reads_as_yaml_reads_it(constant: str) -> None:
    """``NaN`` and ``Infinity`` are not JSON (Python's json takes them as floats): a block
    holding one is read as YAML, as Argdown reads it, the same with or without quoted keys."""
    text = f'[A]: a {{"text": {constant}}}\n\n[B]: b {{text: {constant}}}\n'
    argmap = read_text(SourceText("x.argdown", text)).argmap
    first, second = argmap.claims.values()
    assert first.text == second.text == constant
