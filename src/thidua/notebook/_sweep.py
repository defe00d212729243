"""Sweeps: one value of a campaign over a range, every step exact, what meets it and who flips.

A sweep evaluates the campaign once, then moves from one value to the next.
When the value is a field of a target (a threshold, a quota, a deadline) and
each unit sits in one cluster without caps or awards over a whole level, a
step re-evaluates only what can move: the target for every unit that signed
it, then the units whose verdict on it flipped (their score, grade, caps),
the units above them, and their clusters (cluster-wide targets, ranking,
awards). Every other value is swept by evaluating each variant in full.
Either way the verdicts of every step equal a full :func:`thidua.evaluate`
of that step's campaign (tested).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from thidua import model as m
from thidua._gc import paused_gc
from thidua._problems import N_, Problem, shown
from thidua.engine import Evaluation, Prepared, Status, TargetOutcome, UnitEvaluation, evaluate, prepare
from thidua.errors import DataError, MissingExtraError, ModelError
from thidua.notebook import _codes as codes
from thidua.notebook._changes import Path, apply_changes, parse_path, real_path
from thidua.notebook._whatif import VerdictChange, diff, target_statuses

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from thidua.engine._run import Run

__all__ = ["Sweep", "SweepStep", "sweep", "value_range"]

#: The most values one sweep takes.
MAX_VALUES = 1000
#: fields of a target whose change moves it between the units' and the clusters' targets, or renames it
_STRUCTURAL = frozenset({"id", "scope", "parent", "kind"})
#: fields of a target that only set how much is needed: the targets that refine it do not read them
_THRESHOLDS = frozenset({"at_least", "quota", "by", "by_at_least"})

_LABELS = {
    "value": N_("Value"),
    "met": N_("Units meeting it"),
    "became_met": N_("Now met"),
    "became_not_met": N_("No longer met"),
    "changes": N_("Verdicts changed"),
    "granted": N_("%(award)s: granted"),
    "eligible": N_("%(award)s: eligible"),
    "meeting": N_("Units meeting the target"),
    "units": N_("Units"),
    "awards_title": N_("Awards: granted (solid line) and eligible (dashed line)"),
    "threshold": N_("Threshold"),
    "title_target": N_("“%(target)s”: %(field)s from %(first)s to %(last)s, %(year)s"),
    "title": N_("%(parameter)s from %(first)s to %(last)s, %(year)s"),
    "no_target": N_("Units whose verdicts changed"),
    "total": N_("all %(count)s units"),
}


def _label(key: str, locale: str, **values: object) -> str:
    from thidua.l10n import get_translator

    text = get_translator(locale).gettext(_LABELS[key])
    return text % values if values else text


def value_range(start: object, stop: object, step: object) -> tuple[Fraction, ...]:
    """Exact values from *start* to *stop* (included when a step lands on it), *step* apart.

    Values are written as in a file: ``"60%"``, ``"0.6"``, ``"3/5"``, ``60``
    (a whole number is a number, not a percentage, here), or exact numbers.

    Raises:
        DataError: for a value that is not exact, a step that is not above 0,
            or more than 1,000 values.

    >>> vs = value_range("60%", "100%", "1%")
    >>> len(vs), vs[0], vs[1], vs[-1]
    (41, Fraction(3, 5), Fraction(61, 100), Fraction(1, 1))
    >>> value_range(80, 90, 5)
    (Fraction(80, 1), Fraction(85, 1), Fraction(90, 1))

    .. versionadded:: 0.1.0
    """
    problems: list[Problem] = []
    parsed: list[Fraction] = []
    for name, value in (("start", start), ("stop", stop), ("step", step)):
        try:
            parsed.append(_exact(value))
        except ModelError as exc:
            problems.extend(p.at(name) for p in exc.problems)
    if problems:
        raise DataError(problems)
    first, last, by = parsed
    if by <= 0:
        raise DataError(codes.SWEEP_STEP(("step",), value=shown(step)))
    count = math.floor((last - first) / by) + 1 if last >= first else 0
    if count > MAX_VALUES:
        raise DataError(codes.SWEEP_TOO_MANY(limit=MAX_VALUES, count=count))
    return tuple(first + i * by for i in range(count))


def _exact(value: object) -> Fraction:
    if isinstance(value, str) and value.strip().endswith("%"):
        return m.parse_number(value.strip()[:-1]) / 100
    return m.parse_number(value)


@attrs.frozen
class SweepStep:
    """One value of a sweep, and what it does.

    Attributes:
        value: the value, as the campaign holds it (e.g. ``Fraction(3, 4)``).
        met: how many units (and clusters) meet the swept target; ``None``
            when the value is not a target's.
        subjects: how many units (and clusters) the swept target is decided for.
        became_met: who meets the target at this value and did not at the
            previous one (the first step: than with the campaign as it is).
        became_not_met: who no longer meets it.
        grades: how many units are rated each grade.
        granted: how many units get each award.
        eligible: how many units are eligible for each award (the quota's
            effect is the difference).
        changes: every verdict that moved since the previous step (see
            :func:`thidua.notebook.diff`).

    >>> import thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> step = sweep(c, r, "awards.giay-khen.quota.share", ["60%"]).steps[0]
    >>> step.granted["giay-khen"], step.eligible["giay-khen"], step.changes[0].subject
    (6, 9, 'xa-van-khanh-tay')

    .. versionadded:: 0.1.0
    """

    value: Any
    met: int | None
    subjects: int | None
    became_met: tuple[str, ...]
    became_not_met: tuple[str, ...]
    grades: Mapping[str, int]
    granted: Mapping[str, int]
    eligible: Mapping[str, int]
    changes: tuple[VerdictChange, ...]


@attrs.frozen(repr=False)
class Sweep:
    """A value of a campaign over a range: one :class:`SweepStep` per value.

    Attributes:
        parameter: the path of the value swept, as given.
        path: the same path, written out in the campaign (lists by position).
        steps: one per value, in order.
        campaign: the campaign as it is (before any value is applied).
        results: the results evaluated.
        target: the swept target's id, when the value is a target's.
        incremental: whether each step re-evaluated only what can move.

    The sweep keeps no evaluation: :meth:`evaluation` evaluates one step's
    campaign in full when asked. Immutable; it may be shared across threads.

    >>> import thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> s = sweep(c, r, "targets.bctmt-good.at_least", value_range("70%", "90%", "10%"))
    >>> s, s.incremental
    (<Sweep targets.bctmt-good.at_least: 3 values, 0.7 to 0.9>, True)
    >>> [row["met"] for row in s.records()], s.evaluation(2).target("xa-van-khanh-dong", "bctmt-good").met
    ([10, 8, 4], False)

    .. versionadded:: 0.1.0
    """

    parameter: str
    path: tuple[str | int, ...]
    steps: tuple[SweepStep, ...]
    campaign: m.Campaign
    results: m.Results
    stage: str | None = None
    history: m.History | None = attrs.field(default=None, repr=False)
    target: str | None = None
    incremental: bool = False

    def __repr__(self) -> str:
        first, last = self.steps[0].value, self.steps[-1].value
        return f"<Sweep {self.parameter}: {len(self.steps)} values, {_plain(first)} to {_plain(last)}>"

    def variant(self, index: int) -> m.Campaign:
        """The campaign at step *index*."""
        return apply_changes(self.campaign, {self.path: self.steps[index].value})

    def evaluation(self, index: int) -> Evaluation:
        """The full evaluation of step *index*'s campaign (equal to what the sweep found there)."""
        return evaluate(self.variant(index), self.results, stage=self.stage, history=self.history)

    def records(self) -> list[dict[str, Any]]:
        """The table of the sweep: one row per value, exact values, the same keys in every row.

        Keys: ``value``, ``met``, ``subjects``, ``became_met``,
        ``became_not_met`` (ids joined by ", "), ``changes`` (how many
        verdicts moved), then ``granted:AWARD`` and ``eligible:AWARD`` for
        each award, and ``grade:GRADE`` for each grade.
        """
        awards = sorted({a for s in self.steps for a in (*s.granted, *s.eligible)})
        grades = sorted({g for s in self.steps for g in s.grades})
        rows = []
        for s in self.steps:
            row: dict[str, Any] = {
                "value": s.value,
                "met": s.met,
                "subjects": s.subjects,
                "became_met": ", ".join(s.became_met),
                "became_not_met": ", ".join(s.became_not_met),
                "changes": len(s.changes),
            }
            for a in awards:
                row[f"granted:{a}"] = s.granted.get(a, 0)
                row[f"eligible:{a}"] = s.eligible.get(a, 0)
            for g in grades:
                row[f"grade:{g}"] = s.grades.get(g, 0)
            rows.append(row)
        return rows

    def to_pandas(self) -> Any:
        """:meth:`records` as a pandas DataFrame (the ``pandas`` extra); every column keeps ``object`` values."""
        from thidua.tables import _pandas

        pd = _pandas()
        rows = self.records()
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else [], dtype=object)

    def plot(self, *, locale: str = "vi") -> Figure:
        """How many units meet the swept target at each value, and the awards granted and eligible.

        Returns a new :class:`matplotlib.figure.Figure` built without ``pyplot``
        (the ``plot`` extra). The exact values are converted by matplotlib for
        drawing only.
        """
        return _plot(self, locale)

    def _repr_html_(self) -> str:
        from thidua.notebook._html import _e, _table, _td

        locale = "vi"
        names = _names(self.campaign, locale)
        headers = [_label(k, locale) for k in ("value", "met", "became_met", "became_not_met", "changes")]
        rows = []
        for s in self.steps:
            met = "" if s.met is None else f"{s.met}/{s.subjects}"
            rows.append(
                [
                    _td(_shown(s.value, self._share, locale), "num"),
                    _td(met, "num"),
                    _td(", ".join(names.unit(u) for u in s.became_met)),
                    _td(", ".join(names.unit(u) for u in s.became_not_met)),
                    _td(str(len(s.changes)), "num"),
                ]
            )
        return f"<p><b>{_e(self.parameter)}</b></p>" + _table(headers, rows)

    @property
    def _share(self) -> bool:
        return bool(self.path) and self.path[-1] in ("at_least", "at_most", "share")


