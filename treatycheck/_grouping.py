"""Statements grouped by (subject, property): who states which value.

:func:`claims_by_subject` sorts the explicit claims by subject and property
(one pass, no comparison keys yet). :func:`every_group` builds every group of
a dataset in the order the cross-source pass compares them; the pass itself
(:func:`treatycheck.claims.analyse`) builds a group only when its values do
not simply agree, with :func:`claimed_group` and :func:`collect`, and uses
:func:`every_group` only for :attr:`CrossSource.groups
<treatycheck.claims.CrossSource.groups>`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, Final

from ._gc import paused as paused_gc
from ._names import name_key
from ._values import Group, Statement, Steps, ValueKind, value_kind
from .dates import HistDate
from .models import EVENT_TYPES, Claim, Polity, Treaty

if TYPE_CHECKING:
    from .claims import CrossSource
    from .engine import Context

__all__ = [
    "DAY_BITS",
    "PROPERTIES",
    "ClaimIndex",
    "Claimed",
    "Entries",
    "Tally",
    "claim_statements",
    "claimed_group",
    "claims_by_property",
    "claims_by_subject",
    "collect",
    "count_events",
    "count_treaty",
    "every_group",
    "polity_fields",
    "property_facts",
    "treaty_fields",
]


class Tally:
    """One source's counts for the scorecard."""

    __slots__ = ("claims", "counts", "explicit")

    def __init__(self) -> None:
        self.claims = 0
        self.explicit = 0
        self.counts = [0, 0, 0, 0]  # agree, refine, compatible, conflict


Claimed = dict[str, dict[str, list[Claim]]]
"""Explicit claims: subject id -> property -> claims, in the order written."""

RECORD_FIELDS: Final = frozenset({"parties", "kind", "form", "title"})
"""Properties that are fields of the treaty record itself (not of an event)."""

PropertyFacts = tuple[str, ValueKind, str | None, str]
PROPERTIES: dict[str, PropertyFacts] = {}
"""What the pass needs to know of each property seen (see :func:`property_facts`); the hot
loops look here before calling it."""


def property_facts(prop: str) -> PropertyFacts:
    """The property as one string object per distinct property (hashed and compared in
    cache, by identity), its kind and, for an event's property, the event type and the
    field (``date`` or ``place``; None and the whole property for a record field)."""
    found = PROPERTIES.get(prop)
    if found is None:
        event_type, _, name = prop.partition(".")
        found = PROPERTIES[prop] = (
            prop,
            value_kind(prop),
            None if prop in RECORD_FIELDS else event_type,
            name,
        )
    return found


Entries = list[Any]
"""The claims about one treaty as the pass needs them, four items per claim, flat (no
tuple per claim): property, source, what it says, the claim. What it says is the
comparison key, except that a date is one number (see :data:`DAY_BITS`)."""

DAY_BITS: Final = 22
"""Day ordinals (at most 3,652,059, 9999-12-31) fit in this many bits, so a date's
interval is one number, ``earliest << DAY_BITS | latest``: equal numbers, equal
intervals. The hot loops write that expression out."""

_UNKNOWN: Final[Any] = object()
_NEVER: Final = 10**9  # a day after every date
_PartiesKey = tuple[frozenset[str] | None, int, tuple[int, int] | None]
_UNRESOLVED: Final = 1  # a name that denotes nothing: TC505 looks at it
_POLITY_NAME: Final = 2  # a polity called by a name that was valid only for a time: TC303


