"""Assertion verdicts and findings (TC401, TC402, TC305), table-driven.

Each case in ``cases/TC401.yaml``, ``cases/TC402.yaml`` and ``cases/TC305.yaml``
adds one assertion to ``cases/assertions-base.yaml`` and states the verdict
and the findings a user should see.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

import treatycheck
from treatycheck.engine import Context
from treatycheck.rules.assertions import evaluate_all

CASES = Path(__file__).parent / "cases"
FIXTURE = Path(__file__).parents[2] / "fixtures" / "soviet-baltic"
CODES = ("TC401", "TC402", "TC305")
BASE: dict[str, Any] = yaml.safe_load((CASES / "assertions-base.yaml").read_text("utf-8"))


def _cases() -> list[Any]:
    out = []
    for code in CODES:
        table = yaml.safe_load((CASES / f"{code}.yaml").read_text("utf-8"))
        for name, case in table["cases"].items():
            for key in ("message", "related", "not_in_message"):
                assert all(isinstance(item, str) for item in case.get(key, [])), (name, key)
            out.append(pytest.param(case, id=f"{code}-{name}"))
    return out


def _write(tmp_path: Path, case: dict[str, Any]) -> Path:
    data = copy.deepcopy(BASE)
    replacements = {t["id"]: t for t in case.get("treaties", [])}
    data["treaties"] = [replacements.pop(t["id"], t) for t in data["treaties"]]
    data["treaties"].extend(replacements.values())
    assertion = {"id": "under-test", "source": "historian"}
    if "says" in case:
        assertion["says"] = case["says"]
    assertion.update(case["assertion"])
    data["assertions"] = [assertion]
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.mark.parametrize("case", _cases())
def test_assertion_case(case: dict[str, Any], tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    dataset = treatycheck.load(path)
    assert dataset.findings == (), dataset.findings
    verdicts = evaluate_all(Context(dataset))
    if case["verdict"] is None:
        assert verdicts == []
    else:
        assert [v.status for v in verdicts] == [case["verdict"]], verdicts[0].message

    report = treatycheck.validate(path, select=list(CODES))
    assert [f.code for f in report.findings] == case["findings"], [
        f.message for f in report.findings
    ]
    if report.findings:
        found = report.findings[0]
        text = found.message
        assert found.subject == "under-test"
        assert found.sources == ("historian",)
        assert found.location.path == str(path)
        assert found.location.line > 0
    else:
        text = verdicts[0].message if verdicts else ""
    flat = " ".join(text.split())
    for expected in case.get("message", []):
        assert " ".join(expected.split()) in flat, text
    for unexpected in case.get("not_in_message", []):
        assert unexpected not in flat
    if "related" in case:
        related = [r.message for r in report.findings[0].related]
        assert len(related) == len(case["related"]), related
        for want, got in zip(case["related"], related, strict=True):
            assert want in got, related
        assert all(r.location.line > 0 for r in report.findings[0].related)


def test_violated_precedes_points_at_each_offending_date() -> None:
    """The related locations of a violated precedes are the offending events' dates."""
    report = treatycheck.validate(FIXTURE, select=["TC401"])
    (followed,) = [f for f in report.findings if f.subject == "baltic-states-followed-poland"]
    lines = [r.location.line for r in followed.related]
    treaties = (FIXTURE / "treaties.yaml").read_text("utf-8").splitlines()
    shown = [treaties[line - 1] for line in lines]
    assert [s.strip() for s in shown] == [
        "- {type: signed, date: 1932-07-25, place: moscow}",
        "- {type: signed, date: 1932-01-21, place: helsinki}",
        "- {type: signed, date: 1932-02-05, place: riga}",
        "- {type: signed, date: 1932-05-04, place: moscow}",
    ]


EXPECTED_FIXTURE_VERDICTS = {
    "only-lithuania-before-1932": "holds",
    "baltic-states-followed-poland": "violated",
    "baltic-pacts-of-1932": "holds",
    "conciliation-simultaneous-finland": "violated",
    "conciliation-simultaneous-latvia": "violated",
    "conciliation-simultaneous-estonia": "violated",
    "herriot-headed-french-government": "holds",
}


