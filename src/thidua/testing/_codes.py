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
