"""Write docs/case-studies/states.md and atop.md from the real datasets.

Usage (from the repository root)::

    python scripts/case_studies.py [--realdata DIR] [--check]

The data are read from ``--realdata``, ``$TREATYCHECK_REALDATA`` or
``../shared/realdata``. Every number and every quoted row in the two pages
comes from the files; the explanations of the selected cases are written here
and the script stops if the data no longer say what an explanation assumes.
``--check`` writes nothing and exits 1 when a page differs from what it would
write (tests/realdata runs it). Timings go to stdout, not into the pages.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import chdir
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treatycheck import validate
from treatycheck.findings import Finding, Report
from treatycheck.importers import AUTHORITY, ImportResult, combine, import_files, to_dataset
from treatycheck.importers.compare import Comparison, compare

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "case-studies"
FILES = {
    "cow": ("states/COW/states2016.csv",),
    "gw": ("states/GW/gwstates.csv",),
    "isd": ("states/ISD/isd_2_2_update_reversedates.csv",),
    "huggo": ("states/HUGGO/HUGGO_states_clean.csv",),
    "atop": ("alliances/atop/atop-alliance-level.csv", "alliances/atop/atop-member-level.csv"),
}
CROSSWALK = "crosswalk/crosswalk.csv"
STATES = ("cow", "gw", "isd", "huggo")
TODAY = "2026-11-23"
"""The day the real data were collected; fixes TC203 so the pages do not change with time."""
SHOWN = {
    "states/ISD/isd_2_2_update_reversedates.csv": (
        "COWNum",
        "StateName",
        "Start",
        "Start_Am",
        "EStart",
        "DecDate",
        "End",
        "End_Am",
    ),
    "states/HUGGO/HUGGO_states_clean.csv": ("stateID", "StateName", "Begin", "DecIndep", "End"),
    "alliances/atop/atop-alliance-level.csv": (
        "atopid",
        "begyr",
        "begmo",
        "begday",
        "endyr",
        "endmo",
        "endday",
        "ineffect",
        "bilat",
    ),
    "alliances/atop/atop-member-level.csv": (
        "atopid",
        "member",
        "yrent",
        "moent",
        "dayent",
        "yrexit",
        "moexit",
        "dayexit",
        "phase",
    ),
}
"""Columns quoted from the wide files (the narrow ones are quoted whole)."""


class DataChanged(Exception):
    """The data no longer say what a written explanation assumes."""


def expect(condition: bool, what: str) -> None:
    """Stop when an explanation's premise is false."""
    if not condition:
        raise DataChanged(what)


@dataclass
class Run:
    """Everything the pages need: imports, linked sets, reports, timings."""

    root: Path
    imported: dict[str, ImportResult] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)

    def link(self, names: Sequence[str], authority: Sequence[str] = AUTHORITY) -> ImportResult:
        with chdir(self.root):
            return combine(
                [self.imported[n] for n in names], crosswalk=CROSSWALK, authority=authority
            )

    def check(self, result: ImportResult, **options: Any) -> Report:
        import datetime as dt

        today = dt.date.fromisoformat(TODAY)
        return validate(to_dataset(result), today=today, **options)

    def raw(self, path: str, line: int) -> str:
        """One line of a CSV file, verbatim (or its telling columns for wide files)."""
        if path not in self.lines:
            text = (self.root / path).read_text(encoding="utf-8")
            self.lines[path] = text.splitlines()
            self.headers[path] = next(csv.reader([self.lines[path][0]]))
        row = self.lines[path][line - 1]
        columns = SHOWN.get(path)
        if columns is None:
            return row
        values = dict(zip(self.headers[path], next(csv.reader([row])), strict=True))
        shown = " ".join(f"{name}={values[name]}" for name in columns)
        members = [v for k, v in values.items() if k.startswith("mem") and k[3:].isdigit() and v]
        return shown + (f" members={' '.join(members)}" if members else "")


def load(root: Path) -> Run:
    run = Run(root)
    started = time.perf_counter()
    with chdir(root):
        for name, paths in FILES.items():
            begin = time.perf_counter()
            run.imported[name] = import_files(name, list(paths))
            run.timings[f"import {name}"] = time.perf_counter() - begin
    run.timings["import all"] = time.perf_counter() - started
    return run


