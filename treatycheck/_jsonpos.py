"""Line and column lookup for JSON documents, done only when needed.

``json.loads`` gives no positions. Rather than tracking them for every value
(which would make loading several times slower), a :class:`JsonPositions`
keeps the text and, when a report needs locations, walks the document once
along just the requested pointers, skipping every other value with the C
scanner of the standard library.
"""

from __future__ import annotations

import contextlib
import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable, Sequence
from typing import Any, Final, cast

from .findings import Pointer

__all__ = ["JsonPositions"]

_WS: Final[re.Pattern[str]] = json.decoder.WHITESPACE  # type: ignore[attr-defined]
_scan_once: Final = cast(
    Callable[[str, int], tuple[Any, int]],
    json.scanner.make_scanner(json.JSONDecoder()),  # type: ignore[arg-type]
)
_scanstring: Final = cast(
    Callable[[str, int], tuple[str, int]],
    json.decoder.scanstring,  # type: ignore[attr-defined]
)

_Trie = dict[Any, "_Trie"]


class JsonPositions:
    """A :class:`~treatycheck.findings.PositionIndex` for one JSON text."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def resolve(self, pointers: Sequence[Pointer]) -> list[tuple[int, int]]:
        """Positions of the pointers, or of their nearest existing ancestor."""
        trie: _Trie = {}
        for pointer in pointers:
            node = trie
            for step in pointer:
                node = node.setdefault(step, {})
        offsets: dict[Pointer, int] = {}
        with contextlib.suppress(ValueError, StopIteration, IndexError):
            self._walk(_skip_ws(self._text, 0), (), trie, offsets)
        found = [self._nearest(pointer, offsets) for pointer in pointers]
        return self._line_columns(found)

    @staticmethod
    def _nearest(pointer: Pointer, offsets: dict[Pointer, int]) -> int:
        probe = pointer
        while probe not in offsets and probe:
            probe = probe[:-1]
        return offsets.get(probe, 0)

    def _walk(self, index: int, pointer: Pointer, trie: _Trie, offsets: dict[Pointer, int]) -> int:
        """Record the value at ``index``; descend where the trie asks. Returns its end."""
        text = self._text
        offsets[pointer] = index
        if not trie:
            return int(_scan_once(text, index)[1])
        char = text[index]
        if char == "{":
            index = _skip_ws(text, index + 1)
            if text[index] == "}":
                return index + 1
            while True:
                key_offset = index
                key, index = _scanstring(text, index + 1)
                index = _skip_ws(text, index)
                index = _skip_ws(text, index + 1)  # past ':'
                if key in trie:
                    offsets[(*pointer, key, -1)] = key_offset
                    index = self._walk(index, (*pointer, key), trie[key], offsets)
                else:
                    index = int(_scan_once(text, index)[1])
                index = _skip_ws(text, index)
                if text[index] == "}":
                    return index + 1
                index = _skip_ws(text, index + 1)  # past ','
        if char == "[":
            index = _skip_ws(text, index + 1)
            if text[index] == "]":
                return index + 1
            position = 0
            while True:
                if position in trie:
                    index = self._walk(index, (*pointer, position), trie[position], offsets)
                else:
                    index = int(_scan_once(text, index)[1])
                position += 1
                index = _skip_ws(text, index)
                if text[index] == "]":
                    return index + 1
                index = _skip_ws(text, index + 1)
        return int(_scan_once(text, index)[1])

    def _line_columns(self, offsets: list[int]) -> list[tuple[int, int]]:
        text = self._text
        order = sorted(range(len(offsets)), key=offsets.__getitem__)
        result: list[tuple[int, int]] = [(1, 1)] * len(offsets)
        line, last = 1, 0
        for position in order:
            offset = offsets[position]
            line += text.count("\n", last, offset)
            last = offset
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            result[position] = (line, column)
        return result


def _skip_ws(text: str, index: int) -> int:
    match = _WS.match(text, index)
    return match.end() if match else index
