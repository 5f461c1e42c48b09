"""The benchmark table: treatycheck at 1k, 10k, 100k (and 1M) treaties, against floors and pySHACL.

Run ``python -m benchmarks.run`` (add ``--large`` for 1,000,000 treaties). It
generates the datasets with :mod:`benchmarks.generate` (cached under
``benchmarks/out/``), measures every figure in fresh processes in this one
run, and prints one Markdown table:

* load, rules and validate-all times of ``treatycheck.validate`` (all rules),
  its peak RSS, and whether its findings equal the generator's manifest
  (per code, and per code and subject);
* (a) validate-all against the bare floor: ``json.load`` plus
  ``model_validate`` of every record, no locations, no findings, no rules;
  with the garbage collector on (as a plain script runs) and off;
* (b) the scaling ratio time(10N) / time(N);
* (c) treatycheck against pySHACL on the four checks SHACL can express
  (TC201 event order, TC202 interval order, TC301 bilateral parties, TC302
  party existence), both end to end from their own input files. pySHACL is
  installed from PyPI into ``benchmarks/out/shacl-venv`` on first use; it is
  not a dependency of treatycheck;
* the ``--jobs`` wall-clock speed-up.

Times are CPU seconds of the measuring process unless marked wall: the
machine may be shared, and CPU time is what one run costs. ``--jobs`` is
measured in wall seconds, the only clock in which it can gain.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from benchmarks.generate import GENERATOR_VERSION, TODAY, generate, write

__all__ = ["main"]

ROOT: Final = Path(__file__).resolve().parent.parent
OUT: Final = ROOT / "benchmarks" / "out"
SHAPES: Final = ROOT / "benchmarks" / "shacl" / "shapes.ttl"
PYSHACL_REQUIREMENT: Final = "pyshacl==0.40.1"
SHARED_CODES: Final = ("TC201", "TC202", "TC301", "TC302")
TARGETS: Final = {
    "floor_ratio": 2.0,
    "scaling": 11.0,
    "pyshacl_ratio": 50.0,
    "large_seconds": 60.0,
    "large_rss_gb": 6.0,
}


# -- measurements, each in a fresh child process ------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    cpu, wall = _clock()
    return cpu - start[0], wall - start[1]


def _child_floor(data: Path, collect: bool) -> dict[str, Any]:
    """json.load + model_validate of every record: what any loader must do at least."""
    from pydantic import ValidationError

    from treatycheck.models import ASSERTION_FORMS, SECTIONS, assertion_form

    if not collect:
        gc.disable()
    start = _clock()
    kept = []
    for path in sorted(data.glob("*.json")):
        with path.open("rb") as handle:
            document = json.load(handle)
        for section, items in document.items():
            model = SECTIONS.get(section)
            if not isinstance(items, list) or (model is None and section != "assertions"):
                continue
            for item in items:
                cls = model or ASSERTION_FORMS.get(assertion_form(item) or "")
                if cls is None:
                    continue
                try:  # noqa: SIM105 (cheaper than contextlib.suppress in a hot loop)
                    kept.append(cls.model_validate(item))
                except ValidationError:
                    pass
    cpu, wall = _since(start)
    return {"cpu": cpu, "wall": wall, "rss_mb": _peak_rss_mb(), "records": len(kept)}


def _child_validate(data: Path, jobs: int, select: list[str] | None) -> dict[str, Any]:
    """treatycheck.validate, timed in its two halves, compared with the manifest."""
    import treatycheck.rules.registry  # noqa: F401 (imports are not timed, as for pySHACL)
    from treatycheck._gc import paused
    from treatycheck.engine import run
    from treatycheck.loader import load

    start = _clock()
    with paused():  # exactly what treatycheck.validate does
        dataset = load(data)
        loaded = _since(start)
        report = run(dataset, select=select, today=TODAY, jobs=jobs)
    cpu, wall = _since(start)
    result: dict[str, Any] = {
        "load_cpu": loaded[0],
        "load_wall": loaded[1],
        "rules_cpu": cpu - loaded[0],
        "rules_wall": wall - loaded[1],
        "cpu": cpu,
        "wall": wall,
        "rss_mb": _peak_rss_mb(),
        "records": report.records,
        "by_code": report.by_code,
    }
    manifest = json.loads((data.parent / "manifest.json").read_text(encoding="utf-8"))
    expected = Counter((item["code"], item["subject"]) for item in manifest["injected"])
    if select is not None:
        expected = Counter({key: n for key, n in expected.items() if key[0] in select})
    found = Counter((f.code, f.subject) for f in report.findings)
    result["manifest_exact"] = found == expected
    result["unexpected"] = sorted(map(str, (found - expected).elements()))[:10]
    result["missed"] = sorted(map(str, (expected - found).elements()))[:10]
    return result


def _run_child(arguments: list[str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.run", "--child", *arguments]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(arguments)}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _best(arguments: list[str], repeat: int, key: str = "cpu") -> dict[str, Any]:
    runs = [_run_child(arguments) for _ in range(repeat)]
    return min(runs, key=lambda item: float(item[key]))


# -- datasets and the pySHACL environment ----------------------------------------


def dataset_dir(treaties: int, seed: int) -> Path:
    """The generated dataset for (treaties, seed), generated now if missing or stale."""
    out = OUT / f"data-{treaties}-seed{seed}"
    manifest = out / "manifest.json"
    if manifest.exists():
        known = json.loads(manifest.read_text(encoding="utf-8"))
        if known.get("generator_version") == GENERATOR_VERSION:
            return out / "data"
    _say(f"generating {treaties:,} treaties (seed {seed}) in {out}")
    return write(generate(treaties, seed), out)


def shacl_python() -> Path:
    """The Python of the benchmark's own pySHACL environment, created on first use."""
    venv = OUT / "shacl-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        _say(f"creating {venv} and installing {PYSHACL_REQUIREMENT} from PyPI")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", PYSHACL_REQUIREMENT], check=True
        )
    return python


