"""Every command shown in the tutorial runs and prints exactly what the page shows."""

from __future__ import annotations

import pytest

from tests.docs.doc_commands import DOCUMENTED, ROOT, blocks, run_command

CASES = [
    pytest.param(path, command, shown, id=f"{path}:{command}")
    for path in DOCUMENTED
    if (ROOT / path).exists()
    for block in blocks((ROOT / path).read_text(encoding="utf-8"))
    for command, shown in block
]


def test_docs_show_commands() -> None:
    missing = [path for path in DOCUMENTED if not (ROOT / path).exists()]
    assert not missing, f"documented pages missing: {missing}"
    assert CASES, "the tutorial shows no commands"


@pytest.mark.parametrize(("path", "command", "shown"), CASES)
def test_shown_output_is_current(path: str, command: str, shown: str) -> None:
    output = run_command(command)
    assert output == shown, (
        f"{path}: the output of `{command}` changed; run scripts/update_doc_outputs.py"
    )
