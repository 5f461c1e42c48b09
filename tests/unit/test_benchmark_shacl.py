"""The pySHACL side of the benchmark checks what treatycheck checks (no pySHACL needed here)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from treatycheck.rules.chronology import MUST_PRECEDE

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not installed; it sits beside the package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate, write  # noqa: E402
from benchmarks.shacl.export import export  # noqa: E402

SHAPES = ROOT / "benchmarks" / "shacl" / "shapes.ttl"


def _camel(event_type: str) -> str:
    head, *rest = event_type.split("-")
    return head + "".join(part.capitalize() for part in rest)


def test_event_order_shapes_are_exactly_the_rule_pairs() -> None:
    text = SHAPES.read_text(encoding="utf-8")
    shaped = set(re.findall(r"<urn:tc:shape:TC201:([a-z-]+):([a-z-]+)> a sh:PropertyShape", text))
    assert shaped == set(MUST_PRECEDE)
    for earlier, later in MUST_PRECEDE:
        assert (
            f"sh:path tc:{_camel(earlier)}Earliest ;\n    sh:lessThanOrEquals "
            f"tc:{_camel(later)}Latest ." in text
        )


def test_export_writes_the_facts_the_shapes_read(tmp_path: Path) -> None:
    data = write(generate(100, seed=2), tmp_path)
    triples = tmp_path / "out.nt"
    count = export(data, triples)
    lines = triples.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) > 1000
    assert all(line.endswith(" .") and line.startswith("<urn:tc:") for line in lines)
    text = "\n".join(lines)
    assert "<urn:tc:p:BilateralTreaty>" in text
    assert "<urn:tc:p:ExistenceEvent>" in text
    assert "<urn:tc:p:fromEarliest>" in text
    assert "<urn:tc:p:Interval>" in text
