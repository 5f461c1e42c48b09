"""treatycheck: validate datasets of historical claims about treaties.

>>> import treatycheck
>>> report = treatycheck.validate("fixtures/example")  # doctest: +SKIP
>>> report.ok  # doctest: +SKIP
True
"""

from __future__ import annotations

from .api import validate
from .dataset import Dataset
from .dates import HistDate, InvalidDate, parse_date
from .findings import Finding, Location, Related, Report, Severity, TreatycheckError, UsageError
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
