"""The JSON reporter: the findings contract of SPEC section 4, byte for byte."""

from __future__ import annotations

import json

import pytest

from tests.unit._reporter_data import check_expected, fixed_report
from treatycheck.reporters import RenderOptions, get_reporter


def test_output_matches_the_expected_file(monkeypatch: pytest.MonkeyPatch) -> None:
    report = fixed_report(monkeypatch)
    text = get_reporter("json")(report, RenderOptions())
    check_expected("report.json", text)
    assert text == report.to_json()
    assert json.loads(text) == report.to_dict()


def test_colour_never_reaches_json(monkeypatch: pytest.MonkeyPatch) -> None:
    report = fixed_report(monkeypatch)
    render = get_reporter("json")
    assert render(report, RenderOptions(color=True)) == render(report, RenderOptions())
