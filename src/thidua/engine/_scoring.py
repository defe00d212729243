"""Scores from a rubric: every scoring method, bonuses, penalties, review stages."""

# ruff: noqa: SLF001 - the compiled scorer reads the two slots behind Fraction's numerator and denominator

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

import attrs

from thidua import model as m
from thidua.engine import _codes as codes
from thidua.engine._compare import exact_difference, fraction, ge
from thidua.engine._outcomes import (
    STEP_CODES,
    Change,
    CriterionScore,
    Deferred,
    LazyStep,
    ScoreOutcome,
    Status,
    Step,
    TraceValue,
    build_steps,
    new_score_outcome,
)
from thidua.engine._prepare import Prepared
from thidua.engine._rules import check_condition, measures_read
from thidua.errors import MissingInputError

if TYPE_CHECKING:
    from thidua.engine._run import Run

__all__ = ["ScoringPlan", "compile_leaf", "exact_sum", "score_unit", "settle_assessments"]

_ZERO = Fraction(0)
_partial = functools.partial
#: a computed leaf (or an assessed one without points): (standard, bonus, penalty, trace)
_Leaf = tuple[Fraction, Fraction, Fraction, list[Step | LazyStep]]
#: Assessed criteria need no trace: their CriterionScore holds points, bonus and maximum,
#: and the reviewers' changes are listed in ScoreOutcome.changes.
_NO_TRACE: list[Step | LazyStep] = []


def settle_assessments(
    campaign: m.Campaign, result: m.UnitResult | None, stage: str | None
) -> tuple[dict[str, tuple[Fraction | None, Fraction | None]], tuple[Change, ...], str | None]:
    """Apply the stages in order, up to *stage* (default: the last one reached).

    Returns:
        the settled ``(points, bonus)`` per criterion, every change made by a
        reviewer, and the stage used.
    """
    order = [s.id for s in campaign.stages]
    if result is None or not result.assessments:
        return {}, (), None
    limit = order.index(stage) if stage is not None else len(order) - 1
    values: dict[str, tuple[Fraction | None, Fraction | None]] = {}
    changes: list[Change] = []
    used: str | None = None
    for i, a in enumerate(sorted(result.assessments, key=lambda a: order.index(a.stage))):
        if order.index(a.stage) > limit:
            break
        used = a.stage
        if i == 0:
            values = {e.criterion: (e.points, e.bonus) for e in a.scores}
            if len(values) == len(a.scores):
                continue  # the first stage, each criterion once (the usual case): nothing to follow
            values = {}
        _follow(values, a, changes, record=i > 0)
    return values, tuple(changes), used


def _follow(
    values: dict[str, tuple[Fraction | None, Fraction | None]],
    a: m.Assessment,
    changes: list[Change],
    *,
    record: bool,
) -> None:
    """Apply assessment *a* to the settled ``(points, bonus)`` by criterion: in a list of changes
    a value it leaves out (``None``) is kept; in a complete set an entry is the whole value.
    With *record*, each value it changes is listed in *changes*."""
    complete = a.complete
    for entry in a.scores:
        before = values.get(entry.criterion)
        after: tuple[Fraction | None, Fraction | None]
        if complete:  # a complete score set: each entry is the whole value (no bonus means none)
            after = (entry.points, entry.bonus)
        else:  # a list of changes: what an entry leaves out is kept
            after = (
                entry.points if entry.points is not None else (before[0] if before else None),
                entry.bonus if entry.bonus is not None else (before[1] if before else None),
            )
        if record and before is not None and before != after:
            changes.append(
                Change(
                    criterion=entry.criterion,
                    stage=a.stage,
                    before=before[0],
                    after=after[0],
                    bonus_before=before[1],
                    bonus_after=after[1],
                    reason=entry.reason,
                    on=a.on,
                    by=a.by,
                )
            )
        values[entry.criterion] = after


