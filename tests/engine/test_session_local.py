"""Session.update on what a cluster shares: caps, cluster targets, decisions, awards (issue #24).

Each update is checked two ways: against a full :func:`thidua.evaluate` of the same inputs,
and against what changed, worked out by hand.
"""

from __future__ import annotations

import attrs
import pytest

import thidua
from engine_builders import commune_scale, hamlet_scale, make_campaign, make_results, row, score_rubric
from problem_text import en
from thidua import model as m
from thidua.engine import Session, Status


def replaced(results: m.Results, new: m.UnitResult) -> m.Results:
    return attrs.evolve(results, units=tuple(new if r.unit == new.unit else r for r in results.units))


def check(session: Session, update, campaign: m.Campaign) -> thidua.Evaluation:
    full = thidua.evaluate(campaign, session.results)
    assert session.evaluation == full
    assert update.unit == full.unit(update.unit.unit)
    assert update.clusters == tuple(full.cluster(c) for c in update.unit.clusters)
    return full


CAP = m.GradeCap("htxs", "20%", "htt")
SCORES = {"xa-a": 95, "xa-b": 92, "xa-c": 80, "xa-d": 80, "xa-e": 80}


def capped_campaign(**kw):
    return make_campaign(
        communes=tuple(SCORES),
        rubric=score_rubric(),
        scales=(hamlet_scale(), commune_scale(caps=(CAP,))),
        **kw,
    )


def scores_results(scores):
    return make_results([row(u, measures={"score": s}) for u, s in scores.items()])


def test_update_moves_the_cap_from_one_unit_to_another():
    campaign = capped_campaign()
    session = Session(campaign, scores_results(SCORES))
    # 5 good or better, 20% × 5 = 1 htxs allowed: xa-a (95) keeps it, xa-b (92) is cut
    assert session.evaluation.unit("xa-b").rating.capped
    update = session.update(row("xa-b", measures={"score": 97}))
    full = check(session, update, campaign)
    # now xa-b (97) keeps it and xa-a (95) is cut: both change grade and rank
    assert (full.unit("xa-a").rating.grade, full.unit("xa-b").rating.grade) == ("htt", "htxs")
    assert full.unit("xa-a").rating.capped
    assert update.changed == ("xa-a", "xa-b")
    assert [(e.unit, e.rank) for e in update.clusters[0].ranking.entries][:2] == [("xa-b", 1), ("xa-a", 2)]


def test_update_below_the_band_frees_the_cap():
    campaign = capped_campaign()
    session = Session(campaign, scores_results(SCORES))
    update = session.update(row("xa-a", measures={"score": 70}))
    check(session, update, campaign)
    # xa-a falls to htt by its band; xa-b alone in the htxs band keeps it; xa-a drops from
    # 1st to 5th and the three at 80 move up from 3rd to 2nd
    assert (update.unit.rating.grade, session.evaluation.unit("xa-b").rating.grade) == ("htt", "htxs")
    assert not session.evaluation.unit("xa-b").rating.capped
    assert update.changed == ("xa-a", "xa-b", "xa-c", "xa-d", "xa-e")


def test_update_with_a_cluster_target_and_a_decision():
    target = m.ShareTarget("xa-tot", "xã tốt", "commune", "htt", "100%", "all", scope="cluster")
    flag = m.AwardRule("co", "co-thi-dua", ("commune",), (m.MinGrade("htxs"),), m.Quota(count=1))
    campaign = capped_campaign(targets=(target,), awards=(flag,))
    decision = m.Decision("cum-1", ("xa-a", "xa-b", "xa-c", "xa-d", "xa-e"), proposals=(m.Proposal("xa-a", "co"),))
    results = attrs.evolve(scores_results(SCORES), decisions=(decision,))
    session = Session(campaign, results)
    before = session.evaluation.cluster("cum-1")
    assert before.targets[0].status is Status.MET
    assert before.conflicts == ()
    update = session.update(row("xa-c", measures={"score": 60}))
    full = check(session, update, campaign)
    cl = full.cluster("cum-1")
    # xa-c is now ht: 4 of 5 good or better, the cluster target fails; the cap allows
    # 20% × 4 = 0.8, floor 0 htxs: xa-a is cut to htt and loses the flag it was proposed for;
    # xa-c drops to 5th, so the decided order (xa-c third) differs from the computed one
    assert (cl.targets[0].status, cl.targets[0].numerator, cl.targets[0].denominator) == (Status.NOT_MET, 4, 5)
    assert full.unit("xa-a").rating.grade == "htt"
    assert cl.decided_order == ("xa-a", "xa-b", "xa-c", "xa-d", "xa-e")
    assert [(c.cluster, c.severity, c.code) for c in cl.conflicts] == [
        ("cum-1", "info", "order_differs"), ("cum-1", "error", "proposal_ineligible")
    ]  # fmt: skip
    assert cl.conflicts[0].args == {
        "decided": ("xa-a", "xa-b", "xa-c", "xa-d", "xa-e"),
        "computed": ("xa-a", "xa-b", "xa-d", "xa-e", "xa-c"),
        "ranks": (1, 2, 5, 3, 3),
    }
    assert [(a.unit, a.granted) for a in cl.awards] == [(u, False) for u in SCORES]
    # xa-d and xa-e stay tied 3rd (with xa-c before, alone now); xa-b stays 2nd and htt
    assert update.changed == ("xa-a", "xa-c")


