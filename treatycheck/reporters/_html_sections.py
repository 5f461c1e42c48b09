"""Sections of the HTML report that show the dataset: scorecard, sources, assertions, timelines.

Every function returns a finished piece of HTML (an empty string when there
is nothing to show); every piece of text from the data goes through
:func:`esc`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any, Final

from ..engine import Context
from ..findings import Finding
from ..rules.assertions import Verdict
from ._html_assertions import OrderingTimeline
from ._html_assets import EVENT_COLORS
from ._html_svg import draw_timeline
from ._html_timeline import FindingIndex, SubjectTimeline

__all__ = [
    "OPEN_TIMELINES",
    "assertions_section",
    "esc",
    "orderings_section",
    "scorecard_section",
    "sources_section",
    "timeline_id",
    "timelines_section",
]

OPEN_TIMELINES: Final = 12
"""The first this-many timelines are shown expanded; the rest are collapsed."""


def esc(value: object) -> str:
    """Escape any value for use in text or a quoted attribute."""
    return escape(str(value), quote=True)


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def timeline_id(kind: str, subject: str) -> str:
    """The element id of a subject's timeline (findings link to it)."""
    return f"tl-{kind}-{subject}"


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_cell(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_cell(item) for item in value)
    return "" if value is None else str(value)


_SCORE_COLUMNS: Final = {
    "kind": "Kind",
    "reliability": "Reliability",
    "claims": "Statements",
    "compared": "Compared",
    "agreements": "Agree",
    "refinements": "Refine",
    "compatible": "Compatible",
    "conflicts": "Conflicts",
    "agreement_rate": "Agreement rate",
    "trust": "Trust",
}
"""Scorecard entries shown, in this order, with their headings; other keys follow as named."""
_SCORE_HIDDEN: Final = frozenset({"reference", "against", "explicit"})
_NUM: Final = ' class="num"'


def _score_cell(key: str, value: Any) -> str:
    if key == "agreement_rate" and isinstance(value, (int, float)):
        return f'<td class="num">{value:.0%}</td>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="num">{esc(_cell(value))}</td>'
    return f"<td>{esc(_cell(value))}</td>"


