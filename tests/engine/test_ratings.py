"""Grades: bands, requirements, disqualifiers, legacy labels, caps and every rounding policy."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

import thidua
from engine_builders import commune_scale, hamlet_scale, make_campaign, make_results, row, scored
from problem_text import en
from thidua import model as m
from thidua.engine import apply_rounding
from thidua.errors import ModelError


def grade_of(score, **kw):
    campaign, results = scored({"xa-a": score}, **kw)
    return thidua.evaluate(campaign, results).unit("xa-a").rating


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "htxs"),
        (90, "htxs"),
        ("89.9999999", "htt"),  # the Vân Khánh Tây total 899999999/10000000 is below 90
        ("89.5", "htt"),  # no gap at 89.5: bands are half-open
        (70, "htt"),
        ("69.99", "ht"),
        (50, "ht"),
        ("49.5", "kht"),
        (0, "kht"),
    ],
)
def test_bands(score, grade):
    r = grade_of(score)
    assert (r.grade, r.source, r.band_grade) == (grade, "computed", grade)
    assert r.trace[0].code == "band"


def test_band_gap_and_overlap_are_validation_errors():
    gap = (m.Band.from_range("htxs", "91+"), m.Band("htt", 0, 90))
    with pytest.raises(ModelError) as info:
        grade_of(95, scales=(hamlet_scale(), attrs.evolve(commune_scale(), bands=gap)))
    assert [(p.path, p.code) for p in info.value.problems] == [("scales[1].bands[0]", "band-gap")]
    overlap = (m.Band("htxs", 89), m.Band("htt", 0, 90))
    with pytest.raises(ModelError) as info:
        grade_of(95, scales=(hamlet_scale(), attrs.evolve(commune_scale(), bands=overlap)))
    assert any("overlaps" in p for p in en(info.value.problems))


def test_requirement_drops_one_grade():
    target = m.CountTarget("mo-hinh", "1 mô hình", "models", 1)
    scale = commune_scale(top_requires=(m.AllTargetsMet(),))
    kw = {"targets": (target,), "scales": (hamlet_scale(), scale)}
    campaign, results = scored({"xa-a": 95, "xa-b": 95}, measures={"xa-a": {"models": 1}, "xa-b": {"models": 0}}, **kw)
    ev = thidua.evaluate(campaign, results)
    assert ev.unit("xa-a").rating.grade == "htxs"
    rb = ev.unit("xa-b").rating
    # 95 is in the htxs band but a target is not met: htt
    assert (rb.grade, rb.band_grade) == ("htt", "htxs")
    assert any(s.code == "requirement_failed" and s.args == {"from": "htxs", "to": "htt"} for s in rb.trace)


def test_disqualifier_limits_the_grade():
    d = m.Disqualifier("ky-luat", "Bị kỷ luật", m.Flag("disciplined"), "ht")
    scale = commune_scale(disqualifiers=(d,))
    kw = {"scales": (hamlet_scale(), scale)}
    for flag, grade in ((True, "ht"), (False, "htxs")):
        campaign, results = scored({"xa-a": 95}, **kw)
        results = attrs.evolve(results, units=(row("xa-a", measures={"score": 95}, flags={"disciplined": flag}),))
        assert thidua.evaluate(campaign, results).unit("xa-a").rating.grade == grade
    # a grade already below the limit is not raised
    campaign, results = scored({"xa-a": 40}, **kw)
    results = attrs.evolve(results, units=(row("xa-a", measures={"score": 40}, flags={"disciplined": True}),))
    assert thidua.evaluate(campaign, results).unit("xa-a").rating.grade == "kht"


@pytest.mark.parametrize(
    ("label", "grade"),
    [
        ("htt", "htt"),
        ("HTXS", "htxs"),
        ("Yếu kém", "kht"),
        ("ye\u0302\u0301u ke\u0301m", "kht"),
        ("Hoàn thành nhiệm vụ", "ht"),
    ],
)
def test_reported_ratings_and_legacy_labels(label, grade):
    campaign = make_campaign(scales=(hamlet_scale(), commune_scale(bands=False)))
    r = thidua.evaluate(campaign, make_results([row("xa-a", rating=label)])).unit("xa-a").rating
    assert (r.grade, r.source) == (grade, "reported")


def test_unknown_reported_label_is_refused():
    campaign = make_campaign(scales=(hamlet_scale(), commune_scale(bands=False)))
    with pytest.raises(ModelError) as info:
        thidua.evaluate(campaign, make_results([row("xa-a", rating="khá")]))
    assert any(p.startswith("units[0].rating:") for p in en(info.value.problems))


# -- rounding ------------------------------------------------------------------------------

R = m.Rounding


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(12, 5), (2, 3, 2, 2, 2)),  # 20% of 12 = 2.4
        (Fraction(5, 2), (2, 3, 3, 2, 2)),  # 2.5: half_even goes to the even 2
        (Fraction(3, 2), (1, 2, 2, 2, 1)),  # 1.5: half_even goes to the even 2
        (Fraction(33, 5), (6, 7, 7, 7, 7)),  # 60% of 11 = 6.6
        (Fraction(3), (3, 3, 3, 3, 3)),  # whole numbers stay
        (Fraction(0), (0, 0, 0, 0, 0)),
        (Fraction(1, 2), (0, 1, 1, 0, 0)),
        (Fraction(11, 5), (2, 3, 2, 2, 2)),  # 20% of 11 = 2.2
        (Fraction(7, 2), (3, 4, 4, 4, 3)),  # 3.5: half_even goes to the even 4
        (Fraction(9, 2), (4, 5, 5, 4, 4)),  # 4.5: half_even goes to the even 4
        (Fraction(1001, 1000), (1, 2, 1, 1, 1)),  # just above a whole number
    ],
)
def test_every_rounding_policy(value, expected):
    # expected values in the order floor, ceiling, half up, half even, half down
    got = tuple(apply_rounding(value, r) for r in (R.FLOOR, R.CEILING, R.HALF_UP, R.HALF_EVEN, R.HALF_DOWN))
    assert got == expected


# -- caps -----------------------------------------------------------------------------------

#: 12 communes rated good or better: 5 in the htxs band (99..95) and 7 at 80.
TWELVE = {
    "xa-01": 99, "xa-02": 98, "xa-03": 97, "xa-04": 96, "xa-05": 95,
    "xa-06": 80, "xa-07": 80, "xa-08": 80, "xa-09": 80, "xa-10": 80, "xa-11": 80, "xa-12": 80,
}  # fmt: skip


def capped(scores, cap, measures=None, clusters=None):
    scale = commune_scale(caps=(cap,))
    kw = {"scales": (hamlet_scale(), scale), "measures": measures or {}}
    if clusters is not None:
        kw["clusters"] = clusters
    campaign, results = scored(scores, **kw)
    ev = thidua.evaluate(campaign, results)
    return {u.unit: u.rating for u in ev.units}


def excellent(ratings):
    return sorted(u for u, r in ratings.items() if r.grade == "htxs")


def test_cap_twenty_percent_of_twelve_floor_keeps_two():
    ratings = capped(TWELVE, m.GradeCap("htxs", "20%", "htt"))
    # 20% × 12 = 2.4 → floor 2; the two best scores keep htxs
    assert excellent(ratings) == ["xa-01", "xa-02"]
    for u in ("xa-03", "xa-04", "xa-05"):
        assert (ratings[u].grade, ratings[u].capped, ratings[u].band_grade) == ("htt", True, "htxs")
        cut = [s for s in ratings[u].trace if s.code == "cap_cut"]
        assert len(cut) == 1
        assert (cut[0].args["allowed"], cut[0].args["base"], cut[0].args["holders"], cut[0].args["to"]) == (
            2, 12, 5, "htt"
        )  # fmt: skip
    kept = [s for s in ratings["xa-01"].trace if s.code == "cap_kept"]
    assert len(kept) == 1
    assert kept[0].args["rounding"] == "floor"
    assert ratings["xa-06"].grade == "htt"
    assert not ratings["xa-06"].capped


def test_cap_twenty_percent_of_twelve_ceiling_keeps_three():
    ratings = capped(TWELVE, m.GradeCap("htxs", "20%", "htt", rounding="ceiling"))
    # 2.4 → ceiling 3
    assert excellent(ratings) == ["xa-01", "xa-02", "xa-03"]


@pytest.mark.parametrize(
    ("rounding", "kept"),
    [("floor", 2), ("ceiling", 3), ("half_up", 3), ("half_even", 2), ("half_down", 2)],
)
def test_cap_rounding_at_a_half(rounding, kept):
    # 5 communes rated good or better, 4 of them in the htxs band; 50% × 5 = 2.5
    scores = {"xa-1": 99, "xa-2": 98, "xa-3": 97, "xa-4": 96, "xa-5": 80}
    ratings = capped(scores, m.GradeCap("htxs", "50%", "htt", rounding=rounding))
    assert excellent(ratings) == ["xa-1", "xa-2", "xa-3"][:kept]


@pytest.mark.parametrize(("rounding", "kept"), [("half_up", 2), ("half_even", 2), ("half_down", 1)])
def test_cap_rounding_one_and_a_half(rounding, kept):
    # 3 rated good or better, all in the htxs band; 50% × 3 = 1.5
    scores = {"xa-1": 99, "xa-2": 98, "xa-3": 97}
    ratings = capped(scores, m.GradeCap("htxs", "50%", "htt", rounding=rounding))
    assert excellent(ratings) == ["xa-1", "xa-2", "xa-3"][:kept]


def test_cap_that_does_not_bind_changes_nothing():
    # 10 good or better, 2 in the htxs band, 20% × 10 = 2: nobody cut
    scores = {f"xa-{i:02d}": (99 - i if i < 3 else 80) for i in range(1, 11)}
    ratings = capped(scores, m.GradeCap("htxs", "20%", "htt"))
    assert excellent(ratings) == ["xa-01", "xa-02"]
    assert not any(r.capped for r in ratings.values())


def test_cap_base_counts_only_good_or_better():
    # 12 communes, but only 7 good or better (5 at 60 are ht): 20% × 7 = 1.4 → 1
    scores = dict(TWELVE)
    for u in ("xa-08", "xa-09", "xa-10", "xa-11", "xa-12"):
        scores[u] = 60
    ratings = capped(scores, m.GradeCap("htxs", "20%", "htt"))
    assert excellent(ratings) == ["xa-01"]
    step = next(s for s in ratings["xa-02"].trace if s.code == "cap_cut")
    assert step.args["base"] == 7


def test_cap_tie_break_measure_decides_who_is_cut():
    scores = {"xa-1": 99, "xa-2": 95, "xa-3": 95, "xa-4": 95, "xa-5": 80, "xa-6": 80, "xa-7": 80,
              "xa-8": 80, "xa-9": 80, "xa-10": 80}  # fmt: skip
    measures = {"xa-2": {"models": 1}, "xa-3": {"models": 3}, "xa-4": {"models": 2}}
    for u in scores:
        measures.setdefault(u, {"models": 0})
    # 20% × 10 = 2: 99 keeps; of the three at 95, the most models (xa-3) keeps
    ratings = capped(scores, m.GradeCap("htxs", "20%", "htt", tie_break=("models",)), measures)
    assert excellent(ratings) == ["xa-1", "xa-3"]
    assert ratings["xa-2"].capped
    assert ratings["xa-4"].capped


def test_cap_tie_left_after_tie_breaks_is_cut_whole():
    # 20% × 10 = 2; three tied at 95 for one remaining place: keeping any one of
    # them would be arbitrary and keeping all would exceed the cap ("không vượt quá")
    scores = {"xa-1": 99, "xa-2": 95, "xa-3": 95, "xa-4": 95, "xa-5": 80, "xa-6": 80, "xa-7": 80,
              "xa-8": 80, "xa-9": 80, "xa-10": 80}  # fmt: skip
    ratings = capped(scores, m.GradeCap("htxs", "20%", "htt"))
    assert excellent(ratings) == ["xa-1"]
    for u in ("xa-2", "xa-3", "xa-4"):
        assert ratings[u].grade == "htt"


def test_cap_within_cluster_applies_per_cluster():
    # two clusters of 5 good-or-better; 20% × 5 = 1 per cluster
    scores = {"a1": 99, "a2": 98, "a3": 80, "a4": 80, "a5": 80, "b1": 97, "b2": 96, "b3": 80, "b4": 80, "b5": 80}
    clusters = {"cum-a": ["a1", "a2", "a3", "a4", "a5"], "cum-b": ["b1", "b2", "b3", "b4", "b5"]}
    ratings = capped(scores, m.GradeCap("htxs", "20%", "htt"), clusters=clusters)
    assert excellent(ratings) == ["a1", "b1"]


def test_cap_within_level_applies_over_all_clusters():
    scores = {"a1": 99, "a2": 98, "a3": 80, "a4": 80, "a5": 80, "b1": 97, "b2": 96, "b3": 80, "b4": 80, "b5": 80}
    clusters = {"cum-a": ["a1", "a2", "a3", "a4", "a5"], "cum-b": ["b1", "b2", "b3", "b4", "b5"]}
    # 20% × 10 = 2 over the whole level
    ratings = capped(scores, m.GradeCap("htxs", "20%", "htt", within="level"), clusters=clusters)
    assert excellent(ratings) == ["a1", "a2"]


def test_capped_grade_feeds_cluster_targets():
    # after the cap only 2 of 12 are htxs: "of which 30% htxs" over 12 is 2/12, not met
    share = m.ShareTarget("tot", "tốt", "commune", "htt", "100%", "all", scope="cluster")
    of_which = m.OfWhichTarget("xs", "xuất sắc", "tot", "htxs", "30%", "all")
    scale = commune_scale(caps=(m.GradeCap("htxs", "20%", "htt"),))
    campaign, results = scored(TWELVE, targets=(share, of_which), scales=(hamlet_scale(), scale))
    t = thidua.evaluate(campaign, results).target("cum-1", "xs")
    assert (t.numerator, t.denominator, t.met) == (2, 12, False)


def test_cap_grades_must_exist():
    scale = commune_scale(caps=(m.GradeCap("xuat-sac", "20%", "htt"),))
    campaign, results = scored({"xa-a": 95}, scales=(hamlet_scale(), scale))
    with pytest.raises(ModelError) as info:
        thidua.evaluate(campaign, results)
    assert any(p.startswith("scales[1].caps[0].grade:") for p in en(info.value.problems))


def test_reported_grade_only_level_gets_no_grade_without_rating():
    campaign = make_campaign(scales=(hamlet_scale(), commune_scale(bands=False)))
    r = thidua.evaluate(campaign, make_results([row("xa-a")])).unit("xa-a").rating
    assert (r.grade, r.source) == (None, "none")
