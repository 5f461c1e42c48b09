"""Report formats. Each reporter turns a :class:`~treatycheck.findings.Report` into text.

Reporters are looked up by name in :data:`FORMATS`; each module exposes
``render(report, options) -> str`` and is imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from ..findings import Report, Severity, UsageError

__all__ = ["FORMATS", "RenderOptions", "get_reporter"]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a reporter may need besides the report."""

    color: bool = False
    """Whether to use terminal colours (text format only)."""
    fail_on: Severity = Severity.ERROR
    """Lowest severity that fails the run (junit marks a file failed from this level)."""
    base_dir: str | None = None
    """Directory that paths are shown relative to (sarif, github, junit, markdown);
    default: the working directory."""


FORMATS: Final[dict[str, str]] = {
    "text": "text",
    "json": "json_format",
    "html": "html",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
}
"""Format name -> module in this package."""

Renderer = Callable[[Report, RenderOptions], str]


def get_reporter(name: str) -> Renderer:
    """The render function of a format; raises UsageError for an unknown format."""
    module_name = FORMATS.get(name)
    if module_name is None:
        raise UsageError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{module_name}")
    render: Renderer = module.render
    return render
