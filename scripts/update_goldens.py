"""Rewrite ``fixtures/*/expected.json`` from the current findings.

Usage: python scripts/update_goldens.py [fixtures/NAME ...]

Each golden file is exactly what ``treatycheck validate fixtures/NAME
--format json`` prints when run from the repository root;
``tests/test_fixture_goldens.py`` fails when one is out of date. Review the
diff before committing: a changed golden file is a changed behaviour.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.goldens import GOLDEN_FIXTURES, current_output  # noqa: E402


def main(argv: list[str]) -> int:
    names = [Path(arg).name for arg in argv] or list(GOLDEN_FIXTURES)
    for name in names:
        target = ROOT / "fixtures" / name / "expected.json"
        output = current_output(name)
        if not target.exists() or target.read_text(encoding="utf-8") != output:
            target.write_text(output, encoding="utf-8")
            print(f"updated {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
