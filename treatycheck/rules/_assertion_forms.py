"""Evaluation of each assertion form under three-valued date logic."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ..dates import HistDate, Tri, after, before, on_or_before, tri_all, tri_and, tri_any, within
from ..engine import Context
from ..models import Select, TemporalSpec
from ..select import (
    EventChoice,
    Match,
    Selection,
    after_period,
    before_period,
    describe_bounds,
    resolve_loosely,
    select_treaties,
)
from . import _assertion_text as text
from ._assertion_text import Evidence, Outcome, Skip

__all__ = ["count", "during", "only", "precedes", "simultaneous", "temporal"]

# --- temporal forms ---------------------------------------------------------------

_RELATION: Final = {"before": "before", "after": "after", "on": "on", "within": "within"}


def temporal(ctx: Context, form: str, spec: TemporalSpec) -> Outcome:
    """``before``/``after``/``on``/``within``: the event against a period."""
    notes: list[str] = []
    choice = text.resolve_event(ctx, spec.of, notes)
    bound = spec.date
    relation = f"falls {_RELATION[form]} {bound.text}"
    missing = text.missing(choice)
    if missing is not None:
        return Outcome(
            None,
            f"{missing}; a date would decide whether it {relation}",
            (text.event_evidence(ctx, choice),),
            tuple(notes),
        )
    date = choice.date
    assert date is not None
    verdict: Tri
    if form == "before":
        verdict = before_period(date, bound)
    elif form == "after":
        verdict = after_period(date, bound)
    else:
        verdict = within(date, bound.earliest, bound.latest)
    shown = bound.describe()
    if verdict is True:
        detail = f"{text.phrase(choice)}, {_RELATION[form]} {shown}"
    elif verdict is False:
        detail = f"{text.phrase(choice)}, not {_RELATION[form]} {shown}"
    else:
        detail = (
            f"{text.known_only(choice)}; {text.precision(date)} would decide whether it {relation}"
        )
    return Outcome(verdict, detail, (text.event_evidence(ctx, choice),), tuple(notes))


# --- precedes ---------------------------------------------------------------------


def precedes(ctx: Context, first_ref: str, then_refs: Sequence[str]) -> Outcome:
    """``precedes``: the first event strictly before each of the others."""
    notes: list[str] = []
    first = text.resolve_event(ctx, first_ref, notes)
    thens = [text.resolve_event(ctx, ref, notes) for ref in then_refs]
    results: list[tuple[EventChoice, Tri]] = []
    for then in thens:
        if first.date is None or then.date is None:
            results.append((then, None))
        else:
            results.append((then, before(first.date, then.date)))
    offenders = sorted((c for c, r in results if r is False), key=text.date_key)
    unknown = sorted((c for c, r in results if r is None), key=text.date_key)
    first_evidence = text.event_evidence(ctx, first, " (said to come first)")
    if offenders:
        first_date = first.date
        assert first_date is not None
        strictly = [c for c in offenders if c.date is not None and after(first_date, c.date)]
        same = [c for c in offenders if c not in strictly]
        parts = []
        if strictly:
            parts.append(f"after {text.listing(text.bracket(c) for c in strictly)}")
        if same:
            parts.append(f"not before {text.listing(text.bracket(c) for c in same)}")
        detail = f"{text.phrase(first)}, {' and '.join(parts)}"
        if unknown:
            detail += f"; undecided for {text.listing(c.ref for c in unknown)}"
        evidence = tuple(text.event_evidence(ctx, c, " (does not follow it)") for c in offenders)
        return Outcome(False, detail, (first_evidence, *evidence), tuple(notes))
    if unknown:
        reasons = [_undecided_order(first, then) for then in unknown]
        evidence = tuple(text.event_evidence(ctx, c) for c in unknown)
        return Outcome(None, "; ".join(reasons), (first_evidence, *evidence), tuple(notes))
    ordered = sorted(thens, key=text.date_key)
    detail = f"{text.phrase(first)}, before {text.listing(text.bracket(c) for c in ordered)}"
    evidence = tuple(text.event_evidence(ctx, c) for c in ordered)
    return Outcome(True, detail, (first_evidence, *evidence), tuple(notes))


def _undecided_order(first: EventChoice, then: EventChoice) -> str:
    """Why it is unknown whether ``first`` precedes ``then``, and what would decide it."""
    first_coarse = first.date is None or not first.date.is_day
    then_coarse = then.date is None or not then.date.is_day
    if first_coarse and not then_coarse:
        assert then.date is not None
        question = f"it precedes {then.date.describe()} ({then.ref})"
        known, widest = text.known_only(first), first.date
    elif then_coarse and not first_coarse:
        assert first.date is not None
        question = f"it follows {first.date.describe()} ({first.ref})"
        known, widest = text.known_only(then), then.date
    else:
        question = f"{first.ref} precedes {then.ref}"
        known = f"{text.known_only(first)} and {text.known_only(then)}"
        widest = (
            None
            if first.date is None or then.date is None
            else (first.date if first.date.span_days >= then.date.span_days else then.date)
        )
    return f"{known}; {text.precision(widest)} would decide whether {question}"


# --- simultaneous -----------------------------------------------------------------


def _days(n: int) -> str:
    """``1 day``, ``92 days``."""
    return f"{n} day" if n == 1 else f"{n} days"


def simultaneous(ctx: Context, refs: Sequence[str], tolerance: int) -> Outcome:
    """``simultaneous``: all events within ``tolerance`` days of each other."""
    notes: list[str] = []
    choices = [text.resolve_event(ctx, ref, notes) for ref in refs]
    ordered = sorted(choices, key=text.date_key)
    evidence = tuple(text.event_evidence(ctx, c) for c in ordered)
    dated = [(c, c.date) for c in ordered if c.date is not None]
    missing = [c for c in ordered if c.date is None]
    listing = text.listing(text.bracket(c) for c in ordered)
    allowed = f"the tolerance of {_days(tolerance)}"
    if len(dated) >= 2:
        soonest_end, end_date = min(dated, key=lambda item: (item[1].latest, item[0].ref))
        latest_start, start_date = max(dated, key=lambda item: (item[1].earliest, item[0].ref))
        gap = start_date.earliest - end_date.latest
        if gap > tolerance:
            exact = end_date.is_day and start_date.is_day
            if len(ordered) == 2 and not missing:
                opening = (
                    f"{text.phrase(soonest_end)} and {latest_start.treaty.id} "
                    f"{text.when(start_date)}"
                )
            else:
                opening = f"{soonest_end.treaty.id} and {latest_start.treaty.id} of {listing}"
            apart = f"{_days(gap)} apart" if exact else f"at least {_days(gap)} apart"
            detail = f"{opening}: {apart}, more than {allowed}"
            return Outcome(False, detail, evidence, tuple(notes))
    if missing:
        detail = (
            f"{'; '.join(text.missing(c) or '' for c in missing)}; dates would decide whether "
            f"{text.listing(c.ref for c in choices)} fall within {_days(tolerance)} of each other"
        )
        return Outcome(None, detail, evidence, tuple(notes))
    spread = max(d.latest for _, d in dated) - min(d.earliest for _, d in dated)
    if spread <= tolerance:
        return Outcome(True, f"{listing}: within {allowed}", evidence, tuple(notes))
    coarse = [(c, d) for c, d in dated if not d.is_day]
    widest = max((d for _, d in coarse), key=lambda d: d.span_days, default=None)
    detail = (
        f"{'; '.join(text.known_only(c) for c, _ in coarse)}; "
        f"{text.precision(widest)} would decide whether "
        f"{text.listing(c.ref for c in choices)} fall within {_days(tolerance)} of each other"
    )
    return Outcome(None, detail, evidence, tuple(notes))


# --- only and count ---------------------------------------------------------------


def _selection(ctx: Context, select: Select, notes: list[str]) -> Selection:
    """Apply a select; raises Skip when a reference in it does not resolve (TC101)."""
    selection = select_treaties(ctx, select)
    if not selection.ok:
        raise Skip(", ".join(selection.unresolved))
    notes.extend(selection.readings)
    notes.extend(m.choice.note for m in (*selection.matched, *selection.possible) if m.choice.note)
    return selection


def _undecided_matches(possible: Sequence[Match], select: Select) -> str:
    """Why some treaties may or may not match, and what would decide it."""
    bounds = describe_bounds(select)
    reasons = []
    for match in possible:
        choice = match.choice
        reasons.append(
            f"{text.known_only(choice)}, so {text.precision(choice.date)} would decide "
            f"whether it is {bounds} (it would add {text.listing(match.counterparties)})"
        )
    return "; ".join(reasons)


def _why_absent(selection: Selection, outside: Sequence[Match], counterparty: str) -> str:
    """Why an expected counterparty is not among the selection's."""
    select = selection.select
    for match in outside:
        if counterparty in match.counterparties:
            choice = match.choice
            shown = (
                f"{text.VERB[choice.event_type][0]} {text.when(choice.date)}"
                if choice.date is not None
                else f"has no {choice.event_type} date"
            )
            return f"{counterparty}'s {choice.treaty.id} {shown}, not {describe_bounds(select)}"
    if selection.members is not None and counterparty not in selection.members:
        which = f"variant {select.variant}" if select.variant else "its default members"
        return f"{counterparty} is not a member of {select.group} ({which})"
    return f"no treaty of the selection has {counterparty} as a party"


