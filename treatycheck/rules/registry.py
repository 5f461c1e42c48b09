"""Every rule family, in the order the engine runs them. Each module exposes ``CHECKS``."""

from __future__ import annotations

from ..engine import Check
from . import assertions, chronology, integrity, parties, provenance, sources

__all__ = ["CHECKS"]

CHECKS: tuple[Check, ...] = (
    *integrity.CHECKS,
    *chronology.CHECKS,
    *parties.CHECKS,
    *provenance.CHECKS,
    *assertions.CHECKS,
    *sources.CHECKS,
)
