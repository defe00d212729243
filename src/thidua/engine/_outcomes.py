"""What evaluation returns: frozen data with a per-unit trace."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeAlias, TypeVar, cast

import attrs
from attrs import AttrsInstance

from thidua._present import shown

__all__ = [
    "CONFLICT_CODES",
    "STEP_CODES",
    "AwardOutcome",
    "Change",
    "ClusterEvaluation",
    "Conflict",
    "CriterionScore",
    "Deferred",
    "Evaluation",
    "RankEntry",
    "Ranking",
    "RatingOutcome",
    "ReviewOutcome",
    "ScoreOutcome",
    "Status",
    "Step",
    "TargetOutcome",
    "UnitEvaluation",
    "new_award_outcome",
    "new_rank_entry",
    "new_rating_outcome",
    "new_score_outcome",
    "new_target_outcome",
    "new_unit_evaluation",
]

#: A value carried by a trace step: exact numbers, texts, dates, flags.
TraceValue: TypeAlias = Fraction | int | str | bool | dt.date | tuple[Any, ...] | None


#: Every code a :class:`Step` can carry, with the names of its arguments.
#: :mod:`thidua.l10n` has a sentence in each language for each code.
STEP_CODES: Mapping[str, tuple[str, ...]] = {
    # targets
    "verdict": ("met",),
    "missing": ("what", "policy"),
    "counts_reported": ("unit", "level"),
    "unrated": ("units", "policy"),
    "share": ("numerator", "denominator", "share", "level", "grade", "threshold"),
    "of_which": (
        "numerator",
        "denominator",
        "share",
        "grade",
        "threshold",
        "base",
        "parent",
        "alternative",
        "alternative_met",
    ),
    "empty_base": ("parent",),
    "no_sub_units": ("unit", "level"),
    "zero_count": ("count", "level", "grade"),
    "count": ("measure", "value", "threshold"),
    "quota": ("measure", "raised", "quota"),
    "deadline": ("event", "done", "by"),
    "change": ("measure", "baseline", "value", "change", "direction", "threshold"),
    "formula": ("formula", "value", "inputs"),
    # conditions
    "cond_all_targets": ("failed", "count"),
    "cond_target": ("target", "met"),
    "cond_min_grade": ("grade", "required", "met"),
    "cond_rank": ("rank", "required", "met"),
    "cond_head": ("met", "clusters"),
    "cond_flag": ("flag", "value"),
    "cond_measure": ("measure", "value", "required", "met"),
    "cond_formula": ("formula", "met", "inputs"),
    "cond_any": ("met",),
    "cond_streak": ("grade", "years", "met"),
    "cond_titles": ("title", "count", "required", "years", "met"),
    "history_policy": ("policy",),
    "history_year": ("unit", "year", "met", "via", "policy", "missing"),
    # scores
    "assessed": ("points", "bonus", "maximum"),
    "proportional": ("value", "target", "points", "maximum", "measure"),
    "pass_fail": ("met", "points"),
    "per_occurrence": ("count", "each", "points", "maximum", "measure"),
    "bonus": ("count", "each", "points", "maximum", "measure"),
    "penalty": ("count", "each", "points", "floor", "measure"),
    "step_table": ("value", "step", "points", "measure"),
    "adjustment": ("adjustment", "points"),
    "score_total": ("standard", "bonus", "penalty", "adjustments", "total", "maximum", "clamped"),
    # ratings
    "band": ("score", "grade", "min", "max", "include_min", "include_max"),
    "no_band": ("score",),
    "reported": ("label", "grade"),
    "requirement_failed": ("from", "to"),
    "disqualified": ("disqualifier", "from", "to"),
    "cap_kept": ("grade", "share", "base", "of_grade", "allowed", "holders", "rounding", "group", "tie_break"),
    "cap_cut": (
        "grade",
        "share",
        "base",
        "of_grade",
        "allowed",
        "holders",
        "rounding",
        "group",
        "tie_break",
        "to",
        "tied",
        "value",
    ),
    "cap_unordered": ("grade", "share", "base", "of_grade", "allowed", "holders", "rounding", "group", "units"),
    "not_reviewed": ("stage", "reached", "policy"),
    "self_score": ("stage", "used"),
    "rejected": ("stage", "on", "by", "reason"),
    # review
    "review_event": ("stage", "action", "on", "by", "reason", "to"),
    "review_state": ("status", "stage"),
    "withdrawn": ("on", "reason", "points"),
    "added_criterion": ("name", "name_en", "stage", "by", "on", "reason"),
    "left_out_unreviewed": ("units",),
    # awards and lineage
    "award_exclusive": ("held",),
    "award_quota": ("allowed", "eligible", "position", "granted", "tied", "group", "tied_with", "value"),
    "award_ineligible": (),
    "lineage": ("kind", "unit", "on"),
}
#: Every code a :class:`Conflict` can carry, with the names of its arguments.
CONFLICT_CODES: Mapping[str, tuple[str, ...]] = {
    "order_differs": ("decided", "computed", "ranks"),
    "proposal_ineligible": ("unit", "award"),
    "proposal_not_computed": ("unit", "award"),
    "over_quota": ("award", "proposed", "allowed", "units", "clusters"),
    "not_reviewed": ("unit", "award", "stage", "status"),
    "cap_exceeded": ("grade", "allowed", "units", "group"),
}


_T = TypeVar("_T")


def _resolved(value: _T | Callable[[], _T]) -> _T:
    """A value kept as is, or computed by the function kept in its place (for lazy fields)."""
    return value() if callable(value) else value


def _state(obj: AttrsInstance) -> dict[str, Any]:
    """The fields of a frozen outcome with lazy fields, computed: a function is no state to pickle."""
    return {a.name: _kept(obj, a.name, getattr(obj, a.name)) for a in attrs.fields(type(obj))}


#: the field names of each outcome class, found once per class rather than per unpickled object
_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _restore(obj: object, state: Mapping[str, Any]) -> None:
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(a.name for a in attrs.fields(cls))  # type: ignore[arg-type]
    for name, value in state.items():
        # a field that became lazy keeps its public name in older pickles ("trace" for "_trace")
        object.__setattr__(obj, name if name in names else f"_{name}", value)


def _kept(obj: object, name: str, value: _T | Callable[[], _T]) -> _T:
    """*value*, the content of the lazy field *name* of the frozen *obj*; computed once and kept."""
    if callable(value):
        value = value()
        object.__setattr__(obj, name, value)
    return value


#: a trace step still to be made: its code and its values in the order of :data:`STEP_CODES`, or
#: its code, its values and the names of the arguments it has (a step that leaves some out)
LazyStep: TypeAlias = tuple[str, tuple[TraceValue, ...]] | tuple[str, tuple[TraceValue, ...], tuple[str, ...]]


def build_steps(trace: Iterable[Step | LazyStep]) -> tuple[Step, ...]:
    """The steps of a trace whose steps may still be ``(code, values)`` or ``(code, values, names)``.

    >>> build_steps([Step("verdict", {"met": True}), ("cond_rank", (2, 1, False))])[1]
    Step(code='cond_rank', args={'rank': 2, 'required': 1, 'met': False})
    >>> build_steps([("history_year", ("xa-a", 2024, True, ()), ("unit", "year", "met", "via"))])[0].args
    {'unit': 'xa-a', 'year': 2024, 'met': True, 'via': ()}

    .. versionadded:: 0.1.0
    """
    return tuple(step if isinstance(step, Step) else _make_step(step) for step in trace)


def _make_step(step: LazyStep) -> Step:
    if len(step) == 3:
        return Step(step[0], dict(zip(step[2], step[1], strict=True)))
    return Step(step[0], dict(zip(STEP_CODES[step[0]], step[1], strict=True)))


class Deferred(tuple):  # type: ignore[type-arg]
    """A value made when first read: a function and its arguments in one tuple, called with no
    argument (as a lazy field's function is). It holds the same as :func:`functools.partial` in a
    third of the memory: a national evaluation keeps 50,000 of them until its traces are read.

    >>> Deferred((max, 3, 8))()
    8

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self) -> Any:
        return self[0](*self[1:])


