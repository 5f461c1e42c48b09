"""Cross-source claims: who states which value of a property, and how the values compare.

Every value in a dataset is a *statement* by one or more sources: an explicit
``claims:`` entry is stated by its ``source``; a field of a treaty or polity
record is stated by the record's sources (see :meth:`Context.record_sources`).
Statements are grouped by (subject, property) and compared by the kind of
value: dates as intervals (disjoint intervals conflict, a coarser value that
contains a finer one is a refinement), places and parties through the names
registry (Dorpat and Tartu agree), other fields as normalised text.

:func:`analyse` does the whole pass once per run (``Context.cross_source``):
it finds the pairs of sources that disagree, tallies each source's record for
the scorecard, and hands the disputes no reference source settles to
:mod:`treatycheck.consensus`. It reports nothing itself; ``rules/sources.py``
turns its conflicts into findings. ``docs/sources.md`` describes the method.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple

from ._gc import paused as paused_gc
from ._names import name_key
from .consensus import PRIOR_TRUST, Consensus, Dispute, solve
from .dates import HistDate
from .models import DATE_PROPERTIES_SUFFIX, EVENT_TYPES, Polity, Treaty

if TYPE_CHECKING:
    from ._denotation import Denotation
    from .dataset import Dataset
    from .engine import Context

__all__ = [
    "RELATIONS",
    "Conflict",
    "CrossSource",
    "Group",
    "Relation",
    "Statement",
    "ValueKind",
    "analyse",
    "relate",
    "source_report",
    "value_kind",
]

ValueKind = Literal["date", "place", "parties", "text"]
Relation = Literal["agree", "refine", "compatible", "conflict"]
RELATIONS: Final[tuple[Relation, ...]] = ("agree", "refine", "compatible", "conflict")
"""The relations between two values, from best to worst; only ``conflict`` disagrees."""
_RANK: Final = {name: rank for rank, name in enumerate(RELATIONS)}
_CONFLICT: Final = 3

Steps = tuple[str | int, ...]


def value_kind(prop: str) -> ValueKind:
    """How values of a property are compared."""
    kind = _KINDS.get(prop)
    if kind is None:
        kind = _KINDS[prop] = _value_kind(prop)
    return kind


_KINDS: dict[str, ValueKind] = {}


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


def _entails(kind: ValueKind, value: Any, candidate: Any) -> bool:
    """Whether a source stating ``value`` also supports ``candidate`` (a containing date)."""
    if value == candidate:
        return True
    return kind == "date" and candidate[0] <= value[0] and value[1] <= candidate[1]


def _gap(kind: ValueKind, a: Any, b: Any) -> int:
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


class _Tally:
    """One source's counts for the scorecard."""

    __slots__ = ("claims", "counts", "explicit")

    def __init__(self) -> None:
        self.claims = 0
        self.explicit = 0
        self.counts = [0, 0, 0, 0]  # agree, refine, compatible, conflict


