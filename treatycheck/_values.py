"""Values as the cross-source pass compares them: kinds, relations, statements, groups.

Shared by :mod:`treatycheck.claims` (which builds the groups) and
:mod:`treatycheck._compare` (which compares the sources of one group).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal, NamedTuple

from .models import DATE_PROPERTIES_SUFFIX

__all__ = [
    "RELATIONS",
    "Conflict",
    "Group",
    "Relation",
    "Statement",
    "Steps",
    "ValueKind",
    "entails",
    "gap",
    "relate",
    "value_kind",
]

ValueKind = Literal["date", "place", "parties", "text"]
Relation = Literal["agree", "refine", "compatible", "conflict"]
RELATIONS: Final[tuple[Relation, ...]] = ("agree", "refine", "compatible", "conflict")
"""The relations between two values, from best to worst; only ``conflict`` disagrees."""

Steps = tuple[str | int, ...]


def value_kind(prop: str) -> ValueKind:
    """How values of a property are compared."""
    kind = _KINDS.get(prop)
    if kind is None:
        kind = _KINDS[prop] = _value_kind(prop)
    return kind


_KINDS: dict[str, ValueKind] = {}
"""The kinds :func:`value_kind` has given, by property."""


def _value_kind(prop: str) -> ValueKind:
    if prop.endswith(DATE_PROPERTIES_SUFFIX):
        return "date"
    if prop.endswith(".place"):
        return "place"
    if prop == "parties":
        return "parties"
    return "text"


class Statement(NamedTuple):
    """One value stated about one property: by a claim, or by a record field.

    A named tuple because the pass makes one per claim and per compared record
    field; it is compared by identity nowhere and by content only in tests.
    """

    sources: tuple[str, ...]
    """Who states it: the claim's source, or the record's (or event's) sources."""
    key: Any
    """What is compared: ``(earliest, latest)`` for dates, an id or ``text:<name>``
    for places, a frozenset of those for parties, a normalised text otherwise."""
    written: Any
    """The value as written in the data."""
    record: Any
    """The claim, treaty or polity the value is written in."""
    steps: Steps
    """Where inside that record (for its location)."""
    explicit: bool
    """True for a ``claims:`` entry, False for a record field."""


def relate(kind: ValueKind, a: Any, b: Any) -> Relation:
    """How two comparison keys of one kind relate; only ``conflict`` is a disagreement."""
    if a == b:
        return "agree"
    if kind != "date":
        return "conflict"
    a_first, a_last = a
    b_first, b_last = b
    if a_last < b_first or b_last < a_first:
        return "conflict"
    if (a_first <= b_first and b_last <= a_last) or (b_first <= a_first and a_last <= b_last):
        return "refine"
    return "compatible"


def entails(kind: ValueKind, value: Any, candidate: Any) -> bool:
    """Whether a source stating ``value`` also supports ``candidate`` (a containing date)."""
    if value == candidate:
        return True
    return kind == "date" and candidate[0] <= value[0] and value[1] <= candidate[1]


def gap(kind: ValueKind, a: Any, b: Any) -> int:
    if kind != "date":
        return 0
    return int(max(a[0] - b[1], b[0] - a[1], 0))


@dataclass(slots=True, eq=False)
class Group:
    """Every statement about one (subject, property), from the record and from claims."""

    subject: str
    property: str
    kind: ValueKind
    record: list[Statement] = field(default_factory=list)
    claims: list[Statement] = field(default_factory=list)

    def record_sources(self) -> set[str]:
        """Sources that state the record's values."""
        return {source for statement in self.record for source in statement.sources}

    def sources(self) -> list[str]:
        """Every source with a statement here, sorted."""
        found = self.record_sources()
        found.update(claim.sources[0] for claim in self.claims)
        return sorted(found)

    def claims_of(self, source: str) -> list[Statement]:
        """The explicit claims of one source, in the order written."""
        return [claim for claim in self.claims if claim.sources[0] == source]


@dataclass(frozen=True, slots=True, eq=False)
class Conflict:
    """Two sources that cannot both be right about one property."""

    group: Group
    source: str
    statement: Statement
    other_source: str
    other: Statement
    reference: bool
    """True when ``other_source`` is the reference (TC502), else TC501."""
