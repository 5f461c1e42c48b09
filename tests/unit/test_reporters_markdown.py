"""The Markdown reporter: a table by rule and linked findings for a pull-request comment."""

from __future__ import annotations

import pytest

from tests.unit._reporter_data import check_expected, fixed_report
from treatycheck.findings import Location, Report
from treatycheck.reporters import RenderOptions, get_reporter
from treatycheck.reporters.markdown import MAX_LISTED, escape
from treatycheck.rules.catalogue import finding


def render(report: Report) -> str:
    return get_reporter("markdown")(report, RenderOptions())


def test_output_matches_the_expected_file(monkeypatch: pytest.MonkeyPatch) -> None:
    check_expected("report.md", render(fixed_report(monkeypatch)))


def test_table_counts_by_rule_and_findings_link_to_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = fixed_report(monkeypatch)
    text = render(report)
    assert report.by_code == {"TC101": 1, "TC102": 1, "TC201": 1, "TC203": 1}
    assert "| TC101 | unknown-reference | error | 1 |" in text
    assert "| TC203 | future-date | warning | 1 |" in text
    assert "| **all** | | | **4** |" in text
    assert "2 files, 11 records: 3 errors, 1 warning, 0 info" in text
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == len(report.findings)
    assert (
        "[tests/data/reporters/b-treaties.yaml:17](tests/data/reporters/b-treaties.yaml#L17)"
        in (text)
    )


def test_text_from_the_data_cannot_inject_markup() -> None:
    assert escape("a | b <script> [x](y) *z*\n_w_") == (
        "a \\| b \\<script\\> \\[x\\](y) \\*z\\* \\_w\\_"
    )
    item = finding("TC101", "polity '<img src=x>' | is not defined", Location("d a/x.yaml", 4, 2))
    text = render(Report.build([item], files=1, records=0))
    assert "polity '\\<img src=x\\>' \\| is not defined" in text
    assert "(d%20a/x.yaml#L4)" in text


def test_long_reports_are_cut_but_counted() -> None:
    items = [
        finding("TC101", f"ref {i} is not defined", Location("x.yaml", i + 1, 1))
        for i in range(MAX_LISTED + 5)
    ]
    text = render(Report.build(items, files=1, records=0))
    assert sum(line.startswith("- ") for line in text.splitlines()) == MAX_LISTED
    assert f"| TC101 | unknown-reference | error | {MAX_LISTED + 5} |" in text
    assert "5 more findings not listed" in text


def test_a_clean_report_says_so() -> None:
    text = render(Report(findings=(), files=2, records=9))
    assert text.startswith("## :white_check_mark: treatycheck\n")
    assert "No findings." in text
