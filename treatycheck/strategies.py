"""Hypothesis strategies that generate treatycheck datasets, valid or with one chosen defect.

>>> from treatycheck.strategies import datasets
>>> @given(datasets())                       # doctest: +SKIP
... def test_valid_data_pass(generated):
...     path = generated.write(tmp_dir)
...     assert treatycheck.validate(path, today=generated.today).findings == ()

``datasets()`` draws a valid dataset: polities that exist across the whole
period of the treaties, treaties whose events are in canonical order and
dated inside that period, a reference source that every treaty cites,
secondary sources published long after the events with claims that agree
with the record, and assertions that hold. ``datasets(defect="TC302")``
draws such a dataset and injects one defect of that rule; every code of the
catalogue is supported. :attr:`GeneratedDataset.expected_codes` says which
codes the engine must report: the defect's own code, plus TC502 for the two
rules that explain a contradiction (TC503, TC504), since an explanation is
reported beside the conflict it explains.

This module needs hypothesis (a test dependency of treatycheck); nothing
else in the package imports it.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .rules.catalogue import CATALOGUE

__all__ = ["TODAY", "GeneratedDataset", "datasets", "defect_codes"]

TODAY: Final = _dt.date(2024, 1, 1)
"""The 'today' generated datasets are checked with (pass it as ``today=``)."""

_FIRST: Final = _dt.date(1901, 1, 1).toordinal()
_LAST: Final = _dt.date(1949, 6, 30).toordinal()
"""Treaty events fall in this period; every generated polity exists throughout it."""

POLITY_NAMES: Final = (
    "Arvenia",
    "Belmarch",
    "Corsavia",
    "Dunholm",
    "Estravel",
    "Fennoria",
    "Galdovia",
    "Hesperon",
    "Ulvadrin",
    "Jorvaland",
    "Kestrelund",
    "Lusovar",
)
PLACE_NAMES: Final = ("Amberfold", "Brightwater", "Colvenport", "Drummerick", "Elmsgate")
PERSON_NAMES: Final = ("Albrecht Halvorsen", "Beatrix Normand", "Cornelius Vantadour")
"""Invented names, pairwise more than four edits apart, so that none is a near miss of another."""

_LATE_POLITY: Final = "Nordmark Republic"
_SPARE_PLACE: Final = "Quarrybridge"
_SPARE_PERSON: Final = "Wilhelmina Thorsby"
_REFERENCE: Final = "reference-archive"
_KINDS: Final = ("peace", "non-aggression", "commerce", "arbitration")
_AFTER_SIGNATURE: Final = ("ratified", "ratifications-exchanged", "in-force")


def defect_codes() -> tuple[str, ...]:
    """Every rule code ``datasets(defect=...)`` accepts: the whole catalogue."""
    return tuple(CATALOGUE)


@dataclass(frozen=True)
class GeneratedDataset:
    """A generated dataset: the document, how to write it, and what the engine must report."""

    document: dict[str, Any]
    """The whole dataset as one mapping, ready to dump as YAML or JSON."""
    expected_code: str | None = None
    """The injected defect's rule code (None for a valid dataset)."""
    expected_codes: frozenset[str] = field(default_factory=frozenset)
    """Every code the engine must report: the defect's, plus TC502 beside TC503/TC504."""
    unreadable: bool = False
    """TC100: the written text does not parse."""
    today: _dt.date = TODAY
    """The date to validate with, so that TC203 does not depend on the clock."""

    def yaml_text(self) -> str:
        """The dataset as a YAML file (dates written as quoted strings)."""
        text = yaml.safe_dump(self.document, sort_keys=False, allow_unicode=True)
        return text + "treaties: [never closed\n" if self.unreadable else text

    def json_text(self) -> str:
        """The dataset as a JSON file."""
        text = json.dumps(self.document, indent=2, ensure_ascii=False) + "\n"
        return text.rstrip().removesuffix("}") + "\n" if self.unreadable else text

    def write(self, directory: Path, fmt: str = "yaml") -> Path:
        """Write the dataset as ``directory/data.yaml`` (or ``.json``) and return the path."""
        if fmt not in ("yaml", "json"):
            raise ValueError(f"fmt must be 'yaml' or 'json', not {fmt!r}")
        path = directory / f"data.{fmt}"
        text = self.yaml_text() if fmt == "yaml" else self.json_text()
        path.write_text(text, encoding="utf-8")
        return path


