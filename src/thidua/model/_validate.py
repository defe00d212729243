"""Cross-reference validation: every problem, each with its location."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import threading
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from thidua._problems import Loc, Problem
from thidua.formula import identifiers as names
from thidua.formula import parse
from thidua.model import _codes as codes
from thidua.model._campaign import Campaign, Cluster
from thidua.model._codes import TERMS
from thidua.model._conditions import (
    AnyOf,
    Condition,
    Flag,
    GradeStreak,
    MeasureAtLeast,
    MinGrade,
    TargetMet,
    TitleCount,
    WhenFormula,
)
from thidua.model._criteria import (
    Assessed,
    Bonus,
    Criterion,
    PassFail,
    Penalty,
    PerOccurrence,
    Proportional,
    Rubric,
    StepTable,
)
from thidua.model._results import Assessment, History, Results, ScoreEntry, UnitResult
from thidua.model._review import (
    MeasureTieBreak,
    NameTieBreak,
    RankMode,
    ReviewAction,
    ReviewStatus,
    SelfScoreTieBreak,
    StageTotalTieBreak,
    replay,
)
from thidua.model._scale import RatingScale
from thidua.model._targets import (
    ChangeTarget,
    CountTarget,
    DeadlineTarget,
    FormulaTarget,
    OfWhichTarget,
    QuotaTarget,
    ShareTarget,
    Target,
    ZeroCountTarget,
)
from thidua.model._units import Unit

__all__ = ["validate_campaign", "validate_history", "validate_results"]


def _duplicates(ids: Sequence[str], path: Loc, what: str) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for i, x in enumerate(ids):
        if x in seen:
            out.append(codes.DUPLICATE_ID((*path, i, "id"), what=TERMS[what], id=x))
        seen.add(x)
    return out


def _walk_conditions(path: Loc, conds: Iterable[Condition], *, indexed: bool) -> Iterable[tuple[Loc, Condition]]:
    """Each condition with its location, nested ``any_of`` conditions included."""
    for k, c in enumerate(conds):
        where = (*path, k) if indexed else path
        yield where, c
        if isinstance(c, AnyOf):
            yield from _walk_conditions((*where, "conditions"), c.conditions, indexed=True)


def _walk_criteria(path: Loc, criteria: Iterable[Criterion]) -> Iterable[tuple[Loc, Criterion]]:
    """Each criterion with its location (``criteria[7].children[0]``), depth first."""
    for i, c in enumerate(criteria):
        where = (*path, i)
        yield where, c
        yield from _walk_criteria((*where, "children"), c.children)


class _Checker:
    def __init__(self, campaign: Campaign) -> None:
        self.c = campaign
        self.problems: list[Problem] = []
        self.levels = [lv.id for lv in campaign.levels]
        self.units = {u.id: u for u in campaign.units}
        self.targets: dict[str, Target] = {}
        self.target_paths: dict[str, Loc] = {}
        for ai, a in enumerate(campaign.agreements):
            for ci, area in enumerate(a.content_areas):
                for ti, t in enumerate(area.targets):
                    path: Loc = ("agreements", ai, "content_areas", ci, "targets", ti)
                    if t.id in self.targets:
                        self.add(codes.DUPLICATE_ID((*path, "id"), what=TERMS["target"], id=t.id))
                    else:
                        self.targets[t.id] = t
                        self.target_paths[t.id] = path
        self.grades = {g.id for s in campaign.scales for g in s.grades}
        self.titles = {t.id for t in campaign.titles}

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def run(self) -> list[Problem]:
        c = self.c
        self.add_all(_duplicates(self.levels, ("levels",), "level"))
        self.add_all(_duplicates([u.id for u in c.units], ("units",), "unit"))
        self.add_all(_duplicates([x.id for x in c.clusters], ("clusters",), "cluster"))
        self.add_all(_duplicates([x.id for x in c.movements], ("movements",), "movement"))
        self.add_all(_duplicates([x.id for x in c.agreements], ("agreements",), "agreement"))
        self.add_all(_duplicates([x.id for x in c.scales], ("scales",), "scale"))
        self.add_all(_duplicates([x.id for x in c.rubrics], ("rubrics",), "rubric"))
        self.add_all(_duplicates([x.id for x in c.titles], ("titles",), "title"))
        self.add_all(_duplicates([x.id for x in c.awards], ("awards",), "award"))
        self.add_all(_duplicates([x.id for x in c.stages], ("stages",), "stage"))
        self.add_all(_duplicates([x.id for x in c.indicators], ("indicators",), "indicator"))
        self.add_all(_duplicates([x.id for x in c.measures], ("measures",), "measure"))
        self.add_all(_duplicates([x.id for x in c.flags], ("flags",), "flag"))
        self.add_all(_duplicates([x.id for x in c.events], ("events",), "event"))
        start, end = c.period
        if end < start:
            self.add(codes.YEAR_ENDS_BEFORE_START(("end",), end=end, start=start))
        self.check_units()
        self.check_clusters()
        self.check_movements()
        self.check_agreements()
        self.check_scales()
        self.check_rubrics()
        self.check_awards()
        self.check_indicators()
        self.check_officials()
        _Inputs(self).run()
        self.check_ranking()
        return self.problems

    def add_all(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def check_units(self) -> None:
        names_seen: dict[tuple[str | None, str, str], int] = {}
        for i, u in enumerate(self.c.units):
            path: Loc = ("units", i)
            if u.level not in self.levels:
                self.add(codes.UNKNOWN_LEVEL((*path, "level"), level=u.level))
            if u.parent is not None:
                parent = self.units.get(u.parent)
                if parent is None:
                    self.add(codes.UNKNOWN_UNIT((*path, "parent"), unit=u.parent))
                elif u.level in self.levels and parent.level in self.levels:
                    want = self._parent_level(u)
                    if parent.level != want:
                        where = (*path, "parent")
                        if want is None:
                            self.add(codes.NO_PARENT_LEVEL(where, unit=u.id, level=u.level, parent=parent.id))
                        else:
                            self.add(
                                codes.WRONG_PARENT_LEVEL(
                                    where,
                                    unit=u.id,
                                    level=u.level,
                                    parent=parent.id,
                                    parent_level=parent.level,
                                    expected=want,
                                )
                            )
            key = (u.parent, u.level, u.name.casefold())
            if key in names_seen and self.c.units[names_seen[key]].overlaps(*self._span(u)):
                self.add(codes.DUPLICATE_NAME((*path, "name"), name=u.name, other=names_seen[key]))
            names_seen.setdefault(key, i)
            self.add_all(
                codes.UNKNOWN_UNIT((*path, "lineage", j, "unit"), unit=link.unit)
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
                        self.add(codes.PARENT_CYCLE(("units", index[cur], "parent"), cycle=cycle))
                        reported.update(seen)
                    break
                seen.append(cur)
                cur = self.units[cur].parent

    def unit_ref(self, path: Loc, unit_id: str | None) -> bool:
        if unit_id is None:
            return True
        if unit_id not in self.units:
            self.add(codes.UNKNOWN_UNIT(path, unit=unit_id))
            return False
        start, end = self.c.period
        if not self.units[unit_id].overlaps(start, end):
            u = self.units[unit_id]
            self.add(
                codes.UNIT_NOT_IN_YEAR(
                    path, unit=unit_id, year=str(self.c.year), start=u.valid_from or "…", end=u.valid_to or "…"
                )
            )
            return False
        return True

    def check_clusters(self) -> None:
        membership: dict[tuple[str, int, str], Cluster] = {}
        for i, cl in enumerate(self.c.clusters):
            path: Loc = ("clusters", i)
            kind = TERMS[cl.kind.value]
            if cl.year != self.c.year:
                self.add(codes.CLUSTER_YEAR((*path, "year"), value=str(cl.year), year=str(self.c.year)))
            if not cl.members:
                self.add(codes.CLUSTER_NO_MEMBERS((*path, "members")))
            for dup, n in Counter(cl.members).items():
                if n > 1:
                    self.add(codes.LISTED_TWICE((*path, "members"), id=dup, count=n))
            for j, m in enumerate(cl.members):
                if self.unit_ref((*path, "members", j), m):
                    key = (m, cl.year, cl.kind.value)
                    other = membership.get(key)
                    if other is not None and other.id != cl.id:
                        self.add(
                            codes.ALREADY_GROUPED(
                                (*path, "members", j),
                                unit=m,
                                name=self.units[m].name,
                                kind=kind,
                                other=other.name,
                                cluster=cl.name,
                                year=str(cl.year),
                            )
                        )
                    membership[key] = cl
            if (
                self.unit_ref((*path, "head"), cl.head)
                and cl.head is not None
                and cl.head_is_member
                and cl.head not in cl.members
            ):
                self.add(codes.NOT_A_MEMBER((*path, "head"), unit=cl.head, kind=kind, cluster=cl.id))
            if self.unit_ref((*path, "deputy"), cl.deputy) and cl.deputy is not None:
                if cl.deputy not in cl.members:
                    self.add(codes.NOT_A_MEMBER((*path, "deputy"), unit=cl.deputy, kind=kind, cluster=cl.id))
                if cl.deputy == cl.head:
                    self.add(codes.DEPUTY_IS_HEAD((*path, "deputy")))

    def check_movements(self) -> None:
        areas = {a.id for ag in self.c.agreements for a in ag.content_areas}
        order = ["launch", "signing", "mid_year_review", "final_review"]
        for i, mv in enumerate(self.c.movements):
            path: Loc = ("movements", i)
            if mv.start and mv.end and mv.end < mv.start:
                self.add(codes.ENDS_BEFORE_START((*path, "end"), end=mv.end, start=mv.start))
            firsts: dict[str, tuple[int, dt.date]] = {}
            for j, ms in enumerate(mv.milestones):
                if (mv.start and ms.on < mv.start) or (mv.end and ms.on > mv.end):
                    self.add(codes.MILESTONE_OUTSIDE((*path, "milestones", j, "on"), date=ms.on))
                if ms.kind in order:
                    firsts.setdefault(ms.kind, (j, ms.on))
            seq = [(k, firsts[k]) for k in order if k in firsts]
            for (ka, (_, da)), (kb, (jb, db)) in itertools.pairwise(seq):
                if db < da:
                    self.add(
                        codes.MILESTONE_ORDER(
                            (*path, "milestones", jb, "on"),
                            later=TERMS[kb],
                            later_on=db,
                            earlier=TERMS[ka],
                            earlier_on=da,
                        )
                    )
            for j, area in enumerate(mv.content_areas):
                if area not in areas:
                    self.add(codes.UNKNOWN_CONTENT_AREA((*path, "content_areas", j), area=area))

    def scale_of_level(self, level: str) -> RatingScale | None:
        return self.c.scale_for(level)

    def check_grade(self, path: Loc, level: str, grade: str) -> None:
        scale = self.scale_of_level(level)
        if scale is None:
            self.add(codes.NO_SCALE_FOR_LEVEL(path, level=level))
        elif scale.resolve(grade) != grade:
            self.add(codes.UNKNOWN_GRADE_IN_SCALE(path, grade=grade, allowed=scale.choices))

    def check_target(self, path: Loc, t: Target) -> None:
        if isinstance(t, ShareTarget | ZeroCountTarget):
            if t.counts not in self.levels:
                self.add(codes.UNKNOWN_LEVEL((*path, "counts"), level=t.counts))
            else:
                self.check_grade((*path, "grade"), t.counts, t.grade)
        if isinstance(t, OfWhichTarget):
            parent = self.targets.get(t.parent)
            if parent is None:
                self.add(codes.UNKNOWN_TARGET((*path, "parent"), target=t.parent))
            elif not isinstance(parent, ShareTarget | OfWhichTarget):
                self.add(codes.PARENT_NOT_SHARE((*path, "parent"), target=t.parent))
            else:
                level = self._share_level(t)
                if level is not None:
                    self.check_grade((*path, "grade"), level, t.grade)

    def _share_level(self, t: OfWhichTarget) -> str | None:
        seen = {t.id}
        cur: Target | None = t
        while isinstance(cur, OfWhichTarget):
            nxt = self.targets.get(cur.parent)
            if nxt is None or nxt.id in seen:
                if nxt is not None:
                    self.add(codes.OF_WHICH_CYCLE((*self.target_paths[t.id], "parent"), target=nxt.id))
                return None
            seen.add(nxt.id)
            cur = nxt
        return cur.counts if isinstance(cur, ShareTarget) else None

    def check_agreements(self) -> None:
        clusters = {cl.id: cl for cl in self.c.clusters}
        start, end = self.c.period
        for i, ag in enumerate(self.c.agreements):
            path: Loc = ("agreements", i)
            signing = []
            for j, cid in enumerate(ag.clusters):
                if cid not in clusters:
                    self.add(codes.UNKNOWN_CLUSTER((*path, "clusters", j), cluster=cid))
                else:
                    signing.append(clusters[cid])
            if not ag.clusters:
                self.add(codes.AGREEMENT_NO_CLUSTERS((*path, "clusters")))
            members = {u for cl in signing for u in cl.members}
            heads = {cl.head for cl in signing}
            if ag.signed_on and not (start <= ag.signed_on <= end):
                self.add(codes.SIGNED_OUTSIDE_YEAR((*path, "signed_on"), date=ag.signed_on, start=start, end=end))
            for j, s in enumerate(ag.signatories):
                known = self.unit_ref((*path, "signatories", j), s)
                if known and signing and s not in members and s not in heads:
                    self.add(codes.SIGNATORY_NOT_MEMBER((*path, "signatories", j), unit=s))
            self.add_all(_duplicates([a.id for a in ag.content_areas], (*path, "content_areas"), "content area"))
            for ci, area in enumerate(ag.content_areas):
                if area.movement is not None and area.movement not in {m.id for m in self.c.movements}:
                    self.add(codes.UNKNOWN_MOVEMENT((*path, "content_areas", ci, "movement"), movement=area.movement))
                for ti, t in enumerate(area.targets):
                    self.check_target((*path, "content_areas", ci, "targets", ti), t)
            for j, reg in enumerate(ag.registrations):
                self.unit_ref((*path, "registrations", j, "unit"), reg.unit)
                if reg.title not in self.titles:
                    self.add(codes.UNKNOWN_TITLE((*path, "registrations", j, "title"), title=reg.title))

    def check_levels_ref(self, path: Loc, levels: Iterable[str]) -> None:
        for j, lv in enumerate(levels):
            if lv not in self.levels:
                self.add(codes.UNKNOWN_LEVEL((*path, j), level=lv))

    def check_scales(self) -> None:
        rated: dict[str, str] = {}
        for i, s in enumerate(self.c.scales):
            path: Loc = ("scales", i)
            self.check_levels_ref((*path, "levels"), s.levels)
            for j, lv in enumerate(s.levels):
                if lv in rated:
                    self.add(codes.LEVEL_RATED_TWICE((*path, "levels", j), level=lv, other=rated[lv]))
                rated[lv] = s.id
            self.add_all(_duplicates(list(s.grade_ids), (*path, "grades"), "grade"))
            for label, g in s.legacy.items():
                if g not in s.grade_ids:
                    self.add(codes.UNKNOWN_GRADE((*path, "legacy", label), grade=g))
            for j, b in enumerate(s.bands):
                if b.grade not in s.grade_ids:
                    self.add(codes.UNKNOWN_GRADE((*path, "bands", j, "grade"), grade=b.grade))
            self.add_all(p.at(*path) for p in s.band_problems())
            for j, d in enumerate(s.disqualifiers):
                if d.max_grade not in s.grade_ids:
                    self.add(codes.UNKNOWN_GRADE((*path, "disqualifiers", j, "max_grade"), grade=d.max_grade))
                self.check_conditions((*path, "disqualifiers", j, "when"), [d.when])
            for j, cap in enumerate(s.caps):
                for attr in ("grade", "of_grade"):
                    if getattr(cap, attr) not in s.grade_ids:
                        self.add(codes.UNKNOWN_GRADE((*path, "caps", j, attr), grade=getattr(cap, attr)))
            for j, grade in enumerate(s.grades):
                self.check_conditions((*path, "grades", j, "requires"), grade.requires)

    def check_rubrics(self) -> None:
        scored: dict[str, str] = {}
        for i, r in enumerate(self.c.rubrics):
            path: Loc = ("rubrics", i)
            self.check_levels_ref((*path, "levels"), r.levels)
            for j, lv in enumerate(r.levels):
                if lv in scored:
                    self.add(codes.LEVEL_SCORED_TWICE((*path, "levels", j), level=lv, other=scored[lv]))
                scored[lv] = r.id
            seen_criteria: set[str] = set()
            for cpath, c in _walk_criteria((*path, "criteria"), r.criteria):
                if c.id in seen_criteria:
                    self.add(codes.DUPLICATE_ID((*cpath, "id"), what=TERMS["criterion"], id=c.id))
                seen_criteria.add(c.id)
            self.add_all(p.at(*path) for p in r.point_problems())
            if r.self_cap is not None and r.self_cap > r.total:
                self.add(codes.SELF_CAP_ABOVE_TOTAL((*path, "self_cap"), cap=r.self_cap, total=r.total))
            for cpath, c in _walk_criteria((*path, "criteria"), r.criteria):
                if isinstance(c.method, PassFail):
                    self.check_conditions((*cpath, "method", "when"), [c.method.when])
            for j, adj in enumerate(r.adjustments):
                if adj.when is not None:
                    self.check_conditions((*path, "adjustments", j, "when"), [adj.when])
            assessed = any(isinstance(c.method, Assessed) for c in r.leaves())
            if assessed and not self.c.stages:
                self.add(codes.STAGES_NEEDED(path))

    def check_conditions(self, path: Loc, conds: Iterable[Condition]) -> None:
        indexed = bool(path) and path[-1] in ("requires", "conditions")
        for where, cond in _walk_conditions(path, conds, indexed=indexed):
            if isinstance(cond, TargetMet) and cond.target not in self.targets:
                self.add(codes.UNKNOWN_TARGET((*where, "target"), target=cond.target))
            if isinstance(cond, MinGrade | GradeStreak) and cond.grade not in self.grades:
                self.add(codes.UNKNOWN_GRADE((*where, "grade"), grade=cond.grade))
            if isinstance(cond, TitleCount) and cond.title not in self.titles:
                self.add(codes.UNKNOWN_TITLE((*where, "title"), title=cond.title))
            if isinstance(cond, GradeStreak | TitleCount) and self.c.history_lineage is None:
                self.add(codes.HISTORY_POLICY_NEEDED(where))

    def check_awards(self) -> None:
        award_ids = {a.id for a in self.c.awards}
        for i, a in enumerate(self.c.awards):
            path: Loc = ("awards", i)
            if a.title not in self.titles:
                self.add(codes.UNKNOWN_TITLE((*path, "title"), title=a.title))
            self.check_levels_ref((*path, "levels"), a.levels)
            self.check_conditions((*path, "conditions"), a.conditions)
            for j, other in enumerate(a.exclusive_with):
                if other not in award_ids:
                    self.add(codes.UNKNOWN_AWARD((*path, "exclusive_with", j), award=other))

    def check_ranking(self) -> None:
        rule = self.c.ranking
        stages = {s.id for s in self.c.stages}
        if rule.tie_breaks and self.c.tie_breaks:
            self.add(codes.TIE_BREAKS_TWICE(("ranking", "tie_breaks")))
        for j, tb in enumerate(rule.tie_breaks):
            where: Loc = ("ranking", "tie_breaks", j)
            if isinstance(tb, StageTotalTieBreak) and tb.stage not in stages:
                self.add(codes.UNKNOWN_TIE_BREAK_STAGE((*where, "stage"), stage=tb.stage))
            elif isinstance(tb, SelfScoreTieBreak) and not stages:
                self.add(codes.SELF_SCORE_NEEDS_STAGES(where))
            elif isinstance(tb, NameTieBreak) and rule.mode is not RankMode.ORDINAL:
                self.add(codes.NAME_ORDER_NOT_ORDINAL(where))

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
                    self.add(codes.INDICATOR_CYCLE(("indicators", index[node], "formula"), cycle=cycle))
                elif d not in state:
                    visit(d, [*trail, d])
            state[node] = 2

        for ind in self.c.indicators:
            if ind.id not in state:
                visit(ind.id, [ind.id])

    def check_officials(self) -> None:
        for i, o in enumerate(self.c.officials):
            if o.unit is not None and o.unit not in self.units:
                self.add(codes.UNKNOWN_UNIT(("officials", i, "unit"), unit=o.unit))


class _Inputs:
    """Warns about every measure, flag, event and indicator the campaign uses without naming it.

    Each one is reported once, at its first use, in the order of the document.
    """

    def __init__(self, checker: _Checker) -> None:
        self.checker = checker
        c = checker.c
        self.indicators = {i.id for i in c.indicators}
        self.measures = {x.id for x in c.measures}
        self.flags = {x.id for x in c.flags}
        self.events = {x.id for x in c.events}
        self.reported: set[tuple[str, str]] = set()

    def warn(self, kind: str, path: Loc, name: str | None) -> None:
        if name is None or (kind, name) in self.reported:
            return
        if kind == "measure" and (name in self.indicators or name in self.measures or name in self.flags):
            return
        if (kind == "flag" and name in self.flags) or (kind == "event" and name in self.events):
            return
        self.reported.add((kind, name))
        if kind == "measure":
            self.checker.add(codes.UNNAMED_MEASURE(path, measure=name))
        elif kind == "flag":
            self.checker.add(codes.UNNAMED_FLAG(path, flag=name))
        else:
            self.checker.add(codes.UNNAMED_EVENT(path, event=name))

    def formula(self, path: Loc, text: str) -> None:
        for name in sorted(names(parse(text))):
            self.warn("measure", path, name)

    def conditions(self, path: Loc, conds: Iterable[Condition]) -> None:
        indexed = bool(path) and path[-1] in ("requires", "conditions")
        for where, cond in _walk_conditions(path, conds, indexed=indexed):
            if isinstance(cond, Flag):
                self.warn("flag", (*where, "flag"), cond.flag)
            elif isinstance(cond, MeasureAtLeast):
                self.warn("measure", (*where, "measure"), cond.measure)
            elif isinstance(cond, WhenFormula):
                self.formula((*where, "formula"), cond.formula)

    def target(self, path: Loc, t: Target) -> None:
        if isinstance(t, CountTarget):
            self.warn("measure", (*path, "measure"), t.measure)
        elif isinstance(t, QuotaTarget):
            self.warn("measure", (*path, "measure"), t.measure)
            self.warn("measure", (*path, "quota_measure"), t.quota_measure)
        elif isinstance(t, ChangeTarget):
            self.warn("measure", (*path, "measure"), t.measure)
            self.warn("measure", (*path, "baseline"), t.baseline)
        elif isinstance(t, FormulaTarget):
            self.formula((*path, "formula"), t.formula)
        elif isinstance(t, DeadlineTarget):
            self.warn("event", (*path, "event"), t.event)

    def criterion(self, path: Loc, c: Criterion) -> None:
        method = c.method
        where: Loc = (*path, "method")
        if isinstance(method, Proportional):
            self.warn("measure", (*where, "measure"), method.measure)
            self.warn("measure", (*where, "target_measure"), method.target_measure)
        elif isinstance(method, PerOccurrence | Bonus | Penalty | StepTable):
            self.warn("measure", (*where, "measure"), method.measure)
        elif isinstance(method, PassFail):
            self.conditions((*where, "when"), [method.when])

    def run(self) -> None:
        c = self.checker.c
        for ai, ag in enumerate(c.agreements):
            for ci, area in enumerate(ag.content_areas):
                for ti, t in enumerate(area.targets):
                    self.target(("agreements", ai, "content_areas", ci, "targets", ti), t)
        for ri, r in enumerate(c.rubrics):
            for cpath, crit in _walk_criteria(("rubrics", ri, "criteria"), r.criteria):
                self.criterion(cpath, crit)
            for j, adj in enumerate(r.adjustments):
                self.warn("measure", ("rubrics", ri, "adjustments", j, "per"), adj.per)
                if adj.when is not None:
                    self.conditions(("rubrics", ri, "adjustments", j, "when"), [adj.when])
        for si, scale in enumerate(c.scales):
            for j, g in enumerate(scale.grades):
                self.conditions(("scales", si, "grades", j, "requires"), g.requires)
            for j, d in enumerate(scale.disqualifiers):
                self.conditions(("scales", si, "disqualifiers", j, "when"), [d.when])
            for j, cap in enumerate(scale.caps):
                for k, name in enumerate(cap.tie_break):
                    self.warn("measure", ("scales", si, "caps", j, "tie_break", k), name)
        for i, a in enumerate(c.awards):
            self.conditions(("awards", i, "conditions"), a.conditions)
        for i, name in enumerate(c.tie_breaks):
            self.warn("measure", ("tie_breaks", i), name)
        for i, key in enumerate(c.ranking.tie_breaks):
            if isinstance(key, MeasureTieBreak):
                self.warn("measure", ("ranking", "tie_breaks", i, "measure"), key.measure)
        for i, ind in enumerate(c.indicators):
            if ind.name is None:
                self.checker.add(codes.UNNAMED_INDICATOR(("indicators", i, "name"), indicator=ind.id))
            self.formula(("indicators", i, "formula"), ind.formula)
        for kind, inputs in (("flags", c.flags), ("events", c.events)):
            for i, x in enumerate(inputs):
                if x.unit is not None or x.unit_en is not None:
                    self.checker.add(codes.UNIT_OF_NON_MEASURE((kind, i, "unit")))


def validate_campaign(campaign: Campaign) -> list[Problem]:
    """Return every problem of a campaign (errors and warnings), each with its location.

    A list without errors means the campaign is consistent; warnings (e.g. a
    measure without a name) do not stop a campaign from loading.

    >>> import attrs, thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> [p for p in validate_campaign(campaign) if p.is_error]
    []
    >>> [p.render("en") for p in validate_campaign(attrs.evolve(campaign, year=2023))[:2]]
    ["clusters[0].year: the year 2022 differs from the campaign's year 2023",
     "clusters[1].year: the year 2022 differs from the campaign's year 2023"]

    .. versionadded:: 0.1.0
    """
    return _Checker(campaign).run()


class _Checked:
    """The problems of results already checked against a campaign, by the two objects' identities.

    Both are immutable, so the check of the same pair always finds the same problems: loading
    results against their campaign and evaluating them later checks them once. An entry goes
    when either object is collected. Shared by every thread (a lock guards the table).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._found: dict[tuple[int, int], tuple[weakref.ref[Campaign], weakref.ref[Results], tuple[Problem, ...]]] = {}

    def get(self, campaign: Campaign, results: Results) -> tuple[Problem, ...] | None:
        entry = self._found.get((id(campaign), id(results)))
        if entry is None or entry[0]() is not campaign or entry[1]() is not results:
            return None
        return entry[2]

    def put(self, campaign: Campaign, results: Results, problems: Sequence[Problem]) -> None:
        key = (id(campaign), id(results))
        found = self._found

        def gone(_ref: object, key: tuple[int, int] = key) -> None:
            with self._lock:
                found.pop(key, None)

        try:
            entry = (weakref.ref(campaign, gone), weakref.ref(results, gone), tuple(problems))
        except TypeError:  # pragma: no cover - a subclass without weak references: not kept
            return
        with self._lock:
            found[key] = entry


