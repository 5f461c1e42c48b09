"""Combined timelines for ordering assertions (``precedes``, ``simultaneous``).

An assertion such as "the Baltic states followed the example of Poland"
names events of several treaties. Its timeline puts those events on one
axis, one row per event, sorted by date, with a dashed line at the event the
others are measured against; a row whose date contradicts the assertion is
marked and links to the assertion's finding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from ..dates import HistDate, before
from ..engine import Context
from ..models import Claim, Precedes, Simultaneous, Treaty
from ..select import choose_event
from ._html_svg import Mark, Row, draw_timeline
from ._html_timeline import UNSOURCED, FindingIndex

__all__ = ["OrderingTimeline", "ordering_timelines"]

VERDICT_CODES: Final = {"TC401": "violated", "TC402": "undetermined"}


@dataclass(frozen=True, slots=True)
class OrderingTimeline:
    """One ordering assertion with its drawn timeline and what the checks made of it."""

    id: str
    form: str
    source: str
    says: str | None
    svg: str
    verdict: str | None
    findings: tuple[int, ...]
    rows: tuple[Row, ...]


def _polity_name(ctx: Context, ref: str, day: int | None) -> str:
    polity = ctx.polities.get(ref)
    if polity is None or not polity.names:
        return ref
    if day is not None:
        for span in polity.names:
            starts = span.from_.earliest if span.from_ is not None else None
            ends = span.to.latest if span.to is not None else None
            if (starts is None or starts <= day) and (ends is None or day <= ends):
                return span.name
    return polity.names[-1].name


def _event_label(
    ctx: Context,
    treaty: Treaty | None,
    ref: str,
    date: HistDate | None,
    common: frozenset[str],
    with_type: bool,
) -> str:
    """Short row label: the parties that set this treaty apart from the others named."""
    event_type = ref.rpartition(".")[2]
    if treaty is None:
        return ref
    day = date.earliest if date is not None else None
    own = [party for party in ctx.party_ids(treaty) if party not in common]
    if own:
        label = "–".join(_polity_name(ctx, party, day) for party in own)
    else:
        label = treaty.kind or treaty.id
        with_type = True
    return f"{label}: {event_type}" if with_type else label


def _event_row(
    ctx: Context,
    ref: str,
    claims: dict[str, list[Claim]],
    index: FindingIndex,
    common: frozenset[str],
    with_type: bool,
) -> Row:
    treaty_id, _, event_type = ref.rpartition(".")
    treaty = ctx.treaties.get(treaty_id)
    marks: list[Mark] = []
    anchor: HistDate | None = None
    if treaty is not None:
        anchor = choose_event(treaty, event_type).date
        for event in treaty.events:
            if event.type != event_type or event.date is None:
                continue
            for source in ctx.record_sources(treaty, event) or (UNSOURCED,):
                marks.append(
                    Mark(
                        source,
                        event_type,
                        f"{event_type} ({treaty_id})",
                        event.date,
                        ref,
                        findings=index.conflicts(treaty_id, event_type, source),
                    )
                )
    for claim in claims.get(treaty_id, ()):
        if claim.property == f"{event_type}.date" and isinstance(claim.value, HistDate):
            anchor = anchor or claim.value
            marks.append(
                Mark(
                    claim.source,
                    event_type,
                    f"{event_type} ({treaty_id})",
                    claim.value,
                    ref,
                    claim=True,
                    findings=index.conflicts(treaty_id, event_type, claim.source),
                )
            )
    title = (treaty.title or treaty_id) if treaty is not None else f"{treaty_id} (not defined)"
    return Row(
        label=_event_label(ctx, treaty, ref, anchor, common, with_type),
        title=f"{title}: {event_type}" + ("" if anchor else " (no date)"),
        marks=tuple(marks),
        data=(("event", ref),),
        anchor=anchor,
    )


def _contradicts(form: str, first: HistDate, other: HistDate, tolerance: int) -> bool | None:
    """Whether ``other`` contradicts the assertion relative to ``first`` (None: unknown)."""
    if form == "precedes":
        holds = before(first, other)
        return None if holds is None else not holds
    if other.earliest - first.latest > tolerance or first.earliest - other.latest > tolerance:
        return True
    if first.is_day and other.is_day:
        return False
    return None


def ordering_timelines(
    ctx: Context,
    index: FindingIndex,
    claims: dict[str, list[Claim]],
    verdicts: Mapping[str, str],
) -> list[OrderingTimeline]:
    """A combined timeline for every ``precedes`` and ``simultaneous`` assertion.

    ``verdicts`` maps assertion ids to ``holds``/``violated``/``undetermined``
    (from :func:`treatycheck.rules.assertions.evaluate_all`); an assertion
    missing there takes its verdict from its TC401/TC402 finding, if any.
    """
    out: list[OrderingTimeline] = []
    for assertion in ctx.dataset.assertions:
        if isinstance(assertion, Precedes):
            form, refs = "precedes", [assertion.precedes.first, *assertion.precedes.then]
            tolerance = 0
        elif isinstance(assertion, Simultaneous):
            form, refs = "simultaneous", list(assertion.simultaneous.events)
            tolerance = assertion.simultaneous.tolerance_days
        else:
            continue
        numbers = tuple(index.by_subject.get(assertion.id, ()))
        verdict_links = (
            tuple(n for n in numbers if index.findings[n - 1].code in VERDICT_CODES) or numbers
        )
        verdict = verdicts.get(assertion.id) or next(
            (
                VERDICT_CODES[index.findings[n - 1].code]
                for n in verdict_links
                if index.findings[n - 1].code in VERDICT_CODES
            ),
            None,
        )
        refs = list(dict.fromkeys(refs))
        treaties = [ctx.treaties.get(ref.rpartition(".")[0]) for ref in refs]
        party_sets = [frozenset(ctx.party_ids(t)) for t in treaties if t is not None]
        common = frozenset.intersection(*party_sets) if party_sets else frozenset()
        with_type = len({ref.rpartition(".")[2] for ref in refs}) > 1
        rows = [_event_row(ctx, ref, claims, index, common, with_type) for ref in refs]
        first = rows[0]
        marked: list[Row] = [_with_role(first, "first", ())]
        for row in rows[1:]:
            contradicts = (
                _contradicts(form, first.anchor, row.anchor, tolerance)
                if first.anchor is not None and row.anchor is not None
                else None
            )
            if contradicts:
                marked.append(_with_role(row, "out-of-order", verdict_links))
            elif contradicts is None:
                marked.append(_with_role(row, "undetermined", ()))
            else:
                marked.append(_with_role(row, "in-order", ()))
        ordered = sorted(
            enumerate(marked),
            key=lambda item: (
                item[1].anchor is None,
                item[1].anchor.earliest if item[1].anchor else 0,
                item[1].anchor.latest if item[1].anchor else 0,
                item[0],
            ),
        )
        final_rows = tuple(row for _, row in ordered)
        lines: Sequence[tuple[HistDate, str]] = (
            [(first.anchor, f"{'first' if form == 'precedes' else 'measured from'}: {first.label}")]
            if first.anchor is not None
            else []
        )
        svg = draw_timeline(
            final_rows,
            label=f"Order of the events named by assertion {assertion.id}",
            data=(("assertion", assertion.id), ("form", form)),
            lines=lines,
        )
        out.append(
            OrderingTimeline(
                assertion.id,
                form,
                assertion.source,
                assertion.says,
                svg,
                verdict,
                numbers,
                final_rows,
            )
        )
    return out


def _with_role(row: Row, role: str, links: tuple[int, ...]) -> Row:
    return Row(
        label=row.label,
        title=f"{row.title} [{role}]",
        marks=row.marks,
        data=(*row.data, ("role", role)),
        anchor=row.anchor,
        css=role,
        links=links,
    )
