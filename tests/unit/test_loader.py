"""The loader: YAML and JSON into one Dataset, every problem a located finding."""

from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from treatycheck import Dataset, Limits, UsageError, load
from treatycheck.dates import parse_date
from treatycheck.loader import VALID_NESTING
from treatycheck.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def located(dataset: Dataset) -> list[tuple[str, int, int, str]]:
    """(code, line, column, message) of every load finding, in report order."""
    findings = sorted(dataset.findings, key=lambda f: f.sort_key())
    return [(f.code, f.location.line, f.location.column, f.message) for f in findings]


def yaml_tree_as_json(source: Path, target: Path) -> None:
    """Write every YAML file under ``source`` as the equivalent JSON file under ``target``."""
    for path in sorted(source.rglob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        out = target / path.relative_to(source).with_suffix(".json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(document, indent=2, default=str), encoding="utf-8")


# --- equal datasets from YAML and JSON ---------------------------------------


@pytest.mark.parametrize("fixture", ["example", "soviet-baltic"])
def test_yaml_and_json_of_the_same_data_load_to_equal_datasets(
    fixture: str, tmp_path: Path
) -> None:
    yaml_tree_as_json(FIXTURES / fixture, tmp_path)
    from_yaml = load(FIXTURES / fixture)
    from_json = load(tmp_path)
    assert from_yaml.findings == () and from_json.findings == ()
    assert from_yaml.record_count > 0
    assert from_yaml == from_json
    assert [t.id for t in from_yaml.treaties] == [t.id for t in from_json.treaties]


def test_datasets_with_different_records_are_not_equal(tmp_path: Path) -> None:
    yaml_tree_as_json(FIXTURES / "example", tmp_path)
    data = json.loads((tmp_path / "peace-1920.json").read_text())
    data["treaties"][0]["events"][0]["date"] = "1920-07-13"
    (tmp_path / "peace-1920.json").write_text(json.dumps(data))
    assert load(FIXTURES / "example") != load(tmp_path)


def test_unquoted_yaml_dates_and_years_load_as_the_quoted_strings(tmp_path: Path) -> None:
    plain = write(
        tmp_path,
        "plain.yaml",
        """
        treatycheck: 1
        sources:
          - {id: a, title: A, kind: primary, published: 1950}
          - {id: b, title: B, kind: primary, published: 1950-07-12}
        """,
    )
    quoted = write(
        tmp_path,
        "quoted.yaml",
        """
        treatycheck: 1
        sources:
          - {id: a, title: A, kind: primary, published: '1950'}
          - {id: b, title: B, kind: primary, published: '1950-07-12'}
        """,
    )
    assert load(plain).findings == ()
    assert load(plain) == load(quoted)
    assert load(plain).sources[0].published == parse_date("1950")


# --- locations ----------------------------------------------------------------

RECORDS_YAML = """
treatycheck: 1
polities:
  - id: latvia
    names: [Latvia]
treaties:
  - id: riga-1920
    parties: [soviet-russia, latvia]
    events:
      - {type: signed, date: 1920-08-11}
      - type: ratified
        by: latvia
        date: 1920-09-02
"""


def test_yaml_records_and_nested_values_keep_line_and_column(tmp_path: Path) -> None:
    dataset = load(write(tmp_path, "data.yaml", RECORDS_YAML))
    (treaty,) = dataset.treaties
    assert str(dataset.location(dataset.polities[0])) == f"{tmp_path}/data.yaml:3:5"
    assert (dataset.location(treaty).line, dataset.location(treaty).column) == (6, 5)
    assert dataset.location(treaty, "parties", 1).line == 7
    assert dataset.location(treaty, "parties", 1).column == 30
    date = dataset.location(treaty, "events", 0, "date")
    assert (date.line, date.column) == (9, 30)
    by = dataset.location(treaty, "events", 1, "by")
    assert (by.line, by.column) == (11, 13)


def test_json_records_and_nested_values_keep_line_and_column(tmp_path: Path) -> None:
    text = (
        '{"treatycheck": 1,\n'
        ' "treaties": [\n'
        '  {"id": "riga-1920",\n'
        '   "parties": ["soviet-russia", "latvia"],\n'
        '   "events": [{"type": "signed", "date": "1920-08-11"}]}]}\n'
    )
    path = tmp_path / "data.json"
    path.write_text(text)
    dataset = load(path)
    (treaty,) = dataset.treaties
    assert (dataset.location(treaty).line, dataset.location(treaty).column) == (3, 3)
    party = dataset.location(treaty, "parties", 1)
    assert (party.line, party.column) == (4, 33)
    date = dataset.location(treaty, "events", 0, "date")
    assert (date.line, date.column) == (5, 42)


def test_a_location_below_a_missing_value_falls_back_to_its_nearest_ancestor(
    tmp_path: Path,
) -> None:
    dataset = load(write(tmp_path, "data.yaml", RECORDS_YAML))
    treaty = dataset.treaties[0]
    assert dataset.location(treaty, "events", 0, "place").line == 9  # the event itself


def test_a_dataset_built_from_models_locates_records_nowhere() -> None:
    dataset = load(FIXTURES / "example")
    rebuilt = Dataset(treaties=dataset.treaties)
    assert rebuilt == Dataset(treaties=dataset.treaties)
    assert str(rebuilt.location(rebuilt.treaties[0])) == "<dataset>:0:0"


# --- directories -----------------------------------------------------------------


def test_a_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", "treatycheck: 1\nplaces: [{id: b-place, names: [B]}]\n")
    write(tmp_path, "a/z.json", '{"treatycheck": 1, "places": [{"id": "az", "names": ["AZ"]}]}')
    write(tmp_path, "a/c.yml", "treatycheck: 1\nplaces: [{id: ac, names: [AC]}]\n")
    write(tmp_path, ".hidden/x.yaml", "treatycheck: 1\nplaces: [{id: hidden, names: [H]}]\n")
    write(tmp_path, "notes.txt", "not data")
    write(tmp_path, "mkdocs.yml", "site_name: not a data file\n")
    dataset = load(tmp_path)
    shown = str(tmp_path)
    assert dataset.files == (f"{shown}/a/c.yml", f"{shown}/a/z.json", f"{shown}/b.yaml")
    assert [p.id for p in dataset.places] == ["ac", "az", "b-place"]
    assert dataset.findings == ()


def test_ids_are_global_across_files(tmp_path: Path) -> None:
    write(tmp_path, "one.yaml", "treatycheck: 1\nplaces: [{id: riga, names: [Riga]}]\n")
    write(tmp_path, "two.yaml", "treatycheck: 1\npolities: [{id: riga, names: [Riga]}]\n")
    dataset = load([tmp_path / "one.yaml", tmp_path / "two.yaml"])
    assert dataset.places[0].id == dataset.polities[0].id == "riga"
    assert dataset.location(dataset.polities[0]).path.endswith("two.yaml")


def test_a_missing_path_is_a_usage_error_not_a_finding(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or directory"):
        load(tmp_path / "nope.yaml")
    with pytest.raises(UsageError, match="no path"):
        load([])


# --- TC100 unreadable files -----------------------------------------------------


def test_yaml_syntax_error_is_tc100_at_the_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "broken.yaml",
        """
        treatycheck: 1
        treaties:
          - id: riga-1920
            parties: [soviet-russia, latvia
        """,
    )
    [(code, line, column, message)] = located(load(path))
    assert (code, line, column) == ("TC100", 5, 1)
    assert message.startswith("YAML syntax error:")


def test_json_syntax_error_is_tc100_at_the_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"treatycheck": 1,\n "treaties": [\n   {"id": "a",, }]}\n')
    [(code, line, column, message)] = located(load(path))
    assert (code, line, column) == ("TC100", 3, 15)
    assert message.startswith("JSON syntax error:")


def test_invalid_utf8_is_tc100_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("treatycheck: 1\nplaces: [{id: x, names: [K\u00f6ln]}]\n".encode("latin-1"))
    [(code, line, column, message)] = located(load(path))
    assert (code, line, column) == ("TC100", 2, 27)
    assert "UTF-8" in message


def test_a_python_object_tag_is_refused_and_never_built(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(
        tmp_path,
        "evil.yaml",
        f"treatycheck: 1\nsources: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    [(code, line, column, message)] = located(load(path))
    assert (code, line, column) == ("TC100", 2, 10)
    assert "python/object/apply:os.system" in message and "not allowed" in message
    assert not marker.exists()


def test_two_yaml_documents_in_one_file_are_tc100(tmp_path: Path) -> None:
    path = write(tmp_path, "two.yaml", "treatycheck: 1\n---\ntreatycheck: 1\n")
    [(code, line, column, message)] = located(load(path))
    assert (code, line, column) == ("TC100", 2, 1)
    assert "more than one YAML document" in message


def test_a_file_over_the_size_limit_is_tc100(tmp_path: Path) -> None:
    path = write(tmp_path, "big.yaml", "treatycheck: 1\n# " + "x" * 200 + "\n")
    [(code, line, column, message)] = located(load(path, limits=Limits(max_file_bytes=100)))
    assert (code, line, column) == ("TC100", 1, 1)
    assert "over the limit of 100" in message
    assert load(path).findings == ()


BILLION_LAUGHS = "\n".join(
    ["treatycheck: 1", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(9)
    ]
)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    path = write(tmp_path, "laughs.yaml", BILLION_LAUGHS)
    start = time.perf_counter()
    dataset = load(path)
    elapsed = time.perf_counter() - start
    [(code, line, _, message)] = located(dataset)
    assert code == "TC100" and "aliases expand to more than" in message
    assert 2 <= line <= 11
    assert elapsed < 1.0


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_ten_thousand_deep_nesting_is_refused_quickly(suffix: str, tmp_path: Path) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    path = tmp_path / f"deep{suffix}"
    path.write_text(
        f"treatycheck: 1\nx: {deep}\n"
        if suffix == ".yaml"
        else f'{{"treatycheck": 1, "x": {deep}}}'
    )
    start = time.perf_counter()
    dataset = load(path)
    elapsed = time.perf_counter() - start
    [(code, _, _, message)] = located(dataset)
    assert code == "TC100" and "nest" in message
    assert elapsed < 1.0


def test_the_depth_limit_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path, "nested.yaml", "treatycheck: 1\nx: [[[[[[1]]]]]]\n")
    [(code, line, column, message)] = located(load(path, limits=Limits(max_depth=4)))
    assert (code, line, column) == ("TC100", 2, 7)
    assert "nesting deeper than 4 levels" in message


def test_aliases_within_the_limit_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "alias.yaml",
        """
        treatycheck: 1
        sources:
          - {id: a, title: &t Treaty Series, kind: primary}
          - {id: b, title: *t, kind: primary}
        """,
    )
    dataset = load(path)
    assert dataset.findings == ()
    assert dataset.sources[1].title == "Treaty Series"


def test_a_broken_file_does_not_hide_the_other_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "treatycheck: 1\nplaces: [{id: riga, names: [Riga]}\n")
    write(tmp_path, "b.yaml", "treatycheck: 1\nplaces: [{id: tartu, names: [Tartu]}]\n")
    dataset = load(tmp_path)
    assert [p.id for p in dataset.places] == ["tartu"]
    assert [f.code for f in dataset.findings] == ["TC100"]
    assert dataset.findings[0].location.path.endswith("a.yaml")
    assert len(dataset.files) == 2


