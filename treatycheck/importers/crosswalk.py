"""The Wikidata-COW-Gleditsch-Ward crosswalk (``crosswalk.csv`` from histwardb).

Columns ``country_qid, country, cow_code, cow_name, gw_code, match, note``;
an empty code means no match. The linker uses it three ways: names of
countries and their codes (to link HUGGO rows, which have no COW number),
the Wikidata id of a COW state (``codes: {wikidata: Q191}``), and the notes
on states whose COW and Gleditsch-Ward numbers differ (to explain
disagreements). Many rows can share one code (Q15180 Soviet Union and Q34266
Russian Empire are both 365).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from .._names import name_key
from ._common import Cell, FileCounts, ImportMessage, MessageLog, as_int, display_path, read_csv

__all__ = ["SOURCE", "Crosswalk", "CrosswalkRow", "read_crosswalk"]

SOURCE: Final[Mapping[str, str]] = {
    "citation": (
        "Manto, Vincenzo & Riccardo Dal Cero (2026), HistWarDB: A Dynamic Wikidata-Based "
        "Historical War Dataset, https://github.com/VincenzoManto/histwardb (histwardb 0.5.2, "
        "histwardb/data/crosswalk.csv)."
    ),
    "license": "MIT (histwardb); the underlying Wikidata is CC0.",
}

_REQUIRED: Final = ("country_qid", "country", "cow_code", "gw_code")


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    """One Wikidata item and the COW and Gleditsch-Ward codes it matches."""

    qid: str
    country: str
    cow_code: int | None
    cow_name: str
    gw_code: int | None
    match: str
    note: str
    cell: Cell


@dataclass(frozen=True)
class Crosswalk:
    """The crosswalk rows plus lookups by name and by code."""

    rows: tuple[CrosswalkRow, ...]
    counts: FileCounts
    messages: tuple[ImportMessage, ...] = ()

    def names(self) -> dict[str, set[int]]:
        """Normalised country names (Wikidata and COW spellings) -> COW-system codes."""
        table: dict[str, set[int]] = defaultdict(set)
        for row in self.rows:
            code = row.cow_code if row.cow_code is not None else row.gw_code
            if code is None:
                continue
            table[name_key(row.country)].add(code)
            if row.cow_name and row.cow_code is not None:
                table[name_key(row.cow_name)].add(row.cow_code)
        return dict(table)

    def wikidata(self, code: int) -> str | None:
        """The Wikidata id that best names COW state ``code`` (its name match first)."""
        matching = [row for row in self.rows if row.cow_code == code]
        if not matching:
            return None
        ranked = sorted(
            matching,
            key=lambda row: (
                row.match != "name",
                name_key(row.country) != name_key(row.cow_name),
                int(row.qid[1:]) if row.qid[1:].isdigit() else 0,
            ),
        )
        return ranked[0].qid

    def code_notes(self, code: int) -> tuple[str, ...]:
        """Notes of rows where COW and Gleditsch-Ward number ``code`` differently."""
        out = []
        for row in self.rows:
            if code in (row.cow_code, row.gw_code) and row.cow_code != row.gw_code and row.note:
                out.append(f"{row.country} ({row.qid}): {row.note}")
        return tuple(dict.fromkeys(out))


def read_crosswalk(path: str | os.PathLike[str]) -> Crosswalk:
    """Read the crosswalk; unreadable rows become messages, never exceptions."""
    log = MessageLog()
    table = read_csv(path, log)
    if table is None:
        return Crosswalk(
            (), FileCounts(display_path(path), "crosswalk", 0, 0, 0), tuple(log.messages)
        )
    absent = [name for name in _REQUIRED if name not in table.header]
    if absent:
        log.error(
            Cell(table.path, 1, 1),
            f"not a crosswalk file: the header lacks {', '.join(absent)}; every row is rejected",
        )
        return Crosswalk(
            (), FileCounts(table.path, "crosswalk", table.read, 0, table.read), tuple(log.messages)
        )
    rows: list[CrosswalkRow] = []
    for row in table.rows:
        qid = row.get("country_qid")
        codes: list[int | None] = []
        bad = False
        for name in ("cow_code", "gw_code"):
            text = row.get(name)
            value = as_int(text) if text else None
            if text and value is None:
                log.error(row.cell(name), f"{name} = {text!r} is not a number; row rejected")
                bad = True
            codes.append(value)
        if bad:
            continue
        rows.append(
            CrosswalkRow(
                qid=qid,
                country=row.get("country"),
                cow_code=codes[0],
                cow_name=row.get("cow_name"),
                gw_code=codes[1],
                match=row.get("match"),
                note=row.get("note"),
                cell=row.start,
            )
        )
    counts = FileCounts(table.path, "crosswalk", table.read, len(rows), table.read - len(rows))
    return Crosswalk(tuple(rows), counts, tuple(log.messages))
