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


def test_bad_changes_are_listed_with_their_path(an_minh, an_minh_results):
    with pytest.raises(thidua.ModelError) as exc:
        what_if(
            an_minh,
            an_minh_results,
            targets={"bctmt-good": {"at_least": 0.75}, "khong-co": {"at_least": "1"}, "bctmt-no-weak": {"nguong": 1}},
        )
    assert en(exc.value.problems) == (
        (
            "targets.bctmt-good: 0.75 is a binary float; write it as text ('0.75') or as a fraction (e.g. '1/3') "
            "to keep it exact"
        ),
        "targets.bctmt-no-weak.nguong: unknown field 'nguong'",
        "targets.khong-co: the campaign has no target 'khong-co'",
    )
    with pytest.raises(thidua.ModelError) as exc:
        what_if(an_minh, an_minh_results, measures={("xa-khong-co", "fund_raised"): 1, ("xa-van-khanh", "x"): 0.5})
    assert en(exc.value.problems) == ("measures.xa-khong-co: the unit 'xa-khong-co' has no results",)
    with pytest.raises(thidua.ModelError) as exc:
        what_if(an_minh, an_minh_results, measures={("xa-van-khanh", "fund_raised"): 0.5})
    message = "0.5 is a binary float; write it as text ('0.5') or as a fraction (e.g. '1/3') to keep it exact"
    assert en(exc.value.problems) == (f"measures.xa-van-khanh.fund_raised: {message}",)


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