def test_fixture_verdicts_match_its_readme() -> None:
    """fixtures/soviet-baltic/README.md: which assertions hold and which are violated."""
    ctx = Context(treatycheck.load(FIXTURE))
    verdicts = {v.assertion.id: v.status for v in evaluate_all(ctx)}
    assert verdicts == EXPECTED_FIXTURE_VERDICTS
    report = treatycheck.validate(FIXTURE, select=list(CODES))
    assert sorted((f.code, f.subject) for f in report.findings) == [
        ("TC305", "baltic-pacts-of-1932"),
        ("TC401", "baltic-states-followed-poland"),
        ("TC401", "conciliation-simultaneous-estonia"),
        ("TC401", "conciliation-simultaneous-finland"),
        ("TC401", "conciliation-simultaneous-latvia"),
    ]


# --- assertions are data ------------------------------------------------------------

HOSTILE = """\
treatycheck: 1
sources: [{id: historian, title: A history, kind: secondary}]
polities: [{id: ussr, names: [USSR]}, {id: latvia, names: [Latvia]}]
treaties:
  - id: pact
    kind: non-aggression
    parties: [ussr, latvia]
    events: [{type: signed, date: 1932-02-05}]
assertions:
  - id: says-code
    source: historian
    says: "{__import__('os').system('touch PWNED')} ${HOME} {0.__class__}"
    before: {of: pact.signed, date: 1932}
  - id: party-code
    source: historian
    says: a party written as code
    count: {select: {party: "__import__('os').getcwd()", kind: non-aggression}, equals: 1}
  - id: counterparty-path
    source: historian
    says: a counterparty written as a path
    only: {select: {party: ussr}, counterparties: [../../etc/passwd]}
  - id: person-code
    source: historian
    says: a person written as an expression
    during: {of: pact.signed, office: {person: "eval('1+1')", role: head-of-government}}
"""


BUILTINS_REFUSED = ("eval", "exec", "compile", "open", "__import__")


