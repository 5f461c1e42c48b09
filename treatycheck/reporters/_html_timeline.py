"""What the HTML report's timelines show: each source's dates per treaty or polity.

The dates come from the dataset, not from the findings: a record's own event
dates are attributed to the sources that state the record
(:meth:`~treatycheck.engine.Context.record_sources`), and every claim with a
date property adds the date its source gives. Findings about a subject and
property mark the dates they are about and link to them.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from .._names import name_key
from ..dates import HistDate
from ..engine import Context
from ..findings import Finding
from ..models import Claim, Polity, Treaty
from ._html_svg import Mark, Row

__all__ = [
    "FindingIndex",
    "SubjectTimeline",
    "choose_subjects",
    "claims_by_subject",
    "polity_timeline",
    "source_order",
    "treaty_timeline",
]

UNSOURCED: Final = "(unsourced)"
SubjectKind = Literal["treaty", "polity"]


class FindingIndex:
    """Findings by subject, and date findings by (subject, event), with their table numbers."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = findings
        self.by_subject: dict[str, list[int]] = defaultdict(list)
        self._dates: dict[tuple[str, str], list[tuple[int, frozenset[str]]]] = defaultdict(list)
        for number, item in enumerate(findings, start=1):
            if item.subject is None:
                continue
            self.by_subject[item.subject].append(number)
            prop = item.property
            if prop is None:
                continue
            key = prop[: -len(".date")] if prop.endswith(".date") else prop
            if prop.endswith(".date") or prop in ("exists.from", "exists.to"):
                self._dates[(item.subject, key)].append((number, frozenset(item.sources)))

    def conflicts(self, subject: str, key: str, source: str) -> tuple[int, ...]:
        """Findings about this date that name ``source`` (or name no source at all)."""
        return tuple(
            number
            for number, sources in self._dates.get((subject, key), ())
            if not sources or source in sources
        )

    def dated_subjects(self) -> set[str]:
        """Subjects with at least one finding about a date."""
        return {subject for subject, _ in self._dates}


@dataclass(frozen=True, slots=True)
class SubjectTimeline:
    """A treaty's or polity's timeline: its rows plus the findings about it."""

    kind: SubjectKind
    id: str
    title: str
    rows: tuple[Row, ...]
    findings: tuple[int, ...]


def claims_by_subject(ctx: Context) -> dict[str, list[Claim]]:
    """Date claims grouped by the id of the treaty or polity they are about."""
    out: dict[str, list[Claim]] = defaultdict(list)
    polity_names = ctx.names.get("polity", {})
    for claim in ctx.dataset.claims:
        if not isinstance(claim.value, HistDate):
            continue
        about = claim.about
        if about not in ctx.treaties and about not in ctx.polities:
            ids = polity_names.get(name_key(about), ())
            if len(ids) != 1:
                continue
            about = ids[0]
        out[about].append(claim)
    return out


def source_order(ctx: Context, sources: Iterable[str]) -> list[str]:
    """The reference source first, then the others alphabetically."""
    unique = set(sources)
    first = [ctx.reference] if ctx.reference in unique else []
    return first + sorted(unique - set(first))


def _rows(
    ctx: Context, marks: Iterable[Mark], spans: dict[str, list[tuple[HistDate, HistDate]]]
) -> tuple[Row, ...]:
    by_source: dict[str, list[Mark]] = defaultdict(list)
    for mark in marks:
        by_source[mark.source].append(mark)
    rows = []
    for source in source_order(ctx, by_source):
        record = ctx.sources.get(source)
        title = f"{source}: {record.title}" if record is not None else source
        rows.append(
            Row(
                label=source,
                title=title,
                marks=tuple(by_source[source]),
                data=(("source", source),),
                spans=tuple(spans.get(source, ())),
            )
        )
    return tuple(rows)


def treaty_marks(
    ctx: Context, treaty: Treaty, claims: Sequence[Claim], index: FindingIndex
) -> list[Mark]:
    """Every dated event of a treaty, once per source that states it."""
    marks: list[Mark] = []
    for event in treaty.events:
        if event.date is None:
            continue
        label = f"{event.type} by {event.by}" if event.by else event.type
        for source in ctx.record_sources(treaty, event) or (UNSOURCED,):
            marks.append(
                Mark(
                    source=source,
                    key=event.type,
                    label=label,
                    date=event.date,
                    event=f"{treaty.id}.{event.type}",
                    findings=index.conflicts(treaty.id, event.type, source),
                )
            )
    for claim in claims:
        if not claim.property.endswith(".date") or not isinstance(claim.value, HistDate):
            continue
        key = claim.property[: -len(".date")]
        marks.append(
            Mark(
                source=claim.source,
                key=key,
                label=key,
                date=claim.value,
                event=f"{treaty.id}.{key}",
                claim=True,
                findings=index.conflicts(treaty.id, key, claim.source),
            )
        )
    return marks