# --- TC103 invalid dates --------------------------------------------------------


def test_impossible_day_in_yaml_is_tc103_at_the_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dates.yaml",
        """
        treatycheck: 1
        treaties:
          - id: pact-1932
            events:
              - {type: signed, date: 1932-02-30}
              - {type: in-force, date: 1932-13-01}
        """,
    )
    assert located(load(path)) == [
        (
            "TC103",
            5,
            30,
            "treaties[0].events[0].date: 1932-02-30: February 1932 has 29 days",
        ),
        ("TC103", 6, 32, "treaties[0].events[1].date: 1932-13-01: there is no month 13"),
    ]


def test_malformed_date_in_json_is_tc103_at_the_value(tmp_path: Path) -> None:
    path = tmp_path / "dates.json"
    path.write_text(
        '{"treatycheck": 1,\n'
        ' "sources": [{"id": "a", "title": "A", "kind": "primary", "published": "spring 1950"}]}'
    )
    [(code, line, column, message)] = located(load(path))
    assert (code, line, column) == ("TC103", 2, 72)
    assert message.startswith("sources[0].published: ")


def test_a_date_interval_written_backwards_is_tc202_at_the_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dates.yaml",
        "treatycheck: 1\nsources:\n  - {id: a, title: A, kind: primary, published: 1950/1940}\n",
    )
    [(code, line, column, _)] = located(load(path))
    assert (code, line, column) == ("TC202", 3, 49)


