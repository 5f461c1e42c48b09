"""Conventions shared by the states datasets: coverage sentinels and required columns."""

from __future__ import annotations

from collections.abc import Sequence

from ..dates import HistDate, parse_date
from ._common import Cell, CsvTable, MessageLog, ongoing, open_start

__all__ = ["check_columns", "coverage_end", "coverage_start", "flagged", "year_label"]


def check_columns(table: CsvTable, required: Sequence[str], log: MessageLog, what: str) -> bool:
    """Whether the header has every required column; if not, one message names the missing."""
    absent = [name for name in required if name not in table.header]
    if absent:
        log.error(
            Cell(table.path, 1, 1),
            f"not a {what} file: the header lacks {', '.join(absent)}; "
            f"every row is rejected (header: {', '.join(table.header) or 'empty'})",
        )
        return False
    return True


def coverage_start(value: HistDate, first_day: str) -> tuple[HistDate, str | None]:
    """``../first_day`` when ``value`` is the dataset's coverage start, with a note why."""
    if value.text == first_day:
        return open_start(value), (
            f"{first_day} is the start of the dataset's coverage: a member on that day, "
            "not founded then"
        )
    return value, None


def coverage_end(value: HistDate, last_day: str) -> tuple[HistDate, str | None]:
    """``last_day/..`` when ``value`` is the dataset's coverage end, with a note why."""
    if value.text == last_day:
        return ongoing(last_day), (
            f"{last_day} is the end of the dataset's coverage: still a member then"
        )
    return value, None


def year_label(value: HistDate) -> str:
    """The start year as it appears in spell ids (the last day of an open start)."""
    return str(value.last.year if value.open_start else value.first.year)


def flagged(value: HistDate, flag: str) -> HistDate:
    """``value`` with an EDTF qualifier (``?`` uncertain) added, unless it is an open interval."""
    if value.open_start or value.open_end or value.text.endswith(("?", "~", "%")):
        return value
    return parse_date(value.text + flag)
