"""``debate diff``: a semantic diff by claim id, as rich text, plain text, JSON and for git."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.cli import main
from debate.diff import diff_maps, word_diff
from debate.model import ArgumentMap, Citation, Claim, Note, Perspective
from debate.store import dump_map, load_map
from tests.conftest import DEFAULT_MAP
from tests.strategies import argument_maps

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GIT_DIFF_PATH_TOTAL", raising=False)

    def invoke(*args: str | Path) -> tuple[int, str, str]:
        code = main(["diff", *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def edited_default() -> ArgumentMap:
    """The default map with one edit of every kind the diff reports."""
    argmap = load_map(DEFAULT_MAP).argmap.model_copy(deep=True)
    claims = argmap.claims
    claims["new-reply"] = Claim(
        parent="moat-shift", stance="con", text="A brand new reply.", weight=3
    )
    del claims["speaker-interest"]
    claims["us-style"].parent = "market-decides"  # moved
    claims["sooner-than-that"].text = "It will happen well before early 2027."
    claims["single-leaderboard"].stance = "pro"
    claims["ideas-spread"].weight = 1
    claims["ideas-spread"].credence = 0.3
    claims["market-decides"].by = "a reader"
    claims["market-decides"].cite = Citation(source="ai-gap", quote="market")
    claims["moat-shift"].tags = ["structural", "core"]
    claims["moat-shift"].links = ["catch-up-2027", "catch-up-what"]
    claims["moat-shift"].notes = [Note(text="Reviewed.", by="ana")]
    argmap.perspectives["sceptic"].weight["iteration-speed"] = 4
    argmap.perspectives["fresh"] = Perspective(description="new view", weight={"moat-shift": 0})
    argmap.sources["ai-gap"].publisher = "Someone else"
    argmap.map.title = "A new title"
    return argmap


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    path = tmp_path / "new.toml"
    path.write_text(dump_map(edited_default()))
    return path


def test_plain_diff_reports_every_kind_of_change(run: Run, edited: Path) -> None:
    code, out, _ = run(DEFAULT_MAP, edited, "--plain")
    assert code == 0
    lines = out.splitlines()
    expected = [
        "claims: 1 added, 1 removed, 6 changed",
        "  + new-reply (con of moat-shift, weight 3)  A brand new reply.",
        "  - speaker-interest (con of sooner-than-that, weight 2)  ",
        "      moved: stylistic-gap -> market-decides",
        "      reworded: It will happen [-sooner than-]{+well before+} early 2027.",
        '      restanced: "con" -> "pro"',
        "      reweighted: 3 -> 1",
        "      credence: 0.8 -> 0.3",
        '      holder: "the article" -> "a reader"',
        '      citation: {source="ai-gap", quote="the market will decide which fits the future"} '
        '-> {source="ai-gap", quote="market"}',
        '      tags: +"core"',
        "      links: +catch-up-what",
        "      links: -musk-structural-shift",
        '      notes: +"Reviewed." (by "ana")',
        "  ~ sceptic",
        "      weight.iteration-speed: 2 -> 4",
        "  + fresh (added)",
        "      weight.moat-shift: unset -> 0",
        "  ~ ai-gap",
        '      publisher: "Deskless Daily" -> "Someone else"',
        '  title: "Will Chinese AI models catch up to Claude by early 2027?" -> "A new title"',
    ]
    for line in expected:
        assert any(candidate.startswith(line) for candidate in lines), line
    assert lines[1] == "verdicts"
    assert lines[2].startswith("  catch-up-2027  ")
    assert "->" in lines[2] or "(unchanged)" in lines[2]
    assert "→" not in out  # plain is ASCII arrows


def test_json_diff_is_complete_and_machine_readable(run: Run, edited: Path) -> None:
    code, out, _ = run(DEFAULT_MAP, edited, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["changed"] is True
    assert data["counts"] == {"added": 1, "removed": 1, "changed": 6}
    by_id = {claim["id"]: claim for claim in data["claims"]}
    assert by_id["ideas-spread"]["kinds"] == ["reweighted", "credence"]
    assert by_id["sooner-than-that"]["words"] == [
        ["=", "It will happen "],
        ["-", "sooner than"],
        ["+", "well before"],
        ["=", " early 2027."],
    ]
    assert by_id["us-style"]["values"] == [
        {"field": "parent", "old": "stylistic-gap", "new": "market-decides"}
    ]
    assert by_id["speaker-interest"]["status"] == "removed"
    roots = [move["root"] for move in data["verdicts"] if move["perspective"] is None]
    assert roots == ["catch-up-2027", "moat-shift", "catch-up-what"]
    move = next(m for m in data["verdicts"] if m["root"] == "catch-up-2027")
    assert move["delta"] == pytest.approx(move["new"] - move["old"])
    assert move["old"] != move["new"]  # sooner-than-that's rewording does not, but the rest does


def test_rich_output_and_colour(run: Run, edited: Path, tmp_path: Path) -> None:
    code, out, _ = run(DEFAULT_MAP, edited)
    assert code == 0 and "→" in out and "\x1b[" not in out  # not a terminal: no colour
    code, out, _ = run(DEFAULT_MAP, edited, "--color", "always")
    assert "\x1b[" in out and "sooner than" in out and "[-" not in out


def test_user_text_is_data_never_markup_or_terminal_control(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    new = tmp_path / "new.toml"
    old.write_text('[claims.a]\ntext = "plain"\n')
    new.write_text('[claims.a]\ntext = "[bold]x[/] \\u001b[31mred"\n')
    for extra in ((), ("--plain",), ("--color", "always")):
        code, out, _ = run(old, new, *extra)
        assert code == 0
        assert "[bold]x[/]" in out and "\\x1b[31mred" in out
        assert "\x1b[31m" not in out


def test_layout_only_changes_are_no_changes(run: Run, tmp_path: Path, edited: Path) -> None:
    relaid = tmp_path / "relaid.toml"
    relaid.write_text("# a new comment\n" + DEFAULT_MAP.read_text().replace(" = ", "  =  "))
    code, out, _ = run(DEFAULT_MAP, relaid, "--exit-code")
    assert code == 0
    assert "no changes to the map's content" in out
    assert run(DEFAULT_MAP, edited, "--exit-code", "--no-verdicts")[0] == 1


def test_textconv_prints_an_outline_and_never_fails(run: Run, tmp_path: Path) -> None:
    code, out, _ = run("--textconv", DEFAULT_MAP)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "map"
    assert any(line.startswith("verdict catch-up-2027: 0.") for line in lines)
    at = lines.index("claim us-style")
    assert lines[at + 1 : at + 3] == [
        "  parent: stylistic-gap (pro)",
        "  text: " + load_map(DEFAULT_MAP).argmap.claims["us-style"].text,
    ]
    broken = tmp_path / "broken.toml"
    broken.write_text("[claims.x\ntext = 'y'\n")
    code, out, _ = run("--textconv", broken)
    assert code == 0
    assert out.startswith("# debate: not a valid map (")
    assert "[claims.x\n" in out


def test_git_external_diff_forms(run: Run, edited: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hexes = ("0" * 40, "100644")
    code, out, _ = run("arguments.toml", "/dev/null", *hexes, edited, *hexes)
    assert code == 0
    assert out.startswith("debate diff a/arguments.toml → b/arguments.toml")
    assert "claims: 41 added" in out and "new root" in out
    code, out, _ = run("old.toml", DEFAULT_MAP, *hexes, edited, *hexes, "new.toml", "similarity")
    assert code == 0 and "a/old.toml → b/new.toml" in out and "~ us-style" in out
    monkeypatch.setenv("GIT_DIFF_PATH_TOTAL", "1")
    assert run("arguments.toml") == (0, "* Unmerged path arguments.toml\n", "")


def test_git_form_falls_back_to_a_line_diff_for_a_broken_side(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(DEFAULT_MAP.read_text().replace("[claims.moat-shift]", "[claims.moat-shift"))
    hexes = ("0" * 40, "100644")
    code, out, _ = run("arguments.toml", DEFAULT_MAP, *hexes, broken, *hexes)
    assert code == 0
    assert "not a valid map" in out
    assert "-[claims.moat-shift]\n+[claims.moat-shift\n" in out


def test_bad_input_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[claims.a]\ntext = 'x'\nweight = 9\n")
    code, out, err = run(DEFAULT_MAP, broken)
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"{broken}:3:") and "claims.a.weight: must be a whole number" in err
    assert "Traceback" not in err
    assert run(DEFAULT_MAP)[0] == 2
    assert run("a", "b", "c")[0] == 2
    code, _, err = run("--textconv", DEFAULT_MAP, DEFAULT_MAP)
    assert code == 2 and "exactly one FILE" in err


def test_dev_null_means_an_empty_map(run: Run) -> None:
    code, out, _ = run(DEFAULT_MAP, "/dev/null", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"] == {"added": 0, "removed": 41, "changed": 0}
    assert {move["new"] for move in data["verdicts"]} == {None}


# -------------------------------------------------------------------------- properties


@given(st.text(max_size=30), st.text(max_size=30))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(text for op, text in ops if op != "+") == old
    assert "".join(text for op, text in ops if op != "-") == new
    assert all(text for _, text in ops)


def _rebuilds(ops: list[tuple[str, str]], old: str, new: str) -> bool:
    return (
        "".join(text for op, text in ops if op != "+") == old
        and "".join(text for op, text in ops if op != "-") == new
        and all(text for _, text in ops)
    )


def test_word_diff_of_long_texts_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """git runs this as its diff driver: 20,000 changed words once took minutes.

    Counted, not timed: difflib is never asked to compare more than MAX_COMPARISONS token
    pairs, whatever the texts.
    """
    import difflib
    import random

    from debate.diff import MAX_COMPARISONS

    class Bounded(difflib.SequenceMatcher):  # type: ignore[type-arg]
        def __init__(self, isjunk, a, b, **options):  # type: ignore[no-untyped-def]
            assert len(a) * len(b) <= MAX_COMPARISONS, (len(a), len(b))
            super().__init__(isjunk, a, b, **options)

    monkeypatch.setattr(difflib, "SequenceMatcher", Bounded)
    pick = random.Random(7).choice
    vocabulary = [f"word{index}" for index in range(300)]
    old_words = [pick(vocabulary) for _ in range(20_000)]
    new_words = [pick(vocabulary) for _ in range(20_000)]
    edited = [*old_words[:10_000], "CHANGED", *old_words[10_001:]]
    cases = {
        "one line, all changed": (" ".join(old_words), " ".join(new_words)),
        "one word changed": (" ".join(old_words), " ".join(edited)),
        "lines, all changed": ("\n".join(old_words), "\n".join(new_words)),
        "lines, some kept": (
            "\n".join(old_words[:3000]),
            "\n".join(old_words[:3000:2] + new_words[:1500]),
        ),
    }
    for name, (old, new) in cases.items():
        ops = word_diff(old, new)
        assert _rebuilds(ops, old, new), name
    assert [op for op in word_diff(*cases["one word changed"]) if op[0] != "="] == [
        ("-", old_words[10_000]),
        ("+", "CHANGED"),
    ]


@settings(max_examples=60, derandomize=True)
@given(st.text("ab \n", max_size=40), st.text("ab \n", max_size=40), st.integers(0, 30))
def test_word_diff_rebuilds_both_texts_when_it_falls_back(old: str, new: str, limit: int) -> None:
    """With a tiny budget the line and whole-text fallbacks run, and still rebuild both."""
    import debate.diff

    saved = debate.diff.MAX_COMPARISONS
    debate.diff.MAX_COMPARISONS = limit
    try:
        assert _rebuilds(word_diff(old, new), old, new)
    finally:
        debate.diff.MAX_COMPARISONS = saved


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps(max_claims=8), argument_maps(max_claims=8))
def test_diff_matches_the_maps(old: ArgumentMap, new: ArgumentMap) -> None:
    assert not diff_maps(old, old, verdicts=False).changed
    result = diff_maps(old, new, verdicts=False)
    added = {claim.id for claim in result.claims_with("added")}
    removed = {claim.id for claim in result.claims_with("removed")}
    changed = {claim.id for claim in result.claims_with("changed")}
    assert added == set(new.claims) - set(old.claims)
    assert removed == set(old.claims) - set(new.claims)
    assert changed == {
        c for c in set(old.claims) & set(new.claims) if old.claims[c] != new.claims[c]
    }
    assert result.changed is (old != new)
    json.dumps(result.to_json())
