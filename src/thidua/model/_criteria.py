"""Rubrics: a tree of criteria, each with points and a scoring method."""

from __future__ import annotations

from fractions import Fraction
from typing import TypeAlias

import attrs

from thidua._problems import Problem
from thidua.errors import ModelError
from thidua.model import _codes as codes
from thidua.model._base import check_id, opt_nfc, opt_number, to_nfc, to_tuple
from thidua.model._conditions import Condition
from thidua.model._exact import Number, to_number
from thidua.model._inputs import Source, opt_source
from thidua.model._review import Withdrawal

__all__ = [
    "Adjustment",
    "Assessed",
    "Bonus",
    "Criterion",
    "Method",
    "PassFail",
    "Penalty",
    "PerOccurrence",
    "Proportional",
    "Rubric",
    "StepRow",
    "StepTable",
]


@attrs.frozen
class Assessed:
    """Points are given by assessment: the unit proposes, reviewers settle.

    >>> import thidua
    >>> rubric = thidua.examples.load_campaign().rubrics[0]
    >>> [c.id for c in rubric.leaves() if isinstance(c.method, Assessed)]
    ['chap-hanh', 'ke-hoach', 'doi-moi', 'nam-tinh-hinh', 'ntm-dtvm', 'hang-viet']

    .. versionadded:: 0.1.0
    """


@attrs.frozen
class Proportional:
    """Points in proportion to a measure against its target, capped at the maximum.

    ``points = max_points × min(1, value / target)``. The target is a number
    (*target*) or another measure of the same unit (*target_measure*, e.g. an
    assigned quota).

    >>> Proportional("fund_raised", target="150000000").target
    Fraction(150000000, 1)

    .. versionadded:: 0.1.0
    """

    measure: str = attrs.field(validator=check_id)
    target: Number | None = attrs.field(default=None, converter=opt_number)
    target_measure: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if (self.target is None) == (self.target_measure is None):
            raise ModelError(codes.EXACTLY_ONE_OF(first="target", second="target_measure"))
        if self.target is not None and self.target <= 0:
            raise ModelError(codes.NOT_POSITIVE(("target",), value=self.target))


@attrs.frozen
class PassFail:
    """All points if the condition holds, none otherwise.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> points = {s.criterion: s.points for s in ev.unit("xa-van-khanh-tay").score.criteria}
    >>> points["bctmt-dat"], points["bctmt-khong-yeu"]  # 8 of 10 good or better: met; 1 weak: not met
    (Fraction(10, 1), Fraction(0, 1))

    .. versionadded:: 0.1.0
    """

    when: Condition


@attrs.frozen
class PerOccurrence:
    """*each* points per occurrence counted by *measure*, capped at the maximum.

    >>> PerOccurrence("houses_built", "2.5").each
    Fraction(5, 2)

    .. versionadded:: 0.1.0
    """

    measure: str = attrs.field(validator=check_id)
    each: Number = attrs.field(converter=to_number)


@attrs.frozen
class StepRow:
    """One row of a step table: *points* once the measure reaches *at_least*.

    Formerly ``thidua.model.Step`` (which still works, with a
    :class:`DeprecationWarning`): that name is left to the steps of an
    explanation, :class:`thidua.engine.Step`.

    >>> StepRow(50, "7.5")
    StepRow(at_least=Fraction(50, 1), points=Fraction(15, 2))

    .. versionadded:: 0.1.0
    """

    at_least: Number = attrs.field(converter=to_number)
    points: Number = attrs.field(converter=to_number)


