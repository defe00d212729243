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


def test_score_rating_and_award_traces_are_built_on_first_read(fresh):
    unit = fresh().unit("xa-van-khanh-tay")
    award = unit.awards[0]
    lazy = (unit.score, unit.rating, award)
    assert all(callable(o._trace) for o in lazy)  # nothing built by evaluate
    assert unit.score.trace[-1].code == "score_total"
    assert unit.score.trace[-1].args["total"] == unit.score.total
    # 89.9999999 points: the band 70 ≤ score < 90, read with its bounds
    band = unit.rating.trace[0]
    assert (band.code, band.args["grade"], band.args["min"], band.args["max"]) == ("band", "htt", 70, 90)
    assert award.trace[-1].code in ("award_quota", "award_ineligible")
    assert unit.rating.trace is unit.rating.trace  # built once, then kept
    assert all(not callable(o._trace) for o in lazy)
    assert unit == fresh().unit("xa-van-khanh-tay")  # one side read, the other not


def test_an_older_pickle_with_public_field_names_still_loads(fresh):
    rating = fresh().unit("xa-van-khanh-tay").rating
    state = {"unit": rating.unit, "grade": rating.grade, "source": rating.source, "band_grade": rating.band_grade}
    state.update(capped=rating.capped, trace=rating.trace)  # "trace", as before it became lazy
    old = object.__new__(type(rating))
    old.__setstate__(state)
    assert old == rating


# -- target outcomes made by the engine's fast maker ----------------------------------------------


@pytest.mark.parametrize(
    ("maker", "cls"),
    [
        ("new_target_outcome", "TargetOutcome"),
        ("new_award_outcome", "AwardOutcome"),
        ("new_rank_entry", "RankEntry"),
        ("new_score_outcome", "ScoreOutcome"),
        ("new_rating_outcome", "RatingOutcome"),
        ("new_unit_evaluation", "UnitEvaluation"),
    ],
)
def test_a_fast_maker_takes_the_fields_of_its_class_in_their_order(maker, cls):
    import inspect

    import attrs

    from thidua.engine import _outcomes

    make, made = getattr(_outcomes, maker), getattr(_outcomes, cls)
    assert list(inspect.signature(make).parameters) == [a.alias for a in attrs.fields(made)]
    defaults = [p.default for p in inspect.signature(make).parameters.values()]
    assert defaults == [
        inspect.Parameter.empty if a.default is attrs.NOTHING else a.default for a in attrs.fields(made)
    ]
    assert make.__slots__ == made.__slots__
    fields = [f"v{i}" for i in range(len(attrs.fields(made)))]
    fast = make(*fields)
    assert type(fast) is made
    assert fast == made(*fields)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(fast, attrs.fields(made)[0].name, "other")


def test_an_outcome_made_fast_is_a_frozen_target_outcome_equal_to_one_constructed():
    from fractions import Fraction

    import attrs

    from thidua.engine._outcomes import Status, Step, TargetOutcome, new_target_outcome

    steps = (Step("verdict", {"met": True}),)
    args = ("t", "xa-a", "share", Status.MET, 8, 10, Fraction(4, 5), Fraction(3, 4), 0, None)
    fast = new_target_outcome(*args, trace=lambda: steps)
    plain = TargetOutcome(*args, trace=steps)
    assert type(fast) is TargetOutcome
    assert fast == plain
    assert fast.trace == steps
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.status = Status.NOT_MET  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(fast)) == plain  # noqa: S301 - our own bytes
    assert copy.deepcopy(fast) == plain
    partial = new_target_outcome("t", "xa-a", "count", Status.NOT_MET)
    assert partial == TargetOutcome("t", "xa-a", "count", Status.NOT_MET)
    assert hash(partial) == hash(TargetOutcome("t", "xa-a", "count", Status.NOT_MET))
    assert (partial.numerator, partial.trace) == (None, ())
