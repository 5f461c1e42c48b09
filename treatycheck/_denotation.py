"""What a name or id denotes, and when: the lookups the cross-source pass shares.

Claims name polities and places loosely ("USSR", "Dorpat"). For comparison a
name is resolved only when it is unambiguous (one registered bearer; no
near-miss guessing, which is TC505's business), and a polity name used for a
date before its bearer existed stands for the predecessor that existed then
(the 1920 "USSR" is Soviet Russia; TC303 reports the anachronism).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Final, Literal

from ._names import name_key
from .dates import HistDate
from .models import NameSpan, Polity, Treaty

if TYPE_CHECKING:
    from .engine import Context

__all__ = ["Denotation", "day_of", "exists_on", "name_excludes"]

_UNSEEN: Final = "\x00unseen"


class Denotation:
    """Cached lookups of ids and names for one dataset."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._lookups: dict[tuple[str, str], str | None] = {}
        self._treaty_days: dict[str, HistDate | None] = {}
        self._predecessor_index: dict[str, set[str]] | None = None
        self._spans: dict[tuple[str, str], list[NameSpan]] = {}
        self._start_index: dict[str, int] | None = None
        self._validity: dict[str, tuple[str, list[tuple[int, int]], int | None] | None] = {}

    def display_name(self, entity_id: str) -> str:
        """The first registered name of a polity or place id (the id when it has none)."""
        polity = self.ctx.polities.get(entity_id)
        if polity is not None and polity.names:
            return polity.names[0].name
        place = self.ctx.places.get(entity_id)
        if place is not None:
            return place.names[0]
        return entity_id

    def lookup(self, kind: Literal["polity", "place"], ref: str) -> str | None:
        """The id a reference denotes by id or by exactly one registered name (no guessing)."""
        cache_key = (kind, ref)
        if cache_key in self._lookups:
            return self._lookups[cache_key]
        table = self.ctx.polities if kind == "polity" else self.ctx.places
        found: str | None = ref if ref in table else None
        if found is None:
            ids = self.ctx.names[kind].get(name_key(ref), ())
            found = ids[0] if len(ids) == 1 else None
        self._lookups[cache_key] = found
        return found

    def contemporary(self, polity_id: str, day: HistDate) -> str | None:
        """The predecessor a polity's name stood for on a day before that polity existed.

        A source that calls the 1920 party "the USSR" means Soviet Russia:
        when ``polity_id`` definitely did not exist yet on ``day`` and one of
        its predecessors (``succeeded_by`` it, or its ``preceded_by``)
        definitely did, that predecessor is returned (searched up to three
        steps back). Otherwise None.
        """
        start = self._starts().get(polity_id)
        if start is None or day.latest >= start:
            return None
        frontier = [polity_id]
        for _ in range(3):
            earlier = sorted({p for pid in frontier for p in self._predecessors().get(pid, ())})
            for candidate in earlier:
                record = self.ctx.polities.get(candidate)
                if record is not None and exists_on(record, day):
                    return candidate
            frontier = earlier
        return None

    def has_predecessors(self, polity_id: str) -> bool:
        """Whether a polity's name may stand for a predecessor on some date (see above)."""
        return polity_id in self._starts()

    def _starts(self) -> dict[str, int]:
        """Polities that have predecessors -> the first day they certainly existed."""
        if self._start_index is None:
            starts: dict[str, int] = {}
            for polity_id in self._predecessors():
                polity = self.ctx.polities.get(polity_id)
                start = polity.exists.from_ if polity and polity.exists else None
                if start is not None and not start.open_start:
                    starts[polity_id] = start.earliest
            self._start_index = starts
        return self._start_index

    def _predecessors(self) -> dict[str, set[str]]:
        """Polity id -> the polities it succeeded (by ``succeeded_by`` or ``preceded_by``)."""
        if self._predecessor_index is None:
            index: dict[str, set[str]] = defaultdict(set)
            for polity in self.ctx.polities.values():
                if polity.succeeded_by:
                    later = self.lookup("polity", polity.succeeded_by) or polity.succeeded_by
                    index[later].add(polity.id)
                if polity.preceded_by:
                    earlier = self.lookup("polity", polity.preceded_by) or polity.preceded_by
                    index[polity.id].add(earlier)
            self._predecessor_index = index
        return self._predecessor_index

    def treaty_day(self, treaty_id: str) -> HistDate | None:
        """The date a treaty's names are judged at: signed, else its earliest event."""
        days = self._treaty_days
        if treaty_id in days:
            return days[treaty_id]
        treaty = self.ctx.treaties.get(treaty_id)
        day = days[treaty_id] = day_of(treaty) if treaty is not None else None
        return day

    def party_key(self, ref: str, day: HistDate | None) -> str:
        """Comparison key of one party: the polity meant at the treaty's date, or the text."""
        found = self._lookups.get(("polity", ref), _UNSEEN)
        if found is _UNSEEN:
            found = self.lookup("polity", ref)
        if found is None:
            return "text:" + name_key(ref)
        if day is not None and found != ref:  # a name, possibly anachronistic
            return self.contemporary(found, day) or found
        return found

    def spans_named(self, polity_id: str, ref: str) -> list[NameSpan]:
        """The validity spans of the polity's names spelt like ``ref`` (same name key)."""
        cache_key = (polity_id, ref)
        spans = self._spans.get(cache_key)
        if spans is None:
            polity = self.ctx.polities.get(polity_id)
            key = name_key(ref)
            names = polity.names if polity is not None else []
            spans = self._spans[cache_key] = [s for s in names if name_key(s.name) == key]
        return spans

    def name_validity(self, ref: str) -> tuple[str, list[tuple[int, int]], int | None] | None:
        """For a polity name: its bearer, the day ranges the name may be valid in, and the
        first day of the bearer if it has predecessors (None for an id or an unknown name).

        A day that overlaps one of the ranges, and does not fall before that first
        day, is certainly not an anachronism; anything else needs a closer look.
        """
        if ref in self._validity:
            return self._validity[ref]
        bearer = self.lookup("polity", ref)
        found: tuple[str, list[tuple[int, int]], int | None] | None = None
        if bearer is not None and bearer != ref:
            ranges = []
            for span in self.spans_named(bearer, ref):
                low = span.from_.earliest if span.from_ and not span.from_.open_start else 0
                high = span.to.latest if span.to and not span.to.open_end else 10**7
                ranges.append((low, high))
            found = (bearer, ranges, self._starts().get(bearer))
        self._validity[ref] = found
        return found

    def name_at(self, polity_id: str, day: HistDate) -> str | None:
        """A registered name of the polity that was certainly valid on ``day``, if any."""
        polity = self.ctx.polities.get(polity_id)
        if polity is None:
            return None
        for span in polity.names:
            starts = span.from_ is None or span.from_.latest <= day.earliest
            ends = span.to is None or day.latest <= span.to.earliest
            if starts and ends:
                return span.name
        return None


def day_of(treaty: Treaty) -> HistDate | None:
    """The date a treaty's names are judged at: signed, else its earliest event."""
    day: HistDate | None = None
    for event in treaty.events:
        date = event.date
        if date is None:
            continue
        if event.type == "signed":
            return date
        if day is None or date.earliest < day.earliest:
            day = date
    return day


def exists_on(polity: Polity, day: HistDate) -> bool:
    """Whether the polity certainly existed throughout ``day`` (False without ``exists``)."""
    span = polity.exists
    if span is None:
        return False
    start, end = span.from_, span.to
    if start is not None and not start.open_start and day.earliest < start.earliest:
        return False
    return not (end is not None and not end.open_end and day.latest > end.latest)


def name_excludes(span: NameSpan, day: HistDate) -> Literal["before", "after"] | None:
    """``before``/``after`` when ``day`` certainly falls outside the span of a name."""
    if span.from_ is not None and not span.from_.open_start and day.latest < span.from_.earliest:
        return "before"
    if span.to is not None and not span.to.open_end and day.earliest > span.to.latest:
        return "after"
    return None
