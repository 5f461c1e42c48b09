"""Assertion rules: checkable statements of sources and their verdicts (TC401, TC402, TC305).

Every assertion evaluates to ``holds``, ``violated`` or ``undetermined`` under
the three-valued date logic of :mod:`treatycheck.dates`, together with the
evidence that decided it. :func:`evaluate_all` returns every verdict (the
HTML report shows those that hold too); the check reports violated ones as
TC401, undetermined ones as TC402, and selections that rely on a group
variant as TC305. Assertions are data: nothing in them is evaluated as code,
and they read only the dataset's records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from ..dates import HistDate, Tri, after, before, on_or_before, tri_all, tri_and, tri_any, within
from ..engine import Check, Context
from ..findings import Finding, Location, Related
from ..models import ASSERTION_FORMS, AssertionBase, Select, TemporalSpec
from ..select import (
    EventChoice,
    Match,
    Selection,
    after_period,
    before_period,
    choose_event,
    describe_bounds,
    group_members,
    resolve_loosely,
    select_treaties,
)
from .catalogue import finding

__all__ = ["CHECKS", "Evidence", "Status", "Verdict", "evaluate", "evaluate_all"]

Status = Literal["holds", "violated", "undetermined"]

_STATUS: Final[dict[Tri, Status]] = {True: "holds", False: "violated", None: "undetermined"}

# How an event reads in a sentence ("was signed on") and in brackets ("signed").
_VERB: Final = {
    "negotiated": ("was negotiated", "negotiated"),
    "initialed": ("was initialed", "initialed"),
    "signed": ("was signed", "signed"),
    "ratified": ("was ratified", "ratified"),
    "ratifications-exchanged": ("had its ratifications exchanged", "ratifications exchanged"),
    "in-force": ("entered into force", "in force"),
    "registered": ("was registered", "registered"),
    "denounced": ("was denounced", "denounced"),
    "expired": ("expired", "expired"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A record that decided a verdict, or whose precision would decide it."""

    label: str
    """What it is: ``soviet-polish-non-aggression-1932.signed``, ``edouard-herriot office``."""
    text: str
    """What it says: ``signed 1932-07-25``."""
    location: Location


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one assertion: its status, the explanation and the evidence."""

    assertion: AssertionBase
    form: str
    status: Status
    detail: str
    """Why, in words, naming the deciding records and their dates."""
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()
    """How references were read (near misses, several events of one type)."""

    @property
    def message(self) -> str:
        """The full sentence: who says what, the verdict and why."""
        assertion = self.assertion
        said = (
            f'{assertion.source} says "{assertion.says}"'
            if assertion.says
            else f"{assertion.source} asserts {assertion.id}"
        )
        notes = f" ({'; '.join(self.notes)})" if self.notes else ""
        return f"{said}: {self.status} — {self.detail}{notes}"


@dataclass(frozen=True, slots=True)
class _Outcome:
    verdict: Tri
    detail: str
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()


class _Skip(Exception):
    """A reference did not resolve; another rule (TC101, TC505) reports it."""


# --- words ------------------------------------------------------------------------


def _when(date: HistDate) -> str:
    return f"on {date.describe()}" if date.is_day else f"in {date.describe()}"


def _phrase(choice: EventChoice) -> str:
    """``X was signed on 1932-07-25``."""
    verb = _VERB[choice.event_type][0]
    date = choice.date
    assert date is not None
    return f"{choice.treaty.id} {verb} {_when(date)}"


def _bracket(choice: EventChoice) -> str:
    """``X (signed 1932-07-25)``."""
    date = choice.date
    shown = date.describe() if date is not None else "no date"
    return f"{choice.treaty.id} ({_VERB[choice.event_type][1]} {shown})"


def _missing(choice: EventChoice) -> str | None:
    """Why an event has no usable date, or None when it has one."""
    if choice.event is None:
        return f"{choice.treaty.id} has no {choice.event_type} event in the dataset"
    if choice.date is None:
        return f"{choice.ref} has no date in the dataset"
    return None


def _precision(date: HistDate | None) -> str:
    """What precision would refine a value: ``a date to the month or day``."""
    if date is None:
        return "a date"
    first, last = date.first, date.last
    if (first.year, first.month) == (last.year, last.month):
        return "a date to the day"
    if first.year == last.year:
        return "a date to the month or day"
    return "a date to the year, month or day"


def _known_only(choice: EventChoice) -> str:
    """``X.signed is known only as 1932 (1932-01-01..1932-12-31)``, or why it has no date."""
    missing = _missing(choice)
    if missing is not None:
        return missing
    assert choice.date is not None
    return f"{choice.ref} is known only as {choice.date.describe()}"


def _listing(items: Iterable[str]) -> str:
    return ", ".join(items) or "none"


def _describe_select(select: Select) -> str:
    parts = []
    if select.kind is not None:
        kinds = [select.kind] if isinstance(select.kind, str) else select.kind
        parts.append(f"kind {' or '.join(kinds)}")
    if select.party is not None:
        parts.append(f"party {select.party}")
    if select.parties:
        parts.append(f"parties {', '.join(select.parties)}")
    if select.group is not None:
        variant = f" (variant {select.variant})" if select.variant else ""
        parts.append(f"group {select.group}{variant}")
    bounds = describe_bounds(select)
    if bounds:
        parts.append(bounds)
    return "; ".join(parts) or "all treaties"


# --- evidence ---------------------------------------------------------------------


def _event_location(ctx: Context, choice: EventChoice) -> Location:
    if choice.index is None:
        return ctx.location(choice.treaty)
    if choice.date is None:
        return ctx.location(choice.treaty, "events", choice.index)
    return ctx.location(choice.treaty, "events", choice.index, "date")


def _event_evidence(ctx: Context, choice: EventChoice, role: str = "") -> Evidence:
    date = choice.date
    if choice.event is None:
        text = f"no {choice.event_type} event"
    elif date is None:
        text = f"{choice.event_type}, no date"
    else:
        text = f"{_VERB[choice.event_type][1]} {date.describe()}"
    return Evidence(choice.ref, f"{text}{role}", _event_location(ctx, choice))


def _match_evidence(ctx: Context, match: Match, role: str = "") -> Evidence:
    return _event_evidence(ctx, match.choice, role)


def _event(ctx: Context, ref: str, notes: list[str]) -> EventChoice:
    treaty_id, _, event_type = ref.partition(".")
    treaty = ctx.treaties.get(treaty_id)
    if treaty is None:
        raise _Skip(ref)
    choice = choose_event(treaty, event_type)
    if choice.note is not None:
        notes.append(choice.note)
    return choice


def _date_key(choice: EventChoice) -> tuple[int, int, str]:
    date = choice.date
    if date is None:
        return (1 << 30, 1 << 30, choice.ref)
    return (date.earliest, date.latest, choice.ref)


# --- temporal forms ---------------------------------------------------------------

_RELATION: Final = {"before": "before", "after": "after", "on": "on", "within": "within"}


def _temporal(ctx: Context, form: str, spec: TemporalSpec) -> _Outcome:
    notes: list[str] = []
    choice = _event(ctx, spec.of, notes)
    bound = spec.date
    relation = f"falls {_RELATION[form]} {bound.text}"
    missing = _missing(choice)
    if missing is not None:
        return _Outcome(
            None,
            f"{missing}; a date would decide whether it {relation}",
            (_event_evidence(ctx, choice),),
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
        detail = f"{_phrase(choice)}, {_RELATION[form]} {shown}"
    elif verdict is False:
        detail = f"{_phrase(choice)}, not {_RELATION[form]} {shown}"
    else:
        detail = f"{_known_only(choice)}; {_precision(date)} would decide whether it {relation}"
    return _Outcome(verdict, detail, (_event_evidence(ctx, choice),), tuple(notes))


# --- precedes ---------------------------------------------------------------------


def _precedes(ctx: Context, first_ref: str, then_refs: Sequence[str]) -> _Outcome:
    notes: list[str] = []
    first = _event(ctx, first_ref, notes)
    thens = [_event(ctx, ref, notes) for ref in then_refs]
    results: list[tuple[EventChoice, Tri]] = []
    for then in thens:
        if first.date is None or then.date is None:
            results.append((then, None))
        else:
            results.append((then, before(first.date, then.date)))
    offenders = sorted((c for c, r in results if r is False), key=_date_key)
    unknown = sorted((c for c, r in results if r is None), key=_date_key)
    first_evidence = _event_evidence(ctx, first, " (said to come first)")
    if offenders:
        assert first.date is not None
        strictly = [c for c in offenders if after(first.date, c.date) is True]  # type: ignore[arg-type]
        same = [c for c in offenders if c not in strictly]
        parts = []
        if strictly:
            parts.append(f"after {_listing(_bracket(c) for c in strictly)}")
        if same:
            parts.append(f"not before {_listing(_bracket(c) for c in same)}")
        detail = f"{_phrase(first)}, {' and '.join(parts)}"
        if unknown:
            detail += f"; undecided for {_listing(c.ref for c in unknown)}"
        evidence = tuple(_event_evidence(ctx, c, " (does not follow it)") for c in offenders)
        return _Outcome(False, detail, (first_evidence, *evidence), tuple(notes))
    if unknown:
        reasons = [_undecided_order(first, then) for then in unknown]
        evidence = tuple(_event_evidence(ctx, c) for c in unknown)
        return _Outcome(None, "; ".join(reasons), (first_evidence, *evidence), tuple(notes))
    ordered = sorted(thens, key=_date_key)
    detail = f"{_phrase(first)}, before {_listing(_bracket(c) for c in ordered)}"
    evidence = tuple(_event_evidence(ctx, c) for c in ordered)
    return _Outcome(True, detail, (first_evidence, *evidence), tuple(notes))


def _undecided_order(first: EventChoice, then: EventChoice) -> str:
    """Why it is unknown whether ``first`` precedes ``then``, and what would decide it."""
    first_coarse = first.date is None or not first.date.is_day
    then_coarse = then.date is None or not then.date.is_day
    if first_coarse and not then_coarse:
        assert then.date is not None
        question = f"it precedes {then.date.describe()} ({then.ref})"
        known, widest = _known_only(first), first.date
    elif then_coarse and not first_coarse:
        assert first.date is not None
        question = f"it follows {first.date.describe()} ({first.ref})"
        known, widest = _known_only(then), then.date
    else:
        question = f"{first.ref} precedes {then.ref}"
        known = f"{_known_only(first)} and {_known_only(then)}"
        widest = (
            None
            if first.date is None or then.date is None
            else (first.date if first.date.span_days >= then.date.span_days else then.date)
        )
    return f"{known}; {_precision(widest)} would decide whether {question}"


# --- simultaneous -----------------------------------------------------------------


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _simultaneous(ctx: Context, refs: Sequence[str], tolerance: int) -> _Outcome:
    notes: list[str] = []
    choices = [_event(ctx, ref, notes) for ref in refs]
    ordered = sorted(choices, key=_date_key)
    evidence = tuple(_event_evidence(ctx, c) for c in ordered)
    dated = [c for c in ordered if c.date is not None]
    missing = [c for c in ordered if c.date is None]
    listing = _listing(_bracket(c) for c in ordered)
    allowed = f"the tolerance of {_days(tolerance)}"
    if len(dated) >= 2:
        soonest_end = min(dated, key=lambda c: (c.date.latest, c.ref))  # type: ignore[union-attr]
        latest_start = max(dated, key=lambda c: (c.date.earliest, c.ref))  # type: ignore[union-attr]
        assert soonest_end.date is not None and latest_start.date is not None
        gap = latest_start.date.earliest - soonest_end.date.latest
        if gap > tolerance:
            exact = soonest_end.date.is_day and latest_start.date.is_day
            if len(ordered) == 2 and not missing:
                opening = (
                    f"{_phrase(soonest_end)} and {latest_start.treaty.id} "
                    f"{_when(latest_start.date)}"
                )
            else:
                opening = f"{soonest_end.treaty.id} and {latest_start.treaty.id} of {listing}"
            apart = f"{_days(gap)} apart" if exact else f"at least {_days(gap)} apart"
            detail = f"{opening}: {apart}, more than {allowed}"
            return _Outcome(False, detail, evidence, tuple(notes))
    if missing:
        detail = (
            f"{'; '.join(_missing(c) or '' for c in missing)}; dates would decide whether "
            f"{_listing(c.ref for c in choices)} fall within {_days(tolerance)} of each other"
        )
        return _Outcome(None, detail, evidence, tuple(notes))
    spread = max(c.date.latest for c in dated) - min(c.date.earliest for c in dated)  # type: ignore[union-attr]
    if spread <= tolerance:
        return _Outcome(True, f"{listing}: within {allowed}", evidence, tuple(notes))
    coarse = [c for c in ordered if c.date is not None and not c.date.is_day]
    widest = max(coarse, key=lambda c: c.date.span_days if c.date else 0).date if coarse else None
    detail = (
        f"{'; '.join(_known_only(c) for c in coarse)}; {_precision(widest)} would decide "
        f"whether {_listing(c.ref for c in choices)} fall within {_days(tolerance)} "
        f"of each other"
    )
    return _Outcome(None, detail, evidence, tuple(notes))


# --- only and count ---------------------------------------------------------------


def _selection(ctx: Context, select: Select, notes: list[str]) -> Selection:
    selection = select_treaties(ctx, select)
    if not selection.ok:
        raise _Skip(", ".join(selection.unresolved))
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
            f"{_known_only(choice)}, so {_precision(choice.date)} would decide whether it is "
            f"{bounds} (it would add {_listing(match.counterparties)})"
        )
    return "; ".join(reasons)


def _why_absent(selection: Selection, counterparty: str) -> str:
    """Why an expected counterparty is not among the selection's."""
    select = selection.select
    for match in selection.outside:
        if counterparty in match.counterparties:
            choice = match.choice
            shown = (
                f"{_VERB[choice.event_type][0]} {_when(choice.date)}"
                if choice.date is not None
                else f"has no {choice.event_type} date"
            )
            return f"{counterparty}'s {choice.treaty.id} {shown}, not {describe_bounds(select)}"
    if selection.members is not None and counterparty not in selection.members:
        which = f"variant {select.variant}" if select.variant else "its default members"
        return f"{counterparty} is not a member of {select.group} ({which})"
    return f"no treaty of the selection has {counterparty} as a party"


