"""Explanations of whole verdicts: a target, a unit, a cluster."""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale

from thidua import model as m
from thidua.engine import (
    Evaluation,
    RankEntry,
    Ranking,
    RatingOutcome,
    ScoreOutcome,
    Status,
    Step,
    TargetOutcome,
    UnitEvaluation,
)
from thidua.engine._ranking import MISSING_KEY
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
        name = _criterion_name(c, cs.criterion, cs.trace)
        if not cs.counted:
            lines.append(
                c.gettext("“%(criterion)s”: withdrawn", criterion=c.q(name))
                + ". "
                + _sentences([render_step(c, s) for s in cs.trace])
            )
            continue
        values = {
            "criterion": c.q(name),
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


def _criterion_name(c: Context, criterion: str, trace: tuple[Step, ...]) -> str:
    """A criterion's name; an added criterion's comes from its trace (the campaign does not know it)."""
    for s in trace:
        if s.code == "added_criterion":
            name, name_en = s.args.get("name"), s.args.get("name_en")
            if c.t.language == "en" and name_en:
                return str(name_en)
            return str(name) if name else criterion
    return c.names.criterion(criterion)


def _rating_line(c: Context, rating: RatingOutcome) -> str:
    steps = [render_step(c, s) for s in rating.trace]
    if rating.source == "not_reviewed":
        head = c.gettext("Rating: not yet ranked")
    elif rating.source == "rejected":
        head = c.gettext("Rating: none, the result was rejected")
    elif rating.grade is None:
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
    review = u.review
    for r in rankings:
        rank = r.rank_of(u.unit)
        group = c.group(r.group)
        if rank is None:
            if review is not None and review.status == "rejected":
                lines.append(c.gettext("Not ranked in %(group)s: the result was rejected", group=group))
            elif review is not None and review.status == "not_reviewed":
                stage = next((str(s.args.get("stage")) for s in u.rating.trace if s.code == "not_reviewed"), "")
                lines.append(
                    c.gettext(
                        "Not yet ranked in %(group)s: not yet reviewed at the stage “%(stage)s”",
                        group=group,
                        stage=c.q(c.names.stage(stage)),
                    )
                )
            elif u.score is None and u.rating.grade is None:
                lines.append(c.gettext("Not ranked in %(group)s: no score and no grade", group=group))
            else:
                lines.append(c.gettext("Not ranked in %(group)s", group=group))
            continue
        values = {"group": group, "rank": c.ordinal(rank), "count": c.num(len(r.entries))}
        same = _tied_entries(r, u.unit)
        if r.is_tied(u.unit):
            # sharing the place: with whom, and at what value
            lines.append(
                c.gettext(
                    "Ranked %(rank)s of the %(count)s units of %(group)s, tied with %(units)s at %(value)s",
                    units=c.units([e.unit for e in same if e.rank == rank and e.unit != u.unit]),
                    value=_tied_value(c, same[0]),
                    **values,
                )
            )
        else:
            line = c.gettext("Ranked %(rank)s of the %(count)s units of %(group)s", **values)
            lines.append(line + (_tie_text(c, r, u.unit, same) if len(same) > 1 else ""))
    return lines


def _tied_entries(ranking: Ranking, unit: str) -> list[RankEntry]:
    """The entries with the unit's score (or, unscored, its grade): the unit's tie before any tie-break."""
    mine = next(e for e in ranking.entries if e.unit == unit)
    return [e for e in ranking.entries if e.score == mine.score and (mine.score is not None or e.grade == mine.grade)]


def _tied_value(c: Context, entry: RankEntry) -> str:
    if entry.score is not None:
        return c.gettext("%(score)s points", score=c.num(entry.score))
    return "“" + c.q(c.grade(entry.grade)) + "”"


def _tie_break_name(c: Context, descriptor: str) -> str:
    """What a tie-break of :attr:`Ranking.tie_breaks` compares, in words."""
    if descriptor == "@self_score":
        return c.gettext("the self-assessed total")
    if descriptor == "@name":
        return c.gettext("the Vietnamese alphabetical order of names")
    if descriptor.startswith("@stage:"):
        return c.gettext("the total at the stage “%(stage)s”", stage=c.q(c.names.stage(descriptor[len("@stage:") :])))
    if descriptor.startswith("-"):
        return c.gettext("“%(measure)s” (lower first)", measure=c.q(c.names.measure(descriptor[1:])))
    return c.gettext("“%(measure)s” (higher first)", measure=c.q(c.names.measure(descriptor)))


def _tie_text(c: Context, ranking: Ranking, unit: str, same: list[RankEntry]) -> str:
    """Whom the unit is tied with before the tie-breaks, at what value, and what decided the order."""
    others = c.units([e.unit for e in same if e.unit != unit])
    text = "; " + c.gettext("tied at %(value)s with %(units)s", value=_tied_value(c, same[0]), units=others)
    # the keys of the chain, as far as needed to tell the tied units apart
    used: list[str] = []
    for k, descriptor in enumerate(ranking.tie_breaks):
        values = []
        for e in same:
            key = e.keys[k] if k < len(e.keys) else None
            shown = "—" if key is None or key <= MISSING_KEY else c.num(key)
            values.append(c.gettext("%(unit)s %(value)s", unit=c.unit(e.unit), value=shown))
        if descriptor == "@name":
            used.append(_tie_break_name(c, descriptor))
        else:
            used.append(_tie_break_name(c, descriptor) + " (" + c.listing(values) + ")")
        if len({e.keys[: k + 1] for e in same}) == len(same):
            break
    return text + "; " + c.gettext("the order among them follows %(keys)s", keys=c.t.format_list(used))


def explain_unit(
    evaluation: Evaluation, unit_id: str, *, campaign: CampaignLike, locale: str | Locale = "vi"
) -> list[str]:
    """Every verdict about one unit, one line each, in the reader's language.

    The lines are, in order: a sample-data warning (if the data is an example),
    the unit and its level, its clusters and role, each target with its
    verdict, its review history and state (when the results give them), the
    score (standard, bonus, deductions, adjustments, total and the nominal
    maximum) with each criterion and every reviewer change, the rating
    with its steps (or why it is not yet ranked), the rank in each cluster and
    level (with whom it is tied and what decided the order), each award with
    why or why not, and the unit's lineage.

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
    if u.review is not None:
        # each step of the review, then the current state (a line of its own, which says so)
        lines.extend(
            render_step(c, s) if s.code == "review_state" else c.gettext("Review: %(step)s", step=render_step(c, s))
            for s in u.review.trace
        )
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
    Error: 2 units are proposed for “Emulation flag of the provincial Front”, more than the 1 allowed: \
Thị trấn Thứ Mười Một and Xã Đông Thạnh, proposed by Emulation cluster no. 2.

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
    ranked = {e.unit for e in ce.ranking.entries}
    left_out = [u for u in (cluster.members if cluster is not None else ()) if u not in ranked]
    waiting: list[str] = []
    rejected: list[str] = []
    unrated: list[str] = []
    for unit_id in left_out:
        try:
            review = evaluation.unit(unit_id).review
        except KeyError:
            continue
        status = review.status if review is not None else None
        (rejected if status == "rejected" else waiting if status == "not_reviewed" else unrated).append(unit_id)
    if waiting:
        lines.append(c.gettext("Not yet ranked (not yet reviewed): %(units)s", units=c.units(waiting)))
    if rejected:
        lines.append(c.gettext("Not ranked (rejected): %(units)s", units=c.units(rejected)))
    if unrated:
        lines.append(c.gettext("Not ranked (no score and no grade): %(units)s", units=c.units(unrated)))
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