def _lazy_repr(value: object) -> str:
    return repr(_resolved(value))


class _Traced:
    """An outcome whose trace is built on first read (a national evaluation makes 40,000
    outcomes; their explanations are read one unit at a time). Pickling builds it first."""

    __slots__ = ()

    _trace: LazySteps

    @property
    def trace(self) -> tuple[Step, ...]:
        """The steps of the explanation (built on first read)."""
        return _kept(self, "_trace", self._trace)

    def __getstate__(self) -> dict[str, Any]:
        return _state(self)  # type: ignore[arg-type]

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        _restore(self, state)


class Status(enum.StrEnum):
    """The verdict on a target or condition.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> ev.target("xa-van-khanh-tay", "bctmt-no-weak").status  # one front work committee rated weak
    <Status.NOT_MET: 'not_met'>

    .. versionadded:: 0.1.0
    """

    MET = "met"
    NOT_MET = "not_met"
    EXCLUDED = "excluded"


# The outcomes keep their fields in an instance dict (``slots=False``): a national evaluation
# builds about 100,000 of them, and a frozen attrs class fills a dict in about 60% of the time
# it takes to fill frozen slots (``benchmarks/national.py``). They stay frozen.


@attrs.frozen(slots=False)
class Step:
    """One line of an explanation: a message code and its arguments.

    :mod:`thidua.l10n` renders a step as a sentence in Vietnamese or English;
    the arguments stay exact so that programs can read them too.

    >>> Step("share", {"numerator": 8, "denominator": 10}).code
    'share'

    .. versionadded:: 0.1.0
    """

    code: str
    args: Mapping[str, TraceValue] = attrs.field(factory=dict)


