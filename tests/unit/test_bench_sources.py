"""The cross-source benchmark runs and prints the load, both passes and their phases."""

from __future__ import annotations

import re

from tests.benchmarking import run_benchmark

SMALL = ["--treaties", "300", "--claims", "900", "--breakdown"]


def test_the_benchmark_prints_load_pass_ratio_and_phases() -> None:
    done = run_benchmark("bench_sources", *SMALL)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^load: +\d+\.\d{3} s$", out, re.MULTILINE), out
    for mode in ("reference", "consensus"):
        line = re.search(
            rf"^cross-source pass, {mode} mode: +\d+\.\d{{3}} s +\(\d+% of load\)", out, re.M
        )
        assert line, out
    bound = re.search(r"^minimal pass over the models: +\d+\.\d{3} s +\(\d+% of load\)", out, re.M)
    assert bound, out
    assert re.search(r"^the same over columns: +\d+\.\d{3} s +\(\d+% of load;", out, re.M), out
    assert out.count("indexes ") == 2 and out.count("report ") == 2
    walk = re.search(r"^locating the last claim: +\d+\.\d{3} s +\(\d+% of load;", out, re.M)
    assert walk, out
    calm = r"^  the same pass over the ([\d,]+) claims in no conflict: .* the disputes add "
    kept = [int(n.replace(",", "")) for n in re.findall(calm, out, re.M)]
    assert len(kept) == 2 and all(0 < n < 900 for n in kept), out
    assert "TC502" in out and "TC501" in out
    assert re.search(r"^worst ratio pass / load: \d+\.\d\d \(target < 0\.5\)$", out, re.M), out
