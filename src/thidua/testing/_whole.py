"""Strategies for whole, consistent documents: campaigns, their results and history."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from fractions import Fraction
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from thidua import model as m
from thidua.testing._parts import (
    TARGET_KINDS,
    Refs,
    award_rules,
    contiguous_bands,
    disqualifiers,
    grade_caps,
    grades,
    indicators,
    lineages,
    measures,
    movements,
    rubrics,
    stages,
    target,
    titles,
)
from thidua.testing._values import dates, ids, measure_names, names, optional, points, spelled, texts

__all__ = ["campaigns", "histories_for", "results_for"]

T = TypeVar("T")
_DAY = dt.timedelta(days=1)


@functools.lru_cache(maxsize=64)
def _id_lists(n: int, strategy: st.SearchStrategy[str] | None) -> st.SearchStrategy[list[str]]:
    return st.lists(ids() if strategy is None else strategy, min_size=n, max_size=n, unique=True)


def _unique_ids(draw: st.DrawFn, n: int, strategy: st.SearchStrategy[str] | None = None) -> list[str]:
    return draw(_id_lists(n, strategy))


def _split(draw: st.DrawFn, items: Sequence[T], groups: int) -> list[list[T]]:
    """Put each item in one of *groups* groups, or in none."""
    out: list[list[T]] = [[] for _ in range(groups)]
    for item in items:
        g = draw(st.integers(-1, groups - 1))
        if g >= 0:
            out[g].append(item)
    return out


@st.composite
def _hierarchy(draw: st.DrawFn, period: tuple[dt.date, dt.date], max_units: int) -> tuple[list[m.Level], list[m.Unit]]:
    """Levels and units; sometimes a middle level is abolished around the year.

    When a level is abolished (as the district level was on 30 June 2025), its
    units end with it, and the units below it either end too (under their old
    parent) or begin the next day under the level above the abolished one.
    """
    n_levels = draw(st.integers(1, 4))
    level_ids = _unique_ids(draw, n_levels)
    abolished = draw(st.integers(1, n_levels - 2)) if n_levels >= 3 and draw(st.booleans()) else None
    last_day = draw(dates(period[0] - 200 * _DAY, period[1] + 200 * _DAY))
    levels = [
        m.Level(lid, draw(names()), draw(optional(names())), valid_to=last_day if i == abolished else None)
        for i, lid in enumerate(level_ids)
    ]
    unit_ids = iter(_unique_ids(draw, max_units))
    units: list[m.Unit] = []
    on_level: list[list[m.Unit]] = [[] for _ in levels]
    for i, level in enumerate(levels):
        for _ in range(draw(st.integers(1, 3))):
            if len(units) == max_units:
                break
            valid_from, valid_to, above = None, None, i - 1
            if abolished is not None and i in (abolished, abolished + 1):
                if i == abolished + 1 and draw(st.booleans()):
                    valid_from, above = last_day + _DAY, abolished - 1
                else:
                    valid_to = last_day
            elif draw(st.booleans()):
                a = draw(dates(period[0] - 900 * _DAY, period[1] + 900 * _DAY))
                b = draw(dates(period[0] - 900 * _DAY, period[1] + 900 * _DAY))
                valid_from, valid_to = min(a, b), max(a, b)
            if i > 0 and not on_level[above]:
                continue
            unit = m.Unit(
                next(unit_ids),
                f"{draw(names())} {len(units) + 1}",  # names never repeat under a parent
                level.id,
                draw(st.sampled_from(on_level[above])).id if i > 0 else None,
                draw(st.sampled_from(m.UnitKind)),
                draw(optional(st.from_regex(r"\A[0-9]{2,5}\Z"))),
                valid_from,
                valid_to,
                name_en=draw(optional(names())),
            )
            units.append(unit)
            on_level[i].append(unit)
    known = st.sampled_from([u.id for u in units])
    units = [
        attrs.evolve(u, lineage=draw(st.lists(lineages(known), min_size=1, max_size=2))) if draw(st.booleans()) else u
        for u in units
    ]
    return levels, units


@st.composite
def _clusters(draw: st.DrawFn, year: int, active: Sequence[str]) -> list[m.Cluster]:
    """Clusters that split the active units, and a block that may overlap them."""
    out: list[m.Cluster] = []
    cluster_ids = _unique_ids(draw, 4)
    for kind, n in ((m.ClusterKind.CLUSTER, draw(st.integers(0, 3))), (m.ClusterKind.BLOCK, draw(st.integers(0, 1)))):
        for members in _split(draw, active, n):
            if not members:
                continue
            outside = draw(st.booleans())  # a block may be led by a unit that is not a member
            head = draw(optional(st.sampled_from(active if outside else members)))
            deputies = [u for u in members if u != head]
            out.append(
                m.Cluster(
                    cluster_ids[len(out)],
                    draw(names()),
                    kind,
                    year,
                    members,
                    head,
                    draw(optional(st.sampled_from(deputies))) if deputies else None,
                    draw(st.lists(ids(), max_size=2)),
                    not outside,
                    draw(optional(names())),
                )
            )
    return out


@st.composite
def _agreements(  # noqa: PLR0917 - a private builder, called once
    draw: st.DrawFn,
    refs: Refs,
    period: tuple[dt.date, dt.date],
    clusters: Sequence[m.Cluster],
    movement_ids: Sequence[str],
    active: Sequence[str],
) -> list[m.Agreement]:
    if not clusters:
        return []
    n = draw(st.integers(0, 2))
    area_ids = iter(_unique_ids(draw, 2 * n))
    target_ids = iter(_unique_ids(draw, 6 * n))
    share_levels: dict[str, str] = {}  # share or "of which" target → the level it counts
    out = []
    for aid in _unique_ids(draw, n):
        signing = draw(st.lists(st.sampled_from(clusters), min_size=1, max_size=2, unique_by=lambda c: c.id))
        may_sign = sorted({u for c in signing for u in c.members} | {c.head for c in signing if c.head})
        areas = []
        for _ in range(draw(st.integers(0, 2))):
            kinds = [k for k in TARGET_KINDS if k not in (m.ShareTarget, m.ZeroCountTarget, m.OfWhichTarget)]
            targets: list[m.Target] = []
            for _ in range(draw(st.integers(0, 3))):
                options = kinds + ([m.ShareTarget, m.ZeroCountTarget] if refs.rated else [])
                options += [m.OfWhichTarget] if share_levels else []
                t = attrs.evolve(draw(target(draw(st.sampled_from(options)), refs, share_levels)), id=next(target_ids))
                if isinstance(t, m.ShareTarget):
                    share_levels[t.id] = t.counts
                elif isinstance(t, m.OfWhichTarget):
                    share_levels[t.id] = share_levels[t.parent]
                targets.append(t)
            movement = draw(optional(st.sampled_from(movement_ids))) if movement_ids else None
            areas.append(m.ContentArea(next(area_ids), draw(names()), targets, movement, draw(optional(names()))))
        registrations = []
        if refs.titles and active:
            registration = st.builds(m.Registration, st.sampled_from(active), st.sampled_from(refs.titles))
            registrations = draw(st.lists(registration, max_size=2))
        out.append(
            m.Agreement(
                aid,
                [c.id for c in signing],
                draw(optional(dates(*period))),
                draw(st.lists(st.sampled_from(may_sign), max_size=3, unique=True)) if may_sign else (),
                areas,
                registrations,
            )
        )
    return out


@st.composite
def _scale(
    draw: st.DrawFn, refs: Refs, scale_id: str, level_ids: Sequence[str], grade_ids: Sequence[str]
) -> m.RatingScale:
    grade = st.sampled_from(grade_ids)
    return m.RatingScale(
        scale_id,
        draw(names()),
        level_ids,
        [attrs.evolve(draw(grades(refs)), id=g) for g in grade_ids],
        draw(contiguous_bands(grade_ids)) if draw(st.booleans()) else (),
        draw(st.dictionaries(names(), grade, max_size=2)),
        draw(st.lists(disqualifiers(refs, grade), max_size=2)),
        draw(st.lists(grade_caps(grade), max_size=2)),
        draw(optional(names())),
    )


@st.composite
def campaigns(draw: st.DrawFn, *, max_units: int = 12) -> m.Campaign:
    """Whole campaigns that :func:`~thidua.model.validate_campaign` accepts.

    A drawn campaign has 1 to 4 levels (sometimes one abolished around the
    year, as the district level was on 30 June 2025), units with validity
    periods and lineage, clusters and blocks, agreements with targets of every
    kind, rating scales with bands, rubrics whose points add up, titles,
    awards, indicators and review stages.

    Args:
        max_units: the most units a campaign has.

    .. versionadded:: 0.1.0
    """
    year = draw(st.integers(2015, 2030))
    start = end = None
    if draw(st.booleans()):
        start = draw(dates(dt.date(year - 1, 11, 1), dt.date(year, 1, 1)))
        end = draw(dates(dt.date(year, 10, 31), dt.date(year, 12, 31)))
    period = (start or dt.date(year, 1, 1), end or dt.date(year, 12, 31))
    levels, units = draw(_hierarchy(period, max_units))
    level_ids = [lv.id for lv in levels]
    active = [u.id for u in units if u.overlaps(*period)]
    clusters = draw(_clusters(year, active))

    # Scales are drawn in two steps: targets name their grades, and grades' requirements name targets.
    skeletons = [
        (lvs, _unique_ids(draw, draw(st.integers(1, 4)))) for lvs in _split(draw, level_ids, draw(st.integers(0, 2)))
    ]
    title_list = [
        attrs.evolve(t, id=i) for i, t in zip(_unique_ids(draw, 3), draw(st.lists(titles(), max_size=3)), strict=False)
    ]
    history = draw(st.booleans())
    refs = Refs(
        grades=tuple(sorted({g for _, gs in skeletons for g in gs})),
        titles=tuple(t.id for t in title_list),
        history=history,
        rated_levels=tuple((lv, tuple(gs)) for lvs, gs in skeletons for lv in lvs),
    )
    movement_ids = _unique_ids(draw, draw(st.integers(0, 2)))
    agreements = draw(_agreements(refs, period, clusters, movement_ids, active))
    area_ids = [a.id for ag in agreements for a in ag.content_areas]
    refs = attrs.evolve(refs, targets=tuple(t.id for ag in agreements for t in ag.targets()))
    scales = [
        draw(_scale(refs, sid, lvs, gs))
        for (lvs, gs), sid in zip(skeletons, _unique_ids(draw, len(skeletons)), strict=True)
    ]
    rubric_levels = _split(draw, level_ids, draw(st.integers(0, 2)))
    rubric_list: list[m.Rubric] = []
    for lvs, rid in zip(rubric_levels, _unique_ids(draw, len(rubric_levels)), strict=True):
        keep: bool = draw(st.booleans())
        if lvs or keep:  # a rubric may score no level yet
            rubric_list.append(attrs.evolve(draw(rubrics(refs, lvs)), id=rid))
    assessed = any(isinstance(c.method, m.Assessed) for r in rubric_list for c in r.leaves())
    stage_list = [
        attrs.evolve(s, id=i)
        for i, s in zip(
            _unique_ids(draw, 3), draw(st.lists(stages(), min_size=1 if assessed else 0, max_size=3)), strict=False
        )
    ]
    award_ids = _unique_ids(draw, draw(st.integers(0, 3))) if refs.titles else []
    awards = [draw(award_rules(refs, level_ids, [a for a in award_ids if a != aid], aid)) for aid in award_ids]
    # an indicator names measures and earlier indicators only, so indicators never form a cycle
    indicator_ids = _unique_ids(draw, draw(st.integers(0, 3)), measure_names())
    plain = measure_names().filter(lambda s: s not in indicator_ids)
    indicator_list = [
        attrs.evolve(draw(indicators(plain | st.sampled_from(indicator_ids[:k]) if k else plain)), id=iid)
        for k, iid in enumerate(indicator_ids)
    ]
    campaign = m.Campaign(
        draw(ids()),
        draw(names()),
        year,
        levels,
        units,
        draw(optional(names())),
        start,
        end,
        clusters,
        [draw(movements(area_ids, mid)) for mid in movement_ids],
        agreements,
        scales,
        rubric_list,
        title_list,
        awards,
        indicator_list,
        stage_list,
        draw(st.sampled_from(m.MissingPolicy)),
        draw(st.sampled_from(m.LineagePolicy)) if history else None,
        draw(st.lists(measure_names(), max_size=2)),
        draw(st.booleans()),
        draw(optional(texts())),
        draw(optional(names())),
    )
    return _named(draw, campaign)


def _named(draw: st.DrawFn, campaign: m.Campaign) -> m.Campaign:
    """The campaign with a name (and sometimes a unit) for every measure, flag, event and indicator it uses."""
    found: dict[str, list[m.Input]] = {"measure": [], "flag": [], "event": []}
    unnamed_indicators = set()
    for p in m.validate_campaign(campaign):
        kind = p.code.removeprefix("unnamed-")
        if kind in found:
            found[kind].append(m.Input(p.params[kind], draw(names()), draw(optional(names()))))
        elif kind == "indicator":
            unnamed_indicators.add(p.params["indicator"])
    measures = [attrs.evolve(x, unit=draw(optional(names()))) for x in found["measure"]]
    indicators = [attrs.evolve(i, name=draw(names())) if i.id in unnamed_indicators else i for i in campaign.indicators]
    return attrs.evolve(campaign, measures=measures, flags=found["flag"], events=found["event"], indicators=indicators)


def _labels(scale: m.RatingScale) -> st.SearchStrategy[str]:
    """The ways a report may name a grade: id, name (NFC or NFD, any case), short name, legacy label."""
    options: list[str] = list(scale.grade_ids)
    for g in scale.grades:
        options += [g.name, spelled(g.name, "NFD")]
        if g.name.upper().casefold() == g.name.casefold():
            options.append(g.name.upper())
        if g.short:
            options.append(g.short)
    options += list(scale.legacy)
    return st.sampled_from(options)


@st.composite
def _assessments(draw: st.DrawFn, campaign: m.Campaign, rubric: m.Rubric) -> list[m.Assessment]:
    """Scores at some of the stages, in order; later stages give a reason for each change."""
    if rubric.self_cap is not None and rubric.self_cap < 0:
        return []  # no self-assessment stays under a negative cap
    stage_ids = [s.id for s in campaign.stages]
    chosen = sorted(draw(st.lists(st.integers(0, len(stage_ids) - 1), max_size=len(stage_ids), unique=True)))
    leaves = [c for c in rubric.leaves() if isinstance(c.method, m.Assessed)]
    out = []
    for j, pos in enumerate(chosen):
        entries = []
        budget: Fraction | None = rubric.self_cap if j == 0 else None
        scored = (
            draw(st.lists(st.sampled_from(leaves), unique_by=lambda c: c.id, max_size=len(leaves))) if leaves else []
        )
        for crit in scored:
            value = draw(points(0, crit.points))
            if budget is not None:
                value = min(value, budget)
                budget -= value
            bonus = draw(optional(points(0, crit.bonus))) if crit.bonus is not None else None
            reason = draw(texts()) if j > 0 else draw(optional(texts()))
            entries.append(m.ScoreEntry(crit.id, value, bonus, reason, draw(st.lists(texts(), max_size=1))))
        out.append(m.Assessment(stage_ids[pos], entries, draw(optional(dates())), draw(optional(texts()))))
    return out


@st.composite
def results_for(draw: st.DrawFn, campaign: m.Campaign) -> m.Results:
    """Result sets that :func:`~thidua.model.validate_results` accepts for *campaign*.

    Units report ratings under any spelling of their grade (id, name in NFC
    or NFD, short name, legacy label), counts of sub-units by grade (with the
    total of sub-units when some grade is left out), measures (amounts of money
    whole, quotas above 0), flags, dates, and scores at the review stages in order.

    .. versionadded:: 0.1.0
    """
    active = [u for u in campaign.units if u.overlaps(*campaign.period)]
    chosen = draw(st.lists(st.sampled_from(active), unique_by=lambda u: u.id, max_size=6)) if active else []
    rated = {lv.id: s for lv in campaign.levels if (s := campaign.scale_for(lv.id)) is not None}
    # amounts of money are whole đồng, and a quota is above 0
    money = {t.measure for t in campaign.targets() if isinstance(t, m.QuotaTarget)}
    quotas = {t.quota_measure for t in campaign.targets() if isinstance(t, m.QuotaTarget) and t.quota_measure}
    rows = []
    for unit in chosen:
        scale = campaign.scale_for(unit.level)
        rubric = campaign.rubric_for(unit.level)
        counts = {
            level: draw(st.dictionaries(st.sampled_from(rated[level].grade_ids), st.integers(0, 40), max_size=4))
            for level in (draw(st.lists(st.sampled_from(sorted(rated)), max_size=2, unique=True)) if rated else [])
        }
        # a level given in part comes with its total of sub-units (the grades left out count 0)
        totals = {
            level: sum(by_grade.values())
            for level, by_grade in counts.items()
            if len(by_grade) < len(rated[level].grades) or draw(st.booleans())
        }
        drawn = draw(measures())
        for name in money.union(quotas).intersection(drawn):
            whole = abs(int(drawn[name]))
            drawn[name] = m.Number(m.parse_number(whole + 1 if name in quotas else whole))
        rows.append(
            m.UnitResult(
                unit.id,
                draw(optional(_labels(scale))) if scale is not None else None,
                counts,
                drawn,
                draw(st.dictionaries(measure_names(), st.booleans(), max_size=2)),
                draw(st.dictionaries(measure_names(), dates(*campaign.period), max_size=2)),
                draw(_assessments(campaign, rubric)) if rubric is not None and campaign.stages else (),
                totals=totals,
            )
        )
    award_ids = [a.id for a in campaign.awards]
    decisions = []
    meeting = st.lists(st.sampled_from(campaign.clusters), unique_by=lambda c: c.id, max_size=2)
    for cl in draw(meeting) if campaign.clusters else []:
        order = draw(st.lists(st.sampled_from(cl.members), unique=True, max_size=len(cl.members)))
        proposal = st.builds(m.Proposal, st.sampled_from(cl.members), st.sampled_from(award_ids or [""]))
        proposals = draw(st.lists(proposal, max_size=2)) if award_ids else []
        on = draw(optional(dates(*campaign.period)))
        decisions.append(m.Decision(cl.id, order, proposals, on, draw(optional(texts()))))
    return m.Results(campaign.id, campaign.year, rows, decisions, draw(st.booleans()), draw(optional(texts())))


@st.composite
def histories_for(draw: st.DrawFn, campaign: m.Campaign) -> m.History:
    """Histories that :func:`~thidua.model.validate_history` accepts for *campaign*.

    .. versionadded:: 0.1.0
    """
    unit = st.sampled_from([u.id for u in campaign.units]) if campaign.units else st.nothing()
    grade_ids = sorted({g.id for s in campaign.scales for g in s.grades})
    title_ids = [t.id for t in campaign.titles]
    year = st.integers(campaign.year - 8, campaign.year - 1)
    keys = draw(st.lists(st.tuples(unit, year), unique=True, max_size=6)) if campaign.units else []
    records = [
        m.HistoryRecord(
            u,
            y,
            draw(optional(st.sampled_from(grade_ids))) if grade_ids else None,
            draw(st.lists(st.sampled_from(title_ids), max_size=2)) if title_ids else (),
            draw(st.booleans()),
        )
        for u, y in keys
    ]
    return m.History(records, draw(optional(texts())), draw(st.booleans()))
