"""The engine's integer shortcuts agree with Fraction arithmetic on every input."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.engine import _compare
from thidua.engine._compare import exact_difference, fraction, ge
from thidua.engine._scoring import exact_sum

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