_Made = TypeVar("_Made")


def _maker(cls: type[_Made]) -> type[_Made]:
    """Something that makes a *cls* as its constructor does, in about half the time.

    The engine makes one outcome per target and unit, award and unit, and the like (60,000 for a
    national evaluation). A frozen attrs class's own ``__init__`` sets each field through
    ``object.__setattr__``. What this returns is a mutable attrs class laid out the same (the
    same slots, in the same order, on the same base), whose ``__init__`` sets the slots directly
    and then gives the object the frozen class: frozen from then on, equal to one constructed.
    ``tests/engine/test_lazy_fields.py`` checks each one.
    """

    def frozen(self: object) -> None:
        self.__class__ = cls

    these = {a.name: attrs.field(default=a.default, alias=a.alias) for a in attrs.fields(cls)}  # type: ignore[arg-type]
    making = type(f"_Making{cls.__name__}", (cls.__mro__[1],), {"__attrs_post_init__": frozen})
    made = attrs.define(these=these, weakref_slot=False, eq=False, repr=False, getstate_setstate=False)(making)
    return cast("type[_Made]", made)


#: the steps of a trace, or a function building them on first read
LazySteps: TypeAlias = "tuple[Step, ...] | Callable[[], tuple[Step, ...]]"


@attrs.frozen(weakref_slot=False, getstate_setstate=False)  # slotted: see new_target_outcome
class TargetOutcome(_Traced):
    """The verdict on one target for one unit (or one cluster).

    Attributes:
        target: the target id.
        subject: the unit id, the cluster id for cluster-wide targets, or
            ``"agreement:<id>"`` for a target decided over all the signatories
            of an agreement.
        kind: the target kind (``share``, ``of_which``, ...).
        status: met, not met, or excluded under the missing-input policy.
        numerator, denominator: the counts or amounts compared.
        share: numerator / denominator when it is a share.
        threshold: the exact threshold (a share, a count, an amount, a date).
        shortfall: how much more is needed to meet it (0 when met), e.g. 1
            more committee rated good or better.
        alternative: for "of which", the share under the other base, shown
            for information; it never decides.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> t = ev.target("xa-van-khanh-tay", "bctmt-good")  # 3 excellent + 5 good of 10 committees
    >>> t.numerator, t.denominator, t.share, t.met
    (8, 10, Fraction(4, 5), True)

    .. versionadded:: 0.1.0
    """

    target: str
    subject: str
    kind: str
    status: Status
    numerator: Fraction | int | None = None
    denominator: Fraction | int | None = None
    share: Fraction | None = None
    threshold: Fraction | int | dt.date | None = None
    shortfall: Fraction | int | None = None
    alternative: Fraction | None = None
    #: the steps, or a function building them on first read
    _trace: LazySteps = attrs.field(default=(), alias="trace", eq=_resolved, repr=_lazy_repr)

    @property
    def met(self) -> bool:
        """True when the target is met."""
        return self.status is Status.MET

    def _repr_html_(self) -> str:
        html: str = shown("html")(self)  # thidua.notebook.to_html, provided from above
        return html


