"""Benchmark of :func:`treatycheck.dates.parse_date` on a realistic mix of spellings.

Run ``python -m benchmarks.bench_dates [--count N] [--seed S] [--repeat R] [--check]``.
The values are generated deterministically from the seed: about 70% plain
``YYYY-MM-DD`` days (the fast path), the rest months, years (text and int),
qualified values, decades and centuries, intervals, open intervals and Julian
dates (text and mapping). It prints microseconds per value for the plain days,
for the whole mix and for each kind, plus the ratio mix / plain. ``--check``
exits with status 1 when plain days take 2 µs or more.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import sys
import time
from collections.abc import Callable, Sequence

from treatycheck.dates import parse_date

PLAIN_TARGET_US = 2.0

# kind name and its share of the values; the shares add up to 1.
MIX: tuple[tuple[str, float], ...] = (
    ("day", 0.70),
    ("month", 0.08),
    ("year", 0.04),
    ("int-year", 0.02),
    ("qualified", 0.05),
    ("decade-century", 0.02),
    ("interval", 0.04),
    ("open-interval", 0.015),
    ("julian", 0.025),
    ("julian-mapping", 0.01),
)


def _day(rng: random.Random) -> str:
    year = rng.randint(1500, 2020)
    month = rng.randint(1, 12)
    return f"{year:04d}-{month:02d}-{rng.randint(1, calendar.monthrange(year, month)[1]):02d}"


def _month(rng: random.Random) -> str:
    return f"{rng.randint(1500, 2020):04d}-{rng.randint(1, 12):02d}"


def _year(rng: random.Random) -> str:
    return f"{rng.randint(1500, 2020):04d}"


def _julian_day(rng: random.Random) -> str:
    # Days 1..28 exist in every Julian month.
    return f"{rng.randint(1582, 1918):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _qualified(rng: random.Random) -> str:
    return rng.choice((_day, _month, _year))(rng) + rng.choice("?~%")


def _decade_century(rng: random.Random) -> str:
    year = _year(rng)
    return year[:3] + "X" if rng.random() < 0.8 else year[:2] + "XX"


def _interval(rng: random.Random) -> str:
    first, second = sorted((rng.choice((_day, _month))(rng), rng.choice((_day, _month))(rng)))
    return f"{first}/{second}"


def _open_interval(rng: random.Random) -> str:
    bound = rng.choice((_day, _month, _year))(rng)
    return f"../{bound}" if rng.random() < 0.5 else f"{bound}/.."


MAKERS: dict[str, Callable[[random.Random], object]] = {
    "day": _day,
    "month": _month,
    "year": _year,
    "int-year": lambda rng: rng.randint(1500, 2020),
    "qualified": _qualified,
    "decade-century": _decade_century,
    "interval": _interval,
    "open-interval": _open_interval,
    "julian": lambda rng: "julian:" + _julian_day(rng),
    "julian-mapping": lambda rng: {"julian": _julian_day(rng)},
}


def make_values(count: int, seed: int) -> list[tuple[str, object]]:
    """``count`` (kind, value) pairs in the proportions of :data:`MIX`."""
    rng = random.Random(seed)
    kinds = [kind for kind, _ in MIX]
    weights = [share for _, share in MIX]
    return [(kind, MAKERS[kind](rng)) for kind in rng.choices(kinds, weights, k=count)]


def time_parse(values: Sequence[object], repeat: int) -> float:
    """Best wall time in microseconds per value over ``repeat`` passes."""
    parse = parse_date
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for value in values:
            parse(value)
        best = min(best, time.perf_counter() - start)
    return best / len(values) * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="values in the mix")
    parser.add_argument("--seed", type=int, default=1932, help="random seed")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is shown")
    parser.add_argument(
        "--check", action="store_true", help=f"fail unless plain days take < {PLAIN_TARGET_US} µs"
    )
    args = parser.parse_args(argv)

    pairs = make_values(args.count, args.seed)
    for _, value in pairs:  # every generated value must be valid
        parse_date(value)
    mixed = [value for _, value in pairs]
    plain = [value for kind, value in pairs if kind == "day"]
    by_kind = {kind: [value for k, value in pairs if k == kind] for kind, _ in MIX}

    plain_us = time_parse(plain, args.repeat)
    mixed_us = time_parse(mixed, args.repeat)
    print(f"treatycheck.dates.parse_date, Python {sys.version.split()[0]}, {dt.date.today()}")
    print(f"{len(mixed):,} mixed values (seed {args.seed}), best of {args.repeat}")
    print(f"  plain YYYY-MM-DD : {plain_us:6.3f} µs/value  ({len(plain):,} values)")
    print(f"  mixed            : {mixed_us:6.3f} µs/value  ({len(mixed):,} values)")
    print(f"  ratio mixed/plain: {mixed_us / plain_us:6.2f}")
    print("per kind:")
    for kind, values in by_kind.items():
        if values:
            kind_us = time_parse(values, args.repeat)
            print(f"  {kind:<16} : {kind_us:6.3f} µs/value  ({len(values):,} values)")
    met = plain_us < PLAIN_TARGET_US
    print(f"target: plain days under {PLAIN_TARGET_US} µs/value: {'met' if met else 'NOT met'}")
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
