"""Year on year across mergers: An Minh 2022 → 2026, Thanh Xuân 2024 → 2025, splits and chains."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

import thidua
from thidua import model as m
from thidua.l10n import format_step
from thidua.lineage import compare, successor_map, successor_paths

REFORM = dt.date(2025, 7, 1)
GRADES = ("htxs", "htt", "ht", "kht")


def _scale(levels):
    return m.RatingScale(
        "s4",
        "Thang 4 mức",
        levels,
        (
            m.Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ"),
            m.Grade("htt", "Hoàn thành tốt nhiệm vụ"),
            m.Grade("ht", "Hoàn thành nhiệm vụ"),
            m.Grade("kht", "Không hoàn thành nhiệm vụ"),
        ),
    )


def _targets():
    return (
        m.ShareTarget("bctmt-good", "BCTMT hoàn thành tốt trở lên", "hamlet", "htt", "80%", "all"),
        m.OfWhichTarget("bctmt-excellent", "trong đó xuất sắc", "bctmt-good", "htxs", "30%", "all"),
        m.ZeroCountTarget("bctmt-no-weak", "không có yếu kém", "hamlet", "kht"),
    )


def _campaign(cid, year, levels, units, members, *, start=None, extra_targets=()):
    cluster = m.Cluster("cum", "Cụm", "cluster", year, members)
    area = m.ContentArea("chat-luong", "Chất lượng", (*_targets(), *extra_targets))
    return m.Campaign(
        cid,
        cid,
        year,
        levels,
        units,
        start=start,
        clusters=(cluster,),
        agreements=(m.Agreement("ga", ("cum",), content_areas=(area,)),),
        scales=(_scale(tuple(lv.id for lv in levels if lv.id in ("commune", "hamlet"))),),
    )


def _results(cid, year, counts, measures=None):
    rows = tuple(
        m.UnitResult(u, counts={"hamlet": dict(zip(GRADES, c, strict=True))}, measures=(measures or {}).get(u, {}))
        for u, c in counts.items()
    )
    return m.Results(cid, year, rows)


# -- An Minh 2022 → 2026 -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def an_minh_2026(an_minh):
    """The five 2025 communes that took in An Minh's eleven, evaluated in 2026 (literal counts)."""
    levels = (
        m.Level("province", "Tỉnh"),
        m.Level("commune", "Xã"),
        m.Level("hamlet", "Ấp"),
    )
    keep = {u.id for u in an_minh.units if u.valid_from == REFORM}
    # the 2026 campaign knows only its own units; the links back live in the 2022 campaign
    units = tuple(attrs.evolve(u, lineage=()) for u in an_minh.units if u.id in keep)
    members = tuple(u.id for u in units if u.level == "commune")
    quota = m.QuotaTarget("quy-vi-nguoi-ngheo", "Quỹ", "fund_raised", quota_measure="fund_quota")
    campaign = _campaign("an-minh-2026", 2026, levels, units, members, extra_targets=(quota,))
    counts = {
        "xa-van-khanh-2025": (6, 10, 3, 1),
        "xa-an-minh-2025": (9, 15, 4, 0),
        "xa-dong-hoa-2025": (6, 12, 3, 0),
        "xa-tan-thanh-2025": (5, 12, 3, 0),
        "xa-dong-hung-2025": (5, 11, 2, 0),
    }
    measures = {u: {"fund_quota": 250_000_000, "fund_raised": 250_000_000} for u in counts}
    results = _results("an-minh-2026", 2026, counts, measures)
    return campaign, thidua.evaluate(campaign, results)


def test_an_minh_communes_map_to_their_2025_successors(an_minh):
    succ = successor_map(an_minh, dt.date(2026, 1, 1))
    # seed-units.md, seed 002
    assert {k: v for k, v in succ.items() if an_minh.unit(k).level == "commune" and an_minh.unit(k).valid_to} == {
        "tt-thu-muoi-mot": ("xa-an-minh-2025",),
        "xa-thuan-hoa": ("xa-tan-thanh-2025",),
        "xa-dong-hoa": ("xa-dong-hoa-2025",),
        "xa-dong-thanh": ("xa-dong-hoa-2025",),
        "xa-tan-thanh": ("xa-tan-thanh-2025",),
        "xa-dong-hung": ("xa-an-minh-2025",),
        "xa-dong-hung-a": ("xa-dong-hung-2025",),
        "xa-dong-hung-b": ("xa-an-minh-2025",),
        "xa-van-khanh": ("xa-van-khanh-2025",),
        "xa-van-khanh-dong": ("xa-dong-hung-2025",),
        "xa-van-khanh-tay": ("xa-van-khanh-2025",),
    }
    # the district level ended without a successor; units still existing map to themselves
    assert succ["huyen-an-minh"] == ()
    assert succ["xa-van-khanh-2025"] == ("xa-van-khanh-2025",)
    # before the reform every unit is itself
    assert successor_map(an_minh, dt.date(2025, 6, 30))["xa-van-khanh-tay"] == ("xa-van-khanh-tay",)


