"""Files and directories into a :class:`~treatycheck.dataset.Dataset`.

Loading never raises for bad data: every problem becomes a finding (TC100
unreadable file, TC103 invalid date, TC104 schema violation, TC202 inverted
date interval) with its file, line and column, and the remaining records are
still loaded. Only misuse (a path that does not exist) raises.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ValidationError

from ._jsonpos import JsonPositions, JsonRefused, nesting_problem, read_json, text_position
from ._yaml import KEY, DictPositions, YamlRefused, read_yaml
from .dataset import RECORD_SECTIONS, Dataset, RecordLocations, pack_place
from .findings import Finding, Location, Pointer, PositionIndex, UsageError
from .models import (
    ASSERTION_FORMS,
    EVENT_REF_PATTERN,
    EVENT_TYPES,
    ID_PATTERN,
    PROPERTY_PATTERN,
    SECTIONS,
    assertion_form,
)
from .rules.catalogue import finding

__all__ = ["DATA_SUFFIXES", "Limits", "load"]

DATA_SUFFIXES: Final = (".yaml", ".yml", ".json")
_TOP_KEYS: Final = ("treatycheck", *RECORD_SECTIONS)
FORMAT_VERSION: Final = 1
VALID_NESTING: Final = 8
"""Schema-valid data never nests containers this deep (the deepest, an assertion's
``count.select.parties`` list, is six levels below the document root). With a
depth limit at least this large, only the parts of a JSON document that fail
validation need a depth check; a walk of the whole document would cost about as
much as parsing it."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile files from exhausting time or memory."""

    max_file_bytes: int = 64 * 1024 * 1024
    """Larger files are refused with TC100 (64 MiB by default)."""
    max_depth: int = 64
    """Deeper nesting is refused with TC100."""
    max_alias_nodes: int = 100_000
    """YAML aliases may expand to at most this many nodes in a file."""


