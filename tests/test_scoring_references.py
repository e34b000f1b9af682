"""Each semantics against numbers published with its paper or its reference implementation.

The papers' graphs are bipolar graphs with plain edges; in a map that is weight 4 (full
influence), base score = credence, attack = ``con`` child, support = ``pro`` child. Where a
paper's argument has two outgoing edges (a DAG, not a tree) it appears twice in the map; it
has no children of its own, so each copy's strength is its base score either way and the
numbers are unchanged.
"""

from __future__ import annotations

import pytest

from debate.scoring import Scorer
from tests.scoring_maps import tree

# ----------------------------------------------------------------------------- DF-QuAD


def e_democracy():
    """The e-democracy QuAD framework of Rago, Toni, Aurisicchio & Baroni (KR 2016), as
    encoded in Potyka's reference library: nicopotyka/Uncertainpy,
    examples/gradual/BAG/RagoEtAlEDemocracy.bag (A1, A2 answers; P pros; C cons)."""
    return tree(
        ("A1", None, None, None, 0.5),
        ("P1", "A1", "pro", 4, 0.7),
        ("P2", "A1", "pro", 4, 0.5),
        ("C2", "P2", "con", 4, 0.2),
        ("C3", "P2", "con", 4, 0.6),
        ("C4", "P2", "con", 4, 0.5),
        ("A2", None, None, None, 0.5),
        ("C1", "A2", "con", 4, 0.2),
        ("P3", "A2", "pro", 4, 0.9),
    )


def test_dfquad_reproduces_the_e_democracy_example() -> None:
    """DF-QuAD strengths printed by Uncertainpy's forward propagation (ProductAggregation +
    LinearInfluence(conservativeness=1), i.e. DF-QuAD) in
    nicopotyka/Uncertainpy examples/gradual/gradual_argumentation_examples.ipynb, cell
    "Computation via Forward Propagation": A1 0.862, A2 0.8500000000000001,
    P2 0.08000000000000002, leaves unchanged."""
    strengths = Scorer(e_democracy(), "df-quad").strengths
    printed = {"A1": 0.862, "A2": 0.8500000000000001, "P2": 0.08000000000000002}
    printed |= {"P1": 0.7, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5}
    for claim_id, value in printed.items():
        assert strengths[claim_id] == pytest.approx(value, abs=1e-15), claim_id


# ------------------------------------------------------------------- quadratic energy


def dispute_tree_example():
    """Example 4.1 of Čyras et al.'s quantitative dispute trees, as published in
    kcyras/QDT exampleQDT.ipynb: a(0.5) <- supp b(0.2), att c(0.85), supp d(0.65);
    b <- att e(0.4); c <- supp e(0.4), att f(1). ``e`` attacks b and supports c, so it
    appears twice (e_b, e_c)."""
    return tree(
        ("a", None, None, None, 0.5),
        ("b", "a", "pro", 4, 0.2),
        ("e_b", "b", "con", 4, 0.4),
        ("c", "a", "con", 4, 0.85),
        ("e_c", "c", "pro", 4, 0.4),
        ("f", "c", "con", 4, 1.0),
        ("d", "a", "pro", 4, 0.65),
    )


def test_quadratic_energy_reproduces_the_dispute_tree_example() -> None:
    """Quadratic energy (Potyka KR 2018) strengths printed in kcyras/QDT exampleQDT.ipynb
    (Example 4.1): a 0.51875517241626, b 0.172413793103448, c 0.625 (sympy evalf, 15
    significant digits); the paper's own rounding in the cell header is a 0.519, b 0.172,
    c 0.625, d 0.65, e 0.4, f 1."""
    strengths = Scorer(dispute_tree_example(), "quadratic-energy").strengths
    assert strengths["a"] == pytest.approx(0.51875517241626, abs=5e-15)
    assert strengths["b"] == pytest.approx(0.172413793103448, abs=5e-16)
    assert strengths["c"] == pytest.approx(0.625, abs=1e-15)
    assert round(strengths["a"], 3) == 0.519
    assert round(strengths["b"], 3) == 0.172
    for leaf, value in {"d": 0.65, "e_b": 0.4, "e_c": 0.4, "f": 1.0}.items():
        assert strengths[leaf] == value


