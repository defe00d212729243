"""evaluate(): targets → scores → ratings → caps → rankings → awards → decision checks."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from fractions import Fraction
from functools import cache

import attrs

from thidua import model as m
from thidua.engine._fingerprint import fingerprint
from thidua.engine._outcomes import (
    AwardOutcome,
    ClusterEvaluation,
    Conflict,
    Evaluation,
    RankEntry,
    Ranking,
    RatingOutcome,
    ScoreOutcome,
    Step,
    TargetOutcome,
    TraceValue,
    UnitEvaluation,
)
from thidua.engine._prepare import Prepared, prepare
from thidua.engine._rules import check_condition, evaluate_target
from thidua.engine._scoring import score_unit
from thidua.errors import EvaluationError, MissingInputError, ModelError
from thidua.formula import Node, parse
from thidua.formula import evaluate as eval_formula

__all__ = [
    "Parts",
    "Run",
    "apply_rounding",
    "assemble",
    "check_inputs",
    "evaluate",
    "execute",
    "order_entries",
    "primary_key",
    "rank_units",
    "subjects_of",
]

Value = Fraction | bool


def apply_rounding(value: Fraction, rounding: m.Rounding) -> int:
    """Round an exact quota to a whole number of units.

    >>> apply_rounding(Fraction(12, 5), m.Rounding.FLOOR), apply_rounding(Fraction(12, 5), m.Rounding.CEILING)
    (2, 3)
    >>> apply_rounding(Fraction(5, 2), m.Rounding.HALF_EVEN), apply_rounding(Fraction(5, 2), m.Rounding.HALF_UP)
    (2, 3)

    .. versionadded:: 0.1.0
    """
    if rounding is m.Rounding.FLOOR:
        return math.floor(value)
    if rounding is m.Rounding.CEILING:
        return math.ceil(value)
    low = math.floor(value)
    rest = value - low
    if rest > Fraction(1, 2):
        return low + 1
    if rest < Fraction(1, 2):
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
        self._env: dict[str, dict[str, Value]] = {}
        self._pending: dict[tuple[str, str], TargetOutcome] = {}
        self._history_index: dict[str, dict[int, m.HistoryRecord]] = defaultdict(dict)
        if history is not None:
            for r in history.records:
                self._history_index[r.unit][r.year] = r

    # -- inputs --------------------------------------------------------------

    def env(self, unit: str) -> Mapping[str, Value]:
        """Measures, flags and indicators of a unit, for formulas and measures."""
        if unit in self._env:
            return self._env[unit]
        r = self.results.get(unit)
        env: dict[str, Value] = {}
        if r is not None:
            env.update(r.measures)
            env.update(r.flags)
        for ind in self.prepared.indicator_order:
            try:
                env[ind] = eval_formula(self.prepared.formulas[ind], env)
            except KeyError:
                continue
        self._env[unit] = env
        return env

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

    def missing_condition(self, unit: str, what: str) -> tuple[bool, list[Step]]:
        """Apply the campaign's missing-input policy to a condition."""
        policy = self.campaign.missing
        if policy is m.MissingPolicy.ERROR:
            msg = f"missing input {what} (missing-input policy: error)"
            raise MissingInputError(msg, unit_id=unit, period=str(self.campaign.year))
        return False, [Step("missing", {"what": what, "policy": policy.value})]

    # -- targets ---------------------------------------------------------------

    def target(self, target_id: str, subject: str, cluster: m.Cluster | None) -> TargetOutcome:
        """The outcome of a target for a subject, computed once."""
        key = (subject, target_id)
        if key not in self._pending:
            t = self.prepared.targets[target_id]
            self._pending[key] = evaluate_target(self, t, subject, cluster)
        return self._pending[key]

    # -- history ---------------------------------------------------------------

    def _record_grade_ok(self, unit: str, year: int, grade: str) -> tuple[bool | None, str]:
        rec = self._history_index.get(unit, {}).get(year)
        if rec is None or rec.grade is None:
            return None, unit
        scale = self.campaign.scale_for(self.prepared.units[unit].level) or _any_scale(self.campaign, grade)
        if scale is None or rec.grade not in scale.grade_ids:
            return False, unit
        return scale.at_least(rec.grade, grade), unit

    def _year_ok(self, unit: str, year: int, test: str, cond: m.GradeStreak | m.TitleCount) -> tuple[bool, Step]:
        """Whether *unit* qualifies in a past *year*, following lineage under the policy."""

        def own(u: str) -> bool | None:
            rec = self._history_index.get(u, {}).get(year)
            if rec is None:
                return None
            if isinstance(cond, m.GradeStreak):
                return self._record_grade_ok(u, year, cond.grade)[0]
            return cond.title in rec.titles

        value = own(unit)
        if value is not None:
            return value, Step("history_year", {"unit": unit, "year": year, "met": value, "via": ()})
        policy = self.campaign.history_lineage or m.LineagePolicy.NONE
        preds = self.prepared.predecessors.get(unit, ())
        if policy is m.LineagePolicy.NONE or not preds:
            return False, Step("history_year", {"unit": unit, "year": year, "met": False, "via": (), "missing": True})
        values = [own(p) for p in preds]
        known = [bool(v) for v in values]
        ok = all(known) if policy is m.LineagePolicy.ALL_PREDECESSORS else any(known)
        _ = test
        return ok, Step(
            "history_year",
            {"unit": unit, "year": year, "met": ok, "via": preds, "policy": policy.value},
        )

    def history_condition(self, cond: m.GradeStreak | m.TitleCount, unit: str) -> tuple[bool, list[Step]]:
        """Decide a look-back condition over the unit's history."""
        year = self.campaign.year
        policy = self.campaign.history_lineage or m.LineagePolicy.NONE
        trace: list[Step] = [Step("history_policy", {"policy": policy.value})]
        if isinstance(cond, m.GradeStreak):
            years = (
                list(range(year - cond.years + 1, year + 1))
                if cond.include_current
                else list(range(year - cond.years, year))
            )
            ok = True
            for y in years:
                if y == year:
                    grade = self.grades.get(unit)
                    scale = self.campaign.scale_for(self.prepared.units[unit].level)
                    y_ok = (
                        grade is not None
                        and scale is not None
                        and cond.grade in scale.grade_ids
                        and scale.at_least(grade, cond.grade)
                    )
                    trace.append(Step("history_year", {"unit": unit, "year": y, "met": y_ok, "via": ()}))
                else:
                    y_ok, step = self._year_ok(unit, y, "grade", cond)
                    trace.append(step)
                ok = ok and y_ok
            trace.append(Step("cond_streak", {"grade": cond.grade, "years": cond.years, "met": ok}))
            return ok, trace
        count = 0
        for y in range(year - cond.years, year):
            y_ok, step = self._year_ok(unit, y, "title", cond)
            trace.append(step)
            count += int(y_ok)
        ok = count >= cond.at_least
        trace.append(
            Step(
                "cond_titles",
                {
                    "title": cond.title,
                    "count": count,
                    "required": cond.at_least,
                    "years": cond.years,
                    "met": ok,
                },
            )
        )
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