def test_update_of_reported_ratings_without_scores():
    campaign = make_campaign(communes=("xa-a", "xa-b"), scales=(hamlet_scale(), commune_scale(bands=False)))
    results = make_results([row("xa-a", rating="htt"), row("xa-b", rating="htt")])
    session = Session(campaign, results)
    update = session.update(row("xa-b", rating="htxs"))
    full = check(session, update, campaign)
    assert (full.unit("xa-b").score, full.unit("xa-b").rating.grade) == (None, "htxs")
    # ranked by grade now: xa-b first, xa-a second
    assert update.changed == ("xa-a", "xa-b")
    update = session.update(row("xa-b", rating="htxs"))
    assert update.changed == ()


def test_update_of_a_hamlet_in_a_hamlet_cluster_re_evaluates_its_commune():
    # hamlets rated by their reports in a cluster of their own; the commune, in no cluster, has a row
    campaign = make_campaign(
        communes=("xa-a",),
        hamlets={"xa-a": 3},
        clusters={"cum-ap": ("xa-a-ap-1", "xa-a-ap-2", "xa-a-ap-3")},
        scales=(hamlet_scale(), commune_scale(bands=False)),
    )
    rows = [row(f"xa-a-ap-{i}", rating=g) for i, g in ((1, "htt"), (2, "ht"), (3, "htxs"))]
    results = make_results([*rows, row("xa-a", rating="htt")])
    session = Session(campaign, results)
    update = session.update(row("xa-a-ap-2", rating="htxs"))
    full = check(session, update, campaign)
    assert [(e.unit, e.rank) for e in full.cluster("cum-ap").ranking.entries] == [
        ("xa-a-ap-2", 1), ("xa-a-ap-3", 1), ("xa-a-ap-1", 3)
    ]  # fmt: skip
    assert update.changed == ("xa-a-ap-1", "xa-a-ap-2")


def test_update_that_moves_only_the_score():
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric())
    session = Session(campaign, scores_results({"xa-a": 95, "xa-b": 80}))
    update = session.update(row("xa-a", measures={"score": 96}))
    check(session, update, campaign)
    # still htxs and first: only the score moved
    assert update.changed == ("xa-a",)


def test_update_of_units_in_no_cluster_and_without_a_scale():
    # the province has no rating scale; it and the commune have rows and sit in no cluster
    campaign = make_campaign(
        communes=("xa-a",),
        hamlets={"xa-a": 2},
        clusters={"cum-ap": ("xa-a-ap-1", "xa-a-ap-2")},
        scales=(hamlet_scale(), commune_scale(bands=False)),
    )
    rows = [row("xa-a-ap-1", rating="htt"), row("xa-a-ap-2", rating="ht"), row("xa-a", rating="htt"), row("tinh")]
    session = Session(campaign, make_results(rows))
    update = session.update(row("xa-a", rating="htxs"))
    check(session, update, campaign)
    assert (update.unit.rating.grade, update.clusters, update.changed) == ("htxs", (), ("xa-a",))
    update = session.update(row("tinh", measures={"x": 1}))
    check(session, update, campaign)
    assert (update.unit.rating.grade, update.changed) == (None, ())


