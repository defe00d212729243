"""Ratings: score bands, requirements, disqualifiers and caps on a grade's share."""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction

import attrs

from thidua import model as m
from thidua.engine import _codes as codes
from thidua.engine._outcomes import (
    Deferred,
    LazyStep,
    RatingOutcome,
    Status,
    Step,
    TraceValue,
    build_steps,
    new_rating_outcome,
)
from thidua.engine._rules import check_condition
from thidua.engine._run import Run, share_of_count
from thidua.errors import EvaluationError

__all__ = ["apply_caps", "compile_rater", "rate", "sort_key"]


def rate(run: Run, unit: str) -> RatingOutcome:
    level = run.prepared.units[unit].level
    scale = run.scale(level)
    if scale is None:
        return RatingOutcome(unit, None, "none")
    score = run.scores.get(unit)
    if score is not None and scale.bands:
        found = run.rater(scale)(unit, score.total)
        if found is not None:
            return found
    trace: list[Step | LazyStep] = []
    result = run.results.get(unit)
    if score is not None and scale.bands:
        band = scale.band_for(score.total)
        if band is None:
            trace.append(Step("no_band", {"score": score.total}))
            return RatingOutcome(unit, None, "computed", None, trace=build_steps(trace))
        grade = band.grade
        band_grade = grade
        trace.append(("band", (score.total, grade, band.min, band.max, band.include_min, band.include_max)))
        source = "computed"
    elif result is not None and result.rating is not None:
        resolved = scale.resolve(result.rating)
        if resolved is None:
            raise EvaluationError(codes.UNKNOWN_REPORTED_GRADE(grade=result.rating), unit_id=unit)
        grade = resolved
        band_grade = None
        trace.append(Step("reported", {"label": result.rating, "grade": grade}))
        source = "reported"
    else:
        return RatingOutcome(unit, None, "none", trace=(Step("unrated", {"units": (unit,), "policy": "none"}),))
    # requirements: fall one grade while the grade's conditions fail
    ranks = run.ranks(scale)
    while True:
        pos = ranks[grade]
        g = scale.grades[pos]
        failed = False
        for cond in g.requires:
            ok, cond_trace = check_condition(run, cond, unit)
            if not ok:
                failed = True
                trace.extend(cond_trace)
                break
        if not failed or pos == len(scale.grades) - 1:
            break
        grade = scale.grades[pos + 1].id
        trace.append(Step("requirement_failed", {"from": g.id, "to": grade}))
    for d in scale.disqualifiers:
        hit, cond_trace = check_condition(run, d.when, unit)
        if hit and ranks[grade] < ranks[d.max_grade]:
            trace.extend(cond_trace)
            trace.append(Step("disqualified", {"disqualifier": d.id, "from": grade, "to": d.max_grade}))
            grade = d.max_grade
    # the steps are made when the trace is first read
    return RatingOutcome(unit, grade, source, band_grade, trace=functools.partial(build_steps, trace))


#: rates a unit from its total in the usual case (see :func:`compile_rater`), or gives ``None``
Rater = Callable[[str, Fraction], RatingOutcome | None]
_NOT_MET = Status.NOT_MET


def _never(_unit: str, _total: Fraction) -> None:
    return None


