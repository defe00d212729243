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
from thidua._problems import Loc, Problem, shown
from thidua.errors import DataError, ModelError
from thidua.io import _codes as io_codes
from thidua.model import _codes as model_codes
from thidua.model._base import check_text
from thidua.model._exact import decimal_places, is_ambiguous, parse_number, parse_share, to_amount

if TYPE_CHECKING:
    from dateutil.parser import isoparser

__all__ = [
    "CONDITION_KINDS",
    "METHOD_KINDS",
    "TARGET_KINDS",
    "TIE_BREAK_KINDS",
    "configure_converter",
    "make_converter",
    "number_text",
    "share_text",
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
#: Wire names of the tie-break kinds of a ranking.
TIE_BREAK_KINDS: Mapping[type, str] = m.TIE_BREAK_KINDS

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
    m.RankMode,
    m.ReviewAction,
    m.ReviewStatus,
    m.Rounding,
    m.Scope,
    m.Source,
    m.TitleKind,
    m.UnitKind,
    m.Unreviewed,
)


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def number_text(value: Fraction) -> str:
    """Write an exact number as text, as documents do: a decimal when finite, else ``"a/b"``.

    A decimal with three digits after the point and at most three before it
    gets a fourth digit, ``"7.1250"``: ``"7.125"`` would read as 7125 to a
    Vietnamese reader, and thidua refuses it (see :func:`thidua.model.parse_number`).

    (Formerly ``thidua.io.format_number``, which still works with a
    :class:`DeprecationWarning`; :func:`thidua.l10n.format_number` formats a
    number for a reader.)

    >>> number_text(Fraction(15, 2)), number_text(Fraction(1, 3)), number_text(Fraction(5))
    ('7.5', '1/3', '5')
    >>> number_text(Fraction(57, 8)), number_text(Fraction(1234567, 1000))
    ('7.1250', '1234.567')

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
    text = f"{sign}{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")
    return text + "0" if is_ambiguous(text) else text


def share_text(value: Fraction) -> str:
    """Write a share as an exact percentage text, as documents do.

    (Formerly ``thidua.io.format_share``, which still works with a :class:`DeprecationWarning`.)

    >>> share_text(Fraction(4, 5)), share_text(Fraction(1, 3)), share_text(Fraction(6667, 10000))
    ('80%', '100/3%', '66.67%')

    .. versionadded:: 0.1.0
    """
    return number_text(value * 100) + "%"


# the first names, for the modules of this package that use them
format_number = number_text
format_share = share_text


def _structure_str(value: Any, _t: Any) -> str:
    return check_text(value)


#: whole numbers in documents (years, counts, ranks) lie within these bounds
_MAX_INT = 10**15


def _structure_int(value: Any, _t: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            raise ModelError(model_codes.FLOAT_FOR_WHOLE(value=shown(value)))
        raise ModelError(model_codes.EXPECTED_WHOLE(value=shown(value)))
    if not -_MAX_INT < value < _MAX_INT:
        raise ModelError(
            model_codes.NUMBER_OUT_OF_BOUNDS(value=shown(value), low=str(1 - _MAX_INT), high=str(_MAX_INT - 1))
        )
    return value


def _structure_bool(value: Any, _t: Any) -> bool:
    if not isinstance(value, bool):
        raise ModelError(model_codes.EXPECTED_BOOL(value=shown(value)))
    return value


def _structure_date(value: Any, _t: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ModelError(model_codes.DATETIME_NOT_DATE(value=value.isoformat()))
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return _iso().parse_isodate(value)
        except ValueError:
            pass
    raise ModelError(model_codes.EXPECTED_DATE(value=shown(value)))


def _structure_enum(value: Any, t: type[enum.Enum]) -> enum.Enum:
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(repr(x.value) for x in t)
        raise ModelError(model_codes.NOT_ONE_OF(value=shown(value), allowed=allowed)) from None


class SharedEntry(dict):  # type: ignore[type-arg]
    """A score entry as parsed (``{"criterion": ..., "points": ...}``), one object for every equal
    entry of a document (see :func:`thidua.io.read_data`): the model's entry is made from it once
    and kept in :attr:`made`. A plain dict to everything else.

    >>> e = SharedEntry(criterion="c1", points="2")
    >>> first, second = make_converter().structure([e, e], tuple[m.ScoreEntry, ...])
    >>> e == {"criterion": "c1", "points": "2"}, first.points, first is second is e.made
    (True, Fraction(2, 1), True)

    .. versionadded:: 0.1.0
    """

    __slots__ = ("made",)
    made: m.ScoreEntry


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
        if not isinstance(value, list | tuple):
            raise ModelError(model_codes.EXPECTED_LIST(value=shown(value)))
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
    c.register_unstructure_hook(m.Share, share_text)
    c.register_unstructure_hook(m.Number, number_text)
    c.register_unstructure_hook(Fraction, number_text)
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
                    if type(item) is SharedEntry:
                        try:
                            out.append(item.made)
                        except AttributeError:  # the first of its kind: made, checked and kept
                            made = item.made = points_only(item["criterion"], item["points"])
                            out.append(made)
                        continue
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
    # A unit's measures as a document gives them (an object of texts, 80 a unit nationally) go to
    # UnitResult's own converter as they are: it reads each number and reports each problem at its
    # key, as this converter would, and reading them twice cost a third of loading them.
    measures_type = typing.get_type_hints(m.UnitResult)["measures"]
    generic_measures = c.get_structure_hook(measures_type)

    def structure_measures(value: Any, cl: Any) -> Any:
        if type(value) is dict:
            try:
                plain = "".join(value).isascii()  # names in ASCII (a problem with another is told here)
            except TypeError:  # a name that is not a text
                plain = False
            if plain:
                return value
        return generic_measures(value, cl)

    c.register_structure_hook_func(lambda t: t == measures_type, structure_measures)
    c.register_unstructure_hook_factory(attrs.has, attrs_unstructure)
    # outcomes of an evaluation are written as thidua.io.to_data writes them (their lazily built
    # fields built, nothing private)
    c.register_unstructure_hook_func(_is_outcome, _unstructure_outcome)
    for union, kinds in (
        (m.Target, TARGET_KINDS),
        (m.Condition, CONDITION_KINDS),
        (m.Method, METHOD_KINDS),
        (m.TieBreak, TIE_BREAK_KINDS),
    ):
        _configure_union(c, union, kinds)


def _is_outcome(t: Any) -> bool:
    return isinstance(t, type) and t.__module__.startswith("thidua.engine.") and attrs.has(t)


def _unstructure_outcome(value: Any) -> Any:
    from thidua.io._outcomes import make_outcome_converter

    return make_outcome_converter().unstructure(value, type(value))


def _configure_union(c: cattrs.Converter, union: Any, kinds: Mapping[type, str]) -> None:
    by_tag = {tag: cl for cl, tag in kinds.items()}
    allowed = ", ".join(sorted(by_tag))

    def structure(value: Any, _t: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ModelError(model_codes.EXPECTED_MAPPING(value=shown(value)))
        tag = value.get("kind")
        if tag is None:
            raise ModelError(io_codes.KIND_MISSING(("kind",), allowed=allowed))
        if not isinstance(tag, str) or tag not in by_tag:
            raise ModelError(io_codes.UNKNOWN_KIND(("kind",), value=shown(tag), allowed=allowed))
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


def _problems_of(exc: BaseException, loc: Loc) -> list[Problem]:
    """Every problem inside a cattrs structuring error, each at its location."""
    if isinstance(exc, cattrs.ClassValidationError):
        out: list[Problem] = []
        with_notes, others = exc.group_exceptions()
        for sub, note in with_notes:
            out.extend(_problems_of(sub, (*loc, note.name)))
        for sub in others:
            out.extend(_problems_of(sub, loc))
        return out
    if isinstance(exc, cattrs.IterableValidationError):
        out = []
        items, others = exc.group_exceptions()
        for sub, inote in items:
            out.extend(_problems_of(sub, (*loc, inote.index)))
        for sub in others:
            out.extend(_problems_of(sub, loc))
        return out
    if isinstance(exc, DataError):  # ModelError and RuleError included
        return [p.at(*loc) for p in exc.problems]
    if isinstance(exc, KeyError):
        return [io_codes.REQUIRED_FIELD(loc)]
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return [io_codes.UNKNOWN_FIELD((*loc, str(k)), field=str(k)) for k in sorted(exc.extra_fields, key=str)]
    if isinstance(exc, RecursionError):
        return [io_codes.NESTED_TOO_DEEPLY(loc)]
    if isinstance(exc, BaseExceptionGroup):
        return [p for sub in exc.exceptions for p in _problems_of(sub, loc)]
    return [io_codes.INVALID_VALUE(loc, value=type(exc).__name__)]


def structure_problems(exc: Exception) -> list[Problem]:
    """Turn a structuring error (cattrs' or thidua's) into problems, each at its location.

    >>> c = make_converter()
    >>> try:
    ...     c.structure({"kind": "share", "id": "t1", "name": "x", "counts": "hamlet",
    ...                  "grade": "htt", "at_least": 0.8}, m.Target)
    ... except Exception as exc:
    ...     print("\\n".join(p.render("en") for p in structure_problems(exc)))
    at_least: 0.8 is a binary float; write it as text ('0.8') or as a fraction (e.g. '1/3') to keep it exact
    base: this field is required

    .. versionadded:: 0.1.0
    """
    return _problems_of(exc, ())


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
