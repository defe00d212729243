"""The problems of writing the papers an office signs (minutes, proposals, summary reports).

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code

__all__: list[str] = []

UNKNOWN_CLUSTER = Code("paper-unknown-cluster", N_("the evaluation has no cluster '%(cluster)s'; it has %(known)s"))
UNKNOWN_PAPER = Code("paper-unknown-kind", N_("unknown paper '%(paper)s'; use %(allowed)s"))
PAPER_SUFFIX = Code("paper-suffix", N_("cannot write a paper to '%(name)s'; use .docx"))
RESULTS_MISMATCH = Code(
    "paper-results-mismatch",
    N_("these results are not the ones evaluated: the meeting's order of %(cluster)s differs from the evaluation's"),
)
PROPOSAL_INELIGIBLE = Code(
    "paper-proposal-ineligible",
    N_(
        "the meeting of %(cluster)s proposed %(unit)s for %(award)s, but the unit is not eligible; correct the "
        "meeting's record, or propose the awards the rules grant (--proposals computed)"
    ),
)
PROPOSAL_OVER_QUOTA = Code(
    "paper-proposal-over-quota",
    N_(
        "the meeting of %(cluster)s proposed %(proposed)s units for %(award)s, more than the %(allowed)s allowed; "
        "correct the meeting's record, or propose the awards the rules grant (--proposals computed)"
    ),
)
NOTHING_TO_PROPOSE = Code(
    "paper-nothing-to-propose", N_("%(cluster)s has no unit to propose for an award: there is no proposal to write")
)
VOTES_OVER_TOTAL = Code("paper-votes-over-total", N_("%(agree)s votes in favour is more than the %(total)s cast"))
VOTES_NO_TOTAL = Code("paper-votes-no-total", N_("the number of votes cast must be at least 1, got %(total)s"))
EXPECTED_TIME = Code("paper-expected-time", N_("expected a time of day such as '14:00', got %(value)s"))
UNKNOWN_VOTER_UNIT = Code("paper-unknown-vote-unit", N_("the campaign has no unit '%(unit)s'"))