def run_pyshacl(data: Path) -> dict[str, Any]:
    """Export ``data`` to N-Triples (cached) and time pySHACL on it with the shapes."""
    from benchmarks.shacl.export import export

    triples = data.parent / "shared-checks.nt"
    if not triples.exists():
        export(data, triples)
    command = [
        str(shacl_python()),
        str(ROOT / "benchmarks" / "shacl" / "run_pyshacl.py"),
        str(triples),
        str(SHAPES),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"pySHACL failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the table ---------------------------------------------------------------------


def measure(treaties: int, seed: int, jobs: int, with_shacl: bool, repeat: int) -> dict[str, Any]:
    """Every figure of one column of the table."""
    data = dataset_dir(treaties, seed)
    times = repeat if treaties <= 10_000 else 1
    _say(f"{treaties:,}: validate (all rules)")
    row: dict[str, Any] = {"treaties": treaties}
    row["validate"] = _best(["validate", str(data)], times)
    _say(f"{treaties:,}: bare floor")
    row["floor"] = _best(["floor", str(data)], times)
    row["floor_nogc"] = _best(["floor-nogc", str(data)], times)
    if jobs > 1:
        _say(f"{treaties:,}: --jobs 1 and --jobs {jobs} (wall)")
        row["jobs1"] = _best(["validate", str(data)], times, key="wall")
        row["jobsN"] = _best(["validate", str(data), "--jobs", str(jobs)], times, key="wall")
    if with_shacl:
        _say(f"{treaties:,}: shared checks, treatycheck and pySHACL")
        select = ["validate", str(data), "--select", ",".join(SHARED_CODES)]
        row["shared"] = _best(select, times)
        # Best of as many runs as treatycheck gets: both sides measured alike.
        row["pyshacl"] = min(
            (run_pyshacl(data) for _ in range(times)), key=lambda run: float(run["cpu"])
        )
    return row


def _fmt_s(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _ratio(value: float) -> str:
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def table(rows: list[dict[str, Any]], jobs: int) -> str:
    """The results as one Markdown table, a column per dataset size."""
    lines: list[tuple[str, Callable[[dict[str, Any], dict[str, Any] | None], str]]] = [
        (
            "records loaded (treaties, claims, polities, ...)",
            lambda r, _: f"{r['validate']['records']:,}",
        ),
        ("load, s", lambda r, _: _fmt_s(r["validate"]["load_cpu"])),
        ("rules (all) + report, s", lambda r, _: _fmt_s(r["validate"]["rules_cpu"])),
        (
            "**validate-all, s** (wall)",
            lambda r, _: f"**{_fmt_s(r['validate']['cpu'])}** ({_fmt_s(r['validate']['wall'])})",
        ),
        ("peak RSS, MB", lambda r, _: f"{r['validate']['rss_mb']:,.0f}"),
        ("findings = manifest (per code and subject)", _manifest_cell),
        ("bare floor, GC on, s", lambda r, _: _fmt_s(r["floor"]["cpu"])),
        ("bare floor, GC off, s", lambda r, _: _fmt_s(r["floor_nogc"]["cpu"])),
        (
            f"**(a) validate-all / floor (GC on)** (target <= {TARGETS['floor_ratio']:g})",
            lambda r, _: f"**{_ratio(r['validate']['cpu'] / r['floor']['cpu'])}**",
        ),
        (
            "(a') validate-all / floor (GC off)",
            lambda r, _: _ratio(r["validate"]["cpu"] / r["floor_nogc"]["cpu"]),
        ),
        (
            f"**(b) time(N) / time(N/10)**, validate-all (target <= {TARGETS['scaling']:g})",
            _scaling_cell,
        ),
    ]
    if any("jobsN" in r for r in rows):
        lines += [
            ("--jobs 1, wall s", lambda r, _: _fmt_s(r["jobs1"]["wall"]) if "jobs1" in r else "-"),
            (
                f"--jobs {jobs}, wall s",
                lambda r, _: _fmt_s(r["jobsN"]["wall"]) if "jobsN" in r else "-",
            ),
            (f"--jobs {jobs} speed-up (same findings)", _jobs_cell),
        ]
    if any("pyshacl" in r for r in rows):
        lines += [
            (
                "shared checks: treatycheck end to end, s",
                lambda r, _: _fmt_s(r["shared"]["cpu"]) if "shared" in r else "-",
            ),
            (
                "shared checks: pySHACL end to end, s",
                lambda r, _: _fmt_s(r["pyshacl"]["cpu"]) if "pyshacl" in r else "-",
            ),
            (
                "pySHACL peak RSS, MB",
                lambda r, _: f"{r['pyshacl']['rss_mb']:,.0f}" if "pyshacl" in r else "-",
            ),
            (
                f"**(c) pySHACL / treatycheck** (target >= {TARGETS['pyshacl_ratio']:g})",
                lambda r, _: (
                    f"**{_ratio(r['pyshacl']['cpu'] / r['shared']['cpu'])}**"
                    if "pyshacl" in r
                    else "-"
                ),
            ),
            ("pySHACL results = treatycheck findings", _shacl_match_cell),
        ]
    header = "| treaties | " + " | ".join(f"{r['treaties']:,}" for r in rows) + " |"
    rule = "|---|" + "---:|" * len(rows)
    body = []
    for label, cell in lines:
        cells = [cell(r, rows[i - 1] if i else None) for i, r in enumerate(rows)]
        body.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *body])


