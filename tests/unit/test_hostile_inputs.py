"""Hostile and broken inputs: each gets a clear finding (or an exit-2 message) within a bound.

Every case here is a row of the table in docs/security.md. Time bounds are
loose (2 s in process; 15 s for a fresh interpreter on a busy machine) so they
catch a hang or a blow-up, not a slow day.
"""

from __future__ import annotations

import ast
import json
import os
import stat
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from xml.etree import ElementTree

import pytest

import treatycheck
from treatycheck import Limits
from treatycheck.cli import write_output

BOUND = 2.0
"""Seconds an in-process load of one hostile file may take."""
CLI_BOUND = 15.0
"""Seconds a whole command may take (interpreter start included)."""

T = TypeVar("T")


def timed(action: Callable[[], T], bound: float = BOUND) -> T:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    assert elapsed < bound, f"took {elapsed:.2f} s (bound {bound} s)"
    return result


def check(path: Path | list[Path], **kwargs: Any) -> treatycheck.Report:
    """Validate within the time bound."""
    paths = [str(p) for p in path] if isinstance(path, list) else str(path)
    return timed(lambda: treatycheck.validate(paths, **kwargs))


def only(report: treatycheck.Report, code: str = "TC100") -> treatycheck.Finding:
    """The single finding of ``report``, which must have ``code``."""
    assert [f.code for f in report.findings] == [code], [str(f) for f in report.findings]
    return report.findings[0]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "treatycheck", *args]
    return timed(
        lambda: subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False
        ),
        CLI_BOUND,
    )


# -- expansion and depth -----------------------------------------------------

BILLION_LAUGHS = """\
treatycheck: 1
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_yaml_alias_bomb_is_refused_at_the_alias_that_crosses_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    finding = only(check(path))
    assert "aliases expand to more than 100000 nodes" in finding.message
    assert finding.location.line == 7  # the first line whose aliases pass 100,000 nodes


def test_the_alias_bound_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("treatycheck: 1\nx: &x [1, 2]\ny: [*x, *x, *x]\n", encoding="utf-8")
    assert "aliases expand" in only(check(path, limits=Limits(max_alias_nodes=5))).message
    assert all(f.code != "TC100" for f in check(path).findings)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("flow.yaml", "treatycheck: 1\nx: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ("mappings.yaml", "treatycheck: 1\nx: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"),
        (
            "block.yaml",
            "treatycheck: 1\nx:\n" + "".join(" " * depth + "-\n" for depth in range(1_000)),
        ),
        ("lists.json", '{"treatycheck": 1, "x": ' + "[" * 10_000 + "]" * 10_000 + "}"),
        ("objects.json", '{"treatycheck": 1, "x": ' + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "}"),
        ("moderate.json", '{"treatycheck": 1, "x": ' + "[" * 500 + "]" * 500 + "}"),
    ],
)
def test_ten_thousand_levels_of_nesting_are_refused(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    finding = only(check(path))
    assert "nesting deeper than 64 levels" in finding.message
    assert finding.location.line >= 1


# -- size --------------------------------------------------------------------


def test_a_200_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: 200 MB long, nothing written but one line
        handle.write(b"treatycheck: 1\n")
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        finding = only(check(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "209,715,200 bytes, over the limit of 67,108,864" in finding.message
    assert "--max-file-size" in finding.message
    assert peak < 5 * 1024 * 1024, f"peak {peak:,} bytes: the file was read"


def test_a_200_mb_file_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "TC100" in result.stdout and "over the limit" in result.stdout


def test_max_file_size_sets_the_limit_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("treatycheck: 1\nsources: []\n" + "# padding\n" * 200, encoding="utf-8")
    size = path.stat().st_size
    assert "over the limit of 1,000" in only(check(path, limits=Limits(1000))).message
    assert check(path, limits=Limits(size)).findings == ()
    lowered = run_cli("validate", str(path), "--max-file-size", "1000")
    assert (lowered.returncode, "over the limit of 1,000" in lowered.stdout) == (1, True)
    raised = run_cli("validate", str(path), "--max-file-size", str(size))
    assert raised.returncode == 0, raised.stdout
    bad = run_cli("validate", str(path), "--max-file-size", "0")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


# -- encodings and line endings ----------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_invalid_utf8_is_reported_at_the_bad_byte(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"latin1{suffix}"
    body = (
        '{"treatycheck": 1,\n "x": "Tartu \xe9"}'
        if suffix == ".json"
        else "treatycheck: 1\nx: Tartu \xe9\n"
    )
    path.write_bytes(body.encode("latin-1"))
    finding = only(check(path))
    assert finding.message == "not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    assert (finding.location.line, finding.location.column) == (
        (2, 14) if suffix == ".json" else (2, 10)
    )


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_invalid_utf8_after_other_line_breaks_is_on_its_line(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(
        newline.join(["treatycheck: 1", "notes: none", "x: Tartu \xe9"]).encode("latin-1")
    )
    finding = only(check(path))
    assert (finding.location.line, finding.location.column) == (3, 10)


VALID_YAML = """\
treatycheck: 1
sources:
  - id: lnts
    title: League of Nations Treaty Series
    kind: primary
  - id: Bad Id
    title: x
    kind: primary
