"""An import as a Dataset (with CSV locations), as YAML (with origin comments) or as JSON.

A :class:`~treatycheck.dataset.Dataset` built by :func:`to_dataset` locates
every record at its CSV row and every field at its cell, so findings of a
validation run point into the original files. YAML written by
:func:`to_yaml` says above each record which file and line it came from (a
comment, which the loader ignores); claims also carry it in ``locator``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import yaml
from pydantic import BaseModel, ValidationError

from ..dataset import Dataset
from ..findings import Finding, Location, Pointer
from ..models import SECTIONS
from ..rules.catalogue import finding

if TYPE_CHECKING:
    from . import ImportResult

__all__ = ["to_dataset", "to_json", "to_yaml"]

_SECTIONS: Final = ("sources", "polities", "treaties", "claims")
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class CsvCells:
    """Line and column of record fields in one CSV file (a ``PositionIndex``)."""

    def __init__(self) -> None:
        self.cells: dict[Pointer, tuple[int, int]] = {}

    def add(self, pointer: Pointer, line: int, column: int) -> None:
        """Record where the value at ``pointer`` was read."""
        self.cells[pointer] = (line, column)

    def resolve(self, pointers: Sequence[Pointer]) -> list[tuple[int, int]]:
        """Each pointer's cell, or that of its nearest recorded ancestor."""
        out = []
        for pointer in pointers:
            steps = tuple(pointer)
            while steps and steps not in self.cells:
                steps = steps[:-1]
            out.append(self.cells.get(steps, (0, 0)))
        return out


def to_dataset(result: ImportResult) -> Dataset:
    """The imported records as a Dataset whose locations are CSV cells.

    Importer messages with a rule code (TC100, TC103, TC104) become load
    findings of the dataset, so a validation run reports them too.
    """
    linked = result.linked
    indexes: dict[str, CsvCells] = {}
    built: dict[str, list[Any]] = {name: [] for name in _SECTIONS}
    locations: dict[int, Location] = {}
    findings: list[Finding] = []
    for section in _SECTIONS:
        model: type[BaseModel] = SECTIONS[section]
        for position, record in enumerate(linked.document.get(section, ())):
            origin = linked.origins[(section, position)]
            path = origin.row.path
            index = indexes.setdefault(path, CsvCells())
            pointer: Pointer = (section, position)
            index.add(pointer, origin.row.line, origin.row.column)
            for steps, cell in origin.cells.items():
                if cell.path == path:
                    index.add(pointer + steps, cell.line, cell.column)
            try:
                item = model.model_validate(record)
            except ValidationError as error:
                detail = error.errors(include_url=False)[0]
                where = ".".join(str(step) for step in detail["loc"])
                findings.append(
                    finding(
                        "TC104",
                        f"{section} record {record.get('id') or record.get('about')}: "
                        f"{where}: {detail['msg']}",
                        Location(path, origin.row.line, origin.row.column),
                    )
                )
                continue
            built[section].append(item)
            locations[id(item)] = Location(path, pointer=pointer, index=index)
    for message in result.messages:
        if message.code is None:
            continue
        column = f" (column {message.cell.name})" if message.cell.name else ""
        findings.append(
            finding(
                message.code,
                f"{message.text}{column}",
                Location(message.cell.path, message.cell.line, message.cell.column),
            )
        )
    return Dataset(
        sources=tuple(built["sources"]),
        polities=tuple(built["polities"]),
        treaties=tuple(built["treaties"]),
        claims=tuple(built["claims"]),
        files=tuple(counts.path for counts in result.files),
        findings=tuple(findings),
        locations=locations,
    )


def to_yaml(result: ImportResult) -> str:
    """A treatycheck data file; a comment above each record names its file and line."""
    linked = result.linked
    lines = ["# treatycheck data file written by `treatycheck import`"]
    lines.extend(f"# {counts}" for counts in result.files)
    lines.append("treatycheck: 1")
    for section in _SECTIONS:
        records = linked.document.get(section)
        if not records:
            continue
        lines.append(f"{section}:")
        for position, record in enumerate(records):
            row = linked.origins[(section, position)].row
            lines.append(f"  # {row.path} line {row.line}")
            text = yaml.dump(
                [record],
                Dumper=_Dumper,
                sort_keys=False,
                allow_unicode=True,
                width=100,
                default_flow_style=None,
            )
            lines.extend(f"  {line}" for line in text.splitlines())
    return "\n".join(lines) + "\n"


def to_json(result: ImportResult) -> str:
    """A treatycheck data file as JSON (origins only in claim locators and record notes)."""
    return json.dumps(result.linked.document, indent=2, ensure_ascii=False) + "\n"
