"""treatycheck: validate datasets of historical claims about treaties.

>>> import treatycheck
>>> report = treatycheck.validate("fixtures/example")  # doctest: +SKIP
>>> report.ok  # doctest: +SKIP
True

The names below are imported on first use, so that ``import treatycheck``
(and the pytest plugin, which pytest imports on every run) stays cheap; the
models and the loader are built only when something needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import validate
    from .dataset import Dataset
    from .dates import HistDate, InvalidDate, parse_date
    from .findings import (
        Finding,
        Location,
        Related,
        Report,
        Severity,
        TreatycheckError,
        UsageError,
    )
    from .loader import Limits, load

__version__ = "0.1.0"

__all__ = [
    "Dataset",
    "Finding",
    "HistDate",
    "InvalidDate",
    "Limits",
    "Location",
    "Related",
    "Report",
    "Severity",
    "TreatycheckError",
    "UsageError",
    "__version__",
    "load",
    "parse_date",
    "validate",
]

_LAZY: dict[str, str] = {
    "validate": "api",
    "Dataset": "dataset",
    "HistDate": "dates",
    "InvalidDate": "dates",
    "parse_date": "dates",
    "Finding": "findings",
    "Location": "findings",
    "Related": "findings",
    "Report": "findings",
    "Severity": "findings",
    "TreatycheckError": "findings",
    "UsageError": "findings",
    "Limits": "loader",
    "load": "loader",
}
"""Public name -> the module of this package that defines it."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'treatycheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
