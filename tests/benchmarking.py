"""Running a benchmark module the way its documentation says, for the tests that check it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_benchmark(module: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python -m benchmarks.MODULE ARGUMENTS`` from the repository root (benchmarks/ is
    not installed; it sits beside the package)."""
    return subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
