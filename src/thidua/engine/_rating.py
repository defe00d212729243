"""Ratings: score bands, requirements, disqualifiers and caps on a grade's share."""

from __future__ import annotations

import functools
from fractions import Fraction

import attrs

from thidua import model as m
from thidua.engine import _codes as codes
from thidua.engine._outcomes import (
    LazyStep,
    RatingOutcome,
    Step,
    TraceValue,
    build_steps,
)
from thidua.engine._rules import check_condition
from thidua.engine._run import Run, apply_rounding
from thidua.errors import EvaluationError

__all__ = ["apply_caps", "rate", "sort_key"]


def rate(run: Run, unit: str) -> RatingOutcome:
    level = run.prepared.units[unit].level
    scale = run.scale(level)
    if scale is None:
        return RatingOutcome(unit, None, "none")
    score = run.scores.get(unit)
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
            allowed = apply_rounding(cap.at_most * len(base), cap.rounding)
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
