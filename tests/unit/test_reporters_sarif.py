"""The SARIF reporter: valid SARIF 2.1.0 with catalogue rules and located results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import treatycheck
from tests.unit._reporter_data import DATA, ROOT, TODAY, check_expected, fixed_report
from treatycheck.findings import Finding, Location, Related, Report, Severity
from treatycheck.reporters import RenderOptions, get_reporter
from treatycheck.reporters.sarif import sarif_log
from treatycheck.rules.catalogue import CATALOGUE, finding

SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR_CLASS = jsonschema.validators.validator_for(SCHEMA)
VALIDATOR = VALIDATOR_CLASS(SCHEMA, format_checker=VALIDATOR_CLASS.FORMAT_CHECKER)


def render(report: Report, **options: Any) -> dict[str, Any]:
    text = get_reporter("sarif")(report, RenderOptions(**options))
    data: dict[str, Any] = json.loads(text)
    return data


def schema_errors(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(log)]


def test_the_shipped_schema_is_the_official_draft_4_schema() -> None:
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert VALIDATOR_CLASS is jsonschema.Draft4Validator
    VALIDATOR_CLASS.check_schema(SCHEMA)


def test_schema_validation_is_not_vacuous() -> None:
    log = sarif_log(Report(findings=()))
    assert schema_errors(log) == []
    assert schema_errors({**log, "version": "2.0.0"})
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"] = [{"ruleId": "TC101", "level": "fatal", "message": {}}]
    assert len(schema_errors(broken)) >= 2


@pytest.mark.parametrize("fixture", ["tests/data/reporters", "fixtures/soviet-baltic"])
def test_output_of_a_fixture_validates_against_the_sarif_schema(
    fixture: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    report = treatycheck.validate(fixture, today=TODAY)
    assert schema_errors(render(report)) == []


def test_output_matches_the_expected_file(monkeypatch: pytest.MonkeyPatch) -> None:
    log = render(fixed_report(monkeypatch))
    driver = log["runs"][0]["tool"]["driver"]
    driver["rules"] = (
        "<one entry per catalogue rule; checked by test_rules_come_from_the_catalogue>"
    )
    check_expected("report.sarif.json", json.dumps(log, indent=2, ensure_ascii=False) + "\n")


def test_rules_come_from_the_catalogue() -> None:
    rules = sarif_log(Report(findings=()))["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CATALOGUE)
    for rule, meta in zip(rules, CATALOGUE.values(), strict=True):
        assert rule["name"] == meta.name
        assert rule["shortDescription"]["text"] == meta.summary
        assert rule["fullDescription"]["text"] == meta.rationale
        assert meta.fix in rule["help"]["text"]
        assert meta.example in rule["help"]["markdown"]
        level = {"error": "error", "warning": "warning", "info": "note"}[meta.severity.value]
        assert rule["defaultConfiguration"]["level"] == level


def test_results_point_at_their_rule_and_location(monkeypatch: pytest.MonkeyPatch) -> None:
    report = fixed_report(monkeypatch)
    run = render(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(report.findings)
    for result, item in zip(run["results"], report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == item.code
        assert result["message"]["text"] == item.message
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {
            "uri": "tests/data/reporters/b-treaties.yaml",
            "uriBaseId": "%SRCROOT%",
        }
        assert physical["region"] == {
            "startLine": item.location.line,
            "startColumn": item.location.column,
        }
        assert len(result.get("relatedLocations", [])) == len(item.related)
    duplicate = next(r for r in run["results"] if r["ruleId"] == "TC102")
    related = duplicate["relatedLocations"][0]
    assert related["message"]["text"] == "first definition"
    assert related["physicalLocation"]["artifactLocation"]["uri"] == (
        "tests/data/reporters/a-polities.yaml"
    )


def _report(*findings: Finding) -> Report:
    return Report.build(findings, files=1, records=0)


def test_a_file_level_finding_has_no_region_and_odd_paths_are_encoded(tmp_path: Path) -> None:
    unreadable = finding("TC100", "not valid UTF-8", Location("data dir/100% ü.yaml", 0, 0))
    report = _report(unreadable)
    log = render(report)
    physical = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "data%20dir/100%25%20%C3%BC.yaml", "uriBaseId": "%SRCROOT%"}
    }
    assert schema_errors(log) == []


def test_paths_are_relative_to_base_dir_or_absolute_file_uris(tmp_path: Path) -> None:
    inside = tmp_path / "data" / "a.yaml"
    item = finding("TC101", "x", Location(str(inside), 3, 1))
    log = render(_report(item), base_dir=str(tmp_path))
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": "data/a.yaml", "uriBaseId": "%SRCROOT%"}
    log = render(_report(item), base_dir=str(tmp_path / "elsewhere"))
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": inside.as_uri()}
    assert schema_errors(log) == []


def test_findings_without_a_file_have_no_location_and_info_is_a_note() -> None:
    item = Finding(
        code="TC305",
        rule="ambiguous-group",
        severity=Severity.INFO,
        message="group baltic-states: variant adds finland",
        location=Location("<dataset>", 0, 0),
        related=(Related(Location("<dataset>", 0, 0), "default membership"),),
    )
    log = render(_report(item))
    result = log["runs"][0]["results"][0]
    assert "locations" not in result
    assert result["level"] == "note"
    assert result["relatedLocations"] == [{"id": 1, "message": {"text": "default membership"}}]
    assert schema_errors(log) == []


def test_output_is_byte_identical_for_identical_input(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = get_reporter("sarif")
    first = renderer(fixed_report(monkeypatch), RenderOptions())
    second = renderer(fixed_report(monkeypatch), RenderOptions())
    assert first == second
