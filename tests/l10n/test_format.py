"""Numbers, shares, money, dates and scores formatted from exact values, per locale."""

from __future__ import annotations

import datetime as dt
import locale as std_locale
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from problem_text import raises_en
from thidua.errors import LocaleError
from thidua.l10n import (
    SUPPORTED_LOCALES,
    format_date,
    format_number,
    format_percent,
    format_score,
    format_vnd,
    get_translator,
    round_exact,
)

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        # 2469/2 = 1234.5
        (Fraction(2469, 2), {}, {"vi": "1.234,5", "en": "1,234.5"}),
        (150_000_000, {}, {"vi": "150.000.000", "en": "150,000,000"}),
        # 1/3 = 0.333…, three places
        (Fraction(1, 3), {"digits": 3}, {"vi": "0,333", "en": "0.333"}),
        # 0.125 to two places: a tie, half up gives 0.13
        (Decimal("0.125"), {}, {"vi": "0,13", "en": "0.13"}),
        # the same tie, half to even gives 0.12
        (Decimal("0.125"), {"policy": "half_even"}, {"vi": "0,12", "en": "0.12"}),
        (Fraction(0), {}, {"vi": "0", "en": "0"}),
        (-7, {}, {"vi": "-7", "en": "-7"}),
    ],
)
@pytest.mark.parametrize("loc", SUPPORTED_LOCALES)
def test_format_number(value, kwargs, expected, loc):
    assert format_number(value, loc, **kwargs) == expected[loc]


@pytest.mark.parametrize(
    ("share", "digits", "expected"),
    [
        (Fraction(4, 5), 1, {"vi": "80%", "en": "80%"}),
        # 3/11 = 27.2727…% → 27.3%
        (Fraction(3, 11), 1, {"vi": "27,3%", "en": "27.3%"}),
        # 9/11 = 81.8181…% → 81.8%
        (Fraction(9, 11), 1, {"vi": "81,8%", "en": "81.8%"}),
        # 1/3 = 33.333…% → 33.33% with two places
        (Fraction(1, 3), 2, {"vi": "33,33%", "en": "33.33%"}),
        # 1/16 = 6.25% → a tie at one place, half up: 6.3%
        (Fraction(1, 16), 1, {"vi": "6,3%", "en": "6.3%"}),
        (Fraction(1), 1, {"vi": "100%", "en": "100%"}),
        (0, 1, {"vi": "0%", "en": "0%"}),
    ],
)
@pytest.mark.parametrize("loc", SUPPORTED_LOCALES)
def test_format_percent(share, digits, expected, loc):
    assert format_percent(share, loc, digits=digits) == expected[loc]


def test_format_percent_policy():
    # 1/16 = 6.25%: floor keeps 6.2, ceiling 6.3
    assert format_percent(Fraction(1, 16), "en", policy="floor") == "6.2%"
    assert format_percent(Fraction(1, 16), "en", policy="ceiling") == "6.3%"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (150_000_000, {"vi": f"150.000.000{NBSP}₫", "en": "₫150,000,000"}),
        (0, {"vi": f"0{NBSP}₫", "en": "₫0"}),
        (Fraction(1_000), {"vi": f"1.000{NBSP}₫", "en": "₫1,000"}),
    ],
)
@pytest.mark.parametrize("loc", SUPPORTED_LOCALES)
def test_format_vnd(amount, expected, loc):
    assert format_vnd(amount, loc) == expected[loc]


def test_vnd_is_whole():
    with raises_en(ValueError, "whole number"):
        format_vnd(Fraction(3, 2), "vi")


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("long", {"vi": "ngày 13 tháng 4 năm 2022", "en": "13 April 2022"}),
        ("dd/MM/yyyy", {"vi": "13/04/2022", "en": "13/04/2022"}),
    ],
)
@pytest.mark.parametrize("loc", SUPPORTED_LOCALES)
def test_format_date(fmt, expected, loc):
    assert format_date(dt.date(2022, 4, 13), loc, format=fmt) == expected[loc]


