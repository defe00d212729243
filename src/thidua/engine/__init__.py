"""The evaluation engine: targets, scores, ratings, rankings, awards, explanations.

.. versionadded:: 0.1.0
"""

from thidua.engine._evaluate import evaluate
from thidua.engine._fingerprint import canonical, fingerprint
from thidua.engine._outcomes import (
    CONFLICT_CODES,
    STEP_CODES,
    AwardOutcome,
    Change,
    ClusterEvaluation,
    Conflict,
    CriterionScore,
    Evaluation,
    RankEntry,
    Ranking,
    RatingOutcome,
    ReviewOutcome,
    ScoreOutcome,
    Status,
    Step,
    TargetOutcome,
    UnitEvaluation,
)
from thidua.engine._prepare import Prepared, prepare
from thidua.engine._run import apply_rounding
from thidua.engine._session import Session, Update

__all__ = [
    "CONFLICT_CODES",
    "STEP_CODES",
    "AwardOutcome",
    "Change",
    "ClusterEvaluation",
    "Conflict",
    "CriterionScore",
    "Evaluation",
    "Prepared",
    "RankEntry",
    "Ranking",
    "RatingOutcome",
    "ReviewOutcome",
    "ScoreOutcome",
    "Session",
    "Status",
    "Step",
    "TargetOutcome",
    "UnitEvaluation",
    "Update",
    "apply_rounding",
    "canonical",
    "evaluate",
    "fingerprint",
    "prepare",
]
