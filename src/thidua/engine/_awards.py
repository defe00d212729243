"""Awards under quotas, and checks of a cluster meeting's decision."""

from __future__ import annotations

from collections import defaultdict

from thidua import model as m
from thidua.engine._outcomes import (
    AwardOutcome,
    Conflict,
    Ranking,
    Step,
)
from thidua.engine._rules import check_condition
from thidua.engine._run import Run, apply_rounding

__all__ = ["award", "check_decision"]


def award(
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


def check_decision(
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
