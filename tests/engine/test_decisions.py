"""What a cluster meeting's decision is checked against, conflict by conflict (issue #24)."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

import thidua
from engine_builders import commune_scale, counts, hamlet_scale, make_campaign, make_results, row, scored
from thidua import model as m
from thidua.engine import Status

FLAG = m.AwardRule("co", "co-thi-dua", ("commune",), (m.MinGrade("htxs"),), m.Quota(count=1))


def decided(scores, rules, decision, **kw):
    campaign, results = scored(scores, awards=tuple(rules), **kw)
    return thidua.evaluate(campaign, attrs.evolve(results, decisions=(decision,)))


def conflicts(ev, cluster="cum-1"):
    return [(c.cluster, c.severity, c.code, dict(c.args)) for c in ev.cluster(cluster).conflicts]


def test_every_conflict_names_its_cluster_and_says_what():
    d = m.Decision("cum-1", ("xa-b", "xa-a", "xa-c"), (m.Proposal("xa-a", "co"), m.Proposal("xa-b", "co")))
    ev = decided({"xa-a": 99, "xa-b": 95, "xa-c": 80}, [FLAG], d)
    assert conflicts(ev) == [
        (
            "cum-1",
            "info",
            "order_differs",
            {"decided": ("xa-b", "xa-a", "xa-c"), "computed": ("xa-a", "xa-b", "xa-c"), "ranks": (2, 1, 3)},
        ),
        ("cum-1", "info", "proposal_not_computed", {"unit": "xa-b", "award": "co"}),
        (
            "cum-1",
            "error",
            "over_quota",
            {"award": "co", "proposed": 2, "allowed": 1, "units": ("xa-a", "xa-b"), "clusters": ("cum-1",)},
        ),
    ]  # fmt: skip


def test_a_share_of_the_eligible_counts_each_eligible_unit_once():
    # 2 of the 4 members are htxs; 50% of the 2 eligible = 1 place, and 2 are proposed
    rule = m.AwardRule("co", "co-thi-dua", ("commune",), (m.MinGrade("htxs"),), m.Quota(share="50%", of="eligible"))
    d = m.Decision("cum-1", proposals=(m.Proposal("xa-a", "co"), m.Proposal("xa-b", "co")))
    ev = decided({"xa-a": 99, "xa-b": 95, "xa-c": 80, "xa-d": 70}, [rule], d)
    over = [c for c in conflicts(ev) if c[2] == "over_quota"]
    assert over == [("cum-1", "error", "over_quota", {
            "award": "co", "proposed": 2, "allowed": 1, "units": ("xa-a", "xa-b"), "clusters": ("cum-1",)
        })
    ]  # fmt: skip


def test_a_campaign_wide_award_is_not_checked_against_the_cluster_but_the_next_award_is():
    campaign_flag = attrs.evolve(FLAG, id="co-tinh", within="campaign", quota=m.Quota(count=2))
    gk = m.AwardRule("gk", "giay-khen", ("commune",), (), m.Quota(count=1))
    d = m.Decision(
        "cum-1",
        proposals=(
            m.Proposal("xa-a", "co-tinh"),
            m.Proposal("xa-b", "co-tinh"),
            m.Proposal("xa-a", "gk"),
            m.Proposal("xa-b", "gk"),
        ),
    )
    ev = decided({"xa-a": 99, "xa-b": 95}, [campaign_flag, gk], d)
    # co-tinh: 2 places over the campaign, both taken: no conflict; gk: 1 place in the cluster, 2 proposed
    assert [c for c in conflicts(ev) if c[2] == "over_quota"] == [
        ("cum-1", "error", "over_quota", {
            "award": "gk", "proposed": 2, "allowed": 1, "units": ("xa-a", "xa-b"), "clusters": ("cum-1",)
        })
    ]  # fmt: skip


# -- "of which" below its parent's grade, and over an empty base ---------------------------------


GOOD = m.ShareTarget("tot", "tốt trở lên", "hamlet", "htt", "50%", "all")


def of_which_eval(of_which: m.OfWhichTarget, c: dict[str, object]):
    campaign = make_campaign(targets=(GOOD, of_which))
    return thidua.evaluate(campaign, make_results([row("xa-a", counts=c)])).target("xa-a", of_which.id)


def test_of_which_a_grade_below_the_parent_counts_the_parent_grade():
    # "of which 60% ht or better" inside "htt or better" is read as htt or better: 5 of 10, not 9 of 10
    t = of_which_eval(m.OfWhichTarget("trong-do", "trong đó", "tot", "ht", "60%", "all"), counts(2, 3, 4, 1))
    assert (t.status, t.numerator, t.denominator, t.shortfall) == (Status.NOT_MET, 5, 10, 1)


def test_of_which_over_an_empty_base_says_so():
    t = of_which_eval(m.OfWhichTarget("trong-do", "trong đó", "tot", "htxs", "30%", "parent"), counts(0, 0, 3, 1))
    assert (t.status, t.numerator, t.denominator, t.share, t.shortfall) == (Status.NOT_MET, 0, 0, None, 0)
    assert [(s.code, dict(s.args)) for s in t.trace][-2:] == [
        ("empty_base", {"parent": "tot"}),
        ("verdict", {"met": False}),
    ]
    of = next(s for s in t.trace if s.code == "of_which")
    assert (of.args["alternative"], of.args["alternative_met"]) == (Fraction(0), False)


def test_of_which_counts_every_grade_at_or_above_its_own():
    fair = m.ShareTarget("dat", "hoàn thành trở lên", "hamlet", "ht", "50%", "all")
    good = m.OfWhichTarget("tot", "trong đó tốt trở lên", "dat", "htt", "50%", "parent")
    campaign = make_campaign(targets=(fair, good))
    t = thidua.evaluate(campaign, make_results([row("xa-a", counts=counts(2, 3, 4, 1))])).target("xa-a", "tot")
    # htt or better: 2 + 3 = 5 of the 9 ht or better
    assert (t.status, t.numerator, t.denominator) == (Status.MET, 5, 9)


def test_cluster_of_which_listed_before_its_parent():
    good = m.ShareTarget("tot", "xã tốt", "commune", "htt", "50%", "all", scope="cluster")
    exc = m.OfWhichTarget("xs", "trong đó xuất sắc", "tot", "htxs", "50%", "parent")
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), targets=(exc, good))
    campaign = attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale(bands=False)))
    rows = [row("xa-a", rating="htxs"), row("xa-b", rating="htt"), row("xa-c", rating="ht")]
    ev = thidua.evaluate(campaign, make_results(rows))
    assert [t.target for t in ev.cluster("cum-1").targets] == ["xs", "tot"]
    t = ev.target("cum-1", "xs")
    # 1 htxs of the 2 good or better: 50%
    assert (t.subject, t.status, t.numerator, t.denominator) == ("cum-1", Status.MET, 1, 2)


@pytest.mark.parametrize(
    ("c", "base", "expected"),
    [
        # 3 htxs of 10 hamlets all good or better: over the parent 3/10, the other reading over all 3/10: met exactly
        (counts(3, 7, 0, 0), "parent", (3, 10, Fraction(3, 10), True)),
        # nobody good or better: over all 0/4; the other reading has no base (0 good or better)
        (counts(0, 0, 4, 0), "all", (0, 4, None, False)),
        # 1 good or better, and it is htxs: over all 1/4 < 30%; over the 1 good or better 1/1, met
        (counts(1, 0, 3, 0), "all", (1, 4, Fraction(1), True)),
    ],
)
def test_of_which_other_reading(c, base, expected):
    good = m.ShareTarget("tot", "tốt", "hamlet", "htt", "0%", "all")
    exc = m.OfWhichTarget("xs", "trong đó xuất sắc", "tot", "htxs", "30%", base)
    campaign = make_campaign(targets=(good, exc))
    t = thidua.evaluate(campaign, make_results([row("xa-a", counts=c)])).target("xa-a", "xs")
    step = next(s for s in t.trace if s.code == "of_which")
    assert (t.subject, t.numerator, t.denominator, t.alternative, step.args["alternative_met"]) == ("xa-a", *expected)
    assert [s.code for s in t.trace] == ["counts_reported", "of_which", "verdict"]


# -- awards: quotas of the members, exclusivity across three awards, the steps at the cut -------


def awards_of(scores, rules, **kw):
    campaign, results = scored(scores, awards=tuple(rules), **kw)
    ev = thidua.evaluate(campaign, results)
    return {u.unit: {a.award: a for a in u.awards} for u in ev.units}


def quota_step(outcome):
    return next(dict(s.args) for s in outcome.trace if s.code == "award_quota")


def test_a_share_of_the_members_counts_every_member_eligible_or_not():
    # 2 of the 4 members are htt or better; 50% of the 4 members = 2 places: both get it
    rule = m.AwardRule("gk", "giay-khen", ("commune",), (m.MinGrade("htt"),), m.Quota(share="50%"))
    out = awards_of({"xa-a": 95, "xa-b": 85, "xa-c": 60, "xa-d": 55}, [rule])
    assert {u: a["gk"].granted for u, a in out.items()} == {"xa-a": True, "xa-b": True, "xa-c": False, "xa-d": False}
    assert (out["xa-a"]["gk"].award, out["xa-a"]["gk"].title, out["xa-a"]["gk"].unit) == ("gk", "giay-khen", "xa-a")
    assert quota_step(out["xa-b"]["gk"]) == {
        "allowed": 2, "eligible": 2, "position": 2, "granted": True, "tied": False, "group": "cum-1",
        "tied_with": (), "value": None,
    }  # fmt: skip


def test_an_award_exclusive_with_the_first_of_two_held():
    first = m.AwardRule("co", "co-thi-dua", ("commune",), (), m.Quota(count=1))
    second = m.AwardRule("bk", "bang-khen", ("commune",), (), m.Quota(count=1))
    third = m.AwardRule("gk", "giay-khen", ("commune",), (), m.Quota(count=1), exclusive_with=("co",))
    out = awards_of({"xa-a": 95, "xa-b": 85}, [first, second, third])
    # xa-a holds co and bk; gk excludes co holders: it goes to xa-b
    assert {r: a.granted for r, a in out["xa-a"].items()} == {"co": True, "bk": True, "gk": False}
    assert out["xa-b"]["gk"].granted
    first_step = out["xa-a"]["gk"].trace[0]
    assert (first_step.code, dict(first_step.args)) == ("award_exclusive", {"held": ("co",)})


def test_no_place_at_all_leaves_nobody_tied():
    rule = m.AwardRule("co", "co-thi-dua", ("commune",), (), m.Quota(count=0))
    out = awards_of({"xa-a": 95, "xa-b": 95}, [rule])
    assert [quota_step(out[u]["co"]) for u in ("xa-a", "xa-b")] == [
        {
            "allowed": 0,
            "eligible": 2,
            "position": 1,
            "granted": False,
            "tied": False,
            "group": "cum-1",
            "tied_with": (),
            "value": None,
        },
        {
            "allowed": 0,
            "eligible": 2,
            "position": 2,
            "granted": False,
            "tied": False,
            "group": "cum-1",
            "tied_with": (),
            "value": None,
        },
    ]


def test_units_below_a_clean_cut_are_not_tied():
    rule = m.AwardRule("co", "co-thi-dua", ("commune",), (), m.Quota(count=1))
    out = awards_of({"xa-a": 95, "xa-b": 90, "xa-c": 90}, [rule])
    # xa-a alone first; xa-b and xa-c tie for second, below the cut: not "tied at the cut"
    steps = [quota_step(out[u]["co"]) for u in ("xa-a", "xa-b", "xa-c")]
    assert [(s["granted"], s["tied"]) for s in steps] == [(True, False), (False, False), (False, False)]


def test_counts_reported_under_two_labels_of_one_grade_add_up():
    target = m.ZeroCountTarget("khong-yeu", "không có yếu kém", "hamlet", "kht")
    campaign = make_campaign(targets=(target,))
    reported = {"hamlet": {"htt": 5, "kht": 1, "yếu kém": 2}}  # 8 hamlets: htxs and ht left out count 0
    t = thidua.evaluate(campaign, make_results([row("xa-a", counts=reported, totals={"hamlet": 8})]))
    t = t.target("xa-a", "khong-yeu")
    assert (t.status, t.numerator) == (Status.NOT_MET, 3)


def test_a_unit_counts_its_sub_units_once_per_missing_input_policy():
    # two targets of one unit over the same hamlets, one leaving the unrated hamlet out, one counting it
    out = m.ShareTarget("a", "tốt", "hamlet", "htt", "75%", "all", missing="exclude")
    kept = m.ShareTarget("b", "tốt", "hamlet", "htt", "75%", "all", missing="not_met")
    campaign = make_campaign(targets=(out, kept), hamlets={"xa-a": 4})
    rows = [row(f"xa-a-ap-{i}", rating="htt") for i in (1, 2, 3)]
    ev = thidua.evaluate(campaign, make_results(rows))
    assert (ev.target("xa-a", "a").denominator, ev.target("xa-a", "b").denominator) == (3, 4)
