"""The tree's rows without a terminal: splicing on expand and collapse, filters, outline."""

from __future__ import annotations

from debate.model import ArgumentMap, Claim, short_number
from debate.session import MapSession
from debate.store import LoadedMap, load_map
from debate.tui.widgets.tree_rows import ClaimFilter, TreeRows
from tests.tui.conftest import chain_map


def test_expand_and_collapse_splice_rows_under_the_claim(sample) -> None:
    rows = TreeRows(MapSession(load_map(sample), journal=False))
    rows.rebuild()
    assert rows.ids == ["tram", "second-root"]
    assert rows.expand(0) and not rows.expand(0)  # open already
    assert rows.ids == ["tram", "cheaper", "disruption", "markup", "second-root"]
    assert rows.depths == [0, 1, 1, 1, 0]
    assert rows.expand(1) and rows.ids[2] == "cost-overrun" and rows.depths[2] == 2
    assert rows.sibling_row(1, 1) == 3  # cheaper -> disruption, over its open subtree
    assert rows.sibling_row(4, 1) is None and rows.sibling_row(0, 1) == 5
    assert rows.collapse(0) == 5 and rows.collapse(0) is None
    assert rows.ids == ["tram", "second-root"] and "cheaper" in rows.expanded
    assert rows.guides("cost-overrun", 2, 4) == "│ └╴"
    assert [rows.number(claim_id) for claim_id in ("tram", "markup", "bus-cheap")] == [
        "1",
        "1.3",
        "2.1",
    ]


def test_show_only_keeps_ancestors_for_context_and_opens_them(sample) -> None:
    rows = TreeRows(MapSession(load_map(sample), journal=False))
    rows.rebuild()
    rows.set_filter(ClaimFilter("x", frozenset({"cost-overrun"}), only=True))
    assert rows.ids == ["tram", "cheaper", "cost-overrun"]
    assert rows.hides("disruption") and not rows.hides("tram")
    rows.set_filter(None)
    assert "disruption" in rows.ids and not rows.hides("disruption")


def test_a_deep_chain_is_rows_not_recursion() -> None:
    rows = TreeRows(MapSession(chain_map(5000), journal=False))
    rows.expand_to_level(None)
    assert len(rows.ids) == 5000 and rows.depths[-1] == 4999
    assert rows.open_ancestors("c4999") is False  # every ancestor is open already
    assert rows.number("c4999") == short_number(1, 5000, [1] * 8, keep=5) == "1…1.1.1"


def test_the_apps_path_numbers_are_the_maps_path_numbers() -> None:
    """One numbering rule: the tree widget shortens MapTree's path, it does not recount."""
    claims = {"r0": Claim(text="r0"), "r1": Claim(text="r1")}
    for index in range(2, 40):
        claims[f"r{index}"] = Claim(parent=f"r{index // 3}", stance="pro", text="x")
    argmap = ArgumentMap(claims=claims)
    tree = argmap.tree()
    rows = TreeRows(MapSession(LoadedMap(argmap, None, ""), journal=False))
    for claim_id in reversed(claims):  # asked out of order: no number depends on the last
        parts = [int(part) for part in tree.number(claim_id).split(".")]
        assert tree.path(claim_id) == parts
        assert rows.number(claim_id) == tree.number(claim_id)
    assert tree.number("r37") == "2.2.1.2" and tree.path("r37") == [2, 2, 1, 2]
