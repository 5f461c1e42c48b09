"""Deterministic synthetic datasets with injected defects, for benchmarks and their tests.

Run ``python -m benchmarks.generate N OUT [--seed S]``. It writes, under the
directory ``OUT``:

* ``data/registry.json``: sources, polities and places;
* ``data/treaties-NNNN.json``: the treaties and the claims about them, in
  shards of at most 50,000 treaties (every file stays far below the loader's
  64 MiB limit, one record per line so that findings have useful lines);
* ``manifest.json``: what was generated and every defect injected into it.

The clean part of a dataset gives no finding at all: events follow the
canonical order (dates are drawn as exact days in order and then written at
mixed precision, so a coarse value always contains its day), every party
exists on every event date, every treaty names its sources, and the sources
that make claims agree with the records and were published after the events
they describe. Then about 1% of the treaties per code receive one defect each,
on distinct treaties, each built to give exactly one finding of its code and
nothing else. The manifest lists each injected defect with its code and
subject, and the expected count per code; ``today`` in the manifest is the
date to validate with (TC203 depends on it).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from treatycheck.dates import ordinal_to_julian, parse_date

__all__ = [
    "INJECTED_CODES",
    "TODAY",
    "Generated",
    "generate",
    "main",
    "write",
]

GENERATOR_VERSION: Final = 2
"""Bumped whenever the output for a given (N, seed) changes; cached datasets are rebuilt."""

TODAY: Final = _dt.date(2025, 1, 1)
"""The ``today`` a generated dataset is validated with."""

SHARD_SIZE: Final = 50_000
DEFECT_RATE: Final = 0.01

INJECTED_CODES: Final = (
    "TC101",
    "TC102",
    "TC103",
    "TC104",
    "TC201",
    "TC202",
    "TC203",
    "TC301",
    "TC302",
    "TC304",
    "TC601",
    "TC602",
    "TC401",
    "TC402",
    "TC501",
)
"""Codes the generator injects, one defect per chosen treaty."""

_KINDS: Final = ("peace", "non-aggression", "conciliation", "alliance", "trade", "border")

# Event types in canonical order with the gap (in days) drawn after the previous one.
_STAGES: Final = (
    ("negotiated", (-400, -61)),
    ("initialed", (-60, 0)),
    ("signed", (0, 0)),
    ("ratified", (5, 300)),
    ("ratifications-exchanged", (1, 60)),
    ("in-force", (0, 30)),
    ("registered", (10, 400)),
)
_LATE_STAGES: Final = (("denounced", (365, 3650)), ("expired", (365, 3650)))

_SOURCES: Final = (
    {"id": "treaty-series", "title": "Collected treaty series", "kind": "primary"},
    {"id": "state-papers", "title": "State papers of the foreign ministries", "kind": "primary"},
    {
        "id": "handbook",
        "title": "Handbook of modern treaties",
        "kind": "secondary",
        "published": "2001",
    },
    {
        "id": "encyclopedia",
        "title": "Encyclopedia of diplomacy",
        "kind": "tertiary",
        "published": "2010-05",
    },
    {
        "id": "gazette-1849",
        "title": "Diplomatic gazette, volume for 1849",
        "kind": "primary",
        "published": "1849",
    },
)
_RECORD_SOURCES: Final = ("treaty-series", "state-papers")
_CLAIM_SOURCES: Final = ("handbook", "encyclopedia")
_EARLY_SOURCE: Final = "gazette-1849"


@dataclass
class Generated:
    """A generated dataset: its data files (as documents) and its manifest."""

    files: dict[str, dict[str, Any]]
    manifest: dict[str, Any]


@dataclass
class _Treaty:
    """One treaty as generated: the record, its true event days and its claims."""

    record: dict[str, Any]
    days: dict[str, int] = field(default_factory=dict)
    claims: list[dict[str, Any]] = field(default_factory=list)
    assertions: list[dict[str, Any]] = field(default_factory=list)


def _iso(ordinal: int) -> str:
    return _dt.date.fromordinal(ordinal).isoformat()


def _ordinal(year: int, month: int = 1, day: int = 1) -> int:
    return _dt.date(year, month, day).toordinal()


class _Builder:
    """Draws the dataset from one random generator, in a fixed order."""

    def __init__(self, treaties: int, seed: int) -> None:
        self.n = treaties
        self.rng = random.Random(seed)
        self.polity_count = max(4, treaties // 10)
        self.place_count = max(2, treaties // 50)
        self.polities: list[dict[str, Any]] = []
        self.exists_from: list[int] = []

    # -- dates at mixed precision --------------------------------------------

    def spell(self, ordinal: int, *, allow_julian: bool = True) -> Any:
        """A spelling of the day ``ordinal`` at a random precision that contains it."""
        day = _dt.date.fromordinal(ordinal)
        roll = self.rng.random()
        if roll < 0.62:
            return day.isoformat()
        if roll < 0.77:
            return f"{day.year:04d}-{day.month:02d}"
        if roll < 0.83:
            return day.year  # a bare year, as YAML and JSON writers leave it
        if roll < 0.88:
            return f"{day.year:04d}"
        if roll < 0.93:
            return day.isoformat() + self.rng.choice("?~%")
        if roll < 0.97:
            return f"{day.year:04d}-{day.month:02d}~"
        if allow_julian and day.year < 1918:
            year, month, julian_day = ordinal_to_julian(ordinal)
            return {"julian": f"{year:04d}-{month:02d}-{julian_day:02d}"}
        return f"{str(day.year)[:3]}X" if roll < 0.985 else day.isoformat()

    # -- registries -----------------------------------------------------------

    def build_polities(self) -> list[dict[str, Any]]:
        rng = self.rng
        for number in range(self.polity_count):
            start = _ordinal(rng.randint(1500, 1840), rng.randint(1, 12), rng.randint(1, 28))
            polity: dict[str, Any] = {
                "id": f"polity-{number}",
                "names": [f"Polity {number}"],
                "exists": {"from": self.spell(start, allow_julian=False)},
                "codes": {"cow": number},
            }
            if rng.random() < 0.3:
                end = _ordinal(rng.randint(1995, 2020), rng.randint(1, 12), rng.randint(1, 28))
                polity["exists"]["to"] = self.spell(end, allow_julian=False)
                if number > 0 and rng.random() < 0.5:
                    polity["succeeded_by"] = f"polity-{rng.randrange(number)}"
            if rng.random() < 0.2:
                polity["names"] = [
                    {"name": f"Polity {number}", "from": _iso(start)},
                ]
            self.polities.append(polity)
            self.exists_from.append(start)
        return self.polities

    def build_places(self) -> list[dict[str, Any]]:
        return [
            {"id": f"place-{number}", "names": [f"City {number}", f"Town {number}"]}
            for number in range(self.place_count)
        ]

    # -- clean treaties ----------------------------------------------------------

    def clean_treaty(self, number: int) -> _Treaty:
        rng = self.rng
        multilateral = rng.random() < 0.1
        count = rng.randint(3, 6) if multilateral else 2
        parties = [f"polity-{p}" for p in rng.sample(range(self.polity_count), count)]
        signed = _ordinal(rng.randint(1850, 1975), rng.randint(1, 12), rng.randint(1, 28))
        wanted = rng.randint(2, 5)
        stages = ["signed"]
        optional = [name for name, _ in _STAGES if name != "signed"]
        stages += rng.sample(optional, min(wanted - 1, len(optional)))
        if wanted == 5 and rng.random() < 0.3:
            stages[-1] = rng.choice(_LATE_STAGES)[0]
        gaps = dict(_STAGES + _LATE_STAGES)
        order = [name for name, _ in _STAGES + _LATE_STAGES]
        stages.sort(key=order.index)
        days: dict[str, int] = {}
        events: list[dict[str, Any]] = []
        previous = signed
        for stage in stages:
            low, high = gaps[stage]
            if stage == "negotiated":
                day = signed + rng.randint(low, high)
            elif stage == "initialed":
                day = signed + rng.randint(low, 0)
            elif stage == "signed":
                day = signed
            else:
                day = previous + rng.randint(low, high)
                previous = day
            days[stage] = day
            event: dict[str, Any] = {"type": stage, "date": self.spell(day)}
            if stage == "negotiated" and rng.random() < 0.3:
                event["date"] = f"{_iso(day)[:7]}/{_iso(max(day, signed))[:7]}"
            if stage == "signed" and rng.random() < 0.3:
                event["place"] = f"place-{rng.randrange(self.place_count)}"
            if stage == "ratified":
                event["by"] = parties[0]
            if rng.random() < 0.05:
                event["sources"] = ["state-papers"]
            events.append(event)
        record: dict[str, Any] = {
            "id": f"treaty-{number}",
            "title": f"Treaty {number}",
            "kind": rng.choice(_KINDS),
            "form": "multilateral" if multilateral else "bilateral",
            "parties": parties,
            "events": events,
            "sources": rng.sample(_RECORD_SOURCES, rng.randint(1, 2)),
        }
        treaty = _Treaty(record, days)
        for _ in range(rng.randint(0, 2)):
            treaty.claims.append(self.agreeing_claim(treaty))
        return treaty

    def agreeing_claim(self, treaty: _Treaty) -> dict[str, Any]:
        """A claim by a later source that agrees with the record (maybe less precisely)."""
        rng = self.rng
        record = treaty.record
        source = rng.choice(_CLAIM_SOURCES)
        choice = rng.random()
        claim: dict[str, Any] = {"source": source, "about": record["id"]}
        if choice < 0.5:
            day = treaty.days["signed"]
            value: Any = _iso(day) if rng.random() < 0.7 else _iso(day)[:4]
            claim.update({"property": "signed.date", "value": value})
        elif choice < 0.75:
            claim.update({"property": "parties", "value": list(record["parties"])})
        elif choice < 0.9:
            claim.update({"property": "kind", "value": record["kind"]})
        else:
            claim.update({"property": "title", "value": record["title"]})
        return claim

    def two_party_dates(self) -> tuple[list[str], int]:
        """Two parties and a signing day on which both exist."""
        rng = self.rng
        first, second = rng.sample(range(self.polity_count), 2)
        signed = _ordinal(rng.randint(1850, 1975), rng.randint(1, 12), rng.randint(1, 28))
        return [f"polity-{first}", f"polity-{second}"], signed

    def plain_treaty(self, number: int, events: list[dict[str, Any]], **extra: Any) -> _Treaty:
        """A bare bilateral treaty record with the given events (no claims)."""
        parties, _ = self.two_party_dates()
        record: dict[str, Any] = {
            "id": f"treaty-{number}",
            "title": f"Treaty {number}",
            "kind": self.rng.choice(_KINDS),
            "form": "bilateral",
            "parties": parties,
            "events": events,
            "sources": ["treaty-series"],
        }
        record.update(extra)
        return _Treaty(record)


# -- defects: each turns treaty ``number`` into a record with exactly one finding ---


def _signed_only(builder: _Builder, day: int | None = None) -> list[dict[str, Any]]:
    if day is None:
        _, day = builder.two_party_dates()
    return [{"type": "signed", "date": _iso(day)}, {"type": "in-force", "date": _iso(day + 30)}]


def _unknown_reference(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    treaty = builder.plain_treaty(number, _signed_only(builder), sources=["treaty-seris"])
    return treaty, "cites source 'treaty-seris', which is not defined"


def _duplicate_id(builder: _Builder, number: int, original: _Treaty) -> tuple[_Treaty, str]:
    copy = json.loads(json.dumps(original.record))
    return _Treaty(copy), f"repeats the record of {original.record['id']}"


def _invalid_date(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    year = builder.rng.choice((1902, 1910, 1923, 1931))
    events = [{"type": "signed", "date": f"{year}-02-30"}]
    return builder.plain_treaty(number, events), f"signed on {year}-02-30, a day that never was"


def _schema_violation(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    treaty = builder.plain_treaty(number, _signed_only(builder), ratifier="polity-0")
    return treaty, "has an unknown key 'ratifier'"


def _event_order(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    _, day = builder.two_party_dates()
    events = [
        {"type": "signed", "date": _iso(day + 90)},
        {"type": "in-force", "date": _iso(day)},
    ]
    return builder.plain_treaty(number, events), "enters into force 90 days before signature"


def _inverted_interval(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    return builder.plain_treaty(number, _signed_only(builder)), "inverted polity name span"


def _future_date(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    _, day = builder.two_party_dates()
    future = _ordinal(TODAY.year + builder.rng.randint(1, 20), 6, 1)
    events = [{"type": "signed", "date": _iso(day)}, {"type": "registered", "date": _iso(future)}]
    return builder.plain_treaty(number, events), f"registered on {_iso(future)}"


def _bilateral_parties(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    treaty = builder.plain_treaty(number, _signed_only(builder))
    third = f"polity-{builder.rng.randrange(builder.polity_count)}"
    while third in treaty.record["parties"]:
        third = f"polity-{builder.rng.randrange(builder.polity_count)}"
    treaty.record["parties"].append(third)
    return treaty, "bilateral with three parties"


def _party_not_existing(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    rng = builder.rng
    while True:
        old, young = rng.sample(range(builder.polity_count), 2)
        old_from = parse_date(builder.polities[old]["exists"]["from"])
        young_from = parse_date(builder.polities[young]["exists"]["from"])
        day = young_from.earliest - 200
        if old_from.latest < day:
            break
    treaty = builder.plain_treaty(number, _signed_only(builder, day))
    treaty.record["parties"] = [f"polity-{old}", f"polity-{young}"]
    return treaty, f"signed {_iso(day)}, before polity-{young} existed"


def _ratifier_not_party(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    treaty = builder.plain_treaty(number, _signed_only(builder))
    outsider = f"polity-{builder.rng.randrange(builder.polity_count)}"
    while outsider in treaty.record["parties"]:
        outsider = f"polity-{builder.rng.randrange(builder.polity_count)}"
    signed = treaty.record["events"][0]["date"]
    ratified_day = _dt.date.fromisoformat(signed).toordinal() + 10
    treaty.record["events"].insert(1, {"type": "ratified", "date": _iso(ratified_day)})
    treaty.record["events"][1]["by"] = outsider
    return treaty, f"ratified by {outsider}, not a party"


def _unsourced(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    treaty = builder.plain_treaty(number, _signed_only(builder))
    del treaty.record["sources"]
    return treaty, "no sources on the treaty or its events"


def _claim_after_publication(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    events = _signed_only(builder)
    treaty = builder.plain_treaty(number, events)
    treaty.claims.append(
        {
            "source": _EARLY_SOURCE,
            "about": treaty.record["id"],
            "property": "signed.date",
            "value": events[0]["date"],
        }
    )
    return treaty, f"{_EARLY_SOURCE} (published 1849) describes the signature"


def _assertion_violated(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    events = _signed_only(builder)
    treaty = builder.plain_treaty(number, events)
    signed = _dt.date.fromisoformat(events[0]["date"]).toordinal()
    bound = _iso(signed - 365)
    treaty.assertions.append(
        {
            "id": f"assertion-{number}",
            "source": "handbook",
            "says": f"treaty {number} was signed before {bound}",
            "before": {"of": f"treaty-{number}.signed", "date": bound},
        }
    )
    return treaty, f"handbook asserts a signature before {bound}, a year too early"


def _assertion_undetermined(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    _, day = builder.two_party_dates()
    year = _dt.date.fromordinal(day).year
    events = [{"type": "signed", "date": str(year)}]
    treaty = builder.plain_treaty(number, events)
    treaty.assertions.append(
        {
            "id": f"assertion-{number}",
            "source": "handbook",
            "before": {"of": f"treaty-{number}.signed", "date": f"{year}-07-01"},
        }
    )
    return treaty, f"signed known only as {year}; asserted before {year}-07-01"


def _conflicting_values(builder: _Builder, number: int) -> tuple[_Treaty, str]:
    events = _signed_only(builder)
    treaty = builder.plain_treaty(number, events)
    other = _iso(_dt.date.fromisoformat(events[0]["date"]).toordinal() + 400)
    treaty.claims.append(
        {
            "source": "handbook",
            "about": f"treaty-{number}",
            "property": "signed.date",
            "value": other,
        }
    )
    return treaty, f"handbook dates the signature {other}, 400 days after the record"


_Injector = Callable[[_Builder, int], tuple[_Treaty, str]]
_INJECTORS: Final[dict[str, _Injector]] = {
    "TC101": _unknown_reference,
    "TC103": _invalid_date,
    "TC104": _schema_violation,
    "TC201": _event_order,
    "TC202": _inverted_interval,
    "TC203": _future_date,
    "TC301": _bilateral_parties,
    "TC302": _party_not_existing,
    "TC304": _ratifier_not_party,
    "TC601": _unsourced,
    "TC602": _claim_after_publication,
    "TC401": _assertion_violated,
    "TC402": _assertion_undetermined,
    "TC501": _conflicting_values,
}


def generate(treaties: int, seed: int = 0) -> Generated:
    """Build the dataset for ``treaties`` treaties; the same arguments give the same bytes."""
    if treaties < 100:
        raise ValueError("need at least 100 treaties (so that every defect can be injected)")
    builder = _Builder(treaties, seed)
    rng = builder.rng
    polities = builder.build_polities()
    places = builder.build_places()
    per_code = max(1, round(treaties * DEFECT_RATE))
    chosen = rng.sample(range(treaties), per_code * len(INJECTED_CODES))
    assignment: dict[int, str] = {}
    for position, number in enumerate(chosen):
        assignment[number] = INJECTED_CODES[position // per_code]
    generated: list[_Treaty] = []
    injected: list[dict[str, Any]] = []
    inverted_polities: set[int] = set()
    duplicates: list[int] = []
    for number in range(treaties):
        code = assignment.get(number)
        if code is None:
            generated.append(builder.clean_treaty(number))
            continue
        if code == "TC102":
            duplicates.append(number)
            generated.append(builder.clean_treaty(number))  # replaced below
            continue
        treaty, detail = _INJECTORS[code](builder, number)
        subject = treaty.record["id"]
        if code == "TC202":
            polity = rng.randrange(builder.polity_count)
            while polity in inverted_polities:
                polity = rng.randrange(builder.polity_count)
            inverted_polities.add(polity)
            start = builder.exists_from[polity]
            polities[polity]["names"] = [
                {"name": f"Polity {polity}", "from": _iso(start + 400), "to": _iso(start + 20)}
            ]
            subject = f"polity-{polity}"
            detail = f"name span of polity-{polity} ends 380 days before it starts"
        generated.append(treaty)
        if code in _LOAD_CODES:
            subject = None  # the record is refused while loading; it never gets an id
        elif treaty.assertions:
            subject = treaty.assertions[0]["id"]  # a finding about the assertion
        injected.append(_entry(code, subject, number, detail))
    clean = [n for n in range(treaties) if n not in assignment]
    for number in duplicates:
        original = generated[clean[rng.randrange(len(clean))]]
        generated[number], detail = _duplicate_id(builder, number, original)
        injected.append(_entry("TC102", original.record["id"], number, detail))
    files: dict[str, dict[str, Any]] = {
        "registry.json": {
            "treatycheck": 1,
            "sources": [dict(source) for source in _SOURCES],
            "polities": polities,
            "places": places,
        }
    }
    for shard, start in enumerate(range(0, treaties, SHARD_SIZE)):
        part = generated[start : start + SHARD_SIZE]
        files[f"treaties-{shard:04d}.json"] = {
            "treatycheck": 1,
            "treaties": [t.record for t in part],
            "claims": [claim for t in part for claim in t.claims],
            "assertions": [assertion for t in part for assertion in t.assertions],
        }
    injected.sort(key=lambda item: (item["code"], _natural(item["subject"]), item["record"]))
    expected = Counter(item["code"] for item in injected)
    manifest = {
        "generator": "benchmarks.generate",
        "generator_version": GENERATOR_VERSION,
        "treaty_count": treaties,
        "seed": seed,
        "today": TODAY.isoformat(),
        "counts": {
            "treaties": treaties,
            "polities": len(polities),
            "places": len(places),
            "data_sources": len(_SOURCES),
            "claims": sum(len(t.claims) for t in generated),
            "events": sum(len(t.record["events"]) for t in generated),
        },
        "expected": dict(sorted(expected.items())),
        "injected": injected,
    }
    return Generated(files, manifest)


_LOAD_CODES: Final = frozenset({"TC103", "TC104"})


def _entry(code: str, subject: str | None, number: int, detail: str) -> dict[str, Any]:
    """One manifest line: the code, the finding's subject and where the record was written."""
    shard, index = divmod(number, SHARD_SIZE)
    return {
        "code": code,
        "subject": subject,
        "record": f"treaties-{shard:04d}.json#treaties[{index}]",
        "detail": detail,
    }


