"""Property tests for treatycheck.dates, with datetime and convertdate as oracles."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from convertdate import julian as convertdate_julian  # type: ignore[import-untyped]
from hypothesis import assume, given
from hypothesis import strategies as st

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
    within,
)

QUALIFIER_FLAGS = {
    "": frozenset(),
    "?": frozenset({"uncertain"}),
    "~": frozenset({"approximate"}),
    "%": frozenset({"uncertain", "approximate"}),
}

# --- Oracles (independent of treatycheck.dates) ---------------------------------


def _gregorian_ordinal(year: int, month: int, day: int) -> int:
    return dt.date(year, month, day).toordinal()


def _julian_ordinal(year: int, month: int, day: int) -> int:
    """convertdate's Gregorian day for a Julian one, as an ordinal."""
    return dt.date(*convertdate_julian.to_gregorian(year, month, day)).toordinal()


def _julian_ordinal_via_jd(year: int, month: int, day: int) -> int:
    """convertdate's Julian Day for a Julian day, as an ordinal (no year limits)."""
    jd: float = convertdate_julian.to_jd(year, month, day)
    return int(jd + 0.5) - 1721425


def _month_length(year: int, month: int, julian: bool) -> int:
    if julian:
        return int(convertdate_julian.month_length(year, month))
    return _calendar.monthrange(year, month)[1]


# --- Strategies for every spelling --------------------------------------------


@dataclass(frozen=True)
class _Spelled:
    """A value as written, with the days and flags it must parse to."""

    value: object
    first: int
    last: int
    flags: frozenset[str]
    calendar: str


@dataclass(frozen=True)
class _Side:
    text: str
    first: int
    last: int
    flags: frozenset[str]


_qualifiers = st.sampled_from(sorted(QUALIFIER_FLAGS))


@st.composite
def _sides(draw: st.DrawFn, julian: bool = False) -> _Side:
    """One side of a value: a day, month, year, decade or century, maybe qualified."""
    to_ordinal = _julian_ordinal if julian else _gregorian_ordinal
    # Julian values must convert into Gregorian 0001..9999.
    low_year, high_year = (2, 9990) if julian else (1, 9999)
    precision = draw(st.sampled_from(["day", "month", "year", "decade", "century"]))
    qualifier = draw(_qualifiers)
    if precision in ("decade", "century"):
        size = 10 if precision == "decade" else 100
        prefix = draw(st.integers(low_year // size + julian, high_year // size - julian))
        low, high = max(prefix * size, 1), prefix * size + size - 1
        digits = f"{prefix:03d}X" if size == 10 else f"{prefix:02d}XX"
        return _Side(
            digits + qualifier,
            to_ordinal(low, 1, 1),
            to_ordinal(high, 12, 31),
            QUALIFIER_FLAGS[qualifier],
        )
    year = draw(st.integers(low_year, high_year))
    if precision == "year":
        first, last, text = to_ordinal(year, 1, 1), to_ordinal(year, 12, 31), f"{year:04d}"
    else:
        month = draw(st.integers(1, 12))
        length = _month_length(year, month, julian)
        if precision == "month":
            first, last = to_ordinal(year, month, 1), to_ordinal(year, month, length)
            text = f"{year:04d}-{month:02d}"
        else:
            day = draw(st.integers(1, length))
            first = last = to_ordinal(year, month, day)
            text = f"{year:04d}-{month:02d}-{day:02d}"
    return _Side(text + qualifier, first, last, QUALIFIER_FLAGS[qualifier])


@st.composite
def _spelled(draw: st.DrawFn) -> _Spelled:
    """Any accepted spelling: single, interval, open interval; Gregorian or Julian;
    as text, or as the int, date or mapping a YAML loader produces."""
    julian = draw(st.booleans())
    calendar = "julian" if julian else "gregorian"
    shape = draw(st.sampled_from(["single", "interval", "open-start", "open-end"]))
    if shape == "single":
        side = draw(_sides(julian))
        text, first, last, flags = side.text, side.first, side.last, side.flags
    elif shape == "interval":
        left, right = draw(_sides(julian)), draw(_sides(julian))
        if left.first > right.last:
            left, right = right, left
        text, first, last = f"{left.text}/{right.text}", left.first, right.last
        flags = left.flags | right.flags
    elif shape == "open-start":
        side = draw(_sides(julian))
        text, first, last = f"../{side.text}", MIN_DAY, side.last
        flags = side.flags | {"open_start"}
    else:
        side = draw(_sides(julian))
        text, first, last = f"{side.text}/..", side.first, MAX_DAY
        flags = side.flags | {"open_end"}
    value: object = text
    if julian:
        value = draw(st.sampled_from([f"julian:{text}", f"julian: {text}", {"julian": text}]))
    else:
        # YAML loads unquoted years as int and unquoted days as datetime.date.
        if len(text) == 4 and text.isdigit():
            value = draw(st.sampled_from([text, int(text)]))
        elif len(text) == 10 and text[4] == "-" and text[7] == "-":
            value = draw(st.sampled_from([text, dt.date.fromisoformat(text)]))
    if isinstance(value, str) and draw(st.booleans()):
        value = f" {value}\t"
    return _Spelled(value, first, last, frozenset(flags), calendar)


_values = _spelled().map(lambda spelled: parse_date(spelled.value))


@st.composite
def _nearby_values(draw: st.DrawFn) -> tuple[HistDate, HistDate, HistDate]:
    """Three values of mixed precision around one day, so that they often nest."""
    base = draw(st.integers(dt.date(1000, 1, 1).toordinal(), dt.date(9000, 1, 1).toordinal()))

    def one() -> HistDate:
        day = dt.date.fromordinal(base + draw(st.integers(-800, 800)))
        spelling = draw(
            st.sampled_from(
                [
                    day.isoformat(),
                    f"{day.year:04d}-{day.month:02d}",
                    f"{day.year:04d}",
                    f"{day.year // 10:03d}X",
                    f"{day.year // 100:02d}XX",
                    f"../{day.isoformat()}",
                    f"{day.isoformat()}/..",
                ]
            )
        )
        return parse_date(spelling)

    return one(), one(), one()


@st.composite
def _small_intervals(draw: st.DrawFn) -> HistDate:
    """Short plain intervals close to each other, for brute-force comparison."""
    start = draw(st.integers(700_000, 700_060))
    return HistDate.from_ordinals(start, start + draw(st.integers(0, 20)))


@st.composite
def _julian_days(draw: st.DrawFn, low_year: int = 1, high_year: int = 9999) -> tuple[int, int, int]:
    """A valid Julian-calendar (year, month, day), drawn without the code under test."""
    year = draw(st.integers(low_year, high_year))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, _month_length(year, month, julian=True)))
    return year, month, day


