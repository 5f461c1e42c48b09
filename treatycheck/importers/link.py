"""Linking imported datasets into one treatycheck document.

States datasets are linked by their COW-system number: every spell with the
same number belongs to one state. HUGGO rows, which have no number, get one
by name (their own names and the other datasets' names, plus the crosswalk),
keeping only candidates whose spells overlap in time when a name is
ambiguous.

Within one state, spells of different datasets are matched into *clusters*
(the same spell as seen by several datasets). Datasets are taken in priority
order (COW, Gleditsch-Ward, ISD, HUGGO); each spell joins the cluster whose
first spell it overlaps most, at most one spell per dataset per cluster, else
starts a new cluster. A cluster is one subject: a polity ``state-366-1918``
(the number and the start year of its highest-priority spell) whose
``exists`` comes from that spell, and every dataset's dates become claims
``exists.from``/``exists.to`` about it. A dataset that keeps as one spell
what another splits in two (Gleditsch-Ward's Poland through 1939-1945)
joins the first cluster and disagrees on its end.

ATOP members are COW codes. With states data linked, each member becomes
the cluster of the highest-priority dataset that has the state, chosen at the
member's entry date (the spell containing the date, else the nearest one), so
that TC302 can say whether the member existed then.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..dates import HistDate
from ._byname import codes_by_name, overlap, prefix
from ._common import Cell, ImportMessage
from ._records import Alliance, Parsed, Spell
from .crosswalk import Crosswalk

__all__ = ["AUTHORITY", "Cluster", "Linked", "Origin", "link"]

AUTHORITY: Final = ("cow-states", "gw-states", "isd-states", "huggo-states")
"""Dataset priority: whose spell anchors a cluster, gives the polity its
``exists`` and decides the party of an ATOP member."""


@dataclass(frozen=True)
class Origin:
    """Where a record of the document was read: its row and the cells of its fields."""

    row: Cell
    cells: Mapping[tuple[str | int, ...], Cell] = field(default_factory=dict)


@dataclass
class Cluster:
    """One spell of one state as seen by one or more datasets."""

    id: str
    group: str
    code: int | None
    spells: dict[str, Spell]
    """Spell by source id, in priority order; the first is the anchor."""

    @property
    def anchor(self) -> Spell:
        """The highest-priority dataset's spell."""
        return next(iter(self.spells.values()))


@dataclass
class Linked:
    """The linked document, where each record came from, and the clusters behind it."""

    document: dict[str, Any]
    origins: dict[tuple[str, int], Origin]
    messages: list[ImportMessage]
    clusters: dict[str, Cluster]
    groups: dict[str, list[Cluster]]
    crosswalk: Crosswalk | None = None


def link(
    parts: Sequence[Parsed],
    crosswalk: Crosswalk | None = None,
    authority: Sequence[str] = AUTHORITY,
) -> Linked:
    """One document from the parsed datasets (and optionally the crosswalk)."""
    builder = _Builder(parts, crosswalk, authority)
    return builder.build()


