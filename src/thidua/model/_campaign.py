"""Clusters, movements, agreements and the campaign that holds them."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from thidua._present import shown
from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._awards import AwardRule, Title
from thidua.model._base import check_date, check_id, one_of, opt_nfc, to_nfc, to_tuple
from thidua.model._conditions import LineagePolicy
from thidua.model._criteria import Rubric
from thidua.model._inputs import Input, Official, Source, opt_source
from thidua.model._review import RankingRule, ReviewAction, Unreviewed
from thidua.model._scale import RatingScale
from thidua.model._targets import MissingPolicy, Target
from thidua.model._units import Level, Unit

__all__ = [
    "Agreement",
    "Campaign",
    "Cluster",
    "ClusterKind",
    "ContentArea",
    "Indicator",
    "Milestone",
    "Movement",
    "MovementForm",
    "Registration",
    "Stage",
]


class ClusterKind(enum.StrEnum):
    """A territorial cluster (cụm) or a functional block (khối).

    >>> ClusterKind("block")
    <ClusterKind.BLOCK: 'block'>

    .. versionadded:: 0.1.0
    """

    CLUSTER = "cluster"
    BLOCK = "block"


@attrs.frozen
class Cluster:
    """Peer units that sign an agreement and are ranked together for a year.

    Args:
        id: ASCII id.
        name: Vietnamese name, e.g. ``"Cụm thi đua số 1"``.
        kind: cụm or khối.
        year: the emulation year.
        members: unit ids.
        head: the cụm trưởng, a member, or a unit outside (a provincial block
            may be headed by the provincial MTTQ itself), see *head_is_member*.
        deputy: the cụm phó, a member.
        organizers: units or names of the organizing committee.
        head_is_member: ``False`` when the head leads from outside the members.
        name_en: English name.
        members_source: where the list of members comes from (see
            :class:`~thidua.model.Source`), e.g. ``proposal`` when no source says
            which units form the cluster.

    >>> from thidua.model import validate_campaign
    >>> cl = Cluster("cum-1", "Cụm thi đua số 1", "cluster", 2022, ["xa-a", "xa-b"], head="xa-a")
    >>> c = Campaign("mau", "Mẫu", 2022, [Level("commune", "Xã")], [Unit("xa-a", "Xã A", "commune")], clusters=[cl])
    >>> validate_campaign(c)
    [<Problem 'unknown-unit', 'clusters[0].members[1]', unit='xa-b'>]

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    kind: ClusterKind = attrs.field(converter=ClusterKind)
    year: int = attrs.field()
    members: tuple[str, ...] = attrs.field(converter=to_tuple)
    head: str | None = None
    deputy: str | None = None
    organizers: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    head_is_member: bool = True
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    members_source: Source | None = attrs.field(default=None, converter=opt_source)

    def _repr_html_(self) -> str:
        html: str = shown("html")(self)  # thidua.notebook.to_html, provided from above
        return html


class MovementForm(enum.StrEnum):
    """Regular (thường xuyên, yearly) or thematic (theo chuyên đề).

    >>> MovementForm("thematic").value
    'thematic'

    .. versionadded:: 0.1.0
    """

    REGULAR = "regular"
    THEMATIC = "thematic"


@attrs.frozen
class Milestone:
    """A dated step of a movement: launch, signing, mid-year review, peak month, final review.

    *end* is set for a span such as the peak month (17/10–18/11).

    >>> Milestone("peak_month", dt.date(2022, 10, 17), dt.date(2022, 11, 18)).end
    datetime.date(2022, 11, 18)
    >>> Milestone("peak_month", dt.date(2022, 11, 18), dt.date(2022, 10, 17))
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      end: kết thúc ngày 17/10/2022, trước ngày bắt đầu 18/11/2022

    .. versionadded:: 0.1.0
    """

    kind: str = attrs.field(
        validator=one_of("launch", "signing", "mid_year_review", "peak_month", "final_review", "festival", "other")
    )
    on: dt.date = attrs.field(validator=check_date)
    end: dt.date | None = attrs.field(default=None, validator=check_date)
    name: str | None = attrs.field(default=None, converter=opt_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.on:
            raise ModelError(c.ENDS_BEFORE_START(("end",), end=self.end, start=self.on))


@attrs.frozen
class Movement:
    """An emulation movement (phong trào thi đua) or campaign (cuộc vận động).

    >>> mv = Movement("vi-nguoi-ngheo", 'Quỹ "Vì người nghèo"', "regular", content_areas=["vi-nguoi-ngheo"])
    >>> mv.form, mv.content_areas
    (<MovementForm.REGULAR: 'regular'>, ('vi-nguoi-ngheo',))

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    form: MovementForm = attrs.field(converter=MovementForm)
    start: dt.date | None = attrs.field(default=None, validator=check_date)
    end: dt.date | None = attrs.field(default=None, validator=check_date)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=to_tuple)
    content_areas: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)


@attrs.frozen
class ContentArea:
    """A chapter (nội dung) of an agreement, with its targets.

    *movement* links it to the movement it serves, if any.

    >>> from thidua.model import ZeroCountTarget
    >>> no_weak = ZeroCountTarget("khong-yeu", "không có yếu kém", "hamlet", "kht")
    >>> area = ContentArea("chat-luong", "Chất lượng", [no_weak])
    >>> [t.id for t in area.targets]
    ['khong-yeu']

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=to_tuple)
    movement: str | None = None
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


