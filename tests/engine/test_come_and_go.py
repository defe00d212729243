"""Criteria that come and go inside groups, scored criterion by criterion (issue #22, found by #24's run).

The mutation sample of issue #24 left ``_score_special`` (the scoring used when a rubric has
withdrawn criteria or a unit has added ones) with ten survivors: a withdrawn group's children, a
group's bonus cap, the scores' fields, added criteria before the stage they belong to. Every value
here is worked by hand.
"""

from __future__ import annotations

import datetime as dt

import attrs

import thidua
from engine_builders import STAGES, make_campaign, make_results, row, score_rubric
from thidua import model as m

SE = m.ScoreEntry
GONE = m.Withdrawal(dt.date(2022, 7, 1), "Bỏ theo hướng dẫn mới")

GROUP = m.Criterion(
    "nhom",
    "Nhóm công tác",
    20,
    children=(
        m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=3),
        m.Criterion("c2", "Kế hoạch", 10, m.Assessed(), bonus=2),
    ),
    bonus=2,
)
# a whole group withdrawn: its children are withdrawn with it
OLD_GROUP = m.Criterion(
    "cu",
    "Nhóm cũ",
    10,
    children=(m.Criterion("w1", "Cũ 1", 5, m.Assessed()), m.Criterion("w2", "Cũ 2", 5, m.Assessed())),
    withdrawn=GONE,
)
OTHER = m.Criterion("c3", "Báo cáo", 10, m.Assessed())


def _campaign(**changes):
    rubric = score_rubric((GROUP, OLD_GROUP, OTHER))
    return attrs.evolve(make_campaign(communes=("xa-a", "xa-b"), rubric=rubric, stages=STAGES), **changes)


def _score(rows, **changes):
    return thidua.evaluate(_campaign(**changes), make_results(rows))


def _with_added(unit, *added, assessments=()):
    return attrs.evolve(row(unit, assessments=assessments), added=added)


def test_a_withdrawn_group_withdraws_its_children_and_a_group_caps_its_bonus():
    entries = (SE("c1", 8, 3), SE("c2", 7, 2), SE("w1", 4), SE("w2", 5), SE("c3", 9))
    s = _score([row("xa-a", assessments=(m.Assessment("tu-cham", entries),))]).unit("xa-a").score
    got = [(c.criterion, c.points, c.bonus, c.maximum, c.counted) for c in s.criteria]
    # the group: 8 + 7 = 15 of 20, its bonuses 3 + 2 = 5 capped at 2; c3 9 of 10;
    # the old group and both its children are kept with 0, not counted, out of the maximum
    assert got == [
        ("nhom", 15, 2, 20, True),
        ("c1", 8, 3, 10, True),
        ("c2", 7, 2, 10, True),
        ("cu", 0, 0, 0, False),
        ("w1", 0, 0, 0, False),
        ("w2", 0, 0, 0, False),
        ("c3", 9, 0, 10, True),
    ]
    assert (s.standard, s.bonus, s.total, s.maximum) == (24, 2, 26, 30)
    # each withdrawn one says when and why, and the points once given
    steps = {c.criterion: dict(c.trace[0].args) for c in s.criteria if not c.counted}
    assert steps == {
        "cu": {"on": dt.date(2022, 7, 1), "reason": "Bỏ theo hướng dẫn mới", "points": None},
        "w1": {"on": dt.date(2022, 7, 1), "reason": "Bỏ theo hướng dẫn mới", "points": 4},
        "w2": {"on": dt.date(2022, 7, 1), "reason": "Bỏ theo hướng dẫn mới", "points": 5},
    }
    assert [c.trace[0].code for c in s.criteria if not c.counted] == ["withdrawn"] * 3


def test_a_group_under_its_bonus_cap_keeps_it():
    entries = (SE("c1", 8, 1), SE("c2", 7), SE("c3", 9))
    s = _score([row("xa-a", assessments=(m.Assessment("tu-cham", entries),))]).unit("xa-a").score
    group = s.criteria[0]
    assert (group.criterion, group.points, group.bonus, group.maximum) == ("nhom", 15, 1, 20)
    assert (s.standard, s.bonus, s.total) == (24, 1, 25)


def test_an_added_criterion_counts_from_its_stage_with_its_own_maximum():
    added = m.AddedCriterion(
        "phat-sinh", "Tiêu chí phát sinh", "cum-tham-dinh", 5, "Phong trào mới", "Tổ thẩm định", bonus=1
    )
    own = m.Assessment("tu-cham", (SE("c1", 8), SE("c2", 7), SE("c3", 9)))
    review = m.Assessment(
        "cum-tham-dinh", (SE("c1", 8), SE("c2", 7), SE("c3", 9), SE("phat-sinh", 4, 1, reason="Bổ sung"))
    )
    results = make_results([_with_added("xa-a", added, assessments=(own, review))])
    s = thidua.evaluate(_campaign(), results).unit("xa-a").score
    extra = s.criteria[-1]
    # 4 of 5 points and its bonus 1; the maximum grows by 5
    assert (extra.criterion, extra.points, extra.bonus, extra.maximum, extra.counted) == ("phat-sinh", 4, 1, 5, True)
    assert extra.trace[0].code == "added_criterion"
    assert (extra.trace[0].args["reason"], extra.trace[0].args["stage"]) == ("Phong trào mới", "cum-tham-dinh")
    assert (s.standard, s.bonus, s.total, s.maximum) == (28, 1, 29, 35)
    # evaluated at the self-assessment: the criterion the review added does not count yet
    s = thidua.evaluate(_campaign(), results, stage="tu-cham").unit("xa-a").score
    assert [c.criterion for c in s.criteria][-1] == "c3"
    assert (s.standard, s.total, s.maximum) == (24, 24, 30)


def test_before_any_scored_stage_no_added_criterion_counts():
    added = m.AddedCriterion("phat-sinh", "Tiêu chí phát sinh", "cum-tham-dinh", 5, "Phong trào mới", "Tổ thẩm định")
    review = m.Assessment("cum-tham-dinh", (SE("c1", 8), SE("c2", 7), SE("c3", 9), SE("phat-sinh", 4, reason="Mới")))
    results = make_results([_with_added("xa-a", added, assessments=(review,))])
    # at the self-assessment, nothing was given yet (the unit's first scores are the review's):
    # no points, and not the criterion the review added either
    s = thidua.evaluate(_campaign(missing="not_met"), results, stage="tu-cham").unit("xa-a").score
    assert "phat-sinh" not in [c.criterion for c in s.criteria]
    assert (s.standard, s.maximum) == (0, 30)