class ClaimIndex:
    """The claims sorted by what they are about, with their comparison keys.

    Built in one pass over the claims, in the order written, and shared by
    the cross-source rules (``Context.claim_index``): the comparison visits
    the treaties in order and finds each one's claims here; TC303 and TC505
    look only at the claims whose names need a closer look.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.names = ctx.denotation
        self._places: dict[str, tuple[str, int]] = {}
        self._parties: dict[tuple[Any, ...], _PartiesKey] = {}
        self._party_names: dict[str, tuple[str | None, int, tuple[int, int] | None]] = {}
        self.about_treaties: list[Entries | None] = []
        """Per treaty (in the order of ``ctx.treaties``): its claims, or None."""
        self.others: Claimed = {}
        """Claims about polities and about no known record, by subject and property."""
        self.unresolved: list[Claim] = []
        """Place and party claims with a name that denotes nothing (for TC505)."""
        self.polity_names: list[tuple[Claim, tuple[int, int] | None]] = []
        """Place and party claims about a treaty (their ``about`` is its id) that name a
        polity by a name (for TC303), with, for party lists, days on which every name was
        certainly valid (see :meth:`_party`)."""
        with paused_gc():
            self._sort()

    # -- comparison keys ---------------------------------------------------------

    def key(self, kind: ValueKind, value: Any, subject: str) -> Any:
        """The comparison key of a value of the given kind (see :class:`Statement`)."""
        if kind == "date":
            if isinstance(value, HistDate):
                return (value.earliest, value.latest)
            return "text:" + str(value)
        if kind == "parties":
            items = tuple(value) if isinstance(value, list) else (value,)
            if all(map(self.ctx.polities.__contains__, items)):
                return frozenset(items)  # ids (the usual record) stand for themselves
            key = self._parties_key(items)[0]
            if key is None:  # a name that may stand for a predecessor at the treaty's date
                day = self.names.treaty_day(subject)
                key = frozenset(self.names.party_key(str(item), day) for item in items)
            return key
        if kind == "place":
            return self._place_key(str(value))[0]
        return name_key(str(value))

    def _place_key(self, text: str) -> tuple[str, int]:
        """A place's key, and what the name rules should know about it."""
        found = self._places.get(text)
        if found is None:
            names = self.names
            place = names.lookup("place", text)
            polity = names.lookup("polity", text)
            key = place or polity
            flags = 0
            if key is None:
                key = "text:" + name_key(text)
                flags |= _UNRESOLVED
            if place is None and self._may_be_anachronistic(text):
                flags |= _POLITY_NAME
            found = self._places[text] = (key, flags)
        return found

    def _parties_key(self, items: tuple[Any, ...]) -> _PartiesKey:
        """A party list's key whatever the date (None when it depends on the date), what
        the name rules should know about it, and days on which every name of it was
        certainly valid (see :meth:`_party`)."""
        found = self._parties.get(items)
        if found is None:
            keys: list[str] | None = []
            flags = 0
            first, last = 0, _NEVER
            simple = True
            for item in items:
                key, its_flags, window = self._party(str(item))
                if key is None or keys is None:
                    keys = None
                else:
                    keys.append(key)
                flags |= its_flags
                if window is None:
                    simple = False
                elif simple:
                    first, last = max(first, window[0]), min(last, window[1])
            found = self._parties[items] = (
                None if keys is None else frozenset(keys),
                flags,
                (first, last) if simple else None,
            )
        return found

    def _party(self, ref: str) -> tuple[str | None, int, tuple[int, int] | None]:
        """One party's key (None when it depends on the date), flags and window: days
        (first, last) such that a treaty day ending on or after ``first`` and starting
        on or before ``last`` certainly does not make the name anachronistic (see
        :func:`treatycheck.rules.sources._anachronism`); None when no such simple
        test exists."""
        found = self._party_names.get(ref)
        if found is None:
            names = self.names
            polity = names.lookup("polity", ref)
            flags = 0
            key: str | None = polity
            if polity is None:
                flags |= _UNRESOLVED
                key = "text:" + name_key(ref)
            elif polity != ref and names.has_predecessors(polity):
                key = None
            window: tuple[int, int] | None = (0, _NEVER)
            validity = None if ref in self.ctx.polities else names.name_validity(ref)
            if validity is not None:
                flags |= _POLITY_NAME
                _, ranges, start = validity
                if len(ranges) != 1:
                    window = None
                else:
                    low, high = ranges[0]
                    window = (max(low, start if start is not None else low), high)
            found = self._party_names[ref] = (key, flags, window)
        return found

    def _may_be_anachronistic(self, text: str) -> bool:
        return text not in self.ctx.polities and self.names.name_validity(text) is not None

    # -- the pass ------------------------------------------------------------------

    def _sort(self) -> None:
        ctx = self.ctx
        positions = {treaty_id: n for n, treaty_id in enumerate(ctx.treaties)}
        about_treaties: list[Entries | None] = [None] * len(positions)
        polities = ctx.polities
        unresolved, polity_names = self.unresolved, self.polity_names
        places, parties = self._places, self._parties
        known = PROPERTIES
        sources: dict[str, str] = {}
        for claim in ctx.dataset.claims:
            about = claim.about
            at = positions.get(about)
            # One string object per distinct property and source: the comparison then
            # hashes and compares them in cache, by identity.
            prop, kind, _, _ = known.get(claim.property) or property_facts(claim.property)
            value = claim.value
            if kind == "date":
                said: Any = (
                    value.earliest << DAY_BITS | value.latest  # see DAY_BITS
                    if type(value) is HistDate
                    else "text:" + str(value)
                )
            elif kind == "place" and isinstance(value, str):
                said, flags = places.get(value) or self._place_key(value)
                if flags:
                    if flags & _UNRESOLVED:
                        unresolved.append(claim)
                    if flags & _POLITY_NAME and at is not None:
                        polity_names.append((claim, None))
            elif kind == "parties" and isinstance(value, list):
                # None when the key depends on the date: computed below, with the subject
                items = tuple(value)
                said, flags, window = parties.get(items) or self._parties_key(items)
                if flags:
                    if flags & _UNRESOLVED:
                        unresolved.append(claim)
                    if flags & _POLITY_NAME and at is not None:
                        polity_names.append((claim, window))
            else:
                said = None  # computed below, once the subject is known
            if at is None:
                if about not in polities:
                    about = self.subject_of(about)
                    at = positions.get(about)  # a polity name that is also a treaty id
                if at is None:
                    by_property = self.others.setdefault(about, {})
                    by_property.setdefault(prop, []).append(claim)
                    continue
            if said is None:
                said = self.key(kind, value, about)
            source = sources.get(claim.source)
            if source is None:
                source = sources[claim.source] = claim.source
            entries = about_treaties[at]
            if entries is None:
                about_treaties[at] = [prop, source, said, claim]
            else:
                entries += (prop, source, said, claim)
        self.about_treaties = about_treaties

    def subject_of(self, about: str) -> str:
        """The id a claim is about: a treaty or polity id, or a polity name."""
        if about in self.ctx.treaties or about in self.ctx.polities:
            return about
        return self.names.lookup("polity", about) or about