# --- shared pieces --------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return out


def counts_table(results: Sequence[ImportResult]) -> list[str]:
    rows = [
        (f"`{c.path}`", c.format, c.read, c.imported, c.rejected)
        for result in results
        for c in result.files
    ]
    return table(("file", "format", "rows read", "imported", "rejected"), rows)


def by_rule(report: Report) -> list[str]:
    from treatycheck.rules.catalogue import CATALOGUE

    rows = [
        (code, CATALOGUE[code].name, CATALOGUE[code].severity.value, count)
        for code, count in report.by_code.items()
    ]
    return table(("rule", "name", "severity", "findings"), rows)


def quote(run: Run, cells: Sequence[tuple[str, int]]) -> list[str]:
    out = ["```"]
    for path, line in dict.fromkeys(cells):
        out.append(f"{path}:{line}  {run.raw(path, line)}")
    out.append("```")
    return out


def findings_about(report: Report, subject: str, prop: str | None = None) -> list[Finding]:
    return [
        f for f in report.findings if f.subject == subject and (prop is None or f.property == prop)
    ]


def show_findings(items: Sequence[Finding]) -> list[str]:
    if not items:
        return ["No finding."]
    return ["```", *(str(f) for f in items), "```"]


# --- states.md -------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A selected disagreement: the subject, property, what must hold, and the story."""

    title: str
    subject: str
    prop: str
    expected: dict[str, str]
    story: str


