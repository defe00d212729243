"""What-if: change a threshold or a reported figure, evaluate again, see which verdicts move."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua import _codes as top_codes
from thidua import model as m
from thidua._problems import Problem
from thidua.engine import Evaluation, Prepared, evaluate, prepare
from thidua.errors import ModelError
from thidua.io import _codes as io_codes
from thidua.model import parse_number
from thidua.notebook._labels import Names, label, score_text

__all__ = ["VerdictChange", "WhatIf", "diff", "what_if"]

Verdict = str | bool | int | Fraction | None


@attrs.frozen
class VerdictChange:
    """One verdict that differs between a baseline evaluation and a variant.

    Attributes:
        subject: the unit id (or the cluster id for a cluster-wide target).
        what: ``"target"`` (status), ``"grade"``, ``"score"`` (total points),
            ``"rank"`` (in the unit's first cluster) or ``"award"`` (granted).
        item: the target or award id; ``None`` for grade, score and rank.
        before: the baseline's value.
        after: the variant's value.

    >>> VerdictChange("xa-dong-hung-a", "target", "bctmt-good", "not_met", "met").after
    'met'

    .. versionadded:: 0.1.0
    """

    subject: str
    what: str
    item: str | None
    before: Verdict
    after: Verdict


def diff(baseline: Evaluation, variant: Evaluation) -> tuple[VerdictChange, ...]:
    """Every verdict that differs between two evaluations of the same campaign.

    Compared: each target's status (units and clusters), each unit's grade,
    total score, rank and awards granted. Units present in only one
    evaluation are compared with ``None``.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> diff(ev, ev)
    ()

    .. versionadded:: 0.1.0
    """
    changes: list[VerdictChange] = []

    def targets(ev: Evaluation) -> dict[tuple[str, str], str]:
        out = {(t.subject, t.target): t.status.value for u in ev.units for t in u.targets}
        out.update({(t.subject, t.target): t.status.value for c in ev.clusters for t in c.targets})
        return out

    old_t, new_t = targets(baseline), targets(variant)
    changes.extend(
        VerdictChange(key[0], "target", key[1], old_t.get(key), new_t.get(key))
        for key in sorted(old_t.keys() | new_t.keys())
        if old_t.get(key) != new_t.get(key)
    )
    old_u = {u.unit: u for u in baseline.units}
    new_u = {u.unit: u for u in variant.units}
    for uid in sorted(old_u.keys() | new_u.keys()):
        a, b = old_u.get(uid), new_u.get(uid)
        pairs: list[tuple[str, Verdict, Verdict]] = [
            ("grade", a.rating.grade if a else None, b.rating.grade if b else None),
            ("score", a.score.total if a and a.score else None, b.score.total if b and b.score else None),
            ("rank", a.rank if a else None, b.rank if b else None),
        ]
        changes.extend(VerdictChange(uid, what, None, x, y) for what, x, y in pairs if x != y)
        old_aw = {w.award: w.granted for w in a.awards} if a else {}
        new_aw = {w.award: w.granted for w in b.awards} if b else {}
        changes.extend(
            VerdictChange(uid, "award", award, old_aw.get(award), new_aw.get(award))
            for award in sorted(old_aw.keys() | new_aw.keys())
            if old_aw.get(award) != new_aw.get(award)
        )
    return tuple(changes)


@attrs.frozen(repr=False)
class WhatIf:
    """A variant evaluation and how its verdicts differ from the baseline.

    Attributes:
        evaluation: the variant.
        baseline: the evaluation of the unchanged inputs.
        changes: every verdict that moved (see :func:`diff`).
        campaign: the variant campaign (with the changed targets).
        results: the variant results (with the changed measures).

    >>> import thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> w = what_if(c, r, targets={"bctmt-good": {"at_least": "75%"}})
    >>> w
    <WhatIf an-minh-2022 2022: 4 verdicts changed>
    >>> w.baseline.target("xa-thuan-hoa", "bctmt-good").met, w.evaluation.target("xa-thuan-hoa", "bctmt-good").met
    (False, True)

    .. versionadded:: 0.1.0
    """

    evaluation: Evaluation
    baseline: Evaluation
    changes: tuple[VerdictChange, ...]
    campaign: m.Campaign
    results: m.Results

    def __repr__(self) -> str:
        return f"<WhatIf {self.evaluation.campaign} {self.evaluation.year}: {len(self.changes)} verdicts changed>"

    def __str__(self) -> str:
        if not self.changes:
            return "no verdict changed"
        return "\n".join(
            f"{c.subject}: {c.what}{f' {c.item}' if c.item else ''}: {_plain(c.before)} → {_plain(c.after)}"
            for c in self.changes
        )

    def html_body(self, names: Names) -> str:
        """The table of changes, for :func:`thidua.notebook.to_html`."""
        from thidua.notebook._html import _e, _table, _td

        loc = names.locale
        if not self.changes:
            return f"<p>{_e(label('no_changes', loc))}</p>"
        names = Names(names.campaign or self.campaign, loc)
        rows = []
        for c in self.changes:
            item = names.target(c.item) if c.what == "target" and c.item else names.award(c.item) if c.item else ""
            rows.append(
                [
                    _td(names.unit(c.subject, _unit_name(self.evaluation, c.subject)), title=c.subject),
                    _td(f"{label(c.what, loc)}{': ' + item if item else ''}"),
                    _td(_display(c.before, c.what, names), "num"),
                    _td(_display(c.after, c.what, names), "num"),
                ]
            )
        headers = [label(k, loc) for k in ("unit", "what", "before", "after")]
        return f"<p><b>{_e(label('changes', loc))}</b></p>" + _table(headers, rows)

    def _repr_html_(self) -> str:
        from thidua.notebook._html import to_html

        return to_html(self, campaign=self.campaign)


def _unit_name(ev: Evaluation, unit_id: str) -> str | None:
    for u in ev.units:
        if u.unit == unit_id:
            return u.name
    return None


def _plain(value: Verdict) -> str:
    if value is None:
        return "—"
    return str(value)


def _display(value: Verdict, what: str, names: Names) -> str:
    if value is None:
        return "—"
    if what == "target" and isinstance(value, str):
        return label(value, names.locale)
    if what == "grade" and isinstance(value, str):
        return names.grade(value)
    if what == "score" and isinstance(value, Fraction | int) and not isinstance(value, bool):
        return score_text(value, names.locale)
    if what == "award":
        return "✓" if value else "✗"
    return str(value)


def _evolve_targets(campaign: m.Campaign, targets: Mapping[str, Mapping[str, Any]]) -> m.Campaign:
    found: set[str] = set()
    problems: list[Problem] = []

    def change(t: m.Target) -> m.Target:
        if t.id not in targets:
            return t
        found.add(t.id)
        fields = [f.name for f in attrs.fields(type(t))]
        unknown = sorted(set(targets[t.id]) - set(fields))
        if unknown:
            problems.extend(io_codes.UNKNOWN_FIELD(("targets", t.id, f), field=f) for f in unknown)
            return t
        try:
            return attrs.evolve(t, **targets[t.id])
        except ModelError as exc:
            problems.extend(p.at("targets", t.id) for p in exc.problems)
        except (TypeError, ValueError) as exc:
            problems.append(io_codes.INVALID_VALUE(("targets", t.id), value=type(exc).__name__))
        return t

    agreements = tuple(
        attrs.evolve(
            ag,
            content_areas=tuple(
                attrs.evolve(area, targets=tuple(change(t) for t in area.targets)) for area in ag.content_areas
            ),
        )
        for ag in campaign.agreements
    )
    problems += [top_codes.NO_SUCH_TARGET(("targets", t), target=t) for t in sorted(set(targets) - found)]
    if problems:
        raise ModelError(problems)
    return attrs.evolve(campaign, agreements=agreements)


def _evolve_measures(results: m.Results, measures: Mapping[tuple[str, str], object]) -> m.Results:
    rows = {r.unit: r for r in results.units}
    by_unit: dict[str, dict[str, object]] = {}
    for (unit, measure), value in measures.items():
        by_unit.setdefault(unit, {})[measure] = value
    problems = [top_codes.NO_RESULTS_FOR_UNIT(("measures", u), unit=u) for u in sorted(by_unit) if u not in rows]
    if problems:
        raise ModelError(problems)
    new_rows = []
    for r in results.units:
        if r.unit not in by_unit:
            new_rows.append(r)
            continue
        for measure, value in by_unit[r.unit].items():
            try:
                parse_number(value)
            except ModelError as exc:
                problems.extend(p.at("measures", r.unit, measure) for p in exc.problems)
        if not problems:
            new_rows.append(attrs.evolve(r, measures={**r.measures, **by_unit[r.unit]}))
    if problems:
        raise ModelError(problems)
    return attrs.evolve(results, units=tuple(new_rows))


def what_if(
    campaign: m.Campaign | Prepared,
    results: m.Results,
    *,
    targets: Mapping[str, Mapping[str, Any]] | None = None,
    measures: Mapping[tuple[str, str], object] | None = None,
    stage: str | None = None,
    history: m.History | None = None,
    baseline: Evaluation | None = None,
) -> WhatIf:
    """Evaluate a variant of a campaign and its results, and list the verdicts that change.

    Nothing is modified: the variant is built with :func:`attrs.evolve`, so
    thresholds and figures go through the same converters and checks as a
    file (``"75%"`` is read exactly; a float is refused). Pass a campaign
    prepared with :func:`thidua.prepare` and the *baseline* evaluation to
    avoid repeating work in a loop: when only measures change, the prepared
    campaign is reused as it is.

    Args:
        campaign: the campaign, or one prepared with :func:`thidua.prepare`.
        results: the baseline results.
        targets: new field values per target id, e.g.
            ``{"bctmt-good": {"at_least": "75%"}}``.
        measures: new figures per ``(unit id, measure)``, e.g.
            ``{("xa-van-khanh-tay", "fund_raised"): 150_000_000}``.
        stage: the review stage to evaluate.
        history: past years' records.
        baseline: the evaluation of the unchanged inputs, if already computed.

    Returns:
        A :class:`WhatIf` with the variant evaluation and the changes.

    Raises:
        ModelError: for an unknown target or unit, or a value the model refuses.

    >>> import thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> w = what_if(c, r, measures={("xa-van-khanh-tay", "fund_raised"): 150_000_000})
    >>> print(w)
    xa-van-khanh-tay: target quy-vi-nguoi-ngheo: not_met → met
    xa-van-khanh-dong: award giay-khen: True → False
    xa-van-khanh-tay: score: 899999999/10000000 → 90
    xa-van-khanh-tay: rank: 4 → 3

    With 90 points Vân Khánh Tây ties Vân Khánh Đông for 3rd place, the
    boundary of the quota of Giấy khen (2 of 5 members): the tie is not
    broken, so neither gets it.

    .. versionadded:: 0.1.0
    """
    prepared = campaign if isinstance(campaign, Prepared) else prepare(campaign)
    base_campaign = prepared.campaign
    if baseline is None:
        baseline = evaluate(prepared, results, stage=stage, history=history)
    variant_campaign = base_campaign
    variant_prepared = prepared
    if targets:
        variant_campaign = _evolve_targets(base_campaign, targets)
        variant_prepared = prepare(variant_campaign)
    variant_results = _evolve_measures(results, measures) if measures else results
    variant = evaluate(variant_prepared, variant_results, stage=stage, history=history)
    return WhatIf(variant, baseline, diff(baseline, variant), variant_campaign, variant_results)
