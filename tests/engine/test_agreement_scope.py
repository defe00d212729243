"""A target decided over all the signatories of an agreement, across its clusters (scope ``agreement``).

An Minh 2022 (seed 002): the 11 communes signed one agreement in two
clusters, with "100% of commune Front committees completing their tasks
well or better, of which at least 30% excellently". The article sets it for
the 11 communes. In the sample results 4 communes are rated excellent: Vân
Khánh in cluster 1; Thứ Mười Một, Đông Hòa and Tân Thạnh in cluster 2.

* Over the agreement: 4/11 = 36.4% ≥ 30%: met, for both clusters.
* Per cluster (scope ``cluster``): cluster 1 has 1/5 = 20% (not met),
  cluster 2 has 3/6 = 50% (met).
"""

from __future__ import annotations

from fractions import Fraction

import attrs

import thidua
from thidua import model as m
from thidua.engine import Session
from thidua.l10n import explain_cluster

AGREEMENT = "agreement:giao-uoc-2022"


def _with_scope(campaign: m.Campaign, scope: str) -> m.Campaign:
    ag = campaign.agreements[0]
    areas = [
        attrs.evolve(
            area, targets=[attrs.evolve(t, scope=scope) if t.id == "commune-good" else t for t in area.targets]
        )
        for area in ag.content_areas
    ]
    return attrs.evolve(campaign, agreements=[attrs.evolve(ag, content_areas=areas)])


def test_the_bundled_an_minh_decides_the_commune_targets_over_the_eleven_communes():
    campaign = thidua.examples.load_campaign("an-minh-2022")
    ev = thidua.evaluate(campaign, thidua.examples.load_results("an-minh-2022"))
    for cluster in ("cum-1", "cum-2"):
        good, excellent = ev.cluster(cluster).targets
        assert (good.subject, good.target, good.numerator, good.denominator, good.met) == (
            AGREEMENT,
            "commune-good",
            11,
            11,
            True,
        )
        assert (excellent.subject, excellent.target, excellent.numerator, excellent.denominator) == (
            AGREEMENT,
            "commune-excellent",
            4,
            11,
        )
        assert excellent.share == Fraction(4, 11)
        assert excellent.met
    assert ev.target(AGREEMENT, "commune-excellent").numerator == 4


def test_per_cluster_the_same_figures_gave_cluster_1_not_met():
    campaign = _with_scope(thidua.examples.load_campaign("an-minh-2022"), "cluster")
    ev = thidua.evaluate(campaign, thidua.examples.load_results("an-minh-2022"))
    one = ev.target("cum-1", "commune-excellent")
    two = ev.target("cum-2", "commune-excellent")
    assert (one.subject, one.numerator, one.denominator, one.met) == ("cum-1", 1, 5, False)
    assert (two.subject, two.numerator, two.denominator, two.met) == ("cum-2", 3, 6, True)


def test_the_explanation_says_the_target_is_decided_over_the_agreement():
    campaign = thidua.examples.load_campaign("an-minh-2022")
    ev = thidua.evaluate(campaign, thidua.examples.load_results("an-minh-2022"))
    vi = next(line for line in explain_cluster(ev, "cum-1", campaign=campaign) if "trong đó" in line)
    assert vi == (
        "Chỉ tiêu “Ủy ban MTTQ Việt Nam xã, thị trấn hoàn thành tốt nhiệm vụ trở lên, trong đó ít nhất 30% hoàn "
        "thành xuất sắc nhiệm vụ”: Tính chung cho tất cả các đơn vị ký Giao ước thi đua năm 2022 của Mặt trận 11 "
        "xã, thị trấn huyện An Minh. Trong đó 4/11 xếp loại “Hoàn thành xuất sắc nhiệm vụ”, đạt 36,4% tính trên "
        "tổng số; chỉ tiêu: từ 30% trở lên. Nếu tính trên số xếp loại “Hoàn thành tốt nhiệm vụ” trở lên thì là "
        "36,4% (đạt); chỉ để tham khảo. Kết luận: đạt."
    )
    en = next(line for line in explain_cluster(ev, "cum-2", campaign=campaign, locale="en") if "of which" in line)
    assert "Decided once over all the units that signed: the 2022 agreement" in en
    assert "4 of 11 rated “Completed tasks excellently”, 36.4% over all; target: at least 30%" in en


def test_a_session_update_in_one_cluster_changes_the_verdict_for_both():
    campaign = thidua.examples.load_campaign("an-minh-2022")
    results = thidua.examples.load_results("an-minh-2022")
    session = Session(campaign, results)
    row = next(r for r in results.units if r.unit == "xa-dong-hoa")
    # 5 late reports take 5 points: 94 → 89, "Hoàn thành tốt nhiệm vụ"; 3/11 = 27.3% < 30%
    changed = attrs.evolve(row, measures={**row.measures, "late_reports": 5})
    update = session.update(changed)
    assert update.unit.rating.grade == "htt"
    for cluster in ("cum-1", "cum-2"):
        outcome = session.evaluation.target(cluster, "commune-excellent")
        assert (outcome.subject, outcome.numerator, outcome.denominator, outcome.met) == (AGREEMENT, 3, 11, False)
    full = thidua.evaluate(
        campaign, attrs.evolve(results, units=[changed if r.unit == "xa-dong-hoa" else r for r in results.units])
    )
    assert session.evaluation == full


def test_an_agreement_scope_reads_and_writes():
    campaign = thidua.examples.load_campaign("an-minh-2022")
    text = thidua.io.dumps(campaign, "json")
    assert '"scope": "agreement"' in text
    assert thidua.io.loads(text) == campaign
    assert "agreement" in thidua.io.json_schema("campaign")["$defs"]["Scope"]["enum"]
