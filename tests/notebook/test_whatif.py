"""What-if: change a threshold or a figure, evaluate again, list the verdicts that move.

Expected changes are worked out by hand from the An Minh 2022 sample data
(tests/seeds.py); see tests/tables/test_tables.py for the baseline arithmetic.
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

import thidua
from problem_text import en
from thidua.notebook import VerdictChange, WhatIf, diff, to_html, what_if


def test_lowering_a_threshold(an_minh, an_minh_results):
    w = what_if(an_minh, an_minh_results, targets={"bctmt-good": {"at_least": "75%"}})
    # Not met at 80%: Đông Hưng 6/9 = 66.7%, Đông Hưng A 7/9 = 77.8%, Thuận Hòa 7/9 = 77.8%.
    # At 75% the last two are met and their "80% target met" criterion gives +10 points:
    # Đông Hưng A 76.5 → 86.5 (still htt, still 5th of cluster 1); Thuận Hòa 82 → 92, but its
    # "of which excellent" 2/9 = 22.2% < 30% fails, so htxs (which needs every target) is out: htt,
    # still 5th of cluster 2. Nothing else moves.
    assert w.changes == (
        VerdictChange("xa-dong-hung-a", "target", "bctmt-good", "not_met", "met"),
        VerdictChange("xa-thuan-hoa", "target", "bctmt-good", "not_met", "met"),
        VerdictChange("xa-dong-hung-a", "score", None, Fraction(153, 2), Fraction(173, 2)),
        VerdictChange("xa-thuan-hoa", "score", None, Fraction(82), Fraction(92)),
    )
    assert w.campaign.targets()[1].at_least == Fraction(3, 4)
    assert an_minh.targets()[1].at_least == Fraction(4, 5)  # the original is untouched


def test_changing_a_reported_figure(an_minh, an_minh_results):
    w = what_if(an_minh, an_minh_results, measures={("xa-van-khanh-tay", "fund_raised"): 150_000_000})
    # The fund is met; its criterion gives the full 15 points instead of 14.9999999: 90 points.
    # 90 is in the htxs band but the "no weak committee" target still fails: htt.
    # 90 ties Vân Khánh Đông for 3rd in cluster 1; the Giấy khen quota is 50% of 5 = 2.5 → 2,
    # and the 2nd place among those eligible is tied: neither tied unit gets it.
    assert w.changes == (
        VerdictChange("xa-van-khanh-tay", "target", "quy-vi-nguoi-ngheo", "not_met", "met"),
        VerdictChange("xa-van-khanh-dong", "award", "giay-khen", before=True, after=False),
        VerdictChange("xa-van-khanh-tay", "score", None, Fraction(899_999_999, 10_000_000), Fraction(90)),
        VerdictChange("xa-van-khanh-tay", "rank", None, 4, 3),
    )
    row = next(r for r in w.results.units if r.unit == "xa-van-khanh-tay")
    assert row.measures["fund_raised"] == 150_000_000
    assert row.measures["fund_quota"] == 150_000_000  # other figures kept


def test_the_variant_equals_a_full_evaluation_and_reuses_the_prepared_campaign(an_minh, an_minh_results):
    prepared = thidua.prepare(an_minh)
    baseline = thidua.evaluate(prepared, an_minh_results)
    w = what_if(prepared, an_minh_results, measures={("xa-dong-hung", "late_reports"): 3}, baseline=baseline)
    assert w.baseline is baseline
    assert w.campaign is an_minh  # nothing to rebuild when only figures change
    assert w.evaluation == thidua.evaluate(an_minh, w.results)
    # 3 late reports: −3 points, 72 → 69, below the htt band (70–89): ht.
    assert VerdictChange("xa-dong-hung", "grade", None, "htt", "ht") in w.changes


def test_both_at_once(an_minh, an_minh_results):
    w = what_if(
        an_minh,
        an_minh_results,
        targets={"bctmt-good": {"at_least": "75%"}},
        measures={("xa-van-khanh-tay", "fund_raised"): 150_000_000},
    )
    assert w.evaluation == thidua.evaluate(w.campaign, w.results)
    assert {c.subject for c in w.changes} == {"xa-dong-hung-a", "xa-thuan-hoa", "xa-van-khanh-tay", "xa-van-khanh-dong"}


def test_no_change_gives_no_difference(an_minh, an_minh_results):
    w = what_if(an_minh, an_minh_results)
    assert w.changes == ()
    assert str(w) == "no verdict changed"
    assert w.evaluation == w.baseline


def test_bad_changes_are_listed_with_their_path_in_the_document(an_minh, an_minh_results):
    with pytest.raises(thidua.DataError) as exc:
        what_if(
            an_minh,
            an_minh_results,
            targets={"bctmt-good": {"at_least": 0.75}, "khong-co": {"at_least": "1"}, "bctmt-no-weak": {"nguong": 1}},
        )
    assert en(exc.value.problems) == (
        (
            "agreements[0].content_areas[7].targets[0].at_least: 0.75 is a binary float; write it as text ('0.75') "
            "or as a fraction (e.g. '1/3') to keep it exact"
        ),
        "targets.khong-co: the campaign has no target 'khong-co'",
        "agreements[0].content_areas[7].targets[2].nguong: unknown field 'nguong'",
    )
    with pytest.raises(thidua.DataError) as exc:
        what_if(an_minh, an_minh_results, measures={("xa-khong-co", "fund_raised"): 1, ("xa-van-khanh", "x"): 0.5})
    assert en(exc.value.problems)[0] == "units.xa-khong-co: there is no 'xa-khong-co' here"
    with pytest.raises(thidua.DataError) as exc:
        what_if(an_minh, an_minh_results, measures={("xa-van-khanh", "fund_raised"): 0.5})
    message = "0.5 is a binary float; write it as text ('0.5') or as a fraction (e.g. '1/3') to keep it exact"
    assert en(exc.value.problems) == (f"units[1].measures.fund_raised: {message}",)


# -- changes to any rule --------------------------------------------------------------------------


def test_a_band_edge(an_minh, an_minh_results):
    # Hoàn thành tốt from 75 points instead of 70 (and hoàn thành up to 75): Đông Hưng, 72 points, falls
    # to hoàn thành; the agreement's target "every commune good or better" (commune-good, 100%, decided over
    # the 11 communes that signed it) is no longer met.
    w = what_if(
        an_minh,
        an_minh_results,
        rules={"scales.thang-mttq-xa.bands.htt.min": 75, "scales.thang-mttq-xa.bands.ht.max": 75},
    )
    assert w.changes == (
        VerdictChange("agreement:giao-uoc-2022", "target", "commune-good", "met", "not_met"),
        VerdictChange("xa-dong-hung", "grade", None, "htt", "ht"),
    )
    assert w.evaluation == thidua.evaluate(w.campaign, w.results)


def test_a_band_that_leaves_a_gap_is_refused_with_its_path(an_minh, an_minh_results):
    with pytest.raises(thidua.DataError) as exc:
        what_if(an_minh, an_minh_results, rules={"scales.thang-mttq-xa.bands.htxs.min": 95})
    assert [p.path for p in exc.value.problems] == ["scales[1].bands[0]"]


def test_a_quota_and_a_criterion_s_points(an_minh, an_minh_results):
    # Giấy khen for 60% of the members instead of 50%: cluster 1 (5 members) 3 instead of 2, cluster 2
    # (6 members) 3 as before (3.6 → 3). In cluster 1 the third place among the eligible is
    # Vân Khánh Tây (89.9999999) after Đông Hưng B (93) and Vân Khánh Đông (90): it gets one.
    w = what_if(an_minh, an_minh_results, rules={"awards.giay-khen.quota.share": "60%"})
    assert w.changes == (VerdictChange("xa-van-khanh-tay", "award", "giay-khen", before=False, after=True),)
    # a criterion's points: the rubric must still add up, so two change together. The fund's
    # criterion (in proportion to the quota) gives at most 10 points instead of 15, "following the
    # guidance" 15 instead of 10: every commune loses 5 points, or 5 × raised / quota
    w = what_if(
        an_minh, an_minh_results, rules={"criteria.chap-hanh.points": 15, "criteria.quy-vi-nguoi-ngheo.points": 10}
    )
    assert w.campaign.rubrics[0].criteria[0].points == 15
    assert w.evaluation == thidua.evaluate(w.campaign, w.results)
    # 98 − 5 = 93: Vân Khánh is still first of cluster 1 (Đông Hưng B: 93 − 5 = 88)
    assert VerdictChange("xa-van-khanh", "score", None, 98, 93) in w.changes
    with pytest.raises(thidua.DataError) as exc:
        what_if(an_minh, an_minh_results, rules={"criteria.chap-hanh.points": 15})
    assert [p.path for p in exc.value.problems] == ["rubrics[0].criteria"]
    # a maximum below the points already given is refused by the results
    with pytest.raises(thidua.DataError) as exc:
        what_if(an_minh, an_minh_results, rules={"criteria.chap-hanh.points": 5, "criteria.hang-viet.points": 15})
    assert exc.value.problems[0].path == "results.units[0].assessments[0].scores[0].points"


def test_a_rule_removed_and_a_rule_added(an_minh, an_minh_results):
    # Without the Bằng khen, nothing else moves (no unit got one: the tie at rank 3 in cluster 2)
    w = what_if(
        an_minh, an_minh_results, rules={"awards.bang-khen": None, "awards.giay-khen.exclusive_with": ["co-thi-dua"]}
    )
    assert {a.award for u in w.evaluation.units for a in u.awards} == {"co-thi-dua", "giay-khen"}
    assert {c.what for c in w.changes} == {"award"}
    assert {c.item for c in w.changes} == {"bang-khen"}
    # a new target in the agreement's content area "chat-luong": at least 3 committees excellent
    w = what_if(
        an_minh,
        an_minh_results,
        rules={
            "agreements.giao-uoc-2022.content_areas.chat-luong.targets.bctmt-3-xuat-sac": {
                "kind": "share",
                "name": "Ít nhất 40% Ban Công tác Mặt trận xuất sắc",
                "counts": "hamlet",
                "grade": "htxs",
                "at_least": "40%",
                "base": "all",
            }
        },
    )
    # 40% of the committees excellent: Vân Khánh 4/10, Đông Hòa 4/10, Thứ Mười Một 4/11 = 36.4% (no)
    met = sorted(c.subject for c in w.changes if c.item == "bctmt-3-xuat-sac" and c.after == "met")
    assert met == ["xa-dong-hoa", "xa-van-khanh"]
    # Vân Khánh was htxs with every target met; now Thứ Mười Một fails a target: htt, and loses its flag
    assert VerdictChange("tt-thu-muoi-mot", "grade", None, "htxs", "htt") in w.changes


# -- changes to any input -------------------------------------------------------------------------


def test_grades_counts_flags_and_scores_at_a_stage(an_minh, an_minh_results):
    # One more committee rated excellent in Đông Thạnh (4 of 12): "of which" 33.3% ≥ 30%, every target met,
    # 96 points: htxs; it takes the Bằng khen of cluster 2 and gives up its Giấy khen, which goes to Thuận Hòa.
    w = what_if(an_minh, an_minh_results, inputs={"units.xa-dong-thanh.counts.hamlet.htxs": 4})
    assert VerdictChange("xa-dong-thanh", "grade", None, "htt", "htxs") in w.changes
    assert VerdictChange("xa-dong-thanh", "award", "bang-khen", before=False, after=True) in w.changes
    assert VerdictChange("xa-thuan-hoa", "award", "giay-khen", before=False, after=True) in w.changes
    # A reviewer gives Vân Khánh Tây 14 again at the cluster's stage: 90 − 1/10^7 + 1 = 91 − 1/10^7
    w = what_if(
        an_minh,
        an_minh_results,
        inputs={"units.xa-van-khanh-tay.assessments.cum-tham-dinh.scores.doi-moi.points": 14},
    )
    assert (
        VerdictChange("xa-van-khanh-tay", "score", None, Fraction(899_999_999, 10**7), Fraction(909_999_999, 10**7))
        in w.changes
    )
    # the short form: units.ID.scores.STAGE.CRITERION
    short = what_if(an_minh, an_minh_results, inputs={"units.xa-van-khanh-tay.scores.cum-tham-dinh.doi-moi": 14})
    assert short.changes == w.changes
    # a flag the campaign does not read changes nothing
    w = what_if(an_minh, an_minh_results, inputs={"units.xa-van-khanh.flags.disciplined": True})
    assert w.changes == ()


def test_a_reported_rating_is_a_grade(an_minh, an_minh_results):
    # a commune's rating comes from its score (bands): a reported label is not used when it has a score
    w = what_if(an_minh, an_minh_results, inputs={"units.xa-van-khanh.rating": "ht"})
    assert w.changes == ()
    with pytest.raises(thidua.DataError) as exc:
        what_if(an_minh, an_minh_results, inputs={"units.xa-van-khanh.rating": "khong-co-muc-nay"})
    assert [p.path for p in exc.value.problems] == ["units[1].rating"]


def test_every_change_is_explained_in_the_reader_s_language(an_minh, an_minh_results):
    w = what_if(an_minh, an_minh_results, measures={("xa-van-khanh-tay", "fund_raised"): 150_000_000})
    lines = w.explain("en")
    assert lines[0] == "Xã Vân Khánh Tây, target “The fund for the poor reaches its assigned quota”: not met → met"
    assert lines[1].startswith(
        "  Target “The fund for the poor reaches its assigned quota”: Money raised for the fund for the poor: "
        "150,000,000 VND"
    )
    assert lines[2] == "Xã Vân Khánh Đông, “Commendation of the district Front”: granted → not granted"
    assert "tied at the cut" in lines[3]
    assert lines[4] == "Xã Vân Khánh Tây, score: 89.9999999 → 90"
    assert lines[6] == "Xã Vân Khánh Tây, rank: 4 → 3"
    vi = w.explain("vi")
    assert vi[0].startswith("Xã Vân Khánh Tây, chỉ tiêu “Quỹ")
    assert vi[0].endswith(": không đạt → đạt")
    assert not any("Verdict" in line or "target" in line for line in vi)


def test_display(an_minh, an_minh_results):
    w = what_if(an_minh, an_minh_results, targets={"bctmt-good": {"at_least": "75%"}})
    assert isinstance(w, WhatIf)
    assert repr(w) == "<WhatIf an-minh-2022 2022: 4 verdicts changed>"
    assert str(w).splitlines()[0] == "xa-dong-hung-a: target bctmt-good: not_met → met"
    html = w._repr_html_()
    assert html == to_html(w, campaign=w.campaign)
    assert "Xã Đông Hưng A" in html
    assert "76,5" in html
    assert "86,5" in html
    en = to_html(w, locale="en")
    assert "Front work committees of hamlets and quarters completing their tasks well or better" in en
    assert "Not met" in en


def test_diff_compares_units_missing_on_one_side(an_minh, an_minh_results):
    ev = thidua.evaluate(an_minh, an_minh_results)
    fewer = attrs.evolve(ev, units=tuple(u for u in ev.units if u.unit != "xa-van-khanh"))
    changes = [c for c in diff(ev, fewer) if c.subject == "xa-van-khanh"]
    whats = [(c.what, c.item) for c in changes]
    # 4 targets, grade, score, rank, 3 awards (one granted: the flag) all become None
    assert whats == [
        ("target", "bctmt-excellent"),
        ("target", "bctmt-good"),
        ("target", "bctmt-no-weak"),
        ("target", "quy-vi-nguoi-ngheo"),
        ("grade", None),
        ("score", None),
        ("rank", None),
        ("award", "bang-khen"),
        ("award", "co-thi-dua"),
        ("award", "giay-khen"),
    ]
    assert all(c.after is None for c in changes)
