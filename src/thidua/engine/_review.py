"""Where each unit stands in the review chain, and what the campaign's policy does with it."""

from __future__ import annotations

import attrs

from thidua import model as m
from thidua.engine._outcomes import RatingOutcome, ReviewOutcome, Step
from thidua.engine._prepare import Prepared
from thidua.model._review import completed_stages, replay

__all__ = ["UnitReview", "review_outcome", "unit_review"]

REVIEWED = "reviewed"
NOT_REVIEWED = "not_reviewed"
SELF_SCORE = "self_score"
REJECTED = "rejected"


@attrs.frozen
class UnitReview:
    """A unit's place in the chain for one evaluation.

    *score_stage* is the stage to score at (``None``: the last one reached, as
    without a review chain); *excluded* units are neither rated, nor ranked,
    nor counted.
    """

    status: str
    score_stage: str | None
    #: the stage the evaluation asks for, or the first stage when it asks for none
    wanted: str
    reached: str | None
    state: m.ReviewState | None
    events: tuple[m.ReviewEvent, ...] = ()

    @property
    def excluded(self) -> bool:
        """Whether the unit is left out: not reviewed under the ``exclude`` policy, or rejected."""
        return self.status in {NOT_REVIEWED, REJECTED}

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
    p: Prepared, result: m.UnitResult | None, level: str, stage: str | None, policy: m.Unreviewed
) -> UnitReview | None:
    """Where *result*'s unit stands when evaluating at *stage* (``None``: the last one each unit reached).

    ``None`` when nothing is reviewed: the campaign has no stages, or the
    unit's level is not scored by assessment and its results give no state.

    A unit has reached a stage when that stage finished its review: by its
    state or history when the results give them, else by its assessments (an
    assessment at a stage, or at a later one, means the stage is done).
    """
    stages = p.stage_ids
    if not stages:
        return None
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
    wanted = stage if stage is not None else stages[0]
    if state is not None and state.status is m.ReviewStatus.REJECTED:
        return UnitReview(REJECTED, None, wanted, reached, state, events)
    reviewed = completed > (p.stage_index[stage] if stage is not None else 0)
    if reviewed:
        # with a state, drafts at the stages still at work are left out
        score_stage = stage if stage is not None or state is None else reached
        return UnitReview(REVIEWED, score_stage, wanted, reached, state, events)
    if policy is m.Unreviewed.SELF_SCORE:
        return UnitReview(SELF_SCORE, reached or stages[0], wanted, reached, state, events)
    return UnitReview(NOT_REVIEWED, None, wanted, reached, state, events)


def review_outcome(review: UnitReview, shared: dict[tuple[object, ...], ReviewOutcome]) -> ReviewOutcome:
    """The public outcome of a unit's review (outcomes without a history are shared, by value)."""
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
