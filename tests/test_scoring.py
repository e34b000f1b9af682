"""The scoring API the TUI and the exports rely on: defaults, weights, parts, perspectives,
explanations, comparisons, incremental refresh, bad names, very deep maps."""

from __future__ import annotations

import subprocess
import sys

import pytest

from debate.errors import DebateError
from debate.model import Claim, Perspective
from debate.scoring import (
    DEFAULT_SEMANTICS,
    SEMANTICS,
    Scorer,
    UnknownClaim,
    UnknownPerspective,
    UnknownSemantics,
    compare,
    explain,
    score,
)
from tests.scoring_maps import chain, tree


def test_semantics_names_and_default() -> None:
    assert list(SEMANTICS) == ["df-quad", "quadratic-energy", "euler", "h-categorizer"]
    assert DEFAULT_SEMANTICS == "df-quad"
    assert all(SEMANTICS.values())


def test_unset_weight_and_credence_use_the_model_defaults() -> None:
    """Credence 0.5, weight 2 (= half influence): DF-QuAD gives 0.5 + 0.5·(0.5·0.5)."""
    scorer = Scorer(tree(("a", None, None, None, None), ("b", "a", "pro", None, None)))
    assert scorer.credence("a") == 0.5
    assert scorer.weight("b") == 2
    assert scorer.strength("a") == pytest.approx(0.625)


@pytest.mark.parametrize("semantics", list(SEMANTICS))
def test_weight_scales_a_childs_influence(semantics: str) -> None:
    strengths = []
    for weight in range(5):
        argmap = tree(("a", None, None, None, 0.4), ("b", "a", "con", weight, 0.9))
        strengths.append(Scorer(argmap, semantics).strength("a"))
    assert strengths[0] == 0.4  # weight 0: no effect at all
    assert strengths == sorted(strengths, reverse=True)  # more weight, more attack
    assert len(set(strengths)) == 5


def test_weight_is_divided_by_four_before_aggregation() -> None:
    """Weight 2 on a 0.8 supporter acts as a weight-4 supporter of strength 0.4."""
    half = tree(("a", None, None, None, 0.3), ("b", "a", "pro", 2, 0.8))
    full = tree(("a", None, None, None, 0.3), ("b", "a", "pro", 4, 0.4))
    for semantics in SEMANTICS:
        assert Scorer(half, semantics).strength("a") == pytest.approx(
            Scorer(full, semantics).strength("a")
        )


def test_parts_make_the_base_as_a_weighted_mean() -> None:
    argmap = tree(
        ("q", None, None, None, 0.9),
        ("x", "q", "part", 3, 0.8),
        ("y", "q", "part", 1, 0.2),
        ("z", "q", "part", 0, 1.0),  # weight 0: left out of the mean
    )
    scorer = Scorer(argmap)
    assert scorer.base("q") == pytest.approx((3 * 0.8 + 1 * 0.2) / 4)
    assert scorer.strength("q") == scorer.base("q")  # no pro/con children: strength = base
    assert scorer.credence("q") == 0.9  # the claim's own credence is not used


def test_parts_with_zero_total_weight_fall_back_to_the_credence() -> None:
    argmap = tree(("q", None, None, None, 0.9), ("x", "q", "part", 0, 0.1))
    assert Scorer(argmap).strength("q") == 0.9


def test_parts_then_pros_and_cons_act_on_the_part_mean() -> None:
    """A claim with both kinds (the default map's catch-up-what): parts set the base, then
    pros and cons move it like any base score."""
    argmap = tree(
        ("q", None, None, None, 0.9),
        ("x", "q", "part", 2, 0.4),
        ("y", "q", "part", 2, 0.6),
        ("p", "q", "pro", 4, 0.5),
    )
    scorer = Scorer(argmap)
    assert scorer.base("q") == pytest.approx(0.5)
    assert scorer.strength("q") == pytest.approx(0.5 + 0.5 * 0.5)


