"""The state of one evaluation, its inputs, and history look-ups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from fractions import Fraction
from functools import cache

from thidua import model as m
from thidua.engine import _codes as codes
from thidua.engine._outcomes import (
    LazyStep,
    Ranking,
    RatingOutcome,
    ReviewOutcome,
    ScoreOutcome,
    Step,
    TargetOutcome,
)
from thidua.engine._prepare import Prepared
from thidua.engine._review import UnitReview
from thidua.engine._rules import (
    _Counts,
    _Decide,
    _DecideAll,
    _Missing,
    compile_member_targets,
    compile_target,
    missing_outcome,
    with_missing,
)
from thidua.engine._scoring import ScoringPlan, _Leaf, _Scorer, compile_leaf, compile_scorer
from thidua.errors import MissingInputError
from thidua.formula import Node, parse
from thidua.formula import evaluate as eval_formula

__all__ = ["Run", "apply_rounding", "rounded_part", "share_of_count"]

Value = Fraction | bool

#: the arguments of the three forms of a ``history_year`` step: the unit's own record, no record
#: (and no predecessor to follow), and the predecessors' records under the lineage policy
_OWN_YEAR = ("unit", "year", "met", "via")
_MISSING_YEAR = ("unit", "year", "met", "via", "missing")
_VIA_YEAR = ("unit", "year", "met", "via", "policy")


def apply_rounding(value: Fraction, rounding: m.Rounding) -> int:
    """Round an exact quota to a whole number of units.

    >>> apply_rounding(Fraction(12, 5), m.Rounding.FLOOR), apply_rounding(Fraction(12, 5), m.Rounding.CEILING)
    (2, 3)
    >>> apply_rounding(Fraction(5, 2), m.Rounding.HALF_EVEN), apply_rounding(Fraction(5, 2), m.Rounding.HALF_UP)
    (2, 3)

    .. versionadded:: 0.1.0
    """
    return rounded_part(value.numerator, value.denominator, rounding)


def share_of_count(share: Fraction, count: int, rounding: m.Rounding) -> int:
    """``apply_rounding(share * count, rounding)``, in integers: a quota of a group's units.

    >>> share_of_count(Fraction(1, 2), 9, m.Rounding.FLOOR), share_of_count(Fraction(1, 5), 12, m.Rounding.CEILING)
    (4, 3)
    """
    return rounded_part(share.numerator * count, share.denominator, rounding)


def rounded_part(numerator: int, denominator: int, rounding: m.Rounding) -> int:
    """``numerator / denominator`` (a positive denominator) rounded to a whole number, in integers.

    >>> [rounded_part(n, 2, m.Rounding.HALF_EVEN) for n in (1, 3, 5, -1)]
    [0, 2, 2, 0]
    """
    low, rest = divmod(numerator, denominator)  # low = floor, 0 <= rest < denominator
    if rounding is m.Rounding.FLOOR or rest == 0:
        return low
    if rounding is m.Rounding.CEILING:
        return low + 1
    twice = 2 * rest
    if twice > denominator:
        return low + 1
    if twice < denominator:
        return low
    if rounding is m.Rounding.HALF_UP:
        return low + 1
    if rounding is m.Rounding.HALF_DOWN:
        return low
    return low if low % 2 == 0 else low + 1


@cache
def _parse_cached(text: str) -> Node:
    return parse(text)


class Run:
    """The state of one evaluation; discarded when it ends."""

    def __init__(
        self,
        prepared: Prepared,
        results: m.Results,
        stage: str | None,
        history: m.History | None,
    ) -> None:
        self.prepared = prepared
        self.campaign = prepared.campaign
        self.results = results.by_unit()
        self.stage = stage
        self.history = history
        self.grades: dict[str, str | None] = {}
        self.unit_targets: dict[str, dict[str, TargetOutcome]] = {}
        self.cluster_target_out: dict[str, dict[str, TargetOutcome]] = {}
        self.scores: dict[str, ScoreOutcome] = {}
        self.ratings: dict[str, RatingOutcome] = {}
        self.rankings: dict[str, Ranking] = {}
        #: ratings before caps, kept so that an update can apply the caps again
        self.precap: dict[str, RatingOutcome] = {}
        #: each unit's place in the review chain (``None`` when nothing is reviewed), and the units
        #: left out of ratings, rankings and counts (not yet reviewed, or rejected)
        self.reviews: dict[str, UnitReview | None] = {}
        self.excluded: set[str] = set()
        #: the places in the chain of units reviewed at the stage evaluated, by the last stage they
        #: reached (shared: see :func:`unit_review`)
        self.reviewed: dict[int, UnitReview] = {}
        #: review outcomes without a history, shared by value (see :func:`review_outcome`)
        self.review_outcomes: dict[tuple[object, ...], ReviewOutcome] = {}
        #: caps that bind on reported grades with no score to order them: by group, the grade,
        #: the number allowed and the holders (the cap is then a check on the decision)
        self.cap_checks: dict[tuple[str, str], tuple[str, int, tuple[str, ...]]] = {}
        #: grade counts of a unit by (level, missing-input policy): several targets read the same ones
        self.grade_counts: dict[str, dict[tuple[str, m.MissingPolicy], _Counts]] = {}
        self._env: dict[str, dict[str, Value]] = {}
        self._plans: dict[str, ScoringPlan] = {}
        #: each target's rule compiled once (see :func:`thidua.engine._rules.compile_target`), and
        #: the same with a missing input decided under the policy
        self._compiled: dict[str, _Decide] = {}
        self._rules: dict[str, Callable[[str, m.Cluster | None], TargetOutcome]] = {}
        #: each computed criterion's rule by the criterion's identity (the campaign keeps it alive)
        self._leaf_rules: dict[int, Callable[[str], _Leaf]] = {}
        self._computed_rules: dict[str, tuple[tuple[str, Callable[[str], _Leaf]], ...]] = {}
        self._scorers: dict[str, _Scorer] = {}
        self._raters: dict[str, Callable[[str, Fraction], RatingOutcome | None]] = {}
        self._scales: dict[str, m.RatingScale | None] = {}
        self._ranks: dict[str, dict[str, int]] = {}
        self._level_ranks: dict[str, Mapping[str, int]] = {}
        self._above: dict[tuple[str, str], tuple[str, ...]] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}
        self._labels: dict[str, dict[str, str]] = {}
        #: target outcomes computed so far, by subject (a unit or a cluster id) and target id
        self.pending: dict[str, dict[str, TargetOutcome]] = {}
        #: the compiled rules of a unit's member targets, and the same compiled together (see
        #: :func:`thidua.engine._rules.compile_member_targets`), by the identity of its tuple of targets
        self._member_rules: dict[int, tuple[tuple[tuple[m.Target, _Decide], ...], _DecideAll | None]] = {}
        self._history_index: dict[str, dict[int, m.HistoryRecord]] = defaultdict(dict)
        if history is not None:
            for r in history.records:
                self._history_index[r.unit][r.year] = r

    def scale(self, level: str) -> m.RatingScale | None:
        """The rating scale of a level (cached)."""
        if level not in self._scales:
            self._scales[level] = self.campaign.scale_for(level)
        return self._scales[level]

    def ranks(self, scale: m.RatingScale) -> Mapping[str, int]:
        """Grade id → position (0 is best) for a scale (cached)."""
        found = self._ranks.get(scale.id)
        if found is None:
            found = self._ranks[scale.id] = {g: i for i, g in enumerate(scale.grade_ids)}
        return found

    def unit_ranks(self, unit: str) -> Mapping[str, int]:
        """Grade id → position (0 is best) on the scale of *unit*'s level; empty without a scale (cached)."""
        level = self.prepared.units[unit].level
        found = self._level_ranks.get(level)
        if found is None:
            scale = self.scale(level)
            found = self._level_ranks[level] = self.ranks(scale) if scale is not None else {}
        return found

    def at_or_above(self, scale: m.RatingScale, grade: str) -> tuple[str, ...]:
        """The grades of *scale* at or above *grade*, best first (cached)."""
        key = (scale.id, grade)
        found = self._above.get(key)
        if found is None:
            ranks = self.ranks(scale)
            found = self._above[key] = tuple(g for g in scale.grade_ids if ranks[g] <= ranks[grade])
        return found

    def resolve(self, scale: m.RatingScale, label: str) -> str | None:
        """A reported grade label resolved on a scale (cached; see :meth:`labels`)."""
        key = (scale.id, label)
        if key not in self._resolved:
            self._resolved[key] = resolved = scale.resolve(label)
            if resolved is not None:
                self.labels(scale)[label] = resolved
        return self._resolved[key]

    def labels(self, scale: m.RatingScale) -> dict[str, str]:
        """The labels resolved on *scale* so far, label → grade id (filled by :meth:`resolve`)."""
        found = self._labels.get(scale.id)
        if found is None:
            found = self._labels[scale.id] = {}
        return found

    def scoring_plan(self, rubric: m.Rubric) -> ScoringPlan:
        """The rubric flattened for scoring (cached per rubric)."""
        plan = self._plans.get(rubric.id)
        if plan is None:
            plan = self._plans[rubric.id] = ScoringPlan.of(rubric)
        return plan

    def invalidate(self, subject: str) -> None:
        """Forget what was computed for *subject* (a unit or a cluster id) before it is evaluated again."""
        self._env.pop(subject, None)
        self.scores.pop(subject, None)
        self.reviews.pop(subject, None)
        self.excluded.discard(subject)
        self.grades.pop(subject, None)
        self.grade_counts.pop(subject, None)
        self.pending.pop(subject, None)

    # -- inputs --------------------------------------------------------------

    def env(self, unit: str) -> Mapping[str, Value]:
        """Measures, flags and indicators of a unit, for formulas and measures."""
        found = self._env.get(unit)
        if found is None:
            found = self._env[unit] = self.prepared.unit_env(self.results.get(unit))
        return found

    def cluster_env(self, cluster: m.Cluster) -> Mapping[str, Value]:
        """Measures summed over a cluster's members (flags are left out)."""
        env: dict[str, Value] = {}
        for member in cluster.members:
            r = self.results.get(member)
            if r is None:
                continue
            for k, v in r.measures.items():
                cur = env.get(k, Fraction(0))
                assert not isinstance(cur, bool)  # noqa: S101
                env[k] = cur + v
        for ind in self.prepared.indicator_order:
            try:
                env[ind] = eval_formula(self.prepared.formulas[ind], env)
            except KeyError:
                continue
        return env

    def formula(self, text: str) -> Node:
        """A parsed formula, cached."""
        return _parse_cached(text)

    def missing_condition(self, unit: str, what: str) -> tuple[bool, list[Step | LazyStep]]:
        """Apply the campaign's missing-input policy to a condition."""
        policy = self.campaign.missing
        if policy is m.MissingPolicy.ERROR:
            problem = codes.MISSING_INPUT(what=what)
            raise MissingInputError(problem, unit_id=unit, period=str(self.campaign.year))
        return False, [Step("missing", {"what": what, "policy": policy.value})]

    # -- targets ---------------------------------------------------------------

    def rule(self, t: m.Target) -> Callable[[str, m.Cluster | None], TargetOutcome]:
        """The rule of target *t* compiled for this run (cached)."""
        found = self._rules.get(t.id)
        if found is None:
            found = self._rules[t.id] = with_missing(self, t, self._compiled_rule(t))
        return found

    def leaf_rule(self, c: m.Criterion) -> Callable[[str], _Leaf]:
        """The rule of computed leaf criterion *c* compiled for this run (cached)."""
        found = self._leaf_rules.get(id(c))
        if found is None:
            found = self._leaf_rules[id(c)] = compile_leaf(self, c)
        return found

    def rater(self, scale: m.RatingScale) -> Callable[[str, Fraction], RatingOutcome | None]:
        """The compiled usual rating on *scale* (cached per scale; see :func:`thidua.engine._rating.compile_rater`)."""
        found = self._raters.get(scale.id)
        if found is None:
            from thidua.engine._rating import compile_rater  # the rating module imports this one

            found = self._raters[scale.id] = compile_rater(self, scale)
        return found

    def scorer(self, plan: ScoringPlan) -> _Scorer:
        """The compiled scorer of *plan*'s computed criteria (cached per rubric; see :func:`compile_scorer`)."""
        found = self._scorers.get(plan.rubric.id)
        if found is None:
            found = self._scorers[plan.rubric.id] = compile_scorer(self, plan)
        return found

    def computed_rules(self, plan: ScoringPlan) -> tuple[tuple[str, Callable[[str], _Leaf]], ...]:
        """The compiled rules of *plan*'s computed criteria, by criterion id (cached per plan)."""
        found = self._computed_rules.get(plan.rubric.id)
        if found is None:
            found = self._computed_rules[plan.rubric.id] = tuple((c.id, self.leaf_rule(c)) for c, _ in plan.computed)
        return found

    def target(self, target_id: str, subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        """The outcome of a target for a subject, computed once.

        A target of scope ``agreement`` is decided once for all the signatories
        of its agreement, whichever cluster asks.
        """
        whole = self.prepared.agreement_groups.get(target_id)
        if whole is not None:
            subject, cluster = whole
        mine = self.pending.get(subject)
        if mine is None:
            mine = self.pending[subject] = {}
        found = mine.get(target_id)
        if found is None:
            rule = self._rules.get(target_id) or self.rule(self.prepared.targets[target_id])
            found = rule(subject, cluster)
            mine = self.pending.get(subject)  # the rule may have asked for other targets meanwhile
            if mine is None:
                mine = self.pending[subject] = {}
            elif mine is self.unit_targets.get(subject):
                # the unit's own targets (member_targets keeps them as decided): another target
                # asked of the unit goes into a copy, never among them
                mine = self.pending[subject] = dict(mine)
            mine[target_id] = found
        return found

    def _compiled_rule(self, t: m.Target) -> _Decide:
        found = self._compiled.get(t.id)
        if found is None:
            found = self._compiled[t.id] = compile_target(self, t)
        return found

    def release(self) -> None:
        """Drop the rules compiled for this run once it is finished (:func:`thidua.evaluate` does).

        The compiled rules are closures that refer back to the run: kept, they make a cycle that
        holds the whole run (its per-unit tables, a tenth of a national evaluation's memory) until
        the collector's next full pass, which :func:`thidua._gc.paused_gc` puts off. They are
        caches: read again, they are compiled again.
        """
        for kept in (
            self._compiled,
            self._rules,
            self._leaf_rules,
            self._computed_rules,
            self._scorers,
            self._raters,
            self._member_rules,
        ):
            kept.clear()

    def member_targets(self, unit: str) -> dict[str, TargetOutcome]:
        """The outcomes of the targets *unit* signed, in the campaign's order (each computed once)."""
        targets = self.prepared.member_targets.get(unit, ())
        found_rules = self._member_rules.get(id(targets))
        if found_rules is None:
            found_rules = self._member_rules[id(targets)] = (
                tuple((t, self._compiled_rule(t)) for t in targets),
                compile_member_targets(self, targets),
            )
        rules, decide_all = found_rules
        mine = self.pending.get(unit)
        if not mine and decide_all is not None:
            # nothing decided yet for the unit: its targets together, in the usual case
            decided = decide_all(unit, self.results.get(unit))
            if decided is not None:
                self.pending[unit] = decided  # the same dict as the unit's targets (see target())
                return decided
        if mine is None:
            mine = self.pending[unit] = {}
        out: dict[str, TargetOutcome] = {}
        for t, rule in rules:
            tid = t.id
            found = mine.get(tid)
            if found is None:
                try:
                    found = rule(unit, None)
                except _Missing as exc:
                    found = missing_outcome(self, t, unit, exc)
                mine[tid] = found
            out[tid] = found
        return out

    # -- history ---------------------------------------------------------------

    def _grade_ok(self, rec: m.HistoryRecord, unit: str, grade: str) -> bool | None:
        """Whether a past record of *unit* has *grade* or better (``None`` without a grade)."""
        if rec.grade is None:
            return None
        ranks = self.unit_ranks(unit)
        if not ranks:
            scale = _any_scale(self.campaign, grade)
            if scale is None:
                return False
            ranks = self.ranks(scale)
        if rec.grade not in ranks or grade not in ranks:  # a grade of another scale: not reached
            return False
        return ranks[rec.grade] <= ranks[grade]

    def _own_year(self, unit: str, year: int, cond: m.GradeStreak | m.TitleCount) -> bool | None:
        """Whether *unit*'s own record of *year* qualifies; ``None`` without a record (or a grade)."""
        rec = self._history_index.get(unit, {}).get(year)
        if rec is None:
            return None
        if isinstance(cond, m.GradeStreak):
            return self._grade_ok(rec, unit, cond.grade)
        return cond.title in rec.titles

    def _year_ok(self, unit: str, year: int, cond: m.GradeStreak | m.TitleCount) -> tuple[bool, LazyStep]:
        """Whether *unit* qualifies in a past *year*, following lineage under the policy."""
        value = self._own_year(unit, year, cond)
        if value is not None:
            return value, ("history_year", (unit, year, value, ()), _OWN_YEAR)
        policy = self.campaign.history_lineage or m.LineagePolicy.NONE
        preds = self.prepared.predecessors.get(unit, ())
        if policy is m.LineagePolicy.NONE or not preds:
            return False, ("history_year", (unit, year, False, (), True), _MISSING_YEAR)
        known = [bool(self._own_year(p, year, cond)) for p in preds]
        ok = all(known) if policy is m.LineagePolicy.ALL_PREDECESSORS else any(known)
        return ok, ("history_year", (unit, year, ok, preds, policy.value), _VIA_YEAR)

    def history_condition(self, cond: m.GradeStreak | m.TitleCount, unit: str) -> tuple[bool, list[Step | LazyStep]]:
        """Decide a look-back condition over the unit's history (the steps made on first read)."""
        year = self.campaign.year
        policy = self.campaign.history_lineage or m.LineagePolicy.NONE
        trace: list[Step | LazyStep] = [("history_policy", (policy.value,))]
        if isinstance(cond, m.GradeStreak):
            years = range(year - cond.years + 1, year + 1) if cond.include_current else range(year - cond.years, year)
            ok = True
            for y in years:
                step: LazyStep
                if y == year:
                    grade = self.grades.get(unit)
                    ranks = self.unit_ranks(unit)
                    y_ok = grade is not None and cond.grade in ranks and ranks[grade] <= ranks[cond.grade]
                    step = ("history_year", (unit, y, y_ok, ()), _OWN_YEAR)
                else:
                    y_ok, step = self._year_ok(unit, y, cond)
                trace.append(step)
                ok = ok and y_ok
            trace.append(("cond_streak", (cond.grade, cond.years, ok)))
            return ok, trace
        count = 0
        for y in range(year - cond.years, year):
            y_ok, year_step = self._year_ok(unit, y, cond)
            trace.append(year_step)
            count += int(y_ok)
        ok = count >= cond.at_least
        trace.append(("cond_titles", (cond.title, count, cond.at_least, cond.years, ok)))
        return ok, trace

    # -- ranking -----------------------------------------------------------------

    def rank_in(self, unit: str, group: str | None) -> int | None:
        """The unit's rank in *group* (a cluster id or ``level:<id>``), or in its first cluster."""
        if group is None:
            clusters = self.prepared.unit_clusters.get(unit, ())
            if not clusters:
                return None
            group = clusters[0]
        ranking = self.rankings.get(group)
        return ranking.rank_of(unit) if ranking else None


def _any_scale(campaign: m.Campaign, grade: str) -> m.RatingScale | None:
    for s in campaign.scales:
        if grade in s.grade_ids:
            return s
    return None
