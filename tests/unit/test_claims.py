"""treatycheck.claims: grouping statements, comparing values, scorecard and consensus."""

from __future__ import annotations

import json
import random
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import treatycheck
from treatycheck._denotation import Denotation
from treatycheck._names import name_key, near_miss
from treatycheck._spelling import NearMisses
from treatycheck.claims import CrossSource, analyse, relate, source_report, value_kind
from treatycheck.dates import parse_date
from treatycheck.engine import Context
from treatycheck.findings import UsageError
from treatycheck.rules import integrity
from treatycheck.rules.sources import name_references

FIXTURE = Path(__file__).parents[2] / "fixtures" / "soviet-baltic"


def _day(text: str) -> tuple[int, int]:
    value = parse_date(text)
    return (value.earliest, value.latest)


def _cross(tmp_path: Path, text: str, reference: str | None = None) -> CrossSource:
    (tmp_path / "data.yaml").write_text(textwrap.dedent(text), "utf-8")
    dataset = treatycheck.load(tmp_path / "data.yaml")
    assert dataset.findings == (), dataset.findings
    return analyse(Context(dataset, reference=reference))


# -- comparing values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prop", "kind"),
    [
        ("signed.date", "date"),
        ("exists.from", "date"),
        ("ratifications-exchanged.place", "place"),
        ("parties", "parties"),
        ("kind", "text"),
        ("title", "text"),
    ],
)
def test_value_kind(prop: str, kind: str) -> None:
    assert value_kind(prop) == kind


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("1920-07-12", "1920-07-12", "agree"),
        ("1920", "1920-07-12", "refine"),
        ("1932-11-29", "1932-11", "refine"),
        ("1920-05/1920-07", "1920-06/1920-08", "compatible"),
        ("1921-02-02", "1920-02-02", "conflict"),
        ("1932-11-30", "1932-12", "conflict"),
    ],
)
def test_dates_relate_as_intervals(a: str, b: str, relation: str) -> None:
    assert relate("date", _day(a), _day(b)) == relation
    assert relate("date", _day(b), _day(a)) == relation


def test_other_values_agree_only_when_equal() -> None:
    assert relate("place", "tartu", "tartu") == "agree"
    assert relate("place", "tartu", "text:minsk") == "conflict"
    assert relate("parties", frozenset({"a", "b"}), frozenset({"b", "a"})) == "agree"
    assert relate("parties", frozenset({"a", "b"}), frozenset({"a"})) == "conflict"


# -- grouping ------------------------------------------------------------------------------


def test_fixture_groups_claims_with_the_record_values_they_are_about() -> None:
    cross = analyse(Context(treatycheck.load(FIXTURE)))
    groups = {(g.subject, g.property): g for g in cross.groups}
    minsk = groups[("soviet-lithuanian-peace-1920", "negotiated.place")]
    assert [s.key for s in minsk.record] == ["moscow"]
    assert [s.sources for s in minsk.record] == [("reference",)]
    assert [(s.sources, s.key, s.written) for s in minsk.claims] == [
        (("on-this-day",), "text:minsk", "Minsk")
    ] or [(s.sources, s.key) for s in minsk.claims] == [(("on-this-day",), "minsk")]
    parties = groups[("soviet-lithuanian-non-aggression-1926", "parties")]
    assert parties.claims[0].key == parties.record[0].key == frozenset({"ussr", "lithuania"})
    # A property nobody else speaks of is counted, not grouped.
    assert ("soviet-finnish-non-aggression-1932", "denounced.date") not in groups
    assert [c.reference for c in cross.conflicts] == [True]


