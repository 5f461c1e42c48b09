"""Findings, their locations and the report that holds them.

A :class:`Finding` is immutable and carries every field of the findings
contract (SPEC section 4). Locations may be resolved lazily: the loader
records *where in the document* a record sits (a pointer such as
``("treaties", 3, "events", 1)``) and the line and column are looked up only
for the locations that end up in a report, all at once per file.
"""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "Finding",
    "Location",
    "Pointer",
    "PositionIndex",
    "Related",
    "Report",
    "Severity",
    "TreatycheckError",
    "UsageError",
    "defer_locations",
    "resolve_locations",
]

Pointer = tuple[str | int, ...]
"""A path into a parsed document: mapping keys and sequence indexes."""


class TreatycheckError(Exception):
    """Base class of the exceptions treatycheck raises for misuse (not bad data)."""


class UsageError(TreatycheckError):
    """The caller asked for something impossible: a missing path, an unknown code."""


class Severity(enum.Enum):
    """How serious a finding is; ``error`` fails a CI run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return _RANK[self.value]

    def reaches(self, threshold: Severity) -> bool:
        """Whether this severity is at least as serious as ``threshold``."""
        return self.rank >= threshold.rank


_RANK = {"error": 2, "warning": 1, "info": 0}


class PositionIndex(Protocol):
    """Turns document pointers of one file into (line, column), both 1-based."""

    def resolve(self, pointers: Sequence[Pointer]) -> list[tuple[int, int]]:
        """Positions of the pointers (or of their nearest existing ancestor)."""
        ...


class Location:
    """A place in a data file: ``path`` plus 1-based ``line`` and ``column``.

    A location may be created with a pointer and a :class:`PositionIndex`
    instead of a line and column; they are then looked up on first use.
    """

    __slots__ = ("_batch", "_column", "_index", "_line", "path", "pointer")

    path: str
    pointer: Pointer
    _line: int | None
    _column: int | None
    _index: PositionIndex | None
    _batch: list[Location] | None

    def __init__(
        self,
        path: str,
        line: int | None = None,
        column: int | None = None,
        *,
        pointer: Pointer = (),
        index: PositionIndex | None = None,
    ) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "_index", index if line is None else None)
        object.__setattr__(self, "_line", line)
        object.__setattr__(self, "_column", column if line is not None else None)
        object.__setattr__(self, "_batch", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Location is immutable")

    def child(self, *steps: str | int) -> Location:
        """The location of something nested inside this one (same file)."""
        if self._index is None:
            return self
        return Location(self.path, pointer=self.pointer + steps, index=self._index)

    def _fill(self, line: int, column: int) -> None:
        object.__setattr__(self, "_line", line)
        object.__setattr__(self, "_column", column)
        # The index stays: child locations of a resolved location still need it.

    @property
    def resolved(self) -> bool:
        """Whether line and column are known without a lookup."""
        return self._line is not None or self._index is None

    @property
    def line(self) -> int:
        """1-based line (0 when the location is a whole file or unknown)."""
        if self._line is None:
            resolve_locations(self._batch or [self])
        return self._line or 0

    @property
    def column(self) -> int:
        """1-based column (0 when unknown)."""
        if self._line is None:
            resolve_locations(self._batch or [self])
        return self._column or 0

    def sort_key(self) -> tuple[str, int, int]:
        """Key used to order findings: path, line, column."""
        return (self.path, self.line, self.column)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"path", "line", "column"}``."""
        return {"path": self.path, "line": self.line, "column": self.column}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Location):
            return NotImplemented
        return self.sort_key() == other.sort_key()

    def __hash__(self) -> int:
        return hash(self.sort_key())

    def __repr__(self) -> str:
        return f"Location({self.path!r}, {self.line}, {self.column})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def defer_locations(locations: list[Location]) -> None:
    """Look these locations up together, when the first of them is read.

    For locations that a report may never show (the related locations of a
    text report): none is looked up until one is needed, and then all are,
    in one walk per file, as :func:`resolve_locations` would.
    """
    for location in locations:
        if location._line is None and location._index is not None:
            object.__setattr__(location, "_batch", locations)


