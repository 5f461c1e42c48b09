"""The style sheet and the script inlined into every HTML report.

Both are constants so the page needs nothing from the network and the
Content-Security-Policy of the page can name them by hash. The script only
filters and sorts rows that are already in the page: with scripting off the
whole findings table still shows.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Final

__all__ = ["CSS", "EVENT_COLORS", "HEAD_SCRIPT", "PAGE_ROWS", "SCRIPT", "csp_hash"]

PAGE_ROWS: Final = 500
"""With scripting on, the findings table shows this many matching rows at a time."""

HEAD_SCRIPT: Final = 'document.documentElement.classList.add("js");'
"""Marks the page as scripted before the table is laid out, so hidden pages cost nothing."""

EVENT_COLORS: Final[dict[str, str]] = {
    "negotiated": "#b8b8b8",
    "initialed": "#f0e442",
    "signed": "#0072b2",
    "ratified": "#56b4e9",
    "ratifications-exchanged": "#009e73",
    "in-force": "#e69f00",
    "registered": "#cc79a7",
    "denounced": "#d55e00",
    "expired": "#4d4d4d",
    "exists.from": "#009e73",
    "exists.to": "#d55e00",
}
"""Fill colour of each kind of mark (Okabe-Ito based; every mark also has a dark outline)."""

_EVENT_RULES = "\n".join(
    f".ev-{key.replace('.', '-')} {{ fill: {color}; }}" for key, color in EVENT_COLORS.items()
)

CSS: Final = (
    """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8;
  --band: #f3f5f8; --link: #0a4fa8; --focus: #1a5fb4; --bad: #b3001b; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "Liberation Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible,
