"""Benchmark of the cross-source pass (TC303, TC501-TC505) against the bare load.

Run ``python -m benchmarks.bench_sources [--treaties N] [--claims M] [--repeat R] [--check]``.

It writes a synthetic dataset (100,000 treaties and 300,000 claims from 5
sources by default, generated deterministically from ``--seed``) as one JSON
file in a temporary directory and times, in the same run:

* the bare load: ``treatycheck.load`` of that file;
* the cross-source pass in reference mode: ``run(dataset, select=["TC5",
  "TC303"])`` with the dataset's own reference source (``src-0``, which states
  the treaty records);
* the cross-source pass in consensus mode: the same records with ``src-0``
  demoted to an ordinary secondary source, so there is no reference and every
  disagreement goes through TC501 and the truth-discovery consensus.

About 92% of the claims agree with the record, 3% are coarser dates
(refinements) and 5% disagree: plain conflicts, Old Style dates 12 or 13
days early, the initialing date given as the signing date, anachronistic,
wrong or misspelt names.
It prints CPU seconds for each (process time, so a busy machine skews
them less) and the ratio pass / load; ``--check`` exits with
status 1 when either pass adds 50% or more to the load.

It also times a minimal pass (:func:`minimal_pass`): the least a comparison
of these claims over the loaded models has to do, which resolves no names,
explains nothing and makes no findings; and the same comparison over
columns of numbers (:class:`Columns`), the representation of issue 13, with
the time it took to make them from the models. What they cost against the
load shows how much of the target is left for the rest of the pass.

Two more figures say what no faster comparison of agreeing claims can
remove: the time to locate the file's last claim (one walk of the whole
text, which the line lookup of any finding near the end of the file pays),
and, with ``--breakdown``, each pass again over only the claims that are in
no conflict, so that the difference is what the disputes cost: comparing
them in full, explaining them, ranking them and reporting them.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from benchmarks._synthetic import KINDS, bilateral_treaty, write_json
from treatycheck import Dataset, Limits, load
from treatycheck._gc import paused
from treatycheck._grouping import DAY_BITS
from treatycheck._jsonpos import JsonPositions
from treatycheck.dates import HistDate
from treatycheck.engine import Check, Context, run
from treatycheck.findings import Finding, Report
from treatycheck.models import Claim, Source, Treaty
from treatycheck.rules.registry import CHECKS

TARGET_RATIO = 0.5
SOURCES = 5
SELECT = ("TC5", "TC303")


def _day(rng: random.Random, first_year: int, last_year: int) -> dt.date:
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def _misspell(name: str, rng: random.Random) -> str:
    """The name with one inner letter doubled (Herriot -> Herrriot)."""
    at = rng.randrange(1, len(name) - 1)
    return name[:at] + name[at] + name[at:]


def synthetic_dataset(treaties: int, claims: int, seed: int = 1932) -> dict[str, Any]:
    """A data file with ``treaties`` treaties and ``claims`` claims; same arguments, same file."""
    rng = random.Random(seed)
    sources = [
        {
            "id": f"src-{n}",
            "title": f"Synthetic source {n}",
            "kind": "reference" if n == 0 else ("secondary" if n % 2 else "tertiary"),
            **({"reliability": round(0.3 + 0.1 * n, 1)} if n >= 3 else {}),
        }
        for n in range(SOURCES)
    ]
    # Every fifth polity had an earlier name until 1900 and is succeeded by the next one.
    polities: list[dict[str, Any]] = []
    for n in range(200):
        names: list[dict[str, Any]] = [{"name": f"Polity {n}", "from": "1800-01-01"}]
        if n % 5 == 0:
            names = [
                {"name": f"Old Polity {n}", "from": "1800-01-01", "to": "1899-12-31"},
                {"name": f"New Polity {n}", "from": "1900-01-01"},
            ]
        polities.append({"id": f"polity-{n}", "names": names, "exists": {"from": "1800-01-01"}})
    places = [
        {"id": f"place-{n}", "names": [f"Town{n:03d}ville", f"Burg{n:03d}stadt"]}
        for n in range(300)
    ]
    records: list[dict[str, Any]] = []
    for n in range(treaties):
        first, second = rng.sample(range(len(polities)), 2)
        signed = _day(rng, 1850, 1990)
        initialed = signed - dt.timedelta(days=rng.randint(20, 200))
        events: list[dict[str, Any]] = [
            {"type": "initialed", "date": initialed.isoformat()},
            {
                "type": "signed",
                "date": signed.isoformat(),
                "place": f"place-{rng.randrange(len(places))}",
            },
        ]
        if rng.random() < 0.6:
            exchanged = signed + dt.timedelta(days=rng.randint(30, 400))
            events.append({"type": "ratifications-exchanged", "date": exchanged.isoformat()})
        records.append(bilateral_treaty(n, rng.choice(KINDS), first, second, events, ["src-0"]))
    claim_records = [_claim(rng, records, polities, places) for _ in range(claims)]
    return {
        "treatycheck": 1,
        "sources": sources,
        "polities": polities,
        "places": places,
        "treaties": records,
        "claims": claim_records,
    }


def _name_then(polity: dict[str, Any], day: dt.date) -> str:
    """The polity's name that was valid on ``day``."""
    for span in polity["names"]:
        if span["from"] <= day.isoformat() and (
            span.get("to") is None or day.isoformat() <= span["to"]
        ):
            return str(span["name"])
    return str(polity["names"][-1]["name"])


