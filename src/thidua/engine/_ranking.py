"""Rankings: ties share a rank (1, 2, 2, 4) unless tie-breaks or another mode are declared."""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable
from fractions import Fraction

from thidua import model as m
from thidua._present import shown
from thidua.engine._outcomes import (
    RankEntry,
    Ranking,
    new_rank_entry,
)
from thidua.engine._run import Run

__all__ = ["MISSING_KEY", "chain_of", "describe", "order_entries", "primary_key", "rank_units"]

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


def order_entries(
    rows: list[tuple[tuple[Fraction, ...], str, Fraction | None, str | None]], mode: str = "competition"
) -> list[RankEntry]:
    """Sort ``(keys, unit, score, grade)`` rows, best first; equal keys share a rank (1, 2, 2, 4).

    The unit id only makes the order of tied units stable; it never changes a rank
    (except in an ``ordinal`` ranking, where no place is shared: tied units are
    then numbered in id order). Keys are compared exactly, as integers over the
    common denominator of each key position (a national level has 3,321 scores to sort).

    >>> rows = [((Fraction(1), Fraction(899, 10)), "b", None, None), ((Fraction(1), Fraction(90)), "a", None, None),
    ...         ((Fraction(1), Fraction(1799, 20)), "c", None, None)]
    >>> [(e.unit, e.rank) for e in order_entries(rows)]
    [('a', 1), ('c', 2), ('b', 3)]

    .. versionadded:: 0.1.0
    """
    return _order_chain([(keys, u, score, grade, keys[2:]) for keys, u, score, grade in rows], mode)


def _order_chain(
    rows: list[tuple[tuple[Fraction, ...], str, Fraction | None, str | None, tuple[Fraction, ...]]], mode: str
) -> list[RankEntry]:
    """Sort ``(sort keys, unit, score, grade, tie-break values)`` rows, best first, numbered by *mode*."""
    widths = {len(r[0]) for r in rows}
    exact: list[
        tuple[tuple[Fraction | int, ...], tuple[Fraction, ...], str, Fraction | None, str | None, tuple[Fraction, ...]]
    ]
    if len(widths) != 1:
        exact = [(keys, keys, u, score, grade, raw) for keys, u, score, grade, raw in rows]
    else:
        scales = [math.lcm(*(r[0][i].denominator for r in rows)) for i in range(widths.pop())]
        exact = [(_scaled(row[0], scales), *row) for row in rows]
    exact.sort(key=_UNIT)
    exact.sort(key=_KEYS, reverse=True)
    entries: list[RankEntry] = []
    previous: object = None
    for i, (key, _keys, u, score, grade, raw) in enumerate(exact):
        shared = mode != "ordinal" and entries and previous == key
        rank = entries[-1].rank if shared else i + 1
        previous = key
        entries.append(new_rank_entry(u, rank, score, grade, raw))
    return _dense(entries) if mode == "dense" else entries


def _dense(entries: list[RankEntry]) -> list[RankEntry]:
    """Competition ranks (1, 1, 3) renumbered densely (1, 1, 2)."""
    out: list[RankEntry] = []
    previous, rank = None, 0
    for e in entries:
        if e.rank != previous:
            previous, rank = e.rank, rank + 1
        out.append(e if e.rank == rank else new_rank_entry(e.unit, rank, e.score, e.grade, e.keys))
    return out


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
        entries.append(new_rank_entry(u, rank, score, grade, _NO_KEYS))
    return entries


#: the value of a tie-break key that a unit lacks (a measure it did not report): below any other
MISSING_KEY = Fraction(-(10**30))


def chain_of(campaign: m.Campaign) -> tuple[m.TieBreak, ...]:
    """The campaign's tie-break chain: its ranking rule's, or the older measures; an ordinal
    ranking ends with the order of names."""
    rule = campaign.ranking
    chain: tuple[m.TieBreak, ...] = rule.tie_breaks or tuple(m.MeasureTieBreak(x) for x in campaign.tie_breaks)
    if rule.mode is m.RankMode.ORDINAL and not any(isinstance(tb, m.NameTieBreak) for tb in chain):
        chain = (*chain, m.NameTieBreak())
    return chain


