"""What each step of an explanation carries, and what a missing input says; values by hand.

The steps are what :mod:`thidua.l10n` turns into sentences and what programs read: their
codes and arguments are behaviour, as are the unit, rule and period an error names.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

import thidua
from engine_builders import (
    STAGES,
    commune_scale,
    hamlet_scale,
    make_campaign,
    make_results,
    row,
    score_rubric,
    scored,
)
from problem_text import en
from thidua import model as m
from thidua.engine import STEP_CODES, RankEntry, Ranking, Status, prepare
from thidua.errors import MissingInputError, RuleError


def steps(trace) -> list[tuple[str, dict[str, object]]]:
    return [(s.code, dict(s.args)) for s in trace]


def well_formed(ev) -> None:
    """Every step of every trace of *ev* has a known code and exactly that code's arguments.

    (A ``history_year`` step leaves out the arguments its form does not use.)
    """
    traces = []
    for u in ev.units:
        traces += [t.trace for t in u.targets] + [a.trace for a in u.awards] + [u.rating.trace]
        if u.score is not None:
            traces += [u.score.trace] + [c.trace for c in u.score.criteria]
    for c in ev.clusters:
        traces += [t.trace for t in c.targets]
    for trace in traces:
        for s in trace:
            assert s.code in STEP_CODES, s
            if s.code == "history_year":
                assert {"unit", "year", "met", "via"} <= set(s.args) <= set(STEP_CODES[s.code]), s
            else:
                assert tuple(s.args) == STEP_CODES[s.code], s


# -- a target's missing input under each policy ------------------------------------------------


COUNT = m.CountTarget("mo-hinh", "ít nhất 2 mô hình", "models", 2)


def count_eval(measures, *, missing="error", target=COUNT, **kw):
    campaign = make_campaign(targets=(target,), missing=missing, **kw)
    return thidua.evaluate(campaign, make_results([row("xa-a", measures=measures)]))


def test_missing_measure_under_error_names_the_unit_the_rule_and_the_year():
    with pytest.raises(MissingInputError) as info:
        count_eval({})
    e = info.value
    assert (e.unit_id, e.rule_id, e.period) == ("xa-a", "mo-hinh", "2022")
    assert e.message("en") == "the input measures.models of xa-a is missing (missing-input policy: error)"
    assert e.render("en") == f"unit 'xa-a', rule 'mo-hinh', year 2022: {e.message('en')}"


def test_missing_measure_under_not_met_and_exclude():
    t = count_eval({}, missing="not_met").target("xa-a", "mo-hinh")
    assert (t.target, t.subject, t.kind, t.status) == ("mo-hinh", "xa-a", "count", Status.NOT_MET)
    assert (t.numerator, t.denominator, t.share, t.threshold, t.shortfall) == (None, None, None, None, None)
    assert steps(t.trace) == [
        ("missing", {"what": "measures.models of xa-a", "policy": "not_met"}),
        ("verdict", {"met": False}),
    ]
    t = count_eval({}, missing="exclude").target("xa-a", "mo-hinh")
    assert (t.target, t.subject, t.kind, t.status) == ("mo-hinh", "xa-a", "count", Status.EXCLUDED)
    assert steps(t.trace) == [("missing", {"what": "measures.models of xa-a", "policy": "exclude"})]


def test_count_outcome_and_trace():
    t = count_eval({"models": "1.5"}).target("xa-a", "mo-hinh")
    # 1.5 < 2: not met, 0.5 short
    assert (t.subject, t.status, t.numerator, t.threshold, t.shortfall) == (
        "xa-a", Status.NOT_MET, Fraction(3, 2), 2, Fraction(1, 2)
    )  # fmt: skip
    assert steps(t.trace) == [
        ("count", {"measure": "models", "value": Fraction(3, 2), "threshold": 2}),
        ("verdict", {"met": False}),
    ]


def test_unrated_sub_unit_under_error_names_it():
    target = m.ShareTarget("t", "tốt", "hamlet", "htt", "75%", "all")
    campaign = make_campaign(targets=(target,), hamlets={"xa-a": 3})
    rows = [row("xa-a-ap-1", rating="htt"), row("xa-a-ap-3", rating="htt")]
    with pytest.raises(MissingInputError) as info:
        thidua.evaluate(campaign, make_results(rows))
    assert info.value.render("en") == (
        "unit 'xa-a-ap-2', rule 't', year 2022: no rating for xa-a-ap-2 (missing-input policy: error)"
    )


def test_several_unrated_sub_units_are_listed_together():
    target = m.ShareTarget("t", "tốt", "hamlet", "htt", "75%", "all")
    campaign = make_campaign(targets=(target,), hamlets={"xa-a": 3})
    with pytest.raises(MissingInputError) as info:
        thidua.evaluate(campaign, make_results([row("xa-a-ap-2", rating="htt")]))
    assert info.value.message("en") == "no rating for xa-a-ap-1, xa-a-ap-3 (missing-input policy: error)"
    assert info.value.unit_id == "xa-a-ap-1"


# -- deadlines, changes, formulas ---------------------------------------------------------------


def test_deadline_outcome_and_missing_date():
    target = m.DeadlineTarget("ngay-hoi", "ngày hội trước 18/11", "festival", dt.date(2022, 11, 18))
    campaign = make_campaign(targets=(target,), missing="not_met")
    ev = thidua.evaluate(campaign, make_results([row("xa-a", dates={"festival": dt.date(2022, 11, 19)})]))
    t = ev.target("xa-a", "ngay-hoi")
    assert (t.subject, t.kind, t.status, t.threshold) == ("xa-a", "deadline", Status.NOT_MET, dt.date(2022, 11, 18))
    assert steps(t.trace) == [
        ("deadline", {"event": "festival", "done": dt.date(2022, 11, 19), "by": dt.date(2022, 11, 18)}),
        ("verdict", {"met": False}),
    ]
    t = thidua.evaluate(campaign, make_results([row("xa-a")])).target("xa-a", "ngay-hoi")
    assert steps(t.trace)[0] == ("missing", {"what": "dates.festival of xa-a", "policy": "not_met"})


def test_change_outcome_and_trace():
    target = m.ChangeTarget("giam-ngheo", "giảm 1,5 điểm", "poor_rate", "poor_rate_start", "decrease", "1.5")
    campaign = make_campaign(targets=(target,))
    measures = {"poor_rate": "4.35", "poor_rate_start": "5.75"}
    t = thidua.evaluate(campaign, make_results([row("xa-a", measures=measures)])).target("xa-a", "giam-ngheo")
    # 5.75 - 4.35 = 1.4 < 1.5: 0.1 short
    assert (t.subject, t.status, t.numerator, t.threshold, t.shortfall) == (
        "xa-a", Status.NOT_MET, Fraction(7, 5), Fraction(3, 2), Fraction(1, 10)
    )  # fmt: skip
    assert steps(t.trace)[0] == (
        "change",
        {
            "measure": "poor_rate",
            "baseline": Fraction(23, 4),
            "value": Fraction(87, 20),
            "change": Fraction(7, 5),
            "direction": "decrease",
            "threshold": Fraction(3, 2),
        },
    )


def test_cluster_change_sums_the_members():
    target = m.ChangeTarget("tang", "tăng 10", "members_now", "members_start", "increase", 10, scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(target,))
    rows = [
        row("xa-a", measures={"members_now": 60, "members_start": 55}),
        row("xa-b", measures={"members_now": 40, "members_start": 35}),
    ]
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "tang")
    # (60 + 40) - (55 + 35) = 10 >= 10
    assert (t.subject, t.status, t.numerator, t.shortfall) == ("cum-1", Status.MET, 10, 0)


def test_cluster_formula_reads_the_members_measures_summed():
    target = m.FormulaTarget("quy", "quỹ cụm", "raised >= quota", scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), targets=(target,), missing="not_met")
    rows = [
        row("xa-a", measures={"raised": 30, "quota": 50}, flags={"ok": True}),
        row("xa-b", measures={"raised": 80, "quota": 50}),
        # xa-c has no row: it adds nothing
    ]
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "quy")
    # 30 + 80 = 110 >= 50 + 50 = 100
    assert (t.subject, t.kind, t.status) == ("cum-1", "formula", Status.MET)
    # the formula step carries the values it read: the members' measures summed
    assert steps(t.trace) == [
        ("formula", {"formula": "raised >= quota", "value": True, "inputs": (("quota", 100), ("raised", 110))}),
        ("verdict", {"met": True}),
    ]
    rows[1] = row("xa-b", measures={"raised": 60, "quota": 50})
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "quy")
    assert t.status is Status.NOT_MET  # 90 < 100


def test_cluster_formula_with_an_indicator_over_the_summed_measures():
    target = m.FormulaTarget("ty-le", "tỷ lệ cụm", "rate >= 1/2", scope="cluster")
    campaign = make_campaign(
        communes=("xa-a", "xa-b"), targets=(target,), indicators=(m.Indicator("rate", "lifted / poor"),)
    )
    rows = [row("xa-a", measures={"lifted": 1, "poor": 4}), row("xa-b", measures={"lifted": 4, "poor": 6})]
    # (1 + 4) / (4 + 6) = 1/2: met; averaging the members' rates (1/4, 2/3) would give 11/24
    assert thidua.evaluate(campaign, make_results(rows)).target("cum-1", "ty-le").met


def test_cluster_formula_sums_every_member_with_a_row_and_nothing_else():
    # xa-b, in the middle of the cluster, has no row: the sum goes on past it; 40 + 60 = 100 exactly
    target = m.FormulaTarget("quy", "quỹ cụm", "raised >= 100 and raised <= 100", scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), targets=(target,), missing="not_met")
    rows = [row("xa-a", measures={"raised": 40}), row("xa-c", measures={"raised": 60})]
    assert thidua.evaluate(campaign, make_results(rows)).target("cum-1", "quy").status is Status.MET


def test_cluster_formula_indicators_go_on_past_one_that_cannot_be_computed():
    target = m.FormulaTarget("ty-le", "tỷ lệ cụm", "rate >= 1/2", scope="cluster")
    indicators = (m.Indicator("unknown", "nothing_reported * 2"), m.Indicator("rate", "lifted / poor"))
    campaign = make_campaign(communes=("xa-a",), targets=(target,), indicators=indicators)
    rows = [row("xa-a", measures={"lifted": 1, "poor": 2})]
    assert thidua.evaluate(campaign, make_results(rows)).target("cum-1", "ty-le").status is Status.MET


def test_cluster_formula_missing_measure():
    target = m.FormulaTarget("quy", "quỹ cụm", "raised >= quota", scope="cluster")
    campaign = make_campaign(communes=("xa-a",), targets=(target,), missing="not_met")
    t = thidua.evaluate(campaign, make_results([row("xa-a", measures={"raised": 5})])).target("cum-1", "quy")
    assert (t.subject, t.status) == ("cum-1", Status.NOT_MET)
    assert steps(t.trace)[0] == ("missing", {"what": "measures.quota of cum-1", "policy": "not_met"})


# -- conditions ----------------------------------------------------------------------------------


def award_trace(conditions, *, flags=None, measures=None, missing="error", **kw):
    rule = m.AwardRule("r", "bang-khen", ("commune",), conditions)
    campaign, results = scored({"xa-a": 95, "xa-b": 80}, awards=(rule,), missing=missing, **kw)
    flags, measures = flags or {}, measures or {}
    units = [
        attrs.evolve(r, flags=flags.get(r.unit, {}), measures={**r.measures, **measures.get(r.unit, {})})
        for r in results.units
    ]
    ev = thidua.evaluate(campaign, attrs.evolve(results, units=tuple(units)))
    well_formed(ev)
    return {u.unit: next(a for a in u.awards if a.award == "r") for u in ev.units}


def test_missing_flag_condition_under_not_met_and_error():
    out = award_trace((m.Flag("model_unit"),), flags={"xa-b": {"model_unit": True}}, missing="not_met")
    assert (out["xa-a"].eligible, out["xa-b"].eligible) == (False, True)
    assert ("missing", {"what": "flags.model_unit", "policy": "not_met"}) in steps(out["xa-a"].trace)
    assert ("cond_flag", {"flag": "model_unit", "value": True}) in steps(out["xa-b"].trace)
    with pytest.raises(MissingInputError) as info:
        award_trace((m.Flag("model_unit"),))
    assert info.value.render("en") == (
        "unit 'xa-a', year 2022: the input flags.model_unit is missing (missing-input policy: error)"
    )


def test_formula_condition_missing_measure_and_trace():
    cond = m.WhenFormula("houses >= 5")
    out = award_trace((cond,), measures={"xa-b": {"houses": 5}}, missing="exclude")
    assert ("missing", {"what": "measures.houses", "policy": "exclude"}) in steps(out["xa-a"].trace)
    assert ("cond_formula", {"formula": "houses >= 5", "met": True, "inputs": (("houses", 5),)}) in steps(
        out["xa-b"].trace
    )
    with pytest.raises(MissingInputError) as info:
        award_trace((cond,), measures={"xa-b": {"houses": 5}})
    assert (info.value.unit_id, info.value.period) == ("xa-a", "2022")
    assert info.value.message("en") == "the input measures.houses is missing (missing-input policy: error)"


def test_formula_condition_giving_a_number_is_a_rule_error():
    with pytest.raises(RuleError) as info:
        award_trace((m.WhenFormula("houses + 1"),), measures={"xa-a": {"houses": 5}, "xa-b": {"houses": 5}})
    assert "the formula 'houses + 1' gives a number, not true or false" in info.value.render("en")


def test_measure_condition_trace():
    out = award_trace((m.MeasureAtLeast("houses", 5),), measures={"xa-a": {"houses": 5}, "xa-b": {"houses": "4.9"}})
    assert steps(out["xa-a"].trace)[0] == (
        "cond_measure", {"measure": "houses", "value": 5, "required": 5, "met": True}
    )  # fmt: skip
    assert steps(out["xa-b"].trace)[0] == (
        "cond_measure", {"measure": "houses", "value": Fraction(49, 10), "required": 5, "met": False}
    )  # fmt: skip


def test_head_condition_trace():
    out = award_trace((m.IsHead(),), heads={"cum-1": "xa-b"})
    assert steps(out["xa-b"].trace)[0] == ("cond_head", {"met": True, "clusters": ("cum-1",)})
    assert steps(out["xa-a"].trace)[0] == ("cond_head", {"met": False, "clusters": ()})


def test_head_condition_for_a_unit_in_no_cluster():
    # a signatory outside every cluster can be rated and rewarded, but heads no cluster
    rule = m.AwardRule("r", "bang-khen", ("commune",), (m.IsHead(),), within="campaign")
    campaign, results = scored({"xa-a": 95}, awards=(rule,), clusters={"cum-1": ("xa-a",)})
    extra = m.Unit("xa-z", "Xã Z", "commune", "tinh")
    campaign = attrs.evolve(campaign, units=(*campaign.units, extra))
    results = attrs.evolve(results, units=(*results.units, row("xa-z", measures={"score": 95})))
    ev = thidua.evaluate(campaign, results)
    award = ev.unit("xa-z").awards[0]
    assert (award.eligible, steps(award.trace)[0]) == (False, ("cond_head", {"met": False, "clusters": ()}))


def test_any_of_trace_lists_every_alternative_then_the_verdict():
    cond = m.AnyOf((m.MeasureAtLeast("houses", 10), m.IsHead()))
    out = award_trace((cond,), measures={"xa-a": {"houses": 3}, "xa-b": {"houses": 12}}, heads={"cum-1": "xa-a"})
    assert steps(out["xa-a"].trace)[:3] == [
        ("cond_measure", {"measure": "houses", "value": 3, "required": 10, "met": False}),
        ("cond_head", {"met": True, "clusters": ("cum-1",)}),
        ("cond_any", {"met": True}),
    ]
    assert steps(out["xa-b"].trace)[2] == ("cond_any", {"met": True})
    out = award_trace((cond,), measures={"xa-a": {"houses": 3}, "xa-b": {"houses": 3}})
    assert steps(out["xa-a"].trace)[2] == ("cond_any", {"met": False})
    assert out["xa-a"].eligible is False


def test_any_of_passes_the_ranking_group_to_a_rank_condition():
    # within the campaign, the rank is the level rank: xa-a 95 is 1st, xa-b 80 is 2nd
    rule = m.AwardRule("r", "bang-khen", ("commune",), (m.AnyOf((m.MaxRank(1),)),), within="campaign")
    clusters = {"cum-1": ("xa-a",), "cum-2": ("xa-b",)}
    campaign, results = scored({"xa-a": 95, "xa-b": 80}, awards=(rule,), clusters=clusters)
    ev = thidua.evaluate(campaign, results)
    # in its own cluster xa-b is 1st; in the level it is 2nd: the level decides
    b = ev.unit("xa-b").awards[0]
    assert b.eligible is False
    assert ("cond_rank", {"rank": 2, "required": 1, "met": False}) in steps(b.trace)


# -- criteria without points ---------------------------------------------------------------------


ASSESSED = (
    m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=2),
    m.Criterion("c2", "Báo cáo", 5, m.Assessed()),
)


def assessed_eval(entries, *, missing="error"):
    campaign = make_campaign(rubric=score_rubric(ASSESSED), stages=STAGES, missing=missing)
    rows = [row("xa-a", assessments=(m.Assessment("tu-cham", tuple(entries)),))]
    return thidua.evaluate(campaign, make_results(rows))


def test_criterion_without_points_under_error_names_it():
    with pytest.raises(MissingInputError) as info:
        assessed_eval([m.ScoreEntry("c1", 8)])
    assert info.value.render("en") == (
        "unit 'xa-a', rule 'c2', year 2022: no points given for the criterion 'c2' (missing-input policy: error)"
    )


def test_criterion_without_points_under_not_met_counts_zero_with_its_trace():
    s = assessed_eval([m.ScoreEntry("c1", 8, "1.5")], missing="not_met").unit("xa-a").score
    # c1: 8 and a bonus of 1.5; c2 missing: 0
    assert (s.standard, s.bonus, s.total) == (8, Fraction(3, 2), Fraction(19, 2))
    by_id = {c.criterion: c for c in s.criteria}
    assert (by_id["c1"].points, by_id["c1"].bonus, by_id["c2"].points) == (8, Fraction(3, 2), 0)
    assert steps(by_id["c2"].trace) == [("missing", {"what": "criterion c2", "policy": "not_met"})]


def test_computed_leaf_beside_a_criterion_without_points():
    criteria = (*ASSESSED, m.Criterion("diem", "Điểm", 10, m.PerOccurrence("score", 1)))
    campaign = make_campaign(rubric=score_rubric(criteria), stages=STAGES, missing="not_met")
    entries = (m.ScoreEntry("c1", 8),)
    rows = [row("xa-a", measures={"score": 4}, assessments=(m.Assessment("tu-cham", entries),))]
    s = thidua.evaluate(campaign, make_results(rows)).unit("xa-a").score
    # 8 + c2 missing 0 + 4 × 1 = 12
    assert (s.standard, s.total) == (12, 12)
    assert [c.points for c in s.criteria] == [8, 0, 4]


# -- history -------------------------------------------------------------------------------------


def history_eval(history, rule_cond, *, lineage="none", units=None, scales=None):
    rule = m.AwardRule("r", "bang-khen", ("commune",), (rule_cond,))
    campaign = make_campaign(
        year=2026,
        awards=(rule,),
        history_lineage=lineage,
        scales=scales or (hamlet_scale(), commune_scale(bands=False)),
        **({"unit_list": units, "clusters": {"cum-1": ("xa-c",)}} if units else {}),
    )
    unit = "xa-c" if units else "xa-a"
    ev = thidua.evaluate(campaign, make_results([row(unit, rating="htt")], year=2026), history=history)
    well_formed(ev)
    return ev.unit(unit).awards[0]


def test_streak_trace_year_by_year():
    history = m.History((m.HistoryRecord("xa-a", 2024, "htxs"), m.HistoryRecord("xa-a", 2025, "ht")))
    award = history_eval(history, m.GradeStreak("htt", 3))
    # 2024 htxs: yes; 2025 ht: no; 2026 (this year) htt: yes; the streak fails
    assert steps(award.trace)[:5] == [
        ("history_policy", {"policy": "none"}),
        ("history_year", {"unit": "xa-a", "year": 2024, "met": True, "via": ()}),
        ("history_year", {"unit": "xa-a", "year": 2025, "met": False, "via": ()}),
        ("history_year", {"unit": "xa-a", "year": 2026, "met": True, "via": ()}),
        ("cond_streak", {"grade": "htt", "years": 3, "met": False}),
    ]


def test_streak_with_a_year_missing_says_it_is_missing():
    history = m.History((m.HistoryRecord("xa-a", 2025, "htt"),))
    award = history_eval(history, m.GradeStreak("htt", 2, include_current=False))
    assert steps(award.trace)[1:4] == [
        ("history_year", {"unit": "xa-a", "year": 2024, "met": False, "via": (), "missing": True}),
        ("history_year", {"unit": "xa-a", "year": 2025, "met": True, "via": ()}),
        ("cond_streak", {"grade": "htt", "years": 2, "met": False}),
    ]


def test_a_past_record_without_a_grade_is_missing_for_a_streak():
    history = m.History((m.HistoryRecord("xa-a", 2025, None, ("cstd",)),))
    award = history_eval(history, m.GradeStreak("htt", 1, include_current=False))
    assert steps(award.trace)[1] == (
        "history_year", {"unit": "xa-a", "year": 2025, "met": False, "via": (), "missing": True}
    )  # fmt: skip


def test_title_count_trace_counts_each_year():
    history = m.History(
        (m.HistoryRecord("xa-a", 2023, "htt", ("cstd",)), m.HistoryRecord("xa-a", 2025, "htt", ("cstd",)))
    )
    award = history_eval(history, m.TitleCount("cstd", 2, 3))
    assert steps(award.trace)[:5] == [
        ("history_policy", {"policy": "none"}),
        ("history_year", {"unit": "xa-a", "year": 2023, "met": True, "via": ()}),
        ("history_year", {"unit": "xa-a", "year": 2024, "met": False, "via": (), "missing": True}),
        ("history_year", {"unit": "xa-a", "year": 2025, "met": True, "via": ()}),
        ("cond_titles", {"title": "cstd", "count": 2, "required": 2, "years": 3, "met": True}),
    ]


MERGED = (
    m.Unit("tinh", "Tỉnh Mẫu", "province"),
    m.Unit("xa-a", "Xã A", "commune", "tinh", valid_to=dt.date(2025, 6, 30)),
    m.Unit("xa-b", "Xã B", "commune", "tinh", valid_to=dt.date(2025, 6, 30)),
    m.Unit(
        "xa-c",
        "Xã C",
        "commune",
        "tinh",
        valid_from=dt.date(2025, 7, 1),
        lineage=(
            m.Lineage("merged_from", "xa-a", dt.date(2025, 7, 1)),
            m.Lineage("merged_from", "xa-b", dt.date(2025, 7, 1)),
        ),
    ),
)


def test_streak_through_predecessors_names_them_and_the_policy():
    history = m.History((m.HistoryRecord("xa-a", 2024, "htt"), m.HistoryRecord("xa-b", 2024, "ht")))
    streak = m.GradeStreak("htt", 2, include_current=False)
    award = history_eval(history, streak, lineage="any_predecessor", units=MERGED)
    # 2024: xa-a htt, xa-b ht: any predecessor is enough
    assert steps(award.trace)[1] == (
        "history_year",
        {"unit": "xa-c", "year": 2024, "met": True, "via": ("xa-a", "xa-b"), "policy": "any_predecessor"},
    )
    award = history_eval(history, streak, lineage="all_predecessors", units=MERGED)
    assert steps(award.trace)[1][1]["met"] is False
    # 2025: neither xa-c nor its predecessors have a record
    assert steps(award.trace)[2] == (
        "history_year",
        {"unit": "xa-c", "year": 2025, "met": False, "via": ("xa-a", "xa-b"), "policy": "all_predecessors"},
    )


def test_a_past_grade_of_another_scale_does_not_count():
    # "gioi" is a grade of the hamlets' scale, not of the communes': it is no "htt or better"
    other = m.RatingScale("cu", "Thang cũ", ("hamlet",), (m.Grade("gioi", "Giỏi"), m.Grade("kha", "Khá")))
    history = m.History((m.HistoryRecord("xa-a", 2025, "gioi"),))
    streak = m.GradeStreak("htt", 1, include_current=False)
    award = history_eval(history, streak, scales=(other, commune_scale(bands=False)))
    assert steps(award.trace)[1] == ("history_year", {"unit": "xa-a", "year": 2025, "met": False, "via": ()})
    assert award.eligible is False


def test_a_streak_for_a_level_without_a_scale_uses_the_scale_naming_the_grade():
    # the province has no scale of its own: "htt or better" is read on the scale that has htt
    rule = m.AwardRule(
        "r", "bang-khen", ("province",), (m.GradeStreak("htt", 2, include_current=False),), within="campaign"
    )
    campaign = make_campaign(year=2026, awards=(rule,), history_lineage="none", communes=("xa-a",))
    history = m.History((m.HistoryRecord("tinh", 2024, "htxs"), m.HistoryRecord("tinh", 2025, "ht")))
    ev = thidua.evaluate(campaign, make_results([row("tinh")], year=2026), history=history)
    award = ev.unit("tinh").awards[0]
    assert [s.args["met"] for s in award.trace if s.code == "history_year"] == [True, False]
    assert award.eligible is False


# -- small outcome helpers ------------------------------------------------------------------------


def test_ranking_is_tied():
    r = Ranking(
        "g",
        (
            RankEntry("a", 1, None, None),
            RankEntry("b", 2, None, None),
            RankEntry("c", 2, None, None),
            RankEntry("d", 4, None, None),
        ),
    )
    assert [r.is_tied(u) for u in "abcd"] == [False, True, True, False]
    assert r.is_tied("z") is False


def test_evaluation_target_not_evaluated_names_it():
    campaign, results = scored({"xa-a": 95})
    ev = thidua.evaluate(campaign, results)
    with pytest.raises(KeyError) as info:
        ev.target("xa-a", "khong-co")
    assert info.value.args == (("xa-a", "khong-co"),)


def test_descendants_at_a_level_with_none_is_an_empty_tuple():
    p = prepare(make_campaign(communes=("xa-a",), hamlets={"xa-a": 2}))
    assert p.descendants_at("xa-a", "hamlet") == ("xa-a-ap-1", "xa-a-ap-2")
    assert p.descendants_at("tinh", "hamlet") == ("xa-a-ap-1", "xa-a-ap-2")
    assert p.descendants_at("xa-a-ap-1", "hamlet") == ()
    assert p.descendants_at("xa-a", "commune") == ()


def test_a_tie_break_measure_missing_sorts_last_even_below_a_negative_value():
    campaign, results = scored({"xa-a": 90, "xa-b": 90, "xa-c": 90}, tie_breaks=("change",))
    units = (
        row("xa-a", measures={"score": 90, "change": -500}),
        row("xa-b", measures={"score": 90}),
        row("xa-c", measures={"score": 90, "change": 3}),
    )
    ranking = thidua.evaluate(campaign, attrs.evolve(results, units=units)).cluster("cum-1").ranking
    assert [(e.unit, e.rank) for e in ranking.entries] == [("xa-c", 1), ("xa-a", 2), ("xa-b", 3)]
    assert ranking.tie_breaks == ("change",)
    assert [e.keys for e in ranking.entries][:2] == [(3,), (-500,)]


def test_steps_of_a_rich_evaluation_are_well_formed(an_minh, an_minh_results):
    well_formed(thidua.evaluate(an_minh, an_minh_results))


def test_a_streak_is_read_on_the_unit_own_scale_not_the_first_naming_the_grade():
    # the hamlets' two-grade scale comes first and also names htt, but not htxs: a commune's past
    # htxs is "htt or better" on the communes' scale, which is the one that counts
    hamlets = m.RatingScale("ap", "Thang ấp", ("hamlet",), (m.Grade("htt", "Tốt"), m.Grade("ht", "Đạt")))
    history = m.History((m.HistoryRecord("xa-a", 2025, "htxs"),))
    streak = m.GradeStreak("htt", 1, include_current=False)
    award = history_eval(history, streak, scales=(hamlets, commune_scale(bands=False)))
    assert steps(award.trace)[1] == ("history_year", {"unit": "xa-a", "year": 2025, "met": True, "via": ()})
    assert award.eligible is True


def test_order_entries_compares_keys_beyond_float_precision():
    from thidua.engine._ranking import order_entries

    big = 2**60
    rows = [
        ((Fraction(1), Fraction(big, 3), Fraction(0)), "a", None, None),
        ((Fraction(1), Fraction(big + 1, 3), Fraction(0)), "b", None, None),
        ((Fraction(1), Fraction(big, 3), Fraction(1, 2)), "c", None, None),
    ]
    # b is 1/3 above a and c; a and c tie on the score, c is ahead on the tie-break
    assert [(e.unit, e.rank) for e in order_entries(rows)] == [("b", 1), ("c", 2), ("a", 3)]


def test_indicators_in_a_cycle_are_refused():
    campaign = make_campaign(indicators=(m.Indicator("a", "b + 1"), m.Indicator("b", "a * 2"), m.Indicator("c", "1")))
    with pytest.raises(thidua.ModelError) as info:
        prepare(campaign)
    assert en(info.value) == ("indicators[1].formula: indicators form a cycle: a → b → a",)
