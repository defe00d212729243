"""The minutes of a cluster's review meeting (biên bản họp bình xét thi đua), after Mẫu 1.9 of Nghị định 30/2020."""

from __future__ import annotations

from typing import Any

from thidua.papers._content import Facts
from thidua.papers._docx import LONG_BLANK, Paper

__all__ = ["build_minutes"]

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def build_minutes(paper: Paper, f: Facts) -> None:
    """Lay out the minutes of the meeting of *f*'s cluster on *paper*."""
    _ = f.t.gettext
    d = f.details
    year = f.ev.year
    number = _("No.: %(number)s/%(kind)s-%(symbol)s") % {
        "number": d.number or "…",
        "kind": "BB",
        "symbol": d.symbol or "…",
    }
    # Mẫu 1.9: a record has no place-and-date line under the quốc hiệu
    paper.header(superior=d.superior, issuer=f.issuer(), number=number, place_date=None)
    paper.title(
        _("MINUTES"),
        _("Review meeting of the emulation year %(year)s of %(cluster)s") % {"year": year, "cluster": f.cluster_name},
    )
    # the meeting's date is the one the results record for it; the details' date is the papers'
    meeting_day = (f.decision.on if f.decision is not None else None) or d.date
    members = f.members
    paper.paragraph(
        _("Start: %(time)s, %(date)s.") % {"time": f.time(d.started), "date": f.date(meeting_day)}, indent=True
    )
    paper.paragraph(_("Venue: %(venue)s.") % {"venue": d.venue or LONG_BLANK})
    attendees = "; ".join(d.attendees) if d.attendees else LONG_BLANK
    paper.paragraph(_("Attending: %(who)s.") % {"who": attendees})
    paper.paragraph(
        _("Members of the cluster (%(count)s): %(units)s.")
        % {"count": f.count(len(members)), "units": f.prose_list(members)}
    )
    paper.paragraph(_("Chair: %(name)s.") % {"name": d.chair or LONG_BLANK})
    paper.paragraph(_("Secretary (minute taker): %(name)s.") % {"name": d.secretary or LONG_BLANK})
    paper.heading(_("PROCEEDINGS"), center=True)

    sections = iter(_ROMAN)
    paper.heading(f"{next(sections)}. " + _("SCORES AND GRADES"))
    stage = f.stage_name(f.score_stage)
    if stage:
        intro = _("The members' points under the campaign's criteria (stage: %(stage)s) were as follows:")
        paper.paragraph(intro % {"stage": stage})
    else:
        paper.paragraph(_("The members' points under the campaign's criteria were as follows:"))
    _score_table(paper, f)

    paper.heading(f"{next(sections)}. " + _("THE MEETING'S DECISION"))
    _decision(paper, f)

    paper.heading(f"{next(sections)}. " + _("PROPOSALS FOR AWARDS"))
    decided = f.meeting_proposals()
    if decided is not None:
        paper.paragraph(_("The meeting agreed to propose:"))
        proposals = decided
    else:
        proposals = f.computed_awards()
        if proposals:
            paper.paragraph(
                _(
                    "The meeting recorded no proposal. Under the campaign's conditions and quotas, "
                    "the units that qualify are:"
                )
            )
        else:
            paper.paragraph(_("The meeting recorded no proposal, and no unit qualifies for an award."))
    paper.bullets(
        [
            _("%(award)s: %(units)s") % {"award": f.award(award), "units": f.prose_list(p.unit for p in group)}
            for award, group in f.by_award(proposals)
        ]
    )

    paper.heading(f"{next(sections)}. " + _("CHECK AGAINST THE RULES"))
    conflicts = f.conflicts()
    if conflicts:
        paper.paragraph(_("Compared with the points and the rules of the campaign:"))
        paper.bullets(conflicts)
    else:
        paper.paragraph(
            _("The order and the proposals agreed by the meeting agree with the points and the rules of the campaign.")
        )

    paper.heading(f"{next(sections)}. " + _("HEAD AND DEPUTY HEAD FOR %(year)s") % {"year": year + 1})
    paper.paragraph(
        _("The meeting elected %(head)s as head and %(deputy)s as deputy head of the cluster for %(year)s.")
        % {"head": d.next_head or LONG_BLANK, "deputy": d.next_deputy or LONG_BLANK, "year": year + 1}
    )
    ended = {"time": f.time(d.ended), "date": f.date(meeting_day)}
    paper.paragraph(_("The meeting ended at %(time)s, %(date)s./.") % ended)

    def secretary(cell: Any) -> None:
        paper.signature(cell, authority=[_("SECRETARY")], post=None, name=d.secretary)

    def chair(cell: Any) -> None:
        paper.signature(cell, authority=[_("CHAIR")], post=None, name=d.chair)

    paper.closing(left=secretary, right=chair)
    paper.paragraph(after=0)
    recipients = [f"- {r};" for r in d.recipients]
    recipients.append("- " + _("Filed: VT, records."))
    paper.recipients(paper.doc, recipients, first=False)


def _score_table(paper: Paper, f: Facts) -> None:
    _ = f.t.gettext
    votes = f.details.votes
    self_column = f.shows_self_assessment
    headers = [_("No."), _("Unit")]
    if self_column:
        headers.append(_("Self-assessed points"))
    headers += [_("Points"), _("Rank by points"), _("Grade")]
    if votes:
        headers.append(_("Votes in favour"))
    rows = []
    for i, u in enumerate(f.members, start=1):
        row = [str(i), f.name(u)]
        if self_column:
            row.append(f.number(f.total(u, f.self_assessed)))
        row += [f.number(f.total(u)), f.rank_text(u), f.grade(u)]
        if votes:
            v = votes.get(u)
            row.append(f.vote(v) if v is not None else "")
        rows.append(row)
    align = ["center", "left"] + ["center"] * (len(headers) - 2)
    align[headers.index(_("Grade"))] = "left"
    paper.table(headers, rows, align=align, size=12)


def _decision(paper: Paper, f: Facts) -> None:
    _ = f.t.gettext
    order = list(f.ce.decided_order) if f.ce is not None else []
    if not order:
        paper.paragraph(_("The meeting recorded no order of its own; the order is the one computed from the points."))
        return
    paper.paragraph(_("After discussion and a vote, the meeting agreed the following order:"))
    votes = f.details.votes
    headers = [_("Agreed place"), _("Unit"), _("Rank by points")]
    if votes:
        headers.append(_("Votes in favour"))
    rows = []
    for i, u in enumerate(order, start=1):
        row = [str(i), f.name(u), f.rank_text(u)]
        if votes:
            v = votes.get(u)
            row.append(f.vote(v) if v is not None else "")
        rows.append(row)
    paper.table(headers, rows, align=["center", "left", "center", "center"][: len(headers)], size=12)
