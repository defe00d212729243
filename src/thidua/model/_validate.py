"""Cross-reference validation: every problem, each with its path."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from thidua.formula import names, parse
from thidua.model._campaign import Campaign
from thidua.model._conditions import (
    AnyOf,
    Condition,
    GradeStreak,
    MinGrade,
    TargetMet,
    TitleCount,
)
from thidua.model._criteria import Assessed, Criterion, PassFail, Rubric
from thidua.model._results import History, Results, ScoreEntry, UnitResult
from thidua.model._scale import RatingScale
from thidua.model._targets import OfWhichTarget, ShareTarget, Target, ZeroCountTarget
from thidua.model._units import Unit

__all__ = ["validate_campaign", "validate_history", "validate_results"]


def _duplicates(ids: Sequence[str], path: str, what: str) -> list[str]:
    seen: set[str] = set()
    out = []
    for i, x in enumerate(ids):
        if x in seen:
            out.append(f"{path}[{i}].id: duplicate {what} id {x!r}")
        seen.add(x)
    return out


def _walk_conditions(path: str, conds: Iterable[Condition], *, indexed: bool) -> Iterable[tuple[str, Condition]]:
    """Each condition with its path, nested ``any_of`` conditions included."""
    for k, c in enumerate(conds):
        where = f"{path}[{k}]" if indexed else path
        yield where, c
        if isinstance(c, AnyOf):
            yield from _walk_conditions(f"{where}.conditions", c.conditions, indexed=True)


def _walk_criteria(path: str, criteria: Iterable[Criterion]) -> Iterable[tuple[str, Criterion]]:
    """Each criterion with its path (``criteria[7].children[0]``), depth first."""
    for i, c in enumerate(criteria):
        where = f"{path}[{i}]"
        yield where, c
        yield from _walk_criteria(f"{where}.children", c.children)


class _Checker:
    def __init__(self, campaign: Campaign) -> None:
        self.c = campaign
        self.problems: list[str] = []
        self.levels = [lv.id for lv in campaign.levels]
        self.units = {u.id: u for u in campaign.units}
        self.targets: dict[str, Target] = {}
        self.target_paths: dict[str, str] = {}
        for ai, a in enumerate(campaign.agreements):
            for ci, area in enumerate(a.content_areas):
                for ti, t in enumerate(area.targets):
                    path = f"agreements[{ai}].content_areas[{ci}].targets[{ti}]"
                    if t.id in self.targets:
                        self.add(f"{path}.id: duplicate target id {t.id!r}")
                    else:
                        self.targets[t.id] = t
                        self.target_paths[t.id] = path
        self.grades = {g.id for s in campaign.scales for g in s.grades}
        self.titles = {t.id for t in campaign.titles}

    def add(self, problem: str) -> None:
        self.problems.append(problem)

    def run(self) -> list[str]:
        c = self.c
        self.add_all(_duplicates(self.levels, "levels", "level"))
        self.add_all(_duplicates([u.id for u in c.units], "units", "unit"))
        self.add_all(_duplicates([x.id for x in c.clusters], "clusters", "cluster"))
        self.add_all(_duplicates([x.id for x in c.movements], "movements", "movement"))
        self.add_all(_duplicates([x.id for x in c.agreements], "agreements", "agreement"))
        self.add_all(_duplicates([x.id for x in c.scales], "scales", "scale"))
        self.add_all(_duplicates([x.id for x in c.rubrics], "rubrics", "rubric"))
        self.add_all(_duplicates([x.id for x in c.titles], "titles", "title"))
        self.add_all(_duplicates([x.id for x in c.awards], "awards", "award"))
        self.add_all(_duplicates([x.id for x in c.stages], "stages", "stage"))
        self.add_all(_duplicates([x.id for x in c.indicators], "indicators", "indicator"))
        start, end = c.period
        if end < start:
            self.add(f"end: the emulation year ends ({end}) before it starts ({start})")
        self.check_units()
        self.check_clusters()
        self.check_movements()
        self.check_agreements()
        self.check_scales()
        self.check_rubrics()
        self.check_awards()
        self.check_indicators()
        return self.problems

    def add_all(self, problems: Iterable[str]) -> None:
        self.problems.extend(problems)

    def check_units(self) -> None:
        names_seen: dict[tuple[str | None, str, str], int] = {}
        for i, u in enumerate(self.c.units):
            path = f"units[{i}]"
            if u.level not in self.levels:
                self.add(f"{path}.level: unknown level {u.level!r}")
            if u.parent is not None:
                parent = self.units.get(u.parent)
                if parent is None:
                    self.add(f"{path}.parent: unknown unit {u.parent!r}")
                elif u.level in self.levels and parent.level in self.levels:
                    want = self._parent_level(u)
                    if parent.level != want:
                        self.add(
                            f"{path}.parent: {u.id!r} on level {u.level!r} cannot sit under "
                            f"{parent.id!r} on level {parent.level!r}" + (f" (expected level {want!r})" if want else "")
                        )
            key = (u.parent, u.level, u.name.casefold())
            if key in names_seen and self.c.units[names_seen[key]].overlaps(*self._span(u)):
                self.add(
                    f"{path}.name: {u.name!r} is already the name of units[{names_seen[key]}] under the same parent"
                )
            names_seen.setdefault(key, i)
            self.add_all(
                f"{path}.lineage[{j}].unit: unknown unit {link.unit!r}"
                for j, link in enumerate(u.lineage)
                if link.unit not in self.units
            )
        self.check_parent_cycles()

    def _parent_level(self, u: Unit) -> str | None:
        start, end = self._span(u)
        for lv in reversed(self.c.levels[: self.levels.index(u.level)]):
            if lv.overlaps(start, end):
                return lv.id
        return None

    @staticmethod
    def _span(u: Unit) -> tuple[dt.date, dt.date]:
        return (u.valid_from or dt.date.min, u.valid_to or dt.date.max)

    def check_parent_cycles(self) -> None:
        index = {u.id: i for i, u in enumerate(self.c.units)}
        reported: set[str] = set()
        for u in self.c.units:
            seen = [u.id]
            cur = u.parent
            while cur is not None and cur in self.units:
                if cur in seen:
                    if cur not in reported:
                        cycle = " → ".join([*seen[seen.index(cur) :], cur])
                        self.add(f"units[{index[cur]}].parent: cycle {cycle}")
                        reported.update(seen)
                    break
                seen.append(cur)
                cur = self.units[cur].parent

    def unit_ref(self, path: str, unit_id: str | None) -> bool:
        if unit_id is None:
            return True
        if unit_id not in self.units:
            self.add(f"{path}: unknown unit {unit_id!r}")
            return False
        start, end = self.c.period
        if not self.units[unit_id].overlaps(start, end):
            u = self.units[unit_id]
            self.add(
                f"{path}: unit {unit_id!r} does not exist in {self.c.year} "
                f"(valid {u.valid_from or '…'} to {u.valid_to or '…'})"
            )
            return False
        return True

    def check_clusters(self) -> None:
        membership: dict[tuple[str, int, str], str] = {}
        for i, cl in enumerate(self.c.clusters):
            path = f"clusters[{i}]"
            if cl.year != self.c.year:
                self.add(f"{path}.year: {cl.year} differs from the campaign year {self.c.year}")
            if not cl.members:
                self.add(f"{path}.members: a cluster needs members")
            for dup, n in Counter(cl.members).items():
                if n > 1:
                    self.add(f"{path}.members: {dup!r} is listed {n} times")
            for j, m in enumerate(cl.members):
                if self.unit_ref(f"{path}.members[{j}]", m):
                    key = (m, cl.year, cl.kind.value)
                    other = membership.get(key)
                    if other is not None and other != cl.id:
                        self.add(
                            f"{path}.members[{j}]: unit {m!r} is already in {cl.kind.value} {other!r} in {cl.year}"
                        )
                    membership[key] = cl.id
            if (
                self.unit_ref(f"{path}.head", cl.head)
                and cl.head is not None
                and cl.head_is_member
                and cl.head not in cl.members
            ):
                self.add(f"{path}.head: {cl.head!r} is not a member of the cluster")
            if self.unit_ref(f"{path}.deputy", cl.deputy) and cl.deputy is not None:
                if cl.deputy not in cl.members:
                    self.add(f"{path}.deputy: {cl.deputy!r} is not a member of the cluster")
                if cl.deputy == cl.head:
                    self.add(f"{path}.deputy: the deputy cannot also be the head")

    def check_movements(self) -> None:
        areas = {a.id for ag in self.c.agreements for a in ag.content_areas}
        order = ["launch", "signing", "mid_year_review", "final_review"]
        for i, mv in enumerate(self.c.movements):
            path = f"movements[{i}]"
            if mv.start and mv.end and mv.end < mv.start:
                self.add(f"{path}.end: {mv.end} is before the start {mv.start}")
            firsts: dict[str, tuple[int, dt.date]] = {}
            for j, ms in enumerate(mv.milestones):
                if (mv.start and ms.on < mv.start) or (mv.end and ms.on > mv.end):
                    self.add(f"{path}.milestones[{j}].on: {ms.on} is outside the movement's period")
                if ms.kind in order:
                    firsts.setdefault(ms.kind, (j, ms.on))
            seq = [(k, firsts[k]) for k in order if k in firsts]
            for (ka, (_, da)), (kb, (jb, db)) in itertools.pairwise(seq):
                if db < da:
                    self.add(f"{path}.milestones[{jb}].on: {kb} ({db}) comes before {ka} ({da})")
            for j, area in enumerate(mv.content_areas):
                if area not in areas:
                    self.add(f"{path}.content_areas[{j}]: unknown content area {area!r}")

    def scale_of_level(self, level: str) -> RatingScale | None:
        return self.c.scale_for(level)

    def check_grade(self, path: str, level: str, grade: str) -> None:
        scale = self.scale_of_level(level)
        if scale is None:
            self.add(f"{path}: no rating scale rates level {level!r}")
        elif scale.resolve(grade) != grade:
            self.add(f"{path}: unknown grade {grade!r} in scale {scale.id!r}")

    def check_target(self, path: str, t: Target) -> None:
        if isinstance(t, ShareTarget | ZeroCountTarget):
            if t.counts not in self.levels:
                self.add(f"{path}.counts: unknown level {t.counts!r}")
            else:
                self.check_grade(f"{path}.grade", t.counts, t.grade)
        if isinstance(t, OfWhichTarget):
            parent = self.targets.get(t.parent)
            if parent is None:
                self.add(f"{path}.parent: unknown target {t.parent!r}")
            elif not isinstance(parent, ShareTarget | OfWhichTarget):
                self.add(f"{path}.parent: {t.parent!r} is not a share target")
            else:
                level = self._share_level(t)
                if level is not None:
                    self.check_grade(f"{path}.grade", level, t.grade)

    def _share_level(self, t: OfWhichTarget) -> str | None:
        seen = {t.id}
        cur: Target | None = t
        while isinstance(cur, OfWhichTarget):
            nxt = self.targets.get(cur.parent)
            if nxt is None or nxt.id in seen:
                if nxt is not None:
                    self.add(f"{self.target_paths[t.id]}.parent: 'of which' targets form a cycle through {nxt.id!r}")
                return None
            seen.add(nxt.id)
            cur = nxt
        return cur.counts if isinstance(cur, ShareTarget) else None

    def check_agreements(self) -> None:
        clusters = {cl.id: cl for cl in self.c.clusters}
        start, end = self.c.period
        for i, ag in enumerate(self.c.agreements):
            path = f"agreements[{i}]"
            signing = []
            for j, cid in enumerate(ag.clusters):
                if cid not in clusters:
                    self.add(f"{path}.clusters[{j}]: unknown cluster {cid!r}")
                else:
                    signing.append(clusters[cid])
            if not ag.clusters:
                self.add(f"{path}.clusters: an agreement is signed by at least one cluster")
            members = {u for cl in signing for u in cl.members}
            heads = {cl.head for cl in signing}
            if ag.signed_on and not (start <= ag.signed_on <= end):
                self.add(f"{path}.signed_on: {ag.signed_on} is outside the emulation year {start}–{end}")
            for j, s in enumerate(ag.signatories):
                known = self.unit_ref(f"{path}.signatories[{j}]", s)
                if known and signing and s not in members and s not in heads:
                    self.add(f"{path}.signatories[{j}]: {s!r} is not a member of the signing clusters")
            self.add_all(_duplicates([a.id for a in ag.content_areas], f"{path}.content_areas", "content area"))
            for ci, area in enumerate(ag.content_areas):
                if area.movement is not None and area.movement not in {m.id for m in self.c.movements}:
                    self.add(f"{path}.content_areas[{ci}].movement: unknown movement {area.movement!r}")
                for ti, t in enumerate(area.targets):
                    self.check_target(f"{path}.content_areas[{ci}].targets[{ti}]", t)
            for j, reg in enumerate(ag.registrations):
                self.unit_ref(f"{path}.registrations[{j}].unit", reg.unit)
                if reg.title not in self.titles:
                    self.add(f"{path}.registrations[{j}].title: unknown title {reg.title!r}")

    def check_levels_ref(self, path: str, levels: Iterable[str]) -> None:
        for j, lv in enumerate(levels):
            if lv not in self.levels:
                self.add(f"{path}[{j}]: unknown level {lv!r}")

    def check_scales(self) -> None:
        rated: dict[str, str] = {}
        for i, s in enumerate(self.c.scales):
            path = f"scales[{i}]"
            self.check_levels_ref(f"{path}.levels", s.levels)
            for j, lv in enumerate(s.levels):
                if lv in rated:
                    self.add(f"{path}.levels[{j}]: level {lv!r} is already rated by scale {rated[lv]!r}")
                rated[lv] = s.id
            self.add_all(_duplicates(list(s.grade_ids), f"{path}.grades", "grade"))
            for label, g in s.legacy.items():
                if g not in s.grade_ids:
                    self.add(f"{path}.legacy.{label}: unknown grade {g!r}")
            for j, b in enumerate(s.bands):
                if b.grade not in s.grade_ids:
                    self.add(f"{path}.bands[{j}].grade: unknown grade {b.grade!r}")
            self.add_all(f"{path}.{p}" for p in s.band_problems())
            for j, d in enumerate(s.disqualifiers):
                if d.max_grade not in s.grade_ids:
                    self.add(f"{path}.disqualifiers[{j}].max_grade: unknown grade {d.max_grade!r}")
                self.check_conditions(f"{path}.disqualifiers[{j}].when", [d.when])
            for j, cap in enumerate(s.caps):
                for attr in ("grade", "of_grade"):
                    if getattr(cap, attr) not in s.grade_ids:
                        self.add(f"{path}.caps[{j}].{attr}: unknown grade {getattr(cap, attr)!r}")
            for j, grade in enumerate(s.grades):
                self.check_conditions(f"{path}.grades[{j}].requires", grade.requires)

    def check_rubrics(self) -> None:
        scored: dict[str, str] = {}
        for i, r in enumerate(self.c.rubrics):
            path = f"rubrics[{i}]"
            self.check_levels_ref(f"{path}.levels", r.levels)
            for j, lv in enumerate(r.levels):
                if lv in scored:
                    self.add(f"{path}.levels[{j}]: level {lv!r} is already scored by rubric {scored[lv]!r}")
                scored[lv] = r.id
            seen_criteria: set[str] = set()
            for cpath, c in _walk_criteria(f"{path}.criteria", r.criteria):
                if c.id in seen_criteria:
                    self.add(f"{cpath}.id: duplicate criterion id {c.id!r}")
                seen_criteria.add(c.id)
            self.add_all(f"{path}.{p}" for p in r.point_problems())
            if r.self_cap is not None and r.self_cap > r.total:
                self.add(f"{path}.self_cap: {r.self_cap} is above the total {r.total}")
            for cpath, c in _walk_criteria(f"{path}.criteria", r.criteria):
                if isinstance(c.method, PassFail):
                    self.check_conditions(f"{cpath}.method.when", [c.method.when])
            for j, adj in enumerate(r.adjustments):
                if adj.when is not None:
                    self.check_conditions(f"{path}.adjustments[{j}].when", [adj.when])
            assessed = any(isinstance(c.method, Assessed) for c in r.leaves())
            if assessed and not self.c.stages:
                self.add(f"{path}: criteria scored by assessment need the campaign's review 'stages'")

    def check_conditions(self, path: str, conds: Iterable[Condition]) -> None:
        for where, cond in _walk_conditions(path, conds, indexed=path.endswith(("requires", "conditions"))):
            if isinstance(cond, TargetMet) and cond.target not in self.targets:
                self.add(f"{where}.target: unknown target {cond.target!r}")
            if isinstance(cond, MinGrade | GradeStreak) and cond.grade not in self.grades:
                self.add(f"{where}.grade: unknown grade {cond.grade!r}")
            if isinstance(cond, TitleCount) and cond.title not in self.titles:
                self.add(f"{where}.title: unknown title {cond.title!r}")
            if isinstance(cond, GradeStreak | TitleCount) and self.c.history_lineage is None:
                self.add(
                    f"{where}: a rule that looks back over past years needs the campaign's "
                    "'history_lineage' policy (all_predecessors, any_predecessor or none)"
                )

    def check_awards(self) -> None:
        award_ids = {a.id for a in self.c.awards}
        for i, a in enumerate(self.c.awards):
            path = f"awards[{i}]"
            if a.title not in self.titles:
                self.add(f"{path}.title: unknown title {a.title!r}")
            self.check_levels_ref(f"{path}.levels", a.levels)
            self.check_conditions(f"{path}.conditions", a.conditions)
            for j, other in enumerate(a.exclusive_with):
                if other not in award_ids:
                    self.add(f"{path}.exclusive_with[{j}]: unknown award {other!r}")

    def check_indicators(self) -> None:
        deps = {ind.id: names(parse(ind.formula)) for ind in self.c.indicators}
        index = {ind.id: i for i, ind in enumerate(self.c.indicators)}
        state: dict[str, int] = {}

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for d in sorted(deps[node]):
                if d not in deps:
                    continue
                if state.get(d) == 1:
                    cycle = " → ".join([*trail[trail.index(d) :], d]) if d in trail else d
                    self.add(f"indicators[{index[node]}].formula: indicators form a cycle {cycle}")
                elif d not in state:
                    visit(d, [*trail, d])
            state[node] = 2

        for ind in self.c.indicators:
            if ind.id not in state:
                visit(ind.id, [ind.id])


def validate_campaign(campaign: Campaign) -> list[str]:
    """Return every problem of a campaign as ``"path: message"`` lines.

    An empty list means the campaign is consistent.

    >>> import attrs, thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> validate_campaign(campaign)
    []
    >>> validate_campaign(attrs.evolve(campaign, year=2023))[:2]
    ['clusters[0].year: 2022 differs from the campaign year 2023',
     'clusters[1].year: 2022 differs from the campaign year 2023']

    .. versionadded:: 0.1.0
    """
    return _Checker(campaign).run()


def validate_results(campaign: Campaign, results: Results, *, units: Mapping[str, Unit] | None = None) -> list[str]:
    """Return every problem of a result set against its campaign.

    Args:
        campaign: the campaign.
        results: the result set.
        units: the campaign's units by id, when the caller already has them
            (a prepared campaign does), so that checking one row stays cheap.

    >>> import thidua
    >>> results = Results("an-minh-2022", 2021, [UnitResult("xa-khong-co")])
    >>> validate_results(thidua.examples.load_campaign(), results)
    ['year: results are for 2021, the campaign is 2022', "units[0].unit: unknown unit 'xa-khong-co'"]

    .. versionadded:: 0.1.0
    """
    problems: list[str] = []
    if results.campaign != campaign.id:
        problems.append(f"campaign: results are for {results.campaign!r}, not {campaign.id!r}")
    if results.year != campaign.year:
        problems.append(f"year: results are for {results.year}, the campaign is {campaign.year}")
    if units is None:
        units = {u.id: u for u in campaign.units}
    levels = [lv.id for lv in campaign.levels]
    stages = [s.id for s in campaign.stages]
    start, end = campaign.period
    #: whether a grade label of the counts is known to a scale (the same few labels on every row)
    labels: dict[tuple[str, str], bool] = {}
    #: per level: its rating scale and its rubric (3,321 rows nationally, a handful of levels)
    by_level: dict[str, tuple[RatingScale | None, Rubric | None]] = {}
    seen: dict[str, int] = {}
    for i, r in enumerate(results.units):
        uid = r.unit
        first = seen.setdefault(uid, i)
        if first != i:
            problems.append(f"units[{i}].unit: {uid!r} already reported in units[{first}]")
        unit = units.get(uid)
        if unit is None:
            problems.append(f"units[{i}].unit: unknown unit {uid!r}")
            continue
        if (unit.valid_from or unit.valid_to) and not unit.overlaps(start, end):
            problems.append(f"units[{i}].unit: unit {uid!r} does not exist in {campaign.year}")
        level = unit.level
        found = by_level.get(level)
        if found is None:
            found = by_level[level] = (campaign.scale_for(level), campaign.rubric_for(level))
        scale, rubric = found
        if r.rating is not None:
            if scale is None:
                problems.append(f"units[{i}].rating: no rating scale rates level {level!r}")
            elif scale.resolve(r.rating) is None:
                problems.append(f"units[{i}].rating: unknown grade {r.rating!r} in scale {scale.id!r}")
        for sub_level, by_grade in r.counts.items():
            if sub_level not in levels:
                problems.append(f"units[{i}].counts.{sub_level}: unknown level {sub_level!r}")
                continue
            sub_found = by_level.get(sub_level)
            if sub_found is None:
                sub_found = by_level[sub_level] = (campaign.scale_for(sub_level), campaign.rubric_for(sub_level))
            sub_scale = sub_found[0]
            if sub_scale is None:
                problems.append(f"units[{i}].counts.{sub_level}: no rating scale rates level {sub_level!r}")
                continue
            sub_id = sub_scale.id
            for grade in by_grade:
                known = labels.get((sub_id, grade))
                if known is None:
                    known = labels[sub_id, grade] = sub_scale.resolve(grade) is not None
                if not known:
                    problems.append(f"units[{i}].counts.{sub_level}.{grade}: unknown grade {grade!r}")
        if r.assessments:
            problems.extend(_check_assessments(i, r, rubric, stages=stages, level=level))
    if not results.decisions:
        return problems  # one row checked for an update: no need to index 384 clusters
    clusters = {cl.id: cl for cl in campaign.clusters}
    awards = {a.id for a in campaign.awards}
    decided: dict[str, int] = {}
    for i, d in enumerate(results.decisions):
        path = f"decisions[{i}]"
        if d.cluster in decided:
            problems.append(
                f"{path}.cluster: a second decision for cluster {d.cluster!r} (first: decisions[{decided[d.cluster]}])"
            )
        decided.setdefault(d.cluster, i)
        cl = clusters.get(d.cluster)
        if cl is None:
            problems.append(f"{path}.cluster: unknown cluster {d.cluster!r}")
            continue
        for j, u in enumerate(d.order):
            if u not in cl.members:
                problems.append(f"{path}.order[{j}]: {u!r} is not a member of cluster {cl.id!r}")
        for dup, n in Counter(d.order).items():
            if n > 1:
                problems.append(f"{path}.order: {dup!r} is listed {n} times")
        for j, p in enumerate(d.proposals):
            if p.unit not in cl.members:
                problems.append(f"{path}.proposals[{j}].unit: {p.unit!r} is not a member of cluster {cl.id!r}")
            if p.award not in awards:
                problems.append(f"{path}.proposals[{j}].award: unknown award {p.award!r}")
    return problems


def _outside(value: Fraction, upper_num: int, upper_den: int) -> bool:
    """``not 0 <= value <= upper`` for ``upper = upper_num / upper_den``, in integers (no Fraction compare)."""
    num = value.numerator
    return num < 0 or num * upper_den > upper_num * value.denominator


_CRITERION = operator.attrgetter("criterion")

#: per criterion of a rubric: (assessed?, points as numerator and denominator, bonus cap)
_Bounds = dict[str, tuple[bool, int, int, Fraction]]


#: at most this many score entries found within bounds are remembered per rubric
_CHECKED_MAX = 4096
#: bounds by rubric identity (a session checks one row at a time against the same rubric), and
#: the score entries found within them, by identity: the loader shares equal entries (141,000
#: entries nationally, 659 distinct), so most are checked once
_BOUNDS_CACHE: dict[int, tuple[Rubric, _Bounds, dict[int, ScoreEntry]]] = {}


def _bounds(rubric: Rubric) -> tuple[_Bounds, dict[int, ScoreEntry]]:
    hit = _BOUNDS_CACHE.get(id(rubric))
    if hit is not None and hit[0] is rubric:
        return hit[1], hit[2]
    if len(_BOUNDS_CACHE) >= 64:
        _BOUNDS_CACHE.clear()
    bounds = _BOUNDS_CACHE[id(rubric)] = (rubric, _compute_bounds(rubric), {})
    return bounds[1], bounds[2]


def _compute_bounds(rubric: Rubric) -> _Bounds:
    return {
        c.id: (
            isinstance(c.method, Assessed),
            c.points.numerator,
            c.points.denominator,
            Fraction(c.bonus) if c.bonus is not None else Fraction(0),
        )
        for c in rubric.walk()
    }


def _check_assessments(
    row: int,
    r: UnitResult,
    rubric: Rubric | None,
    *,
    stages: list[str],
    level: str,
) -> list[str]:
    """Problems of one unit's assessments: stages, criteria, bounds, reasons, self-assessment cap."""
    problems: list[str] = []
    crits, checked = _bounds(rubric) if rubric is not None else ({}, {})
    last_stage = -1
    for j, a in enumerate(r.assessments):
        apath = f"units[{row}].assessments[{j}]"
        if a.stage not in stages:
            problems.append(f"{apath}.stage: stage {a.stage!r} is not declared by the campaign")
            continue
        pos = stages.index(a.stage)
        if pos <= last_stage:
            problems.append(f"{apath}.stage: {a.stage!r} comes out of order or twice")
        last_stage = max(last_stage, pos)
        if rubric is None:
            problems.append(f"{apath}: no rubric scores level {level!r}")
            continue
        later = j > 0
        # every entry of a first stage already found within its bounds (the usual case nationally):
        # *checked* keeps them alive, so no other object can have their ids
        known = not later and all(map(checked.__contains__, map(id, a.scores)))
        for k, s in enumerate(() if known else a.scores):
            if not later and checked.get(id(s)) is s:
                continue  # an entry already found within its bounds (kept alive by *checked*)
            bounds = crits.get(s.criterion)
            if bounds is None:
                problems.append(f"{apath}.scores[{k}].criterion: unknown criterion {s.criterion!r}")
                continue
            assessed, upper_num, upper_den, cap = bounds
            points = s.points
            if (
                assessed
                and (points is None or 0 <= points.numerator * upper_den <= upper_num * points.denominator)
                and (s.bonus is None or not _outside(s.bonus, cap.numerator, cap.denominator))
            ):
                if not later:
                    if len(checked) < _CHECKED_MAX:
                        checked[id(s)] = s
                    continue  # the common case, checked in one expression
                if s.reason:
                    continue
            if not assessed:
                problems.append(f"{apath}.scores[{k}].criterion: {s.criterion!r} is computed, not assessed")
            if points is not None and _outside(points, upper_num, upper_den):
                upper = Fraction(upper_num, upper_den)
                problems.append(f"{apath}.scores[{k}].points: {points} is outside 0–{upper} for {s.criterion!r}")
            if s.bonus is not None and _outside(s.bonus, cap.numerator, cap.denominator):
                problems.append(f"{apath}.scores[{k}].bonus: {s.bonus} is outside 0–{_plain(cap)} for {s.criterion!r}")
            if later and not s.reason:
                problems.append(f"{apath}.scores[{k}].reason: a change at stage {a.stage!r} needs a reason")
        if len(set(map(_CRITERION, a.scores))) != len(a.scores):
            first: dict[str, int] = {}
            for k, s in enumerate(a.scores):
                if s.criterion in first:
                    problems.append(
                        f"{apath}.scores[{k}].criterion: {s.criterion!r} already given in scores[{first[s.criterion]}]"
                    )
                first.setdefault(s.criterion, k)
        if j == 0 and rubric.self_cap is not None:
            total = sum((s.points or 0 for s in a.scores), 0)
            if total > rubric.self_cap:
                problems.append(
                    f"{apath}: self-assessed points {total} exceed the self-assessment cap {rubric.self_cap}"
                )
    return problems


