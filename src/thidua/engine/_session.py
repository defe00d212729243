"""Evaluate once, then update one unit's results cheaply (web forms, what-if)."""

from __future__ import annotations

import attrs

from thidua import model as m
from thidua._gc import paused_gc
from thidua.engine._awards import award, check_decision
from thidua.engine._evaluate import (
    Parts,
    assemble,
    check_inputs,
    evaluate_unit,
    execute,
    subjects_of,
    unit_evaluation,
)
from thidua.engine._fingerprint import combine, digest, results_meta
from thidua.engine._outcomes import ClusterEvaluation, Evaluation, UnitEvaluation
from thidua.engine._prepare import Prepared, prepare
from thidua.engine._ranking import rank_units
from thidua.engine._rating import apply_caps
from thidua.engine._run import Run

__all__ = ["Session", "Update"]


@attrs.frozen
class Update:
    """What one :meth:`Session.update` re-evaluated.

    Attributes:
        unit: the updated unit's new evaluation.
        clusters: the new evaluations of its clusters (ranking, cluster targets, awards).
        changed: ids of the units whose target verdicts, score, grade, rank in
            their first cluster or awards changed, in id order.

    One more VND brings Vân Khánh Tây to 90 points, tied third with Vân Khánh
    Đông; the tie sits at the cut of the two Giấy khen, so Vân Khánh Đông loses its own:

    >>> import thidua
    >>> s = Session(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> row = next(r for r in s.results.units if r.unit == "xa-van-khanh-tay")
    >>> up = s.update(attrs.evolve(row, measures={**row.measures, "fund_raised": 150_000_000}))
    >>> up.unit.score.total, up.unit.rank, [c.cluster for c in up.clusters], up.changed
    (Fraction(90, 1), 3, ['cum-1'], ('xa-van-khanh-dong', 'xa-van-khanh-tay'))

    .. versionadded:: 0.1.0
    """

    unit: UnitEvaluation
    clusters: tuple[ClusterEvaluation, ...]
    changed: tuple[str, ...]


def _visible(u: UnitEvaluation | None) -> object:
    """What :attr:`Update.changed` compares: verdicts, score, grade, rank and awards."""
    if u is None:
        return None
    return (
        tuple((t.target, t.status) for t in u.targets),
        None if u.score is None else u.score.total,
        u.rating.grade,
        u.rank,
        tuple((a.award, a.granted, a.eligible) for a in u.awards),
    )


