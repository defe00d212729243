"""Band.contains compares in integers: it must agree with plain Fraction comparisons."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from thidua.model import Band

HALVES = st.integers(0, 200).map(lambda n: Fraction(n, 2))  # 0 .. 100 in halves: many scores on a bound


@given(HALVES, st.none() | HALVES, st.none() | HALVES, st.booleans(), st.booleans())
def test_contains_agrees_with_fraction_comparisons(score, low, high, include_min, include_max):
    # an empty band is refused when built
    assume(low is None or high is None or high > low or (high == low and include_min and include_max))
    band = Band("g", low, high, include_min, include_max)
    above_min = low is None or score > low or (score == low and include_min)
    below_max = high is None or score < high or (score == high and include_max)
    assert band.contains(score) is (above_min and below_max)


def test_bounds_by_hand():
    band = Band("htt", 70, 90)  # 70 ≤ score < 90
    assert [band.contains(Fraction(x)) for x in ("69.99", "70", "89.5", "90")] == [False, True, True, False]
    open_low = Band("kht", None, 50, include_min=False, include_max=False)
    assert [open_low.contains(Fraction(x)) for x in ("0", "49.5", "50")] == [True, True, False]
