"""The shortcuts the record rules take for speed give exactly the findings of the full tests."""

from __future__ import annotations

import datetime as _dt
import random

from treatycheck.dataset import Dataset
from treatycheck.dates import before
from treatycheck.engine import Context
from treatycheck.models import EVENT_TYPES, Polity, Treaty
from treatycheck.rules.chronology import MUST_PRECEDE, event_order
from treatycheck.rules.parties import EXISTENCE_EVENTS, existence_verdict, party_not_existing

TODAY = _dt.date(2025, 1, 1)


def test_every_fixed_pair_goes_up_in_canonical_order() -> None:
    # TC201 skips treaties whose events are written in canonical order with no
    # date going backwards; that is sound only while this holds.
    assert all(EVENT_TYPES.index(a) < EVENT_TYPES.index(b) for a, b in MUST_PRECEDE)


def _spell(rng: random.Random, ordinal: int) -> str:
    day = _dt.date.fromordinal(ordinal)
    roll = rng.random()
    if roll < 0.5:
        return day.isoformat()
    if roll < 0.8:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def test_event_order_matches_the_pairwise_definition_on_random_treaties() -> None:
    rng = random.Random(20)
    treaties = []
    for number in range(1500):
        events = [
            {"type": rng.choice(EVENT_TYPES), "date": _spell(rng, 700_000 + rng.randint(0, 900))}
            for _ in range(rng.randint(2, 5))
        ]
        if rng.random() < 0.6:  # mostly written in canonical order, as curators do
            events.sort(key=lambda event: EVENT_TYPES.index(event["type"]))
        treaties.append(Treaty.model_validate({"id": f"t-{number}", "events": events}))
    ctx = Context(Dataset(treaties=tuple(treaties)), today=TODAY)
    found = sorted((f.subject or "", f.message) for f in event_order.run(ctx))
    expected = 0
    for treaty in treaties:
        dated = [e for e in treaty.events if e.date is not None]
        expected += sum(
            1
            for a in dated
            for b in dated
            if (a.type, b.type) in MUST_PRECEDE
            and a.date is not None
            and b.date is not None
            and before(b.date, a.date) is True
        )
    assert len(found) == expected
    assert expected > 100  # the random treaties do contain disorder


def test_party_not_existing_matches_the_per_event_definition_on_random_treaties() -> None:
    # TC302 skips a treaty when every party (and every ratifier) exists throughout
    # the window of its event dates; the findings must be those of each event and
    # each party taken one by one.
    rng = random.Random(302)
    polities = []
    for number in range(12):
        exists: dict[str, str] = {}
        if rng.random() < 0.8:
            exists["from"] = _spell(rng, 700_000 + rng.randint(0, 600))
        if rng.random() < 0.5:
            exists["to"] = _spell(rng, 700_300 + rng.randint(0, 600))
        polities.append(Polity.model_validate({"id": f"p-{number}", "exists": exists}))
    ids = [polity.id for polity in polities] + ["nowhere"]
    treaties = []
    for number in range(1500):
        events = []
        for _ in range(rng.randint(1, 4)):
            event = {
                "type": rng.choice(EVENT_TYPES),
                "date": _spell(rng, 700_000 + rng.randint(0, 900)),
            }
            if rng.random() < 0.3:
                event["by"] = rng.choice(ids)
            events.append(event)
        parties = rng.sample(ids, rng.randint(1, 3))
        treaties.append(
            Treaty.model_validate({"id": f"t-{number}", "parties": parties, "events": events})
        )
    ctx = Context(Dataset(polities=tuple(polities), treaties=tuple(treaties)), today=TODAY)
    found = sorted((f.subject or "", f.message) for f in party_not_existing.run(ctx))
    by_id = {polity.id: polity for polity in polities}
    expected = 0
    for treaty in treaties:
        for event in treaty.events:
            if event.date is None or event.type not in EXISTENCE_EVENTS:
                continue
            actors = [event.by] if event.by is not None else list(dict.fromkeys(treaty.parties))
            for actor in actors:
                span = by_id[actor].exists if actor in by_id else None
                if span is None or (span.from_ and span.to and before(span.to, span.from_) is True):
                    continue
                expected += existence_verdict(span.from_, span.to, event.date) != "ok"
    assert len(found) == expected
    assert expected > 100  # the random treaties do name parties that did not exist
