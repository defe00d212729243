"""Session.update on what a cluster shares: caps, cluster targets, decisions, awards (issue #24).

Each update is checked two ways: against a full :func:`thidua.evaluate` of the same inputs,
and against what changed, worked out by hand.
"""

from __future__ import annotations

import attrs

import thidua
from engine_builders import commune_scale, hamlet_scale, make_campaign, make_results, row, score_rubric
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
    assert [c.code for c in cl.conflicts] == ["order_differs", "proposal_ineligible"]
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
