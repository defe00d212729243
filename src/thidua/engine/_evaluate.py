"""evaluate(): targets → scores → ratings → caps → rankings → awards → decision checks."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable

import attrs

from thidua import model as m
from thidua._gc import paused_gc
from thidua.engine._awards import award, check_campaign_quotas, check_decision
from thidua.engine._fingerprint import fingerprint
from thidua.engine._outcomes import (
    AwardOutcome,
    ClusterEvaluation,
    Evaluation,
    Ranking,
    Step,
    UnitEvaluation,
    new_unit_evaluation,
)
from thidua.engine._prepare import Prepared, prepare
from thidua.engine._ranking import rank_units
from thidua.engine._rating import apply_caps, rate
from thidua.engine._review import SELF_SCORE, review_outcome, unit_review
from thidua.engine._run import Run
from thidua.engine._scoring import score_unit
from thidua.errors import ModelError
from thidua.model import _codes as model_codes

__all__ = ["Parts", "assemble", "check_inputs", "evaluate", "execute", "subjects_of"]


def subjects_of(p: Prepared, results: m.Results) -> list[str]:
    """Units evaluated: members, signatories, and units with results, that exist this year."""
    ids = set(p.taking_part)
    in_period = p.in_period
    ids.update([r.unit for r in results.units if r.unit in in_period])
    return list(ids)


def check_inputs(prepared: Prepared, results: m.Results, stage: str | None, history: m.History | None) -> None:
    """Validate results, history and stage against the campaign; raise every problem."""
    c = prepared.campaign
    problems = m.validate_results(c, results, units=prepared.units)
    if history is not None:
        problems += [p.at("history") for p in m.validate_history(c, history)]
    if stage is not None and stage not in [s.id for s in c.stages]:
        problems.append(model_codes.UNKNOWN_STAGE(("stage",), stage=stage))
    if any(p.is_error for p in problems):
        raise ModelError(problems)


@attrs.frozen
class Parts:
    """The pieces of an evaluation, before they are assembled."""

    units: dict[str, UnitEvaluation]
    clusters: dict[str, ClusterEvaluation]
    rankings: dict[str, Ranking]
    #: the run that made them and the award outcomes by rule (kept by :class:`Session` for updates)
    run: Run | None = None
    awards: dict[str, dict[str, AwardOutcome]] = attrs.field(factory=dict)


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
            evaluate_unit(run, u, rubric, computed_only=computed_only)
        apply_caps(run, lv, units)
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
        awards[rule.id] = award(run, rule, groups, granted)
        outcomes = awards[rule.id]
        for cl in clusters:
            cluster_awards[cl.id] += [outcomes[u] for u in cl.members if u in outcomes]
    decisions = {d.cluster: d for d in results.decisions}
    campaign_conflicts = check_campaign_quotas(run, list(results.decisions), awards)
    cluster_evals: dict[str, ClusterEvaluation] = {}
    for cl in clusters:
        ranking = run.rankings[cl.id]
        d = decisions.get(cl.id)
        conflicts = check_decision(run, d, ranking, awards) if d else []
        conflicts += campaign_conflicts.get(cl.id, [])
        cluster_evals[cl.id] = ClusterEvaluation(
            cluster=cl.id,
            name=cl.name,
            targets=tuple(run.cluster_target_out[cl.id].values()),
            ranking=ranking,
            awards=tuple(cluster_awards[cl.id]),
            decided_order=tuple(d.order) if d else (),
            conflicts=tuple(conflicts),
        )
    unit_evals = unit_evaluations(run, subjects, awards)
    rankings = {k: v for k, v in run.rankings.items() if k.startswith("level:")}
    return Parts(unit_evals, cluster_evals, rankings, run, awards)


def evaluate_unit(run: Run, u: str, rubric: m.Rubric | None, *, computed_only: bool) -> None:
    """A unit's targets, score and rating (before caps), into *run*.

    A unit that has not reached the stage evaluated is left unrated under the
    campaign's ``exclude`` policy (and a rejected one always); under
    ``self_score`` it is scored on the last scores it has.
    """
    run.unit_targets[u] = run.member_targets(u)
    prepared = run.prepared
    review = None
    stage = run.stage
    if prepared.stage_ids:
        result = run.results.get(u)
        review = unit_review(
            prepared, result, prepared.units[u].level, stage, run.campaign.unreviewed, shared=run.reviewed
        )
        run.reviews[u] = review
        if review is not None:
            if review.excluded:
                run.excluded.add(u)
                run.ratings[u] = run.precap[u] = review.rating(u, run.campaign.unreviewed)
                run.grades[u] = None
                return
            run.excluded.discard(u)
            stage = review.score_stage
    if rubric is not None and (computed_only or (u in run.results and run.results[u].assessments)):
        run.scores[u] = score_unit(run, u, rubric, stage)
    rating = rate(run, u)
    if review is not None and review.status == SELF_SCORE:
        rating = attrs.evolve(
            rating, trace=(Step("self_score", {"stage": review.wanted, "used": stage}), *rating.trace)
        )
    run.ratings[u] = run.precap[u] = rating
    run.grades[u] = rating.grade


def unit_evaluation(run: Run, u: str, awards: dict[str, dict[str, AwardOutcome]]) -> UnitEvaluation:
    """A unit's evaluation from a finished run and the award outcomes by rule."""
    return unit_evaluations(run, [u], awards)[u]


