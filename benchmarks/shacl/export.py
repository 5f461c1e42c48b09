"""A loaded dataset as N-Triples, for the SHACL shapes of the shared checks.

Only what the four shared checks need is exported, already reduced to
numbers as treatycheck reduces it: a date becomes its earliest and latest day
(proleptic Gregorian ordinals, ``xsd:integer``), an open bound is left out.

* treaties: ``tc:party`` links, and per event type the earliest and latest day
  of each event of that type (``tc:signedEarliest``, ``tc:signedLatest``, ...),
  for TC201 (event order);
* bilateral treaties are also typed ``tc:BilateralTreaty``, for TC301;
* events a party must exist for are nodes with their days and actors (the
  parties, or the ratifying polity), for TC302; polities carry the days of
  their existence bounds;
* every closed interval (a polity's existence and name spans, a person's
  offices) is a ``tc:Interval`` with its start and end day, for TC202.

IRIs are URNs (``urn:tc:...``); nothing is fetched.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from treatycheck.dataset import Dataset
from treatycheck.dates import HistDate
from treatycheck.loader import load
from treatycheck.rules.parties import EXISTENCE_EVENTS

__all__ = ["NS", "export", "triples"]

NS = "urn:tc:p:"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_INT = "^^<http://www.w3.org/2001/XMLSchema#integer>"


def _iri(kind: str, key: str) -> str:
    return f"<urn:tc:{kind}:{key}>"


def _p(name: str) -> str:
    return f"<{NS}{name}>"


def _camel(event_type: str) -> str:
    head, *rest = event_type.split("-")
    return head + "".join(part.capitalize() for part in rest)


def _num(value: int) -> str:
    return f'"{value}"{_INT}'


def triples(dataset: Dataset) -> Iterator[str]:
    """N-Triples lines (without the final newline) for the shared checks."""
    interval = 0
    for polity in dataset.polities:
        node = _iri("polity", polity.id)
        yield f"{node} {_TYPE} {_p('Polity')} ."
        exists = polity.exists
        if exists is not None:
            if exists.from_ is not None and not exists.from_.open_start:
                yield f"{node} {_p('fromEarliest')} {_num(exists.from_.earliest)} ."
            if exists.to is not None and not exists.to.open_end:
                yield f"{node} {_p('toLatest')} {_num(exists.to.latest)} ."
        spans: list[tuple[HistDate | None, HistDate | None]] = []
        if exists is not None:
            spans.append((exists.from_, exists.to))
        spans.extend((span.from_, span.to) for span in polity.names)
        for start, end in spans:
            if start is not None and end is not None:
                interval += 1
                yield from _interval(interval, start, end)
    for person in dataset.people:
        for office in person.offices:
            if office.from_ is not None and office.to is not None:
                interval += 1
                yield from _interval(interval, office.from_, office.to)
    for treaty in dataset.treaties:
        node = _iri("treaty", treaty.id)
        yield f"{node} {_TYPE} {_p('Treaty')} ."
        if treaty.form == "bilateral":
            yield f"{node} {_TYPE} {_p('BilateralTreaty')} ."
        for party in treaty.parties:
            yield f"{node} {_p('party')} {_iri('polity', party)} ."
        for index, event in enumerate(treaty.events):
            if event.date is None:
                continue
            name = _camel(event.type)
            yield f"{node} {_p(name + 'Earliest')} {_num(event.date.earliest)} ."
            yield f"{node} {_p(name + 'Latest')} {_num(event.date.latest)} ."
            if event.type not in EXISTENCE_EVENTS:
                continue
            event_node = _iri("event", f"{treaty.id}/{index}")
            yield f"{event_node} {_TYPE} {_p('ExistenceEvent')} ."
            yield f"{event_node} {_p('earliest')} {_num(event.date.earliest)} ."
            yield f"{event_node} {_p('latest')} {_num(event.date.latest)} ."
            actors = [event.by] if event.by is not None else treaty.parties
            for actor in actors:
                yield f"{event_node} {_p('actor')} {_iri('polity', actor)} ."


def _interval(number: int, start: HistDate, end: HistDate) -> Iterator[str]:
    node = _iri("interval", str(number))
    yield f"{node} {_TYPE} {_p('Interval')} ."
    yield f"{node} {_p('start')} {_num(start.earliest)} ."
    yield f"{node} {_p('end')} {_num(end.latest)} ."


def export(data: Path, out: Path) -> int:
    """Load ``data`` with treatycheck and write its N-Triples to ``out``; the triple count."""
    dataset = load(data)
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for line in triples(dataset):
            handle.write(line + "\n")
            count += 1
    return count


if __name__ == "__main__":
    print(export(Path(sys.argv[1]), Path(sys.argv[2])))
