"""The ``treatycheck`` command, run as a user runs it: in a subprocess.

Exit status (SPEC section 5): 0 when no finding reaches ``--fail-on``, 1 when
one does, 2 when the tool could not do its job, with one line on stderr.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from treatycheck.rules.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "fixtures" / "example"
COMMAND = [sys.executable, "-m", "treatycheck"]
LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>TC\d{3}) \[(?P<sev>\w+)\] .+$"
)

# A treaty in force before it was signed (TC201, error) whose signing date is
# also in the far future (TC203, warning).
BROKEN = """
treatycheck: 1
sources: [{id: lnts, title: League of Nations Treaty Series, kind: reference}]
treaties:
  - id: pact-2932
    events:
      - {type: signed, date: 2932-07-25}
      - {type: in-force, date: 2932-01-01}
"""

# Only a warning: a signing date after today.
WARNING_ONLY = """
treatycheck: 1
sources: [{id: lnts, title: League of Nations Treaty Series, kind: reference}]
treaties:
  - id: pact-2932
    events: [{type: signed, date: 2932-07-25}]
"""


def run(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [*COMMAND, *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def data(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def assert_usage_error(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode == 2, done
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("treatycheck: error: ")
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in done.stderr


# --- exit status ------------------------------------------------------------------


def test_valid_data_exits_0_with_a_summary() -> None:
    done = run("validate", EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1 file, 5 records: 0 errors, 0 warnings, 0 info\n"
    assert done.stderr == ""


def test_an_error_finding_exits_1_and_prints_one_line_per_finding(tmp_path: Path) -> None:
    path = data(tmp_path, BROKEN)
    done = run("validate", path)
    assert done.returncode == 1, done.stderr
    *lines, summary = done.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["line"], m["col"], m["code"], m["sev"]) for m in parsed if m] == [
        ("6", "30", "TC203", "warning"),
        ("7", "32", "TC201", "error"),
        ("7", "32", "TC203", "warning"),
    ]
    assert all(m["path"] == str(path) for m in parsed if m)
    assert summary == "1 file, 2 records: 1 error, 2 warnings, 0 info"


def test_an_unreadable_file_exits_1(tmp_path: Path) -> None:
    path = data(tmp_path, "treatycheck: 1\ntreaties: [\n")
    done = run("validate", path)
    assert done.returncode == 1
    assert f"{path}:3:1: TC100 [error] YAML syntax error" in done.stdout


@pytest.mark.parametrize(
    ("fail_on", "status"), [("error", 0), ("warning", 1), ("info", 1), ("WARNING", 1)]
)
def test_fail_on_sets_the_lowest_failing_severity(
    fail_on: str, status: int, tmp_path: Path
) -> None:
    done = run("validate", data(tmp_path, WARNING_ONLY), "--fail-on", fail_on)
    assert done.returncode == status, done.stderr


def test_select_and_ignore_decide_what_is_reported(tmp_path: Path) -> None:
    path = data(tmp_path, BROKEN)
    only_future = run("validate", path, "--select", "TC2", "--ignore", "event-order")
    assert only_future.returncode == 0
    assert {m["code"] for m in map(LINE.match, only_future.stdout.splitlines()) if m} == {"TC203"}
    repeated = run("validate", path, "--select", "TC201", "--select", "TC3")
    comma = run("validate", path, "--select", "TC201,TC3")
    assert repeated.returncode == comma.returncode == 1
    assert repeated.stdout == comma.stdout
    assert "TC203" not in comma.stdout


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["validate", "does-not-exist.yaml"], ["does-not-exist.yaml: no such file or directory"]),
        (["validate", EXAMPLE, "--bogus"], ["--bogus"]),
        (["validate", EXAMPLE, "--format", "yaml"], ["unknown format 'yaml'"]),
        (["validate", EXAMPLE, "--fail-on", "fatal"], ["--fail-on 'fatal'"]),
        (["validate", EXAMPLE, "--select", "TC999"], ["did you mean TC602?"]),
        (["validate", EXAMPLE, "--ignore", "TC9"], ["'TC9' matches no rule code"]),
        (["validate", EXAMPLE, "--reference", "lnst"], ["did you mean 'lnts'?"]),
        (["validate"], ["Missing argument"]),
        (["explain", "TC999"], ["unknown rule 'TC999'; did you mean TC602?"]),
        (["explain", "TC3O2"], ["did you mean TC302?"]),
        (["frobnicate"], ["No such command"]),
    ],
)
def test_usage_errors_exit_2_with_one_line_and_no_traceback(
    args: list[str | Path], fragments: list[str]
) -> None:
    assert_usage_error(run(*args), *fragments)


def test_output_to_a_missing_directory_exits_2(tmp_path: Path) -> None:
    assert_usage_error(
        run("validate", EXAMPLE, "--output", tmp_path / "no" / "report.json"), "does not exist"
    )


# --- JSON output ------------------------------------------------------------------------


def check_spec_document(document: dict[str, Any]) -> None:
    """The findings contract of SPEC section 4, field by field."""
    assert list(document) == ["version", "tool", "summary", "findings"]
    assert document["version"] == 1
    assert document["tool"] == {"name": "treatycheck", "version": "0.1.0"}
    assert list(document["summary"]) == ["files", "records", "error", "warning", "info"]
    assert all(isinstance(v, int) for v in document["summary"].values())
    for item in document["findings"]:
        assert list(item) == [
            "code",
            "rule",
            "severity",
            "message",
            "subject",
            "property",
            "location",
            "related",
            "sources",
        ]
        assert item["code"] in CATALOGUE and item["rule"] == CATALOGUE[item["code"]].name
        assert item["severity"] in {"error", "warning", "info"}
        assert isinstance(item["message"], str) and item["message"]
        assert item["subject"] is None or isinstance(item["subject"], str)
        assert item["property"] is None or isinstance(item["property"], str)
        assert set(item["location"]) == {"path", "line", "column"}
        for related in item["related"]:
            assert set(related) == {"path", "line", "column", "message"}
        assert all(isinstance(source, str) for source in item["sources"])
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for item in document["findings"]:
        counts[item["severity"]] += 1
    assert {k: document["summary"][k] for k in counts} == counts
    keys = [
        (f["location"]["path"], f["location"]["line"], f["location"]["column"], f["code"])
        for f in document["findings"]
    ]
    assert keys == sorted(keys)


def test_json_output_follows_the_findings_contract(tmp_path: Path) -> None:
    done = run("validate", data(tmp_path, BROKEN), "--format", "json")
    assert done.returncode == 1
    document = json.loads(done.stdout)
    check_spec_document(document)
    assert document["summary"] == {"files": 1, "records": 2, "error": 1, "warning": 2, "info": 0}
    event_order = next(f for f in document["findings"] if f["code"] == "TC201")
    assert event_order["subject"] == "pact-2932"
    assert event_order["property"] == "in-force.date"
    assert event_order["location"]["line"] == 7
    assert event_order["related"][0]["line"] == 6
    assert event_order["sources"] == ["lnts"]


def test_json_of_the_curated_fixture_follows_the_contract() -> None:
    done = run("validate", "fixtures/soviet-baltic", "--format", "json")
    check_spec_document(json.loads(done.stdout))


def test_json_output_is_byte_identical_across_runs_and_hash_seeds() -> None:
    outputs = {
        seed: run(
            "validate", "fixtures/soviet-baltic", "--format", "json", env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("0", "4242", "random")
    }
    outputs["again"] = run("validate", "fixtures/soviet-baltic", "--format", "json").stdout
    assert len(set(outputs.values())) == 1
    assert json.loads(outputs["0"])["findings"], "the fixture is expected to have findings"


def test_output_writes_the_report_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    done = run("validate", data(tmp_path, BROKEN), "--format", "json", "--output", target)
    assert done.returncode == 1
    assert done.stdout == ""
    check_spec_document(json.loads(target.read_text(encoding="utf-8")))
    assert {p.name for p in tmp_path.iterdir()} == {"data.yaml", "report.json"}  # no temp file


# --- colour -----------------------------------------------------------------------------


def run_on_terminal(*args: str | Path, env: dict[str, str]) -> str:
    """Run the command with stdout on a pseudo-terminal; return what it wrote."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    try:
        process = subprocess.Popen(
            [*COMMAND, *map(str, args)],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**environment, **env},
            cwd=ROOT,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    path = data(tmp_path, BROKEN)
    on_terminal = run_on_terminal("validate", path, env={})
    assert "\x1b[" in on_terminal and "TC201" in on_terminal
    assert "\x1b[" not in run_on_terminal("validate", path, env={"NO_COLOR": "1"})
    piped = subprocess.run(
        [*COMMAND, "validate", str(path)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")},
        check=False,
    )
    assert "\x1b[" not in piped.stdout and "TC201" in piped.stdout


# --- rules, explain, schema ---------------------------------------------------------------


def test_rules_lists_every_code_once() -> None:
    done = run("rules")
    assert done.returncode == 0
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["CODE", "NAME", "SEVERITY", "SUMMARY"]
    assert [row.split()[0] for row in rows] == list(CATALOGUE)
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert [rule["code"] for rule in as_json] == list(CATALOGUE)


def test_explain_works_for_every_code() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda code: run("explain", code), CATALOGUE)
        done = dict(zip(CATALOGUE, results, strict=True))
    for code, result in done.items():
        rule = CATALOGUE[code]
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{code} {rule.name} ({rule.severity.value}")
        assert "Example that triggers it:" in result.stdout
        assert rule.example.splitlines()[0].strip() in result.stdout


def test_explain_accepts_a_rule_name() -> None:
    assert run("explain", "party-not-existing").stdout == run("explain", "tc302").stdout


def test_schema_prints_a_json_schema() -> None:
    done = run("schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "treaties" in schema["properties"]


def test_version_and_help() -> None:
    assert run("--version").stdout == "treatycheck 0.1.0\n"
    assert "validate" in run("--help").stdout
    assert run().returncode == 0


def test_the_installed_console_script_is_the_same_command(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("treatycheck")
    found = str(script) if script.exists() else shutil.which("treatycheck")
    if found is None:
        pytest.skip("the treatycheck console script is not installed")
    done = subprocess.run(
        [found, "validate", str(data(tmp_path, BROKEN)), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == run("validate", tmp_path / "data.yaml", "--format", "json").stdout
