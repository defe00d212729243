"""Strategies for plain values: ids, Vietnamese names, exact numbers, dates, formulas."""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeVar

from hypothesis import strategies as st

from thidua.io import number_text as format_number

__all__ = [
    "LETTERS",
    "amounts",
    "date_pairs",
    "dates",
    "formulas",
    "ids",
    "measure_names",
    "names",
    "numbers",
    "optional",
    "points",
    "shares",
    "spelled",
    "texts",
    "written_numbers",
    "written_shares",
]

T = TypeVar("T")
Form = Literal["NFC", "NFD"]

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES} | set("bcdđghklmnpqrstvx"))
#: Every letter of the Vietnamese alphabet, lower and upper case, in NFC.
LETTERS = "".join(_LOWER) + "".join(c.upper() for c in _LOWER)
_PREFIXES = ("Xã", "Phường", "Thị trấn", "Ấp", "Khu phố", "Tổ dân phố", "Huyện", "Tỉnh", "Cụm", "Ban")
_WORD_TEXT = (
    "Vân Khánh Tây Đông Hưng Thạnh Hòa Thuận Thứ Mười Một An Minh Kiên Giang Sơn Tân Phú Lộc Bình Xuân "
    "Trung Nam Bắc Đoàn kết Nhân dân Mặt trận Tổ quốc nông thôn mới đô thị văn minh người nghèo hoàn "
    "thành tốt xuất sắc nhiệm vụ yếu kém Ủy ban Ấp khu phố Quỹ Cờ thi đua Bằng khen Giấy ưu tiên hàng Việt"
)
_WORDS = tuple(_WORD_TEXT.split())
_RESERVED = frozenset({"and", "or", "not", "min", "max"})
_FORMS: tuple[Form, ...] = ("NFC", "NFD")


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """*strategy*, or ``None``."""
    return st.none() | strategy


def spelled(text: str, form: Form) -> str:
    """*text* in the Unicode normal form *form*."""
    return unicodedata.normalize(form, text)


_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_LOWER_ASCII = "abcdefghijklmnopqrstuvwxyz"
# Strategies are immutable: building each once keeps drawing fast (Hypothesis
# validates every new strategy object).
_cached = functools.lru_cache(maxsize=256)


@_cached
def ids() -> st.SearchStrategy[str]:
    """ASCII-safe ids: a letter or digit, then letters, digits, ``_ . -``.

    >>> from hypothesis import find
    >>> from thidua.model._base import _ID
    >>> bool(_ID.match(find(ids(), lambda s: "-" in s)))
    True
    """
    return st.builds(operator.add, st.sampled_from(_ALNUM), st.text(_ALNUM + "_.-", max_size=15))


@_cached
def measure_names() -> st.SearchStrategy[str]:
    """Names of measures, flags and indicators: ids that formulas can also name.

    >>> from hypothesis import find
    >>> from thidua.formula import identifiers, parse
    >>> name = find(measure_names(), lambda s: "_" in s)
    >>> identifiers(parse(name + " + 1")) == {name}
    True
    """
    name = st.builds(operator.add, st.sampled_from(_LOWER_ASCII), st.text(_LOWER_ASCII + "0123456789_", max_size=10))
    return name.filter(lambda s: s not in _RESERVED)


@_cached
def names() -> st.SearchStrategy[str]:
    """Vietnamese names such as ``"Xã Vân Khánh Tây"``, typed in NFC or NFD.

    Most words come from real unit and grade names; some are drawn letter by
    letter from the whole Vietnamese alphabet.

    >>> import unicodedata
    >>> from hypothesis import find
    >>> name = find(names(), lambda s: not unicodedata.is_normalized("NFC", s))
    >>> unicodedata.is_normalized("NFD", name)
    True
    """
    word = st.sampled_from(_WORDS) | st.text(LETTERS, min_size=1, max_size=6)
    text = st.builds(
        lambda p, w: " ".join([p, *w]) if p else " ".join(w),
        st.sampled_from(("", *_PREFIXES)),
        st.lists(word, min_size=1, max_size=3),
    )
    return st.builds(spelled, text, st.sampled_from(_FORMS))


@_cached
def texts() -> st.SearchStrategy[str]:
    """Free Vietnamese text (notes, reasons) with digits and punctuation, in NFC or NFD."""
    piece = names() | st.sampled_from(("2022", "13/4/2022", "80%", "(mẫu)", "–", ";", ",", ":", '"', "'", "«", "»"))
    return st.lists(piece, min_size=1, max_size=4).map(" ".join)


@_cached
def numbers(
    min_value: Fraction | int | None = -1000,
    max_value: Fraction | int | None = 1000,
) -> st.SearchStrategy[Fraction]:
    """Exact numbers (points, measures) as :class:`~fractions.Fraction`, never floats.

    Denominators stay at most 1000, so that every number has a short written form.

    >>> from hypothesis import find
    >>> find(numbers(), lambda x: x.denominator == 3).denominator
    3
    """
    return st.fractions(min_value, max_value, max_denominator=1000)


@_cached
def points(min_value: Fraction | int = 0, max_value: Fraction | int = 30) -> st.SearchStrategy[Fraction]:
    """Exact points in hundredths (``7.5``, ``1.25``) between two bounds, as in real rubrics.

    Sums of such points stay short to write, however many criteria a rubric has.

    >>> from hypothesis import find
    >>> find(points(), lambda x: x.denominator > 1).denominator in (2, 4, 5, 10, 20, 25, 50, 100)
    True
    """
    lo, hi = math.ceil(Fraction(min_value) * 100), math.floor(Fraction(max_value) * 100)
    if lo > hi:
        return st.just(Fraction(min_value))
    return st.integers(lo, hi).map(lambda n: Fraction(n, 100))