def test_update_re_applies_the_cap_in_its_own_cluster_only():
    # a cap whose base is the capped grade itself is not idempotent: 50% of 4 htxs keeps 2, and
    # applying it again to the 2 kept would keep 1. Updating cum-a must leave cum-b as it was.
    cap = m.GradeCap("htxs", "50%", "htxs")
    scores = {"a1": 95, "a2": 80, "b1": 99, "b2": 98, "b3": 97, "b4": 96}
    campaign = make_campaign(
        communes=tuple(scores),
        clusters={"cum-a": ("a1", "a2"), "cum-b": ("b1", "b2", "b3", "b4")},
        rubric=score_rubric(),
        scales=(hamlet_scale(), commune_scale(caps=(cap,))),
    )
    session = Session(campaign, scores_results(scores))
    update = session.update(row("a2", measures={"score": 81}))
    full = check(session, update, campaign)
    assert [u for u in ("b1", "b2", "b3", "b4") if full.unit(u).rating.grade == "htxs"] == ["b1", "b2"]
    assert update.changed == ("a2",)


# -- campaigns updated in full: level caps, campaign awards, a unit in two groups, a new unit ----


def test_update_with_a_cap_over_the_level_is_evaluated_in_full():
    cap = m.GradeCap("htxs", "20%", "htt", within="level")
    scores = {"a1": 95, "a2": 80, "b1": 92, "b2": 80, "b3": 80}
    campaign = make_campaign(
        communes=tuple(scores),
        clusters={"cum-a": ("a1", "a2"), "cum-b": ("b1", "b2", "b3")},
        rubric=score_rubric(),
        scales=(hamlet_scale(), commune_scale(caps=(cap,))),
    )
    session = Session(campaign, scores_results(scores))
    # 20% of the 5 communes = 1 htxs over the level: a1 (95) keeps it, b1 (92) is cut
    update = session.update(row("b1", measures={"score": 96}))
    full = check(session, update, campaign)
    # b1 (96) now keeps it and a1, in the other cluster, is cut
    assert (full.unit("a1").rating.grade, full.unit("b1").rating.grade) == ("htt", "htxs")
    assert update.changed == ("a1", "b1")
    assert [c.cluster for c in update.clusters] == ["cum-b"]


def test_update_with_an_award_over_the_campaign_is_evaluated_in_full():
    flag = m.AwardRule("co", "co-thi-dua", ("commune",), (), m.Quota(count=1), within="campaign")
    scores = {"a1": 95, "b1": 92}
    campaign = make_campaign(
        communes=tuple(scores), clusters={"cum-a": ("a1",), "cum-b": ("b1",)}, rubric=score_rubric(), awards=(flag,)
    )
    session = Session(campaign, scores_results(scores))
    update = session.update(row("b1", measures={"score": 97}))
    full = check(session, update, campaign)
    assert [(u.unit, u.awards[0].granted) for u in full.units] == [("a1", False), ("b1", True)]
    assert update.changed == ("a1", "b1")


def test_update_of_a_unit_in_a_cluster_and_a_block_is_evaluated_in_full():
    campaign = make_campaign(
        communes=("xa-a", "xa-b", "xa-c"),
        clusters={"cum-1": ("xa-a", "xa-b"), "khoi-1": ("xa-b", "xa-c")},
        rubric=score_rubric(),
    )
    block = attrs.evolve(campaign.clusters[1], kind="block")
    campaign = attrs.evolve(campaign, clusters=(campaign.clusters[0], block))
    session = Session(campaign, scores_results({"xa-a": 90, "xa-b": 80, "xa-c": 85}))
    update = session.update(row("xa-b", measures={"score": 95}))
    full = check(session, update, campaign)
    assert [c.cluster for c in update.clusters] == ["cum-1", "khoi-1"]
    assert [e.unit for e in full.cluster("khoi-1").ranking.entries] == ["xa-b", "xa-c"]
    assert update.changed == ("xa-a", "xa-b", "xa-c")  # xa-a and xa-c lose their first place


