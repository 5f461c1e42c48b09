"""docs/format.md: its examples are valid data files and every field is documented."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from treatycheck import load, validate
from treatycheck.models import SECTIONS, Event, Interval, NameSpan, Office

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"^```yaml\n(.*?)^```$", PAGE, flags=re.MULTILINE | re.DOTALL)


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert all(example.startswith("treatycheck: 1\n") for example in EXAMPLES)


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_every_example_loads_and_checks_without_a_finding(number: int, tmp_path: Path) -> None:
    path = tmp_path / f"example-{number}.yaml"
    path.write_text(EXAMPLES[number], encoding="utf-8")
    assert load(path).findings == ()
    report = validate(path, today=dt.date(2026, 1, 1))
    assert [str(f) for f in report.findings] == []


def documented_fields(section: str) -> set[str]:
    """Field names in the first column of the tables under a ``## `section` `` heading."""
    part = PAGE.split(f"## `{section}`", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", part, flags=re.MULTILINE))


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_field_of_every_record_is_documented(section: str) -> None:
    model = SECTIONS[section]
    fields = {info.alias or name for name, info in model.model_fields.items()}
    if section == "treaties":
        fields |= {info.alias or name for name, info in Event.model_fields.items()}
    assert fields <= documented_fields(section), fields - documented_fields(section)


def test_nested_shapes_are_described() -> None:
    for model in (Interval, NameSpan, Office):
        for name, info in model.model_fields.items():
            assert f"`{info.alias or name}`" in PAGE