@_cached
def shares() -> st.SearchStrategy[Fraction]:
    """Shares between 0 and 1 inclusive, as :class:`~fractions.Fraction`.

    >>> from hypothesis import find
    >>> 0 <= find(shares(), lambda x: x > Fraction(1, 2)) <= 1
    True
    """
    common = st.sampled_from([Fraction(0), Fraction(3, 10), Fraction(4, 5), Fraction(1), Fraction(1, 3)])
    return common | st.fractions(0, 1, max_denominator=1000)


@_cached
def amounts() -> st.SearchStrategy[int]:
    """Amounts of money in VND: whole numbers within the bounds of documents (below 10**15 đồng)."""
    return st.integers(0, 10**15 - 1)


@_cached
def written_numbers() -> st.SearchStrategy[tuple[Any, Fraction]]:
    """Pairs ``(written, value)``: the ways a file or a caller may write an exact number.

    The written form is an int, a decimal text (``"7.5"``), a fraction text
    (``"1/3"``), a :class:`~decimal.Decimal` or a :class:`~fractions.Fraction`;
    texts sometimes have spaces around them.

    >>> from hypothesis import find
    >>> from thidua.model import parse_number
    >>> written, value = find(written_numbers(), lambda p: isinstance(p[0], str) and "/" in p[0])
    >>> parse_number(written) == value
    True
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Any, Fraction]:
        value = draw(numbers(-(10**9), 10**9))
        decimal = format_number(value)
        ways: list[Any] = [f"{value.numerator}/{value.denominator}", value, decimal]
        if value.denominator == 1:
            ways.append(int(value))
        if "/" not in decimal:
            ways.append(Decimal(decimal))
        written = draw(st.sampled_from(ways))
        if isinstance(written, str) and draw(st.booleans()):
            written = f" {written} "
        return written, value

    return build()


@_cached
def written_shares() -> st.SearchStrategy[tuple[Any, Fraction]]:
    """Pairs ``(written, value)``: the ways a file may write a share.

    ``80`` (an integer is a percentage), ``"80%"``, ``"0.8"``, ``"4/5"``,
    ``"100/3%"``, ``"66.67%"``, or a :class:`~fractions.Fraction`.

    >>> from hypothesis import find
    >>> from thidua.model import parse_share
    >>> written, value = find(written_shares(), lambda p: isinstance(p[0], str) and p[0].endswith("%"))
    >>> parse_share(written) == value
    True
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Any, Fraction]:
        value = draw(shares())
        percent = value * 100
        ways: list[Any] = [
            f"{value.numerator}/{value.denominator}",
            f"{percent.numerator}/{percent.denominator}%",
            value,
        ]
        if "/" not in format_number(percent):
            ways.append(format_number(percent) + "%")
        if "/" not in format_number(value):
            ways.append(format_number(value))
        if percent.denominator == 1:
            ways.append(int(percent))
        return draw(st.sampled_from(ways)), value

    return build()


@_cached
def dates(
    min_value: dt.date = dt.date(2000, 1, 1),
    max_value: dt.date = dt.date(2040, 12, 31),
) -> st.SearchStrategy[dt.date]:
    """Calendar dates (never datetimes), by default from 2000 to 2040."""
    return st.dates(min_value, max_value)


@_cached
def date_pairs(
    min_value: dt.date = dt.date(2000, 1, 1),
    max_value: dt.date = dt.date(2040, 12, 31),
) -> st.SearchStrategy[tuple[dt.date, dt.date]]:
    """Pairs of dates in order: ``(first, last)`` with ``first <= last``."""
    return st.tuples(dates(min_value, max_value), dates(min_value, max_value)).map(lambda p: (min(p), max(p)))


@_cached
def formulas(names: st.SearchStrategy[str] | None = None, *, boolean: bool = False) -> st.SearchStrategy[str]:
    """Formulas of :mod:`thidua.formula`: arithmetic, or comparisons joined by and/or/not.

    Args:
        names: the names a formula may use (default: :func:`measure_names`).
        boolean: draw true/false formulas such as ``"lifted >= 5"``.

    >>> from hypothesis import find
    >>> from thidua.formula import parse
    >>> formula = find(formulas(boolean=True), lambda f: "and" in f)
    >>> type(parse(formula)).__name__
    'BinOp'
    """
    name = measure_names() if names is None else names
    literal = st.one_of(
        st.integers(0, 1000).map(str),
        st.decimals(0, 100, places=2).map(str),
        st.integers(0, 100).map(lambda n: f"{n}%"),
    )
    arithmetic = st.recursive(
        name | literal,
        lambda e: st.one_of(
            st.tuples(e, st.sampled_from(("+", "-", "*", "/", "×", "÷")), e).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(("min", "max")), e, e).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        ),
        max_leaves=4,
    )
    if not boolean:
        return arithmetic
    comparison = st.tuples(arithmetic, st.sampled_from(("<", "<=", ">", ">=", "==", "!=")), arithmetic).map(" ".join)
    return st.recursive(
        comparison,
        lambda b: st.one_of(
            st.tuples(b, st.sampled_from(("and", "or")), b).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            b.map(lambda x: f"not ({x})"),
        ),
        max_leaves=3,
    )
