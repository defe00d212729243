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


def test_objects_the_program_froze_stay_frozen(monkeypatch):
    # the count itself may drop while the block runs: another thread (a server's worker ending,
    # say) can free objects that the program's freeze took in; what matters is that the pause
    # neither freezes nor unfreezes anything when the program froze objects itself
    calls = []
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0
        monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
        monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
        with paused_gc():
            Node()
        assert calls == []
        assert gc.isenabled()
    finally:
        monkeypatch.undo()
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


def test_pauses_of_several_threads_end_with_the_last():
    import threading

    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with paused_gc():
            a_in.set()
            b_in.wait()
        a_out.set()

    def second():
        a_in.wait()
        with paused_gc():
            b_in.set()
            a_out.wait()
            seen["after the first ended"] = gc.isenabled()
        seen["after both ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"after the first ended": False, "after both ended": True}


def _disables(monkeypatch, call):
    """How many times *call* disabled the collector."""
    calls = []
    real = gc.disable

    def spy():
        calls.append(1)
        real()

    monkeypatch.setattr(gc, "disable", spy)
    call()
    assert gc.isenabled()
    return len(calls)


def test_pause_gc_false_leaves_the_collector_alone(monkeypatch, tmp_path):
    import thidua
    from thidua.engine import Session

    campaign, results = thidua.examples.load_campaign(), thidua.examples.load_results()
    path = thidua.dump(results, tmp_path / "results.json")
    text = path.read_text(encoding="utf-8")
    calls = {
        "evaluate": lambda **kw: thidua.evaluate(campaign, results, **kw),
        "load": lambda **kw: thidua.load(path, expected="results", **kw),
        "loads": lambda **kw: thidua.loads(text, expected="results", **kw),
        "Session": lambda **kw: Session(campaign, results, **kw),
    }
    for name, call in calls.items():
        assert _disables(monkeypatch, call) == 1, name
        assert _disables(monkeypatch, lambda call=call: call(pause_gc=False)) == 0, name
