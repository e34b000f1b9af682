"""The JSON Schema of the map format, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from debate import __version__
from debate.model import ArgumentMap

SCHEMA_ID = "https://debate.invalid/schema/debate-map.schema.json"


def map_schema() -> dict[str, Any]:
    schema = ArgumentMap.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "debate argument map",
        "description": f"A debate map file (TOML), format of debate {__version__.split('.')[0]}.x",
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n"