def test_perspective_overlays_weight_and_credence() -> None:
    argmap = tree(
        ("a", None, None, None, 0.5),
        ("b", "a", "con", 2, 0.5),
        perspectives={
            "harsh": Perspective(weight={"b": 4}, credence={"b": 1.0, "a": 0.6}),
        },
    )
    base, harsh = Scorer(argmap), Scorer(argmap, perspective="harsh")
    assert (harsh.weight("b"), harsh.credence("b"), harsh.credence("a")) == (4, 1.0, 0.6)
    assert harsh.strength("a") == pytest.approx(0.0)
    assert base.strength("a") == pytest.approx(0.5 - 0.5 * 0.25)
    base.set_perspective("harsh")
    assert base.strengths == harsh.strengths
    base.set_perspective(None)
    assert base.perspective is None
    assert base.strength("a") == pytest.approx(0.375)


def test_unknown_names_are_one_clear_line_with_a_suggestion() -> None:
    argmap = tree(("catch-up", None, None, None, 0.5), perspectives={"optimist": Perspective()})
    with pytest.raises(
        UnknownSemantics,
        match=r"unknown semantics 'dfquad' \(did you mean 'df-quad'\?\); choose one of: df-quad, quadratic-energy, euler, h-categorizer",
    ):
        Scorer(argmap, "dfquad")
    with pytest.raises(
        UnknownPerspective,
        match=r"unknown perspective 'optimst' \(did you mean 'optimist'\?\); the map defines: optimist",
    ):
        Scorer(argmap, perspective="optimst")
    with pytest.raises(
        UnknownClaim, match=r"^unknown claim 'catchup' \(did you mean 'catch-up'\?\)$"
    ):
        Scorer(argmap).explain("catchup")
    with pytest.raises(UnknownPerspective, match="defines no perspectives"):
        Scorer(tree(("a", None, None, None, 0.5)), perspective="x")
    for error in (UnknownSemantics, UnknownPerspective, UnknownClaim):
        assert issubclass(error, DebateError)
    with pytest.raises(KeyError):
        Scorer(argmap).strength("nope")


def test_explanation_lists_each_childs_effect_largest_first() -> None:
    argmap = tree(
        ("a", None, None, None, 0.5),
        ("small", "a", "pro", 1, 0.2),
        ("big", "a", "con", 4, 0.9),
        ("inert", "a", "pro", 0, 1.0),
    )
    explanation = Scorer(argmap).explain("a")
    assert [item.child for item in explanation.contributions] == ["big", "small", "inert"]
    big, small, inert = explanation.contributions
    assert big.delta < 0 < small.delta
    assert inert.delta == 0 and inert.weight == 0
    assert big.without == pytest.approx(0.5 + 0.5 * 0.05)  # only 'small' left
    assert (explanation.base, explanation.credence, explanation.parts) == (0.5, 0.5, 0)
    summary = explanation.summary()
    assert summary.startswith(f"{explanation.strength:.2f} from base 0.50 (its credence): ")
    assert "con 'big' -" in summary and "pro 'small' +" in summary
    assert explain(argmap, "small").summary() == "0.20 = base 0.20 (its credence): no children"


def test_explanation_of_a_part_child_recomputes_the_mean_without_it() -> None:
    argmap = tree(
        ("q", None, None, None, 0.9),
        ("x", "q", "part", 3, 0.8),
        ("y", "q", "part", 1, 0.2),
    )
    explanation = Scorer(argmap).explain("q")
    by_child = {item.child: item for item in explanation.contributions}
    assert by_child["x"].without == pytest.approx(0.2)
    assert by_child["y"].without == pytest.approx(0.8)
    assert explanation.parts == 2
    assert "weighted mean of 2 parts" in explanation.summary()


def test_refresh_recomputes_ancestors_and_reports_what_moved() -> None:
    argmap = tree(
        ("root", None, None, None, 0.5),
        ("mid", "root", "pro", 4, 0.5),
        ("leaf", "mid", "con", 4, 0.5),
        ("other", "root", "con", 2, 0.5),
        ("elsewhere", None, None, None, 0.5),
    )
    scorer = Scorer(argmap)
    argmap.claims["leaf"].weight = 2
    assert scorer.refresh("leaf") == ["mid", "root"]  # the leaf itself did not move
    argmap.claims["leaf"].credence = 0.9
    assert scorer.refresh("leaf") == ["leaf", "mid", "root"]
    assert scorer.strengths == Scorer(argmap).strengths
    assert scorer.refresh("elsewhere") == []  # nothing changed


