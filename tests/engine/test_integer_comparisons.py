"""The engine's integer shortcuts agree with Fraction arithmetic on every input."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.engine import _compare
from thidua.engine._compare import exact_difference, fraction, ge
from thidua.engine._run import apply_rounding, share_of_count
from thidua.engine._scoring import exact_sum
from thidua.model import Rounding

exact = st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=10**7)
shares = st.fractions(min_value=0, max_value=1, max_denominator=10**4)


@given(exact, exact)
def test_ge_is_fraction_comparison(value, threshold):
    assert ge(value, threshold) is (value >= threshold)


@given(st.integers(min_value=-(10**40), max_value=10**40), st.integers(min_value=-(10**40), max_value=10**40))
def test_fraction_is_the_fraction_constructor(numerator, denominator):
    if denominator == 0:
        with pytest.raises(ZeroDivisionError):
            fraction(numerator, denominator)
        return
    got, want = fraction(numerator, denominator), Fraction(numerator, denominator)
    assert type(got) is Fraction
    assert (got.numerator, got.denominator) == (want.numerator, want.denominator)
    assert got == want
    assert hash(got) == hash(want)
    assert repr(got) == repr(want)
    assert got + 1 == want + 1
    assert got * 2 == want * 2


def test_the_fast_constructor_is_the_one_used_on_this_python():
    assert _compare._fast_works()
    assert _compare.fraction is _compare._fraction_fast
    assert _compare._fraction_public(6, -4) == Fraction(-3, 2)


@given(exact, exact)
def test_difference_is_fraction_arithmetic(a, b):
    assert exact_difference(a, b) == a - b


@given(st.lists(exact | st.integers(min_value=-(10**6), max_value=10**6), max_size=60))
def test_exact_sum_is_the_fraction_sum(values):
    assert exact_sum(values) == sum(values, Fraction(0))


def test_on_the_threshold_exactly():
    # a poverty rate falling by exactly 1.5 points
    assert ge(Fraction(435, 100) - Fraction(285, 100), Fraction(3, 2))


@given(st.fractions(min_value=-50, max_value=50, max_denominator=60), st.sampled_from(list(Rounding)))
def test_rounding_in_integers_is_rounding_the_fraction(value, rounding):
    low = math.floor(value)
    rest = value - low
    half = Fraction(1, 2)
    if rounding is Rounding.FLOOR:
        want = low
    elif rounding is Rounding.CEILING:
        want = math.ceil(value)
    elif rest != half:
        want = low + 1 if rest > half else low
    else:
        want = {Rounding.HALF_UP: low + 1, Rounding.HALF_DOWN: low, Rounding.HALF_EVEN: low + low % 2}[rounding]
    assert apply_rounding(value, rounding) == want


@given(shares, st.integers(min_value=0, max_value=5000), st.sampled_from(list(Rounding)))
def test_a_share_of_a_count_is_the_share_times_the_count_rounded(share, count, rounding):
    assert share_of_count(share, count, rounding) == apply_rounding(share * count, rounding)


@given(st.integers(-1000, 1000), exact)
def test_ge_and_exact_difference_take_a_whole_number_as_well(whole, value):
    # an int has no Fraction slots: the public numerator and denominator are read instead
    assert ge(whole, value) is (whole >= value)
    assert ge(value, whole) is (value >= whole)
    assert exact_difference(value, whole) == value - whole  # type: ignore[arg-type]
    assert exact_difference(whole, value) == whole - value  # type: ignore[arg-type]
