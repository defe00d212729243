"""The problems that stop an evaluation (a missing input under the 'error' policy, a formula of the wrong type).

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code

__all__: list[str] = []

MISSING_INPUT = Code("missing-input", N_("the input %(what)s is missing (missing-input policy: error)"))
NO_RATING = Code("no-rating", N_("no rating for %(units)s (missing-input policy: error)"))
NO_POINTS = Code("no-points", N_("no points given for the criterion '%(criterion)s' (missing-input policy: error)"))
UNKNOWN_REPORTED_GRADE = Code("unknown-reported-grade", N_("the reported grade '%(grade)s' is not in the scale"))
AMOUNT_NOT_WHOLE = Code(
    "amount-not-whole-number", N_("the target '%(target)s' compares amounts of money, which are whole numbers of đồng")
)
FORMULA_NOT_BOOL = Code("formula-not-bool", N_("the formula %(formula)s gives a number, not true or false"))
