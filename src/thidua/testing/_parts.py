"""Strategies for the parts of a campaign and of results, one model class at a time.

The builders that take a :class:`Refs` draw parts that name only what a
campaign offers (its targets, grades, titles); with ``None`` they name ids at
random, which is what the public, *free* strategies do.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import strategies as st

from thidua import model as m
from thidua.testing._review_parts import added_criteria, review_events, review_states, withdrawals
from thidua.testing._values import (
    LETTERS,
    amounts,
    date_pairs,
    dates,
    formulas,
    ids,
    measure_names,
    names,
    numbers,
    optional,
    points,
    shares,
    texts,
)

__all__ = [
    "ORDERED_MILESTONES",
    "TARGET_KINDS",
    "Refs",
    "adjustments",
    "agreements",
    "assessments",
    "award_rules",
    "bands",
    "clusters",
    "condition",
    "condition_kinds",
    "conditions",
    "content_areas",
    "contiguous_bands",
    "criteria",
    "decisions",
    "disqualifiers",
    "grade_caps",
    "grades",
    "histories",
    "history_records",
    "indicators",
    "inputs",
    "levels",
    "lineages",
    "measures",
    "method_kinds",
    "methods",
    "milestones",
    "movements",
    "officials",
    "proposals",
    "quotas",
    "rating_scales",
    "registrations",
    "results",
    "rubrics",
    "score_entries",
    "stages",
    "steps",
    "target",
    "targets",
    "titles",
    "unit_results",
    "units",
]


@attrs.frozen
class Refs:
    """What the parts of one campaign may name."""

    targets: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    #: whether conditions may look back over past years (the campaign has a lineage policy)
    history: bool = False
    #: (rated level, the grade ids of its scale) pairs
    rated_levels: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def rated(self) -> dict[str, tuple[str, ...]]:
        """Rated level → the grade ids of its scale."""
        return dict(self.rated_levels)


def _pick(options: Sequence[str], refs: Refs | None) -> st.SearchStrategy[str]:
    return ids() if refs is None else st.sampled_from(options)


# ------------------------------------------------------------------ conditions

_cached = functools.lru_cache(maxsize=64)  # strategies are immutable; building each once keeps drawing fast


_LEAF_CONDITIONS: tuple[type, ...] = (
    m.AllTargetsMet,
    m.IsHead,
    m.MaxRank,
    m.Flag,
    m.MeasureAtLeast,
    m.WhenFormula,
    m.TargetMet,
    m.MinGrade,
    m.GradeStreak,
    m.TitleCount,
)


def _usable(kind: type, refs: Refs | None) -> bool:
    if refs is None:
        return True
    if kind is m.TargetMet:
        return bool(refs.targets)
    if kind is m.MinGrade:
        return bool(refs.grades)
    if kind is m.GradeStreak:
        return bool(refs.grades) and refs.history
    if kind is m.TitleCount:
        return bool(refs.titles) and refs.history
    return True


def _name(draw: st.DrawFn, options: Sequence[str], refs: Refs | None) -> str:
    return draw(ids()) if refs is None else draw(st.sampled_from(options))


@st.composite
def condition(draw: st.DrawFn, kind: type, refs: Refs | None = None, depth: int = 2) -> m.Condition:
    """One condition of *kind*; an ``any_of`` holds up to three conditions, nested up to *depth*."""
    if kind is m.AnyOf:
        kinds = _condition_kinds(refs, with_any_of=depth > 1)
        return m.AnyOf(
            [draw(condition(draw(st.sampled_from(kinds)), refs, depth - 1)) for _ in range(draw(st.integers(1, 3)))]
        )
    if kind is m.AllTargetsMet:
        return m.AllTargetsMet()
    if kind is m.IsHead:
        return m.IsHead()
    if kind is m.MaxRank:
        return m.MaxRank(draw(st.integers(1, 20)))
    if kind is m.Flag:
        return m.Flag(draw(measure_names()))
    if kind is m.MeasureAtLeast:
        return m.MeasureAtLeast(draw(measure_names()), draw(numbers()))
    if kind is m.WhenFormula:
        return m.WhenFormula(draw(formulas(boolean=True)))
    if kind is m.TargetMet:
        return m.TargetMet(_name(draw, refs.targets if refs else (), refs))
    if kind is m.MinGrade:
        return m.MinGrade(_name(draw, refs.grades if refs else (), refs))
    if kind is m.GradeStreak:
        grade = _name(draw, refs.grades if refs else (), refs)
        return m.GradeStreak(grade, draw(st.integers(1, 10)), draw(st.booleans()))
    if kind is m.TitleCount:
        title = _name(draw, refs.titles if refs else (), refs)
        return m.TitleCount(title, draw(st.integers(1, 5)), draw(st.integers(1, 10)))
    msg = f"not a condition kind: {kind!r}"
    raise TypeError(msg)


@_cached
def _condition_kinds(refs: Refs | None, *, with_any_of: bool = True) -> tuple[type, ...]:
    leaves = tuple(k for k in _LEAF_CONDITIONS if _usable(k, refs))
    return (*leaves, m.AnyOf) if with_any_of else leaves


def condition_kinds(refs: Refs | None = None) -> tuple[type, ...]:
    """The condition classes that can name what *refs* offers (all of them when ``None``)."""
    return _condition_kinds(refs)


@st.composite
def conditions(draw: st.DrawFn, refs: Refs | None = None) -> m.Condition:
    """Conditions of every kind, with ``any_of`` nested a little."""
    return draw(condition(draw(st.sampled_from(_condition_kinds(refs))), refs))


# ------------------------------------------------------------ units and levels


@_cached
def levels() -> st.SearchStrategy[m.Level]:
    """Free levels, sometimes with a validity period."""
    return st.builds(
        lambda i, n, en, span: m.Level(i, n, en, *(span or (None, None))),
        ids(),
        names(),
        optional(names()),
        optional(date_pairs()),
    )


@_cached
def lineages(unit_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[m.Lineage]:
    """Lineage links to *unit_ids* (default: ids at random)."""
    return st.builds(
        m.Lineage,
        st.sampled_from(m.LineageKind),
        ids() if unit_ids is None else unit_ids,
        optional(dates()),
        optional(texts()),
    )


@st.composite
def units(draw: st.DrawFn) -> m.Unit:
    """Free units: their level and parent are ids at random."""
    uid = draw(ids())
    valid_from, valid_to = draw(optional(date_pairs())) or (None, None)
    return m.Unit(
        uid,
        draw(names()),
        draw(ids()),
        draw(optional(ids().filter(lambda p: p != uid))),
        draw(st.sampled_from(m.UnitKind)),
        draw(optional(st.from_regex(r"\A[0-9]{2,5}\Z"))),
        valid_from,
        valid_to,
        lineage=draw(st.lists(lineages(), max_size=2)),
        name_en=draw(optional(names())),
    )


@st.composite
def clusters(draw: st.DrawFn) -> m.Cluster:
    """Free clusters and blocks."""
    members = draw(st.lists(ids(), min_size=1, max_size=6, unique=True))
    return m.Cluster(
        draw(ids()),
        draw(names()),
        draw(st.sampled_from(m.ClusterKind)),
        draw(st.integers(2000, 2040)),
        members,
        draw(optional(st.sampled_from(members))),
        draw(optional(st.sampled_from(members))),
        draw(st.lists(ids(), max_size=2)),
        draw(st.booleans()),
        draw(optional(names())),
    )


#: Milestones whose first occurrences must come in this order.
ORDERED_MILESTONES = ("launch", "signing", "mid_year_review", "final_review")
_OTHER_MILESTONES = ("peak_month", "festival", "other")


@st.composite
def milestones(draw: st.DrawFn) -> m.Milestone:
    """Free milestones; a span (``end``) never ends before it starts."""
    on, end = draw(date_pairs())
    return m.Milestone(
        draw(st.sampled_from(ORDERED_MILESTONES + _OTHER_MILESTONES)),
        on,
        end if draw(st.booleans()) else None,
        draw(optional(names())),
    )


@st.composite
def movements(draw: st.DrawFn, area_ids: Sequence[str] | None = None, movement_id: str | None = None) -> m.Movement:
    """Movements whose milestones come in order and inside the movement's period.

    Args:
        area_ids: the content areas it may name (default: ids at random).
        movement_id: its id (default: drawn).
    """
    span = draw(optional(date_pairs()))
    lo, hi = span or (dt.date(2000, 1, 1), dt.date(2040, 12, 31))
    kinds = draw(st.lists(st.sampled_from(ORDERED_MILESTONES + _OTHER_MILESTONES), max_size=4))
    # the ordered kinds take the sorted days in their order, so that their first occurrences are chronological
    rank = {k: i for i, k in enumerate(ORDERED_MILESTONES)}
    others = {k: draw(st.integers(0, 3)) for k in _OTHER_MILESTONES}
    kinds.sort(key=lambda k: rank.get(k, others.get(k, 0)))
    days = sorted(draw(st.lists(dates(lo, hi), min_size=len(kinds), max_size=len(kinds))))
    steps_ = [
        m.Milestone(kind, day, draw(optional(dates(day, hi))), draw(optional(names())))
        for kind, day in zip(kinds, days, strict=True)
    ]
    if area_ids is None:
        areas = draw(st.lists(ids(), max_size=3, unique=True))
    else:
        areas = draw(st.lists(st.sampled_from(area_ids), max_size=3, unique=True)) if area_ids else []
    return m.Movement(
        movement_id or draw(ids()),
        draw(names()),
        draw(st.sampled_from(m.MovementForm)),
        span[0] if span else None,
        span[1] if span else None,
        milestones=steps_,
        content_areas=areas,
        name_en=draw(optional(names())),
    )


@_cached
def registrations() -> st.SearchStrategy[m.Registration]:
    """Free registrations of a unit for a title."""
    return st.builds(m.Registration, ids(), ids())


@_cached
def stages() -> st.SearchStrategy[m.Stage]:
    """Review stages."""
    actions = st.lists(st.sampled_from(m.ReviewAction), unique=True, max_size=4)
    return st.builds(m.Stage, ids(), names(), optional(names()), actions)


@_cached
def indicators(formula_names: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[m.Indicator]:
    """Indicators whose formula names *formula_names* (default: measures at random)."""
    return st.builds(m.Indicator, measure_names(), formulas(formula_names), optional(names()), optional(names()))


@_cached
def inputs() -> st.SearchStrategy[m.Input]:
    """Names (and units) of measures, flags and events."""
    return st.builds(m.Input, measure_names(), names(), optional(names()), optional(names()), optional(names()))


@_cached
def officials() -> st.SearchStrategy[m.Official]:
    """People named in a campaign's sources, with their posts."""
    return st.builds(m.Official, names(), names(), optional(names()), optional(ids()))