def test_a_name_before_its_bearer_existed_stands_for_the_predecessor(tmp_path: Path) -> None:
    cross = _cross(
        tmp_path,
        """
        treatycheck: 1
        sources: [{id: lnts, title: LNTS, kind: reference}, {id: web, title: Web, kind: tertiary}]
        polities:
          - id: soviet-russia
            names: [{name: Soviet Russia, from: 1917-11-07, to: 1922-12-29}]
            exists: {from: 1917-11-07, to: 1922-12-29}
            succeeded_by: ussr
          - id: ussr
            names: [{name: USSR, from: 1922-12-30, to: 1991-12-26}]
            exists: {from: 1922-12-30, to: 1991-12-26}
          - {id: lithuania, names: [Lithuania]}
        treaties:
          - id: peace-1920
            parties: [soviet-russia, lithuania]
            events: [{type: signed, date: 1920-07-12}]
          - id: pact-1926
            parties: [ussr, lithuania]
            events: [{type: signed, date: 1926-09-28}]
        claims:
          - {source: web, about: peace-1920, property: parties, value: [USSR, Lithuania]}
          - {source: web, about: pact-1926, property: parties, value: [USSR, Lithuania]}
        """,
    )
    assert cross.conflicts == []
    card = cross.scorecard()["web"]
    assert (card["compared"], card["agreements"]) == (2, 2)
    names = Denotation(cross.ctx)
    assert names.contemporary("ussr", parse_date("1920-07-12")) == "soviet-russia"
    assert names.contemporary("ussr", parse_date("1926")) is None
    assert names.contemporary("ussr", parse_date("1922")) is None  # may have existed
    assert names.name_at("soviet-russia", parse_date("1920-07-12")) == "Soviet Russia"
    assert names.name_at("soviet-russia", parse_date("1922")) is None


# -- scorecard -------------------------------------------------------------------------------


THREE = """
treatycheck: 1
sources:
  - {id: lnts, title: LNTS, kind: primary}
  - {id: annals, title: Annals, kind: secondary}
  - {id: chronicle, title: Chronicle, kind: secondary}
places: [{id: tartu, names: [Tartu, Dorpat]}]
treaties:
  - id: tartu-1920
    events: [{type: signed, date: 1920-02-02, place: tartu}]
    sources: [lnts]
claims:
  - {source: annals, about: tartu-1920, property: signed.date, value: 1920-02-02}
  - {source: chronicle, about: tartu-1920, property: signed.date, value: 1921-02-02}
  - {source: chronicle, about: tartu-1920, property: signed.place, value: Dorpat}
"""


def test_scorecard_without_a_reference_counts_pairs(tmp_path: Path) -> None:
    cards = _cross(tmp_path, THREE).scorecard()
    assert list(cards) == ["annals", "chronicle", "lnts"]
    chronicle = cards["chronicle"]
    assert chronicle["against"] == "others"
    # signed.date: conflicts with annals and lnts; signed.place: agrees with lnts.
    assert (chronicle["claims"], chronicle["explicit"], chronicle["compared"]) == (2, 2, 3)
    assert (chronicle["agreements"], chronicle["conflicts"]) == (1, 2)
    assert chronicle["agreement_rate"] == round(1 / 3, 4)
    assert cards["lnts"]["claims"] == 2
    assert cards["lnts"]["explicit"] == 0


def test_scorecard_against_a_reference(tmp_path: Path) -> None:
    cards = _cross(tmp_path, THREE, reference="lnts").scorecard()
    assert cards["chronicle"]["against"] == "lnts"
    assert (cards["chronicle"]["compared"], cards["chronicle"]["conflicts"]) == (2, 1)
    assert cards["chronicle"]["agreement_rate"] == 0.5
    assert cards["annals"]["agreement_rate"] == 1.0
    assert cards["lnts"]["reference"] is True


