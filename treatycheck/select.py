"""The assertion ``select`` language: which treaties a selection matches.

A :class:`~treatycheck.models.Select` filters treaties by ``kind``, ``party``,
``parties``, ``group`` (with an optional ``variant``), ``event`` and date
bounds (``before``, ``after``, ``within``). :func:`select_treaties` is a pure
function of a :class:`~treatycheck.engine.Context` and a select: it reads
only the dataset's records, evaluates nothing as code and never raises for
bad data.

Date bounds are three-valued. A treaty whose event date definitely satisfies
every bound is *matched*; one that definitely fails a bound is *outside*;
one whose date is too coarse (or missing) to tell is a *possible* match, and
a verdict that depends on it is undetermined.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from .dates import HistDate, Tri, within
from .engine import Context, EntityKind
from .models import Event, Select, Treaty

__all__ = [
    "EventChoice",
    "Match",
    "Selection",
    "after_period",
    "before_period",
    "bound_verdict",
    "choose_event",
    "describe_bounds",
    "group_members",
    "resolve_loosely",
    "select_treaties",
]


@dataclass(frozen=True, slots=True)
class EventChoice:
    """The event of one type that a reference ``<treaty>.<type>`` stands for.

    When a treaty has several events of the type (ratified by each party),
    the one with the earliest known date is chosen and ``of_many`` says how
    many there were.
    """

    treaty: Treaty
    event_type: str
    index: int | None
    """Position of the chosen event in ``treaty.events``; None when the treaty has none."""
    event: Event | None
    of_many: int = 1

    @property
    def date(self) -> HistDate | None:
        """The chosen event's date (None when the event or its date is missing)."""
        return self.event.date if self.event is not None else None

    @property
    def ref(self) -> str:
        """``<treaty>.<type>``."""
        return f"{self.treaty.id}.{self.event_type}"

    @property
    def note(self) -> str | None:
        """Why this event was chosen, when the treaty has several of the type."""
        if self.of_many < 2:
            return None
        return f"{self.ref} is the earliest-dated of {self.of_many} {self.event_type} events"


def choose_event(treaty: Treaty, event_type: str) -> EventChoice:
    """The treaty's event of ``event_type`` with the earliest known date."""
    candidates = [(i, e) for i, e in enumerate(treaty.events) if e.type == event_type]
    if not candidates:
        return EventChoice(treaty, event_type, None, None, 0)
    dated = [(e.date.earliest, e.date.latest, i) for i, e in candidates if e.date is not None]
    index = min(dated)[2] if dated else candidates[0][0]
    event = treaty.events[index]
    return EventChoice(treaty, event_type, index, event, len(candidates))


@dataclass(frozen=True, slots=True)
class Match:
    """A treaty considered by a selection, its event and its counterparties."""

    treaty: Treaty
    choice: EventChoice
    counterparties: tuple[str, ...]
    """Parties other than ``party``/``parties``, restricted to the group's members."""
    in_bounds: Tri
    """Whether the event date satisfies the date bounds (True when there are none)."""

    @property
    def date(self) -> HistDate | None:
        """The date the bounds were checked against."""
        return self.choice.date


@dataclass(frozen=True, slots=True)
class Selection:
    """What a select matched, could match, and left out only because of its dates."""

    select: Select
    matched: tuple[Match, ...] = ()
    """Treaties that definitely match (date bounds definitely satisfied)."""
    possible: tuple[Match, ...] = ()
    """Treaties that match unless their date falls outside a bound: too coarse to tell."""
    failed_bounds: tuple[tuple[Treaty, tuple[str, ...], EventChoice], ...] = ()
    """Treaties of the right kind and parties whose date definitely fails a bound:
    (treaty, its party ids, the event checked). See :attr:`outside`."""
    members: frozenset[str] | None = None
    """Polity ids the counterparties are restricted to (the group or variant), if any."""
    anchors: tuple[str, ...] = ()
    """The resolved ``party`` and ``parties``."""
    unresolved: tuple[str, ...] = ()
    """References that did not resolve; the select cannot be evaluated (TC101 reports them)."""
    readings: tuple[str, ...] = ()
    """Near misses read as the one name they are close to (TC505 reports them)."""

    @property
    def outside(self) -> tuple[Match, ...]:
        """Treaties that pass every filter except a date bound they definitely fail."""
        out = []
        for treaty, parties, choice in self.failed_bounds:
            others = [p for p in parties if p not in self.anchors]
            if self.members is not None:
                others = [p for p in others if p in self.members]
                if not others:
                    continue
            out.append(Match(treaty, choice, tuple(sorted(others)), False))
        return tuple(sorted(out, key=_sort_key))

    @property
    def ok(self) -> bool:
        """Whether every reference of the select resolved."""
        return not self.unresolved

    @property
    def counterparties(self) -> tuple[str, ...]:
        """Counterparties of the definite matches, sorted."""
        return tuple(sorted({c for m in self.matched for c in m.counterparties}))

    @property
    def possible_counterparties(self) -> tuple[str, ...]:
        """Counterparties only possible matches bring, sorted."""
        definite = set(self.counterparties)
        return tuple(sorted({c for m in self.possible for c in m.counterparties} - definite))