def datasets(defect: str | None = None) -> st.SearchStrategy[GeneratedDataset]:
    """Valid datasets, or (with ``defect=CODE``) datasets with one defect of that rule."""
    if defect is not None:
        if not isinstance(defect, str) or defect.upper() not in CATALOGUE:
            raise InvalidArgument(
                f"defect={defect!r} is not a rule code; choose one of {', '.join(CATALOGUE)}"
            )
        defect = defect.upper()
    return _datasets(defect)


# -- valid datasets ---------------------------------------------------------------


def _iso(ordinal: int) -> str:
    return _dt.date.fromordinal(ordinal).isoformat()


def _day(draw: st.DrawFn, first: int, last: int) -> int:
    """A day between two ordinals whose day of the month is at most 28."""
    ordinal = draw(st.integers(first, last))
    date = _dt.date.fromordinal(ordinal)
    return date.replace(day=min(date.day, 28)).toordinal()


def _kebab(name: str) -> str:
    return "-".join(name.lower().split())


@st.composite
def _valid(draw: st.DrawFn) -> dict[str, Any]:
    n_polities = draw(st.integers(3, 6))
    polity_names = draw(st.permutations(POLITY_NAMES))[:n_polities]
    polities = []
    for name in polity_names:
        start = _day(draw, _dt.date(1800, 1, 1).toordinal(), _dt.date(1899, 12, 31).toordinal())
        polity: dict[str, Any] = {"id": _kebab(name), "names": [name]}
        if draw(st.booleans()):
            end = _day(draw, _dt.date(1960, 1, 1).toordinal(), _dt.date(1999, 12, 31).toordinal())
            polity["exists"] = {"from": _iso(start), "to": _iso(end)}
        else:
            polity["exists"] = {"from": _iso(start)}
        polities.append(polity)
    ids = [p["id"] for p in polities]
    places = [{"id": _kebab(n), "names": [n]} for n in PLACE_NAMES[: draw(st.integers(1, 3))]]
    secondary = [
        {
            "id": f"survey-{index}",
            "title": f"Generated survey {index}",
            "kind": "secondary",
            "published": str(draw(st.integers(1995, 2015))),
        }
        for index in (1, 2)
    ]
    sources = [{"id": _REFERENCE, "title": "Generated treaty register", "kind": "reference"}]
    treaties = [
        _treaty(draw, index, ids, places, bilateral=index == 0)
        for index in range(draw(st.integers(1, 4)))
    ]
    document: dict[str, Any] = {
        "treatycheck": 1,
        "sources": sources + secondary,
        "polities": polities,
        "places": places,
        "treaties": treaties,
    }
    claims = [claim for treaty in treaties for claim in _agreeing_claims(draw, treaty, secondary)]
    if claims:
        document["claims"] = claims
    if draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        document["groups"] = [{"id": "generated-bloc", "members": members}]
    people, assertions = _holding_assertions(draw, treaties, ids)
    if people:
        document["people"] = people
    if assertions:
        document["assertions"] = assertions
    return document