# --- TC104 schema violations ----------------------------------------------------


def test_misspelt_event_type_names_the_path_and_suggests_the_type(tmp_path: Path) -> None:
    treaties = "".join(f"  - {{id: treaty-{n}, events: [{{type: signed}}]}}\n" for n in range(3))
    path = write(
        tmp_path,
        "types.yaml",
        "treatycheck: 1\ntreaties:\n"
        + treaties
        + "  - id: treaty-3\n    events:\n      - {type: negotiated}\n      - {type: signd}\n",
    )
    dataset = load(path)
    assert located(dataset) == [
        (
            "TC104",
            9,
            16,
            "treaties[3].events[1].type: 'signd' is not an event type; did you mean 'signed'?",
        )
    ]
    assert [t.id for t in dataset.treaties] == ["treaty-0", "treaty-1", "treaty-2"]


def test_unknown_key_is_tc104_at_the_key_with_a_suggestion(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "keys.yaml",
        """
        treatycheck: 1
        polities:
          - id: latvia
            exsits: {from: 1918-11-18}
        """,
    )
    assert located(load(path)) == [
        ("TC104", 4, 5, "polities[0].exsits: unknown key 'exsits'; did you mean 'exists'?")
    ]


def test_missing_required_field_is_tc104_at_the_record(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "missing.yaml",
        """
        treatycheck: 1
        sources:
          - id: lnts
            kind: primary
        """,
    )
    assert located(load(path)) == [
        ("TC104", 3, 5, "sources[0].title: required field 'title' is missing")
    ]


