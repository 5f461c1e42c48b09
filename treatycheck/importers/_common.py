"""Shared importer machinery: CSV rows with positions, messages, counts and date assembly.

Every value an importer reads keeps where it came from (file, line, the
character column of the field, the column's header), so that a finding about
an imported value points into the original CSV. Nothing here raises for bad
data: a value that cannot be read becomes an :class:`ImportMessage` naming the
line and column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from ..dates import HistDate, InvalidDate, parse_date

__all__ = [
    "Cell",
    "CsvTable",
    "FileCounts",
    "ImportMessage",
    "MessageLog",
    "Row",
    "date_from_parts",
    "dayfirst_date",
    "ongoing",
    "open_start",
    "read_csv",
]

MessageSeverity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One field of a CSV file: path, 1-based line and character column, header name."""

    path: str
    line: int
    column: int
    name: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class ImportMessage:
    """Something an importer could not read, or a convention it applied, at one cell.

    ``code`` is a rule code of the catalogue (TC103 for an unreadable date,
    TC104 for any other unreadable value) when the message is also a finding of
    a validation run; ``None`` for notes that are not problems of the data.
    """

    severity: MessageSeverity
    cell: Cell
    text: str
    code: str | None = None

    def __str__(self) -> str:
        column = f" (column {self.cell.name})" if self.cell.name else ""
        return f"{self.cell}: {self.severity}: {self.text}{column}"


@dataclass(frozen=True, slots=True)
class FileCounts:
    """How many data rows of one file were read, imported and rejected."""

    path: str
    format: str
    read: int
    imported: int
    rejected: int

    def __str__(self) -> str:
        return (
            f"{self.path} ({self.format}): {self.read} rows read, "
            f"{self.imported} imported, {self.rejected} rejected"
        )


@dataclass(slots=True)
class MessageLog:
    """Collects messages while a file is imported."""

    messages: list[ImportMessage] = field(default_factory=list)

    def error(self, cell: Cell, text: str, code: str | None = "TC104") -> None:
        """A value that cannot be used (a finding when ``code`` is given)."""
        self.messages.append(ImportMessage("error", cell, text, code))

    def warning(self, cell: Cell, text: str, code: str | None = None) -> None:
        """A value that was used after a correction the user should know about."""
        self.messages.append(ImportMessage("warning", cell, text, code))

    def info(self, cell: Cell, text: str) -> None:
        """A documented convention applied to a value."""
        self.messages.append(ImportMessage("info", cell, text, None))


# --- CSV with positions -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number (1 = first row after the header), line and fields."""

    path: str
    number: int
    line: int
    values: dict[str, str]
    columns: dict[str, int]

    def get(self, name: str) -> str:
        """The field's text with surrounding spaces removed ('' when the column is absent)."""
        return self.values.get(name, "").strip()

    def cell(self, name: str) -> Cell:
        """Where the field ``name`` of this row is written."""
        return Cell(self.path, self.line, self.columns.get(name, 1), name)

    @property
    def start(self) -> Cell:
        """The beginning of the row."""
        return Cell(self.path, self.line, 1)


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file read into rows, plus the rows that could not be split into fields."""

    path: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    rejected: int
    """Records whose number of fields differs from the header's (each has a message)."""

    @property
    def read(self) -> int:
        """Data records in the file (rows plus rejected records)."""
        return len(self.rows) + self.rejected


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as the user gave it, with forward slashes."""
    return os.fspath(path).replace(os.sep, "/")


def read_csv(
    path: str | os.PathLike[str], log: MessageLog, *, display: str | None = None
) -> CsvTable | None:
    """Read a CSV file (UTF-8, optional BOM, LF or CRLF) keeping each field's position.

    Returns ``None`` (with an error message) when the file cannot be read or
    decoded. A record with a different number of fields than the header is
    rejected with a message naming its line.
    """
    shown = display if display is not None else display_path(path)
    top = Cell(shown, 1, 1)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        log.error(top, f"cannot read: {error.strerror or type(error).__name__}", "TC100")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        log.error(
            Cell(shown, line, 1),
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            "TC100",
        )
        return None
    records = list(_records(text))
    if not records or not any(records[0][1]):
        log.error(top, "the file is empty; expected a header row", "TC100")
        return None
    _, header_fields, _ = records[0]
    header = tuple(name.strip() for name in header_fields)
    rows: list[Row] = []
    rejected = 0
    for number, (line, fields, columns) in enumerate(records[1:], start=1):
        if len(fields) == 1 and not fields[0].strip():
            continue  # a blank line is not a record
        if len(fields) != len(header):
            log.error(
                Cell(shown, line, 1),
                f"row has {len(fields)} fields but the header has {len(header)}; row rejected",
            )
            rejected += 1
            continue
        rows.append(
            Row(
                shown,
                number,
                line,
                dict(zip(header, fields, strict=True)),
                dict(zip(header, columns, strict=True)),
            )
        )
    return CsvTable(shown, header, tuple(rows), rejected)


def _records(text: str) -> Iterator[tuple[int, list[str], list[int]]]:
    """(line, fields, 1-based character column of each field) for every CSV record."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    index = 0
    while index < len(lines):
        start = index + 1
        line = lines[index].removesuffix("\r")
        index += 1
        if '"' not in line:
            fields = line.split(",")
            columns = []
            position = 1
            for value in fields:
                columns.append(position)
                position += len(value) + 1
            yield start, fields, columns
            continue
        fields, columns, index = _quoted_record(line, lines, index)
        yield start, fields, columns


