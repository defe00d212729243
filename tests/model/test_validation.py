"""One test per validation rule: each checks the exact path and message of the problem.

The cases start from the An Minh 2022 campaign (tests/seeds.py), which is
valid, and break one thing. Indices used below (by hand from seeds.py):

* units: 0 tỉnh Kiên Giang, 1 huyện An Minh, 2 tỉnh An Giang (2025),
  3–13 the 11 communes of 2022 (13 is Xã Vân Khánh Tây), 14–18 the 2025 communes;
* clusters: 0 cum-1 (5 members, head xa-van-khanh-tay), 1 cum-2 (6 members, head xa-dong-thanh);
* agreements[0].content_areas: 5 the fund (target quy-vi-nguoi-ngheo), 7 quality
  (targets bctmt-good, bctmt-excellent, bctmt-no-weak, commune-good, commune-excellent);
* scales: 0 front work committees (hamlet), 1 commune committees (bands 90+, 70-89, 50-69, <50);
* rubrics[0].criteria: 0 chap-hanh (10) ... 7 chat-luong-bctmt (15 = 10 + 5), 8 cham-bao-cao (penalty, 0).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from fractions import Fraction

import attrs
import pytest

from problem_text import GRADES_LISTED, en, raises_en
from thidua import io
from thidua import model as m
from thidua.errors import DataError, ModelError

LAST_DAY = dt.date(2025, 6, 30)


# ------------------------------------------------------------------ helpers


def units(c, *extra, **changes):
    """The campaign with units changed by index (``u3={...}``) and units added."""
    new = list(c.units)
    for key, fields in changes.items():
        i = int(key.removeprefix("u"))
        new[i] = attrs.evolve(new[i], **fields)
    return attrs.evolve(c, units=(*new, *extra))


def cluster(c, i, **fields):
    new = list(c.clusters)
    new[i] = attrs.evolve(new[i], **fields)
    return attrs.evolve(c, clusters=tuple(new))


def targets(c, area, i, **fields):
    ag = c.agreements[0]
    areas = list(ag.content_areas)
    ts = list(areas[area].targets)
    ts[i] = attrs.evolve(ts[i], **fields)
    areas[area] = attrs.evolve(areas[area], targets=tuple(ts))
    return attrs.evolve(c, agreements=(attrs.evolve(ag, content_areas=tuple(areas)),))


def agreement(c, **fields):
    return attrs.evolve(c, agreements=(attrs.evolve(c.agreements[0], **fields),))


def criterion(c, i, child=None, **fields):
    r = c.rubrics[0]
    crits = list(r.criteria)
    if child is None:
        crits[i] = attrs.evolve(crits[i], **fields)
    else:
        kids = list(crits[i].children)
        kids[child] = attrs.evolve(kids[child], **fields)
        crits[i] = attrs.evolve(crits[i], children=tuple(kids))
    return attrs.evolve(c, rubrics=(attrs.evolve(r, criteria=tuple(crits)),))


def scale(c, i, **fields):
    new = list(c.scales)
    new[i] = attrs.evolve(new[i], **fields)
    return attrs.evolve(c, scales=tuple(new))


def bands(c, *bands_):
    return scale(c, 1, bands=bands_)


def movement(c, **fields):
    return attrs.evolve(c, movements=(attrs.evolve(c.movements[0], **fields), *c.movements[1:]))


def award(c, i, **fields):
    new = list(c.awards)
    new[i] = attrs.evolve(new[i], **fields)
    return attrs.evolve(c, awards=tuple(new))


def commune(uid, name, **fields):
    """A 2022 commune of huyện An Minh."""
    return m.Unit(uid, name, "commune", "huyen-an-minh", valid_to=LAST_DAY, **fields)


def test_an_minh_is_valid(an_minh, an_minh_results):
    assert en(m.validate_campaign(an_minh)) == []
    assert en(m.validate_results(an_minh, an_minh_results)) == []


# ----------------------------------------------------------------- campaigns

CAMPAIGN_RULES = [
    # duplicate ids
    pytest.param(
        lambda c: units(c, commune("tt-thu-muoi-mot", "Thị trấn Thứ Mười Hai")),
        ["units[19].id: the unit id 'tt-thu-muoi-mot' is used twice"],
        id="duplicate-unit-id",
    ),
    pytest.param(
        lambda c: attrs.evolve(c, levels=(*c.levels, m.Level("hamlet", "Thôn"))),
        ["levels[4].id: the level id 'hamlet' is used twice"],
        id="duplicate-level-id",
    ),
    pytest.param(
        lambda c: targets(c, 5, 0, id="bctmt-no-weak"),  # the fund's target takes the id of a later one
        ["agreements[0].content_areas[7].targets[2].id: the target id 'bctmt-no-weak' is used twice"],
        id="duplicate-target-id",
    ),
    pytest.param(
        lambda c: criterion(c, 7, child=1, id="chap-hanh"),
        ["rubrics[0].criteria[7].children[1].id: the criterion id 'chap-hanh' is used twice"],
        id="duplicate-criterion-id",
    ),
    pytest.param(
        lambda c: attrs.evolve(c, titles=(*c.titles, c.titles[0])),
        ["titles[3].id: the title id 'co-thi-dua-tinh' is used twice"],
        id="duplicate-title-id",
    ),
    pytest.param(
        lambda c: agreement(c, content_areas=(*c.agreements[0].content_areas, c.agreements[0].content_areas[0])),
        ["agreements[0].content_areas[8].id: the content area id 'chap-hanh' is used twice"],
        id="duplicate-content-area-id",
    ),
    # unknown references
    pytest.param(
        lambda c: units(c, u3={"parent": "huyen-khong-co"}),
        ["units[3].parent: unknown unit 'huyen-khong-co'"],
        id="unknown-parent",
    ),
    pytest.param(
        lambda c: units(c, u3={"level": "ward"}),
        ["units[3].level: unknown level 'ward'"],
        id="unknown-level",
    ),
    pytest.param(
        lambda c: units(c, u3={"lineage": (m.Lineage("merged_into", "xa-khong-co"),)}),
        ["units[3].lineage[0].unit: unknown unit 'xa-khong-co'"],
        id="unknown-lineage-unit",
    ),
    pytest.param(
        lambda c: cluster(c, 0, members=(*c.clusters[0].members, "xa-khong-co")),
        ["clusters[0].members[5]: unknown unit 'xa-khong-co'"],
        id="unknown-member",
    ),
    pytest.param(
        lambda c: agreement(c, clusters=("cum-1", "cum-3")),
        ["agreements[0].clusters[1]: unknown cluster 'cum-3'"],
        id="unknown-cluster",
    ),
    pytest.param(
        lambda c: targets(c, 7, 1, parent="bctmt-tot"),
        ["agreements[0].content_areas[7].targets[1].parent: unknown target 'bctmt-tot'"],
        id="unknown-parent-target",
    ),
    pytest.param(
        lambda c: targets(c, 7, 1, parent="quy-vi-nguoi-ngheo"),
        ["agreements[0].content_areas[7].targets[1].parent: 'quy-vi-nguoi-ngheo' is not a share target"],
        id="of-which-of-a-non-share",
    ),
    pytest.param(
        lambda c: criterion(c, 7, child=0, method=m.PassFail(m.TargetMet("bctmt-tot"))),
        ["rubrics[0].criteria[7].children[0].method.when.target: unknown target 'bctmt-tot'"],
        id="unknown-target-in-a-criterion",
    ),
    pytest.param(
        lambda c: award(c, 0, conditions=(m.MinGrade("htxs"), m.AnyOf([m.MaxRank(1), m.TargetMet("bctmt-tot")]))),
        ["awards[0].conditions[1].conditions[1].target: unknown target 'bctmt-tot'"],
        id="unknown-target-in-any-of",
    ),
    pytest.param(
        lambda c: award(c, 1, title="co-thi-dua-quoc-gia"),
        ["awards[1].title: unknown title 'co-thi-dua-quoc-gia'"],
        id="unknown-title",
    ),
    pytest.param(
        lambda c: award(c, 2, exclusive_with=("co-thi-dua", "bang-khen-bo")),
        ["awards[2].exclusive_with[1]: unknown award 'bang-khen-bo'"],
        id="unknown-award",
    ),
    pytest.param(
        lambda c: award(c, 2, conditions=(m.MinGrade("tot"),)),
        ["awards[2].conditions[0].grade: unknown grade 'tot'"],
        id="unknown-grade-in-a-condition",
    ),
    pytest.param(
        lambda c: award(c, 2, levels=("commune", "ward")),
        ["awards[2].levels[1]: unknown level 'ward'"],
        id="award-for-an-unknown-level",
    ),
    pytest.param(
        lambda c: agreement(c, registrations=(m.Registration("xa-dong-thanh", "co-thi-dua-bo"),)),
        ["agreements[0].registrations[0].title: unknown title 'co-thi-dua-bo'"],
        id="registration-for-an-unknown-title",
    ),
    pytest.param(
        lambda c: movement(c, content_areas=("khong-co",)),
        ["movements[0].content_areas[0]: unknown content area 'khong-co'"],
        id="movement-with-an-unknown-content-area",
    ),
    pytest.param(
        lambda c: scale(c, 0, legacy={"yếu kém": "yeu"}),
        ["scales[0].legacy[\"yếu kém\"]: unknown grade 'yeu'"],
        id="legacy-label-for-an-unknown-grade",
    ),
    # cycles
    pytest.param(
        lambda c: units(c, u0={"parent": "huyen-an-minh"}),
        [
            (
                "units[0].parent: 'tinh-kien-giang' on level 'province' cannot sit under 'huyen-an-minh': "
                "no level is above it"
            ),
            (
                "units[0].parent: units form a cycle through their parents: "
                "tinh-kien-giang → huyen-an-minh → tinh-kien-giang"
            ),
        ],
        id="parent-cycle",
    ),
    pytest.param(
        lambda c: targets(c, 7, 1, parent="bctmt-excellent"),
        ["agreements[0].content_areas[7].targets[1].parent: 'of which' targets form a cycle through 'bctmt-excellent'"],
        id="of-which-cycle",
    ),
    pytest.param(
        lambda c: attrs.evolve(
            c,
            indicators=(
                m.Indicator("lifted", "poor * rate", "Số hộ thoát nghèo"),
                m.Indicator("rate", "lifted / 2", "Tỷ lệ"),
            ),
            measures=(*c.measures, m.Input("poor", "Số hộ nghèo")),
        ),
        ["indicators[1].formula: indicators form a cycle: lifted → rate → lifted"],
        id="indicator-cycle",
    ),
    # levels
    pytest.param(
        lambda c: units(c, u3={"parent": "tinh-kien-giang"}),
        [
            (
                "units[3].parent: 'tt-thu-muoi-mot' on level 'commune' cannot sit under 'tinh-kien-giang' "
                "on level 'province' (expected 'district')"
            )
        ],
        id="child-on-the-wrong-level",
    ),
    pytest.param(
        # without the end of the district level, the 2025 communes would need a district above them
        lambda c: attrs.evolve(c, levels=(c.levels[0], attrs.evolve(c.levels[1], valid_to=None), *c.levels[2:])),
        [
            f"units[{i}].parent: '{uid}' on level 'commune' cannot sit under 'tinh-an-giang-2025' "
            "on level 'province' (expected 'district')"
            for i, uid in enumerate(
                ["xa-an-minh-2025", "xa-tan-thanh-2025", "xa-dong-hoa-2025", "xa-dong-hung-2025", "xa-van-khanh-2025"],
                start=14,
            )
        ],
        id="level-validity",
    ),
    # clusters
    pytest.param(
        lambda c: cluster(c, 1, members=(*c.clusters[1].members, "xa-van-khanh-tay")),
        [
            (
                "clusters[1].members[6]: unit 'xa-van-khanh-tay' (Xã Vân Khánh Tây) is already in "
                "'Cụm thi đua số 1' in 2022; it cannot also be in the cluster 'Cụm thi đua số 2'"
            )
        ],
        id="unit-in-two-clusters",
    ),
    pytest.param(
        lambda c: cluster(c, 0, members=(*c.clusters[0].members, "xa-van-khanh")),
        ["clusters[0].members: 'xa-van-khanh' is listed 2 times"],
        id="member-listed-twice",
    ),
    pytest.param(
        lambda c: cluster(c, 0, head="xa-dong-thanh"),
        ["clusters[0].head: 'xa-dong-thanh' is not a member of the cluster 'cum-1'"],
        id="head-not-a-member",
    ),
    pytest.param(
        lambda c: cluster(c, 0, deputy="xa-van-khanh-tay"),
        ["clusters[0].deputy: the deputy cannot also be the head"],
        id="deputy-is-the-head",
    ),
    pytest.param(
        lambda c: cluster(c, 0, deputy="xa-dong-thanh"),
        ["clusters[0].deputy: 'xa-dong-thanh' is not a member of the cluster 'cum-1'"],
        id="deputy-not-a-member",
    ),
    pytest.param(
        lambda c: cluster(c, 0, year=2023),
        ["clusters[0].year: the year 2023 differs from the campaign's year 2022"],
        id="cluster-of-another-year",
    ),
    pytest.param(
        lambda c: cluster(c, 0, members=()),
        [
            "clusters[0].members: a cluster needs members",
            "clusters[0].head: 'xa-van-khanh-tay' is not a member of the cluster 'cum-1'",
        ],
        id="cluster-without-members",
    ),
    pytest.param(
        lambda c: agreement(c, signatories=("xa-dong-thanh", "huyen-an-minh")),
        ["agreements[0].signatories[1]: 'huyen-an-minh' is not a member of the signing clusters"],
        id="signatory-not-a-member",
    ),
    # rubrics
    pytest.param(
        lambda c: criterion(c, 0, points=11),
        ["rubrics[0].criteria: the criteria's points add up to 101, but the declared total is 100"],
        id="points-do-not-add-up",
    ),
    pytest.param(
        lambda c: criterion(c, 7, child=0, points=Fraction(19, 2)),
        ["rubrics[0].criteria[7]: the children's points add up to 14.5, but the group has 15"],  # 9.5 + 5
        id="children-do-not-add-up",
    ),
    pytest.param(
        lambda c: criterion(c, 8, points=1),
        [
            "rubrics[0].criteria: the criteria's points add up to 101, but the declared total is 100",
            "rubrics[0].criteria[8]: a penalty criterion has 0 standard points",
        ],
        id="penalty-with-points",
    ),
    pytest.param(
        lambda c: attrs.evolve(c, rubrics=(attrs.evolve(c.rubrics[0], self_cap=101),)),
        ["rubrics[0].self_cap: 101 is above the total 100"],
        id="self-cap-above-the-total",
    ),
    pytest.param(
        lambda c: attrs.evolve(c, stages=()),
        ["rubrics[0]: criteria scored by assessment need the campaign's review 'stages'"],
        id="assessment-without-stages",
    ),
    # bands
    pytest.param(
        lambda c: bands(c, *c.scales[1].bands[:1], m.Band.from_range("htt", "70-90"), *c.scales[1].bands[2:]),
        ["scales[1].bands[0]: the band of 'htxs' overlaps the band of 'htt'"],  # [70, 91) overlaps [90, …)
        id="overlapping-bands",
    ),
    pytest.param(
        lambda c: bands(c, *c.scales[1].bands[:1], m.Band.from_range("htt", "70-88"), *c.scales[1].bands[2:]),
        ["scales[1].bands[0]: no band covers the scores between 89 and 90 ('htt' and 'htxs')"],  # [70, 89) then [90, …)
        id="gapped-bands",
    ),
    pytest.param(
        lambda c: bands(
            c, *c.scales[1].bands[:1], m.Band("htt", 70, 90, include_min=True, include_max=True), *c.scales[1].bands[2:]
        ),
        ["scales[1].bands[0]: the score 90 lies in two bands ('htt' and 'htxs')"],
        id="a-score-in-two-bands",
    ),
    pytest.param(
        lambda c: bands(c, m.Band("htxs", 90, None, include_min=False), *c.scales[1].bands[1:]),
        ["scales[1].bands[0]: the score 90 lies in no band (between 'htt' and 'htxs')"],
        id="a-score-in-no-band",
    ),
    pytest.param(
        lambda c: bands(c, m.Band("xuat-sac", 90), *c.scales[1].bands[1:]),
        ["scales[1].bands[0].grade: unknown grade 'xuat-sac'"],
        id="band-of-an-unknown-grade",
    ),
    pytest.param(
        lambda c: scale(c, 0, levels=("hamlet", "commune")),
        ["scales[1].levels[0]: the level 'commune' is already rated by the scale 'thang-bctmt'"],
        id="level-rated-twice",
    ),
    # targets naming what does not exist
    pytest.param(
        lambda c: targets(c, 7, 2, counts="thon"),
        ["agreements[0].content_areas[7].targets[2].counts: unknown level 'thon'"],
        id="target-counting-a-missing-level",
    ),
    pytest.param(
        lambda c: targets(c, 7, 2, grade="yeu"),
        [f"agreements[0].content_areas[7].targets[2].grade: unknown grade 'yeu'; the scale has {GRADES_LISTED}"],
        id="target-naming-a-missing-grade",
    ),
    pytest.param(
        lambda c: targets(c, 7, 1, grade="tot"),
        [f"agreements[0].content_areas[7].targets[1].grade: unknown grade 'tot'; the scale has {GRADES_LISTED}"],
        id="of-which-naming-a-missing-grade",
    ),
    pytest.param(
        lambda c: targets(c, 7, 2, counts="district"),
        ["agreements[0].content_areas[7].targets[2].grade: no rating scale rates the level 'district'"],
        id="target-counting-an-unrated-level",
    ),
    pytest.param(
        lambda c: award(c, 0, conditions=(m.GradeStreak("htt", 3),)),
        [
            (
                "awards[0].conditions[0]: a rule that looks back over past years needs the campaign's "
                "'history_lineage' policy (all_predecessors, any_predecessor or none)"
            )
        ],
        id="history-rule-without-a-lineage-policy",
    ),
    # dates out of order
    pytest.param(
        lambda c: attrs.evolve(c, start=dt.date(2022, 12, 1), end=dt.date(2022, 1, 31)),
        [
            "end: the emulation year ends (2022-01-31) before it starts (2022-12-01)",
            "agreements[0].signed_on: 2022-04-13 is outside the emulation year 2022-12-01–2022-01-31",
        ],
        id="year-ends-before-it-starts",
    ),
    pytest.param(
        lambda c: agreement(c, signed_on=dt.date(2023, 1, 5)),
        ["agreements[0].signed_on: 2023-01-05 is outside the emulation year 2022-01-01–2022-12-31"],
        id="signed-outside-the-year",
    ),
    pytest.param(
        lambda c: movement(c, start=dt.date(2022, 6, 1), end=dt.date(2022, 1, 1)),
        ["movements[0].end: ends on 2022-01-01, before it starts on 2022-06-01"],
        id="movement-ends-before-it-starts",
    ),
    pytest.param(
        lambda c: movement(
            c, milestones=(m.Milestone("launch", dt.date(2022, 2, 1)), m.Milestone("signing", dt.date(2022, 1, 10)))
        ),
        ["movements[0].milestones[1].on: the signing (2022-01-10) comes before the launch (2022-02-01)"],
        id="milestones-out-of-order",
    ),
    pytest.param(
        lambda c: movement(
            c,
            start=dt.date(2022, 1, 1),
            end=dt.date(2022, 12, 31),
            milestones=(m.Milestone("final_review", dt.date(2023, 1, 15)),),
        ),
        ["movements[0].milestones[0].on: 2023-01-15 is outside the movement's period"],
        id="milestone-outside-the-movement",
    ),
    # validity periods
    pytest.param(
        lambda c: cluster(c, 0, members=(*c.clusters[0].members, "xa-van-khanh-2025")),
        ["clusters[0].members[5]: unit 'xa-van-khanh-2025' does not exist in 2022 (it exists from 2025-07-01 to …)"],
        id="unit-outside-its-validity",
    ),
    pytest.param(
        lambda c: agreement(c, registrations=(m.Registration("xa-an-minh-2025", "co-thi-dua-tinh"),)),
        [
            (
                "agreements[0].registrations[0].unit: unit 'xa-an-minh-2025' does not exist in 2022 "
                "(it exists from 2025-07-01 to …)"
            )
        ],
        id="registration-outside-validity",
    ),
    # names: NFC and NFD spellings are one name
    pytest.param(
        lambda c: units(c, commune("xa-van-khanh-tay-b", unicodedata.normalize("NFD", "Xã Vân Khánh Tây"))),
        ["units[19].name: 'Xã Vân Khánh Tây' is already the name of units[13] under the same parent"],
        id="nfd-duplicate-name",
    ),
    pytest.param(
        lambda c: units(c, commune("xa-van-khanh-tay-b", "XÃ VÂN KHÁNH TÂY")),
        ["units[19].name: 'XÃ VÂN KHÁNH TÂY' is already the name of units[13] under the same parent"],
        id="case-duplicate-name",
    ),
]


@pytest.mark.parametrize(("change", "expected"), CAMPAIGN_RULES)
def test_campaign_rule(an_minh, change, expected):
    assert en(m.validate_campaign(change(an_minh))) == expected


def test_the_same_name_is_allowed_at_another_time(an_minh):
    # a 2025 commune may take the name of a 2022 one: their periods do not overlap
    c = units(an_minh, u14={"name": "Xã Vân Khánh Tây", "parent": "tinh-an-giang-2025"})
    assert en(m.validate_campaign(c)) == []


def test_a_unit_may_be_in_a_cluster_and_a_block(an_minh):
    block = m.Cluster("khoi-1", "Khối thi đua", "block", 2022, ("xa-van-khanh-tay", "xa-dong-thanh"))
    assert en(m.validate_campaign(attrs.evolve(an_minh, clusters=(*an_minh.clusters, block)))) == []


def test_a_head_may_lead_from_outside_when_the_cluster_says_so(an_minh):
    assert en(m.validate_campaign(cluster(an_minh, 0, head="huyen-an-minh", head_is_member=False))) == []


def test_a_2025_commune_sits_directly_under_its_province(an_minh):
    unit = an_minh.units[14]
    assert (unit.id, unit.parent, unit.valid_from) == ("xa-an-minh-2025", "tinh-an-giang-2025", dt.date(2025, 7, 1))
    assert en(m.validate_campaign(an_minh)) == []


def test_an_nfd_name_is_stored_in_nfc():
    unit = commune("xa-van-khanh-tay", unicodedata.normalize("NFD", "Xã Vân Khánh Tây"))
    assert unit.name == "Xã Vân Khánh Tây"
    assert unicodedata.is_normalized("NFC", unit.name)


# -------------------------------------------------------- built in Python: ModelError


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: m.Unit("u", "Xã A", "commune", valid_from=dt.date(2022, 1, 1), valid_to=dt.date(2021, 1, 1)),
            "valid_to: ends on 2021-01-01, before it starts on 2022-01-01",
        ),
        (lambda: m.Unit("u", "Xã A", "commune", "u"), "parent: unit 'u' cannot be its own parent"),
        (
            lambda: m.Milestone("peak_month", dt.date(2022, 11, 18), dt.date(2022, 10, 17)),
            "end: ends on 2022-10-17, before it starts on 2022-11-18",
        ),
        (
            lambda: m.Unit("xã-a", "Xã A", "commune"),
            "id: 'xã-a' is not a valid id (ASCII letters, digits, '_', '.', '-'; at most 100 characters)",
        ),
        (
            lambda: m.ShareTarget("t1", "BCTMT", "hamlet", "htt", 0.8, "all"),
            "0.8 is a binary float; write it as text ('0.8') or as a fraction (e.g. '1/3') to keep it exact",
        ),
        (
            lambda: m.Criterion("c", "Tiêu chí", 7.5, m.Assessed()),
            "7.5 is a binary float; write it as text ('7.5') or as a fraction (e.g. '1/3') to keep it exact",
        ),
        (
            lambda: m.ShareTarget("t1", "BCTMT", "hamlet", "htt", "80%", "parent"),
            "base: a share target counts over 'all'; the base 'parent' is for an 'of which' target",
        ),
        (
            lambda: m.ShareTarget("t1", "BCTMT", "hamlet", "htt", "120%", "all"),
            "a share must lie between 0% and 100%, got '120%'",
        ),
        (lambda: m.Band("htt", 90, 80), "max: the band's max 80 is not above its min 90"),
        (lambda: m.Campaign("c", "C", 0, (), ()), "year: 0 is not a calendar year (1 to 9999)"),
        (lambda: m.QuotaTarget("q", "Quỹ", "fund"), "give exactly one of 'quota' and 'quota_measure'"),
        (lambda: m.Criterion("c", "Nhóm", 10), "method: a criterion without children needs a scoring method"),
    ],
    ids=[
        "unit-dates-out-of-order",
        "own-parent",
        "milestone-ends-before-it-starts",
        "id-not-ascii",
        "float-share",
        "float-points",
        "share-with-base-parent",
        "share-above-100",
        "empty-band",
        "year-out-of-range",
        "quota-without-amount",
        "leaf-without-method",
    ],
)
def test_objects_refuse_invalid_values(build, message):
    with pytest.raises(ModelError) as info:
        build()
    assert en(info.value.problems) == (message,)


def test_an_of_which_target_has_no_default_base():
    with raises_en(TypeError, "base"):
        m.OfWhichTarget("t1b", "trong đó xuất sắc", "t1", "htxs", "30%")  # type: ignore[call-arg]


# -------------------------------------------------------------- in files: DataError


def file_problems(data, **kwargs):
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(data, ensure_ascii=False), **kwargs)
    return list(en(info.value.problems))


def test_an_of_which_without_a_base_is_a_missing_field(an_minh):
    data = io.unstructure(an_minh)
    del data["agreements"][0]["content_areas"][7]["targets"][1]["base"]
    assert file_problems(data) == ["agreements[0].content_areas[7].targets[1].base: this field is required"]


def test_dates_out_of_order_in_a_file(an_minh):
    data = io.unstructure(an_minh)
    data["units"][3]["valid_from"] = "2025-12-01"
    assert file_problems(data) == ["units[3].valid_to: ends on 2025-06-30, before it starts on 2025-12-01"]


def test_every_problem_is_listed_at_once(an_minh):
    data = io.unstructure(an_minh)
    data["units"][3]["parent"] = "huyen-khong-co"
    data["clusters"][0]["head"] = "xa-dong-thanh"
    data["agreements"][0]["content_areas"][7]["targets"][2]["counts"] = "thon"
    assert file_problems(data) == [
        "units[3].parent: unknown unit 'huyen-khong-co'",
        "clusters[0].head: 'xa-dong-thanh' is not a member of the cluster 'cum-1'",
        "agreements[0].content_areas[7].targets[2].counts: unknown level 'thon'",
    ]


def test_text_that_is_not_utf8():
    raw = '{"schema_version": 1, "document": "history", "note": "Xã"}'.encode()
    broken = raw.replace("ã".encode(), b"\xe3")  # a lone lead byte
    assert io.loads(raw).note == "Xã"
    with pytest.raises(DataError) as info:
        io.loads(broken)
    position = len('{"schema_version": 1, "document": "history", "note": "X')  # the byte after "X"
    assert broken[position] == 0xE3
    assert en(info.value.problems) == (f"the text is not valid UTF-8 (byte {position})",)


# ------------------------------------------------------------------ results


def row(unit="xa-van-khanh-tay", **fields):
    return m.UnitResult(unit, **fields)


def results(*rows, decisions=(), campaign="an-minh-2022", year=2022):
    return m.Results(campaign, year, rows, decisions)


def scores(stage, *entries):
    return m.Assessment(stage, [m.ScoreEntry(*e) if isinstance(e, tuple) else e for e in entries])


RESULTS_RULES = [
    pytest.param(results(row("xa-khong-co")), ["units[0].unit: unknown unit 'xa-khong-co'"], id="unknown-unit"),
    pytest.param(
        results(row("xa-van-khanh-2025")),
        ["units[0].unit: unit 'xa-van-khanh-2025' does not exist in 2022"],
        id="unit-outside-its-validity",
    ),
    pytest.param(
        results(row(), row()), ["units[1].unit: 'xa-van-khanh-tay' is already reported in units[0]"], id="unit-twice"
    ),
    pytest.param(
        results(campaign="an-minh-2023", year=2023),
        [
            "campaign: the results are for 'an-minh-2023', not for 'an-minh-2022'",
            "year: the results are for 2023; the campaign is for 2022",
        ],
        id="another-campaign",
    ),
    pytest.param(
        results(row(rating="Giỏi")),
        [f"units[0].rating: unknown grade 'Giỏi'; the scale has {GRADES_LISTED}"],
        id="unknown-grade",
    ),
    pytest.param(
        results(row("huyen-an-minh", rating="htt")),
        ["units[0].rating: no rating scale rates the level 'district'"],
        id="rating-without-a-scale",
    ),
    pytest.param(
        results(row(counts={"thon": {"htt": 3}})),
        ["units[0].counts.thon: unknown level 'thon'"],
        id="counts-of-an-unknown-level",
    ),
    pytest.param(
        results(row(counts={"hamlet": {"htt": 3, "gioi": 1}}, totals={"hamlet": 4})),
        [f"units[0].counts.hamlet.gioi: unknown grade 'gioi'; the scale has {GRADES_LISTED}"],
        id="counts-of-an-unknown-grade",
    ),
    pytest.param(
        results(row(counts={"hamlet": {"htxs": 3, "htt": 5}}, totals={"hamlet": 20})),
        [
            (
                "units[0].counts.hamlet: the counts by grade add up to 8, "
                "but the total of sub-units on the level 'hamlet' is 20"
            )
        ],
        id="counts-that-do-not-add-up-to-the-total",
    ),
    pytest.param(
        results(row(totals={"hamlet": 20})),
        [
            (
                "units[0].totals.hamlet: the counts by grade add up to 0, "
                "but the total of sub-units on the level 'hamlet' is 20"
            )
        ],
        id="a-total-without-counts",
    ),
    pytest.param(
        results(row(totals={"thon": 2})),
        ["units[0].totals.thon: unknown level 'thon'"],
        id="a-total-of-an-unknown-level",
    ),
    pytest.param(
        results(row(measures={"fund_raised": "1/2", "fund_quota": 0})),
        [
            "units[0].measures.fund_quota: a quota is an amount above 0 đồng, got 0",
            (
                "units[0].measures.fund_raised: an amount of money is whole đồng, without a decimal point or comma "
                "(e.g. 150000000 or 150.000.000), got 0.5"
            ),
        ],
        id="money-not-whole-and-a-quota-of-zero",
    ),
    pytest.param(
        results(row(assessments=[scores("hoi-dong", ("chap-hanh", 9))])),
        ["units[0].assessments[0].stage: 'hoi-dong' is not a review stage of the campaign"],
        id="stage-not-declared",
    ),
    pytest.param(
        results(row(assessments=[scores("cum-tham-dinh"), scores("tu-cham")])),
        ["units[0].assessments[1].stage: the stage 'tu-cham' comes out of order or twice"],
        id="stages-out-of-order",
    ),
    pytest.param(
        results(row(assessments=[scores("tu-cham", ("chap-hanh", 9)), scores("cum-tham-dinh", ("chap-hanh", 8))])),
        ["units[0].assessments[1].scores[0].reason: a change at the stage 'cum-tham-dinh' needs a reason"],
        id="change-without-a-reason",
    ),
    pytest.param(
        results(row(assessments=[scores("tu-cham", ("chap-hanh", 11))])),
        ["units[0].assessments[0].scores[0].points: 11 is outside 0–10 for 'chap-hanh'"],
        id="points-above-the-maximum",
    ),
    pytest.param(
        results(row(assessments=[scores("tu-cham", ("doi-moi", 15, 3))])),
        ["units[0].assessments[0].scores[0].bonus: 3 is outside 0–2 for 'doi-moi'"],
        id="bonus-above-the-cap",
    ),
    pytest.param(
        results(row(assessments=[scores("tu-cham", ("chap-hanh", -1))])),
        ["units[0].assessments[0].scores[0].points: -1 is outside 0–10 for 'chap-hanh'"],
        id="negative-points",
    ),
    pytest.param(
        results(row(assessments=[scores("tu-cham", ("khong-co", 5))])),
        ["units[0].assessments[0].scores[0].criterion: unknown criterion 'khong-co'"],
        id="unknown-criterion",
    ),
    pytest.param(
        results(row(assessments=[scores("tu-cham", ("quy-vi-nguoi-ngheo", 15))])),
        ["units[0].assessments[0].scores[0].criterion: 'quy-vi-nguoi-ngheo' is computed, not assessed"],
        id="computed-criterion-assessed",
    ),
    pytest.param(
        results(row("huyen-an-minh", assessments=[scores("tu-cham")])),
        ["units[0].assessments[0]: no rubric scores the level 'district'"],
        id="assessment-without-a-rubric",
    ),
    pytest.param(
        results(decisions=[m.Decision("cum-3")]),
        ["decisions[0].cluster: unknown cluster 'cum-3'"],
        id="unknown-cluster",
    ),
    pytest.param(
        results(decisions=[m.Decision("cum-1"), m.Decision("cum-1")]),
        ["decisions[1].cluster: a second decision for 'cum-1' (the first: decisions[0])"],
        id="two-decisions",
    ),
    pytest.param(
        results(decisions=[m.Decision("cum-1", ("xa-van-khanh", "xa-dong-thanh", "xa-van-khanh"))]),
        [
            "decisions[0].order[1]: 'xa-dong-thanh' is not a member of the cluster 'cum-1'",
            "decisions[0].order: 'xa-van-khanh' is listed 2 times",
        ],
        id="decided-order",
    ),
    pytest.param(
        results(decisions=[m.Decision("cum-1", proposals=[m.Proposal("xa-dong-thanh", "co-thi-dua-bo")])]),
        [
            "decisions[0].proposals[0].unit: 'xa-dong-thanh' is not a member of the cluster 'cum-1'",
            "decisions[0].proposals[0].award: unknown award 'co-thi-dua-bo'",
        ],
        id="proposals",
    ),
]


@pytest.mark.parametrize(("results_", "expected"), RESULTS_RULES)
def test_results_rule(an_minh, results_, expected):
    assert en(m.validate_results(an_minh, results_)) == expected


def test_the_self_assessment_cap(an_minh):
    campaign = attrs.evolve(an_minh, rubrics=(attrs.evolve(an_minh.rubrics[0], self_cap=20),))
    given = results(row(assessments=[scores("tu-cham", ("chap-hanh", 10), ("ke-hoach", 10), ("doi-moi", 1))]))
    # 10 + 10 + 1 = 21 > 20
    assert en(m.validate_results(campaign, given)) == [
        "units[0].assessments[0]: the self-assessed points 21 exceed the self-assessment cap 20"
    ]


def test_bounds_follow_the_rubric_each_check_is_given(an_minh):
    # the bounds of a rubric are kept between checks; a changed rubric gets its own
    given = results(row(assessments=[scores("tu-cham", ("chap-hanh", 9))]))
    assert en(m.validate_results(an_minh, given)) == []
    crits = list(an_minh.rubrics[0].criteria)
    crits[0] = attrs.evolve(crits[0], points=8)
    crits[1] = attrs.evolve(crits[1], points=crits[1].points + 2)  # the total still adds up
    smaller = attrs.evolve(an_minh, rubrics=(attrs.evolve(an_minh.rubrics[0], criteria=tuple(crits)),))
    assert en(m.validate_results(smaller, given)) == [
        "units[0].assessments[0].scores[0].points: 9 is outside 0–8 for 'chap-hanh'"
    ]
    assert en(m.validate_results(an_minh, given)) == []


def test_a_criterion_given_twice_with_entries_already_found_within_bounds(an_minh):
    # the same entry objects (as the loader shares them), first within bounds in a valid row, then
    # given twice in another: an entry already checked says nothing of the criteria around it
    nine, eight = m.ScoreEntry("chap-hanh", 9), m.ScoreEntry("ke-hoach", 8)
    first = row(assessments=[m.Assessment("tu-cham", [nine, eight])])
    twice = row("xa-van-khanh-dong", assessments=[m.Assessment("tu-cham", [nine, eight, nine])])
    once_each = row("xa-dong-hung-b", assessments=[m.Assessment("tu-cham", [eight, nine])])
    assert en(m.validate_results(an_minh, results(first, twice, once_each))) == [
        "units[1].assessments[0].scores[2].criterion: 'chap-hanh' is already given in scores[0]"
    ]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("label", ["Hoàn thành tốt nhiệm vụ", "hoàn thành tốt nhiệm vụ", "HTT", "htt"])
def test_a_grade_label_works_in_either_spelling(an_minh, form, label):
    written = unicodedata.normalize(form, label)
    given = results(
        row(
            rating=written,
            counts={"hamlet": {unicodedata.normalize(form, "Hoàn thành xuất sắc nhiệm vụ"): 3}},
            totals={"hamlet": 3},
        )
    )
    assert en(m.validate_results(an_minh, given)) == []
    assert an_minh.scale_for("commune").resolve(given.units[0].rating) == "htt"


def test_counts_given_in_part_without_a_total_warn_at_each_blank_grade(an_minh):
    given = results(row("xa-van-khanh", counts={"hamlet": {"htxs": 3, "htt": 13}}))
    problems = m.validate_results(an_minh, given)
    assert [(p.path, p.code, p.severity) for p in problems] == [
        ("units[0].counts.hamlet.ht", "count-missing", "warning"),
        ("units[0].counts.hamlet.kht", "count-missing", "warning"),
    ]
    assert problems[0].render("en") == (
        "units[0].counts.hamlet.ht: no count for the grade 'ht' and no total of sub-units on the level 'hamlet': "
        "a blank is a missing input, not 0 (give the total, or type 0)"
    )
    assert problems[0].render("vi") == (
        "units[0].counts.hamlet.ht: không có số lượng của mức “ht” và không có tổng số đơn vị trực thuộc "
        "ở cấp “hamlet”: ô để trống là thiếu số liệu, không phải 0 (hãy ghi tổng số, hoặc gõ 0)"
    )
    with_total = results(row("xa-van-khanh", counts={"hamlet": {"htxs": 3, "htt": 13}}, totals={"hamlet": 16}))
    assert m.validate_results(an_minh, with_total) == []


def test_a_legacy_label_is_a_grade(an_minh):
    given = results(row("xa-van-khanh", counts={"hamlet": {"Yếu kém": 1, "htxs": 2, "htt": 3, "ht": 4}}))
    assert en(m.validate_results(an_minh, given)) == []
    assert an_minh.scale_for("hamlet").resolve("Yếu kém") == "kht"


# ------------------------------------------------------------------ history


def test_history_rules(an_minh):
    history = m.History(
        [
            m.HistoryRecord("xa-van-khanh-tay", 2021, "htxs", ("co-thi-dua-tinh",)),
            m.HistoryRecord("xa-khong-co", 2021),
            m.HistoryRecord("xa-van-khanh-tay", 2022),
            m.HistoryRecord("xa-van-khanh-tay", 2021, "xuat-sac", ("co-thi-dua-bo",)),
        ]
    )
    assert en(m.validate_history(an_minh, history)) == [
        "records[1].unit: unknown unit 'xa-khong-co'",
        "records[2].year: 2022 is not before the campaign's year 2022",
        "records[3]: a second record for 'xa-van-khanh-tay' in 2021",
        "records[3].grade: unknown grade 'xuat-sac'",
        "records[3].titles[0]: unknown title 'co-thi-dua-bo'",
    ]
