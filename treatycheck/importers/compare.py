"""What imported datasets disagree on, and why: refinement, conflict or likely convention.

Every pair of datasets that dates the same spell (``exists.from`` or
``exists.to`` of one subject) is compared. Values that overlap agree or
refine one another; values that cannot both be right are a *conflict*,
unless a known convention of the datasets explains the difference, in which
case they are a *likely convention difference* with the reason:

``first-of-month``
    one date is the 1st of the month the other falls in: Gleditsch and Ward
    filled an unknown day with the 1st (and an unknown month with January);
``declaration``
    one date is a declaration of independence that a dataset records
    (ISD ``DecDate``, HUGGO ``DecIndep``): one dataset dates the state from its
    declaration, the other from later independence or recognition;
``one-day``
    the dates are consecutive days: the last day in the system against the
    first day out of it (or the day before against the day of entry);
``calendar``
    the dates are one day in the Julian and the Gregorian calendars;
``continuity``
    one dataset keeps as one spell what the other splits (Gleditsch-Ward's
    Poland through the Second World War; HUGGO's Russian Empire, USSR and
    Russian Federation against COW's single Russia);
``code-difference``
    the crosswalk notes that COW and Gleditsch-Ward number this state
    differently, so the same number does not mean the same polity.

:func:`classify` does the same for a TC501/TC502 finding of a validation run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from ..dates import HistDate, julian_offset
from ..findings import Finding
from ._common import Cell
from ._records import Spell
from .link import Cluster, Linked

if TYPE_CHECKING:
    from . import ImportResult

__all__ = ["REASONS", "Comparison", "Verdict", "classify", "compare"]

Relation = Literal["agree", "refinement", "compatible", "conflict"]
Kind = Literal["conflict", "convention"]

REASONS: Final = (
    "first-of-month",
    "declaration",
    "one-day",
    "calendar",
    "continuity",
    "code-difference",
)
"""Convention reasons, in the order they are tried."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why two values that cannot both be right differ."""

    kind: Kind
    reason: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two datasets' values for one property of one subject, and how they relate."""

    subject: str
    property: str
    sources: tuple[str, str]
    values: tuple[HistDate, HistDate]
    cells: tuple[Cell, Cell]
    relation: Relation
    verdict: Verdict | None = None
    """For a conflict: conflict proper or a likely convention difference."""


def compare(result: ImportResult) -> list[Comparison]:
    """Every pair of datasets' dates of every spell, with its relation and verdict."""
    linked = result.linked
    out: list[Comparison] = []
    for cluster in linked.clusters.values():
        spells = list(cluster.spells.items())
        for prop in ("exists.from", "exists.to"):
            for i, (source_a, spell_a) in enumerate(spells):
                value_a = _value(spell_a, prop)
                if value_a is None:
                    continue
                for source_b, spell_b in spells[i + 1 :]:
                    value_b = _value(spell_b, prop)
                    if value_b is None:
                        continue
                    relation = relate(value_a, value_b)
                    verdict = None
                    if relation == "conflict":
                        verdict = explain(linked, cluster, prop, source_a, source_b)
                    out.append(
                        Comparison(
                            cluster.id,
                            prop,
                            (source_a, source_b),
                            (value_a, value_b),
                            (_cell(spell_a, prop), _cell(spell_b, prop)),
                            relation,
                            verdict,
                        )
                    )
    return out


def classify(result: ImportResult, item: Finding) -> Verdict | None:
    """The verdict on a TC501/TC502 finding about imported spells (None if not one)."""
    linked = result.linked
    cluster = linked.clusters.get(item.subject or "")
    if cluster is None or item.property not in ("exists.from", "exists.to"):
        return None
    sources = [s for s in item.sources if s in cluster.spells]
    if len(sources) != 2:
        return None
    return explain(linked, cluster, item.property, sources[0], sources[1])


def relate(a: HistDate, b: HistDate) -> Relation:
    """How two dates relate: agree, refinement (one inside the other), compatible, conflict."""
    if (a.earliest, a.latest) == (b.earliest, b.latest):
        return "agree"
    if a.latest < b.earliest or b.latest < a.earliest:
        return "conflict"
    if (a.earliest <= b.earliest and b.latest <= a.latest) or (
        b.earliest <= a.earliest and a.latest <= b.latest
    ):
        return "refinement"
    return "compatible"


def explain(linked: Linked, cluster: Cluster, prop: str, source_a: str, source_b: str) -> Verdict:
    """The verdict on two datasets' conflicting dates of one spell."""
    spell_a, spell_b = cluster.spells[source_a], cluster.spells[source_b]
    a, b = _value(spell_a, prop), _value(spell_b, prop)
    assert a is not None and b is not None
    for reason, test in (
        ("first-of-month", _first_of_month),
        ("declaration", _declaration),
        ("one-day", _one_day),
        ("calendar", _calendar),
    ):
        text = test(cluster, (source_a, a), (source_b, b))
        if text is not None:
            return Verdict("convention", reason, text)
    text = _continuity(linked, cluster, prop, (source_a, spell_a), (source_b, spell_b))
    if text is not None:
        return Verdict("convention", "continuity", text)
    if (
        linked.crosswalk is not None
        and cluster.code is not None
        and "gw-states"
        in (
            source_a,
            source_b,
        )
    ):
        notes = linked.crosswalk.code_notes(cluster.code)
        if notes:
            return Verdict(
                "convention",
                "code-difference",
                "COW and Gleditsch-Ward number this state differently: " + "; ".join(notes),
            )
    gap = max(a.earliest - b.latest, b.earliest - a.latest)
    return Verdict(
        "conflict",
        "different-dates",
        f"{source_a} says {a.text}, {source_b} says {b.text}: {_span(gap)} apart",
    )