_CHECKED = _Checked()


def validate_results(campaign: Campaign, results: Results, *, units: Mapping[str, Unit] | None = None) -> list[Problem]:
    """Return every problem of a result set against its campaign.

    The same two objects are checked once: both are immutable, so a second
    call (evaluating results loaded against their campaign, or evaluating them
    again) returns the problems found the first time. It may be called from
    many threads at once.

    Args:
        campaign: the campaign.
        results: the result set.
        units: the campaign's units by id, when the caller already has them
            (a prepared campaign does), so that checking one row stays cheap.

    >>> import thidua
    >>> results = Results("an-minh-2022", 2021, [UnitResult("xa-khong-co")])
    >>> [p.render("en") for p in validate_results(thidua.examples.load_campaign(), results)]
    ['year: the results are for 2021; the campaign is for 2022', "units[0].unit: unknown unit 'xa-khong-co'"]

    .. versionadded:: 0.1.0
    """
    known = _CHECKED.get(campaign, results)
    if known is not None:
        return list(known)
    problems = _validate_results(campaign, results, units)
    _CHECKED.put(campaign, results, problems)
    return problems


def _validate_results(campaign: Campaign, results: Results, units: Mapping[str, Unit] | None) -> list[Problem]:
    problems: list[Problem] = []
    if results.campaign != campaign.id:
        problems.append(codes.WRONG_CAMPAIGN(("campaign",), value=results.campaign, campaign=campaign.id))
    if results.year != campaign.year:
        problems.append(codes.WRONG_YEAR(("year",), value=str(results.year), year=str(campaign.year)))
    if units is None:
        units = {u.id: u for u in campaign.units}
    levels = [lv.id for lv in campaign.levels]
    stages = [s.id for s in campaign.stages]
    actions: list[frozenset[ReviewAction]] | None = None
    start, end = campaign.period
    #: the grade a label of the counts names in a scale, if any (the same few labels on every row)
    labels: dict[tuple[str, str], str | None] = {}
    money, quotas = _money_measures(campaign)
    #: per level: its rating scale and its rubric (3,321 rows nationally, a handful of levels)
    by_level: dict[str, tuple[RatingScale | None, Rubric | None]] = {}
    seen: dict[str, int] = {}
    for i, r in enumerate(results.units):
        uid = r.unit
        first = seen.setdefault(uid, i)
        if first != i:
            problems.append(codes.REPORTED_TWICE(("units", i, "unit"), unit=uid, first=first))
        unit = units.get(uid)
        if unit is None:
            problems.append(codes.UNKNOWN_UNIT(("units", i, "unit"), unit=uid))
            continue
        if (unit.valid_from or unit.valid_to) and not unit.overlaps(start, end):
            problems.append(codes.UNIT_NOT_IN_CAMPAIGN_YEAR(("units", i, "unit"), unit=uid, year=str(campaign.year)))
        level = unit.level
        found = by_level.get(level)
        if found is None:
            found = by_level[level] = (campaign.scale_for(level), campaign.rubric_for(level))
        scale, rubric = found
        if r.rating is not None:
            if scale is None:
                problems.append(codes.NO_SCALE_FOR_LEVEL(("units", i, "rating"), level=level))
            elif _resolved(labels, scale, r.rating) is None:
                problems.append(
                    codes.UNKNOWN_GRADE_IN_SCALE(("units", i, "rating"), grade=r.rating, allowed=scale.choices)
                )
        if r.counts or r.totals:
            problems.extend(_check_counts(i, r, campaign, levels, by_level, labels))
        if money:
            measures = r.measures
            for name, value in measures.items():
                if name not in money:
                    continue
                if value.denominator != 1:
                    problems.append(codes.AMOUNT_NOT_WHOLE(("units", i, "measures", name), value=value))
                elif name in quotas and value <= 0:
                    problems.append(codes.QUOTA_NOT_POSITIVE(("units", i, "measures", name), value=value))
        if r.assessments or r.added:
            problems.extend(_check_assessments(i, r, rubric, stages=stages, level=level))
        if r.review or r.state is not None:
            if actions is None:
                actions = [frozenset(s.actions) for s in campaign.stages]
            problems.extend(_check_review(i, r, stages, actions))
    if not results.decisions:
        return problems  # one row checked for an update: no need to index 384 clusters
    clusters = {cl.id: cl for cl in campaign.clusters}
    awards = {a.id for a in campaign.awards}
    decided: dict[str, int] = {}
    for i, d in enumerate(results.decisions):
        path: Loc = ("decisions", i)
        if d.cluster in decided:
            problems.append(codes.SECOND_DECISION((*path, "cluster"), cluster=d.cluster, first=decided[d.cluster]))
        decided.setdefault(d.cluster, i)
        cl = clusters.get(d.cluster)
        if cl is None:
            problems.append(codes.UNKNOWN_CLUSTER((*path, "cluster"), cluster=d.cluster))
            continue
        kind = TERMS[cl.kind.value]
        for j, u in enumerate(d.order):
            if u not in cl.members:
                problems.append(codes.NOT_A_MEMBER((*path, "order", j), unit=u, kind=kind, cluster=cl.id))
        for dup, n in Counter(d.order).items():
            if n > 1:
                problems.append(codes.LISTED_TWICE((*path, "order"), id=dup, count=n))
        for j, p in enumerate(d.proposals):
            if p.unit not in cl.members:
                problems.append(
                    codes.NOT_A_MEMBER((*path, "proposals", j, "unit"), unit=p.unit, kind=kind, cluster=cl.id)
                )
            if p.award not in awards:
                problems.append(codes.UNKNOWN_AWARD((*path, "proposals", j, "award"), award=p.award))
    return problems