def describe(tb: m.TieBreak) -> str:
    """The descriptor of a tie-break in :attr:`Ranking.tie_breaks`.

    >>> describe(m.MeasureTieBreak("lifted")), describe(m.MeasureTieBreak("late", lower_first=True))
    ('lifted', '-late')
    >>> describe(m.SelfScoreTieBreak()), describe(m.StageTotalTieBreak("hoi-dong")), describe(m.NameTieBreak())
    ('@self_score', '@stage:hoi-dong', '@name')
    """
    if isinstance(tb, m.MeasureTieBreak):
        return f"-{tb.measure}" if tb.lower_first else tb.measure
    if isinstance(tb, m.SelfScoreTieBreak):
        return "@self_score"
    if isinstance(tb, m.StageTotalTieBreak):
        return f"@stage:{tb.stage}"
    return "@name"


def _name_positions(run: Run, units: list[str]) -> dict[str, Fraction]:
    """Each unit's place in the Vietnamese alphabetical order of the units' names (1 first)."""
    sort_key_vi = shown("sort_key_vi")  # thidua.l10n's, provided from above (thidua._present)
    keys = {u: sort_key_vi(run.prepared.units[u].name) for u in units}
    distinct = sorted(set(keys.values()))
    place = {k: Fraction(i + 1) for i, k in enumerate(distinct)}
    return {u: place[k] for u, k in keys.items()}


def _stage_total(run: Run, unit: str, stage: str) -> Fraction:
    """The unit's total at *stage* (its last scores up to it), for a tie-break."""
    from thidua.engine._scoring import score_unit

    rubric = run.campaign.rubric_for(run.prepared.units[unit].level)
    result = run.results.get(unit)
    if rubric is None or result is None or not result.assessments:
        return MISSING_KEY
    return score_unit(run, unit, rubric, stage).total


def _tie_values(
    run: Run, unit: str, chain: tuple[m.TieBreak, ...], names: dict[str, Fraction]
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """The unit's values of the chain, and the same signed so that higher sorts first."""
    raw: list[Fraction] = []
    signed: list[Fraction] = []
    for tb in chain:
        if isinstance(tb, m.MeasureTieBreak):
            v = run.env(unit).get(tb.measure)
            value = v if isinstance(v, Fraction) else MISSING_KEY
            raw.append(value)
            signed.append(-value if tb.lower_first and value != MISSING_KEY else value)
        elif isinstance(tb, m.NameTieBreak):
            place = names[unit]
            raw.append(place)
            signed.append(-place)
        else:
            stage = tb.stage if isinstance(tb, m.StageTotalTieBreak) else run.prepared.stage_ids[0]
            value = _stage_total(run, unit, stage)
            raw.append(value)
            signed.append(value)
    return tuple(raw), tuple(signed)


def rank_units(run: Run, group: str, units: Iterable[str]) -> Ranking:
    """Rank units by score (then grade), then by the campaign's tie-break chain, numbered by its mode.

    Units left out by the review (not yet reviewed, or rejected) and units with
    neither a score nor a grade are not ranked.
    """
    c = run.campaign
    mode = c.ranking.mode.value
    chain = chain_of(c)
    scores, grades, excluded = run.scores, run.grades, run.excluded
    units = [u for u in units if u not in excluded and (u in scores or grades.get(u) is not None)]
    descriptors = tuple(describe(tb) for tb in chain)
    if not chain:
        scored = [(s.total, u, grades.get(u)) for u in units if (s := scores.get(u)) is not None]
        if len(scored) == len(units):  # every unit scored, no tie-break: the scores decide
            entries = _order_scored(scored) if scored else []
            return Ranking(group, tuple(_dense(entries) if mode == "dense" else entries), descriptors, mode)
    names = _name_positions(run, units) if any(isinstance(tb, m.NameTieBreak) for tb in chain) else {}
    rows: list[tuple[tuple[Fraction, ...], str, Fraction | None, str | None, tuple[Fraction, ...]]] = []
    for u in units:
        s = scores.get(u)
        grade = grades.get(u)
        score = s.total if s else None
        keys: tuple[Fraction, ...] = primary_key(c, run.prepared.units[u].level, score, grade)
        raw: tuple[Fraction, ...] = ()
        if chain:
            raw, signed = _tie_values(run, u, chain, names)
            keys = (*keys, *signed)
        rows.append((keys, u, score, grade, raw))
    return Ranking(group, tuple(_order_chain(rows, mode)), descriptors, mode)
