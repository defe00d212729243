"""Review as a platform runs it: the chain of stages, each unit's state and history, ranking rules.

A campaign declares its review stages in order (:class:`~thidua.model.Stage`)
and what each may do (:class:`ReviewAction`); results carry each unit's current
:class:`ReviewState` and the :class:`ReviewEvent` history that led to it.
thidua validates and explains them; storing and notifying stay with the app.

The rules of the chain (checked by :func:`~thidua.model.validate_results`):

* a unit's file starts at the first stage (the unit itself, drafting);
* only the stage that holds the file acts on it, and only with an action it
  declares: ``approve`` passes it on to the next stage (at the first stage it
  is the unit's submission), ``send_back`` returns it to an earlier stage
  (``to``; the first stage by default), ``reject`` refuses it (a reason is
  required; nothing may follow), ``publish`` ends the review (nothing may
  follow: a published result is locked).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from typing import TypeAlias

import attrs

from thidua._problems import Loc, Problem
from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._base import check_date, check_id, opt_nfc, opt_number, to_nfc, to_tuple
from thidua.model._exact import Number

__all__ = [
    "TIE_BREAK_KINDS",
    "AddedCriterion",
    "MeasureTieBreak",
    "NameTieBreak",
    "RankMode",
    "RankingRule",
    "ReviewAction",
    "ReviewEvent",
    "ReviewState",
    "ReviewStatus",
    "SelfScoreTieBreak",
    "StageTotalTieBreak",
    "TieBreak",
    "Unreviewed",
    "Withdrawal",
    "completed_stages",
    "locked_changes",
    "replay",
]


class Unreviewed(enum.StrEnum):
    """What evaluation does with a unit that has not reached the stage evaluated.

    ``exclude`` (the default): the unit is "not yet reviewed" (chưa xếp hạng):
    neither rated, nor ranked, nor counted in grade counts, caps or quotas.
    ``self_score``: the unit is rated and ranked on the last scores it has (its
    self-assessment at worst), and the explanation says so.

    >>> Unreviewed("self_score")
    <Unreviewed.SELF_SCORE: 'self_score'>

    .. versionadded:: 0.1.0
    """

    EXCLUDE = "exclude"
    SELF_SCORE = "self_score"


class RankMode(enum.StrEnum):
    """How a ranking numbers its places.

    ``competition`` (1, 1, 3; the default): tied units share a place and the
    next place skips; ``dense`` (1, 1, 2): tied units share a place and the next
    place follows; ``ordinal`` (1, 2, 3): no shared places; the tie-break chain,
    then the Vietnamese order of names, decides.

    >>> [m.value for m in RankMode]
    ['competition', 'dense', 'ordinal']

    .. versionadded:: 0.1.0
    """

    COMPETITION = "competition"
    DENSE = "dense"
    ORDINAL = "ordinal"


class ReviewAction(enum.StrEnum):
    """What a review stage may do with a unit's file.

    >>> ReviewAction("send_back")
    <ReviewAction.SEND_BACK: 'send_back'>

    .. versionadded:: 0.1.0
    """

    APPROVE = "approve"
    SEND_BACK = "send_back"
    REJECT = "reject"
    PUBLISH = "publish"


class ReviewStatus(enum.StrEnum):
    """Where a unit's file is: ``pending`` at a stage, ``approved`` by the last stage, ``published`` or ``rejected``.

    >>> ReviewStatus("published")
    <ReviewStatus.PUBLISHED: 'published'>

    .. versionadded:: 0.1.0
    """

    PENDING = "pending"
    APPROVED = "approved"
    PUBLISHED = "published"
    REJECTED = "rejected"


@attrs.frozen
class MeasureTieBreak:
    """Break a tie by a measure of the unit: higher first, or lower first.

    >>> MeasureTieBreak("late_reports", lower_first=True).lower_first
    True

    .. versionadded:: 0.1.0
    """

    measure: str = attrs.field(validator=check_id)
    lower_first: bool = False


@attrs.frozen
class SelfScoreTieBreak:
    """Break a tie by the unit's self-assessed total (its proposed points), higher first.

    >>> SelfScoreTieBreak()
    SelfScoreTieBreak()

    .. versionadded:: 0.1.0
    """


@attrs.frozen
class StageTotalTieBreak:
    """Break a tie by the unit's total at a given review stage, higher first.

    >>> StageTotalTieBreak("chuyen-vien").stage
    'chuyen-vien'

    .. versionadded:: 0.1.0
    """

    stage: str = attrs.field(validator=check_id)


@attrs.frozen
class NameTieBreak:
    """Break a tie by the Vietnamese alphabetical order of the units' names (ordinal rankings only).

    An ordinal ranking always ends its chain with it.

    >>> NameTieBreak()
    NameTieBreak()

    .. versionadded:: 0.1.0
    """


TieBreak: TypeAlias = MeasureTieBreak | SelfScoreTieBreak | StageTotalTieBreak | NameTieBreak
#: Wire names of the tie-break kinds.
TIE_BREAK_KINDS: dict[type, str] = {
    MeasureTieBreak: "measure",
    SelfScoreTieBreak: "self_score",
    StageTotalTieBreak: "stage_total",
    NameTieBreak: "name",
}


def _mode(value: object) -> RankMode:
    return value if isinstance(value, RankMode) else RankMode(str(value))


@attrs.frozen
class RankingRule:
    """How the campaign ranks units in clusters and levels.

    Args:
        mode: competition (1, 1, 3; default), dense (1, 1, 2) or ordinal (1, 2, 3).
        tie_breaks: keys that order units with the same score (or grade), in
            order: a measure, the self-assessed total, a stage's total, the
            names. An ordinal ranking ends with the names in any case.

    >>> rule = RankingRule("ordinal", [SelfScoreTieBreak(), NameTieBreak()])
    >>> rule.mode, len(rule.tie_breaks)
    (<RankMode.ORDINAL: 'ordinal'>, 2)

    .. versionadded:: 0.1.0
    """

    mode: RankMode = attrs.field(default=RankMode.COMPETITION, converter=_mode)
    tie_breaks: tuple[TieBreak, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen
class Withdrawal:
    """A criterion withdrawn during the year: scores given for it are kept, not counted.

    >>> Withdrawal(dt.date(2022, 7, 1), "Bỏ theo Hướng dẫn số 12").reason
    'Bỏ theo Hướng dẫn số 12'

    .. versionadded:: 0.1.0
    """

    on: dt.date | None = attrs.field(default=None, validator=check_date)
    reason: str | None = attrs.field(default=None, converter=opt_nfc)


@attrs.frozen
class AddedCriterion:
    """A criterion a reviewer adds for one unit (tiêu chí phát sinh), with its own maximum.

    It counts from its stage on; its points are given by score entries, like
    any assessed criterion. :func:`~thidua.model.validate_results` requires a
    reviewer (*by*), a reason and a maximum above zero, and a stage after the
    first (a unit does not add criteria to its own self-assessment).

    Args:
        id: ASCII id, not used by the rubric.
        name: Vietnamese wording.
        stage: the review stage that adds it.
        points: its maximum (standard points).
        reason: why it is added.
        by: the reviewer who adds it.
        on: when.
        bonus: a cap on bonus points, if it may carry one.
        name_en: English wording.

    >>> a = AddedCriterion("cuu-tro-lu", "Cứu trợ lũ lụt", "hoi-dong", 5, "Tham gia cứu trợ", "Hội đồng thi đua")
    >>> a.points, a.stage
    (Fraction(5, 1), 'hoi-dong')

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    stage: str = attrs.field(validator=check_id)
    points: Number | None = attrs.field(default=None, converter=opt_number)
    reason: str | None = attrs.field(default=None, converter=opt_nfc)
    by: str | None = attrs.field(default=None, converter=opt_nfc)
    on: dt.date | None = attrs.field(default=None, validator=check_date)
    bonus: Number | None = attrs.field(default=None, converter=opt_number)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)

    def __attrs_post_init__(self) -> None:
        if self.bonus is not None and self.bonus < 0:
            raise ModelError(c.NEGATIVE(("bonus",), value=self.bonus))


