"""Cross-source rules: where sources disagree and why (TC303, TC501-TC505).

The comparison itself is done once per run by :mod:`treatycheck.claims`
(``ctx.cross_source``); these rules turn its conflicts into findings and add
the explanations as separate findings at the same place: a calendar shift
(TC503), a date that belongs to another event of the treaty (TC504), a
misspelt name (TC505). TC303 reports polity names used outside the interval
in which they were correct.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import Any, Final

from .._denotation import Denotation, name_excludes
from .._names import name_key
from .._spelling import NearMisses
from ..claims import Conflict, CrossSource, Group, Statement, value_kind
from ..dates import HistDate, julian_to_ordinal, refines
from ..engine import Check, Context, EntityKind
from ..findings import Finding, Location, Related
from ..models import ASSERTION_FORMS, EVENT_TYPES, Select
from .catalogue import finding

__all__ = ["CHECKS", "name_references"]

_NAMED_KINDS: Final = ("polity", "place", "person")


def _where(ctx: Context, statement: Statement) -> Location:
    return ctx.location(statement.record, *statement.steps)


def _values(cross: CrossSource, group: Group, source: str) -> str:
    """Everything one source states about a group, as shown in messages."""
    own = [c for c in group.claims if c.sources[0] == source]
    if source in group.record_sources():
        own += group.record
    return " or ".join(dict.fromkeys(cross.show(group, s) for s in own))


@Check.of("TC501", "TC502", "TC503", "TC504")
def conflicting_values(ctx: Context) -> Iterator[Finding]:
    """TC501/TC502: sources that disagree; TC503/TC504: the likely reason."""
    cross = ctx.cross_source
    for conflict in cross.conflicts:
        group = conflict.group
        here, there = _where(ctx, conflict.statement), _where(ctx, conflict.other)
        if conflict.reference:
            yield _contradicts_reference(cross, conflict, here, there)
            sides = [(conflict.source, conflict.statement, here)]
        else:
            if _written_order(conflict.statement, here) < _written_order(conflict.other, there):
                conflict = Conflict(
                    group,
                    conflict.other_source,
                    conflict.other,
                    conflict.source,
                    conflict.statement,
                    reference=False,
                )
                here, there = there, here
            yield _conflicting(cross, conflict, here, there)
            sides = [(conflict.source, conflict.statement, here)]
            sides.append((conflict.other_source, conflict.other, there))
        related = (Related(there, "reference value" if conflict.reference else "other value"),)
        shift = _calendar_shift(conflict)
        if shift is not None:
            yield finding(
                "TC503",
                shift,
                here,
                subject=group.subject,
                property=group.property,
                related=related,
                sources=(conflict.source, conflict.other_source),
            )
        for source, statement, location in sides:
            if statement.explicit:
                yield from _other_event_date(ctx, cross, group, source, statement, location)


def _written_order(statement: Statement, location: Location) -> tuple[int, str, int]:
    """Where a statement comes in the order of writing, for placing TC501.

    A claim comes after any record value (it is what adds the disagreement);
    two claims are ordered by file, then by their place in the claims list,
    which is their line order. Line numbers are not needed, so nothing has to
    be looked up before the report is built.
    """
    pointer = location.pointer
    index = pointer[1] if len(pointer) > 1 and isinstance(pointer[1], int) else 0
    return (1 if statement.explicit else 0, location.path, index)


def _contradicts_reference(
    cross: CrossSource, conflict: Conflict, here: Location, there: Location
) -> Finding:
    group = conflict.group
    reference = conflict.other_source
    who = "reference" if reference == "reference" else f"the reference ({reference})"
    return finding(
        "TC502",
        f"{conflict.source} says {group.property} = {cross.show(group, conflict.statement)}; "
        f"{who} says {_values(cross, group, reference)}",
        here,
        subject=group.subject,
        property=group.property,
        related=(Related(there, "reference value"),),
        sources=(conflict.source, reference),
    )


def _conflicting(
    cross: CrossSource, conflict: Conflict, here: Location, there: Location
) -> Finding:
    group = conflict.group
    reference = cross.reference
    consensus = cross.consensus.get((group.subject, group.property))
    if reference is not None and reference in group.sources():
        support = (
            f"; the reference ({reference}) says {_values(cross, group, reference)}, "
            "which allows both"
        )
    elif consensus is not None and (best := consensus.most_supported()) is not None:
        support = f"; most supported: {best.shown} (sources {', '.join(best.sources)})"
    elif (group.subject, group.property) in cross.unranked:
        many = cross.unranked[(group.subject, group.property)]
        support = f"; sources give {many} different values, too many to rank"
    else:
        support = "; no value is better supported than the other"
    return finding(
        "TC501",
        f"{conflict.source} says {group.property} = {cross.show(group, conflict.statement)}; "
        f"{conflict.other_source} says {cross.show(group, conflict.other)}{support}",
        here,
        subject=group.subject,
        property=group.property,
        related=(Related(there, f"{conflict.other_source}'s value"),),
        sources=(conflict.source, conflict.other_source),
    )


def _calendar_shift(conflict: Conflict) -> str | None:
    """The TC503 message when two exact days are one day read in both calendars."""
    if conflict.group.kind != "date":
        return None
    a, b = conflict.statement.key, conflict.other.key
    if not (isinstance(a, tuple) and isinstance(b, tuple) and a[0] == a[1] and b[0] == b[1]):
        return None
    early, late = sorted((a[0], b[0]))
    label = _dt.date.fromordinal(early)
    if julian_to_ordinal(label.year, label.month, label.day) != late:
        return None
    old, new = label.isoformat(), _dt.date.fromordinal(late).isoformat()
    return (
        f"{old} and {new} are {late - early} days apart, the Julian-Gregorian offset in "
        f"{label.year}: {old} is probably the Old Style (Julian) date of {new}; if the source "
        f"gives Old Style, write {{julian: {old}}}"
    )


def _other_event_date(
    ctx: Context,
    cross: CrossSource,
    group: Group,
    source: str,
    statement: Statement,
    location: Location,
) -> Iterator[Finding]:
    """TC504: a claimed date that is (or contains) another event's date in the record."""
    event_type, _, field = group.property.partition(".")
    treaty = ctx.treaties.get(group.subject)
    value = statement.written
    if treaty is None or field != "date" or event_type not in EVENT_TYPES:
        return
    if not isinstance(value, HistDate):
        return
    for index, event in enumerate(treaty.events):
        other = event.date
        if event.type == event_type or other is None:
            continue
        if refines(other, value) or refines(value, other):
            yield finding(
                "TC504",
                f"{source} gives {group.property} = {value.text}, which is the date of "
                f"{event.type} ({other.text}) in the record of {treaty.id}: the source may "
                f"have taken the {event.type} date for the {event_type} date",
                location,
                subject=group.subject,
                property=group.property,
                related=(Related(ctx.location(treaty, "events", index, "date"), event.type),),
                sources=(source,),
            )
            return