def test_source_report_is_json_ready_and_checks_the_reference(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text(THREE)
    dataset = treatycheck.load(tmp_path / "data.yaml")
    report = source_report(dataset, consensus=True)
    assert set(report) == {"version", "reference", "sources", "consensus"}
    assert report["consensus"][0]["most_supported"] == "1920-02-02"
    with pytest.raises(UsageError, match="did you mean 'annals'"):
        source_report(dataset, reference="anals")


# -- consensus -------------------------------------------------------------------------------


def _three(reliability: dict[str, float]) -> str:
    lines = THREE.splitlines()
    for i, line in enumerate(lines):
        for source, value in reliability.items():
            if line.startswith(f"  - {{id: {source},"):
                lines[i] = line.replace("}", f", reliability: {value}}}")
    return "\n".join(lines) + "\n"


def _best(cross: CrossSource) -> Any:
    best = cross.consensus[("tartu-1920", "signed.date")].most_supported()
    return (best.shown, best.sources) if best else None


def test_two_sources_outweigh_one(tmp_path: Path) -> None:
    cross = _cross(tmp_path, THREE)
    assert _best(cross) == ("1920-02-02", ("annals", "lnts"))


def test_higher_reliability_overturns_a_two_to_one_majority(tmp_path: Path) -> None:
    # In a dispute the sources have no other record in, trust is the prior:
    # 0.9 > 0.3 + 0.3, so the lone source wins.
    text = _three({"lnts": 0.3, "annals": 0.3, "chronicle": 0.9})
    assert _best(_cross(tmp_path, text)) == ("1921-02-02", ("chronicle",))


def test_reliability_does_not_beat_two_sources_of_unknown_reliability(tmp_path: Path) -> None:
    # 0.9 < 0.5 + 0.5: a majority of unrated sources holds.
    text = _three({"chronicle": 0.9})
    assert _best(_cross(tmp_path, text)) == ("1920-02-02", ("annals", "lnts"))


def test_a_tie_names_no_value(tmp_path: Path) -> None:
    text = THREE.replace(
        "  - {source: annals, about: tartu-1920, property: signed.date, value: 1920-02-02}\n", ""
    )
    cross = _cross(tmp_path, text)
    ranked = cross.consensus[("tartu-1920", "signed.date")]
    assert ranked.most_supported() is None
    assert [c.confidence for c in ranked.candidates] == [0.5, 0.5]


def test_the_worked_example_of_the_docs(tmp_path: Path) -> None:
    """docs/sources.md, "A worked example": the same numbers."""
    cross = _cross(tmp_path, THREE)
    assert {s: round(t, 4) for s, t in cross.trust.items()} == {
        "annals": 0.625,
        "chronicle": 0.6111,
        "lnts": 0.7,
    }
    ranked = cross.consensus[("tartu-1920", "signed.date")]
    assert [(c.shown, round(c.confidence, 3)) for c in ranked.candidates] == [
        ("1920-02-02", 0.643),
        ("1921-02-02", 0.357),
    ]


def test_a_coarser_value_supports_the_finer_ones_it_contains(tmp_path: Path) -> None:
    cross = _cross(
        tmp_path,
        """
        treatycheck: 1
        sources:
          - {id: a, title: A, kind: secondary}
          - {id: b, title: B, kind: secondary}
          - {id: c, title: C, kind: secondary}
        treaties:
          - {id: pact, events: [{type: signed}]}
        claims:
          - {source: a, about: pact, property: signed.date, value: 1932-01-25}
          - {source: b, about: pact, property: signed.date, value: 1932-07-25}
          - {source: c, about: pact, property: signed.date, value: 1932-01}
        """,
    )
    ranked = cross.consensus[("pact", "signed.date")]
    assert [(c.shown, c.sources) for c in ranked.candidates] == [
        ("1932-01", ("a", "c")),
        ("1932-01-25", ("a",)),
        ("1932-07-25", ("b",)),
    ]
    best = ranked.most_supported()
    assert best is not None and best.shown == "1932-01"


# -- TC505 helpers ---------------------------------------------------------------------------


def test_spelling_index_finds_what_comparing_every_name_finds() -> None:
    names = ["Herriot", "Harriot", "Édouard Herriot", "Tartu", "Dorpat", "Yuryev", "Moskva"]
    names += [f"Town{n:03d}ville" for n in range(50)]
    index = NearMisses(names)
    rng = random.Random(7)
    probes = ["Heriot", "Hirriot", "Dorpatt", "Tratu", "Moscow", "Town012vile", "Twn012ville"]
    for _ in range(300):
        word = list(rng.choice(names))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(word))
            word[at] = rng.choice("aeioutrx")
        probes.append("".join(word))
    for probe in probes:
        expected = {name_key(n) for n in near_miss(probe, names)}
        assert {name_key(n) for n in index.near(probe)} == expected, probe


def test_spelling_index_handles_long_names_without_blowing_up() -> None:
    long_names = [f"{'Treaty of Friendship ' * 20}{n}" for n in range(200)]
    index = NearMisses(["Herriot", *long_names])
    probe = "X" + long_names[123]  # one edit from long_names[123], two from the others
    assert index.near(probe) == [long_names[123]]
    assert index.near("Heriot") == ["Herriot"]
    assert near_miss(probe, long_names[120:125]) == (long_names[123],)  # the slow way agrees