def _only(ctx: Context, select: Select, counterparties: Sequence[str]) -> _Outcome:
    notes: list[str] = []
    selection = _selection(ctx, select, notes)
    expected: set[str] = set()
    for ref in counterparties:
        polity, reading = resolve_loosely(ctx, "polity", ref)
        if polity is None:
            raise _Skip(ref)
        if reading is not None:
            notes.append(reading)
        expected.add(polity)
    definite = set(selection.counterparties)
    usable = [m for m in selection.possible if set(m.counterparties) <= expected]
    reachable = definite | {c for m in usable for c in m.counterparties}
    extra = sorted(definite - expected)
    unreachable = sorted(expected - reachable)
    scope = _describe_select(select)
    wanted = _listing(sorted(expected))
    found = _listing(
        f"{_bracket(m.choice)} with {_listing(m.counterparties)}" for m in selection.matched
    )
    if extra or unreachable:
        parts = [f"the treaties selected ({scope}) are {found}"]
        evidence: list[Evidence] = []
        for counterparty in extra:
            bringing = [m for m in selection.matched if counterparty in m.counterparties]
            parts.append(
                f"{counterparty} is not among {wanted} but is a party to "
                f"{_listing(_bracket(m.choice) for m in bringing)}"
            )
            evidence.extend(_match_evidence(ctx, m, f" (adds {counterparty})") for m in bringing)
        for counterparty in unreachable:
            parts.append(_why_absent(selection, counterparty))
            evidence.extend(
                _match_evidence(ctx, m, f" (outside the bounds; would add {counterparty})")
                for m in selection.outside
                if counterparty in m.counterparties
            )
        return _Outcome(False, "; ".join(parts), tuple(evidence), tuple(notes))
    all_evidence = tuple(_match_evidence(ctx, m) for m in selection.matched)
    if definite == expected and not selection.possible_counterparties:
        detail = f"the treaties selected ({scope}) are {found}: counterparties exactly {wanted}"
        return _Outcome(True, detail, all_evidence, tuple(notes))
    deciding = [m for m in selection.possible if not set(m.counterparties) <= definite]
    detail = (
        f"the treaties definitely selected ({scope}) are {found}; "
        f"{_undecided_matches(deciding, select)}"
    )
    undecided = all_evidence + tuple(_match_evidence(ctx, m, " (may match)") for m in deciding)
    return _Outcome(None, detail, undecided, tuple(notes))


