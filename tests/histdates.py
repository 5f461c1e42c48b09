"""What the unit and the property tests of treatycheck.dates both read off a HistDate."""

from __future__ import annotations

from treatycheck.dates import HistDate

FLAG_NAMES = ("uncertain", "approximate", "open_start", "open_end")


def flags_of(value: HistDate) -> frozenset[str]:
    """The names of the flags set on ``value``."""
    return frozenset(name for name in FLAG_NAMES if getattr(value, name))