def only(ctx: Context, select: Select, counterparties: Sequence[str]) -> Outcome:
    """``only``: the selection's counterparties are exactly these."""
    notes: list[str] = []
    selection = _selection(ctx, select, notes)
    expected: set[str] = set()
    for ref in counterparties:
        polity, reading = resolve_loosely(ctx, "polity", ref)
        if polity is None:
            raise Skip(ref)
        if reading is not None:
            notes.append(reading)
        expected.add(polity)
    definite = set(selection.counterparties)
    usable = [m for m in selection.possible if set(m.counterparties) <= expected]
    reachable = definite | {c for m in usable for c in m.counterparties}
    extra = sorted(definite - expected)
    unreachable = sorted(expected - reachable)
    scope = text.describe_select(select)
    wanted = text.listing(sorted(expected))
    found = text.listing(
        (
            f"{text.bracket(m.choice)} with {text.listing(m.counterparties)}"
            for m in selection.matched
        ),
        text.LIST_LIMIT,
    )
    if extra or unreachable:
        parts = [f"the treaties selected ({scope}) are {found}"]
        evidence: list[Evidence] = []
        for counterparty in extra:
            bringing = [m for m in selection.matched if counterparty in m.counterparties]
            parts.append(
                f"{counterparty} is not among {wanted} but is a party to "
                f"{text.listing((text.bracket(m.choice) for m in bringing), text.LIST_LIMIT)}"
            )
            evidence.extend(
                text.match_evidence(ctx, m, f" (adds {counterparty})") for m in bringing
            )
        outside = selection.outside if unreachable else ()
        for counterparty in unreachable:
            parts.append(_why_absent(selection, outside, counterparty))
            evidence.extend(
                text.match_evidence(ctx, m, f" (outside the bounds; would add {counterparty})")
                for m in outside
                if counterparty in m.counterparties
            )
        return Outcome(False, "; ".join(parts), tuple(evidence), tuple(notes))
    all_evidence = tuple(text.match_evidence(ctx, m) for m in selection.matched)
    if definite == expected and not selection.possible_counterparties:
        detail = f"the treaties selected ({scope}) are {found}: counterparties exactly {wanted}"
        return Outcome(True, detail, all_evidence, tuple(notes))
    deciding = [m for m in selection.possible if not set(m.counterparties) <= definite]
    detail = (
        f"the treaties definitely selected ({scope}) are {found}; "
        f"{_undecided_matches(deciding, select)}"
    )
    undecided = all_evidence + tuple(text.match_evidence(ctx, m, " (may match)") for m in deciding)
    return Outcome(None, detail, undecided, tuple(notes))


