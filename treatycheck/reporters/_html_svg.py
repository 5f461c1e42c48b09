"""Inline SVG timelines for the HTML report: one row per source, dates as points or bars.

A day is drawn as a point; a coarser value (a month, a year, an interval) as
a bar over every day it may denote; an open bound as a bar that runs to the
edge of the axis. Every mark carries data attributes (``data-event``,
``data-source``, ``data-x``) and a ``<title>`` so that a browser test, a
screen reader and a mouse all find the same facts. Marks involved in a
finding get a ring and link to the finding's row.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

from ..dates import HistDate

__all__ = ["Mark", "Row", "Scale", "draw_timeline", "ticks"]

WIDTH: Final = 800
LABEL_WIDTH: Final = 200
RIGHT_MARGIN: Final = 24
TOP: Final = 30
ROW_HEIGHT: Final = 24
LABEL_CHARS: Final = 30

_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


@dataclass(frozen=True, slots=True)
class Mark:
    """One source's date for one event: where to draw it and what it stands for."""

    source: str
    key: str
    """Colour key: an event type, or ``exists.from`` / ``exists.to``."""
    label: str
    """What happened, as shown to the reader (``ratified by latvia``)."""
    date: HistDate
    event: str
    """``<subject>.<key>``, the value of ``data-event``."""
    claim: bool = False
    """Stated by a ``claims:`` entry rather than by the record itself."""
    findings: tuple[int, ...] = ()
    """Numbers of the findings this mark is involved in (1-based rows of the table)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a timeline: a label and the marks drawn on it."""

    label: str
    title: str
    marks: tuple[Mark, ...]
    data: tuple[tuple[str, str], ...] = ()
    """Extra ``data-*`` attributes of the row's ``<g>`` (name without the prefix, value)."""
    anchor: HistDate | None = None
    """The date whose x position the row reports as ``data-x`` (combined timelines)."""
    css: str = ""
    links: tuple[int, ...] = ()
    """Findings the row as a whole is involved in (ring around its anchor)."""
    spans: tuple[tuple[HistDate, HistDate], ...] = ()
    """Intervals drawn as a thin line under the marks (a polity's existence)."""


def _bounds(date: HistDate) -> tuple[int, int]:
    """The finite ends of a date: an open end counts as its known end."""
    low = date.latest if date.open_start else date.earliest
    high = date.earliest if date.open_end else date.latest
    return low, high


