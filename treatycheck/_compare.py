"""Comparing the sources of one group of statements: conflicts, tallies, disputes.

:func:`compare_group` is called by :func:`treatycheck.claims.analyse` once per
group; it records into the :class:`~treatycheck.claims.CrossSource` result the
conflicts found, each source's scorecard tally, the evidence for its trust,
and the disputes left to :mod:`treatycheck.consensus`. Two shortcuts (one
record value and one claim; claims that all equal the one record value) give
the same result as the general comparison, faster; a test checks that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from ._values import Conflict, Group, Statement, ValueKind, entails, gap, relate
from .consensus import Dispute

if TYPE_CHECKING:
    from .claims import CrossSource

__all__ = ["RANK", "all_agree", "compare_group", "compare_one"]

RANK: Final = {"agree": 0, "refine": 1, "compatible": 2, "conflict": 3}
"""A relation as a number: the worse, the higher."""
_RANK: Final = RANK
_CONFLICT: Final = 3

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
            distance = gap(kind, key, value.key)
            if nearest_gap < 0 or distance < nearest_gap:
                nearest_gap = distance
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


def compare_group(result: CrossSource, group: Group) -> None:
    """Compare the sources of one group: conflicts, scorecard tallies, trust evidence."""
    if _shortcut(result, group):
        return
    record = group.record
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
        _add_dispute(result, group, sources, values)
    else:
        for source in sources:
            judged = evidence[source]
            judged[0] += 1.0
            judged[1] += 1.0


def _shortcut(result: CrossSource, group: Group) -> bool:
    """Compare the common groups the short way; False when the general comparison is needed.

    The common groups are one record value and one claim, and claims that all
    equal the one record value. The result is the same either way (a test
    checks it).
    """
    record = group.record
    if len(record) != 1:
        return False
    stated = record[0]
    if len(group.claims) == 1 and len(stated.sources) == 1:
        claim = group.claims[0]
        rank = _RANK[relate(group.kind, claim.key, stated.key)]
        return compare_one(result, stated.sources[0], claim.sources[0], rank, lambda: group)
    if all(claim.key == stated.key for claim in group.claims):
        all_agree(result, stated.sources, [claim.sources[0] for claim in group.claims])
        return True
    return False


def all_agree(
    result: CrossSource, stated: Iterable[str], claimants: Iterable[str], times: int = 1
) -> None:
    """Tally ``times`` groups whose claims all equal their one record value.

    ``stated`` are the sources of the record value, ``claimants`` those of the claims.
    """
    sources = sorted({*stated, *claimants})
    ref = result.reference
    for source in sources:
        if ref is None:
            result._tally[source].counts[0] += (len(sources) - 1) * times
        elif ref in sources and source != ref:
            result._tally[source].counts[0] += times
        if len(sources) > 1 and (source != ref or ref not in sources):
            judged = result._evidence[source]
            judged[0] += float(times)
            judged[1] += float(times)


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


def compare_one(
    result: CrossSource, recorder: str, claimant: str, rank: int, group: Callable[[], Group]
) -> bool:
    """The common case of one record value and one claim; False when it is not that simple.

    ``rank`` is how the claim relates to the record value; ``group`` makes the
    group, which is needed only when they conflict.
    """
    ref = result.reference
    if recorder == claimant or ref == claimant:
        return False
    if ref == recorder:
        result._tally[claimant].counts[rank] += 1
        judged = result._evidence[claimant]
        judged[0] += 0.0 if rank == _CONFLICT else 1.0
        judged[1] += 1.0
        if rank == _CONFLICT:
            made = group()
            result.conflicts.append(
                Conflict(made, claimant, made.claims[0], ref, made.record[0], reference=True)
            )
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
    made = group()
    stated, claim = made.record[0], made.claims[0]
    values = {recorder: [stated], claimant: [claim]}
    if recorder < claimant:
        conflict = Conflict(made, recorder, stated, claimant, claim, reference=False)
    else:
        conflict = Conflict(made, claimant, claim, recorder, stated, reference=False)
    result.conflicts.append(conflict)
    _add_dispute(result, made, sorted(values), values)
    return True


MAX_CANDIDATES: Final = 200
"""A dispute with more distinct values than this is not ranked (the ranking is quadratic)."""


def _add_dispute(
    result: CrossSource, group: Group, sources: list[str], values: dict[str, list[Statement]]
) -> None:
    distinct = len({statement.key for statement in (*group.record, *group.claims)})
    if distinct > MAX_CANDIDATES:
        result.unranked[(group.subject, group.property)] = distinct
        return
    result._disputes.append(_dispute(result, group, sources, values))


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
        [i for i in range(len(sources)) if any(entails(kind, keys[v], key) for v in own[i])]
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
