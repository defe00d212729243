"""One sentence per trace step, in the reader's language.

Every code of :data:`thidua.engine.STEP_CODES` has a formatter in
:data:`STEP_FORMATTERS`; the msgids are English and the Vietnamese lives in
the catalog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from fractions import Fraction

from babel import Locale

from thidua.engine import Step
from thidua.l10n._context import Args, Context
from thidua.l10n._context import as_tuple as _tuple
from thidua.l10n._names import CampaignLike

__all__ = ["STEP_FORMATTERS", "format_step", "generic", "render_step"]


# -- targets -------------------------------------------------------------------


def _verdict(c: Context, a: Args) -> str:
    return c.verdict(a.get("met"))


def _missing(c: Context, a: Args) -> str:
    return c.gettext(
        "Missing input: %(what)s; %(policy)s",
        what=c.missing_what(a.get("what")),
        policy=c.missing_policy(a.get("policy")),
    )


def _counts_reported(c: Context, a: Args) -> str:
    return c.gettext(
        "Counts of %(level)s by grade as reported by %(unit)s",
        level=c.names.level(str(a.get("level"))),
        unit=c.names.unit(str(a.get("unit"))),
    )


def _unrated(c: Context, a: Args) -> str:
    units = c.listing(c.names.units(_tuple(a.get("units"))))
    policy = a.get("policy")
    if policy == "not_met":
        return c.gettext(
            "No rating for %(units)s; under the missing-input policy they count in the base as not reaching the grade",
            units=units,
        )
    if policy == "exclude":
        return c.gettext(
            "No rating for %(units)s; under the missing-input policy they are left out of the base", units=units
        )
    return c.gettext("No rating for %(units)s: no score and no reported rating", units=units)


def _share(c: Context, a: Args) -> str:
    level = str(a.get("level"))
    return c.gettext(
        "%(numerator)s/%(denominator)s %(level)s rated %(grade)s or better (%(share)s); target ≥ %(threshold)s",
        numerator=c.num(a.get("numerator")),
        denominator=c.num(a.get("denominator")),
        level=c.names.level(level),
        grade=c.grade(a.get("grade"), level),
        share=c.pct(a.get("share"), a.get("threshold")),
        threshold=c.pct(a.get("threshold")),
    )


def _base(c: Context, base: object, parent: str) -> str:
    if base == "parent":
        return c.gettext("over those counted in “%(parent)s”", parent=c.names.target(parent))
    return c.gettext("over all")


def _of_which(c: Context, a: Args) -> str:
    base = a.get("base")
    parent = str(a.get("parent"))
    other = "all" if base == "parent" else "parent"
    alternative = a.get("alternative")
    if alternative is None:
        reading = c.gettext("under the other reading (%(other)s) the base is empty", other=_base(c, other, parent))
    else:
        reading = c.gettext(
            "under the other reading (%(other)s): %(alternative)s, which would be %(verdict)s; for information only",
            other=_base(c, other, parent),
            alternative=c.pct(alternative, a.get("threshold")),
            verdict=c.verdict(a.get("alternative_met")),
        )
    return c.gettext(
        "of which %(numerator)s/%(denominator)s rated %(grade)s or better (%(share)s) %(base)s, "
        "the base that decides; target ≥ %(threshold)s; %(reading)s",
        numerator=c.num(a.get("numerator")),
        denominator=c.num(a.get("denominator")),
        grade=c.grade(a.get("grade")),
        share=c.pct(a.get("share"), a.get("threshold")),
        base=_base(c, base, parent),
        threshold=c.pct(a.get("threshold")),
        reading=reading,
    )


def _empty_base(c: Context, a: Args) -> str:
    return c.gettext(
        "The base is empty (no units counted for “%(parent)s”), so the target cannot be met",
        parent=c.names.target(str(a.get("parent"))),
    )


def _no_sub_units(c: Context, a: Args) -> str:
    return c.gettext(
        "%(unit)s has no %(level)s (0 sub-units): the target does not apply to it",
        unit=c.names.unit(str(a.get("unit"))),
        level=c.names.level(str(a.get("level"))),
    )


def _zero_count(c: Context, a: Args) -> str:
    level = str(a.get("level"))
    return c.gettext(
        "%(count)s %(level)s rated %(grade)s or worse; target: none",
        count=c.num(a.get("count")),
        level=c.names.level(level),
        grade=c.grade(a.get("grade"), level),
    )


def _count(c: Context, a: Args) -> str:
    return c.gettext(
        "%(measure)s: %(value)s; target ≥ %(threshold)s",
        measure=c.names.measure(str(a.get("measure"))),
        value=c.num(a.get("value")),
        threshold=c.num(a.get("threshold")),
    )


def _quota(c: Context, a: Args) -> str:
    raised, quota = a.get("raised"), a.get("quota")
    share = None
    if isinstance(raised, int) and isinstance(quota, int) and quota > 0:
        share = Fraction(raised, quota)
    values = {
        "raised": c.vnd(raised),
        "quota": c.vnd(quota),
        "share": c.pct(share, Fraction(1)) if share is not None else "—",
    }
    if isinstance(raised, int) and isinstance(quota, int) and raised < quota:
        return c.gettext(
            "Raised %(raised)s against a quota of %(quota)s (%(share)s); %(shortfall)s short",
            shortfall=c.vnd(quota - raised),
            **values,
        )
    return c.gettext("Raised %(raised)s against a quota of %(quota)s (%(share)s)", **values)


def _deadline(c: Context, a: Args) -> str:
    return c.gettext(
        "%(event)s done on %(done)s; deadline %(by)s",
        event=str(a.get("event")),
        done=c.date(a.get("done")),
        by=c.date(a.get("by")),
    )


def _change(c: Context, a: Args) -> str:
    values = {
        "measure": c.names.measure(str(a.get("measure"))),
        "baseline": c.num(a.get("baseline")),
        "value": c.num(a.get("value")),
        "change": c.num(a.get("change")),
        "threshold": c.num(a.get("threshold")),
    }
    if a.get("direction") == "decrease":
        return c.gettext(
            "%(measure)s went from %(baseline)s to %(value)s, a decrease of %(change)s; "
            "target: a decrease of at least %(threshold)s",
            **values,
        )
    return c.gettext(
        "%(measure)s went from %(baseline)s to %(value)s, an increase of %(change)s; "
        "target: an increase of at least %(threshold)s",
        **values,
    )


def _formula(c: Context, a: Args) -> str:
    value = c.gettext("true") if a.get("value") else c.gettext("false")
    return c.gettext("Formula %(formula)s is %(value)s", formula=str(a.get("formula")), value=value)


# -- conditions ------------------------------------------------------------------


def _cond_all_targets(c: Context, a: Args) -> str:
    failed = _tuple(a.get("failed"))
    count = a.get("count")
    total = count if isinstance(count, int) else 0
    if not failed:
        return c.ngettext("The %(count)s target is met", "All %(count)s targets are met", total, count=c.num(total))
    return c.gettext(
        "%(failed)s of %(count)s targets not met: %(targets)s",
        failed=c.num(len(failed)),
        count=c.num(total),
        targets=c.listing([c.names.target(f) for f in failed]),
    )


def _cond_target(c: Context, a: Args) -> str:
    return c.gettext(
        "Target “%(target)s”: %(verdict)s",
        target=c.names.target(str(a.get("target"))),
        verdict=c.verdict(a.get("met")),
    )


def _cond_min_grade(c: Context, a: Args) -> str:
    return c.gettext(
        "Rated %(grade)s; required %(required)s or better: %(verdict)s",
        grade=c.grade(a.get("grade")),
        required=c.grade(a.get("required")),
        verdict=c.verdict(a.get("met")),
    )


def _cond_rank(c: Context, a: Args) -> str:
    rank = a.get("rank")
    return c.gettext(
        "Rank %(rank)s; required rank %(required)s or better: %(verdict)s",
        rank=c.num(rank) if rank is not None else c.gettext("not ranked"),
        required=c.num(a.get("required")),
        verdict=c.verdict(a.get("met")),
    )


def _cond_head(c: Context, a: Args) -> str:
    clusters = _tuple(a.get("clusters"))
    if a.get("met"):
        return c.gettext("Head of %(clusters)s", clusters=c.listing([c.names.cluster(x) for x in clusters]))
    return c.gettext("Not the head of a cluster")


def _cond_flag(c: Context, a: Args) -> str:
    value = c.gettext("yes") if a.get("value") else c.gettext("no")
    return c.gettext("Flag “%(flag)s”: %(value)s", flag=str(a.get("flag")), value=value)


def _cond_measure(c: Context, a: Args) -> str:
    return c.gettext(
        "%(measure)s = %(value)s; required at least %(required)s: %(verdict)s",
        measure=c.names.measure(str(a.get("measure"))),
        value=c.num(a.get("value")),
        required=c.num(a.get("required")),
        verdict=c.verdict(a.get("met")),
    )


def _cond_formula(c: Context, a: Args) -> str:
    return c.gettext(
        "Condition %(formula)s: %(verdict)s", formula=str(a.get("formula")), verdict=c.verdict(a.get("met"))
    )


def _cond_any(c: Context, a: Args) -> str:
    if a.get("met"):
        return c.gettext("At least one of the alternatives holds")
    return c.gettext("None of the alternatives holds")


def _cond_streak(c: Context, a: Args) -> str:
    return c.gettext(
        "%(years)s consecutive years rated %(grade)s or better: %(verdict)s",
        years=c.num(a.get("years")),
        grade=c.grade(a.get("grade")),
        verdict=c.verdict(a.get("met")),
    )


def _cond_titles(c: Context, a: Args) -> str:
    return c.gettext(
        "“%(title)s” in %(count)s of the last %(years)s years; required %(required)s: %(verdict)s",
        title=c.names.title(str(a.get("title"))),
        count=c.num(a.get("count")),
        years=c.num(a.get("years")),
        required=c.num(a.get("required")),
        verdict=c.verdict(a.get("met")),
    )


def _history_policy(c: Context, a: Args) -> str:
    policy = a.get("policy")
    if policy == "all_predecessors":
        return c.gettext("History follows mergers: a past year counts only if every predecessor qualifies")
    if policy == "any_predecessor":
        return c.gettext("History follows mergers: a past year counts if any predecessor qualifies")
    return c.gettext("History does not follow mergers: only the unit's own records count")


def _history_year(c: Context, a: Args) -> str:
    year = str(a.get("year"))
    unit = c.names.unit(str(a.get("unit")))
    via = _tuple(a.get("via"))
    if a.get("missing"):
        return c.gettext("%(year)s: no record for %(unit)s", year=year, unit=unit)
    if via:
        return c.gettext(
            "%(year)s, through the predecessors %(units)s: %(verdict)s",
            year=year,
            units=c.listing(c.names.units(via)),
            verdict=c.verdict(a.get("met")),
        )
    return c.gettext("%(year)s, %(unit)s: %(verdict)s", year=year, unit=unit, verdict=c.verdict(a.get("met")))


# -- scores ------------------------------------------------------------------------


def _assessed(c: Context, a: Args) -> str:
    bonus = a.get("bonus")
    if bonus:
        return c.gettext(
            "Assessed %(points)s of %(maximum)s points, plus %(bonus)s bonus",
            points=c.num(a.get("points")),
            maximum=c.num(a.get("maximum")),
            bonus=c.num(bonus),
        )
    return c.gettext(
        "Assessed %(points)s of %(maximum)s points", points=c.num(a.get("points")), maximum=c.num(a.get("maximum"))
    )


def _proportional(c: Context, a: Args) -> str:
    return c.gettext(
        "%(value)s against a target of %(target)s gives %(points)s of %(maximum)s points (in proportion, "
        "at most the full points)",
        value=c.num(a.get("value")),
        target=c.num(a.get("target")),
        points=c.num(a.get("points")),
        maximum=c.num(a.get("maximum")),
    )


def _pass_fail(c: Context, a: Args) -> str:
    if a.get("met"):
        return c.gettext("Met: %(points)s points", points=c.num(a.get("points")))
    return c.gettext("Not met: %(points)s points", points=c.num(a.get("points")))


def _per_occurrence(c: Context, a: Args) -> str:
    return c.gettext(
        "%(count)s × %(each)s points gives %(points)s points (at most %(maximum)s)",
        count=c.num(a.get("count")),
        each=c.num(a.get("each")),
        points=c.num(a.get("points")),
        maximum=c.num(a.get("maximum")),
    )


def _bonus(c: Context, a: Args) -> str:
    return c.gettext(
        "Bonus: %(count)s × %(each)s points gives %(points)s points (at most %(maximum)s)",
        count=c.num(a.get("count")),
        each=c.num(a.get("each")),
        points=c.num(a.get("points")),
        maximum=c.num(a.get("maximum")),
    )


def _penalty(c: Context, a: Args) -> str:
    return c.gettext(
        "Deduction: %(count)s × %(each)s points gives %(points)s points (no lower than %(floor)s)",
        count=c.num(a.get("count")),
        each=c.num(a.get("each")),
        points=c.signed(a.get("points")),
        floor=c.num(a.get("floor")),
    )


def _step_table(c: Context, a: Args) -> str:
    step = a.get("step")
    if step is None:
        return c.gettext(
            "%(value)s is below the first step of the table: %(points)s points",
            value=c.num(a.get("value")),
            points=c.num(a.get("points")),
        )
    return c.gettext(
        "%(value)s reaches the step from %(step)s: %(points)s points",
        value=c.num(a.get("value")),
        step=c.num(step),
        points=c.num(a.get("points")),
    )


def _adjustment(c: Context, a: Args) -> str:
    return c.gettext(
        "Adjustment “%(adjustment)s”: %(points)s points",
        adjustment=c.names.adjustment(str(a.get("adjustment"))),
        points=c.signed(a.get("points")),
    )


def _score_total(c: Context, a: Args) -> str:
    values = {
        "standard": c.num(a.get("standard")),
        "bonus": c.signed(a.get("bonus")),
        "penalty": c.signed(a.get("penalty")),
        "adjustments": c.signed(a.get("adjustments")),
        "total": c.num(a.get("total")),
        "maximum": c.num(a.get("maximum")),
    }
    if a.get("clamped"):
        return c.gettext(
            "Standard points %(standard)s, bonus %(bonus)s, deductions %(penalty)s, adjustments %(adjustments)s: "
            "total %(total)s points, capped at the nominal maximum of %(maximum)s",
            **values,
        )
    return c.gettext(
        "Standard points %(standard)s, bonus %(bonus)s, deductions %(penalty)s, adjustments %(adjustments)s: "
        "total %(total)s points (nominal maximum %(maximum)s)",
        **values,
    )


# -- ratings ------------------------------------------------------------------------


def band_text(c: Context, a: Args) -> str:
    """A band's bounds in words: "at least 70 and below 90"."""
    lo, hi = a.get("min"), a.get("max")
    inc_lo, inc_hi = bool(a.get("include_min")), bool(a.get("include_max"))
    if lo is not None and hi is not None:
        values = {"min": c.num(lo), "max": c.num(hi)}
        if inc_lo and inc_hi:
            return c.gettext("at least %(min)s and at most %(max)s", **values)
        if inc_lo:
            return c.gettext("at least %(min)s and below %(max)s", **values)
        if inc_hi:
            return c.gettext("above %(min)s and at most %(max)s", **values)
        return c.gettext("above %(min)s and below %(max)s", **values)
    if lo is not None:
        if inc_lo:
            return c.gettext("at least %(min)s", min=c.num(lo))
        return c.gettext("above %(min)s", min=c.num(lo))
    if hi is not None:
        if inc_hi:
            return c.gettext("at most %(max)s", max=c.num(hi))
        return c.gettext("below %(max)s", max=c.num(hi))
    return c.gettext("any score")