# -- TC505 spelling variants ---------------------------------------------------------


def name_references(ctx: Context) -> Iterator[tuple[EntityKind, str, Any, tuple[Any, ...], str]]:
    """References to polities, places and people outside claims that are not ids.

    Yields (kind, ref, record, steps, subject): the same references TC101
    checks (rules/integrity.py), less those that name a record by its id, and
    without locations (made only for findings).
    """
    data = ctx.dataset
    for polity in data.polities:
        for key in ("succeeded_by", "preceded_by"):
            ref = getattr(polity, key)
            if ref is not None:
                yield "polity", ref, polity, (key,), polity.id
    for group in data.groups:
        for i, ref in enumerate(group.members):
            yield "polity", ref, group, ("members", i), group.id
        for variant, members in sorted(group.variants.items()):
            for i, ref in enumerate(members):
                yield "polity", ref, group, ("variants", variant, i), group.id
    for person in data.people:
        for i, office in enumerate(person.offices):
            if office.polity is not None:
                yield "polity", office.polity, person, ("offices", i, "polity"), person.id
    # The bulk of the references, without ids, from the pass over the treaties that
    # TC101 shares.
    yield from ctx.treaty_references
    for assertion in data.assertions:
        form = next((key for key in ASSERTION_FORMS if hasattr(assertion, key)), None)
        if form is None:
            continue
        spec = getattr(assertion, form)
        held = getattr(spec, "office", None)
        if held is not None:
            yield "person", held.person, assertion, (form, "office", "person"), assertion.id
        select = getattr(spec, "select", None)
        if isinstance(select, Select):
            if select.party is not None:
                yield "polity", select.party, assertion, (form, "select", "party"), assertion.id
            for i, ref in enumerate(select.parties or ()):
                yield "polity", ref, assertion, (form, "select", "parties", i), assertion.id
        for i, ref in enumerate(getattr(spec, "counterparties", None) or ()):
            yield "polity", ref, assertion, (form, "counterparties", i), assertion.id