def test_update_of_a_unit_without_results_before_is_evaluated_in_full():
    # hamlets are rated by their reports; xa-a-ap-3 had no row, so it was not evaluated at all
    scales = (hamlet_scale(), commune_scale(bands=False))
    campaign = make_campaign(communes=("xa-a",), hamlets={"xa-a": 3}, scales=scales)
    rows = [row("xa-a", rating="htt"), row("xa-a-ap-1", rating="htt"), row("xa-a-ap-2", rating="ht")]
    session = Session(campaign, make_results(rows))
    assert [u.unit for u in session.evaluation.units] == ["xa-a", "xa-a-ap-1", "xa-a-ap-2"]
    update = session.update(row("xa-a-ap-3", rating="htxs"))
    full = check(session, update, campaign)
    assert [u.unit for u in full.units] == ["xa-a", "xa-a-ap-1", "xa-a-ap-2", "xa-a-ap-3"]
    assert (update.unit.rating.grade, update.clusters, update.changed) == ("htxs", (), ("xa-a-ap-3",))


def test_update_of_a_hamlet_whose_commune_is_in_a_cluster_is_evaluated_in_full():
    # the commune's top grade needs its target, 2/3 of its hamlets htt or better; the hamlets are
    # in no cluster, the commune is: its new grade must reach its cluster's ranking
    target = m.ShareTarget("ap-tot", "ấp tốt", "hamlet", "htt", "2/3", "all")
    scale = commune_scale(bands=False, top_requires=(m.AllTargetsMet(),))
    campaign = make_campaign(
        communes=("xa-a", "xa-b"), hamlets={"xa-a": 3}, targets=(target,), scales=(hamlet_scale(), scale)
    )
    hamlets = [row("xa-a-ap-1", rating="htt"), row("xa-a-ap-2", rating="ht"), row("xa-a-ap-3", rating="ht")]
    reported = {"hamlet": {"htt": 3}}
    rows = [*hamlets, row("xa-a", rating="htxs"), row("xa-b", rating="htt", counts=reported, totals={"hamlet": 3})]
    session = Session(campaign, make_results(rows))
    assert session.evaluation.unit("xa-a").rating.grade == "htt"  # 1 of 3: the requirement fails
    update = session.update(row("xa-a-ap-2", rating="htt"))
    full = check(session, update, campaign)
    # 2 of 3: xa-a keeps htxs and leads its cluster
    assert full.unit("xa-a").rating.grade == "htxs"
    assert [(e.unit, e.rank) for e in full.cluster("cum-1").ranking.entries] == [("xa-a", 1), ("xa-b", 2)]
    assert update.changed == ("xa-a", "xa-a-ap-2", "xa-b")


# -- stages, history, a prepared campaign, two updates in a row, a failed update ----------------


def test_session_at_a_stage_with_a_history_equals_evaluate():
    from engine_builders import STAGES

    rubric = score_rubric((m.Criterion("c1", "Nội dung", 100, m.Assessed()),))
    streak = m.AwardRule("bk", "bang-khen", ("commune",), (m.GradeStreak("htt", 2),))
    campaign = make_campaign(
        communes=("xa-a", "xa-b"), rubric=rubric, stages=STAGES, awards=(streak,), history_lineage="none"
    )

    def assessed(unit: str, own: int, reviewed: int) -> m.UnitResult:
        stages = (
            m.Assessment("tu-cham", (m.ScoreEntry("c1", own),)),
            m.Assessment("cum-tham-dinh", (m.ScoreEntry("c1", reviewed, reason="Thiếu minh chứng"),)),
        )
        return row(unit, assessments=stages)

    results = make_results([assessed("xa-a", 95, 85), assessed("xa-b", 80, 80)])
    history = m.History((m.HistoryRecord("xa-a", 2021, "htt"), m.HistoryRecord("xa-b", 2021, "ht")), sample=True)
    session = Session(thidua.prepare(campaign), results, stage="tu-cham", history=history)
    first = thidua.evaluate(campaign, results, stage="tu-cham", history=history)
    assert session.evaluation == first
    assert (session.evaluation.stage, session.evaluation.sample) == ("tu-cham", True)
    assert session.evaluation.fingerprint == first.fingerprint
    # at the self-assessment stage xa-a has 95: htxs; both htt or better in 2021 and 2022 but xa-b
    got = [(u.unit, u.score.total, u.awards[0].granted) for u in first.units]
    assert got == [("xa-a", 95, True), ("xa-b", 80, False)]
    update = session.update(assessed("xa-b", 90, 70))
    full = thidua.evaluate(campaign, session.results, stage="tu-cham", history=history)
    assert session.evaluation == full
    assert session.evaluation.fingerprint == full.fingerprint
    # xa-b: 90 at its own stage, htxs, still second; its 2021 grade (ht) still breaks the streak
    assert (update.unit.score.total, update.unit.rating.grade, update.changed) == (90, "htxs", ("xa-b",))


