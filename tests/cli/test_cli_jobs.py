"""``treatycheck validate --jobs N`` prints exactly what ``--jobs 1`` prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not installed; it sits beside the package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate, write  # noqa: E402


def _validate(*args: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "treatycheck", "validate", *args]
    return subprocess.run(command, capture_output=True, check=False, timeout=120)


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_jobs_output_is_byte_identical(tmp_path: Path, output_format: str) -> None:
    data = write(generate(300, seed=9), tmp_path)
    common = (str(data), "--format", output_format, "--today", "2025-01-01")
    one = _validate(*common, "--jobs", "1")
    two = _validate(*common, "--jobs", "2")
    assert one.returncode == two.returncode == 1  # injected errors fail the run
    assert one.stdout == two.stdout
    assert b"TC302" in one.stdout


def test_jobs_zero_is_refused(tmp_path: Path) -> None:
    data = write(generate(100, seed=1), tmp_path)
    result = _validate(str(data), "--jobs", "0")
    assert result.returncode == 2
    assert b"--jobs" in result.stderr
    assert b"Traceback" not in result.stderr
