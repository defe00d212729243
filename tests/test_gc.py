"""paused_gc: the collector is paused inside, restored after, and a program's frozen objects stay frozen."""

from __future__ import annotations

import gc

import pytest

import thidua
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


@pytest.mark.parametrize("computed", ["some", "all"])
def test_a_finished_evaluation_frees_its_run_without_the_collector(monkeypatch, computed):
    # the rules compiled for a run refer back to it; evaluate drops them, so that nothing but the
    # evaluation is left once it returns, even with the collector off
    import weakref

    from thidua import synth
    from thidua.engine import _run

    campaign, results, _ = synth.generate_national(0, provinces=["12"], computed=computed)
    runs: list[weakref.ref[_run.Run]] = []
    init = _run.Run.__init__

    def kept(self, *args, **kwargs):
        init(self, *args, **kwargs)
        runs.append(weakref.ref(self))

    monkeypatch.setattr(_run.Run, "__init__", kept)
    gc.disable()
    try:
        ev = thidua.evaluate(campaign, results)
        assert [r() for r in runs] == [None]
        assert ev.units[0].targets[0].trace  # traces are still made when read
        assert ev.units[-1].score is None or ev.units[-1].score.criteria
    finally:
        gc.enable()