def _claim(
    rng: random.Random,
    treaties: list[dict[str, Any]],
    polities: list[dict[str, Any]],
    places: list[dict[str, Any]],
) -> dict[str, Any]:
    """One claim about a random treaty: mostly right, now and then wrong in a typical way.

    About 5% of the claims disagree with the record (a plain conflict, an
    Old Style date, the initialing date given as the signing date, another
    place, a misspelt place, an anachronistic or a wrong party name) and
    about 3% are coarser dates (refinements, not conflicts).
    """
    treaty = treaties[rng.randrange(len(treaties))]
    source = f"src-{rng.randrange(SOURCES)}"
    signed = next(e for e in treaty["events"] if e["type"] == "signed")
    day = dt.date.fromisoformat(signed["date"])
    roll = rng.random()
    pick = rng.random()
    value: Any
    if pick < 0.5:
        prop = "signed.date"
        if roll < 0.92:
            value = signed["date"]
        elif roll < 0.95:
            value = signed["date"][:7] if roll < 0.935 else signed["date"][:4]
        elif roll < 0.97:
            value = (day + dt.timedelta(days=rng.choice((-400, -30, 1, 365)))).isoformat()
        elif roll < 0.985:
            offset = 12 if day.year < 1900 else 13
            value = (day - dt.timedelta(days=offset)).isoformat()  # Old Style
        else:
            value = treaty["events"][0]["date"]  # the initialing date
    elif pick < 0.75:
        prop = "signed.place"
        place = places[int(signed["place"].split("-")[1])]
        if roll < 0.95:
            value = place["names"][rng.randrange(2)]
        elif roll < 0.98:
            value = places[rng.randrange(len(places))]["names"][0]
        else:
            value = _misspell(place["names"][0], rng)
    else:
        prop = "parties"
        parties = [polities[int(party.split("-")[1])] for party in treaty["parties"]]
        value = [_name_then(polity, day) for polity in parties]
        if roll > 0.97:  # a name from the wrong era (only some polities were renamed)
            value = [str(polity["names"][-1]["name"]) for polity in parties]
        elif roll > 0.96:
            value[1] = _name_then(polities[rng.randrange(len(polities))], day)
    return {"source": source, "about": treaty["id"], "property": prop, "value": value}


def without_reference(dataset: Dataset) -> Dataset:
    """The same dataset with every reference source demoted to a secondary one."""
    demoted = tuple(
        Source.model_validate({**s.model_dump(by_alias=True), "kind": "secondary"})
        if s.kind == "reference"
        else s
        for s in dataset.sources
    )
    return dataclasses.replace(dataset, sources=demoted)


def timed(function: Callable[[], Any], repeat: int, collector: str) -> tuple[float, Any]:
    """Fewest CPU seconds of ``repeat`` calls, and the last result.

    CPU time of this process rather than wall time, so that other programs
    on a busy machine do not skew the ratio; both sides are measured alike.
    With ``collector="paused"`` the cyclic garbage collector is paused, as
    :func:`treatycheck.validate` pauses it; with ``"enabled"`` it runs.
    """
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        result = None
        gc.collect()
        with paused() if collector == "paused" else contextlib.nullcontext():
            start = time.process_time()
            result = function()
            best = min(best, time.process_time() - start)
    return best, result


