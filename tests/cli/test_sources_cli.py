"""``treatycheck sources``: the source scorecard and the consensus, run in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "soviet-baltic"
COMMAND = [sys.executable, "-m", "treatycheck", "sources"]

# Three sources on one date, no reference: two say 1920-02-02, one 1921-02-02.
DISPUTE = """\
treatycheck: 1
sources:
  - {id: lnts, title: League of Nations Treaty Series, kind: primary}
  - {id: annals, title: Annals, kind: secondary}
  - {id: chronicle, title: A chronicle, kind: secondary}
treaties:
  - id: soviet-estonian-peace-1920
    events: [{type: signed, date: 1920-02-02}]
    sources: [lnts]
claims:
  - {source: annals, about: soviet-estonian-peace-1920, property: signed.date, value: 1920-02-02}
  - {source: chronicle, about: soviet-estonian-peace-1920, property: signed.date, value: 1921-02-02}
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def as_json(*args: str, cwd: Path = ROOT) -> Any:
    done = run(*args, "--format", "json", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_text_scorecard_of_the_fixture() -> None:
    done = run(str(FIXTURE))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == "reference: reference (marked *); counts compare each source with it"
    assert lines[2].split() == [
        "SOURCE",
        "KIND",
        "RELIABILITY",
        "CLAIMS",
        "COMPARED",
        "AGREE",
        "REFINE",
        "OVERLAP",
        "CONFLICT",
        "AGREEMENT",
        "TRUST",
    ]
    rows = {line.split()[0]: line.split() for line in lines[3:]}
    assert rows["on-this-day"][1:10] == ["tertiary", "0.30", "4", "4", "2", "1", "0", "1", "75%"]
    assert rows["soviet-account"][4:10] == ["8", "7", "1", "0", "0", "100%"]
    assert rows["reference"][1] == "*"


def test_json_scorecard_with_another_reference() -> None:
    report = as_json(str(FIXTURE), "--reference", "on-this-day")
    assert report["version"] == 1
    assert report["reference"] == "on-this-day"
    assert "consensus" not in report
    reference = report["sources"]["reference"]
    assert (reference["against"], reference["compared"], reference["conflicts"]) == (
        "on-this-day",
        4,
        1,
    )
    assert report["sources"]["on-this-day"]["reference"] is True


def test_consensus_ranks_the_disputed_date(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text(DISPUTE)
    report = as_json("data.yaml", "--consensus", cwd=tmp_path)
    assert report["reference"] is None
    [dispute] = report["consensus"]
    assert (dispute["subject"], dispute["property"]) == (
        "soviet-estonian-peace-1920",
        "signed.date",
    )
    assert dispute["most_supported"] == "1920-02-02"
    assert [(c["value"], c["sources"]) for c in dispute["candidates"]] == [
        ("1920-02-02", ["annals", "lnts"]),
        ("1921-02-02", ["chronicle"]),
    ]
    assert report["sources"]["chronicle"]["conflicts"] == 2  # with annals and with lnts

    text = run("data.yaml", "--consensus", cwd=tmp_path).stdout
    assert "no reference source: counts compare each source with every other source" in text
    assert "soviet-estonian-peace-1920 signed.date: most supported 1920-02-02" in text
    assert "  1921-02-02  0.33  chronicle" in text


def test_output_is_identical_across_runs(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text(DISPUTE)
    first = run("data.yaml", "--consensus", "--format", "json", cwd=tmp_path).stdout
    assert run("data.yaml", "--consensus", "--format", "json", cwd=tmp_path).stdout == first


def test_output_file(tmp_path: Path) -> None:
    done = run(str(FIXTURE), "--format", "json", "--output", str(tmp_path / "cards.json"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert json.loads((tmp_path / "cards.json").read_text())["reference"] == "reference"


def test_unknown_reference_is_a_usage_error() -> None:
    done = run(str(FIXTURE), "--reference", "on-this-dya")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "treatycheck: error: --reference 'on-this-dya' is not a source of this dataset; "
        "did you mean 'on-this-day'?\n"
    )


def test_unknown_format_is_a_usage_error() -> None:
    done = run(str(FIXTURE), "--format", "sarif")
    assert done.returncode == 2
    assert "--format 'sarif': choose text or json" in done.stderr


def test_load_problems_are_noted_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text(DISPUTE)
    (tmp_path / "broken.yaml").write_text("treatycheck: 1\nsources: [\n")
    done = run(".", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == ("note: 1 problem(s) while loading; `treatycheck validate` shows them\n")
