"""treatycheck.select: the select language of ``only`` and ``count`` assertions."""

from __future__ import annotations

from typing import Any

import pytest

from treatycheck.dataset import Dataset
from treatycheck.dates import parse_date
from treatycheck.engine import Context
from treatycheck.models import Group, Polity, Select, Treaty
from treatycheck.select import (
    after_period,
    before_period,
    bound_verdict,
    choose_event,
    describe_bounds,
    group_members,
    select_treaties,
)

POLITIES = [
    {"id": "ussr", "names": ["USSR", "Soviet Union"]},
    {"id": "lithuania", "names": ["Lithuania"]},
    {"id": "latvia", "names": ["Latvia"]},
    {"id": "estonia", "names": ["Estonia"]},
    {"id": "finland", "names": ["Finland"]},
    {"id": "poland", "names": ["Poland"]},
]
GROUP = {
    "id": "baltic-states",
    "members": ["estonia", "latvia", "lithuania"],
    "variants": {"interwar-broad": ["estonia", "latvia", "lithuania", "finland"]},
}


def _treaty(tid: str, kind: str, parties: list[str], *events: dict[str, Any]) -> dict[str, Any]:
    return {"id": tid, "kind": kind, "parties": parties, "events": list(events)}


TREATIES = [
    _treaty(
        "lt-1926", "non-aggression", ["ussr", "lithuania"], {"type": "signed", "date": "1926-09-28"}
    ),
    _treaty(
        "pl-1932", "non-aggression", ["ussr", "poland"], {"type": "signed", "date": "1932-07-25"}
    ),
    _treaty(
        "ee-1932", "non-aggression", ["ussr", "estonia"], {"type": "signed", "date": "1932-05-04"}
    ),
    _treaty(
        "fi-1932", "non-aggression", ["ussr", "finland"], {"type": "signed", "date": "1932-01-21"}
    ),
    _treaty(
        "lv-1932", "non-aggression", ["ussr", "latvia"], {"type": "signed", "date": "1932-02-05"}
    ),
    _treaty(
        "fi-conc-1932",
        "conciliation",
        ["ussr", "finland"],
        {"type": "signed", "date": "1932-04-22"},
    ),
]


def _ctx(treaties: list[dict[str, Any]] = TREATIES) -> Context:
    dataset = Dataset(
        polities=tuple(Polity.model_validate(p) for p in POLITIES),
        groups=(Group.model_validate(GROUP),),
        treaties=tuple(Treaty.model_validate(t) for t in treaties),
    )
    return Context(dataset)


def _select(**fields: Any) -> Select:
    return Select.model_validate(fields)


def _ids(matches: Any) -> list[str]:
    return [m.treaty.id for m in matches]


def test_kind_and_party_match_in_date_order() -> None:
    selection = select_treaties(_ctx(), _select(kind="non-aggression", party="ussr"))
    assert _ids(selection.matched) == ["lt-1926", "fi-1932", "lv-1932", "ee-1932", "pl-1932"]
    assert selection.counterparties == ("estonia", "finland", "latvia", "lithuania", "poland")


def test_kind_may_be_a_list() -> None:
    selection = select_treaties(_ctx(), _select(kind=["conciliation", "peace"], party="ussr"))
    assert _ids(selection.matched) == ["fi-conc-1932"]


def test_party_resolves_by_registered_name() -> None:
    selection = select_treaties(_ctx(), _select(kind="conciliation", party="soviet union"))
    assert selection.ok and selection.anchors == ("ussr",)
    assert _ids(selection.matched) == ["fi-conc-1932"]


def test_parties_must_all_take_part() -> None:
    selection = select_treaties(_ctx(), _select(parties=["ussr", "Finland"]))
    assert _ids(selection.matched) == ["fi-1932", "fi-conc-1932"]
    assert selection.counterparties == ()


def test_without_party_every_party_is_a_counterparty() -> None:
    selection = select_treaties(_ctx(), _select(kind="conciliation"))
    assert selection.counterparties == ("finland", "ussr")


def test_group_restricts_counterparties_and_drops_treaties_without_a_member() -> None:
    selection = select_treaties(_ctx(), _select(party="ussr", group="baltic-states"))
    assert _ids(selection.matched) == ["lt-1926", "lv-1932", "ee-1932"]
    assert selection.members == frozenset({"estonia", "latvia", "lithuania"})


def test_group_variant_chooses_its_members() -> None:
    select = _select(
        kind="non-aggression", party="ussr", group="baltic-states", variant="interwar-broad"
    )
    selection = select_treaties(_ctx(), select)
    assert selection.counterparties == ("estonia", "finland", "latvia", "lithuania")


def test_group_without_party_keeps_only_member_parties() -> None:
    selection = select_treaties(_ctx(), _select(group="baltic-states", kind="non-aggression"))
    assert [m.counterparties for m in selection.matched] == [
        ("lithuania",),
        ("latvia",),
        ("estonia",),
    ]


def test_before_bound_is_the_start_of_a_period() -> None:
    selection = select_treaties(_ctx(), _select(kind="non-aggression", before="1932-02"))
    assert _ids(selection.matched) == ["lt-1926", "fi-1932"]
    assert _ids(selection.outside) == ["lv-1932", "ee-1932", "pl-1932"]
    assert selection.possible == ()


