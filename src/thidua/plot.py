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

Labels never overlap and stay inside the figure, whatever the size of the
campaign: figures grow with their rows, long titles and target names wrap,
labels that would collide are spread apart (with a line to their point),
legends sit outside the axes, and above :data:`MAX_LABELLED_ROWS` rows the
units are drawn without their names (the axis says how many there are; pass
``units=`` to choose the ones to name).

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

__all__ = ["MAX_LABELLED_ROWS", "STATUS_COLORS", "attainment", "ranking", "year_on_year"]

#: Above this many rows (units), a chart draws them without their names.
MAX_LABELLED_ROWS = 60
#: The height of one labelled row, in inches.
_ROW_IN = 0.3
#: The font size of labels (matplotlib's "small" of a 10 pt default), in points.
_SMALL_PT = 8.33

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


def _wrap_title(text: str, width_in: float, size_pt: float = 12) -> str:
    """A title wrapped to the width of its axes (about 70% of the figure's), each line of it."""
    chars = max(int(0.7 * width_in * 72 / (size_pt * 0.55)), 20)
    return "\n".join(part for line in text.split("\n") for part in (textwrap.wrap(line, chars) or [""]))


def _count(n: int, locale: str) -> str:
    """A count with the locale's digit grouping (``3.321``)."""
    from thidua.l10n import format_number

    return format_number(n, locale, digits=0)


def _set_title(fig: Figure, ax: Any, text: str) -> None:
    """Set the axes' title, wrapped to the width the laid-out axes has (long names wrap, never overflow)."""
    ax.set_title(_wrap_title(text, fig.get_figwidth()))
    fig.draw_without_rendering()
    width_in = ax.get_window_extent().width / fig.dpi
    ax.set_title(_wrap_title(text, width_in / 0.7 * 0.95))


def _spread(targets: Sequence[float], gap: float) -> list[float]:
    """Positions near *targets* (in their order) at least *gap* apart: groups of labels that would
    collide are laid out evenly, each group centred on the mean of its targets.

    >>> _spread([1.0, 1.0, 5.0], 1.0)
    [0.5, 1.5, 5.0]
    """
    order = sorted(range(len(targets)), key=lambda i: targets[i])
    groups: list[list[int]] = []
    for i in order:
        groups.append([i])
        while len(groups) > 1:
            last, before = groups[-1], groups[-2]
            centre_before = sum(targets[j] for j in before) / len(before)
            centre_last = sum(targets[j] for j in last) / len(last)
            top_before = centre_before + gap * (len(before) - 1) / 2
            bottom_last = centre_last - gap * (len(last) - 1) / 2
            if bottom_last - top_before >= gap:
                break
            groups[-2:] = [before + last]
    out = [0.0] * len(targets)
    for group in groups:
        centre = sum(targets[j] for j in group) / len(group)
        start = centre - gap * (len(group) - 1) / 2
        for k, j in enumerate(group):
            out[j] = start + k * gap
    return out


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
    labels = [
        _wrap(f"{e.rank}. {names.unit(e.unit, units[e.unit].name if e.unit in units else None)}", 38) for e in entries
    ]
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
        # below the axes, so that it never covers a bar or its label
        fig.legend(loc="outside lower center", fontsize="small", frameon=False)
    # room on the right for the longest score written after its bar
    longest = max((len(t.get_text()) for t in ax.texts), default=0)
    top = max([*maxima, *widths, 1])
    ax.set_xlim(0, top * (1.05 + 0.012 * longest))
    ax.set_xlabel(label("score", locale))
    title = label("ranking_title", locale, cluster=names.cluster(ce.cluster, ce.name), year=evaluation.year)
    if evaluation.sample:
        title += f"\n({label('sample', locale)})"
    _set_title(fig, ax, title)
    return fig


