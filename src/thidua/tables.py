"""Every table of an evaluation as plain records, or as a pandas DataFrame.

A record is a :class:`dict` with the same keys for every row of a table (see
:data:`TABLES`). Values stay exact: scores, shares and thresholds are
:class:`~fractions.Fraction` or :class:`int`, dates are :class:`datetime.date`,
and a missing value is ``None``. Nothing is rounded or turned into a binary
float, so a record can be checked against a verdict.

>>> import thidua
>>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
>>> row = next(r for r in records(ev, "targets")
...            if r["subject"] == "xa-van-khanh-tay" and r["target"] == "bctmt-good")
>>> row["numerator"], row["denominator"], row["share"], row["status"]
(8, 10, Fraction(4, 5), 'met')

:func:`to_pandas` builds the same rows into a DataFrame (the ``pandas``
extra); every column has the ``object`` dtype so that exact numbers and
``None`` are kept as they are.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from thidua._problems import N_
from thidua._renamed import renamed
from thidua.engine import CONFLICT_CODES, Evaluation, Step, TargetOutcome, UnitEvaluation
from thidua.errors import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COMPARE_COLUMNS", "TABLES", "records", "side_by_side", "to_pandas"]

_CONFLICT_ARGS: tuple[str, ...] = tuple(sorted({a for args in CONFLICT_CODES.values() for a in args}))

#: The tables of an evaluation and their columns, in order.
#:
#: * ``units``: one row per evaluated unit: grade, score, rank, awards granted.
#: * ``targets``: one row per target and subject (a unit, a cluster for
#:   cluster-wide targets, or ``"agreement:<id>"`` for a target decided over
#:   all the signatories of an agreement, once).
#: * ``rankings``: one row per unit and ranking (each cluster, then each level).
#: * ``awards``: one row per unit and award rule: eligible, granted.
#: * ``changes``: one row per change a reviewer made to a score.
#: * ``conflicts``: one row per difference between a cluster meeting's
#:   decision and the rules; the arguments of every conflict code are columns.
TABLES: Mapping[str, tuple[str, ...]] = {
    "units": (
        "unit",
        "name",
        "level",
        "clusters",
        "grade",
        "grade_source",
        "capped",
        "score",
        "maximum",
        "stage",
        "rank",
        "targets_met",
        "targets_total",
        "awards",
    ),
    "targets": (
        "subject",
        "subject_type",
        "target",
        "kind",
        "status",
        "met",
        "numerator",
        "denominator",
        "share",
        "threshold",
        "shortfall",
        "alternative",
    ),
    "rankings": ("group", "group_type", "unit", "name", "rank", "score", "grade"),
    "awards": ("award", "title", "unit", "name", "eligible", "granted"),
    "changes": ("unit", "criterion", "stage", "before", "after", "bonus_before", "bonus_after", "reason", "on", "by"),
    "conflicts": ("cluster", "severity", "code", *_CONFLICT_ARGS),
}

#: The columns of :func:`compare`, in order.
COMPARE_COLUMNS: tuple[str, ...] = (
    "before_unit",
    "after_unit",
    "via",
    "before_grade",
    "after_grade",
    "before_score",
    "after_score",
    "before_rank",
    "after_rank",
    "before_targets_met",
    "after_targets_met",
)

_BACKWARD = ("merged_from", "renamed_from", "split_from")
_FORWARD = ("merged_into", "renamed_to", "split_into")


def _check_table(table: str) -> tuple[str, ...]:
    try:
        return TABLES[table]
    except KeyError:
        msg = f"unknown table {table!r}; choose one of {', '.join(TABLES)}"
        raise ValueError(msg) from None


def _unit_rows(ev: Evaluation) -> list[dict[str, Any]]:
    return [
        {
            "unit": u.unit,
            "name": u.name,
            "level": u.level,
            "clusters": u.clusters,
            "grade": u.rating.grade,
            "grade_source": u.rating.source,
            "capped": u.rating.capped,
            "score": u.score.total if u.score else None,
            "maximum": u.score.maximum if u.score else None,
            "stage": u.score.stage if u.score else None,
            "rank": u.rank,
            "targets_met": u.targets_met,
            "targets_total": len(u.targets),
            "awards": tuple(a.award for a in u.awards if a.granted),
        }
        for u in ev.units
    ]


def _target_rows(ev: Evaluation) -> list[dict[str, Any]]:
    subjects: list[tuple[str, tuple[TargetOutcome, ...]]] = [("unit", u.targets) for u in ev.units]
    seen: set[tuple[str, str]] = set()
    for c in ev.clusters:
        for t in c.targets:
            if t.subject.startswith("agreement:"):  # shown with each signing cluster: one row
                if (t.subject, t.target) not in seen:
                    seen.add((t.subject, t.target))
                    subjects.append(("agreement", (t,)))
            else:
                subjects.append(("cluster", (t,)))
    return [
        {
            "subject": t.subject,
            "subject_type": kind,
            "target": t.target,
            "kind": t.kind,
            "status": t.status.value,
            "met": t.met,
            "numerator": t.numerator,
            "denominator": t.denominator,
            "share": t.share,
            "threshold": t.threshold,
            "shortfall": t.shortfall,
            "alternative": t.alternative,
        }
        for kind, outcomes in subjects
        for t in outcomes
    ]


def _ranking_rows(ev: Evaluation) -> list[dict[str, Any]]:
    names = {u.unit: u.name for u in ev.units}
    groups = [("cluster", c.ranking) for c in ev.clusters] + [("level", r) for r in ev.rankings]
    return [
        {
            "group": ranking.group,
            "group_type": kind,
            "unit": e.unit,
            "name": names.get(e.unit),
            "rank": e.rank,
            "score": e.score,
            "grade": e.grade,
        }
        for kind, ranking in groups
        for e in ranking.entries
    ]


def _award_rows(ev: Evaluation) -> list[dict[str, Any]]:
    return [
        {
            "award": a.award,
            "title": a.title,
            "unit": u.unit,
            "name": u.name,
            "eligible": a.eligible,
            "granted": a.granted,
        }
        for u in ev.units
        for a in u.awards
    ]


def _change_rows(ev: Evaluation) -> list[dict[str, Any]]:
    return [
        {
            "unit": u.unit,
            "criterion": ch.criterion,
            "stage": ch.stage,
            "before": ch.before,
            "after": ch.after,
            "bonus_before": ch.bonus_before,
            "bonus_after": ch.bonus_after,
            "reason": ch.reason,
            "on": ch.on,
            "by": ch.by,
        }
        for u in ev.units
        if u.score is not None
        for ch in u.score.changes
    ]


def _conflict_rows(ev: Evaluation) -> list[dict[str, Any]]:
    rows = []
    for c in ev.clusters:
        for conflict in c.conflicts:
            row: dict[str, Any] = {"cluster": conflict.cluster, "severity": conflict.severity, "code": conflict.code}
            row.update({a: conflict.args.get(a) for a in _CONFLICT_ARGS})
            rows.append(row)
    return rows


_BUILDERS = {
    "units": _unit_rows,
    "targets": _target_rows,
    "rankings": _ranking_rows,
    "awards": _award_rows,
    "changes": _change_rows,
    "conflicts": _conflict_rows,
}


def records(evaluation: Evaluation, table: str = "units") -> list[dict[str, Any]]:
    """One table of an evaluation as a list of plain dicts with exact values.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        table: one of the names in :data:`TABLES`.

    Returns:
        One dict per row, with the keys ``TABLES[table]`` in that order.

    Raises:
        ValueError: for an unknown table name.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> [(r["unit"], r["rank"], r["score"]) for r in records(ev, "rankings") if r["group"] == "cum-2"][:2]
    [('tt-thu-muoi-mot', 1, Fraction(99, 1)), ('xa-dong-thanh', 2, Fraction(96, 1))]
    >>> records(ev, "scores")
    Traceback (most recent call last):
    ValueError: unknown table 'scores'; choose one of units, targets, rankings, awards, changes, conflicts

    .. versionadded:: 0.1.0
    """
    _check_table(table)
    return _BUILDERS[table](evaluation)


def to_pandas(evaluation: Evaluation, table: str = "units") -> pd.DataFrame:
    """One table of an evaluation as a :class:`pandas.DataFrame` (the ``pandas`` extra).

    Every column has the ``object`` dtype: exact numbers stay
    :class:`~fractions.Fraction` or :class:`int` and a missing value stays
    ``None`` (pandas would otherwise turn a column of whole numbers with a
    gap into binary floats). Convert a copy yourself for plotting; never
    decide anything from the converted values.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        table: one of the names in :data:`TABLES`.

    Raises:
        ValueError: for an unknown table name.
        ImportError: when pandas is not installed.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> df = to_pandas(ev, "units")
    >>> df.set_index("unit").loc["xa-van-khanh-tay", "score"]
    Fraction(899999999, 10000000)

    .. versionadded:: 0.1.0
    """
    columns = _check_table(table)
    pandas = _pandas()
    return pandas.DataFrame(records(evaluation, table), columns=list(columns), dtype=object)


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError(N_("tables as DataFrames"), "pandas", "pandas") from None
    return pd


def _pairs(before: Evaluation, after: Evaluation) -> list[tuple[str | None, str | None, str | None]]:
    old = {u.unit for u in before.units}
    new = {u.unit for u in after.units}
    pairs: list[tuple[str | None, str | None, str | None]] = []
    seen: set[tuple[str, str]] = set()

    def add(b: str, a: str, via: str) -> None:
        if (b, a) not in seen:
            seen.add((b, a))
            pairs.append((b, a, via))

    for u in after.units:
        if u.unit in old:
            add(u.unit, u.unit, "same")
        for kind, other in _links(u, _BACKWARD):
            if other in old:
                add(other, u.unit, kind)
    for u in before.units:
        for kind, other in _links(u, _FORWARD):
            if other in new:
                add(u.unit, other, kind)
    paired_old = {b for b, _, _ in pairs}
    paired_new = {a for _, a, _ in pairs}
    pairs += [(u, None, None) for u in sorted(old - paired_old)]
    pairs += [(None, u, None) for u in sorted(new - paired_new)]
    return sorted(pairs, key=lambda p: (p[1] is None, p[1] or "", p[0] or ""))


def _links(u: UnitEvaluation, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(str(s.args["kind"]), str(s.args["unit"])) for s in u.lineage if _is_link(s, kinds)]


def _is_link(step: Step, kinds: tuple[str, ...]) -> bool:
    return step.code == "lineage" and step.args.get("kind") in kinds and isinstance(step.args.get("unit"), str)


def side_by_side(before: Evaluation, after: Evaluation) -> list[dict[str, Any]]:
    """Put two evaluations side by side, unit by unit (e.g. two successive years).

    Formerly ``thidua.tables.compare`` (which still works, with a
    :class:`DeprecationWarning`); :func:`thidua.lineage.compare` recomputes
    targets across a reform.

    Units are matched by id (``via="same"``), then by lineage: a unit of
    *after* that was ``merged_from``, ``renamed_from`` or ``split_from`` a
    unit of *before*, or a unit of *before* ``merged_into``, ``renamed_to``
    or ``split_into`` a unit of *after* (``via`` names the link). A merger
    gives one row per predecessor: values are never added up or averaged.
    Units without a match get a row with ``None`` on the other side. Only
    direct links recorded on the evaluated units are followed; to recompute
    targets on the successors from their predecessors' summed counts, across
    several reforms, use :func:`thidua.lineage.compare`.

    Args:
        before: the earlier evaluation.
        after: the later evaluation.

    Returns:
        One dict per pair with the keys :data:`COMPARE_COLUMNS`, sorted by
        the unit of *after*.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> row = side_by_side(ev, ev)[0]
    >>> row["before_unit"], row["after_unit"], row["via"], row["after_score"]
    ('tt-thu-muoi-mot', 'tt-thu-muoi-mot', 'same', Fraction(99, 1))

    .. versionadded:: 0.1.0
    """
    old = {u.unit: u for u in before.units}
    new = {u.unit: u for u in after.units}
    rows = []
    for b, a, via in _pairs(before, after):
        row: dict[str, Any] = {"before_unit": b, "after_unit": a, "via": via}
        for side, unit in (("before", old.get(b or "")), ("after", new.get(a or ""))):
            row[f"{side}_grade"] = unit.rating.grade if unit else None
            row[f"{side}_score"] = unit.score.total if unit and unit.score else None
            row[f"{side}_rank"] = unit.rank if unit else None
            row[f"{side}_targets_met"] = unit.targets_met if unit else None
        rows.append({k: row[k] for k in COMPARE_COLUMNS})
    return rows


#: names renamed since they were published: the old name still works, with a DeprecationWarning
_RENAMED = {"compare": "side_by_side"}


def __getattr__(name: str) -> Any:
    return renamed(__name__, globals(), _RENAMED, name)
