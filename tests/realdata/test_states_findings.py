"""Findings on the four state lists together: counts per rule, named disagreements, verdicts.

Each disagreement asserted here was read off the raw rows (COW states2016.csv,
GW gwstates.csv, ISD isd_2_2_update_reversedates.csv, HUGGO
HUGGO_states_clean.csv; line numbers count the header as line 1).
"""

from __future__ import annotations

import datetime as dt

import pytest

from treatycheck import validate
from treatycheck.engine import all_checks
from treatycheck.findings import Finding, Report
from treatycheck.importers import ImportResult, to_dataset
from treatycheck.importers.compare import classify, compare, tally

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(
        not any("TC501" in check.codes for check in all_checks()),
        reason="the cross-source rules (TC501) are not registered",
    ),
]

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def report(states: ImportResult) -> Report:
    return validate(to_dataset(states), today=TODAY)


def conflict(report: Report, subject: str, prop: str, sources: set[str]) -> Finding:
    found = [
        f
        for f in report.findings
        if f.code == "TC501" and f.subject == subject and f.property == prop
        if set(f.sources) == sources
    ]
    assert len(found) == 1, (subject, prop, sources, found)
    return found[0]


def test_findings_per_rule_on_the_four_state_lists(report: Report) -> None:
    assert report.by_code == {"TC203": 2, "TC501": 874, "TC503": 3}


def test_findings_per_rule_against_cow_as_reference(states: ImportResult) -> None:
    against = validate(to_dataset(states), reference="cow-states", today=TODAY)
    assert against.by_code == {"TC203": 2, "TC501": 192, "TC502": 341, "TC503": 2}


def test_pairwise_relations_and_verdicts(states: ImportResult, report: Report) -> None:
    counts = tally(compare(states))
    assert counts == {
        "agree": 995,
        "refinement": 941,
        "conflict": 874,
        "conflict:different-dates": 605,
        "convention:calendar": 1,
        "convention:code-difference": 17,
        "convention:continuity": 107,
        "convention:declaration": 73,
        "convention:first-of-month": 34,
        "convention:one-day": 37,
    }
    assert counts["conflict"] == report.by_code["TC501"]


@pytest.mark.parametrize(
    ("subject", "prop", "sources", "values", "reason"),
    [
        # Estonia's start: COW line 104 "1918,2,24" against GW line 85 "11.11.1918"
        (
            "state-366-1918",
            "exists.from",
            {"cow-states", "gw-states"},
            ("1918-11-11", "1918-02-24"),
            "declaration",
        ),
        # Estonia's end: COW 104 "1940,6,16", ISD 128 "1940-06-17"
        (
            "state-366-1918",
            "exists.to",
            {"cow-states", "isd-states"},
            ("1940-06-17", "1940-06-16"),
            "one-day",
        ),
        # Latvia's end: COW 106 "1940,6,16", GW 87 "01.06.1940"
        (
            "state-367-1918",
            "exists.to",
            {"cow-states", "gw-states"},
            ("1940-06-01", "1940-06-16"),
            "first-of-month",
        ),
        # Lithuania restored: COW 109 "1991,9,6", HUGGO 215 "1990-03-11"
        (
            "state-368-1991",
            "exists.from",
            {"cow-states", "huggo-states"},
            ("1990-03-11", "1991-09-06"),
            "different-dates",
        ),
        # Lithuania's end: ISD 266 "1940-06-15", HUGGO 214 "1940-06-16"
        (
            "state-368-1918",
            "exists.to",
            {"isd-states", "huggo-states"},
            ("1940-06-15", "1940-06-16"),
            "one-day",
        ),
        # Poland in the war: COW 69 ends "1939,9,27", GW 54 runs to "31.12.2017"
        (
            "state-290-1918",
            "exists.to",
            {"cow-states", "gw-states"},
            ("2017-12-31/..", "1939-09-27"),
            "continuity",
        ),
        # Russia: COW 103 one spell, HUGGO 305 Russian Empire ends "1917-03-15"
        (
            "state-365-1816",
            "exists.to",
            {"cow-states", "huggo-states"},
            ("1917-03-15", "2016-12-31/.."),
            "continuity",
        ),
        # Germany: COW 61 GFR ends "1990,10,2", GW 46 260 runs to "31.12.2017"
        (
            "state-260-1955",
            "exists.to",
            {"cow-states", "gw-states"},
            ("2017-12-31/..", "1990-10-02"),
            "code-difference",
        ),
    ],
)
def test_named_disagreements(
    states: ImportResult,
    report: Report,
    subject: str,
    prop: str,
    sources: set[str],
    values: tuple[str, str],
    reason: str,
) -> None:
    found = conflict(report, subject, prop, sources)
    assert values[0] in found.message and values[1] in found.message
    assert found.location.path.startswith("states/")
    verdict = classify(states, found)
    assert verdict is not None
    assert verdict.reason == reason
    assert verdict.kind == ("conflict" if reason == "different-dates" else "convention")


def test_finland_agrees_everywhere(report: Report) -> None:
    # COW 115, GW 96, ISD 135, HUGGO 115 all start on 1917-12-06 and are still counted
    assert not [f for f in report.findings if f.subject == "state-375-1917"]


def test_the_calendar_hint_for_hungary_is_a_declaration(
    states: ImportResult, report: Report
) -> None:
    # GW 57 "03.11.1918" against COW 74 and ISD 187 "1918-11-16" (ISD DecDate 16-11-1918)
    hints = [f for f in report.findings if f.code == "TC503" and f.subject == "state-310-1918"]
    assert len(hints) == 2
    for hint in hints:
        verdict = classify(states, hint)
        assert verdict is not None and verdict.reason == "declaration"
