"""Property tests for assertion verdicts: exact dates decide, coarser dates never contradict.

With exact days, ``precedes`` and ``before`` agree with a direct comparison of
the days, and no form is undetermined. Coarsening the dates (to the year, or
to a mix of years and months) may turn a verdict into ``undetermined`` but
never into its opposite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from treatycheck.dataset import Dataset
from treatycheck.engine import Context
from treatycheck.models import ASSERTION_FORMS, AssertionBase, Person, Polity, Treaty
from treatycheck.rules.assertions import Verdict, evaluate

PARTNERS = ("latvia", "estonia", "finland", "poland")
FIRST_DAY = dt.date(1900, 1, 1).toordinal()
LAST_DAY = dt.date(1950, 12, 31).toordinal()
POLITIES = tuple(
    Polity.model_validate({"id": p, "names": [p.capitalize()]}) for p in ("ussr", *PARTNERS)
)

days = st.integers(min_value=FIRST_DAY, max_value=LAST_DAY)
precisions = st.sampled_from(["day", "month", "year"])


def spell(ordinal: int, precision: str) -> str:
    """The day written to the given precision: 1932-07-25, 1932-07 or 1932."""
    day = dt.date.fromordinal(ordinal)
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def period_start(ordinal: int, precision: str) -> int:
    """The first day of the day, month or year containing the day."""
    day = dt.date.fromordinal(ordinal)
    if precision == "year":
        day = day.replace(month=1, day=1)
    elif precision == "month":
        day = day.replace(day=1)
    return day.toordinal()


@dataclass(frozen=True)
class Scenario:
    """Treaties t0..tn with exact signing days, and the bounds assertions use."""

    days: tuple[int, ...]
    partners: tuple[str, ...]
    bound: int
    bound_precision: str
    other: int
    tolerance: int
    number: int
    expected: tuple[str, ...]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    n = draw(st.integers(min_value=2, max_value=6))
    return Scenario(
        days=tuple(draw(st.lists(days, min_size=n, max_size=n))),
        partners=tuple(draw(st.lists(st.sampled_from(PARTNERS), min_size=n, max_size=n))),
        bound=draw(days),
        bound_precision=draw(precisions),
        other=draw(days),
        tolerance=draw(st.integers(min_value=0, max_value=800)),
        number=draw(st.integers(min_value=0, max_value=6)),
        expected=tuple(draw(st.sets(st.sampled_from(PARTNERS), max_size=3))),
    )


def context(scenario: Scenario, spellings: list[str]) -> Context:
    treaties = tuple(
        Treaty.model_validate(
            {
                "id": f"t{i}",
                "kind": "non-aggression",
                "parties": ["ussr", partner],
                "events": [{"type": "signed", "date": spelled}],
            }
        )
        for i, (partner, spelled) in enumerate(zip(scenario.partners, spellings, strict=True))
    )
    low, high = sorted((scenario.bound, scenario.other))
    person = Person.model_validate(
        {
            "id": "minister",
            "names": ["A Minister"],
            "offices": [
                {
                    "role": "foreign-minister",
                    "from": dt.date.fromordinal(low).isoformat(),
                    "to": dt.date.fromordinal(high).isoformat(),
                }
            ],
        }
    )
    return Context(Dataset(polities=POLITIES, treaties=treaties, people=(person,)))


def assertions(scenario: Scenario) -> list[AssertionBase]:
    """One assertion of every form over the scenario's treaties."""
    bound = spell(scenario.bound, scenario.bound_precision)
    low, high = sorted((scenario.bound, scenario.other))
    interval = f"{spell(low, 'day')}/{spell(high, 'day')}"
    others = [f"t{i}.signed" for i in range(1, len(scenario.days))]
    select = {"kind": "non-aggression", "party": "ussr", "before": bound}
    raw: list[dict[str, Any]] = [
        {"precedes": {"first": "t0.signed", "then": others}},
        {"before": {"of": "t0.signed", "date": bound}},
        {"after": {"of": "t0.signed", "date": bound}},
        {"on": {"of": "t0.signed", "date": bound}},
        {"within": {"of": "t0.signed", "date": interval}},
        {
            "simultaneous": {
                "events": ["t0.signed", "t1.signed"],
                "tolerance_days": scenario.tolerance,
            }
        },
        {"count": {"select": select, "equals": scenario.number}},
        {"count": {"select": select, "at_least": scenario.number}},
        {"count": {"select": select, "at_most": scenario.number}},
        {"only": {"select": select, "counterparties": list(scenario.expected)}},
        {
            "during": {
                "of": "t0.signed",
                "office": {"person": "minister", "role": "foreign-minister"},
            }
        },
    ]
    out = []
    for i, body in enumerate(raw):
        form = next(iter(body))
        out.append(ASSERTION_FORMS[form].model_validate({"id": f"a{i}", "source": "s", **body}))
    return out


def verdicts(ctx: Context, scenario: Scenario) -> list[Verdict]:
    out = []
    for assertion in assertions(scenario):
        verdict = evaluate(ctx, assertion)
        assert verdict is not None
        out.append(verdict)
    return out


def exact(scenario: Scenario) -> Context:
    return context(scenario, [spell(d, "day") for d in scenario.days])


@given(scenarios())
def test_exact_precedes_and_before_agree_with_the_days(scenario: Scenario) -> None:
    ctx = exact(scenario)
    by_form = {v.assertion.id: v for v in verdicts(ctx, scenario)}
    first, *rest = scenario.days
    precedes = all(first < day for day in rest)
    assert by_form["a0"].status == ("holds" if precedes else "violated")
    bound_start = period_start(scenario.bound, scenario.bound_precision)
    assert by_form["a1"].status == ("holds" if first < bound_start else "violated")


@given(scenarios())
def test_exact_days_decide_every_form(scenario: Scenario) -> None:
    for verdict in verdicts(exact(scenario), scenario):
        assert verdict.status != "undetermined", verdict.message


@given(scenarios())
def test_coarsening_to_years_never_reverses_a_verdict(scenario: Scenario) -> None:
    before = verdicts(exact(scenario), scenario)
    after = verdicts(context(scenario, [spell(d, "year") for d in scenario.days]), scenario)
    for fine, coarse in zip(before, after, strict=True):
        assert coarse.status in (fine.status, "undetermined"), (fine.message, coarse.message)


@given(scenarios(), st.data())
def test_coarsening_some_dates_never_reverses_a_verdict(
    scenario: Scenario, data: st.DataObject
) -> None:
    chosen = data.draw(
        st.lists(precisions, min_size=len(scenario.days), max_size=len(scenario.days))
    )
    before = verdicts(exact(scenario), scenario)
    coarse_ctx = context(
        scenario, [spell(d, p) for d, p in zip(scenario.days, chosen, strict=True)]
    )
    for fine, coarse in zip(before, verdicts(coarse_ctx, scenario), strict=True):
        assert coarse.status in (fine.status, "undetermined"), (fine.message, coarse.message)
        if coarse.status == "undetermined":
            assert "would decide" in coarse.message, coarse.message
