"""Findings, locations and reports: immutable, lazily located, deterministic."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

import pytest

from treatycheck.findings import (
    Finding,
    Location,
    Pointer,
    Related,
    Report,
    Severity,
    resolve_locations,
)
from treatycheck.rules.catalogue import finding


class CountingIndex:
    """A position index that records how often it was asked."""

    def __init__(self, positions: dict[Pointer, tuple[int, int]]) -> None:
        self.positions = positions
        self.calls: list[list[Pointer]] = []

    def resolve(self, pointers: Sequence[Pointer]) -> list[tuple[int, int]]:
        self.calls.append(list(pointers))
        return [self.positions.get(p, (1, 1)) for p in pointers]


INDEX_POSITIONS: dict[Pointer, tuple[int, int]] = {
    ("treaties", 0): (3, 5),
    ("treaties", 0, "events", 1, "date"): (9, 30),
}


def test_a_location_is_looked_up_only_when_read() -> None:
    index = CountingIndex(INDEX_POSITIONS)
    location = Location("a.yaml", pointer=("treaties", 0), index=index)
    assert not location.resolved and index.calls == []
    assert (location.line, location.column) == (3, 5)
    assert location.resolved and len(index.calls) == 1
    assert str(location) == "a.yaml:3:5"
    assert location.line == 3 and len(index.calls) == 1


def test_children_of_a_resolved_location_still_resolve() -> None:
    index = CountingIndex(INDEX_POSITIONS)
    record = Location("a.yaml", pointer=("treaties", 0), index=index)
    assert record.line == 3
    date = record.child("events", 1, "date")
    assert (date.line, date.column) == (9, 30)


def test_locations_are_resolved_in_one_batch_per_file() -> None:
    first, second = CountingIndex(INDEX_POSITIONS), CountingIndex(INDEX_POSITIONS)
    locations = [
        Location("a.yaml", pointer=("treaties", 0), index=first),
        Location("a.yaml", pointer=("treaties", 0, "events", 1, "date"), index=first),
        Location("b.yaml", pointer=("treaties", 0), index=second),
        Location("c.yaml", 4, 2),
    ]
    resolve_locations(locations)
    assert len(first.calls) == 1 and len(first.calls[0]) == 2
    assert len(second.calls) == 1
    assert [(loc.line, loc.column) for loc in locations] == [(3, 5), (9, 30), (3, 5), (4, 2)]


def test_a_location_without_a_position_is_line_zero() -> None:
    whole_file = Location("a.yaml")
    assert (whole_file.line, whole_file.column) == (0, 0)
    assert whole_file.child("x") is whole_file


def test_locations_and_findings_are_immutable() -> None:
    location = Location("a.yaml", 1, 1)
    with pytest.raises(AttributeError):
        location.path = "b.yaml"  # type: ignore[misc]
    item = finding("TC101", "ussr is not defined", location, subject="pact")
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.message = "changed"  # type: ignore[misc]
    assert isinstance(item.related, tuple) and isinstance(item.sources, tuple)


def test_locations_compare_by_path_line_and_column() -> None:
    index = CountingIndex(INDEX_POSITIONS)
    assert Location("a.yaml", 3, 5) == Location("a.yaml", pointer=("treaties", 0), index=index)
    assert Location("a.yaml", 3, 5) != Location("a.yaml", 3, 6)
    assert len({Location("a.yaml", 3, 5), Location("a.yaml", 3, 5)}) == 1


def test_finding_carries_the_catalogue_name_and_severity() -> None:
    item = finding("TC203", "2932-01-21 is in the future", Location("a.yaml", 4, 9))
    assert (item.rule, item.severity) == ("future-date", Severity.WARNING)
    assert str(item) == "a.yaml:4:9: TC203 [warning] 2932-01-21 is in the future"


def test_finding_json_has_every_field_of_the_contract() -> None:
    item = finding(
        "TC502",
        "on-this-day says negotiated.place = Minsk; reference says Moscow",
        Location("claims.yaml", 12, 5),
        subject="soviet-lithuanian-peace-1920",
        property="negotiated.place",
        related=[Related(Location("treaties.yaml", 30, 7), "reference value")],
        sources=["on-this-day", "reference"],
    )
    assert item.to_dict() == {
        "code": "TC502",
        "rule": "contradicts-reference",
        "severity": "error",
        "message": "on-this-day says negotiated.place = Minsk; reference says Moscow",
        "subject": "soviet-lithuanian-peace-1920",
        "property": "negotiated.place",
        "location": {"path": "claims.yaml", "line": 12, "column": 5},
        "related": [
            {"path": "treaties.yaml", "line": 30, "column": 7, "message": "reference value"}
        ],
        "sources": ["on-this-day", "reference"],
    }


def test_severity_thresholds() -> None:
    assert Severity.ERROR.reaches(Severity.WARNING)
    assert Severity.WARNING.reaches(Severity.WARNING)
    assert not Severity.INFO.reaches(Severity.WARNING)
    assert [s.rank for s in Severity] == [2, 1, 0]


def sample_findings() -> list[Finding]:
    return [
        finding("TC203", "future", Location("b.yaml", 2, 1), subject="x"),
        finding("TC101", "unknown", Location("a.yaml", 9, 3), subject="y"),
        finding("TC102", "duplicate", Location("a.yaml", 9, 3), subject="y"),
        finding("TC101", "unknown", Location("a.yaml", 9, 3), subject="y"),  # exact duplicate
        finding("TC305", "group", Location("a.yaml", 1, 7)),
    ]


def test_report_sorts_by_path_line_column_and_code_and_drops_duplicates() -> None:
    report = Report.build(sample_findings(), files=2, records=5)
    assert [(str(f.location), f.code) for f in report.findings] == [
        ("a.yaml:1:7", "TC305"),
        ("a.yaml:9:3", "TC101"),
        ("a.yaml:9:3", "TC102"),
        ("b.yaml:2:1", "TC203"),
    ]


def test_report_order_does_not_depend_on_the_order_found() -> None:
    forward = Report.build(sample_findings(), files=2, records=5)
    backward = Report.build(reversed(sample_findings()), files=2, records=5)
    assert forward.findings == backward.findings
    assert forward.to_json() == backward.to_json()


def test_report_summary_counts_and_thresholds() -> None:
    report = Report.build(sample_findings(), files=2, records=5)
    assert report.summary == {"files": 2, "records": 5, "error": 2, "warning": 1, "info": 1}
    assert report.by_code == {"TC101": 1, "TC102": 1, "TC203": 1, "TC305": 1}
    assert not report.ok
    assert report.fails(Severity.INFO)
    quiet = Report.build([sample_findings()[0]], files=1, records=1)
    assert quiet.ok and not quiet.fails(Severity.ERROR) and quiet.fails(Severity.WARNING)


def test_report_json_is_the_spec_document() -> None:
    report = Report.build(sample_findings(), files=2, records=5)
    text = report.to_json()
    assert text.endswith("}\n")
    document = json.loads(text)
    assert list(document) == ["version", "tool", "summary", "findings"]
    assert document["version"] == 1
    assert document["tool"] == {"name": "treatycheck", "version": "0.1.0"}
    assert document["summary"] == report.summary
    assert [f["code"] for f in document["findings"]] == ["TC305", "TC101", "TC102", "TC203"]


def test_report_json_keeps_non_ascii_text() -> None:
    item = finding("TC101", "place 'Tartu–Dorpat' is not defined", Location("ä.yaml", 1, 1))
    assert "Tartu–Dorpat" in Report.build([item], files=1, records=0).to_json()


def test_related_locations_are_looked_up_together_and_only_when_read() -> None:
    index = CountingIndex(
        {
            ("claims", 0): (20, 3),
            ("claims", 1): (21, 3),
            ("treaties", 0, "events", 0, "date"): (5, 14),
            ("treaties", 1, "events", 0, "date"): (9, 14),
        }
    )

    def conflict(claim: int) -> Finding:
        record = Location("a.json", pointer=("treaties", claim, "events", 0, "date"), index=index)
        return finding(
            "TC502",
            "a claim contradicts the reference",
            Location("a.json", pointer=("claims", claim), index=index),
            subject=f"treaty-{claim}",
            related=(Related(record, "the reference's value"),),
        )

    report = Report.build([conflict(1), conflict(0)], files=1, records=4)
    assert index.calls == [[("claims", 1), ("claims", 0)]]  # what the order needs, no more
    assert [f.location.line for f in report.findings] == [20, 21]
    related = [f.related[0].location for f in report.findings]
    assert related[1].line == 9  # reading one looks all of them up, in one walk
    assert len(index.calls) == 2 and sorted(index.calls[1]) == [
        ("treaties", 0, "events", 0, "date"),
        ("treaties", 1, "events", 0, "date"),
    ]
    assert related[0].line == 5 and len(index.calls) == 2
    assert (
        report.to_json() == Report.build([conflict(0), conflict(1)], files=1, records=4).to_json()
    )
