"""One sentence per trace step, in the reader's language.

Every code of :data:`thidua.engine.STEP_CODES` has a formatter in
:data:`STEP_FORMATTERS`; the msgids are English and the Vietnamese lives in
the catalog. Things are named by their names: units inside a sentence as
Vietnamese writes them ("xã Vân Khánh"), grades by their labels in quotes,
measures with their units ("4 cuộc", "150.000.000 đồng").
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
from thidua.l10n._text import lower_first

__all__ = [
    "STEP_FORMATTERS",
    "format_formula",
    "format_step",
    "generic",
    "lineage_sentences",
    "render_step",
    "same_label",
]


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
        "Counts by grade of the units (%(level)s) reported by %(unit)s",
        level=c.level(a.get("level")),
        unit=c.unit(a.get("unit")),
    )


def _unrated(c: Context, a: Args) -> str:
    units = c.units(a.get("units"))
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


def _or_better(c: Context, grade: object, level: str | None) -> bool:
    """Whether "or better" means something for *grade* (it does not for the best grade of its scale)."""
    best, _ = c.names.grade_position(str(grade), level)
    return not best


def _share(c: Context, a: Args) -> str:
    level = str(a.get("level"))
    values = {
        "numerator": c.num(a.get("numerator")),
        "denominator": c.num(a.get("denominator")),
        "level": c.level(level),
        "grade": c.grade(a.get("grade"), level),
        "share": c.pct(a.get("share"), a.get("threshold")),
        "threshold": c.pct(a.get("threshold")),
    }
    if _or_better(c, a.get("grade"), level):
        return c.gettext(
            "%(numerator)s of %(denominator)s units (%(level)s) rated “%(grade)s” or better, %(share)s; "
            "target: at least %(threshold)s",
            **values,
        )
    return c.gettext(
        "%(numerator)s of %(denominator)s units (%(level)s) rated “%(grade)s”, %(share)s; "
        "target: at least %(threshold)s",
        **values,
    )


def _root_level(c: Context, target_id: str) -> str | None:
    """The level counted by the share target at the root of an "of which" chain."""
    seen: set[str] = set()
    t = c.names.target_obj(target_id)
    while t is not None and t.id not in seen:
        seen.add(t.id)
        counts = getattr(t, "counts", None)
        if isinstance(counts, str):
            return counts
        parent = getattr(t, "parent", None)
        t = c.names.target_obj(parent) if isinstance(parent, str) else None
    return None


def _base(c: Context, base: object, parent: str) -> str:
    if base == "parent":
        t = c.names.target_obj(parent)
        grade = getattr(t, "grade", None)
        level = _root_level(c, parent)
        if isinstance(grade, str) and _or_better(c, grade, level):
            return c.gettext("over those rated “%(grade)s” or better", grade=c.grade(grade, level))
        if isinstance(grade, str):
            return c.gettext("over those rated “%(grade)s”", grade=c.grade(grade, level))
        return c.gettext("over those counted by the target above")
    return c.gettext("over all")


def _of_which(c: Context, a: Args) -> str:
    base = a.get("base")
    parent = str(a.get("parent"))
    level = _root_level(c, parent)
    values = {
        "numerator": c.num(a.get("numerator")),
        "denominator": c.num(a.get("denominator")),
        "grade": c.grade(a.get("grade"), level),
        "share": c.pct(a.get("share"), a.get("threshold")),
        "base": _base(c, base, parent),
        "threshold": c.pct(a.get("threshold")),
    }
    if _or_better(c, a.get("grade"), level):
        head = c.gettext(
            "of which %(numerator)s of %(denominator)s rated “%(grade)s” or better, %(share)s %(base)s; "
            "target: at least %(threshold)s",
            **values,
        )
    else:
        head = c.gettext(
            "of which %(numerator)s of %(denominator)s rated “%(grade)s”, %(share)s %(base)s; "
            "target: at least %(threshold)s",
            **values,
        )
    other = _base(c, "all" if base == "parent" else "parent", parent)
    alternative = a.get("alternative")
    if alternative is None:
        reading = c.gettext("counted %(other)s, there would be no base", other=other)
    else:
        reading = c.gettext(
            "counted %(other)s, it would be %(alternative)s (%(verdict)s); for information only",
            other=other,
            alternative=c.pct(alternative, a.get("threshold")),
            verdict=c.verdict(a.get("alternative_met")),
        )
    return head + ". " + reading[:1].upper() + reading[1:]


def _empty_base(c: Context, a: Args) -> str:
    return c.gettext(
        "No unit is counted for “%(parent)s”, so there is no base and the target cannot be met",
        parent=c.target(a.get("parent")),
    )


def _no_sub_units(c: Context, a: Args) -> str:
    return c.gettext(
        "%(unit)s has no %(level)s (0 sub-units): the target does not apply to it",
        unit=c.names.unit(str(a.get("unit"))),
        level=c.names.level(str(a.get("level"))),
    )


def _zero_count(c: Context, a: Args) -> str:
    level = str(a.get("level"))
    count = a.get("count")
    _, worst = c.names.grade_position(str(a.get("grade")), level)
    values = {"count": c.num(count), "level": c.level(level), "grade": c.grade(a.get("grade"), level)}
    if count == 0:
        if worst:
            return c.gettext("No unit (%(level)s) rated “%(grade)s”; target: none", **values)
        return c.gettext("No unit (%(level)s) rated “%(grade)s” or worse; target: none", **values)
    n = count if isinstance(count, int) else 0
    if worst:
        return c.ngettext(
            "%(count)s unit (%(level)s) rated “%(grade)s”; target: none",
            "%(count)s units (%(level)s) rated “%(grade)s”; target: none",
            n,
            **values,
        )
    return c.ngettext(
        "%(count)s unit (%(level)s) rated “%(grade)s” or worse; target: none",
        "%(count)s units (%(level)s) rated “%(grade)s” or worse; target: none",
        n,
        **values,
    )


def _count(c: Context, a: Args) -> str:
    measure = a.get("measure")
    return c.gettext(
        "%(measure)s: %(value)s; target: at least %(threshold)s",
        measure=c.names.measure(str(measure)),
        value=c.quantity(measure, a.get("value")),
        threshold=c.quantity(measure, a.get("threshold")),
    )


def _quota(c: Context, a: Args) -> str:
    raised, quota = a.get("raised"), a.get("quota")
    share = None
    if isinstance(raised, int | Fraction) and isinstance(quota, int | Fraction) and quota > 0:
        share = Fraction(raised) / Fraction(quota)
    values = {
        "measure": c.names.measure(str(a.get("measure"))),
        "raised": c.vnd(raised),
        "quota": c.vnd(quota),
        "share": c.pct(share, Fraction(1)) if share is not None else "—",
    }
    if isinstance(raised, int | Fraction) and isinstance(quota, int | Fraction) and raised < quota:
        return c.gettext(
            "%(measure)s: %(raised)s, %(share)s of the assigned quota of %(quota)s; %(shortfall)s short",
            shortfall=c.vnd(quota - raised),
            **values,
        )
    return c.gettext("%(measure)s: %(raised)s, %(share)s of the assigned quota of %(quota)s", **values)


def _deadline(c: Context, a: Args) -> str:
    return c.gettext(
        "%(event)s: done on %(done)s; deadline %(by)s",
        event=c.names.event(str(a.get("event"))),
        done=c.date(a.get("done")),
        by=c.date(a.get("by")),
    )


def _change(c: Context, a: Args) -> str:
    measure = a.get("measure")
    values = {
        "measure": c.names.measure(str(measure)),
        "baseline": c.quantity(measure, a.get("baseline")),
        "value": c.quantity(measure, a.get("value")),
        "change": c.quantity(measure, a.get("change")),
        "threshold": c.quantity(measure, a.get("threshold")),
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


_OPERATORS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", "*": "×", "-": "−"}


def format_formula(c: Context, text: str) -> str:
    """A formula with names instead of ids, numbers in the reader's format and the usual signs.

    ``cultural_households / households >= 85%`` reads "Số hộ đạt danh hiệu
    «Gia đình văn hóa» / Tổng số hộ gia đình ≥ 85%".
    """
    from thidua.formula._parser import _tokenize

    words = {"and": c.gettext("and"), "or": c.gettext("or"), "not": c.gettext("not")}
    out: list[str] = []
    for kind, value, _ in _tokenize(text):
        if kind == "end":
            break
        if kind in ("num", "pct"):
            number = Fraction(value)
            out.append(c.pct(number / 100) if kind == "pct" else c.num(number))
        elif kind == "name":
            out.append(words.get(value) or c.q(c.names.measure(value)))
        elif value == "(":
            out.append("(")
        elif value == ")":
            out[-1:] = [out[-1] + ")"] if out else [")"]
        elif value == ",":
            out[-1:] = [out[-1] + ","] if out else [","]
        else:
            out.append(_OPERATORS.get(value, value))
    return " ".join(out).replace("( ", "(")


def _inputs(c: Context, a: Args) -> str:
    raw = a.get("inputs")
    pairs = raw if isinstance(raw, tuple | list) else ()
    parts = []
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            continue
        name, value = pair
        if isinstance(value, bool):
            parts.append(c.gettext("%(name)s: %(value)s", name=c.names.measure(str(name)), value=_yes_no(c, value)))
            continue
        shown = c.quantity(name, value)
        parts.append(c.gettext("%(name)s: %(value)s", name=c.names.measure(str(name)), value=shown))
    return "; ".join(parts[:1] + [lower_first(p) for p in parts[1:]])


def _yes_no(c: Context, value: object) -> str:
    return c.gettext("yes") if value else c.gettext("no")


def _formula(c: Context, a: Args) -> str:
    value = c.gettext("true") if a.get("value") else c.gettext("false")
    inputs = _inputs(c, a)
    sentence = c.gettext(
        "The condition “%(formula)s” is %(value)s", formula=format_formula(c, str(a.get("formula"))), value=value
    )
    return f"{inputs}. {sentence}" if inputs else sentence


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
        targets=c.listing([f"“{c.target(f)}”" for f in failed]),
    )


def _cond_target(c: Context, a: Args) -> str:
    return c.gettext(
        "Target “%(target)s”: %(verdict)s",
        target=c.target(a.get("target")),
        verdict=c.verdict(a.get("met")),
    )


def _cond_min_grade(c: Context, a: Args) -> str:
    grade = a.get("grade")
    values = {"required": c.grade(a.get("required")), "verdict": c.verdict(a.get("met"))}
    if grade is None:
        return c.gettext("Not rated; required “%(required)s” or better: %(verdict)s", **values)
    return c.gettext(
        "Rated “%(grade)s”; required “%(required)s” or better: %(verdict)s", grade=c.grade(grade), **values
    )


def _cond_rank(c: Context, a: Args) -> str:
    rank = a.get("rank")
    required = a.get("required")
    values = {"required": c.ordinal(required), "verdict": c.verdict(a.get("met"))}
    if rank is None:
        if required == 1:
            return c.gettext("Not ranked; required: ranked %(required)s: %(verdict)s", **values)
        return c.gettext("Not ranked; required: ranked %(required)s or better: %(verdict)s", **values)
    if required == 1:
        return c.gettext("Ranked %(rank)s; required: ranked %(required)s: %(verdict)s", rank=c.ordinal(rank), **values)
    return c.gettext(
        "Ranked %(rank)s; required: ranked %(required)s or better: %(verdict)s", rank=c.ordinal(rank), **values
    )


def _cond_head(c: Context, a: Args) -> str:
    clusters = _tuple(a.get("clusters"))
    if a.get("met"):
        names = c.listing([c.names.cluster(x) for x in clusters])
        if clusters and all(c.names.is_block(x) for x in clusters):
            return c.gettext("Head of the block: %(clusters)s", clusters=names)
        return c.gettext("Head of the cluster: %(clusters)s", clusters=names)
    return c.gettext("Not the head of a cluster or block")


def _cond_flag(c: Context, a: Args) -> str:
    return c.gettext("%(flag)s: %(value)s", flag=c.names.flag(str(a.get("flag"))), value=_yes_no(c, a.get("value")))


def _cond_measure(c: Context, a: Args) -> str:
    measure = a.get("measure")
    return c.gettext(
        "%(measure)s: %(value)s; required at least %(required)s: %(verdict)s",
        measure=c.names.measure(str(measure)),
        value=c.quantity(measure, a.get("value")),
        required=c.quantity(measure, a.get("required")),
        verdict=c.verdict(a.get("met")),
    )


def _cond_formula(c: Context, a: Args) -> str:
    inputs = _inputs(c, a)
    sentence = c.gettext(
        "Condition “%(formula)s”: %(verdict)s",
        formula=format_formula(c, str(a.get("formula"))),
        verdict=c.verdict(a.get("met")),
    )
    return f"{inputs}. {sentence}" if inputs else sentence


def _cond_any(c: Context, a: Args) -> str:
    if a.get("met"):
        return c.gettext("At least one of the alternatives holds")
    return c.gettext("None of the alternatives holds")


def _cond_streak(c: Context, a: Args) -> str:
    return c.gettext(
        "%(years)s consecutive years rated “%(grade)s” or better: %(verdict)s",
        years=c.num(a.get("years")),
        grade=c.grade(a.get("grade")),
        verdict=c.verdict(a.get("met")),
    )


def _cond_titles(c: Context, a: Args) -> str:
    return c.gettext(
        "“%(title)s” in %(count)s of the last %(years)s years; required %(required)s: %(verdict)s",
        title=c.q(c.names.title(str(a.get("title")))),
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
    unit = c.unit(a.get("unit"))
    via = _tuple(a.get("via"))
    if a.get("missing"):
        return c.gettext("%(year)s: no record for %(unit)s", year=year, unit=unit)
    if via:
        return c.gettext(
            "%(year)s, through the predecessors %(units)s: %(verdict)s",
            year=year,
            units=c.units(via),
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
    measure = a.get("measure")
    values = {
        "value": c.quantity(measure, a.get("value")),
        "target": c.quantity(measure, a.get("target")),
        "points": c.num(a.get("points")),
        "maximum": c.num(a.get("maximum")),
    }
    if measure is None:
        return c.gettext(
            "%(value)s against a target of %(target)s: %(points)s of %(maximum)s points "
            "(in proportion, at most the full points)",
            **values,
        )
    return c.gettext(
        "%(measure)s: %(value)s against a target of %(target)s: %(points)s of %(maximum)s points "
        "(in proportion, at most the full points)",
        measure=c.names.measure(str(measure)),
        **values,
    )


def _pass_fail(c: Context, a: Args) -> str:
    if a.get("met"):
        return c.gettext("Met: %(points)s points", points=c.num(a.get("points")))
    return c.gettext("Not met: %(points)s points", points=c.num(a.get("points")))


def _occurrences(c: Context, a: Args) -> dict[str, str]:
    measure = a.get("measure")
    return {
        "measure": c.names.measure(str(measure)) if measure is not None else "",
        "count": c.quantity(measure, a.get("count")) if measure is not None else c.num(a.get("count")),
        "each": c.num(a.get("each")),
        "points": c.num(a.get("points")),
        "maximum": c.num(a.get("maximum")),
    }


def _per_occurrence(c: Context, a: Args) -> str:
    return c.gettext(
        "%(measure)s: %(count)s, %(each)s points each: %(points)s points (at most %(maximum)s)",
        **_occurrences(c, a),
    )


def _bonus(c: Context, a: Args) -> str:
    return c.gettext(
        "%(measure)s: %(count)s, %(each)s bonus points each: %(points)s points (at most %(maximum)s)",
        **_occurrences(c, a),
    )


def _penalty(c: Context, a: Args) -> str:
    values = _occurrences(c, a)
    points = a.get("points")
    floor = a.get("floor")
    values["deducted"] = c.num(-points) if isinstance(points, int | Fraction) else c.num(points)
    values["limit"] = c.num(-floor) if isinstance(floor, int | Fraction) else c.num(floor)
    if not points:
        return c.gettext("%(measure)s: %(count)s; no deduction", **values)
    return c.gettext(
        "%(measure)s: %(count)s, %(each)s points deducted each: %(deducted)s points deducted (at most %(limit)s)",
        **values,
    )


def _step_table(c: Context, a: Args) -> str:
    measure = a.get("measure")
    step = a.get("step")
    values = {
        "measure": c.names.measure(str(measure)),
        "value": c.quantity(measure, a.get("value")),
        "points": c.num(a.get("points")),
    }
    if step is None:
        return c.gettext("%(measure)s: %(value)s, below the first step of the table: %(points)s points", **values)
    return c.gettext(
        "%(measure)s: %(value)s, the step from %(step)s: %(points)s points",
        step=c.quantity(measure, step),
        **values,
    )


def _adjustment(c: Context, a: Args) -> str:
    return c.gettext(
        "Adjustment “%(adjustment)s”: %(points)s points",
        adjustment=c.q(c.names.adjustment(str(a.get("adjustment")))),
        points=c.signed(a.get("points")),
    )


def _nonzero(value: object) -> bool:
    return isinstance(value, int | Fraction) and not isinstance(value, bool) and value != 0


def _score_total(c: Context, a: Args) -> str:
    parts = [c.gettext("criteria %(points)s", points=c.num(a.get("standard")))]
    if _nonzero(a.get("bonus")):
        parts.append(c.gettext("bonus %(points)s", points=c.num(a.get("bonus"))))
    penalty = a.get("penalty")
    if _nonzero(penalty) and isinstance(penalty, int | Fraction):
        parts.append(c.gettext("deductions %(points)s", points=c.num(-penalty)))
    if _nonzero(a.get("adjustments")):
        parts.append(c.gettext("adjustments %(points)s", points=c.signed(a.get("adjustments"))))
    values = {"total": c.num(a.get("total")), "maximum": c.num(a.get("maximum"))}
    if a.get("clamped"):
        head = c.gettext("%(total)s points, capped at the maximum of %(maximum)s", **values)
    else:
        head = c.gettext("%(total)s points out of %(maximum)s", **values)
    if len(parts) == 1:
        return head
    return c.gettext("%(total)s (%(parts)s)", total=head, parts=", ".join(parts))


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
        "%(score)s points is in the band of “%(grade)s” (%(band)s)",
        score=c.num(a.get("score")),
        grade=c.grade(a.get("grade")),
        band=band_text(c, a),
    )


def _no_band(c: Context, a: Args) -> str:
    return c.gettext("%(score)s points is in no band of the scale: not rated", score=c.num(a.get("score")))


def same_label(c: Context, label: object, grade: object) -> bool:
    """Whether a reported label is the grade itself (its id, name or abbreviation), not a legacy label."""
    if not isinstance(label, str) or not isinstance(grade, str):
        return False
    return label.strip().casefold() in {f.casefold() for f in c.names.grade_forms(grade)}


def _reported(c: Context, a: Args) -> str:
    label, grade = a.get("label"), a.get("grade")
    if same_label(c, label, grade):
        return c.gettext("The rating is the one the unit reported")
    return c.gettext(
        "The unit reported “%(label)s”, which is the grade “%(grade)s”", label=c.q(str(label)), grade=c.grade(grade)
    )


def _requirement_failed(c: Context, a: Args) -> str:
    return c.gettext(
        "A requirement of “%(from)s” is not met: one grade down, to “%(to)s”",
        **{"from": c.grade(a.get("from")), "to": c.grade(a.get("to"))},
    )


def _disqualified(c: Context, a: Args) -> str:
    return c.gettext(
        "“%(disqualifier)s” applies: the grade is limited from “%(from)s” to “%(to)s”",
        **{
            "disqualifier": c.q(c.names.disqualifier(str(a.get("disqualifier")))),
            "from": c.grade(a.get("from")),
            "to": c.grade(a.get("to")),
        },
    )


def _cap_values(c: Context, a: Args) -> dict[str, str]:
    tie_break = _tuple(a.get("tie_break"))
    order = (
        c.gettext(
            "by score, then by %(measures)s (higher first)",
            measures=c.listing([lower_first(c.names.measure(x)) for x in tie_break]),
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


def _cap_rule(c: Context, values: dict[str, str]) -> str:
    return c.gettext(
        "In %(group)s at most %(share)s of the units rated “%(of_grade)s” or better may be rated “%(grade)s”: "
        "%(share)s of %(base)s is %(allowed)s (%(rounding)s), and %(holders)s reached it",
        **values,
    )


def _cap_kept(c: Context, a: Args) -> str:
    values = _cap_values(c, a)
    kept = c.gettext("Ordered %(order)s, the unit is among those kept", **values)
    return _cap_rule(c, values) + ". " + kept


def _cap_cut(c: Context, a: Args) -> str:
    values = _cap_values(c, a)
    cut = c.gettext(
        "Ordered %(order)s, the unit is not among the %(allowed)s kept (units tied at the cut all drop), "
        "so it is lowered to “%(to)s”",
        to=c.grade(a.get("to")),
        **values,
    )
    text = _cap_rule(c, values) + ". " + cut
    tied = _tuple(a.get("tied"))
    if tied:
        text += "; " + c.gettext(
            "tied at the cut at %(value)s points with %(units)s",
            value=c.num(a.get("value")),
            units=c.units(tied),
        )
    return text


def _cap_unordered(c: Context, a: Args) -> str:
    values = _cap_values(c, a)
    values["units"] = c.units(_tuple(a.get("units")))
    unordered = c.gettext(
        "They are %(units)s. No score orders them (their grades were reported), so no grade is lowered: "
        "the cap is a check on the decision, for the meeting to settle",
        **values,
    )
    return _cap_rule(c, values) + ". " + unordered


# -- review --------------------------------------------------------------------------------


def _stage(c: Context, value: object) -> str:
    """A stage's name, to be put in quotes."""
    return c.q(c.names.stage(str(value)))


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
        units=c.units(_tuple(a.get("units"))),
    )