@dataclass(slots=True)
class _Collector:
    """Records and findings gathered across files, in load order."""

    sections: dict[str, list[Any]] = field(
        default_factory=lambda: {name: [] for name in RECORD_SECTIONS}
    )
    places: dict[int, int] = field(default_factory=dict)
    """``id(record)`` -> its file (number in ``indexes``), section and position, packed
    (see :func:`~treatycheck.dataset.pack_place`)."""
    indexes: list[tuple[str, PositionIndex]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def absorb(self, other: _Collector, display: str, index: PositionIndex) -> None:
        """Append what ``other`` gathered from the next file, numbered ``len(indexes)``."""
        for name, records in other.sections.items():
            self.sections[name].extend(records)
        self.indexes.append((display, index))
        self.places.update(other.places)
        self.findings.extend(other.findings)
        self.files.extend(other.files)


class _TooDeep(Exception):
    """A part of a JSON document nests deeper than the limit; the file is refused."""

    def __init__(self, message: str, pointer: Pointer) -> None:
        super().__init__(message)
        self.message = message
        self.pointer = pointer


def load(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    limits: Limits | None = None,
) -> Dataset:
    """Load YAML/JSON data files and directories (recursively) into one dataset.

    Directories are walked in sorted order; hidden entries are skipped, and so
    are YAML/JSON files in a directory that are not data files (their top level
    has no ``treatycheck`` key and no record section). Raises
    :class:`~treatycheck.findings.UsageError` when a given path does not exist.
    """
    limits = limits or Limits()
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not items:
        raise UsageError("no path given")
    collector = _Collector()
    for item in items:
        given = os.fspath(item)
        display = _printable(given)
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{display}: no such file or directory")
        if path.is_dir():
            for file_display, file_path in _walk(display, path, collector):
                _load_file(file_display, file_path, limits, collector, explicit=False)
        else:
            _load_file(display, path, limits, collector, explicit=True)
    sections = collector.sections
    return Dataset(
        sources=tuple(sections["sources"]),
        polities=tuple(sections["polities"]),
        groups=tuple(sections["groups"]),
        places=tuple(sections["places"]),
        people=tuple(sections["people"]),
        treaties=tuple(sections["treaties"]),
        claims=tuple(sections["claims"]),
        assertions=tuple(sections["assertions"]),
        files=tuple(collector.files),
        findings=tuple(collector.findings),
        locations=RecordLocations(collector.indexes, collector.places),
    )


def _walk(display: str, root: Path, collector: _Collector) -> Iterable[tuple[str, Path]]:
    """Data files under ``root`` in sorted path order, without following directory links.

    Entries are visited by name and a subdirectory is walked where its name
    sorts (``a/z.yaml`` comes before ``b.yaml``), as ``find | sort`` lists them.
    """
    # A stack of directory listings, each reversed so that pop() gives the next name.
    stack: list[list[tuple[str, Path, bool]]] = [[(display, root, True)]]
    while stack:
        pending = stack[-1]
        if not pending:
            stack.pop()
            continue
        shown, path, is_dir = pending.pop()
        if not is_dir:
            yield shown, path
            continue
        try:
            entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        except OSError as error:
            collector.findings.append(
                finding("TC100", f"cannot list directory: {_os_reason(error)}", Location(shown))
            )
            continue
        listing: list[tuple[str, Path, bool]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_display = f"{shown.rstrip('/')}/{_printable(entry.name)}"
            try:
                entry_is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                entry_is_dir = False
            if entry_is_dir or entry.name.lower().endswith(DATA_SUFFIXES):
                listing.append((entry_display, Path(entry.path), entry_is_dir))
        listing.reverse()
        stack.append(listing)


def _printable(name: str) -> str:
    """A file name as shown in reports: undecodable bytes and control characters escaped.

    A name is never used to open the file, only to show it, so escaping keeps
    every report valid UTF-8 and one finding per line (a newline in a file
    name cannot forge a line of output).
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "backslashreplace")
    shown = raw.decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", shown)


_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f]")


def _os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _load_file(
    display: str, path: Path, limits: Limits, collector: _Collector, explicit: bool
) -> None:
    here = Location(display, 1, 1)
    try:
        info = path.stat()
    except OSError as error:
        collector.files.append(display)
        collector.findings.append(finding("TC100", f"cannot read: {_os_reason(error)}", here))
        return
    if not stat.S_ISREG(info.st_mode):
        collector.files.append(display)
        collector.findings.append(
            finding("TC100", "not a regular file (a FIFO, device or socket); skipped", here)
        )
        return
    if info.st_size > limits.max_file_bytes:
        collector.files.append(display)
        collector.findings.append(
            finding(
                "TC100",
                f"file is {info.st_size:,} bytes, over the limit of {limits.max_file_bytes:,}; "
                "raise it with --max-file-size if this is intended",
                here,
            )
        )
        return
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since stat()
                raise OSError(0, "no longer a regular file")
            raw = handle.read(limits.max_file_bytes + 1)
    except OSError as error:
        collector.files.append(display)
        collector.findings.append(finding("TC100", f"cannot read: {_os_reason(error)}", here))
        return
    if len(raw) > limits.max_file_bytes:  # grew while we looked
        collector.files.append(display)
        collector.findings.append(
            finding("TC100", f"file is over the limit of {limits.max_file_bytes:,} bytes", here)
        )
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        collector.files.append(display)
        line, column = _byte_position(raw, error.start)
        collector.findings.append(
            finding(
                "TC100",
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
                Location(display, line, column),
            )
        )
        return
    index: PositionIndex
    if path.suffix.lower() == ".json":
        whole_walk = limits.max_depth < VALID_NESTING
        try:
            document = read_json(text, max_depth=limits.max_depth, check_depth=whole_walk)
        except JsonRefused as error:
            collector.files.append(display)
            collector.findings.append(
                finding("TC100", error.message, Location(display, error.line, error.column))
            )
            return
        if not explicit and not _looks_like_data(document):
            return
        index = JsonPositions(text)
        problems: list[tuple[str, Pointer]] = []
        depth_limit = None if whole_walk else limits.max_depth
    else:
        try:
            document, positions, yaml_problems = read_yaml(
                text, max_depth=limits.max_depth, max_alias_nodes=limits.max_alias_nodes
            )
        except YamlRefused as error:
            collector.files.append(display)
            collector.findings.append(
                finding("TC100", error.message, Location(display, error.line, error.column))
            )
            return
        if not explicit and not _looks_like_data(document):
            return
        index = DictPositions(positions)
        problems = [(problem.message, problem.pointer) for problem in yaml_problems]
        depth_limit = None  # the YAML reader bounds depth as it reads
    collector.files.append(display)
    reader = _FileReader(display, index, depth_limit, file_number=len(collector.indexes))
    try:
        reader.read(document, problems)
    except _TooDeep as refusal:  # nothing of the file is kept
        ((line, column),) = index.resolve([refusal.pointer])
        collector.findings.append(
            finding("TC100", refusal.message, Location(display, line, column))
        )
        return
    collector.absorb(reader.staged, display, index)


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without blocking, so a file replaced by a FIFO cannot hang the run."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of the first byte that is not UTF-8."""
    before = raw[:offset].decode("utf-8", errors="replace")
    return text_position(before, len(before))


def _looks_like_data(document: Any) -> bool:
    return isinstance(document, dict) and any(key in document for key in _TOP_KEYS)


class _FileReader:
    """Validates the records of one parsed document into its own collector."""

    def __init__(
        self, display: str, index: PositionIndex, depth_limit: int | None, file_number: int
    ) -> None:
        self.display = display
        self.index = index
        self.depth_limit = depth_limit
        self.file_number = file_number
        self.staged = _Collector()

    def at(self, pointer: Pointer) -> Location:
        return Location(self.display, pointer=pointer, index=self.index)

    def report(self, code: str, message: str, pointer: Pointer) -> None:
        self.staged.findings.append(finding(code, message, self.at(pointer)))

    def check_depth(self, value: Any, pointer: Pointer) -> None:
        """Refuse the file if a value that no model accepted nests too deeply."""
        if self.depth_limit is None or not isinstance(value, (dict, list)):
            return
        problem = nesting_problem(value, pointer, self.depth_limit)
        if problem is not None:
            raise _TooDeep(*problem)

    def read(self, document: Any, problems: list[tuple[str, Pointer]]) -> None:
        for message, pointer in problems:
            self.report("TC104", f"{_render_path(pointer)}: {message}", pointer)
        if document is None:
            self.report("TC104", "the file is empty; a data file starts with 'treatycheck: 1'", ())
            return
        if not isinstance(document, dict):
            self.report(
                "TC104",
                f"the file holds {_describe(document)}; a data file is a mapping that starts "
                "with 'treatycheck: 1'",
                (),
            )
            return
        version = document.get("treatycheck")
        if "treatycheck" not in document:
            self.report("TC104", "missing 'treatycheck: 1' (the format version) at the top", ())
        elif version != FORMAT_VERSION or isinstance(version, bool):
            self.report(
                "TC104",
                f"treatycheck: {version!r} is not a format version this tool reads "
                f"(it reads {FORMAT_VERSION})",
                ("treatycheck",),
            )
        for key, value in document.items():
            if key == "treatycheck":
                continue
            if key not in _TOP_KEYS:
                self.check_depth(value, (key,))
                self.report(
                    "TC104",
                    f"unknown top-level key '{_clip(key)}'{_did_you_mean(key, _TOP_KEYS[1:])}",
                    (key, KEY),
                )
                continue
            if value is None:
                continue
            if not isinstance(value, list):
                self.check_depth(value, (key,))
                self.report(
                    "TC104",
                    f"{key} must be a list of records, not {_describe(value)}",
                    (key,),
                )
                continue
            self.read_section(key, value)

    def read_section(self, section: str, items: list[Any]) -> None:
        records = self.staged.sections[section]
        places = self.staged.places
        place = pack_place(self.file_number, section)
        model = SECTIONS.get(section)
        for position, item in enumerate(items):
            pointer = (section, position)
            cls: type[BaseModel] | None = model
            if cls is None:  # assertions: pick the form first
                if not isinstance(item, dict):
                    self.check_depth(item, pointer)
                    self.report(
                        "TC104",
                        f"{_render_path(pointer)}: expected a record (a mapping), "
                        f"got {_describe(item)}",
                        pointer,
                    )
                    continue
                form = assertion_form(item)
                if form is None:
                    present = [key for key in ASSERTION_FORMS if key in item]
                    what = (
                        f"has several forms ({', '.join(present)}); give one per assertion"
                        if present
                        else "needs exactly one form: " + ", ".join(ASSERTION_FORMS)
                    )
                    self.check_depth(item, pointer)
                    self.report("TC104", f"{_render_path(pointer)}: an assertion {what}", pointer)
                    continue
                cls = ASSERTION_FORMS[form]
            try:
                # What model_validate does, without its keyword checks on every record.
                record = cls.__pydantic_validator__.validate_python(item)
            except ValidationError as error:
                self.check_depth(item, pointer)
                self.translate(error, pointer, item, cls)
                continue
            records.append(record)
            places[id(record)] = place + position

    def translate(
        self, error: ValidationError, pointer: Pointer, item: Any, model: type[BaseModel]
    ) -> None:
        seen: set[tuple[Pointer, str]] = set()
        details = [
            (detail, _trim_loc(item, tuple(detail["loc"])))
            for detail in error.errors(include_url=False)
        ]
        # A misspelt required key is one mistake: report the unknown key (with
        # its suggestion) and not also the missing field it was meant to be.
        meant = {
            (loc[:-1], match)
            for detail, loc in details
            if detail["type"] == "extra_forbidden" and loc
            for match in _close_matches(str(loc[-1]), _allowed_keys(model, loc[:-1], item))
        }
        for detail, loc in details:
            if detail["type"] == "missing" and loc and (loc[:-1], loc[-1]) in meant:
                continue
            code, message, target = _explain(detail, loc, item, model)
            full = (*pointer, *target)
            key = (full, code)
            if key in seen:  # several union members failed on the same value
                continue
            seen.add(key)
            self.report(code, f"{_render_path((*pointer, *loc))}: {message}", full)


def _trim_loc(item: Any, loc: tuple[Any, ...]) -> Pointer:
    """Keep the part of a pydantic error location that exists in the data.

    Union members and tags add steps (``str``, ``list[str]``) that are not in
    the document; they are cut off so the path points at the real value.
    """
    kept: list[str | int] = []
    value = item
    for step in loc:
        if _has_step(value, step):
            kept.append(step)
            value = value[step]
        elif isinstance(value, dict) and isinstance(step, str) and kept[-1:] != [step]:
            kept.append(step)  # a missing or unknown key: name it, stop there
            break
        else:
            break
    return tuple(kept)


def _has_step(value: Any, step: Any) -> bool:
    if isinstance(value, dict):
        return isinstance(step, str) and step in value
    if isinstance(value, list):
        return isinstance(step, int) and 0 <= step < len(value)
    return False


def _value_at(item: Any, loc: Pointer) -> Any:
    value = item
    for step in loc:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


_QUOTED = re.compile(r"'([^']*)'")
_KINDS_OF_VALUE = {
    "type": "an event type",
    "kind": "a source kind",
    "form": "a treaty form",
    "event": "an event type",
    "treatycheck": "a format version",
}


def _explain(
    detail: Any, loc: Pointer, item: Any, model: type[BaseModel]
) -> tuple[str, str, Pointer]:
    """The code, message and pointer (relative to the record) of one pydantic error."""
    kind = detail["type"]
    given = detail.get("input")
    ctx = detail.get("ctx") or {}
    last = loc[-1] if loc else None
    if kind == "invalid_date":
        code = "TC202" if ctx.get("reason") == "inverted" else "TC103"
        return code, str(ctx.get("message", detail["msg"])), loc
    if kind == "missing":
        return "TC104", f"required field '{last}' is missing", loc[:-1]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1], item)
        return (
            "TC104",
            f"unknown key '{_clip(str(last))}'{_did_you_mean(str(last), allowed)}",
            (*loc, KEY),
        )
    if kind == "literal_error":
        options = _QUOTED.findall(str(ctx.get("expected", "")))
        what = _KINDS_OF_VALUE.get(str(last), "an allowed value")
        hint = _did_you_mean(str(given), options)
        if not hint:
            hint = " (one of: " + ", ".join(options) + ")"
        return "TC104", f"{_short(given)} is not {what}{hint}", loc
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == ID_PATTERN:
            suggestion = _kebab(str(given))
            hint = f", e.g. '{suggestion}'" if suggestion else ""
            return (
                "TC104",
                f"{_short(given)} is not a valid id: use lowercase letters, digits and single "
                f"hyphens{hint}",
                loc,
            )
        if pattern == EVENT_REF_PATTERN:
            return (
                "TC104",
                f"{_short(given)} is not an event reference: write <treaty-id>.<event type>, "
                f"where the event type is one of {', '.join(EVENT_TYPES)}",
                loc,
            )
        if pattern == PROPERTY_PATTERN:
            return (
                "TC104",
                f"{_short(given)} is not a claim property: use <event type>.date, "
                "<event type>.place, parties, kind, form, title, exists.from or exists.to",
                loc,
            )
    if kind in _TYPE_NAMES:
        return "TC104", f"expected {_TYPE_NAMES[kind]}, got {_describe(given)}", loc
    bound = _bound_message(kind, ctx, given)
    if bound is not None:
        return "TC104", bound, loc
    message = str(detail["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return "TC104", message[:1].lower() + message[1:], loc


def _bound_message(kind: str, ctx: dict[str, Any], given: Any) -> str | None:
    """A message for a value outside its bounds (a number, a length), or None."""
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {_number(ctx.get('le', ctx.get('lt')))}, not {_number(given)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {_number(ctx.get('ge', ctx.get('gt')))}, not {_number(given)}"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return f"needs at least {minimum} item{'' if minimum == 1 else 's'}"
    if kind == "string_too_short":
        return "must not be empty"
    return None


def _number(value: Any) -> str:
    """``1`` for 1.0, ``100,000`` for 100000; anything else as its short description."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _short(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


_TYPE_NAMES: Final = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "tuple_type": "a list",
    "date_type": "a date",
    "date_from_datetime_parsing": "a date",
    "date_parsing": "a date",
}


def _allowed_keys(model: type[BaseModel], loc: Pointer, item: Any) -> list[str]:
    """Field names (by alias) of the model at ``loc`` inside a record."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            return []
        field_info = next((f for name, f in fields.items() if (f.alias or name) == step), None)
        if field_info is None:
            return []
        current = _model_in(field_info.annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", {})
    return [info.alias or name for name, info in fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``list[Event] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _close_matches(word: str, options: Iterable[str]) -> list[str]:
    """The option closest to ``word``, if one is close (a list of at most one)."""
    choices = tuple(options)
    # No option is close to a word twice its length; difflib is slow on long text.
    if not choices or len(word) > 2 * max(len(choice) for choice in choices):
        return []
    return list(_closest_option(word, choices))


@functools.lru_cache(maxsize=256)
def _closest_option(word: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    # A misspelt key is usually misspelt alike in many records (and each unknown
    # key is looked up twice): difflib runs once per spelling.
    return tuple(difflib.get_close_matches(word, choices, n=1, cutoff=0.6))


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    matches = _close_matches(word, options)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def _kebab(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)


def _short(value: Any) -> str:
    shown = repr(value) if isinstance(value, str) else _describe(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"text ({shown!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__} ({str(value)[:40]})"


def _clip(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, so a hostile key cannot flood a report."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _render_path(pointer: Pointer) -> str:
    """``treaties[3].events[1].type`` from ``("treaties", 3, "events", 1, "type")``."""
    out = ""
    for step in pointer:
        if step == KEY:
            continue
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{_clip(step)}" if out else _clip(step)
    return out or "(top level)"
