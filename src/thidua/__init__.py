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

from typing import TYPE_CHECKING, Any

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
    validate_campaign,
    validate_results,
)

if TYPE_CHECKING:
    from thidua import examples
    from thidua.engine import Evaluation, evaluate, prepare
    from thidua.io import dump, dumps, load, loads

__version__ = "0.1.0.dev0"

#: names imported on first use (PEP 562): the engine and the file formats take a third of
#: the start-up time, and a program that only builds or validates a model never needs them
_LAZY = {
    "Evaluation": "thidua.engine",
    "evaluate": "thidua.engine",
    "prepare": "thidua.engine",
    "dump": "thidua.io",
    "dumps": "thidua.io",
    "load": "thidua.io",
    "loads": "thidua.io",
}

#: subpackages reachable as attributes of ``thidua`` before they are imported, as they were
#: when ``import thidua`` imported them all
_SUBPACKAGES = frozenset({"engine", "examples", "formula", "io"})


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
    "ThiduaError",
    "Unit",
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
]