def _plain(value: Fraction) -> Fraction | int:
    return value.numerator if value.denominator == 1 else value


def validate_history(campaign: Campaign, history: History) -> list[str]:
    """Return every problem of a history document against a campaign.

    >>> import thidua
    >>> from thidua.model import HistoryRecord
    >>> validate_history(thidua.examples.load_campaign(), History([HistoryRecord("xa-van-khanh-tay", 2022, "htt")]))
    ['records[0].year: 2022 is not before the campaign year 2022']

    .. versionadded:: 0.1.0
    """
    problems: list[str] = []
    units = {u.id for u in campaign.units}
    grades = {g.id for s in campaign.scales for g in s.grades}
    titles = {t.id for t in campaign.titles}
    seen: set[tuple[str, int]] = set()
    for i, r in enumerate(history.records):
        path = f"records[{i}]"
        if r.unit not in units:
            problems.append(f"{path}.unit: unknown unit {r.unit!r}")
        if r.year >= campaign.year:
            problems.append(f"{path}.year: {r.year} is not before the campaign year {campaign.year}")
        if (r.unit, r.year) in seen:
            problems.append(f"{path}: a second record for {r.unit!r} in {r.year}")
        seen.add((r.unit, r.year))
        if r.grade is not None and r.grade not in grades:
            problems.append(f"{path}.grade: unknown grade {r.grade!r}")
        for j, t in enumerate(r.titles):
            if t not in titles:
                problems.append(f"{path}.titles[{j}]: unknown title {t!r}")
    return problems