def subjects_of(p: Prepared, results: m.Results) -> list[str]:
    """Units evaluated: members, signatories, and units with results, that exist this year."""
    start, end = p.campaign.period
    ids: set[str] = set()
    for c in p.campaign.clusters:
        ids.update(c.members)
    for a in p.campaign.agreements:
        ids.update(a.signatories)
    ids.update(r.unit for r in results.units)
    return [u for u in ids if u in p.units and p.units[u].overlaps(start, end)]


def _rate(run: Run, unit: str) -> RatingOutcome:
    level = run.prepared.units[unit].level
    scale = run.campaign.scale_for(level)
    if scale is None:
        return RatingOutcome(unit, None, "none")
    score = run.scores.get(unit)
    trace: list[Step] = []
    result = run.results.get(unit)
    if score is not None and scale.bands:
        band = scale.band_for(score.total)
        if band is None:
            trace.append(Step("no_band", {"score": score.total}))
            return RatingOutcome(unit, None, "computed", None, trace=tuple(trace))
        grade = band.grade
        band_grade = grade
        trace.append(
            Step(
                "band",
                {
                    "score": score.total,
                    "grade": grade,
                    "min": band.min,
                    "max": band.max,
                    "include_min": band.include_min,
                    "include_max": band.include_max,
                },
            )
        )
        source = "computed"
    elif result is not None and result.rating is not None:
        resolved = scale.resolve(result.rating)
        if resolved is None:
            raise EvaluationError(f"unknown grade {result.rating!r}", unit_id=unit)
        grade = resolved
        band_grade = None
        trace.append(Step("reported", {"label": result.rating, "grade": grade}))
        source = "reported"
    else:
        return RatingOutcome(unit, None, "none", trace=(Step("unrated", {"units": (unit,), "policy": "none"}),))
    # requirements: fall one grade while the grade's conditions fail
    while True:
        g = scale.grade(grade)
        failed = False
        for cond in g.requires:
            ok, cond_trace = check_condition(run, cond, unit)
            if not ok:
                failed = True
                trace.extend(cond_trace)
                break
        pos = scale.rank_of(grade)
        if not failed or pos == len(scale.grades) - 1:
            break
        grade = scale.grade_ids[pos + 1]
        trace.append(Step("requirement_failed", {"from": g.id, "to": grade}))
    for d in scale.disqualifiers:
        hit, cond_trace = check_condition(run, d.when, unit)
        if hit and scale.rank_of(grade) < scale.rank_of(d.max_grade):
            trace.extend(cond_trace)
            trace.append(Step("disqualified", {"disqualifier": d.id, "from": grade, "to": d.max_grade}))
            grade = d.max_grade
    return RatingOutcome(unit, grade, source, band_grade, trace=tuple(trace))