def test_wrong_type_is_tc104_at_the_value(tmp_path: Path) -> None:
    path = tmp_path / "types.json"
    path.write_text('{"treatycheck": 1,\n "places": [{"id": "riga", "names": "Riga"}]}')
    assert located(load(path)) == [
        ("TC104", 2, 37, "places[0].names: expected a list, got text ('Riga')")
    ]


def test_ids_must_be_kebab_case(tmp_path: Path) -> None:
    path = write(
        tmp_path, "ids.yaml", "treatycheck: 1\nplaces:\n  - {id: Riga_City, names: [Riga]}\n"
    )
    [(code, line, column, message)] = located(load(path))
    assert (code, line, column) == ("TC104", 3, 10)
    assert message == (
        "places[0].id: 'Riga_City' is not a valid id: use lowercase letters, digits and "
        "single hyphens, e.g. 'riga-city'"
    )


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("", (1, 1), "the file is empty"),
        ("- 1\n- 2\n", (1, 1), "the file holds a list"),
        ("places: []\n", (1, 1), "missing 'treatycheck: 1'"),
        ("treatycheck: 2\n", (1, 14), "treatycheck: 2 is not a format version"),
        ("treatycheck: 1\ntreatise: []\n", (2, 1), "did you mean 'treaties'?"),
        ("treatycheck: 1\nplaces: {id: riga}\n", (2, 9), "places must be a list of records"),
        ("treatycheck: 1\nplaces: [17]\n", (2, 10), "places[0]: expected a mapping"),
    ],
)
def test_top_level_problems_are_tc104(
    text: str, position: tuple[int, int], fragment: str, tmp_path: Path
) -> None:
    path = tmp_path / "top.yaml"
    path.write_text(text)
    [(code, line, column, message)] = located(load(path))
    assert (code, (line, column)) == ("TC104", position)
    assert fragment in message


def test_a_duplicate_key_is_tc104_and_the_first_value_is_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dup.yaml",
        """
        treatycheck: 1
        places:
          - id: riga
            names: [Riga]
            id: tartu
        """,
    )
    dataset = load(path)
    [(code, line, column, message)] = located(dataset)
    assert (code, line, column) == ("TC104", 5, 5)
    assert "duplicate key 'id' (first given on line 3)" in message
    assert dataset.places[0].id == "riga"


FIVE_ERRORS = """
treatycheck: 1
sources:
  - {id: lnts, title: League of Nations Treaty Series, kind: primray}
polities:
  - id: latvia
    names: [Latvia]
    exists: {from: 1918-11-31}
places:
  - {id: riga, names: [Riga], country: latvia}
treaties:
  - id: riga-1920
    parties: [soviet-russia, latvia]
    events:
      - {type: signed, date: 1920-08-11}
      - {type: ratifed, date: 1920-09-02}
  - id: tartu-1920
    parties: soviet-russia
"""


def test_five_independent_errors_give_five_findings(tmp_path: Path) -> None:
    dataset = load(write(tmp_path, "five.yaml", FIVE_ERRORS))
    assert [(code, line, column) for code, line, column, _ in located(dataset)] == [
        ("TC104", 3, 62),
        ("TC103", 7, 20),
        ("TC104", 9, 31),
        ("TC104", 15, 16),
        ("TC104", 17, 14),
    ]
    messages = [message for *_, message in located(dataset)]
    assert "did you mean 'primary'?" in messages[0]
    assert "did you mean 'ratified'?" in messages[3]
    assert dataset.record_count == 0