def _days(value: HistDate) -> range:
    return range(value.earliest, value.latest + 1)


def _brute(pairs_hold: Callable[[int, int], bool], a: HistDate, b: HistDate) -> Tri:
    """True if the relation holds for every choice of days, False if for none, else None."""
    outcomes = {pairs_hold(x, y) for x in _days(a) for y in _days(b)}
    return outcomes.pop() if len(outcomes) == 1 else None


# --- Parsing ------------------------------------------------------------------


@given(_spelled())
def test_every_spelling_parses_to_the_days_the_oracle_computes(spelled: _Spelled) -> None:
    value = parse_date(spelled.value)
    assert (value.earliest, value.latest) == (spelled.first, spelled.last)
    assert flags_of(value) == spelled.flags
    assert value.calendar == spelled.calendar


@given(_values)
def test_canonical_text_round_trips(value: HistDate) -> None:
    again = parse_date(str(value))
    assert again == value
    assert str(again) == str(value)
    assert hash(again) == hash(value)


@given(st.dates())
def test_gregorian_days_agree_with_datetime(day: dt.date) -> None:
    iso = day.isoformat()
    value = parse_date(iso)
    assert value.earliest == value.latest == day.toordinal()
    assert value.first == day
    assert parse_date(day) == value
    assert parse_date(iso + "?").earliest == day.toordinal()
    month = parse_date(iso[:7])
    assert month.first == day.replace(day=1)
    assert month.last == day.replace(day=_calendar.monthrange(day.year, day.month)[1])
    year = parse_date(iso[:4])
    assert (year.first, year.last) == (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_a_day_parses_exactly_when_datetime_accepts_it(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        expected = dt.date(year, month, day).toordinal()
    except ValueError:
        try:
            parse_date(text)
        except InvalidDate as error:
            assert error.reason == "impossible"
            assert error.message.startswith(f"{text}: ")
        else:
            raise AssertionError(f"{text} was accepted")
    else:
        assert parse_date(text).earliest == expected


@given(st.integers(1, 9999))
def test_an_int_year_equals_the_text_year(year: int) -> None:
    assert parse_date(year) == parse_date(f"{year:04d}")
    assert str(parse_date(year)) == f"{year:04d}"


@given(st.text(alphabet="0123456789-/.?~%X: julian", max_size=25))
def test_near_miss_text_parses_or_raises_invalid_date(text: str) -> None:
    try:
        value = parse_date(text)
    except InvalidDate as error:
        assert error.reason in ("malformed", "impossible", "range", "inverted")
        assert error.message
    else:
        assert parse_date(str(value)) == value


@given(
    st.one_of(
        st.text(),
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.dates(),
        st.datetimes(),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(
            st.sampled_from(["julian", "gregorian"]),
            st.one_of(st.text(max_size=12), st.integers(), st.dates(), st.none()),
            max_size=2,
        ),
    )
)
def test_any_input_parses_or_raises_invalid_date(value: object) -> None:
    try:
        parsed = parse_date(value)
    except InvalidDate:
        return
    assert MIN_DAY <= parsed.earliest <= parsed.latest <= MAX_DAY


# --- The Julian calendar ------------------------------------------------------


@given(_julian_days())
def test_julian_conversion_agrees_with_convertdate(julian_day: tuple[int, int, int]) -> None:
    ordinal = julian_to_ordinal(*julian_day)
    assert ordinal == _julian_ordinal_via_jd(*julian_day)
    gregorian = convertdate_julian.to_gregorian(*julian_day)
    assume(1 <= gregorian[0] <= 9999)  # all but a few days at the very ends
    assert ordinal == dt.date(*gregorian).toordinal()
    year, month, day = julian_day
    assert parse_date(f"julian:{year:04d}-{month:02d}-{day:02d}").earliest == ordinal


@given(st.integers(MIN_DAY, MAX_DAY))
def test_ordinal_to_julian_agrees_with_convertdate(ordinal: int) -> None:
    day = dt.date.fromordinal(ordinal)
    expected = convertdate_julian.from_gregorian(day.year, day.month, day.day)
    assert ordinal_to_julian(ordinal) == tuple(expected)


def test_julian_conversion_agrees_with_convertdate_across_the_whole_range() -> None:
    """Deterministic sweep: every 97th day of 1..9999, and every day around each
    Julian 29 February of a century year, where the offset changes."""
    ordinals = set(range(3, MAX_DAY - 100, 97))
    for century in range(100, 10000, 100):
        centre = julian_to_ordinal(century, 2, 28)
        ordinals.update(range(centre - 3, centre + 4))
    for ordinal in sorted(ordinals):
        day = dt.date.fromordinal(ordinal)
        julian_day = tuple(convertdate_julian.from_gregorian(day.year, day.month, day.day))
        assert ordinal_to_julian(ordinal) == julian_day, day
        assert julian_to_ordinal(*julian_day) == ordinal, day


@given(_julian_days())
def test_julian_offset_follows_the_century_rule(julian_day: tuple[int, int, int]) -> None:
    # The Julian calendar gains a day on the Gregorian at each Julian 29 February
    # of a century year not divisible by 400.
    year, month, _ = julian_day
    counted = year if month > 2 else year - 1
    ordinal = julian_to_ordinal(*julian_day)
    assume(MIN_DAY <= ordinal <= MAX_DAY)
    assert julian_offset(ordinal) == counted // 100 - counted // 400 - 2


@given(st.integers(-1_000_000, 5_000_000))
def test_ordinal_to_julian_then_back_is_identity(ordinal: int) -> None:
    assert julian_to_ordinal(*ordinal_to_julian(ordinal)) == ordinal


@given(_julian_days())
def test_julian_to_ordinal_then_back_is_identity(julian_day: tuple[int, int, int]) -> None:
    assert ordinal_to_julian(julian_to_ordinal(*julian_day)) == julian_day


@given(_julian_days(2, 9990))
def test_julian_days_are_consecutive(julian_day: tuple[int, int, int]) -> None:
    ordinal = julian_to_ordinal(*julian_day)
    year, month, day = ordinal_to_julian(ordinal + 1)
    assert julian_to_ordinal(year, month, day) == ordinal + 1
    assert (year, month, day) > julian_day


# --- Comparisons --------------------------------------------------------------


@given(_values, _values)
def test_before_is_asymmetric(a: HistDate, b: HistDate) -> None:
    if before(a, b) is True:
        assert before(b, a) is False
    assert after(a, b) is before(b, a)


@given(_values)
def test_nothing_is_before_itself(value: HistDate) -> None:
    assert before(value, value) is (False if value.is_day else None)


@given(_values)
def test_refines_is_reflexive(value: HistDate) -> None:
    assert refines(value, value) is True


@given(_nearby_values())
def test_refines_is_transitive(values: tuple[HistDate, HistDate, HistDate]) -> None:
    a, b, c = values
    if refines(a, b) and refines(b, c):
        assert refines(a, c) is True


@given(_values)
def test_a_value_lies_within_itself(value: HistDate) -> None:
    assert within(value, value.earliest, value.latest) is True


@given(_small_intervals(), _small_intervals())
def test_comparisons_agree_with_every_choice_of_days(a: HistDate, b: HistDate) -> None:
    assert before(a, b) is _brute(lambda x, y: x < y, a, b)
    assert after(a, b) is _brute(lambda x, y: x > y, a, b)
    assert on_or_before(a, b) is _brute(lambda x, y: x <= y, a, b)
    assert same_day(a, b) is _brute(lambda x, y: x == y, a, b)
    assert within(a, b.earliest, b.latest) is _brute(lambda x, _: b.earliest <= x <= b.latest, a, a)
    shared = set(_days(a)) & set(_days(b))
    assert overlaps(a, b) is bool(shared)
    assert disjoint(a, b) is (not shared)
    assert refines(a, b) is (set(_days(b)) <= set(_days(a)))
    expected_gap = b.earliest - a.earliest if a.is_day and b.is_day else None
    assert gap_days(a, b) == expected_gap
