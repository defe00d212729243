"""The problems the model reports: values refused by its classes, and inconsistencies found by validation.

Each is a :class:`thidua.errors.Code`: a stable name and an English template
(translated when shown). ``docs/problems.md`` lists them all with their
Vietnamese and English messages.
"""

from __future__ import annotations

from thidua._problems import N_, Code, Term

__all__: list[str] = []  # the codes are used inside the model; thidua.errors.all_codes() lists them

# --- values: what a field accepts --------------------------------------------------------------
EXPECTED_LIST = Code("expected-list", N_("expected a list, got %(value)s"))
EXPECTED_MAPPING = Code("expected-mapping", N_("expected a mapping, got %(value)s"))
EXPECTED_TEXT = Code("expected-text", N_("expected a text, got %(value)s"))
INVALID_UNICODE = Code("invalid-unicode", N_("%(value)s is not valid Unicode text"))
INVALID_ID = Code(
    "invalid-id",
    N_("%(value)s is not a valid id (ASCII letters, digits, '_', '.', '-'; at most 100 characters)"),
)
EXPECTED_DATE = Code("expected-date", N_("expected a date such as 2022-04-13, got %(value)s"))
DATETIME_NOT_DATE = Code("datetime-not-date", N_("expected a date, got the date and time %(value)s"))
EXPECTED_BOOL = Code("expected-bool", N_("expected true or false, got %(value)s"))
EXPECTED_WHOLE = Code("expected-whole-number", N_("expected a whole number, got %(value)s"))
EXPECTED_COUNT = Code("expected-count", N_("expected a whole number ≥ 0, got %(value)s"))
EXPECTED_NUMBER = Code("expected-number", N_("expected a number, got %(value)s"))
FLOAT_NOT_ALLOWED = Code(
    "float-not-allowed",
    N_("%(value)s is a binary float; write it as text (%(text)s) or as a fraction (e.g. '1/3') to keep it exact"),
)
FLOAT_FOR_WHOLE = Code("float-for-whole-number", N_("%(value)s is a decimal number; write a whole number"))
BOOL_NOT_NUMBER = Code("bool-not-number", N_("%(value)s is true or false, not a number"))
NOT_A_NUMBER = Code("not-a-number", N_("%(value)s is not an exact number (write e.g. '7.5' or '1/3')"))
AMBIGUOUS_GROUPING = Code(
    "ambiguous-grouping",
    N_(
        "%(value)s may mean %(grouped)s (grouped thousands) or a decimal number; "
        "write %(grouped)s, or the decimal with other than 3 digits after the point"
    ),
)
COMMA_GROUPING = Code(
    "comma-grouping",
    N_("%(value)s groups thousands with commas; the comma is the decimal comma: write %(grouped)s or the digits alone"),
)
PERCENT_IN_NUMBER = Code(
    "percent-in-number",
    N_("%(value)s has a percent sign; it belongs in a share (a threshold), a number is written without it"),
)
NUMBER_TOO_LONG = Code("number-too-long", N_("the number %(value)s has more than %(limit)s characters"))
NUMBER_OUT_OF_BOUNDS = Code(
    "number-out-of-bounds", N_("%(value)s is outside the numbers thidua accepts (%(low)s to %(high)s)")
)
DIVISION_BY_ZERO = Code("division-by-zero", N_("%(value)s divides by zero"))
NOT_FINITE = Code("not-finite", N_("%(value)s is not a finite number"))
SHARE_OUT_OF_RANGE = Code("share-out-of-range", N_("a share must lie between 0%% and 100%%, got %(value)s"))
QUOTA_NOT_POSITIVE = Code("quota-not-positive", N_("a quota is an amount above 0 đồng, got %(value)s"))
AMOUNT_NOT_WHOLE = Code(
    "amount-not-whole",
    N_(
        "an amount of money is whole đồng, without a decimal point or comma "
        "(e.g. 150000000 or 150.000.000), got %(value)s"
    ),
)
TOO_SMALL = Code("too-small", N_("expected at least %(minimum)s, got %(value)s"))
NOT_ONE_OF = Code("not-one-of", N_("%(value)s is not one of %(allowed)s"))
NOT_A_YEAR = Code("not-a-year", N_("%(value)s is not a calendar year (1 to 9999)"))