def test_refresh_notices_structural_edits() -> None:
    argmap = tree(("a", None, None, None, 0.5), ("b", "a", "pro", 4, 0.5))
    scorer = Scorer(argmap)
    argmap.claims["c"] = Claim(text="c", parent="a", stance="con", weight=4, credence=1.0)
    assert set(scorer.refresh("c")) == {"a", "c"}
    argmap.claims["b"].stance = "con"
    assert scorer.refresh("b") == ["a"]
    assert scorer.strengths == Scorer(argmap).strengths
    del argmap.claims["c"]
    scorer.refresh("b")
    assert "c" not in scorer.strengths and scorer.strengths == Scorer(argmap).strengths


def test_refresh_of_a_perspective_overlay_entry() -> None:
    argmap = tree(
        ("a", None, None, None, 0.5),
        ("b", "a", "pro", 4, 0.5),
        perspectives={"p": Perspective()},
    )
    scorer = Scorer(argmap, perspective="p")
    argmap.perspectives["p"].weight["b"] = 0
    assert scorer.refresh("b") == ["a"]
    assert scorer.strength("a") == 0.5


def test_verdicts_are_the_roots_in_file_order() -> None:
    argmap = tree(
        ("one", None, None, None, 0.1),
        ("kid", "one", "pro", 4, 0.5),
        ("two", None, None, None, 0.2),
    )
    assert list(Scorer(argmap).verdicts()) == ["one", "two"]


def test_compare_lines_up_every_perspective_and_finds_the_disagreements() -> None:
    argmap = tree(
        ("a", None, None, None, 0.5),
        ("b", "a", "con", 2, 0.5),
        ("c", "a", "pro", 2, 0.5),
        perspectives={
            "harsh": Perspective(weight={"b": 4}),
            "kind": Perspective(credence={"c": 1.0}),
        },
    )
    comparison = compare(argmap)
    assert comparison.perspectives == [None, "harsh", "kind"]
    assert comparison.verdicts[None] == {"a": score(argmap)["a"]}
    assert comparison.verdicts["harsh"]["a"] < comparison.verdicts[None]["a"]
    assert comparison.verdicts["kind"]["a"] > comparison.verdicts[None]["a"]
    divergent = comparison.divergent()
    assert [claim_id for claim_id, _ in divergent] == ["c", "a"]  # b agrees everywhere
    assert divergent[0][1] == {None: 0.5, "harsh": 0.5, "kind": 1.0}
    assert comparison.divergent(limit=1) == divergent[:1]
    assert compare(tree(("x", None, None, None, 0.5))).divergent() == []


@pytest.mark.parametrize("semantics", list(SEMANTICS))
def test_a_ten_thousand_deep_chain_scores_explains_and_refreshes(semantics: str) -> None:
    argmap = chain(10_000)
    scorer = Scorer(argmap, semantics)
    assert 0.5 < scorer.strength("c0") <= 1.0
    assert len(scorer.explain("c0").contributions) == 1
    argmap.claims["c9999"].credence = 0.0
    scorer.refresh("c9999")
    assert scorer.strengths == Scorer(argmap, semantics).strengths


def test_a_parent_cycle_does_not_hang() -> None:
    """check_structure rejects cycles at load; a map edited in memory may still have one."""
    argmap = tree(("a", None, None, None, 0.5), ("b", "a", "pro", 4, 0.7))
    argmap.claims["x"] = Claim(text="x", parent="y", stance="pro", credence=0.3)
    argmap.claims["y"] = Claim(text="y", parent="x", stance="con", credence=0.4)
    scorer = Scorer(argmap)
    assert scorer.strength("x") == 0.3 and scorer.strength("y") == 0.4
    assert scorer.refresh("x") == []


def test_scoring_never_imports_textual_or_rich() -> None:
    code = (
        "import sys, debate.scoring, debate.store;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