def test_quadratic_energy_matches_the_reference_influence_function() -> None:
    """Potyka's reference QuadraticEnergyModel (nicopotyka/Uncertainpy,
    src/uncertainpy/gradual/semantics/QuadraticEnergyModel.py): for energy E > 0 the
    strength is w + (1 - w)·E²/(1+E²), else w - w·E²/(1+E²). Hand-computed on the
    e-democracy graph: P2 has E = -1.3 → 0.5 - 0.5·1.69/2.69; A1 has E = 0.7 + P2."""
    strengths = Scorer(e_democracy(), "quadratic-energy").strengths
    p2 = 0.5 - 0.5 * 1.69 / 2.69
    assert strengths["P2"] == pytest.approx(p2, abs=1e-15)
    energy = 0.7 + p2
    assert strengths["A1"] == pytest.approx(0.5 + 0.5 * energy**2 / (1 + energy**2), abs=1e-15)
    assert strengths["A2"] == pytest.approx(0.5 + 0.5 * 0.49 / 1.49, abs=1e-15)


# ------------------------------------------------------------------------- Euler-based


def test_euler_based_matches_hand_computed_values() -> None:
    """No worked example with printed numbers was found for the Euler-based semantics
    (Amgoud & Ben-Naim, IJCAI 2018 / IJAR 2018) or in a reference implementation's tests, so
    these values are computed by hand from the paper's formula
    σ(a) = 1 - (1 - w²) / (1 + w·e^E), E = Σ supporters - Σ attackers (the same formula as
    Uncertainpy's ContinuousEulerBasedModel), on the e-democracy graph, with 40-digit
    decimal arithmetic:
    P2: E = -1.3 → 0.33994322781404108;  A1: E = 0.7 + P2 → 0.68938031028225233;
    A2: E = 0.9 - 0.2 → 0.62628489861665615."""
    strengths = Scorer(e_democracy(), "euler").strengths
    assert strengths["P2"] == pytest.approx(0.33994322781404108, abs=1e-15)
    assert strengths["A1"] == pytest.approx(0.68938031028225233, abs=1e-15)
    assert strengths["A2"] == pytest.approx(0.62628489861665615, abs=1e-15)


def test_euler_based_bounds_from_the_paper() -> None:
    """Amgoud & Ben-Naim note the semantics never drops below w² (however strong the
    attack) and never reaches 1 from w < 1 (however strong the support)."""
    attacked = tree(
        ("a", None, None, None, 0.6),
        *((f"x{i}", "a", "con", 4, 1.0) for i in range(30)),
    )
    assert Scorer(attacked, "euler").strength("a") >= 0.36
    supported = tree(
        ("a", None, None, None, 0.6),
        *((f"x{i}", "a", "pro", 4, 1.0) for i in range(10)),
    )
    assert Scorer(supported, "euler").strength("a") < 1.0


# --------------------------------------------------------------------- h-categorizer


def test_h_categorizer_matches_besnard_and_hunter_on_argument_trees() -> None:
    """The h-categoriser of Besnard & Hunter (AIJ 128, 2001) on an argument tree: a leaf is
    1, a node 1/(1 + Σ children) — the recursion of TweetyProject's reference
    HCategorizer (TweetyProjectTeam/TweetyProject, net.sf.tweety.arg.deductive.categorizer).
    No printed example was found; by hand: d = 1, b = 1/(1+1) = 0.5, c = 1,
    a = 1/(1 + 0.5 + 1) = 0.4. (Credence 1 and weight 4 make every node unweighted.)"""
    strengths = Scorer(
        tree(
            ("a", None, None, None, 1.0),
            ("b", "a", "con", 4, 1.0),
            ("d", "b", "con", 4, 1.0),
            ("c", "a", "con", 4, 1.0),
        ),
        "h-categorizer",
    ).strengths
    assert strengths == pytest.approx({"a": 0.4, "b": 0.5, "d": 1.0, "c": 1.0}, abs=1e-15)


def test_weighted_h_categorizer_uses_the_base_weight() -> None:
    """Weighted h-categorizer (Amgoud, Ben-Naim, Doder & Vesic, IJCAI 2017):
    Deg(a) = w(a) / (1 + Σ Deg(attackers)). By hand: b = 0.5, a = 0.8 / 1.5 = 0.5333….
    Supports are this project's extension (docs/SCORING.md): the mirror image
    1 - (1 - x)/(1 + S), so with supporter s = 0.5: 1 - (1 - 0.5333…)/1.5 = 0.6888…."""
    attacked = tree(("a", None, None, None, 0.8), ("b", "a", "con", 4, 0.5))
    assert Scorer(attacked, "h-categorizer").strength("a") == pytest.approx(0.8 / 1.5, abs=1e-15)
    both = tree(
        ("a", None, None, None, 0.8),
        ("b", "a", "con", 4, 0.5),
        ("s", "a", "pro", 4, 0.5),
    )
    expected = 1 - (1 - 0.8 / 1.5) / 1.5
    assert Scorer(both, "h-categorizer").strength("a") == pytest.approx(expected, abs=1e-15)
