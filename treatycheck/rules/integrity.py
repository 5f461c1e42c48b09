"""Integrity rules: references that resolve, ids defined once (TC101, TC102)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._names import closest, name_key
from ..engine import Check, Context, EntityKind
from ..findings import Finding, Related, resolve_locations
from ..models import ASSERTION_FORMS, AssertionBase, Select
from .catalogue import finding

__all__ = ["CHECKS"]

_WHAT = {
    "polity": "polity",
    "place": "place",
    "person": "person",
    "source": "source",
    "treaty": "treaty",
    "group": "group",
}


_Where = tuple[Any, tuple[str | int, ...]]
"""A record and the steps (keys, indexes) to a value inside it."""


def _references(ctx: Context) -> Iterator[tuple[EntityKind, str, _Where, str | None]]:
    """Every reference in the dataset that may not resolve: (kind, ref, where, subject).

    ``where`` is the record and the steps to the reference inside it; the
    location is made only for the few references that do not resolve.
    """
    data = ctx.dataset
    for polity in data.polities:
        for key in ("succeeded_by", "preceded_by"):
            ref = getattr(polity, key)
            if ref is not None:
                yield "polity", ref, (polity, (key,)), polity.id
        for i, ref in enumerate(polity.sources or ()):
            yield "source", ref, (polity, ("sources", i)), polity.id
    for group in data.groups:
        for i, ref in enumerate(group.members):
            yield "polity", ref, (group, ("members", i)), group.id
        for variant, members in sorted(group.variants.items()):
            for i, ref in enumerate(members):
                yield "polity", ref, (group, ("variants", variant, i)), group.id
        for i, ref in enumerate(group.sources or ()):
            yield "source", ref, (group, ("sources", i)), group.id
    for place in data.places:
        for i, ref in enumerate(place.sources or ()):
            yield "source", ref, (place, ("sources", i)), place.id
    for person in data.people:
        for i, office in enumerate(person.offices):
            if office.polity is not None:
                yield (
                    "polity",
                    office.polity,
                    (person, ("offices", i, "polity")),
                    (person.id),
                )
        for i, ref in enumerate(person.sources or ()):
            yield "source", ref, (person, ("sources", i)), person.id
    # Treaties and claims are most of the references, and nearly all of them are
    # plain ids of their kind, which resolve to themselves: those are not yielded.
    for kind, ref, treaty, steps, subject in ctx.treaty_references:
        yield kind, ref, (treaty, steps), subject
    sources = ctx.sources
    known = sources.__contains__
    for treaty in data.treaties:
        if treaty.sources and not all(map(known, treaty.sources)):
            for i, ref in enumerate(treaty.sources):
                if ref not in sources:
                    yield "source", ref, (treaty, ("sources", i)), treaty.id
        for i, event in enumerate(treaty.events):
            if event.sources:
                for j, ref in enumerate(event.sources):
                    if ref not in sources:
                        yield "source", ref, (treaty, ("events", i, "sources", j)), treaty.id
    for claim in data.claims:
        if claim.source not in sources:
            yield "source", claim.source, (claim, ("source",)), claim.about
    for assertion in data.assertions:
        yield from _assertion_references(ctx, assertion)


def _assertion_references(
    ctx: Context, assertion: AssertionBase
) -> Iterator[tuple[EntityKind, str, _Where, str | None]]:
    subject = assertion.id
    yield "source", assertion.source, (assertion, ("source",)), subject
    form = next(key for key in ASSERTION_FORMS if hasattr(assertion, key))
    spec = getattr(assertion, form)
    for key in ("of", "first"):
        ref = getattr(spec, key, None)
        if isinstance(ref, str):
            yield "treaty", ref.split(".", 1)[0], (assertion, (form, key)), subject
    for key in ("then", "events"):
        for i, ref in enumerate(getattr(spec, key, None) or ()):
            yield "treaty", ref.split(".", 1)[0], (assertion, (form, key, i)), subject
    office = getattr(spec, "office", None)
    if office is not None:
        yield "person", office.person, (assertion, (form, "office", "person")), subject
    select = getattr(spec, "select", None)
    if isinstance(select, Select):
        where = (form, "select")
        if select.party is not None:
            yield "polity", select.party, (assertion, (*where, "party")), subject
        for i, ref in enumerate(select.parties or ()):
            yield "polity", ref, (assertion, (*where, "parties", i)), subject
        if select.group is not None:
            yield "group", select.group, (assertion, (*where, "group")), subject
    for i, ref in enumerate(getattr(spec, "counterparties", None) or ()):
        yield "polity", ref, (assertion, (form, "counterparties", i)), subject


@Check.of("TC101")
def unknown_reference(ctx: Context) -> Iterator[Finding]:
    """TC101: every reference must resolve to a defined record."""
    for kind, ref, (record, steps), subject in _references(ctx):
        resolution = ctx.resolve(kind, ref)
        if resolution.ok:
            continue
        location = ctx.location(record, *steps)
        if resolution.by_name and len(resolution.suggestions) == 1 and kind != "source":
            continue  # a near miss of one known name: TC505 reports it with the suggestion
        if resolution.by_name and resolution.suggestions and ctx.names[kind].get(name_key(ref)):
            yield finding(
                "TC101",
                f"{_WHAT[kind]} name '{ref}' is ambiguous: it names "
                f"{', '.join(resolution.suggestions)}; use the id",
                location,
                subject=subject,
            )
            continue
        hint = (
            f"; did you mean '{resolution.suggestions[0]}'?"
            if len(resolution.suggestions) == 1
            else (
                f"; it is close to {', '.join(resolution.suggestions)}"
                if resolution.suggestions
                else ""
            )
        )
        yield finding(
            "TC101",
            f"{_WHAT[kind]} '{ref}' is not defined{hint}",
            location,
            subject=subject,
        )
    yield from _unknown_subjects(ctx)
    yield from _unknown_variants(ctx)


def _unknown_subjects(ctx: Context) -> Iterator[Finding]:
    """A claim must be about a defined record (a treaty, polity, place or person)."""
    defined = ctx.definitions
    for claim in ctx.dataset.claims:
        if claim.about in defined:
            continue
        resolution = ctx.resolve("polity", claim.about)
        if resolution.ok:
            continue
        hint = closest(claim.about, defined)
        yield finding(
            "TC101",
            f"claim is about '{claim.about}', which is not defined"
            + (f"; did you mean '{hint}'?" if hint else ""),
            ctx.location(claim, "about"),
            subject=claim.about,
            property=claim.property,
            sources=(claim.source,),
        )


def _unknown_variants(ctx: Context) -> Iterator[Finding]:
    for assertion in ctx.dataset.assertions:
        form = next(key for key in ASSERTION_FORMS if hasattr(assertion, key))
        select = getattr(getattr(assertion, form), "select", None)
        if not isinstance(select, Select) or select.variant is None or select.group is None:
            continue
        group = ctx.groups.get(select.group)
        if group is None or select.variant in group.variants:
            continue
        hint = closest(select.variant, group.variants)
        yield finding(
            "TC101",
            f"group {group.id} has no variant '{select.variant}'"
            + (f"; did you mean '{hint}'?" if hint else "")
            + (f" (variants: {', '.join(sorted(group.variants))})" if group.variants else ""),
            ctx.location(assertion, form, "select", "variant"),
            subject=assertion.id,
        )


@Check.of("TC102")
def duplicate_id(ctx: Context) -> Iterator[Finding]:
    """TC102: an id is defined once across all files and kinds of record."""
    repeated = [(rid, entries) for rid, entries in ctx.definitions.items() if len(entries) > 1]
    # The message needs the first definition's line: look them all up in one pass per file.
    firsts = [ctx.location(entries[0][1], "id") for _, entries in repeated]
    resolve_locations(firsts)
    for (record_id, entries), first_location in zip(repeated, firsts, strict=True):
        first_kind = entries[0][0]
        for kind, record in entries[1:]:
            yield finding(
                "TC102",
                f"id '{record_id}' ({kind}) is already defined ({first_kind}) at "
                f"{first_location.path}:{first_location.line}",
                ctx.location(record, "id"),
                subject=record_id,
                related=(Related(first_location, "first definition"),),
            )


CHECKS = (unknown_reference, duplicate_id)