def _band(c: Context, a: Args) -> str:
    return c.gettext(
        "%(score)s points is in the band of %(grade)s (%(band)s)",
        score=c.num(a.get("score")),
        grade=c.grade(a.get("grade")),
        band=band_text(c, a),
    )


def _no_band(c: Context, a: Args) -> str:
    return c.gettext("%(score)s points is in no band of the scale: not rated", score=c.num(a.get("score")))


def _reported(c: Context, a: Args) -> str:
    return c.gettext(
        "Rating reported as “%(label)s”: %(grade)s", label=str(a.get("label")), grade=c.grade(a.get("grade"))
    )


def _requirement_failed(c: Context, a: Args) -> str:
    return c.gettext(
        "A requirement of %(from)s is not met: one grade down, to %(to)s",
        **{"from": c.grade(a.get("from")), "to": c.grade(a.get("to"))},
    )


def _disqualified(c: Context, a: Args) -> str:
    return c.gettext(
        "“%(disqualifier)s” applies: the grade is limited from %(from)s to %(to)s",
        **{
            "disqualifier": c.names.disqualifier(str(a.get("disqualifier"))),
            "from": c.grade(a.get("from")),
            "to": c.grade(a.get("to")),
        },
    )


def _cap_values(c: Context, a: Args) -> dict[str, str]:
    tie_break = _tuple(a.get("tie_break"))
    order = (
        c.gettext(
            "by score, then by %(measures)s (higher first)",
            measures=c.listing([c.names.measure(x) for x in tie_break]),
        )
        if tie_break
        else c.gettext("by score")
    )
    return {
        "group": c.group(a.get("group")),
        "share": c.pct(a.get("share")),
        "base": c.num(a.get("base")),
        "of_grade": c.grade(a.get("of_grade")),
        "grade": c.grade(a.get("grade")),
        "allowed": c.num(a.get("allowed")),
        "rounding": c.rounding(a.get("rounding")),
        "holders": c.num(a.get("holders")),
        "order": order,
    }


