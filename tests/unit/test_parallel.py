"""Parallel rule runs (``jobs``) give the same report as sequential ones."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

import pytest

import treatycheck
from treatycheck.findings import UsageError
from treatycheck.loader import load
from treatycheck.parallel import PARTITIONED_CODES, partition_of, partition_views
from treatycheck.rules.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not installed; it sits beside the package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate, write  # noqa: E402

TODAY = _dt.date(2025, 1, 1)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(generate(600, seed=5), tmp_path_factory.mktemp("parallel"))


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_give_byte_identical_reports(data: Path, jobs: int) -> None:
    sequential = treatycheck.validate(data, today=TODAY)
    parallel = treatycheck.validate(data, today=TODAY, jobs=jobs)
    assert sequential.findings  # the dataset has injected defects
    assert parallel.to_json() == sequential.to_json()
    assert [str(f) for f in parallel.findings] == [str(f) for f in sequential.findings]


def test_jobs_respect_select_and_ignore(data: Path) -> None:
    for options in ({"select": ["TC3"]}, {"ignore": ["TC2", "TC101"]}):
        sequential = treatycheck.validate(data, today=TODAY, **options)  # type: ignore[arg-type]
        parallel = treatycheck.validate(data, today=TODAY, jobs=2, **options)  # type: ignore[arg-type]
        assert parallel.to_json() == sequential.to_json()


def test_the_curated_fixture_is_the_same_in_parallel() -> None:
    fixture = ROOT / "fixtures" / "soviet-baltic"
    sequential = treatycheck.validate(fixture, today=TODAY)
    assert treatycheck.validate(fixture, today=TODAY, jobs=2).to_json() == sequential.to_json()


def test_views_split_treaties_and_claims_by_subject(data: Path) -> None:
    dataset = load(data)
    views = partition_views(dataset, 3)
    assert sorted(t.id for v in views for t in v.treaties) == sorted(t.id for t in dataset.treaties)
    for part, view in enumerate(views):
        assert view.polities == dataset.polities
        assert all(partition_of(t.id, 3) == part for t in view.treaties)
        assert all(partition_of(c.about, 3) == part for c in view.claims)
    assert sum(len(v.claims) for v in views) == len(dataset.claims)


def test_partition_of_is_stable() -> None:
    assert partition_of("treaty-1", 4) == partition_of("treaty-1", 4)
    assert {partition_of(f"treaty-{n}", 4) for n in range(50)} == {0, 1, 2, 3}


def test_partitioned_codes_are_catalogued() -> None:
    assert set(CATALOGUE) >= PARTITIONED_CODES


def test_jobs_below_one_is_a_usage_error(data: Path) -> None:
    with pytest.raises(UsageError, match="jobs"):
        treatycheck.validate(data, jobs=0)


def _validate_in_pool_worker(path: str) -> str:
    return treatycheck.validate(path, today=TODAY, jobs=2).to_json()


def test_jobs_inside_a_pool_worker_run_sequentially(data: Path) -> None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        inside = pool.apply(_validate_in_pool_worker, (str(data),))
    assert inside == treatycheck.validate(data, today=TODAY).to_json()
