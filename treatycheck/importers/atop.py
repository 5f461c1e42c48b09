"""ATOP alliance data, alliance level and member level (``atop-*-level.csv``, v4.01).

The level of each file is told by its header (``mem1`` columns: alliance
level; a ``member`` column: member level); give either or both. Conventions
handled:

* begin, end, entry and exit dates sit in separate year, month and day
  columns; an empty day (``begday`` once, ``endday`` 13 times, ``dayent`` 5,
  ``dayexit`` 31) makes the date month-precise, never an invented day;
* ``0/0/0`` in the end or exit columns means still in force when coverage
  ended (``ineffect = 1``): no expiry is recorded; a mismatch between the two
  is reported;
* members are COW state codes (``mem1 ... mem59`` at alliance level, one
  row per alliance, member and phase at member level); a member's entry is its
  earliest row;
* ``bilat`` = 1 makes the treaty bilateral, 0 multilateral;
* the obligation flags ``defense, offense, neutral, nonagg, consul`` are
  kept in the treaty's notes; the seven columns a later commit appended
  (``hinst`` to ``formal``) are not core ATOP variables and are not read.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from ._common import (
    Cell,
    FileCounts,
    MessageLog,
    Row,
    as_int,
    display_path,
    read_csv,
    read_ymd,
)
from ._records import Alliance, Entry, Parsed

__all__ = ["FORMAT", "OBLIGATIONS", "SOURCE", "parse"]

FORMAT: Final = "atop"

SOURCE: Final[Mapping[str, str]] = {
    "id": "atop",
    "title": "Alliance Treaty Obligations and Provisions (ATOP), version 4.01",
    "kind": "secondary",
    "author": "Brett Ashley Leeds, Jeffrey M. Ritter, Sara McLaughlin Mitchell, Andrew G. Long",
    "url": "http://www.atopdata.org",
    "citation": (
        "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell & Andrew G. Long "
        '(2002), "Alliance Treaty Obligations and Provisions, 1815-1944", International '
        "Interactions 28: 237-260. Copy from joshuaalley/arms-allies (data/atop-*-level.csv)."
    ),
    "license": (
        "Redistributed with attribution, no explicit open licence; free for academic use "
        "with the citation."
    ),
    "notes": "Dates in year/month/day columns; 0/0/0 end means still in force.",
}

OBLIGATIONS: Final = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}
"""ATOP obligation flags and how the treaty notes name them."""

_ALLIANCE_REQUIRED: Final = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday")
_MEMBER_REQUIRED: Final = ("atopid", "member", "yrent", "moent", "dayent")
_MAX_MEMBERS: Final = 200


def parse(paths: Sequence[str | os.PathLike[str]]) -> Parsed:
    """Read ATOP files (alliance level, member level or both) into alliances."""
    log = MessageLog()
    alliances: dict[int, Alliance] = {}
    entries: dict[int, dict[int, Entry]] = defaultdict(dict)
    member_rows: dict[int, list[Row]] = defaultdict(list)
    counts: list[FileCounts] = []
    for path in paths:
        table = read_csv(path, log)
        if table is None:
            counts.append(FileCounts(display_path(path), FORMAT, 0, 0, 0))
            continue
        required: tuple[str, ...]
        if "mem1" in table.header:
            level, required = "alliance", _ALLIANCE_REQUIRED
        elif "member" in table.header:
            level, required = "member", _MEMBER_REQUIRED
        else:
            log.error(
                Cell(table.path, 1, 1),
                "not an ATOP file: the header has neither mem1 (alliance level) nor member "
                "(member level); every row is rejected",
            )
            counts.append(FileCounts(table.path, FORMAT, table.read, 0, table.read))
            continue
        absent = [name for name in required if name not in table.header]
        if absent:
            log.error(
                Cell(table.path, 1, 1),
                f"ATOP {level}-level file lacks {', '.join(absent)}; every row is rejected",
            )
            counts.append(FileCounts(table.path, FORMAT, table.read, 0, table.read))
            continue
        imported = 0
        for row in table.rows:
            if level == "alliance":
                alliance = _alliance(row, log)
                if alliance is None:
                    continue
                if alliance.atopid in alliances:
                    log.error(
                        row.cell("atopid"),
                        f"atopid {alliance.atopid} appears again (first at line "
                        f"{alliances[alliance.atopid].row.line}); row rejected",
                    )
                    continue
                alliances[alliance.atopid] = alliance
            elif not _member(row, log, entries, member_rows):
                continue
            imported += 1
        counts.append(
            FileCounts(
                table.path, f"{FORMAT} {level} level", table.read, imported, table.read - imported
            )
        )
    merged = _merge(alliances, entries, member_rows, log)
    return Parsed(
        FORMAT, SOURCE, alliances=merged, files=tuple(counts), messages=tuple(log.messages)
    )


def _atopid(row: Row, log: MessageLog) -> int | None:
    """The row's alliance id (a positive whole number), or ``None`` with an error."""
    atopid = as_int(row.get("atopid"))
    if atopid is None or atopid <= 0:
        log.error(row.cell("atopid"), f"atopid = {row.get('atopid')!r} is not an id; row rejected")
        return None
    return atopid


def _obligations(row: Row) -> tuple[str, ...]:
    """How the treaty notes name the obligation flags set to 1 in the row."""
    return tuple(label for flag, label in OBLIGATIONS.items() if as_int(row.get(flag)) == 1)