@attrs.frozen
class Registration:
    """A title a unit registered for when signing (đăng ký danh hiệu).

    >>> Registration("xa-van-khanh-tay", "co-thi-dua-tinh").title
    'co-thi-dua-tinh'
    >>> Registration("Xã Vân Khánh Tây", "co-thi-dua-tinh")
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      unit: 'Xã Vân Khánh Tây' không phải là mã hợp lệ (chữ cái không dấu, chữ số, '_', '.', '-'; tối đa 100 ký tự)

    .. versionadded:: 0.1.0
    """

    unit: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_id)


@attrs.frozen
class Agreement:
    """An emulation agreement (giao ước thi đua) signed by one or more clusters.

    When several clusters sign the same contents (as the 11 communes of An
    Minh did in 2022), a target of scope ``cluster`` is decided for each
    cluster, and one of scope ``agreement`` once over all the signatories.
    *signatories* default to every member of the signing clusters; *name*
    names the agreement where a verdict is about all of them.

    >>> import thidua
    >>> a = thidua.examples.load_campaign().agreements[0]
    >>> a.clusters, [t.id for t in a.targets()][:3]
    (('cum-1', 'cum-2'), ['quy-vi-nguoi-ngheo', 'bctmt-good', 'bctmt-excellent'])

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    clusters: tuple[str, ...] = attrs.field(converter=to_tuple)
    signed_on: dt.date | None = attrs.field(default=None, validator=check_date)
    signatories: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    content_areas: tuple[ContentArea, ...] = attrs.field(default=(), converter=to_tuple)
    registrations: tuple[Registration, ...] = attrs.field(default=(), converter=to_tuple)
    name: str | None = attrs.field(default=None, converter=opt_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)

    def targets(self) -> tuple[Target, ...]:
        """All targets of all content areas, in order."""
        return tuple(t for area in self.content_areas for t in area.targets)


@attrs.frozen
class Indicator:
    """A derived indicator written as a formula, e.g. ``lifted / poor_at_start``.

    Indicators can be used by name in other formulas and as measures.

    >>> Indicator("lifted_rate", "lifted / poor_at_start").formula
    'lifted / poor_at_start'
    >>> Indicator("lifted_rate", "lifted / ")
    Traceback (most recent call last):
    ...
    thidua.errors.RuleError: 1 vấn đề:
      cột 10: cần một số, một tên hoặc '(', nhưng gặp cuối công thức

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    formula: str = attrs.field()
    name: str | None = attrs.field(default=None, converter=opt_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)

    @formula.validator
    def _parse(self, _a: object, value: str) -> None:
        from thidua.formula import parse

        parse(value)


def _actions(value: object) -> tuple[ReviewAction, ...]:
    return tuple(a if isinstance(a, ReviewAction) else ReviewAction(str(a)) for a in to_tuple(value))  # type: ignore[arg-type]


