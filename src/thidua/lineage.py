"""Year on year across mergers: map old units to their successors and compare results on them.

A campaign is always evaluated on its own year's hierarchy: a 2022 campaign on
the 2022 communes. To compare two years when units were merged, renamed or
split in between, each old unit is mapped to the unit(s) it became by
following :attr:`thidua.Unit.lineage` forward, transitively
(:func:`successor_map`), and the old results are added up on the successors
(:func:`compare`).

How old results are added up on a successor:

* counts are summed over its predecessors: the numerator and the denominator
  of a share target (committees rated good or better, and all committees), the
  count of a zero-count target, amounts raised and quotas, counted measures;
* a share is **recomputed** from the sums, Σ numerators / Σ denominators,
  never averaged: 9/11 and 8/10 give 17/21, not the mean of 81.8% and 80%;
  "of which" shares likewise (over all, or over those rated good or better);
* the summed figures are judged against the previous year's threshold, as if
  the successor had existed then (``met`` of :class:`TargetComparison`);
* scores, grades and true/false verdicts are not added: each predecessor's
  own is listed;
* a predecessor that was **split** is left out of the sums (nothing says how
  its committees or its money divide between the parts) and listed in
  ``unapportioned``.

Every mapping is kept with the links it followed, as ``lineage`` steps that
:func:`thidua.l10n.format_step` renders in Vietnamese or English.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import attrs

from thidua import model as m
from thidua.engine import Evaluation, Status, Step, TargetOutcome, UnitEvaluation

__all__ = ["Comparison", "Predecessor", "TargetComparison", "compare", "successor_map", "successor_paths"]

_SUMMED = frozenset({"share", "of_which", "zero_count", "quota", "count"})
_SHARED = frozenset({"share", "of_which", "quota"})
_BACKWARD = {
    m.LineageKind.MERGED_FROM: m.LineageKind.MERGED_INTO,
    m.LineageKind.RENAMED_FROM: m.LineageKind.RENAMED_TO,
    m.LineageKind.SPLIT_FROM: m.LineageKind.SPLIT_INTO,
}

Path = tuple[Step, ...]


class _Graph:
    """Forward links between units of one or more campaigns."""

    def __init__(self, campaigns: Iterable[m.Campaign]) -> None:
        self.units: dict[str, m.Unit] = {}
        edges: dict[str, dict[tuple[str, str], dt.date | None]] = {}
        for c in campaigns:
            for u in c.units:
                self.units.setdefault(u.id, u)
                for link in u.lineage:
                    if link.kind.forward:
                        src, dst, kind = u.id, link.unit, link.kind
                    else:
                        src, dst, kind = link.unit, u.id, _BACKWARD[link.kind]
                    edges.setdefault(src, {}).setdefault((dst, kind.value), link.on)
        self.edges = {
            src: tuple(sorted((dst, kind, on) for (dst, kind), on in out.items())) for src, out in edges.items()
        }

    def paths(self, unit: str, on: dt.date) -> list[tuple[str, Path]]:
        """(successor, links followed) for every unit *unit* became by *on*."""
        out: list[tuple[str, Path]] = []

        def walk(cur: str, path: Path, seen: frozenset[str]) -> None:
            unit = self.units.get(cur)
            if (unit is not None and unit.is_valid_on(on)) or (unit is None and cur not in self.edges):
                out.append((cur, path))
                return
            for dst, kind, when in self.edges.get(cur, ()):
                if dst in seen or (when is not None and when > on):
                    continue
                walk(dst, (*path, Step("lineage", {"kind": kind, "unit": dst, "on": when})), seen | {dst})

        walk(unit, (), frozenset({unit}))
        return out


def successor_paths(
    campaign: m.Campaign, on: dt.date, *, also: Sequence[m.Campaign] = ()
) -> dict[str, tuple[tuple[str, Path], ...]]:
    """Like :func:`successor_map`, with the lineage steps followed to each successor.

    >>> import thidua
    >>> paths = successor_paths(thidua.examples.load_campaign(), dt.date(2026, 1, 1))
    >>> [(s, [step.args["kind"] for step in p]) for s, p in paths["xa-van-khanh-tay"]]
    [('xa-van-khanh-2025', ['merged_into'])]

    .. versionadded:: 0.1.0
    """
    graph = _Graph([campaign, *also])
    return {u.id: tuple(graph.paths(u.id, on)) for u in campaign.units}


def successor_map(campaign: m.Campaign, on: dt.date, *, also: Sequence[m.Campaign] = ()) -> dict[str, tuple[str, ...]]:
    """Each unit of *campaign* → the unit(s) it had become on the day *on*.

    A unit that still exists on *on* maps to itself. Otherwise its forward
    links (``merged_into``, ``renamed_to``, ``split_into``) and the backward
    links of other units (``merged_from`` ...) are followed, transitively and
    only when they took effect on or before *on*, to units that exist on *on*.
    A unit that ended without a known successor maps to ``()``. Units of the
    campaigns in *also* (e.g. next year's campaign) contribute their units and
    links.

    Args:
        campaign: the campaign whose units are mapped.
        on: the day of the comparison, e.g. the first day of next year's campaign.
        also: other campaigns whose units and links are known.

    >>> import thidua
    >>> succ = successor_map(thidua.examples.load_campaign(), dt.date(2026, 1, 1))
    >>> succ["xa-van-khanh-tay"], succ["tinh-kien-giang"]
    (('xa-van-khanh-2025',), ('tinh-an-giang-2025',))
    >>> successor_map(thidua.examples.load_campaign(), dt.date(2022, 6, 1))["xa-van-khanh-tay"]
    ('xa-van-khanh-tay',)

    .. versionadded:: 0.1.0
    """
    return {
        unit: tuple(dict.fromkeys(s for s, _ in paths))
        for unit, paths in successor_paths(campaign, on, also=also).items()
    }


@attrs.frozen
class Predecessor:
    """One previous unit whose results are compared on a successor.

    Attributes:
        unit: the previous unit's id.
        name: its name.
        path: the lineage steps from it to the successor (empty when it is the same unit).
        whole: ``False`` when it was split: its figures are not added to the successor's.
        grade: its grade in the previous evaluation.
        score: its total score in the previous evaluation, if scored.

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(c, thidua.examples.load_results())
    >>> same = {x.unit: x for x in compare(ev, c, ev, c)}["xa-van-khanh-tay"]  # compared with itself
    >>> [(p.unit, p.path, p.whole, p.grade) for p in same.predecessors]
    [('xa-van-khanh-tay', (), True, 'htt')]

    .. versionadded:: 0.1.0
    """

    unit: str
    name: str
    path: tuple[Step, ...]
    whole: bool
    grade: str | None
    score: Fraction | None


@attrs.frozen
class TargetComparison:
    """One target, previous year's figures added up on the successor, against this year's outcome.

    Attributes:
        target: the target id (the same in both campaigns).
        kind: the target kind (``share``, ``of_which``, ``quota``, ...).
        numerator: Σ of the predecessors' numerators (counts, amounts), or ``None``
            when the kind cannot be added up (change, deadline, formula).
        denominator: Σ of their denominators, for shares and quotas.
        share: Σ numerator / Σ denominator, recomputed.
        threshold: the previous year's threshold.
        met: whether the summed figures meet the previous threshold, as if the
            successor had existed; ``None`` when not added up.
        included: the predecessors added up.
        verdicts: each predecessor's own verdict, ``unit → status``.
        current: this year's outcome for the successor, if evaluated.

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(c, thidua.examples.load_results())
    >>> same = {x.unit: x for x in compare(ev, c, ev, c)}["xa-van-khanh-tay"]  # compared with itself
    >>> [(t.target, t.numerator, t.denominator, t.met) for t in same.targets][:2]
    [('quy-vi-nguoi-ngheo', 149999999, 150000000, False), ('bctmt-good', 8, 10, True)]

    .. versionadded:: 0.1.0
    """

    target: str
    kind: str
    numerator: Fraction | int | None
    denominator: Fraction | int | None
    share: Fraction | None
    threshold: Fraction | int | dt.date | None
    met: bool | None
    included: tuple[str, ...]
    verdicts: Mapping[str, str]
    current: TargetOutcome | None


@attrs.frozen
class Comparison:
    """A successor unit with its predecessors' results added up, next to its own.

    Attributes:
        unit: the successor's id (a unit of the next campaign).
        name: its name.
        predecessors: the previous units mapped onto it, each with the links followed.
        unapportioned: predecessors that were split and so are not added up.
        targets: one comparison per target of both campaigns.
        grade: the successor's grade this year, if evaluated.
        score: its total score this year, if scored.

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(c, thidua.examples.load_results())
    >>> same = {x.unit: x for x in compare(ev, c, ev, c)}["xa-van-khanh-tay"]  # compared with itself
    >>> same.grade, same.unapportioned, same.targets[1].current.share
    ('htt', (), Fraction(4, 5))

    .. versionadded:: 0.1.0
    """

    unit: str
    name: str
    predecessors: tuple[Predecessor, ...]
    unapportioned: tuple[str, ...]
    targets: tuple[TargetComparison, ...]
    grade: str | None
    score: Fraction | None


def compare(
    prev_eval: Evaluation,
    prev_campaign: m.Campaign,
    next_eval: Evaluation,
    next_campaign: m.Campaign,
    *,
    on: dt.date | None = None,
) -> tuple[Comparison, ...]:
    """Compare two evaluations on the next campaign's units, adding up predecessors' results.

    Args:
        prev_eval: the evaluation of the earlier campaign.
        prev_campaign: the earlier campaign.
        next_eval: the evaluation of the later campaign.
        next_campaign: the later campaign.
        on: the day units are mapped to; default the first day of the later
            campaign's year.

    Returns:
        One :class:`Comparison` per unit of *next_eval* that at least one
        evaluated unit of *prev_eval* maps onto, by unit id. Units evaluated in
        both years under the same id compare with themselves.

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(c, thidua.examples.load_results())
    >>> rows = compare(ev, c, ev, c)  # a year with itself: every commune is its own predecessor
    >>> len(rows), all(r.predecessors[0].unit == r.unit for r in rows)
    (11, True)

    .. versionadded:: 0.1.0
    """
    day = on or next_campaign.period[0]
    graph = _Graph([prev_campaign, next_campaign])
    prev_units = {u.unit: u for u in prev_eval.units}
    next_units = {u.unit: u for u in next_eval.units}
    by_successor: dict[str, list[Predecessor]] = {}
    for uid in sorted(prev_units):
        paths = graph.paths(uid, day)
        whole = len({s for s, _ in paths}) == 1 and all(
            step.args["kind"] != m.LineageKind.SPLIT_INTO.value for _, p in paths for step in p
        )
        ue = prev_units[uid]
        for succ, path in paths:
            if succ in next_units:
                by_successor.setdefault(succ, []).append(
                    Predecessor(
                        uid, ue.name, path, whole, ue.rating.grade, ue.score.total if ue.score is not None else None
                    )
                )
    out = []
    for succ in sorted(by_successor):
        preds = tuple(by_successor[succ])
        current = next_units[succ]
        out.append(
            Comparison(
                unit=succ,
                name=current.name,
                predecessors=preds,
                unapportioned=tuple(p.unit for p in preds if not p.whole),
                targets=_targets(preds, prev_units, current.targets),
                grade=current.rating.grade,
                score=current.score.total if current.score is not None else None,
            )
        )
    return tuple(out)


def _targets(
    preds: Sequence[Predecessor],
    prev_units: Mapping[str, UnitEvaluation],
    current: Sequence[TargetOutcome],
) -> tuple[TargetComparison, ...]:
    now = {t.target: t for t in current}
    before: dict[str, list[tuple[str, TargetOutcome]]] = {}
    for p in preds:
        for t in prev_units[p.unit].targets:
            before.setdefault(t.target, []).append((p.unit, t))
    out = []
    for target_id in [t for t in now if t in before] + sorted(t for t in before if t not in now):
        rows = before[target_id]
        kind = rows[0][1].kind
        whole = {p.unit for p in preds if p.whole}
        used = [(u, t) for u, t in rows if u in whole and t.status is not Status.EXCLUDED]
        num: Fraction | int | None = None
        den: Fraction | int | None = None
        share: Fraction | None = None
        met: bool | None = None
        threshold = rows[0][1].threshold
        if kind in _SUMMED and used:
            num = sum((t.numerator or 0 for _, t in used), 0)
            if kind in _SHARED:
                den = sum((t.denominator or 0 for _, t in used), 0)
                share = Fraction(num) / den if den else None
            met = _met(kind, num, den, share, threshold)
        out.append(
            TargetComparison(
                target=target_id,
                kind=kind,
                numerator=num,
                denominator=den,
                share=share,
                threshold=threshold,
                met=met,
                included=tuple(u for u, _ in used) if kind in _SUMMED else (),
                verdicts={u: t.status.value for u, t in rows},
                current=now.get(target_id),
            )
        )
    return tuple(out)


def _met(
    kind: str,
    num: Fraction | int,
    den: Fraction | int | None,
    share: Fraction | None,
    threshold: Fraction | int | dt.date | None,
) -> bool | None:
    if kind == "zero_count":
        return num == 0
    if kind == "quota":
        return den is not None and num >= den
    if isinstance(threshold, dt.date) or threshold is None:
        return None
    if kind == "count":
        return num >= threshold
    return share is not None and share >= threshold
