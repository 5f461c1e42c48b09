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
from typing import TYPE_CHECKING, Any, Final

from ._compare import compare_group
from ._gc import paused as paused_gc
from ._names import name_key
from ._values import (
    RELATIONS,
    Conflict,
    Group,
    Relation,
    Statement,
    Steps,
    ValueKind,
    relate,
    value_kind,
)
from .consensus import PRIOR_TRUST, Consensus, Dispute, solve
from .dates import HistDate
from .models import EVENT_TYPES, Polity, Treaty

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
        # Disputes with too many distinct values to rank, and how many they have.
        self.unranked: dict[tuple[str, str], int] = {}
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
            compare_group(result, group)
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
        kind = value_kind(prop)
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
        kind = value_kind(prop)
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
