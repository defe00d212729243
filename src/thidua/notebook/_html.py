"""HTML tables for Jupyter: campaigns, clusters, evaluations, outcomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from html import escape
from typing import Any

from thidua import model as m
from thidua.engine import (
    ClusterEvaluation,
    Conflict,
    Evaluation,
    Status,
    TargetOutcome,
    UnitEvaluation,
)
from thidua.l10n import format_date, format_number, format_percent, format_vnd
from thidua.notebook._labels import Names, label, score_text

__all__ = ["STYLE", "target_texts", "to_html"]

#: The CSS of every fragment, scoped to ``div.thidua-nb``.
STYLE = (
    "<style>"
    ".thidua-nb{font-size:0.92em;line-height:1.35}"
    ".thidua-nb table{border-collapse:collapse;margin:0.25em 0 0.6em 0}"
    ".thidua-nb th,.thidua-nb td{border:1px solid #d0d0d0;padding:2px 6px;text-align:left;vertical-align:top}"
    ".thidua-nb th{background:#f3f3f3}"
    ".thidua-nb td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".thidua-nb .met{color:#11694d;font-weight:bold}"
    ".thidua-nb .not_met{color:#b02a1a;font-weight:bold}"
    ".thidua-nb .excluded{color:#777}"
    ".thidua-nb .sample{background:#fff3cd;border:1px solid #d9b650;padding:1px 6px;display:inline-block}"
    ".thidua-nb .error{color:#b02a1a}"
    ".thidua-nb h4{margin:0.6em 0 0.2em 0}"
    ".thidua-nb .muted{color:#666}"
    "</style>"
)

_SYMBOL = {Status.MET: "✓", Status.NOT_MET: "✗", Status.EXCLUDED: "–"}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _wrap(body: str) -> str:
    return f'<div class="thidua-nb">{STYLE}{body}</div>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(text: str, cls: str | None = None, title: str | None = None) -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' title="{_e(title)}"' if title else "")
    return f"<td{attrs}>{_e(text)}</td>"


def _verdict_cell(status: Status, locale: str, *, word: bool = True, title: str | None = None) -> str:
    word_text = label(status.value, locale)
    text = f"{_SYMBOL[status]} {word_text}" if word else _SYMBOL[status]
    return _td(text, status.value, title or word_text)


def _sample_banner(sample: bool, locale: str) -> str:
    return f'<p><span class="sample">{_e(label("sample", locale))}</span></p>' if sample else ""


def _num(value: Fraction | int, locale: str) -> str:
    return str(format_number(value, locale=locale))


def _pct(share: Fraction, locale: str, sign: bool = True) -> str:
    """A share as a percentage, marked "≈" when rounded for display (7/9 ≈ 77,7%).

    Rounded shares are rounded down, so that a share below a threshold never
    shows as reaching it (149,999,999 of 150,000,000 is ≈ 99,9%, not 100%).
    """
    if (share * 1000).denominator != 1:
        return "≈ " + str(format_percent(share, locale=locale, policy="floor"))
    return ("= " if sign else "") + str(format_percent(share, locale=locale))


def target_texts(outcome: TargetOutcome, locale: str = "vi") -> tuple[str, str]:
    """The result and the threshold of a target outcome, as a reader sees them.

    >>> from thidua.engine import Status, TargetOutcome
    >>> t = TargetOutcome("bctmt-good", "x", "share", Status.MET, 8, 10, Fraction(4, 5), Fraction(4, 5))
    >>> target_texts(t, "en")
    ('8/10 = 80%', '≥ 80%')
    """
    kind, num, den, share, thr = outcome.kind, outcome.numerator, outcome.denominator, outcome.share, outcome.threshold
    value = "—"
    threshold = "—"
    if kind in ("share", "of_which"):
        if num is not None and den is not None:
            value = f"{num}/{den}" + (f" {_pct(share, locale)}" if share is not None else "")
        if isinstance(thr, Fraction | int):
            threshold = f"≥ {format_percent(thr, locale=locale)}"
        if outcome.alternative is not None:
            other = label("other_base", locale)
            value += f" ({other}: {_pct(outcome.alternative, locale, sign=False)})"
    elif kind == "zero_count":
        value = str(num) if num is not None else "—"
        threshold = "= 0"
    elif kind == "quota":
        if num is not None:
            value = str(format_vnd(num, locale=locale))
            if share is not None:
                value += f" ({_pct(share, locale, sign=False)})"
        if isinstance(thr, int | Fraction):
            threshold = f"≥ {format_vnd(thr, locale=locale)}"
    elif kind in ("count", "change"):
        if num is not None:
            value = _num(num, locale)
        if isinstance(thr, int | Fraction):
            threshold = f"≥ {_num(thr, locale)}"
    elif kind == "deadline":
        for step in outcome.trace:
            done = step.args.get("done")
            if step.code == "deadline" and isinstance(done, dt.date):
                value = str(format_date(done, locale=locale, format="table"))
        if isinstance(thr, dt.date):
            threshold = f"≤ {format_date(thr, locale=locale, format='table')}"
    elif kind == "formula":
        for step in outcome.trace:
            if step.code == "formula":
                threshold = str(step.args.get("formula"))
                value = "✓" if step.args.get("value") else "✗"
    return value, threshold


def _targets_table(outcomes: Sequence[TargetOutcome], names: Names, *, subject: bool = False) -> str:
    loc = names.locale
    headers = [label("unit", loc)] if subject else []
    headers += [label("target", loc), label("value", loc), label("threshold", loc), label("verdict", loc)]
    rows = []
    for t in outcomes:
        value, threshold = target_texts(t, loc)
        cells = [_td(t.subject)] if subject else []
        cells += [
            _td(names.target(t.target), title=t.target),
            _td(value, "num"),
            _td(threshold, "num"),
            _verdict_cell(t.status, loc),
        ]
        rows.append(cells)
    return _table(headers, rows)


def _score_text(u: UnitEvaluation, locale: str) -> str:
    if u.score is None:
        return "—"
    return f"{score_text(u.score.total, locale)} / {score_text(u.score.maximum, locale)}"


def _awards_text(u: UnitEvaluation, names: Names) -> str:
    granted = [names.award(a.award) for a in u.awards if a.granted]
    return ", ".join(granted) if granted else "—"


def _conflict_text(c: Conflict, names: Names) -> str:
    if names.campaign is not None:
        from thidua.l10n import format_conflict
        from thidua.l10n import label as shared_label

        severity = shared_label("Error" if c.severity == "error" else "Information", names.locale)
        return f"{severity}: {format_conflict(c, campaign=names.campaign, locale=names.locale)}"
    args = ", ".join(f"{k}={_plain(v)}" for k, v in c.args.items())
    return f"{c.severity}: {c.code}: {args}" if args else f"{c.severity}: {c.code}"


def _plain(value: object) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_plain(v) for v in value) + ")"
    return str(value)


def _cluster_section(
    ce: ClusterEvaluation, units: Mapping[str, UnitEvaluation], names: Names, *, heading: bool = True
) -> str:
    loc = names.locale
    members = [units[e.unit] for e in ce.ranking.entries if e.unit in units]
    columns: list[str] = []
    for u in members:
        for t in u.targets:
            if t.target not in columns:
                columns.append(t.target)
    headers = [label("rank", loc), label("unit", loc), label("score", loc), label("grade", loc)]
    headers += columns
    headers += [label("awards", loc)]
    granted: dict[str, list[str]] = {}
    for a in ce.awards:
        if a.granted:
            granted.setdefault(a.unit, []).append(names.award(a.award))
    rows = []
    for e in ce.ranking.entries:
        member = units.get(e.unit)
        if member is not None and member.score is not None:
            score = _score_text(member, loc)
        else:
            score = score_text(e.score, loc) if e.score is not None else "—"
        cells = [
            _td(str(e.rank), "num"),
            _td(names.unit(e.unit, member.name if member else None), title=e.unit),
            _td(score, "num"),
            _td(names.grade(e.grade), title=names.grade(e.grade, short=False)),
        ]
        status = {t.target: t for t in member.targets} if member is not None else {}
        for target in columns:
            outcome = status.get(target)
            if outcome is None:
                cells.append(_td(""))
            else:
                value, threshold = target_texts(outcome, loc)
                tip = f"{names.target(target)}: {value} ({threshold})"
                cells.append(_verdict_cell(outcome.status, loc, word=False, title=tip))
        cells.append(_td(", ".join(granted.get(e.unit, [])) or "—"))
        rows.append(cells)
    parts = []
    if heading:
        parts.append(f"<h4>{_e(names.cluster(ce.cluster, ce.name))} <span class='muted'>({_e(ce.cluster)})</span></h4>")
    parts.append(_table(headers, rows))
    named = [c for c in columns if names.target(c) != c]
    if named:
        legend = "; ".join(f"{c} = {names.target(c)}" for c in named)
        parts.append(f"<p class='muted'>{_e(legend)}</p>")
    if ce.targets:
        parts.append(f"<p><b>{_e(label('cluster_targets', loc))}</b></p>")
        parts.append(_targets_table(ce.targets, names))
    if ce.conflicts:
        items = "".join(
            f"<li class='{'error' if c.severity == 'error' else 'muted'}'>{_e(_conflict_text(c, names))}</li>"
            for c in ce.conflicts
        )
        parts.append(f"<p><b>{_e(label('conflicts', loc))}</b></p><ul>{items}</ul>")
    return "".join(parts)


def _short_fingerprint(fp: str) -> str:
    return fp[:8] + "…"


def _evaluation_html(ev: Evaluation, names: Names) -> str:
    loc = names.locale
    head = (
        f"<p><b>{_e(ev.campaign)}</b> · {_e(label('year', loc))} {ev.year} · "
        f"{_e(label('stage', loc))}: {_e(names.stage(ev.stage))} · "
        f"<span class='muted' title='{_e(ev.fingerprint)}'>{_e(label('fingerprint', loc))} "
        f"{_e(_short_fingerprint(ev.fingerprint))}</span></p>"
    )
    parts = [head, _sample_banner(ev.sample, loc)]
    units = {u.unit: u for u in ev.units}
    clustered: set[str] = set()
    for ce in ev.clusters:
        parts.append(_cluster_section(ce, units, names))
        clustered.update(e.unit for e in ce.ranking.entries)
    others = [u for u in ev.units if u.unit not in clustered]
    if others:
        parts.append(f"<h4>{_e(label('units', loc))}</h4>")
        rows = [
            [
                _td(names.unit(u.unit, u.name), title=u.unit),
                _td(_score_text(u, loc), "num"),
                _td(names.grade(u.rating.grade)),
                _td(f"{u.targets_met}/{len(u.targets)}", "num"),
                _td(_awards_text(u, names)),
            ]
            for u in others
        ]
        headers = [label(k, loc) for k in ("unit", "score", "grade", "targets_met", "awards")]
        parts.append(_table(headers, rows))
    return "".join(parts)


def _unit_html(u: UnitEvaluation, names: Names) -> str:
    loc = names.locale
    facts = [
        f"<b>{_e(names.unit(u.unit, u.name))}</b> <span class='muted'>({_e(u.unit)})</span>",
        f"{_e(label('grade', loc))}: {_e(names.grade(u.rating.grade, short=False))}",
        f"{_e(label('score', loc))}: {_e(_score_text(u, loc))}",
        f"{_e(label('rank', loc))}: {_e(u.rank if u.rank is not None else '—')}",
    ]
    parts = ["<p>" + " · ".join(facts) + "</p>"]
    if u.targets:
        parts.append(_targets_table(u.targets, names))
    if u.awards:
        rows = [
            [
                _td(names.award(a.award), title=a.award),
                _td("✓" if a.eligible else "✗", "met" if a.eligible else "not_met"),
                _td("✓" if a.granted else "✗", "met" if a.granted else "not_met"),
            ]
            for a in u.awards
        ]
        parts.append(_table([label(k, loc) for k in ("award", "eligible", "granted")], rows))
    return "".join(parts)


def _threshold_of(t: m.Target, locale: str) -> str:
    if isinstance(t, m.ShareTarget):
        return f"≥ {format_percent(t.at_least, locale=locale)}"
    if isinstance(t, m.OfWhichTarget):
        return f"≥ {format_percent(t.at_least, locale=locale)} ({t.base.value}: {t.parent})"
    if isinstance(t, m.ZeroCountTarget):
        return "= 0"
    if isinstance(t, m.CountTarget):
        return f"{t.measure} ≥ {_num(t.at_least, locale)}"
    if isinstance(t, m.QuotaTarget):
        quota = format_vnd(t.quota, locale=locale) if t.quota is not None else t.quota_measure
        return f"{t.measure} ≥ {quota}"
    if isinstance(t, m.DeadlineTarget):
        return f"{t.event} ≤ {format_date(t.by, locale=locale, format='table')}"
    if isinstance(t, m.ChangeTarget):
        return f"{t.measure} ({t.direction}) ≥ {_num(t.by_at_least, locale)}"
    return t.formula


def _campaign_html(c: m.Campaign, names: Names) -> str:
    from thidua.io._converter import TARGET_KINDS

    loc = names.locale
    title = c.name_en if names.lang == "en" and c.name_en else c.name
    facts = [f"<b>{_e(title)}</b> <span class='muted'>({_e(c.id)})</span>", f"{_e(label('year', loc))} {c.year}"]
    if c.organizer:
        facts.append(f"{_e(label('organizer', loc))}: {_e(c.organizer)}")
    parts = ["<p>" + " · ".join(facts) + "</p>", _sample_banner(c.sample, loc)]
    if c.clusters:
        rows = [
            [
                _td(names.cluster(cl.id), title=cl.id),
                _td(names.unit(cl.head) if cl.head else "—"),
                _td(str(len(cl.members)), "num"),
                _td(", ".join(names.unit(u) for u in cl.members)),
            ]
            for cl in c.clusters
        ]
        headers = [label("cluster", loc), label("head", loc), "#", label("members", loc)]
        parts.append(f"<h4>{_e(label('clusters', loc))}</h4>" + _table(headers, rows))
    targets = c.targets()
    if targets:
        rows = [
            [
                _td(t.id),
                _td(names.target(t.id)),
                _td(TARGET_KINDS.get(type(t), type(t).__name__)),
                _td(_threshold_of(t, loc)),
            ]
            for t in targets
        ]
        headers = [label(k, loc) for k in ("code", "target", "kind", "threshold")]
        parts.append(f"<h4>{_e(label('targets', loc))}</h4>" + _table(headers, rows))
    if c.rubrics:
        rows = [
            [
                _td(r.name_en if names.lang == "en" and r.name_en else r.name, title=r.id),
                _td(", ".join(r.levels)),
                _td(_num(r.total, loc), "num"),
            ]
            for r in c.rubrics
        ]
        headers = [label("rubric", loc), label("level", loc), label("maximum", loc, points="").strip()]
        parts.append(_table(headers, rows))
    if c.awards:
        rows = [[_td(names.award(a.id), title=a.id), _td(", ".join(a.levels)), _td(a.within)] for a in c.awards]
        parts.append(_table([label("award", loc), label("level", loc), label("kind", loc)], rows))
    return "".join(parts)


def _cluster_html(cl: m.Cluster, names: Names) -> str:
    loc = names.locale
    name = cl.name_en if names.lang == "en" and cl.name_en else cl.name
    facts = [
        (
            f"<b>{_e(names.cluster(cl.id, name))}</b> "
            f"<span class='muted'>({_e(cl.id)}, {_e(cl.kind.value)}, {cl.year})</span>"
        ),
        f"{_e(label('head', loc))}: {_e(names.unit(cl.head) if cl.head else '—')}",
        f"{_e(label('deputy', loc))}: {_e(names.unit(cl.deputy) if cl.deputy else '—')}",
    ]
    rows = [[_td(str(i), "num"), _td(names.unit(u)), _td(u)] for i, u in enumerate(cl.members, 1)]
    headers = ["#", label("name", loc), label("code", loc)]
    return "<p>" + " · ".join(facts) + "</p>" + _table(headers, rows)


def to_html(obj: Any, *, campaign: m.Campaign | None = None, locale: str = "vi") -> str:
    """An HTML fragment for a campaign, a cluster, an evaluation, or one of its parts.

    Verdicts are marked with a symbol and a word (✓ Đạt, ✗ Không đạt), not
    with colour alone. Clusters are shown as one compact table each, members
    in rank order, one narrow column per target (hover a cell for the
    figures). Names come from *campaign* when given, so that grades, targets
    and awards are shown by name rather than by id.

    Args:
        obj: a :class:`~thidua.model.Campaign`, :class:`~thidua.model.Cluster`,
            :class:`~thidua.engine.Evaluation`, :class:`~thidua.engine.UnitEvaluation`,
            :class:`~thidua.engine.ClusterEvaluation`, :class:`~thidua.engine.TargetOutcome`,
            a :class:`~thidua.notebook.Explanation` or a :class:`~thidua.notebook.WhatIf`.
        campaign: the campaign evaluated, for names; optional.
        locale: ``"vi"`` (default) or ``"en"``.

    Raises:
        TypeError: for anything else.

    >>> import thidua
    >>> html = to_html(thidua.examples.load_campaign(), locale="en")
    >>> "Emulation cluster no. 1" in html and "≥ 80%" in html
    True

    .. versionadded:: 0.1.0
    """
    from thidua.notebook._explain import Explanation
    from thidua.notebook._whatif import WhatIf

    names = Names(campaign, locale)
    if isinstance(obj, Evaluation):
        body = _evaluation_html(obj, names)
    elif isinstance(obj, ClusterEvaluation):
        body = _cluster_section(obj, {}, names)
    elif isinstance(obj, UnitEvaluation):
        body = _unit_html(obj, names)
    elif isinstance(obj, TargetOutcome):
        body = _targets_table([obj], names, subject=True)
    elif isinstance(obj, m.Campaign):
        body = _campaign_html(obj, Names(campaign or obj, locale))
    elif isinstance(obj, m.Cluster):
        body = _cluster_html(obj, names)
    elif isinstance(obj, Explanation):
        body = obj.html_body()
    elif isinstance(obj, WhatIf):
        body = obj.html_body(names)
    else:
        msg = f"no HTML view for a {type(obj).__name__}"
        raise TypeError(msg)
    return _wrap(body)