EVERY_REFERENCE = """
treatycheck: 1
sources: [{id: lnts, title: LNTS, kind: reference}]
polities:
  - {id: soviet-russia, names: [Soviet Russia], succeeded_by: Soviet Union}
  - {id: ussr, names: [Soviet Union, USSR], preceded_by: Soviet Rusia}
  - {id: lithuania, names: [Lithuania]}
groups:
  - id: neighbours
    members: [Lithuania, lithuania]
    variants: {wide: [Lithuanai, USSR]}
places: [{id: moscow, names: [Moscow]}]
people:
  - id: chicherin
    names: [Georgy Chicherin, Chicherin]
    offices: [{role: foreign-minister, polity: Soviet Russia}]
treaties:
  - id: peace-1920
    parties: [Soviet Russia, Lithuania]
    events:
      - {type: signed, date: 1920-07-12, place: Moskow}
      - {type: ratified, by: Lithuania, date: 1920-08-06}
assertions:
  - id: only
    source: lnts
    only:
      select: {party: Soviet Rusia, parties: [Lithuania]}
      counterparties: [Lithuanai]
  - id: during
    source: lnts
    during: {of: peace-1920.signed, office: {person: Chicherinn, role: foreign-minister}}
"""


# A polity and a treaty share an id, and a treaty id is defined twice: the table of
# treaties (first definitions, in id order of first use) differs from the dataset's list.
DUPLICATE_IDS = """
treatycheck: 1
sources: [{id: lnts, title: LNTS, kind: reference}]
polities:
  - id: soviet-russia
    names: [{name: Soviet Russia, from: 1917-11-07, to: 1922-12-29}]
    exists: {from: 1917-11-07, to: 1922-12-29}
    succeeded_by: ussr
  - id: ussr
    names: [{name: USSR, from: 1922-12-30, to: 1991-12-26}]
    exists: {from: 1922-12-30, to: 1991-12-26}
  - {id: lithuania, names: [Lithuania]}
  - {id: pact, names: [Pact Land]}
treaties:
  - id: peace-1920
    parties: [USSR, Lithuania]
    events: [{type: signed, date: 1920-07-12}]
  - id: pact
    parties: [ussr, Lithuanai]
    events: [{type: signed, date: 1926-09-28}]
  - id: pact
    parties: [USSR, Lithuanai]
    events: [{type: signed, date: 1921-01-01}]
claims:
  - {source: lnts, about: pact, property: parties, value: [USSR, Lithuanai]}
  - {source: lnts, about: peace-1920, property: parties, value: [USSR, Lithuania]}
"""


@pytest.mark.parametrize("which", ["fixture", "every-reference", "duplicate-ids"])
def test_name_references_are_integritys_references(which: str, tmp_path: Path) -> None:
    """TC505 must see every name reference TC101 leaves to it, and no other."""
    if which == "fixture":
        dataset = treatycheck.load(FIXTURE)
    else:
        text = EVERY_REFERENCE if which == "every-reference" else DUPLICATE_IDS
        (tmp_path / "data.yaml").write_text(text)
        dataset = treatycheck.load(tmp_path / "data.yaml")
        assert dataset.findings == ()
    ctx = Context(dataset)
    tables = {kind: ctx.table(kind) for kind in ("polity", "place", "person")}
    theirs = {
        (kind, ref, str(ctx.location(record, *steps)), subject)
        for kind, ref, (record, steps), subject in integrity._references(ctx)
        if kind in tables and ref not in tables[kind]
    }
    ours = {
        (kind, ref, str(ctx.location(record, *steps)), subject)
        for kind, ref, record, steps, subject in name_references(ctx)
        if ref not in tables[kind]
    }
    assert ours == theirs
    assert len(ours) >= {"fixture": 1, "every-reference": 12, "duplicate-ids": 2}[which]


def test_name_rules_judge_each_treaty_by_its_own_date_when_ids_repeat(tmp_path: Path) -> None:
    """TC303 and TC505 with a treaty table in another order than the dataset's treaties:
    the 1920 'USSR' is anachronistic (record and claim), the 1926 one is not, and each
    misspelt party is reported, in the repeated record too."""
    (tmp_path / "data.yaml").write_text(DUPLICATE_IDS)
    report = treatycheck.validate(tmp_path / "data.yaml", select=["TC303", "TC505"])
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [
        ("TC303", 16, 15),
        ("TC505", 19, 21),
        ("TC505", 22, 21),
        ("TC505", 25, 66),
        ("TC303", 26, 66),
    ]