def _quoted_record(line: str, lines: list[str], index: int) -> tuple[list[str], list[int], int]:
    """Split a record that contains quotes; a quoted field may continue on the next lines."""
    fields: list[str] = []
    columns: list[int] = []
    current: list[str] = []
    position = 0
    field_start = 1
    quoted = False
    text = line
    while True:
        if position >= len(text):
            if quoted and index < len(lines):  # a line break inside a quoted field
                current.append("\n")
                text = lines[index].removesuffix("\r")
                index += 1
                position = 0
                continue
            fields.append("".join(current))
            columns.append(field_start)
            return fields, columns, index
        char = text[position]
        if quoted:
            if char == '"':
                if position + 1 < len(text) and text[position + 1] == '"':
                    current.append('"')
                    position += 2
                    continue
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = True
        elif char == ",":
            fields.append("".join(current))
            columns.append(field_start)
            current = []
            field_start = position + 2
        else:
            current.append(char)
        position += 1


# --- numbers and dates ------------------------------------------------------------

_INT_RE: Final = re.compile(r"^[+-]?\d+$")


def as_int(text: str) -> int | None:
    """An integer written as digits (``4.0`` and ``1e3`` are not integers here)."""
    stripped = text.strip()
    if _INT_RE.match(stripped):
        return int(stripped)
    return None


def date_from_parts(year: int, month: int | None, day: int | None, *, flag: str = "") -> HistDate:
    """A date from year, month and day, where an unknown month or day makes it coarser.

    ``month=None`` gives the whole year, ``day=None`` the whole month: an unknown
    part widens the interval instead of inventing a day. Raises
    :class:`~treatycheck.dates.InvalidDate` for a day that does not exist.
    """
    if not 1 <= year <= 9999:
        raise InvalidDate(f"{year}: years must lie between 1 and 9999", "range")
    if month is None:
        return parse_date(f"{year:04d}{flag}")
    if not 1 <= month <= 12:
        raise InvalidDate(f"{year:04d}-{month:02d}: there is no month {month}", "impossible")
    if day is None:
        return parse_date(f"{year:04d}-{month:02d}{flag}")
    if not 1 <= day <= 31:
        raise InvalidDate(f"{year:04d}-{month:02d}-{day:02d}: there is no day {day}", "impossible")
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}{flag}")


_DAYFIRST_RE: Final = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{1,4})$")
_MONTHYEAR_RE: Final = re.compile(r"^(\d{1,2})[-./](\d{3,4})$")
_YEAR_RE: Final = re.compile(r"^(\d{1,4})$")


def dayfirst_date(text: str) -> HistDate:
    """A date written day first (``29-5-1453``, ``06.09.1991``), month-year or year only.

    Raises :class:`~treatycheck.dates.InvalidDate` for anything else.
    """
    stripped = text.strip()
    match = _DAYFIRST_RE.match(stripped)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return date_from_parts(year, month, day)
    match = _MONTHYEAR_RE.match(stripped)
    if match:
        month, year = (int(part) for part in match.groups())
        return date_from_parts(year, month, None)
    match = _YEAR_RE.match(stripped)
    if match:
        return date_from_parts(int(match.group(1)), None, None)
    raise InvalidDate(
        f"{stripped}: not a date (expected DD-MM-YYYY, MM-YYYY or YYYY)"
        if stripped
        else "an empty value is not a date"
    )


def open_start(value: HistDate) -> HistDate:
    """``../<value>``: began on or before ``value`` (a coverage-start sentinel)."""
    return parse_date(f"../{value.text}")


def ongoing(coverage_end: str) -> HistDate:
    """``<coverage_end>/..``: still existing when the dataset's coverage ends."""
    return parse_date(f"{coverage_end}/..")


def missing(text: str, codes: Sequence[str]) -> bool:
    """Whether ``text`` is empty or one of the dataset's missing-value codes."""
    stripped = text.strip()
    return not stripped or stripped in codes


def read_ymd(
    row: Row,
    columns: tuple[str, str, str],
    log: MessageLog,
    *,
    missing_codes: Sequence[str] = ("-9",),
    zero_is_unknown: bool = True,
) -> HistDate | None:
    """The date held in separate year, month and day columns of ``row``.

    An empty or missing-coded month or day (and ``0`` when ``zero_is_unknown``)
    makes the date coarser (year-month, or year only) with an info message; an
    unknown year gives ``None`` without a message (the caller decides whether
    that is a problem). A part that is not a whole number, or a day that does
    not exist, is a TC103 message at that cell and gives ``None``.
    """
    _, month_col, day_col = columns
    parts: list[int | None] = []
    for name in columns:
        text = row.get(name)
        if missing(text, missing_codes):
            parts.append(None)
            continue
        number = as_int(text)
        if number is None:
            log.error(row.cell(name), f"{name} = {text!r} is not a whole number", "TC103")
            return None
        parts.append(None if number == 0 and zero_is_unknown else number)
    year, month, day = parts
    if year is None:
        return None
    if month is None and day is not None:
        log.warning(
            row.cell(day_col),
            f"{day_col} = {day} is given but {month_col} is not; the date is kept to the year",
        )
        day = None
    try:
        value = date_from_parts(year, month, day)
    except InvalidDate as error:
        log.error(row.cell(day_col if month is not None else month_col), error.message, "TC103")
        return None
    if month is None or day is None:
        unknown = month_col if month is None else day_col
        log.info(
            row.cell(unknown),
            f"{unknown} is unknown; the date is kept as {value.text} "
            f"({'year' if month is None else 'month'} precision)",
        )
    return value
