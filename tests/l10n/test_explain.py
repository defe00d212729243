"""Sentences for every trace step and conflict, and whole explanations of the An Minh example."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import thidua
from thidua.engine import CONFLICT_CODES, STEP_CODES, Change, Conflict, Status, Step, TargetOutcome
from thidua.l10n import (
    SUPPORTED_LOCALES,
    explain_cluster,
    explain_target,
    explain_unit,
    format_change,
    format_conflict,
    format_step,
)
from thidua.l10n._conflicts import CONFLICT_FORMATTERS
from thidua.l10n._steps import STEP_FORMATTERS


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign()


@pytest.fixture(scope="module")
def evaluation(campaign):
    return thidua.evaluate(campaign, thidua.examples.load_results())


# One example of every step code, with the arguments the engine gives it.
SAMPLE_STEPS: dict[str, dict] = {
    "verdict": {"met": True},
    "missing": {"what": "measures.fund_raised of xa-van-khanh", "policy": "not_met"},
    "counts_reported": {"unit": "xa-van-khanh-tay", "level": "hamlet"},
    "unrated": {"units": ("xa-van-khanh",), "policy": "exclude"},
    "share": {
        "numerator": 8,
        "denominator": 10,
        "share": Fraction(4, 5),
        "level": "hamlet",
        "grade": "htt",
        "threshold": Fraction(4, 5),
    },
    "of_which": {
        "numerator": 3,
        "denominator": 9,
        "share": Fraction(1, 3),
        "grade": "htxs",
        "threshold": Fraction(3, 10),
        "base": "parent",
        "parent": "bctmt-good",
        "alternative": Fraction(3, 11),
        "alternative_met": False,
    },
    "empty_base": {"parent": "bctmt-good"},
    "no_sub_units": {"unit": "xa-van-khanh-tay", "level": "hamlet"},
    "zero_count": {"count": 1, "level": "hamlet", "grade": "kht"},
    "count": {"measure": "models", "value": Fraction(2), "threshold": Fraction(1)},
    "quota": {"measure": "fund_raised", "raised": 149_999_999, "quota": 150_000_000},
    "deadline": {"event": "festival", "done": dt.date(2022, 11, 18), "by": dt.date(2022, 11, 18)},
    "change": {
        "measure": "poor_rate",
        "baseline": Fraction(5),
        "value": Fraction(5, 2),
        "change": Fraction(5, 2),
        "direction": "decrease",
        "threshold": Fraction(2),
    },
    "formula": {"formula": "late_reports <= 2", "value": True, "inputs": (("late_reports", Fraction(1)),)},
    "cond_all_targets": {"failed": ("bctmt-no-weak",), "count": 4},
    "cond_target": {"target": "bctmt-good", "met": True},
    "cond_min_grade": {"grade": "htt", "required": "htxs", "met": False},
    "cond_rank": {"rank": 4, "required": 1, "met": False},
    "cond_head": {"met": True, "clusters": ("cum-1",)},
    "cond_flag": {"flag": "disciplined", "value": False},
    "cond_measure": {"measure": "models", "value": Fraction(2), "required": Fraction(1), "met": True},
    "cond_formula": {"formula": "late_reports <= 2", "met": True, "inputs": (("late_reports", Fraction(1)),)},
    "cond_any": {"met": False},
    "cond_streak": {"grade": "htt", "years": 5, "met": True},
    "cond_titles": {"title": "co-thi-dua-tinh", "count": 2, "required": 3, "years": 5, "met": False},
    "history_policy": {"policy": "all_predecessors"},
    "history_year": {
        "unit": "xa-van-khanh-2025",
        "year": 2024,
        "met": True,
        "via": ("xa-van-khanh", "xa-van-khanh-tay"),
        "policy": "all_predecessors",
        "missing": False,
    },
    "assessed": {"points": Fraction(13), "bonus": Fraction(1), "maximum": Fraction(15)},
    "proportional": {
        "value": Fraction(120_000_000),
        "target": Fraction(150_000_000),
        "points": Fraction(12),
        "maximum": Fraction(15),
        "measure": "fund_raised",
    },
    "pass_fail": {"met": True, "points": Fraction(10)},
    "per_occurrence": {
        "count": Fraction(3),
        "each": Fraction(2),
        "points": Fraction(5),
        "maximum": Fraction(5),
        "measure": "late_reports",
    },
    "bonus": {
        "count": Fraction(1),
        "each": Fraction(10),
        "points": Fraction(10),
        "maximum": Fraction(15),
        "measure": "late_reports",
    },
    "penalty": {
        "count": Fraction(7),
        "each": Fraction(1),
        "points": Fraction(-5),
        "floor": Fraction(-5),
        "measure": "late_reports",
    },
    "step_table": {"value": Fraction(85), "step": Fraction(80), "points": Fraction(8), "measure": "late_reports"},
    "adjustment": {"adjustment": "co-chinh-phu", "points": Fraction(15)},
    "score_total": {
        "standard": Fraction(88),
        "bonus": Fraction(1),
        "penalty": Fraction(-2),
        "adjustments": Fraction(10),
        "total": Fraction(97),
        "maximum": Fraction(100),
        "clamped": False,
    },
    "band": {
        "score": Fraction(179, 2),
        "grade": "htt",
        "min": Fraction(70),
        "max": Fraction(90),
        "include_min": True,
        "include_max": False,
    },
    "no_band": {"score": Fraction(-1)},
    "reported": {"label": "yếu kém", "grade": "kht"},
    "requirement_failed": {"from": "htxs", "to": "htt"},
    "disqualified": {"disqualifier": "ky-luat", "from": "htxs", "to": "ht"},
    "cap_kept": {
        "grade": "htxs",
        "share": Fraction(1, 5),
        "base": 6,
        "of_grade": "htt",
        "allowed": 1,
        "holders": 3,
        "rounding": "floor",
        "group": "cum-2",
        "tie_break": (),
    },
    "cap_cut": {
        "grade": "htxs",
        "share": Fraction(1, 5),
        "base": 6,
        "of_grade": "htt",
        "allowed": 1,
        "holders": 3,
        "rounding": "floor",
        "group": "cum-2",
        "tie_break": ("fund_raised",),
        "to": "htt",
        "tied": ("xa-tan-thanh",),
        "value": Fraction(94),
    },
    "cap_unordered": {
        "grade": "htxs",
        "share": Fraction(1, 5),
        "base": 6,
        "of_grade": "htt",
        "allowed": 1,
        "holders": 2,
        "rounding": "floor",
        "group": "cum-2",
        "units": ("xa-dong-hoa", "xa-tan-thanh"),
    },
    "not_reviewed": {"stage": "cum-tham-dinh", "reached": "tu-cham", "policy": "exclude"},
    "self_score": {"stage": "ban-thuong-truc", "used": "tu-cham"},
    "rejected": {
        "stage": "cum-tham-dinh",
        "on": dt.date(2022, 12, 2),
        "by": "Cụm thi đua",
        "reason": "Hồ sơ không đúng mẫu",
    },
    "review_event": {
        "stage": "cum-tham-dinh",
        "action": "send_back",
        "on": dt.date(2022, 12, 2),
        "by": "Cụm thi đua",
        "reason": "Thiếu minh chứng",
        "to": "tu-cham",
    },
    "review_state": {"status": "pending", "stage": "ban-thuong-truc"},
    "withdrawn": {"on": dt.date(2022, 7, 1), "reason": "Bỏ theo hướng dẫn mới", "points": Fraction(8)},
    "added_criterion": {
        "name": "Cứu trợ lũ lụt",
        "name_en": "Flood relief",
        "stage": "cum-tham-dinh",
        "by": "Cụm thi đua",
        "on": dt.date(2022, 12, 2),
        "reason": "Tham gia cứu trợ đột xuất",
    },
    "left_out_unreviewed": {"units": ("xa-dong-hoa",)},
    "award_exclusive": {"held": ("co-thi-dua",)},
    "award_quota": {
        "allowed": 1,
        "eligible": 2,
        "position": 1,
        "granted": False,
        "tied": True,
        "group": "cum-2",
        "tied_with": ("xa-tan-thanh",),
        "value": Fraction(94),
    },
    "award_ineligible": {},
    "lineage": {"kind": "merged_into", "unit": "xa-van-khanh-2025", "on": dt.date(2025, 7, 1)},
}

SAMPLE_CONFLICTS: dict[str, dict] = {
    "order_differs": {
        "decided": ("xa-van-khanh", "xa-van-khanh-tay", "xa-van-khanh-dong"),
        "computed": ("xa-van-khanh", "xa-van-khanh-dong", "xa-van-khanh-tay"),
        "ranks": (1, 3, 2),
    },
    "proposal_ineligible": {"unit": "xa-dong-thanh", "award": "co-thi-dua"},
    "proposal_not_computed": {"unit": "xa-tan-thanh", "award": "bang-khen"},
    "over_quota": {
        "award": "co-thi-dua",
        "proposed": 2,
        "allowed": 1,
        "units": ("tt-thu-muoi-mot", "xa-dong-thanh"),
        "clusters": ("cum-2",),
    },
    "not_reviewed": {
        "unit": "xa-dong-hoa",
        "award": "co-thi-dua",
        "stage": "ban-thuong-truc",
        "status": "not_reviewed",
    },
    "cap_exceeded": {"grade": "htxs", "allowed": 1, "units": ("xa-dong-hoa", "xa-tan-thanh"), "group": "cum-2"},
}


def test_every_step_code_has_a_sentence_and_a_sample():
    assert set(STEP_FORMATTERS) == set(STEP_CODES)
    assert set(SAMPLE_STEPS) == set(STEP_CODES)
    for code, args in SAMPLE_STEPS.items():
        assert set(args) == set(STEP_CODES[code]), code


def test_every_conflict_code_has_a_sentence_and_a_sample():
    assert set(CONFLICT_FORMATTERS) == set(CONFLICT_CODES)
    assert set(SAMPLE_CONFLICTS) == set(CONFLICT_CODES)
    for code, args in SAMPLE_CONFLICTS.items():
        assert set(args) == set(CONFLICT_CODES[code]), code


@pytest.mark.parametrize("code", sorted(STEP_CODES))
def test_every_step_reads_in_both_languages(code, campaign):
    step = Step(code, SAMPLE_STEPS[code])
    texts = {loc: format_step(step, campaign=campaign, locale=loc) for loc in SUPPORTED_LOCALES}
    for text in texts.values():
        assert text
        assert "%(" not in text
        assert f"{code}(" not in text  # not the fallback for unknown codes
    assert texts["vi"] != texts["en"]


@pytest.mark.parametrize("code", sorted(CONFLICT_CODES))
def test_every_conflict_reads_in_both_languages(code, campaign):
    conflict = Conflict("cum-2", "error", code, SAMPLE_CONFLICTS[code])
    texts = {loc: format_conflict(conflict, campaign=campaign, locale=loc) for loc in SUPPORTED_LOCALES}
    assert "%(" not in texts["vi"]
    assert texts["vi"] != texts["en"]


def _say(campaign, code, locale, **args):
    return format_step(Step(code, args), campaign=campaign, locale=locale)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("vi", "8/10 ấp, khu phố xếp loại “Hoàn thành tốt nhiệm vụ” trở lên, đạt 80%; chỉ tiêu: từ 80% trở lên"),
        (
            "en",
            "8 of 10 units (hamlet or quarter) rated “Completed tasks well” or better, 80%; target: at least 80%",
        ),
    ],
)
def test_share_sentence(campaign, locale, expected):
    assert format_step(Step("share", SAMPLE_STEPS["share"]), campaign=campaign, locale=locale) == expected


@pytest.mark.parametrize(("locale", "met", "not_met"), [("vi", "đạt", "không đạt"), ("en", "met", "not met")])
def test_verdict_sentence(campaign, locale, met, not_met):
    assert _say(campaign, "verdict", locale, met=True) == met
    assert _say(campaign, "verdict", locale, met=False) == not_met


def test_share_is_never_rounded_onto_the_threshold(campaign):
    # 7999/10000 = 79.99% is below 80%: it must not print as "80%"
    args = dict(SAMPLE_STEPS["share"], numerator=7999, denominator=10000, share=Fraction(7999, 10000))
    assert _say(campaign, "share", "vi", **args) == (
        "7.999/10.000 ấp, khu phố xếp loại “Hoàn thành tốt nhiệm vụ” trở lên, đạt 79,99%; chỉ tiêu: từ 80% trở lên"
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "vi",
            (
                "trong đó 3/9 xếp loại “Hoàn thành xuất sắc nhiệm vụ”, đạt 33,3% tính trên số xếp loại "
                "“Hoàn thành tốt nhiệm vụ” trở lên; chỉ tiêu: từ 30% trở lên. "
                "Nếu tính trên tổng số thì là 27,3% (không đạt); chỉ để tham khảo"
            ),
        ),
        (
            "en",
            (
                "of which 3 of 9 rated “Completed tasks excellently”, 33.3% over those rated “Completed tasks well” "
                "or better; target: at least 30%. Counted over all, it would be 27.3% (not met); for information only"
            ),
        ),
    ],
)
def test_of_which_names_the_deciding_base_and_shows_the_other(campaign, locale, expected):
    # cluster 2 of the domain notes: 11 hamlets, 3 excellent, 6 good, 2 completed.
    # Over the 9 good or better: 3/9 = 33.3% ≥ 30% decides; over all 11: 3/11 = 27.3% is shown only.
    assert format_step(Step("of_which", SAMPLE_STEPS["of_which"]), campaign=campaign, locale=locale) == expected


@pytest.mark.parametrize(
    ("policy", "locale", "expected"),
    [
        (
            "not_met",
            "vi",
            (
                "Thiếu số liệu: “Số tiền vận động Quỹ «Vì người nghèo»” của xã Vân Khánh; "
                "theo quy định khi thiếu số liệu, tính là không đạt"
            ),
        ),
        (
            "exclude",
            "en",
            (
                "Missing input: “Money raised for the fund for the poor” of Xã Vân Khánh; "
                "under the missing-input policy it is left out"
            ),
        ),
    ],
)
def test_missing_says_which_policy_applied(campaign, policy, locale, expected):
    what = "measures.fund_raised of xa-van-khanh"
    assert _say(campaign, "missing", locale, what=what, policy=policy) == expected


def test_missing_counts_name_the_level_and_unit(campaign):
    text = _say(campaign, "missing", "en", what="counts.hamlet of xa-van-khanh-tay", policy="not_met")
    assert text == (
        "Missing input: the counts by grade of hamlet or quarter for Xã Vân Khánh Tây; "
        "under the missing-input policy it counts as not met"
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "en",
            (
                "In Emulation cluster no. 2 at most 20% of the units rated “Completed tasks well” or better may be "
                "rated “Completed tasks excellently”: 20% of 6 is 1 (rounded down), and 3 reached it. Ordered by "
                "score, then by money raised for the fund for the poor (higher first), the unit is not among the 1 "
                "kept (units tied at the cut all drop), so it is lowered to “Completed tasks well”; tied at the cut "
                "at 94 points with Xã Tân Thạnh"
            ),
        ),
        (
            "vi",
            (
                "Trong Cụm thi đua số 2, số đơn vị xếp loại “Hoàn thành xuất sắc nhiệm vụ” không quá 20% số đơn vị "
                "xếp loại “Hoàn thành tốt nhiệm vụ” trở lên: 20% của 6 là 1 đơn vị (làm tròn xuống), trong khi có "
                "3 đơn vị đạt mức này. Xét theo điểm, sau đó theo số tiền vận động Quỹ “Vì người nghèo” (cao hơn "
                "xếp trước), đơn vị không thuộc 1 đơn vị được giữ mức (các đơn vị bằng điểm tại ngưỡng đều bị hạ) "
                "nên hạ xuống “Hoàn thành tốt nhiệm vụ”; bằng điểm tại ngưỡng cắt (94 điểm) với xã Tân Thạnh"
            ),
        ),
    ],
)
def test_cap_cut_says_allowed_rounding_and_why(campaign, locale, expected):
    # 20% of 6 = 1.2, rounded down to 1 allowed
    assert format_step(Step("cap_cut", SAMPLE_STEPS["cap_cut"]), campaign=campaign, locale=locale) == expected


def test_quota_shortfall(campaign):
    # 149,999,999 of 150,000,000: 1 đồng short; 99.99999933…% shown with enough decimals to stay below 100%;
    # money in prose is written "… đồng" (VND in English), not with the ₫ of tables
    assert _say(campaign, "quota", "en", measure="fund_raised", raised=149_999_999, quota=150_000_000) == (
        "Money raised for the fund for the poor: 149,999,999 VND, 99.999999% of the assigned quota of "
        "150,000,000 VND; 1 VND short"
    )
    assert _say(campaign, "quota", "vi", measure="fund_raised", raised=150_000_000, quota=150_000_000) == (
        "Số tiền vận động Quỹ “Vì người nghèo”: 150.000.000 đồng, bằng 100% chỉ tiêu được giao (150.000.000 đồng)"
    )


def test_band_words(campaign):
    assert _say(campaign, "band", "vi", **SAMPLE_STEPS["band"]) == (
        "89,5 điểm thuộc khung “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 điểm)"
    )
    args = dict(SAMPLE_STEPS["band"], min=Fraction(90), max=None, grade="htxs")
    assert _say(campaign, "band", "en", **args) == (
        "89.5 points is in the band of “Completed tasks excellently” (at least 90)"
    )


def test_numbers_without_a_short_decimal_form_are_marked_approximate(campaign):
    assert _say(campaign, "pass_fail", "en", met=True, points=Fraction(10, 3)) == "Met: ≈3.33 points"


def test_unknown_code_is_shown_plainly(campaign):
    assert format_step(Step("new_code", {"x": 1}), campaign=campaign, locale="vi") == "new_code(x=1)"


def test_prepared_campaign_gives_the_same_sentences(campaign):
    prepared = thidua.prepare(campaign)
    for code, args in SAMPLE_STEPS.items():
        step = Step(code, args)
        assert format_step(step, campaign=prepared, locale="vi") == format_step(step, campaign=campaign, locale="vi")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "vi",
            (
                "“Đổi mới nội dung, phương thức hoạt động”: ở bước “Cụm thẩm định” sửa từ 14 thành 13 điểm; "
                "do Cụm thi đua, ngày 02 tháng 12 năm 2022; lý do: Mô hình mới chưa có báo cáo sơ kết"
            ),
        ),
        (
            "en",
            (
                "“Renewing content and methods”: changed from 14 to 13 points at the stage “Cluster review”; "
                "by Cụm thi đua on 2 December 2022; reason: Mô hình mới chưa có báo cáo sơ kết"
            ),
        ),
    ],
)
def test_format_change(campaign, locale, expected):
    change = Change(
        "doi-moi",
        "cum-tham-dinh",
        Fraction(14),
        Fraction(13),
        Fraction(1),
        Fraction(1),
        "Mô hình mới chưa có báo cáo sơ kết",
        dt.date(2022, 12, 2),
        "Cụm thi đua",
    )
    assert format_change(change, campaign=campaign, locale=locale) == expected


def test_format_change_without_reason(campaign):
    change = Change("ke-hoach", "ban-thuong-truc", Fraction(9), Fraction(8), None, Fraction(1), None)
    assert format_change(change, campaign=campaign, locale="en") == (
        "“Carrying out the Front's plans and guidance”: changed from 9 to 8 points at the stage "
        "“District standing committee”; bonus changed from — to 1; no reason given"
    )


# -- the An Minh example ---------------------------------------------------------------

# Xã Vân Khánh Tây reported 10 hamlets: 3 excellent, 5 good, 1 completed, 1 not completed
# (sample data). Good or better: 3 + 5 = 8 of 10 = 80% ≥ 80%, so the target is met.
VKT_GOOD = {
    "vi": "Chỉ tiêu “Ban Công tác Mặt trận ấp, khu phố hoàn thành tốt nhiệm vụ trở lên”: "
    "Số ấp, khu phố theo từng mức xếp loại do xã Vân Khánh Tây báo cáo. "
    "8/10 ấp, khu phố xếp loại “Hoàn thành tốt nhiệm vụ” trở lên, đạt 80%; chỉ tiêu: từ 80% trở lên. "
    "Kết luận: đạt.",
    "en": "Target “Front work committees of hamlets and quarters completing their tasks well or better”: "
    "Counts by grade of the units (hamlet or quarter) reported by Xã Vân Khánh Tây. "
    "8 of 10 units (hamlet or quarter) rated “Completed tasks well” or better, 80%; target: at least 80%. "
    "Verdict: met.",
}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_explain_unit_target_line(evaluation, campaign, locale):
    lines = explain_unit(evaluation, "xa-van-khanh-tay", campaign=campaign, locale=locale)
    assert VKT_GOOD[locale] in lines


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_explain_target_is_the_same_paragraph(evaluation, campaign, locale):
    outcome = evaluation.target("xa-van-khanh-tay", "bctmt-good")
    assert explain_target(outcome, campaign=campaign, locale=locale) == VKT_GOOD[locale]


def test_explain_unit_lines_vi(evaluation, campaign):
    lines = explain_unit(evaluation, "xa-van-khanh-tay", campaign=campaign, locale="vi")
    assert lines[:4] == [
        "Dữ liệu mẫu — không phải kết quả thật",
        "Xã Vân Khánh Tây (Xã, thị trấn)",
        "Cụm: Cụm thi đua số 1 (cụm trưởng)",
        # met: bctmt-good, bctmt-excellent; not met: the fund (1 đồng short), no-weak (1 hamlet KHT)
        "Đạt 2/4 chỉ tiêu",
    ]
    # standard 10 + 9 + 13 + 9 + 14 + 14.9999999 + 9 + (10 + 0) + 0 = 88.9999999,
    # bonus 1 (doi-moi), no deductions or adjustments (left unsaid): 89.9999999 of a nominal 100
    assert (
        "Điểm ở bước “Ban Thường trực Ủy ban MTTQ huyện”: 89,9999999/100 điểm (điểm tiêu chí 88,9999999, điểm thưởng 1)"
    ) in lines
    assert (
        "Sửa điểm khi thẩm định: “Đổi mới nội dung, phương thức hoạt động”: ở bước “Cụm thẩm định” sửa từ 14 "
        "thành 13 điểm; do Cụm thi đua, ngày 02 tháng 12 năm 2022; lý do: Mô hình mới chưa có báo cáo sơ kết"
    ) in lines
    # no late report: the deduction criterion says so once, never "0/0 điểm"
    assert "“Chậm báo cáo (trừ 1 điểm mỗi lần, tối đa 5 điểm)”: không bị trừ điểm" in lines
    # 70 ≤ 89.9999999 < 90: Hoàn thành tốt (the exact score, not 90 rounded)
    assert (
        "Xếp loại: Hoàn thành tốt nhiệm vụ. 89,9999999 điểm thuộc khung “Hoàn thành tốt nhiệm vụ” "
        "(từ 70 đến dưới 90 điểm)."
    ) in lines
    # cluster 1 scores 98, 93, 90, 89.9999999, 76.5: fourth of five
    assert "Xếp thứ 4 trong 5 đơn vị của Cụm thi đua số 1" in lines
    # the 11 communes: 99, 98, 96, 94, 94, 93, 90, 89.9999999 …: eighth of eleven
    assert "Xếp thứ 8 trong 11 đơn vị của cấp xã, thị trấn" in lines
    # Giấy khen: 50% of 5 members = 2.5, rounded down to 2; the eligible by rank are
    # Đông Hưng B (2), Vân Khánh Đông (3), Vân Khánh Tây (4), Đông Hưng A (5): third, not granted
    assert (
        "“Giấy khen của Ủy ban MTTQ Việt Nam huyện”: đủ điều kiện nhưng không được khen thưởng. "
        "Xếp loại “Hoàn thành tốt nhiệm vụ”; yêu cầu “Hoàn thành tốt nhiệm vụ” trở lên: đạt. "
        "Đủ điều kiện; xếp thứ 3 trong 4 đơn vị đủ điều kiện của Cụm thi đua số 1, "
        "vượt số lượng tối đa 2: không được khen thưởng."
    ) in lines
    # the 2025 reform: the whole commune went into the new xã Vân Khánh (generic noun in lower case)
    assert lines[-1] == "Từ ngày 01 tháng 7 năm 2025, toàn bộ địa bàn nhập vào xã Vân Khánh."


def test_explain_unit_lines_en(evaluation, campaign):
    lines = explain_unit(evaluation, "xa-van-khanh-tay", campaign=campaign, locale="en")
    assert "Ranked 4th of the 5 units of Emulation cluster no. 1" in lines
    assert (
        "“Emulation flag of the provincial Front”: not granted. "
        "Rated “Completed tasks well”; required “Completed tasks excellently” or better: not met. "
        "Ranked 4th; required: ranked 1st: not met. "
        "2 of 4 targets not met: “The fund for the poor reaches its assigned quota” and "
        "“No front work committee rated weak”. Not eligible: a condition is not met."
    ) in lines
    assert lines[-1] == "From 1 July 2025, the whole area went into Xã Vân Khánh."


def test_no_locale_state_between_calls(evaluation, campaign):
    first = explain_unit(evaluation, "xa-van-khanh-tay", campaign=campaign, locale="vi")
    english = explain_unit(evaluation, "xa-van-khanh-tay", campaign=campaign, locale="en")
    again = explain_unit(evaluation, "xa-van-khanh-tay", campaign=campaign, locale="vi")
    assert first == again
    assert english != first
    assert explain_unit(evaluation, "xa-van-khanh-tay", campaign=campaign) == first


def test_explain_unit_unknown(evaluation, campaign):
    with pytest.raises(KeyError):
        explain_unit(evaluation, "xa-khong-co", campaign=campaign)


def test_explain_cluster_vi(evaluation, campaign):
    lines = explain_cluster(evaluation, "cum-2", campaign=campaign, locale="vi")
    assert lines[:3] == [
        "Dữ liệu mẫu — không phải kết quả thật",
        "Cụm thi đua số 2: 6 thành viên",
        "Cụm trưởng: Xã Đông Thạnh",
    ]
    # the commune targets are decided over the 11 communes (scope "agreement"): 11/11 good or better
    assert lines[3].startswith(
        "Chỉ tiêu “Ủy ban MTTQ Việt Nam xã, thị trấn hoàn thành tốt nhiệm vụ trở lên”: Tính chung cho tất cả các "
        "đơn vị ký Giao ước thi đua năm 2022 của Mặt trận 11 xã, thị trấn huyện An Minh. 11/11 xã, thị trấn"
    )
    # Đông Hòa and Tân Thạnh both have 94 points: they share rank 3, and the next is 5
    ranking = lines[lines.index("Xếp hạng:") + 1 : lines.index("Xếp hạng:") + 7]
    assert ranking == [
        "1. Thị trấn Thứ Mười Một: 99 điểm, Hoàn thành xuất sắc nhiệm vụ",
        "2. Xã Đông Thạnh: 96 điểm, Hoàn thành tốt nhiệm vụ",
        "3. Xã Đông Hòa: 94 điểm, Hoàn thành xuất sắc nhiệm vụ",
        "3. Xã Tân Thạnh: 94 điểm, Hoàn thành xuất sắc nhiệm vụ",
        "5. Xã Thuận Hòa: 82 điểm, Hoàn thành tốt nhiệm vụ",
        "6. Xã Đông Hưng: 72 điểm, Hoàn thành tốt nhiệm vụ",
    ]
    # one Bằng khen for two tied units: neither gets it (ties at the cut are left out)
    assert (
        "“Bằng khen của Ủy ban MTTQ Việt Nam tỉnh”: không có đơn vị nào được khen thưởng; "
        "đủ điều kiện nhưng không được khen thưởng: xã Đông Hòa và xã Tân Thạnh."
    ) in lines
    # the meeting proposed Đông Thạnh (rank 2, HTT) for the flag as well: not eligible, and 2 > 1 allowed
    assert lines[-2:] == [
        "Lỗi: Xã Đông Thạnh được đề nghị tặng “Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh” nhưng không đủ điều kiện.",
        (
            "Lỗi: Có 2 đơn vị được đề nghị tặng “Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh”, vượt số lượng tối đa 1: "
            "thị trấn Thứ Mười Một và xã Đông Thạnh, do Cụm thi đua số 2 đề nghị."
        ),
    ]


def test_explain_cluster_order_differs_en(evaluation, campaign):
    lines = explain_cluster(evaluation, "cum-1", campaign=campaign, locale="en")
    assert lines[-1] == (
        "Information: The order decided by the meeting, Xã Vân Khánh (1st by score), Xã Đông Hưng B (2nd by "
        "score), Xã Vân Khánh Tây (4th by score), Xã Vân Khánh Đông (3rd by score), and Xã Đông Hưng A (5th by "
        "score), differs from the order by score, Xã Vân Khánh, Xã Đông Hưng B, Xã Vân Khánh Đông, "
        "Xã Vân Khánh Tây, and Xã Đông Hưng A; the decision stands and the difference is shown for information."
    )


def test_excluded_target(campaign):
    outcome = TargetOutcome(
        "bctmt-good",
        "xa-van-khanh",
        "share",
        Status.EXCLUDED,
        trace=(Step("missing", {"what": "counts.hamlet of xa-van-khanh", "policy": "exclude"}),),
    )
    assert explain_target(outcome, campaign=campaign, locale="vi") == (
        "Chỉ tiêu “Ban Công tác Mặt trận ấp, khu phố hoàn thành tốt nhiệm vụ trở lên”: "
        "Thiếu số liệu: số ấp, khu phố theo từng mức xếp loại của xã Vân Khánh; "
        "theo quy định khi thiếu số liệu, không đưa vào xét. Kết luận: không xét."
    )