def _count(
    ctx: Context, spec_select: Select, equals: int | None, at_least: int | None, at_most: int | None
) -> _Outcome:
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
    scope = _describe_select(spec_select)
    found = _listing(_bracket(m.choice) for m in selection.matched)
    expected = " and ".join(wanted)
    noun = "treaty matches" if low == 1 else "treaties match"
    detail = f"{low} {noun} ({scope}): {found}; expected {expected}"
    evidence = tuple(_match_evidence(ctx, m) for m in selection.matched)
    if selection.possible:
        detail += (
            f"; {len(selection.possible)} more may match: "
            f"{_undecided_matches(selection.possible, spec_select)}"
        )
        evidence += tuple(_match_evidence(ctx, m, " (may match)") for m in selection.possible)
    return _Outcome(verdict, detail, evidence, tuple(notes))


# --- during -----------------------------------------------------------------------


def _bound_text(date: HistDate | None) -> str:
    return date.describe() if date is not None else "an unknown date"


def _during(ctx: Context, of: str, person_ref: str, role: str) -> _Outcome:
    notes: list[str] = []
    choice = _event(ctx, of, notes)
    person_id, reading = resolve_loosely(ctx, "person", person_ref)
    if person_id is None:
        raise _Skip(person_ref)
    if reading is not None:
        notes.append(reading)
    person = ctx.people[person_id]
    offices = [(i, o) for i, o in enumerate(person.offices) if o.role == role]
    evidence = [_event_evidence(ctx, choice)]
    terms = []
    for i, office in offices:
        polity = f" of {office.polity}" if office.polity else ""
        term = f"{role}{polity} from {_bound_text(office.from_)} to {_bound_text(office.to)}"
        terms.append(term)
        evidence.append(Evidence(f"{person_id} office", term, ctx.location(person, "offices", i)))
    if not offices:
        return _Outcome(
            False,
            f"the dataset records no {role} office for {person_id}",
            tuple(evidence),
            tuple(notes),
        )
    missing = _missing(choice)
    if missing is not None:
        detail = (
            f"{missing}; a date would decide whether it falls within {person_id}'s term as "
            f"{_listing(terms)}"
        )
        return _Outcome(None, detail, tuple(evidence), tuple(notes))
    date = choice.date
    assert date is not None
    results: list[Tri] = []
    for _, office in offices:
        started = on_or_before(office.from_, date) if office.from_ is not None else None
        not_ended = on_or_before(date, office.to) if office.to is not None else None
        results.append(tri_and(started, not_ended))
    verdict = tri_any(results)
    held = _listing(terms)
    if verdict is True:
        detail = f"{_phrase(choice)}, while {person_id} held office as {held}"
    elif verdict is False:
        detail = f"{_phrase(choice)}, outside {person_id}'s term as {held}"
    else:
        coarse = [f"{choice.ref} is known only as {date.describe()}"] if not date.is_day else []
        for _, office in offices:
            for name, bound in (("start", office.from_), ("end", office.to)):
                if bound is None:
                    coarse.append(f"the office's {name} is not recorded")
                elif not bound.is_day:
                    coarse.append(f"the office's {name} is known only as {bound.describe()}")
        detail = (
            f"{_phrase(choice)}; {person_id} held office as {held}; "
            f"{'; '.join(coarse)}: more precise dates would decide"
        )
    return _Outcome(verdict, detail, tuple(evidence), tuple(notes))


