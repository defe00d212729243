"""The domain model: frozen attrs classes, validated when built.

The model holds data only; it knows nothing of files (see :mod:`thidua.io`)
or of languages (see :mod:`thidua.l10n`).

.. versionadded:: 0.1.0
"""

from typing import Any

from thidua._renamed import renamed
from thidua.model._awards import AwardRule, Quota, Title, TitleKind
from thidua.model._campaign import (
    Agreement,
    Campaign,
    Cluster,
    ClusterKind,
    ContentArea,
    Indicator,
    Milestone,
    Movement,
    MovementForm,
    Registration,
    Stage,
)
from thidua.model._conditions import (
    AllTargetsMet,
    AnyOf,
    Condition,
    Flag,
    GradeStreak,
    IsHead,
    LineagePolicy,
    MaxRank,
    MeasureAtLeast,
    MinGrade,
    Rounding,
    TargetMet,
    TitleCount,
    WhenFormula,
)
from thidua.model._criteria import (
    Adjustment,
    Assessed,
    Bonus,
    Criterion,
    Method,
    PassFail,
    Penalty,
    PerOccurrence,
    Proportional,
    Rubric,
    StepRow,
    StepTable,
)
from thidua.model._exact import Amount, Number, Share, nfc, parse_number, parse_share
from thidua.model._results import (
    Assessment,
    Decision,
    History,
    HistoryRecord,
    Proposal,
    Results,
    ScoreEntry,
    UnitResult,
)
from thidua.model._scale import Band, Disqualifier, Grade, GradeCap, RatingScale, parse_band_range
from thidua.model._targets import (
    TARGET_KINDS,
    Base,
    ChangeTarget,
    CountTarget,
    DeadlineTarget,
    FormulaTarget,
    MissingPolicy,
    OfWhichTarget,
    QuotaTarget,
    Scope,
    ShareTarget,
    Target,
    ZeroCountTarget,
)
from thidua.model._units import Level, Lineage, LineageKind, Unit, UnitKind
from thidua.model._validate import validate_campaign, validate_history, validate_results

__all__ = [
    "TARGET_KINDS",
    "Adjustment",
    "Agreement",
    "AllTargetsMet",
    "Amount",
    "AnyOf",
    "Assessed",
    "Assessment",
    "AwardRule",
    "Band",
    "Base",
    "Bonus",
    "Campaign",
    "ChangeTarget",
    "Cluster",
    "ClusterKind",
    "Condition",
    "ContentArea",
    "CountTarget",
    "Criterion",
    "DeadlineTarget",
    "Decision",
    "Disqualifier",
    "Flag",
    "FormulaTarget",
    "Grade",
    "GradeCap",
    "GradeStreak",
    "History",
    "HistoryRecord",
    "Indicator",
    "IsHead",
    "Level",
    "Lineage",
    "LineageKind",
    "LineagePolicy",
    "MaxRank",
    "MeasureAtLeast",
    "Method",
    "Milestone",
    "MinGrade",
    "MissingPolicy",
    "Movement",
    "MovementForm",
    "Number",
    "OfWhichTarget",
    "PassFail",
    "Penalty",
    "PerOccurrence",
    "Proportional",
    "Proposal",
    "Quota",
    "QuotaTarget",
    "RatingScale",
    "Registration",
    "Results",
    "Rounding",
    "Rubric",
    "Scope",
    "ScoreEntry",
    "Share",
    "ShareTarget",
    "Stage",
    "StepRow",
    "StepTable",
    "Target",
    "TargetMet",
    "Title",
    "TitleCount",
    "TitleKind",
    "Unit",
    "UnitKind",
    "UnitResult",
    "WhenFormula",
    "ZeroCountTarget",
    "nfc",
    "parse_band_range",
    "parse_number",
    "parse_share",
    "validate_campaign",
    "validate_history",
    "validate_results",
]

#: names renamed since they were published: the old name still works, with a DeprecationWarning
_RENAMED = {"Step": "StepRow"}


def __getattr__(name: str) -> Any:
    return renamed(__name__, globals(), _RENAMED, name)