@Check.of("TC505")
def spelling_variant(ctx: Context) -> Iterator[Finding]:
    """TC505: a name that resolves to nothing but is a near miss of exactly one known name."""
    tables = {kind: ctx.table(kind) for kind in _NAMED_KINDS}
    for kind, ref, record, steps, subject in name_references(ctx):
        if ref in tables[kind]:
            continue
        resolution = ctx.resolve(kind, ref)
        # Exactly the references TC101 leaves to this rule (integrity.unknown_reference).
        if resolution.ok or not resolution.by_name or len(resolution.suggestions) != 1:
            continue
        yield _spelling_finding(
            ctx, kind, ref, resolution.suggestions[0], ctx.location(record, *steps), subject
        )
    yield from _claim_spellings(ctx)


def _spelling_finding(
    ctx: Context,
    kind: str,
    ref: str,
    suggestion: str,
    location: Location,
    subject: str | None,
    prop: str | None = None,
    sources: tuple[str, ...] = (),
) -> Finding:
    ids = ctx.names.get(kind, {}).get(name_key(suggestion), ())
    return finding(
        "TC505",
        f"'{ref}' is not a known {kind} name; probably '{suggestion}'"
        + (f" ({', '.join(ids)})" if ids else ""),
        location,
        subject=subject,
        property=prop,
        sources=sources,
    )


def _claim_spellings(ctx: Context) -> Iterator[Finding]:
    """TC505 for place and party names in claims that resolve to nothing."""
    names = ctx.denotation
    indexes: dict[str, NearMisses] = {}
    for claim in ctx.claim_index.unresolved:  # the claims with such a name
        prop = claim.property
        if prop != "parties" and not prop.endswith(".place"):
            continue
        kind = value_kind(prop)
        if kind == "place" and isinstance(claim.value, str):
            items: list[tuple[str, tuple[Any, ...]]] = [(claim.value, ("value",))]
            target = "place"
        elif kind == "parties" and isinstance(claim.value, list):
            items = [(str(v), ("value", i)) for i, v in enumerate(claim.value)]
            target = "polity"
        else:
            continue
        for text, steps in items:
            if names.lookup("polity", text) is not None:
                continue
            if target == "place" and names.lookup("place", text) is not None:
                continue
            if target not in indexes:
                indexes[target] = NearMisses(ctx.display_names[target])
            near = indexes[target].near(text)
            if len(near) != 1:
                continue
            yield _spelling_finding(
                ctx,
                target,
                text,
                near[0],
                ctx.location(claim, *steps),
                claim.about,
                claim.property,
                (claim.source,),
            )


# -- TC303 anachronistic names -------------------------------------------------------


