"""The ``treatycheck`` command. The only module that prints or exits.

Exit status: 0 when no finding reaches ``--fail-on``; 1 when one does; 2 when
the tool could not do its job (bad arguments, missing path, internal error),
with a one-line message on stderr and no traceback.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from . import __version__
from .findings import Severity, TreatycheckError, UsageError

if TYPE_CHECKING:
    from .dataset import Dataset
    from .loader import Limits

__all__ = ["cli", "main"]


class _Exit(Exception):
    """Raised inside commands to leave with a status code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _fail(message: str) -> NoReturn:
    """Leave with status 2 and a one-line message."""
    raise UsageError(message)


@click.group(
    name="treatycheck",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__, "--version", prog_name="treatycheck", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Validate datasets of historical claims about treaties."""


def _split_codes(values: Sequence[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def _use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output`` (temporary file, then rename)."""
    data = text.encode("utf-8", "backslashreplace")  # UTF-8 whatever the locale
    if output is None:
        if sys.stdout is None:  # started with stdout closed
            _fail("standard output is closed; write the report with --output FILE")
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (a test harness): hand it text
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        return
    target = output.resolve()
    directory = target.parent
    if not directory.is_dir():
        _fail(f"--output {output}: directory {directory} does not exist")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(_report_mode(target))
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _report_mode(target: Path) -> int:
    """Permissions for the report: those of the file it replaces, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


_FORMAT_HELP = "Output format: text, json, sarif, github, junit, markdown or html."

_Command = TypeVar("_Command", bound=Callable[..., None])


def _format_option(help: str) -> Callable[[_Command], _Command]:
    """``--format/-f`` (default ``text``), with the command's own help."""
    return click.option(
        "--format", "-f", "output_format", default="text", show_default=True, help=help
    )


def _output_option(help: str) -> Callable[[_Command], _Command]:
    """``--output/-o FILE``, with the command's own help."""
    return click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help=help)


_max_file_size_option = click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse data files larger than this many bytes (default 64 MiB).",
)


def _check_options(
    *, select: str, ignore: str, reference: str, fail_on: str
) -> Callable[[_Command], _Command]:
    """``--select``, ``--ignore``, ``--reference`` and ``--fail-on``, with the command's help."""
    options = (
        click.option("--select", multiple=True, help=select),
        click.option("--ignore", multiple=True, help=ignore),
        click.option("--reference", default=None, help=reference),
        click.option("--fail-on", default="error", show_default=True, help=fail_on),
    )

    def apply(command: _Command) -> _Command:
        for option in reversed(options):  # listed in --help in the order written above
            command = option(command)
        return command

    return apply


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_format_option(_FORMAT_HELP)
@_check_options(
    select="Rule codes, prefixes (TC3) or names to run; comma-separated or repeated.",
    ignore="Rule codes, prefixes or names to skip.",
    reference="Source id to check other sources against.",
    fail_on="Lowest severity that fails the run: error, warning or info.",
)
@_output_option("Write the report to this file (atomically) instead of stdout.")
@_max_file_size_option
@click.option("--today", default=None, help="Date (YYYY-MM-DD) used as 'today' by TC203.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes to run the rules in (same output as --jobs 1).",
)
def validate(
    paths: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    reference: str | None,
    fail_on: str,
    output: Path | None,
    max_file_size: int | None,
    today: str | None,
    jobs: int,
) -> None:
    """Check data files and directories and report findings."""
    _check_and_exit(
        [str(p) for p in paths],
        output_format=output_format,
        threshold=_severity(fail_on),
        select=select,
        ignore=ignore,
        reference=reference,
        today=today,
        output=output,
        limits=_limits(max_file_size),
        jobs=jobs,
    )


def _check_and_exit(
    data: list[str] | Dataset,
    *,
    output_format: str,
    threshold: Severity,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    reference: str | None,
    today: str | None,
    output: Path | None = None,
    limits: Limits | None = None,
    jobs: int = 1,
) -> NoReturn:
    """Check ``data``, write the report (to ``output``, else stdout) and leave with its status."""
    from .api import validate as run_validate
    from .reporters import RenderOptions, get_reporter

    renderer = get_reporter(output_format)
    report = run_validate(
        data,
        select=_split_codes(select) or None,
        ignore=_split_codes(ignore) or None,
        reference=reference,
        limits=limits,
        today=_parse_today(today),
        jobs=jobs,
    )
    color = output is None and output_format == "text" and _use_color(sys.stdout)
    write_output(renderer(report, RenderOptions(color=color, fail_on=threshold)), output)
    raise _Exit(1 if report.fails(threshold) else 0)