def test_an_minh_results_are_added_up_on_van_khanh(an_minh, an_minh_results, an_minh_2026):
    next_campaign, next_eval = an_minh_2026
    prev_eval = thidua.evaluate(an_minh, an_minh_results)
    records = {r.unit: r for r in compare(prev_eval, an_minh, next_eval, next_campaign)}
    assert sorted(records) == [
        "xa-an-minh-2025",
        "xa-dong-hoa-2025",
        "xa-dong-hung-2025",
        "xa-tan-thanh-2025",
        "xa-van-khanh-2025",
    ]
    vk = records["xa-van-khanh-2025"]
    assert [p.unit for p in vk.predecessors] == ["xa-van-khanh", "xa-van-khanh-tay"]
    assert vk.unapportioned == ()
    step = vk.predecessors[1].path[0]
    assert (step.code, step.args) == ("lineage", {"kind": "merged_into", "unit": "xa-van-khanh-2025", "on": REFORM})
    t = {x.target: x for x in vk.targets}
    # 2022: Vân Khánh 4/5/1/0 (9 of 10 good or better), Vân Khánh Tây 3/5/1/1 (8 of 10)
    good = t["bctmt-good"]
    assert (good.numerator, good.denominator, good.share, good.met) == (17, 20, Fraction(17, 20), True)
    assert good.verdicts == {"xa-van-khanh": "met", "xa-van-khanh-tay": "met"}
    # of which excellent over all: (4 + 3) / 20 = 35% ≥ 30%
    exc = t["bctmt-excellent"]
    assert (exc.numerator, exc.denominator, exc.share, exc.met) == (7, 20, Fraction(7, 20), True)
    # one weak committee in Vân Khánh Tây: 0 + 1 = 1
    weak = t["bctmt-no-weak"]
    assert (weak.numerator, weak.met) == (1, False)
    # fund: 130,000,000 + 149,999,999 raised against 120,000,000 + 150,000,000
    fund = t["quy-vi-nguoi-ngheo"]
    assert (fund.numerator, fund.denominator, fund.met) == (279_999_999, 270_000_000, True)
    # this year: 6 + 10 of 20 = 80%
    assert good.current is not None
    assert (good.current.numerator, good.current.denominator, good.current.met) == (16, 20, True)
    assert vk.score is None
    assert vk.grade is None


def test_an_minh_three_into_one(an_minh, an_minh_results, an_minh_2026):
    next_campaign, next_eval = an_minh_2026
    prev_eval = thidua.evaluate(an_minh, an_minh_results)
    (am,) = [r for r in compare(prev_eval, an_minh, next_eval, next_campaign) if r.unit == "xa-an-minh-2025"]
    assert [p.unit for p in am.predecessors] == ["tt-thu-muoi-mot", "xa-dong-hung", "xa-dong-hung-b"]
    t = {x.target: x for x in am.targets}
    # good or better: 10 of 11, 6 of 9, 8 of 8 → 24 of 28 = 6/7 ≥ 80% (not the mean of the three shares)
    assert (t["bctmt-good"].numerator, t["bctmt-good"].denominator, t["bctmt-good"].share) == (24, 28, Fraction(6, 7))
    assert t["bctmt-good"].met
    # excellent: 4 + 2 + 2 = 8 of 28 = 2/7 < 30%
    assert (t["bctmt-excellent"].numerator, t["bctmt-excellent"].share, t["bctmt-excellent"].met) == (
        8,
        Fraction(2, 7),
        False,
    )
    # each 2022 unit's own score and grade are listed, not added up
    scores = {p.unit: p.score for p in am.predecessors}
    assert scores == {u.unit: u.score.total for u in prev_eval.units if u.unit in scores}


