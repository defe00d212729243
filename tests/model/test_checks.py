"""The model's own checks at their boundaries, and what each refusal says (issue #24).

Mutation testing (``python scripts/mutation.py``, docs/testing.md) found these boundaries and
messages unpinned: a check that accepts one value too many, or a message that lost its words,
passed every other test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

import thidua
from problem_text import en
from thidua import model as m
from thidua.errors import ModelError
from thidua.model._base import frozen_map
from thidua.model._exact import decimal_places


def refusal(build) -> tuple[str, ...]:
    with pytest.raises(ModelError) as info:
        build()
    return en(info.value)


# -- conditions and methods that need at least one part ----------------------------------------


def test_any_of_needs_a_condition():
    assert refusal(lambda: m.AnyOf(())) == ("conditions: 'any_of' needs at least one condition",)


def test_step_table_needs_a_step_and_strictly_increasing_thresholds():
    assert refusal(lambda: m.StepTable("x", ())) == ("steps: a step table needs at least one step",)
    assert refusal(lambda: m.StepTable("x", (m.StepRow(2, 5), m.StepRow(1, 6)))) == (
        "steps: the steps' thresholds must increase strictly",
    )
    assert refusal(lambda: m.StepTable("x", (m.StepRow(1, 5), m.StepRow(1, 6)))) == (
        "steps: the steps' thresholds must increase strictly",
    )
    assert m.StepTable("x", (m.StepRow(1, 5), m.StepRow("1.5", 6))).steps[1].at_least == Fraction(3, 2)


# -- adjustments: the limit has the sign of the points ------------------------------------------


@pytest.mark.parametrize(
    ("points", "limit"),
    [(2, 10), (-2, -10), (2, 0), ("0.5", "0.5"), (-1, "-0.5"), (0, 5)],
)
def test_adjustment_limit_with_the_sign_of_the_points_is_accepted(points, limit):
    assert m.Adjustment("a", "A", points, per="n", limit=limit).limit == Fraction(limit)


@pytest.mark.parametrize(("points", "limit"), [(2, -10), (-2, 10), (-2, 0), ("0.5", "-0.5"), (-1, "0.5"), (0, -5)])
def test_adjustment_limit_of_the_other_sign_is_refused(points, limit):
    assert refusal(lambda: m.Adjustment("a", "A", points, per="n", limit=limit)) == (
        "limit: the limit must have the sign of the points",
    )


def test_adjustment_needs_exactly_one_of_when_and_per():
    message = ("give exactly one of 'when' and 'per'",)
    assert refusal(lambda: m.Adjustment("a", "A", 1)) == message
    assert refusal(lambda: m.Adjustment("a", "A", 1, when=m.IsHead(), per="n")) == message


# -- milestones: an end on the same day is fine ----------------------------------------------------


def test_milestone_ending_the_day_it_starts_is_accepted():
    day = dt.date(2022, 11, 18)
    assert m.Milestone("festival", day, day).end == day
    assert refusal(lambda: m.Milestone("festival", day, dt.date(2022, 11, 17))) == (
        "end: ends on 2022-11-17, before it starts on 2022-11-18",
    )


# -- bands ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80-89", (80, 90, True, False)),
        ("89-89", (89, 90, True, False)),  # a one-point band: [89, 90)
        ("90+", (90, None, True, False)),
        ("<50", (None, 50, False, False)),
        (" 80 - 89 ", (80, 90, True, False)),
    ],
)
def test_band_ranges(text, expected):
    assert m.parse_band_range(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("80 to 89", "range '80 to 89' is not of the form '80-89', '90+' or '<50'"),
        ("", "range '' is not of the form '80-89', '90+' or '<50'"),
        ("89-80", "range '89-80' ends before it starts"),
        ("79.5-89", "range '79.5-89': write whole numbers, or give min and max"),
        ("80-89.5", "range '80-89.5': write whole numbers, or give min and max"),
    ],
)
def test_band_ranges_refused(text, message):
    assert refusal(lambda: m.parse_band_range(text)) == (message,)


def test_a_band_of_one_point_needs_both_ends_included():
    assert m.Band("htt", 90, 90, include_min=True, include_max=True).contains(Fraction(90))
    for inc_min, inc_max in ((True, False), (False, True), (False, False)):
        assert refusal(lambda a=inc_min, b=inc_max: m.Band("htt", 90, 90, a, b)) == (
            "max: the band's max 90 is not above its min 90",
        )


def test_band_from_range_is_half_open():
    b = m.Band.from_range("htt", "80-89")
    assert (b.min, b.max, b.include_min, b.include_max) == (80, 90, True, False)
    assert (b.contains(Fraction(80)), b.contains(Fraction(179, 2)), b.contains(Fraction(90))) == (True, True, False)


def test_scale_grade_by_id():
    scale = m.RatingScale("s", "S", ("xa",), (m.Grade("tot", "Tốt"), m.Grade("kha", "Khá")))
    assert scale.grade("kha").name == "Khá"
    assert refusal(lambda: scale.grade("gioi")) == ("unknown grade 'gioi'; the scale has tot (Tốt), kha (Khá)",)


# -- exact numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places"),
    [
        (Fraction(5), 0),
        (Fraction(-7), 0),
        (Fraction(1, 2), 1),
        (Fraction(1, 5), 1),
        (Fraction(3, 4), 2),  # 0.75
        (Fraction(1, 8), 3),  # 0.125
        (Fraction(1, 40), 3),  # 0.025: three twos, one five
        (Fraction(1, 625), 4),  # 0.0016
        (Fraction(899999999, 10000000), 7),
        (Fraction(1, 3), None),
        (Fraction(1, 6), None),
        (Fraction(1, 10**30), 30),  # beyond a float's precision
        (Fraction(3, 5**30), 30),
    ],
)
def test_decimal_places(value, places):
    assert decimal_places(value) == places


# -- score entries built once per value ----------------------------------------------------------


@pytest.mark.parametrize("points", ["1.5", 7, "0"])
def test_points_only_entries_are_shared_and_equal_to_the_constructor(points):
    entry = m.ScoreEntry.points_only("doi-moi", points)
    assert entry == m.ScoreEntry("doi-moi", points)
    assert entry is m.ScoreEntry.points_only("doi-moi", points)


@pytest.mark.parametrize("points", [Fraction(3, 2), None])
def test_points_only_with_other_values_builds_a_new_equal_entry(points):
    entry = m.ScoreEntry.points_only("doi-moi", points)
    assert entry == m.ScoreEntry("doi-moi", points)
    assert entry.points == points


def test_points_only_refuses_what_the_constructor_refuses():
    assert refusal(lambda: m.ScoreEntry.points_only(["doi"], "1")) == refusal(lambda: m.ScoreEntry(["doi"], "1"))
    assert refusal(lambda: m.ScoreEntry.points_only("dổi", "1")) == (
        "criterion: 'dổi' is not a valid id (ASCII letters, digits, '_', '.', '-'; at most 100 characters)",
    )
    assert refusal(lambda: m.ScoreEntry.points_only("doi", 1.5)) == (
        "1.5 is a binary float; write it as text ('1.5') or as a fraction (e.g. '1/3') to keep it exact",
    )


# -- look-ups and representations ----------------------------------------------------------------


def test_campaign_unit_by_id(an_minh):
    assert an_minh.unit("xa-van-khanh-tay").name == "Xã Vân Khánh Tây"
    with pytest.raises(KeyError) as info:
        an_minh.unit("khong-co")
    assert info.value.args == ("khong-co",)


def test_history_of_one_unit():
    r = m.HistoryRecord
    history = m.History((r("xa-a", 2024, "htt"), r("xa-b", 2024, "ht"), r("xa-a", 2023, "htxs")))
    assert history.of("xa-a") == {2024: r("xa-a", 2024, "htt"), 2023: r("xa-a", 2023, "htxs")}
    assert history.of("xa-c") == {}


def test_results_repr():
    results = m.Results("mau", 2022, (m.UnitResult("xa-a"), m.UnitResult("xa-b")))
    assert repr(results) == "<Results mau (2022): 2 units, 0 decisions>"
    sample = m.Results("mau", 2022, (), (m.Decision("cum-1", ("xa-a",)),), sample=True)
    assert repr(sample) == "<Results mau (2022): 0 units, 1 decisions, sample>"


def test_a_bonus_above_a_fractional_cap_is_refused():
    rubric = m.Rubric("r", "R", ("commune",), 10, (m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus="1.5"),))
    campaign = m.Campaign(
        id="mau",
        name="Mẫu",
        year=2022,
        levels=(m.Level("commune", "Xã"),),
        units=(m.Unit("xa-a", "Xã A", "commune"),),
        rubrics=(rubric,),
        stages=(m.Stage("tu-cham", "Tự chấm"),),
    )

    def results(bonus: object) -> m.Results:
        entry = m.ScoreEntry("c1", 9, bonus)
        return m.Results("mau", 2022, (m.UnitResult("xa-a", assessments=(m.Assessment("tu-cham", (entry,)),)),))

    # 9 points and a bonus of 1.5, the cap: 10.5
    assert thidua.evaluate(campaign, results("1.5")).unit("xa-a").score.total == Fraction(21, 2)
    assert refusal(lambda: thidua.evaluate(campaign, results(2))) == (
        "units[0].assessments[0].scores[0].bonus: 2 is outside 0–1.5 for 'c1'",
    )


def _assessed(*assessments: m.Assessment, level: str = "commune", self_cap: object = None) -> tuple[str, ...]:
    criteria = (m.Criterion("c1", "Ngày hội", 10, m.Assessed()), m.Criterion("c2", "Báo cáo", "7.5", m.Assessed()))
    rubric = m.Rubric("r", "R", (level,), "17.5", criteria, self_cap=self_cap)
    campaign = m.Campaign(
        id="mau",
        name="Mẫu",
        year=2022,
        levels=(m.Level("commune", "Xã"),),
        units=(m.Unit("xa-a", "Xã A", "commune"),),
        rubrics=(rubric,),
        stages=(m.Stage("tu-cham", "Tự chấm"), m.Stage("cum", "Cụm thẩm định")),
    )
    results = m.Results("mau", 2022, (m.UnitResult("xa-a", assessments=assessments),))
    return tuple(en(m.validate_results(campaign, results)))


def test_assessments_after_an_unknown_stage_are_still_checked():
    assert _assessed(
        m.Assessment("khong-co", (m.ScoreEntry("c1", 5),)),
        m.Assessment("tu-cham", (m.ScoreEntry("c1", 11, reason="Sửa"),)),
    ) == (
        "units[0].assessments[0].stage: 'khong-co' is not a review stage of the campaign",
        "units[0].assessments[1].scores[0].points: 11 is outside 0–10 for 'c1'",
    )


def test_a_stage_given_twice_or_out_of_order_is_refused():
    first, later = m.ScoreEntry("c1", 5), m.ScoreEntry("c1", 6, reason="Sửa")
    assert _assessed(m.Assessment("tu-cham", (first,)), m.Assessment("tu-cham", (later,))) == (
        "units[0].assessments[1].stage: the stage 'tu-cham' comes out of order or twice",
    )
    assert _assessed(m.Assessment("cum", (first,)), m.Assessment("tu-cham", (later,))) == (
        "units[0].assessments[1].stage: the stage 'tu-cham' comes out of order or twice",
    )
    assert _assessed(m.Assessment("tu-cham", (first,)), m.Assessment("cum", (later,))) == ()


def test_every_entry_of_an_assessment_is_checked():
    ok, bad = m.ScoreEntry("c1", 5), m.ScoreEntry("c2", 8)
    # 8 is above c2's 7.5 whether it comes first or after a good entry, at the first stage or later
    message = "units[0].assessments[0].scores[1].points: 8 is outside 0–7.5 for 'c2'"
    assert _assessed(m.Assessment("tu-cham", (ok, bad))) == (message,)
    later = (m.ScoreEntry("c1", 6, reason="Sửa"), m.ScoreEntry("c2", 8, reason="Sửa"))
    assert _assessed(m.Assessment("tu-cham", (ok,)), m.Assessment("cum", later)) == (
        "units[0].assessments[1].scores[1].points: 8 is outside 0–7.5 for 'c2'",
    )
    unknown = m.ScoreEntry("c9", 1)
    assert _assessed(m.Assessment("tu-cham", (unknown, bad))) == (
        "units[0].assessments[0].scores[0].criterion: unknown criterion 'c9'",
        "units[0].assessments[0].scores[1].points: 8 is outside 0–7.5 for 'c2'",
    )
    assert _assessed(m.Assessment("tu-cham", (m.ScoreEntry("c2", "7.5"),))) == ()


def test_entries_checked_before_do_not_hide_a_new_one():
    good = m.ScoreEntry("c1", 5)
    assert _assessed(m.Assessment("tu-cham", (good,))) == ()
    # the same entry again, now beside one out of bounds
    assert _assessed(m.Assessment("tu-cham", (good, m.ScoreEntry("c2", 9)))) == (
        "units[0].assessments[0].scores[1].points: 9 is outside 0–7.5 for 'c2'",
    )


def test_assessments_at_a_level_without_a_rubric_are_each_refused():
    problems = _assessed(
        m.Assessment("tu-cham", (m.ScoreEntry("c1", 5),)),
        m.Assessment("cum", (m.ScoreEntry("c1", 6, reason="Sửa"),)),
        level="hamlet",
    )
    assert problems == (
        "units[0].assessments[0]: no rubric scores the level 'commune'",
        "units[0].assessments[1]: no rubric scores the level 'commune'",
    )


def test_a_zero_counts_as_zero_towards_the_self_assessment_cap():
    assert _assessed(m.Assessment("tu-cham", (m.ScoreEntry("c1", 10), m.ScoreEntry("c2", 0))), self_cap=10) == ()
    assert _assessed(m.Assessment("tu-cham", (m.ScoreEntry("c1", 10), m.ScoreEntry("c2", 1))), self_cap=10) == (
        "units[0].assessments[0]: the self-assessed points 11 exceed the self-assessment cap 10",
    )


def test_penalty_each_and_floor():
    assert (m.Penalty("late", "0.5", 0).each, m.Penalty("late", "0.5", 0).floor) == (Fraction(1, 2), 0)
    message = ("'each' is a deduction above zero and 'floor' is zero or below",)
    assert refusal(lambda: m.Penalty("late", 0, -5)) == message
    assert refusal(lambda: m.Penalty("late", 1, "0.5")) == message


def test_quota_needs_one_whole_count_or_one_share():
    assert m.Quota(count=0).count == 0
    assert refusal(m.Quota) == ("give exactly one of 'count' and 'share'",)
    assert refusal(lambda: m.Quota(count=1, share="20%")) == ("give exactly one of 'count' and 'share'",)
    assert refusal(lambda: m.Quota(count=-1)) == ("count: expected a whole number ≥ 0, got -1",)
    assert refusal(lambda: m.Quota(count=True)) == ("count: expected a whole number ≥ 0, got true",)


def test_proportional_needs_one_positive_target():
    assert m.Proportional("x", target=1).target == 1
    assert m.Proportional("x", target="0.5").target == Fraction(1, 2)
    message = ("give exactly one of 'target' and 'target_measure'",)
    assert refusal(lambda: m.Proportional("x")) == message
    assert refusal(lambda: m.Proportional("x", target=5, target_measure="quota")) == message
    assert refusal(lambda: m.Proportional("x", target=0)) == ("target: must be above zero, got 0",)
    assert refusal(lambda: m.Proportional("x", target=-2)) == ("target: must be above zero, got -2",)


# -- what the model's classes refuse, message by message ----------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: m.Cluster("c", "C", "cluster", 2022, "xa-a"), "expected a list, got 'xa-a'"),
        (lambda: m.Cluster("c", "C", "cluster", 2022, {"xa-a": 1}), "expected a list, got {…}"),
        (lambda: m.Unit("u", 5, "commune"), "expected a text, got 5"),
        (lambda: m.Unit("u", "X\ud800", "commune"), "'X\\ud800' is not valid Unicode text"),
        (lambda: frozen_map([("x", 1)]), "expected a mapping, got [['x', 1]]"),
        (lambda: m.Milestone("festival", "2022-11-18"), "on: expected a date such as 2022-04-13, got '2022-11-18'"),
        (
            lambda: m.Milestone("festival", dt.datetime(2022, 11, 18, 8, 0)),  # noqa: DTZ001 - the wrong type on purpose
            "on: expected a date such as 2022-04-13, got 2022-11-18T08:00:00",
        ),
        (lambda: m.Criterion("c", "C", -1, m.Assessed()), "points: cannot be below zero, got -1"),
        (lambda: m.Criterion("c", "C", 1, m.Assessed(), bonus=-1), "bonus: cannot be below zero, got -1"),
        (
            lambda: m.Criterion("c", "C", 1, m.Assessed(), children=(m.Criterion("d", "D", 1, m.Assessed()),)),
            "method: a criterion with children is a group and has no scoring method",
        ),
        (lambda: m.Criterion("c", "C", 0, m.Bonus("x", 1)), "bonus: a bonus criterion needs its 'bonus' cap"),
        (lambda: m.UnitResult("u", flags={"ok": 1}), "flags.ok: expected true or false, got 1"),
        (
            lambda: m.UnitResult("u", dates={"festival": "2022-11-18"}),
            "dates.festival: expected a date such as 2022-04-13, got '2022-11-18'",
        ),
        (
            lambda: m.UnitResult("u", counts={"hamlet": {"htt": -1}}),
            "counts.hamlet.htt: expected a whole number ≥ 0, got -1",
        ),
        (
            lambda: m.UnitResult("u", counts={"hamlet": {"htt": True}}),
            "counts.hamlet.htt: expected a whole number ≥ 0, got true",
        ),
        (
            lambda: m.UnitResult("u", counts={"hamlet": {"htt": "2"}}),
            "counts.hamlet.htt: expected a whole number ≥ 0, got '2'",
        ),
        (lambda: m.RatingScale("s", "S", ("xa",), ()), "grades: a scale needs at least one grade"),
        (lambda: m.parse_number(Decimal("Infinity")), "Infinity is not a finite number"),
        (lambda: m.parse_number(None), "expected a number, got null"),
    ],
)
def test_model_classes_refuse(build, message):
    assert refusal(build) == (message,)


def test_model_values_accepted_at_the_boundary():
    assert m.Criterion("c", "C", 0, m.Assessed(), bonus=0).bonus == 0
    assert m.UnitResult("u", counts={"hamlet": {"htt": 0}}).counts["hamlet"]["htt"] == 0
    assert m.UnitResult("u", dates={"festival": dt.date(2022, 11, 18)}).dates["festival"] == dt.date(2022, 11, 18)
    assert m.UnitResult("u", flags={"ok": False}).flags["ok"] is False
    assert m.parse_number(Decimal("7.50")) == Fraction(15, 2)
    assert m.parse_number(Fraction(1, 3)) == Fraction(1, 3)
    assert m.Cluster("c", "C", "cluster", 2022, ["xa-a"]).members == ("xa-a",)
    assert m.Cluster("c", "C", "cluster", 2022, iter(["xa-a"])).members == ("xa-a",)


def test_levels_and_units_in_time():
    district = m.Level("district", "Huyện", valid_to=dt.date(2025, 6, 30))
    assert district.overlaps(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert not district.overlaps(dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    ward = m.Level("ward", "Phường", valid_from=dt.date(2025, 7, 1))
    assert not ward.overlaps(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert ward.overlaps(dt.date(2025, 6, 30), dt.date(2025, 7, 1))
    on = dt.date(2025, 7, 1)
    merged = m.Unit(
        "xa-c",
        "Xã C",
        "commune",
        lineage=(
            m.Lineage("merged_from", "xa-a", on),
            m.Lineage("merged_from", "xa-b", on),
            m.Lineage("split_into", "xa-d", on),
        ),
    )
    assert merged.predecessors == ("xa-a", "xa-b")


def test_campaign_repr(an_minh):
    units, clusters, targets = len(an_minh.units), len(an_minh.clusters), len(an_minh.targets())
    assert repr(an_minh) == f"<Campaign an-minh-2022 (2022): {units} units, {clusters} clusters, {targets} targets>"


# -- cross-references the validation checks, message by message ---------------------------------


def _campaign_problems(change) -> list[str]:
    from engine_builders import make_campaign

    return en(m.validate_campaign(change(make_campaign(communes=("xa-a", "xa-b")))))


def test_an_agreement_signed_by_no_cluster():
    problems = _campaign_problems(lambda c: attrs.evolve(c, agreements=(m.Agreement("g", ()),)))
    assert problems == ["agreements[0].clusters: an agreement is signed by at least one cluster"]


def test_a_content_area_of_an_unknown_movement():
    area = m.ContentArea("nd", "Nội dung", (), movement="khong-co")
    problems = _campaign_problems(
        lambda c: attrs.evolve(c, agreements=(m.Agreement("g", ("cum-1",), content_areas=(area,)),))
    )
    assert problems == ["agreements[0].content_areas[0].movement: unknown movement 'khong-co'"]


def test_a_disqualifier_down_to_an_unknown_grade():
    def change(c):
        scale = attrs.evolve(c.scales[1], disqualifiers=(m.Disqualifier("kl", "Kỷ luật", m.Flag("kl"), "yeu"),))
        return attrs.evolve(c, scales=(c.scales[0], scale))

    assert _campaign_problems(change) == [
        "scales[1].disqualifiers[0].max_grade: unknown grade 'yeu'",
        # a warning: the flag is used without a name
        "scales[1].disqualifiers[0].when.flag: the flag 'kl' has no name: add it to the campaign's 'flags' with a name",
    ]


def test_a_level_scored_by_two_rubrics():
    def rubric(rid: str) -> m.Rubric:
        return m.Rubric(rid, "R", ("commune",), 10, (m.Criterion("c", "C", 10, m.PerOccurrence("x", 1)),))

    problems = _campaign_problems(lambda c: attrs.evolve(c, rubrics=(rubric("r1"), rubric("r2"))))
    assert problems == [
        "rubrics[1].levels[0]: the level 'commune' is already scored by the rubric 'r1'",
        # a warning, at the measure's first use
        (
            "rubrics[0].criteria[0].method.measure: the measure 'x' has no name: add it to the campaign's "
            "'measures' with a name and a unit"
        ),
    ]


def test_an_award_needing_an_unknown_title_or_grade():
    rule = m.AwardRule("r", "bang-khen", ("commune",), (m.TitleCount("khong-co", 1, 2), m.MinGrade("gioi")))
    problems = _campaign_problems(lambda c: attrs.evolve(c, awards=(rule,), history_lineage="none"))
    assert problems == [
        "awards[0].conditions[0].title: unknown title 'khong-co'",
        "awards[0].conditions[1].grade: unknown grade 'gioi'",
    ]


def test_counts_reported_for_a_level_no_scale_rates():
    from engine_builders import make_campaign

    campaign = make_campaign(communes=("xa-a",))
    campaign = attrs.evolve(campaign, scales=(campaign.scales[1],))  # hamlets have no scale now
    results = m.Results("mau", 2022, (m.UnitResult("xa-a", counts={"hamlet": {"htt": 1}}),))
    assert en(m.validate_results(campaign, results)) == [
        "units[0].counts.hamlet: no rating scale rates the level 'hamlet'"
    ]