def _resolved(labels: dict[tuple[str, str], str | None], scale: RatingScale, label: str) -> str | None:
    """The grade *label* names in *scale*, looked up once per validation (the same few labels recur)."""
    key = (scale.id, label)
    if key in labels:
        return labels[key]
    found = labels[key] = scale.resolve(label)
    return found


def _money_measures(campaign: Campaign) -> tuple[frozenset[str], frozenset[str]]:
    """The measures that are amounts of money (those of quota targets), and those that are quotas."""
    money: set[str] = set()
    quotas: set[str] = set()
    for t in campaign.targets():
        if isinstance(t, QuotaTarget):
            money.add(t.measure)
            if t.quota_measure:
                money.add(t.quota_measure)
                quotas.add(t.quota_measure)
    return frozenset(money), frozenset(quotas)


def _check_counts(  # noqa: PLR0917 - one row, with what validate_results already looked up
    row: int,
    r: UnitResult,
    campaign: Campaign,
    levels: list[str],
    by_level: dict[str, tuple[RatingScale | None, Rubric | None]],
    labels: dict[tuple[str, str], str | None],
) -> list[Problem]:
    """Problems of one unit's counts by grade and totals of sub-units.

    With a total for a level, a grade left out counts 0 and the counts must add
    up to the total; without one, every grade of the level's scale must be given
    (a grade left out is a missing input, reported as a warning at its path).
    """
    problems: list[Problem] = []
    for sub_level in dict.fromkeys([*r.counts, *r.totals]):
        where: Loc = ("units", row, "counts" if sub_level in r.counts else "totals", sub_level)
        if sub_level not in levels:
            problems.append(codes.UNKNOWN_LEVEL(where, level=sub_level))
            continue
        sub_found = by_level.get(sub_level)
        if sub_found is None:
            sub_found = by_level[sub_level] = (campaign.scale_for(sub_level), campaign.rubric_for(sub_level))
        sub_scale = sub_found[0]
        if sub_scale is None:
            problems.append(codes.NO_SCALE_FOR_LEVEL(where, level=sub_level))
            continue
        by_grade = r.counts.get(sub_level, {})
        covered: set[str] = set()
        for grade in by_grade:
            found = _resolved(labels, sub_scale, grade)
            if found is None:
                problems.append(
                    codes.UNKNOWN_GRADE_IN_SCALE(
                        ("units", row, "counts", sub_level, grade),
                        grade=grade,
                        allowed=sub_scale.choices,
                    )
                )
            else:
                covered.add(found)
        total = r.totals.get(sub_level)
        if total is not None:
            given = sum(by_grade.values())
            if given != total:
                problems.append(codes.COUNTS_NOT_TOTAL(where, sum=given, total=total, level=sub_level))
        elif len(covered) < len(sub_scale.grades):
            problems.extend(
                codes.COUNT_MISSING(("units", row, "counts", sub_level, g), grade=g, level=sub_level)
                for g in sub_scale.grade_ids
                if g not in covered
            )
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
_BOUNDS_CACHE: dict[int, tuple[Rubric, _Bounds, dict[int, ScoreEntry], dict[int, int], dict[str, int]]] = {}