def _action(value: object) -> ReviewAction:
    return value if isinstance(value, ReviewAction) else ReviewAction(str(value))


def _status(value: object) -> ReviewStatus:
    return value if isinstance(value, ReviewStatus) else ReviewStatus(str(value))


@attrs.frozen
class ReviewEvent:
    """One step of a unit's review history: who did what, when and why.

    Args:
        stage: the stage that acted.
        action: approve, send_back, reject or publish.
        on: the date.
        by: who (a person or an office).
        reason: why (required to reject).
        to: for ``send_back``, the earlier stage the file returns to (default: the first).

    >>> ReviewEvent("chuyen-vien", "send_back", by="Chuyên viên", reason="Thiếu minh chứng").action
    <ReviewAction.SEND_BACK: 'send_back'>

    .. versionadded:: 0.1.0
    """

    stage: str = attrs.field(validator=check_id)
    action: ReviewAction = attrs.field(converter=_action)
    on: dt.date | None = attrs.field(default=None, validator=check_date)
    by: str | None = attrs.field(default=None, converter=opt_nfc)
    reason: str | None = attrs.field(default=None, converter=opt_nfc)
    to: str | None = attrs.field(default=None)


@attrs.frozen
class ReviewState:
    """A unit's current review state: pending at a stage, or published or rejected by one.

    Given alone (e.g. read from a platform's table) or with the history that
    leads to it, which must then agree.

    >>> ReviewState("pending", "lanh-dao-ban")
    ReviewState(status=<ReviewStatus.PENDING: 'pending'>, stage='lanh-dao-ban')

    .. versionadded:: 0.1.0
    """

    status: ReviewStatus = attrs.field(converter=_status)
    stage: str = attrs.field(validator=check_id)