# --- evaluation -------------------------------------------------------------------


def form_of(assertion: AssertionBase) -> str:
    """The assertion's form key (``precedes``, ``only``, ...)."""
    return next(key for key in ASSERTION_FORMS if hasattr(assertion, key))


def _outcome(ctx: Context, assertion: AssertionBase, form: str, select: Select | None) -> _Outcome:
    spec = getattr(assertion, form)
    if form in ("before", "after", "on", "within"):
        return _temporal(ctx, form, spec)
    if form == "precedes":
        return _precedes(ctx, spec.first, spec.then)
    if form == "simultaneous":
        return _simultaneous(ctx, spec.events, spec.tolerance_days)
    if form == "only":
        return _only(ctx, select or spec.select, spec.counterparties)
    if form == "count":
        return _count(ctx, select or spec.select, spec.equals, spec.at_least, spec.at_most)
    return _during(ctx, spec.of, spec.office.person, spec.office.role)


def evaluate(
    ctx: Context, assertion: AssertionBase, *, select: Select | None = None
) -> Verdict | None:
    """The verdict of one assertion; None when a reference in it does not resolve.

    ``select`` replaces the assertion's own select (``only`` and ``count``),
    e.g. to see what the default membership of a group would give.
    """
    form = form_of(assertion)
    try:
        outcome = _outcome(ctx, assertion, form, select)
    except _Skip:
        return None
    return Verdict(
        assertion,
        form,
        _STATUS[outcome.verdict],
        outcome.detail,
        outcome.evidence,
        tuple(dict.fromkeys(outcome.notes)),
    )