def scorecard_section(sources: Mapping[str, Any]) -> str:
    """The cross-source scorecard (``Report.sources``), one row per source."""
    if not sources:
        return ""
    entries = sorted(sources.items())
    present: list[str] = []
    for _, value in entries:
        if isinstance(value, Mapping):
            present.extend(str(k) for k in value if str(k) not in present)
    columns = [key for key in _SCORE_COLUMNS if key in present] + [
        key for key in present if key not in _SCORE_COLUMNS and key not in _SCORE_HIDDEN
    ]
    head = (
        "".join(
            f'<th scope="col"{"" if key == "kind" else _NUM}>'
            f"{esc(_SCORE_COLUMNS.get(key, key))}</th>"
            for key in columns
        )
        or '<th scope="col">Score</th>'
    )
    against = {str(value.get("against")) for _, value in entries if isinstance(value, Mapping)} - {
        "None"
    }
    rows = []
    for source, value in entries:
        if isinstance(value, Mapping):
            cells = "".join(_score_cell(key, value.get(key)) for key in columns)
            marker = " (reference)" if value.get("reference") is True else ""
        else:
            cells, marker = _score_cell("", value), ""
        rows.append(f'<tr><th scope="row"><code>{esc(source)}</code>{marker}</th>{cells}</tr>')
    said = (
        f"Each source's statements compared with {esc(', '.join(sorted(against)))}: agreements,"
        " refinements (a coarser value that contains the other), conflicts, and the trust"
        " the comparison gives it."
        if against
        else "How each source fares against the others."
    )
    return (
        '<section id="scorecard" aria-labelledby="scorecard-h">'
        '<h2 id="scorecard-h">Source scorecard</h2>'
        f'<p class="muted">{said}</p>'
        f'<table><thead><tr><th scope="col">Source</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def sources_section(ctx: Context | None, findings: Sequence[Finding]) -> str:
    if ctx is None or not ctx.dataset.sources:
        return ""
    named = Counter(source for item in findings for source in set(item.sources))
    rows = []
    for source in ctx.dataset.sources:
        reliability = "" if source.reliability is None else f"{source.reliability:.2f}"
        count = named.get(source.id, 0)
        link = (
            f'<a href="#findings" data-filter-source="{esc(source.id)}">{count:,}</a>'
            if count
            else "0"
        )
        extra = f'<br><span class="muted">{esc(source.bias)}</span>' if source.bias else ""
        rows.append(
            f'<tr><th scope="row"><code>{esc(source.id)}</code>'
            + (" (reference)" if source.id == ctx.reference else "")
            + f"</th><td>{esc(source.title)}{extra}</td><td>{esc(source.kind)}</td>"
            f'<td>{esc(source.published or "")}</td><td class="num">{reliability}</td>'
            f'<td class="num">{link}</td></tr>'
        )
    return (
        '<section id="sources" aria-labelledby="sources-h"><h2 id="sources-h">Sources</h2>'
        '<table><thead><tr><th scope="col">Id</th><th scope="col">Title</th>'
        '<th scope="col">Kind</th><th scope="col">Published</th>'
        '<th scope="col" class="num">Reliability</th><th scope="col" class="num">Findings</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _finding_links(numbers: Iterable[int], findings: Sequence[Finding]) -> str:
    links = [f'<a href="#f-{n}">#{n} {esc(findings[n - 1].code)}</a>' for n in list(numbers)[:20]]
    return ", ".join(links)


def _legend(keys: Iterable[str]) -> str:
    present = [key for key in EVENT_COLORS if key in set(keys)]
    items = "".join(
        f'<li><svg width="12" height="12" aria-hidden="true" class="legend-dot">'
        f'<circle class="mark ev-{key.replace(".", "-")}" cx="6" cy="6" r="5"/></svg> '
        f"{esc(key)}</li>"
        for key in present
    )
    return (
        f'<ul class="legend">{items}'
        '<li><span class="swatch bar"></span>bar: a month, a year or an interval'
        " (the date lies somewhere in it)</li>"
        '<li><span class="swatch conflict"></span>ringed: part of a finding (follow the link)</li>'
        "</ul>"
    )


def assertions_section(verdicts: Sequence[Verdict], index: FindingIndex, drawn: set[str]) -> str:
    """Every assertion's verdict, those that hold included."""
    if not verdicts:
        return ""
    rows = []
    for verdict in verdicts:
        assertion = verdict.assertion
        ident = esc(assertion.id)
        name = f'<a href="#as-{ident}">{ident}</a>' if assertion.id in drawn else ident
        numbers = index.by_subject.get(assertion.id, ())
        rows.append(
            f"<tr><td><code>{name}</code></td><td>{esc(verdict.form)}</td>"
            f"<td>{esc(assertion.source)}</td><td>{esc(assertion.says or '')}</td>"
            f'<td><span class="verdict verdict-{esc(verdict.status)}">{esc(verdict.status)}</span>'
            f'</td><td class="msg">{esc(verdict.detail)}</td>'
            f"<td>{_finding_links(numbers, index.findings)}</td></tr>"
        )
    counts = Counter(verdict.status for verdict in verdicts)
    tally = ", ".join(
        f"{counts[name]} {name}" for name in ("holds", "violated", "undetermined") if counts[name]
    )
    return (
        '<section id="assertions" aria-labelledby="assertions-h">'
        f'<h2 id="assertions-h">Assertions</h2><p>{esc(tally)}.</p>'
        '<table><thead><tr><th scope="col">Id</th><th scope="col">Form</th>'
        '<th scope="col">Source</th><th scope="col">Says</th><th scope="col">Verdict</th>'
        '<th scope="col">Why</th><th scope="col">Findings</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def orderings_section(orderings: Sequence[OrderingTimeline], findings: Sequence[Finding]) -> str:
    if not orderings:
        return ""
    parts = [
        '<section id="order" aria-labelledby="order-h"><h2 id="order-h">Order of events</h2>',
        '<p class="muted">Each ordering assertion with the events it names on one axis, earliest'
        " first. The dashed line is the event the others are measured against; a red label and"
        " a ring mark an event whose date contradicts the assertion.</p>",
    ]
    for item in orderings:
        verdict = (
            f' <span class="verdict verdict-{esc(item.verdict)}">{esc(item.verdict)}</span>'
            if item.verdict
            else ""
        )
        said = f"<p>{esc(item.source)} says: “{esc(item.says)}”</p>" if item.says else ""
        links = _finding_links(item.findings, findings)
        parts.append(
            f'<div class="ordering" id="as-{esc(item.id)}"><h3><code>{esc(item.id)}</code>'
            f" ({esc(item.form)}){verdict}</h3>{said}{item.svg}"
            + (f'<p class="tl-meta">Findings: {links}</p>' if links else "")
            + "</div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def timelines_section(
    subjects: Sequence[SubjectTimeline], omitted: int, findings: Sequence[Finding]
) -> str:
    if not subjects:
        return ""
    keys = {mark.key for subject in subjects for row in subject.rows for mark in row.marks}
    parts = [
        '<section id="timelines" aria-labelledby="timelines-h">',
        '<h2 id="timelines-h">Timelines</h2>',
        '<p class="muted">One row per source; each mark is the date that source gives. Marks'
        " that line up agree; a ring shows a date that is part of a finding.</p>",
        _legend(keys),
    ]
    for number, subject in enumerate(subjects):
        sources = _count(len(subject.rows), "source")
        svg = draw_timeline(
            subject.rows,
            label=f"Timeline of {subject.title}: {sources}",
            data=(("subject", subject.id), ("kind", subject.kind)),
        )
        meta = (
            f'<p class="tl-meta">Findings: {_finding_links(subject.findings, findings)}</p>'
            if subject.findings
            else ""
        )
        count = _count(len(subject.findings), "finding")
        parts.append(
            f'<details class="timeline" id="{esc(timeline_id(subject.kind, subject.id))}"'
            + (" open" if number < OPEN_TIMELINES else "")
            + f'><summary>{esc(subject.title)} <span class="muted">({esc(subject.kind)}'
            f" <code>{esc(subject.id)}</code>, {sources}, {count})</span>"
            f"</summary>{meta}{svg}{_date_table(subject)}</details>"
        )
    if omitted:
        parts.append(
            f'<p class="note">{omitted:,} more timelines are not drawn: the page draws the'
            f" {len(subjects)} most telling (date findings first, then most findings, then most"
            " sources). Narrow the data or the rules to see others.</p>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _date_table(subject: SubjectTimeline) -> str:
    rows = "".join(
        f"<tr><td>{esc(mark.source)}</td><td>{esc(mark.label)}</td>"
        f"<td>{esc(mark.date.describe())}</td><td>{'claim' if mark.claim else 'record'}</td></tr>"
        for row in subject.rows
        for mark in row.marks
    )
    return (
        '<details class="noprint"><summary>The same dates as a table</summary>'
        '<table><thead><tr><th scope="col">Source</th><th scope="col">Event</th>'
        '<th scope="col">Date</th><th scope="col">Stated in</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )
