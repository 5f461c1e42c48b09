"""Tests for rule behaviour that mutation testing found unchecked.

Where a finding is reported matters as much as whether it is: each unknown
reference below sits at a different place in the data, and its finding must
point at exactly that value and name the right kind of record. docs/testing.md
has the scores before and after.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

import treatycheck
from treatycheck.dates import parse_date
from treatycheck.rules.parties import existence_verdict

TODAY = dt.date(2026, 1, 1)


def _validate(tmp_path: Path, text: str, select: str) -> tuple[str, list[treatycheck.Finding]]:
    body = textwrap.dedent(text).lstrip("\n")
    path = tmp_path / "data.yaml"
    path.write_text(body, encoding="utf-8")
    report = treatycheck.validate(str(path), select=[select], today=TODAY)
    return body, list(report.findings)


def _position(text: str, token: str) -> tuple[int, int]:
    """1-based line and column of the one occurrence of ``token`` in ``text``."""
    assert text.count(token) == 1, token
    offset = text.index(token)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- TC101: every place a reference can be written ---------------------------------

REFERENCES = """
treatycheck: 1
sources:
  - {id: src, title: A source, kind: reference}
polities:
  - id: alpha
    names: [Alpha]
    succeeded_by: zq-successor
    preceded_by: zq-predecessor
    sources: [zq-polity-source]
  - {id: beta, names: [Beta]}
groups:
  - id: pair
    members: [alpha, zq-member]
    variants: {wide: [beta, zq-variant-member]}
    sources: [zq-group-source]
places:
  - {id: town, names: [Town], sources: [zq-place-source]}
people:
  - id: envoy
    names: [Envoy]
    offices:
      - {role: minister, polity: zq-office-polity}
    sources: [zq-person-source]
treaties:
  - id: pact
    parties: [alpha, zq-party]
    sources: [zq-treaty-source]
    events:
      - {type: signed, date: 1932-01-21, place: zq-event-place, sources: [zq-event-source]}
      - {type: ratified, date: 1932-03-01, by: zq-ratifier}
claims:
  - {source: zq-claim-source, about: pact, property: kind, value: peace}
assertions:
  - id: a-before
    source: zq-assertion-source
    before: {of: zq-of-treaty.signed, date: 1933}
  - id: a-precedes
    source: src
    precedes: {first: zq-first-treaty.signed, then: [zq-then-treaty.signed]}
  - id: a-simultaneous
    source: src
    simultaneous: {events: [pact.signed, zq-events-treaty.signed]}
  - id: a-during
    source: src
    during: {of: pact.signed, office: {person: zq-office-person, role: minister}}
  - id: a-only
    source: src
    only:
      select: {party: zq-select-party, parties: [zq-select-parties], group: zq-select-group}
      counterparties: [zq-counterparty]
"""

EXPECTED_REFERENCES = {
    "zq-successor": "polity",
    "zq-predecessor": "polity",
    "zq-polity-source": "source",
    "zq-member": "polity",
    "zq-variant-member": "polity",
    "zq-group-source": "source",
    "zq-place-source": "source",
    "zq-office-polity": "polity",
    "zq-person-source": "source",
    "zq-party": "polity",
    "zq-treaty-source": "source",
    "zq-event-place": "place",
    "zq-event-source": "source",
    "zq-ratifier": "polity",
    "zq-claim-source": "source",
    "zq-assertion-source": "source",
    "zq-of-treaty": "treaty",
    "zq-first-treaty": "treaty",
    "zq-then-treaty": "treaty",
    "zq-events-treaty": "treaty",
    "zq-office-person": "person",
    "zq-select-party": "polity",
    "zq-select-parties": "polity",
    "zq-select-group": "group",
    "zq-counterparty": "polity",
}


def test_each_unknown_reference_is_reported_at_its_value_with_its_kind(tmp_path: Path) -> None:
    text, findings = _validate(tmp_path, REFERENCES, "TC101")
    found = {}
    for item in findings:
        match = re.match(r"(\w+) '(zq-[a-z-]+)' is not defined", item.message)
        assert match, item.message
        kind, ref = match.groups()
        found[ref] = (kind, (item.location.line, item.location.column), item.subject)
    expected = {
        ref: (kind, _position(text, ref), _subject(ref))
        for ref, kind in EXPECTED_REFERENCES.items()
    }
    assert found == expected


def _subject(ref: str) -> str:
    """The record a reference belongs to, as the finding's subject names it."""
    owners = {
        "alpha": ("successor", "predecessor", "polity-source"),
        "pair": ("member", "variant-member", "group-source"),
        "town": ("place-source",),
        "envoy": ("office-polity", "person-source"),
        "pact": ("party", "treaty-source", "event-place", "event-source", "ratifier", "claim"),
        "a-before": ("assertion-source", "of-treaty"),
        "a-precedes": ("first-treaty", "then-treaty"),
        "a-simultaneous": ("events-treaty",),
        "a-during": ("office-person",),
        "a-only": ("select", "counterparty"),
    }
    return next(
        owner for owner, stems in owners.items() if any(ref[3:].startswith(s) for s in stems)
    )


def test_references_that_resolve_give_no_finding(tmp_path: Path) -> None:
    resolved = REFERENCES
    for ref, kind in EXPECTED_REFERENCES.items():
        replacement = {
            "polity": "beta",
            "source": "src",
            "place": "town",
            "person": "envoy",
            "treaty": "pact",
            "group": "pair",
        }[kind]
        resolved = resolved.replace(ref, replacement)
    _, findings = _validate(tmp_path, resolved, "TC101")
    assert findings == []


CLAIM_SUBJECTS = """
treatycheck: 1
sources:
  - {id: src, title: A source, kind: reference}
polities:
  - {id: latvia, names: [Latvia]}
claims:
  - {source: src, about: latvia, property: kind, value: state}
  - {source: src, about: Latvia, property: kind, value: state}
  - {source: src, about: latvja, property: kind, value: state}
  - {source: src, about: qqqqqqqq, property: title, value: state}
"""


def test_a_claim_about_a_polity_name_is_fine_and_an_unknown_subject_is_not(
    tmp_path: Path,
) -> None:
    text, findings = _validate(tmp_path, CLAIM_SUBJECTS, "TC101")
    shown = [
        (f.message, (f.location.line, f.location.column), f.property, f.sources) for f in findings
    ]
    assert shown == [
        (
            "claim is about 'latvja', which is not defined; did you mean 'latvia'?",
            _position(text, "latvja"),
            "kind",
            ("src",),
        ),
        (
            "claim is about 'qqqqqqqq', which is not defined",
            _position(text, "qqqqqqqq"),
            "title",
            ("src",),
        ),
    ]


VARIANTS = """
treatycheck: 1
sources:
  - {id: src, title: A source, kind: reference}
polities:
  - {id: estonia, names: [Estonia]}
  - {id: finland, names: [Finland]}
groups:
  - {id: baltic, members: [estonia], variants: {broad: [estonia, finland], solo: [finland]}}
  - {id: plain, members: [estonia]}
assertions:
  - id: no-variant
    source: src
    count: {select: {kind: peace}, equals: 0}
  - id: known-variant
    source: src
    count: {select: {group: baltic, variant: broad}, equals: 2}
  - id: misspelt-variant
    source: src
    count: {select: {group: baltic, variant: braod}, equals: 2}
  - id: unrelated-variant
    source: src
    count: {select: {group: baltic, variant: narrowest}, equals: 2}
  - id: group-without-variants
    source: src
    count: {select: {group: plain, variant: wider}, equals: 1}
  - id: variant-without-group
    source: src
    count: {select: {variant: broad}, equals: 1}
"""


def test_unknown_group_variants_are_reported_at_the_variant(tmp_path: Path) -> None:
    text, findings = _validate(tmp_path, VARIANTS, "TC101")
    assert [(f.message, (f.location.line, f.location.column)) for f in findings] == [
        (
            "group baltic has no variant 'braod'; did you mean 'broad'? (variants: broad, solo)",
            _position(text, "braod"),
        ),
        (
            "group baltic has no variant 'narrowest' (variants: broad, solo)",
            _position(text, "narrowest"),
        ),
        ("group plain has no variant 'wider'", _position(text, "wider")),
    ]


# -- TC302: existence spans with one end, the first polity without one ------------


