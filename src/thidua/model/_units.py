"""Levels of the hierarchy, units and their lineage across reforms."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._base import check_date, check_id, opt_nfc, to_nfc, to_tuple
from thidua.model._inputs import Source, opt_source

__all__ = ["Level", "Lineage", "LineageKind", "Unit", "UnitKind"]


@attrs.frozen
class Level:
    """One level of a campaign's hierarchy, e.g. province, commune, residential area.

    Levels are data: a 2022 campaign lists province → district → commune →
    residential area, a 2026 one province → commune → residential area.

    A level may exist only for a time: the district level (huyện, quận, thị
    xã) ends on 30 June 2025. A unit's parent sits on the nearest level above
    it that exists while the unit does.

    Args:
        id: ASCII id, e.g. ``"commune"``.
        name: Vietnamese name (NFC), e.g. ``"Xã, phường, thị trấn"``.
        name_en: English name.
        valid_from: first day the level existed, if it is not permanent.
        valid_to: last day the level existed, if it was abolished.

    >>> Level("commune", "Xã, thị trấn", "Commune")
    Level(id='commune', name='Xã, thị trấn', name_en='Commune', valid_from=None, valid_to=None)

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    valid_from: dt.date | None = attrs.field(default=None, validator=check_date)
    valid_to: dt.date | None = attrs.field(default=None, validator=check_date)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Tell whether the level existed at some time between *start* and *end*."""
        if self.valid_from and end < self.valid_from:
            return False
        return not (self.valid_to and start > self.valid_to)


class UnitKind(enum.StrEnum):
    """What a unit is, as opposed to where it sits.

    >>> UnitKind("front_work_committee").value
    'front_work_committee'

    .. versionadded:: 0.1.0
    """

    FRONT_COMMITTEE = "front_committee"
    """Ủy ban MTTQ of a province, district or commune."""
    FRONT_WORK_COMMITTEE = "front_work_committee"
    """Ban Công tác Mặt trận of a residential area."""
    MEMBER_ORGANIZATION = "member_organization"
    """Tổ chức thành viên: unions and associations."""
    ADMINISTRATIVE = "administrative"
    """An administrative unit used only as a container."""
    OTHER = "other"


class LineageKind(enum.StrEnum):
    """How a unit relates to another across a reform.

    ``merged_into``, ``renamed_to`` and ``split_into`` point forward in time;
    ``merged_from``, ``renamed_from`` and ``split_from`` point back.

    >>> LineageKind("merged_into").forward, LineageKind("merged_from").forward
    (True, False)

    .. versionadded:: 0.1.0
    """

    MERGED_INTO = "merged_into"
    MERGED_FROM = "merged_from"
    RENAMED_TO = "renamed_to"
    RENAMED_FROM = "renamed_from"
    SPLIT_INTO = "split_into"
    SPLIT_FROM = "split_from"

    @property
    def forward(self) -> bool:
        """True when the link points to a successor."""
        return self in {LineageKind.MERGED_INTO, LineageKind.RENAMED_TO, LineageKind.SPLIT_INTO}


@attrs.frozen
class Lineage:
    """A link from a unit to a predecessor or successor.

    Args:
        kind: the relation, see :class:`LineageKind`.
        unit: the id of the other unit.
        on: the date the change took effect.
        note: free text, e.g. the resolution that decided it.
        source: where the link comes from (see :class:`~thidua.model.Source`).

    >>> Lineage("merged_into", "xa-van-khanh-2025", dt.date(2025, 7, 1)).kind
    <LineageKind.MERGED_INTO: 'merged_into'>

    .. versionadded:: 0.1.0
    """

    kind: LineageKind = attrs.field(converter=LineageKind)
    unit: str = attrs.field(validator=check_id)
    on: dt.date | None = attrs.field(default=None, validator=check_date)
    note: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


@attrs.frozen
class Unit:
    """A unit taking part in a campaign: a committee, an organization, an area.

    Args:
        id: stable ASCII id, e.g. ``"xa-van-khanh-tay"``.
        name: Vietnamese name, normalized to NFC.
        level: id of a :class:`Level` of the campaign.
        parent: id of the parent unit (one level up), or ``None`` at the top.
        kind: see :class:`UnitKind`.
        code: official code (GSO), if any, e.g. ``"31048"``.
        valid_from: first day the unit existed, if known.
        valid_to: last day the unit existed, if it no longer does.
        lineage: links to predecessors and successors.
        name_en: English name, if any.
        keep_capital: the name's first word stays capitalised inside a sentence
            because the name is a person's or a historical event's
            (``Phường Lê Lợi``; Nghị định 30/2020, Phụ lục II). Other names
            lower their generic noun (``xã Vân Khánh``); a number keeps it
            without being told (``Phường 1``).

    >>> u = Unit("xa-van-khanh-tay", "Xa\\u0303 Va\\u0302n Kha\\u0301nh Ta\\u0302y", "commune")
    >>> u.name == "Xã Vân Khánh Tây"
    True
    >>> u.is_valid_on(dt.date(2022, 4, 13))
    True

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    level: str = attrs.field(validator=check_id)
    parent: str | None = attrs.field(default=None)
    kind: UnitKind = attrs.field(default=UnitKind.FRONT_COMMITTEE, converter=UnitKind)
    code: str | None = attrs.field(default=None, converter=opt_nfc)
    valid_from: dt.date | None = attrs.field(default=None, validator=check_date)
    valid_to: dt.date | None = attrs.field(default=None, validator=check_date)
    lineage: tuple[Lineage, ...] = attrs.field(default=(), converter=to_tuple)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    keep_capital: bool = False

    def __attrs_post_init__(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ModelError(c.ENDS_BEFORE_START(("valid_to",), end=self.valid_to, start=self.valid_from))
        if self.parent == self.id:
            raise ModelError(c.OWN_PARENT(("parent",), unit=self.id))

    def is_valid_on(self, day: dt.date) -> bool:
        """Tell whether the unit existed on *day*."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Tell whether the unit existed at some time between *start* and *end*."""
        if self.valid_from and end < self.valid_from:
            return False
        return not (self.valid_to and start > self.valid_to)

    @property
    def predecessors(self) -> tuple[str, ...]:
        """Ids of the units this one was merged, renamed or split from."""
        return tuple(link.unit for link in self.lineage if not link.kind.forward)

    @property
    def successors(self) -> tuple[str, ...]:
        """Ids of the units this one was merged, renamed or split into."""
        return tuple(link.unit for link in self.lineage if link.kind.forward)
