"""treatycheck._gc: the collector paused for bulk work, and how it is switched back on."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from treatycheck._gc import paused


class _Node:
    """A small object the collector tracks."""

    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_is_off_inside_and_as_before_after(collector_on: None) -> None:
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: the inner block leaves it off
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # it was off before, so it stays off
    finally:
        gc.enable()


def test_objects_made_in_the_pause_go_to_the_oldest_generation(collector_on: None) -> None:
    with paused():
        made = [_Node() for _ in range(1000)]
        assert gc.get_count()[0] >= 1000  # young, as usual, while paused
    oldest = {id(obj) for obj in gc.get_objects(generation=2)}
    assert all(id(node) in oldest for node in made)
    assert gc.get_count()[0] < 100  # nothing left for the next young collection to walk


def test_a_cycle_made_in_the_pause_is_still_collected(collector_on: None) -> None:
    with paused():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        alive = weakref.ref(first)
        del first, second
    assert alive() is not None  # unreachable, but only the collector frees a cycle
    gc.collect()
    assert alive() is None


def test_objects_the_caller_froze_stay_frozen(collector_on: None) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with paused():
            made = [_Node() for _ in range(100)]
        assert gc.get_freeze_count() == frozen
        assert made  # still alive, collected as usual later
    finally:
        gc.unfreeze()
