"""Party rules: bilateral form, contemporaneity, ratifiers (TC301, TC302, TC304)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..dates import MAX_DAY, HistDate, before
from ..engine import Check, Context
from ..findings import Finding, Related
from ..models import Event, Polity, Treaty
from .catalogue import event_date_finding, finding

__all__ = ["CHECKS", "EXISTENCE_EVENTS", "existence_verdict"]

EXISTENCE_EVENTS: Final = frozenset(
    {"negotiated", "initialed", "signed", "ratified", "ratifications-exchanged", "denounced"}
)
"""Events a party must exist for; entry into force, registration and expiry may
outlive a party (a treaty can expire because a party ceased to exist)."""


@Check.of("TC301")
def bilateral_parties(ctx: Context) -> Iterator[Finding]:
    """TC301: a bilateral treaty has exactly two distinct parties."""
    polities = ctx.polities
    for treaty in ctx.dataset.treaties:
        if treaty.form != "bilateral":
            continue
        refs = treaty.parties
        if len(refs) == 2 and refs[0] != refs[1] and refs[0] in polities and refs[1] in polities:
            continue  # two distinct polity ids: each resolves to itself
        resolved = [ctx.resolve("polity", ref).id or ref for ref in refs]
        distinct = list(dict.fromkeys(resolved))
        if len(distinct) == 2:
            continue
        listed = ", ".join(treaty.parties) or "none"
        detail = (
            f"{len(distinct)} distinct"
            if len(distinct) != len(treaty.parties)
            else str(len(distinct))
        )
        yield finding(
            "TC301",
            f"{treaty.id} is bilateral but has {detail} part{'y' if len(distinct) == 1 else 'ies'}"
            f" ({listed}); expected exactly two",
            ctx.location(treaty, "parties"),
            subject=treaty.id,
            property="parties",
            sources=ctx.record_sources(treaty),
        )


def existence_verdict(span_from: HistDate | None, span_to: HistDate | None, day: HistDate) -> str:
    """``before``/``after`` when the day definitely falls outside the span, else ``ok``."""
    if span_from is not None and not span_from.open_start and day.latest < span_from.earliest:
        return "before"
    if span_to is not None and not span_to.open_end and day.earliest > span_to.latest:
        return "after"
    return "ok"


def _existence_bounds(ctx: Context) -> dict[str, tuple[int, int]]:
    """Per polity with an ``exists`` span: the first and last day it may have existed.

    A missing or open bound is a day before or after every date, as
    :func:`existence_verdict` reads it.
    """
    bounds: dict[str, tuple[int, int]] = {}
    for polity_id, polity in ctx.polities.items():
        span = polity.exists
        if span is None:
            continue
        low = span.from_.earliest if span.from_ is not None and not span.from_.open_start else 0
        high = span.to.latest if span.to is not None and not span.to.open_end else _NEVER
        bounds[polity_id] = (low, high)
    return bounds


_NEVER: Final = MAX_DAY + 1
"""A day after every date: the last day of a polity that has not ceased to exist."""


def _predecessors(ctx: Context) -> dict[str, list[str]]:
    """Polity id -> ids of the polities whose ``succeeded_by`` names it."""
    found: dict[str, list[str]] = {}
    for polity in ctx.polities.values():
        if polity.succeeded_by:
            found.setdefault(polity.succeeded_by, []).append(polity.id)
    return found


def _may_miss_a_party(ctx: Context, bounds: dict[str, tuple[int, int]]) -> Iterator[Treaty]:
    """The treaties with an event that may fall outside a party's existence.

    For each treaty, the window its events need the parties for runs from the
    last day of the event that ends first to the first day of the one that
    starts last; a party (or ratifier) that exists throughout that window
    exists on each of their dates. Most treaties are passed over on that test.
    """
    today, needs_parties, polities = ctx.today, EXISTENCE_EVENTS, ctx.polities
    for treaty in ctx.dataset.treaties:
        first_end, last_start, ratifiers = _NEVER, 0, []
        for event in treaty.events:
            date = event.date
            if date is None or date.earliest > today or event.type not in needs_parties:
                continue  # a date in the future is a typo, reported by TC203 alone
            if date.latest < first_end:
                first_end = date.latest
            if date.earliest > last_start:
                last_start = date.earliest
            if event.by is not None:
                ratifiers.append(event.by)
        if first_end == _NEVER:
            continue  # no event that needs the parties
        for ref in (*treaty.parties, *ratifiers):
            # A polity id denotes itself (ctx.party_ids, without the list of them).
            polity_id = ref if ref in polities else ctx.resolve("polity", ref).id
            if polity_id is None:
                continue
            limits = bounds.get(polity_id)
            if limits is not None and not (limits[0] <= first_end and last_start <= limits[1]):
                yield treaty
                break


def _outside_existence(
    ctx: Context, treaty: Treaty, bounds: dict[str, tuple[int, int]]
) -> Iterator[tuple[int, Event, Polity, str]]:
    """(index, event, party, ``before`` or ``after``) for each event outside a party's existence."""
    parties: list[str] | None = None
    for index, event in enumerate(treaty.events):
        if event.date is None or event.type not in EXISTENCE_EVENTS:
            continue
        if event.date.earliest > ctx.today:
            continue
        if event.by is not None:
            by = ctx.resolve("polity", event.by).id
            actors = [by] if by is not None else []
        else:
            if parties is None:
                parties = list(dict.fromkeys(ctx.party_ids(treaty)))
            actors = parties
        for polity_id in actors:
            limits = bounds.get(polity_id)
            if limits is None:
                continue  # unknown, or no existence span
            low, high = limits  # existence_verdict's two tests, on plain day numbers
            if low <= event.date.latest and event.date.earliest <= high:
                continue
            polity = ctx.polities[polity_id]
            assert polity.exists is not None
            span = polity.exists
            if span.from_ and span.to and before(span.to, span.from_) is True:
                continue  # an inverted interval is reported by TC202 alone
            verdict = existence_verdict(span.from_, span.to, event.date)
            if verdict != "ok":
                yield index, event, polity, verdict


