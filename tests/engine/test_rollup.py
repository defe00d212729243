"""Roll-up: targets of a unit decided from the grades of its sub-units, one or more levels down.

Sub-units are listed one by one (each with its own reported or computed grade)
rather than as counts; a district's target counts its communes, a commune's
its hamlets, a province's every commune below it, across the district level.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import thidua
from thidua import model as m

GRADES = (
    m.Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ"),
    m.Grade("htt", "Hoàn thành tốt nhiệm vụ"),
    m.Grade("ht", "Hoàn thành nhiệm vụ"),
    m.Grade("kht", "Không hoàn thành nhiệm vụ"),
)

#: commune: reported grade; hamlets: reported grades of its hamlets
COMMUNES = {
    "c1": ("htxs", ("htxs", "htt", "htt", "ht", "kht")),
    "c2": ("htt", ("htt", "htt", "htt", "htt")),
    "c3": ("htt", ("htxs", "htxs", "htt")),
    "c4": ("ht", ("ht", "ht")),
}


def _campaign() -> m.Campaign:
    units = [
        m.Unit("p", "Tỉnh P", "province"),
        m.Unit("d1", "Huyện D1", "district", "p"),
        m.Unit("d2", "Huyện D2", "district", "p"),
    ]
    for c, (_, hamlets) in COMMUNES.items():
        units.append(m.Unit(c, f"Xã {c}", "commune", "d1"))
        units.extend(
            m.Unit(f"{c}-h{i}", f"Ấp {i} xã {c}", "hamlet", c, kind="front_work_committee") for i in range(len(hamlets))
        )
    units.append(m.Unit("c5", "Xã c5", "commune", "d2"))
    targets = (
        m.ShareTarget("communes-good", "Xã hoàn thành tốt trở lên", "commune", "htt", "100%", "all"),
        m.OfWhichTarget("communes-excellent", "trong đó xuất sắc", "communes-good", "htxs", "30%", "all"),
        m.ShareTarget("hamlets-good", "Ấp hoàn thành tốt trở lên", "hamlet", "htt", "80%", "all"),
        m.ZeroCountTarget("hamlets-no-weak", "Không có ấp yếu kém", "hamlet", "kht"),
    )
    return m.Campaign(
        "rollup",
        "Roll-up",
        2022,
        (
            m.Level("province", "Tỉnh"),
            m.Level("district", "Huyện"),
            m.Level("commune", "Xã"),
            m.Level("hamlet", "Ấp"),
        ),
        tuple(units),
        clusters=(
            m.Cluster("k-districts", "Khối huyện", "block", 2022, ("d1", "d2")),
            m.Cluster("k-communes", "Cụm xã", "cluster", 2022, ("c1", "c2", "c3", "c4")),
            m.Cluster("k-province", "Khối tỉnh", "block", 2022, ("p",)),
        ),
        agreements=(
            m.Agreement(
                "a-districts", ("k-districts",), content_areas=(m.ContentArea("q", "Chất lượng", targets[:2]),)
            ),
            m.Agreement(
                "a-communes", ("k-communes",), content_areas=(m.ContentArea("q2", "Chất lượng ấp", targets[2:]),)
            ),
            m.Agreement(
                "a-province",
                ("k-province",),
                content_areas=(
                    m.ContentArea(
                        "q3",
                        "Chất lượng xã toàn tỉnh",
                        (
                            m.ShareTarget(
                                "all-communes-good", "Xã toàn tỉnh tốt trở lên", "commune", "htt", "60%", "all"
                            ),
                        ),
                    ),
                ),
            ),
        ),
        scales=(
            m.RatingScale("s-commune", "Xếp loại xã", ("commune",), GRADES, legacy={"yếu kém": "kht"}),
            m.RatingScale("s-hamlet", "Xếp loại ấp", ("hamlet",), GRADES, legacy={"yếu kém": "kht"}),
        ),
    )


def _results() -> m.Results:
    rows = []
    for c, (grade, hamlets) in COMMUNES.items():
        rows.append(m.UnitResult(c, rating=grade))
        rows.extend(m.UnitResult(f"{c}-h{i}", rating=g) for i, g in enumerate(hamlets))
    rows.append(m.UnitResult("c5", rating="Yếu kém"))  # a legacy label, mapped to kht
    return m.Results("rollup", 2022, tuple(rows))


@pytest.fixture(scope="module")
def ev():
    return thidua.evaluate(_campaign(), _results())


def test_a_district_counts_its_communes(ev):
    # d1's communes: htxs, htt, htt, ht → good or better 3/4 = 75% < 100%: one more is needed.
    t = ev.target("d1", "communes-good")
    assert (t.numerator, t.denominator, t.share, t.met, t.shortfall) == (3, 4, Fraction(3, 4), False, 1)
    # of which excellent over all 4: 1/4 = 25% < 30%
    t = ev.target("d1", "communes-excellent")
    assert (t.numerator, t.denominator, t.met) == (1, 4, False)


def test_another_district_counts_only_its_own_communes(ev):
    # d2 has c5 only, rated kht: 0/1
    t = ev.target("d2", "communes-good")
    assert (t.numerator, t.denominator, t.met, t.shortfall) == (0, 1, False, 1)


def test_a_commune_counts_its_listed_hamlets(ev):
    # c1's hamlets: htxs, htt, htt, ht, kht → 3/5 = 60% < 80%: ceil(0.8 × 5) − 3 = 1 more
    t = ev.target("c1", "hamlets-good")
    assert (t.numerator, t.denominator, t.met, t.shortfall) == (3, 5, False, 1)
    weak = ev.target("c1", "hamlets-no-weak")
    assert (weak.numerator, weak.met) == (1, False)
    # c3's hamlets: htxs, htxs, htt → 3/3
    t = ev.target("c3", "hamlets-good")
    assert (t.numerator, t.denominator, t.met) == (3, 3, True)


def test_a_province_counts_communes_across_the_district_level(ev):
    # every commune of the province: c1..c5 = htxs, htt, htt, ht, kht → 3/5 = 60% ≥ 60%
    t = ev.target("p", "all-communes-good")
    assert (t.numerator, t.denominator, t.share, t.met) == (3, 5, Fraction(3, 5), True)