def count(
    ctx: Context, spec_select: Select, equals: int | None, at_least: int | None, at_most: int | None
) -> Outcome:
    """``count``: how many treaties the selection matches."""
    notes: list[str] = []
    selection = _selection(ctx, spec_select, notes)
    low = len(selection.matched)
    high = low + len(selection.possible)
    checks: list[Tri] = []
    wanted: list[str] = []
    if equals is not None:
        checks.append(True if low == high == equals else (None if low <= equals <= high else False))
        wanted.append(f"exactly {equals}")
    if at_least is not None:
        checks.append(True if low >= at_least else (None if high >= at_least else False))
        wanted.append(f"at least {at_least}")
    if at_most is not None:
        checks.append(True if high <= at_most else (None if low <= at_most else False))
        wanted.append(f"at most {at_most}")
    verdict = tri_all(checks)
    scope = text.describe_select(spec_select)
    found = text.listing((text.bracket(m.choice) for m in selection.matched), text.LIST_LIMIT)
    expected = " and ".join(wanted)
    noun = "treaty matches" if low == 1 else "treaties match"
    detail = f"{low} {noun} ({scope}): {found}; expected {expected}"
    evidence = tuple(text.match_evidence(ctx, m) for m in selection.matched)
    if selection.possible:
        detail += (
            f"; {len(selection.possible)} more may match: "
            f"{_undecided_matches(selection.possible, spec_select)}"
        )
        evidence += tuple(text.match_evidence(ctx, m, " (may match)") for m in selection.possible)
    return Outcome(verdict, detail, evidence, tuple(notes))


