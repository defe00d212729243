"""Real units of 2025 (vietnam-provinces), of before (vietnamadminunits), and cluster partitions."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from problem_text import en, raises_en
from thidua import admin
from thidua import model as m
from thidua.errors import ModelError

# the directory thidua is imported from: src/ in a checkout, site-packages for the wheel
SRC = Path(thidua.__file__).resolve().parents[1]


# -- 2025 -------------------------------------------------------------------------------------------


def test_the_country_has_34_provinces_and_3321_communes():
    provinces = admin.provinces_2025()
    assert len(provinces) == 34
    kinds = Counter(kind for code, _ in provinces for _, _, kind in admin.communes_2025(code))
    # domain.md: 2,621 xã, 687 phường, 13 đặc khu = 3,321
    assert kinds == {"xã": 2621, "phường": 687, "đặc khu": 13}


def test_the_builtin_table_has_the_real_count_of_every_province():
    real = {code: (name, len(admin.communes_2025(code))) for code, name in admin.provinces_2025()}
    assert {code: (name, n) for code, name, n in admin.PROVINCES_2025} == real
    assert sum(n for *_, n in admin.PROVINCES_2025) == 3321


def test_units_2025_carry_codes_parents_and_validity():
    units = admin.units_2025(["An Giang"])
    province = units[0]
    assert (province.id, province.name, province.code, province.level) == (
        "vn34-p91",
        "Tỉnh An Giang",
        "91",
        "province",
    )
    van_khanh = next(u for u in units if u.name == "Xã Vân Khánh")
    assert (van_khanh.id, van_khanh.code, van_khanh.parent) == ("vn34-w31042", "31042", "vn34-p91")
    assert van_khanh.valid_from == dt.date(2025, 7, 1)
    assert not van_khanh.is_valid_on(dt.date(2025, 6, 30))


@pytest.mark.parametrize(
    "selector", ["01", "1", "Hà Nội", "thành phố hà nội", "Tha\u0300nh phô\u0301 Ha\u0300 Nô\u0323i"]
)
def test_provinces_are_selected_by_code_or_name(selector):
    assert admin.select_provinces([selector], admin.provinces_2025()) == ("01",)


def test_unknown_provinces_are_all_listed():
    with pytest.raises(ModelError) as err:
        admin.select_provinces(["Kiên Giang", "99", "An Giang"], admin.provinces_2025())
    assert en(err.value.problems) == (
        "provinces[0]: 'Kiên Giang' is not the code or the name of a province of 2025",
        "provinces[1]: '99' is not the code or the name of a province of 2025",
    )


def test_the_national_skeleton_validates_with_clusters_of_6_to_9():
    campaign = admin.campaign_skeleton(2026)
    assert en(m.validate_campaign(campaign)) == []
    sizes = Counter(len(cl.members) for cl in campaign.clusters)
    assert set(sizes) <= set(range(6, 10))
    members = [u for cl in campaign.clusters for u in cl.members]
    communes = [u.id for u in campaign.units if u.level == "commune"]
    assert sorted(members) == sorted(communes)
    assert len(communes) == 3321
    # every cluster stays inside one province
    parents = {u.id: u.parent for u in campaign.units}
    assert all(len({parents[u] for u in cl.members}) == 1 for cl in campaign.clusters)
    assert "PROPOSAL" in (campaign.note or "")


def test_the_skeleton_of_one_province():
    campaign = admin.campaign_skeleton(2026, ["Lai Châu"])
    # 38 communes: 5 clusters (38 > 4 × 9), sizes 8, 8, 8, 7, 7
    assert [len(cl.members) for cl in campaign.clusters] == [8, 8, 8, 7, 7]
    assert [cl.id for cl in campaign.clusters][:2] == ["cum-12-01", "cum-12-02"]


# -- partitions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "sizes"),
    [(6, [6]), (9, [9]), (12, [6, 6]), (13, [7, 6]), (18, [9, 9]), (19, [7, 6, 6]), (38, [8, 8, 8, 7, 7])],
)
def test_partition_sizes(n, sizes):
    assert [len(c) for c in admin.partition([str(i) for i in range(n)])] == sizes


@pytest.mark.parametrize("n", [0, 1, 5, 10, 11])
def test_partition_refuses_what_cannot_be_split(n):
    with raises_en(ModelError, f"cannot split {n} units into clusters of 6 to 9"):
        admin.partition([str(i) for i in range(n)])


@given(st.integers(min_value=12, max_value=600))
def test_partition_keeps_order_and_bounds(n):
    members = [f"u{i}" for i in range(n)]
    parts = admin.partition(members)
    assert [u for p in parts for u in p] == members
    assert all(6 <= len(p) <= 9 for p in parts)
    assert len(parts) == -(-n // 9)


def test_name_key_ignores_spelling_not_letters():
    assert admin.name_key("Xã Chân Mây - Lăng Cô") == admin.name_key("Xã Chân Mây – Lăng Cô")
    assert admin.name_key("Xã Ea H'Leo") == admin.name_key("Xã Ea H\u2019leo")
    assert admin.name_key("Phường  Thủy Nguyên") == admin.name_key("Phường Thuỷ Nguyên")
    assert admin.name_key("Xã Văn Lang") != admin.name_key("Xã Văn Lăng")


# -- before 1 July 2025 -------------------------------------------------------------------------------

#: seed-units.md, seed 002: code, name, 2025 successor (code) in Tỉnh An Giang.
AN_MINH = [
    ("31018", "Thị trấn Thứ Mười Một", "31018"),
    ("31021", "Xã Thuận Hòa", "31031"),
    ("31024", "Xã Đông Hòa", "31024"),
    ("31030", "Xã Đông Thạnh", "31024"),
    ("31031", "Xã Tân Thạnh", "31031"),
    ("31033", "Xã Đông Hưng", "31018"),
    ("31036", "Xã Đông Hưng A", "31036"),
    ("31039", "Xã Đông Hưng B", "31018"),
    ("31042", "Xã Vân Khánh", "31042"),
    ("31045", "Xã Vân Khánh Đông", "31036"),
    ("31048", "Xã Vân Khánh Tây", "31042"),
]


def test_an_minh_has_its_11_units_and_their_successors():
    units = admin.legacy_units("Kiên Giang", "Huyện An Minh")
    communes = [u for u in units if u.level == "commune"]
    got = [(u.code, u.name, u.lineage[0].unit) for u in communes]
    assert got == [(code, name, f"vn34-w{succ}") for code, name, succ in AN_MINH]
    assert all(len(u.lineage) == 1 and u.lineage[0].kind is m.LineageKind.MERGED_INTO for u in communes)
    assert all(u.valid_to == dt.date(2025, 6, 30) and u.parent == "vn63-d909" for u in communes)
    province = units[0]
    assert (province.id, province.name) == ("vn63-p91", "Tỉnh Kiên Giang")
    assert province.lineage[0].unit == "vn34-p91"  # Kiên Giang merged into (the new) An Giang, code 91


def test_van_khanh_tay_goes_to_van_khanh_an_giang():
    (succ,) = admin.successors("91", "909", "31048")
    assert (succ.name, succ.code, succ.province_code, succ.whole, succ.id) == (
        "Xã Vân Khánh",
        "31042",
        "91",
        True,
        "vn34-w31042",
    )


def test_a_split_ward_lists_every_part_default_first_with_vietnam_provinces_codes():
    # seed-units.md, seed 004: Hạ Đình → Khương Đình (00364), part → Thanh Liệt (00646 in vietnam-provinces,
    # 00643 in vietnamadminunits)
    parts = admin.successors("Hà Nội", "Thanh Xuân", "Phường Hạ Đình")
    assert [(p.name, p.code, p.whole, p.default) for p in parts] == [
        ("Phường Khương Đình", "00364", False, True),
        ("Phường Thanh Liệt", "00646", False, False),
    ]
    units = admin.legacy_units("01", "009")
    ha_dinh = next(u for u in units if u.name == "Phường Hạ Đình")
    assert [(x.kind.value, x.unit) for x in ha_dinh.lineage] == [
        ("split_into", "vn34-w00364"),
        ("split_into", "vn34-w00646"),
    ]
    # 11 wards in 2020, 9 after the mergers of 1 January 2025: the table holds the 9
    assert sum(1 for u in units if u.level == "commune") == 9


def test_old_and_new_units_make_a_valid_campaign():
    old = admin.legacy_units("Kiên Giang", "An Minh")
    new = admin.successor_units(old)
    assert [u.id for u in new] == [
        "vn34-p91",
        "vn34-w31018",
        "vn34-w31024",
        "vn34-w31031",
        "vn34-w31036",
        "vn34-w31042",
    ]
    van_khanh = next(u for u in new if u.id == "vn34-w31042")
    assert sorted(van_khanh.predecessors) == ["vn63-w31042", "vn63-w31048"]
    campaign = m.Campaign("an-minh", "An Minh", 2025, admin.levels_legacy(), (*old, *new))
    assert en(m.validate_campaign(campaign)) == []
    assert thidua.prepare(campaign).predecessors["vn34-w31042"] == ("vn63-w31042", "vn63-w31048")


def test_unknown_district_and_ward_are_errors():
    with raises_en(ModelError, "'Huyện Không Có' is not a district"):
        admin.legacy_units("Kiên Giang", "Huyện Không Có")
    with raises_en(ModelError, "'Xã Không Có' is not a commune"):
        admin.successors("Kiên Giang", "An Minh", "Xã Không Có")


def test_the_legacy_adapter_never_loads_the_geocoding_package():
    code = textwrap.dedent(
        """
        import sys
        from thidua import admin
        admin.legacy_units("Kiên Giang", "An Minh")
        admin.successors("Hà Nội", "Thanh Xuân", "Phường Hạ Đình")
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"vietnamadminunits", "geopy", "shapely"})
        print(loaded)
        """
    )
    out = subprocess.run(  # noqa: S603 - our own code, in a fresh interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(SRC)}
    )
    assert out.stdout.strip() == "[]"


# -- missing extras --------------------------------------------------------------------------------


def test_missing_provinces_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "vietnam_provinces", None)
    with raises_en(
        ImportError, r"needs the optional extra 'provinces' \(vietnam-provinces\): pip install 'thidua\[provinces\]'"
    ):
        admin.units_2025()


def test_missing_legacy_extra_names_it(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "vietnamadminunits" else real(name, *a)
    )
    with raises_en(
        ImportError,
        r"needs the optional extra 'legacy-units' \(vietnamadminunits\): pip install 'thidua\[legacy-units\]'",
    ):
        admin.legacy_units("Kiên Giang", "An Minh")