@attrs.frozen
class Stage:
    """A review stage for scores, e.g. self-assessment, specialist, council.

    The stages of a campaign form its review chain, in order: the first is the
    unit's own (self-assessment). *actions* are what the stage may do with a
    unit's file in the review history (see :mod:`thidua.model` ``ReviewEvent``):
    ``approve`` (pass it on; the unit's submission at the first stage),
    ``send_back``, ``reject`` (with a reason) and ``publish``.

    >>> import thidua
    >>> [s.id for s in thidua.examples.load_campaign().stages]
    ['tu-cham', 'cum-tham-dinh', 'ban-thuong-truc']
    >>> Stage("hoi-dong", "Hội đồng thi đua", actions=["approve", "send_back", "reject"]).actions[-1]
    <ReviewAction.REJECT: 'reject'>

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    actions: tuple[ReviewAction, ...] = attrs.field(default=(), converter=_actions)


def _unreviewed(value: object) -> Unreviewed:
    return value if isinstance(value, Unreviewed) else Unreviewed(str(value))


def _opt_lineage(value: object) -> LineagePolicy | None:
    return None if value is None else LineagePolicy(str(value))


def _check_year(_inst: object, _attribute: attrs.Attribute[int], value: object) -> None:
    # The emulation year becomes calendar dates (see Campaign.period).
    if isinstance(value, int) and not 1 <= value <= 9999:
        raise ModelError(c.NOT_A_YEAR(("year",), value=str(value)))


@attrs.frozen(repr=False)
class Campaign:
    """A whole emulation campaign for one year.

    Build it in code or load it from a file with :func:`thidua.load`; then
    check it with :func:`thidua.validate` (loading does this for you).

    Args:
        id: ASCII id.
        name: Vietnamese name.
        organizer: id of the organizing unit, or a name.
        year: the emulation year.
        levels: the hierarchy, top first.
        units: every unit, with validity periods and lineage.
        start: first day of the emulation year (default 1 January).
        end: last day of the emulation year (default 31 December).
        clusters, movements, agreements: see their classes.
        scales, rubrics, titles, awards: evaluation rules.
        indicators: derived indicators.
        stages: declared review stages, in order.
        missing: default :class:`~thidua.model.MissingPolicy` (``error``).
        history_lineage: how history follows mergers; required when an award
            looks back.
        tie_breaks: measures (higher first) that break score ties in rankings
            (the older form of ``ranking.tie_breaks``).
        sample: ``True`` when the campaign is an example, not a real one.
        note: a short free text shown on reports (Vietnamese); *note_en* in English.
        name_en: English name.
        measures: the names and units of the measures units report (see
            :class:`~thidua.model.Input`); *flags* and *events* name the
            true/false facts and the dated events. ``validate`` warns about
            an input the campaign uses without naming it.
        officials: people named in the campaign's sources, with their posts.
        unreviewed: what evaluation does with a unit that has not reached the
            stage evaluated: ``exclude`` it (not yet reviewed, the default) or
            rate it on its ``self_score`` (see :class:`~thidua.model.Unreviewed`).
        ranking: how rankings number their places and break ties (see
            :class:`~thidua.model.RankingRule`).

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> c
    <Campaign an-minh-2022 (2022): 19 units, 2 clusters, 6 targets>
    >>> c.period, c.unit("xa-van-khanh-tay").name
    ((datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)), 'Xã Vân Khánh Tây')

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    year: int = attrs.field(validator=_check_year)
    levels: tuple[Level, ...] = attrs.field(converter=to_tuple)
    units: tuple[Unit, ...] = attrs.field(converter=to_tuple)
    organizer: str | None = attrs.field(default=None, converter=opt_nfc)
    start: dt.date | None = attrs.field(default=None, validator=check_date)
    end: dt.date | None = attrs.field(default=None, validator=check_date)
    clusters: tuple[Cluster, ...] = attrs.field(default=(), converter=to_tuple)
    movements: tuple[Movement, ...] = attrs.field(default=(), converter=to_tuple)
    agreements: tuple[Agreement, ...] = attrs.field(default=(), converter=to_tuple)
    scales: tuple[RatingScale, ...] = attrs.field(default=(), converter=to_tuple)
    rubrics: tuple[Rubric, ...] = attrs.field(default=(), converter=to_tuple)
    titles: tuple[Title, ...] = attrs.field(default=(), converter=to_tuple)
    awards: tuple[AwardRule, ...] = attrs.field(default=(), converter=to_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=to_tuple)
    stages: tuple[Stage, ...] = attrs.field(default=(), converter=to_tuple)
    missing: MissingPolicy = attrs.field(default=MissingPolicy.ERROR, converter=MissingPolicy)
    history_lineage: LineagePolicy | None = attrs.field(default=None, converter=_opt_lineage)
    tie_breaks: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    sample: bool = False
    note: str | None = attrs.field(default=None, converter=opt_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    measures: tuple[Input, ...] = attrs.field(default=(), converter=to_tuple)
    flags: tuple[Input, ...] = attrs.field(default=(), converter=to_tuple)
    events: tuple[Input, ...] = attrs.field(default=(), converter=to_tuple)
    officials: tuple[Official, ...] = attrs.field(default=(), converter=to_tuple)
    note_en: str | None = attrs.field(default=None, converter=opt_nfc)
    unreviewed: Unreviewed = attrs.field(default=Unreviewed.EXCLUDE, converter=_unreviewed)
    ranking: RankingRule = attrs.field(default=RankingRule())

    def __repr__(self) -> str:
        return (
            f"<Campaign {self.id} ({self.year}): {len(self.units)} units, "
            f"{len(self.clusters)} clusters, {len(self.targets())} targets>"
        )

    def _repr_html_(self) -> str:
        html: str = shown("html")(self)  # thidua.notebook.to_html, provided from above
        return html

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """First and last day of the emulation year."""
        return (self.start or dt.date(self.year, 1, 1), self.end or dt.date(self.year, 12, 31))

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id.

        Raises:
            KeyError: when there is none.
        """
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def targets(self) -> tuple[Target, ...]:
        """Every target of every agreement."""
        return tuple(t for a in self.agreements for t in a.targets())

    def input(self, input_id: str) -> Input | None:
        """The declared name (and unit) of a measure, flag or event, if the campaign gives one.

        >>> import thidua
        >>> thidua.examples.load_campaign().input("fund_raised").unit
        'đồng'
        """
        for x in (*self.measures, *self.flags, *self.events):
            if x.id == input_id:
                return x
        return None

    def scale_for(self, level: str) -> RatingScale | None:
        """The rating scale for units of *level*, if any."""
        for s in self.scales:
            if level in s.levels:
                return s
        return None

    def rubric_for(self, level: str) -> Rubric | None:
        """The rubric for units of *level*, if any."""
        for r in self.rubrics:
            if level in r.levels:
                return r
        return None