def _bounds(rubric: Rubric) -> tuple[_Bounds, dict[int, ScoreEntry], dict[int, int], dict[str, int]]:
    """The bounds of *rubric*'s criteria, the entries found within them by identity, the bit of each
    such entry's criterion by the entry's identity, and each criterion's bit (its own power of two)."""
    hit = _BOUNDS_CACHE.get(id(rubric))
    if hit is not None and hit[0] is rubric:
        return hit[1], hit[2], hit[3], hit[4]
    if len(_BOUNDS_CACHE) >= 64:
        _BOUNDS_CACHE.clear()
    bits = {c.id: 1 << i for i, c in enumerate(rubric.walk())}
    bounds = _BOUNDS_CACHE[id(rubric)] = (rubric, _compute_bounds(rubric), {}, {}, bits)
    return bounds[1], bounds[2], bounds[3], bounds[4]


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


#: a criterion's settled (points, bonus)
_Value = tuple[Fraction | None, Fraction | None]


def after_entry(before: _Value | None, entry: ScoreEntry, *, complete: bool) -> _Value:
    """The (points, bonus) of a criterion once *entry* is applied over *before*.

    In a list of changes, what the entry leaves out (``None``) is kept; in a
    complete score set, the entry is the whole value (no bonus means none).

    >>> after_entry((Fraction(9), Fraction(1)), ScoreEntry("c1", 8), complete=False)
    (Fraction(8, 1), Fraction(1, 1))
    >>> after_entry((Fraction(9), Fraction(1)), ScoreEntry("c1", 8), complete=True)
    (Fraction(8, 1), None)
    """
    if complete or before is None:
        return entry.points, entry.bonus
    return (
        entry.points if entry.points is not None else before[0],
        entry.bonus if entry.bonus is not None else before[1],
    )


