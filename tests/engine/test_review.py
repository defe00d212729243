"""Status-aware evaluation, criteria that come and go, caps and quotas that name who they are about."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import thidua
from engine_builders import STAGES, commune_scale, make_campaign, make_results, row, score_rubric
from thidua import model as m
from thidua.engine import Session
from thidua.l10n import explain_cluster, explain_unit, format_step

SE = m.ScoreEntry
CRITERIA = (
    m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=2),
    m.Criterion("c2", "Kế hoạch", 10, m.Assessed()),
    m.Criterion("c3", "Báo cáo", 5, m.Assessed()),
)


def assessed(*stages_scores):
    return tuple(m.Assessment(stage, scores) for stage, scores in stages_scores)


# -- the bonus a later stage leaves out ----------------------------------------------------------


def test_a_list_of_changes_keeps_a_left_out_bonus_and_a_complete_set_clears_it():
    campaign = make_campaign(communes=("xa-a",), rubric=score_rubric(CRITERIA), stages=STAGES)
    first = ("tu-cham", (SE("c1", 9, 2), SE("c2", 8), SE("c3", 5)))  # 22 + 2
    keep = assessed(first, ("cum-tham-dinh", (SE("c1", 8, reason="Thiếu minh chứng"),)))
    clear = attrs.evolve(
        assessed(first, ("cum-tham-dinh", ()))[1],
        scores=(SE("c1", 8, reason="Thiếu minh chứng"), SE("c2", 8), SE("c3", 5)),
        complete=True,
    )
    kept = thidua.evaluate(campaign, make_results([row("xa-a", assessments=keep)])).unit("xa-a").score
    assert (kept.standard, kept.bonus, kept.total) == (21, 2, 23)  # 8 + 8 + 5, bonus 2 kept
    results = make_results([row("xa-a", assessments=(assessed(first)[0], clear))])
    cleared = thidua.evaluate(campaign, results).unit("xa-a").score
    assert (cleared.standard, cleared.bonus, cleared.total) == (21, 0, 21)  # the complete set has no bonus
    # ... and "bonus: 0" in a list of changes clears it too
    zero = assessed(first, ("cum-tham-dinh", (SE("c1", bonus=0, reason="Sáng kiến chưa được công nhận"),)))
    s = thidua.evaluate(campaign, make_results([row("xa-a", assessments=zero)])).unit("xa-a").score
    assert (s.standard, s.bonus) == (22, 0)


# -- units not yet reviewed, counted nowhere -------------------------------------------------------


#: a 100-point rubric, so that the bands (90+ htxs, 70–89 htt, 50–69 ht, below 50 kht) apply
CRITERIA_100 = (
    m.Criterion("c1", "Ngày hội", 40, m.Assessed(), bonus=2),
    m.Criterion("c2", "Kế hoạch", 40, m.Assessed()),
    m.Criterion("c3", "Báo cáo", 20, m.Assessed()),
)


def _share_campaign(**kwargs):
    # a cluster-wide target over the members' own grades: at least 50% rated htt or better
    target = m.ShareTarget("xa-tot", "Xã tốt trở lên", "commune", "htt", "50%", "all", scope="cluster")
    return make_campaign(
        communes=("xa-a", "xa-b", "xa-c"),
        rubric=score_rubric(CRITERIA_100),
        stages=STAGES,
        targets=(target,),
        **kwargs,
    )


def test_a_unit_not_yet_reviewed_is_left_out_of_the_grade_counts():
    campaign = _share_campaign()
    self_only = assessed(("tu-cham", (SE("c1", 40), SE("c2", 40), SE("c3", 20))))  # 100: htxs if counted
    # 20 + 20 + 10 = 50: ht; the cluster's review changed nothing
    reviewed = assessed(("tu-cham", (SE("c1", 20), SE("c2", 20), SE("c3", 10))), ("cum-tham-dinh", ()))
    results = make_results(
        [row("xa-a", assessments=self_only), row("xa-b", assessments=reviewed), row("xa-c", assessments=reviewed)]
    )
    ev = thidua.evaluate(campaign, results, stage="cum-tham-dinh")
    target = ev.target("cum-1", "xa-tot")
    # xa-a has only its self-assessment: not counted; 0 of the 2 reviewed are htt or better
    assert (target.numerator, target.denominator, target.met) == (0, 2, False)
    assert [u for s in target.trace if s.code == "left_out_unreviewed" for u in s.args["units"]] == ["xa-a"]
    assert ev.unit("xa-a").rating.source == "not_reviewed"
    # under "self_score", xa-a counts on its 25 points (htxs): 1 of 3
    other = thidua.evaluate(attrs.evolve(campaign, unreviewed="self_score"), results, stage="cum-tham-dinh")
    t = other.target("cum-1", "xa-tot")
    assert (t.numerator, t.denominator) == (1, 3)


def test_a_unit_without_results_is_not_ranked_rather_than_last_and_tied():
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), rubric=score_rubric(CRITERIA), stages=STAGES)
    full = assessed(("tu-cham", (SE("c1", 9), SE("c2", 9), SE("c3", 5))))
    ev = thidua.evaluate(campaign, make_results([row("xa-a", assessments=full), row("xa-b", assessments=full)]))
    ranking = ev.cluster("cum-1").ranking
    assert [(e.unit, e.rank) for e in ranking.entries] == [("xa-a", 1), ("xa-b", 1)]
    assert ranking.rank_of("xa-c") is None
    lines = explain_unit(ev, "xa-c", campaign=campaign, locale="en")
    assert "Not yet ranked in Cụm cum-1: not yet reviewed at the stage “Tự chấm điểm”" in lines
    # the two that share the place say with whom and at what value (9 + 9 + 5 = 23)
    assert "Ranked 1st of the 2 units of Cụm cum-1, tied with Xã xa-b at 23 points" in explain_unit(
        ev, "xa-a", campaign=campaign, locale="en"
    )
    assert "Xếp thứ nhất trong 2 đơn vị của Cụm cum-1, đồng hạng với xã xa-a (cùng 23 điểm)" in explain_unit(
        ev, "xa-b", campaign=campaign, locale="vi"
    )


# -- withdrawn criteria --------------------------------------------------------------------------


def test_a_withdrawn_criterion_keeps_its_scores_but_does_not_count():
    withdrawn = m.Criterion("c3", "Báo cáo", 5, m.Assessed(), withdrawn=m.Withdrawal(dt.date(2022, 7, 1), "Bỏ"))
    rubric = score_rubric((*CRITERIA[:2], withdrawn))
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=rubric, stages=STAGES)
    with_old = assessed(("tu-cham", (SE("c1", 9, 1), SE("c2", 8), SE("c3", 4))))  # c3 given before the withdrawal
    without = assessed(("tu-cham", (SE("c1", 9, 1), SE("c2", 8))))
    ev = thidua.evaluate(campaign, make_results([row("xa-a", assessments=with_old), row("xa-b", assessments=without)]))
    for unit in ("xa-a", "xa-b"):
        s = ev.unit(unit).score
        # 9 + 8 = 17 (c3's 4 not counted), bonus 1; the maximum leaves c3's 5 points out: 20
        assert (s.standard, s.bonus, s.total, s.maximum) == (17, 1, 18, 20), unit
    c3 = next(c for c in ev.unit("xa-a").score.criteria if c.criterion == "c3")
    assert (c3.counted, c3.points, c3.maximum) == (False, 0, 0)
    assert c3.trace[0].args == {"on": dt.date(2022, 7, 1), "reason": "Bỏ", "points": 4}
    lines = explain_unit(ev, "xa-a", campaign=campaign, locale="en")
    assert "“Báo cáo”: withdrawn. Withdrawn on 1 July 2022; reason: Bỏ; the 4 points given are kept, not counted" in (
        lines
    )
    # validation accepts the old score and does not ask for the withdrawn criterion in a complete set
    complete = assessed(("tu-cham", (SE("c1", 9), SE("c2", 8))), ("cum-tham-dinh", (SE("c1", 9), SE("c2", 8))))
    complete = (complete[0], attrs.evolve(complete[1], complete=True))
    assert m.validate_results(campaign, make_results([row("xa-a", assessments=complete)])) == []


# -- caps over reported grades: a check, not a cut ---------------------------------------------------


def _reported_campaign():
    cap = m.GradeCap("htxs", "1/3", "htt")
    return make_campaign(
        communes=("xa-a", "xa-b", "xa-c"),
        scales=(commune_scale(bands=False, caps=(cap,)),),
    )


def test_a_cap_over_reported_grades_lowers_no_one_and_is_a_conflict_of_the_decision():
    campaign = _reported_campaign()
    results = make_results(
        [row("xa-a", rating="htxs"), row("xa-b", rating="htxs"), row("xa-c", rating="htt")],
        decisions=[m.Decision("cum-1", order=("xa-a", "xa-b", "xa-c"))],
    )
    ev = thidua.evaluate(campaign, results)
    # at most 1/3 of the 3 rated htt or better may be htxs: 1; two were, and no score orders them
    assert [ev.unit(u).rating.grade for u in ("xa-a", "xa-b", "xa-c")] == ["htxs", "htxs", "htt"]
    assert not ev.unit("xa-a").rating.capped
    step = ev.unit("xa-a").rating.trace[-1]
    assert (step.code, step.args["allowed"], step.args["units"]) == ("cap_unordered", 1, ("xa-a", "xa-b"))
    text = format_step(step, campaign=campaign, locale="en")
    assert "by score" not in text
    assert "No score orders them (their grades were reported), so no grade is lowered" in text
    conflict = next(c for c in ev.cluster("cum-1").conflicts if c.code == "cap_exceeded")
    assert (conflict.severity, conflict.args) == (
        "error",
        {"grade": "htxs", "allowed": 1, "units": ("xa-a", "xa-b"), "group": "cum-1"},
    )
    assert explain_cluster(ev, "cum-1", campaign=campaign, locale="vi")[-1] == (
        "Lỗi: Có 2 đơn vị xếp loại “Hoàn thành xuất sắc nhiệm vụ” (xã xa-a và xã xa-b), vượt số 1 đơn vị mà giới "
        "hạn cho phép trong Cụm cum-1; không có điểm để xếp thứ tự, nên hội nghị quyết định đơn vị nào giữ mức "
        "xếp loại này."
    )


def test_a_cap_cut_names_the_units_tied_at_the_cut_and_their_score():
    cap = m.GradeCap("htxs", "1/3", "htt")
    campaign = make_campaign(
        communes=("xa-a", "xa-b", "xa-c"), scales=(commune_scale(caps=(cap,)),), rubric=score_rubric()
    )
    results = make_results(
        [row("xa-a", measures={"score": 95}), row("xa-b", measures={"score": 95}), row("xa-c", measures={"score": 80})]
    )
    ev = thidua.evaluate(campaign, results)
    # 1 allowed, two tied at 95 at the cut: both are cut, each names the other
    for unit, other in (("xa-a", "xa-b"), ("xa-b", "xa-a")):
        step = ev.unit(unit).rating.trace[-1]
        assert (step.code, step.args["tied"], step.args["value"]) == ("cap_cut", (other,), 95)
    text = format_step(ev.unit("xa-a").rating.trace[-1], campaign=campaign, locale="en")
    assert text.endswith("; tied at the cut at 95 points with Xã xa-b")


def test_an_award_tie_at_the_cut_names_who_and_at_what_value():
    flag = m.AwardRule("co", "co-thi-dua", ("commune",), quota=m.Quota(count=1))
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), rubric=score_rubric(), awards=(flag,))
    results = make_results([row(u, measures={"score": s}) for u, s in (("xa-a", 95), ("xa-b", 95), ("xa-c", 80))])
    ev = thidua.evaluate(campaign, results)
    outcome = next(a for a in ev.unit("xa-b").awards if a.award == "co")
    step = next(s for s in outcome.trace if s.code == "award_quota")
    assert (step.args["tied"], step.args["tied_with"], step.args["value"]) == (True, ("xa-a",), 95)
    assert format_step(step, campaign=campaign, locale="en").endswith("; tied at 95 points with Xã xa-a")
    assert format_step(step, campaign=campaign, locale="vi").endswith("; bằng 95 điểm với xã xa-a")


def test_a_unit_in_two_clusters_over_a_campaign_quota_names_every_unit_and_cluster():
    flag = m.AwardRule("co", "co-thi-dua", ("commune",), quota=m.Quota(count=1), within="campaign")
    campaign = make_campaign(
        communes=("xa-a", "xa-b", "xa-c"),
        clusters={"cum-1": ("xa-a", "xa-b"), "cum-2": ("xa-c",)},
        rubric=score_rubric(),
        awards=(flag,),
    )
    results = make_results(
        [row(u, measures={"score": 95}) for u in ("xa-a", "xa-b", "xa-c")],
        decisions=[
            m.Decision("cum-1", proposals=(m.Proposal("xa-a", "co"),)),
            m.Decision("cum-2", proposals=(m.Proposal("xa-c", "co"),)),
        ],
    )
    ev = thidua.evaluate(campaign, results)
    for cluster in ("cum-1", "cum-2"):
        over = next(c for c in ev.cluster(cluster).conflicts if c.code == "over_quota")
        assert (over.args["units"], over.args["clusters"]) == (("xa-a", "xa-c"), ("cum-1", "cum-2"))
    line = explain_cluster(ev, "cum-2", campaign=campaign, locale="en")[-1]
    assert line == (
        "Error: 2 units are proposed for “Cờ thi đua”, more than the 1 allowed: Xã xa-a and Xã xa-c, "
        "proposed by Cụm cum-1 and Cụm cum-2."
    )


# -- a session updates a unit through the chain --------------------------------------------------------


def test_a_session_follows_a_unit_through_the_chain_like_a_full_evaluation():
    chain = tuple(attrs.evolve(s, actions=("approve", "send_back", "publish")) for s in STAGES)
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(CRITERIA), stages=chain)
    self_a = assessed(("tu-cham", (SE("c1", 9), SE("c2", 9), SE("c3", 5))))
    self_b = assessed(("tu-cham", (SE("c1", 10), SE("c2", 10), SE("c3", 5))))
    submitted = (m.ReviewEvent("tu-cham", "approve"),)
    results = make_results(
        [row("xa-a", assessments=self_a), attrs.evolve(row("xa-b", assessments=self_b), review=submitted)]
    )
    session = Session(campaign, results)
    # xa-b waits for the cluster's review: not yet ranked
    assert session.evaluation.unit("xa-b").rank is None
    published = (
        *submitted,
        m.ReviewEvent("cum-tham-dinh", "approve"),
        m.ReviewEvent("ban-thuong-truc", "publish", on=dt.date(2022, 12, 9)),
    )
    up = session.update(attrs.evolve(row("xa-b", assessments=self_b), review=published))
    assert (up.unit.rank, up.unit.score.total, up.unit.review.state) == (1, 25, "published")
    assert "xa-b" in up.changed
    assert session.evaluation == thidua.evaluate(campaign, session.results)
    # published: the result is locked; a change is refused field by field, and nothing changes
    before = session.evaluation
    changed = assessed(("tu-cham", (SE("c1", 10), SE("c2", 9), SE("c3", 5))))
    with pytest.raises(thidua.ModelError) as info:
        session.update(attrs.evolve(row("xa-b", assessments=changed), review=published))
    assert [(p.path, p.code) for p in info.value.problems] == [("assessments[0].scores[1].points", "result-locked")]
    assert info.value.problems[0].render("en") == (
        "assessments[0].scores[1].points: the result was published by the stage 'ban-thuong-truc'; "
        "it can no longer be changed"
    )
    assert info.value.problems[0].render("vi") == (
        "assessments[0].scores[1].points: kết quả đã được công bố ở bước “ban-thuong-truc”; không thể thay đổi nữa"
    )
    assert session.evaluation is before
    assert session.results.units[1].assessments[0].scores[1].points == 10
    # the same published row again changes nothing and is accepted; an unpublished row stays open
    assert session.update(attrs.evolve(row("xa-b", assessments=self_b), review=published)).changed == ()
    assert session.update(row("xa-a", assessments=self_b)).unit.score.total == 25


@pytest.mark.parametrize("policy", ["exclude", "self_score"])
def test_the_policy_is_a_campaign_setting_read_from_files(policy):
    campaign = attrs.evolve(make_campaign(rubric=score_rubric(CRITERIA), stages=STAGES), unreviewed=policy)
    text = thidua.io.dumps(campaign, "yaml")
    assert (f"unreviewed: {policy}" in text) == (policy != "exclude")  # the default is not written
    assert thidua.io.loads(text, "yaml").unreviewed == policy
