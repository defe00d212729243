"""Titles and award rules: eligibility and quotas."""

from __future__ import annotations

import enum

import attrs

from thidua._problems import shown
from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._base import check_id, one_of, opt_nfc, to_nfc, to_tuple
from thidua.model._conditions import Condition, Rounding
from thidua.model._exact import Share
from thidua.model._inputs import Source, opt_source

__all__ = ["AwardRule", "Quota", "Title", "TitleKind"]


class TitleKind(enum.StrEnum):
    """A title (danh hiệu thi đua) or a commendation (hình thức khen thưởng).

    >>> import thidua
    >>> [t.kind.value for t in thidua.examples.load_campaign().titles]
    ['title', 'commendation', 'commendation']

    .. versionadded:: 0.1.0
    """

    TITLE = "title"
    COMMENDATION = "commendation"


@attrs.frozen
class Title:
    """An emulation title or a commendation, e.g. Cờ thi đua, Bằng khen.

    >>> Title("co-thi-dua", "Cờ thi đua", "Emulation flag").kind
    <TitleKind.TITLE: 'title'>

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    kind: TitleKind = attrs.field(default=TitleKind.TITLE, converter=TitleKind)


def _opt_share(value: object) -> Share | None:
    from thidua.model._exact import to_share

    return None if value is None else to_share(value)


@attrs.frozen
class Quota:
    """How many units of a group may receive an award.

    Exactly one of *count* and *share*. A share is of the group's *members*
    or of its *eligible* units, rounded by *rounding* (floor by default).

    >>> Quota(share="20%", of="eligible").share
    Fraction(1, 5)

    .. versionadded:: 0.1.0
    """

    count: int | None = None
    share: Share | None = attrs.field(default=None, converter=_opt_share)
    of: str = attrs.field(default="members", validator=one_of("members", "eligible"))
    rounding: Rounding = attrs.field(default=Rounding.FLOOR, converter=Rounding)

    def __attrs_post_init__(self) -> None:
        if (self.count is None) == (self.share is None):
            raise ModelError(c.EXACTLY_ONE_OF(first="count", second="share"))
        if self.count is not None and (isinstance(self.count, bool) or self.count < 0):
            raise ModelError(c.EXPECTED_COUNT(("count",), value=shown(self.count)))


@attrs.frozen
class AwardRule:
    """Who may receive a title, and how many per group.

    Args:
        id: ASCII id.
        title: id of the :class:`Title` awarded.
        levels: levels whose units may receive it.
        conditions: eligibility; every condition must hold.
        quota: per cluster (``within="cluster"``) or over the campaign.
        within: ``"cluster"`` or ``"campaign"``.
        exclusive_with: ids of award rules a unit holding this one cannot also get
            (rules are decided in the order the campaign lists them).
        source: where the rule and its quota come from (see :class:`~thidua.model.Source`).

    Among eligible units, the best-ranked receive the award up to the quota;
    units tied at the cut are all left out rather than chosen silently, and the
    explanation says so.

    >>> import thidua
    >>> rule = thidua.examples.load_campaign().awards[2]
    >>> rule.title, rule.quota.share, rule.exclusive_with
    ('giay-khen-huyen', Fraction(1, 2), ('co-thi-dua', 'bang-khen'))

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_id)
    levels: tuple[str, ...] = attrs.field(converter=to_tuple)
    conditions: tuple[Condition, ...] = attrs.field(default=(), converter=to_tuple)
    quota: Quota | None = None
    within: str = attrs.field(default="cluster", validator=one_of("cluster", "campaign"))
    exclusive_with: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    source: Source | None = attrs.field(default=None, converter=opt_source)
