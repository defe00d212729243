"""Targets and conditions decided for one unit, with their trace."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from thidua import model as m
from thidua.engine import _codes as codes
from thidua.engine._compare import exact_difference, fraction, ge
from thidua.engine._outcomes import (
    STEP_CODES,
    Deferred,
    LazyStep,
    Status,
    Step,
    TargetOutcome,
    TraceValue,
    build_steps,
    new_target_outcome,
)
from thidua.errors import MissingInputError, RuleError
from thidua.formula import evaluate as eval_formula
from thidua.formula import identifiers as names

if TYPE_CHECKING:
    from thidua.engine._run import Run

__all__ = [
    "check_condition",
    "compile_member_targets",
    "compile_target",
    "condition_checks",
    "measures_read",
    "missing_outcome",
    "with_missing",
]


class _Missing(Exception):  # noqa: N818 - internal signal, never escapes
    def __init__(self, what: str) -> None:
        self.what = what


def _policy(run: Run, t: m.Target) -> m.MissingPolicy:
    return t.missing or run.campaign.missing


def _trace(
    before: tuple[Step | LazyStep, ...], code: str, values: tuple[TraceValue, ...], after: tuple[Step, ...], met: bool
) -> tuple[Step, ...]:
    """The steps of a target's explanation, built when they are first read.

    *values* are the arguments of the step *code*, in the order of :data:`STEP_CODES`.
    """
    args = dict(zip(STEP_CODES[code], values, strict=True))
    return (*build_steps(before), Step(code, args), *after, Step("verdict", {"met": met}))


#: what a rule compiled for one target does for a subject: decide it, or raise _Missing
_Decide = Callable[[str, "m.Cluster | None"], TargetOutcome]

_KIND = m.TARGET_KINDS
#: the texts of the bases (reading an enum's value is slow enough to show nationally)
_BASES = {b: b.value for b in m.Base}
_ZERO = Fraction(0)
_STATUS = {True: Status.MET, False: Status.NOT_MET}
_NOT_MET = Status.NOT_MET
_partial = functools.partial
_Deferred = Deferred


def compile_target(run: Run, t: m.Target) -> _Decide:
    """The rule of *t*'s kind with what is the same for every subject worked out once.

    The rule decides *t* for a subject (a unit id, or a cluster id with its cluster), or raises
    :class:`_Missing` for a missing input: the caller gives it to :func:`missing_outcome` (a unit's
    own targets do so in their loop, one call less per target and unit nationally), or wraps the
    rule with :func:`with_missing`.
    """
    return _RULES[type(t)](run, t, _KIND[type(t)])


def with_missing(run: Run, t: m.Target, decide: _Decide) -> _Decide:
    """*decide* with a missing input decided under *t*'s missing-input policy."""

    def decide_or_missing(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        try:
            return decide(subject, cluster)
        except _Missing as exc:
            return missing_outcome(run, t, subject, exc)

    return decide_or_missing


def missing_outcome(run: Run, t: m.Target, subject: str, exc: _Missing) -> TargetOutcome:
    """The outcome of a target whose input is missing, under its missing-input policy."""
    policy = _policy(run, t)
    if policy is m.MissingPolicy.ERROR:
        problem = codes.MISSING_INPUT(what=exc.what)
        raise MissingInputError(problem, unit_id=subject, rule_id=t.id, period=str(run.campaign.year)) from None
    kind = _KIND[type(t)]
    trace = [Step("missing", {"what": exc.what, "policy": policy.value})]
    if policy is m.MissingPolicy.EXCLUDE:
        return TargetOutcome(t.id, subject, kind, Status.EXCLUDED, trace=tuple(trace))
    trace.append(Step("verdict", {"met": False}))
    return TargetOutcome(t.id, subject, kind, Status.NOT_MET, trace=tuple(trace))


#: a unit's grade counts on one level: by grade, unrated sub-units counted as not reaching,
#: the steps of the trace, and the base (every sub-unit counted, unrated ones included)
_Counts = tuple[dict[str, int], int, tuple[Step | LazyStep, ...], int]


def _grade_counts(run: Run, t: m.Target, subject: str, cluster: m.Cluster | None, level: str) -> _Counts:
    """Counts of sub-units by grade on *level*, computed once per unit, level and missing-input policy."""
    if cluster is not None:
        counts, unrated, trace = _count_grades(run, t, subject, cluster, level)
        return counts, unrated, tuple(trace), sum(counts.values()) + unrated
    key = (level, t.missing or run.campaign.missing)
    cache = run.grade_counts.get(subject)
    if cache is None:
        cache = run.grade_counts[subject] = {}
    found = cache.get(key)
    if found is None:
        counts, unrated, trace = _count_grades(run, t, subject, cluster, level)
        found = cache[key] = (counts, unrated, tuple(trace), sum(counts.values()) + unrated)
    return found


def _unit_counts(run: Run, t: m.Target, level: str) -> Callable[[str, m.Cluster | None], _Counts]:
    """:func:`_grade_counts` for *t*, with the cache key worked out once (the look-up of a unit's
    counts inlined: seven targets read them for each of 3,321 communes nationally)."""
    key = (level, t.missing or run.campaign.missing)
    cached = run.grade_counts

    def counts_of(subject: str, cluster: m.Cluster | None) -> _Counts:
        if cluster is None:
            mine = cached.get(subject)
            if mine is not None:
                found = mine.get(key)
                if found is not None:
                    return found
        return _grade_counts(run, t, subject, cluster, level)

    return counts_of


def _count_grades(
    run: Run, t: m.Target, subject: str, cluster: m.Cluster | None, level: str
) -> tuple[dict[str, int], int, list[Step | LazyStep]]:
    """Counts of sub-units by grade on *level*, and how many are unrated and counted as not reaching."""
    scale = run.scale(level)
    assert scale is not None  # noqa: S101 - validation guarantees it
    counts = dict.fromkeys(run.ranks(scale), 0)
    trace: list[Step | LazyStep] = []
    if cluster is None:
        result = run.results.get(subject)
        if result is not None:
            reported = result.counts.get(level)
            if reported is None and level in result.totals:
                reported = _NO_COUNTS  # a total alone: validation saw that it is 0
            if reported is not None:  # the unit reported its counts (the usual case)
                _add_reported(run, scale, counts, reported, subject, level, result)
                trace.append(("counts_reported", (subject, level)))
                return counts, 0, trace
    unrated_in_base = 0
    policy = _policy(run, t)
    sources = list(cluster.members) if cluster is not None else [subject]
    for src in sources:
        src_unit = run.prepared.units[src]
        if cluster is not None and src_unit.level == level:
            grade = run.grades.get(src)
            if grade is None:
                if src in run.excluded:  # not yet reviewed, or rejected: not counted
                    trace.append(Step("left_out_unreviewed", {"units": (src,)}))
                else:
                    unrated_in_base += _unrated(run, t, policy, [src], trace)
            else:
                counts[grade] += 1
            continue
        result = run.results.get(src)
        if result is not None and (level in result.counts or level in result.totals):
            _add_reported(run, scale, counts, result.counts.get(level, _NO_COUNTS), src, level, result)
            trace.append(("counts_reported", (src, level)))
            continue
        subs = run.prepared.descendants_at(src, level)
        if not subs:
            raise _Missing(f"counts.{level} of {src}")
        unrated = [d for d in subs if run.grades.get(d) is None]
        for d in subs:
            grade = run.grades.get(d)
            if grade is not None:
                counts[grade] += 1
        if unrated and run.excluded:
            left_out = tuple(d for d in unrated if d in run.excluded)  # not yet reviewed, or rejected
            if left_out:
                trace.append(Step("left_out_unreviewed", {"units": left_out}))
                unrated = [d for d in unrated if d not in run.excluded]
        if unrated:
            unrated_in_base += _unrated(run, t, policy, unrated, trace)
    return counts, unrated_in_base, trace


_NO_COUNTS: Mapping[str, int] = {}


def _add_reported(  # noqa: PLR0917 - called on the hot path of every share target
    run: Run,
    scale: m.RatingScale,
    counts: dict[str, int],
    reported: Mapping[str, int],
    unit: str,
    level: str,
    result: m.UnitResult,
) -> None:
    """Add counts a unit reported by grade label to *counts* (labels resolved once per evaluation).

    Without the unit's total of sub-units on *level*, a grade it left out is a
    missing input, never 0; with the total (validated: the counts add up to it),
    a grade left out counts 0.
    """
    known = run.labels(scale)
    for label, n in reported.items():
        grade = known.get(label) or run.resolve(scale, label)
        assert grade is not None  # noqa: S101 - validated with the results
        counts[grade] += n
    if level in result.totals or (len(reported) == len(counts) and all(map(counts.__contains__, reported))):
        return  # a total, or every grade given by its id (the usual case)
    covered = {known.get(label) or run.resolve(scale, label) for label in reported}
    blank = [g for g in counts if g not in covered]
    if blank:
        raise _Missing(f"counts.{level}.{','.join(blank)} of {unit}")


def _unrated(run: Run, t: m.Target, policy: m.MissingPolicy, units: list[str], trace: list[Step | LazyStep]) -> int:
    if policy is m.MissingPolicy.ERROR:
        problem = codes.NO_RATING(units=", ".join(units))
        raise MissingInputError(problem, unit_id=units[0], rule_id=t.id, period=str(run.campaign.year))
    trace.append(Step("unrated", {"units": tuple(units), "policy": policy.value}))
    return len(units) if policy is m.MissingPolicy.NOT_MET else 0


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


def _share(run: Run, t: m.ShareTarget, kind: str) -> _Decide:
    make, level = _share_rule(run, t, kind)
    counts_of = _unit_counts(run, t, level)

    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        counts, _, before, den = counts_of(subject, cluster)
        if den == 0:
            return _no_sub_units(t.id, subject, kind, level, before)
        return make(subject, counts, den, before)

    return decide


#: how a share target's outcome is made from a unit's counts by grade, their total and the steps before
_MakeShare = Callable[[str, Mapping[str, int], int, tuple["Step | LazyStep", ...]], TargetOutcome]


def _share_rule(run: Run, t: m.ShareTarget, kind: str) -> tuple[_MakeShare, str]:
    """What makes a share target's outcome from a unit's counts (shared by :func:`_share` and
    :func:`compile_member_targets`), and the level it counts."""
    scale = run.scale(t.counts)
    assert scale is not None  # noqa: S101
    above = run.at_or_above(scale, t.grade)
    tid, level, grade, threshold = t.id, t.counts, t.grade, t.at_least
    th_num, th_den = threshold.numerator, threshold.denominator

    def steps(before: tuple[Step | LazyStep, ...], num: int, den: int, share: Fraction, met: bool) -> tuple[Step, ...]:
        return _trace(before, "share", (num, den, share, level, grade, threshold), (), met)

    def make(subject: str, counts: Mapping[str, int], den: int, before: tuple[Step | LazyStep, ...]) -> TargetOutcome:
        num = 0
        for g in above:
            num += counts[g]
        share = _share_of(num, den)
        met = num * th_den >= th_num * den  # num / den >= threshold, in integers
        return new_target_outcome(
            tid,
            subject,
            kind,
            _STATUS[met],
            num,
            den,
            share,
            threshold,
            0 if met else -(-th_num * den // th_den) - num,  # how many more: ceil(threshold × den) - num
            None,
            _Deferred((steps, before, num, den, share, met)),
        )

    return make, level


#: shares of a few sub-units (8 of 10, 3 of 25...), made once and shared by every outcome with the same
_SHARES: dict[tuple[int, int], Fraction] = {}


def _share_of(num: int, den: int) -> Fraction:
    """``num / den``, one object per value for the counts of sub-units (a national evaluation makes
    60,000 shares of a few hundred values)."""
    key = (num, den)
    found = _SHARES.get(key)
    if found is None:
        if len(_SHARES) >= 1 << 16:
            _SHARES.clear()
        found = _SHARES[key] = fraction(num, den)
    return found


def _no_sub_units(tid: str, subject: str, kind: str, level: str, before: tuple[Step | LazyStep, ...]) -> TargetOutcome:
    """A share of no sub-units: left out, saying so (or a missing input, when sub-units went unrated).

    A unit with no sub-units on the level (it reported 0 of every grade, or a
    total of 0) has no share to reach: the target does not apply to it. This is
    the documented policy for share and "of which" targets; a "none rated weak"
    target of no sub-units is met (see ``docs/files.md``).
    """
    steps = build_steps(before)
    if any(step.code == "unrated" for step in steps):
        raise _Missing(f"sub-units on level {level} of {subject}")
    trace = (*steps, Step("no_sub_units", {"unit": subject, "level": level}))
    return TargetOutcome(tid, subject, kind, Status.EXCLUDED, trace=trace)


def _of_which(run: Run, t: m.OfWhichTarget, kind: str) -> _Decide:
    make, level = _of_which_rule(run, t, kind)
    parent_id = t.parent
    counts_of = _unit_counts(run, t, level)
    pending = run.pending

    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        mine = pending.get(subject)
        parent = mine.get(parent_id) if mine is not None else None
        if parent is None:
            parent = run.target(parent_id, subject, cluster)
        if parent.status is Status.EXCLUDED:
            if parent.trace and parent.trace[-1].code == "no_sub_units":
                return _no_sub_units(t.id, subject, kind, level, ())
            raise _Missing(f"target {parent_id} (excluded)")
        counts, _, before, all_den = counts_of(subject, cluster)
        return make(subject, counts, all_den, before, parent)

    return decide


#: how an "of which" target's outcome is made from a unit's counts, their total, the steps before and
#: the parent's outcome
_MakeOfWhich = Callable[[str, Mapping[str, int], int, tuple["Step | LazyStep", ...], TargetOutcome], TargetOutcome]


def _of_which_rule(run: Run, t: m.OfWhichTarget, kind: str) -> tuple[_MakeOfWhich, str]:
    """What makes an "of which" target's outcome (see :func:`_share_rule`), and the level it counts."""
    # the level counted and the grade to reach are the same for every unit
    root = _share_root(run, t)
    scale = run.scale(root.counts)
    assert scale is not None  # noqa: S101
    ranks = run.ranks(scale)
    parent_grade = _grade_of(run, t.parent)
    above = run.at_or_above(scale, t.grade if ranks[t.grade] <= ranks[parent_grade] else parent_grade)
    tid, level, parent_id, threshold, grade = t.id, root.counts, t.parent, t.at_least, t.grade
    th_num, th_den = threshold.numerator, threshold.denominator
    of_parent = t.base is m.Base.PARENT
    base = _BASES[t.base]
    empty_base = (Step("empty_base", {"parent": parent_id}),)

    def steps(  # noqa: PLR0917 - the values of a deferred trace
        before: tuple[Step | LazyStep, ...],
        num: int,
        den: int,
        share: Fraction,
        alternative: Fraction | None,
        other: int,
        met: bool,
    ) -> tuple[Step, ...]:
        values = (
            num,
            den,
            share,
            grade,
            threshold,
            base,
            parent_id,
            alternative,
            other > 0 and num * th_den >= th_num * other,
        )
        return _trace(before, "of_which", values, () if den else empty_base, met)

    def make(
        subject: str,
        counts: Mapping[str, int],
        all_den: int,
        before: tuple[Step | LazyStep, ...],
        parent: TargetOutcome,
    ) -> TargetOutcome:
        num = 0
        for g in above:
            num += counts[g]
        parent_den = int(parent.numerator or 0)
        den, other = (parent_den, all_den) if of_parent else (all_den, parent_den)
        share = _share_of(num, den) if den else _ZERO
        alternative = _share_of(num, other) if other else None
        met = den > 0 and num * th_den >= th_num * den  # num / den >= threshold, in integers
        return new_target_outcome(
            tid,
            subject,
            kind,
            _STATUS[met],
            num,
            den,
            share if den else None,
            threshold,
            0 if met else max(0, -(-th_num * den // th_den) - num),  # how many more (0 of 0: none)
            alternative,
            _Deferred((steps, before, num, den, share, alternative, other, met)),
        )

    return make, level


def _zero_count(run: Run, t: m.ZeroCountTarget, kind: str) -> _Decide:
    make, level = _zero_count_rule(run, t, kind)
    counts_of = _unit_counts(run, t, level)

    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        counts, unrated, before, _ = counts_of(subject, cluster)
        return make(subject, counts, unrated, before)

    return decide


def _zero_count_rule(run: Run, t: m.ZeroCountTarget, kind: str) -> tuple[_MakeShare, str]:
    """What makes a "none rated weak" target's outcome from a unit's counts, the sub-units left
    unrated and counted as not reaching, and the steps before; and the level it counts."""
    scale = run.scale(t.counts)
    assert scale is not None  # noqa: S101
    ranks = run.ranks(scale)
    limit = ranks[t.grade]
    at_or_below = tuple(g for g in scale.grade_ids if ranks[g] >= limit)
    tid, level, grade = t.id, t.counts, t.grade

    def steps(before: tuple[Step | LazyStep, ...], bad: int, met: bool) -> tuple[Step, ...]:
        return _trace(before, "zero_count", (bad, level, grade), (), met)

    def make(
        subject: str, counts: Mapping[str, int], unrated: int, before: tuple[Step | LazyStep, ...]
    ) -> TargetOutcome:
        bad = 0
        for g in at_or_below:
            bad += counts[g]
        # under the not_met policy an unrated sub-unit could be the weak one: not met
        met = bad == 0 and unrated == 0
        return new_target_outcome(
            tid,
            subject,
            kind,
            _STATUS[met],
            bad,
            None,
            None,
            0,
            bad,
            None,
            _Deferred((steps, before, bad, met)),
        )

    return make, level


def _count(run: Run, t: m.CountTarget, kind: str) -> _Decide:
    make = _count_rule(t, kind)
    measure = t.measure

    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        return make(subject, _measure(run, subject, cluster, measure))

    return decide


def _count_rule(t: m.CountTarget, kind: str) -> Callable[[str, Fraction], TargetOutcome]:
    """What makes a count target's outcome from the measure's value."""
    tid, measure, threshold = t.id, t.measure, t.at_least

    def steps(value: Fraction, met: bool) -> tuple[Step, ...]:
        return _trace((), "count", (measure, value, threshold), (), met)

    def make(subject: str, value: Fraction) -> TargetOutcome:
        met = ge(value, threshold)
        return new_target_outcome(
            tid,
            subject,
            kind,
            _STATUS[met],
            value,
            None,
            None,
            threshold,
            _ZERO if met else exact_difference(threshold, value),
            None,
            _Deferred((steps, value, met)),
        )

    return make


def _quota(run: Run, t: m.QuotaTarget, kind: str) -> _Decide:
    make = _quota_rule(t, kind)
    measure, fixed, quota_measure = t.measure, _fixed_quota(t), t.quota_measure or ""

    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        raised = _measure(run, subject, cluster, measure)
        quota = fixed if fixed is not None else _measure(run, subject, cluster, quota_measure)
        return make(subject, raised, quota)

    return decide


def _fixed_quota(t: m.QuotaTarget) -> Fraction | None:
    return Fraction(t.quota) if t.quota is not None else None


def _quota_rule(t: m.QuotaTarget, kind: str) -> Callable[[str, Fraction, Fraction], TargetOutcome]:
    """What makes a quota target's outcome from the amount raised and the quota."""
    tid, measure = t.id, t.measure

    def steps(r: int, q: int, met: bool) -> tuple[Step, ...]:
        return _trace((), "quota", (measure, r, q), (), met)

    def make(subject: str, raised: Fraction, quota: Fraction) -> TargetOutcome:
        if raised.denominator != 1 or quota.denominator != 1:
            raise RuleError(codes.AMOUNT_NOT_WHOLE(("units", subject), target=tid))
        r, q = raised.numerator, quota.numerator  # whole numbers of dong, compared as integers
        met = r >= q
        return new_target_outcome(
            tid,
            subject,
            kind,
            _STATUS[met],
            r,
            q,
            fraction(r, q) if q else None,
            q,
            max(0, q - r),
            None,
            _Deferred((steps, r, q, met)),
        )

    return make


def _deadline(run: Run, t: m.DeadlineTarget, kind: str) -> _Decide:
    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        units = list(cluster.members) if cluster is not None else [subject]
        dates = []
        for u in units:
            r = run.results.get(u)
            if r is None or t.event not in r.dates:
                raise _Missing(f"dates.{t.event} of {u}")
            dates.append(r.dates[t.event])
        done = max(dates)
        met = done <= t.by
        step = _partial(_trace, (), "deadline", (t.event, done, t.by), (), met)
        return TargetOutcome(t.id, subject, kind, _STATUS[met], threshold=t.by, trace=step)

    return decide


def _change(run: Run, t: m.ChangeTarget, kind: str) -> _Decide:
    make = _change_rule(t, kind)
    measure, baseline = t.measure, t.baseline

    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        return make(subject, _measure(run, subject, cluster, measure), _measure(run, subject, cluster, baseline))

    return decide


def _change_rule(t: m.ChangeTarget, kind: str) -> Callable[[str, Fraction, Fraction], TargetOutcome]:
    """What makes a change target's outcome from the measure's value and its baseline."""
    tid, measure, threshold, direction = t.id, t.measure, t.by_at_least, t.direction
    decrease = direction == "decrease"

    def steps(base: Fraction, value: Fraction, change: Fraction, met: bool) -> tuple[Step, ...]:
        return _trace((), "change", (measure, base, value, change, direction, threshold), (), met)

    def make(subject: str, value: Fraction, base: Fraction) -> TargetOutcome:
        change = exact_difference(base, value) if decrease else exact_difference(value, base)
        met = ge(change, threshold)
        return new_target_outcome(
            tid,
            subject,
            kind,
            _STATUS[met],
            change,
            None,
            None,
            threshold,
            _ZERO if met else exact_difference(threshold, change),
            None,
            _Deferred((steps, base, value, change, met)),
        )

    return make


def _inputs(used: tuple[str, ...], env: Mapping[str, Fraction | bool]) -> tuple[tuple[str, Fraction | bool], ...]:
    """The values a formula read, by name, for its explanation."""
    return tuple((name, env[name]) for name in used if name in env)


def _formula(run: Run, t: m.FormulaTarget, kind: str) -> _Decide:
    node = run.prepared.formulas[f"target:{t.id}"]
    used = tuple(sorted(names(node)))

    def decide(subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        env = run.env(subject) if cluster is None else run.cluster_env(cluster)
        try:
            verdict = eval_formula(node, env)
        except KeyError as exc:
            raise _Missing(f"measures.{exc.args[0]} of {subject}") from None
        if not isinstance(verdict, bool):
            raise RuleError(codes.FORMULA_NOT_BOOL(("targets", t.id), formula=repr(t.formula)))
        step = _partial(_trace, (), "formula", (t.formula, verdict, _inputs(used, env)), (), verdict)
        return TargetOutcome(t.id, subject, kind, _STATUS[verdict], trace=step)

    return decide


#: the rule of each target kind, compiled once per target and run
_RULES: dict[type, Callable[[Run, Any, str], _Decide]] = {
    m.ShareTarget: _share,
    m.OfWhichTarget: _of_which,
    m.ZeroCountTarget: _zero_count,
    m.CountTarget: _count,
    m.QuotaTarget: _quota,
    m.DeadlineTarget: _deadline,
    m.ChangeTarget: _change,
    m.FormulaTarget: _formula,
}


#: what a unit's targets compiled together decide for a unit and its row: every outcome by target
#: id, or ``None`` when an input is not in its usual form (see :func:`compile_member_targets`)
_DecideAll = Callable[[str, "m.UnitResult | None"], "dict[str, TargetOutcome] | None"]
_SHARE_KIND, _OF_WHICH_KIND, _ZERO_KIND, _QUOTA_KIND, _FIXED_QUOTA_KIND, _CHANGE_KIND, _COUNT_KIND = range(7)


def measures_read(
    run: Run, unit: str, row: m.UnitResult, names: frozenset[str], *, plain: bool
) -> Mapping[str, Fraction | bool]:
    """Where a compiled rule reads the measures *names* of *unit*: the row's own measures when no
    indicator is declared (*plain*) and no flag of the row shadows one of them, else the unit's
    environment. The environment is made only when a measure is read: making it evaluates every
    indicator, which the general rules do only for a rule that reads a measure."""
    flags = row.flags
    if not names or (plain and (not flags or names.isdisjoint(flags))):
        return row.measures
    return run.env(unit)


def compile_member_targets(run: Run, targets: tuple[m.Target, ...]) -> _DecideAll | None:
    """The targets a unit signed, compiled together: one function deciding them all from the unit's
    row, reading its counts of each level once, with the same outcome makers as the general rules.

    It decides the usual case: every count reported under the grades' ids, every measure there and
    an exact number, each "of which" target after its parent. On anything else it gives ``None``
    and the unit's targets are decided one by one by the general rules (a missing input under its
    policy, unrated sub-units, grade labels, ...). ``None`` too for a set of targets with a kind it
    does not decide (deadlines, formulas).
    """
    specs: list[tuple[int, str, Callable[..., TargetOutcome], str, str]] = []
    grade_ids: dict[str, frozenset[str]] = {}
    read: set[str] = set()
    for t in targets:
        kind = _KIND[type(t)]
        if isinstance(t, m.ShareTarget | m.OfWhichTarget | m.ZeroCountTarget):
            if isinstance(t, m.ShareTarget):
                make, level = _share_rule(run, t, kind)
                specs.append((_SHARE_KIND, t.id, make, level, ""))
            elif isinstance(t, m.OfWhichTarget):
                make_ow, level = _of_which_rule(run, t, kind)
                if not any(s[1] == t.parent for s in specs):
                    return None  # its parent comes later (or is not the unit's): one by one
                specs.append((_OF_WHICH_KIND, t.id, make_ow, level, t.parent))
            else:
                make, level = _zero_count_rule(run, t, kind)
                specs.append((_ZERO_KIND, t.id, make, level, ""))
            scale = run.scale(level)
            assert scale is not None  # noqa: S101 - validation guarantees it
            grade_ids[level] = frozenset(scale.grade_ids)
        elif isinstance(t, m.QuotaTarget):
            read.add(t.measure)
            if t.quota_measure is not None:
                read.add(t.quota_measure)
                specs.append((_QUOTA_KIND, t.id, _quota_rule(t, kind), t.measure, t.quota_measure))
            else:
                fixed = _fixed_quota(t)
                assert fixed is not None  # noqa: S101 - one of them (the model checks)
                make_q = functools.partial(_with_quota, _quota_rule(t, kind), fixed)
                specs.append((_FIXED_QUOTA_KIND, t.id, make_q, t.measure, ""))
        elif isinstance(t, m.ChangeTarget):
            read.update((t.measure, t.baseline))
            specs.append((_CHANGE_KIND, t.id, _change_rule(t, kind), t.measure, t.baseline))
        elif isinstance(t, m.CountTarget):
            read.add(t.measure)
            specs.append((_COUNT_KIND, t.id, _count_rule(t, kind), t.measure, ""))
        else:
            return None
    plain = not run.prepared.indicator_order  # a measure is read from the row itself
    names = frozenset(read)
    exact = Fraction

    def decide_all(unit: str, row: m.UnitResult | None) -> dict[str, TargetOutcome] | None:
        if row is None:
            return None
        ms = measures_read(run, unit, row, names, plain=plain)
        by_level: dict[str, tuple[Mapping[str, int], int, tuple[Step | LazyStep, ...]]] = {}
        out: dict[str, TargetOutcome] = {}
        try:
            for code, tid, make, a, b in specs:
                if code <= _ZERO_KIND:
                    found = by_level.get(a)
                    if found is None:
                        reported = row.counts[a]
                        if reported.keys() != grade_ids[a]:
                            return None  # grade labels, or grades left out: the general rules
                        found = by_level[a] = (reported, sum(reported.values()), (("counts_reported", (unit, a)),))
                    reported, den, before = found
                    if code == _SHARE_KIND:
                        if den == 0:
                            return None
                        out[tid] = make(unit, reported, den, before)
                    elif code == _OF_WHICH_KIND:
                        out[tid] = make(unit, reported, den, before, out[b])
                    else:
                        out[tid] = make(unit, reported, 0, before)
                    continue
                value = ms[a]
                if value.__class__ is not exact:
                    return None  # true/false, or not an exact number
                if b:  # a quota measure, or a baseline
                    other = ms[b]
                    if other.__class__ is not exact:
                        return None
                    out[tid] = make(unit, value, other)
                else:
                    out[tid] = make(unit, value)
        except KeyError:  # counts or a measure missing
            return None
        return out

    return decide_all


def _with_quota(
    make: Callable[[str, Fraction, Fraction], TargetOutcome], quota: Fraction, subject: str, raised: Fraction
) -> TargetOutcome:
    return make(subject, raised, quota)


def _grade_of(run: Run, target_id: str) -> str:
    t = run.prepared.targets[target_id]
    assert isinstance(t, m.ShareTarget | m.OfWhichTarget)  # noqa: S101
    return t.grade


def check_condition(
    run: Run, cond: m.Condition, unit: str, *, group: str | None = None
) -> tuple[bool, list[Step | LazyStep]]:
    """Decide a condition for a unit; return the verdict and its trace.

    The trace's own steps are ``(code, values)`` pairs: :func:`~thidua.engine._outcomes.build_steps`
    makes them steps when an outcome's trace is first read.
    """
    return _CONDITIONS[type(cond)](run, cond, unit, group)


def condition_checks(
    conditions: tuple[m.Condition, ...],
) -> list[tuple[Callable[[Run, Any, str, str | None], _Verdict], m.Condition]]:
    """Each condition with the function deciding its kind, to call as ``check(run, cond, unit, group)``
    (what :func:`check_condition` does, with the kind looked up once for many units)."""
    return [(_CONDITIONS[type(cond)], cond) for cond in conditions]


#: a condition's verdict and its trace (steps still to be made kept as ``(code, values)``)
_Verdict = tuple[bool, list[Step | LazyStep]]


def _all_targets(run: Run, _cond: m.AllTargetsMet, unit: str, _group: str | None) -> _Verdict:
    outcomes = run.unit_targets.get(unit, {})
    not_met = _NOT_MET
    failed = tuple([t.target for t in outcomes.values() if t.status is not_met])
    return not failed, [("cond_all_targets", (failed, len(outcomes)))]


def _target_met(run: Run, cond: m.TargetMet, unit: str, _group: str | None) -> _Verdict:
    outcome = run.unit_targets.get(unit, {}).get(cond.target)
    if outcome is None:
        for cl in run.prepared.unit_clusters.get(unit, ()):
            outcome = run.cluster_target_out.get(cl, {}).get(cond.target) or outcome
    ok = outcome is not None and outcome.met
    return ok, [("cond_target", (cond.target, ok))]


def _min_grade(run: Run, cond: m.MinGrade, unit: str, _group: str | None) -> _Verdict:
    grade = run.grades.get(unit)
    ranks = run.unit_ranks(unit)
    ok = grade is not None and cond.grade in ranks and ranks[grade] <= ranks[cond.grade]
    return ok, [("cond_min_grade", (grade, cond.grade, ok))]


def _max_rank(run: Run, cond: m.MaxRank, unit: str, group: str | None) -> _Verdict:
    rank = run.rank_in(unit, group)
    ok = rank is not None and rank <= cond.rank
    return ok, [("cond_rank", (rank, cond.rank, ok))]


def _is_head(run: Run, _cond: m.IsHead, unit: str, _group: str | None) -> _Verdict:
    heads = [cl for cl in run.prepared.unit_clusters.get(unit, ()) if run.prepared.clusters[cl].head == unit]
    return bool(heads), [("cond_head", (bool(heads), tuple(heads)))]


def _flag(run: Run, cond: m.Flag, unit: str, _group: str | None) -> _Verdict:
    r = run.results.get(unit)
    if r is None or cond.flag not in r.flags:
        return run.missing_condition(unit, f"flags.{cond.flag}")
    ok = r.flags[cond.flag]
    return ok, [("cond_flag", (cond.flag, ok))]


def _measure_at_least(run: Run, cond: m.MeasureAtLeast, unit: str, _group: str | None) -> _Verdict:
    env = run.env(unit)
    value = env.get(cond.measure)
    if value is None or isinstance(value, bool):
        return run.missing_condition(unit, f"measures.{cond.measure}")
    ok = ge(value, cond.value)
    return ok, [("cond_measure", (cond.measure, value, cond.value, ok))]


def _when_formula(run: Run, cond: m.WhenFormula, unit: str, _group: str | None) -> _Verdict:
    node = run.formula(cond.formula)
    env = run.env(unit)
    try:
        value = eval_formula(node, env)
    except KeyError as exc:
        return run.missing_condition(unit, f"measures.{exc.args[0]}")
    if not isinstance(value, bool):
        raise RuleError(codes.FORMULA_NOT_BOOL(formula=repr(cond.formula)))
    return value, [("cond_formula", (cond.formula, value, _inputs(tuple(sorted(names(node))), env)))]


def _history(run: Run, cond: m.GradeStreak | m.TitleCount, unit: str, _group: str | None) -> _Verdict:
    return run.history_condition(cond, unit)


def _any_of(run: Run, cond: m.AnyOf, unit: str, group: str | None) -> _Verdict:
    trace: list[Step | LazyStep] = []
    ok = False
    for sub in cond.conditions:
        sub_ok, sub_trace = check_condition(run, sub, unit, group=group)
        trace.extend(sub_trace)
        ok = ok or sub_ok
    trace.append(("cond_any", (ok,)))
    return ok, trace


#: how each kind of condition is decided
_CONDITIONS: dict[type, Callable[[Run, Any, str, str | None], _Verdict]] = {
    m.AllTargetsMet: _all_targets,
    m.TargetMet: _target_met,
    m.MinGrade: _min_grade,
    m.MaxRank: _max_rank,
    m.IsHead: _is_head,
    m.Flag: _flag,
    m.MeasureAtLeast: _measure_at_least,
    m.WhenFormula: _when_formula,
    m.GradeStreak: _history,
    m.TitleCount: _history,
    m.AnyOf: _any_of,
}
