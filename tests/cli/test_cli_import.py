"""``treatycheck import``: CSV files in, a data file or a report out, run in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

COMMAND = [sys.executable, "-m", "treatycheck", "import"]

COW = (
    "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
    "POL,290,Poland,1918,11,3,1939,9,27,2016\n"
    "POL,290,Poland,1945,6,28,2016,12,31,2016\n"
    "EST,366,Estonia,1918,2,24,1940,6,16,2016\n"
)
GW = "Cow Nr.,Cow ID,Name of State,Start,End\n366,EST,Estonia,11.11.1918,01.06.1940\n"
ATOP = (
    "atopid,begyr,begmo,begday,endyr,endmo,endday,bilat,mem1,mem2\n2550,1942,1,1,1945,9,2,0,2,290\n"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def files(tmp_path: Path) -> None:
    (tmp_path / "cow.csv").write_text(COW)
    (tmp_path / "gw.csv").write_text(GW)
    (tmp_path / "atop.csv").write_text(ATOP)


def test_import_writes_a_data_file_that_validates(tmp_path: Path) -> None:
    files(tmp_path)
    done = run("cow", "cow.csv", "--with", "gw:gw.csv", "-o", "out.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "cow.csv (cow): 3 rows read, 3 imported, 0 rejected" in done.stderr
    assert "gw.csv (gw): 1 rows read, 1 imported, 0 rejected" in done.stderr
    text = (tmp_path / "out.yaml").read_text()
    assert "  # cow.csv line 4\n" in text
    check = subprocess.run(
        [sys.executable, "-m", "treatycheck", "validate", "out.yaml", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(check.stdout)
    assert {f["code"] for f in report["findings"]} == {"TC501"}
    assert {f["location"]["path"] for f in report["findings"]} == {"out.yaml"}


def test_import_validate_reports_findings_in_the_csv(tmp_path: Path) -> None:
    files(tmp_path)
    done = run(
        "atop",
        "atop.csv",
        "--with",
        "cow:cow.csv",
        "--validate",
        "--select",
        "TC302",
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stdout.startswith(
        "atop.csv:2:6: TC302 [error] atop-2550: party state-290-1918 ceased to exist on "
        "1939-09-27, but the treaty was signed on 1942-01-01"
    )


def test_json_output_and_stdout_default(tmp_path: Path) -> None:
    files(tmp_path)
    done = run("gw", "gw.csv", "-o", "out.json", "--quiet", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    document = json.loads((tmp_path / "out.json").read_text())
    assert document["claims"][0]["value"] == "1918-11-11"
    shown = run("gw", "gw.csv", "-q", cwd=tmp_path)
    assert shown.stdout.startswith("# treatycheck data file written by `treatycheck import`")


def test_unusable_values_are_reported_and_fail_the_import(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text(
        "Cow Nr.,Cow ID,Name of State,Start,End\n366,EST,Estonia,31.02.1918,01.06.1940\n"
    )
    done = run("gw", "bad.csv", "-o", "out.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        "bad.csv:2:17: error: 1918-02-31: February 1918 has 28 days; row rejected (column Start)"
        in (done.stderr)
    )
    assert "1 rows read, 0 imported, 1 rejected" in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    files(tmp_path)
    for args in (
        ("cwo", "cow.csv"),
        ("cow", "missing.csv"),
        ("cow", "cow.csv", "--with", "gw"),
        ("cow", "cow.csv", "-o", "out.toml"),
    ):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, args
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
