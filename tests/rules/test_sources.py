"""Cross-source rules (TC303, TC501-TC505), table-driven from ``cases/sources.yaml``.

Each case is validated as two files, the shared registry ``sources-base.yaml``
and the case's own ``case.yaml``, with only the cross-source codes selected.
The tests after the table check what a table cannot say well: where the
related location points, which sources a finding names, and the fixture.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import treatycheck
from treatycheck import Report

CASES = Path(__file__).parent / "cases"
TABLE: dict[str, Any] = yaml.safe_load((CASES / "sources.yaml").read_text("utf-8"))
CODES: list[str] = TABLE["codes"]
FIXTURE = Path(__file__).parents[2] / "fixtures" / "soviet-baltic"


def _validate(tmp_path: Path, data: str, reference: str | None = None) -> Report:
    shutil.copy(CASES / "sources-base.yaml", tmp_path / "base.yaml")
    (tmp_path / "case.yaml").write_text(data, "utf-8")
    dataset = treatycheck.load(tmp_path)
    assert dataset.findings == (), [str(f) for f in dataset.findings]
    return treatycheck.validate(dataset, select=CODES, reference=reference)


def _shown(report: Report) -> list[str]:
    return [f"{f.code} {Path(f.location.path).name}:{f.location.line}" for f in report.findings]


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["name"] for c in TABLE["cases"]])
def test_source_case(case: dict[str, Any], tmp_path: Path) -> None:
    assert set(case) <= {"name", "rule", "reference", "data", "expect", "says"}, case["name"]
    report = _validate(tmp_path, case["data"], case.get("reference"))
    messages = "\n".join(str(f) for f in report.findings) or "(no findings)"
    assert _shown(report) == case["expect"], messages
    says = case.get("says", [])
    assert len(says) in (0, len(report.findings)), "give one `says` entry per finding"
    for expected, found in zip(says, report.findings, strict=False):
        assert expected in found.message, found.message


def test_every_code_has_a_trigger_and_a_near_miss() -> None:
    names = [case["name"] for case in TABLE["cases"]]
    assert len(names) == len(set(names))
    for code in CODES:
        about = [case for case in TABLE["cases"] if case.get("rule") == code]
        fired = [c for c in about if any(e.startswith(code) for e in c["expect"])]
        quiet = [c for c in about if not any(e.startswith(code) for e in c["expect"])]
        assert fired, f"no case triggers {code}"
        assert quiet, f"no near miss for {code}"


MINSK = """\
treatycheck: 1
treaties:
  - id: soviet-lithuanian-peace-1920
    events:
      - {type: negotiated, date: 1920-05/1920-07, place: moscow}
    sources: [lnts]
claims:
  - source: on-this-day
    about: soviet-lithuanian-peace-1920
    property: negotiated.place
    value: Minsk
"""


def test_contradiction_points_at_the_claim_and_relates_the_reference(tmp_path: Path) -> None:
    report = _validate(tmp_path, MINSK, reference="lnts")
    [found] = report.findings
    assert (found.code, found.subject, found.property) == (
        "TC502",
        "soviet-lithuanian-peace-1920",
        "negotiated.place",
    )
    assert found.sources == ("on-this-day", "lnts")
    assert (Path(found.location.path).name, found.location.line) == ("case.yaml", 11)
    [related] = found.related
    assert related.message == "reference value"
    assert (Path(related.location.path).name, related.location.line) == ("case.yaml", 5)


def test_conflict_names_both_sources_and_relates_the_other_value(tmp_path: Path) -> None:
    report = _validate(tmp_path, MINSK)
    [found] = report.findings
    assert found.code == "TC501"
    assert found.sources == ("on-this-day", "lnts")
    assert found.related[0].message == "lnts's value"
    assert found.related[0].location.line == 5


def test_findings_are_the_same_for_the_same_data(tmp_path: Path) -> None:
    data = (CASES / "sources.yaml").read_text("utf-8")
    case = next(c for c in yaml.safe_load(data)["cases"] if "majority" in c["name"])
    first = _validate(tmp_path, case["data"]).to_json()
    assert _validate(tmp_path, case["data"]).to_json() == first


def test_the_fixture_shows_minsk_and_heriot_and_nothing_else() -> None:
    report = treatycheck.validate(FIXTURE, select=CODES)
    found = [(f.code, Path(f.location.path).name, f.message) for f in report.findings]
    assert found == [
        (
            "TC505",
            "assertions.yaml",
            "'Heriot' is not a known person name; probably 'Herriot' (edouard-herriot)",
        ),
        (
            "TC502",
            "claims.yaml",
            "on-this-day says negotiated.place = Minsk; reference says Moscow",
        ),
    ]


def test_the_fixture_scorecard() -> None:
    report = treatycheck.validate(FIXTURE, select=["TC502"])
    cards = report.sources
    assert set(cards) == {"reference", "on-this-day", "soviet-account"}
    on_this_day = cards["on-this-day"]
    # signed.date 1920 refines 1920-07-12; parties and kind agree; Minsk is wrong.
    assert (
        on_this_day["compared"],
        on_this_day["agreements"],
        on_this_day["refinements"],
        on_this_day["conflicts"],
    ) == (4, 2, 1, 1)
    assert on_this_day["agreement_rate"] == 0.75
    account = cards["soviet-account"]
    assert (account["compared"], account["refinements"], account["conflicts"]) == (8, 1, 0)
    assert account["agreement_rate"] == 1.0
    assert cards["reference"]["reference"] is True
    assert cards["reference"]["compared"] == 0
    assert cards["reference"]["agreement_rate"] is None


def test_no_scorecard_when_no_comparison_runs() -> None:
    assert treatycheck.validate(FIXTURE, select=["TC505"]).sources == {}