def _treaty(
    draw: st.DrawFn,
    index: int,
    ids: list[str],
    places: list[dict[str, Any]],
    *,
    bilateral: bool,
) -> dict[str, Any]:
    size = 2 if bilateral else draw(st.integers(2, len(ids)))
    parties = draw(st.permutations(ids))[:size]
    kind = draw(st.sampled_from(_KINDS))
    day = _day(draw, _FIRST, _LAST - 400)
    events: list[dict[str, Any]] = []
    for before in ("negotiated", "initialed"):
        if draw(st.booleans()):
            events.append({"type": before, "date": None})
    signed: dict[str, Any] = {"type": "signed", "date": None}
    if draw(st.booleans()):
        signed["place"] = draw(st.sampled_from(places))["id"]
    events.append(signed)
    for after in _AFTER_SIGNATURE:
        if draw(st.booleans()):
            event: dict[str, Any] = {"type": after, "date": None}
            if after == "ratified":
                event["by"] = draw(st.sampled_from(parties))
            events.append(event)
    for event in events:  # strictly increasing dates in canonical order
        event["date"] = _iso(day)
        day += draw(st.integers(1, 90))
    treaty: dict[str, Any] = {
        "id": f"{kind}-treaty-{index + 1}",
        "title": f"Generated {kind} treaty {index + 1}",
        "kind": kind,
    }
    if bilateral or draw(st.booleans()):
        treaty["form"] = "bilateral" if bilateral else "multilateral"
    treaty.update(parties=parties, events=events, sources=[_REFERENCE])
    return treaty


