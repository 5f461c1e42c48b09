"""The engine: shared indexes, rule selection, and deterministic reports."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import treatycheck.rules.registry as registry
from treatycheck import Dataset, UsageError, load
from treatycheck.engine import Check, Context, iter_dates, run
from treatycheck.findings import Finding, Location
from treatycheck.rules.catalogue import finding

TODAY = dt.date(2026, 1, 1)

# One dataset with findings in four families: TC101 (lithuaina), TC104 (signd),
# TC201 (in force before signed), TC203 (2932), TC302 (ussr in 1920), TC601 (moscow-1920
# has no sources and there is no reference source).
MIXED = """
treatycheck: 1
sources:
  - {id: pamphlet, title: A pamphlet, kind: secondary}
polities:
  - {id: soviet-russia, names: [Soviet Russia, RSFSR], exists: {from: 1917-11-07, to: 1922-12-29}}
  - {id: ussr, names: [USSR, Soviet Union], exists: {from: 1922-12-30, to: 1991-12-26}}
  - {id: lithuania, names: [Lithuania], exists: {from: 1918-02-16, to: 1940-08}}
places:
  - {id: tartu, names: [Tartu, Dorpat, Yuryev]}
treaties:
  - id: moscow-1920
    parties: [ussr, lithuaina]
    events:
      - {type: signed, date: 1920-07-12}
      - {type: in-force, date: 1920-01-01}
  - id: pact-2932
    parties: [ussr, lithuania]
    sources: [pamphlet]
    events: [{type: signed, date: 2932-01-21}]
  - id: broken-1932
    events: [{type: signd, date: 1932}]