new_target_outcome = _maker(TargetOutcome)


@attrs.frozen(slots=False)
class Change:
    """A reviewer's change to a criterion's points at a stage.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> ch = ev.unit("xa-van-khanh-tay").score.changes[0]
    >>> ch.criterion, ch.stage, ch.before, ch.after
    ('doi-moi', 'cum-tham-dinh', Fraction(14, 1), Fraction(13, 1))

    .. versionadded:: 0.1.0
    """

    criterion: str
    stage: str
    before: Fraction | None
    after: Fraction | None
    bonus_before: Fraction | None
    bonus_after: Fraction | None
    reason: str | None
    on: dt.date | None = None
    by: str | None = None


@attrs.frozen(slots=False)
class CriterionScore:
    """Points of one criterion (a group sums its children).

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> fund = next(s for s in ev.unit("xa-van-khanh-tay").score.criteria if s.criterion == "quy-vi-nguoi-ngheo")
    >>> fund.points, fund.maximum  # 15 × 149,999,999 / 150,000,000 VND
    (Fraction(149999999, 10000000), Fraction(15, 1))

    .. versionadded:: 0.1.0
    """

    criterion: str
    points: Fraction
    bonus: Fraction
    maximum: Fraction
    trace: tuple[Step, ...] = ()
    #: ``False`` for a withdrawn criterion: its points are kept in the scores, not counted
    counted: bool = True


@attrs.frozen(weakref_slot=False, getstate_setstate=False)  # slotted: see new_score_outcome
class ScoreOutcome(_Traced):
    """A unit's points from its rubric at one stage.

    Attributes:
        standard: standard points (at most the rubric total).
        bonus: criterion bonus points.
        penalty: deductions from penalty criteria (zero or negative).
        adjustments: campaign-level bonuses and deductions.
        total: the sum, clamped only when the rubric says so.
        maximum: the rubric's declared total; when criteria come and go, the total of the
            criteria that count for the unit (withdrawn ones left out, added ones in).
        stage: the review stage used, if any.
        changes: every reviewer change up to that stage.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> s = ev.unit("xa-van-khanh-tay").score  # one VND short of the fund keeps it under 90
    >>> s.total, s.maximum, s.stage
    (Fraction(899999999, 10000000), Fraction(100, 1), 'ban-thuong-truc')

    .. versionadded:: 0.1.0
    """

    unit: str
    rubric: str
    standard: Fraction
    bonus: Fraction
    penalty: Fraction
    adjustments: Fraction
    total: Fraction
    maximum: Fraction
    clamped: bool
    stage: str | None
    #: the criteria, or a function building them on first read: a national evaluation has
    #: 200,000 of them, and most are only read when a unit is explained
    _criteria: tuple[CriterionScore, ...] | Callable[[], tuple[CriterionScore, ...]] = attrs.field(
        default=(), alias="criteria", eq=_resolved, repr=_lazy_repr
    )
    changes: tuple[Change, ...] = ()
    #: the steps, or a function building them on first read
    _trace: LazySteps = attrs.field(default=(), alias="trace", eq=_resolved, repr=_lazy_repr)

    @property
    def criteria(self) -> tuple[CriterionScore, ...]:
        """The points of every criterion, groups and leaves, in rubric order (built on first read)."""
        return _kept(self, "_criteria", self._criteria)


new_score_outcome = _maker(ScoreOutcome)


