"""Linking rows that have no COW number (HUGGO) to one, by name.

Names are compared with case, accents, punctuation and ``&``/``and``
ignored, and a few official (UN) spellings are mapped to COW's. A name that
matches several numbers is narrowed to the numbers whose spells overlap the
row in time, then to the one named by the highest-priority dataset.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Final

from .._names import name_key
from ._common import ImportMessage
from ._records import Spell
from .crosswalk import Crosswalk

__all__ = ["NAME_ALIASES", "codes_by_name", "link_key", "overlap"]

NAME_ALIASES: Final[Mapping[str, str]] = {
    "cote divoire": "ivory coast",
    "eswatini": "swaziland",
    "islamic republic of iran": "iran",
    "republic of korea": "south korea",
    "plurinational state of bolivia": "bolivia",
    "syrian arab republic": "syria",
    "viet nam": "vietnam",
    "republic of viet nam": "republic of vietnam",
    "timor-leste": "east timor",
    "timorleste": "east timor",
}
"""Official (UN) spellings used by HUGGO and the COW spelling of the same state."""


def link_key(name: str) -> str:
    """A name for matching: case, accents, punctuation and '&' vs 'and' ignored."""
    key = name_key(name).replace("&", " and ")
    key = re.sub(r"[^\w\s-]", "", key)
    key = " ".join(key.split())
    return NAME_ALIASES.get(key, key)


def codes_by_name(
    spells: Sequence[Spell], priority: Sequence[str], crosswalk: Crosswalk | None
) -> tuple[dict[int, int | None], list[ImportMessage]]:
    """The linking code of every spell (by ``id``): its own, or one found by name.

    A name may match several codes; candidates whose spells overlap the row in
    time are preferred, then the code from the highest-priority dataset (the
    crosswalk's COW numbers rank right after COW's own names).
    """
    out: dict[int, int | None] = {id(s): s.code for s in spells}
    messages: list[ImportMessage] = []
    uncoded = [s for s in spells if s.code is None]
    if not uncoded:
        return out, messages
    rank = {source: 2 * index for index, source in enumerate(priority)}
    names: dict[str, dict[int, int]] = defaultdict(dict)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)

    def offer(name: str, code: int, level: int) -> None:
        table = names[link_key(name)]
        table[code] = min(level, table.get(code, level))

    for spell in spells:
        if spell.code is None:
            continue
        spans[spell.code].append(spell.core)
        for name in (spell.name, *spell.alt_names):
            offer(name, spell.code, rank.get(spell.source, 99))
    if crosswalk is not None:
        cow_rank = rank.get("cow-states", 0) + 1
        gw_rank = rank.get("gw-states", cow_rank) + 1
        for row in crosswalk.rows:
            for name in (row.country, row.cow_name):
                if not name:
                    continue
                if row.cow_code is not None:
                    offer(name, row.cow_code, cow_rank)
                elif row.gw_code is not None and name == row.country:
                    offer(name, row.gw_code, gw_rank)
    if not names:
        keys = sorted({(s.source, s.key) for s in uncoded})
        first = uncoded[0]
        messages.append(
            ImportMessage(
                "info",
                first.row,
                f"{first.source} has no COW numbers and there is nothing to link its "
                f"{len(keys)} states to by name (give the crosswalk or other states "
                f"datasets); they keep ids of their own ({prefix(first.source)}-...)",
            )
        )
        return out, messages
    by_key: dict[tuple[str, str], list[Spell]] = defaultdict(list)
    for spell in uncoded:
        by_key[(spell.source, spell.key)].append(spell)
    for (source, key), group in by_key.items():
        matched = [_candidates(spell, names) for spell in group]
        for spell, candidates in zip(group, matched, strict=True):
            chosen = _choose(candidates, spell, spans)
            out[id(spell)] = chosen
            if chosen is None and len(candidates) > 1:
                listed = ", ".join(str(c) for c in sorted(candidates))
                messages.append(
                    ImportMessage(
                        "warning",
                        spell.name_cell,
                        f"{spell.name} ({source} {key}) matches several states by name "
                        f"({listed}) equally well; not linked",
                    )
                )
        found = {out[id(s)] for s in group} - {None}
        if len(found) == 1:
            code = next(iter(found))
            for spell, candidates in zip(group, matched, strict=True):
                if out[id(spell)] is None and not candidates:
                    out[id(spell)] = code
        elif not found:
            first = group[0]
            messages.append(
                ImportMessage(
                    "info",
                    first.name_cell,
                    f"{first.name} ({source} {key}) matches no state of the other "
                    "datasets by name; kept as its own subject",
                )
            )
    return out, messages


def prefix(source: str) -> str:
    """The id prefix of a dataset's own subjects (``huggo`` for ``huggo-states``)."""
    return source.removesuffix("-states")


def _candidates(spell: Spell, names: Mapping[str, Mapping[int, int]]) -> dict[int, int]:
    """Codes matching the spell's own name, else its other names, with their rank."""
    for group in ((spell.name,), spell.alt_names):
        found: dict[int, int] = {}
        for name in group:
            for code, level in names.get(link_key(name), {}).items():
                found[code] = min(level, found.get(code, level))
        if found:
            return found
    return {}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0]) + 1


def _choose(
    candidates: Mapping[int, int], spell: Spell, spans: Mapping[int, list[tuple[int, int]]]
) -> int | None:
    """The candidate overlapping the spell in time (if any do), then of the best rank."""
    if not candidates:
        return None
    overlapping = {
        code: level
        for code, level in candidates.items()
        if any(overlap(span, spell.core) > 0 for span in spans.get(code, ()))
    }
    pool = overlapping or dict(candidates)
    best = min(pool.values())
    chosen = [code for code, level in pool.items() if level == best]
    return chosen[0] if len(chosen) == 1 else None