def _cap_kept(c: Context, a: Args) -> str:
    return c.gettext(
        "Cap in %(group)s: at most %(share)s of the %(base)s rated %(of_grade)s or better may be rated %(grade)s, "
        "that is %(allowed)s (%(rounding)s); %(holders)s were; kept, ordered %(order)s",
        **_cap_values(c, a),
    )


def _cap_cut(c: Context, a: Args) -> str:
    text = c.gettext(
        "Cap in %(group)s: at most %(share)s of the %(base)s rated %(of_grade)s or better may be rated %(grade)s, "
        "that is %(allowed)s (%(rounding)s); %(holders)s were; not among those kept, ordered %(order)s "
        "(units tied at the cut are all cut), so lowered to %(to)s",
        to=c.grade(a.get("to")),
        **_cap_values(c, a),
    )
    tied = _tuple(a.get("tied"))
    if tied:
        text += "; " + c.gettext(
            "tied at the cut at %(value)s points with %(units)s",
            value=c.num(a.get("value")),
            units=c.listing(c.names.units(tied)),
        )
    return text


def _cap_unordered(c: Context, a: Args) -> str:
    values = _cap_values(c, a)
    values["units"] = c.listing(c.names.units(_tuple(a.get("units"))))
    return c.gettext(
        "Cap in %(group)s: at most %(share)s of the %(base)s rated %(of_grade)s or better may be rated %(grade)s, "
        "that is %(allowed)s (%(rounding)s); %(holders)s were (%(units)s). No score orders them (their grades "
        "were reported), so no grade is lowered: the cap is a check on the decision, for the meeting to settle",
        **values,
    )


