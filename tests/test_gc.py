"""paused_gc: the collector is paused inside, restored after, and a program's frozen objects stay frozen."""

from __future__ import annotations

import gc

from problem_text import raises_en
from thidua._gc import paused_gc


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_restores_an_enabled_collector_and_cycles_are_still_collected():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        a, b = Node(), Node()
        a.other, b.other = b, a
        tracked = id(a)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    del a, b
    gc.collect()
    assert all(id(o) != tracked for o in gc.get_objects() if isinstance(o, Node))


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_the_program_froze_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with paused_gc():
            Node()
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_restored_after_an_error():
    with raises_en(ValueError, "inside"), paused_gc():
        raise ValueError("inside")
    assert gc.isenabled()