def test_the_mapping_reads_in_both_languages(an_minh):
    ((_, path),) = successor_paths(an_minh, dt.date(2026, 1, 1))["xa-van-khanh-tay"]
    vi = format_step(path[0], campaign=an_minh, locale="vi")
    en = format_step(path[0], campaign=an_minh, locale="en")
    # the generic noun in lower case inside a Vietnamese sentence (Nghị định 30/2020, Phụ lục II)
    assert vi == "Từ ngày 01 tháng 7 năm 2025, toàn bộ địa bàn nhập vào xã Vân Khánh"
    assert en == "From 1 July 2025, the whole area went into Xã Vân Khánh"
    assert vi != en


# -- Thanh Xuân: Kim Giang → Hạ Đình on 1 January 2025 -----------------------------------------------------

MERGE = dt.date(2025, 1, 1)
#: seed-units.md, seed 004: code, id, name
WARDS = [
    ("00343", "nhan-chinh", "Phường Nhân Chính"),
    ("00346", "thuong-dinh", "Phường Thượng Đình"),
    ("00349", "khuong-trung", "Phường Khương Trung"),
    ("00352", "khuong-mai", "Phường Khương Mai"),
    ("00355", "thanh-xuan-trung", "Phường Thanh Xuân Trung"),
    ("00358", "phuong-liet", "Phường Phương Liệt"),
    ("00361", "ha-dinh", "Phường Hạ Đình"),
    ("00364", "khuong-dinh", "Phường Khương Đình"),
    ("00367", "thanh-xuan-bac", "Phường Thanh Xuân Bắc"),
    ("00370", "thanh-xuan-nam", "Phường Thanh Xuân Nam"),
    ("00373", "kim-giang", "Phường Kim Giang"),
]
GONE = {"kim-giang": "ha-dinh", "thanh-xuan-nam": "thanh-xuan-bac"}


def _thanh_xuan(year):
    levels = (m.Level("district", "Quận"), m.Level("commune", "Phường"), m.Level("hamlet", "Tổ dân phố"))
    units = [m.Unit("quan-thanh-xuan", "Quận Thanh Xuân", "district", code="009")]
    for code, uid, name in WARDS:
        lineage = (m.Lineage("merged_into", GONE[uid], MERGE),) if uid in GONE else ()
        back = tuple(m.Lineage("merged_from", old, MERGE) for old, new in GONE.items() if new == uid)
        units.append(
            m.Unit(
                uid,
                name,
                "commune",
                "quan-thanh-xuan",
                code=code,
                valid_to=dt.date(2024, 12, 31) if uid in GONE else None,
                lineage=lineage + back,
            )
        )
    members = tuple(u.id for u in units if u.level == "commune" and (year < 2025 or u.id not in GONE))
    return _campaign(f"thanh-xuan-{year}", year, levels, tuple(units), members)


def test_thanh_xuan_wards_merge_on_new_year():
    c2024 = _thanh_xuan(2024)
    assert successor_map(c2024, dt.date(2024, 12, 31))["kim-giang"] == ("kim-giang",)
    succ = successor_map(c2024, MERGE)
    assert succ["kim-giang"] == ("ha-dinh",)
    assert succ["thanh-xuan-nam"] == ("thanh-xuan-bac",)
    assert succ["nhan-chinh"] == ("nhan-chinh",)


def test_thanh_xuan_2024_compared_on_2025_wards():
    c2024, c2025 = _thanh_xuan(2024), _thanh_xuan(2025)
    counts_2024 = {uid: (3, 12, 5, 0) for _, uid, _ in WARDS}
    counts_2024["kim-giang"] = (2, 10, 3, 1)
    counts_2024["ha-dinh"] = (6, 14, 2, 0)
    counts_2025 = {uid: (4, 12, 4, 0) for _, uid, _ in WARDS if uid not in GONE}
    counts_2025["ha-dinh"] = (9, 25, 3, 0)
    ev2024 = thidua.evaluate(c2024, _results(c2024.id, 2024, counts_2024))
    ev2025 = thidua.evaluate(c2025, _results(c2025.id, 2025, counts_2025))
    records = {r.unit: r for r in compare(ev2024, c2024, ev2025, c2025)}
    assert len(records) == 9
    hd = records["ha-dinh"]
    assert [(p.unit, len(p.path)) for p in hd.predecessors] == [("ha-dinh", 0), ("kim-giang", 1)]
    t = {x.target: x for x in hd.targets}
    # Hạ Đình 20 of 22 good or better, Kim Giang 12 of 16 (75%, not met): together 32 of 38 ≥ 80%
    assert t["bctmt-good"].verdicts == {"ha-dinh": "met", "kim-giang": "not_met"}
    assert (t["bctmt-good"].numerator, t["bctmt-good"].denominator, t["bctmt-good"].met) == (32, 38, True)
    # excellent over all: (6 + 2) / 38 = 21.1% < 30%
    assert (t["bctmt-excellent"].numerator, t["bctmt-excellent"].met) == (8, False)
    assert (t["bctmt-no-weak"].numerator, t["bctmt-no-weak"].met) == (1, False)
    # 2025: 34 of 37 good or better
    current = t["bctmt-good"].current
    assert current is not None
    assert (current.numerator, current.denominator) == (34, 37)
    # an unchanged ward compares with itself
    nc = records["nhan-chinh"]
    assert [p.unit for p in nc.predecessors] == ["nhan-chinh"]
    assert {x.target: x.numerator for x in nc.targets}["bctmt-good"] == 15


