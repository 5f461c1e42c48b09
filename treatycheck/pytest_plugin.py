"""pytest plugin: ``pytest --treatycheck DATA_DIR`` checks each data file as a test item.

Registered through the ``pytest11`` entry point, so pytest imports this module
on every run in an environment where treatycheck is installed. It therefore
imports nothing of treatycheck at import time and does nothing unless
``--treatycheck`` is given; ``-p no:treatycheck`` switches it off.

The paths given are loaded and checked together (ids are global across the
files of a dataset), once, during collection. Each data file becomes one item,
``path/to/file.yaml::treatycheck``, which fails when one of its findings
reaches ``--treatycheck-fail-on``; the failure lists the file's findings with
their locations. Findings that belong to no data file (an unreadable
directory) get an item of their own path.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .findings import Finding, Report

__all__ = ["TreatycheckFile", "TreatycheckFindings", "TreatycheckItem"]

_SEVERITIES = ("error", "warning", "info")


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add the ``--treatycheck`` options."""
    group = parser.getgroup("treatycheck", "treatycheck: check treaty datasets as tests")
    group.addoption(
        "--treatycheck",
        action="append",
        default=[],
        metavar="DATA_PATH",
        dest="treatycheck_paths",
        help="Check the data files under DATA_PATH (a directory or file; may be repeated), "
        "one test item per file.",
    )
    group.addoption(
        "--treatycheck-select",
        action="append",
        default=[],
        metavar="CODES",
        help="Rule codes, prefixes (TC3) or names to run; comma-separated or repeated.",
    )
    group.addoption(
        "--treatycheck-ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="Rule codes, prefixes or names to skip.",
    )
    group.addoption(
        "--treatycheck-reference",
        default=None,
        metavar="SOURCE_ID",
        help="Source id to check other sources against.",
    )
    group.addoption(
        "--treatycheck-fail-on",
        default="error",
        choices=_SEVERITIES,
        help="Lowest severity that fails a data file's item (default: error).",
    )
    group.addoption(
        "--treatycheck-today",
        default=None,
        metavar="YYYY-MM-DD",
        help="Date used as 'today' by TC203 (default: the current date).",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that every treatycheck item carries."""
    config.addinivalue_line("markers", "treatycheck: a data file checked by treatycheck")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Append one item per data file (before -k and -m deselect items)."""
    paths: list[str] = config.getoption("treatycheck_paths")
    if not paths:
        return
    report = _validate(config, paths)
    threshold = config.getoption("treatycheck_fail_on")
    for path, findings in _by_file(report):
        collector = TreatycheckFile.from_parent(session, path=Path(path).absolute())
        collector.findings = findings
        collector.fail_on = threshold
        items.extend(collector.collect())


def _codes(values: Sequence[str]) -> list[str] | None:
    codes = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return codes or None


def _validate(config: pytest.Config, paths: Sequence[str]) -> Report:
    """Load and check the data paths; misuse becomes a pytest usage error."""
    from .api import validate
    from .findings import TreatycheckError

    today_text = config.getoption("treatycheck_today")
    try:
        today = _dt.date.fromisoformat(today_text) if today_text else None
    except ValueError:
        raise pytest.UsageError(
            f"--treatycheck-today {today_text!r}: expected a date such as 2026-01-31"
        ) from None
    try:
        return validate(
            list(paths),
            select=_codes(config.getoption("treatycheck_select")),
            ignore=_codes(config.getoption("treatycheck_ignore")),
            reference=config.getoption("treatycheck_reference"),
            today=today,
        )
    except TreatycheckError as error:
        raise pytest.UsageError(f"treatycheck: {error}") from None


def _by_file(report: Report) -> Iterator[tuple[str, list[Finding]]]:
    """Each checked file (and any other path a finding names) with its findings."""
    paths = list(report.dataset.files) if report.dataset is not None else []
    grouped: dict[str, list[Finding]] = {path: [] for path in paths}
    for item in report.findings:
        grouped.setdefault(item.location.path, []).append(item)
    yield from grouped.items()


class TreatycheckFindings(Exception):
    """Raised by an item whose data file has findings at or above the threshold."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(f"{len(findings)} treatycheck finding(s)")
        self.findings = tuple(findings)


def _describe(item: Finding) -> str:
    text = str(item)
    for extra in item.related:
        text += f"\n    {extra.message}: {extra.location}"
    return text


class TreatycheckFile(pytest.File):
    """A data file seen by pytest; it holds the findings already computed for it."""

    findings: Sequence[Finding] = ()
    fail_on: str = "error"

    def collect(self) -> Iterator[TreatycheckItem]:
        """The single item that reports this file's findings."""
        item = TreatycheckItem.from_parent(self, name="treatycheck")
        item.add_marker("treatycheck")
        yield item


class TreatycheckItem(pytest.Item):
    """Fails when its data file has a finding at or above ``--treatycheck-fail-on``."""

    parent: TreatycheckFile

    def runtest(self) -> None:
        """Raise with the failing findings; keep lower ones as a report section."""
        from .findings import Severity

        threshold = Severity(self.parent.fail_on)
        findings = self.parent.findings
        failing = [f for f in findings if f.severity.reaches(threshold)]
        if failing:
            raise TreatycheckFindings(findings)
        if findings:
            self.add_report_section(
                "call", "treatycheck", "\n".join(_describe(f) for f in findings)
            )

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | Any:
        """The findings, one per line with their locations, instead of a traceback."""
        if isinstance(excinfo.value, TreatycheckFindings):
            found = excinfo.value.findings
            counts = [
                f"{number} {name}{'s' if number > 1 and name != 'info' else ''}"
                for name in _SEVERITIES
                if (number := sum(f.severity.value == name for f in found))
            ]
            heading = f"treatycheck: {self.path.name}: {', '.join(counts)}"
            return "\n".join([heading, *(_describe(f) for f in found)])
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the item comes from, as shown in reports."""
        return self.path, None, f"treatycheck {self.path.name}"