def _settled_before(assessments: Sequence[Assessment], j: int) -> dict[str, _Value]:
    """The values settled by the assessments before the *j*-th (in the order given)."""
    values: dict[str, _Value] = {}
    for a in assessments[:j]:
        for e in a.scores:
            values[e.criterion] = after_entry(values.get(e.criterion), e, complete=a.complete)
    return values


def _added_bounds(
    row: int, r: UnitResult, rubric: Rubric | None, crits: _Bounds, *, stages: list[str], level: str
) -> tuple[_Bounds, dict[str, int], list[Problem]]:
    """The bounds of the rubric with the unit's added criteria, each added criterion's stage, and problems."""
    problems: list[Problem] = []
    bounds = dict(crits)
    added_at: dict[str, int] = {}
    for k, a in enumerate(r.added):
        path: Loc = ("units", row, "added", k)
        if a.id in bounds:
            problems.append(codes.ADDED_ID_TAKEN((*path, "id"), criterion=a.id))
            continue
        if a.points is None or a.points <= 0:
            problems.append(codes.ADDED_NEEDS_MAXIMUM((*path, "points"), criterion=a.id))
        if not a.reason:
            problems.append(codes.ADDED_NEEDS_REASON((*path, "reason"), criterion=a.id))
        if not a.by:
            problems.append(codes.ADDED_NEEDS_REVIEWER((*path, "by"), criterion=a.id))
        if a.stage not in stages:
            problems.append(codes.UNKNOWN_STAGE((*path, "stage"), stage=a.stage))
        elif stages.index(a.stage) == 0:
            problems.append(codes.ADDED_AT_FIRST_STAGE((*path, "stage"), stage=a.stage))
        else:
            added_at[a.id] = stages.index(a.stage)
        top = a.points if a.points is not None and a.points > 0 else Fraction(0)
        bounds[a.id] = (True, top.numerator, top.denominator, Fraction(a.bonus) if a.bonus is not None else Fraction(0))
    if r.added and rubric is None:
        problems.append(codes.NO_RUBRIC_FOR_LEVEL(("units", row, "added"), level=level))
    return bounds, added_at, problems


