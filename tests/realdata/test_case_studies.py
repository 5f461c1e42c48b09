"""docs/case-studies/*.md are what scripts/case_studies.py writes from the real data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPO

pytestmark = pytest.mark.realdata


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("case_studies", REPO / "scripts/case_studies.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("case_studies", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_case_study_pages_are_current(realdata: Path) -> None:
    texts, timings = script().pages(realdata)
    for name, text in texts.items():
        page = REPO / "docs" / "case-studies" / name
        assert page.read_text(encoding="utf-8") == text, (
            f"docs/case-studies/{name} is stale: run python scripts/case_studies.py"
        )
    assert timings["import all"] < 30
