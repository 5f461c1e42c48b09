"""Gleditsch & Ward list of independent states (``gwstates.csv``, derived from the xlsx).

Columns ``Cow Nr., Cow ID, Name of State, Start, End``. Conventions handled:

* despite the "Cow" headers the numbers are Gleditsch-Ward codes; they share
  the COW numbering except for a few states (Germany, Serbia, Yemen, Vietnam),
  and are linked by number (see docs/importers.md);
* dates are day first, dot-separated (``11.11.1918``);
* ``01.01.1816`` is the start of coverage and becomes ``../1816-01-01``;
  ``31.12.2017`` is the end of coverage and becomes ``2017-12-31/..``;
* the list's authors filled an unknown day with the 1st of the month (and an
  unknown month with January); the importer keeps the day as written (it cannot
  tell a filled day from a real 1st), and the comparison of sources classifies
  a clash between a 1st-of-month date and another day of that month as a likely
  convention difference;
* the ``.xlsx`` workbook is not read (no spreadsheet dependency): use the CSV.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..dates import InvalidDate
from ._common import MessageLog, Row, dayfirst_date
from ._records import Parsed, Spell
from ._states import coverage_end, coverage_start, parse_spells, state_code, year_label

__all__ = ["COVERAGE", "FORMAT", "SOURCE", "parse"]

FORMAT: Final = "gw"

SOURCE: Final[Mapping[str, Any]] = {
    "id": "gw-states",
    "title": "Gleditsch & Ward, list of independent states since 1816",
    "kind": "secondary",
    "author": "Kristian S. Gleditsch and Michael D. Ward",
    "url": "https://github.com/globalgov/manystates",
    "citation": (
        'Gleditsch, Kristian S. & Michael D. Ward (1999), "A Revised List of Independent '
        'States since 1816", International Interactions 25(4): 393-413. Copy from James '
        "Hollway (2025), manystates, doi:10.5281/zenodo.5205704 "
        "(data-raw/states/GW/gwstates.xlsx; CSV derived from the sheet gwstates)."
    ),
    "license": (
        "Third-party data redistributed by manystates (repository licence CC BY 4.0); "
        "cite Gleditsch & Ward (1999)."
    ),
    "notes": (
        "Coverage 1816-01-01 to 2017-12-31. Codes are Gleditsch-Ward numbers. An unknown "
        "day was filled in as the 1st of the month, an unknown month as January."
    ),
}

COVERAGE: Final = ("1816-01-01", "2017-12-31")

_CODE: Final = "Cow Nr."
_ABBREVIATION: Final = "Cow ID"
_NAME: Final = "Name of State"
_REQUIRED: Final = (_CODE, _NAME, "Start", "End")


def parse(paths: Sequence[str | os.PathLike[str]]) -> Parsed:
    """Read Gleditsch-Ward state lists into spells (one per row)."""
    return parse_spells(
        paths,
        FORMAT,
        SOURCE,
        required=_REQUIRED,
        what="Gleditsch-Ward states",
        spell=_spell,
        refuse=_spreadsheet,
    )


def _spreadsheet(shown: str) -> str | None:
    """Why a workbook is not read (the CSV derived from it is)."""
    if shown.lower().endswith((".xlsx", ".xls")):
        return (
            "spreadsheets are not read; use the CSV derived from the sheet gwstates "
            "(see docs/importers.md)"
        )
    return None


def _spell(row: Row, log: MessageLog) -> Spell | None:
    code = state_code(row, _CODE, log)
    if code is None:
        return None
    try:
        start = dayfirst_date(row.get("Start"))
    except InvalidDate as error:
        log.error(row.cell("Start"), f"{error.message}; row rejected", "TC103")
        return None
    end = None
    try:
        end = dayfirst_date(row.get("End"))
    except InvalidDate as error:
        log.error(row.cell("End"), f"{error.message}; the spell has no end", "TC103")
    start, start_note = coverage_start(start, COVERAGE[0])
    end_note = None
    if end is not None:
        end, end_note = coverage_end(end, COVERAGE[1])
    abbreviation = row.get(_ABBREVIATION)
    codes: dict[str, str | int] = {"gw": code}
    if abbreviation:
        codes["gw-abb"] = abbreviation
    return Spell(
        source=str(SOURCE["id"]),
        key=str(code),
        code=code,
        name=row.get(_NAME) or abbreviation or f"GW {code}",
        start=start,
        end=end,
        row=row.start,
        start_cell=row.cell("Start"),
        end_cell=row.cell("End"),
        name_cell=row.cell(_NAME),
        label=year_label(start),
        codes=codes,
        start_note=start_note,
        end_note=end_note,
    )
