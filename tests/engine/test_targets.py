"""Every target kind at and around its boundary; expected values worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import math
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import thidua
from engine_builders import counts, make_campaign, make_results, row
from problem_text import en, raises_en
from thidua import model as m
from thidua.engine import Status
from thidua.errors import DataError, MissingInputError, ModelError, RuleError

GOOD = m.ShareTarget("bctmt-good", "BCTMT tốt trở lên", "hamlet", "htt", "80%", "all")
EXC_ALL = m.OfWhichTarget("bctmt-exc-all", "trong đó xuất sắc", "bctmt-good", "htxs", "30%", "all")
EXC_PARENT = m.OfWhichTarget("bctmt-exc-parent", "trong đó xuất sắc", "bctmt-good", "htxs", "30%", "parent")
NO_WEAK = m.ZeroCountTarget("bctmt-no-weak", "không có yếu kém", "hamlet", "kht")
HAMLET_TARGETS = (GOOD, EXC_ALL, EXC_PARENT, NO_WEAK)


def hamlet_eval(c: dict[str, object], targets=HAMLET_TARGETS, **kw):
    campaign = make_campaign(targets=targets, **kw)
    return thidua.evaluate(campaign, make_results([row("xa-a", counts=c)]))


# -- share, of which, zero count: the Vân Khánh Tây case ------------------------------


def test_van_khanh_tay_ten_hamlets():
    # 3 htxs, 5 htt, 1 ht, 1 "yếu kém" (legacy label of kht): 10 hamlets.
    ev = hamlet_eval(counts(3, 5, 1, 1, kht_label="yếu kém"))
    good = ev.target("xa-a", "bctmt-good")
    # good or better = 3 + 5 = 8; 8/10 = 80% >= 80%
    assert (good.status, good.numerator, good.denominator, good.share) == (Status.MET, 8, 10, Fraction(4, 5))
    assert good.shortfall == 0
    exc = ev.target("xa-a", "bctmt-exc-all")
    # excellent 3 over all 10 = 30% >= 30%
    assert (exc.status, exc.numerator, exc.denominator, exc.share) == (Status.MET, 3, 10, Fraction(3, 10))
    # the other reading (over the 8 good or better) = 3/8, shown for information
    assert exc.alternative == Fraction(3, 8)
    weak = ev.target("xa-a", "bctmt-no-weak")
    # one hamlet rated kht ("yếu kém"): not met, 1 too many
    assert (weak.status, weak.numerator, weak.shortfall) == (Status.NOT_MET, 1, 1)


def test_van_khanh_tay_legacy_label_in_nfd_form():
    nfd = "ye\u0302\u0301u ke\u0301m"
    ev = hamlet_eval(counts(3, 5, 1, 1, kht_label=nfd))
    assert ev.target("xa-a", "bctmt-no-weak").numerator == 1
    assert ev.target("xa-a", "bctmt-good").denominator == 10


def test_share_one_below_the_threshold():
    # 2 htxs + 5 htt = 7 good or better of 10 = 70% < 80%: one more needed
    ev = hamlet_eval(counts(2, 5, 3, 0))
    good = ev.target("xa-a", "bctmt-good")
    assert (good.status, good.numerator, good.denominator, good.shortfall) == (Status.NOT_MET, 7, 10, 1)
    # excellent 2/10 = 20% < 30%: 3 needed, 1 more
    exc = ev.target("xa-a", "bctmt-exc-all")
    assert (exc.status, exc.numerator, exc.shortfall) == (Status.NOT_MET, 2, 1)
    # none weak: met, count 0
    weak = ev.target("xa-a", "bctmt-no-weak")
    assert (weak.status, weak.numerator, weak.shortfall) == (Status.MET, 0, 0)


def test_share_is_cumulative_good_or_better():
    # 10 htxs and nothing else: all 10 are "good or better"
    good = hamlet_eval(counts(10, 0, 0, 0)).target("xa-a", "bctmt-good")
    assert (good.numerator, good.denominator, good.status) == (10, 10, Status.MET)


def test_cluster_two_of_which_both_readings():
    # Cluster 2 case: 11 hamlets, 3 htxs, 6 htt, 2 ht.
    ev = hamlet_eval(counts(3, 6, 2, 0))
    good = ev.target("xa-a", "bctmt-good")
    assert (good.status, good.numerator, good.denominator) == (Status.MET, 9, 11)  # 81.8% >= 80%
    over_all = ev.target("xa-a", "bctmt-exc-all")
    # 3/11 = 27.27% < 30%: not met; 30% of 11 = 3.3, so 4 needed, 1 more
    assert (over_all.status, over_all.numerator, over_all.denominator) == (Status.NOT_MET, 3, 11)
    assert over_all.share == Fraction(3, 11)
    assert over_all.shortfall == 1
    assert over_all.alternative == Fraction(3, 9)
    over_parent = ev.target("xa-a", "bctmt-exc-parent")
    # 3/9 = 33.3% >= 30%: met
    assert (over_parent.status, over_parent.numerator, over_parent.denominator) == (Status.MET, 3, 9)
    assert over_parent.share == Fraction(1, 3)
    assert over_parent.alternative == Fraction(3, 11)


def test_of_which_listed_before_its_parent():
    # the agreement lists the "of which" first: same verdicts, the targets in the agreement's order
    ev = hamlet_eval(counts(3, 5, 1, 1), targets=(EXC_PARENT, NO_WEAK, GOOD))
    assert [t.target for t in ev.unit("xa-a").targets] == ["bctmt-exc-parent", "bctmt-no-weak", "bctmt-good"]
    exc = ev.target("xa-a", "bctmt-exc-parent")
    # 3 excellent of the 8 good or better: 3/8 = 37.5% >= 30%
    assert (exc.status, exc.numerator, exc.denominator, exc.share) == (Status.MET, 3, 8, Fraction(3, 8))
    assert ev.target("xa-a", "bctmt-good").numerator == 8


def test_of_which_parent_base_empty_is_not_met():
    # nobody good or better: 0 of 0 cannot reach 30%
    ev = hamlet_eval(counts(0, 0, 4, 1))
    t = ev.target("xa-a", "bctmt-exc-parent")
    assert t.status is Status.NOT_MET
    assert t.denominator == 0


def test_of_which_trace_names_the_base():
    ev = hamlet_eval(counts(3, 6, 2, 0))
    step = next(s for s in ev.target("xa-a", "bctmt-exc-parent").trace if s.code == "of_which")
    assert step.args["base"] == "parent"
    assert step.args["alternative_met"] is False  # 3/11 < 30%


CAMPAIGN_DOC = {
    "schema_version": 1,
    "document": "campaign",
    "id": "c",
    "name": "C",
    "year": 2022,
    "levels": [{"id": "commune", "name": "Xã"}, {"id": "hamlet", "name": "Ấp"}],
    "units": [{"id": "xa-a", "name": "Xã A", "level": "commune"}],
    "clusters": [{"id": "cum-1", "name": "Cụm 1", "kind": "cluster", "year": 2022, "members": ["xa-a"]}],
    "scales": [
        {
            "id": "s",
            "name": "S",
            "levels": ["hamlet"],
            "grades": [{"id": "htxs", "name": "XS"}, {"id": "htt", "name": "T"}],
        }
    ],
    "agreements": [
        {
            "id": "a",
            "clusters": ["cum-1"],
            "content_areas": [
                {
                    "id": "ca",
                    "name": "N",
                    "targets": [
                        {
                            "kind": "share",
                            "id": "t",
                            "name": "tốt",
                            "counts": "hamlet",
                            "grade": "htt",
                            "at_least": "80%",
                            "base": "all",
                        },
                        {
                            "kind": "of_which",
                            "id": "t2",
                            "name": "trong đó",
                            "parent": "t",
                            "grade": "htxs",
                            "at_least": "30%",
                        },
                    ],
                }
            ],
        }
    ],
}


def test_of_which_without_base_is_refused_when_loaded():
    with pytest.raises(DataError) as info:
        thidua.io.loads(json.dumps(CAMPAIGN_DOC), "json")
    paths = [p.split(":")[0] for p in en(info.value.problems)]
    assert any(p.endswith(".base") for p in paths), en(info.value.problems)
    assert "agreements[0].content_areas[0].targets[1].base" in paths


def test_of_which_with_base_loads():
    doc = json.loads(json.dumps(CAMPAIGN_DOC))
    doc["agreements"][0]["content_areas"][0]["targets"][1]["base"] = "parent"
    campaign = thidua.io.loads(json.dumps(doc), "json")
    assert campaign.targets()[1].base is m.Base.PARENT


def test_share_without_base_is_refused_and_parent_base_on_a_share_is_refused():
    doc = json.loads(json.dumps(CAMPAIGN_DOC))
    del doc["agreements"][0]["content_areas"][0]["targets"][0]["base"]
    with pytest.raises(DataError) as info:
        thidua.io.loads(json.dumps(doc), "json")
    assert any(p.split(":")[0].endswith("targets[0].base") for p in en(info.value.problems))
    with pytest.raises(ModelError):
        m.ShareTarget("t", "x", "hamlet", "htt", "80%", "parent")


# -- cluster-wide share over communes: 11 communes all good or better -------------------

COMMUNES11 = tuple(f"xa-{i:02d}" for i in range(1, 12))
ALL_GOOD = m.ShareTarget("xa-tot", "100% xã tốt trở lên", "commune", "htt", "100%", "all", scope="cluster")
OF_WHICH_EXC = m.OfWhichTarget("xa-xuat-sac", "trong đó xuất sắc", "xa-tot", "htxs", "30%", "all")


def communes_eval(n_excellent: int, *, last: str = "htt", **kw):
    campaign = make_campaign(communes=COMMUNES11, targets=(ALL_GOOD, OF_WHICH_EXC), scales=None, **kw)
    campaign = _reported_commune_scale(campaign)
    ratings = ["htxs"] * n_excellent + ["htt"] * (10 - n_excellent) + [last]
    rows = [row(u, rating=g) for u, g in zip(COMMUNES11, ratings, strict=True)]
    return thidua.evaluate(campaign, make_results(rows))


def _reported_commune_scale(campaign: m.Campaign) -> m.Campaign:
    import attrs

    from engine_builders import commune_scale, hamlet_scale

    return attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale(bands=False)))


def test_eleven_communes_three_excellent_not_met():
    ev = communes_eval(3)
    good = ev.target("cum-1", "xa-tot")
    assert (good.status, good.numerator, good.denominator) == (Status.MET, 11, 11)
    exc = ev.target("cum-1", "xa-xuat-sac")
    # 3/11 = 27.3% < 30%
    assert (exc.status, exc.numerator, exc.denominator) == (Status.NOT_MET, 3, 11)


def test_eleven_communes_four_excellent_met():
    ev = communes_eval(4)
    exc = ev.target("cum-1", "xa-xuat-sac")
    # 4/11 = 36.4% >= 30%
    assert (exc.status, exc.numerator, exc.denominator) == (Status.MET, 4, 11)


def test_eleven_communes_one_only_completed_fails_the_hundred_percent():
    ev = communes_eval(4, last="ht")
    good = ev.target("cum-1", "xa-tot")
    # 10/11 < 100%: one more needed
    assert (good.status, good.numerator, good.denominator, good.shortfall) == (Status.NOT_MET, 10, 11, 1)


def test_cluster_targets_are_not_member_targets():
    ev = communes_eval(4)
    assert ev.unit("xa-01").targets == ()
    assert {t.target for t in ev.cluster("cum-1").targets} == {"xa-tot", "xa-xuat-sac"}


# -- exact shares: 7/10 vs 70%, 1/3 vs 1/3, 2/3 vs 66.67% -----------------------------


@pytest.mark.parametrize(
    ("good", "total", "threshold", "met"),
    [
        (7, 10, "70%", True),  # 7/10 >= 7/10
        (6, 10, "70%", False),  # 6/10 < 7/10
        (7, 10, "0.7", True),  # the same threshold written as a proportion
        (1, 3, "1/3", True),  # 1/3 >= 1/3
        (1, 3, "100/3%", True),  # 100/3 % = 1/3
        (1, 3, "33.33%", True),  # 1/3 = 0.3333... >= 0.3333
        (1, 3, "33.34%", False),  # 0.3333... < 0.3334
        (2, 3, "66.67%", False),  # 2/3 = 0.6666... < 0.6667
        (2, 3, "66.66%", True),  # 0.6666... >= 0.6666
        (2, 3, "2/3", True),
        (3, 10, "30%", True),  # the float trap: 0.3 * 10 = 3.0000000000000004 in binary
        (3, 10, "0.3", True),
    ],
)
def test_exact_share_thresholds(good, total, threshold, met):
    target = m.ShareTarget("t", "tốt", "hamlet", "htt", threshold, "all")
    ev = hamlet_eval(counts(0, good, total - good, 0), targets=(target,))
    t = ev.target("xa-a", "t")
    assert t.met is met
    assert (t.numerator, t.denominator) == (good, total)


_SHARES = st.fractions(min_value=0, max_value=1, max_denominator=10**4)


@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), _SHARES, _SHARES)
def test_share_and_of_which_verdicts_and_shortfalls_are_fraction_arithmetic(exc, good, rest, th_good, th_exc):
    # exc excellent, good good, rest completed: a share, and "of which" over all and over the parent
    share = m.ShareTarget("t", "tốt", "hamlet", "htt", th_good, "all")
    over_all = m.OfWhichTarget("a", "xs", "t", "htxs", th_exc, "all")
    over_parent = m.OfWhichTarget("p", "xs", "t", "htxs", th_exc, "parent")
    total = exc + good + rest
    assume(total > 0)
    ev = hamlet_eval(counts(exc, good, rest, 0), targets=(share, over_all, over_parent))

    def want(num, den, threshold):
        met = den > 0 and Fraction(num, den) >= threshold
        return met, 0 if met or den == 0 else math.ceil(threshold * den) - num

    for tid, num, den, threshold in [
        ("t", exc + good, total, th_good),
        ("a", exc, total, th_exc),
        ("p", exc, exc + good, th_exc),
    ]:
        t = ev.target("xa-a", tid)
        assert (t.numerator, t.denominator) == (num, den)
        assert (t.met, t.shortfall) == want(num, den, threshold)


def test_threshold_is_kept_exact_in_the_outcome():
    target = m.ShareTarget("t", "tốt", "hamlet", "htt", "66.67%", "all")
    t = hamlet_eval(counts(0, 2, 1, 0), targets=(target,)).target("xa-a", "t")
    assert t.threshold == Fraction(6667, 10000)
    assert t.shortfall == 1  # ceil(0.6667 * 3) = 3 needed, 2 have it


def test_float_threshold_is_refused():
    with pytest.raises(ModelError):
        m.ShareTarget("t", "tốt", "hamlet", "htt", 0.3, "all")


# -- individually rated hamlets and the missing-input policies ---------------------------


def hamlets_eval(ratings: list[str | None], *, missing: str = "error", target_missing: str | None = None, **kw):
    share = m.ShareTarget("t", "tốt", "hamlet", "htt", "75%", "all", missing=target_missing)
    zero = m.ZeroCountTarget("z", "không yếu kém", "hamlet", "kht", missing=target_missing)
    campaign = make_campaign(targets=(share, zero), hamlets={"xa-a": len(ratings)}, missing=missing, **kw)
    rows = [row(f"xa-a-ap-{i}", rating=g) for i, g in enumerate(ratings, 1) if g is not None]
    return thidua.evaluate(campaign, make_results(rows))


def test_hamlets_rated_one_by_one():
    ev = hamlets_eval(["htxs", "htt", "htt", "ht"])
    t = ev.target("xa-a", "t")
    # 3 of 4 = 75% >= 75%
    assert (t.status, t.numerator, t.denominator) == (Status.MET, 3, 4)


def test_missing_rating_policy_error():
    with pytest.raises(MissingInputError) as info:
        hamlets_eval(["htxs", "htt", "htt", None])
    assert info.value.rule_id in {"t", "z"}


def test_missing_rating_policy_exclude_leaves_it_out_of_the_base():
    ev = hamlets_eval(["htxs", "htt", "ht", None], missing="exclude")
    t = ev.target("xa-a", "t")
    # the unrated hamlet is left out: 2 of 3 = 66.7% < 75%
    assert (t.numerator, t.denominator, t.status) == (2, 3, Status.NOT_MET)
    assert any(s.code == "unrated" for s in t.trace)


def test_missing_rating_policy_exclude_can_meet():
    ev = hamlets_eval(["htxs", "htt", "htt", None], missing="exclude")
    t = ev.target("xa-a", "t")
    # 3 of 3 = 100%
    assert (t.numerator, t.denominator, t.status) == (3, 3, Status.MET)


def test_missing_rating_policy_not_met_counts_it_as_not_reaching():
    ev = hamlets_eval(["htxs", "htt", "htt", None], missing="not_met")
    t = ev.target("xa-a", "t")
    # unrated counted in the base, not in the numerator: 3 of 4 = 75%, met exactly
    assert (t.numerator, t.denominator) == (3, 4)
    ev = hamlets_eval(["htxs", "htt", "ht", None], missing="not_met")
    t = ev.target("xa-a", "t")
    assert (t.numerator, t.denominator, t.status) == (2, 4, Status.NOT_MET)


def test_zero_count_with_an_unrated_hamlet_under_not_met_is_not_met():
    # "none weak" cannot be asserted when a hamlet has no rating: the policy says the rule is not met.
    ev = hamlets_eval(["htxs", "htt", "htt", None], missing="not_met")
    assert ev.target("xa-a", "z").status is Status.NOT_MET


def test_target_policy_overrides_the_campaign_policy():
    ev = hamlets_eval(["htxs", "htt", "ht", None], missing="error", target_missing="exclude")
    assert ev.target("xa-a", "t").denominator == 3


def test_all_hamlets_unrated_under_exclude_excludes_the_target():
    ev = hamlets_eval([None, None], missing="exclude")
    assert ev.target("xa-a", "t").status is Status.EXCLUDED


def test_cluster_share_excludes_an_unrated_commune():
    import attrs

    from engine_builders import commune_scale, hamlet_scale

    target = m.ShareTarget("xa-tot", "xã tốt", "commune", "htt", "100%", "all", scope="cluster", missing="exclude")
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), targets=(target,))
    campaign = attrs.evolve(campaign, scales=(hamlet_scale(), commune_scale(bands=False)))
    rows = [row("xa-a", rating="htt"), row("xa-b", rating="htxs")]
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "xa-tot")
    # xa-c has no rating: left out of the base, 2 of 2
    assert (t.numerator, t.denominator, t.status) == (2, 2, Status.MET)


# -- count ---------------------------------------------------------------------------


def measure_eval(target: m.Target, measures: dict[str, object], **kw):
    campaign = make_campaign(targets=(target,), **kw)
    return thidua.evaluate(campaign, make_results([row("xa-a", measures=measures)])).target("xa-a", target.id)


COUNT = m.CountTarget("mo-hinh", "ít nhất 1 mô hình", "models", 1)


@pytest.mark.parametrize(("value", "met", "shortfall"), [(0, False, 1), (1, True, 0), (2, True, 0)])
def test_count_target(value, met, shortfall):
    t = measure_eval(COUNT, {"models": value})
    assert (t.met, t.numerator, t.shortfall) == (met, value, shortfall)


def test_count_target_fractional_threshold():
    target = m.CountTarget("c", "ít nhất 2.5", "x", "2.5")
    assert measure_eval(target, {"x": "2.5"}).met
    t = measure_eval(target, {"x": "2.49"})
    assert not t.met
    assert t.shortfall == Fraction(1, 100)


def test_count_target_missing_measure_policies():
    with pytest.raises(MissingInputError) as info:
        measure_eval(COUNT, {})
    assert (info.value.unit_id, info.value.rule_id) == ("xa-a", "mo-hinh")
    t = measure_eval(COUNT, {}, missing="not_met")
    assert t.status is Status.NOT_MET
    assert any(s.code == "missing" for s in t.trace)
    t = measure_eval(COUNT, {}, missing="exclude")
    assert t.status is Status.EXCLUDED


def test_excluded_target_does_not_fail_all_targets_met():
    rated = m.CountTarget("khac", "khác", "other", 1)
    campaign = make_campaign(
        targets=(COUNT, rated),
        missing="exclude",
        awards=(m.AwardRule("co", "co-thi-dua", ("commune",), (m.AllTargetsMet(),)),),
    )
    ev = thidua.evaluate(campaign, make_results([row("xa-a", measures={"other": 3})]))
    assert ev.target("xa-a", "mo-hinh").status is Status.EXCLUDED
    assert ev.unit("xa-a").awards[0].eligible


def test_cluster_count_sums_the_members():
    target = m.CountTarget("c", "cụm ít nhất 5", "x", 5, scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(target,))
    rows = [row("xa-a", measures={"x": 2}), row("xa-b", measures={"x": 3})]
    t = thidua.evaluate(campaign, make_results(rows)).target("cum-1", "c")
    assert (t.numerator, t.met) == (5, True)  # 2 + 3 = 5 >= 5


# -- quota ---------------------------------------------------------------------------

FUND = m.QuotaTarget("quy", "Quỹ Vì người nghèo", "fund_raised", quota=150_000_000)


@pytest.mark.parametrize(
    ("raised", "met", "shortfall"),
    [(149_999_999, False, 1), (150_000_000, True, 0), (150_000_001, True, 0), (0, False, 150_000_000)],
)
def test_fund_quota_fixed(raised, met, shortfall):
    t = measure_eval(FUND, {"fund_raised": raised})
    assert (t.met, t.numerator, t.denominator, t.shortfall) == (met, raised, 150_000_000, shortfall)


def test_fund_quota_share_is_exact():
    t = measure_eval(FUND, {"fund_raised": 149_999_999})
    assert t.share == Fraction(149_999_999, 150_000_000)


@pytest.mark.parametrize(
    ("raised", "quota", "met"), [(99, 100, False), (100, 100, True), (120_000_000, 120_000_000, True)]
)
def test_fund_quota_from_a_measure(raised, quota, met):
    target = m.QuotaTarget("quy", "Quỹ", "fund_raised", quota_measure="fund_quota")
    t = measure_eval(target, {"fund_raised": raised, "fund_quota": quota})
    assert t.met is met
    assert t.shortfall == quota - raised if not met else t.shortfall == 0


def test_fund_quota_refuses_a_fraction_of_a_dong():
    # refused with its path when the results are checked, before any evaluation
    with pytest.raises(ModelError) as info:
        measure_eval(FUND, {"fund_raised": "149999999.5"})
    assert [(p.path, p.code) for p in info.value.problems] == [("units[0].measures.fund_raised", "amount-not-whole")]


def test_a_quota_of_zero_or_below_is_refused():
    with pytest.raises(ModelError) as info:
        m.QuotaTarget("q", "Q", "x", quota=0)
    assert [(p.path, p.code) for p in info.value.problems] == [("quota", "quota-not-positive")]


def test_quota_needs_exactly_one_of_quota_and_measure():
    with pytest.raises(ModelError):
        m.QuotaTarget("q", "Q", "x")
    with pytest.raises(ModelError):
        m.QuotaTarget("q", "Q", "x", quota=1, quota_measure="y")
    with pytest.raises(ModelError):
        m.QuotaTarget("q", "Q", "x", quota="1.5")


# -- deadline --------------------------------------------------------------------------

DEADLINE = m.DeadlineTarget("ngay-hoi", "Tổ chức Ngày hội trước 18/11", "festival", dt.date(2022, 11, 18))


def deadline_eval(done: dt.date | None, **kw):
    campaign = make_campaign(targets=(DEADLINE,), **kw)
    dates = {"festival": done} if done else {}
    return thidua.evaluate(campaign, make_results([row("xa-a", dates=dates)])).target("xa-a", "ngay-hoi")


@pytest.mark.parametrize(
    ("done", "met"),
    [(dt.date(2022, 11, 17), True), (dt.date(2022, 11, 18), True), (dt.date(2022, 11, 19), False)],
)
def test_deadline(done, met):
    assert deadline_eval(done).met is met


def test_deadline_missing_date():
    with pytest.raises(MissingInputError):
        deadline_eval(None)
    assert deadline_eval(None, missing="not_met").status is Status.NOT_MET


def test_cluster_deadline_uses_the_last_member():
    target = m.DeadlineTarget("d", "cả cụm", "festival", dt.date(2022, 11, 18), scope="cluster")
    campaign = make_campaign(communes=("xa-a", "xa-b"), targets=(target,))
    rows = [
        row("xa-a", dates={"festival": dt.date(2022, 11, 1)}),
        row("xa-b", dates={"festival": dt.date(2022, 11, 19)}),
    ]
    assert not thidua.evaluate(campaign, make_results(rows)).target("cum-1", "d").met


# -- change --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "met", "shortfall"),
    [
        ("5", "2.5", True, 0),
        ("5", "2.6", False, Fraction(1, 10)),
        ("5", "1", True, 0),
        ("5", "5", False, Fraction(5, 2)),
    ],
)
def test_change_decrease(start, end, met, shortfall):
    target = m.ChangeTarget("ngheo", "giảm hộ nghèo 2.5 điểm", "poor_rate", "poor_rate_start", "decrease", "2.5")
    t = measure_eval(target, {"poor_rate": end, "poor_rate_start": start})
    assert (t.met, t.shortfall) == (met, shortfall)


@pytest.mark.parametrize(("start", "end", "met"), [(10, 12, True), (10, 11, False), (10, 13, True), (10, 8, False)])
def test_change_increase(start, end, met):
    target = m.ChangeTarget("tang", "tăng 2", "members", "members_start", "increase", 2)
    t = measure_eval(target, {"members": end, "members_start": start})
    assert t.met is met
    assert t.numerator == end - start


def test_change_direction_is_checked():
    with raises_en(ValueError, "direction"):
        m.ChangeTarget("x", "x", "a", "b", "sideways", 1)


# -- formula ---------------------------------------------------------------------------

FORMULA = m.FormulaTarget("thoat-ngheo", "30% hộ nghèo thoát nghèo", "lifted / poor_at_start >= 30%")


@pytest.mark.parametrize(("lifted", "met"), [(3, True), (2, False), (10, True)])
def test_formula_target(lifted, met):
    assert measure_eval(FORMULA, {"lifted": lifted, "poor_at_start": 10}).met is met


def test_formula_float_trap():
    target = m.FormulaTarget("f", "f", "a + b >= 0.3")
    # 0.1 + 0.2 is 0.30000000000000004 in binary floats; exactly 0.3 here
    assert measure_eval(target, {"a": "0.1", "b": "0.2"}).met
    target = m.FormulaTarget("f", "f", "a + b <= 0.3")
    assert measure_eval(target, {"a": "0.1", "b": "0.2"}).met


def test_formula_with_an_indicator():
    target = m.FormulaTarget("f", "f", "rate >= 30%")
    ind = m.Indicator("rate", "lifted / poor_at_start")
    assert measure_eval(target, {"lifted": 3, "poor_at_start": 10}, indicators=(ind,)).met
    assert not measure_eval(target, {"lifted": 29, "poor_at_start": 100}, indicators=(ind,)).met


def test_formula_missing_measure():
    with pytest.raises(MissingInputError):
        measure_eval(FORMULA, {"lifted": 3})
    assert measure_eval(FORMULA, {"lifted": 3}, missing="exclude").status is Status.EXCLUDED


def test_formula_giving_a_number_is_a_rule_error():
    with pytest.raises(RuleError):
        measure_eval(m.FormulaTarget("f", "f", "lifted + 1"), {"lifted": 3})


def test_every_target_kind_reports_its_kind():
    targets = (
        GOOD,
        EXC_ALL,
        NO_WEAK,
        COUNT,
        FUND,
        DEADLINE,
        m.ChangeTarget("ch", "ch", "members", "members_start", "increase", 1),
        FORMULA,
    )
    campaign = make_campaign(targets=targets)
    r = row(
        "xa-a",
        counts=counts(3, 5, 2, 0),
        measures={
            "models": 1,
            "fund_raised": 150_000_000,
            "members": 3,
            "members_start": 1,
            "lifted": 3,
            "poor_at_start": 10,
        },
        dates={"festival": dt.date(2022, 11, 18)},
    )
    ev = thidua.evaluate(campaign, make_results([r]))
    kinds = {t.target: t.kind for t in ev.unit("xa-a").targets}
    assert kinds == {
        "bctmt-good": "share",
        "bctmt-exc-all": "of_which",
        "bctmt-no-weak": "zero_count",
        "mo-hinh": "count",
        "quy": "quota",
        "ngay-hoi": "deadline",
        "ch": "change",
        "thoat-ngheo": "formula",
    }
    assert ev.unit("xa-a").targets_met == 8
    for t in ev.unit("xa-a").targets:
        assert t.trace[-1].code == "verdict"
        assert t.trace[-1].args["met"] is True