# --- objects: fields that must agree within one object ------------------------------------------
EXACTLY_ONE_OF = Code("exactly-one-of", N_("give exactly one of '%(first)s' and '%(second)s'"))
ENDS_BEFORE_START = Code("ends-before-start", N_("ends on %(end)s, before it starts on %(start)s"))
OWN_PARENT = Code("own-parent", N_("unit '%(unit)s' cannot be its own parent"))
NOT_POSITIVE = Code("not-positive", N_("must be above zero, got %(value)s"))
NEGATIVE = Code("negative", N_("cannot be below zero, got %(value)s"))
ANY_OF_EMPTY = Code("any-of-empty", N_("'any_of' needs at least one condition"))
STEPS_EMPTY = Code("steps-empty", N_("a step table needs at least one step"))
STEPS_NOT_INCREASING = Code("steps-not-increasing", N_("the steps' thresholds must increase strictly"))
PENALTY_SIGNS = Code("penalty-signs", N_("'each' is a deduction above zero and 'floor' is zero or below"))
GROUP_WITH_METHOD = Code("group-with-method", N_("a criterion with children is a group and has no scoring method"))
LEAF_WITHOUT_METHOD = Code("leaf-without-method", N_("a criterion without children needs a scoring method"))
BONUS_WITHOUT_CAP = Code("bonus-without-cap", N_("a bonus criterion needs its 'bonus' cap"))
LIMIT_SIGN = Code("limit-sign", N_("the limit must have the sign of the points"))
BAND_RANGE_FORM = Code("band-range-form", N_("range %(value)s is not of the form '80-89', '90+' or '<50'"))
BAND_RANGE_WHOLE = Code("band-range-whole", N_("range %(value)s: write whole numbers, or give min and max"))
BAND_RANGE_REVERSED = Code("band-range-reversed", N_("range %(value)s ends before it starts"))
BAND_EMPTY = Code("band-empty", N_("the band's max %(max)s is not above its min %(min)s"))
SCALE_NO_GRADES = Code("scale-no-grades", N_("a scale needs at least one grade"))
SHARE_BASE_ALL = Code(
    "share-base-all", N_("a share target counts over 'all'; the base 'parent' is for an 'of which' target")
)

