"""The Python API: ``load`` and ``validate``. Nothing here prints or exits."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Sequence

from ._gc import paused as paused_gc
from .dataset import Dataset
from .engine import run
from .findings import Report, UsageError
from .loader import Limits, load

__all__ = ["validate"]

PathArg = str | os.PathLike[str]


def validate(
    paths_or_dataset: PathArg | Sequence[PathArg] | Dataset,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    reference: str | None = None,
    limits: Limits | None = None,
    today: _dt.date | None = None,
    jobs: int = 1,
) -> Report:
    """Load (if given paths) and check a dataset; return the sorted :class:`Report`.

    ``select`` and ``ignore`` take rule codes, code prefixes (``TC3``) or rule
    names. ``reference`` names the source that other sources are checked
    against (default: the dataset's source of kind ``reference``). ``today``
    fixes the date used by TC203 (default: the current date). ``jobs`` above 1
    runs the rules in that many processes, this one included, with the same
    report (see :mod:`treatycheck.parallel`).

    Raises :class:`~treatycheck.findings.UsageError` for a path that does not
    exist, an unknown rule code or an unknown reference source; problems in
    the data are findings, never exceptions.
    """
    if jobs < 1:
        raise UsageError(f"jobs must be at least 1, not {jobs}")
    with paused_gc():  # millions of long-lived objects, no cycles: see treatycheck._gc
        dataset = (
            paths_or_dataset
            if isinstance(paths_or_dataset, Dataset)
            else load(paths_or_dataset, limits=limits)
        )
        return run(
            dataset, select=select, ignore=ignore, reference=reference, today=today, jobs=jobs
        )