@_cached
def titles() -> st.SearchStrategy[m.Title]:
    """Titles and commendations."""
    return st.builds(m.Title, ids(), names(), optional(names()), st.sampled_from(m.TitleKind))


# --------------------------------------------------------------------- targets

#: Every kind of target.
TARGET_KINDS: tuple[type, ...] = (
    m.ShareTarget,
    m.OfWhichTarget,
    m.ZeroCountTarget,
    m.CountTarget,
    m.QuotaTarget,
    m.DeadlineTarget,
    m.ChangeTarget,
    m.FormulaTarget,
)


def _common(draw: st.DrawFn, *, scope: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "missing": draw(optional(st.sampled_from(m.MissingPolicy))),
        "name_en": draw(optional(names())),
        "source": draw(optional(st.sampled_from(m.Source))),
    }
    if scope:
        out["scope"] = draw(st.sampled_from(m.Scope))
    return out


def _rated_pair(draw: st.DrawFn, refs: Refs | None) -> tuple[str, str]:
    if refs is None:
        return draw(ids()), draw(ids())
    level = draw(st.sampled_from(sorted(refs.rated)))
    return level, draw(st.sampled_from(refs.rated[level]))


@st.composite
def target(
    draw: st.DrawFn,
    kind: type,
    refs: Refs | None = None,
    shares_by_id: Mapping[str, str] | None = None,
) -> m.Target:
    """One target of *kind*.

    Args:
        kind: a target class, e.g. ``ShareTarget``.
        refs: the levels and grades it may count (default: ids at random).
        shares_by_id: share targets an "of which" may refine, with the level each counts.
    """
    tid, name = draw(ids()), draw(names())
    if kind is m.ShareTarget:
        level, grade = _rated_pair(draw, refs)
        return m.ShareTarget(tid, name, level, grade, draw(shares()), "all", **_common(draw))
    if kind is m.OfWhichTarget:
        if refs is None or not shares_by_id:
            parent, grade = draw(ids()), draw(ids())
        else:
            parent = draw(st.sampled_from(sorted(shares_by_id)))
            grade = draw(st.sampled_from(refs.rated[shares_by_id[parent]]))
        base = draw(st.sampled_from(m.Base))
        return m.OfWhichTarget(tid, name, parent, grade, draw(shares()), base, **_common(draw, scope=False))
    if kind is m.ZeroCountTarget:
        level, grade = _rated_pair(draw, refs)
        return m.ZeroCountTarget(tid, name, level, grade, **_common(draw))
    if kind is m.CountTarget:
        return m.CountTarget(tid, name, draw(measure_names()), draw(numbers(0, 100)), **_common(draw))
    if kind is m.QuotaTarget:
        if draw(st.booleans()):
            quota = draw(amounts().filter(bool))  # a quota is above 0
            return m.QuotaTarget(tid, name, draw(measure_names()), quota=quota, **_common(draw))
        quota_measure = draw(measure_names())
        return m.QuotaTarget(tid, name, draw(measure_names()), quota_measure=quota_measure, **_common(draw))
    if kind is m.DeadlineTarget:
        return m.DeadlineTarget(tid, name, draw(measure_names()), draw(dates()), **_common(draw))
    if kind is m.ChangeTarget:
        direction = draw(st.sampled_from(("increase", "decrease")))
        measure, baseline = draw(measure_names()), draw(measure_names())
        return m.ChangeTarget(tid, name, measure, baseline, direction, draw(numbers(0, 100)), **_common(draw))
    if kind is m.FormulaTarget:
        return m.FormulaTarget(tid, name, draw(formulas(boolean=True)), **_common(draw))
    msg = f"not a target kind: {kind!r}"
    raise TypeError(msg)


