"""What the review chain leaves in each unit's outcome, field by field (issue #22; found by #24's run).

The mutation sample of issue #24 left the fields of ``ReviewOutcome`` and of a rejected unit's
rating unpinned: explanations read them, but no test compared them one by one.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import thidua
from engine_builders import STAGES, make_campaign, make_results, row, score_rubric
from thidua import model as m

SE = m.ScoreEntry
CRITERIA = (m.Criterion("c1", "Ngày hội", 10, m.Assessed()), m.Criterion("c2", "Kế hoạch", 10, m.Assessed()))
CHAIN = tuple(attrs.evolve(s, actions=("approve", "send_back", "reject", "publish")) for s in STAGES)
OWN = (m.Assessment("tu-cham", (SE("c1", 9), SE("c2", 8))),)


def _campaign():
    return make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(CRITERIA), stages=CHAIN)


def _chained(unit, *events):
    return attrs.evolve(row(unit, assessments=OWN), review=events)


def test_a_rejected_unit_is_not_rated_and_its_rating_says_who_when_and_why():
    on = dt.date(2022, 12, 1)
    events = (
        m.ReviewEvent("tu-cham", "approve", on=dt.date(2022, 11, 20), by="Xã A"),
        m.ReviewEvent("cum-tham-dinh", "reject", on=on, by="Tổ thẩm định", reason="Hồ sơ không đúng mẫu"),
    )
    ev = thidua.evaluate(_campaign(), make_results([_chained("xa-a", *events), _chained("xa-b")]))
    rating = ev.unit("xa-a").rating
    assert (rating.unit, rating.grade, rating.source) == ("xa-a", None, "rejected")
    assert [(s.code, dict(s.args)) for s in rating.trace] == [
        ("rejected", {"stage": "cum-tham-dinh", "on": on, "by": "Tổ thẩm định", "reason": "Hồ sơ không đúng mẫu"})
    ]
    review = ev.unit("xa-a").review
    assert (review.status, review.state, review.at) == ("rejected", "rejected", "cum-tham-dinh")
    # one step per event, each with what it did, when, by whom, why and to where
    assert [dict(s.args) for s in review.trace if s.code == "review_event"] == [
        {
            "stage": "tu-cham",
            "action": "approve",
            "on": dt.date(2022, 11, 20),
            "by": "Xã A",
            "reason": None,
            "to": None,
        },
        {
            "stage": "cum-tham-dinh",
            "action": "reject",
            "on": on,
            "by": "Tổ thẩm định",
            "reason": "Hồ sơ không đúng mẫu",
            "to": None,
        },
    ]
    assert ev.cluster("cum-1").ranking.rank_of("xa-a") is None


def test_the_review_outcome_of_units_at_each_point_of_the_chain():
    published = (
        m.ReviewEvent("tu-cham", "approve"),
        m.ReviewEvent("cum-tham-dinh", "approve"),
        m.ReviewEvent("ban-thuong-truc", "publish", on=dt.date(2022, 12, 9)),
    )
    waiting = (m.ReviewEvent("tu-cham", "approve"),)
    ev = thidua.evaluate(_campaign(), make_results([_chained("xa-a", *published), _chained("xa-b", *waiting)]))
    a, b = ev.unit("xa-a").review, ev.unit("xa-b").review
    # published by the last stage: reviewed, scored at the last stage reached
    assert (a.status, a.stage, a.reached, a.state, a.at) == (
        "reviewed", "ban-thuong-truc", "ban-thuong-truc", "published", "ban-thuong-truc"
    )  # fmt: skip
    # approved by its own stage, waiting for the cluster: not reviewed, not rated, reached the first stage
    assert (b.status, b.stage, b.reached, b.state, b.at) == (
        "not_reviewed",
        None,
        "tu-cham",
        "pending",
        "cum-tham-dinh",
    )
    assert ev.unit("xa-b").rating.grade is None
    assert ev.unit("xa-a").score.total == 17


def test_units_with_assessments_only_share_the_outcome_of_the_stage_they_reached():
    reviewed = (*OWN, m.Assessment("cum-tham-dinh", (SE("c1", 9), SE("c2", 7, reason="Thiếu minh chứng"))))
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(CRITERIA), stages=STAGES)
    results = make_results([row("xa-a", assessments=reviewed), row("xa-b", assessments=reviewed)])
    ev = thidua.evaluate(campaign, results, stage="cum-tham-dinh")
    a, b = ev.unit("xa-a").review, ev.unit("xa-b").review
    assert (a.status, a.stage, a.reached) == ("reviewed", "cum-tham-dinh", "cum-tham-dinh")
    assert a == b
    assert (ev.unit("xa-a").score.total, ev.unit("xa-b").score.total) == (16, 16)


def test_a_state_at_an_unknown_stage_and_an_added_criterion_without_a_rubric_are_refused_at_their_paths():
    campaign = _campaign()
    state = attrs.evolve(row("xa-a", assessments=OWN), state=m.ReviewState("pending", "khong-co"))
    problems = m.validate_results(campaign, make_results([state]))
    assert [(p.path, p.code) for p in problems] == [("units[0].state.stage", "unknown-stage")]
    hamlet = attrs.evolve(
        row("xa-a-ap-1"), added=(m.AddedCriterion("x", "Phát sinh", "cum-tham-dinh", 5, "Mới", "Tổ"),)
    )
    hamlets = make_campaign(rubric=score_rubric(CRITERIA), stages=STAGES, hamlets={"xa-a": 2})
    problems = m.validate_results(hamlets, make_results([hamlet]))
    assert ("units[0].added", "no-rubric-for-level") in [(p.path, p.code) for p in problems]


def test_an_added_criterion_with_a_negative_bonus_is_refused():
    with pytest.raises(thidua.ModelError) as info:
        m.AddedCriterion("x", "Phát sinh", "cum-tham-dinh", 5, "Mới", "Tổ", bonus=-1)
    assert [(p.path, p.code) for p in info.value.problems] == [("bonus", "negative")]


def test_a_unit_rejected_by_its_state_alone_says_where_and_nothing_more():
    rejected = attrs.evolve(row("xa-a", assessments=OWN), state=m.ReviewState("rejected", "cum-tham-dinh"))
    ev = thidua.evaluate(_campaign(), make_results([rejected, _chained("xa-b")]))
    rating = ev.unit("xa-a").rating
    assert (rating.grade, rating.source) == (None, "rejected")
    assert [(s.code, dict(s.args)) for s in rating.trace] == [
        ("rejected", {"stage": "cum-tham-dinh", "on": None, "by": None, "reason": None})
    ]