@attrs.frozen(weakref_slot=False, getstate_setstate=False)  # slotted: see new_rating_outcome
class RatingOutcome(_Traced):
    """A unit's grade and how it was reached.

    *source* is ``computed`` (from the score), ``reported`` (given in the
    results) or ``none``.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> r = ev.unit("xa-van-khanh-tay").rating  # 89.9999999 points: the band 70 ≤ score < 90
    >>> r.grade, r.source, r.trace[0].code
    ('htt', 'computed', 'band')

    .. versionadded:: 0.1.0
    """

    unit: str
    grade: str | None
    source: str
    band_grade: str | None = None
    capped: bool = False
    #: the steps, or a function building them on first read
    _trace: LazySteps = attrs.field(default=(), alias="trace", eq=_resolved, repr=_lazy_repr)


new_rating_outcome = _maker(RatingOutcome)


@attrs.frozen(weakref_slot=False)  # slotted: see new_rank_entry
class RankEntry:
    """A unit's place in a ranking; tied units share a rank (1, 2, 2, 4).

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> [(e.unit, e.rank, e.score) for e in ev.cluster("cum-2").ranking.entries[2:5]]
    [('xa-dong-hoa', 3, Fraction(94, 1)), ('xa-tan-thanh', 3, Fraction(94, 1)), ('xa-thuan-hoa', 5, Fraction(82, 1))]

    .. versionadded:: 0.1.0
    """

    unit: str
    rank: int
    score: Fraction | None
    grade: str | None
    keys: tuple[Fraction, ...] = ()


new_rank_entry = _maker(RankEntry)


