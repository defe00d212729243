"""Results checked against their campaign once: the same two immutable objects, the same problems."""

from __future__ import annotations

import gc
import threading

import attrs

import thidua
from thidua import model as m
from thidua.model import _validate


def _bad(results: m.Results) -> m.Results:
    first = attrs.evolve(results.units[0], unit="xa-khong-co")
    return attrs.evolve(results, units=(first, *results.units[1:]))


def test_the_same_pair_is_checked_once_and_a_changed_one_again(monkeypatch):
    campaign = thidua.examples.load_campaign()
    results = thidua.examples.load_results()
    calls = []
    real = _validate._validate_results
    monkeypatch.setattr(_validate, "_validate_results", lambda *a: calls.append(a[1]) or real(*a))
    first = m.validate_results(campaign, results)
    again = m.validate_results(campaign, results)
    assert first == again == []
    assert len(calls) == 1
    # the list returned is the caller's: changing it changes nothing for the next caller
    again.append("x")
    assert m.validate_results(campaign, results) == []
    # another object, even an equal one, is checked on its own; a changed one finds its problem
    bad = _bad(results)
    assert [(p.path, p.code) for p in m.validate_results(campaign, bad)] == [("units[0].unit", "unknown-unit")]
    assert m.validate_results(campaign, attrs.evolve(results)) == []
    assert len(calls) == 3
    # and against another campaign object, the same results are checked again
    other = attrs.evolve(campaign, year=2023)
    assert [p.code for p in m.validate_results(other, results)] == ["wrong-year"]
    assert len(calls) == 4


def test_an_entry_goes_with_its_objects():
    campaign = thidua.examples.load_campaign()
    results = attrs.evolve(thidua.examples.load_results())
    m.validate_results(campaign, results)
    key = (id(campaign), id(results))
    assert key in _validate._CHECKED._found
    del results
    gc.collect()
    assert key not in _validate._CHECKED._found


def test_threads_checking_shared_and_their_own_results_each_get_their_own_problems():
    # documented: validate_results may be called from many threads at once
    campaign = thidua.examples.load_campaign()
    shared = thidua.examples.load_results()
    errors: list[str] = []

    def work(k: int) -> None:
        for i in range(30):
            own = _bad(shared) if (k + i) % 2 else attrs.evolve(shared)
            want = ["unknown-unit"] if (k + i) % 2 else []
            if [p.code for p in m.validate_results(campaign, own)] != want:
                errors.append(f"thread {k}, round {i}: own results")
            if m.validate_results(campaign, shared) != []:
                errors.append(f"thread {k}, round {i}: shared results")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