def _check_assessments(
    row: int,
    r: UnitResult,
    rubric: Rubric | None,
    *,
    stages: list[str],
    level: str,
) -> list[Problem]:
    """Problems of one unit's assessments: stages, criteria, bounds, reasons, complete sets, added criteria."""
    problems: list[Problem] = []
    crits, checked, entry_bits, bits = _bounds(rubric) if rubric is not None else ({}, {}, {}, {})
    added_at: dict[str, int] = {}
    if r.added:
        crits, added_at, added_problems = _added_bounds(row, r, rubric, crits, stages=stages, level=level)
        problems.extend(added_problems)
        # the entries found within the rubric's bounds are not shared with other units' criteria
        checked, entry_bits = {}, {}
    last_stage = -1
    before_cache: dict[int, dict[str, _Value]] = {}
    for j, a in enumerate(r.assessments):
        apath: Loc = ("units", row, "assessments", j)
        if a.stage not in stages:
            problems.append(codes.UNKNOWN_STAGE((*apath, "stage"), stage=a.stage))
            continue
        pos = stages.index(a.stage)
        if pos <= last_stage:
            problems.append(codes.STAGE_ORDER((*apath, "stage"), stage=a.stage))
        last_stage = max(last_stage, pos)
        if rubric is None:
            problems.append(codes.NO_RUBRIC_FOR_LEVEL(apath, level=level))
            continue
        later = j > 0
        # every entry of a first stage already found within its bounds (the usual case nationally):
        # *checked* keeps them alive, so no other object can have their ids. Their criteria's bits
        # added up have as many ones as there are entries exactly when no criterion comes twice
        # (two equal powers of two carry into the next one): both told in one pass
        known = distinct = False
        if not later:
            try:
                found = sum(map(entry_bits.__getitem__, map(id, a.scores)))
            except KeyError:
                pass
            else:
                known, distinct = True, found.bit_count() == len(a.scores)
        for k, s in enumerate(() if known else a.scores):
            if not later and checked.get(id(s)) is s:
                continue  # an entry already found within its bounds (kept alive by *checked*)
            bounds = crits.get(s.criterion)
            if bounds is None:
                problems.append(codes.UNKNOWN_CRITERION((*apath, "scores", k, "criterion"), criterion=s.criterion))
                continue
            assessed, upper_num, upper_den, cap = bounds
            points = s.points
            if (
                assessed
                and (points is None or 0 <= points.numerator * upper_den <= upper_num * points.denominator)
                and (s.bonus is None or not _outside(s.bonus, cap.numerator, cap.denominator))
                and s.criterion not in added_at
            ):
                if not later:
                    if len(checked) < _CHECKED_MAX:
                        checked[id(s)] = s
                        entry_bits[id(s)] = bits[s.criterion]
                    continue  # the common case, checked in one expression
                if s.reason:
                    continue
            spath = (*apath, "scores", k)
            if not assessed:
                problems.append(codes.COMPUTED_NOT_ASSESSED((*spath, "criterion"), criterion=s.criterion))
            if points is not None and _outside(points, upper_num, upper_den):
                upper = Fraction(upper_num, upper_den)
                problems.append(
                    codes.POINTS_OUT_OF_RANGE((*spath, "points"), value=points, max=upper, criterion=s.criterion)
                )
            if s.bonus is not None and _outside(s.bonus, cap.numerator, cap.denominator):
                problems.append(
                    codes.POINTS_OUT_OF_RANGE((*spath, "bonus"), value=s.bonus, max=cap, criterion=s.criterion)
                )
            added = added_at.get(s.criterion)
            if added is not None and pos < added:
                problems.append(
                    codes.ADDED_NOT_YET(
                        (*spath, "criterion"), criterion=s.criterion, added=stages[added], stage=a.stage
                    )
                )
            if later and not s.reason:
                # a reason is needed for a changed value only: an entry restating the value needs none
                before = before_cache.get(j)
                if before is None:
                    before = before_cache[j] = _settled_before(r.assessments, j)
                previous = before.get(s.criterion)
                if previous is None and added == pos:
                    pass  # the first points of a criterion added at this stage: the addition gives the reason
                elif previous is None or after_entry(previous, s, complete=a.complete) != previous:
                    problems.append(codes.REASON_NEEDED((*spath, "reason"), stage=a.stage))
        if not distinct and len(set(map(_CRITERION, a.scores))) != len(a.scores):
            first: dict[str, int] = {}
            for k, s in enumerate(a.scores):
                if s.criterion in first:
                    problems.append(
                        codes.CRITERION_TWICE(
                            (*apath, "scores", k, "criterion"), criterion=s.criterion, first=first[s.criterion]
                        )
                    )
                first.setdefault(s.criterion, k)
        if a.complete:
            given = set(map(_CRITERION, a.scores))
            wanted = [c.id for c in _counted_assessed(rubric)] + [cid for cid, at in added_at.items() if at <= pos]
            problems.extend(
                codes.COMPLETE_SET_MISSING((*apath, "scores"), criterion=cid, stage=a.stage)
                for cid in wanted
                if cid not in given
            )
        if j == 0 and rubric.self_cap is not None:
            total = sum((s.points or 0 for s in a.scores), Fraction(0))
            if total > rubric.self_cap:
                problems.append(codes.SELF_CAP_EXCEEDED(apath, total=total, cap=rubric.self_cap))
    for k, extra in enumerate(r.added):
        if extra.id not in added_at:
            continue
        scored = any(
            a.stage == extra.stage and any(e.criterion == extra.id and e.points is not None for e in a.scores)
            for a in r.assessments
        )
        if not scored:
            problems.append(
                codes.ADDED_NOT_SCORED(("units", row, "added", k, "id"), criterion=extra.id, stage=extra.stage)
            )
    return problems


