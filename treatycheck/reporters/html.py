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
from typing import Final

from .._gc import paused as paused_gc
from ..engine import Context
from ..findings import Finding, Report
from ..rules.assertions import Verdict, evaluate_all
from ..rules.catalogue import CATALOGUE
from . import RenderOptions
from ._html_assertions import OrderingTimeline, ordering_timelines
from ._html_assets import CSS, HEAD_SCRIPT, PAGE_ROWS, SCRIPT, csp_hash
from ._html_sections import (
    OPEN_TIMELINES,
    assertions_section,
    esc,
    orderings_section,
    scorecard_section,
    sources_section,
    timeline_id,
    timelines_section,
)
from ._html_timeline import FindingIndex, SubjectTimeline, choose_subjects, claims_by_subject
from .text import summary_line

__all__ = ["MAX_TIMELINES", "OPEN_TIMELINES", "render"]

MAX_TIMELINES: Final = 200
"""At most this many per-treaty (or per-polity) timelines are drawn."""

_SEVERITIES: Final = ("error", "warning", "info")


def render(report: Report, options: RenderOptions) -> str:
    """The whole page as one string."""
    with paused_gc():  # indexes over every record: many objects, no cycles (see treatycheck._gc)
        return _render(report)


def _render(report: Report) -> str:
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
    drawn = {subject.id: timeline_id(subject.kind, subject.id) for subject in subjects}
    drawn.update((item.id, f"as-{item.id}") for item in orderings if item.id not in drawn)
    summary = summary_line(report).strip()
    title = f"treatycheck report: {summary}"
    body = [
        "<header>",
        "<h1>treatycheck report</h1>",
        f'<p class="lead">{esc(summary)}</p>',
        _nav(report, ctx, subjects, orderings, bool(verdicts)),
        "</header>",
        "<main>",
        _summary(report),
        scorecard_section(report.sources),
        sources_section(ctx, report.findings),
        assertions_section(verdicts, index, {item.id for item in orderings}),
        orderings_section(orderings, report.findings),
        timelines_section(subjects, omitted, report.findings),
        _findings(report.findings, drawn),
        "</main>",
        f"<footer><p>Made by treatycheck {esc(report.tool_version)}. This page is one file: it"
        " loads nothing from the network and can be saved, e-mailed and printed.</p></footer>",
    ]
    policy = (
        f"default-src 'none'; style-src {csp_hash(CSS)};"
        f" script-src {csp_hash(HEAD_SCRIPT)} {csp_hash(SCRIPT)};"
        " img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="treatycheck {esc(report.tool_version)}">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{CSS}</style>\n<script>{HEAD_SCRIPT}</script>\n</head>\n<body>\n"
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
    items = "".join(f'<li><a href="#{key}">{esc(text)}</a></li>' for key, text in links)
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
        f'<ul class="counts">{cards}'
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
            f'<tr><td><a href="#findings" data-filter-rule="{esc(code)}">'
            f"<code>{esc(code)}</code></a></td><td>{esc(rule.name if rule else '')}</td>"
            f"<td>{badges}</td>"
            f'<td class="num">{sum(by_severity.values()):,}</td>'
            f"<td>{esc(rule.summary if rule else '')}</td></tr>"
        )
    parts.append(
        '<table class="by-rule"><caption class="muted">Findings by rule</caption>'
        '<thead><tr><th scope="col">Code</th><th scope="col">Rule</th>'
        '<th scope="col">Severity</th><th scope="col" class="num">Count</th>'
        f'<th scope="col">What it checks</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    parts.append("</section>")
    return "\n".join(parts)


def _options(values: Iterable[str], everything: str) -> str:
    return f'<option value="">{esc(everything)}</option>' + "".join(
        f'<option value="{esc(value)}">{esc(value)}</option>' for value in values
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
        f'<table id="findings-table" data-page="{PAGE_ROWS}">{head}<tbody>{"".join(rows)}'
        '</tbody></table><p class="noprint"><button type="button" id="show-more" hidden>'
        'Show more</button> <button type="button" id="show-all" hidden>Show all</button></p>'
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
        f'<a href="#{esc(target)}">{esc(subject)}</a>' if target is not None else esc(subject)
    )
    related = ""
    if item.related:
        related = (
            '<ul class="related">'
            + "".join(f"<li>{esc(r.location)}: {esc(r.message)}</li>" for r in item.related)
            + "</ul>"
        )
    return (
        f'<tr id="f-{number}" data-code="{esc(item.code)}" data-severity="{severity}"'
        f' data-rank="{item.severity.rank}" data-subject="{esc(subject)}"'
        f' data-sources="|{esc("|".join(item.sources))}|">'
        f'<td class="num">{number}</td>'
        f'<td><span class="sev sev-{severity}">{severity}</span></td>'
        f'<td><code>{esc(item.code)}</code> <span class="muted">{esc(item.rule)}</span></td>'
        f"<td>{subject_cell}</td><td>{esc(item.property or '')}</td>"
        f'<td class="msg">{esc(item.message)}{related}</td>'
        f'<td class="mono">{esc(item.location)}</td><td>{esc(", ".join(item.sources))}</td></tr>'
    )