STATE_CASES = (
    Case(
        "Estonia's first independence: declaration or liberation?",
        "state-366-1918",
        "exists.from",
        {"cow": "1918-02-24", "gw": "1918-11-11", "isd": "1918-11-11?", "huggo": "1918-02-24"},
        "The Estonian Declaration of Independence was proclaimed in Tallinn on 24 February "
        "1918; German troops occupied the country the next day and left only after the "
        "armistice of 11 November 1918. COW and HUGGO date the state from the declaration, "
        "Gleditsch-Ward and ISD from 11 November, and ISD marks its start as "
        "ambiguous (`Start_Am = 1`) and records the declaration in `DecDate`. The importer "
        "keeps `DecDate` with the claim, which is how the comparison recognises the "
        "declaration convention.",
    ),
    Case(
        "Estonia's end in June 1940: three days for one event",
        "state-366-1918",
        "exists.to",
        {"cow": "1940-06-16", "gw": "1940-06-01", "isd": "1940-06-17", "huggo": "1940-06-16"},
        "The Soviet ultimatum to Estonia was delivered on 16 June 1940 and the Red Army "
        "marched in on 17 June. COW and HUGGO end the spell on the 16th, ISD on the 17th: "
        "consecutive days, the last day of independence against the first day of "
        "occupation. Gleditsch-Ward's 1 June is not a third view of the event: the list "
        "writes an unknown day as the 1st of the month, so it only says June 1940.",
    ),
    Case(
        "Latvia's start: 11 or 18 November 1918",
        "state-367-1918",
        "exists.from",
        {"cow": "1918-11-18", "gw": "1918-11-11", "isd": "1918-11-18", "huggo": "1918-11-18"},
        "The Republic of Latvia was proclaimed in Riga on 18 November 1918, the date COW, "
        "ISD and HUGGO use (ISD also records it as the declaration, `DecDate`). "
        "Gleditsch-Ward give 11 November, the day of the armistice, as for Estonia.",
    ),
    Case(
        "Lithuania's end: 15 or 16 June 1940",
        "state-368-1918",
        "exists.to",
        {"cow": "1940-06-15", "gw": "1940-06-01", "isd": "1940-06-15", "huggo": "1940-06-16"},
        "Lithuania received the Soviet ultimatum on the night of 14 to 15 June 1940 and "
        "Soviet troops entered on 15 June. COW and ISD end the spell on the 15th; HUGGO "
        "ends it on the 16th, the date it gives for all three Baltic states. "
        "Gleditsch-Ward's 1 June again only means June.",
    ),
    Case(
        "Lithuania restored: declaration (1990) or recognition (1991)",
        "state-368-1991",
        "exists.from",
        {"cow": "1991-09-06", "gw": "1991-09-06", "isd": "1991-09-06", "huggo": "1990-03-11"},
        "The Supreme Council of Lithuania adopted the Act of the Re-Establishment of the "
        "State of Lithuania on 11 March 1990; the USSR recognised the independence of the "
        "three Baltic states on 6 September 1991. HUGGO dates the restored state from the "
        "act, the other three from the recognition. This is the same declaration-versus-"
        "recognition convention as Estonia in 1918, but no dataset records the 1990 act as "
        "a separate declaration date, so the comparison cannot see it and reports a plain "
        "conflict, 18 months wide. A curator reading it knows better; the data do not say.",
    ),
    Case(
        "Estonia restored: 20 August or 6 September 1991",
        "state-366-1991",
        "exists.from",
        {"cow": "1991-09-06", "gw": "1991-09-06", "isd": "1991-09-06", "huggo": "1991-08-20"},
        "Estonia's Supreme Council declared the restoration of independence on 20 August "
        "1991, during the Moscow coup attempt; recognition by the USSR followed on 6 "
        "September. As with Lithuania, HUGGO takes the declaration and the others the "
        "recognition, and the data give no declaration date that would let the comparison "
        "call it a convention.",
    ),
    Case(
        "Poland's start: 3 or 11 November 1918",
        "state-290-1918",
        "exists.from",
        {"cow": "1918-11-03", "gw": "1918-11-11", "isd": "1918-11-03", "huggo": "1918-11-11"},
        "On 11 November 1918 the Regency Council in Warsaw handed military command to "
        "Józef Piłsudski, the date Poland celebrates as its Independence Day; Gleditsch-Ward "
        "and HUGGO use it. COW and ISD give 3 November, eight days earlier, and neither file "
        "says why. Eight days is not the Julian offset (13 days in 1918), and no declaration "
        "date is recorded: a conflict that only the producers' documentation can settle.",
    ),
    Case(
        "Poland through the Second World War",
        "state-290-1918",
        "exists.to",
        {"cow": "1939-09-27", "gw": "2017-12-31/..", "isd": "1939-09-27", "huggo": "1939-09-27"},
        "COW, ISD and HUGGO end the interwar spell on 27 September 1939, when Warsaw "
        "capitulated, and start a new one on 28 June 1945, when the Provisional Government of "
        "National Unity was formed. Gleditsch-Ward keep a single spell from 1918 to the end of "
        "their coverage. The linker puts that spell with the 1918 spells of the others (it "
        "starts there), so the disagreement shows up as its end: 'still a member at the end of "
        "2017' against '27 September 1939', classified as a continuity convention because "
        "the other datasets have a second spell inside Gleditsch-Ward's one.",
    ),
    Case(
        "Russia: one state or five",
        "state-365-1816",
        "exists.to",
        {
            "cow": "2016-12-31/..",
            "gw": "2017-12-31/..",
            "isd": "2016-12-31/..",
            "huggo": "1917-03-15",
        },
        "COW, Gleditsch-Ward and ISD have one spell for code 365 from the start of coverage "
        "(ISD's `EStart` takes it back to 1480, the end of the Horde's overlordship) to the "
        "end. HUGGO splits the same country into the Principality of Moscow, the Tsardom, the "
        "Russian Empire (to 15 March 1917, Nicholas II's abdication), the USSR (30 December "
        "1922 to 12 June 1990) and the Russian Federation (from 12 December 1991), with gaps "
        "in 1917-1922 and 1990-1991. The Empire is the HUGGO spell that overlaps COW's most, "
        "so it shares the subject; the USSR and the Russian Federation are subjects of their "
        "own with HUGGO claims only. The end dates are a continuity convention, not an error "
        "on either side, but the gaps matter for alliances (see the ATOP case study).",
    ),
    Case(
        "Hungary: a calendar shift that is not one",
        "state-310-1918",
        "exists.from",
        {"cow": "1918-11-16", "gw": "1918-11-03", "isd": "1918-11-16", "huggo": "1920-06-04"},
        "COW and ISD start Hungary on 16 November 1918, the proclamation of the Hungarian "
        "People's Republic (ISD's `DecDate`); Gleditsch-Ward on 3 November, the day of the "
        "Austro-Hungarian armistice of Villa Giusti; HUGGO on 4 June 1920, the Treaty of "
        "Trianon. The 3rd and the 16th are exactly 13 days apart, so the generic rule TC503 "
        "suggests an Old Style date; Hungary used the Gregorian calendar, and the importer's "
        "classification, which looks at the recorded declaration first, calls it the "
        "declaration convention instead. A reminder to read TC503 as a hint.",
    ),
    Case(
        "Germany: one number, two polities",
        "state-260-1955",
        "exists.to",
        {"cow": "1990-10-02", "gw": "2017-12-31/..", "isd": "1990-10-02", "huggo": "1990-10-02"},
        "For COW, 260 is the German Federal Republic from 5 May 1955 (when the Paris "
        "agreements gave it sovereignty) to 2 October 1990; united Germany continues COW's "
        "255. Gleditsch-Ward's 260 starts in 1949 and runs on after unification. The numbers "
        "match, the polities do not: the crosswalk says so ('COW keeps 255 after 1990; G-W "
        "uses 260'), and the classification quotes it.",
    ),
    Case(
        "Finland: full agreement",
        "state-375-1917",
        "exists.from",
        {"cow": "1917-12-06", "gw": "1917-12-06", "isd": "1917-12-06", "huggo": "1917-12-06"},
        "All four datasets date Finland from the Declaration of Independence of 6 December "
        "1917 and still count it at the end of their coverage (2016, 2017, ongoing): the "
        "different end sentinels overlap and are not reported. ISD's `DecDate` (4 December "
        "1917) is a day the importer keeps in the claim's notes only.",
    ),
)


