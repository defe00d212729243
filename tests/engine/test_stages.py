"""Review stages: values up to a stage, the list of changes, and validation with paths."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import thidua
from engine_builders import STAGES, make_campaign, make_results, row, score_rubric
from problem_text import en
from thidua import model as m
from thidua.engine import Change
from thidua.errors import DataError, ModelError

CRITERIA = (
    m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=2),
    m.Criterion("c2", "Kế hoạch", 10, m.Assessed()),
    m.Criterion("c3", "Báo cáo", 5, m.Assessed()),
)
CAMPAIGN = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(CRITERIA), stages=STAGES)
SE = m.ScoreEntry

A_SELF = m.Assessment("tu-cham", (SE("c1", 9, 1), SE("c2", 8), SE("c3", 5)), dt.date(2022, 11, 25), "xa-a")
A_CLUSTER = m.Assessment("cum-tham-dinh", (SE("c1", 8, reason="Thiếu minh chứng"),), dt.date(2022, 12, 2), "Cụm")
A_BOARD = m.Assessment(
    "ban-thuong-truc",
    (SE("c2", 7, reason="Báo cáo nộp chậm"), SE("c1", bonus=0, reason="Sáng kiến chưa được công nhận")),
    dt.date(2022, 12, 9),
    "Ban Thường trực",
)
B_SELF = m.Assessment("tu-cham", (SE("c1", 10), SE("c2", 10), SE("c3", 5)))


def results(*a_assessments, b=(B_SELF,)):
    return make_results([row("xa-a", assessments=a_assessments), row("xa-b", assessments=b)])


FULL = results(A_SELF, A_CLUSTER, A_BOARD)


def score(stage=None, res=FULL, unit="xa-a"):
    return thidua.evaluate(CAMPAIGN, res, stage=stage).unit(unit).score


def test_self_assessment_stage():
    s = score("tu-cham")
    # 9 + 8 + 5 = 22, bonus 1: 23
    assert (s.standard, s.bonus, s.total, s.stage) == (22, 1, 23, "tu-cham")
    assert s.changes == ()


def test_cluster_review_stage():
    s = score("cum-tham-dinh")
    # c1 9 → 8: 8 + 8 + 5 = 21, bonus 1: 22
    assert (s.standard, s.bonus, s.total, s.stage) == (21, 1, 22, "cum-tham-dinh")
    assert s.changes == (Change("c1", "cum-tham-dinh", 9, 8, 1, 1, "Thiếu minh chứng", dt.date(2022, 12, 2), "Cụm"),)


def test_default_is_the_last_stage_reached():
    s = score()
    # c1 8, c2 8 → 7, c3 5: 20; bonus 1 → 0: total 20
    assert (s.standard, s.bonus, s.total, s.stage) == (20, 0, 20, "ban-thuong-truc")
    assert [(c.criterion, c.stage, c.before, c.after, c.reason) for c in s.changes] == [
        ("c1", "cum-tham-dinh", 9, 8, "Thiếu minh chứng"),
        ("c2", "ban-thuong-truc", 8, 7, "Báo cáo nộp chậm"),
        ("c1", "ban-thuong-truc", 8, 8, "Sáng kiến chưa được công nhận"),
    ]
    bonus_change = s.changes[2]
    assert (bonus_change.bonus_before, bonus_change.bonus_after) == (1, 0)
    assert thidua.evaluate(CAMPAIGN, FULL).stage is None


def test_explicit_last_stage_equals_default():
    assert score("ban-thuong-truc").total == score().total == 20


def test_unit_that_stopped_early_keeps_its_last_values_under_the_self_score_policy():
    # xa-b was only self-assessed: under "self_score", at every stage its score is its own, 25
    campaign = attrs.evolve(CAMPAIGN, unreviewed="self_score")
    for stage in (None, "tu-cham", "cum-tham-dinh", "ban-thuong-truc"):
        s = thidua.evaluate(campaign, FULL, stage=stage).unit("xa-b").score
        assert (s.total, s.stage, s.changes) == (25, "tu-cham", ())


def test_unit_that_stopped_early_is_not_yet_reviewed_at_later_stages_by_default():
    # by default ("exclude"), xa-b has reached only its self-assessment
    for stage in (None, "tu-cham"):
        assert score(stage, unit="xa-b").total == 25
    for stage in ("cum-tham-dinh", "ban-thuong-truc"):
        u = thidua.evaluate(CAMPAIGN, FULL, stage=stage).unit("xa-b")
        assert (u.score, u.rating.grade, u.rating.source, u.rank) == (None, None, "not_reviewed", None)
        assert (u.review.status, u.review.reached) == ("not_reviewed", "tu-cham")


def test_stage_changes_the_ranking():
    # xa-a 23 vs xa-b 25 at self-assessment, 20 vs 25 at the end: xa-b first either way
    for stage in ("tu-cham", None):
        ev = thidua.evaluate(CAMPAIGN, FULL, stage=stage)
        assert ev.unit("xa-b").rank == 1
        assert ev.unit("xa-a").rank == 2


def test_skipped_middle_stage():
    s = score(res=results(A_SELF, A_BOARD))
    # c2 8 → 7 and bonus 1 → 0 at the board; c1 stays 9: 9 + 7 + 5 = 21
    assert s.total == 21
    assert [c.stage for c in s.changes] == ["ban-thuong-truc", "ban-thuong-truc"]


def test_unchanged_value_is_not_a_change():
    same = m.Assessment("cum-tham-dinh", (SE("c1", 9, reason="Giữ nguyên"),))
    s = score(res=results(A_SELF, same))
    assert s.changes == ()
    assert s.total == 23


# -- validation -------------------------------------------------------------------------------

NO_REASON = m.Assessment("cum-tham-dinh", (SE("c1", 8),))
OVER_MAX = m.Assessment("cum-tham-dinh", (SE("c2", 11, reason="Cộng thêm"),))
UNDECLARED = m.Assessment("hoi-dong", (SE("c1", 8, reason="x"),))


@pytest.mark.parametrize(
    ("later", "path"),
    [
        (NO_REASON, "units[0].assessments[1].scores[0].reason"),
        (OVER_MAX, "units[0].assessments[1].scores[0].points"),
        (UNDECLARED, "units[0].assessments[1].stage"),
    ],
)
def test_invalid_stage_input_is_a_validation_error_with_its_path(later, path):
    bad = results(A_SELF, later)
    with pytest.raises(ModelError) as info:
        thidua.evaluate(CAMPAIGN, bad)
    assert any(p.startswith(path + ":") for p in en(info.value.problems)), en(info.value.problems)
    text = thidua.io.dumps(bad)
    with pytest.raises(DataError) as info:
        thidua.io.loads(text, expected="results", campaign=CAMPAIGN)
    assert any(p.startswith(path + ":") for p in en(info.value.problems)), en(info.value.problems)


def test_valid_results_load_against_the_campaign():
    loaded = thidua.io.loads(thidua.io.dumps(FULL), expected="results", campaign=CAMPAIGN)
    assert thidua.evaluate(CAMPAIGN, loaded).unit("xa-a").score.total == 20


def test_every_problem_is_listed():
    bad = make_results([row("xa-a", assessments=(A_SELF, NO_REASON)), row("xa-b", assessments=(B_SELF, OVER_MAX))])
    with pytest.raises(ModelError) as info:
        thidua.evaluate(CAMPAIGN, bad)
    paths = {p.split(":")[0] for p in en(info.value.problems)}
    assert {"units[0].assessments[1].scores[0].reason", "units[1].assessments[1].scores[0].points"} <= paths


def test_undeclared_stage_asked_of_evaluate():
    with pytest.raises(ModelError) as info:
        thidua.evaluate(CAMPAIGN, FULL, stage="hoi-dong")
    assert any(p.startswith("stage:") for p in en(info.value.problems))


def test_stages_out_of_order_are_refused():
    with pytest.raises(ModelError) as info:
        thidua.evaluate(CAMPAIGN, results(A_CLUSTER, A_SELF))
    assert any(p.startswith("units[0].assessments[1].stage:") for p in en(info.value.problems))


def test_assessed_rubric_needs_stages():
    campaign = make_campaign(rubric=score_rubric(CRITERIA))
    with pytest.raises(ModelError) as info:
        thidua.evaluate(campaign, make_results([]))
    assert any("stages" in p for p in en(info.value.problems))


def test_an_entry_checked_once_is_still_checked_against_another_rubric_and_at_a_later_stage():
    entry = SE("c2", 9)  # the same object in every row below, as the loader shares equal entries
    first = make_results([row("xa-a", assessments=(m.Assessment("tu-cham", (entry,)),))])
    assert en(m.validate_results(CAMPAIGN, first)) == []  # c2 allows 10 points
    narrow = make_campaign(
        communes=("xa-a", "xa-b"),
        rubric=score_rubric((m.Criterion("c2", "Kế hoạch", 5, m.Assessed()),)),
        stages=STAGES,
    )
    assert en(m.validate_results(narrow, first)) == [
        "units[0].assessments[0].scores[0].points: 9 is outside 0–5 for 'c2'"
    ]
    later = make_results(
        [row("xa-a", assessments=(m.Assessment("tu-cham", (SE("c2", 8),)), m.Assessment("cum-tham-dinh", (entry,))))]
    )
    assert en(m.validate_results(CAMPAIGN, later)) == [
        "units[0].assessments[1].scores[0].reason: a change at the stage 'cum-tham-dinh' needs a reason"
    ]
    restated = make_results(
        [row("xa-a", assessments=(m.Assessment("tu-cham", (entry,)), m.Assessment("cum-tham-dinh", (entry,))))]
    )
    assert en(m.validate_results(CAMPAIGN, restated)) == []  # 9 restated: no change, no reason needed
