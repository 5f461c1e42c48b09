"""Fuzzing with generated documents: random values, data-shaped records, random text and bytes.

Each generated input is written to a file and run through
``treatycheck.validate`` and the command (every output format); the
invariants are in :mod:`tests.fuzzing`. The example count comes from the
hypothesis profile (``ci`` by default; ``--hypothesis-profile=long`` for a
deeper run).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import (
    ANY_DOCUMENTS,
    DATA_DOCUMENTS,
    OUTPUT_FORMATS,
    cli_checked,
    validate_checked,
    write_bytes,
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory reused across examples (each example clears what it uses)."""
    return tmp_path_factory.mktemp("fuzz-documents")


def _fresh(directory: Path) -> Path:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def _dump_yaml(document: Any, flow: bool | None, unicode: bool) -> bytes:
    text = yaml.safe_dump(
        document, default_flow_style=flow, allow_unicode=unicode, sort_keys=False, width=60
    )
    return text.encode("utf-8")


def _dump_json(document: Any, indent: int | None) -> bytes:
    return json.dumps(document, indent=indent, ensure_ascii=False).encode("utf-8")


def _check_one(directory: Path, name: str, raw: bytes, output_format: str | None = None) -> None:
    path = write_bytes(_fresh(directory) / name, raw)
    validate_checked([path], {str(path): raw})
    if output_format is not None:
        cli_checked([path], output_format)


@given(document=ANY_DOCUMENTS, indent=st.sampled_from([None, 1, 2]))
def test_any_json_value_is_a_finding_never_a_crash(
    workdir: Path, document: Any, indent: int | None
) -> None:
    _check_one(workdir, "data.json", _dump_json(document, indent))


@given(document=ANY_DOCUMENTS, flow=st.sampled_from([None, True, False]), unicode=st.booleans())
def test_any_yaml_value_is_a_finding_never_a_crash(
    workdir: Path, document: Any, flow: bool | None, unicode: bool
) -> None:
    _check_one(workdir, "data.yaml", _dump_yaml(document, flow, unicode))


@given(
    document=DATA_DOCUMENTS,
    as_json=st.booleans(),
    flow=st.sampled_from([None, True, False]),
    output_format=OUTPUT_FORMATS,
)
def test_data_shaped_documents_through_api_and_every_output_format(
    workdir: Path, document: dict[str, Any], as_json: bool, flow: bool | None, output_format: str
) -> None:
    raw = _dump_json(document, 2) if as_json else _dump_yaml(document, flow, True)
    _check_one(workdir, "data.json" if as_json else "data.yaml", raw, output_format)


@given(
    documents=st.lists(DATA_DOCUMENTS, min_size=2, max_size=3),
    output_format=OUTPUT_FORMATS,
)
def test_several_data_files_in_a_directory(
    workdir: Path, documents: list[dict[str, Any]], output_format: str
) -> None:
    directory = _fresh(workdir / "dataset")
    files: dict[str, bytes] = {}
    for number, document in enumerate(documents):
        name = f"part-{number}.json" if number % 2 else f"part-{number}.yaml"
        raw = _dump_json(document, 1) if number % 2 else _dump_yaml(document, None, True)
        write_bytes(directory / name, raw)
        files[f"{directory}/{name}"] = raw
    validate_checked([directory], files)
    cli_checked([directory], output_format)


_YAML_ALPHABET = st.sampled_from(
    [*"treatycheck:1-[]{},&*!|>'\"#%@`?\t\n\r ", "\x85", "\u2028", "\ufeff", "\x00", "é", "😀"]
)


@given(
    text=st.text(alphabet=_YAML_ALPHABET, max_size=200) | st.text(max_size=200),
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_random_text_is_a_finding_never_a_crash(workdir: Path, text: str, suffix: str) -> None:
    raw = ("treatycheck: 1\n" + text if suffix == ".yaml" else text).encode("utf-8")
    _check_one(workdir, "data" + suffix, raw)


@given(
    raw=st.binary(max_size=300),
    suffix=st.sampled_from([".yaml", ".yml", ".json"]),
    output_format=OUTPUT_FORMATS,
)
def test_random_bytes_are_a_finding_never_a_crash(
    workdir: Path, raw: bytes, suffix: str, output_format: str
) -> None:
    _check_one(workdir, "data" + suffix, raw, output_format)
