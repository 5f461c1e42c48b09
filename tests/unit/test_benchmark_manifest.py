"""The benchmark generator's manifest predicts the findings of its datasets exactly."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

import treatycheck

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not installed; it sits beside the package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import INJECTED_CODES, generate, write  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("bench")
    data = write(generate(400, seed=7), out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return data, manifest


def test_detected_findings_equal_the_injected_manifest(
    generated: tuple[Path, dict[str, object]],
) -> None:
    data, manifest = generated
    today = _dt.date.fromisoformat(str(manifest["today"]))
    report = treatycheck.validate(data, today=today)
    assert dict(Counter(f.code for f in report.findings)) == manifest["expected"]
    injected = manifest["injected"]
    assert isinstance(injected, list)
    expected_pairs = Counter((item["code"], item["subject"]) for item in injected)
    assert Counter((f.code, f.subject) for f in report.findings) == expected_pairs


def test_every_code_is_injected_about_one_percent_of_the_time(
    generated: tuple[Path, dict[str, object]],
) -> None:
    _, manifest = generated
    assert manifest["expected"] == dict.fromkeys(INJECTED_CODES, 4)


def test_the_clean_part_gives_no_finding(tmp_path: Path) -> None:
    generated = generate(300, seed=3)
    injected = {item["subject"] for item in generated.manifest["injected"]}
    data = write(generated, tmp_path)
    report = treatycheck.validate(data, today=_dt.date(2025, 1, 1))
    stray = [f for f in report.findings if f.subject is not None and f.subject not in injected]
    assert stray == []


def test_the_same_seed_gives_the_same_bytes() -> None:
    first = generate(200, seed=11)
    again = generate(200, seed=11)
    other = generate(200, seed=12)
    assert json.dumps(first.files) == json.dumps(again.files)
    assert first.manifest == again.manifest
    assert json.dumps(first.files) != json.dumps(other.files)
