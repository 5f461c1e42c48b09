"""Near misses of registered names without comparing with every name (for TC505).

Two names within ``d`` edits (optimal string alignment, as
:func:`treatycheck._names.edit_distance`) share a string reachable from each
by at most ``d`` deletions, so an index from such strings to names gives the
candidates, and only those are compared: the answer of
:func:`treatycheck._names.near_miss`, in time that does not grow with the
registry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Final

from ._names import allowed_distance, edit_distance, name_key

__all__ = ["INDEXED_LENGTH", "NearMisses"]

INDEXED_LENGTH: Final = 40
"""Names up to this long are found through the deletion index; longer ones by length."""


class NearMisses:
    """Near misses of registered names, found through indexes of deletions.

    Gives the same answer as comparing with every name, in time that does not
    grow with the registry: two names within ``d`` edits (optimal string
    alignment) share a string reachable from each by at most ``d`` deletions,
    so only names sharing such a string are compared. The index for one
    deletion (enough to find names one edit away) is built first; the larger
    one for two deletions only when a name has no near miss at one edit.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.shown: dict[str, str] = {}
        for name in sorted(names):
            self.shown.setdefault(name_key(name), name)
        self._indexes: dict[int, dict[str, set[str]]] = {}
        self._by_length: dict[int, list[str]] | None = None

    def _index(self, depth: int) -> dict[str, set[str]]:
        index = self._indexes.get(depth)
        if index is None:
            index = self._indexes[depth] = defaultdict(set)
            for key in self.shown:
                if len(key) <= INDEXED_LENGTH + depth:  # longer names match no indexed query
                    for variant in deletions(key, depth):
                        index[variant].add(key)
        return index

    def _candidates(self, key: str, depth: int) -> list[str]:
        if len(key) > INDEXED_LENGTH:
            # A long name would have too many deletions: compare with the names
            # of about its length instead (edit_distance stops early anyway).
            if self._by_length is None:
                self._by_length = defaultdict(list)
                for known in self.shown:
                    self._by_length[len(known)].append(known)
            around = range(len(key) - depth, len(key) + depth + 1)
            return sorted(k for n in around for k in self._by_length.get(n, ()) if k != key)
        index = self._index(depth)
        found: set[str] = set()
        for variant in deletions(key, depth):
            found |= index.get(variant, set())
        found.discard(key)
        return sorted(found)

    def near(self, text: str) -> list[str]:
        """The registered names (one per spelling key) nearest to ``text``, if near."""
        key = name_key(text)
        limit = allowed_distance(key)
        if limit == 0:
            return []
        found = [c for c in self._candidates(key, 1) if one_edit(key, c)]
        if not found and limit > 1:
            found = [c for c in self._candidates(key, 2) if edit_distance(key, c, 2) == 2]
        return [self.shown[k] for k in found]


def one_edit(a: str, b: str) -> bool:
    """Whether two different strings are one edit apart (insert, delete, replace or swap)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True  # one replacement
    return (
        start + 1 < len(a)
        and a[start] == b[start + 1]
        and a[start + 1] == b[start]
        and a[start + 2 :] == b[start + 2 :]
    )


def deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``depth`` characters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