class Session:
    """An evaluation that can be updated one unit at a time.

    The first evaluation is complete. :meth:`update` replaces one unit's
    results and re-evaluates only what depends on it: the unit, its
    ancestors, and its cluster (caps, cluster targets, ranking, awards), and
    returns those parts as an :class:`Update`. The whole :attr:`evaluation`
    (level rankings and fingerprint included) is assembled again only when it
    is read. Campaigns whose caps or awards span a whole level, or whose units
    sit in more than one cluster, are re-evaluated in full, since one unit can
    move every other unit's verdict. :attr:`evaluation` always equals a full
    :func:`~thidua.evaluate` of the same inputs (tested).

    Args:
        campaign: a campaign or a prepared one.
        results: the first result set.
        stage: the review stage to evaluate.
        history: past years' records.

    >>> import thidua
    >>> s = Session(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> row = next(r for r in s.results.units if r.unit == "xa-van-khanh-tay")
    >>> row = attrs.evolve(row, measures={**row.measures, "fund_raised": 150_000_000})
    >>> up = s.update(row)
    >>> next(t for t in up.unit.targets if t.target == "quy-vi-nguoi-ngheo").met
    True
    >>> "xa-van-khanh-tay" in up.changed, s.evaluation.target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo").met
    (True, True)

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        campaign: m.Campaign | Prepared,
        results: m.Results,
        *,
        stage: str | None = None,
        history: m.History | None = None,
    ) -> None:
        with paused_gc():
            self.prepared = prepare(campaign) if isinstance(campaign, m.Campaign) else campaign
            check_inputs(self.prepared, results, stage, history)
            self.stage = stage
            self.history = history
            self._results: m.Results | None = results
            self._base = attrs.evolve(results, units=())
            self._empty = attrs.evolve(results, units=(), decisions=())
            self._rows = {r.unit: r for r in results.units}
            c = self.prepared.campaign
            self._campaign_digest = digest(c)
            self._meta = results_meta(results)
            self._row_digests = {r.unit: digest(r) for r in results.units}
            self._dirty_digests: set[str] = set()
            self._decision_digests = [digest(d) for d in results.decisions]
            self._history_digests = None if history is None else [digest(r) for r in history.records]
            self._subjects = subjects_of(self.prepared, results)
            self._subject_set = set(self._subjects)
            self._parts = self._execute_all()
            p = self.prepared
            self._local = (
                not any(cap.within == "level" for s in c.scales for cap in s.caps)
                and not any(a.within == "campaign" for a in c.awards)
                and all(len(cls) <= 1 for cls in p.unit_clusters.values())
            )
            self._levels_stale = False
            self._rubrics: dict[str, tuple[m.Rubric | None, bool]] = {}
            self._evaluation: Evaluation | None = assemble(
                p, results, stage, self._parts, self._fingerprint(), history_sample=self._history_sample
            )

    @property
    def _history_sample(self) -> bool:
        return self.history is not None and self.history.sample

    def _execute_all(self) -> Parts:
        """Evaluate every subject and cluster of the current results."""
        return execute(
            self.prepared,
            self.results,
            self.stage,
            self.history,
            subjects=self._subjects,
            clusters=list(self.prepared.campaign.clusters),
        )

    @property
    def results(self) -> m.Results:
        """The current result set (every update applied)."""
        if self._results is None:
            self._results = attrs.evolve(self._base, units=tuple(self._rows.values()))
        return self._results

    @property
    def evaluation(self) -> Evaluation:
        """The whole current evaluation, equal to a full :func:`~thidua.evaluate` (built on first read)."""
        if self._evaluation is None:
            if self._levels_stale:
                self._rank_levels()
            self._evaluation = assemble(
                self.prepared,
                self.results,
                self.stage,
                self._parts,
                self._fingerprint(),
                history_sample=self._history_sample,
            )
        return self._evaluation

    def _fingerprint(self) -> str:
        for u in self._dirty_digests:
            self._row_digests[u] = digest(self._rows[u])
        self._dirty_digests.clear()
        return combine(
            self._campaign_digest,
            self._meta,
            row_digests=list(self._row_digests.values()),
            decision_digests=self._decision_digests,
            stage=self.stage,
            history_digests=self._history_digests,
        )

    def update(self, row: m.UnitResult) -> Update:
        """Replace one unit's results and re-evaluate what depends on them.

        Returns:
            the unit's and its clusters' new evaluations, and which units changed.

        Raises:
            ModelError: if the row is invalid for the campaign.
            MissingInputError: if an input the row leaves out is needed and the policy is ``error``.

        Nothing changes when it raises: the session keeps its results and evaluation.
        """
        p = self.prepared
        check_inputs(p, attrs.evolve(self._empty, units=(row,)), self.stage, None)
        unit = row.unit
        old_row = self._rows.get(unit)
        local = self._local and unit in self._subject_set and self._parts.run is not None
        ancestors: list[str] = []
        if local:
            ancestors = [a for a in self._ancestors(unit) if a in self._subject_set]
            local = not any(p.unit_clusters.get(a) for a in ancestors)
        self._rows[unit] = row
        self._results = None
        self._dirty_digests.add(unit)
        self._evaluation = None
        if local:
            try:
                return self._update_local(row, ancestors)
            except BaseException:
                self._undo(unit, old_row)
                raise
        old = self._parts.units
        subjects = subjects_of(p, self.results)
        try:
            parts = execute(
                p, self.results, self.stage, self.history, subjects=subjects, clusters=list(p.campaign.clusters)
            )
        except BaseException:
            self._undo(unit, old_row)
            raise
        self._subjects, self._subject_set, self._parts = subjects, set(subjects), parts
        self._levels_stale = False
        new = self._parts.units
        changed = tuple(sorted(u for u in new.keys() | old.keys() if _visible(old.get(u)) != _visible(new.get(u))))
        clusters = tuple(self._parts.clusters[cl] for cl in p.unit_clusters.get(unit, ()) if cl in self._parts.clusters)
        return Update(new[unit], clusters, changed)

    def _undo(self, unit: str, old_row: m.UnitResult | None) -> None:
        """Leave the session as it was before an update of *unit* that failed."""
        if old_row is None:
            del self._rows[unit]
            self._dirty_digests.discard(unit)
        else:
            self._rows[unit] = old_row
        self._results = None
        self._parts = self._execute_all()

    def _ancestors(self, unit: str) -> list[str]:
        """The unit's ancestors, nearest first."""
        p = self.prepared
        found = p.ancestors.get(unit, {}).values()
        return sorted(found, key=lambda a: -p.level_index[p.units[a].level])

    def _update_local(self, row: m.UnitResult, ancestors: list[str]) -> Update:
        p = self.prepared
        c = p.campaign
        run = self._parts.run
        assert run is not None  # noqa: S101 - checked by update
        unit = row.unit
        clusters = [p.clusters[cid] for cid in p.unit_clusters.get(unit, ())]
        run.results[unit] = row
        run.invalidate(unit)
        for cl in clusters:
            run.invalidate(cl.id)
        # while units are rated, a full run has no cluster targets and no rankings yet
        rankings, cluster_out = run.rankings, run.cluster_target_out
        run.rankings, run.cluster_target_out = {}, {}
        try:
            level = p.units[unit].level
            self._evaluate_unit(run, unit)
            members = [u for cl in clusters for u in cl.members if u in run.ratings]
            scale = run.scale(level)
            if scale is not None and scale.caps:
                for u in members:
                    if p.units[u].level == level:
                        run.ratings[u] = run.precap[u]
                        run.grades[u] = run.ratings[u].grade
                apply_caps(run, level, [], clusters)
            for a in ancestors:
                run.invalidate(a)
                self._evaluate_unit(run, a)
        finally:
            run.rankings, run.cluster_target_out = rankings, cluster_out
        awards = self._parts.awards
        cluster_evals = dict(self._parts.clusters)
        for cl in clusters:
            run.cluster_target_out[cl.id] = {
                t.id: run.target(t.id, cl.id, cl) for t in p.cluster_targets.get(cl.id, ())
            }
            run.rankings[cl.id] = rank_units(run, cl.id, [u for u in cl.members if u in run.ratings])
        granted: dict[str, set[str]] = {}
        for rule in c.awards:
            for cl in clusters:
                group = [u for u in cl.members if u in run.ratings and p.units[u].level in rule.levels]
                awards[rule.id].update(award(run, rule, [(cl.id, group)], granted))
        decisions = {d.cluster: d for d in self._base.decisions}
        for cl in clusters:
            ranking = run.rankings[cl.id]
            d = decisions.get(cl.id)
            cluster_evals[cl.id] = ClusterEvaluation(
                cluster=cl.id,
                name=cl.name,
                targets=tuple(run.cluster_target_out[cl.id].values()),
                ranking=ranking,
                awards=tuple(awards[r.id][u] for r in c.awards for u in cl.members if u in awards[r.id]),
                decided_order=tuple(d.order) if d else (),
                conflicts=tuple(check_decision(run, d, ranking, awards) if d else ()),
            )
        units = dict(self._parts.units)
        changed = []
        for u in dict.fromkeys([unit, *ancestors, *members]):
            new = unit_evaluation(run, u, awards)
            if _visible(units.get(u)) != _visible(new):
                changed.append(u)
            units[u] = new
        self._parts = Parts(units, cluster_evals, self._parts.rankings, run, awards)
        self._levels_stale = True
        return Update(units[unit], tuple(cluster_evals[cl.id] for cl in clusters), tuple(sorted(changed)))

    def _evaluate_unit(self, run: Run, u: str) -> None:
        level = self.prepared.units[u].level
        found = self._rubrics.get(level)
        if found is None:
            rubric = self.prepared.campaign.rubric_for(level)
            computed_only = rubric is not None and not any(isinstance(k.method, m.Assessed) for k in rubric.leaves())
            found = self._rubrics[level] = (rubric, computed_only)
        evaluate_unit(run, u, found[0], computed_only=found[1])

    def _rank_levels(self) -> None:
        """Rank every level again (after local updates)."""
        run = self._parts.run
        assert run is not None  # noqa: S101
        by_level: dict[str, list[str]] = {}
        for u in self._subjects:
            by_level.setdefault(self.prepared.units[u].level, []).append(u)
        rankings = {}
        for lv, units in by_level.items():
            if any(u in run.scores for u in units):
                rankings[f"level:{lv}"] = rank_units(run, f"level:{lv}", units)
        self._parts = attrs.evolve(self._parts, rankings=rankings)
        self._levels_stale = False
