"""Hypothesis strategies for every class of :mod:`thidua.model`.

Use them in your own tests: an application that stores campaigns, or an
adapter that writes them to another format, can check itself against every
shape of campaign thidua accepts. This module needs `Hypothesis
<https://hypothesis.readthedocs.io>`_: ``pip install 'thidua[testing]'``.

There are two kinds of strategies:

* **free** strategies (:func:`units`, :func:`criteria`, :func:`targets`, ...)
  draw objects that are valid on their own but name other objects' ids at
  random; use them for anything that does not check cross references;
* **whole** strategies draw consistent documents: :func:`campaigns` draws
  campaigns that :func:`~thidua.model.validate_campaign` accepts, and
  :func:`results_for` and :func:`histories_for` draw results and history that
  :func:`~thidua.model.validate_results` and
  :func:`~thidua.model.validate_history` accept for a given campaign.

Ids are ASCII-safe; names are Vietnamese, typed in NFC or NFD (the model
normalizes them to NFC); numbers are exact.

>>> from hypothesis import HealthCheck, given, settings
>>> from thidua.model import validate_campaign, validate_results
>>> @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
... @given(campaigns().flatmap(lambda c: st.tuples(st.just(c), results_for(c))))
... def test_consistent(pair):
...     campaign, results = pair
...     assert validate_campaign(campaign) == []
...     assert validate_results(campaign, results) == []
>>> test_consistent()

The strategy for any model class is ``for_type(cls)``, e.g. ``for_type(Unit)``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import strategies as st

from thidua import model as m
from thidua.testing._parts import (
    adjustments,
    agreements,
    assessments,
    award_rules,
    bands,
    clusters,
    condition,
    condition_kinds,
    content_areas,
    criteria,
    decisions,
    disqualifiers,
    grade_caps,
    grades,
    histories,
    history_records,
    indicators,
    inputs,
    levels,
    lineages,
    measures,
    method_kinds,
    milestones,
    movements,
    officials,
    proposals,
    quotas,
    rating_scales,
    registrations,
    results,
    rubrics,
    score_entries,
    stages,
    steps,
    targets,
    titles,
    unit_results,
    units,
)
from thidua.testing._parts import conditions as _conditions
from thidua.testing._parts import methods as _methods
from thidua.testing._review_parts import (
    added_criteria,
    ranking_rules,
    review_events,
    review_states,
    tie_break_kinds,
    tie_breaks,
    withdrawals,
)
from thidua.testing._values import (
    amounts,
    dates,
    formulas,
    ids,
    measure_names,
    names,
    numbers,
    shares,
    texts,
    written_numbers,
    written_shares,
)
from thidua.testing._whole import campaigns, histories_for, results_for

__all__ = [
    "added_criteria",
    "adjustments",
    "agreements",
    "amounts",
    "assessments",
    "award_rules",
    "bands",
    "campaigns",
    "clusters",
    "conditions",
    "content_areas",
    "criteria",
    "dates",
    "decisions",
    "disqualifiers",
    "for_type",
    "formulas",
    "grade_caps",
    "grades",
    "histories",
    "histories_for",
    "history_records",
    "ids",
    "indicators",
    "levels",
    "lineages",
    "measure_names",
    "measures",
    "methods",
    "milestones",
    "movements",
    "names",
    "numbers",
    "proposals",
    "quotas",
    "ranking_rules",
    "rating_scales",
    "registrations",
    "results",
    "results_for",
    "review_events",
    "review_states",
    "rubrics",
    "score_entries",
    "shares",
    "stages",
    "steps",
    "targets",
    "texts",
    "tie_breaks",
    "titles",
    "unit_results",
    "units",
    "withdrawals",
    "written_numbers",
    "written_shares",
]

T = TypeVar("T")


def conditions(kind: type | None = None) -> st.SearchStrategy[m.Condition]:
    """Free conditions of every kind (``any_of`` nested a little), or of one *kind*.

    >>> from hypothesis import find
    >>> find(conditions(m.MaxRank), lambda c: True)
    MaxRank(rank=1)

    .. versionadded:: 0.1.0
    """
    if kind is None:
        return _conditions()
    return condition(kind)


def methods(kind: type | None = None) -> st.SearchStrategy[m.Method]:
    """Free scoring methods of every kind, or of one *kind*.

    A criterion scored by :class:`~thidua.model.Bonus` also needs its ``bonus`` cap.

    >>> from hypothesis import find
    >>> find(methods(m.Assessed), lambda x: True)
    Assessed()

    .. versionadded:: 0.1.0
    """
    if kind is None:
        return _methods()
    strategy: st.SearchStrategy[m.Method] = method_kinds()[kind]
    return strategy


def _table() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    table: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
        m.Adjustment: adjustments,
        m.Agreement: agreements,
        m.Assessment: assessments,
        m.AwardRule: award_rules,
        m.Band: bands,
        m.Campaign: campaigns,
        m.Cluster: clusters,
        m.ContentArea: content_areas,
        m.Criterion: criteria,
        m.Decision: decisions,
        m.Disqualifier: disqualifiers,
        m.Grade: grades,
        m.GradeCap: grade_caps,
        m.History: histories,
        m.HistoryRecord: history_records,
        m.Indicator: indicators,
        m.Input: inputs,
        m.Level: levels,
        m.Lineage: lineages,
        m.Milestone: milestones,
        m.Movement: movements,
        m.Official: officials,
        m.Proposal: proposals,
        m.Quota: quotas,
        m.RatingScale: rating_scales,
        m.Registration: registrations,
        m.Results: results,
        m.Rubric: rubrics,
        m.ScoreEntry: score_entries,
        m.Stage: stages,
        m.StepRow: steps,
        m.Title: titles,
        m.Unit: units,
        m.UnitResult: unit_results,
        m.AddedCriterion: added_criteria,
        m.RankingRule: ranking_rules,
        m.ReviewEvent: review_events,
        m.ReviewState: review_states,
        m.Withdrawal: withdrawals,
    }
    for union, kinds in (
        (targets, (m.ShareTarget, m.OfWhichTarget, m.ZeroCountTarget, m.CountTarget, m.QuotaTarget)),
        (targets, (m.DeadlineTarget, m.ChangeTarget, m.FormulaTarget)),
        (conditions, condition_kinds()),
        (methods, tuple(method_kinds())),
        (tie_breaks, tuple(tie_break_kinds())),
    ):
        for kind in kinds:
            table[kind] = lambda union=union, kind=kind: union(kind)  # type: ignore[misc]
    return table


def for_type(cls: type[T]) -> st.SearchStrategy[T]:
    """The free strategy for a model class; for :class:`~thidua.model.Campaign`, :func:`campaigns`.

    Raises:
        KeyError: for a class that is not part of :mod:`thidua.model`.

    >>> from hypothesis import find
    >>> find(for_type(m.StepRow), lambda s: s.points > 1).points > 1
    True

    .. versionadded:: 0.1.0
    """
    table = _table()
    if cls not in table:
        msg = f"no strategy for {cls!r}"
        raise KeyError(msg)
    strategy: st.SearchStrategy[T] = table[cls]()
    return strategy
