"""The problems of formulas: syntax, types and arithmetic, each with its column.

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code, Term

__all__: list[str] = []

UNEXPECTED_CHARACTER = Code("formula-unexpected-character", N_("column %(column)s: unexpected character %(char)s"))
EXPECTED = Code("formula-expected", N_("column %(column)s: expected %(expected)s, found %(found)s"))
TOO_DEEP = Code("formula-too-deep", N_("column %(column)s: the formula is nested too deeply"))
UNEXPECTED = Code("formula-unexpected", N_("column %(column)s: unexpected %(token)s"))
UNKNOWN_FUNCTION = Code("formula-unknown-function", N_("column %(column)s: unknown function %(name)s (use min or max)"))
EXPECTED_OPERAND = Code(
    "formula-expected-operand", N_("column %(column)s: expected a number, a name or '(', found %(found)s")
)
NOT_TEXT = Code("formula-not-text", N_("a formula is a text, got %(value)s"))
TOO_LONG = Code("formula-too-long", N_("the formula is longer than %(limit)s characters"))
NUMBER_EXPECTED = Code("formula-number-expected", N_("column %(column)s: expected a number, got a true/false value"))
NOT_NEEDS_BOOL = Code("formula-not-needs-bool", N_("column %(column)s: 'not' needs a true/false value"))
OP_NEEDS_BOOL = Code("formula-op-needs-bool", N_("column %(column)s: %(op)s needs true/false values"))
DIVISION_BY_ZERO = Code("formula-division-by-zero", N_("column %(column)s: division by zero"))
THE_END = Term(N_("the end of the formula"))
