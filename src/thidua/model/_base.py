"""Small helpers shared by the model classes: converters and validators."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from functools import lru_cache
from typing import Any

import attrs

from thidua._problems import shown
from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._exact import Number, nfc, parse_number

__all__ = [
    "check_id",
    "check_text",
    "frozen_map",
    "one_of",
    "opt_nfc",
    "opt_number",
    "to_nfc",
    "to_tuple",
    "whole_at_least",
]


_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Convert any iterable (but not a text) to a tuple."""
    if type(value) is tuple:
        return value
    if type(value) is list:
        return tuple(value)
    if isinstance(value, str | bytes | Mapping):
        raise ModelError(c.EXPECTED_LIST(value=shown(value)))
    return tuple(value)


def check_text(value: object) -> str:
    """Return *value* if it is a text that can be written as UTF-8; refuse anything else.

    >>> check_text(chr(0xD800))
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      '\\ud800' không phải văn bản Unicode hợp lệ
    """
    if type(value) is str and value.isascii():
        return value  # ASCII is always valid (the usual case: ids and measure names)
    if not isinstance(value, str):
        raise ModelError(c.EXPECTED_TEXT(value=shown(value)))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ModelError(c.INVALID_UNICODE(value=shown(value))) from None
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
    if type(value) is str and value.isascii():
        return value.strip()  # ASCII is in NFC already (the usual case: ids and measure names)
    return nfc(check_text(value))


def opt_nfc(value: object) -> str | None:
    """Like :func:`to_nfc` but keeps ``None``."""
    return None if value is None else to_nfc(value)


def frozen_map(value: object) -> Mapping[str, Any]:
    """Return a read-only, key-sorted copy of a mapping with NFC keys.

    Every empty mapping is the same read-only empty mapping (a result row has
    four or five of them: 500,000 mappings for a national workbook of rated
    committees).
    """
    if type(value) is dict and not value:
        return _EMPTY_MAP
    from types import MappingProxyType

    if not isinstance(value, Mapping):
        raise ModelError(c.EXPECTED_MAPPING(value=shown(value)))
    return MappingProxyType({to_nfc(k): value[k] for k in sorted(value)})


def _empty_map() -> Mapping[str, Any]:
    from types import MappingProxyType

    return MappingProxyType({})


_EMPTY_MAP = _empty_map()


@lru_cache(maxsize=65536)
def _is_id(value: str) -> bool:
    return _ID.match(value) is not None


def check_id(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate an ASCII-safe identifier (letters, digits, ``_ . -``)."""
    if type(value) is not str or not _is_id(value):
        raise ModelError(c.INVALID_ID((attribute.name,), value=shown(value)))


def check_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate that a value is a calendar date (not a datetime)."""
    if value is None:
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ModelError(c.EXPECTED_DATE((attribute.name,), value=shown(value)))


def one_of(*allowed: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator: the value is one of *allowed* texts.

    >>> @attrs.frozen
    ... class Q:
    ...     of: str = attrs.field(validator=one_of("members", "eligible"))
    >>> Q("all")
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      of: 'all' không phải một trong các giá trị 'members', 'eligible'
    """
    shown_allowed = ", ".join(repr(a) for a in allowed)

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in allowed:
            raise ModelError(c.NOT_ONE_OF((attribute.name,), value=shown(value), allowed=shown_allowed))

    return check


def whole_at_least(minimum: int) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator: the value is a whole number of at least *minimum*."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ModelError(c.EXPECTED_WHOLE((attribute.name,), value=shown(value)))
        if value < minimum:
            raise ModelError(c.TOO_SMALL((attribute.name,), value=value, minimum=minimum))

    return check
