"""thidua: Vietnam's emulation campaigns (phong trào thi đua) as data and rules a program can check.

Load a campaign and its results, evaluate them exactly, and read the verdicts
with their explanations in Vietnamese or English:

>>> import thidua
>>> campaign = thidua.examples.load_campaign("an-minh-2022")
>>> results = thidua.examples.load_results("an-minh-2022")
>>> ev = thidua.evaluate(campaign, results)
>>> ev.target("xa-van-khanh-tay", "bctmt-good").share
Fraction(4, 5)

.. versionadded:: 0.1.0
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from thidua import _present
from thidua.errors import (
    DataError,
    EvaluationError,
    LocaleError,
    MissingExtraError,
    MissingInputError,
    ModelError,
    Problem,
    RuleError,
    ThiduaError,
)
from thidua.model import (
    Agreement,
    Campaign,
    Cluster,
    Criterion,
    History,
    Results,
    Rubric,
    Unit,
    UnitResult,
    validate_campaign,
    validate_results,
)

if TYPE_CHECKING:
    from thidua import examples
    from thidua.engine import Evaluation, Session, evaluate, prepare
    from thidua.io import dump, dumps, load, loads, validate_row

__version__ = "0.1.0"

#: names imported on first use (PEP 562): the engine and the file formats take a third of
#: the start-up time, and a program that only builds or validates a model never needs them
_LAZY = {
    "Evaluation": "thidua.engine",
    "Session": "thidua.engine",
    "evaluate": "thidua.engine",
    "prepare": "thidua.engine",
    "dump": "thidua.io",
    "dumps": "thidua.io",
    "load": "thidua.io",
    "loads": "thidua.io",
    "validate_row": "thidua.io",
}

#: subpackages reachable as attributes of ``thidua`` before they are imported, as they were
#: when ``import thidua`` imported them all
_SUBPACKAGES = frozenset({"engine", "examples", "formula", "io"})


# -- what the core shows, provided from above (see thidua._present) -------------------------------------
# Each function imports its layer on first use: the core never imports the layers that show it.


def _html(obj: object) -> str:
    from thidua.notebook import to_html

    return to_html(obj)


def _records(evaluation: Any, table: str) -> Any:
    from thidua.tables import records

    return records(evaluation, table)


def _to_pandas(evaluation: Any, table: str) -> Any:
    from thidua.tables import to_pandas

    return to_pandas(evaluation, table)


def _problem_message(problem: Any, locale: str) -> str:
    from thidua.l10n._problems import problem_message

    return problem_message(problem, locale)


def _problem_where(problem: Any, locale: str, *, source: bool = True) -> str:
    from thidua.l10n._problems import problem_where

    return problem_where(problem, locale, source=source)


def _format_problems(problems: Any, locale: str, *, source: str | None = None) -> str:
    from thidua.l10n._problems import format_problems

    return format_problems(problems, locale, source=source)


def _evaluation_message(exc: Any, locale: str, campaign: Any) -> str:
    from thidua.l10n._problems import evaluation_message

    return evaluation_message(exc, locale, campaign)


def _evaluation_where(exc: Any, locale: str, campaign: Any) -> str:
    from thidua.l10n._problems import evaluation_where

    return evaluation_where(exc, locale, campaign)


def _sort_key_vi(text: str) -> Any:
    from thidua.l10n import sort_key_vi

    return sort_key_vi(text)


def _gettext(locale: str) -> Any:
    from thidua.l10n import get_translator

    return get_translator(locale).gettext


_PROVIDED: dict[str, Callable[..., Any]] = {
    "html": _html,
    "records": _records,
    "to_pandas": _to_pandas,
    "problem_message": _problem_message,
    "problem_where": _problem_where,
    "format_problems": _format_problems,
    "evaluation_message": _evaluation_message,
    "evaluation_where": _evaluation_where,
    "gettext": _gettext,
    "sort_key_vi": _sort_key_vi,
}
for _name, _function in _PROVIDED.items():
    _present.provide(_name, _function)
del _name, _function


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SUBPACKAGES:
        value: Any = importlib.import_module(f"thidua.{name}")
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        msg = f"module 'thidua' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_SUBPACKAGES})


__all__ = [
    "Agreement",
    "Campaign",
    "Cluster",
    "Criterion",
    "DataError",
    "Evaluation",
    "EvaluationError",
    "History",
    "LocaleError",
    "MissingExtraError",
    "MissingInputError",
    "ModelError",
    "Problem",
    "Results",
    "Rubric",
    "RuleError",
    "Session",
    "ThiduaError",
    "Unit",
    "UnitResult",
    "__version__",
    "dump",
    "dumps",
    "evaluate",
    "examples",
    "load",
    "loads",
    "prepare",
    "validate_campaign",
    "validate_results",
    "validate_row",
]