# -- review --------------------------------------------------------------------------------


def _stage(c: Context, value: object) -> str:
    return c.names.stage(str(value))


def _not_reviewed(c: Context, a: Args) -> str:
    reached = a.get("reached")
    if reached is None:
        return c.gettext(
            "Not yet reviewed at the stage “%(stage)s”; no stage has reviewed it yet",
            stage=_stage(c, a.get("stage")),
        )
    return c.gettext(
        "Not yet reviewed at the stage “%(stage)s”; the last stage that reviewed it: “%(reached)s”",
        stage=_stage(c, a.get("stage")),
        reached=_stage(c, reached),
    )


def _self_score(c: Context, a: Args) -> str:
    return c.gettext(
        "Not yet reviewed at the stage “%(stage)s”; under the campaign's policy it is rated and ranked on its "
        "scores at the stage “%(used)s”",
        stage=_stage(c, a.get("stage")),
        used=_stage(c, a.get("used")),
    )


def _who_when_why(c: Context, a: Args) -> list[str]:
    """``by X``, ``on D`` and ``reason: R``, for what is known."""
    parts = []
    by, on, reason = a.get("by"), a.get("on"), a.get("reason")
    if by and on:
        parts.append(c.gettext("by %(by)s on %(on)s", by=by, on=c.date(on)))
    elif by:
        parts.append(c.gettext("by %(by)s", by=by))
    elif on:
        parts.append(c.gettext("on %(on)s", on=c.date(on)))
    if reason:
        parts.append(c.gettext("reason: %(reason)s", reason=reason))
    return parts


