"""ScoreEntry.points_only builds the same entry as the constructor, with the same checks."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from problem_text import en
from thidua import model as m
from thidua.errors import ModelError
from thidua.testing import strategies as ts


@given(
    ts.ids(),
    st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.fractions(min_value=0, max_value=100),
        st.decimals(min_value=0, max_value=100, places=2).map(str),
        st.decimals(min_value=0, max_value=100, places=4).map(str),
    ),
)
def test_points_only_equals_the_constructor(criterion, points):
    fast = m.ScoreEntry.points_only(criterion, points)
    assert fast == m.ScoreEntry(criterion, points)
    assert type(fast.points) is Fraction


@pytest.mark.parametrize(
    ("criterion", "points"), [("bad id!", "1"), ("c\u0301", "1"), (7, "1"), ("c1", 1.5), ("c1", "x")]
)
def test_points_only_refuses_what_the_constructor_refuses(criterion, points):
    with pytest.raises(ModelError) as fast:
        m.ScoreEntry.points_only(criterion, points)
    with pytest.raises(ModelError) as slow:
        m.ScoreEntry(criterion, points)
    assert en(fast.value.problems) == en(slow.value.problems)


def test_points_only_sets_every_field():
    # a field added to ScoreEntry must be added to points_only too
    assert [f.name for f in attrs.fields(m.ScoreEntry)] == ["criterion", "points", "bonus", "reason", "evidence"]
    entry = m.ScoreEntry.points_only("c1", 2)
    assert attrs.asdict(entry) == {"criterion": "c1", "points": 2, "bonus": None, "reason": None, "evidence": ()}
