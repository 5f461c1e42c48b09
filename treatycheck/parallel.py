"""Rules run in parallel partitions of the dataset (by subject), with the same report.

``treatycheck.validate(..., jobs=N)`` and ``treatycheck validate --jobs N``
load the dataset once, then split the rules in two:

* **per-subject rules** (:data:`PARTITIONED_CODES`) look at one treaty and the
  claims about it, plus the shared registries (polities, sources, places,
  people). They run in ``N - 1`` worker processes. One worker reads the
  whole dataset through the parent's context. Several each take a *view* of
  the dataset that holds every registry record but only the treaties and
  claims of its partition: a treaty's partition is ``crc32(id) % (N - 1)``,
  and a claim goes with its subject (``about``), so everything one finding
  needs sits in the same partition. Registry records appear in every view;
  the findings they give (an inverted interval of a polity, say) come out of
  each worker identically and the report keeps one, exactly as it drops any
  exact duplicate.
* **whole-dataset rules** (every other code: duplicate ids, references and
  their "did you mean" hints over all ids, assertions, cross-source
  comparison) run once in the parent process, the N-th process, at the same
  time. (With ``N`` workers besides the parent, ``--jobs 2`` ran three
  processes on two cores and was no faster than one.)

Workers are forked after loading, so they share the loaded dataset with the
parent instead of receiving a pickled copy; they send back only their
findings, with line and column already looked up. The merged findings go
through the same :meth:`~treatycheck.findings.Report.build` as a sequential
run, so the report is byte-identical to ``jobs=1``. Where ``fork`` is not
available (Windows), or inside a daemonic process (a worker of another
pool), the rules run sequentially.
"""

from __future__ import annotations

import gc
import multiprocessing
import zlib
from collections.abc import Iterable, Sequence
from typing import Any, Final

from .dataset import Dataset
from .engine import Check, Context
from .findings import Finding, Location, Related, Severity, resolve_locations

__all__ = ["PARTITIONED_CODES", "partition_of", "partition_views", "run_checks"]

PARTITIONED_CODES: Final = frozenset(
    {"TC201", "TC202", "TC203", "TC301", "TC302", "TC304", "TC601", "TC602"}
)
"""Codes whose rules decide each finding from one subject's records plus the registries.

A check runs in the partitions only when every code it may report is listed
here; a rule added later is whole-dataset until it is reviewed and added.
"""

_FlatLocation = tuple[str, int, int, tuple[str | int, ...]]
_FlatFinding = tuple[
    str,
    str,
    str,
    str,
    _FlatLocation,
    str | None,
    str | None,
    tuple[tuple[_FlatLocation, str], ...],
    tuple[str, ...],
]

# What forked workers read: set by the parent right before the fork.
_SHARED: dict[str, Any] = {}


def partition_of(subject: str, partitions: int) -> int:
    """The partition of a subject id: stable across runs, processes and machines."""
    return zlib.crc32(subject.encode("utf-8")) % partitions


def partition_views(dataset: Dataset, partitions: int) -> list[Dataset]:
    """The dataset split by subject: each view has all registries and its own treaties.

    Claims go with their subject; claims that carry an id of their own (other
    claims may be about them) and assertions are in every view.
    """
    treaties: list[list[Any]] = [[] for _ in range(partitions)]
    claims: list[list[Any]] = [[] for _ in range(partitions)]
    for treaty in dataset.treaties:
        treaties[partition_of(treaty.id, partitions)].append(treaty)
    for claim in dataset.claims:
        if claim.id is None:
            claims[partition_of(claim.about, partitions)].append(claim)
        else:
            for own in claims:
                own.append(claim)
    views = []
    for part in range(partitions):
        views.append(
            Dataset(
                sources=dataset.sources,
                polities=dataset.polities,
                groups=dataset.groups,
                places=dataset.places,
                people=dataset.people,
                treaties=tuple(treaties[part]),
                claims=tuple(claims[part]),
                assertions=dataset.assertions,
                files=dataset.files,
                locations=dataset.locations,
            )
        )
    return views


def run_checks(
    ctx: Context, checks: Sequence[Check], codes: frozenset[str], jobs: int
) -> list[Finding]:
    """Run ``checks`` over ``ctx`` with up to ``jobs`` processes; the findings, unsorted."""
    partitioned = [c for c in checks if c.codes <= PARTITIONED_CODES]
    whole = [c for c in checks if not c.codes <= PARTITIONED_CODES]
    if (
        jobs <= 1
        or not partitioned
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon  # a pool worker may not start processes
    ):
        return _run(ctx, checks, codes)
    # The parent is one of the ``jobs`` processes: it runs the whole-dataset rules
    # while ``jobs - 1`` workers run the per-subject ones. One worker needs no
    # partition: it reads the parent's context, indexes built so far included.
    workers = jobs - 1
    views = partition_views(ctx.dataset, workers) if workers > 1 else None
    _SHARED.update(
        ctx=ctx,
        views=views,
        checks=partitioned,
        codes=codes,
        reference=ctx.reference,
        today=ctx.today,
    )
    # Objects that exist now are never collected by a worker: its collector would
    # otherwise touch (and so copy) every page of the shared dataset.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_run_partition, range(workers))
            findings = _run(ctx, whole, codes)
            for flat in pending.get():
                findings.extend(_unflatten(item) for item in flat)
    finally:
        gc.unfreeze()
        _SHARED.clear()
    return findings


def _run(ctx: Context, checks: Iterable[Check], codes: frozenset[str]) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks:
        findings.extend(f for f in check.run(ctx) if f.code in codes)
    return findings


def _run_partition(part: int) -> list[_FlatFinding]:
    """In a worker: the per-subject rules over one view, locations resolved."""
    import datetime as _dt

    views: list[Dataset] | None = _SHARED["views"]
    if views is None:  # the only worker: the whole dataset
        ctx: Context = _SHARED["ctx"]
    else:
        today = _dt.date.fromordinal(_SHARED["today"])
        ctx = Context(views[part], reference=_SHARED["reference"], today=today)
    findings = _run(ctx, _SHARED["checks"], _SHARED["codes"])
    resolve_locations(
        [f.location for f in findings] + [r.location for f in findings for r in f.related]
    )
    return [_flatten(f) for f in findings]


def _flat_location(location: Location) -> _FlatLocation:
    return (location.path, location.line, location.column, location.pointer)


def _flatten(finding: Finding) -> _FlatFinding:
    """A finding as plain values (a Location with its file index does not pickle)."""
    return (
        finding.code,
        finding.rule,
        finding.severity.value,
        finding.message,
        _flat_location(finding.location),
        finding.subject,
        finding.property,
        tuple((_flat_location(r.location), r.message) for r in finding.related),
        finding.sources,
    )


def _location(flat: _FlatLocation) -> Location:
    path, line, column, pointer = flat
    return Location(path, line, column, pointer=pointer)


def _unflatten(flat: _FlatFinding) -> Finding:
    code, rule, severity, message, location, subject, prop, related, sources = flat
    return Finding(
        code=code,
        rule=rule,
        severity=Severity(severity),
        message=message,
        location=_location(location),
        subject=subject,
        property=prop,
        related=tuple(Related(_location(loc), text) for loc, text in related),
        sources=sources,
    )