class CrossSource:
    """The result of the cross-source pass over one dataset."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.reference: str | None = ctx.reference
        self.groups: list[Group] = []
        self.conflicts: list[Conflict] = []
        self.consensus: dict[tuple[str, str], Consensus] = {}
        self.trust: dict[str, float] = {}
        self._tally: dict[str, _Tally] = defaultdict(_Tally)
        self._evidence: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        self._disputes: list[Dispute] = []
        self.names: Denotation = ctx.denotation

    # -- display ---------------------------------------------------------------

    def show(self, group: Group, statement: Statement) -> str:
        """A statement's value for a message: as written for claims, by name for records."""
        written = statement.written
        if isinstance(written, HistDate):
            return written.text
        if group.kind == "parties":
            if statement.explicit:
                return ", ".join(str(item) for item in written)
            return ", ".join(self._show_ref(str(item)) for item in written)
        if group.kind == "place" and not statement.explicit:
            return self._show_ref(str(written))
        return str(written)

    def _show_ref(self, ref: str) -> str:
        if ref in self.ctx.polities or ref in self.ctx.places:
            return self.names.display_name(ref)
        return ref

    def show_key(self, group: Group, key: Any, first: Statement) -> str:
        """A candidate value for the consensus: a place by its name, else as first stated."""
        if group.kind == "place" and isinstance(key, str) and not key.startswith("text:"):
            return self.names.display_name(key)
        return self.show(group, first)

    # -- comparison keys -------------------------------------------------------

    def key(self, kind: ValueKind, value: Any, subject: str) -> Any:
        """The comparison key of a value of the given kind."""
        if kind == "date":
            if isinstance(value, HistDate):
                return (value.earliest, value.latest)
            return "text:" + str(value)
        if kind == "parties":
            items = value if isinstance(value, list) else [value]
            day = self.names.treaty_day(subject)
            return frozenset(self.names.party_key(str(item), day) for item in items)
        if kind == "place":
            text = str(value)
            found = self.names.lookup("place", text) or self.names.lookup("polity", text)
            return found if found is not None else "text:" + name_key(text)
        return name_key(str(value))

    def subject_of(self, about: str) -> str:
        """The id a claim is about: a treaty or polity id, or a polity name."""
        if about in self.ctx.treaties or about in self.ctx.polities:
            return about
        return self.names.lookup("polity", about) or about

    # -- scorecard ---------------------------------------------------------------

    def scorecard(self) -> dict[str, dict[str, Any]]:
        """Per source: claims, agreements, refinements, conflicts, agreement rate, trust."""
        names = sorted(set(self.ctx.sources) | set(self._tally))
        against = self.reference if self.reference is not None else "others"
        out: dict[str, dict[str, Any]] = {}
        for source_id in names:
            tally = self._tally.get(source_id) or _Tally()
            source = self.ctx.sources.get(source_id)
            agree, refine, compatible, conflict = tally.counts
            compared = agree + refine + compatible + conflict
            out[source_id] = {
                "kind": source.kind if source else None,
                "reliability": source.reliability if source else None,
                "reference": source_id == self.reference,
                "against": against,
                "claims": tally.claims,
                "explicit": tally.explicit,
                "compared": compared,
                "agreements": agree,
                "refinements": refine,
                "compatible": compatible,
                "conflicts": conflict,
                "agreement_rate": round((compared - conflict) / compared, 4) if compared else None,
                "trust": round(self.trust.get(source_id, self.prior(source_id)), 4),
            }
        return out

    def consensus_table(self) -> list[dict[str, Any]]:
        """Every disputed property without a reference value, ranked (JSON form)."""
        return [self.consensus[key].to_dict() for key in sorted(self.consensus)]

    def prior(self, source_id: str) -> float:
        """A source's initial trust: its ``reliability``, else 0.5."""
        source = self.ctx.sources.get(source_id)
        if source is not None and source.reliability is not None:
            return source.reliability
        return PRIOR_TRUST


# -- the pass ---------------------------------------------------------------------


def analyse(ctx: Context) -> CrossSource:
    """Group every statement, compare sources, tally the scorecard and rank disputes."""
    result = CrossSource(ctx)
    with paused_gc():  # many small objects, no cycles: see treatycheck._gc
        claimed = _claim_statements(result)
        _record_groups(result, claimed)
        for group in result.groups:
            _compare(result, group)
    evidence = {source: (judged[0], judged[1]) for source, judged in result._evidence.items()}
    names = set(evidence) | {s for dispute in result._disputes for s in dispute.sources}
    result.trust, result.consensus = solve(
        result._disputes, evidence, {s: result.prior(s) for s in names}
    )
    result._disputes = []
    return result


_Claimed = dict[str, dict[str, list[Statement]]]
"""Explicit claims as statements: subject id -> property -> statements."""


def _claim_statements(result: CrossSource) -> _Claimed:
    ctx = result.ctx
    claims = ctx.dataset.claims
    treaties, polities = ctx.treaties, ctx.polities
    key_of = result.key
    grouped: _Claimed = {}
    for claim in claims:
        about = claim.about
        subject = about if about in treaties or about in polities else result.subject_of(about)
        prop = claim.property
        kind = _KINDS.get(prop) or value_kind(prop)
        value = claim.value
        if kind == "date" and type(value) is HistDate:
            key: Any = (value.earliest, value.latest)
        else:
            key = key_of(kind, value, subject)
        statement = _statement(Statement, ((claim.source,), key, value, claim, _VALUE_STEPS, True))
        by_property = grouped.get(subject)
        if by_property is None:
            grouped[subject] = {prop: [statement]}
        elif prop in by_property:
            by_property[prop].append(statement)
        else:
            by_property[prop] = [statement]
    for source, count in Counter(claim.source for claim in claims).items():
        tally = result._tally[source]
        tally.claims += count
        tally.explicit += count
    return grouped