def _sort_key(run: Run, unit: str, keys: tuple[str, ...]) -> tuple[Fraction, ...]:
    env = run.env(unit)
    out: list[Fraction] = []
    for k in keys:
        v = env.get(k)
        out.append(v if isinstance(v, Fraction) else Fraction(-(10**30)))
    return tuple(out)


def _apply_caps(run: Run, level: str, units: list[str]) -> None:
    scale = run.campaign.scale_for(level)
    if scale is None:
        return
    for cap in scale.caps:
        if cap.within == "cluster":
            groups = [
                (c.id, [u for u in c.members if u in run.ratings and run.prepared.units[u].level == level])
                for c in run.campaign.clusters
            ]
        else:
            groups = [(f"level:{level}", units)]
        for group_id, members in groups:
            rated = [u for u in members if run.ratings[u].grade is not None]
            base = [u for u in rated if scale.at_least(run.ratings[u].grade or "", cap.of_grade)]
            holders = [u for u in rated if run.ratings[u].grade == cap.grade]
            allowed = apply_rounding(cap.at_most * len(base), cap.rounding)
            if len(holders) <= allowed:
                continue

            def key(u: str, tie_break: tuple[str, ...] = cap.tie_break) -> tuple[Fraction, ...]:
                s = run.scores.get(u)
                return ((s.total if s else Fraction(0)), *_sort_key(run, u, tie_break))

            ordered = sorted(holders, key=lambda u: (tuple(-x for x in key(u)), u))
            kept = ordered[:allowed]
            if allowed and allowed < len(ordered) and key(ordered[allowed]) == key(ordered[allowed - 1]):
                tied = key(ordered[allowed])
                kept = [u for u in kept if key(u) != tied]
            lower = scale.grade_ids[min(scale.rank_of(cap.grade) + 1, len(scale.grades) - 1)]
            for u in holders:
                step_args: dict[str, TraceValue] = {
                    "grade": cap.grade,
                    "share": cap.at_most,
                    "base": len(base),
                    "of_grade": cap.of_grade,
                    "allowed": allowed,
                    "holders": len(holders),
                    "rounding": cap.rounding.value,
                    "group": group_id,
                    "tie_break": cap.tie_break,
                }
                r = run.ratings[u]
                if u in kept:
                    run.ratings[u] = m_evolve(r, trace=(*r.trace, Step("cap_kept", step_args)))
                else:
                    run.ratings[u] = m_evolve(
                        r,
                        grade=lower,
                        capped=True,
                        trace=(*r.trace, Step("cap_cut", {**step_args, "to": lower})),
                    )
                run.grades[u] = run.ratings[u].grade


def m_evolve(r: RatingOutcome, **changes: object) -> RatingOutcome:
    """attrs.evolve, typed for ratings."""
    import attrs

    return attrs.evolve(r, **changes)  # type: ignore[arg-type]


