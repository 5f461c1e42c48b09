"""Chronology rules: event order, inverted intervals, future dates (TC201-TC203)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from ..dates import HistDate, before
from ..engine import Check, Context, iter_dates
from ..findings import Finding, Related
from ..models import EVENT_TYPES, Interval, NameSpan, Office
from .catalogue import event_date_finding, finding

__all__ = ["CHECKS", "MUST_PRECEDE"]

_AFTER_SIGNATURE: Final = ("registered", "denounced")
_CHAIN: Final = tuple(t for t in EVENT_TYPES if t not in _AFTER_SIGNATURE)
"""Every other event type, in canonical order: each stage comes before all later ones."""

MUST_PRECEDE: Final[frozenset[tuple[str, str]]] = frozenset(
    {(a, b) for i, a in enumerate(_CHAIN) for b in _CHAIN[i + 1 :]}
    | {(a, b) for a in _CHAIN[:3] for b in _AFTER_SIGNATURE}
)
"""Pairs (earlier, later) of event types whose order is fixed.

``registered`` and ``denounced`` must follow the signature but may come
before or after ratification and entry into force.
"""


@Check.of("TC201")
def event_order(ctx: Context) -> Iterator[Finding]:
    """TC201: a later stage definitely dated before an earlier one."""
    ranks = _RANK
    for treaty in ctx.dataset.treaties:
        events = treaty.events
        if len(events) < 2:
            continue
        # Every pair in MUST_PRECEDE goes up in EVENT_TYPES order. When the dated
        # events are written in that order and none ends before an earlier one
        # begins, no pair can be out of order: skip the pairwise test (most treaties).
        in_order, rank, start = True, -1, -1
        for event in events:
            date = event.date
            if date is None:
                continue
            event_rank = ranks[event.type]
            if event_rank < rank or date.latest < start:
                in_order = False
                break
            rank = event_rank
            if date.earliest > start:
                start = date.earliest
        if in_order:
            continue
        dated = [(i, e) for i, e in enumerate(events) if e.date is not None]
        for i, earlier in dated:
            for j, later in dated:
                if (earlier.type, later.type) not in MUST_PRECEDE:
                    continue
                assert earlier.date is not None and later.date is not None
                if before(later.date, earlier.date) is not True:
                    continue
                yield event_date_finding(
                    ctx,
                    "TC201",
                    f"{treaty.id}: {later.type} on {later.date.describe()} is before "
                    f"{earlier.type} on {earlier.date.describe()}, but a treaty is "
                    f"{earlier.type} before it is {later.type}",
                    treaty,
                    j,
                    Related(ctx.location(treaty, "events", i, "date"), f"{earlier.type} date"),
                )


_RANK: Final = {event_type: rank for rank, event_type in enumerate(EVENT_TYPES)}


_Span = tuple[Any, tuple[str | int, ...], HistDate, HistDate, str]


def _intervals(ctx: Context) -> Iterator[_Span]:
    for polity in ctx.dataset.polities:
        if polity.exists is not None:
            yield from _pair(polity, ("exists",), polity.exists, f"{polity.id} existence")
        for i, span in enumerate(polity.names):
            yield from _pair(polity, ("names", i), span, f"name {span.name!r} of {polity.id}")
    for person in ctx.dataset.people:
        for i, office in enumerate(person.offices):
            yield from _pair(person, ("offices", i), office, f"{person.id}'s office {office.role}")


def _pair(
    record: Any, steps: tuple[str | int, ...], span: Interval | NameSpan | Office, what: str
) -> Iterator[_Span]:
    if span.from_ is not None and span.to is not None:
        yield record, steps, span.from_, span.to, what


@Check.of("TC202")
def inverted_interval(ctx: Context) -> Iterator[Finding]:
    """TC202: an interval whose end is definitely before its start."""
    for record, steps, start, end, what in _intervals(ctx):
        if before(end, start) is True:
            yield finding(
                "TC202",
                f"{what} ends ({end.describe()}) before it starts ({start.describe()})",
                ctx.location(record, *steps, "to"),
                subject=getattr(record, "id", None),
                related=(Related(ctx.location(record, *steps, "from"), "start"),),
            )


@Check.of("TC203")
def future_date(ctx: Context) -> Iterator[Finding]:
    """TC203: a date that definitely lies after today."""
    today = ctx.today
    for record, steps, value, what in iter_dates(ctx, after=today):
        if not value.open_start:
            yield finding(
                "TC203",
                f"{what}: {value.describe()} is in the future",
                ctx.location(record, *steps),
                subject=getattr(record, "id", None) or getattr(record, "about", None),
            )


CHECKS = (event_order, inverted_interval, future_date)
