"""Evaluate once, then update one unit's results cheaply (web forms, what-if), from many threads."""

from __future__ import annotations

import bisect
import functools
import threading
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua import model as m
from thidua._gc import paused_gc
from thidua._problems import Problem
from thidua.engine._awards import award, check_decision
from thidua.engine._evaluate import (
    check_inputs,
    evaluate_unit,
    execute,
    subjects_of,
    unit_evaluation,
)
from thidua.engine._fingerprint import combine, digest, results_meta
from thidua.engine._outcomes import (
    ClusterEvaluation,
    Evaluation,
    RankEntry,
    Ranking,
    UnitEvaluation,
    _kept,
    _resolved,
)
from thidua.engine._prepare import Prepared, prepare
from thidua.engine._ranking import MISSING_KEY, _tie_values, chain_of, primary_key, rank_units
from thidua.engine._rating import apply_caps
from thidua.engine._run import Run
from thidua.errors import ModelError

__all__ = ["Session", "Update"]

#: a unit's row in a level ranking, as :func:`~thidua.engine._ranking.rank_units` sorts it: its
#: sort keys, its id, its score, its grade and its tie-break values (``None``: the unit leaves it)
_Row = tuple[tuple[Fraction, ...], str, Fraction | None, str | None, tuple[Fraction, ...]] | None