def minimal_pass(dataset: Dataset) -> tuple[dict[str, int], list[Claim]]:
    """The least a pass over the models does: agreements per source and the claims left over.

    One table of the records' values keyed by (treaty id, property), each in
    the form :func:`comparable` gives (written out in the claims' loop, the
    hot one); then one dictionary lookup per claim. It resolves no names (so
    "Dorpat" and "Tartu" differ), sees no refinement, explains nothing, keeps
    no scorecard beyond agreements and makes no findings: every step the real
    pass adds to it costs more, not less. Only for the benchmark.
    """
    stated: dict[tuple[str, str], Any] = {}
    for treaty in dataset.treaties:
        for prop, value in record_values(treaty):
            stated[treaty.id, prop] = comparable(value)
    agreements: dict[str, int] = {}
    left: list[Claim] = []
    for claim in dataset.claims:
        value = claim.value
        if type(value) is HistDate:
            said: Any = value.earliest << DAY_BITS | value.latest
        elif type(value) is list:
            said = frozenset(value)
        else:
            said = value
        if stated.get((claim.about, claim.property)) == said:
            agreements[claim.source] = agreements.get(claim.source, 0) + 1
        else:
            left.append(claim)
    return agreements, left


def record_values(treaty: Treaty) -> Iterator[tuple[str, Any]]:
    """(property, value) for the values of a treaty record that claims here speak of."""
    yield "parties", treaty.parties
    for event in treaty.events:
        if event.date is not None:
            yield f"{event.type}.date", event.date
        if event.place is not None:
            yield f"{event.type}.place", event.place


def comparable(value: Any) -> Any:
    """A value as the minimal passes compare it: a date as its interval in one number
    (see ``DAY_BITS``), a list as a set, anything else as it is."""
    if type(value) is HistDate:
        return value.earliest << DAY_BITS | value.latest
    return frozenset(value) if type(value) is list else value


class Columns:
    """The values :func:`minimal_pass` compares, as flat arrays of numbers.

    What a loader that built columns while validating would hand the pass:
    each record value in a slot (treaty position times :attr:`WIDTH` plus a
    property number), each claim as its slot, its value's number and its
    source's number. Dates are their interval as one number; any other value
    gets a negative number per distinct value. Only for the benchmark.
    """

    WIDTH = 16

    def __init__(self, dataset: Dataset) -> None:
        self._properties: dict[str, int] = {}
        self._values: dict[Any, int] = {}
        self.sources: dict[str, int] = {}
        at = {treaty.id: n for n, treaty in enumerate(dataset.treaties)}
        self.stated = array("q", bytes(8 * self.WIDTH * len(dataset.treaties)))
        for n, treaty in enumerate(dataset.treaties):
            for prop, value in record_values(treaty):
                self.stated[self._slot(n, prop)] = self._number(value)
        self.slot, self.said, self.source = array("q"), array("q"), array("q")
        for claim in dataset.claims:
            self.slot.append(self._slot(at[claim.about], claim.property))
            self.said.append(self._number(claim.value))
            self.source.append(self.sources.setdefault(claim.source, len(self.sources)))

    def _slot(self, treaty: int, prop: str) -> int:
        return treaty * self.WIDTH + self._properties.setdefault(prop, len(self._properties))

    def _number(self, value: Any) -> int:
        key = comparable(value)
        if type(key) is int:  # a date
            return key
        return self._values.setdefault(key, -1 - len(self._values))


def minimal_pass_on_columns(columns: Columns) -> tuple[list[int], list[int]]:
    """:func:`minimal_pass` over :class:`Columns`: agreements per source number, and the
    positions of the claims left over."""
    stated, source = columns.stated, columns.source
    agreements = [0] * len(columns.sources)
    left: list[int] = []
    for at, (slot, said) in enumerate(zip(columns.slot, columns.said, strict=True)):
        if stated[slot] == said:
            agreements[source[at]] += 1
        else:
            left.append(at)
    return agreements, left


def breakdown(dataset: Dataset, collector: str) -> str:
    """Where a pass spends its time, phase by phase (each measured once, in pass order).

    indexes: the Context's id and name tables; claims: the one pass over the
    claims (``Context.claim_index``); comparison: the treaties and the groups
    (``Context.cross_source``, with the consensus); rules: turning it into
    findings, per rule function; report: line lookups and sorting.
    """
    ctx = Context(dataset, today=dt.date(2026, 1, 1))
    indexes, _ = timed(lambda: (ctx.treaties, ctx.reference, ctx.denotation), 1, collector)
    claims, _ = timed(lambda: ctx.claim_index, 1, collector)
    compare, _ = timed(lambda: ctx.cross_source, 1, collector)
    found: list[Finding] = []
    rules = []
    for check in CHECKS:
        if check.run.__module__.endswith(".sources"):
            seconds, made = timed(partial(_findings, check, ctx), 1, collector)
            rules.append(f"{'/'.join(sorted(check.codes))} {seconds:.3f}")
            found += made
    build, _ = timed(lambda: Report.build(found, files=1, records=1), 1, collector)
    return (
        f"indexes {indexes:.3f} s, claims {claims:.3f} s, comparison {compare:.3f} s, "
        f"rules {', '.join(rules)} s, report {build:.3f} s"
    )


