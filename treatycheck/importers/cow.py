"""Correlates of War State System Membership List (``states2016.csv``).

One row per membership spell: ``stateabb, ccode, statenme, styear, stmonth,
stday, endyear, endmonth, endday, version``. Conventions handled:

* year, month and day sit in separate integer columns; an empty, ``0`` or
  ``-9`` month or day makes the date coarser (year-month or year), never an
  invented day;
* ``1816-01-01`` is the start of coverage (a member by then, not founded then)
  and becomes the open start ``../1816-01-01``;
* ``2016-12-31`` is the end of coverage (still a member) and becomes the open
  end ``2016-12-31/..``;
* a state with several spells has one row per spell; each row is one spell.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ._common import MessageLog, Row, read_ymd
from ._records import Parsed, Spell
from ._states import coverage_end, coverage_start, parse_spells, state_code, year_label

__all__ = ["COVERAGE", "FORMAT", "SOURCE", "parse"]

FORMAT: Final = "cow"

SOURCE: Final[Mapping[str, Any]] = {
    "id": "cow-states",
    "title": "Correlates of War State System Membership List, v2016",
    "kind": "secondary",
    "author": "Correlates of War Project",
    "url": "https://correlatesofwar.org",
    "citation": (
        'Correlates of War Project. 2016. "State System Membership List, v2016." '
        "Online, http://correlatesofwar.org. Copy from James Hollway (2025), manystates: "
        "Many data on state and state-like actors in the international system, "
        "doi:10.5281/zenodo.5205704 (data-raw/states/COW/states2016.csv)."
    ),
    "license": (
        "Third-party data redistributed by manystates (repository licence CC BY 4.0); "
        "cite the Correlates of War Project."
    ),
    "notes": "Coverage 1816-01-01 to 2016-12-31; one row per membership spell.",
}

COVERAGE: Final = ("1816-01-01", "2016-12-31")
"""First and last day of the dataset's coverage (the sentinels)."""

_REQUIRED: Final = (
    "ccode",
    "statenme",
    "styear",
    "stmonth",
    "stday",
    "endyear",
    "endmonth",
    "endday",
)


def parse(paths: Sequence[str | os.PathLike[str]]) -> Parsed:
    """Read COW state-system files into spells (one per row)."""
    return parse_spells(
        paths, FORMAT, SOURCE, required=_REQUIRED, what="COW state system", spell=_spell
    )


def _spell(row: Row, log: MessageLog) -> Spell | None:
    code = state_code(row, "ccode", log)
    if code is None:
        return None
    start = read_ymd(row, ("styear", "stmonth", "stday"), log)
    if start is None:
        if not row.get("styear") or row.get("styear") == "-9":
            log.error(row.cell("styear"), "no start year; row rejected", "TC103")
        return None
    end = read_ymd(row, ("endyear", "endmonth", "endday"), log)
    if end is None and (not row.get("endyear") or row.get("endyear") == "-9"):
        log.error(row.cell("endyear"), "no end year; the spell has no end", "TC103")
    start, start_note = coverage_start(start, COVERAGE[0])
    end_note = None
    if end is not None:
        end, end_note = coverage_end(end, COVERAGE[1])
    abbreviation = row.get("stateabb")
    codes: dict[str, str | int] = {"cow": code}
    if abbreviation:
        codes["cow-abb"] = abbreviation
    return Spell(
        source=str(SOURCE["id"]),
        key=str(code),
        code=code,
        name=row.get("statenme") or abbreviation or f"COW {code}",
        start=start,
        end=end,
        row=row.start,
        start_cell=row.cell("styear"),
        end_cell=row.cell("endyear"),
        name_cell=row.cell("statenme"),
        label=year_label(start),
        codes=codes,
        start_note=start_note,
        end_note=end_note,
    )