@attrs.frozen
class Update:
    """What one :meth:`Session.update` re-evaluated, and the state it left.

    Attributes:
        unit: the updated unit's new evaluation.
        clusters: the new evaluations of its clusters (ranking, cluster targets, awards).
        changed: ids of the units whose target verdicts, score, grade, rank in
            their first cluster or awards changed, in id order.

    :attr:`fingerprint`, :attr:`evaluation` and :attr:`results` are the state
    right after the update.

    One more VND brings Vân Khánh Tây to 90 points, tied third with Vân Khánh
    Đông; the tie sits at the cut of the two Giấy khen, so Vân Khánh Đông loses its own:

    >>> import thidua
    >>> s = Session(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> row = next(r for r in s.results.units if r.unit == "xa-van-khanh-tay")
    >>> up = s.update(attrs.evolve(row, measures={**row.measures, "fund_raised": 150_000_000}))
    >>> up.unit.score.total, up.unit.rank, [c.cluster for c in up.clusters], up.changed
    (Fraction(90, 1), 3, ['cum-1'], ('xa-van-khanh-dong', 'xa-van-khanh-tay'))
    >>> up.evaluation.unit("xa-van-khanh-tay") == up.unit, up.fingerprint == up.evaluation.fingerprint
    (True, True)

    An update is frozen: it may be shared between threads, and what it shows
    never changes, whatever the session does next.

    .. versionadded:: 0.1.0
    """

    unit: UnitEvaluation
    clusters: tuple[ClusterEvaluation, ...]
    changed: tuple[str, ...]
    #: the fingerprint, or a function computing it on first read
    _fingerprint: str | Callable[[], str] = attrs.field(default="", alias="fingerprint", eq=_resolved, repr=False)
    #: the state right after the update (only on updates made by a session, not on ones read from data)
    _state: Callable[[], tuple[m.Results, Evaluation]] | tuple[m.Results, Evaluation] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the inputs right after the update (computed on first read)."""
        return _kept(self, "_fingerprint", self._fingerprint)

    @property
    def evaluation(self) -> Evaluation:
        """The whole evaluation right after this update, equal to a full :func:`~thidua.evaluate` of
        :attr:`results` (built on first read; later updates of the session do not change it).

        Raises:
            AttributeError: on an update that was not made by a :class:`Session` (one read from data).
        """
        return self._snapshot()[1]

    @property
    def results(self) -> m.Results:
        """The session's whole result set right after this update (built on first read).

        Raises:
            AttributeError: on an update that was not made by a :class:`Session` (one read from data).
        """
        return self._snapshot()[0]

    def _snapshot(self) -> tuple[m.Results, Evaluation]:
        if self._state is None:
            msg = "this update was not made by a Session: it has no evaluation or results"
            raise AttributeError(msg)
        return _kept(self, "_state", self._state)


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


@attrs.frozen(eq=False)
class _Fixed:
    """What stays the same for the whole session: the campaign and the inputs besides the rows."""

    prepared: Prepared
    stage: str | None
    #: the results without their rows
    base: m.Results
    campaign_digest: str
    meta: Any
    decision_digests: list[str]
    history_digests: list[str] | None
    sample: bool


@attrs.frozen(eq=False)
class _State:
    """One state of a session. A session never changes a state: each update makes a new one, so
    that a snapshot taken from it (an :class:`Evaluation`) stays as it was."""

    units: Mapping[str, UnitEvaluation]
    clusters: Mapping[str, ClusterEvaluation]
    #: the level rankings, and the rows of units that moved since, not yet merged into them
    rankings: Mapping[str, Ranking]
    pending: Mapping[str, Mapping[str, _Row]]
    #: the evaluated units' ids, sorted (the order of :attr:`Evaluation.units`)
    order: tuple[str, ...]
    rows: Mapping[str, m.UnitResult]
    #: the rows' digests, and the units whose digest is stale
    digests: Mapping[str, str]
    dirty: frozenset[str]
    #: what is derived from the state, once (the fingerprint, the merged rankings): the same for
    #: every snapshot of it, so two threads that derive one at once find equal values
    derived: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)


def _fingerprint(fixed: _Fixed, state: _State) -> str:
    found: str | None = state.derived.get("fingerprint")
    if found is None:
        found = state.derived["fingerprint"] = _combined(fixed, state)
    return found


def _combined(fixed: _Fixed, state: _State) -> str:
    rows = state.rows
    dirty = state.dirty
    return combine(
        fixed.campaign_digest,
        fixed.meta,
        row_digests=[digest(rows[u]) if u in dirty else d for u, d in state.digests.items()]
        + [digest(rows[u]) for u in dirty if u not in state.digests],
        decision_digests=fixed.decision_digests,
        stage=fixed.stage,
        history_digests=fixed.history_digests,
    )


def _results(fixed: _Fixed, state: _State) -> m.Results:
    return attrs.evolve(fixed.base, units=tuple(state.rows.values()))


def _evaluation(fixed: _Fixed, state: _State, rankings: Mapping[str, Ranking]) -> Evaluation:
    units = state.units
    c = fixed.prepared.campaign
    return Evaluation(
        campaign=c.id,
        year=c.year,
        stage=fixed.stage,
        fingerprint=functools.partial(_fingerprint, fixed, state),
        sample=fixed.sample,
        units=tuple([units[u] for u in state.order]),
        clusters=tuple(state.clusters[cl.id] for cl in c.clusters if cl.id in state.clusters),
        rankings=tuple(rankings[k] for k in sorted(rankings)),
    )


def _merged(fixed: _Fixed, state: _State) -> dict[str, Ranking]:
    """The level rankings with the pending rows merged in (once per state)."""
    found: dict[str, Ranking] | None = state.derived.get("rankings")
    if found is None:
        found = dict(state.rankings)
        for group, rows in state.pending.items():
            found[group] = _merge(fixed.prepared.campaign, found[group], rows)
        state.derived["rankings"] = found
    return found


def _snapshot(fixed: _Fixed, state: _State) -> tuple[m.Results, Evaluation]:
    return _results(fixed, state), _evaluation(fixed, state, _merged(fixed, state))


def _negated(keys: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple([-k for k in keys])


def _signed(chain: tuple[m.TieBreak, ...], raw: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    """Tie-break values as a ranking sorts them (higher first), from the values its entries keep."""
    out = []
    for tb, v in zip(chain, raw, strict=True):
        if isinstance(tb, m.MeasureTieBreak):
            out.append(-v if tb.lower_first and v != MISSING_KEY else v)
        elif isinstance(tb, m.NameTieBreak):
            out.append(-v)
        else:
            out.append(v)
    return tuple(out)


def _merge(campaign: m.Campaign, old: Ranking, rows: Mapping[str, _Row]) -> Ranking:
    """*old* with the units of *rows* moved to their new places (or left out): the ranking
    :func:`~thidua.engine._ranking.rank_units` would make, with only the entries whose rank
    changes made again (a level ranks 3,321 communes; an update moves a few). For rankings
    numbered as competitions (1, 2, 2, 4) without the order of names among the tie-breaks."""
    level = old.group.removeprefix("level:")
    chain = chain_of(campaign)
    new_keys: dict[int, tuple[Fraction, ...]] = {}

    def key(e: RankEntry) -> tuple[Fraction, ...]:
        found = new_keys.get(id(e))
        if found is not None:
            return found
        return (*primary_key(campaign, level, e.score, e.grade), *_signed(chain, e.keys))

    def order(e: RankEntry) -> tuple[tuple[Fraction, ...], str]:
        return _negated(key(e)), e.unit

    entries = list(old.entries)
    removed = []
    moving = []
    for u, row in rows.items():
        rank = old.rank_of(u)
        if rank is None:
            if row is not None:
                moving.append(row)
            continue
        i = rank - 1
        while entries[i].unit != u:
            i += 1
        e = entries[i]
        if row is None:
            removed.append(i)
            continue
        keys, _, score, grade, raw = row
        if key(e) != keys:
            removed.append(i)
            moving.append(row)
        elif e.score != score or e.grade != grade or e.keys != raw:
            entries[i] = RankEntry(u, e.rank, score, grade, raw)  # in its place, e.g. a grade cut by a cap
    for i in sorted(removed, reverse=True):
        del entries[i]
    inserted: list[int] = []
    for keys, u, score, grade, raw in moving:
        entry = RankEntry(u, 0, score, grade, raw)
        new_keys[id(entry)] = keys
        j = bisect.bisect_left(entries, (_negated(keys), u), key=order)
        entries.insert(j, entry)
        inserted = [p + 1 if p >= j else p for p in inserted]
        inserted.append(j)
    lo = min(removed + inserted, default=len(entries))
    shift = len(inserted) - len(removed)
    # past *hi* every entry is an old one, moved by *shift* places
    hi = max(max(inserted, default=-1), max(removed, default=-1) + shift)
    fresh = {id(entries[j]) for j in inserted}
    previous = key(entries[lo - 1]) if lo > 0 else None
    rank = entries[lo - 1].rank if lo > 0 else 0
    for i in range(lo, len(entries)):
        e = entries[i]
        k = key(e)
        if k != previous:
            rank = i + 1
        previous = k
        if e.rank == rank and id(e) not in fresh:
            if i > hi and shift == 0:
                break  # the rest is as it was
            continue
        entries[i] = RankEntry(e.unit, rank, e.score, e.grade, e.keys)
    return Ranking(old.group, tuple(entries), old.tie_breaks, old.mode)


class Session:
    """An evaluation that can be updated one unit at a time, from many threads.

    The first evaluation is complete. :meth:`update` replaces one unit's
    results and re-evaluates only what depends on it: the unit, its
    ancestors, and its cluster (caps, cluster targets, ranking, awards), and
    returns those parts as an :class:`Update`. Campaigns whose caps or awards
    span a whole level, or whose units sit in more than one cluster, are
    re-evaluated in full, since one unit can move every other unit's verdict.

    **Threads.** A session may be shared between threads: updates are
    applied one at a time (a lock inside the session), and readers get
    immutable snapshots. :attr:`evaluation` is the whole evaluation of the
    latest state; :attr:`Update.evaluation` the one right after that update;
    either equals a full :func:`~thidua.evaluate` of the same inputs (tested,
    with many threads updating and reading at once) and never changes
    afterwards. A snapshot after an update is cheap: only the units the update
    moved are placed again in the level rankings, and the fingerprint is
    computed when first read.

    Args:
        campaign: a campaign or a prepared one.
        results: the first result set.
        stage: the review stage to evaluate.
        history: past years' records.
        pause_gc: pause the process-wide garbage collector during the first
            evaluation (faster; see :func:`thidua.evaluate`). Updates never pause it.

    Raises:
        ModelError: if the campaign or the results are inconsistent (every problem listed).
        MissingInputError: when an input is missing and the policy is ``error``.

    >>> import thidua
    >>> s = Session(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> row = next(r for r in s.results.units if r.unit == "xa-van-khanh-tay")
    >>> row = attrs.evolve(row, measures={**row.measures, "fund_raised": 150_000_000})
    >>> up = s.update(row)
    >>> next(t for t in up.unit.targets if t.target == "quy-vi-nguoi-ngheo").met
    True
    >>> "xa-van-khanh-tay" in up.changed, s.evaluation.target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo").met
    (True, True)
    >>> s.unit("xa-van-khanh-tay") == up.unit
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
        pause_gc: bool = True,
    ) -> None:
        self._lock = threading.RLock()
        with paused_gc(pause_gc):
            self.prepared = prepare(campaign) if isinstance(campaign, m.Campaign) else campaign
            check_inputs(self.prepared, results, stage, history)
            self.stage = stage
            self.history = history
            p = self.prepared
            c = p.campaign
            self._fixed = _Fixed(
                prepared=p,
                stage=stage,
                base=attrs.evolve(results, units=()),
                campaign_digest=digest(c),
                meta=results_meta(results),
                decision_digests=[digest(d) for d in results.decisions],
                history_digests=None if history is None else [digest(r) for r in history.records],
                sample=c.sample or results.sample or (history is not None and history.sample),
            )
            self._one_row = attrs.evolve(results, units=(), decisions=())
            self._local = (
                not any(cap.within == "level" for s in c.scales for cap in s.caps)
                and not any(a.within == "campaign" for a in c.awards)
                and all(len(cls) <= 1 for cls in p.unit_clusters.values())
                and not p.agreement_groups  # a target over all the signatories spans clusters
            )
            self._rubrics: dict[str, tuple[m.Rubric | None, bool]] = {}
            rows = {r.unit: r for r in results.units}
            self._state = self._execute_all(rows, {u: digest(r) for u, r in rows.items()}, frozenset())
            self._results: m.Results | None = results
            self._evaluation: Evaluation | None = None

    # -- reading ---------------------------------------------------------------------------------

    @property
    def results(self) -> m.Results:
        """The current result set (every update applied)."""
        with self._lock:
            if self._results is None:
                self._results = _results(self._fixed, self._state)
            return self._results

    @property
    def evaluation(self) -> Evaluation:
        """The whole current evaluation, equal to a full :func:`~thidua.evaluate` (built on first read).

        Each read returns an immutable snapshot: later updates do not change it.
        """
        with self._lock:
            if self._evaluation is None:
                state = self._state
                if state.pending or len(state.dirty) > 0:
                    # merge what the updates moved once, so that the next snapshots start from it
                    derived = {k: v for k, v in state.derived.items() if k == "fingerprint"}
                    state = self._state = attrs.evolve(
                        state,
                        rankings=_merged(self._fixed, state),
                        pending={},
                        digests={**state.digests, **{u: digest(state.rows[u]) for u in state.dirty}},
                        dirty=frozenset(),
                        derived=derived,
                    )
                self._evaluation = _evaluation(self._fixed, state, state.rankings)
            return self._evaluation

    def unit(self, unit_id: str) -> UnitEvaluation:
        """The current evaluation of one unit, without assembling the whole evaluation.

        Raises:
            KeyError: if the unit is not evaluated.
        """
        return self._state.units[unit_id]

    def cluster(self, cluster_id: str) -> ClusterEvaluation:
        """The current evaluation of one cluster, without assembling the whole evaluation.

        Raises:
            KeyError: if there is no such cluster.
        """
        return self._state.clusters[cluster_id]

    # -- updating --------------------------------------------------------------------------------

    def update(self, row: m.UnitResult) -> Update:
        """Replace one unit's results and re-evaluate what depends on them.

        Updates from several threads are applied one after the other.

        Returns:
            the unit's and its clusters' new evaluations, which units changed, and
            (on first read) the whole evaluation and results right after the update.

        Raises:
            ModelError: if the row is invalid for the campaign, each problem
                located in the row (``counts.hamlet.htt``), or if it would change
                a result already published (``result-locked``, one problem per
                changed field).
            MissingInputError: if an input the row leaves out is needed and the policy is ``error``.

        Nothing changes when it raises: the session keeps its results and evaluation.
        """
        with self._lock:
            problems = self._row_problems(row)
            stored = self._state.rows.get(row.unit)
            if stored is not None:
                # a published result is locked: every field it would change is refused
                problems += m.locked_changes(stored, row)
            if any(p.is_error for p in problems):
                raise ModelError(problems)
            state = self._state
            unit = row.unit
            rows = {**state.rows, unit: row}
            dirty = state.dirty | {unit}
            digests: Mapping[str, str] = state.digests
            if len(dirty) > 32:
                # keep the fingerprint of a snapshot cheap: digest the changed rows now and then
                digests = {**digests, **{u: digest(rows[u]) for u in dirty}}
                dirty = frozenset()
            p = self.prepared
            run = self._run
            local = self._local and unit in state.units and run is not None
            ancestors: list[str] = []
            if local:
                ancestors = [a for a in self._ancestors(unit) if a in state.units]
                local = not any(p.unit_clusters.get(a) for a in ancestors)
            if local:
                try:
                    new, touched = self._update_local(row, ancestors, rows, digests, dirty)
                except BaseException:
                    # the run was changed in place: make it again from the rows as they were
                    self._state = self._execute_all(dict(state.rows), state.digests, state.dirty)
                    raise
            else:
                new = self._execute_all(rows, digests, dirty)
                touched = list(new.units.keys() | state.units.keys())
            changed = tuple(sorted(u for u in touched if _visible(state.units.get(u)) != _visible(new.units.get(u))))
            self._state = new
            self._results = None
            self._evaluation = None
            fixed = self._fixed
            update = Update(
                new.units[unit],
                tuple(new.clusters[cl] for cl in p.unit_clusters.get(unit, ()) if cl in new.clusters),
                changed,
                fingerprint=functools.partial(_fingerprint, fixed, new),
            )
            object.__setattr__(update, "_state", functools.partial(_snapshot, fixed, new))
            return update

    def _row_problems(self, row: m.UnitResult) -> list[Problem]:
        """The problems of one row against the campaign, located in the row."""
        one = attrs.evolve(self._one_row, units=(row,))
        problems = m.validate_results(self.prepared.campaign, one, units=self.prepared.units)
        return [attrs.evolve(p, loc=p.loc[2:]) if p.loc[:2] == ("units", 0) else p for p in problems]

    def _execute_all(self, rows: dict[str, m.UnitResult], digests: Mapping[str, str], dirty: frozenset[str]) -> _State:
        """Evaluate every subject and cluster of *rows*; the new state."""
        p = self.prepared
        results = attrs.evolve(self._fixed.base, units=tuple(rows.values()))
        subjects = subjects_of(p, results)
        parts = execute(p, results, self.stage, self.history, subjects=subjects, clusters=list(p.campaign.clusters))
        self._run: Run | None = parts.run
        self._awards = parts.awards
        self._scored = self._count_scored(subjects)
        return _State(
            units=parts.units,
            clusters=parts.clusters,
            rankings=parts.rankings,
            pending={},
            order=tuple(sorted(parts.units)),
            rows=rows,
            digests=digests,
            dirty=dirty,
        )

    def _count_scored(self, subjects: list[str]) -> dict[str, int]:
        """How many units of each level have a score (a level is ranked when one has)."""
        run = self._run
        counts: dict[str, int] = {}
        for u in subjects:
            level = self.prepared.units[u].level
            counts[level] = counts.get(level, 0) + (run is not None and u in run.scores)
        return counts

    def _ancestors(self, unit: str) -> list[str]:
        """The unit's ancestors, nearest first."""
        p = self.prepared
        found = p.ancestors.get(unit, {}).values()
        return sorted(found, key=lambda a: -p.level_index[p.units[a].level])

    def _update_local(
        self,
        row: m.UnitResult,
        ancestors: list[str],
        rows: dict[str, m.UnitResult],
        digests: Mapping[str, str],
        dirty: frozenset[str],
    ) -> tuple[_State, list[str]]:
        p = self.prepared
        c = p.campaign
        run = self._run
        assert run is not None  # noqa: S101 - checked by update
        state = self._state
        unit = row.unit
        clusters = [p.clusters[cid] for cid in p.unit_clusters.get(unit, ())]
        scored_before = {u: u in run.scores for u in [unit, *ancestors]}
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
        awards = self._awards
        cluster_evals = dict(state.clusters)
        for cl in clusters:
            run.cluster_target_out[cl.id] = {
                t.id: run.target(t.id, cl.id, cl) for t in p.cluster_targets.get(cl.id, ())
            }
            run.rankings[cl.id] = rank_units(run, cl.id, [u for u in cl.members if u in run.ratings])
        granted: dict[str, set[str]] = {}
        for rule in c.awards:
            outcomes = awards[rule.id]
            for cl in clusters:
                for u in cl.members:
                    outcomes.pop(u, None)  # a unit left out now (rejected, say) has no outcome any more
                group = [u for u in cl.members if u in run.ratings and p.units[u].level in rule.levels]
                outcomes.update(award(run, rule, [(cl.id, group)], granted))
        decisions = {d.cluster: d for d in self._fixed.base.decisions}
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
        units = dict(state.units)
        touched = list(dict.fromkeys([unit, *ancestors, *members]))
        for u in touched:
            units[u] = unit_evaluation(run, u, awards)
        for u, before in scored_before.items():
            level_of = p.units[u].level
            self._scored[level_of] += (u in run.scores) - before
        level_rankings, pending = self._pending(run, state, touched)
        return (
            _State(
                units=units,
                clusters=cluster_evals,
                rankings=level_rankings,
                pending=pending,
                order=state.order,
                rows=rows,
                digests=digests,
                dirty=dirty,
            ),
            touched,
        )

    def _pending(
        self, run: Run, state: _State, touched: list[str]
    ) -> tuple[Mapping[str, Ranking], Mapping[str, Mapping[str, _Row]]]:
        """The level rankings and, added to the rows still pending, the level-ranking rows of the
        *touched* units.

        A level that gains its first score or loses its last one is ranked in full (its
        ranking appears or goes), here and now; so is a level whose ranking is not numbered
        as a competition or orders by names (where one unit can move the places of all).
        """
        p = self.prepared
        c = p.campaign
        rankings: Mapping[str, Ranking] = state.rankings
        pending = {group: dict(rows) for group, rows in state.pending.items()}
        chain = chain_of(c)
        whole = c.ranking.mode is not m.RankMode.COMPETITION or any(isinstance(tb, m.NameTieBreak) for tb in chain)
        done: set[str] = set()
        for u in touched:
            level = p.units[u].level
            group = f"level:{level}"
            if group in done:
                continue
            ranked = self._scored.get(level, 0) > 0
            if ranked != (group in rankings) or (ranked and whole):
                pending.pop(group, None)
                done.add(group)
                if ranked:
                    units = [v for v in state.order if p.units[v].level == level]
                    rankings = {**rankings, group: rank_units(run, group, units)}
                else:
                    rankings = {k: v for k, v in rankings.items() if k != group}
                continue
            if not ranked:
                continue
            s = run.scores.get(u)
            grade = run.grades.get(u)
            if u in run.excluded or (s is None and grade is None):
                pending.setdefault(group, {})[u] = None  # left out of the ranking
                continue
            score = s.total if s else None
            keys: tuple[Fraction, ...] = primary_key(c, level, score, grade)
            raw: tuple[Fraction, ...] = ()
            if chain:
                raw, signed = _tie_values(run, u, chain, {})
                keys = (*keys, *signed)
            pending.setdefault(group, {})[u] = (keys, u, score, grade, raw)
        return rankings, pending

    def _evaluate_unit(self, run: Run, u: str) -> None:
        level = self.prepared.units[u].level
        found = self._rubrics.get(level)
        if found is None:
            rubric = self.prepared.campaign.rubric_for(level)
            computed_only = rubric is not None and not any(isinstance(k.method, m.Assessed) for k in rubric.leaves())
            found = self._rubrics[level] = (rubric, computed_only)
        evaluate_unit(run, u, found[0], computed_only=found[1])
