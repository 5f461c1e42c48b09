"""What the load and cross-source benchmarks build alike: bilateral treaty records, the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

__all__ = ["KINDS", "bilateral_treaty", "write_json"]

KINDS: Final = ("peace", "non-aggression", "conciliation", "alliance", "trade", "border")
"""Treaty kinds the synthetic records draw from."""


def bilateral_treaty(
    number: int,
    kind: str,
    first: int,
    second: int,
    events: list[dict[str, Any]],
    sources: list[str],
) -> dict[str, Any]:
    """Treaty ``treaty-NUMBER`` between ``polity-FIRST`` and ``polity-SECOND``."""
    return {
        "id": f"treaty-{number}",
        "title": f"Treaty number {number}",
        "kind": kind,
        "form": "bilateral",
        "parties": [f"polity-{first}", f"polity-{second}"],
        "events": events,
        "sources": sources,
    }


def write_json(data: dict[str, Any], directory: str | Path) -> Path:
    """``data`` as indented JSON in ``directory``/synthetic.json (this call keeps no copy)."""
    path = Path(directory) / "synthetic.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path