def resolve_locations(locations: Iterable[Location]) -> None:
    """Look up every unresolved location, one batch per file."""
    pending: dict[int, tuple[PositionIndex, list[Location]]] = {}
    for location in locations:
        index = location._index
        if location._line is None and index is not None:
            pending.setdefault(id(index), (index, []))[1].append(location)
    for index, group in pending.values():
        positions = index.resolve([loc.pointer for loc in group])
        for loc, (line, column) in zip(group, positions, strict=True):
            loc._fill(line, column)


@dataclass(frozen=True, slots=True)
class Related:
    """A second location that explains a finding (the other source, the record used)."""

    location: Location
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the location's fields plus ``message``."""
        return {**self.location.to_dict(), "message": self.message}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a dataset, with its evidence and location."""

    code: str
    rule: str
    severity: Severity
    message: str
    location: Location
    subject: str | None = None
    property: str | None = None
    related: tuple[Related, ...] = ()
    sources: tuple[str, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        """Deterministic order: path, line, column, code, then subject and message."""
        path, line, column = self.location.sort_key()
        return (path, line, column, self.code, self.subject or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of SPEC section 4."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "subject": self.subject,
            "property": self.property,
            "location": self.location.to_dict(),
            "related": [item.to_dict() for item in self.related],
            "sources": list(self.sources),
        }

    def __str__(self) -> str:
        return f"{self.location}: {self.code} [{self.severity.value}] {self.message}"


@dataclass(frozen=True)
class Report:
    """What :func:`treatycheck.validate` returns: sorted findings plus a summary."""

    findings: tuple[Finding, ...]
    files: int = 0
    records: int = 0
    sources: Mapping[str, Any] = field(default_factory=dict)
    tool_version: str = "0.1.0"
    dataset: Dataset | None = field(default=None, compare=False, repr=False)
    """The checked dataset, for reporters that draw it (html); not part of the JSON."""
    reference: str | None = field(default=None, compare=False, repr=False)
    """The reference source in force for the run (``--reference`` or the dataset's own)."""

    @classmethod
    def build(
        cls,
        findings: Iterable[Finding],
        *,
        files: int,
        records: int,
        sources: Mapping[str, Any] | None = None,
        tool_version: str = "0.1.0",
        dataset: Dataset | None = None,
        reference: str | None = None,
    ) -> Report:
        """Resolve locations, drop exact duplicates and sort deterministically."""
        items = list(findings)
        # The order needs the findings' own locations; related ones are looked
        # up, all together, only when a reporter (or a caller) first reads one.
        resolve_locations([f.location for f in items])
        unique = {(f.sort_key(), f.property, f.sources): f for f in items}
        ordered = tuple(unique[key] for key in sorted(unique, key=_dedup_sort_key))
        defer_locations([r.location for f in ordered for r in f.related])
        return cls(
            ordered,
            files,
            records,
            dict(sources or {}),
            tool_version,
            dataset=dataset,
            reference=reference,
        )

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity (all three keys always present)."""
        counter = Counter(f.severity.value for f in self.findings)
        return {name: counter.get(name, 0) for name in ("error", "warning", "info")}

    @property
    def by_code(self) -> dict[str, int]:
        """Number of findings per rule code, in code order."""
        counter = Counter(f.code for f in self.findings)
        return dict(sorted(counter.items()))

    @property
    def summary(self) -> dict[str, int]:
        """``files``, ``records`` and the count per severity."""
        return {"files": self.files, "records": self.records, **self.counts}

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not self.fails(Severity.ERROR)

    def fails(self, threshold: Severity) -> bool:
        """Whether any finding reaches ``threshold``."""
        return any(f.severity.reaches(threshold) for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of SPEC section 4."""
        return {
            "version": 1,
            "tool": {"name": "treatycheck", "version": self.tool_version},
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON document as text; byte-identical for identical input."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"


def _dedup_sort_key(
    key: tuple[tuple[str, int, int, str, str, str], str | None, tuple[str, ...]],
) -> tuple[tuple[str, int, int, str, str, str], str, tuple[str, ...]]:
    sort_key, prop, sources = key
    return (sort_key, prop or "", sources)
