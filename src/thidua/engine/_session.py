"""Evaluate once, then update one unit's results cheaply (web forms, what-if)."""

from __future__ import annotations

import attrs

from thidua import model as m
from thidua.engine._evaluate import Parts, assemble, check_inputs, execute, subjects_of
from thidua.engine._fingerprint import combine, digest, results_meta
from thidua.engine._outcomes import Evaluation, Ranking
from thidua.engine._prepare import Prepared, prepare
from thidua.engine._ranking import order_entries, primary_key

__all__ = ["Session"]


class Session:
    """An evaluation that can be updated one unit at a time.

    The first evaluation is complete. :meth:`update` replaces one unit's
    results and re-evaluates only what depends on it: the unit, the members
    of its clusters (their caps, cluster targets, ranking and awards), its
    ancestors, and the level-wide rankings. Campaigns whose caps or awards
    span a whole level are re-evaluated in full, since one unit can move
    every other unit's verdict. The result always equals a full
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
    >>> s.update(row).target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo").met
    True

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
        self.prepared = prepare(campaign) if isinstance(campaign, m.Campaign) else campaign
        check_inputs(self.prepared, results, stage, history)
        self.stage = stage
        self.history = history
        self.results = results
        self._rows = {r.unit: r for r in results.units}
        c = self.prepared.campaign
        self._campaign_digest = digest(c)
        self._meta = results_meta(results)
        self._row_digests = {r.unit: digest(r) for r in results.units}
        self._decision_digests = [digest(d) for d in results.decisions]
        self._history_digests = None if history is None else [digest(r) for r in history.records]
        self._subjects = subjects_of(self.prepared, results)
        self._parts = execute(
            self.prepared, results, stage, history, subjects=self._subjects, clusters=list(c.clusters)
        )
        self._local = not any(cap.within == "level" for s in c.scales for cap in s.caps) and not any(
            a.within == "campaign" for a in c.awards
        )
        self.evaluation = assemble(self.prepared, results, stage, self._parts, self._fingerprint())

    def _fingerprint(self) -> str:
        return combine(
            self._campaign_digest,
            self._meta,
            row_digests=list(self._row_digests.values()),
            decision_digests=self._decision_digests,
            stage=self.stage,
            history_digests=self._history_digests,
        )

    def update(self, row: m.UnitResult) -> Evaluation:
        """Replace one unit's results and return the new evaluation.

        Raises:
            ModelError: if the row is invalid for the campaign (nothing changes then).
        """
        c = self.prepared.campaign
        check_inputs(self.prepared, attrs.evolve(self.results, units=(row,), decisions=()), self.stage, None)
        self._rows[row.unit] = row
        self.results = attrs.evolve(self.results, units=tuple(self._rows.values()))
        self._row_digests[row.unit] = digest(row)
        if row.unit not in self._subjects or not self._local:
            self._subjects = subjects_of(self.prepared, self.results)
            self._parts = execute(
                self.prepared,
                self.results,
                self.stage,
                self.history,
                subjects=self._subjects,
                clusters=list(c.clusters),
            )
        else:
            self._update_local(row.unit)
        self.evaluation = assemble(
            self.prepared,
            self.results,
            self.stage,
            self._parts,
            self._fingerprint(),
            history_sample=self.history is not None and self.history.sample,
        )
        return self.evaluation

    def _update_local(self, unit: str) -> None:
        p = self.prepared
        cluster_ids = p.unit_clusters.get(unit, ())
        clusters = [p.clusters[cid] for cid in cluster_ids]
        affected = {unit, *p.ancestors.get(unit, {}).values()}
        for cl in clusters:
            affected.update(cl.members)
        subjects = [u for u in self._subjects if u in affected]
        sub = execute(p, self.results, self.stage, self.history, subjects=subjects, clusters=clusters)
        units = dict(self._parts.units)
        units.update(sub.units)
        cluster_evals = dict(self._parts.clusters)
        cluster_evals.update(sub.clusters)
        rankings = dict(self._parts.rankings)
        for group, partial in sub.rankings.items():
            rankings[group] = _merge_ranking(p, rankings.get(group), partial)
        # ranks inside clusters did not move for units outside them; level ranks may have
        self._parts = Parts(units, cluster_evals, rankings)


def _merge_ranking(prepared: Prepared, old: Ranking | None, partial: Ranking) -> Ranking:
    """Replace the entries of *partial*'s units in *old* and renumber (ties share a rank)."""
    if old is None:
        return partial
    fresh = {e.unit: e for e in partial.entries}
    kept = [e for e in old.entries if e.unit not in fresh]
    rows = [
        (
            (*primary_key(prepared.campaign, prepared.units[e.unit].level, e.score, e.grade), *e.keys),
            e.unit,
            e.score,
            e.grade,
        )
        for e in (*kept, *fresh.values())
    ]
    return Ranking(old.group, tuple(order_entries(rows)), old.tie_breaks)
