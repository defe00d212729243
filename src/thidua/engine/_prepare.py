"""A campaign prepared once for many evaluations: indexes and parsed formulas."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from fractions import Fraction

import attrs

from thidua import model as m
from thidua.errors import ModelError
from thidua.formula import Node, parse
from thidua.formula import evaluate as eval_formula
from thidua.formula import identifiers as names
from thidua.model import _codes as model_codes

__all__ = ["Prepared", "prepare"]


@attrs.frozen(eq=False)
class Prepared:
    """A validated campaign with the indexes evaluation needs.

    Build it with :func:`prepare`; evaluate it against many result sets, from
    any number of threads at once (nothing in it changes).

    >>> import thidua
    >>> p = prepare(thidua.examples.load_campaign())
    >>> p.unit_clusters["xa-van-khanh-tay"], len(p.descendants_at("huyen-an-minh", "commune"))
    (('cum-1',), 11)
    >>> thidua.evaluate(p, thidua.examples.load_results()).cluster("cum-1").ranking.leaders
    ('xa-van-khanh',)

    .. versionadded:: 0.1.0
    """

    campaign: m.Campaign
    units: Mapping[str, m.Unit]
    level_index: Mapping[str, int]
    ancestors: Mapping[str, Mapping[str, str]]
    descendants: Mapping[tuple[str, str], tuple[str, ...]]
    unit_clusters: Mapping[str, tuple[str, ...]]
    clusters: Mapping[str, m.Cluster]
    member_targets: Mapping[str, tuple[m.Target, ...]]
    cluster_targets: Mapping[str, tuple[m.Target, ...]]
    targets: Mapping[str, m.Target]
    predecessors: Mapping[str, tuple[str, ...]]
    formulas: Mapping[str, Node]
    indicator_order: tuple[str, ...]
    awards: Mapping[str, m.AwardRule]
    #: targets decided once over all the signatories of their agreement (scope ``agreement``):
    #: target id → the subject (``"agreement:<id>"``) and the signatories as one group
    agreement_groups: Mapping[str, tuple[str, m.Cluster]] = attrs.field(factory=dict)
    #: the review stages in order, and each stage's position
    stage_ids: tuple[str, ...] = ()
    stage_index: Mapping[str, int] = attrs.field(factory=dict)
    #: the actions each stage may take, in the order of the stages
    stage_actions: tuple[frozenset[m.ReviewAction], ...] = ()
    #: the levels whose rubric has criteria scored by assessment (their units are reviewed)
    assessed_levels: frozenset[str] = frozenset()
    #: the units that exist at some time in the campaign's period, and those of them that are
    #: members of a cluster or sign an agreement (each evaluated, with or without results)
    in_period: frozenset[str] = frozenset()
    taking_part: frozenset[str] = frozenset()

    def descendants_at(self, unit_id: str, level: str) -> tuple[str, ...]:
        """Units on *level* below *unit_id* that exist in the campaign year."""
        return self.descendants.get((unit_id, level), ())

    def unit_env(self, row: m.UnitResult | None) -> dict[str, Fraction | bool]:
        """A unit's measures, flags and indicators, for formulas and measures (a flag shadows a
        measure of the same name; an indicator whose inputs are missing is left out).

        >>> import thidua
        >>> p = prepare(thidua.examples.load_campaign())
        >>> p.unit_env(thidua.examples.load_results().units[0])["fund_raised"]  # one VND short
        Fraction(149999999, 1)
        """
        env: dict[str, Fraction | bool] = {}
        if row is not None:
            env.update(row.measures)
            env.update(row.flags)
        for ind in self.indicator_order:
            try:
                env[ind] = eval_formula(self.formulas[ind], env)
            except KeyError:
                continue
        return env


def _indicator_order(campaign: m.Campaign, formulas: Mapping[str, Node]) -> tuple[str, ...]:
    ids = [i.id for i in campaign.indicators]
    done: list[str] = []
    pending = list(ids)
    while pending:
        progressed = False
        for ind in list(pending):
            deps = names(formulas[ind]) & set(ids)
            if deps <= set(done):
                done.append(ind)
                pending.remove(ind)
                progressed = True
        if not progressed:
            raise ModelError(model_codes.INDICATOR_CYCLE(("indicators",), cycle=" → ".join(pending)))
    return tuple(done)


def prepare(campaign: m.Campaign) -> Prepared:
    """Validate a campaign and index it for evaluation.

    Raises:
        ModelError: listing every problem of the campaign.

    >>> import attrs, thidua
    >>> prepare(attrs.evolve(thidua.examples.load_campaign(), year=2023))
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 3 vấn đề:
      clusters[0].year: năm 2022 khác năm của phong trào (2023)
      clusters[1].year: năm 2022 khác năm của phong trào (2023)
      agreements[0].signed_on: 13/04/2022 nằm ngoài năm thi đua 01/01/2023–31/12/2023

    .. versionadded:: 0.1.0
    """
    errors = [p for p in m.validate_campaign(campaign) if p.is_error]  # warnings (an unnamed input) do not stop it
    if errors:
        raise ModelError(errors)
    start, end = campaign.period
    units = {u.id: u for u in campaign.units}
    live = {uid: u for uid, u in units.items() if u.overlaps(start, end)}
    level_index = {lv.id: i for i, lv in enumerate(campaign.levels)}

    ancestors: dict[str, dict[str, str]] = {}

    def chain(uid: str) -> dict[str, str]:
        if uid in ancestors:
            return ancestors[uid]
        u = units[uid]
        up: dict[str, str] = {}
        if u.parent is not None and u.parent in units:
            parent = units[u.parent]
            up = {**chain(parent.id), parent.level: parent.id}
        ancestors[uid] = up
        return up

    descendants: dict[tuple[str, str], list[str]] = defaultdict(list)
    for uid, u in live.items():
        for anc in chain(uid).values():
            descendants[(anc, u.level)].append(uid)

    clusters = {c.id: c for c in campaign.clusters}
    unit_clusters: dict[str, list[str]] = defaultdict(list)
    for c in campaign.clusters:
        for member in c.members:
            unit_clusters[member].append(c.id)

    member_targets: dict[str, list[m.Target]] = defaultdict(list)
    cluster_targets: dict[str, list[m.Target]] = defaultdict(list)
    # every target first: an "of which" takes its parent's scope, wherever the parent is listed
    targets: dict[str, m.Target] = {t.id: t for ag in campaign.agreements for t in ag.targets()}
    groups: dict[str, tuple[str, m.Cluster]] = {}
    for ag in campaign.agreements:
        signers = ag.signatories or tuple(u for cid in ag.clusters for u in clusters[cid].members)
        whole: tuple[str, m.Cluster] | None = None
        for t in ag.targets():
            scope = getattr(t, "scope", None)
            if scope is None and isinstance(t, m.OfWhichTarget):
                scope = _root_scope(t, targets)
            if scope is m.Scope.AGREEMENT:
                # decided once for the agreement, shown with each signing cluster's targets
                if whole is None:
                    group = m.Cluster(ag.id, ag.name or ag.id, m.ClusterKind.CLUSTER, campaign.year, signers)
                    whole = (f"agreement:{ag.id}", group)
                groups[t.id] = whole
                for cid in ag.clusters:
                    cluster_targets[cid].append(t)
            elif scope is m.Scope.CLUSTER:
                for cid in ag.clusters:
                    cluster_targets[cid].append(t)
            else:
                for s in signers:
                    member_targets[s].append(t)

    preds: dict[str, set[str]] = defaultdict(set)
    for u in campaign.units:
        for link in u.lineage:
            if link.kind.forward:
                preds[link.unit].add(u.id)
            else:
                preds[u.id].add(link.unit)

    formulas: dict[str, Node] = {}
    for ind in campaign.indicators:
        formulas[ind.id] = parse(ind.formula)
    order = _indicator_order(campaign, formulas)
    for t in targets.values():
        if isinstance(t, m.FormulaTarget):
            formulas[f"target:{t.id}"] = parse(t.formula)

    in_period = frozenset(live)
    taking_part = {u for c in campaign.clusters for u in c.members}
    taking_part.update(u for a in campaign.agreements for u in a.signatories)
    return Prepared(
        campaign=campaign,
        units=units,
        level_index=level_index,
        ancestors=ancestors,
        descendants={k: tuple(sorted(v)) for k, v in descendants.items()},
        unit_clusters={k: tuple(v) for k, v in unit_clusters.items()},
        clusters=clusters,
        member_targets=_shared(member_targets),
        cluster_targets={k: tuple(v) for k, v in cluster_targets.items()},
        targets=targets,
        predecessors={k: tuple(sorted(v)) for k, v in preds.items()},
        formulas=formulas,
        indicator_order=order,
        awards={a.id: a for a in campaign.awards},
        agreement_groups=groups,
        stage_ids=tuple(s.id for s in campaign.stages),
        stage_index={s.id: i for i, s in enumerate(campaign.stages)},
        stage_actions=tuple(frozenset(s.actions) for s in campaign.stages),
        assessed_levels=frozenset(
            lv for r in campaign.rubrics if any(isinstance(c.method, m.Assessed) for c in r.leaves()) for lv in r.levels
        ),
        in_period=in_period,
        taking_part=frozenset(taking_part & in_period),
    )


def _root_scope(t: m.OfWhichTarget, targets: Mapping[str, m.Target]) -> m.Scope:
    cur: m.Target | None = t
    seen: set[str] = set()
    while isinstance(cur, m.OfWhichTarget) and cur.id not in seen:
        seen.add(cur.id)
        cur = targets.get(cur.parent)
    scope = getattr(cur, "scope", m.Scope.MEMBERS)
    return scope if isinstance(scope, m.Scope) else m.Scope.MEMBERS


def _shared(by_unit: dict[str, list[m.Target]]) -> dict[str, tuple[m.Target, ...]]:
    """Each unit's targets as a tuple, one tuple shared by the units that signed the same targets
    (an evaluation compiles the rules of each distinct tuple once)."""
    seen: dict[tuple[int, ...], tuple[m.Target, ...]] = {}
    out = {}
    for unit, targets in by_unit.items():
        key = tuple(map(id, targets))
        found = seen.get(key)
        if found is None:
            found = seen[key] = tuple(targets)
        out[unit] = found
    return out