_VALUE_STEPS: Final[Steps] = ("value",)
_statement: Final = tuple.__new__  # Statement(...) without the Python-level __new__, per claim


def _record_groups(result: CrossSource, claimed: _Claimed) -> None:
    """Groups of record statements plus claims; lone record values are only counted."""
    ctx = result.ctx
    for treaty in ctx.treaties.values():
        claims = claimed.pop(treaty.id, None)
        if _count_treaty(result, treaty):
            _collect(result, treaty, _treaty_fields(ctx, treaty), claims or {})
        elif claims is not None:
            _add_groups(result, treaty.id, _claimed_fields(result, treaty, claims), claims)
    for polity in ctx.polities.values():
        fields = _polity_fields(ctx, polity)
        for _, _, sources, _ in fields:
            for source in sources:
                result._tally[source].claims += 1
        _collect(result, polity, fields, claimed.pop(polity.id, {}))
    for subject, by_property in claimed.items():  # claims about no known record
        for prop, statements in by_property.items():
            result.groups.append(Group(subject, prop, value_kind(prop), [], statements))


def _count_treaty(result: CrossSource, treaty: Treaty) -> bool:
    """Count a treaty's values for its sources; True when some value has several sources."""
    base = result.ctx.record_sources(treaty)
    tally = result._tally
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
    for source in base:
        tally[source].claims += fields
    return several


def _claimed_fields(
    result: CrossSource, treaty: Treaty, claims: dict[str, list[Statement]]
) -> dict[str, list[Statement]]:
    """Record statements of the properties some claim is about (each with one source)."""
    base = result.ctx.record_sources(treaty)
    out: dict[str, list[Statement]] = {}
    for prop in claims:
        kind = _KINDS.get(prop) or value_kind(prop)
        if prop in ("parties", "kind", "form", "title"):
            value = getattr(treaty, prop)
            if value:
                key = result.key(kind, value, treaty.id)
                out[prop] = [Statement(base, key, value, treaty, (prop,), False)]
            continue
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
                key = (value.earliest, value.latest)
            else:
                key = result.key(kind, value, treaty.id)
            found.append(Statement(sources, key, value, treaty, ("events", index, name), False))
        if found:
            out[prop] = found
    return out


_Field = tuple[str, Any, tuple[str, ...], Steps]  # property, value, sources, steps
_DATE: Final = {event: f"{event}.date" for event in EVENT_TYPES}
_PLACE: Final = {event: f"{event}.place" for event in EVENT_TYPES}


def _treaty_fields(ctx: Context, treaty: Treaty) -> list[_Field]:
    base = ctx.record_sources(treaty)
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
            fields.append((_DATE[event.type], event.date, sources, ("events", index, "date")))
        if event.place is not None:
            fields.append((_PLACE[event.type], event.place, sources, ("events", index, "place")))
    return fields


def _polity_fields(ctx: Context, polity: Polity) -> list[_Field]:
    if polity.exists is None:
        return []
    if polity.sources:
        sources: tuple[str, ...] = tuple(polity.sources)
    else:
        sources = (ctx.reference,) if ctx.reference else ()
    fields: list[_Field] = []
    if polity.exists.from_ is not None:
        fields.append(("exists.from", polity.exists.from_, sources, ("exists", "from")))
    if polity.exists.to is not None:
        fields.append(("exists.to", polity.exists.to, sources, ("exists", "to")))
    return fields


def _collect(
    result: CrossSource,
    owner: Treaty | Polity,
    fields: list[_Field],
    claims: dict[str, list[Statement]],
) -> None:
    """Group a record's values that are claimed or stated by several sources (counted already)."""
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
    _add_groups(result, subject, record, claims)


def _add_groups(
    result: CrossSource,
    subject: str,
    record: dict[str, list[Statement]],
    claims: dict[str, list[Statement]],
) -> None:
    for prop in dict.fromkeys([*record, *claims]):
        result.groups.append(
            Group(subject, prop, value_kind(prop), record.get(prop, []), claims.get(prop, []))
        )


# -- comparing the sources of one group ---------------------------------------------

_Witness = tuple[Statement, Statement]
"""A conflicting pair of statements: (the first source's, the second source's)."""


