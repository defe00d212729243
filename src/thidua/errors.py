"""The exceptions thidua raises, and the problems they carry.

Every exception derives from :class:`ThiduaError` and also from the builtin
that matches its meaning, so ``except ValueError`` keeps working::

    ThiduaError(Exception)
    ├── DataError(ThiduaError, ValueError)         an invalid input: .problems, .source
    │   ├── ModelError(DataError)                  an invalid object built in code
    │   └── RuleError(DataError)                   a bad formula (.column)
    ├── EvaluationError(ThiduaError)               evaluation could not proceed: .problem
    │   └── MissingInputError(EvaluationError, LookupError)
    ├── MissingExtraError(ThiduaError, ImportError)  an optional extra is not installed
    └── LocaleError(ThiduaError, ValueError)       an unsupported locale

Everything wrong with an input is reported at once, as :class:`Problem`
objects (a stable ``code``, a ``loc`` tuple, the message's ``params``, a
``severity``, and the file, sheet and cell when known); the message is
rendered in the reader's language (Vietnamese by default). ``except
DataError`` catches every problem of every input, whatever read it:

>>> import thidua
>>> try:
...     thidua.loads('{"schema_version": 1, "document": "results", "campaign": "c", "year": 2022.5}')
... except DataError as exc:
...     print(exc.problems[0].code, exc.problems[0].loc)
...     print(exc.render("en"))
...     print(exc)
...     print(isinstance(exc, ValueError))
float-for-whole-number ('year',)
<string>: 1 problem:
  year: 2022.5 is a decimal number; write a whole number
<string>: 1 vấn đề:
  year: 2022.5 là số thập phân; hãy ghi số nguyên
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from thidua._present import shown as _shown_by
from thidua._problems import N_, Code, Problem, all_codes, format_loc, shown

__all__ = [
    "Code",
    "DataError",
    "EvaluationError",
    "LocaleError",
    "MissingExtraError",
    "MissingInputError",
    "ModelError",
    "Problem",
    "RuleError",
    "ThiduaError",
    "all_codes",
    "format_loc",
    "shown",
]


class ThiduaError(Exception):
    """Base class of every exception raised by thidua.

    >>> import thidua
    >>> try:
    ...     thidua.loads("{}")
    ... except ThiduaError as exc:
    ...     print(type(exc).__name__, exc.problems[0].code, exc.problems[0].path)
    DataError required-field schema_version

    .. versionadded:: 0.1.0
    """


def _as_problems(problems: Iterable[Problem] | Problem) -> tuple[Problem, ...]:
    if isinstance(problems, Problem):
        return (problems,)
    out = tuple(problems)
    wrong = [p for p in out if not isinstance(p, Problem)]  # a guard for callers that are not type-checked
    if wrong:
        msg = f"problems must be thidua.Problem objects, got {type(wrong[0]).__name__}"
        raise TypeError(msg)
    return out


class DataError(ThiduaError, ValueError):
    """An input (a file, a document, an object, a row) has problems; every one is listed.

    Args:
        problems: the problems, or one problem.
        source: the file name or ``"<string>"``, if known; given to every
            problem that has no file of its own.

    Attributes:
        problems: every problem found, errors and warnings, in the order found.
        source: the file, if known.

    >>> from thidua.errors import Code
    >>> unknown = Code("unknown-unit", "unknown unit '%(unit)s'")
    >>> err = DataError([unknown(("units", 0, "unit"), unit="xa-khong-co")], source="results.json")
    >>> print(err.render("en"))
    results.json: 1 problem:
      units[0].unit: unknown unit 'xa-khong-co'
    >>> err.to_data("en")[0]["path"], err.problems[0].source
    ('units[0].unit', 'results.json')

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: Iterable[Problem] | Problem, source: str | None = None) -> None:
        found = _as_problems(problems)
        if source is not None:
            found = tuple(p if p.source is not None else p.located(source=source) for p in found)
        self.problems: tuple[Problem, ...] = found
        self.source = source
        super().__init__(*found)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that refuse the input (severity ``"error"``)."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def codes(self) -> list[str]:
        """The problems' codes, in order (handy in tests)."""
        return [p.code for p in self.problems]

    def render(self, locale: str = "vi") -> str:
        """Every problem, one per line under a count, in *locale*'s language."""
        text: str = _shown_by("format_problems")(self.problems, locale, source=self.source)  # from thidua.l10n
        return text

    def to_data(self, locale: str = "vi") -> list[dict[str, Any]]:
        """The problems as plain JSON-ready data (see :meth:`Problem.to_data`): the body of an HTTP 422."""
        return [p.to_data(locale) for p in self.problems]

    def __str__(self) -> str:
        return self.render("vi")


class ModelError(DataError):
    """An object of the model was built with invalid values.

    Its problems are located relative to the object (``counts.hamlet.htt``);
    a loader puts them under the object's place in the document.

    >>> from thidua.model import UnitResult
    >>> try:
    ...     UnitResult("xa-a", counts={"hamlet": {"htt": -1}})
    ... except ModelError as exc:
    ...     print(exc.problems[0].path, exc.problems[0].code, isinstance(exc, DataError))
    counts.hamlet.htt expected-count True

    .. versionadded:: 0.1.0
    """


