"""Conventions shared by the states datasets: reading spell files, sentinels, columns."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..dates import HistDate, parse_date
from ._common import (
    Cell,
    CsvTable,
    FileCounts,
    MessageLog,
    Row,
    as_int,
    display_path,
    ongoing,
    open_start,
    read_csv,
)
from ._records import Parsed, Spell

__all__ = [
    "check_columns",
    "coverage_end",
    "coverage_start",
    "flagged",
    "parse_spells",
    "state_code",
    "year_label",
]


def parse_spells(
    paths: Sequence[str | os.PathLike[str]],
    format_name: str,
    source: Mapping[str, Any],
    *,
    required: Sequence[str],
    what: str,
    spell: Callable[[Row, MessageLog], Spell | None],
    refuse: Callable[[str], str | None] | None = None,
) -> Parsed:
    """Read states files of one format into spells, one per row that ``spell`` accepts.

    A file whose header lacks one of the ``required`` columns is not a ``what``
    file: each of its rows is rejected. ``refuse`` may say, for a path as
    shown, why a file is not read at all (a TC100 message); it is not opened.
    """
    log = MessageLog()
    spells: list[Spell] = []
    counts: list[FileCounts] = []
    for path in paths:
        shown = display_path(path)
        refusal = refuse(shown) if refuse is not None else None
        if refusal is not None:
            log.error(Cell(shown, 1, 1), refusal, "TC100")
            counts.append(FileCounts(shown, format_name, 0, 0, 0))
            continue
        table = read_csv(path, log)
        if table is None:
            counts.append(FileCounts(shown, format_name, 0, 0, 0))
            continue
        if not check_columns(table, required, log, what):
            counts.append(FileCounts(table.path, format_name, table.read, 0, table.read))
            continue
        imported = 0
        for row in table.rows:
            found = spell(row, log)
            if found is not None:
                spells.append(found)
                imported += 1
        counts.append(
            FileCounts(table.path, format_name, table.read, imported, table.read - imported)
        )
    return Parsed(
        format_name, source, spells=tuple(spells), files=tuple(counts), messages=tuple(log.messages)
    )


def state_code(row: Row, column: str, log: MessageLog) -> int | None:
    """The row's state number (a positive whole number), or ``None`` with an error."""
    code = as_int(row.get(column))
    if code is None or code <= 0:
        log.error(
            row.cell(column), f"{column} = {row.get(column)!r} is not a state code; row rejected"
        )
        return None
    return code


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