def _natural(text: str | None) -> tuple[str, int]:
    if text is None:
        return ("", -1)
    stem, _, number = text.rpartition("-")
    return (stem, int(number)) if number.isdigit() else (text, -1)


def write(generated: Generated, out: Path) -> Path:
    """Write the data files under ``out/data`` and ``out/manifest.json``; return the data dir."""
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for stale in data.glob("*.json"):
        if stale.name not in generated.files:
            stale.unlink()
    for name, document in generated.files.items():
        (data / name).write_text(_dump(document), encoding="utf-8")
    (out / "manifest.json").write_text(
        json.dumps(generated.manifest, indent=1) + "\n", encoding="utf-8"
    )
    return data


def _dump(document: dict[str, Any]) -> str:
    """JSON with one record per line: compact, yet findings point at distinct lines."""
    parts = ['{"treatycheck": 1']
    for key, records in document.items():
        if key == "treatycheck":
            continue
        lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
        parts.append(f',\n"{key}": [\n{lines}\n]')
    parts.append("}\n")
    return "".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate N treaties into OUT."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("treaties", type=int, help="number of treaties (at least 100)")
    parser.add_argument("out", type=Path, help="output directory")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        generated = generate(args.treaties, args.seed)
    except ValueError as error:
        parser.error(str(error))
    data = write(generated, args.out)
    expected = generated.manifest["expected"]
    print(f"wrote {data} ({len(generated.files)} files) and {args.out / 'manifest.json'}")
    print("injected: " + ", ".join(f"{code} x{count}" for code, count in expected.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
