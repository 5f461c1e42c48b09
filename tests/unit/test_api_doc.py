"""docs/api.md: the example runs and prints what the page shows; the API is documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import treatycheck

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def test_the_python_example_prints_what_the_page_shows() -> None:
    [code] = re.findall(r"^```python\n(.*?)^```$", PAGE, flags=re.MULTILINE | re.DOTALL)
    shown = re.search(r"^prints\n\n```text\n(.*?)^```$", PAGE, flags=re.MULTILINE | re.DOTALL)
    assert shown is not None, "the page shows no output for the example"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout == shown.group(1)


def test_every_public_name_is_documented() -> None:
    for name in treatycheck.__all__:
        if name != "__version__":
            assert name in PAGE, f"treatycheck.{name} is not mentioned in docs/api.md"
