"""Write docs/rules.md from the rule catalogue (run after changing a rule).

Usage: ``python scripts/gen_rules_doc.py`` from the repository root. The
generated text comes from :func:`treatycheck.rules.catalogue.rules_markdown`;
``tests/unit/test_catalogue.py`` fails when docs/rules.md differs from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from treatycheck.rules.catalogue import rules_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def main() -> int:
    """Write the file; print what was done."""
    text = rules_markdown()
    if TARGET.exists() and TARGET.read_text(encoding="utf-8") == text:
        print(f"{TARGET} is up to date")
        return 0
    TARGET.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