def resolve_loosely(ctx: Context, kind: EntityKind, ref: str) -> tuple[str | None, str | None]:
    """Resolve a reference; a name with exactly one near miss is read as that name.

    Returns the id (or None) and, when a near miss was used, a sentence saying so.
    """
    resolution = ctx.resolve(kind, ref)
    if resolution.id is not None:
        return resolution.id, None
    if resolution.by_name and len(resolution.suggestions) == 1:
        suggested = ctx.resolve(kind, resolution.suggestions[0]).id
        if suggested is not None:
            return (
                suggested,
                f"'{ref}' is read as {suggested} (near miss of '{resolution.suggestions[0]}')",
            )
    return None, None


def group_members(ctx: Context, group_ref: str, variant: str | None) -> frozenset[str] | None:
    """The polity ids of a group (or of one of its variants); None when unknown."""
    group = ctx.groups.get(group_ref)
    if group is None:
        return None
    if variant is None:
        refs: Iterable[str] = group.members
    elif variant in group.variants:
        refs = group.variants[variant]
    else:
        return None
    out = set()
    for ref in refs:
        polity = ctx.resolve("polity", ref).id
        if polity is not None:
            out.add(polity)
    return frozenset(out)


def before_period(date: HistDate, bound: HistDate) -> Tri:
    """Whether the day ``date`` fell before the period ``bound`` began.

    A bound is a period, not an uncertain day: "before July 1932" means before
    1932-07-01, so 1932-07-25 is definitely not before it.
    """
    return before_period_days(date, bound.earliest)


def after_period(date: HistDate, bound: HistDate) -> Tri:
    """Whether the day ``date`` fell after the period ``bound`` ended."""
    if date.earliest > bound.latest:
        return True
    if date.latest <= bound.latest:
        return False
    return None


def bound_verdict(select: Select, date: HistDate | None) -> Tri:
    """Whether an event date satisfies the select's date bounds (three-valued)."""
    return _BoundTest(select)(date)


class _BoundTest:
    """A select's date bounds as day numbers, checked without re-reading the select."""

    __slots__ = ("after_end", "before_start", "bounded", "within_span")

    def __init__(self, select: Select) -> None:
        self.before_start = select.before.earliest if select.before is not None else None
        self.after_end = select.after.latest if select.after is not None else None
        self.within_span = (
            (select.within.earliest, select.within.latest) if select.within is not None else None
        )
        self.bounded = (
            select.before is not None or select.after is not None or select.within is not None
        )

    def __call__(self, date: HistDate | None) -> Tri:
        """Kleene conjunction of the bounds: a definite failure wins over unknown."""
        if not self.bounded:
            return True
        if date is None:
            return None
        result: Tri = True
        if self.before_start is not None:
            verdict = before_period_days(date, self.before_start)
            if verdict is False:
                return False
            if verdict is None:
                result = None
        if self.after_end is not None:
            if date.latest <= self.after_end:
                return False
            if date.earliest <= self.after_end:
                result = None
        if self.within_span is not None:
            low, high = self.within_span
            verdict = within(date, low, high)
            if verdict is False:
                return False
            if verdict is None:
                result = None
        return result


def before_period_days(date: HistDate, start: int) -> Tri:
    """Whether the day ``date`` fell before day number ``start``."""
    if date.latest < start:
        return True
    if date.earliest >= start:
        return False
    return None


def describe_bounds(select: Select) -> str:
    """The date bounds in words: ``signed before 1932-01-01``; empty when there are none."""
    parts = []
    if select.before is not None:
        parts.append(f"before {select.before.text}")
    if select.after is not None:
        parts.append(f"after {select.after.text}")
    if select.within is not None:
        parts.append(f"within {select.within.text}")
    if not parts:
        return ""
    return f"{select.event} {' and '.join(parts)}"


def _kinds(select: Select) -> frozenset[str] | None:
    if select.kind is None:
        return None
    return frozenset([select.kind] if isinstance(select.kind, str) else select.kind)


