"""A self-contained HTML report: summary, sources, timelines and a filterable findings table.

The page needs nothing from the network (inline style sheet, inline script,
inline SVG) and its Content-Security-Policy allows nothing else. Every piece
of text from the data is escaped. Without scripting the whole findings table
shows; with it, the table can be filtered by rule, severity, source and
subject, and sorted. See ``docs/html-report.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any, Final

from ..engine import Context
from ..findings import Finding, Report
from ..rules.assertions import Verdict, evaluate_all
from ..rules.catalogue import CATALOGUE
from . import RenderOptions
from ._html_assertions import OrderingTimeline, ordering_timelines
from ._html_assets import CSS, EVENT_COLORS, SCRIPT, csp_hash
from ._html_svg import draw_timeline
from ._html_timeline import FindingIndex, SubjectTimeline, choose_subjects, claims_by_subject
from .text import summary_line

__all__ = ["MAX_TIMELINES", "OPEN_TIMELINES", "render"]

MAX_TIMELINES: Final = 200
"""At most this many per-treaty (or per-polity) timelines are drawn."""
OPEN_TIMELINES: Final = 12
"""The first this-many timelines are shown expanded; the rest are collapsed."""

_SEVERITIES: Final = ("error", "warning", "info")


def _e(value: object) -> str:
    """Escape any value for use in text or a quoted attribute."""
    return escape(str(value), quote=True)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _timeline_id(kind: str, subject: str) -> str:
    return f"tl-{kind}-{subject}"


def render(report: Report, options: RenderOptions) -> str:
    """The whole page as one string."""
    index = FindingIndex(report.findings)
    dataset = report.dataset
    ctx = Context(dataset, reference=report.reference) if dataset is not None else None
    subjects: list[SubjectTimeline] = []
    omitted = 0
    orderings: list[OrderingTimeline] = []
    verdicts: list[Verdict] = []
    if ctx is not None:
        claims = claims_by_subject(ctx)
        subjects, omitted = choose_subjects(ctx, index, claims, MAX_TIMELINES)
        verdicts = evaluate_all(ctx) if ctx.dataset.assertions else []
        orderings = ordering_timelines(
            ctx, index, claims, {v.assertion.id: v.status for v in verdicts}
        )
    drawn = {subject.id: _timeline_id(subject.kind, subject.id) for subject in subjects}
    title = f"treatycheck report: {summary_line(report).strip()}"
    body = [
        "<header>",
        "<h1>treatycheck report</h1>",
        f'<p class="lead">{_e(summary_line(report).strip())}</p>',
        _nav(report, ctx, subjects, orderings, bool(verdicts)),
        "</header>",
        "<main>",
        _summary(report),
        _scorecard(report.sources),
        _sources(ctx, report.findings),
        _assertions(verdicts, index, {item.id for item in orderings}),
        _orderings(orderings, report.findings),
        _timelines(subjects, omitted, report.findings),
        _findings(report.findings, drawn),
        "</main>",
        f"<footer><p>Made by treatycheck {_e(report.tool_version)}. This page is one file: it"
        " loads nothing from the network and can be saved, e-mailed and printed.</p></footer>",
    ]
    policy = (
        f"default-src 'none'; style-src {csp_hash(CSS)}; script-src {csp_hash(SCRIPT)};"
        " img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="treatycheck {_e(report.tool_version)}">\n'
        f"<title>{_e(title)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + f"\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _nav(
    report: Report,
    ctx: Context | None,
    subjects: Sequence[SubjectTimeline],
    orderings: Sequence[OrderingTimeline],
    assertions: bool,
) -> str:
    links = [("summary", "Summary")]
    if report.sources:
        links.append(("scorecard", "Source scorecard"))
    if ctx is not None and ctx.dataset.sources:
        links.append(("sources", "Sources"))
    if assertions:
        links.append(("assertions", "Assertions"))
    if orderings:
        links.append(("order", "Order of events"))
    if subjects:
        links.append(("timelines", "Timelines"))
    links.append(("findings", f"Findings ({len(report.findings):,})"))
    items = "".join(f'<li><a href="#{key}">{_e(text)}</a></li>' for key, text in links)
    return f'<nav aria-label="Sections"><ul>{items}</ul></nav>'


def _summary(report: Report) -> str:
    counts = report.counts
    cards = "".join(
        f'<li><strong>{counts[name]:,}</strong><span class="sev sev-{name}">{name}</span></li>'
        for name in _SEVERITIES
    )
    parts = [
        '<section id="summary" aria-labelledby="summary-h">',
        '<h2 id="summary-h">Summary</h2>',
        f'<ul class="counts" aria-label="Findings by severity">{cards}'
        f"<li><strong>{report.files:,}</strong>files</li>"
        f"<li><strong>{report.records:,}</strong>records</li></ul>",
    ]
    severities: dict[str, Counter[str]] = {}
    for item in report.findings:
        severities.setdefault(item.code, Counter())[item.severity.value] += 1
    if not severities:
        parts.append("<p>No findings: every selected rule passed.</p></section>")
        return "\n".join(parts)
    rows = []
    for code in sorted(severities):
        rule = CATALOGUE.get(code)
        by_severity = severities[code]
        badges = " ".join(
            f'<span class="sev sev-{name}">{name}</span>'
            for name in _SEVERITIES
            if by_severity[name]
        )
        rows.append(
            f'<tr><td><a href="#findings" data-filter-rule="{_e(code)}"><code>{_e(code)}</code></a>'
            f"</td><td>{_e(rule.name if rule else '')}</td><td>{badges}</td>"
            f'<td class="num">{sum(by_severity.values()):,}</td>'
            f"<td>{_e(rule.summary if rule else '')}</td></tr>"
        )
    parts.append(
        '<table class="by-rule"><caption class="muted">Findings by rule</caption>'
        '<thead><tr><th scope="col">Code</th><th scope="col">Rule</th>'
        '<th scope="col">Severity</th><th scope="col" class="num">Count</th>'
        f'<th scope="col">What it checks</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    parts.append("</section>")
    return "\n".join(parts)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_cell(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_cell(item) for item in value)
    return "" if value is None else str(value)


def _scorecard(sources: Mapping[str, Any]) -> str:
    """The cross-source scorecard, whatever shape its entries have."""
    if not sources:
        return ""
    entries = sorted(sources.items())
    columns: list[str] = []
    for _, value in entries:
        if isinstance(value, Mapping):
            columns.extend(str(key) for key in value if str(key) not in columns)
    head = "".join(f'<th scope="col">{_e(column)}</th>' for column in columns) or (
        '<th scope="col">Score</th>'
    )
    rows = []
    for source, value in entries:
        if isinstance(value, Mapping):
            cells = "".join(
                f'<td class="num">{_e(_cell(value.get(column)))}</td>'
                if isinstance(value.get(column), (int, float))
                else f"<td>{_e(_cell(value.get(column)))}</td>"
                for column in columns
            )
        else:
            cells = f"<td>{_e(_cell(value))}</td>"
        rows.append(f'<tr><th scope="row">{_e(source)}</th>{cells}</tr>')
    return (
        '<section id="scorecard" aria-labelledby="scorecard-h">'
        '<h2 id="scorecard-h">Source scorecard</h2>'
        '<p class="muted">How each source fares against the others and the reference.</p>'
        f'<table><thead><tr><th scope="col">Source</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _sources(ctx: Context | None, findings: Sequence[Finding]) -> str:
    if ctx is None or not ctx.dataset.sources:
        return ""
    named = Counter(source for item in findings for source in set(item.sources))
    rows = []
    for source in ctx.dataset.sources:
        reliability = "" if source.reliability is None else f"{source.reliability:.2f}"
        count = named.get(source.id, 0)
        link = (
            f'<a href="#findings" data-filter-source="{_e(source.id)}">{count:,}</a>'
            if count
            else "0"
        )
        extra = f'<br><span class="muted">{_e(source.bias)}</span>' if source.bias else ""
        rows.append(
            f'<tr><th scope="row"><code>{_e(source.id)}</code>'
            + (" (reference)" if source.id == ctx.reference else "")
            + f"</th><td>{_e(source.title)}{extra}</td><td>{_e(source.kind)}</td>"
            f'<td>{_e(source.published or "")}</td><td class="num">{reliability}</td>'
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
    links = [f'<a href="#f-{n}">#{n} {_e(findings[n - 1].code)}</a>' for n in list(numbers)[:20]]
    return ", ".join(links)


def _legend(keys: Iterable[str]) -> str:
    present = [key for key in EVENT_COLORS if key in set(keys)]
    items = "".join(
        f'<li><svg width="12" height="12" aria-hidden="true" class="legend-dot">'
        f'<circle class="mark ev-{key.replace(".", "-")}" cx="6" cy="6" r="5"/></svg> '
        f"{_e(key)}</li>"
        for key in present
    )
    return (
        f'<ul class="legend" aria-label="Legend">{items}'
        '<li><span class="swatch bar"></span>bar: a month, a year or an interval'
        " (the date lies somewhere in it)</li>"
        '<li><span class="swatch conflict"></span>ringed: part of a finding (follow the link)</li>'
        "</ul>"
    )


def _assertions(verdicts: Sequence[Verdict], index: FindingIndex, drawn: set[str]) -> str:
    """Every assertion's verdict, those that hold included."""
    if not verdicts:
        return ""
    rows = []
    for verdict in verdicts:
        assertion = verdict.assertion
        ident = _e(assertion.id)
        name = f'<a href="#as-{ident}">{ident}</a>' if assertion.id in drawn else ident
        numbers = index.by_subject.get(assertion.id, ())
        rows.append(
            f"<tr><td><code>{name}</code></td><td>{_e(verdict.form)}</td>"
            f"<td>{_e(assertion.source)}</td><td>{_e(assertion.says or '')}</td>"
            f'<td><span class="verdict verdict-{_e(verdict.status)}">{_e(verdict.status)}</span>'
            f'</td><td class="msg">{_e(verdict.detail)}</td>'
            f"<td>{_finding_links(numbers, index.findings)}</td></tr>"
        )
    counts = Counter(verdict.status for verdict in verdicts)
    tally = ", ".join(
        f"{counts[name]} {name}" for name in ("holds", "violated", "undetermined") if counts[name]
    )
    return (
        '<section id="assertions" aria-labelledby="assertions-h">'
        f'<h2 id="assertions-h">Assertions</h2><p>{_e(tally)}.</p>'
        '<table><thead><tr><th scope="col">Id</th><th scope="col">Form</th>'
        '<th scope="col">Source</th><th scope="col">Says</th><th scope="col">Verdict</th>'
        '<th scope="col">Why</th><th scope="col">Findings</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _orderings(orderings: Sequence[OrderingTimeline], findings: Sequence[Finding]) -> str:
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
            f' <span class="verdict verdict-{_e(item.verdict)}">{_e(item.verdict)}</span>'
            if item.verdict
            else ""
        )
        said = f"<p>{_e(item.source)} says: “{_e(item.says)}”</p>" if item.says else ""
        links = _finding_links(item.findings, findings)
        parts.append(
            f'<div class="ordering" id="as-{_e(item.id)}"><h3><code>{_e(item.id)}</code>'
            f" ({_e(item.form)}){verdict}</h3>{said}{item.svg}"
            + (f'<p class="tl-meta">Findings: {links}</p>' if links else "")
            + "</div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _timelines(
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
        svg = draw_timeline(
            subject.rows,
            label=f"Timeline of {subject.title}: {len(subject.rows)} sources",
            data=(("subject", subject.id), ("kind", subject.kind)),
        )
        meta = (
            f'<p class="tl-meta">Findings: {_finding_links(subject.findings, findings)}</p>'
            if subject.findings
            else ""
        )
        count = f"{len(subject.findings)} finding{'s' if len(subject.findings) != 1 else ''}"
        parts.append(
            f'<details class="timeline" id="{_e(_timeline_id(subject.kind, subject.id))}"'
            + (" open" if number < OPEN_TIMELINES else "")
            + f'><summary>{_e(subject.title)} <span class="muted">({_e(subject.kind)}'
            f" <code>{_e(subject.id)}</code>, {len(subject.rows)} sources, {count})</span>"
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
        f"<tr><td>{_e(mark.source)}</td><td>{_e(mark.label)}</td>"
        f"<td>{_e(mark.date.describe())}</td><td>{'claim' if mark.claim else 'record'}</td></tr>"
        for row in subject.rows
        for mark in row.marks
    )
    return (
        '<details class="noprint"><summary>The same dates as a table</summary>'
        '<table><thead><tr><th scope="col">Source</th><th scope="col">Event</th>'
        '<th scope="col">Date</th><th scope="col">Stated in</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def _options(values: Iterable[str], everything: str) -> str:
    return f'<option value="">{_e(everything)}</option>' + "".join(
        f'<option value="{_e(value)}">{_e(value)}</option>' for value in values
    )


def _findings(findings: Sequence[Finding], drawn: Mapping[str, str]) -> str:
    codes = sorted({item.code for item in findings})
    severities = [name for name in _SEVERITIES if any(f.severity.value == name for f in findings)]
    sources = sorted({source for item in findings for source in item.sources})
    controls = (
        '<form id="filters" class="filters" hidden aria-label="Filter findings">'
        f'<label for="filter-rule">Rule<select id="filter-rule">{_options(codes, "all rules")}'
        "</select></label>"
        '<label for="filter-severity">Severity<select id="filter-severity">'
        f"{_options(severities, 'all severities')}</select></label>"
        f'<label for="filter-source">Source<select id="filter-source">'
        f"{_options(sources, 'all sources')}</select></label>"
        '<label for="filter-subject">Subject contains<input id="filter-subject" type="search"'
        ' autocomplete="off" spellcheck="false"></label>'
        '<button type="reset">Show all</button></form>'
        '<p id="filter-status" class="status" role="status" aria-live="polite"></p>'
    )
    rows = [_finding_row(number, item, drawn) for number, item in enumerate(findings, start=1)]

    def sortable(key: str, text: str) -> str:
        return (
            f'<th scope="col" aria-sort="none"><button type="button" class="sort"'
            f' data-key="{key}">{text}</button></th>'
        )

    head = (
        "<thead><tr>"
        + sortable("index", "#")
        + sortable("severity", "Severity")
        + sortable("code", "Rule")
        + sortable("subject", "Subject")
        + '<th scope="col">Property</th>'
        + sortable("message", "Message")
        + '<th scope="col">Location</th><th scope="col">Sources</th></tr></thead>'
    )
    table = (
        f'<table id="findings-table">{head}<tbody>{"".join(rows)}</tbody></table>'
        if findings
        else "<p>No findings.</p>"
    )
    return (
        '<section id="findings" aria-labelledby="findings-h">'
        f'<h2 id="findings-h">Findings ({len(findings):,})</h2>'
        + (controls if findings else "")
        + table
        + "</section>"
    )


def _finding_row(number: int, item: Finding, drawn: Mapping[str, str]) -> str:
    severity = item.severity.value
    subject = item.subject or ""
    target = drawn.get(subject)
    subject_cell = (
        f'<a href="#{_e(target)}">{_e(subject)}</a>' if target is not None else _e(subject)
    )
    related = ""
    if item.related:
        related = (
            '<ul class="related">'
            + "".join(f"<li>{_e(r.location)}: {_e(r.message)}</li>" for r in item.related)
            + "</ul>"
        )
    return (
        f'<tr id="f-{number}" data-code="{_e(item.code)}" data-severity="{severity}"'
        f' data-rank="{item.severity.rank}" data-subject="{_e(subject)}"'
        f' data-sources="|{_e("|".join(item.sources))}|">'
        f'<td class="num">{number}</td>'
        f'<td><span class="sev sev-{severity}">{severity}</span></td>'
        f'<td><code>{_e(item.code)}</code> <span class="muted">{_e(item.rule)}</span></td>'
        f"<td>{subject_cell}</td><td>{_e(item.property or '')}</td>"
        f'<td class="msg">{_e(item.message)}{related}</td>'
        f'<td class="mono">{_e(item.location)}</td><td>{_e(", ".join(item.sources))}</td></tr>'
    )