def _agreeing_claims(
    draw: st.DrawFn, treaty: dict[str, Any], secondary: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    claims = []
    signed = _event(treaty, "signed")
    candidates: list[tuple[str, Any]] = [
        ("signed.date", signed["date"]),
        ("parties", list(reversed(treaty["parties"]))),
        ("kind", treaty["kind"]),
    ]
    if "place" in signed:
        candidates.append(("signed.place", signed["place"]))
    for prop, value in candidates:
        if draw(st.booleans()):
            source = draw(st.sampled_from(secondary))["id"]
            claims.append(
                {"source": source, "about": treaty["id"], "property": prop, "value": value}
            )
    return claims


def _event(treaty: dict[str, Any], event_type: str) -> dict[str, Any]:
    return next(e for e in treaty["events"] if e["type"] == event_type)


def _signed_day(treaty: dict[str, Any]) -> int:
    return _dt.date.fromisoformat(_event(treaty, "signed")["date"]).toordinal()


def _holding_assertions(
    draw: st.DrawFn, treaties: list[dict[str, Any]], ids: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A person in office at a signature and assertions that hold on the data."""
    people: list[dict[str, Any]] = []
    assertions: list[dict[str, Any]] = []
    first = treaties[0]
    day = _signed_day(first)
    if draw(st.booleans()):
        later = day + draw(st.integers(1, 3000))
        assertions.append(
            {
                "id": "signed-before-bound",
                "source": "survey-1",
                "before": {"of": f"{first['id']}.signed", "date": _iso(later)},
            }
        )
    ordered = sorted(treaties, key=_signed_day)
    distinct = len(ordered) > 1 and _signed_day(ordered[0]) < _signed_day(ordered[1])
    if distinct and draw(st.booleans()):
        assertions.append(
            {
                "id": "earliest-came-first",
                "source": "survey-2",
                "precedes": {
                    "first": f"{ordered[0]['id']}.signed",
                    "then": [f"{ordered[1]['id']}.signed"],
                },
            }
        )
    if draw(st.booleans()):
        name = draw(st.sampled_from(PERSON_NAMES))
        people.append(_person(name, first["parties"][0], day - draw(st.integers(0, 900)), day))
        assertions.append(
            {
                "id": "signed-in-office",
                "source": "survey-1",
                "during": {
                    "of": f"{first['id']}.signed",
                    "office": {"person": _kebab(name), "role": "head-of-government"},
                },
            }
        )
    return people, assertions


def _person(name: str, polity: str, start: int, inside: int) -> dict[str, Any]:
    return {
        "id": _kebab(name),
        "names": [name],
        "offices": [
            {
                "role": "head-of-government",
                "polity": polity,
                "from": _iso(start),
                "to": _iso(inside + 400),
            }
        ],
    }


# -- defects ----------------------------------------------------------------------

_Injector = Callable[[st.DrawFn, dict[str, Any]], None]


def _fresh_treaty(doc: dict[str, Any], suffix: str, events: list[dict[str, Any]]) -> str:
    """Add a bilateral treaty between the first two polities; return its id."""
    ids = [p["id"] for p in doc["polities"]]
    treaty_id = f"added-treaty-{suffix}"
    doc["treaties"].append(
        {
            "id": treaty_id,
            "kind": "peace",
            "form": "bilateral",
            "parties": ids[:2],
            "events": events,
            "sources": [_REFERENCE],
        }
    )
    return treaty_id


def _claim(doc: dict[str, Any], source: str, about: str, prop: str, value: Any) -> None:
    doc.setdefault("claims", []).append(
        {"source": source, "about": about, "property": prop, "value": value}
    )


def _other_day(draw: st.DrawFn, treaty: dict[str, Any]) -> int:
    """A day near the signature that is no event's date and not 12 or 13 days off."""
    taken = {_dt.date.fromisoformat(e["date"]).toordinal() for e in treaty["events"]}
    signed = _signed_day(treaty)
    shift = draw(st.integers(1, 200).filter(lambda k: k not in (12, 13)))
    day = signed + shift
    while day in taken or day - signed in (12, 13):
        day += 1
    return day


def _tc101(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    polity = draw(st.sampled_from(doc["polities"]))
    polity["sources"] = [draw(st.sampled_from(["lost-chronicle", "unlisted-gazette"]))]


def _tc102(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    taken = draw(st.sampled_from(doc["places"]))["id"]
    doc["places"].append({"id": taken, "names": [_SPARE_PLACE]})


def _tc103(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    year = draw(st.integers(1995, 2015))
    impossible = draw(st.sampled_from([f"{year}-02-30", f"{year}-04-31", f"{year}-13-01"]))
    doc["sources"].append(
        {"id": "misdated-survey", "title": "A survey", "kind": "secondary", "published": impossible}
    )


def _tc104(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    broken: dict[str, Any] = draw(
        st.sampled_from(
            [
                {"id": "spare-place", "nmes": [_SPARE_PLACE]},
                {"id": "spare-survey", "title": "A survey", "kind": "secundary"},
                {"id": "spare-survey", "kind": "secondary"},
            ]
        )
    )
    section = "places" if "nmes" in broken else "sources"
    doc[section].append(broken)


def _tc201(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    early = _signed_day(treaty) - draw(st.integers(1, 300))
    treaty["events"] = [e for e in treaty["events"] if e["type"] != "in-force"]
    treaty["events"].append({"type": "in-force", "date": _iso(early)})


def _tc202(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    start = _day(draw, _FIRST, _LAST)
    end = start - draw(st.integers(1, 2000))
    doc.setdefault("people", []).append(
        {
            "id": _kebab(_SPARE_PERSON),
            "names": [_SPARE_PERSON],
            "offices": [{"role": "foreign-minister", "from": _iso(start), "to": _iso(end)}],
        }
    )


def _tc203(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    year = draw(st.integers(TODAY.year + 1, 2999))
    doc["sources"].append(
        {"id": "forthcoming-survey", "title": "A survey", "kind": "secondary", "published": year}
    )


def _set_parties(doc: dict[str, Any], treaty: dict[str, Any], parties: list[str]) -> None:
    """Change a treaty's parties and keep the claims about them in agreement."""
    treaty["parties"] = parties
    for claim in doc.get("claims", []):
        if claim["about"] == treaty["id"] and claim["property"] == "parties":
            claim["value"] = list(parties)
    for event in treaty["events"]:
        if event.get("by") is not None and event["by"] not in parties:
            event["by"] = parties[0]


def _tc301(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    outsiders = [p["id"] for p in doc["polities"] if p["id"] not in treaty["parties"]]
    _set_parties(doc, treaty, [*treaty["parties"], draw(st.sampled_from(outsiders))])


def _tc302(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    start = _day(draw, _dt.date(1955, 1, 1).toordinal(), _dt.date(1990, 12, 31).toordinal())
    late: dict[str, Any] = {
        "id": _kebab(_LATE_POLITY),
        "names": [_LATE_POLITY],
        "exists": {"from": _iso(start)},
    }
    doc["polities"].append(late)
    _set_parties(doc, treaty, [treaty["parties"][0], late["id"]])


def _tc303(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    party_id = treaty["parties"][0]
    polity = next(p for p in doc["polities"] if p["id"] == party_id)
    old_name = polity["names"][0]
    renamed = _signed_day(treaty) + draw(st.integers(1, 3000))
    new_name = f"{old_name} Union"
    polity["names"] = [
        {"name": old_name, "to": _iso(renamed - 1)},
        {"name": new_name, "from": _iso(renamed)},
    ]
    parties = [new_name if p == party_id else p for p in treaty["parties"]]
    _claim(doc, "survey-1", treaty["id"], "parties", parties)


def _tc304(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    outsiders = [p["id"] for p in doc["polities"] if p["id"] not in treaty["parties"]]
    signed = _event(treaty, "signed")["date"]
    ratification = {"type": "ratified", "by": draw(st.sampled_from(outsiders)), "date": signed}
    treaty["events"].insert(treaty["events"].index(_event(treaty, "signed")) + 1, ratification)


def _tc305(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    ids = [p["id"] for p in doc["polities"]]
    core = ids[:2]
    broad = [*core, draw(st.sampled_from(ids[2:]))]
    doc.setdefault("groups", []).append(
        {"id": "varying-bloc", "members": core, "variants": {"broad": broad}}
    )
    doc.setdefault("assertions", []).append(
        {
            "id": "bloc-count",
            "source": "survey-2",
            "count": {"select": {"group": "varying-bloc", "variant": "broad"}, "at_least": 0},
        }
    )


def _tc401(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    first = doc["treaties"][0]
    earlier = [t for t in doc["treaties"] if _signed_day(t) < _signed_day(first)]
    assertion: dict[str, Any] = {"id": "wrong-order", "source": "survey-2"}
    if len(earlier) > 0 and draw(st.booleans()):
        then: dict[str, Any] = draw(st.sampled_from(earlier))
        assertion["precedes"] = {"first": f"{first['id']}.signed", "then": [f"{then['id']}.signed"]}
    else:
        bound = _signed_day(first) - draw(st.integers(1, 3000))
        assertion["before"] = {"of": f"{first['id']}.signed", "date": _iso(bound)}
    doc.setdefault("assertions", []).append(assertion)


def _tc402(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    first = doc["treaties"][0]
    signed = _dt.date.fromordinal(_signed_day(first))
    coarse = _fresh_treaty(doc, "coarse", [{"type": "signed", "date": str(signed.year)}])
    exact_ref, coarse_ref = f"{first['id']}.signed", f"{coarse}.signed"
    # "A day precedes its own year" is undecided unless the day is 31 December
    # (then it is definitely false); put the coarse event first in that case.
    order = (
        (coarse_ref, exact_ref)
        if (signed.month, signed.day) == (12, 31)
        else (exact_ref, coarse_ref)
    )
    doc.setdefault("assertions", []).append(
        {
            "id": "too-coarse",
            "source": "survey-2",
            "precedes": {"first": order[0], "then": [order[1]]},
        }
    )


def _tc501(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    day = _day(draw, _FIRST, _LAST)
    events = [{"type": "signed", "date": _iso(day), "sources": ["survey-1"]}]
    treaty_id = _fresh_treaty(doc, "disputed", events)
    treaty = doc["treaties"][-1]
    _claim(doc, "survey-2", treaty_id, "signed.date", _iso(_other_day(draw, treaty)))


def _tc502(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    source = draw(st.sampled_from(["survey-1", "survey-2"]))
    _claim(doc, source, treaty["id"], "signed.date", _iso(_other_day(draw, treaty)))


def _tc503(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    # Russia used the Julian calendar until 1918-02-14 (New Style); 13 days behind.
    day = draw(st.integers(_dt.date(1918, 1, 14).toordinal(), _dt.date(1918, 2, 13).toordinal()))
    treaty_id = _fresh_treaty(doc, "old-style", [{"type": "signed", "date": _iso(day)}])
    _claim(doc, "survey-1", treaty_id, "signed.date", _iso(day - 13))


def _tc504(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    initialed = _day(draw, _FIRST, _LAST - 400)
    signed = initialed + draw(st.integers(14, 300))
    events = [
        {"type": "initialed", "date": _iso(initialed)},
        {"type": "signed", "date": _iso(signed)},
    ]
    treaty_id = _fresh_treaty(doc, "initialed", events)
    _claim(doc, "survey-2", treaty_id, "signed.date", _iso(initialed))


def _misspelt(name: str, position: int) -> str:
    """The name with one letter left out (never the first letter of a word)."""
    spots = [i for i in range(1, len(name)) if name[i].isalpha() and name[i - 1].isalpha()]
    spot = spots[position % len(spots)]
    return name[:spot] + name[spot + 1 :]


def _tc505(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    day = _signed_day(treaty)
    person = _person(_SPARE_PERSON, treaty["parties"][0], day - draw(st.integers(0, 900)), day)
    doc.setdefault("people", []).append(person)
    spelled = _misspelt(_SPARE_PERSON, draw(st.integers(0, 100)))
    doc.setdefault("assertions", []).append(
        {
            "id": "misspelt-in-office",
            "source": "survey-1",
            "during": {
                "of": f"{treaty['id']}.signed",
                "office": {"person": spelled, "role": "head-of-government"},
            },
        }
    )


def _tc601(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    doc["sources"][0]["kind"] = "secondary"  # no reference source any more
    treaty = draw(st.sampled_from(doc["treaties"]))
    del treaty["sources"]


def _tc602(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    treaty = doc["treaties"][0]
    year = _dt.date.fromordinal(_signed_day(treaty)).year - draw(st.integers(1, 20))
    doc["sources"].append(
        {"id": "early-pamphlet", "title": "A pamphlet", "kind": "secondary", "published": year}
    )
    _claim(doc, "early-pamphlet", treaty["id"], "signed.date", _event(treaty, "signed")["date"])


_INJECTORS: Final[dict[str, _Injector]] = {
    "TC101": _tc101,
    "TC102": _tc102,
    "TC103": _tc103,
    "TC104": _tc104,
    "TC201": _tc201,
    "TC202": _tc202,
    "TC203": _tc203,
    "TC301": _tc301,
    "TC302": _tc302,
    "TC303": _tc303,
    "TC304": _tc304,
    "TC305": _tc305,
    "TC401": _tc401,
    "TC402": _tc402,
    "TC501": _tc501,
    "TC502": _tc502,
    "TC503": _tc503,
    "TC504": _tc504,
    "TC505": _tc505,
    "TC601": _tc601,
    "TC602": _tc602,
}

_COMPANIONS: Final = {"TC503": "TC502", "TC504": "TC502"}
"""Codes reported beside an injected defect: an explanation comes with its conflict."""


@st.composite
def _datasets(draw: st.DrawFn, defect: str | None) -> GeneratedDataset:
    document = draw(_valid())
    if defect is None:
        return GeneratedDataset(document)
    expected = frozenset({defect, *([_COMPANIONS[defect]] if defect in _COMPANIONS else [])})
    if defect == "TC100":
        return GeneratedDataset(document, defect, expected, unreadable=True)
    injected = copy.deepcopy(document)
    _INJECTORS[defect](draw, injected)
    return GeneratedDataset(injected, defect, expected)