@attrs.frozen
class StepTable:
    """Points of the highest step the measure reaches (0 below the first).

    >>> len(StepTable("models", [StepRow(1, 5), StepRow(3, 10)]).steps)
    2
    >>> StepTable("models", [StepRow(3, 10), StepRow(1, 5)])
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      steps: ngưỡng của các mức phải tăng dần

    .. versionadded:: 0.1.0
    """

    measure: str = attrs.field(validator=check_id)
    steps: tuple[StepRow, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        if not self.steps:
            raise ModelError(codes.STEPS_EMPTY(("steps",)))
        bounds = [s.at_least for s in self.steps]
        if bounds != sorted(bounds) or len(set(bounds)) != len(bounds):
            raise ModelError(codes.STEPS_NOT_INCREASING(("steps",)))


@attrs.frozen
class Bonus:
    """Bonus points: *each* per occurrence of *measure*, capped by the criterion's ``bonus``.

    >>> Criterion("mo-hinh", "Mô hình mới", 0, Bonus("models", 1), bonus=3).bonus
    Fraction(3, 1)
    >>> Criterion("mo-hinh", "Mô hình mới", 0, Bonus("models", 1))
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      bonus: tiêu chí điểm thưởng cần mức tối đa 'bonus'

    .. versionadded:: 0.1.0
    """

    measure: str = attrs.field(validator=check_id)
    each: Number = attrs.field(converter=to_number)


@attrs.frozen
class Penalty:
    """A deduction: *each* points per occurrence of *measure*, down to *floor* (≤ 0).

    >>> Penalty("late_reports", "1", "-5").floor
    Fraction(-5, 1)

    .. versionadded:: 0.1.0
    """

    measure: str = attrs.field(validator=check_id)
    each: Number = attrs.field(converter=to_number)
    floor: Number = attrs.field(converter=to_number)

    def __attrs_post_init__(self) -> None:
        if self.each <= 0 or self.floor > 0:
            raise ModelError(codes.PENALTY_SIGNS())


Method: TypeAlias = Assessed | Proportional | PassFail | PerOccurrence | StepTable | Bonus | Penalty


@attrs.frozen
class Criterion:
    """A scored item; a criterion with *children* is a group whose points are theirs summed.

    Args:
        id: ASCII id, unique in the rubric.
        name: Vietnamese wording.
        points: standard (maximum) points. A group's points must equal the sum of
            its children's; a penalty criterion has 0.
        method: how a leaf is scored; ``None`` for a group.
        bonus: the cap on bonus points this criterion can add above *points*.
        children: sub-criteria.
        name_en: English wording.
        source: where the criterion comes from (see :class:`~thidua.model.Source`).
        withdrawn: set when the criterion is withdrawn during the year: the
            scores given for it are kept but not counted, and the maxima
            (the unit's and its groups') leave its points out.

    >>> Criterion("c1", "Tổ chức Ngày hội Đại đoàn kết", 10, Assessed(), bonus="1.5").bonus
    Fraction(3, 2)

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    points: Number = attrs.field(converter=to_number)
    method: Method | None = None
    bonus: Number | None = attrs.field(default=None, converter=opt_number)
    children: tuple[Criterion, ...] = attrs.field(default=(), converter=to_tuple)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)
    withdrawn: Withdrawal | None = None

    def __attrs_post_init__(self) -> None:
        problems = []
        if self.points < 0:
            problems.append(codes.NEGATIVE(("points",), value=self.points))
        if self.bonus is not None and self.bonus < 0:
            problems.append(codes.NEGATIVE(("bonus",), value=self.bonus))
        if self.children and self.method is not None:
            problems.append(codes.GROUP_WITH_METHOD(("method",)))
        if not self.children and self.method is None:
            problems.append(codes.LEAF_WITHOUT_METHOD(("method",)))
        if isinstance(self.method, Bonus) and self.bonus is None:
            problems.append(codes.BONUS_WITHOUT_CAP(("bonus",)))
        if problems:
            raise ModelError(problems)

    def walk(self) -> tuple[Criterion, ...]:
        """This criterion and all below it, depth first."""
        out: list[Criterion] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@attrs.frozen
class Adjustment:
    """A campaign-level bonus or deduction outside the criteria.

    E.g. +10 for an emulation flag received last year, or −2 per perfunctory
    report down to a floor of −10.

    Args:
        id: ASCII id.
        name: Vietnamese wording.
        points: points added (negative for a deduction), once or per occurrence.
        when: condition for a one-off adjustment.
        per: a measure counting occurrences.
        limit: for a bonus, the most it adds; for a deduction, the floor (≤ 0).
        name_en: English wording.

    >>> Adjustment("hinh-thuc", "Báo cáo hình thức", -2, per="perfunctory_reports", limit=-10).limit
    Fraction(-10, 1)
    >>> Adjustment("hinh-thuc", "Báo cáo hình thức", -2, per="perfunctory_reports", limit=10)
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      limit: giới hạn phải cùng dấu với số điểm

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    points: Number = attrs.field(converter=to_number)
    when: Condition | None = None
    per: str | None = None
    limit: Number | None = attrs.field(default=None, converter=opt_number)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)

    def __attrs_post_init__(self) -> None:
        if (self.when is None) == (self.per is None):
            raise ModelError(codes.EXACTLY_ONE_OF(first="when", second="per"))
        if self.limit is not None and (self.limit < 0) != (self.points < 0):
            raise ModelError(codes.LIMIT_SIGN(("limit",)))


@attrs.frozen
class Rubric:
    """A points rubric for the units of some levels.

    Args:
        id: ASCII id.
        name: Vietnamese name.
        levels: levels whose units are scored with it.
        total: the declared total of standard points (e.g. 100 or 90); checked.
        criteria: top-level criteria.
        adjustments: campaign-level bonuses and deductions.
        clamp_total: cap the final total at *total* (not clamped by default).
        self_cap: the most a unit may give itself at self-assessment (e.g. 95).
        name_en: English name.

    >>> r = Rubric("r", "Thang điểm", ["commune"], 100, [Criterion("a", "Nội dung A", 90, Assessed())])
    >>> [p.render("en") for p in r.point_problems()]
    ["criteria: the criteria's points add up to 90, but the declared total is 100"]

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    levels: tuple[str, ...] = attrs.field(converter=to_tuple)
    total: Number = attrs.field(converter=to_number)
    criteria: tuple[Criterion, ...] = attrs.field(converter=to_tuple)
    adjustments: tuple[Adjustment, ...] = attrs.field(default=(), converter=to_tuple)
    clamp_total: bool = False
    self_cap: Number | None = attrs.field(default=None, converter=opt_number)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)

    def walk(self) -> tuple[Criterion, ...]:
        """Every criterion, depth first."""
        out: list[Criterion] = []
        for c in self.criteria:
            out.extend(c.walk())
        return tuple(out)

    def leaves(self) -> tuple[Criterion, ...]:
        """The criteria that are scored (no children)."""
        return tuple(c for c in self.walk() if not c.children)

    def point_problems(self) -> list[Problem]:
        """Totals that do not add up, each with its location in the rubric."""
        problems: list[Problem] = []
        top = sum((k.points for k in self.criteria), Number(Fraction(0)))
        if top != self.total:
            problems.append(codes.POINTS_SUM(("criteria",), sum=top, total=self.total))

        def check(crit: Criterion, path: tuple[str | int, ...]) -> None:
            if crit.children:
                s = sum((k.points for k in crit.children), Number(Fraction(0)))
                if s != crit.points:
                    problems.append(codes.CHILDREN_SUM(path, sum=s, points=crit.points))
                for i, k in enumerate(crit.children):
                    check(k, (*path, "children", i))
            elif isinstance(crit.method, Penalty) and crit.points != 0:
                problems.append(codes.PENALTY_POINTS(path))

        for i, crit in enumerate(self.criteria):
            check(crit, ("criteria", i))
        return problems
