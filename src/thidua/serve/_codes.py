"""The problems of the reference web service (``thidua serve``).

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code

__all__: list[str] = []

UNKNOWN_CAMPAIGN = Code("unknown-campaign", N_("no campaign '%(campaign)s' is served here; served: %(served)s"))
UNKNOWN_EXAMPLE = Code("unknown-example", N_("no bundled example '%(name)s'; examples: %(names)s"))
CAMPAIGN_TWICE = Code("campaign-twice", N_("the campaign '%(campaign)s' is given twice"))
NOT_EVALUATED = Code("unit-not-evaluated", N_("the unit '%(unit)s' is not evaluated in this campaign"))
UNIT_MISMATCH = Code("unit-mismatch", N_("these are the results of the unit '%(found)s', not of '%(unit)s'"))
EMPTY_BODY = Code("empty-body", N_("the request has no body; send the results as a JSON object"))
NOT_FOUND = Code("not-found", N_("nothing is found at %(path)s"))
METHOD_NOT_ALLOWED = Code("method-not-allowed", N_("%(method)s is not allowed at %(path)s; use %(allowed)s"))
NOTHING_FOUND = Code("nothing-found", N_("nothing is found for %(key)s"))
