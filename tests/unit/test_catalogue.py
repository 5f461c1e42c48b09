"""The rule catalogue: codes, lookups, selection and the generated rule reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from treatycheck.findings import Severity, UsageError
from treatycheck.rules.catalogue import (
    CATALOGUE,
    explain_text,
    get_rule,
    rules_markdown,
    select_codes,
    suggest_code,
)

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "SPEC.md"


def test_docs_rules_md_is_generated_from_the_catalogue() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), (
        "docs/rules.md is stale: run `python scripts/gen_rules_doc.py`"
    )


def test_the_rule_reference_has_a_section_per_rule() -> None:
    text = rules_markdown()
    headings = re.findall(r"^### (TC\d{3}) ([a-z-]+)$", text, flags=re.MULTILINE)
    assert headings == [(rule.code, rule.name) for rule in CATALOGUE.values()]


def test_codes_are_unique_ordered_and_well_formed() -> None:
    codes = list(CATALOGUE)
    assert codes == sorted(codes)
    assert all(re.fullmatch(r"TC[1-9]\d{2}", code) for code in codes)
    names = [rule.name for rule in CATALOGUE.values()]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names)


@pytest.mark.skipif(not SPEC.exists(), reason="the shared SPEC is not next to the repository")
def test_the_catalogue_matches_the_spec_table() -> None:
    table = dict(re.findall(r"^\| (TC\d{3}) \| ([a-z-]+) \|", SPEC.read_text(), re.MULTILINE))
    assert {code: rule.name for code, rule in CATALOGUE.items()} == table


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_rule_explains_itself(code: str) -> None:
    rule = CATALOGUE[code]
    assert rule.summary.endswith(".") and rule.rationale and rule.example and rule.fix
    text = explain_text(rule)
    assert text.startswith(f"{code} {rule.name} ({rule.severity.value}, {rule.family})")
    assert rule.example.splitlines()[0] in text
    assert f"--ignore {code}" in text


def test_rules_are_found_by_code_or_name_in_any_case() -> None:
    assert get_rule("tc302") is get_rule("TC302") is get_rule("party-not-existing")
    assert get_rule("TC203").severity is Severity.WARNING


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("TC999", "TC602"),
        ("TC30", "TC301"),
        ("TC3O2", "TC302"),
        ("TC1011", "TC101"),
        ("party-not-exist", "party-not-existing"),
    ],
)
def test_an_unknown_rule_gets_the_closest_code_suggested(typed: str, suggested: str) -> None:
    assert suggest_code(typed) == suggested
    with pytest.raises(UsageError, match=f"did you mean {suggested}"):
        get_rule(typed)


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (None, None, set(CATALOGUE)),
        (["TC3"], None, {"TC301", "TC302", "TC303", "TC304", "TC305"}),
        (["TC30"], None, {"TC301", "TC302", "TC303", "TC304", "TC305"}),
        (["TC302"], None, {"TC302"}),
        (["tc2", "TC601"], None, {"TC201", "TC202", "TC203", "TC601"}),
        (["event-order"], None, {"TC201"}),
        (["TC2"], ["future-date"], {"TC201", "TC202"}),
        (["TC3"], ["TC30"], set()),
        (["TC302"], ["TC3"], {"TC302"}),
        (["ALL"], ["TC1", "TC2", "TC4", "TC5", "TC6"], {c for c in CATALOGUE if c[2] == "3"}),
    ],
)
def test_select_and_ignore_take_codes_prefixes_and_names(
    select: list[str] | None, ignore: list[str] | None, expected: set[str]
) -> None:
    assert select_codes(select, ignore) == expected


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("TC9", "'TC9' matches no rule code; did you mean TC602?"),
        ("TC399", "unknown rule 'TC399'; did you mean TC305?"),
        ("TC3021", "'TC3021' is not a rule code"),
        ("evnt-order", "did you mean event-order?"),
    ],
)
def test_a_selector_that_matches_nothing_is_a_usage_error(selector: str, message: str) -> None:
    for select, ignore in (([selector], None), (None, [selector])):
        with pytest.raises(UsageError) as caught:
            select_codes(select, ignore)
        assert message in str(caught.value)