# -- awards and lineage ----------------------------------------------------------------


def _award_exclusive(c: Context, a: Args) -> str:
    return c.gettext(
        "Already receives %(awards)s, which excludes this award",
        awards=c.listing([f"“{c.q(c.names.award(x))}”" for x in _tuple(a.get("held"))]),
    )


def _award_quota(c: Context, a: Args) -> str:
    values = {
        "position": c.ordinal(a.get("position")),
        "eligible": c.num(a.get("eligible")),
        "group": c.group(a.get("group")),
        "allowed": c.num(a.get("allowed")),
    }
    if a.get("granted"):
        return c.gettext(
            "Eligible; %(position)s of the %(eligible)s eligible units of %(group)s by rank, "
            "within the quota of %(allowed)s: granted",
            **values,
        )
    if a.get("tied"):
        text = c.gettext(
            "Eligible; %(position)s of the %(eligible)s eligible units of %(group)s by rank, "
            "tied at the quota of %(allowed)s: not granted (units tied at the cut are all left out)",
            **values,
        )
        tied_with = _tuple(a.get("tied_with"))
        if tied_with:
            value = a.get("value")
            shown_value = (
                c.gettext("%(score)s points", score=c.num(value))
                if isinstance(value, int | Fraction)
                else "“" + c.q(c.grade(value)) + "”"
            )
            text += "; " + c.gettext("tied at %(value)s with %(units)s", units=c.units(tied_with), value=shown_value)
        return text
    return c.gettext(
        "Eligible; %(position)s of the %(eligible)s eligible units of %(group)s by rank, "
        "beyond the quota of %(allowed)s: not granted",
        **values,
    )


