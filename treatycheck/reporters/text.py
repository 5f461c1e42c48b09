"""Plain text: one finding per line, ``path:line:col: CODE [severity] message``."""

from __future__ import annotations

from ..findings import Report
from . import RenderOptions

__all__ = ["render", "summary_line"]

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    """``3 files, 41 records: 2 errors, 1 warning, 0 infos``."""
    counts = report.counts
    return (
        f"{_plural(report.files, 'file')}, {_plural(report.records, 'record')}: "
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info"
    )


def render(report: Report, options: RenderOptions) -> str:
    """Every finding on its own line, then a summary line."""
    lines = []
    for item in report.findings:
        severity = item.severity.value
        message = " ".join(item.message.split())
        if options.color:
            lines.append(
                f"{_BOLD}{item.location}{_RESET}: {_COLORS[severity]}{item.code}{_RESET} "
                f"[{severity}] {message}"
            )
        else:
            lines.append(f"{item.location}: {item.code} [{severity}] {message}")
    lines.append(summary_line(report) if report.findings or report.files else "no data files found")
    return "\n".join(lines) + "\n"
