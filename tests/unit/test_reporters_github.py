"""The GitHub Actions reporter: one escaped workflow command per finding."""

from __future__ import annotations

import re

import pytest

from tests.unit._reporter_data import check_expected, fixed_report
from treatycheck.findings import Finding, Location, Related, Report, Severity
from treatycheck.reporters import RenderOptions, get_reporter
from treatycheck.reporters.github import annotation, escape_data, escape_property
from treatycheck.reporters.text import summary_line
from treatycheck.rules.catalogue import finding

COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Split a workflow command the way the runner does, undoing the escapes."""
    match = COMMAND.match(line)
    assert match, line
    kind, raw_properties, raw_message = match.groups()
    properties = dict(item.split("=", 1) for item in raw_properties.split(","))
    return kind, {k: _unescape(v) for k, v in properties.items()}, _unescape(raw_message)


def _unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def test_output_matches_the_expected_file(monkeypatch: pytest.MonkeyPatch) -> None:
    text = get_reporter("github")(fixed_report(monkeypatch), RenderOptions())
    check_expected("report.github.txt", text)


def test_one_command_per_finding_with_severity_and_location(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = fixed_report(monkeypatch)
    lines = get_reporter("github")(report, RenderOptions()).splitlines()
    commands = [parse(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(report.findings)
    kinds = [kind for kind, _, _ in commands]
    assert kinds.count("error") == report.counts["error"]
    assert kinds.count("warning") == report.counts["warning"]
    for (_, properties, message), item in zip(commands, report.findings, strict=True):
        assert properties["file"] == "tests/data/reporters/b-treaties.yaml"
        assert properties["line"] == str(item.location.line)
        assert properties["col"] == str(item.location.column)
        assert properties["title"] == f"{item.code} {item.rule}"
        assert message.splitlines()[0] == item.message
    assert lines[-1] == summary_line(report)


def test_escaping_of_messages_and_properties() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("dir:x,y/100%.yaml\n") == "dir%3Ax%2Cy/100%25.yaml%0A"


def test_percent_newline_colon_and_comma_in_paths_and_messages_survive() -> None:
    path = "odd, dir/a:b 100%.yaml"
    item = Finding(
        code="TC503",
        rule="calendar-shift",
        severity=Severity.INFO,
        message="dates differ by 13 days: 1918-01-18 vs 1918-01-31 (100%)\nsecond line, too",
        location=Location(path, 7, 3),
        related=(Related(Location(path, 9, 5), "other date"),),
    )
    line = annotation(item)
    assert "\n" not in line and "\r" not in line
    kind, properties, message = parse(line)
    assert kind == "notice"
    assert properties == {
        "file": path,
        "line": "7",
        "col": "3",
        "title": "TC503 calendar-shift",
    }
    assert message == f"{item.message}\nother date: {path}:9:5"


def test_file_level_findings_have_no_line() -> None:
    item = finding("TC100", "not valid UTF-8", Location("data/x.yaml", 0, 0))
    assert annotation(item) == (
        "::error file=data/x.yaml,title=TC100 unreadable-file::not valid UTF-8"
    )
    no_file = finding("TC101", "x", Location("<dataset>", 0, 0))
    assert annotation(no_file) == "::error title=TC101 unknown-reference::x"


def test_no_findings_prints_only_the_summary() -> None:
    text = get_reporter("github")(Report(findings=(), files=1, records=3), RenderOptions())
    assert text == "1 file, 3 records: 0 errors, 0 warnings, 0 info\n"