# -- splits and chains ------------------------------------------------------------------------------------


def _split_campaigns():
    levels = (m.Level("commune", "Xã"), m.Level("hamlet", "Thôn"))
    old = m.Unit(
        "a",
        "Xã A",
        "commune",
        valid_to=dt.date(2025, 6, 30),
        lineage=(m.Lineage("split_into", "b", REFORM), m.Lineage("split_into", "c", REFORM)),
    )
    whole = m.Unit(
        "d", "Xã D", "commune", valid_to=dt.date(2025, 6, 30), lineage=(m.Lineage("merged_into", "b", REFORM),)
    )
    new = [m.Unit(x, f"Xã {x.upper()}", "commune", valid_from=REFORM) for x in ("b", "c")]
    prev = _campaign("p", 2024, levels, (old, whole, *new), ("a", "d"))
    nxt = _campaign("n", 2026, levels, tuple(attrs.evolve(u, lineage=()) for u in new), ("b", "c"))
    return prev, nxt


def test_a_split_unit_is_listed_but_not_added_up():
    prev, nxt = _split_campaigns()
    assert successor_map(prev, dt.date(2026, 1, 1))["a"] == ("b", "c")
    ev_prev = thidua.evaluate(prev, _results("p", 2024, {"a": (5, 10, 5, 0), "d": (2, 6, 2, 0)}))
    ev_next = thidua.evaluate(nxt, _results("n", 2026, {"b": (4, 12, 4, 0), "c": (3, 9, 3, 0)}))
    records = {r.unit: r for r in compare(ev_prev, prev, ev_next, nxt)}
    b = records["b"]
    assert [p.unit for p in b.predecessors] == ["a", "d"]
    assert b.unapportioned == ("a",)
    good = next(t for t in b.targets if t.target == "bctmt-good")
    # only D is added up: 8 of 10
    assert (good.numerator, good.denominator, good.included) == (8, 10, ("d",))
    # each one's own verdict: A 15 of 20 = 75%, D 8 of 10 = 80%
    assert good.verdicts == {"a": "not_met", "d": "met"}
    c = records["c"]
    assert c.unapportioned == ("a",)
    assert next(t for t in c.targets if t.target == "bctmt-good").numerator is None


def test_chains_are_followed_up_to_the_day():
    levels = (m.Level("commune", "Xã"),)
    units = (
        m.Unit(
            "a",
            "A",
            "commune",
            valid_to=dt.date(2023, 12, 31),
            lineage=(m.Lineage("merged_into", "b", dt.date(2024, 1, 1)),),
        ),
        m.Unit("b", "B", "commune", valid_to=dt.date(2025, 6, 30), lineage=(m.Lineage("renamed_to", "c", REFORM),)),
        m.Unit("c", "C", "commune", valid_from=REFORM, lineage=(m.Lineage("renamed_from", "b", REFORM),)),
    )
    c = m.Campaign("x", "x", 2023, levels, units)
    assert successor_map(c, dt.date(2024, 6, 1))["a"] == ("b",)
    ((succ, path),) = successor_paths(c, dt.date(2026, 1, 1))["a"]
    assert succ == "c"
    assert [(s.args["kind"], s.args["unit"]) for s in path] == [("merged_into", "b"), ("renamed_to", "c")]


def test_backward_links_alone_are_enough():
    levels = (m.Level("commune", "Xã"),)
    old = m.Unit("a", "A", "commune", valid_to=dt.date(2025, 6, 30))
    new = m.Unit("b", "B", "commune", valid_from=REFORM, lineage=(m.Lineage("merged_from", "a", REFORM),))
    c = m.Campaign("x", "x", 2025, levels, (old, new))
    assert successor_map(c, REFORM) == {"a": ("b",), "b": ("b",)}
