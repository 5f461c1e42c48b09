"""The rule catalogue: the only place a rule code is written down.

Everything about a rule that a user can read (``treatycheck rules``,
``treatycheck explain``, ``docs/rules.md``, SARIF rule metadata) comes from
this table. Codes are stable once released; a retired code is marked
``removed`` and never reused.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from ..findings import Finding, Location, Related, Severity, UsageError

if TYPE_CHECKING:
    from ..engine import Context
    from ..models import Treaty

__all__ = [
    "CATALOGUE",
    "Rule",
    "explain_text",
    "finding",
    "get_rule",
    "rules_markdown",
    "select_codes",
    "suggest_code",
]

Status = Literal["stable", "preview", "deprecated", "removed"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule's metadata."""

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    example: str
    fix: str
    family: str
    status: Status = "stable"


def _rule(
    code: str,
    name: str,
    severity: str,
    family: str,
    summary: str,
    rationale: str,
    example: str,
    fix: str,
) -> Rule:
    return Rule(
        code=code,
        name=name,
        severity=Severity(severity),
        summary=summary,
        rationale=" ".join(rationale.split()),
        example=example.strip("\n"),
        fix=" ".join(fix.split()),
        family=family,
    )


_RULES: Final = (
    _rule(
        "TC100",
        "unreadable-file",
        "error",
        "integrity",
        "A data file cannot be read or parsed.",
        """A file that does not parse hides every record in it. The finding points at the
        syntax error, or says why the file was refused: not UTF-8, too large, nested too
        deeply, aliases that would expand without bound, or a YAML tag that would build
        an object.""",
        """
treatycheck: 1
treaties:
  - id: riga-1920
    parties: [soviet-russia, latvia
""",
        """Fix the syntax at the reported line. Limits can be raised with
        --max-file-size where a file is large on purpose.""",
    ),
    _rule(
        "TC101",
        "unknown-reference",
        "error",
        "integrity",
        "An id is used but never defined.",
        """A reference to an undefined polity, place, source or treaty usually means a typo;
        any rule that needs the referenced record cannot run. The message suggests the
        closest defined id.""",
        """
treaties:
  - id: moscow-1920
    parties: [soviet-russia, lithuaina]   # lithuania is defined, lithuaina is not
""",
        """Correct the id, or define the missing record.""",
    ),
    _rule(
        "TC102",
        "duplicate-id",
        "error",
        "integrity",
        "The same id is defined twice.",
        """Ids are global across all files and all kinds of record. Two definitions of one
        id make every reference to it ambiguous. Both places are reported.""",
        """
polities:
  - id: latvia
treaties:
  - id: latvia          # also the id of a polity
""",
        """Rename one of the two records (e.g. riga-peace-1920).""",
    ),
    _rule(
        "TC103",
        "invalid-date",
        "error",
        "integrity",
        "A date cannot be parsed or names a day that does not exist.",
        """A malformed or impossible date (30 February, month 13) cannot be compared with
        anything, so every chronology rule skips it.""",
        """
events:
  - {type: signed, date: 1932-02-30}
""",
        """Write a real day, or a coarser value (1932-02) when the day is unsure.""",
    ),
    _rule(
        "TC104",
        "schema-violation",
        "error",
        "integrity",
        "A field has the wrong type, a required field is missing, or a key is unknown.",
        """The data format is strict so that a misspelt key is caught instead of being
        silently ignored. The message gives the path of the field and, for a near miss,
        the key or value that was probably meant.""",
        """
events:
  - {type: signd, date: 1932-01-21}     # 'signd' is not an event type
""",
        """Use the field names and values documented in docs/format.md.""",
    ),
    _rule(
        "TC201",
        "event-order",
        "error",
        "chronology",
        "A treaty's events contradict the canonical order of events.",
        """A treaty is negotiated, initialed, signed, ratified, enters into force, and may
        later be denounced or expire. When the dates say that a later stage definitely came
        before an earlier one, one of the dates is wrong. Coarse dates that merely might be
        out of order are not reported.""",
        """
events:
  - {type: signed, date: 1932-07-25}
  - {type: in-force, date: 1932-01-01}
""",
        """Check both dates against the sources; one of them is usually a typo or
        belongs to another event.""",
    ),
    _rule(
        "TC202",
        "inverted-interval",
        "error",
        "chronology",
        "An interval ends before it starts.",
        """An existence interval, an office or a name validity that ends before it starts
        cannot contain any day, so every check that uses it would be wrong.""",
        """
polities:
  - id: latvia
    exists: {from: 1940-08-05, to: 1918-11-18}
""",
        """Swap or correct the bounds.""",
    ),
    _rule(
        "TC203",
        "future-date",
        "warning",
        "chronology",
        "A date lies after today.",
        """Historical data describe the past; a date in the future is almost always a typo
        in the year (2932 for 1932).""",
        """
events:
  - {type: signed, date: 2932-01-21}
""",
        """Correct the year.""",
    ),
    _rule(
        "TC301",
        "bilateral-parties",
        "error",
        "parties",
        "A bilateral treaty does not have exactly two distinct parties.",
        """A treaty marked bilateral is between two parties. One party, or three, means the
        form or the party list is wrong.""",
        """
treaties:
  - id: pact-1932
    form: bilateral
    parties: [ussr]
""",
        """Complete the party list, or mark the treaty multilateral.""",
    ),
    _rule(
        "TC302",
        "party-not-existing",
        "error",
        "parties",
        "A party did not exist on the date of a treaty event.",
        """A polity cannot sign or ratify before it exists or after it has ceased to exist:
        a treaty of the USSR dated 1920 is anachronistic (the USSR was formed on
        1922-12-30), while one of Soviet Russia is not. Reported only when the event date
        definitely falls outside the polity's existence interval.""",
        """
treaties:
  - id: moscow-1920
    parties: [ussr, lithuania]
    events: [{type: signed, date: 1920-07-12}]
""",
        """Use the polity that existed at the time (soviet-russia), or correct the date
        or the existence interval.""",
    ),
    _rule(
        "TC303",
        "anachronistic-name",
        "warning",
        "parties",
        "A source names a polity by a name that was not its name at that date.",
        """Calling the 1920 party "the USSR" uses a name that only became correct in 1922.
        The claim may still mean the right polity, but the name shows the source is
        writing from hindsight or confusing two states. The message gives the name that
        was valid at the time.""",
        """
claims:
  - source: on-this-day
    about: moscow-1920
    property: parties
    value: [USSR, Lithuania]
""",
        """Quote the source faithfully; the finding documents its anachronism. Ignore
        TC303 for sources whose modern naming is intended.""",
    ),
    _rule(
        "TC304",
        "ratifier-not-party",
        "error",
        "parties",
        "A ratification names a polity that is not a party to the treaty.",
        """Only parties ratify. A ratifying polity outside the party list means one of the
        two lists is incomplete or wrong.""",
        """
parties: [ussr, latvia]
events:
  - {type: ratified, by: estonia, date: 1932}
""",
        """Correct `by`, or add the polity to `parties`.""",
    ),
    _rule(
        "TC305",
        "ambiguous-group",
        "info",
        "parties",
        "A claim relies on a group whose membership varies between sources.",
        """"The Baltic states" means Estonia, Latvia and Lithuania to most writers, but
        some interwar sources counted Finland too. When an assertion selects by a group
        variant that differs from the default membership, the verdict depends on that
        choice; the finding names the members that make the difference.""",
        """
select: {group: baltic-states, variant: interwar-broad}   # adds finland
""",
        """Informational: it records how the source counted. Use the default membership
        if the source did not mean the variant.""",
    ),
    _rule(
        "TC401",
        "assertion-violated",
        "error",
        "assertions",
        "An assertion made by a source is false on the data.",
        """An assertion turns a sentence of a source ("the Baltic states followed the example
        of Poland") into a checkable statement. When the dates and records definitely
        contradict it, the message quotes the sentence and names the deciding records.""",
        """
assertions:
  - id: followed-poland
    source: soviet-account
    says: the Baltic States followed the example of Poland
    precedes: {first: soviet-polish-pact-1932.signed, then: [soviet-latvian-pact-1932.signed]}
""",
        """Check the deciding records. If the data are right, the source is wrong: keep
        the assertion, the finding documents it.""",
    ),
    _rule(
        "TC402",
        "assertion-undetermined",
        "warning",
        "assertions",
        "The data are too coarse to decide an assertion.",
        """With a date known only to the year, "X came before Y" may be true or false. The
        message says which values need more precision to decide.""",
        """
precedes: {first: a.signed, then: [b.signed]}   # a signed 1932, b signed 1932-07-25
""",
        """Find a more precise date for the named events.""",
    ),
    _rule(
        "TC501",
        "conflicting-values",
        "error",
        "sources",
        "Two sources give incompatible values for the same property.",
        """Sources disagree: two dates that cannot both be right (their intervals do not
        overlap), two different places, two different party lists. A coarser value that
        contains the finer one is a refinement, not a conflict. The message names the
        value most supported across sources.""",
        """
claims:
  - {source: a, about: pact-1932, property: signed.date, value: 1932-01-21}
  - {source: b, about: pact-1932, property: signed.date, value: 1932-01-22}
""",
        """Decide which source is right and record it in the reference, or choose a
        reference source with --reference.""",
    ),
    _rule(
        "TC502",
        "contradicts-reference",
        "error",
        "sources",
        "A claim contradicts the chosen reference source.",
        """When a reference is chosen (--reference, or a source of kind reference), each
        claim is checked against it rather than against every other source.""",
        """
claims:
  - {source: on-this-day, about: moscow-1920, property: negotiated.place, value: Minsk}
# the reference says Moscow
""",
        """Nothing to fix when the claim is faithful to its source: the finding documents
        the source's error.""",
    ),
    _rule(
        "TC503",
        "calendar-shift",
        "info",
        "sources",
        "Two conflicting dates differ by exactly the Julian-Gregorian offset.",
        """Russia used the Julian calendar until February 1918. Two dates 13 days apart in
        the 20th century (12 in the 19th) are very likely the same day in Old and New
        Style.""",
        """
claims:
  - {source: a, about: x, property: signed.date, value: 1918-01-18}
  - {source: b, about: x, property: signed.date, value: 1918-01-31}
""",
        """Write the Old Style date as {julian: 1918-01-18} so that it converts.""",
    ),
    _rule(
        "TC504",
        "other-event-date",
        "info",
        "sources",
        "A conflicting date equals the date of another event of the same treaty.",
        """A source that gives the initialing date as the signing date has not invented a
        date; it has confused two events. The message names the event whose date it is.""",
        """
claims:
  - {source: a, about: polish-pact, property: signed.date, value: 1932-01-25}
# the reference: initialed 1932-01-25, signed 1932-07-25
""",
        """Record the claim under the event the source really meant, or keep it to
        document the confusion.""",
    ),
    _rule(
        "TC505",
        "spelling-variant",
        "warning",
        "sources",
        "A name is a near miss of exactly one known name.",
        """A name that resolves to nothing but is one or two letters away from exactly one
        registered name (Heriot / Herriot) is probably a misspelling. When two known names
        are equally close, nothing is guessed.""",
        """
during: {of: franco-soviet-pact-1932.signed, office: {person: Heriot, role: head-of-government}}
""",
        """Register the spelling as another name if it is a real variant; otherwise the
        finding documents the source's misspelling.""",
    ),
    _rule(
        "TC601",
        "unsourced",
        "warning",
        "provenance",
        "A treaty or event has no source and the dataset has no reference source.",
        """A fact without a source cannot be checked or weighed. Events inherit their
        treaty's sources, and records without sources are attributed to the dataset's
        reference source when there is one.""",
        """
treaties:
  - id: pact-1932
    events: [{type: signed, date: 1932-01-21}]     # no sources anywhere
""",
        """Add `sources:` to the record or the event.""",
    ),
    _rule(
        "TC602",
        "claim-after-publication",
        "error",
        "provenance",
        "A source describes an event that happened after the source was published.",
        """A work published in 1941 cannot report a treaty signed in 1945. Either the
        publication date or the claim's source is wrong. Reported only when the event
        definitely follows the publication.""",
        """
sources:
  - {id: pamphlet, kind: secondary, title: ..., published: 1941}
claims:
  - {source: pamphlet, about: yalta-1945, property: signed.date, value: 1945-02-11}
""",
        """Check the publication date, or attribute the claim to the right source.""",
    ),
)

