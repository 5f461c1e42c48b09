"""Historical date values: parsing, calendars and three-valued comparison.

A :class:`HistDate` is a closed interval of days ``[earliest, latest]`` in the
proleptic Gregorian calendar, stored as ordinals (``datetime.date.toordinal``,
0001-01-01 is day 1). It denotes *one* day that is known to lie somewhere in
that interval: ``1932`` is "some day in 1932", ``1932-11-29`` is exactly that
day. Comparisons between such values are three-valued: ``True``, ``False`` or
``None`` (unknown). This module does no I/O.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any, Final, Literal

__all__ = [
    "MAX_DAY",
    "MIN_DAY",
    "HistDate",
    "InvalidDate",
    "Tri",
    "after",
    "before",
    "disjoint",
    "gap_days",
    "julian_offset",
    "julian_to_ordinal",
    "on_or_before",
    "ordinal_to_julian",
    "overlaps",
    "parse_date",
    "refines",
    "same_day",
    "tri_all",
    "tri_and",
    "tri_any",
    "tri_not",
    "tri_or",
    "within",
]

Tri = bool | None
"""A three-valued truth: ``True``, ``False`` or ``None`` for unknown."""

Calendar = Literal["gregorian", "julian"]

MIN_DAY: Final = 1
"""Ordinal of 0001-01-01, the earliest representable day (open start)."""
MAX_DAY: Final = _dt.date.max.toordinal()
"""Ordinal of 9999-12-31, the latest representable day (open end)."""

_MONTH_NAMES: Final = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_UNCERTAIN: Final = 1
_APPROXIMATE: Final = 2
_OPEN_START: Final = 4
_OPEN_END: Final = 8
_JULIAN: Final = 16

# Julian Day Number of proleptic Gregorian 0001-01-01 minus one: ordinal = JDN - this.
_JDN_OFFSET: Final = 1721425


class InvalidDate(ValueError):
    """A date value that cannot be parsed or names a day that does not exist.

    ``message`` is a sentence a historian can act on, starting with the
    offending text ("1932-02-30: February 1932 has 29 days"). ``reason`` is a
    short machine-readable tag: ``malformed``, ``impossible``, ``range`` or
    ``inverted`` (an interval that ends before it starts).
    """

    def __init__(self, message: str, reason: str = "malformed") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


class HistDate:
    """An immutable historical date: an interval of days plus how it was written.

    Build one with :func:`parse_date` (or ``HistDate.parse``). Equality and
    hashing use the interval, the flags and the calendar; ``text`` (the
    canonical spelling, which :func:`parse_date` reads back to an equal value)
    is not compared.
    """

    __slots__ = ("_flags", "earliest", "latest", "text")

    earliest: int
    latest: int
    text: str
    _flags: int

    def __init__(
        self,
        earliest: int,
        latest: int,
        text: str,
        *,
        uncertain: bool = False,
        approximate: bool = False,
        open_start: bool = False,
        open_end: bool = False,
        calendar: Calendar = "gregorian",
    ) -> None:
        if earliest > latest:
            raise InvalidDate(f"{text}: the interval ends before it starts", "inverted")
        if earliest < MIN_DAY or latest > MAX_DAY:
            raise InvalidDate(f"{text}: outside the years 1 to 9999", "range")
        flags = (
            (_UNCERTAIN if uncertain else 0)
            | (_APPROXIMATE if approximate else 0)
            | (_OPEN_START if open_start else 0)
            | (_OPEN_END if open_end else 0)
            | (_JULIAN if calendar == "julian" else 0)
        )
        _set_earliest(self, earliest)
        _set_latest(self, latest)
        _set_text(self, text)
        _set_flags(self, flags)

    @property
    def uncertain(self) -> bool:
        """Flagged ``?`` (or ``%``): the source is unsure of this value."""
        return bool(self._flags & _UNCERTAIN)

    @property
    def approximate(self) -> bool:
        """Flagged ``~`` (or ``%``): the value is approximate."""
        return bool(self._flags & _APPROXIMATE)

    @property
    def open_start(self) -> bool:
        """The interval has no known start (``../1931-12-31``)."""
        return bool(self._flags & _OPEN_START)

    @property
    def open_end(self) -> bool:
        """The interval has no known end (``1933/..``)."""
        return bool(self._flags & _OPEN_END)

    @property
    def calendar(self) -> Calendar:
        """The calendar the value was written in; days are always Gregorian."""
        return "julian" if self._flags & _JULIAN else "gregorian"

    @classmethod
    def parse(cls, value: object) -> HistDate:
        """Parse any accepted spelling; see :func:`parse_date`."""
        return parse_date(value)

    @classmethod
    def day(cls, year: int, month: int, day: int) -> HistDate:
        """The exact Gregorian day ``year-month-day``."""
        return parse_date(f"{year:04d}-{month:02d}-{day:02d}")

    @classmethod
    def from_ordinals(cls, earliest: int, latest: int) -> HistDate:
        """A plain Gregorian interval of ordinals, spelled canonically."""
        return cls(earliest, latest, _spell_interval(earliest, latest))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"HistDate is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"HistDate is immutable; cannot delete {name!r}")

    def _key(self) -> tuple[int, int, int]:
        return (self.earliest, self.latest, self._flags)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HistDate):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"HistDate({self.text!r})"

    def __str__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[Any, ...]:
        return (parse_date, (self.text,))

    @property
    def is_day(self) -> bool:
        """True when the value is one exact day."""
        return self.earliest == self.latest

    @property
    def span_days(self) -> int:
        """How many days the interval covers (1 for an exact day)."""
        return self.latest - self.earliest + 1

    @property
    def first(self) -> _dt.date:
        """The earliest possible day as a ``datetime.date``."""
        return _dt.date.fromordinal(self.earliest)

    @property
    def last(self) -> _dt.date:
        """The latest possible day as a ``datetime.date``."""
        return _dt.date.fromordinal(self.latest)

    def describe(self) -> str:
        """The spelling plus, for coarse values, the days it covers."""
        if self.is_day and self.calendar == "gregorian":
            return self.text
        return f"{self.text} ({_iso(self.earliest)}..{_iso(self.latest)})"

    # pydantic integration: the type validates from any accepted spelling and
    # serialises back to its canonical text.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        def validate(value: object) -> HistDate:
            if isinstance(value, HistDate):
                return value
            try:
                return parse_date(value)
            except InvalidDate as error:
                raise PydanticCustomError(
                    "invalid_date",
                    "{message}",
                    {"message": error.message, "reason": error.reason},
                ) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "title": "Date",
            "description": (
                "A historical date: YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by ?, ~ or %; "
                "decades and centuries with X (193X, 19XX); intervals A/B with .. for an open "
                "bound; a year as an integer; or {julian: <date>} for an Old Style date."
            ),
            "anyOf": [
                {"type": "string", "pattern": _SCHEMA_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
                {
                    "type": "object",
                    "properties": {
                        "julian": {
                            "anyOf": [
                                {"type": "string", "pattern": _SCHEMA_JULIAN},
                                # Julian year 1 begins two days before Gregorian 0001-01-01.
                                {"type": "integer", "minimum": 2, "maximum": 9999},
                            ]
                        }
                    },
                    "required": ["julian"],
                    "additionalProperties": False,
                },
            ],
        }


_SCHEMA_VALUE: Final = (
    r"(\.\.|\d{2}(\d{2}|\dX|XX)(-\d{2}(-\d{2})?)?[?~%]?)"
    r"(/(\.\.|\d{2}(\d{2}|\dX|XX)(-\d{2}(-\d{2})?)?[?~%]?))?$"
)
_SCHEMA_PATTERN: Final = r"^(julian:)?" + _SCHEMA_VALUE
_SCHEMA_JULIAN: Final = r"^" + _SCHEMA_VALUE  # what {julian: ...} holds: any value, no prefix

# One side of a value: a four-digit year (the last one or two digits may be
# X), optional two-digit month and day, optional qualifier. ASCII digits only,
# as in the JSON schema: a matched side is already in canonical spelling.
_SINGLE_FULLMATCH: Final = re.compile(
    r"(\d{4}|\d{2}XX|\d{3}X)(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)", re.ASCII
).fullmatch

_QUALIFIER_FLAGS: Final = {
    "": 0,
    "?": _UNCERTAIN,
    "~": _APPROXIMATE,
    "%": _UNCERTAIN | _APPROXIMATE,
}
_MONTH_LENGTHS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _iso(ordinal: int) -> str:
    return _dt.date.fromordinal(ordinal).isoformat()


def _days_in_month(year: int, month: int, julian: bool) -> int:
    if month == 2:
        leap = year % 4 == 0 and (julian or year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return _MONTH_LENGTHS[month]


def julian_to_ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian ordinal of a Julian-calendar day (exact)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jdn - _JDN_OFFSET


def ordinal_to_julian(ordinal: int) -> tuple[int, int, int]:
    """The Julian-calendar (year, month, day) label of a Gregorian ordinal."""
    c = ordinal + _JDN_OFFSET + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return year, month, day


def julian_offset(ordinal: int) -> int:
    """Days by which the Julian calendar lags the Gregorian on that Gregorian day.

    10 days in the 1600s, 11 in the 1700s, 12 in the 1800s, 13 in the 1900s and
    2000s; each change happens on Julian 29 February of a century year that the
    Gregorian calendar does not make a leap year (Julian 1700-02-29 is still 10).
    """
    year, month, day = ordinal_to_julian(ordinal)
    if month == 2 and day == 29 and not calendar.isleap(year):
        label = _dt.date(year, 2, 28).toordinal() + 1
    else:
        label = _dt.date(year, month, day).toordinal()
    return ordinal - label


def _parse_side(text: str, whole: str, julian: bool) -> tuple[int, int, int]:
    """The first day, last day and qualifier flags of one side (not ``..``)."""
    match = _SINGLE_FULLMATCH(text)
    if match is None:
        raise InvalidDate(f"{whole}: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year_text, month_text, day_text, flag = match.groups()
    flags = _QUALIFIER_FLAGS[flag]
    if year_text[3] == "X":
        if month_text is not None:
            raise InvalidDate(f"{whole}: a decade or century (X digits) cannot have a month")
        if year_text[2] == "X":
            low = int(year_text[:2]) * 100
            high = low + 99
        else:
            low = int(year_text[:3]) * 10
            high = low + 9
        return (
            _ordinal(low or 1, 1, 1, whole, julian),
            _ordinal(high, 12, 31, whole, julian),
            flags,
        )
    year = int(year_text)
    if year == 0:
        raise InvalidDate(
            f"{whole}: there is no year 0 (years before 1 CE are not supported)", "range"
        )
    if month_text is None:
        return _ordinal(year, 1, 1, whole, julian), _ordinal(year, 12, 31, whole, julian), flags
    month = int(month_text)
    if not 1 <= month <= 12:
        raise InvalidDate(f"{whole}: there is no month {month}", "impossible")
    length = _days_in_month(year, month, julian)
    if day_text is None:
        return (
            _ordinal(year, month, 1, whole, julian),
            _ordinal(year, month, length, whole, julian),
            flags,
        )
    day = int(day_text)
    if not 1 <= day <= length:
        cal = " (Julian)" if julian else ""
        raise InvalidDate(
            f"{whole}: {_MONTH_NAMES[month]} {year}{cal} has {length} days", "impossible"
        )
    ordinal = _ordinal(year, month, day, whole, julian)
    return ordinal, ordinal, flags


def _ordinal(year: int, month: int, day: int, whole: str, julian: bool) -> int:
    if julian:
        ordinal = julian_to_ordinal(year, month, day)
        if ordinal < MIN_DAY:
            raise InvalidDate(f"{whole}: falls before Gregorian 0001-01-01", "range")
        return ordinal
    return _date(year, month, day).toordinal()


def _make(earliest: int, latest: int, text: str, flags: int) -> HistDate:
    """A checked :class:`HistDate` from already-validated parts, without keyword overhead."""
    if earliest > latest:
        raise InvalidDate(f"{text}: the interval ends before it starts", "inverted")
    if earliest < MIN_DAY or latest > MAX_DAY:
        raise InvalidDate(f"{text}: outside the years 1 to 9999", "range")
    value = _new(HistDate)
    _set_earliest(value, earliest)
    _set_latest(value, latest)
    _set_text(value, text)
    _set_flags(value, flags)
    return value


_date = _dt.date
_fromiso = _dt.date.fromisoformat
_new = object.__new__
# HistDate refuses __setattr__; new values are filled through the slot
# descriptors, which is also cheaper than object.__setattr__ on the hot path.
_set_earliest = HistDate.__dict__["earliest"].__set__
_set_latest = HistDate.__dict__["latest"].__set__
_set_text = HistDate.__dict__["text"].__set__
_set_flags = HistDate.__dict__["_flags"].__set__


def _spell_interval(earliest: int, latest: int) -> str:
    """The shortest canonical spelling of a plain Gregorian interval."""
    first = _dt.date.fromordinal(earliest)
    last = _dt.date.fromordinal(latest)
    if earliest == latest:
        return first.isoformat()
    ends_month = latest == MAX_DAY or _dt.date.fromordinal(latest + 1).day == 1
    if first.day == 1 and ends_month and first.year == last.year:
        if first.month == last.month:
            return f"{first.year:04d}-{first.month:02d}"
        if (first.month, last.month) == (1, 12):
            return f"{first.year:04d}"
    return f"{first.isoformat()}/{last.isoformat()}"


def parse_date(value: object) -> HistDate:
    """Parse a date value written in any spelling of the data format.

    Accepts a string (``1932``, ``1932-11``, ``1932-11-29``, with a trailing
    ``?``, ``~`` or ``%``; ``193X``; ``19XX``; ``A/B`` intervals with ``..``
    for an open bound; ``julian:1918-01-31``), an ``int`` year, a
    ``datetime.date`` (as YAML loads unquoted dates), a mapping
    ``{"julian": <date>}`` or an existing :class:`HistDate`.

    Raises :class:`InvalidDate` for anything else, with a readable message.
    """
    if type(value) is str:
        known = _PARSED.get(value)
        if known is not None:
            return known
        parsed = _parse_str(value)
        if len(_PARSED) < _PARSED_MAX:
            _PARSED[value] = parsed
        return parsed
    if isinstance(value, HistDate):
        return value
    if isinstance(value, bool):
        raise InvalidDate(f"{value}: a yes/no value is not a date")
    if isinstance(value, int):
        if not 1 <= value <= 9999:
            raise InvalidDate(f"{value}: years must lie between 1 and 9999", "range")
        return _parse_text(f"{value:04d}", julian=False)
    if isinstance(value, _dt.datetime):
        raise InvalidDate(f"{value.isoformat()}: a date-time; write the day only (YYYY-MM-DD)")
    if isinstance(value, _dt.date):
        ordinal = value.toordinal()
        return HistDate(ordinal, ordinal, value.isoformat())
    if isinstance(value, Mapping):
        return _parse_mapping(value)
    if isinstance(value, str):  # a str subclass
        return parse_date(str(value))
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    raise InvalidDate(f"{shown}: not a date (expected text such as 1932-01-21, or a year)")


_PARSED: dict[str, HistDate] = {}
"""Dates already parsed, by spelling.