def claims_by_property(entries: Entries) -> dict[str, list[Claim]]:
    """The claims about one treaty (its entries) by property, in the order written."""
    by_property: dict[str, list[Claim]] = {}
    for at in range(0, len(entries), 4):
        by_property.setdefault(entries[at], []).append(entries[at + 3])
    return by_property


def claims_by_subject(result: CrossSource) -> Claimed:
    """The dataset's claims by subject (a claim's ``about``, resolved) and property."""
    index = result.ctx.claim_index
    grouped: Claimed = {}
    for treaty_id, entries in zip(result.ctx.treaties, index.about_treaties, strict=True):
        if entries is not None:
            grouped[treaty_id] = claims_by_property(entries)
    grouped.update(index.others)
    return grouped


_VALUE_STEPS: Final[Steps] = ("value",)
_statement: Final = tuple.__new__  # Statement(...) without the Python-level __new__


def claim_statements(
    result: CrossSource, subject: str, prop: str, claims: list[Claim]
) -> list[Statement]:
    """The claims of one group as statements, each stated by its source."""
    kind = value_kind(prop)
    key = result.key
    return [
        _statement(
            Statement,
            (
                (claim.source,),
                key(kind, claim.value, subject),
                claim.value,
                claim,
                _VALUE_STEPS,
                True,
            ),
        )
        for claim in claims
    ]


def count_treaty(tally: MutableMapping[str, Tally], base: tuple[str, ...], treaty: Treaty) -> bool:
    """Count a treaty's values for its sources; True when some value has several sources.

    ``base`` is the treaty's own sources (else the reference).
    """
    fields, several = count_events(tally, base, treaty)
    for source in base:
        tally[source].claims += fields
    return several


def count_events(
    tally: MutableMapping[str, Tally], base: tuple[str, ...], treaty: Treaty
) -> tuple[int, bool]:
    """Count the values of events with sources of their own for those sources.

    Returns how many values the treaty's own sources (``base``) state, left
    for the caller to count, and whether some value has several sources.
    """
    fields = (
        bool(treaty.parties)
        + (treaty.kind is not None)
        + (treaty.form is not None)
        + (treaty.title is not None)
    )
    several = len(base) > 1
    for event in treaty.events:
        count = (event.date is not None) + (event.place is not None)
        if event.sources:
            several = several or len(event.sources) > 1
            for source in event.sources:
                tally[source].claims += count
        else:
            fields += count
    return fields, several


def record_values(
    result: CrossSource, treaty: Treaty, prop: str, base: tuple[str, ...]
) -> list[Statement]:
    """The treaty record's statements of one property (each event of its type counts)."""
    kind = value_kind(prop)
    if prop in RECORD_FIELDS:
        value = getattr(treaty, prop)
        if not value:
            return []
        return [Statement(base, result.key(kind, value, treaty.id), value, treaty, (prop,), False)]
    event_type, _, name = prop.partition(".")
    found = []
    for index, event in enumerate(treaty.events):
        if event.type != event_type:
            continue
        value = event.date if name == "date" else event.place
        if value is None:
            continue
        sources = tuple(event.sources) if event.sources else base
        if type(value) is HistDate:
            key: Any = (value.earliest, value.latest)
        else:
            key = result.key(kind, value, treaty.id)
        found.append(Statement(sources, key, value, treaty, ("events", index, name), False))
    return found


