"""A provincial scoring platform like Đồng Nai's, end to end, with every figure worked out by hand.

Campaign: tests/scenarios/documents/dong-nai-review.yaml; results: dong-nai-review-results.yaml (sample).
Rubric 40/30/30 (tap-hop, phong-trao, giam-sat), bonuses capped at 3 and 2, total capped at 100;
bands ≥ 95 Xuất sắc, 85–95 Tốt, below 85 Khá; chain don-vi → chuyen-vien → lanh-dao-ban → hoi-dong →
ban-thuong-truc (publishes); ordinal ranking, ties broken by the self-assessed total, then by name.

The hand-worked figures (self-assessment → what the reviewers changed → the final total):

============  ====================  =====  ===============================================  ========
unit          self (std + bonus)    self   review                                           final
============  ====================  =====  ===============================================  ========
An Phước      38+3, 29+2, 28        100    specialist's full set: tap-hop 37                94+5=99
Đông Hòa      38+1, 29+1, 28         97    specialist: tap-hop 37, bonus left out (kept)    94+2=96
Dầu Giây      36+2, 28+1, 27         94    council: giam-sat 29                             93+3=96
Long Thành    35, 26, 25             86    full set: phong-trao 25; council adds 5, gives 4  85+4=89
Âu Cơ         34, 27, 25             86    specialist: tap-hop 33                           85
Bàu Hàm       34+1, 26, 25           86    full set without the bonus: cleared              85
Xuân Lộc      30, 25, 25             80    sent back by the specialist                      —
Phú Lý        39+3, 30+2, 29     103→100   waiting for the specialist                       —
Gia Kiệm      35, 28, 27             90    rejected by the department leader                —
Thanh Sơn     (nothing reported)       —   —                                                —
============  ====================  =====  ===============================================  ========
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import thidua
from thidua import model as m
from thidua.l10n import explain_cluster, explain_unit

DOCS = Path(__file__).parent.parent / "scenarios" / "documents"
COUNTED = ("xa-an-phuoc", "xa-dong-hoa", "xa-dau-giay", "xa-long-thanh", "xa-au-co", "xa-bau-ham")


@pytest.fixture(scope="module")
def campaign():
    return thidua.load(DOCS / "dong-nai-review.yaml")


@pytest.fixture(scope="module")
def results(campaign):
    return thidua.load(DOCS / "dong-nai-review-results.yaml", campaign=campaign)


@pytest.fixture(scope="module")
def final(campaign, results):
    return thidua.evaluate(campaign, results)


def test_totals_and_grades_of_the_published_results(final):
    got = {u: (final.unit(u).score.total, final.unit(u).rating.grade) for u in COUNTED}
    assert got == {
        "xa-an-phuoc": (99, "xuat-sac"),
        "xa-dong-hoa": (96, "xuat-sac"),
        "xa-dau-giay": (96, "xuat-sac"),
        "xa-long-thanh": (89, "tot"),
        "xa-au-co": (85, "tot"),  # 85 is in the band of Tốt: [85, 95)
        "xa-bau-ham": (85, "tot"),
    }


def test_the_score_parts_follow_the_reviews(final):
    an_phuoc = final.unit("xa-an-phuoc").score
    assert (an_phuoc.standard, an_phuoc.bonus, an_phuoc.total, an_phuoc.stage) == (94, 5, 99, "chuyen-vien")
    # Đông Hòa: the specialist left tap-hop's bonus out of a list of changes, so the bonus 1 is kept
    dong_hoa = final.unit("xa-dong-hoa").score
    assert (dong_hoa.standard, dong_hoa.bonus) == (94, 2)
    # Bàu Hàm: the specialist's complete set gives tap-hop without a bonus, so it has none
    bau_ham = final.unit("xa-bau-ham").score
    assert (bau_ham.standard, bau_ham.bonus) == (85, 0)
    change = bau_ham.changes[0]
    assert (change.criterion, change.before, change.after, change.bonus_before, change.bonus_after) == (
        "tap-hop",
        34,
        34,
        1,
        None,
    )


def test_an_added_criterion_counts_with_its_own_maximum(final, campaign, results):
    s = final.unit("xa-long-thanh").score
    assert (s.standard, s.total, s.maximum, s.stage) == (89, 89, 105, "hoi-dong")
    added = next(c for c in s.criteria if c.criterion == "cuu-tro-lu")
    assert (added.points, added.maximum) == (4, 5)
    # before the council added it, it does not count: at the specialist's stage, 85 of 100
    at_specialist = thidua.evaluate(campaign, results, stage="chuyen-vien").unit("xa-long-thanh").score
    assert (at_specialist.total, at_specialist.maximum) == (85, 100)
    assert "cuu-tro-lu" not in {c.criterion for c in at_specialist.criteria}


def test_units_not_through_the_chain_are_not_yet_ranked(final):
    for unit, status, state in (
        ("xa-xuan-loc", "not_reviewed", "pending"),
        ("xa-phu-ly", "not_reviewed", "pending"),
        ("xa-thanh-son", "not_reviewed", None),
        ("xa-gia-kiem", "rejected", "rejected"),
    ):
        u = final.unit(unit)
        assert (u.score, u.rating.grade, u.rank, u.awards) == (None, None, None, ()), unit
        assert (u.review.status, u.review.state) == (status, state), unit
    assert final.unit("xa-phu-ly").review.at == "chuyen-vien"
    assert final.unit("xa-xuan-loc").review.at == "don-vi"  # sent back to the unit


def test_ordinal_ranks_with_the_self_score_then_the_name(final):
    ranking = final.cluster("cum-1").ranking
    assert ranking.mode == "ordinal"
    assert ranking.tie_breaks == ("@self_score", "@name")
    assert [(e.unit, e.rank) for e in ranking.entries] == [
        ("xa-an-phuoc", 1),
        ("xa-dong-hoa", 2),  # 96, self-assessed 97
        ("xa-dau-giay", 3),  # 96, self-assessed 94 (though "Dầu" comes before "Đông")
        ("xa-long-thanh", 4),
        ("xa-au-co", 5),  # 85, self 86: "Âu" comes before "Bàu" in Vietnamese order
        ("xa-bau-ham", 6),  # (a code-point sort would put "Bàu" first)
    ]
    # the tie-break values: the self-assessed total, then the place of the name among the six
    keys = {e.unit: e.keys for e in ranking.entries}
    assert keys["xa-dong-hoa"] == (97, 5)
    assert keys["xa-dau-giay"] == (94, 4)
    assert keys["xa-au-co"] == (86, 2)
    assert keys["xa-bau-ham"] == (86, 3)


@pytest.mark.parametrize(
    ("mode", "ranks"),
    [
        ("competition", [1, 2, 2, 4, 5, 5]),
        ("dense", [1, 2, 2, 3, 4, 4]),
    ],
)
def test_the_same_results_in_the_other_ranking_modes(campaign, results, mode, ranks):
    # without tie-breaks, the units with equal totals share their place
    other = attrs.evolve(campaign, ranking=m.RankingRule(mode))
    ranking = thidua.evaluate(other, results).cluster("cum-1").ranking
    assert {e.unit: e.rank for e in ranking.entries} == dict(zip(COUNTED, ranks, strict=True))
    assert ranking.mode == mode


def test_awards_leave_out_the_units_not_yet_ranked(final):
    granted = sorted((a.award, a.unit) for a in final.cluster("cum-1").awards if a.granted)
    # Cờ: An Phước (1st, Xuất sắc); Bằng khen (2, not with the Cờ): Đông Hòa and Dầu Giây. Phú Lý's
    # self-assessed 100 would have taken the Cờ had it been counted.
    assert granted == [("bang-khen", "xa-dau-giay"), ("bang-khen", "xa-dong-hoa"), ("co-thi-dua", "xa-an-phuoc")]


def test_the_meetings_proposal_of_a_unit_not_yet_reviewed_is_an_error(final):
    conflicts = final.cluster("cum-1").conflicts
    assert [(c.severity, c.code, c.args["unit"], c.args["award"]) for c in conflicts] == [
        ("error", "not_reviewed", "xa-phu-ly", "bang-khen")
    ]


def test_at_the_specialists_stage(campaign, results):
    ev = thidua.evaluate(campaign, results, stage="chuyen-vien")
    got = {u.unit: (u.score.total if u.score else None, u.rating.grade, u.rank) for u in ev.units}
    assert got == {
        "xa-an-phuoc": (99, "xuat-sac", 1),
        "xa-dong-hoa": (96, "xuat-sac", 2),
        "xa-dau-giay": (94, "tot", 3),  # the council's change comes later
        # three at 85, all self-assessed 86: the names decide (Âu, Bàu, Long)
        "xa-au-co": (85, "tot", 4),
        "xa-bau-ham": (85, "tot", 5),
        "xa-long-thanh": (85, "tot", 6),
        # Phú Lý waits for the specialist: not yet reviewed at this stage either
        "xa-phu-ly": (None, None, None),
        "xa-xuan-loc": (None, None, None),
        "xa-thanh-son": (None, None, None),
        "xa-gia-kiem": (None, None, None),
    }


def test_under_the_self_score_policy_units_in_review_are_rated_on_their_last_scores(campaign, results):
    ev = thidua.evaluate(attrs.evolve(campaign, unreviewed="self_score"), results)
    phu_ly, xuan_loc = ev.unit("xa-phu-ly"), ev.unit("xa-xuan-loc")
    # Phú Lý: 98 + 5 = 103, capped at 100; Xuân Lộc: 80, Khá
    assert (phu_ly.score.total, phu_ly.score.clamped, phu_ly.rating.grade, phu_ly.review.status) == (
        100,
        True,
        "xuat-sac",
        "self_score",
    )
    assert (xuan_loc.score.total, xuan_loc.rating.grade) == (80, "kha")
    ranking = ev.cluster("cum-1").ranking
    assert [e.unit for e in ranking.entries] == ["xa-phu-ly", *COUNTED, "xa-xuan-loc"]
    # nothing to rate Thanh Sơn on; a rejected result stays out under either policy
    assert ranking.rank_of("xa-thanh-son") is None
    assert ranking.rank_of("xa-gia-kiem") is None
    assert {a.unit for a in ev.cluster("cum-1").awards if a.granted and a.award == "co-thi-dua"} == {"xa-phu-ly"}


def test_the_explanation_says_not_yet_ranked_in_both_languages(final, campaign):
    vi = explain_unit(final, "xa-xuan-loc", campaign=campaign, locale="vi")
    assert (
        "Quá trình xét: “Chuyên viên thẩm định”: trả lại cho “Đơn vị tự chấm”; do Chuyên viên Ban Phong trào, "
        "ngày 24 tháng 11 năm 2025; lý do: Thiếu biên bản hội nghị"
    ) in vi
    assert "Trạng thái hiện tại: đang chờ bước “Đơn vị tự chấm” xét" in vi
    assert ("Xếp loại: chưa xếp loại. Chưa được xét ở bước “Ban Thường trực”; chưa bước nào xét xong.") in vi
    assert "Chưa xếp hạng trong Cụm thi đua số 1: chưa được xét ở bước “Ban Thường trực”" in vi
    en = explain_unit(final, "xa-phu-ly", campaign=campaign, locale="en")
    assert (
        "Rating: not yet ranked. Not yet reviewed at the stage “Standing committee”; "
        "the last stage that reviewed it: “Self-assessment”."
    ) in en
    assert "Current state: waiting for the stage “Specialist”" in en
    assert not any(line.startswith("Ranked") for line in en)


def test_the_explanation_says_who_is_tied_and_what_decided(final, campaign):
    vi = explain_unit(final, "xa-dau-giay", campaign=campaign, locale="vi")
    assert (
        "Xếp thứ 3 trong 6 đơn vị của Cụm thi đua số 1; bằng 96 điểm với xã Đông Hòa; thứ tự giữa các đơn vị "
        "này xét theo tổng điểm tự chấm (xã Đông Hòa: 97 và xã Dầu Giây: 94)"
    ) in vi
    en = explain_unit(final, "xa-bau-ham", campaign=campaign, locale="en")
    assert (
        "Ranked 6th of the 6 units of Emulation cluster no. 1; tied at 85 points with Xã Âu Cơ; the order among "
        "them follows "
        "the self-assessed total (Xã Âu Cơ 86 and Xã Bàu Hàm 86) and the Vietnamese alphabetical order of names"
    ) in en


def test_the_explanation_names_the_added_criterion_and_the_rejection(final, campaign):
    vi = explain_unit(final, "xa-long-thanh", campaign=campaign, locale="vi")
    assert (
        "“Tham gia cứu trợ đồng bào vùng lũ”: 4/5 điểm. Tiêu chí phát sinh, bổ sung cho đơn vị ở bước "
        "“Hội đồng thi đua”; do Hội đồng thi đua, ngày 05 tháng 12 năm 2025; lý do: Huy động cứu trợ đột xuất "
        "tháng 10"
    ) in vi
    en = explain_unit(final, "xa-gia-kiem", campaign=campaign, locale="en")
    assert (
        "Rating: none, the result was rejected. Rejected at the stage “Department leader”: not rated, not ranked, "
        "not counted; by Trưởng ban Phong trào on 28 November 2025; reason: Kê khai không đúng thực tế."
    ) in en


def test_a_later_change_to_a_published_result_is_refused_with_its_path(campaign, results):
    row = next(r for r in results.units if r.unit == "xa-an-phuoc")
    late = m.Assessment("ban-thuong-truc", (m.ScoreEntry("giam-sat", 30, reason="Bổ sung"),), on=None)
    changed = attrs.evolve(row, assessments=(*row.assessments, late))
    # a new version of the stored row: every difference is refused
    problems = m.locked_changes(row, changed, path=("units", 0))
    assert [(p.path, p.code) for p in problems] == [("units[0].assessments[2]", "result-locked")]
    # a changed value is refused at its own path
    first = row.assessments[1]
    lowered = attrs.evolve(first, scores=(attrs.evolve(first.scores[0], points=36), *first.scores[1:]))
    edited = attrs.evolve(row, assessments=(row.assessments[0], lowered))
    problems = m.locked_changes(row, edited, path=("units", 0))
    assert [(p.path, p.code) for p in problems] == [("units[0].assessments[1].scores[0].points", "result-locked")]
    assert m.locked_changes(row, row) == []
    # an event after the publication, in a results document: refused where it stands
    reopened = attrs.evolve(row, review=(*row.review, m.ReviewEvent("hoi-dong", "send_back", reason="Xem lại")))
    problems = m.validate_results(campaign, attrs.evolve(results, units=(reopened,), decisions=()))
    assert [(p.path, p.code) for p in problems] == [("units[0].review[5]", "result-locked")]
    assert problems[0].render("en") == (
        "units[0].review[5]: the result was published by the stage 'ban-thuong-truc'; it can no longer be changed"
    )
    assert problems[0].render("vi") == (
        "units[0].review[5]: kết quả đã được công bố ở bước “ban-thuong-truc”; không thể thay đổi nữa"
    )


def test_the_self_scores_are_literal(campaign, results):
    # the self-assessed totals, as the tie-break reads them (Phú Lý capped at 100)
    ev = thidua.evaluate(attrs.evolve(campaign, unreviewed="self_score"), results, stage="don-vi")
    got = {u.unit: u.score.total for u in ev.units if u.score is not None}
    assert got == {
        "xa-an-phuoc": 100,
        "xa-dong-hoa": 97,
        "xa-dau-giay": 94,
        "xa-long-thanh": 86,
        "xa-au-co": 86,
        "xa-bau-ham": 86,
        "xa-xuan-loc": 80,
        "xa-phu-ly": 100,  # 98 + 5 = 103, capped
    }
    assert ev.unit("xa-phu-ly").score.standard + ev.unit("xa-phu-ly").score.bonus == Fraction(103)


def test_the_cluster_lists_who_is_not_yet_ranked(final, campaign):
    lines = explain_cluster(final, "cum-1", campaign=campaign, locale="vi")
    assert "Chưa xếp hạng (chưa được xét): xã Phú Lý, xã Thanh Sơn và xã Xuân Lộc" in lines
    assert "Không xếp hạng (kết quả bị từ chối): xã Gia Kiệm" in lines
    assert lines[-1] == "Lỗi: Xã Phú Lý được đề nghị tặng “Bằng khen” nhưng chưa được xét ở bước “Ban Thường trực”."
