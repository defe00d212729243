"""Rule tests: scenario files that pytest collects, and helpers for testing programs that use thidua.

* **Scenario files** hold a campaign, results and the verdicts expected, as
  literal values worked out by hand (``docs/reference/scenarios.md`` has the
  whole format)::

      schema_version: 1
      document: scenario
      name: Vân Khánh Tây, 10 ấp
      campaign: ../campaign.yaml           # a path, "example:NAME", or the document inline
      results:                             # inline results: a few units are enough
        units:
          - unit: xa-van-khanh-tay
            counts: {hamlet: {htxs: 3, htt: 5, ht: 1, kht: 1}}
      units: [xa-van-khanh-tay]            # evaluate only this unit (optional)
      expect:
        - {unit: xa-van-khanh-tay, target: bctmt-good, status: met, numerator: 8, denominator: 10}
        - {unit: xa-van-khanh-tay, grade: htt, id: van-khanh-tay-grade}

  Numbers are exact (``"899999999/10000000"``, ``"7.5"``, ``"30%"``); a float
  or a tolerance is refused. :func:`load_scenarios` reads them,
  :func:`run_scenario` / :func:`run_scenarios` run them, and
  :func:`assert_scenario` fails with every expectation not met.
* **The pytest plugin** (:mod:`thidua.testing.pytest_plugin`, registered as
  ``thidua`` when thidua is installed) collects every file named
  ``test_*.yaml``, ``test_*.yml`` or ``test_*.json`` whose top level says
  ``document: scenario``, one test per expectation: plain ``pytest`` runs a
  campaign team's rule tests, and ``pytest --pyargs thidua.examples`` runs
  the scenarios of the bundled campaigns.
* :mod:`thidua.testing.strategies`: `Hypothesis <https://hypothesis.readthedocs.io>`_
  strategies for every class of the model, whole valid campaigns, and results
  and history consistent with a campaign. It needs Hypothesis:
  ``pip install 'thidua[testing]'``. Import it explicitly
  (``from thidua.testing import strategies``); ``import thidua.testing`` alone
  never imports Hypothesis.

Nothing here keeps state between calls: every function may be called from
several threads.

>>> reports = run_scenarios(example_scenarios("an-minh-2022"))
>>> all(r.ok for r in reports), sum(r.checked for r in reports) > 20
(True, True)

.. versionadded:: 0.1.0
"""

from thidua.testing._reader import DOCUMENT, SCENARIO_VERSION, Expectation, Scenario, load_scenarios, parse_scenarios
from thidua.testing._scenarios import (
    Difference,
    ExpectationResult,
    Outcome,
    ScenarioReport,
    assert_scenario,
    check,
    evaluate_scenario,
    example_scenarios,
    run,
    run_scenario,
    run_scenarios,
)
from thidua.testing._schema import scenario_schema

__all__ = [
    "DOCUMENT",
    "SCENARIO_VERSION",
    "Difference",
    "Expectation",
    "ExpectationResult",
    "Outcome",
    "Scenario",
    "ScenarioReport",
    "assert_scenario",
    "check",
    "evaluate_scenario",
    "example_scenarios",
    "load_scenarios",
    "parse_scenarios",
    "run",
    "run_scenario",
    "run_scenarios",
    "scenario_schema",
]
