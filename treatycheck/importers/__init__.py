"""Importers for external datasets: state-system lists and ATOP alliances.

>>> from treatycheck import importers
>>> result = importers.import_files("cow", ["states2016.csv"])  # doctest: +SKIP
>>> result.files[0].read, result.files[0].imported  # doctest: +SKIP
(243, 243)
>>> report = treatycheck.validate(importers.to_dataset(result))  # doctest: +SKIP

Each format module reads its files into spells or alliances with the cell
each value came from; :func:`combine` links several imports by COW number;
:func:`to_dataset` gives a :class:`~treatycheck.dataset.Dataset` whose
findings point into the CSV files; :func:`to_yaml` and :func:`to_json` give
a treatycheck data file. Nothing here raises for bad data: unreadable values
are messages (and, in :func:`to_dataset`, findings) naming line and column.
See ``docs/importers.md``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from .._names import edit_distance
from ..findings import UsageError
from . import atop, cow, gw, huggo, isd
from ._common import Cell, FileCounts, ImportMessage
from ._records import Parsed
from .crosswalk import Crosswalk, read_crosswalk
from .link import AUTHORITY, Linked, link
from .output import to_dataset, to_json, to_yaml

__all__ = [
    "AUTHORITY",
    "FORMATS",
    "Cell",
    "Crosswalk",
    "FileCounts",
    "Format",
    "ImportMessage",
    "ImportResult",
    "combine",
    "import_files",
    "read_crosswalk",
    "to_dataset",
    "to_json",
    "to_yaml",
]


@dataclass(frozen=True, slots=True)
class Format:
    """One importable format: its name, what files it reads, and its reader."""

    name: str
    description: str
    parse: Callable[[Sequence[str | os.PathLike[str]]], Parsed]
    source_id: str


FORMATS: Final[Mapping[str, Format]] = {
    "cow": Format(
        "cow",
        "Correlates of War State System Membership List (states2016.csv)",
        cow.parse,
        "cow-states",
    ),
    "gw": Format(
        "gw",
        "Gleditsch & Ward independent states (gwstates.csv, derived from the xlsx)",
        gw.parse,
        "gw-states",
    ),
    "isd": Format(
        "isd",
        "International System(s) Dataset v2 (isd_2_2_update_reversedates.csv)",
        isd.parse,
        "isd-states",
    ),
    "huggo": Format(
        "huggo",
        "HUGGO / GGO states (HUGGO_states_clean.csv)",
        huggo.parse,
        "huggo-states",
    ),
    "atop": Format(
        "atop",
        "ATOP alliances, alliance level and/or member level (atop-*-level.csv)",
        atop.parse,
        "atop",
    ),
}
"""Every importable format by name."""


@dataclass(frozen=True, eq=False)
class ImportResult:
    """An import: the treatycheck document, row counts per file, and messages.

    ``document`` is a dict in the treatycheck data format (SPEC section 2);
    ``origins`` maps ``(section, index)`` of each record to the CSV row and
    cells it came from.
    """

    parts: tuple[Parsed, ...]
    linked: Linked
    crosswalk: Crosswalk | None = None

    @property
    def document(self) -> dict[str, Any]:
        """The data file as a dict (``treatycheck: 1``, sources, polities, ...)."""
        return self.linked.document

    @property
    def files(self) -> tuple[FileCounts, ...]:
        """Rows read, imported and rejected, per file."""
        out = [counts for part in self.parts for counts in part.files]
        if self.crosswalk is not None:
            out.append(self.crosswalk.counts)
        return tuple(out)

    @property
    def messages(self) -> tuple[ImportMessage, ...]:
        """Every message of every file and of linking, in file order."""
        out = [message for part in self.parts for message in part.messages]
        if self.crosswalk is not None:
            out.extend(self.crosswalk.messages)
        out.extend(self.linked.messages)
        return tuple(out)

    @property
    def read(self) -> int:
        """Data rows read in all files."""
        return sum(counts.read for counts in self.files)

    @property
    def imported(self) -> int:
        """Data rows that produced a record."""
        return sum(counts.imported for counts in self.files)

    @property
    def rejected(self) -> int:
        """Data rows that produced no record (each has a message)."""
        return sum(counts.rejected for counts in self.files)


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`UsageError` with a suggestion if there is none."""
    found = FORMATS.get(name.lower())
    if found is None:
        near = sorted(FORMATS, key=lambda known: edit_distance(name.lower(), known))
        hint = near[0] if edit_distance(name.lower(), near[0]) <= 2 else None
        raise UsageError(
            f"unknown import format {name!r}"
            + (f"; did you mean {hint!r}?" if hint else "")
            + f" (formats: {', '.join(FORMATS)})"
        )
    return found


def import_files(
    format: str,
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    crosswalk: str | os.PathLike[str] | Crosswalk | None = None,
) -> ImportResult:
    """Import the files of one format into a treatycheck document.

    ``crosswalk`` (the histwardb ``crosswalk.csv``) adds Wikidata ids and lets
    HUGGO rows link to COW numbers by name. Raises :class:`UsageError` for an
    unknown format or a path that does not exist; problems in the files are
    messages.
    """
    chosen = get_format(format)
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not items:
        raise UsageError(f"no file given for format {chosen.name}")
    _require(items)
    walk = _crosswalk(crosswalk)
    part = chosen.parse(items)
    return ImportResult((part,), link([part], walk), walk)


def combine(
    results: Iterable[ImportResult],
    *,
    crosswalk: str | os.PathLike[str] | Crosswalk | None = None,
    authority: Sequence[str] = AUTHORITY,
) -> ImportResult:
    """Link several imports into one document (the same state is one subject).

    ``authority`` orders the states datasets: the first that has a state
    gives its polities' ``exists`` and decides whether an ATOP member existed.
    """
    parts = tuple(part for result in results for part in result.parts)
    walk = _crosswalk(crosswalk)
    if walk is None:
        walk = next((r.crosswalk for r in results if r.crosswalk is not None), None)
    return ImportResult(parts, link(parts, walk, authority), walk)


def _require(paths: Iterable[str | os.PathLike[str]]) -> None:
    for path in paths:
        if not Path(path).exists():
            raise UsageError(f"{os.fspath(path)}: no such file")


def _crosswalk(value: str | os.PathLike[str] | Crosswalk | None) -> Crosswalk | None:
    if value is None or isinstance(value, Crosswalk):
        return value
    _require([value])
    return read_crosswalk(value)


def dumps(result: ImportResult, suffix: str) -> str:
    """The document as YAML (``.yaml``/``.yml``, with origin comments) or JSON (``.json``)."""
    if suffix.lower() == ".json":
        return to_json(result)
    if suffix.lower() in (".yaml", ".yml", ""):
        return to_yaml(result)
    raise UsageError(f"cannot write {suffix!r} files; use .yaml, .yml or .json")