CATALOGUE: Final[dict[str, Rule]] = {rule.code: rule for rule in _RULES}
"""Every rule, by code, in code order."""

_BY_NAME: Final = {rule.name: rule for rule in _RULES}


def get_rule(code_or_name: str) -> Rule:
    """The rule with that code or name; raises :class:`UsageError` with a suggestion."""
    key = code_or_name.strip()
    rule = CATALOGUE.get(key.upper()) or _BY_NAME.get(key.lower())
    if rule is None:
        hint = suggest_code(key)
        raise UsageError(f"unknown rule {key!r}" + (f"; did you mean {hint}?" if hint else ""))
    return rule


def suggest_code(text: str) -> str | None:
    """The closest rule code or name to ``text``, if any is close.

    A code-shaped text (``TC999``, ``TC30``) gets the code sharing the longest
    prefix with it and, among those, the nearest number; anything else is
    matched against codes and names by similarity.
    """
    key = text.strip().upper()
    if key.startswith("TC") and key[2:].isdigit() and len(key) > 2:
        digits = key[2:5].ljust(3, "0")

        def closeness(code: str) -> tuple[int, int]:
            shared = next(
                (i for i, (a, b) in enumerate(zip(code, key, strict=False)) if a != b),
                min(len(code), len(key)),
            )
            return (-shared, abs(int(code[2:]) - int(digits)))

        return min(CATALOGUE, key=closeness)
    candidates = list(CATALOGUE) + list(_BY_NAME)
    match = difflib.get_close_matches(
        text.upper() if text[:2].upper() == "TC" else text, candidates, n=1, cutoff=0.5
    )
    return match[0] if match else None