def _alliance(row: Row, log: MessageLog) -> Alliance | None:
    atopid = _atopid(row, log)
    if atopid is None:
        return None
    begin = read_ymd(row, ("begyr", "begmo", "begday"), log)
    if begin is None and as_int(row.get("begyr")) in (None, 0):
        log.error(row.cell("begyr"), "no begin year; the alliance has no signature date", "TC103")
    end_parts = [row.get(name) for name in ("endyr", "endmo", "endday")]
    ineffect = as_int(row.get("ineffect")) if "ineffect" in row.values else None
    ongoing = all(as_int(part) == 0 for part in end_parts)
    end = None if ongoing else read_ymd(row, ("endyr", "endmo", "endday"), log)
    if ongoing and ineffect == 0:
        log.warning(row.cell("endyr"), "end is 0/0/0 (still in force) but ineffect = 0")
    if not ongoing and ineffect == 1:
        log.warning(row.cell("endyr"), "an end date is given but ineffect = 1 (still in force)")
    members: list[int] = []
    cells: list[Cell] = []
    for index in range(1, _MAX_MEMBERS):
        name = f"mem{index}"
        if name not in row.values:
            break
        text = row.get(name)
        if not text:
            continue
        code = as_int(text)
        if code is None or code <= 0:
            log.error(row.cell(name), f"{name} = {text!r} is not a COW state code; member skipped")
            continue
        if code in members:
            log.warning(row.cell(name), f"{name} = {code} is listed twice; kept once")
            continue
        members.append(code)
        cells.append(row.cell(name))
    return Alliance(
        atopid=atopid,
        row=row.start,
        members=tuple(members),
        member_cells=tuple(cells),
        begin=begin,
        begin_cell=row.cell("begyr"),
        end=end,
        end_cell=row.cell("endyr"),
        ongoing=ongoing,
        bilateral=_bilateral(row, log),
        cowid=_cowid(row),
        obligations=_obligations(row),
    )


def _bilateral(row: Row, log: MessageLog) -> bool | None:
    if "bilat" not in row.values:
        return None
    value = as_int(row.get("bilat"))
    if value not in (0, 1):
        log.warning(row.cell("bilat"), f"bilat = {row.get('bilat')!r} is not 0 or 1; form unknown")
        return None
    return value == 1


def _cowid(row: Row) -> int | None:
    value = as_int(row.get("cowid"))
    return value if value is not None and value > 0 else None


def _member(
    row: Row,
    log: MessageLog,
    entries: dict[int, dict[int, Entry]],
    member_rows: dict[int, list[Row]],
) -> bool:
    atopid = _atopid(row, log)
    if atopid is None:
        return False
    member = as_int(row.get("member"))
    if member is None or member <= 0:
        log.error(
            row.cell("member"),
            f"member = {row.get('member')!r} is not a COW state code; row rejected",
        )
        return False
    entry = read_ymd(row, ("yrent", "moent", "dayent"), log)
    if entry is None:
        log.error(row.cell("yrent"), "no entry year; row rejected", "TC103")
        return False
    member_rows[atopid].append(row)
    known = entries[atopid].get(member)
    if known is None or entry.earliest < known.date.earliest:
        entries[atopid][member] = Entry(member, entry, row.cell("yrent"), row.cell("member"))
    return True


def _merge(
    alliances: dict[int, Alliance],
    entries: dict[int, dict[int, Entry]],
    member_rows: dict[int, list[Row]],
    log: MessageLog,
) -> tuple[Alliance, ...]:
    """Alliances with the member-level entries; alliances only in the member file built from it."""
    out: list[Alliance] = []
    for atopid, alliance in alliances.items():
        found = entries.get(atopid, {})
        if found:
            listed = set(alliance.members)
            extra = tuple(m for m in sorted(found) if m not in listed)
            for member in extra:
                log.warning(
                    found[member].cell,
                    f"member {member} of alliance {atopid} is not among its mem1..memN "
                    "columns in the alliance-level file; it is added as a party",
                )
            alliance = replace(
                alliance,
                members=alliance.members + extra,
                member_cells=alliance.member_cells + tuple(found[m].member_cell for m in extra),
                entries=tuple(found[m] for m in alliance.members + extra if m in found),
            )
        out.append(alliance)
    for atopid in sorted(set(entries) - set(alliances)):
        out.append(_from_members(atopid, entries[atopid], member_rows[atopid], log))
    return tuple(sorted(out, key=lambda item: item.atopid))


def _from_members(
    atopid: int, found: dict[int, Entry], rows: list[Row], log: MessageLog
) -> Alliance:
    """An alliance known only from member-level rows: begin at the first entry."""
    first = rows[0]
    members = tuple(found)
    begin_entry = min(found.values(), key=lambda entry: entry.date.earliest)
    exits = [row for row in rows if not all(as_int(row.get(n)) == 0 for n in _EXIT)]
    ongoing = len(exits) < len(rows)
    end = None
    end_cell = first.cell("yrexit")
    if not ongoing:
        dated = [(read_ymd(row, _EXIT, log), row) for row in exits]
        known = [(value, row) for value, row in dated if value is not None]
        if known:
            value, row = max(known, key=lambda item: item[0].latest)
            end, end_cell = value, row.cell("yrexit")
    return Alliance(
        atopid=atopid,
        row=first.start,
        members=members,
        member_cells=tuple(found[m].member_cell for m in members),
        begin=begin_entry.date,
        begin_cell=begin_entry.cell,
        end=end,
        end_cell=end_cell,
        ongoing=ongoing,
        bilateral=_bilateral(first, log),
        cowid=_cowid(first),
        obligations=_obligations(first),
        entries=tuple(found[m] for m in members),
        notes=("known from the member-level file only: begins at the first member's entry",),
    )


_EXIT: Final = ("yrexit", "moexit", "dayexit")
