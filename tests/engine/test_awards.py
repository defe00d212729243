"""Award rules (conditions, quotas, rounding, exclusivity, ties at the cut) and decided rankings."""

from __future__ import annotations

import attrs
import pytest

import thidua
from engine_builders import row, scored
from problem_text import en
from thidua import model as m

FLAG = m.AwardRule("co", "co-thi-dua", ("commune",), (m.MinGrade("htxs"),), m.Quota(count=1))


def evaluate(scores, rules, **kw):
    campaign, results = scored(scores, awards=tuple(rules), **kw)
    return thidua.evaluate(campaign, results)


def granted(ev, award):
    return sorted(u.unit for u in ev.units for a in u.awards if a.award == award and a.granted)


def eligible(ev, award):
    return sorted(u.unit for u in ev.units for a in u.awards if a.award == award and a.eligible)


def outcome(ev, unit, award):
    return next(a for a in ev.unit(unit).awards if a.award == award)


# -- conditions -------------------------------------------------------------------------------


def rule(*conditions, quota=None, **kw):
    return m.AwardRule("r", "bang-khen", ("commune",), conditions, quota, **kw)


def test_min_grade():
    ev = evaluate({"xa-a": 90, "xa-b": "89.99", "xa-c": 70}, [rule(m.MinGrade("htxs"))])
    assert eligible(ev, "r") == ["xa-a"]
    ev = evaluate({"xa-a": 90, "xa-b": "89.99", "xa-c": "69.99"}, [rule(m.MinGrade("htt"))])
    assert eligible(ev, "r") == ["xa-a", "xa-b"]


def test_max_rank_with_ties():
    ev = evaluate({"xa-a": 95, "xa-b": 95, "xa-c": 90}, [rule(m.MaxRank(1))])
    assert eligible(ev, "r") == ["xa-a", "xa-b"]
    ev = evaluate({"xa-a": 95, "xa-b": 90, "xa-c": 90, "xa-d": 85}, [rule(m.MaxRank(2))])
    assert eligible(ev, "r") == ["xa-a", "xa-b", "xa-c"]  # ranks 1, 2, 2


def test_target_conditions():
    target = m.CountTarget("mo-hinh", "mô hình", "models", 1)
    measures = {"xa-a": {"models": 1}, "xa-b": {"models": 0}}
    for cond in (m.TargetMet("mo-hinh"), m.AllTargetsMet()):
        ev = evaluate({"xa-a": 95, "xa-b": 95}, [rule(cond)], targets=(target,), measures=measures)
        assert eligible(ev, "r") == ["xa-a"]


def test_is_head():
    ev = evaluate({"xa-a": 95, "xa-b": 80}, [rule(m.IsHead())], heads={"cum-1": "xa-b"})
    assert eligible(ev, "r") == ["xa-b"]


def test_flag_measure_formula_and_any_of():
    measures = {"xa-a": {"houses": 5}, "xa-b": {"houses": 4}}
    ev = evaluate({"xa-a": 95, "xa-b": 95}, [rule(m.MeasureAtLeast("houses", 5))], measures=measures)
    assert eligible(ev, "r") == ["xa-a"]
    ev = evaluate({"xa-a": 95, "xa-b": 95}, [rule(m.WhenFormula("houses * 20% >= 1"))], measures=measures)
    assert eligible(ev, "r") == ["xa-a"]  # 5 × 0.2 = 1 exactly; 4 × 0.2 = 0.8
    any_of = m.AnyOf((m.MeasureAtLeast("houses", 10), m.IsHead()))
    ev = evaluate({"xa-a": 95, "xa-b": 95}, [rule(any_of)], measures=measures, heads={"cum-1": "xa-b"})
    assert eligible(ev, "r") == ["xa-b"]


def test_flag_condition():
    campaign, results = scored({"xa-a": 95, "xa-b": 95}, awards=(rule(m.Flag("model_unit")),))
    rows = (
        row("xa-a", measures={"score": 95}, flags={"model_unit": True}),
        row("xa-b", measures={"score": 95}, flags={"model_unit": False}),
    )
    ev = thidua.evaluate(campaign, attrs.evolve(results, units=rows))
    assert eligible(ev, "r") == ["xa-a"]


def test_missing_flag_follows_the_policy():
    from thidua.errors import MissingInputError

    campaign, results = scored({"xa-a": 95}, awards=(rule(m.Flag("model_unit")),))
    with pytest.raises(MissingInputError):
        thidua.evaluate(campaign, results)
    campaign, results = scored({"xa-a": 95}, awards=(rule(m.Flag("model_unit")),), missing="not_met")
    assert eligible(thidua.evaluate(campaign, results), "r") == []


