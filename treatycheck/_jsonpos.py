"""Line and column lookup for JSON documents, done only when needed.

``json.loads`` gives no positions. Rather than tracking them for every value
(which would make loading several times slower), a :class:`JsonPositions`
keeps the text and, when a report needs locations, walks the document once
along just the requested pointers. Every other value is skipped by a regular
expression that matches one JSON value of bounded nesting without building
it (several array elements per match), which is about three times faster
than parsing it; a value nested deeper than the expression allows is skipped
with the C scanner of the standard library instead.
"""

from __future__ import annotations

import contextlib
import functools
import json
import json.decoder
import json.scanner
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final, cast

from .findings import Pointer

__all__ = ["JsonPositions", "JsonRefused", "nesting_problem", "read_json", "text_position"]

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

_LONE_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_KEY_STEP: Final = -1


class JsonRefused(Exception):
    """The JSON text cannot be read as data; carries a message and a 1-based position."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_json(text: str, *, max_depth: int = 64, check_depth: bool = True) -> Any:
    """Parse a JSON text into plain values, refusing what is not portable data.

    Raises :class:`JsonRefused` for syntax errors, nesting deeper than
    ``max_depth``, integers too long to convert, and strings holding a lone
    UTF-16 surrogate (``"\\ud800"``), which no UTF-8 output can carry.

    With ``check_depth=False`` only the parser's own bound applies, and the
    caller checks the parts it does not validate itself with
    :func:`nesting_problem` (walking a large document costs about as much as
    parsing it, while schema-valid records cannot nest deeply).
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        line, column = text_position(text, error.pos)
        raise JsonRefused(f"JSON syntax error: {error.msg}", line, column) from None
    except RecursionError:
        raise JsonRefused(_depth_message(max_depth), 1, 1) from None
    except ValueError:  # an integer literal longer than int() accepts
        limit = sys.get_int_max_str_digits()
        match = re.search(f"[0-9]{{{limit + 1},}}", text)
        line, column = text_position(text, match.start() if match else 0)
        raise JsonRefused(
            f"a number with more than {limit:,} digits; write it as text if it is an identifier",
            line,
            column,
        ) from None
    check_surrogates = _LONE_SURROGATE_ESCAPE.search(text) is not None
    if check_depth or check_surrogates:
        bad = _first_problem(document, (), max_depth if check_depth else None, check_surrogates)
        if bad is not None:
            message, pointer = bad
            ((line, column),) = JsonPositions(text).resolve([pointer])
            raise JsonRefused(message, line, column)
    return document


def nesting_problem(value: Any, pointer: Pointer, max_depth: int) -> tuple[str, Pointer] | None:
    """The message and pointer of the first container in ``value`` nested too deeply.

    ``value`` sits at ``pointer`` in its document; depth counts from the root.
    """
    return _first_problem(value, pointer, max_depth, surrogates=False)


def _depth_message(max_depth: int) -> str:
    return f"nesting deeper than {max_depth} levels; refusing to read further"


def _first_problem(
    document: Any, start: Pointer, max_depth: int | None, surrogates: bool
) -> tuple[str, Pointer] | None:
    """The first value nested too deep or holding a lone surrogate, with its pointer."""
    limit = max_depth if max_depth is not None else sys.maxsize
    stack: list[tuple[Any, Pointer]] = [(document, start)]
    while stack:
        value, pointer = stack.pop()
        if isinstance(value, dict):
            if len(pointer) >= limit:
                return _depth_message(limit), pointer
            for key, item in value.items():
                if surrogates and _has_surrogate(key):
                    return _SURROGATE_MESSAGE, (*pointer, key, _KEY_STEP)
                stack.append((item, (*pointer, key)))
        elif isinstance(value, list):
            if len(pointer) >= limit:
                return _depth_message(limit), pointer
            stack.extend((item, (*pointer, position)) for position, item in enumerate(value))
        elif surrogates and isinstance(value, str) and _has_surrogate(value):
            return _SURROGATE_MESSAGE, pointer
    return None