def _best(kind: ValueKind, key: Any, values: Sequence[Statement]) -> tuple[int, Statement]:
    """The closest relation of a key to any of the values, and the value it is closest to."""
    best_rank = 4
    nearest = values[0]
    nearest_gap = -1
    for value in values:
        rank = _RANK[relate(kind, key, value.key)]
        if rank < best_rank:
            best_rank, nearest = rank, value
            if rank == 0:
                break
        if rank == 3:
            gap = _gap(kind, key, value.key)
            if nearest_gap < 0 or gap < nearest_gap:
                nearest_gap = gap
                if best_rank == 3:
                    nearest = value
    return best_rank, nearest


def _pair(
    kind: ValueKind,
    claims_a: Sequence[Statement],
    values_a: Sequence[Statement],
    claims_b: Sequence[Statement],
    values_b: Sequence[Statement],
) -> tuple[int, _Witness | None]:
    """The worst relation between two sources, checking each one's claims against the other.

    Two record values are never compared with each other: the record is one
    statement set, however many sources it cites.
    """
    worst = 0
    witness: _Witness | None = None
    for claim in claims_a:
        rank, near = _best(kind, claim.key, values_b)
        worst = max(worst, rank)
        if rank == 3 and witness is None:
            witness = (claim, near)
    for claim in claims_b:
        rank, near = _best(kind, claim.key, values_a)
        worst = max(worst, rank)
        if rank == 3 and witness is None:
            witness = (near, claim)
    return worst, witness


def _compare(result: CrossSource, group: Group) -> None:
    """Compare the sources of one group: conflicts, scorecard tallies, trust evidence."""
    record = group.record
    if len(record) == 1:
        if len(group.claims) == 1 and len(record[0].sources) == 1:
            if _compare_one(result, group, record[0], group.claims[0]):
                return
        elif _all_agree(result, record[0], group.claims):
            return
    record_sources: set[str] = set()
    for statement in record:
        record_sources.update(statement.sources)
    claims: dict[str, list[Statement]] = {}
    for claim in group.claims:
        own = claims.get(claim.sources[0])
        if own is None:
            claims[claim.sources[0]] = [claim]
        else:
            own.append(claim)
    sources = sorted(record_sources.union(claims))
    if len(sources) < 2:
        return
    for source in record_sources:
        claims.setdefault(source, [])
    if len({statement.key for statement in record}) > 1:
        # Several record values (ratified by each party): a claim matching any of
        # them may be about that occurrence, so it conflicts with no source.
        values = {s: claims[s] + record for s in sources}
    else:
        values = {s: claims[s] + record if s in record_sources else claims[s] for s in sources}
    kind = group.kind
    tally = result._tally
    evidence = result._evidence
    ref = result.reference

    def pair(a: str, b: str) -> tuple[int, _Witness | None]:
        return _pair(kind, claims[a], values[a], claims[b], values[b])

    if ref is not None and ref in values:
        finer: list[str] = []
        for source in sources:
            if source == ref:
                continue
            rank, witness = pair(source, ref)
            tally[source].counts[rank] += 1
            judged = evidence[source]
            judged[0] += 0.0 if rank == 3 else 1.0
            judged[1] += 1.0
            if witness is not None:
                result.conflicts.append(
                    Conflict(group, source, witness[0], ref, witness[1], reference=True)
                )
            elif rank:
                finer.append(source)
        # Two sources that refine one reference value differently still contradict
        # each other (1920-07-12 and 1920-08-12 under a reference "1920").
        for i, first in enumerate(finer):
            for second in finer[i + 1 :]:
                clash = _within_one(kind, claims[first], claims[second], values[ref])
                if clash is not None:
                    result.conflicts.append(
                        Conflict(group, first, clash[0], second, clash[1], reference=False)
                    )
        return
    disputed = False
    for i, first in enumerate(sources):
        for second in sources[i + 1 :]:
            rank, witness = pair(first, second)
            if ref is None:
                tally[first].counts[rank] += 1
                tally[second].counts[rank] += 1
            if witness is not None:
                disputed = True
                result.conflicts.append(
                    Conflict(group, first, witness[0], second, witness[1], reference=False)
                )
    if disputed:
        result._disputes.append(_dispute(result, group, sources, values))
    else:
        for source in sources:
            judged = evidence[source]
            judged[0] += 1.0
            judged[1] += 1.0


def _all_agree(result: CrossSource, stated: Statement, claims: Sequence[Statement]) -> bool:
    """Tally a group whose claims all equal its one record value; False if they do not."""
    key = stated.key
    for claim in claims:
        if claim.key != key:
            return False
    sources = sorted({*stated.sources, *(claim.sources[0] for claim in claims)})
    ref = result.reference
    for source in sources:
        if ref is None:
            result._tally[source].counts[0] += len(sources) - 1
        elif ref in sources and source != ref:
            result._tally[source].counts[0] += 1
        if len(sources) > 1 and (source != ref or ref not in sources):
            judged = result._evidence[source]
            judged[0] += 1.0
            judged[1] += 1.0
    return True


