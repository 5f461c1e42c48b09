"""Name matching: spelling keys, edit distance and near-miss suggestions."""

from __future__ import annotations

from pathlib import Path

import treatycheck
from treatycheck._names import closest, edit_distance, name_key, near_miss


def test_name_key_ignores_case_accents_and_spacing() -> None:
    assert name_key("  République   Française ") == "republique francaise"
    assert name_key("Königsberg") == name_key("KONIGSBERG")


def test_edit_distance_counts_a_swap_as_one_edit() -> None:
    assert edit_distance("herriot", "heriot") == 1
    assert edit_distance("konigsberg", "konigsbreg") == 1
    assert edit_distance("abcdef", "uvwxyz", limit=2) == 3  # capped at limit + 1


def test_names_spelt_alike_are_one_candidate() -> None:
    known = ["République française", "Republique francaise", "Repubblica"]
    assert near_miss("Republique francaize", known) == ("Republique francaise",)
    assert closest("Republique francaize", known) == "Republique francaise"


def test_two_different_names_equally_near_are_both_given() -> None:
    assert near_miss("Hirriot", ["Herriot", "Harriot"]) == ("Harriot", "Herriot")


def test_an_accent_variant_does_not_turn_a_spelling_hint_into_an_unknown_name(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(
        """\
treatycheck: 1
sources:
  - {id: lnts, title: League of Nations Treaty Series, kind: reference}
polities:
  - id: france
    names: [France, République française, Republique francaise]
    exists: {from: 1870-09-04}
  - id: ussr
    names: [{name: USSR, from: 1922-12-30}]
    exists: {from: 1922-12-30}
treaties:
  - id: franco-soviet-non-aggression-1932
    parties: [Republique francaize, ussr]
    events: [{type: signed, date: 1932-11-29}]
    sources: [lnts]
""",
        encoding="utf-8",
    )
    report = treatycheck.validate(data)
    assert [(f.code, f.location.line) for f in report.findings] == [("TC505", 13)]
    assert "probably 'Republique francaise' (france)" in report.findings[0].message