def states_page(run: Run) -> str:
    states = run.link(STATES)
    begin = time.perf_counter()
    report = run.check(states)
    run.timings["validate states"] = time.perf_counter() - begin
    comparisons = compare(states)
    clusters = states.linked.clusters
    sizes = Counter(len(c.spells) for c in clusters.values())
    unlinked = sorted(
        m.text.split(" (")[0] for m in states.linked.messages if "matches no state" in m.text
    )
    lines = [
        "# Case study: four lists of states compared",
        "",
        "<!-- generated by scripts/case_studies.py from ../shared/realdata; do not edit -->",
        "",
        "The Correlates of War state system list (COW v2016), Gleditsch and Ward's list of "
        "independent states (GW), the International System(s) Dataset (ISD v2.2) and HUGGO "
        "were imported with `treatycheck import`, linked by COW number (HUGGO by name, with "
        "the histwardb crosswalk) and validated together. Every figure and quoted row below "
        "is generated from the files; see `docs/importers.md` for the conventions.",
        "",
        "## The files",
        "",
        *counts_table([run.imported[n] for n in STATES]),
        "",
        "Sources, as they appear in the data:",
        "",
        *(
            f"- `{r.document['sources'][0]['id']}`: {r.document['sources'][0]['citation']}"
            for r in (run.imported[n] for n in STATES)
        ),
        "",
        "## Linking",
        "",
        f"The {sum(c.imported for r in (run.imported[n] for n in STATES) for c in r.files)} "
        f"spells became {len(clusters)} subjects (one per spell of a state as seen by one or "
        f"more datasets) in {len(states.linked.groups)} states:",
        "",
        *table(
            ("datasets with the spell", "subjects"),
            [(n, sizes[n]) for n in sorted(sizes, reverse=True)],
        ),
        "",
        f"{len(unlinked)} HUGGO entities match no state of the other datasets by name and "
        "keep their own ids: " + ", ".join(unlinked) + ".",
        "",
        "## Findings by rule",
        "",
        *by_rule(report),
        "",
        *_pairs_section(report, comparisons),
        "",
        "## Selected cases",
        "",
    ]
    for number, case in enumerate(STATE_CASES, start=1):
        lines.extend(_state_case(run, states, report, comparisons, number, case))
    lines.extend(_tokelau(run, report))
    return "\n".join(lines).rstrip() + "\n"


