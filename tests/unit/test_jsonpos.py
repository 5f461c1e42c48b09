"""treatycheck._jsonpos: line and column of JSON pointers, found without parsing twice."""

from __future__ import annotations

import json
import json.decoder
import random
from typing import Any

import pytest

from treatycheck import _jsonpos
from treatycheck._jsonpos import JsonPositions, JsonRefused, read_json

Pointer = tuple[Any, ...]


def _every_offset(text: str) -> dict[Pointer, int]:
    """Reference: the offset of every value and key, by a plain recursive descent."""
    scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]
    space = json.decoder.WHITESPACE  # type: ignore[attr-defined]
    found: dict[Pointer, int] = {}

    def skip(index: int) -> int:
        return int(space.match(text, index).end())

    def value(index: int, pointer: Pointer) -> int:
        found[pointer] = index
        if text[index] == "{":
            index = skip(index + 1)
            while text[index] != "}":
                start = index
                key, index = json.decoder.scanstring(text, index + 1)  # type: ignore[attr-defined]
                found[(*pointer, key, -1)] = start  # a later duplicate wins, as in json.loads
                index = value(skip(skip(index) + 1), (*pointer, key))
                index = skip(index)
                index = skip(index + 1) if text[index] == "," else index
            return index + 1
        if text[index] == "[":
            index, position = skip(index + 1), 0
            while text[index] != "]":
                index = skip(value(index, (*pointer, position)))
                index = skip(index + 1) if text[index] == "," else index
                position += 1
            return index + 1
        return int(scan(text, index)[1])

    value(skip(0), ())
    return found


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


_CHARACTERS = ["a", "[", "]", "{", "}", ",", ":", " ", "é", "\u2028"]
_ESCAPED = ['"', "\\", "\n", "\t"]  # written with a backslash in JSON


def _document(rng: random.Random, escapes: bool) -> Any:
    characters = _CHARACTERS + (_ESCAPED if escapes else [])

    def text() -> str:
        return "".join(rng.choice(characters) for _ in range(rng.randint(0, 5)))

    def value(depth: int) -> Any:
        roll = rng.random()
        if depth > 11 or roll < 0.3 + depth * 0.06:
            return rng.choice([text(), 1, -2.5e3, True, None, 0])
        if roll < 0.65:
            return [value(depth + 1) for _ in range(rng.randint(0, 5))]
        return {text(): value(depth + 1) for _ in range(rng.randint(0, 5))}

    return {"claims": [value(1) for _ in range(rng.randint(0, 120))], "after": value(1)}


@pytest.fixture
def compile_after(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Objects walked with one set of keys before it gets its own expression (0: at once)."""
    monkeypatch.setattr(_jsonpos, "_COMPILE_AFTER", request.param)
    _jsonpos._skipper.cache_clear()  # expressions compiled by earlier tests are forgotten
    yield request.param
    _jsonpos._skipper.cache_clear()


@pytest.mark.parametrize(
    "compile_after", [0, 10**9], ids=["key-expressions", "member-by-member"], indirect=True
)
@pytest.mark.parametrize("escapes", [True, False], ids=["with-escapes", "without"])
def test_positions_are_those_of_a_plain_recursive_descent(
    escapes: bool, compile_after: int
) -> None:
    """Values deeper than the skipping expressions, brackets and quotes inside strings,
    every layout, long runs of skipped elements, objects skipped member by member or by
    the expression of their set of keys: the same answer as the slow way."""
    rng = random.Random(1933 + escapes)
    for _ in range(60):
        document = _document(rng, escapes)
        indent = rng.choice([None, 0, 1, "\t"])
        separators = rng.choice([None, (",", ":"), (" , ", " : ")])
        text = json.dumps(document, indent=indent, separators=separators, ensure_ascii=False)
        assert ("\\" in text) == escapes  # the two kinds of text are skipped differently
        expected = _every_offset(text)
        pointers = rng.sample(sorted(expected, key=str), min(len(expected), rng.randint(1, 40)))
        pointers += [("claims", 10**6), ("nowhere",), ("claims", 0, "no such key", 1)]
        nearest = []
        for pointer in pointers:
            while pointer not in expected and pointer:
                pointer = pointer[:-1]
            nearest.append(_line_column(text, expected.get(pointer, 0)))
        assert JsonPositions(text).resolve(pointers) == nearest
    compiled = _jsonpos._skipper(escapes=escapes)._members_except
    assert bool(compiled) == (compile_after == 0 and not escapes)  # the path under test ran


def test_a_duplicate_key_is_located_where_its_value_was_taken() -> None:
    text = '{"claims": [\n {"value": 1, "about": "x",\n  "value": 2}\n]}'
    assert json.loads(text)["claims"][0]["value"] == 2
    assert JsonPositions(text).resolve([("claims", 0, "value")]) == [(3, 12)]


def test_a_minified_document_of_many_records_is_read_once() -> None:
    records = [{"id": f"r{n}", "value": [n, {"x": "]}\\"}]} for n in range(20_000)]
    text = json.dumps({"claims": records}, separators=(",", ":"))
    wanted = [("claims", n, "value", 1) for n in range(0, 20_000, 997)]
    found = JsonPositions(text).resolve(wanted)
    assert [line for line, _ in found] == [1] * len(wanted)
    assert [column - 1 for _, column in found] == [
        text.index('{"x"', text.index(f'"r{n}"')) for n in range(0, 20_000, 997)
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_every_kind_of_line_break_counts_as_one_line(newline: str) -> None:
    text = newline.join(
        ['{"treatycheck": 1,', ' "treaties": [', '  {"id": "x",', '   "bogus": 1}]}']
    )
    positions = JsonPositions(text).resolve([("treaties", 0, "bogus"), ("treaties", 0, "id")])
    assert positions == [(4, 13), (3, 10)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_a_syntax_error_is_placed_on_its_line_whatever_the_line_breaks(newline: str) -> None:
    text = newline.join(
        ['{"treatycheck": 1,', ' "treaties": [', '  {"id": "x"', '   "bogus": 1}]}']
    )
    with pytest.raises(JsonRefused) as refused:
        read_json(text)
    assert (refused.value.line, refused.value.column) == (4, 4)
