"""What importers read, before linking: membership spells, alliances, and a parsed file set.

A :class:`Spell` is one row of a states dataset (a state's membership of the
system from one date to another); an :class:`Alliance` is one ATOP alliance.
Both keep the cells they were read from. :mod:`treatycheck.importers.link`
turns parsed file sets into a treatycheck document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..dates import HistDate
from ._common import Cell, FileCounts, ImportMessage

__all__ = ["Alliance", "Entry", "Parsed", "Spell"]


@dataclass(frozen=True, eq=False)
class Spell:
    """One spell of a state in one dataset: from ``start`` to ``end``.

    ``code`` is the number in the Correlates of War numbering that links the
    spell to other datasets (COW, ISD and Gleditsch-Ward share that numbering;
    HUGGO has none, so its spells get one while linking, by name).
    """

    source: str
    key: str
    """The dataset's own identifier of the state (``366``, ``EST``)."""
    code: int | None
    name: str
    start: HistDate
    end: HistDate | None
    row: Cell
    start_cell: Cell
    end_cell: Cell
    name_cell: Cell
    label: str
    """How the start year appears in ids (``1918``, ``753bc``)."""
    alt_names: tuple[str, ...] = ()
    codes: Mapping[str, str | int] = field(default_factory=dict)
    start_note: str | None = None
    end_note: str | None = None
    declared: HistDate | None = None
    """A declaration of independence the dataset records separately (ISD ``DecDate``)."""

    @property
    def core(self) -> tuple[int, int]:
        """The days the dataset surely counts as inside the spell (for matching spells)."""
        low = self.start.latest if self.start.open_start else self.start.earliest
        if self.end is None:
            return low, low
        high = self.end.earliest if self.end.open_end else self.end.latest
        return low, max(low, high)


@dataclass(frozen=True, slots=True)
class Entry:
    """When one member joined an alliance (ATOP member level)."""

    member: int
    date: HistDate
    cell: Cell
    """The entry year's cell."""
    member_cell: Cell
    """The member code's cell."""


@dataclass(frozen=True, eq=False)
class Alliance:
    """One ATOP alliance: members by COW code, begin and end, and where each was read."""

    atopid: int
    row: Cell
    members: tuple[int, ...]
    member_cells: tuple[Cell, ...]
    begin: HistDate | None
    begin_cell: Cell
    end: HistDate | None
    end_cell: Cell
    ongoing: bool
    bilateral: bool | None
    cowid: int | None = None
    obligations: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()
    """First entry of each member, from the member-level file (empty without it)."""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Parsed:
    """Everything read from the files of one format, before linking."""

    format: str
    source: Mapping[str, Any]
    spells: tuple[Spell, ...] = ()
    alliances: tuple[Alliance, ...] = ()
    files: tuple[FileCounts, ...] = ()
    messages: tuple[ImportMessage, ...] = ()

    @property
    def source_id(self) -> str:
        """The id of the source the records are attributed to."""
        return str(self.source["id"])
