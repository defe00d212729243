"""Exact numbers: shares, points and amounts never pass through binary floats."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from problem_text import en, raises_en
from thidua import model as m
from thidua.errors import ModelError
from thidua.io import number_text as format_number
from thidua.io import share_text as format_share
from thidua.model._exact import to_amount
from thidua.testing import strategies as ts


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("80%", Fraction(4, 5)),
        ("0.8", Fraction(4, 5)),
        (80, Fraction(4, 5)),
        ("1/3", Fraction(1, 3)),
        ("100/3%", Fraction(1, 3)),
        ("66.67%", Fraction(6667, 10000)),
        (" 30 % ", Fraction(3, 10)),
        ("0%", Fraction(0)),
        (100, Fraction(1)),
        (Fraction(2, 3), Fraction(2, 3)),
        (Decimal("0.25"), Fraction(1, 4)),
        (".5", Fraction(1, 2)),
    ],
)
def test_parse_share(written, expected):
    assert m.parse_share(written) == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (0.8, "0.8 is a binary float; write it as text ('0.8') or as a fraction (e.g. '1/3') to keep it exact"),
        (True, "true is true or false, not a number"),
        ("120%", "a share must lie between 0% and 100%, got '120%'"),
        (101, "a share must lie between 0% and 100%, got 101"),
        ("-1%", "a share must lie between 0% and 100%, got '-1%'"),
        ("2", "a share must lie between 0% and 100%, got '2'"),
        ("eighty", "'eighty' is not an exact number (write e.g. '7.5' or '1/3')"),
        ("1/0", "'1/0' divides by zero"),
        (None, "expected a number, got null"),
    ],
)
def test_parse_share_refuses(written, message):
    with pytest.raises(ModelError) as info:
        m.parse_share(written)
    assert en(info.value.problems) == (message,)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("7.5", Fraction(15, 2)),
        ("-2.25", Fraction(-9, 4)),
        ("\u22122", Fraction(-2)),  # the typographic minus sign
        ("1 000", Fraction(1000)),  # a thousands space
        ("1/3", Fraction(1, 3)),
        (" 10 / 4 ", Fraction(5, 2)),
        (12, Fraction(12)),
        (Decimal("1.10"), Fraction(11, 10)),
    ],
)
def test_parse_number(written, expected):
    assert m.parse_number(written) == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (7.5, "7.5 is a binary float; write it as text ('7.5') or as a fraction (e.g. '1/3') to keep it exact"),
        (Decimal("NaN"), "NaN is not a finite number"),
        ("1e5", "'1e5' is not an exact number (write e.g. '7.5' or '1/3')"),
        ("inf", "'inf' is not an exact number (write e.g. '7.5' or '1/3')"),
        ("1" * 401, f"the number '{'1' * 38}… has more than 400 characters"),
        (False, "false is true or false, not a number"),
    ],
)
def test_parse_number_refuses(written, message):
    with pytest.raises(ModelError) as info:
        m.parse_number(written)
    assert en(info.value.problems) == (message,)


def test_amounts_are_whole_vnd():
    assert to_amount("150000000") == 150_000_000
    assert to_amount(150_000_000) == 150_000_000
    assert to_amount("150.000.000") == to_amount("150 000 000") == 150_000_000  # Vietnamese grouping
    for text in ("1.0", "1.5", "1,5", "150000000.0"):  # never a decimal point (or comma) in money
        with raises_en(ModelError, rf"an amount of money is whole đồng, .*, got '{text}'"):
            to_amount(text)
    with raises_en(ModelError, r"'200\.000' may mean 200000 \(grouped thousands\) or a decimal number"):
        to_amount("200.000")
    with raises_en(ModelError, "is a binary float"):
        to_amount(1e6)


def test_the_boundary_is_exact():
    # in binary floats 0.1 + 0.2 != 0.3 and 0.1 * 3 == 0.30000000000000004: verdicts at the boundary go wrong
    assert 0.1 + 0.2 != 0.3  # the reason for all this
    # 3 of 10 units meet 30%
    assert m.parse_share("30%") * 10 == 3
    assert Fraction(3, 10) == m.parse_share("10%") * 3
    assert m.parse_share("0.1") + m.parse_share("0.2") == m.parse_share("0.3")
    assert Fraction(3, 10) >= m.parse_share("30%")
    # 9 of 11 = 81.8...% meets 80%; 3 of 11 = 27.27...% misses 30%
    assert Fraction(9, 11) >= m.parse_share("80%")
    assert Fraction(3, 11) < m.parse_share("30%")


@pytest.mark.parametrize(
    ("value", "number", "share"),
    [
        (Fraction(4, 5), "0.8", "80%"),
        (Fraction(1, 3), "1/3", "100/3%"),
        (Fraction(6667, 10000), "0.6667", "66.67%"),
        (Fraction(1), "1", "100%"),
        (Fraction(0), "0", "0%"),
        (Fraction(3, 8), "0.375", "37.5%"),
        (Fraction(-15, 2), "-7.5", "-750%"),
    ],
)
def test_written_forms(value, number, share):
    assert format_number(value) == number
    assert format_share(value) == share


@given(ts.numbers(-(10**9), 10**9))
def test_a_written_number_reads_back(value):
    assert m.parse_number(format_number(value)) == value


@given(ts.shares())
def test_a_written_share_reads_back(value):
    assert m.parse_share(format_share(value)) == value


@given(ts.written_numbers())
def test_every_spelling_of_a_number(pair):
    written, value = pair
    assert m.parse_number(written) == value


@given(ts.written_shares())
def test_every_spelling_of_a_share(pair):
    written, value = pair
    assert m.parse_share(written) == value


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_no_float_is_ever_accepted(value):
    for parse in (m.parse_number, m.parse_share, to_amount):
        with raises_en(ModelError, "is a binary float"):
            parse(value)


@given(ts.names())
def test_nfc_is_idempotent_and_strips(name):
    once = m.nfc(name)
    assert m.nfc(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert m.nfc(f"  {unicodedata.normalize('NFD', name)}\n") == once


def _by_decimal(text: str) -> tuple[str, Fraction | str]:
    """The value of a number text as Decimal reads it (the general path), or the problem's code."""
    try:
        return "ok", m.parse_number(f" {text}")  # a leading space keeps it off the plain-digits path
    except ModelError as exc:
        return "error", exc.problems[0].code


@given(st.text(alphabet="0123456789.-+ _", max_size=24) | st.from_regex(r"\A[0-9]{1,20}(\.[0-9]{0,20})?\Z"))
def test_plain_decimals_read_directly_equal_decimal(text):
    from thidua.model._exact import _parse_text_number

    try:
        got: tuple[str, Fraction | str] = ("ok", _parse_text_number.__wrapped__(text))
    except ModelError as exc:
        got = ("error", exc.problems[0].code)
    assert got == _by_decimal(text)


def test_plain_decimals_at_the_bounds():
    assert m.parse_number("999999999999999.99") == Fraction(99999999999999999, 100)
    assert m.parse_number("007.50") == Fraction(15, 2)
    with pytest.raises(ModelError) as info:
        m.parse_number("1000000000000000")
    assert info.value.problems[0].code == "number-out-of-bounds"
