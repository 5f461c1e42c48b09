"""Name matching: normalised keys, edit distance and near-miss suggestions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["closest", "edit_distance", "name_key", "near_miss"]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key: case-folded, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (adjacent swaps count 1), capped at ``limit + 1``."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b and previous_previous:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous[-1], limit + 1)


def allowed_distance(name: str) -> int:
    """How many edits still make a near miss of a name this long."""
    length = len(name)
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    return 2


def near_miss(name: str, known: Iterable[str]) -> tuple[str, ...]:
    """Known names at the smallest allowed edit distance from ``name`` (keys compared).

    Returns the known names tied at that distance, in sorted order, one per
    spelling key: names that differ only in case, accents or spacing
    ("Königsberg", "Konigsberg") are one candidate, shown by the first of them
    in sorted order (as :class:`treatycheck._spelling.NearMisses` shows it). A
    caller that wants an unambiguous suggestion checks for exactly one.
    """
    key = name_key(name)
    limit = allowed_distance(key)
    if limit == 0:
        return ()
    best = limit + 1
    found: dict[str, str] = {}  # spelling key -> the name shown for it
    for candidate in sorted(known):
        candidate_key = name_key(candidate)
        distance = edit_distance(key, candidate_key, limit)
        if distance == 0 or distance > limit:
            continue
        if distance < best:
            best, found = distance, {candidate_key: candidate}
        elif distance == best:
            found.setdefault(candidate_key, candidate)
    return tuple(sorted(found.values()))


def closest(word: str, options: Iterable[str]) -> str | None:
    """The single closest option for a "did you mean" hint, or None."""
    matches = near_miss(word, options)
    if len(matches) == 1:
        return matches[0]
    import difflib

    close = difflib.get_close_matches(word, sorted(set(options)), n=1, cutoff=0.75)
    return close[0] if close else None
