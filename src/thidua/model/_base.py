"""Small helpers shared by the model classes: converters and validators."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from functools import lru_cache
from typing import Any

import attrs

from thidua.errors import ModelError
from thidua.model._exact import Number, nfc, parse_number

__all__ = ["check_id", "check_text", "frozen_map", "opt_nfc", "opt_number", "to_nfc", "to_tuple"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Convert any iterable (but not a text) to a tuple."""
    if type(value) is tuple:
        return value
    if type(value) is list:
        return tuple(value)
    if isinstance(value, str | bytes):
        msg = f"expected a list, got the text {value!r}"
        raise ModelError(msg)
    if isinstance(value, Mapping):
        msg = "expected a list, got a mapping"
        raise ModelError(msg)
    return tuple(value)


def check_text(value: object) -> str:
    """Return *value* if it is a text that can be written as UTF-8; refuse anything else.

    >>> check_text(chr(0xD800))
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 problem:
      '\\ud800' is not valid Unicode text (a lone surrogate)
    """
    if not isinstance(value, str):
        msg = f"expected a text, got {type(value).__name__} {value!r}"
        raise ModelError(msg)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        msg = f"{value[:30]!r} is not valid Unicode text (a lone surrogate)"
        raise ModelError(msg) from None
    return value


def opt_number(value: object) -> Number | None:
    """Attrs converter for optional exact numbers (see :func:`~thidua.model.parse_number`)."""
    if value is None:
        return None
    if type(value) is Fraction:
        return Number(value)  # the common case, without parsing
    return Number(parse_number(value))


def to_nfc(value: object) -> str:
    """Normalize a text to NFC; refuse what is not text."""
    return nfc(check_text(value))


def opt_nfc(value: object) -> str | None:
    """Like :func:`to_nfc` but keeps ``None``."""
    return None if value is None else to_nfc(value)


def frozen_map(value: object) -> Mapping[str, Any]:
    """Return a read-only, key-sorted copy of a mapping with NFC keys."""
    from types import MappingProxyType

    if not isinstance(value, Mapping):
        msg = f"expected a mapping, got {type(value).__name__}"
        raise ModelError(msg)
    return MappingProxyType({to_nfc(k): value[k] for k in sorted(value)})


@lru_cache(maxsize=65536)
def _is_id(value: str) -> bool:
    return _ID.match(value) is not None


def check_id(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an ASCII-safe identifier (letters, digits, ``_ . -``)."""
    if type(value) is not str or not _is_id(value):
        msg = (
            f"{attribute.name}: {value!r} is not a valid id "
            "(ASCII letters, digits, '_', '.', '-'; at most 100 characters)"
        )
        raise ModelError(msg)


def check_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate that a value is a calendar date (not a datetime)."""
    if value is None:
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        msg = f"{attribute.name}: expected a date, got {value!r}"
        raise ModelError(msg)
