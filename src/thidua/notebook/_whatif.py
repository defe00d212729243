"""What-if: change any rule of a campaign or any input, evaluate again, see which verdicts move and why."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from thidua.l10n._context import Context

from thidua import model as m
from thidua._problems import N_
from thidua.engine import ClusterEvaluation, Evaluation, Prepared, UnitEvaluation, evaluate, prepare
from thidua.errors import DataError
from thidua.notebook._changes import Path, apply_changes
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
    total score, rank (in its first cluster) and awards granted. Units present in only one
    evaluation are compared with ``None``.

    >>> import thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> diff(ev, ev)
    ()

    .. versionadded:: 0.1.0
    """
    return changes_between(
        {u.unit: u for u in baseline.units},
        {u.unit: u for u in variant.units},
        target_statuses(baseline.units, baseline.clusters),
        target_statuses(variant.units, variant.clusters),
    )


def target_statuses(
    units: Iterable[UnitEvaluation], clusters: Iterable[ClusterEvaluation]
) -> dict[tuple[str, str], str]:
    """``(subject, target) → status`` of units' and clusters' target outcomes."""
    out = {(t.subject, t.target): t.status.value for u in units for t in u.targets}
    out.update({(t.subject, t.target): t.status.value for c in clusters for t in c.targets})
    return out


def changes_between(
    old_units: Mapping[str, UnitEvaluation],
    new_units: Mapping[str, UnitEvaluation],
    old_targets: Mapping[tuple[str, str], str],
    new_targets: Mapping[tuple[str, str], str],
) -> tuple[VerdictChange, ...]:
    """The verdicts that differ between two sets of unit evaluations and target statuses, in
    :func:`diff`'s order (a part of two evaluations gives the part of their diff)."""
    changes: list[VerdictChange] = [
        VerdictChange(key[0], "target", key[1], old_targets.get(key), new_targets.get(key))
        for key in sorted(old_targets.keys() | new_targets.keys())
        if old_targets.get(key) != new_targets.get(key)
    ]
    for uid in sorted(old_units.keys() | new_units.keys()):
        a, b = old_units.get(uid), new_units.get(uid)
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

    def explain(self, locale: str = "vi") -> list[str]:
        """Every change, one line each in *locale*'s language, each followed by why the new verdict is so.

        >>> import thidua
        >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
        >>> w = what_if(c, r, targets={"bctmt-good": {"at_least": "75%"}})
        >>> import textwrap
        >>> print(textwrap.fill(w.explain("en")[0], 100))
        Xã Đông Hưng A, target “Front work committees of hamlets and quarters completing their tasks well or
        better”: not met → met
        """
        out: list[str] = []
        for change in self.changes:
            out.extend(explain_change(self.evaluation, change, campaign=self.campaign, locale=locale))
        return out

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


def _rules_of(
    rules: Mapping[Path, object] | None, targets: Mapping[str, Mapping[str, Any]] | None
) -> dict[Path, object]:
    out: dict[Path, object] = dict(rules or {})
    for target, fields in (targets or {}).items():
        for field, value in fields.items():
            out[("targets", target, field)] = value
    return out


def _inputs_of(
    inputs: Mapping[Path, object] | None, measures: Mapping[tuple[str, str], object] | None
) -> dict[Path, object]:
    out: dict[Path, object] = dict(inputs or {})
    for (unit, measure), value in (measures or {}).items():
        out[("units", unit, "measures", measure)] = value
    return out


