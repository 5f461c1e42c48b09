"""A safe YAML reader that keeps positions and bounds hostile input.

It consumes libyaml's event stream (C, non-recursive) and builds plain Python
values itself, so that:

* only the standard scalar types are built (str, int, float, bool, null and
  timestamps); any other tag, such as ``!!python/object``, is refused;
* nesting depth is checked as events arrive, before anything recursive runs;
* aliases are shared, not copied, and the number of nodes they would expand
  to is bounded (a "billion laughs" document is refused at once);
* every node's line and column are recorded under its pointer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, cast

import yaml
from yaml import events as ev
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .findings import Pointer

try:  # pragma: no branch - libyaml is present in the wheels we support
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["KEY", "YamlProblem", "YamlRefused", "read_yaml"]

KEY: Final = -1
"""Pointer step naming a mapping key itself rather than its value."""

_STR: Final = "tag:yaml.org,2002:str"
_SCALAR_TAGS: Final = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP_TAG: Final = "tag:yaml.org,2002:map"
_SEQ_TAG: Final = "tag:yaml.org,2002:seq"
_MERGE_TAG: Final = "tag:yaml.org,2002:merge"

_resolver = Resolver()
_resolve = cast(Callable[[type, str, tuple[bool, bool]], str], _resolver.resolve)
_constructor = SafeConstructor()


class YamlRefused(Exception):
    """The document cannot be read; carries a message and a 1-based position."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """A problem that does not stop reading (a duplicate key)."""

    message: str
    pointer: Pointer


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    pointer: Pointer
    anchor: str | None
    size: int = 1
    key: str | None = None
    first_lines: dict[str, int] = field(default_factory=dict)
    skip_value: bool = False


def read_yaml(
    text: str,
    *,
    max_depth: int = 64,
    max_alias_nodes: int = 100_000,
) -> tuple[Any, dict[Pointer, tuple[int, int]], list[YamlProblem]]:
    """Read one YAML document into plain values, positions and soft problems.

    Raises :class:`YamlRefused` for syntax errors, forbidden tags, excessive
    depth or alias expansion, and more than one document.
    """
    positions: dict[Pointer, tuple[int, int]] = {}
    problems: list[YamlProblem] = []
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    expanded = 0

    def place(value: Any, size: int, line: int, column: int) -> bool:
        """Attach a finished value to its parent; False when the value is dropped."""
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            positions[()] = (line, column)
            return True
        frame = stack[-1]
        if isinstance(frame.container, list):
            pointer = (*frame.pointer, len(frame.container))
            frame.container.append(value)
        else:
            key = frame.key
            frame.key = None
            if key is None:  # pragma: no cover - parser guarantees key/value pairs
                return False
            if frame.skip_value:
                frame.skip_value = False
                return False
            pointer = (*frame.pointer, key)
            frame.container[key] = value
        positions[pointer] = (line, column)
        frame.size += size
        return True

    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            column = event.start_mark.column + 1 if event.start_mark else 0
            if isinstance(event, ev.ScalarEvent):
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame.container, dict) and frame.key is None:
                    _take_key(frame, event, line, column, positions, problems)
                    continue
                value = _scalar(event, line, column)
                if place(value, 1, line, column) and event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                    raise YamlRefused(
                        "a mapping or list used as a key; keys must be plain text", line, column
                    )
                if len(stack) >= max_depth:
                    raise YamlRefused(
                        f"nesting deeper than {max_depth} levels; refusing to read further",
                        line,
                        column,
                    )
                _check_container_tag(event, line, column)
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, ev.MappingStartEvent) else []
                )
                parent_pointer = _child_pointer(stack)
                positions[parent_pointer] = (line, column)
                stack.append(_Frame(container, parent_pointer, event.anchor))
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                frame = stack.pop()
                start = positions[frame.pointer]
                place(frame.container, frame.size, *start)
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size)
            elif isinstance(event, ev.AliasEvent):
                if event.anchor not in anchors:
                    raise YamlRefused(
                        f"alias *{event.anchor} refers to no complete anchor", line, column
                    )
                value, size = anchors[event.anchor]
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame.container, dict) and frame.key is None:
                    raise YamlRefused("an alias used as a key is not supported", line, column)
                expanded += size
                if expanded > max_alias_nodes:
                    raise YamlRefused(
                        f"aliases expand to more than {max_alias_nodes} nodes "
                        "(a 'billion laughs' document?); refusing to read further",
                        line,
                        column,
                    )
                place(value, size, line, column)
            elif isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlRefused(
                        "more than one YAML document in the file; put each in its own file",
                        line,
                        column,
                    )
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "syntax error"
        if error.context:
            problem = f"{problem} ({error.context})"
        # libyaml puts an error at the end of the text on a line of its own; the
        # character offset gives a position that exists in the file.
        line, column = _text_position(text, mark.index) if mark else (1, 1)
        raise YamlRefused(f"YAML syntax error: {problem}", line, column) from None
    except yaml.reader.ReaderError as error:
        line, column = _text_position(text, error.position)
        raise YamlRefused(
            f"character U+{error.character:04X} is not allowed in YAML ({error.reason})",
            line,
            column,
        ) from None
    except yaml.YAMLError as error:
        raise YamlRefused(f"YAML error: {' '.join(str(error).split())}", 1, 1) from None
    return (root if have_root else None), positions, problems


def _text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, counting line breaks as YAML does."""
    offset = max(0, min(offset, len(text)))
    before = text[:offset]
    breaks = list(_LINE_BREAK.finditer(before))
    if not breaks:
        return 1, offset + 1
    return len(breaks) + 1, offset - breaks[-1].end() + 1