# --- during -----------------------------------------------------------------------


def _bound_text(date: HistDate | None) -> str:
    """An office bound in words."""
    return date.describe() if date is not None else "an unknown date"


def during(ctx: Context, of: str, person_ref: str, role: str) -> Outcome:
    """``during``: the event fell within one of the person's terms in the role."""
    notes: list[str] = []
    choice = text.resolve_event(ctx, of, notes)
    person_id, reading = resolve_loosely(ctx, "person", person_ref)
    if person_id is None:
        raise Skip(person_ref)
    if reading is not None:
        notes.append(reading)
    person = ctx.people[person_id]
    offices = [(i, o) for i, o in enumerate(person.offices) if o.role == role]
    evidence = [text.event_evidence(ctx, choice)]
    terms = []
    for i, office in offices:
        polity = f" of {office.polity}" if office.polity else ""
        term = f"{role}{polity} from {_bound_text(office.from_)} to {_bound_text(office.to)}"
        terms.append(term)
        evidence.append(Evidence(f"{person_id} office", term, ctx.location(person, "offices", i)))
    if not offices:
        return Outcome(
            False,
            f"the dataset records no {role} office for {person_id}",
            tuple(evidence),
            tuple(notes),
        )
    missing = text.missing(choice)
    if missing is not None:
        detail = (
            f"{missing}; a date would decide whether it falls within {person_id}'s term as "
            f"{text.listing(terms)}"
        )
        return Outcome(None, detail, tuple(evidence), tuple(notes))
    date = choice.date
    assert date is not None
    results: list[Tri] = []
    for _, office in offices:
        started = on_or_before(office.from_, date) if office.from_ is not None else None
        not_ended = on_or_before(date, office.to) if office.to is not None else None
        results.append(tri_and(started, not_ended))
    verdict = tri_any(results)
    held = text.listing(terms)
    if verdict is True:
        detail = f"{text.phrase(choice)}, while {person_id} held office as {held}"
    elif verdict is False:
        detail = f"{text.phrase(choice)}, outside {person_id}'s term as {held}"
    else:
        coarse = [f"{choice.ref} is known only as {date.describe()}"] if not date.is_day else []
        for _, office in offices:
            for name, bound in (("start", office.from_), ("end", office.to)):
                if bound is None:
                    coarse.append(f"the office's {name} is not recorded")
                elif not bound.is_day:
                    coarse.append(f"the office's {name} is known only as {bound.describe()}")
        detail = (
            f"{text.phrase(choice)}; {person_id} held office as {held}; "
            f"{'; '.join(coarse)}: more precise dates would decide"
        )
    return Outcome(verdict, detail, tuple(evidence), tuple(notes))
