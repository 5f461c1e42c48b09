"""HUGGO / GGO states (``HUGGO_states_clean.csv``).

One row per state or state-like entity over a period, 19 columns; the
importer reads ``stateID, StateName, Begin, End, DecIndep, StateNameAlt``.
Conventions handled:

* ``stateID`` is an ISO-3166-like letter code and several rows may share one
  (RUS covers Moscow, the Tsardom, the Empire, the USSR and the Russian
  Federation); there is no COW number, so rows are linked to COW numbers by
  name when datasets are linked (see :mod:`treatycheck.importers.link`);
* dates follow the ``messydates`` style: ``YYYY-MM-DD``, year only (also
  zero-padded, ``0778``), a trailing ``~`` (approximate) or ``?`` (uncertain),
  which map to the same qualifiers of the data format;
* ``753 BC`` lies before year 1, which the data format cannot write; it
  becomes the open start ``../0001-12-31`` ("on or before 1 CE") with a note;
* ``9999-12-31`` in ``End`` means ongoing; HUGGO states no coverage end, so
  the importer writes ``2025/..`` (still existing in 2025, the year of the
  release it cites);
* empty strings and the literal ``NA`` are missing values; ``StateNameAlt``
  lists other names separated by commas.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Final

from ..dates import HistDate, InvalidDate, parse_date
from ._common import MessageLog, Row, missing
from ._records import Parsed, Spell
from ._states import parse_spells, year_label

__all__ = ["COVERAGE_END", "FORMAT", "SOURCE", "parse"]

FORMAT: Final = "huggo"

SOURCE: Final[Mapping[str, str]] = {
    "id": "huggo-states",
    "title": "HUGGO / GGO: global governance observations on states and state-like entities",
    "kind": "secondary",
    "author": "James Hollway and Jael Tan",
    "url": "https://github.com/globalgov/manystates",
    "citation": (
        "Hollway, James & Jael Tan (2025), Global governance observations on states and "
        "state-like entities. Copy from James Hollway (2025), manystates: Many data on state "
        "and state-like actors in the international system, doi:10.5281/zenodo.5205704 "
        "(data-raw/states/GGO/HUGGO_states_clean.csv)."
    ),
    "license": "manystates repository licence CC BY 4.0; cite Hollway & Tan (2025).",
    "notes": (
        "Dates in messydates style (~ approximate, ? uncertain); 9999-12-31 means ongoing; "
        "stateID is a letter code, not a COW number."
    ),
}

ONGOING: Final = "9999-12-31"
COVERAGE_END: Final = "2025"
"""What an ongoing HUGGO spell is known to reach: the year of the cited release."""
MISSING: Final = ("NA",)

_DATE_RE: Final = re.compile(r"^(\d{1,4})((?:-\d{2}){0,2})([?~%]?)$")
_BCE_RE: Final = re.compile(r"^(\d{1,4})\s*BCE?$", re.IGNORECASE)
_REQUIRED: Final = ("stateID", "StateName", "Begin", "End")


def parse(paths: Sequence[str | os.PathLike[str]]) -> Parsed:
    """Read HUGGO state files into spells (one per row), not yet linked to COW numbers."""
    return parse_spells(
        paths, FORMAT, SOURCE, required=_REQUIRED, what="HUGGO states", spell=_spell
    )


def _spell(row: Row, log: MessageLog) -> Spell | None:
    key = row.get("stateID")
    if missing(key, MISSING):
        log.error(row.cell("stateID"), "stateID is missing; row rejected")
        return None
    begin_text = row.get("Begin")
    start_note = None
    bce = _BCE_RE.match(begin_text)
    if bce:
        start = parse_date("../0001-12-31")
        label = f"{int(bce.group(1))}bc"
        start_note = f"Begin = {begin_text!r}: before year 1, written as on or before 1 CE"
        log.info(row.cell("Begin"), start_note)
    else:
        parsed = messy_date(begin_text)
        if isinstance(parsed, str):
            log.error(row.cell("Begin"), f"{parsed}; row rejected", "TC103")
            return None
        start = parsed
        label = year_label(start)
    end: HistDate | None = None
    end_note = None
    end_text = row.get("End")
    if end_text.rstrip("?~%") == ONGOING:
        end = parse_date(f"{COVERAGE_END}/..")
        end_note = f"End = {ONGOING}: ongoing (written as still existing in {COVERAGE_END})"
    else:
        parsed = messy_date(end_text)
        if isinstance(parsed, str):
            log.error(row.cell("End"), f"{parsed}; the spell has no end", "TC103")
        else:
            end = parsed
    declared_text = row.get("DecIndep")
    declared = None
    if not missing(declared_text, MISSING) and declared_text.rstrip("?~%") != ONGOING:
        parsed = messy_date(declared_text)
        if isinstance(parsed, str):
            log.warning(row.cell("DecIndep"), f"{parsed}; ignored")
        else:
            declared = parsed
            note = f"DecIndep: independence declared {declared.text}"
            start_note = f"{start_note}; {note}" if start_note else note
    alternatives = row.get("StateNameAlt")
    alt_names = (
        ()
        if missing(alternatives, MISSING)
        else tuple(part.strip() for part in alternatives.split(",") if part.strip())
    )
    return Spell(
        source=str(SOURCE["id"]),
        key=key,
        code=None,
        name=row.get("StateName") or key,
        start=start,
        end=end,
        row=row.start,
        start_cell=row.cell("Begin"),
        end_cell=row.cell("End"),
        name_cell=row.cell("StateName"),
        label=label,
        alt_names=alt_names,
        codes={"huggo": key},
        start_note=start_note,
        end_note=end_note,
        declared=declared,
    )


def messy_date(text: str) -> HistDate | str:
    """A messydates value (``1236``, ``0778``, ``1490-01-01~``), or why it is not one."""
    stripped = text.strip()
    if missing(stripped, MISSING):
        return "the date is missing"
    match = _DATE_RE.match(stripped)
    if match is None:
        return f"{stripped!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    year, rest, flag = match.groups()
    try:
        return parse_date(f"{int(year):04d}{rest}{flag}")
    except InvalidDate as error:
        return error.message
