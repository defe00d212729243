"""Conditions: the building blocks of grade requirements, disqualifiers and awards.

A condition is frozen data with a ``kind`` tag on the wire. The engine decides
it for one unit; explanations say which condition held or failed and why.
"""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs

from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._base import check_id, to_tuple, whole_at_least
from thidua.model._exact import Number, to_number

__all__ = [
    "AllTargetsMet",
    "AnyOf",
    "Condition",
    "Flag",
    "GradeStreak",
    "IsHead",
    "LineagePolicy",
    "MaxRank",
    "MeasureAtLeast",
    "MinGrade",
    "Rounding",
    "TargetMet",
    "TitleCount",
    "WhenFormula",
]


class Rounding(enum.StrEnum):
    """How a quota such as "20% of 12" becomes a whole number of units.

    The default everywhere is ``floor``: "không vượt quá" (must not exceed).

    >>> Rounding("ceiling")
    <Rounding.CEILING: 'ceiling'>

    .. versionadded:: 0.1.0
    """

    FLOOR = "floor"
    CEILING = "ceiling"
    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    HALF_DOWN = "half_down"


class LineagePolicy(enum.StrEnum):
    """How a unit formed by a merger inherits its predecessors' history.

    * ``all_predecessors``: a past year counts only if every predecessor qualifies.
    * ``any_predecessor``: a past year counts if at least one predecessor qualifies.
    * ``none``: only the unit's own years count.

    >>> LineagePolicy("any_predecessor")
    <LineagePolicy.ANY_PREDECESSOR: 'any_predecessor'>

    .. versionadded:: 0.1.0
    """

    ALL_PREDECESSORS = "all_predecessors"
    ANY_PREDECESSOR = "any_predecessor"
    NONE = "none"


@attrs.frozen
class AllTargetsMet:
    """Every target that applies to the unit is met.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> flag = ev.unit("xa-van-khanh-tay").awards[0]  # Cờ thi đua requires AllTargetsMet()
    >>> [s.args["failed"] for s in flag.trace if s.code == "cond_all_targets"]
    [('quy-vi-nguoi-ngheo', 'bctmt-no-weak')]

    .. versionadded:: 0.1.0
    """


@attrs.frozen
class TargetMet:
    """The target with id *target* is met for the unit.

    >>> TargetMet("bctmt-good")
    TargetMet(target='bctmt-good')

    .. versionadded:: 0.1.0
    """

    target: str = attrs.field(validator=check_id)


@attrs.frozen
class MinGrade:
    """The unit's grade this year is *grade* or better.

    >>> MinGrade("htt")
    MinGrade(grade='htt')

    .. versionadded:: 0.1.0
    """

    grade: str = attrs.field(validator=check_id)


@attrs.frozen
class MaxRank:
    """The unit ranks *rank* or better within its cluster.

    >>> MaxRank(1)
    MaxRank(rank=1)
    >>> MaxRank(0)
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      rank: phải từ 1 trở lên, nhưng ghi 0

    .. versionadded:: 0.1.0
    """

    rank: int = attrs.field(validator=whole_at_least(1))


@attrs.frozen
class IsHead:
    """The unit is the head (cụm trưởng) of its cluster this year.

    >>> from thidua.io import make_converter
    >>> make_converter().unstructure(IsHead(), Condition)
    {'kind': 'is_head'}

    .. versionadded:: 0.1.0
    """


@attrs.frozen
class Flag:
    """The reported flag *flag* is true (e.g. ``"disciplined"``).

    >>> from thidua.io import make_converter
    >>> make_converter().structure({"kind": "flag", "flag": "disciplined"}, Condition)
    Flag(flag='disciplined')

    .. versionadded:: 0.1.0
    """

    flag: str = attrs.field(validator=check_id)


@attrs.frozen
class MeasureAtLeast:
    """The reported measure *measure* is at least *value*.

    >>> MeasureAtLeast("houses_built", "2.5").value
    Fraction(5, 2)
    >>> MeasureAtLeast("houses_built", 2.5)
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      2.5 là số thập phân viết không có dấu nháy, máy tính chỉ lưu gần đúng;
      hãy viết trong dấu nháy ('2.5') hoặc dưới dạng phân số (ví dụ '1/3') để giữ đúng giá trị

    .. versionadded:: 0.1.0
    """

    measure: str = attrs.field(validator=check_id)
    value: Number = attrs.field(converter=to_number)


@attrs.frozen
class WhenFormula:
    """A boolean formula over measures and indicators, e.g. ``"lifted >= 5"``.

    >>> WhenFormula("lifted >= 5").formula
    'lifted >= 5'
    >>> WhenFormula("lifted >=")
    Traceback (most recent call last):
    ...
    thidua.errors.RuleError: 1 vấn đề:
      cột 10: cần một số, một tên hoặc '(', nhưng gặp cuối công thức

    .. versionadded:: 0.1.0
    """

    formula: str = attrs.field()

    @formula.validator
    def _parse(self, _a: object, value: str) -> None:
        from thidua.formula import parse

        parse(value)


@attrs.frozen
class GradeStreak:
    """Rated *grade* or better in each of the last *years* years.

    ``include_current`` counts this year's computed grade as the most recent.

    >>> GradeStreak("htt", 5)
    GradeStreak(grade='htt', years=5, include_current=True)

    .. versionadded:: 0.1.0
    """

    grade: str = attrs.field(validator=check_id)
    years: int = attrs.field(validator=whole_at_least(1))
    include_current: bool = True


@attrs.frozen
class TitleCount:
    """At least *at_least* titles *title* within the last *years* years.

    >>> TitleCount("cstd-co-so", at_least=3, years=5)
    TitleCount(title='cstd-co-so', at_least=3, years=5)

    .. versionadded:: 0.1.0
    """

    title: str = attrs.field(validator=check_id)
    at_least: int = attrs.field(validator=whole_at_least(1))
    years: int = attrs.field(validator=whole_at_least(1))


@attrs.frozen
class AnyOf:
    """At least one of *conditions* holds.

    >>> AnyOf([IsHead(), MaxRank(1)]).conditions
    (IsHead(), MaxRank(rank=1))
    >>> AnyOf([])
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      conditions: 'any_of' cần ít nhất một điều kiện

    .. versionadded:: 0.1.0
    """

    conditions: tuple[Condition, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        if not self.conditions:
            raise ModelError(c.ANY_OF_EMPTY(("conditions",)))


Condition: TypeAlias = (
    AllTargetsMet
    | TargetMet
    | MinGrade
    | MaxRank
    | IsHead
    | Flag
    | MeasureAtLeast
    | WhenFormula
    | GradeStreak
    | TitleCount
    | AnyOf
)