def _rejected(c: Context, a: Args) -> str:
    head = c.gettext(
        "Rejected at the stage “%(stage)s”: not rated, not ranked, not counted", stage=_stage(c, a.get("stage"))
    )
    return "; ".join([head, *_who_when_why(c, a)])


def _review_event(c: Context, a: Args) -> str:
    stage, action = a.get("stage"), a.get("action")
    name = _stage(c, stage)
    stages = [s.id for s in c.names.campaign.stages]
    if action == "approve" and stages and stage == stages[0]:
        head = c.gettext("“%(stage)s”: submitted", stage=name)
    elif action == "approve":
        head = c.gettext("“%(stage)s”: approved and passed on", stage=name)
    elif action == "send_back":
        to = a.get("to") or (stages[0] if stages else None)
        head = c.gettext("“%(stage)s”: sent back to “%(to)s”", stage=name, to=_stage(c, to))
    elif action == "reject":
        head = c.gettext("“%(stage)s”: rejected", stage=name)
    elif action == "publish":
        head = c.gettext("“%(stage)s”: published", stage=name)
    else:
        head = f"“{name}”: {action}"
    return "; ".join([head, *_who_when_why(c, a)])


def _review_state(c: Context, a: Args) -> str:
    status, stage = a.get("status"), _stage(c, a.get("stage"))
    if status == "pending":
        return c.gettext("Current state: waiting for the stage “%(stage)s”", stage=stage)
    if status == "approved":
        return c.gettext("Current state: approved by the last stage, “%(stage)s”, not yet published", stage=stage)
    if status == "published":
        return c.gettext("Current state: published by “%(stage)s”; the result is locked", stage=stage)
    if status == "rejected":
        return c.gettext("Current state: rejected at the stage “%(stage)s”", stage=stage)
    return c.gettext("Current state: unknown")