def _manifest_cell(row: dict[str, Any], _: dict[str, Any] | None) -> str:
    result = row["validate"]
    total = sum(result["by_code"].values())
    if result["manifest_exact"]:
        return f"yes ({len(result['by_code'])} codes, {total:,} findings)"
    return f"NO: +{result['unexpected']} -{result['missed']}"


def _scaling_cell(row: dict[str, Any], previous: dict[str, Any] | None) -> str:
    if previous is None or row["treaties"] != previous["treaties"] * 10:
        return "-"
    return _ratio(row["validate"]["cpu"] / previous["validate"]["cpu"])


def _jobs_cell(row: dict[str, Any], _: dict[str, Any] | None) -> str:
    if "jobsN" not in row:
        return "-"
    same = row["jobsN"]["by_code"] == row["jobs1"]["by_code"] and row["jobsN"]["manifest_exact"]
    speed = row["jobs1"]["wall"] / row["jobsN"]["wall"]
    return f"{speed:.2f}x" + ("" if same else " (FINDINGS DIFFER)")


def _shacl_match_cell(row: dict[str, Any], _: dict[str, Any] | None) -> str:
    if "pyshacl" not in row:
        return "-"
    ours = {code: n for code, n in row["shared"]["by_code"].items() if code in SHARED_CODES}
    theirs = row["pyshacl"]["results"]
    if ours == theirs:
        return "yes"
    return "; ".join(f"{c} {ours.get(c, 0)}/{theirs.get(c, 0)}" for c in SHARED_CODES)


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _preamble(seed: int, repeat: int) -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"treatycheck benchmark, {_dt.date.today().isoformat()}: seed {seed}, validated with "
        f"today = {TODAY.isoformat()}; Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, load average {load} at the end.\n"
        f"Times are CPU seconds of the measuring process (best of {repeat} up to 10k "
        "treaties, for pySHACL too; one run above); --jobs rows are wall seconds.\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: measure and print the table."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--child"]:
        return _child(arguments[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", action="store_true", help="also measure 1,000,000 treaties")
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="comma-separated treaty counts"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="worker count for the --jobs rows")
    parser.add_argument("--jobs-from", type=int, default=10_000, help="smallest size for --jobs")
    parser.add_argument(
        "--shacl-up-to",
        type=int,
        default=10_000,
        help="largest size pySHACL runs on (0: never; 100000 takes about 6 minutes)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure up to 10k")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(arguments)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    if args.large and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    rows = []
    for size in sizes:
        rows.append(
            measure(
                size,
                args.seed,
                args.jobs if size >= args.jobs_from else 1,
                0 < size <= args.shacl_up_to,
                args.repeat,
            )
        )
    text = _preamble(args.seed, args.repeat) + "\n" + table(rows, args.jobs) + "\n"
    print(text)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
        raw = args.output.with_suffix(".json")
        raw.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    failed = [r["treaties"] for r in rows if not r["validate"]["manifest_exact"]]
    return 1 if failed else 0


def _child(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.run --child")
    parser.add_argument("mode", choices=("validate", "floor", "floor-nogc"))
    parser.add_argument("data", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--select", default=None)
    args = parser.parse_args(arguments)
    if args.mode == "validate":
        select = args.select.split(",") if args.select else None
        result = _child_validate(args.data, args.jobs, select)
    else:
        result = _child_floor(args.data, collect=args.mode == "floor")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
