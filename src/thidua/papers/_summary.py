"""The year's summary report (báo cáo tổng kết công tác thi đua), after Mẫu 1.4 of Nghị định 30/2020.

Part I holds the results, every figure from the evaluation: the members,
the targets met per target, the grades, the ranking and leaders, the awards
proposed. The parts only an office can write (the assessment, next year's
directions, recommendations) are headed and left blank.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from thidua.engine import Status
from thidua.papers._content import Facts, Proposed, figures, shortfall
from thidua.papers._docx import BLANK, LONG_BLANK, Paper
from thidua.papers._proposal import place_date, signing

__all__ = ["build_summary"]

#: above this many units not meeting a target, a paper names them no more (the report lists them)
_MAX_NAMED = 30
_FILL = LONG_BLANK * 4


def build_summary(paper: Paper, f: Facts, proposals: list[Proposed]) -> None:
    """Lay out the summary report of *f*'s cluster (or of the whole campaign) on *paper*."""
    _ = f.t.gettext
    d = f.details
    year = f.ev.year
    number = _("No.: %(number)s/%(kind)s-%(symbol)s") % {
        "number": d.number or BLANK,
        "kind": "BC",
        "symbol": d.symbol or BLANK,
    }
    paper.header(superior=d.superior, issuer=f.issuer(), number=number, place_date=place_date(f))
    paper.title(_("REPORT"), _("Summary of the emulation year %(year)s") % {"year": year}, f.cluster_name)
    if d.addressees:
        paper.addressees(d.addressees)
    paper.paragraph(_opening(f))

    paper.heading("I. " + _("RESULTS"))
    paper.heading("1. " + _("Overview"))
    if f.ce is not None:
        _members(paper, f)
    else:
        _campaign_members(paper, f)

    paper.heading("2. " + _("Targets of the agreement"))
    _targets(paper, f)

    paper.heading("3. " + _("Points and grades"))
    _grades(paper, f)

    paper.heading("4. " + _("Emulation awards"))
    _awards(paper, f, proposals)

    paper.heading("5. " + _("General assessment"))
    paper.paragraph(_("a) Strengths: %(text)s") % {"text": _FILL}, align="left")
    paper.paragraph(_("b) Shortcomings and their causes: %(text)s") % {"text": _FILL}, align="left")
    paper.heading("II. " + _("DIRECTIONS AND TASKS FOR %(year)s") % {"year": year + 1})
    paper.paragraph(_FILL, align="left")
    paper.heading("III. " + _("PROPOSALS AND RECOMMENDATIONS"))
    paper.paragraph(_FILL, align="left")
    paper.paragraph(
        _("This is the summary report of the emulation year %(year)s of %(body)s./.")
        % {"year": year, "body": f.issuer()}
    )

    authority, post = signing(f)
    recipients = ["- " + _("As above;")] if d.addressees else []
    recipients += [f"- {r};" for r in d.recipients]
    recipients.append("- " + _("Filed: VT, %(unit)s.") % {"unit": d.filed_with or BLANK})

    def left(cell: Any) -> None:
        paper.recipients(cell, recipients)

    def right(cell: Any) -> None:
        paper.signature(cell, authority=authority, post=post or LONG_BLANK, name=d.signer)

    paper.closing(left=left, right=right)


def _opening(f: Facts) -> str:
    _ = f.t.gettext
    year = f.ev.year
    signed = [
        a.signed_on
        for a in f.campaign.agreements
        if a.signed_on is not None and (f.cluster_id is None or f.cluster_id in a.clusters)
    ]
    if len(set(signed)) == 1:
        return _(
            "Carrying out the emulation agreement of %(year)s signed on %(date)s, %(body)s reports the results "
            "of the emulation year as follows:"
        ) % {"year": year, "date": f.date(signed[0]), "body": f.issuer()}
    return _("Carrying out the emulation movements of %(year)s, %(body)s reports the results as follows:") % {
        "year": year,
        "body": f.issuer(),
    }


