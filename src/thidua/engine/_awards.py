"""Awards under quotas, and checks of a cluster meeting's decision."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

from thidua import model as m
from thidua.engine._outcomes import (
    AwardOutcome,
    Conflict,
    Deferred,
    LazyStep,
    Ranking,
    Status,
    Step,
    TargetOutcome,
    TraceValue,
    build_steps,
    new_award_outcome,
)
from thidua.engine._rules import _min_grade, condition_checks
from thidua.engine._run import Run, share_of_count

__all__ = ["allowed_count", "award", "check_campaign_quotas", "check_decision"]

_INELIGIBLE: LazyStep = ("award_ineligible", ())


#: the kinds of award conditions decided here without the general function of their kind
_MIN_GRADE, _MAX_RANK, _ALL_TARGETS, _OTHER = range(4)
_NOT_MET = Status.NOT_MET
#: a rule's conditions as (kind, condition, what is the same for every unit): for a minimum grade,
#: the grades at or above it by level; for another kind, the function deciding it
_Checks = tuple[tuple[int, Any, Any], ...]


def _award_checks(run: Run, rule: m.AwardRule) -> _Checks:
    out: list[tuple[int, Any, Any]] = []
    for check, cond in condition_checks(rule.conditions):
        if isinstance(cond, m.MinGrade):
            good: dict[str, frozenset[str]] = {}
            for lv in rule.levels:
                scale = run.scale(lv)
                ranks = run.ranks(scale) if scale is not None else {}
                limit = ranks.get(cond.grade)
                good[lv] = frozenset(g for g, r in ranks.items() if limit is not None and r <= limit)
            out.append((_MIN_GRADE, cond, good))
        elif isinstance(cond, m.MaxRank):
            out.append((_MAX_RANK, cond, None))
        elif isinstance(cond, m.AllTargetsMet):
            out.append((_ALL_TARGETS, cond, None))
        else:
            out.append((_OTHER, cond, check))
    return tuple(out)


def award(
    run: Run, rule: m.AwardRule, groups: list[tuple[str, list[str]]], granted: dict[str, set[str]]
) -> dict[str, AwardOutcome]:
    """Decide *rule* for the members of each group: its conditions, then its quota by rank.

    What decides each condition for a unit (its grade, its rank, the targets it failed, or the
    verdict and trace of another kind of condition) is kept with the outcome, whose trace is made
    from it when first read (:func:`_award_steps`).
    """
    out: dict[str, AwardOutcome] = {}
    awards = run.prepared.awards
    checks, rule_id, title = _award_checks(run, rule), rule.id, rule.title
    exclusive = rule.exclusive_with
    excluded = run.excluded
    grades, unit_targets, units = run.grades, run.unit_targets, run.prepared.units
    # what decided a unit's conditions, one object per value: a few grades, ranks and verdicts recur
    # over 3,321 communes (half a mebibyte of pairs a rule, nationally, kept until traces are read)
    same: dict[Any, Any] = {}
    one = same.setdefault
    for group, all_members in groups:
        # units not yet reviewed (or rejected) are neither considered nor counted in the quota
        members = [u for u in all_members if u not in excluded] if excluded else all_members
        ranking = run.rankings.get(group)
        rank_of = ranking.rank_of if ranking is not None else _no_rank
        eligible: list[str] = []
        facts: dict[str, tuple[tuple[str, ...], tuple[Any, ...]]] = {}
        for u in members:
            ok = True
            blocked: tuple[str, ...] = ()
            held = granted.get(u)
            if held:
                blocked = tuple(sorted(a for a in held if a in exclusive or rule_id in awards[a].exclusive_with))
                if blocked:
                    ok = False
            values: list[Any] = []
            plain = True  # every value hashable (kept once)
            for kind, cond, how in checks:
                if kind == _MIN_GRADE:
                    grade = grades.get(u)
                    good = how.get(units[u].level)
                    if good is None:  # a unit of another level: the general rule
                        c_ok, c_trace = _min_grade(run, cond, u, group)
                        values.append((c_ok, c_trace))
                        plain = False
                    else:
                        c_ok = grade in good
                        pair: tuple[Any, ...] = (c_ok, grade)
                        values.append(one(pair, pair))
                elif kind == _MAX_RANK:
                    rank = rank_of(u)
                    c_ok = rank is not None and rank <= cond.rank
                    pair = (c_ok, rank)
                    values.append(one(pair, pair))
                elif kind == _ALL_TARGETS:
                    outcomes = unit_targets.get(u, _NO_TARGETS)
                    failed = tuple([t.target for t in outcomes.values() if t.status is _NOT_MET])
                    c_ok = not failed
                    pair = (c_ok, (failed, len(outcomes)))
                    values.append(one(pair, pair))
                else:
                    c_ok, c_trace = how(run, cond, u, group)
                    values.append((c_ok, c_trace))
                    plain = False
                ok = ok and c_ok
            kept = tuple(values)
            facts[u] = (blocked, one(kept, kept) if plain else kept)
            if ok:
                eligible.append(u)
        if ranking is not None:
            eligible.sort(key=lambda u: (rank_of(u) or 10**9, u))
        else:
            eligible.sort()
        quota = allowed_count(rule, len(members), len(eligible))
        allowed = len(eligible) if quota is None else quota
        winners = set(eligible[:allowed])
        tied: set[str] = set()
        if ranking and 0 < allowed < len(eligible):
            cut = ranking.rank_of(eligible[allowed])
            if cut is not None and cut == ranking.rank_of(eligible[allowed - 1]):
                # units tied at the cut are all left out: choosing among them is for the meeting
                tied = {u for u in eligible if ranking.rank_of(u) == cut}
                winners -= tied
        position = {u: i for i, u in enumerate(eligible, 1)}
        tied_order = tuple(u for u in eligible if u in tied)
        tied_value: TraceValue = None
        if tied and ranking is not None:
            entry = next(e for e in ranking.entries if e.unit == tied_order[0])
            tied_value = entry.score if entry.score is not None else entry.grade
        cut_at = (allowed, len(eligible), group, tied_order, tied_value)
        for u in members:
            at = position.get(u)
            win = u in winners
            blocked, kept = facts[u]
            # the steps are made when the trace is first read
            trace = Deferred((_award_steps, checks, u, blocked, kept, cut_at, at, win))
            out[u] = new_award_outcome(rule_id, title, u, win, at is not None, trace)
            if win:
                held = granted.get(u)
                if held is None:
                    granted[u] = {rule_id}
                else:
                    held.add(rule_id)
    return out


def _no_rank(_unit: str) -> None:
    return None


_NO_TARGETS: dict[str, TargetOutcome] = {}


def _award_steps(  # noqa: PLR0917 - the values of a deferred trace
    checks: _Checks,
    unit: str,
    blocked: tuple[str, ...],
    values: tuple[Any, ...],
    cut_at: tuple[int, int, str, tuple[str, ...], TraceValue],
    at: int | None,
    win: bool,
) -> tuple[Step, ...]:
    """The trace of an award outcome: exclusions, each condition, and the quota (or ineligible)."""
    trace: list[Step | LazyStep] = []
    if blocked:
        trace.append(("award_exclusive", (blocked,)))
    for (kind, cond, _), (ok, value) in zip(checks, values, strict=True):
        if kind == _MIN_GRADE and not isinstance(value, list):
            trace.append(("cond_min_grade", (value, cond.grade, ok)))
        elif kind == _MAX_RANK:
            trace.append(("cond_rank", (value, cond.rank, ok)))
        elif kind == _ALL_TARGETS:
            trace.append(("cond_all_targets", value))
        else:
            trace.extend(value)
    if at is None:
        trace.append(_INELIGIBLE)
    else:
        allowed, n_eligible, group, tied_order, tied_value = cut_at
        is_tied = unit in tied_order
        with_ = tuple(x for x in tied_order if x != unit) if is_tied else ()
        value_ = tied_value if is_tied else None
        trace.append(("award_quota", (allowed, n_eligible, at, win, is_tied, group, with_, value_)))
    return build_steps(trace)


def allowed_count(rule: m.AwardRule, members: int, eligible: int) -> int | None:
    """How many units of a group may receive an award; ``None`` without a quota."""
    if rule.quota is None:
        return None
    if rule.quota.count is not None:
        return rule.quota.count
    assert rule.quota.share is not None  # noqa: S101 - the model guarantees one of them
    base = members if rule.quota.of == "members" else eligible
    return share_of_count(rule.quota.share, base, rule.quota.rounding)


def check_campaign_quotas(
    run: Run, decisions: list[m.Decision], awards: dict[str, dict[str, AwardOutcome]]
) -> dict[str, list[Conflict]]:
    """Proposals of all clusters against campaign-wide quotas; conflicts by cluster."""
    out: dict[str, list[Conflict]] = defaultdict(list)
    for rule in run.campaign.awards:
        if rule.within != "campaign":
            continue
        proposing = [(d.cluster, p.unit) for d in decisions for p in d.proposals if p.award == rule.id]
        outcomes = awards.get(rule.id, {})
        allowed = allowed_count(rule, len(outcomes), sum(1 for o in outcomes.values() if o.eligible))
        if allowed is not None and len(proposing) > allowed:
            # sorted: the order of the decisions and proposals never changes a result
            clusters = tuple(sorted({c for c, _ in proposing}))
            units = tuple(sorted({u for _, u in proposing}))
            for cluster in sorted(clusters):
                out[cluster].append(
                    Conflict(
                        cluster,
                        "error",
                        "over_quota",
                        {
                            "award": rule.id,
                            "proposed": len(proposing),
                            "allowed": allowed,
                            "units": units,
                            "clusters": clusters,
                        },
                    )
                )
    return out


def check_decision(
    run: Run, d: m.Decision, ranking: Ranking, awards: dict[str, dict[str, AwardOutcome]]
) -> list[Conflict]:
    """Compare a cluster meeting's decided order and proposals with the computed ones."""
    conflicts: list[Conflict] = []
    computed = tuple(e.unit for e in ranking.entries)
    ranks = {e.unit: e.rank for e in ranking.entries}
    decided_ranks = tuple(ranks.get(u) for u in d.order)
    consistent = all(a is not None and b is not None and a <= b for a, b in itertools.pairwise(decided_ranks))
    if d.order and not consistent:
        conflicts.append(
            Conflict(
                d.cluster,
                "info",
                "order_differs",
                {"decided": tuple(d.order), "computed": computed, "ranks": decided_ranks},
            )
        )
    excluded = run.excluded
    if excluded:
        conflicts.extend(_not_reviewed(run, d.cluster, u, None) for u in dict.fromkeys(d.order) if u in excluded)
    per_award: dict[str, list[str]] = defaultdict(list)
    for p in d.proposals:
        per_award[p.award].append(p.unit)
        outcome = awards.get(p.award, {}).get(p.unit)
        if p.unit in excluded:
            conflicts.append(_not_reviewed(run, d.cluster, p.unit, p.award))
        elif outcome is None or not outcome.eligible:
            conflicts.append(Conflict(d.cluster, "error", "proposal_ineligible", {"unit": p.unit, "award": p.award}))
        elif not outcome.granted:
            conflicts.append(Conflict(d.cluster, "info", "proposal_not_computed", {"unit": p.unit, "award": p.award}))
    cluster = run.prepared.clusters[d.cluster]
    for award_id, units in per_award.items():
        rule = run.prepared.awards.get(award_id)
        if rule is None or rule.within != "cluster":
            continue
        outcomes = [o for o in awards.get(award_id, {}).values() if o.unit in cluster.members]
        allowed = allowed_count(rule, len(outcomes), sum(1 for o in outcomes if o.eligible))
        if allowed is not None and len(units) > allowed:
            conflicts.append(
                Conflict(
                    d.cluster,
                    "error",
                    "over_quota",
                    {
                        "award": award_id,
                        "proposed": len(units),
                        "allowed": allowed,
                        "units": tuple(sorted(set(units))),
                        "clusters": (d.cluster,),
                    },
                )
            )
    members = set(cluster.members)
    for (group, _grade), (grade, allowed_count_, holders) in sorted(run.cap_checks.items()):
        if group == d.cluster or (group.startswith("level:") and members.intersection(holders)):
            conflicts.append(
                Conflict(
                    d.cluster,
                    "error",
                    "cap_exceeded",
                    {"grade": grade, "allowed": allowed_count_, "units": holders, "group": group},
                )
            )
    return conflicts


def _not_reviewed(run: Run, cluster: str, unit: str, award_id: str | None) -> Conflict:
    """A decision that names a unit left out by the review (not yet reviewed, or rejected)."""
    review = run.reviews.get(unit)
    stage = review.wanted if review is not None else None
    status = review.status if review is not None else None
    return Conflict(
        cluster, "error", "not_reviewed", {"unit": unit, "award": award_id, "stage": stage, "status": status}
    )
