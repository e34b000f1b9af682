"""The JSON export validates against its published schema, for any map and any options."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from debate.formats.json_data import SCHEMA_ID
from debate.model import ArgumentMap
from tests.conftest import ROOT
from tests.formats.conftest import export_text, hostile_map
from tests.strategies import argument_maps

SCHEMA_PATH = ROOT / "schema" / "debate-export.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == SCHEMA_ID
    return Draft202012Validator(schema)


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
    assert len(_errors(validator, document)) == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argmap=argument_maps(), depth=st.none() | st.integers(0, 3), notes=st.booleans())
def test_any_map_export_validates(
    validator: Draft202012Validator, argmap: ArgumentMap, depth: int | None, notes: bool
) -> None:
    document = json.loads(export_text(argmap, "json", depth=depth, notes=notes))
    assert _errors(validator, document) == []
    assert len(document["claims"]) <= len(argmap.claims)
    if depth is None:
        assert {claim["id"] for claim in document["claims"]} == set(argmap.claims)