def _with_several_sources(data: dict[str, Any]) -> dict[str, Any]:
    """The records varied: some with two sources, some events with their own, some
    event types twice (each variation alone and together)."""
    for n, treaty in enumerate(data["treaties"]):
        if n % 3 == 0:
            treaty["sources"] = ["src-0", "src-2"]
        if n % 7 == 0:
            treaty["events"][0]["sources"] = ["src-3", "src-4"]
        if n % 11 == 0:
            signed = next(e for e in treaty["events"] if e["type"] == "signed")
            treaty["events"].append({**signed, "date": "1991-01-01", "sources": ["src-1"]})
        if n % 13 == 0:
            treaty["events"].append({"type": "initialed", "date": "1849"})
    return data


@pytest.mark.parametrize("several", [False, True], ids=["one-source", "several-sources"])
@pytest.mark.parametrize("mode", ["reference", "consensus"])
def test_shortcuts_give_the_same_result_as_the_general_comparison(
    mode: str, several: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast paths (claims that agree with the one record value, one claim
    against one record value, groups built only when needed) change nothing but time."""
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:  # benchmarks/ is not installed; it sits beside the package
        monkeypatch.syspath_prepend(root)
    from benchmarks.bench_sources import synthetic_dataset, without_reference
    from treatycheck import _compare, _grouping, claims

    data = synthetic_dataset(400, 1600, seed=5)
    path = tmp_path / "data.json"
    path.write_text(json.dumps(_with_several_sources(data) if several else data))
    dataset = treatycheck.load(path)
    if mode == "consensus":
        dataset = without_reference(dataset)

    def outcome() -> tuple[Any, ...]:
        cross = analyse(Context(dataset))
        conflicts = [
            (
                (c.group.subject, c.group.property, c.reference),
                (c.source, c.statement.key, c.statement.steps, c.statement.explicit),
                (c.other_source, c.other.key, c.other.steps, c.other.explicit),
            )
            for c in cross.conflicts
        ]
        return cross.scorecard(), conflicts, cross.consensus_table(), cross.trust

    fast = outcome()

    def every_group_compared(result: CrossSource, about_treaties: Any) -> None:
        """The treaties' part of the pass the long way: count, build every group, compare."""
        claimed = _grouping.claims_by_subject(result)
        for treaty in result.ctx.treaties.values():
            claims = claimed.pop(treaty.id, None) or {}
            base = result.ctx.record_sources(treaty)
            if _grouping.count_treaty(result._tally, base, treaty):
                fields = _grouping.treaty_fields(base, treaty)
                groups = list(_grouping.collect(result, treaty, fields, claims))
            else:
                groups = list(_grouping.claimed_groups(result, treaty, claims, base))
            for group in groups:
                _compare.compare_group(result, group)

    monkeypatch.setattr(claims, "_treaties", every_group_compared)
    monkeypatch.setattr(_compare, "_shortcut", lambda *args: False)
    assert outcome() == fast
    assert fast[1], "the sample should have conflicts"
    assert any(s["agreements"] for s in fast[0].values())


def test_a_dispute_with_too_many_values_is_not_ranked(tmp_path: Path) -> None:
    from treatycheck._compare import MAX_CANDIDATES

    count = MAX_CANDIDATES + 50
    sources = [{"id": f"s{n}", "title": f"Source {n}", "kind": "secondary"} for n in range(count)]
    claims = [
        {"source": f"s{n}", "about": "pact", "property": "signed.date", "value": 1000 + n}
        for n in range(count)
    ]
    data = {"treatycheck": 1, "sources": sources, "treaties": [{"id": "pact"}], "claims": claims}
    (tmp_path / "data.json").write_text(json.dumps(data))
    cross = analyse(Context(treatycheck.load(tmp_path / "data.json")))
    assert cross.unranked == {("pact", "signed.date"): count}
    assert cross.consensus == {}
    assert len(cross.conflicts) == count * (count - 1) // 2