def test_ineligible_unit_is_explained():
    ev = evaluate({"xa-a": 95, "xa-b": 80}, [FLAG])
    o = outcome(ev, "xa-b", "co")
    assert (o.eligible, o.granted) == (False, False)
    assert any(s.code == "cond_min_grade" and s.args["met"] is False for s in o.trace)
    assert o.trace[-1].code == "award_ineligible"


# -- quotas ------------------------------------------------------------------------------------

FIVE = {"xa-a": 99, "xa-b": 98, "xa-c": 97, "xa-d": 96, "xa-e": 95}


def test_count_quota_goes_to_the_best_ranked():
    ev = evaluate(FIVE, [FLAG])
    assert granted(ev, "co") == ["xa-a"]
    o = outcome(ev, "xa-b", "co")
    assert (o.eligible, o.granted) == (True, False)
    quota = next(s for s in o.trace if s.code == "award_quota")
    assert (quota.args["allowed"], quota.args["eligible"], quota.args["position"]) == (1, 5, 2)


def test_count_quota_zero_and_no_quota():
    ev = evaluate(FIVE, [rule(m.MinGrade("htxs"), quota=m.Quota(count=0))])
    assert granted(ev, "r") == []
    ev = evaluate(FIVE, [rule(m.MinGrade("htxs"))])
    assert granted(ev, "r") == sorted(FIVE)


@pytest.mark.parametrize(
    ("rounding", "n"),
    [("floor", 2), ("ceiling", 3), ("half_up", 3), ("half_even", 2), ("half_down", 2)],
)
def test_share_of_members_with_rounding(rounding, n):
    # 50% of 5 members = 2.5
    ev = evaluate(FIVE, [rule(m.MinGrade("htt"), quota=m.Quota(share="50%", of="members", rounding=rounding))])
    assert granted(ev, "r") == sorted(FIVE)[:n]


@pytest.mark.parametrize(("rounding", "n"), [("floor", 1), ("ceiling", 2), ("half_up", 2), ("half_down", 1)])
def test_share_of_eligible_with_rounding(rounding, n):
    # 3 eligible (htxs: 99, 98, 97 with the others at 80); 50% of 3 = 1.5
    scores = {"xa-a": 99, "xa-b": 98, "xa-c": 97, "xa-d": 80, "xa-e": 80}
    ev = evaluate(scores, [rule(m.MinGrade("htxs"), quota=m.Quota(share="50%", of="eligible", rounding=rounding))])
    assert granted(ev, "r") == ["xa-a", "xa-b", "xa-c"][:n]


def test_share_of_members_twenty_percent():
    # 20% of 11 members = 2.2 → floor 2
    scores = {f"xa-{i:02d}": 100 - i for i in range(1, 12)}
    ev = evaluate(scores, [rule(quota=m.Quota(share="20%"))])
    assert granted(ev, "r") == ["xa-01", "xa-02"]


def test_tie_at_the_quota_cut_is_left_out_and_explained():
    # ranks 1, 2, 2, 4; two places: rank 1 gets one, the tie at rank 2 is left out
    scores = {"xa-a": 99, "xa-b": 95, "xa-c": 95, "xa-d": 91}
    ev = evaluate(scores, [rule(m.MinGrade("htxs"), quota=m.Quota(count=2))])
    assert granted(ev, "r") == ["xa-a"]
    o = outcome(ev, "xa-b", "r")
    step = next(s for s in o.trace if s.code == "award_quota")
    assert (o.eligible, o.granted, step.args["tied"]) == (True, False, True)
    assert outcome(ev, "xa-c", "r").eligible
    step = next(s for s in outcome(ev, "xa-d", "r").trace if s.code == "award_quota")
    assert step.args["tied"] is False


def test_every_unit_tied_at_the_cut_is_explained_as_tied():
    scores = {"xa-a": 99, "xa-b": 95, "xa-c": 95, "xa-d": 91}
    ev = evaluate(scores, [rule(m.MinGrade("htxs"), quota=m.Quota(count=2))])
    # xa-c is tied with xa-b at rank 2, the place where the quota cuts
    step = next(s for s in outcome(ev, "xa-c", "r").trace if s.code == "award_quota")
    assert step.args["tied"] is True


def test_tie_at_the_top_with_one_place():
    ev = evaluate({"xa-a": 95, "xa-b": 95, "xa-c": 90}, [FLAG])
    assert granted(ev, "co") == []


def test_tie_below_the_cut_does_not_matter():
    # ranks 1, 2, 3, 3; two places: rank 1 and 2 get them
    scores = {"xa-a": 99, "xa-b": 97, "xa-c": 95, "xa-d": 95}
    ev = evaluate(scores, [rule(m.MinGrade("htxs"), quota=m.Quota(count=2))])
    assert granted(ev, "r") == ["xa-a", "xa-b"]