class Scale:
    """Maps day ordinals to x coordinates over a padded domain."""

    def __init__(self, days: Iterable[int], x0: float, x1: float) -> None:
        values = list(days)
        low, high = min(values), max(values)
        span = high - low
        if span < 30:
            middle = (low + high) // 2
            low, high = middle - 15, middle + 15
        else:
            pad = max(2, span // 25)
            low, high = low - pad, high + pad
        self.low = max(1, low)
        self.high = max(self.low + 1, high)
        self.x0 = x0
        self.x1 = x1

    def x(self, day: int) -> float:
        """Centre of a day, clamped to the plot."""
        day = min(max(day, self.low), self.high)
        fraction = (day - self.low + 0.5) / (self.high - self.low + 1)
        return self.x0 + fraction * (self.x1 - self.x0)

    def interval(self, date: HistDate) -> tuple[float, float]:
        """Left and right edge of a date's bar (open ends run to the plot's edge)."""
        half = (self.x1 - self.x0) / (self.high - self.low + 1) / 2
        left = self.x0 if date.open_start else self.x(date.earliest) - half
        right = self.x1 if date.open_end else self.x(date.latest) + half
        return left, right

    def centre(self, date: HistDate) -> float:
        """Where a date sits for ordering: the middle of its finite bounds."""
        low, high = _bounds(date)
        return (self.x(low) + self.x(high)) / 2


def ticks(low: int, high: int, most: int = 8) -> list[tuple[int, str]]:
    """Axis ticks at round dates (years, months or days) between two ordinals."""
    span = high - low
    first, last = _dt.date.fromordinal(low), _dt.date.fromordinal(high)
    out: list[tuple[int, str]] = []
    if span > 3 * 365:
        years = last.year - first.year
        steps = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2500, 5000)
        step = next((s for s in steps if years / s <= most), 5000)
        year = -(-first.year // step) * step
        for y in range(max(year, 1), last.year + 1, step):
            day = _dt.date(y, 1, 1).toordinal()
            if low <= day <= high:
                out.append((day, str(y)))
        return out
    if span > 75:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = next((s for s in (1, 2, 3, 4, 6, 12) if months / s <= most), 12)
        index = first.year * 12 + first.month - 1
        while index <= last.year * 12 + last.month - 1:
            y, m = divmod(index, 12)
            day = _dt.date(y, m + 1, 1).toordinal()
            if m % step == 0 and low <= day <= high:
                label = f"{_MONTHS[m]} {y}" if m == 0 or not out else _MONTHS[m]
                out.append((day, label))
            index += 1
        return out
    step = next((s for s in (1, 2, 5, 7, 14) if span / s <= most), 14)
    for day in range(low, high + 1):
        date = _dt.date.fromordinal(day)
        if (date.day - 1) % step == 0 and date.day <= 28:
            label = f"{date.day} {_MONTHS[date.month - 1]}"
            out.append((day, f"{label} {date.year}" if not out else label))
    return out


def _attr(name: str, value: object) -> str:
    return f' {name}="{escape(str(value), quote=True)}"'


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _mark_title(mark: Mark) -> str:
    origin = "claim" if mark.claim else "record"
    text = f"{mark.source}: {mark.label} {mark.date.describe()} ({origin})"
    if mark.findings:
        numbers = ", ".join(f"#{n}" for n in mark.findings)
        text += f"; conflict, see finding {numbers}"
    return text


def _draw_mark(mark: Mark, scale: Scale, y: float) -> tuple[str, float]:
    key = mark.key.replace(".", "-")
    doubtful = " doubtful" if mark.date.uncertain or mark.date.approximate else ""
    claim = " claim" if mark.claim else ""
    common = (
        _attr("data-event", mark.event)
        + _attr("data-source", mark.source)
        + _attr("data-date", mark.date.text)
    )
    title = f"<title>{escape(_mark_title(mark))}</title>"
    if mark.date.is_day and not (mark.date.open_start or mark.date.open_end):
        x = scale.x(mark.date.earliest)
        shape = (
            f'<circle class="mark ev-{key}{doubtful}{claim}" cx="{x:.1f}" cy="{y:.1f}" r="5.5"'
            f'{common} data-x="{x:.1f}">{title}</circle>'
        )
        ring = f'<circle class="ring" cx="{x:.1f}" cy="{y:.1f}" r="9.5"/>'
    else:
        left, right = scale.interval(mark.date)
        if right - left < 4:
            left, right = (left + right) / 2 - 2, (left + right) / 2 + 2
        x = scale.centre(mark.date)
        shape = (
            f'<rect class="mark coarse ev-{key}{doubtful}{claim}" x="{left:.1f}" y="{y - 5:.1f}"'
            f' width="{right - left:.1f}" height="10" rx="3"{common} data-x="{x:.1f}">'
            f"{title}</rect>"
        )
        ring = (
            f'<rect class="ring" x="{left - 3:.1f}" y="{y - 8:.1f}" width="{right - left + 6:.1f}"'
            f' height="16" rx="5"/>'
        )
    if not mark.findings:
        return shape, x
    link = (
        f'<a href="#f-{mark.findings[0]}" class="conflict">'
        f"<title>{escape(_mark_title(mark))}</title>{ring}{shape}</a>"
    )
    return link, x


def draw_timeline(
    rows: Sequence[Row],
    *,
    label: str,
    data: Sequence[tuple[str, str]] = (),
    lines: Sequence[tuple[HistDate, str]] = (),
) -> str:
    """An ``<svg>`` with one row per entry of ``rows``; empty string when nothing is dated.

    ``lines`` are vertical reference lines (the date an ordering is measured
    against) drawn at the latest day of each date, with a label.
    """
    days: list[int] = []
    for row in rows:
        for mark in row.marks:
            days.extend(_bounds(mark.date))
        for start, end in row.spans:
            days.extend((*_bounds(start), *_bounds(end)))
    for date, _ in lines:
        days.extend(_bounds(date))
    if not days:
        return ""
    scale = Scale(days, LABEL_WIDTH, WIDTH - RIGHT_MARGIN)
    plot_bottom = TOP + ROW_HEIGHT * len(rows)
    height = plot_bottom + (22 if lines else 8)
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        + "".join(_attr(f"data-{name}", value) for name, value in data)
        + f"><title>{escape(label)}</title>"
    ]
    for day, text in ticks(scale.low, scale.high):
        x = scale.x(day)
        parts.append(
            f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 6}" y2="{height - 4}"/>'
            f'<text class="tick" x="{x:.1f}" y="{TOP - 10}" text-anchor="middle">'
            f"{escape(text)}</text>"
        )
    for index, row in enumerate(rows):
        y = TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2
        anchor_x = scale.centre(row.anchor) if row.anchor is not None else None
        attrs = "".join(_attr(f"data-{name}", value) for name, value in row.data)
        if anchor_x is not None:
            attrs += f' data-x="{anchor_x:.1f}"'
        css = f"row {row.css}".strip()
        parts.append(f'<g class="{escape(css)}"{attrs}>')
        if index % 2 == 0:
            parts.append(
                f'<rect class="band" x="0" y="{y - ROW_HEIGHT / 2:.1f}" width="{WIDTH}"'
                f' height="{ROW_HEIGHT}"/>'
            )
        parts.append(
            f'<text class="rowlabel" x="{LABEL_WIDTH - 8}" y="{y + 4:.1f}" text-anchor="end">'
            f"<title>{escape(row.title)}</title>{escape(_short(row.label))}</text>"
        )
        for start, end in row.spans:
            x_start, x_end = scale.centre(start), scale.centre(end)
            parts.append(
                f'<line class="span" x1="{x_start:.1f}" x2="{x_end:.1f}" y1="{y:.1f}"'
                f' y2="{y:.1f}"/>'
            )
        for mark in row.marks:
            parts.append(_draw_mark(mark, scale, y)[0])
        if row.links and anchor_x is not None:
            parts.append(
                f'<a href="#f-{row.links[0]}" class="conflict"><title>'
                f"{escape(row.title)}: see finding #{row.links[0]}</title>"
                f'<circle class="ring" cx="{anchor_x:.1f}" cy="{y:.1f}" r="11"/></a>'
            )
        parts.append("</g>")
    for date, text in lines:
        x = scale.x(_bounds(date)[1])
        left = x > (scale.x0 + scale.x1) / 2
        parts.append(
            f'<line class="first-line" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 4}"'
            f' y2="{plot_bottom + 4}"/><text class="tick" x="{x - 3 if left else x + 3:.1f}"'
            f' y="{plot_bottom + 16}" text-anchor="{"end" if left else "start"}">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
