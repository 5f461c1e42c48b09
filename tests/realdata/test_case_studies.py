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


def cross_source_rules_registered() -> bool:
    from treatycheck.engine import all_checks

    return any("TC501" in check.codes for check in all_checks())


def test_case_study_pages_are_current(realdata: Path) -> None:
    if not cross_source_rules_registered():
        pytest.skip("the pages show TC501 findings; the cross-source rules are not registered")
    texts, timings = script().pages(realdata)
    for name, text in texts.items():
        page = REPO / "docs" / "case-studies" / name
        assert page.read_text(encoding="utf-8") == text, (
            f"docs/case-studies/{name} is stale: run python scripts/case_studies.py"
        )
    assert timings["import all"] < 30
