"""Tests for behaviour of treatycheck.dates that mutation testing found unchecked.

Each test names what a user would see go wrong: a schema that accepts or refuses
the wrong spellings, an error message that loses the offending text, a leap day
accepted in the wrong century, a boundary that flips an answer. docs/testing.md
has the scores before and after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
import pytest
from pydantic import TypeAdapter

from treatycheck.dates import HistDate, InvalidDate, parse_date, within


def _error(value: object) -> InvalidDate:
    with pytest.raises(InvalidDate) as caught:
        parse_date(value)
    return caught.value


# -- the JSON schema of a date value ----------------------------------------------


def _schema() -> dict[str, Any]:
    """Built inside each test, so that the schema code runs while the test does."""
    return TypeAdapter(HistDate).json_schema()


def test_the_date_schema_is_a_valid_schema_with_a_title_and_spellings() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "Date"
    for spelling in ("YYYY-MM-DD", "193X", "19XX", "..", "julian"):
        assert spelling in schema["description"]


@pytest.mark.parametrize(
    "value",
    [
        "1932",
        "1932-11",
        "1932-11-29",
        "1932-11?",
        "1932~",
        "1932%",
        "193X",
        "19XX",
        "1932-01/1932-03",
        "../1931-12-31",
        "1933/..",
        "julian:1918-01-20",
        1,
        1932,
        9999,
        {"julian": "1918-01-20"},
        {"julian": "1918"},
        {"julian": 1918},
        {"julian": 2},
        {"julian": "193X"},
        {"julian": "1918-01/1918-03"},
        {"julian": "../1918-01-20"},
    ],
)
def test_the_schema_accepts_what_the_parser_accepts(value: object) -> None:
    parse_date(value)
    jsonschema.validate(value, _schema())


@pytest.mark.parametrize(
    "value",
    [
        "1932-1-21",
        "32",
        "1932-11-29!",
        "yesterday",
        "1932/1933/1934",
        0,
        10000,
        {"julian": "1918-01-20", "note": "extra"},
        {"gregorian": "1918-01-20"},
        {},
        {"julian": "18-01-20"},
        {"julian": 0},
        {"julian": 1},
        {"julian": 10000},
        {"julian": "julian:1918-01-20"},
        [1932],
        True,
    ],
)
def test_the_schema_refuses_what_the_parser_refuses(value: object) -> None:
    with pytest.raises(InvalidDate):
        parse_date(value)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(value, _schema())


# -- HistDate built directly ---------------------------------------------------------


def test_an_inverted_histdate_names_its_text() -> None:
    with pytest.raises(InvalidDate) as caught:
        HistDate(10, 5, "1932/1920")
    assert (caught.value.message, caught.value.reason) == (
        "1932/1920: the interval ends before it starts",
        "inverted",
    )


def test_an_out_of_range_histdate_names_its_text() -> None:
    with pytest.raises(InvalidDate) as caught:
        HistDate(0, 5, "0000")
    assert (caught.value.message, caught.value.reason) == (
        "0000: outside the years 1 to 9999",
        "range",
    )


@pytest.mark.parametrize("flag", ["uncertain", "approximate", "open_start", "open_end"])
def test_each_flag_given_to_histdate_is_kept_alone(flag: str) -> None:
    value = HistDate(700_000, 700_010, "x", **{flag: True})
    flags = ("uncertain", "approximate", "open_start", "open_end")
    assert {name: getattr(value, name) for name in flags} == {name: name == flag for name in flags}


def test_deleting_a_field_is_refused_with_a_reason() -> None:
    value = parse_date("1932")
    with pytest.raises(AttributeError, match="immutable"):
        del value.text


def test_different_dates_hash_differently() -> None:
    days = [parse_date(f"1932-01-{day:02d}") for day in range(1, 29)]
    assert len({hash(day) for day in days}) == len(days)
    assert hash(parse_date("1932-01-21")) == hash(parse_date(dt.date(1932, 1, 21)))


# -- leap years and month lengths (the parser's slow path, not the ISO fast path) -----


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("2000-02", 29),  # divisible by 400: a leap year
        ("1900-02", 28),  # divisible by 100 only: not a leap year
        ("2400-02", 29),
        ("1932-02", 29),
        ("1933-02", 28),
    ],
)
def test_february_has_the_right_length(text: str, last_day: int) -> None:
    value = parse_date(text)
    year = int(text[:4])
    assert value.last == dt.date(year, 2, last_day)


def test_leap_day_with_a_qualifier_follows_the_gregorian_rule() -> None:
    assert parse_date("2000-02-29?").first == dt.date(2000, 2, 29)
    error = _error("1900-02-29?")
    assert (error.message, error.reason) == ("1900-02-29?: February 1900 has 28 days", "impossible")


def test_julian_leap_day_in_a_century_year_exists() -> None:
    assert parse_date({"julian": "1900-02-29"}).is_day


# -- messages that name the offending value -----------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("julian:000X", "julian:000X: falls before Gregorian 0001-01-01"),
        ("julian:0001-01", "julian:0001-01: falls before Gregorian 0001-01-01"),
        ("julian:0001", "julian:0001: falls before Gregorian 0001-01-01"),
        ({"julian": 1}, "julian:0001: falls before Gregorian 0001-01-01"),
        ({"julian": 9999}, "julian:9999: outside the years 1 to 9999"),
        ({"julian": 10000}, "julian:10000: years must lie between 1 and 9999"),
        ("1932-13/1933", "1932-13/1933: there is no month 13"),
        (
            {"julian": dt.datetime(1918, 1, 20, 12)},
            "julian: 1918-01-20T12:00:00 is a date-time; write the day only",
        ),
    ],
)
def test_errors_name_the_whole_value(value: object, message: str) -> None:
    assert _error(value).message == message


def test_year_9999_as_a_number_is_a_date() -> None:
    assert parse_date(9999) == parse_date("9999")


class _Label(str):
    """A str subclass, as some YAML and CSV libraries return."""


def test_a_str_subclass_parses_like_its_text() -> None:
    assert parse_date(_Label("1932-11")) == parse_date("1932-11")


class _Shown:
    def __init__(self, width: int) -> None:
        self.width = width

    def __repr__(self) -> str:
        return "r" * self.width


@pytest.mark.parametrize(
    ("width", "shown"),
    [(60, "r" * 60), (61, "r" * 57 + "..."), (200, "r" * 57 + "...")],
)
def test_an_unknown_value_is_shown_cut_to_60_characters(width: int, shown: str) -> None:
    assert _error(_Shown(width)).message == (
        f"{shown}: not a date (expected text such as 1932-01-21, or a year)"
    )


# -- within: touching the bounds is undetermined, not false -----------------------


def test_within_at_the_edges_of_the_range() -> None:
    november = parse_date("1932-11")
    first = dt.date(1932, 11, 1).toordinal()
    last = dt.date(1932, 11, 30).toordinal()
    assert within(november, last, last + 10) is None  # shares only its last day
    assert within(november, first - 10, first) is None  # shares only its first day
    assert within(november, last + 1, last + 10) is False
    assert within(november, first, last) is True