def test_after_and_within_bounds() -> None:
    after = select_treaties(_ctx(), _select(kind="non-aggression", after="1932-04"))
    assert _ids(after.matched) == ["ee-1932", "pl-1932"]
    within = select_treaties(_ctx(), _select(kind="non-aggression", within="1932-01/1932-02"))
    assert _ids(within.matched) == ["fi-1932", "lv-1932"]


def test_coarse_date_is_a_possible_match() -> None:
    treaties = [
        *TREATIES[:4],
        _treaty("lv-1932", "non-aggression", ["ussr", "latvia"], {"type": "signed", "date": 1932}),
    ]
    selection = select_treaties(_ctx(treaties), _select(party="ussr", before="1932-03-01"))
    assert _ids(selection.matched) == ["lt-1926", "fi-1932"]
    assert _ids(selection.possible) == ["lv-1932"]
    assert selection.possible_counterparties == ("latvia",)
    assert selection.possible[0].in_bounds is None


def test_missing_event_date_is_a_possible_match_only_under_a_bound() -> None:
    treaties = [_treaty("x", "non-aggression", ["ussr", "latvia"], {"type": "initialed"})]
    bounded = select_treaties(_ctx(treaties), _select(party="ussr", before=1933))
    assert _ids(bounded.possible) == ["x"]
    unbounded = select_treaties(_ctx(treaties), _select(party="ussr"))
    assert _ids(unbounded.matched) == ["x"]


def test_event_other_than_signed() -> None:
    treaties = [
        _treaty(
            "ee",
            "non-aggression",
            ["ussr", "estonia"],
            {"type": "signed", "date": "1932-05-04"},
            {"type": "ratified", "by": "ussr", "date": "1932-08-05"},
            {"type": "ratified", "by": "estonia", "date": "1932-07-29"},
        )
    ]
    selection = select_treaties(_ctx(treaties), _select(event="ratified", before="1932-08"))
    assert _ids(selection.matched) == ["ee"]
    assert selection.matched[0].date == parse_date("1932-07-29")
    assert (
        selection.matched[0].choice.note == "ee.ratified is the earliest-dated of 2 ratified events"
    )


def test_choose_event_without_the_type() -> None:
    treaty = Treaty.model_validate(TREATIES[0])
    choice = choose_event(treaty, "ratified")
    assert choice.event is None and choice.date is None and choice.index is None


def test_unresolved_party_makes_the_selection_unusable() -> None:
    selection = select_treaties(_ctx(), _select(party="atlantis"))
    assert not selection.ok
    assert selection.unresolved == ("atlantis",)
    assert selection.matched == ()


def test_unknown_group_or_variant_is_unresolved() -> None:
    assert not select_treaties(_ctx(), _select(group="nordic-states")).ok
    assert not select_treaties(_ctx(), _select(group="baltic-states", variant="nope")).ok


def test_near_miss_of_one_name_is_read_as_that_name() -> None:
    selection = select_treaties(_ctx(), _select(party="Finlnd", kind="conciliation"))
    assert selection.ok
    assert _ids(selection.matched) == ["fi-conc-1932"]
    assert selection.readings == ("'Finlnd' is read as finland (near miss of 'Finland')",)


def test_duplicate_treaty_id_counts_once() -> None:
    treaties = [*TREATIES, {**TREATIES[0], "kind": "peace"}]
    selection = select_treaties(_ctx(treaties), _select(party="lithuania"))
    assert _ids(selection.matched) == ["lt-1926"]


def test_group_members() -> None:
    ctx = _ctx()
    assert group_members(ctx, "baltic-states", None) == {"estonia", "latvia", "lithuania"}
    assert group_members(ctx, "baltic-states", "interwar-broad") == {
        "estonia",
        "latvia",
        "lithuania",
        "finland",
    }
    assert group_members(ctx, "nordic", None) is None


@pytest.mark.parametrize(
    ("day", "bound", "before", "after"),
    [
        ("1932-06-30", "1932-07", True, False),
        ("1932-07-01", "1932-07", False, False),
        ("1932-07-31", "1932-07", False, False),
        ("1932-08-01", "1932-07", False, True),
        ("1932", "1932-07", None, None),
        ("1932-07", "1932-07", False, False),
        ("1931", "1932", True, False),
    ],
)
def test_period_bounds(day: str, bound: str, before: bool | None, after: bool | None) -> None:
    assert before_period(parse_date(day), parse_date(bound)) is before
    assert after_period(parse_date(day), parse_date(bound)) is after


def test_bound_verdict_and_description() -> None:
    select = _select(after="1932-01", before="1932-06-01")
    assert bound_verdict(select, parse_date("1932-03-03")) is True
    assert bound_verdict(select, parse_date("1932-06-01")) is False
    assert bound_verdict(select, parse_date("1932")) is None
    assert bound_verdict(select, None) is None
    assert bound_verdict(_select(), None) is True
    assert describe_bounds(select) == "signed before 1932-06-01 and after 1932-01"
    assert describe_bounds(_select()) == ""
