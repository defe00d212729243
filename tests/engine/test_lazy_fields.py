"""Fields built on first read (fingerprint, criteria, traces) behave as plain fields: equality, pickling, copies."""

from __future__ import annotations

import copy
import pickle

import pytest

import thidua


@pytest.fixture
def fresh():
    def make():
        return thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())

    return make


def test_an_evaluation_pickles_before_its_lazy_fields_are_read(fresh):
    ev = fresh()
    back = pickle.loads(pickle.dumps(ev))  # noqa: S301 - our own bytes
    assert back == fresh()
    unit = back.unit("xa-van-khanh-tay")
    assert back.fingerprint == fresh().fingerprint
    assert [(s.criterion, s.points) for s in unit.score.criteria] == [
        (s.criterion, s.points) for s in fresh().unit("xa-van-khanh-tay").score.criteria
    ]
    share = next(t for t in unit.targets if t.target == "bctmt-good")
    assert [s.code for s in share.trace] == ["counts_reported", "share", "verdict"]


def test_a_deep_copy_equals_the_original(fresh):
    ev = fresh()
    assert copy.deepcopy(ev) == ev
    assert copy.deepcopy(ev).unit("xa-van-khanh-tay").score.total == ev.unit("xa-van-khanh-tay").score.total


def test_reading_a_lazy_field_does_not_change_equality(fresh):
    read, unread = fresh(), fresh()
    for u in read.units:
        _ = [t.trace for t in u.targets], u.score.criteria if u.score else None
    _ = read.fingerprint
    assert read == unread
    assert repr(read.unit("xa-van-khanh-tay").targets[0]) == repr(unread.unit("xa-van-khanh-tay").targets[0])