# --- references and consistency across a campaign ------------------------------------------------
DUPLICATE_ID = Code("duplicate-id", N_("the %(what)s id '%(id)s' is used twice"))
UNKNOWN_LEVEL = Code("unknown-level", N_("unknown level '%(level)s'"))
UNKNOWN_UNIT = Code("unknown-unit", N_("unknown unit '%(unit)s'"))
UNKNOWN_CLUSTER = Code("unknown-cluster", N_("unknown cluster '%(cluster)s'"))
UNKNOWN_MOVEMENT = Code("unknown-movement", N_("unknown movement '%(movement)s'"))
UNKNOWN_CONTENT_AREA = Code("unknown-content-area", N_("unknown content area '%(area)s'"))
UNKNOWN_TARGET = Code("unknown-target", N_("unknown target '%(target)s'"))
UNKNOWN_GRADE = Code("unknown-grade", N_("unknown grade '%(grade)s'"))
UNKNOWN_GRADE_IN_SCALE = Code("unknown-grade-in-scale", N_("unknown grade '%(grade)s'; the scale has %(allowed)s"))
UNKNOWN_TITLE = Code("unknown-title", N_("unknown title '%(title)s'"))
UNKNOWN_AWARD = Code("unknown-award", N_("unknown award '%(award)s'"))
UNKNOWN_CRITERION = Code("unknown-criterion", N_("unknown criterion '%(criterion)s'"))
UNKNOWN_STAGE = Code("unknown-stage", N_("'%(stage)s' is not a review stage of the campaign"))
YEAR_ENDS_BEFORE_START = Code(
    "year-ends-before-start", N_("the emulation year ends (%(end)s) before it starts (%(start)s)")
)
WRONG_PARENT_LEVEL = Code(
    "wrong-parent-level",
    N_(
        "'%(unit)s' on level '%(level)s' cannot sit under '%(parent)s' on level '%(parent_level)s' "
        "(expected '%(expected)s')"
    ),
)
NO_PARENT_LEVEL = Code(
    "no-parent-level", N_("'%(unit)s' on level '%(level)s' cannot sit under '%(parent)s': no level is above it")
)
DUPLICATE_NAME = Code("duplicate-name", N_("'%(name)s' is already the name of units[%(other)s] under the same parent"))
PARENT_CYCLE = Code("parent-cycle", N_("units form a cycle through their parents: %(cycle)s"))
UNIT_NOT_IN_YEAR = Code(
    "unit-not-in-year", N_("unit '%(unit)s' does not exist in %(year)s (it exists from %(start)s to %(end)s)")
)
CLUSTER_YEAR = Code("cluster-year", N_("the year %(value)s differs from the campaign's year %(year)s"))
CLUSTER_NO_MEMBERS = Code("cluster-no-members", N_("a cluster needs members"))
LISTED_TWICE = Code("listed-twice", N_("'%(id)s' is listed %(count)s times"))
ALREADY_GROUPED = Code(
    "already-grouped",
    N_(
        "unit '%(unit)s' (%(name)s) is already in '%(other)s' in %(year)s; "
        "it cannot also be in the %(kind)s '%(cluster)s'"
    ),
)
NOT_A_MEMBER = Code("not-a-member", N_("'%(unit)s' is not a member of the %(kind)s '%(cluster)s'"))
DEPUTY_IS_HEAD = Code("deputy-is-head", N_("the deputy cannot also be the head"))
MILESTONE_OUTSIDE = Code("milestone-outside", N_("%(date)s is outside the movement's period"))
MILESTONE_ORDER = Code(
    "milestone-order", N_("the %(later)s (%(later_on)s) comes before the %(earlier)s (%(earlier_on)s)")
)
NO_SCALE_FOR_LEVEL = Code("no-scale-for-level", N_("no rating scale rates the level '%(level)s'"))
NO_RUBRIC_FOR_LEVEL = Code("no-rubric-for-level", N_("no rubric scores the level '%(level)s'"))
PARENT_NOT_SHARE = Code("parent-not-share", N_("'%(target)s' is not a share target"))
OF_WHICH_CYCLE = Code("of-which-cycle", N_("'of which' targets form a cycle through '%(target)s'"))
AGREEMENT_NO_CLUSTERS = Code("agreement-no-clusters", N_("an agreement is signed by at least one cluster"))
SIGNED_OUTSIDE_YEAR = Code("signed-outside-year", N_("%(date)s is outside the emulation year %(start)s–%(end)s"))
SIGNATORY_NOT_MEMBER = Code("signatory-not-member", N_("'%(unit)s' is not a member of the signing clusters"))
LEVEL_RATED_TWICE = Code("level-rated-twice", N_("the level '%(level)s' is already rated by the scale '%(other)s'"))
LEVEL_SCORED_TWICE = Code("level-scored-twice", N_("the level '%(level)s' is already scored by the rubric '%(other)s'"))
BAND_OVERLAP = Code("band-overlap", N_("the band of '%(grade)s' overlaps the band of '%(other)s'"))
BAND_GAP = Code("band-gap", N_("no band covers the scores between %(low)s and %(high)s ('%(other)s' and '%(grade)s')"))
BAND_TWICE = Code("band-twice", N_("the score %(score)s lies in two bands ('%(other)s' and '%(grade)s')"))
BAND_NONE = Code("band-none", N_("the score %(score)s lies in no band (between '%(other)s' and '%(grade)s')"))
POINTS_SUM = Code("points-sum", N_("the criteria's points add up to %(sum)s, but the declared total is %(total)s"))
CHILDREN_SUM = Code("children-sum", N_("the children's points add up to %(sum)s, but the group has %(points)s"))
PENALTY_POINTS = Code("penalty-points", N_("a penalty criterion has 0 standard points"))
SELF_CAP_ABOVE_TOTAL = Code("self-cap-above-total", N_("%(cap)s is above the total %(total)s"))
STAGES_NEEDED = Code("stages-needed", N_("criteria scored by assessment need the campaign's review 'stages'"))
HISTORY_POLICY_NEEDED = Code(
    "history-policy-needed",
    N_(
        "a rule that looks back over past years needs the campaign's 'history_lineage' policy "
        "(all_predecessors, any_predecessor or none)"
    ),
)
INDICATOR_CYCLE = Code("indicator-cycle", N_("indicators form a cycle: %(cycle)s"))
UNNAMED_MEASURE = Code(
    "unnamed-measure",
    N_("the measure '%(measure)s' has no name: add it to the campaign's 'measures' with a name and a unit"),
    "warning",
)
UNNAMED_FLAG = Code(
    "unnamed-flag", N_("the flag '%(flag)s' has no name: add it to the campaign's 'flags' with a name"), "warning"
)
UNNAMED_EVENT = Code(
    "unnamed-event", N_("the event '%(event)s' has no name: add it to the campaign's 'events' with a name"), "warning"
)
UNNAMED_INDICATOR = Code("unnamed-indicator", N_("the indicator '%(indicator)s' has no name"), "warning")
UNIT_OF_NON_MEASURE = Code(
    "unit-of-non-measure", N_("a flag or an event has no unit; 'unit' is for measures"), "warning"
)

