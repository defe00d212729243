"""Exact comparisons and arithmetic in integers: a ``Fraction`` comparison costs ten times more
(an operation twice as much), and the engine makes hundreds of thousands of them nationally."""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["exact_difference", "fraction", "ge"]

_new = object.__new__
_gcd = math.gcd


def _fraction_fast(numerator: int, denominator: int) -> Fraction:
    """The exact fraction *numerator* / *denominator* of two ints, in lowest terms: ``Fraction(n, d)``
    without the type dispatch of ``Fraction.__new__`` (three times faster; 60,000 are made nationally).

    >>> fraction(8, 10), fraction(6, -4), fraction(0, 7)
    (Fraction(4, 5), Fraction(-3, 2), Fraction(0, 1))

    .. versionadded:: 0.1.0
    """
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    elif denominator == 0:
        raise ZeroDivisionError(f"Fraction({numerator}, 0)")
    g = _gcd(numerator, denominator)
    f = _new(Fraction)
    # the two slots Fraction keeps (as its own ``_from_coprime_ints`` fills them since Python 3.12)
    if g == 1:
        f._numerator, f._denominator = numerator, denominator  # type: ignore[attr-defined]  # noqa: SLF001
    else:
        f._numerator, f._denominator = numerator // g, denominator // g  # type: ignore[attr-defined]  # noqa: SLF001
    return f


def _fraction_public(numerator: int, denominator: int) -> Fraction:
    """``Fraction(numerator, denominator)``, where ``Fraction`` keeps its state otherwise."""
    return Fraction(numerator, denominator)


def _fast_works() -> bool:
    """Whether this Python's ``Fraction`` keeps its state where :func:`_fraction_fast` puts it."""
    try:
        samples = [(6, -4), (0, 5), (7, 1), (10**30 + 2, 4)]
        pairs = [(_fraction_fast(n, d), Fraction(n, d)) for n, d in samples]
        return all(got == want and hash(got) == hash(want) and str(got) == str(want) for got, want in pairs)
    except (AttributeError, TypeError):  # pragma: no cover - a Python whose Fraction is laid out otherwise
        return False


#: the fast constructor, or the public one where ``Fraction`` is laid out differently
fraction = _fraction_fast if _fast_works() else _fraction_public


def ge(value: Fraction, threshold: Fraction) -> bool:
    """``value >= threshold``, by cross-multiplying.

    >>> ge(Fraction(435, 100) - Fraction(285, 100), Fraction(3, 2)), ge(Fraction(7, 5), Fraction(3, 2))
    (True, False)

    .. versionadded:: 0.1.0
    """
    try:  # the slots behind the properties (a property is a call): read 200,000 times nationally
        return value._numerator * threshold._denominator >= threshold._numerator * value._denominator  # type: ignore[attr-defined,no-any-return]  # noqa: SLF001
    except AttributeError:  # an int, or a Python whose Fraction is laid out otherwise
        return value.numerator * threshold.denominator >= threshold.numerator * value.denominator


def exact_difference(a: Fraction, b: Fraction) -> Fraction:
    """``a - b``, cross-multiplied in integers (half the cost of ``Fraction.__sub__``).

    >>> exact_difference(Fraction(1172, 100), Fraction(1089, 100)), exact_difference(Fraction(2), Fraction(1, 3))
    (Fraction(83, 100), Fraction(5, 3))

    .. versionadded:: 0.1.0
    """
    try:  # the slots behind the properties, as in ge()
        an, ad, bn, bd = a._numerator, a._denominator, b._numerator, b._denominator  # type: ignore[attr-defined]  # noqa: SLF001
    except AttributeError:
        an, ad, bn, bd = a.numerator, a.denominator, b.numerator, b.denominator
    return fraction(an * bd - bn * ad, ad * bd)