def _pairs_section(report: Report, comparisons: Sequence[Comparison]) -> list[str]:
    relations = Counter(c.relation for c in comparisons)
    reasons = Counter(
        (c.verdict.kind, c.verdict.reason) for c in comparisons if c.verdict is not None
    )
    pairs = Counter(
        " / ".join(s.removesuffix("-states") for s in sorted(f.sources))
        for f in report.findings
        if f.code == "TC501"
    )
    out = [
        "## What the datasets disagree on",
        "",
        "Every pair of datasets that dates the same spell was compared, for the start "
        "(`exists.from`) and the end (`exists.to`). Two values *agree* when they are the same "
        "days, one *refines* the other when it lies inside it (`1480` inside "
        "`../1816-01-01`; two end-of-coverage bounds), and they *conflict* when they cannot "
        "both be right. Each conflict is a TC501 finding; the importer's classification "
        "(`treatycheck.importers.compare`) then calls it a likely convention difference when a "
        "known convention explains it, and a conflict otherwise.",
        "",
        *table(
            ("relation", "pairs of values"),
            [(name, relations[name]) for name in ("agree", "refinement", "compatible", "conflict")],
        ),
        "",
        *table(
            ("verdict on a conflict", "reason", "pairs"),
            [(kind, reason, count) for (kind, reason), count in sorted(reasons.items())],
        ),
        "",
        "TC501 findings by pair of datasets:",
        "",
        *table(("datasets", "TC501"), sorted(pairs.items())),
    ]
    return out


def _state_case(
    run: Run,
    states: ImportResult,
    report: Report,
    comparisons: Sequence[Comparison],
    number: int,
    case: Case,
) -> list[str]:
    cluster = states.linked.clusters[case.subject]
    actual: dict[str, str] = {}
    cells: list[tuple[str, int]] = []
    for source, spell in cluster.spells.items():
        value = spell.start if case.prop == "exists.from" else spell.end
        cell = spell.start_cell if case.prop == "exists.from" else spell.end_cell
        actual[source.removesuffix("-states")] = value.text if value else "?"
        cells.append((cell.path, cell.line))
    expect(actual == case.expected, f"{case.subject} {case.prop}: {actual} != {case.expected}")
    own = [c for c in comparisons if c.subject == case.subject and c.property == case.prop]
    verdicts = [
        f"- {c.sources[0].removesuffix('-states')} / {c.sources[1].removesuffix('-states')}: "
        + (
            f"**{c.verdict.kind}** ({c.verdict.reason}): {c.verdict.explanation}"
            if c.verdict
            else c.relation
        )
        for c in own
    ]
    shown = [f for f in findings_about(report, case.subject, case.prop) if f.code != "TC203"]
    return [
        f"### {number}. {case.title}",
        "",
        f"`{case.subject}`, `{case.prop}`: "
        + ", ".join(f"{name} `{value}`" for name, value in actual.items())
        + ".",
        "",
        *quote(run, cells),
        "",
        case.story,
        "",
        *show_findings(shown),
        "",
        *verdicts,
        "",
    ]


def _tokelau(run: Run, report: Report) -> list[str]:
    future = [f for f in report.findings if f.code == "TC203"]
    expect(
        {(f.location.path, f.location.line) for f in future}
        == {("states/HUGGO/HUGGO_states_clean.csv", 364)},
        "TC203 findings are no longer Tokelau's row",
    )
    return [
        f"### {len(STATE_CASES) + 1}. Tokelau: a start in the year 9999",
        "",
        *quote(run, [("states/HUGGO/HUGGO_states_clean.csv", 364)]),
        "",
        "HUGGO's row for Tokelau, a territory of New Zealand, has `9999-12-31`, the ongoing "
        "sentinel, as its *start*. The importer reads `End = 9999-12-31` as ongoing but "
        "keeps a start as written, so TC203 reports a start in the future, once for the "
        "polity and once for the claim. The row is the producer's to fix.",
        "",
        *show_findings(future),
        "",
    ]


# --- atop.md ---------------------------------------------------------------------------