def _counted_assessed(rubric: Rubric) -> list[Criterion]:
    """The assessed leaves of *rubric* that count (not withdrawn, nor under a withdrawn group)."""
    out: list[Criterion] = []

    def visit(c: Criterion) -> None:
        if c.withdrawn is not None:
            return
        if c.children:
            for k in c.children:
                visit(k)
        elif isinstance(c.method, Assessed):
            out.append(c)

    for c in rubric.criteria:
        visit(c)
    return out


def _check_review(row: int, r: UnitResult, stages: list[str], actions: list[frozenset[ReviewAction]]) -> list[Problem]:
    """Problems of a unit's review: its history through the chain, its state, and changes after publication."""
    problems: list[Problem] = []
    path: Loc = ("units", row)
    if not stages:
        if r.review:
            problems.extend(
                codes.UNKNOWN_STAGE((*path, "review", k, "stage"), stage=e.stage) for k, e in enumerate(r.review)
            )
        if r.state is not None:
            problems.append(codes.UNKNOWN_STAGE((*path, "state", "stage"), stage=r.state.stage))
        return problems
    published_at: int | None = None
    published_on: dt.date | None = None
    if r.state is not None and r.state.stage not in stages:
        problems.append(codes.UNKNOWN_STAGE((*path, "state", "stage"), stage=r.state.stage))
    elif r.state is not None and r.state.status is ReviewStatus.PUBLISHED:
        published_at = stages.index(r.state.stage)
    if r.review:
        replayed = replay(r.review, stages, actions, (*path, "review"))
        problems.extend(replayed.problems)
        if r.state is not None and r.state != replayed.state and r.state.stage in stages:
            problems.append(
                codes.STATE_DISAGREES(
                    (*path, "state"),
                    status=TERMS[r.state.status.value],
                    stage=r.state.stage,
                    expected=TERMS[replayed.state.status.value],
                    at=replayed.state.stage,
                )
            )
        if replayed.published_at is not None:
            published_at, published_on = replayed.published_at, replayed.published_on
    if published_at is not None:
        locker = stages[published_at]
        for j, a in enumerate(r.assessments):
            if a.stage in stages and stages.index(a.stage) > published_at:
                problems.append(codes.RESULT_LOCKED((*path, "assessments", j, "stage"), stage=locker))
            elif a.on is not None and published_on is not None and a.on > published_on:
                problems.append(codes.RESULT_LOCKED((*path, "assessments", j, "on"), stage=locker))
        for k, added in enumerate(r.added):
            if added.stage in stages and stages.index(added.stage) > published_at:
                problems.append(codes.RESULT_LOCKED((*path, "added", k, "stage"), stage=locker))
    return problems