def _withdrawn(c: Context, a: Args) -> str:
    parts = []
    on, reason, points = a.get("on"), a.get("reason"), a.get("points")
    if on:
        parts.append(c.gettext("Withdrawn on %(on)s", on=c.date(on)))
    else:
        parts.append(c.gettext("Withdrawn during the year"))
    if reason:
        parts.append(c.gettext("reason: %(reason)s", reason=reason))
    if points is not None:
        parts.append(c.gettext("the %(points)s points given are kept, not counted", points=c.num(points)))
    else:
        parts.append(c.gettext("not counted"))
    return "; ".join(parts)


def _added_criterion(c: Context, a: Args) -> str:
    head = c.gettext("Added for this unit at the stage “%(stage)s”", stage=_stage(c, a.get("stage")))
    return "; ".join([head, *_who_when_why(c, a)])


def _left_out_unreviewed(c: Context, a: Args) -> str:
    return c.gettext(
        "%(units)s: not yet reviewed (or rejected), so left out of the count",
        units=c.listing(c.names.units(_tuple(a.get("units")))),
    )


# -- awards and lineage ----------------------------------------------------------------


def _award_exclusive(c: Context, a: Args) -> str:
    return c.gettext(
        "Already receives %(awards)s, which excludes this award",
        awards=c.listing([c.names.award(x) for x in _tuple(a.get("held"))]),
    )