def _members(paper: Paper, f: Facts) -> None:
    _ = f.t.gettext
    members = f.members
    paper.paragraph(
        _("%(cluster)s has %(count)s members: %(units)s.")
        % {"cluster": f.cluster_name, "count": f.count(len(members)), "units": f.prose_list(members)}
    )
    cl = f.names.cluster_obj(f.cluster_id) if f.cluster_id else None
    if cl is not None and cl.head:
        line = _("Head of the cluster: %(unit)s.") % {"unit": f.prose(cl.head)}
        if cl.deputy:
            line = _("Head of the cluster: %(unit)s; deputy head: %(deputy)s.") % {
                "unit": f.prose(cl.head),
                "deputy": f.prose(cl.deputy),
            }
        paper.paragraph(line)


def _campaign_members(paper: Paper, f: Facts) -> None:
    _ = f.t.gettext
    paper.paragraph(
        _("%(count)s units were evaluated, in %(clusters)s clusters and blocks.")
        % {"count": f.count(len(f.ev.units)), "clusters": f.count(len(f.ev.clusters))}
    )


def _targets(paper: Paper, f: Facts) -> None:
    _ = f.t.gettext
    rows = f.target_rows()
    if f.ce is not None and f.ce.targets:
        paper.paragraph(_("Targets of the cluster as a whole:"))
        paper.table(
            [_("No."), _("Target"), _("Figures"), _("Result")],
            [
                [str(i), f.names.target(t.target), figures(f, t), _status(f, t.status)]
                for i, t in enumerate(f.ce.targets, start=1)
            ],
            align=["center", "left", "left", "center"],
        )
    if not rows:
        paper.paragraph(_("The members have no targets of their own."))
        return
    paper.paragraph(_("Targets of each member:"))
    table_rows = []
    for i, r in enumerate(rows, start=1):
        met, not_met, excluded = len(r["met"]), len(r["not_met"]), len(r["excluded"])
        decided = met + not_met
        share = f.percent(Fraction(met, decided)) if decided else "—"
        table_rows.append(
            [str(i), f.names.target(r["target"]), f.count(met), f.count(not_met), f.count(excluded), share]
        )
    paper.table(
        [_("No."), _("Target"), _("Units meeting it"), _("Units not meeting it"), _("Not assessed"), _("Share met")],
        table_rows,
        align=["center", "left", "center", "center", "center", "center"],
    )
    all_met = 0
    counted = 0
    for u in f.members:
        met, count = f.targets_of(u)
        if count:
            counted += 1
            all_met += met == count
    if counted:
        paper.paragraph(_("%(ratio)s units met every target.") % {"ratio": f.ratio(all_met, counted)})
    for r in rows:
        missed = r["not_met"]
        if not missed:
            continue
        if len(missed) > _MAX_NAMED:
            paper.paragraph(
                _("%(count)s units did not meet the target “%(target)s” (listed in the detailed report).")
                % {"count": f.count(len(missed)), "target": f.names.target(r["target"])}
            )
            continue
        named = []
        for t in missed:
            lack = shortfall(f, t)
            name = f.prose(t.subject)
            if t.kind == "zero_count" and t.numerator:
                named.append(_("%(unit)s (%(count)s found)") % {"unit": name, "count": f.number(t.numerator)})
            elif lack:
                named.append(_("%(unit)s (short by %(shortfall)s)") % {"unit": name, "shortfall": lack})
            else:
                named.append(name)
        paper.paragraph(
            _("Not met: “%(target)s”: %(units)s.")
            % {"target": f.names.target(r["target"]), "units": f.t.format_list(named)}
        )


def _status(f: Facts, status: Status) -> str:
    _ = f.t.gettext
    return {Status.MET: _("Met"), Status.NOT_MET: _("Not met")}.get(status, _("Excluded"))


