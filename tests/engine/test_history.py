"""Look-back award conditions (GradeStreak, TitleCount) over History, across the 2025 merger.

Campaign year 2026. xa-a and xa-b (valid to 2025-06-30) merged into xa-c
(valid from 2025-07-01); xa-d, xa-e and xa-f existed throughout.

History, worked out by hand (grade; titles):

======  ========  ==========  ========  ========  ========
unit    2021      2022        2023      2024      2025
======  ========  ==========  ========  ========  ========
xa-a              htt         htxs;cstd htt;cstd
xa-b              htt;cstd    ht        htt
xa-c                                              htt;cstd
xa-d    htt;cstd  htt         htxs;cstd htt       htt;cstd
xa-e                          htt       htt;cstd  htxs;cstd
xa-f              htt;cstd    ht;cstd   htxs      htt
======  ========  ==========  ========  ========  ========

(xa-f also has a cstd title in 2020, outside every window.) Every unit is
rated htt in 2026 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import thidua
from engine_builders import commune_scale, hamlet_scale, make_campaign, make_results, row
from problem_text import en
from thidua import model as m
from thidua.errors import ModelError

END = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)

UNITS = (
    m.Unit("tinh", "Tỉnh Mẫu", "province"),
    m.Unit("xa-a", "Xã A", "commune", "tinh", valid_to=END, lineage=(m.Lineage("merged_into", "xa-c", REFORM),)),
    m.Unit("xa-b", "Xã B", "commune", "tinh", valid_to=END, lineage=(m.Lineage("merged_into", "xa-c", REFORM),)),
    m.Unit(
        "xa-c",
        "Xã C",
        "commune",
        "tinh",
        valid_from=REFORM,
        lineage=(m.Lineage("merged_from", "xa-a", REFORM), m.Lineage("merged_from", "xa-b", REFORM)),
    ),
    m.Unit("xa-d", "Xã D", "commune", "tinh"),
    m.Unit("xa-e", "Xã E", "commune", "tinh"),
    m.Unit("xa-f", "Xã F", "commune", "tinh"),
)
MEMBERS = ("xa-c", "xa-d", "xa-e", "xa-f")

RULES = (
    m.AwardRule("streak-htt", "bang-khen", ("commune",), (m.GradeStreak("htt", 5),)),
    m.AwardRule("streak-ht", "giay-khen", ("commune",), (m.GradeStreak("ht", 5),)),
    m.AwardRule("titles", "co-thi-dua", ("commune",), (m.TitleCount("cstd", 3, 5),)),
    m.AwardRule("streak-past", "bang-khen", ("commune",), (m.GradeStreak("htt", 3, include_current=False),)),
)

R = m.HistoryRecord
HISTORY = m.History(
    (
        R("xa-a", 2022, "htt"),
        R("xa-a", 2023, "htxs", ("cstd",)),
        R("xa-a", 2024, "htt", ("cstd",)),
        R("xa-b", 2022, "htt", ("cstd",)),
        R("xa-b", 2023, "ht"),
        R("xa-b", 2024, "htt"),
        R("xa-c", 2025, "htt", ("cstd",)),
        R("xa-d", 2021, "htt", ("cstd",)),
        R("xa-d", 2022, "htt"),
        R("xa-d", 2023, "htxs", ("cstd",)),
        R("xa-d", 2024, "htt"),
        R("xa-d", 2025, "htt", ("cstd",)),
        R("xa-e", 2023, "htt"),
        R("xa-e", 2024, "htt", ("cstd",)),
        R("xa-e", 2025, "htxs", ("cstd",)),
        R("xa-f", 2020, "htt", ("cstd",)),
        R("xa-f", 2022, "htt", ("cstd",)),
        R("xa-f", 2023, "ht", ("cstd",)),
        R("xa-f", 2024, "htxs"),
        R("xa-f", 2025, "htt"),
    )
)


def campaign(policy="all_predecessors", rules=RULES):
    return make_campaign(
        year=2026,
        unit_list=UNITS,
        clusters={"cum-1": MEMBERS},
        scales=(hamlet_scale(), commune_scale(bands=False)),
        awards=rules,
        history_lineage=policy,
    )


def evaluate(policy="all_predecessors", ratings=None, history=HISTORY, rules=RULES):
    grades = dict.fromkeys(MEMBERS, "htt") | (ratings or {})
    res = make_results([row(u, rating=g) for u, g in grades.items()], year=2026)
    return thidua.evaluate(campaign(policy, rules), res, history=history)


def verdicts(ev, unit):
    return {a.award: a.granted for a in ev.unit(unit).awards}


@pytest.mark.parametrize("policy", ["all_predecessors", "any_predecessor", "none"])
def test_unit_that_qualifies(policy):
    # xa-d: htt or better 2022–2026; cstd in 2021, 2023, 2025 (3 within 2021–2025)
    assert verdicts(evaluate(policy), "xa-d") == {
        "streak-htt": True,
        "streak-ht": True,
        "titles": True,
        "streak-past": True,
    }


@pytest.mark.parametrize("policy", ["all_predecessors", "any_predecessor", "none"])
def test_unit_that_misses_by_one_year(policy):
    # xa-e: no record for 2022, so 4 years of the 5; cstd only in 2024 and 2025 (2 of 3)
    assert verdicts(evaluate(policy), "xa-e") == {
        "streak-htt": False,
        "streak-ht": False,
        "titles": False,
        "streak-past": True,  # 2023–2025 are all htt or better
    }


@pytest.mark.parametrize("policy", ["all_predecessors", "any_predecessor", "none"])
def test_streak_broken_by_a_single_lower_rating(policy):
    # xa-f: ht in 2023 breaks "htt or better", not "ht or better"; the 2020 title is outside 2021–2025
    assert verdicts(evaluate(policy), "xa-f") == {
        "streak-htt": False,
        "streak-ht": True,
        "titles": False,
        "streak-past": False,
    }


def test_current_year_counts_when_include_current():
    # xa-d rated ht in 2026: the 5-year htt streak needs 2026 too
    ev = evaluate(ratings={"xa-d": "ht"})
    assert verdicts(ev, "xa-d")["streak-htt"] is False
    assert verdicts(ev, "xa-d")["streak-past"] is True  # 2023–2025 only


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        # 2023: xa-a htxs, xa-b ht → every predecessor htt or better? no; any? yes.
        # titles: own 2025; 2022 only xa-b, 2023 and 2024 only xa-a → all: 1, any: 4, none: 1
        (
            "all_predecessors",
            {"streak-htt": False, "streak-ht": True, "titles": False, "streak-past": False},
        ),
        (
            "any_predecessor",
            {"streak-htt": True, "streak-ht": True, "titles": True, "streak-past": True},
        ),
        # none: xa-c has only 2025 (and 2026): nothing before the merger counts
        ("none", {"streak-htt": False, "streak-ht": False, "titles": False, "streak-past": False}),
    ],
)
def test_merged_unit_under_each_lineage_policy(policy, expected):
    assert verdicts(evaluate(policy), "xa-c") == expected


def test_merged_unit_trace_names_predecessors_and_policy():
    ev = evaluate("any_predecessor")
    award = next(a for a in ev.unit("xa-c").awards if a.award == "streak-htt")
    assert any(s.code == "history_policy" and s.args["policy"] == "any_predecessor" for s in award.trace)
    via = [s for s in award.trace if s.code == "history_year" and s.args.get("via")]
    assert sorted(s.args["year"] for s in via) == [2022, 2023, 2024]
    assert all(s.args["via"] == ("xa-a", "xa-b") for s in via)


def test_title_count_trace():
    ev = evaluate("any_predecessor")
    award = next(a for a in ev.unit("xa-c").awards if a.award == "titles")
    step = next(s for s in award.trace if s.code == "cond_titles")
    assert (step.args["count"], step.args["required"], step.args["met"]) == (4, 3, True)


def test_without_history_look_back_fails():
    ev = evaluate(history=None)
    assert verdicts(ev, "xa-d")["streak-htt"] is False


def test_look_back_needs_a_lineage_policy():
    with pytest.raises(ModelError) as info:
        evaluate(policy=None)
    assert any(p.startswith("awards[0].conditions[0]:") and "history_lineage" in p for p in en(info.value.problems))


def test_history_records_are_validated():
    bad = m.History((R("xa-d", 2026, "htt"), R("xa-z", 2024, "htt"), R("xa-d", 2024, "gioi", ("khong-co",))))
    with pytest.raises(ModelError) as info:
        evaluate(history=bad)
    paths = {p.split(":")[0] for p in en(info.value.problems)}
    assert {
        "history.records[0].year",
        "history.records[1].unit",
        "history.records[2].grade",
        "history.records[2].titles[0]",
    } <= paths


def test_history_record_order_does_not_matter():
    shuffled = attrs.evolve(HISTORY, records=tuple(reversed(HISTORY.records)))
    for policy in ("all_predecessors", "any_predecessor"):
        a, b = evaluate(policy), evaluate(policy, history=shuffled)
        assert [verdicts(a, u) for u in MEMBERS] == [verdicts(b, u) for u in MEMBERS]
        assert a.fingerprint == b.fingerprint


def test_a_streak_of_a_grade_on_another_scale_is_not_reached():
    # "tot" is a grade of the provinces' scale only: no commune's record reaches it (before, a KeyError)
    rule = m.AwardRule("streak-other", "bang-khen", ("commune",), (m.GradeStreak("tot", 3, include_current=False),))
    provinces = m.RatingScale(
        "thang-tinh", "Xếp loại tỉnh", ("province",), (m.Grade("tot", "Tốt"), m.Grade("kha", "Khá"))
    )
    c = attrs.evolve(campaign(rules=(rule,)), scales=(hamlet_scale(), commune_scale(bands=False), provinces))
    res = make_results([row(u, rating="htt") for u in MEMBERS], year=2026)
    ev = thidua.evaluate(c, res, history=HISTORY)
    assert verdicts(ev, "xa-d") == {"streak-other": False}
    years = [s.args for s in ev.unit("xa-d").awards[0].trace if s.code == "history_year"]
    assert [(y["year"], y["met"]) for y in years] == [(2023, False), (2024, False), (2025, False)]