_SURROGATE_MESSAGE: Final = (
    "a \\u escape gives a lone UTF-16 surrogate, which is not a character; "
    "write the character itself or a valid surrogate pair"
)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset; CR LF, CR and LF each end a line."""
    crs = "\r" in text
    line = _line_breaks(text, 0, offset, crs) + 1
    return line, offset - _line_start(text, 0, offset, crs) + 1


# JSON allows CR LF, a lone CR and LF between tokens; an editor counts each as one
# line break, and so do positions here. A stretch counted never ends inside a CR LF
# (offsets are those of tokens), and ``crs`` says whether the text has a CR at all.


def _line_breaks(text: str, start: int, end: int, crs: bool) -> int:
    """How many line breaks ``text[start:end]`` holds."""
    breaks = text.count("\n", start, end)
    if crs:
        breaks += text.count("\r", start, end) - text.count("\r\n", start, end)
    return breaks


def _line_start(text: str, start: int, end: int, crs: bool) -> int:
    """The offset after the last line break in ``text[start:end]`` (``start`` if none)."""
    last = text.rfind("\n", start, end)
    if crs:
        last = max(last, text.rfind("\r", start, end))
    return last + 1 if last >= 0 else start


class JsonPositions:
    """A :class:`~treatycheck.findings.PositionIndex` for one JSON text."""

    __slots__ = ("_skip", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._skip: _Skipper | None = None

    def resolve(self, pointers: Sequence[Pointer]) -> list[tuple[int, int]]:
        """Positions of the pointers, or of their nearest existing ancestor."""
        trie: _Trie = {}
        for pointer in pointers:
            node = trie
            for step in pointer:
                node = node.setdefault(step, {})
        offsets: dict[Pointer, int] = {}
        if self._skip is None:
            self._skip = _skipper(escapes="\\" in self._text)
        # RecursionError: skipping a value nested almost as deep as the parser allows
        # may overflow here, where the stack is deeper than it was at parse time.
        with contextlib.suppress(ValueError, StopIteration, IndexError, RecursionError):
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
        skip = self._skip
        assert skip is not None
        offsets[pointer] = index
        if not trie:
            return skip.value(text, index)
        char = text[index]
        if char == "{":
            index = _skip_ws(text, index + 1)
            if text[index] == "}":
                return index + 1
            others = skip.members_except(trie)
            while True:
                skipped = others.match(text, index) if others is not None else None
                if skipped is not None:  # past the members not asked for, in one match
                    if skipped.start(1) >= 0:
                        return skipped.end()  # ... up to the end of the object
                    index = skipped.end()
                key_offset = index
                key, index = _scanstring(text, index + 1)
                index = _skip_ws(text, index)
                index = _skip_ws(text, index + 1)  # past ':'
                if key in trie:
                    offsets[(*pointer, key, -1)] = key_offset
                    index = self._walk(index, (*pointer, key), trie[key], offsets)
                else:
                    index = skip.value(text, index)
                index = _skip_ws(text, index)
                if text[index] == "}":
                    return index + 1
                index = _skip_ws(text, index + 1)  # past ','
        if char == "[":
            wanted_positions = sorted(step for step in trie if isinstance(step, int) and step >= 0)
            if not wanted_positions:
                return skip.value(text, index)
            index = _skip_ws(text, index + 1)
            if text[index] == "]":
                return index + 1
            position = 0
            for target in wanted_positions:
                index, position = skip.elements(text, index, position, target)
                if position < target:
                    return index + 1  # the array ends before the target: past its ']'
                index = self._walk(index, (*pointer, position), trie[position], offsets)
                position += 1
                index = _skip_ws(text, index)
                if text[index] == "]":
                    return index + 1
                index = _skip_ws(text, index + 1)
            return skip.rest_of_array(text, index)
        return skip.value(text, index)

    def _line_columns(self, offsets: list[int]) -> list[tuple[int, int]]:
        text = self._text
        crs = "\r" in text
        order = sorted(range(len(offsets)), key=offsets.__getitem__)
        result: list[tuple[int, int]] = [(1, 1)] * len(offsets)
        line, last, line_start = 1, 0, 0
        for position in order:
            offset = offsets[position]
            # Offsets come in increasing order: count and find line breaks only in
            # the stretch since the previous one, so a minified one-line file
            # costs one pass, not one backward search per offset.
            breaks = _line_breaks(text, last, offset, crs)
            if breaks:
                line += breaks
                line_start = _line_start(text, last, offset, crs)
            last = offset
            result[position] = (line, offset - line_start + 1)
        return result


def _skip_ws(text: str, index: int) -> int:
    match = _WS.match(text, index)
    return match.end() if match else index


# Skipping values without building them. A regular expression matches one JSON
# value nested at most _DEPTH deep; on valid JSON (the text was parsed already)
# it can only match the whole value: strings cannot end early, brackets pair up,
# and every quantifier is possessive, so a value nested deeper fails at once
# (and is skipped by the C scanner) instead of backtracking.
_DEPTH: Final = 8
_BLOCKS: Final = (256, 32, 4, 1)
"""Array elements are skipped this many per match while that many remain."""
_PATTERNS: Final = 32
"""How many sets of object keys get their own expression (records have few)."""
_COMPILE_AFTER: Final = 64
"""Objects walked with one set of keys before that set gets its expression: compiling
one takes about a millisecond, more than walking dozens of objects member by member, so
a report of a hundred findings compiles none (at 16, a 1,000-treaty benchmark compiled
five, a fifth of its rules' time; at 10,000 treaties 16 and 64 cost the same)."""
_KEYS: Final = 200
"""Keys longer than this in all get no expression (compiling it would cost more)."""
_SPACE: Final = "[ \\t\\n\\r]*+"
_SCALAR: Final = r'[^\s,\]}"{\[:]++'


class _Skipper:
    """Expressions that skip JSON values, for texts whose strings match ``string``."""

    def __init__(self, string: str, *, plain: bool = False) -> None:
        inner = rf'(?:[^"{{}}\[\]]++|{string})*+'
        for _ in range(_DEPTH - 1):
            inner = rf'(?:[^"{{}}\[\]]++|{string}|[{{\[]{inner}[}}\]])*+'
        value = rf"(?:[{{\[]{inner}[}}\]]|{string}|{_SCALAR})"
        element = rf"{value}{_SPACE},{_SPACE}"  # an array element and its comma
        self._value = re.compile(value, re.DOTALL)
        self._elements = {n: re.compile(rf"(?:{element}){{{n}}}", re.DOTALL) for n in _BLOCKS}
        self._rest_of_array = re.compile(rf"(?:{element})*+{value}{_SPACE}\]", re.DOTALL)
        # Members and their commas, for a text without escapes (keys are as written).
        self._member = rf"{string}{_SPACE}:{_SPACE}{value}{_SPACE}" if plain else None
        self._members_except: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._uses: dict[tuple[str, ...], int] = {}

    def members_except(self, trie: _Trie) -> re.Pattern[str] | None:
        """An expression that skips object members whose keys the trie does not hold,
        and the end of the object when no other member follows (group 1)."""
        if self._member is None:
            return None
        keys = tuple(trie)
        pattern = self._members_except.get(keys)
        if pattern is None:
            uses = self._uses[keys] = self._uses.get(keys, 0) + 1
            if (
                uses < _COMPILE_AFTER
                or len(self._members_except) >= _PATTERNS
                or len(repr(keys)) > _KEYS
            ):
                return None  # keys seldom asked for, or long ones: member by member

            wanted = "|".join(re.escape(f'"{key}"') for key in keys if isinstance(key, str))
            wanted = wanted or "(?!)"
            other = rf"(?!(?:{wanted}){_SPACE}:){self._member}"
            # Members and their commas; group 1: the last member and the closing brace.
            pattern = re.compile(rf"(?:{other},{_SPACE})*+({other}\}})?", re.DOTALL)
            self._members_except[keys] = pattern
        return pattern

    def value(self, text: str, index: int) -> int:
        """The end of the JSON value starting at ``index``."""
        match = self._value.match(text, index)
        if match is not None:
            return match.end()
        return int(_scan_once(text, index)[1])  # nested too deep for the expression

    def elements(self, text: str, index: int, position: int, target: int) -> tuple[int, int]:
        """Skip array elements from ``index`` (element ``position``) up to element ``target``.

        Returns the index and position reached: ``target``, or fewer when the
        array ends first (the index then is that of its ``]``).
        """
        for block in _BLOCKS:
            pattern = self._elements[block]
            while target - position >= block:
                match = pattern.match(text, index)
                if match is None:
                    break
                index, position = match.end(), position + block
        while position < target:  # an element too deep for the expressions
            index = _skip_ws(text, self.value(text, index))
            if text[index] == "]":
                return index, position
            index = _skip_ws(text, index + 1)  # past ','
            position += 1
        return index, position

    def rest_of_array(self, text: str, index: int) -> int:
        """The end of an array from its element at ``index`` on, none of them needed."""
        match = self._rest_of_array.match(text, index)
        if match is not None:
            return match.end()
        while True:
            index = _skip_ws(text, self.value(text, index))
            if text[index] == "]":
                return index + 1
            index = _skip_ws(text, index + 1)


@functools.cache
def _skipper(*, escapes: bool) -> _Skipper:
    """The skipper for texts with or without a backslash (compiled on first use)."""
    if escapes:
        return _Skipper(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
    # Without a backslash no string holds an escape: a simpler, faster expression.
    return _Skipper(r'"[^"]*+"', plain=True)