def _award_ineligible(c: Context, _a: Args) -> str:
    return c.gettext("Not eligible: a condition is not met")


def _dated(c: Context, on: object, text: str) -> str:
    if isinstance(on, dt.date):
        return c.gettext("From %(on)s, %(change)s", on=c.date(on), change=text)
    return text


def _one_link(c: Context, kind: object, units: str, *, area: bool, several: bool) -> str:
    if kind == "merged_into":
        if area:
            return c.gettext("the whole area went into %(units)s", units=units)
        return c.gettext("merged into %(units)s", units=units)
    if kind == "split_into":
        if several:
            return c.gettext("the area went into %(units)s, a part into each", units=units)
        return c.gettext("part of the area went into %(units)s", units=units)
    if kind == "merged_from":
        return c.gettext("took in the whole of %(units)s", units=units)
    if kind == "split_from":
        return c.gettext("took in part of %(units)s", units=units)
    if kind == "renamed_to":
        return c.gettext("renamed %(units)s", units=units)
    if kind == "renamed_from":
        return c.gettext("formerly %(units)s", units=units)
    return f"{kind}: {units}"


def _lineage(c: Context, a: Args) -> str:
    unit = c.unit(a.get("unit"))
    text = _one_link(c, a.get("kind"), unit, area=c.names.is_area(str(a.get("unit"))), several=False)
    return _dated(c, a.get("on"), text)


