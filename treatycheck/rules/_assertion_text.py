"""Words and evidence shared by the assertion forms: how events, dates and selections read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ..dates import HistDate, Tri
from ..engine import Context
from ..findings import Location
from ..models import Select
from ..select import EventChoice, Match, choose_event, describe_bounds

__all__ = [
    "LIST_LIMIT",
    "VERB",
    "Evidence",
    "Outcome",
    "Skip",
    "bracket",
    "date_key",
    "describe_select",
    "event_evidence",
    "event_location",
    "known_only",
    "listing",
    "match_evidence",
    "missing",
    "phrase",
    "precision",
    "resolve_event",
    "when",
]

# How an event reads in a sentence ("was signed on") and in brackets ("signed").
VERB: Final = {
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
class Outcome:
    """What a form evaluator found: the three-valued verdict, why, and the evidence."""

    verdict: Tri
    detail: str
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()


class Skip(Exception):
    """A reference did not resolve; another rule (TC101, TC505) reports it."""


# --- words ------------------------------------------------------------------------


def when(date: HistDate) -> str:
    """``on 1932-07-25`` for a day, ``in 1932 (...)`` for a coarser value."""
    return f"on {date.describe()}" if date.is_day else f"in {date.describe()}"


def phrase(choice: EventChoice) -> str:
    """``X was signed on 1932-07-25``."""
    verb = VERB[choice.event_type][0]
    date = choice.date
    assert date is not None
    return f"{choice.treaty.id} {verb} {when(date)}"


def bracket(choice: EventChoice) -> str:
    """``X (signed 1932-07-25)``."""
    date = choice.date
    shown = date.describe() if date is not None else "no date"
    return f"{choice.treaty.id} ({VERB[choice.event_type][1]} {shown})"


def missing(choice: EventChoice) -> str | None:
    """Why an event has no usable date, or None when it has one."""
    if choice.event is None:
        return f"{choice.treaty.id} has no {choice.event_type} event in the dataset"
    if choice.date is None:
        return f"{choice.ref} has no date in the dataset"
    return None


def precision(date: HistDate | None) -> str:
    """What precision would refine a value: ``a date to the month or day``."""
    if date is None:
        return "a date"
    first, last = date.first, date.last
    if (first.year, first.month) == (last.year, last.month):
        return "a date to the day"
    if first.year == last.year:
        return "a date to the month or day"
    return "a date to the year, month or day"


def known_only(choice: EventChoice) -> str:
    """``X.signed is known only as 1932 (1932-01-01..1932-12-31)``, or why it has no date."""
    absent = missing(choice)
    if absent is not None:
        return absent
    assert choice.date is not None
    return f"{choice.ref} is known only as {choice.date.describe()}"


def listing(items: Iterable[str], limit: int | None = None) -> str:
    """Items joined by commas, or ``none``; past ``limit`` items, ``and N more``."""
    shown = list(items)
    if limit is not None and len(shown) > limit:
        return f"{', '.join(shown[:limit])} and {len(shown) - limit:,} more"
    return ", ".join(shown) or "none"


LIST_LIMIT: Final = 12
"""How many selected treaties a message names before it says how many more there are."""


def describe_select(select: Select) -> str:
    """A select in words: ``kind non-aggression; party ussr; signed before 1932``."""
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


def event_location(ctx: Context, choice: EventChoice) -> Location:
    """Where the chosen event's date is written (or the event, or the treaty)."""
    if choice.index is None:
        return ctx.location(choice.treaty)
    if choice.date is None:
        return ctx.location(choice.treaty, "events", choice.index)
    return ctx.location(choice.treaty, "events", choice.index, "date")


def event_evidence(ctx: Context, choice: EventChoice, role: str = "") -> Evidence:
    """The chosen event as evidence: ``signed 1932-07-25`` plus its role in the verdict."""
    date = choice.date
    if choice.event is None:
        text = f"no {choice.event_type} event"
    elif date is None:
        text = f"{choice.event_type}, no date"
    else:
        text = f"{VERB[choice.event_type][1]} {date.describe()}"
    return Evidence(choice.ref, f"{text}{role}", event_location(ctx, choice))


def match_evidence(ctx: Context, match: Match, role: str = "") -> Evidence:
    """A selected treaty as evidence, by the event the select's bounds looked at."""
    return event_evidence(ctx, match.choice, role)


def resolve_event(ctx: Context, ref: str, notes: list[str]) -> EventChoice:
    """The event ``<treaty>.<type>`` stands for; raises Skip for an unknown treaty (TC101)."""
    treaty_id, _, event_type = ref.partition(".")
    treaty = ctx.treaties.get(treaty_id)
    if treaty is None:
        raise Skip(ref)
    choice = choose_event(treaty, event_type)
    if choice.note is not None:
        notes.append(choice.note)
    return choice


def date_key(choice: EventChoice) -> tuple[int, int, str]:
    """Sort key putting events in date order, undated ones last."""
    date = choice.date
    if date is None:
        return (1 << 30, 1 << 30, choice.ref)
    return (date.earliest, date.latest, choice.ref)
