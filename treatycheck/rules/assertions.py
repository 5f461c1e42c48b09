"""Assertion rules: checkable statements of sources and their verdicts (TC401, TC402, TC305).

Every assertion evaluates to ``holds``, ``violated`` or ``undetermined`` under
the three-valued date logic of :mod:`treatycheck.dates`, together with the
evidence that decided it. :func:`evaluate_all` returns every verdict (the
HTML report shows those that hold too); the check reports violated ones as
TC401, undetermined ones as TC402, and selections that rely on a group
variant as TC305. Assertions are data: nothing in them is evaluated as code,
and they read only the dataset's records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from ..dates import Tri
from ..engine import Check, Context
from ..findings import Finding, Related
from ..models import ASSERTION_FORMS, AssertionBase, Select
from ..select import group_members
from . import _assertion_forms as forms
from ._assertion_text import Evidence, Outcome, Skip, listing
from .catalogue import finding

__all__ = [
    "CHECKS",
    "RELATED_LIMIT",
    "Evidence",
    "Status",
    "Verdict",
    "evaluate",
    "evaluate_all",
]

Status = Literal["holds", "violated", "undetermined"]

_STATUS: Final[dict[Tri, Status]] = {True: "holds", False: "violated", None: "undetermined"}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one assertion: its status, the explanation and the evidence."""

    assertion: AssertionBase
    form: str
    status: Status
    detail: str
    """Why, in words, naming the deciding records and their dates."""
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()
    """How references were read (near misses, several events of one type)."""

    @property
    def message(self) -> str:
        """The full sentence: who says what, the verdict and why."""
        assertion = self.assertion
        said = (
            f'{assertion.source} says "{assertion.says}"'
            if assertion.says
            else f"{assertion.source} asserts {assertion.id}"
        )
        notes = f" ({'; '.join(self.notes)})" if self.notes else ""
        return f"{said}: {self.status} — {self.detail}{notes}"


# --- evaluation -------------------------------------------------------------------


def form_of(assertion: AssertionBase) -> str:
    """The assertion's form key (``precedes``, ``only``, ...)."""
    return next(key for key in ASSERTION_FORMS if hasattr(assertion, key))


def _outcome(ctx: Context, assertion: AssertionBase, form: str, select: Select | None) -> Outcome:
    spec = getattr(assertion, form)
    if form in ("before", "after", "on", "within"):
        return forms.temporal(ctx, form, spec)
    if form == "precedes":
        return forms.precedes(ctx, spec.first, spec.then)
    if form == "simultaneous":
        return forms.simultaneous(ctx, spec.events, spec.tolerance_days)
    if form == "only":
        return forms.only(ctx, select or spec.select, spec.counterparties)
    if form == "count":
        return forms.count(ctx, select or spec.select, spec.equals, spec.at_least, spec.at_most)
    return forms.during(ctx, spec.of, spec.office.person, spec.office.role)


def evaluate(
    ctx: Context, assertion: AssertionBase, *, select: Select | None = None
) -> Verdict | None:
    """The verdict of one assertion; None when a reference in it does not resolve.

    ``select`` replaces the assertion's own select (``only`` and ``count``),
    e.g. to see what the default membership of a group would give.
    """
    form = form_of(assertion)
    try:
        outcome = _outcome(ctx, assertion, form, select)
    except Skip:
        return None
    return Verdict(
        assertion,
        form,
        _STATUS[outcome.verdict],
        outcome.detail,
        outcome.evidence,
        tuple(dict.fromkeys(outcome.notes)),
    )


def evaluate_all(ctx: Context) -> list[Verdict]:
    """Every assertion's verdict, in dataset order (unresolvable ones left out)."""
    verdicts = []
    for assertion in ctx.dataset.assertions:
        verdict = evaluate(ctx, assertion)
        if verdict is not None:
            verdicts.append(verdict)
    return verdicts


# --- checks -----------------------------------------------------------------------


RELATED_LIMIT: Final = 50
"""How many deciding records a finding points at before it says how many more there are.

A ``count`` or ``only`` over a large dataset can be decided by thousands of
treaties; every one of them in ``related`` would make a report (and each SARIF
result) as long as the dataset. :func:`evaluate_all` keeps all the evidence.
"""


def _related(ctx: Context, verdict: Verdict) -> tuple[Related, ...]:
    """The verdict's evidence as related locations, the first :data:`RELATED_LIMIT` of it."""
    evidence = verdict.evidence
    shown = tuple(Related(e.location, f"{e.label}: {e.text}") for e in evidence[:RELATED_LIMIT])
    if len(evidence) <= RELATED_LIMIT:
        return shown
    more = len(evidence) - RELATED_LIMIT
    where = ctx.location(verdict.assertion, verdict.form)
    return (*shown, Related(where, f"and {more:,} more records not listed here"))


def _variant_difference(ctx: Context, assertion: AssertionBase, form: str) -> Finding | None:
    """TC305 when an assertion's select uses a group variant whose members differ."""
    select = getattr(getattr(assertion, form), "select", None)
    if not isinstance(select, Select) or select.group is None or select.variant is None:
        return None
    default = group_members(ctx, select.group, None)
    chosen = group_members(ctx, select.group, select.variant)
    if default is None or chosen is None or default == chosen:
        return None
    changes = []
    if chosen - default:
        changes.append(f"adds {listing(sorted(chosen - default))}")
    if default - chosen:
        changes.append(f"drops {listing(sorted(default - chosen))}")
    message = (
        f"{assertion.id}: variant {select.variant} of {select.group} "
        f"{' and '.join(changes)} (default members: {listing(sorted(default))})"
    )
    with_variant = evaluate(ctx, assertion)
    with_default = evaluate(ctx, assertion, select=select.model_copy(update={"variant": None}))
    if with_variant is not None and with_default is not None:
        if with_variant.status == with_default.status:
            message += f"; the assertion {with_variant.status} under either membership"
        else:
            message += (
                f"; the verdict depends on it: {with_variant.status} with the variant, "
                f"{with_default.status} with the default members"
            )
    group = ctx.groups[select.group]
    return finding(
        "TC305",
        message,
        ctx.location(assertion, form, "select", "variant"),
        subject=assertion.id,
        related=(
            Related(ctx.location(group, "variants", select.variant), f"variant {select.variant}"),
        ),
        sources=(assertion.source,),
    )


@Check.of("TC401", "TC402", "TC305")
def assertion_verdicts(ctx: Context) -> Iterator[Finding]:
    """TC401/TC402: violated and undetermined assertions; TC305: group variants."""
    for verdict in evaluate_all(ctx):
        assertion = verdict.assertion
        if verdict.status != "holds":
            yield finding(
                "TC401" if verdict.status == "violated" else "TC402",
                verdict.message,
                ctx.location(assertion, verdict.form),
                subject=assertion.id,
                related=_related(ctx, verdict),
                sources=(assertion.source,),
            )
    for assertion in ctx.dataset.assertions:
        found = _variant_difference(ctx, assertion, form_of(assertion))
        if found is not None:
            yield found


CHECKS = (assertion_verdicts,)
