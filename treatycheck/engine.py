"""The engine: builds the indexes once, runs the selected rules, returns a Report.

Rules are functions ``check(ctx) -> Iterable[Finding]`` grouped in
:class:`Check` entries that declare which codes they can produce. They read
the dataset only through the :class:`Context`, whose indexes (by id, by
party, by name, by subject and property) are built once, on first use.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, Literal

from ._names import closest, name_key, near_miss
from .dataset import Dataset, Record
from .dates import MIN_DAY, HistDate
from .findings import Finding, Location, Report, UsageError
from .models import (
    Claim,
    Event,
    Group,
    Interval,
    NameSpan,
    Office,
    Person,
    Place,
    Polity,
    Source,
    Treaty,
    is_id,
)
from .rules.catalogue import select_codes

if TYPE_CHECKING:
    from ._denotation import Denotation
    from ._grouping import ClaimIndex
    from ._values import Steps
    from .claims import CrossSource

__all__ = ["Check", "Context", "Resolution", "run"]

TOOL_VERSION: Final = "0.1.0"

EntityKind = Literal["polity", "place", "person", "source", "treaty", "group"]

_SECTION_KINDS: Final[dict[EntityKind, str]] = {
    "source": "sources",
    "polity": "polities",
    "group": "groups",
    "place": "places",
    "person": "people",
    "treaty": "treaties",
}
"""Each kind of record with an id table, and its section (and table) name, in section order."""

SCORECARD_CODES: Final = frozenset({"TC501", "TC502"})
"""When one of these runs, the report carries the source scorecard (``Report.sources``)."""


@dataclass(frozen=True, slots=True)
class Check:
    """A rule function and the codes it may report."""

    codes: frozenset[str]
    run: Callable[[Context], Iterable[Finding]]

    @classmethod
    def of(cls, *codes: str) -> Callable[[Callable[[Context], Iterable[Finding]]], Check]:
        """Decorator: ``@Check.of("TC201")`` turns a rule function into a Check."""

        def wrap(function: Callable[[Context], Iterable[Finding]]) -> Check:
            return cls(frozenset(codes), function)

        return wrap


def latest_date_on_earth() -> _dt.date:
    """Today's date in the time zone furthest ahead (UTC+14).

    Used as the default "today" so that results do not depend on the local
    time zone, and a date is never called future while it is already today
    somewhere.
    """
    return (_dt.datetime.now(_dt.UTC) + _dt.timedelta(hours=14)).date()


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a reference resolved: the id it denotes, or near misses when it did not."""

    ref: str
    id: str | None
    suggestions: tuple[str, ...] = ()
    by_name: bool = False

    @property
    def ok(self) -> bool:
        """Whether the reference denotes a defined record."""
        return self.id is not None


@dataclass(frozen=True, slots=True)
class StatedEvent:
    """An event of a treaty together with the sources that state it."""

    treaty: Treaty
    index: int
    event: Event
    sources: tuple[str, ...]


