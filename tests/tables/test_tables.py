"""Plain records and DataFrames of an evaluation (thidua.tables).

Expected values are worked out by hand from the An Minh 2022 sample data
(tests/seeds.py) and written with their arithmetic.
"""

from __future__ import annotations

import sys
from fractions import Fraction

import attrs
import pytest

import thidua
from problem_text import raises_en
from thidua import tables


@pytest.fixture(scope="module")
def ev(an_minh, an_minh_results):
    return thidua.evaluate(an_minh, an_minh_results)


def _row(rows, **where):
    found = [r for r in rows if all(r[k] == v for k, v in where.items())]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("table", list(tables.TABLES))
def test_every_row_has_the_columns_of_its_table_in_order(ev, table):
    rows = tables.records(ev, table)
    assert rows, table
    for r in rows:
        assert tuple(r) == tables.TABLES[table]


def test_target_rows_are_exact(ev):
    rows = tables.records(ev, "targets")
    # Vân Khánh Tây: hamlets 3 htxs, 5 htt, 1 ht, 1 kht → good or better 3 + 5 = 8 of 10.
    good = _row(rows, subject="xa-van-khanh-tay", target="bctmt-good")
    assert (good["numerator"], good["denominator"], good["share"]) == (8, 10, Fraction(4, 5))
    assert good["threshold"] == Fraction(80, 100)
    assert (good["status"], good["met"], good["shortfall"], good["subject_type"]) == ("met", True, 0, "unit")
    # "of which" excellent over all 10: 3/10 meets 30%; over the 8 good ones: 3/8 (shown, never decides).
    exc = _row(rows, subject="xa-van-khanh-tay", target="bctmt-excellent")
    assert (exc["share"], exc["alternative"], exc["met"]) == (Fraction(3, 10), Fraction(3, 8), True)
    # One committee rated kht: "none weak" fails with a count of 1.
    weak = _row(rows, subject="xa-van-khanh-tay", target="bctmt-no-weak")
    assert (weak["numerator"], weak["denominator"], weak["status"]) == (1, None, "not_met")
    # Fund: 149,999,999 of 150,000,000 VND → 1 VND short.
    fund = _row(rows, subject="xa-van-khanh-tay", target="quy-vi-nguoi-ngheo")
    assert (fund["numerator"], fund["threshold"], fund["shortfall"], fund["met"]) == (
        149_999_999,
        150_000_000,
        1,
        False,
    )
    assert isinstance(fund["share"], Fraction)


def test_cluster_targets_have_the_cluster_as_subject(ev):
    rows = tables.records(ev, "targets")
    # The commune targets are decided once over the 11 communes that signed the agreement: one row, not one per
    # cluster. 4 rated htxs (Vân Khánh; Thứ Mười Một, Đông Hòa, Tân Thạnh) → 4/11 = 36.4% ≥ 30%.
    exc = _row(rows, subject="agreement:giao-uoc-2022", target="commune-excellent")
    assert (exc["subject_type"], exc["numerator"], exc["denominator"], exc["met"]) == ("agreement", 4, 11, True)
    assert sum(1 for r in rows if r["target"] == "commune-excellent") == 1
    # per cluster (scope "cluster"), cluster 1 alone: Vân Khánh is the only one rated htxs → 1/5 = 20% < 30%
    campaign = thidua.examples.load_campaign()
    ag = campaign.agreements[0]
    areas = [
        attrs.evolve(a, targets=[attrs.evolve(t, scope="cluster") if t.id == "commune-good" else t for t in a.targets])
        for a in ag.content_areas
    ]
    per_cluster = attrs.evolve(campaign, agreements=[attrs.evolve(ag, content_areas=areas)])
    rows = tables.records(thidua.evaluate(per_cluster, thidua.examples.load_results()), "targets")
    exc = _row(rows, subject="cum-1", target="commune-excellent")
    assert (exc["subject_type"], exc["numerator"], exc["denominator"], exc["met"]) == ("cluster", 1, 5, False)


def test_unit_rows(ev):
    rows = tables.records(ev, "units")
    assert len(rows) == 11
    vkt = _row(rows, unit="xa-van-khanh-tay")
    # 10 + 9 + (14 → 13 after review) + 9 + 14 + 9 = 64 assessed, + 1 bonus,
    # + 15 × 149,999,999 / 150,000,000 = 14.9999999 for the fund, + 10 (80% target met),
    # + 0 (a weak committee) = 89.9999999: below 90, so htt.
    assert vkt["score"] == Fraction(899_999_999, 10_000_000)
    assert vkt["maximum"] == 100
    assert (vkt["grade"], vkt["grade_source"], vkt["capped"]) == ("htt", "computed", False)
    assert (vkt["targets_met"], vkt["targets_total"]) == (2, 4)
    assert vkt["clusters"] == ("cum-1",)
    assert vkt["stage"] == "ban-thuong-truc"
    assert vkt["awards"] == ()
    # Thứ Mười Một: 69 assessed − 2 after two reviews = 67, + 2 bonus + 15 + 10 + 5 = 99; the flag of cluster 2.
    tt = _row(rows, unit="tt-thu-muoi-mot")
    assert (tt["score"], tt["rank"], tt["awards"]) == (Fraction(99), 1, ("co-thi-dua",))


