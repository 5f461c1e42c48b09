"""The load benchmark runs, and its synthetic dataset is deterministic and valid."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.benchmarking import run_benchmark
from treatycheck import validate

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not installed; it sits beside the package
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_load import synthetic_dataset  # noqa: E402


def test_the_synthetic_dataset_is_deterministic_and_valid(tmp_path: Path) -> None:
    data = synthetic_dataset(300)
    assert json.dumps(data) == json.dumps(synthetic_dataset(300))
    assert json.dumps(data) != json.dumps(synthetic_dataset(300, seed=1))
    path = tmp_path / "synthetic.json"
    path.write_text(json.dumps(data))
    report = validate(path, select=["TC1", "TC2", "TC3"])
    assert report.findings == ()
    assert report.records == 300 + 200 + 50


def test_the_benchmark_runs_as_a_module_and_prints_both_times_and_the_ratio() -> None:
    done = run_benchmark("bench_load", "--treaties", "100", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("floor (json.load + DataFile.model_validate):") == 2
    assert done.stdout.count("treatycheck.load (with locations):") == 2
    assert done.stdout.count("ratio: ") == 2
