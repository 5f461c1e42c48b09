"""Shared pieces of the fuzz suite: input generators, the CLI runner and the invariants.

The invariants every input must satisfy, whatever it holds:

* ``treatycheck.validate`` returns a report (never raises for data);
* the command exits 0, 1 or 2; on 2 it prints exactly one line on stderr,
  which is not an "internal error"; on 0 or 1 stdout is valid UTF-8;
* every finding's location is a file that was given and a line and column
  inside that file;
* the same input gives byte-identical output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

import treatycheck
from treatycheck import models
from treatycheck.cli import main
from treatycheck.reporters import FORMATS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SOVIET_BALTIC = FIXTURES / "soviet-baltic"
EXAMPLE = FIXTURES / "example"

TODAY = "2026-01-01"
"""Fixed 'today' so that TC203 cannot depend on the day the suite runs."""

# -- invariants ------------------------------------------------------------

_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _lines(text: str, *, yaml_breaks: bool) -> list[str]:
    return _YAML_BREAK.split(text) if yaml_breaks else text.split("\n")


def _inside(text: str, line: int, column: int) -> bool:
    """Whether (line, column) is a place in ``text``, counting lines as YAML or as JSON does.

    The position just past the last character (the end of the file) counts
    as inside: a truncated file's syntax error is reported there.
    """
    for yaml_breaks in (True, False):
        lines = _lines(text, yaml_breaks=yaml_breaks)
        if 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1:
            return True
    return False


def decoded(raw: bytes) -> str:
    """The file's text as the loader sees it (BOM removed), or '' when it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("utf-8-sig", errors="replace")


def assert_locations_inside(report: treatycheck.Report, files: Mapping[str, bytes]) -> None:
    """Every finding (and related location) points into one of ``files`` (display -> bytes)."""
    texts = {name: decoded(raw) for name, raw in files.items()}
    for item in report.findings:
        places = [(item.location, "location")] + [(r.location, "related") for r in item.related]
        for location, what in places:
            assert location.path in texts, f"{item}: {what} names a file that was not given"
            text = texts[location.path]
            assert _inside(text, location.line, location.column), (
                f"{item}: {what} {location.line}:{location.column} is outside the file "
                f"({len(_lines(text, yaml_breaks=True))} lines)"
            )


def validate_checked(paths: list[Path], files: Mapping[str, bytes]) -> treatycheck.Report:
    """Validate twice and check the invariants of the Python API; return the report."""
    first = treatycheck.validate([str(p) for p in paths], today=_today())
    second = treatycheck.validate([str(p) for p in paths], today=_today())
    assert first.to_json() == second.to_json(), "same input, different report"
    assert_locations_inside(first, files)
    assert list(first.findings) == sorted(first.findings, key=lambda f: f.sort_key())
    return first


def _today() -> dt.date:
    return dt.date.fromisoformat(TODAY)


@dataclass(frozen=True)
class CliResult:
    """What one in-process run of the command produced."""

    code: int
    stdout: bytes
    stderr: str


def run_cli(*args: str) -> CliResult:
    """Run ``treatycheck`` in this process (``cli.main``) and capture what it writes."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    out.flush()
    buffer = out.buffer
    assert isinstance(buffer, io.BytesIO)
    return CliResult(code, buffer.getvalue(), err.getvalue())


def assert_cli_contract(result: CliResult, output_format: str) -> None:
    """Exit 0, 1 or 2; a one-line, non-internal message on 2; UTF-8 output otherwise."""
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.stderr
    if result.code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("treatycheck: error: "), result.stderr
        assert "internal error" not in result.stderr, result.stderr
        return
    assert result.stderr == "", result.stderr
    text = result.stdout.decode("utf-8")
    assert text.endswith("\n") or (output_format == "github" and text == ""), result
    if output_format in ("json", "sarif"):
        json.loads(text)


def cli_checked(paths: list[Path], output_format: str) -> CliResult:
    """Run the command twice in one output format, checking the contract and determinism."""
    args = ("validate", *map(str, paths), "--format", output_format, "--today", TODAY)
    result = run_cli(*args)
    assert_cli_contract(result, output_format)
    assert run_cli(*args) == result, "same input, different output"
    return result


OUTPUT_FORMATS = st.sampled_from(sorted(FORMATS))
"""Every output format the command offers."""


# -- generators --------------------------------------------------------------


def _field_names() -> list[str]:
    names: set[str] = set(models.SECTIONS) | {"treatycheck", "assertions"}
    seen: set[type[BaseModel]] = set()
    stack = [
        cls for cls in vars(models).values() if isinstance(cls, type) and issubclass(cls, BaseModel)
    ]
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(info.alias or name)
    return sorted(names)


FIELD_NAMES = _field_names()
IDS = [
    "soviet-russia",
    "ussr",
    "lithuania",
    "latvia",
    "estonia",
    "finland",
    "poland",
    "moscow",
    "reference",
    "on-this-day",
    "t1",
    "t2",
    "baltic-states",
]


def _date_text(year: int, month: int, day: int, flag: str, shape: int) -> str:
    """A date spelling, well-formed or not: plain, flagged, interval, open or masked."""
    single = [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"][shape % 3] + flag
    return [
        single,
        f"{single}/{year + day}",
        f"../{single}",
        f"{single}/..",
        f"{str(year)[:-1]}X",
        "../..",
    ][shape % 6]


DATE_TEXTS = st.builds(
    _date_text,
    st.integers(-50, 12000),
    st.integers(0, 14),
    st.integers(0, 32),
    st.sampled_from(["", "", "?", "~", "%", "??"]),
    st.integers(0, 17),
)
"""EDTF-like date spellings, many of them invalid (month 13, day 32, year 0)."""

_KEYS = st.sampled_from(FIELD_NAMES) | st.text(max_size=8)

SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(IDS),
    DATE_TEXTS,
    st.builds(lambda d: {"julian": d}, DATE_TEXTS),
    st.sampled_from(models.EVENT_TYPES),
    st.sampled_from([f"{t}.{e}" for t in ("t1", "t2") for e in ("signed", "ratified")]),
)

_SHALLOW: st.SearchStrategy[Any] = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(_KEYS, SCALARS, max_size=3),
)

VALUES: st.SearchStrategy[Any] = st.one_of(
    _SHALLOW,
    st.lists(st.dictionaries(_KEYS, _SHALLOW, max_size=4), max_size=2),
)
"""A value as deep as record fields go, biased towards the words and shapes of the format."""

RECORD = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=6)

DATA_DOCUMENTS: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {"treatycheck": st.sampled_from([1, 1, 1, 2, "1", None, True])},
    optional={name: st.lists(RECORD, max_size=3) for name in (*models.SECTIONS, "assertions")},
)
"""Documents shaped like data files, with records whose keys and values are mostly plausible."""

ANY_DOCUMENTS: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)
"""Any JSON value at all."""


def write_bytes(path: Path, raw: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path
