"""Property tests: order invariance, an independent Fraction oracle, and the float trap."""

from __future__ import annotations

from fractions import Fraction

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua
from engine_builders import commune_scale, counts, hamlet_scale, make_campaign, make_results, row, score_rubric
from thidua import model as m

ROUNDINGS = ("floor", "ceiling", "half_up", "half_even", "half_down")
#: Thresholds written as a person would: percentages, proportions, fractions.
THRESHOLDS = ("0%", "30%", "1/3", "100/3%", "50%", "0.5", "66.67%", "2/3", "70%", "75%", "80%", "0.8", "100%")


@st.composite
def thresholds(draw):
    """An exact threshold text and its value, worked out here without the library."""
    kind = draw(st.sampled_from(("pct", "fraction", "listed")))
    if kind == "pct":
        hundredths = draw(st.integers(0, 10_000))  # 0.00% .. 100.00%
        text = f"{hundredths // 100}.{hundredths % 100:02d}%"
        return text, Fraction(hundredths, 10_000)
    if kind == "fraction":
        den = draw(st.integers(1, 12))
        num = draw(st.integers(0, den))
        return f"{num}/{den}", Fraction(num, den)
    text = draw(st.sampled_from(THRESHOLDS))
    value = {
        "0%": Fraction(0),
        "30%": Fraction(3, 10),
        "1/3": Fraction(1, 3),
        "100/3%": Fraction(1, 3),
        "50%": Fraction(1, 2),
        "0.5": Fraction(1, 2),
        "66.67%": Fraction(6667, 10000),
        "2/3": Fraction(2, 3),
        "70%": Fraction(7, 10),
        "75%": Fraction(3, 4),
        "80%": Fraction(4, 5),
        "0.8": Fraction(4, 5),
        "100%": Fraction(1),
    }[text]
    return text, value


@st.composite
def cases(draw):
    """A random campaign of 1–2 clusters of 2–6 communes, with hamlet counts, scores, caps, awards, decisions."""
    n_clusters = draw(st.integers(1, 2))
    sizes = [draw(st.integers(2, 6)) for _ in range(n_clusters)]
    clusters = {f"cum-{c}": [f"xa-{c}-{i}" for i in range(size)] for c, size in enumerate(sizes, 1)}
    communes = [u for members in clusters.values() for u in members]
    good_text, _good = draw(thresholds())
    exc_text, _exc = draw(thresholds())
    base = draw(st.sampled_from(("all", "parent")))
    targets = (
        m.ShareTarget("tot", "tốt", "hamlet", "htt", good_text, "all"),
        m.OfWhichTarget("xs", "xuất sắc", "tot", "htxs", exc_text, base),
        m.ZeroCountTarget("yeu", "không yếu kém", "hamlet", "kht"),
        m.QuotaTarget("quy", "quỹ", "raised", quota_measure="quota"),
        m.ShareTarget("xa-tot", "xã tốt", "commune", "htt", draw(st.sampled_from(THRESHOLDS)), "all", scope="cluster"),
        m.OfWhichTarget("xa-xs", "xã xs", "xa-tot", "htxs", draw(st.sampled_from(THRESHOLDS)), "all"),
    )
    caps = (
        m.GradeCap(
            "htxs",
            draw(st.sampled_from(("20%", "30%", "50%"))),
            "htt",
            within=draw(st.sampled_from(("cluster", "level"))),
            rounding=draw(st.sampled_from(ROUNDINGS)),
            tie_break=("tie",) if draw(st.booleans()) else (),
        ),
    )
    requires = (m.AllTargetsMet(),) if draw(st.booleans()) else ()
    rubric = score_rubric(
        (
            m.Criterion("diem", "Điểm", 80, m.PerOccurrence("score", 1)),
            m.Criterion("quy", "Quỹ", 15, m.Proportional("raised", target_measure="quota")),
            m.Criterion("dat", "Đạt", 5, m.PassFail(m.TargetMet("tot"))),
            m.Criterion("cham", "Chậm", 0, m.Penalty("late", 1, -3)),
        )
    )
    awards = (
        m.AwardRule("co", "co-thi-dua", ("commune",), (m.MinGrade("htxs"), m.MaxRank(1)), m.Quota(count=1)),
        m.AwardRule(
            "bk",
            "bang-khen",
            ("commune",),
            (m.MinGrade("htt"),),
            m.Quota(share="50%", rounding=draw(st.sampled_from(ROUNDINGS))),
            exclusive_with=("co",),
        ),
        m.AwardRule(
            "gk",
            "giay-khen",
            ("commune",),
            (m.AnyOf((m.MinGrade("htxs"), m.TargetMet("yeu"))),),
            m.Quota(share="1/3", of="eligible", rounding=draw(st.sampled_from(ROUNDINGS))),
            within=draw(st.sampled_from(("cluster", "campaign"))),
        ),
    )
    campaign = make_campaign(
        communes=communes,
        clusters=clusters,
        targets=targets,
        scales=(hamlet_scale(), commune_scale(caps=caps, top_requires=requires)),
        rubric=rubric,
        awards=awards,
        tie_breaks=("tie",) if draw(st.booleans()) else (),
    )
    rows = []
    for u in communes:
        c = [draw(st.integers(0, 5)) for _ in range(4)]
        if sum(c) == 0:
            c[1] = 1
        quota = draw(st.integers(1, 5)) * 10
        rows.append(
            row(
                u,
                counts=counts(*c),
                measures={
                    "score": draw(st.integers(72, 80)),
                    "raised": quota + draw(st.integers(-3, 10)),
                    "quota": quota,
                    "late": draw(st.integers(0, 4)),
                    "tie": draw(st.integers(0, 3)),
                },
            )
        )
    decisions = []
    for cid, members in clusters.items():
        if draw(st.booleans()):
            order = draw(st.permutations(members))
            proposals = tuple(
                m.Proposal(u, draw(st.sampled_from(("co", "bk", "gk"))))
                for u in draw(st.lists(st.sampled_from(members), max_size=3, unique=True))
            )
            decisions.append(m.Decision(cid, tuple(order), proposals))
    return campaign, make_results(rows, decisions)