def _within_one(
    kind: ValueKind,
    claims_a: Sequence[Statement],
    claims_b: Sequence[Statement],
    reference: Sequence[Statement],
) -> _Witness | None:
    """Two claims that conflict although both fit one and the same reference value."""
    for a in claims_a:
        for b in claims_b:
            if relate(kind, a.key, b.key) != "conflict":
                continue
            for value in reference:
                if (
                    relate(kind, a.key, value.key) != "conflict"
                    and relate(kind, b.key, value.key) != "conflict"
                ):
                    return (a, b)
    return None


def _compare_one(result: CrossSource, group: Group, stated: Statement, claim: Statement) -> bool:
    """The common case of one record value and one claim; False when it is not that simple."""
    recorder, claimant = stated.sources[0], claim.sources[0]
    ref = result.reference
    if recorder == claimant or ref == claimant:
        return False
    rank = _RANK[relate(group.kind, claim.key, stated.key)]
    if ref == recorder:
        result._tally[claimant].counts[rank] += 1
        judged = result._evidence[claimant]
        judged[0] += 0.0 if rank == _CONFLICT else 1.0
        judged[1] += 1.0
        if rank == _CONFLICT:
            result.conflicts.append(Conflict(group, claimant, claim, ref, stated, reference=True))
        return True
    if ref is None:
        result._tally[claimant].counts[rank] += 1
        result._tally[recorder].counts[rank] += 1
    if rank != _CONFLICT:
        for source in (recorder, claimant):
            judged = result._evidence[source]
            judged[0] += 1.0
            judged[1] += 1.0
        return True
    values = {recorder: [stated], claimant: [claim]}
    if recorder < claimant:
        conflict = Conflict(group, recorder, stated, claimant, claim, reference=False)
    else:
        conflict = Conflict(group, claimant, claim, recorder, stated, reference=False)
    result.conflicts.append(conflict)
    result._disputes.append(_dispute(result, group, sorted(values), values))
    return True


def _dispute(
    result: CrossSource,
    group: Group,
    sources: list[str],
    values: dict[str, list[Statement]],
) -> Dispute:
    """Candidates, support and rivals of a contested group, for the consensus iteration."""
    kind = group.kind
    index: dict[Any, int] = {}
    firsts: list[Statement] = []
    for statement in [*group.record, *group.claims]:
        if statement.key not in index:
            index[statement.key] = len(firsts)
            firsts.append(statement)
    keys = list(index)
    own = [sorted({index[v.key] for v in values[s]}) for s in sources]
    support = [
        [i for i in range(len(sources)) if any(_entails(kind, keys[v], key) for v in own[i])]
        for key in keys
    ]
    clash = [[relate(kind, a, b) == "conflict" for b in keys] for a in keys]
    rivals = [
        [[c for c in range(len(keys)) if clash[v][c] and support[c] != [i]] for v in own[i]]
        for i in range(len(sources))
    ]
    return Dispute(
        subject=group.subject,
        property=group.property,
        sources=sources,
        shown=[result.show_key(group, key, first) for key, first in zip(keys, firsts, strict=True)],
        spans=[key[1] - key[0] if kind == "date" else 0 for key in keys],
        support=support,
        own=own,
        rivals=rivals,
        contested=[any(row) for row in clash],
    )


def source_report(
    dataset: Dataset, *, reference: str | None = None, consensus: bool = False
) -> dict[str, Any]:
    """What ``treatycheck sources`` shows: the scorecard and, if asked, the consensus.

    JSON-serialisable and deterministic: ``{"version": 1, "reference": id or
    None, "sources": {id: {...}}}``, plus ``"consensus": [...]`` when
    ``consensus`` is true. Raises :class:`~treatycheck.findings.UsageError`
    for a ``reference`` that is not a source of the dataset.
    """
    from .engine import Context, check_reference

    check_reference(dataset, reference)
    cross = Context(dataset, reference=reference).cross_source
    out: dict[str, Any] = {
        "version": 1,
        "reference": cross.reference,
        "sources": cross.scorecard(),
    }
    if consensus:
        out["consensus"] = cross.consensus_table()
    return out