def treaty_timeline(
    ctx: Context, treaty: Treaty, claims: Sequence[Claim], index: FindingIndex
) -> SubjectTimeline:
    """One treaty's timeline: a row per source."""
    marks = treaty_marks(ctx, treaty, claims, index)
    return SubjectTimeline(
        "treaty",
        treaty.id,
        treaty.title or treaty.id,
        _rows(ctx, marks, {}),
        tuple(index.by_subject.get(treaty.id, ())),
    )


def polity_timeline(
    ctx: Context, polity: Polity, claims: Sequence[Claim], index: FindingIndex
) -> SubjectTimeline:
    """One polity's timeline: when each source says it began and ended."""
    marks: list[Mark] = []
    stated: dict[str, dict[str, HistDate]] = defaultdict(dict)
    record_sources = tuple(polity.sources or ()) or ((ctx.reference,) if ctx.reference else ())
    if polity.exists is not None:
        for key, value in (("exists.from", polity.exists.from_), ("exists.to", polity.exists.to)):
            if value is None:
                continue
            for source in record_sources or (UNSOURCED,):
                stated[source][key] = value
                marks.append(
                    Mark(
                        source,
                        key,
                        key,
                        value,
                        f"{polity.id}.{key}",
                        findings=index.conflicts(polity.id, key, source),
                    )
                )
    for claim in claims:
        if claim.property in ("exists.from", "exists.to") and isinstance(claim.value, HistDate):
            stated[claim.source].setdefault(claim.property, claim.value)
            marks.append(
                Mark(
                    claim.source,
                    claim.property,
                    claim.property,
                    claim.value,
                    f"{polity.id}.{claim.property}",
                    claim=True,
                    findings=index.conflicts(polity.id, claim.property, claim.source),
                )
            )
    spans = {
        source: [(dates["exists.from"], dates["exists.to"])]
        for source, dates in stated.items()
        if "exists.from" in dates and "exists.to" in dates
    }
    names = [span.name for span in polity.names]
    return SubjectTimeline(
        "polity",
        polity.id,
        names[-1] if names else polity.id,
        _rows(ctx, marks, spans),
        tuple(index.by_subject.get(polity.id, ())),
    )


def _treaty_source_count(ctx: Context, treaty: Treaty, claims: Sequence[Claim]) -> int:
    sources: set[str] = set()
    for event in treaty.events:
        if event.date is not None:
            sources.update(ctx.record_sources(treaty, event))
    sources.update(claim.source for claim in claims)
    return len(sources)


def choose_subjects(
    ctx: Context, index: FindingIndex, claims: dict[str, list[Claim]], limit: int
) -> tuple[list[SubjectTimeline], int]:
    """The timelines worth drawing, most telling first, and how many were left out.

    Subjects with a finding about a date come first, then those with more
    findings, then those dated by more sources, then dataset order. Polities
    get timelines when sources date them (claims) or when the dataset has no
    treaties (state data).
    """
    dated = index.dated_subjects()
    candidates: list[tuple[tuple[int, int, int, int], SubjectKind, Treaty | Polity]] = []
    for order, treaty in enumerate(ctx.dataset.treaties):
        own = claims.get(treaty.id, ())
        if not own and all(event.date is None for event in treaty.events):
            continue
        if ctx.treaties.get(treaty.id) is not treaty:
            continue
        findings = len(index.by_subject.get(treaty.id, ()))
        key = (
            0 if treaty.id in dated else 1,
            -findings,
            -(_treaty_source_count(ctx, treaty, own) if findings or own else 1),
            order,
        )
        candidates.append((key, "treaty", treaty))
    state_data = not ctx.dataset.treaties
    for order, polity in enumerate(ctx.dataset.polities):
        own = claims.get(polity.id, ())
        if not own and not (state_data and polity.exists is not None):
            continue
        if ctx.polities.get(polity.id) is not polity:
            continue
        findings = len(index.by_subject.get(polity.id, ()))
        sources = len({claim.source for claim in own}) + 1
        key = (0 if polity.id in dated else 1, -findings, -sources, order)
        candidates.append((key, "polity", polity))
    best = heapq.nsmallest(limit, candidates, key=lambda item: (item[0], item[1]))
    chosen: list[SubjectTimeline] = []
    for _, _kind, record in best:
        if isinstance(record, Treaty):
            chosen.append(treaty_timeline(ctx, record, claims.get(record.id, ()), index))
        else:
            chosen.append(polity_timeline(ctx, record, claims.get(record.id, ()), index))
    return chosen, max(0, len(candidates) - limit)