# --- results and history against their campaign ------------------------------------------------
WRONG_CAMPAIGN = Code("wrong-campaign", N_("the results are for '%(value)s', not for '%(campaign)s'"))
WRONG_YEAR = Code("wrong-year", N_("the results are for %(value)s; the campaign is for %(year)s"))
REPORTED_TWICE = Code("reported-twice", N_("'%(unit)s' is already reported in units[%(first)s]"))
UNIT_NOT_IN_CAMPAIGN_YEAR = Code("unit-not-in-campaign-year", N_("unit '%(unit)s' does not exist in %(year)s"))
STAGE_ORDER = Code("stage-order", N_("the stage '%(stage)s' comes out of order or twice"))
COMPUTED_NOT_ASSESSED = Code("computed-not-assessed", N_("'%(criterion)s' is computed, not assessed"))
POINTS_OUT_OF_RANGE = Code("points-out-of-range", N_("%(value)s is outside 0–%(max)s for '%(criterion)s'"))
REASON_NEEDED = Code("reason-needed", N_("a change at the stage '%(stage)s' needs a reason"))
CRITERION_TWICE = Code("criterion-twice", N_("'%(criterion)s' is already given in scores[%(first)s]"))
SELF_CAP_EXCEEDED = Code(
    "self-cap-exceeded", N_("the self-assessed points %(total)s exceed the self-assessment cap %(cap)s")
)
COUNTS_NOT_TOTAL = Code(
    "counts-not-total",
    N_("the counts by grade add up to %(sum)s, but the total of sub-units on the level '%(level)s' is %(total)s"),
)
COUNT_MISSING = Code(
    "count-missing",
    N_(
        "no count for the grade '%(grade)s' and no total of sub-units on the level '%(level)s': "
        "a blank is a missing input, not 0 (give the total, or type 0)"
    ),
    "warning",
)
COMPLETE_SET_MISSING = Code(
    "complete-set-missing",
    N_("a complete score set gives every criterion, but '%(criterion)s' is missing at the stage '%(stage)s'"),
)
ADDED_NEEDS_REASON = Code("added-needs-reason", N_("the added criterion '%(criterion)s' needs a reason"))
ADDED_NEEDS_REVIEWER = Code(
    "added-needs-reviewer", N_("the added criterion '%(criterion)s' needs the reviewer who adds it ('by')")
)
ADDED_NEEDS_MAXIMUM = Code(
    "added-needs-maximum", N_("the added criterion '%(criterion)s' needs its maximum points, above zero")
)
ADDED_NEEDS_STAGE = Code("added-needs-stage", N_("the added criterion '%(criterion)s' needs the stage that adds it"))
ADDED_AT_FIRST_STAGE = Code(
    "added-at-first-stage",
    N_("a criterion is added by a reviewer, not at the first stage '%(stage)s' (the unit's own)"),
)
ADDED_ID_TAKEN = Code(
    "added-id-taken", N_("'%(criterion)s' is already a criterion of the rubric or added for this unit")
)
ADDED_NOT_SCORED = Code(
    "added-not-scored",
    N_("the added criterion '%(criterion)s' needs its points at the stage that adds it, '%(stage)s'"),
)
ADDED_NOT_YET = Code(
    "added-not-yet",
    N_("'%(criterion)s' is added at the stage '%(added)s'; it cannot be scored at the earlier stage '%(stage)s'"),
)
ACTION_NOT_ALLOWED = Code(
    "action-not-allowed", N_("the stage '%(stage)s' may not %(action)s (see the campaign's stages and their actions)")
)
NOT_AT_STAGE = Code("not-at-stage", N_("the stage '%(stage)s' cannot act: the result is at the stage '%(at)s'"))
SEND_BACK_FORWARD = Code(
    "send-back-forward", N_("the stage '%(stage)s' can send a result back only to an earlier stage, not to '%(to)s'")
)
TO_ONLY_FOR_SEND_BACK = Code("to-only-for-send-back", N_("'to' is given only when a result is sent back"))
REJECT_REASON_NEEDED = Code("reject-reason-needed", N_("a rejection at the stage '%(stage)s' needs a reason"))
ALREADY_APPROVED = Code(
    "already-approved", N_("the last stage '%(stage)s' has already approved the result; it may publish it")
)
RESULT_LOCKED = Code(
    "result-locked", N_("the result was published by the stage '%(stage)s'; it can no longer be changed")
)
RESULT_REJECTED = Code("result-rejected", N_("the result was rejected at the stage '%(stage)s'; nothing can follow"))
EVENT_BEFORE_PREVIOUS = Code(
    "event-before-previous", N_("dated %(on)s, before the previous step of the review (%(previous)s)")
)
STATE_DISAGREES = Code(
    "state-disagrees",
    N_("the state says %(status)s at the stage '%(stage)s', but the history leads to %(expected)s at '%(at)s'"),
)
UNKNOWN_TIE_BREAK_STAGE = Code("unknown-tie-break-stage", N_("'%(stage)s' is not a review stage of the campaign"))
NAME_ORDER_NOT_ORDINAL = Code(
    "name-order-not-ordinal",
    N_("the order of names breaks every tie: it belongs to an ordinal ranking (mode: ordinal)"),
)
TIE_BREAKS_TWICE = Code(
    "tie-breaks-twice", N_("give tie-breaks in one place: 'ranking.tie_breaks' or the older 'tie_breaks'")
)
SELF_SCORE_NEEDS_STAGES = Code(
    "self-score-needs-stages", N_("the self-assessed total needs the campaign's review 'stages'")
)
SECOND_DECISION = Code("second-decision", N_("a second decision for '%(cluster)s' (the first: decisions[%(first)s])"))
HISTORY_NOT_PAST = Code("history-not-past", N_("%(value)s is not before the campaign's year %(year)s"))
SECOND_RECORD = Code("second-record", N_("a second record for '%(unit)s' in %(year)s"))