_LINE_BREAK: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _child_pointer(stack: list[_Frame]) -> Pointer:
    if not stack:
        return ()
    frame = stack[-1]
    if isinstance(frame.container, list):
        return (*frame.pointer, len(frame.container))
    return (*frame.pointer, frame.key if frame.key is not None else "")


def _take_key(
    frame: _Frame,
    event: ev.ScalarEvent,
    line: int,
    column: int,
    positions: dict[Pointer, tuple[int, int]],
    problems: list[YamlProblem],
) -> None:
    if event.tag and event.tag not in ("!", _STR):
        raise YamlRefused(f"tag {event.tag} is not allowed on a key", line, column)
    key = event.value
    if event.implicit[0] and _resolve(ScalarNode, key, (True, False)) == _MERGE_TAG:
        raise YamlRefused(
            "merge keys (<<) are not supported; write the keys out in full", line, column
        )
    assert isinstance(frame.container, dict)
    frame.key = key
    if key in frame.container or key in frame.first_lines:
        first = frame.first_lines.get(key, 0)
        problems.append(
            YamlProblem(
                f"duplicate key '{key}' (first given on line {first}); the first value is kept",
                (*frame.pointer, key, KEY, KEY),
            )
        )
        frame.skip_value = True
        positions[(*frame.pointer, key, KEY, KEY)] = (line, column)
        return
    frame.first_lines[key] = line
    positions[(*frame.pointer, key, KEY)] = (line, column)


def _scalar(event: ev.ScalarEvent, line: int, column: int) -> Any:
    tag = event.tag
    implicit = False
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return event.value
        tag = _resolve(ScalarNode, event.value, (True, False))
        implicit = True
    if tag == _STR:
        return event.value
    if tag not in _SCALAR_TAGS:
        raise YamlRefused(
            f"tag {tag} is not allowed (treatycheck builds no objects from tags)", line, column
        )
    node = ScalarNode(tag, event.value)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node)
    except (ConstructorError, ValueError, OverflowError) as error:
        if implicit:  # looked like a number or date but is not one: keep the text
            return event.value
        raise YamlRefused(f"cannot read {event.value!r} as {tag}: {error}", line, column) from None


def _check_container_tag(event: ev.CollectionStartEvent, line: int, column: int) -> None:
    tag = event.tag
    if tag is None or tag == "!" or tag in (_MAP_TAG, _SEQ_TAG):
        return
    raise YamlRefused(
        f"tag {tag} is not allowed (treatycheck builds no objects from tags)", line, column
    )


class DictPositions:
    """A :class:`~treatycheck.findings.PositionIndex` over recorded positions."""

    __slots__ = ("_positions",)

    def __init__(self, positions: dict[Pointer, tuple[int, int]]) -> None:
        self._positions = positions

    def resolve(self, pointers: Sequence[Pointer]) -> list[tuple[int, int]]:
        """Each pointer's position, or that of its nearest recorded ancestor."""
        out = []
        for pointer in pointers:
            probe = pointer
            while probe not in self._positions and probe:
                probe = probe[:-1]
            out.append(self._positions.get(probe, (1, 1)))
        return out
