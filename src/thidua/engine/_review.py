"""Where each unit stands in the review chain, and what the campaign's policy does with it."""

from __future__ import annotations

from thidua import model as m
from thidua.engine._outcomes import RatingOutcome, ReviewOutcome, Step
from thidua.engine._prepare import Prepared
from thidua.model._review import completed_stages, replay

__all__ = ["UnitReview", "review_outcome", "unit_review"]

REVIEWED = "reviewed"
NOT_REVIEWED = "not_reviewed"
SELF_SCORE = "self_score"
REJECTED = "rejected"


class UnitReview:
    """A unit's place in the chain for one evaluation (made once per unit and run; not shared across threads).

    *score_stage* is the stage to score at (``None``: the last one reached, as
    without a review chain); *excluded* units are neither rated, nor ranked,
    nor counted. *outcome* keeps the public :class:`ReviewOutcome` once made.
    """

    __slots__ = ("events", "excluded", "outcome", "reached", "score_stage", "state", "status", "wanted")

    def __init__(
        self,
        status: str,
        score_stage: str | None,
        wanted: str,
        reached: str | None,
        state: m.ReviewState | None,
        *,
        events: tuple[m.ReviewEvent, ...] = (),
    ) -> None:
        self.status = status
        self.score_stage = score_stage
        #: the stage the evaluation asks for (the last one, or the first, when it asks for none)
        self.wanted = wanted
        self.reached = reached
        self.state = state
        self.events = events
        #: not reviewed under the ``exclude`` policy, or rejected
        self.excluded = status in {NOT_REVIEWED, REJECTED}
        self.outcome: ReviewOutcome | None = None

    def rating(self, unit: str, policy: m.Unreviewed) -> RatingOutcome:
        """The rating of an excluded unit: none, with the reason."""
        if self.status == REJECTED:
            last = self.events[-1] if self.events else None
            args = {
                "stage": self.state.stage if self.state is not None else self.wanted,
                "on": last.on if last is not None else None,
                "by": last.by if last is not None else None,
                "reason": last.reason if last is not None else None,
            }
            return RatingOutcome(unit, None, REJECTED, trace=(Step("rejected", args),))
        step = Step("not_reviewed", {"stage": self.wanted, "reached": self.reached, "policy": policy.value})
        return RatingOutcome(unit, None, NOT_REVIEWED, trace=(step,))


def unit_review(
    p: Prepared,
    result: m.UnitResult | None,
    level: str,
    stage: str | None,
    policy: m.Unreviewed,
    *,
    shared: dict[int, UnitReview] | None = None,
) -> UnitReview | None:
    """Where *result*'s unit stands when evaluating at *stage* (``None``: the last one each unit reached).

    ``None`` when nothing is reviewed: the campaign has no stages, or the
    unit's level is not scored by assessment and its results give no state.

    A unit has reached a stage when that stage finished its review: by its
    state or history when the results give them, else by its assessments (an
    assessment at a stage, or at a later one, means the stage is done).
    Without a stage, a unit whose results give a state counts once its review
    is complete (approved by the last stage, or published); a unit with
    assessments only counts at the last stage it reached.
    """
    stages = p.stage_ids
    if not stages:
        return None
    if shared is not None and result is not None and result.assessments and result.state is None and not result.review:
        # the usual case: the unit's assessments tell how far it came (validated: in the order of
        # the stages), and it has reached the stage evaluated; one outcome per stage reached
        last = p.stage_index[result.assessments[-1].stage]
        if stage is None or last >= p.stage_index[stage]:
            found = shared.get(last)
            if found is None:
                found = shared[last] = UnitReview(
                    REVIEWED, stage, stage if stage is not None else stages[0], stages[last], None
                )
            return found
    chained = result is not None and (result.state is not None or bool(result.review))
    if not chained and level not in p.assessed_levels:
        return None
    state: m.ReviewState | None = None
    events: tuple[m.ReviewEvent, ...] = ()
    if result is not None and chained:
        events = result.review
        if events:
            replayed = replay(events, stages, p.stage_actions)
            state, completed = replayed.state, replayed.completed
        else:
            assert result.state is not None  # noqa: S101 - chained
            state = result.state
            completed = completed_stages(state, stages)
    elif result is not None and result.assessments:
        index = p.stage_index
        completed = max(index[a.stage] for a in result.assessments) + 1
    else:
        completed = 0
    reached = stages[completed - 1] if completed else None
    if stage is not None:
        wanted = stage
        reviewed = completed > p.stage_index[stage]
    elif state is not None:
        # no stage asked for, and the results say where the review stands: the unit counts once its
        # review is complete (approved by the last stage, or published)
        wanted = stages[-1]
        reviewed = state.status is m.ReviewStatus.APPROVED or state.status is m.ReviewStatus.PUBLISHED
    else:
        # no stage asked for, assessments only: each unit counts at the last stage it reached
        wanted = stages[0]
        reviewed = completed > 0
    if state is not None and state.status is m.ReviewStatus.REJECTED:
        return UnitReview(REJECTED, None, wanted, reached, state, events=events)
    if reviewed:
        # with a state, drafts at the stages still at work are left out
        score_stage = stage if stage is not None or state is None else reached
        return UnitReview(REVIEWED, score_stage, wanted, reached, state, events=events)
    if policy is m.Unreviewed.SELF_SCORE:
        return UnitReview(SELF_SCORE, reached or stages[0], wanted, reached, state, events=events)
    return UnitReview(NOT_REVIEWED, None, wanted, reached, state, events=events)


def review_outcome(review: UnitReview, shared: dict[tuple[object, ...], ReviewOutcome]) -> ReviewOutcome:
    """The public outcome of a unit's review (outcomes without a history are shared, by value)."""
    if review.outcome is not None:
        return review.outcome
    review.outcome = outcome = _review_outcome(review, shared)
    return outcome


def _review_outcome(review: UnitReview, shared: dict[tuple[object, ...], ReviewOutcome]) -> ReviewOutcome:
    state = review.state
    status = state.status.value if state is not None else None
    at = state.stage if state is not None else None
    stage = review.score_stage if review.status in (REVIEWED, SELF_SCORE) else None
    if stage is None and review.status == REVIEWED:
        stage = review.reached
    if not review.events:
        key = (review.status, stage, review.reached, status, at)
        found = shared.get(key)
        if found is None:
            trace = (Step("review_state", {"status": status, "stage": at}),) if state is not None else ()
            found = shared[key] = ReviewOutcome(review.status, stage, review.reached, status, at, trace)
        return found
    steps = [
        Step(
            "review_event",
            {"stage": e.stage, "action": e.action.value, "on": e.on, "by": e.by, "reason": e.reason, "to": e.to},
        )
        for e in review.events
    ]
    steps.append(Step("review_state", {"status": status, "stage": at}))
    return ReviewOutcome(review.status, stage, review.reached, status, at, tuple(steps))
