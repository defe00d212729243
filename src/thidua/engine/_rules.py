"""Targets and conditions decided for one unit, with their trace."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from thidua import model as m
from thidua.engine._compare import ge, needed, reaches
from thidua.engine._outcomes import STEP_CODES, Status, Step, TargetOutcome, TraceValue
from thidua.errors import MissingInputError, RuleError
from thidua.formula import evaluate as eval_formula

if TYPE_CHECKING:
    from thidua.engine._run import Run

__all__ = ["check_condition", "evaluate_target"]


class _Missing(Exception):  # noqa: N818 - internal signal, never escapes
    def __init__(self, what: str) -> None:
        self.what = what


def _policy(run: Run, t: m.Target) -> m.MissingPolicy:
    return t.missing or run.campaign.missing


def _trace(
    before: tuple[Step, ...], code: str, values: tuple[TraceValue, ...], after: tuple[Step, ...], met: bool
) -> tuple[Step, ...]:
    """The steps of a target's explanation, built when they are first read.

    *values* are the arguments of the step *code*, in the order of :data:`STEP_CODES`.
    """
    args = dict(zip(STEP_CODES[code], values, strict=True))
    return (*before, Step(code, args), *after, Step("verdict", {"met": met}))


def _outcome(
    t: m.Target,
    subject: str,
    kind: str,
    met: bool,
    step: tuple[str, tuple[TraceValue, ...]],
    *,
    before: tuple[Step, ...] = (),
    after: tuple[Step, ...] = (),
    numerator: Fraction | int | None = None,
    denominator: Fraction | int | None = None,
    share: Fraction | None = None,
    threshold: Fraction | int | dt.date | None = None,
    shortfall: Fraction | int | None = None,
    alternative: Fraction | None = None,
) -> TargetOutcome:
    """A target's outcome; its trace (*before*, the kind's *step*, *after*, the verdict) is built on first read."""
    return TargetOutcome(
        t.id,
        subject,
        kind,
        Status.MET if met else Status.NOT_MET,
        numerator,
        denominator,
        share,
        threshold,
        shortfall,
        alternative,
        functools.partial(_trace, before, step[0], step[1], after, met),
    )


_KIND = m.TARGET_KINDS
#: the texts of the bases (reading an enum's value is slow enough to show nationally)
_BASES = {b: b.value for b in m.Base}
_ZERO = Fraction(0)


def evaluate_target(run: Run, t: m.Target, subject: str, cluster: m.Cluster | None) -> TargetOutcome:
    """Decide target *t* for *subject* (a unit id, or a cluster id when *cluster* is given)."""
    kind = _KIND[type(t)]
    try:
        return _RULES[type(t)](run, t, subject, cluster, kind)
    except _Missing as exc:
        policy = _policy(run, t)
        if policy is m.MissingPolicy.ERROR:
            msg = f"missing input {exc.what} (missing-input policy: error)"
            raise MissingInputError(msg, unit_id=subject, rule_id=t.id, period=str(run.campaign.year)) from None
        trace = [Step("missing", {"what": exc.what, "policy": policy.value})]
        if policy is m.MissingPolicy.EXCLUDE:
            return TargetOutcome(t.id, subject, kind, Status.EXCLUDED, trace=tuple(trace))
        trace.append(Step("verdict", {"met": False}))
        return TargetOutcome(t.id, subject, kind, Status.NOT_MET, trace=tuple(trace))


def _grade_counts(
    run: Run, t: m.Target, subject: str, cluster: m.Cluster | None, level: str
) -> tuple[dict[str, int], int, tuple[Step, ...]]:
    """Counts of sub-units by grade on *level*, computed once per unit, level and missing-input policy."""
    if cluster is not None:
        counts, unrated, trace = _count_grades(run, t, subject, cluster, level)
        return counts, unrated, tuple(trace)
    key = (level, t.missing or run.campaign.missing)
    cache = run.grade_counts.get(subject)
    if cache is None:
        cache = run.grade_counts[subject] = {}
    found = cache.get(key)
    if found is None:
        counts, unrated, trace = _count_grades(run, t, subject, cluster, level)
        found = cache[key] = (counts, unrated, tuple(trace))
    return found


def _count_grades(
    run: Run, t: m.Target, subject: str, cluster: m.Cluster | None, level: str
) -> tuple[dict[str, int], int, list[Step]]:
    """Counts of sub-units by grade on *level*, and how many are unrated and counted as not reaching."""
    scale = run.scale(level)
    assert scale is not None  # noqa: S101 - validation guarantees it
    counts = dict.fromkeys(run.ranks(scale), 0)
    trace: list[Step] = []
    unrated_in_base = 0
    policy = _policy(run, t)
    sources = list(cluster.members) if cluster is not None else [subject]
    for src in sources:
        src_unit = run.prepared.units[src]
        if cluster is not None and src_unit.level == level:
            grade = run.grades.get(src)
            if grade is None:
                unrated_in_base += _unrated(run, t, policy, [src], trace)
            else:
                counts[grade] += 1
            continue
        result = run.results.get(src)
        if result is not None and level in result.counts:
            for label, n in result.counts[level].items():
                resolved = run.resolve(scale, label)
                assert resolved is not None  # noqa: S101 - validated with the results
                counts[resolved] += n
            trace.append(Step("counts_reported", {"unit": src, "level": level}))
            continue
        subs = run.prepared.descendants_at(src, level)
        if not subs:
            raise _Missing(f"counts.{level} of {src}")
        unrated = [d for d in subs if run.grades.get(d) is None]
        for d in subs:
            grade = run.grades.get(d)
            if grade is not None:
                counts[grade] += 1
        if unrated:
            unrated_in_base += _unrated(run, t, policy, unrated, trace)
    return counts, unrated_in_base, trace


def _unrated(run: Run, t: m.Target, policy: m.MissingPolicy, units: list[str], trace: list[Step]) -> int:
    if policy is m.MissingPolicy.ERROR:
        msg = f"no rating for {', '.join(units)} (missing-input policy: error)"
        raise MissingInputError(msg, unit_id=units[0], rule_id=t.id, period=str(run.campaign.year))
    trace.append(Step("unrated", {"units": tuple(units), "policy": policy.value}))
    return len(units) if policy is m.MissingPolicy.NOT_MET else 0


def _at_least(run: Run, scale: m.RatingScale, counts: Mapping[str, int], grade: str) -> int:
    n = 0
    for g in run.at_or_above(scale, grade):
        n += counts[g]
    return n


def _share_root(run: Run, t: m.OfWhichTarget) -> m.ShareTarget:
    cur: m.Target = t
    while isinstance(cur, m.OfWhichTarget):
        cur = run.prepared.targets[cur.parent]
    assert isinstance(cur, m.ShareTarget)  # noqa: S101 - validation guarantees it
    return cur


def _measure(run: Run, subject: str, cluster: m.Cluster | None, name: str) -> Fraction:
    if cluster is None:
        value = run.env(subject).get(name)
        if value is not None and not isinstance(value, bool):
            return value
    units = list(cluster.members) if cluster is not None else [subject]
    total = _ZERO
    for u in units:
        env = run.env(u)
        if name not in env:
            raise _Missing(f"measures.{name} of {u}")
        value = env[name]
        if isinstance(value, bool):
            raise _Missing(f"measures.{name} of {u} (a true/false value, not a number)")
        total += value
    return total


def _share(run: Run, t: m.ShareTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    scale = run.scale(t.counts)
    assert scale is not None  # noqa: S101
    counts, unrated, before = _grade_counts(run, t, subject, cluster, t.counts)
    num = _at_least(run, scale, counts, t.grade)
    den = sum(counts.values()) + unrated
    if den == 0:
        raise _Missing(f"sub-units on level {t.counts} of {subject}")
    share = Fraction(num, den)
    met = reaches(num, den, t.at_least)
    return _outcome(
        t,
        subject,
        kind,
        met,
        ("share", (num, den, share, t.counts, t.grade, t.at_least)),
        before=before,
        numerator=num,
        denominator=den,
        share=share,
        threshold=t.at_least,
        shortfall=needed(t.at_least, num, den),
    )


def _of_which(run: Run, t: m.OfWhichTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    parent = run.target(t.parent, subject, cluster)
    if parent.status is Status.EXCLUDED:
        raise _Missing(f"target {t.parent} (excluded)")
    plan = run.of_which_plans.get(t.id)
    if plan is None:
        # the level counted and the grade to reach are the same for every unit
        root = _share_root(run, t)
        scale = run.scale(root.counts)
        assert scale is not None  # noqa: S101
        ranks = run.ranks(scale)
        parent_grade = _grade_of(run, t.parent)
        best = t.grade if ranks[t.grade] <= ranks[parent_grade] else parent_grade
        plan = run.of_which_plans[t.id] = (root.counts, scale, best)
    level, scale, best = plan
    counts, unrated, before = _grade_counts(run, t, subject, cluster, level)
    num = _at_least(run, scale, counts, best)
    all_den = sum(counts.values()) + unrated
    parent_den = int(parent.numerator or 0)
    den = parent_den if t.base is m.Base.PARENT else all_den
    other = all_den if t.base is m.Base.PARENT else parent_den
    share = Fraction(num, den) if den else Fraction(0)
    alternative = Fraction(num, other) if other else None
    met = den > 0 and reaches(num, den, t.at_least)
    values = (
        num,
        den,
        share,
        t.grade,
        t.at_least,
        _BASES[t.base],
        t.parent,
        alternative,
        other > 0 and reaches(num, other, t.at_least),
    )
    return _outcome(
        t,
        subject,
        kind,
        met,
        ("of_which", values),
        before=before,
        after=() if den else (Step("empty_base", {"parent": t.parent}),),
        numerator=num,
        denominator=den,
        share=share if den else None,
        threshold=t.at_least,
        shortfall=needed(t.at_least, num, den),
        alternative=alternative,
    )


def _zero_count(run: Run, t: m.ZeroCountTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    scale = run.scale(t.counts)
    assert scale is not None  # noqa: S101
    counts, unrated, before = _grade_counts(run, t, subject, cluster, t.counts)
    ranks = run.ranks(scale)
    limit = ranks[t.grade]
    bad = sum(n for g, n in counts.items() if ranks[g] >= limit)
    # under the not_met policy an unrated sub-unit could be the weak one: not met
    return _outcome(
        t,
        subject,
        kind,
        bad == 0 and unrated == 0,
        ("zero_count", (bad, t.counts, t.grade)),
        before=before,
        numerator=bad,
        threshold=0,
        shortfall=bad,
    )


def _count(run: Run, t: m.CountTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    value = _measure(run, subject, cluster, t.measure)
    met = ge(value, t.at_least)
    return _outcome(
        t,
        subject,
        kind,
        met,
        ("count", (t.measure, value, t.at_least)),
        numerator=value,
        threshold=t.at_least,
        shortfall=_ZERO if met else t.at_least - value,
    )


def _quota(run: Run, t: m.QuotaTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    raised = _measure(run, subject, cluster, t.measure)
    quota = Fraction(t.quota) if t.quota is not None else _measure(run, subject, cluster, t.quota_measure or "")
    if raised.denominator != 1 or quota.denominator != 1:
        raise RuleError(f"target {t.id!r}: amounts in VND must be whole numbers for {subject!r}")
    r, q = raised.numerator, quota.numerator  # whole numbers of dong, compared as integers
    return _outcome(
        t,
        subject,
        kind,
        r >= q,
        ("quota", (t.measure, r, q)),
        numerator=r,
        denominator=q,
        share=Fraction(r, q) if q else None,
        threshold=q,
        shortfall=max(0, q - r),
    )


def _deadline(run: Run, t: m.DeadlineTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    units = list(cluster.members) if cluster is not None else [subject]
    dates = []
    for u in units:
        r = run.results.get(u)
        if r is None or t.event not in r.dates:
            raise _Missing(f"dates.{t.event} of {u}")
        dates.append(r.dates[t.event])
    done = max(dates)
    step = ("deadline", (t.event, done, t.by))
    return _outcome(t, subject, kind, done <= t.by, step, threshold=t.by)


def _change(run: Run, t: m.ChangeTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    value = _measure(run, subject, cluster, t.measure)
    base = _measure(run, subject, cluster, t.baseline)
    change = base - value if t.direction == "decrease" else value - base
    values = (t.measure, base, value, change, t.direction, t.by_at_least)
    met = ge(change, t.by_at_least)
    return _outcome(
        t,
        subject,
        kind,
        met,
        ("change", values),
        numerator=change,
        threshold=t.by_at_least,
        shortfall=_ZERO if met else t.by_at_least - change,
    )


def _formula(run: Run, t: m.FormulaTarget, subject: str, cluster: m.Cluster | None, kind: str) -> TargetOutcome:
    node = run.prepared.formulas[f"target:{t.id}"]
    env = run.env(subject) if cluster is None else run.cluster_env(cluster)
    try:
        verdict = eval_formula(node, env)
    except KeyError as exc:
        raise _Missing(f"measures.{exc.args[0]} of {subject}") from None
    if not isinstance(verdict, bool):
        raise RuleError(f"target {t.id!r}: the formula {t.formula!r} gives a number, not true/false")
    return _outcome(t, subject, kind, verdict, ("formula", (t.formula, verdict)))


#: the rule of each target kind
_RULES: dict[type, Callable[..., TargetOutcome]] = {
    m.ShareTarget: _share,
    m.OfWhichTarget: _of_which,
    m.ZeroCountTarget: _zero_count,
    m.CountTarget: _count,
    m.QuotaTarget: _quota,
    m.DeadlineTarget: _deadline,
    m.ChangeTarget: _change,
    m.FormulaTarget: _formula,
}


def _grade_of(run: Run, target_id: str) -> str:
    t = run.prepared.targets[target_id]
    assert isinstance(t, m.ShareTarget | m.OfWhichTarget)  # noqa: S101
    return t.grade


def check_condition(run: Run, cond: m.Condition, unit: str, *, group: str | None = None) -> tuple[bool, list[Step]]:
    """Decide a condition for a unit; return the verdict and its trace."""
    if isinstance(cond, m.AllTargetsMet):
        outcomes = run.unit_targets.get(unit, {})
        failed = tuple(t.target for t in outcomes.values() if t.status is Status.NOT_MET)
        return not failed, [Step("cond_all_targets", {"failed": failed, "count": len(outcomes)})]
    if isinstance(cond, m.TargetMet):
        outcome = run.unit_targets.get(unit, {}).get(cond.target)
        if outcome is None:
            for cl in run.prepared.unit_clusters.get(unit, ()):
                outcome = run.cluster_target_out.get(cl, {}).get(cond.target) or outcome
        ok = outcome is not None and outcome.met
        return ok, [Step("cond_target", {"target": cond.target, "met": ok})]
    if isinstance(cond, m.MinGrade):
        grade = run.grades.get(unit)
        scale = run.scale(run.prepared.units[unit].level)
        ranks = run.ranks(scale) if scale is not None else {}
        ok = grade is not None and cond.grade in ranks and ranks[grade] <= ranks[cond.grade]
        return ok, [Step("cond_min_grade", {"grade": grade, "required": cond.grade, "met": ok})]
    if isinstance(cond, m.MaxRank):
        rank = run.rank_in(unit, group)
        ok = rank is not None and rank <= cond.rank
        return ok, [Step("cond_rank", {"rank": rank, "required": cond.rank, "met": ok})]
    if isinstance(cond, m.IsHead):
        heads = [cl for cl in run.prepared.unit_clusters.get(unit, ()) if run.prepared.clusters[cl].head == unit]
        return bool(heads), [Step("cond_head", {"met": bool(heads), "clusters": tuple(heads)})]
    if isinstance(cond, m.Flag):
        r = run.results.get(unit)
        if r is None or cond.flag not in r.flags:
            return run.missing_condition(unit, f"flags.{cond.flag}")
        ok = r.flags[cond.flag]
        return ok, [Step("cond_flag", {"flag": cond.flag, "value": ok})]
    if isinstance(cond, m.MeasureAtLeast):
        env = run.env(unit)
        value = env.get(cond.measure)
        if value is None or isinstance(value, bool):
            return run.missing_condition(unit, f"measures.{cond.measure}")
        ok = value >= cond.value
        return ok, [Step("cond_measure", {"measure": cond.measure, "value": value, "required": cond.value, "met": ok})]
    if isinstance(cond, m.WhenFormula):
        node = run.formula(cond.formula)
        try:
            value = eval_formula(node, run.env(unit))
        except KeyError as exc:
            return run.missing_condition(unit, f"measures.{exc.args[0]}")
        if not isinstance(value, bool):
            raise RuleError(f"condition {cond.formula!r} gives a number, not true/false")
        return value, [Step("cond_formula", {"formula": cond.formula, "met": value})]
    if isinstance(cond, m.GradeStreak | m.TitleCount):
        return run.history_condition(cond, unit)
    assert isinstance(cond, m.AnyOf)  # noqa: S101
    trace: list[Step] = []
    ok = False
    for sub in cond.conditions:
        sub_ok, sub_trace = check_condition(run, sub, unit, group=group)
        trace.extend(sub_trace)
        ok = ok or sub_ok
    trace.append(Step("cond_any", {"met": ok}))
    return ok, trace
