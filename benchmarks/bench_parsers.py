"""How the YAML parser was chosen: readers that keep positions, timed on one file.

Run ``python -m benchmarks.bench_parsers [--treaties N] [--repeat R]``. It
writes the synthetic dataset of :mod:`benchmarks.bench_load` (10,000 treaties
by default) as block-style YAML and times, best of ``R``:

* ``yaml.load`` with ``CSafeLoader``: libyaml, no positions (the floor);
* ``treatycheck._yaml.read_yaml``: libyaml's event stream, values built in
  Python with the position of every node (what treatycheck uses);
* ``yaml.compose`` with ``CSafeLoader`` plus a walk that builds values and
  positions from the node tree;
* ruamel.yaml's round-trip loader (``typ="rt"``), which keeps positions in
  ``.lc`` (pure Python);
* ruamel.yaml's safe loader (``typ="safe"``), no positions, for reference.

ruamel.yaml is not a dependency of treatycheck; the script skips it when it is
not installed. The numbers are recorded in docs/design.md.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from benchmarks.bench_load import synthetic_dataset
from treatycheck._yaml import read_yaml

Pointer = tuple[str | int, ...]


def compose_with_positions(text: str) -> tuple[Any, dict[Pointer, tuple[int, int]]]:
    """Compose the node tree with libyaml, then build values and positions from it."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    constructor = yaml.constructor.SafeConstructor()
    positions: dict[Pointer, tuple[int, int]] = {}

    def build(node: Node, pointer: Pointer) -> Any:
        positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return {key.value: build(value, (*pointer, key.value)) for key, value in node.value}
        if isinstance(node, SequenceNode):
            return [build(item, (*pointer, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return constructor.construct_object(node)

    return (build(root, ()) if root is not None else None), positions


def readers() -> list[tuple[str, Callable[[str], object]]]:
    """The readers to time, by label."""
    found: list[tuple[str, Callable[[str], object]]] = [
        ("PyYAML CSafeLoader load (no positions)", lambda t: yaml.load(t, yaml.CSafeLoader)),
        ("treatycheck read_yaml (event stream)", read_yaml),
        ("PyYAML CSafeLoader compose + walk", compose_with_positions),
    ]
    try:
        from ruamel.yaml import YAML
    except ImportError:  # pragma: no cover - optional
        return found
    import ruamel.yaml

    round_trip, safe = YAML(typ="rt"), YAML(typ="safe", pure=False)
    found.append(("ruamel.yaml round-trip (positions in .lc)", round_trip.load))
    backend = "C" if getattr(ruamel.yaml, "__with_libyaml__", False) else "pure Python"
    found.append((f"ruamel.yaml safe, {backend} (no positions)", safe.load))
    return found


def best_of(reader: Callable[[str], object], text: str, repeat: int) -> float:
    """Fastest of ``repeat`` runs, in seconds, with the cyclic collector paused."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            reader(text)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the YAML text, time each reader, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--treaties", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    text = yaml.dump(
        synthetic_dataset(args.treaties), Dumper=yaml.CSafeDumper, sort_keys=False, width=100
    )
    print(f"YAML: {args.treaties:,} treaties, {len(text) / 1e6:.1f} MB")
    floor = None
    for label, reader in readers():
        seconds = best_of(reader, text, args.repeat)
        floor = floor or seconds
        print(f"{label:45} {seconds:7.3f} s  {seconds / floor:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