def test_ranking_rows_keep_ties(ev):
    rows = [r for r in tables.records(ev, "rankings") if r["group"] == "cum-2"]
    # Đông Hòa 64 + 15 + 10 + 5 = 94; Tân Thạnh 64 + 1 + 15 + 10 + 5 − 1 (late report) = 94: both 3rd, then 5th.
    assert [(r["unit"], r["rank"]) for r in rows] == [
        ("tt-thu-muoi-mot", 1),
        ("xa-dong-thanh", 2),
        ("xa-dong-hoa", 3),
        ("xa-tan-thanh", 3),
        ("xa-thuan-hoa", 5),
        ("xa-dong-hung", 6),
    ]
    assert {r["group_type"] for r in rows} == {"cluster"}
    level = [r for r in tables.records(ev, "rankings") if r["group"] == "level:commune"]
    assert len(level) == 11
    assert {r["group_type"] for r in level} == {"level"}


def test_award_rows(ev):
    rows = tables.records(ev, "awards")
    assert len(rows) == 11 * 3  # three award rules for every commune
    flags = sorted(r["unit"] for r in rows if r["award"] == "co-thi-dua" and r["granted"])
    assert flags == ["tt-thu-muoi-mot", "xa-van-khanh"]
    dong_thanh = _row(rows, unit="xa-dong-thanh", award="co-thi-dua")
    assert (dong_thanh["eligible"], dong_thanh["granted"], dong_thanh["title"]) == (False, False, "co-thi-dua-tinh")


def test_change_rows_list_every_reviewer_change(ev):
    rows = tables.records(ev, "changes")
    assert sorted((r["unit"], r["criterion"], r["stage"], r["before"], r["after"]) for r in rows) == [
        ("tt-thu-muoi-mot", "doi-moi", "ban-thuong-truc", 14, 13),
        ("tt-thu-muoi-mot", "doi-moi", "cum-tham-dinh", 15, 14),
        ("xa-dong-thanh", "ke-hoach", "ban-thuong-truc", 10, 9),
        ("xa-van-khanh", "ntm-dtvm", "cum-tham-dinh", 14, 13),
        ("xa-van-khanh-tay", "doi-moi", "cum-tham-dinh", 14, 13),
    ]
    vkt = _row(rows, unit="xa-van-khanh-tay")
    assert vkt["reason"] == "Mô hình mới chưa có báo cáo sơ kết"
    assert vkt["on"].isoformat() == "2022-12-02"


def test_conflict_rows_flatten_the_arguments(ev):
    rows = tables.records(ev, "conflicts")
    assert sorted((r["cluster"], r["severity"], r["code"]) for r in rows) == [
        ("cum-1", "info", "order_differs"),
        ("cum-2", "error", "over_quota"),
        ("cum-2", "error", "proposal_ineligible"),
    ]
    over = _row(rows, code="over_quota")
    assert (over["award"], over["proposed"], over["allowed"], over["unit"]) == ("co-thi-dua", 2, 1, None)
    order = _row(rows, code="order_differs")
    # The meeting put Vân Khánh Tây (4th by score) 3rd and Vân Khánh Đông (3rd) 4th.
    assert order["ranks"] == (1, 2, 4, 3, 5)


def test_unknown_table_names_the_choices(ev):
    with raises_en(ValueError, "unknown table 'score'; choose one of units, targets"):
        tables.records(ev, "score")
    with raises_en(ValueError, "unknown table"):
        tables.to_pandas(ev, "score")


def test_records_do_not_depend_on_the_order_of_input_rows(an_minh, an_minh_results, ev):
    shuffled = attrs.evolve(an_minh_results, units=tuple(reversed(an_minh_results.units)))
    other = thidua.evaluate(an_minh, shuffled)
    for table in tables.TABLES:
        assert tables.records(other, table) == tables.records(ev, table)


class TestPandas:
    def test_frames_keep_exact_values_and_none(self, ev):
        df = tables.to_pandas(ev, "targets")
        assert list(df.columns) == list(tables.TABLES["targets"])
        assert {str(t) for t in df.dtypes} == {"object"}
        weak = df[(df.subject == "xa-van-khanh-tay") & (df.target == "bctmt-no-weak")].iloc[0]
        assert weak["denominator"] is None
        assert type(weak["numerator"]) is int
        share = df[(df.subject == "xa-van-khanh-tay") & (df.target == "bctmt-good")].iloc[0]["share"]
        assert share == Fraction(4, 5)
        assert type(share) is Fraction

    def test_an_empty_table_keeps_its_columns(self, ev):
        empty = attrs.evolve(ev, units=(), clusters=(), rankings=())
        df = tables.to_pandas(empty, "awards")
        assert df.shape == (0, len(tables.TABLES["awards"]))
        assert list(df.columns) == list(tables.TABLES["awards"])

    def test_without_pandas_the_message_names_the_extra(self, ev, monkeypatch):
        monkeypatch.setitem(sys.modules, "pandas", None)
        with raises_en(ImportError, r"pip install 'thidua\[pandas\]'"):
            tables.to_pandas(ev, "units")