def targets(kind: type | None = None) -> st.SearchStrategy[m.Target]:
    """Free targets of every kind, or of one *kind*."""
    kinds = TARGET_KINDS if kind is None else (kind,)
    return st.sampled_from(kinds).flatmap(target)


@st.composite
def content_areas(draw: st.DrawFn) -> m.ContentArea:
    """Free content areas with a few targets."""
    return m.ContentArea(
        draw(ids()),
        draw(names()),
        draw(st.lists(targets(), max_size=3)),
        draw(optional(ids())),
        draw(optional(names())),
    )


@st.composite
def agreements(draw: st.DrawFn) -> m.Agreement:
    """Free agreements."""
    return m.Agreement(
        draw(ids()),
        draw(st.lists(ids(), min_size=1, max_size=3)),
        draw(optional(dates())),
        draw(st.lists(ids(), max_size=3)),
        draw(st.lists(content_areas(), max_size=2)),
        draw(st.lists(registrations(), max_size=2)),
    )


# ---------------------------------------------------------------------- scales


@_cached
def grades(refs: Refs | None = None) -> st.SearchStrategy[m.Grade]:
    """Grades, sometimes with requirements."""
    return st.builds(
        m.Grade,
        ids(),
        names(),
        optional(names()),
        optional(st.text(LETTERS, min_size=1, max_size=5)),
        st.lists(conditions(refs), max_size=2),
    )