def _plain(value: object) -> str:
    from thidua.io import number_text as format_number

    if isinstance(value, Fraction):
        return format_number(value)
    return str(value)


def _shown(value: object, share: bool, locale: str) -> str:
    from thidua.l10n import format_number, format_percent

    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        return format_percent(Fraction(value), locale) if share else format_number(Fraction(value), locale)
    return str(value)


def _names(campaign: m.Campaign, locale: str) -> Any:
    from thidua.l10n import Names

    return Names(campaign, locale)


# -- the incremental sweep of a target ------------------------------------------------------------


def _with_target(p: Prepared, campaign: m.Campaign, new: m.Target) -> Prepared:
    """*p* with one target replaced (same id, same scope): what :func:`thidua.prepare` would build."""
    from thidua.formula import parse

    old = p.targets[new.id]
    swapped: dict[int, tuple[m.Target, ...]] = {}

    def swap(ts: tuple[m.Target, ...]) -> tuple[m.Target, ...]:
        found = swapped.get(id(ts))
        if found is None:
            found = swapped[id(ts)] = tuple(new if t is old else t for t in ts)
        return found

    formulas = dict(p.formulas)
    if isinstance(new, m.FormulaTarget):
        formulas[f"target:{new.id}"] = parse(new.formula)
    return attrs.evolve(
        p,
        campaign=campaign,
        targets={**p.targets, new.id: new},
        member_targets={u: swap(ts) for u, ts in p.member_targets.items()},
        cluster_targets={c: swap(ts) for c, ts in p.cluster_targets.items()},
        formulas=formulas,
    )