class Context:
    """The dataset plus the indexes every rule shares."""

    def __init__(
        self,
        dataset: Dataset,
        *,
        reference: str | None = None,
        today: _dt.date | None = None,
    ) -> None:
        self.dataset = dataset
        self.today = (today or latest_date_on_earth()).toordinal()
        self._reference_arg = reference
        self._resolved: dict[str, dict[str, Resolution]] = defaultdict(dict)

    # -- locations --------------------------------------------------------

    def location(self, record: Any, *steps: str | int) -> Location:
        """Where a record (or a part of it) was written."""
        return self.dataset.location(record, *steps)

    # -- definitions --------------------------------------------------------

    @cached_property
    def definitions(self) -> dict[str, list[tuple[EntityKind | str, Record]]]:
        """Every defined id with the records that define it (more than one is TC102)."""
        found: dict[str, list[tuple[EntityKind | str, Record]]] = defaultdict(list)
        data = self.dataset
        sections: Sequence[tuple[str, Iterable[Record]]] = (
            ("source", data.sources),
            ("polity", data.polities),
            ("group", data.groups),
            ("place", data.places),
            ("person", data.people),
            ("treaty", data.treaties),
            ("claim", (c for c in data.claims if c.id is not None)),
            ("assertion", data.assertions),
        )
        for kind, records in sections:
            for record in records:
                record_id = record.id
                if record_id is not None:
                    found[record_id].append((kind, record))
        return dict(found)

    def _first(self, kind: EntityKind) -> dict[str, Any]:
        """id -> the first definition of that kind, read from its own section.

        The order is the order of :attr:`definitions` (which also walks the
        claims and assertions): ids already defined in an earlier section (as
        another kind, TC102) come first, in the order they were first defined.
        Only the earlier sections' tables are built, so the polities never
        wait for the treaties.
        """
        table: dict[str, Any] = {}
        for record in getattr(self.dataset, _SECTION_KINDS[kind]):
            if record.id not in table:
                table[record.id] = record
        kinds = list(_SECTION_KINDS)
        earlier = [self.table(other) for other in kinds[: kinds.index(kind)]]
        if any(not ids.keys().isdisjoint(table) for ids in earlier):
            first_defined: dict[str, None] = {}
            for ids in earlier:
                first_defined.update(dict.fromkeys(ids))
            table = {rid: table[rid] for rid in first_defined if rid in table} | table
        return table

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Sources by id (the first definition wins)."""
        return self._first("source")

    @cached_property
    def polities(self) -> dict[str, Polity]:
        """Polities by id."""
        return self._first("polity")

    @cached_property
    def groups(self) -> dict[str, Group]:
        """Groups by id."""
        return self._first("group")

    @cached_property
    def places(self) -> dict[str, Place]:
        """Places by id."""
        return self._first("place")

    @cached_property
    def people(self) -> dict[str, Person]:
        """People by id."""
        return self._first("person")

    @cached_property
    def treaties(self) -> dict[str, Treaty]:
        """Treaties by id."""
        return self._first("treaty")

    def table(self, kind: EntityKind) -> dict[str, Any]:
        """The id table of one kind of record (built on first use, as each of them)."""
        table: dict[str, Any] = getattr(self, _SECTION_KINDS[kind])
        return table

    # -- names --------------------------------------------------------------

    def _registered_names(self) -> Iterator[tuple[str, str, str]]:
        """(kind, id, name as written) for every name of a polity, place or person."""
        for polity in self.polities.values():
            for span in polity.names:
                yield "polity", polity.id, span.name
        for place in self.places.values():
            for name in place.names:
                yield "place", place.id, name
        for person in self.people.values():
            for name in person.names:
                yield "person", person.id, name

    @cached_property
    def names(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Per kind (polity, place, person): normalised name -> ids bearing it."""
        registry: dict[str, dict[str, set[str]]] = {
            "polity": defaultdict(set),
            "place": defaultdict(set),
            "person": defaultdict(set),
        }
        for kind, record_id, name in self._registered_names():
            registry[kind][name_key(name)].add(record_id)
        return {
            kind: {key: tuple(sorted(ids)) for key, ids in table.items()}
            for kind, table in registry.items()
        }

    @cached_property
    def display_names(self) -> dict[str, list[str]]:
        """Per kind: every registered name as written (for suggestions)."""
        out: dict[str, set[str]] = {"polity": set(), "place": set(), "person": set()}
        for kind, _, name in self._registered_names():
            out[kind].add(name)
        return {kind: sorted(names) for kind, names in out.items()}

    def resolve(self, kind: EntityKind, ref: str) -> Resolution:
        """Resolve a reference by id, then (for polities, places, people) by name."""
        # Rules resolve the same party ids over and over: each answer is kept.
        known = self._resolved[kind]
        resolution = known.get(ref)
        if resolution is None:
            resolution = known[ref] = self._resolve(kind, ref)
        return resolution

    def _resolve(self, kind: EntityKind, ref: str) -> Resolution:
        table = self.table(kind)
        if ref in table:
            return Resolution(ref, ref)
        if kind in self.names:
            ids = self.names[kind].get(name_key(ref), ())
            if len(ids) == 1:
                return Resolution(ref, ids[0], by_name=True)
            if len(ids) > 1:
                return Resolution(ref, None, ids, by_name=True)
            if not is_id(ref):
                return Resolution(ref, None, near_miss(ref, self.display_names[kind]), True)
        hint = closest(ref, table)
        return Resolution(ref, None, (hint,) if hint else ())

    # -- sources ------------------------------------------------------------

    @cached_property
    def reference(self) -> str | None:
        """The reference source: ``--reference``, else the only source of kind reference."""
        if self._reference_arg is not None:
            return self._reference_arg
        candidates = sorted(s.id for s in self.sources.values() if s.kind == "reference")
        return candidates[0] if candidates else None

    def record_sources(self, treaty: Treaty, event: Event | None = None) -> tuple[str, ...]:
        """Who states a record (or one of its events): its own sources, else the reference."""
        if event is not None and event.sources:
            return tuple(event.sources)
        if treaty.sources:
            return tuple(treaty.sources)
        return (self.reference,) if self.reference else ()

    @cached_property
    def stated_events(self) -> list[StatedEvent]:
        """Every event of every treaty with the sources that state it."""
        return [
            StatedEvent(treaty, index, event, self.record_sources(treaty, event))
            for treaty in self.dataset.treaties
            for index, event in enumerate(treaty.events)
        ]

    # -- parties and claims ---------------------------------------------------

    def party_ids(self, treaty: Treaty) -> list[str]:
        """The treaty's parties resolved to polity ids (unresolvable ones left out)."""
        polities = self.polities
        out = []
        for ref in treaty.parties:
            if ref in polities:  # an id denotes itself (what resolve would say)
                out.append(ref)
                continue
            resolution = self.resolve("polity", ref)
            if resolution.id is not None:
                out.append(resolution.id)
        return out

    @cached_property
    def treaties_by_party(self) -> dict[str, list[Treaty]]:
        """Treaties by the polity ids of their parties, in dataset order."""
        index: dict[str, list[Treaty]] = defaultdict(list)
        for treaty in self.dataset.treaties:
            for party in dict.fromkeys(self.party_ids(treaty)):
                index[party].append(treaty)
        return dict(index)

    @cached_property
    def claims_by_subject(self) -> dict[tuple[str, str], list[Claim]]:
        """Explicit claims grouped by (subject id, property)."""
        index: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for claim in self.dataset.claims:
            index[(claim.about, claim.property)].append(claim)
        return dict(index)

    def first_date(self, treaty: Treaty, event_type: str) -> HistDate | None:
        """The date of the treaty's first dated event of one type, in the order written."""
        for event in treaty.events:
            if event.type == event_type and event.date is not None:
                return event.date
        return None

    @cached_property
    def cross_source(self) -> CrossSource:
        """Every statement grouped by (subject, property) and compared across sources."""
        from .claims import analyse

        return analyse(self)

    @cached_property
    def denotation(self) -> Denotation:
        """What names denote at a date (unambiguous lookups, predecessors, treaty dates)."""
        from ._denotation import Denotation

        return Denotation(self)

    @cached_property
    def claim_index(self) -> ClaimIndex:
        """The claims by what they are about, with comparison keys (the cross-source rules)."""
        from ._grouping import ClaimIndex

        return ClaimIndex(self)

    @cached_property
    def treaty_references(self) -> list[tuple[EntityKind, str, Treaty, Steps, str]]:
        """References in the treaties that are not ids of their kind (kind, ref, treaty,
        steps, subject): parties, event places and ``by``, duplicates too, in the order
        written. Nearly every reference is an id; TC101 and TC505 look only at these."""
        found: list[tuple[EntityKind, str, Treaty, Steps, str]] = []
        polities, places = self.polities, self.places
        ids = polities.__contains__
        for treaty in self.dataset.treaties:
            if not all(map(ids, treaty.parties)):  # the usual list of ids is passed at C speed
                for i, ref in enumerate(treaty.parties):
                    if ref not in polities:
                        found.append(("polity", ref, treaty, ("parties", i), treaty.id))
            for i, event in enumerate(treaty.events):
                if event.place is not None and event.place not in places:
                    found.append(("place", event.place, treaty, ("events", i, "place"), treaty.id))
                if event.by is not None and event.by not in polities:
                    found.append(("polity", event.by, treaty, ("events", i, "by"), treaty.id))
        return found


