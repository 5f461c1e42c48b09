"""Fuzzing by breaking valid data: the curated fixtures with keys deleted, types swapped,
random strings where dates or ids belong, and the raw bytes truncated, spliced and corrupted.

A mutated file is put back among the other (intact) files of its fixture, so the
cross-record rules (references, duplicate ids, chronology, sources) run on it too.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import (
    DATE_TEXTS,
    EXAMPLE,
    IDS,
    OUTPUT_FORMATS,
    SOVIET_BALTIC,
    VALUES,
    cli_checked,
    validate_checked,
)
from treatycheck.strategies import GeneratedDataset, datasets, defect_codes

FIXTURE_FILES: dict[str, dict[str, bytes]] = {
    "soviet-baltic": {p.name: p.read_bytes() for p in sorted(SOVIET_BALTIC.glob("*.yaml"))},
    "example": {p.name: p.read_bytes() for p in sorted(EXAMPLE.glob("*.yaml"))},
}
CHOICES = [(fixture, name) for fixture, files in FIXTURE_FILES.items() for name in files]

Step = str | int


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory reused across examples (each example clears it)."""
    return tmp_path_factory.mktemp("fuzz-mutations")


def _write_fixture(
    directory: Path, fixture: str, replaced: str, name: str, raw: bytes
) -> tuple[Path, dict[str, bytes]]:
    """The fixture's files in a fresh directory, ``replaced`` swapped for ``name`` = ``raw``."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    files: dict[str, bytes] = {}
    for other, content in FIXTURE_FILES[fixture].items():
        if other == replaced:
            other, content = name, raw
        (directory / other).write_bytes(content)
        files[f"{directory}/{other}"] = content
    return directory, files


# -- structural mutations ----------------------------------------------------


def _paths(tree: Any, prefix: tuple[Step, ...] = ()) -> list[tuple[Step, ...]]:
    """Every path to a value inside ``tree`` (not the root)."""
    out: list[tuple[Step, ...]] = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            out.append((*prefix, key))
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            out.append((*prefix, index))
            out.extend(_paths(value, (*prefix, index)))
    return out


def _parent(tree: Any, path: tuple[Step, ...]) -> Any:
    for step in path[:-1]:
        tree = tree[step]
    return tree


RANDOM_STRINGS = st.one_of(
    st.text(max_size=40),
    DATE_TEXTS,
    st.sampled_from(IDS),
    st.sampled_from(["Soviet Russia", "U.S.S.R.", "Dorpat", "", " ", "a" * 300, "1932-02-30"]),
    st.sampled_from(["Not-Kebab", "two  spaces", "trailing-", "ünïcödé", "id\x00nul", "\u202e"]),
)


def _retyped(value: Any) -> Any:
    """The same content in the wrong type: a list for a scalar, text for a list, and so on."""
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return ", ".join(map(str, value)) if value else {}
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return [value]
    return {"value": value}


MUTATIONS = ("delete", "replace", "string", "retype", "rename", "duplicate", "swap")


def _mutate(tree: Any, data: st.DataObject) -> None:
    paths = _paths(tree)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths), label="path")
    parent = _parent(tree, path)
    step = path[-1]
    kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    if kind == "delete":
        del parent[step]
    elif kind == "replace":
        parent[step] = data.draw(VALUES, label="value")
    elif kind == "string":
        parent[step] = data.draw(RANDOM_STRINGS, label="string")
    elif kind == "retype":
        parent[step] = _retyped(parent[step])
    elif kind == "rename" and isinstance(parent, dict):
        new_key = data.draw(st.sampled_from([str(step)[:-1], str(step) + "s", "x"]), label="key")
        parent[new_key] = parent.pop(step)
    elif kind == "duplicate" and isinstance(parent, list):
        parent.insert(int(step), parent[int(step)])
    elif kind == "swap":
        other = data.draw(st.sampled_from(paths), label="other path")
        other_parent = _parent(tree, other)
        if other[: len(path)] != path and path[: len(other)] != other:  # neither holds the other
            parent[step], other_parent[other[-1]] = other_parent[other[-1]], parent[step]


def _serialise(tree: Any, as_json: bool) -> bytes:
    if as_json:
        return json.dumps(tree, indent=1, ensure_ascii=False, default=str).encode("utf-8")
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")


@given(
    choice=st.sampled_from(CHOICES),
    count=st.integers(1, 4),
    as_json=st.booleans(),
    output_format=OUTPUT_FORMATS,
    data=st.data(),
)
def test_structurally_mutated_fixtures(
    workdir: Path,
    choice: tuple[str, str],
    count: int,
    as_json: bool,
    output_format: str,
    data: st.DataObject,
) -> None:
    fixture, name = choice
    tree = yaml.safe_load(FIXTURE_FILES[fixture][name])
    for _ in range(count):
        _mutate(tree, data)
    new_name = name.replace(".yaml", ".json") if as_json else name
    directory, files = _write_fixture(
        workdir / fixture, fixture, name, new_name, _serialise(tree, as_json)
    )
    validate_checked([directory], files)
    cli_checked([directory], output_format)


# -- byte-level mutations ----------------------------------------------------

BYTE_MUTATIONS = (
    "truncate",
    "insert",
    "delete",
    "overwrite",
    "crlf",
    "cr",
    "bom",
    "line",
    "indent",
)


def _mutate_bytes(raw: bytes, data: st.DataObject) -> bytes:
    kind = data.draw(st.sampled_from(BYTE_MUTATIONS), label="byte mutation")
    at = data.draw(st.integers(0, len(raw)), label="offset")
    if kind == "truncate":
        return raw[:at]
    if kind == "insert":
        return raw[:at] + data.draw(st.binary(min_size=1, max_size=20), label="bytes") + raw[at:]
    if kind == "delete":
        return raw[:at] + raw[at + data.draw(st.integers(1, 200), label="length") :]
    if kind == "overwrite":
        byte = data.draw(st.integers(0, 255), label="byte")
        return raw[:at] + bytes([byte]) + raw[at + 1 :]
    if kind == "crlf":
        return raw.replace(b"\n", b"\r\n")
    if kind == "cr":
        return raw.replace(b"\n", b"\r")
    if kind == "bom":
        return b"\xef\xbb\xbf" + raw
    lines = raw.split(b"\n")
    index = min(at, len(lines) - 1)
    if kind == "line":
        lines[index] = data.draw(st.text(max_size=60), label="line").encode("utf-8")
    else:  # indent: shift one line left or right, breaking the YAML structure
        lines[index] = (b"   " + lines[index]) if at % 2 else lines[index].lstrip()
    return b"\n".join(lines)


@given(
    choice=st.sampled_from(CHOICES),
    count=st.integers(1, 3),
    output_format=OUTPUT_FORMATS,
    data=st.data(),
)
def test_byte_mutated_fixtures(
    workdir: Path, choice: tuple[str, str], count: int, output_format: str, data: st.DataObject
) -> None:
    fixture, name = choice
    raw = FIXTURE_FILES[fixture][name]
    for _ in range(count):
        raw = _mutate_bytes(raw, data)
    directory, files = _write_fixture(workdir / fixture, fixture, name, name, raw)
    validate_checked([directory], files)
    cli_checked([directory], output_format)


@given(choice=st.sampled_from(CHOICES), data=st.data())
def test_a_mutated_file_given_alone(
    workdir: Path, choice: tuple[str, str], data: st.DataObject
) -> None:
    """An explicit file path (not a directory) takes the same path through the loader."""
    fixture, name = choice
    raw = _mutate_bytes(FIXTURE_FILES[fixture][name], data)
    directory = workdir / "alone"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    path = directory / name
    path.write_bytes(raw)
    validate_checked([path], {str(path): raw})


def test_the_unmutated_fixtures_pass_the_same_checks(workdir: Path) -> None:
    """The harness itself accepts the fixtures as they are (so a failure above is the mutation)."""
    for fixture in FIXTURE_FILES:
        directory, files = _write_fixture(workdir / fixture, fixture, "", "", b"")
        report = validate_checked([directory], files)
        assert not [f for f in report.findings if f.code in ("TC100", "TC104")]


# -- generated datasets (treatycheck.strategies), then broken ------------------------


@given(
    generated=st.one_of(
        datasets(), st.sampled_from(defect_codes()).flatmap(lambda code: datasets(defect=code))
    ),
    as_json=st.booleans(),
    structural=st.integers(0, 3),
    output_format=OUTPUT_FORMATS,
    data=st.data(),
)
def test_generated_datasets_mutated(
    workdir: Path,
    generated: GeneratedDataset,
    as_json: bool,
    structural: int,
    output_format: str,
    data: st.DataObject,
) -> None:
    """Valid and single-defect datasets from the public strategies, mutated further."""
    tree = copy.deepcopy(generated.document)
    for _ in range(structural):
        _mutate(tree, data)
    raw = _serialise(tree, as_json)
    if data.draw(st.booleans(), label="also break the bytes"):
        raw = _mutate_bytes(raw, data)
    directory = workdir / "generated"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    path = directory / ("data.json" if as_json else "data.yaml")
    path.write_bytes(raw)
    validate_checked([path], {str(path): raw})
    cli_checked([path], output_format)
