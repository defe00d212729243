"""Helpers for testing programs that use thidua.

* :mod:`thidua.testing.strategies`: `Hypothesis <https://hypothesis.readthedocs.io>`_
  strategies for every class of the model, whole valid campaigns, and results
  and history consistent with a campaign. It needs Hypothesis, which thidua
  itself does not: ``pip install 'thidua[testing]'``. Import it explicitly
  (``from thidua.testing import strategies``); ``import thidua.testing`` alone
  never imports Hypothesis.
* :func:`run_scenario` and :func:`assert_scenario`: run a scenario file (a
  campaign, results and expected verdicts as literal values) and report every
  difference.

.. versionadded:: 0.1.0
"""

from thidua.testing._scenarios import Difference, ScenarioReport, assert_scenario, run_scenario

__all__ = ["Difference", "ScenarioReport", "assert_scenario", "run_scenario"]