def primary_key(
    campaign: m.Campaign, level: str, score: Fraction | None, grade: str | None
) -> tuple[Fraction, Fraction]:
    """The first sort keys of a ranking: scored units first by score, then unscored ones by grade."""
    if score is not None:
        return (Fraction(1), score)
    scale = campaign.scale_for(level)
    if grade is not None and scale is not None:
        return (Fraction(0), Fraction(-scale.rank_of(grade)))
    return (Fraction(-1), Fraction(0))


def order_entries(rows: list[tuple[tuple[Fraction, ...], str, Fraction | None, str | None]]) -> list[RankEntry]:
    """Sort ``(keys, unit, score, grade)`` rows, best first; equal keys share a rank (1, 2, 2, 4).

    The unit id only makes the order of tied units stable; it never changes a rank.
    """
    rows.sort(key=lambda r: (tuple(-k for k in r[0]), r[1]))
    entries: list[RankEntry] = []
    for i, (keys, u, score, grade) in enumerate(rows):
        rank = entries[-1].rank if entries and rows[i - 1][0] == keys else i + 1
        entries.append(RankEntry(u, rank, score, grade, keys[2:]))
    return entries


def rank_units(run: Run, group: str, units: Iterable[str]) -> Ranking:
    """Rank units by score (then grade), then by the campaign's tie-break measures."""
    tie = run.campaign.tie_breaks
    rows = []
    for u in units:
        s = run.scores.get(u)
        grade = run.grades.get(u)
        score = s.total if s else None
        keys = (*primary_key(run.campaign, run.prepared.units[u].level, score, grade), *_sort_key(run, u, tie))
        rows.append((keys, u, score, grade))
    return Ranking(group, tuple(order_entries(rows)), tie)


def _award(
    run: Run, rule: m.AwardRule, groups: list[tuple[str, list[str]]], granted: dict[str, set[str]]
) -> dict[str, AwardOutcome]:
    out: dict[str, AwardOutcome] = {}
    for group, members in groups:
        eligible: list[str] = []
        traces: dict[str, list[Step]] = {}
        for u in members:
            trace: list[Step] = []
            ok = True
            blocked = sorted(granted.get(u, set()) & set(rule.exclusive_with))
            if blocked:
                ok = False
                trace.append(Step("award_exclusive", {"held": tuple(blocked)}))
            for cond in rule.conditions:
                c_ok, c_trace = check_condition(run, cond, u, group=group)
                trace.extend(c_trace)
                ok = ok and c_ok
            traces[u] = trace
            if ok:
                eligible.append(u)
        ranking = run.rankings.get(group)
        eligible.sort(key=lambda u: ((ranking.rank_of(u) if ranking else None) or 10**9, u))
        if rule.quota is None:
            allowed = len(eligible)
        elif rule.quota.count is not None:
            allowed = rule.quota.count
        else:
            assert rule.quota.share is not None  # noqa: S101
            base = len(members) if rule.quota.of == "members" else len(eligible)
            allowed = apply_rounding(rule.quota.share * base, rule.quota.rounding)
        winners = eligible[:allowed]
        tied_out: list[str] = []
        if ranking and 0 < allowed < len(eligible):
            cut = ranking.rank_of(eligible[allowed])
            if cut is not None and cut == ranking.rank_of(eligible[allowed - 1]):
                tied_out = [u for u in winners if ranking.rank_of(u) == cut]
                winners = [u for u in winners if u not in tied_out]
        for u in members:
            trace = traces[u]
            is_eligible = u in eligible
            win = u in winners
            if is_eligible:
                trace.append(
                    Step(
                        "award_quota",
                        {
                            "allowed": allowed,
                            "eligible": len(eligible),
                            "position": eligible.index(u) + 1,
                            "granted": win,
                            "tied": u in tied_out,
                            "group": group,
                        },
                    )
                )
            else:
                trace.append(Step("award_ineligible", {}))
            out[u] = AwardOutcome(rule.id, rule.title, u, win, is_eligible, tuple(trace))
            if win:
                granted.setdefault(u, set()).add(rule.id)
    return out