def test_a_session_checks_its_stage_and_history():
    campaign = make_campaign(communes=("xa-a",), rubric=score_rubric())
    results = scores_results({"xa-a": 90})
    with pytest.raises(thidua.ModelError) as info:
        Session(campaign, results, stage="khong-co")
    assert en(info.value) == ("stage: 'khong-co' is not a review stage of the campaign",)
    bad = m.History((m.HistoryRecord("xa-khong-co", 2021, "htt"),))
    with pytest.raises(thidua.ModelError) as info:
        Session(campaign, results, history=bad)
    assert [p.path for p in info.value.problems] == ["history.records[0].unit"]


def test_two_local_updates_in_a_row_with_awards():
    flag = m.AwardRule("co", "co-thi-dua", ("commune",), (), m.Quota(count=1))
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(), awards=(flag,))
    session = Session(campaign, scores_results({"xa-a": 90, "xa-b": 80}))
    session.update(row("xa-b", measures={"score": 95}))
    update = session.update(row("xa-a", measures={"score": 99}))
    check(session, update, campaign)
    assert [(a.unit, a.granted) for a in update.clusters[0].awards] == [("xa-a", True), ("xa-b", False)]
    assert update.changed == ("xa-a", "xa-b")


def test_an_update_dropping_the_assessments_drops_the_score():
    from engine_builders import STAGES

    rubric = score_rubric((m.Criterion("c1", "Nội dung", 100, m.Assessed()),))
    campaign = make_campaign(
        communes=("xa-a", "xa-b"), rubric=rubric, stages=STAGES, scales=(hamlet_scale(), commune_scale())
    )
    # rated on what it has (without the policy, a unit with no assessment has reached no stage)
    campaign = attrs.evolve(campaign, unreviewed="self_score")
    given = (m.Assessment("tu-cham", (m.ScoreEntry("c1", 95),)),)
    session = Session(campaign, make_results([row("xa-a", assessments=given), row("xa-b", rating="htt")]))
    update = session.update(row("xa-a", rating="ht"))
    check(session, update, campaign)
    # no assessment: no score; the reported grade counts
    assert (update.unit.score, update.unit.rating.grade, update.unit.rating.source) == (None, "ht", "reported")


def test_an_update_reads_the_unit_own_grade_as_unknown_as_a_full_evaluation_does():
    # a requirement on the unit's own grade: while it is being rated it has none yet, in a full
    # evaluation as in an update (never the grade it had before the update)
    scale = commune_scale(top_requires=(m.MinGrade("htt"),))
    campaign = make_campaign(communes=("xa-a",), rubric=score_rubric(), scales=(hamlet_scale(), scale))
    session = Session(campaign, scores_results({"xa-a": 80}))
    update = session.update(row("xa-a", measures={"score": 95}))
    check(session, update, campaign)
    assert update.unit.rating.grade == "htt"


def test_a_failed_update_leaves_the_session_as_it_was():
    outside = m.Unit("xa-z", "Xã Z", "commune", "tinh")  # in no cluster: evaluated once it has a row
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(), extra_units=(outside,))
    results = scores_results({"xa-a": 90, "xa-b": 80})
    session = Session(campaign, results)
    before = session.evaluation
    # the policy is "error": a row without its score fails while it is evaluated, for a unit
    # updated in place (xa-a) as for one evaluated for the first time (xa-z)
    for bad in (row("xa-a"), row("xa-z")):
        with pytest.raises(thidua.MissingInputError):
            session.update(bad)
        assert session.results == results
        assert session.evaluation == before
        assert session.evaluation.fingerprint == before.fingerprint
    update = session.update(row("xa-b", measures={"score": 91}))
    check(session, update, campaign)
    assert update.changed == ("xa-a", "xa-b")


