"""The An Minh 2022 campaign (seed 002): the bundled file equals the campaign built in Python.

Facts checked against the seed article (13/4/2022) and the GSO list of
huyện An Minh, Kiên Giang: 11 units (Thị trấn Thứ Mười Một and 10 xã), two
clusters headed by Vân Khánh Tây (cluster 1) and Đông Thạnh (cluster 2), and
the targets: at least 80% of front work committees good or better, of which
30% excellent, none weak; 100% of commune committees good or better, of which
30% excellent; the fund for the poor reaches its quota.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import thidua
from thidua import examples, io
from thidua import model as m

#: GSO codes of huyện An Minh (code 909), from shared/seed-units.md.
REAL_UNITS = {
    "31018": "Thị trấn Thứ Mười Một",
    "31021": "Xã Thuận Hòa",
    "31024": "Xã Đông Hòa",
    "31030": "Xã Đông Thạnh",
    "31031": "Xã Tân Thạnh",
    "31033": "Xã Đông Hưng",
    "31036": "Xã Đông Hưng A",
    "31039": "Xã Đông Hưng B",
    "31042": "Xã Vân Khánh",
    "31045": "Xã Vân Khánh Đông",
    "31048": "Xã Vân Khánh Tây",
}


@pytest.fixture(scope="module")
def from_file():
    return io.load(examples.path("an-minh-2022", "campaign"), expected="campaign")


def test_the_file_equals_the_campaign_built_in_python(from_file, an_minh):
    assert from_file == an_minh
    assert examples.load_campaign("an-minh-2022") == an_minh


def test_the_file_is_what_dump_writes(an_minh):
    # the bundled file is the Python campaign dumped: regenerate it with io.dump if seeds.py changes
    assert examples.path("an-minh-2022", "campaign").read_text(encoding="utf-8").strip() == io.dumps(an_minh).strip()


def test_the_sample_results_equal_the_python_ones(an_minh_results):
    assert examples.load_results("an-minh-2022") == an_minh_results
    assert an_minh_results.sample is True


def test_the_eleven_real_units_of_huyen_an_minh(from_file):
    in_district = [u for u in from_file.units if u.parent == "huyen-an-minh"]
    assert {u.code: u.name for u in in_district} == REAL_UNITS
    assert len(in_district) == 11
    assert sum(u.name.startswith("Thị trấn") for u in in_district) == 1
    assert sum(u.name.startswith("Xã") for u in in_district) == 10
    assert all(u.level == "commune" and u.is_valid_on(dt.date(2022, 4, 13)) for u in in_district)
    assert from_file.unit("huyen-an-minh").code == "909"


def test_the_units_end_with_the_2025_reform(from_file):
    for unit in (u for u in from_file.units if u.parent == "huyen-an-minh"):
        assert unit.valid_to == dt.date(2025, 6, 30)
        assert not unit.is_valid_on(dt.date(2025, 7, 1))
        [successor] = unit.successors
        assert from_file.unit(successor).valid_from == dt.date(2025, 7, 1)
    # e.g. Xã Vân Khánh Tây became part of Xã Vân Khánh, An Giang
    assert from_file.unit("xa-van-khanh-tay").successors == ("xa-van-khanh-2025",)
    assert from_file.unit("xa-van-khanh-2025").name == "Xã Vân Khánh"


def test_two_clusters_with_the_heads_of_the_seed(from_file):
    assert [(c.id, c.kind, c.year, c.head) for c in from_file.clusters] == [
        ("cum-1", m.ClusterKind.CLUSTER, 2022, "xa-van-khanh-tay"),
        ("cum-2", m.ClusterKind.CLUSTER, 2022, "xa-dong-thanh"),
    ]
    members = [set(c.members) for c in from_file.clusters]
    assert members[0].isdisjoint(members[1])
    assert {from_file.unit(u).code for u in members[0] | members[1]} == set(REAL_UNITS)
    assert "xa-van-khanh-tay" in members[0]
    assert "xa-dong-thanh" in members[1]


def test_the_agreement_was_signed_on_13_april_2022(from_file):
    [agreement] = from_file.agreements
    assert agreement.signed_on == dt.date(2022, 4, 13)
    assert agreement.clusters == ("cum-1", "cum-2")


def targets(campaign):
    return {t.id: t for t in campaign.targets()}


def test_80_percent_of_front_work_committees_good_or_better(from_file):
    t = targets(from_file)["bctmt-good"]
    assert isinstance(t, m.ShareTarget)
    assert (t.counts, t.grade, t.at_least, t.base) == ("hamlet", "htt", Fraction(4, 5), m.Base.ALL)
    # "good" is cumulative: the grade named is good, and excellent counts too
    assert from_file.scale_for("hamlet").at_least("htxs", t.grade)


def test_of_which_30_percent_excellent_with_an_explicit_base(from_file):
    t = targets(from_file)["bctmt-excellent"]
    assert isinstance(t, m.OfWhichTarget)
    assert (t.parent, t.grade, t.at_least) == ("bctmt-good", "htxs", Fraction(3, 10))
    assert t.base in (m.Base.ALL, m.Base.PARENT)  # written in the file, never guessed


def test_no_front_work_committee_weak(from_file):
    t = targets(from_file)["bctmt-no-weak"]
    assert isinstance(t, m.ZeroCountTarget)
    assert (t.counts, t.grade) == ("hamlet", "kht")
    # "yếu kém" of the old 5-level scale maps to the lowest grade explicitly
    assert from_file.scale_for("hamlet").resolve("yếu kém") == "kht"


def test_all_commune_committees_good_or_better_of_which_30_percent_excellent(from_file):
    good, excellent = targets(from_file)["commune-good"], targets(from_file)["commune-excellent"]
    assert isinstance(good, m.ShareTarget)
    # the article sets them for the 11 communes that signed, across the two clusters
    assert (good.counts, good.grade, good.at_least, good.scope) == ("commune", "htt", Fraction(1), m.Scope.AGREEMENT)
    assert isinstance(excellent, m.OfWhichTarget)
    assert (excellent.parent, excellent.grade, excellent.at_least) == ("commune-good", "htxs", Fraction(3, 10))


def test_the_fund_for_the_poor_reaches_its_quota(from_file):
    t = targets(from_file)["quy-vi-nguoi-ngheo"]
    assert isinstance(t, m.QuotaTarget)
    assert (t.measure, t.quota, t.quota_measure) == ("fund_raised", None, "fund_quota")


def test_the_proposals_are_marked_as_such(from_file):
    # no source says which communes form each cluster; the rubric, bands and quotas are made up
    assert [c.members_source for c in from_file.clusters] == [m.Source.PROPOSAL, m.Source.PROPOSAL]
    assert from_file.rubrics[0].source is m.Source.SAMPLE
    assert {a.source for a in from_file.awards} == {m.Source.SAMPLE}
    # the contents and targets are the article's
    assert {t.source for t in from_file.targets()} == {m.Source.ARTICLE}
    assert [o.name for o in from_file.officials] == ["Trần Hồng Lam", "Phạm Thị Cẩm Hà"]


def test_the_top_level_package_reads_it():
    assert thidua.load(examples.path("an-minh-2022")) == examples.load_campaign()