def test_tie_broken_by_campaign_tie_break():
    scores = {"xa-a": 95, "xa-b": 95, "xa-c": 90}
    measures = {"xa-a": {"lifted": 1}, "xa-b": {"lifted": 2}, "xa-c": {"lifted": 0}}
    ev = evaluate(scores, [FLAG], tie_breaks=("lifted",), measures=measures)
    assert granted(ev, "co") == ["xa-b"]


def test_quota_per_cluster_and_over_the_campaign():
    scores = {"a1": 99, "a2": 98, "b1": 97, "b2": 96}
    clusters = {"cum-a": ["a1", "a2"], "cum-b": ["b1", "b2"]}
    ev = evaluate(scores, [FLAG], clusters=clusters)
    assert granted(ev, "co") == ["a1", "b1"]
    campaign_wide = attrs.evolve(FLAG, within="campaign")
    ev = evaluate(scores, [campaign_wide], clusters=clusters)
    assert granted(ev, "co") == ["a1"]


# -- exclusive_with ---------------------------------------------------------------------------

MERIT = m.AwardRule("bk", "bang-khen", ("commune",), (m.MinGrade("htxs"),), m.Quota(count=1), exclusive_with=("co",))


def test_exclusive_with_an_earlier_award():
    ev = evaluate(FIVE, [FLAG, MERIT])
    assert granted(ev, "co") == ["xa-a"]
    # xa-a holds the flag, so the merit goes to the next one
    assert granted(ev, "bk") == ["xa-b"]
    o = outcome(ev, "xa-a", "bk")
    assert not o.eligible
    assert any(s.code == "award_exclusive" and s.args["held"] == ("co",) for s in o.trace)


def test_exclusive_with_declared_on_the_earlier_award():
    # "a unit holding this one cannot also get" the other: the flag excludes the merit
    flag = attrs.evolve(FLAG, exclusive_with=("bk",))
    merit = attrs.evolve(MERIT, exclusive_with=())
    ev = evaluate(FIVE, [flag, merit])
    assert granted(ev, "co") == ["xa-a"]
    assert granted(ev, "bk") == ["xa-b"]


def test_exclusive_award_unknown_id_is_refused():
    from thidua.errors import ModelError

    with pytest.raises(ModelError) as info:
        evaluate(FIVE, [attrs.evolve(FLAG, exclusive_with=("khong-co",))])
    assert any(p.startswith("awards[0].exclusive_with[0]:") for p in en(info.value.problems))


# -- decided rankings ---------------------------------------------------------------------------


def decided(scores, rules, decision, **kw):
    campaign, results = scored(scores, awards=tuple(rules), **kw)
    plain = thidua.evaluate(campaign, results)
    with_decision = thidua.evaluate(campaign, attrs.evolve(results, decisions=(decision,)))
    return plain, with_decision


def conflicts(ev, cluster="cum-1"):
    return [(c.severity, c.code) for c in ev.cluster(cluster).conflicts]


def test_decision_matching_the_scores_has_no_conflict():
    d = m.Decision("cum-1", ("xa-a", "xa-b", "xa-c"), (m.Proposal("xa-a", "co"),))
    _, ev = decided({"xa-a": 99, "xa-b": 95, "xa-c": 80}, [FLAG], d)
    assert conflicts(ev) == []
    assert ev.cluster("cum-1").decided_order == ("xa-a", "xa-b", "xa-c")


def test_decided_order_differing_from_scores_is_info_with_both_orders():
    d = m.Decision("cum-1", ("xa-b", "xa-a", "xa-c"))
    plain, ev = decided({"xa-a": 99, "xa-b": 95, "xa-c": 80}, [FLAG], d)
    (c,) = ev.cluster("cum-1").conflicts
    assert (c.severity, c.code) == ("info", "order_differs")
    assert c.args["decided"] == ("xa-b", "xa-a", "xa-c")
    assert c.args["computed"] == ("xa-a", "xa-b", "xa-c")
    # the computed ranking and awards stay
    assert ev.cluster("cum-1").ranking == plain.cluster("cum-1").ranking
    assert granted(ev, "co") == ["xa-a"]


def test_decided_order_among_tied_units_agrees_with_scores():
    # xa-b and xa-c both have 90: either order agrees with the scores
    d = m.Decision("cum-1", ("xa-a", "xa-c", "xa-b", "xa-d"))
    _, ev = decided(SCORES_TIED, [FLAG], d)
    assert conflicts(ev) == []


SCORES_TIED = {"xa-a": 95, "xa-b": 90, "xa-c": 90, "xa-d": 85}


def test_proposal_for_an_ineligible_unit_is_an_error():
    d = m.Decision("cum-1", proposals=(m.Proposal("xa-c", "co"),))
    plain, ev = decided({"xa-a": 99, "xa-b": 95, "xa-c": 80}, [FLAG], d)
    assert conflicts(ev) == [("error", "proposal_ineligible")]
    assert ev.cluster("cum-1").conflicts[0].args == {"unit": "xa-c", "award": "co"}
    # never replaced: xa-c does not get the flag, xa-a still does
    assert granted(ev, "co") == granted(plain, "co") == ["xa-a"]


