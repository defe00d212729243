"""Rankings: ties share a rank (1, 2, 2, 4) unless tie-breaks are declared."""

from __future__ import annotations

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
    """
    # two stable sorts instead of negated keys: no new Fraction per key (this runs once per cluster)
    rows.sort(key=lambda r: r[1])
    rows.sort(key=lambda r: r[0], reverse=True)
    entries: list[RankEntry] = []
    for i, (keys, u, score, grade) in enumerate(rows):
        rank = entries[-1].rank if entries and rows[i - 1][0] == keys else i + 1
        entries.append(RankEntry(u, rank, score, grade, keys[2:]))
    return entries


def rank_units(run: Run, group: str, units: Iterable[str]) -> Ranking:
    """Rank units by score (then grade), then by the campaign's tie-break measures."""
    tie = run.campaign.tie_breaks
    rows = []
    for u in units:
        s = run.scores.get(u)
        grade = run.grades.get(u)
        score = s.total if s else None
        keys = (*primary_key(run.campaign, run.prepared.units[u].level, score, grade), *sort_key(run, u, tie))
        rows.append((keys, u, score, grade))
    return Ranking(group, tuple(order_entries(rows)), tie)
