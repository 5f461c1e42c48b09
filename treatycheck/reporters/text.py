"""Plain text: one finding per line, ``path:line:col: CODE [severity] message``."""

from __future__ import annotations

import re

from ..findings import Report
from . import RenderOptions

__all__ = ["plural", "render", "summary_line", "terminal_safe"]

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control and bidirectional-override characters written as escapes.

    Data can hold any character; printed raw, an escape sequence could
    recolour or retitle the terminal and a bidi override could reorder what
    the reader sees.
    """
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``: the count and the word, plural unless the count is one."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    """``3 files, 41 records: 2 errors, 1 warning, 0 infos``."""
    counts = report.counts
    return (
        f"{plural(report.files, 'file')}, {plural(report.records, 'record')}: "
        f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info"
    )


def render(report: Report, options: RenderOptions) -> str:
    """Every finding on its own line, then a summary line."""
    lines = []
    for item in report.findings:
        severity = item.severity.value
        message = terminal_safe(" ".join(item.message.split()))
        where = terminal_safe(str(item.location))
        if options.color:
            lines.append(
                f"{_BOLD}{where}{_RESET}: {_COLORS[severity]}{item.code}{_RESET} "
                f"[{severity}] {message}"
            )
        else:
            lines.append(f"{where}: {item.code} [{severity}] {message}")
    lines.append(summary_line(report) if report.findings or report.files else "no data files found")
    return "\n".join(lines) + "\n"
