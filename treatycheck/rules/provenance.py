"""Provenance rules: unsourced records, claims after publication (TC601, TC602)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import HistDate, before
from ..engine import Check, Context
from ..findings import Finding, Related
from .catalogue import event_date_finding, finding

__all__ = ["CHECKS"]


@Check.of("TC601")
def unsourced(ctx: Context) -> Iterator[Finding]:
    """TC601: a treaty or event with no source of its own and no reference source."""
    if ctx.reference is not None:
        return
    for treaty in ctx.dataset.treaties:
        if treaty.sources:
            continue
        unsourced_events = [i for i, e in enumerate(treaty.events) if not e.sources]
        if treaty.events and not unsourced_events:
            continue  # every event carries its own sources
        what = "treaty" if not treaty.events else f"treaty and {len(unsourced_events)} event(s)"
        yield finding(
            "TC601",
            f"{treaty.id}: {what} without sources, and the dataset has no reference source; "
            "add sources: [...] to the record or its events",
            ctx.location(treaty, "id"),
            subject=treaty.id,
        )


@Check.of("TC602")
def claim_after_publication(ctx: Context) -> Iterator[Finding]:
    """TC602: a source describes an event that happened after it was published."""
    seen: set[tuple[str, str, str]] = set()
    for claim in ctx.dataset.claims:
        source = ctx.sources.get(claim.source)
        if source is None or source.published is None:
            continue
        event_type, _, field = claim.property.partition(".")
        if field not in ("date", "place"):
            continue
        treaty = ctx.treaties.get(claim.about)
        day: HistDate | None = None
        steps: tuple[str, ...] = ()  # the location is made only for a finding
        if field == "date" and isinstance(claim.value, HistDate):
            day = claim.value
            steps = ("value",)
        elif treaty is not None:
            day = ctx.first_date(treaty, event_type)
        if day is None or before(source.published, day) is not True:
            continue
        key = (source.id, claim.about, event_type)
        if key in seen:
            continue
        seen.add(key)
        yield finding(
            "TC602",
            f"{source.id} (published {source.published.describe()}) describes "
            f"{claim.about} {event_type} on {day.describe()}, after its publication",
            ctx.location(claim, *steps),
            subject=claim.about,
            property=claim.property,
            related=(Related(ctx.location(source, "published"), "publication date"),),
            sources=(source.id,),
        )
    # The events and the sources that state them, as in ctx.stated_events, walked
    # directly: only sources with a publication date can give a finding.
    published = {sid: s for sid, s in ctx.sources.items() if s.published is not None}
    if not published:
        return
    for treaty in ctx.dataset.treaties:
        for index, event in enumerate(treaty.events):
            if event.date is None:
                continue
            for source_id in ctx.record_sources(treaty, event):
                source = published.get(source_id)
                if source is None or source.published is None:
                    continue
                if before(source.published, event.date) is not True:
                    continue
                key = (source_id, treaty.id, event.type)
                if key in seen:
                    continue
                seen.add(key)
                yield event_date_finding(
                    ctx,
                    "TC602",
                    f"{source_id} (published {source.published.describe()}) is cited for "
                    f"{treaty.id} {event.type} on {event.date.describe()}, after its "
                    "publication",
                    treaty,
                    index,
                    Related(ctx.location(source, "published"), "publication date"),
                    sources=(source_id,),
                )


CHECKS = (unsourced, claim_after_publication)