# --- words used inside messages --------------------------------------------------------------
TERMS: dict[str, Term] = {
    "level": Term(N_("level")),
    "unit": Term(N_("unit")),
    "cluster": Term(N_("cluster")),
    "block": Term(N_("block")),
    "movement": Term(N_("movement")),
    "agreement": Term(N_("agreement")),
    "scale": Term(N_("scale")),
    "rubric": Term(N_("rubric")),
    "title": Term(N_("title")),
    "award": Term(N_("award")),
    "stage": Term(N_("stage")),
    "indicator": Term(N_("indicator")),
    "measure": Term(N_("measure")),
    "flag": Term(N_("flag")),
    "event": Term(N_("event")),
    "content area": Term(N_("content area")),
    "target": Term(N_("target")),
    "grade": Term(N_("grade")),
    "criterion": Term(N_("criterion")),
    "launch": Term(N_("launch")),
    "signing": Term(N_("signing")),
    "mid_year_review": Term(N_("mid-year review")),
    "final_review": Term(N_("final review")),
    "campaign": Term(N_("campaign")),
    "results": Term(N_("results")),
    "history": Term(N_("history")),
    "pending": Term(N_("pending")),
    "approved": Term(N_("approved")),
    "published": Term(N_("published")),
    "rejected": Term(N_("rejected")),
    "approve": Term(N_("approve")),
    "send_back": Term(N_("send back")),
    "reject": Term(N_("reject")),
    "publish": Term(N_("publish")),
}
