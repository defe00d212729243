"""Explanations of whole verdicts: a target, a unit, a cluster."""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale

from thidua import model as m
from thidua.engine import Evaluation, RatingOutcome, ScoreOutcome, Status, TargetOutcome, UnitEvaluation
from thidua.l10n._conflicts import render_change, render_conflict
from thidua.l10n._context import Context
from thidua.l10n._names import CampaignLike
from thidua.l10n._steps import lineage_sentences, render_step, same_label

__all__ = ["explain_cluster", "explain_target", "explain_unit"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentences(parts: list[str]) -> str:
    return ". ".join(_cap(p) for p in parts if p)


def render_target(c: Context, outcome: TargetOutcome) -> str:
    """The paragraph of one target outcome, with a shared context."""
    steps = [render_step(c, s) for s in outcome.trace if s.code != "verdict"]
    agreement = c.names.agreement_obj(outcome.subject)
    if agreement is not None:
        steps.insert(
            0,
            c.gettext(
                "Decided once over all the units that signed: %(agreement)s",
                agreement=c.names.agreement(agreement.id),
            ),
        )
    excluded = outcome.status is Status.EXCLUDED
    verdict = c.gettext("left out") if excluded else c.verdict(outcome.status is Status.MET)
    name = c.target(outcome.target)
    if not steps:
        return c.gettext("Target “%(target)s”. Verdict: %(verdict)s.", target=name, verdict=verdict)
    return c.gettext(
        "Target “%(target)s”: %(steps)s. Verdict: %(verdict)s.",
        target=name,
        steps=_sentences(steps),
        verdict=verdict,
    )


def explain_target(outcome: TargetOutcome, *, campaign: CampaignLike, locale: str | Locale = "vi") -> str:
    """One paragraph explaining a target's verdict for a unit or a cluster.

    >>> import thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(campaign, thidua.examples.load_results())
    >>> text = explain_target(ev.target("xa-van-khanh-tay", "bctmt-good"), campaign=campaign, locale="en")
    >>> print(text.replace(". ", ".\\n").replace(": C", ":\\nC"))
    Target “Front work committees of hamlets and quarters completing their tasks well or better”:
    Counts by grade of the units (hamlet or quarter) reported by Xã Vân Khánh Tây.
    8 of 10 units (hamlet or quarter) rated “Completed tasks well” or better, 80%; target: at least 80%.
    Verdict: met.

    .. versionadded:: 0.1.0
    """
    return render_target(Context(campaign, locale), outcome)


def _unit_name(c: Context, unit_id: str, fallback: str) -> str:
    name = c.names.unit(unit_id)
    return fallback if name == unit_id else name


def _score_lines(c: Context, score: ScoreOutcome) -> list[str]:
    lines: list[str] = []
    total_steps = [s for s in score.trace if s.code == "score_total"]
    total = render_step(c, total_steps[-1]) if total_steps else c.num(score.total)
    if score.stage is not None:
        lines.append(
            c.gettext("Score at the stage “%(stage)s”: %(total)s", stage=c.names.stage(score.stage), total=total)
        )
    else:
        lines.append(c.gettext("Score: %(total)s", total=total))
    lines.extend(
        c.gettext("Adjustment: %(step)s", step=render_step(c, s)) for s in score.trace if s.code == "adjustment"
    )
    lines.extend(
        c.gettext("Condition for an adjustment: %(step)s", step=render_step(c, s))
        for s in score.trace
        if s.code not in {"adjustment", "score_total"}
    )
    rubric = next((r for r in c.names.campaign.rubrics if r.id == score.rubric), None)
    groups = {k.id for k in rubric.walk() if k.children} if rubric is not None else set()
    penalties = {k.id for k in rubric.walk() if isinstance(k.method, m.Penalty)} if rubric is not None else set()
    for cs in score.criteria:
        values = {
            "criterion": c.q(c.names.criterion(cs.criterion)),
            "points": c.num(cs.points),
            "maximum": c.num(cs.maximum),
            "bonus": c.num(cs.bonus),
        }
        if cs.criterion in penalties:
            if cs.points:
                head = c.gettext(
                    "“%(criterion)s”: %(points)s points deducted", **{**values, "points": c.num(-cs.points)}
                )
            else:
                head = c.gettext("“%(criterion)s”: no deduction", **values)
        elif cs.bonus:
            head = c.gettext("“%(criterion)s”: %(points)s of %(maximum)s points, bonus %(bonus)s", **values)
        else:
            head = c.gettext("“%(criterion)s”: %(points)s of %(maximum)s points", **values)
        if cs.criterion in groups or not cs.trace or (cs.criterion in penalties and not cs.points):
            lines.append(c.gettext("Criterion group %(criterion)s", criterion=head) if cs.criterion in groups else head)
            continue
        lines.append(head + ". " + _sentences([render_step(c, s) for s in cs.trace]))
    lines.extend(c.gettext("Reviewer change: %(change)s", change=render_change(c, ch)) for ch in score.changes)
    return lines


def _rating_line(c: Context, rating: RatingOutcome) -> str:
    steps = [render_step(c, s) for s in rating.trace]
    if rating.grade is None:
        head = c.gettext("Rating: not rated")
    elif rating.source == "reported":
        head = c.gettext("Rating: %(grade)s, as reported by the unit", grade=c.grade(rating.grade))
        steps = [render_step(c, s) for s in rating.trace if not _same_label(c, s.args)]
    else:
        head = c.gettext("Rating: %(grade)s", grade=c.grade(rating.grade))
    return head + (". " + _sentences(steps) if steps else "") + "."


def _same_label(c: Context, args: object) -> bool:
    """Whether a ``reported`` step only repeats the grade (nothing to add to "as reported")."""
    return isinstance(args, Mapping) and same_label(c, args.get("label"), args.get("grade"))


def _rank_lines(c: Context, evaluation: Evaluation, u: UnitEvaluation) -> list[str]:
    known = {x.cluster for x in evaluation.clusters}
    rankings = [evaluation.cluster(cl).ranking for cl in u.clusters if cl in known]
    rankings += [r for r in evaluation.rankings if r.rank_of(u.unit) is not None]
    lines = []
    for r in rankings:
        rank = r.rank_of(u.unit)
        group = c.group(r.group)
        if rank is None:
            lines.append(c.gettext("Not ranked in %(group)s", group=group))
            continue
        tied = r.is_tied(u.unit)
        values = {"group": group, "rank": c.ordinal(rank), "count": c.num(len(r.entries))}
        if tied:
            lines.append(c.gettext("Ranked %(rank)s of the %(count)s units of %(group)s, tied", **values))
        else:
            lines.append(c.gettext("Ranked %(rank)s of the %(count)s units of %(group)s", **values))
    return lines


def explain_unit(
    evaluation: Evaluation, unit_id: str, *, campaign: CampaignLike, locale: str | Locale = "vi"
) -> list[str]:
    """Every verdict about one unit, one line each, in the reader's language.

    The lines are, in order: a sample-data warning (if the data is an example),
    the unit and its level, its clusters and role, each target with its
    verdict, the score (standard, bonus, deductions, adjustments, total and the
    nominal maximum) with each criterion and every reviewer change, the rating
    with its steps, the rank in each cluster and level, each award with why or
    why not, and the unit's lineage.

    Raises:
        KeyError: if the unit was not evaluated.

    >>> import thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(campaign, thidua.examples.load_results())
    >>> lines = explain_unit(ev, "xa-van-khanh-tay", campaign=campaign, locale="vi")
    >>> print(lines[1])
    Xã Vân Khánh Tây (Xã, thị trấn)
    >>> print(next(line for line in lines if line.startswith("Xếp thứ")))
    Xếp thứ 4 trong 5 đơn vị của Cụm thi đua số 1

    .. versionadded:: 0.1.0
    """
    u = evaluation.unit(unit_id)
    c = Context(campaign, locale)
    lines: list[str] = []
    if evaluation.sample:
        lines.append(c.gettext("Sample data — not real results"))
    lines.append(c.gettext("%(unit)s (%(level)s)", unit=_unit_name(c, u.unit, u.name), level=c.names.level(u.level)))
    lines.extend(_membership(c, cl, u.unit) for cl in u.clusters)
    if u.targets:
        lines.append(
            c.gettext("Targets met: %(met)s of %(count)s", met=c.num(u.targets_met), count=c.num(len(u.targets)))
        )
    lines.extend(render_target(c, t) for t in u.targets)
    if u.score is not None:
        lines.extend(_score_lines(c, u.score))
    else:
        lines.append(c.gettext("Score: none"))
    lines.append(_rating_line(c, u.rating))
    lines.extend(_rank_lines(c, evaluation, u))
    for a in u.awards:
        name = c.names.title(a.title)
        if a.granted:
            status = c.gettext("granted")
        elif a.eligible:
            status = c.gettext("eligible, not granted")
        else:
            status = c.gettext("not granted")
        steps = [render_step(c, s) for s in a.trace]
        lines.append(
            c.gettext("“%(award)s”: %(status)s", award=c.q(name), status=status)
            + (". " + _sentences(steps) if steps else "")
            + "."
        )
    lines.extend(sentence + "." for sentence in lineage_sentences(c, u.unit, list(u.lineage)))
    return lines


def _membership(c: Context, cluster_id: str, unit: str) -> str:
    """The line naming a unit's cluster or block and its role there (cụm trưởng, trưởng khối...)."""
    cluster = c.names.cluster_obj(cluster_id)
    name = c.names.cluster(cluster_id)
    block = c.names.is_block(cluster_id)
    if cluster is not None and cluster.head == unit:
        if block:
            return c.gettext("Block: %(cluster)s, as its head", cluster=name)
        return c.gettext("Cluster: %(cluster)s, as its head", cluster=name)
    if cluster is not None and cluster.deputy == unit:
        if block:
            return c.gettext("Block: %(cluster)s, as its deputy head", cluster=name)
        return c.gettext("Cluster: %(cluster)s, as its deputy head", cluster=name)
    if block:
        return c.gettext("Block: %(cluster)s", cluster=name)
    return c.gettext("Cluster: %(cluster)s", cluster=name)


def explain_cluster(
    evaluation: Evaluation, cluster_id: str, *, campaign: CampaignLike, locale: str | Locale = "vi"
) -> list[str]:
    """A cluster's verdicts, one line each: members, targets, ranking, awards, caps, conflicts.

    Raises:
        KeyError: if there is no such cluster.

    >>> import thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(campaign, thidua.examples.load_results())
    >>> lines = explain_cluster(ev, "cum-2", campaign=campaign, locale="en")
    >>> print(lines[1])
    Emulation cluster no. 2: 6 members
    >>> print(lines[-1])
    Error: 2 units are proposed for “Emulation flag of the provincial Front”, more than the 1 allowed.

    .. versionadded:: 0.1.0
    """
    ce = evaluation.cluster(cluster_id)
    c = Context(campaign, locale)
    cluster = c.names.cluster_obj(cluster_id)
    name = c.names.cluster(cluster_id) if cluster is not None else ce.name
    lines: list[str] = []
    if evaluation.sample:
        lines.append(c.gettext("Sample data — not real results"))
    count = len(cluster.members) if cluster is not None else len(ce.ranking.entries)
    lines.append(
        c.ngettext("%(cluster)s: %(count)s member", "%(cluster)s: %(count)s members", count, cluster=name, count=count)
    )
    block = c.names.is_block(cluster_id)
    if cluster is not None and cluster.head:
        head = c.names.unit(cluster.head)
        lines.append(
            c.gettext("Head of the block: %(unit)s", unit=head) if block else c.gettext("Head: %(unit)s", unit=head)
        )
    if cluster is not None and cluster.deputy:
        deputy = c.names.unit(cluster.deputy)
        lines.append(
            c.gettext("Deputy head of the block: %(unit)s", unit=deputy)
            if block
            else c.gettext("Deputy head: %(unit)s", unit=deputy)
        )
    lines.extend(render_target(c, t) for t in ce.targets)
    lines.append(c.gettext("Ranking:"))
    for e in ce.ranking.entries:
        values = {"rank": c.num(e.rank), "unit": c.names.unit(e.unit), "grade": c.grade(e.grade)}
        if e.score is not None:
            lines.append(c.gettext("%(rank)s. %(unit)s: %(score)s points, %(grade)s", score=c.num(e.score), **values))
        else:
            lines.append(c.gettext("%(rank)s. %(unit)s: %(grade)s", **values))
    if ce.decided_order:
        lines.append(c.gettext("Order decided by the meeting: %(units)s", units=c.units(ce.decided_order)))
    award_ids: list[str] = []
    for a in ce.awards:
        if a.award not in award_ids:
            award_ids.append(a.award)
    for award_id in award_ids:
        outcomes = [a for a in ce.awards if a.award == award_id]
        award = c.names.award(award_id)
        granted = [c.names.unit_in_sentence(a.unit) for a in outcomes if a.granted]
        waiting = [c.names.unit_in_sentence(a.unit) for a in outcomes if a.eligible and not a.granted]
        if granted:
            line = c.gettext("“%(award)s”: granted to %(units)s", award=c.q(award), units=c.listing(granted))
        else:
            line = c.gettext("“%(award)s”: granted to no unit", award=c.q(award))
        if waiting:
            line += "; " + c.gettext("eligible but not granted: %(units)s", units=c.listing(waiting))
        lines.append(line + ".")
    for member in ce.ranking.entries:
        try:
            rating = evaluation.unit(member.unit).rating
        except KeyError:
            continue
        lines.extend(
            c.gettext("%(unit)s: %(step)s", unit=c.names.unit(member.unit), step=render_step(c, s)) + "."
            for s in rating.trace
            if s.code == "cap_cut"
        )
    for conflict in ce.conflicts:
        severity = c.gettext("Error") if conflict.severity == "error" else c.gettext("Information")
        lines.append(
            c.gettext("%(severity)s: %(conflict)s", severity=severity, conflict=render_conflict(c, conflict)) + "."
        )
    return lines