def compile_rater(run: Run, scale: m.RatingScale) -> Rater:
    """The usual rating on *scale* compiled: the band of the total found in integers, then, as
    :func:`rate` does, one grade lower while the grade's requirements fail and the scale's
    disqualifiers, with the steps of the trace made when first read.

    It rates a unit whose requirements and disqualifiers can be decided from its targets and its
    flags; any other unit (no band, a flag missing: decided under the missing-input policy), and
    every unit of a scale with a requirement or disqualifier of another kind than "all targets
    met" and a flag, gets ``None`` and is rated by the general rule.
    """
    requires: dict[str, tuple[m.Condition, ...]] = {g.id: g.requires for g in scale.grades}
    if any(not isinstance(c, m.AllTargetsMet | m.Flag) for conds in requires.values() for c in conds):
        return _never
    if any(not isinstance(d.when, m.Flag) for d in scale.disqualifiers):
        return _never
    ranks = run.ranks(scale)
    grade_ids = scale.grade_ids
    last = len(grade_ids) - 1
    # each grade's requirements by position: (True, None) for "all targets met", (False, flag)
    required = [
        tuple((True, None) if isinstance(c, m.AllTargetsMet) else (False, c.flag) for c in requires[g])  # type: ignore[union-attr]
        for g in grade_ids
    ]
    disqualifiers = tuple(
        (d.id, d.when.flag, d.max_grade, ranks[d.max_grade])  # type: ignore[union-attr]
        for d in scale.disqualifiers
    )
    bands = [
        (
            b,
            b.min.numerator if b.min is not None else None,
            b.min.denominator if b.min is not None else 1,
            b.include_min,
            b.max.numerator if b.max is not None else None,
            b.max.denominator if b.max is not None else 1,
            b.include_max,
        )
        for b in scale.bands
    ]
    unit_targets = run.unit_targets
    results = run.results

    def rate_total(unit: str, total: Fraction) -> RatingOutcome | None:
        num, den = total.numerator, total.denominator
        for band, lo_n, lo_d, inc_lo, hi_n, hi_d, inc_hi in bands:  # noqa: B007 - the band found is read after
            if lo_n is not None:
                below = num * lo_d - lo_n * den
                if below < 0 or (below == 0 and not inc_lo):
                    continue
            if hi_n is not None:
                above = num * hi_d - hi_n * den
                if above > 0 or (above == 0 and not inc_hi):
                    continue
            break
        else:
            return None  # no band: the general rule says so
        grade = band.grade
        pos = ranks[grade]
        row = results.get(unit)
        flags = row.flags if row is not None else None  # no row: a flag read is missing (the general rule)
        steps: list[Step | LazyStep] = []  # what lowered the grade, if anything did
        while True:  # one grade lower while a requirement fails, as rate() does
            failed: LazyStep | None = None
            for all_targets, flag in required[pos]:
                if all_targets:
                    outcomes = unit_targets.get(unit)
                    if outcomes is not None:
                        missed = [o.target for o in outcomes.values() if o.status is _NOT_MET]
                        if missed:
                            failed = ("cond_all_targets", (tuple(missed), len(outcomes)))
                            break
                else:
                    value = flags.get(flag) if flags is not None else None  # type: ignore[arg-type]
                    if value is None:
                        return None  # a missing flag: the policy decides (the general rule)
                    if not value:
                        failed = ("cond_flag", (flag, False))
                        break
            if failed is None:
                break
            steps.append(failed)
            if pos == last:
                break
            pos += 1
            steps.append(Step("requirement_failed", {"from": grade, "to": grade_ids[pos]}))
            grade = grade_ids[pos]
        for d_id, flag, max_grade, max_rank in disqualifiers:
            hit = flags.get(flag) if flags is not None else None
            if hit is None:
                return None  # a missing flag: the policy decides (the general rule)
            if hit and ranks[grade] < max_rank:
                steps.append(("cond_flag", (flag, True)))
                steps.append(Step("disqualified", {"disqualifier": d_id, "from": grade, "to": max_grade}))
                grade = max_grade
        trace = Deferred((_rated_steps, total, band, tuple(steps)))
        return new_rating_outcome(unit, grade, "computed", band.grade, trace=trace)

    return rate_total


def _rated_steps(total: Fraction, band: m.Band, steps: tuple[Step | LazyStep, ...]) -> tuple[Step, ...]:
    """The trace of a rating by its band, and what lowered it (requirements, disqualifiers), if anything."""
    return build_steps([("band", (total, band.grade, band.min, band.max, band.include_min, band.include_max)), *steps])


