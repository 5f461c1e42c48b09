"""Garbage-collector control for bulk work: loading and checking a whole dataset.

Loading creates millions of small objects that all stay alive until the
report is built, and hardly any reference cycle. CPython's cyclic collector
still walks the young objects again and again while they accumulate (on
100,000 treaties it took about 5 of the 7.7 seconds of ``json.load`` plus
``model_validate``). Pausing it for the duration of one validation changes no
result; reference counting still frees everything that is not in a cycle, and
the collector runs normally again afterwards.

Switching it back on has a cost of its own: every object made during the
pause is still in the youngest generation, so the first collection after the
pause walks them all, and the next ones walk them again as they are promoted
(at 100,000 treaties, about 1.2 seconds at once and more while the report is
written). So the outermost pause ends by moving those objects straight to the
oldest generation, where only a full collection looks at them, as objects
that survived several collections would be. That is ``gc.freeze()`` followed
by ``gc.unfreeze()``: both only move lists of objects, whatever their number.
It is skipped when the caller has frozen objects of its own, which
``unfreeze`` would release.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block; restore its state after.

    When the block re-enables the collector (it was on before), the objects
    still alive are first moved to the oldest generation (see the module
    documentation), so re-enabling does not walk them all at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:  # never release objects the caller froze
                gc.freeze()
                gc.unfreeze()
            gc.enable()