def summary(ev):
    """Everything a person reads in an evaluation, in an order-free form."""
    units = {
        u.unit: (
            {t.target: (t.status, t.numerator, t.denominator, t.share, t.shortfall) for t in u.targets},
            None if u.score is None else (u.score.total, u.score.standard, u.score.bonus, u.score.penalty),
            (u.rating.grade, u.rating.capped),
            u.rank,
            {a.award: (a.eligible, a.granted) for a in u.awards},
        )
        for u in ev.units
    }
    clusters = {
        c.cluster: (
            {t.target: (t.status, t.numerator, t.denominator) for t in c.targets},
            {e.unit: e.rank for e in c.ranking.entries},
            sorted((x.severity, x.code, repr(sorted(x.args.items()))) for x in c.conflicts),
        )
        for c in ev.clusters
    }
    rankings = {r.group: {e.unit: e.rank for e in r.entries} for r in ev.rankings}
    return units, clusters, rankings


@settings(max_examples=40)
@given(cases(), st.randoms(use_true_random=False))
def test_shuffling_rows_members_and_decisions_changes_nothing(case, rng):
    campaign, results = case
    before = thidua.evaluate(campaign, results)
    units = list(results.units)
    rng.shuffle(units)
    decisions = list(results.decisions)
    rng.shuffle(decisions)
    clusters = []
    for cl in campaign.clusters:
        members = list(cl.members)
        rng.shuffle(members)
        clusters.append(attrs.evolve(cl, members=tuple(members)))
    shuffled_campaign = attrs.evolve(campaign, clusters=tuple(clusters))
    shuffled_results = attrs.evolve(results, units=tuple(units), decisions=tuple(decisions))
    after = thidua.evaluate(shuffled_campaign, shuffled_results)
    assert summary(after) == summary(before)
    # result rows and decisions are unordered inputs; member order is part of the campaign document
    assert thidua.evaluate(campaign, shuffled_results).fingerprint == before.fingerprint


def _meets(num: int, den: int, threshold: Fraction) -> bool:
    # plain integers: num / den >= p / q  ⇔  num × q >= p × den (den > 0)
    return num * threshold.denominator >= threshold.numerator * den


def _needed(num: int, den: int, threshold: Fraction) -> int:
    k = 0
    while not _meets(num + k, den, threshold):
        k += 1
    return k


GRADE_ORDER = ("htxs", "htt", "ht", "kht")


