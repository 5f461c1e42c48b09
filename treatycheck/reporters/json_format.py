"""The JSON report of SPEC section 4."""

from __future__ import annotations

from ..findings import Report
from . import RenderOptions

__all__ = ["render"]


def render(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON with a trailing newline."""
    return report.to_json()
