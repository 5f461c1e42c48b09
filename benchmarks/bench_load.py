"""Benchmark of :func:`treatycheck.load` on a large JSON dataset, against the bare floor.

Run ``python -m benchmarks.bench_load [--treaties N] [--repeat R] [--check]``.

It writes a synthetic dataset of ``N`` treaties (100,000 by default; with
polities, sources and 2-4 events per treaty) as one JSON file in a temporary
directory, generated deterministically, and times in one run:

* the floor: ``json.load`` plus ``DataFile.model_validate`` into the same
  models, with no locations and no findings;
* ``treatycheck.load``: the same file into a :class:`~treatycheck.Dataset`
  whose records keep their locations (line and column are looked up lazily).

Both are timed twice: with the cyclic garbage collector running, as a plain
``treatycheck.load`` call runs, and with it paused, as ``treatycheck.validate``
runs (see ``treatycheck._gc``). It prints the times (the best of ``R`` runs)
and their ratios. ``--check`` exits with status 1 when a ratio exceeds the
target of 1.5.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks._synthetic import KINDS, bilateral_treaty, write_json
from treatycheck import load
from treatycheck.models import DataFile

TARGET_RATIO = 1.5

_CHAIN = ("negotiated", "signed", "ratified", "in-force")


def synthetic_dataset(treaties: int, seed: int = 1920) -> dict[str, Any]:
    """A valid data file with ``treaties`` treaties, the same for the same arguments."""
    rng = random.Random(seed)
    polities = [
        {
            "id": f"polity-{n}",
            "names": [{"name": f"Polity {n}", "from": "1800-01-01"}],
            "exists": {"from": "1800-01-01"},
            "codes": {"cow": n},
        }
        for n in range(200)
    ]
    sources = [
        {"id": f"source-{n}", "title": f"Treaty series volume {n}", "kind": "primary"}
        for n in range(50)
    ]
    records = []
    for n in range(treaties):
        first, second = rng.sample(range(len(polities)), 2)
        year = rng.randint(1850, 1990)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        events: list[dict[str, Any]] = []
        for step, event_type in enumerate(_CHAIN[: rng.randint(2, 4)]):
            event: dict[str, Any] = {
                "type": event_type,
                "date": f"{year + step // 2:04d}-{month:02d}-{day:02d}",
            }
            if event_type == "ratified":
                event["by"] = f"polity-{first}"
            events.append(event)
        kind = rng.choice(KINDS)
        cited = [f"source-{rng.randrange(len(sources))}"]
        records.append(bilateral_treaty(n, kind, first, second, events, cited))
    return {"treatycheck": 1, "sources": sources, "polities": polities, "treaties": records}


def floor(path: Path) -> object:
    """The least any loader must do: parse the JSON and validate it into the models."""
    with path.open("rb") as handle:
        return DataFile.model_validate(json.load(handle))


def with_locations(path: Path) -> object:
    """What treatycheck does: load the file with locations and collected findings."""
    dataset = load(path)
    if dataset.findings:
        raise SystemExit(f"the synthetic dataset should be valid: {dataset.findings[0]}")
    return dataset


def timed(function: Callable[[Path], object], path: Path, collect: bool) -> float:
    """One run, in seconds, with the cyclic collector on or paused."""
    gc.collect()
    if not collect:
        gc.disable()
    try:
        start = time.perf_counter()
        function(path)  # the result is dropped after the clock stops
        return time.perf_counter() - start
    finally:
        gc.enable()


def best_of_pair(path: Path, repeat: int, collect: bool) -> tuple[float, float]:
    """Fastest floor and load times of ``repeat`` rounds, each round running both.

    Alternating the two keeps a busy machine's slow spells from landing on one
    side only.
    """
    floors, loads = [], []
    for _ in range(repeat):
        floors.append(timed(floor, path, collect))
        loads.append(timed(with_locations, path, collect))
    return min(floors), min(loads)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the dataset, time both loaders, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--treaties", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="fail when over the target ratio")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="treatycheck-bench-") as directory:
        path = write_json(synthetic_dataset(args.treaties), directory)
        size = path.stat().st_size
        with_locations(path)  # warm-up: imports, pydantic schema build
        rows = []
        for label, collect in (("collector on", True), ("collector paused", False)):
            floor_seconds, load_seconds = best_of_pair(path, args.repeat, collect)
            rows.append((label, floor_seconds, load_seconds, load_seconds / floor_seconds))
    print(f"dataset: {args.treaties:,} treaties, {size / 1e6:.1f} MB of JSON")
    worst = 0.0
    for label, floor_seconds, load_seconds, ratio in rows:
        print(f"{label}:")
        print(f"  floor (json.load + DataFile.model_validate): {floor_seconds:.3f} s")
        print(f"  treatycheck.load (with locations):          {load_seconds:.3f} s")
        print(f"  ratio: {ratio:.2f} (target <= {TARGET_RATIO})")
        worst = max(worst, ratio)
    if args.check and worst > TARGET_RATIO:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
