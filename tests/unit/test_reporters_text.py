"""The text reporter: one line per finding, a summary, colour only when asked for."""

from __future__ import annotations

import re

import pytest

from tests.unit._reporter_data import check_expected, fixed_report
from treatycheck.findings import Location, Report
from treatycheck.reporters import RenderOptions, get_reporter
from treatycheck.reporters.text import summary_line
from treatycheck.rules.catalogue import finding

LINE = re.compile(r"^[^:]+:\d+:\d+: TC\d{3} \[(error|warning|info)\] \S.*$")


def render(report: Report, color: bool = False) -> str:
    return get_reporter("text")(report, RenderOptions(color=color))


def test_output_matches_the_expected_file(monkeypatch: pytest.MonkeyPatch) -> None:
    check_expected("report.txt", render(fixed_report(monkeypatch)))


def test_one_line_per_finding_then_the_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    report = fixed_report(monkeypatch)
    *lines, summary = render(report).splitlines()
    assert len(lines) == len(report.findings)
    assert all(LINE.match(line) for line in lines)
    assert summary == summary_line(report) == "2 files, 11 records: 3 errors, 1 warning, 0 info"


def test_colour_codes_appear_only_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    report = fixed_report(monkeypatch)
    assert "\x1b[" not in render(report)
    coloured = render(report, color=True)
    assert "\x1b[31mTC101\x1b[0m [error]" in coloured
    assert "\x1b[33mTC203\x1b[0m [warning]" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render(report)


def test_messages_stay_on_one_line_and_cannot_drive_the_terminal() -> None:
    item = finding("TC101", "polity 'x\n\x1b[2Jy' is not\tdefined", Location("a\u202eb.yaml", 3, 1))
    [line, _] = render(Report.build([item], files=1, records=0)).splitlines()
    assert "\x1b" not in line and "\u202e" not in line
    assert line.startswith("a\\u202eb.yaml:3:1: TC101 [error] polity 'x \\x1b[2Jy' is not defined")


def test_summary_words_agree_with_the_counts() -> None:
    empty = Report.build([], files=0, records=0)
    assert render(empty) == "no data files found\n"
    one = Report.build([], files=1, records=1)
    assert render(one) == "1 file, 1 record: 0 errors, 0 warnings, 0 info\n"
