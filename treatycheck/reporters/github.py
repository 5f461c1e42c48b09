"""GitHub Actions workflow commands: one annotation per finding, then the summary line.

Each finding becomes ``::error file=PATH,line=L,col=C,title=CODE rule::message``
(``::warning`` for warnings, ``::notice`` for infos), which GitHub shows on the
changed lines of a pull request. Related locations follow the message on
their own lines. Values are escaped as the Actions toolkit does: in the
message ``%``, CR and LF; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from typing import Final

from ..findings import Finding, Report, Severity
from . import RenderOptions
from ._paths import is_file_path, shown_location, shown_path
from .text import summary_line, terminal_safe

__all__ = ["annotation", "escape_data", "escape_property", "render"]

COMMANDS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
"""treatycheck severity -> workflow command."""


def escape_data(text: str) -> str:
    """Escape a command's message: ``%`` -> ``%25``, CR -> ``%0D``, LF -> ``%0A``.

    Other control characters (an ANSI escape could recolour or hide log
    lines) and bidi overrides are written as ``\\xNN`` / ``\\uNNNN``.
    """
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal_safe(escaped)


def escape_property(text: str) -> str:
    """Escape a property value (file, title): as :func:`escape_data`, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(item: Finding, options: RenderOptions | None = None) -> str:
    """The workflow command that annotates one finding."""
    options = options or RenderOptions()
    properties: list[tuple[str, str]] = []
    location = item.location
    if is_file_path(location.path):
        properties.append(("file", shown_path(location.path, options.base_dir)))
        if location.line > 0:
            properties.append(("line", str(location.line)))
            if location.column > 0:
                properties.append(("col", str(location.column)))
    properties.append(("title", f"{item.code} {item.rule}"))
    message = item.message
    for extra in item.related:
        where = extra.location
        place = shown_location(where, options.base_dir) if is_file_path(where.path) else where.path
        message += f"\n{extra.message}: {place}"
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[item.severity]} {rendered}::{escape_data(message)}"


def render(report: Report, options: RenderOptions) -> str:
    """One workflow command per finding, then a plain summary line for the log."""
    lines = [annotation(item, options) for item in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
