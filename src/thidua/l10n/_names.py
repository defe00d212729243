"""Names of the things a campaign defines, in the reader's language."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol, TypeAlias

from thidua import model as m
from thidua._problems import N_
from thidua.engine import Prepared
from thidua.l10n._text import in_sentence, lower_first, starts_with_generic

__all__ = ["STATUS_KINDS", "CampaignLike", "Names"]

#: What the explanation functions accept: a campaign, or one prepared with :func:`thidua.prepare`.
CampaignLike: TypeAlias = m.Campaign | Prepared

#: The mark shown beside a name, by source (an item from a published source has none).
_MARKS: Mapping[m.Source, str] = {
    m.Source.UNVERIFIED: N_("(unverified)"),
    m.Source.PROPOSAL: N_("(proposal)"),
    m.Source.SAMPLE: N_("(sample)"),
}
#: One line of the legend for each mark.
_LEGEND: Mapping[m.Source, str] = {
    m.Source.UNVERIFIED: N_("(unverified): from a source not yet checked"),
    m.Source.PROPOSAL: N_("(proposal): no source gives it; proposed to complete the campaign"),
    m.Source.SAMPLE: N_("(sample): made up for illustration, not a real rule or figure"),
}
#: The kinds of items :meth:`Names.label_with_status` knows.
STATUS_KINDS: tuple[str, ...] = (
    "target",
    "criterion",
    "adjustment",
    "award",
    "cluster",
    "content_area",
    "disqualifier",
    "band",
)


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
    """Look up the display name of units, levels, grades, targets, measures... of one campaign.

    English uses ``name_en`` when the campaign gives one and falls back to the
    Vietnamese name; an id the campaign does not define is shown as it is
    (``thidua validate`` warns about inputs left without a name). Indexes are
    built on first use. A ``Names`` is not shared across threads while its
    indexes are being built; it holds nothing else that changes.

    >>> from thidua.examples import load_campaign
    >>> Names(load_campaign(), "en").level("hamlet")
    'Hamlet or quarter'
    >>> Names(load_campaign(), "vi").unit("xa-van-khanh-tay")
    'Xã Vân Khánh Tây'
    >>> Names(load_campaign(), "vi").unit_in_sentence("xa-van-khanh-tay")
    'xã Vân Khánh Tây'
    >>> Names(load_campaign(), "vi").measure("fund_raised"), Names(load_campaign(), "vi").is_money("fund_raised")
    ('Số tiền vận động Quỹ “Vì người nghèo”', True)

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

    def _text(self, vi: str | None, en: str | None) -> str | None:
        return en if self.language == "en" and en else vi

    def gettext(self, message: str) -> str:
        """Translate *message* into this reader's language."""
        from thidua.l10n._catalog import get_translator

        return get_translator(self.language).gettext(message)

    @functools.cached_property
    def _units(self) -> Mapping[str, m.Unit]:
        if self._prepared is not None:
            return self._prepared.units
        return {u.id: u for u in self.campaign.units}

    @functools.cached_property
    def _clusters(self) -> Mapping[str, m.Cluster]:
        return {c.id: c for c in self.campaign.clusters}

    @functools.cached_property
    def _agreements(self) -> Mapping[str, m.Agreement]:
        return {a.id: a for a in self.campaign.agreements}

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
    def _content_areas(self) -> dict[str, _Named]:
        return _index(area for a in self.campaign.agreements for area in a.content_areas)

    @functools.cached_property
    def _indicators(self) -> dict[str, m.Indicator]:
        return {i.id: i for i in self.campaign.indicators}

    @functools.cached_property
    def _inputs(self) -> dict[str, m.Input]:
        out: dict[str, m.Input] = {}
        for x in (*self.campaign.measures, *self.campaign.flags, *self.campaign.events):
            out.setdefault(x.id, x)
        return out

    @functools.cached_property
    def _money(self) -> frozenset[str]:
        found = {
            name
            for t in self.campaign.targets()
            if isinstance(t, m.QuotaTarget)
            for name in (t.measure, t.quota_measure)
            if name is not None
        }
        found.update(x.id for x in self.campaign.measures if x.unit in ("đồng", "VND", "₫"))
        return frozenset(found)

    # -- units and groups ------------------------------------------------------------

    def unit(self, unit_id: str) -> str:
        """The name of a unit, as written at the head of a line or in a list."""
        u = self._units.get(unit_id)
        return self._pick(u, unit_id)

    def unit_in_sentence(self, unit_id: str) -> str:
        """The name of a unit inside a sentence: in Vietnamese its generic noun in lower case ("xã Vân Khánh")."""
        u = self._units.get(unit_id)
        if u is None:
            return unit_id
        if self.language != "vi":
            return u.name_en or u.name
        return in_sentence(u.name, keep_capital=u.keep_capital)

    def units(self, unit_ids: Iterable[str]) -> list[str]:
        """The names of several units, in the order given."""
        return [self.unit(u) for u in unit_ids]

    def units_in_sentence(self, unit_ids: Iterable[str]) -> list[str]:
        """The names of several units inside a sentence, in the order given."""
        return [self.unit_in_sentence(u) for u in unit_ids]

    def unit_obj(self, unit_id: str) -> m.Unit | None:
        """The unit itself, if the campaign has it."""
        return self._units.get(unit_id)

    def is_area(self, unit_id: str) -> bool:
        """Whether a unit is named as an area (xã, phường, huyện...) rather than as an organisation."""
        u = self._units.get(unit_id)
        return u is not None and starts_with_generic(u.name) is not None

    def cluster(self, cluster_id: str) -> str:
        """The name of a cluster or block, or of an agreement (``"agreement:<id>"`` or its id)."""
        found = self._clusters.get(cluster_id)
        if found is not None:
            return self._pick(found, cluster_id)
        if cluster_id.startswith("agreement:") or cluster_id in self._agreements:
            return self.agreement(cluster_id.removeprefix("agreement:"))
        return cluster_id

    def cluster_obj(self, cluster_id: str) -> m.Cluster | None:
        """The cluster itself, if the campaign has it."""
        return self._clusters.get(cluster_id)

    def is_block(self, cluster_id: str) -> bool:
        """Whether the group is a functional block (khối) rather than a territorial cluster (cụm)."""
        found = self._clusters.get(cluster_id)
        return found is not None and found.kind is m.ClusterKind.BLOCK

    def agreement(self, agreement_id: str) -> str:
        """The name of an agreement; without one, "the agreement signed by …" and its clusters."""
        a = self._agreements.get(agreement_id)
        if a is None:
            return agreement_id
        name = self._text(a.name, a.name_en)
        if name:
            return name
        from thidua.l10n._catalog import get_translator

        t = get_translator(self.language)
        clusters = t.format_list([self.cluster(c) for c in a.clusters])
        return t.gettext("the agreement signed by %(clusters)s") % {"clusters": clusters}

    def agreement_obj(self, subject: str) -> m.Agreement | None:
        """The agreement a subject ``"agreement:<id>"`` names, if any."""
        if not subject.startswith("agreement:"):
            return None
        return self._agreements.get(subject.removeprefix("agreement:"))

    def subject(self, subject: str) -> str:
        """The name of what a verdict is about: a unit, a cluster, an agreement or a level."""
        if subject in self._units:
            return self.unit(subject)
        if subject.startswith("level:"):
            return self.level(subject.removeprefix("level:"))
        return self.cluster(subject)

    def level(self, level_id: str) -> str:
        """The name of a level of the hierarchy."""
        return self._pick(self._levels.get(level_id), level_id)

    def level_in_sentence(self, level_id: str) -> str:
        """The name of a level inside a sentence ("ấp, khu phố")."""
        return lower_first(self.level(level_id))

    def level_obj(self, level_id: str) -> m.Level | None:
        """The level itself, if the campaign has it."""
        found = self._levels.get(level_id)
        return found if isinstance(found, m.Level) else None

    def unit_level(self, unit_id: str) -> str | None:
        """The level id of a unit, if known."""
        u = self._units.get(unit_id)
        return u.level if u is not None else None

    # -- grades --------------------------------------------------------------------------

    def _scale(self, grade_id: str, level: str | None) -> m.RatingScale | None:
        if level is not None:
            scale = self.campaign.scale_for(level)
            if scale is not None and grade_id in scale.grade_ids:
                return scale
        for s in self.campaign.scales:
            if grade_id in s.grade_ids:
                return s
        return None

    def grade(self, grade_id: str | None, level: str | None = None) -> str:
        """The name of a grade, from the scale of *level* if given, else the first scale that has it."""
        if grade_id is None:
            return ""
        scale = self._scale(grade_id, level)
        if scale is not None:
            for g in scale.grades:
                if g.id == grade_id:
                    return self._pick(g, grade_id)
        return grade_id

    def grade_forms(self, grade_id: str, level: str | None = None) -> tuple[str, ...]:
        """The ways a grade may be written: its id, names and abbreviation (not the scale's legacy labels)."""
        scale = self._scale(grade_id, level)
        if scale is None:
            return (grade_id,)
        g = next(g for g in scale.grades if g.id == grade_id)
        return tuple(x for x in (g.id, g.name, g.name_en, g.short) if x)

    def grade_position(self, grade_id: str, level: str | None = None) -> tuple[bool, bool]:
        """Whether a grade is the best and whether it is the worst of its scale."""
        scale = self._scale(grade_id, level)
        if scale is None:
            return False, False
        ids = scale.grade_ids
        return ids[0] == grade_id, ids[-1] == grade_id

    # -- rules -------------------------------------------------------------------------

    def target(self, target_id: str) -> str:
        """The wording of a target; an "of which" target is always named with its parent."""
        own = self.target_own(target_id)
        t = self._targets.get(target_id)
        if not isinstance(t, m.OfWhichTarget):
            return own
        parent = self.target(t.parent) if t.parent in self._targets and t.parent != target_id else t.parent
        joiner = ", " if own[:1].islower() else "; "
        return parent + joiner + own

    def target_own(self, target_id: str) -> str:
        """The wording of a target alone (for an "of which" target, without its parent)."""
        return self._pick(self._targets.get(target_id), target_id)

    def target_obj(self, target_id: str) -> m.Target | None:
        """The target itself, if the campaign has it."""
        return self._targets.get(target_id)  # type: ignore[return-value]

    def criterion(self, criterion_id: str) -> str:
        """The wording of a criterion of a rubric."""
        return self._pick(self._criteria.get(criterion_id), criterion_id)

    def criterion_obj(self, criterion_id: str) -> m.Criterion | None:
        """The criterion itself, if the campaign has it."""
        return self._criteria.get(criterion_id)  # type: ignore[return-value]

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

    def content_area(self, area_id: str) -> str:
        """The wording of a content area of an agreement."""
        return self._pick(self._content_areas.get(area_id), area_id)

    # -- inputs ------------------------------------------------------------------------

    def measure(self, measure_id: str) -> str:
        """The name of a measure (or of an indicator); its id when the campaign names neither."""
        found = self._inputs.get(measure_id)
        if found is not None:
            return self._pick(found, measure_id)
        ind = self._indicators.get(measure_id)
        if ind is None or ind.name is None:
            return measure_id
        if self.language == "en" and ind.name_en:
            return ind.name_en
        return ind.name

    def flag(self, flag_id: str) -> str:
        """The name of a flag (a true/false fact units report)."""
        return self.measure(flag_id)

    def event(self, event_id: str) -> str:
        """The name of an event whose date units report."""
        return self.measure(event_id)

    def unit_of(self, measure_id: str) -> str | None:
        """The unit of a measure in the reader's language ("cuộc", "hộ"), if the campaign gives one.

        In English a measure whose unit has no English form is shown without a unit.
        """
        found = self._inputs.get(measure_id)
        if found is None:
            return None
        if self.language == "en":
            return found.unit_en
        return found.unit

    def is_money(self, measure_id: str) -> bool:
        """Whether a measure is an amount of money in đồng (a quota's measure, or declared in đồng)."""
        return measure_id in self._money

    # -- what is real --------------------------------------------------------------------

    def _status_item(self, kind: str, item_id: str, level: str | None) -> object:
        if kind == "target":
            return self._targets.get(item_id)
        if kind == "criterion":
            return self._criteria.get(item_id)
        if kind == "adjustment":
            return self._adjustments.get(item_id)
        if kind == "award":
            return next((a for a in self.campaign.awards if a.id == item_id), None)
        if kind == "content_area":
            return self._content_areas.get(item_id)
        if kind == "disqualifier":
            return self._disqualifiers.get(item_id)
        if kind == "band":
            scale = self._scale(item_id, level)
            return next((b for b in scale.bands if b.grade == item_id), None) if scale is not None else None
        msg = f"unknown kind {kind!r}; expected one of {', '.join(STATUS_KINDS)}"
        raise KeyError(msg)

    def status(self, kind: str, item_id: str, *, level: str | None = None) -> m.Source | None:
        """Where an item comes from (see :class:`~thidua.model.Source`); ``None`` when the campaign does not say.

        *kind* is one of :data:`STATUS_KINDS`; for ``"cluster"`` it is the
        source of the list of members, for ``"band"`` *item_id* is the grade
        and *level* picks the scale.

        Raises:
            KeyError: for an unknown kind.
        """
        if kind == "cluster":
            found = self._clusters.get(item_id)
            return found.members_source if found is not None else None
        item = self._status_item(kind, item_id, level)
        source = getattr(item, "source", None)
        if source is None and kind == "target":
            t = self._targets.get(item_id)
            if isinstance(t, m.OfWhichTarget) and t.parent != item_id:
                return self.status("target", t.parent)
        return source if isinstance(source, m.Source) else None

    def status_mark(self, source: m.Source | None) -> str:
        """The mark shown beside a name for *source*: "(đề xuất)", "(mẫu)", "(chưa xác minh)" or nothing.

        >>> from thidua.examples import load_campaign
        >>> Names(load_campaign(), "vi").status_mark(m.Source.PROPOSAL)
        '(đề xuất)'
        """
        mark = _MARKS.get(source) if source is not None else None
        return self.gettext(mark) if mark else ""

    def label_with_status(self, kind: str, item_id: str, *, level: str | None = None) -> str:
        """The name of an item followed by the mark of its source, e.g. "Cụm thi đua số 1 (đề xuất)".

        This is what reports show beside a target, criterion, rule or cluster
        that a source does not give; :meth:`status_legend` explains the marks.
        *kind* is one of :data:`STATUS_KINDS` (``"band"``: the grade whose
        band it is, on the scale of *level*).

        Raises:
            KeyError: for an unknown kind.

        >>> from thidua.examples import load_campaign
        >>> Names(load_campaign(), "vi").label_with_status("cluster", "cum-1")
        'Cụm thi đua số 1 (đề xuất)'
        >>> Names(load_campaign(), "en").label_with_status("award", "co-thi-dua")
        'Emulation flag of the provincial Front (sample)'
        """
        names = {
            "target": self.target,
            "criterion": self.criterion,
            "adjustment": self.adjustment,
            "award": self.award,
            "cluster": self.cluster,
            "content_area": self.content_area,
            "disqualifier": self.disqualifier,
        }
        if kind == "band":
            name = self.grade(item_id, level)
        elif kind in names:
            name = names[kind](item_id)
        else:
            msg = f"unknown kind {kind!r}; expected one of {', '.join(STATUS_KINDS)}"
            raise KeyError(msg)
        mark = self.status_mark(self.status(kind, item_id, level=level))
        return f"{name} {mark}" if mark else name

    def _sources(self) -> Iterator[m.Source | None]:
        c = self.campaign
        for t in c.targets():
            yield t.source
        for cl in c.clusters:
            yield cl.members_source
        for a in c.agreements:
            for area in a.content_areas:
                yield area.source
        for r in c.rubrics:
            yield r.source
            for crit in r.walk():
                yield crit.source
            for adj in r.adjustments:
                yield adj.source
        for s in c.scales:
            for b in s.bands:
                yield b.source
            for d in s.disqualifiers:
                yield d.source
            for cap in s.caps:
                yield cap.source
        for aw in c.awards:
            yield aw.source
        for mv in c.movements:
            for ms in mv.milestones:
                yield ms.source
        for u in c.units:
            for link in u.lineage:
                yield link.source

    def status_legend(self) -> list[str]:
        """One short line for each mark the campaign uses, in a fixed order (empty when it uses none).

        >>> from thidua.examples import load_campaign
        >>> for line in Names(load_campaign(), "vi").status_legend():
        ...     print(line)
        (đề xuất): chưa có nguồn nêu, được đề xuất để đủ dữ liệu
        (mẫu): đặt ra để minh họa, không phải quy định hay số liệu thật
        """
        used = set(self._sources())
        return [self.gettext(_LEGEND[s]) for s in _LEGEND if s in used]

    def note(self, obj: m.Campaign | m.Results | m.History | None = None) -> str | None:
        """The note of the campaign (or of results, history) in the reader's language."""
        target = self.campaign if obj is None else obj
        return self._text(target.note, target.note_en)
