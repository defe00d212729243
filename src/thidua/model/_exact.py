"""Exact numbers: shares, points and amounts never pass through binary floats."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from typing import NewType

from thidua._problems import shown
from thidua.errors import ModelError
from thidua.model import _codes as c

__all__ = [
    "MAX_DENOMINATOR",
    "MAX_MAGNITUDE",
    "Amount",
    "Number",
    "Share",
    "check_bounds",
    "decimal_places",
    "is_ambiguous",
    "money_text_problem",
    "nfc",
    "parse_number",
    "parse_share",
    "to_amount",
    "to_number",
    "to_share",
]

#: A share between 0 and 1, held as a :class:`~fractions.Fraction`.
Share = NewType("Share", Fraction)
#: An exact number (points, measures), held as a :class:`~fractions.Fraction`.
Number = NewType("Number", Fraction)
#: An amount of money in VND: a plain :class:`int`.
Amount = NewType("Amount", int)

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_FRACTION = re.compile(r"^[+-]?\d+\s*/\s*\d+$")
#: Longer number texts are refused: enough for any real figure and for every
#: exact value thidua writes, short enough that parsing stays cheap.
_MAX_DIGITS = 400
#: Every number read from a document lies strictly between -10**15 and 10**15 (a
#: quadrillion đồng: far above any fund, points or count a campaign reports)...
MAX_MAGNITUDE = 10**15
#: ...and has a denominator of at most 10**9 (nine decimals, or a fraction such as 1/3).
MAX_DENOMINATOR = 10**9


def check_bounds(value: Fraction, shown_as: object = None) -> Fraction:
    """Return *value* if it lies within the bounds of numbers in documents; refuse it otherwise.

    Numbers are bounded so that a mistyped or hostile figure (``1e400``
    written out in digits) is refused where it is read, with its path, and
    not deep inside an evaluation: ``|value| < 10**15`` and a denominator of
    at most ``10**9``.

    >>> check_bounds(Fraction(149_999_999))
    Fraction(149999999, 1)
    >>> check_bounds(Fraction(10**15))
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      1000000000000000 nằm ngoài phạm vi số mà thidua chấp nhận (từ -999999999999999 đến 999999999999999)

    .. versionadded:: 0.1.0
    """
    if -MAX_MAGNITUDE < value < MAX_MAGNITUDE and value.denominator <= MAX_DENOMINATOR:
        return value
    raise ModelError(
        c.NUMBER_OUT_OF_BOUNDS(
            value=shown(value if shown_as is None else shown_as),
            low=str(1 - MAX_MAGNITUDE),
            high=str(MAX_MAGNITUDE - 1),
        )
    )


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC with surrounding spaces removed.

    >>> nfc("Va\\u0302n Kha\\u0301nh Ta\\u0302y") == "Vân Khánh Tây"
    True

    .. versionadded:: 0.1.0
    """
    return unicodedata.normalize("NFC", text).strip()


#: spaces a person or a spreadsheet puts between groups of digits: ignored ("150 000 000")
_SPACES = re.compile("[ \u00a0\u2009\u202f]")
#: thousands grouped with dots, the Vietnamese way, at least two groups: "150.000.000" (never a decimal)
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3}){2,}$")
#: one group of three digits after a dot or a comma: "200.000" is 200 000 to a Vietnamese
#: reader and 200 to a program; "1,500" is 1.5 to one and 1500 to the other
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
#: a decimal comma, the Vietnamese way: "7,5"
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
#: thousands grouped with commas, the English way: "1,500,000" (refused: the comma is a decimal comma)
_COMMA_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(?:,\d{3}){2,}$")