def in_no_conflict(dataset: Dataset, today: dt.date) -> Dataset:
    """The dataset without the claims that some conflict of the pass involves."""
    disputed = {
        id(statement.record)
        for conflict in Context(dataset, today=today).cross_source.conflicts
        for statement in conflict.group.claims
    }
    kept = tuple(claim for claim in dataset.claims if id(claim) not in disputed)
    return dataclasses.replace(dataset, claims=kept)


def last_claim_walk(path: Any, claims: int) -> float:
    """CPU seconds to locate the value of the file's last claim (a walk of the whole text)."""
    text = path.read_text(encoding="utf-8")
    start = time.process_time()
    JsonPositions(text).resolve([("claims", claims - 1, "value")])
    return time.process_time() - start


def _findings(check: Check, ctx: Context) -> list[Finding]:
    return list(check.run(ctx))


def _summary(report: Report) -> str:
    counts = Counter(f.code for f in report.findings)
    return ", ".join(f"{code} {counts[code]:,}" for code in sorted(counts)) or "no findings"


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the dataset, time the load and both passes, print the numbers."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--treaties", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1932)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--gc",
        choices=("paused", "enabled"),
        default="paused",
        help="the cyclic garbage collector during both timings (validate pauses it)",
    )
    parser.add_argument("--breakdown", action="store_true", help="also time the parts of each pass")
    parser.add_argument("--check", action="store_true", help="fail when over the target")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="treatycheck-bench-") as directory:
        path = write_json(synthetic_dataset(args.treaties, args.claims, args.seed), directory)
        size = path.stat().st_size
        limits = Limits(max_file_bytes=1 << 30)  # the file is larger than the default limit
        load_seconds, dataset = timed(lambda: load(path, limits=limits), args.repeat, args.gc)
        walk_seconds = min(last_claim_walk(path, args.claims) for _ in range(args.repeat))
    if dataset.findings:
        print(f"note: the synthetic data has load findings: {dataset.findings[0]}")
    print(
        f"dataset: {args.treaties:,} treaties, {args.claims:,} claims from {SOURCES} sources, "
        f"{size / 1e6:.1f} MB of JSON; CPU seconds, garbage collector {args.gc}"
    )
    print(f"load:                              {load_seconds:7.3f} s")
    print(
        f"locating the last claim:           {walk_seconds:7.3f} s  "
        f"({walk_seconds / load_seconds:.0%} of load; one walk of the whole file)"
    )
    minimal_seconds, (_, left) = timed(partial(minimal_pass, dataset), args.repeat, args.gc)
    print(
        f"minimal pass over the models:      {minimal_seconds:7.3f} s  "
        f"({minimal_seconds / load_seconds:.0%} of load)  {len(left):,} claims not simply equal"
    )
    build_seconds, columns = timed(partial(Columns, dataset), 1, args.gc)
    column_seconds, _ = timed(partial(minimal_pass_on_columns, columns), args.repeat, args.gc)
    print(
        f"the same over columns:             {column_seconds:7.3f} s  "
        f"({column_seconds / load_seconds:.0%} of load; making the columns from the "
        f"loaded models took {build_seconds:.3f} s)"
    )
    del columns
    worst = 0.0
    today = dt.date(2026, 1, 1)
    for mode, data_set in (("reference", dataset), ("consensus", without_reference(dataset))):
        seconds, report = timed(
            partial(run, data_set, select=SELECT, today=today), args.repeat, args.gc
        )
        worst = max(worst, seconds / load_seconds)
        print(
            f"cross-source pass, {mode} mode: {seconds:7.3f} s  "
            f"({seconds / load_seconds:.0%} of load)  {_summary(report)}"
        )
        if args.breakdown:
            print(f"  {breakdown(data_set, args.gc)}")
            agreeing = in_no_conflict(data_set, today)
            calm, _ = timed(
                partial(run, agreeing, select=SELECT, today=today), args.repeat, args.gc
            )
            print(
                f"  the same pass over the {len(agreeing.claims):,} claims in no conflict: "
                f"{calm:.3f} s ({calm / load_seconds:.0%} of load); "
                f"the disputes add {seconds - calm:.3f} s ({(seconds - calm) / load_seconds:.0%})"
            )
    print(f"worst ratio pass / load: {worst:.2f} (target < {TARGET_RATIO})")
    if args.check and worst >= TARGET_RATIO:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
