"""The problems of scenario files (rule tests): their keys and their expectations.

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code

__all__: list[str] = []

UNKNOWN_KEY = Code("scenario-unknown-key", N_("unknown key '%(key)s'"))
UNKNOWN_EXPECTATION_KEY = Code(
    "scenario-unknown-expectation-key", N_("unknown key '%(key)s' for a %(kind)s expectation")
)
DOCUMENT_FORM = Code("scenario-document-form", N_("expected a path, 'example:NAME' or an inline document"))
STAGE_ID = Code("scenario-stage-id", N_("expected the id of a stage"))
NO_EXPECTATIONS = Code("scenario-no-expectations", N_("expected a non-empty list of expectations"))
UNIT_OR_CLUSTER = Code("scenario-unit-or-cluster", N_("give exactly one of 'unit' and 'cluster'"))
RANK_MAPPING = Code("scenario-rank-mapping", N_("expected a mapping of unit ids to ranks"))
NOTHING_TO_CHECK = Code("scenario-nothing-to-check", N_("the expectation checks nothing"))
EXACT_NUMBER = Code(
    "scenario-exact-number", N_("expected an exact number (a whole number or a text such as '3/11'), got %(value)s")
)
TOLERANCE = Code(
    "scenario-tolerance",
    N_(
        "'%(key)s': a tolerance is never needed, thidua's numbers are exact; "
        "write the exact value (e.g. '89.9999999' or '899999999/10000000')"
    ),
)
UNIT_LIST = Code("scenario-unit-list", N_("expected a non-empty list of unit ids"))
MISSING_POLICY = Code("scenario-missing-policy", N_("expected error, not_met or exclude, got %(value)s"))
DATE_OUTSIDE = Code("scenario-date-outside", N_("%(date)s is outside the emulation year %(start)s–%(end)s"))
UNIT_NOT_THIS_YEAR = Code(
    "scenario-unit-not-evaluated",
    N_("the unit '%(unit)s' does not exist in the period evaluated (%(start)s to %(end)s)"),
)
EXPECTATION_ID = Code(
    "scenario-expectation-id", N_("expected a short id (letters, digits, '-', '_', '.', ':'), got %(value)s")
)
DUPLICATE_ID = Code("scenario-duplicate-id", N_("the id '%(id)s' is already used by expect[%(first)s]"))
DUPLICATE_SCENARIO_ID = Code(
    "scenario-duplicate-scenario-id", N_("the scenario id '%(id)s' is already used in this file")
)
NO_SCENARIO = Code("scenario-empty-file", N_("the file holds no scenario"))
SEVERAL_SCENARIOS = Code("scenario-several", N_("the file holds %(count)s scenarios; run them with run_scenarios()"))
UNKNOWN_EXAMPLE = Code("scenario-unknown-example", N_("no bundled %(document)s for the example '%(name)s'"))
ERROR_NAME = Code("scenario-error-name", N_("expected the name of an error class such as DataError, got %(value)s"))