def _check_decision(
    run: Run, d: m.Decision, ranking: Ranking, awards: dict[str, dict[str, AwardOutcome]]
) -> list[Conflict]:
    conflicts: list[Conflict] = []
    computed = tuple(e.unit for e in ranking.entries)
    if d.order and tuple(d.order) != computed[: len(d.order)]:
        ranks = {e.unit: e.rank for e in ranking.entries}
        decided_ranks = tuple(ranks.get(u) for u in d.order)
        conflicts.append(
            Conflict(
                d.cluster,
                "info",
                "order_differs",
                {"decided": tuple(d.order), "computed": computed, "ranks": decided_ranks},
            )
        )
    per_award: dict[str, list[str]] = defaultdict(list)
    for p in d.proposals:
        per_award[p.award].append(p.unit)
        outcome = awards.get(p.award, {}).get(p.unit)
        if outcome is None or not outcome.eligible:
            conflicts.append(Conflict(d.cluster, "error", "proposal_ineligible", {"unit": p.unit, "award": p.award}))
        elif not outcome.granted:
            conflicts.append(Conflict(d.cluster, "info", "proposal_not_computed", {"unit": p.unit, "award": p.award}))
    cluster = run.prepared.clusters[d.cluster]
    for award_id, units in per_award.items():
        rule = run.prepared.awards.get(award_id)
        if rule is None or rule.quota is None:
            continue
        if rule.quota.count is not None:
            allowed = rule.quota.count
        else:
            assert rule.quota.share is not None  # noqa: S101
            eligible = sum(1 for o in awards.get(award_id, {}).values() if o.eligible and o.unit in cluster.members)
            base = len(cluster.members) if rule.quota.of == "members" else eligible
            allowed = apply_rounding(rule.quota.share * base, rule.quota.rounding)
        if len(units) > allowed:
            conflicts.append(
                Conflict(
                    d.cluster,
                    "error",
                    "over_quota",
                    {"award": award_id, "proposed": len(units), "allowed": allowed},
                )
            )
    return conflicts


def check_inputs(prepared: Prepared, results: m.Results, stage: str | None, history: m.History | None) -> None:
    """Validate results, history and stage against the campaign; raise every problem."""
    c = prepared.campaign
    problems = m.validate_results(c, results)
    if history is not None:
        problems += [f"history.{p}" for p in m.validate_history(c, history)]
    if stage is not None and stage not in [s.id for s in c.stages]:
        problems.append(f"stage: {stage!r} is not a stage of the campaign")
    if problems:
        raise ModelError(problems)


@attrs.frozen
class Parts:
    """The pieces of an evaluation, before they are assembled."""

    units: dict[str, UnitEvaluation]
    clusters: dict[str, ClusterEvaluation]
    rankings: dict[str, Ranking]


