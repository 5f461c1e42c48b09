"""The pydantic models of the data format: one record at a time."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from treatycheck.dates import HistDate, parse_date
from treatycheck.models import (
    ASSERTION_FORMS,
    EVENT_TYPES,
    SECTIONS,
    Before,
    Claim,
    ClaimValue,
    Count,
    DataFile,
    Event,
    Group,
    Only,
    Place,
    Polity,
    Select,
    Source,
    Treaty,
    _typed_claim_value,
    assertion_form,
    is_id,
)


def error_types(error: ValidationError) -> list[str]:
    return [detail["type"] for detail in error.errors()]


def test_records_are_frozen() -> None:
    place = Place.model_validate({"id": "riga", "names": ["Riga"]})
    with pytest.raises(ValidationError):
        place.id = "tartu"  # type: ignore[misc]
    assert hash(Event(type="signed")) == hash(Event(type="signed"))


def test_unknown_keys_are_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        Place.model_validate({"id": "riga", "names": ["Riga"], "country": "latvia"})
    assert error_types(caught.value) == ["extra_forbidden"]


@pytest.mark.parametrize(
    "good", ["ussr", "soviet-lithuanian-peace-1920", "a", "1920", "treaty-2-b"]
)
def test_kebab_case_ids_are_accepted(good: str) -> None:
    assert is_id(good)
    assert Place.model_validate({"id": good, "names": ["X"]}).id == good


@pytest.mark.parametrize(
    "bad", ["USSR", "soviet_russia", "-ussr", "ussr-", "soviet--russia", "riga 1920", "", "é"]
)
def test_other_ids_are_rejected(bad: str) -> None:
    assert not is_id(bad)
    with pytest.raises(ValidationError) as caught:
        Place.model_validate({"id": bad, "names": ["X"]})
    assert error_types(caught.value) == ["string_pattern_mismatch"]


def test_polity_names_may_be_plain_strings_or_dated_spans() -> None:
    polity = Polity.model_validate(
        {
            "id": "soviet-russia",
            "names": ["RSFSR", {"name": "Soviet Russia", "from": "1917-11-07", "to": "1922-12-29"}],
            "exists": {"from": dt.date(1917, 11, 7), "to": "1922-12-29"},
        }
    )
    assert [span.name for span in polity.names] == ["RSFSR", "Soviet Russia"]
    assert polity.names[0].from_ is None
    assert polity.names[1].from_ == parse_date("1917-11-07")
    assert polity.exists is not None and polity.exists.from_ == parse_date("1917-11-07")


def test_unquoted_yaml_years_and_dates_equal_their_text() -> None:
    as_int = Source.model_validate({"id": "a", "title": "A", "kind": "primary", "published": 1941})
    as_date = Event.model_validate({"type": "signed", "date": dt.date(1932, 1, 21)})
    assert as_int.published == parse_date("1941")
    assert as_date.date == parse_date("1932-01-21")


def test_an_impossible_date_is_an_invalid_date_error() -> None:
    with pytest.raises(ValidationError) as caught:
        Event.model_validate({"type": "signed", "date": "1932-02-30"})
    assert error_types(caught.value) == ["invalid_date"]


def test_event_types_are_a_closed_set_in_canonical_order() -> None:
    literal = typing.get_args(Event.model_fields["type"].annotation)
    assert literal == EVENT_TYPES
    assert EVENT_TYPES.index("signed") < EVENT_TYPES.index("in-force")
    with pytest.raises(ValidationError):
        Event.model_validate({"type": "sealed"})


def test_treaty_defaults_are_empty() -> None:
    treaty = Treaty.model_validate({"id": "pact-1932"})
    assert (treaty.parties, treaty.events, treaty.sources, treaty.form) == ([], [], None, None)


def test_group_needs_members() -> None:
    with pytest.raises(ValidationError) as caught:
        Group.model_validate({"id": "baltic-states"})
    assert error_types(caught.value) == ["missing"]


@pytest.mark.parametrize(
    ("prop", "value", "expected"),
    [
        ("signed.date", "1932-01-21", parse_date("1932-01-21")),
        ("signed.date", 1932, parse_date("1932")),
        ("signed.date", {"julian": "1918-01-20"}, parse_date({"julian": "1918-01-20"})),
        ("exists.from", dt.date(1918, 11, 18), parse_date("1918-11-18")),
        ("parties", ["USSR", "latvia"], ["USSR", "latvia"]),
        ("negotiated.place", "Minsk", "Minsk"),
        ("kind", "peace", "peace"),
        ("title", 1984, "1984"),
    ],
)
def test_claim_value_is_typed_by_its_property(prop: str, value: object, expected: object) -> None:
    claim = Claim.model_validate({"source": "s", "about": "t", "property": prop, "value": value})
    assert claim.value == expected
    if prop.endswith((".date", ".from")):
        assert isinstance(claim.value, HistDate)


@pytest.mark.parametrize(
    ("prop", "value", "kind"),
    [
        ("signed.date", "1932-13-01", "invalid_date"),
        ("parties", "ussr", "parties_list"),
        ("kind", ["peace"], "single_value"),
        ("signed.colour", "red", "string_pattern_mismatch"),
    ],
)
def test_claim_value_errors(prop: str, value: object, kind: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Claim.model_validate({"source": "s", "about": "t", "property": prop, "value": value})
    assert kind in error_types(caught.value)


class _UnionTypedClaim(BaseModel):
    """A claim value typed by its property and then by the union alone, left to right."""

    model_config = ConfigDict(str_max_length=100_000, arbitrary_types_allowed=True)
    property: str
    value: typing.Annotated[ClaimValue, Field(union_mode="left_to_right")]

    @field_validator("value", mode="before")
    @classmethod
    def _typed(cls, value: object, info: ValidationInfo) -> object:
        return _typed_claim_value(value, info.data.get("property"))


class _Text(str):
    pass


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        ("signed.date", "1932-01-21"),
        ("signed.date", "1932-13-01"),
        ("signed.date", ["1932"]),
        ("parties", ["USSR", "latvia"]),
        ("parties", []),
        ("parties", ["x" * 100_000]),
        ("parties", ["ussr", "x" * 100_001]),
        ("parties", [_Text("ussr")]),
        ("parties", ["ussr", 7]),
        ("title", "x" * 100_000),
        ("title", "x" * 100_001),
        ("title", _Text("Treaty of Riga")),
        ("title", 1984.5),
        ("kind", None),
    ],
)
def test_claim_values_are_those_the_union_gives(prop: str, value: object) -> None:
    # Claim.value takes a date, a text or a list of texts as it is, without trying
    # the union member by member; the outcome must be the union's, errors included.
    record = {"source": "s", "about": "t", "property": prop, "value": value}

    def outcome(validate: typing.Callable[[], object]) -> object:
        try:
            typed = validate()
        except ValidationError as error:
            return [(d["type"], d["msg"]) for d in error.errors() if d["loc"][:1] == ("value",)]
        items = [type(item) for item in typed] if isinstance(typed, list) else []
        return type(typed), typed, items

    expected = outcome(lambda: _UnionTypedClaim.model_validate(record).value)
    assert outcome(lambda: Claim.model_validate(record).value) == expected


def test_assertion_form_is_the_one_form_key_present() -> None:
    assert assertion_form({"id": "a", "before": {}}) == "before"
    assert assertion_form({"id": "a"}) is None
    assert assertion_form({"before": {}, "after": {}}) is None
    assert set(ASSERTION_FORMS) == {
        "before", "after", "on", "within", "precedes", "simultaneous", "only", "count", "during"
    }  # fmt: skip


def test_data_file_dispatches_assertions_by_form() -> None:
    data = DataFile.model_validate(
        {
            "treatycheck": 1,
            "assertions": [
                {"id": "a", "source": "s", "before": {"of": "pact-1932.signed", "date": 1933}},
                {
                    "id": "b",
                    "source": "s",
                    "only": {"select": {"party": "ussr"}, "counterparties": ["lithuania"]},
                },
            ],
        }
    )
    assert [type(a) for a in data.assertions] == [Before, Only]


def test_event_references_name_a_treaty_and_an_event_type() -> None:
    with pytest.raises(ValidationError) as caught:
        Before.model_validate(
            {"id": "a", "source": "s", "before": {"of": "pact-1932.sealed", "date": 1933}}
        )
    assert error_types(caught.value) == ["string_pattern_mismatch"]


def test_select_variant_needs_a_group_and_count_needs_a_bound() -> None:
    with pytest.raises(ValidationError) as caught:
        Select.model_validate({"variant": "interwar-broad"})
    assert error_types(caught.value) == ["variant_without_group"]
    with pytest.raises(ValidationError) as caught:
        Count.model_validate({"id": "c", "source": "s", "count": {"select": {}}})
    assert error_types(caught.value) == ["count_bound"]
    assert Select().event == "signed"


def test_data_file_needs_format_version_one() -> None:
    assert DataFile.model_validate({"treatycheck": 1}).treaties == []
    for bad in ({}, {"treatycheck": 2}, {"treatycheck": "1"}):
        with pytest.raises(ValidationError):
            DataFile.model_validate(bad)


def test_sections_name_the_record_models() -> None:
    assert SECTIONS["treaties"] is Treaty
    assert set(SECTIONS) | {"assertions", "treatycheck"} == set(DataFile.model_fields)


def test_reliability_is_a_probability() -> None:
    base = {"id": "a", "title": "A", "kind": "secondary"}
    assert Source.model_validate({**base, "reliability": 0.4}).reliability == 0.4
    for bad in (-0.1, 1.5):
        with pytest.raises(ValidationError):
            Source.model_validate({**base, "reliability": bad})