def _wrap(text: str, width: int = 28, lines: int | None = None) -> str:
    """*text* wrapped at *width* characters, at most *lines* lines (the last ending with "…")."""
    wrapped = textwrap.wrap(text, width) or [text]
    if lines is not None and len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(" ".join(wrapped[lines - 1 :]), width, placeholder="…")]
    return "\n".join(wrapped)


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
    every unit that has a target, in the evaluation's order). Above
    :data:`MAX_LABELLED_ROWS` rows, the rows carry neither names nor
    symbols (the colours remain) and the axis says how many units there are.

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
    named = len(rows) <= MAX_LABELLED_ROWS
    unit_labels = [_wrap(names.unit(u.unit, u.name), 36, 2) for u in rows]
    # room for the unit names on the left, and for four lines of each target's wording on top
    name_in = 0.3 + max((len(line) for text in unit_labels for line in text.split("\n")), default=4) * 0.075
    width = (name_in if named else 1.0) + 1.4 * max(len(columns), 2) + 0.4
    height = 2.6 + (_ROW_IN * max(len(rows), 1) if named else 8.0)
    fig = figure_class(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    cmap = ListedColormap([STATUS_COLORS[c] for c in _CODES])
    ax.imshow(
        cells or [[_CODES.index("na")]],
        cmap=cmap,
        vmin=-0.5,
        vmax=len(_CODES) - 0.5,
        aspect="auto",
        interpolation="nearest",
    )
    if named:
        for i, line in enumerate(cells):
            for j, code in enumerate(line):
                ax.text(j, i, _SYMBOLS[_CODES[code]], ha="center", va="center", color="white", fontweight="bold")
        ax.set_yticks(range(len(rows)), unit_labels, fontsize="small")
    else:
        ax.set_yticks([])
        ax.set_ylabel(label("units_unnamed", locale, count=_count(len(rows), locale)))
    ax.set_xticks(range(len(columns)), [_wrap(names.target(t), 18, 4) for t in columns], fontsize="small")
    ax.tick_params(top=True, bottom=False, labeltop=True, labelbottom=False)
    fig.legend(
        handles=[Patch(facecolor=STATUS_COLORS[c], edgecolor="#888888", label=label(c, locale)) for c in _CODES],
        loc="outside lower center",
        ncols=len(_CODES),
        fontsize="small",
        frameon=False,
    )
    title = label("attainment_title", locale, year=evaluation.year)
    if evaluation.sample:
        title += f"\n({label('sample', locale)})"
    _set_title(fig, ax, title)
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
    left: dict[str, Any] = {}
    right: dict[str, Any] = {}
    for row in rows:
        b, a = _value(row, "before", value), _value(row, "after", value)
        if b is not None:
            left.setdefault(row["before_unit"], b)
        if a is not None:
            right.setdefault(row["after_unit"], a)
    named = max(len(left), len(right)) <= MAX_LABELLED_ROWS
    left_labels = {u: _wrap(old.get(u, u), 34, 1) for u in left}
    right_labels = {u: _wrap(names.unit(u, new.get(u)), 34, 1) for u in right}
    longest = max((len(t) for t in [*left_labels.values(), *right_labels.values()]), default=4)
    side_in = 0.2 + longest * 0.075 if named else 1.5
    height = 2.2 + (_ROW_IN * max(len(left), len(right), 1) if named else 8.0)
    fig = figure_class(figsize=(2 * side_in + 3.0, height), layout="constrained")
    ax = fig.add_subplot()
    for row in rows:
        b, a = _value(row, "before", value), _value(row, "after", value)
        b_unit, a_unit = row["before_unit"], row["after_unit"]
        if b is not None and a is not None:
            ax.plot([0, 1], [b, a], marker="o", color="#4c72b0", label=f"{b_unit} → {a_unit}")
        elif b is not None:
            ax.plot([0], [b], marker="o", color="#999999", label=f"{b_unit} → ")
        elif a is not None:
            ax.plot([1], [a], marker="o", color="#999999", label=f" → {a_unit}")
    ax.set_xticks([0, 1], [str(before.year), str(after.year)])
    # the names sit inside the axes, beside their points: as many data units as their width needs
    margin = side_in / 3.0 + 0.06 if named else 0.08
    ax.set_xlim(-margin, 1 + margin)
    if value == "rank":
        ax.invert_yaxis()
    ax.set_ylabel(label({"score": "score", "rank": "rank", "targets_met": "targets_met"}[value], locale))
    title = label("compare_title", locale, before=before.year, after=after.year)
    if before.sample or after.sample:
        title += f"\n({label('sample', locale)})"
    if not named:
        title += "\n" + label("units_unnamed", locale, count=_count(max(len(left), len(right)), locale))
    _set_title(fig, ax, title)
    if named:
        _side_labels(fig, ax, [(left, left_labels, 0, "right"), (right, right_labels, 1, "left")])
    return fig


def _side_labels(fig: Figure, ax: Any, sides: Sequence[tuple[dict[str, Any], dict[str, str], int, str]]) -> None:
    """Name each point beside it, spread apart where names would collide (with a line to the point).

    *sides* holds, for each side, the points (by unit), their names, the x of the points and the
    alignment of the names. Both sides are spread for the same limits of the y axis, which are
    widened until every name fits.
    """
    bottom, top = ax.get_ylim()
    inverted = bottom > top
    columns = [(list(points), [float(v) for v in points.values()]) for points, _texts, _x, _ha in sides]
    placed: list[list[float]] = [targets for _units, targets in columns]
    # lay the figure out to know how many data units a line of text takes; making room for the
    # labels changes that, so this is repeated until they fit in the limits it gives
    for _round in range(8):
        fig.draw_without_rendering()
        low, high = sorted(ax.get_ylim())
        height_px = max(ax.get_window_extent().height, 1.0)
        gap = (_SMALL_PT * 1.5 / 72 * fig.dpi) * (high - low) / height_px
        placed = [_spread(targets, gap) for _units, targets in columns]
        every = [y for ys in placed for y in ys] + [y for _u, ts in columns for y in ts]
        need_low, need_high = min(every) - gap, max(every) + gap
        if need_low >= low and need_high <= high:
            break
        low, high = min(low, need_low), max(high, need_high)
        ax.set_ylim((high, low) if inverted else (low, high))
    for (points, texts, x, ha), (units, _targets), ys in zip(sides, columns, placed, strict=True):
        shift = -0.04 if ha == "right" else 0.04
        for u, y in zip(units, ys, strict=True):
            ax.annotate(
                texts[u],
                xy=(x, float(points[u])),
                xytext=(x + shift, y),
                ha=ha,
                va="center",
                fontsize="small",
                arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 2},
            )