@st.composite
def bands(draw: st.DrawFn) -> m.Band:
    """Free bands: non-empty intervals, open on either side or not."""
    lo = draw(optional(points(0, 100)))
    hi = draw(optional(points(lo + 1 if lo is not None else 0, 200)))
    return m.Band(draw(ids()), lo, hi, draw(st.booleans()), draw(st.booleans()))


@_cached
def disqualifiers(
    refs: Refs | None = None, max_grade: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[m.Disqualifier]:
    """Disqualifiers limiting the grade to *max_grade* (default: an id at random)."""
    return st.builds(
        m.Disqualifier,
        ids(),
        names(),
        conditions(refs),
        ids() if max_grade is None else max_grade,
        optional(names()),
    )


@_cached
def grade_caps(grade_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[m.GradeCap]:
    """Caps on a grade's share, naming *grade_ids* (default: ids at random)."""
    grade = ids() if grade_ids is None else grade_ids
    return st.builds(
        m.GradeCap,
        grade,
        shares(),
        grade,
        st.sampled_from(("cluster", "level")),
        st.sampled_from(m.Rounding),
        st.lists(measure_names(), max_size=2),
    )


@st.composite
def contiguous_bands(draw: st.DrawFn, grade_ids: Sequence[str]) -> list[m.Band]:
    """One band per grade (best first) with neither gap nor overlap between them."""
    n = len(grade_ids) - 1
    cuts = sorted(draw(st.lists(points(0, 100), min_size=n, max_size=n, unique=True)))
    bottom = draw(optional(points(-10, cuts[0] - 1 if cuts else 100)))
    low_top = cuts[-1] if cuts else (bottom if bottom is not None else 0)
    top = draw(optional(points(low_top + 1, 300)))
    edges = [bottom, *cuts, top]  # worst grade first
    below = [draw(st.booleans()) for _ in cuts]  # True: the score at a cut belongs to the band below it
    out = []
    for k, grade in enumerate(reversed(grade_ids)):
        include_min = k == 0 or not below[k - 1]
        include_max = draw(st.booleans()) if k == n else below[k]
        lo, hi = edges[k], edges[k + 1]
        out.append(m.Band(grade, lo, hi, include_min and lo is not None, include_max and hi is not None))
    return out[::-1]


@st.composite
def rating_scales(
    draw: st.DrawFn,
    refs: Refs | None = None,
    level_ids: Sequence[str] | None = None,
    grade_ids: Sequence[str] | None = None,
) -> m.RatingScale:
    """Rating scales whose bands, when there are any, cover scores without gaps.

    Args:
        refs: what grade requirements and disqualifiers may name (default: ids at random).
        level_ids: the levels it rates (default: ids at random).
        grade_ids: its grades' ids, best first (default: drawn).
    """
    if grade_ids is None:
        grade_ids = draw(st.lists(ids(), min_size=1, max_size=5, unique=True))
    grade_list = [attrs.evolve(draw(grades(refs)), id=g) for g in grade_ids]
    return m.RatingScale(
        draw(ids()),
        draw(names()),
        draw(st.lists(ids(), max_size=2)) if level_ids is None else level_ids,
        grade_list,
        draw(contiguous_bands(grade_ids)) if draw(st.booleans()) else (),
        draw(st.dictionaries(names(), st.sampled_from(grade_ids), max_size=2)),
        draw(st.lists(disqualifiers(refs, st.sampled_from(grade_ids)), max_size=2)),
        draw(st.lists(grade_caps(st.sampled_from(grade_ids)), max_size=2)),
        draw(optional(names())),
    )


# --------------------------------------------------------------------- rubrics


@_cached
def steps() -> st.SearchStrategy[m.StepRow]:
    """Rows of a step table."""
    return st.builds(m.StepRow, numbers(0, 1000), points(0, 100))


@_cached
def _step_tables() -> st.SearchStrategy[m.StepTable]:
    rows = st.lists(st.tuples(numbers(0, 1000), points(0, 100)), min_size=1, max_size=4, unique_by=lambda t: t[0])
    return st.builds(lambda me, r: m.StepTable(me, [m.StepRow(a, p) for a, p in sorted(r)]), measure_names(), rows)


@_cached
def _proportionals() -> st.SearchStrategy[m.Proportional]:
    return st.one_of(
        st.builds(lambda me, t: m.Proportional(me, target=t), measure_names(), numbers(Fraction(1, 1000), 10**6)),
        st.builds(lambda me, t: m.Proportional(me, target_measure=t), measure_names(), measure_names()),
    )


@_cached
def method_kinds(refs: Refs | None = None) -> dict[type, st.SearchStrategy[Any]]:
    """Scoring methods by class."""
    return {
        m.Assessed: st.just(m.Assessed()),
        m.Proportional: _proportionals(),
        m.PassFail: st.builds(m.PassFail, conditions(refs)),
        m.PerOccurrence: st.builds(m.PerOccurrence, measure_names(), points(0, 20)),
        m.StepTable: _step_tables(),
        m.Bonus: st.builds(m.Bonus, measure_names(), points(0, 20)),
        m.Penalty: st.builds(m.Penalty, measure_names(), points(Fraction(1, 100), 20), points(-50, 0)),
    }


@_cached
def methods(refs: Refs | None = None) -> st.SearchStrategy[m.Method]:
    """Scoring methods of every kind (a criterion scored by ``Bonus`` also needs a ``bonus`` cap)."""
    return st.one_of(list(method_kinds(refs).values()))


@st.composite
def _criterion(draw: st.DrawFn, refs: Refs | None, used: set[str], depth: int) -> m.Criterion:
    cid = draw(ids())
    while cid in used:  # criterion ids are unique within a rubric
        cid += "x"
    used.add(cid)
    name, name_en = draw(names()), draw(optional(names()))
    if depth > 0 and draw(st.booleans()):
        children = [draw(_criterion(refs, used, depth - 1)) for _ in range(draw(st.integers(1, 3)))]
        total = sum((c.points for c in children), Fraction(0))
        return m.Criterion(cid, name, total, None, draw(optional(points(0, 5))), children, name_en)
    method = draw(methods(refs))
    value = Fraction(0) if isinstance(method, m.Penalty) else draw(points(0, 30))
    bonus = draw(points(0, 5)) if isinstance(method, m.Bonus) else draw(optional(points(0, 5)))
    withdrawn = draw(st.one_of(st.none(), withdrawals())) if refs is None else None
    return m.Criterion(cid, name, value, method, bonus, (), name_en, withdrawn=withdrawn)


@st.composite
def criteria(draw: st.DrawFn, refs: Refs | None = None, max_depth: int = 2) -> m.Criterion:
    """Criteria trees with unique ids; a group's points are the sum of its children's."""
    return draw(_criterion(refs, set(), max_depth))


@st.composite
def adjustments(draw: st.DrawFn, refs: Refs | None = None) -> m.Adjustment:
    """Campaign-level bonuses and deductions, once (``when``) or per occurrence (``per``)."""
    value = draw(points(-20, 20))
    limit = draw(optional(points(-50, -1) if value < 0 else points(0, 50)))
    once = draw(st.booleans())
    return m.Adjustment(
        draw(ids()),
        draw(names()),
        value,
        draw(conditions(refs)) if once else None,
        None if once else draw(measure_names()),
        limit,
        draw(optional(names())),
    )


@st.composite
def rubrics(draw: st.DrawFn, refs: Refs | None = None, level_ids: Sequence[str] | None = None) -> m.Rubric:
    """Rubrics whose points add up to the declared total, with a self-assessment cap at most the total."""
    used: set[str] = set()
    tops = [draw(_criterion(refs, used, 2)) for _ in range(draw(st.integers(1, 4)))]
    total = sum((c.points for c in tops), Fraction(0))
    return m.Rubric(
        draw(ids()),
        draw(names()),
        draw(st.lists(ids(), max_size=2)) if level_ids is None else level_ids,
        total,
        tops,
        draw(st.lists(adjustments(refs), max_size=2)),
        draw(st.booleans()),
        draw(optional(points(0, total))),
        draw(optional(names())),
    )


# ---------------------------------------------------------------------- awards


@st.composite
def quotas(draw: st.DrawFn) -> m.Quota:
    """Award quotas: a count or a share."""
    of = draw(st.sampled_from(("members", "eligible")))
    rounding = draw(st.sampled_from(m.Rounding))
    if draw(st.booleans()):
        return m.Quota(count=draw(st.integers(0, 10)), of=of, rounding=rounding)
    return m.Quota(share=draw(shares()), of=of, rounding=rounding)


@st.composite
def award_rules(
    draw: st.DrawFn,
    refs: Refs | None = None,
    level_ids: Sequence[str] | None = None,
    other_awards: Sequence[str] | None = None,
    award_id: str | None = None,
) -> m.AwardRule:
    """Award rules (free unless the references are given)."""
    level = ids() if level_ids is None else st.sampled_from(level_ids)
    other = ids() if other_awards is None else st.sampled_from(other_awards)
    return m.AwardRule(
        award_id or draw(ids()),
        draw(_pick(refs.titles if refs else (), refs)),
        draw(st.lists(level, max_size=2, unique=True)) if level_ids is None or level_ids else (),
        draw(st.lists(conditions(refs), max_size=3)),
        draw(optional(quotas())),
        draw(st.sampled_from(("cluster", "campaign"))),
        draw(st.lists(other, max_size=2, unique=True)) if other_awards is None or other_awards else (),
    )


# ---------------------------------------------------------------------- results


@st.composite
def score_entries(draw: st.DrawFn) -> m.ScoreEntry:
    """Free score entries."""
    return m.ScoreEntry(
        draw(ids()),
        draw(optional(points(0, 30))),
        draw(optional(points(0, 5))),
        draw(optional(texts())),
        draw(st.lists(texts(), max_size=2)),
    )


@st.composite
def assessments(draw: st.DrawFn) -> m.Assessment:
    """Free assessments."""
    return m.Assessment(
        draw(ids()),
        draw(st.lists(score_entries(), max_size=3)),
        draw(optional(dates())),
        draw(optional(texts())),
        draw(st.booleans()),
    )


@_cached
def measures() -> st.SearchStrategy[dict[str, Fraction]]:
    """Reported measures: names and exact values."""
    return st.dictionaries(measure_names(), numbers(-(10**6), 10**9), max_size=4)


@st.composite
def unit_results(draw: st.DrawFn) -> m.UnitResult:
    """Free unit results."""
    counts = st.dictionaries(ids(), st.dictionaries(ids(), st.integers(0, 50), max_size=3), max_size=2)
    return m.UnitResult(
        draw(ids()),
        draw(optional(texts())),
        draw(counts),
        draw(measures()),
        draw(st.dictionaries(measure_names(), st.booleans(), max_size=2)),
        draw(st.dictionaries(measure_names(), dates(), max_size=2)),
        draw(st.lists(assessments(), max_size=2)),
        draw(st.lists(added_criteria(), max_size=1)),
        draw(optional(review_states())),
        draw(st.lists(review_events(), max_size=2)),
    )


@_cached
def proposals() -> st.SearchStrategy[m.Proposal]:
    """Free proposals of a unit for an award."""
    return st.builds(m.Proposal, ids(), ids())


@st.composite
def decisions(draw: st.DrawFn) -> m.Decision:
    """Free decisions of a cluster meeting."""
    return m.Decision(
        draw(ids()),
        draw(st.lists(ids(), max_size=4, unique=True)),
        draw(st.lists(proposals(), max_size=2)),
        draw(optional(dates())),
        draw(optional(texts())),
    )


@st.composite
def results(draw: st.DrawFn) -> m.Results:
    """Free result sets: valid on their own, for no campaign in particular."""
    return m.Results(
        draw(ids()),
        draw(st.integers(2000, 2040)),
        draw(st.lists(unit_results(), max_size=3)),
        draw(st.lists(decisions(), max_size=2)),
        draw(st.booleans()),
        draw(optional(texts())),
    )


@_cached
def history_records() -> st.SearchStrategy[m.HistoryRecord]:
    """Free history records."""
    return st.builds(
        m.HistoryRecord,
        ids(),
        st.integers(2000, 2040),
        optional(ids()),
        st.lists(ids(), max_size=2),
        st.booleans(),
    )


@_cached
def histories() -> st.SearchStrategy[m.History]:
    """Free histories."""
    return st.builds(m.History, st.lists(history_records(), max_size=4), optional(texts()), st.booleans())
