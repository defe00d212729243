"""The results tables a campaign asks for: which units report, and which inputs, level by level.

Shared by the Excel and CSV templates (:func:`thidua.io.make_template`) and
by the reader of filled-in tables (:func:`thidua.io.read_results_table`),
so that a column written by one is understood by the other.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import ClassVar

import attrs

from thidua import model as m
from thidua.formula import identifiers as names
from thidua.formula import parse

__all__ = ["Column", "LevelTable", "table_layout"]


@attrs.frozen
class Column:
    """One input column of a results table.

    Attributes:
        key: the column key, e.g. ``"measure:fund_raised"``.
        kind: ``rating``, ``measure``, ``total`` (the number of sub-units on a level),
            ``count``, ``flag``, ``date``, ``points`` or ``bonus``.
        ref: the measure, flag, date, criterion or level id the column fills.
        grade: for ``count`` columns, the grade counted.
        number: ``"whole"``, ``"vnd"`` (a whole amount of VND) or ``"decimal"``;
            ``None`` for columns that hold no number.
        maximum: the largest value allowed (points of a criterion), if any.
        title: the campaign's wording of what the column is for (Vietnamese): the
            name of the measure, flag or event when the campaign declares it, else
            the wording of the first rule that uses it.
        title_en: the same in English, if the campaign has it.
        choices: for ``rating`` columns, the grade ids, best first.
        unit: the unit of a measure the campaign declares (``"cuộc"``, ``"đồng"``).
        unit_en: the same in English.

    .. versionadded:: 0.1.0
    """

    key: str
    kind: str
    ref: str
    grade: str | None = None
    number: str | None = None
    maximum: Fraction | None = None
    title: str = ""
    title_en: str | None = None
    choices: tuple[str, ...] = ()
    unit: str | None = None
    unit_en: str | None = None


@attrs.frozen
class LevelTable:
    """The units of one level that report results, and the columns they fill.

    .. versionadded:: 0.1.0
    """

    level: m.Level
    units: tuple[m.Unit, ...]
    columns: tuple[Column, ...]


class _Collector:
    """Gathers the inputs a level needs, in a stable order."""

    _RANK: ClassVar[dict[str, int]] = {"decimal": 0, "whole": 1, "vnd": 2}

    def __init__(self, campaign: m.Campaign) -> None:
        self.campaign = campaign
        self.indicators = {i.id: parse(i.formula) for i in campaign.indicators}
        self.measures: dict[str, tuple[str, str, str | None]] = {}
        self.flags: dict[str, tuple[str, str | None]] = {}
        self.dates: dict[str, tuple[str, str | None]] = {}

    def measure(self, name: str, number: str, title: str, title_en: str | None) -> None:
        if name in self.indicators:
            for sub in sorted(names(self.indicators[name])):
                self.measure(sub, number, title, title_en)
            return
        old = self.measures.get(name)
        if old is None:
            self.measures[name] = (number, title, title_en)
        elif self._RANK[number] > self._RANK[old[0]]:
            self.measures[name] = (number, old[1], old[2])

    def formula(self, text: str, title: str, title_en: str | None) -> None:
        for name in sorted(names(parse(text))):
            self.measure(name, "decimal", title, title_en)

    def condition(self, cond: m.Condition, title: str, title_en: str | None) -> None:
        if isinstance(cond, m.Flag):
            self.flags.setdefault(cond.flag, (title, title_en))
        elif isinstance(cond, m.MeasureAtLeast):
            self.measure(cond.measure, "decimal", title, title_en)
        elif isinstance(cond, m.WhenFormula):
            self.formula(cond.formula, title, title_en)
        elif isinstance(cond, m.AnyOf):
            for sub in cond.conditions:
                self.condition(sub, title, title_en)

    def target(self, t: m.Target) -> None:
        title, en = t.name, t.name_en
        if isinstance(t, m.CountTarget):
            self.measure(t.measure, "whole", title, en)
        elif isinstance(t, m.QuotaTarget):
            self.measure(t.measure, "vnd", title, en)
            if t.quota_measure:
                self.measure(t.quota_measure, "vnd", title, en)
        elif isinstance(t, m.ChangeTarget):
            self.measure(t.measure, "decimal", title, en)
            self.measure(t.baseline, "decimal", title, en)
        elif isinstance(t, m.FormulaTarget):
            self.formula(t.formula, title, en)
        elif isinstance(t, m.DeadlineTarget):
            self.dates.setdefault(t.event, (title, en))

    def criterion(self, c: m.Criterion) -> None:
        method, title, en = c.method, c.name, c.name_en
        if isinstance(method, m.Proportional):
            self.measure(method.measure, "decimal", title, en)
            if method.target_measure:
                self.measure(method.target_measure, "decimal", title, en)
        elif isinstance(method, m.PerOccurrence | m.Bonus | m.Penalty):
            self.measure(method.measure, "whole", title, en)
        elif isinstance(method, m.StepTable):
            self.measure(method.measure, "decimal", title, en)
        elif isinstance(method, m.PassFail):
            self.condition(method.when, title, en)

    def column(self, kind: str, name: str, number: str | None, title: str, title_en: str | None) -> Column:
        """A column for an input, worded with the input's own name and unit when the campaign declares it."""
        key = f"{kind}:{name}"
        found = self.campaign.input(name)
        if found is None:
            return Column(key, kind, name, number=number, title=title, title_en=title_en)
        return Column(
            key,
            kind,
            name,
            number=number,
            title=found.name,
            title_en=found.name_en,
            unit=found.unit,
            unit_en=found.unit_en,
        )

    def columns(self) -> list[Column]:
        out: list[Column] = []
        for name, (number, title, en) in self.measures.items():
            if name not in self.flags:
                out.append(self.column("measure", name, number, title, en))
        out.extend(self.column("flag", name, None, title, en) for name, (title, en) in self.flags.items())
        out.extend(self.column("date", name, None, title, en) for name, (title, en) in self.dates.items())
        return out


