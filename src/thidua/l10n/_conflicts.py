"""One sentence per conflict (a cluster's decision against the rules) and per reviewer change."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from babel import Locale

from thidua.engine import Change, Conflict
from thidua.l10n._context import Args, Context
from thidua.l10n._context import as_tuple as _tuple
from thidua.l10n._names import CampaignLike
from thidua.l10n._steps import generic

__all__ = ["CONFLICT_FORMATTERS", "format_change", "format_conflict", "render_change", "render_conflict"]


def _order_differs(c: Context, a: Args) -> str:
    decided = _tuple(a.get("decided"))
    raw = a.get("ranks")
    ranks: tuple[object, ...] = tuple(raw) if isinstance(raw, tuple | list) else ()
    shown = []
    for i, u in enumerate(decided):
        rank = ranks[i] if i < len(ranks) else None
        if rank is None:
            shown.append(c.gettext("%(unit)s (not ranked)", unit=c.unit(u)))
        else:
            shown.append(c.gettext("%(unit)s (%(rank)s by score)", unit=c.unit(u), rank=c.ordinal(rank)))
    return c.gettext(
        "The order decided by the meeting, %(decided)s, differs from the order by score, %(computed)s; "
        "the decision stands and the difference is shown for information",
        decided=c.listing(shown),
        computed=c.units(_tuple(a.get("computed"))),
    )


def _proposal_ineligible(c: Context, a: Args) -> str:
    return c.gettext(
        "%(unit)s is proposed for “%(award)s” but is not eligible",
        unit=c.names.unit(str(a.get("unit"))),
        award=c.q(c.names.award(str(a.get("award")))),
    )


def _proposal_not_computed(c: Context, a: Args) -> str:
    return c.gettext(
        "%(unit)s is proposed for “%(award)s”; it is eligible, but by rank it falls outside the quota",
        unit=c.names.unit(str(a.get("unit"))),
        award=c.q(c.names.award(str(a.get("award")))),
    )


def _over_quota(c: Context, a: Args) -> str:
    values = {
        "proposed": c.num(a.get("proposed")),
        "award": c.q(c.names.award(str(a.get("award")))),
        "allowed": c.num(a.get("allowed")),
    }
    units = _tuple(a.get("units"))
    if not units:
        return c.gettext("%(proposed)s units are proposed for “%(award)s”, more than the %(allowed)s allowed", **values)
    return c.gettext(
        "%(proposed)s units are proposed for “%(award)s”, more than the %(allowed)s allowed: %(units)s, "
        "proposed by %(clusters)s",
        units=c.units(units),
        clusters=c.listing([c.group(x) for x in _tuple(a.get("clusters"))]),
        **values,
    )


def _not_reviewed(c: Context, a: Args) -> str:
    unit = c.names.unit(str(a.get("unit")))
    award = a.get("award")
    stage = c.q(c.names.stage(str(a.get("stage"))))
    if a.get("status") == "rejected":
        if award:
            return c.gettext(
                "%(unit)s is proposed for “%(award)s”, but its result was rejected",
                unit=unit,
                award=c.q(c.names.award(str(award))),
            )
        return c.gettext("%(unit)s is in the decided order, but its result was rejected", unit=unit)
    if award:
        return c.gettext(
            "%(unit)s is proposed for “%(award)s”, but it is not yet reviewed at the stage “%(stage)s”",
            unit=unit,
            award=c.q(c.names.award(str(award))),
            stage=stage,
        )
    return c.gettext(
        "%(unit)s is in the decided order, but it is not yet reviewed at the stage “%(stage)s”",
        unit=unit,
        stage=stage,
    )


def _cap_exceeded(c: Context, a: Args) -> str:
    units = _tuple(a.get("units"))
    return c.gettext(
        "%(count)s units are rated “%(grade)s” (%(units)s), more than the %(allowed)s the cap allows in %(group)s; "
        "no score orders them, so the meeting must decide which keep the grade",
        count=c.num(len(units)),
        grade=c.q(c.grade(a.get("grade"))),
        units=c.units(units),
        allowed=c.num(a.get("allowed")),
        group=c.group(a.get("group")),
    )


CONFLICT_FORMATTERS: Mapping[str, Callable[[Context, Args], str]] = {
    "order_differs": _order_differs,
    "proposal_ineligible": _proposal_ineligible,
    "proposal_not_computed": _proposal_not_computed,
    "over_quota": _over_quota,
    "not_reviewed": _not_reviewed,
    "cap_exceeded": _cap_exceeded,
}


def render_conflict(c: Context, conflict: Conflict) -> str:
    """The sentence of one conflict, with a shared context."""
    formatter = CONFLICT_FORMATTERS.get(conflict.code)
    if formatter is None:
        return generic(conflict.code, conflict.args)
    return formatter(c, conflict.args)


def format_conflict(conflict: Conflict, *, campaign: CampaignLike, locale: str | Locale = "vi") -> str:
    """One sentence for a :class:`~thidua.engine.Conflict` between a cluster's decision and the rules.

    The severity (``error`` or ``info``) is not part of the sentence; show it
    with ``label("Error")`` or ``label("Information")``.

    >>> from thidua.engine import Conflict
    >>> from thidua.examples import load_campaign
    >>> c = Conflict("cum-2", "error", "over_quota", {"award": "co-thi-dua", "proposed": 2, "allowed": 1})
    >>> format_conflict(c, campaign=load_campaign(), locale="en")
    '2 units are proposed for “Emulation flag of the provincial Front”, more than the 1 allowed'

    .. versionadded:: 0.1.0
    """
    return render_conflict(Context(campaign, locale), conflict)


def render_change(c: Context, change: Change) -> str:
    """The sentence of one reviewer change, with a shared context."""
    parts = [
        c.gettext(
            "“%(criterion)s”: changed from %(before)s to %(after)s points at the stage “%(stage)s”",
            criterion=c.q(c.names.criterion(change.criterion)),
            before=c.num(change.before),
            after=c.num(change.after),
            stage=c.q(c.names.stage(change.stage)),
        )
    ]
    if change.bonus_before != change.bonus_after:
        parts.append(
            c.gettext(
                "bonus changed from %(before)s to %(after)s",
                before=c.num(change.bonus_before),
                after=c.num(change.bonus_after),
            )
        )
    if change.by and change.on:
        parts.append(c.gettext("by %(by)s on %(on)s", by=change.by, on=c.date(change.on)))
    elif change.by:
        parts.append(c.gettext("by %(by)s", by=change.by))
    elif change.on:
        parts.append(c.gettext("on %(on)s", on=c.date(change.on)))
    if change.reason:
        parts.append(c.gettext("reason: %(reason)s", reason=change.reason))
    else:
        parts.append(c.gettext("no reason given"))
    return "; ".join(parts)


def format_change(change: Change, *, campaign: CampaignLike, locale: str | Locale = "vi") -> str:
    """One sentence for a reviewer's :class:`~thidua.engine.Change` to a criterion's points.

    It names the criterion, the points before and after, the stage, who and
    when (if recorded) and the reason.

    >>> import datetime as dt
    >>> from fractions import Fraction
    >>> from thidua.engine import Change
    >>> from thidua.examples import load_campaign
    >>> ch = Change("doi-moi", "cum-tham-dinh", Fraction(14), Fraction(13), Fraction(1), Fraction(1),
    ...             "Mô hình mới chưa có báo cáo sơ kết", dt.date(2022, 12, 2), "Cụm thi đua")
    >>> print(format_change(ch, campaign=load_campaign(), locale="vi").replace("; ", ";\\n"))
    “Đổi mới nội dung, phương thức hoạt động”: ở bước “Cụm thẩm định” sửa từ 14 thành 13 điểm;
    do Cụm thi đua, ngày 02 tháng 12 năm 2022;
    lý do: Mô hình mới chưa có báo cáo sơ kết

    .. versionadded:: 0.1.0
    """
    return render_change(Context(campaign, locale), change)
