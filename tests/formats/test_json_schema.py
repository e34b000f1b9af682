"""The JSON export and ``debate score --json`` validate against their published schemas, for
any map and any options, and describe strengths with one record, rounded one way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from debate.commands.score_output import scores_json
from debate.formats.json_data import SCHEMA_ID, SCORES_SCHEMA_ID
from debate.model import ArgumentMap
from debate.scoring import Scorer
from tests.conftest import ROOT
from tests.formats.conftest import export_text, hostile_map
from tests.strategies import argument_maps

SCHEMA_PATH = ROOT / "schema" / "debate-export.schema.json"
SCORES_SCHEMA_PATH = ROOT / "schema" / "debate-scores.schema.json"
SCORED = ("id", "number", "depth", "parent", "stance", "weight", "credence", "base", "strength")


def _validator(path: Path, schema_id: str) -> Draft202012Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == schema_id
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return _validator(SCHEMA_PATH, SCHEMA_ID)


@pytest.fixture(scope="module")
def scores_validator() -> Draft202012Validator:
    return _validator(SCORES_SCHEMA_PATH, SCORES_SCHEMA_ID)


def _errors(validator: Draft202012Validator, document: object) -> list[str]:
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(document)]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"perspective": "benchmarks-only", "semantics": "quadratic-energy"},
        {"root": "moat-shift", "depth": 0, "notes": False},
    ],
)
def test_default_map_export_validates(
    validator: Draft202012Validator, default_map: ArgumentMap, options: dict[str, object]
) -> None:
    assert _errors(validator, json.loads(export_text(default_map, "json", **options))) == []


def test_hostile_map_export_validates(validator: Draft202012Validator) -> None:
    assert _errors(validator, json.loads(export_text(hostile_map(), "json"))) == []


def test_schema_rejects_what_it_should(validator: Draft202012Validator) -> None:
    """The schema is not a rubber stamp: a wrong stance or strength fails it."""
    document = json.loads(export_text(hostile_map(), "json"))
    document["claims"][1]["stance"] = "maybe"
    document["claims"][2]["strength"] = 1.5
    del document["claims"][3]["text"]
    document["claims"][4]["mutual"] = "part"  # a mutual relation is pro or con
    document["map"]["authors"] = []  # none is said by leaving the key out
    assert len(_errors(validator, document)) == 5


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    argmap=argument_maps(newer_fields=True),
    depth=st.none() | st.integers(0, 3),
    notes=st.booleans(),
)
def test_any_map_export_validates(
    validator: Draft202012Validator, argmap: ArgumentMap, depth: int | None, notes: bool
) -> None:
    document = json.loads(export_text(argmap, "json", depth=depth, notes=notes))
    assert _errors(validator, document) == []
    assert len(document["claims"]) <= len(argmap.claims)
    if depth is None:
        assert {claim["id"] for claim in document["claims"]} == set(argmap.claims)


def test_both_schemas_define_the_strength_record_once_and_alike() -> None:
    export = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]
    scores = json.loads(SCORES_SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]
    for name in ("id", "unit", "weight", "scored"):
        assert scores[name] == export[name], name
    assert tuple(export["scored"]["required"]) == SCORED


def _score_json(argmap: ArgumentMap, semantics: str, perspective: str | None) -> object:
    """What ``debate score --json`` prints, as data (the command writes exactly this)."""
    return json.loads(json.dumps(scores_json(argmap, Scorer(argmap, semantics, perspective))))


def _is_rounded(value: object) -> bool:
    return not isinstance(value, float) or round(value, 6) == value


@settings(max_examples=30, derandomize=True, deadline=None)
@given(argmap=argument_maps(), data=st.data())
def test_score_json_is_the_exports_strength_record(
    validator: Draft202012Validator,
    scores_validator: Draft202012Validator,
    argmap: ArgumentMap,
    data: st.DataObject,
) -> None:
    """``score --json`` and ``export -f json`` once described strengths differently (no depth,
    no base, unrounded ``0.8500000000000001``): now one record, one rounding."""
    semantics = data.draw(st.sampled_from(["df-quad", "euler", "quadratic-energy"]))
    perspective = data.draw(st.none() | st.sampled_from(sorted(argmap.perspectives) or [None]))
    scores = _score_json(argmap, semantics, perspective)
    exported = json.loads(export_text(argmap, "json", semantics=semantics, perspective=perspective))
    assert _errors(scores_validator, scores) == []
    assert _errors(validator, exported) == []
    assert scores["claims"] == [  # type: ignore[index]
        {key: claim[key] for key in SCORED} for claim in exported["claims"]
    ]
    assert scores["verdicts"] == exported["verdicts"]  # type: ignore[index]
    numbers = [value for claim in scores["claims"] for value in claim.values()]  # type: ignore[index]
    assert all(map(_is_rounded, numbers))


def test_default_map_scores_validate(
    scores_validator: Draft202012Validator, default_map: ArgumentMap
) -> None:
    for perspective in (None, "sceptic"):
        document = _score_json(default_map, "df-quad", perspective)
        assert _errors(scores_validator, document) == []
