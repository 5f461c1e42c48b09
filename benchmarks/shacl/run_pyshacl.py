"""Time pySHACL on an exported dataset; runs in the benchmark's own virtual environment.

``python run_pyshacl.py DATA.nt SHAPES.ttl`` prints one JSON object: wall and
CPU seconds for parsing and validating, the peak RSS, and the number of
validation results per rule code (taken from the ``urn:tc:shape:<code>:...``
IRI of each result's source shape). Needs only pyshacl and the standard
library, so it can run outside treatycheck's environment.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import Counter

from pyshacl import validate
from rdflib import Graph, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")


def main(data_path: str, shapes_path: str) -> int:
    wall, cpu = time.perf_counter(), time.process_time()
    data = Graph()
    data.parse(data_path, format="nt")
    shapes = Graph()
    shapes.parse(shapes_path, format="turtle")
    parsed_wall, parsed_cpu = time.perf_counter(), time.process_time()
    conforms, results, _ = validate(
        data, shacl_graph=shapes, inference="none", advanced=False, abort_on_first=False
    )
    end_wall, end_cpu = time.perf_counter(), time.process_time()
    codes: Counter[str] = Counter()
    for result in results.subjects(predicate=SH.resultSeverity):
        shape = str(results.value(result, SH.sourceShape))
        code = shape.split(":")[3] if shape.startswith("urn:tc:shape:") else "?"
        codes[code] += 1
    print(
        json.dumps(
            {
                "triples": len(data),
                "parse_wall": parsed_wall - wall,
                "parse_cpu": parsed_cpu - cpu,
                "validate_wall": end_wall - parsed_wall,
                "validate_cpu": end_cpu - parsed_cpu,
                "wall": end_wall - wall,
                "cpu": end_cpu - cpu,
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "conforms": bool(conforms),
                "results": dict(sorted(codes.items())),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
