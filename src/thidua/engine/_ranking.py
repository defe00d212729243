"""Rankings: ties share a rank (1, 2, 2, 4) unless tie-breaks are declared."""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable
from fractions import Fraction

from thidua import model as m
from thidua.engine._outcomes import (
    RankEntry,
    Ranking,
)
from thidua.engine._rating import sort_key
from thidua.engine._run import Run

__all__ = ["order_entries", "primary_key", "rank_units"]

_ONE = Fraction(1)
_KEYS = operator.itemgetter(0)
_UNIT = operator.itemgetter(2)
_SCORED_UNIT = operator.itemgetter(1)
_NO_KEYS: tuple[Fraction, ...] = ()
_ZERO = Fraction(0)


def primary_key(
    campaign: m.Campaign, level: str, score: Fraction | None, grade: str | None
) -> tuple[Fraction, Fraction]:
    """The first sort keys of a ranking: scored units first by score, then unscored ones by grade."""
    if score is not None:
        return (_ONE, score)
    scale = campaign.scale_for(level)
    if grade is not None and scale is not None:
        return (_ZERO, Fraction(-scale.rank_of(grade)))
    return (-_ONE, _ZERO)


def order_entries(rows: list[tuple[tuple[Fraction, ...], str, Fraction | None, str | None]]) -> list[RankEntry]:
    """Sort ``(keys, unit, score, grade)`` rows, best first; equal keys share a rank (1, 2, 2, 4).

    The unit id only makes the order of tied units stable; it never changes a rank.
    Keys are compared exactly, as integers over the common denominator of each
    key position (a national level has 3,321 scores to sort).

    >>> rows = [((Fraction(1), Fraction(899, 10)), "b", None, None), ((Fraction(1), Fraction(90)), "a", None, None),
    ...         ((Fraction(1), Fraction(1799, 20)), "c", None, None)]
    >>> [(e.unit, e.rank) for e in order_entries(rows)]
    [('a', 1), ('c', 2), ('b', 3)]

    .. versionadded:: 0.1.0
    """
    widths = {len(r[0]) for r in rows}
    exact: list[tuple[tuple[Fraction | int, ...], tuple[Fraction, ...], str, Fraction | None, str | None]]
    if len(widths) != 1:
        exact = [(keys, keys, u, score, grade) for keys, u, score, grade in rows]
    else:
        scales = [math.lcm(*(r[0][i].denominator for r in rows)) for i in range(widths.pop())]
        exact = [(_scaled(row[0], scales), *row) for row in rows]
    exact.sort(key=_UNIT)
    exact.sort(key=_KEYS, reverse=True)
    entries: list[RankEntry] = []
    previous: object = None
    for i, (key, keys, u, score, grade) in enumerate(exact):
        rank = entries[-1].rank if entries and previous == key else i + 1
        previous = key
        entries.append(RankEntry(u, rank, score, grade, keys[2:]))
    return entries


def _scaled(keys: tuple[Fraction, ...], scales: list[int]) -> tuple[int, ...]:
    """Exact keys as integers over the common denominator of each position."""
    return tuple([k.numerator * (d // k.denominator) for k, d in zip(keys, scales, strict=True)])


def _order_scored(rows: list[tuple[Fraction, str, str | None]]) -> list[RankEntry]:
    """Sort ``(score, unit, grade)`` rows with nothing but their scores to compare, best first.

    The same order and ranks as :func:`order_entries` with the keys ``(1, score)``: the scores
    are compared as integers over their common denominator.

    >>> rows = [(Fraction(899, 10), "b", None), (Fraction(90), "a", None), (Fraction(90), "c", None)]
    >>> [(e.unit, e.rank) for e in _order_scored(rows)]
    [('a', 1), ('c', 1), ('b', 3)]

    .. versionadded:: 0.1.0
    """
    common = math.lcm(*[score.denominator for score, _, _ in rows])
    exact = [(score.numerator * (common // score.denominator), unit, score, grade) for score, unit, grade in rows]
    exact.sort(key=_SCORED_UNIT)
    exact.sort(key=_KEYS, reverse=True)
    entries: list[RankEntry] = []
    previous, rank = None, 0
    for i, (key, u, score, grade) in enumerate(exact, 1):
        if key != previous:
            previous, rank = key, i
        entries.append(RankEntry(u, rank, score, grade, _NO_KEYS))
    return entries


def rank_units(run: Run, group: str, units: Iterable[str]) -> Ranking:
    """Rank units by score (then grade), then by the campaign's tie-break measures."""
    tie = run.campaign.tie_breaks
    units = list(units)
    if not tie:
        scores, grades = run.scores, run.grades
        scored = [(s.total, u, grades.get(u)) for u in units if (s := scores.get(u)) is not None]
        if len(scored) == len(units):  # every unit scored, no tie-break: the scores decide
            return Ranking(group, tuple(_order_scored(scored)), tie)
    rows: list[tuple[tuple[Fraction, ...], str, Fraction | None, str | None]] = []
    for u in units:
        s = run.scores.get(u)
        grade = run.grades.get(u)
        score = s.total if s else None
        keys: tuple[Fraction, ...] = primary_key(run.campaign, run.prepared.units[u].level, score, grade)
        if tie:
            keys = (*keys, *sort_key(run, u, tie))
        rows.append((keys, u, score, grade))
    return Ranking(group, tuple(order_entries(rows)), tie)
