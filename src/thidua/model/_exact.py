"""Exact numbers: shares, points and amounts never pass through binary floats."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from typing import NewType

from thidua.errors import ModelError

__all__ = [
    "Amount",
    "Number",
    "Share",
    "decimal_places",
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


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC with surrounding spaces removed.

    >>> nfc("Va\\u0302n Kha\\u0301nh Ta\\u0302y") == "Vân Khánh Tây"
    True

    .. versionadded:: 0.1.0
    """
    return unicodedata.normalize("NFC", text).strip()


@lru_cache(maxsize=4096)
def _parse_text_number(text: str) -> Fraction:
    t = text.strip().replace("\u2212", "-").replace(" ", "")
    if len(t) > _MAX_DIGITS:
        msg = f"number {text[:20]!r}... is too long"
        raise ModelError(msg)
    if _DECIMAL.match(t):
        try:
            return Fraction(Decimal(t))
        except InvalidOperation:  # pragma: no cover - regex guards this
            pass
    if _FRACTION.match(t):
        num, den = t.split("/")
        if int(den) == 0:
            msg = f"{text!r} divides by zero"
            raise ModelError(msg)
        return Fraction(int(num), int(den))
    msg = f"{text!r} is not an exact number (write e.g. '7.5' or '1/3')"
    raise ModelError(msg)


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

    Text may be a decimal (``"7.5"``) or a fraction (``"1/3"``). Floats are
    refused: ``0.1`` has no exact binary value.

    >>> parse_number("7.5")
    Fraction(15, 2)
    >>> parse_number("1/3")
    Fraction(1, 3)
    >>> parse_number(0.5)
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 problem:
      0.5 is a float; write it as text ('0.5') or as a fraction ('1/2') to keep it exact

    .. versionadded:: 0.1.0
    """
    if type(value) is Fraction:
        return value
    if type(value) is str:
        return _parse_text_number(value)  # the usual case, before the slower isinstance checks
    if isinstance(value, bool):
        msg = f"{value!r} is a boolean, not a number"
        raise ModelError(msg)
    if isinstance(value, float):
        msg = f"{value!r} is a float; write it as text ('{value!r}') or as a fraction ('1/2') to keep it exact"
        raise ModelError(msg)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"{value} is not a finite number"
            raise ModelError(msg)
        return Fraction(value)
    if isinstance(value, str):
        return _parse_text_number(value)
    msg = f"expected a number, got {type(value).__name__}"
    raise ModelError(msg)


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
        msg = f"a share must lie between 0% and 100%, got {value!r}"
        raise ModelError(msg)
    return result


def to_share(value: object) -> Share:
    """Attrs converter for share fields (see :func:`parse_share`)."""
    return Share(parse_share(value))


def to_number(value: object) -> Number:
    """Attrs converter for exact number fields (see :func:`parse_number`)."""
    return Number(parse_number(value))


def to_amount(value: object) -> Amount:
    """Attrs converter for VND amounts: integers only.

    >>> to_amount("150000000")
    150000000
    >>> to_amount("1.5")
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 problem:
      an amount in VND must be a whole number, got '1.5'

    .. versionadded:: 0.1.0
    """
    number = parse_number(value)
    if number.denominator != 1:
        msg = f"an amount in VND must be a whole number, got {value!r}"
        raise ModelError(msg)
    return Amount(int(number))