@lru_cache(maxsize=4096)
def _parse_text_number(text: str) -> Fraction:
    if text.isascii():
        head, dot, tail = text.partition(".")
        # (one group of three digits after the dot, "200.000", is left to the general reading)
        if (
            head.isdigit()
            and (tail.isdigit() if dot else True)
            and len(text) <= _MAX_DIGITS
            and not (dot and len(tail) == 3 and len(head) <= 3 and head[0] != "0")
        ):
            # a plain decimal in ASCII digits (the usual case): the value Decimal gives, made directly
            return check_bounds(Fraction(int(head + tail), 10 ** len(tail)) if dot else Fraction(int(head)), text)
    t = _SPACES.sub("", text.strip().replace("\u2212", "-"))
    if len(t) > _MAX_DIGITS:
        raise ModelError(c.NUMBER_TOO_LONG(value=shown(text), limit=_MAX_DIGITS))
    if _AMBIGUOUS.match(t):
        raise ModelError(c.AMBIGUOUS_GROUPING(value=shown(text), grouped=t.replace(".", "").replace(",", "")))
    if _DECIMAL.match(t):
        try:
            return check_bounds(Fraction(Decimal(t)), text)
        except InvalidOperation:  # pragma: no cover - regex guards this
            pass
    if _GROUPED.match(t):
        return check_bounds(Fraction(int(t.replace(".", ""))), text)
    if _DECIMAL_COMMA.match(t):
        return check_bounds(Fraction(Decimal(t.replace(",", "."))), text)
    if _COMMA_GROUPED.match(t):
        raise ModelError(c.COMMA_GROUPING(value=shown(text), grouped=t.replace(",", ".")))
    if _FRACTION.match(t):
        num, den = t.split("/")
        if int(den) == 0:
            raise ModelError(c.DIVISION_BY_ZERO(value=shown(text)))
        return check_bounds(Fraction(int(num), int(den)), text)
    if t.endswith("%"):
        raise ModelError(c.PERCENT_IN_NUMBER(value=shown(text)))
    raise ModelError(c.NOT_A_NUMBER(value=shown(text)))


def is_ambiguous(text: str) -> bool:
    """Whether a number text has one group of three digits after a dot or a comma (``"200.000"``).

    Such a text is refused wherever a number is read (see :func:`parse_number`);
    thidua never writes one (``Fraction("7.125")`` is written ``"7.1250"``).

    >>> is_ambiguous("200.000"), is_ambiguous("1,500"), is_ambiguous("7.1250"), is_ambiguous("150.000.000")
    (True, True, False, False)

    .. versionadded:: 0.1.0
    """
    return _AMBIGUOUS.match(text) is not None


def decimal_places(value: Fraction) -> int | None:
    """How many decimals *value* has when written out, or ``None`` if they never end.

    A fraction ends in decimals exactly when its reduced denominator has no
    prime factor but 2 and 5.

    >>> decimal_places(Fraction(899999999, 10000000)), decimal_places(Fraction(5)), decimal_places(Fraction(1, 3))
    (7, 0, None)

    .. versionadded:: 0.1.0
    """
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    return max(twos, fives) if den == 1 else None


