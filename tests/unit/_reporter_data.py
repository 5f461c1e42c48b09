"""The fixed report that every reporter test renders, and the expected-file helper.

The data are tests/data/reporters (two files, four deliberate mistakes);
``today`` is fixed so that the future-date finding does not drift. Set
``TREATYCHECK_UPDATE_EXPECTED=1`` to rewrite tests/data/expected/ after an
intended change of output, then review the diff.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import pytest

import treatycheck
from treatycheck.findings import Report

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
EXPECTED = DATA / "expected"
TODAY = _dt.date(2025, 1, 1)


def fixed_report(monkeypatch: pytest.MonkeyPatch) -> Report:
    """The report of tests/data/reporters, with paths relative to the repository root."""
    monkeypatch.chdir(ROOT)
    return treatycheck.validate("tests/data/reporters", today=TODAY)


def check_expected(name: str, actual: str) -> None:
    """Compare ``actual`` with tests/data/expected/NAME (or rewrite it on request)."""
    path = EXPECTED / name
    if os.environ.get("TREATYCHECK_UPDATE_EXPECTED"):
        path.write_text(actual, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path.relative_to(ROOT)}"