def all_checks() -> tuple[Check, ...]:
    """Every rule function of every family, in catalogue order of families."""
    from .rules.registry import CHECKS

    return CHECKS


def check_reference(dataset: Dataset, reference: str | None) -> None:
    """Raise UsageError when ``reference`` is given but is not a source of the dataset."""
    if reference is not None and reference not in {s.id for s in dataset.sources}:
        known = sorted(s.id for s in dataset.sources)
        hint = closest(reference, known)
        raise UsageError(
            f"--reference {reference!r} is not a source of this dataset"
            + (f"; did you mean {hint!r}?" if hint else "")
            + (f" (sources: {', '.join(known)})" if known and not hint else "")
        )


def run(
    dataset: Dataset,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    reference: str | None = None,
    today: _dt.date | None = None,
    jobs: int = 1,
) -> Report:
    """Run the selected rules over a loaded dataset and return the sorted report.

    With ``jobs`` above 1, the per-subject rules run in that many processes
    (see :mod:`treatycheck.parallel`); the report is the same.
    """
    codes = select_codes(select, ignore)
    check_reference(dataset, reference)
    ctx = Context(dataset, reference=reference, today=today)
    findings: list[Finding] = [f for f in dataset.findings if f.code in codes]
    checks = [check for check in all_checks() if check.codes & codes]
    if jobs > 1:
        from .parallel import run_checks

        findings.extend(run_checks(ctx, checks, codes, jobs))
    else:
        for check in checks:
            findings.extend(f for f in check.run(ctx) if f.code in codes)
    scorecard = ctx.cross_source.scorecard() if codes & SCORECARD_CODES else {}
    return Report.build(
        findings,
        files=len(dataset.files),
        records=dataset.record_count,
        sources=scorecard,
        tool_version=TOOL_VERSION,
        dataset=dataset,
        reference=ctx.reference,
    )


