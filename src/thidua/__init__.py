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

from thidua import examples
from thidua.engine import Evaluation, evaluate, prepare
from thidua.errors import (
    DataError,
    EvaluationError,
    LocaleError,
    MissingInputError,
    ModelError,
    RuleError,
    ThiduaError,
)
from thidua.io import dump, dumps, load, loads
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

__version__ = "0.1.0.dev0"

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
    "MissingInputError",
    "ModelError",
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
