"""Targets (chỉ tiêu): measurable goals with exact thresholds."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import TypeAlias

import attrs

from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._base import check_date, check_id, one_of, opt_nfc, to_nfc
from thidua.model._exact import Amount, Number, Share, to_amount, to_number, to_share
from thidua.model._inputs import Source, opt_source

__all__ = [
    "TARGET_KINDS",
    "Base",
    "ChangeTarget",
    "CountTarget",
    "DeadlineTarget",
    "FormulaTarget",
    "MissingPolicy",
    "OfWhichTarget",
    "QuotaTarget",
    "Scope",
    "ShareTarget",
    "Target",
    "ZeroCountTarget",
]


class Base(enum.StrEnum):
    """The denominator of a share: never guessed, always written.

    * ``all``: every counted sub-unit (for "of which": all sub-units, not only
      those that met the parent target).
    * ``parent``: for "of which" only: the sub-units counted in the numerator of
      the parent target.

    >>> Base("parent")
    <Base.PARENT: 'parent'>

    .. versionadded:: 0.1.0
    """

    ALL = "all"
    PARENT = "parent"


class Scope(enum.StrEnum):
    """Which units a target is evaluated for.

    * ``members``: each signatory of the agreement, on its own sub-units or figures.
    * ``cluster``: each signing cluster as a whole, counting its members.
    * ``agreement``: all signatories of the agreement together, across its
      clusters (An Minh's 11 communes signed one agreement in two clusters;
      "100% of commune Front committees good, of which at least 30%
      excellent" is decided over the 11).

    >>> Scope("agreement").value
    'agreement'

    .. versionadded:: 0.1.0
    """

    MEMBERS = "members"
    CLUSTER = "cluster"
    AGREEMENT = "agreement"


class MissingPolicy(enum.StrEnum):
    """What to do when an input a rule needs is absent: never a silent zero.

    * ``error``: stop with :class:`~thidua.errors.MissingInputError`.
    * ``not_met``: the rule is not met, and the explanation says why.
    * ``exclude``: leave the unit out of the rule (and out of a share's base).

    >>> import thidua
    >>> thidua.examples.load_campaign().missing
    <MissingPolicy.ERROR: 'error'>

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    NOT_MET = "not_met"
    EXCLUDE = "exclude"


def _opt_missing(value: object) -> MissingPolicy | None:
    return None if value is None else MissingPolicy(str(value))


@attrs.frozen
class ShareTarget:
    """At least *at_least* of the sub-units on level *counts* rated *grade* or better.

    "80% of front work committees hoàn thành tốt nhiệm vụ" means good **or
    better** (cumulative).

    Args:
        id: ASCII id.
        name: Vietnamese wording.
        counts: the level of the sub-units counted.
        grade: the grade that must be reached or bettered.
        at_least: the threshold, exact (``"80%"``).
        base: must be ``all`` for a top-level share.
        scope: see :class:`Scope`.
        missing: overrides the campaign's :class:`MissingPolicy`.
        name_en: English wording.
        source: where the target comes from (see :class:`~thidua.model.Source`).

    >>> ShareTarget("t1", "BCTMT hoàn thành tốt", "hamlet", "htt", "80%", base="all").at_least
    Fraction(4, 5)

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    counts: str = attrs.field(validator=check_id)
    grade: str = attrs.field(validator=check_id)
    at_least: Share = attrs.field(converter=to_share)
    base: Base = attrs.field(converter=Base)
    scope: Scope = attrs.field(default=Scope.MEMBERS, converter=Scope)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)

    def __attrs_post_init__(self) -> None:
        if self.base is not Base.ALL:
            raise ModelError(c.SHARE_BASE_ALL(("base",)))


@attrs.frozen
class OfWhichTarget:
    """ "Trong đó": of the sub-units counted by *parent*, at least *at_least* rated *grade* or better.

    The base is explicit because the wording is ambiguous: over ``all``
    sub-units, or over those that met the ``parent`` target.

    >>> OfWhichTarget("t1b", "trong đó xuất sắc", "t1", "htxs", "30%", base="parent").base
    <Base.PARENT: 'parent'>

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    parent: str = attrs.field(validator=check_id)
    grade: str = attrs.field(validator=check_id)
    at_least: Share = attrs.field(converter=to_share)
    base: Base = attrs.field(converter=Base)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


@attrs.frozen
class ZeroCountTarget:
    """No sub-unit on level *counts* rated *grade* or worse ("không có yếu kém").

    >>> ZeroCountTarget("t1c", "không có yếu kém", "hamlet", "kht").grade
    'kht'

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    counts: str = attrs.field(validator=check_id)
    grade: str = attrs.field(validator=check_id)
    scope: Scope = attrs.field(default=Scope.MEMBERS, converter=Scope)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


@attrs.frozen
class CountTarget:
    """A reported count reaches *at_least* (e.g. at least 1 model or product).

    >>> CountTarget("mo-hinh", "Xây dựng ít nhất 1 mô hình", "models", 1).at_least
    Fraction(1, 1)
    >>> CountTarget("mo-hinh", "Xây dựng ít nhất 1 mô hình", "models", 0.5)
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      0.5 là số thập phân viết không có dấu nháy, máy tính chỉ lưu gần đúng;
      hãy viết trong dấu nháy ('0.5') hoặc dưới dạng phân số (ví dụ '1/3') để giữ đúng giá trị

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    measure: str = attrs.field(validator=check_id)
    at_least: Number = attrs.field(converter=to_number)
    scope: Scope = attrs.field(default=Scope.MEMBERS, converter=Scope)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


def _opt_amount(value: object) -> Amount | None:
    return None if value is None else to_amount(value)


@attrs.frozen
class QuotaTarget:
    """An amount in VND reaches its assigned quota (the fund "Vì người nghèo").

    The quota is a fixed amount (*quota*) or each unit's own assigned figure
    (*quota_measure*). Amounts are integers.

    >>> QuotaTarget("fund", "Quỹ Vì người nghèo", "fund_raised", quota="150000000").quota
    150000000

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    measure: str = attrs.field(validator=check_id)
    quota: Amount | None = attrs.field(default=None, converter=_opt_amount)
    quota_measure: str | None = None
    scope: Scope = attrs.field(default=Scope.MEMBERS, converter=Scope)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)

    def __attrs_post_init__(self) -> None:
        if (self.quota is None) == (self.quota_measure is None):
            raise ModelError(c.EXACTLY_ONE_OF(first="quota", second="quota_measure"))
        if self.quota is not None and self.quota <= 0:
            raise ModelError(c.QUOTA_NOT_POSITIVE(("quota",), value=self.quota))


@attrs.frozen
class DeadlineTarget:
    """The event *event* is done on or before *by* (a reported date).

    >>> DeadlineTarget("dang-ky", "Đăng ký thi đua", "registered", dt.date(2022, 3, 31)).by
    datetime.date(2022, 3, 31)
    >>> DeadlineTarget("dang-ky", "Đăng ký thi đua", "registered", dt.datetime(2022, 3, 31, 8))
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      by: phải là ngày, ví dụ 2022-04-13, nhưng ghi 2022-03-31T08:00:00

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    event: str = attrs.field(validator=check_id)
    by: dt.date = attrs.field(validator=check_date)
    scope: Scope = attrs.field(default=Scope.MEMBERS, converter=Scope)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


@attrs.frozen
class ChangeTarget:
    """A measure moves by at least *by_at_least* against its baseline.

    E.g. the poor-household rate down by 2.5 points: ``measure="poor_rate"``,
    ``baseline="poor_rate_start"``, ``direction="decrease"``, ``by_at_least="2.5"``.

    >>> ChangeTarget("ho-ngheo", "Giảm tỷ lệ hộ nghèo", "poor_rate", "poor_rate_start", "decrease", "2.5").by_at_least
    Fraction(5, 2)

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    measure: str = attrs.field(validator=check_id)
    baseline: str = attrs.field(validator=check_id)
    direction: str = attrs.field(validator=one_of("increase", "decrease"))
    by_at_least: Number = attrs.field(converter=to_number)
    scope: Scope = attrs.field(default=Scope.MEMBERS, converter=Scope)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


@attrs.frozen
class FormulaTarget:
    """A true/false formula over measures and indicators, e.g. ``"lifted / poor_at_start >= 30%"``.

    >>> FormulaTarget("thoat-ngheo", "Thoát nghèo", "lifted / poor_at_start >= 30%").scope
    <Scope.MEMBERS: 'members'>
    >>> FormulaTarget("thoat-ngheo", "Thoát nghèo", "lifted / >= 30%")
    Traceback (most recent call last):
    ...
    thidua.errors.RuleError: 1 vấn đề:
      cột 10: cần một số, một tên hoặc '(', nhưng gặp '>='

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    formula: str = attrs.field()
    scope: Scope = attrs.field(default=Scope.MEMBERS, converter=Scope)
    missing: MissingPolicy | None = attrs.field(default=None, converter=_opt_missing)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)

    @formula.validator
    def _parse(self, _a: object, value: str) -> None:
        from thidua.formula import parse

        parse(value)


Target: TypeAlias = (
    ShareTarget
    | OfWhichTarget
    | ZeroCountTarget
    | CountTarget
    | QuotaTarget
    | DeadlineTarget
    | ChangeTarget
    | FormulaTarget
)

#: The name of each target kind, as written in documents (``kind``) and traces.
TARGET_KINDS: Mapping[type, str] = {
    ShareTarget: "share",
    OfWhichTarget: "of_which",
    ZeroCountTarget: "zero_count",
    CountTarget: "count",
    QuotaTarget: "quota",
    DeadlineTarget: "deadline",
    ChangeTarget: "change",
    FormulaTarget: "formula",
}
