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
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final

from ._compare import all_agree, compare_group
from ._gc import paused as paused_gc
from ._grouping import (
    DAY_BITS,
    PROPERTIES,
    Entries,
    Tally,
    claimed_group,
    claims_by_property,
    collect,
    count_events,
    every_group,
    other_groups,
    polity_fields,
    property_facts,
    treaty_fields,
)
from ._values import (
    RELATIONS,
    Conflict,
    Group,
    Relation,
    Statement,
    ValueKind,
    relate,
    value_kind,
)
from .consensus import PRIOR_TRUST, Consensus, Dispute, solve
from .dates import HistDate

if TYPE_CHECKING:
    from ._denotation import Denotation
    from .dataset import Dataset
    from .engine import Context
    from .models import Treaty

__all__ = [
    "RELATIONS",
    "Conflict",
    "CrossSource",
    "Group",
    "Relation",
    "Statement",
    "ValueKind",
    "analyse",
    "finish",
    "relate",
    "source_report",
    "value_kind",
]


class CrossSource:
    """The result of the cross-source pass over one dataset."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.reference: str | None = ctx.reference
        self._groups: list[Group] | None = None
        self.conflicts: list[Conflict] = []
        self.consensus: dict[tuple[str, str], Consensus] = {}
        self.trust: dict[str, float] = {}
        self._tally: dict[str, Tally] = defaultdict(Tally)
        self._evidence: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        self._disputes: list[Dispute] = []
        # Disputes with too many distinct values to rank, and how many they have.
        self.unranked: dict[tuple[str, str], int] = {}
        self.names: Denotation = ctx.denotation

    @property
    def groups(self) -> list[Group]:
        """Every group of statements, in the order compared (built on first use).

        The pass itself builds a group only where the values do not simply
        agree; this list, for inspection and tests, has all of them.
        """
        if self._groups is None:
            self._groups = list(every_group(self))
        return self._groups

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
        return self.ctx.claim_index.key(kind, value, subject)

    def subject_of(self, about: str) -> str:
        """The id a claim is about: a treaty or polity id, or a polity name."""
        return self.ctx.claim_index.subject_of(about)

    # -- scorecard ---------------------------------------------------------------

    def scorecard(self) -> dict[str, dict[str, Any]]:
        """Per source: claims, agreements, refinements, conflicts, agreement rate, trust."""
        names = sorted(set(self.ctx.sources) | set(self._tally))
        against = self.reference if self.reference is not None else "others"
        out: dict[str, dict[str, Any]] = {}
        for source_id in names:
            tally = self._tally.get(source_id) or Tally()
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
    index = ctx.claim_index
    with paused_gc():  # many small objects, no cycles: see treatycheck._gc
        for source, count in Counter(map(_source_of, ctx.dataset.claims)).items():
            tally = result._tally[source]
            tally.claims += count
            tally.explicit += count
        _treaties(result, index.about_treaties)
        for polity in ctx.polities.values():
            for _, _, sources, _ in polity_fields(result.reference, polity):
                for source in sources:
                    result._tally[source].claims += 1
        for group in other_groups(result, dict(index.others)):
            compare_group(result, group)
    return finish(result)


_source_of: Final = attrgetter("source")


def finish(result: CrossSource) -> CrossSource:
    """Rank the disputes once every group is compared (the consensus iteration)."""
    evidence = {source: (judged[0], judged[1]) for source, judged in result._evidence.items()}
    names = set(evidence) | {s for dispute in result._disputes for s in dispute.sources}
    result.trust, result.consensus = solve(
        result._disputes, evidence, {s: result.prior(s) for s in names}
    )
    result._disputes = []
    return result


def _treaties(result: CrossSource, about_treaties: list[Entries | None]) -> None:
    """Count every treaty's values and compare the claimed ones.

    Groups are built only where values may differ. A group whose claims all
    equal the one record value, and a value of a record with several sources
    that no claim speaks of, is only counted (by its sources, tallied at the
    end); the others are compared in full. A treaty whose events have sources
    of their own, or whose record states a property twice, is compared group
    by group (:func:`collect`). This is the hot loop of the pass, written for
    speed: see docs/sources.md.
    """
    ctx = result.ctx
    tally = result._tally
    reference = result.reference
    default: tuple[str, ...] = (reference,) if reference else ()
    counted: dict[tuple[str, ...], int] = {}  # record values per sources of the record
    agreeing = _Agreeing(result)
    agreed = agreeing.agreed
    for treaty, entries in zip(ctx.treaties.values(), about_treaties, strict=True):
        sources = treaty.sources
        base = tuple(sources) if sources else default
        fields, several = count_events(tally, base, treaty)
        counted[base] = counted.get(base, 0) + fields
        if several and not _plain(treaty):
            claims = claims_by_property(entries) if entries is not None else {}
            for group in collect(result, treaty, treaty_fields(base, treaty), claims):
                compare_group(result, group)
            continue
        # From here on, every value of the record is stated by ``base`` alone, once.
        if entries is None:
            if several:  # values of several sources, which no claim speaks of
                every = frozenset(base)
                agreed[every] = agreed.get(every, 0) + fields
            continue
        by_property: dict[str, list[int]] = {}
        for at in range(0, len(entries), 4):
            same = by_property.get(entries[at])
            if same is None:
                by_property[entries[at]] = [at]
            else:
                same.append(at)
        if several:  # the record's properties first, in its order, as collect() has them
            unclaimed = 0
            for prop, value, _, _ in treaty_fields(base, treaty):
                ats = by_property.pop(prop, None)
                if ats is None:
                    unclaimed += 1
                else:
                    agreeing.claimed(treaty, prop, value, base, entries, ats, base)
            if unclaimed:
                every = frozenset(base)
                agreed[every] = agreed.get(every, 0) + unclaimed
            later = list(by_property)
        else:
            later = []
            for prop, ats in by_property.items():
                _, _, event_type, name = PROPERTIES.get(prop) or property_facts(prop)
                if event_type is None:  # a field of the treaty record
                    value = getattr(treaty, prop)
                    if not value:
                        later.append(prop)
                        continue
                    record_sources = base
                else:
                    found = None
                    for event in treaty.events:
                        if event.type == event_type and (
                            (event.date if name == "date" else event.place) is not None
                        ):
                            if found is not None:
                                found = _SEVERAL
                                break
                            found = event
                    if found is None:
                        later.append(prop)
                        continue
                    if found is _SEVERAL:
                        _compare_claimed(result, treaty, prop, entries, ats, base)
                        continue
                    value = found.date if name == "date" else found.place
                    record_sources = tuple(found.sources) if found.sources else base
                agreeing.claimed(treaty, prop, value, record_sources, entries, ats, base)
        for prop in later:
            ats = by_property[prop]
            first = entries[ats[0] + 1]
            if any(entries[at + 1] != first for at in ats):  # one source: nothing to compare
                _compare_claimed(result, treaty, prop, entries, ats, base)
    for base, fields in counted.items():
        for source in base:
            tally[source].claims += fields
    agreeing.tally()


def _plain(treaty: Treaty) -> bool:
    """Whether the record states each value once, by its own sources (no event has any)."""
    types = set()
    for event in treaty.events:
        if event.sources or event.type in types:
            return False
        types.add(event.type)
    return True


def _compare_claimed(
    result: CrossSource,
    treaty: Treaty,
    prop: str,
    entries: Entries,
    ats: list[int],
    base: tuple[str, ...],
) -> None:
    """Compare the claims at ``ats`` about one property of a treaty in full."""
    claimed = [entries[at + 3] for at in ats]
    compare_group(result, claimed_group(result, treaty, prop, claimed, base))


class _Agreeing:
    """Groups whose claims all equal the one record value, counted by their sources.

    With one claim they are counted by the record's sources and the claimant,
    else by the set of all their sources; :meth:`tally` adds them up at the end.
    """

    def __init__(self, result: CrossSource) -> None:
        self.result = result
        self.key = result.ctx.claim_index.key
        self.once: dict[tuple[str, ...], dict[str, int]] = {}
        self.agreed: dict[frozenset[str], int] = {}

    def claimed(
        self,
        treaty: Treaty,
        prop: str,
        value: Any,
        record_sources: tuple[str, ...],
        entries: Entries,
        ats: list[int],
        base: tuple[str, ...],
    ) -> None:
        """Count or compare the claims at ``ats`` about one value the record states once."""
        if type(value) is HistDate:
            stated = value.earliest << DAY_BITS | value.latest  # see DAY_BITS
        else:
            kind = (PROPERTIES.get(prop) or property_facts(prop))[1]
            stated = self.key(kind, value, treaty.id)
        if len(ats) == 1:
            at = ats[0]
            if entries[at + 2] == stated:  # the usual group: one claim, agreeing
                by_claimant = self.once.get(record_sources)
                if by_claimant is None:
                    by_claimant = self.once[record_sources] = {}
                claimant = entries[at + 1]
                by_claimant[claimant] = by_claimant.get(claimant, 0) + 1
                return
        else:
            for at in ats:
                if entries[at + 2] != stated:
                    break
            else:
                everyone = {entries[at + 1] for at in ats}
                everyone.update(record_sources)
                every = frozenset(everyone)
                self.agreed[every] = self.agreed.get(every, 0) + 1
                return
        _compare_claimed(self.result, treaty, prop, entries, ats, base)

    def tally(self) -> None:
        """Add the counted groups to the scorecard and the trust evidence."""
        for stated_by, by_claimant in self.once.items():
            for claimant, times in by_claimant.items():
                all_agree(self.result, stated_by, (claimant,), times)
        for every, times in self.agreed.items():
            all_agree(self.result, every, (), times)


_SEVERAL: Final[Any] = object()


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