@Check.of("TC302")
def party_not_existing(ctx: Context) -> Iterator[Finding]:
    """TC302: a party did not exist on the date of an event it took part in."""
    bounds = _existence_bounds(ctx)
    predecessors: dict[str, list[str]] | None = None  # built on the first finding that needs it
    for treaty in _may_miss_a_party(ctx, bounds):
        for index, event, polity, verdict in _outside_existence(ctx, treaty, bounds):
            assert polity.exists is not None and event.date is not None
            span = polity.exists
            bound = span.from_ if verdict == "before" else span.to
            assert bound is not None
            successor = ""
            if verdict == "after" and polity.succeeded_by:
                successor = f"; its successor is {polity.succeeded_by}"
            predecessor = ""
            if verdict == "before":
                if predecessors is None:
                    predecessors = _predecessors(ctx)
                earlier = predecessors.get(polity.id, [])
                if earlier:
                    predecessor = f"; at that time the polity was {', '.join(sorted(earlier))}"
            relation = "came into existence" if verdict == "before" else "ceased to exist"
            yield event_date_finding(
                ctx,
                "TC302",
                f"{treaty.id}: party {polity.id} {relation} on {bound.describe()}, "
                f"but the treaty was {event.type} on {event.date.describe()}"
                f"{predecessor}{successor}",
                treaty,
                index,
                Related(
                    ctx.location(polity, "exists", "from" if verdict == "before" else "to"),
                    f"{polity.id} exists",
                ),
            )


@Check.of("TC304")
def ratifier_not_party(ctx: Context) -> Iterator[Finding]:
    """TC304: a ratification by a polity that is not a party."""
    for treaty in ctx.dataset.treaties:
        parties: set[str] | None = None  # resolved only for treaties with a ratifier
        for index, event in enumerate(treaty.events):
            if event.type != "ratified" or event.by is None:
                continue
            by = ctx.resolve("polity", event.by).id
            if by is None:
                continue
            if parties is None:
                parties = set(ctx.party_ids(treaty))
            if by in parties:
                continue
            yield finding(
                "TC304",
                f"{treaty.id} is ratified by {by}, which is not among its parties "
                f"({', '.join(treaty.parties) or 'none listed'})",
                ctx.location(treaty, "events", index, "by"),
                subject=treaty.id,
                property="ratified.by",
                sources=ctx.record_sources(treaty, event),
            )


CHECKS = (bilateral_parties, party_not_existing, ratifier_not_party)