@Check.of("TC303")
def anachronistic_name(ctx: Context) -> Iterator[Finding]:
    """TC303: a polity named by a name that was not its name on the event's date."""
    names = ctx.denotation
    treaties = ctx.treaties
    # The party lists are among the references that are not ids (the pass TC101 shares).
    for _, ref, treaty, steps, subject in ctx.treaty_references:
        if steps[0] != "parties" or treaties.get(subject) is not treaty:
            continue  # another reference, or a later definition of a repeated id
        day = names.treaty_day(subject)
        if day is None:
            continue
        message = _anachronism(ctx, names, ref, day)
        if message is not None:
            sources = ctx.record_sources(treaty)
            yield finding(
                "TC303",
                f"{', '.join(sources) or subject} {message}",
                ctx.location(treaty, *steps),
                subject=subject,
                property="parties",
                sources=sources,
            )
    for claim, window in ctx.claim_index.polity_names:  # claims naming a polity by name
        treaty_day = names.treaty_day(claim.about)  # each of them is about a treaty
        if window is not None and (
            treaty_day is None
            or (treaty_day.latest >= window[0] and treaty_day.earliest <= window[1])
        ):
            continue  # a party list with no date, or every name of it certainly valid then
        prop = claim.property
        if prop != "parties" and not prop.endswith(".place"):
            continue
        kind = value_kind(prop)
        if kind == "parties" and isinstance(claim.value, list):
            day = treaty_day
            named: list[tuple[str, tuple[str | int, ...]]] = [
                (str(v), ("value", i)) for i, v in enumerate(claim.value)
            ]
        elif kind == "place" and isinstance(claim.value, str):
            if names.lookup("place", claim.value) is not None:
                continue
            claimed = treaties.get(claim.about)
            event_type = prop.partition(".")[0]
            day = (ctx.first_date(claimed, event_type) if claimed else None) or treaty_day
            named = [(claim.value, ("value",))]
        else:
            continue
        if day is None:
            continue
        for text, steps in named:
            if text in ctx.polities:
                continue
            message = _anachronism(ctx, names, text, day)
            if message is not None:
                yield finding(
                    "TC303",
                    f"{claim.source} {message}",
                    ctx.location(claim, *steps),
                    subject=claim.about,
                    property=claim.property,
                    sources=(claim.source,),
                )


def _anachronism(ctx: Context, names: Denotation, ref: str, day: HistDate) -> str | None:
    """What is wrong with calling a polity ``ref`` on ``day`` (None when nothing is)."""
    validity = names.name_validity(ref)
    if validity is None:
        return None
    bearer, lows_highs, start = validity
    first, last = day.earliest, day.latest
    if (start is None or last >= start) and any(
        low <= last and first <= high for low, high in lows_highs
    ):
        return None  # the usual case, decided without building anything
    polity = ctx.polities[bearer]
    spans = names.spans_named(bearer, ref)
    verdicts = [name_excludes(span, day) for span in spans]
    excluded = bool(spans) and all(v is not None for v in verdicts)
    meant = names.contemporary(bearer, day)
    if not excluded and meant is None:
        return None
    meant = meant or bearer
    if excluded:
        span, verdict = spans[0], verdicts[0]
        bound = span.from_ if verdict == "before" else span.to
        assert bound is not None
        why = f"a name valid {'from' if verdict == 'before' else 'until'} {bound.describe()}"
        if meant != bearer:
            why += f" (the name of its successor {bearer})"
    else:
        began = polity.exists.from_ if polity.exists else None
        why = f"a name of {bearer}, which came into existence on " + (
            began.describe() if began else "a later date"
        )
    valid = names.name_at(meant, day)
    then = (
        f"at that date it was '{valid}'"
        if valid
        else f"no registered name of {meant} is certain for that date"
    )
    return f"calls {meant} '{ref}' for {day.describe()}, {why}; {then}"


CHECKS = (conflicting_values, spelling_variant, anachronistic_name)
