"""Markdown for a pull-request comment: a heading, a table by rule, then the findings.

Each finding links to ``path#Lline`` (relative to the working directory, which
is the repository root in CI). Text from the data is escaped so that it
cannot open a link, a table cell or an HTML tag. At most
:data:`MAX_LISTED` findings are listed, which keeps the comment well under
GitHub's 65,536-character limit; the table always counts all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final
from urllib.parse import quote

from ..findings import Finding, Report
from ..rules.catalogue import CATALOGUE
from . import RenderOptions
from ._paths import is_file_path, shown_path
from .text import plural, summary_line, terminal_safe

__all__ = ["MAX_LISTED", "escape", "render"]

MAX_LISTED: Final = 200
"""Findings listed one by one; the rest are counted in the table only."""

_ICONS: Final = {"error": ":x:", "warning": ":warning:", "info": ":information_source:"}
_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    """Text from the data, safe inside Markdown: special characters escaped, one line.

    Control and bidi characters are written as escapes, and ``@`` is followed
    by a zero-width space so that data cannot mention (notify) a user or team.
    """
    escaped = _SPECIAL.sub(r"\\\1", terminal_safe(" ".join(text.split())))
    return escaped.replace("@", "@&#8203;")


def _link(item: Finding, options: RenderOptions) -> str:
    where = item.location
    if not is_file_path(where.path):
        return escape(where.path)
    shown = shown_path(where.path, options.base_dir)
    label = escape(f"{shown}:{where.line}" if where.line > 0 else shown)
    target = quote(shown, safe="/")
    if where.line > 0:
        target += f"#L{where.line}"
    return f"[{label}]({target})"


def render(report: Report, options: RenderOptions) -> str:
    """The report as Markdown suitable for a pull-request comment."""
    counts = report.counts
    verdict = ":x:" if report.fails(options.fail_on) else ":white_check_mark:"
    lines = [f"## {verdict} treatycheck", "", summary_line(report), ""]
    if not report.findings:
        lines.append("No findings.")
        return "\n".join(lines) + "\n"
    lines += ["| Rule | Name | Severity | Findings |", "| --- | --- | --- | ---: |"]
    by_code = Counter(item.code for item in report.findings)
    for code, number in sorted(by_code.items()):
        rule = CATALOGUE[code]
        lines.append(f"| {code} | {rule.name} | {rule.severity.value} | {number} |")
    total = sum(counts.values())
    lines.append(f"| **all** | | | **{total}** |")
    lines += ["", "### Findings", ""]
    for item in report.findings[:MAX_LISTED]:
        severity = item.severity.value
        lines.append(
            f"- {_ICONS[severity]} **{item.code}** {_link(item, options)}: {escape(item.message)}"
        )
    hidden = len(report.findings) - MAX_LISTED
    if hidden > 0:
        lines += [
            "",
            f"{plural(hidden, 'more finding')} not listed; "
            "run `treatycheck validate` for the full report.",
        ]
    return "\n".join(lines) + "\n"
