"""The fixtures whose findings are pinned in ``fixtures/NAME/expected.json``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GOLDEN_FIXTURES = {
    "soviet-baltic": 1,
    "integrity": 1,
    "chronology": 1,
    "parties": 1,
    "provenance": 1,
    "sources": 1,
}
"""Fixture name -> the exit status `treatycheck validate` must give."""


def run_validate(name: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """``treatycheck validate fixtures/NAME --format json`` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "treatycheck", "validate", f"fixtures/{name}", *extra],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def current_output(name: str) -> str:
    """The JSON report the fixture gives now."""
    return run_validate(name, "--format", "json").stdout
