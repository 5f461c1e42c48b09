"""Each curated fixture gives exactly its pinned findings, and the README's command works."""

from __future__ import annotations

import json

import pytest

from tests.goldens import GOLDEN_FIXTURES, ROOT, run_validate


@pytest.mark.parametrize("name", sorted(GOLDEN_FIXTURES))
def test_fixture_gives_exactly_its_golden_findings(name: str) -> None:
    expected = (ROOT / "fixtures" / name / "expected.json").read_text(encoding="utf-8")
    result = run_validate(name, "--format", "json")
    assert result.returncode == GOLDEN_FIXTURES[name], result.stderr
    assert result.stdout == expected, (
        f"fixtures/{name}: findings changed; review and run scripts/update_goldens.py"
    )


@pytest.mark.parametrize("name", sorted(GOLDEN_FIXTURES))
def test_golden_findings_point_into_the_fixture(name: str) -> None:
    report = json.loads((ROOT / "fixtures" / name / "expected.json").read_text(encoding="utf-8"))
    assert report["findings"], "a golden fixture shows at least one finding"
    for finding in report["findings"]:
        path = ROOT / finding["location"]["path"]
        assert path.is_file()
        lines = path.read_text(encoding="utf-8").splitlines()
        assert 1 <= finding["location"]["line"] <= len(lines)
