"""Each curated fixture gives exactly its pinned findings, and the README's command works."""

from __future__ import annotations

import json
import time

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


def test_readme_main_command_runs_the_soviet_baltic_case() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "treatycheck validate fixtures/soviet-baltic" in readme
    started = time.perf_counter()
    result = run_validate("soviet-baltic")
    elapsed = time.perf_counter() - started
    assert result.returncode == 1
    codes = [line.split(" ")[1] for line in result.stdout.splitlines() if ": TC" in line]
    assert sorted(codes) == ["TC305", "TC401", "TC401", "TC401", "TC401", "TC502", "TC505"]
    # Interpreter start-up included; on this machine it takes well under a second.
    assert elapsed < 5.0, f"took {elapsed:.2f} s"
