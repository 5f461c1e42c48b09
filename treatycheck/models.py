"""Typed models of the treatycheck data format (SPEC section 2).

Every model is a frozen pydantic v2 model that rejects unknown keys. Validators
here look at one record only; anything that spans records is a rule.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import HistDate, InvalidDate, parse_date

__all__ = [
    "ASSERTION_FORMS",
    "EVENT_TYPES",
    "SECTIONS",
    "After",
    "Assertion",
    "AssertionBase",
    "Before",
    "Claim",
    "Count",
    "CountSpec",
    "DataFile",
    "During",
    "Event",
    "EventRef",
    "Group",
    "Id",
    "Interval",
    "NameSpan",
    "Office",
    "OfficeRef",
    "On",
    "Only",
    "OnlySpec",
    "Person",
    "Place",
    "Polity",
    "Precedes",
    "PrecedesSpec",
    "Select",
    "Simultaneous",
    "SimultaneousSpec",
    "Source",
    "TemporalSpec",
    "Treaty",
    "Within",
    "assertion_form",
]

EVENT_TYPES: Final = (
    "negotiated",
    "initialed",
    "signed",
    "ratified",
    "ratifications-exchanged",
    "in-force",
    "registered",
    "denounced",
    "expired",
)
"""Event types in their canonical order."""

EventType = Literal[
    "negotiated",
    "initialed",
    "signed",
    "ratified",
    "ratifications-exchanged",
    "in-force",
    "registered",
    "denounced",
    "expired",
]

ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE: Final = re.compile(ID_PATTERN)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=200)]
"""A kebab-case identifier: lowercase letters and digits in words joined by hyphens."""

Ref = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
"""A reference to a record: its id, or (where the format allows) one of its names."""

Text = Annotated[str, StringConstraints(max_length=100_000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]

_EVENT_ALTERNATIVES = "|".join(re.escape(t) for t in EVENT_TYPES)
EVENT_REF_PATTERN: Final = rf"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:{_EVENT_ALTERNATIVES})$"
EventRef = Annotated[str, StringConstraints(pattern=EVENT_REF_PATTERN, max_length=300)]
"""``<treaty-id>.<event type>``, e.g. ``soviet-polish-pact-1932.signed``."""

PROPERTY_PATTERN: Final = (
    rf"^(?:(?:{_EVENT_ALTERNATIVES})\.(?:date|place)|parties|kind|form|title|exists\.(?:from|to))$"
)
DATE_PROPERTIES_SUFFIX: Final = (".date", "exists.from", "exists.to")


_MAX_TEXT: Final = 100_000
"""The longest text value accepted anywhere (pydantic's ``str_max_length``)."""


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        str_max_length=_MAX_TEXT,
        arbitrary_types_allowed=True,
    )

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of explicitly given field names between equal records.

        pydantic keeps that set per instance; for a treaty it is larger than
        the record's own attribute dict, and a million treaties with their
        events spent about a third of their memory on identical copies. The
        models are frozen, so the set is never changed in place (pydantic's
        ``model_copy`` copies it before adding to it).
        """
        given = self.__pydantic_fields_set__
        shared = _FIELD_SETS.setdefault(frozenset(given), given)
        if shared is not given:
            _set_fields_set(self, shared)


_FIELD_SETS: dict[frozenset[str], set[str]] = {}
"""One set of given field names per distinct combination (a few hundred at most)."""

# The models are frozen: the set is replaced through its slot, as object.__setattr__
# would, but without the generic attribute lookup on every record.
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__


class Interval(_Model):
    """A span of time with an optional start and end (``from``/``to``)."""

    from_: HistDate | None = Field(default=None, alias="from")
    to: HistDate | None = None


class NameSpan(_Model):
    """A name and the interval in which it was the correct name."""

    name: Name
    from_: HistDate | None = Field(default=None, alias="from")
    to: HistDate | None = None


def _names_from_strings(value: object) -> object:
    """Allow ``names: [France]`` as shorthand for names without validity bounds."""
    if isinstance(value, list):
        return [{"name": item} if isinstance(item, str) else item for item in value]
    return value


class Source(_Model):
    """A work that makes claims: a treaty text, a book, a web page, a dataset."""

    id: Id
    title: Text
    kind: Literal["primary", "secondary", "tertiary", "reference"]
    published: HistDate | None = None
    author: Text | None = None
    url: Text | None = None
    citation: Text | None = None
    license: Text | None = None
    bias: Text | None = None
    reliability: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    notes: Text | None = None


class Polity(_Model):
    """A state or state-like actor, with its names over time and when it existed."""

    id: Id
    names: Annotated[
        list[NameSpan],
        BeforeValidator(_names_from_strings, json_schema_input_type=list[NameSpan | Name]),
    ] = Field(default_factory=list)
    exists: Interval | None = None
    succeeded_by: Ref | None = None
    preceded_by: Ref | None = None
    codes: dict[Name, str | int] = Field(default_factory=dict)
    sources: list[Ref] | None = None
    notes: Text | None = None


class Group(_Model):
    """A named set of polities whose membership may vary between sources."""

    id: Id
    name: Text | None = None
    members: list[Ref]
    variants: dict[Id, list[Ref]] = Field(default_factory=dict)
    sources: list[Ref] | None = None
    notes: Text | None = None


class Place(_Model):
    """A place with all the names it is known by (Tartu, Dorpat, Yuryev)."""

    id: Id
    names: list[Name] = Field(min_length=1)
    sources: list[Ref] | None = None
    notes: Text | None = None


class Office(_Model):
    """An office held by a person, for a polity, over an interval."""

    role: Id
    polity: Ref | None = None
    from_: HistDate | None = Field(default=None, alias="from")
    to: HistDate | None = None


class Person(_Model):
    """A person with names and the offices they held."""

    id: Id
    names: list[Name] = Field(min_length=1)
    offices: list[Office] = Field(default_factory=list)
    sources: list[Ref] | None = None
    notes: Text | None = None


class Event(_Model):
    """Something that happened to a treaty on a date (signed, ratified, ...)."""

    type: EventType
    date: HistDate | None = None
    place: Ref | None = None
    by: Ref | None = None
    sources: list[Ref] | None = None
    notes: Text | None = None


class Treaty(_Model):
    """A treaty, its parties and its events, as stated by its sources."""

    id: Id
    title: Text | None = None
    kind: Id | None = None
    form: Literal["bilateral", "multilateral"] | None = None
    parties: list[Ref] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    sources: list[Ref] | None = None
    codes: dict[Name, str | int] = Field(default_factory=dict)
    notes: Text | None = None


class JulianValue(_Model):
    """``{julian: <date>}`` written as a claim value."""

    julian: str | int | _dt.date


ClaimValue: TypeAlias = str | HistDate | int | float | list[str] | list[int] | JulianValue


class Claim(_Model):
    """What one source says about one property of one record."""

    id: Id | None = None
    source: Ref
    about: Ref
    property: Annotated[str, StringConstraints(pattern=PROPERTY_PATTERN)]
    # Tried left to right, text first: "1984" as a title stays text; the
    # validator below has already made a HistDate of every date property.
    value: Annotated[ClaimValue, Field(union_mode="left_to_right")]
    quote: Annotated[str, StringConstraints(max_length=2_000)] | None = None
    locator: Text | None = None
    notes: Text | None = None

    @field_validator("value", mode="wrap")
    @classmethod
    def _typed_value(
        cls, value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> object:
        typed = _typed_claim_value(value, info.data.get("property"))
        # Where the union, tried left to right, would take the value as it is, it
        # is not tried: a party list would first fail through the date member
        # (an error raised and caught for each claim).
        if isinstance(typed, HistDate):
            return typed  # the date member
        if _is_text(typed):
            return typed  # the text member
        if isinstance(typed, list) and all(_is_text(item) for item in typed):
            return list(typed)  # the list-of-text member (a new list, as pydantic makes)
        return handler(typed)


def _typed_claim_value(value: object, prop: object) -> object:
    """The claim value typed by its property: a date, a party list or one text."""
    if not isinstance(prop, str):
        return value
    if prop.endswith(DATE_PROPERTIES_SUFFIX):
        if isinstance(value, JulianValue):
            value = value.model_dump()
        try:
            return parse_date(value)
        except InvalidDate as error:
            raise PydanticCustomError(
                "invalid_date", "{message}", {"message": error.message, "reason": error.reason}
            ) from None
    # Below, the value is checked here in full, so that the union never
    # tries it as a date and reports a misleading "not a date".
    if prop == "parties":
        if not isinstance(value, list):
            raise PydanticCustomError("parties_list", "parties must be a list, e.g. [ussr, latvia]")
        for item in value:
            if not isinstance(item, str):
                raise PydanticCustomError(
                    "parties_item",
                    "each party is a polity id or name (text), not {item}",
                    {"item": _shown(item)},
                )
        return value
    if isinstance(value, (list, Mapping, JulianValue)):
        what = "a list" if isinstance(value, list) else "a mapping"
        raise PydanticCustomError(
            "single_value",
            "{prop} takes a single value, not {what}",
            {"prop": prop, "what": what},
        )
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError(
            "single_value", "{prop} takes text, not {value}", {"prop": prop, "value": value}
        )
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _is_text(value: object) -> bool:
    """Whether pydantic takes the value as text as it is (``str``, within the length limit)."""
    return type(value) is str and len(value) <= _MAX_TEXT


def _shown(value: object) -> str:
    """A short description of a value for a message."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- Assertions ---------------------------------------------------------------


