"""Charts of an evaluation with matplotlib (the ``plot`` extra).

Every function returns a new :class:`matplotlib.figure.Figure` built without
:mod:`matplotlib.pyplot`, so no global state is touched and any backend can
draw it: show it in a notebook, or save it with ``fig.savefig("chart.png")``.
Labels are in Vietnamese (default) or English.

* :func:`ranking`: the members of a cluster by total score, with the
  rubric's nominal maximum.
* :func:`attainment`: units × targets, each cell met, not met or excluded.
* :func:`year_on_year`: two evaluations side by side, units matched by id or
  by lineage (see :func:`thidua.tables.side_by_side`).

Plotting is for reading only: the numbers drawn are the exact results,
converted by matplotlib for drawing; no verdict depends on a chart.

>>> import thidua
>>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
>>> fig = ranking(ev, "cum-1", locale="en")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
['1. Xã Vân Khánh', '2. Xã Đông Hưng B']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from thidua import model as m
from thidua._problems import N_
from thidua.engine import Evaluation, Status
from thidua.errors import MissingExtraError
from thidua.notebook._labels import Names, label, score_text
from thidua.tables import side_by_side

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["STATUS_COLORS", "attainment", "ranking", "year_on_year"]

#: Colours of the cells of :func:`attainment`, by status (``na``: the unit has no such target).
STATUS_COLORS: dict[str, str] = {
    "met": "#1b9e77",
    "not_met": "#d95f02",
    "excluded": "#bdbdbd",
    "na": "#ffffff",
}
_CODES = ("met", "not_met", "excluded", "na")
_SYMBOLS = {"met": "✓", "not_met": "✗", "excluded": "–", "na": ""}


def _figure_class() -> type[Figure]:
    try:
        from matplotlib import figure
    except ImportError:
        raise MissingExtraError(N_("charts"), "plot", "matplotlib") from None
    return figure.Figure


def ranking(
    evaluation: Evaluation,
    cluster: str,
    *,
    campaign: m.Campaign | None = None,
    locale: str = "vi",
) -> Figure:
    """A bar chart of a cluster's ranking: total scores, best first, and the nominal maximum.

    Each bar is a member's total score (bonuses can take it past the
    maximum; it is not clamped unless the rubric says so), labelled with its
    rank; tied members share a rank. A dashed line marks the rubric's
    declared total. Members without a score get no bar.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        cluster: the cluster id.
        campaign: the campaign, for names in English; optional.
        locale: ``"vi"`` or ``"en"``.

    Returns:
        A new figure with one axes.

    Raises:
        KeyError: for an unknown cluster.
        ImportError: when matplotlib is not installed.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> ax = ranking(ev, "cum-2").axes[0]
    >>> [bar.get_width() for bar in ax.patches][:3]
    [Fraction(99, 1), Fraction(96, 1), Fraction(94, 1)]

    .. versionadded:: 0.1.0
    """
    figure_class = _figure_class()
    ce = evaluation.cluster(cluster)
    names = Names(campaign, locale)
    units = {u.unit: u for u in evaluation.units}
    entries = ce.ranking.entries
    labels = [f"{e.rank}. {names.unit(e.unit, units[e.unit].name if e.unit in units else None)}" for e in entries]
    # matplotlib converts the exact values itself, for drawing only.
    widths: list[Any] = [e.score if e.score is not None else 0 for e in entries]
    fig = figure_class(figsize=(7.5, 1.2 + 0.45 * max(len(entries), 1)), layout="constrained")
    ax = fig.add_subplot()
    bars = ax.barh(range(len(entries)), widths, color="#4c72b0")
    ax.set_yticks(range(len(entries)), labels)
    ax.invert_yaxis()
    for bar, e in zip(bars, entries, strict=True):
        text = score_text(e.score, locale) if e.score is not None else label("no_score", locale)
        ax.annotate(
            f" {text}",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            va="center",
            ha="left",
            fontsize="small",
        )
    maxima: set[Any] = {u.score.maximum for u in units.values() if u.unit in {e.unit for e in entries} and u.score}
    for maximum in sorted(maxima):
        ax.axvline(
            maximum,
            color="#444444",
            linestyle="--",
            linewidth=1,
            label=label("maximum", locale, points=score_text(maximum, locale)),
        )
    if maxima:
        ax.legend(loc="lower right", fontsize="small")
        ax.set_xlim(0, max([*maxima, *widths]) * 1.15)
    ax.set_xlabel(label("score", locale))
    title = label("ranking_title", locale, cluster=names.cluster(ce.cluster, ce.name), year=evaluation.year)
    if evaluation.sample:
        title += f"\n({label('sample', locale)})"
    ax.set_title(title)
    return fig


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def attainment(
    evaluation: Evaluation,
    *,
    units: Sequence[str] | None = None,
    campaign: m.Campaign | None = None,
    locale: str = "vi",
) -> Figure:
    """A heat map of targets met: one row per unit, one column per target.

    A cell is met (✓), not met (✗), excluded under the missing-input policy
    (–), or empty when the unit has no such target. Columns follow the
    order of the campaign's agreements; rows the order of *units* (default:
    every unit that has a target, in the evaluation's order).

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        units: unit ids to show, in order.
        campaign: the campaign, to label columns with the targets' wording;
            without it the columns show target ids.
        locale: ``"vi"`` or ``"en"``.

    Returns:
        A new figure with one axes; the image's data holds the status codes
        (0 met, 1 not met, 2 excluded, 3 not applicable).

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> fig = attainment(ev, units=["xa-van-khanh-tay"])
    >>> fig.axes[0].images[0].get_array().tolist()
    [[1, 0, 0, 1]]

    .. versionadded:: 0.1.0
    """
    figure_class = _figure_class()
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    names = Names(campaign, locale)
    by_id = {u.unit: u for u in evaluation.units}
    rows = [by_id[u] for u in units] if units is not None else [u for u in evaluation.units if u.targets]
    columns: list[str] = []
    for u in rows:
        for t in u.targets:
            if t.target not in columns:
                columns.append(t.target)
    cells: list[list[int]] = []
    for u in rows:
        status = {t.target: t.status for t in u.targets}
        line = []
        for target in columns:
            s = status.get(target)
            key = "na" if s is None else {Status.MET: "met", Status.NOT_MET: "not_met"}.get(s, "excluded")
            line.append(_CODES.index(key))
        cells.append(line)
    fig = figure_class(figsize=(2.2 + 1.3 * max(len(columns), 1), 1.8 + 0.4 * max(len(rows), 1)), layout="constrained")
    ax = fig.add_subplot()
    cmap = ListedColormap([STATUS_COLORS[c] for c in _CODES])
    ax.imshow(cells or [[_CODES.index("na")]], cmap=cmap, vmin=-0.5, vmax=len(_CODES) - 0.5, aspect="auto")
    for i, line in enumerate(cells):
        for j, code in enumerate(line):
            ax.text(j, i, _SYMBOLS[_CODES[code]], ha="center", va="center", color="white", fontweight="bold")
    ax.set_xticks(range(len(columns)), [_wrap(names.target(t), 22) for t in columns], fontsize="small")
    ax.set_yticks(range(len(rows)), [names.unit(u.unit, u.name) for u in rows])
    ax.tick_params(top=True, bottom=False, labeltop=True, labelbottom=False)
    ax.legend(
        handles=[Patch(facecolor=STATUS_COLORS[c], edgecolor="#888888", label=label(c, locale)) for c in _CODES],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.02),
        ncols=len(_CODES),
        fontsize="small",
        frameon=False,
    )
    title = label("attainment_title", locale, year=evaluation.year)
    if evaluation.sample:
        title += f"\n({label('sample', locale)})"
    ax.set_title(title)
    return fig


def _value(row: dict[str, Any], side: str, value: str) -> Any:
    return row[f"{side}_{value}"]


def year_on_year(
    before: Evaluation,
    after: Evaluation,
    *,
    value: str = "score",
    campaign: m.Campaign | None = None,
    locale: str = "vi",
) -> Figure:
    """A slope chart of two evaluations: one line per unit from the earlier year to the later.

    Units are matched by :func:`thidua.tables.side_by_side`: by id, else by
    lineage (a merger draws one line from each predecessor to the merged
    unit; values are never added up). A unit present on one side only is a
    single point.

    Args:
        before: the earlier evaluation.
        after: the later evaluation.
        value: ``"score"`` (total points), ``"rank"`` (rank in the unit's
            first cluster; 1 is drawn on top) or ``"targets_met"``.
        campaign: the later campaign, for names in English; optional.
        locale: ``"vi"`` or ``"en"``.

    Returns:
        A new figure with one axes; each matched pair is a line labelled
        ``"<before unit> → <after unit>"``.

    Raises:
        ValueError: for an unknown *value*.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> ax = year_on_year(ev, ev, value="rank").axes[0]
    >>> len(ax.lines)
    11

    .. versionadded:: 0.1.0
    """
    if value not in ("score", "rank", "targets_met"):
        msg = f"unknown value {value!r}; choose 'score', 'rank' or 'targets_met'"
        raise ValueError(msg)
    figure_class = _figure_class()
    names = Names(campaign, locale)
    old = {u.unit: u.name for u in before.units}
    new = {u.unit: u.name for u in after.units}
    rows = side_by_side(before, after)
    fig = figure_class(figsize=(7.5, 1.5 + 0.35 * max(len(rows), 1)), layout="constrained")
    ax = fig.add_subplot()
    right: dict[str, Any] = {}
    for row in rows:
        b, a = _value(row, "before", value), _value(row, "after", value)
        b_unit, a_unit = row["before_unit"], row["after_unit"]
        if b is not None and a is not None:
            ax.plot([0, 1], [b, a], marker="o", color="#4c72b0", label=f"{b_unit} → {a_unit}")
        elif b is not None:
            ax.plot([0], [b], marker="o", color="#999999", label=f"{b_unit} → ")
        elif a is not None:
            ax.plot([1], [a], marker="o", color="#999999", label=f" → {a_unit}")
        if b is not None:
            ax.annotate(f"{old.get(b_unit, b_unit)} ", (0, b), ha="right", va="center", fontsize="small")
        if a is not None and a_unit not in right:
            right[a_unit] = a
            ax.annotate(f" {names.unit(a_unit, new.get(a_unit))}", (1, a), ha="left", va="center", fontsize="small")
    ax.set_xticks([0, 1], [str(before.year), str(after.year)])
    ax.set_xlim(-0.6, 1.6)
    if value == "rank":
        ax.invert_yaxis()
    ax.set_ylabel(label({"score": "score", "rank": "rank", "targets_met": "targets_met"}[value], locale))
    title = label("compare_title", locale, before=before.year, after=after.year)
    if before.sample or after.sample:
        title += f"\n({label('sample', locale)})"
    ax.set_title(title)
    return fig
