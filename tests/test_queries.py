"""Questions asked of a map (tags, holders, search), answered without a terminal."""

from __future__ import annotations

from hypothesis import given, settings

from debate.model import ArgumentMap
from debate.queries import (
    claims_held_by,
    claims_tagged,
    holder_counts,
    matching_claims,
    parse_tags,
    preorder,
    tag_counts,
)
from tests.strategies import argument_maps


def small_map() -> ArgumentMap:
    return ArgumentMap.model_validate(
        {
            "map": {"title": "t"},
            "claims": {
                "root": {"text": "Trams are GOOD", "tags": ["local"], "by": "Council"},
                "b": {"text": "Buses", "parent": "root", "stance": "con", "tags": ["cost"]},
                "a": {
                    "text": "Cheap to run",
                    "parent": "root",
                    "stance": "pro",
                    "tags": ["cost", "local"],
                    "by": "Residents",
                },
                "a1": {"text": "tram rails last", "parent": "a", "stance": "pro", "by": "Council"},
                "other": {"text": "Another root", "by": "Residents", "tags": ["cost"]},
            },
        }
    )


def test_tags_and_holders_counted_most_first_ties_in_first_seen_order() -> None:
    argmap = small_map()
    assert tag_counts(argmap) == [("cost", 3), ("local", 2)]
    assert holder_counts(argmap) == [("Council", 2), ("Residents", 2)]
    assert claims_tagged(argmap, "local") == {"root", "a"}
    assert claims_held_by(argmap, "Residents") == {"a", "other"}
    assert claims_tagged(argmap, "nowhere") == frozenset()
    empty = ArgumentMap.model_validate({"map": {"title": "t"}, "claims": {"x": {"text": "X"}}})
    assert tag_counts(empty) == [] and holder_counts(empty) == []
    argmap.claims["b"].tags = ["cost", "cost"]  # written twice, still one claim
    assert tag_counts(argmap) == [("cost", 3), ("local", 2)]


def test_tags_typed_by_hand_are_trimmed_deduplicated_and_lose_their_hash() -> None:
    assert parse_tags("timing, #evidence ,timing,, # ") == ["timing", "evidence"]
    assert parse_tags("") == []
    assert parse_tags("#a,#b") == ["a", "b"]


def test_search_matches_text_or_id_ignoring_case_in_reading_order() -> None:
    argmap = small_map()
    order = preorder(argmap.tree())
    assert order == ["root", "b", "a", "a1", "other"]
    assert matching_claims(argmap, order, "TRAM") == ["root", "a1"]
    assert matching_claims(argmap, order, "a1") == ["a1"]  # by id
    assert matching_claims(argmap, order, "[/]") == []  # plain text, never a pattern
    assert matching_claims(argmap, order, "") == []


@settings(max_examples=60, derandomize=True, deadline=None)
@given(argument_maps())
def test_every_claim_once_in_preorder_and_counts_add_up(argmap: ArgumentMap) -> None:
    order = preorder(argmap.tree())
    assert sorted(order) == sorted(argmap.claims)
    tagged = sum(len(set(claim.tags)) for claim in argmap.claims.values())
    assert sum(count for _, count in tag_counts(argmap)) == tagged
    for tag, count in tag_counts(argmap):
        assert len(claims_tagged(argmap, tag)) == count
    for holder, count in holder_counts(argmap):
        assert len(claims_held_by(argmap, holder)) == count