def _id_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class _Builder:
    def __init__(
        self, parts: Sequence[Parsed], crosswalk: Crosswalk | None, authority: Sequence[str]
    ) -> None:
        self.parts = parts
        self.crosswalk = crosswalk
        present = [p.source_id for p in parts]
        self.priority = [s for s in authority if s in present] + sorted(
            {s for s in present if s not in authority}
        )
        self.messages: list[ImportMessage] = []
        self.document: dict[str, Any] = {"treatycheck": 1}
        self.origins: dict[tuple[str, int], Origin] = {}
        self.sections: dict[str, list[dict[str, Any]]] = {
            "sources": [],
            "polities": [],
            "treaties": [],
            "claims": [],
        }
        self.clusters: dict[str, Cluster] = {}
        self.groups: dict[str, list[Cluster]] = {}
        self.codes: dict[int, str] = {}  # state-level polities for codes without spells

    def add(self, section: str, record: dict[str, Any], origin: Origin) -> None:
        items = self.sections[section]
        self.origins[(section, len(items))] = origin
        items.append(record)

    def build(self) -> Linked:
        self._sources()
        spells = [spell for part in self.parts for spell in part.spells]
        codes, found = codes_by_name(spells, self.priority, self.crosswalk)
        self.messages.extend(found)
        self._align(spells, codes)
        self._polities_and_claims()
        for part in self.parts:
            for alliance in part.alliances:
                self._treaty(alliance, part.source_id)
        for name, items in self.sections.items():
            if items:
                self.document[name] = items
        return Linked(
            self.document, self.origins, self.messages, self.clusters, self.groups, self.crosswalk
        )

    # -- sources ---------------------------------------------------------------------

    def _sources(self) -> None:
        seen: set[str] = set()
        for part in self.parts:
            if part.source_id in seen:
                continue
            seen.add(part.source_id)
            first = part.files[0].path if part.files else "<import>"
            self.add("sources", dict(part.source), Origin(Cell(first, 1, 1)))

    # -- clusters --------------------------------------------------------------------

    def _align(self, spells: Sequence[Spell], codes: Mapping[int, int | None]) -> None:
        grouped: dict[str, list[Spell]] = defaultdict(list)
        group_codes: dict[str, int | None] = {}
        for spell in spells:
            code = codes[id(spell)]
            group = (
                f"state-{code}"
                if code is not None
                else f"{prefix(spell.source)}-{_id_part(spell.key)}"
            )
            grouped[group].append(spell)
            group_codes[group] = code
        rank = {source: index for index, source in enumerate(self.priority)}
        for group in sorted(grouped, key=_natural):
            members = sorted(grouped[group], key=lambda s: (rank.get(s.source, len(rank)), s.core))
            clusters: list[Cluster] = []
            for source in dict.fromkeys(s.source for s in members):
                own = [s for s in members if s.source == source]
                _match(own, clusters, source, group, group_codes[group])
            clusters.sort(key=lambda c: (c.anchor.core, c.anchor.source))
            used: dict[str, int] = {}
            for cluster in clusters:
                base = f"{group}-{_id_part(cluster.anchor.label)}"
                used[base] = used.get(base, 0) + 1
                cluster.id = base if used[base] == 1 else f"{base}-{used[base]}"
                self.clusters[cluster.id] = cluster
            self.groups[group] = clusters

    def _polities_and_claims(self) -> None:
        claims: list[tuple[dict[str, Any], Origin]] = []
        for cluster in self.clusters.values():
            anchor = cluster.anchor
            exists: dict[str, str] = {"from": anchor.start.text}
            if anchor.end is not None:
                exists["to"] = anchor.end.text
            codes: dict[str, str | int] = {}
            for spell in cluster.spells.values():
                for key, value in spell.codes.items():
                    codes.setdefault(key, value)
            if cluster.code is not None and self.crosswalk is not None:
                qid = self.crosswalk.wikidata(cluster.code)
                if qid:
                    codes["wikidata"] = qid
            seen = ", ".join(
                f"{source} {spell.row.path} line {spell.row.line}"
                for source, spell in cluster.spells.items()
            )
            record = {
                "id": cluster.id,
                "names": list(dict.fromkeys(s.name for s in cluster.spells.values())),
                "exists": exists,
                "codes": codes,
                "sources": [anchor.source],
                "notes": f"spell of {cluster.group}; exists as given by {anchor.source}; "
                f"from {seen}",
            }
            cells = {
                ("exists", "from"): anchor.start_cell,
                ("exists", "to"): anchor.end_cell,
                ("names",): anchor.name_cell,
                ("names", 0): anchor.name_cell,
            }
            self.add("polities", record, Origin(anchor.row, cells))
            for source, spell in cluster.spells.items():
                for prop, date, cell, note in (
                    ("exists.from", spell.start, spell.start_cell, spell.start_note),
                    ("exists.to", spell.end, spell.end_cell, spell.end_note),
                ):
                    if date is None:
                        continue
                    claim: dict[str, Any] = {
                        "source": source,
                        "about": cluster.id,
                        "property": prop,
                        "value": date.text,
                        "locator": f"{cell.path} line {cell.line}, column {cell.name}",
                    }
                    if note:
                        claim["notes"] = note
                    claims.append((claim, Origin(cell, {("value",): cell})))
        for claim, origin in claims:
            self.add("claims", claim, origin)

    # -- ATOP ------------------------------------------------------------------------

    def _treaty(self, alliance: Alliance, source: str) -> None:
        begin = alliance.begin
        later = {
            entry.member: entry
            for entry in alliance.entries
            if begin is not None and entry.date.earliest > begin.latest
        }
        parties: list[str] = []
        events: list[dict[str, Any]] = []
        cells: dict[tuple[str | int, ...], Cell] = {}
        for index, (code, cell) in enumerate(
            zip(alliance.members, alliance.member_cells, strict=True)
        ):
            entry = later.get(code)
            day = entry.date if entry is not None else begin
            party = self._party(code, day, cell)
            parties.append(party)
            cells[("parties", index)] = cell
        if alliance.member_cells:
            cells[("parties",)] = alliance.member_cells[0]
        if begin is not None:
            if later:
                own = {entry.member: entry.cell for entry in alliance.entries}
                for code, party in zip(alliance.members, parties, strict=True):
                    entry = later.get(code)
                    day = entry.date if entry is not None else begin
                    event_cell = own.get(code, alliance.begin_cell)
                    cells[("events", len(events), "date")] = event_cell
                    events.append({"type": "signed", "date": day.text, "by": party})
            else:
                cells[("events", 0, "date")] = alliance.begin_cell
                events.append({"type": "signed", "date": begin.text})
        if alliance.end is not None:
            cells[("events", len(events), "date")] = alliance.end_cell
            events.append({"type": "expired", "date": alliance.end.text})
        codes: dict[str, str | int] = {"atop": alliance.atopid}
        if alliance.cowid is not None:
            codes["cow"] = alliance.cowid
        notes = [f"{alliance.row.path} line {alliance.row.line}"]
        if alliance.obligations:
            notes.append("obligations: " + ", ".join(alliance.obligations))
        if alliance.ongoing:
            notes.append("still in force when coverage ended (end 0/0/0)")
        if later:
            notes.append(
                "members joining later: "
                + ", ".join(f"{code} on {entry.date.text}" for code, entry in later.items())
            )
        notes.extend(alliance.notes)
        record: dict[str, Any] = {
            "id": f"atop-{alliance.atopid}",
            "title": f"ATOP alliance {alliance.atopid}",
            "kind": "alliance",
        }
        if alliance.bilateral is not None:
            record["form"] = "bilateral" if alliance.bilateral else "multilateral"
        record.update(
            {
                "parties": parties,
                "events": events,
                "sources": [source],
                "codes": codes,
                "notes": "; ".join(notes),
            }
        )
        row = alliance.row
        if later:
            # each member signs on its own entry date: locate the treaty in the member file
            first = alliance.entries[0]
            row = Cell(first.cell.path, first.cell.line, 1)
            by_member = {entry.member: entry for entry in alliance.entries}
            for index, code in enumerate(alliance.members):
                if code in by_member:
                    cells[("parties", index)] = by_member[code].member_cell
            cells[("parties",)] = first.member_cell
        same_file = {k: v for k, v in cells.items() if v.path == row.path}
        self.add("treaties", record, Origin(row, same_file))

    def _party(self, code: int, day: HistDate | None, cell: Cell) -> str:
        """The polity id of COW state ``code`` at ``day``."""
        clusters = self.groups.get(f"state-{code}")
        if clusters:
            for source in self.priority:
                own = [c for c in clusters if source in c.spells]
                if own:
                    return _nearest(own, source, day).id
        if code not in self.codes:
            polity_id = f"state-{code}"
            self.codes[code] = polity_id
            record: dict[str, Any] = {"id": polity_id, "codes": {"cow": code}}
            if self.clusters or any(p.spells for p in self.parts):
                record["notes"] = "no imported states dataset has this code"
                self.messages.append(
                    ImportMessage(
                        "warning",
                        cell,
                        f"member {code} is in no imported states dataset; "
                        "its existence cannot be checked",
                    )
                )
            else:
                record["notes"] = "COW state code used by ATOP; import a states dataset to check it"
            self.add("polities", record, Origin(cell, {}))
        return self.codes[code]


