"""Text form of the source scorecard and the consensus (``treatycheck sources``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["render_text"]

_COLUMNS = (
    ("SOURCE", None),
    ("KIND", "kind"),
    ("RELIABILITY", "reliability"),
    ("CLAIMS", "claims"),
    ("COMPARED", "compared"),
    ("AGREE", "agreements"),
    ("REFINE", "refinements"),
    ("OVERLAP", "compatible"),
    ("CONFLICT", "conflicts"),
    ("AGREEMENT", "agreement_rate"),
    ("TRUST", "trust"),
)


def _cell(field: str | None, source_id: str, card: Mapping[str, Any]) -> str:
    if field is None:
        return source_id + (" *" if card.get("reference") else "")
    value = card.get(field)
    if value is None:
        return "-"
    if field == "agreement_rate":
        return f"{value:.0%}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def render_text(report: Mapping[str, Any]) -> str:
    """The scorecard as a table, then the ranked values of each disputed property."""
    cards: Mapping[str, Mapping[str, Any]] = report["sources"]
    reference = report.get("reference")
    lines = [
        f"reference: {reference} (marked *); counts compare each source with it"
        if reference
        else "no reference source: counts compare each source with every other source",
        "",
    ]
    rows = [[heading for heading, _ in _COLUMNS]]
    rows += [[_cell(field, sid, card) for _, field in _COLUMNS] for sid, card in cards.items()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    for row in rows:
        cells = [
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    if "consensus" in report:
        lines += ["", *_consensus_lines(report["consensus"])]
    return "\n".join(lines) + "\n"


def _consensus_lines(disputes: Sequence[Mapping[str, Any]]) -> list[str]:
    if not disputes:
        return ["No disputed property without a reference value."]
    lines = ["Disputed properties without a reference value, most supported value first:"]
    for dispute in disputes:
        lines.append("")
        best = dispute["most_supported"]
        lines.append(
            f"{dispute['subject']} {dispute['property']}: "
            + (f"most supported {best}" if best is not None else "no value is better supported")
        )
        width = max(len(c["value"]) for c in dispute["candidates"])
        for candidate in dispute["candidates"]:
            lines.append(
                f"  {candidate['value'].ljust(width)}  {candidate['confidence']:.2f}  "
                f"{', '.join(candidate['sources'])}"
            )
    return lines