def test_format_date_refuses_other_types():
    with raises_en(TypeError, "expected a date"):
        format_date("2022-04-13", "vi")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        # 179/2 = 89.5 exactly
        (Fraction(179, 2), {}, {"vi": "89,5", "en": "89.5"}),
        # 2/3 = 0.666… → 0.67 half up, 0.66 floor
        (Fraction(2, 3), {}, {"vi": "0,67", "en": "0.67"}),
        (Fraction(2, 3), {"policy": "floor"}, {"vi": "0,66", "en": "0.66"}),
        # 89.9999999 shows as 90 at two places: rounding is for display only
        (Fraction(899_999_999, 10_000_000), {}, {"vi": "90", "en": "90"}),
        (Fraction(899_999_999, 10_000_000), {"policy": "floor"}, {"vi": "89,99", "en": "89.99"}),
        # -5/2 = -2.5, a tie at 0 places: half up goes towards +∞ (-2), half down towards -∞ (-3)
        (Fraction(-5, 2), {"digits": 0}, {"vi": "-2", "en": "-2"}),
        (Fraction(-5, 2), {"digits": 0, "policy": "half_down"}, {"vi": "-3", "en": "-3"}),
        (Fraction(-5, 2), {"digits": 0, "policy": "half_even"}, {"vi": "-2", "en": "-2"}),
        # 1234.565 to two places: a tie, half up 1234.57
        (Fraction(246_913, 200), {}, {"vi": "1.234,57", "en": "1,234.57"}),
    ],
)
@pytest.mark.parametrize("loc", SUPPORTED_LOCALES)
def test_format_score(value, kwargs, expected, loc):
    assert format_score(value, loc, **kwargs) == expected[loc]


@pytest.mark.parametrize("bad", [0.3, True, "80"])
def test_floats_and_other_types_are_refused(bad):
    with raises_en(TypeError, "exact number"):
        format_score(bad, "vi")
    with raises_en(TypeError, "exact number"):
        format_percent(bad, "vi")


def test_round_exact_never_uses_floats():
    # 0.1 + 0.2 == 0.3 exactly, and 3/10 of 10 is 3: no binary float anywhere
    assert round_exact(Fraction(1, 10) + Fraction(2, 10), 1) == Decimal("0.3")
    assert round_exact(Fraction(3, 10) * 10, 0) == Decimal(3)
    assert round_exact(Fraction(5, 2), 0, "ceiling") == Decimal(3)
    assert round_exact(Fraction(7, 2), 0, "half_even") == Decimal(4)
    with raises_en(ValueError, "0 or more"):
        round_exact(Fraction(1, 2), -1)


@pytest.mark.parametrize(
    ("identifier", "locale_id", "language"),
    [
        ("vi", "vi", "vi"),
        ("vi_VN", "vi_VN", "vi"),
        ("vi-VN", "vi_VN", "vi"),
        ("en", "en", "en"),
        ("en-US", "en_US", "en"),
    ],
)
def test_locale_identifiers(identifier, locale_id, language):
    t = get_translator(identifier)
    assert t.locale == locale_id
    assert t.language == language


@pytest.mark.parametrize("bad", ["fr", "xx", "", "zh_CN", 42])
def test_unsupported_locale(bad):
    with pytest.raises(LocaleError) as info:
        get_translator(bad)
    assert isinstance(info.value, ValueError)
    with pytest.raises(LocaleError):
        format_percent(Fraction(1, 2), bad)


def test_translator_is_frozen_and_cached():
    t = get_translator("vi")
    assert get_translator("vi") is t
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t.locale = "en"  # type: ignore[misc]


def test_region_changes_formats_not_messages():
    # en_US and en share the catalog; the region is kept for babel's formats
    assert get_translator("en_US").gettext("Not met") == get_translator("en").gettext("Not met")
    assert get_translator("en_US").format_date(dt.date(2022, 4, 13)) == "13 April 2022"


def test_translator_methods_match_functions():
    for loc in SUPPORTED_LOCALES:
        t = get_translator(loc)
        assert t.format_number(Fraction(2469, 2)) == format_number(Fraction(2469, 2), loc)
        assert t.format_percent(Fraction(3, 11)) == format_percent(Fraction(3, 11), loc)
        assert t.format_vnd(150_000_000) == format_vnd(150_000_000, loc)
        assert t.format_score(Fraction(2, 3)) == format_score(Fraction(2, 3), loc)
        assert t.format_date(dt.date(2022, 4, 13)) == format_date(dt.date(2022, 4, 13), loc)


def test_no_process_wide_locale(monkeypatch):
    before = std_locale.setlocale(std_locale.LC_ALL)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    monkeypatch.setenv("LANGUAGE", "en")
    # the default stays Vietnamese whatever the environment says
    assert get_translator().language == "vi"
    assert format_percent(Fraction(3, 11)) == "27,3%"
    first = [format_percent(Fraction(3, 11), loc) for loc in ("vi", "en", "vi")]
    assert first == ["27,3%", "27.3%", "27,3%"]
    assert std_locale.setlocale(std_locale.LC_ALL) == before
