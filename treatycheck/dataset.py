"""The merged, typed content of one or more data files."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from .findings import Finding, Location, Pointer, PositionIndex
from .models import (
    SECTIONS,
    Assertion,
    Claim,
    Group,
    Person,
    Place,
    Polity,
    Source,
    Treaty,
)

__all__ = ["RECORD_SECTIONS", "Dataset", "Record", "RecordLocations", "pack_place"]

Record = Source | Polity | Group | Place | Person | Treaty | Claim | Assertion

_NOWHERE = Location("<dataset>", 0, 0)

RECORD_SECTIONS: Final = (*SECTIONS, "assertions")
"""The record sections of a data file, in the order of the data format."""
_SECTION_NUMBERS: Final = {name: number for number, name in enumerate(RECORD_SECTIONS)}
_POSITION_BITS: Final = 32
_SECTION_BITS: Final = 3


def pack_place(file_number: int, section: str) -> int:
    """Where the records of one section of one file are, as one number.

    Add a record's position in the section to get its place for
    :class:`RecordLocations` (positions stay below 2**32: a file has fewer
    records than bytes, and a file is far smaller than 4 GB).
    """
    return (file_number << _SECTION_BITS | _SECTION_NUMBERS[section]) << _POSITION_BITS


class RecordLocations(Mapping[int, Location]):
    """Record locations keyed by ``id(record)``, each made on first use.

    The loader stores one number per record, its place (:func:`pack_place`
    plus its position): a tuple of file number and pointer per record cost
    about 110 bytes more (220 MB at two million records), and making a
    :class:`~treatycheck.findings.Location` object for every record up front
    cost a tenth of the load time, for locations that are seldom asked for.
    """

    __slots__ = ("_files", "_made", "_places")

    def __init__(self, files: Sequence[tuple[str, PositionIndex]], places: dict[int, int]) -> None:
        self._files = tuple(files)
        self._places = places
        self._made: dict[int, Location] = {}

    def __getitem__(self, key: int) -> Location:
        made = self._made.get(key)
        if made is None:
            place = self._places[key]
            section = place >> _POSITION_BITS
            pointer: Pointer = (
                RECORD_SECTIONS[section & (1 << _SECTION_BITS) - 1],
                place & (1 << _POSITION_BITS) - 1,
            )
            path, index = self._files[section >> _SECTION_BITS]
            made = self._made[key] = Location(path, pointer=pointer, index=index)
        return made

    def __iter__(self) -> Iterator[int]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, key: object) -> bool:
        return key in self._places


@dataclass(frozen=True, eq=False)
class Dataset:
    """Every record of a dataset plus where each was written.

    Build one with :func:`treatycheck.load` (records carry file locations) or
    directly from models (records are located at ``<dataset>``). Two datasets
    are equal when they hold equal records in the same order, wherever those
    records were written.
    """

    sources: tuple[Source, ...] = ()
    polities: tuple[Polity, ...] = ()
    groups: tuple[Group, ...] = ()
    places: tuple[Place, ...] = ()
    people: tuple[Person, ...] = ()
    treaties: tuple[Treaty, ...] = ()
    claims: tuple[Claim, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    files: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Problems met while loading (TC100, TC103, TC104, TC202)."""
    locations: Mapping[int, Location] = field(default_factory=dict, repr=False)
    """Location of each record, keyed by ``id(record)``; see :meth:`location`."""

    def location(self, record: Any, *steps: str | int) -> Location:
        """Where ``record`` (or something nested in it, by ``steps``) was written."""
        base = self.locations.get(id(record))
        if base is None:
            return _NOWHERE
        return base.child(*steps) if steps else base

    def _sections(self) -> tuple[tuple[Record, ...], ...]:
        """The record sections, in the order of the data format."""
        return (
            self.sources,
            self.polities,
            self.groups,
            self.places,
            self.people,
            self.treaties,
            self.claims,
            self.assertions,
        )

    def records(self) -> Iterator[Record]:
        """Every top-level record, section by section."""
        for section in self._sections():
            yield from section

    @property
    def record_count(self) -> int:
        """How many top-level records the dataset holds."""
        return sum(len(section) for section in self._sections())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._sections() == other._sections()

    def __hash__(self) -> int:
        return hash(self.record_count)