def test_assertion_text_is_never_evaluated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in an assertion runs: no eval, no imports, no files, no processes."""
    import builtins
    import importlib
    import os
    import socket
    import subprocess

    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, "utf-8")
    dataset = treatycheck.load(path)
    assert dataset.findings == ()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"an assertion reached outside the dataset: {args!r}")

    with monkeypatch.context() as patch:
        for target, name in [
            (importlib, "import_module"),
            (os, "system"),
            (os, "open"),
            (os, "getcwd"),
            (subprocess, "Popen"),
            (socket, "socket"),
        ]:
            patch.setattr(target, name, refuse)
        saved = {name: getattr(builtins, name) for name in BUILTINS_REFUSED}
        try:
            for name in BUILTINS_REFUSED:
                setattr(builtins, name, refuse)
            verdicts = evaluate_all(Context(dataset))
        finally:
            for name, value in saved.items():
                setattr(builtins, name, value)
    messages = [v.message for v in verdicts]
    assert not (tmp_path / "PWNED").exists()
    assert [v.assertion.id for v in verdicts] == ["says-code"]
    assert "{__import__('os').system('touch PWNED')} ${HOME} {0.__class__}" in messages[0]
    report = treatycheck.validate(path, select=["TC101", *CODES])
    assert sorted(f.code for f in report.findings) == ["TC101", "TC101", "TC101", "TC401"]


def test_assertion_keys_outside_the_format_are_schema_violations(tmp_path: Path) -> None:
    """A select cannot smuggle in an expression: unknown keys are TC104, not evaluated."""
    path = tmp_path / "data.yaml"
    path.write_text(
        "treatycheck: 1\n"
        "assertions:\n"
        "  - id: with-where\n"
        "    source: historian\n"
        "    count: {select: {where: \"kind == 'peace'\"}, equals: 1}\n",
        "utf-8",
    )
    report = treatycheck.validate(path)
    assert [f.code for f in report.findings] == ["TC104"]


def test_assertion_modules_import_nothing_that_reaches_outside() -> None:
    """The select language and the assertion rules use no eval, files, processes or network."""
    import ast

    root = Path(__file__).parents[2] / "treatycheck"
    forbidden_calls = {"eval", "exec", "compile", "open", "__import__", "globals", "locals"}
    forbidden_modules = {"os", "sys", "subprocess", "socket", "importlib", "pathlib", "pickle"}
    modules = [root / "select.py", *sorted((root / "rules").glob("*assertion*.py"))]
    assert len(modules) >= 2
    for module in modules:
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in forbidden_calls, (module.name, node.func.id)
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
                assert not names & forbidden_modules, (module.name, names)
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert (node.module or "").split(".")[0] not in forbidden_modules


def test_documented_examples_give_the_documented_verdicts(tmp_path: Path) -> None:
    """Every example in docs/assertions.md gives, on the fixture, the verdict it is shown with."""
    import re

    doc = (Path(__file__).parents[2] / "docs" / "assertions.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n# verdict: (\w+)\n(.*?)```", doc, flags=re.DOTALL)
    assert len(blocks) >= 9
    expected = {yaml.safe_load(body)[0]["id"]: verdict for verdict, body in blocks}
    path = tmp_path / "doc-examples.yaml"
    path.write_text("treatycheck: 1\nassertions:\n" + "".join(b for _, b in blocks), "utf-8")
    dataset = treatycheck.load([FIXTURE, path])
    assert dataset.findings == ()
    shown = [v for v in evaluate_all(Context(dataset)) if v.assertion.id in expected]
    assert {v.assertion.id: v.status for v in shown} == expected
    assert {v.form for v in shown} == {
        "before",
        "after",
        "on",
        "within",
        "precedes",
        "simultaneous",
        "only",
        "count",
        "during",
    }


def test_long_selections_are_named_up_to_a_limit() -> None:
    """A count over many treaties names the first dozen and says how many more there are."""
    from treatycheck.dataset import Dataset
    from treatycheck.models import Count, Polity, Treaty

    treaties = tuple(
        Treaty.model_validate(
            {
                "id": f"pact-{i:02d}",
                "kind": "non-aggression",
                "parties": ["ussr", "latvia"],
                "events": [{"type": "signed", "date": f"1932-01-{i + 1:02d}"}],
            }
        )
        for i in range(20)
    )
    polities = tuple(Polity.model_validate({"id": p}) for p in ("ussr", "latvia"))
    assertion = Count.model_validate(
        {"id": "few", "source": "historian", "count": {"select": {"party": "ussr"}, "at_most": 3}}
    )
    ctx = Context(Dataset(polities=polities, treaties=treaties, assertions=(assertion,)))
    (verdict,) = evaluate_all(ctx)
    assert verdict.status == "violated"
    assert "pact-11 (signed 1932-01-12) and 8 more; expected at most 3" in verdict.message
    assert "pact-12" not in verdict.message
    assert len(verdict.evidence) == 20


def test_a_finding_points_at_the_first_deciding_records_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    """A count decided by many treaties lists the first of them in date order, then how
    many more there are, at the assertion: the report does not grow with the dataset."""
    from treatycheck.rules.assertions import RELATED_LIMIT

    treaties = [
        {
            "id": f"pact-{i:03d}",
            "kind": "non-aggression",
            "parties": ["ussr", "latvia"],
            "events": [{"type": "signed", "date": f"{1900 + i // 12}-{i % 12 + 1:02d}-01"}],
        }
        for i in range(RELATED_LIMIT + 7)
    ]
    data = {
        "treatycheck": 1,
        "sources": [{"id": "historian", "title": "A history", "kind": "secondary"}],
        "polities": [{"id": "ussr"}, {"id": "latvia"}],
        "treaties": treaties,
        "assertions": [
            {
                "id": "few",
                "source": "historian",
                "count": {"select": {"party": "ussr"}, "at_most": 3},
            }
        ],
    }
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    (found,) = treatycheck.validate(path, select=["TC401"]).findings
    assert len(found.related) == RELATED_LIMIT + 1
    assert [r.message.split(":")[0] for r in found.related[:2]] == [
        "pact-000.signed",
        "pact-001.signed",
    ]
    assert found.related[RELATED_LIMIT - 1].message.startswith(f"pact-{RELATED_LIMIT - 1:03d}")
    last = found.related[-1]
    assert last.message == "and 7 more records not listed here"
    assert (last.location.line, last.location.column) == (
        found.location.line,
        found.location.column,
    )