"""


def _bad_id_position(report: treatycheck.Report) -> tuple[int, int]:
    finding = only(report, "TC104")
    assert "'Bad Id' is not a valid id" in finding.message
    return finding.location.line, finding.location.column


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("bom", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("crlf", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
        ("cr", lambda text: text.replace("\n", "\r").encode("utf-8")),
        (
            "mixed",
            lambda text: "".join(
                line + ("\r\n" if number % 2 else "\n")
                for number, line in enumerate(text.splitlines())
            ).encode("utf-8"),
        ),
        ("bom-crlf", lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_bom_and_line_endings_load_with_the_same_positions(
    tmp_path: Path, name: str, encode: Callable[[str], bytes]
) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text(VALID_YAML, encoding="utf-8")
    variant = tmp_path / f"{name}.yaml"
    variant.write_bytes(encode(VALID_YAML))
    assert _bad_id_position(check(variant)) == _bad_id_position(check(plain)) == (6, 9)


def test_bom_in_json(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"treatycheck": 1, "sources": [{"id": "Bad Id"}]}')
    report = check(path)
    assert {f.code for f in report.findings} == {"TC104"}
    assert all(f.location.line == 1 for f in report.findings)


def test_nul_byte_in_yaml_is_tc100_at_its_position(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"treatycheck: 1\nsources:\n  - id: a\x00b\n")
    finding = only(check(path))
    assert "U+0000 is not allowed" in finding.message
    assert (finding.location.line, finding.location.column) == (3, 10)


def test_nul_byte_in_json(tmp_path: Path) -> None:
    raw = tmp_path / "raw.json"
    raw.write_bytes(b'{"treatycheck": 1, "sources": [{"id": "a\x00b"}]}')
    assert "Invalid control character" in only(check(raw)).message
    escaped = tmp_path / "escaped.json"
    escaped.write_text(
        '{"treatycheck": 1, "sources": [{"id": "a\\u0000b", "title": "t", "kind": "primary"}]}',
        encoding="utf-8",
    )
    finding = only(check(escaped), "TC104")
    assert "is not a valid id" in finding.message


def test_lone_surrogate_escape_in_json_is_tc100(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    path.write_text('{"treatycheck": 1,\n "sources": [{"id": "\\ud800"}]}', encoding="utf-8")
    finding = only(check(path))
    assert "lone UTF-16 surrogate" in finding.message
    assert (finding.location.line, finding.location.column) == (2, 21)
    paired = tmp_path / "paired.json"  # a valid pair is a character, not a problem
    paired.write_text('{"treatycheck": 1, "sources": [{"id": "\\ud83d\\ude00"}]}', encoding="utf-8")
    assert all(f.code != "TC100" for f in check(paired).findings)


def test_huge_integer_in_json_is_tc100_and_in_yaml_stays_text(tmp_path: Path) -> None:
    digits = "7" * 5000
    as_json = tmp_path / "big.json"
    as_json.write_text('{"treatycheck": 1,\n "x": ' + digits + "}", encoding="utf-8")
    finding = only(check(as_json))
    assert "more than 4,300 digits" in finding.message
    assert (finding.location.line, finding.location.column) == (2, 7)
    as_yaml = tmp_path / "big.yaml"
    as_yaml.write_text(f"treatycheck: 1\nsources:\n  - {{id: a, title: t, kind: {digits}}}\n")
    assert "is not a source kind" in only(check(as_yaml), "TC104").message


# -- long lines and ids ------------------------------------------------------


def test_a_30_mb_line_is_checked_within_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    title = "x" * 30_000_000
    path.write_text(
        json.dumps({"treatycheck": 1, "sources": [{"id": "a", "title": title, "kind": "primary"}]}),
        encoding="utf-8",
    )
    finding = only(check(path), "TC104")
    assert finding.message == "sources[0].title: string should have at most 100000 characters"
    assert len(str(finding)) < 300


def test_extremely_long_ids_and_keys_give_short_messages(tmp_path: Path) -> None:
    huge = "k" * 1_000_000
    path = tmp_path / "ids.json"
    path.write_text(
        json.dumps(
            {
                "treatycheck": 1,
                huge: 1,
                "sources": [{"id": huge, "title": "t", "kind": "primary", huge: 2}],
                "treaties": [{"id": "t", "parties": [huge[:450], "y"], "events": [{"type": huge}]}],
            }
        ),
        encoding="utf-8",
    )
    report = check(path)
    assert {f.code for f in report.findings} <= {"TC104", "TC101", "TC301", "TC601"}
    assert len(report.findings) >= 4
    for finding in report.findings:
        assert len(finding.message) < 1_000, finding.message[:200]


# -- the file system ---------------------------------------------------------


def test_symlink_loops_in_a_data_directory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ok.yaml").write_text("treatycheck: 1\n", encoding="utf-8")
    (data / "loop-a.yaml").symlink_to("loop-b.yaml")
    (data / "loop-b.yaml").symlink_to("loop-a.yaml")
    (data / "self.yaml").symlink_to("self.yaml")
    (data / "dangling.yaml").symlink_to("nowhere.yaml")
    (data / "up").symlink_to("..", target_is_directory=True)  # a directory loop
    (data / "here").symlink_to(".", target_is_directory=True)
    report = check(data)
    found = {Path(f.location.path).name: f.message for f in report.findings}
    assert found == {
        "loop-a.yaml": "cannot read: Too many levels of symbolic links",
        "loop-b.yaml": "cannot read: Too many levels of symbolic links",
        "self.yaml": "cannot read: Too many levels of symbolic links",
        "dangling.yaml": "cannot read: No such file or directory",
    }
    assert report.files == 5  # ok.yaml plus the four links; directory links are not followed


def test_a_symlink_loop_given_on_the_command_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to("loop.yaml")
    assert "Too many levels of symbolic links" in only(check(loop)).message


@contextmanager
def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``path`` unreadable: by permissions, or (as root, who ignores them) by patching."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0)
        try:
            yield
        finally:
            path.chmod(stat.S_IMODE(mode))
        return
    real_open, real_scandir = os.open, os.scandir

    def refusing_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    def refusing_scandir(name: Any = ".") -> Any:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_scandir(name)

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", refusing_open)
        patch.setattr(os, "scandir", refusing_scandir)
        yield


def test_an_unreadable_file_in_a_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.yaml").write_text("treatycheck: 1\n", encoding="utf-8")
    secret = tmp_path / "secret.yaml"
    secret.write_text("treatycheck: 1\n", encoding="utf-8")
    with _unreadable(secret, monkeypatch):
        finding = only(check(tmp_path))
    assert finding.message == "cannot read: Permission denied"
    assert finding.location.path.endswith("/secret.yaml")


def test_an_unreadable_subdirectory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "data.yaml").write_text("treatycheck: 1\n", encoding="utf-8")
    with _unreadable(locked, monkeypatch):
        finding = only(check(tmp_path))
    assert finding.message == "cannot list directory: Permission denied"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_skipped_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    (tmp_path / "ok.yaml").write_text("treatycheck: 1\n", encoding="utf-8")
    in_directory = only(check(tmp_path))
    assert in_directory.message == "not a regular file (a FIFO, device or socket); skipped"
    assert only(check(fifo)).message == in_directory.message
    result = run_cli("validate", str(fifo))
    assert result.returncode == 1 and "not a regular file" in result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_given_as_a_data_file_is_not_read() -> None:
    assert only(check(Path("/dev/zero"))).message.startswith("not a regular file")


def test_file_names_with_unicode_and_spaces(tmp_path: Path) -> None:
    directory = tmp_path / "données historiques"
    directory.mkdir()
    name = "traités de paix 1920 – Тарту.yaml"
    (directory / name).write_text("treatycheck: 1\nsurprise: 1\n", encoding="utf-8")
    finding = only(check(directory), "TC104")
    assert finding.location.path == f"{directory}/{name}"
    result = run_cli("validate", str(directory))
    assert result.returncode == 1 and f"{name}:2:1: TC104" in result.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that stores any bytes")
def test_undecodable_and_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"bad\xffname.yaml")).write_bytes(b"treatycheck: 1\nx: 1\n")
    (tmp_path / "two\nlines.yaml").write_bytes(b"treatycheck: 1\ny: 1\n")
    report = check(tmp_path)
    assert sorted(Path(f.location.path).name for f in report.findings) == [
        "bad\\xffname.yaml",
        "two\\x0alines.yaml",
    ]
    result = run_cli("validate", str(tmp_path), "--format", "json")
    assert result.returncode == 1
    assert len(json.loads(result.stdout)["findings"]) == 2


# -- constructs that would build objects or hide data -------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x: !!python/object/apply:os.system ['echo pwned']", "python/object/apply:os.system"),
        ("x: !!python/name:os.system", "python/name:os.system"),
        ("x: !!python/object:collections.OrderedDict {}", "python/object:collections"),
        ("x: !custom {a: 1}", "tag !custom is not allowed"),
        ("x: !!set {a, b}", "tag:yaml.org,2002:set is not allowed"),
        ("x: !!binary aGVsbG8=", "tag:yaml.org,2002:binary is not allowed"),
        ("x: !!omap [a: 1]", "tag:yaml.org,2002:omap is not allowed"),
        ("base: &b {a: 1}\nx:\n  <<: *b", "merge keys (<<) are not supported"),
        ("x: 1\n---\ny: 2", "more than one YAML document"),
    ],
)
def test_yaml_tags_that_build_objects_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text("treatycheck: 1\n" + text + "\n", encoding="utf-8")
    finding = only(check(path))
    assert expected in finding.message
    assert finding.location.line >= 2


def test_terminal_escapes_in_data_are_escaped_in_text_output(tmp_path: Path) -> None:
    path = tmp_path / "escapes.yaml"
    path.write_text('treatycheck: 1\n"\\e]0;owned\\a\\e[2Jx\\u202e": 1\n', encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert (
        "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\a" not in result.stdout
    )
    assert "\\x1b]0;owned\\x07\\x1b[2Jx\\u202e" in result.stdout


# -- writing the report --------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_report_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.json"
    report.write_text("old report\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output("new report\n", report)
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary left


def test_output_keeps_the_permissions_of_the_replaced_file(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    write_output("new\n", report)
    assert (report.read_text(encoding="utf-8"), stat.S_IMODE(report.stat().st_mode)) == (
        "new\n",
        0o640,
    )


@pytest.mark.parametrize("where", ["missing/report.txt", "."])
def test_output_to_an_impossible_place_is_exit_2(tmp_path: Path, where: str) -> None:
    data = tmp_path / "data.yaml"
    data.write_text("treatycheck: 1\n", encoding="utf-8")
    result = run_cli("validate", str(data), "--output", str(tmp_path / where))
    assert result.returncode == 2
    assert result.stderr.startswith("treatycheck: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "absent.yaml"))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"treatycheck: error: {tmp_path / 'absent.yaml'}: no such file or directory\n"
    )


HOSTILE_KEY = "a\\u0000b\\u001b[2Jc\\u202ed @octocat ::error::x\\r\\ny <b>z</b> | %0A"


@pytest.mark.parametrize("output_format", ["github", "markdown", "junit", "sarif", "json", "html"])
def test_hostile_text_is_escaped_in_every_output_format(tmp_path: Path, output_format: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text('{"treatycheck": 1, "' + HOSTILE_KEY + '": 1}', encoding="utf-8")
    result = run_cli("validate", str(path), "--format", output_format)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    if output_format == "html":  # markup escaped; raw control characters are inert in HTML
        assert "<b>" not in out and "&lt;b&gt;z&lt;/b&gt;" in out
        return
    assert "\x00" not in out and "\x1b" not in out
    if output_format in ("github", "markdown"):  # read by people: no bidi reordering either
        assert "\u202e" not in out
    if output_format == "github":
        (line,) = [line for line in out.splitlines() if line.startswith("::error")]
        assert "%0D%0Ay" in line and "%250A" in line  # CR/LF cannot start a new command
    elif output_format == "markdown":
        assert "@octocat" not in out and "@&#8203;octocat" in out  # no mention
        assert "<b>" not in out and "\\|" in out
    elif output_format == "junit":
        ElementTree.fromstring(out.encode("utf-8"))  # well-formed XML despite NUL and ESC
        assert "<b>" not in out
    else:
        strings: list[str] = []

        def collect(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            strings.extend(value for _, value in pairs if isinstance(value, str))
            return dict(pairs)

        json.loads(out, object_pairs_hook=collect)
        assert any("a\x00b\x1b[2Jc\u202ed" in text for text in strings)  # kept exactly


# -- nothing in the package evaluates or imports data --------------------------

PACKAGE = Path(treatycheck.__file__).parent
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
_FORBIDDEN_ATTRIBUTES = {
    ("pickle", "load"),
    ("pickle", "loads"),
    ("marshal", "loads"),
    ("yaml", "load"),
    ("yaml", "load_all"),
    ("yaml", "unsafe_load"),
    ("yaml", "full_load"),
    ("os", "system"),
    ("os", "popen"),
    ("subprocess", "run"),
    ("subprocess", "Popen"),
    ("subprocess", "call"),
    ("subprocess", "check_output"),
}
_IMPORT_BY_NAME_ALLOWED = {"__init__.py", "reporters/__init__.py"}
"""The only dynamic imports: names looked up in fixed tables (lazy API, FORMATS)."""


def test_no_module_evaluates_or_imports_data() -> None:
    problems = []
    for source in sorted(PACKAGE.rglob("*.py")):
        relative = source.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            if isinstance(function, ast.Name) and function.id in _FORBIDDEN_CALLS:
                problems.append(f"{relative}:{node.lineno}: {function.id}()")
            if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
                pair = (function.value.id, function.attr)
                if pair in _FORBIDDEN_ATTRIBUTES:
                    problems.append(f"{relative}:{node.lineno}: {'.'.join(pair)}()")
                if function.attr == "import_module" and relative not in _IMPORT_BY_NAME_ALLOWED:
                    problems.append(f"{relative}:{node.lineno}: import by name")
    assert problems == []


def test_an_unknown_format_is_not_imported() -> None:
    """``--format`` picks from a fixed table; a module path is not a format."""
    bad = run_cli("validate", str(PACKAGE), "--format", "..cli")
    assert bad.returncode == 2 and "unknown format '..cli'" in bad.stderr


def test_a_closed_standard_output_is_exit_2_with_a_message(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text("treatycheck: 1\n", encoding="utf-8")
    command = f'exec "{sys.executable}" -m treatycheck validate "{data}" >&-'
    result = timed(
        lambda: subprocess.run(
            ["sh", "-c", command], capture_output=False, stderr=subprocess.PIPE, timeout=60
        ),
        CLI_BOUND,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "treatycheck: error: standard output is closed; write the report with --output FILE\n"
    )
