"""Edge cases no other test pinned down, found by mutation testing (issue #24); values by hand.

Each test names the behaviour it pins. ``python scripts/mutation.py`` (docs/testing.md) finds
the mutants of the engine that no test kills; every one is either a behaviour tested here (or
next to its kind's tests) or listed, with the reason, in ``scripts/mutation_equivalents.toml``.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

import thidua
from engine_builders import (
    BANDS,
    GRADES,
    STAGES,
    commune_scale,
    counts,
    hamlet_scale,
    make_campaign,
    make_results,
    row,
    score_rubric,
    scored,
)
from thidua import model as m
from thidua.engine import Status
from thidua.errors import MissingInputError


def codes(trace) -> list[str]:
    return [s.code for s in trace]


# -- a cluster share with an unrated member commune under "not_met" ---------------------------


def cluster_share(missing: str, threshold: str = "100%"):
    target = m.ShareTarget("xa-tot", "xã tốt", "commune", "htt", threshold, "all", scope="cluster", missing=missing)
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), targets=(target,))
    campaign = attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale(bands=False)))
    rows = [row("xa-a", rating="htt"), row("xa-b", rating="htxs")]
    return thidua.evaluate(campaign, make_results(rows)).target("cum-1", "xa-tot")


def test_cluster_share_counts_an_unrated_commune_as_not_reaching_under_not_met():
    t = cluster_share("not_met")
    # xa-c has no rating: in the base, not in the numerator: 2 of 3 < 100%, one more needed
    assert (t.status, t.numerator, t.denominator, t.share, t.shortfall) == (Status.NOT_MET, 2, 3, Fraction(2, 3), 1)
    unrated = [s for s in t.trace if s.code == "unrated"]
    assert [s.args for s in unrated] == [{"units": ("xa-c",), "policy": "not_met"}]


def test_cluster_share_with_an_unrated_commune_under_not_met_can_still_be_met():
    # 2 of 3 = 66.7% >= 60%: met although xa-c counts as not reaching
    t = cluster_share("not_met", "60%")
    assert (t.status, t.numerator, t.denominator, t.shortfall) == (Status.MET, 2, 3, 0)
    # the same 2 over 3 is below 70%: 70% × 3 = 2.1, so 3 needed, one more
    t = cluster_share("not_met", "70%")
    assert (t.status, t.numerator, t.denominator, t.shortfall) == (Status.NOT_MET, 2, 3, 1)


# -- a MeasureAtLeast requirement on the top grade, the measure not reported -------------------


def top_grade_needing_a_fund(missing: str, measures: dict[str, object], **kw):
    scale = commune_scale(top_requires=(m.MeasureAtLeast("fund", 10),))
    campaign, results = scored(
        {"xa-a": 95}, scales=(hamlet_scale(), scale), missing=missing, measures={"xa-a": measures}, **kw
    )
    return thidua.evaluate(campaign, results).unit("xa-a").rating


def test_top_grade_requirement_on_a_measure_not_reported_fails_under_not_met():
    r = top_grade_needing_a_fund("not_met", {})
    # 95 is in the htxs band; "fund" is missing: the requirement fails, one grade down
    assert (r.grade, r.band_grade, r.source) == ("htt", "htxs", "computed")
    assert codes(r.trace) == ["band", "missing", "requirement_failed"]
    assert r.trace[1].args == {"what": "measures.fund", "policy": "not_met"}
    assert r.trace[2].args == {"from": "htxs", "to": "htt"}


def test_top_grade_requirement_on_a_true_false_value_is_missing():
    # an indicator giving true/false where a number is needed is no number: missing as well
    r = top_grade_needing_a_fund("exclude", {"raised": 12}, indicators=(m.Indicator("fund", "raised >= 10"),))
    assert r.grade == "htt"
    assert r.trace[1].args == {"what": "measures.fund", "policy": "exclude"}


def test_top_grade_requirement_on_a_measure_reported_keeps_the_grade():
    r = top_grade_needing_a_fund("not_met", {"fund": 10})
    # 10 >= 10: kept, and the trace shows the requirement holding is not listed (only failures are)
    assert (r.grade, codes(r.trace)) == ("htxs", ["band"])
    r = top_grade_needing_a_fund("not_met", {"fund": "9.99"})
    assert r.grade == "htt"
    assert r.trace[1].code == "cond_measure"
    assert r.trace[1].args["value"] == Fraction(999, 100)


def test_top_grade_requirement_on_a_measure_not_reported_is_an_error_under_error():
    with pytest.raises(MissingInputError) as info:
        top_grade_needing_a_fund("error", {})
    assert info.value.unit_id == "xa-a"
    assert "measures.fund" in str(info.value)


# -- a fully computed rubric for a unit with no results row ------------------------------------


def test_computed_rubric_scores_a_unit_with_no_results_row():
    # 10 points for the cluster head, 90 per occurrence of "score"
    criteria = (
        m.Criterion("truong-cum", "Cụm trưởng", 10, m.PassFail(m.IsHead())),
        m.Criterion("diem", "Điểm", 90, m.PerOccurrence("score", 1)),
    )
    campaign = make_campaign(
        communes=("xa-a", "xa-b"), rubric=score_rubric(criteria), heads={"cum-1": "xa-b"}, missing="not_met"
    )
    ev = thidua.evaluate(campaign, make_results([row("xa-a", measures={"score": 85})]))
    a, b = ev.unit("xa-a"), ev.unit("xa-b")
    # xa-a: not the head 0 + 85 = 85 (htt); xa-b, no row: head 10 + "score" missing 0 = 10 (kht)
    assert (a.score.standard, a.score.total, a.rating.grade) == (85, 85, "htt")
    assert (b.score.standard, b.score.total, b.rating.grade) == (10, 10, "kht")
    assert b.score.stage is None
    by_id = {c.criterion: c for c in b.score.criteria}
    assert (by_id["truong-cum"].points, by_id["diem"].points) == (10, 0)
    assert [s.args for s in by_id["diem"].trace] == [{"what": "score", "policy": "not_met"}]
    # the scores rank them, the unit without a row last
    assert [(e.unit, e.rank) for e in ev.cluster("cum-1").ranking.entries] == [("xa-a", 1), ("xa-b", 2)]


def test_computed_rubric_for_a_unit_with_no_results_row_under_error():
    criteria = (m.Criterion("diem", "Điểm", 100, m.PerOccurrence("score", 1)),)
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(criteria))
    with pytest.raises(MissingInputError) as info:
        thidua.evaluate(campaign, make_results([row("xa-a", measures={"score": 85})]))
    assert (info.value.unit_id, info.value.rule_id) == ("xa-b", "diem")


# -- a penalty with a fractional floor ----------------------------------------------------------


BASE = m.Criterion("co-ban", "Cơ bản", 10, m.PerOccurrence("base", 1))


def penalty_of(penalty: m.Penalty, late: object):
    rubric = score_rubric((BASE, m.Criterion("cham", "Chậm báo cáo", 0, penalty)))
    campaign = make_campaign(rubric=rubric)
    results = make_results([row("xa-a", measures={"base": 10, "late": late})])
    return thidua.evaluate(campaign, results).unit("xa-a").score


@pytest.mark.parametrize(
    ("late", "penalty"),
    [
        (0, 0),
        (1, -1),
        (2, -2),  # -2 is above the floor -2.5
        (3, Fraction(-5, 2)),  # -3 is below the floor: -2.5
        (10, Fraction(-5, 2)),
        ("5/2", Fraction(-5, 2)),  # exactly at the floor
        ("12/5", Fraction(-12, 5)),  # -2.4 is above it
    ],
)
def test_penalty_with_a_fractional_floor(late, penalty):
    s = penalty_of(m.Penalty("late", 1, "-2.5"), late)
    assert (s.standard, s.penalty, s.total) == (10, penalty, 10 + penalty)
    step = next(c for c in s.criteria if c.criterion == "cham").trace[0]
    assert (step.code, step.args["points"], step.args["floor"]) == ("penalty", penalty, Fraction(-5, 2))


@pytest.mark.parametrize(
    ("late", "penalty"),
    [
        (3, Fraction(-9, 4)),  # 3 × 3/4 = 2.25, above the floor -2.5
        (4, Fraction(-5, 2)),  # 4 × 3/4 = 3, below it
    ],
)
def test_penalty_with_a_fractional_each_and_floor(late, penalty):
    s = penalty_of(m.Penalty("late", "3/4", "-5/2"), late)
    assert (s.penalty, s.total) == (penalty, 10 + penalty)


# -- requirements and caps on the lowest grade -------------------------------------------------


def scale_with(requires: dict[str, tuple[m.Condition, ...]] | None = None, caps=()) -> m.RatingScale:
    grades = tuple(attrs.evolve(g, requires=(requires or {}).get(g.id, ())) for g in GRADES)
    return m.RatingScale("thang-xa", "Xếp loại xã", ("commune",), grades, bands=BANDS, caps=tuple(caps))


def rated(scores, scale, flags=None):
    campaign, results = scored(scores, scales=(hamlet_scale(), scale))
    if flags is not None:
        units = tuple(row(u, measures={"score": s}, flags=flags.get(u, {})) for u, s in scores.items())
        results = attrs.evolve(results, units=units)
    ev = thidua.evaluate(campaign, results)
    return {u.unit: u.rating for u in ev.units}


def test_failed_requirement_on_the_lowest_grade_keeps_the_lowest_grade():
    scale = scale_with({"kht": (m.Flag("reported"),)})
    r = rated({"xa-a": 40}, scale, flags={"xa-a": {"reported": False}})["xa-a"]
    # no grade below kht: the unit stays kht; the failed condition is shown, no fall
    assert (r.grade, r.band_grade) == ("kht", "kht")
    assert codes(r.trace) == ["band", "cond_flag"]


def test_failed_requirement_on_the_second_lowest_grade_falls_to_the_lowest():
    scale = scale_with({"ht": (m.Flag("reported"),)})
    ratings = rated({"xa-a": 60, "xa-b": 60}, scale, flags={"xa-a": {"reported": False}, "xa-b": {"reported": True}})
    r = ratings["xa-a"]
    # 60 is in the ht band; the flag is false: one grade down, to kht
    assert (r.grade, r.band_grade) == ("kht", "ht")
    assert codes(r.trace) == ["band", "cond_flag", "requirement_failed"]
    assert r.trace[2].args == {"from": "ht", "to": "kht"}
    assert (ratings["xa-b"].grade, codes(ratings["xa-b"].trace)) == ("ht", ["band"])


def test_failed_requirements_fall_grade_by_grade_until_one_holds():
    flag = (m.Flag("reported"),)
    scale = scale_with({"htxs": flag, "htt": flag, "ht": (m.Flag("visited"),)})
    r = rated({"xa-a": 95}, scale, flags={"xa-a": {"reported": False, "visited": True}})["xa-a"]
    # htxs and htt need "reported" (false): two falls; ht needs "visited" (true): ht
    assert r.grade == "ht"
    falls = [s.args for s in r.trace if s.code == "requirement_failed"]
    assert falls == [{"from": "htxs", "to": "htt"}, {"from": "htt", "to": "ht"}]


def test_cap_on_the_lowest_grade_never_raises_a_grade():
    # at most a third of the units rated kht or better may be kht: 1/3 × 3 = 1 allowed, 3 hold it.
    # There is no grade below kht: those cut stay kht (a cap lowers, it never raises).
    scale = scale_with(caps=(m.GradeCap("kht", "1/3", "kht"),))
    ratings = rated({"xa-a": 40, "xa-b": 30, "xa-c": 20}, scale)
    assert {u: r.grade for u, r in ratings.items()} == {"xa-a": "kht", "xa-b": "kht", "xa-c": "kht"}
    assert [u for u, r in ratings.items() if r.capped] == ["xa-b", "xa-c"]
    cut = next(s for s in ratings["xa-b"].trace if s.code == "cap_cut")
    assert (cut.args["allowed"], cut.args["holders"], cut.args["base"], cut.args["to"]) == (1, 3, 3, "kht")
    assert codes(ratings["xa-a"].trace) == ["band", "cap_kept"]


def test_cap_on_the_second_lowest_grade_lowers_to_the_lowest():
    # at most half of the 4 rated ht or better may be ht: 2 allowed, 3 hold it; the lowest score drops
    scale = scale_with(caps=(m.GradeCap("ht", "50%", "ht"),))
    ratings = rated({"xa-a": 95, "xa-b": 65, "xa-c": 60, "xa-d": 55}, scale)
    assert {u: r.grade for u, r in ratings.items()} == {"xa-a": "htxs", "xa-b": "ht", "xa-c": "ht", "xa-d": "kht"}
    cut = next(s for s in ratings["xa-d"].trace if s.code == "cap_cut")
    assert (cut.args["allowed"], cut.args["holders"], cut.args["base"], cut.args["to"]) == (2, 3, 4, "kht")


def test_cap_reached_exactly_cuts_nobody_and_adds_nothing_to_the_trace():
    # 10 rated good or better, 2 in the htxs band: 20% × 10 = 2 allowed, 2 hold it: the cap
    # does not bind; the ratings and their explanations are those without a cap
    scores = {f"xa-{i:02d}": (99 - i if i < 3 else 80) for i in range(1, 11)}
    ratings = rated(scores, commune_scale(caps=(m.GradeCap("htxs", "20%", "htt"),)))
    assert sorted(u for u, r in ratings.items() if r.grade == "htxs") == ["xa-01", "xa-02"]
    assert not any(r.capped for r in ratings.values())
    assert {u: codes(r.trace) for u, r in ratings.items()} == {u: ["band"] for u in scores}
    # one more in the band: 3 hold it, 2 allowed: now the cap binds and says so
    scores["xa-03"] = 97
    ratings = rated(scores, commune_scale(caps=(m.GradeCap("htxs", "20%", "htt"),)))
    assert codes(ratings["xa-01"].trace) == ["band", "cap_kept"]
    assert codes(ratings["xa-03"].trace) == ["band", "cap_cut"]


# -- ranking: a unit scored 0 against an unscored unit reporting the top grade ------------------


def test_a_unit_scored_zero_ranks_above_an_unscored_unit_reporting_the_top_grade():
    rubric = score_rubric((m.Criterion("c1", "Nội dung 1", 100, m.Assessed()),))
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=rubric, stages=STAGES)
    # rated and ranked on what they have (without the policy, xa-b has reached no stage: not ranked)
    campaign = attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale()), unreviewed="self_score")
    zero = m.Assessment("tu-cham", (m.ScoreEntry("c1", 0),))
    ev = thidua.evaluate(campaign, make_results([row("xa-a", assessments=(zero,)), row("xa-b", rating="htxs")]))
    a, b = ev.unit("xa-a"), ev.unit("xa-b")
    assert (a.score.total, a.rating.grade, a.rating.source) == (0, "kht", "computed")
    assert (b.score, b.rating.grade, b.rating.source) == (None, "htxs", "reported")
    # scored units come first, by score (0 is a score); then unscored ones by grade
    entries = ev.cluster("cum-1").ranking.entries
    assert [(e.unit, e.rank, e.score, e.grade) for e in entries] == [("xa-a", 1, 0, "kht"), ("xa-b", 2, None, "htxs")]


def test_unscored_units_rank_by_grade_below_scored_ones_and_unrated_last():
    rubric = score_rubric((m.Criterion("c1", "Nội dung 1", 100, m.Assessed()),))
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c", "xa-d"), rubric=rubric, stages=STAGES)
    campaign = attrs.evolve(
        campaign, scales=(hamlet_scale(), commune_scale()), missing="not_met", unreviewed="self_score"
    )
    given = m.Assessment("tu-cham", (m.ScoreEntry("c1", 30),))
    rows = [row("xa-a", rating="ht"), row("xa-b", assessments=(given,)), row("xa-c", rating="htt"), row("xa-d")]
    ranking = thidua.evaluate(campaign, make_results(rows)).cluster("cum-1").ranking
    # xa-b scored 30; then xa-c (htt) and xa-a (ht) by grade; xa-d gave no results at all: not ranked
    assert [(e.unit, e.rank) for e in ranking.entries] == [("xa-b", 1), ("xa-c", 2), ("xa-a", 3)]
    assert ranking.rank_of("xa-d") is None


# -- tie-breaks declared, an award over a level with no units ----------------------------------


def test_tie_breaks_and_an_award_over_a_level_with_no_units():
    # the campaign declares a tie-break; the award is given over the hamlet level, which has no unit
    rule = m.AwardRule("bk", "bang-khen", ("hamlet",), (m.MinGrade("htt"),), m.Quota(count=1), within="campaign")
    campaign, results = scored({"xa-a": 95, "xa-b": 95}, awards=(rule,), tie_breaks=("models",))
    results = attrs.evolve(
        results,
        units=(row("xa-a", measures={"score": 95, "models": 2}), row("xa-b", measures={"score": 95, "models": 3})),
    )
    ev = thidua.evaluate(campaign, results)
    rankings = {r.group: r for r in ev.rankings}
    assert rankings["level:hamlet"].entries == ()
    assert rankings["level:hamlet"].tie_breaks == ("models",)
    assert all(u.awards == () for u in ev.units)
    # the communes are ranked as usual: the tie at 95 broken by models, 3 before 2
    assert [(e.unit, e.rank) for e in rankings["level:commune"].entries] == [("xa-b", 1), ("xa-a", 2)]


def test_an_award_over_a_level_with_no_units_without_tie_breaks():
    rule = m.AwardRule("bk", "bang-khen", ("hamlet",), (), m.Quota(count=1), within="campaign")
    campaign, results = scored({"xa-a": 95}, awards=(rule,))
    ev = thidua.evaluate(campaign, results)
    assert {r.group: r.entries for r in ev.rankings}["level:hamlet"] == ()
    assert ev.unit("xa-a").awards == ()


# -- a member target that counts the signatory's own level -------------------------------------


def own_level_share(missing: str):
    # communes sign "80% of communes good or better": a commune has no communes below it
    target = m.ShareTarget("xa-tot", "xã tốt", "commune", "htt", "80%", "all", missing=missing)
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(target,))
    campaign = attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale(bands=False)))
    return thidua.evaluate(campaign, make_results([row("xa-a", rating="htxs"), row("xa-b", rating="ht")]))


def test_member_target_counting_the_signatory_own_level_is_missing_its_sub_units():
    ev = own_level_share("not_met")
    for unit in ("xa-a", "xa-b"):
        t = ev.target(unit, "xa-tot")
        # its own grade is not one of its sub-units: the input is missing, the policy decides
        assert (t.status, t.numerator, t.denominator) == (Status.NOT_MET, None, None)
        assert codes(t.trace) == ["missing", "verdict"]
        assert t.trace[0].args == {"what": f"counts.commune of {unit}", "policy": "not_met"}
    ev = own_level_share("exclude")
    assert ev.target("xa-a", "xa-tot").status is Status.EXCLUDED


def test_member_target_counting_the_signatory_own_level_is_an_error_under_error():
    with pytest.raises(MissingInputError) as info:
        own_level_share("error")
    assert "counts.commune of xa-" in str(info.value)


def test_member_target_counting_the_signatory_own_level_uses_counts_it_reports():
    target = m.ShareTarget("xa-tot", "xã tốt", "commune", "htt", "80%", "all")
    campaign = make_campaign(communes=("xa-a",), targets=(target,))
    campaign = attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale(bands=False)))
    reported = {"commune": {"htxs": 1, "htt": 3, "ht": 1}}  # of 5 communes: kht left out counts 0
    results = make_results([row("xa-a", rating="htt", counts=reported, totals={"commune": 5})])
    t = thidua.evaluate(campaign, results).target("xa-a", "xa-tot")
    # the counts it reports for the level decide: 4 of 5 = 80%
    assert (t.status, t.numerator, t.denominator) == (Status.MET, 4, 5)


# -- every criterion's points, bonus and maximum, groups included --------------------------------


def test_criteria_of_a_group_with_computed_and_assessed_leaves():
    group = m.Criterion(
        "nhom",
        "Nhóm",
        10,
        children=(
            m.Criterion("a", "a", 5, m.PerOccurrence("a", 1)),
            m.Criterion("b", "b", 5, m.Assessed(), bonus="1.5"),
            m.Criterion("ba", "ba", 0, m.Bonus("ba", 1), bonus=2),
        ),
        bonus=3,
    )
    other = m.Criterion("c", "c", 5, m.Assessed())
    campaign = make_campaign(rubric=score_rubric((group, other)), stages=STAGES)
    entries = (m.ScoreEntry("b", 4, "1.5"), m.ScoreEntry("c", 5))
    r = row("xa-a", measures={"a": 3, "ba": 2}, assessments=(m.Assessment("tu-cham", entries),))
    s = thidua.evaluate(campaign, make_results([r])).unit("xa-a").score
    # group: 3 + 4 = 7 points, bonuses 1.5 + 2 = 3.5 capped at 3; c: 5. Total 7 + 5 + 3 = 15
    assert (s.standard, s.bonus, s.total) == (12, 3, 15)
    got = [(c.criterion, c.points, c.bonus, c.maximum) for c in s.criteria]
    assert got == [
        ("nhom", 7, 3, 10),
        ("a", 3, 0, 5),
        ("b", 4, Fraction(3, 2), 5),
        ("ba", 0, 2, 0),
        ("c", 5, 0, 5),
    ]


def test_criteria_of_a_group_under_its_bonus_cap():
    group = m.Criterion(
        "nhom",
        "Nhóm",
        5,
        children=(
            m.Criterion("a", "a", 5, m.PerOccurrence("a", 1)),
            m.Criterion("ba", "ba", 0, m.Bonus("ba", 1), bonus=2),
        ),
        bonus=3,
    )
    campaign = make_campaign(rubric=score_rubric((group,)))
    s = thidua.evaluate(campaign, make_results([row("xa-a", measures={"a": 5, "ba": 1})])).unit("xa-a").score
    # the group's bonus 1 is under its cap 3: kept
    assert [(c.criterion, c.points, c.bonus, c.maximum) for c in s.criteria] == [
        ("nhom", 5, 1, 5), ("a", 5, 0, 5), ("ba", 0, 1, 0)
    ]  # fmt: skip


def test_a_penalty_criterion_shows_its_deduction_as_its_points():
    s = penalty_of(m.Penalty("late", 1, "-2.5"), 2)
    cham = next(c for c in s.criteria if c.criterion == "cham")
    assert (cham.points, cham.bonus, cham.maximum) == (-2, 0, 0)


def test_a_later_stage_may_give_a_criterion_the_first_left_out():
    criteria = (
        m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=2),
        m.Criterion("c2", "Báo cáo", 5, m.Assessed(), bonus=2),
    )
    campaign = make_campaign(rubric=score_rubric(criteria), stages=STAGES, missing="not_met")
    first = m.Assessment("tu-cham", (m.ScoreEntry("c1", 8),))

    def score(*later: m.ScoreEntry):
        r = row("xa-a", assessments=(first, m.Assessment("cum-tham-dinh", later)))
        return thidua.evaluate(campaign, make_results([r])).unit("xa-a").score

    # the reviewers give c2 its points: 8 + 4
    s = score(m.ScoreEntry("c2", 4, reason="Bổ sung"))
    assert (s.standard, s.bonus, s.total, s.stage) == (12, 0, 12, "cum-tham-dinh")
    # the reviewers give c2 a bonus only: c2 still has no points (0, its bonus not counted)
    s = score(m.ScoreEntry("c2", bonus=1, reason="Bổ sung"))
    assert (s.standard, s.bonus, s.total) == (8, 0, 8)
    c2 = next(c for c in s.criteria if c.criterion == "c2")
    assert [(st.code, dict(st.args)) for st in c2.trace] == [("missing", {"what": "criterion c2", "policy": "not_met"})]


def test_a_unit_lineage_is_listed_with_its_evaluation():
    from engine_builders import merger_years

    _, ev25 = merger_years()
    assert [(s.code, dict(s.args)) for s in ev25.unit("xa-bc").lineage] == [
        ("lineage", {"kind": "merged_from", "unit": "xa-b", "on": dt.date(2025, 1, 1)}),
        ("lineage", {"kind": "merged_from", "unit": "xa-c", "on": dt.date(2025, 1, 1)}),
    ]
    assert ev25.unit("xa-a").lineage == ()


# -- "none weak" over a cluster, and below a grade ----------------------------------------------


def test_zero_count_over_a_cluster_and_at_or_below_a_middle_grade():
    none_ht = m.ZeroCountTarget("khong-ht", "không có xã chỉ hoàn thành", "commune", "ht", scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c", "xa-d"), targets=(none_ht,))
    campaign = attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale(bands=False)))
    rows = [row("xa-a", rating="htxs"), row("xa-b", rating="ht"), row("xa-c", rating="kht"), row("xa-d", rating="htt")]
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "khong-ht")
    # ht or worse: xa-b (ht) and xa-c (kht): 2 too many
    assert (t.subject, t.kind, t.status, t.numerator, t.threshold, t.shortfall) == (
        "cum-1", "zero_count", Status.NOT_MET, 2, 0, 2
    )  # fmt: skip
    assert [(s.code, dict(s.args)) for s in t.trace] == [
        ("zero_count", {"count": 2, "level": "commune", "grade": "ht"}),
        ("verdict", {"met": False}),
    ]


# -- what the counts, measures and targets of a cluster read --------------------------------------


def test_cluster_share_over_hamlets_adds_the_members_reported_counts():
    target = m.ShareTarget("ap-tot", "ấp tốt", "hamlet", "htt", "2/3", "all", scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(target,))
    rows = [row("xa-a", counts=counts(0, 3, 1, 0)), row("xa-b", counts=counts(1, 0, 0, 1))]
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "ap-tot")
    # 3 + 1 good or better of 4 + 2 hamlets: 4/6 = 2/3, met
    assert (t.status, t.numerator, t.denominator) == (Status.MET, 4, 6)
    assert [s.args for s in t.trace if s.code == "counts_reported"] == [
        {"unit": "xa-a", "level": "hamlet"},
        {"unit": "xa-b", "level": "hamlet"},
    ]


def test_a_true_false_value_where_a_number_is_summed_is_missing():
    target = m.CountTarget("dat", "đạt", "ok", 1, scope="cluster")
    indicators = (m.Indicator("ok", "x >= 1"),)
    campaign = make_campaign(communes=("xa-a",), targets=(target,), indicators=indicators, missing="not_met")
    t = thidua.evaluate(campaign, make_results([row("xa-a", measures={"x": 2})])).target("cum-1", "dat")
    assert t.status is Status.NOT_MET
    assert t.trace[0].args == {"what": "measures.ok of xa-a (a true/false value, not a number)", "policy": "not_met"}
    member = m.CountTarget("dat", "đạt", "ok", 1)
    campaign = make_campaign(communes=("xa-a",), targets=(member,), indicators=indicators, missing="not_met")
    t = thidua.evaluate(campaign, make_results([row("xa-a", measures={"x": 2})])).target("xa-a", "dat")
    assert t.trace[0].args == {"what": "measures.ok of xa-a (a true/false value, not a number)", "policy": "not_met"}


def test_of_which_under_an_excluded_parent_is_missing_too():
    good = m.ShareTarget("tot", "tốt", "hamlet", "htt", "80%", "all")
    exc = m.OfWhichTarget("xs", "trong đó xuất sắc", "tot", "htxs", "30%", "parent")
    campaign = make_campaign(targets=(good, exc), missing="exclude")
    ev = thidua.evaluate(campaign, make_results([row("xa-a")]))  # no hamlet counts, no hamlets
    assert ev.target("xa-a", "tot").status is Status.EXCLUDED
    t = ev.target("xa-a", "xs")
    assert (t.status, [s.args for s in t.trace]) == (
        Status.EXCLUDED,
        [{"what": "target tot (excluded)", "policy": "exclude"}],
    )


def test_a_member_may_need_its_cluster_target():
    cluster_target = m.CountTarget("quy", "quỹ cụm", "fund", 100, scope="cluster")
    rule = m.AwardRule("r", "bang-khen", ("commune",), (m.TargetMet("quy"),))
    campaign, results = scored({"xa-a": 95, "xa-b": 90}, targets=(cluster_target,), awards=(rule,), measures={
        "xa-a": {"fund": 60}, "xa-b": {"fund": 40}
    })  # fmt: skip
    ev = thidua.evaluate(campaign, results)
    # 60 + 40 = 100 >= 100: the cluster met it, so each member does
    assert [(u.unit, u.awards[0].eligible) for u in ev.units] == [("xa-a", True), ("xa-b", True)]
    assert ("cond_target", {"target": "quy", "met": True}) in [
        (s.code, dict(s.args)) for s in ev.unit("xa-a").awards[0].trace
    ]


def test_a_unit_indicator_goes_on_past_one_that_cannot_be_computed():
    target = m.FormulaTarget("ty-le", "tỷ lệ", "rate >= 1/2")
    indicators = (m.Indicator("unknown", "nothing_reported * 2"), m.Indicator("rate", "lifted / poor"))
    campaign = make_campaign(targets=(target,), indicators=indicators)
    ev = thidua.evaluate(campaign, make_results([row("xa-a", measures={"lifted": 1, "poor": 2})]))
    assert ev.target("xa-a", "ty-le").status is Status.MET


# -- scores: steps, penalties and stages with a criterion left without points ------------------


def test_step_table_and_penalty_with_their_measure_missing():
    steps = m.Criterion("buoc", "Bậc", 6, m.StepTable("models", (m.StepRow(1, 3), m.StepRow(3, 6))))
    penalty = m.Criterion("cham", "Chậm", 0, m.Penalty("late", 1, -5))
    campaign = make_campaign(rubric=score_rubric((BASE, steps, penalty)), missing="not_met")
    s = thidua.evaluate(campaign, make_results([row("xa-a", measures={"base": 10})])).unit("xa-a").score
    assert (s.standard, s.penalty, s.total) == (10, 0, 10)
    by_id = {c.criterion: c for c in s.criteria}
    assert [st.args for st in by_id["buoc"].trace] == [{"what": "models", "policy": "not_met"}]
    assert [st.args for st in by_id["cham"].trace] == [{"what": "late", "policy": "not_met"}]


@pytest.mark.parametrize(("models", "points", "reached"), [(0, 0, None), (1, 3, 1), (2, 3, 1), (3, 6, 3), (9, 6, 3)])
def test_step_table_trace(models, points, reached):
    steps = m.Criterion("buoc", "Bậc", 6, m.StepTable("models", (m.StepRow(1, 3), m.StepRow(3, 6))))
    campaign = make_campaign(rubric=score_rubric((steps,)))
    s = thidua.evaluate(campaign, make_results([row("xa-a", measures={"models": models})])).unit("xa-a").score
    (c,) = s.criteria
    assert (c.points, [(st.code, dict(st.args)) for st in c.trace]) == (
        points, [("step_table", {"value": models, "step": reached, "points": points, "measure": "models"})]
    )  # fmt: skip


def test_a_first_stage_with_a_criterion_without_points_is_settled_stage_by_stage():
    criteria = (
        m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=2),
        m.Criterion("c2", "Báo cáo", 5, m.Assessed(), bonus=2),
    )
    campaign = make_campaign(rubric=score_rubric(criteria), stages=STAGES)
    first = m.Assessment("tu-cham", (m.ScoreEntry("c1", 8), m.ScoreEntry("c2", bonus=1)))
    review = m.Assessment("cum-tham-dinh", (m.ScoreEntry("c2", 4, reason="Bổ sung"),))
    s = thidua.evaluate(campaign, make_results([row("xa-a", assessments=(first, review))])).unit("xa-a").score
    # c1 8; c2 4 from the review with the bonus 1 of the first stage
    assert (s.standard, s.bonus, s.total, s.stage) == (12, 1, 13, "cum-tham-dinh")
    assert [(c.criterion, c.points, c.bonus) for c in s.criteria] == [("c1", 8, 0), ("c2", 4, 1)]


def test_a_score_outside_every_band_has_no_grade():
    bands = (m.Band.from_range("htxs", "90+"), m.Band.from_range("htt", "50-89"))
    scale = attrs.evolve(commune_scale(), bands=bands)
    campaign, results = scored({"xa-a": 40}, scales=(hamlet_scale(), scale))
    r = thidua.evaluate(campaign, results).unit("xa-a").rating
    assert (r.grade, r.source, r.band_grade) == (None, "computed", None)
    assert [(s.code, dict(s.args)) for s in r.trace] == [("no_band", {"score": 40})]


# -- fund quotas over a cluster, and a quota of nothing --------------------------------------------


def test_cluster_fund_quota_sums_the_members_amounts_and_quotas():
    target = m.QuotaTarget("quy", "Quỹ Vì người nghèo", "fund_raised", quota_measure="fund_quota", scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(target,))
    rows = [
        row("xa-a", measures={"fund_raised": 150_000_000, "fund_quota": 100_000_000}),
        row("xa-b", measures={"fund_raised": 40_000_000, "fund_quota": 100_000_000}),
    ]
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "quy")
    # 190 of 200 million: 10 million short, 95%
    assert (t.subject, t.status, t.numerator, t.denominator, t.share, t.threshold, t.shortfall) == (
        "cum-1", Status.NOT_MET, 190_000_000, 200_000_000, Fraction(19, 20), 200_000_000, 10_000_000
    )  # fmt: skip
    assert [(s.code, dict(s.args)) for s in t.trace] == [
        ("quota", {"measure": "fund_raised", "raised": 190_000_000, "quota": 200_000_000}),
        ("verdict", {"met": False}),
    ]


def test_a_fund_quota_of_nothing_is_refused_never_met_nor_missing():
    # issue 20: a quota is an amount above 0 đồng; 0 is refused at its path before evaluating
    target = m.QuotaTarget("quy", "Quỹ", "fund_raised", quota_measure="fund_quota")
    campaign = make_campaign(targets=(target,))
    with pytest.raises(thidua.errors.ModelError) as info:
        thidua.evaluate(campaign, make_results([row("xa-a", measures={"fund_raised": 0, "fund_quota": 0})]))
    assert [(p.path, p.code) for p in info.value.problems] == [("units[0].measures.fund_quota", "quota-not-positive")]


def test_a_cluster_measure_is_the_sum_over_its_members_even_for_a_constant_indicator():
    # "five" is 5 for each member: 10 for the cluster of two, never the cluster's own 5
    target = m.CountTarget("muoi", "ít nhất 10", "five", 10, scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(target,), indicators=(m.Indicator("five", "5"),))
    t = thidua.evaluate(campaign, make_results([row("xa-a"), row("xa-b")])).target("cum-1", "muoi")
    assert (t.status, t.numerator) == (Status.MET, 10)


def test_a_unit_in_no_cluster_needing_a_cluster_target_does_not_meet_it():
    cluster_target = m.CountTarget("quy", "quỹ cụm", "fund", 100, scope="cluster")
    rule = m.AwardRule("r", "bang-khen", ("commune",), (m.TargetMet("quy"),), within="campaign")
    outside = m.Unit("xa-z", "Xã Z", "commune", "tinh")
    measures = {"xa-a": {"fund": 100}}
    campaign, results = scored(
        {"xa-a": 95}, targets=(cluster_target,), awards=(rule,), measures=measures, extra_units=(outside,)
    )
    results = attrs.evolve(results, units=(*results.units, row("xa-z", measures={"score": 95, "fund": 500})))
    ev = thidua.evaluate(campaign, results)
    assert [(u.unit, u.awards[0].eligible) for u in ev.units] == [("xa-a", True), ("xa-z", False)]
    trace = [(s.code, dict(s.args)) for s in ev.unit("xa-z").awards[0].trace]
    assert trace[0] == ("cond_target", {"target": "quy", "met": False})


def test_a_unit_that_did_not_sign_a_target_has_none_and_does_not_meet_it():
    # xa-a's targets, decided together, are the dict the run keeps for it: the award's condition on
    # "quy" reads them; xa-b signed nothing, has no targets and does not meet "quy"
    quy = m.CountTarget("quy", "quỹ", "fund", 100)
    rule = m.AwardRule("r", "bang-khen", ("commune",), (m.TargetMet("quy"),))
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(quy,), signatories=("xa-a",), awards=(rule,))
    results = make_results([row("xa-a", measures={"fund": 100}), row("xa-b", measures={"fund": 150})])
    ev = thidua.evaluate(campaign, results)
    communes = [u for u in ev.units if u.level == "commune"]
    assert [(u.unit, [t.target for t in u.targets], u.awards[0].eligible) for u in communes] == [
        ("xa-a", ["quy"], True),
        ("xa-b", [], False),
    ]
