"""The exceptions thidua raises.

Every exception derives from :class:`ThiduaError` and also from the builtin
that matches its meaning, so ``except ValueError`` keeps working::

    ThiduaError(Exception)
    ├── ModelError(ThiduaError, ValueError)       an invalid object built in code
    ├── DataError(ThiduaError, ValueError)        an invalid file or document
    ├── RuleError(ThiduaError, ValueError)        a bad formula or rule
    ├── EvaluationError(ThiduaError)              evaluation could not proceed
    │   └── MissingInputError(EvaluationError, LookupError)
    └── LocaleError(ThiduaError, ValueError)      an unsupported locale

Errors that concern several problems carry them all in ``problems`` as
``"path: message"`` lines, in the format of :func:`cattrs.transform_error`.

>>> err = DataError(["units[2].level: unknown level 'hamlet'"])
>>> print(err)
1 problem:
  units[2].level: unknown level 'hamlet'
>>> isinstance(err, ValueError)
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "DataError",
    "EvaluationError",
    "LocaleError",
    "MissingInputError",
    "ModelError",
    "RuleError",
    "ThiduaError",
]


class ThiduaError(Exception):
    """Base class of every exception raised by thidua.

    >>> import thidua
    >>> try:
    ...     thidua.loads("{}")
    ... except ThiduaError as exc:
    ...     print(type(exc).__name__, exc.problems[0])
    DataError schema_version: required field missing

    .. versionadded:: 0.1.0
    """


class _ProblemsMixin:
    problems: tuple[str, ...]

    def _init_problems(self, problems: Iterable[str] | str) -> None:
        if isinstance(problems, str):
            problems = [problems]
        self.problems = tuple(problems)

    def __str__(self) -> str:
        if len(self.problems) == 1 and "\n" not in self.problems[0]:
            n = "1 problem"
        else:
            n = f"{len(self.problems)} problems"
        return n + ":\n" + "\n".join("  " + p for p in self.problems)


class ModelError(_ProblemsMixin, ThiduaError, ValueError):
    """An object of the model was built with invalid values.

    Args:
        problems: one ``"path: message"`` line per problem, or a single line.

    >>> str(ModelError("threshold: must be between 0% and 100%, got 120%"))
    '1 problem:\\n  threshold: must be between 0% and 100%, got 120%'

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: Iterable[str] | str) -> None:
        self._init_problems(problems)
        super().__init__(*self.problems)


class DataError(_ProblemsMixin, ThiduaError, ValueError):
    """A document (file or string) could not be read into the model.

    Args:
        problems: one ``"path: message"`` line per problem.
        source: the file name or ``"<string>"``, if known.

    >>> err = DataError(["units[0].unit: unknown unit 'xa-khong-co'", "year: expected an int"], source="results.json")
    >>> print(err)
    results.json: 2 problems:
      units[0].unit: unknown unit 'xa-khong-co'
      year: expected an int

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: Iterable[str] | str, source: str | None = None) -> None:
        self._init_problems(problems)
        self.source = source
        super().__init__(*self.problems)

    def __str__(self) -> str:
        text = super().__str__()
        return f"{self.source}: {text}" if self.source else text


class RuleError(_ProblemsMixin, ThiduaError, ValueError):
    """A formula or rule is malformed (for example a syntax error).

    Args:
        problems: one line per problem.
        column: the 1-based column of the first problem in the formula, if any.

    >>> from thidua.formula import parse
    >>> try:
    ...     parse("a +* b")
    ... except RuleError as exc:
    ...     print(exc.column, isinstance(exc, ValueError))
    4 True

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: Iterable[str] | str, column: int | None = None) -> None:
        self._init_problems(problems)
        self.column = column
        super().__init__(*self.problems)


class EvaluationError(ThiduaError):
    """Evaluation could not proceed for a unit, a rule and a period.

    Args:
        message: what went wrong.
        unit_id: the unit concerned, if any.
        rule_id: the target, criterion or award concerned, if any.
        period: the year or stage concerned, if any.

    >>> str(EvaluationError("no result reported", unit_id="xa-a", rule_id="t1", period="2022"))
    "unit 'xa-a', rule 't1', period '2022': no result reported"

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        message: str,
        *,
        unit_id: str | None = None,
        rule_id: str | None = None,
        period: str | None = None,
    ) -> None:
        self.message = message
        self.unit_id = unit_id
        self.rule_id = rule_id
        self.period = period
        super().__init__(message)

    def __str__(self) -> str:
        where = [
            f"{k} {v!r}"
            for k, v in (("unit", self.unit_id), ("rule", self.rule_id), ("period", self.period))
            if v is not None
        ]
        return f"{', '.join(where)}: {self.message}" if where else self.message


class MissingInputError(EvaluationError, LookupError):
    """An input needed by a rule is absent and the campaign's policy is ``error``.

    >>> import attrs, thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> no_fund = attrs.evolve(r.units[0], measures={})
    >>> try:
    ...     thidua.evaluate(c, attrs.evolve(r, units=(no_fund, *r.units[1:])))
    ... except MissingInputError as exc:
    ...     print(exc.unit_id, exc.rule_id, isinstance(exc, LookupError))
    xa-van-khanh-tay quy-vi-nguoi-ngheo True

    .. versionadded:: 0.1.0
    """


class LocaleError(ThiduaError, ValueError):
    """A locale that thidua has no translations for.

    Args:
        identifier: the locale asked for.

    >>> from thidua.l10n import get_translator
    >>> try:
    ...     get_translator("fr")
    ... except LocaleError as exc:
    ...     print(exc.identifier, isinstance(exc, ValueError))
    fr True

    .. versionadded:: 0.1.0
    """

    def __init__(self, identifier: str) -> None:
        self.identifier = identifier
        super().__init__(f"unsupported locale {identifier!r}; use 'vi' or 'en'")
