"""Unit tests for treatycheck.dates: every spelling, calendar conversion, errors, comparisons."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import re
from typing import Any

import pytest
import yaml

from tests.histdates import flags_of
from treatycheck.dates import (
    MAX_DAY,
    MIN_DAY,
    HistDate,
    InvalidDate,
    Tri,
    after,
    before,
    disjoint,
    gap_days,
    julian_offset,
    julian_to_ordinal,
    on_or_before,
    ordinal_to_julian,
    overlaps,
    parse_date,
    refines,
    same_day,
    tri_all,
    tri_and,
    tri_any,
    tri_not,
    tri_or,
    within,
)


def d(value: object) -> HistDate:
    return parse_date(value)


def day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


# --- Spellings ----------------------------------------------------------------

# (value, first day, last day, canonical text, flags set); julian values also
# carry calendar == "julian".
SPELLINGS: list[Any] = [
    # exact days, months, years
    pytest.param("1932-01-21", "1932-01-21", "1932-01-21", "1932-01-21", set(), id="day"),
    pytest.param("1932-11", "1932-11-01", "1932-11-30", "1932-11", set(), id="month-30-days"),
    pytest.param("1932-12", "1932-12-01", "1932-12-31", "1932-12", set(), id="month-31-days"),
    pytest.param("1932-02", "1932-02-01", "1932-02-29", "1932-02", set(), id="february-leap"),
    pytest.param("1931-02", "1931-02-01", "1931-02-28", "1931-02", set(), id="february-common"),
    pytest.param("1932", "1932-01-01", "1932-12-31", "1932", set(), id="year"),
    # qualifiers
    pytest.param("1932-11?", "1932-11-01", "1932-11-30", "1932-11?", {"uncertain"}, id="q-month"),
    pytest.param("1932~", "1932-01-01", "1932-12-31", "1932~", {"approximate"}, id="approx-year"),
    pytest.param(
        "1932%",
        "1932-01-01",
        "1932-12-31",
        "1932%",
        {"uncertain", "approximate"},
        id="uncertain-and-approximate-year",
    ),
    pytest.param(
        "1932-01-21?", "1932-01-21", "1932-01-21", "1932-01-21?", {"uncertain"}, id="q-day"
    ),
    # X digits
    pytest.param("193X", "1930-01-01", "1939-12-31", "193X", set(), id="decade"),
    pytest.param("19XX", "1900-01-01", "1999-12-31", "19XX", set(), id="century"),
    pytest.param("193X?", "1930-01-01", "1939-12-31", "193X?", {"uncertain"}, id="q-decade"),
    pytest.param("000X", "0001-01-01", "0009-12-31", "000X", set(), id="first-decade-from-year-1"),
    pytest.param("00XX", "0001-01-01", "0099-12-31", "00XX", set(), id="first-century-from-1"),
    pytest.param("999X", "9990-01-01", "9999-12-31", "999X", set(), id="last-decade"),
    # intervals
    pytest.param(
        "1932-01/1932-03", "1932-01-01", "1932-03-31", "1932-01/1932-03", set(), id="months"
    ),
    pytest.param(
        "1932-01-21/1932-01-25",
        "1932-01-21",
        "1932-01-25",
        "1932-01-21/1932-01-25",
        set(),
        id="interval-of-days",
    ),
    pytest.param(
        "1930/1932-06-15",
        "1930-01-01",
        "1932-06-15",
        "1930/1932-06-15",
        set(),
        id="interval-mixed-precision",
    ),
    pytest.param(
        "1932-11?/1933~",
        "1932-11-01",
        "1933-12-31",
        "1932-11?/1933~",
        {"uncertain", "approximate"},
        id="interval-qualifiers-from-both-sides",
    ),
    pytest.param(
        "193X/194X", "1930-01-01", "1949-12-31", "193X/194X", set(), id="interval-of-decades"
    ),
    pytest.param(
        "1932 / 1933", "1932-01-01", "1933-12-31", "1932/1933", set(), id="interval-spaces"
    ),
    # open bounds
    pytest.param(
        "../1931-12-31",
        "0001-01-01",
        "1931-12-31",
        "../1931-12-31",
        {"open_start"},
        id="open-start",
    ),
    pytest.param("1933/..", "1933-01-01", "9999-12-31", "1933/..", {"open_end"}, id="open-end"),
    pytest.param(
        "/1931-12-31",
        "0001-01-01",
        "1931-12-31",
        "../1931-12-31",
        {"open_start"},
        id="empty-start-is-open",
    ),
    pytest.param(
        "1933/", "1933-01-01", "9999-12-31", "1933/..", {"open_end"}, id="empty-end-is-open"
    ),
    pytest.param(
        "1932?/..",
        "1932-01-01",
        "9999-12-31",
        "1932?/..",
        {"uncertain", "open_end"},
        id="open-end-with-qualifier",
    ),
    # whitespace, limits, leap years (Gregorian)
    pytest.param(" 1932-01-21\t", "1932-01-21", "1932-01-21", "1932-01-21", set(), id="ws"),
    pytest.param("0001-01-01", "0001-01-01", "0001-01-01", "0001-01-01", set(), id="first-day"),
    pytest.param("0001", "0001-01-01", "0001-12-31", "0001", set(), id="year-1"),
    pytest.param("9999-12-31", "9999-12-31", "9999-12-31", "9999-12-31", set(), id="last-day"),
    pytest.param("2000-02-29", "2000-02-29", "2000-02-29", "2000-02-29", set(), id="leap-2000"),
    pytest.param("1600-02-29", "1600-02-29", "1600-02-29", "1600-02-29", set(), id="leap-1600"),
    pytest.param("1932-02-29", "1932-02-29", "1932-02-29", "1932-02-29", set(), id="leap-1932"),
    # non-string inputs (what YAML produces for unquoted values)
    pytest.param(1932, "1932-01-01", "1932-12-31", "1932", set(), id="int-year"),
    pytest.param(1, "0001-01-01", "0001-12-31", "0001", set(), id="int-year-1"),
    pytest.param(
        dt.date(1920, 7, 12), "1920-07-12", "1920-07-12", "1920-07-12", set(), id="date-object"
    ),
]

JULIAN_SPELLINGS: list[Any] = [
    pytest.param(
        "julian:1918-01-31", "1918-02-13", "1918-02-13", "julian:1918-01-31", set(), id="day"
    ),
    pytest.param(
        "julian: 1918-01-31",
        "1918-02-13",
        "1918-02-13",
        "julian:1918-01-31",
        set(),
        id="space-after-prefix",
    ),
    pytest.param(
        "julian:1917-10-25",
        "1917-11-07",
        "1917-11-07",
        "julian:1917-10-25",
        set(),
        id="october-revolution",
    ),
    pytest.param("julian:1918-01", "1918-01-14", "1918-02-13", "julian:1918-01", set(), id="month"),
    pytest.param("julian:1918", "1918-01-14", "1919-01-13", "julian:1918", set(), id="year"),
    pytest.param("julian:191X", "1910-01-14", "1920-01-13", "julian:191X", set(), id="decade"),
    pytest.param(
        "julian:1918-01-31?",
        "1918-02-13",
        "1918-02-13",
        "julian:1918-01-31?",
        {"uncertain"},
        id="qualifier",
    ),
    pytest.param(
        "julian:1918-01/1918-02",
        "1918-01-14",
        "1918-03-13",
        "julian:1918-01/1918-02",
        set(),
        id="interval",
    ),
    pytest.param(
        "julian:../1918-01-31",
        "0001-01-01",
        "1918-02-13",
        "julian:../1918-01-31",
        {"open_start"},
        id="open-start",
    ),
    pytest.param(
        "julian:1900-02-29",
        "1900-03-13",
        "1900-03-13",
        "julian:1900-02-29",
        set(),
        id="leap-1900-valid-in-julian",
    ),
    pytest.param(
        "julian:1900-02",
        "1900-02-13",
        "1900-03-13",
        "julian:1900-02",
        set(),
        id="february-1900-has-29-days",
    ),
    pytest.param(
        "julian:1700-02-29",
        "1700-03-11",
        "1700-03-11",
        "julian:1700-02-29",
        set(),
        id="leap-1700",
    ),
    pytest.param(
        "julian:1582-10-04",
        "1582-10-14",
        "1582-10-14",
        "julian:1582-10-04",
        set(),
        id="eve-of-gregorian-reform",
    ),
    pytest.param(
        "julian:0001-01-03",
        "0001-01-01",
        "0001-01-01",
        "julian:0001-01-03",
        set(),
        id="first-representable",
    ),
    pytest.param(
        {"julian": "1918-01-20"},
        "1918-02-02",
        "1918-02-02",
        "julian:1918-01-20",
        set(),
        id="mapping-of-text",
    ),
    pytest.param(
        {"julian": dt.date(1918, 1, 20)},
        "1918-02-02",
        "1918-02-02",
        "julian:1918-01-20",
        set(),
        id="mapping-of-yaml-date",
    ),
    pytest.param(
        {"julian": 1918}, "1918-01-14", "1919-01-13", "julian:1918", set(), id="mapping-of-int"
    ),
    pytest.param(
        {"julian": "1918-01?"},
        "1918-01-14",
        "1918-02-13",
        "julian:1918-01?",
        {"uncertain"},
        id="mapping-with-qualifier",
    ),
]


def check_value(
    value: HistDate, first: str, last: str, text: str, flags: set[str], calendar: str
) -> None:
    assert value.first == dt.date.fromisoformat(first)
    assert value.last == dt.date.fromisoformat(last)
    assert value.earliest == day(first)
    assert value.latest == day(last)
    assert value.text == text
    assert str(value) == text
    assert flags_of(value) == flags
    assert value.calendar == calendar


@pytest.mark.parametrize(("value", "first", "last", "text", "flags"), SPELLINGS)
def test_gregorian_spelling(
    value: object, first: str, last: str, text: str, flags: set[str]
) -> None:
    check_value(d(value), first, last, text, flags, "gregorian")


@pytest.mark.parametrize(("value", "first", "last", "text", "flags"), JULIAN_SPELLINGS)
def test_julian_spelling(value: object, first: str, last: str, text: str, flags: set[str]) -> None:
    check_value(d(value), first, last, text, flags, "julian")


@pytest.mark.parametrize(("value", "first", "last", "text", "flags"), SPELLINGS + JULIAN_SPELLINGS)
def test_canonical_text_parses_back_to_an_equal_value(
    value: object, first: str, last: str, text: str, flags: set[str]
) -> None:
    parsed = d(value)
    again = d(str(parsed))
    assert again == parsed
    assert again.text == parsed.text


def test_open_bounds_reach_the_representable_limits() -> None:
    assert d("../1931-12-31").earliest == MIN_DAY
    assert d("1933/..").latest == MAX_DAY


def test_histdate_passes_through_unchanged() -> None:
    value = d("1932-11?")
    assert parse_date(value) is value
    assert HistDate.parse("1932-11?") == value


# --- YAML-loaded values -------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "quoted"),
    [
        pytest.param("d: 1920-07-12", "1920-07-12", id="yaml-date"),
        pytest.param("d: 1932", "1932", id="yaml-int-year"),
        pytest.param("d: 0001-01-01", "0001-01-01", id="yaml-date-year-1"),
        pytest.param("d: 1932-11", "1932-11", id="yaml-month-stays-text"),
        pytest.param("d: 193X", "193X", id="yaml-decade-stays-text"),
        pytest.param("d: 1932-01-21?", "1932-01-21?", id="yaml-qualified-day-stays-text"),
        pytest.param("d: {julian: 1918-01-20}", "julian:1918-01-20", id="yaml-julian-mapping"),
        pytest.param("d: {julian: 1918}", "julian:1918", id="yaml-julian-mapping-int"),
    ],
)
def test_unquoted_yaml_value_equals_the_quoted_string(document: str, quoted: str) -> None:
    loaded = yaml.safe_load(document)["d"]
    assert d(loaded) == d(quoted)
    assert d(loaded).text == d(quoted).text


def test_yaml_date_is_a_datetime_date() -> None:
    loaded = yaml.safe_load("d: 1920-07-12")["d"]
    assert type(loaded) is dt.date
    assert d(loaded) == d("1920-07-12")


def test_yaml_int_equals_string_year() -> None:
    loaded = yaml.safe_load("d: 1932")["d"]
    assert loaded == 1932
    assert d(loaded) == d("1932")


# --- Errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "reason", "message"),
    [
        # impossible days and months
        pytest.param(
            "1932-02-30", "impossible", "1932-02-30: February 1932 has 29 days", id="feb-30-leap"
        ),
        pytest.param(
            "1900-02-29",
            "impossible",
            "1900-02-29: February 1900 has 28 days",
            id="gregorian-1900-not-leap",
        ),
        pytest.param(
            "1931-02-29", "impossible", "1931-02-29: February 1931 has 28 days", id="feb-29-common"
        ),
        pytest.param(
            "1932-04-31", "impossible", "1932-04-31: April 1932 has 30 days", id="april-31"
        ),
        pytest.param(
            "1932-01-00", "impossible", "1932-01-00: January 1932 has 31 days", id="day-zero"
        ),
        pytest.param(
            "1932-13-01", "impossible", "1932-13-01: there is no month 13", id="month-13-in-day"
        ),
        pytest.param("1932-13", "impossible", "1932-13: there is no month 13", id="month-13"),
        pytest.param("1932-00", "impossible", "1932-00: there is no month 0", id="month-zero"),
        pytest.param(
            "julian:1918-02-29",
            "impossible",
            "julian:1918-02-29: February 1918 (Julian) has 28 days",
            id="julian-feb-29-common",
        ),
        pytest.param(
            {"julian": "1918-02-30"},
            "impossible",
            "julian:1918-02-30: February 1918 (Julian) has 28 days",
            id="julian-mapping-impossible",
        ),
        pytest.param(
            "1932-01/1932-02-30",
            "impossible",
            "1932-01/1932-02-30: February 1932 has 29 days",
            id="impossible-end-of-interval",
        ),
        # years outside 1..9999 (years before 1 CE are not supported)
        pytest.param(
            "0000",
            "range",
            "0000: there is no year 0 (years before 1 CE are not supported)",
            id="year-zero",
        ),
        pytest.param(
            "0000-01-01",
            "range",
            "0000-01-01: there is no year 0 (years before 1 CE are not supported)",
            id="year-zero-day",
        ),
        pytest.param(0, "range", "0: years must lie between 1 and 9999", id="int-zero"),
        pytest.param(-44, "range", "-44: years must lie between 1 and 9999", id="int-negative"),
        pytest.param(10000, "range", "10000: years must lie between 1 and 9999", id="int-10000"),
        pytest.param(
            {"julian": 0}, "range", "julian:0: years must lie between 1 and 9999", id="julian-int-0"
        ),
        pytest.param(
            "julian:0001-01-01",
            "range",
            "julian:0001-01-01: falls before Gregorian 0001-01-01",
            id="julian-before-gregorian-year-1",
        ),
        pytest.param(
            "julian:0001",
            "range",
            "julian:0001: falls before Gregorian 0001-01-01",
            id="julian-year-1-starts-before-gregorian-year-1",
        ),
        pytest.param(
            "julian:9999-12-31",
            "range",
            "julian:9999-12-31: outside the years 1 to 9999",
            id="julian-after-9999",
        ),
        # inverted intervals
        pytest.param(
            "1933/1932", "inverted", "1933/1932: the interval ends before it starts", id="years"
        ),
        pytest.param(
            "1932-03/1932-01",
            "inverted",
            "1932-03/1932-01: the interval ends before it starts",
            id="inverted-months",
        ),
        pytest.param(
            "1932-01-21/1932-01-20",
            "inverted",
            "1932-01-21/1932-01-20: the interval ends before it starts",
            id="inverted-days",
        ),
        # malformed text
        pytest.param("", "malformed", "an empty value is not a date", id="empty"),
        pytest.param("   ", "malformed", "an empty value is not a date", id="blank"),
        pytest.param(
            "1932-1-5",
            "malformed",
            "1932-1-5: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            id="single-digit-month-and-day",
        ),
        pytest.param(
            "-0044",
            "malformed",
            "-0044: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            id="negative-year-text",
        ),
        pytest.param(
            "10000",
            "malformed",
            "10000: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            id="five-digit-year",
        ),
        pytest.param(
            "..", "malformed", "..: '..' is only allowed as one end of an interval", id="dots"
        ),
        pytest.param(
            "../..", "malformed", "../..: both ends of the interval are open", id="both-open"
        ),
        pytest.param("/", "malformed", "/: both ends of the interval are open", id="bare-slash"),
        pytest.param(
            "1932/1933/1934",
            "malformed",
            "1932/1933/1934: an interval has exactly one '/'",
            id="two-slashes",
        ),
        pytest.param(
            "19XX-01",
            "malformed",
            "19XX-01: a decade or century (X digits) cannot have a month",
            id="century-with-month",
        ),
        pytest.param(
            "julian:julian:1918",
            "malformed",
            "julian:julian:1918: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            id="julian-prefix-twice",
        ),
        pytest.param(
            {"julian": "julian:1918"},
            "malformed",
            "julian:1918: 'julian' given twice",
            id="julian-mapping-and-prefix",
        ),
        pytest.param(True, "malformed", "True: a yes/no value is not a date", id="yaml-boolean"),
        pytest.param(
            dt.datetime(1920, 7, 12, 10, 30),
            "malformed",
            "1920-07-12T10:30:00: a date-time; write the day only (YYYY-MM-DD)",
            id="datetime",
        ),
        pytest.param(
            {"gregorian": "1932"},
            "malformed",
            "{gregorian}: a date mapping must have exactly one key, 'julian'",
            id="mapping-wrong-key",
        ),
        pytest.param(
            {"julian": "1918", "note": "x"},
            "malformed",
            "{julian, note}: a date mapping must have exactly one key, 'julian'",
            id="mapping-extra-key",
        ),
        pytest.param(
            {},
            "malformed",
            "{nothing}: a date mapping must have exactly one key, 'julian'",
            id="empty-mapping",
        ),
        pytest.param(
            {"julian": None}, "malformed", "julian: None is not a date", id="julian-mapping-none"
        ),
        pytest.param(
            None,
            "malformed",
            "None: not a date (expected text such as 1932-01-21, or a year)",
            id="none",
        ),
    ],
)
def test_invalid_value_message_and_reason(value: object, reason: str, message: str) -> None:
    with pytest.raises(InvalidDate) as info:
        parse_date(value)
    assert info.value.reason == reason
    assert info.value.message == message
    assert str(info.value) == message


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("21.01.1932", id="european-order"),
        pytest.param("January 1932", id="month-name"),
        pytest.param("1932-01-21T10:00", id="date-time-text"),
        pytest.param("1932??", id="two-qualifiers"),
        pytest.param("1932?~", id="mixed-qualifiers"),
        pytest.param("1932-01-21 ?", id="space-before-qualifier"),
        pytest.param("19X2", id="x-in-the-middle"),
        pytest.param("1X", id="short-x"),
        pytest.param("193x", id="lowercase-x"),
        pytest.param("32", id="two-digit-year"),
        pytest.param("Julian:1918", id="capitalised-prefix"),
        pytest.param("１９３２-０１-２１", id="fullwidth-digits"),
        pytest.param("١٩٣٢", id="arabic-indic-digits"),
        pytest.param(19.32, id="float"),
        pytest.param([1932], id="list"),
        pytest.param({"julian": True}, id="julian-boolean"),
        pytest.param({"julian": 19.18}, id="julian-float"),
        pytest.param({"julian": dt.datetime(1918, 1, 1)}, id="julian-datetime"),
    ],
)
def test_malformed_values(value: object) -> None:
    with pytest.raises(InvalidDate) as info:
        parse_date(value)
    assert info.value.reason == "malformed"


def test_long_unparseable_objects_are_shortened_in_the_message() -> None:
    with pytest.raises(InvalidDate) as info:
        parse_date(list(range(100)))
    assert info.value.message.startswith("[0, 1, 2")
    assert "...:" in info.value.message
    assert len(info.value.message) < 130


def test_invalid_date_is_a_value_error_defaulting_to_malformed() -> None:
    error = InvalidDate("x: not a date")
    assert isinstance(error, ValueError)
    assert error.reason == "malformed"


# --- The Julian calendar ------------------------------------------------------


def test_julian_1918_01_31_is_gregorian_1918_02_13_and_russia_then_skipped_to_02_14() -> None:
    last_julian = d({"julian": "1918-01-31"})
    assert last_julian.first == dt.date(1918, 2, 13)
    first_gregorian = d("1918-02-14")
    assert first_gregorian.earliest - last_julian.earliest == 1
    assert gap_days(last_julian, first_gregorian) == 1
    assert same_day(last_julian, d("1918-02-13")) is True


@pytest.mark.parametrize(
    ("julian_day", "offset"),
    [
        pytest.param((1, 1, 3), -2, id="year-1"),
        pytest.param((200, 3, 1), 0, id="third-century-agrees"),
        pytest.param((1582, 10, 4), 10, id="gregorian-reform"),
        pytest.param((1700, 2, 28), 10, id="1700-02-28"),
        pytest.param((1700, 2, 29), 10, id="1700-02-29-still-10"),
        pytest.param((1700, 3, 1), 11, id="1700-03-01-becomes-11"),
        pytest.param((1800, 2, 29), 11, id="1800-02-29-still-11"),
        pytest.param((1800, 3, 1), 12, id="1800-03-01-becomes-12"),
        pytest.param((1900, 2, 29), 12, id="1900-02-29-still-12"),
        pytest.param((1900, 3, 1), 13, id="1900-03-01-becomes-13"),
        pytest.param((1918, 1, 31), 13, id="russia-1918"),
        pytest.param((2000, 2, 29), 13, id="2000-is-leap-in-both"),
        pytest.param((2000, 3, 1), 13, id="2000-03-01-stays-13"),
        pytest.param((2100, 3, 1), 14, id="2100-03-01-becomes-14"),
    ],
)
def test_julian_offset_changes_after_julian_29_february_of_century_years(
    julian_day: tuple[int, int, int], offset: int
) -> None:
    ordinal = julian_to_ordinal(*julian_day)
    assert julian_offset(ordinal) == offset
    assert ordinal_to_julian(ordinal) == julian_day


@pytest.mark.parametrize(
    ("julian_day", "gregorian_day"),
    [
        pytest.param((1918, 1, 31), "1918-02-13", id="russia-last-julian-day"),
        pytest.param((1917, 10, 25), "1917-11-07", id="october-revolution"),
        pytest.param((1582, 10, 4), "1582-10-14", id="eve-of-reform"),
        pytest.param((1752, 9, 2), "1752-09-13", id="british-reform"),
        pytest.param((1900, 2, 29), "1900-03-13", id="julian-only-leap-day"),
        pytest.param((1, 1, 3), "0001-01-01", id="gregorian-day-1"),
    ],
)
def test_julian_to_ordinal_known_days(julian_day: tuple[int, int, int], gregorian_day: str) -> None:
    assert julian_to_ordinal(*julian_day) == day(gregorian_day)
    assert ordinal_to_julian(day(gregorian_day)) == julian_day


def test_gregorian_and_julian_values_of_the_same_day_differ_only_in_calendar() -> None:
    julian = d("julian:1918-01-31")
    gregorian = d("1918-02-13")
    assert (julian.earliest, julian.latest) == (gregorian.earliest, gregorian.latest)
    assert julian != gregorian  # equality includes the calendar written
    assert same_day(julian, gregorian) is True


# --- The HistDate value -------------------------------------------------------


def test_histdate_is_immutable() -> None:
    value = d("1932")
    with pytest.raises(AttributeError):
        value.earliest = 1
    with pytest.raises(AttributeError):
        value.text = "1933"
    with pytest.raises(AttributeError):
        del value.latest
    with pytest.raises(AttributeError):
        value.extra = 1


def test_equality_and_hash_ignore_the_spelling_but_not_the_flags() -> None:
    assert d("1932-11") == d("1932-11-01/1932-11-30")
    assert hash(d("1932-11")) == hash(d("1932-11-01/1932-11-30"))
    assert d("1932") == d(1932)
    assert d("1932") != d("1932?")
    assert d("1932?") != d("1932~")
    assert d("1932-11-29") != d("1932-11")
    assert d("1932") != "1932"
    assert len({d("1932"), d(1932), d("1932?")}) == 2


def test_repr_str_and_describe() -> None:
    assert repr(d("1932-11?")) == "HistDate('1932-11?')"
    assert str(d(1932)) == "1932"
    assert d("1932-11-29").describe() == "1932-11-29"
    assert d("1932-11").describe() == "1932-11 (1932-11-01..1932-11-30)"
    assert d("julian:1918-01-31").describe() == "julian:1918-01-31 (1918-02-13..1918-02-13)"


def test_day_properties() -> None:
    assert d("1932-11-29").is_day
    assert d("1932-11-29").span_days == 1
    assert not d("1932-11").is_day
    assert d("1932-11").span_days == 30
    assert d("1932").span_days == 366
    assert d("1932-11").first == dt.date(1932, 11, 1)
    assert d("1932-11").last == dt.date(1932, 11, 30)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1932-11-29", id="day"),
        pytest.param("1932-11?", id="qualified"),
        pytest.param("julian:1918-01-31", id="julian"),
        pytest.param("../1931-12-31", id="open"),
    ],
)
def test_pickle_and_copy_round_trip(text: str) -> None:
    value = d(text)
    for clone in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert clone == value
        assert clone.text == value.text


def test_day_constructor() -> None:
    assert HistDate.day(1932, 11, 29) == d("1932-11-29")
    with pytest.raises(InvalidDate, match="February 1932 has 29 days"):
        HistDate.day(1932, 2, 30)


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        pytest.param("1932-11-29", "1932-11-29", "1932-11-29", id="day"),
        pytest.param("1932-11-01", "1932-11-30", "1932-11", id="whole-month"),
        pytest.param("1932-01-01", "1932-12-31", "1932", id="whole-year"),
        pytest.param("1932-01-01", "1932-03-31", "1932-01-01/1932-03-31", id="several-months"),
        pytest.param("1932-11-02", "1932-11-30", "1932-11-02/1932-11-30", id="part-of-month"),
        pytest.param("9999-12-01", "9999-12-31", "9999-12", id="last-month"),
        pytest.param("0001-01-01", "9999-12-31", "0001-01-01/9999-12-31", id="everything"),
    ],
)
def test_from_ordinals_spells_canonically(first: str, last: str, text: str) -> None:
    value = HistDate.from_ordinals(day(first), day(last))
    assert value.text == text
    assert d(text) == value


def test_constructor_checks_the_interval() -> None:
    with pytest.raises(InvalidDate) as info:
        HistDate(10, 5, "x")
    assert info.value.reason == "inverted"
    with pytest.raises(InvalidDate) as info:
        HistDate(0, 5, "x")
    assert info.value.reason == "range"
    with pytest.raises(InvalidDate) as info:
        HistDate(5, MAX_DAY + 1, "x")
    assert info.value.reason == "range"
    value = HistDate(5, 9, "x", uncertain=True, open_end=True, calendar="julian")
    assert (value.uncertain, value.approximate, value.open_start, value.open_end) == (
        True,
        False,
        False,
        True,
    )
    assert value.calendar == "julian"


# --- Three-valued comparisons -------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("1932", "1932-07-25", None, id="year-contains-day-unknown"),
        pytest.param("1932-01-21", "1932-07-25", True, id="earlier-day"),
        pytest.param("1932-07-25", "1932-01-21", False, id="later-day"),
        pytest.param("1932-07-25", "1932-07-25", False, id="same-day-is-not-before"),
        pytest.param("1931", "1932", True, id="adjacent-years"),
        pytest.param("1932-12-31", "1933", True, id="last-day-before-next-year"),
        pytest.param("1933", "1932-12-31", False, id="year-after-day"),
        pytest.param("1932-11", "1932-11", None, id="same-month-unknown"),
        pytest.param("1932-01/1932-03", "1932-03-31", None, id="interval-ending-on-the-day"),
        pytest.param("1932-01/1932-03", "1932-04-01", True, id="interval-ending-before"),
        pytest.param("../1931-12-31", "1932", True, id="open-start-before"),
        pytest.param("1933/..", "1932", False, id="open-end-after"),
        pytest.param("1932/..", "1940", None, id="open-end-unknown"),
        pytest.param("1932-11?", "1932-12", True, id="qualifier-does-not-change-days"),
        pytest.param("julian:1918-01-31", "1918-02-14", True, id="julian-before-next-day"),
        pytest.param("julian:1918-02-01", "1918-02-13", False, id="julian-converted-first"),
    ],
)
def test_before(a: str, b: str, expected: Tri) -> None:
    assert before(d(a), d(b)) is expected
    assert after(d(b), d(a)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("1932-07-25", "1932-01-21", True, id="later-day"),
        pytest.param("1932-01-21", "1932-07-25", False, id="earlier-day"),
        pytest.param("1932", "1932-07-25", None, id="year-contains-day"),
        pytest.param("1932-07-25", "1932-07-25", False, id="same-day"),
    ],
)
def test_after(a: str, b: str, expected: Tri) -> None:
    assert after(d(a), d(b)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("1932-01-21", "1932-01-21", True, id="same-day"),
        pytest.param("1932-01-01", "1932", True, id="first-day-of-year"),
        pytest.param("1931", "1932", True, id="earlier-year"),
        pytest.param("1933", "1932", False, id="later-year"),
        pytest.param("1932", "1932-01-01", None, id="year-vs-its-first-day"),
        pytest.param("1932-12-31", "1932", None, id="last-day-vs-year"),
    ],
)
def test_on_or_before(a: str, b: str, expected: Tri) -> None:
    assert on_or_before(d(a), d(b)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("1932-01-21", "1932-01-21", True, id="identical-days"),
        pytest.param("1932-01-21?", "1932-01-21", True, id="qualifier-ignored"),
        pytest.param("julian:1918-01-31", "1918-02-13", True, id="julian-and-gregorian"),
        pytest.param("1932-01-21", "1932-01-22", False, id="different-days"),
        pytest.param("1932", "1933-01-01", False, id="disjoint"),
        pytest.param("1932", "1932-07-25", None, id="year-contains-day"),
        pytest.param("1932-11", "1932-11", None, id="two-equal-months"),
    ],
)
def test_same_day(a: str, b: str, expected: Tri) -> None:
    assert same_day(d(a), d(b)) is expected
    assert same_day(d(b), d(a)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("1932", "1932-07", True, id="containing"),
        pytest.param("1931", "1932", False, id="adjacent-years"),
        pytest.param("1932-01/1932-06", "1932-06/1932-12", True, id="sharing-a-month"),
        pytest.param("../1931", "1931-12-31", True, id="open-start"),
        pytest.param("1932-01-21", "1932-01-22", False, id="different-days"),
    ],
)
def test_overlaps_and_disjoint(a: str, b: str, expected: bool) -> None:
    assert overlaps(d(a), d(b)) is expected
    assert overlaps(d(b), d(a)) is expected
    assert disjoint(d(a), d(b)) is (not expected)


@pytest.mark.parametrize(
    ("coarse", "fine", "expected"),
    [
        pytest.param("1920", "1920-07-12", True, id="year-refines-to-day"),
        pytest.param("1932-11", "1932-11-29", True, id="month-refines-to-day"),
        pytest.param("193X", "1932-11", True, id="decade-refines-to-month"),
        pytest.param("1932", "1932", True, id="reflexive"),
        pytest.param("../1931-12-31", "1920", True, id="open-start-contains"),
        pytest.param("1920-07-12", "1920", False, id="day-does-not-contain-year"),
        pytest.param("1932-11", "1932-12-01", False, id="outside"),
        pytest.param("1932-06/1933-06", "1932", False, id="partial-overlap"),
    ],
)
def test_refines(coarse: str, fine: str, expected: bool) -> None:
    assert refines(d(coarse), d(fine)) is expected


@pytest.mark.parametrize(
    ("value", "first", "last", "expected"),
    [
        pytest.param("1932-07-25", "1932-01-01", "1932-12-31", True, id="day-inside"),
        pytest.param("1932-07", "1932-07-01", "1932-07-31", True, id="exact-bounds"),
        pytest.param("1932", "1932-06-01", "1932-06-30", None, id="coarser-than-range"),
        pytest.param("1932-06/1932-07", "1932-07-01", "1932-12-31", None, id="straddling"),
        pytest.param("1931", "1932-01-01", "1932-12-31", False, id="before-range"),
        pytest.param("1933-01-01", "1932-01-01", "1932-12-31", False, id="after-range"),
    ],
)
def test_within(value: str, first: str, last: str, expected: Tri) -> None:
    assert within(d(value), day(first), day(last)) is expected


def test_within_an_open_range() -> None:
    assert within(d("1920-07-12"), MIN_DAY, day("1931-12-31")) is True


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("1918-02-13", "1918-02-14", 1, id="next-day"),
        pytest.param("1918-02-14", "1918-02-13", -1, id="previous-day"),
        pytest.param("1932-01-21", "1932-01-21", 0, id="same-day"),
        pytest.param("1932-01-01", "1933-01-01", 366, id="leap-year"),
        pytest.param("julian:1918-01-31", "1918-02-14", 1, id="across-calendars"),
        pytest.param("1932", "1932-01-01", None, id="coarse-first"),
        pytest.param("1932-01-01", "1932-11", None, id="coarse-second"),
    ],
)
def test_gap_days(a: str, b: str, expected: int | None) -> None:
    assert gap_days(d(a), d(b)) == expected


# --- Kleene logic -------------------------------------------------------------

TRI_VALUES: list[Tri] = [True, False, None]


@pytest.mark.parametrize(
    ("value", "expected"), [(True, False), (False, True), (None, None)], ids=["T", "F", "U"]
)
def test_tri_not(value: Tri, expected: Tri) -> None:
    assert tri_not(value) is expected


@pytest.mark.parametrize("a", TRI_VALUES, ids=["T", "F", "U"])
@pytest.mark.parametrize("b", TRI_VALUES, ids=["T", "F", "U"])
def test_tri_and_or_follow_kleene(a: Tri, b: Tri) -> None:
    # Kleene logic is classical logic over the ordering False < None < True.
    rank: dict[Tri, int] = {False: 0, None: 1, True: 2}
    by_rank = {0: False, 1: None, 2: True}
    assert tri_and(a, b) is by_rank[min(rank[a], rank[b])]
    assert tri_or(a, b) is by_rank[max(rank[a], rank[b])]
    assert tri_all([a, b]) is tri_and(a, b)
    assert tri_any([a, b]) is tri_or(a, b)


def test_tri_all_and_any_of_nothing() -> None:
    assert tri_all([]) is True
    assert tri_any([]) is False
    assert tri_all([True, None, True]) is None
    assert tri_any([False, None, False]) is None


# --- pydantic integration -----------------------------------------------------


def test_pydantic_validates_serialises_and_reports_the_message() -> None:
    from pydantic import TypeAdapter, ValidationError

    adapter = TypeAdapter(HistDate)
    assert adapter.validate_python("1932-11?") == d("1932-11?")
    assert adapter.validate_python(1932) == d("1932")
    assert adapter.dump_python(d("julian:1918-01-31"), mode="json") == "julian:1918-01-31"
    with pytest.raises(ValidationError) as info:
        adapter.validate_python("1932-02-30")
    error = info.value.errors()[0]
    assert error["type"] == "invalid_date"
    assert error["msg"] == "1932-02-30: February 1932 has 29 days"
    assert error["ctx"] == {
        "message": "1932-02-30: February 1932 has 29 days",
        "reason": "impossible",
    }


@pytest.mark.parametrize(("value", "first", "last", "text", "flags"), SPELLINGS + JULIAN_SPELLINGS)
def test_json_schema_accepts_every_canonical_spelling(
    value: object, first: str, last: str, text: str, flags: set[str]
) -> None:
    from pydantic import TypeAdapter

    schema = TypeAdapter(HistDate).json_schema()
    pattern = schema["anyOf"][0]["pattern"]
    assert re.fullmatch(pattern, d(value).text, re.ASCII)


def test_equal_spellings_share_one_value_and_bad_ones_are_never_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from treatycheck import dates

    monkeypatch.setattr(dates, "_PARSED", {})
    first = parse_date("1932-11-29")
    assert parse_date("1932-11-29") is first
    assert parse_date(" 1932-11 ") is parse_date(" 1932-11 ")
    assert parse_date(" 1932-11 ") == parse_date("1932-11")
    for _ in range(2):
        with pytest.raises(InvalidDate, match="February 1932 has 29 days"):
            parse_date("1932-02-30")
    assert "1932-02-30" not in dates._PARSED
    monkeypatch.setattr(dates, "_PARSED_MAX", len(dates._PARSED))
    assert parse_date("1933-01-01") == parse_date("1933-01-01")
    assert "1933-01-01" not in dates._PARSED
