"""Table-driven tests of the record rules: one case file per rule family.

Each ``cases/TC?xx.yaml`` lists the codes it checks and named cases. A case
writes its ``data`` to a file (YAML text as ``data.yaml``; a mapping as
``data.json``, indented by two), loads it (load findings of other codes fail
the case: the data must say what the case means), validates it with only the
file's codes selected, and compares the findings, as ``{code, subject, line}``,
with ``expect``.
Every code must have a case that triggers it and a near miss that does not.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from treatycheck import load, validate

CASES_DIR = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES_DIR.glob("TC[0-9]xx.yaml"))
TODAY = dt.date(2026, 1, 1)
"""The 'today' of every case (for TC203), unless a case gives its own."""


def _case_file(path: Path) -> dict[str, Any]:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(content, dict) and set(content) == {"codes", "cases"}, path
    return content


def _cases() -> Iterator[Any]:
    for path in CASE_FILES:
        content = _case_file(path)
        for case in content["cases"]:
            yield pytest.param(content["codes"], case, id=f"{path.stem}:{case['name']}")


def _write(directory: Path, data: str | dict[str, Any]) -> Path:
    if isinstance(data, str):
        path = directory / "data.yaml"
        path.write_text(data, encoding="utf-8")
    else:
        path = directory / "data.json"
        path.write_text(json.dumps(data, indent=2, default=str, ensure_ascii=False))
    return path


@pytest.mark.parametrize(("codes", "case"), list(_cases()))
def test_record_rule_case(codes: list[str], case: dict[str, Any], tmp_path: Path) -> None:
    assert set(case) <= {"name", "rule", "data", "expect", "today"}, case["name"]
    dataset = load(_write(tmp_path, case["data"]))
    unexpected = [str(f) for f in dataset.findings if f.code not in codes]
    assert not unexpected, f"{case['name']}: the data do not load cleanly: {unexpected}"
    report = validate(dataset, select=codes, today=case.get("today", TODAY))
    found = [
        {"code": f.code, "subject": f.subject, "line": f.location.line} for f in report.findings
    ]
    messages = "\n".join(str(f) for f in report.findings)
    assert found == case["expect"], f"{case['name']}: got\n{messages or '(no findings)'}"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_every_code_has_a_trigger_and_a_near_miss(path: Path) -> None:
    content = _case_file(path)
    names = [case["name"] for case in content["cases"]]
    assert len(names) == len(set(names)), "case names must be unique"
    for code in content["codes"]:
        about = [case for case in content["cases"] if case.get("rule") == code]
        fired = [c for c in about if any(e["code"] == code for e in c["expect"])]
        quiet = [c for c in about if all(e["code"] != code for e in c["expect"])]
        assert fired, f"{path.name}: no case triggers {code}"
        if code != "TC100":  # an unreadable file has no near miss worth a case
            assert quiet, f"{path.name}: no near miss for {code}"


def test_the_case_files_cover_the_record_rules() -> None:
    covered = {code for path in CASE_FILES for code in _case_file(path)["codes"]}
    record_rules = {"TC101", "TC102", "TC201", "TC202", "TC203", "TC301", "TC302", "TC304"}
    assert record_rules | {"TC601", "TC602"} <= covered
