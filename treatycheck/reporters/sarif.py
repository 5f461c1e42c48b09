"""SARIF 2.1.0, the static-analysis format read by GitHub code scanning and many editors.

Built from plain dictionaries (see docs/ci.md, section "SARIF", for why no
SARIF object-model package is used). Rule metadata comes from the catalogue;
artifact URIs are relative to the working directory with ``uriBaseId``
``%SRCROOT%``; lines and columns are 1-based and a file-level finding (line 0)
has no region.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from ..findings import Finding, Location, Report, Severity
from ..rules.catalogue import CATALOGUE, Rule
from . import RenderOptions
from ._paths import is_file_path, shown_path

__all__ = ["SCHEMA_URI", "SRCROOT", "render", "sarif_log"]

SCHEMA_URI: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT: Final = "%SRCROOT%"
"""The base id of every relative artifact URI: the directory treatycheck ran in."""

LEVELS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
"""treatycheck severity -> SARIF level."""


def render(report: Report, options: RenderOptions) -> str:
    """The report as an indented SARIF 2.1.0 log with a trailing newline."""
    return json.dumps(sarif_log(report, options), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report, options: RenderOptions | None = None) -> dict[str, Any]:
    """The SARIF log as a dictionary: one run, every catalogue rule, one result per finding."""
    options = options or RenderOptions()
    index = {code: position for position, code in enumerate(CATALOGUE)}
    driver = {
        "name": "treatycheck",
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
        "rules": [_rule(rule) for rule in CATALOGUE.values()],
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(item, index, options) for item in report.findings],
            }
        ],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    example = "\n".join(f"    {line}" for line in rule.example.splitlines())
    help_text = (
        f"{rule.rationale}\n\nExample that triggers it:\n\n{example}\n\n"
        f"What to do: {rule.fix}\n\nTo silence it: --ignore {rule.code}"
    )
    help_markdown = (
        f"{rule.rationale}\n\nExample that triggers it:\n\n```yaml\n{rule.example}\n```\n\n"
        f"**What to do:** {rule.fix}\n\nTo silence it: `--ignore {rule.code}`"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.family], "status": rule.status},
    }


def _result(item: Finding, index: dict[str, int], options: RenderOptions) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": item.code,
        "ruleIndex": index[item.code],
        "level": LEVELS[item.severity],
        "message": {"text": item.message},
    }
    physical = _physical(item.location, options)
    if physical is not None:
        result["locations"] = [{"physicalLocation": physical}]
    if item.related:
        related = []
        for number, extra in enumerate(item.related, 1):
            entry: dict[str, Any] = {"id": number, "message": {"text": extra.message}}
            extra_physical = _physical(extra.location, options)
            if extra_physical is not None:
                entry["physicalLocation"] = extra_physical
            related.append(entry)
        result["relatedLocations"] = related
    properties: dict[str, Any] = {}
    if item.subject is not None:
        properties["subject"] = item.subject
    if item.property is not None:
        properties["property"] = item.property
    if item.sources:
        properties["sources"] = list(item.sources)
    if properties:
        result["properties"] = properties
    return result


def _physical(location: Location, options: RenderOptions) -> dict[str, Any] | None:
    """A SARIF physicalLocation, or None for a location that names no file."""
    if not is_file_path(location.path):
        return None
    shown = shown_path(location.path, options.base_dir)
    artifact: dict[str, Any]
    if Path(shown).is_absolute():
        artifact = {"uri": Path(shown).as_uri()}
    else:
        artifact = {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if location.line > 0:
        region: dict[str, Any] = {"startLine": location.line}
        if location.column > 0:
            region["startColumn"] = location.column
        physical["region"] = region
    return physical