@attrs.frozen
class Replayed:
    """What a unit's review history leads to: its state, and the problems found on the way.

    *completed* counts the stages that finished their review: none while the
    file is with the unit, every stage up to the one that published it.
    """

    state: ReviewState
    completed: int
    problems: tuple[Problem, ...] = ()
    #: the date and the stage index of the publication, when published
    published_on: dt.date | None = None
    published_at: int | None = None


def replay(
    events: Sequence[ReviewEvent],
    stages: Sequence[str],
    actions: Sequence[frozenset[ReviewAction]],
    path: Loc = (),
) -> Replayed:
    """Follow a unit's review history through the declared chain.

    Args:
        events: the history, oldest first.
        stages: the campaign's stage ids, in order (at least one).
        actions: the actions each stage may take, in the same order.
        path: where the events are, for the problems' locations.

    >>> stages = ["don-vi", "chuyen-vien", "ban-thuong-truc"]
    >>> actions = [frozenset({"approve"}), frozenset({"approve", "send_back"}), frozenset({"publish"})]
    >>> r = replay([ReviewEvent("don-vi", "approve"), ReviewEvent("chuyen-vien", "approve")], stages, actions)
    >>> r.state, r.completed
    (ReviewState(status=<ReviewStatus.PENDING: 'pending'>, stage='ban-thuong-truc'), 2)
    >>> bad = replay([ReviewEvent("chuyen-vien", "approve")], stages, actions, ("review",))
    >>> [p.render("en") for p in bad.problems]
    ["review[0].stage: the stage 'chuyen-vien' cannot act: the result is at the stage 'don-vi'"]

    .. versionadded:: 0.1.0
    """
    index = {s: i for i, s in enumerate(stages)}
    last = len(stages) - 1
    at = 0
    status = ReviewStatus.PENDING
    completed = 0
    problems: list[Problem] = []
    published_on: dt.date | None = None
    published_at: int | None = None
    closer: ReviewEvent | None = None
    last_on: dt.date | None = None
    for k, e in enumerate(events):
        where: Loc = (*path, k)
        if closer is not None:
            if closer.action is ReviewAction.PUBLISH:
                problems.append(c.RESULT_LOCKED(where, stage=closer.stage))
            else:
                problems.append(c.RESULT_REJECTED(where, stage=closer.stage))
            continue
        pos = index.get(e.stage)
        if pos is None:
            problems.append(c.UNKNOWN_STAGE((*where, "stage"), stage=e.stage))
            continue
        if e.on is not None:
            if last_on is not None and e.on < last_on:
                problems.append(c.EVENT_BEFORE_PREVIOUS((*where, "on"), on=e.on, previous=last_on))
            last_on = e.on
        if e.action not in actions[pos]:
            problems.append(c.ACTION_NOT_ALLOWED((*where, "action"), stage=e.stage, action=c.TERMS[e.action.value]))
            continue
        if pos != at:
            problems.append(c.NOT_AT_STAGE((*where, "stage"), stage=e.stage, at=stages[at]))
            continue
        if e.to is not None and e.action is not ReviewAction.SEND_BACK:
            problems.append(c.TO_ONLY_FOR_SEND_BACK((*where, "to")))
        if e.action is ReviewAction.APPROVE:
            if status is ReviewStatus.APPROVED:
                problems.append(c.ALREADY_APPROVED((*where, "action"), stage=e.stage))
            elif pos < last:
                at = completed = pos + 1
            else:  # the last stage approves: the review is complete, not yet published
                status, completed = ReviewStatus.APPROVED, pos + 1
        elif e.action is ReviewAction.SEND_BACK:
            target = 0 if e.to is None else index.get(e.to)
            if target is None:
                problems.append(c.UNKNOWN_STAGE((*where, "to"), stage=e.to))
            elif target >= pos:
                problems.append(c.SEND_BACK_FORWARD((*where, "to"), to=e.to or stages[0], stage=e.stage))
            else:
                at = completed = target
                status = ReviewStatus.PENDING
        elif e.action is ReviewAction.REJECT:
            if not e.reason:
                problems.append(c.REJECT_REASON_NEEDED((*where, "reason"), stage=e.stage))
            status = ReviewStatus.REJECTED
            closer = e
        else:  # publish
            status = ReviewStatus.PUBLISHED
            completed = pos + 1
            published_on, published_at = e.on, pos
            closer = e
    return Replayed(ReviewState(status, stages[at]), completed, tuple(problems), published_on, published_at)