class Select(_Model):
    """A filter over treaties used by ``only`` and ``count`` assertions."""

    kind: Id | list[Id] | None = None
    party: Ref | None = None
    parties: list[Ref] | None = None
    group: Ref | None = None
    variant: Id | None = None
    event: EventType = "signed"
    before: HistDate | None = None
    after: HistDate | None = None
    within: HistDate | None = None

    @model_validator(mode="after")
    def _variant_needs_group(self) -> Select:
        if self.variant is not None and self.group is None:
            raise PydanticCustomError("variant_without_group", "variant is given but no group")
        return self


class TemporalSpec(_Model):
    """``{of: <treaty>.<event>, date: D}``."""

    of: EventRef
    date: HistDate


class PrecedesSpec(_Model):
    """``{first: <treaty>.<event>, then: [...]}``."""

    first: EventRef
    then: list[EventRef] = Field(min_length=1)


class SimultaneousSpec(_Model):
    """``{events: [...], tolerance_days: N}``."""

    events: list[EventRef] = Field(min_length=2)
    tolerance_days: Annotated[int, Field(ge=0, le=100_000)] = 0


class OnlySpec(_Model):
    """``{select: ..., counterparties: [...]}``."""

    select: Select
    counterparties: list[Ref]


class CountSpec(_Model):
    """``{select: ..., equals | at_least | at_most: N}``."""

    select: Select
    equals: Annotated[int, Field(ge=0)] | None = None
    at_least: Annotated[int, Field(ge=0)] | None = None
    at_most: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> CountSpec:
        if self.equals is None and self.at_least is None and self.at_most is None:
            raise PydanticCustomError(
                "count_bound", "give at least one of equals, at_least, at_most"
            )
        return self