def _one_stage_sum(
    campaign: m.Campaign, result: m.UnitResult | None, stage: str | None, plan: ScoringPlan
) -> tuple[int, int, str, dict[str, Fraction]] | None:
    """The sum of the points (a numerator and a positive denominator), the stage and the bonuses
    given, when one assessment gives every assessed criterion its points (the usual case, read in
    one pass); ``None`` otherwise.

    *result* must have passed validation (``evaluate`` and ``Session`` check every row first):
    with unknown, computed and repeated criteria refused, as many entries as assessed criteria
    means every assessed criterion has one.
    """
    if result is None or len(result.assessments) != 1:
        return None
    only = result.assessments[0]
    scores = only.scores
    if len(scores) != plan.assessed:
        return None
    if stage is not None and stage != only.stage:
        order = [s.id for s in campaign.stages]
        if only.stage not in order or stage not in order or order.index(only.stage) > order.index(stage):
            return None
    # the points summed as exact_sum does and the bonuses given gathered, in one pass
    num, den = 0, 1
    bonuses: dict[str, Fraction] = {}
    try:
        for e in scores:
            points = e.points
            n, d = points._numerator, points._denominator  # type: ignore[union-attr]
            if d == den:
                num += n
            elif den % d == 0:
                num += n * (den // d)
            else:
                common = den * d // _gcd(den, d)
                num = num * (common // den) + n * (common // d)
                den = common
            if e.bonus is not None:
                bonuses[e.criterion] = e.bonus
    except AttributeError:  # a criterion without points (None): criterion by criterion
        return None
    return num, den, only.stage, bonuses


def _staged_sum(
    campaign: m.Campaign, result: m.UnitResult | None, stage: str | None, plan: ScoringPlan
) -> tuple[Fraction, str, dict[str, Fraction], tuple[Change, ...]] | None:
    """The settled sum of the points, the stage used, the bonuses and the reviewers' changes, when
    the first stage gives every assessed criterion its points and later stages change some of them
    (the usual review): the first stage summed in one pass, then each change added as a difference.
    The same values as :func:`settle_assessments` without settling the criteria that no reviewer
    changed; ``None`` otherwise.

    *result* must have passed validation, as for :func:`_one_stage_sum`.
    """
    if result is None or len(result.assessments) < 2:
        return None
    order = [s.id for s in campaign.stages]
    limit = order.index(stage) if stage is not None else len(order) - 1
    used = [a for a in sorted(result.assessments, key=lambda a: order.index(a.stage)) if order.index(a.stage) <= limit]
    if len(used) < 2:
        return None
    first, later = used[0], used[1:]
    if len(first.scores) != plan.assessed:
        return None
    try:
        total = exact_sum(map(_POINTS, first.scores))
    except AttributeError:  # a criterion without points (None)
        return None
    changed = {e.criterion for a in later for e in a.scores}
    base: dict[str, tuple[Fraction | None, Fraction | None]] = {
        e.criterion: (e.points, e.bonus) for e in first.scores if e.criterion in changed
    }
    if len(base) != len(changed):
        return None
    current = dict(base)
    changes: list[Change] = []
    for a in later:
        _follow(current, a, changes, record=True)
    differences = [total]
    for criterion, (after_points, _) in current.items():
        before_points = base[criterion][0]
        if after_points is not before_points and after_points != before_points:
            assert after_points is not None  # noqa: S101 - the first stage gives every criterion points
            assert before_points is not None  # noqa: S101
            differences.append(exact_difference(after_points, before_points))
    bonuses: dict[str, Fraction] = {}
    if any(map(_BONUS, first.scores)):
        bonuses = {e.criterion: e.bonus for e in first.scores if e.bonus is not None}
    for criterion, (_, after_bonus) in current.items():
        if after_bonus is not None:
            bonuses[criterion] = after_bonus
        else:  # cleared by a complete score set
            bonuses.pop(criterion, None)
    return exact_sum(differences) if len(differences) > 1 else total, used[-1].stage, bonuses, tuple(changes)


_POINTS = operator.attrgetter("points")
_SETTLED_POINTS = operator.itemgetter(0)
_BONUS = operator.attrgetter("bonus")


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """Sum exact numbers quickly: integer arithmetic over a common denominator.

    >>> exact_sum([Fraction(1, 2), Fraction(1, 3), Fraction(2)])
    Fraction(17, 6)
    >>> exact_sum([Fraction(1, 2), 1])
    Fraction(3, 2)

    .. versionadded:: 0.1.0
    """
    num, den = 0, 1
    for v in values:
        try:
            # the slots behind Fraction's numerator and denominator properties: read 300,000 times nationally
            n, d = v._numerator, v._denominator  # type: ignore[attr-defined]
        except AttributeError:  # an int, or another rational
            n, d = v.numerator, v.denominator
        if d == den:
            num += n
        elif den % d == 0:
            num += n * (den // d)
        else:
            common = den * d // math.gcd(den, d)
            num = num * (common // den) + n * (common // d)
            den = common
    return fraction(num, den)


class _Source(Protocol):
    """What the rules of computed criteria read: the campaign and a unit's inputs (a :class:`Run`,
    or a :class:`_RowInputs` when a score's criteria are first read)."""

    @property
    def campaign(self) -> m.Campaign: ...

    def env(self, unit: str) -> Mapping[str, Fraction | bool]: ...


class _RowInputs:
    """A unit's inputs made again from its row (its measures, flags and indicators), to build the
    points of its computed criteria when they are first read: the same values the run read, since
    a row never changes."""

    __slots__ = ("_env", "_prepared", "_row", "campaign")

    def __init__(self, prepared: Prepared, row: m.UnitResult | None) -> None:
        self.campaign = prepared.campaign
        self._prepared, self._row = prepared, row
        self._env: Mapping[str, Fraction | bool] | None = None

    def env(self, unit: str) -> Mapping[str, Fraction | bool]:  # noqa: ARG002 - one unit's inputs
        # made on first use, as the run makes it: computing it evaluates every indicator, which
        # only a criterion that reads a measure does
        if self._env is None:
            self._env = self._prepared.unit_env(self._row)
        return self._env


def _count(run: _Source, unit: str, measure: str, rule: str) -> Fraction | None:
    value = run.env(unit).get(measure)
    if value is None or isinstance(value, bool):
        policy = run.campaign.missing
        if policy is m.MissingPolicy.ERROR:
            problem = codes.MISSING_INPUT(what=f"measures.{measure}")
            raise MissingInputError(problem, unit_id=unit, rule_id=rule, period=str(run.campaign.year))
        return None
    return value


def _missing(run: _Source, what: str) -> Step:
    # only here: reading an enum's value is slow enough to show on 166,000 criteria
    return Step("missing", {"what": what, "policy": run.campaign.missing.value})


def _leaf(
    run: Run,
    unit: str,
    c: m.Criterion,
    settled: dict[str, tuple[Fraction | None, Fraction | None]],
) -> _Leaf:
    """Return (standard, bonus, penalty, trace) for one leaf criterion.

    The trace's own steps are kept as ``(code, values)`` and become steps
    when the criteria are first read (:func:`~thidua.engine._outcomes.build_steps`).
    """
    if not isinstance(c.method, m.Assessed):
        return run.leaf_rule(c)(unit)
    points, bonus = settled.get(c.id, (None, None))
    if points is None:
        policy = run.campaign.missing
        if policy is m.MissingPolicy.ERROR:
            problem = codes.NO_POINTS(criterion=c.id)
            raise MissingInputError(problem, unit_id=unit, rule_id=c.id, period=str(run.campaign.year))
        return _ZERO, _ZERO, _ZERO, [Step("missing", {"what": f"criterion {c.id}", "policy": policy.value})]
    b = _ZERO if bonus is None or c.bonus is None else min(bonus, c.bonus)
    return points, b, _ZERO, _NO_TRACE


def compile_leaf(run: Run, c: m.Criterion) -> Callable[[str], _Leaf]:
    """The rule of a computed leaf criterion, with what is the same for every unit worked out once."""
    method = c.method
    if isinstance(method, m.PassFail):
        when, top = method.when, c.points

        def pass_fail(unit: str) -> _Leaf:
            ok, trace = check_condition(run, when, unit)
            pts = top if ok else _ZERO
            return pts, _ZERO, _ZERO, [*trace, ("pass_fail", (ok, pts))]

        return pass_fail
    return _measure_leaf(run, c)


def _measure_leaf(run: _Source, c: m.Criterion) -> Callable[[str], _Leaf]:
    """The rule of a computed leaf criterion scored from a measure (every method but pass-or-fail)."""
    method = c.method
    top = c.points
    if isinstance(method, m.Proportional):
        measure, fixed, target_measure = method.measure, method.target, method.target_measure or ""

        def proportional(unit: str) -> _Leaf:
            value = _count(run, unit, measure, c.id)
            target = fixed if fixed is not None else _count(run, unit, target_measure, c.id)
            if value is None or target is None or target.numerator <= 0:
                return _ZERO, _ZERO, _ZERO, [_missing(run, measure)]
            # points × min(1, value / target), in one exact product
            pts: Fraction
            if ge(value, target):
                pts = top
            else:
                pts = fraction(
                    top.numerator * value.numerator * target.denominator,
                    top.denominator * value.denominator * target.numerator,
                )
            return pts, _ZERO, _ZERO, [("proportional", (value, target, pts, top, measure))]

        return proportional
    if isinstance(method, m.StepTable):
        measure, steps = method.measure, method.steps

        def step_table(unit: str) -> _Leaf:
            value = _count(run, unit, measure, c.id)
            if value is None:
                return _ZERO, _ZERO, _ZERO, [_missing(run, measure)]
            pts = _ZERO
            reached: Fraction | None = None
            for s in steps:
                if ge(value, s.at_least):
                    pts, reached = s.points, s.at_least
            if not ge(top, pts):
                pts = top
            return pts, _ZERO, _ZERO, [("step_table", (value, reached, pts, measure))]

        return step_table
    assert isinstance(method, m.PerOccurrence | m.Bonus | m.Penalty)  # noqa: S101 - the methods are closed
    measure, each = method.measure, method.each
    e_num, e_den = each.numerator, each.denominator
    if isinstance(method, m.Penalty):
        floor = method.floor
        f_num, f_den = floor.numerator, floor.denominator

        def penalty(unit: str) -> _Leaf:
            n = _count(run, unit, measure, c.id)
            if n is None:
                return _ZERO, _ZERO, _ZERO, [_missing(run, measure)]
            # -(each × n), but never below the floor: compared in integers
            d_num, d_den = -e_num * n.numerator, e_den * n.denominator
            p = floor if f_num * d_den >= d_num * f_den else fraction(d_num, d_den)
            return _ZERO, _ZERO, p, [("penalty", (n, each, p, floor, measure))]

        return penalty
    code = _KIND_CODES[type(method)]
    cap = top if isinstance(method, m.PerOccurrence) else (c.bonus or _ZERO)
    c_num, c_den = cap.numerator, cap.denominator
    as_bonus = code == "bonus"

    def per_count(unit: str) -> _Leaf:
        n = _count(run, unit, measure, c.id)
        if n is None:
            return _ZERO, _ZERO, _ZERO, [_missing(run, measure)]
        # each × n, but never above the cap: compared in integers
        r_num, r_den = e_num * n.numerator, e_den * n.denominator
        pts = fraction(r_num, r_den) if r_num * c_den <= c_num * r_den else cap
        if as_bonus:
            return _ZERO, pts, _ZERO, [("bonus", (n, each, pts, cap, measure))]
        return pts, _ZERO, _ZERO, [("per_occurrence", (n, each, pts, cap, measure))]

    return per_count


_KIND_CODES: dict[type, str] = {m.PerOccurrence: "per_occurrence", m.Bonus: "bonus", m.Penalty: "penalty"}


#: a criterion and those of its children that can carry a bonus
_BonusNode = tuple[m.Criterion, tuple["_BonusNode", ...]]


def _bonus_node(c: m.Criterion) -> _BonusNode | None:
    if c.children:
        kids = tuple(node for node in map(_bonus_node, c.children) if node is not None)
        return (c, kids) if kids else None
    if isinstance(c.method, m.Bonus) or (isinstance(c.method, m.Assessed) and c.bonus is not None):
        return (c, ())
    return None


@attrs.frozen
class ScoringPlan:
    """A rubric flattened once for scoring many units."""

    rubric: m.Rubric
    #: every leaf in rubric order, and whether it is scored from the assessments
    leaves: tuple[tuple[m.Criterion, bool], ...]
    #: the leaves that are not, in rubric order
    computed: tuple[tuple[m.Criterion, bool], ...]
    #: how many leaves are assessed
    assessed: int
    #: the criteria that can carry a bonus (assessed leaves with a cap, bonus leaves, and
    #: the groups above them), each with such children; caps are never negative, so
    #: the other criteria add nothing to the bonus
    bonus_tree: tuple[_BonusNode, ...]
    #: position of every criterion, depth first
    order: Mapping[str, int]
    #: the withdrawn criteria and every criterion under them (not counted); units of a rubric
    #: with some are scored criterion by criterion (:func:`_score_special`)
    withdrawn: frozenset[str] = frozenset()
    #: when no group caps the bonus of its criteria (the usual rubric), the cap of each assessed
    #: criterion that can carry a bonus: the rubric's bonus is then the sum of the bonuses given,
    #: each within its cap, and of the computed ones; ``None`` when a group has a cap
    bonus_caps: Mapping[str, Fraction] | None = None

    @classmethod
    def of(cls, rubric: m.Rubric) -> ScoringPlan:
        """Flatten *rubric*.

        >>> plan = ScoringPlan.of(m.Rubric("r", "R", ("xa",), 10, (m.Criterion("a", "A", 10, m.Assessed()),)))
        >>> [(c.id, assessed) for c, assessed in plan.leaves], plan.assessed
        ([('a', True)], 1)

        .. versionadded:: 0.1.0
        """
        withdrawn = frozenset(k.id for c in rubric.walk() if c.withdrawn is not None for k in c.walk())
        leaves = tuple((c, isinstance(c.method, m.Assessed)) for c in rubric.leaves() if c.id not in withdrawn)
        return cls(
            rubric,
            leaves,
            tuple((c, assessed) for c, assessed in leaves if not assessed),
            sum(1 for _, assessed in leaves if assessed),
            tuple(node for node in map(_bonus_node, rubric.criteria) if node is not None),
            {c.id: i for i, c in enumerate(rubric.walk())},
            withdrawn,
            _flat_caps(rubric),
        )


def _flat_caps(rubric: m.Rubric) -> dict[str, Fraction] | None:
    """The bonus cap of each assessed leaf, when no group caps a bonus; ``None`` otherwise."""
    if any(c.children and c.bonus is not None for c in rubric.walk()):
        return None
    return {c.id: c.bonus for c in rubric.leaves() if isinstance(c.method, m.Assessed) and c.bonus is not None}


def _criterion_scores(
    plan: ScoringPlan,
    given: dict[str, tuple[Fraction | None, Fraction | None]] | None,
    special: dict[str, _Leaf],
    inputs: tuple[m.Campaign, m.UnitResult | None, str | None],
) -> tuple[CriterionScore, ...]:
    """Every criterion's points, groups summed (built when first read).

    *given* are the settled assessments, or ``None`` when they are still to be
    settled from *inputs*.
    """
    settled = settle_assessments(*inputs)[0] if given is None else given
    scores: list[CriterionScore] = []

    def visit(c: m.Criterion) -> tuple[Fraction, Fraction]:
        if c.children:
            parts = [visit(k) for k in c.children]
            pts = exact_sum(p for p, _ in parts)
            bonus = exact_sum(b for _, b in parts)
            if c.bonus is not None and bonus > c.bonus:
                bonus = c.bonus
            scores.append(CriterionScore(c.id, pts, bonus, c.points))
            return pts, bonus
        leaf = special.get(c.id)
        if leaf is None:
            points, given = settled[c.id]
            assert points is not None  # noqa: S101 - special holds the assessed leaves without points
            b = _ZERO if given is None or c.bonus is None else min(given, c.bonus)
            scores.append(CriterionScore(c.id, points, b, c.points))
            return points, b
        pts, bonus, pen, trace = leaf
        scores.append(CriterionScore(c.id, pts + pen, bonus, c.points, build_steps(trace)))
        return pts, bonus

    for c in plan.rubric.criteria:
        visit(c)
    order = plan.order
    return tuple(sorted(scores, key=lambda s: order[s.criterion]))


def _bonus_total(plan: ScoringPlan, given: Mapping[str, Fraction], special: dict[str, _Leaf]) -> Fraction:
    """Bonus points of the whole rubric, each group capped at its own bonus.

    Only the criteria that can carry a bonus are visited (:attr:`ScoringPlan.bonus_tree`).

    *given* are the bonuses given in the assessments, by criterion.
    """

    def visit(node: _BonusNode) -> Fraction:
        c, children = node
        if children:
            bonus = _sum_few([visit(k) for k in children])
            return c.bonus if c.bonus is not None and not ge(c.bonus, bonus) else bonus
        leaf = special.get(c.id)
        if leaf is not None:
            return leaf[1]
        b = given.get(c.id)
        if b is None or c.bonus is None:
            return _ZERO
        return b if ge(c.bonus, b) else c.bonus  # the smaller of the bonus given and the cap

    return _sum_few([visit(node) for node in plan.bonus_tree])


def _sum_few(values: list[Fraction]) -> Fraction:
    """:func:`exact_sum` of a short list (a group with one child that can carry a bonus is common)."""
    return values[0] if len(values) == 1 else exact_sum(values)


#: what a compiled scorer gives for one unit (see :func:`compile_scorer`): the standard points of
#: the computed criteria as a numerator and a denominator, their bonuses by criterion (``None``
#: without any), their penalty (``None`` when the rubric has no penalty criterion), and the verdict
#: of each pass-or-fail criterion (a verdict, or a verdict and its trace when it cannot be made again
#: from the unit's row)
_Computed = tuple[int, int, dict[str, _Leaf] | None, Fraction | None, tuple[object, ...]]
_Scorer = Callable[[str, m.UnitResult | None], _Computed | None]

#: the kinds of pass-or-fail conditions a compiled scorer decides itself
_AT_LEAST, _TARGET, _OTHER = range(3)
#: the verdicts of the pass-or-fail criteria of a unit, shared between units with the same ones
_VERDICTS: dict[tuple[object, ...], tuple[object, ...]] = {}
_MET = Status.MET
_gcd = math.gcd


def compile_scorer(run: Run, plan: ScoringPlan) -> _Scorer:
    """The computed criteria of *plan* compiled into one function of a unit and its row.

    The function adds the criteria's points in integers: every fixed quantity of the rules
    (maxima, steps, points per occurrence, caps, floors) as a whole number of the rubric's common
    denominator ``D``, and the points in proportion to a unit's own measures (a fraction with the
    unit's denominator) into one exact running fraction. It makes no ``Fraction`` per criterion and
    no trace: :func:`_computed_criteria` makes them when a score's criteria are first read, from the
    unit's row and the verdicts kept. It gives ``None`` (the unit is then scored criterion by
    criterion, under the missing-input policy) when a measure is missing, is not an exact number, or
    a count is not a whole number.
    """
    computed = [c for c, _ in plan.computed]
    dens = [1]
    for c in computed:
        dens.append(c.points.denominator)
        method = c.method
        if isinstance(method, m.StepTable):
            dens += [s.points.denominator for s in method.steps]
        elif isinstance(method, m.PerOccurrence | m.Bonus | m.Penalty):
            dens.append(method.each.denominator)
            if isinstance(method, m.Penalty):
                dens.append(method.floor.denominator)
            if c.bonus is not None:
                dens.append(c.bonus.denominator)
    common = math.lcm(*dens)

    def over(x: Fraction) -> int:
        """*x* as a whole number of ``1 / common``."""
        return x.numerator * (common // x.denominator)

    by_measure: list[tuple[str, str, int]] = []
    by_number: list[tuple[str, int, int, int]] = []
    step_tables: list[tuple[str, tuple[tuple[int, int, int], ...], int]] = []
    per_count: list[tuple[str, int, int]] = []
    bonuses: list[tuple[str, str, int, int]] = []
    penalties: list[tuple[str, int, int]] = []
    passes: list[tuple[int, object, int, int, int]] = []
    read: set[str] = set()
    for c in computed:
        method, top = c.method, c.points
        if isinstance(method, m.Proportional):
            read.add(method.measure)
            if method.target_measure is not None:
                read.add(method.target_measure)
                by_measure.append((method.measure, method.target_measure, over(top)))
            else:
                assert method.target is not None  # noqa: S101 - one of them (the model checks)
                target = method.target
                by_number.append((method.measure, target.numerator, target.denominator, over(top)))
        elif isinstance(method, m.StepTable):
            read.add(method.measure)
            steps = tuple(
                (s.at_least.numerator, s.at_least.denominator, over(min(s.points, top))) for s in method.steps
            )
            step_tables.append((method.measure, steps[::-1], over(min(_ZERO, top))))  # the highest step first
        elif isinstance(method, m.Penalty):
            read.add(method.measure)
            penalties.append((method.measure, over(method.each), over(method.floor)))
        elif isinstance(method, m.Bonus):
            read.add(method.measure)
            bonuses.append((c.id, method.measure, over(method.each), over(c.bonus or _ZERO)))
        elif isinstance(method, m.PerOccurrence):
            read.add(method.measure)
            per_count.append((method.measure, over(method.each), over(top)))
        else:
            assert isinstance(method, m.PassFail)  # noqa: S101 - the methods are closed
            when = method.when
            if isinstance(when, m.MeasureAtLeast):
                read.add(when.measure)
                passes.append((_AT_LEAST, when.measure, when.value.numerator, when.value.denominator, over(top)))
            elif isinstance(when, m.TargetMet):
                passes.append((_TARGET, when.target, 0, 0, over(top)))
            else:
                passes.append((_OTHER, when, 0, 0, over(top)))
    plain = not run.prepared.indicator_order  # a measure is read from the row itself
    names = frozenset(read)
    unit_targets = run.unit_targets
    has_penalty = bool(penalties)
    verdicts_seen = _VERDICTS

    def score(unit: str, row: m.UnitResult | None) -> _Computed | None:
        if row is None:
            return None
        ms = measures_read(run, unit, row, names, plain=plain)
        fixed = 0  # in 1 / common
        num, den = 0, 1  # in 1 / common, added as an exact fraction
        try:
            for measure, target_measure, top in by_measure:
                v, t = ms[measure], ms[target_measure]
                vn, vd, tn, td = v._numerator, v._denominator, t._numerator, t._denominator  # type: ignore[union-attr]
                if tn <= 0:
                    return None
                if vn * td >= tn * vd:
                    fixed += top
                else:  # top × v / t
                    n2, d2 = top * vn * td, vd * tn
                    if den % d2 == 0:
                        num += n2 * (den // d2)
                    else:
                        g = _gcd(den, d2)
                        num, den = num * (d2 // g) + n2 * (den // g), den // g * d2
            for measure, tn, td, top in by_number:
                v = ms[measure]
                vn, vd = v._numerator, v._denominator  # type: ignore[union-attr]
                if vn * td >= tn * vd:
                    fixed += top
                else:
                    n2, d2 = top * vn * td, vd * tn
                    if den % d2 == 0:
                        num += n2 * (den // d2)
                    else:
                        g = _gcd(den, d2)
                        num, den = num * (d2 // g) + n2 * (den // g), den // g * d2
            for measure, steps, below in step_tables:
                v = ms[measure]
                vn, vd = v._numerator, v._denominator  # type: ignore[union-attr]
                for sn, sd, pts in steps:
                    if vn * sd >= sn * vd:
                        fixed += pts
                        break
                else:
                    fixed += below
            for measure, each, cap in per_count:
                n = ms[measure]
                if n._denominator != 1:  # type: ignore[union-attr]
                    return None
                x = each * n._numerator  # type: ignore[union-attr]
                fixed += x if x <= cap else cap  # noqa: FURB136 - a call to min() costs more
            penalty = 0
            for measure, each, floor in penalties:
                n = ms[measure]
                if n._denominator != 1:  # type: ignore[union-attr]
                    return None
                x = -each * n._numerator  # type: ignore[union-attr]
                penalty += x if x >= floor else floor  # noqa: FURB136
            bonus: dict[str, _Leaf] | None = None
            for cid, measure, each, cap in bonuses:
                n = ms[measure]
                if n._denominator != 1:  # type: ignore[union-attr]
                    return None
                x = each * n._numerator  # type: ignore[union-attr]
                if x > cap:  # noqa: PLR1730
                    x = cap
                if x:
                    if bonus is None:
                        bonus = {}
                    bonus[cid] = (_ZERO, fraction(x, common), _ZERO, _NO_TRACE)
            verdicts: tuple[object, ...] = ()
            if passes:
                found: list[object] = []
                mine = unit_targets.get(unit)
                shared = True
                for kind, what, an, ad, top in passes:
                    if kind == _AT_LEAST:
                        v = ms[what]  # type: ignore[index]
                        ok = v._numerator * ad >= an * v._denominator  # type: ignore[union-attr]
                        found.append(ok)
                    elif kind == _TARGET:
                        outcome = mine.get(what) if mine is not None else None  # type: ignore[call-overload]
                        if outcome is None:
                            return None  # a cluster's target, or none: decided criterion by criterion
                        ok = outcome.status is _MET
                        found.append(ok)
                    else:
                        ok, trace = check_condition(run, what, unit)  # type: ignore[arg-type]
                        found.append((ok, trace))
                        shared = False
                    if ok:
                        fixed += top
                verdicts = tuple(found)
                if shared:
                    verdicts = verdicts_seen.setdefault(verdicts, verdicts)
        except (KeyError, AttributeError):  # a measure missing, true/false, or not a Fraction
            return None
        return (
            fixed * den + num,
            den * common,
            bonus,
            fraction(penalty, common) if has_penalty else None,
            verdicts,
        )

    return score


def _computed_criteria(  # noqa: PLR0917 - the arguments of a partial
    plan: ScoringPlan,
    prepared: Prepared,
    unit: str,
    row: m.UnitResult | None,
    verdicts: tuple[object, ...],
    given: dict[str, tuple[Fraction | None, Fraction | None]] | None,
    inputs: tuple[m.Campaign, m.UnitResult | None, str | None],
) -> tuple[CriterionScore, ...]:
    """The criteria of a score made by a compiled scorer (built when first read): each computed
    criterion made again from the unit's row, the pass-or-fail ones from the verdicts kept."""
    source = _RowInputs(prepared, row)
    special: dict[str, _Leaf] = {}
    kept = iter(verdicts)
    for c, _ in plan.computed:
        method = c.method
        if isinstance(method, m.PassFail):
            verdict = next(kept)
            trace: list[Step | LazyStep]
            if isinstance(verdict, tuple):
                ok, trace = verdict
            else:
                ok = bool(verdict)
                when = method.when
                if isinstance(when, m.MeasureAtLeast):
                    trace = [("cond_measure", (when.measure, source.env(unit)[when.measure], when.value, ok))]
                else:
                    assert isinstance(when, m.TargetMet)  # noqa: S101 - the two kinds kept as a verdict
                    trace = [("cond_target", (when.target, ok))]
            pts = c.points if ok else _ZERO
            special[c.id] = (pts, _ZERO, _ZERO, [*trace, ("pass_fail", (ok, pts))])
        else:
            special[c.id] = _measure_leaf(source, c)(unit)
    return _criterion_scores(plan, given, special, inputs)


def score_unit(run: Run, unit: str, rubric: m.Rubric, stage: str | None) -> ScoreOutcome:
    """Score one unit with its rubric at a stage.

    The totals are computed at once; the points of each criterion are
    built when :attr:`ScoreOutcome.criteria` is first read.
    """
    plan = run.scoring_plan(rubric)
    result = run.results.get(unit)
    if plan.withdrawn or (result is not None and result.added):
        return _score_special(run, unit, rubric, plan, result=result, stage=stage)
    one_stage = _one_stage_sum(run.campaign, result, stage, plan)
    if one_stage is not None:
        # one assessment gives every assessed leaf its points: summed in one pass, the points per
        # criterion settled when the criteria are first read; the computed ones by the compiled
        # scorer, in integers (the usual case)
        g_num, g_den, used, given_bonus = one_stage
        computed = run.scorer(plan)(unit, result)
        if computed is not None:
            return _compiled_score(run, unit, rubric, plan, result, stage, (g_num, g_den, used, given_bonus, computed))
    return _score_by_stages(run, unit, rubric, plan, result, stage, one_stage)


def _score_by_stages(  # noqa: PLR0917 - score_unit's
    run: Run,
    unit: str,
    rubric: m.Rubric,
    plan: ScoringPlan,
    result: m.UnitResult | None,
    stage: str | None,
    one_stage: tuple[int, int, str, dict[str, Fraction]] | None,
) -> ScoreOutcome:
    """Score a unit whose assessments are not one complete stage, or whose computed criteria the
    compiled scorer does not decide: the stages settled, then criterion by criterion."""
    special: dict[str, _Leaf] = {}
    points: list[Fraction] = []
    penalties: list[Fraction] = []
    computed_bonus = False
    settled: dict[str, tuple[Fraction | None, Fraction | None]] | None
    changes: tuple[Change, ...]
    used: str | None
    staged = _staged_sum(run.campaign, result, stage, plan) if one_stage is None else None
    if one_stage is not None:
        g_num, g_den, used, given_bonus = one_stage
        settled, changes = None, ()
        points.append(fraction(g_num, g_den))
        leaves = plan.computed
    elif staged is not None:
        # the first stage gives every assessed leaf its points, later stages change a few
        given_sum, used, given_bonus, changes = staged
        settled = None
        points.append(given_sum)
        leaves = plan.computed
    else:
        settled, changes, used = settle_assessments(run.campaign, result, stage)
        given_bonus = {k: b for k, (_, b) in settled.items() if b is not None}
        leaves = plan.leaves
        if len(settled) == plan.assessed:  # every assessed criterion settled (validated results)
            try:
                points.append(exact_sum(map(_SETTLED_POINTS, settled.values())))
                leaves = plan.computed
            except AttributeError:  # one has no points (None): leaf by leaf
                pass
    found: list[_Leaf] = []
    computed = run.scorer(plan)(unit, result) if leaves is plan.computed and one_stage is None else None
    if computed is not None:
        # every assessed criterion summed already (settled over the stages)
        assessed_sum = points[0]
        summed = (assessed_sum.numerator, assessed_sum.denominator, used, given_bonus, computed)
        return _compiled_score(run, unit, rubric, plan, result, stage, summed, settled, changes)
    if leaves is plan.computed:
        # every assessed criterion summed already: the computed ones, by their compiled rules
        for cid, compiled in run.computed_rules(plan):
            leaf = special[cid] = compiled(unit)
            found.append(leaf)
    else:
        rule = run.leaf_rule
        for c, assessed in leaves:
            if not assessed:
                leaf = special[c.id] = rule(c)(unit)
            else:
                if settled is not None:
                    given = settled.get(c.id)
                    if given is not None and given[0] is not None:
                        points.append(given[0])
                        continue
                leaf = special[c.id] = _leaf(run, unit, c, settled or {})
            found.append(leaf)
    for pts, leaf_bonus, leaf_penalty, _ in found:
        points.append(pts)
        # the rules give _ZERO for no bonus and no penalty (a Fraction's truth is a Python call)
        if leaf_penalty is not _ZERO:
            penalties.append(leaf_penalty)
        if leaf_bonus is not _ZERO:
            computed_bonus = True
    standard = exact_sum(points)
    # caps are never negative: without a bonus given or computed there is no bonus to cap
    bonus = _bonus_total(plan, given_bonus, special) if given_bonus or computed_bonus else _ZERO
    penalty_total = exact_sum(penalties) if penalties else _ZERO
    return _scored(
        run,
        unit,
        rubric,
        (standard, bonus, penalty_total),
        used,
        _partial(_criterion_scores, plan, settled, special, (run.campaign, result, stage)),
        changes,
    )


def _compiled_score(  # noqa: PLR0917 - score_unit's, and what was summed
    run: Run,
    unit: str,
    rubric: m.Rubric,
    plan: ScoringPlan,
    result: m.UnitResult | None,
    stage: str | None,
    summed: tuple[int, int, str | None, dict[str, Fraction], _Computed],
    settled: dict[str, tuple[Fraction | None, Fraction | None]] | None = None,
    changes: tuple[Change, ...] = (),
) -> ScoreOutcome:
    """The score of a unit whose assessed criteria are summed (a numerator and a denominator, the
    stage used and the bonuses given) and whose computed criteria the compiled scorer decided, in
    integers: the criteria's points are made when first read."""
    g_num, g_den, used, given_bonus, (num, den, computed_bonus_leaves, penalty, verdicts) = summed
    standard = fraction(g_num * den + num * g_den, g_den * den)
    caps = plan.bonus_caps
    if not given_bonus and not computed_bonus_leaves:
        bonus = _ZERO
    elif caps is None:
        bonus = _bonus_total(plan, given_bonus, computed_bonus_leaves or {})
    else:  # no group caps a bonus: each bonus within its own cap, summed
        bonuses = [b if ge(cap, b) else cap for cid, b in given_bonus.items() if (cap := caps.get(cid)) is not None]
        if computed_bonus_leaves:
            bonuses.extend([leaf[1] for leaf in computed_bonus_leaves.values()])
        bonus = _sum_few(bonuses) if bonuses else _ZERO
    return _scored(
        run,
        unit,
        rubric,
        (standard, bonus, _ZERO if penalty is None else penalty),
        used,
        Deferred(
            (_computed_criteria, plan, run.prepared, unit, result, verdicts, settled, (run.campaign, result, stage))
        ),
        changes,
    )


def _scored(  # noqa: PLR0917
    run: Run,
    unit: str,
    rubric: m.Rubric,
    sums: tuple[Fraction, Fraction, Fraction],
    used: str | None,
    criteria: Callable[[], tuple[CriterionScore, ...]],
    changes: tuple[Change, ...],
) -> ScoreOutcome:
    """The score of a unit from its standard points, bonus and penalty: the rubric's adjustments, the total."""
    standard, bonus, penalty_total = sums
    maximum = rubric.total
    if rubric.adjustments:
        total, clamped, adjustments, trace = _finish(
            run, unit, rubric, standard=standard, bonus=bonus, penalty_total=penalty_total, maximum=maximum
        )
        steps: Callable[[], tuple[Step, ...]] = _partial(build_steps, trace)  # made when first read
    else:  # the total alone: what _finish gives without adjustments
        adjustments = _ZERO
        plain = bonus is _ZERO and penalty_total is _ZERO
        total = standard if plain else exact_sum((standard, bonus, penalty_total))
        clamped = False
        if rubric.clamp_total and total > maximum:
            total, clamped = maximum, True
        steps = Deferred((_total_steps, standard, bonus, penalty_total, adjustments, total, maximum, clamped))
    return new_score_outcome(
        unit,
        rubric.id,
        standard,
        bonus,
        penalty_total,
        adjustments,
        total,
        maximum,
        clamped,
        used,
        criteria,
        changes,
        steps,
    )


def _total_steps(*values: TraceValue) -> tuple[Step, ...]:
    """The trace of a score without adjustments: its total (the values of ``score_total``)."""
    return (Step("score_total", dict(zip(_TOTAL_ARGS, values, strict=True))),)


_TOTAL_ARGS = STEP_CODES["score_total"]


def _finish(
    run: Run,
    unit: str,
    rubric: m.Rubric,
    *,
    standard: Fraction,
    bonus: Fraction,
    penalty_total: Fraction,
    maximum: Fraction,
) -> tuple[Fraction, bool, Fraction, list[Step | LazyStep]]:
    """The campaign-level adjustments, the total (clamped at the rubric's total when it says so)
    and the trace: ``(total, clamped, adjustments, trace)``."""
    adjustments = _ZERO
    trace: list[Step | LazyStep] = []
    for adj in rubric.adjustments:
        if adj.when is not None:
            ok, cond_trace = check_condition(run, adj.when, unit)
            value = adj.points if ok else _ZERO
            trace.extend(cond_trace)
        else:
            n = _count(run, unit, adj.per or "", adj.id)
            value = adj.points * n if n is not None else _ZERO
        if adj.limit is not None:
            value = min(value, adj.limit) if adj.points >= 0 else max(value, adj.limit)
        if value:
            trace.append(("adjustment", (adj.id, value)))
        adjustments += value
    if bonus is _ZERO and penalty_total is _ZERO and adjustments is _ZERO:
        total = standard  # nothing to add (the usual case without bonus or penalty)
    else:
        total = exact_sum((standard, bonus, penalty_total, adjustments))
    clamped = False
    if rubric.clamp_total and total > rubric.total:
        total, clamped = rubric.total, True
    trace.append(("score_total", (standard, bonus, penalty_total, adjustments, total, maximum, clamped)))
    return total, clamped, adjustments, trace


def _score_special(
    run: Run, unit: str, rubric: m.Rubric, plan: ScoringPlan, *, result: m.UnitResult | None, stage: str | None
) -> ScoreOutcome:
    """Score a unit criterion by criterion when criteria come and go: the rubric has withdrawn
    criteria (their scores are kept, not counted, and the maxima leave them out), or a reviewer
    added criteria for the unit (each counts from its stage on, with its own maximum)."""
    settled, changes, used = settle_assessments(run.campaign, result, stage)
    index = run.prepared.stage_index
    reached = index[used] if used is not None else -1
    added = [a for a in (result.added if result is not None else ()) if index.get(a.stage, len(index)) <= reached]
    scores: list[CriterionScore] = []
    points: list[Fraction] = []
    penalties: list[Fraction] = []

    def withdrawn(c: m.Criterion, reason: m.Withdrawal | None) -> None:
        given = settled.get(c.id, (None, None))[0]
        step = Step(
            "withdrawn",
            {"on": reason.on if reason else None, "reason": reason.reason if reason else None, "points": given},
        )
        scores.append(CriterionScore(c.id, _ZERO, _ZERO, _ZERO, (step,), counted=False))
        for k in c.children:
            withdrawn(k, reason)

    def visit(c: m.Criterion) -> tuple[Fraction, Fraction, Fraction]:
        """(points, bonus, maximum) of a counted criterion."""
        if c.withdrawn is not None:
            withdrawn(c, c.withdrawn)
            return _ZERO, _ZERO, _ZERO
        if c.children:
            parts = [visit(k) for k in c.children]
            pts = exact_sum(p for p, _, _ in parts)
            bonus = exact_sum(b for _, b, _ in parts)
            top = exact_sum(t for _, _, t in parts)
            if c.bonus is not None and bonus > c.bonus:
                bonus = c.bonus
            scores.append(CriterionScore(c.id, pts, bonus, top))
            return pts, bonus, top
        pts, bonus, pen, trace = _leaf(run, unit, c, settled)
        points.append(pts)
        if pen:
            penalties.append(pen)
        scores.append(CriterionScore(c.id, pts + pen, bonus, c.points, build_steps(trace)))
        return pts + pen, bonus, c.points

    tops = [visit(c) for c in rubric.criteria]
    bonuses = [b for _, b, _ in tops]
    maxima = [t for _, _, t in tops]
    for a in added:
        given_points, given_bonus = settled.get(a.id, (None, None))
        top = a.points or _ZERO
        step = Step(
            "added_criterion",
            {"name": a.name, "name_en": a.name_en, "stage": a.stage, "by": a.by, "on": a.on, "reason": a.reason},
        )
        trace: tuple[Step, ...]
        if given_points is None:
            policy = run.campaign.missing
            if policy is m.MissingPolicy.ERROR:
                problem = codes.NO_POINTS(criterion=a.id)
                raise MissingInputError(problem, unit_id=unit, rule_id=a.id, period=str(run.campaign.year))
            pts = _ZERO
            trace = (step, Step("missing", {"what": f"criterion {a.id}", "policy": policy.value}))
        else:
            pts, trace = given_points, (step,)
        b = _ZERO if given_bonus is None or a.bonus is None else min(given_bonus, a.bonus)
        points.append(pts)
        bonuses.append(b)
        maxima.append(top)
        scores.append(CriterionScore(a.id, pts, b, top, trace))
    order = plan.order
    last = len(order)
    scores.sort(key=lambda x: order.get(x.criterion, last))  # added criteria last, in their order
    standard = exact_sum(points)
    bonus = exact_sum(bonuses)
    penalty_total = exact_sum(penalties) if penalties else _ZERO
    maximum = exact_sum(maxima)
    total, clamped, adjustments, total_trace = _finish(
        run, unit, rubric, standard=standard, bonus=bonus, penalty_total=penalty_total, maximum=maximum
    )
    return ScoreOutcome(
        unit,
        rubric.id,
        standard,
        bonus,
        penalty_total,
        adjustments,
        total,
        maximum,
        clamped,
        used,
        tuple(scores),
        changes,
        _partial(build_steps, total_trace),
    )