def completed_stages(state: ReviewState, stages: Sequence[str]) -> int:
    """How many stages finished their review for a unit in *state* (its stage declared).

    >>> chain = ["a", "b", "c"]
    >>> completed_stages(ReviewState("pending", "b"), chain), completed_stages(ReviewState("published", "c"), chain)
    (1, 3)
    """
    pos = list(stages).index(state.stage)
    if state.status is ReviewStatus.PENDING or state.status is ReviewStatus.REJECTED:
        return pos
    return pos + 1


def locked_changes(old: object, new: object, *, path: Loc = ()) -> list[Problem]:
    """Every difference between a published unit result and a new version of it, each at its path.

    A published result is locked: an application that stores results calls
    this before replacing one (thidua keeps no state). Returns no problem
    when *old* is not published, or when nothing differs.

    Args:
        old: the stored :class:`~thidua.model.UnitResult`.
        new: the :class:`~thidua.model.UnitResult` that would replace it.
        path: where the row is, e.g. ``("units", 3)``.

    >>> from thidua.model import UnitResult
    >>> old = UnitResult("xa-a", measures={"fund_raised": 10}, state=ReviewState("published", "bt"))
    >>> new = UnitResult("xa-a", measures={"fund_raised": 12}, state=ReviewState("published", "bt"))
    >>> [p.render("en") for p in locked_changes(old, new, path=("units", 0))]
    ["units[0].measures.fund_raised: the result was published by the stage 'bt'; it can no longer be changed"]

    .. versionadded:: 0.1.0
    """
    from thidua.model._results import UnitResult

    assert isinstance(old, UnitResult)  # noqa: S101 - typed loosely to keep this module free of the results
    assert isinstance(new, UnitResult)  # noqa: S101
    stage: str | None = None
    if old.state is not None and old.state.status is ReviewStatus.PUBLISHED:
        stage = old.state.stage
    for e in old.review:
        if e.action is ReviewAction.PUBLISH:
            stage = e.stage
    if stage is None or old == new:
        return []
    problems: list[Problem] = []
    _diff(_plain(old), _plain(new), tuple(path), stage, problems)
    return problems


def _plain(value: object) -> object:
    """Fields as dicts, mappings as dicts, tuples as lists (so that differences have paths)."""
    if attrs.has(type(value)):
        return {a.name: _plain(getattr(value, a.name)) for a in attrs.fields(type(value))}  # type: ignore[arg-type]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _diff(old: object, new: object, path: Loc, stage: str, out: list[Problem]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted({*old, *new}, key=str):
            _diff(old.get(key), new.get(key), (*path, str(key)), stage, out)
        return
    if isinstance(old, list | tuple) and isinstance(new, list | tuple):
        for i in range(max(len(old), len(new))):
            _diff(old[i] if i < len(old) else None, new[i] if i < len(new) else None, (*path, i), stage, out)
        return
    if old != new:
        out.append(c.RESULT_LOCKED(path, stage=stage))