def execute(
    prepared: Prepared,
    results: m.Results,
    stage: str | None,
    history: m.History | None,
    *,
    subjects: list[str],
    clusters: list[m.Cluster],
) -> Parts:
    """Evaluate *subjects* and *clusters* (all of them, or the part an update touches)."""
    c = prepared.campaign
    run = Run(prepared, results, stage, history)
    by_level: dict[str, list[str]] = defaultdict(list)
    for u in subjects:
        by_level[prepared.units[u].level].append(u)
    for lv in sorted(by_level, key=lambda x: -prepared.level_index[x]):
        units = sorted(by_level[lv])
        rubric = c.rubric_for(lv)
        computed_only = rubric is not None and _computed_only(rubric)
        for u in units:
            run.unit_targets[u] = {t.id: run.target(t.id, u, None) for t in prepared.member_targets.get(u, ())}
            if rubric is not None and (computed_only or (u in run.results and run.results[u].assessments)):
                run.scores[u] = score_unit(run, u, rubric, stage)
            run.ratings[u] = _rate(run, u)
            run.grades[u] = run.ratings[u].grade
        _apply_caps(run, lv, units)
    for cl in clusters:
        run.cluster_target_out[cl.id] = {
            t.id: run.target(t.id, cl.id, cl) for t in prepared.cluster_targets.get(cl.id, ())
        }
        run.rankings[cl.id] = rank_units(run, cl.id, [u for u in cl.members if u in run.ratings])
    for lv, units in by_level.items():
        if any(u in run.scores for u in units):
            ranking = rank_units(run, f"level:{lv}", units)
            run.rankings[ranking.group] = ranking
    granted: dict[str, set[str]] = {}
    awards: dict[str, dict[str, AwardOutcome]] = {}
    cluster_awards: dict[str, list[AwardOutcome]] = defaultdict(list)
    for rule in c.awards:
        if rule.within == "cluster":
            groups = [
                (
                    cl.id,
                    [u for u in cl.members if u in run.ratings and prepared.units[u].level in rule.levels],
                )
                for cl in clusters
            ]
        else:
            for lv in rule.levels:
                key = f"level:{lv}"
                if key not in run.rankings:
                    run.rankings[key] = rank_units(run, key, by_level.get(lv, []))
            groups = [(f"level:{lv}", sorted(by_level.get(lv, []))) for lv in rule.levels]
        awards[rule.id] = _award(run, rule, groups, granted)
        for cl in clusters:
            cluster_awards[cl.id].extend(o for u, o in awards[rule.id].items() if u in cl.members)
    decisions = {d.cluster: d for d in results.decisions}
    cluster_evals: dict[str, ClusterEvaluation] = {}
    for cl in clusters:
        ranking = run.rankings[cl.id]
        d = decisions.get(cl.id)
        conflicts = _check_decision(run, d, ranking, awards) if d else []
        cluster_evals[cl.id] = ClusterEvaluation(
            cluster=cl.id,
            name=cl.name,
            targets=tuple(run.cluster_target_out[cl.id].values()),
            ranking=ranking,
            awards=tuple(cluster_awards[cl.id]),
            decided_order=tuple(d.order) if d else (),
            conflicts=tuple(conflicts),
        )
    unit_evals: dict[str, UnitEvaluation] = {}
    for u in subjects:
        unit = prepared.units[u]
        unit_evals[u] = UnitEvaluation(
            unit=u,
            name=unit.name,
            level=unit.level,
            clusters=prepared.unit_clusters.get(u, ()),
            targets=tuple(run.unit_targets.get(u, {}).values()),
            score=run.scores.get(u),
            rating=run.ratings[u],
            rank=run.rank_in(u, None),
            awards=tuple(awards[r.id][u] for r in c.awards if u in awards[r.id]),
            lineage=_lineage_steps(prepared, u),
        )
    rankings = {k: v for k, v in run.rankings.items() if k.startswith("level:")}
    return Parts(unit_evals, cluster_evals, rankings)


def evaluate(
    campaign: m.Campaign | Prepared,
    results: m.Results,
    *,
    stage: str | None = None,
    history: m.History | None = None,
) -> Evaluation:
    """Evaluate a campaign against a result set: a pure function.

    Args:
        campaign: a campaign, or one prepared with :func:`prepare` to evaluate
            many result sets cheaply.
        results: what units reported.
        stage: the review stage to use (default: for each unit, the last one reached).
        history: past years' grades and titles, for awards that look back.

    Returns:
        A frozen :class:`Evaluation`; its fingerprint identifies the inputs.

    Raises:
        ModelError: if the campaign or the results are inconsistent (every problem listed).
        MissingInputError: when an input is missing and the policy is ``error``.

    >>> import thidua
    >>> ev = evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> ev.cluster("cum-1").ranking.leaders
    ('xa-van-khanh',)

    .. versionadded:: 0.1.0
    """
    prepared = prepare(campaign) if isinstance(campaign, m.Campaign) else campaign
    check_inputs(prepared, results, stage, history)
    subjects = subjects_of(prepared, results)
    parts = execute(prepared, results, stage, history, subjects=subjects, clusters=list(prepared.campaign.clusters))
    return assemble(prepared, results, stage, parts, fingerprint(prepared.campaign, results, stage, history))


def assemble(prepared: Prepared, results: m.Results, stage: str | None, parts: Parts, print_: str) -> Evaluation:
    """Put the parts together in a stable order."""
    c = prepared.campaign
    return Evaluation(
        campaign=c.id,
        year=c.year,
        stage=stage,
        fingerprint=print_,
        sample=c.sample or results.sample,
        units=tuple(parts.units[u] for u in sorted(parts.units)),
        clusters=tuple(parts.clusters[cl.id] for cl in c.clusters if cl.id in parts.clusters),
        rankings=tuple(parts.rankings[k] for k in sorted(parts.rankings)),
    )


def _computed_only(rubric: m.Rubric) -> bool:
    return not any(isinstance(c.method, m.Assessed) for c in rubric.leaves())


def _lineage_steps(p: Prepared, unit: str) -> tuple[Step, ...]:
    u = p.units[unit]
    return tuple(Step("lineage", {"kind": link.kind.value, "unit": link.unit, "on": link.on}) for link in u.lineage)