@settings(max_examples=40)
@given(cases())
def test_shares_agree_with_a_plain_fraction_oracle(case):
    campaign, results = case
    ev = thidua.evaluate(campaign, results)
    targets = {t.id: t for t in campaign.targets()}
    good_thr = Fraction(targets["tot"].at_least)
    exc_thr = Fraction(targets["xs"].at_least)
    for r in results.units:
        n = r.counts["hamlet"]
        htxs, htt, ht, kht = (n["htxs"], n["htt"], n["ht"], n["kht"])
        total = htxs + htt + ht + kht
        good_n = htxs + htt
        t = ev.target(r.unit, "tot")
        assert (t.numerator, t.denominator) == (good_n, total)
        assert t.met is _meets(good_n, total, good_thr)
        assert t.shortfall == _needed(good_n, total, good_thr)
        t = ev.target(r.unit, "xs")
        den = total if targets["xs"].base is m.Base.ALL else good_n
        assert (t.numerator, t.denominator) == (htxs, den)
        assert t.met is (den > 0 and _meets(htxs, den, exc_thr))
        t = ev.target(r.unit, "yeu")
        assert (t.numerator, t.met) == (kht, kht == 0)
        t = ev.target(r.unit, "quy")
        raised, quota = int(r.measures["raised"]), int(r.measures["quota"])
        assert (t.met, t.shortfall) == (raised >= quota, max(0, quota - raised))
    # cluster-wide shares recomputed from the grades the engine gave
    for cl in campaign.clusters:
        grades = [ev.unit(u).rating.grade for u in cl.members]
        good_n = sum(1 for g in grades if g in ("htxs", "htt"))
        exc_n = sum(1 for g in grades if g == "htxs")
        t = ev.target(cl.id, "xa-tot")
        assert (t.numerator, t.denominator) == (good_n, len(grades))
        assert t.met is _meets(good_n, len(grades), Fraction(targets["xa-tot"].at_least))
        t = ev.target(cl.id, "xa-xs")
        assert (t.numerator, t.denominator) == (exc_n, len(grades))
        assert t.met is _meets(exc_n, len(grades), Fraction(targets["xa-xs"].at_least))


@settings(max_examples=40)
@given(cases())
def test_scores_agree_with_a_plain_fraction_oracle(case):
    campaign, results = case
    ev = thidua.evaluate(campaign, results)
    for r in results.units:
        meas = {k: int(v) for k, v in r.measures.items()}
        n = r.counts["hamlet"]
        total = sum(n.values())
        good_met = _meets(n["htxs"] + n["htt"], total, Fraction(campaign.targets()[0].at_least))
        expected = (
            min(80, meas["score"])
            + Fraction(15 * min(meas["raised"], meas["quota"]), meas["quota"])
            + (5 if good_met else 0)
            - min(3, meas["late"])
        )
        assert ev.unit(r.unit).score.total == expected


@settings(max_examples=60)
@given(st.integers(0, 10_000), st.integers(1, 60), st.sampled_from(("pct", "proportion")))
def test_float_trap_thresholds_are_exact(hundredths, n, form):
    # threshold p/10000 written as "a.bc%" or "0.abcd"; k = the fewest of n that meet it
    if form == "pct":
        text = f"{hundredths // 100}.{hundredths % 100:02d}%"
    else:
        text = f"{hundredths // 10_000}.{hundredths % 10_000:04d}"
    k = -(-hundredths * n // 10_000)  # ceil(p × n / 10000) with integers only
    target = m.ShareTarget("t", "t", "hamlet", "htt", text, "all")
    campaign = make_campaign(targets=(target,))
    rows = []
    for good in {min(k, n), max(k - 1, 0)}:
        rows = [row("xa-a", counts=counts(0, good, n - good, 0))]
        t = thidua.evaluate(campaign, make_results(rows)).target("xa-a", "t")
        assert t.met is (good >= k), (text, good, n)


def test_float_trap_classic_cases():
    # 0.3 × 10 = 3.0000000000000004 and 0.1 + 0.2 != 0.3 in binary floats
    for text in ("30%", "0.3", "3/10", "30.00%"):
        target = m.ShareTarget("t", "t", "hamlet", "htt", text, "all")
        campaign = make_campaign(targets=(target,))
        t = thidua.evaluate(campaign, make_results([row("xa-a", counts=counts(0, 3, 7, 0))])).target("xa-a", "t")
        assert t.met, text
        assert t.shortfall == 0
    formula = m.FormulaTarget("f", "f", "a + b >= 0.3 and a + b <= 0.3 and x * 0.3 == 3")
    campaign = make_campaign(targets=(formula,))
    res = make_results([row("xa-a", measures={"a": "0.1", "b": "0.2", "x": 10})])
    assert thidua.evaluate(campaign, res).target("xa-a", "f").met
