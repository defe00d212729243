"""Every scoring method, bonuses, penalties, adjustments and clamping; values by hand."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from engine_builders import STAGES, make_campaign, make_results, row, score_rubric
from problem_text import en
from thidua import model as m
from thidua.errors import MissingInputError, ModelError


def score_of(criteria, measures=None, *, flags=None, assessments=(), rubric_kw=None, **kw):
    rubric = score_rubric(criteria, **(rubric_kw or {}))
    if any(isinstance(c.method, m.Assessed) for c in rubric.leaves()):
        kw.setdefault("stages", STAGES)
    campaign = make_campaign(rubric=rubric, **kw)
    r = row("xa-a", measures=measures, flags=flags, assessments=assessments)
    return thidua.evaluate(campaign, make_results([r])).unit("xa-a").score


def points_of(score, criterion):
    return next(c for c in score.criteria if c.criterion == criterion)


# -- assessed ----------------------------------------------------------------------------

ASSESSED = (
    m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=2),
    m.Criterion("c2", "Báo cáo", 5, m.Assessed()),
)


def self_assessed(*entries):
    return (m.Assessment("tu-cham", entries),)


def test_assessed_points_and_bonus():
    s = score_of(ASSESSED, assessments=self_assessed(m.ScoreEntry("c1", 8, "1.5"), m.ScoreEntry("c2", 5)))
    # standard 8 + 5 = 13; bonus 1.5; total 14.5
    assert (s.standard, s.bonus, s.total) == (13, Fraction(3, 2), Fraction(29, 2))
    assert s.maximum == 15
    assert points_of(s, "c1").points == 8
    assert points_of(s, "c1").bonus == Fraction(3, 2)


def test_assessed_at_the_maximum_with_full_bonus():
    s = score_of(ASSESSED, assessments=self_assessed(m.ScoreEntry("c1", 10, 2), m.ScoreEntry("c2", 5)))
    # 10 + 5 + bonus 2 = 17, above the nominal 15: not clamped by default
    assert (s.standard, s.bonus, s.total, s.clamped) == (15, 2, 17, False)


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        (m.ScoreEntry("c1", 11), "units[0].assessments[0].scores[0].points"),
        (m.ScoreEntry("c1", -1), "units[0].assessments[0].scores[0].points"),
        (m.ScoreEntry("c1", 10, "2.5"), "units[0].assessments[0].scores[0].bonus"),
        (m.ScoreEntry("c2", 5, 1), "units[0].assessments[0].scores[0].bonus"),
    ],
)
def test_assessed_values_outside_the_criterion_are_refused(entry, path):
    with pytest.raises(ModelError) as info:
        score_of(ASSESSED, assessments=self_assessed(entry))
    assert any(p.startswith(path + ":") for p in en(info.value.problems)), en(info.value.problems)


def test_assessed_missing_criterion_policies():
    with pytest.raises(MissingInputError) as info:
        score_of(ASSESSED, assessments=self_assessed(m.ScoreEntry("c1", 8)))
    assert info.value.rule_id == "c2"
    s = score_of(ASSESSED, assessments=self_assessed(m.ScoreEntry("c1", 8)), missing="not_met")
    # c2 missing: 0 points, and the trace says so
    assert s.total == 8
    assert any(step.code == "missing" for step in points_of(s, "c2").trace)


def test_self_cap():
    crits = (m.Criterion("c1", "a", 50, m.Assessed()), m.Criterion("c2", "b", 50, m.Assessed()))
    ok = self_assessed(m.ScoreEntry("c1", 50), m.ScoreEntry("c2", 45))
    assert score_of(crits, assessments=ok, rubric_kw={"self_cap": 95}).total == 95
    over = self_assessed(m.ScoreEntry("c1", 50), m.ScoreEntry("c2", 46))
    with pytest.raises(ModelError) as info:
        score_of(crits, assessments=over, rubric_kw={"self_cap": 95})
    assert any(p.startswith("units[0].assessments[0]:") for p in en(info.value.problems))


# -- proportional ----------------------------------------------------------------------

FUND = m.Criterion("quy", "Quỹ", 15, m.Proportional("fund_raised", target="150000000"))


@pytest.mark.parametrize(
    ("raised", "points"),
    [
        (149_999_999, Fraction(149_999_999, 10_000_000)),  # 15 × 149999999/150000000
        (150_000_000, 15),
        (300_000_000, 15),  # capped at the maximum
        (75_000_000, Fraction(15, 2)),  # half the target: 7.5
        (0, 0),
    ],
)
def test_proportional_fixed_target(raised, points):
    s = score_of((FUND,), {"fund_raised": raised})
    assert s.total == points
    assert points_of(s, "quy").points == points


def test_proportional_target_measure():
    crit = m.Criterion("quy", "Quỹ", 15, m.Proportional("fund_raised", target_measure="fund_quota"))
    # 90,000,000 of 100,000,000: 15 × 9/10 = 13.5
    assert score_of((crit,), {"fund_raised": 90_000_000, "fund_quota": 100_000_000}).total == Fraction(27, 2)
    # 130 of 120: capped at 15
    assert score_of((crit,), {"fund_raised": 130, "fund_quota": 120}).total == 15


def test_proportional_missing_measure():
    with pytest.raises(MissingInputError):
        score_of((FUND,), {})
    s = score_of((FUND,), {}, missing="not_met")
    assert s.total == 0
    assert any(step.code == "missing" for step in points_of(s, "quy").trace)


# -- pass / fail ---------------------------------------------------------------------------

PASS = m.Criterion("ky-luat", "Không vi phạm", 10, m.PassFail(m.Flag("clean")))


@pytest.mark.parametrize(("flag", "points"), [(True, 10), (False, 0)])
def test_pass_fail(flag, points):
    assert score_of((PASS,), flags={"clean": flag}).total == points


def test_pass_fail_missing_flag():
    with pytest.raises(MissingInputError):
        score_of((PASS,), flags={})
    assert score_of((PASS,), flags={}, missing="not_met").total == 0


def test_pass_fail_on_a_measure_boundary():
    crit = m.Criterion("mo-hinh", "Mô hình", 5, m.PassFail(m.MeasureAtLeast("models", 2)))
    assert score_of((crit,), {"models": 2}).total == 5
    assert score_of((crit,), {"models": 1}).total == 0


# -- per occurrence with cap -----------------------------------------------------------------

PER = m.Criterion("tin-bai", "Tin bài", 10, m.PerOccurrence("articles", 2))


@pytest.mark.parametrize(("n", "points"), [(0, 0), (1, 2), (4, 8), (5, 10), (6, 10), (100, 10)])
def test_per_occurrence_capped(n, points):
    assert score_of((PER,), {"articles": n}).total == points


def test_per_occurrence_fractional_each():
    crit = m.Criterion("x", "x", 3, m.PerOccurrence("n", "0.25"))
    # 7 × 0.25 = 1.75
    assert score_of((crit,), {"n": 7}).total == Fraction(7, 4)


# -- step table ------------------------------------------------------------------------------

STEPS = m.Criterion(
    "ho-ngheo",
    "Hộ thoát nghèo",
    10,
    m.StepTable("lifted", (m.StepRow(1, 2), m.StepRow(3, 5), m.StepRow(5, 10))),
)


@pytest.mark.parametrize(
    ("value", "points"),
    [(0, 0), (1, 2), (2, 2), (3, 5), ("4.99", 5), (5, 10), (100, 10)],
)
def test_step_table(value, points):
    assert score_of((STEPS,), {"lifted": value}).total == points


def test_step_table_must_increase():
    with pytest.raises(ModelError):
        m.StepTable("x", (m.StepRow(3, 5), m.StepRow(1, 2)))
    with pytest.raises(ModelError):
        m.StepTable("x", (m.StepRow(1, 5), m.StepRow(1, 6)))


# -- bonus with cap and penalty with floor ------------------------------------------------------

BASE = m.Criterion("co-ban", "Cơ bản", 10, m.PerOccurrence("base", 1))
BONUS = m.Criterion("sang-kien", "Sáng kiến", 0, m.Bonus("ideas", "1/2"), bonus="3/2")
PENALTY = m.Criterion("cham", "Chậm báo cáo", 0, m.Penalty("late", 1, -5))


@pytest.mark.parametrize(
    ("ideas", "bonus"), [(0, 0), (1, Fraction(1, 2)), (2, 1), (3, Fraction(3, 2)), (4, Fraction(3, 2))]
)
def test_bonus_capped(ideas, bonus):
    s = score_of((BASE, BONUS), {"base": 10, "ideas": ideas})
    assert (s.standard, s.bonus, s.total) == (10, bonus, 10 + bonus)


@pytest.mark.parametrize(("late", "penalty"), [(0, 0), (1, -1), (3, -3), (5, -5), (6, -5), (50, -5)])
def test_penalty_floor(late, penalty):
    s = score_of((BASE, PENALTY), {"base": 10, "late": late})
    assert (s.standard, s.penalty, s.total) == (10, penalty, 10 + penalty)


COUNTS = st.fractions(min_value=0, max_value=40, max_denominator=8)
EACH = st.fractions(min_value=Fraction(1, 20), max_value=5, max_denominator=20)


@given(COUNTS, EACH, COUNTS, EACH, COUNTS, EACH)
def test_per_count_rules_are_fraction_arithmetic(n, each, ideas, per_idea, late, per_late):
    # caps and floors compared in integers: the same as min/max of the exact products
    per = m.Criterion("per", "Per", 10, m.PerOccurrence("n", each))
    bonus = m.Criterion("bonus", "Bonus", 0, m.Bonus("ideas", per_idea), bonus="3/2")
    penalty = m.Criterion("penalty", "Penalty", 0, m.Penalty("late", per_late, -5))
    s = score_of((per, bonus, penalty), {"n": n, "ideas": ideas, "late": late}, rubric_kw={"total": 10})
    want = (min(each * n, Fraction(10)), min(per_idea * ideas, Fraction(3, 2)), max(-per_late * late, Fraction(-5)))
    assert (s.standard, s.bonus, s.penalty) == want
    assert s.total == sum(want, Fraction(0))


def test_penalty_must_deduct_with_a_floor_at_or_below_zero():
    with pytest.raises(ModelError):
        m.Penalty("late", -1, -5)
    with pytest.raises(ModelError):
        m.Penalty("late", 1, 1)


def test_penalty_criterion_has_zero_standard_points():
    bad = m.Criterion("cham", "Chậm", 5, m.Penalty("late", 1, -5))
    campaign = make_campaign(rubric=score_rubric((BASE, bad)))
    with pytest.raises(ModelError) as info:
        thidua.evaluate(campaign, make_results([row("xa-a", measures={"base": 1, "late": 0})]))
    assert any("penalty" in p for p in en(info.value.problems))


def test_group_bonus_cap():
    group = m.Criterion(
        "nhom",
        "Nhóm",
        10,
        children=(
            m.Criterion("a", "a", 5, m.PerOccurrence("a", 1)),
            m.Criterion("b", "b", 5, m.PerOccurrence("b", 1)),
            m.Criterion("ba", "ba", 0, m.Bonus("ba", 1), bonus=2),
            m.Criterion("bb", "bb", 0, m.Bonus("bb", 1), bonus=2),
        ),
        bonus=3,
    )
    s = score_of((group,), {"a": 5, "b": 4, "ba": 2, "bb": 2})
    # standard 5 + 4 = 9; bonuses 2 + 2 = 4 capped by the group at 3; total 12
    assert (s.standard, s.bonus, s.total) == (9, 3, 12)
    assert points_of(s, "nhom").points == 9


def test_rubric_total_must_add_up():
    rubric = score_rubric((BASE,), total=100)
    campaign = make_campaign(rubric=rubric)
    with pytest.raises(ModelError) as info:
        thidua.evaluate(campaign, make_results([row("xa-a", measures={"base": 1})]))
    assert any(p.startswith("rubrics[0].criteria:") for p in en(info.value.problems))


# -- campaign-level adjustments -----------------------------------------------------------------


def adjusted(adjustments, measures, flags=None, **rubric_kw):
    return score_of((BASE,), {"base": 10, **measures}, flags=flags, rubric_kw={"adjustments": adjustments, **rubric_kw})


FLAG_BONUS = m.Adjustment("co-nam-truoc", "Cờ thi đua năm trước", 10, when=m.Flag("flag_last_year"))
PER_BONUS = m.Adjustment("bang-khen", "Bằng khen", 2, per="merits", limit=5)
DEDUCTION = m.Adjustment("hinh-thuc", "Làm hình thức", -2, per="perfunctory", limit=-5)


@pytest.mark.parametrize(("flag", "total"), [(True, 20), (False, 10)])
def test_one_off_adjustment(flag, total):
    s = adjusted((FLAG_BONUS,), {}, {"flag_last_year": flag})
    # 10 standard + 10 when the flag holds; pushes the total above the nominal 10
    assert (s.adjustments, s.total) == (total - 10, total)


@pytest.mark.parametrize(("merits", "adj"), [(0, 0), (1, 2), (2, 4), (3, 5), (10, 5)])
def test_bonus_adjustment_limit(merits, adj):
    # 2 per merit, at most 5
    s = adjusted((PER_BONUS,), {"merits": merits})
    assert (s.adjustments, s.total) == (adj, 10 + adj)


@pytest.mark.parametrize(("n", "adj"), [(0, 0), (1, -2), (2, -4), (3, -5), (9, -5)])
def test_deduction_adjustment_floor(n, adj):
    # −2 each, down to −5
    s = adjusted((DEDUCTION,), {"perfunctory": n})
    assert (s.adjustments, s.total) == (adj, 10 + adj)


def test_adjustments_add_up():
    s = adjusted((FLAG_BONUS, PER_BONUS, DEDUCTION), {"merits": 2, "perfunctory": 1}, {"flag_last_year": True})
    # 10 + 10 + 4 − 2 = 22
    assert (s.adjustments, s.total) == (12, 22)


def test_adjustment_limit_must_have_the_sign_of_the_points():
    with pytest.raises(ModelError):
        m.Adjustment("x", "x", -2, per="n", limit=5)
    with pytest.raises(ModelError):
        m.Adjustment("x", "x", 2, per="n", when=m.Flag("f"))


# -- clamp_total ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clamp", "merits", "total", "clamped"),
    [
        (False, 3, 15, False),  # 10 + 5 = 15, not clamped by default
        (True, 3, 10, True),  # clamped at the declared total 10
        (True, 0, 10, False),  # exactly the total: nothing to clamp
    ],
)
def test_clamp_total(clamp, merits, total, clamped):
    s = adjusted((PER_BONUS,), {"merits": merits}, clamp_total=clamp)
    assert (s.total, s.clamped) == (total, clamped)


def test_clamp_total_below_maximum_is_untouched():
    s = score_of((BASE,), {"base": 7}, rubric_kw={"clamp_total": True})
    assert (s.total, s.clamped) == (7, False)


def test_score_trace_ends_with_the_total():
    s = adjusted((PER_BONUS,), {"merits": 1})
    last = s.trace[-1]
    assert last.code == "score_total"
    assert last.args["total"] == 12
    assert last.args["adjustments"] == 2


def test_criteria_are_built_on_first_read_and_kept():
    score = score_of(ASSESSED, assessments=self_assessed(m.ScoreEntry("c1", "7.5", bonus="1.5"), m.ScoreEntry("c2", 4)))
    assert callable(score._criteria)  # the totals are known before any criterion is built
    # standard 7.5 + 4 = 11.5; bonus 1.5; total 13
    assert (score.standard, score.bonus, score.total) == (Fraction(23, 2), Fraction(3, 2), 13)
    first = score.criteria
    assert [(c.criterion, c.points, c.bonus) for c in first] == [("c1", Fraction(15, 2), Fraction(3, 2)), ("c2", 4, 0)]
    assert score.criteria is first
    again = score_of(ASSESSED, assessments=self_assessed(m.ScoreEntry("c1", "7.5", bonus="1.5"), m.ScoreEntry("c2", 4)))
    assert again == score  # equality reads the criteria of both
    other = score_of(ASSESSED, assessments=self_assessed(m.ScoreEntry("c1", "7.5", bonus="1.5"), m.ScoreEntry("c2", 5)))
    assert other != score


# -- one assessment, read in one pass ------------------------------------------------------

TENTHS = st.integers(0, 50).map(lambda n: Fraction(n, 10))  # 0.0 .. 5.0 points


@given(st.lists(st.tuples(TENTHS, st.none() | TENTHS), min_size=3, max_size=3))
def test_one_assessment_gives_the_sums_worked_out_by_hand(values):
    # three assessed criteria of 5 points, each with a bonus cap of 1; values in tenths
    criteria = tuple(m.Criterion(f"c{i}", f"c{i}", 5, m.Assessed(), bonus=1) for i in range(3))
    entries = tuple(
        m.ScoreEntry(f"c{i}", points, None if bonus is None else min(bonus, Fraction(1)))
        for i, (points, bonus) in enumerate(values)
    )
    one = score_of(criteria, assessments=self_assessed(*entries))
    standard = sum((p for p, _ in values), Fraction(0))
    bonus = sum((min(b, Fraction(1)) for _, b in values if b is not None), Fraction(0))
    assert (one.standard, one.bonus, one.total, one.stage) == (standard, bonus, standard + bonus, "tu-cham")
    assert [(c.criterion, c.points) for c in one.criteria] == [(f"c{i}", p) for i, (p, _) in enumerate(values)]
    # the same values confirmed at a second stage take the staged path: the same score
    confirmed = m.Assessment("cum-tham-dinh", tuple(attrs.evolve(e, reason="Giữ nguyên") for e in entries))
    two = score_of(criteria, assessments=(*self_assessed(*entries), confirmed))
    assert (two.standard, two.bonus, two.total, two.changes) == (one.standard, one.bonus, one.total, ())
    assert two.criteria == one.criteria


@given(
    st.lists(st.tuples(TENTHS, st.none() | TENTHS), min_size=3, max_size=3),
    st.lists(st.tuples(st.none() | TENTHS, st.none() | TENTHS), min_size=3, max_size=3),
    st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_a_second_stage_changes_the_sums_as_worked_out_by_hand(first, second, reviewed):
    # three assessed criteria of 5 points, bonus cap 1; a reviewer gives new points and/or a new
    # bonus for the criteria marked *reviewed* (None keeps the earlier value)
    criteria = tuple(m.Criterion(f"c{i}", f"c{i}", 5, m.Assessed(), bonus=1) for i in range(3))
    capped = [(p, None if b is None else min(b, Fraction(1))) for p, b in first]
    changes = [(p, None if b is None else min(b, Fraction(1))) for p, b in second]
    entries = tuple(m.ScoreEntry(f"c{i}", p, b) for i, (p, b) in enumerate(capped))
    later = tuple(m.ScoreEntry(f"c{i}", p, b, reason="Thẩm định") for i, (p, b) in enumerate(changes) if reviewed[i])
    review = m.Assessment("cum-tham-dinh", later)
    got = score_of(criteria, assessments=(*self_assessed(*entries), review))
    settled = [
        (p if not reviewed[i] or q is None else q, b if not reviewed[i] or c is None else c)
        for i, ((p, b), (q, c)) in enumerate(zip(capped, changes, strict=True))
    ]
    standard = sum((p for p, _ in settled), Fraction(0))
    bonus = sum((b for _, b in settled if b is not None), Fraction(0))
    assert (got.standard, got.bonus, got.total, got.stage) == (standard, bonus, standard + bonus, "cum-tham-dinh")
    assert [c.criterion for c in got.changes] == [f"c{i}" for i in range(3) if capped[i] != settled[i]]
    assert [(c.criterion, c.points) for c in got.criteria] == [(f"c{i}", p) for i, (p, _) in enumerate(settled)]


def test_an_earlier_stage_than_the_only_assessment_has_no_points():
    board = m.Assessment("cum-tham-dinh", (m.ScoreEntry("c1", 8), m.ScoreEntry("c2", 5)))
    rubric = score_rubric(ASSESSED)
    campaign = make_campaign(rubric=rubric, stages=STAGES, missing="not_met")
    results = make_results([row("xa-a", assessments=(board,))])
    assert thidua.evaluate(campaign, results).unit("xa-a").score.total == 13
    early = thidua.evaluate(campaign, results, stage="tu-cham").unit("xa-a").score
    # nothing assessed at self-assessment: both criteria missing, 0 points
    assert (early.total, early.stage) == (0, None)
    assert [step.code for c in early.criteria for step in c.trace] == ["missing", "missing"]


def test_a_criterion_given_twice_in_one_assessment_is_refused():
    twice = self_assessed(m.ScoreEntry("c1", 8), m.ScoreEntry("c2", 5), m.ScoreEntry("c1", 9))
    with pytest.raises(ModelError) as info:
        score_of(ASSESSED, assessments=twice)
    assert list(en(info.value.problems)) == [
        "units[0].assessments[0].scores[2].criterion: 'c1' is already given in scores[0]"
    ]


def test_a_bonus_without_points_leaves_the_criterion_missing():
    only_bonus = self_assessed(m.ScoreEntry("c1", bonus=1), m.ScoreEntry("c2", 5))
    s = score_of(ASSESSED, assessments=only_bonus, missing="not_met")
    # c1 has no points: missing, 0 points and its bonus dropped; c2 5: total 5
    assert (s.standard, s.bonus, s.total) == (5, 0, 5)
    assert [step.code for step in points_of(s, "c1").trace] == ["missing"]
    with pytest.raises(MissingInputError):
        score_of(ASSESSED, assessments=only_bonus)