def atop_page(run: Run) -> str:
    atop = run.imported["atop"]
    everything = run.link(tuple(FILES))
    begin = time.perf_counter()
    report = run.check(everything)
    run.timings["validate all five"] = time.perf_counter() - begin
    treaties = atop.document["treaties"]
    forms = Counter(t.get("form", "unknown") for t in treaties)
    ongoing = sum(1 for t in treaties if not any(e["type"] == "expired" for e in t["events"]))
    later = sum(1 for t in treaties if any("by" in e for e in t["events"]))
    coarse = Counter(m.cell.name for m in atop.messages if m.severity == "info")
    per_authority = []
    for first in AUTHORITY:
        order = (first, *(s for s in AUTHORITY if s != first))
        result = run.link(tuple(FILES), order)
        found = run.check(result, select=["TC302"]).findings
        per_authority.append((f"`{first}`", len(found), len({f.subject for f in found})))
    tc302 = [f for f in report.findings if f.code == "TC302"]
    before = sum(1 for f in tc302 if "came into existence" in f.message)
    lines = [
        "# Case study: ATOP alliances against the state lists",
        "",
        "<!-- generated by scripts/case_studies.py from ../shared/realdata; do not edit -->",
        "",
        "The ATOP v4.01 alliance-level and member-level files were imported as treaties "
        "(`kind: alliance`; signed on the begin date, expired on the end date) and linked "
        "with the four state lists, so that each member is checked against the states "
        "datasets: did it exist when it signed? Every figure and quoted row below is "
        "generated from the files.",
        "",
        "## The files",
        "",
        *counts_table([atop]),
        "",
        f"{len(treaties)} alliances: {forms['bilateral']} bilateral and "
        f"{forms['multilateral']} multilateral (`bilat`). {ongoing} have no expiry: their end "
        f"is `0/0/0`, still in force when coverage ended. Dates with an empty day were kept to "
        f"the month: {coarse['begday']} begin date, {coarse['endday']} end dates and "
        f"{coarse['dayent']} member entries. In {later} alliances some members joined after "
        "the begin date (member level); there each member signs on its own entry date "
        "(`signed` with `by`), so a state that joined later is not checked against the "
        "alliance's begin date.",
        "",
        "## Findings by rule",
        "",
        "ATOP with all four state lists, COW deciding (the other lists stand in for states "
        "COW does not have):",
        "",
        *by_rule(report),
        "",
        f"Of the {len(tc302)} TC302 findings, {before} are members that signed before the "
        f"state list admits them and {len(tc302) - before} members that signed after it "
        "ended their spell. No alliance ends before it begins (TC201) and no bilateral "
        "alliance has a single member; the TC301 findings are bilateral alliances with more "
        "than two members (case 9).",
        "",
        "Whether a member existed depends on the list that decides:",
        "",
        *table(
            ("deciding list (the others fill in)", "TC302 findings", "alliances"), per_authority
        ),
        "",
        "## Selected cases",
        "",
    ]
    lines.extend(_atop_cases(run, everything, report))
    return "\n".join(lines).rstrip() + "\n"


def _treaty(result: ImportResult, atopid: int) -> dict[str, Any]:
    return next(t for t in result.document["treaties"] if t["id"] == f"atop-{atopid}")


def _row_of(result: ImportResult, atopid: int) -> tuple[str, int]:
    """The alliance's row in the alliance-level file (its notes start with it)."""
    notes = str(_treaty(result, atopid).get("notes", ""))
    path, _, rest = notes.partition(" line ")
    line = rest.split(";", 1)[0]
    expect(line.isdigit(), f"atop-{atopid} notes do not start with its row")
    return path, int(line)


def _messages(report: Report, subject: str, code: str = "TC302") -> list[Finding]:
    return [f for f in report.findings if f.subject == subject and f.code == code]


def _describe(treaty: dict[str, Any]) -> str:
    """A treaty in one line: its parties (or how many) and its events by date."""
    parties = treaty["parties"]
    listed = (
        ", ".join(f"`{p}`" for p in parties) if len(parties) <= 6 else f"{len(parties)} parties"
    )
    signed: dict[str, list[str]] = {}
    others = []
    for event in treaty["events"]:
        if event["type"] == "signed":
            signed.setdefault(event["date"], []).append(event.get("by", ""))
        else:
            others.append(f"{event['type']} {event['date']}")
    parts = []
    for date, by in sorted(signed.items()):
        named = [b for b in by if b]
        if not named:
            parts.append(f"signed {date}")
        elif len(named) <= 3:
            parts.append(f"signed {date} by " + ", ".join(f"`{b}`" for b in named))
        else:
            parts.append(f"signed {date} by {len(named)} members")
    return f"- `{treaty['id']}` ({treaty.get('form', '?')}): {listed}; " + "; ".join(parts + others)