def test_proposals_over_quota_are_an_error():
    d = m.Decision("cum-1", proposals=(m.Proposal("xa-a", "co"), m.Proposal("xa-b", "co")))
    _, ev = decided({"xa-a": 99, "xa-b": 95, "xa-c": 80}, [FLAG], d)
    assert ("error", "over_quota") in conflicts(ev)
    over = next(c for c in ev.cluster("cum-1").conflicts if c.code == "over_quota")
    assert over.args == {
        "award": "co",
        "proposed": 2,
        "allowed": 1,
        "units": ("xa-a", "xa-b"),
        "clusters": ("cum-1",),
    }
    # xa-b is eligible (htxs) but not the computed winner: told, as info
    assert ("info", "proposal_not_computed") in conflicts(ev)
    assert granted(ev, "co") == ["xa-a"]


def test_proposals_within_a_share_quota():
    # 50% of 4 members = 2 places; proposing 2 is fine, 3 is over
    scores = {"xa-a": 99, "xa-b": 98, "xa-c": 97, "xa-d": 96}
    gk = m.AwardRule("gk", "giay-khen", ("commune",), (m.MinGrade("htt"),), m.Quota(share="50%"))
    two = m.Decision("cum-1", proposals=(m.Proposal("xa-a", "gk"), m.Proposal("xa-b", "gk")))
    _, ev = decided(scores, [gk], two)
    assert conflicts(ev) == []
    three = attrs.evolve(two, proposals=(*two.proposals, m.Proposal("xa-c", "gk")))
    _, ev = decided(scores, [gk], three)
    over = next(c for c in ev.cluster("cum-1").conflicts if c.code == "over_quota")
    assert (over.severity, over.args["proposed"], over.args["allowed"]) == ("error", 3, 2)


def test_proposals_over_a_campaign_wide_quota_are_an_error():
    # one flag for the whole level; each cluster proposes its own best: 2 proposals for 1 place
    scores = {"a1": 99, "a2": 80, "b1": 98, "b2": 80}
    clusters = {"cum-a": ["a1", "a2"], "cum-b": ["b1", "b2"]}
    campaign, results = scored(scores, awards=(attrs.evolve(FLAG, within="campaign"),), clusters=clusters)
    decisions = (
        m.Decision("cum-a", proposals=(m.Proposal("a1", "co"),)),
        m.Decision("cum-b", proposals=(m.Proposal("b1", "co"),)),
    )
    ev = thidua.evaluate(campaign, attrs.evolve(results, decisions=decisions))
    assert granted(ev, "co") == ["a1"]
    found = [c for cl in ev.clusters for c in cl.conflicts if c.code == "over_quota"]
    assert found
    assert found[0].severity == "error"


def test_decision_for_an_unknown_member_is_refused():
    from thidua.errors import ModelError

    campaign, results = scored({"xa-a": 99}, awards=(FLAG,))
    d = m.Decision("cum-1", ("xa-a", "xa-z"))
    with pytest.raises(ModelError) as info:
        thidua.evaluate(campaign, attrs.evolve(results, decisions=(d,)))
    assert any(p.startswith("decisions[0].order[1]:") for p in en(info.value.problems))


def test_two_decisions_for_one_cluster_do_not_depend_on_row_order():
    from thidua.errors import ModelError

    campaign, results = scored({"xa-a": 99, "xa-b": 95}, awards=(FLAG,))
    d1 = m.Decision("cum-1", ("xa-a", "xa-b"))
    d2 = m.Decision("cum-1", ("xa-b", "xa-a"))
    outcomes = []
    for order in ((d1, d2), (d2, d1)):
        try:
            ev = thidua.evaluate(campaign, attrs.evolve(results, decisions=order))
        except ModelError:
            outcomes.append("refused")
        else:
            outcomes.append(tuple(c.code for c in ev.cluster("cum-1").conflicts))
    assert outcomes[0] == outcomes[1]


def test_an_minh_decisions(an_minh, an_minh_results):
    ev = thidua.evaluate(an_minh, an_minh_results)
    # cluster 1 put xa-van-khanh-tay (89.9999999) before xa-van-khanh-dong (90)
    (c1,) = ev.cluster("cum-1").conflicts
    assert (c1.severity, c1.code) == ("info", "order_differs")
    # cluster 2 proposed two flags (quota 1), one for xa-dong-thanh, rated htt
    assert sorted(conflicts(ev, "cum-2")) == [("error", "over_quota"), ("error", "proposal_ineligible")]
    assert granted(ev, "co-thi-dua") == ["tt-thu-muoi-mot", "xa-van-khanh"]