def test_good_records_next_to_bad_ones_are_loaded(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mixed.yaml",
        """
        treatycheck: 1
        places:
          - {id: riga, names: [Riga]}
          - {id: tartu}
          - {id: moscow, names: [Moscow]}
        """,
    )
    dataset = load(path)
    assert [p.id for p in dataset.places] == ["riga", "moscow"]
    assert [(f.code, f.location.line) for f in dataset.findings] == [("TC104", 4)]


def test_loading_never_raises_for_junk(tmp_path: Path) -> None:
    junk = ["\x00\x01", "{{{{", "treatycheck: 1\nsources: [[[]]]\n", "? [a]\n: b\n", "&a [*a]\n"]
    for n, text in enumerate(junk):
        (tmp_path / f"junk{n}.yaml").write_text(text)
    dataset = load(tmp_path)
    assert len(dataset.files) == len(junk)
    assert all(f.code in {"TC100", "TC104"} for f in dataset.findings)
    assert {f.location.path for f in dataset.findings} == {
        os.fspath(tmp_path / f"junk{n}.yaml") for n in range(len(junk))
    }


# --- JSON depth: checked where no model bounds it ------------------------------------


def schema_nesting(node: Any, definitions: dict[str, Any]) -> int:
    """How many containers deep a value valid under the JSON Schema ``node`` can nest."""
    if "$ref" in node:
        return schema_nesting(definitions[node["$ref"].rsplit("/", 1)[1]], definitions)
    alternatives = node.get("anyOf", []) + node.get("oneOf", [])
    if alternatives:
        return max(schema_nesting(option, definitions) for option in alternatives)
    if node.get("type") == "array":
        return 1 + schema_nesting(node.get("items", {}), definitions)
    if node.get("type") == "object" or "properties" in node:
        children = list(node.get("properties", {}).values())
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            children.append(extra)
        return 1 + max((schema_nesting(child, definitions) for child in children), default=0)
    return 0


def test_valid_data_cannot_nest_as_deep_as_the_json_depth_shortcut_assumes() -> None:
    schema = json_schema()
    assert schema_nesting(schema, schema["$defs"]) <= VALID_NESTING


def test_deep_nesting_inside_an_invalid_json_record_refuses_the_file(tmp_path: Path) -> None:
    deep = "[" * 70 + '"Riga"' + "]" * 70
    path = tmp_path / "deep.json"
    path.write_text(
        '{"treatycheck": 1,\n "places": [\n  {"id": "tartu", "names": ["Tartu"]},\n'
        f'  {{"id": "riga", "names": {deep}}}]}}\n'
    )
    dataset = load(path)
    [(code, line, _, message)] = located(dataset)
    assert (code, line) == ("TC100", 4)
    assert message == "nesting deeper than 64 levels; refusing to read further"
    assert dataset.places == ()  # the valid record before it is not kept either


def test_a_depth_limit_below_the_schema_depth_applies_to_valid_json_too(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"treatycheck": 1, "treaties": [{"id": "t", "events": [{"type": "signed"}]}]}')
    assert load(path).findings == ()
    [(code, _, _, message)] = located(load(path, limits=Limits(max_depth=3)))
    assert code == "TC100" and "deeper than 3 levels" in message


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            "sources: [{id: a, title: A, kind: primary, reliability: 2}]",
            "sources[0].reliability: must be at most 1, not 2",
        ),
        (
            "sources: [{id: a, title: A, kind: primary, reliability: -0.5}]",
            "sources[0].reliability: must be at least 0, not -0.5",
        ),
        ("places: [{id: riga, names: []}]", "places[0].names: needs at least 1 item"),
        ("places: [{id: riga, names: ['']}]", "places[0].names[0]: must not be empty"),
        (
            "claims: [{source: s, about: t, property: parties, value: [ussr, 5]}]",
            "claims[0].value: each party is a polity id or name (text), not 5",
        ),
        (
            "claims: [{source: s, about: t, property: title, value: {julian: 1918}}]",
            "claims[0].value: title takes a single value, not a mapping",
        ),
        (
            "claims: [{source: s, about: t, property: kind, value: [peace]}]",
            "claims[0].value: kind takes a single value, not a list",
        ),
    ],
)
def test_out_of_bounds_values_get_plain_messages(record: str, message: str, tmp_path: Path) -> None:
    path = write(tmp_path, "bounds.yaml", f"treatycheck: 1\n{record}\n")
    assert [text for *_, text in located(load(path))] == [message]