def _limits(max_file_size: int | None) -> Limits:
    """The loader's limits, with ``--max-file-size`` when given."""
    from .loader import Limits

    return Limits() if max_file_size is None else Limits(max_file_bytes=max_file_size)


def _severity(name: str) -> Severity:
    try:
        return Severity(name.lower())
    except ValueError:
        _fail(f"--fail-on {name!r}: choose error, warning or info")


def _parse_today(text: str | None) -> _dt.date | None:
    if text is None:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        _fail(f"--today {text!r}: expected a date such as 2026-01-31")


@cli.command("sources")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--reference", default=None, help="Source id to compare the others with.")
@click.option(
    "--consensus", is_flag=True, help="Also rank the values of properties sources dispute."
)
@_format_option("text or json")
@_output_option("Write to this file (atomically) instead of stdout.")
@_max_file_size_option
def sources_command(
    paths: tuple[Path, ...],
    reference: str | None,
    consensus: bool,
    output_format: str,
    output: Path | None,
    max_file_size: int | None,
) -> None:
    """Score each source: claims, agreements, refinements, conflicts, agreement rate."""
    from ._gc import paused
    from .claims import source_report
    from .loader import load
    from .reporters._scorecard import render_text

    if output_format not in ("text", "json"):
        _fail(f"--format {output_format!r}: choose text or json")
    limits = _limits(max_file_size)
    with paused():
        dataset = load([str(p) for p in paths], limits=limits)
        report = source_report(dataset, reference=reference, consensus=consensus)
    if dataset.findings:
        _stderr_line(
            f"note: {len(dataset.findings)} problem(s) while loading; "
            "`treatycheck validate` shows them"
        )
    if output_format == "json":
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_text(report)
    write_output(text, output)