def parse_number(value: object) -> Fraction:
    """Parse an exact number: an int, a Fraction, a Decimal or a text.

    Text is read by one rule in every format (JSON, TOML, YAML, CSV, Excel):

    * a decimal with a point or a comma: ``"7.5"``, ``"7,5"``; a fraction ``"1/3"``;
    * spaces between groups of digits are ignored: ``"150 000 000"``;
    * thousands grouped with dots the Vietnamese way, at least two groups:
      ``"150.000.000"`` is 150000000;
    * one group of three digits after a dot or a comma is refused: ``"200.000"``
      is two hundred thousand to a Vietnamese reader and two hundred to a
      program (write ``200000``, or ``200``);
    * thousands grouped with commas (``"1,500,000"``) are refused: the comma is
      the decimal comma;
    * a percent sign belongs to a share only (see :func:`parse_share`).

    Floats are refused: ``0.1`` has no exact binary value.

    >>> parse_number("7.5"), parse_number("7,5"), parse_number("150.000.000")
    (Fraction(15, 2), Fraction(15, 2), Fraction(150000000, 1))
    >>> parse_number("1/3")
    Fraction(1, 3)
    >>> parse_number("200.000")
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      '200.000' có thể hiểu là 200000 (dấu phân cách hàng nghìn) hoặc là số thập phân;
      hãy viết 200000, hoặc viết số thập phân với số chữ số sau dấu phân cách khác 3
    >>> parse_number(0.5)
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      0.5 là số thập phân viết không có dấu nháy, máy tính chỉ lưu gần đúng;
      hãy viết trong dấu nháy ('0.5') hoặc dưới dạng phân số (ví dụ '1/3') để giữ đúng giá trị

    .. versionadded:: 0.1.0
    """
    if type(value) is Fraction:
        return value
    if type(value) is str:
        return _parse_text_number(value)  # the usual case, before the slower isinstance checks
    if isinstance(value, bool):
        raise ModelError(c.BOOL_NOT_NUMBER(value=shown(value)))
    if isinstance(value, float):
        raise ModelError(c.FLOAT_NOT_ALLOWED(value=shown(value), text=repr(str(value))))
    if isinstance(value, int):
        return check_bounds(Fraction(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ModelError(c.NOT_FINITE(value=shown(value)))
        return check_bounds(Fraction(value))
    if isinstance(value, str):
        return _parse_text_number(value)
    raise ModelError(c.EXPECTED_NUMBER(value=shown(value)))


def parse_share(value: object) -> Fraction:
    """Parse a share exactly: ``"80%"``, ``"0.8"``, ``"1/3"``, ``Fraction`` or an int.

    An integer is read as a percentage (``80`` means 80%); a text without ``%``
    is read as a proportion (``"0.8"`` means 80%). The result lies in [0, 1].

    >>> parse_share("80%")
    Fraction(4, 5)
    >>> parse_share("0.8")
    Fraction(4, 5)
    >>> parse_share(70)
    Fraction(7, 10)
    >>> parse_share("66.67%")
    Fraction(6667, 10000)
    >>> parse_share("100/3%")
    Fraction(1, 3)

    .. versionadded:: 0.1.0
    """
    if isinstance(value, int) and not isinstance(value, bool):
        result = Fraction(value, 100)
    elif isinstance(value, str) and value.strip().endswith("%"):
        result = parse_number(value.strip()[:-1]) / 100
    else:
        result = parse_number(value)
    if not 0 <= result <= 1:
        raise ModelError(c.SHARE_OUT_OF_RANGE(value=shown(value)))
    return result


def to_share(value: object) -> Share:
    """Attrs converter for share fields (see :func:`parse_share`)."""
    return Share(parse_share(value))


def to_number(value: object) -> Number:
    """Attrs converter for exact number fields (see :func:`parse_number`)."""
    return Number(parse_number(value))


def money_text_problem(value: object) -> bool:
    """Whether *value* is a text with a decimal point or comma, which an amount of money never has.

    Thousands grouped the Vietnamese way (``"150.000.000"``) and spaces are fine;
    ``"150000000.0"``, ``"1,5"`` and ``"200.000"`` are not (see :func:`parse_number`
    for the last).

    >>> money_text_problem("150.000.000"), money_text_problem("150 000 000"), money_text_problem("150000000.0")
    (False, False, True)

    .. versionadded:: 0.1.0
    """
    if not isinstance(value, str):
        return False
    t = _SPACES.sub("", value.strip())
    return ("." in t or "," in t) and _GROUPED.match(t) is None


def to_amount(value: object) -> Amount:
    """Attrs converter for VND amounts: whole đồng, never written with a decimal point or comma.

    >>> to_amount("150000000"), to_amount("150.000.000")
    (150000000, 150000000)
    >>> to_amount("1.5")
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      số tiền phải là số nguyên đồng, không có phần thập phân (ví dụ 150000000
      hoặc 150.000.000), nhưng ghi '1.5'

    .. versionadded:: 0.1.0
    """
    number = parse_number(value)
    if money_text_problem(value) or number.denominator != 1:
        raise ModelError(c.AMOUNT_NOT_WHOLE(value=shown(value)))
    return Amount(int(number))