def claimed_group(
    result: CrossSource, treaty: Treaty, prop: str, claims: list[Claim], base: tuple[str, ...]
) -> Group:
    """The group of one claimed property of a treaty whose values each have one source."""
    return Group(
        treaty.id,
        prop,
        value_kind(prop),
        record_values(result, treaty, prop, base),
        claim_statements(result, treaty.id, prop, claims),
    )


_Field = tuple[str, Any, tuple[str, ...], Steps]  # property, value, sources, steps
_DATE: Final = {event: f"{event}.date" for event in EVENT_TYPES}
"""The date property of each event type (``signed`` -> ``signed.date``)."""
_PLACE: Final = {event: f"{event}.place" for event in EVENT_TYPES}
"""The place property of each event type."""


def treaty_fields(base: tuple[str, ...], treaty: Treaty) -> list[_Field]:
    """Every value of a treaty record with the sources that state it."""
    fields: list[_Field] = []
    if treaty.parties:
        fields.append(("parties", treaty.parties, base, ("parties",)))
    for name in ("kind", "form", "title"):
        value = getattr(treaty, name)
        if value is not None:
            fields.append((name, value, base, (name,)))
    for index, event in enumerate(treaty.events):
        sources = tuple(event.sources) if event.sources else base
        if event.date is not None:
            date = _DATE[event.type]
            fields.append((date, event.date, sources, ("events", index, "date")))
        if event.place is not None:
            place = _PLACE[event.type]
            fields.append((place, event.place, sources, ("events", index, "place")))
    return fields


def polity_fields(reference: str | None, polity: Polity) -> list[_Field]:
    """A polity's ``exists`` dates with the sources that state them."""
    if polity.exists is None:
        return []
    if polity.sources:
        sources: tuple[str, ...] = tuple(polity.sources)
    else:
        sources = (reference,) if reference else ()
    fields: list[_Field] = []
    if polity.exists.from_ is not None:
        fields.append(("exists.from", polity.exists.from_, sources, ("exists", "from")))
    if polity.exists.to is not None:
        fields.append(("exists.to", polity.exists.to, sources, ("exists", "to")))
    return fields


def collect(
    result: CrossSource,
    owner: Treaty | Polity,
    fields: list[_Field],
    claims: Mapping[str, list[Claim]],
) -> Iterator[Group]:
    """The groups of a record whose values are claimed or stated by several sources."""
    record: dict[str, list[Statement]] = {}
    subject = owner.id
    for prop, value, sources, steps in fields:
        if len(sources) < 2 and prop not in claims:
            continue  # stated by one source and claimed by none: nothing to compare
        key = result.key(value_kind(prop), value, subject)
        statement = Statement(sources, key, value, owner, steps, False)
        if prop in record:
            record[prop].append(statement)
        else:
            record[prop] = [statement]
    for prop in dict.fromkeys([*record, *claims]):
        stated = claims.get(prop)
        yield Group(
            subject,
            prop,
            value_kind(prop),
            record.get(prop, []),
            claim_statements(result, subject, prop, stated) if stated else [],
        )


def claimed_groups(
    result: CrossSource, treaty: Treaty, claims: Mapping[str, list[Claim]], base: tuple[str, ...]
) -> Iterator[Group]:
    """The groups of a treaty whose values each have one source: claimed properties only.

    Properties the record states come first, then those only claims state.
    """
    later = []
    for prop, stated in claims.items():
        group = claimed_group(result, treaty, prop, stated, base)
        if group.record:
            yield group
        else:
            later.append(group)
    yield from later


def other_groups(result: CrossSource, claimed: Claimed) -> Iterator[Group]:
    """The groups of polities, then of claims about no known record (``claimed`` is emptied)."""
    ctx = result.ctx
    for polity in ctx.polities.values():
        fields = polity_fields(result.reference, polity)
        yield from collect(result, polity, fields, claimed.pop(polity.id, {}))
    for subject, by_property in claimed.items():
        for prop, stated in by_property.items():
            statements = claim_statements(result, subject, prop, stated)
            yield Group(subject, prop, value_kind(prop), [], statements)
    claimed.clear()


def every_group(result: CrossSource) -> Iterator[Group]:
    """Every group of the dataset, in the order the pass compares them."""
    ctx = result.ctx
    claimed = claims_by_subject(result)
    uncounted: defaultdict[str, Tally] = defaultdict(Tally)
    for treaty in ctx.treaties.values():
        claims = claimed.pop(treaty.id, None)
        base = ctx.record_sources(treaty)
        if count_treaty(uncounted, base, treaty):
            yield from collect(result, treaty, treaty_fields(base, treaty), claims or {})
        elif claims is not None:
            yield from claimed_groups(result, treaty, claims, base)
    yield from other_groups(result, claimed)
