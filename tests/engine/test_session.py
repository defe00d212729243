"""Session.update gives the same evaluation as a full evaluate of the same inputs."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

import thidua
from problem_text import raises_en
from thidua import model as m
from thidua.engine import Session


def _replace(results: m.Results, row: m.UnitResult) -> m.Results:
    return attrs.evolve(results, units=tuple(row if r.unit == row.unit else r for r in results.units))


def test_update_fund_meets_quota(an_minh, an_minh_results):
    session = Session(an_minh, an_minh_results)
    before = session.evaluation.target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo")
    assert (before.met, before.shortfall) == (False, 1)
    row = next(r for r in an_minh_results.units if r.unit == "xa-van-khanh-tay")
    update = session.update(attrs.evolve(row, measures={**row.measures, "fund_raised": 150_000_000}))
    (outcome,) = [t for t in update.unit.targets if t.target == "quy-vi-nguoi-ngheo"]
    assert (outcome.met, outcome.shortfall) == (True, 0)
    assert "xa-van-khanh-tay" in update.changed
    after = session.evaluation
    assert after.target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo") == outcome
    assert after == thidua.evaluate(an_minh, session.results)
    _assert_update_matches(update, after)
    assert after.fingerprint != session_fingerprint_of(an_minh, an_minh_results)


def _assert_update_matches(update, evaluation):
    """The parts an update returns are those of the whole evaluation."""
    assert update.unit == evaluation.unit(update.unit.unit)
    assert update.clusters == tuple(evaluation.cluster(cl) for cl in update.unit.clusters)


def session_fingerprint_of(campaign, results):
    return thidua.evaluate(campaign, results).fingerprint


def test_invalid_update_changes_nothing(an_minh, an_minh_results):
    session = Session(an_minh, an_minh_results)
    before = session.evaluation
    # the problems are located in the row itself
    with raises_en(thidua.ModelError, r"^1 problem:\n  unit: unknown unit 'xa-khong-co'$") as info:
        session.update(m.UnitResult("xa-khong-co"))
    assert [(p.loc, p.code) for p in info.value.problems] == [(("unit",), "unknown-unit")]
    assert session.evaluation is before


@given(
    unit=st.sampled_from(
        ["xa-van-khanh-tay", "xa-van-khanh", "xa-dong-thanh", "tt-thu-muoi-mot", "xa-dong-hung", "xa-tan-thanh"]
    ),
    raised=st.integers(min_value=0, max_value=300_000_000),
    excellent=st.integers(min_value=0, max_value=6),
    late=st.integers(min_value=0, max_value=7),
)
def test_update_equals_full_evaluation(an_minh, an_minh_results, unit, raised, excellent, late):
    session = Session(an_minh, an_minh_results)
    row = next(r for r in an_minh_results.units if r.unit == unit)
    counts = dict(row.counts["hamlet"])
    counts["htxs"] = excellent
    new_row = attrs.evolve(
        row,
        counts={"hamlet": counts},
        measures={**row.measures, "fund_raised": raised, "late_reports": late},
    )
    before = session.evaluation
    update = session.update(new_row)
    full = thidua.evaluate(an_minh, _replace(an_minh_results, new_row))
    assert session.evaluation == full
    _assert_update_matches(update, full)
    # changed lists exactly the units whose verdicts, score, grade, rank or awards moved
    moved = {u.unit for u in full.units if _visible(u) != _visible(before.unit(u.unit))}
    assert set(update.changed) == moved


def _visible(u):
    return (
        [(t.target, t.status) for t in u.targets],
        u.score.total if u.score else None,
        u.rating.grade,
        u.rank,
        [(a.award, a.granted, a.eligible) for a in u.awards],
    )
