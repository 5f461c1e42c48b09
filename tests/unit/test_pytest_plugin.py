"""The pytest plugin, run inside pytest with ``pytester``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import treatycheck.api  # noqa: F401  (see below)

# pytester's in-process runs forget the modules first imported during a run.
# PyYAML's C parser cannot be imported twice (its event classes would no
# longer match yaml.events), so the loader is imported here, once, up front.

pytest_plugins = ["pytester"]

VALID = """\
treatycheck: 1
sources:
  - {id: lnts, title: League of Nations Treaty Series, kind: reference}
polities:
  - {id: soviet-russia, names: [Soviet Russia], exists: {from: 1917-11-07, to: 1922-12-29}}
  - {id: lithuania, names: [Lithuania], exists: {from: 1918-02-16, to: 1940-08-03}}
treaties:
  - id: soviet-lithuanian-peace-1920
    form: bilateral
    parties: [soviet-russia, lithuania]
    events:
      - {type: signed, date: 1920-07-12}
"""

INVALID = """\
treatycheck: 1
treaties:
  - id: soviet-latvian-peace-1920
    form: bilateral
    parties: [soviet-russia, latvia]
    events:
      - {type: signed, date: 1920-08-11}
      - {type: ratifications-exchanged, date: 2920-10-02}
"""


def make_data(pytester: pytest.Pytester, *, invalid: bool) -> Path:
    data = pytester.mkdir("data")
    (data / "a-valid.yaml").write_text(VALID, encoding="utf-8")
    if invalid:
        (data / "b-invalid.yaml").write_text(INVALID, encoding="utf-8")
    return data


def test_a_valid_directory_passes(pytester: pytest.Pytester) -> None:
    data = make_data(pytester, invalid=False)
    result = pytester.runpytest("--treatycheck", str(data), "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*data/a-valid.yaml::treatycheck PASSED*"])
    assert result.ret == 0


def test_an_invalid_directory_fails_with_the_findings(pytester: pytest.Pytester) -> None:
    data = make_data(pytester, invalid=True)
    result = pytester.runpytest("--treatycheck", str(data), "--treatycheck-today", "2025-01-01")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*treatycheck: b-invalid.yaml: 1 error, 1 warning",
            "*data/b-invalid.yaml:5:30: TC101 [[]error] polity 'latvia' is not defined*",
            "*data/b-invalid.yaml:8:47: TC203 [[]warning] *2920-10-02 is in the future",
            "FAILED *data/b-invalid.yaml::treatycheck*",
        ]
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_select_ignore_and_fail_on(pytester: pytest.Pytester) -> None:
    data = make_data(pytester, invalid=True)
    today = ("--treatycheck-today", "2025-01-01")
    ignored = pytester.runpytest(
        "--treatycheck", str(data), "--treatycheck-ignore", "unknown-reference", *today
    )
    ignored.assert_outcomes(passed=2)  # the remaining TC203 is only a warning
    strict = pytester.runpytest(
        "--treatycheck",
        str(data),
        "--treatycheck-select",
        "TC2",
        "--treatycheck-fail-on",
        "warning",
        *today,
    )
    strict.assert_outcomes(passed=1, failed=1)
    strict.stdout.fnmatch_lines(["*TC203 [[]warning]*"])
    strict.stdout.no_fnmatch_line("*TC101*")


def test_reference_option_and_bad_arguments_are_usage_errors(pytester: pytest.Pytester) -> None:
    data = make_data(pytester, invalid=False)
    result = pytester.runpytest("--treatycheck", str(data), "--treatycheck-reference", "lnts")
    result.assert_outcomes(passed=1)
    unknown = pytester.runpytest("--treatycheck", str(data), "--treatycheck-reference", "lnst")
    assert unknown.ret == pytest.ExitCode.USAGE_ERROR
    unknown.stderr.fnmatch_lines(["*treatycheck: --reference 'lnst' is not a source*"])
    missing = pytester.runpytest("--treatycheck", str(data / "nowhere"))
    assert missing.ret == pytest.ExitCode.USAGE_ERROR
    missing.stderr.fnmatch_lines(["*no such file or directory*"])


def test_items_are_marked_and_can_be_deselected(pytester: pytest.Pytester) -> None:
    data = make_data(pytester, invalid=True)
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    result = pytester.runpytest("--treatycheck", str(data), "-m", "not treatycheck")
    result.assert_outcomes(passed=1, deselected=2)
    only = pytester.runpytest("--treatycheck", str(data), "-k", "a-valid")
    only.assert_outcomes(passed=1, deselected=2)


def test_without_the_option_a_run_is_untouched(pytester: pytest.Pytester) -> None:
    make_data(pytester, invalid=True)
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)


def test_the_plugin_can_be_switched_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    result = pytester.runpytest("-p", "no:treatycheck")
    result.assert_outcomes(passed=1)
    refused = pytester.runpytest("-p", "no:treatycheck", "--treatycheck", "data")
    assert refused.ret == pytest.ExitCode.USAGE_ERROR
    refused.stderr.fnmatch_lines(["*unrecognized arguments: --treatycheck*"])


def test_importing_the_plugin_loads_nothing_heavy() -> None:
    code = textwrap.dedent(
        """
        import sys
        import treatycheck.pytest_plugin
        heavy = sorted(
            name for name in sys.modules
            if name.split(".")[0] in ("pydantic", "yaml", "click")
            or (name.startswith("treatycheck.") and name != "treatycheck.pytest_plugin")
        )
        print(heavy)
        """
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