@pytest.mark.parametrize(
    ("start", "end", "day", "verdict"),
    [
        ("1918-02-16", "1940-08-03", "1918-02-15", "before"),
        ("1918-02-16", "1940-08-03", "1918-02-16", "ok"),
        ("1918-02-16", "1940-08-03", "1940-08-03", "ok"),
        ("1918-02-16", "1940-08-03", "1940-08-04", "after"),
        ("1918-02-16", None, "2000", "ok"),
        (None, "1940-08-03", "1900", "ok"),
        ("../1918-02-16", None, "1900", "ok"),  # an open start is no bound
        (None, "1940-08-03/..", "1950", "ok"),  # an open end is no bound
        ("1918", None, "1918-02", "ok"),  # overlaps: not definitely before
        ("1918-02-16", None, "1918-02", "ok"),
        (None, "1940", "1940-08", "ok"),
    ],
)
def test_existence_verdict(start: str | None, end: str | None, day: str, verdict: str) -> None:
    span_from = parse_date(start) if start else None
    span_to = parse_date(end) if end else None
    assert existence_verdict(span_from, span_to, parse_date(day)) == verdict


EXISTENCE = """
treatycheck: 1
sources:
  - {id: src, title: A source, kind: reference}
polities:
  - {id: soviet-russia, names: [Soviet Russia], succeeded_by: ussr}
  - {id: ussr, names: [USSR], exists: {from: 1922-12-30}}
  - {id: latvia, names: [Latvia], exists: {to: 1940-08-05}}
treaties:
  - id: early
    parties: [ussr, latvia]
    sources: [src]
    events:
      - {type: signed, date: 1920-08-11}
  - id: late
    parties: [ussr, latvia]
    sources: [src]
    events:
      - {type: signed, date: 1941-01-01}
"""


def test_party_existence_with_one_bound_each(tmp_path: Path) -> None:
    _, findings = _validate(tmp_path, EXISTENCE, "TC302")
    assert [f.message for f in findings] == [
        "early: party ussr came into existence on 1922-12-30, but the treaty was "
        "signed on 1920-08-11; at that time the polity was soviet-russia",
        "late: party latvia ceased to exist on 1940-08-05, but the treaty was signed on 1941-01-01",
    ]


# -- TC202: each kind of interval, with its own description ---------------------------

INTERVALS = """
treatycheck: 1
polities:
  - id: latvia
    names:
      - {name: Latvia, from: 1918-11-18, to: 1918-01-01}
      - {name: Latvija, from: 1918-11-18}
    exists: {from: 1918-11-18, to: 1917}
people:
  - id: envoy
    names: [Envoy]
    offices:
      - {role: minister, polity: latvia, from: 1932-06, to: 1932-01}
"""


def test_inverted_intervals_name_what_they_belong_to(tmp_path: Path) -> None:
    text, findings = _validate(tmp_path, INTERVALS, "TC202")
    shown = sorted((f.location.line, f.location.column, f.message) for f in findings)
    assert shown == [
        (
            *_position(text, "1918-01-01"),
            "name 'Latvia' of latvia ends (1918-01-01) before it starts (1918-11-18)",
        ),
        (
            *_position(text, "1917"),
            "latvia existence ends (1917 (1917-01-01..1917-12-31)) before it starts (1918-11-18)",
        ),
        (
            *_position(text, "1932-01"),
            "envoy's office minister ends (1932-01 (1932-01-01..1932-01-31)) "
            "before it starts (1932-06 (1932-06-01..1932-06-30))",
        ),
    ]


# -- TC305: a group variant that changes the members ---------------------------

VARIANT_DIFFERENCE = """
treatycheck: 1
sources:
  - {id: src, title: A source, kind: reference}
polities:
  - {id: estonia, names: [Estonia]}
  - {id: latvia, names: [Latvia]}
  - {id: finland, names: [Finland]}
groups:
  - id: baltic
    members: [estonia, latvia]
    variants: {swap: [estonia, finland], same: [latvia, estonia]}
assertions:
  - id: swapped
    source: src
    count: {select: {group: baltic, variant: swap}, equals: 2}
  - id: unchanged
    source: src
    count: {select: {group: baltic, variant: same}, equals: 2}
  - id: default-members
    source: src
    count: {select: {group: baltic}, equals: 2}
"""


def test_a_variant_that_changes_members_is_reported_at_the_variant(tmp_path: Path) -> None:
    text, findings = _validate(tmp_path, VARIANT_DIFFERENCE, "TC305")
    (item,) = findings
    assert item.message.startswith(
        "swapped: variant swap of baltic adds finland and drops latvia (default members: "
    )
    line, column = _position(text, "variant: swap")
    assert (item.location.line, item.location.column) == (line, column + len("variant: "))
    (related,) = item.related
    assert (related.location.line, related.location.column, related.message) == (
        *_position(text, "[estonia, finland]"),
        "variant swap",
    )
    assert item.sources == ("src",)


# -- TC505: a near-miss name at every place a name can be written -------------------