def validate_history(campaign: Campaign, history: History) -> list[Problem]:
    """Return every problem of a history document against a campaign.

    >>> import thidua
    >>> from thidua.model import HistoryRecord
    >>> history = History([HistoryRecord("xa-van-khanh-tay", 2022, "htt")])
    >>> [p.render("en") for p in validate_history(thidua.examples.load_campaign(), history)]
    ["records[0].year: 2022 is not before the campaign's year 2022"]

    .. versionadded:: 0.1.0
    """
    problems: list[Problem] = []
    units = {u.id for u in campaign.units}
    grades = {g.id for s in campaign.scales for g in s.grades}
    titles = {t.id for t in campaign.titles}
    seen: set[tuple[str, int]] = set()
    for i, r in enumerate(history.records):
        path: Loc = ("records", i)
        if r.unit not in units:
            problems.append(codes.UNKNOWN_UNIT((*path, "unit"), unit=r.unit))
        if r.year >= campaign.year:
            problems.append(codes.HISTORY_NOT_PAST((*path, "year"), value=str(r.year), year=str(campaign.year)))
        if (r.unit, r.year) in seen:
            problems.append(codes.SECOND_RECORD(path, unit=r.unit, year=str(r.year)))
        seen.add((r.unit, r.year))
        if r.grade is not None and r.grade not in grades:
            problems.append(codes.UNKNOWN_GRADE((*path, "grade"), grade=r.grade))
        for j, t in enumerate(r.titles):
            if t not in titles:
                problems.append(codes.UNKNOWN_TITLE((*path, "titles", j), title=t))
    return problems
