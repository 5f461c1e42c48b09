"""Assertion verdicts and findings (TC401, TC402, TC305), table-driven.

Each case in ``cases/TC401.yaml``, ``cases/TC402.yaml`` and ``cases/TC305.yaml``
adds one assertion to ``cases/assertions-base.yaml`` and states the verdict
and the findings a user should see.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

import treatycheck
from treatycheck.engine import Context
from treatycheck.rules.assertions import evaluate_all

CASES = Path(__file__).parent / "cases"
FIXTURE = Path(__file__).parents[2] / "fixtures" / "soviet-baltic"
CODES = ("TC401", "TC402", "TC305")
BASE: dict[str, Any] = yaml.safe_load((CASES / "assertions-base.yaml").read_text("utf-8"))


def _cases() -> list[Any]:
    out = []
    for code in CODES:
        table = yaml.safe_load((CASES / f"{code}.yaml").read_text("utf-8"))
        for name, case in table["cases"].items():
            for key in ("message", "related", "not_in_message"):
                assert all(isinstance(item, str) for item in case.get(key, [])), (name, key)
            out.append(pytest.param(case, id=f"{code}-{name}"))
    return out


def _write(tmp_path: Path, case: dict[str, Any]) -> Path:
    data = copy.deepcopy(BASE)
    replacements = {t["id"]: t for t in case.get("treaties", [])}
    data["treaties"] = [replacements.pop(t["id"], t) for t in data["treaties"]]
    data["treaties"].extend(replacements.values())
    assertion = {"id": "under-test", "source": "historian"}
    if "says" in case:
        assertion["says"] = case["says"]
    assertion.update(case["assertion"])
    data["assertions"] = [assertion]
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.mark.parametrize("case", _cases())
def test_assertion_case(case: dict[str, Any], tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    dataset = treatycheck.load(path)
    assert dataset.findings == (), dataset.findings
    verdicts = evaluate_all(Context(dataset))
    if case["verdict"] is None:
        assert verdicts == []
    else:
        assert [v.status for v in verdicts] == [case["verdict"]], verdicts[0].message

    report = treatycheck.validate(path, select=list(CODES))
    assert [f.code for f in report.findings] == case["findings"], [
        f.message for f in report.findings
    ]
    if report.findings:
        found = report.findings[0]
        text = found.message
        assert found.subject == "under-test"
        assert found.sources == ("historian",)
        assert found.location.path == str(path)
        assert found.location.line > 0
    else:
        text = verdicts[0].message if verdicts else ""
    flat = " ".join(text.split())
    for expected in case.get("message", []):
        assert " ".join(expected.split()) in flat, text
    for unexpected in case.get("not_in_message", []):
        assert unexpected not in flat
    if "related" in case:
        related = [r.message for r in report.findings[0].related]
        assert len(related) == len(case["related"]), related
        for want, got in zip(case["related"], related, strict=True):
            assert want in got, related
        assert all(r.location.line > 0 for r in report.findings[0].related)


def test_violated_precedes_points_at_each_offending_date() -> None:
    """The related locations of a violated precedes are the offending events' dates."""
    report = treatycheck.validate(FIXTURE, select=["TC401"])
    (followed,) = [f for f in report.findings if f.subject == "baltic-states-followed-poland"]
    lines = [r.location.line for r in followed.related]
    treaties = (FIXTURE / "treaties.yaml").read_text("utf-8").splitlines()
    shown = [treaties[line - 1] for line in lines]
    assert [s.strip() for s in shown] == [
        "- {type: signed, date: 1932-07-25, place: moscow}",
        "- {type: signed, date: 1932-01-21, place: helsinki}",
        "- {type: signed, date: 1932-02-05, place: riga}",
        "- {type: signed, date: 1932-05-04, place: moscow}",
    ]


EXPECTED_FIXTURE_VERDICTS = {
    "only-lithuania-before-1932": "holds",
    "baltic-states-followed-poland": "violated",
    "baltic-pacts-of-1932": "holds",
    "conciliation-simultaneous-finland": "violated",
    "conciliation-simultaneous-latvia": "violated",
    "conciliation-simultaneous-estonia": "violated",
    "herriot-headed-french-government": "holds",
}


def test_fixture_verdicts_match_its_readme() -> None:
    """fixtures/soviet-baltic/README.md: which assertions hold and which are violated."""
    ctx = Context(treatycheck.load(FIXTURE))
    verdicts = {v.assertion.id: v.status for v in evaluate_all(ctx)}
    assert verdicts == EXPECTED_FIXTURE_VERDICTS
    report = treatycheck.validate(FIXTURE, select=list(CODES))
    assert sorted((f.code, f.subject) for f in report.findings) == [
        ("TC305", "baltic-pacts-of-1932"),
        ("TC401", "baltic-states-followed-poland"),
        ("TC401", "conciliation-simultaneous-estonia"),
        ("TC401", "conciliation-simultaneous-finland"),
        ("TC401", "conciliation-simultaneous-latvia"),
    ]
