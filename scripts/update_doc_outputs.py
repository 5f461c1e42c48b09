"""Re-run the commands shown in the docs and write their current output back.

Usage: python scripts/update_doc_outputs.py [docs/tutorial.md ...]

A console block in a Markdown file looks like::

    ```console
    $ treatycheck validate fixtures/soviet-baltic
    ...output...
    ```

Every command after ``$ `` is run from the repository root and the lines up to
the next command (or the end of the block) are replaced by what it printed.
``tests/docs/test_doc_commands.py`` fails when a shown output is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.docs.doc_commands import DOCUMENTED, refresh  # noqa: E402


def main(argv: list[str]) -> int:
    files = [Path(arg) for arg in argv] or [ROOT / path for path in DOCUMENTED]
    for path in files:
        text = path.read_text(encoding="utf-8")
        updated = refresh(text)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