def _value(spell: Spell, prop: str) -> HistDate | None:
    return spell.start if prop == "exists.from" else spell.end


def _cell(spell: Spell, prop: str) -> Cell:
    return spell.start_cell if prop == "exists.from" else spell.end_cell


def _span(days: int) -> str:
    if days < 62:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 730:
        return f"about {round(days / 30.44)} months"
    return f"about {round(days / 365.25)} years"


_Side = tuple[str, HistDate]


def _first_of_month(cluster: Cluster, a: _Side, b: _Side) -> str | None:
    for (source, value), (other_source, other) in ((a, b), (b, a)):
        if not value.is_day or not other.is_day or value.open_start or value.open_end:
            continue
        first, day = value.first, other.first
        if first.day != 1:
            continue
        if (first.year, first.month) == (day.year, day.month):
            return (
                f"{source} gives {value.text}, the 1st of the month in which {other_source} "
                f"dates it ({other.text}); an unknown day written as the 1st"
            )
        if first.month == 1 and first.year == day.year:
            return (
                f"{source} gives {value.text}, 1 January of the year in which {other_source} "
                f"dates it ({other.text}); an unknown month and day written as 1 January"
            )
    return None


def _declaration(cluster: Cluster, a: _Side, b: _Side) -> str | None:
    declared = {
        spell.declared.text: source
        for source, spell in cluster.spells.items()
        if spell.declared is not None
    }
    for (source, value), (other_source, other) in ((a, b), (b, a)):
        recorder = declared.get(value.text)
        if recorder is not None:
            return (
                f"{source} dates it from {value.text}, the declaration of independence "
                f"({recorder} records it); {other_source} dates it from {other.text}"
            )
    return None


def _one_day(cluster: Cluster, a: _Side, b: _Side) -> str | None:
    (source_a, x), (source_b, y) = a, b
    if x.is_day and y.is_day and abs(x.earliest - y.earliest) == 1:
        return (
            f"{source_a} {x.text} and {source_b} {y.text} are consecutive days: the last day "
            "in against the first day out (or the day before against the day of entry)"
        )
    return None


def _calendar(cluster: Cluster, a: _Side, b: _Side) -> str | None:
    (source_a, x), (source_b, y) = a, b
    if not (x.is_day and y.is_day):
        return None
    later, earlier = max(x.earliest, y.earliest), min(x.earliest, y.earliest)
    if later - earlier == julian_offset(later):
        return (
            f"{source_a} {x.text} and {source_b} {y.text} are {later - earlier} days apart: "
            "one day in the Julian and the Gregorian calendar"
        )
    return None


def _continuity(
    linked: Linked, cluster: Cluster, prop: str, a: tuple[str, Spell], b: tuple[str, Spell]
) -> str | None:
    """One dataset's spell runs across a break where the other has a later (or earlier) spell.

    Only the bound at the break counts: for ``exists.to`` the splitting dataset
    must have a later spell inside the other's, for ``exists.from`` an earlier one.
    """
    siblings = [c for c in linked.groups.get(cluster.group, []) if c is not cluster]
    for (source, spell), (other_source, other) in ((a, b), (b, a)):
        for sibling in siblings:
            extra = sibling.spells.get(source)
            if extra is None:
                continue
            later = extra.core[0] > spell.core[0]
            if later != (prop == "exists.to"):
                continue
            low = max(extra.core[0], other.core[0])
            high = min(extra.core[1], other.core[1])
            if low > high:
                continue
            first, second = (spell, extra) if later else (extra, spell)
            return (
                f"{other_source} keeps one spell ({_bounds(other)}) where {source} has a "
                f"break: {first.name} {_bounds(first)}, then {second.name} {_bounds(second)}"
            )
    return None


def _bounds(spell: Spell) -> str:
    return f"{spell.start.text} to {spell.end.text if spell.end else '?'}"


def tally(comparisons: Sequence[Comparison]) -> dict[str, int]:
    """How many comparisons of each relation, and conflicts by verdict reason."""
    counts: dict[str, int] = defaultdict(int)
    for item in comparisons:
        counts[item.relation] += 1
        if item.verdict is not None:
            counts[f"{item.verdict.kind}:{item.verdict.reason}"] += 1
    return dict(sorted(counts.items()))


def conflicts(comparisons: Sequence[Comparison]) -> Iterator[Comparison]:
    """The comparisons that are disagreements (conflicts and convention differences)."""
    return (item for item in comparisons if item.relation == "conflict")