def _natural(group: str) -> tuple[str, int, str]:
    head, _, tail = group.rpartition("-")
    return (head, int(tail), "") if tail.isdigit() else (group, 0, tail)


def _match(
    own: Iterable[Spell], clusters: list[Cluster], source: str, group: str, code: int | None
) -> None:
    """Put one dataset's spells of a state into clusters.

    A spell may join a cluster whose anchor it overlaps. Pairs are matched nearest
    starts first (a spell is identified by its beginning: Gleditsch-Ward's unbroken
    Poland joins the 1918 spell, not the 1945 one), then largest overlap. A start
    that is only a coverage bound (``../1816-01-01``) is near any earlier start.
    """
    spells = list(own)
    pairs = []
    for i, spell in enumerate(spells):
        for j, cluster in enumerate(clusters):
            anchor = cluster.anchor
            shared = overlap(spell.core, anchor.core)
            if shared <= 0:
                continue
            distance = max(
                0,
                spell.start.earliest - anchor.start.latest,
                anchor.start.earliest - spell.start.latest,
            )
            pairs.append((distance, -shared, i, j))
    placed: set[int] = set()
    taken: set[int] = set()
    for _, _, i, j in sorted(pairs):
        if i in placed or j in taken:
            continue
        clusters[j].spells[source] = spells[i]
        placed.add(i)
        taken.add(j)
    for i, spell in enumerate(spells):
        if i not in placed:
            clusters.append(Cluster("", group, code, {source: spell}))


def _nearest(clusters: Sequence[Cluster], source: str, day: HistDate | None) -> Cluster:
    """The cluster whose ``source`` spell contains ``day``, else the one nearest to it."""
    if day is None:
        return clusters[0]

    def distance(cluster: Cluster) -> int:
        low, high = cluster.spells[source].core
        if day.latest < low:
            return low - day.latest
        if day.earliest > high:
            return day.earliest - high
        return 0

    return min(clusters, key=lambda c: (distance(c), c.spells[source].core))