def _dependents(p: Prepared, target: str) -> set[str]:
    """The target and the "of which" targets that refine it, at any depth."""
    out = {target}
    grew = True
    while grew:
        grew = False
        for t in p.targets.values():
            if isinstance(t, m.OfWhichTarget) and t.parent in out and t.id not in out:
                out.add(t.id)
                grew = True
    return out


def _met_under(t: m.Target, o: TargetOutcome) -> bool | None:
    """Whether an outcome meets *t*'s threshold, from the figures it holds (the rule's own test);
    ``None`` when the figures do not tell (the rule is then run again)."""
    from thidua.engine._compare import ge

    num, den = o.numerator, o.denominator
    if o.status is Status.EXCLUDED or num is None:
        return o.status is Status.MET  # a missing input: the threshold does not matter
    if isinstance(t, m.ShareTarget | m.OfWhichTarget) and isinstance(num, int) and isinstance(den, int):
        th = t.at_least
        return den > 0 and num * th.denominator >= th.numerator * den
    if isinstance(t, m.CountTarget) and isinstance(num, Fraction | int):
        return ge(Fraction(num), t.at_least)
    if isinstance(t, m.QuotaTarget) and t.quota is not None and isinstance(num, int):
        return num >= t.quota
    return None


class _Incremental:
    """One evaluation kept up to date while one target's field moves."""

    def __init__(self, prepared: Prepared, results: m.Results, stage: str | None, history: m.History | None) -> None:
        from thidua.engine._evaluate import check_inputs, execute, subjects_of

        check_inputs(prepared, results, stage, history)
        self.prepared = prepared
        self.subjects = subjects_of(prepared, results)
        self.subject_set = set(self.subjects)
        parts = execute(
            prepared, results, stage, history, subjects=self.subjects, clusters=list(prepared.campaign.clusters)
        )
        assert parts.run is not None  # noqa: S101 - execute keeps its run
        self.run: Run = parts.run
        #: what a change is told by, for each unit: grade, score, rank, awards granted, target statuses
        self.seen: dict[str, _Seen] = {u: _seen(e) for u, e in parts.units.items()}
        self.awards = parts.awards
        self.cluster_targets = target_statuses((), parts.clusters.values())
        self._rubrics: dict[str, tuple[m.Rubric | None, bool]] = {}
        self._signers: dict[str, list[str]] = {}
        self.grades: Counter[str] = Counter(g for u in self.subjects if (g := self.run.grades.get(u)) is not None)
        self.granted: Counter[str] = Counter()
        self.eligible: Counter[str] = Counter()
        for by_unit in self.awards.values():
            for o in by_unit.values():
                self.granted[o.award] += o.granted
                self.eligible[o.award] += o.eligible

    @staticmethod
    def applies(prepared: Prepared, path: tuple[str | int, ...]) -> bool:
        """Whether a change at *path* can be followed incrementally in *prepared*'s campaign."""
        c = prepared.campaign
        target_field = (
            len(path) == 7 and path[0] == "agreements" and path[4] == "targets" and path[6] not in _STRUCTURAL
        )
        local = (
            not any(cap.within == "level" for s in c.scales for cap in s.caps)
            and not any(a.within == "campaign" for a in c.awards)
            and all(len(cls) <= 1 for cls in prepared.unit_clusters.values())
        )
        return target_field and local

    def _evaluate_unit(self, u: str) -> None:
        from thidua.engine._evaluate import evaluate_unit

        level = self.prepared.units[u].level
        found = self._rubrics.get(level)
        if found is None:
            rubric = self.prepared.campaign.rubric_for(level)
            computed_only = rubric is not None and not any(isinstance(k.method, m.Assessed) for k in rubric.leaves())
            found = self._rubrics[level] = (rubric, computed_only)
        evaluate_unit(self.run, u, found[0], computed_only=found[1])

    def statuses(self, target: str) -> dict[str, Status]:
        """The status of *target* for every unit and cluster it is decided for."""
        out = {u: ts[target].status for u, ts in self.run.unit_targets.items() if target in ts}
        out.update({cl: ts[target].status for cl, ts in self.run.cluster_target_out.items() if target in ts})
        return out

    def tallies(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Grades, awards granted and awards eligible, counted over every unit evaluated."""
        return (
            {g: n for g, n in self.grades.items() if n},
            dict(self.granted),
            dict(self.eligible),
        )

    def move(self, prepared: Prepared, target: str, field: str) -> tuple[tuple[VerdictChange, ...], dict[str, Status]]:
        """Follow a change of *field* of the target *target* in *prepared* (its other rules unchanged).

        Returns every verdict that moved, and the new status of *target* for each unit and cluster
        whose status on it changed.
        """
        run, p = self.run, prepared
        self.prepared = p
        run.prepared, run.campaign = p, p.campaign
        # an "of which" target reads its parent's numerator and whether it was left out, never its
        # threshold: a threshold moves the target alone
        deps = {target} if field in _THRESHOLDS else _dependents(p, target)
        for d in deps:
            run._compiled.pop(d, None)  # noqa: SLF001 - the run's caches of the rules that changed
            run._rules.pop(d, None)  # noqa: SLF001
        run._member_rules.clear()  # noqa: SLF001 - keyed by the identity of tuples that were replaced
        signers = self._signers.get(target)
        if signers is None:
            signers = self._signers[target] = [
                u for u in self.subjects if any(t.id == target for t in p.member_targets.get(u, ()))
            ]
        flipped = self._follow(signers, p.targets[target], deps, field)
        flips = {u: run.unit_targets[u][target].status for u in flipped}
        changed = self._reevaluate(flipped)
        clusters = {cl for u in changed for cl in p.unit_clusters.get(u, ())}
        clusters |= {cl for cl, ts in p.cluster_targets.items() if any(t.id in deps for t in ts)}
        # a target decided over all the signatories of an agreement: every cluster that shows it, again
        whole = {t.id for cl in clusters for t in p.cluster_targets.get(cl, ()) if t.id in p.agreement_groups}
        clusters |= {cl for cl, ts in p.cluster_targets.items() if any(t.id in whole for t in ts)}
        before = {cl: self._cluster_status(cl, target) for cl in clusters}
        changes = self._clusters(changed, [c for c in p.campaign.clusters if c.id in clusters])
        for cl in clusters:
            now = self._cluster_status(cl, target)
            if now is not None and now != before[cl]:
                flips[cl] = Status(now)
        return changes, flips

    def _cluster_status(self, cluster: str, target: str) -> str | None:
        """The status of *target* as *cluster* shows it (decided for the agreement when its scope is that)."""
        if not any(t.id == target for t in self.prepared.cluster_targets.get(cluster, ())):
            return None
        whole = self.prepared.agreement_groups.get(target)
        return self.cluster_targets.get((whole[0] if whole is not None else cluster, target))

    def _follow(self, signers: list[str], t: m.Target, deps: set[str], field: str) -> list[str]:
        """Decide the changed target again for the units that signed it; return those whose verdict flipped."""
        from thidua.engine._rules import _Missing, missing_outcome

        run = self.run
        pending, unit_targets = run.pending, run.unit_targets
        flipped: list[str] = []
        if deps == {t.id} and field in _THRESHOLDS:
            # the figures of each outcome tell whether the new threshold is met; the rule is run
            # again only for the units whose verdict flips (or whose figures do not tell)
            decide = run._compiled_rule(t)  # noqa: SLF001 - compiled once for every unit
            tid, met_status = t.id, Status.MET
            share = isinstance(t, m.ShareTarget | m.OfWhichTarget)
            th_num, th_den = (t.at_least.numerator, t.at_least.denominator) if share else (0, 1)  # type: ignore[union-attr]
            for u in signers:
                mine = pending[u]
                old = mine[tid]
                num, den = old.numerator, old.denominator
                if share and type(num) is int and type(den) is int and old.status is not Status.EXCLUDED:
                    # the share rule's own test, in integers: num / den >= threshold
                    if (den > 0 and num * th_den >= th_num * den) is (old.status is met_status):
                        continue
                else:
                    met = _met_under(t, old)
                    if met is not None and met is (old.status is met_status):
                        continue
                try:
                    new = decide(u, None)
                except _Missing as exc:  # a missing input, decided under the missing-input policy
                    new = missing_outcome(run, t, u, exc)
                mine[t.id] = new
                unit_targets[u][t.id] = new
                if new.status is not old.status:
                    flipped.append(u)
            return flipped
        for u in signers:
            mine = pending.get(u, {})
            before = {d: mine.pop(d).status for d in deps if d in mine}
            outcomes = run.member_targets(u)
            unit_targets[u] = outcomes
            if any(outcomes[d].status is not status for d, status in before.items() if d in outcomes):
                flipped.append(u)
        return flipped

    def _reevaluate(self, flipped: list[str]) -> set[str]:
        """Evaluate the flipped units again, level by level from the bottom, with their caps and the
        units above them; return every unit evaluated again or whose grade a cap moved."""
        from thidua.engine._rating import apply_caps

        run, p = self.run, self.prepared
        changed: set[str] = set()
        todo: set[str] = set(flipped)
        rankings, cluster_out = run.rankings, run.cluster_target_out
        run.rankings, run.cluster_target_out = {}, {}  # as in a full run while units are rated
        try:
            while todo:
                level = max({p.units[u].level for u in todo}, key=lambda lv: p.level_index[lv])
                here = sorted(u for u in todo if p.units[u].level == level)
                todo -= set(here)
                for u in here:
                    self.grades[run.grades.get(u) or ""] -= 1
                    run.invalidate(u)
                    self._evaluate_unit(u)
                    self.grades[run.grades.get(u) or ""] += 1
                moved = set(here)
                scale = run.scale(level)
                if scale is not None and scale.caps:
                    groups = [p.clusters[c] for c in sorted({c for u in here for c in p.unit_clusters.get(u, ())})]
                    members = [u for cl in groups for u in cl.members if u in run.ratings and p.units[u].level == level]
                    before = {u: run.grades.get(u) for u in members}
                    for u in members:
                        run.ratings[u] = run.precap[u]
                        run.grades[u] = run.ratings[u].grade
                    apply_caps(run, level, [], groups)
                    for u in members:
                        if run.grades.get(u) != before[u] and u not in here:
                            self.grades[before[u] or ""] -= 1
                            self.grades[run.grades.get(u) or ""] += 1
                    moved |= {u for u in members if run.grades.get(u) != before[u]}
                changed |= moved
                for u in moved:
                    todo |= {a for a in p.ancestors.get(u, {}).values() if a in self.subject_set and a not in changed}
        finally:
            run.rankings, run.cluster_target_out = rankings, cluster_out
        self.grades.pop("", None)
        return changed

    def _clusters(self, changed: set[str], clusters: list[m.Cluster]) -> tuple[VerdictChange, ...]:
        """Cluster-wide targets, rankings and awards of *clusters* again; every verdict that moved."""
        from thidua.engine._awards import award
        from thidua.engine._ranking import rank_units

        run, p = self.run, self.prepared
        # the targets decided over all the signatories of an agreement, decided again once
        agreements = {
            p.agreement_groups[t.id][0]
            for cl in clusters
            for t in p.cluster_targets.get(cl.id, ())
            if t.id in p.agreement_groups
        }
        for subject in agreements:
            run.invalidate(subject)
        for cl in clusters:
            run.invalidate(cl.id)
            run.cluster_target_out[cl.id] = {
                t.id: run.target(t.id, cl.id, cl) for t in p.cluster_targets.get(cl.id, ())
            }
            run.rankings[cl.id] = rank_units(run, cl.id, [u for u in cl.members if u in run.ratings])
        granted: dict[str, set[str]] = {}
        for rule in p.campaign.awards:
            for cl in clusters:
                group = [u for u in cl.members if u in run.ratings and p.units[u].level in rule.levels]
                self.awards[rule.id].update(award(run, rule, [(cl.id, group)], granted))
        touched = changed | {u for cl in clusters for u in cl.members if u in self.subject_set}
        old = {u: self.seen[u] for u in touched if u in self.seen}
        new = {u: self._now(u, u in changed) for u in touched}
        for state, sign in ((old, -1), (new, 1)):
            for one in state.values():
                for award_id, (is_eligible, is_granted) in one[3].items():
                    self.granted[award_id] += sign * is_granted
                    self.eligible[award_id] += sign * is_eligible
        ids = {c.id for c in clusters}
        old_targets = {(u, t): v for u in changed if u in old for t, v in old[u][4].items()}
        old_targets.update({k: v for k, v in self.cluster_targets.items() if k[0] in ids or k[0] in agreements})
        new_targets = {(u, t): v for u in changed for t, v in new[u][4].items()}
        cluster_targets = {
            (t.subject, t.target): t.status.value for cl in clusters for t in run.cluster_target_out[cl.id].values()
        }
        new_targets.update(cluster_targets)
        self.cluster_targets.update(cluster_targets)
        self.seen.update(new)
        return _changes(old, new, old_targets, new_targets)

    def _now(self, u: str, targets: bool) -> _Seen:
        """What a change is told by for unit *u*, from the run (its targets only when *targets*)."""
        run = self.run
        score = run.scores.get(u)
        awards = {a: (by_unit[u].eligible, by_unit[u].granted) for a, by_unit in self.awards.items() if u in by_unit}
        statuses = (
            {tid: o.status.value for tid, o in run.unit_targets.get(u, {}).items()} if targets else self.seen[u][4]
        )
        return (run.grades.get(u), score.total if score is not None else None, run.rank_in(u, None), awards, statuses)


#: a unit's grade, total score, rank, awards (eligible, granted) and target statuses
_Seen = tuple[str | None, Fraction | None, int | None, dict[str, tuple[bool, bool]], dict[str, str]]


def _seen(u: UnitEvaluation) -> _Seen:
    return (
        u.rating.grade,
        u.score.total if u.score is not None else None,
        u.rank,
        {a.award: (a.eligible, a.granted) for a in u.awards},
        {t.target: t.status.value for t in u.targets},
    )


def _changes(
    old: Mapping[str, _Seen],
    new: Mapping[str, _Seen],
    old_targets: Mapping[tuple[str, str], str],
    new_targets: Mapping[tuple[str, str], str],
) -> tuple[VerdictChange, ...]:
    """:func:`thidua.notebook.diff` of the parts that moved, in its order."""
    out = [
        VerdictChange(k[0], "target", k[1], old_targets.get(k), new_targets.get(k))
        for k in sorted(old_targets.keys() | new_targets.keys())
        if old_targets.get(k) != new_targets.get(k)
    ]
    for u in sorted(old.keys() | new.keys()):
        a, b = old.get(u), new.get(u)
        for what, x, y in (
            ("grade", a[0] if a else None, b[0] if b else None),
            ("score", a[1] if a else None, b[1] if b else None),
            ("rank", a[2] if a else None, b[2] if b else None),
        ):
            if x != y:
                out.append(VerdictChange(u, what, None, x, y))
        aw_a = a[3] if a else {}
        aw_b = b[3] if b else {}
        for award_id in sorted(aw_a.keys() | aw_b.keys()):
            x = aw_a[award_id][1] if award_id in aw_a else None
            y = aw_b[award_id][1] if award_id in aw_b else None
            if x != y:
                out.append(VerdictChange(u, "award", award_id, x, y))
    return tuple(out)


def _tallies(ev: Evaluation) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    grades = Counter(u.rating.grade for u in ev.units if u.rating.grade is not None)
    granted: Counter[str] = Counter()
    eligible: Counter[str] = Counter()
    for u in ev.units:
        for a in u.awards:
            granted[a.award] += a.granted
            eligible[a.award] += a.eligible
    return dict(grades), dict(granted), dict(eligible)


def _statuses(ev: Evaluation, target: str) -> dict[str, Status]:
    out = {u.unit: t.status for u in ev.units for t in u.targets if t.target == target}
    out.update({c.cluster: t.status for c in ev.clusters for t in c.targets if t.target == target})
    return out


def sweep(
    campaign: m.Campaign | Prepared,
    results: m.Results,
    parameter: Path,
    values: Iterable[object],
    *,
    stage: str | None = None,
    history: m.History | None = None,
    incremental: bool | None = None,
) -> Sweep:
    """Evaluate a campaign with one of its values set to each of *values* in turn.

    Args:
        campaign: the campaign, or one prepared with :func:`thidua.prepare`.
        results: the results.
        parameter: the path of the value (see :func:`thidua.notebook.what_if`),
            e.g. ``"targets.bctmt-good.at_least"``, ``"awards.giay-khen.quota.share"``,
            ``"scales.thang-mttq-xa.bands.htxs.min"``.
        values: the values, written as in a file or exact, e.g.
            :func:`value_range` ``("60%", "100%", "1%")``.
        stage: the review stage to evaluate.
        history: past years' records.
        incremental: ``False`` evaluates every value in full even when a
            step could re-evaluate only what moves (the same verdicts, slower);
            by default each step re-evaluates only what can move when it can.

    Returns:
        A :class:`Sweep`: per value, how many units meet the target, who
        flips, the grades and the awards granted and eligible.

    Raises:
        DataError: for a path that names nothing, or a value the campaign
            refuses (every problem with its path, and the value).

    >>> import thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> s = sweep(c, r, "targets.bctmt-good.at_least", value_range("75%", "85%", "5%"))
    >>> for x in s.steps:
    ...     print(x.value, x.met, x.became_met, x.became_not_met)
    3/4 10 ('xa-dong-hung-a', 'xa-thuan-hoa') ()
    4/5 8 () ('xa-dong-hung-a', 'xa-thuan-hoa')
    17/20 6 () ('xa-dong-thanh', 'xa-van-khanh-tay')

    At 75% Đông Hưng A and Thuận Hòa (7 of 9 committees rated good or better,
    77.8%) meet the target; at 80% (the agreement) they do not; at 85%
    neither do Đông Thạnh (9 of 11, 81.8%) and Vân Khánh Tây (8 of 10).

    .. versionadded:: 0.1.0
    """
    prepared = campaign if isinstance(campaign, Prepared) else prepare(campaign)
    base = prepared.campaign
    wanted = list(values)
    if not wanted:
        raise DataError(codes.SWEEP_NO_VALUES(("values",)))
    if len(wanted) > MAX_VALUES:
        raise DataError(codes.SWEEP_TOO_MANY(("values",), limit=MAX_VALUES, count=len(wanted)))
    path = real_path(base, parameter)
    variants = _variants(base, path, wanted)
    target_id = _target_at(base, path)
    text = parameter if isinstance(parameter, str) else ".".join(str(x) for x in parse_path(parameter))
    job = _Job(prepared, results, stage, history, path, variants, target_id)
    with paused_gc():
        if incremental is not False and _Incremental.applies(prepared, path):
            steps, incremental = _sweep_incremental(job), True
        else:
            steps, incremental = _sweep_whole(job), False
    return Sweep(text, path, tuple(steps), base, results, stage, history, target_id, incremental)


def _target_at(campaign: m.Campaign, path: tuple[str | int, ...]) -> str | None:
    if len(path) >= 6 and path[0] == "agreements" and path[4] == "targets":
        return _target_of(campaign, path).id
    return None


def _target_of(campaign: m.Campaign, path: tuple[str | int, ...]) -> m.Target:
    """The target at ``agreements[a].content_areas[c].targets[t]`` of a written-out path."""
    a, c, t = (int(x) for x in (path[1], path[3], path[5]))
    return campaign.agreements[a].content_areas[c].targets[t]


def _variants(base: m.Campaign, path: tuple[str | int, ...], values: Sequence[object]) -> list[tuple[Any, m.Campaign]]:
    """Each value with its campaign, validated; every value refused is reported (with the value)."""
    out = []
    problems: list[Problem] = []
    for i, value in enumerate(values):
        try:
            variant = apply_changes(base, {path: value})
        except DataError as exc:
            problems.extend(p.at("values", i) for p in exc.problems)
            continue
        out.append((_value_at(variant, path), variant))
    if problems:
        raise DataError(problems)
    return out


def _value_at(campaign: m.Campaign, path: tuple[str | int, ...]) -> Any:
    obj: Any = campaign
    for token in path:
        if isinstance(obj, tuple):
            obj = obj[token] if isinstance(token, int) else next(x for x in obj if getattr(x, "id", None) == token)
        elif isinstance(obj, Mapping):
            obj = obj.get(str(token))
        else:
            obj = getattr(obj, str(token))
    return obj


@attrs.frozen
class _Job:
    """What every step of a sweep shares."""

    prepared: Prepared
    results: m.Results
    stage: str | None
    history: m.History | None
    path: tuple[str | int, ...]
    variants: list[tuple[Any, m.Campaign]]
    target: str | None


def _step(
    value: Any,
    statuses: tuple[Mapping[str, Status], Mapping[str, Status]],
    tallies: tuple[dict[str, int], dict[str, int], dict[str, int]],
    changes: tuple[VerdictChange, ...],
    target: str | None,
) -> SweepStep:
    before, after = statuses
    grades, granted, eligible = tallies
    met = sum(1 for s in after.values() if s is Status.MET) if target else None
    became = tuple(sorted(k for k, s in after.items() if s is Status.MET and before.get(k) is not Status.MET))
    lost = tuple(sorted(k for k, s in after.items() if s is not Status.MET and before.get(k) is Status.MET))
    return SweepStep(value, met, len(after) if target else None, became, lost, grades, granted, eligible, changes)


def _sweep_incremental(job: _Job) -> list[SweepStep]:
    target = job.target
    assert target is not None  # noqa: S101 - applies() checked the path
    state = _Incremental(job.prepared, job.results, job.stage, job.history)
    current = job.prepared
    statuses = state.statuses(target)
    met = sum(1 for v in statuses.values() if v is Status.MET)
    steps = []
    for value, campaign in job.variants:
        current = _with_target(current, campaign, _target_of(campaign, job.path))
        changes, flips = state.move(current, target, str(job.path[6]))
        became = tuple(sorted(k for k, v in flips.items() if v is Status.MET and statuses.get(k) is not Status.MET))
        lost = tuple(sorted(k for k, v in flips.items() if v is not Status.MET and statuses.get(k) is Status.MET))
        statuses.update(flips)
        met += len(became) - len(lost)
        grades, granted, eligible = state.tallies()
        steps.append(SweepStep(value, met, len(statuses), became, lost, grades, granted, eligible, changes))
    return steps


def _sweep_whole(job: _Job) -> list[SweepStep]:
    target = job.target
    previous = evaluate(job.prepared, job.results, stage=job.stage, history=job.history)
    before = _statuses(previous, target) if target else {}
    steps = []
    for value, campaign in job.variants:
        ev = evaluate(campaign, job.results, stage=job.stage, history=job.history)
        after = _statuses(ev, target) if target else {}
        steps.append(_step(value, (before, after), _tallies(ev), diff(previous, ev), target))
        previous, before = ev, after
    return steps


# -- the plot -------------------------------------------------------------------------------------


def _plot(s: Sweep, locale: str) -> Figure:
    import textwrap

    try:  # not thidua.plot's helper: thidua.plot imports this package (no circle of imports)
        from matplotlib.figure import Figure as figure_class  # noqa: N813 - a class, named as plot's
    except ImportError:
        raise MissingExtraError(N_("charts"), "plot", "matplotlib") from None
    names = _names(s.campaign, locale)
    xs: list[Any] = [x.value for x in s.steps]  # exact; matplotlib converts them for drawing only
    share = s._share  # noqa: SLF001 - the same module's property
    if share:
        xs = [x * 100 for x in xs]
    fig = figure_class(figsize=(8, 7), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    field = str(s.path[-1])
    field_text = _label("threshold", locale) if field in _THRESHOLDS else field
    first, last = _shown(s.steps[0].value, share, locale), _shown(s.steps[-1].value, share, locale)
    if s.target is not None:
        total = s.steps[0].subjects or 0
        top.plot(xs, [x.met for x in s.steps], marker="o", markersize=3, color="#4c72b0", drawstyle="steps-post")
        top.axhline(total, color="#999999", linestyle=":", linewidth=1)
        top.annotate(_label("total", locale, count=total), (xs[0], total), va="bottom", fontsize="small")
        top.set_ylabel(_label("meeting", locale))
        top.set_ylim(0, max(total, 1) * 1.12)
        title = _label(
            "title_target",
            locale,
            target=names.target(s.target),
            field=field_text.lower(),
            first=first,
            last=last,
            year=s.campaign.year,
        )
    else:
        top.plot(xs, [len({c.subject for c in x.changes}) for x in s.steps], marker="o", markersize=3)
        top.set_ylabel(_label("no_target", locale))
        title = _label("title", locale, parameter=s.parameter, first=first, last=last, year=s.campaign.year)
    palette = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
    awards = sorted({a for x in s.steps for a in x.granted})
    for i, award_id in enumerate(awards):
        colour = palette[i % len(palette)]
        name = textwrap.shorten(names.award(award_id), 45, placeholder="…")
        bottom.plot(
            xs,
            [x.granted.get(award_id, 0) for x in s.steps],
            color=colour,
            drawstyle="steps-post",
            label=_label("granted", locale, award=name),
        )
        bottom.plot(
            xs,
            [x.eligible.get(award_id, 0) for x in s.steps],
            color=colour,
            linestyle="--",
            drawstyle="steps-post",
            label=_label("eligible", locale, award=name),
        )
    bottom.set_title(_label("awards_title", locale), fontsize="small")
    bottom.set_ylabel(_label("units", locale))
    if awards:
        bottom.legend(fontsize="x-small", loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2, frameon=False)
    bottom.set_xlabel(field_text + (" (%)" if share else ""))
    fig.suptitle("\n".join(textwrap.wrap(title, 80)), fontsize="medium")
    return fig