@attrs.frozen(slots=False)
class Ranking:
    """The order of a cluster, a block, or a whole level.

    *mode* is how places are numbered (``competition``: 1, 1, 3; ``dense``:
    1, 1, 2; ``ordinal``: 1, 2, 3). *tie_breaks* names the keys that order
    units with the same score (or grade), one per value of
    :attr:`RankEntry.keys`: a measure id (higher first), ``-`` and a measure id
    (lower first), ``@self_score`` (the self-assessed total), ``@stage:`` and a
    stage id (the total at that stage), ``@name`` (the position of the unit's
    name in Vietnamese alphabetical order). Units that are not yet reviewed, or
    have neither a score nor a grade, are not ranked.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> ranking = ev.cluster("cum-2").ranking
    >>> ranking.leaders, ranking.rank_of("xa-tan-thanh"), ranking.rank_of("xa-van-khanh")
    (('tt-thu-muoi-mot',), 3, None)

    .. versionadded:: 0.1.0
    """

    group: str
    entries: tuple[RankEntry, ...]
    tie_breaks: tuple[str, ...] = ()
    mode: str = "competition"
    _ranks: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False)
    _sharing: Mapping[int, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # indexes for look-ups on national rankings (3,321 communes); not part of equality
        sharing: dict[int, int] = {}
        for e in self.entries:
            sharing[e.rank] = sharing.get(e.rank, 0) + 1
        object.__setattr__(self, "_ranks", {e.unit: e.rank for e in self.entries})
        object.__setattr__(self, "_sharing", sharing)

    @property
    def leaders(self) -> tuple[str, ...]:
        """The unit(s) ranked first."""
        return tuple(e.unit for e in self.entries if e.rank == 1)

    def rank_of(self, unit_id: str) -> int | None:
        """The rank of a unit, if it is ranked here."""
        return self._ranks.get(unit_id)

    def is_tied(self, unit_id: str) -> bool:
        """Whether another unit shares this unit's rank.

        >>> Ranking("g", (RankEntry("a", 1, None, None), RankEntry("b", 1, None, None))).is_tied("a")
        True
        """
        rank = self._ranks.get(unit_id)
        return rank is not None and self._sharing[rank] > 1


@attrs.frozen(weakref_slot=False, getstate_setstate=False)  # slotted: see new_award_outcome
class AwardOutcome(_Traced):
    """Whether a unit gets an award, and why.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> [a.unit for a in ev.cluster("cum-1").awards if a.award == "giay-khen" and a.granted]  # 50% of 5, floor
    ['xa-dong-hung-b', 'xa-van-khanh-dong']

    .. versionadded:: 0.1.0
    """

    award: str
    title: str
    unit: str
    granted: bool
    eligible: bool
    #: the steps, or a function building them on first read
    _trace: LazySteps = attrs.field(default=(), alias="trace", eq=_resolved, repr=_lazy_repr)


new_award_outcome = _maker(AwardOutcome)


@attrs.frozen(slots=False)
class Conflict:
    """A difference between a cluster meeting's decision and the rules.

    *severity* is ``error`` (a proposal over quota or for an ineligible unit)
    or ``info`` (an order that differs from the scores, allowed and shown).

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> [(c.severity, c.code) for c in ev.cluster("cum-2").conflicts]  # two proposed for one flag
    [('error', 'proposal_ineligible'), ('error', 'over_quota')]

    .. versionadded:: 0.1.0
    """

    cluster: str
    severity: str
    code: str
    args: Mapping[str, TraceValue] = attrs.field(factory=dict)


@attrs.frozen(slots=False)
class ReviewOutcome:
    """Where a unit stands in the review chain, and what evaluation did with it.

    Attributes:
        status: ``reviewed`` (the stage evaluated has reviewed it),
            ``not_reviewed`` (it has not reached that stage: not rated, not
            ranked, not counted), ``self_score`` (not reached, rated on the last
            scores it has under the campaign's ``self_score`` policy) or
            ``rejected``.
        stage: the stage whose scores count for the unit, if any.
        reached: the last stage that finished its review of the unit, if any.
        state: ``pending``, ``approved``, ``published`` or ``rejected`` when
            the results give a state or a history; else ``None``.
        at: the stage holding the file (pending), or that approved, published
            or rejected it.
        trace: the review history, one step per event, and the state.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results(), stage="cum-tham-dinh")
    >>> r = ev.unit("xa-van-khanh-tay").review
    >>> r.status, r.stage, r.reached
    ('reviewed', 'cum-tham-dinh', 'ban-thuong-truc')

    .. versionadded:: 0.1.0
    """

    status: str
    stage: str | None = None
    reached: str | None = None
    state: str | None = None
    at: str | None = None
    trace: tuple[Step, ...] = ()

    @property
    def counted(self) -> bool:
        """Whether the unit is rated, ranked and counted (reviewed, or rated on its self-score)."""
        return self.status in ("reviewed", "self_score")


@attrs.frozen(weakref_slot=False)  # slotted: see new_unit_evaluation
class UnitEvaluation:
    """Everything evaluated for one unit.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> u = ev.unit("xa-van-khanh-tay")
    >>> u.clusters, u.targets_met, len(u.targets), u.rank
    (('cum-1',), 2, 4, 4)

    .. versionadded:: 0.1.0
    """

    unit: str
    name: str
    level: str
    clusters: tuple[str, ...]
    targets: tuple[TargetOutcome, ...]
    score: ScoreOutcome | None
    rating: RatingOutcome
    rank: int | None
    awards: tuple[AwardOutcome, ...]
    lineage: tuple[Step, ...] = ()
    #: where the unit stands in the review chain (``None`` when the campaign has no
    #: review stages, or the unit's level is not reviewed)
    review: ReviewOutcome | None = None

    @property
    def targets_met(self) -> int:
        """How many of the unit's targets are met."""
        return sum(1 for t in self.targets if t.met)

    def _repr_html_(self) -> str:
        html: str = shown("html")(self)  # thidua.notebook.to_html, provided from above
        return html


new_unit_evaluation = _maker(UnitEvaluation)


@attrs.frozen(slots=False)
class ClusterEvaluation:
    """A cluster's cluster-wide targets, ranking, awards and decision check.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> [(t.target, t.numerator, t.denominator, t.met) for t in ev.cluster("cum-2").targets]
    [('commune-good', 11, 11, True), ('commune-excellent', 4, 11, True)]
    >>> ev.cluster("cum-2").targets[0].subject  # decided over all the communes that signed the agreement
    'agreement:giao-uoc-2022'

    .. versionadded:: 0.1.0
    """

    cluster: str
    name: str
    targets: tuple[TargetOutcome, ...]
    ranking: Ranking
    awards: tuple[AwardOutcome, ...]
    decided_order: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def _repr_html_(self) -> str:
        html: str = shown("html")(self)  # thidua.notebook.to_html, provided from above
        return html


@attrs.frozen(repr=False)
class Evaluation:
    """The result of :func:`thidua.evaluate`: frozen, exact, explained.

    Attributes:
        campaign: the campaign id.
        year: the emulation year.
        stage: the review stage evaluated, if the campaign has stages.
        sample: the data is example data.
        units: one :class:`UnitEvaluation` per evaluated unit, by unit id.
        clusters: one :class:`ClusterEvaluation` per cluster.
        rankings: rankings over whole levels.

    An evaluation, and every outcome in it, may be shared between threads:
    nothing in it changes, and the parts built on first read (the steps of a
    trace, the criteria of a score, the fingerprint) are computed from data
    that never changes, so two threads reading one at once get equal values.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> ev
    <Evaluation an-minh-2022 2022 stage=None: 11 units, 2 clusters, fingerprint ...>
    >>> ev.unit("xa-van-khanh-tay").rating.grade, ev.rankings[0].leaders
    ('htt', ('tt-thu-muoi-mot',))

    .. versionadded:: 0.1.0
    """

    campaign: str
    year: int
    stage: str | None
    #: the fingerprint, or a function computing it on first read (hashing a national
    #: result set takes longer than evaluating it, and many evaluations never show it)
    _fingerprint: str | Callable[[], str] = attrs.field(alias="fingerprint", eq=_resolved)
    sample: bool
    units: tuple[UnitEvaluation, ...]
    clusters: tuple[ClusterEvaluation, ...]
    rankings: tuple[Ranking, ...] = ()
    _units: Mapping[str, UnitEvaluation] = attrs.field(init=False, eq=False, repr=False)
    _clusters: Mapping[str, ClusterEvaluation] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # look-ups by id; not part of equality
        object.__setattr__(self, "_units", {u.unit: u for u in self.units})
        object.__setattr__(self, "_clusters", {c.cluster: c for c in self.clusters})

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the canonical campaign, results, history and stage (computed on first read)."""
        return _kept(self, "_fingerprint", self._fingerprint)

    def __getstate__(self) -> dict[str, Any]:
        return _state(self)

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        _restore(self, state)

    def __repr__(self) -> str:
        return (
            f"<Evaluation {self.campaign} {self.year} stage={self.stage}: {len(self.units)} units, "
            f"{len(self.clusters)} clusters, fingerprint {self.fingerprint[:8]}…>"
        )

    def _repr_html_(self) -> str:
        html: str = shown("html")(self)  # thidua.notebook.to_html, provided from above
        return html

    def records(self, table: str = "units") -> list[dict[str, Any]]:
        """One table as plain records with exact values; see :func:`thidua.tables.records`."""
        rows: list[dict[str, Any]] = shown("records")(self, table)  # provided from above
        return rows

    def to_pandas(self, table: str = "units") -> Any:
        """One table as a pandas DataFrame (the ``pandas`` extra); see :func:`thidua.tables.to_pandas`."""
        return shown("to_pandas")(self, table)  # provided from above

    def unit(self, unit_id: str) -> UnitEvaluation:
        """The evaluation of one unit.

        Raises:
            KeyError: if the unit was not evaluated.
        """
        return self._units[unit_id]

    def cluster(self, cluster_id: str) -> ClusterEvaluation:
        """The evaluation of one cluster.

        Raises:
            KeyError: if there is no such cluster.
        """
        return self._clusters[cluster_id]

    def target(self, subject: str, target_id: str) -> TargetOutcome:
        """The outcome of one target for a unit, a cluster or an agreement (``"agreement:<id>"``).

        Raises:
            KeyError: if it was not evaluated.
        """
        for u in self.units:
            if u.unit == subject:
                for t in u.targets:
                    if t.target == target_id:
                        return t
        for c in self.clusters:
            for t in c.targets:
                if t.target == target_id and subject in (c.cluster, t.subject):
                    return t
        raise KeyError((subject, target_id))