def _award_quota(c: Context, a: Args) -> str:
    values = {
        "position": c.num(a.get("position")),
        "eligible": c.num(a.get("eligible")),
        "group": c.group(a.get("group")),
        "allowed": c.num(a.get("allowed")),
    }
    if a.get("granted"):
        return c.gettext(
            "Eligible, %(position)s of %(eligible)s eligible by rank in %(group)s; at most %(allowed)s: granted",
            **values,
        )
    if a.get("tied"):
        text = c.gettext(
            "Eligible, %(position)s of %(eligible)s eligible by rank in %(group)s; at most %(allowed)s: "
            "not granted, tied at the cut (units tied at the cut are all left out)",
            **values,
        )
        tied_with = _tuple(a.get("tied_with"))
        if tied_with:
            value = a.get("value")
            shown_value = c.num(value) if isinstance(value, int | Fraction) else c.grade(value)
            text += "; " + c.gettext(
                "tied with %(units)s at %(value)s", units=c.listing(c.names.units(tied_with)), value=shown_value
            )
        return text
    return c.gettext(
        "Eligible, %(position)s of %(eligible)s eligible by rank in %(group)s; at most %(allowed)s: "
        "not granted, beyond the quota",
        **values,
    )


def _award_ineligible(c: Context, _a: Args) -> str:
    return c.gettext("Not eligible: not every condition is met")


def _lineage(c: Context, a: Args) -> str:
    kind = a.get("kind")
    unit = c.names.unit(str(a.get("unit")))
    on = a.get("on")
    if isinstance(on, dt.date):
        day = c.date(on)
        dated = {
            "merged_into": c.gettext("Merged into %(unit)s on %(on)s", unit=unit, on=day),
            "merged_from": c.gettext("Took in %(unit)s by merger on %(on)s", unit=unit, on=day),
            "renamed_to": c.gettext("Renamed %(unit)s on %(on)s", unit=unit, on=day),
            "renamed_from": c.gettext("Formerly %(unit)s, renamed on %(on)s", unit=unit, on=day),
            "split_into": c.gettext("Split on %(on)s; a part became %(unit)s", unit=unit, on=day),
            "split_from": c.gettext("Split from %(unit)s on %(on)s", unit=unit, on=day),
        }
        return dated.get(str(kind), f"{kind}: {unit} ({day})")
    undated = {
        "merged_into": c.gettext("Merged into %(unit)s", unit=unit),
        "merged_from": c.gettext("Took in %(unit)s by merger", unit=unit),
        "renamed_to": c.gettext("Renamed %(unit)s", unit=unit),
        "renamed_from": c.gettext("Formerly %(unit)s", unit=unit),
        "split_into": c.gettext("Split; a part became %(unit)s", unit=unit),
        "split_from": c.gettext("Split from %(unit)s", unit=unit),
    }
    return undated.get(str(kind), f"{kind}: {unit}")