def evaluate_all(ctx: Context) -> list[Verdict]:
    """Every assertion's verdict, in dataset order (unresolvable ones left out)."""
    verdicts = []
    for assertion in ctx.dataset.assertions:
        verdict = evaluate(ctx, assertion)
        if verdict is not None:
            verdicts.append(verdict)
    return verdicts


# --- checks -----------------------------------------------------------------------


def _related(verdict: Verdict) -> tuple[Related, ...]:
    return tuple(Related(e.location, f"{e.label}: {e.text}") for e in verdict.evidence)


def _variant_difference(ctx: Context, assertion: AssertionBase, form: str) -> Finding | None:
    """TC305 when an assertion's select uses a group variant whose members differ."""
    select = getattr(getattr(assertion, form), "select", None)
    if not isinstance(select, Select) or select.group is None or select.variant is None:
        return None
    default = group_members(ctx, select.group, None)
    chosen = group_members(ctx, select.group, select.variant)
    if default is None or chosen is None or default == chosen:
        return None
    changes = []
    if chosen - default:
        changes.append(f"adds {_listing(sorted(chosen - default))}")
    if default - chosen:
        changes.append(f"drops {_listing(sorted(default - chosen))}")
    message = (
        f"{assertion.id}: variant {select.variant} of {select.group} "
        f"{' and '.join(changes)} (default members: {_listing(sorted(default))})"
    )
    with_variant = evaluate(ctx, assertion)
    with_default = evaluate(ctx, assertion, select=select.model_copy(update={"variant": None}))
    if with_variant is not None and with_default is not None:
        if with_variant.status == with_default.status:
            message += f"; the assertion {with_variant.status} under either membership"
        else:
            message += (
                f"; the verdict depends on it: {with_variant.status} with the variant, "
                f"{with_default.status} with the default members"
            )
    group = ctx.groups[select.group]
    return finding(
        "TC305",
        message,
        ctx.location(assertion, form, "select", "variant"),
        subject=assertion.id,
        related=(
            Related(ctx.location(group, "variants", select.variant), f"variant {select.variant}"),
        ),
        sources=(assertion.source,),
    )


@Check.of("TC401", "TC402", "TC305")
def assertion_verdicts(ctx: Context) -> Iterator[Finding]:
    """TC401/TC402: violated and undetermined assertions; TC305: group variants."""
    for verdict in evaluate_all(ctx):
        assertion = verdict.assertion
        if verdict.status != "holds":
            yield finding(
                "TC401" if verdict.status == "violated" else "TC402",
                verdict.message,
                ctx.location(assertion, verdict.form),
                subject=assertion.id,
                related=_related(verdict),
                sources=(assertion.source,),
            )
    for assertion in ctx.dataset.assertions:
        found = _variant_difference(ctx, assertion, form_of(assertion))
        if found is not None:
            yield found


CHECKS = (assertion_verdicts,)