def what_if(
    campaign: m.Campaign | Prepared,
    results: m.Results,
    *,
    rules: Mapping[Path, object] | None = None,
    inputs: Mapping[Path, object] | None = None,
    targets: Mapping[str, Mapping[str, Any]] | None = None,
    measures: Mapping[tuple[str, str], object] | None = None,
    stage: str | None = None,
    history: m.History | None = None,
    baseline: Evaluation | None = None,
) -> WhatIf:
    """Evaluate a variant of a campaign and its results, and list the verdicts that change.

    Nothing is modified: the variant is a copy with the changes applied,
    validated like a file (``"75%"`` is read exactly, a float is refused, a
    band that leaves a gap or a rubric whose points no longer add up is
    refused), every problem reported with its path in the document. Pass a
    campaign prepared with :func:`thidua.prepare` and the *baseline*
    evaluation to avoid repeating work in a loop: when only inputs change, the
    prepared campaign is reused as it is. To vary one value over a range, use
    :func:`thidua.notebook.sweep`.

    Args:
        campaign: the campaign, or one prepared with :func:`thidua.prepare`.
        results: the baseline results.
        rules: changes to the campaign by path (see below), e.g.
            ``{"targets.bctmt-good.at_least": "75%"}``.
        inputs: changes to the results by path, e.g.
            ``{"units.xa-van-khanh-tay.counts.hamlet.htxs": 4}``.
        targets: new field values per target id (a shorter form of *rules*),
            e.g. ``{"bctmt-good": {"at_least": "75%"}}``.
        measures: new figures per ``(unit id, measure)`` (a shorter form of
            *inputs*), e.g. ``{("xa-van-khanh-tay", "fund_raised"): 150_000_000}``.
        stage: the review stage to evaluate.
        history: past years' records.
        baseline: the evaluation of the unchanged inputs, if already computed.

    A path names a value as the document's file does, list items by their id:
    ``targets.ID.at_least`` (a threshold), ``awards.ID.quota.count`` (a
    quota), ``scales.ID.caps[0].at_most`` (a cap), ``scales.ID.bands.GRADE.min``
    (a band edge), ``criteria.ID.points`` (a criterion's points), ``awards.ID``
    set to ``None`` (a rule removed) or to a new rule (a rule added); and in
    the results ``units.ID.counts.LEVEL.GRADE``, ``units.ID.measures.NAME``,
    ``units.ID.flags.NAME``, ``units.ID.rating``,
    ``units.ID.scores.STAGE.CRITERION`` (points at a stage).

    Returns:
        A :class:`WhatIf` with the variant evaluation, the changes and their explanations.

    Raises:
        DataError: for a path that names nothing, or a change that makes the campaign or the
            results invalid (every problem, with its path).

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

    Raising the band of *hoàn thành tốt* from 70 to 75 points moves Đông Hưng
    (72 points) down to *hoàn thành*, and with it the agreement's target that
    every commune (all 11 that signed it) be rated *hoàn thành tốt* or better:

    >>> w = what_if(c, r, rules={"scales.thang-mttq-xa.bands.htt.min": 75, "scales.thang-mttq-xa.bands.ht.max": 75})
    >>> [(x.subject, x.what, x.item, x.before, x.after) for x in w.changes]  # doctest: +NORMALIZE_WHITESPACE
    [('agreement:giao-uoc-2022', 'target', 'commune-good', 'met', 'not_met'),
     ('xa-dong-hung', 'grade', None, 'htt', 'ht')]

    .. versionadded:: 0.1.0
    """
    prepared = campaign if isinstance(campaign, Prepared) else prepare(campaign)
    base_campaign = prepared.campaign
    rule_changes = _rules_of(rules, targets)
    input_changes = _inputs_of(inputs, measures)
    variant_campaign = apply_changes(base_campaign, rule_changes) if rule_changes else base_campaign
    variant_results = apply_changes(results, input_changes, campaign=variant_campaign) if input_changes else results
    if rule_changes and variant_results is results:
        problems = m.validate_results(variant_campaign, results)
        if any(p.is_error for p in problems):
            raise DataError([p.at("results") for p in problems])
    if baseline is None:
        baseline = evaluate(prepared, results, stage=stage, history=history)
    variant_prepared = prepare(variant_campaign) if rule_changes else prepared
    variant = evaluate(variant_prepared, variant_results, stage=stage, history=history)
    return WhatIf(variant, baseline, diff(baseline, variant), variant_campaign, variant_results)


def _value_text(c: Context, value: Verdict, what: str) -> str:
    if value is None:
        return "—"
    if what == "target" and isinstance(value, str):
        words = {"met": N_("met"), "not_met": N_("not met")}
        return c.gettext(words.get(value, N_("left out")))
    if what == "grade" and isinstance(value, str):
        return c.grade(value)
    if what == "award":
        return c.gettext("granted") if value else c.gettext("not granted")
    return c.num(value)


def explain_change(
    evaluation: Evaluation, change: VerdictChange, *, campaign: m.Campaign, locale: str = "vi"
) -> list[str]:
    """One change, as a line (who, what, before → after), and the explanation of the new verdict, indented.

    *evaluation* is the variant the change leads to; *campaign* its campaign.

    >>> import thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> w = what_if(c, r, inputs={"units.xa-dong-hung.measures.late_reports": 3})
    >>> for line in explain_change(w.evaluation, w.changes[-2], campaign=w.campaign, locale="en"):
    ...     print(line)
    Xã Đông Hưng, rating: Completed tasks well → Completed tasks
      Rating: Completed tasks. 69 points is in the band of “Completed tasks” (at least 50 and below 70).

    .. versionadded:: 0.1.0
    """
    from thidua.l10n._context import Context
    from thidua.l10n._explain import _rank_lines, _rating_line, _score_lines, _sentences, render_target
    from thidua.l10n._steps import render_step

    c = Context(campaign, locale)
    names = c.names
    who = names.unit(change.subject) if names.unit(change.subject) != change.subject else names.cluster(change.subject)
    what = {
        "target": lambda: c.gettext("target “%(target)s”", target=names.target(change.item or "")),
        "grade": lambda: c.gettext("rating"),
        "score": lambda: c.gettext("score"),
        "rank": lambda: c.gettext("rank"),
        "award": lambda: c.gettext("“%(award)s”", award=names.award(change.item or "")),
    }[change.what]()
    head = c.gettext(
        "%(who)s, %(what)s: %(before)s → %(after)s",
        who=who,
        what=what,
        before=_value_text(c, change.before, change.what),
        after=_value_text(c, change.after, change.what),
    )
    head = head[:1].upper() + head[1:]  # a line starts with a capital ("the 2022 agreement …" at its start)
    why: list[str] = []
    try:
        if change.what == "target" and change.item is not None:
            why = [render_target(c, evaluation.target(change.subject, change.item))]
        else:
            u = evaluation.unit(change.subject)
            if change.what == "grade":
                why = [_rating_line(c, u.rating)]
            elif change.what == "score" and u.score is not None:
                why = _score_lines(c, u.score)[:1]
            elif change.what == "rank":
                why = _rank_lines(c, evaluation, u)[:1]
            elif change.what == "award":
                found = [a for a in u.awards if a.award == change.item]
                why = [_sentences([render_step(c, step) for step in found[0].trace]) + "."] if found else []
    except KeyError:
        why = []
    return [head, *("  " + line for line in why if line)]