def lineage_sentences(c: Context, unit_id: str, steps: list[Step]) -> list[str]:
    """The lineage of one unit in sentences, the links of one kind and date in one sentence.

    A unit whose level ended the day before the change (the districts on
    1 July 2025) says so: "Từ ngày 01 tháng 7 năm 2025, không còn cấp huyện;
    địa bàn nhập vào xã …, xã … (mỗi nơi một phần)".
    """
    groups: dict[tuple[str, object], list[str]] = {}
    for s in steps:
        key = (str(s.args.get("kind")), s.args.get("on"))
        groups.setdefault(key, []).append(str(s.args.get("unit")))
    unit = c.names.unit_obj(unit_id)
    level = c.names.level_obj(unit.level) if unit is not None else None
    area = c.names.is_area(unit_id)
    out = []
    for (kind, on), targets in groups.items():
        text = _one_link(c, kind, c.units(targets), area=area, several=len(targets) > 1)
        ended = (
            kind in ("merged_into", "split_into")
            and isinstance(on, dt.date)
            and level is not None
            and level.valid_to is not None
            and level.valid_to < on
        )
        if ended and level is not None:
            text = c.gettext(
                "the level of %(level)s no longer exists; %(change)s", level=c.level(level.id), change=text
            )
        sentence = _dated(c, on, text)
        out.append(sentence[:1].upper() + sentence[1:])
    return out


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
    '8/10 ấp, khu phố xếp loại “Hoàn thành tốt nhiệm vụ” trở lên, đạt 80%; chỉ tiêu: từ 80% trở lên'
    >>> format_step(step, campaign=load_campaign(), locale="en")
    '8 of 10 units (hamlet or quarter) rated “Completed tasks well” or better, 80%; target: at least 80%'

    .. versionadded:: 0.1.0
    """
    return render_step(Context(campaign, locale), step)