def _grades(paper: Paper, f: Facts) -> None:
    _ = f.t.gettext
    if f.ce is None:
        _campaign_grades(paper, f)
        return
    counts = f.grade_counts()
    total = sum(n for _g, n in counts)
    if counts:
        paper.table(
            [_("Grade"), _("Number of units"), _("Share")],
            [[g, f.count(n), f.percent(Fraction(n, total))] for g, n in counts],
            align=["left", "center", "center"],
        )
    stage = f.stage_name(f.score_stage)
    if stage:
        paper.paragraph(_("Points and ranks (stage: %(stage)s):") % {"stage": stage})
    else:
        paper.paragraph(_("Points and ranks:"))
    rows = [
        [str(i), f.name(u), f.number(f.total(u)), f.grade(u), f.rank_text(u)] for i, u in enumerate(f.members, start=1)
    ]
    paper.table(
        [_("No."), _("Unit"), _("Points"), _("Grade"), _("Place")],
        rows,
        align=["center", "left", "center", "left", "center"],
    )
    leaders = f.ce.ranking.leaders
    if leaders:
        shown = {"units": f.prose_list(leaders), "points": f.number(f.total(leaders[0]))}
        paper.paragraph(_("Leading the cluster: %(units)s (%(points)s points).") % shown)


def _campaign_grades(paper: Paper, f: Facts) -> None:
    _ = f.t.gettext
    by_level: dict[str, dict[str | None, int]] = {}
    for u in f.ev.units:
        by_level.setdefault(u.level, {})
        by_level[u.level][u.rating.grade] = by_level[u.level].get(u.rating.grade, 0) + 1
    for level, counts in by_level.items():
        scale = f.campaign.scale_for(level)
        order = [g.id for g in scale.grades] if scale is not None else sorted(g for g in counts if g)
        total = sum(counts.values())
        rows = [
            [f.names.grade(g, level), f.count(counts[g]), f.percent(Fraction(counts[g], total))]
            for g in order
            if counts.get(g)
        ]
        if counts.get(None):
            rows.append([_("Not rated"), f.count(counts[None]), f.percent(Fraction(counts[None], total))])
        paper.paragraph(_("Grades: %(level)s") % {"level": f.names.level(level)}, keep_with_next=True)
        paper.table([_("Grade"), _("Number of units"), _("Share")], rows, align=["left", "center", "center"])
    if f.ev.clusters:
        paper.paragraph(_("Leaders of each cluster:"), keep_with_next=True)
        rows = []
        for i, ce in enumerate(f.ev.clusters, start=1):
            leaders = ce.ranking.leaders
            points = f.number(f.total(leaders[0])) if leaders else "—"
            rows.append([str(i), f.names.cluster(ce.cluster), "; ".join(f.name(u) for u in leaders) or "—", points])
        paper.table(
            [_("No."), _("Cluster"), _("Leading unit"), _("Points")],
            rows,
            align=["center", "left", "left", "center"],
        )


def _awards(paper: Paper, f: Facts, proposals: list[Proposed]) -> None:
    _ = f.t.gettext
    if not proposals:
        paper.paragraph(_("No unit is proposed for an award."))
        return
    groups = f.by_award(proposals)
    if any(p.source == "meeting" for p in proposals):
        intro = _("The review meeting proposed these units for awards:")
    else:
        intro = _("Under the campaign's conditions and quotas, these units qualify for awards:")
    if f.ce is None and len(proposals) > _MAX_NAMED:
        paper.paragraph(intro)
        paper.table(
            [_("No."), _("Form of award"), _("Number of units")],
            [[str(i), f.award(a), f.count(len(g))] for i, (a, g) in enumerate(groups, start=1)],
            align=["center", "left", "center"],
        )
        return
    paper.paragraph(intro)
    paper.bullets(
        [_("%(award)s: %(units)s") % {"award": f.award(a), "units": f.prose_list(p.unit for p in g)} for a, g in groups]
    )
