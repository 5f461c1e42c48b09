"""The JSON Schema printed by ``treatycheck schema`` describes the bundled data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from treatycheck import load
from treatycheck._yaml import read_yaml
from treatycheck.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_FILES = sorted((ROOT / "fixtures").rglob("*.yaml"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """The schema as the command prints it."""
    done = subprocess.run(
        [sys.executable, "-m", "treatycheck", "schema"],
        capture_output=True,
        text=True,
        check=True,
    )
    printed: dict[str, Any] = json.loads(done.stdout)
    return printed


def as_json_value(path: Path) -> Any:
    """A YAML file as the JSON value it denotes (unquoted dates become their text).

    Read with treatycheck's reader, which keeps an impossible date such as
    1920-02-30 as text where PyYAML's safe_load raises.
    """
    document, _, _ = read_yaml(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(document, default=str))


def test_the_printed_schema_is_the_generated_one_and_valid(schema: dict[str, Any]) -> None:
    assert schema == json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["treatycheck"]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_fixtures_and_the_schema_agree(path: Path, schema: dict[str, Any]) -> None:
    """A fixture that loads cleanly is valid under the schema; one with a TC104 is not.

    Some family fixtures are broken on purpose (their README lists the defects).
    """
    codes = {f.code for f in load(path).findings}
    if "TC100" in codes:
        pytest.skip("unreadable on purpose")
    validator = jsonschema.Draft202012Validator(schema)
    if not codes:
        validator.validate(as_json_value(path))
    elif "TC104" in codes:
        assert not validator.is_valid(as_json_value(path))


def test_most_bundled_fixtures_load_cleanly() -> None:
    clean = [path for path in FIXTURE_FILES if not load(path).findings]
    assert len(clean) >= len(FIXTURE_FILES) - 2
    assert ROOT / "fixtures" / "example" / "peace-1920.yaml" in clean


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["treaties"][0]["events"][0].update(type="signd"), "signd"),
        (lambda d: d["treaties"][0].update(colour="red"), "colour"),
        (lambda d: d["places"][0].update(id="Moscow City"), "Moscow City"),
        (lambda d: d.pop("treatycheck"), "treatycheck"),
    ],
    ids=["event-type", "unknown-key", "id-pattern", "version"],
)
def test_the_schema_rejects_what_the_loader_rejects(
    change: Any, fragment: str, schema: dict[str, Any]
) -> None:
    data = as_json_value(ROOT / "fixtures" / "example" / "peace-1920.yaml")
    change(data)
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.Draft202012Validator(schema).validate(data)
    assert fragment in str(caught.value)


def test_every_record_model_is_documented_in_the_schema(schema: dict[str, Any]) -> None:
    definitions = schema["$defs"]
    for name in ("Source", "Polity", "Group", "Place", "Person", "Treaty", "Event", "Claim"):
        assert name in definitions
        assert definitions[name].get("description"), f"{name} has no description"