A dataset writes the same few thousand days over and over (a million treaties
use fewer than 60,000 distinct days between 1815 and 1990); the values are
immutable, so equal spellings share one. Bounded by :data:`_PARSED_MAX`, past
which new spellings are parsed every time.
"""
_PARSED_MAX: Final = 1 << 18


def _parse_str(text: str) -> HistDate:
    """Parse one spelling (not cached)."""
    # Fast path: a plain ISO day, by far the most common spelling.
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            ordinal = _fromiso(text).toordinal()
        except ValueError:
            pass
        else:
            day = _new(HistDate)
            _set_earliest(day, ordinal)
            _set_latest(day, ordinal)
            _set_text(day, text)
            _set_flags(day, 0)
            return day
    return _parse_text(text.strip(), julian=False)


def _parse_mapping(value: Mapping[Any, Any]) -> HistDate:
    keys = set(value)
    if keys != {"julian"}:
        names = ", ".join(sorted(str(k) for k in keys)) or "nothing"
        raise InvalidDate(f"{{{names}}}: a date mapping must have exactly one key, 'julian'")
    inner = value["julian"]
    if isinstance(inner, bool) or not isinstance(inner, (str, int, _dt.date)):
        raise InvalidDate(f"julian: {inner!r} is not a date")
    if isinstance(inner, _dt.datetime):
        raise InvalidDate(f"julian: {inner.isoformat()} is a date-time; write the day only")
    if isinstance(inner, _dt.date):
        inner_text = inner.isoformat()
    elif isinstance(inner, int):
        if not 1 <= inner <= 9999:
            raise InvalidDate(f"julian:{inner}: years must lie between 1 and 9999", "range")
        inner_text = f"{inner:04d}"
    else:
        inner_text = inner.strip()
    return _parse_text(inner_text, julian=True)


def _parse_text(text: str, julian: bool) -> HistDate:
    whole = text
    if text.startswith("julian:"):
        if julian:
            raise InvalidDate(f"{whole}: 'julian' given twice")
        julian = True
        text = text[len("julian:") :].strip()
    if not text:
        raise InvalidDate("an empty value is not a date")
    if julian:
        if whole == text:
            whole = f"julian:{text}"
        prefix = "julian:"
        calendar_flag = _JULIAN
    else:
        prefix = ""
        calendar_flag = 0
    if "/" not in text:
        if text == "..":
            raise InvalidDate(f"{whole}: '..' is only allowed as one end of an interval")
        earliest, latest, flags = _parse_side(text, whole, julian)
        return _make(earliest, latest, prefix + text, flags | calendar_flag)
    left_text, _, right_text = text.partition("/")
    if "/" in right_text:
        raise InvalidDate(f"{whole}: an interval has exactly one '/'")
    left_text = left_text.strip() or ".."
    right_text = right_text.strip() or ".."
    if left_text == "..":
        earliest, left_flags = MIN_DAY, _OPEN_START
    else:
        earliest, _, left_flags = _parse_side(left_text, whole, julian)
    if right_text == "..":
        if left_text == "..":
            raise InvalidDate(f"{whole}: both ends of the interval are open")
        latest, right_flags = MAX_DAY, _OPEN_END
    else:
        _, latest, right_flags = _parse_side(right_text, whole, julian)
    if earliest > latest:
        raise InvalidDate(f"{whole}: the interval ends before it starts", "inverted")
    return _make(
        earliest,
        latest,
        f"{prefix}{left_text}/{right_text}",
        left_flags | right_flags | calendar_flag,
    )


# --- Three-valued comparison -------------------------------------------------


def before(a: HistDate, b: HistDate) -> Tri:
    """Whether ``a`` was strictly before ``b``: True, False or None (unknown)."""
    if a.latest < b.earliest:
        return True
    if a.earliest >= b.latest:
        return False
    return None


def after(a: HistDate, b: HistDate) -> Tri:
    """Whether ``a`` was strictly after ``b``."""
    return before(b, a)


def on_or_before(a: HistDate, b: HistDate) -> Tri:
    """Whether ``a`` was on or before ``b``."""
    if a.latest <= b.earliest:
        return True
    if a.earliest > b.latest:
        return False
    return None


def same_day(a: HistDate, b: HistDate) -> Tri:
    """Whether ``a`` and ``b`` denote the same day."""
    if a.latest < b.earliest or b.latest < a.earliest:
        return False
    if a.earliest == a.latest == b.earliest == b.latest:
        return True
    return None


def overlaps(a: HistDate, b: HistDate) -> Tri:
    """Whether the two intervals share at least one day (always definite)."""
    return a.earliest <= b.latest and b.earliest <= a.latest


def disjoint(a: HistDate, b: HistDate) -> bool:
    """Whether the two intervals share no day: two such values cannot agree."""
    return a.latest < b.earliest or b.latest < a.earliest


def refines(coarse: HistDate, fine: HistDate) -> Tri:
    """Whether ``coarse`` contains ``fine`` (``1932-11`` refines to ``1932-11-29``)."""
    return coarse.earliest <= fine.earliest and fine.latest <= coarse.latest


def within(value: HistDate, earliest: int, latest: int) -> Tri:
    """Whether the day denoted by ``value`` lies in the day range ``[earliest, latest]``."""
    if earliest <= value.earliest and value.latest <= latest:
        return True
    if value.latest < earliest or value.earliest > latest:
        return False
    return None


def gap_days(a: HistDate, b: HistDate) -> int | None:
    """Days from ``a`` to ``b`` when both are exact days, else None."""
    if a.earliest != a.latest or b.earliest != b.latest:
        return None
    return b.earliest - a.earliest


def tri_not(a: Tri) -> Tri:
    """Three-valued negation."""
    return None if a is None else not a


def tri_and(a: Tri, b: Tri) -> Tri:
    """Kleene conjunction: False wins, then unknown."""
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def tri_or(a: Tri, b: Tri) -> Tri:
    """Kleene disjunction: True wins, then unknown."""
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def tri_all(values: list[Tri]) -> Tri:
    """Kleene conjunction of many values (True for none)."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def tri_any(values: list[Tri]) -> Tri:
    """Kleene disjunction of many values (False for none)."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result