def _share_levels(targets: Iterable[m.Target], all_targets: dict[str, m.Target]) -> list[str]:
    levels: list[str] = []
    for t in targets:
        root: m.Target | None = t
        seen: set[str] = set()
        while isinstance(root, m.OfWhichTarget) and root.id not in seen:
            seen.add(root.id)
            root = all_targets.get(root.parent)
        if isinstance(root, m.ShareTarget | m.ZeroCountTarget) and root.counts not in levels:
            levels.append(root.counts)
    return levels


#: the layout of the last few campaigns, by identity (a workbook read looks it up four times;
#: the national campaign takes a third of a second to lay out); frozen values, shared freely
_LAYOUTS: dict[int, tuple[m.Campaign, tuple[LevelTable, ...]]] = {}


def table_layout(campaign: m.Campaign) -> tuple[LevelTable, ...]:
    """The tables a campaign's results need: one per level, with its units and columns.

    Reporting units are the cluster members and agreement signatories that
    exist in the campaign year, and the units below them whose grades the
    targets count. Columns are the inputs used by the targets, criteria and
    conditions that apply to the level.

    >>> import thidua
    >>> tables = table_layout(thidua.examples.load_campaign("an-minh-2022"))
    >>> [(t.level.id, len(t.units)) for t in tables]
    [('commune', 11)]
    >>> [c.key for c in tables[0].columns][:3]
    ['total:hamlet', 'count:hamlet:htxs', 'count:hamlet:htt']

    .. versionadded:: 0.1.0
    """
    hit = _LAYOUTS.get(id(campaign))
    if hit is not None and hit[0] is campaign:
        return hit[1]
    if len(_LAYOUTS) >= 8:
        _LAYOUTS.clear()
    layout = _layout(campaign)
    _LAYOUTS[id(campaign)] = (campaign, layout)
    return layout