class RuleError(DataError):
    """A formula or rule is malformed (for example a syntax error).

    Args:
        problems: the problems, or one problem.
        column: the 1-based column of the first problem in the formula, if any.

    >>> from thidua.formula import parse
    >>> try:
    ...     parse("a +* b")
    ... except RuleError as exc:
    ...     print(exc.column, exc.problems[0].code, isinstance(exc, DataError))
    4 formula-expected-operand True

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, problems: Iterable[Problem] | Problem, column: int | None = None, source: str | None = None
    ) -> None:
        super().__init__(problems, source)
        self.column = column


UNSUPPORTED_LOCALE = Code("unsupported-locale", N_("unsupported language '%(locale)s'; use 'vi' or 'en'"))
MISSING_EXTRA = Code(
    "missing-extra",
    N_(
        "%(what)s needs the optional extra '%(extra)s' (%(requirement)s): "
        "pip install 'thidua[%(extra)s]', or install %(requirement)s"
    ),
)


class EvaluationError(ThiduaError):
    """Evaluation could not proceed for a unit, a rule and a period.

    Args:
        problem: what went wrong, as a :class:`Problem` (its message in the reader's language).
        unit_id: the unit concerned, if any.
        rule_id: the target, criterion or award concerned, if any.
        period: the year or stage concerned, if any.

    >>> p = Code("no-result-demo", "no result reported")(())
    >>> err = EvaluationError(p, unit_id="xa-a", rule_id="t1", period="2022")
    >>> err.render("en")
    "unit 'xa-a', rule 't1', year 2022: no result reported"

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        problem: Problem,
        *,
        unit_id: str | None = None,
        rule_id: str | None = None,
        period: str | None = None,
    ) -> None:
        self.problem = problem
        self.unit_id = unit_id
        self.rule_id = rule_id
        self.period = period
        super().__init__(problem)

    @property
    def code(self) -> str:
        """The problem's code."""
        return self.problem.code

    def message(self, locale: str = "vi", campaign: Any = None) -> str:
        """What went wrong, without where, in *locale*'s language (inputs by name when *campaign* is given)."""
        text: str = _shown_by("evaluation_message")(self, locale, campaign)  # from thidua.l10n
        return text

    def render(self, locale: str = "vi", campaign: Any = None) -> str:
        """Where (unit, rule, period) and what, in *locale*'s language.

        Args:
            locale: the reader's language.
            campaign: the campaign (or prepared campaign), to name the unit,
                the rule and the missing input instead of showing their ids.
        """
        where = _shown_by("evaluation_where")(self, locale, campaign)  # from thidua.l10n
        text = self.message(locale, campaign)
        return f"{where}: {text}" if where else text

    def to_data(self, locale: str = "vi") -> dict[str, Any]:
        """Plain JSON-ready data: the problem (see :meth:`Problem.to_data`) with the unit, rule and period."""
        data = self.problem.to_data(locale)
        data.update({"unit": self.unit_id, "rule": self.rule_id, "period": self.period})
        return data

    def __str__(self) -> str:
        return self.render("vi")


class MissingInputError(EvaluationError, LookupError):
    """An input needed by a rule is absent and the campaign's policy is ``error``.

    >>> import attrs, thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> no_fund = attrs.evolve(r.units[0], measures={})
    >>> try:
    ...     thidua.evaluate(c, attrs.evolve(r, units=(no_fund, *r.units[1:])))
    ... except MissingInputError as exc:
    ...     print(exc.unit_id, exc.rule_id, exc.code, isinstance(exc, LookupError))
    xa-van-khanh-tay quy-vi-nguoi-ngheo missing-input True

    .. versionadded:: 0.1.0
    """


class MissingExtraError(ThiduaError, ImportError):
    """An optional extra that a feature needs is not installed.

    The message names the extra and the plain requirement, so that it helps
    whether thidua came from a package index or from a wheel or a checkout.

    Args:
        what: the feature, e.g. ``"reading .xlsx files"`` (an English msgid, translated when shown).
        extra: the extra's name, e.g. ``"excel"``.
        requirement: what to install, e.g. ``"openpyxl"``.

    >>> err = MissingExtraError("reading .xlsx files", "excel", "openpyxl")
    >>> print(err.render("en"))
    reading .xlsx files needs the optional extra 'excel' (openpyxl): pip install 'thidua[excel]', or install openpyxl
    >>> isinstance(err, ImportError), err.problem.code
    (True, 'missing-extra')

    .. versionadded:: 0.1.0
    """

    def __init__(self, what: str, extra: str, requirement: str) -> None:
        self.what = what
        self.extra = extra
        self.requirement = requirement
        self.problem = MISSING_EXTRA((), what=what, extra=extra, requirement=requirement)
        super().__init__(
            self.render("en"), name=requirement.split(">", maxsplit=1)[0].split("=", maxsplit=1)[0].strip()
        )

    def render(self, locale: str = "vi") -> str:
        """The message in *locale*'s language (the feature translated too)."""
        gettext = _shown_by("gettext")(locale)  # from thidua.l10n
        text: str = gettext(self.problem.template) % {
            "what": gettext(self.what),
            "extra": self.extra,
            "requirement": self.requirement,
        }
        return text

    def __str__(self) -> str:
        return self.render("vi")


class LocaleError(ThiduaError, ValueError):
    """A locale that thidua has no translations for.

    Args:
        identifier: the locale asked for.

    >>> from thidua.l10n import get_translator
    >>> try:
    ...     get_translator("fr")
    ... except LocaleError as exc:
    ...     print(exc.identifier, isinstance(exc, ValueError), exc.render("en"))
    fr True unsupported language 'fr'; use 'vi' or 'en'

    .. versionadded:: 0.1.0
    """

    def __init__(self, identifier: str) -> None:
        self.identifier = identifier
        self.problem = UNSUPPORTED_LOCALE((), locale=identifier)
        super().__init__(identifier)

    def render(self, locale: str = "vi") -> str:
        """The message in *locale*'s language."""
        return self.problem.message(locale)

    def __str__(self) -> str:
        return self.render("vi")
