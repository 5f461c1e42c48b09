"""The report is a function of the data only: not of hash seeds, locale, time zone or the
order in which the file system lists a directory.

Each test runs the installed command (``python -m treatycheck``) on the curated
fixtures under one varied condition and compares its output byte for byte with
a baseline run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import treatycheck

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = [ROOT / "fixtures" / "soviet-baltic", ROOT / "fixtures" / "example"]
FORMATS = ("text", "json")

BASE_ENV = {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"}


def _run(
    paths: list[Path], output_format: str, env: dict[str, str], *extra: str
) -> subprocess.CompletedProcess[bytes]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LC_", "PYTHON")) and key not in ("LANG", "LANGUAGE", "TZ")
    }
    environment.update(env)
    command = [sys.executable, "-m", "treatycheck", "validate", *map(str, paths)]
    return subprocess.run(
        [*command, "--format", output_format, *extra],
        capture_output=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def baseline() -> dict[str, bytes]:
    outputs = {}
    for output_format in FORMATS:
        result = _run(FIXTURES, output_format, BASE_ENV)
        assert result.returncode == 1, result.stderr  # the fixtures hold known errors
        assert result.stderr == b""
        outputs[output_format] = result.stdout
    return outputs


@pytest.mark.parametrize("seed", ["1", "4294967295", "random"])
def test_hash_seed_does_not_change_the_output(baseline: dict[str, bytes], seed: str) -> None:
    for output_format in FORMATS:
        result = _run(FIXTURES, output_format, {**BASE_ENV, "PYTHONHASHSEED": seed})
        assert result.stdout == baseline[output_format], f"PYTHONHASHSEED={seed} {output_format}"


@pytest.mark.parametrize(
    "locale_env",
    [
        {"LC_ALL": "C", "LANG": "C"},
        {"LC_ALL": "POSIX", "LANG": "POSIX"},
        {"LANG": "C"},  # LC_ALL unset
        {"LC_ALL": "de_DE.ISO-8859-1", "LANG": "de_DE.ISO-8859-1"},  # may not exist: still UTF-8
    ],
    ids=["C", "POSIX", "LANG-only", "latin1"],
)
def test_locale_does_not_change_the_output(
    baseline: dict[str, bytes], locale_env: dict[str, str]
) -> None:
    env = {key: value for key, value in BASE_ENV.items() if key not in ("LC_ALL", "LANG")}
    for output_format in FORMATS:
        result = _run(FIXTURES, output_format, {**env, **locale_env})
        assert result.stdout == baseline[output_format], f"{locale_env} {output_format}"


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Adak", "Asia/Kathmandu"])
def test_time_zone_does_not_change_the_output(baseline: dict[str, bytes], zone: str) -> None:
    for output_format in FORMATS:
        result = _run(FIXTURES, output_format, {**BASE_ENV, "TZ": zone})
        assert result.stdout == baseline[output_format], f"TZ={zone} {output_format}"


def _latest_date_on_earth() -> dt.date:
    """Today in UTC+14, waiting out the last seconds of a day so the runs below agree."""
    now = dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)
    to_midnight = (24 * 3600) - (now.hour * 3600 + now.minute * 60 + now.second)
    if to_midnight < 30:
        time.sleep(to_midnight + 1)
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def test_today_does_not_depend_on_the_time_zone(tmp_path: Path) -> None:
    """A date that is already today somewhere on Earth is never reported as future (TC203)."""
    today = _latest_date_on_earth()
    data = tmp_path / "today.yaml"
    data.write_text(
        "treatycheck: 1\nsources:\n"
        f"  - {{id: today, title: Published today, kind: primary, published: {today}}}\n"
        f"  - {{id: tomorrow, title: Next day, kind: primary, "
        f"published: {today + dt.timedelta(days=1)}}}\n",
        encoding="utf-8",
    )
    outputs = set()
    for zone in ("UTC", "Pacific/Kiritimati", "America/Adak", "Pacific/Pago_Pago"):
        result = _run([data], "json", {**BASE_ENV, "TZ": zone})
        outputs.add(result.stdout)
    assert len(outputs) == 1
    future = [f for f in json.loads(outputs.pop())["findings"] if f["code"] == "TC203"]
    assert [f["location"]["line"] for f in future] == [4]  # the next day only


# -- directory listing order ---------------------------------------------------


def _copy_tree(files: list[Path], target: Path, order: list[int]) -> None:
    """Copy fixture files into ``target`` (some in a subdirectory) in the given creation order."""
    target.mkdir()
    for index in order:
        source = files[index]
        destination = target / ("nested" if index % 3 == 0 else "") / source.name
        destination.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, destination)


def test_creation_order_of_files_does_not_change_the_output(tmp_path: Path) -> None:
    files = sorted((ROOT / "fixtures" / "soviet-baltic").glob("*.yaml"))
    orders = {
        "forward": list(range(len(files))),
        "reverse": list(reversed(range(len(files)))),
        "shuffled": random.Random(20).sample(range(len(files)), len(files)),
    }
    outputs = {}
    for name, order in orders.items():
        directory = tmp_path / name
        _copy_tree(files, directory, order)
        for output_format in FORMATS:
            result = _run([directory], output_format, BASE_ENV)
            outputs[name, output_format] = result.stdout.replace(os.fsencode(directory), b"<dir>")
    for output_format in FORMATS:
        assert (
            outputs["forward", output_format]
            == outputs["reverse", output_format]
            == outputs["shuffled", output_format]
        )


def _scrambled(real_scandir: Any, mode: str) -> Any:
    """An ``os.scandir`` that lists entries reversed or shuffled, as some file systems do."""
    shuffle = random.Random(7).shuffle

    def scandir(path: Any) -> list[os.DirEntry[str]]:
        with real_scandir(path) as listing:
            entries = list(listing)
        if mode == "reversed":
            entries.reverse()
        else:
            shuffle(entries)
        return entries

    return scandir


def test_directory_listing_order_does_not_change_the_report(tmp_path: Path) -> None:
    files = sorted((ROOT / "fixtures" / "soviet-baltic").glob("*.yaml"))
    directory = tmp_path / "data"
    _copy_tree(files, directory, list(range(len(files))))
    expected = treatycheck.validate(str(directory), today=dt.date(2026, 1, 1)).to_json()
    for mode in ("reversed", "shuffled"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "scandir", _scrambled(os.scandir, mode))
            report = treatycheck.validate(str(directory), today=dt.date(2026, 1, 1))
        assert report.to_json() == expected, mode