def _sort_key(match: Match) -> tuple[int, int, str]:
    date = match.date
    if date is None:
        return (1 << 30, 1 << 30, match.treaty.id)
    return (date.earliest, date.latest, match.treaty.id)


@dataclass(frozen=True, slots=True)
class _Row:
    treaty: Treaty
    parties: tuple[str, ...]
    party_set: frozenset[str]


class _TreatyIndex:
    """Treaties (first definitions) with resolved parties, by party and by kind."""

    def __init__(self, ctx: Context) -> None:
        self.rows: list[_Row] = []
        self.by_party: dict[str, list[_Row]] = defaultdict(list)
        self.by_kind: dict[str | None, list[_Row]] = defaultdict(list)
        self.choices: dict[tuple[str, str], EventChoice] = {}
        for treaty in ctx.treaties.values():
            parties = tuple(dict.fromkeys(ctx.party_ids(treaty)))
            row = _Row(treaty, parties, frozenset(parties))
            self.rows.append(row)
            self.by_kind[treaty.kind].append(row)
            for party in parties:
                self.by_party[party].append(row)

    def choice(self, treaty: Treaty, event_type: str) -> EventChoice:
        key = (treaty.id, event_type)
        found = self.choices.get(key)
        if found is None:
            found = self.choices[key] = choose_event(treaty, event_type)
        return found

    def candidates(self, anchors: Sequence[str], kinds: frozenset[str] | None) -> list[_Row]:
        """The smallest list of rows that must contain every match, in dataset order."""
        options = [self.by_party.get(anchor, []) for anchor in anchors]
        if kinds is not None:
            by_kind = [row for kind in kinds for row in self.by_kind.get(kind, [])]
            if len(kinds) > 1:
                order = {id(row): i for i, row in enumerate(self.rows)}
                by_kind.sort(key=lambda row: order[id(row)])
            options.append(by_kind)
        return min(options, key=len) if options else self.rows


_INDEXES: WeakKeyDictionary[Context, _TreatyIndex] = WeakKeyDictionary()


def _index(ctx: Context) -> _TreatyIndex:
    """The treaty index of a context, built once per context."""
    found = _INDEXES.get(ctx)
    if found is None:
        found = _INDEXES[ctx] = _TreatyIndex(ctx)
    return found


def select_treaties(ctx: Context, select: Select) -> Selection:
    """Apply a select to the dataset's treaties.

    ``party`` and ``parties`` resolve through the name registry; a treaty must
    have all of them. Counterparties are the treaty's other parties; with a
    ``group`` they are restricted to its members (or the variant's), and a
    treaty with no counterparty in the group does not match. Without any
    date bound, ``event`` is not a filter. Matches are in date order.
    """
    unresolved: list[str] = []
    readings: list[str] = []
    anchors: list[str] = []
    for ref in ([select.party] if select.party is not None else []) + list(select.parties or []):
        polity, reading = resolve_loosely(ctx, "polity", ref)
        if polity is None:
            unresolved.append(ref)
            continue
        if reading is not None:
            readings.append(reading)
        anchors.append(polity)
    members: frozenset[str] | None = None
    if select.group is not None:
        members = group_members(ctx, select.group, select.variant)
        if members is None:
            unresolved.append(select.group if select.variant is None else select.variant)
    anchor_tuple = tuple(dict.fromkeys(anchors))
    if unresolved:
        return Selection(
            select, members=members, anchors=anchor_tuple, unresolved=tuple(unresolved)
        )

    kinds = _kinds(select)
    index = _index(ctx)
    test = _BoundTest(select)
    matched: list[Match] = []
    possible: list[Match] = []
    failed: list[tuple[Treaty, tuple[str, ...], EventChoice]] = []
    for row in index.candidates(anchor_tuple, kinds):
        treaty = row.treaty
        if kinds is not None and treaty.kind not in kinds:
            continue
        if not row.party_set.issuperset(anchor_tuple):
            continue
        choice = index.choice(treaty, select.event)
        verdict = test(choice.date)
        if verdict is False:
            failed.append((treaty, row.parties, choice))  # group filter applied on demand
            continue
        others = [p for p in row.parties if p not in anchor_tuple]
        if members is not None:
            others = [p for p in others if p in members]
            if not others:
                continue
        match = Match(treaty, choice, tuple(sorted(others)), verdict)
        (matched if verdict else possible).append(match)
    return Selection(
        select,
        matched=tuple(sorted(matched, key=_sort_key)),
        possible=tuple(sorted(possible, key=_sort_key)),
        failed_bounds=tuple(failed),
        members=members,
        anchors=anchor_tuple,
        readings=tuple(readings),
    )