@cli.command("rules")
@_format_option("text or json")
def list_rules(output_format: str) -> None:
    """List every rule: code, name, default severity and summary."""
    from .rules.catalogue import CATALOGUE

    if output_format == "json":
        data = [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": rule.severity.value,
                "family": rule.family,
                "summary": rule.summary,
                "status": rule.status,
            }
            for rule in CATALOGUE.values()
        ]
        write_output(json.dumps(data, indent=2, ensure_ascii=False) + "\n", None)
        return
    if output_format != "text":
        _fail(f"--format {output_format!r}: choose text or json")
    rows = [(r.code, r.name, r.severity.value, r.summary) for r in CATALOGUE.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    header = ("CODE", "NAME", "SEVERITY", "SUMMARY")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=False)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row))
        for row in (header, *rows)
    ]
    write_output("\n".join(lines) + "\n", None)


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain one rule: why it exists, an example, how to fix or silence it."""
    from .rules.catalogue import explain_text, get_rule

    write_output(explain_text(get_rule(code)), None)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the data format."""
    from .schema import json_schema

    write_output(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", None)


@cli.command("import")
@click.argument("import_format", metavar="FORMAT")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_output_option(
    "Write the data file here (.yaml, .yml or .json), atomically. "
    "Default: YAML on stdout, unless --validate."
)
@click.option(
    "--with",
    "also",
    multiple=True,
    metavar="FORMAT:FILE",
    help="Link another dataset's file, e.g. --with gw:gwstates.csv (repeatable).",
)
@click.option(
    "--crosswalk",
    type=click.Path(path_type=Path),
    default=None,
    help="histwardb crosswalk.csv: Wikidata ids, and names that link HUGGO rows to COW numbers.",
)
@click.option(
    "--authority",
    default=None,
    help="Source ids in priority order, comma-separated: whose spells give a polity's "
    "existence (default cow-states,gw-states,isd-states,huggo-states).",
)
@click.option(
    "--validate",
    "run_checks",
    is_flag=True,
    help="Check the imported data; findings point into the CSV files.",
)
@_format_option("Report format with --validate: " + _FORMAT_HELP.removeprefix("Output format: "))
@_check_options(
    select="With --validate: rule codes to run.",
    ignore="With --validate: rule codes to skip.",
    reference="With --validate: the reference source id.",
    fail_on="With --validate: lowest failing severity.",
)
@click.option("--today", default=None, help="With --validate: date used as 'today' by TC203.")
@click.option("--verbose", "-v", is_flag=True, help="Also list the conventions applied (notes).")
@click.option("--quiet", "-q", is_flag=True, help="Do not print row counts and messages.")
def import_command(
    import_format: str,
    files: tuple[Path, ...],
    output: Path | None,
    also: tuple[str, ...],
    crosswalk: Path | None,
    authority: str | None,
    run_checks: bool,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    reference: str | None,
    fail_on: str,
    today: str | None,
    verbose: bool,
    quiet: bool,
) -> None:
    """Import CSV files of a dataset (cow, gw, isd, huggo, atop) as treatycheck data.

    Row counts (read, imported, rejected) and every value that could not be
    used, with its line and column, go to stderr. Exit status without
    --validate: 1 when a value or row could not be used, else 0.
    """
    from .importers import AUTHORITY, combine, dumps, get_format, import_files, to_dataset

    threshold = _severity(fail_on)
    groups: dict[str, list[Path]] = {get_format(import_format).name: list(files)}
    for spec in also:
        name, colon, path = spec.partition(":")
        if not colon or not path or not name:
            _fail(f"--with {spec!r}: expected FORMAT:FILE, e.g. gw:gwstates.csv")
        groups.setdefault(get_format(name).name, []).append(Path(path))
    order = tuple(p.strip() for p in authority.split(",") if p.strip()) if authority else AUTHORITY
    if output is not None and output.suffix.lower() not in (".yaml", ".yml", ".json"):
        _fail(f"--output {output}: write .yaml, .yml or .json")
    results = [import_files(name, [str(p) for p in paths]) for name, paths in groups.items()]
    result = combine(results, crosswalk=str(crosswalk) if crosswalk else None, authority=order)
    if not quiet:
        for counts in result.files:
            _stderr_line(str(counts))
        notes = 0
        for message in result.messages:
            if message.severity == "info" and not verbose:
                notes += 1
                continue
            _stderr_line(str(message))
        if notes:
            _stderr_line(f"{notes} notes on conventions applied (--verbose lists them)")
    if output is not None:
        write_output(dumps(result, output.suffix), output)
    elif not run_checks:
        write_output(dumps(result, ".yaml"), None)
    if not run_checks:
        raise _Exit(1 if any(m.severity == "error" for m in result.messages) else 0)
    # The report goes to stdout: --output is where the data file went.
    _check_and_exit(
        to_dataset(result),
        output_format=output_format,
        threshold=threshold,
        select=select,
        ignore=ignore,
        reference=reference,
        today=today,
    )


def _stderr_line(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=args, prog_name="treatycheck", standalone_mode=False)
    except _Exit as done:
        return done.code
    except _NO_ARGS as error:  # bare "treatycheck": show the help
        context = getattr(error, "ctx", None)
        sys.stdout.write((context.get_help() if context else "") + "\n")
        return 0
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.exceptions.Abort:
        _stderr("interrupted")
        return 2
    except click.UsageError as error:
        _stderr(_one_line(error.format_message()))
        return 2
    except click.ClickException as error:
        _stderr(_one_line(error.format_message()))
        return 2
    except TreatycheckError as error:
        _stderr(_one_line(str(error)))
        return 2
    except BrokenPipeError:
        return 2
    except KeyboardInterrupt:
        _stderr("interrupted")
        return 2
    except (OSError, MemoryError, RecursionError) as error:
        _stderr(f"{type(error).__name__}: {error}")
        return 2
    except Exception as error:  # an internal error: say so, in one line
        _stderr(f"internal error ({type(error).__name__}: {error}); please report it")
        return 2
    return 0


_NO_ARGS: type[click.UsageError] = getattr(
    click.exceptions, "NoArgsIsHelpError", type("_NeverRaised", (click.UsageError,), {})
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _stderr(message: str) -> None:
    sys.stderr.write(f"treatycheck: error: {message}\n")
    sys.stderr.flush()


def run() -> NoReturn:
    """Entry point of the ``treatycheck`` command: run :func:`main`, then end the process.

    The process ends at once, without the interpreter's teardown: freeing the
    millions of objects of a loaded dataset one by one, after a last garbage
    collection that walks them all, took about 2 of 11 seconds at 100,000
    treaties, and nothing is gained by it. What was written is flushed first;
    output files are already closed (:func:`write_output`).
    """
    status = main()
    for stream in (sys.stdout, sys.stderr):
        # None: started without that stream. An error: a closed pipe or stream,
        # the reader has gone and there is no one left to tell.
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)
