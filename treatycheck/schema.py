"""The JSON Schema of the data format, generated from the models."""

from __future__ import annotations

from typing import Any

from .models import DataFile

__all__ = ["json_schema"]

SCHEMA_ID = "https://treatycheck.example/schema/v1.json"


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one data file."""
    schema = DataFile.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "treatycheck data file",
    }