def select_codes(select: Iterable[str] | None, ignore: Iterable[str] | None) -> frozenset[str]:
    """Codes enabled by ``select``/``ignore`` (codes, prefixes like ``TC3``, or names).

    The longer (more specific) selector wins when both match a code; on a tie,
    ``ignore`` wins. With no ``select``, every rule is selected.
    """
    chosen: set[str] = set()
    select_list = [s for s in (select or ()) if s.strip()] or ["TC"]
    ignore_list = [s for s in (ignore or ()) if s.strip()]
    for selector in (*select_list, *ignore_list):
        if all(_match_len(selector, code) < 0 for code in CATALOGUE):
            hint = suggest_code(selector)
            raise UsageError(
                f"{selector.strip()!r} matches no rule code"
                + (f"; did you mean {hint}?" if hint else "")
            )
    for code in CATALOGUE:
        best_select = max((_match_len(s, code) for s in select_list), default=-1)
        best_ignore = max((_match_len(s, code) for s in ignore_list), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            chosen.add(code)
    return frozenset(chosen)


def _match_len(selector: str, code: str) -> int:
    """How specifically ``selector`` matches ``code`` (-1: not at all)."""
    key = selector.strip()
    if key.upper() in ("ALL", "TC"):
        return 0
    named = _BY_NAME.get(key.lower())
    if named is not None:  # a rule name is as specific as its full code
        return len(code) if named.code == code else -1
    upper = key.upper()
    if not upper.startswith("TC") or not upper[2:].isdigit():
        raise UsageError(
            f"{selector!r} is neither a rule code, a code prefix (TC3) nor a rule name"
            + (f"; did you mean {hint}?" if (hint := suggest_code(key)) else "")
        )
    if len(upper) > 5 or (len(upper) == 5 and upper not in CATALOGUE):
        if len(upper) == 5 and upper not in CATALOGUE:
            raise UsageError(
                f"unknown rule {selector!r}"
                + (f"; did you mean {hint}?" if (hint := suggest_code(upper)) else "")
            )
        raise UsageError(f"{selector!r} is not a rule code")
    return len(upper) if code.startswith(upper) else -1


def finding(
    code: str,
    message: str,
    location: Location,
    *,
    subject: str | None = None,
    property: str | None = None,
    related: Iterable[Related] = (),
    sources: Iterable[str] = (),
) -> Finding:
    """A finding of rule ``code`` with the rule's name and default severity."""
    rule = CATALOGUE[code]
    return Finding(
        code=code,
        rule=rule.name,
        severity=rule.severity,
        message=message,
        location=location,
        subject=subject,
        property=property,
        related=tuple(related),
        sources=tuple(sources),
    )


def event_date_finding(
    ctx: Context,
    code: str,
    message: str,
    treaty: Treaty,
    index: int,
    related: Related,
    *,
    sources: Iterable[str] | None = None,
) -> Finding:
    """A finding about the date of the treaty's event at ``index`` (TC201, TC302, TC602).

    It is located at that date, about the treaty and the event's ``<type>.date``,
    and stated by the event's sources (the record's when it has none) unless
    ``sources`` says otherwise.
    """
    event = treaty.events[index]
    return finding(
        code,
        message,
        ctx.location(treaty, "events", index, "date"),
        subject=treaty.id,
        property=f"{event.type}.date",
        related=(related,),
        sources=ctx.record_sources(treaty, event) if sources is None else sources,
    )


def families() -> Iterator[str]:
    """Rule families in catalogue order."""
    seen: dict[str, None] = {}
    for rule in _RULES:
        seen.setdefault(rule.family, None)
    yield from seen


def explain_text(rule: Rule) -> str:
    """What ``treatycheck explain`` prints for a rule."""
    example = "\n".join(f"    {line}" for line in rule.example.splitlines())
    return (
        f"{rule.code} {rule.name} ({rule.severity.value}, {rule.family})\n\n"
        f"{rule.summary}\n\n"
        f"Why: {rule.rationale}\n\n"
        f"Example that triggers it:\n\n{example}\n\n"
        f"What to do: {rule.fix}\n\n"
        f"To silence it: treatycheck validate DATA --ignore {rule.code}"
        f" (or --ignore {rule.name}; a prefix such as --ignore {rule.code[:3]} silences the"
        " family).\n"
    )


_FAMILY_TITLES: Final = {
    "integrity": "Integrity: files, ids and references",
    "chronology": "Chronology: dates and the order of events",
    "parties": "Parties: who took part, and when they existed",
    "assertions": "Assertions: statements made by sources",
    "sources": "Sources: agreement between sources",
    "provenance": "Provenance: where each fact comes from",
}


def rules_markdown() -> str:
    """``docs/rules.md``: every rule with its rationale, example and fix, from this table.

    ``scripts/gen_rules_doc.py`` writes it; a test fails when the file is stale.
    """
    lines = [
        "# Rule reference",
        "",
        "<!-- Generated from treatycheck/rules/catalogue.py by scripts/gen_rules_doc.py;",
        "     do not edit by hand. -->",
        "",
        "Every finding carries one of these codes. Select or ignore rules by code, by",
        "prefix (`TC3` is the parties family, `TC30` narrows it to TC300–TC309) or by name:",
        "`treatycheck validate data/ --select TC2,TC3 --ignore future-date`.",
        "`treatycheck explain CODE` prints the entry for one rule.",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    for r in _RULES:
        anchor = f"{r.code.lower()}-{r.name}"
        lines.append(f"| [{r.code}](#{anchor}) | `{r.name}` | {r.severity.value} | {r.summary} |")
    for family in families():
        lines += ["", f"## {_FAMILY_TITLES.get(family, family.capitalize())}"]
        for rule in (r for r in _RULES if r.family == family):
            status = "" if rule.status == "stable" else f", {rule.status}"
            lines += [
                "",
                f"### {rule.code} {rule.name}",
                "",
                f"*Severity: {rule.severity.value}{status}.* {rule.summary}",
                "",
                f"**Why.** {rule.rationale}",
                "",
                "**Example that triggers it:**",
                "",
                "```yaml",
                rule.example,
                "```",
                "",
                f"**What to do.** {rule.fix}",
                "",
                f"**To silence it:** `--ignore {rule.code}` or `--ignore {rule.name}`.",
            ]
    return "\n".join(lines) + "\n"
