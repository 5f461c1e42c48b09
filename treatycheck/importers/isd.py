"""International System(s) Dataset v2 (``isd_2_2_update_reversedates.csv``).

One row per spell, 57 columns; the importer reads ``COWNum, COWID, StateName,
OtherName, Start, Start_Am, EStart, EStart_Am, DecDate, End, End_Am`` and
leaves the rest (population, borders, destinations) alone. Conventions handled:

* ``-9`` is the missing code in every column;
* ``Start`` and ``End`` are ISO dates; ``1816-01-01`` is the start of coverage
  and ``2016-12-31`` its end (still in the system), becoming ``../1816-01-01``
  and ``2016-12-31/..``;
* when ``Start`` is the coverage start and ``EStart`` (entry before 1816) is
  given, the spell starts at ``EStart`` instead; ``EStart`` mixes bare years
  (``1480``, ``843``), day-first dates (``16-01-1556``, ``29-5-1453``) and
  month-year (``06-1815``);
* ``Start_Am``, ``EStart_Am`` and ``End_Am`` = 1 (ambiguous coding) mark the
  date uncertain (``?``);
* ``DecDate``, a declaration of independence (day first, or ``-9``), is kept in
  the claim's notes and used when disagreements are classified; values that are
  not dates (``-8``, ``0``) get a warning and are ignored;
* ``COWNum`` uses COW numbers for COW members and new COW-style numbers for the
  entities ISD adds (``4741``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..dates import HistDate, InvalidDate, parse_date
from ._common import MessageLog, Row, as_int, dayfirst_date, missing
from ._records import Parsed, Spell
from ._states import coverage_end, coverage_start, flagged, parse_spells, state_code, year_label

__all__ = ["COVERAGE", "FORMAT", "SOURCE", "parse"]

FORMAT: Final = "isd"

SOURCE: Final[Mapping[str, Any]] = {
    "id": "isd-states",
    "title": "International System(s) Dataset (ISD), version 2.2",
    "kind": "secondary",
    "author": "Charles R. Butcher and Ryan D. Griffiths",
    "url": "https://github.com/globalgov/manystates",
    "citation": (
        'Butcher, Charles R. & Ryan D. Griffiths (2020), "States and their International '
        "Relations since 1816: Introducing Version 2 of the International System(s) Dataset "
        '(ISD)", International Interactions 46(2): 291-308; Griffiths & Butcher (2013), '
        "International Interactions 39(5): 748-768. Copy from James Hollway (2025), "
        "manystates, doi:10.5281/zenodo.5205704 "
        "(data-raw/states/ISD/isd_2_2_update_reversedates.csv)."
    ),
    "license": (
        "Third-party data redistributed by manystates (repository licence CC BY 4.0); "
        "cite Butcher & Griffiths (2020)."
    ),
    "notes": (
        "Coverage 1816-01-01 to 2016-12-31; -9 is the missing code; *_Am = 1 marks an "
        "ambiguous coding."
    ),
}

COVERAGE: Final = ("1816-01-01", "2016-12-31")
MISSING: Final = ("-9",)
_REQUIRED: Final = ("COWNum", "StateName", "Start", "End")


def parse(paths: Sequence[str | os.PathLike[str]]) -> Parsed:
    """Read ISD files into spells (one per row)."""
    return parse_spells(paths, FORMAT, SOURCE, required=_REQUIRED, what="ISD", spell=_spell)


def _spell(row: Row, log: MessageLog) -> Spell | None:
    code = state_code(row, "COWNum", log)
    if code is None:
        return None
    start = _iso(row, "Start", log)
    if start is None:
        log.error(row.cell("Start"), "no usable start date; row rejected", "TC103")
        return None
    start_cell = row.cell("Start")
    start, start_note = coverage_start(start, COVERAGE[0])
    if start_note is not None:
        earlier = _earlier_start(row, log)
        if earlier is not None:
            start = earlier
            start_cell = row.cell("EStart")
            start_note = "Start is the coverage start 1816-01-01; EStart gives the entry before it"
    elif _flag(row, "Start_Am", log):
        start = flagged(start, "?")
        start_note = "Start_Am = 1: the start is coded as ambiguous"
    end = _iso(row, "End", log)
    end_note = None
    if end is not None:
        end, end_note = coverage_end(end, COVERAGE[1])
        if end_note is None and _flag(row, "End_Am", log):
            end = flagged(end, "?")
            end_note = "End_Am = 1: the end is coded as ambiguous"
    declared = _declared(row, log)
    if declared is not None:
        note = f"DecDate: independence declared {declared.text}"
        start_note = f"{start_note}; {note}" if start_note else note
    abbreviation = row.get("COWID")
    codes: dict[str, str | int] = {"isd": code}
    if abbreviation and abbreviation not in MISSING:
        codes["isd-abb"] = abbreviation
    other = row.get("OtherName")
    alt_names = () if missing(other, MISSING) else (other,)
    return Spell(
        source=str(SOURCE["id"]),
        key=str(code),
        code=code,
        name=row.get("StateName") or abbreviation or f"ISD {code}",
        start=start,
        end=end,
        row=row.start,
        start_cell=start_cell,
        end_cell=row.cell("End"),
        name_cell=row.cell("StateName"),
        label=year_label(start),
        alt_names=alt_names,
        codes=codes,
        start_note=start_note,
        end_note=end_note,
        declared=declared,
    )


def _iso(row: Row, name: str, log: MessageLog) -> HistDate | None:
    text = row.get(name)
    if missing(text, MISSING):
        log.error(row.cell(name), f"{name} is missing ({text or 'empty'})", "TC103")
        return None
    try:
        return parse_date(text)
    except InvalidDate as error:
        log.error(row.cell(name), error.message, "TC103")
        return None


def _flag(row: Row, name: str, log: MessageLog) -> bool:
    text = row.get(name)
    if missing(text, MISSING) or name not in row.values:
        return False
    value = as_int(text)
    if value not in (0, 1):
        log.warning(row.cell(name), f"{name} = {text!r} is not 0 or 1; ignored")
        return False
    return value == 1


def _earlier_start(row: Row, log: MessageLog) -> HistDate | None:
    text = row.get("EStart")
    if missing(text, MISSING):
        return None
    try:
        value = dayfirst_date(text)
    except InvalidDate as error:
        log.warning(row.cell("EStart"), f"{error.message}; the coverage start is kept")
        return None
    if _flag(row, "EStart_Am", log):
        value = flagged(value, "?")
    return value


def _declared(row: Row, log: MessageLog) -> HistDate | None:
    text = row.get("DecDate")
    if missing(text, MISSING):
        return None
    try:
        return dayfirst_date(text)
    except InvalidDate:
        pass
    log.warning(
        row.cell("DecDate"),
        f"DecDate = {text!r} is neither a date nor the missing code -9; ignored",
    )
    return None