STEP_FORMATTERS: Mapping[str, Callable[[Context, Args], str]] = {
    "verdict": _verdict,
    "missing": _missing,
    "counts_reported": _counts_reported,
    "unrated": _unrated,
    "share": _share,
    "of_which": _of_which,
    "empty_base": _empty_base,
    "no_sub_units": _no_sub_units,
    "zero_count": _zero_count,
    "count": _count,
    "quota": _quota,
    "deadline": _deadline,
    "change": _change,
    "formula": _formula,
    "cond_all_targets": _cond_all_targets,
    "cond_target": _cond_target,
    "cond_min_grade": _cond_min_grade,
    "cond_rank": _cond_rank,
    "cond_head": _cond_head,
    "cond_flag": _cond_flag,
    "cond_measure": _cond_measure,
    "cond_formula": _cond_formula,
    "cond_any": _cond_any,
    "cond_streak": _cond_streak,
    "cond_titles": _cond_titles,
    "history_policy": _history_policy,
    "history_year": _history_year,
    "assessed": _assessed,
    "proportional": _proportional,
    "pass_fail": _pass_fail,
    "per_occurrence": _per_occurrence,
    "bonus": _bonus,
    "penalty": _penalty,
    "step_table": _step_table,
    "adjustment": _adjustment,
    "score_total": _score_total,
    "band": _band,
    "no_band": _no_band,
    "reported": _reported,
    "requirement_failed": _requirement_failed,
    "disqualified": _disqualified,
    "cap_kept": _cap_kept,
    "cap_cut": _cap_cut,
    "cap_unordered": _cap_unordered,
    "not_reviewed": _not_reviewed,
    "self_score": _self_score,
    "rejected": _rejected,
    "review_event": _review_event,
    "review_state": _review_state,
    "withdrawn": _withdrawn,
    "added_criterion": _added_criterion,
    "left_out_unreviewed": _left_out_unreviewed,
    "award_exclusive": _award_exclusive,
    "award_quota": _award_quota,
    "award_ineligible": _award_ineligible,
    "lineage": _lineage,
}


def generic(code: str, args: Args) -> str:
    """A code this version has no sentence for, shown as ``code(arg=value, ...)``."""
    inner = ", ".join(f"{k}={v}" for k, v in args.items())
    return f"{code}({inner})"


def render_step(c: Context, step: Step) -> str:
    """The sentence of one step, with a shared context."""
    formatter = STEP_FORMATTERS.get(step.code)
    if formatter is None:
        return generic(step.code, step.args)
    return formatter(c, step.args)


def format_step(step: Step, *, campaign: CampaignLike, locale: str | Locale = "vi") -> str:
    """One sentence for a trace :class:`~thidua.engine.Step`, with names from the campaign.

    Args:
        step: a step of a trace (``outcome.trace``).
        campaign: the campaign evaluated, or the same prepared with :func:`thidua.prepare`
            (faster when formatting many steps).
        locale: ``"vi"`` (default) or ``"en"``.

    Returns:
        A sentence without a final full stop. A code this version does not
        know is shown as ``code(arg=value, ...)``.

    >>> from fractions import Fraction
    >>> from thidua.engine import Step
    >>> from thidua.examples import load_campaign
    >>> step = Step("share", {"numerator": 8, "denominator": 10, "share": Fraction(4, 5),
    ...                       "level": "hamlet", "grade": "htt", "threshold": Fraction(4, 5)})
    >>> format_step(step, campaign=load_campaign(), locale="vi")
    '8/10 Ấp, khu phố đạt Hoàn thành tốt nhiệm vụ trở lên (80%); chỉ tiêu ≥ 80%'
    >>> format_step(step, campaign=load_campaign(), locale="en")
    '8/10 Hamlet or quarter rated Completed tasks well or better (80%); target ≥ 80%'

    .. versionadded:: 0.1.0
    """
    return render_step(Context(campaign, locale), step)
