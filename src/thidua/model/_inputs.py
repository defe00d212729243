"""What a campaign says about itself: the names of its inputs, where its parts come from, who leads it."""

from __future__ import annotations

import enum

import attrs

from thidua.model._base import check_id, opt_nfc, to_nfc

__all__ = ["Input", "Official", "Source"]


class Source(enum.StrEnum):
    """Where a part of a campaign comes from, so that what is real is never confused with what is not.

    * ``article``: taken from a published source (the article or document
      the campaign was built from); shown without a mark.
    * ``unverified``: believed to be true, but not checked against a
      source; shown as "(chưa xác minh)".
    * ``proposal``: made up on purpose because no source exists, as a
      reasonable proposal (e.g. which communes form each cluster); shown as
      "(đề xuất)".
    * ``sample``: made up only to illustrate (a rubric, bands, quotas);
      shown as "(mẫu)".

    An item without a source is the campaign's own (an office writing its
    real campaign marks nothing).

    >>> Source("proposal")
    <Source.PROPOSAL: 'proposal'>
    >>> [s.value for s in Source]
    ['article', 'unverified', 'proposal', 'sample']

    .. versionadded:: 0.1.0
    """

    ARTICLE = "article"
    UNVERIFIED = "unverified"
    PROPOSAL = "proposal"
    SAMPLE = "sample"


def opt_source(value: object) -> Source | None:
    """Attrs converter: ``None`` or a :class:`Source`."""
    return None if value is None else Source(str(value))


@attrs.frozen
class Input:
    """The name of an input units report: a measure (with its unit), a flag or an event.

    A campaign declares its inputs in ``measures``, ``flags`` and
    ``events`` so that explanations, templates and reports show "Số cuộc
    giám sát chuyên đề: 4 cuộc" rather than ``supervisions: 4``.

    Args:
        id: the id used in targets, criteria, formulas and results
            (``"fund_raised"``).
        name: Vietnamese name, a noun phrase (``"Số tiền vận động Quỹ “Vì
            người nghèo”"``).
        name_en: English name.
        unit: the unit of a measure in Vietnamese (``"cuộc"``, ``"hộ"``,
            ``"đồng"``); none for flags, events and plain numbers.
        unit_en: the same in English (``"supervisions"``).

    >>> Input("supervisions", "Số cuộc giám sát chuyên đề", "Thematic supervisions", unit="cuộc").unit
    'cuộc'

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    unit: str | None = attrs.field(default=None, converter=opt_nfc)
    unit_en: str | None = attrs.field(default=None, converter=opt_nfc)


@attrs.frozen
class Official:
    """A person named in the sources of a campaign, with the post they held.

    Args:
        name: full name (``"Phạm Thị Cẩm Hà"``).
        role: the post as the source writes it (``"Phó Chủ tịch Thường trực
            Ủy ban MTTQ Việt Nam huyện"``).
        role_en: the post in English.
        unit: the id of the unit the post belongs to, if the campaign has it.

    >>> Official("Trần Hồng Lam", "Chủ tịch Ủy ban MTTQ Việt Nam huyện", unit="huyen-an-minh").unit
    'huyen-an-minh'

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(converter=to_nfc)
    role: str = attrs.field(converter=to_nfc)
    role_en: str | None = attrs.field(default=None, converter=opt_nfc)
    unit: str | None = attrs.field(default=None)

    @unit.validator
    def _check_unit(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None:
            check_id(self, attribute, value)