def _atop_cases(run: Run, everything: ImportResult, report: Report) -> list[str]:
    cases: list[tuple[str, list[int], str, str]] = [
        (
            "Governments in exile, 1942",
            [2550],
            "TC302",
            "ATOP 2550 begins on 1 January 1942 and lists, among others, the Netherlands, "
            "Belgium, Luxembourg, Poland, Czechoslovakia, Yugoslavia, Greece and Norway. COW "
            "ends each of these spells at the country's occupation (1939-1941) and "
            "starts a new one after liberation, so every one of them is a member that had "
            "'ceased to exist'. For Poland, Gleditsch-Ward's unbroken spell would accept the "
            "membership; the finding is COW's convention meeting ATOP's, not an error in "
            "either.",
        ),
        (
            "Poland and the USSR, April 1945",
            [3025],
            "TC302",
            "The Soviet-Polish treaty of friendship was signed on 21 April 1945 with the "
            "Provisional Government in Warsaw. COW, ISD and HUGGO start post-war Poland on 28 "
            "June 1945, with the Government of National Unity; by their reckoning the treaty "
            "predates its Polish party by two months.",
        ),
        (
            "Russia and Lithuania, July 1991",
            [4055],
            "TC302",
            "The RSFSR and Lithuania signed a treaty on 29 July 1991, five weeks before the USSR "
            "recognised Lithuania (6 September), which is where COW, Gleditsch-Ward and ISD "
            "start restored Lithuania. HUGGO, which dates Lithuania from March 1990, would "
            "accept it, but HUGGO has no Russia between 12 June 1990 and 12 December 1991 (next "
            "case). The alliance is still in force (`0/0/0`), so it has no expiry.",
        ),
        (
            "The HUGGO gap in Russia, 1990-1991",
            [4005, 4010, 4015],
            "none",
            "With HUGGO deciding, ATOP 4005, 4010 and 4015 (begun 29 October, 9 November and 18 "
            "November 1990, all with member 365) are flagged: HUGGO's USSR ends on 12 June 1990 "
            "and its Russian Federation begins on 12 December 1991. COW's single spell for 365 "
            "accepts them, which is why there is no finding in the report above; the table of "
            "deciding lists shows the difference.",
        ),
        (
            "West Germany joins the West, 1954",
            [3130, 3180],
            "TC302",
            "3130 is the Brussels Treaty of 17 March 1948 and 3180 the North Atlantic Treaty of "
            "4 April 1949. The member-level file has the German Federal Republic (260) enter "
            "both on 23 October 1954, the day the Paris agreements were signed. COW admits the "
            "Federal Republic only from 5 May 1955, when those agreements entered into force "
            "and ended the occupation regime; Gleditsch-Ward and HUGGO start it in 1949. Later "
            "members sign on their own entry dates and are checked against those.",
        ),
        (
            "Japan, September 1951",
            [3220],
            "TC302",
            "The alliance begins on 8 September 1951, the day the San Francisco peace treaty "
            "was signed; COW counts Japan again only from 28 April 1952, when the treaty "
            "entered into force.",
        ),
        (
            "Soviet republics before the Soviet Union ended",
            [4018, 4022],
            "TC302",
            "Treaties between Soviet republics signed in 1990 and 1991, before COW admits them "
            "as states on 26 December 1991, the day the USSR was formally dissolved.",
        ),
        (
            "Microstates in the Helsinki process",
            [3740],
            "TC302",
            "Monaco, Liechtenstein and San Marino enter ATOP 3740 on 1 August 1975, the date of "
            "the Helsinki Final Act. COW lists them as members of the state system only from "
            "the 1990s, when they joined the United Nations; a different threshold of "
            "statehood, not a wrong date.",
        ),
        (
            "Bilateral alliances with more than two members",
            [3610],
            "TC301",
            "ATOP codes 3610 as bilateral (`bilat = 1`) with four members: Czechoslovakia and "
            "Romania, then (member level) the Czech Republic and Slovakia from 1993. The "
            "member-level file shows the successor states entering a later phase of the same "
            "bilateral treaty, so TC301 is a true statement about the data (four parties to "
            "a bilateral treaty) that a curator would answer with a note on succession.",
        ),
        (
            "An end date known to the month",
            [2185],
            "none",
            "The 1926 Soviet-Lithuanian pact ends in October 1939 with an empty `endday`. The "
            "importer keeps the end as `1939-10`, not an invented 1 October; any source that "
            "gives a day in October 1939 refines it rather than conflicting with it.",
        ),
        (
            "The Baltic mutual assistance pacts end in June 1940",
            [2475, 2485, 2345],
            "none",
            "The 1939 pacts with Estonia (2475) and Lithuania (2485), and the Baltic Entente "
            "(2345), end on 15 and 16 June 1940. Against Gleditsch-Ward's 1 June these end "
            "after the members ceased to exist. No rule reports it, deliberately: an expiry is "
            "not an act of the parties (a treaty can end because a party ended), so TC302 "
            "checks signature, ratification and denunciation only.",
        ),
        (
            "Alliances from before the state system",
            [1005],
            "TC302",
            "ATOP starts in 1815, the state lists on 1 January 1816. Members already counted "
            "at the start of coverage get the open start `../1816-01-01` and are never "
            "reported for 1815; what remains for 1005 is Hanover, which COW counts only from "
            "20 June 1837, when its personal union with the British crown ended.",
        ),
    ]
    out: list[str] = []
    for number, (title, ids, code, story) in enumerate(cases, start=1):
        rows = [_row_of(everything, atopid) for atopid in ids]
        shown: list[Finding] = []
        if code != "none":
            for atopid in ids:
                shown.extend(_messages(report, f"atop-{atopid}", code))
            expect(bool(shown), f"{title}: no {code} finding")
        treaty_lines = [_describe(_treaty(everything, atopid)) for atopid in ids]
        member_rows = [
            (f.location.path, f.location.line)
            for f in shown
            if f.location.path.endswith("member-level.csv")
        ]
        out.extend(
            [
                f"### {number}. {title}",
                "",
                *quote(run, rows + member_rows),
                "",
                *treaty_lines,
                "",
                story,
                "",
                *(show_findings(shown) if code != "none" else []),
                "",
            ]
        )
    expect("1939-10" in str(_treaty(everything, 2185)["events"]), "2185 end is not 1939-10")
    huggo_first = run.link(tuple(FILES), ("huggo-states", "cow-states", "gw-states", "isd-states"))
    gap = {f.subject for f in run.check(huggo_first, select=["TC302"]).findings}
    expect({"atop-4005", "atop-4010", "atop-4015"} <= gap, "HUGGO gap cases not flagged")
    expect(not _messages(report, "atop-4005"), "COW now flags 4005")
    return out


# --- main ------------------------------------------------------------------------------


def realdata_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    configured = os.environ.get("TREATYCHECK_REALDATA")
    return Path(configured) if configured else ROOT.parent / "shared" / "realdata"


def pages(root: Path) -> tuple[dict[str, str], dict[str, float]]:
    """The two pages' text, and how long each step took (seconds)."""
    run = load(root)
    texts = {"states.md": states_page(run), "atop.md": atop_page(run)}
    return texts, run.timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realdata", help="directory with the real datasets")
    parser.add_argument("--check", action="store_true", help="only check the pages are current")
    args = parser.parse_args(argv)
    root = realdata_dir(args.realdata)
    if not root.is_dir():
        print(f"no realdata directory at {root}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        texts, timings = pages(root)
    except DataChanged as error:
        print(f"the data no longer match an explanation: {error}", file=sys.stderr)
        return 1
    for step, seconds in timings.items():
        print(f"{step:>20}: {seconds:6.2f} s")
    print(f"{'total':>20}: {time.perf_counter() - started:6.2f} s")
    stale = []
    for name, text in texts.items():
        target = OUT / name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {target}")
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; run python scripts/case_studies.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
