"""treatycheck.strategies: valid datasets pass, and every rule's injected defect is reported."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import treatycheck
from treatycheck._names import edit_distance, name_key
from treatycheck.rules.catalogue import CATALOGUE
from treatycheck.rules.registry import CHECKS
from treatycheck.strategies import (
    PERSON_NAMES,
    PLACE_NAMES,
    POLITY_NAMES,
    GeneratedDataset,
    datasets,
    defect_codes,
)

# Codes the loader reports itself; every other code needs its rule in the registry.
LOADER_CODES = {"TC100", "TC103", "TC104", "TC202"}
REGISTERED = LOADER_CODES | {code for check in CHECKS for code in check.codes}

EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def findings_of(generated: GeneratedDataset, fmt: str) -> list[treatycheck.Finding]:
    with tempfile.TemporaryDirectory() as directory:
        path = generated.write(Path(directory), fmt)
        return list(treatycheck.validate(path, today=generated.today).findings)


@EXAMPLES
@given(datasets(), st.sampled_from(["yaml", "json"]))
def test_generated_valid_datasets_have_no_findings(generated: GeneratedDataset, fmt: str) -> None:
    assert generated.expected_code is None and not generated.expected_codes
    found = findings_of(generated, fmt)
    assert found == [], "\n".join(str(f) for f in found)


def _param(code: str) -> object:
    if code in REGISTERED:
        return pytest.param(code, id=code)
    reason = f"the rule of {code} is not registered in treatycheck.rules.registry yet"
    return pytest.param(code, id=code, marks=pytest.mark.xfail(reason=reason, strict=False))


@pytest.mark.parametrize("code", [_param(code) for code in CATALOGUE])
def test_an_injected_defect_is_reported_with_exactly_its_code(code: str) -> None:
    @EXAMPLES
    @given(datasets(defect=code), st.sampled_from(["yaml", "json"]))
    def check(generated: GeneratedDataset, fmt: str) -> None:
        assert generated.expected_code == code
        found = findings_of(generated, fmt)
        codes = {f.code for f in found}
        assert code in codes, f"{code} not reported; got {sorted(codes)}"
        assert codes == generated.expected_codes, "\n".join(str(f) for f in found)

    check()


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_only_explanations_come_with_a_companion_code(data: st.DataObject) -> None:
    companions = {}
    for code in defect_codes():
        generated = data.draw(datasets(defect=code), label=code)
        if generated.expected_codes != {code}:
            companions[code] = sorted(generated.expected_codes - {code})
    assert companions == {"TC503": ["TC502"], "TC504": ["TC502"]}


def test_every_catalogue_code_is_a_defect_and_others_are_refused() -> None:
    assert defect_codes() == tuple(CATALOGUE)
    with pytest.raises(InvalidArgument, match="TC999"):
        datasets(defect="TC999")
    assert datasets(defect="tc302") is not None


@settings(max_examples=5, deadline=None)
@given(datasets(defect="TC100"))
def test_unreadable_datasets_do_not_parse_in_either_format(generated: GeneratedDataset) -> None:
    assert generated.unreadable
    for fmt in ("yaml", "json"):
        assert [f.code for f in findings_of(generated, fmt)] == ["TC100"]


def test_generated_names_are_far_apart() -> None:
    names = [*POLITY_NAMES, *PLACE_NAMES, *PERSON_NAMES]
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            assert edit_distance(name_key(first), name_key(second), 4) > 4, (first, second)


def test_the_package_imports_without_hypothesis() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None  # importing it now raises ImportError
        import treatycheck, treatycheck.api, treatycheck.cli, treatycheck.pytest_plugin
        from treatycheck.reporters import FORMATS, get_reporter
        for name in FORMATS:
            get_reporter(name)
        try:
            import treatycheck.strategies
        except ImportError:
            print("strategies need hypothesis")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "strategies need hypothesis"
