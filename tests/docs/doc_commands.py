"""Run the commands shown in ``console`` blocks of the docs and compare their output."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DOCUMENTED = ("docs/tutorial.md",)
"""Docs whose console blocks are executed by the tests."""

_BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def run_command(command: str) -> str:
    """Run one documented command from the repository root; return what it printed."""
    argv = shlex.split(command)
    if argv[0] == "treatycheck":
        argv = [sys.executable, "-m", "treatycheck", *argv[1:]]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONHASHSEED": "0", "COLUMNS": "100"}
    result = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return result.stdout + result.stderr


def split_block(body: str) -> list[tuple[str, str]]:
    """(command, shown output) pairs of one console block."""
    pairs: list[tuple[str, str]] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            pairs.append((line[2:].strip(), ""))
        elif pairs:
            command, shown = pairs[-1]
            pairs[-1] = (command, shown + line)
    return pairs


def blocks(text: str) -> list[list[tuple[str, str]]]:
    """Every console block of a Markdown text, split into commands."""
    return [split_block(match.group(1)) for match in _BLOCK.finditer(text)]


def refresh(text: str) -> str:
    """The text with every console block's output replaced by the current output."""

    def redo(match: re.Match[str]) -> str:
        parts = []
        for command, _shown in split_block(match.group(1)):
            output = run_command(command)
            if output and not output.endswith("\n"):
                output += "\n"
            parts.append(f"$ {command}\n{output}")
        return "```console\n" + "".join(parts) + "```\n"

    return _BLOCK.sub(redo, text)