summary:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.muted { color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: .4rem 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.counts { display: flex; flex-wrap: wrap; gap: .6rem; margin: .6rem 0; padding: 0;
  list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: .35rem .8rem; }
.counts strong { font-size: 1.25rem; margin-right: .3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .25rem .45rem;
  border-bottom: 1px solid #e2e2e2; }
thead th { background: #eef1f5; position: sticky; top: 0; z-index: 1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; padding: 0 .45rem; border-radius: 4px; font-weight: 600;
  font-size: .85rem; border: 1px solid currentColor; }
.sev-error { color: #8a0014; background: #fde7e9; }
.sev-warning { color: #6b4600; background: #fff4d6; }
.sev-info { color: #0b4a8b; background: #e6f0fb; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .88em; }
.msg { overflow-wrap: anywhere; min-width: 22em; }
td.mono { overflow-wrap: anywhere; max-width: 18em; }
.related { margin: .15rem 0 0; padding-left: 1.1rem; font-size: .88em; color: var(--muted); }
#findings-table tr.is-hidden { display: none; }
.js #findings-table:not(.paged) > tbody > tr:nth-child(n+@PAGE_NEXT@) { display: none; }
#findings-table tr:target { background: #fff6bf; }
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end;
  margin: .5rem 0 .6rem; padding: .6rem; background: var(--band); border-radius: 6px; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; font-weight: 600; }
.filters select, .filters input, .filters button { font: inherit; padding: .2rem .35rem;
  border: 1px solid #6b6b6b; border-radius: 4px; background: #fff; color: var(--ink); }
th button.sort { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  color: inherit; cursor: pointer; text-decoration: underline dotted; }
th[aria-sort="ascending"] button.sort::after { content: " \\25B2"; }
th[aria-sort="descending"] button.sort::after { content: " \\25BC"; }
.status { font-weight: 600; margin: .2rem 0 .4rem; }
details.timeline { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0;
  padding: .3rem .6rem; break-inside: avoid; }
details.timeline > summary { cursor: pointer; font-weight: 600; }
details.timeline[open] > summary { margin-bottom: .3rem; }
.tl-meta { font-size: .88rem; color: var(--muted); margin: .2rem 0; }
svg.timeline { display: block; width: 100%; height: auto; max-width: 1000px; }
svg.timeline text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  fill: var(--ink); }
svg.timeline .tick { fill: var(--muted); }
svg.timeline .grid { stroke: #d9d9d9; stroke-width: 1; }
svg.timeline .band { fill: var(--band); }
svg.timeline .span { stroke: #8a8a8a; stroke-width: 3; }
svg.timeline .mark { stroke: #1a1a1a; stroke-width: 1; }
svg.timeline .coarse { fill-opacity: .55; }
svg.timeline .doubtful { stroke-dasharray: 3 2; }
svg.timeline .claim { stroke-width: 1.5; }
svg.timeline .ring { fill: none; stroke: var(--bad); stroke-width: 2.5; }
svg.timeline .first-line { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 5 3; }
svg.timeline .out-of-order text.rowlabel { fill: var(--bad); font-weight: 700; }
svg.timeline a:focus-visible .ring, svg.timeline a:hover .ring { stroke-width: 4; }
svg.timeline a:focus { outline: none; }
svg.timeline a:focus-visible .mark { stroke: var(--focus); stroke-width: 3; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; padding: 0;
  margin: .3rem 0; font-size: .85rem; }
.legend .swatch { display: inline-block; width: .9em; height: .9em; border-radius: 50%;
  border: 1px solid #1a1a1a; vertical-align: -.1em; margin-right: .3em; }
.legend .swatch.conflict { background: #fff; border: 3px solid var(--bad); }
.legend .swatch.bar { border-radius: 2px; width: 1.6em; background: #0072b2; opacity: .7; }
.legend-dot .mark { stroke: #1a1a1a; stroke-width: 1; }
.verdict { font-weight: 700; }
.verdict-violated { color: var(--bad); }
.verdict-holds { color: #1d6b2a; }
.verdict-undetermined { color: #6b4600; }
.note { background: var(--band); border-left: 4px solid var(--line); padding: .4rem .7rem; }
footer { margin-top: 2rem; padding-bottom: 2rem; font-size: .85rem; color: var(--muted); }
@media print {
  .filters, .noprint { display: none !important; }
  thead th { position: static; }
  body { font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  details.timeline { border: 0; }
}
"""
    + _EVENT_RULES
    + "\n"
).replace("@PAGE_NEXT@", str(PAGE_ROWS + 1))
"""The page's style sheet (contrast checked against white: text at least 4.5:1)."""

SCRIPT: Final = """
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  var form = document.getElementById("filters");
  function openAncestors(el) {
    var d = el.closest("details");
    while (d) { d.open = true; d = d.parentElement && d.parentElement.closest("details"); }
  }
  if (!table || !form) {
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details").forEach(function (d) { d.open = true; });
    });
    return;
  }
  var body = table.tBodies[0];
  var PAGE = +table.getAttribute("data-page") || 500;
  var limit = PAGE;
  var items = Array.prototype.map.call(body.rows, function (r, i) {
    return { row: r, index: i, code: r.getAttribute("data-code"),
      severity: r.getAttribute("data-severity"), rank: +r.getAttribute("data-rank"),
      subject: (r.getAttribute("data-subject") || "").toLowerCase(),
      sources: r.getAttribute("data-sources") || "|", hidden: false };
  });
  var order = items.slice();
  var rule = document.getElementById("filter-rule");
  var severity = document.getElementById("filter-severity");
  var source = document.getElementById("filter-source");
  var subject = document.getElementById("filter-subject");
  var status = document.getElementById("filter-status");
  var more = document.getElementById("show-more");
  var all = document.getElementById("show-all");
  form.hidden = false;
  function matches(it, r, s, src, subj) {
    return (!r || it.code === r) && (!s || it.severity === s) &&
      (!src || it.sources.indexOf("|" + src + "|") !== -1) &&
      (!subj || it.subject.indexOf(subj) !== -1);
  }
  function apply() {
    var r = rule.value, s = severity.value, src = source.value;
    var subj = subject.value.trim().toLowerCase();
    var matched = 0, shown = 0;
    for (var i = 0; i < order.length; i++) {
      var it = order[i];
      var visible = false;
      if (matches(it, r, s, src, subj)) { visible = matched < limit; matched++; }
      if (it.hidden === visible) {
        it.hidden = !visible;
        it.row.classList.toggle("is-hidden", !visible);
      }
      if (visible) { shown++; }
    }
    table.classList.add("paged");
    status.textContent = (shown < matched ? "Showing the first " + shown + " of " : "Showing ") +
      matched + " matching findings (" + items.length + " in all)";
    more.hidden = all.hidden = shown >= matched;
    more.textContent = "Show " + Math.min(PAGE, matched - shown) + " more";
    all.textContent = "Show all " + matched;
  }
  function clearFilters() { rule.value = severity.value = source.value = subject.value = ""; }
  function refilter() { limit = PAGE; apply(); }
  var timer = 0;
  form.addEventListener("change", refilter);
  form.addEventListener("input", function (e) {
    if (e.target === subject) { clearTimeout(timer); timer = setTimeout(refilter, 150); }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); refilter(); });
  form.addEventListener("reset", function () { setTimeout(refilter, 0); });
  more.addEventListener("click", function () { limit += PAGE; apply(); });
  all.addEventListener("click", function () { limit = Infinity; apply(); });
  [["data-filter-rule", rule], ["data-filter-source", source]].forEach(function (pair) {
    document.querySelectorAll("[" + pair[0] + "]").forEach(function (a) {
      a.addEventListener("click", function () {
        clearFilters(); pair[1].value = a.getAttribute(pair[0]); refilter();
      });
    });
  });
  var keys = {
    index: function (it) { return it.index; },
    severity: function (it) { return -it.rank * 1e9 + it.index; },
    code: function (it) { return it.code; },
    subject: function (it) { return it.subject; },
    message: function (it) { return it.row.querySelector("td.msg").textContent; }
  };
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th) {
    var button = th.querySelector("button.sort");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var key = keys[button.getAttribute("data-key")];
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      headers.forEach(function (h) {
        if (h.hasAttribute("aria-sort")) { h.setAttribute("aria-sort", "none"); }
      });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var decorated = items.map(function (it) { return [key(it), it.index, it]; });
      decorated.sort(function (a, b) {
        if (a[0] < b[0]) { return -dir; }
        if (a[0] > b[0]) { return dir; }
        return a[1] - b[1];
      });
      order = decorated.map(function (d) { return d[2]; });
      limit = PAGE;
      apply();
      var fragment = document.createDocumentFragment();
      order.forEach(function (it) { fragment.appendChild(it.row); });
      body.appendChild(fragment);
    });
  });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) { return; }
    if (el.classList.contains("is-hidden")) {
      clearFilters();
      var position = order.findIndex(function (it) { return it.row === el; });
      limit = Math.max(PAGE, Math.ceil((position + 1) / PAGE) * PAGE);
      apply();
    }
    openAncestors(el);
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  var saved = limit;
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
    saved = limit; limit = Infinity; apply();
  });
  window.addEventListener("afterprint", function () { limit = saved; apply(); });
  apply();
  if (location.hash) { reveal(); }
})();
"""
"""Filtering, paging and sorting of the findings table; opens what a link points into."""


def csp_hash(text: str) -> str:
    """The ``'sha256-...'`` source expression that lets exactly ``text`` run as inline code."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