def test_an_update_reaching_a_third_group_through_a_cap():
    # x sits in cum-1 and khoi-1; y in khoi-1 and cum-2. The cap keeps half the htxs of a group, rounded
    # up: one of khoi-1's two (the alone ones in cum-1 and cum-2 keep theirs). x rising past y cuts y,
    # which changes cum-2, a group x is not in
    cap = m.GradeCap("htxs", "50%", "htxs", rounding="ceiling")
    scores = {"x": 95, "y": 97, "z": 80, "w": 80}
    campaign = make_campaign(
        communes=tuple(scores),
        clusters={"cum-1": ("x", "z"), "cum-2": ("y", "w")},
        rubric=score_rubric(),
        scales=(hamlet_scale(), commune_scale(caps=(cap,))),
    )
    block = m.Cluster("khoi-1", "Khối 1", "block", 2022, ("x", "y"))
    target = m.ShareTarget("xs", "xã xuất sắc", "commune", "htxs", "50%", "all", scope="cluster")
    campaign = attrs.evolve(
        campaign,
        clusters=(*campaign.clusters, block),
        agreements=(m.Agreement("g", ("cum-2",), content_areas=(m.ContentArea("nd", "Nội dung", (target,)),)),),
    )
    session = Session(campaign, scores_results(scores))
    assert session.evaluation.target("cum-2", "xs").met  # y keeps htxs: 1 of 2
    update = session.update(row("x", measures={"score": 99}))
    full = check(session, update, campaign)
    assert (full.unit("y").rating.grade, full.target("cum-2", "xs").met) == ("htt", False)
    assert update.changed == ("x", "y")


def test_an_update_bringing_a_scored_unit_in_ranks_it_in_its_level():
    outside = m.Unit("xa-z", "Xã Z", "commune", "tinh")  # in no cluster
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(), extra_units=(outside,))
    session = Session(campaign, scores_results({"xa-a": 90, "xa-b": 80}))
    update = session.update(row("xa-z", measures={"score": 85}))
    full = check(session, update, campaign)
    level = next(r for r in full.rankings if r.group == "level:commune")
    assert [(e.unit, e.rank) for e in level.entries] == [("xa-a", 1), ("xa-z", 2), ("xa-b", 3)]
    assert update.changed == ("xa-z",)  # a new unit; xa-b's rank in its cluster is still 2nd


def test_a_full_update_keeps_the_stage_and_the_history():
    from engine_builders import STAGES

    rubric = score_rubric((m.Criterion("c1", "Nội dung", 100, m.Assessed()),))
    streak = m.AwardRule("bk", "bang-khen", ("commune",), (m.GradeStreak("htt", 2),), within="campaign")
    campaign = make_campaign(
        communes=("xa-a", "xa-b"), rubric=rubric, stages=STAGES, awards=(streak,), history_lineage="none"
    )

    def assessed(unit: str, own: int, reviewed: int) -> m.UnitResult:
        stages = (
            m.Assessment("tu-cham", (m.ScoreEntry("c1", own),)),
            m.Assessment("cum-tham-dinh", (m.ScoreEntry("c1", reviewed, reason="Thiếu minh chứng"),)),
        )
        return row(unit, assessments=stages)

    results = make_results([assessed("xa-a", 95, 60), assessed("xa-b", 80, 80)])
    history = m.History((m.HistoryRecord("xa-a", 2021, "htt"), m.HistoryRecord("xa-b", 2021, "ht")))
    session = Session(campaign, results, stage="tu-cham", history=history)
    update = session.update(assessed("xa-b", 90, 50))  # an award over the campaign: a full update
    full = thidua.evaluate(campaign, session.results, stage="tu-cham", history=history)
    assert session.evaluation == full
    assert session.evaluation.fingerprint == full.fingerprint
    # at the self-assessment stage: xa-a 95 (htt in 2021: its streak holds), xa-b 90 (ht in 2021)
    assert [(u.unit, u.score.total, u.awards[0].granted) for u in full.units] == [
        ("xa-a", 95, True),
        ("xa-b", 90, False),
    ]
    assert update.unit == full.unit("xa-b")


def test_a_failed_full_update_of_a_unit_keeps_its_row():
    flag = m.AwardRule("co", "co-thi-dua", ("commune",), (), m.Quota(count=1), within="campaign")
    campaign = make_campaign(communes=("xa-a", "xa-b"), rubric=score_rubric(), awards=(flag,))
    results = scores_results({"xa-a": 90, "xa-b": 80})
    session = Session(campaign, results)
    before = session.evaluation
    with pytest.raises(thidua.MissingInputError):
        session.update(row("xa-a"))  # no score under the "error" policy
    assert session.results == results
    assert session.evaluation == before
