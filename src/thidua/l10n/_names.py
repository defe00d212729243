"""Names of the things a campaign defines, in the reader's language."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeAlias

from thidua import model as m
from thidua.engine import Prepared

__all__ = ["CampaignLike", "Names"]

#: What the explanation functions accept: a campaign, or one prepared with :func:`thidua.prepare`.
CampaignLike: TypeAlias = m.Campaign | Prepared


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str | None: ...


def _index(items: Iterable[_Named]) -> dict[str, _Named]:
    out: dict[str, _Named] = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


class Names:
    """Look up the display name of units, levels, grades, targets... of one campaign.

    English uses ``name_en`` when the campaign gives one and falls back to the
    Vietnamese name; an id the campaign does not define is shown as it is.
    Indexes are built on first use.

    >>> from thidua.examples import load_campaign
    >>> Names(load_campaign(), "en").level("hamlet")
    'Hamlet or quarter'
    >>> Names(load_campaign(), "vi").unit("xa-van-khanh-tay")
    'Xã Vân Khánh Tây'

    .. versionadded:: 0.1.0
    """

    def __init__(self, campaign: CampaignLike, language: str) -> None:
        self._prepared = campaign if isinstance(campaign, Prepared) else None
        self.campaign = campaign.campaign if isinstance(campaign, Prepared) else campaign
        self.language = language

    def _pick(self, item: _Named | None, fallback: str) -> str:
        if item is None:
            return fallback
        if self.language == "en" and item.name_en:
            return item.name_en
        return item.name

    @functools.cached_property
    def _units(self) -> Mapping[str, m.Unit]:
        if self._prepared is not None:
            return self._prepared.units
        return {u.id: u for u in self.campaign.units}

    @functools.cached_property
    def _clusters(self) -> Mapping[str, m.Cluster]:
        return {c.id: c for c in self.campaign.clusters}

    @functools.cached_property
    def _levels(self) -> dict[str, _Named]:
        return _index(self.campaign.levels)

    @functools.cached_property
    def _targets(self) -> dict[str, _Named]:
        return _index(self.campaign.targets())

    @functools.cached_property
    def _criteria(self) -> dict[str, _Named]:
        return _index(c for r in self.campaign.rubrics for c in r.walk())

    @functools.cached_property
    def _adjustments(self) -> dict[str, _Named]:
        return _index(a for r in self.campaign.rubrics for a in r.adjustments)

    @functools.cached_property
    def _titles(self) -> dict[str, _Named]:
        return _index(self.campaign.titles)

    @functools.cached_property
    def _stages(self) -> dict[str, _Named]:
        return _index(self.campaign.stages)

    @functools.cached_property
    def _disqualifiers(self) -> dict[str, _Named]:
        return _index(d for s in self.campaign.scales for d in s.disqualifiers)

    @functools.cached_property
    def _indicators(self) -> dict[str, m.Indicator]:
        return {i.id: i for i in self.campaign.indicators}

    def unit(self, unit_id: str) -> str:
        """The name of a unit."""
        u = self._units.get(unit_id)
        return self._pick(u, unit_id)

    def units(self, unit_ids: Iterable[str]) -> list[str]:
        """The names of several units, in the order given."""
        return [self.unit(u) for u in unit_ids]

    def cluster(self, cluster_id: str) -> str:
        """The name of a cluster or block."""
        return self._pick(self._clusters.get(cluster_id), cluster_id)

    def cluster_obj(self, cluster_id: str) -> m.Cluster | None:
        """The cluster itself, if the campaign has it."""
        return self._clusters.get(cluster_id)

    def level(self, level_id: str) -> str:
        """The name of a level of the hierarchy."""
        return self._pick(self._levels.get(level_id), level_id)

    def unit_level(self, unit_id: str) -> str | None:
        """The level id of a unit, if known."""
        u = self._units.get(unit_id)
        return u.level if u is not None else None

    def grade(self, grade_id: str | None, level: str | None = None) -> str:
        """The name of a grade, from the scale of *level* if given, else the first scale that has it."""
        if grade_id is None:
            return ""
        scales = list(self.campaign.scales)
        if level is not None:
            scale = self.campaign.scale_for(level)
            if scale is not None:
                scales.insert(0, scale)
        for s in scales:
            for g in s.grades:
                if g.id == grade_id:
                    return self._pick(g, grade_id)
        return grade_id

    def target(self, target_id: str) -> str:
        """The wording of a target."""
        return self._pick(self._targets.get(target_id), target_id)

    def target_obj(self, target_id: str) -> m.Target | None:
        """The target itself, if the campaign has it."""
        return self._targets.get(target_id)  # type: ignore[return-value]

    def criterion(self, criterion_id: str) -> str:
        """The wording of a criterion of a rubric."""
        return self._pick(self._criteria.get(criterion_id), criterion_id)

    def adjustment(self, adjustment_id: str) -> str:
        """The wording of a rubric adjustment."""
        return self._pick(self._adjustments.get(adjustment_id), adjustment_id)

    def title(self, title_id: str) -> str:
        """The name of a title or commendation."""
        return self._pick(self._titles.get(title_id), title_id)

    def award(self, award_id: str) -> str:
        """The name of the title an award rule grants."""
        for rule in self.campaign.awards:
            if rule.id == award_id:
                return self.title(rule.title)
        return self.title(award_id)

    def rule(self, rule_id: str) -> str:
        """The name of a target, criterion or award, whichever the campaign defines with this id."""
        if rule_id in self._targets:
            return self.target(rule_id)
        if rule_id in self._criteria:
            return self.criterion(rule_id)
        if any(r.id == rule_id for r in self.campaign.awards):
            return self.award(rule_id)
        return rule_id

    def stage(self, stage_id: str) -> str:
        """The name of a review stage."""
        return self._pick(self._stages.get(stage_id), stage_id)

    def disqualifier(self, disqualifier_id: str) -> str:
        """The wording of a disqualifier."""
        return self._pick(self._disqualifiers.get(disqualifier_id), disqualifier_id)

    def measure(self, measure_id: str) -> str:
        """The name of an indicator, or the measure's id (measures carry no names)."""
        ind = self._indicators.get(measure_id)
        if ind is None or ind.name is None:
            return measure_id
        if self.language == "en" and ind.name_en:
            return ind.name_en
        return ind.name
