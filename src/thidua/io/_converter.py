"""The one place that knows how model objects map to plain data (cattrs).

Laid out like :mod:`cattrs.preconf.json`: :func:`configure_converter` adds
thidua's hooks to a converter, :func:`make_converter` returns a new one.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import typing
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from thidua import model as m
from thidua.errors import ModelError, RuleError
from thidua.model._base import check_text
from thidua.model._exact import decimal_places, parse_number, parse_share, to_amount

if TYPE_CHECKING:
    from dateutil.parser import isoparser

__all__ = [
    "CONDITION_KINDS",
    "METHOD_KINDS",
    "TARGET_KINDS",
    "configure_converter",
    "format_number",
    "format_share",
    "make_converter",
    "structure_problems",
]

#: Wire names of the target kinds.
TARGET_KINDS: Mapping[type, str] = m.TARGET_KINDS
#: Wire names of the condition kinds.
CONDITION_KINDS: Mapping[type, str] = {
    m.AllTargetsMet: "all_targets_met",
    m.TargetMet: "target_met",
    m.MinGrade: "min_grade",
    m.MaxRank: "max_rank",
    m.IsHead: "is_head",
    m.Flag: "flag",
    m.MeasureAtLeast: "measure_at_least",
    m.WhenFormula: "formula",
    m.GradeStreak: "grade_streak",
    m.TitleCount: "title_count",
    m.AnyOf: "any_of",
}
#: Wire names of the scoring methods.
METHOD_KINDS: Mapping[type, str] = {
    m.Assessed: "assessed",
    m.Proportional: "proportional",
    m.PassFail: "pass_fail",
    m.PerOccurrence: "per_occurrence",
    m.StepTable: "step_table",
    m.Bonus: "bonus",
    m.Penalty: "penalty",
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@functools.cache
def _iso() -> isoparser:
    # imported on first use: dateutil's parser takes 10 ms to import, and most programs
    # that import thidua never read a date from a document
    from dateutil.parser import isoparser

    return isoparser()


_ENUMS: tuple[type[enum.Enum], ...] = (
    m.Base,
    m.ClusterKind,
    m.LineageKind,
    m.LineagePolicy,
    m.MissingPolicy,
    m.MovementForm,
    m.Rounding,
    m.Scope,
    m.TitleKind,
    m.UnitKind,
)


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def format_number(value: Fraction) -> str:
    """Write an exact number as text: a decimal when finite, else ``"a/b"``.

    >>> format_number(Fraction(15, 2)), format_number(Fraction(1, 3)), format_number(Fraction(5))
    ('7.5', '1/3', '5')

    .. versionadded:: 0.1.0
    """
    if value.denominator == 1:
        return str(value.numerator)
    digits = decimal_places(value)
    if digits is None:
        return f"{value.numerator}/{value.denominator}"
    scaled = abs(value) * 10**digits
    whole, frac = divmod(int(scaled), 10**digits)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")


def format_share(value: Fraction) -> str:
    """Write a share as an exact percentage text.

    >>> format_share(Fraction(4, 5)), format_share(Fraction(1, 3)), format_share(Fraction(6667, 10000))
    ('80%', '100/3%', '66.67%')

    .. versionadded:: 0.1.0
    """
    return format_number(value * 100) + "%"


def _structure_str(value: Any, _t: Any) -> str:
    return check_text(value)


def _structure_int(value: Any, _t: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            msg = f"{value!r} is a float; expected a whole number"
        else:
            msg = f"expected a whole number, got {type(value).__name__} {value!r}"
        raise ModelError(msg)
    return value


def _structure_bool(value: Any, _t: Any) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {value!r}"
        raise ModelError(msg)
    return value


def _structure_date(value: Any, _t: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = f"expected a date, got the date and time {value.isoformat()}"
        raise ModelError(msg)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return _iso().parse_isodate(value)
        except ValueError:
            pass
    msg = f"expected an ISO date such as 2022-04-13, got {value!r}"
    raise ModelError(msg)


def _structure_enum(value: Any, t: type[enum.Enum]) -> enum.Enum:
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(repr(x.value) for x in t)
        msg = f"{value!r} is not one of {allowed}"
        raise ModelError(msg) from None


def configure_converter(c: cattrs.Converter) -> None:
    """Add thidua's hooks to *c*: exact numbers, dates, enums, tagged unions.

    >>> import cattrs
    >>> c = cattrs.Converter()
    >>> configure_converter(c)
    >>> c.structure("30%", m.Share), c.structure({"kind": "min_grade", "grade": "htt"}, m.Condition)
    (Fraction(3, 10), MinGrade(grade='htt'))

    .. versionadded:: 0.1.0
    """
    c.register_structure_hook(str, _structure_str)
    default_tuple = c._structure_tuple  # noqa: SLF001 - cattrs' own tuple hook, wrapped below

    def structure_tuple(value: Any, t: Any) -> Any:
        if isinstance(value, Mapping | str | bytes):
            what = "a mapping" if isinstance(value, Mapping) else f"the text {value!r}"
            msg = f"expected a list, got {what}"
            raise ModelError(msg)
        return default_tuple(value, t)

    def is_tuple(t: Any) -> bool:
        origin: Any = typing.get_origin(t)
        return origin is tuple

    c.register_structure_hook_func(is_tuple, structure_tuple)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(bool, _structure_bool)
    c.register_structure_hook(dt.date, _structure_date)
    c.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    c.register_structure_hook(m.Share, lambda v, _t: parse_share(v))
    c.register_structure_hook(m.Number, lambda v, _t: parse_number(v))
    c.register_structure_hook(m.Amount, lambda v, _t: to_amount(v))
    c.register_unstructure_hook(m.Share, format_share)
    c.register_unstructure_hook(m.Number, format_number)
    c.register_unstructure_hook(Fraction, format_number)
    c.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum)
    for enum_type in _ENUMS:
        c.register_unstructure_hook(enum_type, _enum_value)

    def attrs_structure(cl: type) -> Any:
        return make_dict_structure_fn(cl, c, _cattrs_forbid_extra_keys=True)

    def attrs_unstructure(cl: type) -> Any:
        return make_dict_unstructure_fn(cl, c, _cattrs_omit_if_default=True)

    c.register_structure_hook_factory(attrs.has, attrs_structure)
    # The common score entry, {"criterion": "...", "points": "1.5"}, is built directly: a
    # national result set has 140,000 of them. A list with anything else in it, or anything
    # wrong, takes the generic path, which reports every problem with its path.
    scores_type = tuple[m.ScoreEntry, ...]
    generic_scores = c.get_structure_hook(scores_type)
    generic_entry = c.get_structure_hook(m.ScoreEntry)

    def structure_scores(value: Any, cl: Any) -> tuple[m.ScoreEntry, ...]:
        if type(value) is list:
            out = []
            points_only = m.ScoreEntry.points_only
            try:
                for item in value:
                    if type(item) is dict and len(item) == 2:
                        criterion, points = item.get("criterion"), item.get("points")
                        if type(criterion) is str and (type(points) is str or type(points) is int):
                            # the id check accepts ASCII only, so no text check is needed here
                            out.append(points_only(criterion, points))
                            continue
                    out.append(generic_entry(item, m.ScoreEntry))
                return tuple(out)
            except Exception:  # noqa: BLE001, S110 - reported with its path by the generic path below
                pass
        entries: tuple[m.ScoreEntry, ...] = generic_scores(value, cl)
        return entries

    c.register_structure_hook_func(lambda t: t == scores_type, structure_scores)
    c.register_unstructure_hook_factory(attrs.has, attrs_unstructure)
    for union, kinds in (
        (m.Target, TARGET_KINDS),
        (m.Condition, CONDITION_KINDS),
        (m.Method, METHOD_KINDS),
    ):
        _configure_union(c, union, kinds)


def _configure_union(c: cattrs.Converter, union: Any, kinds: Mapping[type, str]) -> None:
    by_tag = {tag: cl for cl, tag in kinds.items()}
    allowed = ", ".join(sorted(by_tag))

    def structure(value: Any, _t: Any) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a mapping with a 'kind', got {type(value).__name__}"
            raise ModelError(msg)
        tag = value.get("kind")
        if tag is None:
            msg = f"missing 'kind' (one of {allowed})"
            raise ModelError(msg)
        if not isinstance(tag, str) or tag not in by_tag:
            msg = f"unknown kind {tag!r} (one of {allowed})"
            raise ModelError(msg)
        return c.structure({k: v for k, v in value.items() if k != "kind"}, by_tag[tag])

    def unstructure(value: Any) -> Any:
        return {"kind": kinds[type(value)], **c.unstructure(value, type(value))}

    def structure_optional(value: Any, _t: Any) -> Any:
        return None if value is None else structure(value, _t)

    def unstructure_optional(value: Any) -> Any:
        return None if value is None else unstructure(value)

    c.register_structure_hook_func(lambda t: t == union, structure)
    c.register_unstructure_hook_func(lambda t: t == union, unstructure)
    c.register_structure_hook_func(lambda t: t == union | None, structure_optional)
    c.register_unstructure_hook_func(lambda t: t == union | None, unstructure_optional)


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, ModelError | RuleError):
        return "; ".join(exc.problems)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(str(k) for k in exc.extra_fields))}"
    if isinstance(exc, ValueError | TypeError) and type_ is not None:
        name = getattr(type_, "__name__", str(type_))
        return f"invalid value, expected {name}: {exc}"
    return cattrs.v.format_exception(exc, type_)


def structure_problems(exc: Exception) -> list[str]:
    """Turn a cattrs structuring error into ``"path: message"`` lines.

    >>> c = make_converter()
    >>> try:
    ...     c.structure({"kind": "share", "id": "t1", "name": "x", "counts": "hamlet",
    ...                  "grade": "htt", "at_least": 0.8}, m.Target)
    ... except Exception as exc:
    ...     print("\\n".join(structure_problems(exc)))
    at_least: 0.8 is a float; write it as text ('0.8') or as a fraction ('1/2') to keep it exact
    base: required field missing

    .. versionadded:: 0.1.0
    """
    lines = []
    for line in cattrs.transform_error(exc, format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        path = path.removeprefix("$").removeprefix(".") or "(document)"
        lines.append(f"{path}: {message}")
    return lines


def make_converter() -> cattrs.Converter:
    """Return a new converter configured for thidua documents.

    >>> c = make_converter()
    >>> c.structure({"id": "t1", "name": "BCTMT", "counts": "hamlet", "grade": "htt",
    ...              "at_least": "80%", "base": "all", "kind": "share"}, m.Target).at_least
    Fraction(4, 5)

    .. versionadded:: 0.1.0
    """
    c = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    configure_converter(c)
    return c
