"""The JUnit reporter: one test case per data file, failures carrying the findings."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.unit._reporter_data import check_expected, fixed_report
from treatycheck.findings import Finding, Location, Report, Severity
from treatycheck.reporters import RenderOptions, get_reporter
from treatycheck.rules.catalogue import finding

A = "tests/data/reporters/a-polities.yaml"
B = "tests/data/reporters/b-treaties.yaml"


def render(report: Report, fail_on: Severity = Severity.ERROR) -> ET.Element:
    text = get_reporter("junit")(report, RenderOptions(fail_on=fail_on))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text)


def finding_lines(root: ET.Element) -> list[str]:
    """Lines of failure and system-out bodies that report a finding."""
    lines: list[str] = []
    for case in root.iter("testcase"):
        for element in (*case.iter("failure"), *case.iter("system-out")):
            lines += [line for line in (element.text or "").splitlines() if "] " in line]
    return lines


def test_output_matches_the_expected_file(monkeypatch: pytest.MonkeyPatch) -> None:
    text = get_reporter("junit")(fixed_report(monkeypatch), RenderOptions())
    check_expected("report.junit.xml", text)


def test_counts_match_the_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    report = fixed_report(monkeypatch)
    root = render(report)
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [A, B]
    assert suite.get("tests") == root.get("tests") == str(report.summary["files"]) == "2"
    failed = [case.get("name") for case in cases if case.find("failure") is not None]
    assert failed == [B]
    assert suite.get("failures") == root.get("failures") == "1"
    assert suite.get("errors") == "0"
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    for key, value in report.summary.items():
        assert properties[key] == str(value)
    lines = finding_lines(root)
    assert len(lines) == len(report.findings) == sum(report.counts.values())
    failure = cases[1].find("failure")
    assert failure is not None
    errors, warnings = report.counts["error"], report.counts["warning"]
    assert (errors, warnings) == (3, 1)  # TC101, TC102, TC201; TC203
    assert failure.get("message") == "4 findings: 3 errors, 1 warning"
    assert failure.get("type") == "TC102"
    assert f"{B}:17:49: TC101 [error] place 'rgia' is not defined" in (failure.text or "")


def test_fail_on_decides_which_files_fail() -> None:
    warning = finding("TC203", "2932-02-05 is in the future", Location("data/a.yaml", 3, 9))
    report = Report.build([warning], files=1, records=1)
    root = render(report)
    case = root.find("testsuite/testcase")
    assert case is not None and case.find("failure") is None
    kept = case.find("system-out")
    assert kept is not None and "TC203 [warning]" in (kept.text or "")
    assert root.get("failures") == "0"
    root = render(report, fail_on=Severity.WARNING)
    assert root.get("failures") == "1"
    assert root.find("testsuite/testcase/failure") is not None


def test_markup_and_control_characters_in_messages_stay_well_formed() -> None:
    item = Finding(
        code="TC104",
        rule="schema-violation",
        severity=Severity.ERROR,
        message="unknown key '<b>&\x01\"' ]]> here",
        location=Location("data/<odd> & name.yaml", 2, 1),
    )
    root = render(Report.build([item], files=1, records=0))
    case = root.find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "data/<odd> & name.yaml"
    failure = case.find("failure")
    assert failure is not None
    assert "unknown key '<b>&\ufffd\"' ]]> here" in (failure.text or "")


def test_an_empty_report_is_an_empty_suite() -> None:
    root = render(Report(findings=()))
    assert root.get("tests") == "0" and root.get("failures") == "0"


def test_the_command_passes_fail_on_to_the_junit_report(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(
        "treatycheck: 1\nsources:\n"
        "  - {id: survey, title: A survey, kind: secondary, published: 2932}\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "treatycheck", "validate", str(data), "--format", "junit"]
    command += ["--today", "2025-01-01"]
    lenient = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert lenient.returncode == 0, lenient.stderr
    assert ET.fromstring(lenient.stdout).get("failures") == "0"
    strict = subprocess.run([*command, "--fail-on", "warning"], capture_output=True, text=True)
    assert strict.returncode == 1, strict.stderr
    root = ET.fromstring(strict.stdout)
    assert root.get("failures") == "1"
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("type") == "TC203"