class OfficeRef(_Model):
    """``{person: P, role: R}``: the person may be given by id or by name."""

    person: Ref
    role: Id


class DuringSpec(_Model):
    """``{of: <treaty>.<event>, office: {person, role}}``."""

    of: EventRef
    office: OfficeRef


class AssertionBase(_Model):
    """Fields every assertion has: who says it and in what words."""

    id: Id
    source: Ref
    says: Text | None = None
    notes: Text | None = None


class Before(AssertionBase):
    """The event happened before the date."""

    before: TemporalSpec


class After(AssertionBase):
    """The event happened after the date."""

    after: TemporalSpec


class On(AssertionBase):
    """The event happened on (within the precision of) the date."""

    on: TemporalSpec


class Within(AssertionBase):
    """The event happened inside the interval."""

    within: TemporalSpec


class Precedes(AssertionBase):
    """The first event happened before each of the others."""

    precedes: PrecedesSpec


class Simultaneous(AssertionBase):
    """The events happened at the same time, within a tolerance in days."""

    simultaneous: SimultaneousSpec


class Only(AssertionBase):
    """The selected treaties' counterparties are exactly these."""

    only: OnlySpec


class Count(AssertionBase):
    """How many treaties the selection matches."""

    count: CountSpec


class During(AssertionBase):
    """The event happened while the person held the office."""

    during: DuringSpec


ASSERTION_FORMS: Final[dict[str, type[AssertionBase]]] = {
    "before": Before,
    "after": After,
    "on": On,
    "within": Within,
    "precedes": Precedes,
    "simultaneous": Simultaneous,
    "only": Only,
    "count": Count,
    "during": During,
}


def assertion_form(value: Any) -> str | None:
    """The form key present in a raw or validated assertion (the discriminator)."""
    if isinstance(value, Mapping):
        present = [key for key in ASSERTION_FORMS if key in value]
    else:
        present = [key for key in ASSERTION_FORMS if hasattr(value, key)]
    return present[0] if len(present) == 1 else None


Assertion = Annotated[
    Annotated[Before, Tag("before")]
    | Annotated[After, Tag("after")]
    | Annotated[On, Tag("on")]
    | Annotated[Within, Tag("within")]
    | Annotated[Precedes, Tag("precedes")]
    | Annotated[Simultaneous, Tag("simultaneous")]
    | Annotated[Only, Tag("only")]
    | Annotated[Count, Tag("count")]
    | Annotated[During, Tag("during")],
    Discriminator(assertion_form),
]
"""Any assertion form, told apart by which form key it has."""


class DataFile(_Model):
    """One data file: the format version and any of the record sections."""

    treatycheck: Literal[1]
    sources: list[Source] = Field(default_factory=list)
    polities: list[Polity] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    treaties: list[Treaty] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    assertions: list[Assertion] = Field(default_factory=list)


SECTIONS: Final[dict[str, type[_Model]]] = {
    "sources": Source,
    "polities": Polity,
    "groups": Group,
    "places": Place,
    "people": Person,
    "treaties": Treaty,
    "claims": Claim,
}
"""Top-level record sections and their models (``assertions`` is a union)."""


def is_id(text: str) -> bool:
    """Whether ``text`` is a well-formed kebab-case id."""
    return _ID_RE.match(text) is not None