SPELLINGS = """
treatycheck: 1
sources:
  - {id: src, title: A source, kind: reference}
  - {id: pamphlet, title: A pamphlet, kind: secondary}
polities:
  - {id: latvia, names: [Latvia]}
  - {id: lithuania, names: [Lithuania]}
  - id: old-state
    names: [Old State]
    succeeded_by: Lithuanja
    preceded_by: Lithuamia
groups:
  - id: pair
    members: [latvia, Lithuanla]
    variants: {wide: [latvia, Lithuanua]}
places:
  - {id: riga, names: [Riga]}
people:
  - id: herriot
    names: [Herriot]
    offices:
      - {role: minister, polity: Lythuania}
treaties:
  - id: pact
    parties: [latvia, Litthuania]
    sources: [src]
    events:
      - {type: signed, date: 1932-01-21, place: Rigga}
      - {type: ratified, date: 1932-03-01, by: Lihtuania}
claims:
  - {source: pamphlet, about: pact, property: signed.place, value: Rigaa}
  - {source: pamphlet, about: pact, property: parties, value: [latvia, Lithaunia]}
assertions:
  - id: a-during
    source: src
    during: {of: pact.signed, office: {person: Heriot, role: minister}}
  - id: a-only
    source: src
    only:
      select: {party: Lituania, parties: [Lithuaniaa]}
      counterparties: [Lirhuania]
"""

EXPECTED_SPELLINGS = {
    # near miss: (kind, probable name, subject)
    "Lithuanja": ("polity", "Lithuania", "old-state"),
    "Lithuamia": ("polity", "Lithuania", "old-state"),
    "Lithuanla": ("polity", "Lithuania", "pair"),
    "Lithuanua": ("polity", "Lithuania", "pair"),
    "Lythuania": ("polity", "Lithuania", "herriot"),
    "Litthuania": ("polity", "Lithuania", "pact"),
    "Rigga": ("place", "Riga", "pact"),
    "Lihtuania": ("polity", "Lithuania", "pact"),
    "Rigaa": ("place", "Riga", "pact"),
    "Lithaunia": ("polity", "Lithuania", "pact"),
    "Heriot": ("person", "Herriot", "a-during"),
    "Lituania": ("polity", "Lithuania", "a-only"),
    "Lithuaniaa": ("polity", "Lithuania", "a-only"),
    "Lirhuania": ("polity", "Lithuania", "a-only"),
}


def test_each_near_miss_name_is_reported_at_its_value(tmp_path: Path) -> None:
    text, findings = _validate(tmp_path, SPELLINGS, "TC505")
    found = {}
    for item in findings:
        match = re.match(r"'(\w+)' is not a known (\w+) name; probably '(\w+)'", item.message)
        assert match, item.message
        ref, kind, name = match.groups()
        assert item.message.endswith(f"'{name}' ({name.lower()})"), item.message  # its id
        found[ref] = (kind, name, item.subject, (item.location.line, item.location.column))
        claimed = {"Rigaa": "signed.place", "Lithaunia": "parties"}.get(ref)
        assert (item.property, item.sources) == (
            (claimed, ("pamphlet",)) if claimed else (None, ())
        ), ref
    expected = {ref: (*about, _position(text, ref)) for ref, about in EXPECTED_SPELLINGS.items()}
    assert found == expected


# -- TC504: a conflicting date that is another event's date --------------------------

OTHER_EVENT = """
treatycheck: 1
sources:
  - {id: reference, title: The record, kind: reference}
  - {id: pamphlet, title: A pamphlet, kind: secondary}
polities:
  - {id: latvia, names: [Latvia]}
  - {id: ussr, names: [USSR]}
treaties:
  - id: pact
    parties: [latvia, ussr]
    sources: [reference]
    events:
      - {type: initialed, date: 1932-01-21}
      - {type: signed, date: 1932-02-05}
claims:
  - {source: pamphlet, about: pact, property: signed.date, value: 1932-01-21}
"""


def test_a_date_that_belongs_to_another_event_points_at_that_event(tmp_path: Path) -> None:
    text, findings = _validate(tmp_path, OTHER_EVENT, "TC504")
    (item,) = findings
    assert (item.subject, item.property) == ("pact", "signed.date")
    assert "initialed" in item.message
    (related,) = item.related
    assert (related.location.line, related.location.column, related.message) == (
        *_position(text, "1932-01-21}\n      - {type: signed"),
        "initialed",
    )