def _layout(campaign: m.Campaign) -> tuple[LevelTable, ...]:
    from thidua.engine import prepare

    p = prepare(campaign)
    reporting: set[str] = {u for cl in campaign.clusters for u in cl.members}
    reporting.update(p.member_targets)
    reporting &= p.in_period
    targets_of: dict[str, list[m.Target]] = {}
    for u in sorted(reporting):
        lv = p.units[u].level
        bucket = targets_of.setdefault(lv, [])
        bucket.extend(t for t in p.member_targets.get(u, ()) if t not in bucket)
        for cid in p.unit_clusters.get(u, ()):
            bucket.extend(t for t in p.cluster_targets.get(cid, ()) if t not in bucket)
    rated: set[str] = set()
    count_levels: dict[str, list[str]] = {}
    for lv, targets in targets_of.items():
        for sub in _share_levels(targets, dict(p.targets)):
            if sub == lv:
                continue
            below = {d for u in reporting if p.units[u].level == lv for d in p.descendants_at(u, sub)}
            if below:
                rated |= below
            else:
                count_levels.setdefault(lv, []).append(sub)
    everyone = reporting | rated
    tables: list[LevelTable] = []
    for level in campaign.levels:
        units = sorted((p.units[u] for u in everyone if p.units[u].level == level.id), key=_unit_order)
        if units:
            columns = _level_columns(campaign, level.id, targets_of.get(level.id, []), count_levels.get(level.id, []))
            tables.append(LevelTable(level, tuple(units), tuple(columns)))
    return tuple(tables)


def _unit_order(u: m.Unit) -> tuple[str, str, str]:
    return (u.parent or "", u.code or "", u.id)


def _level_columns(campaign: m.Campaign, level: str, targets: list[m.Target], count_levels: list[str]) -> list[Column]:
    out: list[Column] = []
    scale = campaign.scale_for(level)
    rubric = campaign.rubric_for(level)
    if scale is not None and not (rubric is not None and scale.bands):
        out.append(Column("rating", "rating", level, title=scale.name, title_en=scale.name_en, choices=scale.grade_ids))
    for sub in count_levels:
        sub_scale = campaign.scale_for(sub)
        if sub_scale is None:
            continue
        sub_level = next((lv for lv in campaign.levels if lv.id == sub), None)
        out.append(
            Column(
                f"total:{sub}",
                "total",
                sub,
                number="whole",
                title=sub_level.name if sub_level else sub,
                title_en=sub_level.name_en if sub_level else None,
            )
        )
        out.extend(
            Column(f"count:{sub}:{g.id}", "count", sub, grade=g.id, number="whole", title=g.name, title_en=g.name_en)
            for g in sub_scale.grades
        )
    col = _Collector(campaign)
    for t in targets:
        col.target(t)
    if rubric is not None:
        for c in rubric.leaves():
            col.criterion(c)
        for adj in rubric.adjustments:
            if adj.per:
                col.measure(adj.per, "whole", adj.name, adj.name_en)
            if adj.when is not None:
                col.condition(adj.when, adj.name, adj.name_en)
    if scale is not None:
        for g in scale.grades:
            for cond in g.requires:
                col.condition(cond, g.name, g.name_en)
        for d in scale.disqualifiers:
            col.condition(d.when, d.name, d.name_en)
        for cap in scale.caps:
            for name in cap.tie_break:
                col.measure(name, "decimal", scale.name, scale.name_en)
    titles = {t.id: t for t in campaign.titles}
    for award in campaign.awards:
        if level in award.levels:
            title = titles.get(award.title)
            for cond in award.conditions:
                col.condition(cond, title.name if title else award.id, title.name_en if title else None)
    for name in campaign.tie_breaks:
        col.measure(name, "decimal", campaign.name, campaign.name_en)
    out.extend(col.columns())
    if rubric is not None and campaign.stages:
        for c in rubric.leaves():
            if isinstance(c.method, m.Assessed):
                out.append(
                    Column(
                        f"points:{c.id}",
                        "points",
                        c.id,
                        number="decimal",
                        maximum=c.points,
                        title=c.name,
                        title_en=c.name_en,
                    )
                )
                if c.bonus:
                    out.append(
                        Column(
                            f"bonus:{c.id}",
                            "bonus",
                            c.id,
                            number="decimal",
                            maximum=c.bonus,
                            title=c.name,
                            title_en=c.name_en,
                        )
                    )
    return out