"""


@pytest.fixture
def mixed(tmp_path: Path) -> Dataset:
    path = tmp_path / "mixed.yaml"
    path.write_text(textwrap.dedent(MIXED).lstrip())
    return load(path)


def codes_of(findings: tuple[Finding, ...]) -> list[str]:
    return sorted({f.code for f in findings})


def test_every_rule_runs_by_default(mixed: Dataset) -> None:
    report = run(mixed, today=TODAY)
    assert {"TC101", "TC104", "TC201", "TC203", "TC302", "TC601"} <= set(codes_of(report.findings))


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["TC3"], None, ["TC302"]),
        (["TC30"], None, ["TC302"]),
        (["TC2", "TC6"], None, ["TC201", "TC203", "TC601"]),
        (["TC1"], ["TC104"], ["TC101"]),
        (["TC1"], ["TC10"], []),
        (None, ["TC1", "TC2", "TC4", "TC5"], ["TC302", "TC601"]),
        (["future-date", "unknown-reference"], None, ["TC101", "TC203"]),
        (["TC203"], ["TC2"], ["TC203"]),
    ],
)
def test_select_and_ignore_by_code_prefix_and_name(
    mixed: Dataset, select: list[str] | None, ignore: list[str] | None, expected: list[str]
) -> None:
    report = run(mixed, select=select, ignore=ignore, today=TODAY)
    assert codes_of(report.findings) == expected


def test_a_rule_that_is_not_selected_does_not_run(
    mixed: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    @Check.of("TC203")
    def spy(ctx: Context) -> Iterator[Finding]:
        calls.append("ran")
        yield finding("TC203", "spy", Location("x.yaml", 1, 1))

    monkeypatch.setattr(registry, "CHECKS", (spy,))
    assert run(mixed, select=["TC3"]).findings == ()
    assert calls == []
    assert [f.message for f in run(mixed, select=["TC2"]).findings] == ["spy"]
    assert calls == ["ran"]


def test_a_bad_selector_is_a_usage_error(mixed: Dataset) -> None:
    with pytest.raises(UsageError, match="did you mean TC602"):
        run(mixed, select=["TC999"])
    with pytest.raises(UsageError, match="matches no rule"):
        run(mixed, ignore=["TC9"])


def test_an_unknown_reference_source_is_a_usage_error(mixed: Dataset) -> None:
    with pytest.raises(UsageError, match="did you mean 'pamphlet'"):
        run(mixed, reference="pamflet")


def test_a_reference_source_attributes_unsourced_records(mixed: Dataset) -> None:
    assert "TC601" in codes_of(run(mixed, select=["TC601"]).findings)
    assert run(mixed, select=["TC601"], reference="pamphlet").findings == ()


def test_today_decides_what_is_in_the_future(mixed: Dataset) -> None:
    assert codes_of(run(mixed, select=["TC203"], today=TODAY).findings) == ["TC203"]
    far = dt.date(2999, 1, 1)
    assert run(mixed, select=["TC203"], today=far).findings == ()


def test_reports_are_sorted_and_identical_across_runs(mixed: Dataset, tmp_path: Path) -> None:
    first = run(mixed, today=TODAY)
    keys = [f.sort_key() for f in first.findings]
    assert keys == sorted(keys)
    again = run(load(tmp_path / "mixed.yaml"), today=TODAY)
    assert first.findings == again.findings
    assert first.to_json() == again.to_json()
    assert first.summary == {
        "files": 1,
        "records": mixed.record_count,
        **first.counts,
    }


def test_findings_point_at_the_offending_value(mixed: Dataset) -> None:
    report = run(mixed, select=["TC101", "TC201", "TC302"], today=TODAY)
    where = {(f.code, f.location.line, f.location.column) for f in report.findings}
    assert ("TC101", 12, 21) in where  # lithuaina
    assert ("TC201", 15, 32) in where  # the in-force date
    assert ("TC302", 14, 30) in where  # the signing date


# --- the context's indexes ------------------------------------------------------


@pytest.fixture
def ctx(mixed: Dataset) -> Context:
    return Context(mixed, today=TODAY)


def test_resolve_by_id_and_by_any_registered_name(ctx: Context) -> None:
    assert ctx.resolve("polity", "ussr").id == "ussr"
    by_name = ctx.resolve("polity", "soviet union")
    assert (by_name.id, by_name.by_name) == ("ussr", True)
    assert ctx.resolve("place", "DORPAT").id == "tartu"


def test_resolve_suggests_near_misses(ctx: Context) -> None:
    typo = ctx.resolve("polity", "lithuaina")
    assert not typo.ok and typo.suggestions == ("lithuania",)
    name_typo = ctx.resolve("place", "Dorpatt")
    assert not name_typo.ok and name_typo.suggestions == ("Dorpat",)
    assert ctx.resolve("polity", "atlantis").suggestions == ()


def test_indexes_by_id_and_party(ctx: Context) -> None:
    assert list(ctx.treaties) == ["moscow-1920", "pact-2932"]  # broken-1932 did not load
    assert list(ctx.polities) == ["soviet-russia", "ussr", "lithuania"]
    assert [t.id for t in ctx.treaties_by_party["ussr"]] == ["moscow-1920", "pact-2932"]
    assert [t.id for t in ctx.treaties_by_party["lithuania"]] == ["pact-2932"]
    assert ctx.party_ids(ctx.treaties["moscow-1920"]) == ["ussr"]


def test_record_sources_fall_back_to_the_reference(mixed: Dataset) -> None:
    treaty = mixed.treaties[0]
    assert Context(mixed).record_sources(treaty) == ()
    assert Context(mixed, reference="pamphlet").record_sources(treaty) == ("pamphlet",)


def test_iter_dates_visits_every_date_with_its_place(ctx: Context) -> None:
    found = {(getattr(record, "id", None), steps) for record, steps, _, _ in iter_dates(ctx)}
    assert ("moscow-1920", ("events", 1, "date")) in found
    assert ("ussr", ("exists", "from")) in found
    assert ("lithuania", ("exists", "to")) in found


def test_iter_dates_after_a_day_passes_over_the_earlier_ones(ctx: Context) -> None:
    # Lithuania's exists.to is 1940-08, whose earliest day is 1940-08-01.
    cut = dt.date(1940, 7, 31).toordinal()
    later = {(getattr(r, "id", None), steps) for r, steps, _, _ in iter_dates(ctx, after=cut)}
    assert later == {
        ("lithuania", ("exists", "to")),
        ("ussr", ("exists", "to")),
        ("pact-2932", ("events", 0, "date")),
    }


DUPLICATED = """
treatycheck: 1
sources:
  - {id: estonia, title: A source named like a polity, kind: secondary}
  - {id: pamphlet, title: A pamphlet, kind: secondary}
polities:
  - {id: latvia, names: [Latvia]}
  - {id: estonia, names: [Estonia]}
  - {id: latvia, names: [Latvia again]}
places:
  - {id: tartu, names: [Tartu]}
treaties:
  - {id: tartu-1920, parties: [estonia, latvia]}
  - {id: pamphlet, parties: [latvia, estonia]}
  - {id: tartu, parties: [estonia]}
  - {id: tartu-1920, parties: [latvia]}
"""


def test_id_tables_keep_first_definitions_in_order_of_first_definition(tmp_path: Path) -> None:
    # An id defined as several kinds comes first in the later kind's table, where
    # its first definition of any kind puts it, as in ctx.definitions.
    path = tmp_path / "duplicated.yaml"
    path.write_text(textwrap.dedent(DUPLICATED).lstrip())
    ctx = Context(load(path), today=TODAY)
    for kind in ("source", "polity", "place", "treaty"):
        expected = {
            rid: next(record for entry_kind, record in entries if entry_kind == kind)
            for rid, entries in ctx.definitions.items()
            if any(entry_kind == kind for entry_kind, _ in entries)
        }
        assert list(ctx.table(kind).items()) == list(expected.items())
    assert list(ctx.treaties) == ["pamphlet", "tartu", "tartu-1920"]
    assert ctx.polities["latvia"].names[0].name == "Latvia"
