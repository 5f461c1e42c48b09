"""JUnit XML, the test-report format CI dashboards read (GitLab, Jenkins, Azure, CircleCI).

One test case per data file, named by its path. A file fails when one of its
findings reaches ``--fail-on`` (default ``error``); the failure lists every
finding of the file. A passing file's lower-severity findings are kept in the
test case's ``system-out``. Findings that belong to no data file (an
unreadable directory) get a test case named after their path. The suite's
``properties`` repeat the summary counts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from typing import Final

from ..findings import Finding, Report
from . import RenderOptions
from ._paths import is_file_path, shown_location, shown_path
from .text import plural, summary_line

__all__ = ["render"]

SUITE_NAME: Final = "treatycheck"

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(item: Finding, options: RenderOptions) -> str:
    text = (
        f"{shown_location(item.location, options.base_dir)}: "
        f"{item.code} [{item.severity.value}] {item.message}"
    )
    for extra in item.related:
        text += f"\n    {extra.message}: {shown_location(extra.location, options.base_dir)}"
    return text


def _describe(findings: list[Finding]) -> str:
    counter = Counter(f.severity.value for f in findings)
    parts = [
        f"{counter[name]} {name}{'' if counter[name] == 1 or name == 'info' else 's'}"
        for name in ("error", "warning", "info")
        if counter[name]
    ]
    return f"{plural(len(findings), 'finding')}: {', '.join(parts)}"


def _paths(report: Report) -> list[str]:
    """Every checked file plus any other path a finding points at, in report order."""
    files = list(report.dataset.files) if report.dataset is not None else []
    for item in report.findings:
        if item.location.path not in files:
            files.append(item.location.path)
    return files


def render(report: Report, options: RenderOptions) -> str:
    """The report as a JUnit XML document with one test case per data file."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for item in report.findings:
        by_path[item.location.path].append(item)
    paths = _paths(report)
    failed = [
        path for path in paths if any(f.severity.reaches(options.fail_on) for f in by_path[path])
    ]
    counts = {
        "tests": str(len(paths)),
        "failures": str(len(failed)),
        "errors": "0",
        "skipped": "0",
        "time": "0",
    }
    root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts})
    properties = ET.SubElement(suite, "properties")
    summary = {**report.summary, "fail-on": options.fail_on.value}
    for key, value in summary.items():
        ET.SubElement(properties, "property", {"name": str(key), "value": str(value)})
    for path in paths:
        shown = shown_path(path, options.base_dir)
        attributes = {"classname": SUITE_NAME, "name": _clean(shown)}
        if is_file_path(path):
            attributes["file"] = _clean(shown)
        attributes["time"] = "0"
        case = ET.SubElement(suite, "testcase", attributes)
        findings = by_path[path]
        if not findings:
            continue
        body = _clean("\n".join(_line(item, options) for item in findings))
        if path in failed:
            worst = max(findings, key=lambda f: f.severity.rank)
            failure = ET.SubElement(
                case, "failure", {"message": _clean(_describe(findings)), "type": worst.code}
            )
            failure.text = body
        else:
            ET.SubElement(case, "system-out").text = body
    ET.SubElement(suite, "system-out").text = summary_line(report)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