def unit_evaluations(
    run: Run, subjects: list[str], awards: dict[str, dict[str, AwardOutcome]]
) -> dict[str, UnitEvaluation]:
    """The evaluations of *subjects* from a finished run and the award outcomes by rule."""
    prepared = run.prepared
    units, unit_clusters = prepared.units, prepared.unit_clusters
    unit_targets, scores, ratings, reviews = run.unit_targets, run.scores, run.ratings, run.reviews
    by_rule = list(awards.values())  # in the campaign's order of rules
    out: dict[str, UnitEvaluation] = {}
    for u in subjects:
        unit = units[u]
        targets = unit_targets.get(u)
        review = reviews.get(u)
        out[u] = new_unit_evaluation(
            u,
            unit.name,
            unit.level,
            unit_clusters.get(u, ()),
            tuple(targets.values()) if targets else (),
            scores.get(u),
            ratings[u],
            run.rank_in(u, None),  # in its first cluster
            tuple([by_unit[u] for by_unit in by_rule if u in by_unit]),
            _lineage_steps(prepared, u) if unit.lineage else (),
            None if review is None else review_outcome(review, run.review_outcomes),
        )
    return out


def evaluate(
    campaign: m.Campaign | Prepared,
    results: m.Results,
    *,
    stage: str | None = None,
    history: m.History | None = None,
    pause_gc: bool = True,
) -> Evaluation:
    """Evaluate a campaign against a result set: a pure function.

    Args:
        campaign: a campaign, or one prepared with :func:`prepare` to evaluate
            many result sets cheaply.
        results: what units reported.
        stage: the review stage to use (default: for each unit, the last one reached).
        history: past years' grades and titles, for awards that look back.
        pause_gc: pause Python's cyclic garbage collector while evaluating
            (the default; a national evaluation takes about a third less time).
            The collector is one per process, so the pause holds for every
            thread until the evaluation ends (see ``thidua._gc.paused_gc``);
            pass ``False`` to leave it alone, e.g. in a server whose other
            threads make many reference cycles.

    Threads: evaluate is a pure function; any number of threads may evaluate
    at once, the same campaign (or prepared campaign) and results included.

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
    with paused_gc(pause_gc):
        check_inputs(prepared, results, stage, history)
        subjects = subjects_of(prepared, results)
        parts = execute(prepared, results, stage, history, subjects=subjects, clusters=list(prepared.campaign.clusters))
        if parts.run is not None:
            parts.run.release()  # freed once the evaluation is made, not at the collector's next full pass
        return assemble(
            prepared,
            results,
            stage,
            parts,
            functools.partial(fingerprint, prepared.campaign, results, stage, history),
            history_sample=history is not None and history.sample,
        )


def assemble(
    prepared: Prepared,
    results: m.Results,
    stage: str | None,
    parts: Parts,
    print_: str | Callable[[], str],
    *,
    history_sample: bool = False,
) -> Evaluation:
    """Put the parts together in a stable order."""
    c = prepared.campaign
    return Evaluation(
        campaign=c.id,
        year=c.year,
        stage=stage,
        fingerprint=print_,
        sample=c.sample or results.sample or history_sample,
        units=tuple(parts.units[u] for u in sorted(parts.units)),
        clusters=tuple(parts.clusters[cl.id] for cl in c.clusters if cl.id in parts.clusters),
        rankings=tuple(parts.rankings[k] for k in sorted(parts.rankings)),
    )


def _computed_only(rubric: m.Rubric) -> bool:
    return not any(isinstance(c.method, m.Assessed) for c in rubric.leaves())


def _lineage_steps(p: Prepared, unit: str) -> tuple[Step, ...]:
    u = p.units[unit]
    return tuple(Step("lineage", {"kind": link.kind.value, "unit": link.unit, "on": link.on}) for link in u.lineage)
