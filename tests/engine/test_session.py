"""Session.update gives the same evaluation as a full evaluate of the same inputs."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import model as m
from thidua.engine import Session


def _replace(results: m.Results, row: m.UnitResult) -> m.Results:
    return attrs.evolve(results, units=tuple(row if r.unit == row.unit else r for r in results.units))


def test_update_fund_meets_quota(an_minh, an_minh_results):
    session = Session(an_minh, an_minh_results)
    before = session.evaluation.target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo")
    assert (before.met, before.shortfall) == (False, 1)
    row = next(r for r in an_minh_results.units if r.unit == "xa-van-khanh-tay")
    after = session.update(attrs.evolve(row, measures={**row.measures, "fund_raised": 150_000_000}))
    outcome = after.target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo")
    assert (outcome.met, outcome.shortfall) == (True, 0)
    assert after == thidua.evaluate(an_minh, session.results)
    assert after.fingerprint != session_fingerprint_of(an_minh, an_minh_results)


def session_fingerprint_of(campaign, results):
    return thidua.evaluate(campaign, results).fingerprint


def test_invalid_update_changes_nothing(an_minh, an_minh_results):
    session = Session(an_minh, an_minh_results)
    before = session.evaluation
    with pytest.raises(thidua.ModelError, match=r"units\[0\]\.unit: unknown unit 'xa-khong-co'"):
        session.update(m.UnitResult("xa-khong-co"))
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
    updated = session.update(new_row)
    assert updated == thidua.evaluate(an_minh, _replace(an_minh_results, new_row))