def sort_key(run: Run, unit: str, keys: tuple[str, ...]) -> tuple[Fraction, ...]:
    env = run.env(unit)
    out: list[Fraction] = []
    for k in keys:
        v = env.get(k)
        out.append(v if isinstance(v, Fraction) else Fraction(-(10**30)))
    return tuple(out)


def apply_caps(run: Run, level: str, units: list[str], clusters: list[m.Cluster] | None = None) -> None:
    """Apply the caps of *level*'s scale, in the campaign's clusters (or only *clusters*) or the level."""
    scale = run.scale(level)
    if scale is None:
        return
    for cap in scale.caps:
        if cap.within == "cluster":
            groups = [
                (c.id, [u for u in c.members if u in run.ratings and run.prepared.units[u].level == level])
                for c in (run.campaign.clusters if clusters is None else clusters)
            ]
        else:
            groups = [(f"level:{level}", units)]
        for group_id, members in groups:
            rated = [u for u in members if run.ratings[u].grade is not None]
            base = [u for u in rated if scale.at_least(run.ratings[u].grade or "", cap.of_grade)]
            holders = [u for u in rated if run.ratings[u].grade == cap.grade]
            allowed = share_of_count(cap.at_most, len(base), cap.rounding)
            run.cap_checks.pop((group_id, cap.grade), None)
            if len(holders) <= allowed:
                continue
            step_args: dict[str, TraceValue] = {
                "grade": cap.grade,
                "share": cap.at_most,
                "base": len(base),
                "of_grade": cap.of_grade,
                "allowed": allowed,
                "holders": len(holders),
                "rounding": cap.rounding.value,
                "group": group_id,
            }
            if not all(u in run.scores for u in holders):
                # grades reported without scores: nothing orders the units, so no grade is lowered;
                # the cap is a check on the decision (a conflict for the meeting to settle)
                run.cap_checks[group_id, cap.grade] = (cap.grade, allowed, tuple(sorted(holders)))
                unordered = Step("cap_unordered", {**step_args, "units": tuple(sorted(holders))})
                for u in holders:
                    r = run.ratings[u]
                    run.ratings[u] = m_evolve(r, trace=(*r.trace, unordered))
                continue

            def key(u: str, tie_break: tuple[str, ...] = cap.tie_break) -> tuple[Fraction, ...]:
                s = run.scores[u]
                return (s.total, *sort_key(run, u, tie_break))

            ordered = sorted(holders, key=lambda u: (tuple(-x for x in key(u)), u))
            kept = ordered[:allowed]
            tied_units: tuple[str, ...] = ()
            tied_value: Fraction | None = None
            if allowed and allowed < len(ordered) and key(ordered[allowed]) == key(ordered[allowed - 1]):
                tied = key(ordered[allowed])
                kept = [u for u in kept if key(u) != tied]
                tied_units = tuple(u for u in ordered if key(u) == tied)
                tied_value = tied[0]
            lower = scale.grade_ids[min(scale.rank_of(cap.grade) + 1, len(scale.grades) - 1)]
            step_args["tie_break"] = cap.tie_break
            for u in holders:
                r = run.ratings[u]
                if u in kept:
                    run.ratings[u] = m_evolve(r, trace=(*r.trace, Step("cap_kept", step_args)))
                else:
                    is_tied = u in tied_units
                    cut_args = {
                        **step_args,
                        "to": lower,
                        "tied": tuple(x for x in tied_units if x != u) if is_tied else (),
                        "value": tied_value if is_tied else None,
                    }
                    run.ratings[u] = m_evolve(r, grade=lower, capped=True, trace=(*r.trace, Step("cap_cut", cut_args)))
                run.grades[u] = run.ratings[u].grade


def m_evolve(r: RatingOutcome, **changes: object) -> RatingOutcome:
    """attrs.evolve, typed for ratings."""

    return attrs.evolve(r, **changes)  # type: ignore[arg-type]
