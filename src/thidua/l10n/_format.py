"""Numbers, shares, money and dates for a reader, formatted by babel from exact values.

Every function takes the locale as an argument; nothing here reads or sets
a process-wide locale. Values stay exact until the last step: a
:class:`~fractions.Fraction` is rounded with integer arithmetic under a named
policy (see :class:`thidua.model.Rounding`) into a :class:`~decimal.Decimal`,
which babel lays out with the locale's separators. Binary floats are refused.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from thidua._problems import N_
from thidua.engine import apply_rounding
from thidua.errors import LocaleError
from thidua.model import Rounding
from thidua.model._exact import decimal_places

__all__ = [
    "SUPPORTED_LOCALES",
    "exact_decimal",
    "format_date",
    "format_exact",
    "format_list",
    "format_number",
    "format_ordinal",
    "format_percent",
    "format_score",
    "format_vnd",
    "parse_locale",
    "round_exact",
]

#: The languages thidua has catalogs for, sorted.
SUPPORTED_LOCALES: tuple[str, ...] = ("en", "vi")

_Exact = Fraction | int | Decimal


def parse_locale(locale: str | Locale) -> Locale:
    """Read a locale identifier (``"vi"``, ``"vi_VN"``, ``"en-US"``) as a babel locale.

    Only the languages in :data:`SUPPORTED_LOCALES` are accepted; the region
    (if any) is kept for babel's number and date formats.

    Raises:
        LocaleError: for anything else.

    >>> parse_locale("en-US").language, str(parse_locale("vi_VN"))
    ('en', 'vi_VN')

    .. versionadded:: 0.1.0
    """
    if isinstance(locale, Locale):
        parsed = locale
    elif isinstance(locale, str):
        try:
            parsed = Locale.parse(locale.strip().replace("-", "_"))
        except (ValueError, TypeError, UnknownLocaleError):
            raise LocaleError(locale) from None
    else:
        raise LocaleError(repr(locale))
    if parsed.language not in SUPPORTED_LOCALES:
        raise LocaleError(str(locale))
    return parsed


def _fraction(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Fraction | int | Decimal):
        msg = f"expected an exact number (Fraction, int or Decimal), got {type(value).__name__}"
        raise TypeError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"expected a finite number, got {value}"
        raise ValueError(msg)
    return Fraction(value)


def round_exact(value: _Exact, digits: int = 0, policy: Rounding | str = Rounding.HALF_UP) -> Decimal:
    """Round an exact number to *digits* decimal places under a named policy.

    The rounding is done on integers (``value × 10**digits``) with
    :func:`thidua.engine.apply_rounding`, so the result never depends on a
    binary float. Ties go up (towards +∞) under ``half_up``.

    Args:
        value: a Fraction, an int or a Decimal.
        digits: decimal places kept (0 or more).
        policy: ``floor``, ``ceiling``, ``half_up``, ``half_even`` or ``half_down``.

    >>> round_exact(Fraction(3, 11) * 100, 1)
    Decimal('27.3')
    >>> round_exact(Fraction(5, 2), 0, "half_even"), round_exact(Fraction(5, 2), 0, "half_up")
    (Decimal('2'), Decimal('3'))

    .. versionadded:: 0.1.0
    """
    if digits < 0:
        msg = f"digits must be 0 or more, got {digits}"
        raise ValueError(msg)
    scaled = _fraction(value) * 10**digits
    n = apply_rounding(scaled, Rounding(policy))
    return Decimal(n).scaleb(-digits)


def exact_decimal(value: _Exact, max_digits: int = 10) -> Decimal | None:
    """The exact decimal form of *value*, if it has at most *max_digits* decimal places.

    >>> exact_decimal(Fraction(899999999, 10000000))
    Decimal('89.9999999')
    >>> exact_decimal(Fraction(1, 3)) is None
    True

    .. versionadded:: 0.1.0
    """
    fr = _fraction(value)
    digits = decimal_places(fr)
    if digits is None or digits > max_digits:
        return None
    return round_exact(fr, digits)


def _pattern(digits: int, suffix: str = "") -> str:
    return "#,##0" + ("." + "#" * digits if digits else "") + suffix


def format_number(
    value: _Exact,
    locale: str | Locale = "vi",
    digits: int = 2,
    policy: Rounding | str = Rounding.HALF_UP,
) -> str:
    """Format an exact number with the locale's separators, at most *digits* decimals.

    Trailing zeros are dropped (``88,5`` rather than ``88,50``).

    >>> format_number(Fraction(2469, 2), "vi"), format_number(Fraction(2469, 2), "en")
    ('1.234,5', '1,234.5')
    >>> format_number(Fraction(1, 3), "vi", digits=3)
    '0,333'

    .. versionadded:: 0.1.0
    """
    return _format_number(_fraction(value), parse_locale(locale), digits, Rounding(policy))


@lru_cache(maxsize=16384)
def _format_number(value: Fraction, loc: Locale, digits: int, policy: Rounding) -> str:
    # explanations and reports format the same few numbers (points, maxima, counts) again and again
    rounded = round_exact(value, digits, policy)
    return babel_numbers.format_decimal(rounded, format=_pattern(digits), locale=loc, decimal_quantization=False)


def format_score(
    value: _Exact,
    locale: str | Locale = "vi",
    policy: Rounding | str = Rounding.HALF_UP,
    digits: int = 2,
) -> str:
    """Format a score for DISPLAY, rounded under a named policy; verdicts use the exact value.

    >>> format_score(Fraction(179, 2), "vi"), format_score(Fraction(2, 3), "en")
    ('89,5', '0.67')
    >>> format_score(Fraction(2, 3), "en", policy="floor")
    '0.66'

    .. versionadded:: 0.1.0
    """
    return format_number(value, locale, digits=digits, policy=policy)


def format_percent(
    share: _Exact,
    locale: str | Locale = "vi",
    digits: int = 1,
    policy: Rounding | str = Rounding.HALF_UP,
) -> str:
    """Format a share (``Fraction(4, 5)``) as a percentage with at most *digits* decimals.

    >>> format_percent(Fraction(4, 5), "vi"), format_percent(Fraction(3, 11), "vi")
    ('80%', '27,3%')
    >>> format_percent(Fraction(3, 11), "en")
    '27.3%'

    .. versionadded:: 0.1.0
    """
    loc = parse_locale(locale)
    rounded = round_exact(_fraction(share) * 100, digits, policy).scaleb(-2)
    return babel_numbers.format_percent(rounded, format=_pattern(digits, "%"), locale=loc, decimal_quantization=False)


def format_vnd(amount: int | Fraction | Decimal, locale: str | Locale = "vi") -> str:
    """Format a whole amount of Vietnamese đồng with babel's currency format.

    Raises:
        ValueError: if the amount is not a whole number of đồng.

    >>> format_vnd(150_000_000, "vi")
    '150.000.000\\xa0₫'
    >>> format_vnd(150_000_000, "en")
    '₫150,000,000'

    .. versionadded:: 0.1.0
    """
    loc = parse_locale(locale)
    value = _fraction(amount)
    if value.denominator != 1:
        msg = f"an amount in VND is a whole number, got {value}"
        raise ValueError(msg)
    return babel_numbers.format_currency(Decimal(value.numerator), "VND", locale=loc)


def format_date(day: dt.date, locale: str | Locale = "vi", format: str = "long") -> str:
    """Format a calendar date: ``prose``, ``table``, babel's ``short``…``full``, or a babel pattern.

    ``prose`` and ``table`` follow Vietnamese official writing (Nghị định
    30/2020/NĐ-CP): in prose "ngày 05 tháng 3 năm 2020" (the day always two
    digits, the month two digits only in January and February), in tables
    "05/03/2020". In English they are "5 March 2020" and ISO "2020-03-05".
    ``long`` is an alias of ``prose``; babel's CLDR forms ("5 thg 3, 2020")
    are not what Vietnamese documents write, so ask for them by pattern only.

    >>> format_date(dt.date(2022, 12, 2), "vi"), format_date(dt.date(2020, 1, 5), "vi")
    ('ngày 02 tháng 12 năm 2022', 'ngày 05 tháng 01 năm 2020')
    >>> format_date(dt.date(2022, 4, 13), "vi", "table"), format_date(dt.date(2022, 4, 13), "en")
    ('13/04/2022', '13 April 2022')
    >>> format_date(dt.date(2022, 4, 13), "en", "table")
    '2022-04-13'
    >>> format_date(dt.date(2022, 4, 13), "vi", format="dd/MM/yyyy")
    '13/04/2022'

    .. versionadded:: 0.1.0
    """
    value: object = day
    if not isinstance(value, dt.date):
        msg = f"expected a date, got {type(value).__name__}"
        raise TypeError(msg)
    loc = parse_locale(locale)
    if format in ("prose", "long"):
        if loc.language == "vi":
            month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
            return f"ngày {day.day:02d} tháng {month} năm {day.year}"
        return babel_dates.format_date(value, format="d MMMM y", locale=loc)
    if format == "table":
        if loc.language == "vi":
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        return day.isoformat()
    return babel_dates.format_date(value, format=format, locale=loc)


#: The message of an ordinal number for each CLDR plural category; the catalogs translate them
#: (Vietnamese: "thứ nhất", "thứ 2"...; English: "1st", "2nd", "3rd", "4th").
ORDINAL_MESSAGES: dict[str, str] = {
    "one": N_("%(n)sst"),
    "two": N_("%(n)snd"),
    "few": N_("%(n)srd"),
    "other": N_("%(n)sth"),
}


def format_ordinal(n: int, locale: str | Locale = "vi") -> str:
    """An ordinal number (a rank) in words, chosen by the locale's CLDR ordinal rules.

    >>> format_ordinal(1, "vi"), format_ordinal(4, "vi")
    ('thứ nhất', 'thứ 4')
    >>> format_ordinal(1, "en"), format_ordinal(22, "en"), format_ordinal(13, "en")
    ('1st', '22nd', '13th')

    .. versionadded:: 0.1.0
    """
    from thidua.l10n._catalog import get_translator

    loc = parse_locale(locale)
    message = ORDINAL_MESSAGES.get(loc.ordinal_form(n), ORDINAL_MESSAGES["other"])
    return get_translator(loc).gettext(message) % {"n": format_number(n, loc, digits=0)}


def format_exact(value: _Exact, locale: str | Locale = "vi") -> str:
    """Write an exact number in full with the locale's decimal sign, never rounded.

    A number whose decimals never end is written as a fraction.

    >>> format_exact(Fraction(-5, 2), "vi"), format_exact(Fraction(1, 3), "vi"), format_exact(Decimal("7.25"), "en")
    ('-2,5', '1/3', '7.25')

    .. versionadded:: 0.1.0
    """
    fr = _fraction(value)
    if fr.denominator == 1:
        return str(fr.numerator)
    digits = decimal_places(fr)
    if digits is None:
        return f"{fr.numerator}/{fr.denominator}"
    sign = "-" if fr < 0 else ""
    whole, frac = divmod(abs(fr.numerator) * 10**digits // fr.denominator, 10**digits)
    mark = babel_numbers.get_decimal_symbol(parse_locale(locale))
    return f"{sign}{whole}{mark}{frac:0{digits}d}"


def format_list(items: list[str] | tuple[str, ...], locale: str | Locale = "vi") -> str:
    """Join names as the locale does: ``"A, B và C"``, ``"A, B, and C"``.

    >>> format_list(["Xã Vân Khánh", "Xã Đông Hưng"], "vi")
    'Xã Vân Khánh và Xã Đông Hưng'

    .. versionadded:: 0.1.0
    """
    if not items:
        return ""
    return babel_lists.format_list(list(items), locale=parse_locale(locale))
