"""Validation of the review chain, reasons, complete score sets, added criteria and ranking rules: each
problem at its path, in both languages."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from engine_builders import STAGES, make_campaign, make_results, row, score_rubric
from problem_text import en
from thidua import io
from thidua import model as m
from thidua.errors import DataError

SE = m.ScoreEntry
CRITERIA = (
    m.Criterion("c1", "Ngày hội", 10, m.Assessed(), bonus=2),
    m.Criterion("c2", "Kế hoạch", 10, m.Assessed()),
    m.Criterion("c3", "Báo cáo", 5, m.Assessed()),
)
CHAIN = (
    m.Stage("tu-cham", "Tự chấm điểm", actions=("approve",)),
    m.Stage("cum-tham-dinh", "Cụm thẩm định", actions=("approve", "send_back")),
    m.Stage("ban-thuong-truc", "Ban Thường trực", actions=("publish", "send_back", "reject")),
)
CAMPAIGN = make_campaign(communes=("xa-a",), rubric=score_rubric(CRITERIA), stages=CHAIN)
FIRST = m.Assessment("tu-cham", (SE("c1", 9, 1), SE("c2", 8), SE("c3", 5)))


def problems_of(*assessments, campaign=CAMPAIGN, **fields):
    unit = attrs.evolve(row("xa-a", assessments=assessments), **fields)
    return m.validate_results(campaign, make_results([unit]))


def pairs(problems):
    return [(p.path, p.code) for p in problems]


# -- reasons for changed values only -------------------------------------------------------------------


def test_an_entry_that_restates_the_value_needs_no_reason_and_a_change_needs_one():
    later = m.Assessment("cum-tham-dinh", (SE("c1", 9), SE("c2", 7), SE("c3", 5, reason="Giữ nguyên")))
    assert pairs(problems_of(FIRST, later)) == [("units[0].assessments[1].scores[1].reason", "reason-needed")]


def test_a_bonus_left_out_of_a_list_of_changes_restates_it_but_in_a_complete_set_it_changes_it():
    changes = m.Assessment("cum-tham-dinh", (SE("c1", 9),))  # bonus left out: kept, so nothing changes
    assert problems_of(FIRST, changes) == []
    complete = m.Assessment("cum-tham-dinh", (SE("c1", 9), SE("c2", 8), SE("c3", 5)), complete=True)
    # the complete set gives c1 no bonus: 9 + 1 becomes 9, a change that needs a reason
    assert pairs(problems_of(FIRST, complete)) == [("units[0].assessments[1].scores[0].reason", "reason-needed")]


def test_a_complete_set_gives_every_criterion():
    complete = m.Assessment("cum-tham-dinh", (SE("c1", 9, 1),), complete=True)
    problems = problems_of(FIRST, complete)
    assert pairs(problems) == [
        ("units[0].assessments[1].scores", "complete-set-missing"),
        ("units[0].assessments[1].scores", "complete-set-missing"),
    ]
    assert en(problems)[0] == (
        "units[0].assessments[1].scores: a complete score set gives every criterion, but 'c2' is missing at the "
        "stage 'cum-tham-dinh'"
    )


def test_a_platforms_stage_sets_load_without_being_reduced_to_changes():
    # the full score set at every stage, as a platform keeps it: only the changed entry has a reason
    data = {
        "campaign": "mau",
        "year": 2022,
        "units": [
            {
                "unit": "xa-a",
                "assessments": [
                    {
                        "stage": "tu-cham",
                        "scores": [{"criterion": c, "points": p} for c, p in (("c1", 9), ("c2", 8), ("c3", 5))],
                    },
                    {
                        "stage": "cum-tham-dinh",
                        "complete": True,
                        "scores": [
                            {"criterion": "c1", "points": 9},
                            {"criterion": "c2", "points": 7, "reason": "Kế hoạch nộp chậm"},
                            {"criterion": "c3", "points": 5},
                        ],
                    },
                ],
            }
        ],
    }
    results = io.loads(io.dumps(io.make_converter().structure(data, m.Results), "json"), "json", campaign=CAMPAIGN)
    assert results.units[0].assessments[1].complete is True


# -- added criteria -------------------------------------------------------------------------------------


def test_an_added_criterion_needs_a_reviewer_a_reason_and_a_maximum():
    bare = m.AddedCriterion("cuu-tro", "Cứu trợ", "cum-tham-dinh")
    later = m.Assessment("cum-tham-dinh", (SE("cuu-tro", 3),))
    problems = problems_of(FIRST, later, added=(bare,))
    assert pairs(problems) == [
        ("units[0].added[0].points", "added-needs-maximum"),
        ("units[0].added[0].reason", "added-needs-reason"),
        ("units[0].added[0].by", "added-needs-reviewer"),
        ("units[0].assessments[1].scores[0].points", "points-out-of-range"),
    ]
    assert en(problems)[:3] == [
        "units[0].added[0].points: the added criterion 'cuu-tro' needs its maximum points, above zero",
        "units[0].added[0].reason: the added criterion 'cuu-tro' needs a reason",
        "units[0].added[0].by: the added criterion 'cuu-tro' needs the reviewer who adds it ('by')",
    ]
    assert problems[1].render("vi") == "units[0].added[0].reason: tiêu chí phát sinh “cuu-tro” cần ghi lý do"


def test_an_added_criterion_is_added_by_a_later_stage_and_scored_from_it():
    good = m.AddedCriterion("cuu-tro", "Cứu trợ", "cum-tham-dinh", 5, "Cứu trợ đột xuất", "Cụm")
    scored = m.Assessment("cum-tham-dinh", (SE("cuu-tro", 4),))  # its first points need no other reason
    assert problems_of(FIRST, scored, added=(good,)) == []
    # scored before it was added, never scored, added at the unit's own stage, or under a rubric id
    early = m.Assessment("tu-cham", (*FIRST.scores, SE("cuu-tro", 4)))
    assert pairs(problems_of(early, added=(good,))) == [
        ("units[0].assessments[0].scores[3].criterion", "added-not-yet"),
        ("units[0].added[0].id", "added-not-scored"),
    ]
    own = attrs.evolve(good, stage="tu-cham")
    assert pairs(problems_of(FIRST, added=(own,))) == [("units[0].added[0].stage", "added-at-first-stage")]
    taken = attrs.evolve(good, id="c1")
    assert pairs(problems_of(FIRST, added=(taken,))) == [("units[0].added[0].id", "added-id-taken")]
    over = m.Assessment("cum-tham-dinh", (SE("cuu-tro", 6),))
    assert pairs(problems_of(FIRST, over, added=(good,))) == [
        ("units[0].assessments[1].scores[0].points", "points-out-of-range")
    ]


# -- the review chain ---------------------------------------------------------------------------------

E = m.ReviewEvent


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # the unit submits, the cluster sends it back, the unit submits again, ... published
        (
            (
                E("tu-cham", "approve"),
                E("cum-tham-dinh", "send_back", reason="Thiếu minh chứng"),
                E("tu-cham", "approve"),
                E("cum-tham-dinh", "approve"),
                E("ban-thuong-truc", "publish"),
            ),
            [],
        ),
        ((E("cum-tham-dinh", "approve"),), [("units[0].review[0].stage", "not-at-stage")]),
        ((E("tu-cham", "publish"),), [("units[0].review[0].action", "action-not-allowed")]),
        (
            (E("tu-cham", "approve"), E("cum-tham-dinh", "send_back", to="ban-thuong-truc")),
            [("units[0].review[1].to", "send-back-forward")],
        ),
        (
            (E("tu-cham", "approve"), E("cum-tham-dinh", "approve"), E("ban-thuong-truc", "reject")),
            [("units[0].review[2].reason", "reject-reason-needed")],
        ),
        (
            (
                E("tu-cham", "approve"),
                E("cum-tham-dinh", "approve"),
                E("ban-thuong-truc", "reject", reason="Sai sự thật"),
                E("ban-thuong-truc", "send_back"),
            ),
            [("units[0].review[3]", "result-rejected")],
        ),
        (
            (
                E("tu-cham", "approve"),
                E("cum-tham-dinh", "approve"),
                E("ban-thuong-truc", "publish"),
                E("ban-thuong-truc", "send_back"),
            ),
            [("units[0].review[3]", "result-locked")],
        ),
        ((E("hoi-dong", "approve"),), [("units[0].review[0].stage", "unknown-stage")]),
        (
            (E("tu-cham", "approve", on=dt.date(2022, 12, 2)), E("cum-tham-dinh", "approve", on=dt.date(2022, 12, 1))),
            [("units[0].review[1].on", "event-before-previous")],
        ),
        ((E("tu-cham", "approve", to="tu-cham"),), [("units[0].review[0].to", "to-only-for-send-back")]),
    ],
)
def test_the_history_follows_the_declared_chain(events, expected):
    assert pairs(problems_of(FIRST, review=events)) == expected


def test_a_state_change_the_chain_does_not_allow_reads_in_both_languages():
    (problem,) = problems_of(FIRST, review=(E("tu-cham", "publish"),))
    assert problem.render("en") == (
        "units[0].review[0].action: the stage 'tu-cham' may not publish (see the campaign's stages and their actions)"
    )
    assert problem.render("vi") == (
        "units[0].review[0].action: bước “tu-cham” không được công bố "
        "(xem các bước chấm điểm của phong trào và việc mỗi bước được làm)"
    )


def test_a_state_must_agree_with_the_history_and_name_a_stage():
    submitted = (E("tu-cham", "approve"),)
    assert problems_of(FIRST, review=submitted, state=m.ReviewState("pending", "cum-tham-dinh")) == []
    problems = problems_of(FIRST, review=submitted, state=m.ReviewState("published", "ban-thuong-truc"))
    assert pairs(problems) == [("units[0].state", "state-disagrees")]
    assert en(problems) == [
        (
            "units[0].state: the state says published at the stage 'ban-thuong-truc', but the history leads to "
            "pending at 'cum-tham-dinh'"
        )
    ]
    assert pairs(problems_of(FIRST, state=m.ReviewState("pending", "hoi-dong"))) == [
        ("units[0].state.stage", "unknown-stage")
    ]


def test_assessments_after_the_publication_are_refused_with_their_path():
    published = m.ReviewState("published", "cum-tham-dinh")
    late = m.Assessment("ban-thuong-truc", (SE("c1", 8, reason="Xem lại"),))
    assert pairs(problems_of(FIRST, late, state=published)) == [("units[0].assessments[1].stage", "result-locked")]
    events = (
        E("tu-cham", "approve", on=dt.date(2022, 11, 25)),
        E("cum-tham-dinh", "approve", on=dt.date(2022, 12, 2)),
        E("ban-thuong-truc", "publish", on=dt.date(2022, 12, 9)),
    )
    dated = m.Assessment("ban-thuong-truc", (SE("c1", 8, reason="Xem lại"),), on=dt.date(2022, 12, 20))
    assert pairs(problems_of(FIRST, dated, review=events)) == [("units[0].assessments[1].on", "result-locked")]


def test_a_chain_needs_the_campaigns_stages():
    bare = make_campaign(communes=("xa-a",))
    problems = m.validate_results(bare, make_results([attrs.evolve(row("xa-a"), review=(E("tu-cham", "approve"),))]))
    assert pairs(problems) == [("units[0].review[0].stage", "unknown-stage")]


# -- ranking rules ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "tie_breaks", "stages", "expected"),
    [
        (m.RankingRule("ordinal", (m.SelfScoreTieBreak(), m.NameTieBreak())), (), STAGES, []),
        (
            m.RankingRule("dense", (m.NameTieBreak(),)),
            (),
            STAGES,
            [("ranking.tie_breaks[0]", "name-order-not-ordinal")],
        ),
        (
            m.RankingRule("ordinal", (m.StageTotalTieBreak("hoi-dong"),)),
            (),
            STAGES,
            [("ranking.tie_breaks[0].stage", "unknown-tie-break-stage")],
        ),
        (
            m.RankingRule("ordinal", (m.SelfScoreTieBreak(),)),
            (),
            (),
            [("ranking.tie_breaks[0]", "self-score-needs-stages")],
        ),
        (
            m.RankingRule("competition", (m.MeasureTieBreak("x"),)),
            ("y",),
            STAGES,
            [("ranking.tie_breaks", "tie-breaks-twice")],
        ),
    ],
)
def test_ranking_rules_are_validated(rule, tie_breaks, stages, expected):
    campaign = attrs.evolve(make_campaign(stages=stages), ranking=rule, tie_breaks=tie_breaks)
    assert pairs(p for p in m.validate_campaign(campaign) if p.is_error) == expected


def test_a_ranking_rule_reads_from_a_file():
    text = """
schema_version: 1
document: campaign
id: mau
name: Mẫu
year: 2022
levels: [{id: commune, name: Xã}]
units: [{id: xa-a, name: Xã A, level: commune}]
stages: [{id: tu-cham, name: Tự chấm, actions: [approve]}]
measures: [{id: lifted, name: Số hộ thoát nghèo, unit: hộ}]
ranking:
  mode: ordinal
  tie_breaks: [{kind: measure, measure: lifted, lower_first: true}, {kind: self_score}, {kind: name}]
"""
    campaign = io.loads(text, "yaml")
    assert campaign.ranking == m.RankingRule(
        "ordinal", (m.MeasureTieBreak("lifted", lower_first=True), m.SelfScoreTieBreak(), m.NameTieBreak())
    )
    assert campaign.stages[0].actions == (m.ReviewAction.APPROVE,)
    bad = text.replace("kind: name", "kind: nom")
    with pytest.raises(DataError) as info:
        io.loads(bad, "yaml")
    assert [p.path for p in info.value.problems] == ["ranking.tie_breaks[2].kind"]