def _bounds(span: Interval | NameSpan | Office) -> Iterator[tuple[str, HistDate]]:
    """The given ends of a span: ``("from", start)`` and ``("to", end)``."""
    if span.from_ is not None:
        yield "from", span.from_
    if span.to is not None:
        yield "to", span.to


def iter_dates(
    ctx: Context, after: int = MIN_DAY - 1
) -> Iterator[tuple[Any, tuple[str | int, ...], Any, str]]:
    """Every date in the dataset: (record, steps to it, the HistDate, what it is).

    With ``after`` (a day number), only the dates whose earliest day is later:
    the others are passed over before their steps and description are made.
    """
    data = ctx.dataset
    for source in data.sources:
        published = source.published
        if published is not None and published.earliest > after:
            yield source, ("published",), published, f"source {source.id} published"
    for polity in data.polities:
        if polity.exists is not None:
            for key, value in _bounds(polity.exists):
                if value.earliest > after:
                    yield polity, ("exists", key), value, f"{polity.id} exists.{key}"
        for i, span in enumerate(polity.names):
            for key, value in _bounds(span):
                if value.earliest > after:
                    yield polity, ("names", i, key), value, f"name {span.name!r} {key}"
    for person in data.people:
        for i, office in enumerate(person.offices):
            for key, value in _bounds(office):
                if value.earliest > after:
                    yield person, ("offices", i, key), value, f"{person.id} office {key}"
    for treaty in data.treaties:
        for i, event in enumerate(treaty.events):
            date = event.date
            if date is not None and date.earliest > after:
                yield treaty, ("events", i, "date"), date, f"{treaty.id}.{event.type}"
    for claim in data.claims:
        said = claim.value
        if (
            isinstance(said, HistDate)
            and said.earliest > after
            and claim.property.endswith((".date", "exists.from", "exists.to"))
        ):
            yield claim, ("value",), said, f"claim on {claim.about} {claim.property}"
